"""Command line: ``reader [PATH ...]`` opens the app; ``reader diff A B`` prints a comparison.

Exit codes of ``reader diff``: 0 the documents are the same, 1 they differ, 2 trouble (a
one-line message on stderr: also a full disk, a closed standard output, a refused ``-o``).
Ctrl+C or SIGINT exits 130, SIGTERM 143 and SIGHUP 129 (after cleaning up: no temporary file
left, the app's terminal restored); a closed pipe (``| head``) ends quietly.
"""

from __future__ import annotations

import argparse
import codecs
import errno
import gc
import io
import os
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

from reader import __version__
from reader.decoding import DocumentError
from reader.signals import AppStopper, Terminated, terminating_raises
from reader.text import one_line, sanitize

if TYPE_CHECKING:
    from reader.corpus import Document
    from reader.pairwise import CompareFunction

EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE, EXIT_INTERRUPTED = 0, 1, 2, 130

MIN_WIDTH = 21
"""The narrowest text width the side-by-side formats can lay out."""

ASCII_FALLBACKS = {
    "≈": "%",
    "↕": "^",
    "↪": "*",
    "─": "-",
    "│": "|",
    "→": ">",
    "…": ".",
    "—": "-",
    "–": "-",
    "·": ".",
    "¶": "P",
    "░": ".",
    "▒": ":",
    "▓": "#",
    "█": "@",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
}
"""What a character becomes on a standard output that cannot encode it (a Latin-1 or ASCII
locale): one ASCII character, so columns stay aligned and the row glyphs stay distinct
(reworded ``≈`` is ``%``, moved ``↕`` is ``^``, a link's ``↪`` is ``*``); anything else becomes ``?``."""


def _ascii_fallback(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: :data:`ASCII_FALLBACKS`, else ``?``, one character for one."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(ASCII_FALLBACKS.get(char, "?") for char in text), error.end


codecs.register_error("reader-fallback", _ascii_fallback)


class UsageError(Exception):
    """A mistake on the command line; the message is one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Report a usage error in one line and exit 2 (argparse prints the usage too)."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_TROUBLE, f"{self.prog}: error: {one_line(message)}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        description="Read several versions of the same text side by side. "
        "'reader DIR' lists a folder's documents (Enter marks one, Enter on another compares, "
        "m compares with the most similar); 'reader A B' opens two files (or http(s) links) side by side. "
        "Documents: .txt and other plain text, saved web pages (.html, .htm: the article through trafilatura, "
        "the rest of the page kept as tagged cruft), Markdown (.md), Word (.docx) and PDF (.pdf). "
        "In the app, ? shows the keys and ctrl+p lists every command.",
        epilog="Commands (each has --help): 'reader diff A B' compares two files without the app; "
        "'reader overview DIR' shows how alike all documents are and how each relates to its nearest "
        "neighbour; 'reader provenance DIR [--base DOC]' shows which sources carry each paragraph of "
        "a base document; 'reader drift A B' or 'reader drift DIR' lists facts the sources disagree on; "
        "'reader fetch URL... --into DIR' saves links as a folder that reopens offline; "
        "'reader index DIR' indexes a large folder (a crawl) into story families, on this machine's "
        "cores or a Dask cluster, and 'reader families DIR' lists them.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a folder of documents (default: the current folder), or two files or http(s) links to compare",
    )
    _add_cache_option(parser)
    return parser


def _add_cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-cache", action="store_true", help="neither read nor store cached comparisons")


def _add_output_options(
    parser: argparse.ArgumentParser, formats: Iterable[str], format_help: str, width_for: str = "text"
) -> None:
    """The options every command that writes shares: --format, -o, --force, --width, --no-cache."""
    from reader.exporters import DEFAULT_WIDTH

    parser.add_argument("--format", choices=tuple(formats), default="text", help=format_help)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (atomically) instead of standard output; FILE must be a new "
        "name or a regular file (never a device, FIFO or link)",
    )
    parser.add_argument(
        "--force", action="store_true", help="with -o, replace FILE if it exists (otherwise: exit 2, file untouched)"
    )
    parser.add_argument(
        "--width",
        type=int,
        default=None,
        help=f"width in columns for {width_for} (default: the terminal's; in a pipe "
        f"COLUMNS or the controlling terminal's; {DEFAULT_WIDTH} with -o or without a terminal)",
    )
    _add_cache_option(parser)


def _diff_parser() -> argparse.ArgumentParser:
    from reader.exporters import FORMATS

    formats = "; ".join(f"{fmt.name}: {fmt.description}" for fmt in FORMATS.values())
    parser = _Parser(
        prog="reader diff",
        description="Compare two versions: paragraphs aligned row by row (merges, splits and "
        "moves included), word changes marked, web cruft set aside.",
        epilog="Row glyphs: = same, ~ changed, ≈ reworded, ↕ moved, + added, - dropped. "
        "Exit status: 0 same, 1 different, 2 trouble.",
    )
    parser.add_argument("left", help="the reference version (a document file or an http(s) link)")
    parser.add_argument("right", help="the other version (a document file or an http(s) link)")
    _add_output_options(
        parser,
        FORMATS,
        f"what to write (default: text; coloured, i.e. ansi, per --color). {formats}",
        width_for="text, ansi and inline",
    )
    parser.add_argument("--changes-only", action="store_true", help="leave out rows that are the same in both versions")
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text format, i.e. make it ansi (auto: on a terminal, unless NO_COLOR is set)",
    )
    parser.add_argument(
        "--fold-typography",
        action="store_true",
        help="treat curly/straight quotes, dash variants and runs of spaces as equal",
    )
    parser.add_argument(
        "--rules", metavar="FILE", help="extra boilerplate rules: lines of 'reason<TAB>regular expression'"
    )
    return parser


def _use_color(choice: str, to_terminal: bool) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):  # no-color.org: set and non-empty
        return False
    return to_terminal and os.environ.get("TERM") != "dumb"


def _width(requested: int | None, *, to_terminal: bool, to_file: bool) -> int:
    """``--width``; else the terminal's; else, in a pipe, ``COLUMNS`` or the controlling
    terminal's (``reader diff A B | less``); else ``DEFAULT_WIDTH`` (always with ``-o``)."""
    from reader.exporters import DEFAULT_WIDTH

    if requested is not None:
        if requested < MIN_WIDTH:
            raise UsageError(f"--width must be at least {MIN_WIDTH}")
        return requested
    if to_terminal:
        import shutil  # with its archive formats (bz2, lzma): only for a terminal's width

        return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    if to_file:
        return DEFAULT_WIDTH
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, int(columns))
    return max(MIN_WIDTH, _controlling_terminal_width() or DEFAULT_WIDTH)


