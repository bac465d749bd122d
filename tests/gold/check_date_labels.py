"""Check that every item of date_labels.json names a labelled pair and paragraphs whose keys hold.

Run ``python -m tests.gold.check_date_labels``: it prints each stale or misplaced item and exits
non-zero if there is any. It reads the texts only (no drift code), the way the scorer loads them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reader.corpus import load_document
from tests.realpages import TEXTS, paragraph_key

HERE = Path(__file__).parent


def problems() -> list[str]:
    """Items whose pair is not labelled, whose kind is not date, or whose paragraph key is stale."""
    pairs = json.loads((HERE / "verdict_labels.json").read_text(encoding="utf-8"))["stories"]
    stories = json.loads((HERE / "date_labels.json").read_text(encoding="utf-8"))["stories"]
    found = []
    for story, entry in stories.items():
        documents = {
            path.name: load_document(str(path)) for path in sorted((TEXTS / story).iterdir()) if path.suffix == ".txt"
        }
        labelled = {frozenset((pair["left"], pair["right"])) for pair in pairs[story]["pairs"]}
        if entry["reviewed_pairs"] != len(labelled):
            found.append(f"{story}: reviewed_pairs {entry['reviewed_pairs']} != {len(labelled)} labelled pairs")
        for item in entry["drift"] + entry["not_drift"]:
            if frozenset((item["left"], item["right"])) not in labelled or item["kind"] != "date":
                found.append(f"{story} {item['left']} / {item['right']}: not a labelled pair or not kind date")
            for side in ("left", "right"):
                paragraphs = documents[item[side]].paragraphs
                index = item[f"{side}_paragraph"]
                if index >= len(paragraphs) or paragraph_key(paragraphs[index].text) != item[f"{side}_key"]:
                    found.append(f"{story} {item[side]} ¶{index}: stale key")
    return found


def main() -> int:
    found = problems()
    print("\n".join(found) or "date labels: every key resolves")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
