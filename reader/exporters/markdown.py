"""Markdown (CommonMark/GitHub): a heading, a table of the stats, then one section per row.

A linked row shows both versions, ``~~dropped~~`` words in the left one and ``**added**``
words in the right one; a *same* row shows its text once, an added or dropped row its text. Document text is escaped so that
nothing in it is read as Markdown or HTML, and control characters are made visible.
"""

from __future__ import annotations

import re
import unicodedata

from reader.compare import Comparison, Row
from reader.exporters.common import kind_counts, link_notes, paragraph_numbers, row_label, shown_rows
from reader.measures import percent
from reader.text import sanitize

_SPECIAL = "\\`*_[]<>|~&#$"
"""The characters that mean something inside a Markdown line (the backslash first: each is
escaped by one behind it, and those must not be escaped again)."""
_LINE_BREAK_RE = re.compile(r"[ \t]*\n\s*")
EMPHASIS = {"-": "~~", "+": "**"}
"""Markdown delimiters around dropped (struck through) and added (bold) words."""
FALLBACK = {"-": ("<del>", "</del>"), "+": ("<strong>", "</strong>")}
"""Tags used where the delimiters would not be read as emphasis (e.g. ``word**,**``)."""


def escape(text: str) -> str:
    r"""Escape document text so that Markdown shows it literally, on one line.

    Line breaks inside a paragraph become spaces (Markdown would join them anyway, and a
    line starting with ``#`` or ``-`` would turn into a heading or a list), so document text
    never starts a line and only characters that mean something inside a line are escaped.

    >>> escape("*not* <b>bold</b> | a_b # 1. `x`")
    '\\*not\\* \\<b\\>bold\\</b\\> \\| a\\_b \\# 1. \\`x\\`'
    """
    text = sanitize(text)
    if "\n" in text:
        text = _LINE_BREAK_RE.sub(" ", text)
    for char in _SPECIAL:  # a str.replace per character: each a fast scan, often finding none
        if char in text:
            text = text.replace(char, "\\" + char)
    return text


def _is_space_or_punctuation(char: str) -> bool:
    """Whether a neighbour lets emphasis open or close (a line edge counts as a space)."""
    return not char or char.isspace() or unicodedata.category(char)[0] in "PS"


def _emphasize(op: str, text: str, before: str, after: str) -> str:
    """Wrap ``text`` (no outer spaces) in the emphasis of ``op``, valid between its neighbours.

    CommonMark only reads ``**`` as emphasis if it is flanked right: an inner edge that is
    punctuation must face a space or punctuation outside. Otherwise use the HTML tags.
    """
    opens = not _is_space_or_punctuation(text[0]) or _is_space_or_punctuation(before)
    closes = not _is_space_or_punctuation(text[-1]) or _is_space_or_punctuation(after)
    if opens and closes:
        return EMPHASIS[op] + escape(text) + EMPHASIS[op]
    opener, closer = FALLBACK[op]
    return opener + escape(text) + closer


def _version(pieces: list[tuple[str, str]]) -> str:
    """One paragraph of one side as Markdown: unchanged text plain, changes emphasized."""
    out: list[str] = []
    for number, (op, text) in enumerate(pieces):
        if op == "=":
            out.append(escape(text))
            continue
        core = text.strip()
        if not core:
            out.append(escape(text))
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        before = lead[-1:] or (pieces[number - 1][1][-1:] if number else "")
        after = trail[:1] or (pieces[number + 1][1][:1] if number + 1 < len(pieces) else "")
        out.append(escape(lead) + _emphasize(op, core, before, after) + escape(trail))
    return "".join(out).strip()


def _side(comparison: Comparison, row: Row, side: str) -> list[str]:
    indices = row.left if side == "left" else row.right
    lines = []
    for index, pieces in zip(indices, comparison.paragraph_pieces(row, side)):
        if not (row.left and row.right):  # added or dropped: the label says it, text plain
            pieces = [("=", text) for _, text in pieces]
        lines += [f"> **{side.capitalize()} {paragraph_numbers((index,))}** " + _version(pieces), ">"]
    del lines[-1:]
    return lines


def _row(comparison: Comparison, number: int, row: Row) -> list[str]:
    lines = [f"### Row {number} · {escape(row_label(comparison, row))}", ""]
    if row.kind == "same":
        for index, pieces in zip(row.left, comparison.paragraph_pieces(row, "left")):
            lines += [f"**{paragraph_numbers((index,))}** " + _version(pieces), ""]
        return lines
    for side in ("left", "right"):
        if side_lines := _side(comparison, row, side):
            lines += side_lines + [""]
    if notes := link_notes(comparison, number):
        lines += [f"- {escape(note)}" for note in notes] + [""]
    return lines


def to_markdown(comparison: Comparison, *, changes_only: bool = False) -> str:
    """Render a comparison as a Markdown report; ``changes_only`` leaves out *same* rows."""
    left, right = comparison.left, comparison.right
    stats = comparison.stats
    counts = kind_counts(comparison)
    lines = [
        f"# {escape(left.name or left.path)} ↔ {escape(right.name or right.path)}",
        "",
        f"- **Left:** {escape(left.path)} — {escape(left.display_title)}",
        f"- **Right:** {escape(right.path)} — {escape(right.display_title)}",
        "",
        "## Summary",
        "",
        "| words kept | "
        + " | ".join(f"{escape(glyph)} {kind}" for glyph, kind, _ in counts)
        + " | words added | words dropped |",
        "|" + "---:|" * (len(counts) + 3),
        f"| {percent(stats.similarity)} | "
        + " | ".join(str(count) for _, _, count in counts)
        + f" | {stats.words_added} | {stats.words_dropped} |",
        "",
        "## Rows",
        "",
        "Dropped words are ~~struck through~~ and added words are **bold**; ¶ numbers count "
        "each version's paragraphs from 1.",
        "",
    ]
    for number, row in shown_rows(comparison, changes_only=changes_only):
        lines += _row(comparison, number, row)
    return "\n".join(lines).rstrip("\n") + "\n"
