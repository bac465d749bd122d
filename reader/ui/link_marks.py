"""What the compare view shows of links across rows: gutter marks, highlighted sentences, the
status note, and where the link key goes. Pure functions over a comparison, no widgets.

A linked sentence is drawn in the *moved* style at both ends, over the red or green of the
word diff: it is shown as moved rather than as new or dropped.
"""

from __future__ import annotations

from reader.compare import Comparison
from reader.text import sanitize

LINK_MARK = "↪"
"""Gutter mark on the second line of a row that shares a sentence with another row."""

_LEAST_PIECE = 8
"""Shortest piece of a sentence (characters) highlighted at the start or end of a line: a
shorter one could be any common word that happens to open or close the sentence."""


def linked_sentences(comparison: Comparison) -> dict[int, dict[str, list[str]]]:
    """For each row with links: per side, the texts (as drawn) of its linked sentences."""
    found: dict[int, dict[str, list[str]]] = {}
    for link in comparison.links:
        for side, paragraph, span in (("left", link.left, link.left_span), ("right", link.right, link.right_span)):
            row = comparison.row_of(side, paragraph)
            if row is None:
                continue
            document = comparison.left if side == "left" else comparison.right
            text = " ".join(sanitize(document.paragraphs[paragraph].text[span[0] : span[1]]).split())
            found.setdefault(row, {}).setdefault(side, []).append(text)
    return found


def sentence_ranges(line: str, sentences: list[str]) -> list[tuple[int, int]]:
    """Character ranges of ``line`` (one wrapped line of a side) that belong to ``sentences``.

    A sentence may lie inside the line, cover it, or start or end in it (it was wrapped).

    >>> sentence_ranges("fell. The ship was freed on Monday and", ["The ship was freed on Monday and sailed."])
    [(6, 38)]
    """
    ranges: list[tuple[int, int]] = []
    stripped = line.strip()
    if not stripped:
        return ranges
    lead = len(line) - len(line.lstrip())
    collapsed = " ".join(stripped.split())
    for sentence in sentences:
        at = line.find(sentence)
        if at >= 0:
            ranges.append((at, at + len(sentence)))
        elif len(collapsed) >= _LEAST_PIECE and collapsed in sentence:
            ranges.append((lead, lead + len(stripped)))
        elif piece := _tail_in(line, sentence):
            ranges.append(piece)
        elif piece := _head_in(line, sentence):
            ranges.append(piece)
    return ranges


def _tail_in(line: str, sentence: str) -> tuple[int, int] | None:
    """The end of ``line`` from a word start on, if the sentence starts with it."""
    end = len(line.rstrip())
    for start in range(len(line)):
        if (start == 0 or line[start - 1] == " ") and line[start] != " ":
            piece = " ".join(line[start:end].split())
            if len(piece) >= _LEAST_PIECE and sentence.startswith(piece):
                return start, end
    return None


def _head_in(line: str, sentence: str) -> tuple[int, int] | None:
    """The start of ``line`` up to a word end, if the sentence ends with it."""
    start = len(line) - len(line.lstrip())
    for end in range(len(line), start, -1):
        if (end == len(line) or line[end] == " ") and line[end - 1] != " ":
            piece = " ".join(line[start:end].split())
            if len(piece) >= _LEAST_PIECE and sentence.endswith(piece):
                return start, end
    return None


def status_note(comparison: Comparison, row: int, shown: list[int]) -> str:
    """``"1 sentence also in row 7"`` for a row with links (row numbers as the view counts them).

    >>> # "2 sentences also in rows 7, 9" for two links to two rows; "" for a row without links
    """
    ends = comparison.links_of_row(row)
    if not ends:
        return ""
    others = sorted({other for _, _, other in ends})
    numbers = ", ".join(str(view_number(other, shown)) for other in others)
    count = len(ends)
    noun = "sentence" if count == 1 else "sentences"
    return f"{count} {noun} also in row{'s' if len(others) > 1 else ''} {numbers} (L: go there)"


def view_number(row: int, shown: list[int]) -> str:
    """A row's number as the status line counts it: its place among the shown rows, or its
    place among all rows with ``*`` when the filters hide it."""
    try:
        return str(shown.index(row) + 1)
    except ValueError:
        return f"{row + 1}*"


def link_target(comparison: Comparison, row: int, came_from: int | None) -> int | None:
    """Where the link key goes from ``row``: back to ``came_from`` if it is one of the row's
    link ends, else to the first other end (None without links)."""
    others = sorted({other for _, _, other in comparison.links_of_row(row)})
    if not others:
        return None
    if came_from is not None and came_from in others:
        return came_from
    return others[0]
