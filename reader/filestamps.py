"""Noticing that a document's file changed on disk after it was read.

A stamp is what ``stat`` says about a file (size, modification time in nanoseconds, inode and
device): cheap enough to check every few seconds, and it changes whenever an editor saves
(in place or by renaming a new file over the old one).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

Stamp = tuple[int, int, int, int] | None
"""``(size, mtime_ns, inode, device)``, or ``None`` for a file that cannot be examined."""


def stamp(path: str) -> Stamp:
    """The file's stamp now."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev)


class FileStamps:
    """The stamps of some files, taken now, to ask later which of them changed.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt") as file:
    ...     stamps = FileStamps([file.name])
    ...     _ = file.write("more"); file.flush()
    ...     stamps.changed() == [file.name]
    True
    """

    def __init__(self, paths: Iterable[str] = ()) -> None:
        self._stamps = {path: stamp(path) for path in paths}

    def add(self, paths: Iterable[str]) -> None:
        """Stamp the paths not stamped yet (a path already stamped keeps its first stamp)."""
        for path in paths:
            if path not in self._stamps:
                self._stamps[path] = stamp(path)

    def restamp(self, paths: Iterable[str]) -> None:
        """Stamp the paths afresh (their files were just read again)."""
        for path in paths:
            self._stamps[path] = stamp(path)

    def changed(self) -> list[str]:
        """The paths whose file is not as it was when stamped (changed, replaced or gone)."""
        return [path for path, before in self._stamps.items() if stamp(path) != before]

    def changed_among(self, paths: Iterable[str]) -> list[str]:
        """:meth:`changed`, only for these paths."""
        return [path for path in dict.fromkeys(paths) if path in self._stamps and stamp(path) != self._stamps[path]]
