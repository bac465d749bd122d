"""Documents and paragraphs: loading, decoding, segmentation and list metadata.

Every paragraph keeps its exact span in the decoded text, and the text between paragraphs is
whitespace only, so a document is rebuilt exactly from its paragraphs and the gaps.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.boilerplate import RULES, Rule, tag_paragraphs
from reader.text import words

MAX_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused rather than read into memory."""


class DocumentError(Exception):
    """A document could not be read; the message is one line, fit for a user."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a document.

    Attributes:
        index: Position in the document, from 0.
        text: The paragraph, exactly ``document.text[start:end]``.
        start: Offset of the first character in the document text.
        end: Offset just past the last character.
        boilerplate: Why the paragraph is web cruft, or ``None`` for content.
    """

    index: int
    text: str
    start: int
    end: int
    boilerplate: str | None = None

    @property
    def is_boilerplate(self) -> bool:
        """Whether the paragraph is tagged as boilerplate."""
        return self.boilerplate is not None


@dataclass(frozen=True)
class Document:
    """A decoded document split into paragraphs, with what a list of documents shows.

    Attributes:
        path: The path as given (for display).
        text: The decoded text with line ends normalised to ``\\n``.
        paragraphs: The paragraphs in order.
        encoding: The encoding the bytes were decoded with.
        newline: The line ending found in the file: ``"\\n"``, ``"\\r\\n"``, ``"\\r"`` or ``"mixed"``.
        convention: ``"blank-line"`` (paragraphs separated by blank lines) or ``"line"`` (one
            paragraph per line).
        title: The headline, if one was found.
        byline: The author or source line without "By", if found.
        date: The publication date as ``YYYY-MM-DD``, if found.
        mixed_source: The decoded text before line ends were normalised, kept only when the
            file mixes line endings (otherwise :meth:`source_text` rebuilds it).
        read_note: How the bytes were decoded when that was a guess or lost something
            (an assumed legacy encoding, invalid UTF-8 replaced), else ``None``.
    """

    path: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    encoding: str = "utf-8"
    newline: str = "\n"
    convention: str = "blank-line"
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    name: str = field(default="", compare=False)
    mixed_source: str | None = field(default=None, compare=False, repr=False)
    read_note: str | None = field(default=None, compare=False)

    @property
    def notes(self) -> list[str]:
        """What a reader should know about how the file was read, one line each.

        >>> document_from_text(" \\n").notes
        ['no text (empty or only whitespace)']
        """
        notes = [self.read_note] if self.read_note else []
        if not self.paragraphs:
            notes.append("no text (empty or only whitespace)")
        return notes

    @property
    def word_count(self) -> int:
        """Number of words in the whole document."""
        return sum(len(words(p.text)) for p in self.paragraphs)

    @property
    def boilerplate_count(self) -> int:
        """Number of paragraphs tagged as boilerplate."""
        return sum(p.is_boilerplate for p in self.paragraphs)

    @property
    def display_title(self) -> str:
        """The title, or the first words of the first content paragraph."""
        if self.title:
            return self.title
        for paragraph in self.paragraphs:
            if not paragraph.is_boilerplate:
                first = paragraph.text.split()
                return " ".join(first[:10]) + (" …" if len(first) > 10 else "")
        return (self.name or self.path) if self.paragraphs else "(no text)"

    def rebuild(self) -> str:
        """Rebuild the text from the paragraphs and the whitespace gaps between them."""
        pieces: list[str] = []
        position = 0
        for paragraph in self.paragraphs:
            pieces.append(self.text[position : paragraph.start])
            pieces.append(paragraph.text)
            position = paragraph.end
        pieces.append(self.text[position:])
        return "".join(pieces)

    def source_text(self) -> str:
        """The decoded file as read: original line endings, a byte-order mark as U+FEFF.

        For a UTF-8 file, ``source_text().encode("utf-8")`` is the file's bytes.

        >>> document_from_text("One\\r\\nTwo\\r\\n").source_text()
        'One\\r\\nTwo\\r\\n'
        """
        if self.mixed_source is not None:
            body = self.mixed_source
        elif self.newline != "\n":
            body = self.text.replace("\n", self.newline)
        else:
            body = self.text
        return ("\ufeff" if self.encoding in _BOM_ENCODINGS else "") + body


