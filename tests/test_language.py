"""One home for language knowledge: the aligner, the corpus and the cruft rules use its lists,
and the verdict engine reaches for no cache."""

from __future__ import annotations

import subprocess
import sys

from reader import align, boilerplate, corpus, language


def test_one_home_for_each_list() -> None:
    """The aligner, the corpus and the cruft rules use language's lists, not copies of them."""
    assert align.STOPWORDS is language.ALIGNMENT_STOPWORDS
    assert align.split_sentences is language.split_sentences and align._stem is language.light_stem
    assert corpus._MONTHS is language.MONTH_NAMES
    assert boilerplate._MONTH is language.MONTH_PATTERN and boilerplate._WEEKDAY is language.WEEKDAY_PATTERN


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
