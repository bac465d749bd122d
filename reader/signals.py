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


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextmanager
def terminating_raises() -> Iterator[None]:
    """Meanwhile, SIGTERM and SIGHUP raise :class:`Terminated` (in the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise_terminated) for signum in TERMINATING}
    try:
        yield
    finally:
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
