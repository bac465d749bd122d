"""The Comparison: row kinds, stats, per-paragraph pieces, and exporters."""

from __future__ import annotations

import json

from rich.cells import cell_len

from reader.compare import compare, rebuild
from reader.corpus import Document, document_from_text
from reader.exporters import to_json, to_text
from tests.test_cli import SIDE_KEYS, STATS_KEYS

BASE = (
    "Envoys meet in Beijing for climate talks\n\n"
    "The envoy arrived in Beijing on Sunday for three days of climate talks with Xie Zhenhua.\n\n"
    "Relations between the two countries have hit a historic low over tariffs and Taiwan.\n\n"
    "Coal production reached a record of 4.5 billion tonnes last year, the ministry said.\n\n"
    "Linkedin Pinterest\n"
)


def test_row_kinds_and_stats() -> None:
    edited = (
        "Envoys meet in Beijing for climate talks\n\n"
        "The envoy arrived in Beijing on Monday for three days of climate talks with Xie Zhenhua.\n\n"
        "Coal production reached a record of 4.5 billion tonnes last year, the ministry said.\n\n"
        "A brand new paragraph about something else that nobody reported before today.\n"
    )
    comparison = compare(document_from_text(BASE), document_from_text(edited))
    kinds = [row.kind for row in comparison.rows]
    assert kinds == ["same", "changed", "dropped", "same", "dropped", "added"]
    assert comparison.rows[-2].boilerplate  # "Linkedin Pinterest"
    stats = comparison.stats
    assert (stats.same, stats.changed, stats.dropped, stats.added) == (2, 1, 1, 1)
    assert stats.words_dropped == 1 + 14 and stats.words_added == 1 + 12
    assert not comparison.identical
    assert compare(document_from_text(BASE), document_from_text(BASE)).identical


def test_paragraph_pieces_split_a_merge() -> None:
    left = document_from_text(BASE)
    merged = BASE.replace("Taiwan.\n\nCoal", "Taiwan. Coal")
    comparison = compare(left, document_from_text(merged))
    row = next(r for r in comparison.rows if len(r.left) == 2)
    assert len(comparison.paragraph_pieces(row, "left")) == 2
    assert len(comparison.paragraph_pieces(row, "right")) == 1


def test_json_is_reader_diff_1(seed_docs: dict[str, Document]) -> None:
    data = json.loads(to_json(compare(seed_docs["000"], seed_docs["002"])))
    assert data["format"] == "reader.diff/1"
    assert set(data["left"]) >= SIDE_KEYS
    assert set(data["stats"]) == STATS_KEYS
    for row in data["rows"]:
        assert set(row) >= {"kind", "left", "right", "similarity", "ops"}
        assert 0 <= row["similarity"] <= 1


def test_text_view_fits_its_width(seed_docs: dict[str, Document]) -> None:
    for width in (40, 80, 123):
        text = to_text(compare(seed_docs["000"], seed_docs["001"]), width=width)
        assert max(cell_len(line) for line in text.splitlines()) <= width
        assert "≈" in text and "[-" in text and "{+" in text and "\x1b" not in text


def test_text_view_shows_control_characters_visibly() -> None:
    hostile = document_from_text("Title of it all\n\nA story \x1b]0;pwned\x07 with [bold]markup[/] in it.\n")
    text = to_text(compare(hostile, document_from_text("Title of it all\n")), width=80)
    assert "\x1b" not in text and "\x07" not in text
    assert "␛]0;pwned␇" in text and "[bold]markup[/]" in text


def test_swapped_mirrors_without_rediffing(seed_docs) -> None:
    comparison = compare(seed_docs["000"], seed_docs["002"], fold_typography=True)
    swapped = comparison.swapped()
    assert swapped.left is comparison.right and swapped.right is comparison.left
    assert swapped.swapped() == comparison
    assert (swapped.stats.added, swapped.stats.words_added) == (
        comparison.stats.dropped,
        comparison.stats.words_dropped,
    )
    for row, mirror in zip(comparison.rows, swapped.rows):
        assert comparison.side_text(row, "left") == swapped.side_text(mirror, "right")
        assert rebuild(mirror.ops, "left") == swapped.side_text(mirror, "left")
        assert rebuild(mirror.ops, "right") == swapped.side_text(mirror, "right")
