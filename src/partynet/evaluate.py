"""Metrics of extracted exchanges and claims against gold annotations, as the corpus's scorer defines
them: documents with an exchange (P/R/F1), participants per document (P/R/F1; same country and close
names), kind and date accuracy over gold exchanges matched one-to-one, and claims (P/R/F1 of the
(parties, countries) figures per document). Pure functions over the export shapes.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

_STOP = frozenset(("the", "of", "and", "party", "s", "de", "la", "del", "du", "des", "le", "el"))
_KIND_CLASS = {"visit": "meeting"}  # a delegation's visit is reported through its meetings
NAME_SIMILARITY = 0.85
MATCH_OVERLAP = 0.5
T = TypeVar("T")
PartyKey = tuple[str | None, str]  # (country, names joined by '|')


def evaluate(
    gold: Sequence[dict[str, Any]], exchanges: Sequence[dict[str, Any]], claims: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    predicted = _by_document(exchanges)
    claimed = _by_document(claims)
    counts: dict[str, int] = defaultdict(int)
    for row in gold:
        preds = predicted.get(row["id"], [])
        _count_document(row, preds, counts)
        _count_participants(row, preds, counts)
        _count_matches(row, preds, counts)
        _count_claims(row, claimed.get(row["id"], []), counts)
    matched = counts["matched"]
    return {
        "documents": len(gold),
        "document_is_exchange": _prf(counts["doc_tp"], counts["doc_pred"], counts["doc_gold"]),
        "participants": _prf(counts["part_tp"], counts["part_pred"], counts["part_gold"]),
        "exchanges_gold": sum(len(r.get("exchanges", [])) for r in gold),
        "exchanges_matched": matched,
        "kind_accuracy": round(counts["kind"] / matched, 4) if matched else 0.0,
        "kind_accuracy_exact": round(counts["kind_exact"] / matched, 4) if matched else 0.0,
        "date_accuracy": round(counts["date"] / matched, 4) if matched else 0.0,
        "claims": _prf(counts["claim_tp"], counts["claim_pred"], counts["claim_gold"]),
    }


def _by_document(records: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        for doc in {
            str(e["document_external_id"])
            for e in record.get("evidence", [])
            if e.get("document_external_id")
        }:
            grouped[doc].append(record)
    return grouped


def _count_document(row: dict[str, Any], preds: list[dict[str, Any]], counts: dict[str, int]) -> None:
    positive = bool(row.get("is_exchange"))
    counts["doc_gold"] += positive
    counts["doc_pred"] += bool(preds)
    counts["doc_tp"] += positive and bool(preds)


def _count_participants(row: dict[str, Any], preds: list[dict[str, Any]], counts: dict[str, int]) -> None:
    gold = _distinct([p for ex in row.get("exchanges", []) for p in gold_parties(ex)])
    found = _distinct([p for ex in preds for p in predicted_parties(ex)])
    counts["part_tp"] += _greedy_matches(found, gold, same_party)
    counts["part_pred"] += len(found)
    counts["part_gold"] += len(gold)


def _count_matches(row: dict[str, Any], preds: list[dict[str, Any]], counts: dict[str, int]) -> None:
    """Each gold exchange takes the best unused prediction with enough participant overlap."""
    taken: set[int] = set()
    for gold_exchange in row.get("exchanges", []):
        gold = gold_parties(gold_exchange)
        best, best_key = None, (0.0, False, False, False)
        for i, prediction in enumerate(preds):
            if i in taken:
                continue
            found = predicted_parties(prediction)
            common = _greedy_matches(found, gold, same_party)
            union = len(found) + len(gold) - common
            overlap = common / union if union else 0.0
            key = (
                overlap,
                same_kind_class(prediction.get("kind"), gold_exchange.get("kind")),
                date_agrees(prediction.get("date"), gold_exchange.get("date")),
                prediction.get("kind") == gold_exchange.get("kind"),
            )
            if overlap >= MATCH_OVERLAP and key > best_key:
                best, best_key = i, key
        if best is not None:
            taken.add(best)
            counts["matched"] += 1
            counts["kind"] += best_key[1]
            counts["date"] += best_key[2]
            counts["kind_exact"] += best_key[3]


def _count_claims(row: dict[str, Any], preds: list[dict[str, Any]], counts: dict[str, int]) -> None:
    gold = [(c["parties"], c.get("countries")) for c in row.get("figures", []) if c.get("parties")]
    found = list({(c.get("parties"), c.get("countries")) for c in preds if c.get("parties")})
    counts["claim_tp"] += _greedy_matches(found, gold, lambda a, b: a == b)
    counts["claim_pred"] += len(found)
    counts["claim_gold"] += len(gold)


def gold_parties(exchange: dict[str, Any]) -> list[PartyKey]:
    return [(p["country"], p["name"]) for p in exchange["parties"] if p.get("type", "party") != "non-party"]


def predicted_parties(exchange: dict[str, Any]) -> list[PartyKey]:
    found: list[PartyKey] = []
    for participant in exchange.get("participants", []):
        party = participant.get("party") or participant
        if (party.get("type") or "party") == "non-party" or not party.get("name"):
            continue
        names = [party["name"], *(a for a in party.get("aliases", []) if isinstance(a, str))]
        found.append((party.get("country"), "|".join(names)))
    return found


def same_party(a: PartyKey, b: PartyKey) -> bool:
    return a[0] == b[0] and any(_close(x, y) for x in a[1].split("|") for y in b[1].split("|"))


def same_kind_class(a: str | None, b: str | None) -> bool:
    return _KIND_CLASS.get(a or "", a) == _KIND_CLASS.get(b or "", b)


def date_agrees(predicted: str | None, gold: str | None) -> bool:
    """At the gold's precision: a more precise prediction that agrees counts, a less precise one not."""
    return not gold or bool(predicted and predicted.startswith(gold))


def _close(x: str, y: str) -> bool:
    a, b = _normal(x), _normal(y)
    if not a or not b:
        return a == b
    words_a, words_b = set(a.split()), set(b.split())
    return (
        a == b
        or words_a <= words_b
        or words_b <= words_a
        or difflib.SequenceMatcher(None, a, b).ratio() >= NAME_SIMILARITY
    )


def _normal(name: str) -> str:
    name = name.lower().replace("'", " ").replace("’", " ")
    return " ".join(w for w in re.findall(r"\w+", name) if w not in _STOP)


def _distinct(keys: list[PartyKey]) -> list[PartyKey]:
    kept: list[PartyKey] = []
    for key in keys:
        if not any(same_party(key, other) for other in kept):
            kept.append(key)
    return kept


def _greedy_matches(found: Sequence[T], gold: Sequence[T], same: Callable[[T, T], bool]) -> int:
    used: set[int] = set()
    for item in found:
        for i, target in enumerate(gold):
            if i not in used and same(item, target):
                used.add(i)
                break
    return len(used)


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float | int]:
    precision = tp / predicted if predicted else (1.0 if gold == 0 else 0.0)
    recall = tp / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "pred": predicted,
        "gold": gold,
    }
