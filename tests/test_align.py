"""Aligner behaviour: merges, splits, moves, cruft, order, coverage, and scale."""

from __future__ import annotations

import time

from reader.align import Group, Options, align, split_sentences
from reader.compare import compare
from reader.corpus import Document, document_from_text

FACTS = [
    "The envoy arrived in Beijing on Sunday for three days of climate talks with Xie Zhenhua.",
    "Relations between the two countries have hit a historic low over tariffs and Taiwan.",
    "Coal production reached a record of 4.5 billion tonnes last year, the ministry said.",
    "Heat waves forced cities to open old bomb shelters so residents could escape the heat.",
    "Lawmakers criticised the refusal to make deeper cuts in fossil fuel emissions this decade.",
]


def _covered(groups: list[Group], n_left: int, n_right: int) -> None:
    lefts = sorted(i for g in groups for i in g.left)
    rights = sorted(j for g in groups for j in g.right)
    assert lefts == list(range(n_left)) and rights == list(range(n_right))


def test_identical_documents_align_one_to_one() -> None:
    groups = align(FACTS, FACTS)
    assert [(g.left, g.right, g.moved) for g in groups] == [((i,), (i,), False) for i in range(5)]


def test_merge_of_two_paragraphs_is_one_row() -> None:
    right = [FACTS[0], FACTS[1] + " " + FACTS[2], FACTS[3], FACTS[4]]
    groups = align(FACTS, right)
    _covered(groups, 5, 4)
    assert Group((1, 2), (1,)) in [Group(g.left, g.right) for g in groups]


def test_condensed_rewrite_merges_a_fact_from_far_away() -> None:
    # Right paragraph 2 restates left 3 and then left 1: left 1's sentence is the mutual best
    # match of a sentence there, so it joins that row although it stands out of order.
    right = [FACTS[0], FACTS[2], FACTS[3] + " " + FACTS[1], FACTS[4]]
    groups = align(FACTS, right)
    _covered(groups, 5, 4)
    assert Group((1, 3), (2,)) in [Group(g.left, g.right) for g in groups]


def test_a_sentence_of_a_word_or_two_joins_nothing_from_far_away() -> None:
    # A reference work ends quotations with their source ("--Dryden."): that sentence is the
    # mutual best match of the same citation under an unrelated quotation far away, which
    # joined the merged row until anchors had to share Options.anchor_terms words.
    left = [
        FACTS[0],
        FACTS[1],
        "This proud man affects imperial sway. --Dryden.",
        "To tend to by affinity or disposition.",
    ]
    unrelated = (
        "I should not animadvert on him. If he had not used extreme severity in his judgment of the "
        "incomparable Shakespeare. --Dryden."
    )
    right = [unrelated, FACTS[0], FACTS[1], left[2] + " " + left[3]]
    expected = [Group((), (0,)), Group((0,), (1,)), Group((1,), (2,)), Group((2, 3), (3,))]
    assert [Group(g.left, g.right) for g in align(left, right)] == expected
    # The same pair with one shared word enough: the unrelated quotation joins the row.
    joined = [Group(g.left, g.right) for g in align(left, right, options=Options(anchor_terms=1))]
    assert Group((2, 3), (0, 3)) in joined


def test_lines_joined_or_cut_word_for_word_make_one_row() -> None:
    # A glossary's headwords, too short to be scored: joined into one paragraph (a merge), or a
    # paragraph cut into lines (a split), they are one row, not two dropped lines and an added one.
    lines = ["defined as", "demo mode"]
    joined = "defined as\ndemo mode"
    merged = [Group(g.left, g.right) for g in align([FACTS[0], *lines, FACTS[1]], [FACTS[0], joined, FACTS[1]])]
    assert merged == [Group((0,), (0,)), Group((1, 2), (1,)), Group((3,), (2,))]
    split = [Group(g.left, g.right) for g in align([FACTS[0], joined, FACTS[1]], [FACTS[0], *lines, FACTS[1]])]
    assert split == [Group((0,), (0,)), Group((1,), (1, 2)), Group((2,), (3,))]


def test_lines_that_do_not_make_up_the_paragraph_stay_apart() -> None:
    lines = ["defined as", "demo mode"]
    edited = [FACTS[0], "defined as demo modes", FACTS[1]]  # not word for word
    assert Group((1, 2), (1,)) not in [Group(g.left, g.right) for g in align([FACTS[0], *lines, FACTS[1]], edited)]
    apart = [FACTS[0], "defined as", FACTS[1], "demo mode"]  # not adjacent: a row between
    groups = [Group(g.left, g.right) for g in align(apart, [FACTS[0], "defined as demo mode", FACTS[1]])]
    assert all(len(g.left) <= 1 for g in groups)


