"""The Textual app: a folder's library, or the compare view of two files opened directly.

The app owns navigation: screens post the messages of :mod:`reader.ui.messages` and the app
opens the screen asked for, so no screen builds another. It also owns the process-wide
garbage-collector policy (:class:`HeapPolicy`) and the choice of using the comparison cache.
Screens are imported when first opened, so the first screen comes up without the others.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from reader._resources import styles_dir
from reader.corpus import Document
from reader.ui.messages import OpenDrift, OpenFamily, OpenOverview, OpenPair, OpenProvenance

if TYPE_CHECKING:
    from reader.background import BackgroundComparison
    from reader.ui.diff_view import DiffView


class HeapPolicy:
    """Keep the objects of the comparisons on screen out of the cyclic garbage collector.

    A comparison and its laid-out lines live as long as their view; at 5 MB a full collection
    that walks them all stalls a key press by up to 0.2 s. ``gc.freeze`` leaves everything made
    so far out of future collections (reference counting still frees it). Freezing is
    process-wide, so one policy for the whole app counts its holders: the collector gets the
    objects back (``gc.unfreeze``) only when the last view has gone, and closing an inner
    compare view does not hand over the outer one's objects.
    """

    def __init__(self, freeze: Callable[[], None] = gc.freeze, unfreeze: Callable[[], None] = gc.unfreeze) -> None:
        self._freeze = freeze
        self._unfreeze = unfreeze
        self._holders: set[int] = set()

    @property
    def holders(self) -> int:
        """How many views hold frozen objects."""
        return len(self._holders)

    def hold(self, holder: object) -> None:
        """Freeze what exists now, on behalf of ``holder`` (called again as it makes more)."""
        self._holders.add(id(holder))
        self._freeze()

    def release(self, holder: object) -> None:
        """``holder`` has gone; unfreeze when it was the last one."""
        if id(holder) not in self._holders:
            return
        self._holders.discard(id(holder))
        if not self._holders:
            self._unfreeze()


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
        *,
        use_cache: bool = True,
    ) -> None:
        """Open the library of ``folder``, or the comparison of ``pair`` directly.

        The pair's comparison starts at once in a child process (see :mod:`reader.background`),
        unless ``background`` is one already started for it. ``use_cache`` false: comparisons
        neither read nor write the cache (the command line decides, from ``--no-cache`` and
        ``READER_NO_CACHE``).
        """
        super().__init__()
        self.folder = folder
        self.pair = pair
        self.use_cache = use_cache
        self.heap = HeapPolicy()
        if pair is not None and background is None:
            from reader.background import start_comparison

            background = start_comparison(*pair, use_cache=use_cache)
        self.background = background
        self.export_format = "text"
        """The export format chosen last in this session (the export dialog opens on it)."""
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

            return CompareScreen(*self.pair, background=self.background, use_cache=self.use_cache)
        from reader.index import indexed

        if index := indexed(self.folder or "."):  # a large folder's index: grouped by story family
            from reader.index import Listing
            from reader.ui.families_screen import FamiliesScreen

            return FamiliesScreen(self.folder or ".", Listing(index))
        from reader.ui.library import LibraryScreen

        return LibraryScreen(self.folder or ".")

    # ----- navigation: screens ask, the app opens

    def on_open_pair(self, message: OpenPair) -> None:
        """Compare a pair; when the screen below already compares it, go back there instead."""
        from reader.ui.compare_screen import CompareScreen

        below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
        if isinstance(below, CompareScreen) and below.shows(message.left, message.right):
            self.pop_screen()
            if message.start_row is not None:
                below.go_to_row(message.start_row)
            return
        self.push_screen(
            CompareScreen(
                message.left, message.right, message.documents, start_row=message.start_row, use_cache=self.use_cache
            )
        )

    def on_open_family(self, message: OpenFamily) -> None:
        """Open the library of a story family's documents."""
        from reader.ui.library import LibraryScreen

        self.push_screen(LibraryScreen(message.title, corpus=message.corpus))

    def on_open_overview(self, message: OpenOverview) -> None:
        """Open the overview of a folder."""
        from reader.ui.overview_screen import OverviewScreen

        self.push_screen(OverviewScreen(message.documents, use_cache=self.use_cache))

    def on_open_provenance(self, message: OpenProvenance) -> None:
        """Open provenance with a base."""
        from reader.ui.provenance_screen import ProvenanceScreen

        self.push_screen(ProvenanceScreen(message.base, message.documents, use_cache=self.use_cache))

    def on_open_drift(self, message: OpenDrift) -> None:
        """Open fact drift against a base (of the comparison on screen, when given)."""
        from reader.ui.drift_screen import DriftScreen

        self.push_screen(
            DriftScreen(message.base, message.documents, comparison=message.comparison, use_cache=self.use_cache)
        )

    # ----- the collector

    def on_diff_view_settled(self, message: DiffView.Settled) -> None:
        """A view made more long-lived objects: freeze them."""
        self.heap.hold(message.view)

    def on_diff_view_released(self, message: DiffView.Released) -> None:
        """A view went away: let the collector at its objects once no view is left."""
        self.heap.release(message.view)

    # ----- help

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
