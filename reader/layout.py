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
    current = ""  # the text of the line being filled; measured whole, since a combining
    # mark or variation selector can change the width of the character before it

    def add(style: str, text: str) -> None:
        nonlocal current
        line = lines[-1]
        if line and line[-1][0] == style:
            line[-1] = (style, line[-1][1] + text)
        else:
            line.append((style, text))
        current += text

    def trim(line: list[Piece]) -> None:
        while line and not line[-1][1].rstrip(" "):
            line.pop()
        if line:
            line[-1] = (line[-1][0], line[-1][1].rstrip(" "))

    def new_line() -> None:
        nonlocal current
        trim(lines[-1])
        lines.append([])
        current = ""

    for style, text in pieces:
        for number, segment in enumerate(text.split("\n")):
            if number:
                new_line()
            for chunk in _CHUNK_RE.findall(segment):
                word = chunk.rstrip(" ")
                if current and cell_len(current + word) > width:
                    new_line()
                if not current and not word:
                    continue  # no leading spaces on a wrapped line
                if cell_len(word) > width:
                    for part in _split_long(word, width):
                        if current:
                            new_line()
                        add(style, part)
                    add(style, chunk[len(word):])
                    continue
                add(style, chunk)
    trim(lines[-1])
    return lines


def line_width(line: list[Piece]) -> int:
    """Width of a laid-out line in cells."""
    return cell_len("".join(text for _, text in line))


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
