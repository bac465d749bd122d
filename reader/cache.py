"""A cache of comparisons, so that reopening a pair does not align and diff it again.

Comparisons live in one SQLite file, ``comparisons.sqlite3``, in the user's cache folder:
``$READER_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/reader``, else ``~/.cache/reader``. An
entry is keyed by a SHA-256 of everything the rows depend on: both sides' titles, paragraph
texts and boilerplate reasons, typography folding, the aligner's options,
:data:`reader.compare.ENGINE_VERSION` and the source of the engine's modules.

An entry holds the rows and the links across rows (``reader.links``), compactly: each op is stored as the lengths of its texts, which
are cut back out of the row's side texts on the way out, so an entry is a small fraction of
the documents' size. Stats are recomputed. Entries are zlib-compressed JSON; the cache keeps
at most :data:`MAX_BYTES` of them and evicts the least recently used.

Nothing read back is trusted: an entry that does not decompress, parse or validate (every
paragraph in exactly one row, ops that rebuild each row's texts) is a miss and is replaced.
A file that is not a database, or a damaged one, is deleted and started again. Any other
SQLite or file system error (a locked database, a read-only or missing folder, a full disk)
is a miss, and the comparison is computed as if there were no cache.

A cache file (or its journal) that is a symbolic link is never opened, so no other database
is ever written through it. Another process holding the database costs at most
:data:`BUSY_TIMEOUT_SECONDS` once per run: a lookup that found it busy skips the store. A
database in a folder that cannot be written still serves hits, read as immutable (a WAL
database needs its ``-shm`` file, which cannot be created there).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import stat
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from reader import align, compare as compare_module, links, text, worddiff
from reader.align import Options
from reader.cachedir import cache_dir
from reader.compare import ENGINE_VERSION, KINDS, Comparison, Row, compare, summarize
from reader.compare import join_paragraphs as _join
from reader.corpus import Document
from reader.links import LINK_KINDS, Link
from reader.worddiff import DELETE, EQUAL, INSERT, Op

if TYPE_CHECKING:
    import sqlite3

"""Environment variable naming the cache folder (tests point it at a temporary folder)."""

NO_CACHE_ENV = "READER_NO_CACHE"
"""Environment variable that, set to anything but the empty string, turns the cache off."""

DATABASE_NAME = "comparisons.sqlite3"

MAX_BYTES = 200 * 1024 * 1024
"""Total size of the stored entries beyond which the least recently used are evicted."""

SCHEMA_VERSION = 1
"""Layout of the database (``PRAGMA user_version``); a database of another layout is reset."""

BUSY_TIMEOUT_SECONDS = 0.25
"""How long to wait for another process holding the database before counting a miss (its
writes take milliseconds; a lock held longer is someone else's, not worth waiting for)."""

_ENGINE_MODULES = (align, worddiff, compare_module, links, text)
_T = TypeVar("_T")


class InvalidEntry(ValueError):
    """A stored entry that does not fit the documents it is keyed by."""


def cached_compare(
    left: Document,
    right: Document,
    *,
    fold_typography: bool = False,
    options: Options = Options(),
    use_cache: bool = True,
    store_if: Callable[[], bool] | None = None,
    compute: Callable[[], Comparison] | None = None,
) -> Comparison:
    """Like :func:`reader.compare.compare`, but reuse a cached result when there is one.

    The result equals (``==``) what ``compare`` returns for the same arguments.

    Args:
        left: The reference version.
        right: The other version.
        fold_typography: Treat typography variants as equal (see ``compare``).
        options: Aligner tuning.
        use_cache: ``False`` computes without reading or writing the cache, as does a
            non-empty ``READER_NO_CACHE`` environment variable.
        store_if: Asked after computing; a false answer leaves the cache unwritten (the
            comparing child asks whether its parent is still there).
        compute: Called on a miss instead of ``compare`` with these arguments; it must give
            the same comparison (the comparing child hands its rows over before the store).
    """
    if compute is None:
        compute = functools.partial(compare, left, right, fold_typography=fold_typography, options=options)
    folder = cache_dir()
    if not use_cache or os.environ.get(NO_CACHE_ENV) or folder is None:
        return compute()
    cache = ComparisonCache(folder / DATABASE_NAME)
    try:
        key = cache_key(left, right, fold_typography=fold_typography, options=options)
    except OSError:  # the engine's source cannot be read (e.g. a frozen build)
        return compute()
    cached = cache.get(key, left, right, fold_typography=fold_typography)
    if cached is not None:
        return cached
    comparison = compute()
    if not cache.busy and (store_if is None or store_if()):
        cache.put(key, comparison)
    return comparison


def cache_key(left: Document, right: Document, *, fold_typography: bool, options: Options) -> str:
    """The hex SHA-256 of everything a comparison's rows depend on."""
    import hashlib  # imported here: a run without the cache never needs it (4 ms, OpenSSL)

    digest = hashlib.sha256()
    header = [ENGINE_VERSION, _engine_fingerprint(), fold_typography, dataclasses.asdict(options)]
    digest.update(json.dumps(header, sort_keys=True).encode())
    for document in (left, right):
        paragraphs = document.paragraphs
        outline = [document.title, [(len(p.text), p.boilerplate) for p in paragraphs]]
        digest.update(repr(outline).encode("utf-8", "surrogatepass"))
        digest.update("".join(p.text for p in paragraphs).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@functools.cache
def _engine_fingerprint() -> str:
    """A hash of the engine's source, so an edit that forgot to bump ENGINE_VERSION misses."""
    import hashlib

    digest = hashlib.sha256()
    for module in _ENGINE_MODULES:
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()


class ComparisonCache:
    """The comparisons stored in one SQLite database; every failure is a miss, never an error.

    Args:
        path: The database file; its folder is created when the first entry is stored.
        max_bytes: Total size of stored entries beyond which the least recently used go.
    """

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.busy = False
        """Whether another process held the database when last asked (then do not wait again)."""

    def get(self, key: str, left: Document, right: Document, *, fold_typography: bool) -> Comparison | None:
        """The cached comparison for ``key``, or ``None`` on a miss or any trouble."""
        if not self._usable() or not self.path.is_file():
            return None
        payload = self._run(lambda db: self._fetch(db, key))
        if payload is None and not self.busy and not _writable(self.path.parent):
            payload = self._read_immutable(key)
        if payload is None:
            return None
        try:
            rows, links = decode_entry(payload, left, right)
        except (ValueError, zlib.error):
            self._run(lambda db: db.execute("DELETE FROM entries WHERE key = ?", (key,)))
            return None
        return Comparison(left, right, rows, summarize(rows), fold_typography, links)

    def put(self, key: str, comparison: Comparison) -> None:
        """Store a comparison's rows under ``key`` and evict beyond the size bound."""
        payload = encode_rows(comparison.rows, comparison.links)
        try:
            valid = decode_entry(payload, comparison.left, comparison.right) == (comparison.rows, comparison.links)
        except InvalidEntry:
            valid = False
        if not valid or len(payload) > self.max_bytes:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        if self._usable():
            self._run(lambda db: self._store(db, key, payload))

    def _usable(self) -> bool:
        """Whether the database may be opened: neither it nor its journals is a symbolic link
        (or anything but a regular file), so SQLite never follows one to another database."""
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                mode = os.lstat(f"{self.path}{suffix}").st_mode
            except FileNotFoundError:
                continue
            except OSError:
                return False
            if not stat.S_ISREG(mode):
                return False
        return True

    def _read_immutable(self, key: str) -> bytes | None:
        """An entry read without locks or a ``-shm`` file (the folder cannot be written)."""
        import sqlite3  # imported here: a run without the cache never needs it (5 ms)

        uri = f"{self.path.absolute().as_uri()}?immutable=1"
        try:
            with closing(sqlite3.connect(uri, uri=True, isolation_level=None)) as db:
                if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                    return None
                found = db.execute("SELECT payload FROM entries WHERE key = ?", (key,)).fetchone()
        except (sqlite3.Error, OSError, ValueError):
            return None
        return None if found is None else bytes(found[0])

    def _fetch(self, db: sqlite3.Connection, key: str) -> bytes | None:
        import sqlite3

        found = db.execute("SELECT payload FROM entries WHERE key = ?", (key,)).fetchone()
        if found is None:
            return None
        try:
            db.execute("UPDATE entries SET used = ? WHERE key = ?", (time.time(), key))
        except sqlite3.OperationalError:
            pass  # a read-only or busy database still serves the hit; the entry just ages
        return bytes(found[0])

    def _store(self, db: sqlite3.Connection, key: str, payload: bytes) -> None:
        with _transaction(db):
            db.execute(
                "INSERT OR REPLACE INTO entries (key, payload, size, used) VALUES (?, ?, ?, ?)",
                (key, payload, len(payload), time.time()),
            )
            total = db.execute("SELECT COALESCE(SUM(size), 0) FROM entries").fetchone()[0]
            if total <= self.max_bytes:
                return
            for old_key, size in db.execute("SELECT key, size FROM entries ORDER BY used").fetchall():
                db.execute("DELETE FROM entries WHERE key = ?", (old_key,))
                total -= size
                if total <= self.max_bytes:
                    break

    def _run(self, action: Callable[[sqlite3.Connection], _T], *, start_afresh: bool = True) -> _T | None:
        """Run an action on the open database; ``None`` if SQLite or the file system fails.

        A file that SQLite finds is not a database, or a damaged one, is deleted and the
        action runs once more on a new database.
        """
        import sqlite3

        try:
            with self._connect() as db:
                return action(db)
        except sqlite3.DatabaseError as error:
            # The base class itself means "not a database" or "malformed"; its subclasses
            # (locked, read-only, disk full, ...) are passing trouble.
            if type(error) is sqlite3.DatabaseError and start_afresh:
                self._delete_files()
                return self._run(action, start_afresh=False)
            if "locked" in str(error) or "busy" in str(error):
                self.busy = True
            return None
        except (sqlite3.Error, OSError):
            return None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        import sqlite3

        with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)) as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                self._create_schema(db)
            yield db

    @staticmethod
    def _create_schema(db: sqlite3.Connection) -> None:
        db.execute("PRAGMA journal_mode = WAL")
        with _transaction(db):
            if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
                return  # another process made it meanwhile
            db.execute("DROP TABLE IF EXISTS entries")
            db.execute(
                "CREATE TABLE entries (key TEXT PRIMARY KEY, payload BLOB NOT NULL, "
                "size INTEGER NOT NULL, used REAL NOT NULL)"
            )
            db.execute("CREATE INDEX entries_used ON entries (used)")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _delete_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with suppress(OSError):
                os.remove(f"{self.path}{suffix}")


