"""Pilot test: the library lists a folder mixing every document kind, and two of them compare."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from reader.app import ReaderApp
from reader.ui.compare_screen import CompareScreen
from tests.documents import write_mixed_folder
from tests.test_app import deterministic, settle


async def test_library_lists_mixed_kinds_with_title_source_and_date(tmp_path: Path) -> None:
    folder = write_mixed_folder(tmp_path / "mixed")
    app = deterministic(ReaderApp(str(folder)))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 5
        rows = [" ".join(str(cell) for cell in table.get_row_at(index)) for index in range(5)]
        assert all("Council approves harbour bridge" in row for row in rows)
        page_row = next(row for row in rows if "b.html" in row)
        assert "Ann Writer" in page_row and "2024-03-05" in page_row
        await pilot.press("down", "enter", "down", "enter")  # the page against the Word draft
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("q")
