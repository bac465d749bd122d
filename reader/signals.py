"""What SIGTERM, SIGHUP and SIGINT do: end cleanly, with the terminal restored and nothing left.

A command (``reader diff``, ``overview``…) turns SIGTERM and SIGHUP into :class:`Terminated`,
an exception that unwinds like Ctrl+C's ``KeyboardInterrupt``, so that ``finally`` blocks run
(an export removes its temporary file) and the process exits ``128 + signal``.

The app cannot be unwound from the middle of its event loop: there a signal asks the app to
exit (which restores the terminal: alternate screen, cursor, mouse tracking) after running a
clean-up callback (stopping the comparing child), and the exit status is ``128 + signal``
(130 for SIGINT sent from outside; Ctrl+C typed in the app is a key, not a signal).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

TERMINATING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
"""The signals that end a command as :class:`Terminated` (SIGINT stays ``KeyboardInterrupt``)."""


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived; like ``KeyboardInterrupt``, not an ``Exception``."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"terminated by signal {signum}")
        self.signum = signum

    @property
    def exit_status(self) -> int:
        """``128 + signal``, as a shell reports a process a signal ended."""
        return 128 + self.signum


RETRY_SECONDS = 0.01
"""How soon a signal that arrived inside the import machinery is raised again."""

_pending: list[int] = []
"""The signal waiting for the import machinery to finish, if any."""


def _in_import(frame: FrameType | None) -> bool:
    """Whether the interrupted code runs inside Python's import machinery.

    An exception raised there can land in a weak-reference callback of a module lock, where
    Python prints "Exception ignored" and goes on as if no signal had come.
    """
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _raise_for(signum: int, frame: FrameType | None) -> None:
    """Raise what ``signum`` means (:class:`Terminated`, or ``KeyboardInterrupt`` for SIGINT),
    or, inside an import, try again a moment later."""
    if _in_import(frame):
        _pending[:] = [signum]
        signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
        return
    _pending.clear()
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


def _retry(_signum: int, frame: FrameType | None) -> None:
    if _pending:
        _raise_for(_pending[0], frame)


@contextmanager
def terminating_raises() -> Iterator[None]:
    """Meanwhile, SIGTERM and SIGHUP raise :class:`Terminated` and SIGINT ``KeyboardInterrupt``
    (in the main thread only), never inside an import, where Python would swallow them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handlers: dict[int, Callable[[int, FrameType | None], None]] = {
        signum: _raise_for for signum in (*TERMINATING, signal.SIGINT)
    }
    if hasattr(signal, "SIGALRM"):
        handlers[signal.SIGALRM] = _retry
    previous = {signum: signal.signal(signum, handler) for signum, handler in handlers.items()}
    try:
        yield
    finally:
        if hasattr(signal, "setitimer"):
            signal.setitimer(signal.ITIMER_REAL, 0)
        _pending.clear()
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class AppStopper:
    """Signal handlers for the app: clean up, then ask it to exit with ``128 + signal``.

    Args:
        exit_app: Called with the exit status, in the app's event loop.
        clean_up: Called at once in the handler (it must be safe there: e.g. ``os.kill``).
    """

    def __init__(self, exit_app: Callable[[int], Any], clean_up: Callable[[], Any] = lambda: None) -> None:
        self.exit_app = exit_app
        self.clean_up = clean_up
        self.signum: int | None = None
        """The signal that asked the app to stop, if any."""

    @contextmanager
    def installed(self) -> Iterator[None]:
        """Meanwhile SIGTERM, SIGHUP and SIGINT stop the app (main thread only)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        signals = (*TERMINATING, signal.SIGINT)
        previous = {signum: signal.signal(signum, self._handle) for signum in signals}
        try:
            yield
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        first = self.signum is None
        self.signum = signum
        if first:
            self.clean_up()
        import asyncio  # imported by then: the app runs on it

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the app is not running (yet, or any more): unwind instead
            if signum == signal.SIGINT:
                raise KeyboardInterrupt from None
            raise Terminated(signum) from None
        loop.call_soon_threadsafe(self.exit_app, 128 + signum)
