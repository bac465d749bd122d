"""An index of a large folder: which documents are versions of one story (families).

The index is one SQLite file, kept beside the comparison cache (``$READER_CACHE_DIR``, else
``$XDG_CACHE_HOME/reader``, else ``~/.cache/reader``, in ``index/``, one file per folder, named
from the folder's resolved path) or wherever the caller says. The folder itself is only read.

Building it runs in steps, each of which commits its results in small transactions, so an
interrupted run loses nothing already committed and a re-run repeats nothing (every write is an
idempotent upsert keyed by the document's name):

1. **Scan**: the folder's files with size and modification time; files that are new, or whose
   size or time changed, are (re)read; documents gone from the folder are deleted, with their
   buckets and links, and the documents they were linked to are marked for a new family.
2. **Sign** (a map over batches of files, on Dask): each file is read as
   :func:`reader.corpus.load_document` reads it; its content words (web cruft left out) give
   shingles of :data:`SHINGLE_WORDS` words, kept as a sorted array of 32-bit hashes, and a
   datasketch MinHash of them, cut into LSH bands (datasketch's ``MinHashLSH`` picks the bands
   for :data:`LSH_THRESHOLD`). The band keys are stored in SQLite, so a new document is
   matched against the stored buckets without rebuilding anything. A file whose bytes did not
   change (same SHA-256) keeps its links.
3. **Link**: documents that share a bucket are candidates; a candidate pair is confirmed by
   the exact containment of their shingle sets (tasks per batch of pairs, on Dask).
4. **Families**: connected components of confirmed links, found by walking the links from the
   documents that changed, so only their families are touched, and memory holds one family.
5. **Relations**: inside each new or changed family, each document's relation to its nearest
   neighbour (tasks per batch of families, on Dask), through :func:`family_relations`.

The Dask work runs on whatever ``distributed.Client`` the caller gives (a local cluster of this
machine's cores, or a remote scheduler); the workers read the files by their absolute path, so
on a cluster the folder must be at the same path on every worker (a shared file system). Only
the calling process writes the database.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.corpus import Document, DocumentError, decode_with_note, document_from_text, read_file
from reader.cachedir import cache_dir
from reader.text import WORD_RE

if TYPE_CHECKING:
    import numpy as np
    from distributed import Client

INDEX_VERSION = 1
"""Layout and parameters of the index (``PRAGMA user_version``); another value is rebuilt."""
SHINGLE_WORDS = 2
"""Content words per shingle: pairs keep rewrites (a substituted word breaks two shingles)
while two stories on one topic share few of them."""
NUM_PERM = 128
"""MinHash permutations."""
LSH_THRESHOLD = 0.25
"""Jaccard similarity of shingle sets around which LSH makes a pair a candidate (datasketch
picks 42 bands of 3 rows: a pair at 0.25 is a candidate about half the time, at 0.4 93 %,
at 0.5 99.5 %; a pair at 0.02 almost never)."""
CONTAINMENT = 0.3
"""Share of the smaller document's shingles the other must hold to confirm a candidate."""
MIN_SHARED = 8
"""Fewest shared shingles that confirm a candidate (short documents are too noisy below)."""
SIGN_BATCH = 100
"""Files per signing task."""
CROWDED_BUCKET = 200
"""Members of one LSH bucket from which it no longer makes every member a candidate of every
other (n² pairs): each member becomes a candidate of the bucket's :data:`BUCKET_HUBS` first
documents instead, a star that keeps the family whole while the candidates grow linearly
(one wire story reprinted on thousands of sites, or one page template)."""
BUCKET_HUBS = 8
"""The members of a crowded bucket, lowest ids first, that every other member is paired with."""
LINK_CHUNK = 2000
"""Documents whose candidates are looked up, confirmed and committed together."""
PAIRS_PER_TASK = 5000
"""Candidate pairs per confirmation task."""
DOCUMENTS_PER_RELATION_TASK = 60
"""Family members per relation task (whole families; a larger family is a task alone)."""
FAMILY_FLUSH = 5000
"""Documents whose families are committed together."""
LARGE_FOLDER = 2000
"""From this many files on, ``reader overview`` reads the index instead of comparing all pairs."""
BUSY_TIMEOUT_SECONDS = 30.0

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` from the calling thread."""


class IndexUnusable(Exception):
    """The index cannot be built or read; the message is one line, fit for a user."""


# Where the index lives ---------------------------------------------------------------------


def default_index_path(folder: str | os.PathLike[str]) -> Path | None:
    """The index file for a folder, beside the cache; ``None`` when there is no cache folder.

    For ``/data/crawl``: ``CACHE/index/crawl-<16 hex digits of the path's SHA-256>.sqlite3``.
    """
    base = cache_dir()
    if base is None:
        return None
    resolved = str(Path(folder).resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    stem = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in Path(resolved).name)[:40] or "root"
    return base / "index" / f"{stem}-{digest}.sqlite3"


# Signing (runs on the Dask workers) --------------------------------------------------------


@dataclass(frozen=True)
class Signed:
    """What a worker returns for one file."""

    name: str
    size: int
    mtime_ns: int
    sha256: str = ""
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    words: int = 0
    paragraphs: int = 0
    cruft: int = 0
    shingles: bytes = b""
    signature: bytes = b""
    bands: tuple[int, ...] = ()
    error: str | None = None


def _identity(value: int) -> int:
    return value


_STOP = frozenset(
    "the and for that with this from have has had was were are been but not his her their they "
    "its said will would could should about after also into more than which when who what where "
    "there some other over such only then them these those while our out one two all any can may".split()
)
"""Words too common to tell stories apart (the overview's list)."""
_MIX = 0x9E3779B1
_LOW32 = 0xFFFFFFFF


def content_words(text: str) -> list[str]:
    """Casefolded words of three letters or more that are not stop words.

    >>> content_words("The envoy said: talks in Beijing went well.")
    ['envoy', 'talks', 'beijing', 'went', 'well']
    """
    return [w for w in WORD_RE.findall(text.casefold()) if len(w) > 2 and w not in _STOP]


def shingle_hashes(document: Document) -> np.ndarray:
    """Sorted unique 32-bit hashes of the document's content-word shingles (cruft left out).

    A shingle is :data:`SHINGLE_WORDS` consecutive content words; each word is hashed once
    (CRC-32, the same on every machine) and the hashes of a shingle are mixed arithmetically.
    """
    import numpy as np

    content = [w for p in document.paragraphs if not p.is_boilerplate for w in content_words(p.text)]
    if not content:
        return np.zeros(0, dtype=np.uint32)
    hashes = np.fromiter(
        (zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in content), dtype=np.uint64, count=len(content)
    )
    count = max(1, len(content) - SHINGLE_WORDS + 1)
    mixed = hashes[:count].copy()
    for offset in range(1, min(SHINGLE_WORDS, len(content))):
        mixed = ((mixed * np.uint64(_MIX)) & np.uint64(_LOW32)) ^ hashes[offset : offset + count]
    return np.unique(mixed.astype(np.uint32))


@functools.cache
def lsh_shape() -> tuple[int, int]:
    """Bands and rows per band that datasketch's MinHashLSH chooses for our threshold."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1).permutations


def signature(hashes: np.ndarray) -> np.ndarray:
    """The MinHash of a shingle-hash array (32-bit values, as datasketch keeps them)."""
    import numpy as np

    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_identity, permutations=_permutations())
    if len(hashes):
        minhash.update_batch(hashes.tolist())
    return minhash.hashvalues.astype(np.uint32)


def band_keys(values: np.ndarray, bands: int, rows: int) -> tuple[int, ...]:
    """One signed 64-bit key per LSH band of a signature."""
    return tuple(
        int.from_bytes(
            hashlib.blake2b(values[b * rows : (b + 1) * rows].tobytes(), digest_size=8).digest(), "little", signed=True
        )
        for b in range(bands)
    )


def sign_file(root: str, name: str, shape: tuple[int, int] | None = None) -> Signed:
    """Read one file of the folder and compute what the index keeps of it.

    Args:
        root: The folder.
        name: The file's name in it.
        shape: LSH bands and rows per band (default: :func:`lsh_shape`).
    """
    path = os.path.join(root, name)
    try:
        info = os.stat(path)
    except OSError:
        return Signed(name, 0, 0, error="disappeared before it could be read")
    try:
        data = read_file(path)
        text, encoding, note = decode_with_note(data, path)
        document = document_from_text(text, name=path, encoding=encoding, read_note=note)
    except DocumentError as error:
        return Signed(name, info.st_size, info.st_mtime_ns, error=error.reason)
    hashes = shingle_hashes(document)
    bands, rows = shape or lsh_shape()
    values = signature(hashes)
    return Signed(
        name,
        info.st_size,
        info.st_mtime_ns,
        sha256=hashlib.sha256(data).hexdigest(),
        title=document.title,
        byline=document.byline,
        date=document.date,
        words=document.word_count,
        paragraphs=len(document.paragraphs),
        cruft=document.boilerplate_count,
        shingles=hashes.tobytes(),
        signature=values.tobytes(),
        # too few shingles to ever be confirmed: no buckets (they would gather every short page)
        bands=band_keys(values, bands, rows) if len(hashes) >= MIN_SHARED else (),
    )


def sign_batch(root: str, names: Sequence[str], shape: tuple[int, int] | None = None) -> list[Signed]:
    """Sign a batch of files (one Dask task)."""
    shape = shape or lsh_shape()
    return [sign_file(root, name, shape) for name in names]


# Confirmation (runs on the Dask workers) ---------------------------------------------------


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[int, float, float]:
    """Shared shingles, containment (of the smaller set) and Jaccard of two hash arrays."""
    import numpy as np

    if not len(a) or not len(b):
        return 0, 0.0, 0.0
    shared = int(np.intersect1d(a, b, assume_unique=True).size)
    return shared, shared / min(len(a), len(b)), shared / (len(a) + len(b) - shared)


def confirm_pairs(pairs: Sequence[tuple[int, int]], shingles: dict[int, bytes]) -> list[tuple[int, int, float, float]]:
    """The candidate pairs that really share content, with containment and Jaccard (one task)."""
    import numpy as np

    arrays = {doc: np.frombuffer(data, dtype=np.uint32) for doc, data in shingles.items()}
    confirmed = []
    for a, b in pairs:
        shared, containment, jaccard = overlap(arrays[a], arrays[b])
        if shared >= MIN_SHARED and containment >= CONTAINMENT:
            confirmed.append((a, b, round(containment, 4), round(jaccard, 4)))
    return confirmed


# Relations (runs on the Dask workers) ------------------------------------------------------


def family_relations(documents: Sequence[Document]) -> tuple[int | None, list[dict[str, Any]]]:
    """The likely original and each document's relation to its nearest neighbour in a family.

    This is the one place the index asks for relations: it reuses :mod:`reader.overview`
    (point it at another relation builder and every index gets its relations from there).

    Returns:
        The index of the likely original in ``documents`` and, per document, a dict with
        ``document`` and ``neighbour`` (indices into ``documents``), ``kind``, ``similarity``,
        ``aligned``, ``paragraphs``, ``shared_facts``, the verdict's ``verbatim_sentences``,
        ``direction``, ``confidence`` and ``evidence``, and ``description`` (with file names).
    """
    from reader.overview import build_overview, relation_fields

    overview = build_overview(documents)
    names = [d.name or d.path for d in documents]
    relations = [
        {
            **relation_fields(r),
            "evidence": list(r.evidence),
            "description": r.describe(names),
        }
        for r in overview.relations
    ]
    return overview.original, relations


@dataclass(frozen=True)
class FamilyResult:
    """What a relation task returns for one family."""

    family: int
    members: tuple[int, ...]
    original: int | None
    relations: str
    first_date: str | None
    last_date: str | None
    title: str | None
    error: str | None = None


def relate_families(root: str, families: Sequence[tuple[int, Sequence[tuple[int, str]]]]) -> list[FamilyResult]:
    """Load each family's members and relate them (one task, several small families)."""
    from reader.corpus import load_document

    results = []
    for family, members in families:
        documents, ids = [], []
        for doc, name in members:
            try:
                documents.append(load_document(os.path.join(root, name)))
                ids.append(doc)
            except DocumentError:
                continue  # gone or broken since it was signed; the next update removes it
        member_ids = tuple(doc for doc, _ in members)
        if len(documents) < 2:
            results.append(
                FamilyResult(family, member_ids, ids[0] if ids else None, "[]", None, None, None, "members unreadable")
            )
            continue
        original, relations = family_relations(documents)
        for relation in relations:
            relation["document"] = ids[relation["document"]]
            if relation["neighbour"] is not None:
                relation["neighbour"] = ids[relation["neighbour"]]
        dates = sorted(d.date for d in documents if d.date)
        original_id = ids[original] if original is not None else None
        title = documents[original].display_title if original is not None else None
        results.append(
            FamilyResult(
                family,
                member_ids,
                original_id,
                json.dumps(relations, ensure_ascii=False),
                dates[0] if dates else None,
                dates[-1] if dates else None,
                title,
            )
        )
    return results


# The database ------------------------------------------------------------------------------

_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL,
        size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL,
        title TEXT, byline TEXT, date TEXT,
        words INTEGER NOT NULL DEFAULT 0, paragraphs INTEGER NOT NULL DEFAULT 0,
        cruft INTEGER NOT NULL DEFAULT 0, error TEXT,
        shingles BLOB, signature BLOB,
        linked INTEGER NOT NULL DEFAULT 0, family INTEGER)""",
    "CREATE INDEX documents_family ON documents (family)",
    "CREATE INDEX documents_unlinked ON documents (linked) WHERE linked = 0",
    "CREATE TABLE buckets (band INTEGER NOT NULL, key INTEGER NOT NULL, doc INTEGER NOT NULL, "
    "PRIMARY KEY (band, key, doc)) WITHOUT ROWID",
    "CREATE INDEX buckets_doc ON buckets (doc)",
    "CREATE TABLE links (a INTEGER NOT NULL, b INTEGER NOT NULL, containment REAL NOT NULL, "
    "jaccard REAL NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID",
    "CREATE INDEX links_b ON links (b)",
    "CREATE TABLE dirty (doc INTEGER PRIMARY KEY)",
    """CREATE TABLE families (
        id INTEGER PRIMARY KEY, size INTEGER NOT NULL, original INTEGER,
        first_date TEXT, last_date TEXT, title TEXT, relations TEXT)""",
)


@contextmanager
def open_index(path: Path, *, create: bool = True) -> Iterator[sqlite3.Connection]:
    """Open (and, when allowed, create) the index database; a stale layout is started afresh.

    Raises:
        IndexUnusable: The file cannot be opened or is not an index.
    """
    if not create and not path.is_file():
        raise IndexUnusable(f"{path}: no index yet (run: reader index DIR)")
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except (OSError, sqlite3.Error) as error:
        raise IndexUnusable(f"{path}: cannot open the index ({error})") from None
    with closing(db):
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != INDEX_VERSION:
                if not create:
                    raise IndexUnusable(f"{path}: made by another version of reader (run: reader index DIR)")
                _create_schema(db)
            db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as error:
            raise IndexUnusable(f"{path}: not a usable index ({error})") from None
        yield db


def _create_schema(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode = WAL")
    with transaction(db):
        if db.execute("PRAGMA user_version").fetchone()[0] == INDEX_VERSION:
            return
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            db.execute(f'DROP TABLE IF EXISTS "{table}"')
        for statement in _SCHEMA:
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {INDEX_VERSION}")


def remove_index(path: Path) -> None:
    """Delete an index database and its journal files, if there are any."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(f"{path}{suffix}")
        except FileNotFoundError:
            pass
        except OSError as error:
            raise IndexUnusable(f"{path}{suffix}: cannot be removed ({error.strerror})") from None


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, rolled back if anything (Ctrl+C included) interrupts it."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


# Building ----------------------------------------------------------------------------------


@dataclass
class IndexReport:
    """What an index run did."""

    documents: int = 0
    added: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0
    unreadable: int = 0
    candidates: int = 0
    crowded_buckets: int = 0
    links: int = 0
    families_updated: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def scan_folder(folder: str | os.PathLike[str], *, skip: frozenset[str] = frozenset()) -> dict[str, tuple[int, int]]:
    """The visible files directly in a folder but those in ``skip``: name to (size, mtime in ns).

    Raises:
        IndexUnusable: The folder is missing or cannot be listed.
    """
    found: dict[str, tuple[int, int]] = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") or entry.name in skip:
                    continue
                try:
                    if entry.is_dir():
                        continue
                    info = entry.stat()
                except OSError:
                    found[entry.name] = (-1, -1)  # signed anyway, so its error is recorded
                    continue
                found[entry.name] = (info.st_size, info.st_mtime_ns)
    except FileNotFoundError:
        raise IndexUnusable(f"{folder}: no such folder") from None
    except NotADirectoryError:
        raise IndexUnusable(f"{folder}: not a folder") from None
    except PermissionError:
        raise IndexUnusable(f"{folder}: permission denied") from None
    return found


def _batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _drop_links(db: sqlite3.Connection, doc: int) -> None:
    """Delete a document's links and buckets; its partners must find their family again."""
    db.execute(
        "INSERT OR IGNORE INTO dirty (doc) SELECT b FROM links WHERE a = ? UNION SELECT a FROM links WHERE b = ?",
        (doc, doc),
    )
    db.execute("DELETE FROM links WHERE a = ? OR b = ?", (doc, doc))
    db.execute("DELETE FROM buckets WHERE doc = ?", (doc,))


def _store_signed(db: sqlite3.Connection, signed: Signed) -> str:
    """Upsert one signed file; return ``added``, ``changed`` or ``touched`` (same bytes)."""
    row = db.execute("SELECT id, sha256, error FROM documents WHERE name = ?", (signed.name,)).fetchone()
    if row is not None and row[1] == signed.sha256 and signed.sha256 and row[2] is None:
        db.execute("UPDATE documents SET size = ?, mtime_ns = ? WHERE id = ?", (signed.size, signed.mtime_ns, row[0]))
        return "touched"
    values = (
        signed.size,
        signed.mtime_ns,
        signed.sha256,
        signed.title,
        signed.byline,
        signed.date,
        signed.words,
        signed.paragraphs,
        signed.cruft,
        signed.error,
        signed.shingles,
        signed.signature,
    )
    if row is None:
        doc = db.execute(
            "INSERT INTO documents (size, mtime_ns, sha256, title, byline, date, words, paragraphs, cruft, error, "
            "shingles, signature, name, linked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            (*values, signed.name),
        ).lastrowid
        outcome = "added"
    else:
        doc = row[0]
        _drop_links(db, doc)
        db.execute(
            "UPDATE documents SET size = ?, mtime_ns = ?, sha256 = ?, title = ?, byline = ?, date = ?, words = ?, "
            "paragraphs = ?, cruft = ?, error = ?, shingles = ?, signature = ?, linked = 0 WHERE id = ?",
            (*values, doc),
        )
        outcome = "changed"
    db.executemany(
        "INSERT OR IGNORE INTO buckets (band, key, doc) VALUES (?, ?, ?)",
        [(band, key, doc) for band, key in enumerate(signed.bands)],
    )
    if signed.error is not None:
        db.execute("UPDATE documents SET linked = 1, family = NULL WHERE id = ?", (doc,))
        db.execute("INSERT OR IGNORE INTO dirty (doc) VALUES (?)", (doc,))
    return outcome


def _delete_documents(db: sqlite3.Connection, ids: Iterable[int]) -> None:
    for doc in ids:
        _drop_links(db, doc)
        db.execute("DELETE FROM dirty WHERE doc = ?", (doc,))
        family = db.execute("SELECT family FROM documents WHERE id = ?", (doc,)).fetchone()
        if family and family[0] is not None:
            db.execute("DELETE FROM families WHERE id = ?", (family[0],))
        db.execute("DELETE FROM documents WHERE id = ?", (doc,))


def build_index(
    folder: str | os.PathLike[str],
    path: Path,
    client_factory: Callable[[], Client],
    *,
    progress: Progress | None = None,
) -> IndexReport:
    """Build or update the index of ``folder`` in the database at ``path``.

    Args:
        folder: The folder of documents (only read).
        path: The index database (created if missing).
        client_factory: Returns the Dask client to run on; called only if there is work.
        progress: Told about each stage's progress.

    Raises:
        IndexUnusable: The folder or the index cannot be used.
    """
    root = str(Path(folder).resolve())
    report = IndexReport()
    clock = time.perf_counter()
    client: Client | None = None

    def get_client() -> Client:
        nonlocal client
        if client is None:
            client = client_factory()
        return client

    def tell(stage: str, done: int, total: int) -> None:
        if progress:
            progress(stage, done, total)

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.seconds[stage] = round(now - clock, 3)
        clock = now

    with open_index(path) as db:
        stored_root = db.execute("SELECT value FROM meta WHERE key = 'root'").fetchone()
        if stored_root is not None and stored_root[0] != root:
            raise IndexUnusable(f"{path}: the index of another folder ({stored_root[0]}); give another --index PATH")
        if stored_root is None:
            with transaction(db):
                db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('root', ?)", (root,))
        # an index kept inside the folder (asked for with --index) is not one of its documents
        skip = frozenset(f"{path.name}{suffix}" for suffix in ("", "-wal", "-shm", "-journal"))
        present = scan_folder(root, skip=skip if path.resolve().parent == Path(root) else frozenset())
        known = {
            name: (doc, size, mtime)
            for doc, name, size, mtime in db.execute("SELECT id, name, size, mtime_ns FROM documents")
        }
        gone = [known[name][0] for name in known if name not in present]
        for chunk in _batches(gone, 500):
            with transaction(db):
                _delete_documents(db, chunk)
        report.deleted = len(gone)
        to_sign = sorted(name for name, stat in present.items() if name not in known or known[name][1:] != stat)
        report.unchanged = len(present) - len(to_sign)
        del known
        lap("scan")

        tell("reading", 0, len(to_sign))
        if to_sign:
            from distributed import as_completed

            dask = get_client()
            batches = list(_batches(to_sign, SIGN_BATCH))
            futures = dask.map(sign_batch, [root] * len(batches), batches, shape=lsh_shape(), pure=False)
            done = 0
            for future in as_completed(futures):
                batch: list[Signed] = _result(future)
                future.release()
                with transaction(db):
                    for signed in batch:
                        outcome = _store_signed(db, signed)
                        if outcome == "added":
                            report.added += 1
                        elif outcome == "changed":
                            report.changed += 1
                        else:
                            report.unchanged += 1
                done += len(batch)
                tell("reading", done, len(to_sign))
        lap("sign")

        _link(db, get_client, report, tell)
        lap("link")
        _find_families(db, report, tell)
        lap("families")
        _relate(db, root, get_client, report, tell)
        lap("relations")
        report.documents = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        report.unreadable = db.execute("SELECT COUNT(*) FROM documents WHERE error IS NOT NULL").fetchone()[0]
    return report


def _result(future: Any) -> Any:
    """A task's result; a worker without reader installed is the user's to fix, in one line."""
    try:
        return future.result()
    except ModuleNotFoundError as error:
        raise IndexUnusable(f"a Dask worker cannot import {error.name} (install reader on every worker)") from None


def _link(db: sqlite3.Connection, get_client: Callable[[], Client], report: IndexReport, tell: Progress) -> None:
    """Find and confirm the candidates of every unlinked document, a chunk at a time."""
    unlinked = [row[0] for row in db.execute("SELECT id FROM documents WHERE linked = 0 ORDER BY id")]
    unlinked_set = set(unlinked)
    hubs = _crowded_bucket_hubs(db) if unlinked else {}
    report.crowded_buckets = len(hubs)
    tell("linking", 0, len(unlinked))
    for done, chunk in enumerate(_batches(unlinked, LINK_CHUNK)):
        pairs: set[tuple[int, int]] = set()
        for part in _batches(chunk, 900):  # old SQLite allows 999 parameters
            marks = ",".join("?" * len(part))
            for x, y in db.execute(
                f"SELECT DISTINCT p.doc, q.doc FROM buckets p JOIN buckets q ON q.band = p.band AND q.key = p.key "
                f"AND q.doc != p.doc WHERE p.doc IN ({marks}) AND NOT EXISTS "
                f"(SELECT 1 FROM temp.crowded c WHERE c.band = p.band AND c.key = p.key)",
                part,
            ):
                if y in unlinked_set and y < x:
                    continue  # found when the smaller one's chunk was (or will be) linked
                pairs.add((min(x, y), max(x, y)))
            if hubs:
                for x, band, key in db.execute(
                    f"SELECT p.doc, p.band, p.key FROM buckets p JOIN temp.crowded c ON c.band = p.band "
                    f"AND c.key = p.key WHERE p.doc IN ({marks})",
                    part,
                ):
                    star = hubs[(band, key)]
                    for y in star:
                        if y == x or (x in star and y in unlinked_set and y < x):
                            continue  # between two hubs: found from the smaller one, as above
                        pairs.add((min(x, y), max(x, y)))
        report.candidates += len(pairs)
        confirmed: list[tuple[int, int, float, float]] = []
        if pairs:
            ordered = sorted(pairs)
            docs = sorted({d for pair in ordered for d in pair})
            shingles: dict[int, bytes] = {}
            for part in _batches(docs, 900):
                shingles.update(
                    db.execute(f"SELECT id, shingles FROM documents WHERE id IN ({','.join('?' * len(part))})", part)
                )
            dask = get_client()
            futures = []
            for batch in _batches(ordered, PAIRS_PER_TASK):
                needed = {d: shingles[d] for pair in batch for d in pair}
                futures.append(dask.submit(confirm_pairs, list(batch), needed, pure=False))
            for future in futures:
                confirmed.extend(_result(future))
                future.release()
        with transaction(db):
            db.executemany("INSERT OR REPLACE INTO links (a, b, containment, jaccard) VALUES (?, ?, ?, ?)", confirmed)
            db.executemany("UPDATE documents SET linked = 1 WHERE id = ?", [(d,) for d in chunk])
            db.executemany("INSERT OR IGNORE INTO dirty (doc) VALUES (?)", [(d,) for d in chunk])
        report.links += len(confirmed)
        tell("linking", min(len(unlinked), (done + 1) * LINK_CHUNK), len(unlinked))


def _crowded_bucket_hubs(db: sqlite3.Connection) -> dict[tuple[int, int], tuple[int, ...]]:
    """The crowded buckets (see :data:`CROWDED_BUCKET`), listed in ``temp.crowded``, with their hubs."""
    db.execute(
        "CREATE TEMP TABLE IF NOT EXISTS crowded (band INTEGER NOT NULL, key INTEGER NOT NULL, "
        "PRIMARY KEY (band, key)) WITHOUT ROWID"
    )
    db.execute("DELETE FROM temp.crowded")
    crowded = db.execute(
        "SELECT band, key FROM buckets GROUP BY band, key HAVING COUNT(*) >= ?", (CROWDED_BUCKET,)
    ).fetchall()
    db.executemany("INSERT INTO temp.crowded (band, key) VALUES (?, ?)", crowded)
    return {
        (band, key): tuple(
            row[0]
            for row in db.execute(
                "SELECT doc FROM buckets WHERE band = ? AND key = ? ORDER BY doc LIMIT ?", (band, key, BUCKET_HUBS)
            )
        )
        for band, key in crowded
    }


def _neighbours(db: sqlite3.Connection, doc: int) -> list[int]:
    return [
        row[0]
        for row in db.execute("SELECT b FROM links WHERE a = ? UNION SELECT a FROM links WHERE b = ?", (doc, doc))
    ]


def _find_families(db: sqlite3.Connection, report: IndexReport, tell: Progress) -> None:
    """Recompute the families of the documents marked dirty, walking links from each."""
    dirty = [row[0] for row in db.execute("SELECT doc FROM dirty ORDER BY doc")]
    tell("families", 0, len(dirty))
    seen: set[int] = set()
    pending: list[list[int]] = []
    pending_docs = 0

    def flush() -> None:
        nonlocal pending, pending_docs
        with transaction(db):
            for component in pending:
                _store_component(db, component)
            db.executemany("DELETE FROM dirty WHERE doc = ?", [(d,) for c in pending for d in c])
        report.families_updated += sum(1 for c in pending if len(c) > 1)
        pending, pending_docs = [], 0

    for number, start in enumerate(dirty):
        if start in seen:
            continue
        component, stack = {start}, [start]
        while stack:
            for other in _neighbours(db, stack.pop()):
                if other not in component:
                    component.add(other)
                    stack.append(other)
        seen.update(component)
        pending.append(sorted(component))
        pending_docs += len(component)
        if pending_docs >= FAMILY_FLUSH:
            flush()
            tell("families", number + 1, len(dirty))
    flush()
    # dirty documents that were deleted meanwhile leave nothing behind
    with transaction(db):
        db.execute("DELETE FROM dirty WHERE doc NOT IN (SELECT id FROM documents)")
    tell("families", len(dirty), len(dirty))


def _exists(db: sqlite3.Connection, doc: int) -> bool:
    return db.execute("SELECT 1 FROM documents WHERE id = ?", (doc,)).fetchone() is not None


def _store_component(db: sqlite3.Connection, members: list[int]) -> None:
    # one statement per member: a family may be larger than SQLite's limit on parameters
    found = (db.execute("SELECT id, family, error FROM documents WHERE id = ?", (doc,)).fetchone() for doc in members)
    rows = [row for row in found if row is not None]
    readable = [doc for doc, _, error in rows if error is None]
    new = min(readable) if readable else None
    # A family row is named after its first member. An old family named after a document that
    # is now elsewhere is left to that document's component (which is dirty too: every document
    # that lost a link is), so a row another component just stored is never deleted here.
    member_set = set(members)
    stale = {new} if new is not None else set()
    for _, family, _ in rows:
        if family is not None and (family in member_set or not _exists(db, family)):
            stale.add(family)
    db.executemany("DELETE FROM families WHERE id = ?", [(f,) for f in stale])
    db.executemany("UPDATE documents SET family = ? WHERE id = ?", [(new, doc) for doc in members])
    if new is not None and len(readable) > 1:
        db.execute("INSERT INTO families (id, size) VALUES (?, ?)", (new, len(readable)))


def _relate(
    db: sqlite3.Connection, root: str, get_client: Callable[[], Client], report: IndexReport, tell: Progress
) -> None:
    """Relate the members of every family that has no relations yet."""
    from distributed import as_completed

    todo = db.execute("SELECT id, size FROM families WHERE relations IS NULL ORDER BY id").fetchall()
    total = sum(size for _, size in todo)
    tell("relations", 0, total)
    if not todo:
        return
    tasks: list[list[tuple[int, list[tuple[int, str]]]]] = [[]]
    weight = 0
    for family, size in todo:
        if weight + size > DOCUMENTS_PER_RELATION_TASK and tasks[-1]:
            tasks.append([])
            weight = 0
        members = db.execute("SELECT id, name FROM documents WHERE family = ? ORDER BY id", (family,)).fetchall()
        tasks[-1].append((family, members))
        weight += size
    dask = get_client()
    futures = dask.map(relate_families, [root] * len(tasks), tasks, pure=False)
    del tasks
    done = 0
    for future in as_completed(futures):
        results: list[FamilyResult] = _result(future)
        future.release()
        with transaction(db):
            for result in results:
                current = [
                    row[0]
                    for row in db.execute("SELECT id FROM documents WHERE family = ? ORDER BY id", (result.family,))
                ]
                if tuple(current) != result.members:
                    continue  # the family changed meanwhile; it is related again next time
                db.execute(
                    "UPDATE families SET original = ?, relations = ?, first_date = ?, last_date = ?, title = ? WHERE id = ?",
                    (
                        result.original,
                        result.relations,
                        result.first_date,
                        result.last_date,
                        result.title,
                        result.family,
                    ),
                )
        done += sum(len(result.members) for result in results)
        tell("relations", done, total)


# Reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexedDocument:
    """One document as the index lists it."""

    id: int
    name: str
    title: str | None
    byline: str | None
    date: str | None
    words: int
    paragraphs: int
    cruft: int
    family: int | None
    error: str | None


@dataclass(frozen=True)
class Family:
    """A story family: documents that share enough content to be versions of one story."""

    id: int
    members: tuple[IndexedDocument, ...]
    original: IndexedDocument | None
    relations: tuple[dict[str, Any], ...]
    first_date: str | None
    last_date: str | None
    title: str | None


@dataclass(frozen=True)
class Families:
    """Every family of an index, the documents in none, and the files that could not be read."""

    families: tuple[Family, ...]
    singletons: tuple[IndexedDocument, ...]
    unreadable: tuple[IndexedDocument, ...]


_DOCUMENT_COLUMNS = "id, name, title, byline, date, words, paragraphs, cruft, family, error"


def _document(row: Sequence[Any]) -> IndexedDocument:
    return IndexedDocument(*row)


def read_families(path: Path) -> Families:
    """The families stored in an index, largest first.

    Raises:
        IndexUnusable: There is no index at ``path`` or it is not usable.
    """
    with open_index(path, create=False) as db:
        sizes = {row[0]: row[1] for row in db.execute("SELECT id, size FROM families")}
        families_rows = {
            row[0]: row
            for row in db.execute("SELECT id, size, original, first_date, last_date, title, relations FROM families")
        }
        members: dict[int, list[IndexedDocument]] = {}
        singletons, unreadable = [], []
        for row in db.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY name"):
            document = _document(row)
            if document.error is not None:
                unreadable.append(document)
            elif document.family is not None and document.family in sizes:
                members.setdefault(document.family, []).append(document)
            else:
                singletons.append(document)
    families = []
    for family_id, row in families_rows.items():
        group = members.get(family_id, [])
        by_id = {d.id: d for d in group}
        relations = []
        for relation in json.loads(row[6] or "[]"):
            relation = dict(relation)
            for key in ("document", "neighbour"):
                if relation.get(key) is not None:
                    relation[key] = by_id[relation[key]].name if relation[key] in by_id else None
            relations.append(relation)
        families.append(Family(family_id, tuple(group), by_id.get(row[2]), tuple(relations), row[3], row[4], row[5]))
    families.sort(key=lambda f: (-len(f.members), f.members[0].name if f.members else ""))
    return Families(tuple(families), tuple(singletons), tuple(unreadable))


def families_json(families: Families, folder: str) -> str:
    """The families as ``reader.families/1`` JSON, paths joined to ``folder`` as given."""

    def path(name: str) -> str:
        return os.path.join(folder, name)

    payload = {
        "format": "reader.families/1",
        "families": [
            {
                "documents": [path(d.name) for d in family.members],
                "original": path(family.original.name) if family.original else None,
                "title": family.title,
                "first_date": family.first_date,
                "last_date": family.last_date,
                "relations": [
                    {
                        **r,
                        "document": path(r["document"]) if r.get("document") else None,
                        "neighbour": path(r["neighbour"]) if r.get("neighbour") else None,
                    }
                    for r in family.relations
                ],
            }
            for family in families.families
        ],
        "singletons": [path(d.name) for d in families.singletons],
        "unreadable": [{"path": path(d.name), "reason": d.error} for d in families.unreadable],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def families_text(families: Families) -> str:
    """The families as text: size, likely original, date range and title, one family a line."""
    from reader.text import one_line

    lines = [
        f"{len(families.families)} families ({sum(len(f.members) for f in families.families)} documents), "
        f"{len(families.singletons)} documents alone, {len(families.unreadable)} unreadable"
    ]
    for family in families.families:
        dates = family.first_date or "?"
        if family.last_date and family.last_date != family.first_date:
            dates += f"..{family.last_date}"
        original = family.original.name if family.original else "?"
        title = family.title or (family.original.title if family.original else None) or ""
        lines.append(one_line(f"{len(family.members):>5}  {dates:<22}  {original}  {title}"))
    return "\n".join(lines) + "\n"


def pairs_of(families: Families) -> set[tuple[str, str]]:
    """Every unordered pair of names in the same family (for scoring against a truth)."""
    pairs = set()
    for family in families.families:
        names = sorted(d.name for d in family.members)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                pairs.add((a, b))
    return pairs


@dataclass(frozen=True)
class ListedRow:
    """One line of the library of an indexed folder: a family, or a document alone."""

    family: int | None
    size: int
    first_date: str | None
    last_date: str | None
    name: str
    title: str | None


_LISTING = """
    SELECT * FROM (
        SELECT 0 AS alone, f.id, f.size, f.first_date, f.last_date, d.name, COALESCE(f.title, d.title)
        FROM families f JOIN documents d ON d.id = COALESCE(f.original, f.id)
        UNION ALL
        SELECT 1, NULL, 1, d.date, d.date, d.name, d.title FROM documents d
        WHERE d.error IS NULL AND NOT EXISTS (SELECT 1 FROM families f WHERE f.id = d.family)
    ) ORDER BY alone, size DESC, name LIMIT ? OFFSET ?"""


class Listing:
    """The families and lone documents of an index, read a page at a time (for the app).

    Every call opens the database afresh, so a listing can be read from any thread.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def count(self) -> int:
        """Families plus documents alone.

        Raises:
            IndexUnusable: There is no usable index at the path.
        """
        with open_index(self.path, create=False) as db:
            families = db.execute("SELECT COUNT(*) FROM families").fetchone()[0]
            alone = db.execute(
                "SELECT COUNT(*) FROM documents d WHERE d.error IS NULL "
                "AND NOT EXISTS (SELECT 1 FROM families f WHERE f.id = d.family)"
            ).fetchone()[0]
        return int(families + alone)

    def page(self, offset: int, limit: int) -> list[ListedRow]:
        """Rows ``offset`` to ``offset + limit``: families, largest first, then documents alone by name."""
        with open_index(self.path, create=False) as db:
            return [ListedRow(*row[1:]) for row in db.execute(_LISTING, (limit, offset))]

    def members(self, family: int) -> list[str]:
        """The file names of a family's members."""
        with open_index(self.path, create=False) as db:
            return [
                row[0] for row in db.execute("SELECT name FROM documents WHERE family = ? ORDER BY name", (family,))
            ]


def indexed(folder: str) -> Path | None:
    """The default index of ``folder`` when one exists and lists documents, else ``None``."""
    path = default_index_path(folder)
    if path is None or not path.is_file():
        return None
    try:
        with open_index(path, create=False) as db:
            root = db.execute("SELECT value FROM meta WHERE key = 'root'").fetchone()
            if root is None or root[0] != str(Path(folder).resolve()):
                return None
            return path if db.execute("SELECT 1 FROM documents LIMIT 1").fetchone() else None
    except (IndexUnusable, sqlite3.Error):
        return None


# Running on Dask ---------------------------------------------------------------------------


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A Dask client: on the scheduler at ``scheduler``, else on a local cluster of processes.

    Args:
        scheduler: Address of a running scheduler (``tcp://host:8786``), or ``None``.
        workers: Local worker processes (default: this machine's cores); ignored with a scheduler.

    Raises:
        IndexUnusable: The scheduler cannot be reached.
    """
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=10)
        except (OSError, TimeoutError) as error:
            raise IndexUnusable(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None
        with client:
            yield client
        return
    count = workers or os.cpu_count() or 1
    with (
        LocalCluster(
            n_workers=count,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
            memory_limit=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
