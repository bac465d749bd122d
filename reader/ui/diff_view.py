"""The compare view's one Line-API widget: both columns and the gutter, virtualised.

Rows are laid out by :mod:`reader.sidebyside` (pure); this widget only maps a screen line to
(row, line within the row) with ``bisect`` and paints it. Both sides of a row have the same
height by construction, so the columns never drift. The *current* row is the one at the top
of the viewport; the view may scroll past the end so that every row can become current.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from time import perf_counter

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.compare import Comparison, Row
from reader.layout import line_width
from reader.sidebyside import Line, row_lines

GUTTER = 3
"""Cells between the columns: the cursor mark (or a space), the row's glyph, a space."""
CURSOR_MARKS = ("▶", "▐")
"""The current row's mark in the gutter's first cell: on its first line, on its other lines.
A shape, so the cursor shows without colour; the gutter's last cell stays free for another mark."""
LAYOUT_SLICE = 0.008
"""Seconds of background layout between frames: the most a key waits behind it."""


def settle_heap() -> None:
    """Leave the objects made so far (a comparison, its laid-out lines) out of future cyclic
    garbage collections. They live as long as the view; at 5 MB a full collection that walks
    them all stalls a key press by up to 0.2 s. Freed by reference counting as usual."""
    gc.freeze()


def release_heap() -> None:
    """Undo :func:`settle_heap` when a view goes away, so that its reference cycles (a screen
    and its widgets) can be collected."""
    gc.unfreeze()


def search_pattern(text: str) -> re.Pattern[str]:
    """The pattern for a search, with smart case (as ``less -i`` and vim's ``smartcase``).

    >>> bool(search_pattern("kerry").search("Kerry")), bool(search_pattern("Kerry").search("kerry"))
    (True, False)
    """
    return re.compile(re.escape(text), 0 if any(c.isupper() for c in text) else re.IGNORECASE)


def column_widths(width: int) -> tuple[int, int]:
    """The left and right column widths for a view ``width`` cells wide.

    >>> column_widths(79)
    (38, 38)
    """
    width = max(GUTTER + 16, width)
    left = (width - GUTTER) // 2
    return left, width - GUTTER - left


@dataclass(frozen=True)
class Filters:
    """Which rows the view shows and how it marks words."""

    only_changes: bool = False
    hide_boilerplate: bool = False
    markers: bool = False


