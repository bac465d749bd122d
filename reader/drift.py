"""Fact drift: where two sources disagree on the checkable facts of their aligned rows.

:func:`drift` walks the rows of a :class:`~reader.compare.Comparison` that have both sides,
reads each side's facts (:mod:`reader.facts`) and reports each disagreement with both
sources' wording. It then reads the sentence pairs of ``comparison.links`` as it reads a row,
and, under stricter rules, the facts of paragraphs in different rows (an outlet moved or
re-broke a sentence, or the aligner left a paragraph unpaired): figures of one quantity,
months of one event, names spelled two ways, quotes said as reported speech.

Every rule leans towards silence: a fact is compared only with a fact of the other side that
sits in a similar context (shared words around it), because fact-checkers hate false alarms.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from reader.compare import Comparison, compare  # noqa: F401 - compare is used by the doctests
from reader.corpus import Document
from reader.facts import (
    YEAR,
    Date,
    Facts,
    Name,
    Number,
    Quote,
    Tally,
    extract_facts,
    find_designations,
    find_places,
    find_numbers,
    find_quotes,
    find_relative_days,
    find_tallies,
    hedged_text,
    is_duration_span,
    resolve_relative,
    span_cue,
    trusted_date,
)
from reader.language import (
    FACT_STOPWORDS,
    FACT_WORD_RE,
    MONTHS,
    OTHER_REFERENT,
    SPEECH_VERBS,
    TITLES,
    UNIT_SYNONYMS,
    WEEKDAYS,
    content_stems,
    name_key,
    sentence_spans,
    short_stem,
)
from reader.pairwise import CompareFunction, Progress, compare_with_base
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

CONTEXT_WORDS = 8
"""Words of context shown on each side of a fact."""

_ELLIPSIS_RE = re.compile(r"\s*(?:…|\.\.\.)\s*")


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
        left_span: Where the fact is in ``comparison.side_text(row, "left")``; for an item
            found along a link or across rows (one paragraph a side, not the row's), where it
            is in that paragraph.
        right_span: Where it is in ``comparison.side_text(row, "right")``, or likewise.
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
        return frozenset(name_key(word) for word in FACT_WORD_RE.findall(self.text))

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
    return (
        ("… " if text[:start].strip() and text[start - 1] != "\n" else "")
        + body
        + (" …" if text[end:].strip() and text[end : end + 1] != "\n" else "")
    )


def _around(text: str, span: tuple[int, int], skip: frozenset[str] = frozenset()) -> set[str]:
    """Content stems of the words near a fact (the fact itself and ``skip`` left out)."""
    start, end = _window(text, span)
    stems = set(content_stems(text[start : span[0]])) | set(content_stems(text[span[1] : end]))
    return stems - skip


FactT = TypeVar("FactT")


def _paired_values(
    kind: str, row: int, left: _Side, right: _Side, candidates: Sequence[tuple[int, int, int, Any, Any]]
) -> list[Disagreement]:
    """One disagreement per best-first pair of differing values (numbers or dates): ``a → b``
    (with their hedges when the figures read the same: ``more than six hours → nearly six hours``)."""
    return [
        Disagreement(
            kind,
            row,
            _wording(left.text, a.span),
            _wording(right.text, b.span),
            f"{a.text} → {b.text}"
            if a.text != b.text or not isinstance(a, Number)
            else f"{hedged_text(left.text, a)} → {hedged_text(right.text, b)}",
            a.span,
            b.span,
        )
        for a, b in _pairs(candidates)
    ]


def _pairs(candidates: Sequence[tuple[int, Any, Any, FactT, FactT]]) -> list[tuple[FactT, FactT]]:
    """Best-first one-to-one pairing of ``(score, left position, right position, a, b)``;
    positions are anything hashable and ordered (an offset, or a paragraph and an offset)."""
    used_left: set[Any] = set()
    used_right: set[Any] = set()
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
    return set(content_stems(" ".join(text[end:].split()[:3])))


def _number_drift(
    row: int,
    left: _Side,
    right: _Side,
    left_everywhere: frozenset[tuple[float, bool]] = frozenset(),
    right_everywhere: frozenset[tuple[float, bool]] = frozenset(),
    left_numbers: Sequence[Number] = (),
    right_numbers: Sequence[Number] = (),
) -> list[Disagreement]:
    """Numbers of one side with no equal on the other that count the same thing in the same
    context: the same unit (when both have one) or the same nouns after them, words in common
    around them, and the same event next to them ("killed 296" against "killed 820").

    A value the other document states anywhere (``left_everywhere``, ``right_everywhere``:
    the values of each whole document) is no disagreement: that text agrees with it elsewhere;
    nor is a figure that a figure of the same unit in the other document allows
    (``left_numbers``, ``right_numbers``: "more than 400 ships" allows 422 ships). A
    difference ("two hours faster") is never held against an amount, and a figure of an
    outcome's tally ("acquitted of three charges") is left to :func:`_tallies_in_documents`,
    which knows what it counts and adds its parts up.
    """
    left_values = {(n.value, n.ordinal) for n in left.facts.numbers} | left_everywhere
    right_values = {(n.value, n.ordinal) for n in right.facts.numbers} | right_everywhere
    right_kinds, left_kinds = (
        _by_kind((*right.facts.numbers, *right_numbers)),
        _by_kind((*left.facts.numbers, *left_numbers)),
    )
    left_tallied, right_tallied = _tally_spans(left.text), _tally_spans(right.text)
    lonely_left = [
        n
        for n in left.facts.numbers
        if not n.relative
        and not _within(n.span, left_tallied)
        and _lonely(n, right_values, right_kinds.get(_quantity_kind(n), ()))
    ]
    lonely_right = [
        n
        for n in right.facts.numbers
        if not n.relative
        and not _within(n.span, right_tallied)
        and _lonely(n, left_values, left_kinds.get(_quantity_kind(n), ()))
    ]
    candidates = []
    for a in lonely_left:
        for b in lonely_right:
            if a.ordinal != b.ordinal or (a.unit == YEAR) != (b.unit == YEAR):
                continue
            measured = _same_dimension(a, b) and (a.unit == b.unit or _converts(a))
            a_unit, b_unit = UNIT_SYNONYMS.get(a.unit, a.unit), UNIT_SYNONYMS.get(b.unit, b.unit)
            if a_unit and b_unit and a_unit != b_unit and not measured:
                continue
            counted = (
                measured
                or (a_unit and a_unit == b_unit)
                or bool(_noun_window(left.text, a.span[1]) & _noun_window(right.text, b.span[1]))
            )
            generic = a.unit in ("", YEAR, "percent")
            if not counted and not (a.unit == b.unit and generic):
                continue
            if _other_referent(left.text, a) != _other_referent(right.text, b):
                continue  # "the 200,000-tonne sister ship" is not the ship
            if _agree(a, b):
                continue  # "more than 400 ships" and "422 ships" agree; "at least 800" and "at least 1,000" do not
            if generic and not _event(left.text, a.span) & _event(right.text, b.span):
                continue
            shared = len(_around(left.text, a.span) & _around(right.text, b.span))
            if shared >= (2 if generic else 1):
                candidates.append((shared, a.span[0], b.span[0], a, b))
    return _paired_values("number", row, left, right, candidates)


def _other_referent(text: str, number: Number) -> bool:
    """Whether the figure is about another thing of the kind: "the 200,000 tonne sister
    ship", "another 12 boys" (:data:`~reader.language.OTHER_REFERENT` next to it).

    >>> from reader.facts import find_numbers
    >>> text = "the 200,000 tonne sister ship"
    >>> _other_referent(text, find_numbers(text)[0])
    True
    """
    after = FACT_WORD_RE.findall(text[number.span[1] : number.span[1] + 40])[:2]
    before = FACT_WORD_RE.findall(text[max(0, number.span[0] - 20) : number.span[0]])[-1:]
    return any(word.casefold() in OTHER_REFERENT for word in (*before, *after))


CONVERSION_TOLERANCE = 0.05
"""Share of a value by which two figures in different units of one dimension may differ and
agree (conversions are rounded: "400-meter (430-yard)")."""


def _same_dimension(a: Number, b: Number) -> bool:
    """Whether both figures are measures of one dimension (a length, a duration, a mass)."""
    a_measure, b_measure = a.measure, b.measure
    return a_measure is not None and b_measure is not None and a_measure[0] == b_measure[0]


CONVERTED_DIMENSIONS = frozenset({"length", "mass", "area"})
"""Dimensions that outlets convert between unit systems ("31 miles", "50 km"). A duration in
hours and one in days are two spans of time ("spent 11 hours", "over two days"), not one
converted, so durations disagree only in one unit (they may agree across units)."""


def _converts(number: Number) -> bool:
    return number.measure is not None and number.measure[0] in CONVERTED_DIMENSIONS


def _comparable(a: Number, b: Number) -> bool:
    """Whether two figures count or measure the same kind of thing: one unit (or synonyms),
    or units of one dimension."""
    if a.ordinal != b.ordinal or (a.unit == YEAR) != (b.unit == YEAR):
        return False
    return _same_dimension(a, b) or UNIT_SYNONYMS.get(a.unit, a.unit) == UNIT_SYNONYMS.get(b.unit, b.unit)


def _agree(a: Number, b: Number) -> bool:
    """Whether two comparable figures can both be true, as their hedges read.

    Two figures hedged alike are two claims of the figure itself ("at least 800" and "at
    least 1,000" disagree); otherwise the ranges they allow must meet ("more than 400" and
    422; "nearly six hours" and "7 hours" do not). Figures in two units of one dimension are
    converted, with :data:`CONVERSION_TOLERANCE` and half a unit of rounding.

    >>> from reader.facts import find_numbers
    >>> first = lambda text: find_numbers(text)[0]
    >>> _agree(first("more than 400 ships"), first("422 ships")), _agree(first("at least 800 dead"), first("at least 1,000 dead"))
    (True, False)
    >>> _agree(first("some 31 miles away"), first("62 kilometres away")), _agree(first("a 400-meter ship"), first("a 430-yard ship"))
    (False, True)
    """
    converted = a.unit != b.unit and _same_dimension(a, b)
    if not converted:
        if a.hedge == b.hedge:
            return a.value == b.value
        (a_low, a_high), (b_low, b_high) = a.bounds(), b.bounds()
        if a.hedge and b.hedge and _touch_only_where_excluded(a, b):
            return False  # "more than six hours" and "nearly six hours"
        return a_low <= b_high and b_low <= a_high
    (a_low, a_high), (b_low, b_high) = _converted_bounds(a), _converted_bounds(b)
    return a_low <= b_high and b_low <= a_high


def _touch_only_where_excluded(a: Number, b: Number) -> bool:
    """Whether two hedged figures' ranges meet at one value only, which a strict hedge leaves
    out: "more than six" (above 6) and "nearly six" (under 6) cannot both be true; "at least
    six" and "up to six" can (exactly six).

    >>> from reader.facts import find_numbers
    >>> first = lambda text: find_numbers(text)[0]
    >>> _touch_only_where_excluded(first("more than six hours"), first("nearly six hours"))
    True
    >>> _touch_only_where_excluded(first("at least six hours"), first("up to six hours"))
    False
    """
    (a_low, a_high), (b_low, b_high) = a.bounds(), b.bounds()
    if a_high == b_low:
        return a.strict or b.strict
    if b_high == a_low:
        return a.strict or b.strict
    return False


def _converted_bounds(number: Number) -> tuple[float, float]:
    low, high = number.bounds(CONVERSION_TOLERANCE)
    if number.hedge == "" and number.measure is not None:
        half_unit = 0.5 * number.measure[1] / number.value if number.value else 0.0
        low, high = min(low, number.measure[1] - half_unit), max(high, number.measure[1] + half_unit)
    return low, high


_OPEN_ENDED = frozenset({"at least", "at most"})

ONE_QUANTITY_MOST = 12
"""More figures of one unit than this are many quantities, not one stated in several wordings."""


def _lonely(
    number: Number, values: frozenset[tuple[float, bool]] | set[tuple[float, bool]], others: Sequence[Number]
) -> bool:
    """Whether nothing in the other document agrees with the figure: no equal value (for a
    length, mass, area or duration: no equal measure), and no comparable figure (same unit or
    dimension) whose range allows it (an open-ended figure, "over 50 hours", only in the same
    unit). When the other document states the quantity once, in several wordings, its flat
    figure is the one to agree with."""
    if number.measure is None and (number.value, number.ordinal) in values:
        return False  # a measure is agreed only by a measure: "four charges" is not "four months"
    comparable = [
        other
        for other in others
        if not other.relative
        and _comparable(number, other)
        and not (other.unit != number.unit and {other.hedge, number.hedge} & _OPEN_ENDED)
    ]  # "over 50 hours" says nothing of a trial of "almost four months"
    flat = [other for other in comparable if not other.hedge]
    if (
        flat
        and len(comparable) <= ONE_QUANTITY_MOST
        and all(_agree(x, y) for x in comparable for y in comparable if x is not y)
    ):
        comparable = flat  # one quantity, stated flat somewhere: "six-hour outage" beats "more than six hours"
    return not any(_agree(number, other) for other in comparable)


_DATE_WORDS = frozenset(short_stem(word) for word in (*WEEKDAYS, *MONTHS))


_CLAUSE_END_RE = re.compile(r"[,;:—–()“”\"]|[.!?](?:\s|$)")


def _event(text: str, span: tuple[int, int]) -> set[str]:
    """What a date dates: the content words next to it in its clause (three before, two
    after), or the three after it when it opens its clause ("On Friday, the quake struck").

    >>> sorted(_event("The quake struck on Friday night, officials said.", (19, 25)))
    ['night', 'quak', 'struck']
    >>> sorted(_event("On Friday, the quake struck.", (3, 9)))
    ['quak', 'struck']
    """
    before = _CLAUSE_END_RE.split(text[max(0, span[0] - 200) : span[0]])[-1]
    after_text = text[span[1] : span[1] + 200]
    clause_after = _CLAUSE_END_RE.split(after_text)
    stems_before = content_stems(before)[-3:]
    stems_after = content_stems(clause_after[0])[:2]
    if not stems_before and not stems_after:
        sentence = re.split(r"[.!?](?:\s|$)", after_text)[0]
        stems_after = content_stems(sentence)[:3]
    return (set(stems_before) | set(stems_after)) - _DATE_WORDS


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
            if shared >= 2 and _event(left.text, a.span) & _event(right.text, b.span):
                candidates.append((shared, a.span[0], b.span[0], a, b))
    return _paired_values("date", row, left, right, candidates)


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
    if len(a) == len(b) and a[:-1] == b[:-1]:
        return False  # "airlines" and "airliner": another ending, not a misspelt name
    distance = OSA.distance(a, b, score_cutoff=2)
    return (distance == 1 and len(shorter) >= 5) or (distance == 2 and len(shorter) >= 9)


def _name_drift(row: int, left: _Side, right: _Side) -> list[Disagreement]:
    left_keys, right_keys = left.keys, right.keys
    found: list[Disagreement] = []
    seen: set[tuple[str, str]] = set()
    for a in left.facts.names:
        for a_key in a.tokens:
            if a_key in right_keys or a_key in FACT_STOPWORDS:
                continue
            for b in right.facts.names:
                for b_key in b.tokens:
                    if b_key in left_keys or (a_key, b_key) in seen or not _misspelt(a_key, b_key):
                        continue
                    seen.add((a_key, b_key))
                    found.append(
                        Disagreement(
                            "name",
                            row,
                            _wording(left.text, a.span),
                            _wording(right.text, b.span),
                            f"{a.text} → {b.text}",
                            a.span,
                            b.span,
                        )
                    )
    return found


_GLOSS_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
"""An editor's gloss inside a quote, "(name of their football club)": not the speaker's words."""


def _quote_words(text: str) -> list[str]:
    return list(_quote_word_tuple(text))


@lru_cache(maxsize=4096)
def _quote_stems(text: str) -> frozenset[str]:
    """Stems of a quote's words other than function words."""
    return frozenset(short_stem(word) for word in _quote_word_tuple(text) if word not in FACT_STOPWORDS)


