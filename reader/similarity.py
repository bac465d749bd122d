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


def most_similar(document: Document, documents: Sequence[Document]) -> tuple[Document, float] | None:
    """The other document most like ``document`` and its cosine similarity (0..1).

    Returns None when there is no other document.
    """
    others = [d for d in documents if d is not document]
    if not others:
        return None
    bags = {id(d): _bag(d) for d in [document, *others]}
    frequency: Counter[str] = Counter()
    for bag in bags.values():
        frequency.update(bag.keys())
    count = len(bags)

    def vector(d: Document) -> dict[str, float]:
        return {w: n * math.log(1 + count / frequency[w]) for w, n in bags[id(d)].items()}

    def norm(v: dict[str, float]) -> float:
        return math.sqrt(sum(x * x for x in v.values())) or 1.0

    target = vector(document)
    target_norm = norm(target)
    best: tuple[Document, float] | None = None
    for other in others:
        v = vector(other)
        cosine = sum(weight * v.get(w, 0.0) for w, weight in target.items()) / (target_norm * norm(v))
        if best is None or cosine > best[1]:
            best = (other, cosine)
    return best
