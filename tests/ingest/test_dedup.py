from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partynet.domain import DatePrecision, Document, PartialDate, SourceFormat
from partynet.ingest.dedup import DedupIndex, StoredDocuments, content_hash, prepare, shingles, similarity
from tests.fixtures import ARTICLE

PERMS = 128


def _doc(doc_id: str, text: str, published: str | None = None, removed: int = 0) -> Document:
    doc = Document(
        id=doc_id,
        source=doc_id,
        source_key=doc_id,
        locator="",
        source_format=SourceFormat.TEXT,
        text=text,
        removed_chars=removed,
        published=PartialDate(published, DatePrecision.DAY) if published else None,
    )
    prepare(doc, PERMS)
    return doc


def _assign(docs: list[Document]) -> dict[str, str | None]:
    """Feed documents to a fresh index; return each one's final original (None for originals)."""
    index = DedupIndex(PERMS, 16, 0.8)
    final: dict[str, str | None] = {}
    for doc in docs:
        assignment = index.add(doc)
        final[doc.id] = assignment.duplicate_of
        for repoint in assignment.repoints:
            final[repoint.document_id] = repoint.duplicate_of
    return final


noise = st.lists(
    st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\u200b", "\u3000"]), min_size=1, max_size=3
)


@given(
    st.lists(
        st.text(alphabet=st.characters(exclude_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=8),
        min_size=1,
        max_size=12,
    ),
    st.data(),
)
def test_content_hash_ignores_whitespace_and_normalisation_noise(
    words: list[str], data: st.DataObject
) -> None:
    plain = " ".join(words)
    noisy = "".join(w + "".join(data.draw(noise)) for w in words)
    assert content_hash(plain) == content_hash(noisy)
    assert content_hash(plain) == content_hash(unicodedata.normalize("NFD", plain))
    assert content_hash(plain) == content_hash(unicodedata.normalize("NFKC", plain))


def test_content_hash_sees_real_changes() -> None:
    assert content_hash("The party met in Hanoi.") != content_hash("The party met in Hue.")


def test_chinese_is_shingled_by_character() -> None:
    assert shingles("中越两党") == ["中 越 两", "越 两 党"]


def test_near_duplicate_is_found_and_points_to_the_earlier_publication() -> None:
    text = "\n".join(ARTICLE)
    original = _doc("orig", text, "2024-05-14")
    repost = _doc("repost", "Nav Search\n" + text + "\nShare this story", "2024-06-01")
    unrelated = _doc("other", "The weather in Hanoi was warm on Tuesday and markets were calm all week long.")
    assert similarity(original.minhash or b"", repost.minhash or b"") > 0.8
    final = _assign([repost, unrelated, original])
    assert final == {"repost": "orig", "other": None, "orig": None}


def test_exact_duplicate_even_when_very_short() -> None:
    final = _assign([_doc("a", "Talks held."), _doc("b", "Talks  held.")])
    assert final["b"] == "a" or final["a"] == "b"


def _corpus() -> list[Document]:
    """Near duplicates, exact copies (one text three times), and texts of their own."""
    base = "\n".join(ARTICLE)
    chinese = "中越两党在北京举行会谈，双方就加强交流合作交换意见，并签署了合作备忘录。"
    return [
        _doc("a", base, "2024-05-14"),
        _doc("b", base + "\nRead more at example.org", "2024-05-20"),
        _doc("c", "Copyright line\n" + base, None),
        _doc(
            "d", ARTICLE[0] + " A different story follows about trade fairs and shipping volumes in the port."
        ),
        _doc("e", chinese),
        _doc("f", chinese, "2024-01-01"),
        _doc("g", chinese, removed=12),
    ]


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_assignment_does_not_depend_on_arrival_order(rnd: random.Random) -> None:
    docs = _corpus()
    expected = _assign(docs)
    shuffled = docs[:]
    rnd.shuffle(shuffled)
    assert _assign(shuffled) == expected
    assert expected["b"] == "a"
    assert expected["c"] == "a"
    assert expected["e"] == "f"
    assert expected["g"] == "f"


def _stored(docs: list[Document], final: dict[str, str | None], through: int = 0) -> StoredDocuments:
    """What the store would hand back for these documents and their assignment."""
    return StoredDocuments(
        [d.id for d in docs],
        [d.content_hash or "" for d in docs],
        [d.minhash or b"" for d in docs],
        [d.published.value if d.published else None for d in docs],
        [d.removed_chars for d in docs],
        [len(d.text) for d in docs],
        [final[d.id] for d in docs],
        through=through,
    )


def test_dedup_is_idempotent_when_loaded_from_its_own_output() -> None:
    base = "\n".join(ARTICLE)
    docs = [
        _doc("a", base, "2024-05-14"),
        _doc("b", base + "\nMore.", "2024-05-20"),
        _doc("c", "Other text here."),
    ]
    index = DedupIndex(PERMS, 16, 0.8)
    first = {d.id: index.add(d).duplicate_of for d in docs}
    reloaded = DedupIndex(PERMS, 16, 0.8)
    reloaded.load([_stored(docs, first)])
    again = _doc("a2", base, "2024-05-14")
    assert reloaded.add(again).duplicate_of == "a"
    assert first == {"a": None, "b": "a", "c": None}
    assert len(reloaded) == 4


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(0, 7), st.integers(0, 7), st.integers(1, 3))
def test_a_store_loaded_in_chunks_then_added_to_in_batches_assigns_as_one_run(
    rnd: random.Random, stored: int, chunk: int, batch: int
) -> None:
    """Loading (exact copies sharing a row, groups as stored) and adding in batches (band keys merged
    into the sorted table after every batch) change nothing in the outcome."""
    docs = _corpus()
    rnd.shuffle(docs)
    expected = _assign(docs)
    earlier, later = docs[:stored], docs[stored:]
    final = _assign(earlier)
    index = DedupIndex(PERMS, 16, 0.8, merge_from=1)
    cut = min(chunk, len(earlier))
    index.load([_stored(earlier[:cut], final), _stored(earlier[cut:], final)])
    for start in range(0, len(later), batch):
        part = later[start : start + batch]
        for doc, assignment in zip(part, index.add_many(part), strict=True):
            final[doc.id] = assignment.duplicate_of
            final.update((r.document_id, r.duplicate_of) for r in assignment.repoints)
    assert final == expected
    assert len(index) == len(docs)


