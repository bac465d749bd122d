"""Compare two documents in a forked child process while the app starts.

The compare view's first screen waits for Textual to start (imports, CSS, the first layout) and
for the comparison. In one process both need the one interpreter lock, so they take turns; a
child process compares on the other core meanwhile and sends the rows back through a pipe
(pickled). The child works on the parent's own documents (inherited by ``fork``), so its rows
are exactly what :func:`reader.cache.cached_compare` would give here.

The rows come in two messages when the pair is not in the cache: as soon as the alignment
exists, the first rows with their word diffs (:class:`FirstRows`: what the first screens show),
then the whole comparison, once it is stored in the cache (so a comparison on screen is in the
cache, as before). A cached pair comes in one message.

Nothing is started where there is no ``fork``, or once other threads run (forking those is
unsafe): the caller then compares as before.

The child never outlives its use: SIGTERM, SIGHUP and SIGINT end it at once (whatever handlers
the parent had installed), and on Linux it is killed when the parent dies, even by SIGKILL;
elsewhere it checks that its parent is still there before it stores its result in the cache.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from reader.cache import cached_compare
from reader.compare import Comparison, StagedComparison, summarize
from reader.corpus import Document

FIRST_ROWS_PAST_STORY = 200
"""Rows after the first story row that come with the first rows: more than the first screens
of a tall terminal show (a row takes two lines at least, and the view lays out three screens
ahead), at a few per cent of the word diffs' cost."""

