"""The app's calls into the engine: one small function per judgement, with the app's cache choice.

Screens run these in worker threads. Keeping every call here means a change of the engine's
signatures (say, a ``compare=`` parameter) is made in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.screen import Screen
from textual.widgets import ProgressBar

from reader.cache import cached_compare
from reader.compare import Comparison
from reader.corpus import Document
from reader.drift import Disagreement, drift
from reader.overview import Overview, build_overview
from reader.provenance import Provenance, build_provenance

Progress = Callable[[float], None]
"""Called from a worker thread with the share done, 0..1."""


def compare_pair(left: Document, right: Document, *, fold_typography: bool, use_cache: bool) -> Comparison:
    """Compare two documents, through the cache unless ``use_cache`` is false."""
    return cached_compare(left, right, fold_typography=fold_typography, use_cache=use_cache)


def overview_of(documents: Sequence[Document], *, progress: Progress) -> Overview:
    """The overview of a folder (no pair is aligned through the cache here)."""
    return build_overview(documents, progress=progress)


def provenance_of(base: Document, documents: Sequence[Document], *, use_cache: bool, progress: Progress) -> Provenance:
    """Each paragraph of ``base`` against every other document."""
    return build_provenance(base, documents, progress=progress, use_cache=use_cache)


def drift_against(
    base: Document, documents: Sequence[Document], *, use_cache: bool, progress: Progress
) -> list[tuple[Document, list[Disagreement]]]:
    """Each other document compared to ``base``, with the facts it states differently."""
    others = [document for document in documents if document is not base]
    results = []
    for number, document in enumerate(others, 1):
        results.append((document, drift(compare_pair(base, document, fold_typography=False, use_cache=use_cache))))
        progress(number / len(others))
    return results


def drift_of(comparison: Comparison) -> list[Disagreement]:
    """The facts the two sides of a comparison already made disagree on (nothing compared again)."""
    return drift(comparison)


def progress_reporter(screen: Screen[None]) -> Progress:
    """A callback for a worker thread that moves the screen's progress bar."""
    bar = screen.query_one(ProgressBar)
    return lambda done: screen.app.call_from_thread(bar.update, progress=done)
