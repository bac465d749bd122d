"""Fast paths taken for speed (issue 20) give exactly what the plain code gives."""

from __future__ import annotations

from collections.abc import Hashable

from hypothesis import given
from hypothesis import strategies as st

from reader.align import _TERM_OF, _terms, Options
from reader.language import ALIGNMENT_STOPWORDS, light_stem
from reader.text import WORD_RE, count_words
from reader.worddiff import _encode

_ASCII_WORDISH = st.text(alphabet=st.sampled_from(list("ab_9 '\n\t.,-’é")), max_size=40)


@given(st.one_of(_ASCII_WORDISH, st.text(max_size=40)))
def test_count_words_is_the_number_of_words(text: str) -> None:
    assert count_words(text) == len(WORD_RE.findall(text))


def _encode_plainly(keys: list[Hashable], table: dict[Hashable, str]) -> str:
    chars = []
    for key in keys:
        char = table.get(key)
        if char is None:
            code = 0x100 + len(table)
            if code >= 0xD800:
                code += 0x800
            char = table[key] = chr(code)
        chars.append(char)
    return "".join(chars)


@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", " ", ".", "d"]), max_size=30), min_size=1, max_size=3))
def test_encode_gives_the_codes_a_plain_loop_gives(sequences: list[list[str]]) -> None:
    fast: dict[Hashable, str] = {}
    plain: dict[Hashable, str] = {}
    for keys in sequences:
        assert _encode(keys, fast) == _encode_plainly(list(keys), plain)
    assert fast == plain


def test_encode_skips_the_surrogate_block() -> None:
    table: dict[Hashable, str] = {}
    keys = list(range(0xD800 - 0x100 + 2))  # two keys past the last code below the block
    code = _encode(keys, table)
    assert len(set(code)) == len(keys)
    assert [ord(char) for char in code[-3:]] == [0xD7FF, 0xE000, 0xE001]


@given(st.text(alphabet=st.sampled_from(list("Ab c1'’.sIngedS ")), max_size=60))
def test_remembered_terms_are_the_stemmed_words(sentence: str) -> None:
    found, statement = _terms(sentence, Options())
    for raw, term in _TERM_OF.items():
        lower = raw.lower()
        expected = (
            None if lower in ALIGNMENT_STOPWORDS or (len(lower) < 2 and not lower.isdigit()) else light_stem(lower)
        )
        assert term == expected
    assert set(statement) <= set(found)
