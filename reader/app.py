"""The Textual app: the document library of a folder.

The compare view arrives later; until then the library lists the folder's documents with
what a reader wants to know first, and says how to compare two of them from the shell.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from reader._resources import styles_dir
from reader.corpus import Corpus, Document, load_folder
from reader.layout import clip
from reader.text import sanitize


class ReaderApp(App[None]):
    """List the documents of a folder."""

    CSS_PATH = [styles_dir() / "reader.tcss"]
    TITLE = "reader"
    BINDINGS = [
        Binding("q", "quit", "Quit", tooltip="Leave reader", id="quit"),
    ]

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder
        self.corpus: Corpus | None = None

    def compose(self) -> ComposeResult:
        """Lay out the library: a title line, the table, problems, a preview and a hint."""
        yield Static(sanitize(f"reader — {self.folder}"), id="library-title", markup=False)
        table: DataTable[str] = DataTable(id="library", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="problems", markup=False)
        yield Static("", id="preview", markup=False)
        yield Static("", id="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Load the folder and fill the table."""
        self.corpus = load_folder(self.folder)
        table = self.query_one(DataTable)
        table.add_columns("file", "title", "source", "date", "words", "¶", "cruft")
        for document in self.corpus.documents:
            table.add_row(
                sanitize(document.name),
                clip(sanitize(document.display_title), 34),
                clip(sanitize(document.byline or ""), 20),
                document.date or "",
                str(document.word_count),
                str(len(document.paragraphs)),
                str(document.boilerplate_count),
                key=document.path,
            )
        problems = [f"{sanitize(e.path)}: {sanitize(e.reason)}" for e in self.corpus.errors]
        if not self.corpus.documents:
            problems.insert(0, "No readable documents in this folder.")
        self.query_one("#problems", Static).update("\n".join(problems))
        self.query_one("#hint", Static).update("Compare two documents: reader diff A B")
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the start of the highlighted document."""
        document = self._document(event.row_key.value)
        if document is None:
            return
        body = [p.text for p in document.paragraphs if not p.is_boilerplate][:3]
        self.query_one("#preview", Static).update(sanitize("\n".join(body)))

    def _document(self, path: str | None) -> Document | None:
        if self.corpus is None:
            return None
        return next((d for d in self.corpus.documents if d.path == path), None)

