"""Where a cold ``reader diff`` spends its time, by module and by function.

    .venv/bin/python benchmarks/profile_diff.py LEFT RIGHT [--top 30] [--sort cumulative]

Runs ``reader diff LEFT RIGHT --format json --no-cache`` once in this process under cProfile
(the output is thrown away) and prints the time spent in each module's own code (``align.py``,
``boilerplate.py``, ``<builtin>`` for C functions such as regular expressions) and then the
``--top`` functions. cProfile slows Python calls more than C ones, so read the shares, not the
seconds. Example: ``benchmarks/profile_diff.py benchmarks/data/dictionary/1/{left,right}.txt``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
from collections import defaultdict
from collections.abc import Sequence
from contextlib import redirect_stdout


def by_module(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Own time per module, largest first."""
    totals: dict[str, float] = defaultdict(float)
    for (path, _line, _name), (_calls, _primitive, own, _cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if path == "~":
            module = "<builtin>"
        elif "/reader/" in path:
            module = "reader/" + path.split("/reader/")[-1]
        else:
            module = path.rsplit("/", 1)[-1]
        totals[module] += own
    return sorted(totals.items(), key=lambda item: -item[1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("left")
    parser.add_argument("right")
    parser.add_argument("--top", type=int, default=30, help="functions to list (default 30)")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (default cumulative)")
    args = parser.parse_args(argv)
    os.environ["READER_NO_CACHE"] = "1"
    from reader.cli import main as reader_main

    profile = cProfile.Profile()
    with redirect_stdout(io.StringIO()):
        profile.runcall(reader_main, ["diff", args.left, args.right, "--format", "json", "--no-cache"])
    stats = pstats.Stats(profile)
    modules = by_module(stats)
    total = sum(seconds for _, seconds in modules)
    print(f"own time by module (total {total:.2f} s under cProfile)")
    for module, seconds in modules[:15]:
        print(f"  {seconds:7.3f} s  {100 * seconds / total:5.1f} %  {module}")
    print()
    stats.sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
