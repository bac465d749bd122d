"""Input kinds other than plain text: each module turns a file's bytes into blocks + metadata.

A *block* is one paragraph of the document as the source gives it; a block the source itself
set aside (page text the HTML extractor left out) carries the reason. :mod:`reader.corpus`
dispatches on the file extension (:func:`kind_of`), :func:`reader.sources.dispatch.extract` calls
the kind's module, and corpus builds the :class:`~reader.corpus.Document`.
Plain text (``.txt`` and anything unknown) stays on corpus's own path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


class SourceError(Exception):
    """The bytes are not a readable document of their kind; the message is one line."""


@dataclass(frozen=True)
class Block:
    """One paragraph from a source.

    Attributes:
        text: The paragraph's text, on one line.
        dropped: Why the source set it aside (e.g. the extractor left it out), or ``None``.
    """

    text: str
    dropped: str | None = None


@dataclass(frozen=True)
class Extracted:
    """What a source gives: blocks in order and the document's metadata.

    Attributes:
        blocks: The paragraphs, story and set-aside text in reading order.
        kind: ``"html"``, ``"markdown"``, ``"docx"`` or ``"pdf"``.
        title: The headline or document title, if known.
        author: The author, if known.
        site: The site or publisher name, if known.
        date: The publication (or last-modified) date as ``YYYY-MM-DD``, if known.
        url: The canonical URL, if known.
        note: What a reader should know about how it was read, or ``None``.
    """

    blocks: tuple[Block, ...]
    kind: str
    title: str | None = None
    author: str | None = None
    site: str | None = None
    date: str | None = None
    url: str | None = None
    note: str | None = None


KINDS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".pdf": "pdf",
}
"""File extensions (lower case) read by a source other than plain text."""


def kind_of(name: str) -> str | None:
    """The source kind for a file name, or ``None`` for plain text.

    >>> kind_of("Page.HTM"), kind_of("notes.txt")
    ('html', None)
    """
    dot = name.rfind(".")
    return KINDS.get(name[dot:].lower()) if dot > 0 else None


LINKS_FILE = ".reader-links.json"
"""Where ``reader fetch`` records, per saved file, the link, the final URL and the fetch time."""


def read_links(folder: str | Path) -> dict[str, dict[str, str]]:
    """The records ``reader fetch`` left in a folder: file name -> {url, final_url, fetched}."""
    try:
        raw = json.loads((Path(folder) / LINKS_FILE).read_text(encoding="utf-8"))
        return {str(name): {str(k): str(v) for k, v in entry.items()} for name, entry in raw["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
