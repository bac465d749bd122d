"""Checkable facts of a text: numbers with their unit, dates, names and quotes.

Rules only, no models: numbers with their unit, dates (weekdays, month-day dates, months),
names (capitalised word sequences) and quotes (with their speaker when a *said*-pattern is
near). :func:`extract_facts` reads them with their spans; :func:`fact_keys` is the same
facts as comparable keys, which the overview counts as "shared facts". The rules that hold
two sources' facts against each other are in :mod:`reader.drift`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from reader.language import (
    CAPITALISED_MONTHS,
    COMPARATIVES,
    FACT_STOPWORDS,
    FACT_WORD_RE,
    HEDGES,
    MEASURES,
    MONTHS,
    ORDINALS,
    PRONOUNS,
    QUANTITY_ADJECTIVES,
    SCALES,
    SMALL_NUMBERS,
    SPEECH_VERBS,
    UNIT_SYNONYMS,
    WEEKDAYS,
    name_key,
    sentence_spans,
    singular,
)

YEAR = "(year)"
"""The unit of a bare year such as 2030."""

ABOUT = 0.15
"""How far a value may be from an "about" figure and agree with it."""
NEARLY = 0.15
"""How far under a "nearly" figure a value may be ("nearly six hours" allows 5.1 to 6)."""

# Patterns --------------------------------------------------------------------------------

_MONTH_CUES = frozenset("in since until by last next early late mid of this from on through during".split())

_QUOTE_RE = re.compile(
    r"“([^“”\n]{1,2000}?)(?:”|'')"  # curly, or closed with two apostrophes
    r"|\"([^\"\n]{1,2000}?)(?:\"|'')"  # straight, or closed with two apostrophes
    r"|«\s?([^«»\n]{1,2000}?)\s?»"
    r"|„([^„“”\"\n]{1,2000}?)[“”\"]"  # German low-high
    r"|,,([^,\"“”\n][^\"“”\n]{0,1999}?)(?:''|\"|“|”)"  # ,, typed for „
    r"|``([^`\n]{1,2000}?)''"  # TeX-style
    r"|(?<!\w)‘((?:[^‘’\n]|’(?=\w)){1,2000}?)’(?!\w)"  # single curly; "Them’s" keeps its apostrophe
)
"""Quotations: “…”, "…", «…», „…“ and the typed stand-ins ,,…'' and ``…''; a closing ''
counts (a straight or curly opening mark closed by two apostrophes is common in wire copy)."""
_NUMBER_RE = re.compile(
    r"(?<![\w.,\-])(?P<currency>[$€£¥])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<percent>\s?%)|(?P<ordinal>st|nd|rd|th)\b|(?!\w|[.,]\d))"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?"
)
_WORD_NUMBER_RE = re.compile(
    r"\b(?P<word>" + "|".join(sorted((*SMALL_NUMBERS, *ORDINALS), key=len, reverse=True)) + r")\b"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
_TIME_RE = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|IST\b|ET\b|EDT\b|BST\b)|\b\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)
"""Times of day ("11 a.m.", "9:06 pm"): not counts."""
_UNIT_RE = re.compile(r"\s*(?:-|\s)(?:per cent\b|percent\b|(?P<word>[^\W\d_][\w]*))")
_MONTH_NAMES = CAPITALISED_MONTHS + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_DAY_DATE_RE = re.compile(
    rf"\b(?:(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH_NAMES})\b)"
    rf"(?:,?\s+(?P<year>\d{{4}})\b)?"
)
_MONTH_RE = re.compile(rf"\b(?P<month>{CAPITALISED_MONTHS})\b(?:\s+(?P<year>\d{{4}})\b)?")
_WEEKDAY_RE = re.compile(r"\b(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b")
_NAME_TOKEN = r"[A-Z][\w’'\-]*"
_SPEAKER = rf"(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}})"
_APPOSITION = r"(?:,[^“”\"\n]{1,100}?,|,)?"
_AFTER_QUOTE = (
    re.compile(rf"^[\s,]*(?:{_NAME_TOKEN}\s+)?(?:reported|quoted)\s+{_SPEAKER}\s+as\s+saying\b"),
    re.compile(rf"^[\s,]*{_SPEAKER}{_APPOSITION}\s+(?:(?:{SPEECH_VERBS})\b|was quoted as saying\b)"),
    re.compile(rf"^[\s,]*(?:{SPEECH_VERBS})\s+{_SPEAKER}"),
    re.compile(rf"^[\s,]*according to\s+{_SPEAKER}"),
)
_BEFORE_QUOTE = re.compile(
    rf"(?:{_SPEAKER}{_APPOSITION}\s+(?:(?:{SPEECH_VERBS})\b|was quoted as saying\b)"
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
        hedge: How the text bounds it (:data:`~reader.language.HEDGES`): ``"at least"``
            ("more than 400"), ``"nearly"``, ``"at most"`` ("as many as 113"), ``"about"``, or
            ``""`` for a figure stated flat.
        relative: Whether it is a difference rather than an amount ("two hours faster",
            "three more counts").
        strict: Whether the hedge leaves the figure itself out ("more than six", "nearly
            six", "under six"; not "at least six", "up to six").
    """

    text: str
    span: tuple[int, int]
    value: float
    unit: str
    ordinal: bool = False
    hedge: str = ""
    relative: bool = False
    strict: bool = False

    @property
    def measure(self) -> tuple[str, float] | None:
        """``(dimension, value in the dimension's base unit)`` for a unit of measure
        ("31 miles" is ``("length", 49889.7)``), else None."""
        unit = self.unit.rsplit(" ", 1)[-1]
        if unit not in MEASURES:
            return None
        dimension, size = MEASURES[unit]
        return dimension, self.value * size

    def bounds(self, tolerance: float = 0.0) -> tuple[float, float]:
        """The values the figure allows, as its hedge reads: ``(low, high)``, in the
        dimension's base unit for a unit of measure; ``tolerance`` widens a flat figure
        (a share of the value, for conversions between units)."""
        measure = self.measure
        value = measure[1] if measure else self.value
        low, high = value * (1 - tolerance), value * (1 + tolerance)
        if self.hedge == "at least":
            return low, math.inf
        if self.hedge == "at most":
            return 0.0, high
        if self.hedge == "nearly":
            return value * (1 - NEARLY), high
        if self.hedge == "about":
            return value * (1 - ABOUT), value * (1 + ABOUT)
        return low, high


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
        return tuple(name_key(word) for word in self.text.split())


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


