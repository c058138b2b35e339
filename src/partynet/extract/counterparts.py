"""Who a sentence's counterparts are, beyond the names it links.

A subject that met several counterparts "separately" (分别同A、B会见, "met respectively with A and B")
had one meeting with each of them, not one meeting of all: the sentence gives one exchange per
counterpart, so that the network joins the subject to each and the counterparts to none of each other.

"The two parties" (两党, 双方) as the subject of a signing or a joint statement are the two parties of
the exchange told just before: "此前,两党签署了《交流与合作协议》" is their agreement."""

from __future__ import annotations

import re
from dataclasses import replace

from partynet.extract.kinds import separately_at
from partynet.extract.model import MEETINGS, Exchange, Span
from partynet.gate import cues, may_match
from partynet.registry.decision import Link
from partynet.registry.link import Linker

MIN_SEPARATE = 2  # counterparts it takes to split a meeting
PAIR = 2
# the subject spelt out in full, so that its forms are the pattern's cues (`partynet.gate.cues`)
_PAIR_EN = "|".join(
    f"{a} {b}" for a in ("The two", "the two", "Both", "both") for b in ("parties", "Parties", "sides")
)
_TWO_PARTIES = re.compile(
    rf"(?:^|[,;:]\s*)(?P<en>{_PAIR_EN})\s+"
    r"(?:also\s+|jointly\s+|then\s+|have\s+|had\s+)?(?:signed|inked|issued|held)\b"
    r"|(?:^|[，,；;：:]|此前|随后|隨後|会后|會後|期间|期間)\s*(?P<zh>两党|兩黨|双方|雙方)"
    r"(?:还|還|并|並|共同|正式|也)?(?:签署|簽署|签订|簽訂|发表|發表|举行|舉行)"
)
_TWO_PARTIES_CUES = cues(_TWO_PARTIES)  # looked for first: the pattern opens with no literal
REASON = "the two parties of the exchange told before"


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


def the_two_parties(sentence: Span, links: list[Link], exchanges: list[Exchange]) -> list[Link]:
    """The sentence's links, with the two parties of the last exchange when the sentence makes "the two
    parties" the subject of a signing, a statement or talks. Each link of them is on those words."""
    if not exchanges or not may_match(_TWO_PARTIES_CUES, sentence.text):
        return links
    match = _TWO_PARTIES.search(sentence.text)
    if match is None:
        return links
    pair = [p for p in exchanges[-1].participants if not p.non_party]
    if len(pair) != PAIR:
        return links
    words = "en" if match.group("en") else "zh"
    start, end = sentence.start + match.start(words), sentence.start + match.end(words)
    named = {link.party_id for link in links}
    added = [
        Link(start, end, match.group(words), p.party_id, 1.0, REASON) for p in pair if p.party_id not in named
    ]
    return sorted(links + added, key=lambda link: link.start)
