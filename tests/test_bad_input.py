"""Broken input (issue 7): every case of ``tests/badinput.py`` through ``reader diff``, the
library, the engine's reading of files that change under it, and speed on huge inputs.

Errors give exit 2 and one line on stderr; readable oddities exit 0/1 and may add a one-line
note (the encoding assumed, bytes replaced, no text). Never a traceback, never a hang.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from reader import corpus
from reader.app import ReaderApp
from reader.cli import main
from reader.compare import compare
from reader.corpus import DocumentError, load_document, load_folder, read_file
from tests.badinput import CASES, TEXT, Case, many_paragraphs, one_megabyte_line, write_cases
from tests.helpers import deterministic

ROOT = Path(__file__).resolve().parent.parent


def diff(*args: str | Path) -> tuple[int, str, str]:
    """``reader diff ARGS`` in this process: status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["diff", *map(str, args)])
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def cases(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "bad"
    folder.mkdir()
    return write_cases(folder)


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.name != "fifo"], ids=lambda c: c.name.split("\x1b")[0].split("\n")[0]
)
def test_reader_diff_on_each_bad_input(case: Case, cases: dict[str, Path], tmp_path: Path) -> None:
    reference = tmp_path / "reference.txt"
    reference.write_text(case.text or TEXT, encoding="utf-8")
    status, out, err = diff(cases[case.name], reference, "--width", "200")
    assert status == case.exit, err
    assert "Traceback" not in err and "\x1b" not in err
    if case.message is None:
        assert err == ""
    else:
        assert case.message in err
        assert err.count("\n") == 1 and err.startswith("reader: ") and err.endswith("\n")
    if status == 2:
        assert out == ""
    else:
        assert out.startswith("left:") and "\x1b" not in out


def test_a_fifo_is_refused_at_once(cases: dict[str, Path], tmp_path: Path) -> None:
    """Opening a FIFO waits for a writer: the real command must answer, not hang."""
    result = subprocess.run(
        [sys.executable, "-m", "reader", "diff", str(cases["fifo"]), str(cases["utf8-bom"])],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=20,
    )
    assert result.returncode == 2
    assert result.stderr.decode() == f"reader: {cases['fifo']}: not a regular file but a named pipe (FIFO)\n"


def test_the_app_refuses_bad_pairs_with_one_line(cases: dict[str, Path]) -> None:
    """``reader A B`` opens no app when a file cannot be read."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main([str(cases["binary-nul"]), str(cases["utf8-bom"])])
    assert status == 2 and out.getvalue() == ""
    assert err.getvalue() == f"reader: {cases['binary-nul']}: binary file (contains NUL bytes), not text\n"


def test_an_unreadable_file_says_permission_denied() -> None:
    """As root every file is readable: read it as ``nobody`` (effective uid, restored after),
    in a folder outside pytest's private tmp (which nobody may not enter)."""
    if not hasattr(os, "seteuid"):
        pytest.skip("no seteuid on this system")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        folder.chmod(0o755)
        _check_permission_denied(folder)


def _check_permission_denied(folder: Path) -> None:
    secret = folder / "secret.txt"
    secret.write_text(TEXT, encoding="utf-8")
    secret.chmod(0o000)
    (folder / "open.txt").write_text(TEXT, encoding="utf-8")
    if os.geteuid() == 0:
        os.seteuid(65534)
    try:
        if os.access(secret, os.R_OK, effective_ids=os.access in os.supports_effective_ids):
            pytest.skip("this user can read a file with mode 000")
        status, out, err = diff(secret, folder / "open.txt")
        listed = load_folder(folder)
    finally:
        if os.getuid() == 0:
            os.seteuid(0)
    assert (status, out, err) == (2, "", f"reader: {secret}: permission denied\n")
    assert [d.name for d in listed.documents] == ["open.txt"]
    assert [(Path(e.path).name, e.reason) for e in listed.errors] == [("secret.txt", "permission denied")]