# Extraction ------------------------------------------------------------------------------


def _number(text: str, start: int, end: int, value: float, unit: str, ordinal: bool) -> Number:
    """The figure ``text[start:end]`` with its hedge and whether it is relative."""
    hedge = _hedge(text, start)
    return Number(
        text[start:end],
        (start, end),
        value,
        unit,
        ordinal,
        hedge,
        _relative(text, unit, end),
        bool(hedge) and bool(_STRICT_HEDGE_RE.search(text, max(0, start - 30), start)),
    )


def _numbers(text: str) -> list[Number]:
    found: list[Number] = []
    for match in _NUMBER_RE.finditer(text):
        digits = match.group("num").replace(",", "")
        value = float(digits)
        scale = match.group("scale")
        if scale:
            value *= SCALES[scale.lower()]
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
        unit, end = _age(text, unit, end)
        found.append(_number(text, match.start(), end, value, unit, bool(match.group("ordinal"))))
    for match in _WORD_NUMBER_RE.finditer(text):
        word = match.group("word").lower()
        unit_text, unit = _unit(text, match.end())
        if word == "one" and (not (unit or match.group("scale")) or _word_before(text, match.start()) in _ONE_PRONOUN):
            continue  # "one of", "no one knows": a pronoun, not a count
        ordinal = word in ORDINALS
        value = float(ORDINALS[word] if ordinal else SMALL_NUMBERS[word])
        if match.group("scale"):
            value *= SCALES[match.group("scale").lower()]
        end = match.end() + len(unit_text)
        unit, end = _age(text, unit, end)
        found.append(_number(text, match.start(), end, value, unit, ordinal))
    return sorted(found, key=lambda number: number.span)


_HEDGE_RES = tuple((name, re.compile(rf"(?:^|\W)(?:{words})\s*[$€£¥]?$", re.IGNORECASE)) for name, words in HEDGES)
_AGE_RE = re.compile(r"[\s-]old\b")
_STRICT_HEDGE_RE = re.compile(
    r"(?:^|\W)(?:more than|over|above|exceeding|in excess of|upwards of|just over|well over|almost|nearly"
    r"|just under|just short of|close to|approaching|under|less than|fewer than|below)\s*[$€£¥]?$",
    re.IGNORECASE,
)
"""Hedges that leave the figure itself out: "more than six" is not six, "nearly six" is not six."""


