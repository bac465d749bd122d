"""Article text of the real HTML pages against the benchmark's truth: reader vs trafilatura's default.

    python -m tests.gold.html_extraction [--per-page]

For each of the pages in ``realpages/html`` (with ``html-truth/<name>.json``), the article text
is compared with the truth's ``articleBody`` as bags of word tokens (lower-cased ``\\w+`` words,
counted with multiplicity, as article-extraction benchmarks do): precision, recall and F1 per
page, then averaged over pages. "reader" is the text of the paragraphs reader keeps as story
(cruft-tagged paragraphs, including what the extractor left out, are not article text; a
headline reader adds from the page's metadata is left out, as the truth has none).
"trafilatura" is ``trafilatura.extract(html)`` with its default settings.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.realpages import HTML, HTML_TRUTH

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PageScore:
    """Token precision, recall and F1 of one page."""

    name: str
    precision: float
    recall: float
    f1: float


def tokens(text: str) -> Counter[str]:
    """The bag of lower-cased word tokens of a text."""
    return Counter(_WORD.findall(text.casefold()))


def prf(predicted: str, truth: str) -> tuple[float, float, float]:
    """Token-bag precision, recall and F1 of a predicted text against the truth.

    >>> prf("a b c", "a b d")[2]
    0.6666666666666666
    """
    got, want = tokens(predicted), tokens(truth)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else (1.0 if not want else 0.0)
    recall = common / sum(want.values()) if want else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def pages() -> list[tuple[Path, str]]:
    """The HTML pages that have a truth file, with their article text."""
    found = []
    for page in sorted(HTML.glob("*.html")):
        truth = HTML_TRUTH / f"{page.stem}.json"
        if truth.is_file():
            found.append((page, json.loads(truth.read_text(encoding="utf-8"))["articleBody"]))
    return found


def reader_text(page: Path) -> str:
    """The article text reader keeps for a page ('' when it finds no article)."""
    from reader.corpus import DocumentError, load_document

    try:
        document = load_document(page)
    except DocumentError:
        return ""
    from reader.sources.html import BEFORE

    kept = [p for p in document.paragraphs if not p.is_boilerplate]
    first = 1 if document.paragraphs[0].boilerplate == BEFORE else 0  # the headline follows the page's navigation
    if kept and kept[0].index == first and document.title and kept[0].text == document.title:
        kept = kept[1:]  # the headline from the page's metadata
    return "\n".join(p.text for p in kept)


def trafilatura_text(page: Path) -> str:
    """What ``trafilatura.extract`` gives with its default settings ('' for nothing)."""
    import trafilatura

    return trafilatura.extract(page.read_bytes()) or ""


def score(extract: object) -> list[PageScore]:
    """Score one way of extracting (a function from a page path to text) on every page."""
    results = []
    for page, truth in pages():
        precision, recall, f1 = prf(extract(page), truth)  # type: ignore[operator]
        results.append(PageScore(page.stem, precision, recall, f1))
    return results


def mean(scores: list[PageScore], attribute: str) -> float:
    """The mean of one figure over pages."""
    return sum(getattr(s, attribute) for s in scores) / len(scores) if scores else 0.0


if __name__ == "__main__":
    if not HTML.is_dir():
        sys.exit(f"the real pages are not here ({HTML}); set READER_REALPAGES")
    ours, theirs = score(reader_text), score(trafilatura_text)
    print(f"{len(ours)} pages; token-bag precision / recall / F1, mean over pages")
    for label, scores in (("reader", ours), ("trafilatura default", theirs)):
        print(
            f"{label:<20} P {mean(scores, 'precision'):.3f}  R {mean(scores, 'recall'):.3f}  F1 {mean(scores, 'f1'):.3f}"
        )
    if "--per-page" in sys.argv[1:]:
        for a, b in zip(ours, theirs):
            flag = "  <" if a.f1 < b.f1 - 0.005 else ""
            print(f"{a.name:<45} reader {a.f1:.3f}  trafilatura {b.f1:.3f}{flag}")
