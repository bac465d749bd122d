"""The compare view's first screen before the whole comparison: the first rows as soon as the
alignment exists, then the rest; keys pressed meanwhile wait for the whole comparison."""

from __future__ import annotations

import asyncio
import os
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static

from reader.app import ReaderApp
from reader.background import FIRST_ROWS_PAST_STORY, BackgroundComparison, FirstRows, start_comparison
from reader.parallel import Channel
from reader.cache import cached_compare
from reader.compare import Comparison, StagedComparison, compare, summarize
from reader.corpus import Document, document_from_text
from reader.ui.compare_screen import ROWS_ALIGNED, CompareScreen, first_story_row
from reader.sidebyside import SIDES
from reader.ui.diff_view import MORE_COMING, DiffView, search_pattern
from tests.helpers import deterministic, settle

PAIRS = list(combinations(["000", "001", "002", "003", "004"], 2))


# ----- the engine: a comparison in two steps


@pytest.mark.parametrize(("a", "b"), PAIRS)
@pytest.mark.parametrize("fold", [False, True])
def test_the_staged_comparison_is_the_comparison(seed_docs: dict[str, Document], a: str, b: str, fold: bool) -> None:
    left, right = seed_docs[a], seed_docs[b]
    stages = StagedComparison(left, right, fold_typography=fold)
    first = stages.first_rows(2)
    whole = stages.comparison()
    assert whole == compare(left, right, fold_typography=fold)
    assert whole == cached_compare(left, right, fold_typography=fold, use_cache=False)
    assert stages.total == len(whole.rows)
    assert first == whole.rows[: len(first)]
    assert all(row is whole_row for row, whole_row in zip(first, whole.rows))  # made once, not diffed again


def test_the_first_rows_reach_past_the_cruft_to_the_story(seed_docs: dict[str, Document]) -> None:
    left, right = seed_docs["000"], seed_docs["001"]
    rows = compare(left, right).rows
    story = next(n for n, row in enumerate(rows) if not row.boilerplate)
    assert story > 0  # the seeds open with web cruft
    assert len(StagedComparison(left, right).first_rows(0)) == story + 1
    assert len(StagedComparison(left, right).first_rows(3)) == story + 4
    assert StagedComparison(left, right).first_rows(10_000) == rows


def test_asking_for_the_first_rows_twice_or_after_the_whole_changes_nothing(seed_docs: dict[str, Document]) -> None:
    stages = StagedComparison(seed_docs["000"], seed_docs["002"])
    assert stages.first_rows(5) == stages.first_rows(1)[: len(stages.first_rows(5))]
    whole = stages.comparison()
    assert stages.comparison() == whole
    assert stages.first_rows(1) == whole.rows  # every row is made by now


def test_empty_documents_have_no_first_rows() -> None:
    empty = document_from_text("", name="empty.txt")
    stages = StagedComparison(empty, empty)
    assert stages.first_rows(FIRST_ROWS_PAST_STORY) == ()
    assert stages.total == 0
    assert stages.comparison() == compare(empty, empty)


# ----- the child: first rows, then the whole comparison


def _start(left: Document, right: Document) -> BackgroundComparison:
    background = start_comparison(left, right)
    if background is None:
        pytest.skip("no fork here, or other threads run")
    return background


