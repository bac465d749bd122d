"""Score the verdicts on the real coverage against hand labels (tests/gold/verdict_labels.json).

The labels were written by reading the 55 documents of the ten stories in
``shared/realpages/text`` before any tuning (see tests/gold/README.md). Two scores:

- **Relations.** Each story folder gets its overview, as ``reader overview STORY`` would. A
  document's relation is right when the pair label of the document and the neighbour the
  overview relates it to has the same kind (near-copy, version-of, rewrite-of, independent,
  unrelated) and, for a rewrite, the same direction (a version's direction counts only when
  both give one). The per-document labels (relation to the closest document) are printed too.
  Families are scored on all 55 documents at once: each story should be one family.
- **Drift.** ``drift`` runs on every labelled pair (left against right). A reported item is
  true when a labelled drift item of the same kind sits in its rows' paragraphs; recall counts
  the labelled drift items found. Per kind, and per group (number, date, name, quote).

Run ``python -m tests.gold.verdicts`` (``-v`` lists every miss and false alarm; ``--dev`` or
``--held-out`` scores one half of the stories, see ``tests/realpages.py``; ``--no-date-labels``
leaves out the blind date labels of ``date_labels.json``).
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.compare import compare
from reader.corpus import Document, load_document
from reader.drift import Disagreement, drift
from reader.overview import Overview, Relation, build_overview
from tests.realpages import TEXTS, paragraph_key, story_selection

LABELS = Path(__file__).with_name("verdict_labels.json")
DATE_LABELS = Path(__file__).with_name("date_labels.json")

GROUPS = {"number": "number", "date": "date", "name": "name"}
"""Every quote-* kind falls in the group "quote"."""

RELATION_NAMES = {
    "near-copy": "near-copy",
    "version": "version-of",
    "rewrite": "rewrite-of",
    "source": "rewrite-of",
    "independent": "independent",
    "unrelated": "unrelated",
}


def group(kind: str) -> str:
    return GROUPS.get(kind, "quote")


def labels(chosen=lambda story: True, *, with_dates: bool = True) -> dict[str, dict]:
    """The stories' labels by story slug, for the stories ``chosen`` keeps.

    ``with_dates``: the date items of :data:`DATE_LABELS` (a second, blind pass over every
    labelled pair for dates alone, written after the first labels held only two date items)
    are added to each story's ``drift`` and ``not_drift``.
    """
    stories = json.loads(LABELS.read_text(encoding="utf-8"))["stories"]
    chosen_stories = {story: dict(entry) for story, entry in stories.items() if chosen(story)}
    if with_dates and DATE_LABELS.is_file():
        for story, extra in json.loads(DATE_LABELS.read_text(encoding="utf-8"))["stories"].items():
            if story in chosen_stories:
                entry = chosen_stories[story]
                entry["drift"] = [*entry["drift"], *extra["drift"]]
                entry["not_drift"] = [*entry["not_drift"], *extra["not_drift"]]
    return chosen_stories


def load_story(story: str) -> dict[str, Document]:
    """The story's documents by file name, checking that the labels' paragraph keys still hold."""
    folder = TEXTS / story
    return {path.name: load_document(str(path)) for path in sorted(folder.iterdir()) if path.suffix == ".txt"}


def check_keys(story: str, documents: dict[str, Document], entries: Iterable[dict]) -> list[str]:
    """Labelled paragraphs whose text no longer hashes to the labelled key (a changed split)."""
    stale = []
    for entry in entries:
        for side in ("left", "right"):
            document = documents[entry[side]]
            index = entry[f"{side}_paragraph"]
            if (
                index >= len(document.paragraphs)
                or paragraph_key(document.paragraphs[index].text) != entry[f"{side}_key"]
            ):
                stale.append(f"{story} {entry[side]} ¶{index}")
    return stale


# Relations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelationScore:
    right: int
    total: int
    strict_right: int
    misses: list[str]
    families_pure: bool
    family_note: str


def _pair_label(story_labels: dict, a: str, b: str) -> tuple[str, str | None]:
    """The labelled relation of a pair and which side is earlier (``a``, ``b`` or None)."""
    for pair in story_labels["pairs"]:
        if {pair["left"], pair["right"]} == {a, b}:
            earlier = {"left-earlier": pair["left"], "right-earlier": pair["right"]}.get(pair["direction"] or "")
            return pair["relation"], earlier
    raise KeyError((a, b))


def _my_earlier(relation: Relation, name: str, other: str) -> str | None:
    if relation.kind == "source" or (relation.kind == "version" and relation.direction == "earlier"):
        return name
    if relation.kind == "rewrite" or (relation.kind == "version" and relation.direction == "later"):
        return other
    return None


def judge(relation: Relation, names: list[str], story_labels: dict) -> tuple[bool, str]:
    """Whether a document's relation agrees with the pair label, and a line saying why not."""
    name = names[relation.document]
    if relation.neighbour is None:
        return False, f"{name}: alone"
    other = names[relation.neighbour]
    mine = RELATION_NAMES[relation.kind]
    label, earlier = _pair_label(story_labels, name, other)
    my_earlier = _my_earlier(relation, name, other)
    ok = mine == label
    if ok and label == "rewrite-of" and earlier and my_earlier != earlier:
        ok = False
    if ok and label == "version-of" and earlier and my_earlier and my_earlier != earlier:
        ok = False
    why = (
        f"{name}: said {relation.kind}{'/' + relation.direction if relation.direction else ''} {other}, "
        f"label {label} (earlier: {earlier}); {', '.join(relation.evidence)}"
    )
    return ok, why


