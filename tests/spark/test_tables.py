"""The Parquet rows of a Spark run and back: documents and extractions survive the round trip exactly,
and a loader refuses tables that do not line up. Needs pyarrow only."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from partynet.domain import RawDocument, SourceFormat
from partynet.extract.exchanges import DocumentInput, extract
from partynet.ingest.clean import CleanOptions, clean
from partynet.ingest.dedup import prepare
from partynet.registry.file import load_registry
from partynet.registry.link import Linker
from partynet.spark.load import LoadError, _Groups, read_run_summary
from partynet.spark.tables import PROCESSED, ordinal, processed_batch, processed_rows
from tests.fixtures import ARTICLE_TEXT, ZH_ARTICLE


def test_documents_and_extractions_survive_the_round_trip() -> None:
    linker = Linker(load_registry())
    rows = []
    for number, text in enumerate([ARTICLE_TEXT, ZH_ARTICLE, ""]):
        raw = RawDocument(
            "in.txt", f"in.txt#{number}", "", SourceFormat.TEXT, is_html=False, data=text.encode()
        )
        doc = clean(raw, CleanOptions())
        prepare(doc, 128)
        found = extract(DocumentInput(doc.id, doc.text, doc.published), linker) if doc.text else None
        rows.append((ordinal(3, number), doc, found))
    assert rows[0][2] is not None
    assert rows[0][2].exchanges  # something worth carrying: exchanges with participants and people
    assert rows[1][2] is not None
    assert rows[1][2].mentions
    batch = processed_batch(rows)
    assert batch.schema == PROCESSED
    back = list(processed_rows(batch))
    assert [item.ordinal for item in back] == [(3 << 32) | n for n in range(3)]
    for item, (_, doc, found) in zip(back, rows, strict=True):
        assert item.document == doc
        assert item.extraction == found


def test_a_record_without_its_document_is_refused() -> None:
    groups = _Groups(iter([{"ordinal": 1}, {"ordinal": 5}]))
    assert groups.take((1,)) == [{"ordinal": 1}]
    with pytest.raises(LoadError, match="no document"):
        groups.take((7,))  # ordinal 5 was skipped over: its document is missing


def test_another_format_is_refused(tmp_path: Path) -> None:
    for name in ("documents", "exchanges", "participants", "claims", "mentions"):
        (tmp_path / name).mkdir()
        pq.write_table(pa.table({"ordinal": pa.array([], pa.int64())}), tmp_path / name / "part-0.parquet")
    (tmp_path / "summary.json").write_text('{"format": "partynet-spark/0"}')
    with pytest.raises(LoadError, match="this version loads"):
        read_run_summary(tmp_path)
