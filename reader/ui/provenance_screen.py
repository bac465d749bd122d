"""The provenance screen: each base paragraph against every source, as a collation apparatus."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, ProgressBar, Static

from reader.corpus import Document
from reader.exporters.family import short_names
from reader.layout import clip
from reader.provenance import Provenance
from reader.text import sanitize
from reader.ui.engine_calls import progress_reporter, provenance_of, still_open
from reader.ui.messages import OpenPair


class ProvenanceScreen(Screen[None]):
    """Each base paragraph against every source; Enter opens the pair at that row."""

    BINDING_GROUP_TITLE = "Provenance"
    BINDINGS = [
        Binding(
            "enter",
            "open_cell",
            "Compare",
            id="open_cell",
            tooltip="Compare the base with the source under the cursor, at this paragraph",
        ),
        Binding("escape,q", "app.pop_screen", "Back", id="provenance_back", tooltip="Back"),
    ]

    def __init__(self, base: Document, documents: Sequence[Document], *, use_cache: bool = True) -> None:
        super().__init__()
        self.base = base
        self.documents = list(documents)
        self.use_cache = use_cache
        self.provenance: Provenance | None = None

    def compose(self) -> ComposeResult:
        """A title, progress, the apparatus, coverage, the extras, the keys."""
        title = f"Provenance — base {self.base.name}: {self.base.display_title}"
        yield Static(sanitize(title), id="provenance-title", markup=False)
        yield ProgressBar(total=1.0, show_eta=False, id="provenance-progress")
        yield DataTable(id="provenance", cursor_type="cell", zebra_stripes=True)
        yield Static("", id="provenance-coverage", markup=False)
        yield Static("", id="provenance-extras-title", markup=False)
        with VerticalScroll(id="provenance-extras-scroll"):  # Tab reaches it; arrows scroll it
            yield Static("", id="provenance-extras", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Compare the base with every source in the background."""
        self.query_one(DataTable).focus()
        self._compute()

    @work(thread=True, exclusive=True)
    def _compute(self) -> None:
        provenance = provenance_of(
            self.base, self.documents, use_cache=self.use_cache, progress=progress_reporter(self)
        )
        self.app.call_from_thread(self._show, provenance)

    def _show(self, provenance: Provenance) -> None:
        if not still_open(self):
            return
        self.provenance = provenance
        self.query_one(ProgressBar).display = False
        names = short_names(provenance.sources)
        table = self.query_one(DataTable)
        table.add_column("¶", key="paragraph")
        for number, name in enumerate(names):
            table.add_column(Text(name), key=f"source-{number}")
        table.add_column("n", key="count")
        # The paragraph column takes what is left of the screen, so its text ends in "…" where
        # it is cut rather than at the screen's edge.
        fixed = 3 + sum(max(len(name), 1) for name in names) + 3
        padding = 2 * table.cell_padding * (len(names) + 3)
        text_width = max(12, self.size.width - fixed - padding - 2)
        table.add_column("paragraph", key="text", width=text_width)
        for paragraph in provenance.base.paragraphs:
            start = f"[{paragraph.boilerplate}]" if paragraph.is_boilerplate else " ".join(paragraph.text.split())
            table.add_row(
                Text(str(paragraph.index + 1)),
                *(Text(cell.glyph, justify="center") for cell in provenance.cells[paragraph.index]),
                Text(f"{provenance.paragraph_coverage(paragraph.index)}/{len(names)}"),
                Text(clip(sanitize(start), text_width)),
                key=str(paragraph.index),
            )
        coverage = "  ".join(f"{name} {provenance.source_coverage(k):.0%}" for k, name in enumerate(names))
        self.query_one("#provenance-coverage", Static).update(
            sanitize(f"base carried by: {coverage} · = same ~ changed ≈ reworded ↕ moved ↪ elsewhere · absent")
        )
        count = len(provenance.extras)
        self.query_one("#provenance-extras-title", Static).update(
            f"{count} passages in sources but not in the base" + (" (Tab: scroll this list)" if count else "")
        )
        width = max(20, self.size.width - 4 - 2)  # padding and the scrollbar
        extras = [
            clip(
                sanitize(f"[{', '.join(f'{names[k]} ¶{i + 1}' for k, i in e.places)}] " + " ".join(e.text.split())),
                width,
            )
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
        source = column - 1
        if not 0 <= source < len(provenance.sources):
            source = 0
        cell = provenance.cells[row][source]
        self.post_message(OpenPair(provenance.base, provenance.sources[source], self.documents, start_row=cell.row))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter on a cell opens the pair (at the cell it was pressed on)."""
        self._open(*event.coordinate)