def score_relations(chosen=lambda story: True) -> RelationScore:
    """Relations per story folder, and families over every document at once."""
    right = total = strict = 0
    misses: list[str] = []
    everything: list[tuple[str, Document]] = []
    for story, story_labels in labels(chosen).items():
        documents = load_story(story)
        names = list(documents)
        everything += [(story, documents[n]) for n in names]
        overview = build_overview([documents[n] for n in names])
        for relation in overview.relations:
            ok, why = judge(relation, names, story_labels)
            total += 1
            right += ok
            doc_label = story_labels["documents"][names[relation.document]]
            strict += RELATION_NAMES[relation.kind] == doc_label["relation"]
            if not ok:
                misses.append(f"{story} {why}")
    overall = build_overview([document for _, document in everything])
    stories = [story for story, _ in everything]
    pure, note = _family_purity(overall, stories)
    return RelationScore(right, total, strict, misses, pure, note)


def _family_purity(overview: Overview, stories: list[str]) -> tuple[bool, str]:
    by_family: dict[int, set[str]] = defaultdict(set)
    by_story: dict[str, set[int]] = defaultdict(set)
    for relation in overview.relations:
        by_family[relation.family].add(stories[relation.document])
        by_story[stories[relation.document]].add(relation.family)
    mixed = sum(1 for s in by_family.values() if len(s) > 1)
    split = sum(1 for f in by_story.values() if len(f) > 1)
    return mixed == 0 and split == 0, (
        f"{len(overview.families)} families for {len(by_story)} stories; {mixed} mix stories, {split} stories split"
    )


# Drift -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DriftScore:
    reported: Counter[str]
    true: Counter[str]
    labelled: Counter[str]
    found: Counter[str]
    false_alarms: list[str]
    missed: list[str]
    stale: list[str]

    def precision(self, kind: str) -> float:
        return self.true[kind] / self.reported[kind] if self.reported[kind] else 1.0

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.labelled[kind] if self.labelled[kind] else 1.0


def _hits(item: Disagreement, entry: dict, kind_of=lambda k: k) -> bool:
    return (
        kind_of(item.kind) == kind_of(entry["kind"])
        and entry["left_paragraph"] in item.left_paragraphs
        and entry["right_paragraph"] in item.right_paragraphs
    )


def _reversed(entry: dict) -> dict:
    """A drift label of the pair (B, A) read for the pair (A, B)."""
    swapped = dict(entry)
    for a, b in (("left", "right"), ("left_paragraph", "right_paragraph"), ("left_key", "right_key")):
        swapped[a], swapped[b] = entry[b], entry[a]
    if "left_words" in entry:
        swapped["left_words"], swapped["right_words"] = entry["right_words"], entry["left_words"]
    return swapped


