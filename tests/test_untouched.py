"""Nothing lost: reading, comparing and exporting never write, move or touch an input file.

Every entry of an input folder (seeds, hostile and broken documents, the folder itself) is
fingerprinted by sha256, size and mtime_ns before and after ``reader diff`` in every format
and the app (library, compare view, export dialog, copies).
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from reader.app import ReaderApp
from reader.cli import main
from reader.exporters import FORMATS
from tests.badinput import write_cases
from tests.conftest import SEEDS
from tests.hostile import write_hostile_corpus
from tests.helpers import deterministic


def fingerprint(folder: Path) -> dict[str, tuple[int, int, str]]:
    """``name -> (mtime_ns, size, sha256 of a regular file's bytes)`` for the folder and every entry in it."""
    prints = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat.S_ISREG(info.st_mode) else ""
        prints[str(path.relative_to(folder))] = (info.st_mtime_ns, info.st_size, digest)
    return prints


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "inputs"
    shutil.copytree(SEEDS, folder)
    write_hostile_corpus(folder)
    write_cases(folder)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)  # the app's exports go here
    return folder


async def test_reader_diff_and_the_app_leave_every_input_as_it_was(inputs: Path, tmp_path: Path) -> None:
    before = fingerprint(inputs)
    seeds = sorted(inputs.glob("0*.txt"))
    pairs = [
        (seeds[0], seeds[1]),
        (inputs / "a-hostile.txt", inputs / "cp1252"),
        (inputs / "crlf", inputs / "utf16-le-bom"),
    ]
    rules = tmp_path / "rules.tsv"
    rules.write_text("sponsor\t^sponsored\n", encoding="utf-8")
    for number, (left, right) in enumerate(pairs):
        for name in FORMATS:
            target = tmp_path / "out" / f"{number}.{name}"
            with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                status = main(
                    ["diff", str(left), str(right), "--format", name, "-o", str(target), "--rules", str(rules)]
                )
            assert status in (0, 1) and target.exists()

    app = deterministic(ReaderApp(str(inputs)))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter", "down", "enter")  # compare the first two documents
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("n", "y", "Y", "s", "f")
        await app.workers.wait_for_complete()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the export dialog writes into the working folder
        await pilot.pause()
        await pilot.press("l", "enter", "escape", "m")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code in (None, 0)
    assert any(Path.cwd().glob("*--*.txt")), os.listdir(Path.cwd())

    assert fingerprint(inputs) == before
