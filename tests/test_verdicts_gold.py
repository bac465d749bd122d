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
    [  # labels read for the pair in either order (the scorer's default)
        ("quote", 0.95, 0.9),  # measured 19/19, 19/20 (14/14, 14/20 before session 6's quote rules)
        ("quote-trimmed", 0.9, 0.9),  # measured 11/11, 11/11 (9/9, 9/11 before)
        ("quote-paraphrased", 0.9, 0.65),  # measured 4/4, 4/6
        ("number", 0.95, 0.85),  # measured 16/16, 16/18 (8/8, 8/18 before session 6's tallies and durations)
        ("date", 0.9, 0.8),  # measured 4/4, 4/5 with the blind date labels (1/1, 1/2 of the first labels)
        ("name", 0.95, 0.65),  # measured 11/11, 11/16
    ],
)
def test_drift_floors(drift_score: DriftScore, kind: str, precision: float, recall: float) -> None:
    assert drift_score.precision(kind) >= precision, drift_score.false_alarms
    assert drift_score.recall(kind) >= recall, drift_score.missed


def test_every_number_date_and_name_reported_is_labelled(drift_score: DriftScore) -> None:
    for group in ("number", "date", "name"):
        assert drift_score.true[group] == drift_score.reported[group], drift_score.false_alarms
