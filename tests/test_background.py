"""The pair's comparison in a child process: the same rows as comparing here, or nothing."""

from __future__ import annotations

import threading

import pytest

from reader.app import ReaderApp
from reader.background import BackgroundComparison, start_comparison
from reader.compare import compare
from reader.corpus import Document
from reader.ui.compare_screen import CompareScreen
from reader.ui.diff_view import DiffView
from tests.helpers import deterministic, settle


def _start(left: Document, right: Document) -> BackgroundComparison:
    background = start_comparison(left, right)
    if background is None:
        pytest.skip("no fork here, or other threads run")
    return background


def test_the_child_gives_what_compare_gives(seed_docs: dict[str, Document]) -> None:
    left, right = seed_docs["000"], seed_docs["002"]
    background = _start(left, right)
    comparison = background.result()
    assert comparison == compare(left, right)
    assert comparison is not None and comparison.left is left and comparison.right is right
    assert background.result() is comparison  # asking again does not read again


def test_a_cancelled_comparison_gives_nothing(seed_docs: dict[str, Document]) -> None:
    background = _start(seed_docs["001"], seed_docs["003"])
    background.cancel()
    assert background.result() is None


def test_nothing_starts_once_other_threads_run(seed_docs: dict[str, Document]) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert start_comparison(seed_docs["000"], seed_docs["001"]) is None
    finally:
        stop.set()
        thread.join()


async def test_the_app_shows_the_childs_comparison(seed_docs: dict[str, Document]) -> None:
    left, right = seed_docs["000"], seed_docs["001"]
    background = _start(left, right)
    app = deterministic(ReaderApp(pair=(left, right), background=background))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.query_one(DiffView).comparison == compare(left, right)
