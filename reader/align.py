"""Paragraph alignment: which paragraphs of one version became which of the other.

The method, chosen by measuring against hand-made gold alignments of the seeds
(``tests/gold``):

1. Paragraphs become bags of content words (stopwords dropped, light stemming), weighted by
   rarity over both documents (IDF). Names weigh less than statements, so two paragraphs
   about the same people saying different things stay apart; numbers weigh more.
2. Candidates come from an inverted index over rare words (top few per paragraph from each
   side), plus exact matches, so no all-pairs similarity matrix is ever built.
3. Each candidate pair is scored at sentence level: how much of each side's content is
   covered by its best matching sentence on the other side. Sentence evidence is what shows
   that one rewritten paragraph merges several originals. Many candidates (a long pair) are
   scored as flat numpy arrays, with the same sums in the same order: the same values bit for
   bit, so the rows never depend on the path taken.
4. A monotone backbone of 1:1 links maximises total score (a weighted longest increasing
   subsequence), so order is a prior, not a law.
5. Left-over paragraphs whose content is mostly covered by a neighbouring link join it
   (merges and splits). A left-over paragraph holding a sentence that is the mutual best
   match of a sentence in a linked paragraph, sharing three words with it, joins that link
   wherever it stands (a condensed rewrite merges facts from far apart). Between the same
   two rows on both sides, adjacent left-overs that make up one left-over of the other side
   word for word are one row (lines joined or cut: a reflow), other left-overs pair up when
   their characters mostly agree, and a left-over that is word for word the end (or start)
   of its neighbour's linked paragraph joins that row: short lines of dialogue have too few
   content words to be scored. Remaining strong mutual matches out of order become moves.
6. Boilerplate aligns only with identical boilerplate, never with content; the one
   exception is a page's repeated headline, which joins the row of the headline it repeats.
   A headline pairs only with the other side's headline (or an identical line), never with
   the lede it sums up.
   Identical boilerplate left over between the same two rows on both sides pairs up in
   order (a repeated line whose copies no longer number the same on both sides). A line
   tagged as boilerplate because it repeats (a saying, a refrain) is a line of the text
   otherwise: its copies pair with copies whatever their tags, and an edited copy pairs by
   characters between two rows as other short lines do.

A change here that can change any comparison's rows must bump
:data:`reader.compare.ENGINE_VERSION`, so that cached comparisons are recomputed.
"""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from reader.language import ALIGNMENT_STOPWORDS as STOPWORDS
from reader.language import light_stem as _stem
from reader.language import split_sentences
from reader.text import fold_typography

_TERM_RE = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class Options:
    """Tuning knobs of the aligner (defaults calibrated on the seeds' gold alignments).

    Attributes:
        link: Minimum mutual score for a 1:1 link in the ordered backbone.
        attach: Minimum one-way coverage for a paragraph to join a neighbouring link
            (a merge or a split).
        attach_relative: A joining paragraph's coverage must be at least this share of its
            best coverage anywhere.
        move: Minimum mutual score for an out-of-order pair to count as a move.
        candidates: How many candidates each paragraph keeps from the word index.
        title: Score given to the two headlines (or a headline and the other side's lead
            paragraph) when they share any content word.
        statement: Minimum cosine of the two paragraphs' words other than names: shared
            names alone (the same spokesperson saying something else) never link.
        min_terms: Paragraphs with fewer distinct content words link only when identical.
        name_weight: Weight of capitalised words (names) relative to other content words.
        number_weight: Weight of numbers relative to other content words.
        anchor: Minimum cosine of a mutual-best sentence pair for a left-over paragraph to
            join the row of the paragraph holding the other sentence, out of order if need be.
        anchor_terms: Fewest content words such a sentence pair must share. The pair may join
            paragraphs from anywhere in the documents, so a word or two in common is no
            evidence of a shared fact: a reference work's citation ("--Dryden."), a numbered
            sense ("3. vt."), a dateline's place and day.
    """

    link: float = 0.1
    attach: float = 0.15
    attach_relative: float = 0.9
    move: float = 0.35
    candidates: int = 6
    min_terms: int = 4
    title: float = 0.5
    statement: float = 0.15
    name_weight: float = 1.0
    number_weight: float = 1.5
    anchor: float = 0.3
    anchor_terms: int = 3


@dataclass(frozen=True)
class Group:
    """A set of left paragraphs aligned with a set of right paragraphs.

    Either side may be empty (a dropped or added paragraph). ``score`` is the alignment
    evidence in 0..1 (0 for one-sided groups); ``moved`` marks a link out of order.
    """

    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float = 0.0
    moved: bool = False


def _terms(sentence: str, options: Options) -> tuple[dict[str, float], dict[str, float]]:
    """Content terms of a sentence with their class weight (name, number, word), and the
    same without names (what the sentence states, not who it is about).

    Bigrams of adjacent content words were tried as "shared statement" evidence and lowered
    F1 on the gold alignments (0.55 to 0.52), so terms are single stemmed words.
    """
    found: dict[str, float] = {}
    statement: dict[str, float] = {}
    tokens = _TERM_RE.findall(sentence)
    for position, raw in enumerate(tokens):
        try:
            term = _TERM_OF[raw]
        except KeyError:
            term = _term_of(raw)
        if term is None:
            continue
        if raw[0].isupper() and (position > 0 or tokens[1:2] and tokens[1][0].isupper()):
            if options.name_weight:
                found[term] = found.get(term, 0.0) + options.name_weight
            continue
        weight = options.number_weight if raw[0].isdigit() else 1.0
        found[term] = found.get(term, 0.0) + weight
        statement[term] = statement.get(term, 0.0) + weight
    return found, statement


_TERM_OF: dict[str, str | None] = {}
"""Each word's stemmed term, or None for a stopword: a word is stemmed once per process."""

_TERM_OF_LIMIT = 200_000
"""Most words remembered in :data:`_TERM_OF` (a few MB); beyond, words are stemmed each time."""


def _term_of(raw: str) -> str | None:
    """The term of a word as :func:`_terms` counts it (None: a stopword or a lone letter)."""
    lower = raw.lower()
    term = None if lower in STOPWORDS or (len(lower) < 2 and not lower.isdigit()) else _stem(lower)
    if len(_TERM_OF) < _TERM_OF_LIMIT:
        _TERM_OF[raw] = term
    return term


def sentence_terms(sentence: str, options: Options = Options()) -> tuple[dict[str, float], dict[str, float]]:
    """A sentence's content terms with their class weight, and the same without names.

    The aligner's own word machinery (stopwords, light stemming, name and number weights),
    for passes that work on sentences after the alignment (``reader.links``).

    >>> sentence_terms("She met the ministers in Paris.")[1]
    {'met': 1.0, 'minister': 1.0}
    """
    return _terms(sentence, options)


def _paragraph_terms(
    text: str, options: Options, known: dict[str, tuple[dict[str, float], dict[str, float]]] | None = None
) -> tuple[list[dict[str, float]], dict[str, float]]:
    """Per-sentence content terms, and the paragraph's unit statement vector (no names).

    ``known`` remembers each sentence's :func:`_terms` by its text: an edited paragraph keeps
    most of its sentences, so both versions share them (the dicts are shared: read them only).
    """
    sentences: list[dict[str, float]] = []
    stated_each = []
    for sentence in split_sentences(text):
        if known is None:
            terms, stated = _terms(sentence, options)
        else:
            found = known.get(sentence)
            if found is None:
                found = known[sentence] = _terms(sentence, options)
            terms, stated = found
        sentences.append(terms)
        stated_each.append(stated)
    if len(stated_each) == 1:  # the sum below would give the same values (0.0 + each)
        return sentences, _normalise(stated_each[0])[0]
    statement: dict[str, float] = defaultdict(float)
    for stated in stated_each:
        for term, weight in stated.items():
            statement[term] += weight
    return sentences, _normalise(statement)[0]


@dataclass
class _Features:
    sentences: list[dict[str, float]]  # unit-normalised weighted vectors
    masses: list[float]  # each sentence's share of the paragraph's content
    vector: dict[str, float]  # unit-normalised paragraph vector


def _normalise(vector: dict[str, float]) -> tuple[dict[str, float], float]:
    norm = math.sqrt(sum([value * value for value in vector.values()]))  # a list: the same sum, sooner
    if not norm:
        return {}, 0.0
    return {term: value / norm for term, value in vector.items()}, norm


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    total: float = 0  # a plain loop: a third faster than sum() over a generator, and the same sum
    for term, value in a.items():
        if term in b:
            total += value * b[term]
    return total