def _hedge(text: str, start: int) -> str:
    """The hedge right before a figure ("more than", "nearly", "as many as", "about"), or "".

    >>> _hedge("with more than 400 ships", 15), _hedge("as many as 113", 11), _hedge("the 113", 4)
    ('at least', 'at most', '')
    """
    before = text[max(0, start - 30) : start]
    for name, pattern in _HEDGE_RES:
        if pattern.search(before):
            return name
    return ""


_SPACES_AND_HYPHENS_RE = re.compile(r"[ -]*")


def _relative(text: str, unit: str, end: int) -> bool:
    """Whether a figure is a difference: a comparative follows it or its unit ("two hours
    faster", "three more counts", "two fewer than")."""
    if unit in COMPARATIVES:
        return True
    after = FACT_WORD_RE.match(text, _SPACES_AND_HYPHENS_RE.match(text, end).end())  # type: ignore[union-attr]
    return bool(after) and after.group().casefold() in COMPARATIVES  # type: ignore[union-attr]


def _age(text: str, unit: str, end: int) -> tuple[str, int]:
    """ "37-year-old" is an age, not a duration of 37 years: unit ``"year-old"``."""
    if unit == "year" and (match := _AGE_RE.match(text, end)):
        return "year-old", match.end()
    return unit, end


_ONE_PRONOUN = frozenset("no any every some which that this the each someone".split())


_LAST_WORD_RE = re.compile(r"(\S+)\s*\Z")


def _word_before(text: str, position: int) -> str:
    """The whitespace-delimited word before ``position``, casefolded ('' for none).

    Read from a window, not the whole text before it (facts of a whole document are read
    too: splitting all of it for each figure made drift on a 1 MB pair quadratic).
    """
    start = max(0, position - 80)
    match = _LAST_WORD_RE.search(text, start, position)
    if match and match.start() == start and start and not text[start - 1].isspace():
        before = text[:position].split()  # a word longer than the window
        return before[-1].casefold() if before else ""
    return match.group(1).casefold() if match else ""


def _unit(text: str, position: int) -> tuple[str, str]:
    """The unit word after a number: ``(text consumed, unit)``; function words are no unit."""
    match = _UNIT_RE.match(text, position)
    if not match:
        return "", ""
    word = match.group("word")
    if word is None:
        return match.group(), "percent"
    lower = word.lower()
    if lower in QUANTITY_ADJECTIVES and (noun := _UNIT_RE.match(text, match.end())) and noun.group("word"):
        following = noun.group("word").lower()
        if following not in FACT_STOPWORDS and following not in SCALES:
            return text[position : noun.end()], singular(following)
    if lower in FACT_STOPWORDS or lower in SCALES:
        return "", ""
    return match.group(), singular(lower)


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
        month = MONTHS[match.group("month").lower()]
        found.append(Date(match.group(), match.span(), "month", f"{month:02d}"))
    for match in _WEEKDAY_RE.finditer(text):
        found.append(Date(match.group(), match.span(), "weekday", match.group("day").lower()))
    return sorted(found, key=lambda date: date.span)


def _month_number(name: str) -> int | None:
    lower = name.lower()
    for full, number in MONTHS.items():
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
    for start, end in sentence_spans(context):
        sentence = context[start:end]
        words = FACT_WORD_RE.findall(sentence)
        if _is_title_case(words):
            continue
        after_quote = {m.end() for m in re.finditer(r"[“\"‘(]\s*", sentence)}
        for match in list(FACT_WORD_RE.finditer(sentence))[1:]:
            word = match.group()
            if word[0].isupper() and match.start() not in after_quote and not _after_colon(sentence, match.start()):
                seen.add(name_key(word))
    return frozenset(seen)


def _after_colon(sentence: str, position: int) -> bool:
    return sentence[:position].rstrip()[-1:] in (":", "—", "–")


def _is_name_word(word: str) -> bool:
    lower = word.casefold()
    return (
        word[0].isupper()
        and lower not in FACT_STOPWORDS
        and lower not in WEEKDAYS
        and lower not in MONTHS
        and not (lower in SMALL_NUMBERS or lower in ORDINALS)
    )


