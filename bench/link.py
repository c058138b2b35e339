"""Linker benchmark: accuracy on labelled alias cases, links of the dev corpus's gold parties, and speed.

    python bench/link.py                                  # alias cases, frozen-run diff, speed
    python bench/link.py --corpus ../shared/corpus/dev    # also the gold annotations of a corpus
    python bench/link.py --freeze                         # rewrite the frozen run after a reviewed change

Alias cases (bench/alias_cases.csv): a name, an optional country and year, the expected registry id
(empty: the name must stay unlinked) and a category. The decisions of the last reviewed run are kept in
bench/alias_cases.frozen.csv, so `git diff` shows every decision a change of the linker or the registry
made; this command also prints them.

Speed, on one core with the full registry loaded, best of three runs each, over 1.1 MB of English and
Chinese report sentences: finding the mentions (folding and the alias automata), and the whole
linking (finding, scoring every candidate, decisions, names in no alias); and the registry's load time.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from partynet.registry.file import load_registry
from partynet.registry.link import Linker
from partynet.registry.registry import Registry

HERE = Path(__file__).parent
CASES = HERE / "alias_cases.csv"
FROZEN = HERE / "alias_cases.frozen.csv"
FROZEN_FIELDS = ("text", "country", "year", "expected", "got", "score", "reason")


def run_cases(linker: Linker) -> list[dict[str, str]]:
    results = []
    with CASES.open(encoding="utf-8", newline="") as handle:
        for case in csv.DictReader(handle):
            year = int(case["year"]) if case["year"] else None
            link = linker.resolve(case["text"], case["country"] or None, year)
            results.append(
                case | {"got": link.party_id or "", "score": f"{link.score:.3f}", "reason": link.reason}
            )
    return results


def report_cases(results: list[dict[str, str]]) -> dict[str, Any]:
    right = [r for r in results if r["got"] == r["expected"]]
    by_category: dict[str, list[int]] = {}
    for r in results:
        counts = by_category.setdefault(r["category"], [0, 0])
        counts[0] += r["got"] == r["expected"]
        counts[1] += 1
    return {
        "cases": len(results),
        "accuracy": round(len(right) / len(results), 4),
        "wrong": [r for r in results if r["got"] and r["got"] != r["expected"]],
        "unlinked": [r for r in results if not r["got"] and r["expected"]],
        "linked_but_should_not": [r for r in results if r["got"] and not r["expected"]],
        "by_category": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_category.items())},
    }


def frozen_diff(results: list[dict[str, str]]) -> list[str]:
    if not FROZEN.is_file():
        return ["no frozen run yet: run with --freeze"]
    with FROZEN.open(encoding="utf-8", newline="") as handle:
        before = {(r["text"], r["country"], r["year"]): r["got"] for r in csv.DictReader(handle)}
    changes = []
    for r in results:
        key = (r["text"], r["country"], r["year"])
        if key in before and before[key] != r["got"]:
            changes.append(
                f"{r['text']!r} [{r['country']}]: {before[key] or '-'} -> {r['got'] or '-'} (expected {r['expected'] or '-'})"
            )
        elif key not in before:
            changes.append(f"{r['text']!r} [{r['country']}]: new case -> {r['got'] or '-'}")
    return changes


def freeze(results: list[dict[str, str]]) -> None:
    with FROZEN.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FROZEN_FIELDS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(results)


def corpus_links(linker: Linker, corpus: Path) -> dict[str, Any]:
    """The parties of the gold exchanges (non-party counterparts aside), two ways:
    - annotation: the annotated name, with its country, links to the registry entry of that country
      that holds the name (the guidelines identify a party by name and country);
    - document: some mention in the document's text links to that entry (a party body counting for its
      party) - stricter, as a report may name a party only by its leader or by "the Party"."""
    docs = {}
    with (corpus / "docs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            docs[doc["id"]] = doc
    links_of: dict[str, set[str]] = {}
    total, annotation_hits, document_hits = 0, 0, 0
    annotation_misses, document_misses = [], []
    with (corpus / "gold.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            gold = json.loads(line)
            doc = docs[gold["id"]]
            for exchange in gold.get("exchanges", []):
                for party in exchange["parties"]:
                    if party.get("type") == "non-party":
                        continue
                    total += 1
                    expected = _gold_id(linker, party)
                    label = f"{doc['id']}: {party['name']} ({party.get('country')})"
                    if expected:
                        annotation_hits += 1
                    else:
                        annotation_misses.append(f"{label}: no registry entry of that country has the name")
                    if doc["id"] not in links_of:
                        links_of[doc["id"]] = _linked_parties(linker, doc)
                    if expected and expected in links_of[doc["id"]]:
                        document_hits += 1
                    else:
                        document_misses.append(f"{label} -> {expected or '-'}")
    return {
        "gold_parties": total,
        "annotation_linked_right": annotation_hits,
        "annotation_accuracy": round(annotation_hits / max(total, 1), 4),
        "document_linked_right": document_hits,
        "document_accuracy": round(document_hits / max(total, 1), 4),
        "annotation_misses": annotation_misses,
        "document_misses": document_misses,
    }


def _linked_parties(linker: Linker, doc: dict[str, Any]) -> set[str]:
    """Ids linked in a document; a party body counts for its party too, as the annotation guidelines
    count the CPC's International Department as the CPC."""
    year = int(doc["date"][:4]) if doc.get("date") else None
    found: set[str] = set()
    for link in linker.link_text(doc["text"], year=year):
        if link.party_id:
            found.add(link.party_id)
            parent = linker.registry.by_id[link.party_id].parent
            if parent:
                found.add(parent)
    return found


