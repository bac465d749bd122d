"""Links: fetch a page once over http(s), with a timeout, a size cap and a redirect limit.

Every failure is a :class:`FetchError` with a one-line reason. ``reader fetch URL… --into DIR``
saves pages with their metadata in ``DIR/.reader-links.json`` so that the folder reopens
offline.
"""

from __future__ import annotations

import json
import os
import re
import socket
import ssl
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import Message
from pathlib import Path

from reader import __version__
from reader.sources.base import LINKS_FILE, read_links

USER_AGENT = f"reader/{__version__} (+a terminal tool that compares versions of a text; fetches one page per request)"
TIMEOUT = 20.0
"""Seconds to wait for the server to connect or to send more bytes."""
MAX_BYTES = 10 * 1024 * 1024
"""A page larger than this is refused."""
MAX_REDIRECTS = 5

_KINDS_BY_TYPE = {
    "text/html": ("html", ".html"),
    "application/xhtml+xml": ("html", ".html"),
    "text/plain": ("text", ".txt"),
    "text/markdown": ("markdown", ".md"),
    "application/pdf": ("pdf", ".pdf"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx", ".docx"),
}


class FetchError(Exception):
    """A link could not be fetched; the message is one line, fit for a user."""


@dataclass(frozen=True)
class Fetched:
    """One fetched link.

    Attributes:
        url: The link as given.
        final_url: Where it led after redirects.
        data: The body.
        kind: The reader kind of the body (``"html"``, ``"text"``, ``"pdf"``, ``"docx"``, ``"markdown"``).
        extension: The file extension to save it under.
        fetched: When, in ISO 8601 UTC.
    """

    url: str
    final_url: str
    data: bytes
    kind: str
    extension: str
    fetched: str


def is_url(argument: str) -> bool:
    """Whether a command-line argument is a link rather than a path.

    >>> is_url("https://example.org/a"), is_url("notes.txt"), is_url("ftp://x/y")
    (True, False, True)
    """
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", argument) is not None


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FetchError(f"redirected to a link that is not http(s): {newurl[:200]}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> Fetched:
    """Fetch one http(s) link.

    ``timeout`` and ``max_bytes`` default to :data:`TIMEOUT` and :data:`MAX_BYTES`, or to
    ``READER_FETCH_TIMEOUT`` and ``READER_FETCH_MAX_BYTES`` when those are set.

    Raises:
        FetchError: Not http(s), unreachable, an HTTP error, too many redirects, too slow,
            too large, or not a page or document reader can read.
    """
    timeout = timeout if timeout is not None else float(os.environ.get("READER_FETCH_TIMEOUT") or TIMEOUT)
    max_bytes = max_bytes if max_bytes is not None else int(os.environ.get("READER_FETCH_MAX_BYTES") or MAX_BYTES)
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"{url}: only http(s) links can be read")
    if not parts.hostname:
        raise FetchError(f"{url}: no host in the link")
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"}
    )
    opener = urllib.request.build_opener(_Redirects())
    fetched_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    try:
        with opener.open(request, timeout=timeout) as response:
            final_url = response.geturl()
            kind, extension = _kind(response.headers, url)
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"{url}: too large ({int(length):,} bytes; the limit is {max_bytes:,})")
            chunks, size = [], 0
            while chunk := response.read(65536):
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url}: too large (more than {max_bytes:,} bytes)")
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        if error.code in (301, 302, 303, 307, 308):
            raise FetchError(f"{url}: too many redirects (more than {MAX_REDIRECTS})") from None
        raise FetchError(f"{url}: HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"{url}: timed out after {timeout:g} s") from None
        raise FetchError(f"{url}: {_reason(error.reason)}") from None
    except (TimeoutError, socket.timeout):
        raise FetchError(f"{url}: timed out after {timeout:g} s") from None
    except (ssl.SSLError, ConnectionError, OSError) as error:
        raise FetchError(f"{url}: {_reason(error)}") from None
    except ValueError as error:  # a malformed link or header
        raise FetchError(f"{url}: {error}") from None
    return Fetched(url, final_url, b"".join(chunks), kind, extension, fetched_at)


def _reason(reason: object) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    text = str(reason).strip().splitlines()
    return text[0][:200] if text else type(reason).__name__


def _kind(headers: Message, url: str) -> tuple[str, str]:
    """The reader kind of a response, from its Content-Type; anything else is refused."""
    content_type = (headers.get_content_type() or "").lower()
    if content_type in _KINDS_BY_TYPE:
        return _KINDS_BY_TYPE[content_type]
    if content_type == "application/octet-stream":
        suffix = Path(urllib.parse.urlsplit(url).path).suffix.lower()
        from reader.sources.base import kind_of

        if kind := kind_of(suffix and f"x{suffix}"):
            return kind, suffix
    raise FetchError(f"{url}: not a page or a document reader can read (Content-Type {content_type or 'missing'})")


def file_name(url: str, extension: str, taken: set[str]) -> str:
    """A safe, unique file name for a link: host and path, letters, digits, dots and dashes.

    >>> file_name("https://www.example.org/news/2024/big-story.html?x=1", ".html", set())
    'www.example.org_news_2024_big-story.html'
    """
    parts = urllib.parse.urlsplit(url)
    path = re.sub(r"\.(?:s?html?|php|aspx?)$", "", parts.path.strip("/"), flags=re.IGNORECASE)
    stem = re.sub(r"[^A-Za-z0-9.-]+", "_", f"{parts.hostname or 'page'}_{path}").strip("_.")[:120] or "page"
    name, number = f"{stem}{extension}", 2
    while name.lower() in taken:
        name, number = f"{stem}-{number}{extension}", number + 1
    return name


def save_fetched(pages: list[Fetched], folder: str | Path) -> list[str]:
    """Write fetched pages into ``folder`` (created if needed) and record them; return the names.

    Files already there are never overwritten; each page gets a new name.

    Raises:
        FetchError: The folder cannot be created or written.
    """
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
        taken = {entry.name.lower() for entry in target.iterdir()}
        links = read_links(target)
        names = []
        for page in pages:
            name = file_name(page.final_url, page.extension, taken)
            taken.add(name.lower())
            with open(target / name, "xb") as out:
                out.write(page.data)
            links[name] = {"url": page.url, "final_url": page.final_url, "fetched": page.fetched}
            names.append(name)
        handle, temporary = tempfile.mkstemp(dir=target, prefix=".tmp-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"format": "reader.links/1", "files": links}, out, ensure_ascii=False, indent=1)
        os.replace(temporary, target / LINKS_FILE)
    except OSError as error:
        raise FetchError(f"{folder}: cannot save there ({(error.strerror or str(error)).lower()})") from None
    return names
