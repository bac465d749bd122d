"""Pilot tests for what a newcomer meets first (issue 16): 16 colours, the cursor, the footer
and keys panel at 80x24, vim/less habits in the library and in search, and the small things."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import ColorSystem
from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from textual.widgets._footer import FooterKey

from reader.app import ReaderApp
from reader.corpus import load_document
from reader.ui.compare_screen import CompareScreen
from reader.ui.diff_view import CURSOR_MARKS, DiffView, column_widths
from reader.ui.keys_help import KeysHelp
from tests.conftest import SEED_NAMES, SEEDS
from tests.helpers import deterministic, settle


def pair_app(left: int = 0, right: int = 1) -> ReaderApp:
    """The app opened directly on two seeds."""
    return deterministic(
        ReaderApp(pair=(load_document(SEEDS / SEED_NAMES[left]), load_document(SEEDS / SEED_NAMES[right])))
    )


def status(app: ReaderApp) -> str:
    """The compare screen's status line."""
    return str(app.screen.query_one("#compare-status", Static).render())


def view_of(app: ReaderApp) -> DiffView:
    """The compare view of the current screen."""
    return app.screen.query_one(DiffView)


# ----- 1. sixteen colours


@pytest.mark.parametrize(
    ("term", "few"), [("xterm", True), ("screen", True), ("linux", True), ("xterm-256color", False)]
)
async def test_word_changes_use_the_terminals_own_red_and_green_on_16_colours(
    monkeypatch: pytest.MonkeyPatch, term: str, few: bool
) -> None:
    monkeypatch.setenv("TERM", term)
    monkeypatch.delenv("COLORTERM", raising=False)
    app = pair_app()
    assert app.few_colors is few
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = view_of(app)
        dropped = view.get_component_rich_style("diffview--dropped")
        added = view.get_component_rich_style("diffview--added")
        assert dropped.bgcolor is not None and added.bgcolor is not None
        dropped_number = dropped.bgcolor.downgrade(ColorSystem.STANDARD).number
        added_number = added.bgcolor.downgrade(ColorSystem.STANDARD).number
        if few:  # ANSI red and green, not the greys the theme's tints map to
            assert (dropped_number, added_number) == (1, 2)
        assert view.filters.markers is False  # colours suffice; `i` adds markers


async def test_a_terminal_without_colour_gets_markers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("COLORTERM", raising=False)
    app = pair_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert view_of(app).filters.markers is True


# ----- 4. the cursor


async def test_the_current_row_has_a_cursor_mark_that_needs_no_colour() -> None:
    app = pair_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        view = view_of(app)
        left_width, _ = column_widths(view.scrollable_content_region.width)
        lines = [view.render_line(y).text for y in range(view.size.height)]
        marks = [line[left_width] for line in lines]
        assert marks[0] == CURSOR_MARKS[0]
        height = next(y for y, line in enumerate(lines) if not line.strip())  # the row's blank line
        assert marks[1:height] == [CURSOR_MARKS[1]] * (height - 1)
        assert set(marks[height:]) <= {" "}  # no other row is marked


# ----- 8. footer and keys panel at 80x24


def footer_keys(app: ReaderApp) -> list[str]:
    """The key labels the footer shows whole within the screen."""
    return [
        key.key_display
        for key in app.screen.query(FooterKey)
        if key.region.width and key.region.right <= app.size.width
    ]


async def test_the_footer_at_80x24_shows_escape_help_and_quit() -> None:
    app = pair_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = footer_keys(app)
        assert {"esc", "?", "q"} <= set(keys), keys
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = footer_keys(app)
        assert {"esc", "?", "q"} <= set(keys), keys


async def test_the_status_line_keeps_the_search_and_cruft_state_at_80_columns() -> None:
    app = pair_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b", "slash", *"kerry", "enter")
        await settle(pilot)
        text = status(app)
        assert "search “kerry”" in text and "cruft hidden" in text
        assert text.index("cruft hidden") < 80 and text.index("search “kerry” 1/") < 80, text


