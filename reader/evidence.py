"""Evidence for how two versions of a story relate: what a fact-checker can check.

Each function reads one kind of evidence and says it in words:

- :func:`content_indices`: the paragraphs all the evidence reads (the story's, headline and
  cruft left out, unless the text has nothing else);
- :func:`verbatim_sentences`: sentences both texts carry word for word (copy, not rewriting);
- :func:`phrases` and :func:`phrase_share`: five-word runs outside quotes (copied prose);
- :func:`short_phrases` and :func:`exclusive_shared`: four-word runs that two texts alone
  share in their story (a rewrite that rewords every sentence keeps some);
- :func:`document_dates`: when a version was published or updated (metadata fields of the
  :class:`~reader.corpus.Document`, and datelines such as "Published …", "Updated …");
- :func:`agency_markers`: which news agency a text is (``(Reuters) -``) or cites
  (``according to Reuters``, ``[Reuters, CNN]``, ``(Reporting by …)``);
- :func:`figure_changes`: counts that grow between aligned rows (a toll that rises marks the
  later version).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass

from reader.compare import Comparison
from reader.corpus import Document, Paragraph, find_date
from reader.drift import number_changes
from reader.language import FACT_STOPWORDS
from reader.text import fold_typography

MIN_VERBATIM_WORDS = 6
"""Sentences shorter than this are too common ("He said no.") to show copying."""

# Content ---------------------------------------------------------------------------------


def content_indices(document: Document) -> list[int]:
    """The paragraphs whose wording the evidence reads: the story's paragraphs, headline and
    web cruft left out.

    A text whose only story paragraph is its headline (a one-paragraph wire take whose lede
    was read as the headline), or whose every paragraph was set aside as cruft, would have
    nothing to compare ("0 of 0 paragraphs align"): then its headline counts, and failing
    that its cruft.

    >>> from reader.corpus import document_from_text
    >>> content_indices(document_from_text("Quake kills hundreds\\n\\nA quake struck on Friday."))
    [1]
    """
    paragraphs = document.paragraphs
    indices = [i for i, p in enumerate(paragraphs) if not p.is_boilerplate and p.text != document.title]
    if not indices:
        indices = [i for i, p in enumerate(paragraphs) if not p.is_boilerplate]
    return indices or list(range(len(paragraphs)))


def content_paragraphs(document: Document) -> list[Paragraph]:
    """The paragraphs of :func:`content_indices`."""
    return [document.paragraphs[i] for i in content_indices(document)]


# Verbatim sentences ----------------------------------------------------------------------

_PHRASE_WORD_RE = re.compile(r"\w+")
_SENTENCE_BREAK_RE = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def sentence_keys(document: Document) -> list[int]:
    """The content sentences of a document that are long enough to show copying, each as a
    hash of its lowercase words (punctuation and typography left out)."""
    keys = []
    for paragraph in content_paragraphs(document):
        for sentence in _SENTENCE_BREAK_RE.split(fold_typography(paragraph.text)):
            words = _PHRASE_WORD_RE.findall(sentence.casefold())
            if len(words) >= MIN_VERBATIM_WORDS:
                keys.append(hash(tuple(words)))
    return keys


@dataclass(frozen=True)
class Verbatim:
    """Sentences two documents share word for word.

    Attributes:
        shared: How many of the first document's sentences the second has verbatim.
        first: The first document's sentences (long enough to count).
        second: The second document's.
    """

    shared: int
    first: int
    second: int

    @property
    def share(self) -> float:
        """Shared sentences over the shorter document's sentences."""
        return self.shared / min(self.first, self.second) if min(self.first, self.second) else 0.0


def verbatim_sentences(first: Sequence[int], second: Sequence[int]) -> Verbatim:
    """Compare two documents' :func:`sentence_keys`.

    >>> verbatim_sentences([1, 2], [1, 3])
    Verbatim(shared=1, first=2, second=2)
    """
    others = set(second)
    return Verbatim(sum(1 for key in set(first) if key in others), len(set(first)), len(set(second)))


# Shared phrases --------------------------------------------------------------------------

PHRASE_WORDS = 5
"""Words in a phrase: five words in a row are rarely shared by chance (fixed: the phrases
are built with a five-way zip)."""

