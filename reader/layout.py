"""Pure layout: wrap styled text to a column width in terminal cells.

Shared by the text exporters and the app, so a paragraph wraps the same way everywhere.
Text must be sanitized (:func:`reader.text.sanitize`) before it is laid out.
"""

from __future__ import annotations

import re
import unicodedata

from rich.cells import cell_len

Piece = tuple[str, str]
"""``(style, text)``: a style name (``"="``, ``"-"``, ``"+"`` or any tag) and its text."""

_CHUNK_RE = re.compile(r"\S+\s*|\s+")
_SPACES_RE = re.compile(" +")
_ONE_CELL_BUT_NBSP = "\u0020-\u007e\u00a1-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e"
"""The ranges of characters that are one cell wide and never join a neighbour, but the
no-break space (U+00A0), which is one too."""
_NOT_SIMPLE_RE = re.compile(f"[^\u00a0{_ONE_CELL_BUT_NBSP}]")
"""A character that is not one cell wide or may join a neighbour."""
_NOT_SLICEABLE_RE = re.compile(f"[^\n{_ONE_CELL_BUT_NBSP}]")
"""A character that keeps text from being sliced a line at a time (:func:`_slice_segment`):
one of :data:`_NOT_SIMPLE_RE`, or a no-break space (it ends a chunk as a space does); line
ends start lines."""


def _spaces_end(text: str, start: int) -> int:
    """Where the run of spaces at ``start`` ends (``start`` if there is none)."""
    spaces = _SPACES_RE.match(text, start)
    return spaces.end() if spaces else start


def _split_long(word: str, width: int) -> list[str]:
    """Cut a word wider than the column into pieces that fit (by cells)."""
    parts, current = [], ""
    for char in word:
        if cell_len(current + char) > width and current:
            parts.append(current)
            current = ""
        current += char
    if current:
        parts.append(current)
    return parts


def _extends(char: str) -> bool:
    """Whether ``char`` can join the grapheme before it (so widths do not simply add up)."""
    if char < "\u0300":
        return False
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or code == 0x200D  # zero-width joiner
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0x1F1E6 <= code <= 0x1F1FF  # regional indicators pair into flags
        or 0x1160 <= code <= 0x11FF  # Hangul vowels and finals
        or 0xE0100 <= code <= 0xE01EF
    )


def _trim(line: list[Piece]) -> None:
    """Drop the spaces at the end of a finished line."""
    while line and not line[-1][1].rstrip(" "):
        line.pop()
    if line:
        line[-1] = (line[-1][0], line[-1][1].rstrip(" "))


class _LineFiller:
    """Fills lines of at most ``width`` cells with styled text, a segment at a time (see :func:`wrap`)."""

    def __init__(self, width: int, *, fast: bool = True) -> None:
        self.width = width
        self.fast = fast
        """Take the shortcuts for one-cell text; without them, every segment goes word by word
        through :meth:`measure` (the plain path, which the tests hold the shortcuts to)."""
        self.lines: list[list[Piece]] = [[]]
        self.text = ""
        """The text of the line being filled."""
        self.cells = 0
        """Its width in cells."""
        self.simple = False
        """Whether the segment being added has one cell per character (no grapheme joins)."""

    def measure(self, text: str) -> int:
        """The width of the line with ``text`` added; summed, unless a grapheme spans the join."""
        if self.simple:
            return self.cells + len(text)
        if self.text and (_extends(text[:1]) or _extends(self.text[-1])):
            return cell_len(self.text + text)
        return self.cells + cell_len(text)

    def _append(self, style: str, text: str) -> None:
        """Put ``text`` on the line, joined to the last piece when the style is the same."""
        line = self.lines[-1]
        if line and line[-1][0] == style:
            line[-1] = (style, line[-1][1] + text)
        else:
            line.append((style, text))

    def add(self, style: str, text: str) -> None:
        """Put ``text`` on the line and count its cells."""
        self._append(style, text)
        self.cells = self.measure(text)
        self.text += text

    def new_line(self) -> None:
        """Finish the line and start another."""
        _trim(self.lines[-1])
        self.lines.append([])
        self.text, self.cells = "", 0

    def add_cut(self, style: str, word: str, spaces: str) -> None:
        """A word wider than the column, cut into lines of its own."""
        for part in _split_long(word, self.width):
            if self.text:
                self.new_line()
            self.add(style, part)
        self.add(style, spaces)

    def add_segment(self, style: str, segment: str) -> None:
        """Wrap one segment (text without newlines) word by word."""
        self.simple = self.fast and not _NOT_SIMPLE_RE.search(segment) and not self.text.endswith("\u200d")
        if self.simple:
            # The sliced path counts a line with text by its cells; text of no width (a lone
            # joiner) and no-break spaces take the chunk loop.
            if "\xa0" in segment or (self.text and not self.cells):
                self._add_simple(style, segment)
            else:
                self._add_sliced(style, segment)
            return
        for chunk in _CHUNK_RE.findall(segment):
            word = chunk.rstrip(" ")
            if self.text and self.measure(word) > self.width:
                self.new_line()
            if not self.text and not word:
                continue  # no leading spaces on a wrapped line
            if cell_len(word) > self.width:
                self.add_cut(style, word, chunk[len(word) :])
                continue
            self.add(style, chunk)

    def _add_sliced(self, style: str, segment: str) -> None:
        """:meth:`add_segment` for one-cell characters whose only space is ``" "``: a line's
        words are sliced off at once (:func:`_slice_segment`) instead of a step per word."""
        self.cells = _slice_segment(self.lines, self.cells, style, segment, self.width)
        self.text = "".join(text for _, text in self.lines[-1])

    def _add_simple(self, style: str, segment: str) -> None:
        """:meth:`add_segment` for one-cell characters (no-break spaces too: they end a chunk
        as spaces do), each line's chunks joined once."""
        width = self.width
        buffer: list[str] = []
        for chunk in _CHUNK_RE.findall(segment):
            word = chunk.rstrip(" ")
            if (self.text or buffer) and self.cells + len(word) > width:
                self._flush(style, buffer)
                self.new_line()
            if not word and not (self.text or buffer):
                continue  # no leading spaces on a wrapped line
            if len(word) > width:
                self._flush(style, buffer)
                self.add_cut(style, word, chunk[len(word) :])
                continue
            buffer.append(chunk)
            self.cells += len(chunk)
        self._flush(style, buffer)

    def _flush(self, style: str, buffer: list[str]) -> None:
        """Put the buffered chunks on the line (their cells are counted already)."""
        if buffer:
            text = "".join(buffer)
            self._append(style, text)
            self.text += text
            buffer.clear()

    def finish(self) -> list[list[Piece]]:
        """The lines, the last one trimmed too."""
        _trim(self.lines[-1])
        return self.lines


