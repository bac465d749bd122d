"""Boilerplate tagging: rules are data, each tag has a reason, users can add rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.boilerplate import RULES, _plan, load_rules, tag_paragraphs
from reader.corpus import Document
from reader.text import words


def _reasons(doc: Document) -> dict[str, str]:
    return {p.text[:30]: p.boilerplate for p in doc.paragraphs if p.boilerplate}


def test_seed_cruft_is_tagged_with_reasons(seed_docs: dict[str, Document]) -> None:
    ap = _reasons(seed_docs["000"])
    assert ap['<img height="1" width="1" styl'] == "tracking pixel"
    assert ap["Linkedin Pinterest"] == "share buttons"
    assert ap["News / Nation & World"] == "breadcrumb"
    assert ap["By Associated Press"] == "byline"
    assert ap["Stay informed on what is happe"] == "subscription prompt"
    farm = seed_docs["001"]
    faq_start = next(p.index for p in farm.paragraphs if p.text.startswith("Frequently Asked"))
    assert all(p.boilerplate == "FAQ block" for p in farm.paragraphs[faq_start:])
    assert all(p.boilerplate is None for p in farm.paragraphs[4:faq_start])
    report = _reasons(seed_docs["003"])
    assert report["!-- Google tag (gtag.js) -->"] == "broken HTML tag"
    assert report["IMAGE SOURCE: REUTERS"] == "image credit"
    assert report["US climate envoy John Kerry an"] == "image caption"
    assert _reasons(seed_docs["004"]) == {"ME": "truncated fragment"}
    assert seed_docs["002"].boilerplate_count == 0


def test_story_paragraphs_are_not_tagged(seed_docs: dict[str, Document]) -> None:
    ap = seed_docs["000"]
    content = [p for p in ap.paragraphs if p.boilerplate is None]
    assert len(content) == 28
    assert all(len(p.text.split()) > 10 for p in content)


def test_every_rule_has_a_reason() -> None:
    assert all(rule.reason for rule in RULES)


def test_user_rules_extend_the_list(tmp_path: Path) -> None:
    path = tmp_path / "rules.txt"
    path.write_text("# my site\nsponsor note\t^Sponsored by\n\n", encoding="utf-8")
    extra = load_rules(path)
    tags = tag_paragraphs(["Sponsored by Acme Corp.", "Kerry met Wang."], RULES + extra)
    assert tags == ["sponsor note", None]


@pytest.mark.parametrize("line", ["no tab here", "reason\t(unclosed"])
def test_bad_rule_files_are_reported(tmp_path: Path, line: str) -> None:
    path = tmp_path / "rules.txt"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="rules.txt:1"):
        load_rules(path)


@given(
    st.lists(st.sampled_from(["word", "it’s", "don't", "'", "’", "--", ".", " ", "\n", "é", "_", "9"]), max_size=120)
)
def test_word_limit_shortcut_counts_like_words(pieces: list[str]) -> None:
    """The pattern that skips long paragraphs agrees with ``reader.text.words``."""
    text = "".join(pieces)
    plan = _plan(RULES)
    assert plan.beyond is not None and plan.limit is not None
    assert (plan.beyond.match(text) is not None) == (len(words(text)) > plan.limit)


_FRAGMENTS = [
    "<",
    "<IMG width=1>",
    "<div>",
    "<!--",
    "Subscribe",
    "SUBSCRIPTION",
    "sign up",
    "Sign Up",
    "newsletter",
    "Stay Informed",
    "log in to read",
    "create an account",
    "support our journalism",
    "(C) ",
    "Copyright",
    "All Rights Reserved",
    "img",
    "a",
    " ",
    "\n",
    "x",
    "-",
    "1",
    '"',
]


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=12))
def test_a_rules_needs_are_in_every_match(pieces: list[str]) -> None:
    """``needs`` only skips searches that would find nothing."""
    text = "".join(pieces)
    for candidate in RULES:
        if candidate.needs and candidate.pattern.search(text):
            assert any(need in text.lower() for need in candidate.needs), candidate.reason