def _features(
    raw: list[list[dict[str, float]]],
    idf: dict[str, float],
    known: dict[int, tuple[dict[str, float], float]] | None = None,
) -> list[_Features]:
    """Each paragraph's weighted sentence vectors, sentence masses and paragraph vector.

    ``known`` remembers a sentence's unit vector and norm by the identity of its terms dict
    (:func:`_paragraph_terms` shares the dict of a repeated sentence); the dicts must outlive
    ``known``.
    """
    if known is None:
        known = {}
    result = []
    for sentences in raw:
        vectors, masses = [], []
        if len(sentences) == 1:
            # One sentence: the paragraph's vector is the sentence's (the sums below add each
            # value to 0.0), one dict shared by both; its mass is the whole (1.0), or 0.0 if empty.
            unit, norm = _unit(sentences[0], idf, known)
            result.append(_Features([unit], [1.0 if norm else 0.0], unit))
            continue
        total: dict[str, float] = {}
        for terms in sentences:
            unit, norm = _unit(terms, idf, known)
            weighted = {term: weight * idf[term] for term, weight in terms.items()}  # not kept: memory
            if total.keys().isdisjoint(weighted):
                total.update(weighted)  # new terms: 0.0 + each value, in the sentence's order
            else:
                for term, value in weighted.items():
                    total[term] = total.get(term, 0.0) + value
            vectors.append(unit)
            masses.append(norm)
        mass_sum = sum(masses) or 1.0
        result.append(_Features(vectors, [m / mass_sum for m in masses], _normalise(total)[0]))
    return result


def _unit(
    terms: dict[str, float], idf: dict[str, float], known: dict[int, tuple[dict[str, float], float]]
) -> tuple[dict[str, float], float]:
    """A sentence's terms weighted by rarity as a unit vector, and its norm (once per dict)."""
    found = known.get(id(terms))
    if found is None:
        found = known[id(terms)] = _normalise({term: weight * idf[term] for term, weight in terms.items()})
    return found


COVERAGE_LIMIT = 250_000
"""Most sentence pairs scored for one paragraph pair; beyond (paragraphs of thousands of
sentences, a quadratic cost) the paragraphs' cosine stands in for both coverages."""


_REMEMBERED_SCORES = 400
"""Largest sentence-score table kept for a repeat of the same two texts."""


def _cached_terms(
    text: str,
    options: Options,
    known: dict[str, tuple[list[dict[str, float]], dict[str, float]]],
    sentences: dict[str, tuple[dict[str, float], dict[str, float]]],
) -> tuple[list[dict[str, float]], dict[str, float]]:
    """:func:`_paragraph_terms`, once per distinct text (the result is shared: read it only);
    ``sentences`` is its memo of sentence terms."""
    found = known.get(text)
    if found is None:
        found = known[text] = _paragraph_terms(text, options, sentences)
    return found


def _top(scores: list[float], ids: list[int], keep: int, *, ties_to_last: bool) -> list[int]:
    """The ``ids`` of the ``keep`` largest ``scores`` (parallel lists).

    Ties at the cut go to the ids that come first (a stable sort by score) or, with
    ``ties_to_last``, last (``heapq.nlargest`` of ``(score, id)`` with ids in increasing order).
    """
    if len(scores) <= keep:
        return ids
    cut = sorted(scores)[-keep]  # sorting bare floats is far faster than sorting pairs by a key
    chosen = [k for k, score in zip(ids, scores) if score >= cut]
    if len(chosen) > keep:
        above = [k for k, score in zip(ids, scores) if score > cut]
        tied = [k for k, score in zip(ids, scores) if score == cut]
        need = keep - len(above)
        chosen = above + (tied[len(tied) - need :] if ties_to_last else tied[:need])
    return chosen


CANDIDATE_BLOCK = 2_000_000
"""Most paragraph pairs scored at once by the sparse product (about 50 MB of temporaries)."""

CANDIDATE_WORK = 60_000_000
"""Most paragraph pairs the word index may score in all (time grows with it: about 10 s).

Beyond (a long document repeated many times, where every word has many postings), the
index leaves out its commonest words until the work fits, and says so on stderr."""

SPARSE_FROM = 200_000
"""Pairs to score from which the compiled sparse product is worth importing numpy/scipy."""


def _candidates(left: list[_Features], right: list[_Features], keep: int) -> set[tuple[int, int]]:
    """Top ``keep`` right paragraphs per left paragraph and vice versa, by paragraph cosine.

    Only words with few postings count (common words cost the most and discriminate least).
    Ties at a cut go to the paragraph that comes first (per left paragraph) or last (per
    right paragraph).
    """
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, features in enumerate(right):
        for term, value in features.vector.items():
            index[term].append((j, value))
    cap, work = _posting_cap(left, index, len(right))
    if work >= SPARSE_FROM:
        return _sparse_candidates(left, right, keep, cap)
    right_scores: list[list[float]] = [[] for _ in right]  # each right paragraph's scores, by left paragraph
    right_ids: list[list[int]] = [[] for _ in right]
    pairs: set[tuple[int, int]] = set()
    usable = {term: postings for term, postings in index.items() if len(postings) <= cap}
    for i, features in enumerate(left):
        scores: dict[int, float] = defaultdict(float)
        for term, value in features.vector.items():
            postings = usable.get(term)
            if postings is not None:
                for j, other in postings:
                    scores[j] += value * other
        if len(scores) <= keep:
            pairs.update((i, j) for j in scores)
        else:
            cut = sorted(scores.values())[-keep]
            chosen = [j for j, score in scores.items() if score >= cut]
            if len(chosen) > keep:  # ties at the cut: the first paragraphs take them
                ids = sorted(scores)
                chosen = _top([scores[j] for j in ids], ids, keep, ties_to_last=False)
            pairs.update((i, j) for j in chosen)
        for j, score in scores.items():
            right_scores[j].append(score)
            right_ids[j].append(i)
    for j, scored in enumerate(right_scores):
        for i in _top(scored, right_ids[j], keep, ties_to_last=True):
            pairs.add((i, j))
    return pairs


def _posting_cap(left: list[_Features], index: dict[str, list[tuple[int, float]]], n_right: int) -> tuple[int, int]:
    """The most right postings a word may have to be indexed, and the pairs it leaves to score.

    The cap is a share of the document (``max(50, n_right // 20)``), lowered when the pairs
    to score would pass :data:`CANDIDATE_WORK` (repeated text: degrade, never explode).
    """
    cap = max(50, n_right // 20)
    work = 0
    for features in left:
        for term in features.vector:
            postings = index.get(term)
            if postings and len(postings) <= cap:
                work += len(postings)
    if work <= CANDIDATE_WORK:
        return cap, work
    work_by_postings: Counter[int] = Counter()
    for features in left:
        for term in features.vector:
            postings = index.get(term)
            if postings:
                work_by_postings[len(postings)] += len(postings)
    work = 0
    for postings_count in sorted(work_by_postings):
        if work + work_by_postings[postings_count] > CANDIDATE_WORK:
            cap = max(postings_count - 1, 1)
            break
        work += work_by_postings[postings_count]
    import logging  # here: only repetitive text warns, and logging takes 2 ms to import

    logging.getLogger(__name__).warning(
        "reader: repetitive text: words found in more than %d paragraphs were left out of "
        "the candidate index (coarser alignment candidates)",
        cap,
    )
    return cap, work


def _sparse_candidates(left: list[_Features], right: list[_Features], keep: int, cap: int) -> set[tuple[int, int]]:
    """:func:`_candidates` as sparse matrix products (scipy), in blocks of left paragraphs."""
    import numpy as np
    from scipy import sparse

    right_df: Counter[str] = Counter(term for features in right for term in features.vector)
    vocabulary = {term: k for k, term in enumerate(t for t, n in right_df.items() if n <= cap)}

    def matrix(features: list[_Features]) -> Any:
        indptr, indices, data = [0], [], []
        for paragraph in features:
            for term, value in paragraph.vector.items():
                column = vocabulary.get(term)
                if column is not None:
                    indices.append(column)
                    data.append(value)
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
            shape=(len(features), len(vocabulary)),
        )

    left_matrix, right_matrix = matrix(left), matrix(right).T.tocsr()
    postings = np.diff(right_matrix.indptr).astype(np.float64)
    work_per_row = left_matrix.copy()
    work_per_row.data[:] = 1.0
    work_per_row = work_per_row @ postings
    pairs: set[tuple[int, int]] = set()
    kept = sparse.coo_matrix((len(left), len(right)))  # each right paragraph's best so far
    start = 0
    while start < len(left):
        end, work = start, 0.0
        while end < len(left) and (end == start or work + work_per_row[end] <= CANDIDATE_BLOCK):
            work += work_per_row[end]
            end += 1
        block = (left_matrix[start:end] @ right_matrix).tocsr()
        block.sort_indices()
        rows = np.repeat(np.arange(start, end), np.diff(block.indptr))
        chosen = _top_in_segments(block.indptr, block.data, keep, ties_to_last=False)
        pairs.update(zip(rows[chosen].tolist(), block.indices[chosen].tolist()))
        # Per right paragraph: a running top ``keep``, ties to the higher left index.
        block = block.tocoo()
        columns = sparse.csc_matrix(
            (
                np.concatenate((kept.data, block.data)),
                (np.concatenate((kept.row, block.row + start)), np.concatenate((kept.col, block.col))),
            ),
            shape=(len(left), len(right)),
        )
        columns.sort_indices()
        chosen = _top_in_segments(columns.indptr, columns.data, keep, ties_to_last=True)
        columns = columns.tocoo()
        kept = sparse.coo_matrix(
            (columns.data[chosen], (columns.row[chosen], columns.col[chosen])), shape=(len(left), len(right))
        )
        start = end
    pairs.update(zip(kept.row.tolist(), kept.col.tolist()))
    return pairs


