"""Exporters: each renders a :class:`~reader.compare.Comparison`; none re-aligns or re-diffs."""

from __future__ import annotations

from reader.exporters.json_format import to_json
from reader.exporters.text import to_text

FORMATS = ("text", "json")

__all__ = ["FORMATS", "to_json", "to_text"]
