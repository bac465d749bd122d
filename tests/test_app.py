"""Pilot tests: the real app on the real seeds (theme pinned, animations off)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from reader.app import HeapPolicy, ReaderApp
from reader.compare import Comparison
from reader.corpus import load_document
from reader.ui.compare_screen import CompareScreen
from reader.sidebyside import row_lines
from reader.ui.diff_view import GUTTER, DiffView, column_widths
from tests.conftest import SEED_NAMES, SEEDS
from tests.helpers import deterministic, settle


def screen_text(view: DiffView) -> list[str]:
    """The view's visible lines as plain text."""
    return [view.render_line(y).text for y in range(view.size.height)]


async def open_pair(pilot: Pilot[None], second: int = 1) -> CompareScreen:
    """From the library: mark the first document, move down, Enter."""
    await settle(pilot)
    await pilot.press("enter", *["down"] * second, "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    return screen


async def open_view(pilot: Pilot[None], second: int = 1) -> tuple[CompareScreen, DiffView, Comparison]:
    """Open a pair from the library; return the screen, its view and the comparison shown."""
    screen = await open_pair(pilot, second)
    view = screen.query_one(DiffView)
    assert view.comparison is not None
    return screen, view, view.comparison


async def test_library_lists_the_seeds_with_a_preview() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 5
        await pilot.press("down")
        await pilot.pause()
        preview = str(app.screen.query_one("#preview", Static).render())
        assert "US Climate Envoy John Kerry Holds Talks" in preview
        await pilot.press("q")
    assert app.return_code == 0


async def test_unreadable_files_are_listed_with_their_reason(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A headline for the story\n\nBody of the story.\n")
    (tmp_path / "bad.bin").write_bytes(b"\x00\x01")
    (tmp_path / "evil\x1b]0;x\x07.txt").write_bytes(b"\x00")
    app = deterministic(ReaderApp(str(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        problems = str(app.screen.query_one("#problems", Static).render())
        assert "bad.bin: binary file" in problems
        assert "\x1b" not in problems and "␛" in problems


async def test_empty_folder_says_so(tmp_path: Path) -> None:
    app = deterministic(ReaderApp(str(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "No readable documents" in str(app.screen.query_one("#problems", Static).render())
        await pilot.press("enter", "m", "s")  # nothing to pick: nothing happens


async def test_sorting_cycles_columns_and_reverses() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        await pilot.press("s", "s")  # file, then file reversed
        first = str(table.get_row_at(0)[1])
        assert first.startswith("004_")
        assert "▼" in str(table.ordered_columns[1].label)


async def test_mark_then_pick_opens_the_pair_and_back_returns() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pair(pilot)
        assert (screen.left.name, screen.right.name) == (SEED_NAMES[0], SEED_NAMES[1])
        view = screen.query_one(DiffView)
        assert view.comparison is not None and view.current_row == 4  # the first story row, past the cruft
        titles = str(screen.query_one("#compare-titles", Static).render())
        assert titles.startswith("000_") and "001_" in titles
        assert "words kept" in str(screen.query_one("#compare-stats", Static).render())
        assert app.heap.holders == 1  # the comparison is kept out of the collector's way
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 5
        assert app.heap.holders == 0  # and given back with the screen, so it can be freed


async def test_both_columns_scroll_as_one() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pair(pilot, second=2)  # 000 against 002: a merge of five paragraphs
        view = screen.query_one(DiffView)
        comparison = view.comparison
        assert comparison is not None
        merge = next(i for i, row in enumerate(comparison.rows) if len(row.left) > 1)
        view.go_to_row(merge)
        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert view.current_row == merge
        left_width, right_width = column_widths(view.scrollable_content_region.width)
        left, right = row_lines(comparison, comparison.rows[merge], left_width, markers=False)
        assert len(left) == len(right) > 3
        for y in range(min(len(left) - 3, view.size.height)):
            text = view.render_line(y).text
            expected_left = "".join(chunk for _, chunk in left[3 + y])
            expected_right = "".join(chunk for _, chunk in right[3 + y])
            assert text[:left_width].rstrip() == expected_left
            assert text[left_width + GUTTER :].rstrip() == expected_right


async def test_next_and_previous_change_skip_same_rows_and_cruft() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen, view, comparison = await open_view(pilot, second=2)
        await pilot.press("n")
        first = view.current_row
        assert first is not None and comparison.rows[first].is_change and not comparison.rows[first].boilerplate
        await pilot.press("n", "n", "p")
        assert view.current_row != first
        await pilot.press("p")
        assert view.current_row == first
        await pilot.press("t", "t")  # n/p now jump to reworded rows only
        await pilot.press("n")
        assert comparison.rows[view.current_row].kind == "reworded"
        assert "n/p: reworded" in str(screen.query_one("#compare-status", Static).render())


async def test_swap_makes_the_right_document_the_reference() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pair(pilot, second=2)
        before = screen.comparison
        assert before is not None
        await pilot.press("s")
        after = screen.comparison
        assert after is not None
        assert after.left is before.right and after.stats.added == before.stats.dropped
        assert str(screen.query_one("#compare-titles", Static).render()).startswith("002_")


async def test_filters_show_only_changes_and_hide_cruft() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen, view, comparison = await open_view(pilot, second=2)
        everything = len(view.shown)
        await pilot.press("b")
        assert not any(comparison.rows[i].boilerplate for i in view.shown)
        assert len(view.shown) < everything
        await pilot.press("o")
        assert all(comparison.rows[i].is_change for i in view.shown)
        status = str(screen.query_one("#compare-status", Static).render())
        assert "changes only" in status and "cruft hidden" in status
        await pilot.press("b", "o")
        assert len(view.shown) == everything


async def test_search_finds_rows_and_escape_cancels() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pair(pilot)
        view = screen.query_one(DiffView)
        comparison = view.comparison
        assert comparison is not None
        await pilot.press("slash")
        await pilot.press(*"tariffs")
        await pilot.press("enter")
        await pilot.pause()
        row = comparison.rows[view.current_row]
        assert any("tariffs" in comparison.side_text(row, side).lower() for side in ("left", "right"))
        found = view.current_row
        await pilot.press("full_stop")
        assert view.current_row != found or "not found" in str(screen.query_one("#compare-status", Static).render())
        await pilot.press("slash", "x")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and view.has_focus
        assert not screen.query_one("#search", Input).has_class("visible")


async def test_switching_the_right_document_skips_the_left_one() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pair(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.right.name == SEED_NAMES[2] and screen.comparison is not None
        assert screen.comparison.right is screen.right
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert screen.right.name == SEED_NAMES[4]


async def test_resize_keeps_the_current_row_and_fits_the_width() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_pair(pilot, second=2)
        view = screen.query_one(DiffView)
        await pilot.press("n", "n", "n")
        current = view.current_row
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert view.current_row == current
        assert all(len(line) <= 79 for line in screen_text(view))


async def test_change_list_jumps_to_the_chosen_row() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pair(pilot, second=2)
        view = screen.query_one(DiffView)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert view.current_row is not None and view.comparison.rows[view.current_row].is_change


async def test_most_similar_opens_the_nearest_document() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.right.name == SEED_NAMES[1]


async def test_a_pair_opened_directly_quits_on_q() -> None:
    pair = (load_document(SEEDS / SEED_NAMES[3]), load_document(SEEDS / SEED_NAMES[4]))
    app = deterministic(ReaderApp(pair=pair))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "KeysHelp"
        await pilot.press("q")  # closes the keys
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_without_colour_changed_words_carry_markers(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    pair = (load_document(SEEDS / SEED_NAMES[0]), load_document(SEEDS / SEED_NAMES[1]))
    app = deterministic(ReaderApp(pair=pair))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(DiffView)
        await pilot.press("n", "n")
        text = "\n".join(screen_text(view))
        assert "[-" in text or "{+" in text


async def test_command_palette_offers_the_screen_keys() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pair(pilot)
        titles = [command.title for command in app.get_system_commands(screen)]
        assert any(title.startswith("Next") for title in titles)
        assert any(title.startswith("Swap") for title in titles)


async def test_export_writes_what_the_cli_writes_and_asks_before_replacing(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from reader.exporters import FORMATS

    monkeypatch.chdir(tmp_path)
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pair(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert "ctrl+s writes" in str(dialog.query_one("#export-title", Static).render())  # the dialog says how
        path = dialog.query_one("#export-path", Input)
        assert path.value == f"{Path(SEED_NAMES[0]).stem}--{Path(SEED_NAMES[1]).stem}.txt"
        path.value = "out.txt"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        written = (tmp_path / "out.txt").read_text(encoding="utf-8")
        assert written == FORMATS["text"].render(screen.comparison, width=100, changes_only=False)
        assert "wrote out.txt" in str(screen.query_one("#compare-status", Static).render())
        (tmp_path / "out.txt").write_text("mine")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = "out.txt"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already exists" in str(app.screen.query_one("#export-message", Static).render())
        assert (tmp_path / "out.txt").read_text() == "mine"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and (tmp_path / "out.txt").read_text() == written
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


async def test_export_switch_shows_its_state_without_colour() -> None:
    from reader.ui.export_dialog import MarkedCheckbox

    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pair(pilot)
        await pilot.press("e")
        await pilot.pause()
        switch = app.screen.query_one("#export-changes-only", MarkedCheckbox)
        assert not switch.value and "▐ ▌" in str(switch.render())
        switch.toggle()
        await pilot.pause()
        assert switch.value and "▐X▌" in str(switch.render())


async def test_copy_row_and_copy_all_use_the_clipboard() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pair(pilot)
        await pilot.press("n", "y")
        assert app.clipboard.startswith(f"{SEED_NAMES[0]} ¶") and f"\n\n{SEED_NAMES[1]} ¶" in app.clipboard
        await pilot.press("Y")
        assert app.clipboard.startswith("left:  ") and "words kept" in app.clipboard
        assert "copied" in str(screen.query_one("#compare-status", Static).render())


async def test_overview_grid_opens_a_pair_and_provenance_opens_a_row() -> None:
    from reader.ui.heat_grid import HeatGrid
    from reader.ui.overview_screen import OverviewScreen
    from reader.ui.provenance_screen import ProvenanceScreen

    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        relations = str(app.screen.query_one("#overview-relations", Static).render())
        assert "rewrite of 000" in relations and "likely original: 000" in relations
        await pilot.press("down", "right")  # 001 against 002
        assert app.screen.query_one(HeatGrid).cursor == (1, 2)
        pair = str(app.screen.query_one("#overview-pair", Static).render())
        assert "28% shared vocabulary" in pair
        assert pair.endswith("Enter compares") and "\n" not in pair  # one line at 80 columns, names cut
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert (app.screen.left.name[:3], app.screen.right.name[:3]) == ("001", "002")
        await pilot.press("escape", "P")
        await settle(pilot)
        assert isinstance(app.screen, ProvenanceScreen) and app.screen.base.name.startswith("001")
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(app.screen.base.paragraphs)
        await pilot.press("down", "down", "down", "down", "right", "enter")  # ¶5, source 000
        await settle(pilot)
        compare_screen = app.screen
        assert isinstance(compare_screen, CompareScreen)
        row = compare_screen.comparison.rows[compare_screen.query_one(DiffView).current_row]
        assert 4 in row.left


@pytest.mark.slow
async def test_overview_grid_keeps_its_labels_in_view_when_it_scrolls(tmp_path: Path) -> None:
    from reader.ui.heat_grid import HeatGrid

    for number in range(24):
        seed = SEEDS / SEED_NAMES[number % 5]
        (tmp_path / f"doc_{number:02}.txt").write_text(seed.read_text(encoding="utf-8").replace("the", f"the{number}"))
    app = deterministic(ReaderApp(str(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        grid = app.screen.query_one(HeatGrid)
        await pilot.press(*["right"] * 17, *["down"] * 15)
        assert grid.cursor == (15, 18)
        lines = [grid.render_line(y).text for y in range(grid.scrollable_content_region.height)]
        assert lines[0].split()[-1] == "18" and lines[0].startswith("      ")  # header: column heads
        assert lines[-1].startswith("doc_15")  # the cursor's row, labelled
        assert all(line.startswith("doc_") for line in lines[1:])
        assert grid.scroll_x % 5 == 0  # whole cells


async def test_provenance_from_the_library_uses_the_cursor_document() -> None:
    from reader.ui.provenance_screen import ProvenanceScreen

    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "P")
        await settle(pilot)
        assert isinstance(app.screen, ProvenanceScreen) and app.screen.base.name.startswith("002")
        coverage = str(app.screen.query_one("#provenance-coverage", Static).render())
        assert "base carried by" in coverage and "%" in coverage


async def test_enter_marks_the_row_it_was_pressed_on_even_if_keys_moved_on() -> None:
    from textual.widgets.data_table import RowKey

    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(DataTable)
        first = str(SEEDS / SEED_NAMES[0])
        table.move_cursor(row=3)  # a Down typed ahead, handled before the RowSelected message
        screen.on_data_table_row_selected(DataTable.RowSelected(table, 0, RowKey(first)))
        assert screen.marked is not None and screen.marked.name == SEED_NAMES[0]


async def test_drift_lists_disagreements_and_opens_the_row() -> None:
    from textual.widgets import OptionList

    from reader.ui.drift_screen import DriftScreen

    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("d")  # against 000
        await settle(pilot)
        assert isinstance(app.screen, DriftScreen)
        options = app.screen.query_one(OptionList)
        texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("quote-paraphrased" in text for text in texts)
        first = next(i for i in range(options.option_count) if not options.get_option_at_index(i).disabled)
        options.highlighted = first
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        source, row, _ = (int(part) for part in options.get_option_at_index(first).id.split(":"))
        assert app.screen.query_one(DiffView).current_row == row


async def test_a_folder_that_vanishes_before_it_is_read_is_reported(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    app = deterministic(ReaderApp(str(gone)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "no such folder" in str(app.screen.query_one("#problems", Static).render())
        await pilot.press("q")
    assert app.return_code == 0


def _linked_pair() -> tuple:
    """Two short documents where one sentence crossed a paragraph break (reader/links.py)."""
    from tests.test_links import FILLER, MOVED, _document

    left = _document(FILLER[:2] + [FILLER[2] + " " + MOVED, FILLER[3]] + FILLER[4:], "before.txt")
    right = _document(FILLER[:3] + [MOVED + " " + FILLER[3]] + FILLER[4:], "after.txt")
    return left, right


async def test_a_sentence_in_another_row_is_marked_at_both_ends_and_L_jumps_there_and_back() -> None:
    from reader.ui.link_marks import LINK_MARK

    app = deterministic(ReaderApp(pair=_linked_pair()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        view = screen.query_one(DiffView)
        comparison = view.comparison
        assert comparison is not None and len(comparison.links) == 1
        start = comparison.row_of("left", 2)
        end = comparison.row_of("right", 3)
        assert start is not None and end is not None and start != end
        left_width = column_widths(view.size.width)[0]
        status = screen.query_one("#compare-status", Static)
        for row, other in ((start, end), (end, start)):
            view.go_to_row(row)
            await pilot.pause()
            assert f"1 sentence also in row {view.shown.index(other) + 1}" in str(status.render())
            assert view.render_line(1).text[left_width + 1] == LINK_MARK
            # the sentence is drawn in the link style (underlined) at this end
            styles = [segment.style for y in range(4) for segment in view.render_line(y) if segment.style]
            assert any(style.underline for style in styles)
        view.go_to_row(start)
        await pilot.press("L")
        await pilot.pause()
        assert view.current_row == end
        await pilot.press("L")
        await pilot.pause()
        assert view.current_row == start


async def test_the_link_key_says_so_on_a_row_without_links() -> None:
    app = deterministic(ReaderApp(pair=_linked_pair()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(DiffView)
        view.go_to_row(0)
        await pilot.press("L")
        await pilot.pause()
        assert view.current_row == 0
        assert "no sentence of this row is in another row" in str(screen.query_one("#compare-status", Static).render())


async def test_drift_in_the_compare_view_jumps_within_that_view() -> None:
    from textual.widgets import OptionList

    from reader.ui.drift_screen import DriftScreen

    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(100, 30)) as pilot:
        screen, view, comparison = await open_view(pilot, second=2)  # 000 against 002
        await pilot.press("o", "slash", *"Kerry", "enter")  # some state to keep: a filter, a search
        await pilot.press("D")
        await settle(pilot)
        drift = app.screen
        assert isinstance(drift, DriftScreen) and drift.comparison is comparison  # nothing compared again
        options = drift.query_one(OptionList)
        texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(" · row " in text and " → ¶" in text for text in texts), texts  # like `reader drift`
        last = max(i for i in range(options.option_count) if not options.get_option_at_index(i).disabled)
        options.highlighted = last
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and len(app.screen_stack) == 2  # the same view, no second one
        _, row, _ = (int(part) for part in options.get_option_at_index(last).id.split(":"))
        assert view.current_row == row and view.comparison is comparison
        assert screen.search_text == "Kerry" and app.heap.holders == 1


async def test_only_the_last_view_gone_gives_the_heap_back() -> None:
    calls: list[str] = []
    policy = HeapPolicy(freeze=lambda: calls.append("freeze"), unfreeze=lambda: calls.append("unfreeze"))
    outer, inner = object(), object()
    policy.hold(outer)
    policy.hold(inner)
    policy.hold(inner)  # more of its objects, later
    policy.release(inner)  # an inner compare view closes: the outer one's objects stay frozen
    assert calls == ["freeze"] * 3 and policy.holders == 1
    policy.release(inner)  # twice is harmless
    policy.release(outer)
    assert calls[-1] == "unfreeze" and calls.count("unfreeze") == 1 and policy.holders == 0


async def test_closing_an_inner_compare_view_keeps_the_outer_views_objects_frozen() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        outer = await open_pair(pilot)
        await app.push_screen(CompareScreen(outer.right, outer.left))  # a second view, over the first
        await settle(pilot)
        assert app.heap.holders == 2
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is outer and app.heap.holders == 1  # still out of the collector's way
        await pilot.press("escape")
        await pilot.pause()
        assert app.heap.holders == 0


async def test_without_the_cache_the_app_neither_reads_nor_writes_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    app = deterministic(ReaderApp(str(SEEDS), use_cache=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pair(pilot)
        await pilot.press("escape", "P")  # provenance compares the base with every other document
        await settle(pilot)
    assert list(tmp_path.iterdir()) == []
    app = deterministic(ReaderApp(str(SEEDS)))  # and with it, the same steps write it
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pair(pilot)
    assert (tmp_path / "comparisons.sqlite3").exists()


async def test_a_result_that_arrives_after_its_screen_closed_is_dropped() -> None:
    from reader.ui.overview_screen import OverviewScreen

    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        overview = app.screen
        assert isinstance(overview, OverviewScreen) and overview.overview is not None
        await pilot.press("escape")
        await pilot.pause()
        overview._show(overview.overview)  # what a worker still running would deliver now
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 5
