"""A long generated pair of short lines (a glossary with a table of contents) and the aligner's
recall on it per kind of edit.

    .venv/bin/python benchmarks/short_lines.py [--entries 3000] [--seed 7] [--write DIR]

The glossary is made here, deterministically (a seeded ``random.Random`` over built-in word
lists, no download): a title, a table of contents that repeats every section heading word for
word, then sections of one-line entries ("Blorvak: a tool that counts the ships of a harbour.")
a few two-sentence entries, and sayings on a line of their own ("All hardwares suck, all
softwares suck."). The contents start with the title again. The right version applies seeded edits to entries, never to neighbours of another
edit, and records which left paragraphs each right paragraph came from, so every true link
is known:

| kind | what it does |
|---|---|
| `same` | an entry left as it is |
| `words` | one or two words of an entry replaced |
| `saying` | one word of a saying replaced ("… all softwares suck." → "… all softwares weak.") |
| `merge` | two adjacent short lines joined into one |
| `split` | a two-sentence entry cut into two lines |
| `move` | an entry moved at least a quarter of the document away, word for word |
| `heading` | a section heading (also a line of the contents, word for word) moved as far |
| `delete` / `insert` | an entry removed / a new entry added |

For each kind it prints the share of true links found (rows plus links across rows, as
``reader diff --format json`` lists them) and, over all, the precision of what was found.
These are the faults that issue 14 names: a far move of an identical line, short lines with
one or two edited words, and two short lines merged into one.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.compare import compare  # noqa: E402
from reader.corpus import document_from_text  # noqa: E402

NOUNS = """harbour ship lamp river engine letter garden bridge market ledger window valve signal
clock wheel anchor cable tower furnace orchard mill kettle barrel compass lantern hammer
needle ladder basket candle pillar meadow quarry cellar chimney saddle rudder beacon
parcel satchel thimble spindle trowel wagon whistle lattice gazette almanac""".split()
VERBS = """counts measures repairs carries opens closes guards marks lifts turns sorts weighs
cleans stores tracks names warms cools binds splits joins folds checks records""".split()
ADJECTIVES = """small heavy quiet bright narrow ancient hollow crooked silver wooden broken
faithful restless careful humble patient stubborn curious gentle hasty""".split()
SAYINGS = [
    "All {a}s suck, all {b}s suck.",
    "Never trust a {a} that runs backwards.",
    "Every {a} lies a little on Fridays.",
    "A quiet {a} is a broken {b}.",
    "Nobody reads the {a} until the {b} clears.",
    "The second {a} always burns brighter.",
]
REPLACEMENTS = {
    "suck": "weak",
    "trust": "believe",
    "lies": "errs",
    "quiet": "silent",
    "reads": "opens",
    "brighter": "longer",
}


def headword(rng: random.Random) -> str:
    """An invented word of two or three syllables."""
    syllables = ["bl", "vr", "k", "t", "m", "z", "qu", "dr", "sh", "p", "gl", "th"]
    vowels = ["a", "o", "e", "i", "u", "ai", "ou"]
    word = "".join(rng.choice(syllables) + rng.choice(vowels) for _ in range(rng.randint(2, 3)))
    return word.capitalize() + rng.choice(["k", "n", "x", "r", "s", "th"])


def definition(rng: random.Random) -> str:
    """A short definition: 'a small tool that counts the ships of a harbour.'"""
    return (
        f"a {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} that {rng.choice(VERBS)} the "
        f"{rng.choice(NOUNS)}s of a {rng.choice(NOUNS)}."
    )


def make_glossary(entries: int, rng: random.Random, *, repeats: bool = False) -> tuple[list[str], list[str]]:
    """The left paragraphs and each one's role (title, toc, heading, entry, long, saying).

    With ``repeats``, a saying may occur more than once (the same line in several places).
    """
    per_section = 40
    sections = max(1, entries // per_section)
    headings = [f"Section {number + 1}: terms of the {rng.choice(NOUNS)}" for number in range(sections)]
    paragraphs, roles = ["A Glossary of Invented Terms"], ["title"]
    paragraphs.append("Contents")
    roles.append("toc")
    paragraphs.append(paragraphs[0])  # the contents start with the title again
    roles.append("toc")
    for heading in headings:
        paragraphs.append(heading)
        roles.append("toc")
    used: set[str] = set()
    for heading in headings:
        paragraphs.append(heading)
        roles.append("heading")
        for _ in range(per_section):
            word = headword(rng)
            while word in used:
                word = headword(rng)
            used.add(word)
            roll = rng.random()
            if roll < 0.08:  # a saying on a line of its own, after its entry
                paragraphs.append(f"{word}: {definition(rng)}")
                roles.append("entry")
                saying = rng.choice(SAYINGS).format(a=rng.choice(NOUNS), b=rng.choice(NOUNS))
                while saying in used and not repeats:  # unless asked, every line is unique
                    saying = rng.choice(SAYINGS).format(a=rng.choice(NOUNS), b=rng.choice(NOUNS))
                used.add(saying)
                paragraphs.append(saying)
                roles.append("saying")
            elif roll < 0.25:
                paragraphs.append(f"{word}: {definition(rng)} It is also {definition(rng)}")
                roles.append("long")
            else:
                paragraphs.append(f"{word}: {definition(rng)}")
                roles.append("entry")
    return paragraphs, roles


def edit_words(text: str, rng: random.Random) -> str:
    """Replace one or two words of a short line."""
    words = text.split(" ")
    for index, word in reversed(list(enumerate(words))):
        core = word.strip(".,")
        if core in REPLACEMENTS:
            words[index] = word.replace(core, REPLACEMENTS[core])
            return " ".join(words)
    candidates = [k for k, word in enumerate(words[1:], 1) if word.strip(".,") in ADJECTIVES + VERBS]
    for index in rng.sample(candidates, min(len(candidates), rng.randint(1, 2))):
        word = words[index].strip(".,")
        pool = ADJECTIVES if word in ADJECTIVES else VERBS
        words[index] = words[index].replace(word, rng.choice([w for w in pool if w != word]))
    return " ".join(words)


def make_pair(
    entries: int, seed: int, *, repeats: bool = False
) -> tuple[list[str], list[str], dict[str, set[tuple[int, int]]]]:
    """Left and right paragraphs, and the true links per kind of edit."""
    rng = random.Random(seed)
    left, roles = make_glossary(entries, rng, repeats=repeats)
    plan = plan_edits(left, roles, rng)
    right = apply_edits(left, plan, rng)
    truth: dict[str, set[tuple[int, int]]] = defaultdict(set)
    kind_of = {i: kind for i, (kind, _) in plan.items()}
    for i, (kind, _) in plan.items():
        if kind == "merge":
            kind_of[i + 1] = "merge"
    for j, (_, origins) in enumerate(right):
        for i in origins:
            truth[kind_of.get(i, "same")].add((i, j))
    return left, [text for text, _ in right], truth


SHARES = {
    "saying": 0.02,
    "heading": 0.0,
    "words": 0.12,
    "merge": 0.06,
    "split": 0.05,
    "move": 0.05,
    "delete": 0.04,
    "insert": 0.04,
}
"""Share of the entries each kind of edit touches (scarce kinds choose first; headings: one in eight)."""


def _fits(kind: str, i: int, roles: list[str]) -> bool:
    """Whether a kind of edit applies to paragraph ``i`` (by its role and, for merges, its neighbour)."""
    if kind == "merge":
        return roles[i] == "entry" and i + 1 < len(roles) and roles[i + 1] == "entry"
    if kind == "split":
        return roles[i] == "long"
    if kind in ("words", "saying"):
        return roles[i] == ("saying" if kind == "saying" else "entry")
    return True


def plan_edits(left: list[str], roles: list[str], rng: random.Random) -> dict[int, tuple[str, int]]:
    """Which left paragraph gets which edit (a move also names the paragraph it goes before).

    Edits never touch a neighbour of another edit, so each can be scored on its own.
    """
    editable = [i for i, role in enumerate(roles) if role in ("entry", "long", "saying")]
    headings = [i for i, role in enumerate(roles) if role == "heading"]
    claimed: set[int] = set()
    plan: dict[int, tuple[str, int]] = {}

    def free(*indices: int) -> bool:
        return all(k not in claimed and k - 1 not in claimed and k + 1 not in claimed for k in indices)

    for kind, share in SHARES.items():
        wanted = max(1, round(share * len(editable))) if share else max(1, len(headings) // 8)
        done = tries = 0
        while done < wanted and tries < 50 * wanted:
            tries += 1
            i = rng.choice(headings if kind == "heading" else editable)
            touched = (i, i + 1) if kind == "merge" else (i,)
            if not _fits(kind, i, roles) or not free(*touched):
                continue
            target = 0
            if kind in ("move", "heading"):
                far = [k for k in editable if abs(k - i) > len(left) // 4 and free(k)]
                if not far:
                    continue
                target = rng.choice(far)
                claimed.add(target)
            claimed.update(touched)
            plan[i] = (kind, target)
            done += 1
    return plan


def apply_edits(
    left: list[str], plan: dict[int, tuple[str, int]], rng: random.Random
) -> list[tuple[str, tuple[int, ...]]]:
    """The right paragraphs, each with the left paragraphs it came from."""
    moved_before: dict[int, list[int]] = defaultdict(list)
    for i, (kind, target) in plan.items():
        if kind in ("move", "heading"):
            moved_before[target].append(i)
    right: list[tuple[str, tuple[int, ...]]] = []
    for i, text in enumerate(left):
        right.extend((left[mover], (mover,)) for mover in moved_before.get(i, []))
        kind, _ = plan.get(i, ("same", 0))
        if i - 1 in plan and plan[i - 1][0] == "merge":
            continue  # joined to the line before
        if kind == "same":
            right.append((text, (i,)))
        elif kind in ("words", "saying"):
            right.append((edit_words(text, rng), (i,)))
        elif kind == "merge":
            right.append((text + " " + left[i + 1], (i, i + 1)))
        elif kind == "split":
            head, tail = text.split(" It is also ", 1)
            right.extend([(head, (i,)), ("It is also " + tail, (i,))])
        elif kind == "insert":
            right.extend([(text, (i,)), (f"{headword(rng)}: {definition(rng)}", ())])
        # delete: nothing; move and heading: emitted before their target
    return right


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=3000, help="glossary entries (default 3000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", action="store_true", help="let sayings repeat (the same line in several places)")
    parser.add_argument("--write", type=Path, help="also write left.txt, right.txt and truth.json here")
    args = parser.parse_args()
    left, right, truth = make_pair(args.entries, args.seed, repeats=args.repeats)
    left_text, right_text = "\n\n".join(left) + "\n", "\n\n".join(right) + "\n"
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        (args.write / "left.txt").write_text(left_text, encoding="utf-8")
        (args.write / "right.txt").write_text(right_text, encoding="utf-8")
        (args.write / "truth.json").write_text(json.dumps({k: sorted(v) for k, v in truth.items()}), encoding="utf-8")
    left_document = document_from_text(left_text, name="left.txt")
    right_document = document_from_text(right_text, name="right.txt")
    assert len(left_document.paragraphs) == len(left) and len(right_document.paragraphs) == len(right)
    started = time.perf_counter()
    comparison = compare(left_document, right_document)
    seconds = time.perf_counter() - started
    from_rows = {(i, j) for row in comparison.rows for i in row.left for j in row.right}
    predicted = from_rows | {(link.left, link.right) for link in comparison.links}
    every = set().union(*truth.values())
    size = (len(left_text) + len(right_text)) / 2e6
    repeated = " (sayings may repeat)" if args.repeats else ""
    print(
        f"short lines{repeated}: {len(left)} → {len(right)} paragraphs, {size:.2f} MB a side, compared in {seconds:.2f} s"
    )
    print(f"{'kind':<8} {'links':>6} {'recall':>7} {'by rows':>8}")
    for kind in ("same", "words", "saying", "merge", "split", "move", "heading", "insert"):
        links = truth.get(kind, set())
        if not links:
            continue
        found, by_rows = len(links & predicted), len(links & from_rows)
        print(f"{kind:<8} {len(links):>6} {found / len(links):>7.3f} {by_rows / len(links):>8.3f}")
    hits = len(predicted & every)
    print(
        f"all      {len(every):>6} {hits / len(every):>7.3f}   precision {hits / len(predicted):.4f}"
        f" ({len(predicted) - hits} wrong of {len(predicted)}; links across rows {len(comparison.links)})"
    )


if __name__ == "__main__":
    main()
