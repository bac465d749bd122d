"""The names of the measures of likeness, so that a reader never takes one for another.

reader shows two different numbers for "how alike":

- :data:`SHARED_VOCABULARY`, in the overview's grid: the TF-IDF cosine of two whole
  documents' content words. It is cheap for every pair of a large folder and ignores order
  and wording; two independent reports of one event score high.
- :data:`WORDS_KEPT`, in the compare view, ``reader diff`` and the exports: the share of the
  words of the aligned rows that the word diff keeps, over both documents. It is what a
  reader sees highlighted; a draft with a few edited facts keeps almost all of its words.

:func:`percent` never rounds a share that is not exactly 1 up to "100%" (nor one that is not
0 down to "0%"), so three edited facts never read as "100 %".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    """A named measure of likeness.

    Attributes:
        name: What it is called wherever it is shown.
        explanation: One sentence on how it is computed.
    """

    name: str
    explanation: str


SHARED_VOCABULARY = Measure(
    "shared vocabulary",
    "TF-IDF cosine of the two documents' content words (boilerplate left out), order and wording ignored",
)
WORDS_KEPT = Measure(
    "words kept",
    "share of the aligned rows' words that the word diff keeps, over both documents (boilerplate left out)",
)


def percent(share: float) -> str:
    """A share as a percentage that is 100% only when it is exactly 1 (and 0% only at 0).

    >>> percent(0.37), percent(0.996), percent(0.9999), percent(1.0), percent(0.003), percent(0.0)
    ('37%', '99.6%', '>99.9%', '100%', '0.3%', '0%')
    """
    if share >= 1.0:
        return "100%"
    if share <= 0.0:
        return "0%"
    if round(share * 100) == 100 or round(share * 100) == 0:
        tenths = round(share * 100, 1)
        if tenths >= 100.0:
            return ">99.9%"
        if tenths <= 0.0:
            return "<0.1%"
        return f"{tenths:.1f}%"
    return f"{share:.0%}"
