"""Word ops: lossless, readable (phrases, not confetti), typography folding."""

from __future__ import annotations

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
