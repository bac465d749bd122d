"""Links across rows (reader/links.py): sentences that travelled outside their own row."""

from __future__ import annotations

import json

from reader.compare import compare
from reader.corpus import Document, document_from_text
from reader.exporters import to_json
from reader.exporters.common import link_notes
from reader.exporters.inline import to_inline
from reader.exporters.markdown import to_markdown
from reader.exporters.text import to_text
from reader.links import Link, find_links, sentence_spans

FILLER = [
    "The harbour authority published its annual report on shipping volumes today.",
    "Fishermen complained about the new quotas imposed by the regional council.",
    "A local bakery won the national prize for its sourdough bread again.",
    "The museum reopened its east wing after a long renovation of the roof.",
    "Volunteers planted four hundred trees along the river during the weekend.",
]
MOVED = "State television showed people clustered around the burning wreckage near the airport runway."


def _document(paragraphs: list[str], name: str) -> Document:
    return document_from_text("\n\n".join(paragraphs) + "\n", name=name)


def test_sentence_spans_point_at_the_sentences() -> None:
    text = "Kerry met Wang.  “It was good,” he said. The U.S. envoy left."
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["Kerry met Wang.", "“It was good,” he said.", "The U.S. envoy left."]


def test_a_sentence_moved_across_a_paragraph_break_is_a_rebroken_link() -> None:
    left = _document(FILLER[:2] + [FILLER[2] + " " + MOVED, FILLER[3]] + FILLER[4:], "a.txt")
    right = _document(FILLER[:3] + [MOVED + " " + FILLER[3]] + FILLER[4:], "b.txt")
    comparison = compare(left, right)
    assert len(comparison.links) == 1
    link = comparison.links[0]
    assert (link.left, link.right, link.kind, link.score) == (2, 3, "rebroken", 1.0)
    assert left.paragraphs[2].text[slice(*link.left_span)] == MOVED
    assert right.paragraphs[3].text[slice(*link.right_span)] == MOVED
    # the link is not implied by a row: the two paragraphs are in different rows
    assert comparison.row_of("left", 2) != comparison.row_of("right", 3)


def test_a_paragraph_whose_near_verbatim_sentence_went_far_away_is_a_split_link() -> None:
    edited = MOVED.replace("showed", "broadcast footage of").replace("burning", "smouldering")
    last = "Officials gave no figure for the injured passengers at the regional hospital."
    left = _document([FILLER[0] + " " + MOVED] + FILLER[1:] + [last], "a.txt")
    right = _document(FILLER + [edited + " " + last], "b.txt")
    comparison = compare(left, right)
    assert comparison.row_of("right", 5) == comparison.row_of("left", 5)
    # left ¶1 went to two places: its first sentence stays in its row, the second went far
    assert [(link.left, link.right, link.kind) for link in comparison.links] == [(0, 5, "split")]
    assert 0.8 < comparison.links[0].score < 1.0


def test_sentences_matched_inside_their_row_make_no_link() -> None:
    left = _document(FILLER, "a.txt")
    right = _document(FILLER[:2] + [FILLER[2].replace("again", "once more")] + FILLER[3:], "b.txt")
    assert compare(left, right).links == ()


def test_short_sentences_and_boilerplate_are_never_linked() -> None:
    rows = [((0,), (0,)), ((1,), (1,))]
    assert find_links(["Yes. He left the room.", "No."], ["No.", "Yes. He left the room."], rows) == ()
    text = "Share this article on social media with your friends and family today."
    links = find_links([text, "x"], ["y", text], [((0,), (0,)), ((1,), (1,))], left_boilerplate=[True, False])
    assert links == ()


def test_swapping_sides_mirrors_the_links() -> None:
    left = _document(FILLER[:2] + [FILLER[2] + " " + MOVED, FILLER[3]] + FILLER[4:], "a.txt")
    right = _document(FILLER[:3] + [MOVED + " " + FILLER[3]] + FILLER[4:], "b.txt")
    comparison = compare(left, right)
    swapped = comparison.swapped()
    assert swapped.links == tuple(link.swapped() for link in comparison.links)
    assert swapped.swapped().links == comparison.links
    assert Link(1, 2, "split", (0, 3), (4, 5), 0.5).swapped() == Link(2, 1, "split", (4, 5), (0, 3), 0.5)


