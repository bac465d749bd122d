"""Writing an export: atomically, never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reader.text import sanitize


class ExportError(OSError):
    """An export could not be written; ``str(error)`` is one line, fit for a user."""


class ExportExistsError(ExportError, FileExistsError):
    """The target exists and overwriting was not asked for."""


def _message(path: Path, reason: str) -> str:
    return f"{sanitize(str(path))}: {reason}".replace("\n", " ")


def write_atomic(path: str | Path, text: str, *, force: bool = False) -> Path:
    """Write ``text`` as UTF-8 to ``path`` in one step: the file is complete or not there.

    Lone surrogates (a file name that was not UTF-8, as Python decodes it) are written back
    as the name's own bytes.

    The text goes to a temporary file in the same folder, is flushed to disk, then renamed
    over the target, so a reader never sees half a file and an interrupted write leaves the
    old file (or nothing) behind. Line ends are written as they are in ``text``. A replaced
    file keeps its permissions; a new one gets ``rw-r--r--``.

    Args:
        path: Where to write.
        text: The whole content.
        force: Replace an existing file; without it an existing file is left untouched.

    Returns:
        The path written.

    Raises:
        ExportExistsError: The file exists and ``force`` is false.
        ExportError: The folder is missing or not writable, the target is a folder, the
            disk is full…; no temporary file is left behind.
    """
    target = Path(path)
    if target.is_dir():
        raise ExportError(_message(target, "is a folder"))
    if not force and os.path.lexists(target):
        raise ExportExistsError(_message(target, "already exists"))
    folder = target.parent
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except FileNotFoundError:
        reason = "cannot be created in this folder" if folder.is_dir() else "no such folder"
        raise ExportError(_message(target, reason)) from None
    except NotADirectoryError:
        raise ExportError(_message(target, "no such folder (a file is in the way)")) from None
    except PermissionError:
        raise ExportError(_message(target, "permission denied (the folder is not writable)")) from None
    except OSError as error:
        raise ExportError(_message(target, error.strerror or "cannot be written")) from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(text.encode("utf-8", "surrogateescape"))  # undecodable file names: their own bytes
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode(target))
        if force:
            os.replace(temporary, target)
        else:
            _link_without_replacing(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, ExportError) or not isinstance(error, OSError):
            raise
        raise ExportError(_message(target, error.strerror or "cannot be written")) from None
    return target


def _link_without_replacing(temporary: str, target: Path) -> None:
    """Move the finished file into place, failing if the target appeared meanwhile."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise ExportExistsError(_message(target, "already exists")) from None
    except OSError:
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
