"""Exits: a crash inside the app exits non-zero and restores the terminal; Ctrl+C in
``reader diff`` exits 130 without a traceback.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.worker import WorkerFailed

from reader.app import ReaderApp
from reader.corpus import load_document
from reader.ui.compare_screen import CompareScreen
from tests.helpers import deterministic, spawn_in_pty

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


async def test_an_exception_inside_the_app_sets_a_non_zero_return_code(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: CompareScreen) -> None:
        raise RuntimeError("injected failure")

    monkeypatch.setattr(CompareScreen, "_update_stats", broken)
    app = deterministic(ReaderApp(pair=(load_document(SEEDS[0]), load_document(SEEDS[1]))))
    with pytest.raises((RuntimeError, WorkerFailed), match="injected failure"):
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
    assert app.return_code == 1


DRIVER = """
import sys
import time
from reader.ui.compare_screen import CompareScreen

def broken(self):
    raise RuntimeError("injected failure")

CompareScreen._update_stats = broken
from reader.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_a_crash_through_the_command_exits_non_zero_and_restores_the_terminal() -> None:
    """The real entry point in a pty, with a failure injected into the compare screen."""
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "TEXTUAL_ANIMATIONS": "none"}
    process, primary = spawn_in_pty([sys.executable, "-c", DRIVER, str(SEEDS[0]), str(SEEDS[1])], env, ROOT)
    output = bytearray()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            output.extend(chunk)
        elif process.poll() is not None:
            break
    os.close(primary)
    try:
        status = process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert status == 1
    enter, leave = output.find(b"\x1b[?1049h"), output.rfind(b"\x1b[?1049l")
    assert 0 <= enter < leave  # the alternate screen was left
    tail = bytes(output[leave:])
    assert b"\x1b[?1000l" in output[enter:] and b"\x1b[?2004l" in output[enter:]  # mouse, paste off
    assert b"injected failure" in tail  # the traceback is shown on the normal screen


INTERRUPT_DRIVER = """
import os, sys, time
import reader.cache

def comparing(*args, **kwargs):
    os.write(int(sys.argv[1]), b"comparing")  # the readiness signal: Ctrl+C now lands mid-comparison
    os.close(int(sys.argv[1]))
    time.sleep(60)  # a comparison that cannot end before the interrupt

reader.cache.cached_compare = comparing
from reader.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGINT")
def test_ctrl_c_in_reader_diff_exits_130_quietly() -> None:
    """The real entry point, interrupted while it compares (it says when it starts to)."""
    ready_read, ready_write = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-c", INTERRUPT_DRIVER, str(ready_write), "diff", str(SEEDS[0]), str(SEEDS[1])],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        pass_fds=(ready_write,),
    )
    os.close(ready_write)
    try:
        with os.fdopen(ready_read, "rb") as ready:
            assert ready.read() == b"comparing", "the command ended before it compared"
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert err == b"" and out == b""


@pytest.mark.parametrize(("second", "status"), [(0, 0), (1, 1)])
def test_reader_diff_ends_at_once_with_its_status_and_all_its_output(tmp_path: Path, second: int, status: int) -> None:
    """The command skips the interpreter's teardown after ``reader diff`` (``console_script``):
    the output is still whole, the exit status still the comparison's, a file still written."""
    pair = [str(SEEDS[0]), str(SEEDS[second])]
    ran = subprocess.run(
        [sys.executable, "-m", "reader", "diff", *pair, "--format", "json", "--no-cache"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert ran.returncode == status
    assert ran.stdout.rstrip().endswith("}") and '"format": "reader.diff/1"' in ran.stdout
    written = tmp_path / "out.md"
    ran = subprocess.run(
        [sys.executable, "-m", "reader", "diff", *pair, "--format", "markdown", "-o", str(written)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert ran.returncode == status and ran.stderr == ""
    assert written.read_text(encoding="utf-8").startswith("#")


def test_reader_diff_ends_the_process_only_under_the_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``main`` called in a process that goes on (these tests) returns; the ``reader`` command
    (``console_script``) ends at once after ``reader diff`` has written, unless a thread runs."""
    import reader.cli as cli

    ended: list[int] = []
    monkeypatch.setattr(cli.os, "_exit", ended.append)
    monkeypatch.setattr(cli.threading, "active_count", lambda: 1)  # the suite may run threads
    pair = [str(SEEDS[0]), str(SEEDS[1]), "--format", "json", "--no-cache", "-o", str(tmp_path / "out.json"), "--force"]
    assert cli.main(["diff", *pair]) == 1 and ended == []
    monkeypatch.setattr(cli, "_END_AT_ONCE", True)
    assert cli.main(["diff", *pair]) == 1 and ended == [1]  # os._exit is stubbed: main goes on
    monkeypatch.setattr(cli.threading, "active_count", lambda: 2)
    assert cli.main(["diff", *pair]) == 1 and ended == [1]
