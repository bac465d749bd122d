"""The comparison of two documents: aligned rows with word ops, and stats.

This is the one object that views and exporters render; none of them re-align or re-diff.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Literal

from reader.align import Group, Options, align
from reader.corpus import Document
from reader.links import Link, find_links
from reader.parallel import Aside, aside
from reader.text import count_words
from reader.worddiff import DELETE, EQUAL, INSERT, Op, diff_words, kept_share, rebuild, word_counts

Kind = Literal["same", "changed", "reworded", "moved", "added", "dropped"]

KINDS: tuple[Kind, ...] = ("same", "changed", "reworded", "moved", "added", "dropped")

GLYPHS: dict[str, str] = {
    "same": "=",
    "changed": "~",
    "reworded": "≈",
    "moved": "↕",
    "added": "+",
    "dropped": "-",
}
"""The gutter glyph of each row kind (colour is never the only signal)."""

PARAGRAPH_SEPARATOR = "\n\n"
"""Joins the paragraphs of one side of a row (a merge) before the word diff."""

REWORDED_BELOW = 0.7
"""A linked row whose share of kept words is below this is *reworded*, else *changed*."""

ENGINE_VERSION = 7
"""Version of the rows this engine produces; part of every cache key (``reader.cache``).

Bump it in any change to alignment, word diffs or row kinds that can change a row of some
comparison (kind, indices, similarity, ops, boilerplate or score), so that comparisons cached
by an older engine are recomputed instead of shown.
"""


@dataclass(frozen=True)
class Row:
    """One aligned row.

    Attributes:
        kind: same, changed, reworded, moved, added or dropped.
        left: Indices of the left paragraphs in the row (empty for an added row).
        right: Indices of the right paragraphs (empty for a dropped row).
        similarity: Share of words kept, 0..1 (0 for one-sided rows).
        ops: Word ops that rebuild both sides' texts, each side's paragraphs joined by
            :data:`PARAGRAPH_SEPARATOR`.
        boilerplate: Every paragraph in the row is web cruft.
        score: The aligner's evidence for the link, 0..1 (0 for one-sided rows).
    """

    kind: Kind
    left: tuple[int, ...]
    right: tuple[int, ...]
    similarity: float
    ops: tuple[Op, ...]
    boilerplate: bool = False
    score: float = 0.0

    @property
    def glyph(self) -> str:
        """The gutter glyph for this row's kind."""
        return GLYPHS[self.kind]

    @property
    def is_change(self) -> bool:
        """Whether the row is anything but *same*."""
        return self.kind != "same"


@dataclass(frozen=True)
class Stats:
    """Totals over the content rows (boilerplate rows are left out)."""

    similarity: float
    same: int
    changed: int
    reworded: int
    moved: int
    added: int
    dropped: int
    words_added: int
    words_dropped: int

    def count(self, kind: str) -> int:
        """Number of content rows of a kind."""
        return int(getattr(self, kind))


