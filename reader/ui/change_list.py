"""A list of the changed rows of a comparison; choosing one jumps to it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.compare import Comparison
from reader.exporters.common import row_label
from reader.layout import clip
from reader.text import sanitize
from reader.ui.workarounds import DismissOnce, SafeOptionList


class ChangeList(DismissOnce, ModalScreen[int | None]):
    """Every row that is not *same*, with kind, paragraphs, similarity and its first words."""

    BINDINGS = [
        Binding("escape,q,l", "dismiss(None)", "Close", id="close_change_list", tooltip="Close the list"),
    ]

    def __init__(self, comparison: Comparison, current: int | None) -> None:
        super().__init__()
        self.comparison = comparison
        self.current = current

    def compose(self) -> ComposeResult:
        """A title and the list."""
        comparison = self.comparison
        options = []
        for index, row in enumerate(comparison.rows):
            if not row.is_change or row.boilerplate:
                continue
            side = "right" if row.kind == "added" else "left"
            label = row_label(comparison, row)
            start = " ".join(sanitize(comparison.side_text(row, side)).split()[:16])
            width = max(30, int(self.app.size.width * 0.9) - 12)  # one line per row in the 90% box
            options.append(Option(Content(clip(f"{label}  {start}", width)), id=str(index)))
        with Vertical(id="change-list-box"):
            title = f"{len(options)} changed rows (cruft left out) — Enter jumps, Escape closes"
            yield Static(title, id="change-list-title")
            yield SafeOptionList(*options, id="change-list")

    def on_mount(self) -> None:
        """Put the highlight on the first change at or after the current row."""
        option_list = self.query_one(OptionList)
        if self.current is not None:
            for position in range(option_list.option_count):
                if int(option_list.get_option_at_index(position).id or 0) >= self.current:
                    option_list.highlighted = position
                    break
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Jump to the chosen row."""
        self.dismiss(int(event.option.id or 0))
