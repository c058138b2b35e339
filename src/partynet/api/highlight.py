"""A document's text cut into segments at the edges of its evidence spans and mentions, so that a
client can show each fact where it stands, as text (never as markup)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any


def segments(
    text: str, evidence: list[dict[str, Any]], mentions: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    spans = [s for s in evidence if 0 <= s["start"] < s["end"] <= len(text)]
    named = [m for m in mentions if 0 <= m["start"] < m["end"] <= len(text)]
    cuts = sorted({0, len(text), *(x for s in spans + named for x in (s["start"], s["end"]))})
    pieces: list[dict[str, Any]] = []
    for start, end in pairwise(cuts):
        span = next((s for s in spans if s["start"] <= start and end <= s["end"]), None)
        mention = next((m for m in named if m["start"] <= start and end <= m["end"]), None)
        piece = {
            "text": text[start:end],
            "kind": "mention" if mention else "evidence" if span else "plain",
            "exchange_id": span.get("exchange_id") if span else None,
            "claim_id": span.get("claim_id") if span else None,
            "party_id": mention.get("party_id") if mention else None,
        }
        if pieces and all(pieces[-1][k] == piece[k] for k in ("kind", "exchange_id", "claim_id", "party_id")):
            pieces[-1]["text"] += piece["text"]
        else:
            pieces.append(piece)
    return pieces
