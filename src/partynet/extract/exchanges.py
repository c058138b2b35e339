"""A document's exchanges and claims, sentence by sentence.

A sentence reports an exchange when it holds a trigger of some kind (kinds.py) and names at least two
counterparts the registry knows, at least one of them a party — or one party and a kind that needs no
named counterpart (a delegation's visit, a message, a multilateral conference). Participants are the
linked mentions of the sentence: a party body stands for its party, a non-party counterpart is kept and
marked as such. Sentences that report the same exchange are merged into one (merging.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from partynet.domain import DatePrecision, PartialDate
from partynet.extract.claims import add_claims, claims_in, without_restatements
from partynet.extract.coreference import head_links, person_links
from partynet.extract.counterparts import one_per_counterpart, the_two_parties
from partynet.extract.dates import FoundDate, dates_in
from partynet.extract.dating import (
    DURING,
    GOES_ON,
    SAME_DAY,
    anchored,
    date_of_clause,
    event_date,
    from_first_day,
    is_dateline,
    opens_paragraph,
    opens_with_dateline,
)
from partynet.extract.forums import forums_named, kind_and_forum, mechanism_of, with_mechanism
from partynet.extract.kinds import attendance_only, kind_of, kinds_in
from partynet.extract.listed import listed_parties, pair_links
from partynet.extract.merging import add_merged, join_last, joins_last_gathering, open_gathering
from partynet.extract.model import (
    GATHERINGS,
    MEETINGS,
    Claim,
    Exchange,
    Extraction,
    Kind,
    Mention,
    Participant,
    Person,
    Role,
    Span,
)
from partynet.extract.people import people_in
from partynet.extract.sentences import sentences
from partynet.extract.states import of_office_country, state_links
from partynet.extract.versions import CURRENT
from partynet.registry.decision import Link
from partynet.registry.link import Linker
from partynet.registry.model import Mechanism, PartyType
from partynet.registry.states import is_government

# a counterpart the registry does not know, named by what it is: "met with a California delegation"
_COUNTERPART = re.compile(
    r"\b(?:delegation|ambassador|president|prime minister|speaker|minister|governor|mayor"
    r"|secretary of state)\b"
    r"|代表团|代表團|访华团|訪華團|考察团|考察團|大使|总统|總統|总理|總理|议长|議長|部长|部長|市长|市長|州长",
    re.IGNORECASE,
)
# a gathering of one party is its own affair unless parties from abroad are said to be there
_ABROAD = re.compile(
    # (a minister's title is no sign of guests from abroad: "foreign minister")
    r"\b(?:international|foreign(?!\s+(?:minister|ministry|secretary))|world|global|countries|overseas|abroad)\b"
    r"|外国|外國|国外|國外|国际|國際|世界|各国|各國|多国|多國|政治组织|政治組織",
    re.IGNORECASE,
)
# a sentence whose subject is a pronoun for the party the sentence before named
_PRONOUN_SUBJECT = re.compile(
    r"(?:^|[,;]\s*)(?:[Ii]t|[Tt]hey)\s+(?:also\s+|jointly\s+|then\s+)?"
    r"(?:issued|sent|held|hosted|organi[sz]ed|convened|signed|delivered|launched|co-hosted|released)\b"
)
MECHANISM_REASON = "name of a platform of party diplomacy in the registry"
CONTINUATION = 4  # sentences after a gathering's that may list its other participants


@dataclass(frozen=True, slots=True)
class DocumentInput:
    id: str
    text: str
    published: PartialDate | None


def extract(document: DocumentInput, linker: Linker) -> Extraction:
    year = int(document.published.value[:4]) if document.published else None
    spans = sentences(document.text)
    mechanisms = linker.mechanisms_in(document.text)
    links = _party_links(document.text, spans, mechanisms, linker, year)
    published, anchor = anchored(document.text, document.published, links, linker)
    document = replace(document, published=published)
    result = Extraction(document.id, CURRENT, mentions=[_mention(link) for link in links])
    result.mentions.extend(
        Mention(start, end, document.text[start:end], None, 1.0, MECHANISM_REASON, mechanism_id=m.id)
        for start, end, m in mechanisms
    )
    reader = _Reader(document, linker, links, mechanisms, dates_in(document.text, anchor), result)
    for sentence in spans:
        reader.read(sentence)
    result.claims = without_restatements(result.claims)
    result.exchanges = [
        from_first_day(e, document.text)
        for e in _checked_whole(_without_own_governments(result.exchanges, linker), linker)
    ]
    return result


def _without_own_governments(exchanges: list[Exchange], linker: Linker) -> list[Exchange]:
    """A country's government takes no part beside a party of its own country: "CPC General Secretary and
    Chinese President Xi" is the CPC's, and an official of a visited country beside its ruling party is
    that party's side. What is left is checked as any exchange is (`_checked_whole`)."""
    kept = []
    for exchange in exchanges:
        entries = [linker.registry.by_id[p.party_id] for p in exchange.participants if p.party_id]
        parties = {e.country for e in entries if not is_government(e.id)}
        own = {e.id for e in entries if is_government(e.id) and e.country in parties}
        participants = tuple(p for p in exchange.participants if p.party_id not in own)
        kept.append(replace(exchange, participants=participants) if own else exchange)
    return kept


