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
        ("quote", 0.9, 0.7),  # measured 13/14, 13/18
        ("quote-trimmed", 0.9, 0.85),  # measured 9/9, 9/10
        ("quote-paraphrased", 0.9, 0.5),  # measured 3/3, 3/6
        ("number", 0.4, 0.14),  # measured 2/5, 2/14
    ],
)
def test_drift_floors(drift_score: DriftScore, kind: str, precision: float, recall: float) -> None:
    assert drift_score.precision(kind) >= precision, drift_score.false_alarms
    assert drift_score.recall(kind) >= recall, drift_score.missed


def test_no_date_or_name_false_alarm_beyond_the_measured_one(drift_score: DriftScore) -> None:
    assert drift_score.reported["date"] - drift_score.true["date"] == 0
    assert (
        drift_score.reported["name"] - drift_score.true["name"] <= 1
    )  # measured 1 ("Gen Rabei" in the next paragraph)
