"""A unified diff (``diff -u``) whose hunks follow the aligned rows; ``patch`` applies it.

The diff works on the files' own lines (:meth:`~reader.corpus.Document.source_text`: line
endings, a byte-order mark and a missing final newline are kept), so applying it to the left
file gives the right file byte for byte (for UTF-8 files; the diff itself is UTF-8 text).

Lines are matched only where the comparison links them: inside a linked row that is not a
move, identical lines of the two sides are kept as context. Moved, added and dropped rows
become deletions where they were and additions where they are. Blank lines between paragraphs
are matched with each other, never with text. Nothing is re-aligned.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from reader.compare import Comparison
from reader.corpus import Document

CONTEXT = 3
"""Lines of context around each change, as ``diff -u``."""

NO_NEWLINE = "\\ No newline at end of file\n"

_LINE_END_RE = re.compile(r"\r\n|\r|\n")

Opcode = tuple[str, int, int, int, int]
"""``(tag, i1, i2, j1, j2)`` as :meth:`difflib.SequenceMatcher.get_opcodes` gives."""


def _lines(document: Document) -> list[str]:
    """The file's lines as ``patch`` sees them: split after each ``\\n``, ends kept."""
    lines = document.source_text().split("\n")
    result = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        result.append(lines[-1])
    return result


def _paragraph_lines(document: Document) -> list[range]:
    """For each paragraph, the range of file lines it covers (0-based)."""
    # The line number in the file of every line of the normalised text: a lone CR ends a
    # line of the text but not of the file.
    source = document.source_text()
    file_line_of: list[int] = [0]
    file_line = 0
    for match in _LINE_END_RE.finditer(source):
        if "\n" in match.group():
            file_line += 1
        file_line_of.append(file_line)
    starts = [0] + [match.end() for match in re.finditer("\n", document.text)]
    ranges = []
    for paragraph in document.paragraphs:
        first = bisect.bisect_right(starts, paragraph.start) - 1
        last = bisect.bisect_right(starts, paragraph.end - 1) - 1
        ranges.append(range(file_line_of[first], file_line_of[last] + 1))
    return ranges


def _anchors(comparison: Comparison, left: list[str], right: list[str]) -> list[tuple[int, int]]:
    """Pairs of identical lines that linked rows keep, increasing on both sides."""
    left_ranges = _paragraph_lines(comparison.left)
    right_ranges = _paragraph_lines(comparison.right)
    pairs: list[tuple[int, int]] = []
    for row in comparison.rows:
        if not row.left or not row.right or row.kind == "moved":
            continue
        left_numbers = [n for i in row.left for n in left_ranges[i]]
        right_numbers = [n for j in row.right for n in right_ranges[j]]
        matcher = SequenceMatcher(
            None, [left[n] for n in left_numbers], [right[n] for n in right_numbers], autojunk=False
        )
        for block in matcher.get_matching_blocks():
            pairs.extend((left_numbers[block.a + k], right_numbers[block.b + k]) for k in range(block.size))
    return _increasing(pairs)


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing strictly on both sides.

    >>> _increasing([(0, 0), (5, 1), (1, 2), (2, 3), (4, 4)])
    [(0, 0), (1, 2), (2, 3), (4, 4)]
    """
    ordered = sorted(set(pairs), key=lambda pair: (pair[0], -pair[1]))
    tails: list[int] = []  # tails[k]: right end of the best chain of length k + 1
    tail_index: list[int] = []
    previous: list[int] = []
    for index, (_, j) in enumerate(ordered):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[k] = j
            tail_index[k] = index
        previous.append(tail_index[k - 1] if k else -1)
    chain = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(ordered[index])
        index = previous[index]
    return chain[::-1]


def _gap_opcodes(left: list[str], right: list[str], i1: int, i2: int, j1: int, j2: int) -> Iterator[Opcode]:
    """Opcodes between two anchors: blank lines may match blank lines, text never matches."""

    def keys(lines: list[str], start: int, stop: int, side: str) -> list[object]:
        return [lines[n] if not lines[n].strip() else (side, n) for n in range(start, stop)]

    matcher = SequenceMatcher(None, keys(left, i1, i2, "l"), keys(right, j1, j2, "r"), autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        yield tag, i1 + a1, i1 + a2, j1 + b1, j1 + b2


def _opcodes(comparison: Comparison, left: list[str], right: list[str]) -> list[Opcode]:
    """Equal/replace/delete/insert opcodes over the whole files, merged where adjacent."""
    opcodes: list[Opcode] = []
    i = j = 0
    for a, b in [*_anchors(comparison, left, right), (len(left), len(right))]:
        opcodes.extend(_gap_opcodes(left, right, i, a, j, b))
        if a < len(left):
            opcodes.append(("equal", a, a + 1, b, b + 1))
        i, j = a + 1, b + 1
    merged: list[Opcode] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if i1 == i2 and j1 == j2:
            continue
        if merged and (merged[-1][0] == "equal") == (tag == "equal"):
            previous = merged.pop()
            tag = "equal" if tag == "equal" else "replace"
            i1, j1 = previous[1], previous[3]
        merged.append((tag, i1, i2, j1, j2))
    return merged


def _hunks(opcodes: list[Opcode], context: int) -> Iterator[list[Opcode]]:
    """Group changes with ``context`` lines around them (as :mod:`difflib` groups opcodes)."""
    if not any(op[0] != "equal" for op in opcodes):
        return
    codes = list(opcodes)
    tag, i1, i2, j1, j2 = codes[0]
    if tag == "equal":
        codes[0] = tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2
    tag, i1, i2, j1, j2 = codes[-1]
    if tag == "equal":
        codes[-1] = tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * context:
            group.append((tag, i1, i1 + context, j1, j1 + context))
            yield group
            group = []
            i1, j1 = i2 - context, j2 - context
        group.append((tag, i1, i2, j1, j2))
    if any(op[0] != "equal" for op in group):
        yield group


def _range(start: int, count: int) -> str:
    """A hunk range: 1-based start (the line before, for an empty range) and a count."""
    if count == 1:
        return str(start + 1)
    return f"{start + 1 if count else start},{count}"


def _body_line(prefix: str, line: str) -> str:
    return prefix + line if line.endswith("\n") else prefix + line + "\n" + NO_NEWLINE


def _header_path(prefix: str, document: Document) -> str:
    """``a/PATH``: the path as given, relative, on one line."""
    return prefix + re.sub(r"[\r\n\t]", " ", document.path).lstrip("/")


def to_unified(comparison: Comparison, *, context: int = CONTEXT) -> str:
    """Render a comparison as a unified diff from the left file to the right file.

    Empty when the files are identical. Hunks follow the aligned rows, in left-line order.
    """
    left, right = _lines(comparison.left), _lines(comparison.right)
    out: list[str] = []
    for group in _hunks(_opcodes(comparison, left, right), context):
        i1, i2 = group[0][1], group[-1][2]
        j1, j2 = group[0][3], group[-1][4]
        out.append(f"@@ -{_range(i1, i2 - i1)} +{_range(j1, j2 - j1)} @@\n")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                out.extend(_body_line(" ", line) for line in left[a1:a2])
                continue
            out.extend(_body_line("-", line) for line in left[a1:a2])
            out.extend(_body_line("+", line) for line in right[b1:b2])
    if not out:
        return ""
    head = [f"--- {_header_path('a/', comparison.left)}\n", f"+++ {_header_path('b/', comparison.right)}\n"]
    return "".join(head + out)
