"""End to end: files on disk → store, across runs."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from partynet.ingest.dedup import StoredDocuments
from partynet.ingest.pipeline import IngestOptions, ingest
from partynet.store.repository import Store
from partynet.store.schema import documents, ingest_runs
from tests.conftest import write
from tests.fixtures import ARTICLE, OTHER_ARTICLE, clean_page, doubled_page, footer_page, spam_page

if TYPE_CHECKING:
    import pytest

# which run wrote a row, when, and in what order the store took it: these depend on how work was split
VOLATILE = {"run_id", "ingested_at", "seq"}


def snapshot(url: str) -> list[dict[str, Any]]:
    """Every stored document, without the fields that name the run that wrote it."""
    store = Store.open(url)
    with store.engine.connect() as connection:
        rows = [
            {k: v for k, v in row._mapping.items() if k not in VOLATILE}
            for row in connection.execute(select(documents).order_by(documents.c.id))
        ]
    store.close()
    return rows


def run(url: str, *paths: Path, batch_size: int = 2) -> dict[str, Any]:
    store = Store.open(url)
    try:
        return ingest([str(p) for p in paths], store, IngestOptions(batch_size=batch_size)).as_dict()
    finally:
        store.close()


def seed_like(root: Path) -> Path:
    """Four documents shaped like the project's seeds: spam copy, original, doubled, footer."""
    write(root / "000_spam.txt", spam_page())
    write(root / "001_original.txt", clean_page())
    write(root / "003_doubled.txt", doubled_page())
    write(root / "004_footer.txt", footer_page())
    write(root / "NOTES.md", "not a document")
    return root


def test_seed_like_corpus(tmp_path: Path, store_url: str) -> None:
    summary = run(store_url, seed_like(tmp_path / "in"))
    assert (summary["read"], summary["kept"], summary["duplicate"]) == (4, 3, 1)
    assert summary["skipped_files"] == 1
    (dup,) = summary["duplicates"]
    assert (dup["source"], dup["duplicate_of_source"]) == ("000_spam.txt", "001_original.txt")
    rows = {r["source_key"]: r for r in snapshot(store_url)}
    spam = rows["000_spam.txt"]
    assert spam["status"] == "duplicate"
    assert all(p in spam["text"] for p in ARTICLE)
    assert "什么" not in spam["text"]
    assert rows["003_doubled.txt"]["text"].count(OTHER_ARTICLE[1]) == 1
    assert "Copyright" not in rows["004_footer.txt"]["text"]
    assert all(r["lang"] == "en" for r in rows.values())


def test_documents_are_counted_by_status(tmp_path: Path, store_url: str) -> None:
    run(store_url, seed_like(tmp_path / "in"))
    store = Store.open(store_url)
    counts = (
        store.count_documents(),
        store.count_documents(["kept"]),
        store.count_documents(["kept", "duplicate"]),
    )
    store.close()
    assert counts == (4, 3, 4)


def test_reingesting_changes_nothing(tmp_path: Path, store_url: str) -> None:
    corpus = seed_like(tmp_path / "in")
    run(store_url, corpus)
    before = snapshot(store_url)
    store = Store.open(store_url)
    with store.engine.connect() as connection:
        runs_before = connection.execute(select(ingest_runs.c.id)).all()
    store.close()
    again = run(store_url, corpus)
    assert (again["unchanged"], again["kept"], again["duplicate"]) == (4, 0, 0)
    assert snapshot(store_url) == before
    store = Store.open(store_url)
    with store.engine.connect() as connection:
        assert connection.execute(select(ingest_runs.c.id)).all() == runs_before
    store.close()


