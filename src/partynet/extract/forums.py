"""The named forum a sentence's exchange took place in ("the 23rd meeting of the IMCWP", 中国共产党与世界
政党高层对话会), and the kind of exchange it makes the sentence report: a multilateral gathering, hosted
by the forum's organiser."""

from __future__ import annotations

import re
from dataclasses import replace

from partynet.extract.kinds import only_hosting
from partynet.extract.model import Exchange, Kind, Participant, Role, Span
from partynet.registry.link import Linker
from partynet.registry.model import Mechanism

# the kinds of named mechanism that meet: an alliance or a platform is named without any meeting
GATHERING_MECHANISMS = frozenset(("dialogue", "forum", "conference", "seminar", "summit"))
_FORUM_KINDS = (None, Kind.CONFERENCE, Kind.VISIT, Kind.CALL, Kind.MESSAGE)
# Words around a forum's name that make it another event than the sentence's: before it ("a seminar
# held ahead of the upcoming High-Level Meeting") or after it ("...对话会“序曲”", the prelude to it)
_ANOTHER_EVENT = re.compile(
    r"\b(?:ahead of|in the run-up to|prior to|in preparation for|prelude to|upcoming|next)\b(?:\s+the)?\s*$"
    r"|(?:为|為)\s*$|即将举行的\s*$|即將舉行的\s*$",
    re.IGNORECASE,
)
_PRELUDE = re.compile(r"[”“\"」「’‘']?\s*(?:的)?[“\"「‘]?(?:序曲|序幕|前奏|预热|預熱)")
_LOOK_BEFORE = 30  # characters before a forum's name searched for words of another event
_LOOK_AFTER = 8  # and after it, for its prelude


def forums_named(mechanisms: list[tuple[int, int, Mechanism]], sentence: Span, text: str) -> list[Mechanism]:
    """The forums named in the sentence as its own event (not as the next one, nor by its prelude)."""
    return [
        m
        for start, end, m in mechanisms
        if sentence.start <= start
        and end <= sentence.end
        and not _ANOTHER_EVENT.search(text[max(sentence.start, start - _LOOK_BEFORE) : start])
        and not _PRELUDE.match(text, end, min(sentence.end, end + _LOOK_AFTER))
    ]


def kind_and_forum(
    kind: Kind | None, named: list[Mechanism], sentence: str
) -> tuple[Kind | None, Mechanism | None]:
    """The kind a named forum gives the sentence, and the forum. A sentence whose only word of a
    meeting is one of hosting ("the 23rd meeting of the IMCWP was hosted by ...") hosts the forum."""
    named = [m for m in named if m.kind in GATHERING_MECHANISMS or kind is not None]
    if len({m.id for m in named}) > 1:
        return None, None  # "mechanisms such as the X dialogue, the Y forum": no one event
    if named and (kind in _FORUM_KINDS or _hosts(kind, named[0], sentence)):
        # a named forum of party diplomacy is a multilateral gathering, even when held online or
        # when a party took part by a message to it; a briefing under its name stays a briefing
        kind = Kind.CONFERENCE
    return kind, named[0] if named else None


def _hosts(kind: Kind | None, forum: Mechanism, sentence: str) -> bool:
    return kind is Kind.MEETING and forum.kind in GATHERING_MECHANISMS and only_hosting(sentence)


def mechanism_of(exchange: Exchange, linker: Linker) -> Mechanism | None:
    return next((m for m in linker.registry.mechanisms if m.id == exchange.mechanism_id), None)


def with_mechanism(exchange: Exchange, mechanism: Mechanism, linker: Linker) -> Exchange:
    """The exchange happened in a named forum: its organiser hosts it."""
    organiser = mechanism.organiser
    known = {p.party_id for p in exchange.participants}
    host = (
        (Participant(party_id=organiser, surface=mechanism.name, role=Role.HOST),)
        if organiser and organiser in linker.registry.by_id and organiser not in known
        else ()
    )
    return replace(exchange, mechanism_id=mechanism.id, participants=host + exchange.participants)