def test_a_group_whose_original_is_no_longer_indexed_is_not_lost() -> None:
    """A stored duplicate whose original has no signature any more stands alone, and can be re-grouped."""
    base = "\n".join(ARTICLE)
    late = _doc("late", base + "\nMore.", "2024-05-20")
    index = DedupIndex(PERMS, 16, 0.8)
    index.load([_stored([late], {"late": "gone"})])
    earlier = _doc("early", base, "2024-05-14")
    assignment = index.add(earlier)
    assert assignment.duplicate_of is None
    assert [(r.document_id, r.duplicate_of) for r in assignment.repoints] == [("late", "early")]


def test_signatures_of_another_length_are_refused_with_the_setting_to_use() -> None:
    doc = _doc("a", "\n".join(ARTICLE))
    index = DedupIndex(64, 16, 0.8)
    with pytest.raises(ValueError, match="minhash_permutations"):
        index.load([_stored([doc], {"a": None})])
    with pytest.raises(ValueError, match="minhash_permutations"):
        index.add(doc)


def test_a_stored_group_moves_whole_to_an_earlier_text_that_matches_only_its_original() -> None:
    words = [f"w{i}" for i in range(-15, 115)]
    original = _doc("a", " ".join(words[15:115]), "2024-05-14")
    member = _doc("b", " ".join(words[15:130]), "2024-05-20")  # the original and more
    earlier = _doc("z", " ".join(words[0:115]), "2024-05-01")  # more, then the original
    assert similarity(original.minhash or b"", member.minhash or b"") >= 0.8
    assert similarity(original.minhash or b"", earlier.minhash or b"") >= 0.8
    assert similarity(member.minhash or b"", earlier.minhash or b"") < 0.8
    index = DedupIndex(PERMS, 16, 0.8)
    index.load([_stored([member, original], {"a": None, "b": "a"})])
    assignment = index.add(earlier)
    assert assignment.duplicate_of is None
    assert sorted((r.document_id, r.duplicate_of) for r in assignment.repoints) == [("a", "z"), ("b", "z")]


