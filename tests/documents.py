"""Builders for small test documents of every kind: HTML pages, .docx, PDF, Markdown.

Made at test time from text written for the tests (never third-party pages): a PDF is written
by hand (a few objects, one text line per ``Tj``), a .docx with python-docx.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path


def pdf_bytes(
    pages: list[list[str]], *, title: str | None = None, author: str | None = None, created: str | None = None
) -> bytes:
    """A PDF with one text line per entry, top to bottom, on each page (Helvetica, 11 pt)."""
    objects: list[bytes] = []
    kids = []
    font_number = 3 + 2 * len(pages)
    for number, lines in enumerate(pages):
        page_object, content_object = 3 + 2 * number, 4 + 2 * number
        kids.append(f"{page_object} 0 R")
        stream = "".join(
            f"BT /F1 11 Tf 72 {760 - 14 * row} Td ({_escape(line)}) Tj ET\n" for row, line in enumerate(lines)
        ).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_object} 0 R "
            f"/Resources << /Font << /F1 {font_number} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    page_tree = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    info_fields = []
    if title:
        info_fields.append(f"/Title ({_escape(title)})")
    if author:
        info_fields.append(f"/Author ({_escape(author)})")
    if created:
        info_fields.append(f"/CreationDate (D:{created})")
    everything = [catalog, page_tree, *objects, font]
    if info_fields:
        everything.append(f"<< {' '.join(info_fields)} >>".encode())
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(everything, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(everything) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    info = f" /Info {len(everything)} 0 R" if info_fields else ""
    out.write(f"trailer\n<< /Size {len(everything) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def encrypted_pdf_bytes(password: str = "secret") -> bytes:
    """A one-page PDF that needs a password (RC4, which pypdf decrypts without extra packages)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes([["Secret text of the report."]]))))
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(
    paragraphs: list[tuple[str, str | None]], *, title: str = "", author: str = "", table: list[list[str]] | None = None
) -> bytes:
    """A .docx with (text, style) paragraphs, an optional table and core properties."""
    import docx

    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table):
            for cell, text in zip(row.cells, cells):
                cell.text = text
    document.core_properties.title = title
    document.core_properties.author = author
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip archive of the given files (a '.docx' that is something else)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


STORY = [
    "The city council approved the new harbour bridge on Tuesday after a debate that lasted "
    "more than six hours and drew hundreds of residents to the town hall.",
    "Supporters said the bridge would cut the drive between the two districts from forty minutes "
    "to twelve, and bring trade back to the old market streets along the quay.",
    "Opponents warned that the cost, now estimated at 84 million euros, could double before the "
    "work is finished, as it did for the tunnel that the city opened in 2009.",
    "The mayor said construction would start in the spring and take three years, and that the "
    "council would publish every contract on its website as the work goes on.",
]


def html_page(*, title: str = "Council approves harbour bridge", story: list[str] | None = None) -> bytes:
    """A news page: navigation, headline, byline metadata, story, a captioned photo, a footer."""
    paragraphs = story if story is not None else STORY
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:2])
    body += (
        '<figure><img src="bridge.jpg" alt=""><figcaption>The harbour at dawn. '
        "Photo: Jane Roe/Harbour Press</figcaption></figure>"
    )
    body += "".join(f"<p>{p}</p>" for p in paragraphs[2:])
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Harbour Times</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Harbour Times">
<meta name="author" content="Ann Writer">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://harbour.example/news/bridge">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article><h1>{title}</h1>{body}</article></main>
<footer><p>Contact us</p><p>Copyright 2024 Harbour Times. All rights reserved.</p></footer>
</body></html>""".encode()


def write_mixed_folder(folder: Path) -> Path:
    """A folder holding the same story as .txt, .html, .docx, .pdf and .md."""
    folder.mkdir(parents=True, exist_ok=True)
    headline = "Council approves harbour bridge"
    (folder / "a.txt").write_bytes((headline + "\n\n" + "\n\n".join(STORY) + "\n").encode())
    (folder / "b.html").write_bytes(html_page())
    (folder / "c.docx").write_bytes(docx_bytes([(headline, "Title")] + [(p, None) for p in STORY]))
    (folder / "d.pdf").write_bytes(pdf_bytes([[headline, *STORY[0].split(" after ")]]))
    (folder / "e.md").write_bytes(("# " + headline + "\n\n" + "\n\n".join(STORY)).encode())
    return folder
