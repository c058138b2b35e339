"""Relations, coverage and claims on a hand-built store where every figure is known in advance."""

from __future__ import annotations

import pytest

from partynet.analysis.coverage import check_claims, coverage
from partynet.analysis.model import ExchangeFact, NetworkData, Participation
from partynet.analysis.relations import RegularContactRule, linked_pairs, most_active, relations
from partynet.store.network import load_network
from tests.analysis.builder import Built

COUNTED = ("extracted", "accepted", "edited")


def scenario() -> Built:
    """A (China) hosts, meets, calls and writes; its international department (a party body) stands for
    it; B2 was merged into B by an analyst; a rejected exchange and a foreign gathering do not count."""
    built = Built()
    for pid, country in (("A", "CHN"), ("B", "VNM"), ("C", "ZAF"), ("E", "RUS"), ("F", "CUB"), ("G", "LAO")):
        built.party(pid, country)
    built.party("H", "VNM").party("D", "CHN", "non_party")
    built.party("Abody", "CHN", "party_body", parent="A").party("B2", "VNM", merged_into="B")
    built.exchange("e1", "meeting", "2019-03-01", [("A", "host"), ("B", "guest")])
    built.exchange("e2", "visit", "2019-05", [("Abody", "host"), ("C", "guest")])
    built.exchange("e3", "call", "2020-01-10", [("A", "attendee"), ("B2", "attendee")])
    built.exchange(
        "e4",
        "conference",
        "2020-06-01",
        [("A", "host"), ("B", "attendee"), ("D", "attendee"), ("E", "attendee")],
    )
    built.exchange(
        "e5", "conference", "2021-04-01", [("E", "attendee"), ("F", "attendee"), ("G", "attendee")]
    )
    built.exchange("e6", "message", None, [("A", "sender"), ("F", "recipient")])
    built.exchange("e7", "meeting", "2021-02-02", [("A", "host"), ("G", "guest")], status="rejected")
    built.exchange("e8", "meeting", "2015-01-01", [("B", "host"), ("H", "guest")])
    built.exchange("e9", "meeting", "2014-06-01", [("B", "host"), ("H", "guest")])
    built.claim("k1", "A", 10, 8, "2019-12-31").claim("k2", "Abody", 20, None, None).claim(
        "k3", None, 5, 3, None
    )
    return built


@pytest.fixture
def data(store_url: str) -> NetworkData:
    store = scenario().write(store_url)
    try:
        return load_network(store, COUNTED)
    finally:
        store.close()


def test_party_bodies_and_merged_entries_stand_for_their_party_and_rejected_exchanges_do_not_count(
    data: NetworkData,
) -> None:
    by_id = {e.id: e for e in data.exchanges}
    assert "e7" not in by_id
    assert by_id["e2"].party_ids == ("A", "C")
    assert by_id["e3"].party_ids == ("A", "B")
    assert most_active(data) == "A"


def test_relations_follow_the_documented_pair_rule_and_regular_contact_rule(data: NetworkData) -> None:
    found = relations(data)
    assert set(found) == {
        ("A", "B"), ("A", "C"), ("A", "D"), ("A", "E"), ("A", "F"),  # A hosted e4: no B-D, B-E, D-E
        ("E", "F"), ("E", "G"), ("F", "G"),  # e5 had no host: every pair
        ("B", "H"),
    }  # fmt: skip
    ab = found["A", "B"]
    assert (ab.exchanges, ab.first, ab.last, sorted(ab.years)) == (
        3,
        "2019-03-01",
        "2020-06-01",
        [2019, 2020],
    )
    assert ab.strength == pytest.approx(1.0 + 0.8 + 0.5)
    assert dict(ab.kinds) == {"meeting": 1, "call": 1, "conference": 1}
    assert ab.regular, "3 exchanges in 2 years, the last within 5 years of 2021"
    assert not found["A", "C"].regular, "one exchange"
    assert not found["B", "H"].regular, (
        "2 exchanges in 2 years, but the last (2015) is over 5 years before 2021"
    )
    assert relations(data, RegularContactRule(window_years=10))["B", "H"].regular
    assert not relations(data, RegularContactRule(min_exchanges=4))["A", "B"].regular


def test_a_hosted_gathering_links_each_host_with_every_other_participant() -> None:
    two_hosts = ExchangeFact(
        "x", "conference", "2024", "extracted", None,
        (Participation("H1", "host"), Participation("H2", "host"), Participation("P", "attendee"),
         Participation("Q", "attendee")),
    )  # fmt: skip
    assert linked_pairs(two_hosts) == [("H1", "H2"), ("H1", "P"), ("H1", "Q"), ("H2", "P"), ("H2", "Q")]
    meeting = ExchangeFact("y", "meeting", None, "extracted", None, (Participation("P", "host"),))
    assert linked_pairs(meeting) == []


def test_coverage_per_year_cumulative_and_by_kind(data: NetworkData) -> None:
    cov = coverage(data, "A", relations(data))
    rows = {y.year: y for y in cov.years}
    assert sorted(rows) == [2019, 2020]
    y19, y20 = rows[2019], rows[2020]
    assert (y19.exchanges, y19.partners, y19.parties, y19.countries) == (2, 2, 2, 2)
    assert y19.new_partners == ["B", "C"]
    assert y19.kinds == {"meeting": 1, "visit": 1}
    assert (y20.exchanges, y20.partners, y20.parties, y20.countries) == (2, 3, 2, 3)  # D is no party
    assert (y20.cumulative_partners, y20.cumulative_parties, y20.cumulative_countries) == (4, 3, 4)
    assert y20.new_partners == ["D", "E"]
    assert cov.undated_exchange_ids == ["e6"]
    assert (cov.exchanges, cov.partners, cov.parties, cov.countries) == (5, 5, 4, 5)
    assert [p.party_id for p in cov.top_partners][:1] == ["B"]


def test_claims_are_set_beside_the_evidence_up_to_their_date(data: NetworkData) -> None:
    checks = {c.claim.id: c for c in check_claims(data)}
    k1 = checks["k1"]
    assert (k1.supported_partners, k1.supported_countries, k1.partners_gap, k1.countries_gap) == (2, 2, 8, 6)
    assert sorted(k1.exchange_ids) == ["e1", "e2"], "a month-precision date counts by the end of its year"
    k2 = checks["k2"]
    assert k2.claim.subject_id == "A", "a claim about the international department is the party's"
    assert (k2.supported_partners, k2.partners_gap, k2.countries_gap) == (5, 15, None)
    assert checks["k3"].supported_partners is None