def _names(text: str, context: str) -> list[Name]:
    """Runs of capitalised words, one space apart.

    A word that is capitalised only because it starts a sentence (or a headline) counts when
    ``context`` shows it capitalised mid-sentence, or when a capitalised word follows it
    ("John Kerry"); in a headline every word needs that evidence.
    """
    vouched = _capitalised_midsentence(context)
    found: list[Name] = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        matches = list(FACT_WORD_RE.finditer(sentence))
        headline = _is_title_case([m.group() for m in matches])
        runs: list[list[re.Match[str]]] = []
        for number, match in enumerate(matches):
            if not _is_name_word(match.group()):
                continue
            previous = matches[number - 1] if number else None
            if (
                runs
                and previous is not None
                and runs[-1][-1] is previous
                and sentence[previous.end() : match.start()] == " "
            ):
                runs[-1].append(match)
            else:
                runs.append([match])
        for run in runs:
            if headline:
                run = [m for m in run if name_key(m.group()) in vouched]
            elif len(run) == 1 and name_key(run[0].group()) not in vouched and _is_initial(sentence, run[0]):
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


_OPEN_LINE_RE = re.compile(r"^[ \t]*([“‘\"„«])(?=\w)(?P<inner>[^\n]*)$", re.MULTILINE)


def find_quotes(text: str) -> list[Quote]:
    r"""The quotations of ``text`` with their speakers.

    A paragraph that opens with a quotation mark that is never closed quotes to its end (the
    news convention for a quotation that goes on in the next paragraph).

    >>> [q.text for q in find_quotes("‘I am sad to go but them’s the brakes.\n“Yes,” he said.")]
    ['I am sad to go but them’s the brakes.', 'Yes,']
    """
    found: list[Quote] = []
    for match in _QUOTE_RE.finditer(text):
        inner = next(group for group in match.groups() if group is not None)
        if not FACT_WORD_RE.search(inner):
            continue
        found.append(Quote(inner, match.span(), _speaker(text, match.start(), match.end())))
    for match in _OPEN_LINE_RE.finditer(text):
        start = match.start(1)
        if any(q.span[0] <= start < q.span[1] for q in found) or _closes(match.group(1), match.group("inner")):
            continue
        inner = match.group("inner").rstrip()
        found.append(Quote(inner, (start, match.end()), None))
    return sorted(found, key=lambda quote: quote.span)


def _closes(mark: str, rest: str) -> bool:
    """Whether ``rest`` holds the mark that closes ``mark`` (so the quote is not left open)."""
    closing = {"“": "”", "‘": "’ ", '"': '"', "„": "“", "«": "»"}[mark]
    return closing.strip() in rest if mark != "‘" else bool(re.search(r"’(?!\w)", rest))


def _speaker(text: str, start: int, end: int) -> str | None:
    """Who is quoted: a *said*-pattern right after the quote, else before it in its sentence."""
    after = text[end : end + 200].split("\n", 1)[0]
    for pattern in _AFTER_QUOTE:
        if match := pattern.match(after):
            return _person(match.group("name"))
    before = text[max(0, start - 300) : start].rsplit("\n", 1)[-1]
    for sentence_start, _ in reversed(sentence_spans(before)):
        before = before[sentence_start:]
        break
    candidates = list(_BEFORE_QUOTE.finditer(before))
    if candidates:
        last = candidates[-1]
        return _person(last.group("name") or last.group("name2"))
    return None


def _person(name: str) -> str | None:
    """A speaker's name, or None for a pronoun or a function word."""
    words = [word for word in name.split() if word.casefold() not in FACT_STOPWORDS and word.casefold() not in PRONOUNS]
    return " ".join(words) or None


@dataclass(frozen=True)
class Designation:
    """A maker's or a series' name with the model designation after it ("Boeing 737 MAX 8").

    Attributes:
        text: As written.
        span: ``(start, end)`` in the text.
        maker: The name before the designation, casefolded (``"boeing"``).
        parts: The designation's letters and digits apart, casefolded: "737-8 MAX" and
            "737 MAX 8" are both ``{"737", "8", "max"}``.
    """

    text: str
    span: tuple[int, int]
    maker: str
    parts: frozenset[str]


_DESIGNATION_RE = re.compile(
    r"\b(?P<maker>[A-Z][a-z]{2,})"
    r"(?P<model>(?:[ -](?:[A-Za-z]*\d[A-Za-z\d]*|[A-Z]{2,}\b|[A-Z][a-z]+(?=-\d)))+)"
)
_PART_RE = re.compile(r"\d+|[^\W\d_]+")


