"""The overview's heat grid: every pair's similarity as a shaded number, with a cursor cell."""

from __future__ import annotations

from rich.segment import Segment
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.exporters.family import column_heads, shade, short_names
from reader.overview import Overview

CELL = 5
"""Cells per grid column: a shading glyph and a percentage."""


class HeatGrid(ScrollView, can_focus=True):
    """Every pair's similarity as a shaded number; a cursor cell to open a pair.

    Its size is set here; its colours come from the component classes in ``styles/reader.tcss``.
    """

    DEFAULT_CSS = """
    HeatGrid {
        height: auto;
        max-height: 60%;
        overflow: auto;
    }
    """

    COMPONENT_CLASSES = {
        "heatgrid--label",
        "heatgrid--cursor",
        "heatgrid--diagonal",
        "heatgrid--heat-0",
        "heatgrid--heat-1",
        "heatgrid--heat-2",
        "heatgrid--heat-3",
        "heatgrid--heat-4",
    }

    BINDINGS = [
        Binding("up,k", "move(0, -1)", "Up", show=False, id="grid_up"),
        Binding("down,j", "move(0, 1)", "Down", show=False, id="grid_down"),
        Binding("left,h", "move(-1, 0)", "Left", show=False, id="grid_left"),
        Binding("right,l", "move(1, 0)", "Right", show=False, id="grid_right"),
    ]

    class Moved(Message):
        """The cursor moved to another cell."""

        def __init__(self, row: int, column: int) -> None:
            super().__init__()
            self.row = row
            self.column = column

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.overview: Overview | None = None
        self.names: list[str] = []
        self.cursor = (0, 1)

    def show(self, overview: Overview) -> None:
        """Draw an overview."""
        self.overview = overview
        self.names = short_names(overview.documents)
        count = len(overview.documents)
        self.cursor = (0, 1 if count > 1 else 0)
        self.virtual_size = Size(self._label_width() + CELL * count, count + 1)
        self.refresh()
        self.post_message(self.Moved(*self.cursor))

    def _label_width(self) -> int:
        return max((len(n) for n in self.names), default=3) + 1

    def action_move(self, dx: int, dy: int) -> None:
        """Move the cursor cell, scrolling to keep it in view."""
        if self.overview is None:
            return
        count = len(self.overview.documents)
        row = min(max(0, self.cursor[0] + dy), count - 1)
        column = min(max(0, self.cursor[1] + dx), count - 1)
        self.cursor = (row, column)
        # The labels and the header stay put, so only the cells' window scrolls.
        scroll_x, scroll_y = int(self.scroll_x), int(self.scroll_y)
        region = self.scrollable_content_region
        columns_wide = max(1, (region.width - self._label_width()) // CELL)
        rows_high = max(1, region.height - 1)
        if column * CELL < scroll_x:
            scroll_x = column * CELL
        elif column >= scroll_x // CELL + columns_wide:
            scroll_x = (column - columns_wide + 1) * CELL
        if row < scroll_y:
            scroll_y = row
        elif row >= scroll_y + rows_high:
            scroll_y = row - rows_high + 1
        self.scroll_to(scroll_x, scroll_y, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Moved(row, column))

    def render_line(self, y: int) -> Strip:
        """Paint the header line or one row of the grid; labels and header never scroll away."""
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self.rich_style
        row = scroll_y + y - 1
        if self.overview is None or row >= len(self.names):
            return Strip.blank(width, base)
        label_style = base + self.get_component_rich_style("heatgrid--label")
        label = self._label_width()
        if y == 0:
            head = Segment(" " * label, base)
            cells = [Segment(f"{head:>{CELL}}", label_style) for head in column_heads(self.names, CELL - 1)]
        else:
            head = Segment(f"{self.names[row]:<{label}}", label_style)
            cells = []
            for column in range(len(self.names)):
                value = self.overview.similarity(row, column)
                if row == column:
                    text, style = "    ·", self.get_component_rich_style("heatgrid--diagonal")
                else:
                    text = f" {shade(value)}{round(value * 100):>3}"
                    style = self.get_component_rich_style(f"heatgrid--heat-{min(4, int(value * 4 + 0.5))}")
                if (row, column) == self.cursor:
                    style = style + self.get_component_rich_style("heatgrid--cursor")
                cells.append(Segment(text, base + style))
        window = Strip(cells).crop(scroll_x, scroll_x + max(0, width - label))
        return Strip.join([Strip([head]).crop(0, width), window]).extend_cell_length(width, base)
