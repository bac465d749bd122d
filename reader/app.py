"""The Textual app: a folder's library, or the compare view of two files opened directly."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from reader._resources import styles_dir
from reader.corpus import Document

if TYPE_CHECKING:
    from reader.background import BackgroundComparison


FEW_COLOR_SYSTEMS = (None, "standard", "windows")
"""Rich's names for terminals with 16 colours or none (``TERM=xterm``, ``screen``, ``linux``,
``dumb``): Rich would map the theme's colours to the nearest of 16, and red and green come out
grey, so the app switches to the terminal's own red and green (see ``-few-colors`` in
``styles/reader.tcss``)."""


class ReaderApp(App[None]):
    """Read several versions of the same text side by side."""

    CSS_PATH = [styles_dir() / "reader.tcss"]
    TITLE = "reader"
    BINDINGS = [
        Binding("question_mark", "toggle_help", "Keys", id="help", tooltip="Show the keys of this screen"),
        Binding("ctrl+q", "quit", "Quit", show=False, id="app_quit", tooltip="Leave reader"),
    ]

    def __init__(
        self,
        folder: str | None = None,
        pair: tuple[Document, Document] | None = None,
        background: BackgroundComparison | None = None,
    ) -> None:
        """Open the library of ``folder``, or the comparison of ``pair`` directly.

        The pair's comparison starts at once in a child process (see :mod:`reader.background`),
        unless ``background`` is one already started for it.
        """
        super().__init__()
        self.folder = folder
        self.pair = pair
        if pair is not None and background is None:
            from reader.background import start_comparison

            background = start_comparison(*pair)
        self.background = background
        self.few_colors = self.console.color_system in FEW_COLOR_SYSTEMS
        """Whether the terminal has at most 16 colours (Rich's detection from TERM/COLORTERM)."""
        self.markers_by_default = self.no_color or self.console.color_system is None
        """Whether changed words start marked ``[-…-]{+…+}``: without colour they must be."""
        if self.few_colors:
            self.add_class("-few-colors")

    def get_default_screen(self) -> Screen:
        """The first screen: the library, or the pair opened directly (no screen switch)."""
        if self.pair is not None:
            from reader.ui.compare_screen import CompareScreen

            return CompareScreen(*self.pair, background=self.background)
        from reader.ui.library import LibraryScreen

        return LibraryScreen(self.folder or ".")

    def action_toggle_help(self) -> None:
        """Show the keys of the current screen (reader's own, made from its bindings)."""
        from reader.ui.keys_help import KeysHelp, help_entries, own_bindings

        screen = self.screen
        if isinstance(screen, KeysHelp):
            screen.dismiss(None)
            return
        entries = list(help_entries(own_bindings(screen), lambda key: self.get_key_display(Binding(key, ""))))
        group = getattr(screen, "BINDING_GROUP_TITLE", None) or "reader"
        title = f"Keys — {group} · ctrl+p: every command · ctrl+q: quit · Escape closes"
        self.push_screen(KeysHelp(title, entries))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Offer every key of the current screen in the command palette, with its tooltip."""
        yield from super().get_system_commands(screen)
        seen = set()
        for bindings in (screen.BINDINGS, *(w.BINDINGS for w in screen.query("DiffView"))):
            for binding in bindings:
                if not isinstance(binding, Binding) or binding.action in seen:
                    continue
                seen.add(binding.action)
                target = screen if binding in screen.BINDINGS else screen.query_one("DiffView")
                key = binding.key.split(",")[0]
                yield SystemCommand(
                    f"{binding.description} ({self.get_key_display(Binding(key, ''))})",
                    binding.tooltip or binding.description,
                    partial(target.run_action, binding.action),
                )
