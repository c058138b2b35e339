"""`partynet spark run` + `partynet load` against the local pipeline: the same records, whatever the driver."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from collections.abc import Iterator
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from partynet.cli import app
from partynet.extract.run import ingest_with_extraction
from partynet.ingest.pipeline import IngestOptions
from partynet.registry.file import load_registry
from partynet.registry.link import Linker
from partynet.spark.load import LoadError, load
from partynet.store.repository import Store
from tests.conftest import SHARED, empty, write
from tests.fixtures import ARTICLE, OTHER_ARTICLE, clean_page, spam_page
from tests.ingest.test_zipped import zipped
from tests.spark.records import store_records

pyspark = pytest.importorskip("pyspark", reason="the Spark extra is not installed")
if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime for Spark", allow_module_level=True)

from partynet.spark.job import SparkOptions, run, session  # noqa: E402 - needs pyspark

SEEDS = SHARED / "seeds"
DEV = SHARED / "corpus" / "dev" / "docs.jsonl"


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    options = SparkOptions(master="local[2]", config={"spark.sql.shuffle.partitions": "4"})
    spark = session(options, "partynet-tests")
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(load_registry())


def local_records(url: str, paths: list[str], linker: Linker) -> dict[str, list[dict[str, Any]]]:
    store = Store.open(url)
    try:
        ingest_with_extraction(paths, store, IngestOptions(workers=1), linker)
    finally:
        store.close()
    return store_records(url)


def spark_then_load(spark: Any, url: str, paths: list[str], out: Path, linker: Linker) -> dict[str, Any]:
    run(spark, paths, out, IngestOptions(), linker.registry, SparkOptions(master="local[2]"))
    return load_into(url, out, linker)


def load_into(url: str, out: Path, linker: Linker) -> dict[str, Any]:
    store = Store.open(url)
    try:
        return load(out, store, IngestOptions(), linker).as_dict()
    finally:
        store.close()


@pytest.fixture(scope="module")
def small_run(spark: Any, linker: Linker, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path]:
    """The small corpus through Spark once (a run takes seconds): its paths and the run's output, which
    the tests load into their own stores."""
    root = tmp_path_factory.mktemp("small")
    paths = [str(small_corpus(root / "in"))]
    run(spark, paths, root / "out", IngestOptions(), linker.registry, SparkOptions(master="local[2]"))
    return paths, root / "out"


def small_corpus(root: Path) -> Path:
    """Dirt of each kind, a copy, a near copy and a Chinese report, in text, HTML, JSONL, WARC, zip and
    JSON (an export of articles, and a file of data beside it)."""
    write(root / "a" / "original.txt", clean_page())
    write(root / "a" / "spam_copy.txt", spam_page())
    write(root / "b" / "page.html", page(ARTICLE))
    write(
        root / "c" / "wire.jsonl",
        '{"id": "w1", "date": "2024-06-27", "text": "中共中央对外联络部部长刘建超6月26日在北京会见越南共产党代表团。双方就加强两党交流合作交换意见。"}\n'
        '{"id": "w2", "date": "2024-06-28", "text": "Liu Jianchao met with a delegation of the Communist Party of Vietnam in Beijing on Wednesday."}\n'
        "not json at all\n",
    )
    write(
        root / "d" / "crawl.warc.gz",
        warc(
            [
                ("http://news.example/1", "text/html", page(OTHER_ARTICLE)),
                ("http://news.example/logo.png", "image/png", "PNG"),
            ]
        ),
    )
    talks = (
        "The Communist Party of Vietnam received a delegation of the Party of Labour of Albania on Friday."
    )
    write(root / "e" / "bundle.zip", zipped({"talks.html": page([talks]), "photo.jpg": b"\xff\xd8\xff"}))
    letter = "The Workers' Party of Korea sent a letter of congratulations to the Communist Party of Cuba."
    write(root / "f" / "export.json", json.dumps([{"title": "Letter", "content": letter}], indent=2))
    write(root / "f" / "crawl-state.json", json.dumps({"queue": [], "done": 1}))
    return root


def page(paragraphs: list[str]) -> str:
    return "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"


def warc(records: list[tuple[str, str, str]]) -> bytes:
    """A gzipped WARC file of response records (url, content type, body), one gzip member each."""
    out = b""
    for url, content_type, body in records:
        http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n{body}".encode()
        head = (
            f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
        )
        out += gzip.compress(head.encode() + http + b"\r\n\r\n")
    return out


def test_small_corpus_gives_the_local_records(
    small_run: tuple[list[str], Path], store_url: str, linker: Linker
) -> None:
    paths, out = small_run
    expected = local_records(store_url, paths, linker)
    empty(store_url)
    summary = load_into(store_url, out, linker)
    assert store_records(store_url) == expected
    assert summary["duplicate"] == summary["spark_duplicates"] == 2  # the spam copy and the HTML page
    assert summary["unreadable"] == 1  # the line that is not JSON is recorded, not dropped
    # the crawl's image, the zip's photo and the JSON file of data: counted, not documents
    assert summary["skipped_records"] == {"application/json": 1, "image/jpeg": 1, "image/png": 1}


def test_loading_twice_changes_nothing(
    small_run: tuple[list[str], Path], store_url: str, linker: Linker
) -> None:
    _, out = small_run
    load_into(store_url, out, linker)
    before = store_records(store_url)
    again = load_into(store_url, out, linker)
    assert (again["unchanged"], again["kept"], again["duplicate"]) == (again["read"], 0, 0)
    assert store_records(store_url) == before


def test_the_store_decides_duplicates_against_what_it_already_holds(
    spark: Any, store_url: str, tmp_path: Path, linker: Linker
) -> None:
    """A copy of a stored document arrives through Spark, which never saw the original."""
    write(tmp_path / "first" / "original.txt", clean_page())
    write(tmp_path / "second" / "spam_copy.txt", spam_page())
    store = Store.open(store_url)
    try:
        ingest_with_extraction([str(tmp_path / "first")], store, IngestOptions(workers=1), linker)
    finally:
        store.close()
    summary = spark_then_load(spark, store_url, [str(tmp_path / "second")], tmp_path / "out", linker)
    assert summary["spark_duplicates"] == 0  # alone in its run, it was an original
    assert summary["duplicate"] == 1  # but the store holds what it copies
    (dup,) = summary["duplicates"]
    assert dup["duplicate_of_source"] == "original.txt"


def test_file_uris_are_read_through_spark(
    spark: Any, small_run: tuple[list[str], Path], tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    (corpus,), by_path_out = small_run
    run(spark, [Path(corpus).as_uri()], tmp_path / "by_uri", IngestOptions(), load_registry(), SparkOptions())
    by_path = pq.read_table(by_path_out / "documents").to_pylist()
    by_uri = pq.read_table(tmp_path / "by_uri" / "documents").to_pylist()
    assert sorted((r["source_key"], r["id"], r["status"], r["text"]) for r in by_path) == sorted(
        (r["source_key"], r["id"], r["status"], r["text"]) for r in by_uri
    )
    assert all(r["source"].startswith("file:") for r in by_uri)


def test_a_directory_that_is_not_a_run_is_refused(tmp_path: Path, store_url: str, linker: Linker) -> None:
    (tmp_path / "documents").mkdir()
    store = Store.open(store_url)
    try:
        with pytest.raises(LoadError, match="missing exchanges"):
            load(tmp_path, store, IngestOptions(), linker)
    finally:
        store.close()
    result = CliRunner().invoke(app, ["--db", store_url, "load", str(tmp_path)])
    assert result.exit_code == 2
    assert "not the output of `partynet spark run`" in " ".join(result.output.split())


@pytest.mark.skipif(not (SEEDS.is_dir() and DEV.is_file()), reason="../shared is not beside this checkout")
def test_parity_on_seeds_dev_corpus_and_demo(
    spark: Any, store_url: str, tmp_path: Path, linker: Linker
) -> None:
    with as_file(files("partynet") / "demo") as demo:
        paths = [str(SEEDS), str(DEV), str(demo)]
        expected = local_records(store_url, paths, linker)
        empty(store_url)
        spark_then_load(spark, store_url, paths, tmp_path / "out", linker)
    got = store_records(store_url)
    assert {name: len(rows) for name, rows in got.items()} == {
        name: len(rows) for name, rows in expected.items()
    }
    assert len(expected["documents"]) > 250
    assert len(expected["exchanges"]) > 200
    for name in expected:
        assert got[name] == expected[name], f"{name} differ"


def test_groups_take_the_smallest_rank_as_original() -> None:
    from partynet.spark.dedup import _originals

    ranks = {"a": (3,), "b": (1,), "c": (2,), "d": (5,), "e": (4,)}
    # a-b-c chained (b best), d-e apart (e best); the links come in any order
    originals = _originals([("a", "c"), ("d", "e"), ("c", "b")], ranks)
    assert originals == {"a": "b", "b": "b", "c": "b", "d": "e", "e": "e"}


def test_the_commands_end_to_end(tmp_path: Path, store_url: str) -> None:
    import subprocess
    import sys

    corpus = small_corpus(tmp_path / "in")
    ran = subprocess.run(
        [sys.executable, "-m", "partynet", "spark", "run", str(corpus), "--out", str(tmp_path / "out"),
         "--master", "local[1]", "--json"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr[-2000:]
    summary = json.loads(ran.stdout)
    assert summary["read"] == 9
    assert summary["by_status"] == {"duplicate": 2, "kept": 6, "unreadable": 1}
    assert summary["skipped_records"] == {"application/json": 1, "image/jpeg": 1, "image/png": 1}
    assert (tmp_path / "out" / "summary.json").is_file()
    loaded = CliRunner().invoke(app, ["--db", store_url, "load", str(tmp_path / "out"), "--json"])
    assert loaded.exit_code == 0, loaded.output
    result = json.loads(loaded.output)
    assert (result["read"], result["kept"], result["duplicate"]) == (9, 6, 2)
    assert result["skipped_records"] == {"application/json": 1, "image/jpeg": 1, "image/png": 1}
    assert result["extracted"]["exchanges"] == summary["exchanges"]  # every document with text is stored
    again = CliRunner().invoke(app, ["--db", store_url, "load", str(tmp_path / "out"), "--json"])
    assert json.loads(again.output)["unchanged"] == 9
