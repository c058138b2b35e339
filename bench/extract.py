"""Extraction benchmark: documents/s of extraction alone (link + exchanges + claims) on news-length
reports, on one core and on all cores, beside the whole ingest (read, clean, dedup, store, extract,
link) of the same reports, in one run.

    python bench/extract.py --docs 4000 [--real ../shared/corpus/dev/docs.jsonl]

The reports are generated (bench/corpus.py: English and Chinese, about 1,000 characters on average,
naming registry parties and exchanges), so the command runs anywhere. With --real, extraction is also
timed on the `text` of a JSONL file of real reports (repeated up to --docs), which name more parties
per sentence than the generated ones and cost more to link.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from corpus import generate
from partynet.domain import DatePrecision, PartialDate
from partynet.extract.exchanges import DocumentInput, extract
from partynet.extract.run import BatchExtractor, ExtractBatch
from partynet.ingest.pipeline import IngestOptions, ingest
from partynet.registry.file import load_registry
from partynet.registry.link import Linker
from partynet.settings import settings_from_env
from partynet.store.extractions import Extractions
from partynet.store.repository import Store

DATE = PartialDate("2024-06-27", DatePrecision.DAY)
_linker: Linker | None = None


def _start() -> None:
    global _linker  # noqa: PLW0603 - one linker per worker process, built once
    _linker = Linker(load_registry())


def _extract_all(texts: list[str]) -> int:
    if _linker is None:
        raise RuntimeError("worker not started")
    return sum(len(extract(DocumentInput(str(i), t, DATE), _linker).exchanges) for i, t in enumerate(texts))


def extraction(texts: list[str], workers: int) -> dict[str, Any]:
    chunks = [texts[i : i + 100] for i in range(0, len(texts), 100)]
    if workers == 1:
        _start()
        start = time.perf_counter()
        exchanges = sum(_extract_all(c) for c in chunks)
    else:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_start) as pool:
            pool.map(_extract_all, [chunks[0][:1]] * workers)  # models loaded before the clock starts
            start = time.perf_counter()
            # one task per chunk of 100 reports: larger tasks leave a core idle at the end of the run
            exchanges = sum(pool.map(_extract_all, chunks, chunksize=1))
    seconds = time.perf_counter() - start
    return {"docs": len(texts), "docs_per_s": round(len(texts) / seconds, 1), "exchanges": exchanges}


def whole_ingest(paths: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{tmp}/bench.db")
        options = IngestOptions.from_settings(settings_from_env())
        linker = Linker(load_registry())
        start = time.perf_counter()
        extractor = BatchExtractor(Extractions(store), linker)
        workers = options.workers or multiprocessing.cpu_count()
        summary = ingest(
            paths,
            store,
            replace(options, workers=workers),
            annotate=ExtractBatch(linker),
            after_write=extractor,
        )
        seconds = time.perf_counter() - start
        store.close()
    return {
        "docs": summary.read,
        "docs_per_s": round(summary.read / seconds, 1),
        "exchanges": extractor.summary.exchanges,
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _real_texts(path: Path, count: int) -> list[str]:
    """The texts of the file, repeated until there are `count`. The linker keeps its fuzzy matches
    across documents, so a repeat costs a little less, as a name recurring in a corpus does."""
    texts = [
        json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return (texts * (count // len(texts) + 1))[:count]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=4000, help="reports to generate")
    parser.add_argument("--real", help="JSONL of real reports (a `text` field each) to time extraction on")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(Path(tmp), args.docs)
        texts = [
            json.loads(line)["text"]
            for path in corpus["text"]
            for line in path.read_text(encoding="utf-8").splitlines()
        ]
        cores = multiprocessing.cpu_count()
        report = {
            "mean_chars": round(sum(map(len, texts)) / len(texts)),
            "extraction_one_core": extraction(texts, 1),
            f"extraction_{cores}_cores": extraction(texts, cores),
            "whole_ingest_with_extraction": whole_ingest([str(p) for p in corpus["text"]]),
        }
    if args.real:
        real = _real_texts(Path(args.real), args.docs)
        report["real_mean_chars"] = round(sum(map(len, real)) / len(real))
        report["real_extraction_one_core"] = extraction(real, 1)
        report[f"real_extraction_{cores}_cores"] = extraction(real, cores)
    if args.json:
        print(json.dumps(report, indent=1))
        return
    for name, figures in report.items():
        print(f"{name:32s} {figures}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
