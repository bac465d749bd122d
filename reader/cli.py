"""Command line: ``reader [PATH ...]`` opens the app; ``reader diff A B`` prints a comparison.

Exit codes of ``reader diff``: 0 the documents are the same, 1 they differ, 2 trouble (a
one-line message on stderr). Ctrl+C exits 130; a closed pipe ends quietly.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from reader import __version__
from reader.text import one_line, sanitize

if TYPE_CHECKING:
    from reader.corpus import Document

EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE, EXIT_INTERRUPTED = 0, 1, 2, 130


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
        "m compares with the most similar); 'reader A B' opens two files side by side. "
        "In the app, ? shows the keys and ctrl+p lists every command.",
        epilog="Commands (each has --help): 'reader diff A B' compares two files without the app; "
        "'reader overview DIR' shows how alike all documents are and how each relates to its nearest "
        "neighbour; 'reader provenance DIR [--base DOC]' shows which sources carry each paragraph of "
        "a base document; 'reader drift A B' or 'reader drift DIR' lists facts the sources disagree on.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a folder of documents (default: the current folder), or two files to compare",
    )
    parser.add_argument("--no-cache", action="store_true",
                        help="neither read nor store cached comparisons")
    return parser


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
    parser.add_argument("left", help="the reference version (a text file)")
    parser.add_argument("right", help="the other version (a text file)")
    parser.add_argument("--format", choices=tuple(FORMATS), default="text",
                        help=f"what to write (default: text; coloured, i.e. ansi, per --color). {formats}")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE (atomically) instead of standard output")
    parser.add_argument("--force", action="store_true",
                        help="with -o, replace FILE if it exists (otherwise: exit 2, file untouched)")
    parser.add_argument("--changes-only", action="store_true",
                        help="leave out rows that are the same in both versions")
    parser.add_argument("--width", type=int, default=None,
                        help="text width in columns for text, ansi and inline "
                        "(default: the terminal's, or 100 with -o or in a pipe)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the text format, i.e. make it ansi "
                        "(auto: on a terminal, unless NO_COLOR is set)")
    parser.add_argument("--fold-typography", action="store_true",
                        help="treat curly/straight quotes, dash variants and runs of spaces as equal")
    parser.add_argument("--rules", metavar="FILE",
                        help="extra boilerplate rules: lines of 'reason<TAB>regular expression'")
    parser.add_argument("--no-cache", action="store_true",
                        help="neither read nor store cached comparisons")
    return parser


def _use_color(choice: str, to_terminal: bool) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):  # no-color.org: set and non-empty
        return False
    return to_terminal and os.environ.get("TERM") != "dumb"


def _width(requested: int | None, to_terminal: bool) -> int:
    if requested is not None:
        if requested < 21:
            raise UsageError("--width must be at least 21")
        return requested
    if to_terminal:
        return shutil.get_terminal_size((100, 24)).columns
    return 100


def run_diff(argv: Sequence[str]) -> int:
    """Run ``reader diff``; return the exit status."""
    from reader.boilerplate import RULES, parse_rules
    from reader.cache import cached_compare
    from reader.corpus import load_document, read_file
    from reader.exporters import FORMATS

    args = _diff_parser().parse_args(argv)
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")  # a non-UTF-8 locale must not crash us
    if args.force and not args.output:
        raise UsageError("--force only applies with -o FILE")
    rules = RULES
    if args.rules:
        try:
            rules = RULES + parse_rules(read_file(args.rules).decode("utf-8"), args.rules)
        except UnicodeDecodeError as error:
            raise UsageError(f"{args.rules}: not UTF-8 text (byte {error.start + 1})") from None
        except ValueError as error:
            raise UsageError(str(error)) from None
    to_terminal = args.output is None and sys.stdout.isatty()
    width = _width(args.width, to_terminal)
    fmt = FORMATS[args.format]
    if fmt.name == "text" and _use_color(args.color, to_terminal):
        fmt = FORMATS["ansi"]
    with _no_cycle_collection():
        left = load_document(args.left, rules=rules)
        right = load_document(args.right, rules=rules)
        for document in (left, right):
            for note in document.notes:
                print(f"reader: {one_line(document.path)}: {note}", file=sys.stderr)
        comparison = cached_compare(left, right, fold_typography=args.fold_typography, use_cache=not args.no_cache)
        _emit(fmt.render(comparison, width=width, changes_only=args.changes_only), args.output, args.force,
              terminal_safe=fmt.terminal_safe)
    return EXIT_SAME if comparison.identical else EXIT_DIFFERENT


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
    from reader.exporters import ExportError, ExportExistsError, write_atomic

    if path:
        try:
            write_atomic(path, output, force=force)
        except ExportExistsError as error:
            raise UsageError(f"{error}; use --force to replace it") from None
        except ExportError as error:
            raise UsageError(str(error)) from None
        return
    if sys.stdout.isatty() and not terminal_safe:
        output = sanitize(output)  # raw document text must not drive the terminal
    sys.stdout.write(output)
    sys.stdout.flush()


def _family_parser(name: str, description: str) -> argparse.ArgumentParser:
    """The options the folder commands share (overview, provenance)."""
    parser = _Parser(prog=f"reader {name}", description=description)
    parser.add_argument("folder", metavar="DIR", help="a folder of documents")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help=f"text (default) or json (reader.{name}/1)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    parser.add_argument("--force", action="store_true", help="with -o, replace FILE if it exists")
    parser.add_argument("--width", type=int, default=None,
                        help="text width in columns (default: the terminal's, or 100)")
    return parser


def _load_family(args: argparse.Namespace) -> tuple[list[Document], int]:
    """The folder's documents (at least two) and the text width."""
    if args.force and not args.output:
        raise UsageError("--force only applies with -o FILE")
    width = _width(args.width, args.output is None and sys.stdout.isatty())
    return _read_folder(args.folder), width


