"""Pilot tests of the library app on the real seeds."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from reader.app import ReaderApp
from tests.conftest import SEEDS


async def test_library_lists_the_seeds_with_a_preview() -> None:
    app = ReaderApp(str(SEEDS))
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-dark"
        table = app.screen.query_one(DataTable)
        assert table.row_count == 5
        await pilot.press("down")
        await pilot.pause()
        preview = str(app.screen.query_one("#preview", Static).render())
        assert preview.startswith("US Climate Envoy John Kerry Holds Talks")
        await pilot.press("q")
    assert app.return_code == 0


async def test_unreadable_files_are_listed_with_their_reason(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A headline for the story\n\nBody of the story.\n")
    (tmp_path / "bad.bin").write_bytes(b"\x00\x01")
    (tmp_path / "evil\x1b]0;x\x07.txt").write_bytes(b"\x00")
    app = ReaderApp(str(tmp_path))
    async with app.run_test(size=(80, 24)):
        problems = str(app.screen.query_one("#problems", Static).render())
        assert "bad.bin: binary file" in problems
        assert "\x1b" not in problems and "␛" in problems


async def test_empty_folder_says_so(tmp_path: Path) -> None:
    app = ReaderApp(str(tmp_path))
    async with app.run_test(size=(80, 24)):
        assert "No readable documents" in str(app.screen.query_one("#problems", Static).render())
