"""The compare screen: two documents side by side, a header with the stats, a status line."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial, wraps
from typing import Any, TypeVar

from rich.cells import cell_len
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from reader.background import BackgroundComparison, FirstRows
from reader.cache import cached_compare
from reader.measures import WORDS_KEPT, percent
from reader.compare import GLYPHS, Comparison
from reader.corpus import Document
from reader.exporters import FORMATS
from reader.exporters.common import paragraph_numbers, row_label
from reader.filestamps import FileStamps
from reader.layout import clip
from reader.sidebyside import SIDES
from reader.text import one_line, sanitize
from reader.ui.change_list import ChangeList
from reader.ui.diff_view import GUTTER, DiffView, Filters, column_widths, search_pattern
from reader.ui.export_dialog import EXPORT_WIDTH, ExportDialog, without_cruft
from reader.ui.link_marks import link_target, status_note
from reader.ui.messages import OpenDrift

COPY_CAVEAT = "(if your terminal allows OSC 52)"
"""Copying goes through the terminal (OSC 52), which may refuse without telling the app."""

JUMP_KINDS: tuple[str | None, ...] = (None, "changed", "reworded", "moved", "added", "dropped")
"""What ``n``/``p`` jump to, cycled by ``t``: any change, or one kind of row."""

ROWS_ALIGNED = "rows aligned"
"""The header's words while only the first rows are shown (the rest is being word-diffed)."""

_Action = TypeVar("_Action", bound=Callable[..., Any])


def after_comparison(action: _Action) -> _Action:
    """Make an action that needs the whole comparison wait for it.

    While the pair is being compared (nothing shown yet, or only the first rows), the key is
    kept and runs, in the order pressed, once the whole comparison is shown: n/p, filters,
    search, export and the rest never act on part of the rows.
    """

    @wraps(action)
    def run(screen: CompareScreen, *args: Any) -> Any:
        if screen.comparison is None and screen.comparing:
            screen.waiting.append(partial(run, screen, *args))
            screen.say_waiting()
            return None
        return action(screen, *args)

    return run  # type: ignore[return-value]


def first_story_row(comparison: Comparison) -> int | None:
    """The first row that is not web cruft (None when every row is)."""
    return next((index for index, row in enumerate(comparison.rows) if not row.boilerplate), None)