def test_rules_file_errors_are_one_line_and_safe(cases: dict[str, Path], tmp_path: Path) -> None:
    reference = tmp_path / "reference.txt"
    reference.write_text(TEXT, encoding="utf-8")
    latin = tmp_path / "rules\x1b]0;pwned\x07.tsv"
    latin.write_bytes("café\t^x$\n".encode("latin-1"))
    for rules, message in [
        (cases["fifo"], "not a regular file but a named pipe (FIFO)"),
        (cases["folder"], "is a folder, not a document"),
        (cases["missing"], "no such file"),
        (latin, "rules␛]0;pwned␇.tsv: not UTF-8 text (byte 4)"),
    ]:
        status, out, err = diff(reference, reference, "--rules", rules)
        assert (status, out) == (2, "")
        assert message in err and err.count("\n") == 1 and "\x1b" not in err


def test_usage_errors_never_echo_control_sequences() -> None:
    """argparse repeats what it did not understand: that must be made visible, not obeyed."""
    for argv in (
        ["diff", "a", "b", "extra\x1b]0;pwned\x07"],
        ["diff", "--bogus\x1b[2J", "a", "b"],
        ["diff", "a", "b", "--format", "x\nz"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "reader", *argv],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=20,
        )
        assert result.returncode == 2
        last = result.stderr.decode().splitlines()[-1]
        assert last.startswith("reader diff: error: ")
        assert "\x1b" not in result.stderr.decode() and "\x07" not in result.stderr.decode()
        assert result.stderr.decode().endswith(last + "\n")


def test_export_errors_are_one_line_and_safe(tmp_path: Path) -> None:
    reference = tmp_path / "reference.txt"
    reference.write_text(TEXT, encoding="utf-8")
    for target, message in [
        (tmp_path / "no\x1b]0;pwned\x07dir" / "out.txt", "no␛]0;pwned␇dir/out.txt: no such folder"),
        (reference / "out.txt", "no such folder (a file is in the way)"),
        (reference, "already exists; use --force to replace it"),
        (tmp_path, "is a folder"),
    ]:
        status, out, err = diff(reference, reference, "-o", target)
        assert (status, out) == (2, "")
        assert message in err and err.count("\n") == 1 and "\x1b" not in err


def test_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    """Python hands such names over with lone surrogates: shown as <U+DCFF>, written as their bytes."""
    name = os.fsdecode(b"caf\xe9.txt")
    left = tmp_path / name
    left.write_text(TEXT, encoding="utf-8")
    right = tmp_path / "right.txt"
    right.write_text(TEXT.replace("today", "yesterday"), encoding="utf-8")
    status, out, err = diff(left, right, "--width", "200")
    assert (status, err) == (1, "") and "caf<U+DCE9>.txt" in out
    expected = {
        "json": b"caf\\udce9.txt",
        "unified": b"caf\xe9.txt",
        "text": b"caf<U+DCE9>.txt",
        "html": b"caf&lt;U+DCE9&gt;.txt",
    }
    for fmt, name_bytes in expected.items():
        target = tmp_path / f"out.{fmt}"
        status, out, err = diff(left, right, "--format", fmt, "-o", target)
        assert (status, out, err) == (1, "", ""), err
        assert name_bytes in target.read_bytes(), fmt
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert os.fsencode(data["left"]["path"]) == os.fsencode(left)
    status, out, err = diff(tmp_path / os.fsdecode(b"missing\xff"), right)
    assert status == 2 and err == f"reader: {tmp_path}/missing<U+DCFF>: no such file\n"


# The engine: files that change, vanish or grow while being read ----------------------------


def test_a_file_that_disappears_between_listing_and_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    real = corpus.load_document

    def vanishing(path: Path, **options: object) -> object:
        if Path(path).name == "b.txt":
            Path(path).unlink()  # listed a moment ago, gone now
        return real(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus, "load_document", vanishing)
    listed = load_folder(tmp_path)
    assert [d.name for d in listed.documents] == ["a.txt", "c.txt"]
    assert [(Path(e.path).name, e.reason) for e in listed.errors] == [("b.txt", "disappeared before it could be read")]


