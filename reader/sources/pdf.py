"""PDFs through pypdf: paragraphs rebuilt from lines, running headers, footers and page numbers dropped."""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from reader.sources.base import Block, Extracted, SourceError

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,3})?$", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[•▪◦‣*–-]\s|\d{1,3}[.)]\s|\(?[a-z][.)]\s)")
_SENTENCE_END = tuple('.!?:;"”’)')
_EDGE = 2
"""How many lines at the top and at the bottom of a page can be a running header or footer."""


def extract_pdf(data: bytes) -> Extracted:
    """Read a PDF's text layer into paragraphs, with its title, author and creation date.

    Raises:
        SourceError: The bytes are not a readable PDF, it is encrypted, or it has no text.
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files log warnings on stderr
    if b"%PDF-" not in data[:1024]:
        raise SourceError("not a PDF (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError("encrypted PDF (it needs a password)")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except SourceError:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise SourceError("encrypted PDF (it cannot be decrypted without a password)") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as error:
        raise SourceError(f"damaged PDF ({_first_line(error)})") from None
    except Exception as error:  # pypdf raises many kinds of error on broken files
        raise SourceError(f"damaged PDF ({type(error).__name__})") from None
    page_lines = [[" ".join(line.split()) for line in page.splitlines()] for page in pages]
    page_lines = _drop_running_lines(page_lines)
    paragraphs = rebuild_paragraphs(page_lines)
    if not paragraphs:
        raise SourceError("no text in the PDF (scanned pages? it has no text layer)")
    title = author = date = None
    try:
        if info is not None:
            title = " ".join((info.title or "").split()) or None
            author = " ".join((info.author or "").split()) or None
            created = info.creation_date
            date = created.date().isoformat() if created is not None else None
    except Exception:  # a malformed info dictionary only costs the metadata
        pass
    return Extracted(blocks=tuple(Block(p) for p in paragraphs), kind="pdf", title=title, author=author, date=date)


def _shape(line: str) -> str:
    """A line with its digits folded, so "Page 3" and "Page 4" look alike."""
    return re.sub(r"\d+", "#", line.casefold())


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers, and lines repeated at the top or bottom of most pages."""
    pages = [[line for line in page if line] for page in pages]
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for page in pages:
        tops.update({_shape(line) for line in page[:_EDGE]})
        bottoms.update({_shape(line) for line in page[-_EDGE:]})
    needed = max(2, (len(pages) + 1) // 2)
    running_top = {shape for shape, count in tops.items() if count >= needed and len(pages) >= 2}
    running_bottom = {shape for shape, count in bottoms.items() if count >= needed and len(pages) >= 2}
    cleaned: list[list[str]] = []
    for page in pages:
        keep = list(page)
        for position in range(min(_EDGE, len(keep))):  # top edge
            line = keep[position]
            if line is not None and (_PAGE_NUMBER.match(line) or _shape(line) in running_top):
                keep[position] = None  # type: ignore[call-overload]
        for position in range(max(0, len(keep) - _EDGE), len(keep)):  # bottom edge
            line = keep[position]
            if line is not None and (_PAGE_NUMBER.match(line) or _shape(line) in running_bottom):
                keep[position] = None  # type: ignore[call-overload]
        cleaned.append([line for line in keep if line is not None])
    return cleaned


def rebuild_paragraphs(pages: list[list[str]]) -> list[str]:
    """Join lines into paragraphs: a short line ending a sentence, a bullet or a heading ends one,
    and so does a page that ends a sentence. A word hyphenated across a line end is joined.

    >>> rebuild_paragraphs([["A long line of text that goes on and ends with a hyphen-", "ated word here.",
    ...                      "Second paragraph starts."]])
    ['A long line of text that goes on and ends with a hyphenated word here.', 'Second paragraph starts.']
    """
    lengths = sorted(len(line) for page in pages for line in page)
    if not lengths:
        return []
    full = lengths[int(len(lengths) * 0.75)] if len(lengths) >= 4 else max(lengths)
    paragraphs: list[str] = []
    current = ""
    previous = ""
    for page in pages:
        for number, line in enumerate(page):
            page_break = number == 0 and previous.endswith(_SENTENCE_END)
            if current and (page_break or _starts_new(previous, line, full)):
                paragraphs.append(current)
                current = ""
            if not current:
                current = line
            elif re.search(r"\w-$", current) and line[:1].islower():
                current = current[:-1] + line
            else:
                current = f"{current} {line}"
            previous = line
    if current:
        paragraphs.append(current)
    return paragraphs


def _starts_new(previous: str, line: str, full: int) -> bool:
    """Whether ``line`` starts a new paragraph after ``previous``."""
    if _BULLET.match(line):
        return True
    short = len(previous) < 0.8 * full
    if previous.endswith(_SENTENCE_END):
        return short
    return len(previous) < 0.5 * full and not previous.endswith((",", "-")) and line[:1].isupper()


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:120]
