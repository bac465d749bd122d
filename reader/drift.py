"""Fact drift: the checkable facts of aligned rows, and where two sources disagree on them.

Rules only, no models: numbers with their unit, dates (weekdays, month-day dates, months),
names (capitalised word sequences) and quotes (with their speaker when a *said*-pattern is
near). :func:`drift` walks the rows of a :class:`~reader.compare.Comparison` that have both
sides and reports each disagreement with both sources' wording.

Every rule leans towards silence: a fact is compared only with a fact of the other side that
sits in a similar context (shared words around it), because fact-checkers hate false alarms.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeVar

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from reader.compare import Comparison, compare  # noqa: F401 - compare is used by the doctests
from reader.corpus import Document
from reader.text import fold_typography

KINDS = (
    "number",
    "name",
    "quote-trimmed",
    "quote-altered",
    "quote-paraphrased",
    "quote-attribution",
    "date",
)
"""Every kind of :class:`Disagreement`."""

YEAR = "(year)"
"""The unit of a bare year such as 2030."""

CONTEXT_WORDS = 8
"""Words of context shown on each side of a fact."""

# Vocabulary ------------------------------------------------------------------------------

_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours
    yourself yourselves may might must shall us per via whether though although yet however
    meanwhile also according""".split()
)
"""Function words: never content, never a name on their own."""

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"),
        start=1,
    )
}
_SMALL_NUMBERS = {
    word: value
    for value, word in enumerate(
        ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()
    )
}
_ORDINALS = {
    word: value
    for value, word in enumerate(
        ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
         "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
         "twentieth").split(),
        start=1,
    )
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SPEECH = (
    "said|says|told|tells|added|adds|stated|wrote|writes|asked|noted|argued|warned|explained|"
    "insisted|declared|concluded|responded|replied|recalled|continued|announced|tweeted|"
    "remarked|acknowledged|stressed|emphasized|emphasised|urged|countered"
)
_PRONOUNS = frozenset("he she it they we i you this that there".split())
_MONTH_CUES = frozenset("in since until by last next early late mid of this from on through during".split())

_WORD_RE = re.compile(
    r"(?:[^\W\d_]+-)?(?:[A-Z]\.){2,}|[^\W\d_](?:\w|['’\-](?=\w))*|\d+(?:[.,]\d+)*"
)
"""Words for facts: abbreviations like ``U.S.``, words with inner apostrophes or hyphens,
and numbers."""

_QUOTE_RE = re.compile(r"“([^“”\n]{1,2000})”|\"([^\"\n]{1,2000})\"|«([^«»\n]{1,2000})»")
_NUMBER_RE = re.compile(
    r"(?<![\w.,\-])(?P<currency>[$€£¥])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<percent>\s?%)|(?P<ordinal>st|nd|rd|th)\b|(?!\w|[.,]\d))"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?"
)
_WORD_NUMBER_RE = re.compile(
    r"\b(?P<word>" + "|".join(sorted((*_SMALL_NUMBERS, *_ORDINALS), key=len, reverse=True)) + r")\b"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
_UNIT_RE = re.compile(r"\s*(?:-|\s)(?:per cent\b|percent\b|(?P<word>[^\W\d_][\w]*))")
_MONTH_NAMES = "|".join(m.capitalize() for m in _MONTHS) + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_DAY_DATE_RE = re.compile(
    rf"\b(?:(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH_NAMES})\b)"
    rf"(?:,?\s+(?P<year>\d{{4}})\b)?"
)
_MONTH_RE = re.compile(rf"\b(?P<month>{'|'.join(m.capitalize() for m in _MONTHS)})\b(?:\s+(?P<year>\d{{4}})\b)?")
_WEEKDAY_RE = re.compile(r"\b(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b")
_SENTENCE_END_RE = re.compile(r"[.!?…][\"”’)\]]*(?:\s+|$)|\n+")
_TITLE_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Prof|Rev|No|vs|[A-Z])\.$")
_ELLIPSIS_RE = re.compile(r"\s*(?:…|\.\.\.)\s*")
_NAME_TOKEN = r"[A-Z][\w’'\-]*"
_SPEAKER = rf"(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}})"
_APPOSITION = r"(?:,[^“”\"\n]{1,100}?,|,)?"
_AFTER_QUOTE = (
    re.compile(rf"^[\s,]*(?:{_NAME_TOKEN}\s+)?(?:reported|quoted)\s+{_SPEAKER}\s+as\s+saying\b"),
    re.compile(rf"^[\s,]*{_SPEAKER}{_APPOSITION}\s+(?:(?:{_SPEECH})\b|was quoted as saying\b)"),
    re.compile(rf"^[\s,]*(?:{_SPEECH})\s+{_SPEAKER}"),
    re.compile(rf"^[\s,]*according to\s+{_SPEAKER}"),
)
_BEFORE_QUOTE = re.compile(
    rf"(?:{_SPEAKER}{_APPOSITION}\s+(?:(?:{_SPEECH})\b|was quoted as saying\b)"
    rf"|according to\s+(?P<name2>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}}))"
)