def test_exports_show_the_links() -> None:
    left = _document(FILLER[:2] + [FILLER[2] + " " + MOVED, FILLER[3]] + FILLER[4:], "a.txt")
    right = _document(FILLER[:3] + [MOVED + " " + FILLER[3]] + FILLER[4:], "b.txt")
    comparison = compare(left, right)
    data = json.loads(to_json(comparison))
    link = comparison.links[0]
    assert data["links"] == [
        {
            "left": 2,
            "right": 3,
            "kind": "rebroken",
            "sentences": [list(link.left_span), list(link.right_span)],
            "score": 1.0,
        }
    ]
    left_row = comparison.row_of("left", 2) + 1
    right_row = comparison.row_of("right", 3) + 1
    assert link_notes(comparison, left_row) == [f"↪ 1 sentence also in row {right_row} (right ¶4, rebroken)"]
    assert link_notes(comparison, right_row) == [f"↪ 1 sentence also in row {left_row} (left ¶3, rebroken)"]
    for text in (to_text(comparison, width=80), to_inline(comparison, width=80), to_markdown(comparison)):
        assert f"↪ 1 sentence also in row {right_row} (right ¶4, rebroken)" in text


def test_sentence_ranges_follow_a_sentence_over_wrapped_lines() -> None:
    from reader.ui.link_marks import sentence_ranges

    sentence = "State television showed people clustered around the burning wreckage."
    lines = ["It rained. State television showed", "people clustered around the", "burning wreckage. Later, it"]
    found = [sentence_ranges(line, [sentence]) for line in lines]
    assert found == [[(11, 34)], [(0, 27)], [(0, 17)]]
    assert sentence_ranges("It rained all day.", [sentence]) == []
    assert sentence_ranges("   ", [sentence]) == []


def test_the_link_key_goes_to_the_other_end_and_back() -> None:
    from reader.ui.link_marks import link_target, status_note

    left = _document(FILLER[:2] + [FILLER[2] + " " + MOVED, FILLER[3]] + FILLER[4:], "a.txt")
    right = _document(FILLER[:3] + [MOVED + " " + FILLER[3]] + FILLER[4:], "b.txt")
    comparison = compare(left, right)
    start, end = comparison.row_of("left", 2), comparison.row_of("right", 3)
    assert start is not None and end is not None
    assert link_target(comparison, start, None) == end
    assert link_target(comparison, end, start) == start
    assert link_target(comparison, 0, None) is None
    shown = list(range(len(comparison.rows)))
    assert status_note(comparison, start, shown).startswith(f"1 sentence also in row {end + 1}")
    assert status_note(comparison, start, [start]).startswith(f"1 sentence also in row {end + 1}*")
    assert status_note(comparison, 0, shown) == ""


def test_a_headline_pairs_only_with_the_other_headline() -> None:
    from reader.compare import _title_pair

    lede = "Regulators closed the bank on Friday and named a receiver for its deposits, officials said on Saturday."
    with_headline = _document(["Regulators close the bank", lede, FILLER[0]], "a.txt")
    other_headline = _document(["Bank closed by regulators", lede, FILLER[0]], "b.txt")
    without_headline = _document([lede, FILLER[0]], "c.txt")
    assert with_headline.title and other_headline.title and without_headline.title is None
    assert _title_pair(with_headline, other_headline) == (0, 0)
    assert _title_pair(with_headline, without_headline) is None  # not the headline with the lede
    rows = compare(with_headline, without_headline).rows
    assert any(row.left == (1,) and row.right == (0,) for row in rows)  # lede with lede


def test_identical_repeated_cruft_between_the_same_rows_pairs_up_when_the_counts_differ() -> None:
    from reader.align import align

    chorus = "Never trust a clock that runs backwards."
    left = [FILLER[0], chorus, FILLER[1], FILLER[2], chorus, FILLER[3]]
    right = [FILLER[0], chorus, FILLER[1], FILLER[2], FILLER[3]]  # the second copy was deleted
    groups = align(
        left,
        right,
        left_boilerplate=[text == chorus for text in left],
        right_boilerplate=[text == chorus for text in right],
    )
    pairs = {(group.left, group.right) for group in groups}
    assert ((1,), (1,)) in pairs  # the copy between the same two rows on both sides
    assert ((4,), ()) in pairs  # the deleted copy stays dropped


