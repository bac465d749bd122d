"""A few snapshots of the look (80x24 and 160x48); behaviour is tested in test_app.py.

Regenerate after a deliberate change of the look, then check the report:
``.venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter
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
    return deterministic(
        ReaderApp(pair=(load_document(f"seeds/{SEED_NAMES[left]}"), load_document(f"seeds/{SEED_NAMES[right]}")))
    )


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


def test_compare_80x24_sentence_in_another_row(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """A sentence that crossed a paragraph break: ↪ in the gutter, the sentence in the link
    style at this end, and "1 sentence also in row 4" in the status line."""
    from tests.test_app import _linked_pair

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("n")

    assert snap_compare(ReaderApp(pair=_linked_pair()), terminal_size=(80, 24), run_before=run_before)


class SixteenColours(LineFilter):
    """What a 16-colour terminal shows: every colour mapped to the nearest of the 16, as Rich
    does when it writes to the terminal (the SVG export would otherwise keep full colour)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """Map each segment's colours to the 16-colour palette."""
        return [
            Segment(text, None if style is None else _standard(style), control) for text, style, control in segments
        ]


@lru_cache(256)
def _standard(style: Style) -> Style:
    colour = style.color.downgrade(ColorSystem.STANDARD) if style.color else None
    background = style.bgcolor.downgrade(ColorSystem.STANDARD) if style.bgcolor else None
    return style + Style.from_color(colour, background)


def test_compare_80x24_on_16_colours(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """TERM=xterm: dropped words on the terminal's red, added on its green, the cursor row on blue."""
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM", raising=False)
    app = pair(0, 1)
    assert app.few_colors
    app._filters.append(SixteenColours())  # noqa: SLF001 - Textual's own hook for NO_COLOR

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("n", "n")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