# Facts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    """A number as written, with what it counts.

    Attributes:
        text: The number with its scale and unit word, e.g. ``"4.5 billion tonnes"``.
        span: ``(start, end)`` of ``text`` in the extracted text.
        value: The value (``"three"`` is 3.0, ``"4.5 billion"`` is 4.5e9).
        unit: The word that follows, singular and lowercase (``"tonne"``), ``"percent"``,
            :data:`YEAR` for a bare year such as 2030, or ``""``; a currency sign first
            (``"$ loan"``).
        ordinal: Whether it is an ordinal (``"third"``, ``"3rd"``).
    """

    text: str
    span: tuple[int, int]
    value: float
    unit: str
    ordinal: bool = False


@dataclass(frozen=True)
class Date:
    """A weekday, a month-day date or a month.

    Attributes:
        text: As written.
        span: ``(start, end)`` in the extracted text.
        granularity: ``"weekday"``, ``"day"`` (month and day) or ``"month"``.
        value: Comparable form: ``"tuesday"``, ``"07-18"``, ``"07"``.
    """

    text: str
    span: tuple[int, int]
    granularity: str
    value: str


@dataclass(frozen=True)
class Name:
    """A capitalised word sequence taken for a name of a person, place or organisation."""

    text: str
    span: tuple[int, int]

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words in comparable form: casefolded, no possessive, no dots."""
        return tuple(_name_key(word) for word in self.text.split())


@dataclass(frozen=True)
class Quote:
    """Text in quotation marks.

    Attributes:
        text: The words inside the marks.
        span: ``(start, end)`` of the quote, marks included.
        speaker: Who said it, when a *said*-pattern is near (``"Wang"``), else None.
    """

    text: str
    span: tuple[int, int]
    speaker: str | None = None


@dataclass(frozen=True)
class Facts:
    """The checkable facts of a text, each kind in text order."""

    numbers: tuple[Number, ...]
    dates: tuple[Date, ...]
    names: tuple[Name, ...]
    quotes: tuple[Quote, ...]


# Small helpers ---------------------------------------------------------------------------

_SUFFIXES = ("ments", "ment", "ings", "ing", "ions", "ion", "edly", "ed", "es", "s", "ly")


def _stem(word: str) -> str:
    """A crude stem so that *commitment* meets *committed* and *solutions* meets *solution*.

    >>> _stem("Commitment") == _stem("committed"), _stem("solutions") == _stem("solution")
    (True, True)
    """
    word = _name_key(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e")[:6]


def _name_key(word: str) -> str:
    """Casefolded, without a possessive ending or dots: ``"Kerry’s"`` and ``"kerry"`` meet."""
    word = fold_typography(word).casefold().replace(".", "")
    if word.endswith("'s"):
        word = word[:-2]
    return word.rstrip("'")


def _content(text: str) -> list[str]:
    """Stems of the content words of ``text`` (function words and numbers left out)."""
    return [
        _stem(word)
        for word in _WORD_RE.findall(fold_typography(text))
        if not word[0].isdigit() and word.casefold() not in _STOP and len(word) > 1
    ]


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: ends at ``.!?`` before whitespace and a capital, not after a title or
    an initial (``Mr.``, ``U.S.``).

    >>> text = "The U.S. envoy met Wang. He said “no.” Then Mr. Li left"
    >>> [text[a:b] for a, b in _sentences(text)]
    ['The U.S. envoy met Wang.', 'He said “no.”', 'Then Mr. Li left']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        if match.group().startswith("\n"):
            end = match.start()
        else:
            end = match.end() - (len(match.group()) - len(match.group().rstrip()))
            following = text[match.end() : match.end() + 1]
            head = text[start : match.start() + 1]
            if _TITLE_RE.search(head):  # "Mr. Li", "U.S. officials", "John F. Kennedy"
                continue
            if following and not (following.isupper() or following.isdigit() or following in "“\"‘('"):
                continue
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _WORD_RE.finditer(text)]


