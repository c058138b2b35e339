"""People a report has tied to a party, named again later: "Xi Jinping, general secretary of the CPC
Central Committee, ..." makes a later "Xi invited ..." a mention of the CPC.

Also parties a report has named, named again by the last word of their name alone: a report that
names the Indian National Congress means it by "Congress President Rahul Gandhi".

Only people whose title in this document names a party count (a head of state whose party role the
report never states stays a state counterpart), and a later mention must be the full name or one of
its outer words standing alone ("Xi", "Trong", "Castro"), not part of another capitalised name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from partynet.extract.model import Span
from partynet.extract.people import people_in
from partynet.ingest.chars import whole_word
from partynet.registry.decision import Link

MIN_SHORT_NAME = 2
_CAPITALISED_WORD = re.compile(r"[A-Z][\w'’-]*")
# titles written before a name ("President Xi", "General Secretary Trong"): never a short form of a
# name, and no sign that a short form is part of another name
_TITLES = frozenset(
    "The General Secretary President Vice Chairman Chairwoman Chair Minister Premier Prime Comrade Mr Mrs "
    "Ms Dr Madame Leader Deputy Head Director Ambassador Speaker".split()
)
REASON = "named earlier in the report as a member of this party"
_OF_A_NAME = re.compile(r" of (?:the )?[A-Z]")
HEAD_REASON = "the last word of the name of a party the report names"
MIN_HEAD = 4
# the last words many party names share: alone they name no one party
_GENERIC_HEADS = frozenset(
    "Party Parties Front Union Movement League Alliance Coalition Bloc Organisation Organization Committee "
    "Council Group Association Forum Federation Society Rally Assembly List Platform Initiative "
    "Democrats Republicans Socialists Communists Greens Liberals Conservatives".split()
)


def person_links(
    text: str, spans: list[Span], links: list[Link], party_of: Callable[[str], str]
) -> list[Link]:
    """Links, to their party, of the later mentions of people whose title named a party earlier."""
    named: dict[str, tuple[str, int]] = {}  # name or short form -> (party, where the person was introduced)
    full_names: set[str] = set()
    for sentence in spans:
        for titled in people_in(sentence.text):
            start, end = sentence.start + titled.title_start, sentence.start + titled.title_end
            party = next(
                (k.party_id for k in links if start <= k.start and k.end <= end and k.party_id), None
            )
            if party is None:
                continue
            full_names.add(titled.person.name)
            for form in _forms(titled.person.name):
                named.setdefault(form, (party_of(party), sentence.start + titled.title_start))
    if not named:
        return []
    taken = [(k.start, k.end) for k in links]
    found: list[Link] = []
    for start, form in _occurrences(text, named):
        party, introduced = named[form]
        end = start + len(form)
        if start < introduced or (form not in full_names and _inside_longer_name(text, start, end)):
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        found.append(Link(start, end, form, party, 1.0, REASON))
        taken.append((start, end))
    return found


def _occurrences(text: str, forms: Iterable[str]) -> list[tuple[int, str]]:
    """Where the forms stand in the text, left to right, the longest at a place, none inside another:
    a Latin name as whole words, a Chinese one as written (Han text has no word boundaries). Found by
    plain string search: a regular expression of the names would be compiled anew for every report."""
    places = sorted(
        (start, -len(form), form)
        for form in forms
        for start in _starts(text, form)
        if not form.isascii() or whole_word(text, start, start + len(form))
    )
    found: list[tuple[int, str]] = []
    end = 0
    for start, _, form in places:
        if start >= end:
            found.append((start, form))
            end = start + len(form)
    return found


def _starts(text: str, form: str) -> Iterator[int]:
    start = text.find(form)
    while start >= 0:
        yield start
        start = text.find(form, start + 1)


def _forms(name: str) -> list[str]:
    """The full name and, for Latin names, its first and last words ("Xi Jinping": "Xi", "Jinping")."""
    words = name.split()
    if len(words) < 2 or not name.isascii():
        return [name]
    outer = {words[0], words[-1]}
    return [name, *(w for w in outer if len(w) >= MIN_SHORT_NAME and w not in _TITLES)]


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """'Nguyen' in 'Nguyen Xuan Phuc' is another person: a short form must stand alone."""
    before, after = _capitalised_around(text, start, end)
    return (before is not None and before not in _TITLES) or after is not None


def _capitalised_around(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The capitalised words written right before and right after text[start:end], if any."""
    word_before = re.search(r"([A-Z][\w'’-]*) $", text[max(0, start - 30) : start])
    word_after = _CAPITALISED_WORD.match(text[end + 1 : end + 31]) if text[end : end + 1] == " " else None
    return (word_before.group(1) if word_before else None, word_after.group(0) if word_after else None)


def head_links(
    text: str, links: list[Link], name_of: Callable[[str], str], places: frozenset[str]
) -> list[Link]:
    """Links of a named party's head word standing alone ("Congress" for the Indian National Congress),
    when no other party the report names shares it. A head is the last word of a name that ends on
    its noun (not "... of Vietnam"), and is no place ("United Russia")."""
    parties_by_head: dict[str, set[str]] = {}
    for link in links:
        if link.party_id:
            head = _head(name_of(link.party_id))
            if head and head not in places:
                parties_by_head.setdefault(head, set()).add(link.party_id)
    heads = {head: ids.pop() for head, ids in parties_by_head.items() if len(ids) == 1}
    taken = [(k.start, k.end) for k in links]
    found: list[Link] = []
    for start, head in _occurrences(text, heads):
        end = start + len(head)
        if any(s < end and start < e for s, e in taken) or _inside_name(text, start, end):
            continue
        found.append(Link(start, end, head, heads[head], 1.0, HEAD_REASON))
    return found


def _head(name: str) -> str | None:
    words = name.split()
    if len(words) < 2 or " of " in name or " for " in name:
        return None
    head = words[-1]
    ok = head.isascii() and head.isalpha() and head[0].isupper() and len(head) >= MIN_HEAD
    return head if ok and head not in _GENERIC_HEADS else None


def _inside_name(text: str, start: int, end: int) -> bool:
    """'Congress' in 'National People's Congress', 'Party Congress' or 'Congress of South African Trade
    Unions' is another name; a title after it ('Congress President') is no part of one."""
    before, after = _capitalised_around(text, start, end)
    return (
        (before is not None and before not in _TITLES)
        or (after is not None and after not in _TITLES)
        or _OF_A_NAME.match(text, end) is not None
    )
