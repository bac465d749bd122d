"""The second core (reader.parallel): a step run in a forked child gives what it gives in-process."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reader import compare as compare_module
from reader import corpus
from reader.compare import compare
from reader.corpus import DocumentError, load_pair, load_source
from reader import parallel as parallel_module
from reader.parallel import Aside, Channel, aside, can_fork, second_core
from tests.helpers import ran_alone

needs_fork = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")


def _pid() -> int:
    return os.getpid()


def test_aside_runs_in_process_unless_allowed() -> None:
    job = aside(_pid)
    assert not job.forked
    assert job.result() == os.getpid()


@needs_fork
def test_aside_forks_when_allowed_and_alone(request: pytest.FixtureRequest) -> None:
    if ran_alone(request):
        return
    with second_core():
        assert can_fork()
        job = aside(_pid)
    assert job.forked
    assert job.result() != os.getpid()
    assert not can_fork()  # allowed only inside the block


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with second_core():
            assert not can_fork()
            assert not aside(_pid).forked
    finally:
        stop.set()
        thread.join()


def _fails() -> int:
    raise ValueError("bad input")


@needs_fork
def test_an_exception_in_the_child_is_raised_in_the_parent(request: pytest.FixtureRequest) -> None:
    if ran_alone(request):
        return
    with second_core():
        job = aside(_fails)
    assert job.forked
    with pytest.raises(ValueError, match="bad input"):
        job.result()


@needs_fork
def test_a_child_that_dies_is_replaced_by_a_call_here(request: pytest.FixtureRequest) -> None:
    if ran_alone(request):
        return
    parent = os.getpid()

    def dies_in_child() -> str:
        if os.getpid() != parent:
            os._exit(3)
        return "worked out here"

    with second_core():
        job = aside(dies_in_child)
    assert job.forked
    assert job.result() == "worked out here"


@needs_fork
def test_discard_reaps_the_child(request: pytest.FixtureRequest) -> None:
    if ran_alone(request):
        return
    with second_core():
        job = aside(lambda: "x" * 1_000_000)
    job.discard()
    assert not job.forked


def _long_pair(tmp_path: Path) -> tuple[Path, Path]:
    paragraphs = [f"Paragraph {k} tells of the harbour, the ships and the {k % 7} lighthouses." for k in range(4_000)]
    edited = list(paragraphs)
    edited[10] = "A new paragraph, written later, about something else entirely."
    edited[2_000:2_001] = []
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    right.write_text("\n\n".join(edited) + "\n", encoding="utf-8")
    return left, right


@needs_fork
def test_load_pair_and_compare_on_two_cores_equal_one_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    if ran_alone(request):
        return
    left_path, right_path = _long_pair(tmp_path)
    monkeypatch.setattr(corpus, "LOAD_ASIDE_FROM", 1)
    monkeypatch.setattr(compare_module, "FORK_LINKS_FROM", 1)
    forked: list[bool] = []

    def recorded(function: Callable[[], object], **kwargs: bool) -> Aside[object]:
        job = parallel_module.aside(function, **kwargs)
        forked.append(job.forked)
        return job

    monkeypatch.setattr(compare_module, "aside", recorded)
    one = (load_source(str(left_path)), load_source(str(right_path)))
    with second_core():
        two = load_pair(str(left_path), str(right_path))
        parallel = compare(*two)
    assert forked == [True]  # the links were found in a child
    assert two == one
    assert parallel == compare(*one)


def test_load_pair_raises_the_first_arguments_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    left_path, right_path = _long_pair(tmp_path)
    monkeypatch.setattr(corpus, "LOAD_ASIDE_FROM", 1)
    missing = str(tmp_path / "missing.txt")
    with second_core():
        with pytest.raises(DocumentError):
            load_pair(str(left_path), missing)
        right_bad = tmp_path / "bad.txt"
        right_bad.write_bytes(b"\xff\xfe\x00" * 100_000)
        with pytest.raises(DocumentError) as first:
            load_pair(str(tmp_path / "gone.txt"), str(right_bad))
    assert "gone.txt" in str(first.value)


def test_reader_no_fork_keeps_one_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_NO_FORK", "1")
    with second_core():
        assert not can_fork()
        assert not aside(_pid).forked


@needs_fork
def test_a_channel_never_keeps_the_child_waiting_for_the_parent() -> None:
    # Megabytes through a bare pipe (64 KB of buffer) would keep the child until the parent
    # reads; here the child sends two messages and ends before the parent reads any.
    channel = Channel()
    big = bytes(range(256)) * 20_000  # 5 MB
    pid = os.fork()
    if pid == 0:
        try:
            channel.child_side()
            channel.send(("big", big))
            channel.send(("next", 2))
        finally:
            os._exit(0)
    channel.parent_side()
    deadline = time.monotonic() + 60
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        assert time.monotonic() < deadline, "the child waits for the parent"
        time.sleep(0.01)
    assert channel.receive() == ("big", big)
    assert channel.receive() == ("next", 2)
    assert channel.receive() is None  # the child has ended: nothing more
    channel.close()
    assert channel.receive() is None
