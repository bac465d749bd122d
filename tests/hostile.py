"""A generated corpus of hostile documents and file names (no binary blobs checked in)."""

from __future__ import annotations

from pathlib import Path

PAYLOADS: dict[str, str] = {
    "osc-title-bel": "\x1b]0;pwned-title\x07",
    "osc-title-st": "\x1b]2;pwned-st\x1b\\",
    "osc52-clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "osc8-link": "\x1b]8;;file:///etc/passwd\x1b\\link\x1b]8;;\x1b\\",
    "csi-clear": "\x1b[2J",
    "csi-report": "\x1b[6n",
    "sgr": "\x1b[31mred\x1b[0m",
    "dcs": "\x1bP1$r\x1b\\",
    "c1-csi": "\u009b31m",
    "bidi-override": "\u202edesrever\u202c",
    "markup-style": "[bold red]x[/]",
    "markup-link": "[link=file:///etc/passwd]y[/link]",
    "markup-click": "[@click=app.quit]zzz[/]",
    "stray-close": "[/]",
}
"""Byte sequences that must never reach a terminal as they are, and text that looks like markup."""

RAW_SEQUENCES = [payload.encode() for name, payload in PAYLOADS.items() if "\x1b" in payload or "\u009b" in payload]
"""What a capture of the terminal output must not contain."""


def hostile_document(variant: int) -> str:
    """A news-like document with every payload inside its paragraphs."""
    paragraphs = [f"Hostile headline number {variant} {PAYLOADS['osc-title-bel']}"]
    for number, (name, payload) in enumerate(PAYLOADS.items()):
        edit = "changed" if (number + variant) % 3 == 0 else "kept"
        paragraphs.append(
            f"Paragraph {number} about {name} with the {edit} words {payload} and\ttabs and 漢字 and 👍🏽 here."
        )
    return "\n\n".join(paragraphs) + "\n"


def write_hostile_corpus(folder: Path) -> list[Path]:
    """Two hostile documents (one with an escape sequence in its name) and a binary file."""
    paths = [folder / "a-hostile.txt", folder / "b\x1b]2;pwned-name\x07.txt"]
    for variant, path in enumerate(paths):
        path.write_text(hostile_document(variant), encoding="utf-8")
    (folder / "c-binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return paths
