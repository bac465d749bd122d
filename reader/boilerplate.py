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
from bisect import bisect_right
from collections import Counter
from itertools import accumulate
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from reader.language import MONTH_PATTERN, WEEKDAY_PATTERN
from reader.text import count_words, words

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
        needs: Cheap tests, one of which every paragraph the pattern matches passes, whatever
            its case: a paragraph that passes none is not searched (empty: always search). A need
            made of lowercase ASCII letters, digits, ``_`` and spaces is looked for in the
            *folded* paragraph: lowercased, every other character a space, a space added at each
            end, so that ``" ap "`` is the whole word "ap"; ``"^by "`` means the folded
            paragraph starts with "by " once its leading spaces are dropped, and ``" logo$"``
            that it ends with " logo" once its trailing spaces are dropped. Any other need
            (``"<img"``, ``"@"``, ``"©"``) is looked for in the lowercased paragraph.
    """

    reason: str
    pattern: re.Pattern[str]
    scope: Scope = "paragraph"
    max_words: int | None = None
    next_reason: str = "image caption"
    needs: tuple[str, ...] = ()
    anchored: bool = field(init=False, repr=False, compare=False)
    """Whether every alternative of the pattern starts with ``^``: then it is tried with match()."""
    _needs: _Needs = field(init=False, repr=False, compare=False)
    _find: Callable[[str], re.Match[str] | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_needs", _Needs.parse(self.needs))
        self._set_find(self.pattern)

    def _set_find(self, pattern: re.Pattern[str]) -> None:
        # A pattern whose every alternative starts with ^ can only match at the start: match()
        # says as much as search() without trying every later position.
        anchored = _anchored_at_start(pattern)
        object.__setattr__(self, "anchored", anchored)
        object.__setattr__(self, "_find", pattern.match if anchored else pattern.search)

    def __getattr__(self, name: str) -> Any:
        """The pattern of a rule made by :func:`rule` (and ``anchored``, ``_find``), compiled when
        first asked for: a document's screen spares most rules (compiling them all costs 10 ms)."""
        deferred = vars(self).get("_deferred")
        if deferred is None or name not in ("pattern", "anchored", "_find"):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        pattern = re.compile(*deferred)
        object.__setattr__(self, "pattern", pattern)
        self._set_find(pattern)
        return vars(self)[name]

    def matches(self, text: str, word_count: int) -> bool:
        """Return whether the rule tags a paragraph with this text and this many words."""
        if self.max_words is not None and word_count > self.max_words:
            return False
        return self._find(text) is not None


def rule(
    reason: str,
    pattern: str,
    *,
    scope: Scope = "paragraph",
    max_words: int | None = None,
    flags: int = re.IGNORECASE,
    needs: tuple[str, ...] = (),
) -> Rule:
    """Build a :class:`Rule` from a pattern string (case-insensitive by default).

    The pattern is compiled when the rule is first tried (see :meth:`Rule.__getattr__`); the
    rule equals, hashes and prints as one built with the compiled pattern.
    """
    made = object.__new__(Rule)
    vars(made).update(
        reason=reason,
        scope=scope,
        max_words=max_words,
        next_reason="image caption",
        needs=needs,
        _needs=_Needs.parse(needs),
        _deferred=(pattern, flags),
    )
    return made


def _top_level_alternatives(source: str) -> list[str]:
    """Split a regular expression at its top-level ``|`` (not inside a group or a set)."""
    parts: list[str] = []
    depth = start = index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index += 1
            index += source.startswith("^", index)
            index += source.startswith("]", index)  # a ] first in a set is a literal
            while index < len(source) and source[index] != "]":
                index += 2 if source[index] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
        index += 1
    parts.append(source[start:])
    return parts


def _anchored_at_start(pattern: re.Pattern[str]) -> bool:
    """Whether every alternative of ``pattern`` starts with ``^`` (so it matches at 0 or nowhere).

    Conservative: patterns with comments, verbose or multi-line flags are never called anchored.
    """
    source = pattern.pattern
    if pattern.flags & (re.MULTILINE | re.VERBOSE) or "(?#" in source or re.search(r"\(\?[a-zA-Z-]*[mx]", source):
        return False
    return all(part.startswith("^") for part in _top_level_alternatives(source))


_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789_")
_FOLD = bytes(byte if byte in _WORD_BYTES else byte + 32 if 65 <= byte <= 90 else 32 for byte in range(256))
"""Lowercases ASCII letters and turns every byte but a letter, a digit or ``_`` into a space."""
_FOLD_DOCUMENT = b"\x00" + _FOLD[1:]
"""As :data:`_FOLD`, but keeps the NUL of :data:`_SEPARATOR`."""

