"""reader: read several versions of the same text side by side.

Architecture (the README's section of that name says more). Data flows one way::

    files -> corpus -> align (rows) -> worddiff (word ops) -> compare (Comparison)
          -> exporters | sidebyside -> row_layout -> ui

- Engine, no Textual and no cache: ``text``, ``corpus``, ``boilerplate``, ``align``,
  ``worddiff``, ``compare``; ``overview``, ``provenance``, ``drift`` (judgements over several
  documents); ``layout``, ``sidebyside``, ``row_layout`` and ``exporters`` (rendering).
- Edges: ``cli`` (decides about the cache), ``cache``, ``background``, ``app`` (opens every
  screen; owns the garbage-collector policy) and ``ui`` (one module per screen, the widgets
  ``diff_view`` and ``heat_grid``, ``messages`` that screens post for the app to act on, and
  ``engine_calls``). Screens never import each other. Sides are ``"left"``/``"right"``.
- Read first: ``compare`` (the Comparison every view renders), then ``app`` and
  ``ui.compare_screen``.

The engine can be used as a library::

    >>> from reader.corpus import document_from_text
    >>> from reader.compare import compare
    >>> a = document_from_text("A headline.\\n\\nKerry met Wang Yi in Beijing on Monday.")
    >>> b = document_from_text("A headline.\\n\\nKerry met Wang Yi in Beijing on Tuesday.")
    >>> [row.kind for row in compare(a, b).rows]
    ['same', 'changed']
"""

from __future__ import annotations

__version__ = "0.1.0"
