"""Where each row of a side-by-side view goes: the wrap index behind the compare view, pure.

The view shows some of a comparison's rows (the *shown* rows, picked by :class:`Filters`), each
wrapped by :func:`reader.sidebyside.row_lines` and followed by a blank line. A
:class:`RowLayout` wraps them in order, a few at a time (a 5 MB pair has thousands of rows, and
the first screen must not wait for the last), and maps a line of the whole view to the row it
belongs to. Nothing here knows Textual: the widget asks, paints, and scrolls.

Rows are named two ways, and the names say which: a *row* is an index into
``comparison.rows``; a *position* is an index into the shown rows.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from time import perf_counter

from reader.compare import Comparison
from reader.sidebyside import Line, row_lines

GUTTER = 3
"""Cells between the columns: a space, the row's glyph, a space."""
MIN_WIDTH = GUTTER + 16
"""The narrowest view laid out; a narrower one is cut, not wrapped to nothing."""


def column_widths(width: int) -> tuple[int, int]:
    """The left and right column widths for a view ``width`` cells wide.

    >>> column_widths(79)
    (38, 38)
    """
    width = max(MIN_WIDTH, width)
    left = (width - GUTTER) // 2
    return left, width - GUTTER - left


@dataclass(frozen=True)
class Filters:
    """Which rows the view shows and how it marks words."""

    only_changes: bool = False
    hide_boilerplate: bool = False
    markers: bool = False


def shown_rows(comparison: Comparison | None, filters: Filters) -> list[int]:
    """The rows (indices into ``comparison.rows``) that ``filters`` let through, in order."""
    if comparison is None:
        return []
    return [
        index
        for index, row in enumerate(comparison.rows)
        if not (filters.only_changes and not row.is_change) and not (filters.hide_boilerplate and row.boilerplate)
    ]


def nearest_shown(shown: Sequence[int], row: int | None) -> int | None:
    """The first shown row at or after ``row`` (or the last shown row); ``None`` if none.

    >>> nearest_shown([2, 5, 9], 3), nearest_shown([2, 5, 9], 12), nearest_shown([], 3)
    (5, 9, None)
    """
    if row is None or not shown:
        return None
    return shown[min(bisect_right(shown, row - 1), len(shown) - 1)]


class RowLayout:
    """The shown rows of a comparison wrapped for one width, laid out on demand.

    Args:
        comparison: The comparison (``None``: nothing to lay out).
        shown: The rows to show, in order (see :func:`shown_rows`).
        width: The whole view's width in cells, gutter included.
        markers: Mark changed words with ``[-…-]`` / ``{+…+}``.
        clock: Seconds, for :meth:`extend`'s time budget (a test passes its own).
    """

    def __init__(
        self,
        comparison: Comparison | None,
        shown: Sequence[int],
        width: int,
        *,
        markers: bool = False,
        clock: Callable[[], float] = perf_counter,
    ) -> None:
        self.comparison = comparison
        self.shown = list(shown) if comparison is not None else []
        self.width = max(MIN_WIDTH, width)
        self.markers = markers
        self._clock = clock
        self._lines: list[tuple[list[Line], list[Line]]] = []
        self._starts: list[int] = []
        self.total = 0
        """Lines laid out so far (each row's lines and the blank line after it)."""

    @property
    def count(self) -> int:
        """How many shown rows are laid out (always the first ones)."""
        return len(self._lines)

    @property
    def laid_out(self) -> bool:
        """Whether every shown row is laid out."""
        return len(self._lines) >= len(self.shown)

    def extend(self, *, until_position: int = -1, until_y: int = -1, until_time: float = 0.0) -> bool:
        """Lay out more rows: past ``until_position`` and line ``until_y``, and on until the
        clock reaches ``until_time``. Returns whether any row was added."""
        comparison = self.comparison
        if comparison is None:
            return False
        before = len(self._lines)
        left_width, right_width = column_widths(self.width)
        while not self.laid_out and (
            len(self._lines) <= until_position or self.total <= until_y or self._clock() < until_time
        ):
            row = comparison.rows[self.shown[len(self._lines)]]
            left, right = row_lines(comparison, row, left_width, markers=self.markers, right_width=right_width)
            self._lines.append((left, right))
            self._starts.append(self.total)
            self.total += len(left) + 1  # a blank line between rows
        return len(self._lines) > before

    def ensure(self, *, position: int = -1, y: int = -1) -> bool:
        """Lay out up to a position or a line if not yet done; whether anything was added."""
        if self.laid_out or (position < len(self._lines) and y < self.total):
            return False
        return self.extend(until_position=position, until_y=y)

    def position_at(self, y: int) -> int | None:
        """The position of the row that line ``y`` belongs to, among those laid out (the
        last one past the end); ``None`` when none is laid out."""
        if not self._starts:
            return None
        return max(0, bisect_right(self._starts, y) - 1)

    def start(self, position: int) -> int:
        """The first line of a laid-out position."""
        return self._starts[position]

    def lines(self, position: int) -> tuple[list[Line], list[Line]]:
        """The left and right lines of a laid-out position (of equal length)."""
        return self._lines[position]

    def position_of(self, row: int) -> int | None:
        """The position of a row, or ``None`` when it is not shown."""
        position = bisect_right(self.shown, row) - 1
        return position if position >= 0 and self.shown[position] == row else None

    def first_position(self, row: int | None) -> int:
        """The position to lay out first so that ``row`` (or the top) can be shown at once."""
        return 0 if row is None else max(0, bisect_right(self.shown, row) - 1)

    def virtual_height(self, viewport: int) -> int:
        """The view's scrollable height for a viewport ``viewport`` lines high.

        Rows not laid out yet count at the average height so far. Once all are, the view may
        scroll past the end, so that the last row too can reach the top and become current.
        """
        if not self._lines:
            return 0
        remaining = len(self.shown) - len(self._lines)
        if remaining:
            return self.total + round(remaining * self.total / len(self._lines))
        last = len(self._lines[-1][0]) + 1
        return max(self.total - last + max(viewport, last), self.total)
