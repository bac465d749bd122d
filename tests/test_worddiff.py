"""Word ops: lossless, readable (phrases, not confetti), typography folding."""

from __future__ import annotations

import random
import time

import pytest

from reader import worddiff
from reader.worddiff import diff_words, kept_words, rebuild


def test_reworded_sentence_reads_as_phrase_replacements() -> None:
    left = "Ties between the countries have hit a historic low amid disputes over tariffs."
    right = "The relationship between the two nations has reached a historic low point over tariffs."
    ops = diff_words(left, right)
    assert rebuild(ops, "left") == left and rebuild(ops, "right") == right
    changes = [op for op in ops if op[0] != "="]
    assert len(changes) <= 8  # a handful of phrase swaps, not one op per letter or word
    assert all(len(op[1]) > 1 for op in changes)


def test_single_edits_stay_local() -> None:
    ops = diff_words("Kerry met Wang on Monday.", "Kerry met Wang on Tuesday.")
    assert ops == (("=", "Kerry met Wang on "), ("-", "Monday"), ("+", "Tuesday"), ("=", "."))


def test_typography_folding_keeps_both_texts() -> None:
    left, right = "He said “no” — twice.", 'He said "no" - twice.'
    plain = diff_words(left, right)
    assert any(op[0] != "=" for op in plain)
    folded = diff_words(left, right, fold=True)
    assert all(op[0] == "=" for op in folded)
    assert rebuild(folded, "left") == left and rebuild(folded, "right") == right


def test_kept_words_counts_common_words_in_order() -> None:
    assert kept_words("a b c d", "a b c d") == (4, 8)
    assert kept_words("", "") == (0, 0)
    assert kept_words("One two", "") == (0, 2)


def _long_text(seed: int, count: int) -> str:
    rng = random.Random(seed)
    vocabulary = ["Kerry", "met", "Wang", "in", "Beijing", "on", "Monday", "talks", "climate", "coal", "said"]
    return " ".join(rng.choice(vocabulary) + ("." if rng.random() < 0.1 else "") for _ in range(count))


def test_long_texts_are_diffed_in_bounded_pieces(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Past DIRECT_LIMIT no opcodes call sees more than the limit (its bit matrix is N*M/8 bytes)."""
    limit = 2_000
    calls: list[int] = []
    real = worddiff.Indel.opcodes

    def bounded(a: str, b: str):  # type: ignore[no-untyped-def]
        calls.append(len(a) * len(b))
        return real(a, b)

    monkeypatch.setattr(worddiff, "DIRECT_LIMIT", limit)
    monkeypatch.setattr(worddiff.Indel, "opcodes", bounded)
    left = _long_text(1, 3_000)
    right = left.replace("Monday.", "Tuesday.") + " New words at the end."
    right = "A new start. " + right[:5_000] + right[5_200:]
    ops = worddiff.diff_words(left, right)
    assert rebuild(ops, "left") == left and rebuild(ops, "right") == right
    assert calls and max(calls) <= limit
    equal = sum(len(op[1]) for op in ops if op[0] == "=")
    assert equal > 0.8 * len(left)  # the chunks realign after edits: most text stays equal
    common, total = kept_words(left, right)
    monkeypatch.setattr(worddiff, "EXACT_KEPT_LIMIT", 1_000)
    approximate, same_total = kept_words(left, right)
    assert same_total == total and 0.9 * common <= approximate <= common


@pytest.mark.parametrize("edit", ["dense", "unrelated"])
def test_long_texts_without_common_chunks_still_rebuild(monkeypatch, edit: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(worddiff, "DIRECT_LIMIT", 2_000)
    left = _long_text(2, 2_000)
    right = left.replace("coal", "gas").replace("in", "at") if edit == "dense" else _long_text(3, 2_000)
    ops = worddiff.diff_words(left, right)
    assert rebuild(ops, "left") == left and rebuild(ops, "right") == right
    if edit == "dense":  # compared piece by piece: most words still kept
        assert sum(len(op[1]) for op in ops if op[0] == "=") > 0.5 * len(left)


def test_confetti_is_cleaned_up_in_windows(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Unrelated long texts give some 10,000 tiny diffs; the semantic cleanup (quadratic in
    their number: 130 s for a 1 MB pair) sees at most CLEANUP_WINDOW at once."""
    sizes: list[int] = []
    real = worddiff._DMP.diff_cleanupSemantic

    def spy(diffs):  # type: ignore[no-untyped-def]
        sizes.append(len(diffs))
        real(diffs)

    monkeypatch.setattr(worddiff._DMP, "diff_cleanupSemantic", spy)
    left, right = _long_text(5, 40_000), _long_text(6, 40_000)
    started = time.perf_counter()
    ops = worddiff.diff_words(left, right)
    assert time.perf_counter() - started < 10
    assert rebuild(ops, "left") == left and rebuild(ops, "right") == right
    assert len(sizes) > 1 and max(sizes) <= worddiff.CLEANUP_WINDOW


def test_a_one_megabyte_paragraph_pair_diffs_in_seconds() -> None:
    """Was 40 s and 13 GB of memory before the chunked diff."""
    left = _long_text(4, 170_000)  # about 1 MB
    right = left.replace("coal", "gas")
    started = time.perf_counter()
    ops = worddiff.diff_words(left, right)
    assert time.perf_counter() - started < 15
    assert rebuild(ops, "right") == right