def _checked_whole(exchanges: list[Exchange], linker: Linker) -> list[Exchange]:
    """A gathering that took its participants from later sentences is checked again, as a whole. One
    that fails and carries a date of the text dates the undated gathering kept before it: in an undated
    feature the forum is named first ('CPC Dialogue with the World') and dated later, without a party
    ('The online forum, held on March 15, 2023, ...')."""
    kept: list[Exchange] = []
    for exchange in exchanges:
        if any(not p.non_party for p in exchange.participants) and _crosses_borders(
            list(exchange.participants),
            exchange.kind,
            exchange.evidence.text,
            linker,
            mechanism=mechanism_of(exchange, linker),
        ):
            kept.append(exchange)
        elif exchange.kind in GATHERINGS and exchange.date_from_text and kept:
            last = kept[-1]
            if last.kind in GATHERINGS and last.date is None:
                kept[-1] = replace(last, date=exchange.date, date_from_text=True)
    return kept


@dataclass(slots=True)
class _Reader:
    """Reads a document sentence by sentence into its Extraction, carrying what one sentence tells the
    next: the last date, the party links of the last sentence that had some, and how many sentences
    ago the last exchange was reported."""

    document: DocumentInput
    linker: Linker
    links: list[Link]
    mechanisms: list[tuple[int, int, Mechanism]]
    all_dates: list[FoundDate]  # found in one pass over the text, then shared out by sentence
    result: Extraction
    report_date: PartialDate | None = field(init=False)
    last_date: PartialDate | None = field(init=False)
    last_from_text: bool = False  # whether last_date is a date the text gave (not the report's)
    since_exchange: int = CONTINUATION + 1
    previous: list[Link] = field(default_factory=list)
    link_starts: list[int] = field(init=False)  # where the links and the dates start, for `_within`
    date_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.link_starts = [link.start for link in self.links]
        self.date_starts = [found.start for found in self.all_dates]
        published = self.document.published
        # a report dates what it tells no date of, to the day or to the month (a year is too loose)
        self.report_date = published if published and published.precision is not DatePrecision.YEAR else None
        self.last_date = self.report_date

    def read(self, sentence: Span) -> None:
        found = [
            FoundDate(d.start - sentence.start, d.end - sentence.start, d.value)
            for d in _within(self.all_dates, self.date_starts, sentence)
        ]
        inside = _within(self.links, self.link_starts, sentence)
        if not inside and _PRONOUN_SUBJECT.search(sentence.text):
            inside = self.previous[:1]  # "..., it issued a joint open letter": the party named before
        inside = the_two_parties(sentence, inside, self.result.exchanges)  # "此前,两党签署了..."
        self.previous = inside or self.previous
        claims = _claims(sentence, inside, found, self.report_date, self.linker)
        add_claims(self.result.claims, claims, sentence, self.document.text)
        date = self._date(sentence, found)
        exchange, kind = self._exchange(sentence, inside, date)
        if exchange is not None and exchange.kind in GATHERINGS:
            exchange = self._gathering_dated(exchange, sentence, found)
        if exchange is not None and (
            any(not is_dateline(d, sentence, self.document.published) for d in found)
            or (self.last_from_text and SAME_DAY.search(sentence.text))
        ):
            exchange = replace(exchange, date_from_text=True)
        if exchange is not None and self._sent_after_report(exchange):
            # "congratulated the CPC on its upcoming anniversary on July 1": a message reported is one
            # already sent, so a later date is its occasion's; the report dates it
            exchange = replace(exchange, date=self.report_date, date_from_text=False)
        if exchange is not None and self._place(exchange, sentence, inside):
            return
        if self.since_exchange == 0 and kind in MEETINGS and inside and self.result.exchanges:
            # "X met Y. Y is visiting on an invitation from Z": the visit the meeting was part of
            visited = _participants(inside, Kind.VISIT, self.linker)
            join_last(self.result.exchanges, visited, MEETINGS, Role.HOST, parties_only=True)
        self.since_exchange += 1
        if (
            self.result.exchanges
            and self.since_exchange <= CONTINUATION
            and inside
            and not self._another_years(sentence, found)
        ):
            # "Among the participants were ...": the next sentences name more counterparts of a gathering
            listed = _participants(inside, Kind.CONFERENCE, self.linker)
            join_last(self.result.exchanges, listed, GATHERINGS, Role.ATTENDEE)

    def _another_years(self, sentence: Span, found: list[FoundDate]) -> bool:
        """Whether the sentence is dated, by its own words, in another year than the last exchange: it
        tells of another event ("It originated in 1998 ... The 23rd meeting was held in October 2023
        and was hosted by ..."), not of more counterparts of that one."""
        last = self.result.exchanges[-1].date
        own = [d.value for d in found if not is_dateline(d, sentence, self.document.published)]
        return last is not None and bool(own) and all(d.value[:4] != last.value[:4] for d in own)

    def _gathering_dated(self, exchange: Exchange, sentence: Span, found: list[FoundDate]) -> Exchange:
        """A sentence with several dates ("arrived on the 2nd, and on the 3rd held a forum") dates its
        gathering by the date of the clause that names it; a dateline opening it is no event's date."""
        events = (
            found[1:]
            if found and opens_with_dateline(found, sentence.text, self.document.published)
            else found
        )
        if len(events) < 2:
            return exchange
        return replace(exchange, date=date_of_clause(events, sentence, exchange.date))

    def _sent_after_report(self, exchange: Exchange) -> bool:
        report, date = self.report_date, exchange.date
        return (
            exchange.kind is Kind.MESSAGE
            and report is not None
            and date is not None
            and report.precision is DatePrecision.DAY
            and date.precision is DatePrecision.DAY
            and date.value > report.value
        )

    def _date(self, sentence: Span, found: list[FoundDate]) -> PartialDate | None:
        if self.report_date is None and opens_paragraph(self.document.text, sentence.start):
            self._new_paragraph(sentence)
        dated = event_date(found, sentence.text, self.document.published)
        if dated is not None:
            self.last_date, self.last_from_text = dated, True
        return self.last_date

    def _new_paragraph(self, sentence: Span) -> None:
        """In an undated report (a feature, an essay) paragraphs change topic: an earlier paragraph's
        date does not carry over. One that goes on with the same trip ("In addition, the delegation
        met ...", 另外) keeps it; one that tells what happened during a gathering ("During the
        congress, ...") is of the gathering's days."""
        if GOES_ON.match(sentence.text):
            return
        during = DURING.search(sentence.text) is not None
        gathering = next(
            (e for e in reversed(self.result.exchanges) if e.kind in GATHERINGS and e.date), None
        )
        self.last_date = gathering.date if during and gathering else None
        self.last_from_text = gathering.date_from_text if during and gathering else False

    def _exchange(
        self, sentence: Span, inside: list[Link], date: PartialDate | None
    ) -> tuple[Exchange | None, Kind | None]:
        """The exchange the sentence reports, if any, and the kind its words name."""
        triggers = kinds_in(sentence.text)
        counterparts = len({self.linker.party_of(link.party_id or "") for link in inside})
        named = forums_named(self.mechanisms, sentence, self.document.text)
        kind, forum = kind_and_forum(kind_of(sentence.text, counterparts, triggers), named, sentence.text)
        if kind is None:
            return _digest_entry(inside, sentence, date, self.result.exchanges, self.linker), None
        gathering = next((k for k in triggers if k in GATHERINGS), None)
        return _sentence_exchange(kind, forum, gathering, inside, sentence, date, self.linker), kind

    def _place(self, exchange: Exchange, sentence: Span, inside: list[Link]) -> bool:
        """Add the sentence's exchange to the document's; True when the sentence is done with."""
        exchanges = self.result.exchanges
        if (
            exchange.kind is Kind.CONFERENCE
            and self.since_exchange == 0
            and exchanges
            and exchanges[-1].kind in GATHERINGS
            and attendance_only(_without_names(sentence, inside))
        ):
            # "More than 500 representatives, including X of party Y, attended": the last gathering's
            join_last(exchanges, list(exchange.participants), GATHERINGS, Role.ATTENDEE)
            return True
        if not exchange.participants and open_gathering(exchanges):
            joins_last_gathering(exchanges, exchange)  # more about a gathering still unnamed
            return False
        for part in one_per_counterpart(exchange, sentence, inside, self.linker):
            add_merged(exchanges, part)
        self.since_exchange = 0
        return True


