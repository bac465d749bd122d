"""Saved web pages: the article through trafilatura, with the text it left out kept aside.

trafilatura finds the article's paragraphs and the page's metadata (title, author, site name,
date, canonical URL). Every other piece of visible page text is kept too, as a block with a
reason: text between the article's paragraphs (captions, promos, pull quotes) at its place,
and the page text before and after the article (navigation, footers) as one block each. So
nothing the extractor dropped is lost: it shows as tagged cruft.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from reader.sources.base import Block, Extracted, SourceError

LEFT_OUT = "left out by the extractor"
BEFORE = "page text before the article (left out by the extractor)"
AFTER = "page text after the article (left out by the extractor)"

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section "
    "summary table tbody td tfoot th thead tr ul".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg head iframe object embed select option button".split())
_HAS_WORD = re.compile(r"\w")
_WORD = re.compile(r"\w+")
ANCHOR_CHARS = 30
"""A page line this long found in the article's text places the article on the page."""
MIN_ARTICLE_WORDS = 20
"""A page whose main text is shorter than this has no article (a menu, an error page)."""


def _fold(text: str) -> str:
    return " ".join(text.split())


def page_lines(tree: object) -> list[str]:
    """The visible text of a parsed page, one entry per block element, in reading order."""
    from lxml import etree

    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        line = _fold("".join(buffer))
        buffer.clear()
        if line and _HAS_WORD.search(line):
            lines.append(line)

    skipping = 0
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if event == "start":
            if skipping or tag in _SKIP_TAGS or not tag:
                skipping += 1
                continue
            if tag in _BLOCK_TAGS:
                flush()
            if element.text:
                buffer.append(element.text)
        else:
            if skipping:
                skipping -= 1
                if skipping:
                    continue
            elif tag in _BLOCK_TAGS:
                flush()
            if element.tail:
                buffer.append(element.tail)
    flush()
    return lines


def extract_html(data: bytes, *, url: str | None = None) -> Extracted:
    """Extract the article and metadata of an HTML page.

    Raises:
        SourceError: The bytes are not an HTML page, or the page has no article.
    """
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    tree = load_html(data)
    if tree is None:
        raise SourceError("not an HTML page (could not be parsed)")
    result: Any = bare_extraction(tree, url=url, with_metadata=True, include_comments=False)
    text = getattr(result, "text", None) if result is not None else None
    article = [line for line in (_fold(t) for t in (text or "").split("\n")) if line]
    found_words = sum(len(_WORD.findall(paragraph)) for paragraph in article)
    if found_words < MIN_ARTICLE_WORDS:
        detail = f"only {found_words} words of main text" if found_words else "the extractor found no main text"
        raise SourceError(f"no article found in the page ({detail})")
    blocks = _with_left_out(article, page_lines(load_html(data)))
    site = _fold(result.sitename or "") or None
    title = _without_site(_fold(result.title or ""), site) or None
    if title and not any(_fold(b.text) == title for b in blocks[:4] if b.dropped is None):
        # After the page's navigation, not above it: a comparison then opens on the headline,
        # with the left-out page text as one cruft row above (b hides it).
        blocks.insert(1 if blocks and blocks[0].dropped == BEFORE else 0, Block(title))
    date = result.date if result.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", result.date) else None
    return Extracted(
        blocks=tuple(blocks),
        kind="html",
        title=title,
        author=_fold(result.author or "") or None,
        site=site,
        date=date,
        url=result.url or url,
    )


def _without_site(title: str, site: str | None) -> str:
    """A headline without the site's name that pages append to it ("… - The Paradigm").

    >>> _without_site("Bridge approved | Harbour Times", "Harbour Times")
    'Bridge approved'
    """
    if site:
        for separator in (" - ", " | ", " – ", " — ", " :: "):
            if title.casefold().endswith(f"{separator}{site}".casefold()) and len(title) > len(site) + 10:
                return title[: -len(separator) - len(site)].rstrip()
    return title


def _place_lines(article: list[str], lines: list[str]) -> list[int | None]:
    """For each page line, the article paragraph holding it, or ``None`` (see :func:`_with_left_out`)."""
    joined = "\n".join(article)
    starts: list[int] = []
    position = 0
    for paragraph in article:
        starts.append(position)
        position += len(paragraph) + 1
    whole = {paragraph: number for number, paragraph in reversed(list(enumerate(article)))}
    placed: list[int | None] = []
    cursor, holder = 0, None
    for line in lines:
        where: int | None = None
        if line in whole and (holder is None or whole[line] >= holder):
            where = whole[line]
        elif len(line) >= ANCHOR_CHARS:
            found = joined.find(line, cursor)
            if found < 0:
                found = joined.find(line)
            if found >= 0:
                where = bisect.bisect_right(starts, found) - 1
        elif holder is not None:
            found = joined.find(line, cursor)
            if found >= 0 and (holder + 2 >= len(starts) or found < starts[holder + 2]):
                where = bisect.bisect_right(starts, found) - 1
        placed.append(where)
        if where is not None and (holder is None or where >= holder):
            holder = where
            cursor = max(cursor, joined.find(line, starts[where]) + len(line))
    return placed


def _with_left_out(article: list[str], lines: list[str]) -> list[Block]:
    """The article's paragraphs with the page lines not in them placed where they appear.

    A page line belongs to the article when it is one of its paragraphs, or a long piece of
    one; a short piece ("Tech", a menu item) counts only inside the paragraph being read or
    the next, so a menu word that happens to occur in the story does not stretch the article
    over the menu.
    """
    placed = _place_lines(article, lines)
    kept = [index for index, where in enumerate(placed) if where is not None]
    if not kept:  # the article's text was rewritten beyond recognition: keep the page aside
        return [Block(p) for p in article] + ([Block(" · ".join(lines), AFTER)] if lines else [])
    first, last = kept[0], kept[-1]
    inside: dict[int, list[str]] = {}
    holder = placed[first]
    for index in range(first, last + 1):
        where = placed[index]
        if where is not None:
            holder = max(holder or 0, where)
        else:
            inside.setdefault(holder or 0, []).append(lines[index])
    blocks: list[Block] = []
    if first:
        blocks.append(Block(" · ".join(lines[:first]), BEFORE))
    for number, paragraph in enumerate(article):
        blocks.append(Block(paragraph))
        blocks.extend(Block(line, LEFT_OUT) for line in inside.get(number, ()))
    if last + 1 < len(lines):
        blocks.append(Block(" · ".join(lines[last + 1 :]), AFTER))
    return blocks
