"""The real command line, run as a subprocess: exit codes, reader.diff/1 JSON, text layout,
colour, terminal safety, errors, pipes.

Subprocesses cost ~0.3 s each, so the 20 ordered seed pairs run in one interpreter through
``reader.cli.main`` (see ``pair_runs``); everything else is one real ``python -m reader``.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.boilerplate import RULES, tag_paragraphs
from reader.compare import GLYPHS, KINDS
from reader.worddiff import rebuild

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
PAIRS = list(itertools.permutations(SEED_FILES, 2))

SIDE_KEYS = {"path", "title", "paragraphs", "boilerplate"}
ROW_KEYS = {"kind", "left", "right", "similarity", "ops"}
STATS_KEYS = {
    "similarity",
    "same",
    "changed",
    "reworded",
    "moved",
    "added",
    "dropped",
    "words_added",
    "words_dropped",
}
SGR_RE = re.compile(r"\x1b\[[0-9;]*m")
TIMEOUT = 60


def environment(**changes: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "COLUMNS")}
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m reader ARGS`` (never on a terminal, so no app can start and wait; in a
    session of its own, so no controlling terminal lends its width to a pipe)."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        cwd=ROOT,
        env=env or environment(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT,
        start_new_session=True,
    )


def run_on_pty(*args: str | Path, env: dict[str, str]) -> tuple[int, bytes]:
    """Run ``python -m reader ARGS`` with stdout on a pseudo-terminal; return status, output."""
    pty = pytest.importorskip("pty")
    try:
        master, slave = pty.openpty()
    except OSError as error:  # pragma: no cover - no pseudo-terminals here
        pytest.skip(f"no pseudo-terminal: {error}")
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", *map(str, args)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
    )
    os.close(slave)
    chunks = []
    try:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError as error:
                if error.errno == errno.EIO:  # the child closed the terminal
                    break
                raise
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    process.wait(timeout=TIMEOUT)
    assert b"Traceback" not in process.stderr.read()
    process.stderr.close()
    return process.returncode, b"".join(chunks)


def stderr_line(result: subprocess.CompletedProcess[bytes]) -> str:
    """The one-line message of a failed run (asserting it is one line, without traceback)."""
    err = result.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert err.startswith("reader: "), err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "\x1b" not in err
    return err.strip()


def check_diff_json(data: dict, fold: bool = False) -> None:
    """Everything reader.diff/1 promises: keys, coverage, ops rebuilding each row."""
    assert data["format"] == "reader.diff/1"
    assert data["fold_typography"] is fold
    for side in ("left", "right"):
        info = data[side]
        assert SIDE_KEYS <= info.keys()
        assert isinstance(info["path"], str) and isinstance(info["title"], str)
        assert all(isinstance(p, str) and p for p in info["paragraphs"])
        count = len(info["paragraphs"])
        assert info["boilerplate"] == sorted(set(info["boilerplate"]))
        assert all(0 <= i < count for i in info["boilerplate"])
    assert STATS_KEYS <= data["stats"].keys()
    assert 0 <= data["stats"]["similarity"] <= 1
    seen: dict[str, list[int]] = {"left": [], "right": []}
    content_kinds = dict.fromkeys(KINDS, 0)
    for row in data["rows"]:
        assert ROW_KEYS <= row.keys()
        assert row["kind"] in KINDS
        assert 0 <= row["similarity"] <= 1
        if not row.get("boilerplate"):
            content_kinds[row["kind"]] += 1
        for op in row["ops"]:
            assert isinstance(op, list) and op[0] in ("=", "-", "+")
            assert len(op) == 2 or (fold and op[0] == "=" and len(op) == 3), op
        for side in ("left", "right"):
            seen[side].extend(row[side])
            paragraphs = data[side]["paragraphs"]
            assert rebuild(row["ops"], side) == "\n\n".join(paragraphs[i] for i in row[side])
    for side in ("left", "right"):
        assert sorted(seen[side]) == list(range(len(data[side]["paragraphs"])))
    for kind in KINDS:
        assert data["stats"][kind] == content_kinds[kind]


def gutter(text: str, width: int) -> list[str]:
    """The glyphs in the middle gutter of text output at ``width``, top to bottom."""
    column = (width - 3) // 2
    glyphs = []
    lines = text.split("\n")
    assert set(lines[4]) == {"─"}
    for line in lines[5:]:
        if line.startswith("↪"):
            continue  # a note under a row: a sentence also in another row
        cells = 0
        for char in line:
            if cells == column + 1:
                if char != " ":
                    glyphs.append(char)
                break
            cells += cell_len(char)
    return glyphs


# The 20 ordered pairs of seeds, in one interpreter -----------------------------------------

_IN_PROCESS = r"""
import contextlib, io, json, sys
from reader.cli import main