def _writable(folder: Path) -> bool:
    """Whether files can be created in ``folder`` (``os.access`` says yes to root even on a
    read-only mount, hence the ``statvfs`` flag)."""
    try:
        read_only_mount = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        read_only_mount = False
    return not read_only_mount and os.access(folder, os.W_OK)


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction; on an error it is left open and rolled back as the connection closes."""
    db.execute("BEGIN IMMEDIATE")
    yield
    db.execute("COMMIT")


# Entries -------------------------------------------------------------------------------------


def encode_rows(rows: tuple[Row, ...], links: tuple[Link, ...] = ()) -> bytes:
    """Rows (each op reduced to the lengths of its texts) and links as compressed JSON."""
    encoded = [
        [row.kind, row.left, row.right, row.similarity, row.boilerplate, row.score, [_op_lengths(op) for op in row.ops]]
        for row in rows
    ]
    linked = [[link.left, link.right, link.kind, *link.left_span, *link.right_span, link.score] for link in links]
    return zlib.compress(json.dumps({"rows": encoded, "links": linked}, separators=(",", ":")).encode(), 6)


def _op_lengths(op: Op) -> list[Any]:
    return [op[0], *(len(part) for part in op[1:])]


def decode_rows(payload: bytes, left: Document, right: Document) -> tuple[Row, ...]:
    """Rebuild rows from :func:`encode_rows` output, checking them against the documents.

    Raises:
        InvalidEntry: The rows leave out or repeat a paragraph, or their ops do not cover
            each row's texts exactly.
        ValueError, zlib.error: The payload is damaged (not zlib, UTF-8 or JSON).
    """
    return decode_entry(payload, left, right)[0]


def decode_entry(payload: bytes, left: Document, right: Document) -> tuple[tuple[Row, ...], tuple[Link, ...]]:
    """Rebuild rows and links from :func:`encode_rows` output, checking both (see :func:`decode_rows`)."""
    entry = json.loads(zlib.decompress(payload))
    if (
        not isinstance(entry, dict)
        or not isinstance(entry.get("rows"), list)
        or not isinstance(entry.get("links"), list)
    ):
        raise InvalidEntry("not rows and links")
    rows = _decode_row_list(entry["rows"], left, right)
    return rows, tuple(_decode_link(item, left, right) for item in entry["links"])


def _decode_link(item: Any, left: Document, right: Document) -> Link:
    """One stored link, checked: paragraphs in range, a known kind, spans inside the paragraphs."""
    if not isinstance(item, list) or len(item) != 8 or not all(type(n) is int for n in (*item[:2], *item[3:7])):
        raise InvalidEntry("a link is not eight fields")
    i, j, kind, ls, le, rs, re_, score = item
    if kind not in LINK_KINDS or not (0 <= i < len(left.paragraphs) and 0 <= j < len(right.paragraphs)):
        raise InvalidEntry("a link has a bad kind or paragraph")
    if not (0 <= ls <= le <= len(left.paragraphs[i].text) and 0 <= rs <= re_ <= len(right.paragraphs[j].text)):
        raise InvalidEntry("a link's sentence lies outside its paragraph")
    return Link(i, j, kind, (ls, le), (rs, re_), _share(score))


def _decode_row_list(encoded: list[Any], left: Document, right: Document) -> tuple[Row, ...]:
    """Rows checked against the documents (see :func:`decode_rows`)."""
    left_seen = [False] * len(left.paragraphs)
    right_seen = [False] * len(right.paragraphs)
    rows = []
    for item in encoded:
        if not isinstance(item, list) or len(item) != 7:
            raise InvalidEntry("a row is not a list of seven fields")
        kind, left_indices, right_indices, similarity, boilerplate, score, op_lengths = item
        if kind not in KINDS or not isinstance(boilerplate, bool) or not isinstance(op_lengths, list):
            raise InvalidEntry("a row has a bad kind, boilerplate flag or ops")
        left_part = _claim(left_indices, left_seen)
        right_part = _claim(right_indices, right_seen)
        if (kind == "added") != (not left_part) or (kind == "dropped") != (not right_part):
            raise InvalidEntry("a row's sides do not fit its kind")
        ops = _cut_ops(op_lengths, _join(left, left_part), _join(right, right_part))
        rows.append(Row(kind, left_part, right_part, _share(similarity), ops, boilerplate, _share(score)))
    if not all(left_seen) or not all(right_seen):
        raise InvalidEntry("some paragraphs are in no row")
    return tuple(rows)


def _claim(indices: Any, seen: list[bool]) -> tuple[int, ...]:
    """Mark a row's paragraph indices as seen; each must exist and be seen once only."""
    if not isinstance(indices, list):
        raise InvalidEntry("row indices are not a list")
    for index in indices:
        if type(index) is not int or not 0 <= index < len(seen) or seen[index]:
            raise InvalidEntry("a paragraph index is out of range or repeated")
        seen[index] = True
    return tuple(indices)


