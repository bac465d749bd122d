"""Cruft as it appears in the wild (issue 13): each kind on made-up examples, and story
paragraphs that look a little like cruft but must stay story (precision first)."""

from __future__ import annotations

import pytest

from reader.boilerplate import RULES, parse_rules, tag_paragraphs, tag_templates

STORY = "The council voted 7 to 2 on Tuesday to approve the bridge, which will cost 84 million euros."


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Also read | Council to vote on new harbour bridge", "promo link"),
        ("Also on HT: Investors pile into port shares", "promo link"),
        ("Read more: Why the harbour matters", "promo link"),
        ("Related: The tunnel that doubled its budget", "promo link"),
        ("Click Here", "promo link"),
        ("The mayor opens the bridge on Monday. Pic/Getty Images", "photo caption (credit)"),
        ("Flooded streets after the storm killed 800 people. © REUTERS", "photo caption (credit)"),
        ("The old quay in 1950. File photo", "photo caption (credit)"),
        ("Fishing boats in the harbour. Credit: Jane Roe", "photo caption (credit)"),
        ("Divers at the cave entrance. (AP Photo/Sakchai Lalit)", "photo caption (credit)"),
        ("In this image made from video, the spacecraft approaches the asteroid on Monday", "photo caption"),
        ("(Reporting by Jane Roe; Editing by John Doe)", "credit line"),
        ("The Associated Press contributed to this report.", "credit line"),
        ("Correction: An earlier version misstated the cost.", "correction note"),
        ("— Harbour Council (@harbourcouncil) March 5, 2024", "social media embed"),
        ("Harbour Council @harbourcouncil", "social media embed"),
        ("Please enter your comment!", "comment form"),
        ("Harbour Times Logo", "navigation"),
        ("Skip to main content", "navigation"),
        ("1. Harbour Times", "navigation"),
        ("Starting at $4.99/week.", "subscription prompt"),
        ("5th March 2024", "date line"),
        ("Source: CNN", "credit line"),
    ],
)
def test_cruft_in_the_wild_is_tagged(text: str, reason: str) -> None:
    tags = tag_paragraphs(["Council approves harbour bridge", STORY, text, STORY + " More."])
    assert tags[2] == reason and tags[1] is None and tags[3] is None


@pytest.mark.parametrize(
    "text",
    [
        "Latest: The fire chief said it is unclear whether the blaze can be stopped before it spreads further.",
        "“After two more years of this,” she asks, “what is left that readers feel is worth a digital subscription?”",
        "The minister told Reuters the talks would resume on Monday.",
        "He said the photo was taken in 2019, before the bridge was planned.",
        "Read the report, she said, and you will see why the cost doubled.",
        "The bank's credit: rating was cut twice in a year, the agency said on Friday in a long statement.",
        "Related parties held 40 percent of the shares, the filing showed.",
    ],
)
def test_story_that_resembles_cruft_stays_story(text: str) -> None:
    assert tag_paragraphs(["Council approves harbour bridge", STORY, text, STORY])[2] is None


def test_credit_line_tags_the_caption_above_it_not_the_story_below() -> None:
    texts = [
        "Council approves harbour bridge",
        "The harbour at dawn on Tuesday",
        "Jane Roe/Bloomberg/Getty Images",
        "The council approved the bridge on Tuesday after a long debate that drew hundreds of residents.",
    ]
    assert tag_paragraphs(texts) == [None, "image caption", "photo credit", None]


def test_pull_quote_widget_and_its_label() -> None:
    texts = ["Quake kills 800", STORY, "205", "No of people seriously injured in the earthquake", STORY + " More."]
    assert tag_paragraphs(texts)[2:4] == ["pull quote (a lone figure)", "pull quote (the figure's label)"]


def test_pull_quote_repeating_a_sentence_of_the_story() -> None:
    long = (
        "The engineers said the bridge would carry 40,000 cars a day within five years, "
        "twice the traffic the old ferry could ever take across the harbour."
    )
    texts = [
        "Bridge approved",
        STORY,
        "Another paragraph of the story here.",
        "twice the traffic the old ferry could ever take",
        long,
    ]
    assert tag_paragraphs(texts)[3] == "pull quote (repeats paragraph 5)"


def test_list_under_a_promo_heading() -> None:
    texts = [
        "Bridge approved",
        STORY,
        "Read also:",
        "Tunnel costs double",
        "Port shares rise on bridge news",
        "Work starts in the spring, the mayor said.",
    ]
    assert tag_paragraphs(texts)[2:6] == [
        "promo link",
        "promo link (listed under a promo heading)",
        "promo link (listed under a promo heading)",
        None,
    ]


def test_section_label_beside_the_headline() -> None:
    texts = ["Harbour bridge", "Council approves the harbour bridge after six hours", STORY]
    assert tag_paragraphs(texts) == ["section label", None, None]


def test_short_headline_alone_is_not_a_section_label() -> None:
    assert tag_paragraphs(["Bridge approved", STORY, STORY + " Again."])[0] is None


def test_templates_repeat_across_documents_but_headlines_do_not() -> None:
    documents = [
        [("Same wire headline", None), ("Site name here", None), (f"Story {n}.", None), ("Share this story", None)]
        for n in range(4)
    ]
    found = tag_templates(documents)
    assert found[0] == {1: "template (in 4 documents of the folder)", 3: "template (in 4 documents of the folder)"}
    assert tag_templates(documents[:2]) == [{}, {}]  # two documents are not a template


def test_user_rules_still_extend_the_built_in_ones() -> None:
    rules = RULES + parse_rules("house ad\t^Advertise with us")
    assert tag_paragraphs(["Title here", STORY, "Advertise with us today"], rules)[2] == "house ad"
