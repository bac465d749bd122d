"""Command line: ``reader [PATH ...]`` opens the app; ``reader diff A B`` prints a comparison.

Exit codes of ``reader diff``: 0 the documents are the same, 1 they differ, 2 trouble (a
one-line message on stderr). Ctrl+C exits 130; a closed pipe ends quietly.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
from collections.abc import Sequence

from reader import __version__
from reader.text import sanitize

EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """A mistake on the command line; the message is one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Report a usage error in one line and exit 2 (argparse prints the usage too)."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_TROUBLE, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        description="Read several versions of the same text side by side.",
        epilog="Commands: 'reader diff A B' compares two files without the app "
        "(see 'reader diff --help').",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a folder of documents (default: the current folder)",
    )
    parser.add_argument("--no-cache", action="store_true",
                        help="neither read nor store cached comparisons")
    return parser


def _diff_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader diff",
        description="Compare two versions: paragraphs aligned row by row (merges, splits and "
        "moves included), word changes marked, web cruft set aside.",
        epilog="Row glyphs: = same, ~ changed, ≈ reworded, ↕ moved, + added, - dropped. "
        "Exit status: 0 same, 1 different, 2 trouble.",
    )
    parser.add_argument("left", help="the reference version (a text file)")
    parser.add_argument("right", help="the other version (a text file)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text: side by side (default); json: the reader.diff/1 format")
    parser.add_argument("--width", type=int, default=None,
                        help="text width in columns (default: the terminal's, or 100)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the text format (auto: on a terminal, unless NO_COLOR is set)")
    parser.add_argument("--fold-typography", action="store_true",
                        help="treat curly/straight quotes, dash variants and runs of spaces as equal")
    parser.add_argument("--rules", metavar="FILE",
                        help="extra boilerplate rules: lines of 'reason<TAB>regular expression'")
    parser.add_argument("--no-cache", action="store_true",
                        help="neither read nor store cached comparisons")
    return parser


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):  # no-color.org: set and non-empty
        return False
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _width(requested: int | None) -> int:
    if requested is not None:
        if requested < 21:
            raise UsageError("--width must be at least 21")
        return requested
    if sys.stdout.isatty():
        return shutil.get_terminal_size((100, 24)).columns
    return 100


def run_diff(argv: Sequence[str]) -> int:
    """Run ``reader diff``; return the exit status."""
    from reader.boilerplate import RULES, load_rules
    from reader.cache import cached_compare
    from reader.corpus import load_document
    from reader.exporters import to_json, to_text

    args = _diff_parser().parse_args(argv)
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")  # a non-UTF-8 locale must not crash us
    rules = RULES
    if args.rules:
        try:
            rules = RULES + load_rules(args.rules)
        except OSError as error:
            raise UsageError(f"{args.rules}: {error.strerror or 'cannot be read'}") from None
        except ValueError as error:
            raise UsageError(str(error)) from None
    width = _width(args.width)
    left = load_document(args.left, rules=rules)
    right = load_document(args.right, rules=rules)
    comparison = cached_compare(left, right, fold_typography=args.fold_typography, use_cache=not args.no_cache)
    if args.format == "json":
        output = to_json(comparison)
    else:
        output = to_text(comparison, width=width, color=_use_color(args.color))
    sys.stdout.write(output)
    sys.stdout.flush()
    return EXIT_SAME if comparison.identical else EXIT_DIFFERENT


def run_app(argv: Sequence[str]) -> int:
    """Open the app on a folder; return the exit status."""
    args = _parser().parse_args(argv)
    if len(args.paths) > 1:
        raise UsageError("give one folder (to compare two files, use: reader diff A B)")
    folder = args.paths[0] if args.paths else "."
    if not os.path.isdir(folder):
        raise UsageError(f"{sanitize(folder)}: not a folder")
    if args.no_cache:  # read by reader.cache.cached_compare, which the app calls
        os.environ["READER_NO_CACHE"] = "1"
    if sys.stderr.encoding and sys.stderr.encoding.lower().replace("-", "") != "utf8":
        sys.stderr.reconfigure(encoding="utf-8")  # Textual draws on stderr
    from reader.app import ReaderApp

    app = ReaderApp(folder)
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reader`` console script."""
    from reader.corpus import DocumentError

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["diff"]:
            return run_diff(argv[1:])
        return run_app(argv)
    except (DocumentError, UsageError) as error:
        print(f"reader: {sanitize(str(error))}", file=sys.stderr)
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
