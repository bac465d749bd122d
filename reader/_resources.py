"""Where the stylesheets are: inside the installed package, or the source tree's styles/."""

from __future__ import annotations

from pathlib import Path


def styles_dir() -> Path:
    """The folder holding ``*.tcss``: ``reader/styles`` in a wheel, else the repo's ``styles/``."""
    packaged = Path(__file__).parent / "styles"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "styles"
