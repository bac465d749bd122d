"""Language knowledge shared by the engine: word lists, sentences, stems, months.

One home for what the aligner, the overview, fact drift, the corpus reader and the cruft
rules know about English. Where two uses need different lists on purpose, both live here
under names that say which use they serve:

- :data:`ALIGNMENT_STOPWORDS` drop reporting verbs and titles ("said", "told", "mr") as well
  as function words, because every paragraph of a news story has them and they would link
  unrelated paragraphs; :data:`FACT_STOPWORDS` keep "said" (a fact's context word: who said
  what) and drop only function words; :data:`SCORING_STOPWORDS` are the short list the
  overview's TF-IDF leaves out (rare words carry the weight there, so the list stays short).
- :func:`light_stem` (alignment: plural and tense endings, word kept readable) and
  :func:`short_stem` (facts: also derivational endings, cut to six letters, so that
  *commitment* meets *committed* in a fact's context).
- :func:`split_sentences` (alignment: sentences as strings) and :func:`sentence_spans`
  (facts: spans, so that a fact's position holds; ends at line breaks too).
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.text import fold_typography

# Stopwords -------------------------------------------------------------------------------

ALIGNMENT_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say told tell according mr mrs ms s t its it’s one two
    also however""".split()
)
"""Words the aligner never links on (``reader.align`` imports them as ``STOPWORDS``)."""

