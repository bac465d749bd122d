"""The renderers' shortcuts (issue 20) lay out exactly what the plain code lays out.

:func:`reader.layout.wrap` slices one-cell text a line at a time; the oracle is the same
filler with its shortcuts off, which goes word by word through ``rich.cells.cell_len``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.layout import Piece, _fill, _LineFiller, line_width, text_width, wrap


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


@_PROPS
@given(_ASCII_TEXT, st.integers(2, 60))
def test_wrap_of_one_ascii_paragraph_is_the_plain_one(text: str, width: int) -> None:
    assert wrap([("=", text)], width) == _plain_wrap([("=", text)], width)


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
