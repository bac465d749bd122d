"""Word documents (.docx) through python-docx: paragraphs and table cells, with core properties."""

from __future__ import annotations

import io
import zipfile

from reader.sources import Block, Extracted, SourceError


def extract_docx(data: bytes) -> Extracted:
    """Read a .docx into one block per non-empty paragraph (tables: one per cell row).

    Raises:
        SourceError: The bytes are not a Word document.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SourceError("not a Word document (.docx files are zip archives; this is not one)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as error:
        raise SourceError(f"not a Word document (broken zip: {error})") from None
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        raise SourceError("not a Word document (a zip archive without a word/ part)")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise SourceError(f"not a readable Word document ({_first_line(error)})") from None
    except Exception as error:  # lxml syntax errors and the like from a damaged part
        raise SourceError(f"damaged Word document ({_first_line(error)})") from None
    blocks: list[Block] = []
    first_heading = None
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):  # a table
            for row in item.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                line = " | ".join(dict.fromkeys(c for c in cells if c))  # merged cells repeat
                if line:
                    blocks.append(Block(line))
            continue
        text = " ".join(item.text.split())
        if not text:
            continue
        style = (item.style.name if item.style is not None else "") or ""
        if first_heading is None and (style == "Title" or style.startswith("Heading")):
            first_heading = text
        blocks.append(Block(text))
    properties = document.core_properties
    when = properties.modified or properties.created
    return Extracted(
        blocks=tuple(blocks),
        kind="docx",
        title=(properties.title or "").strip() or first_heading,
        author=(properties.author or "").strip() or None,
        date=when.date().isoformat() if when is not None else None,
    )


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:120]
