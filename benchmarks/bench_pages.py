"""Listing a folder of 200 saved web pages: cold (every page through trafilatura) and cached.

The pages are the 64 real HTML pages of ``shared/realpages/html`` when they are beside the
checkout (read in place; each copy into a temporary folder gets a comment of its own, so every
file is a new page to the extraction cache), else pages made from ``tests/documents.html_page``.
Each listing runs ``load_folder`` in a fresh process (imports included), with a fresh cache
folder for the cold run and the same one for the cached run. Nothing is written into the
repository or the real pages. Usage::

    .venv/bin/python benchmarks/bench_pages.py [--pages 200]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

LIST = """
import sys, time
start = time.perf_counter()
from reader.corpus import load_folder
corpus = load_folder(sys.argv[1])
print(f"{time.perf_counter() - start:.3f} {len(corpus.documents)} {len(corpus.errors)}")
"""


def make_folder(folder: Path, count: int) -> str:
    """Fill ``folder`` with ``count`` distinct pages; return where they came from."""
    from tests.realpages import HTML

    real = sorted(HTML.glob("*.html")) if HTML.is_dir() else []
    if real:
        for number in range(count):
            source = real[number % len(real)]
            data = source.read_bytes() + f"\n<!-- copy {number} -->\n".encode()
            (folder / f"{number:03d}_{source.name}").write_bytes(data)
        return f"{len(real)} real pages from {HTML}, cycled"
    from tests.documents import STORY, html_page

    for number in range(count):
        story = [f"{paragraph} Copy {number}." for paragraph in STORY]
        (folder / f"{number:03d}.html").write_bytes(html_page(title=f"Harbour bridge {number}", story=story))
    return "pages made by tests/documents.html_page (the real pages are absent)"


def list_once(folder: Path, cache: Path) -> tuple[float, int, int]:
    """Seconds to list the folder in a fresh process, documents, errors."""
    environment = dict(os.environ, READER_CACHE_DIR=str(cache))
    environment.pop("READER_NO_CACHE", None)
    out = subprocess.run(
        [sys.executable, "-c", LIST, str(folder)], env=environment, check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder, cache = Path(scratch) / "pages", Path(scratch) / "cache"
        folder.mkdir()
        origin = make_folder(folder, args.pages)
        wall = time.perf_counter()
        cold, documents, errors = list_once(folder, cache)
        cached, _, _ = list_once(folder, cache)
        again, _, _ = list_once(folder, cache)
        print(f"{args.pages} saved pages ({origin})")
        print(f"listed: {documents} documents, {errors} unreadable")
        print(f"cold (extraction):   {cold:7.2f} s")
        print(f"cached:              {cached:7.2f} s  (again: {again:.2f} s; target <= 3 s)")
        print(f"(whole run {time.perf_counter() - wall:.1f} s)")


if __name__ == "__main__":
    main()
