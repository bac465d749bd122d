"""Links: fetching over http(s) from a local server on 127.0.0.1, and every way it can fail."""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.corpus import DocumentError, load_folder, load_source
from reader.sources import LINKS_FILE
from reader.sources.web import USER_AGENT, FetchError, fetch
from tests.documents import STORY, html_page

SEEN_AGENTS: list[str] = []


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        if self.path == "/page":
            self._send(200, "text/html; charset=utf-8", html_page())
        elif self.path == "/other":
            self._send(200, "text/html", html_page(title="Council backs harbour bridge", story=STORY[:3]))
        elif self.path == "/text":
            self._send(200, "text/plain; charset=utf-8", ("Bridge plan\n\n" + "\n\n".join(STORY)).encode())
        elif self.path == "/moved":
            self._redirect("/page")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/ftp":
            self._redirect("ftp://127.0.0.1/file")
        elif self.path == "/big":
            self._send(200, "text/html", b"<p>" + b"x" * 4096 + b"</p>")
        elif self.path == "/image":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        elif self.path == "/menu":
            self._send(200, "text/html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
        else:
            self._send(404, "text/plain", b"not here")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 (a free port), stopped after the tests."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture()
def silent_server() -> Iterator[str]:
    """A port that accepts connections (the kernel's backlog) but never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
    finally:
        listener.close()


def test_fetch_sends_an_honest_user_agent_and_follows_a_redirect(server: str) -> None:
    page = fetch(f"{server}/moved")
    assert page.final_url == f"{server}/page" and page.kind == "html"
    assert SEEN_AGENTS[-1] == USER_AGENT and USER_AGENT.startswith("reader/")


def test_a_link_loads_as_a_document(server: str) -> None:
    document = load_source(f"{server}/page")
    assert document.kind == "html" and document.title == "Council approves harbour bridge"
    assert document.fetched and document.url == "https://harbour.example/news/bridge"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/loop", "too many redirects"),
        ("/ftp", "redirected to a link that is not http(s)"),
        ("/image", "not a page or a document reader can read (Content-Type image/png)"),
        ("/missing", "HTTP 404"),
    ],
)
def test_fetch_failures_are_one_line(server: str, path: str, message: str) -> None:
    with pytest.raises(FetchError) as raised:
        fetch(f"{server}{path}")
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_too_big_is_refused(server: str) -> None:
    with pytest.raises(FetchError, match=r"too large"):
        fetch(f"{server}/big", max_bytes=1024)


def test_a_silent_server_times_out(silent_server: str) -> None:
    with pytest.raises(FetchError, match=r"timed out"):
        fetch(silent_server, timeout=0.3)


def test_only_http_links(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match=r"only http\(s\) links"):
        fetch("file:///etc/passwd")
    with pytest.raises(DocumentError, match=r"only http\(s\) links"):
        load_source("ftp://127.0.0.1/x")


def test_reader_diff_of_two_links(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["diff", f"{server}/page", f"{server}/other", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 1 and out["left"]["title"] == "Council approves harbour bridge"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/loop", "too many redirects"),
        ("/image", "not a page or a document"),
        ("/menu", "no article found in the page"),
    ],
)
def test_reader_diff_link_failure_is_one_line_exit_2(
    server: str, capsys: pytest.CaptureFixture[str], path: str, message: str
) -> None:
    assert main(["diff", f"{server}{path}", f"{server}/page"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_reader_diff_times_out_with_exit_2(
    silent_server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("READER_FETCH_TIMEOUT", "0.3")
    assert main(["diff", silent_server, silent_server]) == 2
    assert "timed out after 0.3 s" in capsys.readouterr().err


def test_reader_fetch_saves_a_folder_that_reopens_offline(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    into = tmp_path / "saved"
    assert main(["fetch", f"{server}/page", f"{server}/text", "--into", str(into)]) == 0
    assert capsys.readouterr().out.count("saved ") == 2
    links = json.loads((into / LINKS_FILE).read_text(encoding="utf-8"))["files"]
    assert {entry["url"] for entry in links.values()} == {f"{server}/page", f"{server}/text"}
    corpus = load_folder(into)
    assert not corpus.errors and len(corpus.documents) == 2
    assert all(d.fetched for d in corpus.documents)
    assert {d.kind for d in corpus.documents} == {"html", "text"}
    # a second fetch of the same link never overwrites the first file
    assert main(["fetch", f"{server}/page", "--into", str(into)]) == 0
    assert len(list(into.glob("*.html"))) == 2


def test_reader_fetch_reports_each_failure_and_saves_the_rest(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    into = tmp_path / "saved"
    assert main(["fetch", f"{server}/loop", f"{server}/page", f"{server}/image", "--into", str(into)]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 2 and "too many redirects" in captured.err
    assert captured.out.count("saved ") == 1 and len(list(into.glob("*.html"))) == 1
