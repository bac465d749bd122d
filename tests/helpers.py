"""Helpers shared by the tests: one way to make an app deterministic and to let it settle, and one
way to run reader in a pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import pytest
from textual.app import App
from textual.pilot import Pilot

THEME = "textual-dark"
"""The theme every Pilot test pins (the default could change with Textual or the terminal)."""

AppT = TypeVar("AppT", bound=App[None])


def deterministic(app: AppT) -> AppT:
    """Pin what would make runs differ: the theme, and animations (off)."""
    app.theme = THEME
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and the messages they caused be handled."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def spawn_in_pty(
    argv: Sequence[str], env: Mapping[str, str], cwd: Path, size: tuple[int, int] = (24, 80)
) -> tuple[subprocess.Popen[bytes], int]:
    """Start ``argv`` with a new pseudo-terminal of ``size`` (rows, columns) as its standard
    streams; return the process and the terminal's primary side, which the caller closes."""
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", *size, 0, 0))
    process = subprocess.Popen(
        list(argv), stdin=secondary, stdout=secondary, stderr=secondary, cwd=cwd, env=dict(env), close_fds=True
    )
    os.close(secondary)
    return process, primary


FRESH_ENV = "READER_TEST_FRESH_PROCESS"


def ran_alone(request: pytest.FixtureRequest) -> bool:
    """Whether the test was run in a fresh interpreter instead of here, and passed there.

    Forking is refused while another thread runs, and in the whole suite one does (earlier
    tests leave idle threads): there the test runs again, alone, in a new pytest process, so
    that the two-core path is tested in the suite and not skipped.
    """
    if threading.active_count() == 1:
        return False
    assert not os.environ.get(FRESH_ENV), "another thread runs even in a fresh process"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"{request.node.path}::{request.node.name}"],
        env={**os.environ, FRESH_ENV: "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return True
