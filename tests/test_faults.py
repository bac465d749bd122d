"""Faults: a full disk, a signal, a long name, a closed pipe, a resize storm, typeahead.

Each case runs as a user meets it: the command in a subprocess (on a pseudo-terminal for the
app, reading the escape sequences it writes on exit), the app's lists under Pilot. The promise
is the same everywhere: one line on stderr and exit 2 for trouble, no traceback, nothing left
behind (no temporary file, no child process, no cache entry written after a signal), and the
terminal's modes restored. Signals land at seeded random points, a bounded number of times.

Tests run as root here, which may open anything: EACCES is injected (``os.stat`` and
``os.lstat`` patched in the child process) rather than made with ``chmod``.
"""

from __future__ import annotations

import fcntl
import os
import pty
import random
import select
import signal
import sqlite3
import stat
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from textual import events

from reader.app import ReaderApp
from reader.ui.change_list import ChangeList
from reader.ui.compare_screen import CompareScreen
from tests.helpers import spawn_in_pty
from tests.badinput import many_paragraphs
from tests.conftest import SEEDS
from tests.test_app import deterministic, open_pair, settle
from tests.test_cli import ROOT, SEED_FILES, environment, run, stderr_line

LEFT, RIGHT = SEED_FILES[0], SEED_FILES[1]
TIMEOUT = 60


def leftovers(folder: Path) -> list[str]:
    """Temporary export files left in a folder."""
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def run_python(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a driver script (which patches something, then calls ``reader.cli.main``)."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env or environment(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT,
        start_new_session=True,
    )


# Export paths ---------------------------------------------------------------------------------


def test_o_with_a_name_longer_than_name_max_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("diff", LEFT, RIGHT, "-o", tmp_path / ("a" * 300))
    assert result.returncode == 2
    assert "file name too long (300 bytes; at most 255)" in stderr_line(result)
    assert list(tmp_path.iterdir()) == []


def test_o_under_a_folder_name_longer_than_name_max_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("diff", LEFT, RIGHT, "-o", tmp_path / ("d" * 300) / "out.txt")
    assert result.returncode == 2
    assert "file name too long" in stderr_line(result)


@pytest.mark.parametrize("size", [242, 250, 255])
def test_names_of_242_to_255_bytes_are_written_with_a_temporary_name_that_fits(tmp_path: Path, size: int) -> None:
    name = "é" * ((size - 4) // 2) + "x" * ((size - 4) % 2) + ".txt"  # two-byte characters too
    assert len(name.encode()) == size
    result = run("diff", LEFT, RIGHT, "-o", tmp_path / name)
    assert result.returncode == 1, result.stderr.decode()
    assert [path.name for path in tmp_path.iterdir()] == [name]


_EACCES_DRIVER = r"""
import errno, os, sys
from reader.cli import main

denied = sys.argv[1]
real_stat, real_lstat = os.stat, os.lstat

def guard(real):
    def checked(path, *args, **kwargs):
        if isinstance(path, (str, os.PathLike)) and os.fspath(path).startswith(denied + os.sep):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)
    return checked

os.stat, os.lstat = guard(real_stat), guard(real_lstat)  # a folder this user cannot search
sys.exit(main(sys.argv[2:]))
"""


def test_o_into_a_folder_that_cannot_be_searched_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """EACCES from ``stat`` (``pathlib.is_dir`` re-raises it on Python 3.11): injected, as root
    may search any folder."""
    folder = tmp_path / "locked"
    folder.mkdir()
    result = run_python(_EACCES_DRIVER, str(folder), "diff", str(LEFT), str(RIGHT), "-o", str(folder / "out.txt"))
    assert result.returncode == 2
    assert "permission denied" in stderr_line(result)
    assert list(folder.iterdir()) == []


def _special_file(folder: Path, kind: str) -> Path:
    """A device, FIFO or link made in ``folder``: never the system's own ``/dev/null``, which a
    regression of this very fault would replace with a plain file."""
    if kind == "fifo":
        path = folder / "pipe"
        os.mkfifo(path)
    elif kind in ("null", "full"):
        path = folder / kind
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3 if kind == "null" else 7))
        except (OSError, AttributeError) as error:
            pytest.skip(f"cannot make a device node here: {error}")
    elif kind == "stdout":  # what /dev/stdout is: a link into /proc
        path = folder / "stdout"
        path.symlink_to("/proc/self/fd/1")
    else:
        (folder / "real.txt").write_text("precious", encoding="utf-8")
        path = folder / "link.txt"
        path.symlink_to(folder / "real.txt")
    return path


