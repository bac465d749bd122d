"""What several exporters share: which rows to show, row labels, markers, the header lines."""

from __future__ import annotations

from rich.cells import cell_len

from reader.compare import GLYPHS, Comparison, Row
from reader.layout import clip
from reader.measures import WORDS_KEPT, percent
from reader.sidebyside import MARKERS as MARKERS  # re-exported: inline.py takes it from here
from reader.text import one_line, sanitize


def shown_rows(comparison: Comparison, *, changes_only: bool) -> list[tuple[int, Row]]:
    """The rows to render with their 1-based numbers; ``changes_only`` leaves out *same* rows.

    Numbers stay those of the full comparison, so a filtered export still points at row 12.
    """
    return [(number, row) for number, row in enumerate(comparison.rows, start=1) if row.is_change or not changes_only]


def paragraph_numbers(indices: tuple[int, ...]) -> str:
    """Paragraph indices as 1-based numbers; runs are shortened, an empty side is ``—``.

    >>> paragraph_numbers((4, 7, 8)), paragraph_numbers((2, 3, 4)), paragraph_numbers(())
    ('¶5, ¶8–9', '¶3–5', '—')
    """
    if len(indices) == 1:  # most sides of most rows
        return f"¶{indices[0] + 1}"
    if not indices:
        return "—"
    runs: list[list[int]] = []
    for index in indices:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return ", ".join(f"¶{run[0] + 1}" + (f"–{run[-1] + 1}" if len(run) > 1 else "") for run in runs)


def boilerplate_reasons(comparison: Comparison, row: Row) -> list[str]:
    """Why the row's paragraphs are web cruft, each reason once, in paragraph order."""
    reasons = [comparison.left.paragraphs[i].boilerplate for i in row.left]
    reasons += [comparison.right.paragraphs[j].boilerplate for j in row.right]
    return list(dict.fromkeys(reason for reason in reasons if reason))


def row_label(comparison: Comparison, row: Row) -> str:
    """One line about a row: glyph, kind, paragraph numbers, share of words kept, cruft reason.

    Document text never appears in it, only the labels of the boilerplate rules (sanitized).
    """
    parts = [f"{row.glyph} {row.kind}", f"{paragraph_numbers(row.left)} → {paragraph_numbers(row.right)}"]
    if row.left and row.right:
        parts.append(f"{row.similarity:.0%} kept")
    if row.boilerplate:
        parts.append("cruft: " + ", ".join(boilerplate_reasons(comparison, row)))
    return sanitize(" · ".join(parts))


def link_notes(comparison: Comparison, number: int) -> list[str]:
    """One line per other row that shares sentences with row ``number`` (1-based) across rows.

    >>> # e.g. "↪ 1 sentence also in row 7 (right ¶12, rebroken)"
    """
    grouped: dict[tuple[int, str, int], list[str]] = {}
    for link, end, other in comparison.links_of_row(number - 1):
        other_side = "right" if end == "left" else "left"
        paragraph = link.right if end == "left" else link.left
        grouped.setdefault((other, other_side, paragraph), []).append(link.kind)
    notes = []
    for (other, side, paragraph), kinds in sorted(grouped.items()):
        count = len(kinds)
        noun = "sentence" if count == 1 else "sentences"
        kind_names = ", ".join(dict.fromkeys(kinds))
        notes.append(
            f"↪ {count} {noun} also in row {other + 1} ({side} {paragraph_numbers((paragraph,))}, {kind_names})"
        )
    return notes


def kind_counts(comparison: Comparison) -> list[tuple[str, str, int]]:
    """``(glyph, kind, content rows of that kind)`` for every kind, in the usual order."""
    return [(glyph, kind, comparison.stats.count(kind)) for kind, glyph in GLYPHS.items()]


def header(comparison: Comparison, width: int = 100) -> list[str]:
    """The lines above the rows of a plain-text export: both titles (clipped) and the stats
    (wrapped between items at a narrow width, so no count is cut off)."""
    stats = comparison.stats
    left, right = comparison.left, comparison.right
    counts = [f"{glyph} {kind} {count}" for glyph, kind, count in kind_counts(comparison)]
    titles = [
        one_line(f"left:  {left.path} — {left.display_title}"),
        one_line(f"right: {right.path} — {right.display_title}"),
    ]
    return [
        *(clip(line, width) for line in titles),
        *wrap_items(
            [f"{WORDS_KEPT.name} {percent(stats.similarity)}", f"words +{stats.words_added} -{stats.words_dropped}"],
            width,
        ),
        *wrap_items([f"rows: {counts[0]}", *counts[1:]], width),
    ]


def wrap_items(items: list[str], width: int, separator: str = "  ") -> list[str]:
    """Items joined by ``separator`` into lines of at most ``width`` cells, breaking only
    between items (an item wider than the line is clipped).

    >>> wrap_items(["rows: = same 1", "~ changed 22", "+ added 3"], 26)
    ['rows: = same 1', '~ changed 22  + added 3']
    """
    lines: list[str] = []
    for item in items:
        if lines and cell_len(lines[-1] + separator + item) <= width:
            lines[-1] += separator + item
        else:
            lines.append(clip(item, width))
    return lines
