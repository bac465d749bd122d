"""The pair's comparison in a child process: the same rows as comparing here, or nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.app import ReaderApp
from reader.background import BackgroundComparison, read_and_compare, start_comparison
from reader.compare import compare
from reader.corpus import Document, DocumentError, load_source
from reader.ui.compare_screen import CompareScreen
from reader.ui.diff_view import DiffView
from tests.conftest import SEED_NAMES, SEEDS
from tests.helpers import deterministic, ran_alone, settle


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


def test_a_pair_read_in_the_child_is_the_pair_read_here(request: pytest.FixtureRequest) -> None:
    if ran_alone(request):
        return
    sources = (str(SEEDS / SEED_NAMES[0]), str(SEEDS / SEED_NAMES[2]))
    pending = read_and_compare(*sources, use_cache=False)  # a cached pair would come whole
    assert pending is not None
    left, right, background = pending.documents()
    assert (left, right) == (load_source(sources[0]), load_source(sources[1]))
    assert background is not None and background.left is left and background.right is right
    first = background.first_rows()
    whole = background.result()
    assert whole == compare(left, right)
    assert first is not None and first.comparison.rows == whole.rows[: len(first.comparison.rows)]


def test_a_source_the_child_cannot_read_raises_here_as_reading_here_does(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if ran_alone(request):
        return
    good, missing = str(SEEDS / SEED_NAMES[1]), str(tmp_path / "missing.txt")
    for sources in ((missing, good), (good, str(tmp_path / "gone.txt")), (missing, missing + "2")):
        with pytest.raises(DocumentError) as here:
            load_source(sources[0])
            load_source(sources[1])
        pending = read_and_compare(*sources)
        assert pending is not None
        with pytest.raises(DocumentError) as there:
            pending.documents()
        assert str(there.value) == str(here.value)  # the first source's error first, as here


def test_no_child_reads_once_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert read_and_compare(str(SEEDS / SEED_NAMES[0]), str(SEEDS / SEED_NAMES[1])) is None
    finally:
        stop.set()
        thread.join()


async def test_opening_a_pair_never_spells_out_its_documents(
    seed_docs: dict[str, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Textual describes a worker by the repr of its arguments unless told otherwise: for the
    # compare worker, every paragraph of both documents, on the way to the first screen.
    spelled: list[str] = []
    monkeypatch.setattr(Document, "__repr__", lambda document: spelled.append(document.path) or "<document>")
    app = deterministic(ReaderApp(pair=(seed_docs["000"], seed_docs["001"])))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(DiffView).comparison is not None
    assert spelled == []