def _top_in_segments(indptr: Any, values: Any, keep: int, *, ties_to_last: bool) -> Any:
    """Positions of the ``keep`` largest positive ``values`` in each segment ``indptr[k]:indptr[k+1]``.

    Ties go to the first position of a segment (or the last, with ``ties_to_last``): with
    sorted indices, the lowest (highest) paragraph index, as :func:`_top` chooses. ``keep``
    passes of segment maxima (numpy), so nothing is sorted.
    """
    import numpy as np

    counts = np.diff(indptr)
    starts = indptr[:-1][counts > 0]
    if not len(starts):
        return np.empty(0, dtype=np.int64)
    lengths = counts[counts > 0]
    remaining = values.astype(np.float64, copy=True)
    positions = np.arange(len(values))
    chosen = []
    for _ in range(keep):
        best = np.maximum.reduceat(remaining, starts)
        is_best = (remaining == np.repeat(best, lengths)) & (remaining > 0)
        if ties_to_last:
            pick = np.maximum.reduceat(np.where(is_best, positions, -1), starts)
            pick = pick[pick >= 0]
        else:
            pick = np.minimum.reduceat(np.where(is_best, positions, len(values)), starts)
            pick = pick[pick < len(values)]
        if not len(pick):
            break
        chosen.append(pick)
        remaining[pick] = -1.0
    return np.concatenate(chosen) if chosen else np.empty(0, dtype=np.int64)


def _monotone(pairs: dict[tuple[int, int], float], threshold: float) -> list[tuple[int, int]]:
    """The order-preserving set of 1:1 links with the largest total (score - threshold).

    A weighted longest increasing subsequence over candidate points, O(P log P) with a
    Fenwick tree of prefix maxima over the right index.
    """
    # By left index, then right index descending: (i, -j) pairs are distinct, so sorting the
    # bare tuples never compares gains and gives the order of a sort keyed on (i, -j).
    points = sorted([(i, -j, score - threshold) for (i, j), score in pairs.items() if score > threshold])
    if not points:
        return []
    position_of = {j: k for k, j in enumerate(sorted({-negated for _, negated, _ in points}))}
    size = len(position_of)
    tree_value = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    best = [0.0] * len(points)
    parent = [-1] * len(points)
    for k, (_, negated, gain) in enumerate(points):
        position = position_of[-negated]  # prefix over columns strictly below j
        value, arg = 0.0, -1
        p = position
        while p > 0:
            held = tree_value[p]
            if held > value:
                value, arg = held, tree_arg[p]
            p &= p - 1  # p -= p & -p: up to the next prefix block
        total = best[k] = value + gain
        parent[k] = arg
        p = position + 1
        while p <= size:
            if total > tree_value[p]:
                tree_value[p], tree_arg[p] = total, k
            p += p & -p
    k = max(range(len(points)), key=best.__getitem__)
    chain = []
    while k != -1:
        chain.append((points[k][0], -points[k][1]))
        k = parent[k]
    return chain[::-1]


def _key(text: str, fold: bool) -> str:
    key = " ".join(text.split())
    return "".join(fold_typography(ch) for ch in key) if fold else key


@dataclass(frozen=True)
class Evidence:
    """Scores of the candidate pairs ``(left index, right index)``.

    Attributes:
        scores: Mutual score in 0..1 (1 for identical paragraphs).
        cover_lr: Share of the left paragraph's content found in the right one.
        cover_rl: Share of the right paragraph's content found in the left one.
        cosine: Cosine of the two paragraphs' whole-paragraph vectors.
        anchors: Cosine of the best sentence pair of the two paragraphs that are each
            other's best match among all candidates and share at least
            :attr:`Options.anchor_terms` words (pairs without one are absent).
    """

    scores: dict[tuple[int, int], float]
    cover_lr: dict[tuple[int, int], float]
    cover_rl: dict[tuple[int, int], float]
    cosine: dict[tuple[int, int], float]
    anchors: dict[tuple[int, int], float]


def _score_pairs(
    sides: tuple[Sequence[str], Sequence[str]],
    boilerplate: tuple[Sequence[bool], Sequence[bool]],
    fold_typography: bool,
    titles: tuple[int, int] | None,
    options: Options,
) -> Evidence:
    """Find candidate paragraph pairs and score them (see the module docstring); :func:`align`'s
    arguments, the two sides' paragraphs and cruft flags paired."""
    left, right = sides
    left_boilerplate, right_boilerplate = boilerplate
    left_bp = list(left_boilerplate) or [False] * len(left)
    right_bp = list(right_boilerplate) or [False] * len(right)
    scores = _exact_matches(left, right, left_bp, right_bp, fold_typography)
    matched_left = {i for i, _ in scores}
    matched_right = {j for _, j in scores}
    # Fuzzy evidence for content paragraphs not matched exactly.
    fuzzy_left = [i for i in range(len(left)) if not left_bp[i] and i not in matched_left]
    fuzzy_right = [j for j in range(len(right)) if not right_bp[j] and j not in matched_right]
    evidence = Evidence(scores, {}, {}, {}, {})
    if fuzzy_left and fuzzy_right:
        _score_fuzzy(evidence, _Sides(left, right, fuzzy_left, fuzzy_right, options), titles)
    if titles is not None and evidence.cosine.get(titles, 0.0) > 0:
        # Structure is evidence: headlines that share any content report the same event.
        scores[titles] = max(scores[titles], options.title)
    return evidence


def _exact_matches(
    left: Sequence[str], right: Sequence[str], left_bp: list[bool], right_bp: list[bool], fold: bool
) -> dict[tuple[int, int], float]:
    """Identical paragraphs (boilerplate only with boilerplate), each pair scored 1.

    A paragraph found once on each side pairs with its copy. A line repeated on a side (a
    saying, a refrain) offers every copy to every copy when there are few of them, so the
    ordered backbone keeps the copies that stand in order and a copy moved far away is
    found as a move, instead of copies paired blindly by rank; more copies than that pair in
    order when both sides have the same number. A line repeated on both sides pairs its
    copies whatever their cruft flags (a copy is tagged as a repeat, its first occurrence is
    not); otherwise cruft pairs only with cruft (a page's repeated headline stays apart from
    the other side's one headline).
    """
    left_at: dict[str, list[int]] = defaultdict(list)
    right_at: dict[str, list[int]] = defaultdict(list)
    keys: dict[str, str] = {}  # most paragraphs are on both sides: each text is keyed once
    for at, texts in ((left_at, left), (right_at, right)):
        for index, text in enumerate(texts):
            key = keys.get(text)
            if key is None:
                key = keys[text] = _key(text, fold)
            at[key].append(index)
    scores: dict[tuple[int, int], float] = {}
    for key, lefts in left_at.items():
        rights = right_at.get(key, [])
        if not rights:
            continue
        repeated = len(lefts) > 1 or len(rights) > 1
        if repeated and len(lefts) * len(rights) <= _COPY_PAIRS:
            pairs = [(i, j) for i in lefts for j in rights]
        elif len(lefts) == len(rights):
            pairs = list(zip(lefts, rights))
        else:
            continue
        copies_both_sides = len(lefts) > 1 and len(rights) > 1
        for i, j in pairs:
            if copies_both_sides or left_bp[i] == right_bp[j]:
                scores[(i, j)] = 1.0
    return scores


