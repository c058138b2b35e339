"""From a party named in text to one party of the registry, with the reasons why.

Mentions are found with one Aho-Corasick automaton over every alias of the registry, on folded text
(folding keeps offsets, so a match is a span of the document as written). Each candidate party of a
mention is scored by the rules of rules.py, each a named function that returns its evidence: a score,
a reason a reviewer can read, and the alias or span it relied on. A mention is linked only when the
best candidate is clearly ahead; otherwise it stays unlinked with its candidates, and a name that is
in no alias at all becomes an unlinked mention with a proposed registry entry.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from partynet.gate import StartsWithOneOf
from partynet.gazetteer import Gazetteer
from partynet.ingest.chars import HAN, whole_word
from partynet.registry import names
from partynet.registry.decision import Candidate, Link, ProposedEntry, best_per_party, decide
from partynet.registry.model import Alias, AliasKind, Mechanism, Party, PartyType
from partynet.registry.registry import Registry
from partynet.registry.rules import (
    ALIAS_RULES,
    Context,
    Evidence,
    Rule,
    context_rules_for,
)

SEARCH_CUTOFF = 80  # looser for a name a user typed: ranked candidates, not a link
SHORTEST_FUZZY = 4  # shorter queries ('ANC') are abbreviations: variants of them mean nothing
FUZZY_LIMIT = 10
FUZZY_CACHE = 20_000
MIN_ADJECTIVE_STEM = 3  # letters of a word before a title compared with country names ("Lao")
_WORD_BEFORE = re.compile(r"([A-Z][a-z]+)\s+$")
FUZZY_CUTOFF = 90  # rapidfuzz score (0-100) from which a name not in the registry is a variant of one
# Upper-case words that are abbreviations of some party somewhere but mostly mean something else.
COMMON_ABBREVIATIONS = frozenset(
    "US UK EU UN AU IT TV PM MP AI ID OK AND THE FOR NEW ONE CEO GDP USA UAE ASEAN BRICS NATO WHO".split()
    # news agencies, named in datelines: "HAVANA, Oct 26 (ACN)"
    + "ACN AFP AP TASS KCNA VNA ANI IANS UPI DPA EFE ANSA APA KPL AKP".split()
)
SHORT_ALIAS = 5  # aliases this short (Latin) are matched as whole words with their case
MIN_QUOTED_NAME = 2  # characters of a quoted name before 党 from which it is one: “新”党 is not
_SENTENCE_END = re.compile(r"[.!?。！？\n]")
_KIND_WORDS = frozenset(("party", "front", "movement", "alliance", "union", "congress", "league"))
_OF_COUNTRY = re.compile(r"\s(?:of|for)\s+(?:the\s+)?")
_PARTY_ENDINGS_ZH = "党|黨|阵线|陣線|运动|運動|联盟|聯盟|大会|大會"
_POSSESSIVE_COUNTRY = re.compile(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})['’]s\s+$")


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    key: str


@dataclass(slots=True)
class Linker:
    registry: Registry
    _aliases: dict[str, list[tuple[str, int]]] = field(init=False)
    _automaton: Gazetteer[list[tuple[str, int]]] = field(init=False)
    _countries: Gazetteer[list[tuple[str, int]]] = field(init=False)
    _short: dict[str, list[tuple[str, int]]] = field(init=False)
    _short_keys: dict[str, str] = field(init=False)
    _short_automaton: Gazetteer[str] = field(init=False)
    _party_like_zh: StartsWithOneOf = field(init=False)
    # per alias: what the rules that ignore the text say of it, and the context rules that may speak of it
    _alias_evidence: dict[
        tuple[str, str, AliasKind], tuple[tuple[Evidence | None, ...], tuple[Rule, ...]]
    ] = field(init=False)
    _mechanisms: Gazetteer[list[tuple[str, int]]] = field(init=False)
    _mechanism_of: dict[str, Mechanism] = field(init=False)
    _short_mechanisms: Gazetteer[str] = field(init=False)
    _fuzzy_cache: dict[str, list[tuple[str, float]]] = field(init=False)
    _keys: list[str] = field(init=False)
    _keys_by_length: list[str] = field(init=False)
    _key_lengths: list[int] = field(init=False)
    _title_keys: frozenset[str] = field(init=False)
    _country_names: tuple[str, ...] = field(init=False)
    country_names: frozenset[str] = field(init=False)  # countries' names and other names, as written
    # the last text folded, and its folding: a report is folded once for its forums and its parties
    _last_folded: tuple[str, str] = field(init=False, default=("", ""))

    def __post_init__(self) -> None:
        self._alias_evidence = {}
        self._fuzzy_cache = {}
        self._aliases = defaultdict(list)
        self._short = defaultdict(list)
        for party in self.registry.parties:
            for index, alias in enumerate(party.aliases):
                key = self.registry.folder.key(alias.text)
                if len(key) >= 2 and (party.id, index) not in self._aliases[key]:
                    self._aliases[key].append((party.id, index))
                if _is_short(key):
                    self._short[alias.text.strip()].append((party.id, index))
        quoted = _quoted_names(self._aliases)
        # short Latin aliases ('ANC', 'KKE') are looked up as whole words, case and all: in the
        # automaton they would match inside every other word of the text
        self._automaton = Gazetteer({k: v for k, v in self._aliases.items() if not _is_short(k)} | quoted)
        self._short_keys = {text: self.registry.folder.key(text) for text in self._short}
        self._short_automaton = Gazetteer({text: text for text in self._short})
        self._keys = sorted(self._aliases)
        self._title_keys = frozenset(
            key
            for key, entries in self._aliases.items()
            if all(self._alias(pid, i).kind is AliasKind.TITLE for pid, i in entries)
        )
        self._country_names = tuple(c.name.lower() for c in self.registry.countries)
        self.country_names = frozenset(
            name for c in self.registry.countries for name in (c.name, *c.aliases) if name
        )
        self._keys_by_length = sorted(self._aliases, key=len)
        self._key_lengths = [len(k) for k in self._keys_by_length]
        self._aliases.update(quoted)  # resolved as their names are; never a fuzzy match's target
        country_keys: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for country in self.registry.countries:
            for name in (country.name, country.name_zh, country.name_zh_hant, *country.aliases):
                if name:
                    country_keys[self.registry.folder.key(name)].append((country.iso3, 0))
        self._countries = Gazetteer(country_keys)
        self._mechanism_of = {m.id: m for m in self.registry.mechanisms}
        mechanism_keys, short_mechanisms = _mechanism_names(self.registry)
        self._mechanisms = Gazetteer(mechanism_keys)
        # short names ('IMCWP') as written, as whole words: folded, they would match inside other words
        self._short_mechanisms = Gazetteer(short_mechanisms)
        # a Chinese party name nobody registered is written after its country: 孟加拉国国家公民党
        chinese_countries = sorted(
            {n for c in self.registry.countries for n in (c.name_zh, c.name_zh_hant) if n and "（" not in n},
            key=len,
            reverse=True,
        )
        self._party_like_zh = StartsWithOneOf(
            chinese_countries,
            re.compile(
                f"(?:{'|'.join(map(re.escape, chinese_countries))})"
                f"[\u4e00-\u9fff]{{1,12}}?(?:{_PARTY_ENDINGS_ZH})"
            ),
        )

    # finding ---------------------------------------------------------------------------------------
    def _fold_document(self, text: str) -> str:
        last_text, last_folded = self._last_folded  # one tuple, read and written whole: thread-safe
        if last_text is text:
            return last_folded
        folded = self.registry.folder.fold(text)
        self._last_folded = (text, folded)
        return folded

    def link_text(self, text: str, year: int | None = None, country_hint: str | None = None) -> list[Link]:
        """Every party mention of a text, linked or not."""
        folded = self._fold_document(text)
        definitions = names.definitions(text)
        sentence_starts = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]
        countries_in: dict[int, set[str]] = defaultdict(set)  # sentence number -> countries named in it
        for start, _, iso3 in self._country_spans(folded):
            countries_in[bisect_right(sentence_starts, start) - 1].add(iso3)
        document_countries = frozenset(c for named in countries_in.values() for c in named)
        links: list[Link] = []
        decided: dict[tuple[object, ...], Link] = {}  # a name repeated in like context is decided once
        for match in self._matches(text, folded):
            surface = text[match.start : match.end]
            sentence_countries = frozenset(
                countries_in.get(bisect_right(sentence_starts, match.start) - 1, ())
            )
            possessive = self._possessive_country(text, match.start)
            # "CPC" and "CPC Central Committee" after "the Communist Party of Cuba (CPC)"
            defined_as = definitions.get(surface.split(" ", 1)[0])
            same = (surface, sentence_countries, possessive, defined_as)
            if same not in decided:
                context = Context(
                    text=text,
                    year=year,
                    country_hint=country_hint,
                    sentence_countries=sentence_countries,
                    document_countries=document_countries,
                    possessive_country=possessive,
                    defined_as=defined_as,
                )
                decided[same] = self._resolve(match, surface, context)
            links.append(decided[same].at(match.start, match.end))
        self._unknown_names(text, links, country_hint or _only(document_countries))
        return self._organs_of_the_party_before(sorted(links, key=lambda link: link.start))

    def _organs_of_the_party_before(self, links: list[Link]) -> list[Link]:
        """Chinese writes a party's organ right after the party's name: in 民革北京市委 the Beijing
        committee is the RCCK's, not the CPC body an alias names. A body linked to another party's
        organ, written flush after a party's name, is left unlinked."""
        for i in range(1, len(links)):
            before, link = links[i - 1], links[i]
            if before.end != link.start or not before.party_id or not link.party_id:
                continue
            body = self.registry.by_id[link.party_id]
            if body.parent and body.parent != self.party_of(before.party_id) and HAN.search(link.surface):
                links[i] = Link(
                    link.start,
                    link.end,
                    link.surface,
                    None,
                    0.0,
                    f"an organ of the party named right before it ({before.surface})",
                    link.candidates,
                )
        return links

    def party_of(self, party_id: str) -> str:
        """A party body's party; any other entry itself."""
        entry = self.registry.by_id[party_id]
        return entry.parent if entry.type is PartyType.PARTY_BODY and entry.parent else party_id

    def party_entry(self, party_id: str) -> Party:
        """The registry entry `party_of` names (the body's own entry when its party is not there)."""
        return self.registry.by_id.get(self.party_of(party_id)) or self.registry.by_id[party_id]

    def find_mentions(self, text: str) -> list[tuple[int, int]]:
        """Spans of the text that are some registry alias, before any of them is resolved."""
        return [(m.start, m.end) for m in self._matches(text, self.registry.folder.fold(text))]

    def _matches(self, text: str, folded: str) -> list[_Match]:
        found = []
        for start, end, key, _ in self._automaton.find(folded):
            if (
                names.is_word(folded, start, end, key)
                and self._plausible(text[start:end], key)
                and not self._title_of_another_country(text, start, key)
                and not names.is_credit(text, start, end)
            ):
                found.append(_Match(start, end, key))
        taken = [(m.start, m.end) for m in found]
        for start, end, word, _ in self._short_automaton.find(text):
            if (
                not whole_word(text, start, end)
                or word in COMMON_ABBREVIATIONS
                or names.is_credit(text, start, end)
            ):
                continue
            position = bisect_right(taken, (start, end))
            inside = position > 0 and taken[position - 1][1] > start
            if not inside and not (position < len(taken) and taken[position][0] < end):
                found.append(_Match(start, end, self._short_keys[word]))
        return sorted(found, key=lambda m: m.start)

    def _title_of_another_country(self, text: str, start: int, key: str) -> bool:
        """An office written without its party, right after another country's adjective, is that
        country's party's: "Lao Party leader" in a Vietnamese report is not the CPV's leader. A word
        is taken for a country's adjective when it starts as the country's name does ("Lao", "Cuban")."""
        if key not in self._title_keys:
            return False
        before = _WORD_BEFORE.search(text, max(0, start - 24), start)
        stem = before.group(1).lower()[:4] if before else ""
        if len(stem) < MIN_ADJECTIVE_STEM:
            return False
        own = {
            self.registry.country_of[country].name.lower()
            for party_id, _ in self._aliases[key]
            if (country := self.registry.by_id[party_id].country) in self.registry.country_of
        }
        return not any(name.startswith(stem) for name in own) and any(
            name.startswith(stem) for name in self._country_names
        )

    def _plausible(self, surface: str, key: str) -> bool:
        """Short or one-word aliases match only as written: 'ANC', not 'anc'; 'Forward', not 'forward'."""
        if HAN.search(surface):
            return True
        if surface in COMMON_ABBREVIATIONS or self._written_as_phrase(surface, key):
            return False
        if " " in key and len(key) > 6:
            return True
        return any(names.same_word(self._alias(pid, i).text, surface) for pid, i in self._aliases[key])

    def _written_as_phrase(self, surface: str, key: str) -> bool:
        """Words of running text that spell a capitalised name: "a new era" is no party "A New Era",
        nor "for a New Era" (a name that starts with an article starts with a capital), nor "new times"
        half in lower case the party "New Times". The surface is looked at first: most matches are
        capitalised names, and their aliases need not be read."""
        words = surface.split(" ")
        lower = surface.islower()
        article = words[0] in ("a", "an", "the")
        # "Congress party": a name with the word for what it is in lower case is still the name
        half = len(words) == 2 and words[1][:1].islower() and words[1] not in _KIND_WORDS
        if not (lower or article or half):
            return False
        aliases = [self._alias(pid, i).text for pid, i in self._aliases[key]]
        return (
            (lower and any(a[:1].isupper() for a in aliases))
            or (article and any(a.split(" ", 1)[0] in ("A", "An", "The") for a in aliases))
            or (half and all(a.istitle() for a in aliases))
        )

    def _alias(self, party_id: str, index: int) -> Alias:
        return self.registry.by_id[party_id].aliases[index]

    # resolving ---------------------------------------------------------------------------------------
    def _resolve(self, match: _Match, surface: str, context: Context) -> Link:
        entries = list(self._aliases[match.key])
        if context.defined_as:
            # the party the text defined the abbreviation as is a candidate, whoever else the registry
            # gives the abbreviation to
            entries += self._aliases.get(self.registry.folder.key(context.defined_as), [])
        country = context.possessive_country
        if country and country in self.registry.country_of:
            # "Botswana's Democratic Party": the party may be registered as "Botswana Democratic Party"
            prefixed = self.registry.folder.key(f"{self.registry.country_of[country].name} {surface}")
            entries += self._aliases.get(prefixed, [])
        return decide(match.start, match.end, surface, self._candidates(entries, context))

    def _candidates(self, entries: Iterable[tuple[str, int]], context: Context) -> list[Candidate]:
        best: dict[str, Candidate] = {}
        for party_id, index in entries:
            party = self.registry.by_id[party_id]
            candidate = self.score(party, party.aliases[index], context)
            if party_id not in best or candidate.score > best[party_id].score:
                best[party_id] = candidate
        return sorted(best.values(), key=lambda c: (-c.score, c.party_id))

    def score(self, party: Party, alias: Alias, context: Context) -> Candidate:
        cache_key = (party.id, alias.text, alias.kind)
        if cache_key not in self._alias_evidence:
            self._alias_evidence[cache_key] = (
                tuple(rule(party, alias, context, self.registry) for _, rule in ALIAS_RULES),
                context_rules_for(party, alias),
            )
        (exact, prior), context_rules = self._alias_evidence[cache_key]
        # lists, not generators: scoring runs for every candidate of every mention
        contextual = [rule(party, alias, context, self.registry) for rule in context_rules]
        evidence = tuple([e for e in (exact, *contextual, prior) if e is not None])
        total = round(sum([e.score for e in evidence]), 3)
        current = self.registry.canonical_id(party.id)
        if current != party.id and current in self.registry.by_id:
            # an analyst merged this entry into another: the mention is of that one
            merged = Evidence("merged", 0.0, f"{party.id} merged into {current}", party.id)
            target = self.registry.by_id[current]
            return Candidate(target.id, target.name, target.country, total, (*evidence, merged))
        return Candidate(party.id, party.name, party.country, total, evidence)

    # names in no alias -------------------------------------------------------------------------------
    def _unknown_names(self, text: str, links: list[Link], country: str | None) -> None:
        """Party-like names no alias covers, and names an alias covers only in part ('the Workers
        Party of Wonderland' is not the 'Workers Party'): linked by fuzzy match or proposed. `links`
        (disjoint, any order) is updated in place."""
        links.sort(key=lambda link: link.start)
        starts = [link.start for link in links]
        replaced: set[int] = set()
        found: list[Link] = []
        cache: dict[str, Link] = {}  # reports repeat names: each is judged once
        for m, lang in names.party_like(text, self._party_like_zh):
            start, end = m.start(), self._name_end(text, m.start(), m.end())
            # the links overlapping [start, end) are a run of sorted, disjoint links ending before `end`
            last = bisect_left(starts, end)
            first = last
            while first > 0 and links[first - 1].end > start:
                first -= 1
            overlapping = range(first, last)
            if overlapping and links[first].start <= start and links[last - 1].end >= end:
                continue  # nothing longer than what the aliases already found
            # a longer name replaces what it overlaps when that was left unlinked, or was cut short
            if any(i in replaced for i in overlapping) or not all(
                links[i].party_id is None
                or len(links[i].surface)
                <= 2  # initials inside a longer name are that name's: "Portuguese CP"
                or _cut_short(links[i], text, end, self._country_of_party(links[i]))
                for i in overlapping
            ):
                continue
            replaced.update(overlapping)
            surface = text[start:end]
            if surface not in cache:
                cache[surface] = self._fuzzy_or_proposal(0, len(surface), surface, lang, country)
            found.append(cache[surface].at(start, end))
        links[:] = [link for i, link in enumerate(links) if i not in replaced]
        links.extend(found)

    def _fuzzy_or_proposal(self, start: int, end: int, surface: str, lang: str, country: str | None) -> Link:
        expanded = names.expanded(surface)
        key = self.registry.folder.key(expanded)
        if expanded != surface and key in self._aliases:
            context = Context(text=surface, country_hint=country)
            return decide(start, end, surface, self._candidates(self._aliases[key], context))
        context = Context(text=surface, country_hint=country)
        candidates = self._variant_candidates(self.fuzzy(expanded, limit=5), context)
        link = decide(start, end, surface, candidates)
        if link.party_id is None:
            proposal = ProposedEntry(" ".join(surface.split()), lang, country)
            return Link(
                start, end, surface, None, 0.0, "no registry party has this name", link.candidates, proposal
            )
        return link

    def fuzzy(self, name: str, limit: int = 10) -> list[tuple[str, float]]:
        """Alias keys most like `name` (rapidfuzz), best first, from FUZZY_CUTOFF. Only keys of about
        the same length can reach the cutoff, so only those are compared."""
        key = self.registry.folder.key(name)
        if key in self._fuzzy_cache:
            return self._fuzzy_cache[key][:limit]
        slack = len(key) * (100 - FUZZY_CUTOFF) // 100 + 1
        low = bisect_left(self._key_lengths, len(key) - slack)
        high = bisect_right(self._key_lengths, len(key) + slack)
        hits = process.extract(
            key,
            self._keys_by_length[low:high],
            scorer=fuzz.ratio,
            limit=FUZZY_LIMIT,
            score_cutoff=FUZZY_CUTOFF,
        )
        found = [(hit, score) for hit, score, _ in hits]
        if len(self._fuzzy_cache) >= FUZZY_CACHE:  # names recur across reports; memory stays bounded
            self._fuzzy_cache.clear()
        self._fuzzy_cache[key] = found
        return found[:limit]

    # mechanisms -------------------------------------------------------------------------------------
    def mechanisms_in(self, text: str) -> list[tuple[int, int, Mechanism]]:
        """Named platforms and forums of party diplomacy the text mentions, with their spans."""
        if not self._mechanism_of:
            return []
        folded = self._fold_document(text)
        found = []
        for start, end, key, values in self._mechanisms.find(folded):
            # a forum's name written in lower case is a common noun: "at the high-level meeting
            # between the two parties" is no High-Level Meeting of the CPC
            if names.is_word(folded, start, end, key) and not text[start:end].islower():
                found.append((start, end, self._mechanism_of[values[0][0]]))
        for start, end, _, mechanism_id in self._short_mechanisms.find(text):
            if whole_word(text, start, end) and not any(s < end and start < e for s, e, _ in found):
                found.append((start, end, self._mechanism_of[mechanism_id]))
        return sorted(found, key=lambda named: named[0])

    def country_named(self, name: str) -> str | None:
        """The country the whole of `name` names ("法国", "Viet Nam"), or None."""
        folded = self.registry.folder.fold(name.strip())
        whole = {iso3 for start, end, iso3 in self._country_spans(folded) if (start, end) == (0, len(folded))}
        return whole.pop() if len(whole) == 1 else None

    def country_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, ISO3) of each country name in the text."""
        return self._country_spans(self.registry.folder.fold(text))

    def countries_in(self, text: str) -> set[str]:
        """ISO3 codes of the countries the text names ("China's Hunan province", "越南")."""
        return {iso3 for _, _, iso3 in self.country_spans(text)}

    # one name on its own ---------------------------------------------------------------------------
    def resolve(self, name: str, country: str | None = None, year: int | None = None) -> Link:
        """Link a name given on its own (a table cell, an annotation): an exact alias, else a close
        variant of one, else an unlinked name with a proposed entry."""
        key = self.registry.folder.key(name)
        if key in self._aliases and self._plausible(name.strip(), key):
            context = Context(text=name, year=year, country_hint=country)
            return decide(0, len(name), name, self._candidates(self._aliases[key], context))
        lang = "zh" if HAN.search(name) else "en"
        return self._fuzzy_or_proposal(0, len(name), name, lang, country)

    # search (the CLI and the API) ----------------------------------------------------------------------
    def search(self, text: str, country: str | None = None, limit: int = 10) -> list[Candidate]:
        """Ranked candidates for a name typed by a user: exact aliases first, then close variants."""
        key = self.registry.folder.key(text)
        context = Context(text=text, country_hint=country)
        exact = self._candidates(self._aliases.get(key, []), context)
        close = (
            self._variant_candidates(self._similar_keys(key), context) if len(key) > SHORTEST_FUZZY else []
        )
        known = {c.party_id for c in exact}
        # an exact alias ranks before any variant, however strong the variant's other evidence
        return [*exact, *(c for c in close if c.party_id not in known)][:limit]

    def _variant_candidates(self, hits: list[tuple[str, float]], context: Context) -> list[Candidate]:
        """Candidates of alias keys like a name: each scored as its alias, less the unlikeness. A key
        that names another country than the name does is no variant of it ("Communist Party of Russia"
        is not "Communist Party of Austria", however alike the letters)."""
        found: list[Candidate] = []
        named = self.countries_in(context.text)
        for hit, similarity in hits:
            in_hit = {iso3 for _, _, iso3 in self._country_spans(hit)}
            if named and in_hit and not named & in_hit:
                continue
            penalty = Evidence("fuzzy", -0.6 * (1 - similarity / 100), f"{similarity:.0f}% like '{hit}'", hit)
            found.extend(
                Candidate(
                    c.party_id, c.name, c.country, round(c.score + penalty.score, 3), (penalty, *c.evidence)
                )
                for c in self._candidates(self._aliases[hit], context)
            )
        return best_per_party(found)

    def _similar_keys(self, key: str) -> list[tuple[str, float]]:
        hits = process.extract(
            key, self._keys, scorer=fuzz.token_sort_ratio, limit=25, score_cutoff=SEARCH_CUTOFF
        )
        return [(hit, score) for hit, score, _ in hits if hit != key]

    # country context ---------------------------------------------------------------------------------
    def _country_spans(self, folded: str) -> list[tuple[int, int, str]]:
        spans: list[tuple[int, int, str]] = []
        for start, end, key, values in self._countries.find(folded):
            if names.is_word(folded, start, end, key):
                spans.extend((start, end, iso3) for iso3, _ in values)
        return spans

    def _name_end(self, text: str, start: int, end: int) -> int:
        """A party name "of <country>" ends with the country: "Federalist Party of the Philippines
        Marcos said" names the party, then its leader."""
        of = _OF_COUNTRY.search(text, start, end)
        if of is None:
            return end
        spans = self._country_spans(self.registry.folder.fold(text[of.end() : end]))
        first = min(spans, default=None)
        return of.end() + first[1] if first is not None and first[0] == 0 else end

    def _country_of_party(self, link: Link) -> Callable[[str], bool]:
        """Whether a name is the country of the linked party ('Workers Party' ... 'of Uganda')."""
        party = self.registry.by_id.get(link.party_id or "")
        country = party.country if party else None

        def is_its_country(name: str) -> bool:
            found = self._countries.get(self.registry.folder.key(name))
            return found is not None and any(iso3 == country for iso3, _ in found)

        return is_its_country

    def _possessive_country(self, text: str, start: int) -> str | None:
        before = text[max(0, start - 60) : start]
        if not before.rstrip().endswith(("'s", "’s")):
            return None  # what the pattern ends with, looked at first: most names follow no possessive
        match = _POSSESSIVE_COUNTRY.search(before)
        if not match:
            return None
        words = match.group(1).split()
        for first in range(len(words)):  # "In Nairobi, Kenya's": the longest tail that is a country
            found = self._countries.get(self.registry.folder.key(" ".join(words[first:])))
            if found:
                return str(found[0][0])
        return None


