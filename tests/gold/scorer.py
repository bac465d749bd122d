"""Score paragraph alignments against the hand-made gold links in ``alignments.json``.

A link is a (left paragraph, right paragraph) pair. Predicted links are every pair inside
each aligned row (a merge of three into one is three links; one-sided rows give none) and,
with :func:`score_with_links`, every pair joined by a link across rows (``reader.links``).
Gold paragraphs are named by a text prefix (``"...#2"`` for the second identical line).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from reader.align import Group
from reader.corpus import Document
from reader.links import Link

GOLD = Path(__file__).with_name("alignments.json")


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one pair, with the link sets for reporting."""

    precision: float
    recall: float
    f1: float
    predicted: frozenset[tuple[int, int]]
    gold: frozenset[tuple[int, int]]


def resolve(document: Document, prefix: str) -> int:
    """Return the index of the one paragraph that starts with ``prefix`` (``#N``: Nth match)."""
    occurrence, numbered = 1, False
    if "#" in prefix and prefix.rsplit("#", 1)[1].isdigit():
        prefix, number = prefix.rsplit("#", 1)
        occurrence, numbered = int(number), True
    hits = [p.index for p in document.paragraphs if p.text.startswith(prefix)]
    if len(hits) < occurrence or (not numbered and len(hits) != 1):
        raise LookupError(f"{document.name}: prefix {prefix!r} matches {len(hits)} paragraphs")
    return hits[occurrence - 1]


def gold_pairs() -> list[dict]:
    """The annotated pairs: ``{"left": name, "right": name, "links": [[l, r, why], ...]}``."""
    return json.loads(GOLD.read_text(encoding="utf-8"))["pairs"]


def gold_links(left: Document, right: Document, links: list[list[str]]) -> frozenset[tuple[int, int]]:
    """Resolve the gold prefixes of one pair into paragraph index links."""
    return frozenset((resolve(left, l_prefix), resolve(right, r_prefix)) for l_prefix, r_prefix, *_ in links)


def score(groups: list[Group], gold: frozenset[tuple[int, int]]) -> Score:
    """Compare predicted groups with gold links."""
    predicted = frozenset((i, j) for group in groups for i in group.left for j in group.right)
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, predicted, gold)


def score_with_links(groups: list[Group], links: tuple[Link, ...], gold: frozenset[tuple[int, int]]) -> Score:
    """Compare predicted row links plus links across rows with gold links."""
    extra = [Group((link.left,), (link.right,)) for link in links]
    return score([*groups, *extra], gold)
