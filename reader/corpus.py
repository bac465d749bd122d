"""Documents and paragraphs: loading, decoding, segmentation and list metadata.

Every paragraph keeps its exact span in the decoded text, and the text between paragraphs is
whitespace only, so a document is rebuilt exactly from its paragraphs and the gaps.
"""

from __future__ import annotations

import errno
import operator
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from reader.boilerplate import RULES, Rule, tag_paragraphs, tag_templates
from reader.language import MONTH_NAMES
from reader.decoding import BOM_ENCODINGS, DocumentError, decode_with_note
from reader.sources import LINKS_FILE, Extracted, SourceError, kind_of, read_links
from reader.text import count_words

MAX_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused rather than read into memory."""


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
        kind: What the file was read as: ``"text"``, ``"html"``, ``"markdown"``, ``"docx"``
            or ``"pdf"``. For the last four, ``text`` is the extracted paragraphs joined by
            blank lines (not the file's bytes).
        site: The site or publisher name a web page gives, if any.
        url: The page's canonical URL or the link it was fetched from, if any.
        fetched: When a link was fetched (ISO 8601, UTC), for pages saved by ``reader fetch``.
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
    kind: str = field(default="text", compare=False)
    site: str | None = field(default=None, compare=False)
    url: str | None = field(default=None, compare=False)
    fetched: str | None = field(default=None, compare=False)

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
        return sum(count_words(p.text) for p in self.paragraphs)

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
        return ("\ufeff" if self.encoding in BOM_ENCODINGS else "") + body


# Decoding --------------------------------------------------------------------------------


def _newline_style(text: str) -> str:
    if "\r" not in text:
        return "\n"
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
    sentence_ends = sum(line[-1] in '.!?:"”' for line in body)
    return sentence_ends <= len(body) / 2


_BLOCK_GAP = re.compile(r"(\n[^\S\n]*\n\s*)")
"""What separates two blocks: a line end, a blank line (whitespace only, as ``str.strip`` sees
it: ``\\s`` is the same set), and any whitespace up to the next block. Captured, so that
``split`` keeps the gaps and their lengths give the blocks' offsets."""


_MODERATE_FLAGS = bytes(int(length in range(30, 101)) for length in range(256))
"""A stripped line length (below 256) to 1 when wrapped prose has lines that long, else 0."""
_NON_BLANK_FLAGS = bytes([0] + [1] * 255)


def _is_wrapped_document(line_lengths: list[int], block_count: int) -> bool:
    """Whether the whole document is prose hard-wrapped at a fixed width.

    Then every blank-line-separated block is one paragraph, even a block whose lines end
    sentences or hold a short line (what an edit leaves when nothing was re-wrapped).

    Args:
        line_lengths: The length of every line once stripped (0 for a blank line).
        block_count: How many blocks (runs of non-blank lines) the lines make.
    """
    if not line_lengths or max(line_lengths) > 120:
        return False
    lengths = bytes(line_lengths)
    # The inner lines are those of a block but its last: every non-blank line followed by one.
    inner = len(lengths) - lengths.count(0) - block_count
    if inner < 3:
        return False
    # A byte per line, 1 for a line of moderate length (for a line followed by a non-blank
    # one): their AND as integers counts the moderate inner lines.
    moderate = int.from_bytes(lengths[:-1].translate(_MODERATE_FLAGS), "big")
    followed = int.from_bytes(lengths[1:].translate(_NON_BLANK_FLAGS), "big")
    return (moderate & followed).bit_count() >= 0.8 * inner


def segment(text: str) -> tuple[list[tuple[int, int]], str]:
    """Split text into paragraph spans and report the convention found.

    Blank-line-separated blocks become paragraphs when they are hard-wrapped prose; otherwise
    every non-blank line is a paragraph (one-paragraph-per-line text, page headers).

    >>> segment("Title\\n\\nFirst line of a\\nwrapped paragraph.\\n")[1]
    'blank-line'
    >>> segment("One.\\nTwo.\\nThree.\\n")
    ([(0, 4), (5, 9), (10, 16)], 'line')
    """
    spans, _, convention = _segment(text)
    return spans, convention


