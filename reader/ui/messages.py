"""What a screen asks the app to open. Screens post these; :class:`reader.app.ReaderApp` opens.

So no screen builds another: a screen knows only the messages, the app knows every screen,
and the import graph has no cycle (``tests/test_imports.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # types only: the library screen comes up without loading the engine
    from reader.compare import Comparison
    from reader.corpus import Document


class OpenPair(Message):
    """Compare ``left`` with ``right``, at ``start_row`` (an index into the comparison's rows).

    When the screen under the sender already compares this pair, the app goes back to it and
    moves it to ``start_row`` (its filters, search and folding kept) instead of opening another.
    """

    def __init__(
        self, left: Document, right: Document, documents: Sequence[Document] = (), *, start_row: int | None = None
    ) -> None:
        super().__init__()
        self.left = left
        self.right = right
        self.documents = tuple(documents)
        self.start_row = start_row


class OpenOverview(Message):
    """The overview of ``documents``: a heat grid of every pair and each one's relation."""

    def __init__(self, documents: Sequence[Document]) -> None:
        super().__init__()
        self.documents = tuple(documents)


class OpenProvenance(Message):
    """Which of ``documents`` carry each paragraph of ``base``."""

    def __init__(self, base: Document, documents: Sequence[Document]) -> None:
        super().__init__()
        self.base = base
        self.documents = tuple(documents)


class OpenDrift(Message):
    """Facts ``documents`` state differently from ``base``.

    With ``comparison`` (the pair on screen, ``base`` on its left), its rows are read as they
    are: nothing is compared again, and the rows named are the ones on screen.
    """

    def __init__(self, base: Document, documents: Sequence[Document], *, comparison: Comparison | None = None) -> None:
        super().__init__()
        self.base = base
        self.documents = tuple(documents)
        self.comparison = comparison
