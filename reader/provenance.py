"""Provenance: which sources carry each paragraph of a base document (a collation apparatus).

Every other document is compared with the base; each base paragraph then has, per source,
the kind of the row it sits in (same, changed, reworded, moved), *elsewhere* when the source
has no row for it but carries one of its sentences in another paragraph (a link across rows,
``reader.links``: a sentence moved to a neighbouring paragraph or restated far away), or
*absent*. Paragraphs the sources have and the base lacks are grouped across sources when they
say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reader.compare import Comparison, compare
from reader.corpus import Document
from reader.overview import build_overview
from reader.pairwise import CompareFunction, Progress, compare_with_base, scaled
from reader.text import words

Status = Literal["same", "changed", "reworded", "moved", "elsewhere", "absent"]

STATUS_GLYPHS: dict[str, str] = {
    "same": "=",
    "changed": "~",
    "reworded": "≈",
    "moved": "↕",
    "elsewhere": "↪",
    "absent": "·",
}
"""One character per cell, so the apparatus reads without colour."""

GROUP_OVERLAP = 0.5
"""Word-set overlap (Jaccard) at which extra paragraphs of two sources are grouped."""


@dataclass(frozen=True)
class Cell:
    """How one source carries one base paragraph.

    Attributes:
        status: same, changed, reworded, moved, elsewhere or absent.
        row: Index of the row in that source's comparison (None when absent); for
            *elsewhere*, the row of the first source paragraph that carries the sentence.
        similarity: Share of words the row keeps (0 when absent or elsewhere).
        elsewhere: The source's paragraphs outside the row that carry one of the base
            paragraph's sentences (links across rows), whatever the status.
    """

    status: Status
    row: int | None = None
    similarity: float = 0.0
    elsewhere: tuple[int, ...] = ()

    @property
    def glyph(self) -> str:
        """The cell's one-character mark."""
        return STATUS_GLYPHS[self.status]


@dataclass(frozen=True)
class Extra:
    """A paragraph that some sources have and the base lacks.

    Attributes:
        text: The paragraph as the first source that has it words it.
        places: ``(source number, paragraph index)`` for every source that has it.
    """

    text: str
    places: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Provenance:
    """The base's paragraphs against every source."""

    base: Document
    sources: tuple[Document, ...]
    comparisons: tuple[Comparison, ...]
    cells: tuple[tuple[Cell, ...], ...]
    """``cells[paragraph][source]`` for every paragraph of the base."""
    extras: tuple[Extra, ...]
    chronology: tuple[Document, ...] = ()
    """The base and the sources from likely earliest to latest (see
    :meth:`reader.overview.Overview.chronology`)."""

    def first_seen(self, paragraph: int) -> Document | None:
        """The earliest version that carries a base paragraph (the base or a source), or
        None when the chronology is unknown."""
        carriers = [self.base] + [s for k, s in enumerate(self.sources) if self.cells[paragraph][k].status != "absent"]
        return self._earliest(carriers)

    def extra_first_seen(self, extra: Extra) -> Document | None:
        """The earliest source that carries a passage the base lacks."""
        return self._earliest([self.sources[k] for k, _ in extra.places])

    def _earliest(self, documents: Sequence[Document]) -> Document | None:
        rank = {id(document): number for number, document in enumerate(self.chronology)}
        known = [d for d in documents if id(d) in rank]
        return min(known, key=lambda d: rank[id(d)]) if known else None

    @property
    def content(self) -> list[int]:
        """Indices of the base paragraphs that are not boilerplate."""
        return [p.index for p in self.base.paragraphs if not p.is_boilerplate]

    def source_coverage(self, source: int) -> float:
        """Share of the base's content paragraphs that a source carries."""
        content = self.content
        if not content:
            return 0.0
        return sum(1 for i in content if self.cells[i][source].status != "absent") / len(content)

    def paragraph_coverage(self, paragraph: int) -> int:
        """How many sources carry a base paragraph."""
        return sum(1 for cell in self.cells[paragraph] if cell.status != "absent")


def build_provenance(
    base: Document,
    sources: Sequence[Document],
    *,
    compare: CompareFunction = compare,
    progress: Progress | None = None,
    chronology: Sequence[Document] | None = None,
) -> Provenance:
    """Compare each source with the base and collate the results paragraph by paragraph.

    Args:
        base: The document whose paragraphs are collated.
        sources: The other documents (``base`` among them is skipped).
        compare: How to compare two documents (the CLI and the app pass a cached one).
        progress: Called with the share done (0..1) after each source.
        chronology: The documents from earliest to latest, which says in which version each
            passage first appears; by default the overview of the base and the sources
            orders them (its relations and families).
    """
    sources, comparisons = compare_with_base(
        base, sources, compare=compare, progress=scaled(progress, 0.0, 0.9 if chronology is None else 1.0)
    )
    if chronology is None:
        overview = build_overview([base, *sources])
        chronology = [overview.documents[i] for i in overview.chronology()]
        if progress:
            progress(1.0)
    cells: list[list[Cell]] = [[Cell("absent") for _ in sources] for _ in base.paragraphs]
    for column, comparison in enumerate(comparisons):
        for number, row in enumerate(comparison.rows):
            if not row.left or not row.right:
                continue
            for index in row.left:
                cells[index][column] = Cell(row.kind, number, row.similarity)  # type: ignore[arg-type]
        _credit_links(cells, column, comparison)
    return Provenance(
        base,
        sources,
        tuple(comparisons),
        tuple(tuple(row) for row in cells),
        _extras(sources, comparisons),
        tuple(chronology),
    )


def _credit_links(cells: list[list[Cell]], column: int, comparison: Comparison) -> None:
    """Credit a source with the base sentences it carries outside their row.

    A base paragraph with no row in the source but a sentence in another of its paragraphs
    is *elsewhere*, not absent (a fact-checker looks for it there); every cell lists the
    source paragraphs that carry one of its sentences across rows.
    """
    carried: dict[int, list[int]] = {}
    for link in comparison.links:
        places = carried.setdefault(link.left, [])
        if link.right not in places:
            places.append(link.right)
    for index, places in carried.items():
        cell = cells[index][column]
        elsewhere = tuple(sorted(places))
        if cell.status == "absent":
            cells[index][column] = Cell("elsewhere", comparison.row_of("right", elsewhere[0]), 0.0, elsewhere)
        else:
            cells[index][column] = Cell(cell.status, cell.row, cell.similarity, elsewhere)


def _extras(sources: Sequence[Document], comparisons: Sequence[Comparison]) -> tuple[Extra, ...]:
    """Group the sources' added content paragraphs that say the same thing."""
    groups: list[tuple[frozenset[str], str, list[tuple[int, int]]]] = []
    for column, comparison in enumerate(comparisons):
        for row in comparison.rows:
            if row.left or row.boilerplate:
                continue
            for index in row.right:
                paragraph = sources[column].paragraphs[index]
                if paragraph.is_boilerplate:
                    continue
                bag = frozenset(w.casefold() for w in words(paragraph.text) if len(w) > 2)
                for group_words, _, places in groups:
                    union = bag | group_words
                    if union and len(bag & group_words) / len(union) >= GROUP_OVERLAP:
                        places.append((column, index))
                        break
                else:
                    groups.append((bag, paragraph.text, [(column, index)]))
    groups.sort(key=lambda group: -len({column for column, _ in group[2]}))
    return tuple(Extra(text, tuple(places)) for _, text, places in groups)
