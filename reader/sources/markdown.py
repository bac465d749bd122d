"""Markdown: headings, paragraphs and list items each become a paragraph, markup removed."""

from __future__ import annotations

import re

from reader.sources.base import Block, Extracted, SourceError

_TITLE_FIELD = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)


def extract_markdown(data: bytes) -> Extracted:
    """Read Markdown into one block per heading, paragraph, list item or code block.

    Raises:
        SourceError: The bytes are not text.
    """
    from markdown_it import MarkdownIt

    from reader.decoding import DocumentError, decode_with_note

    try:
        text, _, note = decode_with_note(data)
    except DocumentError as error:
        raise SourceError(error.reason) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front_title = None
    if text.startswith("---\n"):  # YAML front matter: keep its title, skip the rest
        end = text.find("\n---", 4)
        if end > 0:
            if match := _TITLE_FIELD.search(text[4:end]):
                front_title = match.group(1).strip("'\"")
            text = text[end + 4 :]
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks: list[Block] = []
    first_heading = None
    for index, token in enumerate(tokens):
        if token.type == "inline" and tokens[index - 1].type in (
            "heading_open",
            "paragraph_open",
            "th_open",
            "td_open",
        ):
            plain = _plain(token)
            if plain:
                blocks.append(Block(plain))
                if tokens[index - 1].type == "heading_open" and first_heading is None:
                    first_heading = plain
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(Block(" ".join(token.content.split())))
    return Extracted(blocks=tuple(blocks), kind="markdown", title=front_title or first_heading, note=note)


def _plain(token: object) -> str:
    """The text of an inline token without its markup (emphasis, links, code marks)."""
    pieces: list[str] = []
    for child in getattr(token, "children", None) or ():
        if child.type in ("text", "code_inline"):
            pieces.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
        elif child.type == "image":
            pieces.append(child.content)
    return " ".join("".join(pieces).split())
