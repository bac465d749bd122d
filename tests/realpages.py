"""Where the third-party real pages live, and how tests that need them skip without them.

The pages (``shared/realpages`` beside the checkout: news texts on ten stories, HTML pages
with the article text of a public extraction benchmark) are third-party material. They are
read in place and never copied into this repository. CI has them; a user's clone usually does
not, so every test that reads them is marked ``requires_realpages`` and skips with the reason.
``READER_REALPAGES`` points elsewhere.

Labels written by reading those pages live in ``tests/gold``. They name paragraphs by index
and a short hash of the paragraph's text (:func:`paragraph_key`), never by copying the text,
and the scorers check the hashes so that a change of paragraph splitting cannot pass silently.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REALPAGES = Path(os.environ.get("READER_REALPAGES") or ROOT.parent / "shared" / "realpages")
TEXTS = REALPAGES / "text"
HTML = REALPAGES / "html"
HTML_TRUTH = REALPAGES / "html-truth"

requires_realpages = pytest.mark.skipif(
    not TEXTS.is_dir(),
    reason=f"the real pages are not here ({REALPAGES}): they are third-party material kept "
    "beside the checkout, not in it; set READER_REALPAGES to run these tests",
)


def paragraph_key(text: str) -> str:
    """Return an 8-hex-digit hash of a paragraph's text, whitespace folded.

    >>> paragraph_key("Hello  world") == paragraph_key("Hello world")
    True
    """
    folded = " ".join(text.split())
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:8]
