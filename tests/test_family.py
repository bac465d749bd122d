"""The multi-source views: overview (similarity and relations) and provenance."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.corpus import Document, document_from_text, load_folder
from reader.exporters.family import overview_json, overview_text, provenance_json, provenance_text, short_names
from reader.overview import build_overview
from reader.provenance import build_provenance
from tests.conftest import ROOT, SEEDS


def seeds() -> list[Document]:
    return list(load_folder(SEEDS).documents)


def test_overview_relates_rewrites_and_independent_reports() -> None:
    documents = seeds()
    overview = build_overview(documents)
    kinds = {d.name[:3]: r.kind for d, r in zip(documents, overview.relations)}
    assert kinds["001"] == "rewrite" and kinds["000"] == "source"
    assert kinds["003"] == "independent" and kinds["004"] == "independent"
    assert documents[overview.original].name.startswith("000")
    # symmetric, in 0..1, and a rewrite pair is more alike than independent reports
    assert overview.similarity(0, 1) == overview.similarity(1, 0) > overview.similarity(3, 4) > 0
    assert overview.similarity(2, 2) == 1.0


def test_near_copies_and_unrelated_documents() -> None:
    story = "Kerry meets Wang Yi in Beijing for climate talks\n\n" + "\n\n".join(
        f"Paragraph {n} says envoys discussed coal emissions targets number {n} at length today." for n in range(8)
    )
    copy = story.replace("at length", "at great length", 1)
    other = "Recipes for autumn soups\n\nPumpkin, ginger and carrot make a warming bowl for cold evenings.\n"
    documents = [document_from_text(t, name=n) for t, n in ((story, "a.txt"), (copy, "b.txt"), (other, "c.txt"))]
    overview = build_overview(documents)
    assert [r.kind for r in overview.relations] == ["near-copy", "near-copy", "unrelated"]
    assert build_overview(documents[:1]).relations[0].kind == "alone"
    assert build_overview([]).original is None


def test_dates_decide_which_way_a_rewrite_goes() -> None:
    body = "\n\n".join(
        f"Officials said the plan number {n} would cut emissions by {n} percent soon." for n in range(10)
    )
    old = document_from_text("Plan unveiled\n\nPublished: July 1, 2023\n\n" + body, name="old.txt")
    new = document_from_text(
        "Plan unveiled\n\nPublished: July 9, 2023\n\n" + body.replace("soon", "later"), name="new.txt"
    )
    relations = build_overview([old, new]).relations
    assert relations[1].kind in ("rewrite", "near-copy")
    if relations[1].kind == "rewrite":
        assert relations[0].kind == "source"


def test_provenance_collates_every_base_paragraph() -> None:
    documents = seeds()
    provenance = build_provenance(documents[0], documents)
    assert len(provenance.sources) == 4 and len(provenance.cells) == len(documents[0].paragraphs)
    headline = next(i for i in provenance.content)
    # every source with a headline carries it; 002 has none, and a headline pairs only with a
    # headline (issue 14 item 5), not with the lede that 002 opens with
    assert provenance.paragraph_coverage(headline) == 3 and provenance.cells[headline][1].status == "absent"
    assert all(
        cell.status == "absent"
        for i, p in enumerate(documents[0].paragraphs)
        if p.is_boilerplate
        for cell in provenance.cells[i]
    )
    assert 0.5 < provenance.source_coverage(0) <= 1 and provenance.source_coverage(3) < 0.3
    for column, comparison in enumerate(provenance.comparisons):
        for index in provenance.content:
            cell = provenance.cells[index][column]
            if cell.row is not None:
                assert index in comparison.rows[cell.row].left
    assert provenance.extras and all(extra.places for extra in provenance.extras)


def test_text_and_json_outputs() -> None:
    documents = seeds()
    overview = build_overview(documents)
    text = overview_text(overview, width=80)
    assert "rewrite of 000" in text and "likely original: 000" in text
    data = json.loads(overview_json(overview))
    assert data["format"] == "reader.overview/1" and len(data["relations"]) == 5 and data["original"] == 0
    provenance = build_provenance(documents[0], documents)
    assert "cov." in provenance_text(provenance, width=80)
    data = json.loads(provenance_json(provenance))
    assert data["format"] == "reader.provenance/1" and len(data["paragraphs"]) == len(documents[0].paragraphs)


def test_short_names_stay_unique() -> None:
    documents = [document_from_text("x\n", name=n) for n in ("report-a.txt", "report-b.txt", "z.txt")]
    assert short_names(documents) == ["report-a", "report-b", "z.txt"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=ROOT)


def test_provenance_credits_a_sentence_carried_in_another_paragraph() -> None:
    """A base paragraph that the source dropped as a paragraph, but whose sentence it moved
    into another paragraph, is *elsewhere* there (not absent), with the paragraph named."""
    filler = [
        "The harbour authority published its annual report on shipping volumes today.",
        "Fishermen complained about the new quotas imposed by the regional council.",
        "A local bakery won the national prize for its sourdough bread again.",
        "The museum reopened its east wing after a long renovation of the roof.",
        "Volunteers planted four hundred trees along the river during the weekend.",
    ]
    # the source restates the base's figure in a paragraph of its own, far from the rest
    dropped = (
        "Relatives gathered at the terminal, waiting for news from the ministry. The airline said 149 "
        "passengers and eight crew members were thought to be on board."
    )
    restated = (
        "A flight carrying 149 passengers and eight crew members went down shortly after takeoff, the "
        "transport ministry confirmed late on Sunday evening."
    )
    base = document_from_text("\n\n".join([*filler[:3], dropped, *filler[3:]]) + "\n", name="base.txt")
    source = document_from_text("\n\n".join([restated, *filler]) + "\n", name="source.txt")
    other = document_from_text("\n\n".join(filler) + "\n", name="other.txt")
    provenance = build_provenance(base, [base, source, other], chronology=[base, source, other])
    comparison = provenance.comparisons[0]
    assert comparison.rows[comparison.row_of("left", 3)].right == ()  # no row carries it
    cell = provenance.cells[3][0]
    assert (cell.status, cell.glyph, cell.elsewhere) == ("elsewhere", "↪", (0,))
    assert cell.row == comparison.row_of("right", 0)
    assert provenance.cells[3][1].status == "absent" and provenance.cells[3][1].elsewhere == ()
    assert provenance.paragraph_coverage(3) == 1 and provenance.source_coverage(0) == 1.0
    assert provenance.first_seen(3) is base
    data = json.loads(provenance_json(provenance))
    assert data["paragraphs"][3]["cells"][0] == {
        "status": "elsewhere",
        "row": cell.row,
        "similarity": 0.0,
        "elsewhere": [0],
    }
    assert "↪ elsewhere" in provenance_text(provenance).splitlines()[1]


def test_cli_overview_and_provenance() -> None:
    result = run("overview", "seeds", "--width", "80")
    assert result.returncode == 0 and "independent report" in result.stdout
    result = run("provenance", "seeds", "--base", "002_2639744c3032569b.txt", "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["base"]["path"].endswith("002_2639744c3032569b.txt")


def test_cli_family_errors(tmp_path: Path) -> None:
    (tmp_path / "only.txt").write_text("One document\n\nAlone here.\n")
    for args, message in (
        (("overview", str(tmp_path)), "needs at least two readable documents"),
        (("overview", str(tmp_path / "missing")), "no such folder"),
        (("provenance", "seeds", "--base", "nope.txt"), "nope.txt: not a readable document in seeds"),
        (("overview", "seeds", "--force"), "--force only applies with -o FILE"),
    ):
        result = run(*args)
        assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
