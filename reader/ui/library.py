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
from reader.layout import clip, clip_middle
from reader.text import one_line, sanitize
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

SHARES = {"file": 0.34, "title": 0.46, "source": 0.2}
"""How the flexible columns split the width left over by the fixed ones (at 80 columns the
file column is 12 cells: ``story-v1.txt`` whole, longer names cut in the middle). A column no
document fills (no source, no date: plain text files) is left out and its room shared."""
OPTIONAL_COLUMNS = {"source": lambda d: d.byline, "date": lambda d: d.date}
"""Columns shown only when some document has a value for them."""


class LibraryTable(DataTable):
    """The library's table, with the movement keys of less and vim as well as the arrows."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="library_down", tooltip="Move down (also ↓)"),
        Binding("k", "cursor_up", "Up", show=False, id="library_up", tooltip="Move up (also ↑)"),
        Binding("g,home", "first", "First", show=False, id="library_first", tooltip="Go to the first document"),
        Binding("G,end", "last", "Last", show=False, id="library_last", tooltip="Go to the last document"),
    ]

    def action_first(self) -> None:
        """Put the cursor on the first row."""
        if self.row_count:
            self.move_cursor(row=0)

    def action_last(self) -> None:
        """Put the cursor on the last row."""
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)


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
            show=False,
            id="overview",
            tooltip="How alike all documents are; what each is to its nearest",
        ),
        Binding(
            "P",
            "provenance",
            "Provenance",
            show=False,
            id="provenance",
            tooltip="Which documents carry each paragraph of this one",
        ),
        Binding(
            "d",
            "drift",
            "Drift",
            show=False,
            id="drift",
            tooltip="Fact drift: numbers, dates, names, quotes others differ on",
        ),
        Binding("s", "sort", "Sort", show=False, id="sort", tooltip="Sort by the next column (again: reverse)"),
        Binding("escape", "clear_mark", "Clear mark", id="clear_mark", tooltip="Forget the marked document"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Leave reader"),
    ]

    def __init__(self, folder: str, *, corpus: Corpus | None = None) -> None:
        """List ``folder``, or (a story family from the index) the documents of ``corpus``."""
        super().__init__()
        self.folder = folder
        self.given = corpus
        self.corpus: Corpus | None = None
        self.marked: Document | None = None
        self.sort_key = "mark"
        self.sort_reverse = False

    def compose(self) -> ComposeResult:
        """A title line, the table, problems, a preview and a hint."""
        yield Static(one_line(f"reader — {self.folder}"), id="library-title", markup=False)
        yield LibraryTable(id="library", cursor_type="row", zebra_stripes=True)
        yield Static("", id="problems", markup=False)
        yield Static("", id="preview", markup=False)
        yield Static("", id="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Read a small folder at once (it is in the first frame); a big one in the background."""
        table = self.query_one(DataTable)
        table.focus()
        if self.given is not None:
            self._fill(self.given)
            return
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
        problems = [f"{one_line(e.path)}: {one_line(e.reason)}" for e in corpus.errors]
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

    def _columns(self) -> tuple[tuple[str, str, int | None], ...]:
        """The columns worth showing for this folder (see :data:`OPTIONAL_COLUMNS`)."""
        documents = self.corpus.documents if self.corpus is not None else ()
        return tuple(
            column
            for column in COLUMNS
            if column[0] not in OPTIONAL_COLUMNS or any(OPTIONAL_COLUMNS[column[0]](d) for d in documents)
        )

    def _widths(self, columns: tuple[tuple[str, str, int | None], ...]) -> dict[str, int]:
        table = self.query_one(DataTable)
        padding = 2 * table.cell_padding * len(columns)
        fixed = sum(width for _, _, width in columns if width is not None)
        free = max(24, self.size.width - fixed - padding - 2)
        shares = sum(SHARES[key] for key, _, width in columns if width is None)
        return {
            key: width if width is not None else max(6, int(free * SHARES[key] / shares)) for key, _, width in columns
        }

    def _build_table(self) -> None:
        assert self.corpus is not None
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        columns = self._columns()
        widths = self._widths(columns)
        table.clear(columns=True)
        for key, label, _ in columns:
            if key == self.sort_key and key != "mark":
                label += " ▼" if self.sort_reverse else " ▲"
            table.add_column(label, width=widths[key], key=key)
        for document in self._sorted():
            cells = {  # str cells would be read as markup: document text goes in as Text
                "mark": Text(MARK if document is self.marked else ""),
                "file": Text(clip_middle(one_line(document.name), widths["file"])),
                "title": Text(clip(one_line(document.display_title), widths["title"])),
                "source": Text(clip(one_line(document.byline or ""), widths.get("source", 0))),
                "date": Text(document.date or ""),
                "words": document.word_count,
                "paragraphs": len(document.paragraphs),
                "cruft": document.boilerplate_count,
            }
            table.add_row(*(cells[key] for key, _, _ in columns), key=document.path)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def _sorted(self) -> list[Document]:
        assert self.corpus is not None
        key = self.sort_key
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
        facts.insert(0, document.name)
        body = [p.text for p in document.paragraphs if not p.is_boilerplate][:3]
        head = clip(sanitize(" · ".join(facts)), max(20, self.size.width - 2))  # the name first, never cut
        self.query_one("#preview", Static).update(head + "\n" + sanitize("\n".join(body)))

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
        """Forget the mark; with none, a family's library goes back to the families."""
        if self.marked is None and self.given is not None:
            self.app.pop_screen()
            return
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
        if self.sort_reverse or self.sort_key == "mark":
            keys = [key for key, _, _ in self._columns() if key != "mark"]
            after = keys.index(self.sort_key) + 1 if self.sort_key in keys else 0
            self.sort_key = keys[after % len(keys)]
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
        if self.corpus is not None and len(self.corpus.documents) < 2:
            count = "one document" if self.corpus.documents else "no document"
            text = f"This folder has {count} to compare · reader A B compares two files · q quits"
        elif self.marked is not None:
            text = f"Marked {self.marked.name} · Enter on another document compares · Escape clears"
        else:
            text = "Enter: mark, then Enter on another to compare · m: most similar · ?: all keys"
        self.query_one("#hint", Static).update(one_line(text))
