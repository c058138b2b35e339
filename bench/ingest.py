"""Ingest benchmark: docs/s and peak memory per stage and end to end, beside a trafilatura baseline.

    python bench/ingest.py [--docs 10000] [--html-eval ../shared/html-eval] [--json]

Generates --docs text reports and --docs HTML pages (bench/corpus.py), then, in one run, measures
each stage in a fresh process (read, decode+clean, language, de-duplication, store writes), the
whole `partynet ingest` into a new SQLite store (of the text reports also written as one JSON array, as
scrapers export them), the same whole run with resiliparse's plain extraction in place of partynet's
cleaning (what the rest of the pipeline costs: the ceiling of any speed-up of the cleaning), plain
`trafilatura.extract` on the same HTML, and resiliparse's extraction alone.
It also ingests a site crawl (a gzipped WARC of up to CRAWL_PAGES of the pages, each followed by the
style sheet, scripts, images and font a browser fetches with it): pages/s and WARC records/s; then the
same crawl packaged as a WACZ file, and written as an ARC file (the format before WARC, read by warcio).
With --html-eval it also scores main-text quality on labelled real pages (must-keep / must-drop
strings) for partynet's cleaner and for trafilatura, timed in the same run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import PAGE_ASSETS, generate, json_export, site_crawl, wacz
from partynet.domain import Status
from partynet.ingest.clean import CleanOptions, clean
from partynet.ingest.dedup import DedupIndex, prepare
from partynet.ingest.language import LanguageDetection
from partynet.ingest.pipeline import IngestOptions, ingest
from partynet.ingest.readers import ReadOptions, discover, read_inputs
from partynet.settings import Settings, settings_from_env
from partynet.store.repository import Store

WARM_UP_PAGES = 10
CRAWL_PAGES = 2_000


def _peak_mb() -> float:
    """Peak resident memory of the largest process of this measurement (this one or a worker it ran)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


def _in_child(stage: str, paths: list[str]) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter so its time and peak memory are its own."""
    out = subprocess.run(
        [sys.executable, __file__, "--stage", stage, *paths], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def _read(paths: list[str]) -> list[Any]:
    return list(read_inputs(discover(paths).inputs, ReadOptions()))


def stage_read(paths: list[str]) -> dict[str, Any]:
    start = time.perf_counter()
    docs = _read(paths)
    return {"docs": len(docs), "seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def stage_clean(paths: list[str]) -> dict[str, Any]:
    raws = _read(paths)
    start = time.perf_counter()
    for raw in raws:
        clean(raw, CleanOptions())
    return {"docs": len(raws), "seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def _cleaned(paths: list[str]) -> list[Any]:
    return [clean(raw, CleanOptions()) for raw in _read(paths)]


def stage_language(paths: list[str]) -> dict[str, Any]:
    docs = _cleaned(paths)
    detector = LanguageDetection(Settings().languages)
    start = time.perf_counter()
    detector.detect_many([d.text for d in docs])
    return {"docs": len(docs), "seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def stage_dedup(paths: list[str]) -> dict[str, Any]:
    docs = _cleaned(paths)
    settings = Settings()
    index = DedupIndex(
        settings.minhash_permutations, settings.minhash_bands, settings.near_duplicate_threshold
    )
    start = time.perf_counter()
    for first in range(0, len(docs), settings.batch_size):  # batch by batch, as `ingest` does
        batch = docs[first : first + settings.batch_size]
        for doc in batch:
            prepare(doc, settings.minhash_permutations)
        index.add_many([doc for doc in batch if doc.status is Status.KEPT and doc.minhash])
    return {"docs": len(docs), "seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def stage_store(paths: list[str]) -> dict[str, Any]:
    docs = _cleaned(paths)
    for doc in docs:
        prepare(doc, 128)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{tmp}/bench.db")
        run_id = store.start_run({})
        start = time.perf_counter()
        for i in range(0, len(docs), 200):
            store.write_batch(run_id, docs[i : i + 200], [])
        seconds = time.perf_counter() - start
        store.close()
    return {"docs": len(docs), "seconds": seconds, "peak_mb": _peak_mb()}


def whole_run(paths: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{tmp}/bench.db")
        start = time.perf_counter()
        options = IngestOptions.from_settings(settings_from_env())
        summary = ingest(
            paths, store, replace(options, workers=options.workers or multiprocessing.cpu_count())
        )
        seconds = time.perf_counter() - start
        store.close()
    return {"docs": summary.read, "seconds": seconds, "peak_mb": _peak_mb()}


def whole_run_without_cleaning(paths: list[str]) -> dict[str, Any]:
    """The whole ingest with partynet's cleaning (block and line rules, meta and date lookups) swapped
    for resiliparse's plain main-content extraction: what reading, decoding, language detection,
    signatures, de-duplication, the store and the hand-over between processes cost on their own. No
    speed-up of the cleaning can take the whole run past this. The swap is made in this fresh process
    and reaches the workers because they are forked from it (the pipeline forks where it can)."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    import partynet.ingest.clean as cleaning
    from partynet.ingest.html import HtmlText

    def resiliparse_text(html: str) -> HtmlText:
        return HtmlText(extract_plain_text(HTMLTree.parse(html), main_content=True), None, None)

    def text_as_it_is(text: str, **_: bool) -> cleaning.CleanedText:
        return cleaning.CleanedText(text, [])

    cleaning.html_to_text = resiliparse_text
    cleaning.clean_text = text_as_it_is
    return whole_run(paths)


