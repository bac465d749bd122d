"""The last step of ``reader diff``: rendering a finished comparison in each format.

    .venv/bin/python benchmarks/bench_render.py [--pairs 1,dictionary/1] [--formats text,json] [--repeat 5]
                                                [--width 100] [--profile FORMAT] [--data FOLDER]

Compares each pair once (untimed, on one core), then renders it ``--repeat`` times in each
format, as ``reader diff --format F --width W`` does (``FORMATS[F].render``), and prints the
median and the fastest render per format. Only calls that older checkouts have too are used,
so two checkouts can be timed turn about on a loaded machine (``PYTHONPATH=OTHER/`` runs this
script on another checkout's ``reader``). ``--profile F`` prints the top of a cProfile of one
render of format F per pair instead. Example::

    .venv/bin/python benchmarks/bench_render.py --pairs dictionary/1,glossary/1,scripture/1,1
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
FORMAT_NAMES = "text,ansi,inline,markdown,html,json"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", default="1,scripture/1,glossary/1,dictionary/1", help="folders under data/")
    parser.add_argument("--formats", default=FORMAT_NAMES)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--width", type=int, default=100)
    parser.add_argument("--profile", metavar="FORMAT", help="profile one render of FORMAT instead")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of pairs (default: benchmarks/data)")
    args = parser.parse_args(argv)
    os.environ["READER_NO_FORK"] = "1"  # the comparison in this process: nothing to wait for

    from reader.compare import compare
    from reader.corpus import load_document
    from reader.exporters import FORMATS

    for pair in args.pairs.split(","):
        folder = args.data / pair
        if not (folder / "left.txt").exists():
            print(f"{pair}: no pair (run benchmarks/make_pairs.py)")
            continue
        comparison = compare(load_document(folder / "left.txt"), load_document(folder / "right.txt"))
        if args.profile:
            render = FORMATS[args.profile].render
            render(comparison, width=args.width, changes_only=False)  # imports the exporter
            profile = cProfile.Profile()
            profile.runcall(render, comparison, width=args.width, changes_only=False)
            print(f"== {pair} {args.profile}")
            pstats.Stats(profile).sort_stats("tottime").print_stats(15)
            continue
        figures = []
        for name in args.formats.split(","):
            render = FORMATS[name].render
            output = render(comparison, width=args.width, changes_only=False)  # imports the exporter
            seconds = []
            for _ in range(args.repeat):
                gc.disable()  # as reader diff renders (cli._no_cycle_collection)
                start = time.perf_counter()
                render(comparison, width=args.width, changes_only=False)
                seconds.append(time.perf_counter() - start)
                gc.enable()
            figures.append(f"{name} {statistics.median(seconds):.4f} ({min(seconds):.4f}, {len(output) / 1e6:.1f} MB)")
        print(f"{pair}: {len(comparison.rows)} rows; render median (fastest, output size) s:", "  ".join(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
