"""Writing an export: atomically, never over an existing file unless asked, and only ever a
regular file (never a device, a FIFO, a folder or a symbolic link)."""

from __future__ import annotations

import errno
import os
import signal
import stat
import tempfile
import threading
from pathlib import Path

from reader.text import sanitize

NAME_MAX = 255
"""The longest file name, in bytes, most file systems take (used when ``pathconf`` cannot say)."""

_TEMPORARY_EXTRA = len(".") + len(".") + 8 + len(".tmp")
"""What ``mkstemp`` adds around a temporary name's prefix: ``.PREFIX.xxxxxxxx.tmp``."""


class ExportError(OSError):
    """An export could not be written; ``str(error)`` is one line, fit for a user."""


class ExportExistsError(ExportError, FileExistsError):
    """The target exists and overwriting was not asked for."""


def _message(path: Path, reason: str) -> str:
    return f"{sanitize(str(path))}: {reason}".replace("\n", "␊")


_REASONS = {
    errno.ENAMETOOLONG: "file name too long",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.ELOOP: "symbolic link loop",
    errno.EIO: "input/output error",
}


def _reason(error: OSError, fallback: str = "cannot be written") -> str:
    return _REASONS.get(error.errno or 0) or (error.strerror or fallback).lower()


def write_atomic(path: str | Path, text: str, *, force: bool = False) -> Path:
    """Write ``text`` as UTF-8 to ``path`` in one step: the file is complete or not there.

    Lone surrogates (a file name that was not UTF-8, as Python decodes it) are written back
    as the name's own bytes.

    The text goes to a temporary file in the same folder (its name shortened when needed
    so that it fits the file system's name limit), is flushed to disk, then renamed over
    the target, so a reader never sees half a file and an interrupted write leaves the
    old file (or nothing) behind. Line ends are written as they are in ``text``. A replaced
    file keeps its permissions; a new one gets ``rw-r--r--``.

    Only a new name or an existing regular file is written, even with ``force``: a device
    (``/dev/null``), a FIFO, a socket, a folder or a symbolic link (``/dev/stdout``) is refused,
    since replacing it would put a plain file where it was.

    Args:
        path: Where to write.
        text: The whole content.
        force: Replace an existing regular file; without it an existing file is left untouched.

    Returns:
        The path written.

    Raises:
        ExportExistsError: The file exists and ``force`` is false.
        ExportError: The folder is missing or not writable, the target is not a regular
            file, the name is too long, the disk is full…; no temporary file is left behind.
    """
    target = Path(path)
    _check_target(target, force)
    held = _hold_signals()  # so that no signal falls between creating the temporary file and its clean-up
    try:
        descriptor, temporary = _make_temporary(target)
    except BaseException:
        _release_signals(held)
        raise
    try:
        _release_signals(held)  # a signal that came meanwhile is handled here, inside the clean-up
        with os.fdopen(descriptor, "wb") as file:
            file.write(text.encode("utf-8", "surrogateescape"))  # undecodable file names: their own bytes
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode(target))
        if force:
            _check_target(target, force)  # nothing else may have taken the name meanwhile
            os.replace(temporary, target)
        else:
            _link_without_replacing(temporary, target)
    except BaseException as error:  # also KeyboardInterrupt and the CLI's SIGTERM/SIGHUP exit
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, ExportError) or not isinstance(error, OSError):
            raise
        raise ExportError(_message(target, _reason(error))) from None
    return target


def _make_temporary(target: Path) -> tuple[int, str]:
    """Create the temporary file beside ``target``; its descriptor and path."""
    folder = target.parent
    try:
        return tempfile.mkstemp(dir=folder, prefix=_temporary_prefix(target), suffix=".tmp")
    except FileNotFoundError:
        reason = "cannot be created in this folder" if _is_dir(folder) else "no such folder"
        raise ExportError(_message(target, reason)) from None
    except NotADirectoryError:
        raise ExportError(_message(target, "no such folder (a file is in the way)")) from None
    except PermissionError:
        raise ExportError(_message(target, "permission denied (the folder is not writable)")) from None
    except OSError as error:
        raise ExportError(_message(target, _reason(error))) from None


_HELD_SIGNALS = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}


def _hold_signals() -> set[int] | None:
    """Block SIGINT, SIGTERM and SIGHUP in this thread; what to restore (``None``: nothing held)."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        return None
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS))


def _release_signals(held: set[int] | None) -> None:
    """Restore the signal mask; Python runs the handler of a signal held meanwhile right here."""
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _check_target(target: Path, force: bool) -> None:
    """Refuse a name that is too long, or that holds anything but a regular file (or, without
    ``force``, anything at all)."""
    try:
        name_max = os.pathconf(target.parent if str(target.parent) else ".", "PC_NAME_MAX")
    except (OSError, ValueError):
        name_max = NAME_MAX
    size = len(os.fsencode(target.name))
    if size > name_max:
        raise ExportError(_message(target, f"file name too long ({size} bytes; at most {name_max})"))
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise ExportError(_message(target, "no such folder (a file is in the way)")) from None
    except OSError as error:
        raise ExportError(_message(target, _reason(error, "cannot be examined"))) from None
    if stat.S_ISDIR(mode):
        raise ExportError(_message(target, "is a folder"))
    if not stat.S_ISREG(mode):
        raise ExportError(_message(target, f"is a {_kind(mode)}, not a regular file; give a new file name"))
    if not force:
        raise ExportExistsError(_message(target, "already exists"))


def _kind(mode: int) -> str:
    """What a file that is not regular is, in words."""
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _is_dir(path: Path) -> bool:
    """``path.is_dir()`` without the errors (EACCES, ENAMETOOLONG) Python 3.11 re-raises."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _temporary_prefix(target: Path) -> str:
    """``.NAME.``, with NAME cut (on a character boundary) so that the temporary name fits in
    :data:`NAME_MAX` bytes."""
    budget = NAME_MAX - _TEMPORARY_EXTRA
    name = target.name
    while len(os.fsencode(name)) > budget:
        name = name[:-1]
    return f".{name}."


def _link_without_replacing(temporary: str, target: Path) -> None:
    """Move the finished file into place, failing if the target appeared meanwhile."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise ExportExistsError(_message(target, "already exists")) from None
    except OSError as error:
        if error.errno in (errno.ENAMETOOLONG, errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
            raise
        # No hard links on this file system (e.g. some network or FAT mounts): rename instead.
        os.replace(temporary, target)
        return
    os.unlink(temporary)


def _mode(target: Path) -> int:
    """The permissions of the file being replaced, or ``rw-r--r--`` for a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o644
