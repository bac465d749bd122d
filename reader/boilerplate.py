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
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from reader.language import MONTH_PATTERN, WEEKDAY_PATTERN
from reader.text import words

Scope = Literal["paragraph", "next", "previous", "rest"]

_MONTH = MONTH_PATTERN
_WEEKDAY = WEEKDAY_PATTERN
_SOCIAL = r"(?:share|tweet|email|e-mail|print|linkedin|pinterest|facebook|twitter|x|whatsapp|reddit|telegram|copy link|comments?)"


@dataclass(frozen=True)
class Rule:
    """One boilerplate pattern.

    Attributes:
        reason: Why a matching paragraph is boilerplate (shown to the user).
        pattern: Regular expression searched in the paragraph (``re.search``).
        scope: ``"paragraph"`` tags the match only; ``"next"`` also tags the following
            paragraph (an image credit's caption); ``"previous"`` also tags the paragraph before
            (the caption above a credit line), unless it is the first; ``"rest"`` tags
            everything after it (an appended FAQ block).
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

    def __post_init__(self) -> None:
        # One search for any of the needed strings is cheaper than a test per string.
        needs = re.compile("|".join(map(re.escape, self.needs))) if self.needs else None
        object.__setattr__(self, "_needs_pattern", needs)

    def matches(self, text: str, word_count: int, lowered: str | None = None) -> bool:
        """Return whether the rule tags a paragraph with this text.

        ``lowered`` is ``text.lower()`` when the text is ASCII (else ``None``), for ``needs``.
        """
        if self.max_words is not None and word_count > self.max_words:
            return False
        needs: re.Pattern[str] | None = getattr(self, "_needs_pattern", None)
        if needs is not None and lowered is not None and needs.search(lowered) is None:
            return False
        return self.pattern.search(text) is not None


def rule(
    reason: str,
    pattern: str,
    *,
    scope: Scope = "paragraph",
    max_words: int | None = None,
    flags: int = re.IGNORECASE,
    needs: tuple[str, ...] = (),
) -> Rule:
    """Build a :class:`Rule` from a pattern string (case-insensitive by default)."""
    return Rule(reason, re.compile(pattern, flags), scope, max_words, needs=needs)


RULES: tuple[Rule, ...] = (
    rule("tracking pixel", r"<img\b[^>]*\b(?:width|height)=[\"']?1\b", needs=("<img",)),
    rule("HTML remnant", r"^\s*<[a-z!/][^>]*>|<(?:script|style|iframe|img|div|span|a)\b[^>]*>", needs=("<",)),
    rule("broken HTML tag", r"^\s*!?--.*-->\s*$|^\s*<!--"),
    rule("share buttons", rf"^\s*{_SOCIAL}(?:[\s|/·•,]+{_SOCIAL})*\s*$", max_words=12),
    rule(
        "photo credit",
        r"^[^.!?:;]{0,80}(?:[/|]|\bvia)\s*(?:getty(?: images)?|afp|reuters|ap(?: photo)?|bloomberg|shutterstock|epa(?:-efe)?|alamy"
        r"|pa(?: images| wire| media)?|efe|xinhua|anadolu|sipa|rex|dpa|afp via getty images|ap images)\s*$"
        r"|^\s*(?:getty images|shutterstock)\s*$",
        scope="previous",
        max_words=12,
        needs=(
            "getty",
            "afp",
            "reuters",
            "ap",
            "bloomberg",
            "shutterstock",
            "epa",
            "alamy",
            "pa",
            "efe",
            "xinhua",
            "anadolu",
            "sipa",
            "rex",
            "dpa",
        ),
    ),
    rule(
        "promo link",
        r"^\W*(?:also read|read also|read more|more to read|see also|also see|related(?: news| articles?| stories| posts| coverage| content)?"
        r"|recommended(?: stories| reading| for you)?|must read|don['’]t miss|read next|editor['’]?s? picks?"
        r"|you (?:may|might) (?:also )?(?:like|enjoy)|more on (?:this|that)(?: story)?|also on [\w .&'’-]{1,30}"
        r"|more from [\w .&'’-]{1,30}|click here|tap here)\s*[:|»>–—-]",
        max_words=40,
        needs=(
            "read",
            "see",
            "related",
            "recommended",
            "miss",
            "pick",
            "like",
            "enjoy",
            "more on",
            "also on",
            "more from",
            "click",
            "tap",
        ),
    ),
    rule("promo link", r"^\W*(?:click|tap) here\W*$", max_words=3, needs=("here",)),
    rule(
        "promo link",
        r"^\W*(?:also read|read also|read more|see also|click here to read|read the full (?:story|article))\b",
        max_words=40,
        needs=("read", "see also"),
    ),
    rule("breadcrumb", r"^[\w&’' ]+(?:\s+[/>»|]\s+[\w&’' ]+)+$", max_words=10),
    rule(
        "subscription prompt",
        r"\b(?:subscribe|sign up|newsletter|stay informed|log in to read"
        r"|create an account|support (?:our|local) journalism|in your inbox|please check all that apply)\b"
        r"|^(?!.*[“”\"]).*\b(?:subscription|subscribers?)\b"
        r"|^\W*(?:starting at|from|only|just)?\s*[$€£]\s?\d+(?:\.\d\d)?\s*(?:/|per |a )\s*(?:week|month|year|wk|mo)\b",
        max_words=40,
        needs=(
            "subscri",
            "sign up",
            "newsletter",
            "stay informed",
            "log in to read",
            "create an account",
            "journalism",
            "inbox",
            "check all",
            "$",
            "€",
            "£",
        ),
    ),
    rule("comments link", r"^\s*(?:\d+\s+comments?|leave a (?:comment|reply)|comments?)\s*$"),
    rule(
        "related links",
        r"^\s*(?:you (?:may|might) also like|related(?: articles| stories| posts)?|read more"
        r"|more (?:about|from|on) .{1,60}|editors['’]? picks|latest news|most (?:popular|read)"
        r"|recommended(?: for you)?|trending(?: now)?)\s*:?\s*$",
    ),
    rule(
        "copyright footer",
        r"^\s*(?:©|\(c\)\s|copyright\b)|all rights reserved",
        max_words=40,
        needs=("(c)", "copyright", "all rights reserved"),
    ),
    rule(
        "image credit",
        r"^\s*(?:image|photo|picture|photograph)\s*(?:source|credit)?\s*:|^\s*(?:photo|image) by\b",
        scope="next",
        max_words=12,
    ),
    rule("FAQ block", r"^\s*(?:frequently asked questions|faqs?)\b", scope="rest", max_words=12),
    rule("byline", r"^\s*by\s+[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|and|de|van|von))*\s*$", max_words=8, flags=0),
    rule("byline", r"^\s*By\s+[A-Z]", max_words=8, flags=0),
    rule("publication date", r"^\s*(?:published|updated|posted|last updated)\b", max_words=14),
    rule(
        "date line",
        rf"^\s*(?:{_WEEKDAY},?\s*)?{_MONTH}\.?\s+\d{{1,2}}\s*,?\s*\d{{4}}\s*$"
        rf"|^\s*(?:{_WEEKDAY},?\s*)?\d{{1,2}}\s+{_MONTH}\.?\s+\d{{4}}\s*$"
        r"|^\s*\d{4}-\d{2}-\d{2}\s*$",
    ),
    rule("tag line", r"^[a-z][a-z \-]*$", max_words=3, flags=0),
    # Cruft as it appears in the wild (issue 13): by evidence in the words, not exact shapes.
    rule(
        "photo caption (credit)",
        r"\b(?:pic|photo|image|picture)/\s*\S|©\s*\w|\b(?:photo|picture|image|pic|photograph)s?\s*(?:credit)?\s*:\s*[^.!?]{1,60}$"
        r"|\bcredits?\s*:\s*[^.!?]{1,60}$|\bfile (?:photo|picture|image)\b|\bphoto(?:graph)?(?:ed)? by\b|\bpicture date\s*:"
        r"|\bvia (?:ap|afp|reuters|getty images)\)\W*$|[.)]\s+(?:reuters|ap|afp|epa|xinhua|efe|getty images)\s*$"
        r"|commons\.wikimedia\.org/|\.(?:jpe?g|png|webp)\b"
        r"|\b(?:reuters|afp|ap|epa|efe|pti|ani|xinhua|anadolu|upi|aap)(?: photo)?\s*/\s*[A-Z\w]"
        r"|(?:getty images|shutterstock|alamy(?: stock photo)?|via getty|afp via getty images|ap photo)\W*$"
        r"|\((?:ap|afp|reuters|epa|efe|pti|ani|getty(?: images)?|xinhua|ians)(?: photo)?(?:/[^)]{1,40})?\)\W*$",
        max_words=70,
        needs=(
            "pic",
            "photo",
            "image",
            "picture",
            "©",
            "credit",
            "reuters",
            "afp",
            "ap",
            "epa",
            "efe",
            "pti",
            "ani",
            "xinhua",
            "anadolu",
            "upi",
            "aap",
            "getty",
            "shutterstock",
            "alamy",
            "ians",
            "illustration",
            "handout",
            "screen",
            "grab",
            "still",
            "wikimedia",
            ".jp",
            ".png",
            ".webp",
        ),
    ),
    rule(
        "photo caption",
        r"^\W*(?:In this|This|An?) (?:\w+ )?(?:image|photo|photograph|picture|illustration|handout|screenshot|screengrab"
        r"|(?:frame|video) grab|still)s? (?:\w+ )?(?:made|provided|released|taken|made available|obtained|distributed"
        r"|shows|courtesy)\b"
        r"|\b[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}/[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}\s*$",
        max_words=150,
        flags=0,
        needs=("this", "a ", "an ", "/"),
    ),
    rule(
        "social media embed",
        r"[—–-]\s*[^—–]{1,80}\(@\w{1,15}\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*$"
        r"|^\s*[A-Z][\w.'’&-]*(?:\s+[\w.'’&-]+){0,5}\s+@\w{1,15}\s*$",
        max_words=80,
        needs=("@",),
    ),
    rule(
        "comment form",
        r"^\W*(?:please enter your (?:comment|name|email)|leave a (?:comment|reply)|post a comment|add a comment"
        r"|cancel reply|save my name, email|you must be logged in to post a comment)\b",
        max_words=20,
        needs=("enter your", "comment", "reply", "save my name"),
    ),
    rule(
        "navigation",
        r"\blogo\s*$|\b(?:wordpress|blogger|joomla|drupal) theme\b|\btheme for wordpress\b"
        r"|\bpowered by (?:wordpress|blogger)\b",
        max_words=8,
        needs=("logo", "theme", "powered"),
    ),
    rule(
        "byline",
        r"^\s*(?:AP|Associated Press|Reuters|AFP|CNN|Bloomberg|PA)\s+(?:[A-Z][a-z]+\s+){0,3}"
        r"(?:Writer|Correspondent|Editor|Reporter)s?\s*$",
        max_words=7,
        flags=0,
    ),
    rule(
        "byline", r"@\w{2,}.*(?:columnist|writer|reporter|correspondent|contributor|editor)", max_words=12, needs=("@",)
    ),
    rule(
        "date line",
        rf"^\s*(?:{_WEEKDAY},?\s*)?\d{{1,2}}(?:st|nd|rd|th)\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}\s*$"
        rf"|^\s*(?:{_WEEKDAY},?\s*)?{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th),?\s+\d{{4}}\s*$",
        max_words=6,
    ),
    rule("credit line", r"^\s*(?:source|sources|via)\s*:\s*[\w .&’'/-]{1,40}$", max_words=6, needs=("source", "via")),
    rule(
        "video pointer",
        r"\b(?:watch|see) (?:it |them |how .{1,40})?(?:above|below)\W*$|\bvideo (?:above|below)\b",
        max_words=12,
        needs=("above", "below"),
    ),
    rule(
        "credit line",
        r"^\W*\(?\s*(?:additional )?(?:reporting|writing|editing|compiled|research|graphics?|produced)(?: by)?\b[^()]*"
        r"(?:;|\bediting by\b|\bwriting by\b)[^()]*\)?\W*$"
        r"|^\W*\((?:additional )?reporting by\b[^()]*\)\W*$"
        r"|\bcontributed (?:to )?(?:this )?(?:report|story|article)(?:ing)?\b"
        r"|\b(?:published|generated) from (?:a |an )?(?:wire |syndicated )?(?:agency )?feed\b"
        r"|\bwithout modifications? to the text\b|\bhas not been edited by\b",
        max_words=45,
        needs=(
            "reporting",
            "writing",
            "editing",
            "compiled",
            "research",
            "graphic",
            "produced",
            "contributed",
            "feed",
            "modification",
            "edited",
        ),
    ),
    rule(
        "correction note",
        r"^\W*(?:correction|clarification|update|updated|editor['’]s note)s?\s*(?:\(.{1,30}\))?\s*[:—–-]"
        r"|^\W*this (?:article|story|report|post) (?:has been|was) (?:updated|corrected|amended)\b",
        max_words=60,
        needs=("correction", "clarification", "update", "note", "article", "story", "report", "post"),
    ),
    rule(
        "navigation",
        r"^\s*(?:skip to (?:main )?(?:content|navigation|search)|jump to (?:content|navigation)|back to top"
        r"|toggle (?:navigation|menu)|main menu|menu|search|home|close|open menu|advertisement|advertisment|ad|sponsored"
        r"(?: content)?|story continues (?:below|after) (?:the )?advertisement|continue reading(?: below)?|scroll to continue"
        r"|show (?:more|less)|load more|view comments|loading\W*)\s*$",
        max_words=6,
    ),
    rule("navigation", r"^\s*\d{1,2}\.\s+[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,4}\s*$", max_words=6, flags=0),
    rule(
        "pull quote (a lone figure)",
        r"^\s*[$€£]?\s*\d[\d,.]*\s*(?:%|per ?cent|[mbk]n?|million|billion|trillion|crore|lakh)?\s*$",
        max_words=3,
    ),
)
"""The built-in pattern rules, in order; the first that matches gives the reason."""


CAPTION_MAX_WORDS_AFTER = 40
"""A paragraph after a "Photo: …" credit is its caption only when this short (a story paragraph
often follows the image)."""
CAPTION_MAX_WORDS_BEFORE = 60
"""A paragraph above a "Name/Agency" credit line is its caption only when this short."""


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
    """Tag a last paragraph of one to four words with no closing punctuation (cut-off text)."""
    if len(texts) < 2:
        return {}
    last = texts[-1].rstrip()
    if len(words(last)) <= 4 and last and last[-1] not in '.!?"”’)':
        return {len(texts) - 1: "truncated fragment"}
    return {}


_PROMO_HEADING = re.compile(
    r"^\W*(?:also read|read also|read more|see also|related(?: \w+)?|recommended(?: \w+)?"
    r"|more (?:on|from|about) .{1,30}|you (?:may|might) also like|click here|tap here)\W*$",
    re.IGNORECASE,
)


def _promo_list(texts: Sequence[str], tags: Sequence[str | None]) -> dict[int, str]:
    """Tag the headlines listed under a promo heading ("Read also:", "Click Here").

    A listed headline is short (at most 20 words) and ends no sentence; the list ends at the
    first paragraph that is not one.
    """
    found: dict[int, str] = {}
    for index, text in enumerate(texts):
        if tags[index] is None or not _PROMO_HEADING.match(text):
            continue
        for later in range(index + 1, len(texts)):
            following = texts[later].strip()
            if tags[later] is not None or later in found:
                if _PROMO_HEADING.match(following):
                    continue
                break
            if not following or len(words(following)) > 20 or following[-1] in '.!?:;"”’':
                break
            found[later] = "promo link (listed under a promo heading)"
    return found


def _section_label(texts: Sequence[str], tags: Sequence[str | None]) -> dict[int, str]:
    """Tag a section or topic label next to the headline ("Thai Cave" above or below it).

    A label is one to three words without punctuation, among the first three paragraphs, whose
    words the neighbouring headline (5 to 25 words, no closing full stop) all contains.
    """
    found: dict[int, str] = {}
    for index in range(min(3, len(texts))):
        label = texts[index].strip()
        label_words = [w.casefold() for w in words(label)]
        if tags[index] is not None or not 1 <= len(label_words) <= 3 or re.search(r"[^\w\s'’-]", label):
            continue
        for other in (index - 1, index + 1):
            if not 0 <= other < len(texts) or tags[other] is not None:
                continue
            headline = texts[other].strip()
            headline_words = [w.casefold() for w in words(headline)]
            if not 5 <= len(headline_words) <= 25 or headline.endswith("."):
                continue
            stems = {w[:4] for w in headline_words}
            if all(w[:4] in stems for w in label_words):
                found[index] = "section label"
                break
    return found


def _pull_quote_caption(texts: Sequence[str], tags: Sequence[str | None]) -> dict[int, str]:
    """Tag the short label under a lone figure (a widget: "205" then "people seriously injured")."""
    found: dict[int, str] = {}
    for index, tag in enumerate(tags[:-1]):
        following = texts[index + 1].strip()
        if (
            tag == "pull quote (a lone figure)"
            and tags[index + 1] is None
            and 1 <= len(words(following)) <= 15
            and following[-1:] not in '.!?"”'
        ):
            found[index + 1] = "pull quote (the figure's label)"
    return found


PULL_QUOTE_MAX_PARAGRAPHS = 400


def _pull_quote_repeat(texts: Sequence[str], tags: Sequence[str | None]) -> dict[int, str]:
    """Tag a short paragraph whose words a longer paragraph of the story already says (a pull quote).

    The first three paragraphs are left alone: a headline is often repeated in the lead. Only
    page-sized documents are searched (pull quotes are a web page's widget).
    """
    if len(texts) > PULL_QUOTE_MAX_PARAGRAPHS:
        return {}
    tokens = [words(text.casefold()) for text in texts]
    candidates = [i for i in range(3, len(texts)) if tags[i] is None and 6 <= len(tokens[i]) <= 40]
    if not candidates:
        return {}
    folded = [" ".join(t) for t in tokens]
    needed = {tuple(tokens[i][:3]) for i in candidates}
    starts: dict[tuple[str, ...], set[int]] = {}  # each candidate's first trigram -> the paragraphs holding it
    for other, other_tokens in enumerate(tokens):
        if tags[other] is None and len(other_tokens) > 6:
            for trigram in zip(other_tokens, other_tokens[1:], other_tokens[2:]):
                if trigram in needed:
                    starts.setdefault(trigram, set()).add(other)
    found: dict[int, str] = {}
    for index in candidates:
        needle = f" {folded[index]} "
        for other in sorted(starts.get(tuple(tokens[index][:3]), ())):
            haystack = folded[other]
            if other != index and len(haystack) > len(folded[index]) + 20 and needle in f" {haystack} ":
                found[index] = f"pull quote (repeats paragraph {other + 1})"
                break
    return found


STRUCTURAL_RULES: tuple[StructuralRule, ...] = (
    _repeats,
    _trailing_fragment,
    _promo_list,
    _section_label,
    _pull_quote_caption,
    _pull_quote_repeat,
)


TEMPLATE_MIN_DOCUMENTS = 3
"""A short line is a template when this many documents of a folder (and at least half) carry it."""


def tag_templates(documents: Sequence[Sequence[tuple[str, str | None]]]) -> list[dict[int, str]]:
    """Tag short lines that repeat across the documents of a folder (a site's template).

    A line of at most eight words that ends no sentence, is not any document's first
    paragraph, and appears untagged in at least :data:`TEMPLATE_MIN_DOCUMENTS` documents is
    page furniture (a site name, "Share this", a section label), not the story.

    >>> docs = [[("Headline %d" % n, None), ("Body text %d." % n, None), ("Our Town Gazette", None)] for n in range(3)]
    >>> tag_templates(docs)[0]
    {2: 'template (in 3 documents of the folder)'}
    """
    carriers: dict[str, set[int]] = {}
    for number, paragraphs in enumerate(documents):
        for index, (text, tag) in enumerate(paragraphs):
            stripped = text.strip()
            if index == 0 or tag is not None or not stripped or stripped[-1] in '.!?"”’':
                continue
            if len(words(stripped)) <= 8:
                carriers.setdefault(" ".join(stripped.casefold().split()), set()).add(number)
    needed = max(TEMPLATE_MIN_DOCUMENTS, (len(documents) + 1) // 2)
    templates = {key: len(found) for key, found in carriers.items() if len(found) >= needed}
    result: list[dict[int, str]] = []
    for paragraphs in documents:
        tags: dict[int, str] = {}
        for index, (text, tag) in enumerate(paragraphs):
            key = " ".join(text.strip().casefold().split())
            if index and tag is None and key in templates:
                tags[index] = f"template (in {templates[key]} documents of the folder)"
        result.append(tags)
    return result


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
    by_count: dict[int, tuple[Rule, ...]] = field(default_factory=dict)
    """The rules a text of so many words can match, filled as counts are met."""


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


def _candidates(plan: _Plan, rules: tuple[Rule, ...], text: str) -> tuple[tuple[Rule, ...], int]:
    """The rules worth trying on ``text``, and its word count (0 where no rule needs it)."""
    if plan.beyond is None:
        return rules, 0  # no rule looks at the count
    if plan.beyond.match(text):  # too long for any rule with a word limit
        return plan.unbounded, 0
    count = len(words(text))
    candidates = plan.by_count.get(count) or plan.by_count.setdefault(
        count, tuple(r for r in rules if r.max_words is None or count <= r.max_words)
    )
    return candidates, count


def _matching_rule(
    candidates: tuple[Rule, ...], texts: Sequence[str], index: int, count: int, short_lines: bool
) -> Rule | None:
    """The first rule that tags paragraph ``index``, or ``None``."""
    text = texts[index]
    lowered = text.lower() if text.isascii() else None
    for candidate in candidates:
        if not candidate.matches(text, count, lowered):
            continue
        if candidate.scope == "rest" and not _questions_follow(texts, index):
            continue  # a heading word, not a FAQ block: no question follows it
        if short_lines and candidate.reason == "tag line":
            continue  # a list (one word per line): its items are the content
        return candidate
    return None


def _tag_neighbour(rule: Rule, texts: Sequence[str], tags: list[str | None], index: int) -> None:
    """Tag the caption beside an image credit (``next`` or ``previous`` scope), if short."""
    if rule.scope == "next" and index + 1 < len(texts):
        if len(words(texts[index + 1])) <= CAPTION_MAX_WORDS_AFTER:
            tags[index + 1] = rule.next_reason
    if rule.scope == "previous" and index > 1 and tags[index - 1] is None:
        if len(words(texts[index - 1])) <= CAPTION_MAX_WORDS_BEFORE:
            tags[index - 1] = rule.next_reason


def tag_paragraphs(texts: Sequence[str], rules: Iterable[Rule] = RULES) -> list[str | None]:
    """Return, for each paragraph, the reason it is boilerplate, or ``None`` for content.

    >>> tag_paragraphs(["Linkedin Pinterest", "Kerry met Wang.", "FAQs", "What is it?"])
    ['share buttons', None, 'FAQ block', 'FAQ block']
    """
    rules = tuple(rules)
    plan = _plan(rules)
    short_lines = _mostly_short_lines(texts)
    tags: list[str | None] = [None] * len(texts)
    for index, text in enumerate(texts):
        if tags[index] is not None:  # the caption of an image credit
            continue
        candidates, count = _candidates(plan, rules, text)
        rule = _matching_rule(candidates, texts, index, count, short_lines)
        if rule is None:
            continue
        tags[index] = rule.reason
        if rule.scope == "rest":
            tags[index + 1 :] = [rule.reason] * (len(texts) - index - 1)
            return tags
        _tag_neighbour(rule, texts, tags, index)
    for structural in STRUCTURAL_RULES:
        if short_lines and structural is _trailing_fragment:
            continue  # the last item of a list is short, not cut off
        for found, reason in structural(texts, tags).items():
            if tags[found] is None:
                tags[found] = reason
    return tags