def test_repeated_headline_joins_the_headline_row() -> None:
    headline = "Envoys meet in Beijing for climate talks"
    left = [headline, FACTS[0], headline, FACTS[1]]
    right = ["Climate envoys meet in Beijing", FACTS[0], FACTS[1]]
    groups = align(left, right, left_boilerplate=[False, False, True, False], titles=(0, 0))
    _covered(groups, 4, 3)
    assert Group((0, 2), (0,)) in [Group(g.left, g.right) for g in groups]


def test_repeated_dialogue_line_does_not_gather_its_copies() -> None:
    # A novel repeats short lines; the repeat rule tags the copies as boilerplate, but only
    # the headline's copies join its row.
    line = "“What do you mean?”"
    left = [FACTS[0], line, FACTS[1], FACTS[2], line, FACTS[3]]
    right = [FACTS[0], line, FACTS[1], FACTS[2], FACTS[3], line]
    groups = align(
        left,
        right,
        left_boilerplate=[False, False, False, False, True, False],
        right_boilerplate=[False, False, False, False, False, True],
        titles=(0, 0),
    )
    _covered(groups, 6, 6)
    assert all(len(g.left) <= 1 and len(g.right) <= 1 for g in groups)


def test_short_line_cut_off_a_paragraph_joins_its_row() -> None:
    # "What is his name?" has two content words: too few to score, found by its exact text.
    left = [FACTS[0], "“Tell us all about it,” said Mrs. Jennings. “What is his name?”", FACTS[1]]
    right = [FACTS[0], "“Tell us all about it,” said Mrs. Jennings.", "“What is his name?”", FACTS[1]]
    assert [(g.left, g.right) for g in align(left, right) if g.left == (1,)] == [((1,), (1, 2))]
    merged = [(g.left, g.right) for g in align(right, left) if g.right == (1,)]
    assert merged == [((1, 2), (1,))]


def test_short_line_is_linked_only_to_its_own_end_of_a_paragraph() -> None:
    left = [FACTS[0], "“What is his name?” she asked. Nobody knew.", FACTS[1]]
    right = [FACTS[0], "“What is his name?” she asked. Nobody knew.", "Nobody knew it.", FACTS[1]]
    groups = align(left, right)
    assert Group((), (2,)) in groups


def test_edited_short_lines_between_the_same_rows_pair_up() -> None:
    left = [FACTS[0], "“I have no doubt of it,” replied Marianne.", "“No.”", FACTS[1]]
    right = [FACTS[0], "“I have no doubt of it,” answered Marianne.", "“Never!”", FACTS[1]]
    groups = align(left, right)
    _covered(groups, 4, 4)
    pairs = [(g.left, g.right) for g in groups]
    assert ((1,), (1,)) in pairs
    assert ((2,), ()) in pairs and ((), (2,)) in pairs  # too different to be one line


def test_split_of_one_paragraph_is_one_row() -> None:
    left = [FACTS[0], FACTS[1] + " " + FACTS[2], FACTS[3], FACTS[4]]
    groups = align(left, FACTS)
    _covered(groups, 4, 5)
    assert [(g.left, g.right) for g in groups if g.left == (1,)] == [((1,), (1, 2))]


def test_moved_paragraph_is_a_move_with_its_place_kept() -> None:
    right = [FACTS[1], FACTS[2], FACTS[3], FACTS[4].replace("deeper", "bigger"), FACTS[0]]
    groups = align(FACTS, right)
    _covered(groups, 5, 5)
    moved = [g for g in groups if g.moved]
    assert [(g.left, g.right) for g in moved] == [((0,), (4,))]
    assert groups[0].moved  # shown where the left paragraph stood


def test_dropped_and_added_paragraphs_stand_in_order() -> None:
    extra = "An unrelated note about football results and weather in another city entirely."
    right = [FACTS[0], extra, FACTS[1], FACTS[3], FACTS[4]]
    groups = align(FACTS, right)
    assert [(g.left, g.right) for g in groups] == [
        ((0,), (0,)),
        ((), (1,)),
        ((1,), (2,)),
        ((2,), ()),
        ((3,), (3,)),
        ((4,), (4,)),
    ]


def test_boilerplate_never_aligns_with_content() -> None:
    left = ["Share this story on Facebook Twitter Email Kerry Beijing climate talks", FACTS[0]]
    right = ["Kerry Beijing climate talks share on Facebook Twitter Email today", FACTS[0]]
    groups = align(left, right, left_boilerplate=[True, False], right_boilerplate=[False, False])
    assert ((0,), (0,)) not in [(g.left, g.right) for g in groups]
    identical = align(
        ["Linkedin Pinterest", FACTS[0]],
        ["Linkedin Pinterest", FACTS[0]],
        left_boilerplate=[True, False],
        right_boilerplate=[True, False],
    )
    assert [(g.left, g.right) for g in identical] == [((0,), (0,)), ((1,), (1,))]


