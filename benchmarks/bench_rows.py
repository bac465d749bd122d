"""The stage of a cold ``reader diff`` after the alignment: rows, stats, links and the JSON out.

    .venv/bin/python benchmarks/bench_rows.py LEFT RIGHT [--repeat 5]

Aligns the pair (untimed), then times each step that follows, on one core, and keeps the
fastest of ``--repeat`` runs (the machine's noise only ever adds time): the rows (word diffs
and kinds: :meth:`reader.compare.StagedComparison.first_rows` over every row), their stats
(:func:`reader.compare.summarize`), the links across rows
(:func:`reader.compare.cross_row_links`) and the JSON export. It uses only calls that older
checkouts have too, so two checkouts can be timed turn about on a loaded machine. Example::

    .venv/bin/python benchmarks/bench_rows.py benchmarks/data/dictionary/1/{left,right}.txt
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from collections.abc import Callable, Sequence
from typing import Any


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("left")
    parser.add_argument("right")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ["READER_NO_FORK"] = "1"  # links in this process: their CPU time, not the other core's

    from reader.compare import Comparison, StagedComparison, cross_row_links, summarize
    from reader.corpus import load_document
    from reader.exporters import FORMATS

    left, right = load_document(args.left), load_document(args.right)
    best: dict[str, float] = {}

    def timed(name: str, step: Callable[..., Any], *arguments: Any, **options: Any) -> Any:
        gc.disable()  # as the engine builds rows and exports (reader.compare.gc_paused)
        start = time.perf_counter()
        result = step(*arguments, **options)
        best[name] = min(best.get(name, float("inf")), time.perf_counter() - start)
        gc.enable()
        return result

    for _ in range(args.repeat):
        staged = StagedComparison(left, right)
        rows = timed("rows", staged.first_rows, staged.total)
        stats = timed("stats", summarize, rows)
        links = timed("links", cross_row_links, left, right, staged.groups)
        comparison = Comparison(left, right, rows, stats, False, links)
        timed("json", FORMATS["json"].render, comparison, width=100, changes_only=False)
    print(" ".join(f"{name} {seconds:.4f}" for name, seconds in best.items()), f"stage {sum(best.values()):.4f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
