"""Export formats: golden files, the unified diff applied by ``patch``, HTML and Markdown
safety, the registry, the atomic writer.

Golden files live in ``tests/expected_exports/``; after an intended change of output, regenerate them
with ``REGENERATE_GOLDEN=1 python -m pytest tests/test_export.py`` and review the diff.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reader.compare import Comparison, compare
from reader.corpus import Document, load_document
from reader.exporters import FORMATS, ExportError, ExportExistsError, default_filename, write_atomic
from reader.exporters.markdown import escape

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "expected_exports"
SEED_NAMES = sorted(path.name for path in (ROOT / "seeds").glob("*.txt"))
GOLDEN_PAIRS = [("000", "001"), ("000", "002")]
WIDTH = 100
REGENERATE = bool(os.environ.get("REGENERATE_GOLDEN"))
SGR_RE = re.compile(r"\x1b\[[0-9;]*m")
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    """The seeds loaded under their paths relative to the project, as golden files show them."""
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        return {name[:3]: load_document(f"seeds/{name}") for name in SEED_NAMES}
    finally:
        os.chdir(previous)


def pair(seeds, left: str, right: str) -> Comparison:
    return compare(seeds[left], seeds[right])


def write_pair(folder: Path, left: str | bytes, right: str | bytes) -> tuple[Path, Path]:
    paths = (folder / "left.txt", folder / "right.txt")
    for path, content in zip(paths, (left, right)):
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return paths


# Golden files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FORMATS))
@pytest.mark.parametrize(("left", "right"), GOLDEN_PAIRS, ids=["-".join(p) for p in GOLDEN_PAIRS])
def test_golden(seeds, name, left, right):
    fmt = FORMATS[name]
    output = fmt.render(pair(seeds, left, right), width=WIDTH, changes_only=False)
    golden = GOLDEN / f"{left}--{right}.{fmt.extension}"
    if REGENERATE:
        golden.write_bytes(output.encode("utf-8"))
    assert golden.exists(), f"missing {golden.name}: run REGENERATE_GOLDEN=1 pytest {__file__}"
    assert output == golden.read_bytes().decode("utf-8"), f"{golden.name} changed"


def test_registry_describes_every_format():
    assert list(FORMATS) == ["text", "ansi", "inline", "unified", "markdown", "html", "json"]
    extensions = [fmt.extension for fmt in FORMATS.values()]
    assert len(set(extensions)) == len(extensions)
    for name, fmt in FORMATS.items():
        assert fmt.name == name and fmt.description and "\n" not in fmt.description


def test_default_filename(seeds):
    comparison = pair(seeds, "000", "001")
    assert default_filename(comparison, "html") == "000_9d5f377d1d11d820--001_7ffa044b369c51b7.html"
    assert default_filename(comparison, FORMATS["unified"]).endswith(".diff")


def test_default_filename_is_safe(tmp_path):
    left, right = write_pair(tmp_path, "One.\n", "Two.\n")
    hostile = tmp_path / "..\x1b[2J|<x> .txt"
    hostile.write_text("Two.\n", encoding="utf-8")
    name = default_filename(compare(load_document(left), load_document(hostile)), "markdown")
    assert name == "left--2J_x.md"
    assert re.fullmatch(r"[\w.-]+", name) and not name.startswith(".")


# changes_only ------------------------------------------------------------------------------


@pytest.fixture
def mostly_same(tmp_path) -> Comparison:
    paragraphs = [
        f"Paragraph {i} reports that event {i * 7} happened near river {i % 13} on day {i}." for i in range(8)
    ]
    edited = paragraphs[:3] + ["Paragraph 3 reports that the event happened far from any river."] + paragraphs[4:]
    left, right = write_pair(tmp_path, "\n\n".join(paragraphs) + "\n", "\n\n".join(edited) + "\n")
    comparison = compare(load_document(left), load_document(right))
    assert {row.kind for row in comparison.rows} >= {"same"} and not comparison.identical
    return comparison


@pytest.mark.parametrize("name", ["text", "ansi", "inline", "markdown", "html"])
def test_changes_only_leaves_out_same_rows(mostly_same, name):
    render = FORMATS[name].render
    full = render(mostly_same, width=WIDTH, changes_only=False)
    changes = render(mostly_same, width=WIDTH, changes_only=True)
    assert "event 14 happened" in full and "event 14 happened" not in changes
    assert "Paragraph 3 reports" in changes


def test_changes_only_json(mostly_same):
    full = json.loads(FORMATS["json"].render(mostly_same, width=WIDTH, changes_only=False))
    data = json.loads(FORMATS["json"].render(mostly_same, width=WIDTH, changes_only=True))
    assert full["changes_only"] is False and data["changes_only"] is True
    assert [row["kind"] for row in data["rows"]] == [row["kind"] for row in full["rows"] if row["kind"] != "same"]
    assert data["left"]["paragraphs"] == full["left"]["paragraphs"]
    assert data["stats"] == full["stats"]


def test_unified_ignores_changes_only(mostly_same):
    render = FORMATS["unified"].render
    assert render(mostly_same, width=WIDTH, changes_only=True) == render(mostly_same, width=WIDTH, changes_only=False)


# The unified diff, applied -----------------------------------------------------------------


def apply_unified(original: str, diff: str) -> str:
    """Apply a unified diff strictly (context must match exactly): a check independent of patch."""
    source = original.split("\n")
    source = [line + "\n" for line in source[:-1]] + ([source[-1]] if source[-1] else [])
    lines = diff.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    assert not lines or (lines[0].startswith("--- ") and lines[1].startswith("+++ "))
    result: list[str] = []
    position = 0
    last_left = 0
    body: list[tuple[str, str]] = []

    def flush() -> None:
        nonlocal position
        for kind, text in body:
            if kind in " -":
                assert source[position] == text, (position, source[position], text)
                position += 1
            if kind in " +":
                result.append(text)
        body.clear()

    for line in lines[2:]:
        if line.startswith("@@"):
            flush()
            match = re.match(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n", line)
            assert match, line
            start, count = int(match.group(1)), int(match.group(2) or 1)
            first = start - 1 if count else start
            assert first >= last_left, "hunks out of order"
            result.extend(source[position:first])
            position = last_left = first
        elif line.startswith("\\"):
            kind, text = body[-1]
            body[-1] = (kind, text[:-1])
        else:
            body.append((line[0], line[1:]))
    flush()
    result.extend(source[position:])
    return "".join(result)


def patch_binary() -> str:
    found = shutil.which("patch")
    if not found:
        pytest.skip("the patch program is not installed (the pure-Python check still runs)")
    return found


def check_round_trip(left: Path, right: Path, tmp_path: Path, *, use_patch: bool = True) -> str:
    comparison = compare(load_document(left), load_document(right))
    diff = FORMATS["unified"].render(comparison, width=WIDTH, changes_only=False)
    before, after = left.read_bytes(), right.read_bytes()
    assert apply_unified(before.decode("utf-8"), diff).encode("utf-8") == after
    if use_patch and diff:
        patch_file = tmp_path / "change.diff"
        patch_file.write_bytes(diff.encode("utf-8"))
        out = tmp_path / "patched"
        result = subprocess.run(
            [patch_binary(), "--quiet", "--fuzz=0", "--force", "-o", str(out), str(left), str(patch_file)],
            capture_output=True,
            timeout=30,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert out.read_bytes() == after
    return diff


def test_patch_round_trip_on_every_ordered_seed_pair(tmp_path):
    pairs = list(itertools.permutations(SEED_NAMES, 2))
    assert len(pairs) == 20
    for left, right in pairs:
        diff = check_round_trip(ROOT / "seeds" / left, ROOT / "seeds" / right, tmp_path)
        assert diff.startswith(f"--- a/{ROOT.relative_to('/')}/seeds/{left}\n")


PARAGRAPHS = [f"Paragraph {i} tells of event {i * 7} near river {i % 13}, with details {i * 3}." for i in range(30)]
EDITED = (
    PARAGRAPHS[:3]
    + [PARAGRAPHS[20]]
    + PARAGRAPHS[3:5]
    + [PARAGRAPHS[5].replace("event", "incident")]
    + PARAGRAPHS[6:11]
    + PARAGRAPHS[12:20]
    + PARAGRAPHS[21:26]
    + ["A brand new paragraph about nothing."]
    + PARAGRAPHS[26:]
)


def text_of(paragraphs: list[str], *, newline: str = "\n", separator: str = "\n\n", end: str = "\n") -> str:
    return (separator.join(paragraphs) + end).replace("\n", newline)


EDGE_CASES = {
    "lf": (text_of(PARAGRAPHS), text_of(EDITED)),
    "crlf": (text_of(PARAGRAPHS, newline="\r\n"), text_of(EDITED, newline="\r\n")),
    "crlf-to-lf": (text_of(PARAGRAPHS, newline="\r\n"), text_of(EDITED)),
    "cr": (text_of(PARAGRAPHS, newline="\r"), text_of(EDITED, newline="\r")),
    "mixed-line-ends": (
        text_of(PARAGRAPHS[:10]) + text_of(PARAGRAPHS[10:], newline="\r\n"),
        text_of(EDITED[:10], newline="\r\n") + text_of(EDITED[10:]),
    ),
    "no-final-newline": (text_of(PARAGRAPHS, end=""), text_of(EDITED, end="")),
    "final-newline-dropped": (text_of(PARAGRAPHS), text_of(EDITED, end="")),
    "final-newline-added": (text_of(PARAGRAPHS, end=""), text_of(EDITED)),
    "bom": ("\ufeff" + text_of(PARAGRAPHS), "\ufeff" + text_of(EDITED)),
    "bom-dropped": ("\ufeff" + text_of(PARAGRAPHS), text_of(EDITED)),
    "one-per-line": (text_of(PARAGRAPHS, separator="\n"), text_of(EDITED, separator="\n")),
    "extra-blank-lines": (text_of(PARAGRAPHS, separator="\n\n\n", end="\n\n"), text_of(EDITED)),
    "hard-wrapped": (
        "\n\n".join(p[:40] + "\n" + p[40:] for p in PARAGRAPHS) + "\n",
        "\n\n".join(p[:40] + "\n" + p[40:] for p in EDITED) + "\n",
    ),
    "empty-to-text": ("", text_of(EDITED)),
    "text-to-empty": (text_of(PARAGRAPHS), ""),
    "blank-lines-only": ("\n\n\n", text_of(EDITED)),
    "control-characters": (text_of(PARAGRAPHS).replace("event 7", "event\x1b[2J 7"), text_of(EDITED)),
}


@pytest.mark.parametrize("case", list(EDGE_CASES))
def test_patch_round_trip_edge_cases(tmp_path, case):
    left, right = write_pair(tmp_path, *EDGE_CASES[case])
    diff = check_round_trip(left, right, tmp_path)
    assert diff


def test_unified_hunks_follow_rows_in_left_order(tmp_path):
    left, right = write_pair(tmp_path, *EDGE_CASES["lf"])
    comparison = compare(load_document(left), load_document(right))
    assert any(row.kind == "moved" for row in comparison.rows)
    diff = FORMATS["unified"].render(comparison, width=WIDTH, changes_only=False)
    starts = [int(m) for m in re.findall(r"^@@ -(\d+)", diff, re.MULTILINE)]
    assert starts == sorted(starts) and len(starts) >= 3
    moved = PARAGRAPHS[20] + "\n"
    assert f"-{moved}" in diff and f"+{moved}" in diff  # a move: dropped here, added there
    assert "-" + PARAGRAPHS[5] in diff and "+" + EDITED[6] in diff
    assert diff.count("\n ") >= 6  # three lines of context around changes


def test_unified_of_identical_files_is_empty(tmp_path):
    left, right = write_pair(tmp_path, EDGE_CASES["crlf"][0], EDGE_CASES["crlf"][0])
    assert check_round_trip(left, right, tmp_path) == ""
    left, right = write_pair(tmp_path, "", "")
    assert check_round_trip(left, right, tmp_path) == ""


def test_unified_marks_missing_final_newline(tmp_path):
    left, right = write_pair(tmp_path, "One line.\n\nTwo lines here.", "One line.\n\nTwo lines there.")
    diff = check_round_trip(left, right, tmp_path)
    assert diff.endswith("+Two lines there.\n\\ No newline at end of file\n")


# Safety: HTML, Markdown, control characters ------------------------------------------------

HOSTILE_LEFT = (
    "Kerry meets <script>alert(1)</script> officials [bold]in[/] Beijing today\n\n"
    "The envoy met the *minister* \x1b[2J in `Beijing` on Monday | to talk about_coal_.\n\n"
    "# Officials said \x1b]0;pwned\x07 more talks \u202e are planned <b>for</b> next year & beyond.\n"
)
HOSTILE_RIGHT = (
    "Kerry meets <script>alert(2)</script> officials [bold]in[/] Beijing today\n\n"
    "The envoy met the *minister* in `Beijing` on Tuesday | to talk about_coal_.\n\n"
    "# Officials said more talks are planned <b>for</b> next year & beyond, rights, here.\n"
)


@pytest.fixture
def hostile(tmp_path) -> Comparison:
    left = tmp_path / "evil <i>\x1b[31m.txt"
    left.write_text(HOSTILE_LEFT, encoding="utf-8")
    right = tmp_path / "right.txt"
    right.write_text(HOSTILE_RIGHT, encoding="utf-8")
    return compare(load_document(left), load_document(right))


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


OWN_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "h1",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "th",
    "td",
    "p",
    "span",
    "del",
    "ins",
    "colgroup",
    "col",
    "thead",
    "tbody",
}


def test_html_shows_document_markup_as_text(hostile):
    page = FORMATS["html"].render(hostile, width=WIDTH, changes_only=False)
    parser = _Collector()
    parser.feed(page)
    assert parser.tags <= OWN_TAGS, parser.tags - OWN_TAGS
    assert "<script" not in page and "<i>" not in page
    text = "".join(parser.text)
    assert "<script>alert(1)</script>" in text and "[bold]in[/]" in text and "<b>for</b>" in text
    assert "evil <i>␛[31m.txt" in text
    assert "␛[2J" in text and "␛]0;pwned␇" in text and "<U+202E>" in text
    assert not CONTROL_RE.search(page)
    assert not any(name.startswith("on") or (value or "").startswith("javascript") for name, value in parser.attributes)
    assert "http" not in page.replace("http-equiv", "")  # nothing fetched from the network


def test_html_legend_stats_and_colours(seeds):
    page = FORMATS["html"].render(pair(seeds, "000", "001"), width=WIDTH, changes_only=False)
    assert "prefers-color-scheme: dark" in page
    assert 'class="reworded"' in page and 'class="dropped boilerplate"' in page
    for glyph in "=~≈↕+-":
        assert f"{glyph} " in page
    assert "words kept" in page and "<del>" in page and "<ins>" in page


def test_markdown_escape_keeps_text_literal():
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    text = "*a* _b_ | <b>x</b> `code` [link](http://e.org) ~~s~~ &amp; $x$ \\ # h"
    rendered = md.render(f"> {escape(text)}")
    assert "<em>" not in rendered and "<b>" not in rendered and "<code>" not in rendered and "<a " not in rendered
    paragraph = re.search(r"<p>(.*)</p>", rendered, re.DOTALL).group(1)
    assert html.unescape(paragraph) == text


def test_markdown_report_renders_document_literally(hostile):
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    report = FORMATS["markdown"].render(hostile, width=WIDTH, changes_only=False)
    assert not CONTROL_RE.search(report)
    rendered = md.render(report)
    assert "<script>" not in rendered and "<b>for</b>" not in rendered
    assert "&lt;script&gt;alert(" in rendered and "&lt;b&gt;for&lt;/b&gt;" in rendered
    assert "<em>" not in rendered and "<code>" not in rendered
    assert rendered.count("<h1>") == 1  # the '#' at the start of a paragraph is text
    assert "<table>" in rendered and ("<s>" in rendered or "<del>" in rendered)
    assert "<strong>Tuesday</strong>" in rendered  # added words bold, even next to punctuation


def test_markdown_emphasis_next_to_punctuation_still_renders(tmp_path):
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark").enable(["strikethrough"])
    left, right = write_pair(
        tmp_path,
        "Ties between the countries hit a low over tariffs and human rights today.\n",
        "Ties between the countries hit a low over tariffs, and human rights, today.\n",
    )
    report = FORMATS["markdown"].render(
        compare(load_document(left), load_document(right)), width=WIDTH, changes_only=False
    )
    rendered = md.render(report)
    assert "**" not in re.sub(r"<[^>]+>", "", rendered)  # every delimiter became emphasis
    assert rendered.count("<strong>,</strong>") == 2


@pytest.mark.parametrize("name", ["text", "inline", "markdown", "html"])
def test_no_control_characters_in_readable_formats(hostile, name):
    output = FORMATS[name].render(hostile, width=WIDTH, changes_only=False)
    assert "\x1b" not in output and "\x07" not in output
    assert not CONTROL_RE.search(output)


def test_ansi_has_colour_and_nothing_else(hostile):
    output = FORMATS["ansi"].render(hostile, width=WIDTH, changes_only=False)
    assert SGR_RE.search(output)
    assert not CONTROL_RE.search(SGR_RE.sub("", output))


def test_inline_labels_rows(seeds):
    output = FORMATS["inline"].render(pair(seeds, "000", "002"), width=80, changes_only=False)
    assert "≈ reworded · ¶17, ¶20–21 → ¶3 · 24% kept" in output  # 000's headline (¶5) no longer joins 002's lede
    assert "- dropped · ¶3 → — · cruft: share buttons" in output
    assert max(len(line) for line in output.splitlines()) <= 80
    assert "[-" in output and "{+" in output


# The atomic writer -------------------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def test_write_atomic_writes_exact_bytes(tmp_path):
    target = tmp_path / "out.diff"
    assert write_atomic(target, "a\r\nb\n\ufeffc", force=False) == target
    assert target.read_bytes() == "a\r\nb\n\ufeffc".encode("utf-8")
    assert leftovers(tmp_path) == []
    assert target.stat().st_mode & 0o777 == 0o644


def test_write_atomic_refuses_to_overwrite(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("precious", encoding="utf-8")
    target.chmod(0o600)
    with pytest.raises(ExportExistsError, match=r"out\.txt: already exists$") as caught:
        write_atomic(target, "new", force=False)
    assert isinstance(caught.value, FileExistsError)
    assert target.read_text(encoding="utf-8") == "precious"
    write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o600  # a replaced file keeps its permissions
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["missing-folder", "file-in-the-way", "target-is-folder"])
def test_write_atomic_unwritable_target(tmp_path, where):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    target = {
        "missing-folder": tmp_path / "missing" / "out.txt",
        "file-in-the-way": tmp_path / "file" / "out.txt",
        "target-is-folder": tmp_path / "folder",
    }[where]
    with pytest.raises(ExportError) as caught:
        write_atomic(target, "text", force=True)
    message = str(caught.value)
    assert "\n" not in message and str(target) in message
    assert sorted(path.name for path in tmp_path.rglob("*")) == ["file", "folder"]


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root may write anywhere")
def test_write_atomic_read_only_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="permission denied"):
            write_atomic(folder / "out.txt", "text", force=False)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
