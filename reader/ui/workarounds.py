"""Work-arounds for Textual 8.2 bugs met in reader's fault runs (tiny terminals, typeahead).

Each names the Textual code at fault, so that it can go once Textual fixes it.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete
from textual.widgets import OptionList


class PageSafe:
    """A mixin for an ``OptionList`` (or a ``Select``'s overlay, which is one) whose
    PageUp/PageDown must survive a list with no laid-out lines.

    Textual 8.2.8, ``widgets/_option_list.py``, ``OptionList._move_page``: it indexes
    ``self._index_to_line[self.highlighted or 0]``, a map that ``_update_lines`` leaves empty
    while there is no room to show a line (an 80×6 or 20×5 terminal) or before the list was
    first laid out (a page key arriving as a ``Select`` opens), so PageDown raises
    ``KeyError``. Textual's own ``scroll_to_highlight`` catches that ``KeyError``; this does the
    same, and then moves by one option instead of a page. (Also reported against Textual's
    widget by another project: kagan-sh/kagan-legacy#31.)
    """

    def _move_page(self, direction: Any) -> None:
        try:
            super()._move_page(direction)  # type: ignore[misc]
        except KeyError:
            if direction > 0:
                self.action_cursor_down()  # type: ignore[attr-defined]
            else:
                self.action_cursor_up()  # type: ignore[attr-defined]


class SafeOptionList(PageSafe, OptionList):
    """An ``OptionList`` whose page keys survive a tiny terminal (see :class:`PageSafe`)."""


class DismissOnce:
    """A mixin for a ``ModalScreen`` that two quick choices must not dismiss twice.

    Textual 8.2.8, ``screen.py``, ``Screen.dismiss``: it pops whatever screen is on top, so
    two Enters arriving in one read (typeahead, a laggy SSH link) both select, and the second
    ``dismiss`` pops the screen *under* the modal (or raises ``ScreenStackError`` when that
    was the last one). Only the first call counts here; later ones do nothing.
    """

    _dismissed = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Dismiss once; a second call (or one when this is not the top screen) is ignored."""
        if self._dismissed or self.app.screen is not self:  # type: ignore[attr-defined]
            return AwaitComplete.nothing()
        self._dismissed = True
        return super().dismiss(result)  # type: ignore[misc]
