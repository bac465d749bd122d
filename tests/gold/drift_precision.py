"""Precision of fact drift on the seeds, from hand labels (tests/gold/drift_labels.json).

Every item ``reader drift`` reports for the labelled seed pairs was read against both texts
and labelled true or false. Run ``python -m tests.gold.drift_precision`` to print precision per
kind; ``--label`` prints the keys of reported items that have no label yet.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from reader.compare import compare
from reader.corpus import load_document
from reader.drift import KINDS, Disagreement, drift

ROOT = Path(__file__).resolve().parents[2]
LABELS = Path(__file__).with_name("drift_labels.json")


def item_key(pair: str, item: Disagreement) -> str:
    """A readable key that survives row renumbering: pair, kind, detail, the start of the left wording."""
    return f"{pair} {item.kind}: {item.detail} :: {item.left[:48]}"


def reported() -> dict[str, Disagreement]:
    """Every item reported today for the labelled pairs, by key."""
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    found: dict[str, Disagreement] = {}
    for pair in data["pairs"]:
        left, right = (next((ROOT / "seeds").glob(f"{prefix}_*.txt")) for prefix in pair.split("-"))
        for item in drift(compare(load_document(left), load_document(right))):
            found[item_key(pair, item)] = item
    return found


def labels() -> dict[str, dict[str, object]]:
    """The labels by item key: ``{"true": bool, "reason": str}``."""
    return json.loads(LABELS.read_text(encoding="utf-8"))["labels"]


def precision_by_kind(keys: list[str], labelled: dict[str, dict[str, object]]) -> dict[str, tuple[int, int]]:
    """``kind -> (true items, reported items)`` over labelled reported items."""
    true: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for key in keys:
        kind = key.split(" ", 2)[1].rstrip(":")
        total[kind] += 1
        true[kind] += bool(labelled[key]["true"])
    return {kind: (true[kind], total[kind]) for kind in KINDS}


def main() -> int:
    found, labelled = reported(), labels()
    missing = [key for key in found if key not in labelled]
    if "--label" in sys.argv[1:] or missing:
        for key in missing:
            print("unlabelled:", key)
        if missing:
            return 1
    for kind, (true, total) in precision_by_kind(list(found), labelled).items():
        shown = f"{true / total:.2f}" if total else "—"
        print(f"{kind:20} {shown:>5}  ({true}/{total})")
    gone = [key for key, label in labelled.items() if label["true"] and key not in found]
    print(f"labelled true items no longer reported: {len(gone)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