def _read_folder(folder: str) -> list[Document]:
    """A folder's readable documents, at least two; the unreadable ones are named on stderr."""
    from reader.corpus import load_folder

    if not os.path.isdir(folder):
        raise UsageError(f"{sanitize(folder)}: not a folder")
    corpus = load_folder(folder)
    for error in corpus.errors:
        print(f"reader: skipped {one_line(str(error))}", file=sys.stderr)
    if len(corpus.documents) < 2:
        raise UsageError(f"{sanitize(folder)}: needs at least two readable documents")
    return list(corpus.documents)


def _pick_base(documents: list[Document], base: str | None, folder: str) -> Document:
    """The document named by ``--base`` (file name or path), else the likely original."""
    from pathlib import Path

    from reader.drift import default_base

    if not base:
        return default_base(documents)
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
        "overview", "How alike every pair of documents is (a heat grid), and how each one relates to its "
        "nearest neighbour: rewrite, source, near-copy, independent report."
    ).parse_args(argv)
    documents, width = _load_family(args)
    overview = build_overview(documents)
    output = overview_json(overview) if args.format == "json" else overview_text(overview, width=width)
    _emit(output, args.output, args.force, terminal_safe=args.format != "json")
    return EXIT_SAME


def run_provenance(argv: Sequence[str]) -> int:
    """Run ``reader provenance DIR --base DOC``: which sources carry each base paragraph."""
    from reader.exporters.family import provenance_json, provenance_text
    from reader.provenance import build_provenance

    parser = _family_parser(
        "provenance", "Each paragraph of a base document against every other source: same (=), changed (~), "
        "reworded (≈), moved (↕) or absent (·), with coverage per source and per paragraph, and the "
        "paragraphs the sources add."
    )
    parser.add_argument("--base", metavar="DOC",
                        help="the base document (a path or file name in DIR; default: the likely original)")
    parser.add_argument("--no-cache", action="store_true", help="compute every comparison afresh")
    args = parser.parse_args(argv)
    documents, width = _load_family(args)
    base = _pick_base(documents, args.base, args.folder)
    provenance = build_provenance(base, documents, use_cache=not args.no_cache)
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
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="two files (the base first), or one folder")
    parser.add_argument("--base", metavar="DOC",
                        help="with a folder: the document the others are compared to, by path or "
                        "file name (default: the one most like all the others)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (default) or json (reader.drift/1)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE (atomically) instead of standard output")
    parser.add_argument("--force", action="store_true",
                        help="with -o, replace FILE if it exists (otherwise: exit 2, file untouched)")
    parser.add_argument("--width", type=int, default=None,
                        help="text width in columns (default: the terminal's, or 100 with -o or in a pipe)")
    return parser


