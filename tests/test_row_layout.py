"""The compare view's wrap index, without Textual: which row each line of the view belongs to."""

from __future__ import annotations

import pytest

from reader.compare import Comparison, compare
from reader.corpus import Document, document_from_text
from reader.row_layout import GUTTER, Filters, RowLayout, column_widths, nearest_shown, shown_rows
from reader.sidebyside import row_lines, side_lines


@pytest.fixture(scope="module")
def comparison(seed_docs: dict[str, Document]) -> Comparison:
    return compare(seed_docs["000"], seed_docs["002"])


@pytest.fixture(scope="module")
def small() -> Comparison:
    """Rows of every kind but moved: changed, same, dropped, same, dropped, added, same."""
    left = [
        "Kerry met Wang Yi in Beijing on Tuesday for talks on climate and coal.",
        "The two envoys spoke for four hours about methane and emissions targets.",
        "Share this article on Facebook Twitter Linkedin",
        "Officials said the talks would resume next month in Washington.",
        "A paragraph that only the left version has, about something else entirely.",
        "The final paragraph stays exactly the same in both versions of the story.",
    ]
    right = [
        "Kerry met Wang Yi in Beijing on Tuesday for long talks on climate and coal.",
        left[1],
        left[3],
        "An added paragraph about the weather in the capital during the visit.",
        left[5],
    ]
    return compare(document_from_text("\n\n".join(left)), document_from_text("\n\n".join(right)))


def test_column_widths_share_the_width_around_the_gutter() -> None:
    for width in range(0, 200):
        left, right = column_widths(width)
        assert left + GUTTER + right == max(width, GUTTER + 16)
        assert 0 <= right - left <= 1


def test_filters_pick_rows_and_nearest_shown_finds_the_next_one(comparison: Comparison, small: Comparison) -> None:
    assert shown_rows(small, Filters()) == list(range(7))
    changes = shown_rows(small, Filters(only_changes=True))
    assert changes == [0, 2, 4, 5]
    assert nearest_shown(changes, 1) == 2 and nearest_shown(changes, 5) == 5 and nearest_shown(changes, 6) == 5
    assert nearest_shown(changes, None) is None and nearest_shown([], 3) is None
    content = shown_rows(comparison, Filters(hide_boilerplate=True))
    assert content == [i for i, row in enumerate(comparison.rows) if not row.boilerplate]
    assert len(content) < len(comparison.rows)  # the seeds have cruft rows
    assert shown_rows(None, Filters()) == []


def test_every_line_maps_back_to_its_row(comparison: Comparison) -> None:
    shown = shown_rows(comparison, Filters())
    layout = RowLayout(comparison, shown, 81)
    layout.extend(until_position=len(shown))
    assert layout.laid_out and layout.count == len(shown)
    left_width, right_width = column_widths(81)
    y = 0
    for position, row in enumerate(shown):
        expected = row_lines(comparison, comparison.rows[row], left_width, markers=False, right_width=right_width)
        assert layout.lines(position) == expected
        assert layout.start(position) == y
        height = len(expected[0]) + 1  # and the blank line after the row
        assert [layout.position_at(line) for line in range(y, y + height)] == [position] * height
        assert layout.position_of(row) == position
        y += height
    assert layout.total == y
    assert layout.position_at(y + 50) == len(shown) - 1  # past the end: the last row


def test_rows_are_laid_out_only_as_far_as_asked(comparison: Comparison) -> None:
    shown = shown_rows(comparison, Filters())
    layout = RowLayout(comparison, shown, 80)
    assert layout.position_at(0) is None and layout.virtual_height(24) == 0
    layout.extend(until_y=5)
    first = layout.count
    assert 0 < first < len(shown) and layout.total > 5 and not layout.laid_out
    estimate = layout.virtual_height(24)
    assert estimate == layout.total + round((len(shown) - first) * layout.total / first)
    assert not layout.ensure(y=2)  # already there
    assert layout.ensure(position=first + 2) and layout.count == first + 3
    assert layout.ensure(y=10_000) and layout.laid_out


def test_the_time_budget_bounds_a_step(comparison: Comparison) -> None:
    ticks = iter(range(1000))
    layout = RowLayout(comparison, shown_rows(comparison, Filters()), 80, clock=lambda: float(next(ticks)))
    layout.extend(until_time=3.0)  # the clock reads 0, 1, 2: three rows, then 3 stops it
    assert layout.count == 3


def test_a_finished_layout_scrolls_until_the_last_row_is_at_the_top(comparison: Comparison) -> None:
    shown = shown_rows(comparison, Filters())
    layout = RowLayout(comparison, shown, 80)
    layout.extend(until_position=len(shown))
    last = len(layout.lines(len(shown) - 1)[0]) + 1
    assert layout.virtual_height(40) == layout.total - last + max(40, last)
    assert layout.virtual_height(1) == layout.total  # never less than the lines themselves


def test_hidden_rows_have_no_position_and_nothing_is_laid_out_without_a_comparison(small: Comparison) -> None:
    layout = RowLayout(small, shown_rows(small, Filters(only_changes=True)), 80, markers=True)
    assert [layout.position_of(row) for row in range(7)] == [0, None, 1, None, 2, 3, None]
    layout.extend(until_position=1)
    right = "".join(text for line in layout.lines(0)[1] for _, text in line)
    assert "{+long +}" in right  # markers: the added word is marked
    empty = RowLayout(None, [1, 2], 80)
    assert not empty.extend(until_position=5) and empty.laid_out and empty.position_at(0) is None


@pytest.mark.parametrize("markers", [False, True])
@pytest.mark.parametrize("fold", [False, True])
def test_a_row_wrapped_once_for_both_sides_is_what_each_side_wraps_to(markers: bool, fold: bool) -> None:
    # row_lines wraps two sides styled alike once; each side must still be what side_lines
    # gives it: kept rows, cruft, merges, typography folded (equal words, other quotes) and
    # columns of two widths.
    left = document_from_text(
        "Home | News | Sport\n\nKerry met Wang in Beijing on Monday.\n\n"
        "He said \u201cwe will talk\u201d.\n\nA kept line.\n\nOne.\n\nTwo.",
        name="left.txt",
    )
    right = document_from_text(
        "Home | News | Sport\n\nKerry met Wang in Beijing on Tuesday.\n\n"
        'He said "we will talk".\n\nA kept line.\n\nOne. Two.',
        name="right.txt",
    )
    comparison = compare(left, right, fold_typography=fold)
    for width, right_width in ((20, 20), (20, 21), (7, 7)):
        for row in comparison.rows:
            both = row_lines(comparison, row, width, markers=markers, right_width=right_width)
            alone = (
                side_lines(comparison, row, "left", width, markers=markers),
                side_lines(comparison, row, "right", right_width, markers=markers),
            )
            height = max(len(alone[0]), len(alone[1]), 1)
            assert both == tuple(lines + [[] for _ in range(height - len(lines))] for lines in alone)
            assert both[0] is not both[1] and all(a is not b for a, b in zip(*both) if a)
