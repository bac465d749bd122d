"""A cache of extraction results, so a folder of saved pages lists fast the second time.

Entries are keyed by a hash of the file's bytes, its kind and the extractors' versions, and
live in the user's cache folder (``$READER_CACHE_DIR``, else ``$XDG_CACHE_HOME/reader``, else
``~/.cache/reader``) under ``extracted/``. ``READER_NO_CACHE`` turns it off. Nothing is ever
written beside the documents. A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from reader.cachedir import cache_dir
from reader.sources.base import Block, Extracted, SourceError

SCHEMA = 2
"""Bump when what the sources produce changes, so old entries are not reused."""


def _folder() -> Path | None:
    if os.environ.get("READER_NO_CACHE"):
        return None
    folder = cache_dir()
    return folder / "extracted" if folder is not None else None


@lru_cache(maxsize=None)
def _versions(kind: str) -> str:
    """The versions of the libraries (and a hash of the module) that produce a kind's blocks."""
    from importlib.metadata import PackageNotFoundError, version

    names = {
        "html": ("trafilatura", "htmldate", "lxml"),
        "docx": ("python-docx",),
        "pdf": ("pypdf",),
        "markdown": ("markdown-it-py",),
    }.get(kind, ())
    module = {"html": "html.py", "docx": "docx.py", "pdf": "pdf.py", "markdown": "markdown.py"}.get(kind)
    found = []
    if module:  # the reading code itself, so a changed reader never reuses old entries
        try:
            found.append(hashlib.sha256((Path(__file__).parent / module).read_bytes()).hexdigest()[:12])
        except OSError:
            pass
    for name in names:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=?")
    return ",".join(found)


def key(data: bytes, kind: str, url: str | None = None) -> str:
    """The cache key of a document's bytes read as ``kind``."""
    digest = hashlib.sha256(data)
    digest.update(f"\0{kind}\0{url or ''}\0{SCHEMA}\0{_versions(kind)}".encode())
    return digest.hexdigest()


def cached_extract(data: bytes, kind: str, *, url: str | None = None, entry: str | None = None) -> Extracted:
    """Extract like :func:`reader.sources.extract`, reusing a stored result when there is one.

    ``entry`` is :func:`key` of the same arguments, when the caller has it already.

    Raises:
        SourceError: The bytes are not a readable document of that kind (also remembered).
    """
    from reader.sources import extract

    folder = _folder()
    path = folder / f"{entry or key(data, kind, url)}.json" if folder is not None else None
    if path is not None:
        stored = _load(path)
        if stored is not None:
            if "error" in stored:
                raise SourceError(stored["error"])
            return stored["extracted"]
    try:
        extracted = extract(data, kind, url=url)
    except SourceError as error:
        if path is not None:
            _save(path, {"error": str(error)})
        raise
    if path is not None:
        _save(path, _encode(extracted))
    return extracted


def load_tags(entry: str, rules: str, count: int) -> list[str | None] | None:
    """The boilerplate tags stored for an entry under a rules fingerprint, if ``count`` of them."""
    folder = _folder()
    if folder is None:
        return None
    try:
        tags = json.loads((folder / f"{entry}.{rules}.tags.json").read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(tags, list) or len(tags) != count or not all(t is None or isinstance(t, str) for t in tags):
        return None
    return tags


def save_tags(entry: str, rules: str, tags: list[str | None]) -> None:
    """Store the boilerplate tags of an entry under a rules fingerprint (tagging a page costs
    more than reading its stored extraction)."""
    folder = _folder()
    if folder is not None:
        _save(folder / f"{entry}.{rules}.tags.json", tags)


def _encode(extracted: Extracted) -> dict:
    return {
        "blocks": [[block.text, block.dropped] for block in extracted.blocks],
        "kind": extracted.kind,
        "meta": {name: getattr(extracted, name) for name in ("title", "author", "site", "date", "url", "note")},
    }


def _load(path: Path) -> dict | None:
    try:
        raw = json.loads(path.read_bytes())
        if "error" in raw:
            return {"error": str(raw["error"])}
        blocks = tuple(Block(str(text), None if dropped is None else str(dropped)) for text, dropped in raw["blocks"])
        meta = raw["meta"]

        def field_(name: str) -> str | None:
            value = meta.get(name)
            return None if value is None else str(value)

        extracted = Extracted(
            blocks=blocks,
            kind=str(raw["kind"]),
            title=field_("title"),
            author=field_("author"),
            site=field_("site"),
            date=field_("date"),
            url=field_("url"),
            note=field_("note"),
        )
        return {"extracted": extracted}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _save(path: Path, payload: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(payload, out, ensure_ascii=False)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # no cache is no error
