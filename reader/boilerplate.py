"""Web cruft detection: rules as data, each tag with its reason.

A paragraph is *boilerplate* when it is page furniture rather than the story: HTML remnants,
share buttons, subscription prompts, footers, image credits and captions, content-farm FAQ
blocks, bylines and date lines, truncated trailing fragments. Boilerplate is kept and shown,
but never aligned to real content and left out of similarity scores.

Pattern rules live in :data:`RULES`; users add their own with :func:`load_rules` (a text file
of ``reason<TAB>regular expression`` lines). Structural rules (repeats, trailing fragments)
depend on a paragraph's place in the document and are listed in :data:`STRUCTURAL_RULES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from reader.text import words

Scope = Literal["paragraph", "next", "rest"]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_SOCIAL = r"(?:share|tweet|email|e-mail|print|linkedin|pinterest|facebook|twitter|x|whatsapp|reddit|telegram|copy link|comments?)"


@dataclass(frozen=True)
class Rule:
    """One boilerplate pattern.

    Attributes:
        reason: Why a matching paragraph is boilerplate (shown to the user).
        pattern: Regular expression searched in the paragraph (``re.search``).
        scope: ``"paragraph"`` tags the match only; ``"next"`` also tags the following
            paragraph (an image credit's caption); ``"rest"`` tags everything after it (an
            appended FAQ block).
        max_words: Only paragraphs with at most this many words can match.
        next_reason: The reason given to the following paragraph when ``scope`` is ``"next"``.
        needs: Lowercase ASCII strings, one of which is in every match whatever its case: an
            ASCII paragraph holding none of them is not searched (empty: always search).
    """

    reason: str
    pattern: re.Pattern[str]
    scope: Scope = "paragraph"
    max_words: int | None = None
    next_reason: str = "image caption"
    needs: tuple[str, ...] = ()

    def matches(self, text: str, word_count: int, lowered: str | None = None) -> bool:
        """Return whether the rule tags a paragraph with this text.

        ``lowered`` is ``text.lower()`` when the text is ASCII (else ``None``), for ``needs``.
        """
        if self.max_words is not None and word_count > self.max_words:
            return False
        if self.needs and lowered is not None and not any(need in lowered for need in self.needs):
            return False
        return self.pattern.search(text) is not None


def rule(reason: str, pattern: str, *, scope: Scope = "paragraph", max_words: int | None = None,
         flags: int = re.IGNORECASE, needs: tuple[str, ...] = ()) -> Rule:
    """Build a :class:`Rule` from a pattern string (case-insensitive by default)."""
    return Rule(reason, re.compile(pattern, flags), scope, max_words, needs=needs)


RULES: tuple[Rule, ...] = (
    rule("tracking pixel", r"<img\b[^>]*\b(?:width|height)=[\"']?1\b", needs=("<img",)),
    rule("HTML remnant", r"^\s*<[a-z!/][^>]*>|<(?:script|style|iframe|img|div|span|a)\b[^>]*>", needs=("<",)),
    rule("broken HTML tag", r"^\s*!?--.*-->\s*$|^\s*<!--"),
    rule("share buttons", rf"^\s*{_SOCIAL}(?:[\s|/·•,]+{_SOCIAL})*\s*$", max_words=12),
    rule("breadcrumb", r"^[\w&’' ]+(?:\s+[/>»|]\s+[\w&’' ]+)+$", max_words=10),
    rule("subscription prompt",
         r"\b(?:subscribe|subscription|sign up|newsletter|stay informed|log in to read"
         r"|create an account|support (?:our|local) journalism)\b", max_words=40,
         needs=("subscri", "sign up", "newsletter", "stay informed", "log in to read", "create an account",
                "journalism")),
    rule("comments link", r"^\s*(?:\d+\s+comments?|leave a (?:comment|reply)|comments?)\s*$"),
    rule("related links",
         r"^\s*(?:you (?:may|might) also like|related(?: articles| stories| posts)?|read more"
         r"|more (?:about|from|on) .{1,60}|editors['’]? picks|latest news|most (?:popular|read)"
         r"|recommended(?: for you)?|trending(?: now)?)\s*:?\s*$"),
    rule("copyright footer", r"^\s*(?:©|\(c\)\s|copyright\b)|all rights reserved", max_words=40,
         needs=("(c)", "copyright", "all rights reserved")),
    rule("image credit",
         r"^\s*(?:image|photo|picture|photograph)\s*(?:source|credit)?\s*:|^\s*(?:photo|image) by\b"
         r"|\b(?:getty images|shutterstock)\s*$", scope="next", max_words=12),
    rule("FAQ block", r"^\s*(?:frequently asked questions|faqs?)\b", scope="rest", max_words=12),
    rule("byline", r"^\s*by\s+[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|and|de|van|von))*\s*$",
         max_words=8, flags=0),
    rule("byline", r"^\s*By\s+[A-Z]", max_words=8, flags=0),
    rule("publication date", r"^\s*(?:published|updated|posted|last updated)\b", max_words=14),
    rule("date line",
         rf"^\s*(?:{_WEEKDAY},?\s*)?{_MONTH}\.?\s+\d{{1,2}}\s*,?\s*\d{{4}}\s*$"
         rf"|^\s*(?:{_WEEKDAY},?\s*)?\d{{1,2}}\s+{_MONTH}\.?\s+\d{{4}}\s*$"
         r"|^\s*\d{4}-\d{2}-\d{2}\s*$"),
    rule("tag line", r"^[a-z][a-z \-]*$", max_words=3, flags=0),
)
"""The built-in pattern rules, in order; the first that matches gives the reason."""


def load_rules(path: str | Path) -> tuple[Rule, ...]:
    """Read extra rules from a file of ``reason<TAB>regular expression`` lines.

    Blank lines and lines starting with ``#`` are ignored. Patterns are case-insensitive.

    Raises:
        ValueError: A line is not ``reason<TAB>pattern`` or its pattern does not compile.
    """
    return parse_rules(Path(path).read_text(encoding="utf-8"), str(path))


def parse_rules(text: str, source: str = "<rules>") -> tuple[Rule, ...]:
    """Parse rules in the format of :func:`load_rules`; ``source`` names them in errors.

    Raises:
        ValueError: A line is not ``reason<TAB>pattern`` or its pattern does not compile.
    """
    rules: list[Rule] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        reason, tab, pattern = line.partition("\t")
        if not tab or not reason.strip() or not pattern:
            raise ValueError(f"{source}:{number}: expected 'reason<TAB>pattern'")
        try:
            rules.append(rule(reason.strip(), pattern))
        except re.error as error:
            raise ValueError(f"{source}:{number}: bad pattern: {error}") from None
    return tuple(rules)


def _mostly_short_lines(texts: Sequence[str]) -> bool:
    """Whether most paragraphs (at least three) are one to three words: a list, such as a
    shopping list, whose short lines are the story, not tag lines or a cut-off fragment."""
    if len(texts) < 3:
        return False
    short = sum(1 for text in texts if len(text) < 60 and len(words(text)) <= 3)
    return short * 2 > len(texts)


def _questions_follow(texts: Sequence[str], index: int) -> bool:
    """Whether a question ends one of the three paragraphs after ``index`` (a FAQ block asks)."""
    return any(text.rstrip().endswith("?") for text in texts[index + 1 : index + 4])


StructuralRule = Callable[[Sequence[str], Sequence["str | None"]], dict[int, str]]


def _repeats(texts: Sequence[str], tags: Sequence[str | None]) -> dict[int, str]:
    """Tag a paragraph that repeats an earlier one word for word (a page's repeated headline)."""
    seen: dict[str, int] = {}
    found: dict[int, str] = {}
    for index, text in enumerate(texts):
        key = " ".join(text.split())
        if key in seen and len(words(text)) <= 40:
            found[index] = f"repeats paragraph {seen[key] + 1}"
        seen.setdefault(key, index)
    return found


def _trailing_fragment(texts: Sequence[str], tags: Sequence[str | None]) -> dict[int, str]:
    """Tag a last paragraph of one to three words with no closing punctuation (cut-off text)."""
    if len(texts) < 2:
        return {}
    last = texts[-1].rstrip()
    if len(words(last)) <= 3 and last and last[-1] not in ".!?\"”’)":
        return {len(texts) - 1: "truncated fragment"}
    return {}


STRUCTURAL_RULES: tuple[StructuralRule, ...] = (_repeats, _trailing_fragment)


@dataclass(frozen=True)
class _Plan:
    """What :func:`tag_paragraphs` precomputes for one tuple of rules.

    Attributes:
        limit: The largest ``max_words`` of any rule (``None`` if no rule has one).
        beyond: Matches (at the start) a text of more than ``limit`` words, without counting them all.
        unbounded: The rules without ``max_words``, in order: the only ones a longer text can match.
    """

    limit: int | None
    beyond: re.Pattern[str] | None
    unbounded: tuple[Rule, ...]


@lru_cache(maxsize=16)
def _plan(rules: tuple[Rule, ...]) -> _Plan:
    limits = [r.max_words for r in rules if r.max_words is not None]
    if not limits:
        return _Plan(None, None, rules)
    limit = max(limits)
    # The words of reader.text.WORD_RE, each taken whole, as findall finds them: a lookahead
    # and a backreference make each word atomic (Python 3.10 has no possessive quantifiers),
    # so a word is never split in two to reach the count.
    beyond = re.compile(rf"(?:(?=([^\w]*\w+(?:['’‘‛′]\w+)*))\1){{{limit + 1}}}")
    return _Plan(limit, beyond, tuple(r for r in rules if r.max_words is None))


def tag_paragraphs(texts: Sequence[str], rules: Iterable[Rule] = RULES) -> list[str | None]:
    """Return, for each paragraph, the reason it is boilerplate, or ``None`` for content.

    >>> tag_paragraphs(["Linkedin Pinterest", "Kerry met Wang.", "FAQs", "What is it?"])
    ['share buttons', None, 'FAQ block', 'FAQ block']
    """
    rules = tuple(rules)
    plan = _plan(rules)
    short_lines = _mostly_short_lines(texts)
    tags: list[str | None] = [None] * len(texts)
    index = 0
    while index < len(texts):
        text = texts[index]
        if tags[index] is not None:  # the caption of an image credit
            index += 1
            continue
        lowered = text.lower() if text.isascii() else None
        if plan.beyond is None:
            candidates, count = rules, 0  # no rule looks at the count
        elif plan.beyond.match(text):  # too long for any rule with a word limit
            candidates, count = plan.unbounded, 0
        else:
            candidates, count = rules, len(words(text))
        for candidate in candidates:
            if candidate.matches(text, count, lowered):
                if candidate.scope == "rest" and not _questions_follow(texts, index):
                    continue  # a heading word, not a FAQ block: no question follows it
                if short_lines and candidate.reason == "tag line":
                    continue  # a list (one word per line): its items are the content
                tags[index] = candidate.reason
                if candidate.scope == "rest":
                    for later in range(index + 1, len(texts)):
                        tags[later] = candidate.reason
                    return tags
                if candidate.scope == "next" and index + 1 < len(texts):
                    if len(words(texts[index + 1])) <= 60:
                        tags[index + 1] = candidate.next_reason
                break
        index += 1
    for structural in STRUCTURAL_RULES:
        if short_lines and structural is _trailing_fragment:
            continue  # the last item of a list is short, not cut off
        for found, reason in structural(texts, tags).items():
            if tags[found] is None:
                tags[found] = reason
    return tags