# Extraction ------------------------------------------------------------------------------


def _numbers(text: str) -> list[Number]:
    found: list[Number] = []
    for match in _NUMBER_RE.finditer(text):
        digits = match.group("num").replace(",", "")
        value = float(digits)
        scale = match.group("scale")
        if scale:
            value *= _SCALES[scale.lower()]
        unit_text, unit = _unit(text, match.end())
        if match.group("percent"):
            unit, unit_text = "percent", ""
        elif (
            not unit
            and not any(match.group(g) for g in ("currency", "scale", "ordinal"))
            and "," not in match.group("num")
            and "." not in digits
            and 1800 <= value <= 2100
        ):
            unit = YEAR
        if match.group("currency"):
            unit = match.group("currency") + (" " + unit if unit else "")
        end = match.end() + len(unit_text)
        found.append(Number(text[match.start() : end], (match.start(), end), value, unit, bool(match.group("ordinal"))))
    for match in _WORD_NUMBER_RE.finditer(text):
        word = match.group("word").lower()
        unit_text, unit = _unit(text, match.end())
        if word == "one" and (not (unit or match.group("scale")) or _word_before(text, match.start()) in _ONE_PRONOUN):
            continue  # "one of", "no one knows": a pronoun, not a count
        ordinal = word in _ORDINALS
        value = float(_ORDINALS[word] if ordinal else _SMALL_NUMBERS[word])
        if match.group("scale"):
            value *= _SCALES[match.group("scale").lower()]
        end = match.end() + len(unit_text)
        found.append(Number(text[match.start() : end], (match.start(), end), value, unit, ordinal))
    return sorted(found, key=lambda number: number.span)


_ONE_PRONOUN = frozenset("no any every some which that this the each someone".split())


def _word_before(text: str, position: int) -> str:
    before = text[:position].split()
    return before[-1].casefold() if before else ""


def _unit(text: str, position: int) -> tuple[str, str]:
    """The unit word after a number: ``(text consumed, unit)``; function words are no unit."""
    match = _UNIT_RE.match(text, position)
    if not match:
        return "", ""
    word = match.group("word")
    if word is None:
        return match.group(), "percent"
    lower = word.lower()
    if lower in _STOP or lower in _SCALES:
        return "", ""
    return match.group(), _singular(lower)


def _singular(word: str) -> str:
    """A plural noun's singular, roughly: *countries* → *country*, *weeks* → *week*.

    >>> _singular("countries"), _singular("weeks"), _singular("taxes"), _singular("gas")
    ('country', 'week', 'tax', 'gas')
    """
    if len(word) <= 3 or word.endswith("ss") or not word.endswith("s"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("xes", "ches", "shes", "sses")):
        return word[:-2]
    return word[:-1]


def _dates(text: str) -> list[Date]:
    found: list[Date] = []
    taken: list[tuple[int, int]] = []
    for match in _DAY_DATE_RE.finditer(text):
        month = _month_number(match.group("month") or match.group("month2"))
        day = int(match.group("day") or match.group("day2"))
        if month and 1 <= day <= 31:
            found.append(Date(match.group(), match.span(), "day", f"{month:02d}-{day:02d}"))
            taken.append(match.span())
    for match in _MONTH_RE.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        if _word_before(text, match.start()) not in _MONTH_CUES and not match.group("year"):
            continue  # "May" the verb, "March" the noun
        month = _MONTHS[match.group("month").lower()]
        found.append(Date(match.group(), match.span(), "month", f"{month:02d}"))
    for match in _WEEKDAY_RE.finditer(text):
        found.append(Date(match.group(), match.span(), "weekday", match.group("day").lower()))
    return sorted(found, key=lambda date: date.span)


def _month_number(name: str) -> int | None:
    lower = name.lower()
    for full, number in _MONTHS.items():
        if full.startswith(lower):
            return number
    return None


def _is_title_case(words: Sequence[str]) -> bool:
    """Whether a sentence is a headline in title case (most longer words capitalised)."""
    long = [word for word in words if len(word) >= 4 and not word[0].isdigit()]
    return len(long) >= 5 and sum(word[0].isupper() for word in long) >= 0.8 * len(long)


@lru_cache(maxsize=16)
def _capitalised_midsentence(context: str) -> frozenset[str]:
    """Words seen capitalised inside a (non-headline) sentence of ``context``: names."""
    seen: set[str] = set()
    for start, end in _sentences(context):
        sentence = context[start:end]
        words = _WORD_RE.findall(sentence)
        if _is_title_case(words):
            continue
        after_quote = {m.end() for m in re.finditer(r"[“\"‘(]\s*", sentence)}
        for match in list(_WORD_RE.finditer(sentence))[1:]:
            word = match.group()
            if word[0].isupper() and match.start() not in after_quote and not _after_colon(sentence, match.start()):
                seen.add(_name_key(word))
    return frozenset(seen)