def _mechanism_names(registry: Registry) -> tuple[dict[str, list[tuple[str, int]]], dict[str, str]]:
    """The forums' names by folded key, and their short names ('IMCWP', 'FLMSA') as written."""
    keys: dict[str, list[tuple[str, int]]] = defaultdict(list)
    short: dict[str, str] = {}
    for mechanism in registry.mechanisms:
        for name in filter(None, (mechanism.name, mechanism.name_zh, *mechanism.aliases)):
            key = registry.folder.key(name)
            if _is_short(key):
                short.setdefault(name.strip(), mechanism.id)
            else:
                keys[key].append((mechanism.id, 0))
    return keys, short


def _quoted_names(aliases: dict[str, list[tuple[str, int]]]) -> dict[str, list[tuple[str, int]]]:
    """Chinese puts a party's own name in quotes before the word for party: “统一俄罗斯”党 is
    统一俄罗斯党. The quoted form of each Chinese name that ends in 党, as folded text has it."""
    return {
        f'{key[:-1]}"党': entries
        for key, entries in aliases.items()
        if key.endswith("党") and len(key) > MIN_QUOTED_NAME and HAN.match(key[-2])
    }


def _is_short(key: str) -> bool:
    return len(key) <= SHORT_ALIAS and not HAN.search(key)


def _cut_short(link: Link, text: str, name_end: int, is_country: Callable[[str], bool]) -> bool:
    """An alias match that a longer name continues with 'of ...' or 'for ...' named another party
    ('Workers Party of Wonderland', 'CP of Argentina' for a Sri Lankan 'CP'), unless what follows is
    the linked party's own country ('... of Uganda')."""
    rest = text[link.end : name_end]
    if not rest or rest[:1] != " " or not rest.lstrip().startswith(("of ", "for ")):
        return False
    tail = rest.strip().split(" ", 1)[1] if " " in rest.strip() else ""
    return not is_country(tail.removeprefix("the "))


def _only(values: frozenset[str]) -> str | None:
    return next(iter(values)) if len(values) == 1 else None
