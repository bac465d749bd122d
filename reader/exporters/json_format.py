"""The machine-readable diff, format ``reader.diff/1`` (see DESIGN.md; additive changes only)."""

from __future__ import annotations

import json
from typing import Any

from reader.compare import Comparison
from reader.corpus import Document

FORMAT = "reader.diff/1"


def _side(document: Document) -> dict[str, Any]:
    return {
        "path": document.path,
        "title": document.display_title,
        "paragraphs": [p.text for p in document.paragraphs],
        "boilerplate": [p.index for p in document.paragraphs if p.is_boilerplate],
        "boilerplate_reasons": {str(p.index): p.boilerplate for p in document.paragraphs if p.is_boilerplate},
        "encoding": document.encoding,
    }


def to_dict(comparison: Comparison) -> dict[str, Any]:
    """Build the ``reader.diff/1`` structure.

    Keys beyond DESIGN.md (added, never changed): per side ``boilerplate_reasons`` and
    ``encoding``; per row ``boilerplate`` and ``score``; top level ``fold_typography``. With
    typography folding, an op may carry both texts: ``["=", left, right]``.
    """
    stats = comparison.stats
    return {
        "format": FORMAT,
        "left": _side(comparison.left),
        "right": _side(comparison.right),
        "fold_typography": comparison.fold_typography,
        "rows": [
            {
                "kind": row.kind,
                "left": list(row.left),
                "right": list(row.right),
                "similarity": row.similarity,
                "ops": [list(op) for op in row.ops],
                "boilerplate": row.boilerplate,
                "score": row.score,
            }
            for row in comparison.rows
        ],
        "stats": {
            "similarity": stats.similarity,
            "same": stats.same,
            "changed": stats.changed,
            "reworded": stats.reworded,
            "moved": stats.moved,
            "added": stats.added,
            "dropped": stats.dropped,
            "words_added": stats.words_added,
            "words_dropped": stats.words_dropped,
        },
    }


def to_json(comparison: Comparison) -> str:
    """Serialise a comparison as ``reader.diff/1`` JSON (UTF-8 text, ends with a newline)."""
    return json.dumps(to_dict(comparison), ensure_ascii=False, indent=1) + "\n"
