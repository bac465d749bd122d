"""Facts that need more than a figure and its unit: the tally of a court's outcome (figures of
one outcome added up, whichever words state it) and durations written as spans of time."""

from __future__ import annotations

import pytest

from reader.facts import find_numbers, find_tallies, hedged_text, is_duration_span, span_cue


def tallies(text: str) -> list[tuple[str, float, str]]:
    return [(tally.outcome, tally.value, tally.unit) for tally in find_tallies(text)]


# Tallies ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She was acquitted of three charges.", [("not guilty", 3.0, "count")]),
        ("She was found not guilty on four counts.", [("not guilty", 4.0, "count")]),
        ("He was cleared of 2 charges.", [("not guilty", 2.0, "count")]),
        ("She was convicted of four out of 11 counts.", [("guilty", 4.0, "count")]),
        ("He was found guilty on three of the 11 charges.", [("guilty", 3.0, "count")]),
        ("Jurors were deadlocked on three of the 11 charges.", [("no verdict", 3.0, "count")]),
        ("The jury did not reach a verdict on the remaining three charges.", [("no verdict", 3.0, "count")]),
        ("The jury didn’t reach a verdict on three of the counts.", [("no verdict", 3.0, "count")]),
        ("She was convicted on two federal felonies.", [("guilty", 2.0, "felony")]),
    ],
)
def test_an_outcome_is_read_whichever_words_state_it(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert tallies(text) == expected


def test_not_guilty_is_not_read_as_guilty() -> None:
    assert tallies("He was found not guilty on two counts.") == [("not guilty", 2.0, "count")]


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("She was found guilty on three counts of wire fraud and one count of conspiracy.", 4.0),
        ("She was found not guilty on three additional charges concerning patients and one charge of conspiracy.", 4.0),
        ("She was found not guilty on three more counts of wire fraud and another count of conspiracy.", 4.0),
        ("He was convicted of two counts of fraud and also 3 counts of theft.", 5.0),
    ],
)
def test_figures_of_one_outcome_joined_by_and_add_up(text: str, total: float) -> None:
    [tally] = find_tallies(text)
    assert tally.value == total
    assert tally.figures >= 2


@pytest.mark.parametrize(
    "text",
    [
        # a list of parts after "including", a colon or a dash breaks the figure down
        "She was acquitted of three charges, including one of conspiracy and two charges of fraud.",
        "She was found guilty on three counts: one count of conspiracy and two counts of fraud.",
        "She was found guilty on three of 11 charges — one count of conspiracy and two counts of fraud.",
        # a clause of its own after "and"
        "He was convicted of three counts and two counts were dropped.",
        "He was convicted of three counts and the jury cleared him of two counts.",
        # another "and" first joins something else
        "He was convicted of three counts of fraud and theft and two other charges.",
    ],
)
def test_parts_and_other_clauses_do_not_add_up(text: str) -> None:
    assert find_tallies(text)[0].value == 3.0


def test_outcomes_without_a_figure_or_an_affirmative_verdict_are_no_tally() -> None:
    assert tallies("She was found not guilty of all charges pertaining to patients.") == []
    assert tallies("The jury returned a verdict on eight of the 11 charges.") == []
    assert tallies("He was found guilty of misleading investors.") == []
    assert tallies("There was no verdict on the other three.") == []  # no noun: three what?


def test_a_figure_said_to_come_on_top_is_relative_and_the_subject_is_named() -> None:
    [tally] = find_tallies("Out of 11 charges, Holmes was found not guilty on three more counts.")
    assert tally.relative and tally.subject == frozenset({"holmes"})
    [tally] = find_tallies("Holmes was found not guilty on three counts.")
    assert not tally.relative and tally.subject == frozenset({"holmes"})
    [tally] = find_tallies("She was found not guilty on three counts.")
    assert tally.subject == frozenset()


# Durations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("The outage lasted for nearly six hours.", [True]),
        ("The blackout continued for 7 hours till it ended.", [True]),
        ("After more than six hours, the sites were restored.", [True]),
        ("The jury heard three months of testimony.", [True]),
        ("After an almost four-month long trial, she was convicted.", [True]),
        ("After a three-month-long trial, she was convicted.", [True]),
        ("The jurors in this 15-week trial met.", [True]),
        ("It happened two weeks ago.", [False]),
        ("They meet again in three days.", [False]),
        ("Three days later they met.", [False]),
        ("The 37-year-old founder faces up to 20 years in prison.", [False]),
        ("He was freed two hours after the others.", [False]),
        ("It was the third day of talks.", [False]),
        ("The boy, two years of age, was found.", [False]),
        ("A six-hour-old baby was found.", [False]),  # an age
    ],
)
def test_a_duration_written_as_a_span(text: str, spans: list[bool]) -> None:
    numbers = [n for n in find_numbers(text) if n.unit != "year-old"]
    assert [is_duration_span(text, n) for n in numbers] == spans


def test_how_a_span_is_worded_and_its_hedge() -> None:
    text = "It lasted for nearly six hours, a six-hour outage, after six hours of talks."
    numbers = find_numbers(text)
    assert [span_cue(text, n) for n in numbers] == ["for", "compound", "after"]
    assert [hedged_text(text, n) for n in numbers] == ["nearly six hours", "six-hour", "six hours"]