_COPY_PAIRS = 16
"""Most (left copy, right copy) pairs of one repeated line offered to the backbone."""


class _Sides:
    """The paragraphs left to score by content on both sides, with their term features.

    ``fuzzy_left[a]`` is the left paragraph index of feature row ``a`` (likewise right).
    """

    def __init__(
        self,
        left: Sequence[str],
        right: Sequence[str],
        fuzzy_left: list[int],
        fuzzy_right: list[int],
        options: Options,
    ) -> None:
        self.texts = (left, right)
        self.fuzzy_left, self.fuzzy_right = fuzzy_left, fuzzy_right
        self.options = options
        # A text repeated (a document pasted twice) is split and stemmed once.
        known: dict[str, tuple[list[dict[str, float]], dict[str, float]]] = {}
        sentences: dict[str, tuple[dict[str, float], dict[str, float]]] = {}  # likewise a sentence
        terms_left = [_cached_terms(left[i], options, known, sentences) for i in fuzzy_left]
        terms_right = [_cached_terms(right[j], options, known, sentences) for j in fuzzy_right]
        raw_left, self.statements_left = [t for t, _ in terms_left], [s for _, s in terms_left]
        raw_right, self.statements_right = [t for t, _ in terms_right], [s for _, s in terms_right]
        # Each paragraph's distinct terms (a one-sentence paragraph's are its sentence's keys).
        term_sets = [
            paragraph[0].keys() if len(paragraph) == 1 else {term for sentence in paragraph for term in sentence}
            for paragraph in (*raw_left, *raw_right)
        ]
        document_frequency = Counter(chain.from_iterable(term_sets))
        total = len(raw_left) + len(raw_right)
        idf = {term: math.log(1 + total / df) for term, df in document_frequency.items()}
        sizes = list(map(len, term_sets))
        self.sizes_left, self.sizes_right = sizes[: len(raw_left)], sizes[len(raw_left) :]
        units: dict[int, tuple[dict[str, float], float]] = {}
        self.features_left = _features(raw_left, idf, units)
        self.features_right = _features(raw_right, idf, units)


def _score_fuzzy(evidence: Evidence, sides: _Sides, titles: tuple[int, int] | None) -> None:
    """Score the candidate pairs by sentence coverage, and find the sentence anchors.

    Sentence evidence is computed here: each candidate pair's table of sentence cosines
    (:func:`_sentence_table`) gives both coverages and each sentence's best partner.
    """
    pairs = _candidates(sides.features_left, sides.features_right, sides.options.candidates)
    if titles is not None and titles[0] in sides.fuzzy_left and titles[1] in sides.fuzzy_right:
        pairs.add((sides.fuzzy_left.index(titles[0]), sides.fuzzy_right.index(titles[1])))
    if len(pairs) >= ARRAYS_FROM or (len(pairs) >= ARRAYS_LOADED_FROM and "numpy" in sys.modules):
        _score_tables(evidence, sides, sorted(pairs), titles)
        return
    # Each sentence's best partner among the candidates: (score, paragraph pair).
    best_left: dict[tuple[int, int], tuple[float, tuple[int, int]]] = {}
    best_right: dict[tuple[int, int], tuple[float, tuple[int, int]]] = {}
    scored: dict[tuple[str, str], _Table] = {}  # repeated text pairs are scored once
    fuzzy_left, fuzzy_right = sides.fuzzy_left, sides.fuzzy_right
    sizes_left, sizes_right, least = sides.sizes_left, sides.sizes_right, sides.options.min_terms
    statements_left, statements_right = sides.statements_left, sides.statements_right
    threshold = sides.options.statement
    for a, b in sorted(pairs):
        i, j = fuzzy_left[a], fuzzy_right[b]
        # Scored only with enough content on both sides (a two-word heading is covered by any
        # sentence on its topic) and a shared statement (shared names alone: not the same fact).
        if (i, j) != titles and (
            sizes_left[a] < least or sizes_right[b] < least or _dot(statements_left[a], statements_right[b]) < threshold
        ):
            continue
        row_bests, column_bests = _score_pair(evidence, sides, (a, b), scored)
        # A sentence's best partner is its first largest cell in this order (pairs, rows,
        # cells): per row, the row's first maximum, kept if it beats the best so far.
        for s, value, t in row_bests:
            if value > best_left.get((i, s), (0.0,))[0]:
                best_left[(i, s)] = (value, (j, t))
        for t, value, s in column_bests:
            if value > best_right.get((j, t), (0.0,))[0]:
                best_right[(j, t)] = (value, (i, s))
    anchors = evidence.anchors
    shared = _SharedTerms(sides)
    for (i, s), (value, (j, t)) in best_left.items():
        if best_right[(j, t)][1] == (i, s) and shared.enough(i, s, j, t):
            anchors[(i, j)] = max(anchors.get((i, j), 0.0), value)


class _SharedTerms:
    """Whether two sentences, named by paragraph and place, share :attr:`Options.anchor_terms` words."""

    def __init__(self, sides: _Sides) -> None:
        self.least = sides.options.anchor_terms
        self.left = dict(zip(sides.fuzzy_left, sides.features_left))
        self.right = dict(zip(sides.fuzzy_right, sides.features_right))

    def enough(self, i: int, s: int, j: int, t: int) -> bool:
        first, second = self.left[i].sentences[s], self.right[j].sentences[t]
        if len(first) > len(second):
            first, second = second, first
        return sum(1 for term in first if term in second) >= self.least


_Table = tuple[float, float, list[tuple[int, float, int]], list[tuple[int, float, int]]]
"""A pair's sentence table as :func:`_score_pair` uses it: both coverages, and each row's
(row, first largest value, its column) and each column's (column, value, row), for the rows
and columns whose largest value is not zero."""


def _score_pair(
    evidence: Evidence, sides: _Sides, pair: tuple[int, int], scored: dict[tuple[str, str], _Table]
) -> tuple[list[tuple[int, float, int]], list[tuple[int, float, int]]]:
    """Record one pair's cosine, coverages and score; return its rows' and columns' bests
    (see :data:`_Table`)."""
    a, b = pair
    i, j = sides.fuzzy_left[a], sides.fuzzy_right[b]
    first, second = sides.features_left[a], sides.features_right[b]
    shared = first.vector.keys() & second.vector.keys()
    if len(shared) == 1:  # what _dot adds: 0 + the one product
        (term,) = shared
        cosine = evidence.cosine[(i, j)] = first.vector[term] * second.vector[term]
    else:
        cosine = evidence.cosine[(i, j)] = _dot(first.vector, second.vector)
    if len(first.sentences) * len(second.sentences) > COVERAGE_LIMIT:
        no_bests: list[tuple[int, float, int]] = []
        lr, rl, row_bests, column_bests = cosine, cosine, no_bests, no_bests
    else:
        texts = (sides.texts[0][i], sides.texts[1][j])
        table = scored.get(texts)
        if table is None:
            table = _sentence_table(first, second, shared, cosine)
            if len(first.sentences) * len(second.sentences) <= _REMEMBERED_SCORES:
                scored[texts] = table
        lr, rl, row_bests, column_bests = table
    evidence.cover_lr[(i, j)], evidence.cover_rl[(i, j)] = lr, rl
    evidence.scores[(i, j)] = (lr + rl) / 2
    return row_bests, column_bests


