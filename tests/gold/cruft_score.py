"""Score cruft tagging and titles against the hand labels of the real news texts.

    python -m tests.gold.cruft_score [--explain]

Reads ``cruft_labels.json`` (labels made by reading the 55 texts of ``realpages/text`` before
any tuning; see README.md) and loads each story's folder as ``reader DIR`` would (so the
folder-wide template rule applies). Prints per-kind cruft recall, the story paragraphs wrongly
tagged (sure and ambiguous apart), and title accuracy. The paragraph hashes are checked first:
a change of paragraph splitting fails loudly instead of scoring the wrong paragraphs.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reader.corpus import Document, load_folder
from tests.realpages import TEXTS, paragraph_key

LABELS = Path(__file__).with_name("cruft_labels.json")


@dataclass
class CruftScore:
    """What the scorer found.

    Attributes:
        cruft: Labelled cruft paragraphs per kind.
        found: Of those, how many were tagged (any reason), per kind.
        story_tagged: Sure story paragraphs tagged as cruft: (file, index, reason, hint).
        ambiguous_tagged: Story paragraphs marked ambiguous that were tagged.
        missed: Cruft paragraphs not tagged: (file, index, kind, hint).
        titles_right: Files whose title is right.
        title_misses: (file, expected, got) for the others.
        files: Number of files scored.
    """

    cruft: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    story_tagged: list[tuple[str, int, str, str]] = field(default_factory=list)
    ambiguous_tagged: list[tuple[str, int, str, str]] = field(default_factory=list)
    missed: list[tuple[str, int, str, str]] = field(default_factory=list)
    titles_right: int = 0
    title_misses: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    files: int = 0

    @property
    def recall(self) -> float:
        """Share of all labelled cruft paragraphs that were tagged."""
        total = sum(self.cruft.values())
        return sum(self.found.values()) / total if total else 1.0

    @property
    def title_accuracy(self) -> float:
        """Share of files whose title is right."""
        return self.titles_right / self.files if self.files else 1.0


def labels() -> dict[str, dict]:
    """The labels per file (``story-slug/site.txt``)."""
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    if data.get("format") != "reader.cruft-labels/1":
        raise ValueError(f"{LABELS}: unknown format")
    return data["files"]


def _fold(text: str | None) -> str:
    return " ".join((text or "").split())


def title_is_right(document: Document, entry: dict) -> bool:
    """Whether the document's title is the labelled headline.

    With ``title_index`` null (no paragraph is the headline alone: it runs into the lede) a
    title is right when there is none, or when it is the first story paragraph (which holds
    the headline); never a navigation line, a caption or a later paragraph.
    """
    index = entry["title_index"]
    if index is not None:
        return _fold(document.title) == _fold(document.paragraphs[index].text)
    if document.title is None:
        return True
    first_story = next(p["index"] for p in entry["paragraphs"] if p["label"] == "story")
    return _fold(document.title) == _fold(document.paragraphs[first_story].text)


def score(root: Path = TEXTS) -> CruftScore:
    """Load every labelled story folder under ``root`` and score it.

    Raises:
        LookupError: A labelled paragraph's hash does not match the text (the split changed).
    """
    result = CruftScore()
    entries = labels()
    folders = sorted({name.split("/")[0] for name in entries})
    for folder in folders:
        corpus = load_folder(root / folder)
        by_name = {f"{folder}/{Path(d.path).name}": d for d in corpus.documents}
        for name in sorted(n for n in entries if n.startswith(f"{folder}/")):
            entry, document = entries[name], by_name[name]
            result.files += 1
            if len(document.paragraphs) != len(entry["paragraphs"]):
                raise LookupError(
                    f"{name}: {len(document.paragraphs)} paragraphs, labels have {len(entry['paragraphs'])}"
                )
            for label in entry["paragraphs"]:
                paragraph = document.paragraphs[label["index"]]
                if paragraph_key(paragraph.text) != label["key"]:
                    raise LookupError(f"{name} ¶{label['index']}: text does not match the label's hash")
                kind = label["label"]
                if kind == "story":
                    if paragraph.boilerplate is not None:
                        item = (name, label["index"], paragraph.boilerplate, label["hint"])
                        (result.ambiguous_tagged if label.get("ambiguous") else result.story_tagged).append(item)
                    continue
                result.cruft[kind] += 1
                if paragraph.boilerplate is not None:
                    result.found[kind] += 1
                else:
                    result.missed.append((name, label["index"], kind, label["hint"]))
            if title_is_right(document, entry):
                result.titles_right += 1
            else:
                index = entry["title_index"]
                expected = entry["paragraphs"][index]["hint"] if index is not None else None
                result.title_misses.append((name, expected, document.title))
    return result


def report(result: CruftScore, *, explain: bool = False) -> str:
    """The figures as text."""
    lines = [
        f"{result.files} files; cruft recall {sum(result.found.values())}/{sum(result.cruft.values())} "
        f"= {result.recall:.2f}",
        "",
        f"{'kind':<15}{'found':>7}{'of':>5}{'recall':>8}",
    ]
    for kind, count in result.cruft.most_common():
        lines.append(f"{kind:<15}{result.found[kind]:>7}{count:>5}{result.found[kind] / count:>8.2f}")
    lines += [
        "",
        f"story paragraphs tagged as cruft: {len(result.story_tagged)} "
        f"(and {len(result.ambiguous_tagged)} labelled story but ambiguous)",
        f"titles right: {result.titles_right}/{result.files} = {result.title_accuracy:.1%}",
    ]
    if explain:
        lines.append("")
        lines += [f"WRONGLY TAGGED {n} ¶{i} ({reason}) [{hint}]" for n, i, reason, hint in result.story_tagged]
        lines += [f"ambiguous tagged {n} ¶{i} ({reason}) [{hint}]" for n, i, reason, hint in result.ambiguous_tagged]
        lines += [f"missed {kind:<13} {n} ¶{i} [{hint}]" for n, i, kind, hint in result.missed]
        lines += [f"title {n}: expected [{e}] got {g!r:.80}" for n, e, g in result.title_misses]
    return "\n".join(lines)


if __name__ == "__main__":
    if not TEXTS.is_dir():
        sys.exit(f"the real pages are not here ({TEXTS}); set READER_REALPAGES")
    print(report(score(), explain="--explain" in sys.argv[1:]))
