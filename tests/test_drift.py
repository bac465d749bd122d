"""Fact drift: the extractors, each kind of disagreement (and what must stay silent), the
seeds, the labelled precision floors, and ``reader drift`` on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.compare import Comparison, compare
from reader.corpus import Document, document_from_text
from reader.drift import Disagreement, drift, drift_folder
from reader.facts import extract_facts
from reader.overview import default_base
from tests.gold.drift_precision import labels, precision_by_kind, reported

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def pair(left: str, right: str) -> Comparison:
    """Compare two one-paragraph texts; they must align as one row."""
    comparison = compare(document_from_text(left, name="left.txt"), document_from_text(right, name="right.txt"))
    assert any(row.left and row.right for row in comparison.rows)
    return comparison


def kinds(left: str, right: str) -> list[tuple[str, str]]:
    return [(item.kind, item.detail) for item in drift(pair(left, right))]


# Extraction ------------------------------------------------------------------------------


def test_numbers_with_units_scales_and_words() -> None:
    facts = extract_facts(
        "They burned 4.5 billion tonnes, 3 days after 12% of $20 loans; "
        "two envoys came for the third time in 2023, not in the 1970s, after COVID-19."
    )
    assert [(n.text, n.value, n.unit, n.ordinal) for n in facts.numbers] == [
        ("4.5 billion tonnes", 4.5e9, "tonne", False),
        ("3 days", 3.0, "day", False),
        ("12%", 12.0, "percent", False),
        ("$20 loans", 20.0, "$ loan", False),
        ("two envoys", 2.0, "envoy", False),
        ("third time", 3.0, "time", True),
        ("2023", 2023.0, "(year)", False),
    ]


def test_one_as_a_pronoun_is_no_number() -> None:
    assert extract_facts("No one knows which one of them left.").numbers == ()


def test_dates_weekdays_days_and_months() -> None:
    facts = extract_facts("On Tuesday, July 18, 2023, talks began; they last met in March. May they meet on 4 June.")
    assert [(d.text, d.granularity, d.value) for d in facts.dates] == [
        ("Tuesday", "weekday", "tuesday"),
        ("July 18, 2023", "day", "07-18"),
        ("March", "month", "03"),
        ("4 June", "day", "06-04"),
    ]
    assert [n.value for n in facts.numbers] == []  # the day and year belong to the date


def test_names_skip_sentence_initial_common_words() -> None:
    text = "Ties have hit a low. Kerry met Wang Yi in Beijing. Contacts with Beijing resumed."
    assert [n.text for n in extract_facts(text).names] == ["Wang Yi", "Beijing", "Beijing"]


def test_a_sentence_initial_name_counts_when_the_context_vouches_for_it() -> None:
    facts = extract_facts("Kerry met Wang.", context="Officials said Kerry met Wang. Kerry met Wang.")
    assert [n.text for n in facts.names] == ["Kerry", "Wang"]


def test_headline_words_need_mid_sentence_evidence() -> None:
    text = "Climate Envoy John Kerry Holds Talks With Chinese Officials\n\nOn Monday John Kerry flew in."
    assert [n.text for n in extract_facts(text).names] == ["John Kerry", "John Kerry"]


def test_names_compare_without_case_possessive_or_dots() -> None:
    (first,), (second,) = extract_facts("It was Kerry’s visit.").names, extract_facts("It was KERRY's visit.").names
    assert first.tokens == second.tokens == ("kerry",)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("“We are ready,” Wang said.", "We are ready,", "Wang"),
        ("“We are ready,” said Wang Yi.", "We are ready,", "Wang Yi"),
        ("Wang, the foreign minister, said the sides are “ready to talk.”", "ready to talk.", "Wang"),
        ("“Big steps,” Kerry, a former senator, told Li.", "Big steps,", "Kerry"),
        ("“Talks went well,” Bloomberg reported Xie as saying.", "Talks went well,", "Xie"),
        ("The talks were “useful,” according to Mao Ning.", "useful,", "Mao Ning"),
        ("“We are ready,” he said.", "We are ready,", None),
        ('Kerry left. Officials called it a "fresh start" for ties.', "fresh start", None),
    ],
)
def test_quotes_and_speakers(text: str, quote: str, speaker: str | None) -> None:
    (found,) = extract_facts(text).quotes
    assert (found.text, found.speaker) == (quote, speaker)
    assert text[found.span[0] + 1 : found.span[1] - 1] == quote


# Each kind -------------------------------------------------------------------------------

PLACE = " during talks in Beijing with the envoy on climate policy."


def test_number_changed_with_the_same_unit() -> None:
    assert kinds(
        "Officials said China burned 4.5 billion tonnes of coal last year.",
        "Officials said China burned 4.6 billion tonnes of coal last year.",
    ) == [("number", "4.5 billion tonnes → 4.6 billion tonnes")]


def test_percent_and_year_changes() -> None:
    assert kinds(
        "Emissions from coal plants rose 5% last year, the agency said in its report.",
        "Emissions from coal plants rose 6 percent last year, the agency said in its report.",
    ) == [("number", "5% → 6 percent")]
    assert kinds(
        "China has pledged to peak carbon dioxide emissions by 2030, officials said.",
        "China has pledged to peak carbon dioxide emissions by 2035, officials said.",
    ) == [("number", "2030 → 2035")]


def test_same_numbers_written_differently_are_silent() -> None:
    assert (
        kinds(
            "The envoy spent three days in Beijing, where 4.5 billion tonnes of coal and 50% of power were debated.",
            "The envoy spent 3 days in Beijing, where 4,500 million tonnes of coal and 50 percent of power were debated.",
        )
        == []
    )


def test_numbers_of_different_things_are_silent() -> None:
    assert (
        kinds(
            "Kerry spent three days in Beijing and met two officials from the foreign ministry.",
            "Kerry spent four hours in Beijing and met three senior figures from the climate team.",
        )
        == []
    )


def test_dates_that_moved() -> None:
    assert kinds(
        "Officials said Kerry met Wang Yi on Tuesday in Beijing for talks.",
        "Officials said Kerry met Wang Yi on Wednesday in Beijing for talks.",
    ) == [("date", "Tuesday → Wednesday")]
    assert kinds(
        "The talks in Beijing between Kerry and Wang began on July 18, officials said.",
        "The talks in Beijing between Kerry and Wang began on July 19, officials said.",
    ) == [("date", "July 18 → July 19")]


def test_weekdays_of_different_events_are_silent() -> None:
    assert (
        kinds(
            "Bloomberg reported Xie as saying on Monday that officials gathered for talks in Beijing.",
            "Kerry, who arrived on Sunday, is the third senior White House official to visit Beijing for talks.",
        )
        == []
    )


def test_weekday_of_another_event_in_the_same_row_is_silent() -> None:
    assert (
        kinds(
            "The quake struck on Friday night near Marrakech, and officials gave a toll of 296 dead.",
            "The quake struck late at night near Marrakech, and officials said on Saturday that 296 died.",
        )
        == []
    )


def test_wrong_weekday_of_the_same_event_is_reported() -> None:
    assert kinds(
        "The powerful quake struck the High Atlas on Saturday night, officials said in Rabat.",
        "The powerful quake struck the High Atlas on Sunday night, officials said in Rabat.",
    ) == [("date", "Saturday → Sunday")]


def test_tolls_that_grow_are_reported() -> None:
    assert kinds(
        "The earthquake killed 296 people and injured 153, the interior ministry said.",
        "The earthquake killed 800 people and injured 672, the interior ministry said.",
    ) == [("number", "296 people → 800 people"), ("number", "153 → 672")]
    assert kinds(
        "The earthquake killed at least 800 people, the interior ministry said on state television.",
        "The earthquake killed at least 1,000 people, the interior ministry said on state television.",
    ) == [("number", "800 people → 1,000 people")]


def test_name_one_letter_off() -> None:
    assert kinds(
        "Kerry praised his counterpart Xie Zhenhua for the talks held in Beijing on climate.",
        "Kerry praised his counterpart Xie Zhenzhua for the talks held in Beijing on climate.",
    ) == [("name", "Xie Zhenhua → Xie Zhenzhua")]


@pytest.mark.parametrize(
    ("left_name", "right_name"),
    [
        ("BEIJING", "Beijing"),  # case only
        ("Kerry’s", "Kerry"),  # possessive
        ("Xi", "Li"),  # too short to call a misspelling
        ("Iran", "Iraq"),
        ("Democrat", "Democrats"),  # plural
        ("Defence Ministry", "Defense Ministry"),  # British/American spelling
        ("Austria", "Australia"),
    ],
)
def test_names_that_are_not_misspellings_are_silent(left_name: str, right_name: str) -> None:
    assert (
        kinds(
            f"Officials said {left_name} took part in the talks held on climate policy.",
            f"Officials said {right_name} took part in the talks held on climate policy.",
        )
        == []
    )


def test_names_in_one_side_only_are_silent() -> None:
    assert (
        kinds(
            "Kerry met Wang Yi in Beijing on Monday to discuss climate policy and coal plants.",
            "Kerry met Wang Yi and Premier Li Qiang in Beijing on Monday to discuss climate policy and coal.",
        )
        == []
    )


def test_quote_trimmed() -> None:
    assert kinds(
        "“We can find a proper solution to any problems if we keep talking,” Wang said" + PLACE,
        "“We can find a proper solution to any problems,” Wang said" + PLACE,
    ) == [("quote-trimmed", "right quotes 9 of the 13 words of left")]


def test_quote_trimmed_with_an_ellipsis() -> None:
    assert kinds(
        "“We can find a proper solution to any problems if we keep talking,” Wang said" + PLACE,
        "“We can find a proper solution … if we keep talking,” Wang said" + PLACE,
    ) == [("quote-trimmed", "right quotes 10 of the 13 words of left")]


def test_quote_altered() -> None:
    assert kinds(
        "“We can find a proper solution to any problems,” Wang said" + PLACE,
        "“We can find a good solution to all problems,” Wang said" + PLACE,
    ) == [("quote-altered", "“proper” → “good”; “any” → “all”")]


def test_quote_spun_with_synonyms_in_the_same_frame() -> None:
    assert kinds(
        "Climate change is a “universal threat” that no country can face alone, Kerry said" + PLACE,
        "Climate change is a “universal fear” that no country can face alone, Kerry said" + PLACE,
    ) == [("quote-altered", "“threat” → “fear”")]
    left = (
        "“We have the ability to come together and make a difference with respect to climate,” "
        "Kerry told reporters" + PLACE
    )
    right = (
        "“We have the capacity to come together and create a change with consideration to climate,” "
        "Kerry told reporters" + PLACE
    )
    assert [kind for kind, _ in kinds(left, right)] == ["quote-altered"]


def test_different_quotes_of_one_speaker_are_not_spun_copies() -> None:
    assert (
        kinds(
            "“The talks were frank and useful,” Kerry told reporters" + PLACE,
            "“We still disagree on coal,” Kerry told reporters" + PLACE,
        )
        == []
    )


@pytest.mark.parametrize(
    "text",
    [
        "The pilots felt an \"intense vibration.'' Officials said the jet turned back to the airport.",
        "The pilots felt an “intense vibration.'' Officials said the jet turned back to the airport.",
        "The pilots felt an ,,intense vibration.'' Officials said the jet turned back to the airport.",
        "The pilots felt an „intense vibration.“ Officials said the jet turned back to the airport.",
        "The pilots felt an « intense vibration. » Officials said the jet turned back to the airport.",
    ],
)
def test_quote_marks_of_every_kind(text: str) -> None:
    (quote,) = extract_facts(text).quotes
    assert quote.text.rstrip(". ") == "intense vibration"
    assert kinds(text, text.replace("Officials", "Aviation officials")) == []


def test_quote_attributed_to_someone_else() -> None:
    assert kinds(
        "“Small problems can become big problems,” Wang said" + PLACE,
        "“Small problems can become big problems,” Li Qiang said" + PLACE,
    ) == [("quote-attribution", "Wang → Li Qiang")]


def test_same_quote_and_speaker_named_differently_is_silent() -> None:
    assert (
        kinds(
            "“Small problems can become big problems,” Wang said" + PLACE,
            "“Small problems can become big problems,” said Wang Yi" + PLACE,
        )
        == []
    )


def test_quote_paraphrased_both_ways() -> None:
    quoted = "Wang said dialogue must be conducted on an “equal basis” in future talks with Washington."
    unquoted = "Wang said dialogue must be conducted on an equal basis in future talks with Washington."
    assert kinds(quoted, unquoted) == [("quote-paraphrased", "quoted in left, unquoted in right (2 of 2 words)")]
    assert kinds(unquoted, quoted) == [("quote-paraphrased", "quoted in right, unquoted in left (2 of 2 words)")]


def test_quote_words_scattered_in_the_other_side_are_no_paraphrase() -> None:
    assert (
        kinds(
            "Wang said “dialogue matters” before the two sides met in Beijing on climate policy.",
            "Wang and Kerry met in Beijing for dialogue on climate policy; both sides said the talks mattered.",
        )
        == []
    )


def test_a_quote_the_other_document_quotes_elsewhere_is_no_paraphrase() -> None:
    left = document_from_text(
        "Kerry met Wang Yi in Beijing for talks.\n\nWang said dialogue needs an “equal basis” now."
    )
    right = document_from_text(
        "Wang said dialogue needs an equal basis now, in Beijing.\n\n"
        "An “equal basis” was his phrase, aides said later that week in a statement."
    )
    comparison = compare(left, right)
    assert [item.kind for item in drift(comparison)] == []


def test_same_facts_reworded_give_nothing() -> None:
    assert (
        kinds(
            "On Tuesday, Kerry told Wang Yi in Beijing that the U.S. wanted “stable ties” after three weeks.",
            "Kerry told Wang Yi in Beijing on Tuesday that the U.S. wanted “stable ties” after 3 weeks of silence.",
        )
        == []
    )


def test_items_carry_the_row_spans_and_paragraphs() -> None:
    comparison = pair(
        "Officials said Kerry met Wang Yi on Tuesday in Beijing for 3 days of talks on 45 tonnes of coal.",
        "Officials said Kerry met Wang Yi on Friday in Beijing for 3 days of talks on 47 tonnes of coal.",
    )
    items = drift(comparison)
    assert [item.kind for item in items] == ["date", "number"]  # in text order
    for item in items:
        row = comparison.rows[item.row]
        assert (item.left_paragraphs, item.right_paragraphs) == (row.left, row.right)
        left_text = comparison.side_text(row, "left")
        assert left_text[item.left_span[0] : item.left_span[1]] in item.left
        assert item.detail.split(" → ")[0] == left_text[item.left_span[0] : item.left_span[1]]


def test_same_rows_and_one_sided_rows_give_nothing() -> None:
    text = "Officials said Kerry met Wang Yi on Tuesday in Beijing for three days of talks."
    comparison = compare(document_from_text(text), document_from_text(text + "\n\nAn added paragraph with 2030 in it."))
    assert drift(comparison) == []


# Seeds -----------------------------------------------------------------------------------


def seed_drift(seed_docs: dict[str, Document], left: str, right: str) -> list[Disagreement]:
    return drift(compare(seed_docs[left], seed_docs[right]))


def test_seed_misspelt_envoy(seed_docs: dict[str, Document]) -> None:
    items = seed_drift(seed_docs, "000", "002")
    names = [item for item in items if item.kind == "name"]
    assert [item.detail for item in names] == ["Xie Zhenhua → Xie Zhenzhua"]
    assert names[0].left_paragraphs == (26,) and names[0].right_paragraphs == (3,)


def test_seed_quotes_dropped_into_prose(seed_docs: dict[str, Document]) -> None:
    items = seed_drift(seed_docs, "000", "001")
    assert {item.kind for item in items} == {"quote-paraphrased"}
    assert any("“equal basis.”" in item.left and "on an equal basis" in item.right for item in items)
    assert any("proper solution" in item.left and "suitable solutions" in item.right for item in items)


def test_seed_quote_of_xinhua_paraphrased_in_the_rewrite(seed_docs: dict[str, Document]) -> None:
    items = seed_drift(seed_docs, "002", "003")
    assert any(
        "good sign for preventing" in item.right
        and "positive sign for preventing" in item.left
        and item.detail.startswith("quoted in right")
        for item in items
    )


def test_seed_independent_reports_raise_no_false_weekday(seed_docs: dict[str, Document]) -> None:
    assert seed_drift(seed_docs, "003", "004") == []
    assert seed_drift(seed_docs, "000", "003") == []


def test_default_base_is_the_wire_story(seed_docs: dict[str, Document]) -> None:
    documents = list(seed_docs.values())
    assert default_base(documents) is seed_docs["000"]
    results = drift_folder(documents, seed_docs["000"])
    assert [document.name[:3] for document, _ in results] == ["001", "002", "003", "004"]


def test_default_base_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        default_base([])


# Precision on the seeds ------------------------------------------------------------------

PRECISION_FLOORS = {"name": 0.99, "quote-paraphrased": 0.83}
"""Measured 1.00 (2/2 names, 6/6 paraphrased quotes); one new false alarm in either fails."""


LABELLED_AFTER_THE_GOLD = {
    "002-003 name: Xie Zhenzhua → Xie Zhenhua :: … issues. He commended Kerry and his Chinese cou": {
        "true": True,
        "reason": "002 misspells China's climate envoy Xie Zhenhua as 'Xie Zhenzhua'; 003 spells it right "
        "(two paragraphs of different rows: the name pass now reads the whole documents)",
    },
    "002-003 quote-paraphrased: quoted in right, reported speech in left (6 of 15 words) :: Xinhua stressed that compartmentalizing cooperat": {
        "true": True,
        "reason": "003 quotes Xinhua ('compartmentalize cooperation with — or competition and suppression against — "
        "China ... unrealistic ... unacceptable'); 002 says it as reported speech ('Xinhua stressed that "
        "compartmentalizing ...'), found in session 6 by the speaker's reported-speech rule",
    },
}
"""Seed items first reported in session 5 (names compared across rows), read and labelled then,
after the gold file was fixed: kept here, apart from tests/gold, for the integrator to review."""


def test_every_reported_seed_item_is_labelled_and_precision_holds() -> None:
    found, labelled = reported(), {**labels(), **LABELLED_AFTER_THE_GOLD}
    assert not [key for key in found if key not in labelled], "label them: python -m tests.gold.drift_precision --label"
    precision = precision_by_kind(list(found), labelled)
    for kind, floor in PRECISION_FLOORS.items():
        true, total = precision[kind]
        assert total and true / total >= floor, (kind, true, total)
    for kind, (true, total) in precision.items():
        assert true == total or kind in PRECISION_FLOORS, (kind, true, total)


def test_labelled_true_seed_items_are_still_found() -> None:
    found, labelled = reported(), labels()
    assert [key for key, label in labelled.items() if label["true"] and key not in found] == []


# Command line ----------------------------------------------------------------------------


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "drift", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def test_cli_text() -> None:
    result = run(seed("000"), seed("002"), "--width", "80")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("base: ") and seed("000").name in lines[0]
    assert "name · row 24 · ¶27 → ¶4" in lines  # 000's headline is a row of its own (issue 14 item 5)
    assert "  Xie Zhenhua → Xie Zhenzhua" in lines
    assert all(len(line) <= 80 for line in lines)


def test_cli_json_and_exit_zero_without_disagreements() -> None:
    result = run(seed("003"), seed("004"), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "reader.drift/1" and data["base"].endswith(seed("003").name)
    assert [source["items"] for source in data["sources"]] == [[]]


def test_cli_folder_json() -> None:
    result = run(SEEDS, "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["base"].endswith(seed("000").name)
    assert len(data["sources"]) == 4
    item = next(item for source in data["sources"] for item in source["items"] if item["kind"] == "name")
    assert set(item) == {"kind", "row", "left_paragraphs", "right_paragraphs", "left", "right", "detail"}
    # 000--002: 000's headline is a row of its own (issue 14 item 5), so this row is one later
    assert (item["row"], item["left_paragraphs"], item["right_paragraphs"]) == (23, [26], [3])


def test_cli_folder_with_a_base() -> None:
    result = run(SEEDS, "--base", seed("003").name)
    assert result.returncode == 1, result.stderr
    assert seed("003").name in result.stdout.splitlines()[0]
    assert seed("000").name in result.stdout.splitlines()[2]


def test_cli_output_file_is_atomic_and_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "drift.json"
    assert run(seed("000"), seed("002"), "--format", "json", "-o", target).returncode == 1
    written = target.read_text(encoding="utf-8")
    assert json.loads(written)["sources"][0]["items"]
    again = run(seed("000"), seed("001"), "-o", target)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert target.read_text(encoding="utf-8") == written
    assert run(seed("000"), seed("001"), "-o", target, "--force").returncode == 1
    assert target.read_text(encoding="utf-8").startswith("base:")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("seeds/missing.txt", "seeds/also-missing.txt"), "no such file"),
        (("seeds", "--base", "nope.txt"), "--base nope.txt: not a readable document in seeds"),
        ((str(seed("000")), str(seed("001")), "--base", "x"), "--base only applies to a folder"),
        ((str(seed("000")),), "give two files, or one folder"),
        ((str(seed("000")), str(seed("001")), "--force"), "--force only applies with -o FILE"),
    ],
)
def test_cli_trouble(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_cli_hostile_text_is_sanitized(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Officials said Kerry met Xie Zhenhua\x1b]0;pwn\x07 in Beijing for talks on climate.\n"
    )
    (tmp_path / "b.txt").write_text(
        "Officials said Kerry met Xie Zhenzhua\x1b]0;pwn\x07 in Beijing for talks on climate.\n"
    )
    result = run(tmp_path / "a.txt", tmp_path / "b.txt")
    assert result.returncode == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "␛]0;pwn␇" in result.stdout


def test_folder_of_one_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Just one document here.\n")
    result = run(tmp_path)
    assert result.returncode == 2 and "needs at least two readable documents" in result.stderr


# Hedges, units, differences (reader.facts) -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("with more than 400 ships waiting", "at least"),
        ("after nearly six hours of outage", "nearly"),
        ("as many as 113 ships will pass", "at most"),
        ("some 31 miles south of the capital", "about"),
        ("the 113 ships will pass", ""),
    ],
)
def test_figures_carry_their_hedge(text: str, hedge: str) -> None:
    assert [n.hedge for n in extract_facts(text).numbers] == [hedge]


def test_differences_ages_and_adjectives() -> None:
    numbers = extract_facts(
        "Rescuers were two hours faster; the 37-year-old coach counted 32 different nationalities "
        "and three more counts."
    ).numbers
    assert [(n.text, n.unit, n.relative) for n in numbers] == [
        ("two hours", "hour", True),
        ("37-year-old", "year-old", False),
        ("32 different nationalities", "nationality", False),
        ("three", "", True),
    ]


def test_units_of_measure_convert_and_hedges_bound() -> None:
    (miles,) = extract_facts("some 31 miles south").numbers
    assert miles.measure is not None and miles.measure[0] == "length"
    assert miles.measure[1] == pytest.approx(49_889.7, abs=1)
    low, high = miles.bounds()
    assert low < 49_889.7 < high < 62_000
    (nearly,) = extract_facts("nearly six hours").numbers
    assert nearly.bounds() == pytest.approx((5.1, 6.0))
    (count,) = extract_facts("four counts").numbers
    assert count.measure is None and count.bounds() == (4.0, 4.0)


# Hedged, converted and relative figures in a row -----------------------------------------


def test_a_hedged_figure_that_allows_the_other_is_silent() -> None:
    assert (
        kinds(
            "The canal authority said a backlog of 422 ships waiting to pass would be cleared in days.",
            "The canal authority said more than 400 ships waiting to pass would be cleared in days.",
        )
        == []
    )


def test_nearly_is_a_little_under() -> None:
    assert kinds(
        "The outage of the three platforms lasted for 7 hours on Monday, the company said.",
        "The outage of the three platforms lasted for nearly six hours on Monday, the company said.",
    ) == [("number", "7 hours → six hours")]


def test_lengths_in_two_systems_are_converted() -> None:
    assert kinds(
        "The plane crashed near Bishoftu, some 31 miles south of Addis Ababa, the airline said.",
        "The plane crashed near Bishoftu, 62 kilometres south of Addis Ababa, the airline said.",
    ) == [("number", "31 miles → 62 kilometres")]
    assert (
        kinds(
            "The 400-metre container ship Ever Given was freed on Monday by the salvage teams.",
            "The 437-yard container ship Ever Given was freed on Monday by the salvage teams.",
        )
        == []
    )


def test_a_span_of_hours_and_one_of_days_are_not_one_figure() -> None:
    assert (
        kinds(
            "Rescuers spent about 11 hours on the mission to bring the boys out of the cave.",
            "Rescuers spent two days on the mission to bring the boys out of the cave.",
        )
        == []
    )


def test_a_difference_is_not_held_against_an_amount() -> None:
    assert (
        kinds(
            "Rescuers spent about 11 hours on the mission to bring the second group out.",
            "Rescuers were two hours faster on the mission to bring the second group out.",
        )
        == []
    )


def test_a_figure_about_another_thing_of_the_kind_is_silent() -> None:
    assert (
        kinds(
            "The first ship to leave the canal was the 224,000-tonne container ship, officials said.",
            "The first ship to leave the canal was the 200,000-tonne sister ship, officials said.",
        )
        == []
    )


# Across rows and links -------------------------------------------------------------------

OTHER_NEWS = [
    "The harbour authority published its annual report on shipping volumes today.",
    "Fishermen complained about the new quotas imposed by the regional council.",
    "A local bakery won the national prize for its sourdough bread again.",
    "The museum reopened its east wing after a long renovation of the roof.",
]


def _document(paragraphs: list[str], name: str) -> Document:
    return document_from_text("\n\n".join(paragraphs) + "\n", name=name)


def _rows_apart(comparison: Comparison, item: Disagreement) -> bool:
    rows = {n for n, row in enumerate(comparison.rows) for i in row.left if i in item.left_paragraphs}
    other = {n for n, row in enumerate(comparison.rows) for j in row.right if j in item.right_paragraphs}
    return not rows & other


def test_a_count_of_one_thing_in_two_rows_is_held_against_the_other() -> None:
    left = _document(
        [
            *OTHER_NEWS[:2],
            "An airline spokesperson said the victims were of 32 different nationalities.",
            *OTHER_NEWS[2:],
        ],
        "a.txt",
    )
    right = _document([*OTHER_NEWS, "The passengers were from 35 nations, the airline said."], "b.txt")
    comparison = compare(left, right)
    items = drift(comparison)
    assert [(item.kind, item.detail, item.left_paragraphs, item.right_paragraphs) for item in items] == [
        ("number", "32 different nationalities → 35 nations", (2,), (4,))
    ]
    assert _rows_apart(comparison, items[0])


def test_counts_in_two_rows_that_share_no_words_are_silent() -> None:
    left = _document(
        [*OTHER_NEWS[:2], "Divers counted 19 boats near the island.", *OTHER_NEWS[2:], "Officials found 7 boats."],
        "a.txt",
    )
    right = _document(
        [*OTHER_NEWS, "The navy sank 12 boats in the storm.", "Fishermen own 30 boats in the bay."], "b.txt"
    )
    assert drift(compare(left, right)) == []


def test_a_sentence_moved_to_the_next_paragraph_is_compared_along_its_link() -> None:
    moved = "State television said the fire burned for {} hours near the airport runway on Sunday."
    left = _document([*OTHER_NEWS[:2], OTHER_NEWS[2] + " " + moved.format(5), OTHER_NEWS[3]], "a.txt")
    right = _document([*OTHER_NEWS[:3], moved.format(9) + " " + OTHER_NEWS[3]], "b.txt")
    comparison = compare(left, right)
    assert [(link.left, link.right) for link in comparison.links] == [(2, 3)]
    items = drift(comparison)
    assert [(item.kind, item.detail, item.left_paragraphs, item.right_paragraphs) for item in items] == [
        ("number", "5 hours → 9 hours", (2,), (3,))
    ]
    item = items[0]
    assert left.paragraphs[2].text[slice(*item.left_span)] == "5 hours"
    assert right.paragraphs[3].text[slice(*item.right_span)] == "9 hours"


def test_a_misspelt_name_in_a_linked_sentence_is_reported_once() -> None:
    moved = "State television said {} inspected the burning wreckage near the airport runway."
    left = _document(
        [*OTHER_NEWS[:2], OTHER_NEWS[2] + " " + moved.format("Zhenhua"), OTHER_NEWS[3], "Later Zhenhua left."], "a.txt"
    )
    right = _document(
        [*OTHER_NEWS[:3], moved.format("Zhenzhua") + " " + OTHER_NEWS[3], "Later Zhenzhua left."], "b.txt"
    )
    items = drift(compare(left, right))
    assert [(item.kind, item.detail, item.left_paragraphs, item.right_paragraphs) for item in items] == [
        ("name", "Zhenhua → Zhenzhua", (2,), (3,))
    ]


def test_a_misspelt_name_in_another_row_needs_a_shared_word() -> None:
    left = _document(
        [*OTHER_NEWS[:2], "Navigation restarted at 6pm, said Lt Gen Osama Rabei, the canal chief.", *OTHER_NEWS[2:]],
        "a.txt",
    )
    right = _document([*OTHER_NEWS, "Canal chair Osama Rabie said the ship came out intact."], "b.txt")
    assert [(item.kind, item.detail) for item in drift(compare(left, right))] == [("name", "Osama Rabei → Osama Rabie")]
    right = _document([*OTHER_NEWS, "Canal chair Rabie said the ship came out intact."], "b.txt")
    assert drift(compare(left, right)) == []


def test_a_spelling_the_other_document_also_writes_is_no_misspelling() -> None:
    left = _document([*OTHER_NEWS[:2], "Lt Gen Osama Rabei spoke.", *OTHER_NEWS[2:]], "a.txt")
    right = _document([*OTHER_NEWS, "Osama Rabie said the ship came out intact; Rabei agreed."], "b.txt")
    assert drift(compare(left, right)) == []


def test_months_of_one_event_in_two_rows() -> None:
    left = _document(
        [
            *OTHER_NEWS[:2],
            "Johnson will remain caretaker until September, when the Tories elect his replacement.",
            *OTHER_NEWS[2:],
        ],
        "a.txt",
    )
    right = _document(
        [*OTHER_NEWS, "The Tories will elect a replacement for Johnson by the conference in early October."], "b.txt"
    )
    assert [(item.kind, item.detail) for item in drift(compare(left, right))] == [("date", "September → October")]
    right = _document([*OTHER_NEWS, "The climate conference will be held in Dubai in October."], "b.txt")
    assert drift(compare(left, right)) == []


def test_two_statements_cast_in_one_formula_are_not_one_quote_altered() -> None:
    assert (
        kinds(
            "The company tweeted on Monday: “We’re working to get things back to normal as quickly as possible, "
            "and we apologize for any inconvenience.”",
            "The company tweeted on Monday: “We’re working to get things back to normal and will send an update "
            "here as soon as possible. Thanks for your patience!”",
        )
        == []
    )


def test_a_quote_said_as_reported_speech_in_another_row() -> None:
    left = _document(
        [
            *OTHER_NEWS[:2],
            "“I have agreed with the chairman that the process of choosing that new leader should begin now,” Mr Johnson said.",
            *OTHER_NEWS[2:],
        ],
        "a.txt",
    )
    right = _document(
        [*OTHER_NEWS, "During his speech, the PM said the process to find a new leader should begin now."], "b.txt"
    )
    items = drift(compare(left, right))
    assert [(item.kind, item.left_paragraphs, item.right_paragraphs) for item in items] == [
        ("quote-paraphrased", (2,), (4,))
    ]
    assert items[0].detail.startswith("quoted in left, unquoted in right")


def test_names_in_a_quote_are_no_paraphrase_in_another_row() -> None:
    left = _document(
        [
            *OTHER_NEWS[:2],
            "Kerry said Biden “values his relationship with President Xi Jinping and looks forward to change.”",
            *OTHER_NEWS[2:],
        ],
        "a.txt",
    )
    right = _document(
        [*OTHER_NEWS, "President Biden and President Xi Jinping announced no relationship plans for state visits."],
        "b.txt",
    )
    assert drift(compare(left, right)) == []


def test_model_designations_that_differ_in_a_part() -> None:
    left = _document(
        [*OTHER_NEWS[:2], "The Boeing 737-800 MAX took off at 08:38.", *OTHER_NEWS[2:], "It was a Boeing 737 jet."],
        "a.txt",
    )
    right = _document(
        [*OTHER_NEWS, "The Boeing 737 MAX 8 jetliner crashed.", "Another Boeing 737 MAX 8 was grounded."], "b.txt"
    )
    assert [
        (item.kind, item.detail, item.left_paragraphs, item.right_paragraphs) for item in drift(compare(left, right))
    ] == [("name", "Boeing 737-800 MAX → Boeing 737 MAX 8", (2,), (4,))]


@pytest.mark.parametrize(
    ("left_model", "right_model"),
    [
        ("Boeing 737", "Boeing 737 MAX 8"),  # less precise, not different
        ("Boeing 737-8 MAX", "Boeing 737 Max-8"),  # one designation written two ways
        ("Chapter 11", "Chapter 7"),  # nothing in common: two things
        ("Boeing 737-800", "Airbus 737-8"),  # two makers
    ],
)
def test_model_designations_that_agree_or_name_two_things_are_silent(left_model: str, right_model: str) -> None:
    left = _document([*OTHER_NEWS[:2], f"The {left_model} took off.", *OTHER_NEWS[2:]], "a.txt")
    right = _document([*OTHER_NEWS, f"The {right_model} crashed."], "b.txt")
    assert drift(compare(left, right)) == []


def test_places_of_one_region_named_differently() -> None:
    left = _document(["SAN JOSE, Calif. — A jury found the founder guilty.", *OTHER_NEWS], "a.txt")
    right = _document(["SAN JUAN, California — A jury found the founder guilty.", *OTHER_NEWS], "b.txt")
    assert [(item.kind, item.detail) for item in drift(compare(left, right))] == [("name", "SAN JOSE → SAN JUAN")]
    right = _document(["PALO ALTO, California — A jury found the founder guilty.", *OTHER_NEWS], "b.txt")
    assert drift(compare(left, right)) == []


def test_a_measure_is_agreed_only_by_a_measure() -> None:
    # "four" also counts charges in the other text, and "over 50 hours" is open-ended in another unit
    assert kinds(
        "After an almost four-month long trial, Holmes was found guilty on four charges of fraud.",
        "After a three-month-long trial, Holmes was found guilty on four charges of fraud; jurors met over 50 hours.",
    ) == [("number", "four-month → three-month")]
    assert (
        kinds(
            "The 430-foot Ever Given was refloated on Monday by the salvage teams in the canal.",
            "The 131-meter Ever Given was refloated on Monday by the salvage teams in the canal.",
        )
        == []
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "B", " ", "\n", "\u00a0", "\u2028", "x" * 90, "é"]), max_size=30).map("".join),
    st.integers(min_value=0, max_value=3000),
)
def test_the_word_before_a_figure_is_read_from_a_window_with_the_same_result(text: str, position: int) -> None:
    from reader.facts import _word_before

    position = min(position, len(text))
    before = text[:position].split()
    assert _word_before(text, position) == (before[-1].casefold() if before else "")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([" ", "-", " - ", "more", "faster", "hours", "2", "x", "\n"]), max_size=12).map("".join),
    st.integers(min_value=0, max_value=200),
)
def test_a_figure_followed_by_a_comparative_is_read_without_copying_the_rest(text: str, end: int) -> None:
    from reader.facts import COMPARATIVES, FACT_WORD_RE, _relative

    end = min(end, len(text))
    after = FACT_WORD_RE.match(text, len(text) - len(text[end:].lstrip(" -")))  # the old reading
    assert _relative(text, "", end) == (bool(after) and after.group().casefold() in COMPARATIVES)


# Quotes restated, moved, unmarked or reported by their speaker (session 6) ----------------


def test_one_statement_of_one_speaker_translated_two_ways_is_altered() -> None:
    assert [
        kind
        for kind, _ in kinds(
            "Fire chief Jean Dupont said “we are not sure we are capable of stopping the spreading” to the north tower.",
            "Fire chief Jean Dupont said “We need to win this battle. We are not sure if we will be able to stop the "
            "spreading of the flames to the north tower.”",
        )
    ] == ["quote-altered"]


def test_two_statements_of_one_speaker_are_not_restated() -> None:
    assert (
        kinds(
            "Fire chief Jean Dupont said “we are not sure the old roof beams will hold tonight” at the cathedral.",
            "Fire chief Jean Dupont said “We need more trucks and more water. The crews are tired.” at the cathedral.",
        )
        == []
    )


def test_one_wording_given_to_two_speakers_is_not_restated() -> None:
    assert "quote-altered" not in [
        kind
        for kind, _ in kinds(
            "Mayor Anne Roy said “we are not sure we are capable of stopping the spreading of the fire” tonight.",
            "Fire chief Jean Dupont warned “We need help. We are not sure if we will be able to stop the "
            "spreading of the flames.” Crews worked on.",
        )
    ]


def test_quote_marks_moved_to_other_words_of_one_sentence() -> None:
    assert kinds(
        "Mr Lee said it is “clearly the will” of the party members to replace him" + PLACE,
        "Lee accepted that it was the “will of the party members” that he should go" + PLACE,
    ) == [("quote-trimmed", "left quotes 3 of the 5 words of right")]


def test_marks_around_words_the_other_sentence_does_not_say_have_not_moved() -> None:
    assert (
        kinds(
            "Mr Lee said it is “clearly the will” of the voters that he must go" + PLACE,
            "Lee accepted that it was the “will of the party members” that he should go" + PLACE,
        )
        == []
    )


def test_marks_moved_across_rows_need_one_speaker() -> None:
    left = _document(
        [*OTHER_NEWS[:2], "Mr Lee said it is “clearly the will” of the party members to replace him.", *OTHER_NEWS[2:]],
        "a.txt",
    )
    right = _document(
        [*OTHER_NEWS, "He accepted that it was the “will of the party members” that Lee should go, Ms Tan said."],
        "b.txt",
    )
    assert [item.kind for item in drift(compare(left, right)) if item.kind.startswith("quote")] == []
    right = _document(
        [*OTHER_NEWS, "Lee accepted that it was the “will of the party members” that he should go."], "b.txt"
    )
    items = [item for item in drift(compare(left, right)) if item.kind.startswith("quote")]
    assert [(item.kind, item.left_paragraphs, item.right_paragraphs) for item in items] == [
        ("quote-trimmed", (2,), (4,))
    ]


POST = "We are working to get things back to normal and will post an update here as soon as we can."
OUTAGE = "The messaging app went down worldwide on Monday for millions of its users in Europe and Asia. "


def test_a_quote_the_other_side_gives_without_marks() -> None:
    assert kinds(
        OUTAGE + "We are aware that some people cannot reach the app right now. " + POST,
        OUTAGE + f"The company added: “{POST} Thanks for your patience!”",
    ) == [("quote-trimmed", "quoted in right, unquoted in left (20 of 24 words verbatim)")]


def test_two_statements_opening_with_one_formula_are_not_unmarked_quotes() -> None:
    assert (
        kinds(
            OUTAGE + "We are aware that some people cannot reach the app right now. We are working to get things "
            "back to normal as quickly as possible and we apologize for the trouble.",
            OUTAGE + f"The company added: “{POST} Thanks for your patience!”",
        )
        == []
    )


def test_words_of_a_quotation_the_quote_finder_could_not_pair_are_not_unmarked() -> None:
    assert (
        kinds(
            OUTAGE + "The company added, “We are aware of it. " + POST.replace(" and will", "\nand will") + "”",
            OUTAGE + f"The company added: “{POST} Thanks for your patience!”",
        )
        == []
    )


REPORTED = "Fire chief Jean Dupont said it was unclear if crews could keep the fire from spreading to the north tower."


def test_a_quote_its_speaker_is_reported_as_saying_in_other_words() -> None:
    assert kinds(
        REPORTED,
        "Jean Dupont, speaking outside, said “we are not sure we can stop the spreading” to the north tower.",
    ) == [("quote-paraphrased", "quoted in right, reported speech in left (1 of 3 words)")]


def test_a_speaker_named_outside_the_clause_of_saying_is_not_reported() -> None:
    assert (
        kinds(
            "Jean Dupont met the mayor; the crews said the fire was spreading to the north tower.",
            "Jean Dupont, speaking outside, said “we are not sure we can stop the spreading” to the north tower.",
        )
        == []
    )


def test_a_speaker_quoted_on_both_sides_is_not_reported_speech() -> None:
    assert "quote-paraphrased" not in [
        kind
        for kind, _ in kinds(
            REPORTED + " “We need more trucks,” Dupont said.",
            "Jean Dupont, speaking outside, said “we are not sure we can stop the spreading” to the north tower.",
        )
    ]


def test_words_of_a_paragraph_that_opens_inside_a_quotation_are_not_unmarked() -> None:
    assert (
        kinds(
            OUTAGE + f'fixing it," the spokesman added. "We know. {POST} Thanks."',  # straight marks pair wrongly
            OUTAGE + f"The company added: “{POST} Thanks for your patience!”",
        )
        == []
    )


def test_a_speaker_reported_as_saying_something_else_is_no_paraphrase() -> None:
    assert (
        kinds(
            "Mayor Anne Roy said “the bridge will reopen next week” to the council.",
            "Mayor Anne Roy said the bridge had cost far too much to the council.",
        )
        == []
    )


# Tallies of an outcome and durations in other words (session 6) ---------------------------


def _number_items(left: list[str], right: list[str]) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    items = drift(compare(_document(left, "a.txt"), _document(right, "b.txt")))
    return [(item.detail, item.left_paragraphs, item.right_paragraphs) for item in items if item.kind == "number"]


VERDICT = "The jury in the fraud trial returned its verdict in the federal court on Monday."


def test_an_acquittal_counted_with_other_words_and_a_sum_is_reported() -> None:
    left = [VERDICT, *OTHER_NEWS[:2], "Holmes, meanwhile, was acquitted of three charges, including one of conspiracy."]
    right = [
        VERDICT,
        "Holmes was found not guilty on three additional charges of fraud and one charge of conspiracy.",
        *OTHER_NEWS[:2],
    ]
    assert _number_items(left, right) == [
        (
            "acquitted of three charges → not guilty on three additional charges of fraud and one charge (4 in all)",
            (3,),
            (1,),
        )
    ]


def test_the_same_tally_in_other_words_is_silent() -> None:
    left = [VERDICT, "Holmes was acquitted of four counts and convicted of four out of 11 counts."]
    right = [
        VERDICT,
        "Holmes was found guilty on three counts of wire fraud and one count of conspiracy.",
        "She was found not guilty on three more counts of fraud and another count of conspiracy.",
    ]
    assert _number_items(left, right) == []


@pytest.mark.parametrize(
    "right",
    [
        "Balwani was acquitted of two charges.",  # another defendant
        "Holmes was convicted of two charges.",  # another outcome
        "Holmes was acquitted of two charges of fraud. She was also acquitted of two more charges.",  # 2 + 2
    ],
)
def test_tallies_of_other_people_outcomes_or_the_same_sum_are_silent(right: str) -> None:
    left = [VERDICT, "Holmes was acquitted of four charges, her lawyers said."]
    assert _number_items(left, [VERDICT, right]) == []


OUTAGE = "Facebook, Instagram and WhatsApp went down worldwide on Monday for millions of users."


def test_one_duration_in_other_words_in_two_rows_is_reported() -> None:
    left = [OUTAGE, *OTHER_NEWS[:2], "The blackout of services continued for 7 hours until the sites recovered."]
    right = [OUTAGE, "The outage lasted for nearly six hours, engineers said.", *OTHER_NEWS[:2]]
    assert _number_items(left, right) == [("7 hours → nearly six hours", (3,), (1,))]


@pytest.mark.parametrize(
    ("left_text", "right_text"),
    [
        # the same span, hedged or rounded
        ("The blackout of services continued for more than six hours.", "It was a six-hour outage, engineers said."),
        ("After three months of testimony the jury retired.", "After a three-month-long trial, the jury retired."),
        # points in time, not spans
        ("The sites came back three hours later.", "The outage lasted for six hours, engineers said."),
        # another unit: durations are compared in one unit only
        ("The jurors sat through a 15-week trial.", "After an almost four-month long trial, the jury retired."),
    ],
)
def test_durations_that_agree_or_are_no_spans_are_silent(left_text: str, right_text: str) -> None:
    assert _number_items([OUTAGE, *OTHER_NEWS[:2], left_text], [OUTAGE, right_text, *OTHER_NEWS[:2]]) == []


def test_a_document_with_two_durations_of_a_unit_is_not_held_to_one() -> None:
    left = [
        OUTAGE,
        *OTHER_NEWS[:2],
        "The blackout continued for 7 hours.",
        "Shares fell for two hours before they recovered.",
    ]
    right = [OUTAGE, "The outage lasted for nearly six hours, engineers said.", *OTHER_NEWS[:2]]
    assert _number_items(left, right) == []


def test_hedged_figures_that_cannot_both_be_true_are_reported() -> None:
    assert kinds(
        "The outage lasted for more than six hours across the world, engineers said on Monday.",
        "The outage lasted for nearly six hours across the world, engineers said on Monday.",
    ) == [("number", "more than six hours → nearly six hours")]


@pytest.mark.parametrize(
    ("left_hedge", "right_hedge"),
    [("at least", "up to"), ("more than", ""), ("", "nearly"), ("more than", "about"), ("over", "more than")],
)
def test_hedged_figures_that_can_both_be_true_are_silent(left_hedge: str, right_hedge: str) -> None:
    sentence = "The outage lasted for {} six hours across the world, engineers said on Monday."
    assert kinds(sentence.format(left_hedge), sentence.format(right_hedge)) == []


# Days named from the page's own date (session 6) ------------------------------------------

DATED = "Outage hits the social network\n\nOctober 5, 2021\n\n"  # 5 October 2021 was a Tuesday


def _date_details(left: str, right: str) -> list[str]:
    comparison = compare(document_from_text(left), document_from_text(right))
    return [item.detail for item in drift(comparison) if item.kind == "date"]


def test_today_on_a_dated_page_is_held_against_the_weekday_of_the_same_event() -> None:
    left = DATED + "Facebook, Instagram and WhatsApp went down with widespread outages today, engineers said."
    right = "Users said Facebook, Instagram and WhatsApp went down in widespread outages on Monday, engineers said."
    assert _date_details(left, right) == ["today (= Tuesday 5 October, by its date) → Monday"]
    assert _date_details(right, left) == ["Monday → today (= Tuesday 5 October, by its date)"]


def test_yesterday_names_the_day_before_the_page_date() -> None:
    left = DATED + "Facebook, Instagram and WhatsApp went down with widespread outages yesterday, engineers said."
    right = "Users said Facebook, Instagram and WhatsApp went down in widespread outages on Monday, engineers said."
    assert _date_details(left, right) == []  # yesterday of Tuesday 5 October is Monday


@pytest.mark.parametrize(
    ("left", "why"),
    [
        ("Facebook, Instagram and WhatsApp went down with widespread outages today, engineers said.", "no date"),
        (
            DATED + "Facebook, Instagram and WhatsApp went down with widespread outages today, as in 2023.",
            "the text names a later year than its date: the date is another page's",
        ),
        (
            DATED + "“Facebook, Instagram and WhatsApp went down with widespread outages today,” engineers said.",
            "a speaker's today is the speaker's day",
        ),
        (
            DATED + "Facebook, Instagram and WhatsApp will be back from the widespread outages today, engineers said.",
            "a plan dates no event that happened",
        ),
    ],
)
def test_today_is_not_resolved_when_it_cannot_be_trusted(left: str, why: str) -> None:
    right = "Users said Facebook, Instagram and WhatsApp went down in widespread outages on Monday, engineers said."
    assert _date_details(left, right) == [], why


def test_today_against_the_same_day_or_another_event_is_silent() -> None:
    left = DATED + "Facebook, Instagram and WhatsApp went down with widespread outages today, engineers said."
    same_day = "Users said Facebook, Instagram and WhatsApp went down in widespread outages on Tuesday, engineers said."
    other_event = "The company's shares fell on Monday as investors weighed a whistleblower's testimony."
    assert _date_details(left, same_day) == []
    assert _date_details(left, other_event) == []