def wrap(pieces: list[Piece], width: int) -> list[list[Piece]]:
    """Wrap styled pieces at word boundaries into lines of at most ``width`` cells.

    Newlines inside a piece start a new line; trailing spaces at a line end are dropped;
    a word wider than the column is cut. Always returns at least one (possibly empty) line.

    >>> wrap([("=", "Kerry met "), ("-", "Wang Yi"), ("=", " today.")], 12)
    [[('=', 'Kerry met')], [('-', 'Wang Yi')], [('=', 'today.')]]
    """
    width = max(2, width)  # a wide character needs two cells
    if len(pieces) == 1:  # most paragraphs: text in one style
        lines = _wrap_one_cell_text(*pieces[0], width)
    else:
        lines = _wrap_one_cell_pieces(pieces, width)
    return _fill(pieces, _LineFiller(width)) if lines is None else lines


def _wrap_one_cell_text(style: str, text: str, width: int) -> list[list[Piece]] | None:
    """:func:`wrap` for one piece of one-cell characters whose only space is ``" "``, its
    lines sliced off whole; ``None`` for other text, or a word wider than the column (cut by
    the filler).

    Each line of the text starts a line with nothing before it, so no state carries over
    from one to the next: a line ends at the last space that leaves it within the width, as
    in :func:`_slice_segment`.
    """
    if _NOT_SLICEABLE_RE.search(text):
        return None
    lines: list[list[Piece]] = []
    for segment in text.split("\n"):
        start, last = len(segment) - len(segment.lstrip(" ")), len(segment.rstrip(" "))
        while last - start > width:
            space = segment.rfind(" ", start, start + width + 1)
            if space <= start:
                return None
            lines.append([(style, segment[start:space].rstrip(" "))])
            start = _spaces_end(segment, space)
        lines.append([(style, segment[start:last])] if last > start else [])
    return lines


def _wrap_one_cell_pieces(pieces: list[Piece], width: int) -> list[list[Piece]] | None:
    """:func:`wrap` for pieces of one-cell characters whose only space is ``" "`` (``None``
    for others): :func:`_slice_segment` over every segment, without the filler.

    With one cell a character, the width of a line is the length of its text, and the line
    has text exactly when that is not zero.
    """
    if any(_NOT_SLICEABLE_RE.search(text) for _, text in pieces):
        return None
    lines: list[list[Piece]] = [[]]
    cells = 0  # the last line's width, trailing spaces included
    for style, text in pieces:
        for number, segment in enumerate(text.split("\n")):
            if number:
                cells = _end_line(lines)
            cells = _slice_segment(lines, cells, style, segment, width)
    _trim(lines[-1])
    return lines


