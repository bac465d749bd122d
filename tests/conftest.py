"""Shared fixtures: the seeds, documents loaded once, and deterministic app settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.corpus import Document, load_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_NAMES = sorted(p.name for p in SEEDS.iterdir() if p.suffix == ".txt")


@pytest.fixture(scope="session")
def seed_docs() -> dict[str, Document]:
    """The five seed documents by their three-digit prefix ("000" … "004")."""
    return {name[:3]: load_document(SEEDS / name) for name in SEED_NAMES}