_CASE_TWINS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
"""The characters outside ASCII that a case-insensitive pattern matches with an ASCII letter
(İ, dotless ı, long ſ, the Kelvin sign), as that letter."""


_NON_ASCII_DIGIT = re.compile(r"[^\D0-9]")
"""A decimal digit outside ASCII (``\\d`` matches it too)."""


def _as_ascii_sees_it(text: str) -> str:
    """``text`` with the case twins as their ASCII letters and other decimal digits as ``0``."""
    for twin, letter in _CASE_TWINS.items():
        if twin in text:
            text = text.replace(twin, letter)
    if len(text) > 1000:
        # Look for a digit among the characters outside ASCII only (the pattern's class is
        # tried character by character): the UTF-8 bytes without the ASCII ones, decoded.
        outside = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
        if not _NON_ASCII_DIGIT.search(outside.decode("utf-8", "surrogatepass")):
            return text
    return _NON_ASCII_DIGIT.sub("0", text) if _NON_ASCII_DIGIT.search(text) else text


_ASCII_BYTES = bytes(range(128))


def _fold(text: str) -> tuple[str, bytes]:
    """A paragraph lowercased, and folded as :class:`Rule` ``needs`` read it."""
    if not text.isascii():
        text = _as_ascii_sees_it(text)
    lowered = text.lower()
    return lowered, b" " + lowered.encode("ascii", "replace").translate(_FOLD) + b" "


_FOLDED_NEED = re.compile(r"\^?[a-z0-9_ ]+\$?")


@dataclass(frozen=True)
class _Needs:
    """Rule ``needs`` sorted by how they are tested (see :class:`Rule`)."""

    prefixes: tuple[bytes, ...]
    suffixes: tuple[bytes, ...]
    folded: tuple[bytes, ...]
    lowered: tuple[str, ...]

    @classmethod
    def parse(cls, needs: Iterable[str]) -> _Needs:
        """Sort needs; raise ValueError for a blank need, one with capitals or a NUL, a folded need
        with two spaces in a row, a prefix that starts with a space, a suffix that ends with one."""
        prefixes: list[bytes] = []
        suffixes: list[bytes] = []
        folded: list[bytes] = []
        lowered: list[str] = []
        for need in dict.fromkeys(needs):
            if "\x00" in need or not need.strip():
                raise ValueError(f"bad need {need!r}")
            if _FOLDED_NEED.fullmatch(need):
                body = need.removeprefix("^").removesuffix("$")
                if not body.strip() or "  " in body or need.startswith("^ ") or need.endswith(" $"):
                    raise ValueError(f"bad need {need!r}")
                if need.startswith("^"):
                    prefixes.append(need[1:].encode())
                elif need.endswith("$"):
                    suffixes.append(need[:-1].encode())
                else:
                    folded.append(need.encode())
            elif need and need == need.lower():
                lowered.append(need)  # taken as it is: "$" is the dollar sign here
            else:
                raise ValueError(f"bad need {need!r}")
        return cls(tuple(prefixes), tuple(suffixes), tuple(folded), tuple(lowered))

    def met(self, lowered: str, folded: bytes) -> bool:
        """Whether a paragraph (lowercased and folded by :func:`_fold`) passes one need."""
        return (
            folded.lstrip().startswith(self.prefixes)
            or folded.rstrip().endswith(self.suffixes)
            or any(map(folded.__contains__, self.folded))
            or any(map(lowered.__contains__, self.lowered))
        )


