"""Compare two documents in a forked child process while the app starts.

The compare view's first screen waits for Textual to start (imports, CSS, the first layout) and
for the comparison. In one process both need the one interpreter lock, so they take turns; a
child process compares on the other core meanwhile and sends the rows back through a pipe
(pickled). The child works on the parent's own documents (inherited by ``fork``), so its rows
are exactly what :func:`reader.cache.cached_compare` would give here.

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

from reader.cache import cached_compare
from reader.compare import Comparison
from reader.corpus import Document


class BackgroundComparison:
    """The comparison of ``left`` with ``right`` (no typography folding), under way in a child."""

    def __init__(self, left: Document, right: Document, pid: int, pipe: int) -> None:
        self.left = left
        self.right = right
        self.cancelled = False
        self._pid: int | None = pid
        self._pipe = pipe
        self._lock = threading.Lock()
        self._done = False
        self._comparison: Comparison | None = None

    def result(self) -> Comparison | None:
        """Wait for the child's comparison; ``None`` if it failed or was cancelled (compare here then)."""
        with self._lock:
            if not self._done:
                self._done = True
                with os.fdopen(self._pipe, "rb") as pipe:
                    data = pipe.read()
                if self._reap() and not self.cancelled:
                    rows, stats, links = pickle.loads(data)
                    self._comparison = Comparison(self.left, self.right, rows, stats, links=links)
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

    def _reap(self) -> bool:
        """Wait for the child to end; whether it succeeded."""
        pid, self._pid = self._pid, None
        if pid is None:
            return False
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status) == 0


def start_comparison(left: Document, right: Document, *, use_cache: bool = True) -> BackgroundComparison | None:
    """Start comparing in a child process; ``None`` where that is not possible or safe.

    ``use_cache`` false: the child neither reads nor writes the comparison cache.
    """
    if not hasattr(os, "fork") or threading.active_count() > 1:
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
            comparison = cached_compare(left, right, use_cache=use_cache, store_if=lambda: os.getppid() == parent)
            data = pickle.dumps((comparison.rows, comparison.stats, comparison.links), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return BackgroundComparison(left, right, pid, read_end)


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
