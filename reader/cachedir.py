"""Where reader keeps what it may throw away: ``$READER_CACHE_DIR``, else
``$XDG_CACHE_HOME/reader``, else ``~/.cache/reader``.

The comparison cache, the extraction store and the corpus index each keep a file or folder
there. This module imports nothing of reader's, so the engine's index can ask without pulling
in the cache.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_DIR_ENV = "READER_CACHE_DIR"
"""The environment variable that names the cache folder outright."""


def cache_dir() -> Path | None:
    """The cache folder (it may not exist yet); ``None`` without a usable home."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "reader"
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "reader" if os.path.isabs(home) else None
