from __future__ import annotations

from partynet.extract.model import Exchange, Extraction, Kind, Participant, Role, Span
from partynet.store.extractions import exchange_ids

SENTENCE = Span(0, 60, "The CPV met separately with the ANC, the SACP and the MPLA.")


def meeting(*counterparts: str, span: Span = SENTENCE) -> Exchange:
    parties = ("pf:9", *counterparts)
    return Exchange(
        Kind.MEETING,
        tuple(Participant(p, p, Role.HOST if i == 0 else Role.GUEST) for i, p in enumerate(parties)),
        span,
        None,
    )


def ids(*exchanges: Exchange) -> list[str]:
    return exchange_ids(Extraction("doc", "rules", list(exchanges)))


def test_a_record_alone_on_its_span_keeps_the_plain_id() -> None:
    (alone,) = ids(meeting("pf:1"))
    (other_span,) = ids(meeting("pf:1", span=Span(61, 80, "The CPV met the ANC.")))
    assert alone != other_span
    assert ids(meeting("pf:1")) == [alone]  # the same on every run
    assert ids(meeting("pf:2")) == [alone]  # an analyst's edit of the record keeps its place


def test_records_sharing_a_span_are_known_by_their_counterparts() -> None:
    first = ids(meeting("pf:1"), meeting("pf:2"))
    assert len(set(first)) == 2
    # a counterpart found first in a new extraction takes no other record's id
    again = ids(meeting("pf:0"), meeting("pf:1"), meeting("pf:2"))
    assert again[1:] == first
    assert again[0] not in first


def test_records_that_hold_the_same_are_still_told_apart() -> None:
    twice = ids(meeting("pf:1"), meeting("pf:1"))
    assert len(set(twice)) == 2