FACT_STOPWORDS = frozenset(
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
"""Function words: never a fact's context, never a name on their own, never a unit."""

SCORING_STOPWORDS = frozenset(
    "the and for that with this from have has had was were are been but not his her their they "
    "its said will would could should about after also into more than which when who what where "
    "there some other over such only then them these those while our out one two all any can may".split()
)
"""Words of three letters or more that the overview's TF-IDF leaves out."""

PRONOUNS = frozenset("he she it they we i you this that there".split())
"""Words that stand for a speaker without naming one."""

# Calendar --------------------------------------------------------------------------------

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MONTHS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
"""Full month names, lowercase, to their number."""

MONTH_NAMES: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
"""Full and abbreviated month names, lowercase, to their number (equal to
``reader.corpus`` reads dates with it)."""

MONTH_PATTERN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
"""A month name or abbreviation, lowercase (equal to ``reader.boilerplate._MONTH``)."""

WEEKDAY_PATTERN = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
"""A weekday, lowercase (equal to ``reader.boilerplate._WEEKDAY``)."""

CAPITALISED_MONTHS = "|".join(m.capitalize() for m in MONTHS)
"""Full month names as written in prose, as a regex alternation."""

# Numbers in words ------------------------------------------------------------------------

SMALL_NUMBERS = {
    word: value
    for value, word in enumerate(
        (
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        ).split()
    )
}
ORDINALS = {
    word: value
    for value, word in enumerate(
        (
            "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
            "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
            "twentieth"
        ).split(),
        start=1,
    )
}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

UNIT_SYNONYMS = {
    "charge": "count",
    "people": "person",
    "nationality": "nation",
    "country": "nation",
    "vessel": "ship",
    "boat": "ship",
    "metre": "meter",
    "kilometre": "kilometer",
    "tonne": "ton",
}
"""Units that count the same thing, each to one name (a charge in court is a count)."""

MEASURES: dict[str, tuple[str, float]] = {
    **dict.fromkeys(("meter", "metre", "m"), ("length", 1.0)),
    **dict.fromkeys(("kilometer", "kilometre", "km"), ("length", 1000.0)),
    **dict.fromkeys(("centimeter", "centimetre", "cm"), ("length", 0.01)),
    **dict.fromkeys(("foot", "feet", "ft"), ("length", 0.3048)),
    **dict.fromkeys(("yard", "yd"), ("length", 0.9144)),
    **dict.fromkeys(("mile", "mi"), ("length", 1609.344)),
    "inch": ("length", 0.0254),
    **dict.fromkeys(("kilogram", "kilo", "kg"), ("mass", 1.0)),
    **dict.fromkeys(("tonne", "ton"), ("mass", 1000.0)),  # a short ton is 9 % less: within a conversion's tolerance
    **dict.fromkeys(("pound", "lb"), ("mass", 0.45359)),
    **dict.fromkeys(("second", "sec"), ("duration", 1 / 3600)),
    **dict.fromkeys(("minute", "min"), ("duration", 1 / 60)),
    **dict.fromkeys(("hour", "hr"), ("duration", 1.0)),
    "day": ("duration", 24.0),
    "week": ("duration", 168.0),
    "month": ("duration", 730.5),
    "year": ("duration", 8766.0),
    "hectare": ("area", 10_000.0),
    "acre": ("area", 4046.86),
}
"""Units of measure: the dimension and the size in that dimension's base unit (metre,
kilogram, hour, square metre), so that "31 miles" and "62 kilometres" can be compared."""

HEDGES: tuple[tuple[str, str], ...] = (
    ("at least", r"more than|over|at least|upwards of|in excess of|above|exceeding|just over|well over"),
    ("nearly", r"almost|nearly|just under|just short of|close to|approaching"),
    ("at most", r"under|less than|fewer than|up to|below|as many as|as much as|as high as|no more than|at most"),
    ("about", r"about|around|some|roughly|approximately|an estimated|estimated|circa|approx\.?|more or less"),
)
"""How news copy hedges a figure, by the bound it sets: "more than 400" is at least 400,
"nearly six" a little under six, "as many as 113" at most 113, "about 200" either side."""

COMPARATIVES = frozenset(
    """more fewer less faster slower earlier later longer shorter higher lower bigger smaller
    larger ahead behind older younger extra additional""".split()
)
"""Words after a figure that make it a difference ("two hours faster", "three more counts"),
not an amount to hold against another."""

TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady gen general lt col maj capt cmdr adm sgt cpl
    sen rep gov pres president premier minister judge justice rev fr st""".split()
)
"""Titles before a name, as :func:`name_key` writes them: "Lt Gen Osama Rabei" is Osama Rabei."""

QUANTITY_ADJECTIVES = frozenset(
    """different separate distinct new full straight consecutive major minor small large big
    total young old other foreign local""".split()
)
"""Adjectives between a figure and what it counts ("32 different nationalities"): the unit is
the noun after them."""

OTHER_REFERENT = frozenset("sister other another rival previous former similar separate second".split())
"""Words before a noun that mark another thing of the same kind ("the 200,000-tonne sister
ship"): a figure about it is not a figure about the thing itself."""

SPEECH_VERBS = (
    "said|says|told|tells|added|adds|stated|wrote|writes|asked|noted|argued|warned|explained|"
    "insisted|declared|concluded|responded|replied|recalled|continued|announced|tweeted|"
    "remarked|acknowledged|stressed|emphasized|emphasised|urged|countered"
)
"""Verbs that introduce speech, as a regex alternation."""

# Words and stems -------------------------------------------------------------------------

FACT_WORD_RE = re.compile(r"(?:[^\W\d_]+-)?(?:[A-Z]\.){2,}|[^\W\d_](?:\w|['’\-](?=\w))*|\d+(?:[.,]\d+)*")
"""Words for facts: abbreviations like ``U.S.``, words with inner apostrophes or hyphens,
and numbers."""


@lru_cache(maxsize=1 << 16)  # a long pair repeats its vocabulary: ~114k calls, ~15k words at 5 MB
def light_stem(word: str) -> str:
    """The aligner's stem: a possessive, plural or tense ending off.

    >>> light_stem("countries"), light_stem("talks"), light_stem("Wang’s")
    ('country', 'talk', 'Wang')
    """
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + replacement
    return word


_SUFFIXES = ("ments", "ment", "ings", "ing", "ions", "ion", "edly", "ed", "es", "s", "ly")


@lru_cache(maxsize=1 << 16)
def name_key(word: str) -> str:
    """Casefolded, without a possessive ending or dots: ``"Kerry’s"`` and ``"kerry"`` meet.

    >>> name_key("Kerry’s"), name_key("U.S.")
    ('kerry', 'us')
    """
    word = fold_typography(word).casefold().replace(".", "")
    if word.endswith("'s"):
        word = word[:-2]
    return word.rstrip("'")


@lru_cache(maxsize=1 << 16)
def short_stem(word: str) -> str:
    """A crude stem so that *commitment* meets *committed* and *solutions* meets *solution*.

    >>> short_stem("Commitment") == short_stem("committed"), short_stem("solutions") == short_stem("solution")
    (True, True)
    """
    word = name_key(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e")[:6]


def content_stems(text: str) -> list[str]:
    """Short stems of the content words of ``text`` (function words and numbers left out).

    >>> content_stems("The officials said 3 talks were held")
    ['offici', 'said', 'talk', 'held']
    """
    return [
        short_stem(word)
        for word in FACT_WORD_RE.findall(fold_typography(text))
        if not word[0].isdigit() and word.casefold() not in FACT_STOPWORDS and len(word) > 1
    ]


def singular(word: str) -> str:
    """A plural noun's singular, roughly: *countries* → *country*, *weeks* → *week*.

    >>> singular("countries"), singular("weeks"), singular("taxes"), singular("gas")
    ('country', 'week', 'tax', 'gas')
    """
    if len(word) <= 3 or word.endswith("ss") or not word.endswith("s"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("xes", "ches", "shes", "sses")):
        return word[:-2]
    return word[:-1]


# Sentences -------------------------------------------------------------------------------

_ALIGNMENT_SENTENCE_END_RE = re.compile(r"[.!?][.!?]*[\"”’')\]]*\s+")
"""``[.!?]+`` written as a class then a repeat: the same matches, and ``re`` can skip ahead to
the next ``.!?`` (a pattern that opens with a repeat is tried at every character)."""
_ABBREVIATIONS = frozenset("mr mrs ms dr st jr sr gen gov sen rep lt col sgt no vs u.s etc".split())


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (a rule-based splitter that keeps "U.S." whole; the
    aligner's sentences).

    >>> split_sentences("Kerry met Wang. “It was good,” he said. The U.S. envoy left.")
    ['Kerry met Wang.', '“It was good,” he said.', 'The U.S. envoy left.']
    """
    sentences: list[str] = []
    start = 0
    for match in _ALIGNMENT_SENTENCE_END_RE.finditer(text):
        end = match.end()
        before = text[start : match.start()].rsplit(None, 1)
        last_word = before[-1].lower().strip('“"(') if before else ""
        following = text[end : end + 1]
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        if following and following.islower():
            continue
        sentences.append(text[start:end].strip())
        start = end
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences


_SENTENCE_END_RE = re.compile(r"[.!?…][\"”’)\]]*(?:\s+|$)|\n+")
_TITLE_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Prof|Rev|No|vs|[A-Z])\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans: ends at ``.!?`` before whitespace and a capital, not after a title or
    an initial (``Mr.``, ``U.S.``), and at line breaks.

    >>> text = "The U.S. envoy met Wang. He said “no.” Then Mr. Li left"
    >>> [text[a:b] for a, b in sentence_spans(text)]
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
