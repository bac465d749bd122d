"""Loading, decoding, segmentation and metadata."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.corpus import Document, DocumentError, document_from_text, load_document, load_folder, segment
from tests.conftest import SEEDS


def test_seed_conventions_are_detected(seed_docs: dict[str, Document]) -> None:
    conventions = {key: doc.convention for key, doc in seed_docs.items()}
    assert conventions == {"000": "blank-line", "001": "blank-line", "002": "line", "003": "blank-line", "004": "line"}
    assert [len(seed_docs[k].paragraphs) for k in sorted(seed_docs)] == [35, 32, 6, 22, 18]


def test_seeds_rebuild_exactly(seed_docs: dict[str, Document]) -> None:
    for key, doc in seed_docs.items():
        raw = next(SEEDS.glob(f"{key}_*.txt")).read_text(encoding="utf-8")
        assert doc.text == raw
        assert doc.rebuild() == raw
        for paragraph in doc.paragraphs:
            assert doc.text[paragraph.start : paragraph.end] == paragraph.text


def test_seed_metadata(seed_docs: dict[str, Document]) -> None:
    ap = seed_docs["000"]
    assert (
        ap.title
        == "Climate envoy John Kerry meets with Chinese officials in a new U.S. push to stabilize rocky relations"
    )
    assert ap.byline == "Associated Press"
    assert ap.date == "2023-07-18"  # the "Published:" line, not the page's date stamp
    assert seed_docs["001"].byline == "Joshua Brown"
    assert seed_docs["002"].title is None
    assert seed_docs["002"].display_title.startswith("John Kerry, the US special envoy on climate")
    assert seed_docs["003"].date == "2023-07-18"
    assert seed_docs["004"].title == "John Kerry visits China amid high tensions between Washington, Beijing"


def test_hard_wrapped_prose_stays_one_paragraph() -> None:
    text = (
        "The envoy arrived in Beijing on Sunday for three days of talks with his\n"
        "counterpart, the first such visit in almost a year, officials said on\n"
        "Monday.\n\nA second paragraph.\n"
    )
    spans, convention = segment(text)
    assert convention == "blank-line"
    assert len(spans) == 2
    assert text[spans[0][0] : spans[0][1]].endswith("Monday.")


def test_page_header_lines_split_into_paragraphs() -> None:
    doc = document_from_text("Linkedin Pinterest\nNews / World\n\nHeadline of the story here\n\nBody text.")
    assert [p.text for p in doc.paragraphs] == [
        "Linkedin Pinterest",
        "News / World",
        "Headline of the story here",
        "Body text.",
    ]


def test_crlf_and_cr_are_normalised_and_reported() -> None:
    crlf = document_from_text("One line here.\r\n\r\nTwo lines here.\r\n")
    assert crlf.newline == "\r\n" and "\r" not in crlf.text
    assert [p.text for p in crlf.paragraphs] == ["One line here.", "Two lines here."]
    cr = document_from_text("One.\rTwo.\r")
    assert cr.newline == "\r" and [p.text for p in cr.paragraphs] == ["One.", "Two."]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + "Caf\u00e9 society.".encode(), "utf-8-sig"),
        ("Caf\u00e9 society.".encode("utf-16"), "utf-16"),
        ("Caf\u00e9 society.".encode(), "utf-8"),
    ],
)
def test_unicode_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    doc = load_document(path)
    assert doc.encoding == encoding
    assert doc.paragraphs[0].text == "Caf\u00e9 society."


def test_legacy_encoding_is_detected_and_named(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = "Le caf\u00e9 de la gare a ferm\u00e9 ses portes apr\u00e8s trente ann\u00e9es d\u2019activit\u00e9.\n" * 5
    path.write_bytes(text.replace("\u2019", "'").encode("cp1252"))
    doc = load_document(path)
    assert doc.encoding.lower().replace("_", "") in {"cp1252", "iso88591", "latin1", "windows1252", "iso885915"}
    assert "caf\u00e9" in doc.text


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
        (lambda p: p.mkdir(), "folder"),
        (lambda p: None, "no such file"),
    ],
)
def test_unreadable_documents_raise_one_line_errors(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "doc"
    make(path)
    with pytest.raises(DocumentError) as error:
        load_document(path)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_empty_and_whitespace_documents_have_no_paragraphs(tmp_path: Path) -> None:
    assert document_from_text("").paragraphs == ()
    assert document_from_text(" \n\t\n  ").paragraphs == ()


def test_folder_lists_documents_and_reasons(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alpha story.\n")
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02")
    (tmp_path / ".hidden").write_text("x")
    (tmp_path / "sub").mkdir()
    corpus = load_folder(tmp_path)
    assert [d.name for d in corpus.documents] == ["a.txt"]
    assert [(Path(e.path).name, e.reason) for e in corpus.errors] == [
        ("b.bin", "binary file (contains NUL bytes), not text")
    ]
    with pytest.raises(DocumentError):
        load_folder(tmp_path / "missing")


def test_wrapped_document_keeps_edited_blocks_whole() -> None:
    """In hard-wrapped prose, a block with a short line inside (a merge left unwrapped) stays whole."""
    line = "It is a truth universally acknowledged, that a single man in possession"
    normal = f"{line}\n{line}\nof a good fortune."
    merged = f"{line}\nof a good fortune.\n{line}\nmust be in want of a wife."
    spans, _ = segment("\n\n".join([normal] * 10 + [merged, normal]))
    assert len(spans) == 12