@pytest.mark.parametrize("kind", ["null", "full", "fifo", "stdout", "link"])
def test_o_refuses_anything_but_a_regular_file_or_a_new_name_even_with_force(tmp_path: Path, kind: str) -> None:
    target = _special_file(tmp_path, kind)
    before = os.lstat(target)
    result = run("diff", LEFT, RIGHT, "-o", target, "--force")
    assert result.returncode == 2
    assert "not a regular file" in stderr_line(result)
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)
    if kind == "link":
        assert (tmp_path / "real.txt").read_text(encoding="utf-8") == "precious"
    assert leftovers(tmp_path) == []


def test_the_app_writes_a_default_export_name_of_two_long_cjk_names(tmp_path: Path) -> None:
    """Two 43-character CJK file names: the default export name (129 bytes each) is cut to fit."""
    from reader.compare import compare
    from reader.corpus import load_document
    from reader.exporters import default_filename

    left, right = tmp_path / ("漢字" * 21 + "左.txt"), tmp_path / ("漢字" * 21 + "右.txt")
    left.write_text("Kerry met Wang in Beijing.\n\nThey talked about coal.\n", encoding="utf-8")
    right.write_text("Kerry met Wang in Beijing on Monday.\n\nThey talked about coal.\n", encoding="utf-8")
    comparison = compare(load_document(left), load_document(right))
    for fmt in ("text", "inline", "json"):
        name = default_filename(comparison, fmt)
        assert len(name.encode()) <= 255 - 14, name  # room for the temporary name's additions too


# Standard output --------------------------------------------------------------------------------


def test_stdout_on_a_full_disk_is_one_line_and_exit_2() -> None:
    if not os.path.exists("/dev/full") or not stat.S_ISCHR(os.stat("/dev/full").st_mode):
        pytest.skip("no /dev/full device here")
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "reader", "diff", str(LEFT), str(RIGHT)],
            cwd=ROOT,
            env=environment(),
            stdin=subprocess.DEVNULL,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
            start_new_session=True,
        )
    assert result.returncode == 2
    assert "cannot write to standard output: no space left on the device" in stderr_line(result)


@pytest.mark.parametrize("command", [["diff", str(LEFT), str(RIGHT)], ["overview", "seeds"]])
def test_a_closed_stdout_is_one_line_and_exit_2(command: list[str]) -> None:
    result = subprocess.run(
        ["sh", "-c", 'exec "$0" -m reader "$@" >&-', sys.executable, *command],
        cwd=ROOT,
        env=environment(),
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        start_new_session=True,
    )
    assert result.returncode == 2
    assert "standard output is closed" in stderr_line(result)


def test_a_closed_stdout_with_o_still_writes(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            "sh",
            "-c",
            'exec "$0" -m reader diff "$1" "$2" -o "$3" >&-',
            sys.executable,
            LEFT,
            RIGHT,
            tmp_path / "out.txt",
        ],
        cwd=ROOT,
        env=environment(),
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
    )
    assert result.returncode == 1 and result.stderr == b""
    assert (tmp_path / "out.txt").stat().st_size > 0


# Signals during an export and a comparison ------------------------------------------------------