def trafilatura_baseline(paths: list[str]) -> dict[str, Any]:
    import trafilatura

    pages = [Path(p).read_bytes() for p in paths]
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    return {"docs": len(pages), "seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def resiliparse_alone(paths: list[str]) -> dict[str, Any]:
    """The extractor partynet's cleaning is built on, with nothing around it: the ceiling of any
    pipeline that runs it, on one core (`whole_run` also reads, cleans lines, detects languages, signs,
    de-duplicates and stores)."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    pages = [Path(p).read_bytes() for p in paths]
    start = time.perf_counter()
    for page in pages:
        extract_plain_text(HTMLTree.parse_from_bytes(page, "utf-8"), main_content=True)
    return {"docs": len(pages), "seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def html_eval(directory: str) -> dict[str, Any]:
    """Main-text quality on labelled real pages, partynet's cleaner vs trafilatura, in one run; then the
    whole ingest of the pages on all cores, with partynet's cleaning and with resiliparse's alone."""
    import trafilatura

    evaldata = json.loads((Path(directory) / "evaldata.json").read_text(encoding="utf-8"))
    pages = {e["file"]: (Path(directory) / "pages" / e["file"]).read_bytes() for e in evaldata.values()}
    results = {}
    for name, extract in (
        ("partynet", _partynet_text),
        ("trafilatura", lambda b: trafilatura.extract(b) or ""),
    ):
        for data in list(pages.values())[:WARM_UP_PAGES]:
            extract(data)  # first calls load and compile what every later call reuses: not throughput
        start = time.perf_counter()
        texts = {file: extract(data) for file, data in pages.items()}
        seconds = time.perf_counter() - start
        results[name] = _score(evaldata, texts) | {"pages_per_s": round(len(pages) / seconds, 1)}
    results["speedup"] = round(results["partynet"]["pages_per_s"] / results["trafilatura"]["pages_per_s"], 1)
    # the real pages 8 times over (as exact duplicates in other folders), so that start-up costs
    # (store creation, worker start, language models) weigh as little as they do on a real corpus
    with tempfile.TemporaryDirectory() as tmp:
        for copy in range(8):
            shutil.copytree(Path(directory) / "pages", Path(tmp) / f"copy{copy}")
        whole = whole_run([tmp])
        ceiling = _in_child("whole_run_without_cleaning", [tmp])
    baseline = results["trafilatura"]["pages_per_s"]
    results["partynet_ingest_all_cores_pages_per_s"] = round(whole["docs"] / whole["seconds"], 1)
    results["ingest_speedup"] = round(whole["docs"] / whole["seconds"] / baseline, 1)
    results["ingest_without_cleaning_all_cores_pages_per_s"] = round(ceiling["docs"] / ceiling["seconds"], 1)
    results["ingest_without_cleaning_speedup"] = round(ceiling["docs"] / ceiling["seconds"] / baseline, 1)
    return results


def _partynet_text(data: bytes) -> str:
    from partynet.domain import RawDocument, SourceFormat

    return clean(RawDocument("p", "p", "", SourceFormat.HTML, is_html=True, data=data), CleanOptions()).text


def _score(evaldata: dict[str, Any], texts: dict[str, str]) -> dict[str, float]:
    """The html-eval scorer's counting: each must-keep string found is a hit, each must-drop found a miss."""
    tp = fn = fp = 0
    for entry in evaldata.values():
        text = " ".join(texts.get(entry["file"], "").split())
        found = [" ".join(s.split()) in text for s in entry.get("with", [])]
        tp, fn = tp + sum(found), fn + found.count(False)
        fp += sum(" ".join(s.split()) in text for s in entry.get("without", []))
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4),
    }


STAGES: dict[str, Callable[[list[str]], dict[str, Any]]] = {
    "read": stage_read,
    "clean": stage_clean,
    "language": stage_language,
    "dedup": stage_dedup,
    "store": stage_store,
    "whole_run": whole_run,
    "whole_run_without_cleaning": whole_run_without_cleaning,
    "trafilatura_baseline": trafilatura_baseline,
    "resiliparse_alone": resiliparse_alone,
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--docs", type=int, default=10_000, help="text reports and HTML pages to generate, each"
    )
    parser.add_argument("--html-eval", help="directory of the labelled page set (evaldata.json + pages/)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--stage", choices=sorted(STAGES), help=argparse.SUPPRESS
    )  # one measurement, internal
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(STAGES[args.stage](args.paths)))
        return
    report = _measured(args.docs)
    if args.html_eval:
        report["html_eval"] = html_eval(args.html_eval)
    if args.json:
        print(json.dumps(report, indent=1))
        return
    _print(report, args.docs)


