"""``reader diff --format … -o FILE``: real processes, as a user runs them.

Writing every format runs through ``reader.cli.main`` in one subprocess (see
``tests/test_cli.py``); refusals, errors and pipes are real ``python -m reader`` runs.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reader.compare import compare
from reader.corpus import load_document
from reader.exporters import FORMATS
from tests.test_cli import (
    HOSTILE,
    ROOT,
    SEED_FILES,
    SGR_RE,
    TIMEOUT,
    _big_document,
    environment,
    hostile_files,  # noqa: F401 - a fixture
    run,
    run_on_pty,
    stderr_line,
)

LEFT, RIGHT = SEED_FILES[0], SEED_FILES[1]

_WRITE_ALL = r"""
import json, sys
from reader.cli import main

statuses = [main(args) for args in json.loads(sys.argv[1])]
print(json.dumps(statuses))
"""


def test_every_format_written_with_o_matches_the_registry(tmp_path):
    """The command line and the app (which calls the registry) write the same bytes."""
    argvs = [
        ["diff", str(LEFT), str(RIGHT), "--format", name, "-o", str(tmp_path / f"out.{fmt.extension}")]
        for name, fmt in FORMATS.items()
    ]
    result = subprocess.run(
        [sys.executable, "-c", _WRITE_ALL, json.dumps(argvs)],
        cwd=ROOT,
        env=environment(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout) == [1] * len(FORMATS)
    comparison = compare(load_document(str(LEFT)), load_document(str(RIGHT)))
    for fmt in FORMATS.values():
        written = (tmp_path / f"out.{fmt.extension}").read_bytes()
        assert written == fmt.render(comparison, width=100, changes_only=False).encode("utf-8"), fmt.name
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(f"out.{f.extension}" for f in FORMATS.values())


def test_existing_file_is_not_replaced_without_force(tmp_path):
    target = tmp_path / "out.html"
    target.write_text("precious", encoding="utf-8")
    refused = run("diff", LEFT, RIGHT, "--format", "html", "-o", target)
    assert refused.returncode == 2 and refused.stdout == b""
    assert "already exists; use --force to replace it" in stderr_line(refused)
    assert target.read_text(encoding="utf-8") == "precious"
    forced = run("diff", LEFT, RIGHT, "--format", "html", "-o", target, "--force")
    assert forced.returncode == 1 and forced.stdout == b"" and forced.stderr == b""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.html"]


@pytest.mark.parametrize("where", ["missing-folder", "file-in-the-way"])
def test_unwritable_target_exits_2_and_leaves_nothing(tmp_path, where):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    target = tmp_path / ("missing" if where == "missing-folder" else "file") / "out.md"
    result = run("diff", LEFT, RIGHT, "--format", "markdown", "-o", target)
    assert result.returncode == 2 and result.stdout == b""
    assert "no such folder" in stderr_line(result)
    assert [path.name for path in tmp_path.rglob("*")] == ["file"]


def test_force_without_output_is_a_usage_error():
    result = run("diff", LEFT, RIGHT, "--force")
    assert result.returncode == 2 and result.stdout == b""
    assert "--force" in stderr_line(result)


def test_changes_only_drops_same_rows(tmp_path):
    paragraphs = [f"Paragraph {i} says that event {i * 7} took place near river {i % 13} on day {i}." for i in range(6)]
    left = tmp_path / "left.txt"
    left.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    right = tmp_path / "right.txt"
    right.write_text("\n\n".join(paragraphs[:5]) + "\n", encoding="utf-8")
    result = run("diff", left, right, "--format", "json", "--changes-only")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["changes_only"] is True
    assert [(row["kind"], row["left"]) for row in data["rows"]] == [("dropped", [5])]
    assert data["stats"]["same"] == 5


def test_ansi_format_colours_in_a_pipe():
    result = run("diff", LEFT, RIGHT, "--format", "ansi", "--width", "80")
    assert result.returncode == 1
    out = result.stdout.decode("utf-8")
    assert "\x1b[31;9m" in out and "\x1b" not in SGR_RE.sub("", out)


@pytest.mark.parametrize("name", ["text", "inline", "unified"])
def test_closed_pipe_ends_quietly(tmp_path, name):
    big = _big_document(tmp_path)  # its output is far larger than a pipe's buffer
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "diff", str(big), str(LEFT), "--format", name, "--width", "80"],
        cwd=ROOT,
        env=environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read()
    process.stderr.close()
    status = process.wait(timeout=TIMEOUT)
    assert first.startswith({"text": b"left:  ", "inline": b"left:  ", "unified": b"--- "}[name])
    assert err == b"", err
    assert status in (0, 1)


def test_raw_formats_are_made_safe_on_a_terminal(hostile_files):  # noqa: F811 - a fixture
    left, right = hostile_files
    status, out = run_on_pty("diff", left, right, "--format", "unified", env=environment(TERM="xterm-256color"))
    assert status == 1 and out
    assert b"\x1b" not in out and b"\x07" not in out
    text = out.decode("utf-8")
    for sequence in HOSTILE:
        assert sequence not in text
    assert "␛[2J" in text


def test_raw_formats_are_exact_in_a_file(hostile_files, tmp_path):  # noqa: F811 - a fixture
    left, right = hostile_files
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "out.diff"
    result = run("diff", left, right, "--format", "unified", "-o", target)
    assert result.returncode == 1, result.stderr
    assert b"\x1b[2J" in target.read_bytes()  # a file keeps the document's bytes for patch
    assert [path.name for path in folder.iterdir()] == ["out.diff"]