def test_a_run_with_nothing_new_does_not_read_the_stored_signatures(
    tmp_path: Path, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The duplicate index is loaded from the store only once a run has a text to compare: re-running
    an ingest over a large store costs what reading its inputs costs."""
    corpus = seed_like(tmp_path / "in")
    loads: list[int] = []
    stored_state = Store.dedup_state

    def counted(self: Store, permutations: int) -> Iterator[StoredDocuments]:
        loads.append(permutations)
        return stored_state(self, permutations)

    monkeypatch.setattr(Store, "dedup_state", counted)
    run(store_url, corpus)
    assert len(loads) == 1
    again = run(store_url, corpus)
    assert again["unchanged"] == 4
    assert len(loads) == 1
    run(store_url, write(tmp_path / "more" / "copy.txt", spam_page()))
    assert len(loads) == 2


class _Reports:
    """A run's progress report, as the command line's bar takes it."""

    def __init__(self) -> None:
        self.inputs = 0
        self.loaded: list[tuple[int, int]] = []

    def __call__(self, count: int) -> None:
        self.inputs += count

    def loading(self, done: int, total: int) -> None:
        self.loaded.append((done, total))


def test_reading_the_stored_index_is_reported_until_it_is_whole(tmp_path: Path, store_url: str) -> None:
    run(store_url, seed_like(tmp_path / "in"))  # three kept and one duplicate: four signed rows
    reports = _Reports()
    store = Store.open(store_url)
    try:
        ingest([str(write(tmp_path / "more" / "new.txt", doubled_page()))], store, IngestOptions(), reports)
    finally:
        store.close()
    assert reports.inputs == 1
    assert reports.loaded[-1] == (4, 4)
    assert [done for done, _ in reports.loaded] == sorted(done for done, _ in reports.loaded)


def test_later_run_finds_duplicates_of_an_earlier_one(tmp_path: Path, store_url: str) -> None:
    run(store_url, write(tmp_path / "a" / "original.txt", clean_page()))
    second = run(store_url, write(tmp_path / "b" / "copy.txt", spam_page()))
    assert second["duplicate"] == 1
    assert second["duplicates"][0]["duplicate_of_source"] == "original.txt"


def test_an_earlier_original_arriving_later_takes_over_the_group(tmp_path: Path, store_url: str) -> None:
    run(store_url, write(tmp_path / "a" / "copy.txt", spam_page()))
    second = run(store_url, write(tmp_path / "b" / "original.txt", clean_page()))
    assert second["repointed"] == 1
    rows = {r["source_key"]: r for r in snapshot(store_url)}
    assert rows["original.txt"]["status"] == "kept"
    assert rows["copy.txt"]["status"] == "duplicate"
    assert rows["copy.txt"]["duplicate_of"] == rows["original.txt"]["id"]


def test_store_is_the_same_whatever_the_batches_and_runs(tmp_path: Path, store_url: str) -> None:
    corpus = seed_like(tmp_path / "in")
    run(store_url, corpus, batch_size=100)
    one_run = snapshot(store_url)
    other = f"sqlite:///{tmp_path / 'other.db'}"
    for name in sorted(p.name for p in corpus.iterdir())[::-1]:
        run(other, corpus / name, batch_size=1)
    # file arguments are keyed by name, as the directory run keys them by relative path
    assert [
        (r["id"], r["status"], r["duplicate_of"]) for r in snapshot(other) if r["source_key"] != "NOTES.md"
    ] == [(r["id"], r["status"], r["duplicate_of"]) for r in one_run]


def test_unreadable_input_is_recorded_and_the_run_goes_on(tmp_path: Path, store_url: str) -> None:
    write(tmp_path / "in" / "a.txt", clean_page())
    write(tmp_path / "in" / "b.txt", bytes(range(256)) * 50)
    write(
        tmp_path / "in" / "c.jsonl",
        json.dumps({"id": "x", "text": "A party congress opened."}) + "\n{broken\n",
    )
    summary = run(store_url, tmp_path / "in")
    assert (summary["read"], summary["kept"], summary["unreadable"]) == (4, 2, 2)
    reasons = [r["status_reason"] for r in snapshot(store_url) if r["status"] == "unreadable"]
    assert all(reasons)


def test_worker_processes_give_the_same_store_as_one_process(tmp_path: Path) -> None:
    corpus = seed_like(tmp_path / "in")
    write(
        corpus / "more.jsonl",
        "\n".join(
            json.dumps({"id": f"m{i}", "text": f"Report {i}: " + " ".join(ARTICLE[i % 4].split()[::-1])})
            for i in range(30)
        )
        + "\n",
    )
    urls = [f"sqlite:///{tmp_path / name}" for name in ("inline.db", "pool.db")]
    for url, workers in zip(urls, (1, 2), strict=True):
        store = Store.open(url)
        ingest([str(corpus)], store, IngestOptions(batch_size=4, workers=workers))
        store.close()
    assert snapshot(urls[0]) == snapshot(urls[1])


def test_warc_and_feed_documents_keep_their_provenance(tmp_path: Path, store_url: str) -> None:
    from tests.fixtures import HTML_PAGE
    from tests.ingest.test_readers import RSS, warc_record

    write(tmp_path / "in" / "crawl.warc", warc_record("https://example.org/laos", HTML_PAGE.encode()))
    write(tmp_path / "in" / "news.xml", RSS)
    summary = run(store_url, tmp_path / "in")
    assert (summary["read"], summary["kept"]) == (3, 3)
    rows = {r["url"]: r for r in snapshot(store_url)}
    page = rows["https://example.org/laos"]
    assert (page["source_format"], page["locator"], page["published"]) == ("warc", "offset 0", "2024-03-05")
    assert "arrived in Vientiane" in page["text"]
    entry = rows["https://example.org/a"]
    assert (entry["source_format"], entry["locator"], entry["published"]) == ("feed", "entry 1", "2023-04-18")
    assert entry["source"].endswith("news.xml")


def test_a_crawls_other_files_are_counted_and_never_stored(tmp_path: Path, store_url: str) -> None:
    from tests.fixtures import HTML_PAGE
    from tests.ingest.test_readers import RSS, warc_record

    crawl = b"".join(
        [
            warc_record("https://example.org/laos", HTML_PAGE.encode()),
            warc_record("https://example.org/site.css", b"p { margin: 0 }", "text/css"),
            warc_record("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
            warc_record("https://example.org/feed", RSS.encode(), "application/rss+xml"),
        ]
    )
    write(tmp_path / "in" / "crawl.warc.gz", gzip.compress(crawl))
    summary = run(store_url, tmp_path / "in")
    assert (summary["read"], summary["kept"], summary["unreadable"]) == (3, 3, 0)
    assert summary["skipped_records"] == {"image/png": 1, "text/css": 1}
    stored = snapshot(store_url)
    assert sorted(r["url"] for r in stored) == [
        "https://example.org/a",
        "https://example.org/b",
        "https://example.org/laos",
    ]
    again = run(store_url, tmp_path / "in")
    assert (again["read"], again["unchanged"], again["skipped_records"]) == (3, 3, summary["skipped_records"])
    assert snapshot(store_url) == stored


def test_a_zip_archive_is_ingested_member_by_member_and_a_rerun_changes_nothing(
    tmp_path: Path, store_url: str
) -> None:
    from tests.fixtures import HTML_PAGE
    from tests.ingest.test_zipped import CRAWL, zipped

    # the saved page is also in the archive: the second copy is its duplicate
    bundle = zipped({"talks.html": HTML_PAGE, "archive.warc.gz": CRAWL, "logo.svg": "<svg/>"})
    write(tmp_path / "in" / "bundle.zip", bundle)
    summary = run(store_url, tmp_path / "in")
    assert (summary["read"], summary["kept"], summary["duplicate"], summary["unreadable"]) == (2, 1, 1, 0)
    assert summary["skipped_records"] == {"image/png": 1, "image/svg+xml": 1}
    stored = snapshot(store_url)
    assert sorted(row["source_key"] for row in stored) == [
        "bundle.zip/archive.warc.gz#offset 0",
        "bundle.zip/talks.html",
    ]
    again = run(store_url, tmp_path / "in")
    assert (again["read"], again["unchanged"]) == (2, 2)
    assert snapshot(store_url) == stored


def test_json_exports_are_ingested_item_by_item_and_data_beside_them_counted(
    tmp_path: Path, store_url: str
) -> None:
    from tests.ingest.test_jsonfile import article

    export = [article(1), article(2, id="np-2"), article(1, url="https://mirror.example.org/1")]
    write(tmp_path / "in" / "export.json", json.dumps(export, indent=2))
    write(tmp_path / "in" / "api" / "page-1.json", json.dumps({"status": "ok", "articles": [article(3)]}))
    write(tmp_path / "in" / "crawl-state.json", json.dumps({"queue": [], "done": 3}))
    summary = run(store_url, tmp_path / "in")
    assert (summary["read"], summary["kept"], summary["duplicate"], summary["unreadable"]) == (4, 3, 1, 0)
    assert summary["skipped_records"] == {"application/json": 1}
    stored = {row["source_key"]: row for row in snapshot(store_url)}
    assert sorted(stored) == [
        "api/page-1.json#articles, item 1",
        "export.json#item 1",
        "export.json#item 3",
        "id:np-2",
    ]
    first, copy = (stored[key] for key in ("export.json#item 1", "export.json#item 3"))
    assert {first["duplicate_of"], copy["duplicate_of"]} in ({None, first["id"]}, {None, copy["id"]})
    assert (stored["id:np-2"]["published"], stored["id:np-2"]["lang"]) == ("2024-06-03", "en")
    again = run(store_url, tmp_path / "in")
    assert (again["read"], again["unchanged"], again["skipped_records"]) == (4, 4, {"application/json": 1})
    assert list(stored.values()) == snapshot(store_url)
