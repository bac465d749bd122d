"""The machine-readable diff, format ``reader.diff/1`` (see DESIGN.md; additive changes only)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

import orjson

from reader.compare import Comparison, Row, gc_paused
from reader.corpus import Document
from reader.exporters.common import shown_rows

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


def to_dict(comparison: Comparison, *, changes_only: bool = False) -> dict[str, Any]:
    """Build the ``reader.diff/1`` structure.

    Keys beyond DESIGN.md (added, never changed): per side ``boilerplate_reasons`` and
    ``encoding``; per row ``boilerplate`` and ``score``; top level ``fold_typography`` and
    ``changes_only``; top level ``links`` (sentences shared by paragraphs that do not share a
    row: ``{"left", "right", "kind", "sentences": [[start, end], [start, end]], "score"}``,
    offsets into the two paragraphs). With typography folding, an op may carry both texts:
    ``["=", left, right]``.

    With ``changes_only``, *same* rows are left out of ``rows``; ``paragraphs`` and ``stats``
    still describe both whole documents, so the paragraphs of a same row are simply in no row.
    """
    return _document(comparison, changes_only, rows_as_dicts=True)


ROW_KEYS = ("kind", "left", "right", "similarity", "ops", "boilerplate", "score")
"""The keys of a row in ``reader.diff/1``, in order."""

_ROWS_AS_THEY_ARE = tuple(field.name for field in fields(Row)) == ROW_KEYS
"""Whether orjson can write the rows themselves: it writes a dataclass as an object of its
fields in order (and tuples as arrays), which is a row's ``reader.diff/1`` object while
:class:`~reader.compare.Row` has exactly :data:`ROW_KEYS` as fields. A 1 MB pair has
thousands of rows: no dict is built per row (a tenth of the export's time)."""


def _document(comparison: Comparison, changes_only: bool, *, rows_as_dicts: bool) -> dict[str, Any]:
    """:func:`to_dict`, with each row a dict or (for orjson) the row itself."""
    stats = comparison.stats
    shown = [row for _, row in shown_rows(comparison, changes_only=True)] if changes_only else comparison.rows
    rows: Sequence[Any] = (
        [
            {
                "kind": row.kind,
                "left": list(row.left),
                "right": list(row.right),
                "similarity": row.similarity,
                "ops": row.ops,  # tuples: orjson and json write them as arrays
                "boilerplate": row.boilerplate,
                "score": row.score,
            }
            for row in shown
        ]
        if rows_as_dicts or not _ROWS_AS_THEY_ARE
        else shown
    )
    return {
        "format": FORMAT,
        "left": _side(comparison.left),
        "right": _side(comparison.right),
        "fold_typography": comparison.fold_typography,
        "changes_only": changes_only,
        "rows": rows,
        "links": [
            {
                "left": link.left,
                "right": link.right,
                "kind": link.kind,
                "sentences": [list(link.left_span), list(link.right_span)],
                "score": link.score,
            }
            for link in comparison.links
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


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def to_json(comparison: Comparison, *, changes_only: bool = False) -> str:
    """Serialise a comparison as ``reader.diff/1`` JSON (UTF-8 text, ends with a newline).

    Indented by two spaces, by orjson (compiled: a 1 MB pair's JSON in a few hundredths of a
    second, where the standard library's indenting encoder, pure Python, took over a second on
    short paragraphs). Lone surrogates (file names that were not UTF-8), which orjson refuses,
    are kept as ``\\udcXX`` escapes by the standard library's encoder, which writes the same
    document, so the JSON stays valid UTF-8 and still gives the name back.
    """
    with gc_paused():
        document = _document(comparison, changes_only, rows_as_dicts=False)
    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode("utf-8")
    except TypeError:
        text = json.dumps(to_dict(comparison, changes_only=changes_only), ensure_ascii=False, indent=2)
        return _SURROGATE_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"