_QUOTED_RE = re.compile(
    r"\"[^\"\n]{0,400}?''"  # a straight opening mark closed by two apostrophes (wire copy)
    r"|,,[^,\"\n][^\"\n]{0,399}?(?:''|\")"  # ,, typed for „
    r"|[“\"„«‘][^“”\"„«»‘’\n]{0,400}[”\"“»’]|``[^`\n]{0,400}''"
)
"""Quotations in folded text (curly marks and « » are straight by then), as reader.facts finds
them: closed by a mark, or by two apostrophes."""


def _unquoted_runs(text: str, size: int) -> Iterator[tuple[str, ...]]:
    """The runs of ``size`` lowercase words of ``text`` outside quotation marks."""
    for piece in _QUOTED_RE.split(fold_typography(text)):
        words = _PHRASE_WORD_RE.findall(piece.casefold())
        yield from zip(*(words[start:] for start in range(size)))


def text_phrases(text: str) -> set[int]:
    """The runs of :data:`PHRASE_WORDS` words of ``text`` outside quotation marks, hashed
    (a hash per phrase keeps a thousand documents' phrases small)."""
    return set(map(hash, _unquoted_runs(text, PHRASE_WORDS)))


def phrases(document: Document) -> frozenset[int]:
    """The document's :func:`text_phrases` (content paragraphs only, headline left out).

    Quotes are left out because independent reports of one speech share its words; prose
    that two texts share word for word was copied.
    """
    found: set[int] = set()
    for paragraph in content_paragraphs(document):
        found |= text_phrases(paragraph.text)
    return frozenset(found)


def phrase_share(first: Set[int], second: Set[int]) -> float:
    """Shared phrases over the smaller document's phrases, 0..1.

    >>> a = text_phrases("The ship was freed on Monday after six days aground in the canal.")
    >>> b = text_phrases("After six days aground in the canal, the ship was freed.")
    >>> round(phrase_share(a, b), 2)
    0.43
    """
    smaller = min(len(first), len(second))
    return len(first & second) / smaller if smaller else 0.0


REWORDED_PHRASE_WORDS = 4
"""Words in a short phrase (:func:`short_phrases`): a rewrite that rewords every sentence
still keeps runs of four ("a catastrophic fire has", "second tower and belfry")."""


def short_phrases(document: Document) -> frozenset[int]:
    """The runs of :data:`REWORDED_PHRASE_WORDS` words of the document's content paragraphs,
    outside quotation marks, that hold at least two content words, hashed.

    A run of four is common between any two reports of one event ("on Monday the ship"), so
    these phrases count as evidence of copying only when no third document of the story has
    them (see :func:`exclusive_shared`).
    """
    return frozenset(
        hash(run)
        for paragraph in content_paragraphs(document)
        for run in _unquoted_runs(paragraph.text, REWORDED_PHRASE_WORDS)
        if sum(1 for word in run if word not in FACT_STOPWORDS) >= 2
    )


def exclusive_shared(first: Set[int], second: Set[int], others: Iterable[Set[int]]) -> int:
    """How many phrases the two documents share that none of the ``others`` has.

    >>> exclusive_shared({1, 2, 3}, {2, 3, 4}, [{3}, {5}])
    1
    """
    shared = set(first & second)
    for phrases_of_other in others:
        if not shared:
            break
        shared -= phrases_of_other
    return len(shared)


# Dates -----------------------------------------------------------------------------------

_DATE_FIELD_RE = re.compile(r"date|published|updated|modified|created", re.IGNORECASE)
_ISO_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?")
_DATELINE_RE = re.compile(
    r"\b(?P<what>published|posted|updated|last updated|first published|modified)\b\s*(?:on|at)?\s*:?\s*(?P<rest>.{0,60})",
    re.IGNORECASE,
)
_DATELINE_HINT_RE = re.compile(r"ublish|osted|pdated|odified", re.IGNORECASE)
_TIME_RE = re.compile(r"\b(\d{1,2})[:.](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?", re.IGNORECASE)


