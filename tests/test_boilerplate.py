"""Boilerplate tagging: rules are data, each tag has a reason, users can add rules."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.boilerplate import (
    _CASE_TWINS,
    _FOLD,
    _NON_ASCII_DIGIT,
    RULES,
    STRUCTURAL_RULES,
    Rule,
    _anchored_at_start,
    _fold,
    _mostly_short_lines,
    _Needs,
    _questions_follow,
    _screen,
    _tag_neighbour,
    _top_level_alternatives,
    _trailing_fragment,
    _trie,
    load_rules,
    rule,
    tag_paragraphs,
)
from reader.corpus import Document, segment
from reader.text import words
from tests.realpages import TEXTS, requires_realpages


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


# Needs and the document screen: speed without changing a tag ----------------------------------


def _reference_tags(texts: list[str], rules: tuple[Rule, ...] = RULES) -> list[str | None]:
    """Tagging as the rules define it: every rule searched in every paragraph, in order."""
    short_lines = _mostly_short_lines(texts)
    tags: list[str | None] = [None] * len(texts)
    for index, text in enumerate(texts):
        if tags[index] is not None:
            continue
        count = len(words(text))
        for candidate in rules:
            if candidate.max_words is not None and count > candidate.max_words:
                continue
            if candidate.pattern.search(text) is None:
                continue
            if candidate.scope == "rest" and not _questions_follow(texts, index):
                continue
            if short_lines and candidate.reason == "tag line":
                continue
            tags[index] = candidate.reason
            if candidate.scope == "rest":
                tags[index + 1 :] = [candidate.reason] * (len(texts) - index - 1)
                return tags
            _tag_neighbour(candidate, texts, tags, index)
            break
    for structural in STRUCTURAL_RULES:
        if short_lines and structural is _trailing_fragment:
            continue
        for found, reason in structural(texts, tags).items():
            if tags[found] is None:
                tags[found] = reason
    return tags


# Pieces of cruft and of prose, with the characters that make case and word edges hard.
_PIECES = [
    "Photo", "photo:", "Photos credit:", "PICTURE date:", "image/", "pic/ ", "file picture", "photographed by",
    "Credit: Jane", "credits :", "Getty Images", "AP", "(AP)", "(AP Photo/Jo Roe)", "via AP)", "via getty",
    "AFP via Getty Images", "Reuters", "REUTERS/Jo", "xinhua", "ANI", "pti", "ians", "EPA-EFE", "PA Wire", "©", "(c) ",
    "(C)", "Copyright", "All rights reserved", "By ", "by Jane Doe", "By Associated Press", "Subscribe", "SIGN UP",
    "newsletter", "subscribers", "Support our journalism", "in your inbox", "$5 a month", "€", "£", "@jane",
    "— Jo Roe (@jroe) May 5, 2020", "Monday,", "May 5, 2020", "5th of June 2021", "2020-01-05", "12", "3 comments",
    "1. Top Story", "Read more:", "Related:", "read also", "Don’t miss", "Editor's picks", "You may also like",
    "more from Site", "click here", "FAQ", "Frequently asked questions", "What is it?", "Published", "Last updated",
    "logo", "WordPress theme", "powered by Blogger", "watch it above", "video below", "contributed to this report",
    "generated from a syndicated feed", "without modifications to the text", "has not been edited by",
    "Correction (May 5):", "Editor’s note -", "This story was updated", "Skip to main content", "Menu", "Ad",
    "Advertisement", "share", "Tweet", "e-mail", "X", "Source: Jo", "via:", "(Additional reporting by Jo; editing by Al)",
    "Reporting by Jo", "columnist", "AP Writer", "CNN", "leave a reply", "comment", "In this photo made", "A handout image",
    "An image provided", "Jo Roe/Agency", " / ", ">", "»", "|", "<img width=1>", "<div>", "<!--", "-->", "--", "!--",
    "commons.wikimedia.org/", ".JPG", ".webp", "shutterstock", "Alamy Stock Photo", "news", "the", "a", "An", "This",
    "İ", "ı", "ſ", "\u212a", "٣", "é", "\u00a0", "\x00", "\n", " ", "  ", ".", ",", ":", ";", "-", "’", "'", "\"", "“", "(", ")",
]  # fmt: skip

_paragraphs = st.lists(st.sampled_from(_PIECES), max_size=10).map("".join)


@given(_paragraphs)
def test_a_rules_needs_pass_every_paragraph_it_matches(text: str) -> None:
    """``needs`` only spare searches that would find nothing, whatever the case or the script."""
    lowered, folded = _fold(text)
    for candidate in RULES:
        if candidate.needs and candidate.pattern.search(text):
            assert candidate._needs.met(lowered, folded), candidate.reason


@given(st.lists(_paragraphs, max_size=8))
def test_the_document_screen_agrees_with_each_paragraphs_needs(texts: list[str]) -> None:
    screen = _screen(RULES)
    masks = screen.screen(texts)
    for index, text in enumerate(texts):
        lowered, folded = _fold(text.replace("\x00", " "))
        expected = 0
        for bit, candidate in enumerate(RULES):
            if candidate.needs and candidate._needs.met(lowered, folded):
                expected |= 1 << bit
        assert masks.get(index, 0) == expected, (index, text)


@given(st.lists(_paragraphs, max_size=8))
def test_tagging_equals_searching_every_rule(texts: list[str]) -> None:
    assert tag_paragraphs(texts) == _reference_tags(texts)


def _paragraphs_of(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return [text[start:end] for start, end in segment(text)[0]]


def test_tagging_the_seeds_equals_searching_every_rule() -> None:
    for path in sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").iterdir()):
        texts = _paragraphs_of(path)
        assert tag_paragraphs(texts) == _reference_tags(texts), path.name


@requires_realpages
def test_tagging_real_pages_equals_searching_every_rule() -> None:
    for path in sorted(TEXTS.glob("*/*.txt")):
        texts = _paragraphs_of(path)
        assert tag_paragraphs(texts) == _reference_tags(texts), path.name


def test_user_rules_without_needs_are_tried_everywhere() -> None:
    extra = (rule("sponsor note", r"sponsored by"), rule("lower start", r"^[a-z]"))
    texts = ["Kerry met Wang.", "This is sponsored by Acme.", "and then", "Photo: Getty Images"]
    assert tag_paragraphs(texts, RULES + extra) == _reference_tags(texts, RULES + extra)
    assert tag_paragraphs(texts, RULES + extra)[1] == "sponsor note"


@given(
    st.lists(st.sampled_from(["a", "b", "ab", "abc", "b c", "c", "x"]), min_size=1, max_size=6),
    st.text("abcx ", max_size=8),
)
def test_a_trie_matches_the_longest_string_that_starts_the_text(strings: list[str], head: str) -> None:
    pattern = re.compile(_trie(s.encode() for s in strings))
    match = pattern.match(head.encode())
    starting = [s for s in strings if head.startswith(s)]
    assert (match.group().decode() if match else None) == (max(starting, key=len) if starting else None)


def test_anchored_patterns_are_found_at_the_start_only() -> None:
    assert _top_level_alternatives(r"^a|b[|]|(c|d)|\||[]|]") == ["^a", "b[|]", "(c|d)", "\\|", "[]|]"]
    assert _anchored_at_start(re.compile(r"^a|^b(?:c|d)"))
    assert not _anchored_at_start(re.compile(r"^a|b"))
    assert not _anchored_at_start(re.compile(r"^a", re.MULTILINE))
    assert not _anchored_at_start(re.compile(r"(?m:^a)"))
    assert not _anchored_at_start(re.compile(r"(?:^a|^b)"))  # conservative: not at the top
    anchored = [r for r in RULES if r.anchored]
    assert len(anchored) > 15
    for text in ("  --x-->", "<!-- x", "Share | Tweet", "Published today", "May 5, 2020", "x Published"):
        for candidate in anchored:
            assert (candidate.pattern.match(text) is None) == (candidate.pattern.search(text) is None)


def test_folding_knows_every_character_a_pattern_takes_for_ascii() -> None:
    """The characters outside ASCII that match an ASCII letter or digit case-insensitively are the
    case twins, and folding takes every other decimal digit (``\\d``) for 0."""
    everything = "".join(map(chr, range(0x80, sys.maxunicode + 1)))
    twins = set(re.findall(r"[a-z0-9_]", everything, re.IGNORECASE))
    assert twins == set(_CASE_TWINS)
    assert set(_NON_ASCII_DIGIT.findall(everything)) == {c for c in everything if c.isdecimal()}
    assert _fold("Photo İSTANBUL ſ ٣")[1] == b" photo istanbul s 0 "
    assert len(_FOLD) == 256


@pytest.mark.parametrize("need", ["", " ", "Caps", "a  b", "^ a", "a $", "x\x00"])
def test_bad_needs_are_refused(need: str) -> None:
    with pytest.raises(ValueError, match="bad need"):
        _Needs.parse([need])


@pytest.mark.parametrize("candidate", [r for r in RULES if r.needs], ids=lambda r: r.reason)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_rules_needs_pass_what_its_pattern_matches(candidate: Rule, data: st.DataObject) -> None:
    """Hypothesis writes paragraphs the pattern matches (any case, any script, any digits)."""
    text = data.draw(st.from_regex(candidate.pattern))
    if candidate.pattern.search(text):
        assert candidate._needs.met(*_fold(text)), text