def _share(value: Any) -> float:
    if type(value) not in (int, float) or not 0 <= value <= 1:
        raise InvalidEntry("a similarity or score is not a number in 0..1")
    return float(value)


def _cut_ops(op_lengths: list[Any], left_text: str, right_text: str) -> tuple[Op, ...]:
    """Ops cut out of the row's texts by their lengths; they must use both texts up exactly."""
    ops: list[Op] = []
    i = j = 0
    for item in op_lengths:
        if (
            not isinstance(item, list)
            or len(item) not in (2, 3)
            or not all(type(n) is int and n >= 0 for n in item[1:])
        ):
            raise InvalidEntry("an op is not a code with lengths")
        if item[0] == EQUAL and len(item) == 3:
            ops.append((EQUAL, left_text[i : i + item[1]], right_text[j : j + item[2]]))
            i, j = i + item[1], j + item[2]
        elif item[0] == EQUAL and len(item) == 2:
            piece = left_text[i : i + item[1]]
            if piece != right_text[j : j + item[1]]:
                raise InvalidEntry("an equal op covers different texts")
            ops.append((EQUAL, piece))
            i, j = i + item[1], j + item[1]
        elif item[0] == DELETE and len(item) == 2:
            ops.append((DELETE, left_text[i : i + item[1]]))
            i += item[1]
        elif item[0] == INSERT and len(item) == 2:
            ops.append((INSERT, right_text[j : j + item[1]]))
            j += item[1]
        else:
            raise InvalidEntry("an op has an unknown code")
    if i != len(left_text) or j != len(right_text):
        raise InvalidEntry("the ops do not rebuild the row's texts")
    return tuple(ops)