def test_a_headline_stays_alone_when_the_other_side_has_none() -> None:
    lede = "Regulators closed the bank on Friday and named a receiver for its deposits, officials said on Saturday."
    with_headline = _document(["Regulators close the bank and name a receiver for deposits", lede, FILLER[0]], "a.txt")
    without_headline = _document([lede, FILLER[0]], "c.txt")
    comparison = compare(with_headline, without_headline)
    assert comparison.rows[comparison.row_of("left", 0)].right == ()  # not with the lede it sums up
    assert comparison.row_of("left", 1) == comparison.row_of("right", 0)
    assert all(link.left != 0 for link in comparison.links)
    # a first line that ends in a full stop is a plain text's first sentence, not a headline
    from reader.compare import _headline

    sentence_first = _document(["The bank closed on Friday.", lede, FILLER[0]], "d.txt")
    assert sentence_first.title == "The bank closed on Friday." and _headline(sentence_first) is None
    assert _headline(with_headline) == 0 and _headline(without_headline) is None


CARRIED_LEFT = (
    "Relatives gathered at the terminal, waiting for news from the ministry. "
    "The airline said 149 passengers and eight crew members were thought to be on board."
)
CARRIED_RIGHT = (
    "A flight carrying 149 passengers and eight crew members went down shortly after takeoff, "
    "the transport ministry confirmed late on Sunday evening."
)


def test_a_figure_carried_into_an_otherwise_new_sentence_is_a_link() -> None:
    left = _document(FILLER[:3] + [CARRIED_LEFT] + FILLER[3:], "a.txt")
    right = _document([CARRIED_RIGHT] + FILLER, "b.txt")
    comparison = compare(left, right)
    assert [(link.left, link.right, link.kind) for link in comparison.links] == [(3, 0, "restated")]
    link = comparison.links[0]
    assert left.paragraphs[3].text[slice(*link.left_span)].startswith("The airline said 149")
    assert 0.6 < link.score < 0.85  # above a statement match, below near-verbatim


def test_a_carried_phrase_that_is_negated_on_one_side_is_no_link() -> None:
    rows = [((0,), (0,)), ((1,), ()), ((), (1,))]
    guilty = "The jury in San Jose found the former chief executive guilty on four charges of fraud, the court said."
    cleared = "Jurors found the former chief executive not guilty on four charges of fraud against patients."
    also_guilty = "Jurors found the former chief executive guilty on four charges of fraud against investors."
    assert find_links([FILLER[0], guilty], [FILLER[0], cleared], rows) == ()
    assert [(link.left, link.right) for link in find_links([FILLER[0], guilty], [FILLER[0], also_guilty], rows)] == [
        (1, 1)
    ]


def test_a_phrase_found_twice_in_a_document_is_no_evidence() -> None:
    repeated = "The airline said 149 passengers and eight crew members had checked in at dawn."
    left = _document(FILLER[:3] + [CARRIED_LEFT, repeated] + FILLER[3:], "a.txt")
    right = _document([CARRIED_RIGHT] + FILLER, "b.txt")
    assert all(link.right != 0 for link in compare(left, right).links)


def test_a_sentence_carrying_two_quotes_links_to_both_places() -> None:
    left = [
        *FILLER[:2],
        "Joined by his family, the mayor said he was sad to be giving up the best job in the world "
        "and claimed it was eccentric to change governments at this stage of the year.",
    ]
    right = [
        "The mayor said it was eccentric to change governments at this stage of the year, in a short speech.",
        *FILLER[:2],
        "Everyone should know how sad I am to be giving up the best job in the world, he told reporters.",
    ]
    rows = [((), (0,)), ((0,), (1,)), ((1,), (2,)), ((2,), ()), ((), (3,))]
    links = find_links(left, right, rows)
    assert sorted((link.left, link.right) for link in links) == [(2, 0), (2, 3)]


def test_shared_runs_are_maximal() -> None:
    from reader.links import _shared_runs

    assert _shared_runs("a b c d x e f g".split(), "a b c d y e f g".split()) == [(0, 0, 4), (5, 5, 3)]
    assert _shared_runs("a b".split(), "a b".split()) == []