results = []
for args in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(args)
    results.append({"args": args, "status": status, "out": out.getvalue(), "err": err.getvalue()})
json.dump(results, sys.stdout)
"""


@pytest.fixture(scope="module")
def pair_runs() -> dict[tuple[str, ...], dict]:
    """``reader diff`` on every ordered pair (JSON, folded JSON, text at 80) and every seed
    against itself, run through ``reader.cli.main`` in one subprocess."""
    argvs = []
    for left, right in PAIRS:
        base = ["diff", str(left.relative_to(ROOT)), str(right.relative_to(ROOT))]
        argvs += [
            base + ["--format", "json"],
            base + ["--format", "json", "--fold-typography"],
            base + ["--width", "80", "--color", "never"],
        ]
    for seed in SEED_FILES:
        argvs.append(["diff", str(seed.relative_to(ROOT)), str(seed.relative_to(ROOT)), "--format", "json"])
    result = subprocess.run(
        [sys.executable, "-c", _IN_PROCESS, json.dumps(argvs)],
        cwd=ROOT,
        env=environment(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    return {tuple(item["args"]): item for item in json.loads(result.stdout)}


def _pair_args(left: Path, right: Path, *extra: str) -> tuple[str, ...]:
    return ("diff", str(left.relative_to(ROOT)), str(right.relative_to(ROOT)), *extra)


def test_seeds_are_there():
    assert len(SEED_FILES) == 5 and len(PAIRS) == 20


def test_diff_json_on_every_ordered_pair(pair_runs):
    for left, right in PAIRS:
        run_ = pair_runs[_pair_args(left, right, "--format", "json")]
        assert run_["status"] == 1, (left.name, right.name, run_["err"])
        assert run_["err"] == ""
        data = json.loads(run_["out"])
        assert data["left"]["path"] == str(left.relative_to(ROOT))
        assert data["right"]["path"] == str(right.relative_to(ROOT))
        check_diff_json(data)


def test_diff_json_fold_typography_on_every_ordered_pair(pair_runs):
    three = 0
    for left, right in PAIRS:
        run_ = pair_runs[_pair_args(left, right, "--format", "json", "--fold-typography")]
        assert run_["status"] == 1
        data = json.loads(run_["out"])
        check_diff_json(data, fold=True)
        three += sum(len(op) == 3 for row in data["rows"] for op in row["ops"])
    assert three, "the seeds mix curly and straight quotes: some ops carry both texts"


def test_diff_text_on_every_ordered_pair_fits_80_columns_with_gutter_glyphs(pair_runs):
    all_glyphs = set()
    for left, right in PAIRS:
        run_ = pair_runs[_pair_args(left, right, "--width", "80", "--color", "never")]
        assert run_["status"] == 1
        text = run_["out"]
        assert "\x1b" not in text
        for line in text.split("\n"):
            assert cell_len(line) <= 80, line
        data = json.loads(pair_runs[_pair_args(left, right, "--format", "json")]["out"])
        glyphs = gutter(text, 80)
        assert glyphs == [GLYPHS[row["kind"]] for row in data["rows"]]
        all_glyphs |= set(glyphs)
        assert text.splitlines()[3].startswith("rows: = same ")
    assert {"≈", "+", "-"} <= all_glyphs


def test_seed_against_itself_in_process(pair_runs):
    for seed in SEED_FILES:
        if seed.name.startswith("003_"):
            continue  # a repeated headline: see test_seed_with_repeated_headline_against_itself
        run_ = pair_runs[_pair_args(seed, seed, "--format", "json")]
        assert run_["status"] == 0, seed.name
        data = json.loads(run_["out"])
        assert {row["kind"] for row in data["rows"]} == {"same"}
        check_diff_json(data)


# Real subprocesses -----------------------------------------------------------------------


def test_diff_real_process_json_and_default_text_width():
    left, right = SEED_FILES[0], SEED_FILES[2]
    result = run("diff", left, right, "--format", "json")
    assert result.returncode == 1 and result.stderr == b""
    check_diff_json(json.loads(result.stdout))
    text = run("diff", left, right)  # in a pipe: width 100, no colour
    assert text.returncode == 1 and text.stderr == b""
    out = text.stdout.decode("utf-8")
    assert "\x1b" not in out
    assert max(cell_len(line) for line in out.splitlines()) <= 100
    assert "[-" in out and "{+" in out  # markers instead of colour


def test_file_against_itself_exits_0():
    seed = SEED_FILES[0]
    result = run("diff", seed, seed, "--width", "80")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert "= same" in result.stdout.decode("utf-8")


def test_seed_with_repeated_headline_against_itself():
    seed = next(path for path in SEED_FILES if path.name.startswith("003_"))
    result = run("diff", seed, seed, "--format", "json")
    assert result.returncode == 0


def test_color_never_has_no_escape():
    result = run("diff", SEED_FILES[0], SEED_FILES[1], "--color", "never", "--width", "80")
    assert result.returncode == 1
    assert b"\x1b" not in result.stdout


def test_color_always_has_escapes():
    result = run("diff", SEED_FILES[0], SEED_FILES[1], "--color", "always", "--width", "80")
    assert result.returncode == 1
    out = result.stdout.decode("utf-8")
    assert "\x1b[31;9m" in out and "\x1b[32;1m" in out and "\x1b[0m" in out
    assert "\x1b" not in SGR_RE.sub("", out)  # colour only: no other sequences
    for line in SGR_RE.sub("", out).splitlines():
        assert cell_len(line) <= 80


def test_color_auto_on_a_terminal_and_no_color():
    args = ("diff", SEED_FILES[0], SEED_FILES[1], "--width", "80")
    status, out = run_on_pty(*args, env=environment(TERM="xterm-256color"))
    assert status == 1
    assert b"\x1b[" in out  # auto: colour on a terminal
    status, out = run_on_pty(*args, env=environment(TERM="xterm-256color", NO_COLOR="1"))
    assert status == 1
    assert out and b"\x1b" not in out


def test_no_color_in_a_pipe():
    result = run("diff", SEED_FILES[0], SEED_FILES[1], env=environment(NO_COLOR="1"))
    assert result.returncode == 1 and result.stdout
    assert b"\x1b" not in result.stdout


# Errors: exit 2, one line on stderr, never a traceback -------------------------------------


def test_missing_file(tmp_path):
    missing = tmp_path / "missing\x1b[2J.txt"
    result = run("diff", missing, SEED_FILES[0])
    assert result.returncode == 2 and result.stdout == b""
    line = stderr_line(result)
    assert "no such file" in line and "␛[2J" in line


def test_folder_instead_of_file():
    result = run("diff", SEEDS, SEED_FILES[0])
    assert result.returncode == 2
    assert "folder" in stderr_line(result)


def test_binary_file(tmp_path):
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    result = run("diff", SEED_FILES[0], binary)
    assert result.returncode == 2
    assert "binary" in stderr_line(result)


@pytest.mark.parametrize(
    ("content", "expected"),
    [("no tab on this line\n", ":1: expected"), ("# comment\n\nbad\t(unclosed\n", ":3: bad pattern"), (None, "")],
    ids=["no-tab", "bad-regex", "missing-file"],
)
def test_bad_rules_file(tmp_path, content, expected):
    rules = tmp_path / "rules.tsv"
    if content is not None:
        rules.write_text(content, encoding="utf-8")
    result = run("diff", SEED_FILES[0], SEED_FILES[1], "--rules", rules)
    assert result.returncode == 2 and result.stdout == b""
    assert expected in stderr_line(result)


def test_width_too_small():
    result = run("diff", SEED_FILES[0], SEED_FILES[1], "--width", "5")
    assert result.returncode == 2 and result.stdout == b""
    assert "--width" in stderr_line(result)


def test_missing_argument():
    result = run("diff", SEED_FILES[0])
    assert result.returncode == 2 and result.stdout == b""
    err = result.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert "error: the following arguments are required: right" in err


def test_app_with_two_folders():
    result = run(SEEDS, SEEDS)
    assert result.returncode == 2 and result.stdout == b""
    assert "is a folder, not a document" in stderr_line(result)


def test_app_with_three_paths():
    result = run(SEEDS, SEEDS, SEEDS)
    assert result.returncode == 2 and result.stdout == b""
    assert "one folder, or two files" in stderr_line(result)


def test_app_with_one_file_suggests_two():
    result = run(SEEDS / "000_9d5f377d1d11d820.txt")
    assert result.returncode == 2
    assert "to compare two files: reader A B" in stderr_line(result)


@pytest.mark.parametrize("missing_side", [0, 1])
def test_app_with_a_missing_file_says_so_in_one_line(tmp_path, missing_side):
    # The pair is read in the comparing child (reader.background.read_and_compare); its error
    # is the one reading here gives, on one line, before any screen.
    paths = [SEEDS / "000_9d5f377d1d11d820.txt", SEEDS / "001_7ffa044b369c51b7.txt"]
    paths[missing_side] = tmp_path / "gone.txt"
    result = run(*paths)
    assert result.returncode == 2 and result.stdout == b""
    assert stderr_line(result) == f"reader: {tmp_path / 'gone.txt'}: no such file"


def test_app_with_missing_folder():
    result = run("nonexistent_dir")
    assert result.returncode == 2 and result.stdout == b""
    assert "nonexistent_dir: no such folder" in stderr_line(result)


# Documents ---------------------------------------------------------------------------------

LATIN_TEXT = (
    "Caf\xe9 cr\xe8me br\xfbl\xe9e \xe0 la fran\xe7aise, servie \xe0 No\xebl.\n\n"
    "Le g\xe2teau na\xeff co\xfbte tr\xe8s cher \xe0 Gen\xe8ve, d\xe9clare le p\xe2tissier "
    "du quartier, qui pr\xe9pare ses desserts depuis trente ans.\n\n"
    "Les \xe9l\xe8ves ont d\xe9j\xe0 go\xfbt\xe9 la cr\xe8me br\xfbl\xe9e au caf\xe9 du coin, "
    "o\xf9 l'on sert aussi des cr\xeapes fra\xeeches et du chocolat chaud.\n"
)


@pytest.fixture
def latin_files(tmp_path) -> tuple[Path, Path]:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(LATIN_TEXT.encode("latin-1"))
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(LATIN_TEXT, encoding="utf-8")
    return latin, utf8


def test_latin1_file_is_read(latin_files):
    latin, utf8 = latin_files
    result = run("diff", latin, utf8, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert b"Traceback" not in result.stderr
    data = json.loads(result.stdout)
    check_diff_json(data)
    assert len(data["left"]["paragraphs"]) == 3
    assert data["left"]["encoding"] != "utf-8"
    assert data["right"]["encoding"] == "utf-8"


def test_latin1_file_decodes_correctly(latin_files):
    latin, utf8 = latin_files
    result = run("diff", latin, utf8, "--format", "json")
    data = json.loads(result.stdout)
    assert data["left"]["paragraphs"][0].startswith("Café crème brûlée à la française")
    assert result.returncode == 0


def test_rules_file_tags_a_paragraph(tmp_path):
    body = [
        "Kerry meets Chinese officials in Beijing to talk about the climate",
        "The envoy met the minister in Beijing on Monday to talk about emissions and coal.",
        "Sponsored content from our partners at Acme Widgets and friends",
        "More talks are planned for next year, officials said after the meeting.",
    ]
    assert tag_paragraphs(body, RULES)[2] is None  # content without the extra rule
    left = tmp_path / "left.txt"
    left.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    right = tmp_path / "right.txt"
    right.write_text("\n\n".join(body[:2] + body[3:]) + "\n", encoding="utf-8")
    rules = tmp_path / "rules.tsv"
    rules.write_text("# extra rules\nsponsor block\t^sponsored content\\b\n", encoding="utf-8")
    result = run("diff", left, right, "--format", "json", "--rules", rules)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    check_diff_json(data)
    assert data["left"]["boilerplate"] == [2]
    assert data["left"]["boilerplate_reasons"] == {"2": "sponsor block"}
    assert data["right"]["boilerplate"] == []
    dropped = [row for row in data["rows"] if row["left"] == [2]]
    assert dropped and dropped[0]["kind"] == "dropped" and dropped[0]["boilerplate"]
    assert data["stats"]["dropped"] == 0  # boilerplate rows are left out of stats


HOSTILE = ["\x1b]0;pwned\x07", "\x1b[2J", "\x9b31m", "\u202e"]


@pytest.fixture
def hostile_files(tmp_path) -> tuple[Path, Path]:
    left = tmp_path / "evil\x1b[31m.txt"
    left.write_text(
        "Kerry meets Chinese officials \x1b]0;pwned\x07 in Beijing today\n\n"
        "The envoy met the minister \x1b[2J in Beijing on Monday to talk about coal.\n\n"
        "Officials said \x9b31m more talks \u202e are planned for next year.\n",
        encoding="utf-8",
    )
    right = tmp_path / "right.txt"
    right.write_text(
        "Kerry meets Chinese officials in Beijing today\n\n"
        "The envoy met the minister in Beijing on Tuesday to talk about coal.\n\n"
        "Officials said more talks are planned for next year.\n",
        encoding="utf-8",
    )
    return left, right


def test_escape_sequences_in_documents_never_reach_the_terminal(hostile_files):
    left, right = hostile_files
    plain = run("diff", left, right, "--color", "never", "--width", "200")  # the header keeps the path
    assert plain.returncode == 1, plain.stderr
    assert b"\x1b" not in plain.stdout and b"\x07" not in plain.stdout
    out = plain.stdout.decode("utf-8")
    for sequence in HOSTILE:
        assert sequence not in out
    assert "␛]0;pwned␇" in out and "␛[2J" in out and "<U+009B>" in out and "<U+202E>" in out
    assert "evil␛[31m" in out  # the path in the header too

    colour = run("diff", left, right, "--color", "always", "--width", "80")
    assert colour.returncode == 1
    out = colour.stdout.decode("utf-8")
    assert "\x1b" not in SGR_RE.sub("", out) and "\x07" not in out
    for sequence in HOSTILE:
        assert sequence not in out


def test_escape_sequences_kept_raw_in_json(hostile_files):
    left, right = hostile_files
    result = run("diff", left, right, "--format", "json")
    assert result.returncode == 1
    assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout  # escaped by json
    data = json.loads(result.stdout)
    check_diff_json(data)
    text = "\n\n".join(data["left"]["paragraphs"])
    for sequence in HOSTILE:
        assert sequence in text
    assert data["left"]["path"].endswith("evil\x1b[31m.txt")


# Help, version, pipes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [(("--help",), "usage: reader"), (("diff", "--help"), "usage: reader diff"), (("--version",), "reader 0.1.0")],
    ids=["help", "diff-help", "version"],
)
def test_help_and_version(args, expected):
    result = run(*args)
    assert result.returncode == 0
    out = result.stdout.decode("utf-8")
    assert out.startswith(expected)
    assert b"\x1b" not in result.stdout + result.stderr  # no app was started
    assert result.stderr == b""


def _big_document(tmp_path: Path) -> Path:
    big = tmp_path / "big.txt"
    big.write_text(
        "\n\n".join(
            f"Paragraph {i} tells of event {i * 7} near river {i % 13}, with details {i * 3}." for i in range(2500)
        ),
        encoding="utf-8",
    )
    return big


def test_pipe_closed_before_any_output(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "diff", str(SEED_FILES[0]), str(SEED_FILES[1])],
        cwd=ROOT,
        env=environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # before the child has written anything
    err = process.stderr.read()
    process.stderr.close()
    status = process.wait(timeout=TIMEOUT)
    assert err == b""
    assert status in (0, 1)


def test_stdout_that_cannot_encode_glyphs():
    result = run("diff", SEED_FILES[0], SEED_FILES[1], env=environment(PYTHONIOENCODING="latin-1"))
    assert b"Traceback" not in result.stderr
    assert result.returncode in (1, 2)
