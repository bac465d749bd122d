"""Alignment quality against hand-made gold links (tests/gold/alignments.json).

The gold was written by reading the seeds, before the aligner was tuned; see
tests/gold/README.md. The floors below are what the aligner reaches today: a change that
lowers one fails here.
"""

from __future__ import annotations

import pytest

from reader.compare import align_documents, cross_row_links
from reader.corpus import Document
from tests.gold.scorer import gold_links, gold_pairs, score, score_with_links

FLOORS = {
    ("000", "001"): 0.89,
    # 0.76 before session 5: this gold links 000's headline with 002's lede (002 has no
    # headline); issue 14 item 5 and real_links.json keep a headline to the other headline
    # only, and the aligner now does (tests/gold/README.md, "Headline only with headline").
    ("000", "002"): 0.69,
    ("003", "004"): 0.66,
    ("000", "003"): 0.66,
}


def _score(seed_docs: dict[str, Document], pair: dict):
    """Rows plus links across rows, as ``reader diff --format json`` lists them."""
    left, right = seed_docs[pair["left"][:3]], seed_docs[pair["right"][:3]]
    groups = align_documents(left, right)
    return score_with_links(groups, cross_row_links(left, right, groups), gold_links(left, right, pair["links"]))


@pytest.mark.parametrize("pair", gold_pairs(), ids=lambda p: f"{p['left'][:3]}-{p['right'][:3]}")
def test_alignment_f1_floor(seed_docs: dict[str, Document], pair: dict) -> None:
    result = _score(seed_docs, pair)
    floor = FLOORS[(pair["left"][:3], pair["right"][:3])]
    assert result.f1 >= floor, (
        f"F1 {result.f1:.2f} < {floor}: P={result.precision:.2f} R={result.recall:.2f}; "
        f"missing {sorted(result.gold - result.predicted)}, extra {sorted(result.predicted - result.gold)}"
    )


def test_every_gold_prefix_names_one_paragraph(seed_docs: dict[str, Document]) -> None:
    for pair in gold_pairs():
        left, right = seed_docs[pair["left"][:3]], seed_docs[pair["right"][:3]]
        assert len(gold_links(left, right, pair["links"])) == len(pair["links"])


def test_scorer_counts_merge_links() -> None:
    from reader.align import Group

    result = score([Group((1, 2), (0,)), Group((3,), ())], frozenset({(1, 0), (3, 1)}))
    assert result.predicted == {(1, 0), (2, 0)}
    assert (result.precision, result.recall) == (0.5, 0.5)


def test_scorer_counts_links_across_rows() -> None:
    from reader.align import Group
    from reader.links import Link

    links = (Link(3, 1, "rebroken", (0, 5), (0, 5), 1.0), Link(1, 0, "split", (0, 5), (0, 5), 1.0))
    result = score_with_links([Group((1, 2), (0,)), Group((3,), ())], links, frozenset({(1, 0), (3, 1)}))
    assert result.predicted == {(1, 0), (2, 0), (3, 1)}
    assert (result.precision, result.recall) == (2 / 3, 1.0)
