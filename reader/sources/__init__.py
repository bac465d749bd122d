"""Input kinds other than plain text: each module turns a file's bytes into blocks + metadata.

A *block* is one paragraph of the document as the source gives it; a block the source itself
set aside (page text the HTML extractor left out) carries the reason. :mod:`reader.corpus`
dispatches on the file extension (:func:`kind_of`) and builds the :class:`~reader.corpus.Document`.
Plain text (``.txt`` and anything unknown) stays on corpus's own path.
"""

from __future__ import annotations

from reader.sources.base import (
    KINDS,
    LINKS_FILE,
    Block,
    Extracted,
    SourceError,
    kind_of,
    read_links,
)

__all__ = ["KINDS", "LINKS_FILE", "Block", "Extracted", "SourceError", "extract", "kind_of", "read_links"]


def extract(data: bytes, kind: str, *, url: str | None = None) -> Extracted:
    """Turn the bytes of a document of ``kind`` into blocks and metadata.

    Raises:
        SourceError: The bytes are not a readable document of that kind.
    """
    if kind == "html":
        from reader.sources.html import extract_html

        return extract_html(data, url=url)
    if kind == "markdown":
        from reader.sources.markdown import extract_markdown

        return extract_markdown(data)
    if kind == "docx":
        from reader.sources.docx import extract_docx

        return extract_docx(data)
    if kind == "pdf":
        from reader.sources.pdf import extract_pdf

        return extract_pdf(data)
    raise ValueError(f"unknown source kind {kind!r}")