def _after_colon(sentence: str, position: int) -> bool:
    return sentence[:position].rstrip()[-1:] in (":", "—", "–")


def _is_name_word(word: str) -> bool:
    lower = word.casefold()
    return (
        word[0].isupper()
        and lower not in _STOP
        and lower not in _WEEKDAYS
        and lower not in _MONTHS
        and not (lower in _SMALL_NUMBERS or lower in _ORDINALS)
    )


def _names(text: str, context: str) -> list[Name]:
    """Runs of capitalised words, one space apart.

    A word that is capitalised only because it starts a sentence (or a headline) counts when
    ``context`` shows it capitalised mid-sentence, or when a capitalised word follows it
    ("John Kerry"); in a headline every word needs that evidence.
    """
    vouched = _capitalised_midsentence(context)
    found: list[Name] = []
    for start, end in _sentences(text):
        sentence = text[start:end]
        matches = list(_WORD_RE.finditer(sentence))
        headline = _is_title_case([m.group() for m in matches])
        runs: list[list[re.Match[str]]] = []
        for number, match in enumerate(matches):
            if not _is_name_word(match.group()):
                continue
            previous = matches[number - 1] if number else None
            if runs and previous is not None and runs[-1][-1] is previous and sentence[previous.end() : match.start()] == " ":
                runs[-1].append(match)
            else:
                runs.append([match])
        for run in runs:
            if headline:
                run = [m for m in run if _name_key(m.group()) in vouched]
            elif len(run) == 1 and _name_key(run[0].group()) not in vouched and _is_initial(sentence, run[0]):
                continue
            if not run:
                continue
            a, b = run[0].start(), run[-1].end()
            found.append(Name(sentence[a:b], (start + a, start + b)))
    return found


def _is_initial(sentence: str, match: re.Match[str]) -> bool:
    """Whether a word starts its sentence, a quotation or a clause after a colon or dash."""
    before = sentence[: match.start()].strip()
    return before in ("", "“", '"', "‘", "(") or _after_colon(sentence, match.start())


def _quotes(text: str) -> list[Quote]:
    found: list[Quote] = []
    for match in _QUOTE_RE.finditer(text):
        inner = next(group for group in match.groups() if group is not None)
        if not _WORD_RE.search(inner):
            continue
        found.append(Quote(inner, match.span(), _speaker(text, match.start(), match.end())))
    return found


def _speaker(text: str, start: int, end: int) -> str | None:
    """Who is quoted: a *said*-pattern right after the quote, else before it in its sentence."""
    after = text[end : end + 200].split("\n", 1)[0]
    for pattern in _AFTER_QUOTE:
        if match := pattern.match(after):
            return _person(match.group("name"))
    before = text[max(0, start - 300) : start].rsplit("\n", 1)[-1]
    for sentence_start, _ in reversed(_sentences(before)):
        before = before[sentence_start:]
        break
    candidates = list(_BEFORE_QUOTE.finditer(before))
    if candidates:
        last = candidates[-1]
        return _person(last.group("name") or last.group("name2"))
    return None


def _person(name: str) -> str | None:
    """A speaker's name, or None for a pronoun or a function word."""
    words = [word for word in name.split() if word.casefold() not in _STOP and word.casefold() not in _PRONOUNS]
    return " ".join(words) or None


def extract_facts(text: str, *, context: str | None = None) -> Facts:
    """The numbers, dates, names and quotes of ``text``.

    Args:
        text: What to read, e.g. one side of an aligned row.
        context: A larger text (the whole document) whose mid-sentence capitals vouch for a
            capitalised word at the start of a sentence being a name; default ``text``.

    >>> facts = extract_facts("John Kerry met Wang Yi on Tuesday. “We are ready,” Wang said "
    ...                       "of the three days of talks.")
    >>> [n.text for n in facts.names], [d.value for d in facts.dates]
    (['John Kerry', 'Wang Yi', 'Wang'], ['tuesday'])
    >>> [(n.value, n.unit) for n in facts.numbers], [(q.text, q.speaker) for q in facts.quotes]
    ([(3.0, 'day')], [('We are ready,', 'Wang')])
    """
    dates = _dates(text)
    numbers = [n for n in _numbers(text) if not any(d.span[0] < n.span[1] and n.span[0] < d.span[1] for d in dates)]
    return Facts(
        numbers=tuple(numbers),
        dates=tuple(dates),
        names=tuple(_names(text, text if context is None else context)),
        quotes=tuple(_quotes(text)),
    )


