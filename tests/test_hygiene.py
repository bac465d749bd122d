"""The engine is usable without Textual: importing it must not import Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reader

VIEWS = ("reader.app", "reader.ui", "reader.__main__")
"""The only modules allowed to import Textual."""

ENGINE = sorted(
    module.name
    for module in pkgutil.walk_packages(reader.__path__, "reader.")
    if not module.name.startswith(VIEWS)
)
"""Every other module of the package, found rather than listed, so a new one cannot be missed."""


def test_the_engine_list_is_complete() -> None:
    assert {"reader.align", "reader.cli", "reader.exporters.html_format", "reader.overview"} <= set(ENGINE)


def test_engine_imports_no_textual() -> None:
    """A static import graph cannot prove an import is deferred, so check sys.modules."""
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in ENGINE)
        + "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
