"""The corpus overview at scale: folders of 100 and 1,000 news-length documents.

The documents are cut from real prose (``benchmarks/data/5/left.txt`` from ``make_pairs.py``:
Austen and Melville) as stories of about 600 words; each story gets seeded rewrites (word
substitutions, dropped, moved and merged paragraphs, a new paragraph) and an unrelated
document now and then. Each size is measured in a fresh process: the time to list the folder
(``load_folder``), the time of ``build_overview``, and peak memory. Usage::

    .venv/bin/python benchmarks/bench_overview.py [--sizes 100,1000] [--seed 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SOURCE = DATA / "5" / "left.txt"
VARIANTS = 10
"""Documents per story: the story itself and nine rewrites of it."""


def paragraphs() -> list[str]:
    """The source prose, one paragraph per item (made by make_pairs.py if missing)."""
    if not SOURCE.exists():
        subprocess.run([sys.executable, str(HERE / "make_pairs.py"), "--sizes", "5"], check=True)
    return [p.replace("\n", " ") for p in SOURCE.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 20]


def rewrite(story: list[str], rng: random.Random, vocabulary: list[str], extra: list[str]) -> list[str]:
    """A seeded rewrite: word edits, a dropped, a moved and a merged paragraph, one added."""
    result = []
    for paragraph in story:
        words = paragraph.split()
        for _ in range(rng.randint(0, max(1, len(words) // 8))):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        result.append(" ".join(words))
    if len(result) > 4 and rng.random() < 0.7:
        del result[rng.randrange(len(result))]
    if len(result) > 4 and rng.random() < 0.5:
        result.insert(rng.randrange(len(result)), result.pop(rng.randrange(len(result))))
    if len(result) > 4 and rng.random() < 0.5:
        at = rng.randrange(len(result) - 1)
        result[at : at + 2] = [result[at] + " " + result[at + 1]]
    result.insert(rng.randrange(len(result) + 1), rng.choice(extra))
    return result


def make_corpus(count: int, seed: int) -> Path:
    """Write ``count`` documents (once; the same bytes every time) and return the folder."""
    folder = DATA / "corpus" / str(count)
    if folder.is_dir() and len(list(folder.iterdir())) == count:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    source = paragraphs()
    rng = random.Random(seed)
    vocabulary = sorted({w for p in source[:2000] for w in p.split() if w.isalpha()})
    stories = count // VARIANTS
    span = len(source) // stories
    for number in range(stories):
        chunk = source[number * span : (number + 1) * span]
        story, extra = chunk[:8], chunk[8:] or chunk
        title = f"Story {number}: " + " ".join(story[0].split()[:8])
        for variant in range(VARIANTS):
            if variant == VARIANTS - 1 and number % 3 == 0:  # now and then an unrelated document
                body = rng.sample(source, 8)
            else:
                body = story if variant == 0 else rewrite(story, rng, vocabulary, extra)
            text = "\n\n".join([title, *body]) + "\n"
            (folder / f"s{number:03d}_v{variant}.txt").write_text(text, encoding="utf-8")
    return folder


def measure(folder: Path) -> None:
    """Time listing and overview in this process; print one line."""
    sys.path.insert(0, str(HERE.parent))
    from reader.corpus import load_folder
    from reader.overview import build_overview

    start = time.perf_counter()
    corpus = load_folder(folder)
    listed = time.perf_counter() - start
    start = time.perf_counter()
    overview = build_overview(corpus.documents)
    built = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kinds: dict[str, int] = {}
    for relation in overview.relations:
        kinds[relation.kind] = kinds.get(relation.kind, 0) + 1
    print(
        f"{len(corpus.documents):>6} docs  list {listed:6.2f} s  overview {built:6.2f} s  "
        f"peak RSS {rss:6.0f} MB  pairs {len(overview.pairs):>7}  relations {kinds}"
    )


def main() -> None:
    """Generate the folders and measure each in a fresh process."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    print("targets: 1,000 documents list in <= 1 s and finish the overview in <= 10 s")
    for size in (int(s) for s in args.sizes.split(",")):
        folder = make_corpus(size, args.seed)
        subprocess.run([sys.executable, __file__, "--measure", str(folder)], check=True)


if __name__ == "__main__":
    main()