def _gold_id(linker: Linker, party: dict[str, Any]) -> str | None:
    """The entry the annotated name links to, if it is of the annotated country and holds the name
    ('Party of the Communists (Mexico)' may be held without its bracketed country)."""
    name, country = party["name"], party.get("country")
    for variant in dict.fromkeys((name, re.sub(r"\s*\([^)]*\)$", "", name))):
        link = linker.resolve(variant, country)
        found = linker.registry.by_id.get(link.party_id or "")
        if (
            found
            and found.country == country
            and linker.registry.folder.key(variant) in linker.registry.alias_keys(found.id)
        ):
            return found.id
    return None


def speed(registry_loads: int = 3) -> dict[str, Any]:
    load_seconds = min(_timed(load_registry) for _ in range(registry_loads))
    registry = load_registry()
    build_start = time.perf_counter()
    linker = Linker(registry)
    index_seconds = time.perf_counter() - build_start
    text = _mixed_text(registry)
    size_mb = len(text.encode()) / 1_000_000
    find = min(_timed(lambda: linker.find_mentions(text)) for _ in range(3))
    link = min(_timed(lambda: linker.link_text(text)) for _ in range(3))
    return {
        "registry_load_s": round(load_seconds, 3),
        "linker_index_s": round(index_seconds, 3),
        "text_mb": round(size_mb, 2),
        "mentions": len(linker.find_mentions(text)),
        "find_mb_per_s": round(size_mb / find, 2),
        "link_mb_per_s": round(size_mb / link, 2),
    }


def _timed(work: Any) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _mixed_text(registry: Registry) -> str:
    """Over 1 MB of English and Chinese report sentences naming registry parties (and unknown ones)."""
    parties = [p for p in registry.parties if p.name_zh][:200]
    english = (
        "On {d} May the delegation of the {a} led by its general secretary met leaders of the {b} in the "
        "capital, and both sides agreed to deepen exchanges between the two parties and their think tanks. "
    )
    chinese = "{d}日，{a}代表团访问并会见了{b}领导人，双方表示愿进一步加强两党交流与合作。"
    parts: list[str] = []
    i = 0
    while sum(len(p.encode()) for p in parts) < 1_100_000:
        a, b = parties[i % len(parties)], parties[(i * 7 + 3) % len(parties)]
        parts.append(english.format(d=i % 28 + 1, a=a.name, b=b.name))
        parts.append(chinese.format(d=i % 28 + 1, a=a.name_zh, b=b.name_zh))
        i += 1
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, help="a corpus folder with docs.jsonl and gold.jsonl")
    parser.add_argument("--freeze", action="store_true", help="write this run as the frozen run")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    args = parser.parse_args()
    linker = Linker(load_registry())
    results = run_cases(linker)
    report: dict[str, Any] = {"alias_cases": report_cases(results), "changed_decisions": frozen_diff(results)}
    if args.corpus:
        report["corpus"] = corpus_links(linker, args.corpus)
    if not args.no_speed:
        report["speed"] = speed()
    if args.freeze:
        freeze(results)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    _print(report)


def _print(report: dict[str, Any]) -> None:
    cases = report["alias_cases"]
    print(f"alias cases: {cases['cases']}, accuracy {cases['accuracy']}")
    print("by category: " + ", ".join(f"{k} {v}" for k, v in cases["by_category"].items()))
    for label in ("wrong", "unlinked", "linked_but_should_not"):
        for r in cases[label]:
            print(
                f"  {label}: {r['text']!r} [{r['country']}] expected {r['expected'] or '-'} got {r['got'] or '-'} ({r['reason']})"
            )
    for change in report["changed_decisions"]:
        print(f"  changed: {change}")
    if "corpus" in report:
        corpus = report["corpus"]
        print(
            f"corpus gold parties: {corpus['gold_parties']}; annotated name -> right entry "
            f"{corpus['annotation_linked_right']} ({corpus['annotation_accuracy']}); found by a mention in "
            f"the document {corpus['document_linked_right']} ({corpus['document_accuracy']})"
        )
        for miss in corpus["annotation_misses"]:
            print(f"  annotation miss: {miss}")
        for miss in corpus["document_misses"]:
            print(f"  document miss: {miss}")
    if "speed" in report:
        print("speed: " + ", ".join(f"{k} {v}" for k, v in report["speed"].items()))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