_DOCUMENTS, _FIRST, _WHOLE = "documents", "first", "whole"
"""The kinds of message the child sends: the documents it read (:func:`read_and_compare`), the first
rows, the whole comparison."""


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

    def __init__(self, left: Document, right: Document, pid: int, pipe: int | IO[bytes]) -> None:
        self.left = left
        self.right = right
        self.cancelled = False
        self._pid: int | None = pid
        self._pipe: IO[bytes] | None = os.fdopen(pipe, "rb") if isinstance(pipe, int) else pipe
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
            if self._pipe is not None:
                message = self._receive()
                if message is not None and message[0] == _WHOLE:
                    self._comparison = self._whole(message)
                self._close()
            return None if self.cancelled else self._comparison

    def cancel(self) -> None:
        """Stop the child if it still runs (the pair is no longer wanted)."""
        self.cancelled = True
        pid = self._pid
        if pid is not None:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def _read_first(self) -> None:
        if self._first_read:
            return
        self._first_read = True
        message = self._receive()
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

    def _receive(self) -> tuple | None:
        """The child's next message; ``None`` once it has ended without one (failed or killed)."""
        if self._pipe is None:
            return None
        try:
            message = pickle.load(self._pipe)
        except (EOFError, OSError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            return None
        return message if isinstance(message, tuple) and message else None

    def _close(self) -> None:
        """Stop reading and reap the child: it has sent all it will and ended, or is ending."""
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        pid, self._pid = self._pid, None
        if pid is not None:
            os.waitpid(pid, 0)


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def start_comparison(left: Document, right: Document, *, use_cache: bool = True) -> BackgroundComparison | None:
    """Start comparing in a child process; ``None`` where that is not possible or safe.

    ``use_cache`` false: the child neither reads nor writes the comparison cache.
    """
    if not _can_fork():
        return None
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: compare, send the rows, and leave without running the parent's exit code
        status = 1
        try:
            _die_with_parent(parent)
            os.close(read_end)
            gc.disable()  # a short life: collecting cycles would cost more than it frees
            _compare_and_send(
                left, right, _Sender(write_end), use_cache=use_cache, store_if=lambda: os.getppid() == parent
            )
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return BackgroundComparison(left, right, pid, read_end)


class PendingPair:
    """Two sources being read in a child process that goes on to compare them (see :func:`read_and_compare`)."""

    def __init__(self, sources: tuple[str, str], pid: int, pipe: int, use_cache: bool) -> None:
        self.sources = sources
        self.use_cache = use_cache
        self._pid = pid
        self._pipe: IO[bytes] = os.fdopen(pipe, "rb")

    def documents(self) -> tuple[Document, Document, BackgroundComparison | None]:
        """The two documents, and their comparison under way in the child.

        When the child could not read them (a source the user got wrong, or the child failed
        in any way), they are read here, so that the error raised is the one reading them in
        this process raises; the comparison is then started as :func:`start_comparison` does.

        Raises:
            reader.corpus.DocumentError: A source cannot be read.
        """
        try:
            message = pickle.load(self._pipe)
        except (EOFError, OSError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            message = None
        if isinstance(message, tuple) and len(message) == 3 and message[0] == _DOCUMENTS:
            _, left, right = message
            return left, right, BackgroundComparison(left, right, self._pid, self._pipe)
        self._pipe.close()
        try:
            os.kill(self._pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(self._pid, 0)
        from reader.corpus import load_source

        left, right = load_source(self.sources[0]), load_source(self.sources[1])
        return left, right, start_comparison(left, right, use_cache=self.use_cache)


def read_and_compare(left: str, right: str, *, use_cache: bool = True) -> PendingPair | None:
    """Read two sources (paths or links) and compare them in a child process; ``None`` where
    that is not possible or safe (read them here, then :func:`start_comparison`).

    The app's first screen waits for Textual to start in this process and for the
    comparison in the child. Reading the two files in the child too takes the reading off
    this process's way: meanwhile it imports and starts Textual. The child sends the documents
    first (pickled: about 10 ms a 1 MB document, each way), from a thread, so that it aligns
    while this process is still busy and not yet reading the pipe.
    """
    if not _can_fork():
        return None
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: read, send the documents, compare, send the rows
        status = 1
        try:
            _die_with_parent(parent)
            os.close(read_end)
            gc.disable()  # a short life: collecting cycles would cost more than it frees
            _read_compare_and_send((left, right), _Sender(write_end), use_cache=use_cache, parent=parent)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return PendingPair((left, right), pid, read_end, use_cache)


def _read_compare_and_send(sources: tuple[str, str], sender: _Sender, *, use_cache: bool, parent: int) -> None:
    """In the child of :func:`read_and_compare`. A source that fails to read ends the child
    without a message: the parent then reads both itself, and raises the user's error."""
    from reader.corpus import load_source

    left = load_source(sources[0])
    right = load_source(sources[1])
    sender.send_aside((_DOCUMENTS, left, right))
    _compare_and_send(left, right, sender, use_cache=use_cache, store_if=lambda: os.getppid() == parent)


class _Sender:
    """The child's end of the pipe: pickled messages, in order.

    Each message is pickled whole before it is written: the parent may not read yet (it starts
    Textual), and pickling into the pipe would leave most of the pickling until it does. A
    message sent aside is written by a thread, so that the child works on meanwhile; the next
    message waits for it.
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._writing: threading.Thread | None = None

    def send(self, message: tuple) -> None:
        """Write ``message`` now (after any message still being written aside)."""
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self._wait()
        self._write(data)

    def send_aside(self, message: tuple) -> None:
        """Pickle ``message`` and write it from a thread."""
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self._wait()
        self._writing = threading.Thread(target=self._write, args=(data,), daemon=True)
        self._writing.start()

    def _wait(self) -> None:
        if self._writing is not None:
            self._writing.join()
            self._writing = None

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view) :]


def _compare_and_send(
    left: Document, right: Document, sender: _Sender, *, use_cache: bool, store_if: Callable[[], bool]
) -> None:
    """In the child: send the first rows as soon as the alignment exists, then the whole
    comparison once it is in the cache (a cached one is sent whole at once)."""
    send = sender.send

    def in_stages() -> Comparison:
        stages = StagedComparison(left, right)
        send((_FIRST, stages.first_rows(FIRST_ROWS_PAST_STORY), stages.total))
        return stages.comparison()

    comparison = cached_compare(left, right, use_cache=use_cache, store_if=store_if, compute=in_stages)
    send((_WHOLE, comparison.rows, comparison.stats, comparison.links))


def _die_with_parent(parent: int) -> None:
    """In the child: default signal actions, and (Linux) SIGKILL when the parent dies."""
    for name in ("SIGTERM", "SIGHUP", "SIGINT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