_Spanned = TypeVar("_Spanned", Link, FoundDate)


def _within(spans: Sequence[_Spanned], starts: list[int], sentence: Span) -> list[_Spanned]:
    """The spans (sorted by start, which `starts` lists) that lie inside the sentence: those that start
    in it, found by bisection (each sentence of a report would look through all its links otherwise),
    and end in it."""
    first = bisect_left(starts, sentence.start)
    last = bisect_left(starts, sentence.end, lo=first)
    return [s for s in spans[first:last] if s.end <= sentence.end]


def _party_links(
    text: str,
    spans: list[Span],
    mechanisms: list[tuple[int, int, Mechanism]],
    linker: Linker,
    year: int | None,
) -> list[Link]:
    """The document's party links: the linker's, then people named again and parties listed by country."""
    states = state_links(text, linker)
    links = [
        link
        for link in of_office_country(linker.link_text(text, year=year), states, text, linker)
        if link.party_id and not any(s <= link.start and link.end <= e for s, e, _ in mechanisms)
    ]  # a party name inside a forum's name ("... Think Tank Association") is the forum's
    people = person_links(text, spans, links, linker.party_of)
    people += head_links(
        text,
        links + people,
        lambda party: linker.party_entry(party).name,
        linker.country_names,
    )
    taken = [(k.start, k.end) for k in links + people]
    listed = [
        k
        for k in [*listed_parties(text, linker, year), *pair_links(text, linker), *states]
        if not any(s < k.end and k.start < e for s, e in taken)
    ]
    return sorted(links + people + listed, key=lambda link: link.start)


