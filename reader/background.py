"""Read and compare two documents in a forked child process while the app starts.

The compare view's first screen waits for Textual to start (imports, CSS, the first layout) and
for the comparison. In one process both need the one interpreter lock, so they take turns; a
child process reads and compares on the other core meanwhile and sends the documents and the
rows back (pickled, through a :class:`Channel`). The child's rows are exactly what
:func:`reader.cache.cached_compare` would give here.

The child sends the documents it read first (:func:`read_and_compare`; :func:`start_comparison`
starts from documents read here). The rows come in two messages when the pair is not in the
cache: as soon as the alignment exists, the first rows with their word diffs
(:class:`FirstRows`: what the first screens show), then the whole comparison, once it is
stored in the cache (so a comparison on screen is in the cache, as before). A cached pair
comes in one message.

Nothing is started where there is no ``fork``, or once other threads run (forking those is
unsafe): the caller then reads and compares as before.

The child never outlives its use (:func:`reader.parallel.fork_child`): a signal ends it at once,
and on Linux it is killed when the parent dies, even by SIGKILL; elsewhere it checks that its
parent is still there before it stores its result in the cache.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

from reader.cache import cached_compare
from reader.compare import Comparison, StagedComparison, summarize
from reader.corpus import Document
from reader.parallel import Channel, fork_child, stop_child

FIRST_ROWS_PAST_STORY = 200
"""Rows after the first story row that come with the first rows: more than the first screens
of a tall terminal show (a row takes two lines at least, and the view lays out three screens
ahead), at a few per cent of the word diffs' cost."""

_DOCUMENTS, _FIRST, _WHOLE = "documents", "first", "whole"
"""The kinds of message the child sends: the documents it read (:func:`read_and_compare`), the
first rows, the whole comparison."""


@dataclass(frozen=True)
class FirstRows:
    """The first rows of a comparison still under way.

    Attributes:
        comparison: A comparison of the first rows only, each exactly as in the whole
            comparison (its stats count only these rows, and it has no links yet).
        total: How many rows the whole comparison has.
    """

    comparison: Comparison
    total: int


class BackgroundComparison:
    """The comparison of ``left`` with ``right`` (no typography folding), under way in a child."""

    def __init__(self, left: Document, right: Document, pid: int, channel: Channel) -> None:
        self.left = left
        self.right = right
        self.cancelled = False
        self._pid: int | None = pid
        self._channel: Channel | None = channel
        self._lock = threading.Lock()
        self._first_read = False
        self._first: FirstRows | None = None
        self._comparison: Comparison | None = None

    def first_rows(self) -> FirstRows | None:
        """Wait for the first rows; ``None`` if the whole comparison came at once (a cached
        pair: :meth:`result` has it), or the child failed or was cancelled."""
        with self._lock:
            self._read_first()
            return None if self.cancelled else self._first

    def result(self) -> Comparison | None:
        """Wait for the whole comparison; ``None`` if the child failed or was cancelled (compare here then)."""
        with self._lock:
            self._read_first()
            if self._channel is not None:
                message = self._channel.receive()
                if message is not None and message[0] == _WHOLE:
                    self._comparison = self._whole(message)
                self._close()
            return None if self.cancelled else self._comparison

    def cancel(self) -> None:
        """Stop the child if it still runs (the pair is no longer wanted)."""
        self.cancelled = True
        if self._pid is not None:
            stop_child(self._pid)

    def _read_first(self) -> None:
        if self._first_read:
            return
        self._first_read = True
        message = None if self._channel is None else self._channel.receive()
        if message is not None and message[0] == _FIRST:
            _, rows, total = message
            self._first = FirstRows(Comparison(self.left, self.right, rows, summarize(rows)), total)
            return
        if message is not None and message[0] == _WHOLE:
            self._comparison = self._whole(message)
        self._close()

    def _whole(self, message: tuple) -> Comparison | None:
        _, rows, stats, links = message
        return None if self.cancelled else Comparison(self.left, self.right, rows, stats, links=links)

    def _close(self) -> None:
        """Stop reading and reap the child: it has sent all it will and ended, or is ending."""
        if self._channel is not None:
            self._channel.close()
            self._channel = None
        pid, self._pid = self._pid, None
        if pid is not None:
            os.waitpid(pid, 0)


def start_comparison(left: Document, right: Document, *, use_cache: bool = True) -> BackgroundComparison | None:
    """Start comparing in a child process; ``None`` where that is not possible or safe.

    ``use_cache`` false: the child neither reads nor writes the comparison cache.
    """

    parent = os.getpid()

    def child(channel: Channel) -> None:
        _compare_and_send(left, right, channel, use_cache=use_cache, store_if=lambda: os.getppid() == parent)

    started = fork_child(child)
    return None if started is None else BackgroundComparison(left, right, *started)


class PendingPair:
    """Two sources being read in a child process that goes on to compare them (see :func:`read_and_compare`)."""

    def __init__(self, sources: tuple[str, str], pid: int, channel: Channel, use_cache: bool) -> None:
        self.sources = sources
        self.use_cache = use_cache
        self._pid = pid
        self._channel = channel

    def documents(self) -> tuple[Document, Document, BackgroundComparison | None]:
        """The two documents, and their comparison under way in the child.

        When the child could not read them (a source the user got wrong, or the child failed
        in any way), they are read here, so that the error raised is the one reading them in
        this process raises; the comparison is then started as :func:`start_comparison` does.

        Raises:
            reader.corpus.DocumentError: A source cannot be read.
        """
        message = self._channel.receive()
        if message is not None and len(message) == 3 and message[0] == _DOCUMENTS:
            _, left, right = message
            return left, right, BackgroundComparison(left, right, self._pid, self._channel)
        self._channel.close()
        stop_child(self._pid)
        os.waitpid(self._pid, 0)
        from reader.corpus import load_source

        left, right = load_source(self.sources[0]), load_source(self.sources[1])
        return left, right, start_comparison(left, right, use_cache=self.use_cache)


def read_and_compare(left: str, right: str, *, use_cache: bool = True) -> PendingPair | None:
    """Read two sources (paths or links) and compare them in a child process; ``None`` where
    that is not possible or safe (read them here, then :func:`start_comparison`).

    Reading in the child too takes the reading off this process's way to the first screen:
    meanwhile it imports and starts Textual. The documents come back pickled (about 10 ms a
    1 MB document, each way). A source that fails to read ends the child without a message:
    :meth:`PendingPair.documents` then reads both here and raises the user's error.
    """

    parent = os.getpid()

    def child(channel: Channel) -> None:
        from reader.corpus import load_source

        documents = load_source(left), load_source(right)
        channel.send((_DOCUMENTS, *documents))
        _compare_and_send(*documents, channel, use_cache=use_cache, store_if=lambda: os.getppid() == parent)

    started = fork_child(child)
    return None if started is None else PendingPair((left, right), *started, use_cache)


def _compare_and_send(
    left: Document, right: Document, channel: Channel, *, use_cache: bool, store_if: Callable[[], bool]
) -> None:
    """In the child: send the first rows as soon as the alignment exists, then the whole
    comparison once it is in the cache (a cached one is sent whole at once)."""

    def in_stages() -> Comparison:
        stages = StagedComparison(left, right)
        channel.send((_FIRST, stages.first_rows(FIRST_ROWS_PAST_STORY), stages.total))
        return stages.comparison()

    comparison = cached_compare(left, right, use_cache=use_cache, store_if=store_if, compute=in_stages)
    channel.send((_WHOLE, comparison.rows, comparison.stats, comparison.links))
