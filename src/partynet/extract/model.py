"""What extraction finds in one document: exchanges, claims and party mentions, each with its span."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from partynet.domain import PartialDate


class Kind(StrEnum):
    """Exchange kinds, as the gold annotations name them."""

    MEETING = "meeting"  # met, talks, received, courtesy call
    VISIT = "visit"  # a delegation's arrival or tour with no meeting of a named counterpart
    CONFERENCE = "conference"  # multilateral: dialogue, forum, summit, congress attended by guests
    BRIEFING = "briefing"  # thematic briefing, seminar, training
    MESSAGE = "message"  # letter, congratulations, condolences
    CALL = "call"  # phone, video or online talks
    AGREEMENT = "agreement"  # MoU or cooperation agreement signed
    OTHER = "other"  # inaugurations, receptions, speeches


# multilateral gatherings; the meeting family (a delegation's visit is told through its meetings)
GATHERINGS = frozenset((Kind.CONFERENCE, Kind.BRIEFING))
MEETINGS = frozenset((Kind.MEETING, Kind.VISIT))


class Role(StrEnum):
    HOST = "host"
    GUEST = "guest"
    ATTENDEE = "attendee"
    SENDER = "sender"
    RECIPIENT = "recipient"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    party_id: str | None  # the registry entry (a party body's party); None for an unlinked name
    surface: str  # the text that named it
    role: Role
    non_party: bool = False
    people: tuple[Person, ...] = ()


@dataclass(frozen=True, slots=True)
class Exchange:
    kind: Kind
    participants: tuple[Participant, ...]
    evidence: Span
    date: PartialDate | None
    date_from_text: bool = False  # the sentence itself dates it (not the document or an earlier sentence)
    place: str | None = None
    mechanism_id: str | None = None
    topics: tuple[str, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Claim:
    parties: int | None
    countries: int | None
    qualifier: str | None
    evidence: Span
    subject_id: str | None = None
    as_of: PartialDate | None = None
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    surface: str
    party_id: str | None
    score: float
    reason: str
    mechanism_id: str | None = None  # a named forum or platform of party diplomacy, not a party


@dataclass(slots=True)
class Extraction:
    document_id: str
    extractor: str  # name and version, from versions.EXTRACTORS
    exchanges: list[Exchange] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