def _segment(text: str) -> tuple[list[tuple[int, int]], list[str], str]:
    """:func:`segment`, with the paragraphs' texts (``text[start:end]`` for each span).

    The blocks are found by one split at the blank lines, and the lines are only looked at one
    by one in a block of several lines that is not wrapped prose (in a document that is not).
    """
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()  # what follows the last line end, or an empty text
    line_lengths = list(map(len, map(str.strip, lines)))
    pieces = _BLOCK_GAP.split(text)  # block, gap, block, ..., block
    offsets = list(accumulate(map(len, pieces), initial=0))
    # A gap takes all the whitespace up to the next block: only the first piece can start with
    # whitespace, only the first and the last can be blank, and a block can end with spaces.
    for index in {0, len(pieces) - 1}:
        piece = pieces[index]
        offsets[index] += len(piece) - len(piece.lstrip())
        pieces[index] = piece.strip()
    blocks = list(map(str.rstrip, pieces[0::2]))
    block_starts = offsets[0::2]
    if not blocks[0]:
        del blocks[0], block_starts[0]
    if blocks and not blocks[-1]:
        del blocks[-1], block_starts[-1]
    wrapped_document = _is_wrapped_document(line_lengths, len(blocks))
    blank_lines = line_lengths.count(0)
    if wrapped_document:
        spans = list(zip(block_starts, map(operator.add, block_starts, map(len, blocks))))
        convention = "blank-line" if blank_lines else "line"
        return spans, blocks, convention
    spans = []
    texts: list[str] = []
    multi_line_splits = 0
    for start, block in zip(block_starts, blocks):
        if "\n" not in block:
            spans.append((start, start + len(block)))
            texts.append(block)
            continue
        block_lines = block.split("\n")
        if _is_hard_wrapped(block_lines):
            spans.append((start, start + len(block)))
            texts.append(block)
            continue
        multi_line_splits += len(block_lines)
        line_start = start
        for line in block_lines:
            stripped = line.strip()
            begin = line_start + len(line) - len(line.lstrip())
            spans.append((begin, begin + len(stripped)))
            texts.append(stripped)
            line_start += len(line) + 1
    convention = "line" if multi_line_splits > max(3, len(spans) / 2) or not blank_lines else "blank-line"
    return spans, texts, convention


# Metadata --------------------------------------------------------------------------------

_MONTHS = MONTH_NAMES
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
        count = count_words(paragraph.text)
        if paragraph.is_boilerplate:
            continue
        if count > 30 or (paragraph.text.rstrip()[-1:] in (".", "?", "!") and count > 12):
            break  # body text reached before a headline: a later paragraph is not the title
        if count < 3:
            continue
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


def _paragraphs(spans: list[tuple[int, int]], texts: list[str], tags: list[str | None]) -> list[Paragraph]:
    """``Paragraph(index, text, start, end, tag)`` for each paragraph, three times faster.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``; here
    each instance's ``__dict__`` is filled at once (the same attributes, in the same order).
    """
    new = object.__new__
    paragraphs: list[Paragraph] = []
    append = paragraphs.append
    for index, ((start, end), body, tag) in enumerate(zip(spans, texts, tags)):
        paragraph = new(Paragraph)
        attributes = paragraph.__dict__
        attributes["index"] = index
        attributes["text"] = body
        attributes["start"] = start
        attributes["end"] = end
        attributes["boilerplate"] = tag
        append(paragraph)
    return paragraphs


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
    spans, texts, convention = _segment(text)
    tags = tag_paragraphs(texts, rules)
    paragraphs = _paragraphs(spans, texts, tags)
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