def find_designations(text: str) -> list[Designation]:
    """Model designations: a capitalised name, then words with digits or in capitals ("Boeing
    737-800 MAX", "Airbus A320neo", "Flight ET 302"); at least one part has a digit.

    >>> [(d.maker, sorted(d.parts)) for d in find_designations("The Boeing 737 Max-8 and the Airbus A320neo.")]
    [('boeing', ['737', '8', 'max']), ('airbus', ['320', 'a', 'neo'])]
    """
    found = []
    for match in _DESIGNATION_RE.finditer(text):
        parts = frozenset(part.casefold() for part in _PART_RE.findall(match.group("model")))
        if any(part.isdigit() for part in parts):
            found.append(Designation(match.group(), match.span(), match.group("maker").casefold(), parts))
    return found


@dataclass(frozen=True)
class Place:
    """A place with the region after it, as datelines and news copy write them ("SAN JOSE,
    Calif.", "San Juan, California").

    Attributes:
        text: The place, as written.
        span: ``(start, end)`` of the place in the text.
        words: The place's words, casefolded.
        region: The region's word, casefolded, without its dot (``"calif"``).
    """

    text: str
    span: tuple[int, int]
    words: tuple[str, ...]
    region: str


_PLACE_RE = re.compile(r"\b(?P<place>[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){0,2}),\s(?P<region>[A-Z][a-z]{3,}|[A-Z]{4,})\b")


def find_places(text: str) -> list[Place]:
    """Places of several words followed by a comma and a region.

    >>> [(p.text, p.region) for p in find_places("SAN JOSE, Calif. — A jury in San Juan, California ruled.")]
    [('SAN JOSE', 'calif'), ('San Juan', 'california')]
    """
    return [
        Place(
            m.group("place"),
            m.span("place"),
            tuple(name_key(w) for w in m.group("place").split()),
            m.group("region").casefold(),
        )
        for m in _PLACE_RE.finditer(text)
        if " " in m.group("place")
    ]


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
    return Facts(
        numbers=tuple(_not_times(_undated(_numbers(text), dates), text)),
        dates=tuple(dates),
        names=tuple(_names(text, text if context is None else context)),
        quotes=tuple(find_quotes(text)),
    )


def _undated(numbers: Sequence[Number], dates: Sequence[Date]) -> list[Number]:
    """The numbers that are not part of a date ("July 18, 2023")."""
    return [n for n in numbers if not any(d.span[0] < n.span[1] and n.span[0] < d.span[1] for d in dates)]


def _not_times(numbers: Sequence[Number], text: str) -> list[Number]:
    times = [match.span() for match in _TIME_RE.finditer(text)]
    return [n for n in numbers if not any(a <= n.span[0] < b for a, b in times)]


def find_numbers(text: str) -> list[Number]:
    """The numbers of ``text`` with their unit, dates left out (cheaper than :func:`extract_facts`).

    >>> [(n.value, n.unit) for n in find_numbers("On July 18, 2023, the quake killed 296 people.")]
    [(296.0, 'people')]
    """
    return _not_times(_undated(_numbers(text), _dates(text)), text)


def fact_keys(text: str) -> frozenset[str]:
    """The facts of ``text`` as comparable keys: what "shared facts" counts.

    Numbers with their unit (``"3 day"``), dates (``"weekday:tuesday"``) and names (each word
    of a name, as :func:`~reader.language.name_key` gives it); quotes are left out, since
    two reports quote the same speaker with different words.

    >>> sorted(fact_keys("Officials said Kerry met Wang Yi on Tuesday for three days of talks."))
    ['3 day', 'kerry', 'wang', 'weekday:tuesday', 'yi']
    """
    facts = extract_facts(text)
    keys = {f"{number.value:g} {number.unit}".rstrip() for number in facts.numbers}
    keys.update(f"{date.granularity}:{date.value}" for date in facts.dates)
    keys.update(token for name in facts.names for token in name.tokens)
    return frozenset(keys)


# Tallies of an outcome -------------------------------------------------------------------

OUTCOMES: tuple[tuple[str, str], ...] = (
    ("not guilty", r"not\s+guilty\s+(?:on|of|in)|acquitted\s+(?:on|of|in)|cleared\s+(?:on|of)"),
    ("guilty", r"guilty\s+(?:on|of|in)|convicted\s+(?:on|of|in)"),
    (
        "no verdict",
        r"(?:no|(?:(?:did|could|would)\s*n(?:o|[’'])t|not|unable\s+to|failed\s+to)\s+(?:reach|return)\s+an?)"
        r"\s+(?:unanimous\s+)?verdicts?\s+on|deadlocked\s+on|hung\s+on",
    ),
)
"""Outcomes a court reports as a count of charges, each in the ways news copy words it: an
acquittal is "acquitted of" or "found not guilty on", a conviction "convicted of" or "guilty
on", a hung count "deadlocked on" or "no verdict on"."""