def _end_line(lines: list[list[Piece]]) -> int:
    """Trim the last line and start another; the new line's width (0)."""
    _trim(lines[-1])
    lines.append([])
    return 0


def _put(line: list[Piece], style: str, text: str) -> None:
    """Put ``text`` on the line, joined to the last piece when the style is the same."""
    if line and line[-1][0] == style:
        line[-1] = (style, line[-1][1] + text)
    else:
        line.append((style, text))


def _slice_segment(lines: list[list[Piece]], cells: int, style: str, segment: str, width: int) -> int:
    """Lay a segment of one-cell text without no-break spaces out after a last line ``cells``
    wide, as the word loop of :class:`_LineFiller` would; the last line's width after it.

    The words that fit on the line are those that end at most ``width - cells`` characters
    on, so the last space up to there (:meth:`str.rfind`) ends the line.
    """
    start, end = 0, len(segment)
    if segment.startswith(" "):  # a space-only first chunk: kept after text, unless it overhangs
        start = _spaces_end(segment, 0)
        if cells > width:
            cells = _end_line(lines)
        elif cells:
            _put(lines[-1], style, segment[:start])
            cells += start
    last = len(segment.rstrip(" "))  # where the last word ends
    while start < end:
        limit = start + width - cells  # a word ending past here does not fit
        if last <= limit:
            _put(lines[-1], style, segment[start:])
            return cells + end - start
        space = segment.rfind(" ", start, max(start, limit + 1))
        if space > start:
            _put(lines[-1], style, segment[start:space].rstrip(" "))
            start = _spaces_end(segment, space)
        elif not cells:
            start, cells = _cut_word(lines, style, segment, start, width)
            continue
        cells = _end_line(lines)
    return cells


def _cut_word(lines: list[list[Piece]], style: str, segment: str, start: int, width: int) -> tuple[int, int]:
    """A word wider than the column, at the start of a line: cut every ``width`` characters
    (a line each), its spaces after the last part. Where the next word starts, and the width
    of the last line."""
    word_end = segment.find(" ", start)
    word_end = len(segment) if word_end < 0 else word_end
    for part_start in range(start, word_end, width):
        if part_start > start:
            _end_line(lines)
        _put(lines[-1], style, segment[part_start : min(part_start + width, word_end)])
    spaces_end = _spaces_end(segment, word_end)
    _put(lines[-1], style, segment[word_end:spaces_end])
    return spaces_end, (word_end - start - 1) % width + 1 + spaces_end - word_end


def _fill(pieces: list[Piece], filler: _LineFiller) -> list[list[Piece]]:
    """Lay ``pieces`` out with ``filler`` (the tests pass one without shortcuts as the oracle)."""
    for style, text in pieces:
        for number, segment in enumerate(text.split("\n")):
            if number:
                filler.new_line()
            filler.add_segment(style, segment)
    return filler.finish()


def line_width(line: list[Piece]) -> int:
    """Width of a laid-out line in cells."""
    return text_width("".join(text for _, text in line))


def text_width(text: str) -> int:
    """Width of a line of text in cells: :func:`rich.cells.cell_len`, without its work (and
    its cache) for printable ASCII and other text of one-cell characters that join nothing."""
    if text.isascii() and text.isprintable() or not _NOT_SIMPLE_RE.search(text):
        return len(text)
    return cell_len(text)


def clip_middle(text: str, width: int) -> str:
    """Cut text to at most ``width`` cells in the middle, keeping its end: file names that
    differ only at the end (``story-v1.txt``, ``story-v2.txt``) stay apart.

    >>> clip_middle("000_9d5f377d1d11d820.txt", 12), clip_middle("story-v1.txt", 12)
    ('000_…820.txt', 'story-v1.txt')
    """
    if cell_len(text) <= width:
        return text
    if width < 2:
        return clip(text, width)
    tail_width = (width - 1) * 3 // 5 + ((width - 1) * 3 % 5 > 0)
    tail = ""
    for char in reversed(text):
        if cell_len(char + tail) > tail_width:
            break
        tail = char + tail
    head = ""
    for char in text:
        if cell_len(head + char) > width - 1 - cell_len(tail):
            break
        head += char
    return head + "…" + tail


def clip(text: str, width: int) -> str:
    """Cut text to at most ``width`` cells, ending with an ellipsis when cut.

    >>> clip("Climate envoy John Kerry", 12)
    'Climate env…'
    """
    if 2 * len(text) <= width or text_width(text) <= width:  # no character is wider than two cells
        return text
    result = ""
    for char in text:
        if cell_len(result + char) > width - 1:
            break
        result += char
    return result + "…"
