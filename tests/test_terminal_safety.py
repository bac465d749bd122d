"""Nothing in a document or a file name reaches the terminal as a control sequence or markup.

The app runs in a pseudo-terminal and everything it writes is captured, for the library and
the compare view, on the generated hostile corpus of ``tests/hostile.py``.
"""

from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path

import pytest

from reader.app import ReaderApp
from reader.corpus import load_document
from reader.ui.diff_view import DiffView
from tests.hostile import PAYLOADS, RAW_SEQUENCES, write_hostile_corpus
from tests.helpers import deterministic, spawn_in_pty


def run_in_pty(args: list[str], keys: list[bytes], cwd: Path) -> tuple[bytes, int]:
    """Run ``reader ARGS`` in an 80x24 pty, type ``keys`` (one every 0.3 s), return all output."""
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "TEXTUAL_ANIMATIONS": "none"}
    env.pop("NO_COLOR", None)
    process, primary = spawn_in_pty([sys.executable, "-m", "reader", *args], env, cwd)
    output = bytearray()

    def drain(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([primary], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(primary, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                output.extend(chunk)

    drain(3.0)
    for key in keys:
        os.write(primary, key)
        drain(0.4)
    try:
        code = process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        drain(0.2)
        os.close(primary)
    return bytes(output), code


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, list[Path]]:
    return tmp_path, write_hostile_corpus(tmp_path)


def assert_safe(output: bytes) -> None:
    for sequence in RAW_SEQUENCES:
        assert sequence not in output, sequence
    assert b"pwned-title\x07" not in output and b"\x1b]8;;file" not in output
    assert b"Traceback" not in output


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_the_compare_view_shows_hostile_text_without_obeying_it(hostile: tuple[Path, list[Path]]) -> None:
    folder, (first, second) = hostile
    output, code = run_in_pty([first.name, second.name], [b"n", b"G", b"g", b"s", b"q"], folder)
    assert code == 0
    assert_safe(output)
    assert "␛]0;pwned-title".encode() in output  # shown, visibly


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_the_library_shows_hostile_names_without_obeying_them(hostile: tuple[Path, list[Path]]) -> None:
    folder, _ = hostile
    output, code = run_in_pty(["."], [b"\r", b"\x1b[B", b"\r", b"n", b"q", b"q"], folder)
    assert code == 0
    assert_safe(output)
    assert b"pwned-name\x07" not in output
    assert "binary file".encode() in output


async def test_markup_in_documents_shows_literally(hostile: tuple[Path, list[Path]]) -> None:
    _, (first, second) = hostile
    app = deterministic(ReaderApp(pair=(load_document(first), load_document(second))))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.screen.query_one(DiffView)
        seen = []
        for _ in range(6):
            seen += [view.render_line(y).text for y in range(view.size.height)]
            await pilot.press("pagedown")
        text = "\n".join(seen)
        for literal in (PAYLOADS["markup-style"], PAYLOADS["markup-click"], PAYLOADS["stray-close"]):
            assert literal in text
        assert "\x1b" not in text and "\u009b" not in text and "\u202e" not in text
        assert app.return_code is None  # the click markup did not quit