def test_same_speaker_saying_different_things_is_not_linked() -> None:
    left = [
        "Foreign Ministry spokesperson Mao Ning said China has always opposed export "
        "controls on chips and would take measures to protect its companies."
    ]
    right = [
        "Foreign Ministry spokesperson Mao Ning said the weather in the capital had been "
        "unusually warm and the harvest would begin early this year."
    ]
    groups = align(left, right)
    assert [(g.left, g.right) for g in groups] == [((0,), ()), ((), (0,))]


def test_rewrite_seed_pair_links_reworded_paragraphs(seed_docs: dict[str, Document]) -> None:
    comparison = compare(seed_docs["000"], seed_docs["001"])
    linked = [row for row in comparison.rows if row.left and row.right]
    assert len(linked) >= 10
    kinds = {row.kind for row in linked}
    assert kinds <= {"changed", "reworded", "moved"}
    # The appended FAQ block of the content farm is never aligned with the article.
    farm = seed_docs["001"]
    faq = {p.index for p in farm.paragraphs if p.boilerplate == "FAQ block"}
    assert not any(set(row.right) & faq for row in linked)


def test_merge_heavy_seed_pair_has_many_to_one_rows(seed_docs: dict[str, Document]) -> None:
    comparison = compare(seed_docs["000"], seed_docs["002"])
    assert any(len(row.left) > 1 and len(row.right) == 1 for row in comparison.rows)


def test_sentence_splitter_keeps_abbreviations() -> None:
    assert split_sentences("U.S. officials met. Mr. Kerry left. He said “yes.” Then went home.") == [
        "U.S. officials met.",
        "Mr. Kerry left.",
        "He said “yes.”",
        "Then went home.",
    ]


def test_long_documents_align_without_all_pairs_cost() -> None:
    """3,000 paragraphs a side with a tenth edited align in well under the benchmark target."""
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron".split()
    left = [
        f"Paragraph {n} reports that {words[n % 15]} {words[(n * 7) % 15]} met {n * 13} officials in city {n}."
        for n in range(3000)
    ]
    right = [text.replace("met", "visited") if n % 10 == 0 else text for n, text in enumerate(left)]
    start = time.perf_counter()
    groups = align(left, right)
    elapsed = time.perf_counter() - start
    _covered(groups, 3000, 3000)
    assert sum(1 for g in groups if g.left and g.right) == 3000
    assert elapsed < 10  # generous: a guard against quadratic blow-ups, not a benchmark


def test_empty_sides() -> None:
    assert align([], []) == []
    assert [(g.left, g.right) for g in align(FACTS[:2], [])] == [((0,), ()), ((1,), ())]
    doc = document_from_text("")
    assert compare(doc, doc).identical


ENTRIES = [
    f"Entry {number}: a {adjective} lantern that {verb} the ships of a harbour."
    for number, (adjective, verb) in enumerate(
        zip(
            "small heavy quiet bright narrow ancient hollow crooked silver wooden broken faithful".split(),
            "counts measures repairs carries opens closes guards marks lifts turns sorts weighs".split(),
        )
    )
]
SAYING = "All engines suck, all saddles suck."


def test_an_edited_copy_of_a_repeated_line_pairs_with_its_counterpart() -> None:
    """The second copy of a saying is tagged as a repeat (cruft); edited in place, it still
    pairs by characters with its counterpart between the same two rows."""
    left = [*ENTRIES[:3], SAYING, *ENTRIES[3:6], SAYING, *ENTRIES[6:]]
    right = [*ENTRIES[:3], SAYING, *ENTRIES[3:6], SAYING.replace("saddles suck", "saddles weak"), *ENTRIES[6:]]
    left_document = document_from_text("\n\n".join(left) + "\n", name="a.txt")
    assert left_document.paragraphs[7].is_boilerplate  # the repeat
    comparison = compare(left_document, document_from_text("\n\n".join(right) + "\n", name="b.txt"))
    assert comparison.row_of("left", 7) == comparison.row_of("right", 7)
    assert comparison.row_of("left", 3) == comparison.row_of("right", 3)


def test_a_copy_of_a_repeated_line_moved_far_away_is_a_move() -> None:
    """Two copies on each side; the first moved to the end. The copy that stayed pairs in
    place, the moved one is a move (not both copies paired by rank, nor one dropped)."""
    left = [*ENTRIES[:2], SAYING, *ENTRIES[2:8], SAYING, *ENTRIES[8:]]
    right = [*ENTRIES[:2], *ENTRIES[2:8], SAYING, *ENTRIES[8:], SAYING]
    groups = align(left, right, left_boilerplate=[False] * 9 + [True] + [False] * 4)
    pairs = {(group.left, group.right): group.moved for group in groups}
    assert pairs.get(((9,), (8,))) is False  # the copy in place
    assert pairs.get(((2,), (13,))) is True  # the far move
