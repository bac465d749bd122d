"""Links across rows: sentences that travelled to a paragraph outside their own row.

Rows partition the paragraphs (the side-by-side view needs that), but outlets do not: a
sentence moves across a paragraph break, a condensed rewrite restates one sentence far from
the rest, a paragraph's sentences go to two places. This pass runs after the alignment, on
the finished rows, and finds such sentences lexically, precision first:

1. Sentences matched word for word inside their own row are settled and never looked at
   again (on long, lightly edited pairs that is almost all of them).
2. The remaining sentences are indexed by their content words (IDF-weighted, as the aligner
   weighs them); each keeps its few best candidates on the other side.
3. A candidate pair counts when the two sentences are near-verbatim (character similarity,
   rapidfuzz) or share enough statement (the cosine of their content words, names aside),
   when each is the other's best candidate across rows, and when the match beats what the
   sentence's own row offers by a clear margin.

Each link joins one sentence of a left paragraph with one sentence of a right paragraph that
does not share its row; paragraphs sharing a row are already linked by that row.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from reader.align import Options, sentence_terms, split_sentences
from reader.language import ALIGNMENT_STOPWORDS, SMALL_NUMBERS, light_stem
from reader.text import fold_typography

LinkKind = Literal["rebroken", "restated", "split"]

LINK_KINDS: tuple[LinkKind, ...] = ("rebroken", "restated", "split")
"""rebroken: the sentence crossed a paragraph break into a neighbouring paragraph;
restated: the sentence is told again elsewhere (its fact is also in its own row, or its
paragraph has no counterpart); split: the paragraph's sentences went to two places."""

Span = tuple[int, int]


@dataclass(frozen=True)
class Link:
    """One sentence pair joining paragraphs that do not share a row.

    Attributes:
        left: Index of the left paragraph.
        right: Index of the right paragraph.
        kind: rebroken, restated or split (see :data:`LINK_KINDS`).
        left_span: The left sentence as character offsets ``[start, end)`` into its paragraph.
        right_span: The right sentence, likewise.
        score: Evidence in 0..1 (character similarity for near-verbatim sentences, else the
            cosine of their content words).
    """

    left: int
    right: int
    kind: LinkKind
    left_span: Span
    right_span: Span
    score: float

    def swapped(self) -> Link:
        """The same link seen from the other side."""
        return Link(self.right, self.left, self.kind, self.right_span, self.left_span, self.score)


@dataclass(frozen=True)
class LinkOptions:
    """Thresholds of the link pass.

    Attributes:
        near: Least character similarity (rapidfuzz ratio of the folded words, 0..1) for two
            sentences to be near-verbatim.
        cosine: Least cosine of content words for a pair that is not near-verbatim.
        statement: Least cosine of the words other than names (a shared statement).
        shared: Least number of shared statement words for a pair that is not near-verbatim.
        margin: A link must beat the best match its sentence has in its own row by this.
        min_terms: Sentences with fewer distinct content words are never linked.
        candidates: Candidates kept per sentence from the word index.
        phrase_words: Least number of content words in the runs of words two sentences share
            verbatim (each run at least three words long and found once in each document)
            for a pair that is neither near-verbatim nor a statement match.
        phrase_statement: Of those, least number of statement words (not names).
    """

    near: float = 0.85
    cosine: float = 0.6
    statement: float = 0.5
    shared: int = 4
    margin: float = 0.15
    min_terms: int = 4
    candidates: int = 3
    phrase_words: int = 3
    phrase_statement: int = 2


_WORD_RE = re.compile(r"\w+")


def sentence_spans(text: str) -> list[Span]:
    """Character spans of a paragraph's sentences (as :func:`reader.align.split_sentences` cuts).

    >>> sentence_spans("Kerry met Wang. They talked.")
    [(0, 15), (16, 28)]
    """
    spans: list[Span] = []
    position = 0
    for sentence in split_sentences(text):
        start = text.find(sentence, position)
        if start < 0:  # cannot happen for split_sentences' stripped pieces; be safe
            continue
        spans.append((start, start + len(sentence)))
        position = start + len(sentence)
    return spans


def _same_words(left: list[str], right: list[str]) -> bool:
    """Whether two lists of paragraphs hold the same words in the same order."""
    if len(left) == len(right) and all(a == b for a, b in zip(left, right)):
        return True
    return [word for text in left for word in text.split()] == [word for text in right for word in text.split()]


