"""Time the aligner and the link pass alone, per kind of prose, on the benchmark pairs.

    .venv/bin/python benchmarks/bench_align.py [--pairs scripture/1,dictionary/5] [--reps 3] [--profile]

Documents are loaded once (as ``reader diff`` loads them); then ``align`` and ``find_links``
are timed in process, ``--reps`` times each (median; CPU time beside wall time, since the
machine may be shared). A digest of the groups and links is printed, so that two versions of
the code can be checked for identical output on every pair. ``--profile`` prints the top of
a cProfile of one ``align`` call instead.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import hashlib
import pstats
import statistics
import sys
import time
from pathlib import Path

from reader.align import align
from reader.compare import _title_pair, compare
from reader.corpus import load_document
from reader.links import find_links

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_PAIRS = "1,5,scripture/1,scripture/5,glossary/1,dictionary/1,dictionary/5"


def _pair_dir(name: str) -> Path:
    return DATA / name


def _timed(function, reps: int) -> tuple[float, float, object]:
    walls, cpus, result = [], [], None
    for _ in range(reps):
        gc.collect()
        gc.disable()
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        gc.enable()
    return statistics.median(walls), statistics.median(cpus), result


def main(argv: list[str] | None = None) -> int:
    """Time align and find_links on each pair; print one line per pair."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", default=DEFAULT_PAIRS, help="pair folders under benchmarks/data")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="profile one align call per pair")
    args = parser.parse_args(argv)
    print(f"{'pair':<16} {'paras':>13} {'align s':>8} {'cpu':>6} {'links s':>8} {'cpu':>6}  digest")
    for name in args.pairs.split(","):
        folder = _pair_dir(name)
        if not (folder / "left.txt").exists():
            print(f"{name:<16} missing (run benchmarks/make_pairs.py)")
            continue
        left, right = load_document(str(folder / "left.txt")), load_document(str(folder / "right.txt"))
        texts = ([p.text for p in left.paragraphs], [p.text for p in right.paragraphs])
        flags = ([p.is_boilerplate for p in left.paragraphs], [p.is_boilerplate for p in right.paragraphs])

        run_align = functools.partial(
            align, *texts, left_boilerplate=flags[0], right_boilerplate=flags[1], titles=_title_pair(left, right)
        )

        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(run_align)
            print(f"== {name}")
            pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(18)
            continue
        align_wall, align_cpu, groups = _timed(run_align, args.reps)
        rows = [(g.left, g.right) for g in compare(left, right).rows]
        run_links = functools.partial(find_links, *texts, rows, left_boilerplate=flags[0], right_boilerplate=flags[1])
        links_wall, links_cpu, links = _timed(run_links, args.reps)
        digest = hashlib.sha256(repr((groups, links)).encode()).hexdigest()[:12]
        counts = f"{len(texts[0])}/{len(texts[1])}"
        print(
            f"{name:<16} {counts:>13} {align_wall:8.3f} {align_cpu:6.2f} {links_wall:8.3f} {links_cpu:6.2f}  {digest}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