def _measured(docs: int) -> dict[str, Any]:
    """Every stage of both kinds of input, each in a fresh process, and the HTML baselines."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(Path(tmp), docs)
        report: dict[str, Any] = {"docs_per_kind": docs}
        for kind in ("text", "html"):
            paths = [str(p) for p in corpus[kind]] if kind == "text" else [str(Path(tmp) / "html")]
            stages = {
                name: _in_child(name, paths)
                for name in ("read", "clean", "language", "dedup", "store", "whole_run")
            }
            if kind == "text":  # the same reports exported as one JSON array, streamed item by item
                export = json_export(corpus["text"][0], Path(tmp) / "reports.json")
                stages["whole_run_json_export"] = _in_child("whole_run", [str(export)])
            if kind == "html":
                stages["whole_run_without_cleaning"] = _in_child("whole_run_without_cleaning", paths)
                for baseline in ("trafilatura_baseline", "resiliparse_alone"):
                    stages[baseline] = _in_child(baseline, [str(p) for p in corpus["html"]])
            for figures in stages.values():
                figures["docs_per_s"] = round(figures["docs"] / figures["seconds"], 1)
                figures["seconds"] = round(figures["seconds"], 2)
                figures["peak_mb"] = round(figures["peak_mb"], 1)
            report[kind] = stages
        pages, warc = corpus["html"][:CRAWL_PAGES], Path(tmp) / "crawl.warc.gz"
        report["crawl"] = _crawl(site_crawl(pages, warc), len(pages))
        report["crawl_as_wacz"] = _crawl(wacz(warc, Path(tmp) / "crawl.wacz"), len(pages))
        report["crawl_as_arc"] = _crawl(site_crawl(pages, Path(tmp) / "crawl.arc.gz", arc=True), len(pages))
    html = report["html"]
    for name, key in (
        ("whole_run", "html_whole_run_vs_trafilatura"),
        ("whole_run_without_cleaning", "html_whole_run_without_cleaning_vs_trafilatura"),
        ("resiliparse_alone", "resiliparse_alone_vs_trafilatura"),
    ):
        report[key] = round(html[name]["docs_per_s"] / html["trafilatura_baseline"]["docs_per_s"], 1)
    return report


def _crawl(archive: Path, pages: int) -> dict[str, Any]:
    """The whole `ingest` of a site crawl: its pages are read, every other record only counted."""
    figures = _in_child("whole_run", [str(archive)])
    records = pages * (1 + len(PAGE_ASSETS))
    return {
        "pages": figures["docs"],
        "records": records,
        "megabytes": round(archive.stat().st_size / 1e6, 1),
        "seconds": round(figures["seconds"], 2),
        "pages_per_s": round(figures["docs"] / figures["seconds"], 1),
        "records_per_s": round(records / figures["seconds"], 1),
        "peak_mb": round(figures["peak_mb"], 1),
    }


def _print(report: dict[str, Any], docs: int) -> None:
    for kind in ("text", "html"):
        print(f"\n{kind} ({docs} documents)")
        for name, figures in report[kind].items():
            print(
                f"  {name:27s} {figures['docs_per_s']:>9,.1f} docs/s  {figures['seconds']:>7.2f} s  "
                f"peak {figures['peak_mb']:>7.1f} MB"
            )
    crawls = (
        ("crawl", "WARC records"),
        ("crawl_as_wacz", "WARC records in a WACZ file"),
        ("crawl_as_arc", "ARC records"),
    )
    for name, archive in crawls:
        crawl = report[name]
        print(
            f"\nsite crawl ({crawl['pages']} pages in {crawl['records']} {archive}, {crawl['megabytes']} MB "
            f"gzipped): {crawl['pages_per_s']:,.1f} pages/s, {crawl['records_per_s']:,.1f} records/s, "
            f"{crawl['seconds']:.2f} s, peak {crawl['peak_mb']:.1f} MB"
        )
    print(f"\nHTML whole run vs trafilatura.extract: {report['html_whole_run_vs_trafilatura']}x")
    print(
        "HTML whole run with resiliparse's plain extraction instead of partynet's cleaning, vs "
        f"trafilatura.extract (the ceiling of the pipeline): {report['html_whole_run_without_cleaning_vs_trafilatura']}x"
    )
    print(
        f"resiliparse alone, one core, vs trafilatura.extract: {report['resiliparse_alone_vs_trafilatura']}x"
    )
    evaluation = report.get("html_eval")
    if evaluation:
        for name in ("partynet", "trafilatura"):
            print(f"html-eval {name:12s} {evaluation[name]}")
        print(f"html-eval speed-up, one core each: {evaluation['speedup']}x")
        print(
            f"html-eval `ingest` on all cores: {evaluation['partynet_ingest_all_cores_pages_per_s']} "
            f"pages/s, {evaluation['ingest_speedup']}x trafilatura on one core"
        )
        print(
            "html-eval `ingest` on all cores with resiliparse's plain extraction instead of partynet's "
            f"cleaning: {evaluation['ingest_without_cleaning_all_cores_pages_per_s']} pages/s, "
            f"{evaluation['ingest_without_cleaning_speedup']}x"
        )


if __name__ == "__main__":
    main()