def _sentence_exchange(
    kind: Kind,
    forum: Mechanism | None,
    gathering: Kind | None,
    inside: list[Link],
    sentence: Span,
    date: PartialDate | None,
    linker: Linker,
) -> Exchange | None:
    """The exchange one sentence reports: of its kind, or of the gathering it names (`gathering`)."""
    exchange = _exchange(kind, inside, sentence, date, linker, forum)
    if exchange is None and kind is Kind.MEETING and gathering:
        # a lone party "hosted" a briefing or a meeting of many: the gathering crossed borders
        exchange = _exchange(gathering, inside, sentence, date, linker, forum)
    if exchange is not None and forum:
        exchange = with_mechanism(exchange, forum, linker)
    if exchange is not None:
        exchange = _with_people(exchange, inside, sentence, linker)
    return exchange


def _claims(
    sentence: Span,
    inside: list[Link],
    found: list[FoundDate],
    report_date: PartialDate | None,
    linker: Linker,
) -> list[Claim]:
    """The sentence's claims, made by the first party it names ("the CPC has maintained regular contact
    with ..."), true as of the date it gives ("as of the end of 2024") or else of the report's date."""
    found_claims = claims_in(sentence)
    if not found_claims:
        return []
    subject = next((linker.party_of(k.party_id) for k in inside if k.party_id), None)
    as_of = found[0].value if found else report_date
    return [replace(c, subject_id=subject, as_of=as_of) for c in found_claims]