@pytest.mark.parametrize("where", ["library", "compare"])
async def test_the_keys_panel_lists_the_apps_own_keys_on_one_screen(where: str) -> None:
    app = pair_app() if where == "compare" else deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        panel = app.screen
        assert isinstance(panel, KeysHelp)
        text = str(panel.query_one("#keys-list", Static).render())
        for generic in ("Cursor left", "Page Left", "Focus Next", "Copy selected"):
            assert generic not in text
        cut = [line for line in text.splitlines() if line.endswith("…")]
        assert not cut, cut  # every key's text whole at 80 columns
        first = text.splitlines()[0]
        assert ("Next change" in first) if where == "compare" else ("compare" in first)
        scroll = panel.query_one("#keys-scroll")
        assert scroll.max_scroll_y == 0  # everything fits, nothing to scroll
        assert panel.query_one("#keys-box").region.bottom <= 24
        await pilot.press("escape")
        assert not isinstance(app.screen, KeysHelp)


# ----- 9. habits


async def test_j_k_g_G_home_end_move_the_library_cursor() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == 4
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("end")
        assert table.cursor_row == 4
        await pilot.press("home")
        assert table.cursor_row == 0


async def search(pilot: Pilot[None], text: str) -> None:
    """Type a search and submit it."""
    await pilot.press("slash", *text, "enter")
    await settle(pilot)


async def test_search_counts_matches_wraps_and_n_N_follow_matches_until_escape() -> None:
    app = pair_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await search(pilot, "kerry")
        matches = screen._matching_rows()
        assert len(matches) >= 3
        view = view_of(app)
        assert view.current_row == matches[0]
        assert f"1/{len(matches)}" in status(app)
        await pilot.press("n")
        await settle(pilot)
        assert view.current_row == matches[1] and f"2/{len(matches)}" in status(app)
        await pilot.press("N")
        await settle(pilot)
        assert view.current_row == matches[0]
        await pilot.press("N")  # before the first match: wraps to the last
        await settle(pilot)
        assert view.current_row == matches[-1]
        assert "search wrapped" in status(app)
        await pilot.press("escape")  # clears the search, stays on the screen
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen) and "search" not in status(app).replace("search cleared", "")
        await pilot.press("g")
        await settle(pilot)
        before = view.current_row
        await pilot.press("n")  # a change again, not a match
        await settle(pilot)
        comparison = view.comparison
        assert comparison is not None and view.current_row != before
        assert comparison.rows[view.current_row].is_change


async def test_search_says_not_found_and_is_smart_about_case() -> None:
    app = pair_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await search(pilot, "zzqxnothere")
        assert "“zzqxnothere” not found" in status(app)
        await pilot.press("escape")
        await search(pilot, "kerry")
        lower = len(screen._matching_rows())
        await pilot.press("escape")
        await search(pilot, "KERRY")
        assert "not found" in status(app)  # a capital letter: exact case
        assert "exact case" in status(app)
        await pilot.press("escape")
        await search(pilot, "Kerry")
        assert len(screen._matching_rows()) == lower  # the seeds always write Kerry


async def test_colon_goes_to_a_row_number_or_a_paragraph() -> None:
    app = pair_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("colon", "1", "2", "enter")
        await settle(pilot)
        assert view.current_row == view.shown[11]
        assert "row 12/" in status(app)
        await pilot.press("colon", "p", "5", "enter")
        await settle(pilot)
        comparison = view.comparison
        assert comparison is not None and view.current_row is not None
        assert 4 in comparison.rows[view.current_row].left
        await pilot.press("colon", *"abc", "enter")
        await settle(pilot)
        assert "not a row number" in status(app)


# ----- 10. smaller things


async def test_cycling_the_jump_kind_clears_a_stale_message() -> None:
    app = pair_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*["t"] * 4)  # added: the pair has none
        await pilot.press("n")
        await settle(pilot)
        assert "no further added" in status(app)
        await pilot.press("t")
        await settle(pilot)
        assert "no further" not in status(app)


