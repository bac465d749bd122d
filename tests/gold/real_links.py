"""Score rows and links across rows against hand-made gold links on real news coverage.

    .venv/bin/python -m tests.gold.real_links [-v]

``real_links.json`` (format ``reader.link-gold/1``) names paragraphs of texts in the
third-party real pages (``tests/realpages.py``: ``TEXTS/<story>/<site>.txt``) by index and
``paragraph_key`` hash. Predicted links are every (left, right) pair inside a row plus every
link across rows that :func:`reader.compare.compare` lists. Precision and recall are counted
over all links of all pairs (micro), then per pair kind. ``-v`` lists each pair's misses and
extras by paragraph index and gold hint (a few words), never the texts.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from reader.compare import Comparison, compare
from reader.corpus import load_document
from tests.realpages import TEXTS, paragraph_key, story_selection

GOLD = Path(__file__).with_name("real_links.json")


@dataclass(frozen=True)
class PairResult:
    """One annotated pair's gold and predicted links."""

    story: str
    left: str
    right: str
    kind: str
    gold: frozenset[tuple[int, int]]
    predicted: frozenset[tuple[int, int]]
    from_rows: frozenset[tuple[int, int]]
    hints: dict[tuple[int, int], str]


def gold_pairs() -> list[dict]:
    """The annotated pairs of ``real_links.json``."""
    return json.loads(GOLD.read_text(encoding="utf-8"))["pairs"]


def check_keys(pair: dict, comparison: Comparison) -> None:
    """Fail loudly if the paragraph split no longer gives the paragraphs the gold names."""
    for side, document in (("left", comparison.left), ("right", comparison.right)):
        keys = {str(p.index): paragraph_key(p.text) for p in document.paragraphs}
        if keys != pair[f"{side}_keys"]:
            raise AssertionError(f"{pair['story']}/{pair[side]}: paragraphs differ from the gold's (keys)")


def predicted_links(comparison: Comparison) -> tuple[frozenset[tuple[int, int]], frozenset[tuple[int, int]]]:
    """(row links plus links across rows, row links alone)."""
    rows = frozenset((i, j) for row in comparison.rows for i in row.left for j in row.right)
    return rows | {(link.left, link.right) for link in comparison.links}, rows


def score_pair(pair: dict) -> PairResult:
    """Compare one pair and collect its links."""
    story = TEXTS / pair["story"]
    comparison = compare(load_document(story / pair["left"]), load_document(story / pair["right"]))
    check_keys(pair, comparison)
    predicted, rows = predicted_links(comparison)
    gold = frozenset((link["left"], link["right"]) for link in pair["links"])
    hints = {
        (link["left"], link["right"]): f"{link['kind']}, {link['confidence']}: {link['hint']}" for link in pair["links"]
    }
    return PairResult(pair["story"], pair["left"], pair["right"], pair["kind"], gold, predicted, rows, hints)


def totals(results: list[PairResult], *, rows_only: bool = False) -> tuple[float, float, int, int, int]:
    """Micro precision, recall, hits, predicted and gold counts over some pairs."""
    hits = predicted = gold = 0
    for result in results:
        links = result.from_rows if rows_only else result.predicted
        hits += len(links & result.gold)
        predicted += len(links)
        gold += len(result.gold)
    return (hits / predicted if predicted else 1.0, hits / gold if gold else 1.0, hits, predicted, gold)


def score_all(chosen=lambda story: True) -> list[PairResult]:
    """Every annotated pair of the stories ``chosen`` keeps, scored."""
    return [score_pair(pair) for pair in gold_pairs() if chosen(pair["story"])]


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    selection, chosen = story_selection(argv)
    results = score_all(chosen)
    stories = {result.story for result in results}
    print(f"{len(results)} pairs, {len(stories)} stories ({selection})")
    for label, rows_only in (("rows + links", False), ("rows alone  ", True)):
        precision, recall, hits, predicted, gold = totals(results, rows_only=rows_only)
        print(f"{label}: precision {precision:.3f} ({hits}/{predicted})  recall {recall:.3f} ({hits}/{gold})")
    by_kind: dict[str, list[PairResult]] = defaultdict(list)
    for result in results:
        by_kind[result.kind].append(result)
    for kind, group in sorted(by_kind.items()):
        precision, recall, hits, predicted, gold = totals(group)
        print(
            f"  {kind:<12} {len(group):>2} pairs  precision {precision:.3f}  recall {recall:.3f}  ({hits} of {gold} gold, {predicted} predicted)"
        )
    if verbose:
        for result in results:
            missed, extra = sorted(result.gold - result.predicted), sorted(result.predicted - result.gold)
            if not missed and not extra:
                continue
            print(f"{result.story}: {result.left} | {result.right} ({result.kind})")
            for link in missed:
                print(f"  missed ¶{link[0]}–¶{link[1]}  {result.hints[link]}")
            for link in extra:
                source = "row" if link in result.from_rows else "link"
                print(f"  extra  ¶{link[0]}–¶{link[1]}  ({source})")


if __name__ == "__main__":
    main(sys.argv[1:])