def _fold_key(sentence: str) -> str:
    """A sentence's words, lower-cased with typography folded, one space apart."""
    lowered = sentence.lower()
    if not lowered.isascii():  # folding maps only non-ASCII characters (and a blank run, which has no words)
        lowered = fold_typography(lowered)
    return " ".join(_WORD_RE.findall(lowered))


@dataclass
class _Sentence:
    side: int
    paragraph: int
    span: Span
    key: str
    vector: dict[str, float]
    statement: dict[str, float]
    size: int


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(value * value for value in vector.values()))
    return {term: value / norm for term, value in vector.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    total = 0.0
    for term, value in a.items():
        other = b.get(term)
        if other is not None:
            total += value * other
    return total


def find_links(
    left: Sequence[str],
    right: Sequence[str],
    rows: Sequence[tuple[Sequence[int], Sequence[int]]],
    *,
    left_boilerplate: Sequence[bool] = (),
    right_boilerplate: Sequence[bool] = (),
    headlines: tuple[int | None, int | None] = (None, None),
    options: LinkOptions = LinkOptions(),
) -> tuple[Link, ...]:
    """Find sentences linking paragraphs of the two sides that do not share a row.

    Args:
        left: The left paragraphs' texts.
        right: The right paragraphs' texts.
        rows: Each row's (left paragraph indices, right paragraph indices); they partition
            both sides.
        left_boilerplate: Per left paragraph, whether it is web cruft (never linked).
        right_boilerplate: Likewise for the right.
        headlines: Each side's headline, if known. A headline sums up the whole story and
            shares words with every paragraph that tells part of it: it links to nothing
            across rows (its row holds the other headline, if any).
        options: Thresholds.

    Returns:
        Links sorted by (left, right, left span).

    >>> rows = [((0,), (0,)), ((1,), (1,))]
    >>> links = find_links(["Kerry met Wang in Beijing on Monday. The two leaders agreed on new climate targets.",
    ...                     "Dogs bark at night in the quiet village streets."],
    ...                    ["Kerry met Wang in Beijing on Monday.",
    ...                     "The two leaders agreed on new climate targets. Dogs bark at night in the quiet village streets."],
    ...                    rows)
    >>> [(link.left, link.right, link.kind, link.left_span, link.right_span) for link in links]
    [(0, 1, 'rebroken', (37, 83), (0, 46))]
    """
    set_apart = []
    for flags, texts, headline in ((left_boilerplate, left, headlines[0]), (right_boilerplate, right, headlines[1])):
        flags = list(flags) or [False] * len(texts)
        if headline is not None:
            flags[headline] = True
        set_apart.append(flags)
    finder = _LinkFinder((left, right), rows, (set_apart[0], set_apart[1]), options)
    pool = finder.unsettled()
    if {side for side, *_ in pool} != {0, 1}:
        return ()
    finder.weigh(pool)
    pooled = [finder.sentence(side, index, span, key) for side, index, span, key in pool]
    by_side = (
        [item for item in pooled if item.side == 0 and item.size >= options.min_terms],
        [item for item in pooled if item.side == 1 and item.size >= options.min_terms],
    )
    if not by_side[0] or not by_side[1]:
        return ()
    return finder.accept(by_side, finder.candidates(by_side))


_Pooled = tuple[int, int, Span, str]
"""A sentence not settled in its row: side, paragraph, span, folded words."""


class _LinkFinder:
    """The state of one :func:`find_links` pass: texts, rows, and sentences met so far."""

    def __init__(
        self,
        texts: tuple[Sequence[str], Sequence[str]],
        rows: Sequence[tuple[Sequence[int], Sequence[int]]],
        boilerplate: tuple[Sequence[bool], Sequence[bool]],
        options: LinkOptions,
    ) -> None:
        self.texts = texts
        self.rows = rows
        self.options = options
        self.cruft = tuple(list(flags) or [False] * len(side) for flags, side in zip(boilerplate, texts))
        self.row_of: tuple[dict[int, int], dict[int, int]] = ({}, {})
        left_row, right_row = self.row_of
        for number, (lefts, rights) in enumerate(rows):
            for index in lefts:
                left_row[index] = number
            for index in rights:
                right_row[index] = number
        self._spans: tuple[dict[int, list[Span]], dict[int, list[Span]]] = ({}, {})
        self._keys: tuple[dict[int, list[str]], dict[int, list[str]]] = ({}, {})
        self._raw: dict[tuple[int, int, Span], tuple[dict[str, float], dict[str, float]]] = {}
        self._built: dict[tuple[int, int, Span], _Sentence] = {}
        self._idf: defaultdict[str, float] = defaultdict(float)
        self._side_text: list[str | None] = [None, None]
        self._unique: dict[str, bool] = {}  # runs looked up by unique_phrase
        self._by_phrase: set[tuple[int, int]] = set()  # ids of sentence pairs linked by a carried phrase

    def spans_of(self, side: int, index: int) -> list[Span]:
        """A paragraph's sentence spans (computed once)."""
        found = self._spans[side].get(index)
        if found is None:
            found = self._spans[side][index] = sentence_spans(self.texts[side][index])
        return found

    def keys_of(self, side: int, index: int) -> list[str]:
        """A paragraph's sentences as folded words (computed once)."""
        found = self._keys[side].get(index)
        if found is None:
            text = self.texts[side][index]
            found = self._keys[side][index] = [_fold_key(text[a:b]) for a, b in self.spans_of(side, index)]
        return found

    def unsettled(self) -> list[_Pooled]:
        """1. Every content sentence not matched word for word inside its own row (sentences
        of fewer words than ``min_terms`` can never link and are left out at once)."""
        pool: list[_Pooled] = []
        left, right = self.texts
        least = self.options.min_terms
        for sides in self.rows:
            lefts, rights = sides
            if len(lefts) == 1 == len(rights):
                left_text, right_text = left[lefts[0]], right[rights[0]]
                if left_text == right_text or left_text.split() == right_text.split():
                    continue  # the commonest row: one paragraph, unchanged (or only its spacing)
            elif lefts and rights and _same_words([left[i] for i in lefts], [right[j] for j in rights]):
                continue  # the row's two sides are the same words (a merge, a split): all settled
            usable = [
                [i for i in sides[side] if not self.cruft[side][i] and len(self.texts[side][i].split()) >= least]
                for side in (0, 1)
            ]
            keys: tuple[set[str], set[str]] = (set(), set())
            if usable[0] and usable[1]:
                for side in (0, 1):
                    for index in usable[side]:
                        keys[side].update(self.keys_of(side, index))
            found: list[_Pooled] = []
            for side in (0, 1):
                other_keys = keys[1 - side]
                for index in usable[side]:
                    for span, key in zip(self.spans_of(side, index), self.keys_of(side, index)):
                        if key.count(" ") + 1 >= least and key not in other_keys:
                            found.append((side, index, span, key))
            pool.extend(self._without_near_verbatim(found) if usable[0] and usable[1] else found)
        return pool

    def _without_near_verbatim(self, found: list[_Pooled]) -> list[_Pooled]:
        """Leave out the unsettled sentences of one row that have a near-verbatim partner on
        the row's other side (an edited word): their row explains them."""
        lefts = [item for item in found if item[0] == 0]
        rights = [item for item in found if item[0] == 1]
        if not lefts or not rights or len(lefts) * len(rights) > _ROW_PAIRS:
            return found
        near = self.options.near * 100
        explained: set[_Pooled] = set()
        for a in lefts:
            for b in rights:
                if fuzz.ratio(a[3], b[3], score_cutoff=near):
                    explained.update((a, b))
        return [item for item in found if item not in explained]

    def raw_terms(self, side: int, index: int, span: Span) -> tuple[dict[str, float], dict[str, float]]:
        """A sentence's content terms and statement terms (the aligner's, computed once)."""
        found = self._raw.get((side, index, span))
        if found is None:
            text = self.texts[side][index][span[0] : span[1]]
            found = self._raw[(side, index, span)] = sentence_terms(text, _TERM_OPTIONS)
        return found

    def weigh(self, pool: list[_Pooled]) -> None:
        """2. Weigh words by their rarity among the pooled sentences; a word none of them has
        (met in a row's other side) weighs as much as the rarest."""
        frequency: Counter[str] = Counter()
        for side, index, span, _ in pool:
            frequency.update(self.raw_terms(side, index, span)[0].keys())
        total = len(pool)
        self._idf = defaultdict(lambda: math.log(1 + total))
        self._idf.update({term: math.log(1 + total / count) for term, count in frequency.items()})

    def sentence(self, side: int, index: int, span: Span, key: str | None = None) -> _Sentence:
        """A sentence with its weighted vectors (built once)."""
        found = self._built.get((side, index, span))
        if found is None:
            terms, stated = self.raw_terms(side, index, span)
            if key is None:
                key = _fold_key(self.texts[side][index][span[0] : span[1]])
            idf = self._idf
            found = self._built[(side, index, span)] = _Sentence(
                side,
                index,
                span,
                key,
                _unit({t: w * idf[t] for t, w in terms.items()}),
                _unit({t: w * idf[t] for t, w in stated.items()}),
                len(terms),
            )
        return found

    def similarity(self, a: _Sentence, b: _Sentence) -> float:
        """Character similarity if near-verbatim, else the cosine if they share a statement."""
        options = self.options
        if a.key == b.key:
            return 1.0
        ratio = fuzz.ratio(a.key, b.key) / 100
        if ratio >= options.near:
            return ratio
        cosine = _dot(a.vector, b.vector)
        if (
            cosine >= options.cosine
            and _dot(a.statement, b.statement) >= options.statement
            and len(a.statement.keys() & b.statement.keys()) >= options.shared
        ):
            return cosine
        return self.phrase(a, b)

    def phrase(self, a: _Sentence, b: _Sentence) -> float:
        """Evidence of a phrase carried word for word: a quote, a wire report's figures.

        Independent reports of one event quote the same words and copy the same figures
        ("149 passengers and eight crew members") inside sentences that are otherwise their
        own. Runs of at least three words that the two sentences share, each found once in
        each document (so not a set phrase of the story), count by their content words. A
        pair counts when they hold enough content words and statement words, and one run
        carries a number (a figure is the fact) or is long (a quoted clause); never when a
        run is negated in one sentence only ("found not guilty on four" / "found guilty on
        four"). The score sits between the statement threshold and near-verbatim, growing
        with the number of words carried; 0 when the evidence is short of that.
        """
        options = self.options
        a_tokens, b_tokens = a.key.split(), b.key.split()
        stated = (self.raw_terms(a.side, a.paragraph, a.span)[1], self.raw_terms(b.side, b.paragraph, b.span)[1])
        runs = []
        for a_start, b_start, length in _shared_runs(a_tokens, b_tokens):
            run = a_tokens[a_start : a_start + length]
            content = [token for token in run if _is_content(token)]
            if len(content) >= 2:
                runs.append((a_start, b_start, length, run, content))

        def enough(chosen: list[tuple[int, int, int, list[str], list[str]]]) -> bool:
            words = sum(len(content) for *_, content in chosen)
            # a statement word in either sentence: "party" is lower case in one of them
            statement = sum(
                1
                for *_, content in chosen
                for token in content
                if light_stem(token) in stated[0] or light_stem(token) in stated[1]
            )
            strong = any(
                length >= _LONG_RUN or any(token.isdigit() or token in SMALL_NUMBERS for token in content)
                for _, _, length, _, content in chosen
            )
            return strong and words >= options.phrase_words and statement >= options.phrase_statement

        if not enough(runs):  # cheap: short of the bar even if every run were unique
            return 0.0
        runs = [run for run in runs if self.unique_phrase(" ".join(run[3]))]
        if any(_negated(a_tokens, a_start) != _negated(b_tokens, b_start) for a_start, b_start, *_ in runs):
            return 0.0  # one sentence denies what the other states
        if not enough(runs):
            return 0.0
        self._by_phrase.add((id(a), id(b)))
        return min(options.cosine + 0.02 * sum(len(content) for *_, content in runs), options.near - 0.01)

    def unique_phrase(self, phrase: str) -> bool:
        """Whether a run of folded words occurs once in each document (cruft aside).

        Looked up in the lower-cased texts around each place of the run's longest word (a
        plain substring search, then a pattern over a short window: no pass over the whole
        text per run). A run whose longest word occurs more than :data:`_PHRASE_PLACES`
        times is common wording, not evidence, and counts as not unique.
        """
        known = self._unique.get(phrase)
        if known is None:
            known = self._unique[phrase] = self._occurs_once(phrase)
        return known

    def _occurs_once(self, phrase: str) -> bool:
        """:meth:`unique_phrase`, without the memory of runs already looked up."""
        tokens = phrase.split()
        anchor = max(tokens, key=len)
        offset = tokens.index(anchor)
        pattern = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, tokens)) + r"(?!\w)")
        reach = len(phrase) * 4 + 16  # room for the punctuation between the words
        for side in (0, 1):
            if self._side_text[side] is None:
                self._side_text[side] = "\n".join(
                    text for text, cruft in zip(self.texts[side], self.cruft[side]) if not cruft
                ).lower()
            text: str = self._side_text[side]  # type: ignore[assignment]
            starts: set[int] = set()
            place, places = text.find(anchor), 0
            while place >= 0:
                places += 1
                if places > _PHRASE_PLACES:
                    return False
                low = max(0, place - reach) if offset else place
                starts.update(low + m.start() for m in pattern.finditer(text[low : place + reach]))
                if len(starts) > 1:
                    return False
                place = text.find(anchor, place + 1)
            if len(starts) != 1:
                return False
        return True

    def candidates(self, by_side: tuple[list[_Sentence], list[_Sentence]]) -> dict[tuple[int, int], float]:
        """3. Scored pairs across rows, from an index of the right sentences' words."""
        word_index: dict[str, list[tuple[int, float]]] = defaultdict(list)  # postings with the word's weight
        for number, item in enumerate(by_side[1]):
            for term, weight in item.vector.items():
                word_index[term].append((number, weight))
        cap = max(50, len(by_side[1]) // 20)  # very common words cost most and tell least
        scored: dict[tuple[int, int], float] = {}
        for a_number, a in enumerate(by_side[0]):
            overlap: dict[int, float] = defaultdict(float)
            for term, value in a.vector.items():
                postings = word_index.get(term)
                if postings and len(postings) <= cap:
                    for b_number, weight in postings:
                        overlap[b_number] += value * weight
            a_row = self.row_of[0].get(a.paragraph)
            ranked = sorted(overlap.items(), key=lambda item: -item[1])[: self.options.candidates * 4]
            for b_number, shared in ranked:
                if shared < _LEAST_OVERLAP:
                    break  # too few shared words for a near-verbatim or a statement match
                b = by_side[1][b_number]
                if a_row is not None and a_row == self.row_of[1].get(b.paragraph):
                    continue  # the row already links the two paragraphs
                value = self.similarity(a, b)
                if value > 0:
                    scored[(a_number, b_number)] = value
        self._phrase_candidates(by_side, scored)
        return scored

    def _phrase_candidates(
        self, by_side: tuple[list[_Sentence], list[_Sentence]], scored: dict[tuple[int, int], float]
    ) -> None:
        """Pairs that share a rare run of three words, however little else they share: a
        quote or a figure carried into a sentence that is otherwise new (its word overlap is
        too small for the word index to rank it)."""
        trigrams: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for number, item in enumerate(by_side[1]):
            for trigram in _content_trigrams(item.key):
                trigrams[trigram].append(number)
        seen: set[tuple[int, int]] = set()
        for a_number, a in enumerate(by_side[0]):
            a_row = self.row_of[0].get(a.paragraph)
            for trigram in _content_trigrams(a.key):
                postings = trigrams.get(trigram, ())
                if len(postings) > _PHRASE_POSTINGS:
                    continue
                for b_number in postings:
                    pair = (a_number, b_number)
                    if pair in scored or pair in seen:
                        continue
                    seen.add(pair)
                    b = by_side[1][b_number]
                    if a_row is not None and a_row == self.row_of[1].get(b.paragraph):
                        continue
                    value = self.phrase(a, b)
                    if value > 0:
                        scored[pair] = value

    def own_row_best(self, item: _Sentence) -> float:
        """The best match a sentence has on the other side of its own row (0 if none)."""
        number = self.row_of[item.side].get(item.paragraph)
        if number is None:
            return 0.0
        other = 1 - item.side
        best = 0.0
        for index in self.rows[number][other]:
            if self.cruft[other][index]:
                continue
            for span in self.spans_of(other, index):
                partner = self.sentence(other, index, span)
                pair = (item, partner) if item.side == 0 else (partner, item)
                best = max(best, self.similarity(*pair))
        return best

    def accept(
        self, by_side: tuple[list[_Sentence], list[_Sentence]], scored: dict[tuple[int, int], float]
    ) -> tuple[Link, ...]:
        """4. Keep pairs that are each other's best across rows and beat their own rows.

        A pair joined by a carried phrase need not be each other's best: its runs occur once
        in each document, so no other pair holds them, and a sentence that carries two
        quotes ("sad to be giving up …" and "eccentric to change …") links to both.
        """
        best: tuple[dict[int, tuple[float, int]], dict[int, tuple[float, int]]] = ({}, {})
        for (a_number, b_number), value in scored.items():
            for side, own, other in ((0, a_number, b_number), (1, b_number, a_number)):
                held = best[side].get(own)
                if held is None or (value, -other) > (held[0], -held[1]):
                    best[side][own] = (value, other)
        links: list[Link] = []
        for (a_number, b_number), value in scored.items():
            a, b = by_side[0][a_number], by_side[1][b_number]
            mutual = best[0][a_number][1] == b_number and best[1][b_number][1] == a_number
            if not mutual and (id(a), id(b)) not in self._by_phrase:
                continue  # not each other's best across rows
            a_own, b_own = self.own_row_best(a), self.own_row_best(b)
            if value < min(a_own, b_own) + self.options.margin:
                continue  # both sentences are matched as well in their own rows
            kind = _kind(a, b, a_own, b_own, self.rows, self.row_of, self.options)
            links.append(Link(a.paragraph, b.paragraph, kind, a.span, b.span, round(value, 4)))
        links.sort(key=lambda link: (link.left, link.right, link.left_span))
        return tuple(links)


_ROW_PAIRS = 2_500
"""Most sentence pairs of one row compared by characters when settling edited sentences."""

_LEAST_OVERLAP = 0.3
"""Least cosine over the indexed words for a candidate to be scored at all (both a
near-verbatim pair and a statement match, cosine 0.6, share far more)."""

_TERM_OPTIONS = Options()
"""The aligner's default word weights (names, numbers), for sentence terms."""


_PHRASE_PLACES = 50
"""Most places of a run's longest word searched for the run itself (see ``unique_phrase``)."""

_PHRASE_POSTINGS = 3
"""A run of three words found in more sentences than this is a set phrase, not evidence."""


_LONG_RUN = 7
"""A shared run of this many words is a carried clause (a quote) even without a figure."""

_NEGATIONS = frozenset({"not", "no", "never", "t", "nor", "neither", "without"})
"""Folded words that negate what follows (``didn't`` folds to ``didn t``)."""


def _is_content(token: str) -> bool:
    """Whether a folded word carries content (not a stopword, not a stray letter)."""
    return token not in ALIGNMENT_STOPWORDS and (len(token) > 1 or token.isdigit())


def _negated(tokens: list[str], start: int) -> bool:
    """Whether one of the two words before ``start`` negates the run that starts there."""
    return any(token in _NEGATIONS for token in tokens[max(0, start - 2) : start])


def _content_trigrams(key: str) -> set[tuple[str, ...]]:
    """The runs of three folded words of a sentence that hold at least one content word."""
    tokens = key.split()
    content = [_is_content(token) for token in tokens]  # each word judged once, not in each of its runs
    return {
        (first, second, third)
        for first, second, third, *judged in zip(tokens, tokens[1:], tokens[2:], content, content[1:], content[2:])
        if any(judged)
    }


def _shared_runs(a: list[str], b: list[str], least: int = 3) -> list[tuple[int, int, int]]:
    """Maximal runs of at least ``least`` tokens found in both lists: (start in a, start in b, length).

    >>> _shared_runs("the jury of eight men and four women said".split(), "comprised of eight men and four women".split())
    [(2, 1, 6)]
    """
    if len(a) < least or len(b) < least:
        return []
    starts: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(b) - least + 1):
        starts[tuple(b[j : j + least])].append(j)
    runs: list[tuple[int, int, int]] = []
    for i in range(len(a) - least + 1):
        for j in starts.get(tuple(a[i : i + least]), ()):
            if i and j and a[i - 1] == b[j - 1]:
                continue  # inside a longer run that started earlier
            length = least
            while i + length < len(a) and j + length < len(b) and a[i + length] == b[j + length]:
                length += 1
            runs.append((i, j, length))
    return runs


def _kind(
    a: _Sentence,
    b: _Sentence,
    a_own: float,
    b_own: float,
    rows: Sequence[tuple[Sequence[int], Sequence[int]]],
    row_of: tuple[dict[int, int], dict[int, int]],
    options: LinkOptions,
) -> LinkKind:
    """rebroken next to its row, restated when told twice or alone, else split."""
    left_row, right_row = rows[row_of[0][a.paragraph]], rows[row_of[1][b.paragraph]]
    if any(abs(b.paragraph - j) == 1 for j in left_row[1]) or any(abs(a.paragraph - i) == 1 for i in right_row[0]):
        return "rebroken"
    told_twice = max(a_own, b_own) >= min(options.near, options.cosine)
    if told_twice or not (left_row[0] and left_row[1] and right_row[0] and right_row[1]):
        return "restated"
    return "split"


__all__ = ["LINK_KINDS", "Link", "LinkKind", "LinkOptions", "find_links", "sentence_spans"]
