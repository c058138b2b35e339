"""The gazetteer finds its keys as a leftmost-longest scan does, or every occurrence when asked."""

from __future__ import annotations

import pickle

from partynet.gazetteer import Gazetteer


def test_leftmost_longest_matches_do_not_overlap() -> None:
    names = Gazetteer({"labour": 1, "labour party": 2, "party": 3, "our": 4})
    assert names.find("the labour party and another party") == [
        (4, 16, "labour party", 2),
        (29, 34, "party", 3),
    ]


def test_overlapping_finds_every_occurrence_of_every_key() -> None:
    names = Gazetteer({"labour": 1, "labour party": 2, "our": 4}, overlapping=True)
    found = sorted((start, end) for start, end, _, _ in names.find("labour party"))
    assert found == [(0, 6), (0, 12), (3, 6)]
    assert sorted(names.values_in("labour party")) == [1, 2, 4]


def test_offsets_are_of_characters_not_bytes() -> None:
    names = Gazetteer({"国民党": "KMT"})
    assert names.find("中國國民黨，中国国民党") == [(8, 11, "国民党", "KMT")]


def test_keys_look_up_as_a_dict_and_an_empty_gazetteer_finds_nothing() -> None:
    names = Gazetteer({"anc": 1})
    assert names.get("anc") == 1
    assert names.get("sacp") is None
    assert len(names) == 1
    empty: Gazetteer[int] = Gazetteer({})
    assert empty.find("anything") == []
    assert empty.values_in("anything") == []


def test_a_pickled_gazetteer_finds_what_the_original_finds() -> None:
    for overlapping in (False, True):
        names = Gazetteer({"labour": 1, "labour party": 2, "our": 4}, overlapping=overlapping)
        copy = pickle.loads(pickle.dumps(names))  # noqa: S301 - our own object
        assert copy.find("the labour party") == names.find("the labour party")
        assert copy.get("our") == 4
