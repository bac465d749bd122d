#!/usr/bin/env python3
"""Verify that every prefix in alignments.json identifies exactly one paragraph line."""

import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "..", "seeds")


def paragraphs(name):
    with open(os.path.join(SEEDS, name), encoding="utf-8") as f:
        return [l.lstrip() for l in f.read().split("\n") if l.strip()]


def resolve(prefix, paras):
    m = re.match(r"^(.*)#(\d+)$", prefix, re.S)
    if m and any(p.startswith(m.group(1)) for p in paras) and not any(p.startswith(prefix) for p in paras):
        hits = [i for i, p in enumerate(paras) if p.startswith(m.group(1))]
        n = int(m.group(2))
        return [hits[n - 1]] if 1 <= n <= len(hits) else []
    return [i for i, p in enumerate(paras) if p.startswith(prefix)]


def main():
    data = json.load(open(os.path.join(HERE, "alignments.json"), encoding="utf-8"))
    errors = 0
    for pair in data["pairs"]:
        L, R = paragraphs(pair["left"]), paragraphs(pair["right"])
        seen = set()
        for lp, rp, why in pair["links"]:
            for side, pre, paras in (("left", lp, L), ("right", rp, R)):
                if (
                    len(pre.split("#")[0]) < 40
                    and not pre.endswith("#1")
                    and len(resolve(pre, paras)) == 1
                    and pre not in paras
                ):
                    print("WARN short prefix", side, repr(pre))
                hits = resolve(pre, paras)
                if len(hits) != 1:
                    errors += 1
                    print("ERROR", pair["left"], pair["right"], side, repr(pre), "matches", len(hits))
            key = (tuple(resolve(lp, L)), tuple(resolve(rp, R)))
            if key in seen:
                errors += 1
                print("ERROR duplicate link", lp, rp)
            seen.add(key)
            if not why.strip():
                errors += 1
                print("ERROR empty justification", lp, rp)
        print(f"{pair['left']} -> {pair['right']}: {len(pair['links'])} links")
    print("OK" if not errors else f"{errors} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
