"""Pure layout: wrap styled text to a column width in terminal cells.

Shared by the text exporters and the app, so a paragraph wraps the same way everywhere.
Text must be sanitized (:func:`reader.text.sanitize`) before it is laid out.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

Piece = tuple[str, str]
"""``(style, text)``: a style name (``"="``, ``"-"``, ``"+"`` or any tag) and its text."""

_CHUNK_RE = re.compile(r"\S+\s*|\s+")


def _split_long(word: str, width: int) -> list[str]:
    """Cut a word wider than the column into pieces that fit (by cells)."""
    parts, current = [], ""
    for char in word:
        if cell_len(current + char) > width and current:
            parts.append(current)
            current = ""
        current += char
    if current:
        parts.append(current)
    return parts


def wrap(pieces: list[Piece], width: int) -> list[list[Piece]]:
    """Wrap styled pieces at word boundaries into lines of at most ``width`` cells.

    Newlines inside a piece start a new line; trailing spaces at a line end are dropped;
    a word wider than the column is cut. Always returns at least one (possibly empty) line.

    >>> wrap([("=", "Kerry met "), ("-", "Wang Yi"), ("=", " today.")], 12)
    [[('=', 'Kerry met')], [('-', 'Wang Yi')], [('=', 'today.')]]
    """
    width = max(2, width)  # a wide character needs two cells
    lines: list[list[Piece]] = [[]]
    used = 0

    def add(style: str, text: str) -> None:
        nonlocal used
        line = lines[-1]
        if line and line[-1][0] == style:
            line[-1] = (style, line[-1][1] + text)
        else:
            line.append((style, text))
        used += cell_len(text)

    def new_line() -> None:
        nonlocal used
        line = lines[-1]
        while line and not line[-1][1].rstrip(" "):
            line.pop()
        if line:
            line[-1] = (line[-1][0], line[-1][1].rstrip(" "))
        lines.append([])
        used = 0

    for style, text in pieces:
        for number, segment in enumerate(text.split("\n")):
            if number:
                new_line()
            for chunk in _CHUNK_RE.findall(segment):
                word = chunk.rstrip(" ")
                size = cell_len(word)
                if used and used + size > width:
                    new_line()
                if not used and not word:
                    continue  # no leading spaces on a wrapped line
                if size > width:
                    for part in _split_long(word, width):
                        if used:
                            new_line()
                        add(style, part)
                    add(style, chunk[len(word):])
                    continue
                add(style, chunk)
    last = lines[-1]
    while last and not last[-1][1].rstrip(" "):
        last.pop()
    if last:
        last[-1] = (last[-1][0], last[-1][1].rstrip(" "))
    return lines


def line_width(line: list[Piece]) -> int:
    """Width of a laid-out line in cells."""
    return sum(cell_len(text) for _, text in line)


def clip(text: str, width: int) -> str:
    """Cut text to at most ``width`` cells, ending with an ellipsis when cut.

    >>> clip("Climate envoy John Kerry", 12)
    'Climate env…'
    """
    if cell_len(text) <= width:
        return text
    result = ""
    for char in text:
        if cell_len(result + char) > width - 1:
            break
        result += char
    return result + "…"
