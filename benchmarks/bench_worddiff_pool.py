"""Does a process pool pay for the word diffs of a long pair? (issue 20, "the two cores")

    .venv/bin/python benchmarks/bench_worddiff_pool.py [JSON ...] [--workers 2] [--reps 3]

Each JSON is a ``reader diff --format json`` output (``run_all.py`` leaves one beside each pair
as ``reader.json``; default: every ``benchmarks/data/**/reader.json``). The script takes the
rows whose two sides differ, the rows ``reader.compare`` word-diffs, and times, in this one
process:

- ``serial``: ``diff_words`` and ``kept_share`` on every row, one after the other;
- ``pool``: the same rows in a ``ProcessPoolExecutor`` of ``--workers`` forked processes, the
  pool's start-up, the rows sent and the ops sent back included (chunks of 256 rows), and
  checks that the pool's ops are the serial ones.

It prints wall times (medians of ``--reps``) and what the pool saves; the machine's load shows
in both columns alike, and a pool only helps when the second core is free.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from reader.worddiff import Op, diff_words, kept_share

ROOT = Path(__file__).resolve().parent


def changed_rows(path: Path) -> list[tuple[str, str]]:
    """The (left, right) texts of the rows with both sides that are not the same."""
    document = json.loads(path.read_bytes())
    left, right = document["left"]["paragraphs"], document["right"]["paragraphs"]
    pairs = []
    for row in document["rows"]:
        if row["left"] and row["right"] and row["kind"] != "same":
            pairs.append(("\n\n".join(left[i] for i in row["left"]), "\n\n".join(right[j] for j in row["right"])))
    return pairs


def _diff(pair: tuple[str, str]) -> tuple[tuple[Op, ...], float]:
    return diff_words(*pair), kept_share(*pair)


def _chunk(pairs: Sequence[tuple[str, str]]) -> list[tuple[tuple[Op, ...], float]]:
    return [_diff(pair) for pair in pairs]


def serial(pairs: list[tuple[str, str]]) -> list[tuple[tuple[Op, ...], float]]:
    return _chunk(pairs)


def pooled(pairs: list[tuple[str, str]], workers: int, size: int = 256) -> list[tuple[tuple[Op, ...], float]]:
    chunks = [pairs[start : start + size] for start in range(0, len(pairs), size)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return [result for part in pool.map(_chunk, chunks) for result in part]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("json", nargs="*", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    paths = args.json or sorted((ROOT / "data").glob("**/reader.json"))
    if not paths:
        print("no reader.json: run benchmarks/run_all.py first, or name JSON files", file=sys.stderr)
        return 2
    print(f"{'pair':32} {'rows':>6} {'serial s':>9} {'pool s':>8} {'saved':>7}")
    for path in paths:
        pairs = changed_rows(path)
        times: dict[str, list[float]] = {"serial": [], "pool": []}
        expected = None
        for _ in range(args.reps):
            start = time.perf_counter()
            expected = serial(pairs)
            times["serial"].append(time.perf_counter() - start)
            start = time.perf_counter()
            got = pooled(pairs, args.workers)
            times["pool"].append(time.perf_counter() - start)
            if got != expected:
                print(f"{path}: the pool's ops differ from the serial ones", file=sys.stderr)
                return 1
        one, many = statistics.median(times["serial"]), statistics.median(times["pool"])
        folder = path.resolve().parent
        name = str(folder.relative_to(ROOT / "data")) if folder.is_relative_to(ROOT / "data") else str(path)
        print(f"{name:32} {len(pairs):>6} {one:>9.3f} {many:>8.3f} {one - many:>+7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