def score_drift(chosen=lambda story: True, *, labels_both_ways: bool = True, with_dates: bool = True) -> DriftScore:
    """Drift on every labelled pair, per kind and per group.

    A label names its pair in one order, the story's pair list maybe in the other: a label of
    (B, A) counts for the listed pair (A, B), sides swapped. With ``labels_both_ways=False``
    it is not read at all (the scorer before session 5: 4 number, 10 name and 2 quote labels
    went unread, and items that matched them counted as false alarms).
    """
    reported: Counter[str] = Counter()
    true: Counter[str] = Counter()
    labelled: Counter[str] = Counter()
    found: Counter[str] = Counter()
    false_alarms: list[str] = []
    missed: list[str] = []
    stale: list[str] = []
    for story, story_labels in labels(chosen, with_dates=with_dates).items():
        documents = load_story(story)
        stale += check_keys(story, documents, [*story_labels["drift"], *story_labels["not_drift"]])
        by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
        listed = {(pair["left"], pair["right"]) for pair in story_labels["pairs"]}
        for entry in story_labels["drift"]:
            by_pair[(entry["left"], entry["right"])].append(entry)
            if labels_both_ways and (entry["left"], entry["right"]) not in listed:
                by_pair[(entry["right"], entry["left"])].append(_reversed(entry))
        for pair in story_labels["pairs"]:
            left, right = pair["left"], pair["right"]
            entries = by_pair.get((left, right), [])
            items = drift(compare(documents[left], documents[right]))
            for item in items:
                exact = any(_hits(item, e) for e in entries)
                grouped = any(_hits(item, e, group) for e in entries)
                reported[item.kind] += 1
                true[item.kind] += exact
                if group(item.kind) != item.kind:
                    reported[group(item.kind)] += 1
                    true[group(item.kind)] += grouped
                if not grouped:
                    false_alarms.append(f"{story} {left} | {right}: {item.kind}: {item.detail}")
            for entry in entries:
                exact = any(_hits(item, entry) for item in items)
                grouped = any(_hits(item, entry, group) for item in items)
                labelled[entry["kind"]] += 1
                found[entry["kind"]] += exact
                if group(entry["kind"]) != entry["kind"]:
                    labelled[group(entry["kind"])] += 1
                    found[group(entry["kind"])] += grouped
                if not grouped:
                    missed.append(
                        f"{story} {left} ¶{entry['left_paragraph']} | {right} ¶{entry['right_paragraph']}: "
                        f"{entry['kind']}: {entry['left_words']} → {entry['right_words']}"
                    )
    return DriftScore(reported, true, labelled, found, false_alarms, missed, stale)


KIND_ORDER = (
    "number",
    "date",
    "name",
    "quote",
    "quote-altered",
    "quote-trimmed",
    "quote-paraphrased",
    "quote-attribution",
)


def main() -> int:
    verbose = "-v" in sys.argv[1:]
    if not TEXTS.is_dir():
        print(f"the real pages are not here ({TEXTS}); set READER_REALPAGES")
        return 2
    selection, chosen = story_selection(sys.argv[1:])
    print(selection)
    relations = score_relations(chosen)
    print(
        f"relations right: {relations.right}/{relations.total} = {relations.right / relations.total:.0%} "
        f"(per-document label kind: {relations.strict_right}/{relations.total})"
    )
    print(f"families: {relations.family_note}")
    if verbose:
        for line in relations.misses:
            print("  miss:", line)
    score = score_drift(chosen, with_dates="--no-date-labels" not in sys.argv[1:])
    if score.stale:
        print("stale labels (paragraph split changed):", *score.stale, sep="\n  ")
    print(f"{'kind':<18} {'precision':>14} {'recall':>14}")
    for kind in KIND_ORDER:
        print(
            f"{kind:<18} {score.true[kind]:>4}/{score.reported[kind]:<4} {score.precision(kind):4.0%}"
            f"  {score.found[kind]:>4}/{score.labelled[kind]:<4} {score.recall(kind):4.0%}"
        )
    if verbose:
        for line in score.false_alarms:
            print("  false alarm:", line)
        for line in score.missed:
            print("  missed:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