class DiffView(ScrollView, can_focus=True, inherit_bindings=False):
    """Two aligned columns of a :class:`~reader.compare.Comparison` with a glyph gutter."""

    COMPONENT_CLASSES = {
        "diffview--dropped",
        "diffview--added",
        "diffview--dropped-row",
        "diffview--added-row",
        "diffview--boilerplate",
        "diffview--filler",
        "diffview--current",
        "diffview--cursor",
        "diffview--match",
        "diffview--end",
        "diffview--glyph-same",
        "diffview--glyph-changed",
        "diffview--glyph-reworded",
        "diffview--glyph-moved",
        "diffview--glyph-added",
        "diffview--glyph-dropped",
        "diffview--glyph-boilerplate",
    }

    BINDINGS = [
        Binding("down,j", "scroll_lines(1)", "Down", show=False, id="line_down", tooltip="Move down / up a line"),
        Binding("up,k", "scroll_lines(-1)", "Up", show=False, id="line_up", tooltip="Move up a line"),
        Binding("pagedown,space", "scroll_pages(1)", "Page down", show=False, id="page_down",
                tooltip="Move down / up a screen"),
        Binding("pageup", "scroll_pages(-1)", "Page up", show=False, id="page_up", tooltip="Move up a screen"),
        Binding("home,g", "go_top", "Top", show=False, id="top", tooltip="Go to the first row"),
        Binding("end,G", "go_bottom", "Bottom", show=False, id="bottom", tooltip="Go to the last row"),
    ]

    class CurrentChanged(Message):
        """The current row changed (or the rows were laid out anew)."""

        def __init__(self, row: int | None) -> None:
            super().__init__()
            self.row = row
            """Index into ``comparison.rows`` of the current row, or None if none is shown."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.comparison: Comparison | None = None
        self.filters = Filters()
        self.query_text = ""
        self.shown: list[int] = []
        """Indices into ``comparison.rows`` of the rows shown, in order."""
        self._lines: list[tuple[list[Line], list[Line]]] = []
        self._starts: list[int] = []
        self._total = 0
        self._laid_out_width = -1
        self._current: int | None = None
        self._generation = 0
        self._strips: LRUCache[tuple[int, int, bool], Strip] = LRUCache(1024)

    # ----- what to show

    def show(self, comparison: Comparison | None, *, keep_row: int | None = None) -> None:
        """Show a comparison, keeping ``keep_row`` (a row index) current if it is still shown."""
        self.comparison = comparison
        self._refilter(keep_row)

    def set_filters(self, filters: Filters) -> None:
        """Change which rows are shown or how words are marked, keeping the current row."""
        self.filters = filters
        self._refilter(self._current)

    def set_query(self, text: str) -> None:
        """Highlight every occurrence of ``text`` (empty: none), with smart case: a query in
        lower case ignores case, one with a capital letter matches case exactly."""
        self.query_text = text
        self._invalidate()

    def _refilter(self, keep_row: int | None) -> None:
        comparison, filters = self.comparison, self.filters
        self.shown = [] if comparison is None else [
            index
            for index, row in enumerate(comparison.rows)
            if not (filters.only_changes and not row.is_change)
            and not (filters.hide_boilerplate and row.boilerplate)
        ]
        self._laid_out_width = -1
        target = self._nearest_visible(keep_row)
        self._layout(target)
        if target is not None:
            self.go_to_row(target)
        else:
            self.scroll_to(y=0, animate=False, immediate=True)
        self._update_current()

    def _nearest_visible(self, row: int | None) -> int | None:
        """The first shown row at or after ``row`` (or the last shown row)."""
        if row is None or not self.shown:
            return None
        position = min(bisect_right(self.shown, row - 1), len(self.shown) - 1)
        return self.shown[position]

    # ----- layout: the first screens at once, the rest in steps between frames

    def _layout(self, keep_row: int | None = None) -> None:
        """Start laying out the shown rows anew if the width changed."""
        width = max(GUTTER + 16, self.scrollable_content_region.width)
        if width == self._laid_out_width:
            return
        self._laid_out_width = width
        self._lines, self._starts, self._total = [], [], 0
        position = 0 if keep_row is None else bisect_right(self.shown, keep_row) - 1
        self._extend(until_position=max(0, position), until_y=3 * max(self.size.height, 24))
        self._invalidate()
        self._set_virtual_height()
        self._schedule_layout_step()

    @property
    def laid_out(self) -> bool:
        """Whether every shown row has been wrapped for the current width."""
        return len(self._lines) >= len(self.shown)

    def _extend(self, *, until_position: int = -1, until_y: int = -1, until_time: float = 0.0) -> None:
        """Lay out more rows: past ``until_position`` and ``until_y``, and until the clock
        (``time.perf_counter``) reaches ``until_time``."""
        comparison = self.comparison
        if comparison is None:
            return
        left_width, right_width = column_widths(self._laid_out_width)
        markers = self.filters.markers
        while not self.laid_out and (
            len(self._lines) <= until_position or self._total <= until_y or perf_counter() < until_time
        ):
            row = comparison.rows[self.shown[len(self._lines)]]
            left, right = row_lines(comparison, row, left_width, markers=markers, right_width=right_width)
            self._lines.append((left, right))
            self._starts.append(self._total)
            self._total += len(left) + 1  # a blank line between rows

    def _schedule_layout_step(self) -> None:
        if not self.laid_out:
            self.set_timer(0.005, partial(self._layout_step, self._laid_out_width))

    def _layout_step(self, width: int) -> None:
        """Lay out the next batch of rows in the background, unless the layout started over."""
        if width != self._laid_out_width or self.laid_out:
            return
        # A bounded slice of work: a key pressed meanwhile waits at most this long.
        self._extend(until_time=perf_counter() + LAYOUT_SLICE)
        self._set_virtual_height()
        settle_heap()
        self._schedule_layout_step()

    def _ensure(self, *, position: int = -1, y: int = -1) -> None:
        """Lay out now up to a row position or a line, when the user goes there first."""
        if not self.laid_out and (position >= len(self._lines) or y >= self._total):
            self._extend(until_position=position, until_y=y)
            self._set_virtual_height()

    def _set_virtual_height(self) -> None:
        if not self._lines:
            self.virtual_size = Size(self._laid_out_width, 0)
            return
        # Rows not laid out yet are estimated at the average height so far.
        remaining = len(self.shown) - len(self._lines)
        total = self._total + round(remaining * self._total / len(self._lines))
        # Scroll past the end so the last row can reach the top and become current.
        last = len(self._lines[-1][0]) + 1 if not remaining else 0
        height = total - last + max(self.size.height, last) if not remaining else total
        self.virtual_size = Size(self._laid_out_width, max(height, total))

    def _invalidate(self) -> None:
        self._generation += 1
        self._strips.clear()
        self.refresh()

    def on_resize(self) -> None:
        """Re-wrap for the new width, keeping the current row at the top."""
        current = self._current
        self._layout(current)
        self._set_virtual_height()
        if current is not None:
            self.go_to_row(current)

    def notify_style_update(self) -> None:
        """Drop cached lines when the theme or CSS changes."""
        super().notify_style_update()
        self._strips.clear()

    # ----- the current row and moving around

    @property
    def current_row(self) -> int | None:
        """Index into ``comparison.rows`` of the row at the top of the view."""
        return self._current

    def _position_at(self, y: int) -> int | None:
        self._ensure(y=y)
        if not self._starts:
            return None
        return max(0, bisect_right(self._starts, y) - 1)

    def go_to_row(self, row: int) -> None:
        """Scroll so that ``row`` (an index into ``comparison.rows``) is at the top."""
        position = bisect_right(self.shown, row) - 1
        if position < 0 or self.shown[position] != row:
            return
        self._ensure(position=position)
        self.scroll_to(y=self._starts[position], animate=False, immediate=True)
        self._update_current()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Keep the current row in step with scrolling."""
        super().watch_scroll_y(old_value, new_value)
        self._update_current()

    def _update_current(self) -> None:
        position = self._position_at(round(self.scroll_y))
        current = None if position is None else self.shown[position]
        if current != self._current:
            self._current = current  # cached strips stay valid: their key says whether a row is current
            self.refresh()
            self.post_message(self.CurrentChanged(current))

    def action_scroll_lines(self, count: int) -> None:
        """Scroll by ``count`` lines."""
        self.scroll_to(y=self.scroll_y + count, animate=False, immediate=True)

    def action_scroll_pages(self, count: int) -> None:
        """Scroll by ``count`` screens (less one line of overlap)."""
        self.scroll_to(y=self.scroll_y + count * max(1, self.size.height - 1), animate=False, immediate=True)

    def action_go_top(self) -> None:
        """Go to the first row."""
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_go_bottom(self) -> None:
        """Make the last row current."""
        if self.shown:
            self.go_to_row(self.shown[-1])

    def find_row(self, step: int, matches: Callable[[int, Row], bool] | None = None) -> int | None:
        """The next (``step`` 1) or previous (-1) shown row after the current one that matches."""
        if self.comparison is None or not self.shown:
            return None
        current = self._current if self._current is not None else self.shown[0]
        position = self.shown.index(current)
        candidates = self.shown[position + 1 :] if step > 0 else reversed(self.shown[:position])
        for index in candidates:
            if matches is None or matches(index, self.comparison.rows[index]):
                return index
        return None

    # ----- painting

    def render_line(self, y: int) -> Strip:
        """Paint one screen line."""
        line_y = round(self.scroll_y) + y
        position = self._position_at(line_y)
        current = position is not None and self.shown[position] == self._current
        key = (line_y, self._generation, current)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._paint(line_y, position, current)
            self._strips[key] = strip
        return strip

    def _paint(self, line_y: int, position: int | None, current: bool) -> Strip:
        width = self._laid_out_width
        base = self.rich_style
        if position is None or line_y >= self._total:
            if line_y == self._total and self._lines and self.laid_out:
                end = self.get_component_rich_style("diffview--end")
                return Strip([Segment("(end)".center(width), base + end)]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        assert self.comparison is not None
        row = self.comparison.rows[self.shown[position]]
        left_lines, right_lines = self._lines[position]
        number = line_y - self._starts[position]
        if current:
            base = base + self.get_component_rich_style("diffview--current")
        left_width, right_width = column_widths(width)
        if number >= len(left_lines):  # the blank line after a row
            return Strip.blank(width, base)
        segments = self._side(row, "left", left_lines, number, left_width, base)
        glyph = row.glyph if number == 0 else " "
        glyph_class = "boilerplate" if row.boilerplate else row.kind
        if current:
            mark = CURSOR_MARKS[0] if number == 0 else CURSOR_MARKS[1]
            segments.append(Segment(mark, base + self.get_component_rich_style("diffview--cursor", partial=True)))
        else:
            segments.append(Segment(" ", base))
        segments.append(Segment(glyph, base + self.get_component_rich_style(f"diffview--glyph-{glyph_class}", partial=True)))
        segments.append(Segment(" ", base))
        segments += self._side(row, "right", right_lines, number, right_width, base)
        return Strip(segments, width)

    def _side(self, row: Row, side: str, lines: list[Line], number: int, width: int, base: Style) -> list[Segment]:
        indices = row.left if side == "left" else row.right
        if not indices:
            filler = base + self.get_component_rich_style("diffview--filler")
            return [Segment(" " * width, filler)]
        line = lines[number]
        whole_row = {"added": "diffview--added-row", "dropped": "diffview--dropped-row"}.get(row.kind)
        text = Text(end="")
        for style_name, chunk in line:
            style = base
            if style_name == "dim":
                style = base + self.get_component_rich_style("diffview--boilerplate")
            elif whole_row is not None:
                style = base + self.get_component_rich_style(whole_row)
            elif style_name == "-":
                style = base + self.get_component_rich_style("diffview--dropped")
            elif style_name == "+":
                style = base + self.get_component_rich_style("diffview--added")
            text.append(chunk, style)
        if self.query_text:
            text.highlight_regex(
                search_pattern(self.query_text),
                self.get_component_rich_style("diffview--match"),
            )
        segments = [
            Segment(segment.text, segment.style or base)
            for segment in text.render(self.app.console)
            if segment.text
        ]
        segments.append(Segment(" " * (width - line_width(line)), base))
        return segments
