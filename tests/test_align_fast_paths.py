"""The aligner's fast paths (issue 20) give what the plain computations give, bit for bit."""

from __future__ import annotations

import math
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reader.align as align_module
from reader.align import (
    Evidence,
    Options,
    _dot,
    _Features,
    _features,
    _paragraph_terms,
    _sentence_table,
)

TERMS = list("abcdefgh")

_sentence = st.dictionaries(st.sampled_from(TERMS), st.floats(0.01, 3.0), max_size=5)
_paragraph = st.lists(_sentence, max_size=4)


def _plain_features(raw: list[list[dict[str, float]]], idf: dict[str, float]) -> list[_Features]:
    """The aligner's features as first written: every sentence and paragraph computed afresh."""
    result = []
    for sentences in raw:
        vectors, masses = [], []
        total: dict[str, float] = defaultdict(float)
        for terms in sentences:
            weighted = {term: weight * idf[term] for term, weight in terms.items()}
            for term, value in weighted.items():
                total[term] += value
            norm = math.sqrt(sum(value * value for value in weighted.values()))
            vectors.append({term: value / norm for term, value in weighted.items()} if norm else {})
            masses.append(norm if norm else 0.0)
        mass_sum = sum(masses) or 1.0
        norm = math.sqrt(sum(value * value for value in total.values()))
        vector = {term: value / norm for term, value in total.items()} if norm else {}
        result.append(_Features(vectors, [m / mass_sum for m in masses], vector))
    return result


def _sentence_scores(a: _Features, b: _Features) -> list[list[float]]:
    """Cosine of every sentence of ``a`` with every sentence of ``b``: the whole table."""
    return [[_dot(sentence, other) for other in b.sentences] for sentence in a.sentences]


def _coverage(masses: list[float], rows: list[list[float]]) -> float:
    """How much of one paragraph's content is found in some sentence of the other (0..1): a
    plain running sum in sentence order."""
    total = 0.0
    for mass, row in zip(masses, rows):
        if mass and row:
            total += mass * max(row)
    return total


def _plain_table(first: _Features, second: _Features) -> tuple[float, float, list, list]:
    """Both coverages and each row's and column's first maximum over the whole sentence table."""
    rows = _sentence_scores(first, second)
    columns = [list(column) for column in zip(*rows)]
    row_bests = [(s, max(row), row.index(max(row))) for s, row in enumerate(rows) if row and max(row) > 0]
    column_bests = [(t, max(column), column.index(max(column))) for t, column in enumerate(columns) if max(column) > 0]
    return _coverage(first.masses, rows), _coverage(second.masses, columns), row_bests, column_bests


def _same(a: object, b: object) -> bool:
    """Equal, and floats equal bit for bit (repr tells 0.1 + 0.2 from 0.3)."""
    return repr(a) == repr(b)


@settings(max_examples=300, deadline=None)
@given(st.lists(_paragraph, min_size=1, max_size=4), st.lists(_paragraph, min_size=1, max_size=4))
def test_features_and_sentence_tables_are_the_plain_ones(left: list, right: list) -> None:
    idf = {term: 1.0 + k / 7 for k, term in enumerate(TERMS)}
    memo: dict = {}
    features_left, features_right = _features(left, idf, memo), _features(right, idf, memo)
    assert _same(features_left, _plain_features(left, idf))
    assert _same(features_right, _plain_features(right, idf))
    for first in features_left:
        for second in features_right:
            shared = first.vector.keys() & second.vector.keys()
            cosine = _dot(first.vector, second.vector)
            assert _same(_sentence_table(first, second, shared, cosine), _plain_table(first, second))


def test_a_repeated_sentence_dict_is_weighted_once_and_shared() -> None:
    sentence = {"a": 1.0, "b": 1.5}
    idf = {"a": 0.5, "b": 2.0}
    memo: dict = {}
    once, twice = _features([[sentence], [sentence, {"a": 1.0}]], idf, memo)
    assert once.vector is once.sentences[0] is twice.sentences[0]  # one sentence: the paragraph's vector
    assert once.masses == [1.0] and _features([[{}]], idf, {})[0].masses == [0.0]
    assert _same([once, twice], _plain_features([[sentence], [sentence, {"a": 1.0}]], idf))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "One sentence without an end",
        "The envoy met Wang. Wang met the envoy. The envoy met Wang.",
        "Line one.\r\nLine two has CRLF.\r\n",
        "Ça coûte 3 € à Zürich. Die Straße ist lang. Ελληνικά λόγια εδώ.",
        "The U.S. envoy met Mr. Li. He left.",
    ],
)
def test_paragraph_terms_with_a_sentence_memo_are_the_plain_ones(text: str) -> None:
    memo: dict = {}
    remembered = _paragraph_terms(text, Options(), memo)
    assert _same(remembered, _paragraph_terms(text, Options()))
    assert _same(_paragraph_terms(text, Options(), memo), remembered)  # from the memo this time


_EDGE_PAIRS = [
    ([""], [""]),
    (["One paragraph about the envoy and the minister in Beijing."], ["One paragraph about a minister."]),
    (
        ["First line of the text.\r\nSecond line, same paragraph.", "Dogs bark loudly at night."],
        ["First line of the text.\r\nSecond line, edited paragraph.", "Dogs bark loudly at noon."],
    ),
    (
        ["Ça coûte 3 € à Zürich, dit le ministre. Die Straße ist lang.", "Ελληνικά λόγια εδώ και τώρα πάντα."],
        ["Ça coûte 4 € à Zürich, dit le ministre. Die Straße ist kurz.", "Ελληνικά λόγια εδώ και τώρα πάντα."],
    ),
    (
        ["The council met on Monday. It voted for the plan. The mayor spoke."] * 3 + ["Rain fell in the valley."],
        ["The council met on Tuesday. It voted against the plan. The mayor spoke."] * 2
        + ["Rain fell across the valley today."],
    ),
]


@pytest.mark.parametrize(("left", "right"), _EDGE_PAIRS)
def test_python_scoring_matches_the_array_scoring_on_edge_cases(
    monkeypatch: pytest.MonkeyPatch, left: list[str], right: list[str]
) -> None:
    pytest.importorskip("numpy")
    arguments = ((left, right), ((), ()), False, (0, 0), Options())
    monkeypatch.setattr(align_module, "ARRAYS_FROM", 1 << 60)
    monkeypatch.setattr(align_module, "ARRAYS_LOADED_FROM", 1 << 60)
    in_python = align_module._score_pairs(*arguments)
    monkeypatch.setattr(align_module, "ARRAYS_FROM", 0)
    in_arrays = align_module._score_pairs(*arguments)
    for name in ("scores", "cover_lr", "cover_rl", "cosine", "anchors"):
        assert _same(sorted(getattr(in_python, name).items()), sorted(getattr(in_arrays, name).items())), name
    assert isinstance(in_python, Evidence)