# Decoding --------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_BOM_ENCODINGS = frozenset(encoding for _, encoding in _BOMS)
"""Codecs that strip a byte-order mark when decoding (only used when the file had one)."""


def decode_with_note(data: bytes, path: str = "<bytes>") -> tuple[str, str, str | None]:
    """Decode document bytes; return the text, the encoding used, and how when it was a guess
    or lost bytes.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are decoded directly; anything else
    is handed to charset-normalizer, and the encoding it assumed is returned.

    Mostly UTF-8 text with a few invalid bytes stays UTF-8, with each invalid byte shown as
    U+FFFD (decoding it all as a legacy code page would garble every accented letter).

    >>> decode_with_note("naïve café ".encode() + bytes([0xFF]))
    ('naïve café �', 'utf-8', '1 invalid UTF-8 byte shown as �')
    >>> decode_with_note("Café crème".encode("latin-1"))[1:]
    ('cp1252', 'not UTF-8: read as cp1252 (assumed)')

    Raises:
        DocumentError: The bytes are binary or in no encoding that could be identified.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, None
            except UnicodeDecodeError:
                raise DocumentError(path, f"invalid {encoding} text after its byte-order mark") from None
    if b"\x00" in data[:65536]:
        raise DocumentError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", "replace")
    invalid = replaced.count("\ufffd") - data.count("\ufffd".encode())
    valid_multibyte = sum(not ch.isascii() for ch in replaced) - invalid
    if valid_multibyte >= invalid:  # valid multi-byte sequences hardly occur by chance
        plural = "s" if invalid > 1 else ""
        return replaced, "utf-8", f"{invalid} invalid UTF-8 byte{plural} shown as \ufffd"
    try:
        # Western text is by far the most common legacy case, and short samples of it
        # are easily mistaken for Baltic or Cyrillic code pages: prefer cp1252 when the
        # bytes decode to nothing but Latin letters and punctuation.
        western = data.decode("cp1252")
        if all(ch.isascii() or "\u00a0" <= ch <= "\u00ff" or ch in "‘’“”–—…€•™" for ch in western):
            return western, "cp1252", "not UTF-8: read as cp1252 (assumed)"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only needed for other legacy encodings

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DocumentError(path, "not text in any encoding that could be identified")
    return str(best), best.encoding, f"not UTF-8: read as {best.encoding} (assumed)"


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, count in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if count]
    if len(kinds) > 1:
        return "mixed"
    return kinds[0] if kinds else "\n"


# Segmentation ----------------------------------------------------------------------------

def _is_hard_wrapped(lines: list[str]) -> bool:
    """Whether a block of several lines is one paragraph wrapped at a fixed width.

    Wrapped prose has every line but the last of similar, moderate length, and most of those
    lines end mid-sentence. Lines of a page header, or one-paragraph-per-line text, do not.
    """
    body = [line.strip() for line in lines[:-1]]
    if not body or any(not 30 <= len(line) <= 100 for line in body):
        return False
    sentence_ends = sum(line[-1] in ".!?:\"”" for line in body)
    return sentence_ends <= len(body) / 2


def _is_wrapped_document(blocks: list[list[tuple[int, str]]]) -> bool:
    """Whether the whole document is prose hard-wrapped at a fixed width.

    Then every blank-line-separated block is one paragraph, even a block whose lines end
    sentences or hold a short line (what an edit leaves when nothing was re-wrapped).
    """
    inner = [len(line.strip()) for block in blocks for _, line in block[:-1]]
    if len(inner) < 3:
        return False
    longest = max(len(line.strip()) for block in blocks for _, line in block)
    moderate = sum(30 <= length <= 100 for length in inner)
    return longest <= 120 and moderate >= 0.8 * len(inner)


def segment(text: str) -> tuple[list[tuple[int, int]], str]:
    """Split text into paragraph spans and report the convention found.

    Blank-line-separated blocks become paragraphs when they are hard-wrapped prose; otherwise
    every non-blank line is a paragraph (one-paragraph-per-line text, page headers).

    >>> segment("Title\\n\\nFirst line of a\\nwrapped paragraph.\\n")[1]
    'blank-line'
    >>> segment("One.\\nTwo.\\nThree.\\n")
    ([(0, 4), (5, 9), (10, 16)], 'line')
    """
    spans: list[tuple[int, int]] = []
    blocks: list[list[tuple[int, str]]] = [[]]
    blank_lines = 0
    multi_line_splits = 0
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()  # what follows the last line end, or an empty text
    position = 0
    for line in lines:
        if line.strip():
            blocks[-1].append((position, line))
        else:
            blank_lines += 1
            if blocks[-1]:
                blocks.append([])
        position += len(line) + 1
    wrapped_document = _is_wrapped_document(blocks)

    def flush(block: list[tuple[int, str]]) -> None:
        nonlocal multi_line_splits
        if not block:
            return
        lines = [line for _, line in block]
        if len(block) > 1 and (wrapped_document or _is_hard_wrapped(lines)):
            first_start, first = block[0]
            last_start, last = block[-1]
            start = first_start + (len(first) - len(first.lstrip()))
            end = last_start + len(last.rstrip())
            spans.append((start, end))
        else:
            if len(block) > 1:
                multi_line_splits += len(block)
            for line_start, line in block:
                start = line_start + (len(line) - len(line.lstrip()))
                spans.append((start, line_start + len(line.rstrip())))

    for block in blocks:
        flush(block)
    convention = "line" if multi_line_splits > max(3, len(spans) / 2) or not blank_lines else "blank-line"
    return spans, convention


# Metadata --------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
_DATE_RE = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})\s*,?\s*(\d{4})\b")
_ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def find_date(text: str) -> str | None:
    """Return the first date in ``text`` as ``YYYY-MM-DD``.

    >>> find_date("Published: July 18, 2023, 8:13am")
    '2023-07-18'
    """
    for match in _DATE_RE.finditer(text):
        month = _MONTHS.get(match.group(1).lower())
        day = int(match.group(2))
        if month and 1 <= day <= 31:
            return f"{match.group(3)}-{month:02d}-{day:02d}"
    iso = _ISO_RE.search(text)
    return iso.group(0) if iso else None


def _metadata(paragraphs: list[Paragraph]) -> tuple[str | None, str | None, str | None]:
    head = paragraphs[:12]
    title = None
    for paragraph in head:
        count = len(words(paragraph.text))
        if paragraph.is_boilerplate or not 3 <= count <= 30:
            continue
        if paragraph.text.rstrip()[-1:] in (".", "?", "!") and count > 12:
            break  # body text reached before a headline
        title = paragraph.text
        break
    byline = None
    for paragraph in head:
        if paragraph.boilerplate == "byline":
            byline = re.sub(r"^\s*by\s+", "", paragraph.text, flags=re.IGNORECASE).strip()
            break
    date = None
    for reason in ("publication date", "date line"):
        for paragraph in head:
            if paragraph.boilerplate == reason and (date := find_date(paragraph.text)):
                return title, byline, date
    for paragraph in head[:4]:
        if date := find_date(paragraph.text):
            break
    return title, byline, date


# Building and loading --------------------------------------------------------------------


def document_from_text(
    text: str,
    *,
    name: str = "<text>",
    encoding: str = "utf-8",
    rules: Iterable[Rule] = RULES,
    read_note: str | None = None,
) -> Document:
    """Build a :class:`Document` from already-decoded text.

    >>> doc = document_from_text("Headline here today\\r\\n\\r\\nBy Jane Roe\\r\\n\\r\\nBody.")
    >>> [p.text for p in doc.paragraphs], doc.title, doc.byline, doc.newline
    (['Headline here today', 'By Jane Roe', 'Body.'], 'Headline here today', 'Jane Roe', '\\r\\n')
    """
    newline = _newline_style(text)
    mixed_source = text if newline == "mixed" else None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    spans, convention = segment(text)
    texts = [text[start:end] for start, end in spans]
    tags = tag_paragraphs(texts, rules)
    paragraphs = [
        Paragraph(index, body, start, end, tag)
        for index, ((start, end), body, tag) in enumerate(zip(spans, texts, tags))
    ]
    title, byline, date = _metadata(paragraphs)
    return Document(
        path=name,
        text=text,
        paragraphs=tuple(paragraphs),
        encoding=encoding,
        newline=newline,
        convention=convention,
        title=title,
        byline=byline,
        date=date,
        name=Path(name).name,
        mixed_source=mixed_source,
        read_note=read_note,
    )


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _not_regular(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is not read, or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a document"
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"not a regular file but {kind}" if kind != "not a regular file" else kind


def _os_reason(error: OSError, path: str) -> str:
    """A one-line reason for an error opening or reading ``path``."""
    if error.errno == errno.ENOENT:
        return "broken symbolic link" if os.path.islink(path) else "no such file"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOTDIR:
        return "no such file (a part of the path is not a folder)"
    return (error.strerror or "could not be read").lower()


def read_file(path: str | Path, *, limit: int = MAX_BYTES) -> bytes:
    """Read the bytes of a regular file, never blocking and never writing.

    A FIFO, socket or device is refused before it is opened (opening a FIFO waits for a
    writer), and checked again on the open descriptor, which is non-blocking, so a file
    swapped for one meanwhile cannot hang the read. A file that grows past ``limit`` while
    being read is refused too.

    Raises:
        DocumentError: The file is missing, unreadable, not a regular file or too large.
    """
    shown = str(path)
    too_large = f"too large (more than {limit // (1024 * 1024)} MB)"
    try:
        if reason := _not_regular(os.stat(path).st_mode):
            raise DocumentError(shown, reason)
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(path, flags)
        try:
            info = os.fstat(descriptor)
            if reason := _not_regular(info.st_mode):
                raise DocumentError(shown, reason)
            if info.st_size > limit:
                raise DocumentError(shown, too_large)
            chunks, size = [], 0
            while chunk := os.read(descriptor, 1 << 20):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise DocumentError(shown, too_large)
        finally:
            os.close(descriptor)
    except OSError as error:
        raise DocumentError(shown, _os_reason(error, shown)) from None
    return b"".join(chunks)


def load_document(path: str | Path, *, rules: Iterable[Rule] = RULES) -> Document:
    """Read and decode one file into a :class:`Document`.

    Raises:
        DocumentError: The file is missing, unreadable, not a regular file, too large,
            binary or not decodable.
    """
    shown = str(path)
    text, encoding, note = decode_with_note(read_file(path), shown)
    return document_from_text(text, name=shown, encoding=encoding, rules=rules, read_note=note)


@dataclass(frozen=True)
class Corpus:
    """The documents of a folder, the files that could not be read (with reasons), and the
    names of its subfolders (which are not read)."""

    root: str
    documents: tuple[Document, ...]
    errors: tuple[DocumentError, ...]
    subfolders: tuple[str, ...] = ()


def load_folder(path: str | Path, *, rules: Iterable[Rule] = RULES) -> Corpus:
    """Load every visible file directly inside a folder, sorted by name; subfolders are skipped.

    Files that cannot be read (binary, FIFOs, broken links, gone by the time they are read…)
    are in ``errors`` with their reason; they never stop the others from loading.

    Raises:
        DocumentError: The folder is missing or cannot be listed.
    """
    folder = Path(path)
    rules = tuple(rules)
    try:
        entries = sorted(entry for entry in folder.iterdir() if not entry.name.startswith("."))
    except FileNotFoundError:
        raise DocumentError(str(path), "no such folder") from None
    except NotADirectoryError:
        raise DocumentError(str(path), "not a folder") from None
    except PermissionError:
        raise DocumentError(str(path), "permission denied") from None
    documents: list[Document] = []
    errors: list[DocumentError] = []
    subfolders: list[str] = []
    for entry in entries:
        if entry.is_dir():
            subfolders.append(entry.name)
            continue
        try:
            documents.append(load_document(entry, rules=rules))
        except DocumentError as error:
            if error.reason == "no such file" and not os.path.lexists(entry):
                error = DocumentError(error.path, "disappeared before it could be read")
            errors.append(error)
    return Corpus(str(path), tuple(documents), tuple(errors), tuple(subfolders))
