"""The library of an indexed folder, grouped by story family.

One line per family (size, date range, likely original, title), then one per document alone.
The table is virtual: only the lines on screen are drawn, and they are read from the index a
page at a time, so a folder of 100,000 documents lists at once. ``Enter`` opens a family into
its members (the usual library, with overview, provenance and drift of that family).
"""

from __future__ import annotations

import os

from rich.segment import Segment
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Static

from reader.corpus import Corpus, Document, DocumentError, load_document
from reader.index import Listing, ListedRow
from reader.layout import clip
from reader.text import sanitize
from reader.ui.messages import OpenFamily, OpenOverview, OpenProvenance

PAGE = 200
"""Rows read from the index at a time."""


class FamilyTable(ScrollView, can_focus=True):
    """Families and lone documents, drawn a visible line at a time from the index."""

    DEFAULT_CSS = """
    FamilyTable {
        height: 1fr;
    }
    """

    COMPONENT_CLASSES = {"familytable--cursor", "familytable--family", "familytable--alone"}

    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False, id="families_up"),
        Binding("down,j", "move(1)", "Down", show=False, id="families_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="families_page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="families_page_down"),
        Binding("home,g", "jump(0)", "First", show=False, id="families_first"),
        Binding("end,G", "jump(-1)", "Last", show=False, id="families_last"),
    ]

    def __init__(self, listing: Listing, total: int, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.listing = listing
        self.total = total
        self.cursor = 0
        self._pages: dict[int, list[ListedRow]] = {}

    def on_mount(self) -> None:
        """The virtual height is the number of rows."""
        self.virtual_size = Size(self.size.width, self.total)

    def on_resize(self) -> None:
        """Keep the virtual width the widget's width (lines are clipped, not scrolled sideways)."""
        self.virtual_size = Size(self.size.width, self.total)

    def row(self, number: int) -> ListedRow | None:
        """Row ``number``, read with its page when first needed."""
        if not 0 <= number < self.total:
            return None
        page = number // PAGE
        if page not in self._pages:
            if len(self._pages) > 50:
                self._pages.clear()
            self._pages[page] = self.listing.page(page * PAGE, PAGE)
        rows = self._pages[page]
        offset = number - page * PAGE
        return rows[offset] if offset < len(rows) else None

    def current(self) -> ListedRow | None:
        """The row under the cursor."""
        return self.row(self.cursor)

    def action_move(self, delta: int) -> None:
        """Move the cursor, scrolling to keep it in view."""
        self._go(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        """Move the cursor a screenful."""
        self._go(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, where: int) -> None:
        """Go to the first or (``-1``) the last row."""
        self._go(self.total - 1 if where < 0 else where)

    def _go(self, number: int) -> None:
        if not self.total:
            return
        self.cursor = min(max(0, number), self.total - 1)
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_y)
        if self.cursor < top:
            top = self.cursor
        elif self.cursor >= top + height:
            top = self.cursor - height + 1
        self.scroll_to(y=top, animate=False, immediate=True)
        self.refresh()
        self.screen.post_message(FamiliesScreen.Moved())

    def render_line(self, y: int) -> Strip:
        """One family or lone document: size, date range, file, title."""
        width = self.size.width
        number = int(self.scroll_y) + y
        base = self.rich_style
        row = self.row(number)
        if row is None:
            return Strip.blank(width, base)
        dates = row.first_date or ""
        if row.last_date and row.last_date != row.first_date:
            dates += f"..{row.last_date[5:]}"
        size = f"{row.size:>5}" if row.family is not None else "    ·"
        name_width = max(8, min(30, width // 4))
        text = f"{size}  {dates:<16}  {clip(sanitize(row.name), name_width):<{name_width}}  {sanitize(row.title or '')}"
        kind = "familytable--family" if row.family is not None else "familytable--alone"
        style = base + self.get_component_rich_style(kind)
        if number == self.cursor:
            style = style + self.get_component_rich_style("familytable--cursor")
        return Strip([Segment(clip(text, width), style)]).extend_cell_length(width, style)


class FamiliesScreen(Screen[None]):
    """The story families of an indexed folder; Enter opens a family into its members."""

    BINDING_GROUP_TITLE = "Families"
    BINDINGS = [
        Binding("enter", "open", "Open family", id="open_family", tooltip="List this family's documents"),
        Binding(
            "v",
            "overview",
            "Overview",
            id="family_overview",
            tooltip="How alike the family's documents are, and how each relates to its nearest neighbour",
        ),
        Binding(
            "P",
            "provenance",
            "Provenance",
            id="family_provenance",
            tooltip="Which documents of the family carry each paragraph of its likely original",
        ),
        Binding("q", "app.quit", "Quit", id="families_quit", tooltip="Leave reader"),
    ]

    class Moved(Message):
        """The cursor moved (the hint line follows it)."""

    def __init__(self, folder: str, listing: Listing) -> None:
        super().__init__()
        self.folder = folder
        self.listing = listing

    def compose(self) -> ComposeResult:
        """A title line, the virtual table and a hint."""
        total = self.listing.count()
        yield Static(sanitize(f"reader — {self.folder} — story families (index)"), id="library-title", markup=False)
        yield FamilyTable(self.listing, total, id="families")
        yield Static("", id="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Focus the table and say what the first line is."""
        self.query_one(FamilyTable).focus()
        self._hint()

    def on_families_screen_moved(self, _: FamiliesScreen.Moved) -> None:
        """Follow the cursor in the hint line."""
        self._hint()

    def _hint(self) -> None:
        table = self.query_one(FamilyTable)
        row = table.current()
        if row is None:
            text = "No documents in the index."
        elif row.family is None:
            text = f"{table.cursor + 1} of {table.total} · alone · Enter opens it"
        else:
            text = f"{table.cursor + 1} of {table.total} · a family of {row.size} · Enter lists them · v overview · P provenance"
        self.query_one("#hint", Static).update(text)

    def action_open(self) -> None:
        """List the documents of the family (or the document) under the cursor."""
        self._load("open")

    def action_overview(self) -> None:
        """Open the overview of the family under the cursor."""
        self._load("overview")

    def action_provenance(self) -> None:
        """Open provenance of the family under the cursor, its likely original as the base."""
        self._load("provenance")

    @work(thread=True, exclusive=True)
    def _load(self, then: str) -> None:
        row = self.query_one(FamilyTable).current()
        if row is None:
            return
        names = self.listing.members(row.family) if row.family is not None else [row.name]
        documents: list[Document] = []
        errors: list[DocumentError] = []
        for name in names:
            try:
                documents.append(load_document(os.path.join(self.folder, name)))
            except DocumentError as error:
                errors.append(error)
        self.app.call_from_thread(self._opened, then, row, Corpus(self.folder, tuple(documents), tuple(errors)))

    def _opened(self, then: str, row: ListedRow, corpus: Corpus) -> None:
        documents = corpus.documents
        if then == "open" or len(documents) < 2:
            self.post_message(OpenFamily(f"{self.folder} — {row.title or row.name}", corpus))
        elif then == "overview":
            self.post_message(OpenOverview(documents))
        else:
            original = next((d for d in documents if os.path.basename(d.path) == row.name), documents[0])
            self.post_message(OpenProvenance(original, documents))