def _controlling_terminal_width() -> int | None:
    """The width of the process's controlling terminal (``/dev/tty``), if it has one."""
    try:
        descriptor = os.open("/dev/tty", os.O_RDONLY | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        return os.get_terminal_size(descriptor).columns or None
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout is not None and sys.stdout.isatty()
    except (OSError, ValueError):
        return False


def run_diff(argv: Sequence[str]) -> int:
    """Run ``reader diff``; return the exit status."""
    from reader.boilerplate import RULES, parse_rules
    from reader.cache import cached_compare
    from reader.corpus import load_pair, read_file
    from reader.exporters import FORMATS
    from reader.parallel import second_core

    args = _diff_parser().parse_args(argv)
    width = _check_output(args)
    rules = RULES
    if args.rules:
        try:
            rules = RULES + parse_rules(read_file(args.rules).decode("utf-8"), args.rules)
        except UnicodeDecodeError as error:
            raise UsageError(f"{args.rules}: not UTF-8 text (byte {error.start + 1})") from None
        except ValueError as error:
            raise UsageError(str(error)) from None
    fmt = FORMATS[args.format]
    if fmt.name == "text" and _use_color(args.color, args.output is None and _stdout_is_terminal()):
        fmt = FORMATS["ansi"]
    with _no_cycle_collection(), second_core():  # a file read, the links found in a child (reader.parallel)
        left, right = load_pair(args.left, args.right, rules=rules)
        for document in (left, right):
            for note in document.notes:
                print(f"reader: {one_line(document.path)}: {note}", file=sys.stderr)
        comparison = cached_compare(left, right, fold_typography=args.fold_typography)
        _emit(
            fmt.render(comparison, width=width, changes_only=args.changes_only),
            args.output,
            args.force,
            terminal_safe=fmt.terminal_safe,
        )
    return _done(EXIT_SAME if comparison.identical else EXIT_DIFFERENT)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Keep the cyclic garbage collector off meanwhile: one comparison makes few reference cycles,
    and the collector's passes over its many objects cost more than they free (~8% at 5 MB)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _emit(output: str, path: str | None, force: bool, *, terminal_safe: bool = True) -> None:
    """Write ``output`` atomically to ``path``, or to standard output (sanitized on a terminal)."""
    if path:
        from reader.exporters import ExportError, ExportExistsError, write_atomic

        try:
            write_atomic(path, output, force=force)
        except ExportExistsError as error:
            raise UsageError(f"{error}; use --force to replace it") from None
        except ExportError as error:
            raise UsageError(str(error)) from None
        return
    if sys.stdout is None:
        raise UsageError("standard output is closed; give -o FILE")
    if _stdout_is_terminal() and not terminal_safe:
        output = sanitize(output)  # raw document text must not drive the terminal
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        _silence_stdout()  # the interpreter's last flush must not fail again, with a traceback
        reason = {errno.ENOSPC: "no space left on the device"}.get(error.errno or 0, (error.strerror or "").lower())
        raise UsageError(f"cannot write to standard output: {reason or 'write failed'}") from None


def _silence_stdout() -> None:
    """Point standard output at the null device, dropping what is still buffered."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
    finally:
        os.close(devnull)


def _check_output(args: argparse.Namespace) -> int:
    """Check the shared output options of a command; apply ``--no-cache``; return the width."""
    if args.force and not args.output:
        raise UsageError("--force only applies with -o FILE")
    if args.no_cache:  # read by reader.cache.cached_compare, wherever a command compares
        os.environ["READER_NO_CACHE"] = "1"
    to_terminal = args.output is None and _stdout_is_terminal()
    return _width(args.width, to_terminal=to_terminal, to_file=args.output is not None)


def _family_parser(name: str, description: str) -> argparse.ArgumentParser:
    """The options the folder commands share (overview, provenance)."""
    parser = _Parser(prog=f"reader {name}", description=description)
    parser.add_argument("folder", metavar="DIR", help="a folder of documents")
    _add_output_options(parser, ("text", "json"), f"text (default) or json (reader.{name}/1)")
    return parser


def _load_family(args: argparse.Namespace) -> tuple[list[Document], int]:
    """The folder's documents (at least two) and the text width."""
    width = _check_output(args)
    return _read_folder(args.folder), width


def _read_folder(folder: str) -> list[Document]:
    """A folder's readable documents, at least two; the unreadable ones are named on stderr."""
    from reader.corpus import load_folder

    _check_folder(folder)
    corpus = load_folder(folder)
    for error in corpus.errors:
        print(f"reader: skipped {one_line(str(error))}", file=sys.stderr)
    if len(corpus.documents) < 2:
        raise UsageError(f"{sanitize(folder)}: needs at least two readable documents")
    return list(corpus.documents)


def _compare_function(use_cache: bool = True) -> CompareFunction:
    """The engine's compare, through the cache unless ``use_cache`` is false."""
    from functools import partial

    from reader.cache import cached_compare

    return partial(cached_compare, use_cache=use_cache)


def _pick_base(
    documents: list[Document], base: str | None, folder: str, compare: CompareFunction | None = None
) -> Document:
    """The document named by ``--base`` (file name or path), else the likely original."""
    from pathlib import Path

    from reader.overview import default_base

    if not base:
        return default_base(documents, compare=compare or _compare_function())
    wanted = Path(base)
    for document in documents:
        path = Path(document.path)
        if path.name == base or (wanted.exists() and path.exists() and path.samefile(wanted)):
            return document
    raise UsageError(f"--base {sanitize(base)}: not a readable document in {sanitize(folder)}")


def run_overview(argv: Sequence[str]) -> int:
    """Run ``reader overview DIR``: the similarity grid and each document's relation."""
    from reader.exporters.family import overview_json, overview_text
    from reader.overview import build_overview

    args = _family_parser(
        "overview",
        "How alike every pair of documents is (a heat grid), and how each one relates to its "
        "nearest neighbour: rewrite, source, near-copy, independent report.",
    ).parse_args(argv)
    if _overview_from_index(args):
        return EXIT_SAME
    documents, width = _load_family(args)
    overview = build_overview(documents, compare=_compare_function())
    output = overview_json(overview) if args.format == "json" else overview_text(overview, width=width)
    _emit(output, args.output, args.force, terminal_safe=args.format != "json")
    return EXIT_SAME


def run_provenance(argv: Sequence[str]) -> int:
    """Run ``reader provenance DIR --base DOC``: which sources carry each base paragraph."""
    from reader.exporters.family import provenance_json, provenance_text
    from reader.provenance import build_provenance

    parser = _family_parser(
        "provenance",
        "Each paragraph of a base document against every other source: same (=), changed (~), "
        "reworded (≈), moved (↕), elsewhere (↪: one of its sentences in another paragraph) or absent (·), "
        "with coverage per source and per paragraph, and the "
        "paragraphs the sources add.",
    )
    parser.add_argument(
        "--base", metavar="DOC", help="the base document (a path or file name in DIR; default: the likely original)"
    )
    args = parser.parse_args(argv)
    documents, width = _load_family(args)
    compare = _compare_function(use_cache=not args.no_cache)
    base = _pick_base(documents, args.base, args.folder, compare)
    provenance = build_provenance(base, documents, compare=compare)
    output = provenance_json(provenance) if args.format == "json" else provenance_text(provenance, width=width)
    _emit(output, args.output, args.force, terminal_safe=args.format != "json")
    return EXIT_SAME


def _drift_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader drift",
        description="List where sources disagree on checkable facts in aligned rows: numbers, "
        "dates, names spelled differently, and quotes trimmed, altered, paraphrased or "
        "attributed to someone else. 'reader drift A B' compares B to A; 'reader drift DIR' "
        "compares every document of a folder to a base.",
        epilog="Exit status: 0 no disagreements, 1 some, 2 trouble.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="two files (the base first), or one folder")
    parser.add_argument(
        "--base",
        metavar="DOC",
        help="with a folder: the document the others are compared to, by path or "
        "file name (default: the one most like all the others)",
    )
    _add_output_options(parser, ("text", "json"), "text (default) or json (reader.drift/1)")
    return parser


def _drift_documents(args: argparse.Namespace) -> tuple[Document, list[Document]]:
    """The base and the other documents named on a ``reader drift`` command line."""
    from reader.corpus import load_source

    if len(args.paths) == 2:
        if args.base:
            raise UsageError("--base only applies to a folder")
        base = load_source(args.paths[0])
        return base, [base, load_source(args.paths[1])]
    if len(args.paths) > 2 or (os.path.exists(args.paths[0]) and not os.path.isdir(args.paths[0])):
        raise UsageError("give two files, or one folder")
    documents = _read_folder(args.paths[0])
    return _pick_base(documents, args.base, args.paths[0]), documents


def run_drift(argv: Sequence[str]) -> int:
    """Run ``reader drift``; return the exit status."""
    from reader.drift import drift_folder
    from reader.exporters.drift_report import drift_to_json, drift_to_text

    args = _drift_parser().parse_args(argv)
    width = _check_output(args)
    base, documents = _drift_documents(args)
    results = drift_folder(documents, base, compare=_compare_function(use_cache=not args.no_cache))
    if args.format == "json":
        _emit(drift_to_json(base, results), args.output, args.force, terminal_safe=False)
    else:
        _emit(drift_to_text(base, results, width=width), args.output, args.force)
    return EXIT_DIFFERENT if any(items for _, items in results) else EXIT_SAME


def _check_folder(folder: str) -> None:
    """Raise a one-line :class:`UsageError` unless ``folder`` is a folder that can be listed."""
    try:
        mode = os.stat(folder).st_mode
    except FileNotFoundError:
        raise UsageError(f"{sanitize(folder)}: no such folder") from None
    except NotADirectoryError:
        raise UsageError(f"{sanitize(folder)}: no such folder (a file is in the way)") from None
    except PermissionError:
        raise UsageError(f"{sanitize(folder)}: permission denied") from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or "cannot be read"
        raise UsageError(f"{sanitize(folder)}: {reason.lower()}") from None
    if not stat.S_ISDIR(mode):
        hint = " (to compare two files: reader A B)" if stat.S_ISREG(mode) else ""
        raise UsageError(f"{sanitize(folder)}: not a folder{hint}")


def _index_errors(run: Callable[[], int]) -> int:
    """Run an index command, its user-caused errors turned into usage errors."""
    from reader.index import IndexUnusable

    try:
        return run()
    except IndexUnusable as error:
        raise UsageError(str(error)) from None


def run_index(argv: Sequence[str]) -> int:
    """Run ``reader index DIR``: build or update the folder's index of story families."""
    from reader import families_cli

    return _index_errors(lambda: families_cli.run_index(argv, _Parser))


def run_families(argv: Sequence[str]) -> int:
    """Run ``reader families DIR``: list the folder's story families from its index."""
    from reader import families_cli

    def emit(output: str, path: str | None, force: bool, terminal_safe: bool) -> None:
        _emit(output, path, force, terminal_safe=terminal_safe)

    return _index_errors(lambda: families_cli.run_families(argv, _Parser, emit))


def _overview_from_index(args: argparse.Namespace) -> bool:
    """On a large folder, write the families from the index instead of all pairs; say if it did."""
    from reader import families_cli

    if not families_cli.is_large_folder(args.folder):
        return False
    if args.force and not args.output:
        raise UsageError("--force only applies with -o FILE")
    print(
        "reader: a large folder: story families from its index (reader.families/1) instead of all pairs",
        file=sys.stderr,
    )

    def emit(output: str, path: str | None, force: bool, terminal_safe: bool) -> None:
        _emit(output, path, force, terminal_safe=terminal_safe)

    def write() -> int:
        families_cli.write_families(args.folder, args, emit)
        return EXIT_SAME

    _index_errors(write)
    return True


def run_app(argv: Sequence[str]) -> int:
    """Open the app on a folder; return the exit status."""
    args = _parser().parse_args(argv)
    folder = None
    if len(args.paths) > 2:
        raise UsageError("give one folder, or two files to compare")
    if len(args.paths) < 2:
        folder = args.paths[0] if args.paths else "."
        _check_folder(folder)
    use_cache = not (args.no_cache or os.environ.get("READER_NO_CACHE"))  # comparisons: ReaderApp(use_cache=)
    if not use_cache:  # the extraction store (reader.sources.store) reads only the environment
        os.environ["READER_NO_CACHE"] = "1"
    if isinstance(sys.stderr, io.TextIOWrapper) and sys.stderr.encoding.lower().replace("-", "") != "utf8":
        sys.stderr.reconfigure(encoding="utf-8")  # Textual draws on stderr
    pending = None
    if folder is None:  # read and compare on the other core while Textual is imported and starts
        from reader.background import read_and_compare

        pending = read_and_compare(args.paths[0], args.paths[1], use_cache=use_cache)
    from reader.app import ReaderApp
    from reader.ui.compare_screen import CompareScreen  # noqa: F401 - imported while the child reads

    pair, background = None, None
    if pending is not None:
        *pair, background = pending.documents()
    elif folder is None:
        from reader.background import start_comparison
        from reader.corpus import load_source

        pair = [load_source(args.paths[0]), load_source(args.paths[1])]
        background = start_comparison(*pair, use_cache=use_cache)

    def stop_background() -> None:
        if background is not None:
            background.cancel()  # (os.kill: safe inside a signal handler)

    app = ReaderApp(folder, None if pair is None else (pair[0], pair[1]), background, use_cache=use_cache)
    stopper = AppStopper(lambda status: app.exit(return_code=status), clean_up=stop_background)

    async def run() -> None:
        await app.run_async()  # Textual restores the terminal before this returns
        if stopper.signum is not None:
            # A signal ended the app: leave now, without waiting for a worker thread still
            # comparing (it would go on to write the cache).
            stop_background()
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    try:
                        stream.flush()
                    except (OSError, ValueError):
                        pass
            os._exit(app.return_code or 128 + stopper.signum)

    import asyncio

    try:
        with stopper.installed():
            asyncio.run(run())
    finally:
        stop_background()  # the app may end before it asked for the comparison
    return app.return_code or 0


def _hold_standard_descriptors() -> bool:
    """Open the null device on standard descriptors 0-2 that are closed (``>&-``), so that no
    file opened later (the cache database) takes their number; whether stdout was closed."""
    stdout_closed = False
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            devnull = os.open(os.devnull, os.O_RDWR)
            if devnull != descriptor:
                os.dup2(devnull, descriptor)
                os.close(devnull)
            stdout_closed = stdout_closed or descriptor == 1
    return stdout_closed


def _fetch_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader fetch",
        description="Fetch http(s) links once and save them in a folder that reopens offline "
        "('reader DIR'): each page as a file, and in DIR/.reader-links.json the link, where it led "
        "and when it was fetched. Existing files are never overwritten.",
        epilog="Limits: 20 s without data, 10 MB, 5 redirects; only web pages, text, PDF and Word "
        "documents. Exit status: 0 all saved, 2 a link failed (one line each; the others are still saved).",
    )
    parser.add_argument("urls", nargs="+", metavar="URL", help="http(s) links")
    parser.add_argument("--into", metavar="DIR", required=True, help="the folder to save into (created if needed)")
    return parser


