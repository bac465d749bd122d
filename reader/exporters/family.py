"""Text and JSON for the multi-source views: the corpus overview and the provenance apparatus."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence

from reader.corpus import Document
from reader.layout import clip
from reader.measures import SHARED_VOCABULARY
from reader.overview import Overview, relation_fields
from reader.provenance import STATUS_GLYPHS, Provenance
from reader.text import sanitize

SHADES = " ░▒▓█"
"""Heat from 0 to 1 in five steps, so the grid reads without colour."""

MATRIX_LIMIT = 40
"""The text grid shows at most this many documents (the JSON has every pair)."""


def shade(value: float) -> str:
    """The shading glyph of a similarity.

    >>> shade(0.0), shade(0.4), shade(1.0)
    (' ', '▒', '█')
    """
    return SHADES[min(len(SHADES) - 1, int(value * (len(SHADES) - 1) + 0.5))]


def short_names(documents: Sequence[Document]) -> list[str]:
    """The shortest unique prefixes of the file names (at least 3 characters, at most 12).

    >>> from reader.corpus import document_from_text
    >>> docs = [document_from_text("x\\n", name=p) for p in ("000_ab.txt", "001_cd.txt")]
    >>> short_names(docs)
    ['000', '001']
    """
    names = [sanitize(d.name) for d in documents]
    for length in range(3, 13):
        prefixes = [name[:length] for name in names]
        if len(set(prefixes)) == len(prefixes):
            return prefixes
    return [str(number + 1) for number in range(len(names))]


def column_heads(names: Sequence[str], width: int = 4) -> list[str]:
    """Heads of at most ``width`` characters for the grid's columns, unique where possible:
    names that share a prefix ("doc_01", "doc_12") are headed by what follows it.

    >>> column_heads(["doc_01", "doc_12"]), column_heads(["000", "001"])
    (['01', '12'], ['000', '001'])
    """
    heads = [name[:width] for name in names]
    if len(set(heads)) == len(heads):
        return heads
    common = len(os.path.commonprefix(list(names)))
    tails = [name[common:][:width] for name in names]
    if all(tails) and len(set(tails)) == len(tails):
        return tails
    return heads


def overview_text(overview: Overview, *, width: int = 100) -> str:
    """The heat grid (numbers are percentages) and each document's relation in words."""
    documents = overview.documents
    names = short_names(documents)
    label = max((len(n) for n in names), default=3)
    shown = range(min(len(documents), MATRIX_LIMIT))
    out = [
        f"{len(documents)} documents; {SHARED_VOCABULARY.name} in % ({SHARED_VOCABULARY.explanation}), "
        "░▒▓█ = more alike",
        "",
    ]
    heads = column_heads(names)
    out.append(" " * (label + 1) + "".join(f"{heads[j]:>5}" for j in shown))
    for i in shown:
        cells = "".join(
            "    ·" if i == j else f" {shade(overview.similarity(i, j))}{round(overview.similarity(i, j) * 100):>3}"
            for j in shown
        )
        out.append(f"{names[i]:<{label}} " + cells.rstrip())
    if len(documents) > MATRIX_LIMIT:
        out.append(f"(the first {MATRIX_LIMIT} of {len(documents)} documents; --format json has every pair)")
    out.append("")
    original = overview.original
    for relation in overview.relations:
        mark = "*" if relation.document == original else " "
        line = f"{mark} {names[relation.document]:<{label}}  {relation.describe(names)}"
        out.append(clip(sanitize(line), width))
    if original is not None:
        out += ["", f"* the likely original: {names[original]} — {sanitize(documents[original].display_title)}"]
    if len(overview.families) > 1 or any(len(f.members) > 1 for f in overview.families):
        out += ["", "Story families (likely original first):"]
        out += [clip(sanitize(line), width) for line in family_lines(overview, names)]
    return "\n".join(out) + "\n"


def family_lines(overview: Overview, names: Sequence[str]) -> list[str]:
    """One line per story family: its likely original, why, and the other members."""
    lines = []
    for number, family in enumerate(overview.families, start=1):
        others = ", ".join(names[i] for i in family.members if i != family.original)
        lines.append(f"  {number}. {names[family.original]} ({family.why})" + (f"; then {others}" if others else ""))
    return lines


