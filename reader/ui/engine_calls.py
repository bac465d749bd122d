"""The app's calls into the engine: one small function per judgement, with the app's cache choice.

Screens run these in worker threads. The engine takes a ``compare`` function and never touches
the cache; here it is given the cache's, or the plain one when the app runs without the cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from textual.screen import Screen
from textual.widgets import ProgressBar

from reader.cache import cached_compare
from reader.compare import Comparison
from reader.corpus import Document
from reader.drift import Disagreement, drift, drift_folder
from reader.overview import Overview, build_overview
from reader.pairwise import CompareFunction, Progress
from reader.provenance import Provenance, build_provenance


def compare_function(*, use_cache: bool) -> CompareFunction:
    """The engine's compare, through the cache unless ``use_cache`` is false."""
    return partial(cached_compare, use_cache=use_cache)


def overview_of(documents: Sequence[Document], *, use_cache: bool, progress: Progress) -> Overview:
    """The overview of a folder: every pair, each document's relation and the story families."""
    return build_overview(documents, compare=compare_function(use_cache=use_cache), progress=progress)


def provenance_of(base: Document, documents: Sequence[Document], *, use_cache: bool, progress: Progress) -> Provenance:
    """Each paragraph of ``base`` against every other document."""
    return build_provenance(base, documents, compare=compare_function(use_cache=use_cache), progress=progress)


def drift_against(
    base: Document, documents: Sequence[Document], *, use_cache: bool, progress: Progress
) -> list[tuple[Document, list[Disagreement]]]:
    """Each other document compared to ``base``, with the facts it states differently."""
    return drift_folder(documents, base, compare=compare_function(use_cache=use_cache), progress=progress)


def drift_of(comparison: Comparison) -> list[Disagreement]:
    """The facts the two sides of a comparison already made disagree on (nothing compared again)."""
    return drift(comparison)


def progress_reporter(screen: Screen[None]) -> Progress:
    """A callback for a worker thread that moves the screen's progress bar."""
    bar = screen.query_one(ProgressBar)
    return lambda done: screen.app.call_from_thread(bar.update, progress=done)
