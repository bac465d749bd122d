"""Reading a file (issue 20): the bulk paths of segmentation, cruft tagging and paragraph building
give exactly what the plain line-by-line and paragraph-by-paragraph code gave."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.corpus import _is_hard_wrapped, document_from_text, segment

# Whitespace of every kind str.strip knows (form feed, NEL, the line separator...), line
# ends, letters, sentence ends and a long line, so that blocks, blank lines and wrapped prose
# all come up.
_LINE = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab .?\t\x0c\x85\u2028\u00a0é”")), max_size=12),
    st.sampled_from(["x" * 35 + " wrapped line of prose", "y" * 45 + ".", "z" * 130, "", " ", "\t \x0c"]),
)
_TEXT = st.lists(_LINE, max_size=14).map("\n".join) | st.text(
    alphabet=st.sampled_from(list("ab \n\n\t.\x0c\x1c")), max_size=60
)


def _plain_segment(text: str) -> tuple[list[tuple[int, int]], str]:
    """The line-by-line segmentation of main 0453a5d, kept as the reference."""
    spans: list[tuple[int, int]] = []
    blocks: list[list[tuple[int, str]]] = [[]]
    blank_lines = 0
    multi_line_splits = 0
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()
    position = 0
    for line in lines:
        if line.strip():
            blocks[-1].append((position, line))
        else:
            blank_lines += 1
            if blocks[-1]:
                blocks.append([])
        position += len(line) + 1
    inner = [len(line.strip()) for block in blocks for _, line in block[:-1]]
    if len(inner) < 3:
        wrapped_document = False
    else:
        longest = max(len(line.strip()) for block in blocks for _, line in block)
        moderate = sum(30 <= length <= 100 for length in inner)
        wrapped_document = longest <= 120 and moderate >= 0.8 * len(inner)
    for block in blocks:
        if not block:
            continue
        block_lines = [line for _, line in block]
        if len(block) > 1 and (wrapped_document or _is_hard_wrapped(block_lines)):
            first_start, first = block[0]
            last_start, last = block[-1]
            spans.append((first_start + (len(first) - len(first.lstrip())), last_start + len(last.rstrip())))
        else:
            if len(block) > 1:
                multi_line_splits += len(block)
            for line_start, line in block:
                spans.append((line_start + (len(line) - len(line.lstrip())), line_start + len(line.rstrip())))
    convention = "line" if multi_line_splits > max(3, len(spans) / 2) or not blank_lines else "blank-line"
    return spans, convention


_WRAPPED = "\n".join(["A line of prose that is wrapped at a fixed width of about"] * 4)


@settings(max_examples=400)
@given(_TEXT)
@example("")
@example("\n")
@example("  \n\n")
@example("  \nabc\n\n  def  \n")
@example(f"{_WRAPPED}\n\n{_WRAPPED}.\nShort.\n\n\n{_WRAPPED}\n")
@example(f"\n \n{_WRAPPED}  \n \t\n{_WRAPPED}")
@example("One.\nTwo.\nThree.\n\nFour.\nFive.\n")
def test_segment_is_the_line_by_line_segmentation(text: str) -> None:
    assert segment(text) == _plain_segment(text)


@given(_TEXT)
def test_paragraph_texts_are_their_spans(text: str) -> None:
    document = document_from_text(text)
    assert [p.text for p in document.paragraphs] == [document.text[p.start : p.end] for p in document.paragraphs]
    assert document.rebuild() == document.text


def test_paragraphs_built_in_bulk_are_the_dataclass_s() -> None:
    from dataclasses import fields

    from reader.corpus import Paragraph, _paragraphs

    built = _paragraphs([(0, 3), (5, 9)], ["One", "Two."], [None, "byline"])
    assert built == [Paragraph(0, "One", 0, 3), Paragraph(1, "Two.", 5, 9, "byline")]
    assert [vars(p) for p in built] == [vars(Paragraph(0, "One", 0, 3)), vars(Paragraph(1, "Two.", 5, 9, "byline"))]
    assert list(vars(built[0])) == [item.name for item in fields(Paragraph)]
    assert built[1].is_boilerplate and hash(built[0]) == hash(Paragraph(0, "One", 0, 3))


def _expected_masks(texts: list[str], rules: tuple) -> dict[int, int]:
    from reader.boilerplate import _fold

    found = {}
    for index, text in enumerate(texts):
        lowered, folded = _fold(text.replace("\x00", " "))
        mask = sum(1 << bit for bit, r in enumerate(rules) if r.needs and r._needs.met(lowered, folded))
        if mask:
            found[index] = mask
    return found


def test_the_screen_finds_needs_that_touch_each_other_or_the_paragraph_edges() -> None:
    from reader.boilerplate import RULES, _Screen, rule

    # A lowered need may begin or end with a space: the space of a separator is not the paragraph's.
    edges = (
        rule("open", r"\( ", needs=("( ",)),
        rule("spaced x", r" x", needs=(" x",)),
        rule("word", r"\bap\b", needs=(" ap ",)),
        rule("prefix", r"\bafp", needs=(" afp",)),
    )
    texts = [
        "a (",
        "x b",
        "a ( b",
        "ap afp subscribe newsletter",
        "x",
        " x",
        "b\x00x",
        "İSTANBUL photo ٣ £5 a month",
        "",
        "© 2020 All rights reserved (C) .JPG",
    ]
    for rules in (RULES, edges, RULES + edges):
        masks = {index: mask for index, mask in _Screen(rules).screen(texts).items() if mask}
        assert masks == _expected_masks(texts, rules)


def _plain_repeats(texts: list[str]) -> dict[int, str]:
    """``_repeats`` of main 0453a5d: each text stripped of its spaces on its own."""
    from collections import Counter

    from reader.boilerplate import _without_spaces
    from reader.text import count_words

    bare = list(map(_without_spaces, texts))
    counts = Counter(bare)
    seen: dict[str, int] = {}
    found: dict[int, str] = {}
    for index, text in enumerate(texts):
        if counts[bare[index]] < 2:
            continue
        key = " ".join(text.split())
        if key in seen and count_words(text) <= 40:
            found[index] = f"repeats paragraph {seen[key] + 1}"
        seen.setdefault(key, index)
    return found


@given(st.lists(st.text(alphabet=st.sampled_from(list("ab \t\u00a0\u2028é\x00")), max_size=6), max_size=8))
@example(["a b", "ab", "a  b", "a\u00a0b", "é", "é ", "a b"])
def test_repeats_found_in_bulk_are_those_found_one_by_one(texts: list[str]) -> None:
    from reader.boilerplate import _repeats

    assert _repeats(texts, [None] * len(texts)) == _plain_repeats(texts)


def test_a_rule_compiled_when_first_tried_is_the_rule_compiled_at_once() -> None:
    import re

    import pytest

    from reader.boilerplate import RULES, Rule, parse_rules, rule

    made = rule("credit", r"^\s*photo:", max_words=5, needs=("^photo",))
    assert "pattern" not in vars(made)
    eager = Rule("credit", re.compile(r"^\s*photo:", re.IGNORECASE), max_words=5, needs=("^photo",))
    assert made == eager and hash(made) == hash(eager) and repr(made) == repr(eager)
    assert made.anchored and made._find("Photo: Jo") and not made._find("A photo: Jo")
    for builtin in RULES:
        assert builtin == Rule(
            builtin.reason,
            re.compile(builtin.pattern.pattern, builtin.pattern.flags),
            builtin.scope,
            builtin.max_words,
            builtin.next_reason,
            builtin.needs,
        )
    with pytest.raises(AttributeError):
        made.no_such_attribute  # noqa: B018
    with pytest.raises(ValueError, match="bad pattern"):
        parse_rules("broken\t(unclosed")


def test_tagging_compiles_only_the_rules_it_tries() -> None:
    from reader.boilerplate import rule, tag_paragraphs

    gated = rule("gated", r"zebra", needs=(" zebra ",))
    ungated = rule("ungated", r"^never$")
    assert tag_paragraphs(["A plain paragraph.", "Another one."], (gated, ungated)) == [None, None]
    assert "pattern" not in vars(gated)  # no paragraph passed its needs: never compiled
    assert "pattern" in vars(ungated)


def test_a_rule_not_compiled_yet_pickles_and_copies() -> None:
    import copy
    import pickle

    from reader.boilerplate import rule

    made = rule("credit", r"^\s*photo:", max_words=5, needs=("^photo",))
    for twin in (pickle.loads(pickle.dumps(made)), copy.deepcopy(made), copy.copy(made)):
        assert twin == made and twin._find("Photo: Jo")
    assert "pattern" in vars(made)  # comparing compiled it


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(["ap ", "ap", "ap b", "afp ", "sign up ", "up ", "b ", "bx", "x y "]), min_size=1, max_size=5
    ),
    st.lists(st.text(alphabet=st.sampled_from(list("apbfsignuxy -")), max_size=16), min_size=1, max_size=4),
)
@example(["ap ", "ap b"], ["ap bc", "ap ap b"])
@example(["sign up ", "up "], ["sign up now"])
def test_needs_that_begin_with_a_space_are_all_found(needs: list[str], texts: list[str]) -> None:
    """Whether the search takes each need found (no need can begin inside another) or only
    looks at it, every need in every paragraph is found."""
    from reader.boilerplate import _Screen, rule

    rules = tuple(rule(f"r{number}", r"x", needs=(f" {need}",)) for number, need in enumerate(dict.fromkeys(needs)))
    masks = {index: mask for index, mask in _Screen(rules).screen(texts).items() if mask}
    assert masks == _expected_masks(texts, rules)


def test_no_character_lowercases_to_a_need_looked_for_as_it_is() -> None:
    """The screen looks for a need without letters in the document as it is, and for an ASCII
    need in the ASCII bytes lowercased: no other character lowercases to those characters (the
    case twins aside, which the screen makes ASCII letters first), and none changes length."""
    import sys

    from reader.boilerplate import _CASE_TWINS, _NOT_A_LOWERCASE

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char in _CASE_TWINS:
            continue
        lower = char.lower()
        assert len(lower) == 1, hex(code)
        if lower != char:
            assert not lower.isascii() or char.isascii(), hex(code)
            assert lower not in _NOT_A_LOWERCASE, hex(code)


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("ab 5٣۵\U0001d7d8İ“\ud800")), max_size=40))
def test_digits_outside_ascii_are_found_in_long_texts_too(piece: str) -> None:
    from reader.boilerplate import _CASE_TWINS, _NON_ASCII_DIGIT, _as_ascii_sees_it

    for text in (piece, piece * 60):  # the short path and the one for long texts
        expected = text
        for twin, letter in _CASE_TWINS.items():
            expected = expected.replace(twin, letter)
        assert _as_ascii_sees_it(text) == _NON_ASCII_DIGIT.sub("0", expected)


def test_the_screen_of_text_outside_ascii_finds_the_needs_of_lowercase() -> None:
    from reader.boilerplate import RULES, _Screen, rule

    extra = (rule("pound", r"£m", needs=("£m",)), rule("question", r"\?x", needs=("?x",)))
    texts = ["İSTANBUL (C) 2020 £5 €", "a.JPG ?x ©", "x ½ Ⅰ ⓐ <IMG src>", "é £M", "?X"]
    for rules in (RULES, RULES + extra):
        masks = {index: mask for index, mask in _Screen(rules).screen(texts).items() if mask}
        assert masks == _expected_masks(texts, rules)