@lru_cache(maxsize=4096)
def _quote_word_tuple(text: str) -> tuple[str, ...]:
    """The words of a quote, compared (read once per quote: quotes are held against many)."""
    return tuple(name_key(word) for word in FACT_WORD_RE.findall(fold_typography(_GLOSS_RE.sub(" ", text))))


@lru_cache(maxsize=4096)
def _content_stem_set(text: str) -> frozenset[str]:
    """:func:`content_stems` of a quote as a set (read once per quote, as its words are)."""
    return frozenset(content_stems(text))


def _trimmed(longer: str, shorter: str) -> bool:
    """Whether ``shorter`` is ``longer`` cut down: a contiguous part, or parts in order
    joined by an ellipsis."""
    long_words = _quote_words(longer)
    pieces = [_quote_words(piece) for piece in _ELLIPSIS_RE.split(shorter)]
    pieces = [piece for piece in pieces if piece]
    if sum(len(piece) for piece in pieces) < 3 or sum(map(len, pieces)) >= len(long_words):
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


OVERLAP_WORDS = 4
"""Words in a row two quotes must share to be two cuts of one utterance."""


def _overlapping_cuts(a: list[str], b: list[str]) -> bool:
    """Whether two quotes are different cuts of one utterance: they share a run of at least
    :data:`OVERLAP_WORDS` words that is most of the shorter one, and neither is inside the other.

    >>> _overlapping_cuts("how sad i am to be giving up the job".split(), "sad to be giving up the best job in the world".split())
    True
    """
    if min(len(a), len(b)) < OVERLAP_WORDS:
        return False
    match = Levenshtein.opcodes(a, b)
    longest = max((op.src_end - op.src_start for op in match if op.tag == "equal"), default=0)
    return longest >= OVERLAP_WORDS and longest * 2 >= min(len(a), len(b))


def _relation(a: Quote, b: Quote) -> tuple[int, str] | None:
    """How two quotes relate: ``(rank, "same" | "trimmed" | "altered")``, or None."""
    a_words, b_words = _quote_words(a.text), _quote_words(b.text)
    if a_words == b_words:
        return 3, "same"
    if _trimmed(a.text, b.text) or _trimmed(b.text, a.text) or _overlapping_cuts(a_words, b_words):
        return 2, "trimmed"
    if min(len(a_words), len(b_words)) >= 3 and fuzz.ratio(" ".join(a_words), " ".join(b_words)) >= 85:
        return 1, "altered"  # a word or two misheard or mistyped: "brakes" for "breaks"
    shorter, longer = sorted((" ".join(a_words), " ".join(b_words)), key=len)
    if shorter.count(" ") >= 2 and len(longer) > len(shorter) and fuzz.partial_ratio(shorter, longer) >= 85:
        return 1, "altered"  # a cut of the longer quote with a word changed
    a_stems, b_stems = _content_stem_set(a.text), _content_stem_set(b.text)
    if min(len(a_words), len(b_words)) < 3 or not a_stems or not b_stems:
        return None
    overlap = len(a_stems & b_stems) / min(len(a_stems), len(b_stems))
    if (
        overlap >= 0.5
        and fuzz.ratio(" ".join(a_words), " ".join(b_words)) >= 60
        and not _same_opening_only(a_words, b_words)
    ):
        return 1, "altered"
    return None


DIVERGING_TAIL = 4
"""Words after a shared opening from which two quotes are two statements, not one altered."""


def _same_opening_only(a: list[str], b: list[str]) -> bool:
    """Whether two quotes share their opening words and then say different things, each for
    :data:`DIVERGING_TAIL` words or more, to different last words (content words in common
        later: under a third of the rest): two statements cast in one formula ("We're
        working to get things back to normal as quickly as possible, and we apologize …" and "…
        back to normal and will send an update here …"), not one quotation altered.

        >>> _same_opening_only("we are working to fix it and we apologize for the trouble".split(),
        ...                    "we are working to fix it and will post an update here soon".split())
        True
        >>> _same_opening_only("we can find a proper solution to any problems".split(),
        ...                    "we can find a good solution to all problems".split())
        False
    """
    opcodes = [op for op in Levenshtein.opcodes(a, b)]
    if not opcodes or opcodes[0].tag != "equal":
        return False
    opening = opcodes[0].src_end
    tail = min(len(a), len(b)) - opening
    kept_later = sum(
        word not in FACT_STOPWORDS for op in opcodes[1:] if op.tag == "equal" for word in a[op.src_start : op.src_end]
    )
    return tail >= DIVERGING_TAIL and a[-1] != b[-1] and kept_later * 3 < tail


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
    return bool({name_key(w) for w in a.split()} & {name_key(w) for w in b.split()})


_REPORTED_SPEECH_RE = re.compile(
    rf"\b(?:{SPEECH_VERBS}|say|tell|according to|statement|commentary|announce[sd]?|reportedly|viewed|described"
    rf"|called|claimed|confirmed|admitted|denied|believes?|suggested|maintained|reiterated|expressed|assured"
    rf"|pledged|vowed|promised|reaffirmed|highlighted|indicated|agreed|hoped|welcomed|accused|praised)\b",
    re.IGNORECASE,
)
"""What makes a sentence reported speech: a verb of saying (or "according to")."""


def _paraphrase(quote: Quote, other: _Side) -> tuple[tuple[int, int], int, int] | None:
    """The sentence of ``other`` that says the quote's words without quotation marks.

    The quote's content words must come close together in one unquoted sentence (within
    about twice the quote's length): at least two and half of them, or four and 40 %.

    Returns:
        ``(sentence span, content words found, content words of the quote)``, or None.
    """
    wanted = set(content_stems(quote.text))
    if len(wanted) < 2:
        return None
    unquoted = other.unquoted()
    reach = 2 * len(wanted) + 2
    best: tuple[tuple[int, int], int, int] | None = None
    for span in sentence_spans(unquoted):
        if not _REPORTED_SPEECH_RE.search(unquoted[span[0] : span[1]]):
            continue  # a headline, a caption or an embedded post: no one is reported as saying it
        stems = content_stems(unquoted[span[0] : span[1]])
        found = max(
            (len(wanted.intersection(stems[i : i + reach])) for i in range(max(1, len(stems) - reach + 1))),
            default=0,
        )
        enough = (found >= 2 and found * 2 >= len(wanted)) or (found >= 4 and found * 5 >= 2 * len(wanted))
        if enough and (best is None or found > best[1]):
            best = (span, found, len(wanted))
    return best