@dataclass(frozen=True)
class Comparison:
    """Two documents, their aligned rows and the stats: what every view renders.

    ``links`` join paragraphs that do not share a row by a sentence they both carry (a
    sentence moved across a paragraph break, restated elsewhere, or a paragraph split in two
    places); see :mod:`reader.links`. Rows alone still partition the paragraphs.
    """

    left: Document
    right: Document
    rows: tuple[Row, ...]
    stats: Stats
    fold_typography: bool = False
    links: tuple[Link, ...] = ()

    def row_of(self, side: str, paragraph: int) -> int | None:
        """The index of the row holding a paragraph of one side (``None`` if out of range)."""
        table = self._row_tables()[0 if side == "left" else 1]
        return table.get(paragraph)

    def links_of_row(self, number: int) -> list[tuple[Link, str, int]]:
        """The links leaving a row: each with the side of this row's end and the other end's row."""
        row = self.rows[number]
        found: list[tuple[Link, str, int]] = []
        left, right = set(row.left), set(row.right)
        for link in self.links:
            if link.left in left:
                other = self.row_of("right", link.right)
                if other is not None:
                    found.append((link, "left", other))
            elif link.right in right:
                other = self.row_of("left", link.left)
                if other is not None:
                    found.append((link, "right", other))
        return found

    def _row_tables(self) -> tuple[dict[int, int], dict[int, int]]:
        tables: tuple[dict[int, int], dict[int, int]] | None = self.__dict__.get("_tables")
        if tables is None:
            tables = ({}, {})
            for number, row in enumerate(self.rows):
                for i in row.left:
                    tables[0][i] = number
                for j in row.right:
                    tables[1][j] = number
            object.__setattr__(self, "_tables", tables)
        return tables

    @property
    def identical(self) -> bool:
        """Whether the two documents have the same paragraphs (every row *same*)."""
        return all(row.kind == "same" for row in self.rows)

    def swapped(self) -> Comparison:
        """The same comparison seen from the other side: right becomes the reference.

        Nothing is re-aligned or re-diffed: sides, ops and one-sided kinds are mirrored.
        """
        mirror_op = {EQUAL: EQUAL, DELETE: INSERT, INSERT: DELETE}
        mirror_kind: dict[str, Kind] = {"added": "dropped", "dropped": "added"}
        rows = tuple(
            replace(
                row,
                kind=mirror_kind.get(row.kind, row.kind),
                left=row.right,
                right=row.left,
                ops=tuple((EQUAL, op[2], op[1]) if len(op) == 3 else (mirror_op[op[0]], op[1]) for op in row.ops),
            )
            for row in self.rows
        )
        stats = replace(
            self.stats,
            added=self.stats.dropped,
            dropped=self.stats.added,
            words_added=self.stats.words_dropped,
            words_dropped=self.stats.words_added,
        )
        links = tuple(
            sorted((link.swapped() for link in self.links), key=lambda link: (link.left, link.right, link.left_span))
        )
        return Comparison(self.right, self.left, rows, stats, self.fold_typography, links)

    def side_text(self, row: Row, side: str) -> str:
        """The text of one side of a row (its paragraphs joined)."""
        if side == "left":
            return join_paragraphs(self.left, row.left)
        return join_paragraphs(self.right, row.right)

    def paragraph_pieces(self, row: Row, side: str) -> list[list[tuple[str, str]]]:
        """Split a side of a row into its paragraphs, each a list of ``(op, text)`` pieces.

        ``op`` is ``"="`` or, for the left side, ``"-"`` and, for the right side, ``"+"``.
        Views use this to draw a merge as several paragraphs; it re-diffs nothing.
        """
        other = "+" if side == "left" else "-"
        pieces: list[tuple[str, str]] = []
        for word_op in row.ops:
            if word_op[0] == other:
                continue
            text = word_op[2] if side == "right" and len(word_op) == 3 else word_op[1]
            pieces.append((word_op[0], text))
        paragraphs: list[list[tuple[str, str]]] = [[]]
        for op, text in pieces:
            parts = text.split(PARAGRAPH_SEPARATOR)
            for number, part in enumerate(parts):
                if number:
                    paragraphs.append([])
                if part:
                    paragraphs[-1].append((op, part))
        count = len(row.left if side == "left" else row.right)
        return paragraphs if count else []


def join_paragraphs(document: Document, indices: tuple[int, ...]) -> str:
    """One side of a row: its paragraphs joined by :data:`PARAGRAPH_SEPARATOR`."""
    if len(indices) == 1:  # most rows: the paragraph's own text, with no generator to run
        return document.paragraphs[indices[0]].text
    return PARAGRAPH_SEPARATOR.join([document.paragraphs[i].text for i in indices])