# Disagreements ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Disagreement:
    """Two sources disagree on a fact in one aligned row.

    Attributes:
        kind: One of :data:`KINDS`.
        row: Index into ``comparison.rows``.
        left: The left source's wording: the fact with a few words around it.
        right: The right source's wording.
        detail: One line, e.g. ``"4.5 billion tonnes → 4.6 billion tonnes"``.
        left_span: Where the fact is in ``comparison.side_text(row, "left")``.
        right_span: Where it is in ``comparison.side_text(row, "right")``.
        left_paragraphs: The row's left paragraph indices (from 0).
        right_paragraphs: The row's right paragraph indices.
    """

    kind: str
    row: int
    left: str
    right: str
    detail: str
    left_span: tuple[int, int]
    right_span: tuple[int, int]
    left_paragraphs: tuple[int, ...] = ()
    right_paragraphs: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Side:
    """One side of a row: its text, its facts, and the stems of its words outside quotes."""

    text: str
    facts: Facts

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(_name_key(word) for word in _WORD_RE.findall(self.text))

    def unquoted(self) -> str:
        """The text with every quote blanked out (same length, so spans still hold)."""
        text = self.text
        for quote in self.facts.quotes:
            a, b = quote.span
            text = text[:a] + " " * (b - a) + text[b:]
        return text


def _window(text: str, span: tuple[int, int], count: int = CONTEXT_WORDS) -> tuple[int, int]:
    """The span widened by ``count`` words each way, within its paragraph."""
    start, end = span
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    before = [m.start() for m in re.finditer(r"\S+", text[paragraph_start:start])]
    after = [m.end() for m in re.finditer(r"\S+", text[end:paragraph_end])]
    if before:
        start = paragraph_start + before[max(0, len(before) - count)]
    if after:
        end = end + after[min(count, len(after)) - 1]
    return start, end


def _wording(text: str, span: tuple[int, int], count: int = CONTEXT_WORDS) -> str:
    """The fact at ``span`` with ``count`` words around it, on one line, clipped with "…".

    >>> _wording("One two three four five six.", (8, 13), 1)
    '… two three four …'
    """
    start, end = _window(text, span, count)
    body = " ".join(text[start:end].split())
    return ("… " if text[:start].strip() and text[start - 1] != "\n" else "") + body + (
        " …" if text[end:].strip() and text[end : end + 1] != "\n" else ""
    )


def _around(text: str, span: tuple[int, int], skip: frozenset[str] = frozenset()) -> set[str]:
    """Content stems of the words near a fact (the fact itself and ``skip`` left out)."""
    start, end = _window(text, span)
    stems = set(_content(text[start : span[0]])) | set(_content(text[span[1] : end]))
    return stems - skip


FactT = TypeVar("FactT")


def _pairs(candidates: Sequence[tuple[int, int, int, FactT, FactT]]) -> list[tuple[FactT, FactT]]:
    """Best-first one-to-one pairing of ``(score, left position, right position, a, b)``."""
    used_left: set[int] = set()
    used_right: set[int] = set()
    chosen: list[tuple[FactT, FactT]] = []
    for _, left_position, right_position, a, b in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if left_position in used_left or right_position in used_right:
            continue
        used_left.add(left_position)
        used_right.add(right_position)
        chosen.append((a, b))
    return chosen


def _noun_window(text: str, end: int) -> set[str]:
    """Content stems of the three words after a number: what it counts."""
    return set(_content(" ".join(text[end:].split()[:3])))


def _number_drift(row: int, left: _Side, right: _Side) -> list[Disagreement]:
    left_values = {(n.value, n.ordinal) for n in left.facts.numbers}
    right_values = {(n.value, n.ordinal) for n in right.facts.numbers}
    lonely_left = [n for n in left.facts.numbers if (n.value, n.ordinal) not in right_values]
    lonely_right = [n for n in right.facts.numbers if (n.value, n.ordinal) not in left_values]
    candidates = []
    for a in lonely_left:
        for b in lonely_right:
            if a.ordinal != b.ordinal or (a.unit == YEAR) != (b.unit == YEAR):
                continue
            counted = (a.unit and a.unit == b.unit) or bool(
                _noun_window(left.text, a.span[1]) & _noun_window(right.text, b.span[1])
            )
            generic = a.unit in ("", YEAR, "percent")
            if not counted and not (a.unit == b.unit and generic):
                continue
            shared = len(_around(left.text, a.span) & _around(right.text, b.span))
            if shared >= (2 if generic else 1):
                candidates.append((shared, a.span[0], b.span[0], a, b))
    return [
        Disagreement("number", row, _wording(left.text, a.span), _wording(right.text, b.span),
                     f"{a.text} → {b.text}", a.span, b.span)
        for a, b in _pairs(candidates)
    ]


