"""The relation rules for weak evidence: rewrites that reword every sentence, the agency
credit a rewrite drops, and texts whose only content is their headline."""

from __future__ import annotations

from reader.corpus import document_from_text
from reader.evidence import agency_markers, content_indices, exclusive_shared, short_phrases
from reader.overview import build_overview


def doc(name: str, *paragraphs: str):
    return document_from_text("\n\n".join(paragraphs) + "\n", name=name)


ORIGINAL = doc(
    "original.txt",
    "Cathedral fire",
    "A catastrophic fire has engulfed the world-famous cathedral in the old city, toppling its spire and "
    "threatening the wooden frame of the building.",
    "The city fire chief said it is unclear if firefighters will be able to keep the blaze from spreading "
    "to the second tower and belfry, causing more destruction.",
    "The president is at the scene of the fire and is meeting senior police officers near the river.",
    "The deputy mayor said the emergency services were trying to salvage the art stored in the building.",
)
REWORDED = doc(
    "reworded.txt",
    "Spire collapses in cathedral blaze",
    "A catastrophic fire has ripped through the iconic cathedral in the old city, bringing down the spire "
    "and the roof in scenes that shocked onlookers.",
    "Officials were not sure whether crews would be able to keep the flames away from the second tower "
    "and belfry, which would mean more destruction.",
    "Crowds gathered on the bridges along the river to watch the smoke rise over the rooftops.",
)
INDEPENDENT = doc(
    "independent.txt",
    "Blaze at historic church",
    "Flames tore through the roof of the historic church on Monday evening while crowds watched from the "
    "bridges along the river.",
    "Hundreds of firefighters fought the blaze into the night, officials said, and the spire fell shortly "
    "before eight o'clock.",
    "Church officials said relics and paintings had been carried out of the building before the roof caught.",
)


def test_short_phrases_keep_runs_with_two_content_words_outside_quotes() -> None:
    text = doc(
        "a.txt", "Head", 'He said "second tower and belfry" as the fire spread to the second tower, and it was over.'
    )
    phrases = short_phrases(text)
    assert hash(("spread", "to", "the", "second")) in phrases  # two content words
    assert hash(("fire", "spread", "to", "the")) in phrases
    assert hash(("tower", "and", "it", "was")) not in phrases  # one content word
    assert hash(("second", "tower", "and", "belfry")) not in phrases  # quoted


def test_phrases_leave_out_quotes_closed_with_two_apostrophes_or_opened_with_two_commas() -> None:
    text = doc(
        "a.txt",
        "Head",
        "The crew felt an “intense vibration over the wing.'' Then the pilots felt the plane drop, and "
        "the captain said ,,we will land at the nearest airport soon'' to the passengers.",
    )
    phrases = short_phrases(text)
    assert hash(("vibration", "over", "the", "wing")) not in phrases  # “…''
    assert hash(("land", "at", "the", "nearest")) not in phrases  # ,,…''
    assert hash(("pilots", "felt", "the", "plane")) in phrases  # between the quotes


def test_exclusive_phrases_leave_out_what_a_third_document_has() -> None:
    assert exclusive_shared({1, 2, 3}, {1, 2, 3, 4}, []) == 3
    assert exclusive_shared({1, 2, 3}, {1, 2, 3, 4}, [{1}, {2, 9}]) == 1
    assert exclusive_shared({1}, {2}, [{1}]) == 0


def test_a_rewrite_that_rewords_every_sentence_is_still_a_rewrite() -> None:
    overview = build_overview([ORIGINAL, REWORDED, INDEPENDENT])
    source, rewrite, independent = overview.relations
    names = ["original", "reworded", "independent"]
    assert (rewrite.kind, rewrite.neighbour) == ("rewrite", 0), rewrite.describe(names)
    assert (source.kind, source.neighbour) == ("source", 1), source.describe(names)
    assert rewrite.verbatim == 0
    assert any("four-word phrases that no other document has" in reason for reason in rewrite.evidence)
    assert "0 sentences verbatim" in rewrite.evidence
    assert rewrite.confidence < 0.6  # weak evidence, said as "possibly"
    assert rewrite.describe(names).startswith("possibly rewrite of original: ")
    assert independent.kind in ("independent", "unrelated"), independent.describe(names)


def test_runs_that_a_third_document_also_has_come_from_a_common_source() -> None:
    common_source = doc(
        "agency.txt",
        "Cathedral burns",
        "A catastrophic fire has engulfed the cathedral in the old city. The fire chief said firefighters "
        "may not be able to keep the blaze from the second tower and belfry, causing more destruction.",
    )
    overview = build_overview([ORIGINAL, REWORDED, common_source])
    rewrite = overview.relations[1]
    assert not any("four-word phrases" in reason for reason in rewrite.evidence), rewrite.evidence


