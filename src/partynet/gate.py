"""A first-character gate for a pattern: `(?=[abc])` before it, listing every character a match can
start with. Python's `re` skips ahead by such a set on its own only for patterns that open with a plain
literal and respect case; the trigger and date patterns open with a word boundary or a lookbehind, or
ignore case, so without the gate each of their alternatives is tried at every position of the text
(measured: 1.7 times as fast on trigger searches, 2.5 times on month names). A pattern `re` already
skips ahead on is returned as it is: a gate would only slow it.

The set is read from the pattern's parse tree; a pattern whose first character cannot be listed simply
(a category other than digits, a negated set, a pattern that can match nothing) is left ungated, which
is slower but never wrong. Digits stay `\\d` in the gate: in a `str` pattern it also matches digits of
other scripts (fullwidth digits, for one).

Cues go further, for a family of patterns searched on many short texts (the kinds' triggers on every
sentence): each pattern's cues are literal strings one of which every match of it contains, read from
the same tree; one Aho-Corasick scan for all cues (ahocorasick-rs, in Rust) tells which patterns can
match a text at all, and only those are searched (measured: the triggers of a report's sentences in
two fifths of the time). A pattern whose cues cannot be listed is always searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

# the parser `re.compile` uses (`sre_parse` before Python 3.11; the typing stubs do not list it)
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from partynet.gazetteer import Gazetteer

_MAX_GATE = 64  # a wider set would filter little
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")


class _UngateableError(Exception):
    pass


def gated(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` behind a lookahead on the characters its matches start with, when they can be listed."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        if not (pattern.flags & re.IGNORECASE or str(parsed[0][0]) in _ZERO_WIDTH):
            return pattern  # `re` skips ahead by the first characters of such a pattern itself
        first: set[str] = set()
        if _collect(parsed, first) or len(first) > _MAX_GATE:
            return pattern  # a match may start with anything
    except _UngateableError:
        return pattern
    chars = "".join(sorted(first))
    return re.compile(f"(?=[{chars}])(?:{pattern.pattern})", pattern.flags)


def _collect(items: Any, first: set[str]) -> bool:
    """Add to `first` (as members of a regex set) the characters a match of `items` can start with.
    True when the match can be empty. Every alternative of a branch is read, hence no `any()`."""
    for op, value in items:
        name = str(op)
        if name in _ZERO_WIDTH:
            continue  # zero-width: the next item starts the match
        if name == "LITERAL":
            first.add(re.escape(chr(value)))
            return False
        if name == "IN":
            _add_set(value, first)
            return False
        if name == "SUBPATTERN":
            if value[1] & re.IGNORECASE:
                raise _UngateableError("(?i:...)")  # the gate's letters would respect case
            if not _collect(value[-1], first):
                return False
        elif name == "BRANCH":
            empty = [_collect(alternative, first) for alternative in value[1]]
            if not any(empty):
                return False
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            minimum, _, repeated = value
            if not _collect(repeated, first) and minimum > 0:
                return False
        else:
            raise _UngateableError(name)
    return True


def _add_set(members: Any, first: set[str]) -> None:
    for op, value in members:
        name = str(op)
        if name == "LITERAL":
            first.add(re.escape(chr(value)))
        elif name == "RANGE" and value[1] - value[0] < _MAX_GATE:
            first.update(re.escape(chr(c)) for c in range(value[0], value[1] + 1))
        elif name == "CATEGORY" and str(value) == "CATEGORY_DIGIT":
            first.add(r"\d")
        else:
            raise _UngateableError(name)


# Characters that a pattern ignoring case takes for ASCII letters but lower case does not turn into
# them: 'İ' and 'ı' for i, 'ſ' for s (found by trying every code point; the Kelvin sign lowers to 'k').
_CASE_TRAPS = "\u0130\u0131\u017f"


def lower_case_is_faithful(text: str) -> bool:
    """Whether finding a lower-case ASCII string in the text's lower case finds what a pattern that
    ignores case finds in the text."""
    return text.isascii() or not any(trap in text for trap in _CASE_TRAPS)  # `in` runs in C, as memchr


@dataclass(frozen=True, slots=True)
class Cues:
    """Literal strings one of which every match of a pattern contains. Those of a pattern that ignores
    case are ASCII, in lower case, and looked for in the text in lower case."""

    strings: frozenset[str]
    ignore_case: bool = False
    # all of them in one pattern of literals, which `re` skips through by their first characters
    _any: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        alternatives = sorted(map(re.escape, self.strings), key=len, reverse=True)
        object.__setattr__(self, "_any", re.compile("|".join(alternatives)))

    def in_text(self, text: str) -> bool:
        if self.ignore_case:
            if not lower_case_is_faithful(text):
                return True  # a match may be spelt with a letter lower case does not give
            text = text.lower()
        return self._any.search(text) is not None


def cues(pattern: re.Pattern[str]) -> Cues | None:
    """The cues of a pattern, or None when they cannot be listed. Of the sets that could be listed the
    one whose shortest string is longest is given: longer strings rule out more texts."""
    try:
        found = _cues(sre_parse.parse(pattern.pattern, pattern.flags))
    except _UngateableError:
        return None
    if found is None or not pattern.flags & re.IGNORECASE:
        return Cues(found) if found else None
    if not all(map(str.isascii, found)):
        return None
    return Cues(frozenset(c.lower() for c in found), ignore_case=True)


def _cues(items: Any) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run = ""  # consecutive literal characters: the simplest cue

    def better(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            run += chr(value)
            continue
        better(frozenset((run,)) if run else None)
        run = ""
        if name == "SUBPATTERN":
            if value[1] & re.IGNORECASE:
                raise _UngateableError("(?i:...)")  # cues are literal strings, as written
            better(_cues(value[-1]))
        elif name == "BRANCH":
            alternatives = [found for alternative in value[1] if (found := _cues(alternative))]
            if len(alternatives) == len(value[1]):  # every alternative must be told by a cue of its own
                better(frozenset().union(*alternatives))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and value[0] >= 1:
            better(_cues(value[2]))  # what is repeated at least once is in every match
    better(frozenset((run,)) if run else None)
    return best


class CueFilter:
    """Which of a sequence of patterns can match a text, by their cues: a pattern none of whose cues is
    in the text cannot match it. Patterns without cues can always match."""

    __slots__ = ("_always", "_as_written", "_ignoring_case", "_in_lower_case")

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        of_cue: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})  # as written, in lower case
        always = set()
        for index, pattern in enumerate(patterns):
            found = cues(pattern)
            if found is None:
                always.add(index)
                continue
            for cue in found.strings:
                of_cue[found.ignore_case].setdefault(cue, set()).add(index)
        self._always = frozenset(always)
        self._ignoring_case = frozenset(i for indexes in of_cue[1].values() for i in indexes)
        self._as_written, self._in_lower_case = (
            Gazetteer({cue: frozenset(indexes) for cue, indexes in found.items()}, overlapping=True)
            for found in of_cue
        )

    def possible(self, text: str) -> frozenset[int]:
        """Indexes of the patterns that may match `text`."""
        found = self._always.union(*set(self._as_written.values_in(text)))  # a cue may come back often
        if not self._ignoring_case:
            return found
        if not lower_case_is_faithful(text):
            return found | self._ignoring_case
        return found.union(*set(self._in_lower_case.values_in(text.lower())))


def may_match(found_cues: Cues | None, text: str) -> bool:
    """Whether a text has one of a pattern's cues (or the pattern has none listed): for a pattern
    searched on a whole text, where a few substring searches are cheaper than one search of it."""
    return found_cues is None or found_cues.in_text(text)


class StartsWithOneOf:
    """A pattern every match of which starts with one of some literal strings, tried only where one of
    them starts (all found in one scan): it finds what `pattern.finditer` finds, and a pattern that
    opens with a long alternation of names is not tried at every character of the text."""

    __slots__ = ("_starts", "pattern")

    def __init__(self, literals: Iterable[str], pattern: re.Pattern[str]) -> None:
        self._starts = Gazetteer(dict.fromkeys(literals), overlapping=True)
        self.pattern = pattern

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        end = 0
        for start in sorted({start for start, _, _, _ in self._starts.find(text)}):
            if start < end:
                continue  # inside the last match: finditer goes on from its end
            match = self.pattern.match(text, start)
            if match:
                yield match
                end = match.end()