@dataclass(frozen=True)
class Dates:
    """When a version says it was published and last updated (``YYYY-MM-DD`` or
    ``YYYY-MM-DD HH:MM``), and where that was read."""

    published: str | None = None
    updated: str | None = None
    source: str = ""

    @property
    def latest(self) -> str | None:
        """The later of the two: the version's own time."""
        return max((d for d in (self.published, self.updated) if d), default=None)


def _with_time(date: str, text: str) -> str:
    time = _TIME_RE.search(text)
    if not time:
        return date
    hour, minute, half = int(time.group(1)), int(time.group(2)), (time.group(3) or "").lower().replace(".", "")
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    return f"{date} {hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else date


def document_dates(document: Document) -> Dates:
    """The version's dates: datelines in its text first ("Updated July 18, 2023, 8:13am"),
    then any metadata field of the document whose name says it is a date.

    >>> from reader.corpus import document_from_text
    >>> document_dates(document_from_text("Quake kills hundreds\\n\\nUpdated: Sept. 9, 2023 10:15 pm\\n\\nText."))
    Dates(published=None, updated='2023-09-09 22:15', source='dateline')
    """
    published = updated = None
    for paragraph in document.paragraphs[:40]:
        if not _DATELINE_HINT_RE.search(paragraph.text):
            continue
        for match in _DATELINE_RE.finditer(paragraph.text):
            rest = match.group("rest")
            date = find_date(rest.replace("Sept.", "Sep.").replace("Sept ", "Sep "))
            if not date:
                continue
            value = _with_time(date, rest)
            if "updat" in match.group("what").lower() or "modif" in match.group("what").lower():
                updated = updated or value
            else:
                published = published or value
    if published or updated:
        return Dates(published, updated, "dateline")
    for field in dataclasses.fields(document):
        value = getattr(document, field.name)
        if not isinstance(value, str) or not _DATE_FIELD_RE.search(field.name):
            continue
        iso = _ISO_RE.match(value)
        if not iso:
            continue
        stamp = iso.group(1) + (f" {iso.group(2)}" if iso.group(2) else "")
        if re.search(r"updat|modif", field.name, re.IGNORECASE):
            updated = updated or stamp
        else:
            published = published or stamp
    return Dates(published, updated, "metadata" if published or updated else "")


# Agencies --------------------------------------------------------------------------------

AGENCIES = {
    "Reuters": r"Reuters",
    "AP": r"AP|Associated Press",
    "AFP": r"AFP|Agence France-Presse|Agence France Presse",
    "Bloomberg": r"Bloomberg",
    "CNN": r"CNN",
    "PA": r"PA Media|Press Association",
    "EFE": r"EFE",
    "IANS": r"IANS",
    "PTI": r"PTI",
    "ANI": r"ANI",
    "Xinhua": r"Xinhua",
    "dpa": r"dpa|DPA",
    "UPI": r"UPI",
    "CNBC": r"CNBC",
}
"""Agencies and networks whose copy other outlets carry, with how they are written."""

_AGENCY = "(" + "|".join(AGENCIES.values()) + ")"
_WIRE_RE = re.compile(rf"\({_AGENCY}\)\s*[-–—]|^\s*{_AGENCY}\s*[-–—]\s")
_REPORTED_RE = re.compile(
    rf"\b[Aa]ccording to (?:the |a )?{_AGENCY}\b|\b{_AGENCY} (?:reports?|reported|said|says|news agency)\b"
    rf"|\btold {_AGENCY}\b"
)
"""The text retells what an agency reported."""
_CREDIT_RE = re.compile(
    rf"\({_AGENCY}\)|\b{_AGENCY} contributed\b|\bvia {_AGENCY}\b|\b(?:Copyright|©)\s*(?:\d{{4}}\s*)?(?:The )?{_AGENCY}\b"
)
"""The text carries an agency's material with a credit (a photo, a contribution)."""
_ANY_AGENCY_RE = re.compile(rf"\b{_AGENCY}\b")
_SOURCE_TAG_RE = re.compile(
    rf"\[\s*(?P<bracketed>{_AGENCY}(?:\s*(?:,|/|&|and)\s*{_AGENCY})*)\s*\]"
    rf"|\bSources?\s*:\s*(?P<listed>{_AGENCY}(?:\s*(?:,|/|&|and)\s*{_AGENCY})*)\b"
)
"""A digest's source tag, "[Reuters, CNN]" or "Source: CNN": the text retells those reports."""
_REPORTING_BY_RE = re.compile(r"\((?:Reporting|Additional reporting|Writing) by\b")
_BY_NAME = [(name, re.compile(rf"(?:{pattern})$")) for name, pattern in AGENCIES.items()]


