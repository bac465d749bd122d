"""The library screen: the documents of a folder, a preview, and picking a pair to compare."""

from __future__ import annotations

import os

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.widgets.data_table import ColumnKey

from reader.corpus import Corpus, Document, DocumentError, load_folder
from reader.layout import clip
from reader.text import sanitize
from reader.ui.messages import OpenDrift, OpenOverview, OpenPair, OpenProvenance

MARK = "●"

# (key, label, fixed width or None for a share of what is left)
COLUMNS: tuple[tuple[str, str, int | None], ...] = (
    ("mark", " ", 1),
    ("file", "file", None),
    ("title", "title", None),
    ("source", "source", None),
    ("date", "date", 10),
    ("words", "words", 5),
    ("paragraphs", "¶", 3),
    ("cruft", "cruft", 5),
)
SMALL_FOLDER = 64
"""Folders with at most this many entries are read before the first frame (a few ms each)."""

SHARES = {"file": 0.22, "title": 0.58, "source": 0.2}
"""How the flexible columns split the width left over by the fixed ones."""


def read_folder(folder: str) -> Corpus:
    """The folder's documents; a folder that cannot be read becomes a corpus of one error."""
    try:
        return load_folder(folder)
    except DocumentError as error:
        return Corpus(folder, (), (error,), ())


