"""How a mention's scored candidates become a link: the best one, only when it is clearly ahead."""

from __future__ import annotations

import math
from dataclasses import dataclass

from partynet.registry.rules import Evidence

LINK_THRESHOLD = 0.5  # the best candidate's score must reach this ...
MARGIN_PER_DOUBLING = 0.05  # extra margin for each doubling of the close contenders ...
CONTENDER_GAP = 0.25  # ... those scoring at most this much below the best
LINK_MARGIN = 0.1  # ... and be this far ahead of the next one


@dataclass(frozen=True, slots=True)
class Candidate:
    party_id: str
    name: str
    country: str | None
    score: float
    evidence: tuple[Evidence, ...]

    @property
    def reason(self) -> str:
        return "; ".join(e.reason for e in self.evidence)


@dataclass(frozen=True, slots=True)
class ProposedEntry:
    """What an analyst would add to the registry for a party it does not know."""

    name: str
    lang: str
    country: str | None


@dataclass(frozen=True, slots=True)
class Link:
    start: int
    end: int
    surface: str
    party_id: str | None
    score: float
    reason: str
    candidates: tuple[Candidate, ...] = ()
    proposal: ProposedEntry | None = None

    def at(self, start: int, end: int) -> Link:
        """The same link at another span, for a name repeated in like context: several times as fast
        as `dataclasses.replace`, and every repeated name of a text is copied so."""
        return Link(
            start, end, self.surface, self.party_id, self.score, self.reason, self.candidates, self.proposal
        )


def decide(start: int, end: int, surface: str, candidates: list[Candidate]) -> Link:
    if not candidates:
        return Link(start, end, surface, None, 0.0, "no candidate")
    best = candidates[0]
    runner_up = candidates[1].score if len(candidates) > 1 else 0.0
    top = tuple(candidates[:5])
    # the more parties share a name, the clearer the winner must be: small differences of vote share
    # between thirty 'Labour Party's decide nothing
    contenders = sum(1 for c in candidates[1:] if c.score >= best.score - CONTENDER_GAP)
    margin = LINK_MARGIN + MARGIN_PER_DOUBLING * math.log2(1 + contenders)
    if best.score >= LINK_THRESHOLD and best.score - runner_up >= margin:
        return Link(start, end, surface, best.party_id, best.score, best.reason, top)
    why = "too weak" if best.score < LINK_THRESHOLD else f"ambiguous between {len(candidates)} parties"
    return Link(start, end, surface, None, best.score, why, top)


def best_per_party(candidates: list[Candidate]) -> list[Candidate]:
    best: dict[str, Candidate] = {}
    for c in candidates:
        if c.party_id not in best or c.score > best[c.party_id].score:
            best[c.party_id] = c
    return sorted(best.values(), key=lambda c: (-c.score, c.party_id))
