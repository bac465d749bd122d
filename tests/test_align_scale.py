"""The aligner's cost on repetitive text: the compiled candidate path, its bounds, the JSON encoder."""

from __future__ import annotations

import json
import logging
import random

import pytest

import reader.align as align_module
from reader.align import align
from reader.compare import compare
from reader.corpus import document_from_text
from reader.exporters.json_format import to_dict, to_json

SYLLABLES = [consonant + vowel for consonant in "bdfgklmnprtvz" for vowel in "aiou"]
WORDS = sorted({a + b + c for a in SYLLABLES[:12] for b in SYLLABLES[12:30:3] for c in SYLLABLES[30::5]})[:400]
"""Made-up words (no stopwords, nothing a stemmer cuts), so each one's postings are few per copy."""


def _repetitive_pair(paragraphs: int, copies: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """Verses from a small vocabulary, the right side edited (words swapped, some dropped, moved),
    both sides repeated ``copies`` times: many candidates tie, as in a pasted-twice document."""
    rng = random.Random(seed)
    left = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "." for _ in range(paragraphs)
    ]
    right = []
    for index, text in enumerate(left):
        if index % 7 == 3:
            continue  # dropped
        words = text.split()
        if index % 5 == 1:
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        right.append(" ".join(words))
    right.insert(len(right) // 2, right.pop(2))  # a move
    return left * copies, right * copies


@pytest.mark.parametrize("copies", [1, 3])
def test_compiled_candidates_give_the_same_rows(monkeypatch: pytest.MonkeyPatch, copies: int) -> None:
    left, right = _repetitive_pair(120, copies)
    monkeypatch.setattr(align_module, "SPARSE_FROM", 1 << 60)
    in_python = align(left, right)
    monkeypatch.setattr(align_module, "SPARSE_FROM", 0)
    # Many blocks: the per-right-paragraph top is carried from block to block.
    monkeypatch.setattr(align_module, "CANDIDATE_BLOCK", 500)
    compiled = align(left, right)
    assert compiled == in_python
    assert any(group.moved for group in compiled)


def test_too_much_work_coarsens_the_candidates_with_a_note(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    left, right = _repetitive_pair(60, 4)
    full_cap, full_work = align_module._posting_cap(*_features(left, right))
    monkeypatch.setattr(align_module, "CANDIDATE_WORK", full_work // 3)
    with caplog.at_level(logging.WARNING, logger="reader.align"):
        cap, work = align_module._posting_cap(*_features(left, right))
        groups = align(left, right)
    assert cap < full_cap and work <= full_work // 3
    assert "repetitive text" in caplog.text and len(caplog.text.strip().splitlines()) >= 1
    lefts = sorted(i for g in groups for i in g.left)
    rights = sorted(j for g in groups for j in g.right)
    assert lefts == list(range(len(left))) and rights == list(range(len(right)))
    # Still aligned, more coarsely.
    assert sum(1 for g in groups if g.left and g.right) > len(left) // 2


def _features(left: list[str], right: list[str]) -> tuple[list, dict, int]:
    sides = align_module._Sides(
        left,
        right,
        list(range(len(left))),
        list(range(len(right))),
        align_module.Options(),
    )
    index: dict[str, list[tuple[int, float]]] = {}
    for j, features in enumerate(sides.features_right):
        for term, value in features.vector.items():
            index.setdefault(term, []).append((j, value))
    return sides.features_left, index, len(right)


def test_repeated_text_is_diffed_once_with_the_same_ops() -> None:
    left, right = _repetitive_pair(40, 3)
    comparison = compare(
        document_from_text("\n\n".join(left), name="a.txt"),
        document_from_text("\n\n".join(right), name="b.txt"),
    )
    by_texts: dict[tuple[str, str], tuple] = {}
    for row in comparison.rows:
        key = (comparison.side_text(row, "left"), comparison.side_text(row, "right"))
        assert by_texts.setdefault(key, row.ops) == row.ops


def test_json_is_the_standard_encoders_document() -> None:
    left, right = _repetitive_pair(30, 2)
    comparison = compare(
        document_from_text("\n\n".join(left), name="a.txt"),
        document_from_text("\n\n".join(right), name="b.txt"),
    )
    text = to_json(comparison)
    assert text == json.dumps(to_dict(comparison), ensure_ascii=False, indent=2) + "\n"
    assert json.loads(text)["rows"][0]["ops"][0][0] in "=-+"


def _prose_pair(paragraphs: int, seed: int = 11) -> tuple[list[str], list[str]]:
    """Paragraphs of one to five sentences; the right side edits words, drops and adds
    sentences, merges neighbours and repeats a few paragraphs, so the tables have many shapes."""
    rng = random.Random(seed)

    def sentence() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))).capitalize() + "."

    left = [" ".join(sentence() for _ in range(rng.randint(1, 5))) for _ in range(paragraphs)]
    right: list[str] = []
    for index, text in enumerate(left):
        sentences = text.split(". ")
        if index % 4 == 1:
            sentences[0] = sentences[0].replace(sentences[0].split()[1], rng.choice(WORDS), 1)
        if index % 5 == 2 and len(sentences) > 1:
            sentences.pop()
        if index % 6 == 3:
            sentences.append(sentence())
        right.append(". ".join(sentences))
        if index % 9 == 4:
            right[-1] += " " + left[(index * 7) % paragraphs]  # merged with a far paragraph
    right.extend(right[:5])
    return left, right


@pytest.mark.parametrize("cell_block", [1_000_000, 37])
def test_array_scoring_is_the_python_scoring_bit_for_bit(monkeypatch: pytest.MonkeyPatch, cell_block: int) -> None:
    left, right = _prose_pair(160)
    arguments = ((left, right), ((), ()), False, (0, 0), align_module.Options())
    monkeypatch.setattr(align_module, "ARRAYS_FROM", 1 << 60)
    monkeypatch.setattr(align_module, "ARRAYS_LOADED_FROM", 1 << 60)
    in_python = align_module._score_pairs(*arguments)
    python_rows = align(left, right, titles=(0, 0))
    monkeypatch.setattr(align_module, "ARRAYS_FROM", 0)
    monkeypatch.setattr(align_module, "_CELL_BLOCK", cell_block)  # many blocks: bests carried over
    in_arrays = align_module._score_pairs(*arguments)
    for name in ("scores", "cover_lr", "cover_rl", "cosine"):
        assert list(getattr(in_arrays, name).items()) == list(getattr(in_python, name).items()), name
    assert in_arrays.anchors == in_python.anchors and in_python.anchors
    assert len(in_python.scores) > len(left) // 2
    assert align(left, right, titles=(0, 0)) == python_rows


def test_pairwise_dots_walk_the_shorter_vector_like_dot() -> None:
    np = pytest.importorskip("numpy")
    vectors_left = [{"a": 0.1, "b": 0.2, "c": 0.3}, {}, {"c": 0.7, "a": 0.3, "d": 1e-17}]
    vectors_right = [{"c": 0.3, "b": 0.2, "a": 0.1, "e": 0.5}, {"d": 3.0}]
    vocabulary = {term: k for k, term in enumerate("abcde")}
    first = align_module._SparseRows(vectors_left, vocabulary, 5)
    second = align_module._SparseRows(vectors_right, vocabulary, 5)
    p, q = np.array([0, 0, 1, 2, 2]), np.array([0, 1, 0, 0, 1])
    dots = align_module._pairwise_dots(first, second, p, q).tolist()
    assert dots == [align_module._dot(vectors_left[i], vectors_right[j]) for i, j in zip(p, q)]
