"""The engine is usable without Textual: importing it must not import Textual."""

from __future__ import annotations

import subprocess
import sys

ENGINE = [
    "reader",
    "reader.text",
    "reader.corpus",
    "reader.boilerplate",
    "reader.align",
    "reader.worddiff",
    "reader.compare",
    "reader.similarity",
    "reader.drift",
    "reader.layout",
    "reader.exporters",
    "reader.exporters.common",
    "reader.exporters.files",
    "reader.exporters.html_format",
    "reader.exporters.inline",
    "reader.exporters.json_format",
    "reader.exporters.markdown",
    "reader.exporters.text",
    "reader.exporters.unified",
    "reader.exporters.drift_report",
    "reader.cli",
]


def test_engine_imports_no_textual() -> None:
    """A static import graph cannot prove an import is deferred, so check sys.modules."""
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in ENGINE)
        + "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
