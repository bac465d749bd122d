"""The export dialog: format, path, changes-only; writes atomically, never overwrites unasked."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, Static

from reader.compare import Comparison
from reader.exporters import FORMATS, ExportError, ExportExistsError, default_filename, write_atomic
from reader.text import sanitize

EXPORT_WIDTH = 100
"""The width of wrapped formats: the same default as ``reader diff -o``, so files match."""


class MarkedCheckbox(Checkbox):
    """A checkbox whose state shows as a character, not only a colour: ``X`` when ticked, a
    blank when not (Textual draws an ``X`` either way and colours it, which a monochrome
    terminal or ``NO_COLOR`` loses)."""

    def __init__(self, label: str, value: bool, *, id: str) -> None:  # noqa: A002 - Textual's name
        super().__init__(label, value, id=id)
        self.BUTTON_INNER = "X" if value else " "

    def watch_value(self) -> None:
        """Redraw the mark, then let the checkbox announce the change."""
        self.BUTTON_INNER = "X" if self.value else " "
        super().watch_value()


class ExportDialog(ModalScreen[str | None]):
    """Choose a format and a path; dismissed with the path written, or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="cancel_export", tooltip="Close without writing"),
        Binding("ctrl+s", "write", "Write", id="write_export", tooltip="Write the file"),
    ]

    def __init__(self, comparison: Comparison, changes_only: bool = False) -> None:
        super().__init__()
        self.comparison = comparison
        self.changes_only = changes_only
        self.confirm_replace: Path | None = None

    def compose(self) -> ComposeResult:
        """Format, path, the changes-only switch, a message line and the buttons."""
        with Vertical(id="export-box"):
            yield Static("Export this comparison", id="export-title")
            yield Select(
                [(f"{fmt.name} — {fmt.description}", name) for name, fmt in FORMATS.items()],
                value="text",
                allow_blank=False,
                id="export-format",
            )
            yield Input(default_filename(self.comparison, "text"), id="export-path")
            yield MarkedCheckbox("only changed rows", self.changes_only, id="export-changes-only")
            yield Static("", id="export-message", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Write", variant="primary", id="export-write")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        """Start on the format."""
        self.query_one(Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """Follow the format with the default file name (unless the user typed one)."""
        path = self.query_one("#export-path", Input)
        defaults = {default_filename(self.comparison, name) for name in FORMATS}
        if path.value in defaults or not path.value:
            path.value = default_filename(self.comparison, str(event.value))
        self.confirm_replace = None

    def on_input_changed(self) -> None:
        """A new path needs a new confirmation."""
        self.confirm_replace = None

    def on_input_submitted(self) -> None:
        """Enter in the path writes."""
        self.action_write()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Write or cancel."""
        if event.button.id == "export-write":
            self.action_write()
        else:
            self.dismiss(None)

    def action_write(self) -> None:
        """Render and write; an existing file needs a second Write to be replaced."""
        name = str(self.query_one(Select).value)
        path = Path(self.query_one("#export-path", Input).value.strip() or default_filename(self.comparison, name))
        changes_only = self.query_one(Checkbox).value
        text = FORMATS[name].render(self.comparison, width=EXPORT_WIDTH, changes_only=changes_only)
        force = self.confirm_replace == path
        try:
            written = write_atomic(path, text, force=force)
        except ExportExistsError:
            self.confirm_replace = path
            self._say(f"{path} already exists: press Write again to replace it")
            return
        except ExportError as error:
            self._say(str(error))
            return
        self.dismiss(str(written))

    def _say(self, message: str) -> None:
        self.query_one("#export-message", Static).update(sanitize(message))
