"""The multi-source screens: the overview's heat grid, the provenance apparatus, fact drift."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.content import Content
from textual.widgets import DataTable, Footer, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from reader.corpus import Document
from reader.cache import cached_compare
from reader.measures import SHARED_VOCABULARY, percent
from reader.drift import Disagreement, drift_folder
from reader.exporters.family import column_heads, family_lines, shade, short_names
from reader.layout import clip
from reader.overview import Overview, build_overview
from reader.provenance import Provenance, build_provenance
from reader.text import sanitize
from reader.ui.workarounds import SafeOptionList

CELL = 5
"""Cells per grid column: a shading glyph and a percentage."""


class HeatGrid(ScrollView, can_focus=True):
    """Every pair's similarity as a shaded number; a cursor cell to open a pair."""

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


class OverviewScreen(Screen[None]):
    """How alike all documents are, and what each one is to its nearest neighbour."""

    BINDING_GROUP_TITLE = "Overview"
    BINDINGS = [
        Binding("enter", "open_pair", "Compare", id="open_pair", tooltip="Compare the pair under the cursor"),
        Binding("P", "provenance", "Provenance", id="overview_provenance",
                tooltip="Provenance with the cursor row's document as the base"),
        Binding("escape,q", "app.pop_screen", "Back", id="overview_back", tooltip="Back to the list"),
    ]

    def __init__(self, documents: Sequence[Document]) -> None:
        super().__init__()
        self.documents = list(documents)
        self.overview: Overview | None = None

    def compose(self) -> ComposeResult:
        """A title, progress, the grid, the pair under the cursor, the relations, the keys."""
        yield Static(f"Overview — {len(self.documents)} documents, {SHARED_VOCABULARY.name} in %", id="overview-title")
        yield ProgressBar(total=1.0, show_eta=False, id="overview-progress")
        yield HeatGrid(id="grid")
        yield Static("", id="overview-pair", markup=False)
        yield Static("", id="overview-relations", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Compute in the background."""
        self.query_one(HeatGrid).focus()
        self._compute()

    @work(thread=True, exclusive=True)
    def _compute(self) -> None:
        overview = build_overview(self.documents, compare=cached_compare, progress=progress_reporter(self))
        self.app.call_from_thread(self._show, overview)

    def _show(self, overview: Overview) -> None:
        self.overview = overview
        self.query_one(ProgressBar).display = False
        self.query_one(HeatGrid).show(overview)
        names = short_names(overview.documents)
        original = overview.original
        lines = [
            f"{'*' if r.document == original else ' '} {names[r.document]}  {r.describe(names)}"
            for r in overview.relations
        ]
        if original is not None:
            lines.append(f"* the likely original: {names[original]}")
        lines += ["Story families (likely original first):", *family_lines(overview, names)]
        self.query_one("#overview-relations", Static).update(sanitize("\n".join(lines)))

    def on_heat_grid_moved(self, event: HeatGrid.Moved) -> None:
        """Say which pair the cursor is on."""
        if self.overview is None:
            return
        left, right = self.overview.documents[event.row], self.overview.documents[event.column]
        value = self.overview.similarity(event.row, event.column)
        text = f"{left.name} ↔ {right.name}: {percent(value)} {SHARED_VOCABULARY.name} — Enter compares"
        self.query_one("#overview-pair", Static).update(clip(sanitize(text), max(20, self.size.width)))

    def action_open_pair(self) -> None:
        """Compare the two documents of the cursor cell."""
        if self.overview is None:
            return
        from reader.ui.compare_screen import CompareScreen

        row, column = self.query_one(HeatGrid).cursor
        if row != column:
            documents = self.overview.documents
            self.app.push_screen(CompareScreen(documents[row], documents[column], documents))

    def action_provenance(self) -> None:
        """Open provenance with the cursor row's document as the base."""
        if self.overview is not None:
            row, _ = self.query_one(HeatGrid).cursor
            self.app.push_screen(ProvenanceScreen(self.overview.documents[row], self.documents))


class ProvenanceScreen(Screen[None]):
    """Each base paragraph against every source; Enter opens the pair at that row."""

    BINDING_GROUP_TITLE = "Provenance"
    BINDINGS = [
        Binding("enter", "open_cell", "Compare", id="open_cell",
                tooltip="Compare the base with the source under the cursor, at this paragraph"),
        Binding("escape,q", "app.pop_screen", "Back", id="provenance_back", tooltip="Back"),
    ]

    def __init__(self, base: Document, documents: Sequence[Document]) -> None:
        super().__init__()
        self.base = base
        self.documents = list(documents)
        self.provenance: Provenance | None = None

    def compose(self) -> ComposeResult:
        """A title, progress, the apparatus, coverage, the extras, the keys."""
        title = f"Provenance — base {self.base.name}: {self.base.display_title}"
        yield Static(sanitize(title), id="provenance-title", markup=False)
        yield ProgressBar(total=1.0, show_eta=False, id="provenance-progress")
        yield DataTable(id="provenance", cursor_type="cell", zebra_stripes=True)
        yield Static("", id="provenance-coverage", markup=False)
        yield Static("", id="provenance-extras", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Compare the base with every source in the background."""
        self.query_one(DataTable).focus()
        self._compute()

    @work(thread=True, exclusive=True)
    def _compute(self) -> None:
        provenance = build_provenance(self.base, self.documents, compare=cached_compare, progress=progress_reporter(self))
        self.app.call_from_thread(self._show, provenance)

    def _show(self, provenance: Provenance) -> None:
        self.provenance = provenance
        self.query_one(ProgressBar).display = False
        names = short_names(provenance.sources)
        table = self.query_one(DataTable)
        table.add_column("¶", key="paragraph")
        for number, name in enumerate(names):
            table.add_column(Text(name), key=f"source-{number}")
        table.add_column("n", key="count")
        table.add_column("paragraph", key="text")
        for paragraph in provenance.base.paragraphs:
            start = f"[{paragraph.boilerplate}]" if paragraph.is_boilerplate else " ".join(paragraph.text.split())
            table.add_row(
                Text(str(paragraph.index + 1)),
                *(Text(cell.glyph, justify="center") for cell in provenance.cells[paragraph.index]),
                Text(f"{provenance.paragraph_coverage(paragraph.index)}/{len(names)}"),
                Text(clip(sanitize(start), 60)),
                key=str(paragraph.index),
            )
        coverage = "  ".join(f"{name} {provenance.source_coverage(k):.0%}" for k, name in enumerate(names))
        self.query_one("#provenance-coverage", Static).update(
            sanitize(f"base carried by: {coverage} · = same ~ changed ≈ reworded ↕ moved · absent")
        )
        extras = [f"{len(provenance.extras)} passages in sources but not in the base:"] + [
            clip(sanitize(f"  [{', '.join(f'{names[k]} ¶{i + 1}' for k, i in e.places)}] " + " ".join(e.text.split())), 200)
            for e in provenance.extras
        ]
        self.query_one("#provenance-extras", Static).update("\n".join(extras))

    def action_open_cell(self) -> None:
        """Compare the base with the cursor's source, starting at the cursor's paragraph."""
        self._open(*self.query_one(DataTable).cursor_coordinate)

    def _open(self, row: int, column: int) -> None:
        provenance = self.provenance
        if provenance is None:
            return
        from reader.ui.compare_screen import CompareScreen

        source = column - 1
        if not 0 <= source < len(provenance.sources):
            source = 0
        cell = provenance.cells[row][source]
        self.app.push_screen(
            CompareScreen(provenance.base, provenance.sources[source], self.documents, start_row=cell.row)
        )

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter on a cell opens the pair (at the cell it was pressed on)."""
        self._open(*event.coordinate)


def progress_reporter(screen: Screen[None]) -> Callable[[float], None]:
    """A callback for a worker thread that moves the screen's progress bar (share done, 0..1)."""
    bar = screen.query_one(ProgressBar)
    return lambda done: screen.app.call_from_thread(bar.update, progress=done)


class DriftScreen(Screen[None]):
    """Facts the sources disagree on with a base; Enter opens the pair at that row."""

    BINDING_GROUP_TITLE = "Fact drift"
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", id="drift_back", tooltip="Back"),
    ]

    def __init__(self, base: Document, documents: Sequence[Document]) -> None:
        super().__init__()
        self.base = base
        self.documents = list(documents)
        self.sources: list[Document] = []

    def compose(self) -> ComposeResult:
        """A title, progress, the list of disagreements, the keys."""
        title = f"Fact drift against {self.base.name}: numbers, dates, names, quotes"
        yield Static(sanitize(title), id="drift-title", markup=False)
        yield ProgressBar(total=1.0, show_eta=False, id="drift-progress")
        yield SafeOptionList(id="drift")
        yield Footer()

    def on_mount(self) -> None:
        """Compare and extract in the background."""
        self.query_one(OptionList).focus()
        self._compute()

    @work(thread=True, exclusive=True)
    def _compute(self) -> None:
        results = drift_folder(self.documents, self.base, compare=cached_compare, progress=progress_reporter(self))
        self.app.call_from_thread(self._show, results)

    def _show(self, results: list[tuple[Document, list[Disagreement]]]) -> None:
        self.query_one(ProgressBar).display = False
        self.sources = [document for document, _ in results]
        names = short_names([self.base, *self.sources])
        base_name = names[0]
        options: list[Option | None] = []
        for number, (document, items) in enumerate(results):
            header = f"{names[number + 1]} — {len(items)} disagreement{'s' if len(items) != 1 else ''}"
            options.append(Option(Content(sanitize(f"{header}: {document.display_title}")), disabled=True))
            for position, item in enumerate(items):
                text = (
                    f"  {item.kind}: {item.detail}\n"
                    f"    {base_name}: {' '.join(item.left.split())}\n"
                    f"    {names[number + 1]}: {' '.join(item.right.split())}"
                )
                options.append(Option(Content(sanitize(text)), id=f"{number}:{item.row}:{position}"))
            options.append(None)
        if not any(items for _, items in results):
            options.insert(0, Option(Content("No disagreements found in the aligned rows."), disabled=True))
        self.query_one(OptionList).add_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the pair at the row of the chosen disagreement."""
        from reader.ui.compare_screen import CompareScreen

        source, row, _ = (int(part) for part in (event.option.id or "0:0:0").split(":"))
        self.app.push_screen(CompareScreen(self.base, self.sources[source], self.documents, start_row=row))
