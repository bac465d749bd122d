"""Helpers shared by the Pilot tests: one way to make an app deterministic and to let it settle."""

from __future__ import annotations

from typing import TypeVar

from textual.app import App
from textual.pilot import Pilot

THEME = "textual-dark"
"""The theme every Pilot test pins (the default could change with Textual or the terminal)."""

AppT = TypeVar("AppT", bound=App[None])


def deterministic(app: AppT) -> AppT:
    """Pin what would make runs differ: the theme, and animations (off)."""
    app.theme = THEME
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and the messages they caused be handled."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