def _headline(document: Document) -> int | None:
    """The index of the document's headline paragraph, when it reads as a headline.

    The corpus takes a short first line ending in a full stop for a title too (a plain
    text's first sentence); headlines carry no full stop, and only those are kept away from
    the other side's paragraphs (:func:`reader.align.align`'s ``headlines``).
    """
    if document.title is None or document.title.rstrip().endswith("."):
        return None
    for paragraph in document.paragraphs:
        if paragraph.text == document.title:
            return paragraph.index
    return None


def _title_pair(left: Document, right: Document) -> tuple[int, int] | None:
    """The two headlines, when both documents have one.

    A headline is not paired with the other side's lead paragraph: headline goes with
    headline and lede with lede. On 44 pairs of real coverage (``tests/gold/real_links.json``)
    dropping the headline-to-lede pairing raised precision from 0.681 to 0.699 and recall
    from 0.578 to 0.587; the seeds' gold scores did not move.
    """

    def headline(document: Document) -> int | None:
        for paragraph in document.paragraphs:
            if paragraph.text == document.title:
                return paragraph.index
        return None

    if left.title is None or right.title is None:
        return None
    i, j = headline(left), headline(right)
    return (i, j) if i is not None and j is not None else None


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a comparison or its export.

    Both make hundreds of thousands of small, acyclic objects; each collection the
    allocations trigger walks every object made so far (on a 1 MB dictionary pair: 0.9 s of
    JSON building with the collector on, 0.25 s off). Reference counting still frees them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compare(
    left: Document,
    right: Document,
    *,
    fold_typography: bool = False,
    options: Options = Options(),
) -> Comparison:
    """Align two documents and diff every row by words.

    Args:
        left: The reference version.
        right: The other version.
        fold_typography: Treat curly/straight quotes, dash variants and whitespace runs as
            equal (kept in the text, shown as unchanged).
        options: Aligner tuning.
    """
    with gc_paused():
        return StagedComparison(left, right, fold_typography=fold_typography, options=options).comparison()


def align_documents(
    left: Document,
    right: Document,
    *,
    fold_typography: bool = False,
    options: Options = Options(),
    paragraphs: _Paragraphs | None = None,
) -> list[Group]:
    """The aligner's groups for two documents, told their cruft and headlines: the one call
    that :func:`compare` and the overview's cheaper rows (:func:`reader.overview.aligned_rows`)
    share (``paragraphs``: the documents' :func:`_paragraphs`, if at hand)."""
    (left_texts, right_texts), (left_cruft, right_cruft) = paragraphs or _paragraphs(left, right)
    return align(
        left_texts,
        right_texts,
        left_boilerplate=left_cruft,
        right_boilerplate=right_cruft,
        fold_typography=fold_typography,
        titles=_title_pair(left, right),
        headlines=(_headline(left), _headline(right)),
        options=options,
    )


_Paragraphs = tuple[tuple[list[str], list[str]], tuple[list[bool], list[bool]]]
"""Both documents' paragraph texts and boilerplate flags, by index: what a row is made of."""


def _paragraphs(left: Document, right: Document) -> _Paragraphs:
    """The texts and boilerplate flags of both documents' paragraphs (the aligner's input),
    listed once for all the rows and the links."""
    return (
        ([p.text for p in left.paragraphs], [p.text for p in right.paragraphs]),
        ([p.boilerplate is not None for p in left.paragraphs], [p.boilerplate is not None for p in right.paragraphs]),
    )


_WordDiffs = dict[tuple[str, str], tuple[tuple[Op, ...], float]]
"""Word ops and kept share by the two texts of a row: a repeated row is diffed once."""


def _joined(texts: list[str], indices: tuple[int, ...]) -> str:
    """One side of a row from its paragraphs' texts (as :func:`join_paragraphs`)."""
    if len(indices) == 1:
        return texts[indices[0]]
    return PARAGRAPH_SEPARATOR.join([texts[i] for i in indices])


