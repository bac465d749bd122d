"""Shared fixtures: the seeds, documents loaded once, and a private comparison cache.

The Pilot tests' shared helpers (a pinned theme, letting an app settle) are in ``tests/helpers.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.corpus import Document, load_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_NAMES = sorted(p.name for p in SEEDS.iterdir() if p.suffix == ".txt")


@pytest.fixture(scope="session", autouse=True)
def private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the comparison cache at a temporary folder, never the user's ``~/.cache``.

    Session-scoped so that it is in place before module fixtures run the CLI, and set in
    ``os.environ`` so that subprocesses inherit it. A test that needs a cache of its own sets
    ``READER_CACHE_DIR`` again with ``monkeypatch``.
    """
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("READER_CACHE_DIR", str(folder))
        patch.delenv("READER_NO_CACHE", raising=False)
        yield folder


@pytest.fixture(scope="session")
def seed_docs() -> dict[str, Document]:
    """The five seed documents by their three-digit prefix ("000" … "004")."""
    return {name[:3]: load_document(SEEDS / name) for name in SEED_NAMES}
