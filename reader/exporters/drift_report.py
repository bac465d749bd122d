"""Fact-drift reports (see :mod:`reader.drift`): text for people, ``reader.drift/1`` JSON.

Each source compared to the base is one group; each item names its kind, the row (the
index into the comparison's rows, and the paragraphs on each side) and both wordings.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from reader.corpus import Document
from reader.drift import Disagreement
from reader.exporters.common import paragraph_numbers
from reader.layout import clip, wrap
from reader.text import sanitize

FORMAT = "reader.drift/1"

Result = tuple[Document, Sequence[Disagreement]]
"""A source and its disagreements with the base."""


def drift_to_dict(base: Document, results: Sequence[Result]) -> dict[str, Any]:
    """Build the ``reader.drift/1`` structure (document text kept raw, as in ``reader.diff/1``).

    >>> from reader.corpus import document_from_text
    >>> drift_to_dict(document_from_text("A.", name="a.txt"), [(document_from_text("B.", name="b.txt"), [])])
    {'format': 'reader.drift/1', 'base': 'a.txt', 'sources': [{'path': 'b.txt', 'title': 'B.', 'items': []}]}
    """
    return {
        "format": FORMAT,
        "base": base.path,
        "sources": [
            {
                "path": document.path,
                "title": document.display_title,
                "items": [
                    {
                        "kind": item.kind,
                        "row": item.row,
                        "left_paragraphs": list(item.left_paragraphs),
                        "right_paragraphs": list(item.right_paragraphs),
                        "left": item.left,
                        "right": item.right,
                        "detail": item.detail,
                    }
                    for item in items
                ],
            }
            for document, items in results
        ],
    }


def drift_to_json(base: Document, results: Sequence[Result]) -> str:
    """``reader.drift/1`` as JSON text ending with a newline."""
    return json.dumps(drift_to_dict(base, results), ensure_ascii=False, indent=1) + "\n"


def _wrapped(label: str, text: str, width: int) -> list[str]:
    """``label`` then ``text`` wrapped at ``width``, continuation lines indented under it."""
    indent = " " * len(label)
    lines = wrap([("=", sanitize(text))], max(10, width - len(label)))
    return [(label if number == 0 else indent) + "".join(t for _, t in line) for number, line in enumerate(lines)]


def drift_to_text(base: Document, results: Sequence[Result], *, width: int = 100) -> str:
    """A plain-text report: per source, each disagreement with both wordings, wrapped.

    Document text is sanitized: nothing in it can reach a terminal as a control sequence.
    """
    out = [clip(sanitize(f"base: {base.path} — {base.display_title}"), width), "─" * width]
    for document, items in results:
        count = f"{len(items)} disagreement{'s' if len(items) != 1 else ''}" if items else "no disagreements"
        out.append(clip(sanitize(f"{document.path} — {document.display_title}"), width))
        out.append(count)
        for item in items:
            where = f"{paragraph_numbers(item.left_paragraphs)} → {paragraph_numbers(item.right_paragraphs)}"
            out.append("")
            out.append(clip(f"{item.kind} · row {item.row + 1} · {where}", width))
            out.extend(_wrapped("  ", item.detail, width))
            out.extend(_wrapped("  left:  ", item.left, width))
            out.extend(_wrapped("  right: ", item.right, width))
        out.append("─" * width)
    return "\n".join(out) + "\n"
