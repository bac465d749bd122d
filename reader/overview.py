"""The whole family at once: how alike every pair of documents is, how each one relates to
its nearest neighbour, and the story families with their likely originals.

Two measures, never mixed up (see :mod:`reader.measures`): the grid shows *shared
vocabulary*, the TF-IDF cosine of two whole documents' content words (boilerplate left out),
accumulated through an inverted index so that only pairs that share words cost anything;
the relations rest on the *comparison* of each document with its nearest neighbour: how many
paragraphs align, how many sentences are verbatim, how much prose they share (five-word runs
outside quotes, or for a rewrite that rewords every sentence, four-word runs no third document
of the story has), which agency each is or retells, and the dates, agency markers and counts
that tell which version came first (:mod:`reader.evidence`). Each relation carries a
confidence and its evidence in words.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal

from reader.compare import PARAGRAPH_SEPARATOR, Comparison, Row, align_documents, summarize
from reader.corpus import Document
from reader.drift import number_changes
from reader.evidence import (
    Agencies,
    Dates,
    Figures,
    agency_markers,
    content_indices,
    document_dates,
    exclusive_shared,
    figure_changes,
    phrase_share,
    phrases,
    sentence_keys,
    short_phrases,
    verbatim_sentences,
)
from reader.facts import fact_keys
from reader.language import SCORING_STOPWORDS
from reader.pairwise import CompareFunction, Progress, compare_pairs, scaled
from reader.text import WORD_RE

RelationKind = Literal["near-copy", "version", "rewrite", "source", "independent", "unrelated", "alone"]

NEAR_COPY = 0.9
"""Cosine at or above which two documents are near-copies."""
RELATED = 0.1
"""Cosine below which documents are unrelated."""
VERSION_SENTENCES = 2
"""Verbatim sentences two documents must share to be versions of one copy (an update, a
write-through, a republication) rather than a rewrite or two reports."""
COPIED = 0.08
"""Share of the smaller text's five-word phrases outside quotes (:func:`reader.evidence.phrase_share`)
from which one text was written from the other. On the labelled real coverage, independent
reports share at most 0.074 (0.04 with a looser cruft tagger) and rewrites that keep some
wording 0.09 and up; rewrites that keep none (translations, spun copy) cannot be told from
independent reports this way."""
VERSION_PHRASES = 0.5
"""Phrase share from which two texts that share a verbatim sentence are versions of one copy
(labelled versions 0.54 and up, rewrites 0.46 at most)."""
REWORDED_PHRASES = 6
"""Four-word phrases (:func:`reader.evidence.short_phrases`) that two texts share and no other
document of the folder has, from which a text below :data:`COPIED` is still a rewrite of the
other: a rewrite that rewords each sentence keeps short runs of it ("a catastrophic fire
has", "second tower and belfry"), and where a third document has the same runs, the two
took them from a common source. On the labelled real coverage: rewrites 7, independent
reports 5 at most, except two sibling rewrites of one agency report that is not in the
folder (9), which no wording can tell apart."""
REWORDED_SHARE = 0.05
"""Share of the smaller text's four-word phrases that :data:`REWORDED_PHRASES` must reach
(a long text shares a few runs with anything)."""
NEAR_COPY_PHRASES = 0.9
"""Phrase share from which two versions are near-copies."""
NEAR_COPY_SENTENCES = 0.65
"""Share of the shorter text's sentences verbatim from which two texts that share most of
their phrases (:data:`VERSION_PHRASES` and more) are near-copies: their bodies are the same
sentences, not a lead rewritten, and no figure changed (on the labelled real coverage:
near-copies 0.67 and up, versions 0.6 and below)."""
MAX_POSTING = 64
"""Words in more documents than this (and than a tenth of the folder) are left out of the
similarity: they are too common to tell documents apart, and they would make the index
quadratic in the number of documents."""


def _content_words(text: str) -> list[str]:
    return [
        w for w in (m.group().casefold() for m in WORD_RE.finditer(text)) if len(w) > 2 and w not in SCORING_STOPWORDS
    ]


@dataclass(frozen=True)
class Profile:
    """What the overview keeps of one document."""

    weights: dict[str, float]
    norm: float
    words: frozenset[str]


def confidence_word(confidence: float) -> str:
    """How sure a verdict is, in a word.

    >>> confidence_word(0.9), confidence_word(0.7), confidence_word(0.4)
    ('very likely', 'likely', 'possibly')
    """
    return "very likely" if confidence >= 0.85 else "likely" if confidence >= 0.6 else "possibly"


@dataclass(frozen=True)
class Relation:
    """How a document relates to its nearest neighbour.

    Attributes:
        document: Index of the document.
        neighbour: Index of the most similar other document, or None.
        similarity: Their shared vocabulary (TF-IDF cosine), 0..1.
        kind: near-copy; version (another version of the same copy: an update, a
            write-through, a republication); rewrite (of the neighbour); source (of the
            neighbour); independent; unrelated; or alone (no other document).
        aligned: Content paragraphs of the document the aligner links to the neighbour's.
        paragraphs: Content paragraphs of the document.
        shared_facts: Facts both documents mention (:func:`reader.facts.fact_keys`), counted
            for independent reports and unrelated documents (0 for copies, whose evidence is
            their shared wording; reading facts costs more than the whole grid).
        verbatim: Sentences both documents carry word for word.
        direction: For a version: ``"later"`` or ``"earlier"`` than the neighbour when there
            is evidence (dates, growing counts), else None. Rewrites and sources have theirs
            in the kind.
        confidence: How sure the verdict is, 0..1 (:func:`confidence_word` says it in words).
        evidence: The reasons, each a short phrase a reader can check.
        family: Index into :attr:`Overview.families`.
    """

    document: int
    neighbour: int | None
    similarity: float
    kind: RelationKind
    aligned: int = 0
    paragraphs: int = 0
    shared_facts: int = 0
    verbatim: int = 0
    direction: Literal["earlier", "later"] | None = None
    confidence: float = 1.0
    evidence: tuple[str, ...] = ()
    family: int = 0

    def verdict(self, names: Sequence[str]) -> str:
        """The relation in a few words: ``likely rewrite of 000``."""
        if self.neighbour is None:
            return "alone in the folder"
        other = names[self.neighbour]
        label = {
            "near-copy": f"near-copy of {other}",
            "version": {
                "later": f"later version of {other}",
                "earlier": f"earlier version of {other}",
                None: f"another version of {other}",
            }[self.direction],
            "rewrite": f"rewrite of {other}",
            "source": f"source of {other}",
            "independent": f"independent report sharing {self.shared_facts} facts with {other}",
            "unrelated": f"unrelated; closest {other}",
            "alone": "alone in the folder",
        }[self.kind]
        return f"{confidence_word(self.confidence)} {label}"

    def describe(self, names: Sequence[str]) -> str:
        """The verdict and its evidence, e.g. ``likely rewrite of 000: 9 of 11 paragraphs
        align, 6 sentences verbatim, cites Reuters``."""
        if self.neighbour is None:
            return "alone in the folder"
        return self.verdict(names) + (": " + ", ".join(self.evidence) if self.evidence else "")


@dataclass(frozen=True)
class Family:
    """Documents that tell one story, linked through their relations.

    Attributes:
        members: Indices of the documents, in order.
        original: The likely original or earliest version.
        why: How the original was chosen, in words.
    """

    members: tuple[int, ...]
    original: int
    why: str


def relation_fields(relation: Relation) -> dict[str, Any]:
    """A relation's facts as JSON-ready fields, in the order ``reader.overview/1`` writes them."""
    return {
        "document": relation.document,
        "neighbour": relation.neighbour,
        "kind": relation.kind,
        "similarity": relation.similarity,
        "aligned": relation.aligned,
        "paragraphs": relation.paragraphs,
        "shared_facts": relation.shared_facts,
        "verbatim_sentences": relation.verbatim,
        "direction": relation.direction,
        "confidence": relation.confidence,
    }


@dataclass(frozen=True)
class Overview:
    """Pairwise similarities of a folder's documents and each one's relation to its neighbour."""

    documents: tuple[Document, ...]
    pairs: dict[tuple[int, int], float]
    """Cosine of every pair ``(i, j)``, ``i < j``, that shares a word; absent pairs are 0."""
    relations: tuple[Relation, ...]
    families: tuple[Family, ...] = ()

    def similarity(self, i: int, j: int) -> float:
        """How alike documents ``i`` and ``j`` are (1 for a document with itself)."""
        if i == j:
            return 1.0
        return self.pairs.get((min(i, j), max(i, j)), 0.0)

    @property
    def original(self) -> int | None:
        """The likely original of the largest family (the first such family on a tie)."""
        if not self.documents:
            return None
        if self.families:
            return max(self.families, key=lambda f: (len(f.members), -f.members[0])).original
        return _most_central(self, range(len(self.documents)))

    def chronology(self) -> list[int]:
        """Every document from likely earliest to latest.

        Each relation with a direction (rewrite of, source of, later or earlier version of)
        puts one document before the other; each family's original comes first; the rest
        keep their family's order and then the folder's.

        >>> from reader.corpus import document_from_text
        >>> Overview((document_from_text("a"), document_from_text("b")), {}, (
        ...     Relation(0, 1, 0.5, "rewrite"), Relation(1, 0, 0.5, "source"))).chronology()
        [1, 0]
        """
        count = len(self.documents)
        after: dict[int, set[int]] = defaultdict(set)
        for r in self.relations:
            if r.neighbour is None:
                continue
            if r.kind == "rewrite" or (r.kind == "version" and r.direction == "later"):
                after[r.neighbour].add(r.document)
            elif r.kind == "source" or (r.kind == "version" and r.direction == "earlier"):
                after[r.document].add(r.neighbour)
        originals = {f.original for f in self.families}
        before_count = Counter(j for targets in after.values() for j in targets)
        family_of = {m: number for number, f in enumerate(self.families) for m in f.members}
        ready = sorted(
            (i for i in range(count) if not before_count[i]), key=lambda i: (family_of.get(i, 0), i not in originals, i)
        )
        order: list[int] = []
        placed: set[int] = set()
        while len(order) < count:
            if not ready:  # a cycle of contradicting directions: take the lowest remaining
                ready = [min(i for i in range(count) if i not in placed)]
            current = ready.pop(0)
            if current in placed:
                continue
            order.append(current)
            placed.add(current)
            for nxt in sorted(after[current]):
                before_count[nxt] -= 1
                if before_count[nxt] <= 0 and nxt not in placed:
                    ready.append(nxt)
            ready.sort(key=lambda i: (family_of.get(i, 0), i not in originals, i))
        return order


def _most_central(overview: Overview, members: Sequence[int]) -> int:
    centrality = {i: sum(overview.similarity(i, j) for j in members) for i in members}
    return max(members, key=lambda i: (centrality[i], -i))


def profile(document: Document, idf: Callable[[str], float] | None = None) -> Profile:
    """Weighted content words of a document (boilerplate left out)."""
    content = [p.text for p in document.paragraphs if not p.is_boilerplate]
    counts = Counter(w for text in content for w in _content_words(text))
    weights = {w: (1 + math.log(n)) * (idf(w) if idf else 1.0) for w, n in counts.items()}
    return Profile(
        weights=weights,
        norm=math.sqrt(sum(x * x for x in weights.values())) or 1.0,
        words=frozenset(counts),
    )


def linked_paragraphs(comparison: Comparison) -> tuple[int, int]:
    """How many content paragraphs of each side the comparison's rows link to the other side.

    Headlines are left out (:func:`reader.evidence.content_indices`, unless a text has
    nothing else): the aligner links two headlines on any shared word, which says nothing
    about whether one text was written from the other.
    """
    linked = [row for row in comparison.rows if row.left and row.right]
    left = set(content_indices(comparison.left))
    right = set(content_indices(comparison.right))
    return (
        sum(1 for row in linked for i in row.left if i in left),
        sum(1 for row in linked for j in row.right if j in right),
    )


@dataclass(frozen=True)
class _Evidence:
    """What one document holds that the relations weigh (read once per document)."""

    sentences: list[int]
    phrases: frozenset[int]
    dates: Dates
    agencies: Agencies
    paragraphs: int


def _read_evidence(document: Document) -> _Evidence:
    return _Evidence(
        sentence_keys(document),
        phrases(document),
        document_dates(document),
        agency_markers(document),
        len(content_indices(document)),
    )


@lru_cache(maxsize=256)
def _document_facts(document: Document) -> frozenset[str]:
    return fact_keys("\n".join(p.text for p in document.paragraphs if not p.is_boilerplate))


def _relation(
    index: int,
    neighbour: int,
    similarity: float,
    documents: Sequence[Document],
    profiles: Sequence[Profile],
    evidence: Sequence[_Evidence],
    comparison: Comparison,
    reworded_between: Callable[[int, int], tuple[int, int]],
) -> Relation:
    """Relate a document to its neighbour, from their comparison and their evidence
    (``reworded_between``: the four-word phrases two documents alone share in their story,
    and how many the smaller one has; read only for pairs that need it)."""
    mine, theirs = evidence[index], evidence[neighbour]
    flipped = index > neighbour  # the comparison's left side is the lower index
    linked = linked_paragraphs(comparison)
    linked = linked[::-1] if flipped else linked
    verbatim = verbatim_sentences(mine.sentences, theirs.sentences)
    reasons = [f"{linked[0]} of {mine.paragraphs} paragraphs align"]
    if verbatim.shared:
        reasons.append(f"{verbatim.shared} sentence{'s' if verbatim.shared != 1 else ''} verbatim")
    cited = sorted(mine.agencies.all)
    if cited:
        reasons.append(
            ("is " if mine.agencies.wire else "cites ") + " and ".join(cited) + (" copy" if mine.agencies.wire else "")
        )
    kind: RelationKind
    direction: Literal["earlier", "later"] | None = None
    shared = 0
    copied = phrase_share(mine.phrases, theirs.phrases)
    same_wire = bool(mine.agencies.wire & theirs.agencies.wire)
    if copied >= COPIED:
        reasons.insert(1, f"{copied:.0%} of phrases shared")
    if (
        similarity >= NEAR_COPY
        or copied >= NEAR_COPY_PHRASES
        or (
            copied >= VERSION_PHRASES
            and verbatim.shared >= VERSION_SENTENCES
            and verbatim.share >= NEAR_COPY_SENTENCES
            and not number_changes(comparison)  # an update changes figures; a near-copy does not
        )
    ):
        kind, confidence = "near-copy", 0.95 if similarity >= NEAR_COPY else 0.85
        reasons.insert(0, f"{similarity:.0%} shared vocabulary")
    elif copied >= COPIED and (same_wire or (verbatim.shared >= 1 and copied >= VERSION_PHRASES)):
        kind = "version"
        if same_wire:
            reasons.append("both " + " and ".join(sorted(mine.agencies.wire & theirs.agencies.wire)) + " copy")
        votes, why = _direction_votes(index, neighbour, evidence, comparison, flipped, profiles, containment=False)
        confidence = min(0.95, 0.55 + 0.5 * copied)
        if votes:
            direction = "later" if votes > 0 else "earlier"
            reasons.extend(why)
    elif copied >= COPIED:
        votes, why = _direction_votes(index, neighbour, evidence, comparison, flipped, profiles, containment=True)
        kind = "rewrite" if votes >= 0 else "source"
        reasons.extend(why)
        confidence = min(0.9, 0.5 + copied) * (1.0 if abs(votes) >= 1 else 0.75)
    elif (
        similarity >= RELATED
        and not _sibling_retellings(mine.agencies, theirs.agencies)
        and _reworded(*reworded_between(index, neighbour))
    ):
        reworded, smaller = reworded_between(index, neighbour)
        votes, why = _direction_votes(index, neighbour, evidence, comparison, flipped, profiles, containment=True)
        kind = "rewrite" if votes >= 0 else "source"
        reasons.insert(1, f"{reworded} four-word phrases that no other document has")
        if not verbatim.shared:
            reasons.insert(2, "0 sentences verbatim")
        reasons.extend(why)
        confidence = min(0.6, 0.45 + reworded / smaller) * (1.0 if abs(votes) >= 1 else 0.9)
    elif similarity >= RELATED and min(linked) and _retells_the_other(mine.agencies, theirs.agencies):
        votes, why = _direction_votes(index, neighbour, evidence, comparison, flipped, profiles, containment=True)
        kind = "rewrite" if votes >= 0 else "source"
        reasons.insert(1, f"{verbatim.shared} sentence{'s' if verbatim.shared != 1 else ''} verbatim")
        reasons.extend(why)
        confidence = 0.5
    elif similarity >= RELATED:
        shared = len(_document_facts(documents[index]) & _document_facts(documents[neighbour]))
        kind, confidence = "independent", 0.6 + min(0.3, shared / 60)
        reasons = [
            reasons[0],
            f"{verbatim.shared} sentence{'s' if verbatim.shared != 1 else ''} verbatim",
            *reasons[2 if verbatim.shared else 1 :],
        ]
        retold = _sibling_retellings(mine.agencies, theirs.agencies)
        if retold and _reworded(*reworded_between(index, neighbour)):
            # wording of their own, explained by a common agency report: say so, and be less sure
            reworded, _ = reworded_between(index, neighbour)
            confidence = min(confidence, 0.55)
            reasons.append(
                f"{reworded} four-word phrases that no other document has, likely from the "
                + " or ".join(sorted(retold))
                + " report they retell"
            )
    else:
        shared = len(_document_facts(documents[index]) & _document_facts(documents[neighbour]))
        kind, confidence = "unrelated", 0.8
        reasons = [f"{similarity:.0%} shared vocabulary"]
    return Relation(
        index,
        neighbour,
        round(similarity, 4),
        kind,
        linked[0],
        mine.paragraphs,
        shared,
        verbatim.shared,
        direction,
        round(confidence, 2),
        tuple(reasons),
    )


def _sibling_retellings(mine: Agencies, theirs: Agencies) -> frozenset[str]:
    """The agencies either text retells the report of when the other is not that agency's
    copy: two retellings of one agency report share its wording, not each other's."""
    return (mine.retold - theirs.wire) | (theirs.retold - mine.wire)


def _retells_the_other(mine: Agencies, theirs: Agencies) -> bool:
    """Whether one text retells the report of an agency whose copy the other is ("according
    to Reuters", "[Reuters]" against "LONDON (Reuters) -"): the one was written from that
    agency's reporting, if not from this very copy, then from another edit of it."""
    return bool((mine.retold & theirs.wire) or (theirs.retold & mine.wire))


def _reworded(reworded: int, smaller: int) -> bool:
    """Whether ``reworded`` four-word phrases that two texts alone share (of the smaller text's
    ``smaller``) show that one reworded the other (:data:`REWORDED_PHRASES`,
    :data:`REWORDED_SHARE`)."""
    return reworded >= REWORDED_PHRASES and reworded >= REWORDED_SHARE * smaller


def _direction_votes(
    index: int,
    neighbour: int,
    evidence: Sequence[_Evidence],
    comparison: Comparison,
    flipped: bool,
    profiles: Sequence[Profile],
    *,
    containment: bool,
    figures_of: Callable[[Comparison], Figures] = figure_changes,
) -> tuple[float, list[str]]:
    """Evidence that the document is later (positive) or earlier (negative) than its
    neighbour, with the reasons in words.

    Dates weigh most; then counts that grow (a toll that rises marks the later version); then
    agency copy against a text that cites the agency, and a text that retells an agency's
    report after one that does not. Two weak cues count only for rewrites (``containment``),
    never for versions, whose direction needs evidence: a text that credits an agency
    ("(… via AP)", "(AP)") against one that names none is the earlier (rewrites drop
    credits; half a vote), and containment (the derived text's words are more contained in
    the other: a condensed rewrite keeps the original's words) breaks a tie.
    """
    mine, theirs = evidence[index], evidence[neighbour]
    votes = 0.0
    reasons: list[str] = []
    a, b = mine.dates.latest, theirs.dates.latest
    if a and b and (a[:10] != b[:10] or (len(a) > 10 and len(b) > 10 and a != b)):
        later = a > b
        votes += 2 if later else -2
        reasons.append(f"dated {a} against {b}")
    figures = figures_of(comparison)
    rising, falling = (figures.falling, figures.rising) if flipped else (figures.rising, figures.falling)
    # rising: the neighbour (right side when not flipped) counts more: the document is earlier
    if len(rising) != len(falling):
        earlier = len(rising) > len(falling)
        votes += -1 if earlier else 1
        changes = rising if earlier else falling
        shown = changes[0] if not flipped else " → ".join(reversed(changes[0].split(" → ")))
        reasons.append(f"counts {'lower' if earlier else 'higher'} ({shown})")
    if mine.agencies.wire and not theirs.agencies.wire:
        votes -= 1
        reasons.append(
            "agency copy that the other " + ("cites" if mine.agencies.wire & theirs.agencies.all else "rewrites")
        )
    elif theirs.agencies.wire and not mine.agencies.wire:
        votes += 1
        reasons.append("the other is agency copy" + (" it cites" if theirs.agencies.wire & mine.agencies.all else ""))
    elif mine.agencies.retold and not theirs.agencies.retold:
        votes += 1
        reasons.append("retells " + " and ".join(sorted(mine.agencies.retold)) + "'s report")
    elif theirs.agencies.retold and not mine.agencies.retold:
        votes -= 1
        reasons.append("the other retells " + " and ".join(sorted(theirs.agencies.retold)) + "'s report")
    elif containment and mine.agencies.all and not theirs.agencies.all:
        # the text that keeps an agency's credit is nearer its copy; rewrites drop credits
        votes -= 0.5
        reasons.append("the other names no agency")  # its own credit is already in the evidence
    elif containment and theirs.agencies.all and not mine.agencies.all:
        votes += 0.5
        reasons.append("names no agency; the other credits " + " and ".join(sorted(theirs.agencies.all)))
    if containment and not votes:
        my_words, their_words = profiles[index].words, profiles[neighbour].words
        common = len(my_words & their_words)
        contained_mine = common / len(my_words) if my_words else 0.0
        contained_theirs = common / len(their_words) if their_words else 0.0
        votes += 0.5 if contained_mine >= contained_theirs else -0.5
        reasons.append(
            "its words more contained in the other's" if votes > 0 else "the other's words more contained in its"
        )
    return votes, reasons


def weighted_profiles(documents: Sequence[Document]) -> tuple[list[Profile], Counter[str]]:
    """TF-IDF profiles of the documents (IDF over these documents) and each word's document count."""
    plain = [profile(d) for d in documents]
    frequency: Counter[str] = Counter(w for p in plain for w in p.words)
    count = len(documents)

    def idf(word: str) -> float:
        return math.log(1 + count / frequency[word])

    return [profile(d, idf) for d in documents], frequency


def cosine(a: Profile, b: Profile) -> float:
    """Cosine similarity of two weighted profiles, 0..1."""
    if len(a.weights) > len(b.weights):
        a, b = b, a
    return min(1.0, sum(weight * b.weights.get(w, 0.0) for w, weight in a.weights.items()) / (a.norm * b.norm))


def most_similar(document: Document, documents: Sequence[Document]) -> tuple[Document, float] | None:
    """The other document most like ``document`` and their cosine similarity, or None if alone.

    One document against the others, for the library's "compare with the most similar" key;
    :func:`build_overview` does every pair.
    """
    others = [d for d in documents if d is not document]
    if not others:
        return None
    (target, *profiles), _ = weighted_profiles([document, *others])
    scores = [cosine(target, p) for p in profiles]
    best = max(range(len(others)), key=lambda i: (scores[i], -i))
    return others[best], scores[best]


def aligned_rows(left: Document, right: Document) -> Comparison:
    """A comparison with the aligner's rows and no word diffs: all the relations need, at a
    third of the cost of :func:`reader.compare.compare` (the overview's default).

    Each linked row's ops are the two sides whole (one deletion, one insertion), so the rows
    still rebuild both texts; their similarity is 0 (not measured).
    """
    groups = align_documents(left, right)
    rows = []
    for group in groups:
        left_text = PARAGRAPH_SEPARATOR.join(left.paragraphs[i].text for i in group.left)
        right_text = PARAGRAPH_SEPARATOR.join(right.paragraphs[j].text for j in group.right)
        boilerplate = all(left.paragraphs[i].is_boilerplate for i in group.left) and all(
            right.paragraphs[j].is_boilerplate for j in group.right
        )
        ops = tuple(op for op in (("-", left_text), ("+", right_text)) if op[1])
        kind = (
            "moved"
            if group.moved
            else "reworded"
            if group.left and group.right
            else "dropped"
            if group.left
            else "added"
        )
        rows.append(Row(kind, group.left, group.right, 0.0, ops, boilerplate, round(group.score, 4)))  # type: ignore[arg-type]
    return Comparison(left, right, tuple(rows), summarize(rows), False)


def build_overview(
    documents: Sequence[Document],
    *,
    compare: CompareFunction = aligned_rows,
    progress: Progress | None = None,
) -> Overview:
    """Compare every document with every other, cheaply, and relate each to its neighbour.

    Args:
        documents: The folder's documents.
        compare: How to compare a document with its nearest neighbour: the aligner's rows
            are enough (the default); the CLI and the app pass their cached full comparison,
            so that opening the pair afterwards costs nothing.
        progress: Called with the share done (0..1) now and then, from the calling thread.
    """
    documents = tuple(documents)
    count = len(documents)
    profiles, frequency = weighted_profiles(documents)
    cap = max(MAX_POSTING, count // 10)
    if progress:
        progress(0.3)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for number, p in enumerate(profiles):
        for word, weight in p.weights.items():
            if 1 < frequency[word] <= cap:
                postings[word].append((number, weight))
    dots: dict[tuple[int, int], float] = defaultdict(float)
    for entries in postings.values():
        for position, (i, wi) in enumerate(entries):
            for j, wj in entries[position + 1 :]:
                dots[(i, j)] += wi * wj
    pairs = {key: min(1.0, dot / (profiles[key[0]].norm * profiles[key[1]].norm)) for key, dot in dots.items()}
    if progress:
        progress(0.7)
    best: dict[int, tuple[float, int]] = {}
    for (i, j), value in pairs.items():
        for a, b in ((i, j), (j, i)):
            if a not in best or (value, -b) > (best[a][0], -best[a][1]):
                best[a] = (value, b)
    neighbours = {number: best.get(number, (0.0, 1 if number == 0 else 0)) for number in range(count) if count > 1}
    keys = sorted({(min(number, n), max(number, n)) for number, (_, n) in neighbours.items()})
    comparisons = compare_pairs(
        [(documents[i], documents[j]) for i, j in keys], compare=compare, progress=scaled(progress, 0.7, 1.0)
    )
    by_key = dict(zip(keys, comparisons))
    evidence = [_read_evidence(document) for document in documents]
    stories = _components(count, pairs)
    reworded_between = _reworded_phrases(documents, stories, pairs)
    relations = []
    for number in range(count):
        if count == 1:
            relations.append(Relation(number, None, 0.0, "alone"))
            continue
        similarity, neighbour = neighbours[number]
        comparison = by_key[(min(number, neighbour), max(number, neighbour))]
        relations.append(
            _relation(number, neighbour, similarity, documents, profiles, evidence, comparison, reworded_between)
        )
    overview = Overview(documents, pairs, tuple(relations))
    families = _families(overview, evidence, stories)
    family_of = {member: number for number, family in enumerate(families) for member in family.members}
    relations = [replace(relation, family=family_of[relation.document]) for relation in relations]
    if progress:
        progress(1.0)
    return Overview(documents, pairs, tuple(relations), families)


def _components(count: int, pairs: dict[tuple[int, int], float]) -> list[list[int]]:
    """The documents linked through pairs of related documents (shared vocabulary at least
    :data:`RELATED`; on the labelled real coverage, pairs within a story score 0.12 and up,
    pairs across stories 0.06 at most), each list in order, lists by their first member."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), value in pairs.items():
        if value >= RELATED:
            parent[root(i)] = root(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(count):
        groups[root(i)].append(i)
    return sorted(groups.values(), key=lambda m: m[0])


def _reworded_phrases(
    documents: Sequence[Document], stories: Sequence[Sequence[int]], pairs: dict[tuple[int, int], float]
) -> Callable[[int, int], tuple[int, int]]:
    """How to count the four-word phrases two documents alone share in their story (and the
    smaller one's phrases), reading each document's phrases only when first asked.

    A story of the two alone gives (0, 0): with no third document, four-word runs that two
    reports of one event share by chance cannot be told from runs one took from the other
    (independent reports on the labelled coverage share up to 17). In a story larger than
    :data:`MAX_POSTING`, only the :data:`MAX_POSTING` other members most like the two are
    searched, so that a thousand documents of one story stay cheap.
    """
    story_of = {member: story for story in stories for member in story}
    found: dict[int, frozenset[int]] = {}

    def phrases_of(i: int) -> frozenset[int]:
        if i not in found:
            found[i] = short_phrases(documents[i])
        return found[i]

    def similarity(i: int, j: int) -> float:
        return pairs.get((min(i, j), max(i, j)), 0.0)

    counted: dict[tuple[int, int], tuple[int, int]] = {}

    def between(i: int, j: int) -> tuple[int, int]:
        key = (min(i, j), max(i, j))  # asked for in the verdict's test and again for its words
        if key not in counted:
            counted[key] = count(i, j)
        return counted[key]

    def count(i: int, j: int) -> tuple[int, int]:
        others = [k for k in story_of[i] if k not in (i, j)]
        if not others:  # "no other document has it" says nothing without another document
            return 0, 0
        if len(others) > MAX_POSTING:
            others = sorted(others, key=lambda k: -(similarity(i, k) + similarity(j, k)))[:MAX_POSTING]
        smaller = min(len(phrases_of(i)), len(phrases_of(j)))
        return exclusive_shared(phrases_of(i), phrases_of(j), map(phrases_of, others)), smaller

    return between


def _families(
    overview: Overview, evidence: Sequence[_Evidence], stories: Sequence[Sequence[int]]
) -> tuple[Family, ...]:
    """Story families (``stories``, from :func:`_components`), each with its likely original
    (the most rewritten-from, else the earliest dated, else agency copy, else the most
    central)."""
    return tuple(Family(tuple(members), *_original(overview, members, evidence)) for members in stories)


def _original(overview: Overview, members: Sequence[int], evidence: Sequence[_Evidence]) -> tuple[int, str]:
    """The family's likely original and why."""
    if len(members) == 1:
        return members[0], "alone"
    inside = set(members)
    derived: dict[int, set[int]] = defaultdict(set)
    for r in overview.relations:
        if r.document not in inside or r.neighbour is None:
            continue
        if r.kind == "rewrite" or (r.kind == "version" and r.direction == "later"):
            derived[r.neighbour].add(r.document)
        elif r.kind == "source" or (r.kind == "version" and r.direction == "earlier"):
            derived[r.document].add(r.neighbour)
    if derived:
        best = max(derived, key=lambda i: (len(derived[i]), -i))
        count = len(derived[best])
        return best, f"{count} document{'s' if count != 1 else ''} derive{'s' if count == 1 else ''} from it"
    dated = [i for i in members if evidence[i].dates.latest]
    if len(dated) >= 2:
        first = min(dated, key=lambda i: (evidence[i].dates.latest or "", i))
        return first, f"earliest dated ({evidence[first].dates.latest})"
    wire = [i for i in members if evidence[i].agencies.wire]
    if len(wire) == 1:
        return wire[0], "agency copy"
    return _most_central(overview, members), "most central"


def default_base(documents: Sequence[Document], *, compare: CompareFunction = aligned_rows) -> Document:
    """The document the others are compared to: the overview's likely original.

    Raises:
        ValueError: ``documents`` is empty.
    """
    if not documents:
        raise ValueError("no documents")
    original = build_overview(documents, compare=compare).original
    return documents[original or 0]