class CompareScreen(Screen[None]):
    """Compare two documents; the right one can be switched to any other of the folder."""

    BINDING_GROUP_TITLE = "Compare"
    BINDINGS = [
        Binding(
            "n", "next(1)", "Next", id="next_change", tooltip="Next change (kind set by t); after /, the next match"
        ),
        Binding(
            "p,N",
            "next(-1)",
            "Prev",
            key_display="p/N",
            id="previous_change",
            tooltip="Previous change; after /, the previous match",
        ),
        Binding(
            "t",
            "cycle_jump_kind",
            "Jump kind",
            show=False,
            id="jump_kind",
            tooltip="Choose what n/p jump to: any change, or one kind of row",
        ),
        Binding(
            "s", "swap", "Swap", show=False, id="swap", tooltip="Swap sides: the right document becomes the reference"
        ),
        Binding(
            "o",
            "toggle_only_changes",
            "Changes only",
            show=False,
            id="only_changes",
            tooltip="Show only rows that changed (hide same rows)",
        ),
        Binding(
            "b",
            "toggle_boilerplate",
            "Cruft",
            show=False,
            id="boilerplate",
            tooltip="Hide or show web cruft (share buttons, footers, FAQs)",
        ),
        Binding(
            "f",
            "toggle_fold",
            "Fold typography",
            show=False,
            id="fold_typography",
            tooltip="Fold typography: curly/straight quotes, dashes, spaces",
        ),
        Binding(
            "i",
            "toggle_markers",
            "Markers",
            show=False,
            id="markers",
            tooltip="Mark changed words [-dropped-] {+added+} as well as colour",
        ),
        Binding("slash", "search", "Search", id="search", tooltip="Find text in either document"),
        Binding(
            "colon",
            "go_to",
            "Go to",
            show=False,
            id="go_to",
            tooltip="Go to a row number, or ¶N (pN): the left paragraph N",
        ),
        Binding(
            "full_stop",
            "find(1)",
            "Next match",
            show=False,
            id="next_match",
            tooltip="Next / previous row with the search text",
        ),
        Binding(
            "comma",
            "find(-1)",
            "Prev match",
            show=False,
            id="previous_match",
            tooltip="Go to the previous row that contains the search text",
        ),
        Binding(
            "right_square_bracket",
            "switch_right(1)",
            "Next doc",
            show=False,
            id="next_document",
            tooltip="Compare the left document with the next of the folder",
        ),
        Binding(
            "left_square_bracket",
            "switch_right(-1)",
            "Prev doc",
            show=False,
            id="previous_document",
            tooltip="Compare the left document with the previous of the folder",
        ),
        Binding(
            "l", "change_list", "List", show=False, id="change_list", tooltip="List the changed rows and jump to one"
        ),
        Binding("e", "export", "Export", id="export", tooltip="Write this comparison to a file"),
        Binding(
            "y",
            "copy_row",
            "Copy row",
            show=False,
            id="copy_row",
            tooltip="Copy this row, with file names and ¶ numbers (OSC 52)",
        ),
        Binding(
            "D",
            "drift",
            "Drift",
            show=False,
            id="pair_drift",
            tooltip="Facts (numbers, dates, names, quotes) stated differently",
        ),
        Binding(
            "Y",
            "copy_all",
            "Copy all",
            show=False,
            id="copy_all",
            tooltip="Copy the whole comparison as side-by-side text (OSC 52)",
        ),
        Binding(
            "R",
            "reload",
            "Reload",
            show=False,
            id="reload",
            tooltip="Read both files again from disk and compare again",
        ),
        Binding(
            "L",
            "follow_link",
            "Link",
            show=False,
            id="follow_link",
            tooltip="Go to the other end of a moved sentence's link, and back",
        ),
        Binding(
            "escape", "back(True)", "Back", id="back", tooltip="Clear the search, else back (or quit if opened as A B)"
        ),
        Binding("q", "back(False)", "Back", id="back_now", tooltip="Back to the list (or quit)"),
    ]

    DISK_CHECK_SECONDS = 2.0
    """How often to look whether a document's file changed on disk."""

    def __init__(
        self,
        left: Document,
        right: Document,
        documents: Sequence[Document] = (),
        *,
        start_row: int | None = None,
        background: BackgroundComparison | None = None,
        use_cache: bool = True,
    ) -> None:
        """Compare ``left`` with ``right``; ``documents`` are the folder's (for ] and [).

        ``background`` is their comparison already under way in a child process, if any;
        ``use_cache`` false: neither read nor write the comparison cache.
        """
        super().__init__()
        self.background = background
        self.use_cache = use_cache
        self.start_row = start_row
        self.left = left
        self.right = right
        self.documents = list(documents) or [left, right]
        self.comparison: Comparison | None = None
        """The whole comparison on screen (``None`` while only its first rows are shown)."""
        self.first: FirstRows | None = None
        """The first rows on screen while the rest of the comparison is under way."""
        self.comparing = False
        """Whether a comparison is under way for the pair on screen."""
        self.waiting: list[Callable[[], object]] = []
        """Actions asked for while comparing, run once the whole comparison is shown."""
        self.fold_typography = False
        self.jump_kind: str | None = None
        self.search_text = ""
        self.message = ""
        self._message_after_move = ""
        self._search_matches: tuple[object, list[int]] | None = None
        self._stamps = FileStamps()
        self._disk_notice: list[str] = []
        self.link_origin: int | None = None
        """The row the link key (``L``) last left, so that pressing it again comes back."""

    def compose(self) -> ComposeResult:
        """Titles, stats, the two columns, a status line, the search box and the keys."""
        yield Static(id="compare-titles", markup=False)
        yield Static(id="compare-stats", markup=False)
        yield DiffView(id="diff")
        yield Static(id="compare-status", markup=False)
        yield Input(placeholder="search both documents; Enter finds, Escape cancels", id="search")
        yield Input(placeholder="go to: a row number, or ¶N (p12) for the left document's paragraph", id="goto")
        yield Footer()

    def on_mount(self) -> None:
        """Start comparing in the background."""
        view = self.query_one(DiffView)
        view.set_filters(replace(view.filters, markers=getattr(self.app, "markers_by_default", self.app.no_color)))
        view.focus()
        self._recompare(keep_row=self.start_row)
        self.set_interval(self.DISK_CHECK_SECONDS, self.check_disk)

    # ----- computing

    def _recompare(self, keep_row: int | None = None) -> None:
        self._stamps.add([self.left.path, self.right.path])
        view = self.query_one(DiffView)
        view.loading = True
        self.comparing = True
        self.first = None
        self._update_titles()
        background = self.background
        if background is not None and not (
            background.left is self.left and background.right is self.right and not self.fold_typography
        ):
            background.cancel()  # the pair or the options changed: compare here
            background = self.background = None
        self._compute(self.left, self.right, self.fold_typography, keep_row, background)

    # A description of our own: Textual's default is the repr of the arguments, every paragraph
    # of both documents (0.08 s for two 1 MB files, before the first screen).
    @work(thread=True, exclusive=True, group="compare", description="compare the pair")
    def _compute(
        self, left: Document, right: Document, fold: bool, keep_row: int | None, background: BackgroundComparison | None
    ) -> None:
        comparison = None
        if background is not None:
            first = background.first_rows()
            if first is not None and keep_row is None:
                self.app.call_from_thread(self._show_first, first)
            comparison = background.result()
        if comparison is None:
            if background is not None and background.cancelled:
                return
            comparison = cached_compare(left, right, fold_typography=fold, use_cache=self.use_cache)
        self.app.call_from_thread(self._show, comparison, keep_row)

    def on_unmount(self) -> None:
        """Stop a comparison still under way in a child process."""
        if self.background is not None:
            self.background.cancel()

    def _show_first(self, first: FirstRows) -> None:
        """Show the first rows while the rest of the comparison is under way."""
        comparison = first.comparison
        if comparison.left is not self.left or comparison.right is not self.right or self.comparison is not None:
            return  # a stale result: the pair changed meanwhile
        self.first = first
        view = self.query_one(DiffView)
        view.loading = False
        self._message_after_move = self._cruft_note(first_story_row(comparison))
        view.show(comparison, keep_row=first_story_row(comparison), more_coming=True)
        self._update_stats()
        self._update_status()

    def _show(self, comparison: Comparison, keep_row: int | None = None) -> None:
        if comparison.left is not self.left or comparison.right is not self.right:
            return  # a stale result: the pair changed meanwhile
        self.comparison = comparison
        self.comparing = False
        view = self.query_one(DiffView)
        view.loading = False
        if self.first is not None:  # its first rows are on screen: stay where the user is
            self.first = None
            view.complete(comparison)
        else:
            if keep_row is None:  # a pair just opened: start on its first story row, past the cruft
                keep_row = first_story_row(comparison)
                self._message_after_move = self._cruft_note(keep_row)
            view.show(comparison, keep_row=keep_row)
        self._update_titles()
        self._update_stats()
        self._update_status()
        waiting, self.waiting = self.waiting, []
        if waiting:
            self.message = ""  # "still comparing" no longer holds
            self._update_status()
        for action in waiting:
            action()

    @staticmethod
    def _cruft_note(story_row: int | None) -> str:
        """What the status line says when the view opens past the cruft rows above it."""
        return f"{story_row} cruft row{'s' if story_row > 1 else ''} above (b hides cruft)" if story_row else ""

    def say_waiting(self) -> None:
        """Say that the keys pressed wait for the comparison."""
        count = len(self.waiting)
        self._say(f"still comparing: {count} key{'s' if count > 1 else ''} will act once every row is ready")

    # ----- header and status

    def on_resize(self) -> None:
        """Re-clip the titles to the new column widths."""
        self._update_titles()

    def _update_titles(self) -> None:
        view = self.query_one(DiffView)
        scrollbar = view.styles.scrollbar_size_vertical
        left_width, right_width = column_widths(self.size.width - scrollbar)

        def title(document: Document, width: int) -> str:
            return clip(one_line(f"{document.name} — {document.display_title}"), width)

        left = title(self.left, left_width)
        right = title(self.right, right_width)
        padding = " " * (left_width - cell_len(left) + GUTTER)
        self.query_one("#compare-titles", Static).update(Content(left + padding + right))

    def _update_stats(self) -> None:
        comparison = self.comparison
        if comparison is None:
            if self.first is not None:
                self.query_one("#compare-stats", Static).update(
                    f"{self.first.total} {ROWS_ALIGNED} · comparing the words of the rest…"
                )
            return
        stats = comparison.stats
        counts = " ".join(f"{GLYPHS[kind]}{stats.count(kind)} {kind}" for kind in GLYPHS if stats.count(kind))
        fold = " · typography folded" if comparison.fold_typography else ""
        self.query_one("#compare-stats", Static).update(
            f"{WORDS_KEPT.name} {percent(stats.similarity)} · {counts} · words +{stats.words_added} -{stats.words_dropped}{fold}"
        )

    def _update_status(self) -> None:
        view = self.query_one(DiffView)
        # What the last key did comes first, then the state the keys set (search, filters, fold,
        # what n/p jump to), then the row: a narrow terminal cuts off only the row's details.
        parts: list[str] = [self.message] if self.message else []
        row_index = view.current_row
        comparison = self.comparison
        if self.search_text:
            matches = self._matching_rows()
            at = f"{matches.index(row_index) + 1}/{len(matches)}" if row_index in matches else f"-/{len(matches)}"
            case = " exact case" if self.search_text != self.search_text.lower() else ""
            parts.append(f"search “{sanitize(self.search_text)}” {at}{case}")
        if view.filters.only_changes:
            parts.append("changes only")
        if view.filters.hide_boilerplate:
            parts.append("cruft hidden")
        if self.fold_typography:
            parts.append("typography folded")
        if self.jump_kind:
            parts.append(f"n/p: {self.jump_kind}")
        if comparison is not None and row_index is not None:
            row = comparison.rows[row_index]
            position = view.shown.index(row_index) + 1
            parts.append(f"row {position}/{len(view.shown)} {row_label(comparison, row)}")
            if note := status_note(comparison, row_index, view.shown):
                parts.append(note)
        elif self.first is not None and row_index is not None:  # every row shown: a row's number is its index
            first = self.first.comparison
            parts.append(f"row {row_index + 1}/{self.first.total} {row_label(first, first.rows[row_index])}")
        elif comparison is not None and view.placed:
            parts.append("no rows to show")
        self.query_one("#compare-status", Static).update(" · ".join(parts))

    def on_diff_view_current_changed(self, event: DiffView.CurrentChanged) -> None:
        """Show where the cursor is (and what the move that brought it there had to say)."""
        self.message, self._message_after_move = self._message_after_move, ""
        self._update_status()

    def _say(self, message: str) -> None:
        self.message = message
        self._update_status()

    # ----- what the app asks

    def shows(self, left: Document, right: Document) -> bool:
        """Whether this screen compares ``left`` (on the left) with ``right``."""
        return self.left is left and self.right is right

    def go_to_row(self, row: int | None) -> None:
        """Make ``row`` (an index into the comparison's rows) current, showing every row if
        the filters hide it; the other settings stay."""
        if row is None:
            return
        view = self.query_one(DiffView)
        if row not in view.shown:
            view.set_filters(Filters(markers=view.filters.markers))
        view.go_to_row(row)

    # ----- actions

    @after_comparison
    def action_jump(self, step: int) -> None:
        """Go to the next or previous change (of the chosen kind)."""
        kind = self.jump_kind
        view = self.query_one(DiffView)
        target = view.find_row(
            step, lambda _, row: not row.boilerplate and (row.kind == kind if kind else row.is_change)
        )
        if target is None:
            self._say(f"no {'further' if step > 0 else 'earlier'} {kind or 'change'}")
            return
        view.go_to_row(target)

    @after_comparison
    def action_follow_link(self) -> None:
        """Go to the other end of the current row's link across rows; pressed again, come back."""
        view = self.query_one(DiffView)
        comparison, row = self.comparison, view.current_row
        if comparison is None or row is None:
            return
        target = link_target(comparison, row, self.link_origin)
        if target is None:
            self._say("no sentence of this row is in another row")
            return
        if target not in view.shown:  # hidden by a filter: show every row again
            view.set_filters(Filters(markers=view.filters.markers))
        self.link_origin = row
        view.go_to_row(target)

    def action_cycle_jump_kind(self) -> None:
        """Cycle what n/p jump to."""
        self.jump_kind = JUMP_KINDS[(JUMP_KINDS.index(self.jump_kind) + 1) % len(JUMP_KINDS)]
        self.message = ""  # a "no further …" about the previous kind no longer holds
        self._update_status()

    @after_comparison
    def action_swap(self) -> None:
        """Make the right document the reference."""
        if self.comparison is None:
            return
        view = self.query_one(DiffView)
        self.left, self.right = self.right, self.left
        self.comparison = self.comparison.swapped()
        view.show(self.comparison, keep_row=view.current_row)
        self._update_titles()
        self._update_stats()
        self._update_status()

    def _toggle(self, **change: bool) -> None:
        view = self.query_one(DiffView)
        view.set_filters(replace(view.filters, **change))
        self.message = ""  # the status shows the new state; an older hint ("b hides cruft") is stale
        self._update_status()

    @after_comparison
    def action_toggle_only_changes(self) -> None:
        """Hide or show same rows."""
        self._toggle(only_changes=not self.query_one(DiffView).filters.only_changes)

    @after_comparison
    def action_toggle_boilerplate(self) -> None:
        """Hide or show boilerplate rows."""
        self._toggle(hide_boilerplate=not self.query_one(DiffView).filters.hide_boilerplate)

    @after_comparison
    def action_toggle_markers(self) -> None:
        """Mark changed words with brackets as well as colour, or not."""
        self._toggle(markers=not self.query_one(DiffView).filters.markers)

    @after_comparison
    def action_toggle_fold(self) -> None:
        """Compare again with typography folding switched."""
        self.fold_typography = not self.fold_typography
        self._recompare(keep_row=self.query_one(DiffView).current_row)

    def action_search(self) -> None:
        """Open the search box."""
        self._open_box("#search", self.search_text)

    def action_go_to(self) -> None:
        """Open the go-to box (a row number, or ¶N)."""
        self._open_box("#goto", "")

    def _open_box(self, selector: str, value: str) -> None:
        box = self.query_one(selector, Input)
        box.value = value
        box.add_class("visible")
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Search (from the current row on, wrapping), or go to the row asked for."""
        self._close_boxes()
        self._submit(event.input.id, event.value)

    @after_comparison
    def _submit(self, box: str | None, value: str) -> None:
        if box == "goto":
            self._go_to(value.strip())
            return
        self.search_text = value
        self._search_matches = None
        view = self.query_one(DiffView)
        view.set_query(value)
        if value and not self._row_matches_search(view.current_row):
            self.action_find(1)
        self._update_status()

    def _close_boxes(self) -> None:
        for box in self.query("#search, #goto").results(Input):
            box.remove_class("visible")
        self.query_one(DiffView).focus()

    def on_key(self, event: events.Key) -> None:
        """Escape in the search or go-to box closes it instead of leaving the screen."""
        if event.key == "escape" and any(box.has_focus for box in self.query("#search, #goto").results(Input)):
            event.stop()
            event.prevent_default()
            self._close_boxes()

    def _row_matches_search(self, index: int | None) -> bool:
        if index is None or self.comparison is None or not self.search_text:
            return False
        row = self.comparison.rows[index]
        pattern = search_pattern(self.search_text)
        return any(pattern.search(sanitize(self.comparison.side_text(row, side))) for side in SIDES)

    def _matching_rows(self) -> list[int]:
        """The shown rows that contain the search text, in order (computed once per search)."""
        view = self.query_one(DiffView)
        key = (self.comparison, self.search_text, view.filters, len(view.shown))
        if self._search_matches is None or self._search_matches[0] != key:
            self._search_matches = (key, [i for i in view.shown if self._row_matches_search(i)])
        return self._search_matches[1]

    @after_comparison
    def action_next(self, step: int) -> None:
        """n / p (N): the next or previous match while a search is active, else change."""
        if self.search_text:
            self.action_find(step)
        else:
            self.action_jump(step)

    @after_comparison
    def action_find(self, step: int) -> None:
        """Go to the next or previous row that contains the search text, wrapping at the ends."""
        if not self.search_text:
            self.action_search()
            return
        view = self.query_one(DiffView)
        matches = self._matching_rows()
        quoted = f"“{sanitize(self.search_text)}”"
        if not matches:
            self._say(f"{quoted} not found")
            return
        # Shown rows are in index order, so the matches are too: the next one is a bisect away.
        current = view.current_row if view.current_row is not None else -1
        position = bisect_right(matches, current) if step > 0 else bisect_left(matches, current) - 1
        target = matches[position] if 0 <= position < len(matches) else None
        note = ""
        if target is None:
            target = matches[0] if step > 0 else matches[-1]
            note = f"search wrapped to the {'top' if step > 0 else 'bottom'}"
            if target == view.current_row:
                note = f"{quoted}: no more {'below' if step > 0 else 'above'} (the only match)"
        self._move_to(target, note)

    def _move_to(self, row: int, message: str = "") -> None:
        """Make ``row`` current and say ``message`` once the move has been reported."""
        view = self.query_one(DiffView)
        if row == view.current_row:
            self._say(message)
            return
        self._message_after_move = message
        view.go_to_row(row)

    def _go_to(self, text: str) -> None:
        """A row number (as the status line counts them), or ¶N / pN: the left paragraph N."""
        view = self.query_one(DiffView)
        comparison = self.comparison
        if comparison is None or not text:
            return
        paragraph = text[0] in "¶pP"
        number = text[1:] if paragraph else text
        if not number.isdigit() or int(number) < 1:
            self._say(f"go to: “{sanitize(text)}” is not a row number or ¶N")
            return
        wanted = int(number)
        if paragraph:
            row = next((i for i, r in enumerate(comparison.rows) if wanted - 1 in r.left), None)
            if row is None:
                self._say(f"there is no ¶{wanted} in the left document")
                return
            if row not in view.shown:
                view.set_filters(Filters(markers=view.filters.markers))
            self._move_to(row, f"¶{wanted}")
            return
        if wanted > len(view.shown):
            self._say(f"there are {len(view.shown)} rows")
            return
        self._move_to(view.shown[wanted - 1])

    def action_switch_right(self, step: int) -> None:
        """Compare the left document with the next/previous other document of the folder."""
        others = [d for d in self.documents if d is not self.left]
        if len(others) < 2 and self.right in others:
            self._say("no other document in this folder")
            return
        position = others.index(self.right) if self.right in others else -1
        self.right = others[(position + step) % len(others)]
        self.comparison = None
        self._recompare()

    @after_comparison
    def action_change_list(self) -> None:
        """Open the list of changed rows."""
        if self.comparison is None:
            return
        self.app.push_screen(ChangeList(self.comparison, self.query_one(DiffView).current_row), self.go_to_row)

    @after_comparison
    def action_export(self) -> None:
        """Open the export dialog."""
        if self.comparison is None:
            return
        filters = self.query_one(DiffView).filters
        self.app.push_screen(
            ExportDialog(self.comparison, filters.only_changes, filters.hide_boilerplate), self._say_written
        )

    def _say_written(self, path: str | None) -> None:
        if path:
            self._say(f"wrote {sanitize(path)}")

    @after_comparison
    def action_copy_row(self) -> None:
        """Copy the current row's sides, each under its file name and ¶ numbers."""
        view = self.query_one(DiffView)
        comparison = self.comparison
        if comparison is None or view.current_row is None:
            return
        row = comparison.rows[view.current_row]
        text = "\n\n".join(
            f"{sanitize(document.name)} {paragraph_numbers(indices)}:\n{sanitize(comparison.side_text(row, side))}"
            for document, side, indices in ((comparison.left, "left", row.left), (comparison.right, "right", row.right))
            if indices
        )
        self.app.copy_to_clipboard(text)
        self._say(f"row copied {COPY_CAVEAT}")

    @after_comparison
    def action_drift(self) -> None:
        """List the facts this pair disagrees on, read from the comparison on screen."""
        if self.comparison is None:
            self._say("still comparing: D lists the facts once the rows are shown")
            return
        self.post_message(OpenDrift(self.left, [self.left, self.right], comparison=self.comparison))

    @after_comparison
    def action_copy_all(self) -> None:
        """Copy the whole comparison as the text export: the rows the filters show (changes
        only, cruft hidden), at the export width."""
        if self.comparison is None:
            return
        filters = self.query_one(DiffView).filters
        comparison = without_cruft(self.comparison) if filters.hide_boilerplate else self.comparison
        self.app.copy_to_clipboard(
            FORMATS["text"].render(comparison, width=EXPORT_WIDTH, changes_only=filters.only_changes)
        )
        self._say(f"comparison copied {COPY_CAVEAT}")

    def check_disk(self) -> None:
        """Say once (a notice and the status line) that a file shown changed on disk, and how to reload."""
        changed = self._stamps.changed_among([self.left.path, self.right.path])
        if changed and changed != self._disk_notice:
            self._disk_notice = changed
            names = " and ".join(one_line(path) for path in changed)
            message = f"{names} changed on disk: R reloads"
            self.notify(message, title="File changed", markup=False, timeout=10)
            self._say(message)

    def action_reload(self) -> None:
        """Read both documents again from their files and compare them again."""
        from reader.corpus import DocumentError, load_document

        try:
            left, right = load_document(self.left.path), load_document(self.right.path)
        except DocumentError as error:
            self._say(f"cannot reload: {one_line(str(error))}")
            return
        self.documents = [left if d is self.left else right if d is self.right else d for d in self.documents]
        self.left, self.right = left, right
        self.comparison = None
        self._stamps.restamp([left.path, right.path])
        self._disk_notice = []
        self._say("reloaded from disk")
        self._recompare(keep_row=self.query_one(DiffView).current_row)

    def action_back(self, clear_search_first: bool = False) -> None:
        """Back to the library, or quit when the pair was opened directly; Escape first clears
        an active search (so that n/p go to changes again)."""
        if clear_search_first and self.search_text:
            self.search_text = ""
            self.query_one(DiffView).set_query("")
            self._say("search cleared: n/p go to changes again")
            return
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
