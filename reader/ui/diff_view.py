"""The compare view's one Line-API widget: both columns and the gutter, virtualised.

Rows are wrapped by :mod:`reader.sidebyside` and indexed by :class:`reader.row_layout.RowLayout`
(both pure); this widget only asks the layout which row a screen line belongs to and paints it.
Both sides of a row have the same height by construction, so the columns never drift. The
*current* row is the one at the top of the viewport; the view may scroll past the end so that
every row can become current.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from time import perf_counter

from rich.cells import cell_len
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
from reader.exporters.common import paragraph_numbers
from reader.layout import clip, line_width
from reader.row_layout import GUTTER, MIN_WIDTH, Filters, RowLayout, column_widths, nearest_shown, shown_rows
from reader.sidebyside import Line, Side
from reader.ui.link_marks import LINK_MARK, linked_sentences, sentence_ranges

__all__ = ["CURSOR_MARKS", "GUTTER", "DiffView", "Filters", "column_widths", "search_pattern"]

CURSOR_MARKS = ("▶", "▐")
"""The current row's mark in the gutter's first cell (a space otherwise): on its first line, on
its other lines. A shape, so the cursor shows without colour; the gutter's last cell stays free
for another mark."""
LAYOUT_SLICE = 0.008
"""Seconds of background layout between frames: the most a key waits behind it."""
MORE_COMING = "(the other rows come once their words are compared)"
"""The line after the last row while only a comparison's first rows are shown."""


def move_landings(comparison: Comparison) -> tuple[Side, dict[int, str]]:
    """Where moved paragraphs went: a note for the blank line after the row they follow.

    A moved row is shown where its paragraph stood in the version the rows follow (the left,
    or the right after a swap); in the other version it stands elsewhere. Returns that other
    side and, for each row index, the note for the blank line after it, in that side's column.
    """

    def ordered(side: Side) -> bool:
        starts = [min(getattr(row, side)) for row in comparison.rows if getattr(row, side)]
        return starts == sorted(starts)

    side: Side = "left" if ordered("right") and not ordered("left") else "right"
    other: Side = "left" if side == "right" else "right"
    owner = {index: number for number, row in enumerate(comparison.rows) for index in getattr(row, side)}
    notes: dict[int, list[str]] = {}
    for number, row in enumerate(comparison.rows):
        if row.kind != "moved" or not getattr(row, side):
            continue
        host: int | None = number
        seen = set()
        while host is not None and comparison.rows[host].kind == "moved" and host not in seen:
            seen.add(host)  # a run of moved paragraphs lands where the first of them follows
            before = min(getattr(comparison.rows[host], side)) - 1
            host = owner.get(before) if before >= 0 else None
        if host is None:
            continue
        where = paragraph_numbers(getattr(row, side))
        notes.setdefault(host, []).append(
            f"↕ {where} stands here (moved; shown beside {paragraph_numbers(getattr(row, other))})"
        )
    return side, {host: "; ".join(texts) for host, texts in notes.items()}


def search_pattern(text: str) -> re.Pattern[str]:
    """The pattern for a search, with smart case (as ``less -i`` and vim's ``smartcase``).

    >>> bool(search_pattern("kerry").search("Kerry")), bool(search_pattern("Kerry").search("kerry"))
    (True, False)
    """
    return re.compile(re.escape(text), 0 if any(c.isupper() for c in text) else re.IGNORECASE)


