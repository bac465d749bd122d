"""A few snapshots of the look (80x24 and 160x48); behaviour is tested in test_app.py.

Regenerate after a deliberate change of the look, then check the report:
``.venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.corpus import load_document
from tests.conftest import ROOT, SEED_NAMES
from tests.helpers import deterministic, settle


@pytest.fixture(autouse=True)
def in_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative paths, so the screens show ``seeds`` wherever the checkout lives."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)


def pair(left: int, right: int) -> ReaderApp:
    """The app opened directly on two seeds."""
    return deterministic(ReaderApp(pair=(load_document(f"seeds/{SEED_NAMES[left]}"), load_document(f"seeds/{SEED_NAMES[right]}"))))


def test_library_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down")

    assert snap_compare(deterministic(ReaderApp("seeds")), terminal_size=(80, 24), run_before=run_before)


def test_compare_80x24_at_a_change(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("n", "n")

    assert snap_compare(pair(0, 1), terminal_size=(80, 24), run_before=run_before)


def test_compare_160x48_merge(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("n")

    assert snap_compare(pair(0, 2), terminal_size=(160, 48), run_before=run_before)
