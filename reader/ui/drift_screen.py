"""The fact-drift screen: facts the sources state differently from a base, row by row."""

from __future__ import annotations

from collections.abc import Sequence

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from reader.compare import Comparison
from reader.corpus import Document
from reader.drift import Disagreement
from reader.exporters.common import paragraph_numbers
from reader.exporters.family import short_names
from reader.text import sanitize
from reader.ui.engine_calls import drift_against, drift_of, progress_reporter
from reader.ui.messages import OpenPair

Results = list[tuple[Document, list[Disagreement]]]
"""Each source with its disagreements with the base."""


def place(item: Disagreement) -> str:
    """Where a disagreement is, as ``reader drift`` prints it: ``row 24 · ¶27 → ¶4`` (from 1).

    >>> from reader.drift import Disagreement
    >>> place(Disagreement("name", 23, "a", "b", "a → b", (0, 1), (0, 1), (26,), (3,)))
    'row 24 · ¶27 → ¶4'
    """
    return (
        f"row {item.row + 1} · {paragraph_numbers(item.left_paragraphs)} → {paragraph_numbers(item.right_paragraphs)}"
    )


class DriftScreen(Screen[None]):
    """Facts the sources disagree on with a base; Enter opens the pair at that row.

    Given the ``comparison`` on screen (``base`` on its left), it reads that comparison's rows
    and compares nothing again; otherwise it compares ``base`` with each other document.
    """

    BINDING_GROUP_TITLE = "Fact drift"
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", id="drift_back", tooltip="Back"),
    ]

    def __init__(
        self,
        base: Document,
        documents: Sequence[Document],
        *,
        comparison: Comparison | None = None,
        use_cache: bool = True,
    ) -> None:
        super().__init__()
        self.base = base
        self.documents = list(documents)
        self.comparison = comparison
        self.use_cache = use_cache
        self.sources: list[Document] = []

    def compose(self) -> ComposeResult:
        """A title, progress, the list of disagreements, the keys."""
        title = f"Fact drift against {self.base.name}: numbers, dates, names, quotes"
        yield Static(sanitize(title), id="drift-title", markup=False)
        yield ProgressBar(total=1.0, show_eta=False, id="drift-progress")
        yield OptionList(id="drift")
        yield Footer()

    def on_mount(self) -> None:
        """Extract in the background (comparing first, unless the comparison was given)."""
        self.query_one(OptionList).focus()
        self._compute()

    @work(thread=True, exclusive=True)
    def _compute(self) -> None:
        if self.comparison is not None:
            results = [(self.comparison.right, drift_of(self.comparison))]
        else:
            results = drift_against(
                self.base, self.documents, use_cache=self.use_cache, progress=progress_reporter(self)
            )
        self.app.call_from_thread(self._show, results)

    def _show(self, results: Results) -> None:
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
                    f"  {item.kind} · {place(item)}: {item.detail}\n"
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
        source, row, _ = (int(part) for part in (event.option.id or "0:0:0").split(":"))
        self.post_message(OpenPair(self.base, self.sources[source], self.documents, start_row=row))