def test_two_retellings_of_one_agency_report_are_not_rewrites_of_each_other() -> None:
    retelling = doc(REWORDED.name, *(p.text for p in REWORDED.paragraphs), "The AP reported that the roof was lost.")
    overview = build_overview([ORIGINAL, retelling, INDEPENDENT])
    relation = overview.relations[1]
    assert relation.kind == "independent", relation.evidence
    assert relation.confidence < 0.6  # "possibly": the shared wording is said, not hidden
    assert any(reason.endswith("likely from the AP report they retell") for reason in relation.evidence)


def test_the_text_that_keeps_the_agency_credit_is_the_earlier() -> None:
    lede = (
        "Salvage teams on Monday finally freed the colossal container ship stuck for nearly a week in the "
        "canal, ending a crisis that had clogged one of the world's most vital waterways."
    )
    wire = doc("wire.txt", "Canal reopens", lede, "Tugboats escort the freed ship on Monday. (Canal Authority via AP)")
    rewrite = doc(
        "site.txt",
        "Ships sail again through the canal",
        "Passage through the canal resumed on Monday evening after salvage teams freed a colossal container ship "
        "stuck in the waterway for nearly a week.",
        "Navigation restarted at 6pm local time, the head of the canal authority said at a news conference.",
        "Dozens of ships soon followed, marking the end of a crisis that had clogged one of the world's most "
        "vital waterways.",
        "The first ship to leave the canal was a sister ship of almost the same length and tonnage.",
    )
    source, derived = build_overview([wire, rewrite]).relations
    assert (source.kind, derived.kind) == ("source", "rewrite"), (source.evidence, derived.evidence)
    assert "the other names no agency" in source.evidence
    assert "names no agency; the other credits AP" in derived.evidence


def test_a_text_whose_only_paragraph_is_its_headline_still_has_evidence() -> None:
    # an excerpt cut off before its first full stop reads as a headline
    lede = (
        "RABAT (Reuters) - A powerful earthquake struck the High Atlas mountains late on Friday, killing "
        "296 people and injuring 153 in remote villages, the interior ministry said on…"
    )
    take = doc("take.txt", lede)
    assert take.title == lede and content_indices(take) == [0]
    update = doc(
        "update.txt",
        "Quake kills hundreds in Morocco",
        lede,
        "Rescuers dug through the rubble of collapsed houses in remote villages through the night.",
        "The quake was felt as far away as Marrakech, where residents fled into the streets in panic.",
    )
    first, second = build_overview([take, update]).relations
    assert (first.aligned, first.paragraphs) == (1, 1), first.evidence
    assert first.kind in ("version", "near-copy"), first.evidence
    assert "1 sentence verbatim" in first.evidence or first.kind == "near-copy"


def test_a_text_of_cruft_only_is_read_whole() -> None:
    cruft = doc("cruft.txt", "Photo: AP", "Follow us on Twitter")
    assert [cruft.paragraphs[i].is_boilerplate for i in content_indices(cruft)] == [True, True]


def test_two_documents_alone_are_never_rewrites_by_reworded_runs() -> None:
    source, rewrite = build_overview([ORIGINAL, REWORDED]).relations
    assert (source.kind, rewrite.kind) == ("independent", "independent"), rewrite.evidence


def test_source_tags_are_retellings() -> None:
    tagged = doc("digest.txt", "Canal reopens", "Shipping resumed in the canal on Monday. [Reuters, CNN]")
    assert agency_markers(tagged).retold == {"Reuters", "CNN"}
    assert agency_markers(doc("blog.txt", "Spire falls", "The spire fell on Monday.", "Source: CNN")).retold == {"CNN"}
    assert not agency_markers(doc("note.txt", "Head", "Source: the ministry, not CNN.")).retold


def test_a_digest_that_retells_the_agency_is_a_rewrite_of_its_copy() -> None:
    wire = doc(
        "wire.txt",
        "ISMAILIA, Egypt (Reuters) - The canal will reopen for shipping traffic in both directions on Monday "
        "evening after a giant container ship which had been blocking the waterway for almost a week was "
        "refloated, with more than 400 ships waiting to pass through.",
        "The canal authority's chairman said the channel was navigable after the 400-metre vessel was freed "
        "undamaged earlier on Monday.",
    )
    digest = doc(
        "digest.txt",
        "Shipping resumes in canal after grounded ship refloated",
        "Shipping traffic resumed in the canal on Monday after tugboats managed to refloat the massive "
        "container ship, which had wedged across the waterway, blocking it for nearly a week. The chairman "
        "said the backlog of ships would be cleared within days. [Reuters]",
    )
    unrelated = doc("other.txt", "Cricket", "The home side won the toss and batted first on a dry pitch.")
    source, rewrite, _ = build_overview([wire, digest, unrelated]).relations
    assert (source.kind, rewrite.kind) == ("source", "rewrite"), (source.evidence, rewrite.evidence)
    assert rewrite.confidence == 0.5 and "0 sentences verbatim" in rewrite.evidence
    assert "the other is agency copy it cites" in rewrite.evidence