TALLY_NOUNS = r"counts?|charges?|felon(?:y|ies)|offen[cs]es?|crimes?"
"""What an outcome's figure counts (folded by :data:`~reader.language.UNIT_SYNONYMS`)."""

_FIGURE = r"\d{1,3}|" + "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True))
_OUTCOME_RE = re.compile(
    "|".join(rf"(?P<o{number}>\b(?:{words})\b)" for number, (_, words) in enumerate(OUTCOMES)), re.IGNORECASE
)
_OUTCOME_WORDS = ("guilty", "acquitted", "cleared", "convicted", "verdict", "deadlocked", "hung")
"""A word every outcome's wording holds (checked before the pattern, which is slower)."""
_TALLY_FIRST_RE = re.compile(
    rf"\s+(?:(?:the|all|remaining|other|those|these)\s+){{0,2}}(?P<figure>{_FIGURE})"
    rf"(?:\s+(?:out\s+)?of\s+(?:the\s+)?(?:{_FIGURE}))?"
    rf"(?P<modifiers>(?:\s+[a-z][a-z\-]*){{0,2}}?)\s+(?P<noun>{TALLY_NOUNS})\b",
    re.IGNORECASE,
)
_TALLY_MORE_RE = re.compile(
    rf"\s+and\s+(?:also\s+)?(?P<figure>{_FIGURE}|another|a\s+further)"
    rf"(?P<modifiers>(?:\s+[a-z][a-z\-]*){{0,2}}?)\s+(?P<noun>{TALLY_NOUNS})\b"
    r"(?!\s+(?:was|were|is|are|had|have|has|will|would|remain|remained|went)\b)",
    re.IGNORECASE,
)
"""Another figure of the same outcome: "… and one count of conspiracy", "… and another
count"; not "… and three counts were dropped" (a clause of its own)."""
_CLAUSE_STOP_RE = re.compile(r"[;:.!?—–()]|\bincluding\b|\bbut\b|\bwhile\b|\bwhereas\b|\bwith\b", re.IGNORECASE)
"""Where an outcome's figures end: "acquitted of three charges, including one …" lists
parts of the three, not more of them."""
_TALLY_REACH = 120
"""Characters after an outcome's first figure in which another figure may add to it."""
_NEGATION_BEFORE_RE = re.compile(r"\bnot\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Tally:
    """How many charges one outcome went to, the figures of one clause added up: "found not
    guilty on three charges of fraud and one count of conspiracy" is 4 counts "not guilty".

    Attributes:
        text: From the outcome's words to the last figure's noun.
        span: ``(start, end)`` of ``text``.
        outcome: One of :data:`OUTCOMES`' names.
        unit: What is counted, singular, synonyms folded (``"count"``).
        value: The figures' sum.
        relative: Whether the first figure is said to come on top of others ("three more
            counts", "three additional charges"): on top of what the text said before.
        subject: The names before the outcome in its sentence, casefolded (who it is about).
        figures: How many figures were added up.
    """

    text: str
    span: tuple[int, int]
    outcome: str
    unit: str
    value: float
    relative: bool = False
    subject: frozenset[str] = frozenset()
    figures: int = 1


def _figure_value(word: str) -> float:
    word = " ".join(word.lower().split())
    if word in ("another", "a further"):
        return 1.0
    return float(word) if word.isdigit() else float(SMALL_NUMBERS[word])


def _tally_unit(noun: str) -> str:
    unit = singular(noun.lower())
    unit = {"felonie": "felony", "offense": "offence"}.get(unit, unit)
    return UNIT_SYNONYMS.get(unit, unit)


def find_tallies(text: str) -> list[Tally]:
    """The outcomes of ``text`` stated as a count of charges, each with its figures added up.

    Figures joined by "and" in the outcome's clause add up ("guilty on three counts of wire
    fraud and one count of conspiracy" is 4); a list after "including", a colon or a dash
    breaks the first figure down and adds nothing.

    >>> [(t.outcome, t.value, t.unit) for t in find_tallies(
    ...     "She was found not guilty on three additional charges of fraud and one charge of conspiracy.")]
    [('not guilty', 4.0, 'count')]
    >>> [(t.outcome, t.value) for t in find_tallies(
    ...     "Holmes was acquitted of three charges, including one conspiracy and two charges of fraud.")]
    [('not guilty', 3.0)]
    """
    found: list[Tally] = []
    lower = text.lower()
    if not any(word in lower for word in _OUTCOME_WORDS):
        return found  # most paragraphs state no outcome: skip the slower pattern
    for match in _OUTCOME_RE.finditer(text):
        outcome = OUTCOMES[int(next(name for name, value in match.groupdict().items() if value)[1:])][0]
        if outcome == "guilty" and _NEGATION_BEFORE_RE.search(text, max(0, match.start() - 8), match.start()):
            continue  # "not guilty": the pattern above reads it
        first = _TALLY_FIRST_RE.match(text, match.end())
        if not first:
            continue
        unit = _tally_unit(first.group("noun"))
        value = _figure_value(first.group("figure"))
        end, figures = first.end(), 1
        stop = _CLAUSE_STOP_RE.search(text, end, end + _TALLY_REACH)
        limit = stop.start() if stop else min(len(text), end + _TALLY_REACH)
        while more := _find_more(text, end, limit):
            if _tally_unit(more.group("noun")) != unit:
                break
            value += _figure_value(more.group("figure"))
            end, figures = more.end(), figures + 1
        relative = any(word in COMPARATIVES for word in first.group("modifiers").lower().split())
        found.append(
            Tally(
                text[match.start() : end],
                (match.start(), end),
                outcome,
                unit,
                value,
                relative,
                _subject(text, match.start()),
                figures,
            )
        )
    return found


def _find_more(text: str, position: int, limit: int) -> re.Match[str] | None:
    """The next "and N charges" of an outcome's clause before ``limit``, with only the first
    figure's complement ("of wire fraud", "concerning defrauding patients") in between."""
    for match in _TALLY_MORE_RE.finditer(text, position, limit):
        between = text[position : match.start()]
        if re.search(r"\band\b", between, re.IGNORECASE):
            return None  # another "and" came first: that one joins something else
        return match
    return None


def _subject(text: str, position: int) -> frozenset[str]:
    """The capitalised words in the sentence before ``position`` (who an outcome is about).

    A sentence's first word counts too ("Balwani was acquitted"): the subject only ever
    keeps two tallies apart, so a common word taken for a name costs silence, not an alarm.
    """
    sentence_start = 0
    for start, end in sentence_spans(text):
        if start <= position < max(end, start + 1):
            sentence_start = start
            break
    words = list(FACT_WORD_RE.finditer(text, sentence_start, position))
    return frozenset(
        name_key(m.group()) for m in words if _is_name_word(m.group()) and m.group().casefold() not in PRONOUNS
    )


# Durations -------------------------------------------------------------------------------

TIME_UNITS = frozenset("minute hour day week month year".split())
"""Units of a duration that news copy states as a span of time."""

_SPAN_BEFORE_RE = re.compile(
    r"\b(?:for|after|lasted|lasting|lasts|last|continued|continuing|took|taking|spent|spending|over)"
    r"(?:\s+(?:an?|the))?\s*$",
    re.IGNORECASE,
)
_COMPOUND_SPAN_AFTER_RE = re.compile(r"^(?:-long\b|\s+long\b|\s+[a-z]{3,}\b)")
"""After "six-hour": "long" or a noun ("a six-hour outage", "a three-month-long trial")."""
_OF_SPAN_AFTER_RE = re.compile(r"^\s+of\s+(?!age\b)[a-z]")
"""After "three months": "of" and what filled them ("three months of testimony"; not "of age")."""
_NOT_SPAN_AFTER_RE = re.compile(
    r"^\s+(?:ago|later|earlier|after|before|into|from|since|in\b|old|on|away|apart|behind|ahead)\b", re.IGNORECASE
)


def is_duration_span(text: str, number: Number) -> bool:
    """Whether a figure states how long something lasted: a time unit written as a span
    ("lasted for nearly six hours", "after three months of testimony", "an almost four-month
    long trial", "a 15-week trial"), not a point in time ("three days later", "in two
    weeks", "two years ago") nor an age.

    >>> text = "The outage continued for 7 hours; it began two hours later, after a six-hour test."
    >>> [is_duration_span(text, n) for n in find_numbers(text)]
    [True, False, True]
    """
    unit = number.unit.rsplit(" ", 1)[-1]
    if unit not in TIME_UNITS or number.relative or number.ordinal:
        return False
    start, end = number.span
    after = text[end : end + 40]
    if _NOT_SPAN_AFTER_RE.match(after):
        return False
    if "-" in text[start:end]:
        return bool(_COMPOUND_SPAN_AFTER_RE.match(after))
    before = _strip_hedge(text[max(0, start - 40) : start])
    return bool(_SPAN_BEFORE_RE.search(before)) or bool(_OF_SPAN_AFTER_RE.match(after))


def span_cue(text: str, number: Number) -> str:
    """How a duration span is worded: the word before it ("for", "after", "lasted"), else
    ``"compound"`` ("a six-hour outage") or ``"of"`` ("six hours of outage").

    >>> text = "It lasted for nearly six hours after a six-hour test."
    >>> [span_cue(text, n) for n in find_numbers(text)]
    ['for', 'compound']
    """
    start, end = number.span
    if "-" in text[start:end]:
        return "compound"
    match = _SPAN_BEFORE_RE.search(_strip_hedge(text[max(0, start - 40) : start]))
    return match.group().split()[0].casefold() if match else "of"


def hedged_text(text: str, number: Number) -> str:
    """The figure as written with its hedge ("nearly six hours").

    >>> text = "It lasted for nearly six hours."
    >>> hedged_text(text, find_numbers(text)[0])
    'nearly six hours'
    """
    start, end = number.span
    before = text[max(0, start - 30) : start]
    stripped = _strip_hedge(before)
    return " ".join((before[len(stripped) :] + text[start:end]).split())


def _strip_hedge(before: str) -> str:
    """The text before a figure without the hedge that ends it ("for nearly" → "for")."""
    for _, pattern in _HEDGE_RES:
        if match := pattern.search(before):
            return before[: match.start() + (1 if match.group()[:1].isspace() else 0)]
    return before


# Days named relative to the text's own date ------------------------------------------------

_RELATIVE_DAY_RE = re.compile(
    r"\b(?P<words>(?:earlier |later )?today|tonight|this (?:morning|afternoon|evening)|yesterday"
    r"(?: (?:morning|afternoon|evening))?|last night)\b",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass(frozen=True)
class RelativeDay:
    """A day named from the writer's own day (``today``, ``yesterday``, ``last night``).

    Attributes:
        text: As written.
        span: ``(start, end)`` in the text it was found in.
        days_back: 0 for today, 1 for yesterday and last night.
    """

    text: str
    span: tuple[int, int]
    days_back: int

    def named_day(self, published: date) -> date:
        """The day meant, for a text written on ``published``."""
        return published - timedelta(days=self.days_back)


def find_relative_days(text: str) -> list[RelativeDay]:
    """The days ``text`` names from its writer's own day, outside quotes (a speaker's
    "today" is the speaker's day, not the page's).

    >>> [(d.text, d.days_back) for d in find_relative_days("It went down today, a day after it rose last night.")]
    [('today', 0), ('last night', 1)]
    """
    quoted = [quote.span for quote in find_quotes(text)]
    found = []
    for match in _RELATIVE_DAY_RE.finditer(text):
        if any(a <= match.start() < b for a, b in quoted):
            continue
        words = match.group("words").lower()
        days_back = 1 if words.startswith(("yesterday", "last")) else 0
        found.append(RelativeDay(match.group(), match.span(), days_back))
    return found


def trusted_date(published: str | None, text: str) -> date | None:
    """The day a document says it was written, when its own text does not contradict it: no
    year it names is later than the date's (a page dated 2020 that tells of 2023 carries
    another page's date, such as an archive's or a related article's)."""
    if not published:
        return None
    try:
        day = date.fromisoformat(published)
    except ValueError:
        return None
    if any(int(year) > day.year for year in _YEAR_RE.findall(text)):
        return None
    return day


def resolve_relative(day: RelativeDay, published: date) -> tuple[Date, Date]:
    """The weekday and the month-day date a relative day names, as two :class:`Date` at the
    relative words' span.

    >>> [d.value for d in resolve_relative(RelativeDay("yesterday", (0, 9), 1), date(2021, 10, 5))]
    ['monday', '10-04']
    """
    named = day.named_day(published)
    return (
        Date(day.text, day.span, "weekday", WEEKDAYS[named.weekday()]),
        Date(day.text, day.span, "day", f"{named.month:02d}-{named.day:02d}"),
    )
