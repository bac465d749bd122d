"""The corpus index at scale: story families across 10,000 and 100,000 news-length documents.

Stories are built from real public-domain prose (``benchmarks/data/5/left.txt`` from
``make_pairs.py``: Austen and Melville), sentence by sentence, about 600 words each, under a
headline that names the story's topic. Each story is seeded as a family (the seed truth):

- the original, with a publication date;
- versions (a few words changed, a paragraph dropped or added, a later date);
- rewrites (one word in eight replaced, a paragraph moved, two merged, one added);
- condensed rewrites (about half the paragraphs kept, lightly edited);

and many stories stay alone: lone stories on a topic shared with a family (same names in the
headline and the text, and one sentence in common, as independent reports quoting the same
line). A third of the documents carry web cruft (subscription prompts, share buttons,
copyright footers, bylines), the same lines across unrelated stories.

For each size it prints, each measured in a fresh process: index time and peak memory (the
client and its worker processes together, sampled), pairwise family precision, recall and F1
against the seed truth, the time to add 1,000 documents to the existing index, the time with
1 and 2 local workers (``--workers``), and the growth exponent between sizes. Usage::

    .venv/bin/python benchmarks/bench_index.py [--sizes 2000,10000] [--workers 1,2] [--seed 5]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SOURCE = DATA / "5" / "left.txt"
EXTRA = 1000
"""Documents added to an existing index in the incremental measurement."""

_CRUFT = [
    "Subscribe to our newsletter for the latest news",
    "Linkedin Pinterest",
    "Sign up for our daily briefing",
    "© 2024 Daily Planet Media. All rights reserved.",
    "Copyright 2024 The Herald",
]
_BYLINES = ["By Jane Roe", "By John Doe", "By Ada Lane", "By Sam Kirk", "By Lee Park"]


def sentences() -> list[str]:
    """Sentences of the source prose (made by make_pairs.py if missing)."""
    if not SOURCE.exists():
        subprocess.run([sys.executable, str(HERE / "make_pairs.py"), "--sizes", "5"], check=True)
    text = " ".join(SOURCE.read_text(encoding="utf-8").split())
    found = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text)
    return [s for s in found if 8 <= len(s.split()) <= 45]


class Generator:
    """Seeded stories, families and lone stories, written as files with a truth file."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.pool = sentences()
        self.vocabulary = sorted({w for s in self.pool[:5000] for w in s.split() if w.isalpha() and len(w) > 3})
        self.names = sorted({w for w in self.vocabulary if w[0].isupper()})
        self.story = 0

    def _body(self, topic: list[str]) -> list[str]:
        paragraphs = []
        for number in range(8):
            chosen = self.rng.sample(self.pool, 3)
            if number % 3 == 0:
                chosen[0] = f"{self.rng.choice(topic)} said that " + chosen[0][0].lower() + chosen[0][1:]
            paragraphs.append(" ".join(chosen))
        return paragraphs

    def _edit(self, paragraphs: list[str], rate: float) -> list[str]:
        result = []
        for paragraph in paragraphs:
            words = paragraph.split()
            for _ in range(int(len(words) * rate + self.rng.random())):
                words[self.rng.randrange(len(words))] = self.rng.choice(self.vocabulary)
            result.append(" ".join(words))
        return result

    def _version(self, body: list[str]) -> list[str]:
        result = self._edit(body, 1 / 30)
        if self.rng.random() < 0.5:
            del result[self.rng.randrange(1, len(result))]
        if self.rng.random() < 0.5:
            result.append(" ".join(self.rng.sample(self.pool, 2)))
        return result

    def _rewrite(self, body: list[str]) -> list[str]:
        result = self._edit(body, 1 / 8)
        result.insert(self.rng.randrange(len(result)), result.pop(self.rng.randrange(len(result))))
        at = self.rng.randrange(len(result) - 1)
        result[at : at + 2] = [result[at] + " " + result[at + 1]]
        result.insert(self.rng.randrange(len(result) + 1), " ".join(self.rng.sample(self.pool, 3)))
        return result

    def _condensed(self, body: list[str]) -> list[str]:
        kept = [body[0]] + sorted(self.rng.sample(body[1:], len(body) // 2 - 1), key=body.index)
        return self._edit(kept, 1 / 20)

    def _document(self, title: str, body: list[str], day: int) -> str:
        lines = [title]
        cruft = self.rng.random() < 0.33
        if cruft:
            lines.append(self.rng.choice(_BYLINES))
        lines.append(f"Published: {('January', 'February', 'March')[day // 28 % 3]} {day % 28 + 1}, 2024")
        lines.extend(body)
        if cruft:
            lines.insert(len(lines) // 2, self.rng.choice(_CRUFT[:3]))
            lines.append(self.rng.choice(_CRUFT[3:]))
        return "\n\n".join(lines) + "\n"

    def stories(self, count: int) -> list[tuple[int, str]]:
        """About ``count`` documents as (story id, text); lone stories share a family's topic."""
        documents: list[tuple[int, str]] = []
        while len(documents) < count:
            topic = self.rng.sample(self.names, 3)
            headline = " ".join(self.rng.sample(self.vocabulary, 5))
            title = f"{topic[0]} and {topic[1]}: {headline}"
            body = self._body(topic)
            day = self.rng.randrange(80)
            size = self.rng.choice([2, 2, 3, 3, 4, 5, 6, 8])
            story = self.story
            self.story += 1
            documents.append((story, self._document(title, body, day)))
            makers = [self._version, self._rewrite, self._condensed]
            for number in range(1, size):
                maker = makers[number % 3] if number > 1 else self.rng.choice(makers)
                documents.append((story, self._document(title, maker(body), day + self.rng.randrange(1, 4))))
            for _ in range(self.rng.choice([1, 2, 3])):  # lone stories on the same topic
                lone = self._body(topic)
                lone[self.rng.randrange(len(lone))] += " " + body[0].split(". ")[0] + "."
                documents.append(
                    (
                        self.story,
                        self._document(
                            f"{topic[0]} and {topic[2]}: " + " ".join(self.rng.sample(self.vocabulary, 5)),
                            lone,
                            day + self.rng.randrange(5),
                        ),
                    )
                )
                self.story += 1
        return documents[:count]

    def write(self, folder: Path, documents: list[tuple[int, str]], truth: dict[str, int]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for story, text in documents:
            name = f"{self.rng.getrandbits(48):012x}.txt"
            (folder / name).write_text(text, encoding="utf-8")
            truth[name] = story


def make_corpus(count: int, seed: int) -> tuple[Path, Path]:
    """Write ``count`` documents and EXTRA more (once; the same bytes every time)."""
    base = DATA / "index" / f"{count}-{seed}"
    folder, extra, truth_path = base / "corpus", base / "extra", base / "truth.json"
    if truth_path.exists():
        return folder, extra
    shutil.rmtree(base, ignore_errors=True)
    generator = Generator(seed)
    truth: dict[str, int] = {}
    generator.write(folder, generator.stories(count), truth)
    generator.write(extra, generator.stories(EXTRA), truth)
    truth_path.write_text(json.dumps(truth), encoding="utf-8")
    return folder, extra


class PeakMemory:
    """Samples the resident memory of this process and its children (the Dask workers)."""

    def __init__(self) -> None:
        import psutil

        self.process = psutil.Process()
        self.peak = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.wait(0.25):
            total = 0
            for process in [self.process, *self.process.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                    times = process.cpu_times()
                    self.cpu[process.pid] = times.user + times.system
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)

    @property
    def cpu_seconds(self) -> float:
        """CPU time of this process and its children, as last sampled (load does not inflate it)."""
        return sum(self.cpu.values())

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def pairwise_scores(found: set[tuple[str, str]], truth: dict[str, int], names: set[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of same-family pairs among ``names``."""
    by_story: dict[int, list[str]] = {}
    for name in names:
        by_story.setdefault(truth[name], []).append(name)
    expected = {(a, b) for group in by_story.values() for a in sorted(group) for b in sorted(group) if a < b}
    hits = len(found & expected)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(expected) if expected else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def measure(folder: Path, extra: Path, workers: int, incremental: bool) -> None:
    """Index the folder with a fresh index in this process and print one JSON line."""
    sys.path.insert(0, str(HERE.parent))
    from contextlib import ExitStack

    from reader.index import build_index, dask_client, pairs_of, read_families

    index = DATA / "index" / f"bench-{os.getpid()}.sqlite3"
    result: dict[str, object] = {"workers": workers}
    try:
        with ExitStack() as stack, PeakMemory() as memory:
            client = stack.enter_context(dask_client(workers=workers))
            start = time.perf_counter()
            began = time.perf_counter()

            def stage_done(stage: str, done: int, total: int) -> None:  # partial figures on stderr
                if done == total:
                    print(
                        f"  {stage} {total} done at {time.perf_counter() - began:.0f} s, "
                        f"{memory.cpu_seconds:.0f} CPU s, peak {memory.peak / 2**20:.0f} MB so far",
                        file=sys.stderr,
                        flush=True,
                    )

            report = build_index(folder, index, lambda: client, progress=stage_done)
            result["index_s"] = round(time.perf_counter() - start, 1)
            result["index_cpu_s"] = round(memory.cpu_seconds, 1)
            result["stages"] = report.seconds
            result["documents"] = report.documents
            result["candidates"] = report.candidates
            result["links"] = report.links
            if incremental:
                for path in extra.iterdir():
                    os.link(path, folder / path.name)
                try:
                    cpu_before = memory.cpu_seconds
                    start = time.perf_counter()
                    added = build_index(folder, index, lambda: client)
                    result["add_1000_s"] = round(time.perf_counter() - start, 1)
                    result["add_1000_cpu_s"] = round(memory.cpu_seconds - cpu_before, 1)
                    result["added"] = added.added
                    result["add_stages"] = added.seconds
                finally:
                    for path in extra.iterdir():
                        (folder / path.name).unlink(missing_ok=True)
        result["peak_mb"] = round(memory.peak / 2**20)
        families = read_families(index)
        truth = json.loads((folder.parent / "truth.json").read_text(encoding="utf-8"))
        names = {d.name for f in families.families for d in f.members} | {d.name for d in families.singletons}
        precision, recall, f1 = pairwise_scores(pairs_of(families), truth, names)
        result.update(
            precision=round(precision, 4),
            recall=round(recall, 4),
            f1=round(f1, 4),
            families=len(families.families),
            alone=len(families.singletons),
        )
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{index}{suffix}").unlink(missing_ok=True)
    print(json.dumps(result), flush=True)


def compare_schedulers(folder: Path, workers: int) -> None:
    """Sign every file of ``folder`` on a LocalCluster of processes and on dask's local
    multiprocessing scheduler (no distributed); print both times, start-up included."""
    sys.path.insert(0, str(HERE.parent))
    import dask
    from distributed import Client, LocalCluster

    from reader.index import SIGN_BATCH, lsh_shape, sign_batch

    root = str(folder.resolve())
    names = sorted(os.listdir(root))
    batches = [names[i : i + SIGN_BATCH] for i in range(0, len(names), SIGN_BATCH)]
    shape = lsh_shape()
    start = time.perf_counter()
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        for future in client.map(sign_batch, [root] * len(batches), batches, shape=shape, pure=False):
            future.result()
    cluster_s = time.perf_counter() - start
    start = time.perf_counter()
    tasks = [dask.delayed(sign_batch)(root, batch, shape) for batch in batches]
    dask.compute(*tasks, scheduler="processes", num_workers=workers)
    local_s = time.perf_counter() - start
    print(
        f"signing {len(names)} files with {workers} workers: LocalCluster (processes) {cluster_s:.1f} s, "
        f"dask local multiprocessing scheduler {local_s:.1f} s",
        flush=True,
    )


def main() -> None:
    """Generate the corpora and measure each size (and worker count) in a fresh process."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--workers", default="2", help="local worker counts to time, e.g. 1,2")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--measure", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--with-workers", type=int, default=2, help=argparse.SUPPRESS)
    parser.add_argument("--incremental", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--schedulers",
        action="store_true",
        help="also compare a LocalCluster with dask's local multiprocessing scheduler (signing only)",
    )
    args = parser.parse_args()
    if args.measure:
        measure(*args.measure, args.with_workers, args.incremental)
        return
    print(
        "targets: 100,000 documents <= 15 min and <= 4 GB; adding 1,000 <= 30 s; pairwise family F1 >= 0.95", flush=True
    )
    times: dict[int, float] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        start = time.perf_counter()
        folder, extra = make_corpus(size, args.seed)
        print(f"{size} documents generated in {time.perf_counter() - start:.0f} s", flush=True)
        worker_counts = [int(w) for w in args.workers.split(",")]
        for workers in worker_counts:
            command = [sys.executable, __file__, "--measure", str(folder), str(extra), "--with-workers", str(workers)]
            if workers == max(worker_counts):
                command.append("--incremental")
            output = (
                subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()[-1]
            )
            result = json.loads(output)
            print(f"{size:>7} docs  {workers} worker(s)  " + json.dumps(result), flush=True)
            if workers == max(worker_counts):
                times[size] = float(result["index_s"])  # type: ignore[arg-type]
        if args.schedulers:
            compare_schedulers(folder, max(worker_counts))
    sizes = sorted(times)
    if len(sizes) >= 2:
        exponent = math.log(times[sizes[-1]] / times[sizes[0]]) / math.log(sizes[-1] / sizes[0])
        print(f"growth exponent {exponent:.2f} (time ~ documents^k between {sizes[0]} and {sizes[-1]})")


if __name__ == "__main__":
    main()