def document_from_extracted(
    extracted: Extracted, *, name: str, rules: Iterable[Rule] = RULES, tags: list[str | None] | None = None
) -> Document:
    """Build a :class:`Document` from what a source gave (see :mod:`reader.sources`).

    The text is the blocks joined by blank lines. Story blocks are tagged by the rules as any
    text is; blocks the source set aside keep its reason (with a rule's reason before it when
    one matches), so nothing the extractor dropped is lost from view. ``tags``, when given,
    are the tags a previous call made with the same rules (from the extraction cache).

    >>> from reader.sources import Block, Extracted
    >>> doc = document_from_extracted(Extracted((Block("Head"), Block("Body."), Block("Share", "left out")),
    ...                               "html", title="Head", site="Example"), name="a.html")
    >>> [p.boilerplate for p in doc.paragraphs], doc.title, doc.byline, doc.text
    ([None, None, 'share buttons; left out'], 'Head', 'Example', 'Head\\n\\nBody.\\n\\nShare')
    """
    rules = tuple(rules)
    texts = [" ".join(block.text.split()) for block in extracted.blocks]
    story = [index for index, block in enumerate(extracted.blocks) if block.dropped is None]
    aside = [index for index, block in enumerate(extracted.blocks) if block.dropped is not None]
    if tags is None or len(tags) != len(texts):
        tags = [None] * len(texts)
        for index, tag in zip(story, tag_paragraphs([texts[i] for i in story], rules)):
            tags[index] = tag
        for index, tag in zip(aside, tag_paragraphs([texts[i] for i in aside], rules)):
            dropped = extracted.blocks[index].dropped
            tags[index] = f"{tag}; {dropped}" if tag else dropped
    paragraphs: list[Paragraph] = []
    position = 0
    for index, (body, tag) in enumerate(zip(texts, tags)):
        paragraphs.append(Paragraph(index, body, position, position + len(body), tag))
        position += len(body) + 2
    text = "\n\n".join(texts)
    found_title, found_byline, found_date = _metadata(paragraphs)
    return Document(
        path=name,
        text=text,
        paragraphs=tuple(paragraphs),
        convention="blank-line",
        title=extracted.title or found_title,
        byline=extracted.author or extracted.site or found_byline,
        date=extracted.date or found_date,
        name=Path(name).name,
        read_note=extracted.note,
        kind=extracted.kind,
        site=extracted.site,
        url=extracted.url,
    )


def document_from_bytes(
    data: bytes, *, name: str, kind: str | None = None, rules: Iterable[Rule] = RULES, url: str | None = None
) -> Document:
    """Build a :class:`Document` from a file's bytes; ``kind`` (default: by extension) picks the reader.

    Raises:
        DocumentError: The bytes are not a readable document of their kind.
    """
    kind = kind or kind_of(name)
    if kind is None or kind == "text":
        text, encoding, note = decode_with_note(data, name)
        return document_from_text(text, name=name, encoding=encoding, rules=rules, read_note=note)
    from reader.sources import store  # hashes and files of the extraction cache: not for plain text

    entry = store.key(data, kind, url)
    try:
        extracted = store.cached_extract(data, kind, url=url, entry=entry)
    except SourceError as error:
        raise DocumentError(name, str(error)) from None
    rules = tuple(rules)
    fingerprint = _rules_fingerprint(rules)
    tags = store.load_tags(entry, fingerprint, len(extracted.blocks))
    document = document_from_extracted(extracted, name=name, rules=rules, tags=tags)
    if tags is None:
        store.save_tags(entry, fingerprint, [p.boilerplate for p in document.paragraphs])
    return document


