"""Fast paths of the rows stage (issue 20): rows, word diffs, links and JSON give exactly what
the plain code gives, edge cases included (empty text, one paragraph, CRLF, non-ASCII,
repeated paragraphs)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Hashable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.align import Group
from reader.compare import (
    PARAGRAPH_SEPARATOR,
    REWORDED_BELOW,
    Comparison,
    Row,
    StagedComparison,
    compare,
    summarize,
)
from reader.corpus import Document, document_from_text
from reader.exporters.json_format import to_dict, to_json
from reader.links import LinkOptions, _fold_key, _LinkFinder, _same_words, find_links
from reader.text import WORD_RE, fold_typography
from reader.worddiff import _encode, diff_words, kept_share, kept_words, word_counts

_TEXTS = [
    "",
    "One paragraph only.",
    "Kerry met Wang.\n\nKerry met Wang.\n\nThey talked about trade.\n\nKerry met Wang.",
    "Kerry met Wang.\r\n\r\nThey talked about trade, at length.\r\n\r\nKerry met Wang.",
    "Kerry met Wang Yi on Tuesday.\n\nThey talked about trade.\n\nİstanbul’s “talks” — at length.",
    "İstanbul’s “talks” — at length.\n\nKerry met Wang.\n\nThey   talked about trade.",
    "Subscribe to our newsletter\n\nKerry met Wang.\n\nThey talked about trade.\n\nRead more",
]


def _row_plainly(left: Document, right: Document, group: Group, fold: bool) -> Row:
    """A row as the engine made it before its fast paths: every two-sided row word-diffed."""
    left_text = PARAGRAPH_SEPARATOR.join([left.paragraphs[i].text for i in group.left])
    right_text = PARAGRAPH_SEPARATOR.join([right.paragraphs[j].text for j in group.right])
    boilerplate = all(left.paragraphs[i].is_boilerplate for i in group.left) and all(
        right.paragraphs[j].is_boilerplate for j in group.right
    )
    if not group.right:
        return Row("dropped", group.left, (), 0.0, (("-", left_text),), boilerplate)
    if not group.left:
        return Row("added", (), group.right, 0.0, (("+", right_text),), boilerplate)
    ops = diff_words(left_text, right_text, fold=fold)
    kept = kept_share(left_text, right_text, fold=fold)
    if group.moved:
        kind = "moved"
    elif all(op[0] == "=" for op in ops):
        kind = "same"
    elif kept >= REWORDED_BELOW:
        kind = "changed"
    else:
        kind = "reworded"
    return Row(kind, group.left, group.right, round(kept, 4), ops, boilerplate, round(group.score, 4))  # type: ignore[arg-type]


def _summarize_plainly(rows: tuple[Row, ...]) -> tuple[float, int, int, dict[str, int]]:
    kinds: Counter[str] = Counter()
    kept = total = 0.0
    added = dropped = 0
    for row in rows:
        if row.boilerplate:
            continue
        kinds[row.kind] += 1
        equal, gone, new = word_counts(row.ops)
        added, dropped = added + new, dropped + gone
        kept += row.similarity * (2 * equal + gone + new)
        total += 2 * equal + gone + new
    return (round(kept / total, 4) if total else 1.0), added, dropped, dict(kinds)


def _pairs() -> list[tuple[Document, Document]]:
    documents = [document_from_text(text, name=f"t{number}.txt") for number, text in enumerate(_TEXTS)]
    return [(a, b) for a in documents for b in documents]


@pytest.mark.parametrize("fold", [False, True])
def test_rows_are_those_of_the_plain_code(fold: bool) -> None:
    for left, right in _pairs():
        staged = StagedComparison(left, right, fold_typography=fold)
        comparison = staged.comparison()
        assert comparison.rows == tuple(_row_plainly(left, right, group, fold) for group in staged.groups)
        stats = comparison.stats
        similarity, added, dropped, kinds = _summarize_plainly(comparison.rows)
        assert (stats.similarity, stats.words_added, stats.words_dropped) == (similarity, added, dropped)
        assert {kind: stats.count(kind) for kind in kinds} == kinds


def test_a_moved_identical_paragraph_is_moved_with_every_word_kept() -> None:
    left = document_from_text("Alpha beta gamma delta.\n\nOne two three four five.\n\nSix seven eight nine ten.")
    right = document_from_text("Six seven eight nine ten.\n\nAlpha beta gamma delta.\n\nOne two three four five.")
    staged = StagedComparison(left, right)
    rows = staged.comparison().rows
    assert rows == tuple(_row_plainly(left, right, group, False) for group in staged.groups)
    assert any(row.kind == "moved" and row.similarity == 1.0 for row in rows)


def _json_plainly(comparison: Comparison, changes_only: bool) -> str:
    return json.dumps(to_dict(comparison, changes_only=changes_only), ensure_ascii=False, indent=2) + "\n"


def test_json_writes_the_rows_as_they_are() -> None:
    from reader.exporters import json_format

    assert json_format._ROWS_AS_THEY_ARE  # Row's fields are the row keys: the fast path is taken


@pytest.mark.parametrize("changes_only", [False, True])
def test_json_is_that_of_the_plain_dict(changes_only: bool) -> None:
    for left, right in _pairs():
        comparison = compare(left, right)
        assert to_json(comparison, changes_only=changes_only) == _json_plainly(comparison, changes_only)
        assert to_json(comparison.swapped(), changes_only=changes_only) == _json_plainly(
            comparison.swapped(), changes_only
        )


def test_json_of_a_name_that_was_not_utf8_is_that_of_the_plain_dict() -> None:
    left = document_from_text("Kerry met Wang.\n\nThey talked.", name="caf\udce9.txt")
    right = document_from_text("Kerry met Wang Yi.\n\nThey talked.", name="b.txt")
    comparison = compare(left, right)
    text = to_json(comparison)
    assert "\\udce9" in text
    assert json.loads(text) == json.loads(_json_plainly(comparison, False).replace("\udce9", "\\udce9"))


def test_summarize_of_no_rows_and_of_repeated_rows() -> None:
    assert summarize(()).similarity == 1.0
    row = Row("changed", (0,), (0,), 0.5, (("=", "a b "), ("-", "c"), ("+", "d e")))
    twice = summarize((row, row))
    assert (twice.changed, twice.words_added, twice.words_dropped, twice.similarity) == (2, 4, 2, 0.5)


_WORDISH = st.text(alphabet=st.sampled_from(list("aB_9 '\n\t.,-’éİ“”—\u00a0")), max_size=50)


@given(st.one_of(_WORDISH, st.text(max_size=50)), st.one_of(_WORDISH, st.text(max_size=50)))
def test_kept_words_counts_the_lower_cased_words(left: str, right: str) -> None:
    from rapidfuzz.distance import Indel

    for fold in (False, True):
        words = [[word.lower() for word in WORD_RE.findall(text)] for text in (left, right)]
        if fold:
            words = [[fold_typography(word) for word in side] for side in words]
        total = len(words[0]) + len(words[1])
        common = (total - Indel.distance(words[0], words[1])) // 2
        assert kept_words(left, right, fold=fold) == (common, total)


@given(st.one_of(_WORDISH, st.text(max_size=50)))
def test_fold_key_is_the_folded_lower_cased_words(sentence: str) -> None:
    assert _fold_key(sentence) == " ".join(re.findall(r"\w+", fold_typography(sentence.lower())))


def test_encode_crosses_the_surrogate_block_from_a_filled_table() -> None:
    table: dict[Hashable, str] = {key: chr(0x100 + key) for key in range(0xD800 - 0x100 - 1)}
    code = _encode(["x", "y", "x", "z"], table)
    assert [ord(char) for char in code] == [0xD7FF, 0xE000, 0xD7FF, 0xE001]


@given(st.one_of(_WORDISH, st.text(max_size=50)))
def test_content_trigrams_are_the_runs_with_a_content_word(sentence: str) -> None:
    from reader.links import _content_trigrams, _is_content

    tokens = _fold_key(sentence).split()
    expected = {
        tuple(tokens[k : k + 3]) for k in range(len(tokens) - 2) if any(_is_content(t) for t in tokens[k : k + 3])
    }
    assert _content_trigrams(_fold_key(sentence)) == expected
    assert _content_trigrams("the cat sat on a mat") == {
        ("the", "cat", "sat"),
        ("cat", "sat", "on"),
        ("sat", "on", "a"),
        ("on", "a", "mat"),
    }


def _unsettled_plainly(finder: _LinkFinder) -> list[tuple[int, int, tuple[int, int], str]]:
    """:meth:`_LinkFinder.unsettled` as it was written before its fast paths."""
    pool = []
    left, right = finder.texts
    least = finder.options.min_terms
    for sides in finder.rows:
        lefts, rights = sides
        if len(lefts) == 1 == len(rights) and left[lefts[0]] == right[rights[0]]:
            continue
        if lefts and rights and _same_words([left[i] for i in lefts], [right[j] for j in rights]):
            continue
        usable = [
            [i for i in sides[side] if not finder.cruft[side][i] and len(finder.texts[side][i].split()) >= least]
            for side in (0, 1)
        ]
        keys: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
        if usable[0] and usable[1]:
            for side in (0, 1):
                for index in usable[side]:
                    keys[side].update(finder.keys_of(side, index))
        found = []
        for side in (0, 1):
            for index in usable[side]:
                for span, key in zip(finder.spans_of(side, index), finder.keys_of(side, index)):
                    if key.count(" ") + 1 >= least and not keys[1 - side][key]:
                        found.append((side, index, span, key))
        pool.extend(finder._without_near_verbatim(found) if usable[0] and usable[1] else found)
    return pool


_SENTENCES = [
    "Kerry met Wang Yi in Beijing on Monday morning.",
    "Kerry  met Wang Yi in Beijing on Monday morning.",
    "The two leaders agreed on new climate targets for the decade.",
    "Dogs bark at night in the quiet village streets of the north.",
    "İstanbul’s mayor said “the talks” would resume next week.",
    "Short one.",
    "",
]


@given(
    st.lists(st.lists(st.sampled_from(_SENTENCES), max_size=3).map(" ".join), min_size=1, max_size=5),
    st.lists(st.lists(st.sampled_from(_SENTENCES), max_size=3).map(" ".join), min_size=1, max_size=5),
    st.lists(st.booleans(), min_size=5, max_size=5),
)
def test_unsettled_sentences_are_those_of_the_plain_code(left: list[str], right: list[str], cruft: list[bool]) -> None:
    # rows: paragraph k with paragraph k, the rest one-sided, and one merge when both have three
    count = min(len(left), len(right))
    rows: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    if count >= 3:
        rows.append(((0, 1), (0, 1)))
        rows += [((k,), (k,)) for k in range(2, count)]
    else:
        rows += [((k,), (k,)) for k in range(count)]
    rows += [((i,), ()) for i in range(count, len(left))] + [((), (j,)) for j in range(count, len(right))]
    flags = (cruft[: len(left)] + [False] * len(left))[: len(left)], [False] * len(right)
    fast = _LinkFinder((left, right), rows, flags, LinkOptions())
    plain = _LinkFinder((left, right), rows, flags, LinkOptions())
    assert fast.unsettled() == _unsettled_plainly(plain)
    find_links(left, right, rows)  # runs through


_PIECES = st.text(alphabet=st.sampled_from(list("ab_9 '\n\t.,-’éİ“”\u00a0\u2009")), max_size=12)


@st.composite
def _edited_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """Two texts sharing a start and an end around an edit (or two unrelated texts)."""
    start, end = draw(_PIECES), draw(_PIECES)
    return start + draw(_PIECES) + end, start + draw(_PIECES) + end


@given(st.one_of(_edited_pairs(), st.tuples(st.text(max_size=30), st.text(max_size=30))))
def test_shared_ends_cut_no_token_and_are_shared(pair: tuple[str, str]) -> None:
    from reader.text import tokenize
    from reader.worddiff import _shared_ends

    left, right = pair
    start, end = _shared_ends(left, right)
    assert 0 <= start and 0 <= end and start + end <= min(len(left), len(right))
    assert left[:start] == right[:start] and left[len(left) - end :] == right[len(right) - end :]
    for text in (left, right):
        pieces = text[:start], text[start : len(text) - end], text[len(text) - end :]
        assert tokenize(text) == [token for piece in pieces for token in tokenize(piece)]
        assert WORD_RE.findall(text) == [word for piece in pieces for word in WORD_RE.findall(piece)]


@given(st.one_of(_edited_pairs(), st.tuples(st.text(max_size=30), st.text(max_size=30))))
def test_word_diffs_and_kept_words_are_those_of_whole_texts(pair: tuple[str, str]) -> None:
    from unittest import mock

    from reader import worddiff

    left, right = pair
    for fold in (False, True):
        fast = worddiff.diff_words(left, right, fold=fold), worddiff.kept_words(left, right, fold=fold)
        with mock.patch.object(worddiff, "_shared_ends", lambda left, right: (0, 0)):
            whole = worddiff.diff_words(left, right, fold=fold), worddiff.kept_words(left, right, fold=fold)
        assert fast == whole


_EDIT_PIECES = st.lists(
    st.sampled_from(["a", "b", "the", "cat", " ", "  ", "\n", ".", "'", "don't", "’", "é", "İ", "a ", " b"]), max_size=8
).map("".join)


@given(_EDIT_PIECES, _EDIT_PIECES, _EDIT_PIECES, _EDIT_PIECES)
def test_a_diff_in_one_place_is_that_of_the_whole_texts(start: str, left: str, right: str, end: str) -> None:
    from unittest import mock

    from reader import worddiff

    left, right = start + left + end, start + right + end
    fast = worddiff.diff_words(left, right)
    with mock.patch.object(worddiff, "_middle_opcodes", lambda *args: None):
        with mock.patch.object(worddiff, "_shared_ends", lambda left, right: (0, 0)):
            assert fast == worddiff.diff_words(left, right)


def test_one_edit_leaves_to_the_general_path_what_the_cleanup_may_change() -> None:
    from reader import worddiff

    def one_edit(left: str, right: str) -> tuple[tuple[str, ...], ...] | None:
        start, end = worddiff._shared_ends(left, right)
        middles = worddiff.tokenize(left[start : len(left) - end]), worddiff.tokenize(right[start : len(right) - end])
        opcodes = worddiff._middle_opcodes(*middles)
        return None if opcodes is None else worddiff._one_edit(left, right, (start, end), middles, opcodes)

    long = "Alpha beta gamma delta epsilon zeta eta theta iota kappa. "
    assert one_edit(long + "The cat sat." + long, long + "The dog sat." + long) == (
        ("=", long + "The "),
        ("-", "cat"),
        ("+", "dog"),
        ("=", " sat." + long),
    )
    assert one_edit(long + "The cat sat on it." + long, long + "The dog sat on a mat." + long) is None  # two places
    assert one_edit(long + "a b c" + long, long + "a b b c" + long) is None  # a repeated word can slide
    assert worddiff._middle_opcodes(["x"], ["x", " ", "y"]) is None  # one middle starts the other
