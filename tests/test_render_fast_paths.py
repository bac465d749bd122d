"""The renderers' shortcuts (issue 20) lay out exactly what the plain code lays out.

:func:`reader.layout.wrap` slices one-cell text a line at a time; the oracle is the same
filler with its shortcuts off, which goes word by word through ``rich.cells.cell_len``. The
text exporter styles and wraps a row's sides once when they are alike and measures ASCII
lines by their length; the oracle is the exporter as it was, on the plain wrap.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.compare import Comparison, compare
from reader.corpus import Document, document_from_text
from reader.exporters.common import header, link_notes, paragraph_numbers, shown_rows
from reader.exporters.markdown import escape as markdown_escape
from reader.exporters.text import ANSI, RESET, to_text
from reader.layout import _NOT_SIMPLE_RE, Piece, _fill, _LineFiller, clip, line_width, text_width, wrap
from reader.sidebyside import _styled, _styled_alike
from reader.text import sanitize


def _plain_wrap(pieces: list[Piece], width: int) -> list[list[Piece]]:
    return _fill(pieces, _LineFiller(max(2, width), fast=False))


_PROPS = settings(
    max_examples=1000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Words of every length (some wider than any column), runs of spaces, newlines, and the
# characters that leave the shortcuts: wide CJK, emoji and their joiners, combining marks,
# no-break spaces, a carriage return.
_PART = st.one_of(
    st.sampled_from([" ", " ", "  ", "   ", "\n", "\n\n", " \n ", ".", ",", "—", "é", "\xa0", "\r"]),
    st.sampled_from(["中", "国语", "ｗ", "e\u0301", "👍", "👍🏽", "\u200d", "❤\ufe0f", "🇫🇷", "م", "ש", "“"]),
    st.text(alphabet="abcdefghij", min_size=1, max_size=12),
    st.integers(1, 130).map(lambda n: "x" * n),
)
_TEXT = st.lists(_PART, max_size=40).map("".join)
_ASCII_TEXT = st.lists(
    st.one_of(st.sampled_from([" ", "  ", "\n", "."]), st.text(alphabet="abcdefghij", min_size=1, max_size=25)),
    max_size=40,
).map("".join)
_STYLES = st.sampled_from(["=", "-", "+", "dim"])


@pytest.mark.slow
@_PROPS
@given(st.lists(st.tuples(_STYLES, st.one_of(_TEXT, _ASCII_TEXT)), max_size=6), st.integers(0, 120))
def test_wrap_lays_out_what_the_word_by_word_path_does(pieces: list[Piece], width: int) -> None:
    assert wrap(pieces, width) == _plain_wrap(pieces, width)


def test_wrap_of_many_random_pieces_is_the_plain_one() -> None:
    # Hypothesis shrinks towards short texts; these are long, with long words and joiners.
    rng = random.Random(20)
    alphabets = [
        list("abcdefghij") + [" "] * 6 + ["\n", ".", ","],
        list("abcdefghij  \n.\xa0中é👍—") + ["e\u0301"] + ["\u200d", "\u200d "] * 3,
    ]
    for _ in range(6000):
        pieces = []
        for _ in range(rng.randint(0, 5)):
            alphabet = alphabets[rng.random() < 0.3]  # pieces of one-cell text beside others
            parts = rng.randint(1, 40) if alphabet is alphabets[0] else rng.randint(1, 4)
            text = "".join(
                rng.choice(alphabet) if rng.random() < 0.5 else "x" * rng.randint(1, 30) for _ in range(parts)
            )
            pieces.append((rng.choice("=-+"), text))
        width = rng.randint(0, 60)
        assert wrap(pieces, width) == _plain_wrap(pieces, width), (pieces, width)


@_PROPS
@given(_ASCII_TEXT, st.integers(2, 60))
def test_wrap_of_one_ascii_paragraph_is_the_plain_one(text: str, width: int) -> None:
    assert wrap([("=", text)], width) == _plain_wrap([("=", text)], width)


@_PROPS
@given(st.lists(st.tuples(_STYLES, _ASCII_TEXT), min_size=2, max_size=8), st.integers(0, 60))
def test_wrap_of_ascii_pieces_is_the_plain_one(pieces: list[Piece], width: int) -> None:
    assert wrap(pieces, width) == _plain_wrap(pieces, width)


@pytest.mark.parametrize(
    "pieces",
    [
        [],
        [("=", "")],
        [("=", "   ")],
        [("=", "\n\n")],
        [("=", "ab"), ("-", "   ")],  # spaces after text stay (and count) until the line ends
        [("=", "abcdefgh  "), ("-", "   cd")],  # spaces that overhang the column, then a word
        [("=", "abcdefghij"), ("+", " "), ("=", "k")],  # a full line, a space, a word
        [("=", "ab "), ("=", "xxxxxxxxxxxxxxxxxxxxxxxxx  de")],  # a word too long after text
        [("=", "xxxxxxxxxxxxxxxxxxxxxxxxx")],  # a word too long at a line start
        [("=", "xxxxxxxxxxxxxxxxxxxx   "), ("-", "ab cd")],  # its spaces after its last part
        [("=", "ab cd  ef\r\nghi")],  # CRLF: the carriage return is not one cell
        [("=", "ab\xa0cd ef\xa0 gh")],  # no-break spaces break lines as spaces do (as before)
        [("=", "ab 中国 cd"), ("+", "语言 ef")],
        [("=", "word👍"), ("=", "\u200d👍 more words")],  # a joiner across two pieces
        [("-", "a b c d e f g h i j k l m n o p q r s t u v w x y z")],
        [("-", "\u200d "), ("-", "xxxxxxxxxxxxxxxxxxxxxxid")],  # a line of no width, then a long word
        [("+", "  \u200d "), ("-", "xxxxxxxxxxxxxxxxxxxxxxxxxxx"), ("=", " \nab cd")],
        [("-", "   \u200d"), ("=", "b"), ("-", "éxxxxxxxxxxxxxxxxxx ab")],
    ],
)
@pytest.mark.parametrize("width", [0, 2, 3, 5, 10, 11, 48])
def test_wrap_edge_cases_match_the_plain_path(pieces: list[Piece], width: int) -> None:
    assert wrap(pieces, width) == _plain_wrap(pieces, width)


@_PROPS
@given(st.one_of(_TEXT, _ASCII_TEXT, st.text(max_size=30), st.text(alphabet=st.characters(max_codepoint=127))))
def test_text_width_is_cell_len(text: str) -> None:
    assert text_width(text) == cell_len(text)
    assert line_width([("=", text[:3]), ("-", text[3:])]) == cell_len(text)


# Side by side ------------------------------------------------------------------------------


def _plain_wrapped(paragraphs: list[list[Piece]], width: int) -> list[list[Piece]]:
    lines: list[list[Piece]] = []
    for number, styled in enumerate(paragraphs):
        if number:
            lines.append([])
        lines.extend(_plain_wrap(styled, width))
    return lines


def _plain_to_text(comparison: Comparison, *, width: int, color: bool, changes_only: bool) -> str:
    """The text exporter as it was: both sides styled and wrapped word by word, every line
    measured by ``cell_len``, padded on both sides, then stripped."""
    width = max(width, 21)
    column = (width - 3) // 2
    out = header(comparison, column * 2 + 3)
    out.append("─" * (column * 2 + 3))

    def paint(line: list[Piece]) -> str:
        text = "".join((ANSI[s] + chunk + RESET) if color and ANSI.get(s) else chunk for s, chunk in line)
        return text + " " * (column - cell_len("".join(chunk for _, chunk in line)))

    for row_number, row in shown_rows(comparison, changes_only=changes_only):
        left = _plain_wrapped(_styled(comparison, row, "left", not color), column)
        right = _plain_wrapped(_styled(comparison, row, "right", not color), column)
        height = max(len(left), len(right), 1)
        left += [[] for _ in range(height - len(left))]
        right += [[] for _ in range(height - len(right))]
        style = "dim" if row.boilerplate else row.kind
        for number in range(height):
            mark = row.glyph if number == 0 else " "
            if color and ANSI.get(style):
                mark = ANSI[style] + mark + RESET
            out.append((paint(left[number]) + " " + mark + " " + paint(right[number])).rstrip())
        out.extend(clip(note, column * 2 + 3) for note in link_notes(comparison, row_number))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _assert_rows_styled_alike_only_when_they_are(comparison: Comparison) -> None:
    for row in comparison.rows:
        if _styled_alike(comparison, row):
            for markers in (True, False):
                assert _styled(comparison, row, "left", markers) == _styled(comparison, row, "right", markers)


@pytest.fixture(scope="module")
def seed_comparisons(seed_docs: dict[str, Document]) -> list[Comparison]:
    names = sorted(seed_docs)
    return [
        compare(seed_docs[left], seed_docs[right], fold_typography=fold)
        for left in names
        for right in names
        for fold in (False, True)
        if left != right or fold
    ]


def test_seed_rows_styled_alike_only_when_they_are(seed_comparisons: list[Comparison]) -> None:
    assert any(_styled_alike(c, row) for c in seed_comparisons for row in c.rows)
    for comparison in seed_comparisons:
        _assert_rows_styled_alike_only_when_they_are(comparison)


def test_seed_text_exports_are_the_plain_ones(seed_comparisons: list[Comparison]) -> None:
    for comparison in seed_comparisons[::3]:
        for width, color in ((21, True), (57, False), (100, True), (100, False), (160, False)):
            for changes_only in (False, True):
                expected = _plain_to_text(comparison, width=width, color=color, changes_only=changes_only)
                assert to_text(comparison, width=width, color=color, changes_only=changes_only) == expected


def test_rows_with_cruft_on_one_side_are_not_styled_alike() -> None:
    story = "Kerry met Wang Yi in Beijing.\n\nThe talks lasted two days.\n\nShare this article"
    comparison = compare(document_from_text(story, name="left.txt"), document_from_text(story, name="right.txt"))
    right = comparison.right
    tagged = [replace(p, boilerplate="share links") if p.index == 2 else p for p in right.paragraphs]
    comparison = replace(comparison, right=replace(right, paragraphs=tuple(tagged)))
    row = next(row for row in comparison.rows if row.right == (2,))
    assert all(op[0] == "=" for op in row.ops) and not _styled_alike(comparison, row)
    _assert_rows_styled_alike_only_when_they_are(comparison)
    expected = _plain_to_text(comparison, width=60, color=False, changes_only=False)
    assert "(share links)" in expected and to_text(comparison, width=60, color=False) == expected


_WORDS = st.sampled_from(
    [
        "the",
        "envoy",
        "met",
        "Wang",
        "Yi",
        "café",
        "中国",
        "👍🏽",
        "e\u0301",
        "—",
        "a\tb",
        "\x1b[2J",
        "\r\n",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    ]
)
_PARAGRAPH = st.lists(_WORDS, min_size=1, max_size=14).map(" ".join)
_DOCUMENT = st.lists(_PARAGRAPH, min_size=1, max_size=6).map("\n\n".join)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENT, _DOCUMENT, st.integers(21, 90), st.booleans())
def test_text_exports_of_random_documents_are_the_plain_ones(left: str, right: str, width: int, color: bool) -> None:
    comparison = compare(
        document_from_text(left, name="a.txt"), document_from_text(left + "\n\n" + right, name="b.txt")
    )
    _assert_rows_styled_alike_only_when_they_are(comparison)
    expected = _plain_to_text(comparison, width=width, color=color, changes_only=False)
    assert to_text(comparison, width=width, color=color) == expected


# Markdown and labels -----------------------------------------------------------------------

_OLD_MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>|~&#$])")


def _plain_markdown_escape(text: str) -> str:
    return _OLD_MARKDOWN_SPECIAL_RE.sub(r"\\\1", re.sub(r"[ \t]*\n\s*", " ", sanitize(text)))


@_PROPS
@given(st.one_of(st.text(max_size=40), st.text(alphabet="\\`*_[]<>|~&#$ \t\nab\x1b", max_size=40)))
def test_markdown_escape_is_the_regex_one(text: str) -> None:
    assert markdown_escape(text) == _plain_markdown_escape(text)


def _plain_paragraph_numbers(indices: tuple[int, ...]) -> str:
    runs: list[list[int]] = []
    for index in indices:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return ", ".join(f"¶{run[0] + 1}" + (f"–{run[-1] + 1}" if len(run) > 1 else "") for run in runs) or "—"


@given(st.lists(st.integers(0, 12), max_size=5).map(lambda xs: tuple(sorted(set(xs)))))
def test_paragraph_numbers_are_the_plain_ones(indices: tuple[int, ...]) -> None:
    assert paragraph_numbers(indices) == _plain_paragraph_numbers(indices)


# Widths ------------------------------------------------------------------------------------


def test_one_cell_characters_are_one_cell_for_rich() -> None:
    # text_width and the wrap's shortcuts count these characters by len().
    simple = [chr(code) for code in range(0x20, 0x3000) if not _NOT_SIMPLE_RE.search(chr(code))]
    assert len(simple) > 700
    assert all(cell_len(char) == 1 for char in simple)


def _plain_clip(text: str, width: int) -> str:
    if cell_len(text) <= width:
        return text
    result = ""
    for char in text:
        if cell_len(result + char) > width - 1:
            break
        result += char
    return result + "…"


@_PROPS
@given(
    st.one_of(_TEXT, st.text(max_size=30), st.text(alphabet="ab中👍\u200d\ufe0f❤ ", max_size=30)), st.integers(0, 70)
)
def test_clip_is_the_plain_one(text: str, width: int) -> None:
    assert cell_len(text) <= 2 * len(text)  # what clip's shortcut takes for granted
    assert clip(text, width) == _plain_clip(text, width)