@lru_cache(maxsize=8)
def _rules_fingerprint(rules: tuple[Rule, ...]) -> str:
    """A hash of the rules and of the tagging code, so stored tags are reused only when both match."""
    import hashlib

    import reader.boilerplate

    digest = hashlib.sha256(Path(reader.boilerplate.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    for item in rules:
        digest.update(
            repr(
                (
                    item.reason,
                    item.pattern.pattern,
                    item.pattern.flags,
                    item.scope,
                    item.max_words,
                    item.next_reason,
                    item.needs,
                )
            ).encode()
        )
    return digest.hexdigest()[:16]


def load_document(path: str | Path, *, rules: Iterable[Rule] = RULES) -> Document:
    """Read one file into a :class:`Document`: plain text, or a page, Word file, PDF or Markdown
    by its extension (see :mod:`reader.sources`).

    Raises:
        DocumentError: The file is missing, unreadable, not a regular file, too large,
            binary, not decodable, or not a readable document of its kind.
    """
    shown = str(path)
    return document_from_bytes(read_file(path), name=shown, rules=rules)


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
    links = read_links(folder) if (folder / LINKS_FILE).is_file() else {}
    for entry in entries:
        if entry.is_dir():
            subfolders.append(entry.name)
            continue
        try:
            document = load_document(entry, rules=rules)
        except DocumentError as error:
            if error.reason == "no such file" and not os.path.lexists(entry):
                error = DocumentError(error.path, "disappeared before it could be read")
            errors.append(error)
            continue
        if link := links.get(entry.name):
            document = replace(
                document, url=document.url or link.get("final_url") or link.get("url"), fetched=link.get("fetched")
            )
        documents.append(document)
    return Corpus(str(path), tuple(with_templates_tagged(documents)), tuple(errors), tuple(subfolders))


def with_templates_tagged(documents: list[Document]) -> list[Document]:
    """The documents, with short lines that repeat across several of them tagged as a template.

    See :func:`reader.boilerplate.tag_templates`.
    """
    found = tag_templates([[(p.text, p.boilerplate) for p in d.paragraphs] for d in documents])
    result = []
    for document, tags in zip(documents, found):
        if tags:
            paragraphs = tuple(
                replace(p, boilerplate=tags[p.index]) if p.index in tags else p for p in document.paragraphs
            )
            document = replace(document, paragraphs=paragraphs)
        result.append(document)
    return result


LOAD_ASIDE_FROM = 200_000
"""Bytes (the smaller of two local files) from which :func:`load_pair` reads the second file
in a child process when :mod:`reader.parallel` allows it (a 1 MB file takes 0.05 to 0.12 s)."""

LOAD_ASIDE_UP_TO = 16_000_000
"""Bytes (the larger file) up to which the second file is read in a child. Measured with the
document sent back through a :class:`reader.parallel.Channel` (a temporary file): the 5 MB
pairs gain 0.07 to 0.22 s, the 10 MB repetitive pair 0.5 s (a 5 MB document pickles to about
11 MB, 0.07 s each way). Through the pipe, before, the 5 MB pairs lost 0.2 to 0.3 s. Beyond,
the pickled document would sit in memory beside the document for a while."""


def load_pair(first: str, second: str, *, rules: Iterable[Rule] = RULES) -> tuple[Document, Document]:
    """:func:`load_source` of both arguments; two long local files are read on both cores.

    The first argument's error, if any, is the one raised (as when they load in turn).
    """
    rules = tuple(rules)
    sizes = (_size(first), _size(second))
    if "://" in first or "://" in second or not (LOAD_ASIDE_FROM <= min(sizes) and max(sizes) <= LOAD_ASIDE_UP_TO):
        return load_source(first, rules=rules), load_source(second, rules=rules)
    from reader.parallel import aside

    later = aside(lambda: load_source(second, rules=rules))
    try:
        document = load_source(first, rules=rules)
    except BaseException:
        later.discard()
        raise
    return document, later.result()


def _size(path: str) -> int:
    """A regular file's size in bytes, or 0 (not a file, or unreadable)."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return 0
    return status.st_size if stat.S_ISREG(status.st_mode) else 0


def load_source(argument: str, *, rules: Iterable[Rule] = RULES) -> Document:
    """Load a path, or fetch an http(s) link (see :mod:`reader.sources.web`) and read what it gives.

    Raises:
        DocumentError: The file or link cannot be read (one-line reason).
    """
    if "://" not in argument:  # not a link (``is_url``): spare the import of ssl and http (15 ms)
        return load_document(argument, rules=rules)
    from reader.sources.web import FetchError, fetch, is_url

    if not is_url(argument):
        return load_document(argument, rules=rules)
    try:
        page = fetch(argument)
    except FetchError as error:
        raise DocumentError(argument, str(error).removeprefix(f"{argument}: ")) from None
    document = document_from_bytes(page.data, name=argument, kind=page.kind, rules=rules, url=page.final_url)
    return replace(document, url=document.url or page.final_url, fetched=page.fetched)
