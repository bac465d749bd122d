"""The one loop over sources that the multi-document verdicts share.

Provenance, drift and the overview compare documents two by two; they take the compare
function from their caller (``reader.compare.compare``, or the CLI's and the app's cached
one), so the engine never reaches for the cache itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.compare import Comparison, compare
from reader.corpus import Document

CompareFunction = Callable[[Document, Document], Comparison]
"""Compares a reference version (left) with another (right)."""

Progress = Callable[[float], None]
"""Called with the share of the work done, 0..1."""


def compare_pairs(
    pairs: Sequence[tuple[Document, Document]],
    *,
    compare: CompareFunction = compare,
    progress: Progress | None = None,
) -> list[Comparison]:
    """Compare each ``(left, right)`` pair in order, reporting progress after each.

    >>> from reader.corpus import document_from_text
    >>> a, b = document_from_text("One.\\n"), document_from_text("Two.\\n")
    >>> done = []
    >>> [c.right is b for c in compare_pairs([(a, b), (b, a)], progress=done.append)], done
    ([True, False], [0.5, 1.0])
    """
    comparisons = []
    for number, (left, right) in enumerate(pairs):
        comparisons.append(compare(left, right))
        if progress:
            progress((number + 1) / len(pairs))
    return comparisons


def compare_with_base(
    base: Document,
    documents: Sequence[Document],
    *,
    compare: CompareFunction = compare,
    progress: Progress | None = None,
) -> tuple[tuple[Document, ...], list[Comparison]]:
    """Every document other than ``base`` (the sources) and its comparison with ``base``."""
    sources = tuple(document for document in documents if document is not base)
    return sources, compare_pairs([(base, source) for source in sources], compare=compare, progress=progress)


def scaled(progress: Progress | None, start: float, end: float) -> Progress | None:
    """A progress callback that maps 0..1 onto ``start..end`` of ``progress``.

    >>> seen = []
    >>> scaled(seen.append, 0.5, 1.0)(0.5), seen
    (None, [0.75])
    """
    if progress is None:
        return None
    return lambda done: progress(start + (end - start) * done)