def _digest_entry(
    inside: list[Link], sentence: Span, date: PartialDate | None, found: list[Exchange], linker: Linker
) -> Exchange | None:
    """A digest of messages ("Highlights of congratulatory messages ...") introduces each by its
    sender's line: "Gyula Molnar, president of the Hungarian Socialist Party:", "Gambian President Adama
    Barrow:". Such a line, after a message, is a message of that party (else of that state) to the
    parties the digest's first message names."""
    lead = next((e for e in found if e.kind is Kind.MESSAGE), None)
    if (
        lead is None
        or not inside
        or not sentence.text.rstrip().endswith((":", "："))
        or not (people_in(sentence.text) or any(is_government(link.party_id) for link in inside))
    ):
        return None
    # the sender's party, else the state a head of state writes for: never the recipients' own state
    home = {linker.registry.by_id[p.party_id].country for p in lead.participants if p.party_id}
    senders = sorted(
        (
            replace(p, role=Role.SENDER)
            for p in _participants(inside, Kind.MESSAGE, linker)
            if not p.non_party
            or (is_government(p.party_id) and linker.registry.by_id[p.party_id or ""].country not in home)
        ),
        key=lambda p: p.non_party,
    )
    if not senders:
        return None
    known = {p.party_id for p in senders}
    recipients = tuple(
        replace(p, role=Role.RECIPIENT, people=()) for p in lead.participants if p.party_id not in known
    )
    return Exchange(Kind.MESSAGE, (*senders[:1], *recipients), sentence, date, confidence=0.6)


def _without_names(sentence: Span, links: list[Link]) -> str:
    """The sentence with its party names blanked: the "Congress" of a party's name is no gathering."""
    text = sentence.text
    for link in links:
        start, end = link.start - sentence.start, link.end - sentence.start
        if 0 <= start < end <= len(text):
            text = text[:start] + " " * (end - start) + text[end:]
    return text


def _exchange(
    kind: Kind,
    links: list[Link],
    sentence: Span,
    date: PartialDate | None,
    linker: Linker,
    mechanism: Mechanism | None = None,
) -> Exchange | None:
    if kind is Kind.MESSAGE:
        links = _sender_first(links, sentence)
    participants = _participants(links, kind, linker)
    parties = [p for p in participants if not p.non_party]
    if not parties:
        # a gathering named before its participants ("the Fourth ... Seminar opened"): the next
        # sentences may list them; one that never gets a party is dropped at the end
        return Exchange(kind, (), sentence, date, confidence=0.4) if kind in GATHERINGS else None
    if not _crosses_borders(participants, kind, sentence.text, linker, mechanism=mechanism):
        return None
    confidence = min(0.95, 0.5 + 0.15 * (len(participants) - 1) + (0.1 if date else 0.0))
    return Exchange(kind, tuple(participants), sentence, date, confidence=round(confidence, 2))


