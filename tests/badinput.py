"""A generated corpus of broken input: every case of issue 7 as code, no binary blobs checked in.

Each case writes one entry into a folder and says what ``reader diff CASE REFERENCE`` must do:
the exit status, and a piece of the one-line message on stderr (``None``: nothing on stderr).
When the case is readable, ``text`` is what it must decode to; the reference file holds that
text as UTF-8, so exit 0 proves the decoding.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TEXT = "Café society met in Zürich today.\n\nThe second paragraph is about the plans.\n"
CURLY = "“Café” society – met in Zürich today.\n\nThe second paragraph is about the plans.\n"
MANY_PARAGRAPHS = 50_000


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, and what ``reader diff`` must answer."""

    name: str
    make: Callable[[Path], None]
    exit: int
    message: str | None
    text: str | None = None


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _symlink(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def _symlink_to_a_file(path: Path) -> None:
    (path.parent / "target.txt").write_text(TEXT, encoding="utf-8")
    path.symlink_to("target.txt")


CASES: tuple[Case, ...] = (
    Case("binary-nul", _bytes(b"Some text\x00\x01\x02 and more\n"), 2, "binary file (contains NUL bytes), not text"),
    Case("image-png", _bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8), 2, "binary file"),
    Case("empty", _bytes(b""), 1, "no text (empty or only whitespace)"),
    Case("whitespace-only", _bytes(b"  \n\t\n \r\n\n"), 1, "no text (empty or only whitespace)"),
    Case("utf8-bom", _bytes(codecs.BOM_UTF8 + TEXT.encode()), 0, None, TEXT),
    Case("utf16-le-bom", _bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")), 0, None, TEXT),
    Case("utf16-be-bom", _bytes(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")), 0, None, TEXT),
    Case("latin1", _bytes(TEXT.encode("latin-1")), 0, "not UTF-8: read as cp1252 (assumed)", TEXT),
    Case("cp1252", _bytes(CURLY.encode("cp1252")), 0, "not UTF-8: read as cp1252 (assumed)", CURLY),
    Case(
        "invalid-utf8",
        _bytes(TEXT.encode()[:-1] + b" \xff\xfe\n"),
        0,
        "2 invalid UTF-8 bytes shown as �",
        TEXT[:-1] + " \ufffd\ufffd\n",
    ),
    Case("crlf", _bytes(TEXT.replace("\n", "\r\n").encode()), 0, None, TEXT),
    Case("lone-cr", _bytes(TEXT.replace("\n", "\r").encode()), 0, None, TEXT),
    Case("no-final-newline", _bytes(TEXT.rstrip("\n").encode()), 0, None, TEXT),
    Case("missing", lambda path: None, 2, "no such file"),
    Case("folder", lambda path: path.mkdir(), 2, "is a folder, not a document"),
    Case("path-through-a-file", _bytes(b"x\n"), 2, "a part of the path is not a folder"),
    Case("symlink-to-file", _symlink_to_a_file, 0, None, TEXT),
    Case("symlink-loop", lambda path: path.symlink_to(path.name), 2, "symbolic link loop"),
    Case("symlink-dangling", _symlink("nowhere.txt"), 2, "broken symbolic link"),
    Case("fifo", lambda path: os.mkfifo(path), 2, "not a regular file but a named pipe (FIFO)"),
    Case("escape-in-name\x1b]0;pwned\x07", lambda path: None, 2, "escape-in-name␛]0;pwned␇: no such file"),
    Case("newline-in-name\nsecond line", lambda path: None, 2, "newline-in-name␊second line: no such file"),
)
"""Every case; the argument given to ``reader diff`` is :func:`argument`."""


def argument(folder: Path, case: Case) -> Path:
    """The path given on the command line for ``case`` (the path-through-a-file case looks inside it)."""
    path = folder / case.name
    return path / "inside.txt" if case.name == "path-through-a-file" else path


def write_cases(folder: Path) -> dict[str, Path]:
    """Create every case in ``folder``; return the command-line argument of each by name."""
    for case in CASES:
        case.make(folder / case.name)
    return {case.name: argument(folder, case) for case in CASES}


def many_paragraphs(seed: int, edits: bool) -> str:
    """A document of 50,000 tiny paragraphs (with a few edits, moves and drops when ``edits``)."""
    import random

    rng = random.Random(seed)
    words = "the envoy met a minister in Beijing on Monday for climate talks and said more".split()
    paragraphs = [
        f"{i}. " + " ".join(rng.choice(words) for _ in range(rng.randint(1, 5))) for i in range(MANY_PARAGRAPHS)
    ]
    if edits:
        for index in range(0, MANY_PARAGRAPHS, 97):
            paragraphs[index] += " edited"
        for index in range(50, MANY_PARAGRAPHS, 1013):
            paragraphs.append(paragraphs.pop(index))
    return "\n\n".join(paragraphs) + "\n"


def one_megabyte_line(seed: int, edits: bool) -> str:
    """A single line of about 1 MB (with a word changed here and there when ``edits``)."""
    import random

    rng = random.Random(seed)
    words = "the envoy met a minister in Beijing on Monday for climate talks and said more".split()
    line = " ".join(rng.choice(words) + ("." if rng.random() < 0.05 else "") for _ in range(180_000))
    return (line.replace("Monday.", "Tuesday.") if edits else line) + "\n"