_DIGIT_START = tuple(f"^{digit}" for digit in "0123456789")
_DATE_START = (
    *_DIGIT_START,
    *(f"^{day}" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")),
    *(f"^{month}" for month in ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")),
)
"""How a date line can start (folded): a digit, a weekday or a month."""

RULES: tuple[Rule, ...] = (
    rule("tracking pixel", r"<img\b[^>]*\b(?:width|height)=[\"']?1\b", needs=("<img",)),
    rule("HTML remnant", r"^\s*<[a-z!/][^>]*>|<(?:script|style|iframe|img|div|span|a)\b[^>]*>", needs=("<",)),
    rule("broken HTML tag", r"^\s*!?--.*-->\s*$|^\s*<!--", needs=("-->", "<!--")),
    rule(
        "share buttons",
        rf"^\s*{_SOCIAL}(?:[\s|/·•,]+{_SOCIAL})*\s*$",
        max_words=12,
        needs=tuple(
            f"^{word} "
            for word in (
                "share",
                "tweet",
                "email",
                "e mail",
                "print",
                "linkedin",
                "pinterest",
                "facebook",
                "twitter",
                "x",
                "whatsapp",
                "reddit",
                "telegram",
                "copy link",
                "comment",
                "comments",
            )
        ),
    ),
    rule(
        "photo credit",
        r"^[^.!?:;]{0,80}(?:[/|]|\bvia)\s*(?:getty(?: images)?|afp|reuters|ap(?: photo)?|bloomberg|shutterstock|epa(?:-efe)?|alamy"
        r"|pa(?: images| wire| media)?|efe|xinhua|anadolu|sipa|rex|dpa|afp via getty images|ap images)\s*$"
        r"|^\s*(?:getty images|shutterstock)\s*$",
        scope="previous",
        max_words=12,
        needs=tuple(
            f"{word}$"
            for word in (
                "getty",
                "images",
                "afp",
                "reuters",
                "ap",
                "photo",
                "bloomberg",
                "shutterstock",
                "epa",
                "efe",
                "alamy",
                "pa",
                "wire",
                "media",
                "xinhua",
                "anadolu",
                "sipa",
                "rex",
                "dpa",
            )
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
            "^also read",
            "^read also",
            "^read more",
            "^more to read",
            "^see also",
            "^also see",
            "^related",
            "^recommended",
            "^must read",
            "^don t miss",
            "^read next",
            "^editor",
            "^you may ",
            "^you might ",
            "^more on ",
            "^also on ",
            "^more from ",
            "^click here",
            "^tap here",
        ),
    ),
    rule("promo link", r"^\W*(?:click|tap) here\W*$", max_words=3, needs=("^click here", "^tap here")),
    rule(
        "promo link",
        r"^\W*(?:also read|read also|read more|see also|click here to read|read the full (?:story|article))\b",
        max_words=40,
        needs=("^also read", "^read also", "^read more", "^see also", "^click here to read", "^read the full "),
    ),
    rule("breadcrumb", r"^[\w&’' ]+(?:\s+[/>»|]\s+[\w&’' ]+)+$", max_words=10, needs=("/", ">", "»", "|")),
    rule(
        "subscription prompt",
        r"\b(?:subscribe|sign up|newsletter|stay informed|log in to read"
        r"|create an account|support (?:our|local) journalism|in your inbox|please check all that apply)\b"
        r"|^(?!.*[“”\"]).*\b(?:subscription|subscribers?)\b"
        r"|^\W*(?:starting at|from|only|just)?\s*[$€£]\s?\d+(?:\.\d\d)?\s*(?:/|per |a )\s*(?:week|month|year|wk|mo)\b",
        max_words=40,
        needs=(
            " subscribe ",
            " sign up ",
            " newsletter ",
            " stay informed ",
            " log in to read ",
            " create an account ",
            " journalism ",
            " inbox ",
            " please check all that apply ",
            " subscription ",
            " subscriber ",
            " subscribers ",
            "$",
            "€",
            "£",
        ),
    ),
    rule(
        "comments link",
        r"^\s*(?:\d+\s+comments?|leave a (?:comment|reply)|comments?)\s*$",
        needs=(*_DIGIT_START, "^leave a ", "^comment"),
    ),
    rule(
        "related links",
        r"^\s*(?:you (?:may|might) also like|related(?: articles| stories| posts)?|read more"
        r"|more (?:about|from|on) .{1,60}|editors['’]? picks|latest news|most (?:popular|read)"
        r"|recommended(?: for you)?|trending(?: now)?)\s*:?\s*$",
        needs=(
            "^you may ",
            "^you might ",
            "^related",
            "^read more",
            "^more about ",
            "^more from ",
            "^more on ",
            "^editors ",
            "^latest news",
            "^most popular",
            "^most read",
            "^recommended",
            "^trending",
        ),
    ),
    rule(
        "copyright footer",
        r"^\s*(?:©|\(c\)\s|copyright\b)|all rights reserved",
        max_words=40,
        needs=("©", "(c)", "^copyright", "all rights reserved"),
    ),
    rule(
        "image credit",
        r"^\s*(?:image|photo|picture|photograph)\s*(?:source|credit)?\s*:|^\s*(?:photo|image) by\b",
        scope="next",
        max_words=12,
        needs=("^image", "^photo", "^picture"),
    ),
    rule(
        "FAQ block",
        r"^\s*(?:frequently asked questions|faqs?)\b",
        scope="rest",
        max_words=12,
        needs=("^frequently asked questions", "^faq"),
    ),
    rule(
        "byline",
        r"^\s*by\s+[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|and|de|van|von))*\s*$",
        max_words=8,
        flags=0,
        needs=("^by ",),
    ),
    rule("byline", r"^\s*By\s+[A-Z]", max_words=8, flags=0, needs=("^by ",)),
    rule(
        "publication date",
        r"^\s*(?:published|updated|posted|last updated)\b",
        max_words=14,
        needs=("^published", "^updated", "^posted", "^last updated"),
    ),
    rule(
        "date line",
        rf"^\s*(?:{_WEEKDAY},?\s*)?{_MONTH}\.?\s+\d{{1,2}}\s*,?\s*\d{{4}}\s*$"
        rf"|^\s*(?:{_WEEKDAY},?\s*)?\d{{1,2}}\s+{_MONTH}\.?\s+\d{{4}}\s*$"
        r"|^\s*\d{4}-\d{2}-\d{2}\s*$",
        needs=_DATE_START,
    ),
    rule("tag line", r"^[a-z][a-z \-]*$", max_words=3, flags=0),  # match() at the start: no need is cheaper
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
            " pic",
            " photo",
            " image",
            " credit",
            "©",
            ".jpg",
            ".jpeg",
            ".png",
            ".webp",
            "wikimedia",
            "shutterstock$",
            "alamy$",
            *(
                f" {agency}$"
                for agency in ("ap", "afp", "reuters", "epa", "efe", "pti", "ani", "getty", "xinhua", "ians")
            ),
            # An agency before a slash ("AP Photo/Jo Roe", "(Reuters/Jo Roe)") is a whole word.
            *(
                f" {agency} "
                for agency in (
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
                    "ians",
                )
            ),
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
        needs=("^in this ", "^this ", "^a ", "^an ", "/"),
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
        needs=(
            "^please enter your ",
            "^leave a ",
            "^post a comment",
            "^add a comment",
            "^cancel reply",
            "^save my name",
            "^you must be logged in ",
        ),
    ),
    rule(
        "navigation",
        r"\blogo\s*$|\b(?:wordpress|blogger|joomla|drupal) theme\b|\btheme for wordpress\b"
        r"|\bpowered by (?:wordpress|blogger)\b",
        max_words=8,
        needs=(" logo$", " theme ", " powered by "),
    ),
    rule(
        "byline",
        r"^\s*(?:AP|Associated Press|Reuters|AFP|CNN|Bloomberg|PA)\s+(?:[A-Z][a-z]+\s+){0,3}"
        r"(?:Writer|Correspondent|Editor|Reporter)s?\s*$",
        max_words=7,
        flags=0,
        needs=("^ap ", "^associated press ", "^reuters ", "^afp ", "^cnn ", "^bloomberg ", "^pa "),
    ),
    rule(
        "byline", r"@\w{2,}.*(?:columnist|writer|reporter|correspondent|contributor|editor)", max_words=12, needs=("@",)
    ),
    rule(
        "date line",
        rf"^\s*(?:{_WEEKDAY},?\s*)?\d{{1,2}}(?:st|nd|rd|th)\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}\s*$"
        rf"|^\s*(?:{_WEEKDAY},?\s*)?{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th),?\s+\d{{4}}\s*$",
        max_words=6,
        needs=_DATE_START,
    ),
    rule(
        "credit line",
        r"^\s*(?:source|sources|via)\s*:\s*[\w .&’'/-]{1,40}$",
        max_words=6,
        needs=("^source", "^via"),
    ),
    rule(
        "video pointer",
        r"\b(?:watch|see) (?:it |them |how .{1,40})?(?:above|below)\W*$|\bvideo (?:above|below)\b",
        max_words=12,
        needs=("above$", "below$", " video above ", " video below "),
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
            "^additional ",
            "^reporting",
            "^writing",
            "^editing",
            "^compiled",
            "^research",
            "^graphic",
            "^produced",
            " contributed ",
            " feed ",
            " without modification",
            " not been edited by ",
        ),
    ),
    rule(
        "correction note",
        r"^\W*(?:correction|clarification|update|updated|editor['’]s note)s?\s*(?:\(.{1,30}\))?\s*[:—–-]"
        r"|^\W*this (?:article|story|report|post) (?:has been|was) (?:updated|corrected|amended)\b",
        max_words=60,
        needs=(
            "^correction",
            "^clarification",
            "^update",
            "^editor s note",
            "^this article ",
            "^this story ",
            "^this report ",
            "^this post ",
        ),
    ),
    rule(
        "navigation",
        r"^\s*(?:skip to (?:main )?(?:content|navigation|search)|jump to (?:content|navigation)|back to top"
        r"|toggle (?:navigation|menu)|main menu|menu|search|home|close|open menu|advertisement|advertisment|ad|sponsored"
        r"(?: content)?|story continues (?:below|after) (?:the )?advertisement|continue reading(?: below)?|scroll to continue"
        r"|show (?:more|less)|load more|view comments|loading\W*)\s*$",
        max_words=6,
        needs=(
            "^skip to ",
            "^jump to ",
            "^back to top",
            "^toggle ",
            "^main menu",
            "^menu",
            "^search",
            "^home",
            "^close",
            "^open menu",
            "^advertis",
            "^ad ",
            "^sponsored",
            "^story continues ",
            "^continue reading",
            "^scroll to continue",
            "^show more",
            "^show less",
            "^load more",
            "^view comments",
            "^loading",
        ),
    ),
    rule(
        "navigation",
        r"^\s*\d{1,2}\.\s+[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,4}\s*$",
        max_words=6,
        flags=0,
        needs=_DIGIT_START,
    ),
    rule(
        "pull quote (a lone figure)",
        r"^\s*[$€£]?\s*\d[\d,.]*\s*(?:%|per ?cent|[mbk]n?|million|billion|trillion|crore|lakh)?\s*$",
        max_words=3,
        needs=_DIGIT_START,
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
            re.compile(pattern, re.IGNORECASE)  # a bad pattern is refused here, not when first tried
            rules.append(rule(reason.strip(), pattern))
        except re.error as error:
            raise ValueError(f"{source}:{number}: bad pattern: {error}") from None
    return tuple(rules)


def _mostly_short_lines(texts: Sequence[str]) -> bool:
    """Whether most paragraphs (at least three) are one to three words: a list, such as a
    shopping list, whose short lines are the story, not tag lines or a cut-off fragment."""
    if len(texts) < 3:
        return False
    needed = len(texts) // 2 + 1  # more than half
    if sum(map((60).__gt__, map(len, texts))) < needed:  # too few are short enough to count
        return False
    short, unread = 0, len(texts)
    for text in texts:  # stops as soon as the answer is known
        unread -= 1
        if len(text) < 60 and count_words(text) <= 3:
            short += 1
            if short >= needed:
                return True
        elif short + unread < needed:
            return False
    return False


def _questions_follow(texts: Sequence[str], index: int) -> bool:
    """Whether a question ends one of the three paragraphs after ``index`` (a FAQ block asks)."""
    return any(text.rstrip().endswith("?") for text in texts[index + 1 : index + 4])


StructuralRule = Callable[[Sequence[str], Sequence["str | None"]], dict[int, str]]


def _without_spaces(text: str) -> bytes:
    """``text`` without its whitespace (as ``str.split`` sees it), as bytes."""
    if text.isascii():
        return text.encode("ascii").translate(None, _ASCII_SPACES)
    return "".join(text.split()).encode("utf-8", "surrogatepass")


_ASCII_SPACES = bytes(code for code in range(128) if chr(code).isspace())


def _all_without_spaces(texts: Sequence[str]) -> Sequence[str | bytes]:
    """:func:`_without_spaces` of every text, or a list that is equal where that one is (the texts
    without whitespace, as ``str``): the texts are joined by NULs and stripped of spaces at once."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a text holds a NUL
        return list(map(_without_spaces, texts))
    if joined.isascii():
        return joined.encode("ascii").translate(None, _ASCII_SPACES).split(b"\x00")
    return "".join(joined.split()).split("\x00")


def _repeats(texts: Sequence[str], tags: Sequence[str | None]) -> dict[int, str]:
    """Tag a paragraph that repeats an earlier one word for word (a page's repeated headline)."""
    # Paragraphs equal but for their spacing are equal without it: only those whose text
    # without spaces comes more than once need comparing (most paragraphs are unique).
    if not texts:
        return {}
    bare = _all_without_spaces(texts)
    counts = Counter(bare)
    if len(counts) == len(bare):
        return {}
    seen: dict[str, int] = {}
    found: dict[int, str] = {}
    for index in [index for index, key in enumerate(bare) if counts[key] > 1]:
        text = texts[index]
        key = " ".join(text.split())
        if key in seen and count_words(text) <= 40:
            found[index] = f"repeats paragraph {seen[key] + 1}"
        seen.setdefault(key, index)
    return found


def _trailing_fragment(texts: Sequence[str], tags: Sequence[str | None]) -> dict[int, str]:
    """Tag a last paragraph of one to four words with no closing punctuation (cut-off text)."""
    if len(texts) < 2:
        return {}
    last = texts[-1].rstrip()
    if count_words(last) <= 4 and last and last[-1] not in '.!?"”’)':
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
    for index in [index for index, tag in enumerate(tags) if tag is not None]:
        text = texts[index]
        if not _PROMO_HEADING.match(text):
            continue
        for later in range(index + 1, len(texts)):
            following = texts[later].strip()
            if tags[later] is not None or later in found:
                if _PROMO_HEADING.match(following):
                    continue
                break
            if not following or count_words(following) > 20 or following[-1] in '.!?:;"”’':
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
    if "pull quote (a lone figure)" not in tags:
        return found
    for index, tag in enumerate(tags[:-1]):
        following = texts[index + 1].strip()
        if (
            tag == "pull quote (a lone figure)"
            and tags[index + 1] is None
            and 1 <= count_words(following) <= 15
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
            if count_words(stripped) <= 8:
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


def _trie(strings: Iterable[bytes]) -> bytes:
    """A regular expression matching any of ``strings``, as a trie (``re`` tries the branches of
    an alternation one by one; in a trie each character is compared once)."""
    branches: dict[bytes, list[bytes]] = {}
    ends = False
    for string in sorted(set(strings)):
        if string:
            branches.setdefault(string[:1], []).append(string[1:])
        else:
            ends = True
    alternatives = [re.escape(head) + _trie(tails) for head, tails in branches.items()]
    if not alternatives:
        return b""
    body = alternatives[0] if len(alternatives) == 1 and not ends else b"(?:" + b"|".join(alternatives) + b")"
    return body + b"?" if ends else body


_NOT_A_LOWERCASE = frozenset("£©€»")
"""Characters outside ASCII that no other character lowercases to (tests check it)."""


def _haystack_for(need: str) -> str:
    """Where a need looked for in the lowercased document can be found as it is: ``"document"``
    for a need without letters (no other character lowercases to it), ``"ascii"`` for a need of
    ASCII characters (not ``?``, what stands for the others there), else ``"lowered"``."""
    if all((c.isascii() and not c.isalpha()) or c in _NOT_A_LOWERCASE for c in need):
        return "document"
    if need.isascii() and "?" not in need:
        return "ascii"
    return "lowered"


def _spaced_search(spaced: tuple[bytes, ...]) -> tuple[re.Pattern[bytes], bool]:
    """The search for needs that begin with a space (given without it), after every space, and
    whether it takes the needs it finds.

    A match takes the longest need there (a trie) but its trailing space, so that the next need
    can begin at that space; group 1 is what it took after the space. When a need could begin at
    a space inside another, only the space is taken and group 1 is the need, looked at (slower).
    """
    inside = (need[index + 1 :] for need in spaced for index in range(len(need) - 1) if need[index] == 32)
    if any(rest.startswith(other) or other.startswith(rest) for rest in inside for other in spaced):
        return re.compile(b" (?=(" + _trie(spaced) + b"))"), False
    # The mark of a trailing space sorts after every character a need holds: at each node of the
    # trie, a longer need is tried before the shorter one that ends in a space.
    marked = [need[:-1] + b"\x7f" if need.endswith(b" ") else need for need in spaced]
    return re.compile(b" (" + _trie(marked).replace(b"\x7f", b"(?:(?= ))") + b")"), True


_SEPARATOR = " \x00 "
"""Between paragraphs when a document is screened whole: the spaces end words as a paragraph's
ends do, the NUL (which no need holds) stops a need from running on into the next paragraph."""


class _Screen:
    """The needs of a tuple of rules, compiled to test every paragraph of a document at once.

    One regular expression finds the paragraphs that start with a prefix need (a trie of them
    after each paragraph's leading spaces, in the folded document), one those that end with a
    suffix need (in the folded document reversed), one the needs that begin with a space (a
    trie of them after every space); ``find`` looks for the other needs. Each search runs once
    over the whole document, instead of once per need and paragraph, and each need found gives
    the rules that hold it (a trie matches the longest need it can: the needs that pass are
    those the match starts with).
    """

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self.always = tuple(r for r in rules if not r.needs)
        gated = [(1 << bit, r._needs) for bit, r in enumerate(rules) if r.needs]
        self._prefixes = [(bit, n.prefixes) for bit, n in gated if n.prefixes]
        self._suffixes = [(bit, n.suffixes) for bit, n in gated if n.suffixes]
        spaced: dict[bytes, int] = {}  # a need that begins with a space, without it -> its rules
        folded: dict[bytes, int] = {}
        lowered: dict[str, int] = {}
        for bit, needs in gated:
            for need in needs.folded:
                if need.startswith(b" "):
                    spaced[need[1:]] = spaced.get(need[1:], 0) | bit
                else:
                    folded[need] = folded.get(need, 0) | bit
            for low in needs.lowered:
                lowered[low] = lowered.get(low, 0) | bit
        prefixes = [p for _, ps in self._prefixes for p in ps]
        suffixes = [s[::-1] for _, ss in self._suffixes for s in ss]
        self._starts = re.compile(b"\x00 *(" + _trie(prefixes) + b")") if prefixes else None
        self._ends = re.compile(b"\x00 *(" + _trie(suffixes) + b")") if suffixes else None
        self._spaced: re.Pattern[bytes] | None = None
        self._spaced_takes = False
        if spaced:
            self._spaced, self._spaced_takes = _spaced_search(tuple(spaced))
        self._spaced_bits = tuple(spaced.items())
        self._folded = tuple(folded.items())
        self._lowered = tuple((low, bits, _haystack_for(low)) for low, bits in lowered.items())
        self._masks: dict[tuple[str, bytes], int] = {}
        self._candidates: dict[int, tuple[Rule, ...]] = {}

    def candidates(self, mask: int) -> tuple[Rule, ...]:
        """The rules, in order, that have no needs or whose bit is set in ``mask``."""
        found = self._candidates.get(mask)
        if found is None:
            found = self._candidates[mask] = tuple(
                r for bit, r in enumerate(self.rules) if not r.needs or mask >> bit & 1
            )
        return found

    def _mask(self, kind: str, matched: bytes) -> int:
        """The rules with a prefix need that ``matched`` starts with (``kind`` "^"), a suffix
        need that it ends with ("$"), or a need that begins with a space and that the space
        and ``matched`` start with (" ")."""
        key = (kind, matched)
        mask = self._masks.get(key)
        if mask is None:
            mask = 0
            if kind == "^":
                for bit, needs in self._prefixes:
                    mask |= bit if matched.startswith(needs) else 0
            elif kind == "$":
                for bit, needs in self._suffixes:
                    mask |= bit if matched.endswith(needs) else 0
            else:
                for need, bits in self._spaced_bits:
                    mask |= bits if matched.startswith(need) else 0
            self._masks[key] = mask
        return mask

    def screen(self, texts: Sequence[str]) -> dict[int, int]:
        """For each paragraph that passes a need, the rules whose needs it passes (a bit mask).

        A paragraph passes the needs of a rule here exactly when it does by :meth:`_Needs.met`.
        """
        if not texts:
            return {}
        if "\x00" in "".join(texts):  # a paragraph holds a NUL: a space to a need
            texts = [text.replace("\x00", " ") for text in texts]
        document = _SEPARATOR + _SEPARATOR.join(texts) + _SEPARATOR
        if not document.isascii():  # one character for one: the paragraphs keep their offsets
            document = _as_ascii_sees_it(document)
        # starts[k]: the space before paragraph k, where a need that begins with a space can
        # begin; a need found at position p belongs to the paragraph bisect_right(starts, p) - 1.
        starts = list(accumulate(map(len(_SEPARATOR).__add__, map(len, texts)), initial=len(_SEPARATOR) - 1))
        # Every character outside ASCII is "?" here, one for one: _FOLD lowercases the letters
        # (no character outside ASCII lowercases to ASCII once the case twins are letters).
        ascii_view = document.encode("ascii", "replace")
        folded = ascii_view.translate(_FOLD_DOCUMENT)
        masks: dict[int, int] = {}
        mask_of = self._mask
        if self._starts is not None:
            for match in self._starts.finditer(folded):
                owner = bisect_right(starts, match.end() - 1) - 1
                masks[owner] = masks.get(owner, 0) | mask_of("^", match.group(1))
        if self._ends is not None:
            size = len(folded)
            for match in self._ends.finditer(folded[::-1]):
                owner = bisect_right(starts, size - match.end()) - 1
                masks[owner] = masks.get(owner, 0) | mask_of("$", match.group(1)[::-1])
        if self._spaced is not None:
            takes = self._spaced_takes
            for match in self._spaced.finditer(folded):
                # The needs found: those that group 1 starts with, and when the match took the
                # need, with the byte after it (a trailing space is looked at, not taken).
                found = match.group(1) + folded[match.end() : match.end() + 1] if takes else match.group(1)
                owner = bisect_right(starts, match.start()) - 1
                masks[owner] = masks.get(owner, 0) | mask_of(" ", found)
        for needle, bits in self._folded:  # no need holds the NUL: found means inside a paragraph
            at = folded.find(needle)
            while at >= 0:
                owner = bisect_right(starts, at) - 1
                masks[owner] = masks.get(owner, 0) | bits
                at = folded.find(needle, starts[owner + 1])
        if self._lowered:
            self._find_lowered(document, ascii_view, starts, masks)
        return masks

    def _find_lowered(self, document: str, ascii_view: bytes, starts: list[int], masks: dict[int, int]) -> None:
        """Add to ``masks`` the needs looked for in the lowercased document: found inside a
        paragraph, not in a separator.

        A need without letters is found where the document holds it, a need of ASCII characters
        where the document's ASCII bytes lowercased do (each character at its offset); only
        another need needs the document lowercased (slow outside ASCII).
        """
        views: dict[str, Any] = {"document": document}
        present: dict[tuple[str, str], bool] = {}
        for low, bits, kind in self._lowered:
            view = views.get(kind)
            if view is None:
                view = views[kind] = ascii_view.lower() if kind == "ascii" else document.lower()
            needle: Any = low.encode("ascii") if kind == "ascii" else low  # as the view holds it
            # A character of the need that is nowhere (memchr) spares the slower search for it.
            if not all(
                present.get((kind, c)) or present.setdefault((kind, c), needle[i : i + 1] in view)
                for i, c in enumerate(low)
            ):
                continue
            size = len(low)
            at = view.find(needle)
            while at >= 0:
                owner = bisect_right(starts, at) - 1
                if starts[owner] < at and at + size <= starts[owner + 1] - 2:
                    masks[owner] = masks.get(owner, 0) | bits
                    at = view.find(needle, starts[owner + 1])
                else:
                    at = view.find(needle, at + 1)


_SCREENS: dict[tuple[int, ...], _Screen] = {}
"""The screens of the last few tuples of rules, by the identities of the rules: hashing a rule
would compile its pattern. A screen holds its rules, so no identity in a key is reused."""


def _screen(rules: tuple[Rule, ...]) -> _Screen:
    key = tuple(map(id, rules))
    found = _SCREENS.get(key)
    if found is None:
        if len(_SCREENS) >= 16:
            _SCREENS.pop(next(iter(_SCREENS)), None)
        found = _SCREENS[key] = _Screen(rules)
    return found


def _matching_rule(candidates: Sequence[Rule], texts: Sequence[str], index: int, short_lines: bool) -> Rule | None:
    """The first of ``candidates`` that tags paragraph ``index``, or ``None``.

    The paragraph's words are counted once at most: before searching with a rule that has a
    word limit, or after a rule anchored at the start (cheap to try) matches.
    """
    text = texts[index]
    count: int | None = None
    for candidate in candidates:
        if candidate.max_words is not None:
            if count is None and not candidate.anchored:  # a search can cost more than counting
                count = count_words(text)
            if count is not None and count > candidate.max_words:
                continue
        if candidate._find(text) is None:
            continue
        if candidate.max_words is not None:
            if count is None:
                count = count_words(text)
            if count > candidate.max_words:
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
        if count_words(texts[index + 1]) <= CAPTION_MAX_WORDS_AFTER:
            tags[index + 1] = rule.next_reason
    if rule.scope == "previous" and index > 1 and tags[index - 1] is None:
        if count_words(texts[index - 1]) <= CAPTION_MAX_WORDS_BEFORE:
            tags[index - 1] = rule.next_reason


def tag_paragraphs(texts: Sequence[str], rules: Iterable[Rule] = RULES) -> list[str | None]:
    """Return, for each paragraph, the reason it is boilerplate, or ``None`` for content.

    >>> tag_paragraphs(["Linkedin Pinterest", "Kerry met Wang.", "FAQs", "What is it?"])
    ['share buttons', None, 'FAQ block', 'FAQ block']
    """
    screen = _screen(tuple(rules))
    short_lines = _mostly_short_lines(texts)
    tags: list[str | None] = [None] * len(texts)
    masks = screen.screen(texts)
    for always in screen.always:  # a paragraph that no rule without needs finds needs no more
        masks.update((index, 0) for index, found in enumerate(map(always._find, texts)) if found and index not in masks)
    for index in sorted(masks):
        if tags[index] is not None:  # the caption of an image credit
            continue
        rule = _matching_rule(screen.candidates(masks[index]), texts, index, short_lines)
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