def _drift_documents(args: argparse.Namespace) -> tuple[Document, list[Document]]:
    """The base and the other documents named on a ``reader drift`` command line."""
    from reader.corpus import load_document

    if len(args.paths) == 2:
        if args.base:
            raise UsageError("--base only applies to a folder")
        base = load_document(args.paths[0])
        return base, [base, load_document(args.paths[1])]
    if len(args.paths) > 2 or not os.path.isdir(args.paths[0]):
        raise UsageError("give two files, or one folder")
    documents = _read_folder(args.paths[0])
    return _pick_base(documents, args.base, args.paths[0]), documents


def run_drift(argv: Sequence[str]) -> int:
    """Run ``reader drift``; return the exit status."""
    from reader.drift import drift_folder
    from reader.exporters.drift_report import drift_to_json, drift_to_text

    args = _drift_parser().parse_args(argv)
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")
    if args.force and not args.output:
        raise UsageError("--force only applies with -o FILE")
    to_terminal = args.output is None and sys.stdout.isatty()
    width = _width(args.width, to_terminal)
    base, documents = _drift_documents(args)
    results = drift_folder(documents, base)
    if args.format == "json":
        _emit(drift_to_json(base, results), args.output, args.force, terminal_safe=False)
    else:
        _emit(drift_to_text(base, results, width=width), args.output, args.force)
    return EXIT_DIFFERENT if any(items for _, items in results) else EXIT_SAME


def run_app(argv: Sequence[str]) -> int:
    """Open the app on a folder; return the exit status."""
    from reader.corpus import load_document

    args = _parser().parse_args(argv)
    folder, pair = None, None
    if len(args.paths) == 2:
        pair = (load_document(args.paths[0]), load_document(args.paths[1]))
    elif len(args.paths) > 2:
        raise UsageError("give one folder, or two files to compare")
    else:
        folder = args.paths[0] if args.paths else "."
        if not os.path.isdir(folder):
            hint = " (to compare two files: reader A B)" if os.path.isfile(folder) else ""
            raise UsageError(f"{sanitize(folder)}: not a folder{hint}")
    use_cache = not (args.no_cache or os.environ.get("READER_NO_CACHE"))
    if isinstance(sys.stderr, io.TextIOWrapper) and sys.stderr.encoding.lower().replace("-", "") != "utf8":
        sys.stderr.reconfigure(encoding="utf-8")  # Textual draws on stderr
    background = None
    if pair is not None:  # compare on the other core while Textual is imported and starts
        from reader.background import start_comparison

        background = start_comparison(*pair, use_cache=use_cache)
    from reader.app import ReaderApp

    app = ReaderApp(folder, pair, background, use_cache=use_cache)
    try:
        app.run()
    finally:
        if background is not None:
            background.cancel()  # the app may end before it asked for the comparison
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reader`` console script."""
    from reader.corpus import DocumentError

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        commands = {"diff": run_diff, "overview": run_overview, "provenance": run_provenance, "drift": run_drift}
        if argv[:1] and argv[0] in commands:
            return commands[argv[0]](argv[1:])
        return run_app(argv)
    except (DocumentError, UsageError) as error:
        print(f"reader: {one_line(str(error))}", file=sys.stderr)
        return EXIT_TROUBLE
    except MemoryError:
        print("reader: out of memory", file=sys.stderr)
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): end quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_DIFFERENT


if __name__ == "__main__":
    sys.exit(main())
