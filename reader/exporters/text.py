"""Side-by-side plain text: rows aligned, wrapped at word boundaries, a glyph per row.

Without colour, changed words carry markers, ``[-dropped-]`` on the left and ``{+added+}``
on the right; with colour (ANSI), dropped words are red and added words green, and the
glyph is coloured by kind. Boilerplate is dimmed and labelled with its reason.
"""

from __future__ import annotations

from itertools import zip_longest

from reader.compare import Comparison
from reader.exporters.common import header, link_notes, shown_rows
from reader.layout import Piece, clip, text_width
from reader.sidebyside import row_sides

RESET = "\x1b[0m"
ANSI = {
    "-": "\x1b[31;9m",  # red, struck through
    "+": "\x1b[32;1m",  # green, bold
    "dim": "\x1b[2m",
    "head": "\x1b[1m",
    "same": "",
    "changed": "\x1b[33m",
    "reworded": "\x1b[33m",
    "moved": "\x1b[34m",
    "added": "\x1b[32m",
    "dropped": "\x1b[31m",
}


def _paint(line: list[Piece], color: bool) -> tuple[str, int]:
    """A laid-out line as text (in colour or not) and its width in cells."""
    if len(line) == 1:  # most lines: one style
        style, plain = line[0]
        return ((ANSI[style] + plain + RESET) if color and ANSI.get(style) else plain), text_width(plain)
    plain = "".join(chunk for _, chunk in line)
    width = text_width(plain)
    if not color:
        return plain, width
    return "".join((ANSI[style] + chunk + RESET) if ANSI.get(style) else chunk for style, chunk in line), width


def to_text(comparison: Comparison, *, width: int = 100, color: bool = False, changes_only: bool = False) -> str:
    """Render a comparison side by side at ``width`` columns.

    Each row's first line carries its glyph in the middle gutter; both sides of a row get the
    same height; rows are separated by a blank line. ``color`` paints with ANSI escapes
    instead of markers; ``changes_only`` leaves out *same* rows.
    """
    width = max(width, 21)
    column = (width - 3) // 2
    out = header(comparison, column * 2 + 3)
    out.append("─" * (column * 2 + 3))
    blank = ("", 0)
    for row_number, row in shown_rows(comparison, changes_only=changes_only):
        left, right = row_sides(comparison, row, column, markers=not color)
        painted_left = [_paint(line, color) for line in left]
        painted_right = painted_left if right is left else [_paint(line, color) for line in right]
        style = "dim" if row.boilerplate else row.kind
        paint_mark = color and ANSI.get(style)
        mark = (ANSI[style] + row.glyph + RESET) if paint_mark else row.glyph
        later_mark = (ANSI[style] + " " + RESET) if paint_mark else " "
        # Lines end where their text does: the right side needs no padding.
        for (left_text, left_cells), (right_text, _) in zip_longest(painted_left, painted_right, fillvalue=blank):
            out.append(f"{left_text}{' ' * (column - left_cells)} {mark} {right_text}".rstrip())
            mark = later_mark
        if not (left or right):
            out.append(f"{' ' * column} {mark}".rstrip())
        out.extend(clip(note, column * 2 + 3) for note in link_notes(comparison, row_number))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