def test_exact_copies_stored_in_separate_groups_all_move_to_an_earlier_copy() -> None:
    text = "中越两党在北京举行会谈，双方就加强交流合作交换意见，并签署了合作备忘录。"
    first, second = _doc("e", text, "2024-03-01"), _doc("f", text, "2024-04-01")
    index = DedupIndex(PERMS, 16, 0.8)
    index.load([_stored([first, second], {"e": None, "f": None})])
    assignment = index.add(_doc("g", text, "2024-01-01"))
    assert sorted((r.document_id, r.duplicate_of) for r in assignment.repoints) == [("e", "g"), ("f", "g")]


def _chain(rnd: random.Random) -> list[Document]:
    """Texts that each match their neighbours only (a window sliding over one word list), published in
    a random order: which group a text joins depends on what is indexed, so a run that missed another's
    re-pointing would group them wrongly."""
    words = [f"w{i}" for i in range(200)]
    days = rnd.sample(range(1, 29), 5)
    return [
        _doc(f"chain{k}", " ".join(words[8 * k : 8 * k + 100]), f"2024-03-{days[k]:02d}") for k in range(5)
    ]


@dataclass
class _LockedStore:
    """A store as runs see it through its write lock: each document's stored original, and the write
    number at which it was last set."""

    docs: dict[str, Document] = field(default_factory=dict)
    original: dict[str, str | None] = field(default_factory=dict)
    seq: dict[str, int] = field(default_factory=dict)
    last: int = 0

    def since(self, mark: int) -> list[StoredDocuments]:
        changed = sorted((seq, doc_id) for doc_id, seq in self.seq.items() if seq > mark)
        return [_stored([self.docs[i] for _, i in changed], self.original, self.last)] if changed else []

    def put(self, doc: Document, original: str | None) -> None:
        self.docs.setdefault(doc.id, doc)
        self.last += 1
        self.original[doc.id], self.seq[doc.id] = original, self.last

    def write_batch(self, index: DedupIndex, batch: list[Document]) -> None:
        """One batch as the pipeline writes it: under the lock, catch up, drop what is stored, add."""
        index.catch_up(self.since(index.synced_to))
        fresh = [doc for doc in batch if doc.id not in self.original]
        for doc, assignment in zip(fresh, index.add_many(fresh), strict=True):
            self.put(doc, assignment.duplicate_of)
            for repoint in assignment.repoints:
                self.put(self.docs[repoint.document_id], repoint.duplicate_of)
        index.synced_to = self.last


@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(2, 3), st.integers(1, 3))
def test_runs_that_take_turns_batch_by_batch_assign_as_one_run(
    rnd: random.Random, runs: int, batch: int
) -> None:
    """Concurrent runs, each loading the store when it starts and catching up on the others' writes
    (new documents and re-pointed groups) before each batch, end as one run over all documents; a
    document given to two runs is stored by the first."""
    docs = _corpus() + _chain(rnd)
    expected = _assign(docs)
    store = _LockedStore()
    inputs: list[list[Document]] = [[] for _ in range(runs)]
    for doc in docs:
        for owner in {rnd.randrange(runs), rnd.randrange(runs)}:
            inputs[owner].append(doc)
    pending = [[part[i : i + batch] for i in range(0, len(part), batch)] for part in inputs]
    indexes: list[DedupIndex | None] = [None] * runs
    while any(pending):
        turn = rnd.choice([r for r in range(runs) if pending[r]])
        index = indexes[turn]
        if index is None:  # a run loads the store as it is when its first batch comes
            index = indexes[turn] = DedupIndex(PERMS, 16, 0.8, merge_from=1)
            index.load(store.since(0))
        store.write_batch(index, pending[turn].pop(0))
    assert store.original == expected
