"""The export dialog: format, path, changes-only; writes atomically, never overwrites unasked."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, Static
from textual.widgets._select import SelectCurrent, SelectOverlay

from reader.compare import Comparison
from reader.exporters import DEFAULT_WIDTH, FORMATS, ExportError, ExportExistsError, default_filename, write_atomic
from reader.text import sanitize
from reader.ui.workarounds import DismissOnce, PageSafe

EXPORT_WIDTH = DEFAULT_WIDTH
"""The width of wrapped formats: the same default as ``reader diff -o``, so files match."""
EXPORT_FOLDER = "~/reader-exports"
"""Where exports go by default when the current folder holds one of the two documents, so
that an export never lands in the folder being read (and in its library)."""
WHOLE_FORMATS = ("unified", "json")
"""Formats that keep every paragraph whatever the view hides: the patch must apply and the JSON
lists each paragraph in a row."""


def without_cruft(comparison: Comparison) -> Comparison:
    """The comparison without its web-cruft rows (the stats already leave them out)."""
    return replace(comparison, rows=tuple(row for row in comparison.rows if not row.boilerplate))


def default_export_path(comparison: Comparison, fmt: str, cwd: Path | None = None) -> str:
    """The file name in the current folder, or in :data:`EXPORT_FOLDER` when the current folder
    holds one of the documents."""
    name = default_filename(comparison, fmt)
    here = (cwd or Path.cwd()).resolve()
    folders = {Path(document.path).resolve().parent for document in (comparison.left, comparison.right)}
    return f"{EXPORT_FOLDER}/{name}" if here in folders else name


class PageSafeOverlay(PageSafe, SelectOverlay):
    """The format list, whose page keys survive a list not laid out yet (see :class:`PageSafe`;
    met in the endurance run)."""


class FormatSelect(Select[str]):
    """Textual's ``Select`` with :class:`PageSafeOverlay` as its list."""

    def compose(self) -> ComposeResult:
        """The current value and the list, as ``Select.compose`` makes them."""
        yield SelectCurrent(self.prompt)
        yield PageSafeOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)


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


class ExportDialog(DismissOnce, ModalScreen[str | None]):
    """Choose a format and a path; dismissed with the path written, or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="cancel_export", tooltip="Close without writing"),
        Binding("ctrl+s", "write", "Write", id="write_export", tooltip="Write the file"),
    ]

    @property
    def remembered_format(self) -> str:
        """The format chosen last while this app runs (kept on the app): the dialog opens on it."""
        return str(getattr(self.app, "export_format", "text"))

    def __init__(self, comparison: Comparison, changes_only: bool = False, hide_cruft: bool = False) -> None:
        """``changes_only`` and ``hide_cruft`` are the view's filters: the switches start as the view is."""
        super().__init__()
        self.comparison = comparison
        self.changes_only = changes_only
        self.hide_cruft = hide_cruft
        self.confirm_replace: Path | None = None

    def compose(self) -> ComposeResult:
        """Format, path, the changes-only switch, a message line and the buttons."""
        with Vertical(id="export-box"):
            yield Static("Export this comparison — ctrl+s writes, Esc cancels", id="export-title")
            yield FormatSelect(
                [(f"{fmt.name} — {fmt.description}", name) for name, fmt in FORMATS.items()],
                value=self.remembered_format,
                allow_blank=False,
                id="export-format",
            )
            yield Input(default_export_path(self.comparison, self.remembered_format), id="export-path")
            yield MarkedCheckbox("only changed rows", self.changes_only, id="export-changes-only")
            yield MarkedCheckbox(
                "leave out web cruft (as b hides it; unified and json keep all)", self.hide_cruft, id="export-no-cruft"
            )
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
        defaults = {default_export_path(self.comparison, name) for name in FORMATS}
        if path.value in defaults or not path.value:
            path.value = default_export_path(self.comparison, str(event.value))
        self.app.export_format = str(event.value)  # type: ignore[attr-defined]
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
        typed = self.query_one("#export-path", Input).value.strip() or default_export_path(self.comparison, name)
        path = Path(typed).expanduser()
        changes_only = self.query_one("#export-changes-only", Checkbox).value
        comparison = self.comparison
        if self.query_one("#export-no-cruft", Checkbox).value and name not in WHOLE_FORMATS:
            comparison = without_cruft(comparison)
        text = FORMATS[name].render(comparison, width=EXPORT_WIDTH, changes_only=changes_only)
        if path.parent == Path(EXPORT_FOLDER).expanduser():
            try:
                path.parent.mkdir(exist_ok=True)
            except OSError as error:
                self._say(f"cannot make {path.parent}: {error.strerror}")
                return
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
