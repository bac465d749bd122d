"""Run one independent step of a long comparison on the second core, in a forked child.

``reader diff`` is one process on a two-core machine. Some of its steps need nothing from
each other: reading and tagging the right file while the left one is read, finding the links
across rows (:func:`reader.links.find_links`) while the rows are diffed by words. A child
forked from the process inherits everything it needs; only its result comes back, pickled,
through a pipe (a 1 MB document pickles and unpickles in about 12 ms; the links in well
under 1 ms).

Nothing is forked unless the caller enabled it (:func:`second_core`, as ``reader diff`` does), the
platform is Linux, and no other thread runs (forking those is unsafe). The app, which compares
in a child of its own (:mod:`reader.background`), and the library leave it disabled: there
:func:`aside` simply calls the function when its result is asked for. A child that fails in
any way, or a result that cannot be pickled, is worked out again in the process itself, so
the result never depends on the path taken.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

_T = TypeVar("_T")

_enabled = False


@contextmanager
def second_core() -> Iterator[None]:
    """Allow :func:`aside` to fork meanwhile."""
    global _enabled
    was, _enabled = _enabled, True
    try:
        yield
    finally:
        _enabled = was


NO_FORK_ENV = "READER_NO_FORK"
"""Set (non-empty), nothing is forked: ``reader diff`` runs on one core, as before."""


def can_fork() -> bool:
    """Whether :func:`aside` would fork now."""
    return (
        _enabled
        and not os.environ.get(NO_FORK_ENV)
        and sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and threading.active_count() == 1
    )


class Aside(Generic[_T]):
    """A call under way in a child process, or put off until :meth:`result` when not forked."""

    def __init__(self, function: Callable[[], _T], *, fork: bool = True) -> None:
        self._function = function
        self._pid: int | None = None
        self._pipe: int | None = None
        if not (fork and can_fork()):
            return
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: work, send, and leave without running the parent's exit code
            status = 1
            try:
                os.close(read_end)
                outcome = _outcome(function)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    @property
    def forked(self) -> bool:
        """Whether the call runs in a child process."""
        return self._pid is not None

    def result(self) -> _T:
        """The call's result (waiting for the child), or the exception it raised, raised here."""
        pid, pipe = self._pid, self._pipe
        if pid is None or pipe is None:
            return self._function()
        self._pid = self._pipe = None
        with os.fdopen(pipe, "rb") as reader:
            data = reader.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            return self._function()
        try:
            ok, value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - an exception that does not unpickle: work it out here
            return self._function()
        if not ok:
            raise value
        return value

    def discard(self) -> None:
        """Wait for the child and drop its result (the caller failed before it needed it)."""
        pid, pipe = self._pid, self._pipe
        self._pid = self._pipe = None
        if pipe is not None:
            os.close(pipe)  # the child's write fails at once and it leaves
        if pid is not None:
            os.waitpid(pid, 0)


def _outcome(function: Callable[[], _T]) -> tuple[bool, object]:
    """``(True, result)``, or ``(False, exception)`` when the exception pickles (else re-raised)."""
    try:
        return True, function()
    except Exception as error:  # noqa: BLE001 - sent to the parent, which raises it
        pickle.dumps(error)  # fails (and the child exits 1) if it cannot travel
        return False, error


def aside(function: Callable[[], _T], *, fork: bool = True) -> Aside[_T]:
    """Start ``function()`` in a child process if allowed (:func:`second_core`) and ``fork`` (the
    caller's word that the work is worth a process); ask its ``result()`` later.

    >>> job = aside(lambda: 6 * 7)
    >>> job.result()
    42
    """
    return Aside(function, fork=fork)
