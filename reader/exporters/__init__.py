"""Exporters: each renders a :class:`~reader.compare.Comparison`; none re-aligns or re-diffs.

The registry :data:`FORMATS` is what the command line and the app both use, so the same
options give byte-identical output::

    fmt = FORMATS["html"]
    text = fmt.render(comparison, width=100, changes_only=False)
    write_atomic(default_filename(comparison, fmt), text, force=False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reader.compare import Comparison

if TYPE_CHECKING:
    from reader.exporters.files import ExportError, ExportExistsError, write_atomic
    from reader.exporters.html_format import to_html
    from reader.exporters.inline import to_inline
    from reader.exporters.json_format import to_json
    from reader.exporters.markdown import to_markdown
    from reader.exporters.text import to_text
    from reader.exporters.unified import to_unified

_LAZY = {
    "ExportError": "reader.exporters.files",
    "ExportExistsError": "reader.exporters.files",
    "write_atomic": "reader.exporters.files",
    "to_html": "reader.exporters.html_format",
    "to_inline": "reader.exporters.inline",
    "to_json": "reader.exporters.json_format",
    "to_markdown": "reader.exporters.markdown",
    "to_text": "reader.exporters.text",
    "to_unified": "reader.exporters.unified",
}
"""Each format's module is imported when that format is first used (a JSON export does not
pay for the HTML one's imports), and the file writer when a file is written."""


def __getattr__(name: str) -> Any:
    """``to_html``, the other renderers and the file writer, imported on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module), name)


class Renderer(Protocol):
    """How a format renders: every option a caller can set is a keyword here."""

    def __call__(self, comparison: Comparison, *, width: int, changes_only: bool) -> str:
        """Render ``comparison`` at ``width`` cells, without *same* rows if ``changes_only``."""


@dataclass(frozen=True)
class Format:
    """An export format.

    Attributes:
        name: What ``--format`` takes.
        extension: The file name extension, without the dot.
        description: One line for help texts and menus.
        render: ``render(comparison, *, width, changes_only) -> str``; ``width`` is in
            terminal cells (formats that do not wrap ignore it), ``changes_only`` leaves out
            *same* rows (the unified diff shows changes only anyway).
        terminal_safe: Whether the output can go to a terminal as it is. False when it keeps
            document text raw (control characters included), as the unified diff and JSON
            must.
    """

    name: str
    extension: str
    description: str
    render: Renderer
    terminal_safe: bool = True


def _text(comparison: Comparison, *, width: int, changes_only: bool) -> str:
    from reader.exporters.text import to_text

    return to_text(comparison, width=width, color=False, changes_only=changes_only)


def _ansi(comparison: Comparison, *, width: int, changes_only: bool) -> str:
    from reader.exporters.text import to_text

    return to_text(comparison, width=width, color=True, changes_only=changes_only)


def _inline(comparison: Comparison, *, width: int, changes_only: bool) -> str:
    from reader.exporters.inline import to_inline

    return to_inline(comparison, width=width, changes_only=changes_only)


def _unified(comparison: Comparison, *, width: int, changes_only: bool) -> str:
    from reader.exporters.unified import to_unified

    return to_unified(comparison)


def _markdown(comparison: Comparison, *, width: int, changes_only: bool) -> str:
    from reader.exporters.markdown import to_markdown

    return to_markdown(comparison, changes_only=changes_only)


def _html(comparison: Comparison, *, width: int, changes_only: bool) -> str:
    from reader.exporters.html_format import to_html

    return to_html(comparison, changes_only=changes_only)


def _json(comparison: Comparison, *, width: int, changes_only: bool) -> str:
    from reader.exporters.json_format import to_json

    return to_json(comparison, changes_only=changes_only)


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("text", "txt", "side by side, [-dropped-] and {+added+} markers", _text),
        Format("ansi", "ans", "side by side in colour, for less -R", _ansi),
        Format("inline", "inline.txt", "one column, wdiff-style markers, a label per row", _inline),
        Format("unified", "diff", "a unified diff of the files, for patch", _unified, terminal_safe=False),
        Format("markdown", "md", "a report: stats table, ~~dropped~~ and **added** words", _markdown),
        Format("html", "html", "one self-contained page, side by side in colour", _html),
        Format("json", "json", "the machine-readable reader.diff/1", _json, terminal_safe=False),
    )
}
"""Every export format by name, in the order menus show them."""

DEFAULT_WIDTH = 100
"""The width of wrapped formats written to a file: ``reader diff -o`` and the app's export
both use it, so the two write the same bytes."""

_UNSAFE_NAME_RE = re.compile(r"[^\w.-]+")


_STEM_BYTES = 110
"""At most this many UTF-8 bytes of each document's name go into a default file name, so that
two stems, ``--`` and the longest extension stay within the usual 255-byte name limit (80 CJK
characters are 240 bytes)."""


def _stem(path: str, fallback: str) -> str:
    stem = _UNSAFE_NAME_RE.sub("_", Path(path).stem).strip("._-")[:80]
    while len(stem.encode("utf-8", "surrogateescape")) > _STEM_BYTES:
        stem = stem[:-1]
    return stem or fallback


def default_filename(comparison: Comparison, fmt: Format | str) -> str:
    """``<left stem>--<right stem>.<extension>``, safe as a file name on any system.

    >>> from reader.compare import compare
    >>> from reader.corpus import document_from_text
    >>> pair = compare(document_from_text("A.", name="drafts/v1.txt"),
    ...                document_from_text("B.", name="../v2 <final>.txt"))
    >>> default_filename(pair, "html")
    'v1--v2_final.html'
    """
    fmt = FORMATS[fmt] if isinstance(fmt, str) else fmt
    left = _stem(comparison.left.path, "left")
    right = _stem(comparison.right.path, "right")
    return f"{left}--{right}.{fmt.extension}"


__all__ = [
    "DEFAULT_WIDTH",
    "FORMATS",
    "ExportError",
    "ExportExistsError",
    "Format",
    "default_filename",
    "to_html",
    "to_inline",
    "to_json",
    "to_markdown",
    "to_text",
    "to_unified",
    "write_atomic",
]
