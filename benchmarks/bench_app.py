"""The app as a user feels it: first screen and key-to-screen latency, in a real terminal.

Runs ``reader`` in a detached tmux pane through the harness ``tui.py`` (``--harness``,
default ``../shared/tools/tui.py`` next to the checkout) and prints a table:

- first screen of ``reader seeds/`` against the first paint of an empty Textual app
  (medians of ``--runs`` launches; the target is at most 1.5x);
- first screen of the compare view of each benchmark pair (``reader LEFT RIGHT``): in tmux
  without the cache and with it, and headless (Pilot, no terminal) without it. The first
  screen is up when the header shows either the whole comparison's stats ("words kept") or,
  while the rest is word-diffed, "rows aligned": the view then shows the first rows with
  their word-diff colours, the current row in the status line. The cold line also gives the
  time until the whole comparison is on screen ("words kept");
- key-to-screen latency in the compare view for ``n``/``p``, ``PageDown``/``PageUp`` and
  ``j``/``k`` (medians and maxima of 20 presses each).

Needs tmux and the pairs from ``make_pairs.py``. Usage::

    .venv/bin/python benchmarks/bench_app.py [--sizes 1,5] [--runs 5] [--size 80x24]
    .venv/bin/python benchmarks/bench_app.py --pairs 1,scripture/1,glossary/1,dictionary/1 --first-screen-only
    .venv/bin/python benchmarks/bench_app.py --headless LEFT RIGHT   # one headless first screen

``--pairs`` names pair folders under ``benchmarks/data`` (one per kind of prose: ``1`` is the
1 MB novels pair, ``scripture/1`` the 1 MB scripture pair); it replaces ``--sizes``.
``--first-screen-only`` skips the library and the key latencies. A ``PYTHONPATH`` set for the
benchmark is passed to the pane (to measure another checkout's ``reader`` package).
``--against OTHER/bin/reader`` measures another checkout's ``reader`` in the same run, cold
launches alternating with this one's (the machine's load then weighs on both alike).
``--poll SECONDS`` is the pause between two screen captures (default 0.01: see
:data:`POLL_SECONDS`)::

    .venv/bin/python benchmarks/bench_app.py --pairs glossary/1 --first-screen-only --runs 5 \
        --against /work/main/.venv/bin/reader
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
READER = Path(sys.executable).parent / "reader"
COMPARE_READY = "words kept"
"""Text of the compare view's summary line (``reader.measures.WORDS_KEPT``): the whole comparison is up."""
FIRST_ROWS_READY = "rows aligned"
"""The header while the first rows are shown and the rest is word-diffed
(``reader.ui.compare_screen.ROWS_ALIGNED``)."""
FIRST_SCREEN = f"{COMPARE_READY}|{FIRST_ROWS_READY}"
"""Either: the first screen of the compare view is up (a regular expression)."""
CURRENT_ROW = r"row \d+/\d+"
"""The status line's current row: the view shows rows, not a spinner."""
ROW_DRAWN = "▶"
"""The current row's gutter mark (``reader.ui.diff_view.CURSOR_MARKS``): rows are drawn on
screen, not only the header and the status line."""

POLL_SECONDS = 0.01
"""Pause between two screen captures. Without one, the harness runs ``tmux capture-pane`` about
every 2 ms, and it and the tmux server take most of a core from the app being measured: the
app's two processes (Textual here, the comparing child) then share the other one (measured on
the 1 MB glossary pair: the child's alignment took 0.45 s under busy polling, 0.29 s without).
A pause of 10 ms adds at most 10 ms to a figure, 5 ms on average."""

EMPTY_APP = """
from textual.app import App
from textual.widgets import Static

class Empty(App):
    def compose(self):
        yield Static("ready")

Empty().run()
"""