def test_a_file_that_changes_while_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer appends between two reads: what was there at the end of the read is decoded;
    one that grows past the limit is refused, whatever its size was when it was opened."""
    path = tmp_path / "growing.txt"
    path.write_text(TEXT, encoding="utf-8")
    real_read = os.read
    appended = []

    def racing_read(descriptor: int, size: int) -> bytes:
        chunk = real_read(descriptor, size)
        if not appended:
            appended.append(True)
            with path.open("a", encoding="utf-8") as file:
                file.write("A paragraph written meanwhile.\n" * 40)
        return chunk

    monkeypatch.setattr(corpus.os, "read", racing_read)
    document = load_document(path)
    assert document.text.startswith(TEXT) and document.text.endswith("meanwhile.\n")
    appended.clear()
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(DocumentError, match="too large"):
        read_file(path, limit=len(TEXT.encode()) + 100)


def test_a_file_replaced_by_a_fifo_after_the_check_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check is made again on the open descriptor, which never blocks."""
    path = tmp_path / "swapped"
    path.write_text(TEXT, encoding="utf-8")
    real_open = os.open

    def swapping_open(name: str, flags: int, *args: int) -> int:
        os.unlink(name)
        os.mkfifo(name)
        return real_open(name, flags, *args)

    monkeypatch.setattr(corpus.os, "open", swapping_open)
    with pytest.raises(DocumentError, match="named pipe"):
        read_file(path)


def test_too_large_files_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as file:
        file.truncate(corpus.MAX_BYTES + 1)  # sparse: no disk used
    with pytest.raises(DocumentError, match="too large"):
        load_document(path)


# Huge inputs stay fast -------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("make", "limit"), [(many_paragraphs, 30.0), (one_megabyte_line, 20.0)], ids=["50000-paragraphs", "1MB-line"]
)
def test_huge_inputs_diff_in_seconds(make, limit: float, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The real command on two such files (measured on 2 cores: 4.5 s and 2.5 s)."""
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text(make(1, False), encoding="utf-8")
    right.write_text(make(1, True), encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "diff",
            str(left),
            str(right),
            "--format",
            "json",
            "-o",
            str(tmp_path / "out.json"),
        ],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
    )
    elapsed = time.perf_counter() - started
    assert result.returncode == 1 and result.stderr == b""
    assert elapsed < limit, elapsed


# The library -----------------------------------------------------------------------------


async def test_the_library_lists_bad_files_with_reasons_and_the_good_ones_work(cases: dict[str, Path]) -> None:
    folder = cases["empty"].parent
    (folder / ".hidden").write_text(TEXT)
    listed = load_folder(folder)
    reasons = {Path(e.path).name: e.reason for e in listed.errors}
    for case in CASES:
        if case.exit == 2 and case.name in reasons:
            assert case.message in reasons[case.name]
    assert {"binary-nul", "image-png", "fifo", "symlink-loop", "symlink-dangling"} <= reasons.keys()
    assert listed.subfolders == ("folder",)
    app = deterministic(ReaderApp(str(folder)))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        problems = str(screen.query_one("#problems").render())
        for name in ("binary-nul", "fifo", "symlink-loop", "symlink-dangling"):
            assert f"{name}: {reasons[name]}" in problems
        table = screen.query_one("DataTable")
        assert table.row_count == len(listed.documents) >= 10
        await pilot.press("enter", "down", "enter")  # mark one, compare with the next
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "CompareScreen"
        assert app.screen.comparison is not None
        assert app.return_code is None


def test_an_empty_document_has_a_title_a_note_and_compares() -> None:
    empty = corpus.document_from_text("")
    assert empty.display_title == "(no text)" and empty.notes == ["no text (empty or only whitespace)"]
    comparison = compare(empty, empty)
    assert comparison.rows == () and comparison.identical


async def test_a_folder_of_only_subfolders_and_bad_files_says_so(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    app = deterministic(ReaderApp(str(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        problems = str(app.screen.query_one("#problems").render())
        assert problems.splitlines() == [
            "No readable documents in this folder (subfolders are not read).",
            f"{tmp_path / 'image.png'}: binary file (contains NUL bytes), not text",
        ]
        await pilot.press("enter", "m", "s", "down")
        assert app.return_code is None


async def test_the_preview_says_which_encoding_was_assumed(cases: dict[str, Path]) -> None:
    folder = cases["cp1252"].parent
    app = deterministic(ReaderApp(str(folder)))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("DataTable")
        row = [key.value for key in table.rows].index(str(cases["cp1252"]))
        table.move_cursor(row=row)
        await pilot.pause()
        assert "not UTF-8: read as cp1252 (assumed)" in str(app.screen.query_one("#preview").render())
