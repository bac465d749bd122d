"""Hygiene: the engine is usable without Textual, and ruff finds nothing to say."""

from __future__ import annotations

import importlib.util
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import reader

ROOT = Path(__file__).resolve().parent.parent

VIEWS = ("reader.app", "reader.ui", "reader.__main__")
"""The only modules allowed to import Textual."""

ENGINE = sorted(
    module.name for module in pkgutil.walk_packages(reader.__path__, "reader.") if not module.name.startswith(VIEWS)
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


RUFF_TARGETS = ("reader", "tests", "benchmarks")
"""What ruff checks and formats (its settings are in pyproject.toml)."""


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(("check",), id="check"),
        pytest.param(("format", "--check"), id="format"),
    ],
)
def test_ruff(command: tuple[str, ...]) -> None:
    """``ruff check`` (rules F, B, C90) and ``ruff format --check`` pass on the whole tree."""
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed (it comes with the test extra: pip install -e '.[test]')")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, *RUFF_TARGETS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