def _sentence_table(first: _Features, second: _Features, shared: set[str], cosine: float) -> _Table:
    """Both coverages of a pair over the cosines of every sentence of one paragraph with every
    sentence of the other (how much of each paragraph's content, weighted by sentence mass, is
    found in some sentence of the other: a plain running sum in sentence order), and each row's
    and column's first maximum, computing only the cells that can be non-zero (the tests hold
    it to the whole table, bit for bit).

    A sentence with no term of the other paragraph scores 0 with every sentence there: its
    row (or column) adds nothing to a coverage and is nobody's best. The other cells are the
    same dots; a row's first maximum among them is its first maximum in the whole row,
    since the cells left out are 0. ``shared`` holds the terms of both paragraphs.
    """
    if not shared:
        return 0.0, 0.0, [], []
    sentences_left, sentences_right = first.sentences, second.sentences
    if len(sentences_left) == 1 and len(sentences_right) == 1:
        # One sentence each: the sentence vectors are the paragraph vectors (see _features).
        rows = [[cosine]]
        live_left = live_right = [0]
    elif len(shared) == 1:
        # One shared term: each cell of two sentences holding it is the one product (_dot).
        (term,) = shared
        live_left = [s for s, sentence in enumerate(sentences_left) if term in sentence]
        live_right = [t for t, sentence in enumerate(sentences_right) if term in sentence]
        values_right = [sentences_right[t][term] for t in live_right]
        rows = [[sentences_left[s][term] * value for value in values_right] for s in live_left]
    else:
        live_left = [s for s, sentence in enumerate(sentences_left) if not shared.isdisjoint(sentence)]
        live_right = [t for t, sentence in enumerate(sentences_right) if not shared.isdisjoint(sentence)]
        rows = [[_dot(sentences_left[s], sentences_right[t]) for t in live_right] for s in live_left]
    lr, row_bests = _covered(live_left, rows, first.masses, live_right)
    rl, column_bests = _covered(live_right, zip(*rows), second.masses, live_left)
    return lr, rl, row_bests, column_bests


def _covered(
    live: list[int], lines: Iterable[Sequence[float]], masses: list[float], other_live: list[int]
) -> tuple[float, list[tuple[int, float, int]]]:
    """One way of :func:`_sentence_table`: the coverage (a running sum in sentence order: ``sum()``
    of floats is compensated from Python 3.12, which would differ) and, per sentence ``live[k]`` whose line ``lines[k]`` of cells is not all
    zero, ``(sentence, best cell, the other side's sentence of its first maximum)``."""
    total = 0.0
    bests = []
    for s, line in zip(live, lines):
        value = max(line)
        if value:
            bests.append((s, value, other_live[line.index(value)]))
            mass = masses[s]
            if mass:
                total += mass * value
    return total, bests


ARRAYS_FROM = 20_000
"""Candidate pairs from which :func:`_score_tables` (numpy) scores them: below, importing
numpy (about 0.1 s) costs more than it saves (a 1 MB pair has 3,000 to 8,500 candidates;
on 8,400, the arrays save 0.05 s)."""

ARRAYS_LOADED_FROM = 2_000
"""Candidate pairs from which the arrays pay when numpy is already imported (the results
are the same bit for bit either way)."""

_DOT_CHUNK = 131_072
"""Most vector pairs multiplied at once by :func:`_pairwise_dots` (bounds its temporaries)."""


class _SparseRows:
    """Sparse vectors (term dicts) as flat arrays, for :func:`_pairwise_dots`.

    Each row's entries keep the dict's order (``terms``, ``values``); ``sorted_keys``
    (``row * width + term``, ascending) and ``sorted_values`` look entries up.
    """

    def __init__(self, vectors: Sequence[dict[str, float]], vocabulary: dict[str, int], width: int) -> None:
        import numpy as np

        lengths = np.fromiter((len(vector) for vector in vectors), dtype=np.int64, count=len(vectors))
        self.lengths = lengths
        self.starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
        total = int(lengths.sum())
        self.terms = np.fromiter((vocabulary[term] for vector in vectors for term in vector), np.int64, total)
        self.values = np.fromiter((value for vector in vectors for value in vector.values()), np.float64, total)
        self.width = width
        keys = np.repeat(np.arange(len(vectors), dtype=np.int64), lengths) * width + self.terms
        order = np.argsort(keys, kind="stable")
        self.sorted_keys = keys[order]
        self.sorted_values = self.values[order]


def _pairwise_dots(first: _SparseRows, second: _SparseRows, rows_first: Any, rows_second: Any) -> Any:
    """``_dot(first[p], second[q])`` for every ``(p, q)`` of the two index arrays, bit for bit.

    :func:`_dot` walks the shorter dict (the first one on a tie) in its order and adds the
    products one by one; here the walked entries are looked up in the other side's sorted
    keys, and ``numpy.bincount`` adds each pair's products in that same order.
    """
    import numpy as np

    result = np.zeros(len(rows_first))
    for low in range(0, len(rows_first), _DOT_CHUNK):
        chunk_first, chunk_second = rows_first[low : low + _DOT_CHUNK], rows_second[low : low + _DOT_CHUNK]
        first_walks = first.lengths[chunk_first] <= second.lengths[chunk_second]
        for own, own_rows, other, other_rows, walks in (
            (first, chunk_first, second, chunk_second, first_walks),
            (second, chunk_second, first, chunk_first, ~first_walks),
        ):
            picked = np.flatnonzero(walks)
            counts = own.lengths[own_rows[picked]]
            total = int(counts.sum())
            if not total or not len(other.sorted_keys):
                continue
            owner = np.repeat(picked, counts)
            ends = np.cumsum(counts)
            offsets = np.repeat(own.starts[own_rows[picked]] - (ends - counts), counts) + np.arange(total)
            keys = other_rows[owner] * own.width + own.terms[offsets]
            found = np.minimum(np.searchsorted(other.sorted_keys, keys), len(other.sorted_keys) - 1)
            hit = other.sorted_keys[found] == keys
            products = own.values[offsets[hit]] * other.sorted_values[found[hit]]
            result[low : low + len(chunk_first)] += np.bincount(
                owner[hit], weights=products, minlength=len(chunk_first)
            )
    return result


