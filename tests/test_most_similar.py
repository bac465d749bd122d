"""Whole-document similarity used by the library's "most similar" key."""

from __future__ import annotations

from reader.corpus import Document, document_from_text
from reader.overview import most_similar


def test_a_rewrite_is_more_similar_than_an_independent_report(seed_docs: dict[str, Document]) -> None:
    documents = list(seed_docs.values())
    best = most_similar(seed_docs["000"], documents)
    assert best is not None
    other, score = best
    assert other.name.startswith(("001", "002")) and 0 < score <= 1


def test_alone_in_the_folder_has_no_neighbour() -> None:
    document = document_from_text("Just one story here\n\nWith a body.\n")
    assert most_similar(document, [document]) is None