class _QuoteIndex:
    """A document's quotes, with the answers of :meth:`holds` kept (a quote is asked about
    once per row it meets) and only the quotes that could relate looked at."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self.quotes = tuple(quotes)
        self._pool = _quote_pools([(0, quote) for quote in self.quotes])
        self._held: dict[Quote, bool] = {}

    def holds(self, quote: Quote) -> bool:
        """Whether the document quotes this, whole, cut or altered."""
        if quote not in self._held:
            self._held[quote] = any(_relation(quote, self.quotes[number]) for number in self._pool(quote))
        return self._held[quote]


def _quoted_anywhere(quote: Quote, quotes: _QuoteIndex) -> bool:
    """Whether ``quotes`` (a whole document's) hold this quote, whole, cut or altered."""
    return quotes.holds(quote)


def _quote_drift(
    row: int, left: _Side, right: _Side, left_quotes: _QuoteIndex, right_quotes: _QuoteIndex
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
            found.append(
                Disagreement(
                    "quote-paraphrased",
                    row,
                    _wording(left.text, a.span),
                    _sentence_wording(right.text, span),
                    f"quoted in left, unquoted in right ({count} of {total} words)",
                    a.span,
                    span,
                )
            )
    spun = _spun_pairs(
        left,
        right,
        [q for q in left.facts.quotes if not _quoted_anywhere(q, right_quotes)],
        [q for q in right.facts.quotes if q not in matched_right and not _quoted_anywhere(q, left_quotes)],
    )
    for a, b in spun:
        matched_right.add(b)
        found = [d for d in found if not (d.kind == "quote-paraphrased" and d.left_span == a.span)]
        found.extend(_matched_quote(row, left, right, a, b, "altered"))
    found, matched_left = _restated_or_moved(row, left, right, left_quotes, right_quotes, found, matched_right)
    for b in right.facts.quotes:
        if b in matched_right or _quoted_anywhere(b, left_quotes):
            continue
        if hit := _paraphrase(b, left):
            span, count, total = hit
            found.append(
                Disagreement(
                    "quote-paraphrased",
                    row,
                    _sentence_wording(left.text, span),
                    _wording(right.text, b.span),
                    f"quoted in right, unquoted in left ({count} of {total} words)",
                    span,
                    b.span,
                )
            )
    found.extend(_unmarked_or_reported(row, left, right, left_quotes, right_quotes, found, matched_left, matched_right))
    return found


SPUN_FRAME = 0.5
"""Share of the content words around two quotes (their sentences, quotes left out) that must
match for the quotes to count as one quotation with words swapped inside."""


def _frame(side: _Side, quote: Quote) -> set[str]:
    """Content stems of the sentence that holds ``quote``, every quote of the side left out."""
    unquoted = side.unquoted()
    for start, end in sentence_spans(side.text):
        if start <= quote.span[0] < end:
            return set(content_stems(unquoted[start : max(end, quote.span[1])]))
    return set()


def _spun_pairs(
    left: _Side, right: _Side, lefts: Sequence[Quote], rights: Sequence[Quote]
) -> list[tuple[Quote, Quote]]:
    """Quotes that sit in the same frame (the sentence around them says the same, the speaker
    is the same) but whose words differ too much to be an alteration by edit distance: a
    synonym-spun copy ("universal threat" → "universal fear").

    The two quotes must share a word, and at least a quarter of the longer one's words in
    order, so two different quotations of one speaker in one frame stay apart.
    """
    candidates = []
    for a in lefts:
        a_frame = _frame(left, a)
        for b in rights:
            if _relation(a, b) is not None:
                continue
            if a.speaker and b.speaker and not _same_speaker(a.speaker, b.speaker):
                continue
            b_frame = _frame(right, b)
            if len(a_frame) < 2 or len(b_frame) < 2:
                continue
            frame = len(a_frame & b_frame) / min(len(a_frame), len(b_frame))
            a_words, b_words = _quote_words(a.text), _quote_words(b.text)
            kept = sum(op.src_end - op.src_start for op in Levenshtein.opcodes(a_words, b_words) if op.tag == "equal")
            if (
                frame >= SPUN_FRAME
                and kept
                and kept * 4 >= max(len(a_words), len(b_words))
                and not _same_opening_only(a_words, b_words)
            ):
                candidates.append((int(frame * 100) + kept, a.span[0], b.span[0], a, b))
    return _pairs(candidates)


# Quotes restated, given without marks, or reported by their speaker ----------------------


def _speaker_names(speaker: str | None) -> frozenset[str]:
    """The words of a speaker's name, titles left out ("Mr Johnson" is Johnson)."""
    if not speaker:
        return frozenset()
    return frozenset(
        key for word in FACT_WORD_RE.findall(speaker) if (key := name_key(word)) not in TITLES | FACT_STOPWORDS
    )


def _kept_in_order(a: Sequence[str], b: Sequence[str]) -> int:
    """Words of ``a`` that ``b`` keeps, in order (the equal runs of their word alignment)."""
    return sum(op.src_end - op.src_start for op in Levenshtein.opcodes(a, b) if op.tag == "equal")


_DOUBLED_END_RE = re.compile(r"([b-df-hj-np-tv-z])\1$")


def _undoubled(stems: frozenset[str]) -> frozenset[str]:
    """Stems with a doubled last consonant undone, so that *stopping* (``stopp``) meets *stop*."""
    return frozenset(_DOUBLED_END_RE.sub(r"\1", stem) for stem in stems)


RESTATED_STEMS = 3
"""Content words a quote must share with one sentence of another quote of its speaker for the
two to count as one statement worded two ways."""


def _restated(a: Quote, b: Quote) -> bool:
    """Whether two quotes of one named speaker are one statement worded two ways (two
    translations, or a rewrite's own wording), the shorter against one sentence of the longer:
    they share :data:`RESTATED_STEMS` content words and half the shorter's, and keep half of
    its words in order.

    >>> _restated(Quote("we are not sure we can stop the fire spreading", (0, 1), "Chief Li"),
    ...           Quote("We need help. We are not sure if we will be able to stop the fire spreading.", (2, 3), "Li"))
    True
    """
    if not (_speaker_names(a.speaker) & _speaker_names(b.speaker)):
        return False
    shorter, longer = sorted((a, b), key=lambda quote: len(_quote_words(quote.text)))
    short_words, short_stems = _quote_words(shorter.text), _undoubled(_content_stem_set(shorter.text))
    if len(short_stems) < RESTATED_STEMS:
        return False
    for start, end in sentence_spans(longer.text):
        piece = longer.text[start:end]
        shared = len(short_stems & _undoubled(_content_stem_set(piece)))
        if (
            shared >= RESTATED_STEMS
            and shared * 2 >= len(short_stems)
            and _kept_in_order(short_words, _quote_words(piece)) * 2 >= len(short_words)
        ):
            return True
    return False


def _restated_pairs(lefts: Sequence[Quote], rights: Sequence[Quote]) -> list[tuple[Quote, Quote]]:
    """Quotes of one row that :func:`_restated` pairs, each at most once, best first."""
    candidates = [
        (_kept_in_order(_quote_words(a.text), _quote_words(b.text)), a.span[0], b.span[0], a, b)
        for a in lefts
        for b in rights
        if _relation(a, b) is None and _restated(a, b)
    ]
    return _pairs(candidates)


UNMARKED_RUN = 8
"""Words in a row of a quote that the other side must give, unquoted, for the quote to count
as given without quotation marks (an embedded post or a block quotation)."""


def _unmarked(quote: Quote, other: _Side) -> tuple[tuple[int, int], int, int] | None:
    """The sentence of ``other`` that gives a run of :data:`UNMARKED_RUN` words or more of the
    quote word for word but outside quotation marks, with or without a verb of saying. The run
    must be three quarters of the quote or of the sentence: two statements that open with one
    formula ("We're working to get things back to normal …") share a long run too.

    Returns:
        ``(sentence span, words in the run, words of the quote)``, or None.
    """
    words = _quote_words(quote.text)
    if len(words) < UNMARKED_RUN:
        return None
    unquoted = other.unquoted()
    best: tuple[tuple[int, int], int, int] | None = None
    for span in sentence_spans(unquoted):
        if _inside_marks(other.text, span):
            continue
        sentence = _quote_words(unquoted[span[0] : span[1]])
        run = max(
            (op.src_end - op.src_start for op in Levenshtein.opcodes(words, sentence) if op.tag == "equal"), default=0
        )
        whole = run * 4 >= 3 * min(len(words), len(sentence))  # one passage, not a shared formula
        if run >= UNMARKED_RUN and whole and (best is None or run > best[1]):
            best = (span, run, len(words))
    return best


_DOUBLE_MARK_RE = re.compile("[“”\"„«»]|''|``|,,")


def _unpaired_marks(text: str) -> bool:
    """Whether ``text`` holds a double quotation mark with no partner (a paragraph that opens or
    ends inside a quotation, or a typo): its quotes may be found between the wrong marks."""
    return text.count('"') % 2 == 1 or text.count("“") != text.count("”") or text.count("«") != text.count("»")


def _inside_marks(text: str, span: tuple[int, int]) -> bool:
    """Whether the sentence at ``span`` may be inside quotation marks: it has a double mark, or
    its text has a mark the quote finder could not pair (hard-wrapped prose whose quotations run
    over line breaks, a paragraph that starts inside a quotation). Then its words are not surely
    unquoted."""
    return bool(_DOUBLE_MARK_RE.search(text, span[0], span[1])) or _unpaired_marks(text)


def _sentence_of(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span of the sentence (or sentences) of ``text`` that hold ``span``."""
    start, end = span
    for a, b in sentence_spans(text):
        if a <= span[0] < b:
            start = a
        if a < span[1] <= b or (a <= span[1] - 1 < b):
            end = max(end, b)
    return start, end


MOVED_MARKS_SHARE = 0.75
"""Share of a quote's words the other side must say in order, in and around its own quote."""


def _marks_moved(a: Quote, a_text: str, b: Quote) -> bool:
    """Whether ``b`` quotes words that ``a``'s sentence says partly inside and partly outside
    ``a``'s marks: the same sentence with its quotation marks put around other words ("said it
    is “clearly the will” of the party" → "“the will of the party”"), a quote trimmed on one end
    and extended on the other.

    ``b`` needs four words or more, three quarters of them said in order by ``a``'s sentence
    within a stretch not much longer than ``b``, at least one inside ``a``'s marks and two
    content words outside them.

    >>> text = "Mr Lee said it is “clearly the will” of the party members to replace him."
    >>> _marks_moved(find_quotes(text)[0], text, Quote("will of the party members", (0, 1)))
    True
    """
    b_words = _quote_words(b.text)
    if len(b_words) < 4:
        return False
    start, end = _sentence_of(a_text, a.span)
    before = _quote_words(a_text[start : a.span[0]])
    inside = _quote_words(a.text)
    after = _quote_words(a_text[a.span[1] : end])
    window = [*before, *inside, *after]
    inner = range(len(before), len(before) + len(inside))
    matched = [
        op.dest_start + k
        for op in Levenshtein.opcodes(b_words, window)
        if op.tag == "equal"
        for k in range(op.src_end - op.src_start)
    ]
    if len(matched) < MOVED_MARKS_SHARE * len(b_words) or matched[-1] - matched[0] > len(b_words) + 2:
        return False
    outside_content = sum(position not in inner and window[position] not in FACT_STOPWORDS for position in matched)
    return any(position in inner for position in matched) and outside_content >= 2


def _moved_marks_pairs(
    left: _Side, right: _Side, lefts: Sequence[Quote], rights: Sequence[Quote]
) -> list[tuple[Quote, Quote]]:
    """Quotes of one row whose marks cover different words of one sentence (:func:`_marks_moved`,
    either way round), of one speaker when both name one."""
    pairs = []
    for a in lefts:
        for b in rights:
            if _relation(a, b) is not None or (
                a.speaker and b.speaker and not (_speaker_names(a.speaker) & _speaker_names(b.speaker))
            ):
                continue
            if _marks_moved(a, left.text, b) or _marks_moved(b, right.text, a):
                pairs.append((a, b))
    return pairs


REPORTED_FRAME = 0.5
"""Share of the content words of a quote's sentence (quote included) that the other side's
reported-speech sentence must hold for both to give one statement of one speaker, when it
says only one content word of the quote."""

REPORTED_CONTEXT = 3
"""Content words besides the speaker's name that the two sentences must then share ("spreading
… second tower and belfry"): one word of the quote and the speaker's name are not one statement
("the bridge will reopen" against "the bridge cost too much")."""


def _reported_by_speaker(quote: Quote, quoting: _Side, other: _Side) -> tuple[tuple[int, int], int, int] | None:
    """The sentence of ``other`` that reports the quote's speaker as saying, without quotation
    marks, what the quote says in other words ("Gallet said “we are not sure we can stop it”"
    → "Gallet said it was unclear if firefighters could stop it"): the speaker's name before a
    verb of saying, no quote in the sentence, and two content words of the quote after the
    verb, or one with :data:`REPORTED_FRAME` of the quote's sentence and
    :data:`REPORTED_CONTEXT` content words besides the name. Silent when ``other`` quotes the
    speaker in the row (those quotes are held against each other).

    Returns:
        ``(sentence span, content words of the quote said, content words of the quote)``, or None.
    """
    names = _speaker_names(quote.speaker)
    if not names or any(_speaker_names(q.speaker) & names for q in other.facts.quotes):
        return None
    statement = set(_statement_stems(quote))
    start, end = _sentence_of(quoting.text, quote.span)
    frame = set(content_stems(quoting.text[start:end])) - {"said"}
    if not statement or len(frame) < 4:
        return None
    best: tuple[tuple[int, int], int, int] | None = None
    for span in sentence_spans(other.text):
        if any(span[0] <= q.span[0] < span[1] for q in other.facts.quotes):
            continue
        sentence = other.text[span[0] : span[1]]
        verb = _SPEECH_VERB_RE.search(sentence)
        if verb is None or not names & _subject_words(sentence[: verb.start()]):
            continue
        said = statement.intersection(content_stems(sentence[verb.end() :]))
        stems = set(content_stems(sentence)) - {"said"}
        share = len(frame & stems) / min(len(frame), len(stems)) if stems else 0.0
        context = frame & stems - {short_stem(name) for name in names}
        one_statement = len(said) >= 2 or (said and share >= REPORTED_FRAME and len(context) >= REPORTED_CONTEXT)
        if one_statement and (best is None or len(said) > best[1]):
            best = (span, len(said), len(statement))
    return best


_SPEECH_VERB_RE = re.compile(rf"\b(?:{SPEECH_VERBS})\b")

SUBJECT_WORDS = 6
"""Words before a verb of saying in which its speaker is looked for."""


def _subject_words(before_verb: str) -> frozenset[str]:
    """The words that can name who speaks: the last :data:`SUBJECT_WORDS` before the verb, in
    its clause (after the last ``;`` or ``:``), so that "Wang met Kerry; both sides said" does
    not make Wang the speaker.

    >>> sorted(_subject_words("Wang met Kerry in Beijing; both sides "))
    ['both', 'sides']
    """
    clause = re.split(r"[;:]", before_verb)[-1]
    return frozenset(name_key(word) for word in FACT_WORD_RE.findall(clause)[-SUBJECT_WORDS:])


def _restated_or_moved(
    row: int,
    left: _Side,
    right: _Side,
    left_quotes: _QuoteIndex,
    right_quotes: _QuoteIndex,
    found: list[Disagreement],
    matched_right: set[Quote],
) -> tuple[list[Disagreement], set[Quote]]:
    """The row's quotes that no edit-distance relation pairs but that are one statement: worded
    two ways by one speaker (:func:`_restated`, reported as altered) or quoted with the marks
    around other words of one sentence (:func:`_marks_moved`, reported as trimmed). A pair
    replaces what the row said of its left quote as paraphrased. ``matched_right`` grows.

    Returns:
        The row's items so far, and the left quotes now paired with a right quote.
    """
    matched_left = {a for a in left.facts.quotes if any(_relation(a, b) for b in right.facts.quotes)}
    lefts = [a for a in left.facts.quotes if a not in matched_left and not _quoted_anywhere(a, right_quotes)]
    rights = [b for b in right.facts.quotes if b not in matched_right and not _quoted_anywhere(b, left_quotes)]
    paired = [(a, b, "altered") for a, b in _restated_pairs(lefts, rights)]
    taken = {quote for a, b, _ in paired for quote in (a, b)}
    paired += [
        (a, b, "trimmed")
        for a, b in _moved_marks_pairs(left, right, lefts, rights)
        if a not in taken and b not in taken
    ]
    for a, b, how in paired:
        if a in matched_left or b in matched_right:
            continue  # a quote met by several (the moved-marks pairs are not exclusive)
        matched_left.add(a)
        matched_right.add(b)
        found = [d for d in found if not (d.kind == "quote-paraphrased" and d.left_span == a.span)]
        found.extend(_matched_quote(row, left, right, a, b, how))
    return found, matched_left


def _unmarked_or_reported(
    row: int,
    left: _Side,
    right: _Side,
    left_quotes: _QuoteIndex,
    right_quotes: _QuoteIndex,
    found: Sequence[Disagreement],
    matched_left: set[Quote],
    matched_right: set[Quote],
) -> list[Disagreement]:
    """The row's quotes still unpaired and not reported as paraphrased that the other side
    gives word for word without quotation marks (:func:`_unmarked`; a quote-trimmed item when
    the quote and the unquoted passage are cut differently) or reports as its speaker's words
    (:func:`_reported_by_speaker`), as quote-paraphrased items."""
    spoken = {d.left_span for d in found} | {d.right_span for d in found}
    items: list[Disagreement] = []
    for quoting, other, quotes, matched, side in (
        (left, right, right_quotes, matched_left, "left"),
        (right, left, left_quotes, matched_right, "right"),
    ):
        for quote in quoting.facts.quotes:
            if quote in matched or quote.span in spoken or _quoted_anywhere(quote, quotes):
                continue
            other_side = "right" if side == "left" else "left"
            kind = "quote-paraphrased"
            if hit := _unmarked(quote, other):
                span, count, total = hit
                detail = f"quoted in {side}, unquoted in {other_side} ({count} of {total} words verbatim)"
                if count < max(total, len(_quote_words(other.text[span[0] : span[1]]))):
                    # The other side gives a passage (a post, a statement) as a block, and the
                    # quote takes a different cut of it: more a trimmed quote than a paraphrase.
                    kind = "quote-trimmed"
            elif hit := _reported_by_speaker(quote, quoting, other):
                span, count, total = hit
                detail = f"quoted in {side}, reported speech in {other_side} ({count} of {total} words)"
            else:
                continue
            quoted, said = _wording(quoting.text, quote.span), _sentence_wording(other.text, span)
            if side == "left":
                items.append(Disagreement(kind, row, quoted, said, detail, quote.span, span))
            else:
                items.append(Disagreement(kind, row, said, quoted, detail, span, quote.span))
    return items


def _matched_quote(row: int, left: _Side, right: _Side, a: Quote, b: Quote, how: str) -> list[Disagreement]:
    found = []
    left_wording, right_wording = _wording(left.text, a.span), _wording(right.text, b.span)
    if how == "trimmed":
        a_count, b_count = len(_quote_words(a.text)), len(_quote_words(b.text))
        shorter, longer = ("right", "left") if b_count < a_count else ("left", "right")
        detail = f"{shorter} quotes {min(a_count, b_count)} of the {max(a_count, b_count)} words of {longer}"
        found.append(Disagreement("quote-trimmed", row, left_wording, right_wording, detail, a.span, b.span))
    elif how == "altered":
        found.append(
            Disagreement("quote-altered", row, left_wording, right_wording, _changes(a.text, b.text), a.span, b.span)
        )
    if a.speaker and b.speaker and not _same_speaker(a.speaker, b.speaker):
        found.append(
            Disagreement(
                "quote-attribution", row, left_wording, right_wording, f"{a.speaker} → {b.speaker}", a.span, b.span
            )
        )
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
    left_quotes = _QuoteIndex(find_quotes(comparison.left.text))
    right_quotes = _QuoteIndex(find_quotes(comparison.right.text))
    left_numbers, right_numbers = _values(comparison.left), _values(comparison.right)
    left_all, right_all = _content_numbers(comparison.left), _content_numbers(comparison.right)
    for index, row in enumerate(comparison.rows):
        if row.boilerplate or row.kind == "same" or not row.left or not row.right:
            continue
        left_text, right_text = comparison.side_text(row, "left"), comparison.side_text(row, "right")
        left = _Side(left_text, extract_facts(left_text, context=comparison.left.text))
        right = _Side(right_text, extract_facts(right_text, context=comparison.right.text))
        found = [
            *_number_drift(index, left, right, left_numbers, right_numbers, left_all, right_all),
            *_date_drift(index, left, right),
            *_quote_drift(index, left, right, left_quotes, right_quotes),
        ]
        found.sort(key=lambda d: (d.left_span, d.right_span, KINDS.index(d.kind)))
        items.extend(replace(d, left_paragraphs=row.left, right_paragraphs=row.right) for d in found)
    items.extend(_quotes_across_rows(comparison))
    lefts, rights = _content_paragraphs(comparison, "left"), _content_paragraphs(comparison, "right")
    linked = frozenset((link.left, link.right) for link in comparison.links)
    items.extend(
        _across_rows_new(items, _linked_sentences(comparison, left_numbers, right_numbers, left_all, right_all))
    )
    items.extend(_across_rows_new(items, _numbers_across_rows(comparison, lefts, rights, linked)))
    items.extend(_names_in_documents(lefts, rights, linked))
    items.extend(_designations_in_documents(lefts, rights))
    items.extend(_places_in_documents(lefts, rights, items))
    items.extend(_across_rows_new(items, _dates_across_rows(lefts, rights)))
    items.extend(_relative_days_in_documents(comparison, lefts, rights))
    items.extend(_not_reported(items, _tallies_in_documents(lefts, rights)))
    items.extend(_not_reported(items, _durations_in_documents(lefts, rights, linked)))
    items.extend(_paraphrases_across_rows(items, lefts, rights, left_quotes, right_quotes))
    items.sort(key=lambda d: d.row)
    return items


# Facts across rows ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Paragraph:
    """A content paragraph with its facts (spans into the paragraph) and its row."""

    index: int
    row: int
    side: _Side


class _Located(Protocol):
    """A fact found in a paragraph: its words and where they are."""

    @property
    def text(self) -> str: ...

    @property
    def span(self) -> tuple[int, int]: ...


def _between(
    kind: str,
    lp: _Paragraph,
    a: _Located,
    rp: _Paragraph,
    b: _Located,
    *,
    detail: str | None = None,
    paragraphs: tuple[tuple[int, ...], tuple[int, ...]] | None = None,
) -> Disagreement:
    """An item between two paragraphs (along a link or across rows), spans into each paragraph;
    ``paragraphs`` names others than the two (a row's, when both are in one)."""
    return Disagreement(
        kind,
        max(lp.row, 0),
        _wording(lp.side.text, a.span),
        _wording(rp.side.text, b.span),
        detail or f"{a.text} → {b.text}",
        a.span,
        b.span,
        *(paragraphs or ((lp.index,), (rp.index,))),
    )


def _content_paragraphs(comparison: Comparison, side: str) -> list[_Paragraph]:
    document = comparison.left if side == "left" else comparison.right
    row_of = {i: number for number, row in enumerate(comparison.rows) for i in getattr(row, side)}
    return [
        _Paragraph(p.index, row_of.get(p.index, -1), _Side(p.text, extract_facts(p.text, context=document.text)))
        for p in document.paragraphs
        if not p.is_boilerplate and p.text.strip()
    ]


ACROSS_ROWS_SHARED = 2
"""Content words two sentences in different rows must share for their figures to be held
against each other, when the two documents state the quantity more than once."""


def _sentence_stems(text: str, span: tuple[int, int]) -> set[str]:
    """Content stems of the sentence that holds ``span`` (the figure itself left out)."""
    for start, end in sentence_spans(text):
        if start <= span[0] < end:
            return set(content_stems(text[start : span[0]])) | set(content_stems(text[span[1] : max(end, span[1])]))
    return set()


def _another_thing(text: str, span: tuple[int, int]) -> bool:
    """Whether the sentence of a figure speaks of another thing of the kind ("the Ever Globe,
    which at almost 400 metres, has similar dimensions"): in another row, too weak a match."""
    for start, end in sentence_spans(text):
        if start <= span[0] < end:
            return any(word.casefold() in OTHER_REFERENT for word in FACT_WORD_RE.findall(text[start:end]))
    return False


def _quantity_kind(number: Number) -> tuple[str, str]:
    """What a figure counts or measures: its dimension, or its unit (synonyms as one)."""
    measure = number.measure
    return ("dimension", measure[0]) if measure else ("unit", UNIT_SYNONYMS.get(number.unit, number.unit))


def _by_kind(numbers: Sequence[Number]) -> dict[tuple[str, str], list[Number]]:
    kinds: dict[tuple[str, str], list[Number]] = {}
    for number in numbers:
        kinds.setdefault(_quantity_kind(number), []).append(number)
    return kinds


def _across_checkable(number: Number) -> bool:
    """Figures worth holding against a figure in another row: an amount of a unit written in
    lowercase, more than one."""
    unit_word = FACT_WORD_RE.findall(number.text)[-1:]
    return (
        not number.relative
        and not number.ordinal
        and number.value != 1  # "one passenger each from Ireland": an article, not a count
        and bool(unit_word)
        and not unit_word[0][0].isupper()  # "one Thai Navy diver": a name follows, not a unit
        and number.unit not in ("", YEAR, "percent", "person", "people")
        and not number.unit.startswith(("$", "€", "£", "¥"))
    )


def _one_quantity(number: Number, numbers: Sequence[Number]) -> bool:
    """Whether every figure of the document in the figure's unit agrees with it: the document
    states that quantity once (in one or several wordings)."""
    comparable = [other for other in numbers if _comparable(number, other) and other is not number]
    return len(comparable) <= ONE_QUANTITY_MOST and all(_agree(number, other) or other.relative for other in comparable)


def _numbers_across_rows(
    comparison: Comparison,
    lefts: Sequence[_Paragraph],
    rights: Sequence[_Paragraph],
    linked: frozenset[tuple[int, int]],
) -> list[Disagreement]:
    """Figures of one quantity that the two sides state in paragraphs of different rows (an
    outlet re-broke or moved the sentence, or the aligner left the paragraph unpaired).

    Both figures must be of a named unit (or units of one dimension), disagree as their hedges
    read, be lonely (nothing in the other document agrees with either), and sit in sentences
    that share :data:`ACROSS_ROWS_SHARED` content words; one shared word is enough in linked
    paragraphs or when each document states that quantity only once.
    """
    left_numbers = [n for p in lefts for n in p.side.facts.numbers]
    right_numbers = [n for p in rights for n in p.side.facts.numbers]
    left_values = {(n.value, n.ordinal) for n in left_numbers}
    right_values = {(n.value, n.ordinal) for n in right_numbers}
    left_kinds, right_kinds = _by_kind(left_numbers), _by_kind(right_numbers)
    by_kind: dict[tuple[str, str], list[tuple[_Paragraph, Number, set[str]]]] = {}
    for rp in rights:
        tallied = _tally_spans(rp.side.text)
        for b in rp.side.facts.numbers:
            if _across_checkable(b) and not _within(b.span, tallied):
                by_kind.setdefault(_quantity_kind(b), []).append((rp, b, _sentence_stems(rp.side.text, b.span)))
    candidates = []
    for lp in lefts:
        tallied = _tally_spans(lp.side.text)
        for a in lp.side.facts.numbers:
            if (
                not _across_checkable(a)
                or _within(a.span, tallied)
                or _quantity_kind(a) not in by_kind
                or not _lonely(a, right_values, right_kinds.get(_quantity_kind(a), ()))
            ):
                continue
            a_stems = _sentence_stems(lp.side.text, a.span)
            for rp, b, b_stems in by_kind[_quantity_kind(a)]:
                if lp.row == rp.row and lp.row >= 0:
                    continue  # the row's own pass judged these
                if not _comparable(a, b) or _agree(a, b):
                    continue
                if _same_dimension(a, b) and a.unit != b.unit and not _converts(a):
                    continue
                if _another_thing(lp.side.text, a.span) or _another_thing(rp.side.text, b.span):
                    continue
                if not _lonely(b, left_values, left_kinds.get(_quantity_kind(b), ())):
                    continue
                shared = len(a_stems & b_stems)
                once = _one_quantity(a, left_kinds[_quantity_kind(a)]) and _one_quantity(
                    b, right_kinds[_quantity_kind(b)]
                )
                needed = 1 if (lp.index, rp.index) in linked or once else ACROSS_ROWS_SHARED
                if shared >= needed:
                    candidates.append(
                        (shared + 10 * once, (lp.index, a.span[0]), (rp.index, b.span[0]), (lp, a), (rp, b))
                    )
    found = []
    for (lp, a), (rp, b) in _pairs(candidates):
        found.append(_between("number", lp, a, rp, b))
    return found


def _linked_sentences(
    comparison: Comparison,
    left_values: frozenset[tuple[float, bool]],
    right_values: frozenset[tuple[float, bool]],
    left_numbers: Sequence[Number],
    right_numbers: Sequence[Number],
) -> list[Disagreement]:
    """Figures and dates of the sentence pairs that join paragraphs of different rows
    (``comparison.links``: a sentence re-broken into the next paragraph, or restated far
    away), held against each other as a row's are. Spans are into the paragraphs."""
    left_row = {i: number for number, row in enumerate(comparison.rows) for i in row.left}
    found: list[Disagreement] = []
    for link in comparison.links:
        left_paragraph = comparison.left.paragraphs[link.left].text
        right_paragraph = comparison.right.paragraphs[link.right].text
        left_text = left_paragraph[slice(*link.left_span)]
        right_text = right_paragraph[slice(*link.right_span)]
        left = _Side(left_text, extract_facts(left_text, context=comparison.left.text))
        right = _Side(right_text, extract_facts(right_text, context=comparison.right.text))
        row = left_row.get(link.left, 0)
        for item in (
            *_number_drift(row, left, right, left_values, right_values, left_numbers, right_numbers),
            *_date_drift(row, left, right),
        ):
            left_span = (item.left_span[0] + link.left_span[0], item.left_span[1] + link.left_span[0])
            right_span = (item.right_span[0] + link.right_span[0], item.right_span[1] + link.right_span[0])
            found.append(
                replace(
                    item,
                    left=_wording(left_paragraph, left_span),
                    right=_wording(right_paragraph, right_span),
                    left_span=left_span,
                    right_span=right_span,
                    left_paragraphs=(link.left,),
                    right_paragraphs=(link.right,),
                )
            )
    return found


PARAPHRASE_WINDOW = 5
"""Content words in a row of a quote that a sentence in another row must say, all but one,
to count as the quote turned into reported speech."""


def _statement_stems(quote: Quote) -> list[str]:
    """The quote's content stems in order, once each, names left out (a statement, not who
    is in it)."""
    lowercase = " ".join(word for word in FACT_WORD_RE.findall(quote.text) if not word[0].isupper())
    return list(dict.fromkeys(content_stems(lowercase)))


@dataclass(frozen=True)
class _ReportedSentence:
    """An unquoted sentence with a verb of saying, and its content stems."""

    paragraph: _Paragraph
    span: tuple[int, int]
    stems: frozenset[str]


def _reported_sentences(paragraphs: Sequence[_Paragraph]) -> dict[str, list[_ReportedSentence]]:
    """The reported-speech sentences of the paragraphs, by each content stem they hold."""
    index: dict[str, list[_ReportedSentence]] = {}
    for paragraph in paragraphs:
        unquoted = paragraph.side.unquoted()
        for span in sentence_spans(unquoted):
            sentence = unquoted[span[0] : span[1]]
            if not _REPORTED_SPEECH_RE.search(sentence):
                continue  # a headline, a caption or an embedded post: no one is reported as saying it
            reported = _ReportedSentence(paragraph, span, frozenset(content_stems(sentence)))
            for stem in reported.stems:
                index.setdefault(stem, []).append(reported)
    return index


def _paraphrased_part(
    quote: Quote, row: int, sentences: dict[str, list[_ReportedSentence]]
) -> tuple[_ReportedSentence, int, int] | None:
    """The reported-speech sentence outside the quote's row that says a run of the quote: all
    but one of :data:`PARAPHRASE_WINDOW` content words in a row of it, names left out ("the
    process of choosing that new leader should begin now" → "the PM said the process to find
    a new Conservative leader should begin now"). Stricter than :func:`_paraphrase`, which
    reads the quote's own row.

    Returns:
        ``(sentence, content words found, content words of the quote)``, or None.
    """
    ordered = _statement_stems(quote)
    if len(ordered) < PARAPHRASE_WINDOW:
        return None
    counts: dict[int, int] = {}
    by_id: dict[int, _ReportedSentence] = {}
    for stem in ordered:
        for sentence in sentences.get(stem, ()):
            counts[id(sentence)] = counts.get(id(sentence), 0) + 1
            by_id[id(sentence)] = sentence
    best: tuple[_ReportedSentence, int, int] | None = None
    for key, count in counts.items():
        sentence = by_id[key]
        if count < PARAPHRASE_WINDOW - 1 or (sentence.paragraph.row == row and row >= 0):
            continue
        found = max(
            len(sentence.stems.intersection(ordered[i : i + PARAPHRASE_WINDOW]))
            for i in range(len(ordered) - PARAPHRASE_WINDOW + 1)
        )
        if found >= PARAPHRASE_WINDOW - 1 and (
            best is None or (count, -sentence.paragraph.index) > (best[1], -best[0].paragraph.index)
        ):
            best = (sentence, count, len(ordered))
    return best


def _paraphrases_across_rows(
    items: Sequence[Disagreement],
    lefts: Sequence[_Paragraph],
    rights: Sequence[_Paragraph],
    left_quotes: _QuoteIndex,
    right_quotes: _QuoteIndex,
) -> list[Disagreement]:
    """Quotes that the other document says, in another row, as reported speech (the quote's
    own row has no counterpart, or the outlet moved the sentence); one item per quote."""
    reported = {
        (p, d.left_span if d.detail.startswith("quoted in left") else d.right_span)
        for d in items
        if d.kind == "quote-paraphrased"
        for p in (*d.left_paragraphs, *d.right_paragraphs)
    }
    found: list[Disagreement] = []
    for quoting, saying, other_quotes, side in (
        (lefts, rights, right_quotes, "left"),
        (rights, lefts, left_quotes, "right"),
    ):
        sentences = _reported_sentences(saying)
        for qp in quoting:
            for quote in qp.side.facts.quotes:
                if (qp.index, quote.span) in reported:
                    continue
                hit = _paraphrased_part(quote, qp.row, sentences)
                if hit is None or _quoted_anywhere(quote, other_quotes):
                    continue
                sentence, count, total = hit
                sp, span = sentence.paragraph, sentence.span
                quoted, said = _wording(qp.side.text, quote.span), _sentence_wording(sp.side.text, span)
                other_side = "right" if side == "left" else "left"
                detail = f"quoted in {side}, unquoted in {other_side} ({count} of {total} words)"
                if side == "left":
                    found.append(
                        Disagreement(
                            "quote-paraphrased",
                            max(qp.row, 0),
                            quoted,
                            said,
                            detail,
                            quote.span,
                            span,
                            (qp.index,),
                            (sp.index,),
                        )
                    )
                else:
                    found.append(
                        Disagreement(
                            "quote-paraphrased",
                            max(sp.row, 0),
                            said,
                            quoted,
                            detail,
                            span,
                            quote.span,
                            (sp.index,),
                            (qp.index,),
                        )
                    )
    return found


def _designations_in_documents(lefts: Sequence[_Paragraph], rights: Sequence[_Paragraph]) -> list[Disagreement]:
    """Model designations of one maker that the two documents write with different parts
    ("Boeing 737-800 MAX" against "Boeing 737 MAX 8"): they share a part, neither holds the
    other ("Boeing 737" is only less precise), and neither document writes the other's; one
    item per pair of designations, where each first appears."""
    left_found = [(p, d) for p in lefts for d in find_designations(p.side.text) if d.maker not in _NOT_MAKERS]
    right_found = [(p, d) for p in rights for d in find_designations(p.side.text) if d.maker not in _NOT_MAKERS]
    left_written = {(d.maker, d.parts) for _, d in left_found}
    right_written = {(d.maker, d.parts) for _, d in right_found}
    found: list[Disagreement] = []
    seen: set[tuple[frozenset[str], frozenset[str]]] = set()
    for lp, a in left_found:
        if (a.maker, a.parts) in right_written:
            continue
        for rp, b in right_found:
            if b.maker != a.maker or (b.maker, b.parts) in left_written or (a.parts, b.parts) in seen:
                continue
            if not a.parts & b.parts or a.parts <= b.parts or b.parts <= a.parts:
                continue
            seen.add((a.parts, b.parts))
            found.append(_between("name", lp, a, rp, b))
    return found


def _places_in_documents(
    lefts: Sequence[_Paragraph], rights: Sequence[_Paragraph], taken: Sequence[Disagreement]
) -> list[Disagreement]:
    """Places of one region that the two documents name differently in one name's slot
    ("SAN JOSE, Calif." against "SAN JUAN, California"): the same first word, another word
    after it that the other document never writes; one item per pair of places, where each
    first appears (a misspelling already reported is not reported again)."""
    left_words = {name_key(w) for p in lefts for w in FACT_WORD_RE.findall(p.side.text)}
    right_words = {name_key(w) for p in rights for w in FACT_WORD_RE.findall(p.side.text)}
    lefts_found = [(p, place) for p in lefts for place in find_places(p.side.text)]
    rights_found = [(p, place) for p in rights for place in find_places(p.side.text)]
    reported = {(d.left_paragraphs, d.right_paragraphs) for d in taken if d.kind == "name"}
    found: list[Disagreement] = []
    seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for lp, a in lefts_found:
        for rp, b in rights_found:
            if a.words[0] != b.words[0] or a.words == b.words or (a.words, b.words) in seen:
                continue
            if not (a.region.startswith(b.region) or b.region.startswith(a.region)):
                continue
            if set(a.words) <= right_words or set(b.words) <= left_words:
                continue  # each document writes the other's place too
            seen.add((a.words, b.words))
            if ((lp.index,), (rp.index,)) in reported:
                continue
            found.append(_between("name", lp, a, rp, b))
    return found


_NOT_MAKERS = frozenset((*MONTHS, *WEEKDAYS))


def _month_of(date: Date) -> str:
    return date.value if date.granularity == "month" else date.value[:2] if date.granularity == "day" else ""


DATES_ACROSS_ROWS_SHARED = 3
"""Content words two sentences in different rows must share for their months to be held
against each other (a story's sentences share its topic words; an event needs more)."""


def _dates_across_rows(lefts: Sequence[_Paragraph], rights: Sequence[_Paragraph]) -> list[Disagreement]:
    """Months and dates of one event that the two sides state in paragraphs of different rows:
    both lonely (the other document never names that month), in sentences that share
    :data:`DATES_ACROSS_ROWS_SHARED` content words besides the dates. Weekdays are left to the rows
    (two events of one story fall on two days)."""
    left_months = {_month_of(d) for p in lefts for d in p.side.facts.dates}
    right_months = {_month_of(d) for p in rights for d in p.side.facts.dates}
    right_dates = [
        (rp, b, _sentence_stems(rp.side.text, b.span) - _DATE_WORDS)
        for rp in rights
        for b in rp.side.facts.dates
        if b.granularity != "weekday" and _month_of(b) not in left_months
    ]
    candidates = []
    for lp in lefts:
        for a in lp.side.facts.dates:
            if a.granularity == "weekday" or _month_of(a) in right_months:
                continue
            a_stems = _sentence_stems(lp.side.text, a.span) - _DATE_WORDS
            for rp, b, b_stems in right_dates:
                if (lp.row == rp.row and lp.row >= 0) or b.granularity != a.granularity:
                    continue
                shared = len(a_stems & b_stems)
                if shared >= DATES_ACROSS_ROWS_SHARED:
                    candidates.append((shared, (lp.index, a.span[0]), (rp.index, b.span[0]), (lp, a), (rp, b)))
    return [_between("date", lp, a, rp, b) for (lp, a), (rp, b) in _pairs(candidates)]


def _relative_days_in_documents(
    comparison: Comparison, lefts: Sequence[_Paragraph], rights: Sequence[_Paragraph]
) -> list[Disagreement]:
    """A day one document names from its own date against the weekday or date the other gives
    the same event, in any rows: "went down today" on a page dated 5 October 2021 (a Tuesday)
    against "an outage on Monday". Each side is read both ways (see :func:`_relative_against`)."""
    return [
        *_relative_against(comparison.left, lefts, rights, relative_on_left=True),
        *_relative_against(comparison.right, rights, lefts, relative_on_left=False),
    ]


def _relative_against(
    document: Document, own: Sequence[_Paragraph], others: Sequence[_Paragraph], *, relative_on_left: bool
) -> list[Disagreement]:
    """The relative days of ``own`` (the paragraphs of ``document``) that name another day than
    a weekday or date of ``others`` for the same event (:func:`_one_event`). Only with a date the
    document's text does not contradict (:func:`reader.facts.trusted_date`), and when neither
    document gives the other's day to that event anywhere."""
    relatives = [(op, relative) for op in own for relative in find_relative_days(op.side.text)]
    published = trusted_date(document.date, "\n".join(p.side.text for p in own)) if relatives else None
    if published is None:
        return []
    own_dated = [_Dated.of(op, d) for op in own for d in op.side.facts.dates if d.granularity in ("weekday", "day")]
    other_dated = [
        _Dated.of(rp, d) for rp in others for d in rp.side.facts.dates if d.granularity in ("weekday", "day")
    ]
    candidates = []
    named: dict[tuple[int, tuple[int, int]], date] = {}
    for op, relative in relatives:
        named[op.index, relative.span] = relative.named_day(published)
        for resolved in resolve_relative(relative, published):
            mine = _Dated.of(op, resolved)
            if any(o.date.value == resolved.value and _one_event(mine, o) for o in other_dated):
                continue  # the other document gives this day to the event too
            for other in other_dated:
                if other.date.granularity != resolved.granularity or other.date.value == resolved.value:
                    continue
                if not _one_event(mine, other) or any(
                    m.date.value == other.date.value and _one_event(m, other) for m in own_dated
                ):
                    continue
                shared = len(mine.stems & other.stems)
                candidates.append(
                    (
                        shared,
                        (op.index, resolved.span[0]),
                        (other.paragraph.index, other.date.span[0]),
                        (op, resolved),
                        (other.paragraph, other.date),
                    )
                )
    items = []
    for (op, a), (rp, b) in _pairs(candidates):
        day_named = named[op.index, a.span]
        resolved_text = f"{a.text} (= {day_named:%A} {day_named.day} {day_named:%B}, by its date)"
        if relative_on_left:
            items.append(_between("date", op, a, rp, b, detail=f"{resolved_text} → {b.text}"))
        else:
            items.append(_between("date", rp, b, op, a, detail=f"{b.text} → {resolved_text}"))
    return items


@dataclass(frozen=True)
class _Dated:
    """A day named in a paragraph, with what it dates: the words next to it, the content words
    of its sentence, whether it is the sentence's only day, and whether the sentence speaks of
    plans or hopes."""

    paragraph: _Paragraph
    date: Date
    event: frozenset[str]
    stems: frozenset[str]
    lonely: bool
    plan: bool

    @classmethod
    def of(cls, paragraph: _Paragraph, day: Date) -> _Dated:
        text = paragraph.side.text
        sentence = _sentence_of(text, day.span)
        return cls(
            paragraph,
            day,
            frozenset(_event(text, day.span)),
            frozenset(_sentence_stems(text, day.span) - _DATE_WORDS),
            _days_named(paragraph.side, sentence) == 1,
            bool(_PLAN_RE.search(text, *sentence)),
        )


_PLAN_RE = re.compile(
    r"\b(?:will|would|shall|can|could|may|might|should|hop(?:e|es|ed|ing)|expect(?:s|ed)?|plan(?:s|ned)?|due to|set to"
    r"|going to|scheduled)\b",
    re.IGNORECASE,
)


def _one_event(a: _Dated, b: _Dated) -> bool:
    """Whether two days date one event that happened: their sentences share
    :data:`ACROSS_ROWS_SHARED` content words and the words next to the days one, or each day is its
    sentence's only one and the sentences share :data:`DATES_ACROSS_ROWS_SHARED` content words.
    A day in a sentence of plans or hopes ("ships can exit today", "will meet on Monday") dates
    no event that happened: never one event."""
    if a.plan or b.plan:
        return False
    shared = len(a.stems & b.stems)
    if shared >= ACROSS_ROWS_SHARED and a.event & b.event:
        return True
    return a.lonely and b.lonely and shared >= DATES_ACROSS_ROWS_SHARED


def _days_named(side: _Side, sentence: tuple[int, int]) -> int:
    """How many days a sentence of ``side`` names: weekdays, dates and relative days, a day
    written two ways side by side counted once ("on Monday (October 4)", "Monday, Oct. 4")."""
    start, end = sentence
    named = sorted(
        {d.span for d in side.facts.dates if start <= d.span[0] < end}
        | {(start + a, start + b) for a, b in (d.span for d in find_relative_days(side.text[start:end]))}
    )
    return sum(1 for n, (a, _) in enumerate(named) if n == 0 or a - named[n - 1][1] > 3)


def _names_in_documents(
    lefts: Sequence[_Paragraph], rights: Sequence[_Paragraph], linked: frozenset[tuple[int, int]]
) -> list[Disagreement]:
    """Names spelled two ways (:func:`_misspelt`): one item per pair of spellings, where they
    first meet.

    A spelling counts only when the other document never writes it; the two names must sit in
    one row, in linked paragraphs, or share another word ("Osama Rabei", "Osama Rabie").
    """
    left_words = {name_key(w) for p in lefts for w in FACT_WORD_RE.findall(p.side.text)}
    right_words = {name_key(w) for p in rights for w in FACT_WORD_RE.findall(p.side.text)}
    left_only = _name_occurrences(lefts, right_words)
    right_only = _name_occurrences(rights, left_words)
    by_letter: dict[str, list[str]] = {}
    for key in right_only:
        by_letter.setdefault(key[:1], []).append(key)
    found = []
    for a_key, a_places in left_only.items():
        for b_key in by_letter.get(a_key[:1], ()):
            if abs(len(a_key) - len(b_key)) > 2 or not _misspelt(a_key, b_key):
                continue
            met = [
                (lp.index, rp.index, lp, a, rp, b)
                for lp, a in a_places
                for rp, b in right_only[b_key]
                if (lp.row == rp.row and lp.row >= 0)
                or (lp.index, rp.index) in linked
                or (set(a.tokens) - {a_key}) & (set(b.tokens) - {b_key})
            ]
            if not met:
                continue
            _, _, lp, a, rp, b = min(met, key=lambda m: (m[0], m[1]))
            in_row = lp.row == rp.row and lp.row >= 0  # then the item names the row's paragraphs, as a row's items do
            found.append(
                _between(
                    "name",
                    lp,
                    a,
                    rp,
                    b,
                    detail=f"{_untitled(a.text)} → {_untitled(b.text)}",
                    paragraphs=(_row_paragraphs(lefts, lp.row), _row_paragraphs(rights, rp.row)) if in_row else None,
                )
            )
    return found


def _row_paragraphs(paragraphs: Sequence[_Paragraph], row: int) -> tuple[int, ...]:
    return tuple(p.index for p in paragraphs if p.row == row)


def _name_occurrences(
    paragraphs: Sequence[_Paragraph], other_words: set[str]
) -> dict[str, list[tuple[_Paragraph, Name]]]:
    """Each name word the other document never writes, with where it occurs."""
    places: dict[str, list[tuple[_Paragraph, Name]]] = {}
    for paragraph in paragraphs:
        for name in paragraph.side.facts.names:
            for key in name.tokens:
                if key not in other_words and key not in FACT_STOPWORDS and key.isalpha():
                    places.setdefault(key, []).append((paragraph, name))
    return places


def _untitled(name: str) -> str:
    """A name without the titles before it ("Lt Gen Osama Rabei" → "Osama Rabei"), unless
    the title is all there is."""
    words = name.split()
    while len(words) > 1 and name_key(words[0]) in TITLES:
        words.pop(0)
    return " ".join(words)


ACROSS_ROWS_RATIO = 75
"""Likeness (rapidfuzz ratio) from which two quotes in different rows count as one quotation
altered; within a row the frame and the content words decide."""


SHORT_QUOTE = 5
"""Quotes of fewer words are held against every quote across rows, not only those that share
a content word with them."""


def _quote_pools(quotes: Sequence[tuple[int, Quote]]) -> Callable[[Quote], Sequence[int]]:
    """For a quote, the positions in ``quotes`` worth holding it against, in order: a relation
    between quotes of :data:`SHORT_QUOTE` words or more needs a word in common besides function
    words ("Them's the brakes" shares none, so short quotes meet every quote)."""
    by_stem: dict[str, set[int]] = {}
    short: set[int] = set()
    for number, (_, quote) in enumerate(quotes):
        for stem in _quote_stems(quote.text):
            by_stem.setdefault(stem, set()).add(number)
        if len(_quote_word_tuple(quote.text)) < SHORT_QUOTE:
            short.add(number)

    def pool(quote: Quote) -> Sequence[int]:
        if len(_quote_word_tuple(quote.text)) < SHORT_QUOTE:
            return range(len(quotes))
        return sorted(short.union(*(by_stem.get(stem, ()) for stem in _quote_stems(quote.text))))

    return pool


def _quotes_across_rows(comparison: Comparison) -> list[Disagreement]:
    """Quotes of one utterance that the two sides put in different rows (an outlet re-breaks
    paragraphs, a rewrite restates a quote far away): trimmed, cut differently or altered.

    A quote is held against the other side's quotes in other rows only when nothing in its
    own row and nothing anywhere in the other document quotes it the same way.
    """
    left_quotes = _paragraph_quotes(comparison.left)
    right_quotes = _paragraph_quotes(comparison.right)
    if not left_quotes or not right_quotes:
        return []
    left_row = {i: number for number, row in enumerate(comparison.rows) for i in row.left}
    right_row = {j: number for number, row in enumerate(comparison.rows) for j in row.right}
    pool_of = _quote_pools(right_quotes)
    matched_in_own_row: dict[int, bool] = {}
    candidates = []
    for i, a in left_quotes:
        if any(_relation(a, b) for j, b in right_quotes if right_row.get(j) == left_row.get(i)):
            continue
        for number in pool_of(a):
            j, b = right_quotes[number]
            if right_row.get(j) == left_row.get(i):
                continue
            if number not in matched_in_own_row:
                matched_in_own_row[number] = any(
                    _relation(other, b) for k, other in left_quotes if left_row.get(k) == right_row.get(j)
                )
            if matched_in_own_row[number]:
                continue
            relation = _relation(a, b) or _moved_across_rows(comparison, i, a, j, b)
            if relation is None or relation[1] == "same":
                continue
            ratio = max(
                fuzz.ratio(" ".join(_quote_words(a.text)), " ".join(_quote_words(b.text))),
                fuzz.partial_ratio(" ".join(_quote_words(a.text)), " ".join(_quote_words(b.text))),
            )
            if relation[1] == "altered" and ratio < ACROSS_ROWS_RATIO:
                continue
            candidates.append((relation[0] * 100 + int(ratio), (i, a.span[0]), (j, b.span[0]), (i, a), (j, b)))
    left_words = {_quote_word_tuple(a.text) for _, a in left_quotes}
    right_words = {_quote_word_tuple(b.text) for _, b in right_quotes}
    same_left = {a.text for _, a in left_quotes if _quote_word_tuple(a.text) in right_words}
    same_right = {b.text for _, b in right_quotes if _quote_word_tuple(b.text) in left_words}
    found = []
    for (i, a), (j, b) in _best_for_each_right(candidates):
        if a.text in same_left or b.text in same_right:
            continue
        left = _Side(comparison.left.paragraphs[i].text, Facts((), (), (), (a,)))
        right = _Side(comparison.right.paragraphs[j].text, Facts((), (), (), (b,)))
        relation = _relation(a, b) or _moved_across_rows(comparison, i, a, j, b)
        how = "trimmed" if relation[1] == "trimmed" else "altered"  # type: ignore[index]
        for item in _matched_quote(left_row.get(i, 0), left, right, a, b, how):
            found.append(replace(item, left_paragraphs=(i,), right_paragraphs=(j,)))
    return found


def _moved_across_rows(comparison: Comparison, i: int, a: Quote, j: int, b: Quote) -> tuple[int, str] | None:
    """``(2, "trimmed")`` when quotes of paragraphs ``i`` (left) and ``j`` (right) in different
    rows put their marks around different words of one sentence (:func:`_marks_moved`) and
    both name one speaker (across rows a speaker is required, not only allowed)."""
    if not (_speaker_names(a.speaker) & _speaker_names(b.speaker)):
        return None
    if _marks_moved(a, comparison.left.paragraphs[i].text, b) or _marks_moved(
        b, comparison.right.paragraphs[j].text, a
    ):
        return 2, "trimmed"
    return None


def _across_rows_new(items: Sequence[Disagreement], found: Sequence[Disagreement]) -> list[Disagreement]:
    """The items found across rows that the rows' own pass has not reported (one fact, one item)."""
    taken = {(d.kind, p, d.left_span) for d in items for p in d.left_paragraphs}
    return [d for d in found if (d.kind, d.left_paragraphs[0], d.left_span) not in taken]


def _best_for_each_right(candidates: Sequence[tuple[int, object, object, FactT, FactT]]) -> list[tuple[FactT, FactT]]:
    """Each right quote with its best left quote: a long quotation may be cut into several."""
    chosen: dict[object, tuple[int, FactT, FactT]] = {}
    for score, _, right_position, a, b in candidates:
        if right_position not in chosen or score > chosen[right_position][0]:
            chosen[right_position] = (score, a, b)
    return [(a, b) for _, a, b in chosen.values()]


def _paragraph_quotes(document: Document) -> list[tuple[int, Quote]]:
    """Every quote of the document's content paragraphs, with its paragraph index."""
    return [
        (paragraph.index, quote)
        for paragraph in document.paragraphs
        if not paragraph.is_boilerplate
        for quote in find_quotes(paragraph.text)
    ]


def _values(document: Document) -> frozenset[tuple[float, bool]]:
    """Every number the document's content states, as ``(value, ordinal)``."""
    return frozenset((n.value, n.ordinal) for n in _content_numbers(document))


def _content_numbers(document: Document) -> tuple[Number, ...]:
    """Every number of the document's content paragraphs (spans into their joined text)."""
    return tuple(find_numbers("\n".join(p.text for p in document.paragraphs if not p.is_boilerplate)))


def number_changes(comparison: Comparison) -> list[tuple[Number, Number, frozenset[str]]]:
    """The numbers that changed between the aligned rows, with the lowercase words near the
    left one (what it counts): the same rule as :func:`drift`'s number items, for rows that
    hold a digit on both sides only."""
    changes = []
    for index, row in enumerate(comparison.rows):
        if row.boilerplate or row.kind == "same" or not row.left or not row.right:
            continue
        left_text, right_text = comparison.side_text(row, "left"), comparison.side_text(row, "right")
        if not (_DIGIT_RE.search(left_text) and _DIGIT_RE.search(right_text)):
            continue
        left = _Side(left_text, Facts(tuple(find_numbers(left_text)), (), (), ()))
        right = _Side(right_text, Facts(tuple(find_numbers(right_text)), (), (), ()))
        for item in _number_drift(index, left, right):
            a = next(n for n in left.facts.numbers if n.span == item.left_span)
            b = next(n for n in right.facts.numbers if n.span == item.right_span)
            start, end = _window(left_text, a.span, 4)
            changes.append((a, b, frozenset(word.casefold() for word in FACT_WORD_RE.findall(left_text[start:end]))))
    return changes


_DIGIT_RE = re.compile(r"\d")


def drift_folder(
    documents: Sequence[Document],
    base: Document,
    *,
    compare: CompareFunction = compare,
    progress: Progress | None = None,
) -> list[tuple[Document, list[Disagreement]]]:
    """Each document other than ``base`` compared to it, with its disagreements.

    Args:
        documents: The folder's documents.
        base: The document the others are held against.
        compare: How to compare two documents (the CLI and the app pass a cached one).
        progress: Called with the share done (0..1) after each source.
    """
    sources, comparisons = compare_with_base(base, documents, compare=compare, progress=progress)
    return [(source, drift(comparison)) for source, comparison in zip(sources, comparisons)]


# Tallies and durations across the documents ------------------------------------------------


def _not_reported(items: Sequence[Disagreement], found: Sequence[Disagreement]) -> list[Disagreement]:
    """The items of ``found`` whose figures no number item of ``items`` already holds (same
    paragraphs, overlapping spans on both sides): one disagreement, one item."""

    def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    def spans(d: Disagreement, side: str) -> list[tuple[int, tuple[int, int]]]:
        paragraphs = d.left_paragraphs if side == "left" else d.right_paragraphs
        return [(p, d.left_span if side == "left" else d.right_span) for p in paragraphs]

    kept = []
    for new in found:
        held = any(
            old.kind == new.kind
            and any(p == q and overlap(a, b) for p, a in spans(old, "left") for q, b in spans(new, "left"))
            and any(p == q and overlap(a, b) for p, a in spans(old, "right") for q, b in spans(new, "right"))
            for old in items
        )
        if not held:
            kept.append(new)
    return kept


def _document_tallies(
    paragraphs: Sequence[_Paragraph],
) -> tuple[dict[tuple[str, str], list[tuple[_Paragraph, Tally]]], dict[tuple[str, str], set[float]]]:
    """Each outcome's tallies in the document, by ``(outcome, unit)``, in text order, and
    every sum the document can be read to give for it.

    A tally said to come on top of others ("two more counts") after the document stated that
    outcome is a part, not a sum: it is not held against anything, and the total it makes
    with the sum before it counts as a sum the document gives."""
    by_key: dict[tuple[str, str], list[tuple[_Paragraph, Tally]]] = {}
    sums: dict[tuple[str, str], set[float]] = {}
    running: dict[tuple[str, str], float] = {}
    for paragraph in paragraphs:
        for tally in find_tallies(paragraph.side.text):
            key = (tally.outcome, tally.unit)
            if tally.relative and key in running:
                running[key] += tally.value
                sums[key].add(running[key])
                continue
            by_key.setdefault(key, []).append((paragraph, tally))
            sums.setdefault(key, set()).add(tally.value)
            running[key] = tally.value
    return by_key, sums


def _tallies_in_documents(lefts: Sequence[_Paragraph], rights: Sequence[_Paragraph]) -> list[Disagreement]:
    """Outcomes the two documents count differently ("acquitted of three charges" against
    "found not guilty on four charges", or "not guilty on three charges … and one count"):
    each figure is a tally of one outcome (:func:`~reader.facts.find_tallies`: acquittals,
    convictions, hung counts, whichever words state them), and neither document ever gives the
    other's sum for that outcome. Tallies about people named differently are two defendants."""
    left_tallies, left_all_sums = _document_tallies(lefts)
    right_tallies, right_all_sums = _document_tallies(rights)
    candidates = []
    for key in left_tallies.keys() & right_tallies.keys():
        left_sums, right_sums = left_all_sums[key], right_all_sums[key]
        for lp, a in left_tallies[key]:
            if a.value in right_sums:
                continue
            for rp, b in right_tallies[key]:
                if b.value in left_sums or (a.subject and b.subject and not a.subject & b.subject):
                    continue
                same_row = lp.row == rp.row and lp.row >= 0
                candidates.append((int(same_row), (lp.index, a.span[0]), (rp.index, b.span[0]), (lp, a), (rp, b)))
    return [
        _between(
            "number",
            lp,
            a,
            rp,
            b,
            detail=f"{_tally_wording(a)} → {_tally_wording(b)}",
            paragraphs=_row_or_own(lefts, rights, lp, rp),
        )
        for (lp, a), (rp, b) in _pairs(candidates)
    ]


@lru_cache(maxsize=4096)
def _tally_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the text states an outcome's tally (its figures are the tally's)."""
    return tuple(tally.span for tally in find_tallies(text))


def _within(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _tally_wording(tally: Tally) -> str:
    """A tally as written, with its sum when it adds figures up."""
    return tally.text + (f" ({tally.value:g} in all)" if tally.figures > 1 else "")


def _row_or_own(
    lefts: Sequence[_Paragraph], rights: Sequence[_Paragraph], lp: _Paragraph, rp: _Paragraph
) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """A row's paragraphs when both paragraphs sit in it (a row's items name its paragraphs)."""
    if lp.row == rp.row and lp.row >= 0:
        return _row_paragraphs(lefts, lp.row), _row_paragraphs(rights, rp.row)
    return None


def _is_headline(text: str) -> bool:
    """A line without a closing full stop (or ! ? or a closing quote): a headline or a label."""
    return not text.rstrip().endswith((".", "!", "?", "”", '"', "’", "'", "…"))


def _durations_in_documents(
    lefts: Sequence[_Paragraph], rights: Sequence[_Paragraph], linked: frozenset[tuple[int, int]]
) -> list[Disagreement]:
    """How long the story's one span lasted, as two documents state it in other words ("the
    blackout continued for 7 hours" against "the outage lasted for nearly six hours"; "three
    months of testimony" against "an almost four-month long trial").

    Both figures are durations written as spans (:func:`~reader.facts.is_duration_span`) in
    one time unit; each document states a single quantity in that unit (every figure of the
    unit agrees with every other), and neither agrees with any figure of that unit in the
    other document. One pair is reported per unit: the clearest contradiction (:func:`_clearly_apart`:
    "7 hours" is clearly not "nearly six hours", barely not "about six hours"), then the pair
    most alike: one row, then linked paragraphs, then sentences rather than headlines, then the same wording of the span ("for", "after", "N
    months of", "an N-month …"), then the earliest."""
    left_numbers = [n for p in lefts for n in p.side.facts.numbers]
    right_numbers = [n for p in rights for n in p.side.facts.numbers]
    left_kinds, right_kinds = _by_kind(left_numbers), _by_kind(right_numbers)
    right_spans = [
        (rp, b)
        for rp in rights
        for b in rp.side.facts.numbers
        if is_duration_span(rp.side.text, b)
        and _one_unit_quantity(b, right_kinds[_quantity_kind(b)])
        and not any(_agree(b, other) for other in left_numbers if other.unit == b.unit and not other.relative)
    ]
    if not right_spans:
        return []
    candidates = []
    for lp in lefts:
        for a in lp.side.facts.numbers:
            if not (
                is_duration_span(lp.side.text, a)
                and _one_unit_quantity(a, left_kinds[_quantity_kind(a)])
                and not any(_agree(a, other) for other in right_numbers if other.unit == a.unit and not other.relative)
            ):
                continue
            for rp, b in right_spans:
                if a.unit != b.unit or _agree(a, b):
                    continue
                score = (
                    8 * _clearly_apart(a, b)
                    + 4 * (lp.row == rp.row and lp.row >= 0)
                    + 2 * ((lp.index, rp.index) in linked)
                    + (not _is_headline(lp.side.text))
                    + (not _is_headline(rp.side.text))
                    + (span_cue(lp.side.text, a) == span_cue(rp.side.text, b))
                )
                candidates.append((score, (lp.index, a.span[0]), (rp.index, b.span[0]), (lp, a), (rp, b)))
    best: dict[str, tuple[int, Any, Any, tuple[_Paragraph, Number], tuple[_Paragraph, Number]]] = {}
    for candidate in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        best.setdefault(candidate[3][1].unit, candidate)  # one item per unit: one quantity each side
    return [
        _between(
            "number",
            lp,
            a,
            rp,
            b,
            detail=f"{hedged_text(lp.side.text, a)} → {hedged_text(rp.side.text, b)}",
            paragraphs=_row_or_own(lefts, rights, lp, rp),
        )
        for _, _, _, (lp, a), (rp, b) in best.values()
    ]


CLEARLY_APART = 0.1
"""Share of the larger value by which two figures' ranges must miss each other for the two to
be a clear contradiction, not a matter of how far a hedge reaches."""


def _clearly_apart(a: Number, b: Number) -> bool:
    """Whether the ranges two figures of one unit allow miss each other by :data:`CLEARLY_APART`.

    >>> from reader.facts import find_numbers
    >>> first = lambda text: find_numbers(text)[0]
    >>> _clearly_apart(first("for 7 hours"), first("nearly six hours")), _clearly_apart(first("for 7 hours"), first("about six hours"))
    (True, False)
    """
    (a_low, a_high), (b_low, b_high) = a.bounds(), b.bounds()
    gap = max(a_low - b_high, b_low - a_high)
    return gap >= CLEARLY_APART * max(a.value, b.value)


def _one_unit_quantity(number: Number, numbers: Sequence[Number]) -> bool:
    """Whether every figure of the document in the figure's own unit agrees with every other:
    the document states one quantity of that unit (a duration of "six hours", also "nearly
    six hours")."""
    same_unit = [other for other in numbers if other.unit == number.unit and not other.relative]
    return len(same_unit) <= ONE_QUANTITY_MOST and all(_agree(x, y) for x in same_unit for y in same_unit if x is not y)