def _score_tables(
    evidence: Evidence, sides: _Sides, pairs: list[tuple[int, int]], titles: tuple[int, int] | None
) -> None:
    """:func:`_score_fuzzy`'s scoring as array operations (numpy), with the same results bit for bit.

    Every sentence table of every candidate pair is laid out flat (pair, then left sentence,
    then right sentence: the order in which :func:`_score_fuzzy` meets them), so coverages are
    segment maxima and ordered sums, and each sentence's best partner is the first largest
    value in that order.
    """
    import numpy as np

    left, right = sides.features_left, sides.features_right
    vocabulary: dict[str, int] = {}
    for features in (*left, *right):
        for term in features.vector:
            if term not in vocabulary:
                vocabulary[term] = len(vocabulary)
    width = max(len(vocabulary), 1)

    def rows(vectors: Sequence[dict[str, float]]) -> _SparseRows:
        return _SparseRows(vectors, vocabulary, width)

    a_all = np.fromiter((a for a, _ in pairs), np.int64, len(pairs))
    b_all = np.fromiter((b for _, b in pairs), np.int64, len(pairs))
    # Which pairs are scored (the rule in _score_fuzzy's loop), the titles always.
    least = sides.options.min_terms
    sized = (np.array(sides.sizes_left, dtype=np.int64)[a_all] >= least) & (
        np.array(sides.sizes_right, dtype=np.int64)[b_all] >= least
    )
    keep = np.zeros(len(pairs), dtype=bool)
    at = np.flatnonzero(sized)
    statements = _pairwise_dots(rows(sides.statements_left), rows(sides.statements_right), a_all[at], b_all[at])
    keep[at] = statements >= sides.options.statement
    if titles is not None and titles[0] in sides.fuzzy_left and titles[1] in sides.fuzzy_right:
        title_pair = (sides.fuzzy_left.index(titles[0]), sides.fuzzy_right.index(titles[1]))
        keep[pairs.index(title_pair)] = True
    a_kept, b_kept = a_all[keep], b_all[keep]
    cosines = _pairwise_dots(rows([f.vector for f in left]), rows([f.vector for f in right]), a_kept, b_kept)
    # The sentence tables, flat, in blocks of pairs (bounded temporaries).
    count_left = np.fromiter((len(f.sentences) for f in left), np.int64, len(left))
    count_right = np.fromiter((len(f.sentences) for f in right), np.int64, len(right))
    first_left = np.concatenate(([0], np.cumsum(count_left)[:-1])).astype(np.int64)
    first_right = np.concatenate(([0], np.cumsum(count_right)[:-1])).astype(np.int64)
    m, n = count_left[a_kept], count_right[b_kept]
    cells = m * n
    too_big = cells > COVERAGE_LIMIT
    cover_lr, cover_rl = np.zeros(len(a_kept)), np.zeros(len(a_kept))
    cover_lr[too_big], cover_rl[too_big] = cosines[too_big], cosines[too_big]
    tabled = np.flatnonzero(~too_big & (cells > 0))
    sentences_left = rows([v for f in left for v in f.sentences])
    sentences_right = rows([v for f in right for v in f.sentences])
    tables = _Tables(
        (first_left[a_kept], first_right[b_kept]),
        (m, n),
        (
            np.fromiter((x for f in left for x in f.masses), np.float64),
            np.fromiter((x for f in right for x in f.masses), np.float64),
        ),
        (len(sentences_left.lengths), len(sentences_right.lengths)),
    )
    ends = np.cumsum(cells[tabled])
    low = 0
    while low < len(tabled):
        high = max(int(np.searchsorted(ends, (ends[low - 1] if low else 0) + _CELL_BLOCK, side="right")), low + 1)
        block = tabled[low:high]
        values, cell_left, cell_right = tables.cells(block, sentences_left, sentences_right)
        tables.add_coverage(block, values, cover_lr, cover_rl)
        tables.add_bests(block, values, cell_left, cell_right)
        low = high
    fuzzy_left, fuzzy_right = sides.fuzzy_left, sides.fuzzy_right
    cosine, lr_of, rl_of, scores = evidence.cosine, evidence.cover_lr, evidence.cover_rl, evidence.scores
    for a, b, value, lr, rl in zip(
        a_kept.tolist(), b_kept.tolist(), cosines.tolist(), cover_lr.tolist(), cover_rl.tolist()
    ):
        key = (fuzzy_left[a], fuzzy_right[b])
        cosine[key] = value
        lr_of[key], rl_of[key] = lr, rl
        scores[key] = (lr + rl) / 2
    anchors = evidence.anchors
    shared = _SharedTerms(sides)
    for pair, value, s, t in tables.mutual_bests():
        a, b = int(a_kept[pair]), int(b_kept[pair])
        key = (fuzzy_left[a], fuzzy_right[b])
        if shared.enough(key[0], s - int(first_left[a]), key[1], t - int(first_right[b])):
            anchors[key] = max(anchors.get(key, 0.0), value)


_CELL_BLOCK = 1_000_000
"""Most sentence cells (pairs of sentences) that :func:`_score_tables` holds at once (about
100 MB of temporaries)."""


class _Tables:
    """The sentence tables of :func:`_score_tables`'s pairs, met block by block.

    A block's cells are laid out flat in :func:`_score_fuzzy`'s order (pair, left sentence,
    right sentence). Each sentence's best partner so far is kept: a later cell replaces it
    only when larger, so the first largest cell wins, as in :func:`_score_fuzzy`.
    """

    def __init__(
        self, first: tuple[Any, Any], counts: tuple[Any, Any], masses: tuple[Any, Any], totals: tuple[int, int]
    ):
        import numpy as np

        self.first, self.counts, self.masses = first, counts, masses
        # Per sentence of each side: best cell value, the other side's sentence, the pair.
        self.best_value = (np.zeros(totals[0]), np.zeros(totals[1]))
        self.best_other = (np.full(totals[0], -1, dtype=np.int64), np.full(totals[1], -1, dtype=np.int64))
        self.best_pair = np.full(totals[0], -1, dtype=np.int64)

    def cells(self, block: Any, sentences_left: _SparseRows, sentences_right: _SparseRows) -> tuple[Any, Any, Any]:
        """The block's cell values, with each cell's left and right sentence."""
        import numpy as np

        m, n = self.counts[0][block], self.counts[1][block]
        sizes = m * n
        total = int(sizes.sum())
        owner = np.repeat(np.arange(len(block)), sizes)
        within = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        width = n[owner]
        self._layout = (owner, within // width, within % width, sizes)
        cell_left = self.first[0][block][owner] + within // width
        cell_right = self.first[1][block][owner] + within % width
        return _pairwise_dots(sentences_left, sentences_right, cell_left, cell_right), cell_left, cell_right

    def add_coverage(self, block: Any, values: Any, cover_lr: Any, cover_rl: Any) -> None:
        """Add the block's coverages (sums of mass times best cell, in sentence order)."""
        import numpy as np

        owner, s, t, sizes = self._layout
        m, n = self.counts[0][block], self.counts[1][block]
        row_starts = np.flatnonzero(t == 0)
        row_max = np.maximum.reduceat(values, row_starts)
        sentence = self.first[0][block][owner[row_starts]] + s[row_starts]
        cover_lr[block] += np.bincount(
            owner[row_starts], weights=self.masses[0][sentence] * row_max, minlength=len(block)
        )
        # The same cells column by column: (pair, right sentence, left sentence).
        starts = np.cumsum(sizes) - sizes
        by_column = np.empty(len(values))
        by_column[starts[owner] + t * m[owner] + s] = values
        column_starts = np.concatenate(([0], np.cumsum(np.repeat(m, n))[:-1]))
        column_max = np.maximum.reduceat(by_column, column_starts)
        column_owner = np.repeat(np.arange(len(block)), n)
        column = np.arange(len(column_starts)) - np.repeat(np.cumsum(n) - n, n)
        sentence = self.first[1][block][column_owner] + column
        cover_rl[block] += np.bincount(
            column_owner, weights=self.masses[1][sentence] * column_max, minlength=len(block)
        )

    def add_bests(self, block: Any, values: Any, cell_left: Any, cell_right: Any) -> None:
        """Update each sentence's best partner with the block's positive cells."""
        import numpy as np

        owner = self._layout[0]
        positive = np.flatnonzero(values > 0)
        for side, (own, other) in enumerate(((cell_left, cell_right), (cell_right, cell_left))):
            order = np.lexsort((positive, -values[positive], own[positive]))
            ranked = positive[order]
            first = np.ones(len(ranked), dtype=bool)
            first[1:] = own[ranked][1:] != own[ranked][:-1]
            best = ranked[first]  # each sentence's first largest cell in this block
            better = values[best] > self.best_value[side][own[best]]
            best = best[better]
            self.best_value[side][own[best]] = values[best]
            self.best_other[side][own[best]] = other[best]
            if side == 0:
                self.best_pair[own[best]] = block[owner[best]]

    def mutual_bests(self) -> list[tuple[int, float, int, int]]:
        """(pair, value, left sentence, right sentence) of every left sentence whose best
        partner's best partner is itself (sentences by their place in all the flat sentences)."""
        import numpy as np

        partner = self.best_other[0]
        has = np.flatnonzero(partner >= 0)
        mutual = has[self.best_other[1][partner[has]] == has]
        return list(
            zip(
                self.best_pair[mutual].tolist(),
                self.best_value[0][mutual].tolist(),
                mutual.tolist(),
                partner[mutual].tolist(),
            )
        )


def align(
    left: Sequence[str],
    right: Sequence[str],
    *,
    left_boilerplate: Sequence[bool] = (),
    right_boilerplate: Sequence[bool] = (),
    fold_typography: bool = False,
    titles: tuple[int, int] | None = None,
    headlines: tuple[int | None, int | None] = (None, None),
    options: Options = Options(),
) -> list[Group]:
    """Align two lists of paragraphs; return groups covering every paragraph exactly once.

    Groups come in reading order: linked groups in the order of both sides, one-sided groups
    at their place, moves at the place of their left paragraph. The steps run over one
    :class:`_Draft` in this order; a new kind of evidence is one more step.

    ``titles`` are the two headlines when both sides have one; ``headlines`` each side's
    headline or None. A headline pairs only with the other headline or an identical line.

    >>> groups = align(["The envoy met the minister in Beijing on Monday.", "Dogs bark."],
    ...                ["Dogs bark.", "The envoy met a minister in Beijing last Monday."])
    >>> [(g.left, g.right, g.moved) for g in groups]
    [((0,), (1,), True), ((1,), (0,), False)]
    """
    evidence = _score_pairs((left, right), (left_boilerplate, right_boilerplate), fold_typography, titles, options)
    _keep_headlines_apart(evidence, headlines, titles)  # a decision rule, not scoring: issue 14 item 5
    draft = _Draft((left, right), (left_boilerplate, right_boilerplate), fold_typography)
    backbone = _monotone(evidence.scores, options.link)
    for i, j in backbone:
        draft.link(i, j, evidence.scores[(i, j)])
    _attach(draft, evidence, backbone, 0, options)
    _attach(draft, evidence, backbone, 1, options)
    _join_anchors(draft, evidence, options)
    _join_reflowed(draft)
    _pair_gaps(draft)
    _pair_repeated_cruft(draft)
    _join_fragments(draft)
    moved_groups = _link_moves(draft, evidence, options)
    if titles is not None:
        _join_repeats(draft, 0, titles[0])
        _join_repeats(draft, 1, titles[1])
    group_of_left, group_of_right = draft.group_of
    return _order(draft.members, moved_groups, group_of_left, group_of_right, len(left), len(right))


def _keep_headlines_apart(
    evidence: Evidence, headlines: tuple[int | None, int | None], titles: tuple[int, int] | None
) -> None:
    """A headline pairs only with the other side's headline, or with a line identical to it.

    A headline condenses the whole story, so it shares words with the other version's lede
    (and with any paragraph about the same people); pairing it by content takes the lede's
    place in the lede's row, or joins the lede to the headline's row. Its evidence with every
    other paragraph is dropped before any pairing decision.
    """
    left_headline, right_headline = headlines
    if left_headline is None and right_headline is None:
        return

    def kept(pair: tuple[int, int]) -> bool:
        if pair[0] != left_headline and pair[1] != right_headline:
            return True
        identical = pair in evidence.scores and pair not in evidence.cosine  # an exact match
        return pair == titles or identical

    for table in (evidence.scores, evidence.cover_lr, evidence.cover_rl, evidence.anchors):
        for pair in [pair for pair in table if not kept(pair)]:
            del table[pair]


def _attach(draft: _Draft, evidence: Evidence, backbone: list[tuple[int, int]], side: int, options: Options) -> None:
    """Merges and splits: a left-over paragraph of ``side`` mostly covered by a paragraph
    within the order window of its neighbours joins that paragraph's group (or links to it
    afresh)."""
    by_paragraph: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), value in (evidence.cover_lr if side == 0 else evidence.cover_rl).items():
        if side == 0:
            by_paragraph[i].append((value, j))
        else:
            by_paragraph[j].append((value, i))
    own_groups, other_groups = draft.group_of[side], draft.group_of[1 - side]
    own_line = [pair[side] for pair in backbone]
    other_line = [pair[1 - side] for pair in backbone]
    for index in sorted(by_paragraph):
        if index in own_groups:
            continue
        options_here = by_paragraph[index]
        best_anywhere = max(value for value, _ in options_here)
        below = bisect_right(own_line, index) - 1
        low = other_line[below] if below >= 0 else -1
        high = other_line[below + 1] if below + 1 < len(other_line) else 1 << 30
        allowed = [(value, other) for value, other in options_here if low <= other <= high]
        if not allowed:
            continue
        value, other = max(allowed)
        if value < options.attach or value < options.attach_relative * best_anywhere:
            continue
        if other in other_groups:
            draft.join(side, index, other_groups[other])
        else:
            pair = (index, other) if side == 0 else (other, index)
            draft.link(*pair, evidence.scores.get(pair, value))


