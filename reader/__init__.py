"""reader: read several versions of the same text side by side.

The engine (``corpus``, ``boilerplate``, ``align``, ``worddiff``, ``compare``, ``layout`` and
``exporters``) imports nothing from Textual and can be used as a library::

    >>> from reader.corpus import document_from_text
    >>> from reader.compare import compare
    >>> a = document_from_text("A headline.\\n\\nKerry met Wang Yi in Beijing on Monday.")
    >>> b = document_from_text("A headline.\\n\\nKerry met Wang Yi in Beijing on Tuesday.")
    >>> [row.kind for row in compare(a, b).rows]
    ['same', 'changed']
"""

from __future__ import annotations

__version__ = "0.1.0"
