"""One home for language knowledge: the shared lists equal the copies that still live beside
their first user, and the verdict engine reaches for no cache."""

from __future__ import annotations

import subprocess
import sys

from reader import align, boilerplate, corpus, language


def test_alignment_lists_equal_the_aligners() -> None:
    assert language.ALIGNMENT_STOPWORDS == align.STOPWORDS
    for text in ("Kerry met Wang. “It was good,” he said. The U.S. envoy left.", "Mr. Li came. no. Yes! Ok"):
        assert language.split_sentences(text) == align.split_sentences(text)
    for word in ("countries", "talked", "Wang’s", "gas", "sings", "taxes"):
        assert language.light_stem(word) == align._stem(word)


def test_month_tables_equal_the_corpus_and_cruft_rules() -> None:
    assert language.MONTH_NAMES == corpus._MONTHS
    assert language.MONTH_PATTERN == boilerplate._MONTH
    assert language.WEEKDAY_PATTERN == boilerplate._WEEKDAY


def test_stopword_lists_differ_on_purpose() -> None:
    assert "said" in language.ALIGNMENT_STOPWORDS and "said" not in language.FACT_STOPWORDS
    assert "said" in language.SCORING_STOPWORDS and "a" not in language.SCORING_STOPWORDS


def test_verdict_modules_import_no_cache() -> None:
    code = (
        "import sys, reader.overview, reader.drift, reader.provenance, reader.facts, reader.pairwise;"
        "print('reader.cache' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