def _join_anchors(draft: _Draft, evidence: Evidence, options: Options) -> None:
    """A left-over paragraph with a sentence that is the mutual best match of a sentence in a
    linked paragraph joins that paragraph's row, wherever it stands (a condensed rewrite
    merges facts from far apart)."""
    group_of_left, group_of_right = draft.group_of
    for (i, j), value in sorted(evidence.anchors.items(), key=lambda item: (-item[1], item[0])):
        if value < options.anchor or (i in group_of_left) == (j in group_of_right):
            continue
        if i in group_of_left:
            draft.join(1, j, group_of_left[i])
        else:
            draft.join(0, i, group_of_right[j])


def _link_moves(draft: _Draft, evidence: Evidence, options: Options) -> set[int]:
    """Moves: strong mutual best matches among what is still unlinked; return their groups."""
    group_of_left, group_of_right = draft.group_of
    free = sorted(
        (
            (score, i, j)
            for (i, j), score in evidence.scores.items()
            if i not in group_of_left and j not in group_of_right and score >= options.move
        ),
        reverse=True,
    )
    moved: set[int] = set()
    for score, i, j in free:
        if i in group_of_left or j in group_of_right:
            continue
        draft.link(i, j, score)
        moved.add(group_of_left[i])
    return moved


@dataclass
class _Draft:
    """Rows under construction: both sides' texts and which group holds each paragraph.

    Side 0 is the left, side 1 the right; a group is (left paragraphs, right paragraphs,
    score).
    """

    texts: tuple[Sequence[str], Sequence[str]]
    boilerplate: tuple[Sequence[bool], Sequence[bool]]
    fold: bool
    group_of: tuple[dict[int, int], dict[int, int]] = field(default_factory=lambda: ({}, {}))
    members: list[tuple[set[int], set[int], float]] = field(default_factory=list)
    _copies: list[Counter[str] | None] = field(default_factory=lambda: [None, None])

    def is_cruft(self, side: int, index: int) -> bool:
        """Whether a paragraph is tagged boilerplate."""
        flags = self.boilerplate[side]
        return bool(flags) and flags[index]

    def paragraphs(self, group: int, side: int) -> set[int]:
        """One side's paragraphs of a group."""
        left, right, _ = self.members[group]
        return left if side == 0 else right

    def join(self, side: int, index: int, group: int) -> None:
        """Put a paragraph into an existing group."""
        self.group_of[side][index] = group
        self.paragraphs(group, side).add(index)

    def link(self, i: int, j: int, score: float) -> None:
        """Start a group of one left and one right paragraph."""
        self.group_of[0][i] = self.group_of[1][j] = len(self.members)
        self.members.append(({i}, {j}, score))

    def key(self, side: int, index: int) -> str:
        """A paragraph's text with whitespace runs as one space (typography folded if asked)."""
        return _key(self.texts[side][index], self.fold)

    def gap_line(self, side: int, index: int) -> bool:
        """Whether :func:`_pair_gaps` may pair a paragraph: content, or cruft whose text occurs
        more than once on its side (a repeated line, not a page's furniture)."""
        if not self.is_cruft(side, index):
            return True
        if self._copies[side] is None:
            self._copies[side] = Counter(self.texts[side])
        return self._copies[side][self.texts[side][index]] > 1  # type: ignore[index]


def _join_fragments(draft: _Draft) -> None:
    """A left-over paragraph that is word for word the end of the paragraph its predecessor
    is linked to (or the start of its successor's) was cut off it or merged into it.

    Short pieces of dialogue ("What is his name?") have too few content words to be scored,
    so a split or merge that cuts one off is caught by its exact text instead.
    """
    for side in (0, 1):
        other, group_of = 1 - side, draft.group_of[side]
        for index in range(len(draft.texts[side])):
            if index in group_of or draft.is_cruft(side, index):
                continue
            fragment = draft.key(side, index)
            if len(fragment) < _FRAGMENT_CHARS:
                continue
            for neighbour, at_end in ((index - 1, True), (index + 1, False)):
                group = group_of.get(neighbour)
                if group is None:
                    continue
                linked = draft.paragraphs(group, other)
                whole = draft.key(other, max(linked) if at_end else min(linked))
                if whole.endswith(" " + fragment) if at_end else whole.startswith(fragment + " "):
                    draft.join(side, index, group)
                    break


def _gaps(draft: _Draft) -> Iterator[tuple[list[int], list[int]]]:
    """Each run of left-over left paragraphs between two rows, with the left-over right
    paragraphs between the same two rows (when there are any); cruft only as
    :meth:`_Draft.gap_line` allows. The rows are those linked when the walk starts."""
    group_of_left, group_of_right = draft.group_of
    n_left, n_right = len(draft.texts[0]), len(draft.texts[1])
    linked_left = sorted(group_of_left)
    free_right = [j for j in range(n_right) if j not in group_of_right and draft.gap_line(1, j)]
    start = 0
    while start < n_left:
        if start in group_of_left or not draft.gap_line(0, start):
            start += 1
            continue
        end = start
        while end + 1 < n_left and end + 1 not in group_of_left:
            end += 1
        gap = [i for i in range(start, end + 1) if draft.gap_line(0, i)]
        start = end + 1
        before = bisect_left(linked_left, gap[0]) - 1
        low = max(draft.paragraphs(group_of_left[linked_left[before]], 1)) if before >= 0 else -1
        after = bisect_right(linked_left, gap[-1])
        high = min(draft.paragraphs(group_of_left[linked_left[after]], 1)) if after < len(linked_left) else n_right
        candidates = free_right[bisect_right(free_right, low) : bisect_left(free_right, high)]
        if candidates:
            yield gap, candidates


