"""Hand a document's bytes to the module of its kind.

Apart from the package's ``__init__`` (which holds the types every kind's module imports), so
that the package and its modules do not import each other.
"""

from __future__ import annotations

from reader.sources import Extracted


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