def load_harness(path: Path) -> ModuleType:
    """Import the tmux harness from its file."""
    spec = importlib.util.spec_from_file_location("tui", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the harness {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["tui"] = module
    spec.loader.exec_module(module)
    return module


def start_session(tui: ModuleType, cmd: str, size: tuple[int, int], env: dict[str, str] | None = None):
    """A started harness session; a tmux server that dies while starting is tried twice more
    (it happens now and then when one session follows another closely)."""
    if "PYTHONPATH" in os.environ:  # the pane's environment is clean: an older checkout put first must reach it
        env = {**(env or {}), "PYTHONPATH": os.environ["PYTHONPATH"]}
    for attempt in range(3):
        session = tui.Session(cmd, size=size, cwd=ROOT, env=env)
        try:
            return session.start()
        except tui.TuiError:
            session.kill()
            if attempt == 2:
                raise
            time.sleep(0.5)
    raise AssertionError("unreachable")


def first_paint(
    tui: ModuleType,
    cmd: str,
    expect: str,
    size: tuple[int, int],
    runs: int,
    env: dict[str, str] | None = None,
    *,
    rows_drawn: bool = False,
) -> float:
    """Median seconds from launch until ``expect`` (a regular expression) is on screen, and with
    ``rows_drawn`` until the rows are drawn too (:data:`ROW_DRAWN`)."""
    times = []
    for _ in range(runs):
        with start_session(tui, cmd, size, env) as session:
            seen = session.wait_for(expect, timeout=60, regex=True)
            times.append(session.wait_for(ROW_DRAWN, timeout=10) if rows_drawn else seen)
    return statistics.median(times)


def cold_paints(tui: ModuleType, commands: list[str], size: tuple[int, int], runs: int) -> list[tuple[float, float]]:
    """Per command, the median seconds from a cold launch to the first screen and to the whole
    comparison on screen; the commands' launches alternate."""
    firsts: list[list[float]] = [[] for _ in commands]
    wholes: list[list[float]] = [[] for _ in commands]
    for run in range(runs):
        order = list(enumerate(commands))
        for number, cmd in order if run % 2 == 0 else reversed(order):
            with start_session(tui, cmd, size, env={"READER_NO_CACHE": "1"}) as session:
                session.wait_for(FIRST_SCREEN, timeout=60, regex=True)
                firsts[number].append(session.wait_for(ROW_DRAWN, timeout=10))  # the rows, drawn
                session.wait_for(CURRENT_ROW, timeout=10, regex=True)  # (a frame may be drawn in two writes)
                wholes[number].append(session.wait_for(COMPARE_READY, timeout=60))
    return [(statistics.median(first), statistics.median(whole)) for first, whole in zip(firsts, wholes)]


def latencies(tui: ModuleType, cmd: str, size: tuple[int, int]) -> dict[str, dict[str, float | None]]:
    """Key-to-screen latency in the compare view, per key pair."""
    results = {}
    with start_session(tui, cmd, size) as session:
        session.wait_for(COMPARE_READY, timeout=60)
        session.wait_stable(quiet=0.5, timeout=30)
        for name, keys in (("n/p", ["n", "p"]), ("PgDn/PgUp", ["PageDown", "PageUp"]), ("j/k", ["j", "k"])):
            series = session.latency_series(keys, 20)
            results[name] = series["screen_ms"]
    return results


def headless_first_screen(left: Path, right: Path) -> float:
    """Seconds from loading the two files to a laid-out compare view, without a terminal."""
    from reader.app import ReaderApp
    from reader.corpus import load_document
    from reader.ui.diff_view import DiffView

    async def run() -> float:
        start = time.perf_counter()
        app = ReaderApp(pair=(load_document(left), load_document(right)))
        async with app.run_test(size=(160, 48)) as pilot:
            while True:
                await pilot.pause(0.005)
                views = app.screen.query(DiffView)
                if views and views.first().comparison is not None:
                    return time.perf_counter() - start

    return asyncio.run(run())


def main() -> None:
    """Measure and print the table."""
    if sys.argv[1:2] == ["--headless"]:  # one headless first screen, for run_all.py's table
        headless_first_screen(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,5", help="benchmark pairs (MB), from make_pairs.py")
    parser.add_argument("--runs", type=int, default=5, help="launches per first-paint median")
    parser.add_argument("--size", default="80x24", help="terminal size")
    parser.add_argument("--harness", type=Path, default=ROOT.parent / "shared" / "tools" / "tui.py")
    parser.add_argument("--pairs", help="pair folders under benchmarks/data, e.g. 1,scripture/1 (replaces --sizes)")
    parser.add_argument(
        "--first-screen-only", action="store_true", help="only the compare view's first screens (no library, no keys)"
    )
    parser.add_argument("--against", help="another checkout's reader executable, measured cold in the same run")
    parser.add_argument(
        "--poll",
        type=float,
        default=POLL_SECONDS,
        help="seconds between screen captures (default %(default)s; 0 polls without pause, as the harness does)",
    )
    args = parser.parse_args()
    tui = load_harness(args.harness)
    tui.POLL = args.poll
    width, height = (int(n) for n in args.size.split("x"))
    size = (width, height)

    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "empty_app.py"
        empty.write_text(EMPTY_APP)
        empty_s = first_paint(tui, f"{sys.executable} {empty}", "ready", size, args.runs)
    print(f"terminal {args.size}, medians of {args.runs} launches")
    print(f"{'first screen':<44}{'seconds':>9}{'ratio':>8}")
    print(f"{'empty Textual app':<44}{empty_s:>9.3f}{1:>8.2f}")
    if not args.first_screen_only:
        seeds_s = first_paint(tui, f"{READER} seeds/", "000_", size, args.runs)
        print(f"{'reader seeds/ (library)':<44}{seeds_s:>9.3f}{seeds_s / empty_s:>8.2f}   target <= 1.5")

    for size_mb in (args.pairs or args.sizes).split(","):
        left, right = DATA / size_mb / "left.txt", DATA / size_mb / "right.txt"
        if not left.exists():
            print(f"{size_mb}: no data; run benchmarks/make_pairs.py")
            continue
        cmd = f"{READER} {left} {right}"
        runs = args.runs
        commands = [cmd] + ([f"{args.against} {left} {right}"] if args.against else [])
        paints = cold_paints(tui, commands, size, runs)
        (cold, cold_whole) = paints[0]
        first_paint(tui, cmd, COMPARE_READY, size, 1)  # fills the cache (the cold runs did not)
        warm = first_paint(tui, cmd, FIRST_SCREEN, size, runs, rows_drawn=True)
        os.environ["READER_NO_CACHE"] = "1"
        headless = headless_first_screen(left, right)
        del os.environ["READER_NO_CACHE"]
        label = size_mb if args.pairs else f"{size_mb} MB"
        print(f"{f'compare {label} pair, tmux, cold':<44}{cold:>9.3f}{cold / empty_s:>8.2f}")
        print(f"{'  whole comparison on screen':<44}{cold_whole:>9.3f}{cold_whole / empty_s:>8.2f}")
        if args.against:
            other, other_whole = paints[1]
            print(f"{'  --against, cold (same run)':<44}{other:>9.3f}{other / empty_s:>8.2f}")
            print(f"{'  --against, whole on screen':<44}{other_whole:>9.3f}{other_whole / empty_s:>8.2f}")
        print(f"{f'compare {label} pair, tmux, cached':<44}{warm:>9.3f}{warm / empty_s:>8.2f}")
        print(f"{f'compare {label} pair, headless, cold':<44}{headless:>9.3f}", flush=True)
        if args.first_screen_only:
            continue
        for name, figures in latencies(tui, cmd, size).items():
            print(f"  {size_mb} MB key {name:<10} median {figures['median']} ms, max {figures['max']} ms")


if __name__ == "__main__":
    main()
