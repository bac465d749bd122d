"""Input kinds other than plain text: saved pages, Markdown, Word, PDF, and the mixed folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.cli import main
from reader.compare import compare
from reader.corpus import DocumentError, load_document, load_folder
from reader.sources import store
from tests.documents import STORY, docx_bytes, encrypted_pdf_bytes, html_page, pdf_bytes, write_mixed_folder, zip_bytes

REPORT_PAGES = [
    [
        "Harbour Report 2024",
        "The first paragraph of the report starts here and it runs on for a good long while",
        "until the example of a hyphenated word that is split across two lines, the ex-",
        "ample, is over.",
        "A short line ends it.",
        "The second paragraph is here and it is long enough to be a full line of text in the",
        "document, and it goes on to the next page",
        "1",
    ],
    [
        "Harbour Report 2024",
        "without a break in the sentence, which the reader must join across pages, as one.",
        "Page 2 of 3",
    ],
    ["Harbour Report 2024", "The third page holds a paragraph of its own that is long enough to matter here.", "3"],
]


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_html_page_gives_article_metadata_and_keeps_what_the_extractor_left_out(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, "bridge.html", html_page()))
    assert document.kind == "html"
    assert document.title == "Council approves harbour bridge"
    assert (document.byline, document.site, document.date) == ("Ann Writer", "Harbour Times", "2024-03-05")
    assert document.url == "https://harbour.example/news/bridge"
    story = [p.text for p in document.paragraphs if not p.is_boilerplate]
    assert story == ["Council approves harbour bridge", *STORY]
    aside = {p.text: p.boilerplate for p in document.paragraphs if p.is_boilerplate}
    assert aside["Home · News · Sport"] == "page text before the article (left out by the extractor)"
    caption = "The harbour at dawn. Photo: Jane Roe/Harbour Press"
    assert aside[caption] == "photo caption (credit); left out by the extractor"
    assert [p.text for p in document.paragraphs].index(caption) == 4  # between story ¶2 and ¶3, as on the page
    # The navigation above the headline, so that a comparison opens on the headline.
    assert [p.text for p in document.paragraphs[:2]] == ["Home · News · Sport", "Council approves harbour bridge"]
    assert any("All rights reserved" in text for text in aside)
    assert document.rebuild() == document.text


def test_page_without_an_article_is_one_line_error(tmp_path: Path) -> None:
    page = write(tmp_path, "empty.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(DocumentError, match=r"no article found in the page"):
        load_document(page)


def test_markdown_headings_and_list_items_are_paragraphs(tmp_path: Path) -> None:
    text = "# Harbour *bridge* plan\n\nThe council met\non Tuesday.\n\n- first item\n- second [item](x)\n\n## Costs\n"
    document = load_document(write(tmp_path, "plan.md", text.encode()))
    assert [p.text for p in document.paragraphs] == [
        "Harbour bridge plan",
        "The council met on Tuesday.",
        "first item",
        "second item",
        "Costs",
    ]
    assert document.title == "Harbour bridge plan"


def test_docx_paragraphs_tables_and_properties(tmp_path: Path) -> None:
    data = docx_bytes(
        [("Bridge draft", "Title"), ("First paragraph.", None), ("", None), ("A point.", "List Bullet")],
        author="Ann Editor",
        table=[["Cost", "84 million"], ["Start", "Start"]],
    )
    document = load_document(write(tmp_path, "draft.docx", data))
    assert [p.text for p in document.paragraphs] == [
        "Bridge draft",
        "First paragraph.",
        "A point.",
        "Cost | 84 million",
        "Start",
    ]
    assert (document.title, document.byline, document.kind) == ("Bridge draft", "Ann Editor", "docx")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (zip_bytes({"notes.txt": b"hello"}), "not a Word document (a zip archive without a word/ part)"),
        (b"plain text pretending", "not a Word document (.docx files are zip archives; this is not one)"),
        (zip_bytes({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<broken"}), "Word document"),
    ],
)
def test_docx_that_is_something_else_is_one_line_error(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(DocumentError) as raised:
        load_document(write(tmp_path, "fake.docx", data))
    assert reason in raised.value.reason and "\n" not in str(raised.value)


def test_pdf_paragraphs_rebuilt_without_running_headers_and_page_numbers(tmp_path: Path) -> None:
    data = pdf_bytes(REPORT_PAGES, title="Harbour report", author="Port Authority", created="20240305120000Z")
    document = load_document(write(tmp_path, "report.pdf", data))
    texts = [p.text for p in document.paragraphs]
    assert texts == [
        "The first paragraph of the report starts here and it runs on for a good long while until the example "
        "of a hyphenated word that is split across two lines, the example, is over.",
        "A short line ends it.",
        "The second paragraph is here and it is long enough to be a full line of text in the document, and it "
        "goes on to the next page without a break in the sentence, which the reader must join across pages, as one.",
        "The third page holds a paragraph of its own that is long enough to matter here.",
    ]
    assert (document.title, document.byline, document.date) == ("Harbour report", "Port Authority", "2024-03-05")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.4\n1 0 obj garbage that never ends", "damaged PDF"),
        (b"not a pdf at all", "not a PDF (no %PDF header)"),
        (encrypted_pdf_bytes(), "encrypted PDF (it needs a password)"),
        (pdf_bytes([[]]), "no text in the PDF"),
    ],
)
def test_broken_encrypted_or_empty_pdf_is_one_line_error(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(DocumentError) as raised:
        load_document(write(tmp_path, "bad.pdf", data))
    assert reason in raised.value.reason and "\n" not in str(raised.value)


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    return write_mixed_folder(tmp_path / "mixed")


def test_mixed_folder_lists_every_kind_and_any_two_compare(mixed_folder: Path) -> None:
    before = sorted(os.listdir(mixed_folder))
    corpus = load_folder(mixed_folder)
    assert not corpus.errors
    assert [d.kind for d in corpus.documents] == ["text", "html", "docx", "pdf", "markdown"]
    assert all(d.title == "Council approves harbour bridge" for d in corpus.documents)
    text, page = corpus.documents[0], corpus.documents[1]
    comparison = compare(text, page)
    assert comparison.stats.similarity > 0.9
    assert sorted(os.listdir(mixed_folder)) == before  # nothing written beside the documents


def test_diff_reads_a_page_and_a_word_file(mixed_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["diff", str(mixed_folder / "b.html"), str(mixed_folder / "c.docx"), "--format", "json"])
    assert status in (0, 1)
    assert '"reader.diff/1"' in capsys.readouterr().out


def test_extraction_is_cached_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    page = write(tmp_path, "bridge.html", html_page())
    first = load_document(page)
    stored = sorted(p.name for p in (tmp_path / "cache" / "extracted").iterdir())
    assert len(stored) == 2 and sum(name.endswith(".tags.json") for name in stored) == 1  # extraction + tags
    calls = []
    monkeypatch.setattr("reader.sources.extract", lambda *a, **k: calls.append(a))
    monkeypatch.setattr("reader.corpus.tag_paragraphs", lambda *a, **k: calls.append(a))
    again = load_document(page)
    assert again == first and not calls
    assert [p.boilerplate for p in again.paragraphs] == [p.boilerplate for p in first.paragraphs]


def test_other_rules_tag_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.boilerplate import RULES, parse_rules

    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    page = write(tmp_path, "bridge.html", html_page())
    load_document(page)
    extended = load_document(page, rules=RULES + parse_rules("bridge talk\t\\bbridge\\b"))
    assert extended.paragraphs[1].boilerplate == "bridge talk"


def test_cache_remembers_failures_and_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    page = write(tmp_path, "empty.html", b"<html><body><p>x</p></body></html>")
    for _ in range(2):
        with pytest.raises(DocumentError, match="no article"):
            load_document(page)
    monkeypatch.setenv("READER_NO_CACHE", "1")
    assert store._folder() is None


def test_unknown_extension_stays_plain_text(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, "notes.log", b"One line.\nTwo lines.\n"))
    assert document.kind == "text" and [p.text for p in document.paragraphs] == ["One line.", "Two lines."]


def test_pdf_lines_to_paragraphs_bullets_headings_and_hyphens() -> None:
    from reader.sources.pdf import rebuild_paragraphs

    full = "A line of body text that runs on for the full width of the page, more or less."
    pages = [
        [
            "Costs",
            full,
            "The work will cost about eighty-",
            "four million, in three well-",
            "Known phases.",
            "• first phase",
            "• second phase",
        ]
    ]
    assert rebuild_paragraphs(pages) == [
        "Costs",
        f"{full} The work will cost about eightyfour million, in three well- Known phases.",
        "• first phase",
        "• second phase",
    ]


def test_pdf_running_lines_need_to_repeat_but_page_numbers_go_anyway() -> None:
    from reader.sources.pdf import _drop_running_lines

    pages = [["Report", "Body one.", "7"], ["Other top", "Body two.", "Page 8 of 9"]]
    assert _drop_running_lines(pages) == [["Report", "Body one."], ["Other top", "Body two."]]
    assert _drop_running_lines([["2024", "A year as a title."]]) == [["2024", "A year as a title."]]


def test_folder_templates_and_the_links_record(tmp_path: Path) -> None:
    for number in range(3):
        text = f"Headline {number} here\n\nHarbour Times Weekly\n\nStory number {number} is told here.\n"
        write(tmp_path, f"{number}.txt", text.encode())
    write(
        tmp_path,
        ".reader-links.json",
        b'{"format": "reader.links/1", "files": {"0.txt": '
        b'{"url": "https://harbour.example/0", "final_url": "https://harbour.example/0", "fetched": "2024-03-05T10:00:00+00:00"}}}',
    )
    corpus = load_folder(tmp_path)
    assert len(corpus.documents) == 3 and not corpus.errors
    assert all(d.paragraphs[1].boilerplate == "template (in 3 documents of the folder)" for d in corpus.documents)
    assert all(d.paragraphs[0].boilerplate is None for d in corpus.documents)
    assert corpus.documents[0].url == "https://harbour.example/0" and corpus.documents[0].fetched
    assert corpus.documents[1].url is None


def test_page_whose_text_matches_no_article_line_keeps_the_page_aside() -> None:
    from reader.sources.html import AFTER, _with_left_out

    blocks = _with_left_out(["Rewritten article text."], ["Menu", "Something else entirely"])
    assert [(b.text, b.dropped) for b in blocks] == [
        ("Rewritten article text.", None),
        ("Menu · Something else entirely", AFTER),
    ]


def test_a_menu_word_found_in_the_story_does_not_pull_the_menu_into_the_article() -> None:
    from reader.sources.html import BEFORE, LEFT_OUT, _with_left_out

    article = [
        "Tech firms said the bridge contract went to a local builder on Tuesday.",
        "The builder, founded in 1950, employs 300 people in the harbour district.",
    ]
    lines = [
        "Tech",
        "Sport",
        article[0],
        "Share this",
        "The builder, founded",
        "in 1950, employs 300 people in",
        "the harbour district.",
    ]
    blocks = _with_left_out(article, lines)
    assert [(b.text, b.dropped) for b in blocks] == [
        ("Tech · Sport", BEFORE),
        (article[0], None),
        ("Share this", LEFT_OUT),
        (article[1], None),
    ]
