"""Fact drift: where two sources disagree on the checkable facts of their aligned rows.

:func:`drift` walks the rows of a :class:`~reader.compare.Comparison` that have both sides,
reads each side's facts (:mod:`reader.facts`) and reports each disagreement with both
sources' wording.

Every rule leans towards silence: a fact is compared only with a fact of the other side that
sits in a similar context (shared words around it), because fact-checkers hate false alarms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from reader.compare import Comparison, compare  # noqa: F401 - compare is used by the doctests
from reader.corpus import Document
from reader.facts import YEAR, Facts, Number, Quote, extract_facts, find_numbers, find_quotes
from reader.language import (
    FACT_STOPWORDS,
    FACT_WORD_RE,
    MONTHS,
    SPEECH_VERBS,
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
    """One disagreement per best-first pair of differing values (numbers or dates): ``a → b``."""
    return [
        Disagreement(
            kind, row, _wording(left.text, a.span), _wording(right.text, b.span), f"{a.text} → {b.text}", a.span, b.span
        )
        for a, b in _pairs(candidates)
    ]


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
    return set(content_stems(" ".join(text[end:].split()[:3])))


def _number_drift(
    row: int,
    left: _Side,
    right: _Side,
    left_everywhere: frozenset[tuple[float, bool]] = frozenset(),
    right_everywhere: frozenset[tuple[float, bool]] = frozenset(),
) -> list[Disagreement]:
    """Numbers of one side with no equal on the other that count the same thing in the same
    context: the same unit (when both have one) or the same nouns after them, words in common
    around them, and the same event next to them ("killed 296" against "killed 820").

    A value the other document states anywhere (``left_everywhere``, ``right_everywhere``:
    the values of each whole document) is no disagreement: that text agrees with it elsewhere.
    """
    left_values = {(n.value, n.ordinal) for n in left.facts.numbers} | left_everywhere
    right_values = {(n.value, n.ordinal) for n in right.facts.numbers} | right_everywhere
    lonely_left = [n for n in left.facts.numbers if (n.value, n.ordinal) not in right_values]
    lonely_right = [n for n in right.facts.numbers if (n.value, n.ordinal) not in left_values]
    candidates = []
    for a in lonely_left:
        for b in lonely_right:
            if a.ordinal != b.ordinal or (a.unit == YEAR) != (b.unit == YEAR):
                continue
            a_unit, b_unit = UNIT_SYNONYMS.get(a.unit, a.unit), UNIT_SYNONYMS.get(b.unit, b.unit)
            if a_unit and b_unit and a_unit != b_unit:
                continue
            counted = (a_unit and a_unit == b_unit) or bool(
                _noun_window(left.text, a.span[1]) & _noun_window(right.text, b.span[1])
            )
            generic = a.unit in ("", YEAR, "percent")
            if not counted and not (a.unit == b.unit and generic):
                continue
            if _qualifier(left.text, a) != _qualifier(right.text, b) and (
                _consistent(left.text, a, b.value) or _consistent(right.text, b, a.value)
            ):
                continue  # "more than 400 ships" and "422 ships" agree; "at least 800" and "at least 1,000" do not
            if generic and not _event(left.text, a.span) & _event(right.text, b.span):
                continue
            shared = len(_around(left.text, a.span) & _around(right.text, b.span))
            if shared >= (2 if generic else 1):
                candidates.append((shared, a.span[0], b.span[0], a, b))
    return _paired_values("number", row, left, right, candidates)


_AT_LEAST_RE = re.compile(r"(?:more than|over|at least|upwards of|in excess of|above|exceeding)\s*$", re.IGNORECASE)
_AT_MOST_RE = re.compile(r"(?:almost|nearly|under|less than|fewer than|up to|below|just short of)\s*$", re.IGNORECASE)
_ABOUT_RE = re.compile(r"(?:about|around|some|roughly|approximately|an estimated|estimated|circa)\s*$", re.IGNORECASE)
ABOUT = 0.15
"""How far a value may be from an "about" figure and agree with it."""


def _qualifier(text: str, number: Number) -> str:
    """How a figure is hedged: ``"at least"``, ``"at most"``, ``"about"`` or ``""``."""
    before = text[max(0, number.span[0] - 30) : number.span[0]]
    for name, pattern in (("at least", _AT_LEAST_RE), ("at most", _AT_MOST_RE), ("about", _ABOUT_RE)):
        if pattern.search(before):
            return name
    return ""


def _consistent(text: str, number: Number, other: float) -> bool:
    """Whether an approximate figure agrees with the other side's value: "more than 400
    ships" with 422, "nearly 6" with 5.5, "about 200" with 210.

    >>> from reader.facts import find_numbers
    >>> text = "with more than 400 ships waiting"
    >>> _consistent(text, find_numbers(text)[0], 422), _consistent(text, find_numbers(text)[0], 380)
    (True, False)
    """
    before = text[max(0, number.span[0] - 30) : number.span[0]]
    value = number.value
    if _AT_LEAST_RE.search(before):
        return other >= value
    if _AT_MOST_RE.search(before):
        return other <= value
    if _ABOUT_RE.search(before):
        return abs(other - value) <= ABOUT * value
    return False


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
    return [name_key(word) for word in FACT_WORD_RE.findall(fold_typography(_GLOSS_RE.sub(" ", text)))]


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
    a_stems, b_stems = set(content_stems(a.text)), set(content_stems(b.text))
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
            if frame >= SPUN_FRAME and kept and kept * 4 >= max(len(a_words), len(b_words)):
                candidates.append((int(frame * 100) + kept, a.span[0], b.span[0], a, b))
    return _pairs(candidates)


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
    left_quotes, right_quotes = find_quotes(comparison.left.text), find_quotes(comparison.right.text)
    left_numbers, right_numbers = _values(comparison.left), _values(comparison.right)
    for index, row in enumerate(comparison.rows):
        if row.boilerplate or row.kind == "same" or not row.left or not row.right:
            continue
        left_text, right_text = comparison.side_text(row, "left"), comparison.side_text(row, "right")
        left = _Side(left_text, extract_facts(left_text, context=comparison.left.text))
        right = _Side(right_text, extract_facts(right_text, context=comparison.right.text))
        found = [
            *_number_drift(index, left, right, left_numbers, right_numbers),
            *_date_drift(index, left, right),
            *_name_drift(index, left, right),
            *_quote_drift(index, left, right, left_quotes, right_quotes),
        ]
        found.sort(key=lambda d: (d.left_span, d.right_span, KINDS.index(d.kind)))
        items.extend(replace(d, left_paragraphs=row.left, right_paragraphs=row.right) for d in found)
    items.extend(_quotes_across_rows(comparison))
    items.sort(key=lambda d: d.row)
    return items


ACROSS_ROWS_RATIO = 75
"""Likeness (rapidfuzz ratio) from which two quotes in different rows count as one quotation
altered; within a row the frame and the content words decide."""


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
    candidates = []
    for i, a in left_quotes:
        if any(_relation(a, b) for j, b in right_quotes if right_row.get(j) == left_row.get(i)):
            continue
        for j, b in right_quotes:
            if right_row.get(j) == left_row.get(i):
                continue
            if any(_relation(other, b) for k, other in left_quotes if left_row.get(k) == right_row.get(j)):
                continue
            relation = _relation(a, b)
            if relation is None or relation[1] == "same":
                continue
            ratio = max(
                fuzz.ratio(" ".join(_quote_words(a.text)), " ".join(_quote_words(b.text))),
                fuzz.partial_ratio(" ".join(_quote_words(a.text)), " ".join(_quote_words(b.text))),
            )
            if relation[1] == "altered" and ratio < ACROSS_ROWS_RATIO:
                continue
            candidates.append((relation[0] * 100 + int(ratio), (i, a.span[0]), (j, b.span[0]), (i, a), (j, b)))
    same_left = {a.text for _, a in left_quotes if any(_relation(a, b) == (3, "same") for _, b in right_quotes)}
    same_right = {b.text for _, b in right_quotes if any(_relation(a, b) == (3, "same") for _, a in left_quotes)}
    found = []
    for (i, a), (j, b) in _best_for_each_right(candidates):
        if a.text in same_left or b.text in same_right:
            continue
        left = _Side(comparison.left.paragraphs[i].text, Facts((), (), (), (a,)))
        right = _Side(comparison.right.paragraphs[j].text, Facts((), (), (), (b,)))
        how = "trimmed" if _relation(a, b)[1] == "trimmed" else "altered"  # type: ignore[index]
        for item in _matched_quote(left_row.get(i, 0), left, right, a, b, how):
            found.append(replace(item, left_paragraphs=(i,), right_paragraphs=(j,)))
    return found


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
    text = "\n".join(p.text for p in document.paragraphs if not p.is_boilerplate)
    return frozenset((n.value, n.ordinal) for n in find_numbers(text))


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
