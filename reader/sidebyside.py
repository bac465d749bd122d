"""Side-by-side layout of a comparison's rows: what the text exporter and the app both draw.

A row becomes two lists of wrapped lines (left and right) of styled pieces; the caller pads
both to the row's height. Styles are ``"="`` (kept), ``"-"`` (dropped words), ``"+"`` (added
words) and ``"dim"`` (boilerplate and its reason). Nothing here re-aligns or re-diffs.

Sides are named one way in the views and the layout: :data:`Side`, the strings ``"left"``
and ``"right"``, as ``Comparison.side_text`` and the JSON take them. (The aligner's private
draft indexes them 0 and 1 inside :mod:`reader.align`; that never leaves it.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from reader.compare import Comparison, Row
from reader.layout import Piece, wrap
from reader.text import sanitize

MARKERS = {"-": ("[-", "-]"), "+": ("{+", "+}")}
"""How changed words are marked when colour cannot carry the meaning."""

Line = list[Piece]

Side = Literal["left", "right"]
"""Which version: ``"left"`` (the reference) or ``"right"``."""
SIDES: tuple[Side, Side] = ("left", "right")


def side_lines(comparison: Comparison, row: Row, side: Side, width: int, *, markers: bool) -> list[Line]:
    """Wrap one side of a row to ``width`` cells; a merge's paragraphs are split by a blank line.

    Args:
        comparison: The comparison the row belongs to.
        row: The row.
        side: ``"left"`` or ``"right"``.
        width: Column width in cells.
        markers: Wrap changed words in ``[-…-]`` / ``{+…+}`` (for output without colour).
    """
    return _wrapped(_styled(comparison, row, side, markers), width)


def _styled(comparison: Comparison, row: Row, side: Side, markers: bool) -> list[Line]:
    """One side of a row as styled pieces, a list per paragraph (sanitized, marked, dimmed)."""
    document = comparison.left if side == "left" else comparison.right
    indices = row.left if side == "left" else row.right
    plain = row.kind in ("added", "dropped")
    paragraphs: list[Line] = []
    for index, pieces in zip(indices, comparison.paragraph_pieces(row, side)):
        reason = document.paragraphs[index].boilerplate
        if reason is not None:
            styled = [("dim", f"({reason}) ")] + [("dim", sanitize(text)) for _, text in pieces]
        elif plain:
            styled = [("=", sanitize(text)) for _, text in pieces]
        elif markers:
            styled = [(op, sanitize(text) if op == "=" else _marked(op, sanitize(text))) for op, text in pieces]
        else:
            styled = [(op, sanitize(text)) for op, text in pieces]
        paragraphs.append(styled)
    return paragraphs


def _marked(op: str, text: str) -> str:
    opener, closer = MARKERS[op]
    return opener + text + closer


def _styled_alike(comparison: Comparison, row: Row) -> bool:
    """Whether both sides of a row are styled alike without styling them: every word kept
    as it was (no typography folded), as many paragraphs on each side, the same cruft labels."""
    if len(row.left) != len(row.right) or not all(op[0] == "=" and len(op) == 2 for op in row.ops):
        return False
    left, right = comparison.left.paragraphs, comparison.right.paragraphs
    return all(left[i].boilerplate == right[j].boilerplate for i, j in zip(row.left, row.right))


def _wrapped(paragraphs: list[Line], width: int) -> list[Line]:
    """Styled paragraphs wrapped to ``width`` cells, a blank line between two."""
    lines: list[Line] = []
    for number, styled in enumerate(paragraphs):
        if number:
            lines.append([])
        lines.extend(wrap(styled, width))
    return lines


def row_lines(
    comparison: Comparison, row: Row, width: int, *, markers: bool, right_width: int | None = None
) -> tuple[list[Line], list[Line]]:
    """Both sides of a row wrapped and padded with empty lines to the same height.

    The left side is wrapped to ``width``, the right one to ``right_width`` (default: the same).
    Two sides styled alike in columns of one width (most rows: a paragraph kept as it was) are
    wrapped once.
    """
    left, right = row_sides(comparison, row, width, markers=markers, right_width=right_width)
    if right is left:
        right = [list(line) for line in left]
    height = max(len(left), len(right), 1)
    return _pad(left, height), _pad(right, height)


def row_sides(
    comparison: Comparison, row: Row, width: int, *, markers: bool, right_width: int | None = None
) -> tuple[list[Line], list[Line]]:
    """:func:`row_lines` without the padding and the copy: when both sides lay out alike, the
    right side *is* the left list (for renderers that only read the lines)."""
    right_width = right_width or width
    left_styled = _styled(comparison, row, "left", markers)
    right_styled = left_styled if _styled_alike(comparison, row) else _styled(comparison, row, "right", markers)
    left = _wrapped(left_styled, width)
    if right_width == width and right_styled == left_styled:
        return left, left
    return left, _wrapped(right_styled, right_width)


def _pad(lines: Sequence[Line], height: int) -> list[Line]:
    return list(lines) + [[] for _ in range(height - len(lines))]