class LibraryScreen(Screen[None]):
    """List a folder's documents; mark one, pick another, and compare them."""

    BINDING_GROUP_TITLE = "Library"
    BINDINGS = [
        Binding(
            "enter",
            "pick",
            "Mark / compare",
            id="pick",
            tooltip="Mark this document; on a second document, compare the two",
        ),
        Binding("space", "mark", "Mark", show=False, id="mark", tooltip="Mark or unmark this document"),
        Binding(
            "m",
            "most_similar",
            "Most similar",
            id="most_similar",
            tooltip="Compare this document with the most similar one in the folder",
        ),
        Binding(
            "v",
            "overview",
            "Overview",
            id="overview",
            tooltip="How alike all documents are, and how each relates to its nearest neighbour",
        ),
        Binding(
            "P", "provenance", "Provenance", id="provenance", tooltip="Which documents carry each paragraph of this one"
        ),
        Binding(
            "d",
            "drift",
            "Drift",
            id="drift",
            tooltip="Facts (numbers, dates, names, quotes) the other documents state differently from this one",
        ),
        Binding("s", "sort", "Sort", id="sort", tooltip="Sort by the next column (again: reverse)"),
        Binding(
            "escape", "clear_mark", "Clear mark", show=False, id="clear_mark", tooltip="Forget the marked document"
        ),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Leave reader"),
    ]

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder
        self.corpus: Corpus | None = None
        self.marked: Document | None = None
        self.sort_column = 0
        self.sort_reverse = False

    def compose(self) -> ComposeResult:
        """A title line, the table, problems, a preview and a hint."""
        yield Static(sanitize(f"reader — {self.folder}"), id="library-title", markup=False)
        yield DataTable(id="library", cursor_type="row", zebra_stripes=True)
        yield Static("", id="problems", markup=False)
        yield Static("", id="preview", markup=False)
        yield Static("", id="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Read a small folder at once (it is in the first frame); a big one in the background."""
        table = self.query_one(DataTable)
        table.focus()
        try:
            small = len(os.listdir(self.folder)) <= SMALL_FOLDER
        except OSError:
            small = True  # load_folder says what is wrong
        if small:
            self._fill(read_folder(self.folder))
        else:
            table.loading = True
            self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        corpus = read_folder(self.folder)
        self.app.call_from_thread(self._fill, corpus)

    def _fill(self, corpus: Corpus) -> None:
        self.corpus = corpus
        table = self.query_one(DataTable)
        table.loading = False
        self._build_table()
        problems = [f"{sanitize(e.path)}: {sanitize(e.reason)}" for e in corpus.errors]
        if not corpus.documents:
            subfolders = " (subfolders are not read)" if corpus.subfolders else ""
            problems.insert(0, f"No readable documents in this folder{subfolders}.")
        panel = self.query_one("#problems", Static)
        panel.update("\n".join(problems))
        panel.display = bool(problems)
        self._hint()

    def on_resize(self) -> None:
        """Give the flexible columns the new width."""
        if self.corpus is not None:
            self._build_table()

    def _widths(self) -> dict[str, int]:
        table = self.query_one(DataTable)
        padding = 2 * table.cell_padding * len(COLUMNS)
        fixed = sum(width for _, _, width in COLUMNS if width is not None)
        free = max(24, self.size.width - fixed - padding - 2)
        return {key: width if width is not None else max(6, int(free * SHARES[key])) for key, _, width in COLUMNS}

    def _build_table(self) -> None:
        assert self.corpus is not None
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        widths = self._widths()
        table.clear(columns=True)
        for number, (key, label, _) in enumerate(COLUMNS):
            if number == self.sort_column and number:
                label += " ▼" if self.sort_reverse else " ▲"
            table.add_column(label, width=widths[key], key=key)
        for document in self._sorted():
            table.add_row(  # str cells would be read as markup: document text goes in as Text
                Text(MARK if document is self.marked else ""),
                Text(clip(sanitize(document.name), widths["file"])),
                Text(clip(sanitize(document.display_title), widths["title"])),
                Text(clip(sanitize(document.byline or ""), widths["source"])),
                Text(document.date or ""),
                document.word_count,
                len(document.paragraphs),
                document.boilerplate_count,
                key=document.path,
            )
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def _sorted(self) -> list[Document]:
        assert self.corpus is not None
        key = COLUMNS[self.sort_column][0]
        extract = {
            "mark": lambda d: 0,
            "file": lambda d: d.name,
            "title": lambda d: d.display_title.casefold(),
            "source": lambda d: (d.byline or "").casefold(),
            "date": lambda d: d.date or "",
            "words": lambda d: d.word_count,
            "paragraphs": lambda d: len(d.paragraphs),
            "cruft": lambda d: d.boilerplate_count,
        }[key]
        documents = list(self.corpus.documents)
        if key == "mark":
            return documents
        return sorted(documents, key=extract, reverse=self.sort_reverse)

    # ----- the cursor document

    def _cursor_document(self) -> Document | None:
        table = self.query_one(DataTable)
        if self.corpus is None or not table.row_count:
            return None
        return self._document(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _document(self, path: str | None) -> Document | None:
        if self.corpus is None:
            return None
        return next((d for d in self.corpus.documents if d.path == path), None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the start of the highlighted document."""
        document = self._cursor_document()
        if document is None:
            return
        facts = [
            f"{document.word_count} words",
            f"{len(document.paragraphs)} paragraphs",
            f"{document.boilerplate_count} cruft",
            document.encoding,
            *document.notes,
        ]
        if document.byline:
            facts.insert(0, document.byline)
        if document.date:
            facts.insert(0, document.date)
        body = [p.text for p in document.paragraphs if not p.is_boilerplate][:3]
        self.query_one("#preview", Static).update(sanitize(" · ".join(facts) + "\n" + "\n".join(body)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row: mark it, or compare it with the marked one.

        The row comes from the event, not the cursor: keys typed ahead may have moved it.
        """
        self._pick(self._document(event.row_key.value))

    # ----- actions

    def action_pick(self) -> None:
        """Mark the cursor document, or compare it with the marked one."""
        self._pick(self._cursor_document())

    def _pick(self, document: Document | None) -> None:
        if document is None:
            return
        if self.marked is None or self.marked is document:
            self._set_mark(document if self.marked is None else None)
            return
        self._open(self.marked, document)

    def action_mark(self) -> None:
        """Mark or unmark the cursor document."""
        document = self._cursor_document()
        if document is not None:
            self._set_mark(None if self.marked is document else document)

    def action_clear_mark(self) -> None:
        """Forget the mark."""
        self._set_mark(None)

    def _set_mark(self, document: Document | None) -> None:
        table = self.query_one(DataTable)
        if self.marked is not None:
            table.update_cell(self.marked.path, ColumnKey("mark"), Text(""))
        self.marked = document
        if document is not None:
            table.update_cell(document.path, ColumnKey("mark"), Text(MARK))
        self._hint()

    def action_most_similar(self) -> None:
        """Compare the cursor document with its nearest neighbour."""
        document = self._cursor_document()
        if document is None or self.corpus is None:
            return
        from reader.overview import most_similar  # imported when first used: a faster first screen

        best = most_similar(document, self.corpus.documents)
        if best is None:
            self.notify("There is no other document to compare with.", severity="warning")
            return
        self._open(document, best[0])

    def action_sort(self) -> None:
        """Sort by the next column; pressing again on the last one reverses."""
        if self.corpus is None:
            return
        if self.sort_reverse or self.sort_column == 0:
            self.sort_column = self.sort_column % (len(COLUMNS) - 1) + 1
            self.sort_reverse = False
        else:
            self.sort_reverse = True
        self._build_table()

    def action_overview(self) -> None:
        """Open the overview of the whole folder."""
        if self.corpus is not None and len(self.corpus.documents) > 1:
            self.post_message(OpenOverview(self.corpus.documents))

    def action_drift(self) -> None:
        """Open fact drift with the cursor document as the base."""
        document = self._cursor_document()
        if document is not None and self.corpus is not None and len(self.corpus.documents) > 1:
            self.post_message(OpenDrift(document, self.corpus.documents))

    def action_provenance(self) -> None:
        """Open provenance with the cursor document as the base."""
        document = self._cursor_document()
        if document is not None and self.corpus is not None and len(self.corpus.documents) > 1:
            self.post_message(OpenProvenance(document, self.corpus.documents))

    def _open(self, left: Document, right: Document) -> None:
        assert self.corpus is not None
        self._set_mark(None)
        self.post_message(OpenPair(left, right, self.corpus.documents))

    def _hint(self) -> None:
        if self.marked is not None:
            text = f"Marked {self.marked.name} · Enter on another document compares · Escape clears"
        else:
            text = "Enter: mark, then Enter on another to compare · m: most similar · ?: all keys"
        self.query_one("#hint", Static).update(sanitize(text))
