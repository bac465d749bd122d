"""Command line of the corpus index: ``reader index DIR`` and ``reader families DIR``.

Also what ``reader overview DIR`` does on a folder of more than
:data:`reader.index.LARGE_FOLDER` files: it reads the families from the index instead of
comparing every pair.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reader.index import IndexUnusable
from reader.text import one_line, sanitize

if TYPE_CHECKING:
    from reader.index import IndexReport, Progress

_STAGES = {
    "reading": "reading files",
    "linking": "linking candidates",
    "families": "finding families",
    "relations": "relating family members",
}


def _add_index_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--index", metavar="PATH", help="the index file (default: beside the comparison cache, one per folder)"
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://10.0.0.5:8786); "
        "the workers must see DIR at the same path",
    )
    parser.add_argument(
        "--workers", type=int, metavar="N", help="local worker processes (default: this machine's cores)"
    )


def index_parser(parser_class: type[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """The parser of ``reader index``."""
    parser = parser_class(
        prog="reader index",
        description="Build or update the index of a large folder: a fingerprint and MinHash signature "
        "per document, story families (documents that share enough content to be versions of one story) "
        "and the relations inside each family. Only new, changed and deleted files are read again.",
        epilog="The work runs on Dask: this machine's cores by default, or a cluster with --scheduler. "
        "The folder is only read.",
    )
    parser.add_argument("folder", metavar="DIR", help="a folder of documents")
    _add_index_options(parser)
    parser.add_argument(
        "--no-cache", action="store_true", help="start the index afresh instead of updating what it holds"
    )
    return parser


def families_parser(parser_class: type[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """The parser of ``reader families``."""
    parser = parser_class(
        prog="reader families",
        description="List the story families of a folder (updating its index first): size, likely "
        "original, date range and title of each, then the documents that belong to none.",
    )
    parser.add_argument("folder", metavar="DIR", help="a folder of documents")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json (reader.families/1)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    parser.add_argument("--force", action="store_true", help="with -o, replace FILE if it exists")
    _add_index_options(parser)
    return parser


def resolve_index_path(folder: str, given: str | None) -> Path:
    """The index file to use.

    Raises:
        IndexUnusable: There is no folder, or no place for the index.
    """
    from reader.index import default_index_path

    if not os.path.isdir(folder):
        raise IndexUnusable(f"{sanitize(folder)}: not a folder")
    if given:
        return Path(given)
    path = default_index_path(folder)
    if path is None:
        raise IndexUnusable("no cache folder for the index (set READER_CACHE_DIR or use --index PATH)")
    return path


@contextmanager
def progress_reporter() -> Iterator[Progress]:
    """A progress callback: a bar with counts and ETA on a terminal, plain lines otherwise."""
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

        bars = Progress(
            TextColumn("{task.description:<24}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        tasks: dict[str, TaskID] = {}

        def on_terminal(stage: str, done: int, total: int) -> None:
            if not total:
                return  # nothing to do in this stage
            if stage not in tasks:
                tasks[stage] = bars.add_task(_STAGES.get(stage, stage), total=total)
            bars.update(tasks[stage], completed=done, total=total)

        with bars:
            yield on_terminal
        return
    last: dict[str, float] = {}

    def plain(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if not total:
            return
        if done in (0, total) or now - last.get(stage, 0.0) >= 5:
            last[stage] = now
            print(f"reader: {_STAGES.get(stage, stage)}: {done} of {total}", file=sys.stderr, flush=True)

    yield plain


def update_index(
    folder: str, index: Path, *, scheduler: str | None, workers: int | None, afresh: bool = False
) -> IndexReport:
    """Build or update the index with progress on stderr; the Dask cluster starts only if needed."""
    from reader.index import build_index, dask_client, remove_index

    if workers is not None and workers < 1:
        raise IndexUnusable("--workers must be at least 1")
    if afresh:
        remove_index(index)
    with ExitStack() as stack, progress_reporter() as progress:

        def client_factory() -> object:
            return stack.enter_context(dask_client(scheduler, workers))

        return build_index(folder, index, client_factory, progress=progress)  # type: ignore[arg-type]


def run_index(argv: Sequence[str], parser_class: type[argparse.ArgumentParser]) -> int:
    """Run ``reader index DIR``; return the exit status."""
    args = index_parser(parser_class).parse_args(argv)
    index = resolve_index_path(args.folder, args.index)
    report = update_index(args.folder, index, scheduler=args.scheduler, workers=args.workers, afresh=args.no_cache)
    seconds = sum(report.seconds.values())
    print(
        f"{report.documents} documents ({report.added} added, {report.changed} changed, {report.deleted} deleted, "
        f"{report.unchanged} unchanged, {report.unreadable} unreadable); {report.families_updated} families "
        f"updated in {seconds:.1f} s; index: {one_line(str(index))}"
    )
    if report.crowded_buckets:
        from reader.index import BUCKET_HUBS, CROWDED_BUCKET

        print(
            f"note: {report.crowded_buckets} LSH buckets held {CROWDED_BUCKET} or more documents; their members were "
            f"compared with the bucket's first {BUCKET_HUBS} only",
            file=sys.stderr,
        )
    return 0


def run_families(
    argv: Sequence[str],
    parser_class: type[argparse.ArgumentParser],
    emit: Callable[[str, str | None, bool, bool], None],
) -> int:
    """Run ``reader families DIR``; return the exit status."""
    args = families_parser(parser_class).parse_args(argv)
    if args.force and not args.output:
        raise IndexUnusable("--force only applies with -o FILE")
    write_families(args.folder, args, emit)
    return 0


def write_families(folder: str, args: argparse.Namespace, emit: Callable[[str, str | None, bool, bool], None]) -> None:
    """Update the index of ``folder`` and write its families as ``args.format`` says."""
    from reader.index import families_json, families_text, read_families

    index = resolve_index_path(folder, getattr(args, "index", None))
    update_index(folder, index, scheduler=getattr(args, "scheduler", None), workers=getattr(args, "workers", None))
    families = read_families(index)
    if args.format == "json":
        emit(families_json(families, folder), args.output, args.force, False)
    else:
        emit(families_text(families), args.output, args.force, True)


def is_large_folder(folder: str) -> bool:
    """Whether a folder holds more files than an all-pairs overview should compare."""
    from reader.index import LARGE_FOLDER

    try:
        with os.scandir(folder) as entries:
            count = 0
            for entry in entries:
                if not entry.name.startswith("."):
                    count += 1
                    if count > LARGE_FOLDER:
                        return True
    except OSError:
        return False
    return False
