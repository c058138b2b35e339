"""Sentences with their offsets, English and Chinese, by rule."""

from __future__ import annotations

import re

from partynet.extract.model import Span

# a sentence ends at 。！？ or at . ! ? before a space and a capital/quote/digit, or at a line end; the
# references an encyclopedia puts after the stop ("... a joint declaration.[1] The most recent ...")
# end the sentence they follow
_END = re.compile(r"[。！？]|[.!?][\"”’)]?(?:\[\d{1,3}\])*(?=\s+[A-Z\"“(\d])|\n")
_ABBREVIATED = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Gen|Gov|Sen|Rep|"
    r"Prof|Jr|Sr|vs|etc|Co|Corp|Inc|Ltd|U\.S|U\.N))\.$"
)


def sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if text[end - 1] == "." and _ABBREVIATED.search(text[max(start, end - 8) : end]):
            continue  # "Dec. 3", "Mr. Xi": not an end
        _add(spans, text, start, end)
        start = end
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    kept = piece.strip()  # str.strip and str.isspace agree on what is white space
    if kept:
        start += len(piece) - len(piece.lstrip())
        spans.append(Span(start, start + len(kept), kept))