def run_fetch(argv: Sequence[str]) -> int:
    """Run ``reader fetch URL... --into DIR``; return the exit status."""
    from reader.corpus import document_from_bytes
    from reader.sources.web import FetchError, Fetched, fetch, save_fetched

    args = _fetch_parser().parse_args(argv)
    pages: list[Fetched] = []
    failed = 0
    for url in args.urls:
        try:
            page = fetch(url)
            document_from_bytes(page.data, name=url, kind=page.kind, url=page.final_url)  # readable?
        except (FetchError, DocumentError) as error:
            print(f"reader: {one_line(str(error))}", file=sys.stderr)
            failed += 1
            continue
        pages.append(page)
    if pages:
        try:
            names = save_fetched(pages, args.into)
        except FetchError as error:
            raise UsageError(str(error)) from None
        for page, name in zip(pages, names):
            print(f"saved {one_line(page.url)} -> {one_line(os.path.join(args.into, name))}")
    return EXIT_TROUBLE if failed else EXIT_SAME


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "diff": run_diff,
    "overview": run_overview,
    "provenance": run_provenance,
    "drift": run_drift,
    "fetch": run_fetch,
    "index": run_index,
    "families": run_families,
}
"""The subcommands, by name; without one, ``reader`` opens the app."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reader`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if _hold_standard_descriptors():
        sys.stdout = None  # written to only as "closed": see _emit
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="reader-fallback")  # a Latin-1 or ASCII locale: see ASCII_FALLBACKS
    try:
        if argv[:1] and argv[0] in COMMANDS:
            with terminating_raises(), _environment_kept("READER_NO_CACHE"):
                return COMMANDS[argv[0]](argv[1:])
        return run_app(argv)
    except (DocumentError, UsageError) as error:
        _say(f"reader: {one_line(str(error))}")
        return EXIT_TROUBLE
    except MemoryError:
        _say("reader: out of memory")
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Terminated as terminated:
        return terminated.exit_status
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): end quietly.
        _silence_stdout()
        return EXIT_DIFFERENT


@contextmanager
def _environment_kept(name: str) -> Iterator[None]:
    """Meanwhile the command may set ``name`` (``--no-cache``); afterwards it is as before
    (``main`` may run several times in one process)."""
    before = os.environ.get(name)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def _say(message: str) -> None:
    """A message on stderr (if there is one to write to)."""
    try:
        print(message, file=sys.stderr)
    except (OSError, ValueError, AttributeError):
        pass


def console_script() -> NoReturn:
    """The ``reader`` command: :func:`main`, then its exit status (see :func:`_done`)."""
    global _END_AT_ONCE
    _END_AT_ONCE = True
    sys.exit(main())


_END_AT_ONCE = False
"""Whether :func:`_done` may end the process: only in the ``reader`` command, never when
:func:`main` is called in a process that goes on (the tests)."""


def _done(status: int) -> int:
    """``reader diff`` has written its output: end the process now, with ``status``, if allowed.

    Freeing a comparison object by object, when ``run_diff`` returns and then when the
    interpreter exits, takes 0.01 to 0.02 s after a 1 MB comparison and 0.1 to 0.15 s after a
    5 MB one, all of it after the last byte is out. mypy ends the same way. Only where nothing else runs: no
    other thread, and no child (``reader diff`` has waited for its own). Returns ``status``
    where the process goes on.
    """
    if _END_AT_ONCE and threading.active_count() == 1:
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(status)
    return status


if __name__ == "__main__":
    console_script()
