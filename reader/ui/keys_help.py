"""The keys panel (``?``): the app's own keys of the current screen, one screen at 80x24.

Made from the bindings (their keys and tooltips), so it cannot drift from what the keys do.
Generic widget keys (a table's cursor keys, focus cycling, copy) are left out: they are the
same in every Textual app, and at 80x24 they pushed the app's own keys off the panel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from reader.layout import clip


def own_bindings(screen: Screen) -> list[Binding]:
    """The bindings that reader itself declares for ``screen``: the screen's, then those of
    the focused widget when it is one of reader's (the compare view's movement keys)."""
    bindings = [b for b in screen.BINDINGS if isinstance(b, Binding) and not b.system]
    focused = screen.focused
    if focused is not None and type(focused).__module__.startswith("reader."):
        bindings += [b for b in focused.BINDINGS if isinstance(b, Binding) and not b.system]
    return bindings


def help_entries(bindings: Iterable[Binding], key_display: Callable[[str], str]) -> Iterator[tuple[str, str]]:
    """(keys, what they do) per binding; a pair such as ``jump(1)``/``jump(-1)`` shares a line.

    ``key_display`` turns a key name into what the user types (``pagedown`` → ``pgdn``).
    """
    pending: tuple[str, str, str] | None = None  # (action name, keys, text)
    for binding in bindings:
        keys = " ".join(key_display(key) for key in binding.key.split(","))
        name = binding.action.split("(")[0]
        text = binding.tooltip or binding.description
        if pending is not None and pending[0] == name and "(" in binding.action:
            yield f"{pending[1]} / {keys}", pending[2]
            pending = None
            continue
        if pending is not None:
            yield pending[1], pending[2]
        pending = (name, keys, text)
    if pending is not None:
        yield pending[1], pending[2]


class KeysHelp(ModalScreen[None]):
    """The keys of the screen underneath; Escape, ``?`` or ``q`` closes."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss(None)", "Close", id="close_help", tooltip="Close the keys"),
    ]

    def __init__(self, title: str, entries: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.entries = entries

    def compose(self) -> ComposeResult:
        """A title line and one line per key (scrolls if the terminal is smaller than 80x24)."""
        width = max(40, self.app.size.width - 2)
        key_width = min(18, max((len(keys) for keys, _ in self.entries), default=4))
        lines = [f"{keys:>{key_width}}  {clip(text, width - key_width - 2)}" for keys, text in self.entries]
        with Vertical(id="keys-box"):
            yield Static(Content(self.title_text), id="keys-title")
            with VerticalScroll(id="keys-scroll"):
                yield Static(Content("\n".join(lines)), id="keys-list")