_DATE_WORDS = frozenset(_stem(word) for word in (*_WEEKDAYS, *_MONTHS))


def _date_drift(row: int, left: _Side, right: _Side) -> list[Disagreement]:
    left_values = {(d.granularity, d.value) for d in left.facts.dates}
    right_values = {(d.granularity, d.value) for d in right.facts.dates}
    candidates = []
    for a in left.facts.dates:
        if (a.granularity, a.value) in right_values:
            continue
        for b in right.facts.dates:
            if b.granularity != a.granularity or (b.granularity, b.value) in left_values:
                continue
            shared = len(_around(left.text, a.span, _DATE_WORDS) & _around(right.text, b.span, _DATE_WORDS))
            if shared >= 2:
                candidates.append((shared, a.span[0], b.span[0], a, b))
    return [
        Disagreement("date", row, _wording(left.text, a.span), _wording(right.text, b.span),
                     f"{a.text} → {b.text}", a.span, b.span)
        for a, b in _pairs(candidates)
    ]


_SPELLING_VARIANTS = (("isation", "ization"), ("ise", "ize"), ("our", "or"), ("ence", "ense"), ("tre", "ter"))


def _misspelt(a: str, b: str) -> bool:
    """Whether two name words look like one name spelled two ways.

    One edit (a swap of two neighbours counts as one) for words of 5+ letters, two for 9+;
    same first letter; not a plural, and not a British/American spelling pair.

    >>> _misspelt("zhenhua", "zhenzhua"), _misspelt("shangfu", "shanfgu"), _misspelt("iran", "iraq")
    (True, True, False)
    >>> _misspelt("talks", "talk"), _misspelt("austrian", "australian"), _misspelt("defence", "defense")
    (False, False, False)
    """
    if a == b or a[:1] != b[:1] or not (a.isalpha() and b.isalpha()):
        return False
    shorter, longer = sorted((a, b), key=len)
    if longer in (shorter + "s", shorter + "es"):
        return False
    for british, american in _SPELLING_VARIANTS:
        if a.replace(british, american) == b.replace(british, american):
            return False
    distance = OSA.distance(a, b, score_cutoff=2)
    return (distance == 1 and len(shorter) >= 5) or (distance == 2 and len(shorter) >= 9)


def _name_drift(row: int, left: _Side, right: _Side) -> list[Disagreement]:
    left_keys, right_keys = left.keys, right.keys
    found: list[Disagreement] = []
    seen: set[tuple[str, str]] = set()
    for a in left.facts.names:
        for a_key in a.tokens:
            if a_key in right_keys or a_key in _STOP:
                continue
            for b in right.facts.names:
                for b_key in b.tokens:
                    if b_key in left_keys or (a_key, b_key) in seen or not _misspelt(a_key, b_key):
                        continue
                    seen.add((a_key, b_key))
                    found.append(
                        Disagreement("name", row, _wording(left.text, a.span), _wording(right.text, b.span),
                                     f"{a.text} → {b.text}", a.span, b.span)
                    )
    return found


def _quote_words(text: str) -> list[str]:
    return [_name_key(word) for word in _WORD_RE.findall(fold_typography(text))]


def _contains(longer: list[str], shorter: list[str]) -> bool:
    """Whether ``shorter`` is a contiguous run of ``longer``."""
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def _trimmed(longer: str, shorter: str) -> bool:
    """Whether ``shorter`` is ``longer`` cut down: a contiguous part, or parts in order
    joined by an ellipsis."""
    long_words = _quote_words(longer)
    pieces = [_quote_words(piece) for piece in _ELLIPSIS_RE.split(shorter)]
    pieces = [piece for piece in pieces if piece]
    if sum(len(piece) for piece in pieces) < 2 or sum(map(len, pieces)) >= len(long_words):
        return False
    position = 0
    for piece in pieces:
        rest = long_words[position:]
        for i in range(len(rest) - len(piece) + 1):
            if rest[i : i + len(piece)] == piece:
                position += i + len(piece)
                break
        else:
            return False
    return True