class DiffView(ScrollView, can_focus=True, inherit_bindings=False):
    """Two aligned columns of a :class:`~reader.compare.Comparison` with a glyph gutter.

    Its size and scrolling are set here; its colours come from the component classes in
    ``styles/reader.tcss``. It posts :class:`Settled` as it makes long-lived objects and
    :class:`Released` when it goes, for the app's garbage-collector policy.
    """

    DEFAULT_CSS = """
    DiffView {
        height: 1fr;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
    }
    """

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
        "diffview--linked",
        "diffview--link-mark",
    }

    BINDINGS = [
        Binding("down,j", "scroll_lines(1)", "Down", show=False, id="line_down", tooltip="Move down / up a line"),
        Binding("up,k", "scroll_lines(-1)", "Up", show=False, id="line_up", tooltip="Move up a line"),
        Binding(
            "pagedown,space",
            "scroll_pages(1)",
            "Page down",
            show=False,
            id="page_down",
            tooltip="Move down / up a screen",
        ),
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

    class Settled(Message):
        """The view made more objects that live as long as it does (a comparison, its lines)."""

        def __init__(self, view: DiffView) -> None:
            super().__init__()
            self.view = view

    class Released(Message):
        """The view has gone, and its objects with it. Posted to the app directly."""

        def __init__(self, view: DiffView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.comparison: Comparison | None = None
        self.filters = Filters()
        self.query_text = ""
        self.shown: list[int] = []
        """Indices into ``comparison.rows`` of the rows shown, in order."""
        self.row_layout = RowLayout(None, [], 0)
        """Where each shown row goes, for the width last laid out."""
        self._current: int | None = None
        self._generation = 0
        self._strips: LRUCache[tuple[int, int, bool], Strip] = LRUCache(1024)
        self._linked: dict[int, dict[str, list[str]]] = {}
        """Per row with links across rows, per side, its linked sentences (reader.ui.link_marks)."""
        self._landings: tuple[Comparison, Side, dict[int, str]] | None = None
        self.more_coming = False
        """Whether only the first rows of the comparison are shown, the rest on its way."""
        self._bottom_wanted = False
        self._waiting_for_width = False
        """Whether a comparison was shown before the view had a width (it is laid out on resize)."""
        self._row_when_placed: int | None = None
        """The row to open on then."""

    # ----- what to show

    def show(self, comparison: Comparison | None, *, keep_row: int | None = None, more_coming: bool = False) -> None:
        """Show a comparison, keeping ``keep_row`` (a row index) current if it is still shown.

        ``more_coming``: the comparison holds only the first rows of one still under way
        (:meth:`complete` shows the whole of it).
        """
        self.comparison = comparison
        self.more_coming = more_coming
        self._bottom_wanted = False
        self._linked = {} if comparison is None else linked_sentences(comparison)
        self._refilter(keep_row)
        self.post_message(self.Settled(self))

    def complete(self, comparison: Comparison) -> None:
        """Show the whole comparison whose first rows are shown, from the same line on screen
        (its first rows are the same, so they lay out the same); End pressed meanwhile goes
        to the last row now."""
        scroll_y, bottom_wanted = round(self.scroll_y), self._bottom_wanted
        self.show(comparison, keep_row=self._row_to_keep)
        if bottom_wanted:
            self.action_go_bottom()
        elif self._current is not None:
            self._ensure(y=scroll_y + self.size.height)
            self.scroll_to(y=scroll_y, animate=False, immediate=True)
            self._update_current()

    def set_filters(self, filters: Filters) -> None:
        """Change which rows are shown or how words are marked, keeping the current row."""
        self.filters = filters
        self._refilter(self._row_to_keep)

    def set_query(self, text: str) -> None:
        """Highlight every occurrence of ``text`` (empty: none), with smart case: a query in
        lower case ignores case, one with a capital letter matches case exactly."""
        self.query_text = text
        self._invalidate()

    def _refilter(self, keep_row: int | None) -> None:
        self.shown = shown_rows(self.comparison, self.filters)
        target = nearest_shown(self.shown, keep_row)
        self._layout(target, anew=True)
        if target is not None:
            self.go_to_row(target)
        else:
            self.scroll_to(y=0, animate=False, immediate=True)
        self._update_current()

    def on_unmount(self) -> None:
        """Tell the app this view's objects are gone."""
        self.app.post_message(self.Released(self))

    # ----- layout: the first screens at once, the rest in steps between frames

    def _layout(self, keep_row: int | None = None, *, anew: bool = False) -> None:
        """Start laying out the shown rows anew if the width changed (or if ``anew``)."""
        if not self.scrollable_content_region.width and self.comparison is not None:
            # Not placed yet (a comparison's first rows may come before the view's first
            # layout): wrapping at the narrowest width would flash one screen of slivers.
            # on_resize lays out once the width is known, from the row wanted now.
            self.row_layout = RowLayout(self.comparison, (), MIN_WIDTH, markers=self.filters.markers)
            self._waiting_for_width = True
            self._row_when_placed = keep_row
            return
        self._waiting_for_width = False
        width = max(MIN_WIDTH, self.scrollable_content_region.width)
        if width == self.row_layout.width and not anew:
            return
        layout = self.row_layout = RowLayout(self.comparison, self.shown, width, markers=self.filters.markers)
        layout.extend(until_position=layout.first_position(keep_row), until_y=3 * max(self.size.height, 24))
        self._invalidate()
        self._set_virtual_height()
        self._schedule_layout_step()

    @property
    def _row_to_keep(self) -> int | None:
        """The current row; before the view is placed (it has none yet), the row it is to open on,
        so that a comparison or filters that come before its first layout keep it."""
        return self._row_when_placed if self._waiting_for_width else self._current

    @property
    def placed(self) -> bool:
        """Whether the rows shown are laid out for the view's width (not waiting for one)."""
        return not self._waiting_for_width

    @property
    def laid_out(self) -> bool:
        """Whether every shown row has been wrapped for the current width."""
        return self.row_layout.laid_out

    def _schedule_layout_step(self) -> None:
        # First rows only: the rest of them is laid out as the user scrolls there, leaving
        # the CPU to the child that compares the other rows.
        if not self.row_layout.laid_out and not self.more_coming:
            self.set_timer(0.005, partial(self._layout_step, self.row_layout))

    def _layout_step(self, layout: RowLayout) -> None:
        """Lay out the next batch of rows in the background, unless the layout started over."""
        if layout is not self.row_layout or layout.laid_out:
            return
        # A bounded slice of work: a key pressed meanwhile waits at most this long.
        layout.extend(until_time=perf_counter() + LAYOUT_SLICE)
        self._set_virtual_height()
        self.post_message(self.Settled(self))
        self._schedule_layout_step()

    def _ensure(self, *, position: int = -1, y: int = -1) -> None:
        """Lay out now up to a row position or a line, when the user goes there first."""
        if self.row_layout.ensure(position=position, y=y):
            self._set_virtual_height()

    def _set_virtual_height(self) -> None:
        self.virtual_size = Size(self.row_layout.width, self.row_layout.virtual_height(self.size.height))

    def _invalidate(self) -> None:
        self._generation += 1
        self._strips.clear()
        self.refresh()

    def on_resize(self) -> None:
        """Re-wrap for the new width, keeping the current row at the top."""
        if self._waiting_for_width:  # shown before it was placed
            self._refilter(self._row_when_placed)
            return
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
        return self.row_layout.position_at(y)

    def go_to_row(self, row: int) -> None:
        """Scroll so that ``row`` (an index into ``comparison.rows``) is at the top."""
        position = self.row_layout.position_of(row)
        if position is None:
            return
        self._ensure(position=position)
        self.scroll_to(y=self.row_layout.start(position), animate=False, immediate=True)
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
        """Make the last row current (once it is there, when only the first rows are)."""
        if self.more_coming:
            self._bottom_wanted = True
            return
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
        layout = self.row_layout
        width = layout.width
        base = self.rich_style
        if position is None or line_y >= layout.total:
            if line_y == layout.total and layout.count and layout.laid_out:
                end = self.get_component_rich_style("diffview--end")
                text = clip(MORE_COMING, width) if self.more_coming else "(end)"
                return Strip([Segment(text.center(width), base + end)]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        assert self.comparison is not None
        row = self.comparison.rows[self.shown[position]]
        left_lines, right_lines = layout.lines(position)
        number = line_y - layout.start(position)
        if current:
            base = base + self.get_component_rich_style("diffview--current")
        left_width, right_width = column_widths(width)
        linked = self._linked.get(self.shown[position], {})
        link_on_blank = number == 1 and bool(linked) and len(left_lines) == 1
        if number >= len(left_lines) and not link_on_blank:  # the blank line after a row
            return self._landing_line(self.shown[position], width, base)
        if link_on_blank:  # a one-line row's link mark goes on the blank line after it
            segments = [Segment(" " * left_width, base)]
        else:
            segments = self._side(row, "left", left_lines, number, left_width, base, linked.get("left", []))
        if current and not link_on_blank:
            mark = CURSOR_MARKS[0] if number == 0 else CURSOR_MARKS[1]
            segments.append(Segment(mark, base + self.get_component_rich_style("diffview--cursor", partial=True)))
        else:
            segments.append(Segment(" ", base))
        if number == 1 and linked:
            segments.append(
                Segment(LINK_MARK, base + self.get_component_rich_style("diffview--link-mark", partial=True))
            )
        else:
            glyph = row.glyph if number == 0 else " "
            glyph_class = "boilerplate" if row.boilerplate else row.kind
            segments.append(
                Segment(glyph, base + self.get_component_rich_style(f"diffview--glyph-{glyph_class}", partial=True))
            )
        if link_on_blank:
            return Strip([*segments, Segment(" " * (right_width + 1), base)], width)
        segments.append(Segment(" ", base))
        segments += self._side(row, "right", right_lines, number, right_width, base, linked.get("right", []))
        return Strip(segments, width)

    def _landing_line(self, row_index: int, width: int, base: Style) -> Strip:
        """The blank line after a row, or the note of a moved paragraph that stands there."""
        if self._landings is None or self._landings[0] is not self.comparison:
            assert self.comparison is not None
            self._landings = (self.comparison, *move_landings(self.comparison))
        _, side, notes = self._landings
        note = notes.get(row_index)
        if note is None:
            return Strip.blank(width, base)
        left_width, right_width = column_widths(width)
        style = base + self.get_component_rich_style("diffview--glyph-moved", partial=True)
        text = clip(note, right_width if side == "right" else left_width)
        blank = Segment(" " * left_width, base)
        glyph = Segment(" ↕ ", style)
        if side == "right":
            segments = [blank, glyph, Segment(text, style)]
        else:
            segments = [Segment(text, style), Segment(" " * (left_width - cell_len(text)), base), glyph]
        return Strip(segments).adjust_cell_length(width, base)

    def _side(
        self, row: Row, side: Side, lines: list[Line], number: int, width: int, base: Style, linked: list[str]
    ) -> list[Segment]:
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
        if linked:  # shown as moved (the link style over the word diff's red or green)
            link_style = self.get_component_rich_style("diffview--linked")
            for start, end in sentence_ranges(text.plain, linked):
                text.stylize(link_style, start, end)
        if self.query_text:
            text.highlight_regex(
                search_pattern(self.query_text),
                self.get_component_rich_style("diffview--match"),
            )
        segments = [
            Segment(segment.text, segment.style or base) for segment in text.render(self.app.console) if segment.text
        ]
        segments.append(Segment(" " * (width - line_width(line)), base))
        return segments