def overview_json(overview: Overview) -> str:
    """``reader.overview/1``: documents, every pair with a similarity, and the relations."""
    names = short_names(overview.documents)
    data = {
        "format": "reader.overview/1",
        "documents": [{"path": d.path, "title": d.display_title, "date": d.date} for d in overview.documents],
        "pairs": [{"a": i, "b": j, "similarity": round(value, 4)} for (i, j), value in sorted(overview.pairs.items())],
        "relations": [
            {
                **relation_fields(r),
                "verdict": r.verdict(names),
                "evidence": list(r.evidence),
                "family": r.family,
            }
            for r in overview.relations
        ],
        "original": overview.original,
        "families": [{"members": list(f.members), "original": f.original, "why": f.why} for f in overview.families],
        "measures": {"pairs.similarity": f"{SHARED_VOCABULARY.name}: {SHARED_VOCABULARY.explanation}"},
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def provenance_text(provenance: Provenance, *, width: int = 100) -> str:
    """One row per base paragraph, one column per source, the version it first appears in,
    then coverage and the extras."""
    names = short_names(provenance.sources)
    every = short_names([provenance.base, *provenance.sources])
    name_of = {id(d): name for d, name in zip([provenance.base, *provenance.sources], every)}
    column = max((len(n) for n in names), default=3) + 1
    first_width = max(5, max((len(n) for n in every), default=3))
    base = provenance.base
    legend = "  ".join(f"{glyph} {status}" for status, glyph in STATUS_GLYPHS.items())
    out = [
        clip(sanitize(f"base: {base.path} — {base.display_title}"), width),
        f"{legend}   (cruft paragraphs in brackets; first: the likely earliest version that has it)",
        "",
        "  ¶  " + "".join(f"{name:>{column}}" for name in names) + f"  sources {'first':<{first_width}}",
    ]
    text_width = max(10, width - 5 - column * len(names) - 10 - first_width)
    for paragraph in base.paragraphs:
        cells = provenance.cells[paragraph.index]
        marks = "".join(f"{cell.glyph:>{column}}" for cell in cells)
        start = sanitize(" ".join(paragraph.text.split()))
        first = "" if paragraph.is_boilerplate else name_of.get(id(provenance.first_seen(paragraph.index)), "")
        if paragraph.is_boilerplate:
            start = f"[{paragraph.boilerplate}]"
        count = provenance.paragraph_coverage(paragraph.index)
        out.append(
            f"{paragraph.index + 1:>3}  {marks}  {count:>2}/{len(names):<3} {first:<{first_width}} {clip(start, text_width)}"
        )
    coverage = "".join(f"{provenance.source_coverage(k):>{column}.0%}" for k in range(len(names)))
    out += ["cov. " + coverage, ""]
    if provenance.extras:
        out.append("In sources but not in the base (first: the likely earliest version that has it):")
        for extra in provenance.extras:
            where = ", ".join(f"{names[k]} ¶{i + 1}" for k, i in extra.places)
            first = name_of.get(id(provenance.extra_first_seen(extra)), "")
            out.append(clip(sanitize(f"  [{where}; first {first}] " + " ".join(extra.text.split())), width))
    return "\n".join(out) + "\n"


def provenance_json(provenance: Provenance) -> str:
    """``reader.provenance/1``: the base, the sources and a cell per paragraph and source."""
    data = {
        "format": "reader.provenance/1",
        "base": {"path": provenance.base.path, "title": provenance.base.display_title},
        "sources": [
            {"path": s.path, "title": s.display_title, "coverage": round(provenance.source_coverage(k), 4)}
            for k, s in enumerate(provenance.sources)
        ],
        "paragraphs": [
            {
                "index": p.index,
                "boilerplate": p.is_boilerplate,
                "cells": [
                    {"status": c.status, "row": c.row, "similarity": c.similarity, "elsewhere": list(c.elsewhere)}
                    for c in provenance.cells[p.index]
                ],
                "first_seen": _path(provenance.first_seen(p.index)),
            }
            for p in provenance.base.paragraphs
        ],
        "extras": [
            {
                "text": extra.text,
                "places": [{"source": k, "paragraph": i} for k, i in extra.places],
                "first_seen": _path(provenance.extra_first_seen(extra)),
            }
            for extra in provenance.extras
        ],
        "chronology": [d.path for d in provenance.chronology],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _path(document: Document | None) -> str | None:
    return document.path if document is not None else None