def _relation(a: Quote, b: Quote) -> tuple[int, str] | None:
    """How two quotes relate: ``(rank, "same" | "trimmed" | "altered")``, or None."""
    a_words, b_words = _quote_words(a.text), _quote_words(b.text)
    if a_words == b_words:
        return 3, "same"
    if _trimmed(a.text, b.text) or _trimmed(b.text, a.text):
        return 2, "trimmed"
    a_stems, b_stems = set(_content(a.text)), set(_content(b.text))
    if min(len(a_words), len(b_words)) < 3 or not a_stems or not b_stems:
        return None
    overlap = len(a_stems & b_stems) / min(len(a_stems), len(b_stems))
    if overlap >= 0.5 and fuzz.ratio(" ".join(a_words), " ".join(b_words)) >= 60:
        return 1, "altered"
    return None


def _changes(a: str, b: str, limit: int = 3) -> str:
    """The replaced words of an altered quote, adjacent edits joined.

    >>> _changes("we can find a proper solution to any problems", "we can find a good solution to all problems")
    '“proper” → “good”; “any” → “all”'
    """
    a_words, b_words = a.split(), b.split()
    runs: list[tuple[int, int, int, int]] = []
    for opcode in Levenshtein.opcodes(a_words, b_words):
        i1, i2, j1, j2 = opcode.src_start, opcode.src_end, opcode.dest_start, opcode.dest_end
        if opcode.tag == "equal":
            continue
        if runs and runs[-1][1] == i1 and runs[-1][3] == j1:
            runs[-1] = (runs[-1][0], i2, runs[-1][2], j2)
        else:
            runs.append((i1, i2, j1, j2))
    parts = [f"“{' '.join(a_words[i1:i2])}” → “{' '.join(b_words[j1:j2])}”" for i1, i2, j1, j2 in runs]
    return "; ".join(parts[:limit]) + ("; …" if len(parts) > limit else "")


def _same_speaker(a: str, b: str) -> bool:
    return bool({_name_key(w) for w in a.split()} & {_name_key(w) for w in b.split()})


def _paraphrase(quote: Quote, other: _Side) -> tuple[tuple[int, int], int, int] | None:
    """The sentence of ``other`` that says the quote's words without quotation marks.

    The quote's content words must come close together in one unquoted sentence (within
    about twice the quote's length): at least two and half of them, or four and 40 %.

    Returns:
        ``(sentence span, content words found, content words of the quote)``, or None.
    """
    wanted = set(_content(quote.text))
    if len(wanted) < 2:
        return None
    unquoted = other.unquoted()
    reach = 2 * len(wanted) + 2
    best: tuple[tuple[int, int], int, int] | None = None
    for span in _sentences(unquoted):
        stems = _content(unquoted[span[0] : span[1]])
        found = max(
            (len(wanted.intersection(stems[i : i + reach])) for i in range(max(1, len(stems) - reach + 1))),
            default=0,
        )
        enough = (found >= 2 and found * 2 >= len(wanted)) or (found >= 4 and found * 5 >= 2 * len(wanted))
        if enough and (best is None or found > best[1]):
            best = (span, found, len(wanted))
    return best


def _quoted_anywhere(quote: Quote, quotes: Sequence[Quote]) -> bool:
    """Whether ``quotes`` (a whole document's) hold this quote, whole, cut or altered."""
    return any(_relation(quote, other) for other in quotes)


def _quote_drift(
    row: int, left: _Side, right: _Side, left_quotes: Sequence[Quote], right_quotes: Sequence[Quote]
) -> list[Disagreement]:
    """Quotes of one side against the other's: trimmed, altered, re-attributed, or said
    without quotation marks (a quote the other document has quoted in another row is not
    reported as paraphrased)."""
    found: list[Disagreement] = []
    matched_right: set[Quote] = set()
    for a in left.facts.quotes:
        related = [(relation, b) for b in right.facts.quotes if (relation := _relation(a, b))]
        if related:
            (_, how), b = max(related, key=lambda r: (r[0][0], fuzz.ratio(a.text, r[1].text)))
            matched_right.update(other for _, other in related)
            found.extend(_matched_quote(row, left, right, a, b, how))
        elif not _quoted_anywhere(a, right_quotes) and (hit := _paraphrase(a, right)):
            span, count, total = hit
            found.append(Disagreement(
                "quote-paraphrased", row, _wording(left.text, a.span), _sentence_wording(right.text, span),
                f"quoted in left, unquoted in right ({count} of {total} words)", a.span, span))
    for b in right.facts.quotes:
        if b in matched_right or _quoted_anywhere(b, left_quotes):
            continue
        if hit := _paraphrase(b, left):
            span, count, total = hit
            found.append(Disagreement(
                "quote-paraphrased", row, _sentence_wording(left.text, span), _wording(right.text, b.span),
                f"quoted in right, unquoted in left ({count} of {total} words)", span, b.span))
    return found