def _row(paragraphs: _Paragraphs, group: Group, fold_typography: bool, diffs: _WordDiffs) -> Row:
    """The row of one aligned group: its kind, word ops and share of words kept."""
    (left_texts, right_texts), (left_cruft, right_cruft) = paragraphs
    lefts, rights = group.left, group.right
    if len(lefts) == 1 == len(rights):  # most rows: one paragraph a side
        left_text, right_text = left_texts[lefts[0]], right_texts[rights[0]]
        boilerplate = left_cruft[lefts[0]] and right_cruft[rights[0]]
    else:
        left_text, right_text = _joined(left_texts, lefts), _joined(right_texts, rights)
        boilerplate = _all_cruft(paragraphs, lefts, rights)
    if not rights:
        return Row("dropped", lefts, (), 0.0, ((DELETE, left_text),), boilerplate)
    if not lefts:
        return Row("added", (), rights, 0.0, (("+", right_text),), boilerplate)
    known = diffs.get((left_text, right_text))  # a repeated row shares its ops (summarize counts them once)
    if known is None and left_text == right_text:  # most rows of a long pair: all words kept, nothing to diff
        same: tuple[Op, ...] = ((EQUAL, left_text),) if left_text else ()
        diffs[left_text, right_text] = (same, 1.0)
        return Row("moved" if group.moved else "same", lefts, rights, 1.0, same, boilerplate, round(group.score, 4))
    if known is None:
        known = diffs[left_text, right_text] = (
            diff_words(left_text, right_text, fold=fold_typography),
            kept_share(left_text, right_text, fold=fold_typography),
        )
    ops, kept = known
    unchanged = all(op[0] == EQUAL for op in ops)
    if group.moved:
        kind: Kind = "moved"
    elif unchanged:
        kind = "same"
    elif kept >= REWORDED_BELOW:
        kind = "changed"
    else:
        kind = "reworded"
    return Row(kind, lefts, rights, round(kept, 4), ops, boilerplate, round(group.score, 4))


def _all_cruft(paragraphs: _Paragraphs, lefts: tuple[int, ...], rights: tuple[int, ...]) -> bool:
    """Whether every paragraph of a row is web cruft."""
    _, (left_cruft, right_cruft) = paragraphs
    return all([left_cruft[i] for i in lefts]) and all([right_cruft[j] for j in rights])


FORK_LINKS_FROM = 1_000
"""Paragraphs (both sides) from which the links are found in a child process when
:mod:`reader.parallel` allows it: below, forking costs more than the links take."""

FORK_LINKS_UP_TO = 12_000_000
"""Characters (both sides) up to which the links are found in a child process. Measured in
session 8, alternating runs: the 5 MB pairs gain 0.17 s (novels), 0.24 s (scripture) and 0.68 s
(dictionary); the 10 MB repetitive pair nothing (3.11 against 3.04 s), so beyond it stays here.
Session 6 had measured +1.3 s of CPU on the 5 MB dictionary and set 3 million; the same
measurement now shows no more CPU (4.81 against 4.92 s of user time)."""


def cross_row_links(
    left: Document, right: Document, groups: Sequence[Group], paragraphs: _Paragraphs | None = None
) -> tuple[Link, ...]:
    """:func:`reader.links.find_links` over the rows the aligner's groups make: the links
    across rows that a comparison of ``left`` and ``right`` carries (``paragraphs``: the
    documents' :func:`_paragraphs`, if at hand)."""
    (left_texts, right_texts), (left_cruft, right_cruft) = paragraphs or _paragraphs(left, right)
    return find_links(
        left_texts,
        right_texts,
        [(group.left, group.right) for group in groups],
        left_boilerplate=left_cruft,
        right_boilerplate=right_cruft,
        headlines=(_headline(left), _headline(right)),
    )


