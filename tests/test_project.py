"""The README's set-up commands, CI and the seeds stay in sync."""

from __future__ import annotations

import re

from tests.conftest import ROOT, SEED_NAMES


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in setup.splitlines() if line.startswith("    ")]


def test_readme_has_two_setup_commands() -> None:
    open_app, run_tests = _readme_commands()
    assert open_app.endswith("reader seeds/")
    assert "pytest" in run_tests


def test_ci_runs_exactly_the_readme_test_command() -> None:
    _, run_tests = _readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert run_tests in ci.splitlines()


def test_seeds_are_the_five_documents() -> None:
    assert len(SEED_NAMES) == 5
    assert all(re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", name) for name in SEED_NAMES)


def test_styles_ship_inside_the_wheel() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"styles" = "reader/styles"' in pyproject
    assert (ROOT / "styles" / "reader.tcss").is_file()
