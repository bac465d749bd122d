"""One column, wdiff-style: each row's text with ``[-dropped-]{+added+}`` markers.

Every row starts with a one-line label (glyph, kind, 1-based paragraph numbers, share of words
kept) and its text follows, wrapped at word boundaries. Where typography folding made two
tokens equal, the right version's token is shown.
"""

from __future__ import annotations

from reader.compare import Comparison, Row
from reader.exporters.common import MARKERS, header, link_notes, row_label, shown_rows
from reader.layout import Piece, clip, wrap
from reader.text import sanitize


def _pieces(row: Row) -> list[Piece]:
    pieces: list[Piece] = []
    for op in row.ops:
        text = sanitize(op[-1])
        if op[0] in MARKERS:
            opener, closer = MARKERS[op[0]]
            text = opener + text + closer
        pieces.append((op[0], text))
    return pieces


def to_inline(comparison: Comparison, *, width: int = 100, changes_only: bool = False) -> str:
    """Render a comparison as one column of marked text at ``width`` columns.

    ``changes_only`` leaves out *same* rows; rows keep their numbers' paragraph labels.
    """
    width = max(width, 21)
    out = header(comparison, width)
    out.append("─" * width)
    for number, row in shown_rows(comparison, changes_only=changes_only):
        out.append(clip(row_label(comparison, row), width))
        out.extend("".join(text for _, text in line) for line in wrap(_pieces(row), width))
        out.extend(clip(note, width) for note in link_notes(comparison, number))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
