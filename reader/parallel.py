"""Run one independent step of a long comparison on the second core, in a forked child.

``reader diff`` is one process on a two-core machine. Some of its steps need nothing from
each other: reading and tagging the right file while the left one is read, finding the links
across rows (:func:`reader.links.find_links`) while the rows are diffed by words. A child
forked from the process inherits everything it needs; only its result comes back, pickled,
through a :class:`Channel` (a 1 MB document pickles and unpickles in about 12 ms; the links in
well under 1 ms). The app's comparing child (:mod:`reader.background`) forks and sends the same way.

Nothing is forked unless the caller enabled it (:func:`second_core`, as ``reader diff`` does), the
platform is Linux, and no other thread runs (forking those is unsafe). The app, which compares
in a child of its own (:mod:`reader.background`), and the library leave it disabled: there
:func:`aside` simply calls the function when its result is asked for. A child that fails in
any way, or a result that cannot be pickled, is worked out again in the process itself, so
the result never depends on the path taken.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import struct
import sys
import tempfile
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


class Channel:
    """Messages from a forked child to its parent, without the child ever waiting for the parent.

    Made before the fork. Each message is pickled whole into an unnamed temporary file and its
    place (offset, size) written on a pipe. Through the pipe itself, whose buffer holds 64 KB,
    a message of megabytes (two documents, a whole comparison) would keep the child waiting
    until the parent reads it, and would reach a parent busy in another thread 64 KB at a
    time, each read waiting for the interpreter lock.
    """

    _PLACE = struct.Struct("<QQ")

    def __init__(self) -> None:
        """Raises OSError if no temporary file can be made."""
        self._file = tempfile.TemporaryFile()
        self._read_end, self._write_end = os.pipe()
        self._end = 0

    def child_side(self) -> None:
        """In the child, after the fork: only :meth:`send` from now on."""
        os.close(self._read_end)

    def parent_side(self) -> None:
        """In the parent, after the fork: only :meth:`receive` from now on."""
        os.close(self._write_end)

    def send(self, message: tuple) -> None:
        """Pickle ``message`` into the file and say where it is."""
        data = memoryview(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
        start = offset = self._end
        while offset < start + len(data):
            offset += os.pwrite(self._file.fileno(), data[offset - start :], offset)
        self._end = offset
        os.write(self._write_end, self._PLACE.pack(start, len(data)))  # under PIPE_BUF: written whole

    def receive(self) -> tuple | None:
        """The next message (waiting for it); ``None`` once the child has ended without one
        (failed or killed) or after :meth:`close`."""
        place = b""
        try:
            while len(place) < self._PLACE.size:
                chunk = os.read(self._read_end, self._PLACE.size - len(place))
                if not chunk:
                    return None
                place += chunk
            start, size = self._PLACE.unpack(place)
            data = bytearray()
            while len(data) < size:
                chunk = os.pread(self._file.fileno(), size - len(data), start + len(data))
                if not chunk:
                    return None
                data += chunk
            message = pickle.loads(data)
        except (EOFError, OSError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            return None
        return message if isinstance(message, tuple) and message else None

    def close(self) -> None:
        """In the parent: stop receiving."""
        for close in (lambda: os.close(self._read_end), self._file.close):
            try:
                close()
            except OSError:
                pass


def fork_child(work: Callable[[Channel], None]) -> tuple[int, Channel] | None:
    """Fork a child that runs ``work(channel)`` and ends; return its pid and the channel it sends
    on. ``None`` where forking is not possible or safe: no ``fork``, other threads running (forking
    those is unsafe), no temporary file.

    The child never outlives its use: SIGTERM, SIGHUP and SIGINT end it at once (whatever
    handlers the parent had installed), and on Linux it is killed when the parent dies, even by
    SIGKILL. It leaves without running the parent's exit code.
    """
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    try:
        channel = Channel()
    except OSError:
        return None
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            _die_with_parent(parent)
            channel.child_side()
            gc.disable()  # a short life: collecting cycles would cost more than it frees
            work(channel)
            status = 0
        finally:
            os._exit(status)
    channel.parent_side()
    return pid, channel


def stop_child(pid: int) -> None:
    """Ask a child of :func:`fork_child` to end now (it may have ended already)."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass


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


class Aside(Generic[_T]):
    """A call under way in a child process, or put off until :meth:`result` when not forked."""

    def __init__(self, function: Callable[[], _T], *, fork: bool = True) -> None:
        self._function = function
        self._child: tuple[int, Channel] | None = None
        if fork and can_fork():
            self._child = fork_child(lambda channel: channel.send(_outcome(function)))

    @property
    def forked(self) -> bool:
        """Whether the call runs in a child process."""
        return self._child is not None

    def result(self) -> _T:
        """The call's result (waiting for the child), or the exception it raised, raised here."""
        child, self._child = self._child, None
        if child is None:
            return self._function()
        pid, channel = child
        message = channel.receive()
        channel.close()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or message is None or len(message) != 2:
            return self._function()  # the child failed, or its result did not travel: work it out here
        ok, value = message
        if not ok:
            raise value
        return value

    def discard(self) -> None:
        """Stop the child and reap it (the caller failed before it needed its result)."""
        child, self._child = self._child, None
        if child is not None:
            pid, channel = child
            stop_child(pid)
            channel.close()
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