async def test_an_empty_folder_does_not_offer_to_compare(tmp_path: Path) -> None:
    app = deterministic(ReaderApp(str(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        hint = str(app.screen.query_one("#hint", Static).render())
        assert "Enter: mark" not in hint and "no document" in hint


# ----- 3. telling files apart at 80 columns


async def test_the_library_tells_story_v1_from_story_v2_at_80_columns(tmp_path: Path) -> None:
    text = "A headline for the story\n\nThe first paragraph of the story, long enough.\n"
    for name in (
        "story-v1.txt",
        "story-v2.txt",
        "a-much-longer-story-name-draft-1.txt",
        "a-much-longer-story-name-draft-2.txt",
    ):
        (tmp_path / name).write_text(text)
    app = deterministic(ReaderApp(str(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        names = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
        assert "story-v1.txt" in names and "story-v2.txt" in names
        assert len(set(names)) == 4 and all(name.endswith(("1.txt", "2.txt")) for name in names), names
        await pilot.press("G")
        await pilot.pause()
        preview = str(app.screen.query_one("#preview", Static).render())
        assert preview.startswith("story-v2.txt")


async def test_columns_no_document_fills_give_their_room_to_the_names(tmp_path: Path) -> None:
    """Plain text files have no source and, without a dateline, no date: a site's file name
    (``cbsnews.com.txt``) then shows whole at 80 columns; a dated file brings the date back."""
    text = "A headline for the story\n\nThe first paragraph of the story, long enough.\n"
    for name in ("cbsnews.com.txt", "blizz.co.ug.txt"):
        (tmp_path / name).write_text(text)
    app = deterministic(ReaderApp(str(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert [str(column.key.value) for column in table.ordered_columns] == [
            "mark",
            "file",
            "title",
            "words",
            "paragraphs",
            "cruft",
        ]
        names = {str(table.get_row_at(row)[1]) for row in range(table.row_count)}
        assert names == {"cbsnews.com.txt", "blizz.co.ug.txt"}
        await pilot.press("s", "s", "s")  # file, file reversed, title: sorting skips the hidden columns
        assert "▲" in str(table.ordered_columns[2].label)
    (tmp_path / "dated.txt").write_text("A headline\n\nPublished: March 5, 2024\n\n" + text)
    app = deterministic(ReaderApp(str(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = [str(column.key.value) for column in app.screen.query_one(DataTable).ordered_columns]
        assert "date" in keys and "source" not in keys


# ----- 6 and 10. exports: cruft as the view, the remembered format, not into the folder read


async def test_exports_and_copy_all_leave_out_cruft_when_b_hides_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.exporters import FORMATS
    from reader.ui.export_dialog import ExportDialog, without_cruft

    monkeypatch.chdir(tmp_path)
    app = pair_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.comparison is not None
        await pilot.press("b", "Y")
        clean = FORMATS["text"].render(without_cruft(screen.comparison), width=100, changes_only=False)
        assert app.clipboard == clean and "(tracking pixel)" not in app.clipboard
        assert "(if your terminal allows OSC 52)" in status(app)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-no-cruft").value is True  # follows the view
        await pilot.press("ctrl+s")
        await settle(pilot)
        written = next(tmp_path.iterdir()).read_text(encoding="utf-8")
        assert written == clean


async def test_the_export_dialog_remembers_its_format_and_avoids_the_folder_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textual.widgets import Input, Select

    from reader.ui.export_dialog import EXPORT_FOLDER

    monkeypatch.chdir(SEEDS)  # `reader` run inside the folder it reads
    app = pair_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        path = app.screen.query_one("#export-path", Input)
        assert path.value.startswith(f"{EXPORT_FOLDER}/") and path.value.endswith(".txt")
        app.screen.query_one(Select).value = "markdown"
        await pilot.pause()
        assert path.value.endswith(".md")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one(Select).value == "markdown"
        assert app.screen.query_one("#export-path", Input).value.endswith(".md")


async def test_y_copies_the_row_under_file_names_and_paragraph_numbers() -> None:
    app = pair_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("colon", "p", "8", "enter")  # a merge: ¶8–9 became ¶5
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard.startswith(f"{SEED_NAMES[0]} ¶8–9:\n")
        assert f"\n\n{SEED_NAMES[1]} ¶5:\n" in app.clipboard
        assert "row copied (if your terminal allows OSC 52)" in status(app)


async def test_a_pair_opens_on_its_first_story_row_with_the_cruft_above() -> None:
    app = pair_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = view_of(app)
        comparison = view.comparison
        assert comparison is not None and view.current_row is not None
        assert not comparison.rows[view.current_row].boilerplate
        assert all(row.boilerplate for row in comparison.rows[: view.current_row])
        assert f"{view.current_row} cruft rows above (b hides cruft)" in status(app)
        await pilot.press("b")  # hidden now: the hint goes, the state stays
        await settle(pilot)
        assert "b hides cruft" not in status(app) and "cruft hidden" in status(app)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("g")  # the cruft is still there, above
        await settle(pilot)
        assert view.current_row == 0


# ----- 10. a moved paragraph is marked where it went too


def moved_pair() -> tuple[Path, Path]:
    """Two versions where the second paragraph moved to near the end."""
    paragraphs = [
        f"Paragraph {i} talks about topic number {i} with several distinct words alpha{i} beta{i} gamma{i}."
        for i in range(8)
    ]
    moved = paragraphs[:1] + paragraphs[2:7] + paragraphs[1:2] + paragraphs[7:]
    return "\n\n".join(paragraphs) + "\n", "\n\n".join(moved) + "\n"


async def test_a_moved_paragraph_is_marked_where_it_went_too(tmp_path: Path) -> None:
    from reader.ui.diff_view import move_landings

    first, second = moved_pair()
    (tmp_path / "a.txt").write_text(first)
    (tmp_path / "b.txt").write_text(second)
    app = deterministic(ReaderApp(pair=(load_document(tmp_path / "a.txt"), load_document(tmp_path / "b.txt"))))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        comparison = view.comparison
        assert comparison is not None
        moved = [i for i, row in enumerate(comparison.rows) if row.kind == "moved"]
        assert moved
        side, notes = move_landings(comparison)
        assert side == "right" and len(notes) == 1
        host = next(iter(notes))
        assert comparison.rows[host].right == (5,)  # the paragraph that now comes before it
        lines = [view.render_line(y).text for y in range(view.size.height)]
        landing = [line for line in lines if "stands here" in line]
        assert len(landing) == 1 and "↕ ¶7 stands here (moved; shown beside ¶2)" in landing[0]
        await pilot.press("s")  # swapped: the move is now out of place on the left
        await settle(pilot)
        side, notes = move_landings(view.comparison)
        assert side == "left" and len(notes) == 1


# ----- 7. provenance at 80x24


async def test_provenance_extras_scroll_and_cut_paragraphs_end_in_an_ellipsis() -> None:
    from reader.ui.provenance_screen import ProvenanceScreen

    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProvenanceScreen) and screen.provenance is not None
        table = screen.query_one("#provenance", DataTable)
        assert sum(column.get_render_width(table) for column in table.columns.values()) <= 80
        cells = [str(table.get_row_at(row)[-1]) for row in range(table.row_count)]
        width = table.columns[next(reversed(table.columns))].width
        assert any(cell.endswith("…") for cell in cells) and all(len(cell) <= width for cell in cells)
        extras = screen.query_one("#provenance-extras-scroll")
        count = len(screen.provenance.extras)
        assert count > extras.size.height  # more passages than fit: the list must scroll
        await pilot.press("tab")
        assert extras.has_focus
        await pilot.press("end")
        await pilot.pause()
        assert extras.scroll_y == extras.max_scroll_y > 0
        text = str(screen.query_one("#provenance-extras", Static).render())
        assert len(text.splitlines()) == count
        visible = extras.scrollable_content_region.width
        assert all(len(line) <= visible for line in text.splitlines())
        assert any(line.endswith("…") for line in text.splitlines())


async def test_ctrl_c_says_which_key_quits_as_the_readme_does() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert any("Press [b]q[/b] to quit" in str(n.message) for n in app._notifications)
        await pilot.press("enter", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert any("ctrl+q" in str(n.message) for n in app._notifications)
    assert app.return_code is None or app.return_code == 0


async def test_a_page_key_on_the_format_list_before_it_is_laid_out_does_not_crash() -> None:
    from textual.widgets._select import SelectOverlay

    app = pair_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        overlay = app.screen.query_one(SelectOverlay)
        overlay._index_to_line.clear()  # as before its first layout (Textual 8.2.8's KeyError)
        overlay.action_page_up()
        overlay.action_page_down()
