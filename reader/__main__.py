"""``python -m reader``: the same as the ``reader`` command."""

from __future__ import annotations

from reader.cli import console_script

if __name__ == "__main__":
    console_script()
