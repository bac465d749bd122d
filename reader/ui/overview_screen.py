"""The overview screen: how alike all documents are, and what each one is to its nearest neighbour."""

from __future__ import annotations

from collections.abc import Sequence

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from reader.corpus import Document
from reader.exporters.family import family_lines, short_names
from reader.layout import clip, clip_middle
from reader.measures import SHARED_VOCABULARY, percent
from reader.overview import Overview
from reader.text import one_line, sanitize
from reader.ui.engine_calls import overview_of, progress_reporter, still_open
from reader.ui.heat_grid import HeatGrid
from reader.ui.messages import OpenPair, OpenProvenance


class OverviewScreen(Screen[None]):
    """How alike all documents are, and what each one is to its nearest neighbour."""

    BINDING_GROUP_TITLE = "Overview"
    BINDINGS = [
        Binding("enter", "open_pair", "Compare", id="open_pair", tooltip="Compare the pair under the cursor"),
        Binding(
            "P",
            "provenance",
            "Provenance",
            id="overview_provenance",
            tooltip="Provenance with the cursor row's document as the base",
        ),
        Binding("escape,q", "app.pop_screen", "Back", id="overview_back", tooltip="Back to the list"),
    ]

    def __init__(self, documents: Sequence[Document], *, use_cache: bool = True) -> None:
        super().__init__()
        self.documents = list(documents)
        self.use_cache = use_cache
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
        overview = overview_of(self.documents, use_cache=self.use_cache, progress=progress_reporter(self))
        self.app.call_from_thread(self._show, overview)

    def _show(self, overview: Overview) -> None:
        if not still_open(self):
            return
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
        rest = f": {percent(value)} {SHARED_VOCABULARY.name} — Enter compares"
        width = max(20, self.size.width - 2)  # the line's padding
        names = max(8, (width - len(rest) - 3) // 2)  # both names whole when they fit, else cut in the middle
        text = f"{clip_middle(one_line(left.name), names)} ↔ {clip_middle(one_line(right.name), names)}{rest}"
        self.query_one("#overview-pair", Static).update(clip(text, width))

    def action_open_pair(self) -> None:
        """Compare the two documents of the cursor cell."""
        if self.overview is None:
            return
        row, column = self.query_one(HeatGrid).cursor
        if row != column:
            documents = self.overview.documents
            self.post_message(OpenPair(documents[row], documents[column], documents))

    def action_provenance(self) -> None:
        """Open provenance with the cursor row's document as the base."""
        if self.overview is not None:
            row, _ = self.query_one(HeatGrid).cursor
            self.post_message(OpenProvenance(self.overview.documents[row], self.documents))