def _matched_quote(row: int, left: _Side, right: _Side, a: Quote, b: Quote, how: str) -> list[Disagreement]:
    found = []
    left_wording, right_wording = _wording(left.text, a.span), _wording(right.text, b.span)
    if how == "trimmed":
        a_count, b_count = len(_quote_words(a.text)), len(_quote_words(b.text))
        shorter, longer = ("right", "left") if b_count < a_count else ("left", "right")
        detail = f"{shorter} quotes {min(a_count, b_count)} of the {max(a_count, b_count)} words of {longer}"
        found.append(Disagreement("quote-trimmed", row, left_wording, right_wording, detail, a.span, b.span))
    elif how == "altered":
        found.append(Disagreement("quote-altered", row, left_wording, right_wording,
                                  _changes(a.text, b.text), a.span, b.span))
    if a.speaker and b.speaker and not _same_speaker(a.speaker, b.speaker):
        found.append(Disagreement("quote-attribution", row, left_wording, right_wording,
                                  f"{a.speaker} → {b.speaker}", a.span, b.span))
    return found


def _sentence_wording(text: str, span: tuple[int, int], limit: int = 40) -> str:
    """A sentence on one line, cut after ``limit`` words."""
    words = text[span[0] : span[1]].split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def drift(comparison: Comparison) -> list[Disagreement]:
    """Every disagreement on facts between the two sides of the comparison's aligned rows.

    Rows with both sides that are not *same* are read (cruft rows are not); the result is
    ordered by row, then by position in the left side.

    >>> from reader.corpus import document_from_text
    >>> left = document_from_text("Officials said Kerry met Wang Yi on Tuesday in Beijing "
    ...                           "for three days of talks on 4.5 billion tonnes of coal.")
    >>> right = document_from_text("Officials said Kerry met Wang Yi on Wednesday in Beijing "
    ...                            "for 3 days of talks on 4.6 billion tonnes of coal.")
    >>> [(d.kind, d.detail) for d in drift(compare(left, right))]
    [('date', 'Tuesday → Wednesday'), ('number', '4.5 billion tonnes → 4.6 billion tonnes')]
    """
    items: list[Disagreement] = []
    left_quotes, right_quotes = _quotes(comparison.left.text), _quotes(comparison.right.text)
    for index, row in enumerate(comparison.rows):
        if row.boilerplate or row.kind == "same" or not row.left or not row.right:
            continue
        left_text, right_text = comparison.side_text(row, "left"), comparison.side_text(row, "right")
        left = _Side(left_text, extract_facts(left_text, context=comparison.left.text))
        right = _Side(right_text, extract_facts(right_text, context=comparison.right.text))
        found = [
            *_number_drift(index, left, right),
            *_date_drift(index, left, right),
            *_name_drift(index, left, right),
            *_quote_drift(index, left, right, left_quotes, right_quotes),
        ]
        found.sort(key=lambda d: (d.left_span, d.right_span, KINDS.index(d.kind)))
        items.extend(replace(d, left_paragraphs=row.left, right_paragraphs=row.right) for d in found)
    return items


def default_base(documents: Sequence[Document]) -> Document:
    """The document the others are compared to: the overview's likely original.

    Raises:
        ValueError: ``documents`` is empty.
    """
    from reader.overview import build_overview

    if not documents:
        raise ValueError("no documents")
    original = build_overview(documents).original
    return documents[original or 0]


def drift_folder(
    documents: Sequence[Document],
    base: Document,
    *,
    progress: Callable[[float], None] | None = None,
) -> list[tuple[Document, list[Disagreement]]]:
    """Each document other than ``base`` compared to it (through the cache), with its disagreements.

    Args:
        documents: The folder's documents.
        base: The document the others are held against.
        progress: Called with the share done (0..1) after each source.
    """
    from reader.cache import cached_compare

    others = [document for document in documents if document is not base]
    results = []
    for number, document in enumerate(others):
        comparison = cached_compare(base, document)
        results.append((document, drift(comparison)))
        if progress:
            progress((number + 1) / len(others))
    return results