def _join_reflowed(draft: _Draft) -> None:
    """Consecutive left-overs whose texts, joined, are word for word one left-over of the other
    side between the same two rows become one row: lines joined into a paragraph, or a
    paragraph cut into lines (a reflow). Short lines (headwords, dialogue, verse) have too
    few content words to be scored, and their characters agree too little with the whole.
    """
    for gap, candidates in _gaps(draft):
        if len(gap) * len(candidates) <= _GAP_PAIRS:
            _join_runs(draft, 0, gap, candidates)
            _join_runs(draft, 1, candidates, gap)


def _join_runs(draft: _Draft, side: int, runs: list[int], wholes: list[int]) -> None:
    """:func:`_join_reflowed` one way: runs of two or more adjacent paragraphs among ``runs``
    (on ``side``) that make up one of ``wholes`` (on the other side)."""
    other, group_of = 1 - side, draft.group_of
    keys = {index: draft.key(side, index) for index in runs}
    for whole in wholes:
        if whole in group_of[other]:
            continue
        target = draft.key(other, whole)
        for first, index in enumerate(runs):
            if index in group_of[side] or not target.startswith(keys[index] + " "):
                continue
            run, joined = [index], keys[index]
            for following in runs[first + 1 :]:
                if following != run[-1] + 1 or following in group_of[side] or len(joined) >= len(target):
                    break
                run.append(following)
                joined += " " + keys[following]
            if joined == target:
                pair = (run[0], whole) if side == 0 else (whole, run[0])
                draft.link(*pair, 1.0)
                for index in run[1:]:
                    draft.join(side, index, group_of[side][run[0]])
                break


def _pair_gaps(draft: _Draft) -> None:
    """Left-overs between the same two rows on both sides pair up when their characters
    mostly agree: an edited line of dialogue has too few content words to be scored.

    A line tagged as cruft only because its text occurs more than once on its side (a
    saying, a refrain) is a line of the text here: an edited copy of it pairs by characters
    too, with a line of content or another such copy.
    """
    for gap, candidates in _gaps(draft):
        if len(gap) * len(candidates) > _GAP_PAIRS:
            continue
        left_keys = {i: draft.key(0, i) for i in gap}
        right_keys = {j: draft.key(1, j) for j in candidates}
        scored = sorted(
            ((fuzz.ratio(left_keys[i], right_keys[j]) / 100, i, j) for i in gap for j in candidates),
            reverse=True,
        )
        chosen: list[tuple[int, int]] = []
        for value, i, j in scored:
            if value < _GAP_RATIO:
                break
            if any((i - a) * (j - b) <= 0 for a, b in chosen):
                continue  # one-to-one and in order
            chosen.append((i, j))
            draft.link(i, j, value)


def _pair_repeated_cruft(draft: _Draft) -> None:
    """Identical cruft left over between the same two rows on both sides pairs up in order.

    A line repeated in a document is tagged as a repeat (cruft) and pairs only with an
    identical line; the exact matches pair copies only when both sides hold the same number
    of them, so one copy moved, edited or deleted leaves every other copy unpaired. Between
    two rows, the copies are in order on both sides and pair safely.
    """
    group_of_left, group_of_right = draft.group_of
    n_left, n_right = len(draft.texts[0]), len(draft.texts[1])
    linked_left = sorted(group_of_left)
    free_right = [j for j in range(n_right) if j not in group_of_right and draft.is_cruft(1, j)]
    if not free_right:
        return
    start = 0
    while start < n_left:
        if start in group_of_left:
            start += 1
            continue
        end = start
        while end + 1 < n_left and end + 1 not in group_of_left:
            end += 1
        gap = [i for i in range(start, end + 1) if draft.is_cruft(0, i)]
        start = end + 1
        if not gap:
            continue
        before = bisect_left(linked_left, gap[0]) - 1
        low = max(draft.paragraphs(group_of_left[linked_left[before]], 1)) if before >= 0 else -1
        after = bisect_right(linked_left, gap[-1])
        high = min(draft.paragraphs(group_of_left[linked_left[after]], 1)) if after < len(linked_left) else n_right
        candidates = free_right[bisect_right(free_right, low) : bisect_left(free_right, high)]
        at: dict[str, list[int]] = defaultdict(list)
        for j in candidates:
            at[draft.key(1, j)].append(j)
        last = -1
        for i in gap:
            copies = at.get(draft.key(0, i))
            if copies:
                k = bisect_right(copies, last)
                if k < len(copies):
                    last = copies[k]
                    draft.link(i, last, 1.0)


_GAP_PAIRS = 64
"""Most (left, right) pairs compared by characters in one gap between rows."""
_GAP_RATIO = 0.75
"""Least character similarity (rapidfuzz ratio, 0..1) for two left-overs of one gap to pair."""
_FRAGMENT_CHARS = 8
"""Shortest text (whitespace-normalised) that :func:`_join_fragments` matches verbatim."""


def _join_repeats(draft: _Draft, side: int, title: int) -> None:
    """A page's repeated headline (boilerplate that repeats the linked headline word for
    word) reports what the headline reports: it joins the headline's row.

    Only the headline: a novel's repeated line of dialogue ("What do you mean?") is tagged
    as a repeat too, and must not gather every copy into one row.
    """
    group = draft.group_of[side].get(title)
    if group is None:
        return
    headline = draft.key(side, title)
    for index in range(len(draft.texts[side])):
        if draft.is_cruft(side, index) and index not in draft.group_of[side] and draft.key(side, index) == headline:
            draft.join(side, index, group)


def _order(
    members: list[tuple[set[int], set[int], float]],
    moved: set[int],
    group_of_left: dict[int, int],
    group_of_right: dict[int, int],
    n_left: int,
    n_right: int,
) -> list[Group]:
    """Lay groups out in reading order, one-sided paragraphs and moves where they stand.

    Linked groups keep the order of both sides. A dropped paragraph (or a move) goes just
    before the first linked group whose left paragraphs all come after it; an added one
    likewise by the right side. Before one linked group: dropped first, then added.
    """
    first_left = [min(left) for left, _, _ in members]
    first_right = [min(right) for _, right, _ in members]
    # Keys below are distinct (a paragraph is in one group), so tuples sort without a key
    # function, in the order a sort keyed on their leading items gives.
    linked = [
        g for _, _, g in sorted([(first_right[g], first_left[g], g) for g in range(len(members)) if g not in moved])
    ]

    def suffix_minimum(values: list[int]) -> list[int]:
        result = values[:]
        for k in range(len(result) - 2, -1, -1):
            result[k] = min(result[k], result[k + 1])
        return result

    after_left = suffix_minimum([first_left[g] for g in linked])
    after_right = suffix_minimum([first_right[g] for g in linked])
    keyed: list[tuple[int, int, int, Group]] = []
    for slot, g in enumerate(linked):
        left, right, score = members[g]
        keyed.append((slot, 2, 0, Group(_ordered(left), _ordered(right), score)))
    for i in sorted(set(range(n_left)).difference(group_of_left)):
        keyed.append((bisect_right(after_left, i), 0, i, Group((i,), ())))
    for group in moved:
        left, right, score = members[group]
        i = first_left[group]
        keyed.append((bisect_right(after_left, i), 0, i, Group(_ordered(left), _ordered(right), score, True)))
    for j in sorted(set(range(n_right)).difference(group_of_right)):
        keyed.append((bisect_right(after_right, j), 1, j, Group((), (j,))))
    keyed.sort()
    return [item[3] for item in keyed]


def _ordered(indices: set[int]) -> tuple[int, ...]:
    """A group side's paragraph indices, ascending."""
    if len(indices) == 1:
        return tuple(indices)
    return tuple(sorted(indices))
