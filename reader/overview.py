"""The whole family at once: how alike every pair of documents is, and how each one relates
to its nearest neighbour ("rewrite of 000", "independent report", "near-copy").

Similarity is TF-IDF cosine over content words (boilerplate left out), accumulated through an
inverted index, so only pairs that share words cost anything; only each document's nearest
neighbour is aligned, to tell a rewrite (many linked paragraphs) from an independent report,
and containment and dates tell which way a rewrite goes.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from reader.compare import Comparison, compare
from reader.corpus import Document
from reader.facts import fact_keys
from reader.language import SCORING_STOPWORDS
from reader.sources import CompareFunction, Progress, compare_pairs, scaled
from reader.text import WORD_RE

RelationKind = Literal["near-copy", "rewrite", "source", "independent", "unrelated", "alone"]

NEAR_COPY = 0.9
"""Cosine at or above which two documents are near-copies."""
REWRITE_SHARE = 0.37
"""Share of both documents' content paragraphs that the aligner must link for a rewrite
(on the seeds: 0.69 for 000-001 and 0.38 for the condensed 000-002; 0.35 and below for
independent reports)."""
RELATED = 0.1
"""Cosine below which documents are unrelated."""
MAX_POSTING = 64
"""Words in more documents than this (and than a tenth of the folder) are left out of the
similarity: they are too common to tell documents apart, and they would make the index
quadratic in the number of documents."""

def _content_words(text: str) -> list[str]:
    return [w for w in (m.group().casefold() for m in WORD_RE.finditer(text)) if len(w) > 2 and w not in SCORING_STOPWORDS]


@dataclass(frozen=True)
class Profile:
    """What the overview keeps of one document."""

    weights: dict[str, float]
    norm: float
    words: frozenset[str]
    facts: frozenset[str]


@dataclass(frozen=True)
class Relation:
    """How a document relates to its nearest neighbour.

    Attributes:
        document: Index of the document.
        neighbour: Index of the most similar other document, or None.
        similarity: Their cosine similarity, 0..1.
        kind: near-copy, rewrite (of the neighbour), source (of the neighbour), independent,
            unrelated, or alone (no other document).
        aligned: Content paragraphs of the document the aligner links to the neighbour's.
        paragraphs: Content paragraphs of the document.
        shared_facts: Numbers and names both documents mention.
    """

    document: int
    neighbour: int | None
    similarity: float
    kind: RelationKind
    aligned: int = 0
    paragraphs: int = 0
    shared_facts: int = 0

    def describe(self, names: Sequence[str]) -> str:
        """The relation in words, e.g. ``rewrite of 000 (28 of 30 paragraphs match)``."""
        if self.neighbour is None:
            return "alone in the folder"
        other = names[self.neighbour]
        matched = f"{self.aligned} of {self.paragraphs} paragraphs align"
        return {
            "near-copy": f"near-copy of {other} ({self.similarity:.0%} alike)",
            "rewrite": f"rewrite of {other} ({matched})",
            "source": f"source of {other} ({matched})",
            "independent": f"independent report; closest {other} ({self.shared_facts} shared facts)",
            "unrelated": f"unrelated; closest {other} ({self.similarity:.0%} alike)",
            "alone": "alone in the folder",
        }[self.kind]


@dataclass(frozen=True)
class Overview:
    """Pairwise similarities of a folder's documents and each one's relation to its neighbour."""

    documents: tuple[Document, ...]
    pairs: dict[tuple[int, int], float]
    """Cosine of every pair ``(i, j)``, ``i < j``, that shares a word; absent pairs are 0."""
    relations: tuple[Relation, ...]

    def similarity(self, i: int, j: int) -> float:
        """How alike documents ``i`` and ``j`` are (1 for a document with itself)."""
        if i == j:
            return 1.0
        return self.pairs.get((min(i, j), max(i, j)), 0.0)

    @property
    def original(self) -> int | None:
        """The document the others derive from: the most rewritten-from, else the most central."""
        if not self.documents:
            return None
        sources = Counter(r.neighbour for r in self.relations if r.kind == "rewrite" and r.neighbour is not None)
        for r in self.relations:
            if r.kind == "source":
                sources[r.document] += 1
        if sources:
            return max(sources, key=lambda i: (sources[i], -i))
        centrality = [sum(self.similarity(i, j) for j in range(len(self.documents))) for i in range(len(self.documents))]
        return max(range(len(self.documents)), key=lambda i: (centrality[i], -i))


def profile(document: Document, idf: Callable[[str], float] | None = None) -> Profile:
    """Weighted content words and facts of a document (boilerplate left out)."""
    content = [p.text for p in document.paragraphs if not p.is_boilerplate]
    counts = Counter(w for text in content for w in _content_words(text))
    weights = {w: (1 + math.log(n)) * (idf(w) if idf else 1.0) for w, n in counts.items()}
    return Profile(
        weights=weights,
        norm=math.sqrt(sum(x * x for x in weights.values())) or 1.0,
        words=frozenset(counts),
        facts=fact_keys("\n".join(content)),
    )


def linked_paragraphs(comparison: Comparison) -> tuple[int, int]:
    """How many content paragraphs of each side the comparison's rows link to the other side.

    Headlines are left out: the aligner links two headlines on any shared word, which says
    nothing about whether one text was written from the other.
    """
    left, right = comparison.left, comparison.right
    linked = [row for row in comparison.rows if row.left and row.right]

    def counts(document: Document, indices: list[int]) -> int:
        return sum(
            1 for i in indices
            if not document.paragraphs[i].is_boilerplate and document.paragraphs[i].text != document.title
        )

    return (
        counts(left, [i for row in linked for i in row.left]),
        counts(right, [j for row in linked for j in row.right]),
    )


def _relation(
    index: int,
    neighbour: int,
    similarity: float,
    documents: Sequence[Document],
    profiles: Sequence[Profile],
    linked: tuple[int, int],
) -> Relation:
    """Relate a document to its neighbour, given how many paragraphs of each the aligner links."""
    mine, theirs = documents[index], documents[neighbour]
    paragraphs = sum(1 for p in mine.paragraphs if not p.is_boilerplate)
    total = paragraphs + sum(1 for p in theirs.paragraphs if not p.is_boilerplate)
    shared = len(profiles[index].facts & profiles[neighbour].facts)
    kind: RelationKind
    if similarity >= NEAR_COPY:
        kind = "near-copy"
    elif total and sum(linked) / total >= REWRITE_SHARE:
        kind = _direction(index, neighbour, profiles, [d.date for d in documents])
    elif similarity >= RELATED:
        kind = "independent"
    else:
        kind = "unrelated"
    return Relation(index, neighbour, round(similarity, 4), kind, linked[0], paragraphs, shared)


def _direction(index: int, neighbour: int, profiles: Sequence[Profile], dates: Sequence[str | None]) -> RelationKind:
    """Rewrite or source: dates decide when both are known, else containment does.

    The derived version is the one whose words are more contained in the other (a condensed
    rewrite keeps the original's words; the original has many the rewrite dropped).
    """
    mine, theirs = dates[index], dates[neighbour]
    if mine and theirs and mine != theirs:
        return "rewrite" if mine > theirs else "source"
    a, b = profiles[index].words, profiles[neighbour].words
    common = len(a & b)
    contained_mine = common / len(a) if a else 0.0
    contained_theirs = common / len(b) if b else 0.0
    return "rewrite" if contained_mine >= contained_theirs else "source"


def weighted_profiles(documents: Sequence[Document]) -> tuple[list[Profile], Counter[str]]:
    """TF-IDF profiles of the documents (IDF over these documents) and each word's document count."""
    plain = [profile(d) for d in documents]
    frequency: Counter[str] = Counter(w for p in plain for w in p.words)
    count = len(documents)

    def idf(word: str) -> float:
        return math.log(1 + count / frequency[word])

    return [profile(d, idf) for d in documents], frequency


def cosine(a: Profile, b: Profile) -> float:
    """Cosine similarity of two weighted profiles, 0..1."""
    if len(a.weights) > len(b.weights):
        a, b = b, a
    return min(1.0, sum(weight * b.weights.get(w, 0.0) for w, weight in a.weights.items()) / (a.norm * b.norm))


def most_similar(document: Document, documents: Sequence[Document]) -> tuple[Document, float] | None:
    """The other document most like ``document`` and their cosine similarity, or None if alone.

    One document against the others, for the library's "compare with the most similar" key;
    :func:`build_overview` does every pair.
    """
    others = [d for d in documents if d is not document]
    if not others:
        return None
    (target, *profiles), _ = weighted_profiles([document, *others])
    scores = [cosine(target, p) for p in profiles]
    best = max(range(len(others)), key=lambda i: (scores[i], -i))
    return others[best], scores[best]


def build_overview(
    documents: Sequence[Document],
    *,
    compare: CompareFunction = compare,
    progress: Progress | None = None,
) -> Overview:
    """Compare every document with every other, cheaply, and relate each to its neighbour.

    Args:
        documents: The folder's documents.
        compare: How to compare a document with its nearest neighbour (the CLI and the app
            pass a cached one).
        progress: Called with the share done (0..1) now and then, from the calling thread.
    """
    documents = tuple(documents)
    count = len(documents)
    profiles, frequency = weighted_profiles(documents)
    cap = max(MAX_POSTING, count // 10)
    if progress:
        progress(0.3)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for number, p in enumerate(profiles):
        for word, weight in p.weights.items():
            if 1 < frequency[word] <= cap:
                postings[word].append((number, weight))
    dots: dict[tuple[int, int], float] = defaultdict(float)
    for entries in postings.values():
        for position, (i, wi) in enumerate(entries):
            for j, wj in entries[position + 1 :]:
                dots[(i, j)] += wi * wj
    pairs = {key: min(1.0, dot / (profiles[key[0]].norm * profiles[key[1]].norm)) for key, dot in dots.items()}
    if progress:
        progress(0.7)
    best: dict[int, tuple[float, int]] = {}
    for (i, j), value in pairs.items():
        for a, b in ((i, j), (j, i)):
            if a not in best or (value, -b) > (best[a][0], -best[a][1]):
                best[a] = (value, b)
    neighbours = {
        number: best.get(number, (0.0, 1 if number == 0 else 0)) for number in range(count) if count > 1
    }
    keys = sorted({(min(number, n), max(number, n)) for number, (_, n) in neighbours.items()})
    comparisons = compare_pairs(
        [(documents[i], documents[j]) for i, j in keys], compare=compare, progress=scaled(progress, 0.7, 1.0)
    )
    linked = {key: linked_paragraphs(comparison) for key, comparison in zip(keys, comparisons)}
    relations = []
    for number in range(count):
        if count == 1:
            relations.append(Relation(number, None, 0.0, "alone"))
            continue
        similarity, neighbour = neighbours[number]
        key = (min(number, neighbour), max(number, neighbour))
        counts = linked[key] if key[0] == number else linked[key][::-1]
        relations.append(_relation(number, neighbour, similarity, documents, profiles, counts))
    if progress:
        progress(1.0)
    return Overview(documents, pairs, tuple(relations))


def default_base(documents: Sequence[Document], *, compare: CompareFunction = compare) -> Document:
    """The document the others are compared to: the overview's likely original.

    Raises:
        ValueError: ``documents`` is empty.
    """
    if not documents:
        raise ValueError("no documents")
    original = build_overview(documents, compare=compare).original
    return documents[original or 0]