def test_the_child_sends_the_first_rows_then_the_whole(
    seed_docs: dict[str, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_NO_CACHE", "1")
    monkeypatch.setattr("reader.background.FIRST_ROWS_PAST_STORY", 2)  # the seeds are shorter than the default
    left, right = seed_docs["000"], seed_docs["003"]
    expected = compare(left, right)
    background = _start(left, right)
    first = background.first_rows()
    assert first is not None and first.total == len(expected.rows)
    assert first.comparison.rows == expected.rows[: first_story_row(expected) + 3]
    assert first.comparison.left is left and first.comparison.right is right
    assert background.result() == expected
    assert background.first_rows() is first  # asking again does not read again


def test_a_cached_pair_comes_whole_at_once(
    seed_docs: dict[str, Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    left, right = seed_docs["001"], seed_docs["004"]
    storing = _start(left, right)
    assert storing.first_rows() is not None
    assert storing.result() == compare(left, right)
    cached = _start(left, right)
    assert cached.first_rows() is None
    assert cached.result() == compare(left, right)


def test_a_cancelled_comparison_gives_no_rows(seed_docs: dict[str, Document]) -> None:
    background = _start(seed_docs["002"], seed_docs["003"])
    background.cancel()
    assert background.first_rows() is None
    assert background.result() is None


def test_a_child_that_dies_after_the_first_rows_gives_no_comparison(seed_docs: dict[str, Document]) -> None:
    left, right = seed_docs["000"], seed_docs["002"]
    rows = compare(left, right).rows[:3]
    channel = Channel()
    pid = os.fork()
    if pid == 0:  # a child that sends the first rows and fails
        try:
            channel.child_side()
            channel.send(("first", rows, 33))
        finally:
            os._exit(1)
    channel.parent_side()
    background = BackgroundComparison(left, right, pid, channel)
    first = background.first_rows()
    assert first is not None and first.comparison.rows == rows and first.total == 33
    assert background.result() is None


# ----- the view: first rows at once, keys wait for the whole comparison


class HeldBack:
    """A comparison under way whose first rows are ready and whose rest comes when released."""

    def __init__(self, left: Document, right: Document, count: int) -> None:
        self.left, self.right = left, right
        self.whole = compare(left, right)
        rows = self.whole.rows[:count]
        self.first = FirstRows(Comparison(left, right, rows, summarize(rows)), len(self.whole.rows))
        self.cancelled = False
        self.asked_for_the_rest = threading.Event()
        self.release = threading.Event()

    def first_rows(self) -> FirstRows:
        return self.first

    def result(self) -> Comparison:
        self.asked_for_the_rest.set()  # the first rows are on screen by now (call_from_thread waited)
        self.release.wait(timeout=30)
        return self.whole

    def wait(self) -> None:
        pass

    def cancel(self) -> None:
        self.cancelled = True
        self.release.set()


async def _first_rows_shown(held: HeldBack) -> None:
    await asyncio.to_thread(held.asked_for_the_rest.wait, 30)


@asynccontextmanager
async def first_rows_on_screen(held: HeldBack) -> AsyncIterator[tuple[ReaderApp, Pilot]]:
    """The app on ``held``'s pair at 80x24, once its first rows are shown (the rest held back)."""
    app = deterministic(ReaderApp(pair=(held.left, held.right), background=held))  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await _first_rows_shown(held)
        await pilot.pause()
        yield app, pilot


async def test_the_first_rows_show_before_the_rest(seed_docs: dict[str, Document]) -> None:
    left, right = seed_docs["000"], seed_docs["001"]
    held = HeldBack(left, right, 7)
    async with first_rows_on_screen(held) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        view = screen.query_one(DiffView)
        assert screen.comparison is None and view.more_coming
        assert view.comparison == held.first.comparison
        assert view.current_row == first_story_row(held.whole)  # opened past the cruft, as the whole would be
        assert f"{len(held.whole.rows)} {ROWS_ALIGNED}" in str(screen.query_one("#compare-stats", Static).render())
        status = str(screen.query_one("#compare-status", Static).render())
        assert f"row {view.current_row + 1}/{len(held.whole.rows)}" in status
        assert view.row_layout.laid_out
        view.scroll_to(y=view.row_layout.total - 1, animate=False, immediate=True)
        await pilot.pause()
        end = view.row_layout.total - round(view.scroll_y)
        assert 0 <= end < view.size.height
        assert MORE_COMING[:30] in view.render_line(end).text  # more rows are coming: not "(end)"
        current = view.current_row
        held.release.set()
        await settle(pilot)
        assert screen.comparison == held.whole and view.comparison == held.whole
        assert not view.more_coming
        assert view.current_row == current
        assert "words kept" in str(screen.query_one("#compare-stats", Static).render())


async def test_first_rows_that_come_before_the_view_is_placed_are_wrapped_at_its_width(
    seed_docs: dict[str, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first rows may arrive before the view's first layout: wrapping them at the narrowest
    width would flash a screen of slivers before the real one."""
    from reader import row_layout

    widths: list[int] = []
    extend = row_layout.RowLayout.extend

    def recording(self: row_layout.RowLayout, **kwargs: object) -> bool:
        added = extend(self, **kwargs)  # type: ignore[arg-type]
        if added:
            widths.append(self.width)
        return added

    monkeypatch.setattr(row_layout.RowLayout, "extend", recording)
    left, right = seed_docs["000"], seed_docs["001"]
    held = HeldBack(left, right, 7)
    async with first_rows_on_screen(held) as (app, pilot):
        view = app.screen.query_one(DiffView)
        assert widths and set(widths) == {view.scrollable_content_region.width}
        assert view.placed
        held.release.set()
        await settle(pilot)


async def test_rows_that_all_come_before_the_view_is_placed_open_on_the_row_asked_for(
    seed_docs: dict[str, Document],
) -> None:
    """The first rows and then the whole comparison may both arrive before the view's first
    layout (small files, a fast child), and a key that waited for them may change the filters:
    the view opens where the first rows were to open, past the cruft, not on the top row (seen
    with ``reader A B`` on the seeds)."""
    whole = compare(seed_docs["000"], seed_docs["001"])
    story = first_story_row(whole)
    rows = whole.rows[: story + 3]
    first = Comparison(whole.left, whole.right, rows, summarize(rows))
    assert story > 0  # the pair opens past its cruft rows

    class Before(App[None]):
        def compose(self) -> ComposeResult:
            yield DiffView()

        def on_mount(self) -> None:
            view = self.query_one(DiffView)
            assert not view.scrollable_content_region.width  # not placed yet
            view.show(first, keep_row=story, more_coming=True)
            view.complete(whole)
            view.set_filters(replace(view.filters, markers=not view.filters.markers))  # a key that waited

    app = deterministic(Before())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(DiffView)
        assert view.placed and view.comparison is whole
        assert view.current_row == story


async def test_keys_pressed_before_the_whole_comparison_wait_for_it(seed_docs: dict[str, Document]) -> None:
    left, right = seed_docs["000"], seed_docs["001"]
    held = HeldBack(left, right, 6)
    async with first_rows_on_screen(held) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        view = screen.query_one(DiffView)
        await pilot.press("o", "n")
        assert not view.filters.only_changes  # the filter waits: it must act on every row
        assert "still comparing: 2 keys" in screen.message
        held.release.set()
        await settle(pilot)
        assert view.filters.only_changes
        changes = [n for n, row in enumerate(held.whole.rows) if row.is_change]
        assert view.shown == changes  # the filter saw the whole comparison, not its first rows
        start = first_story_row(held.whole)
        assert view.current_row == next(n for n in changes if n > start and not held.whole.rows[n].boilerplate)


async def test_a_search_typed_before_the_whole_comparison_searches_every_row(seed_docs: dict[str, Document]) -> None:
    left, right = seed_docs["000"], seed_docs["003"]
    held = HeldBack(left, right, 5)
    whole = held.whole

    def rows_with(word: str) -> list[int]:
        pattern = search_pattern(word)
        return [
            n for n, row in enumerate(whole.rows) if any(pattern.search(whole.side_text(row, side)) for side in SIDES)
        ]

    words = re.findall(r"[a-z]{6,}", " ".join(whole.side_text(row, side) for row in whole.rows for side in SIDES))
    word = next(w for w in words if rows_with(w)[0] >= 5)  # a word only in rows past the first ones
    found = rows_with(word)
    app = deterministic(ReaderApp(pair=(left, right), background=held))  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await _first_rows_shown(held)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await pilot.press("slash", *word, "enter")  # the box takes the text at once; the search waits
        assert screen.search_text == ""
        held.release.set()
        await settle(pilot)
        assert screen.search_text == word
        assert screen.query_one(DiffView).current_row == found[0]


async def test_end_pressed_before_the_whole_comparison_goes_to_its_last_row(seed_docs: dict[str, Document]) -> None:
    left, right = seed_docs["001"], seed_docs["003"]
    held = HeldBack(left, right, 4)
    async with first_rows_on_screen(held) as (app, pilot):
        view = app.screen.query_one(DiffView)
        await pilot.press("G")
        held.release.set()
        await settle(pilot)
        assert view.current_row == len(held.whole.rows) - 1


async def test_scrolling_the_first_rows_stays_put_when_the_rest_comes(seed_docs: dict[str, Document]) -> None:
    left, right = seed_docs["000"], seed_docs["003"]
    held = HeldBack(left, right, 20)
    async with first_rows_on_screen(held) as (app, pilot):
        view = app.screen.query_one(DiffView)
        await pilot.press("j", "j", "j")  # scrolling works on the first rows
        scrolled, current = round(view.scroll_y), view.current_row
        assert scrolled > 0
        held.release.set()
        await settle(pilot)
        assert round(view.scroll_y) == scrolled and view.current_row == current


async def test_export_pressed_before_the_whole_comparison_exports_the_whole(seed_docs: dict[str, Document]) -> None:
    from reader.ui.export_dialog import ExportDialog

    left, right = seed_docs["000"], seed_docs["002"]
    held = HeldBack(left, right, 5)
    async with first_rows_on_screen(held) as (app, pilot):
        await pilot.press("e")
        assert not isinstance(app.screen, ExportDialog)
        held.release.set()
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.comparison == held.whole


async def test_the_app_shows_the_childs_first_rows_then_the_whole(
    seed_docs: dict[str, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_NO_CACHE", "1")
    left, right = seed_docs["003"], seed_docs["004"]
    background = _start(left, right)
    app = deterministic(ReaderApp(pair=(left, right), background=background))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.comparison == compare(left, right)
        assert screen.query_one(DiffView).comparison == screen.comparison
        assert screen.first is None and not screen.comparing