def _with_people(exchange: Exchange, links: list[Link], sentence: Span, linker: Linker) -> Exchange:
    """People named with a title that names a participant's party ("X, head of the IDCPC") join it."""
    by_party: dict[str, list[Person]] = {}
    for titled in people_in(sentence.text):
        start, end = sentence.start + titled.title_start, sentence.start + titled.title_end
        for link in links:
            if start <= link.start and link.end <= end and link.party_id:
                party = linker.party_of(link.party_id)
                by_party.setdefault(party, []).append(titled.person)
                break
    if not by_party:
        return exchange
    participants = tuple(
        replace(
            p, people=p.people + tuple(x for x in by_party.get(p.party_id or "", []) if x not in p.people)
        )
        for p in exchange.participants
    )
    return replace(exchange, participants=participants)


def _crosses_borders(
    participants: list[Participant], kind: Kind, text: str, linker: Linker, *, mechanism: Mechanism | None
) -> bool:
    """Party diplomacy crosses a border: counterparts of two countries, a party international, or one
    party with a counterpart the text names without the registry knowing it (a delegation, a minister;
    parties from abroad at a gathering). A plenum, a party congress, a talk with one's own government
    are not exchanges."""
    entries = [linker.registry.by_id[p.party_id] for p in participants if p.party_id]
    if mechanism and mechanism.organiser in linker.registry.by_id:  # a named forum is hosted by its organiser
        entries.append(linker.registry.by_id[mechanism.organiser])
    if len({e.country for e in entries}) > 1 or any(e.type is PartyType.INTERNATIONAL for e in entries):
        return True
    if kind is Kind.MESSAGE:
        return True
    if kind in GATHERINGS:
        # a named forum of party diplomacy crosses borders by what it is
        return mechanism is not None or _ABROAD.search(text) is not None
    if kind is Kind.VISIT and _leader_abroad(text, {e.country for e in entries}, linker):
        return True
    return kind in (Kind.MEETING, Kind.VISIT, Kind.CALL) and _COUNTERPART.search(text) is not None


def _leader_abroad(text: str, home: set[str | None], linker: Linker) -> bool:
    """A party's leader, named with his title, visiting another country ("X, former general secretary of
    the LPRP, visited villages in China's Hunan province"). A delegation's tour with no leader named
    and no counterpart is left out: such trips to diaspora groups and schools are not party diplomacy."""
    return bool(people_in(text)) and any(c not in home for c in linker.countries_in(text))


def _participants(links: list[Link], kind: Kind, linker: Linker) -> list[Participant]:
    seen: set[str] = set()
    participants: list[Participant] = []
    for position, link in enumerate(links):
        target = linker.party_entry(link.party_id or "")
        if target.id in seen:
            continue
        seen.add(target.id)
        participants.append(
            Participant(
                party_id=target.id,
                surface=link.surface,
                role=_role(kind, position),
                non_party=target.type is PartyType.NON_PARTY,
            )
        )
    return participants


# a Chinese message's verb follows its sender: "习近平连任总书记,国民党主席吴敦义致电祝贺"
_TO_ZH = ("向", "给", "給")
_SENDS_ZH = re.compile(r"致电|致電|致信|致函|致贺|致賀|发来贺|發來賀|复电|復電|复信|復信")


def _sender_first(links: list[Link], sentence: Span) -> list[Link]:
    """The links with the sender first: the party named last before a Chinese message verb (not the one
    it is sent to), when the sentence has one; else as written (English names the sender first)."""
    verb = _SENDS_ZH.search(sentence.text)
    if verb is None:
        return links
    text, offset = sentence.text, sentence.start
    # "越共中央向中共中央致贺电": the party written after 向 (to) is the recipient
    before = [
        k
        for k in links
        if k.end <= offset + verb.start() and text[k.start - offset - 1 : k.start - offset] not in _TO_ZH
    ]
    if not before:
        return links
    sender = before[-1]
    return [sender, *(k for k in links if k is not sender)]


def _role(kind: Kind, position: int) -> Role:
    if kind is Kind.MESSAGE:
        return Role.SENDER if position == 0 else Role.RECIPIENT
    if kind in GATHERINGS:
        return Role.HOST if position == 0 else Role.ATTENDEE
    return Role.HOST if position == 0 else Role.GUEST


def _mention(link: Link) -> Mention:
    return Mention(link.start, link.end, link.surface, link.party_id, link.score, link.reason)
