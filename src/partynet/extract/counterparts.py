"""A subject that met several counterparts "separately" (分别同A、B会见, "met respectively with A and B")
had one meeting with each of them, not one meeting of all: the sentence gives one exchange per
counterpart, so that the network joins the subject to each and the counterparts to none of each other."""

from __future__ import annotations

from dataclasses import replace

from partynet.extract.kinds import separately_at
from partynet.extract.model import MEETINGS, Exchange, Span
from partynet.registry.decision import Link
from partynet.registry.link import Linker

MIN_SEPARATE = 2  # counterparts it takes to split a meeting


def one_per_counterpart(
    exchange: Exchange, sentence: Span, links: list[Link], linker: Linker
) -> list[Exchange]:
    """The sentence's meeting split into one per counterpart when it says they were met separately.
    The subject is the party named last before that word ("at the invitation of A, the B delegation met
    separately with ..."), else the meeting's first participant."""
    at = separately_at(sentence.text) if exchange.kind in MEETINGS and exchange.participants else None
    if at is None:
        return [exchange]
    before = [link for link in links if link.party_id and link.start < sentence.start + at]
    subject_id = linker.party_entry(before[-1].party_id or "").id if before else None
    subject = next((p for p in exchange.participants if p.party_id == subject_id), exchange.participants[0])
    others = [p for p in exchange.participants if p is not subject]
    if len(others) < MIN_SEPARATE:
        return [exchange]
    return [replace(exchange, participants=(subject, other)) for other in others]
