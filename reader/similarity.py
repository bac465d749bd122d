"""How alike whole documents are, cheaply: TF-IDF cosine over content words.

Used to pick "the most similar document" in the library without aligning every pair.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from reader.corpus import Document
from reader.text import words


def _bag(document: Document) -> Counter[str]:
    """Content words of the non-boilerplate paragraphs, lowercased (short words left out)."""
    return Counter(
        word.casefold()
        for paragraph in document.paragraphs
        if not paragraph.is_boilerplate
        for word in words(paragraph.text)
        if len(word) > 3
    )


def _vectors(documents: Sequence[Document]) -> list[tuple[dict[str, float], float]]:
    """TF-IDF vectors of the documents (IDF over these documents) with their norms."""
    bags = [_bag(d) for d in documents]
    frequency: Counter[str] = Counter()
    for bag in bags:
        frequency.update(bag.keys())
    count = len(bags)
    vectors = []
    for bag in bags:
        vector = {w: n * math.log(1 + count / frequency[w]) for w, n in bag.items()}
        vectors.append((vector, math.sqrt(sum(x * x for x in vector.values())) or 1.0))
    return vectors


def _cosine(a: tuple[dict[str, float], float], b: tuple[dict[str, float], float]) -> float:
    return sum(weight * b[0].get(w, 0.0) for w, weight in a[0].items()) / (a[1] * b[1])


def most_similar(document: Document, documents: Sequence[Document]) -> tuple[Document, float] | None:
    """The other document most like ``document`` and its cosine similarity (0..1).

    Returns None when there is no other document.
    """
    others = [d for d in documents if d is not document]
    if not others:
        return None
    target, *vectors = _vectors([document, *others])
    best: tuple[Document, float] | None = None
    for other, vector in zip(others, vectors):
        cosine = _cosine(target, vector)
        if best is None or cosine > best[1]:
            best = (other, cosine)
    return best