def _names(match: re.Match[str]) -> set[str]:
    found: set[str] = set()
    for value in match.groups():
        if value:
            found.update(name for name, pattern in _BY_NAME if pattern.match(value))
    return found


@dataclass(frozen=True)
class Agencies:
    """What a text says about the agencies behind it.

    Attributes:
        wire: Agencies whose dateline opens a paragraph: ``LONDON (Reuters) -``: the text is
            that agency's copy.
        cited: Agencies it cites or credits ("according to Reuters", "(AP)", "Reuters reports").
        reporting_by: Whether it carries a wire credit line "(Reporting by …)".
        retold: Agencies whose report the text retells in its own words ("according to
            Reuters", "AFP reported", "told CNN", a source tag "[Reuters, CNN]" or "Source:
            CNN"): a later text than the agency's copy.
    """

    wire: frozenset[str] = frozenset()
    cited: frozenset[str] = frozenset()
    reporting_by: bool = False
    retold: frozenset[str] = frozenset()

    @property
    def all(self) -> frozenset[str]:
        """Every agency the text names as its source."""
        return self.wire | self.cited | (frozenset({"Reuters"}) if self.reporting_by and not self.wire else frozenset())


def agency_markers(document: Document) -> Agencies:
    """The agency markers of a document's paragraphs (cruft included: credit lines are often
    tagged as cruft).

    >>> from reader.corpus import document_from_text
    >>> agency_markers(document_from_text("RABAT (Reuters) - A quake struck.\\n\\nAFP reports 300 dead."))
    Agencies(wire=frozenset({'Reuters'}), cited=frozenset({'AFP'}), reporting_by=False, retold=frozenset({'AFP'}))
    """
    wire: set[str] = set()
    cited: set[str] = set()
    retold: set[str] = set()
    reporting_by = False
    for paragraph in document.paragraphs:
        text = paragraph.text
        if not _ANY_AGENCY_RE.search(text) and "(Reporting" not in text and "(Writing" not in text:
            continue
        for match in _WIRE_RE.finditer(text[:200]):
            wire |= _names(match)
        for match in _REPORTED_RE.finditer(text):
            retold |= _names(match)
        for match in _SOURCE_TAG_RE.finditer(text):
            tag = match.group("bracketed") or match.group("listed")
            retold |= {name for found in _ANY_AGENCY_RE.finditer(tag) for name in _names(found)}
        for match in _CREDIT_RE.finditer(text):
            cited |= _names(match)
        reporting_by = reporting_by or bool(_REPORTING_BY_RE.search(text))
    return Agencies(frozenset(wire), frozenset((cited | retold) - wire), reporting_by, frozenset(retold - wire))


# Figures ---------------------------------------------------------------------------------

_COUNTED = frozenset(
    "dead death deaths died killed kill toll people injured wounded hurt missing victim victims casualties "
    "displaced homeless evacuated rescued survivors passengers bodies".split()
)


@dataclass(frozen=True)
class Figures:
    """Counts of people (dead, injured, missing…) that differ between aligned rows.

    Attributes:
        rising: Changes where the second document's count is larger, as ``"296 → 820"``.
        falling: Changes where it is smaller.
    """

    rising: tuple[str, ...] = ()
    falling: tuple[str, ...] = ()


def figure_changes(comparison: Comparison) -> Figures:
    """Tolls and other counts of people that changed between the two sides' aligned rows.

    Only rows that hold a digit on both sides are read, so this stays cheap for the overview.
    """
    rising: list[str] = []
    falling: list[str] = []
    for a, b, context in number_changes(comparison):
        if not context & _COUNTED:
            continue
        (rising if b.value > a.value else falling).append(f"{a.text} → {b.text}")
    return Figures(tuple(rising), tuple(falling))