def _wait_for_line(stream: int, deadline: float) -> bytes:
    """Read from a file descriptor until a newline (or the deadline); what was read."""
    seen = b""
    while b"\n" not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([stream], [], [], 0.05)
        if ready:
            chunk = os.read(stream, 4096)
            if not chunk:
                break
            seen += chunk
    return seen


_SIGNAL_DRIVER = r"""
import os, signal, sys
from reader.cli import main

if sys.argv[1] == "--stop-in-write":  # wait for the signal with the whole text in the temporary file
    real_fsync = os.fsync
    def fsync_then_wait(descriptor):
        real_fsync(descriptor)
        os.write(2, b"in-write\n")
        signal.pause()
    os.fsync = fsync_then_wait
    del sys.argv[1]
if sys.argv[1] == "--mark-compare":  # say when the comparison starts
    import reader.cache
    real_compare = reader.cache.compare
    def marked(*args, **kwargs):
        os.write(2, b"comparing\n")
        return real_compare(*args, **kwargs)
    reader.cache.compare = marked
    del sys.argv[1]
os.write(2, b"started\n")
sys.exit(main(sys.argv[1:]))
"""


def _start(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", _SIGNAL_DRIVER, *map(str, args)],
        cwd=ROOT,
        env=env or environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_in_the_middle_of_the_write_leave_no_temporary_file(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "out.txt"
    process = _start("--stop-in-write", "diff", LEFT, RIGHT, "-o", target)
    stream = process.stderr.fileno()  # type: ignore[union-attr]
    deadline = time.monotonic() + TIMEOUT
    seen = _wait_for_line(stream, deadline)
    while b"in-write" not in seen and time.monotonic() < deadline:
        seen += _wait_for_line(stream, deadline)
    assert b"in-write" in seen and len(leftovers(tmp_path)) == 1  # the temporary file, complete
    process.send_signal(signum)
    out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 128 + signum
    assert err == b"" and out == b""
    assert list(tmp_path.iterdir()) == []


def test_signals_at_random_points_of_an_export_leave_nothing_behind(tmp_path: Path) -> None:
    """Seeded random points from start-up to the end of the write (SIGTERM, SIGHUP, SIGINT)."""
    rng = random.Random(19)
    signals = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
    # How long an export runs after start-up on this machine: the random points fall inside it.
    timing = _start("diff", LEFT, RIGHT, "--format", "inline", "--no-cache", "-o", tmp_path / "timing.txt")
    assert _wait_for_line(timing.stderr.fileno(), time.monotonic() + TIMEOUT) == b"started\n"  # type: ignore[union-attr]
    began = time.monotonic()
    timing.communicate(timeout=TIMEOUT)
    duration = time.monotonic() - began
    (tmp_path / "timing.txt").unlink()
    ended_by_signal = 0
    for trial in range(6):
        target = tmp_path / f"out{trial}.txt"
        signum = signals[trial % 3]
        process = _start("diff", LEFT, RIGHT, "--format", "inline", "--no-cache", "-o", target)
        assert _wait_for_line(process.stderr.fileno(), time.monotonic() + TIMEOUT) == b"started\n"  # type: ignore[union-attr]
        select.select([], [], [], rng.uniform(0.0, 0.8 * duration))  # the random point (a bounded wait)
        process.send_signal(signum)
        out, err = process.communicate(timeout=TIMEOUT)
        # Finished (1), unwound by the signal (128 + n), or ended by it after the last clean-up (-n).
        assert process.returncode in (1, 128 + signum, -signum), err
        ended_by_signal += process.returncode != 1
        assert err == b"" and out == b""
        assert leftovers(tmp_path) == []
        if target.exists():  # complete or not there
            assert target.read_bytes().endswith(b"\n") and process.returncode != 128 + signum
    assert ended_by_signal


@pytest.fixture(scope="module")
def big_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A pair whose comparison takes about a second (10,000 short paragraphs, edited and moved)."""
    folder = tmp_path_factory.mktemp("big")
    left, right = folder / "left.txt", folder / "right.txt"
    for path, edits in ((left, False), (right, True)):
        path.write_text("\n\n".join(many_paragraphs(3, edits).split("\n\n")[:10_000]) + "\n", encoding="utf-8")
    return left, right


def test_sigterm_during_a_comparison_exits_143_without_a_traceback(big_pair: tuple[Path, Path]) -> None:
    process = _start("--mark-compare", "diff", *big_pair, "--no-cache")
    stream, deadline = process.stderr.fileno(), time.monotonic() + TIMEOUT  # type: ignore[union-attr]
    seen = _wait_for_line(stream, deadline)
    while b"comparing" not in seen and time.monotonic() < deadline:
        seen += _wait_for_line(stream, deadline)
    assert seen == b"started\ncomparing\n"
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 143
    assert err == b"" and out == b""


# The comparison cache ---------------------------------------------------------------------------


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("READER_CACHE_DIR", str(folder))
    return folder


def test_the_cache_never_writes_through_a_symbolic_link(own_cache: Path, tmp_path: Path, seed_docs) -> None:
    from reader.cache import DATABASE_NAME, cached_compare

    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE entries (precious TEXT)")
        db.execute("INSERT INTO entries VALUES ('keep me')")
    db.close()
    own_cache.mkdir()
    (own_cache / DATABASE_NAME).symlink_to(other)
    before = other.read_bytes()
    cached_compare(seed_docs["000"], seed_docs["001"])
    assert other.read_bytes() == before
    assert (own_cache / DATABASE_NAME).is_symlink()
    with sqlite3.connect(other) as db:
        assert db.execute("SELECT precious FROM entries").fetchall() == [("keep me",)]
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    db.close()


def test_a_locked_cache_costs_one_short_wait(own_cache: Path, seed_docs, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process holds the database: at most one wait of BUSY_TIMEOUT_SECONDS (it was
    two waits of 2 s: about 4 s a run)."""
    import reader.cache as cache

    computed = cache.cached_compare(seed_docs["000"], seed_docs["001"], use_cache=False)
    cache.cached_compare(seed_docs["000"], seed_docs["002"])  # make the database
    monkeypatch.setattr(cache, "compare", lambda *args, **kwargs: computed)  # only the cache's time counts
    holder = sqlite3.connect(own_cache / cache.DATABASE_NAME, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")  # a lock that keeps readers out as well
    holder.execute("BEGIN EXCLUSIVE")
    started = time.monotonic()
    try:
        assert cache.cached_compare(seed_docs["000"], seed_docs["001"]) is computed
    finally:
        elapsed = time.monotonic() - started
        holder.rollback()
        holder.close()
    assert cache.BUSY_TIMEOUT_SECONDS <= 0.5
    assert elapsed < 2 * cache.BUSY_TIMEOUT_SECONDS + 0.5


def test_a_wal_cache_in_a_folder_that_cannot_be_written_serves_hits(
    own_cache: Path, seed_docs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated as root: the folder reports unwritable, and SQLite cannot create ``-shm`` there."""
    import reader.cache as cache

    stored = cache.cached_compare(seed_docs["000"], seed_docs["001"])
    for suffix in ("-wal", "-shm"):
        (own_cache / f"{cache.DATABASE_NAME}{suffix}").unlink(missing_ok=True)
    real_connect = sqlite3.connect

    def read_only_folder(database, *args, **kwargs):
        if not kwargs.get("uri"):
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only_folder)
    monkeypatch.setattr(cache, "_writable", lambda folder: False)
    monkeypatch.setattr(cache, "compare", lambda *a, **k: pytest.fail("computed instead of served from the cache"))
    assert cache.cached_compare(seed_docs["000"], seed_docs["001"]) == stored


def test_drift_takes_no_cache(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    result = run("drift", LEFT, RIGHT, "--no-cache", env=environment(READER_CACHE_DIR=str(cache_dir)))
    assert result.returncode in (0, 1), result.stderr.decode()
    assert not cache_dir.exists()


@pytest.mark.parametrize("command", ["diff", "overview", "provenance", "drift"])
def test_every_command_declares_the_shared_output_options(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    for option in ("--format", "-o FILE, --output FILE", "--force", "--width", "--no-cache"):
        assert option in result.stdout.decode(), option


# Short-line documents ---------------------------------------------------------------------------


def test_a_shopping_list_is_story_not_cruft(tmp_path: Path) -> None:
    left, right = tmp_path / "list.txt", tmp_path / "list2.txt"
    left.write_text("milk\neggs\nbread\nbutter\napples\ncheese\n", encoding="utf-8")
    right.write_text("milk\neggs\nbrown bread\nbutter\ncheese\n", encoding="utf-8")
    result = run("diff", left, right, "--width", "60")
    out = result.stdout.decode()
    assert result.returncode == 1
    assert "(tag line)" not in out and "fragment" not in out
    assert "similarity 100%" not in out and "words +2 -2" in out


def test_a_word_list_with_faq_in_it_is_not_a_faq_block() -> None:
    from reader.boilerplate import tag_paragraphs

    words = ["apple", "banana", "faq", "feather", "tree", "zebra"] + [f"item{number}" for number in range(200)]
    assert tag_paragraphs(words) == [None] * len(words)
    page = ["Kerry met Wang in Beijing on Monday for talks.", "FAQs", "What did they agree?", "Nothing yet."]
    assert tag_paragraphs(page)[1:] == ["FAQ block"] * 3  # a real FAQ block is still one


# Widths and encodings ---------------------------------------------------------------------------


def _longest_line(output: bytes) -> int:
    from rich.cells import cell_len

    return max(cell_len(line) for line in output.decode().splitlines())


def test_in_a_pipe_the_width_follows_columns() -> None:
    result = run("diff", LEFT, RIGHT, env=environment(COLUMNS="64"))
    assert result.returncode == 1
    assert _longest_line(result.stdout) == 63  # the text format leaves the last column free


def test_in_a_pipe_the_width_follows_the_controlling_terminal() -> None:
    """``reader diff A B | less``: stdout is a pipe, the session's terminal is 72 columns."""
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 72, 0, 0))

    def take_terminal() -> None:  # in the child: a new session whose controlling terminal it is
        os.setsid()
        fcntl.ioctl(secondary, termios.TIOCSCTTY, 0)

    try:
        result = subprocess.run(
            [sys.executable, "-m", "reader", "diff", str(LEFT), str(RIGHT)],
            cwd=ROOT,
            env=environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT,
            preexec_fn=take_terminal,
            pass_fds=(secondary,),
        )
    finally:
        os.close(secondary)
        os.close(primary)
    assert result.returncode == 1, result.stderr.decode()
    assert _longest_line(result.stdout) == 71


def test_a_narrow_width_wraps_the_stats_instead_of_cutting_them() -> None:
    result = run("diff", LEFT, RIGHT, "--width", "21")
    header = result.stdout.decode().split("─" * 21)[0]
    for count in ("words kept 37%", "words +399 -858", "reworded 11", "dropped 11", "added 0", "moved 0"):
        assert count in header, count
    assert _longest_line(header.encode()) <= 21


def test_a_latin1_locale_gets_distinct_ascii_glyphs(tmp_path: Path) -> None:
    left, right = tmp_path / "a.txt", tmp_path / "b.txt"
    paragraphs = [
        "The envoy met the minister in Beijing on Monday to talk about coal and climate targets.",
        "Officials said more talks are planned for next year in the capital of the country.",
        "Kerry told reporters that the meeting had been frank, constructive and long overdue.",
        "The two sides agreed to meet again before the summit in Bali later this year.",
    ]
    left.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    reworded = "Kerry said to journalists the talks had been frank and constructive, and overdue."
    right.write_text("\n\n".join([paragraphs[1], reworded, paragraphs[3], paragraphs[0]]) + "\n", encoding="utf-8")
    result = run("diff", left, right, "--width", "80", env=environment(PYTHONIOENCODING="latin-1"))
    assert result.returncode == 1
    out = result.stdout.decode("latin-1")
    rows = out.splitlines()[3]
    assert "% reworded 1" in rows and "^ moved 1" in rows, rows
    assert "?" not in out


def test_a_latin1_locale_marks_links_across_rows_in_ascii(tmp_path: Path) -> None:
    from tests.test_links import FILLER, MOVED

    left, right = tmp_path / "before.txt", tmp_path / "after.txt"
    left.write_text(
        "\n\n".join(FILLER[:2] + [FILLER[2] + " " + MOVED, FILLER[3]] + FILLER[4:]) + "\n", encoding="utf-8"
    )
    right.write_text("\n\n".join(FILLER[:3] + [MOVED + " " + FILLER[3]] + FILLER[4:]) + "\n", encoding="utf-8")
    result = run("diff", left, right, "--width", "80", env=environment(PYTHONIOENCODING="latin-1"))
    out = result.stdout.decode("latin-1")
    assert "* 1 sentence also in row" in out, out
    assert "?" not in out


def test_reader_nope_says_no_such_folder() -> None:
    result = run("nope/")
    assert result.returncode == 2
    assert stderr_line(result) == "reader: nope/: no such folder"


# Signals to the app -----------------------------------------------------------------------------

_APP_DRIVER = r"""
import os, select, sys
import reader.compare

real_align = reader.compare.align_documents
parent = os.getpid()

def align_once_the_parent_is_gone(*args, **kwargs):
    # In the comparing child: go on (and so write the cache) only after the app has ended,
    # which is what a child the app failed to stop did.
    if os.getpid() != parent:
        while os.getppid() == parent:
            select.select([], [], [], 0.05)
    return real_align(*args, **kwargs)

reader.compare.align_documents = align_once_the_parent_is_gone
from reader.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _read_until(primary: int, wanted: bytes, output: bytearray, deadline: float) -> bool:
    """Read the terminal's output until ``wanted`` appears (True) or it ends (False)."""
    while wanted not in output and time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            output.extend(chunk)
    return wanted in output


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads child processes from /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_to_the_app_restores_the_terminal_and_stops_the_comparing_child(tmp_path: Path, signum: int) -> None:
    cache_dir = tmp_path / "cache"
    env = environment(TERM="xterm-256color", LANG="C.UTF-8", TEXTUAL_ANIMATIONS="none", READER_CACHE_DIR=str(cache_dir))
    process, primary = spawn_in_pty([sys.executable, "-c", _APP_DRIVER, str(LEFT), str(RIGHT)], env, ROOT)
    output = bytearray()
    try:
        deadline = time.monotonic() + TIMEOUT
        assert _read_until(primary, LEFT.name[:12].encode(), output, deadline), bytes(
            output
        )  # the compare screen is up
        children = _children(process.pid)
        assert children, "no comparing child"
        process.send_signal(signum)
        _read_until(primary, b"\x00never\x00", output, deadline)  # everything up to the end
        status = process.wait(timeout=TIMEOUT)
        while any(_alive(child) for child in children) and time.monotonic() < deadline:
            select.select([], [], [], 0.05)
    finally:
        os.close(primary)
        if process.poll() is None:
            process.kill()
    assert status == 128 + signum
    assert not any(_alive(child) for child in children)
    enter = output.rfind(b"\x1b[?1049h")
    after = bytes(output[enter:])
    for mode in (b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?1000l", b"\x1b[?1003l", b"\x1b[?2004l"):
        assert mode in after, mode  # alternate screen left, cursor shown, mouse and paste off
    assert b"Traceback" not in output
    database = cache_dir / "comparisons.sqlite3"
    if database.exists():
        with sqlite3.connect(database) as db:
            assert db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 0
        db.close()


_THREAD_DRIVER = r"""
import os, select, sys
import reader.background, reader.cache

def compare_forever(*args, **kwargs):  # a comparison that never ends, in the app's worker thread
    os.write(2, b"comparing\n")
    while True:
        select.select([], [], [], 1.0)

reader.background.read_and_compare = lambda *args, **kwargs: None  # as where there is no fork
reader.background.start_comparison = lambda *args, **kwargs: None
reader.cache.compare = compare_forever
from reader.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_sigterm_ends_the_app_while_a_worker_thread_still_compares(tmp_path: Path) -> None:
    """Textual's exit waits for its worker threads; after a signal reader does not."""
    env = environment(
        TERM="xterm-256color", LANG="C.UTF-8", TEXTUAL_ANIMATIONS="none", READER_CACHE_DIR=str(tmp_path / "cache")
    )
    process, primary = spawn_in_pty([sys.executable, "-c", _THREAD_DRIVER, str(LEFT), str(RIGHT)], env, ROOT)
    output = bytearray()
    try:
        deadline = time.monotonic() + TIMEOUT
        assert _read_until(primary, b"comparing", output, deadline), bytes(output)
        process.send_signal(signal.SIGTERM)
        _read_until(primary, b"\x00never\x00", output, deadline)
        status = process.wait(timeout=TIMEOUT)
    finally:
        os.close(primary)
        if process.poll() is None:
            process.kill()
    assert status == 143
    assert b"\x1b[?1049l" in output[output.rfind(b"\x1b[?1049h") :]


# The app's lists, typeahead and resize storms (Pilot) -------------------------------------------


def _pair_app() -> ReaderApp:
    from reader.corpus import load_document

    return deterministic(ReaderApp(pair=(load_document(LEFT), load_document(RIGHT))))


@pytest.mark.parametrize("size", [(80, 6), (20, 5), (200, 6)])
async def test_page_down_in_the_change_list_of_a_tiny_terminal(size: tuple[int, int]) -> None:
    app = _pair_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, ChangeList)
        await pilot.press("pagedown", "pagedown", "pageup", "end", "pageup")
        await pilot.pause()
        assert isinstance(app.screen, ChangeList)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
    assert app.return_code in (None, 0)


def _type_ahead(app: ReaderApp, *keys: str) -> None:
    """Keys that arrive in one read: all queued before any is handled."""
    for key in keys:
        app.post_message(events.Key(key, "\r" if key == "enter" else key if len(key) == 1 else None))


async def test_two_enters_in_one_read_dismiss_the_change_list_once_opened_as_a_pair() -> None:
    app = _pair_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        _type_ahead(app, "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
    assert app.return_code in (None, 0)


async def test_two_enters_in_one_read_keep_the_compare_view_opened_from_the_library() -> None:
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pair(pilot)
        await pilot.press("l")
        await pilot.pause()
        _type_ahead(app, "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)  # the second Enter did not pop it
        assert len(app.screen_stack) == 2


async def test_a_seeded_typeahead_burst_never_crashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the burst may open the export dialog: any file goes here
    rng = random.Random(19)
    keys = [
        "enter",
        "escape",
        "l",
        "n",
        "p",
        "o",
        "b",
        "s",
        "t",
        "down",
        "up",
        "pagedown",
        "pageup",
        "end",
        "home",
        "e",
    ]
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pair(pilot)
        for _ in range(5):
            _type_ahead(app, *(rng.choice(keys) for _ in range(12)))
            await settle(pilot)
        assert app.screen_stack  # still running, whatever screen the burst left on top
    assert app.return_code in (None, 0)


async def test_a_resize_storm_down_to_1x1_with_lists_on_top() -> None:
    rng = random.Random(19)
    sizes = [(1, 1), (20, 5), (200, 6), (1, 3), (80, 6), (5, 2), (1, 1), (80, 24)]
    app = deterministic(ReaderApp(str(SEEDS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pair(pilot)
        for opener in ("l", "D"):  # the change list, then the drift list on top of the compare view
            await pilot.resize_terminal(80, 24)
            await pilot.press(opener)
            await settle(pilot)
            for size in sizes:
                await pilot.resize_terminal(*size)
                await pilot.press(rng.choice(["pagedown", "pageup", "down", "end"]))
            await pilot.press("escape")
            await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        await settle(pilot)
        for size in sizes:  # the library
            await pilot.resize_terminal(*size)
            await pilot.press(rng.choice(["down", "pagedown", "up"]))
        await settle(pilot)
    assert app.return_code in (None, 0)


# File names and files that change ---------------------------------------------------------------


async def test_a_file_name_with_a_newline_shows_whole_in_the_library_and_the_compare_header(tmp_path: Path) -> None:
    from textual.widgets import DataTable, Static

    (tmp_path / "first\nhalf.txt").write_text(LEFT.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "second\nhalf.txt").write_text(RIGHT.read_text(encoding="utf-8"), encoding="utf-8")
    app = deterministic(ReaderApp(str(tmp_path)))
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        names = {str(table.get_row_at(row)[1]) for row in range(table.row_count)}
        assert names == {"first␊half.txt", "second␊half.txt"}, names
        screen = await open_pair(pilot)
        titles = str(screen.query_one("#compare-titles", Static).render())
        assert "\n" not in titles and "first␊half" in titles and "second␊half" in titles


async def test_a_file_changed_on_disk_is_noticed_and_r_reloads_it(tmp_path: Path) -> None:
    from reader.corpus import load_document
    from reader.ui.diff_view import DiffView

    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text("Kerry met Wang in Beijing.\n\nThey talked about coal.\n", encoding="utf-8")
    right.write_text("Kerry met Wang in Beijing.\n\nThey talked about coal.\n", encoding="utf-8")
    app = deterministic(ReaderApp(pair=(load_document(left), load_document(right))))
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.comparison is not None
        assert screen.comparison.identical
        screen.check_disk()
        assert not app._notifications  # nothing changed yet
        right.write_text("Kerry met Wang in Shanghai.\n\nThey talked about coal.\n", encoding="utf-8")
        os.utime(right, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))  # a later time on coarse clocks
        screen.check_disk()  # what the 2-second timer calls
        await pilot.pause()
        notices = [notification.message for notification in app._notifications]
        assert any("right.txt changed on disk: R reloads" in notice for notice in notices), notices
        screen.check_disk()
        assert len(app._notifications) == len(notices)  # said once
        await pilot.press("R")
        await settle(pilot)
        comparison = screen.query_one(DiffView).comparison
        assert comparison is not None and not comparison.identical
        assert "Shanghai" in screen.right.text


async def test_the_app_exports_under_a_default_name_from_two_long_cjk_names(tmp_path: Path, monkeypatch) -> None:
    from reader.corpus import load_document
    from reader.ui.export_dialog import ExportDialog

    left, right = tmp_path / ("漢字" * 21 + "左.txt"), tmp_path / ("漢字" * 21 + "右.txt")
    left.write_text("Kerry met Wang in Beijing.\n\nThey talked about coal.\n", encoding="utf-8")
    right.write_text("Kerry met Wang in Beijing on Monday.\n\nThey talked about coal.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    app = deterministic(ReaderApp(pair=(load_document(left), load_document(right))))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
    written = list(out.iterdir())
    assert len(written) == 1 and len(written[0].name.encode()) <= 255
    assert written[0].read_text(encoding="utf-8").startswith("left:")