def _links_aside(
    left: Document, right: Document, groups: Sequence[Group], paragraphs: _Paragraphs
) -> Aside[tuple[Link, ...]]:
    """:func:`cross_row_links`, started aside if allowed."""
    count, characters = len(left.paragraphs) + len(right.paragraphs), len(left.text) + len(right.text)
    return aside(
        lambda: cross_row_links(left, right, groups, paragraphs),
        fork=FORK_LINKS_FROM <= count and characters <= FORK_LINKS_UP_TO,
    )


class StagedComparison:
    """A comparison made in two steps, for a first screen that need not wait for the last row.

    The constructor aligns (the bulk of the work); :meth:`first_rows` then word-diffs only
    the rows a first screen shows, and :meth:`comparison` finishes the rest (word diffs of the
    other rows, links, stats) without diffing a row twice. :func:`compare` is this without
    the first step.
    """

    def __init__(
        self, left: Document, right: Document, *, fold_typography: bool = False, options: Options = Options()
    ) -> None:
        self.left = left
        self.right = right
        self.fold_typography = fold_typography
        with gc_paused():
            self._paragraphs = _paragraphs(left, right)
            self.groups = align_documents(
                left, right, fold_typography=fold_typography, options=options, paragraphs=self._paragraphs
            )
        self._rows: list[Row] = []
        self._diffs: _WordDiffs = {}

    @property
    def total(self) -> int:
        """How many rows the whole comparison has."""
        return len(self.groups)

    def first_rows(self, past_story: int) -> tuple[Row, ...]:
        """The first rows, exactly as in the whole comparison: the web cruft before the first
        story row (where the view opens), the story row and ``past_story`` rows after it."""
        story = next(
            (n for n, group in enumerate(self.groups) if not _all_cruft(self._paragraphs, group.left, group.right)),
            len(self.groups),
        )
        self._extend(min(len(self.groups), story + 1 + max(0, past_story)))
        return tuple(self._rows)

    def comparison(self) -> Comparison:
        """The whole comparison (the rows made by :meth:`first_rows` are reused)."""
        with gc_paused():
            # needs only the groups: on the other core if allowed
            links = _links_aside(self.left, self.right, self.groups, self._paragraphs)
            self._extend(len(self.groups))
            rows = tuple(self._rows)
            return Comparison(self.left, self.right, rows, summarize(rows), self.fold_typography, links.result())

    def _extend(self, count: int) -> None:
        paragraphs, fold, diffs = self._paragraphs, self.fold_typography, self._diffs
        with gc_paused():
            self._rows.extend([_row(paragraphs, group, fold, diffs) for group in self.groups[len(self._rows) : count]])


def summarize(rows: Sequence[Row]) -> Stats:
    """Totals over content rows; similarity is the share of words kept, weighted by size."""
    counts = dict.fromkeys(KINDS, 0)
    dropped = added = 0
    kept_total = words_total = 0.0
    counted: dict[int, tuple[int, int, int]] = {}  # by id(row.ops): a repeated row shares its ops
    for row in rows:
        if row.boilerplate:
            continue
        counts[row.kind] += 1
        ops = row.ops
        found = counted.get(id(ops))
        if found is None:
            if len(ops) == 1:  # a same, added or dropped row (most rows): the words of its one op
                op, words = ops[0][0], count_words(ops[0][1])
                found = (words, 0, 0) if op == EQUAL else (0, words, 0) if op == DELETE else (0, 0, words)
            else:
                found = word_counts(ops)
            counted[id(ops)] = found
        equal, gone, new = found
        dropped, added = dropped + gone, added + new
        size = 2 * equal + gone + new  # words on both sides
        kept_total += row.similarity * size
        words_total += size
    return Stats(
        similarity=round(kept_total / words_total, 4) if words_total else 1.0,
        words_added=added,
        words_dropped=dropped,
        **counts,
    )


__all__ = [
    "ENGINE_VERSION",
    "GLYPHS",
    "KINDS",
    "Comparison",
    "Link",
    "Row",
    "StagedComparison",
    "Stats",
    "compare",
    "join_paragraphs",
    "rebuild",
    "summarize",
]
