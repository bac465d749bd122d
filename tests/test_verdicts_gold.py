"""Floors on the hand-labelled real coverage (tests/gold/verdict_labels.json, scored by
``python -m tests.gold.verdicts``): relations, families and fact drift per kind.

The floors are the figures measured when the labels were first scored against the tuned
rules, less a small margin; the issue's targets (relations >= 90 %, drift precision >= 0.9
and recall >= 0.8 per kind) are not all met, and the figures below say where they stand.
"""

from __future__ import annotations

import pytest

from tests.gold.verdicts import DriftScore, RelationScore, score_drift, score_relations
from tests.realpages import requires_realpages

pytestmark = requires_realpages


@pytest.fixture(scope="module")
def relations() -> RelationScore:
    return score_relations()


@pytest.fixture(scope="module")
def drift_score() -> DriftScore:
    return score_drift()


def test_relations_floor(relations: RelationScore) -> None:
    # measured 53/55 = 0.96 (development stories 36/37, held-out 17/18); 48/55 before the
    # reworded-rewrite, dropped-credit and retold-agency rules
    assert relations.right / relations.total >= 0.9, relations.misses


def test_every_story_is_one_family(relations: RelationScore) -> None:
    assert relations.families_pure, relations.family_note


def test_labels_still_name_the_same_paragraphs(drift_score: DriftScore) -> None:
    assert drift_score.stale == []


@pytest.mark.parametrize(
    ("kind", "precision", "recall"),
    [
        ("quote", 0.95, 0.75),  # measured 14/14, 14/18
        ("quote-trimmed", 0.9, 0.85),  # measured 9/9, 9/10
        ("quote-paraphrased", 0.9, 0.65),  # measured 4/4, 4/6
        ("number", 0.7, 0.4),  # measured 6/8, 6/14 (the two others are labelled, the pair named the other way round)
        ("date", 0.9, 0.5),  # measured 1/1, 1/2
    ],
)
def test_drift_floors(drift_score: DriftScore, kind: str, precision: float, recall: float) -> None:
    assert drift_score.precision(kind) >= precision, drift_score.false_alarms
    assert drift_score.recall(kind) >= recall, drift_score.missed


def test_no_date_or_name_false_alarm_beyond_the_measured_ones(drift_score: DriftScore) -> None:
    assert drift_score.reported["date"] - drift_score.true["date"] == 0
    assert drift_score.reported["name"] - drift_score.true["name"] <= 8  # measured 8, each a label of the reversed pair


def test_every_number_date_and_name_reported_is_labelled_one_way_or_the_other() -> None:
    # The scorer reads a label only for the pair as the story lists it (left, right); a few
    # labels name the pair the other way round. Read both ways, no item is a false alarm.
    score = score_drift(labels_both_ways=True)
    for group in ("number", "date", "name"):
        assert score.true[group] == score.reported[group], score.false_alarms
    assert score.found["name"] >= 11 and score.found["number"] >= 8, score.missed  # measured 11/16 and 8/18
