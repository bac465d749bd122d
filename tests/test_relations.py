"""Relations with evidence on hand-made versions of one story: versions, rewrites,
independent reports; dates, agency markers and growing tolls; the measures' names."""

from __future__ import annotations

from reader.corpus import document_from_text
from reader.evidence import agency_markers, document_dates, verbatim_sentences
from reader.measures import percent
from reader.overview import build_overview

LEAD = [
    "A powerful earthquake struck the High Atlas mountains late on Friday, the interior ministry said.",
    "Rescuers dug through the rubble of collapsed houses in remote villages through the night.",
    "The quake was felt as far away as Marrakech, where residents fled into the streets in panic.",
    "King Mohammed VI ordered the army to send search teams and field hospitals to the region.",
    "Aid agencies said mountain roads blocked by rockfalls were slowing the arrival of help.",
]


def doc(name: str, *paragraphs: str):
    return document_from_text("\n\n".join(paragraphs) + "\n", name=name)


def test_update_with_a_higher_toll_is_the_later_version() -> None:
    first = doc("a.txt", "Quake kills hundreds", "RABAT (Reuters) - The quake killed 296 people and injured 153, officials said.",
                *LEAD[:4], "It was the strongest quake to hit the country in more than a century, seismologists said.")
    later = doc("b.txt", "Quake toll rises", "RABAT (Reuters) - The quake killed 820 people and injured 672, officials said.",
                *LEAD[:4], "Spain and Britain offered to send rescue teams with sniffer dogs on Saturday.",
                "Hospitals in Marrakech called on residents to give blood for the hundreds of injured.")
    other = doc("c.txt", "Cricket", "The home side won the toss and batted first on a dry pitch at the stadium.")
    overview = build_overview([first, later, other])
    a, b, c = overview.relations
    assert (a.kind, a.direction) == ("version", "earlier") and (b.kind, b.direction) == ("version", "later")
    assert any("296" in reason for reason in a.evidence) and "4 sentences verbatim" in b.evidence
    assert c.kind == "unrelated"
    assert overview.original == 0
    assert {f.members for f in overview.families} == {(0, 1), (2,)}


def test_a_rewrite_cites_the_agency_and_the_wire_copy_is_its_source() -> None:
    wire = doc("wire.txt", "Quake kills hundreds", "RABAT (Reuters) - The quake killed 296 people, officials said.", *LEAD)
    rewrite = doc(
        "site.txt", "Hundreds dead in Morocco quake",
        "According to Reuters, the earthquake left 296 people dead, the authorities said.",
        "A strong quake hit the High Atlas range late on Friday, said the ministry of the interior.",
        "Through the night rescuers were digging in the ruins of fallen houses in far-off villages.",
        "Residents of Marrakech, where the tremor was felt, ran into the streets in fear.",
        "The king told the army to send search teams and field hospitals to the area.",
    )
    overview = build_overview([wire, rewrite])
    source, derived = overview.relations
    assert (source.kind, derived.kind) == ("source", "rewrite")
    assert "cites Reuters" in derived.evidence and "the other is agency copy it cites" in derived.evidence
    assert derived.describe(["wire", "site"]).startswith(("likely rewrite of wire:", "possibly rewrite of wire:"))


def test_dates_from_datelines_and_metadata() -> None:
    dated = doc("a.txt", "Title here", "Published: September 9, 2023 3:05 pm", "Updated: Sept. 10, 2023 8:00 am", "Body text.")
    dates = document_dates(dated)
    assert (dates.published, dates.updated, dates.latest) == ("2023-09-09 15:05", "2023-09-10 08:00", "2023-09-10 08:00")
    plain = document_from_text("July 18, 2023\n\nBody text of the story.\n", name="b.txt")
    assert document_dates(plain).published == (plain.date or None)


def test_agency_markers() -> None:
    markers = agency_markers(doc("a.txt", "WASHINGTON (AP) — The bank failed.", "(Reporting by Jane Doe; Editing by Tom Roe)",
                                 "Bloomberg reports that the regulators met."))
    assert markers.wire == {"AP"} and markers.cited == {"Bloomberg"} and markers.reporting_by
    assert agency_markers(doc("b.txt", "The apple harvest was poor this year in the valley.")).all == frozenset()


def test_verbatim_share_of_the_shorter_text() -> None:
    shared = verbatim_sentences(["one two three four five six"] * 1, ["one two three four five six", "x y z a b c"])
    assert (shared.shared, shared.share) == (1, 1.0)


def test_a_draft_with_edited_facts_never_reads_100_percent() -> None:
    assert percent(0.996) == "99.6%" and percent(0.9996) == ">99.9%" and percent(1.0) == "100%"


def test_provenance_says_which_version_a_passage_first_appears_in() -> None:
    from reader.provenance import build_provenance

    wire = doc("wire.txt", "Quake kills hundreds", "RABAT (Reuters) - The quake killed 296 people, officials said.", *LEAD)
    site = doc("site.txt", "Hundreds dead in Morocco quake",
               "According to Reuters, the earthquake left 296 people dead, the authorities said.", *LEAD[:3],
               "The football league postponed the weekend's matches as a mark of respect.")
    provenance = build_provenance(site, [site, wire])
    assert provenance.chronology == (wire, site)
    lead = next(p.index for p in site.paragraphs if p.text == LEAD[0])
    assert provenance.first_seen(lead) is wire
    added = next(p.index for p in site.paragraphs if p.text.startswith("The football"))
    assert provenance.first_seen(added) is site
