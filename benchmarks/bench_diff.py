#!/usr/bin/env python3
"""Benchmark `reader diff` on long documents, against git and difflib.

For each size made by make_pairs.py (benchmarks/data/<size>/left.txt,
right.txt, edits.json) this runs

    reader diff left.txt right.txt --format json --no-cache

(the `reader` console script next to sys.executable; --no-cache, so every run
aligns: `run_all.py` measures the cached case too) --reps times, each run in
a fresh `python -c` wrapper that times the child and reports that one child's
peak RSS (os.wait4), and prints: paragraph counts, median wall time, peak RSS,
JSON output size and the row-kind counts of the JSON's "stats".

For comparison, in the same run and the same way, it times
  * git diff --no-index --word-diff left.txt right.txt
  * Python difflib: SequenceMatcher over the paragraph lists, then over the
    words of each replaced paragraph pair,
and prints reader/peer ratios.  Finally it reports how many of the move,
merge and split edits in edits.json the reader's JSON recovered.

Exit codes of `reader diff`: 0 = same, 1 = differ (both success), 2 = error.
If the reader is not installed or fails, the peers still run and the report
says so.  Standard library only (plus git).

    python benchmarks/bench_diff.py [--sizes 0.1,1,5] [--reps 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA_DIR = HERE / "data"

# Runs one command as its only child, stdout/stderr to files; prints one JSON
# line with the exit status, wall time and the child's own peak RSS.
WRAPPER = r"""
import json, os, sys, time
out_path, err_path, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
cmd = sys.argv[4:]
out = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.setpgid(0, 0)
        os.dup2(out, 1); os.dup2(err, 2)
        os.execv(cmd[0], cmd)
    except OSError as exc:
        os.write(2, f"cannot run {cmd[0]}: {exc}\n".encode())
    finally:
        os._exit(127)
import signal
def on_alarm(*_):
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        os.kill(pid, signal.SIGKILL)
signal.signal(signal.SIGALRM, on_alarm)
signal.setitimer(signal.ITIMER_REAL, timeout)
while True:
    try:
        _, status, ru = os.wait4(pid, 0)
        break
    except InterruptedError:
        continue
wall = time.perf_counter() - t0
signal.setitimer(signal.ITIMER_REAL, 0)
rc = os.waitstatus_to_exitcode(status)
print(json.dumps({"rc": rc, "wall": wall, "maxrss_kb": ru.ru_maxrss,
                  "user": ru.ru_utime, "sys": ru.ru_stime,
                  "timed_out": rc == -signal.SIGKILL}))
"""

# The difflib peer: paragraphs (blank-line separated), then words.
DIFFLIB_PEER = r"""
import difflib, re, sys
def paragraphs(path):
    text = open(path, encoding="utf-8").read()
    return [p for p in re.split(r"\n[ \t]*\n", text.strip("\n")) if p.strip()]
left, right = paragraphs(sys.argv[1]), paragraphs(sys.argv[2])
counts = {"equal": 0, "replace": 0, "delete": 0, "insert": 0}
word_ops = 0
sm = difflib.SequenceMatcher(None, left, right)
for tag, i1, i2, j1, j2 in sm.get_opcodes():
    counts[tag] += max(i2 - i1, j2 - j1)
    if tag == "replace":
        for a, b in zip(left[i1:i2], right[j1:j2]):
            wm = difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False)
            word_ops += sum(1 for op in wm.get_opcodes() if op[0] != "equal")
print(counts, "word_ops", word_ops)
sys.exit(1 if counts["equal"] != len(left) or len(left) != len(right) else 0)
"""

KINDS = ["same", "changed", "reworded", "moved", "added", "dropped"]


# --------------------------------------------------------------------------
# commands
# --------------------------------------------------------------------------


def reader_command(reader: Path, left: Path, right: Path, *, use_cache: bool = False) -> list[str]:
    """`reader diff --format json` on one pair; without the cache unless asked."""
    return [str(reader), "diff", str(left), str(right), "--format", "json", *([] if use_cache else ["--no-cache"])]


def peer_commands(left: Path, right: Path, dwdiff: str | None = None) -> dict[str, list[str]]:
    """The peers on one pair, by name: git word-diff (if git is there), dwdiff (if given), difflib."""
    commands = {}
    git = shutil.which("git")
    if git:
        commands["git"] = [git, "diff", "--no-index", "--word-diff", "--", str(left), str(right)]
    if dwdiff:
        commands["dwdiff"] = [dwdiff, str(left), str(right)]
    commands["difflib"] = [sys.executable, "-c", DIFFLIB_PEER, str(left), str(right)]
    return commands


# --------------------------------------------------------------------------
# running
# --------------------------------------------------------------------------


def run_once(cmd: list[str], workdir: Path, timeout: float, keep_output: Path | None = None) -> dict:
    out = keep_output or workdir / "stdout"
    err = workdir / "stderr"
    exe = shutil.which(cmd[0])  # resolve here: the forked child should do as little as possible
    if exe is None:
        return {
            "rc": 127,
            "wall": 0.0,
            "maxrss_kb": 0,
            "user": 0.0,
            "sys": 0.0,
            "timed_out": False,
            "out_bytes": 0,
            "stdout_path": out,
            "stderr": f"{cmd[0]}: command not found",
        }
    cmd = [exe, *cmd[1:]]
    proc = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(out), str(err), str(timeout), *cmd],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"wrapper failed: {proc.stderr.strip()}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    res["out_bytes"] = out.stat().st_size
    res["stdout_path"] = out
    res["stderr"] = err.read_text(errors="replace")
    return res


def run_reps(
    cmd: list[str], reps: int, workdir: Path, timeout: float, ok_codes=(0, 1), keep_output: Path | None = None
) -> dict:
    """Run cmd reps times; stop at the first failure.  Returns a summary."""
    runs = []
    for _ in range(reps):
        r = run_once(cmd, workdir, timeout, keep_output)
        runs.append(r)
        if r["timed_out"] or r["rc"] not in ok_codes:
            return {"ok": False, "runs": runs, "error": describe_failure(r, timeout)}
    return {
        "ok": True,
        "runs": runs,
        "rc": runs[-1]["rc"],
        "wall": statistics.median(r["wall"] for r in runs),
        "walls": [r["wall"] for r in runs],
        "cpu": statistics.median(r["user"] + r["sys"] for r in runs),  # wall time waits for the CPU on a loaded machine
        "rss_mb": max(r["maxrss_kb"] for r in runs) / 1024,
        "out_bytes": runs[-1]["out_bytes"],
        "stdout_path": runs[-1]["stdout_path"],
    }


def describe_failure(r: dict, timeout: float) -> str:
    if r["timed_out"]:
        return f"timed out after {timeout:g} s"
    tail = " | ".join(r["stderr"].strip().splitlines()[-3:])
    return f"exit code {r['rc']}" + (f": {tail}" if tail else "")


# --------------------------------------------------------------------------
# reading reader's JSON
# --------------------------------------------------------------------------


def _texts(items) -> list[str] | None:
    if not isinstance(items, list):
        return None
    out = []
    for it in items:
        if isinstance(it, str):
            out.append(it)
        elif isinstance(it, dict):
            t = next((it[k] for k in ("text", "content", "raw") if isinstance(it.get(k), str)), None)
            if t is None:
                return None
            out.append(t)
        else:
            return None
    return out


def paragraph_texts(doc: dict, side: str) -> list[str] | None:
    """The paragraph texts of one side, wherever the JSON keeps them."""
    candidates = []
    block = doc.get(side)
    if isinstance(block, dict):
        candidates.append(block.get("paragraphs"))
    elif isinstance(block, list):
        candidates.append(block)
    paras = doc.get("paragraphs")
    if isinstance(paras, dict):
        candidates.append(paras.get(side))
    candidates.append(doc.get(f"{side}_paragraphs"))
    for cand in candidates:
        texts = _texts(cand)
        if texts is not None:
            return texts
    return None


def kind_counts(doc: dict) -> dict:
    stats = doc.get("stats")
    if isinstance(stats, dict):
        nested = stats.get("rows") or stats.get("kinds")
        if isinstance(nested, dict):
            stats = nested
        return {k: v for k, v in stats.items() if isinstance(v, (int, float))}
    counts: dict[str, int] = {}
    for row in doc.get("rows") or []:
        counts[row.get("kind", "?")] = counts.get(row.get("kind", "?"), 0) + 1
    return counts


def _norm(text: str) -> str:
    return " ".join(text.split())


def map_by_text(mine: list[str], theirs: list[str]) -> dict[int, int]:
    """My paragraph index -> their index, by exact text (k-th occurrence to
    k-th occurrence), falling back to whitespace-normalised text."""
    out: dict[int, int] = {}
    for key in (lambda t: t, _norm):
        where: dict[str, list[int]] = {}
        taken = set(out.values())
        for j, t in enumerate(theirs):
            if j not in taken:
                where.setdefault(key(t), []).append(j)
        for i, t in enumerate(mine):
            if i in out:
                continue
            js = where.get(key(t))
            if js:
                out[i] = js.pop(0)
    return out


def link_scores(doc: dict, left_paras: list[str], right_paras: list[str], edits: list[dict]) -> dict | None:
    """Precision and recall of the JSON's paragraph links against the edit log: untouched
    paragraphs link to their counterparts in order, edited ones as the log says, deleted and
    inserted ones to nothing. None when the edit log does not pair the untouched paragraphs."""
    theirs_left, theirs_right = paragraph_texts(doc, "left"), paragraph_texts(doc, "right")
    if theirs_left is None or theirs_right is None:
        return None
    to_left, to_right = map_by_text(left_paras, theirs_left), map_by_text(right_paras, theirs_right)
    edited_left = {i for e in edits for i in e["left"]}
    edited_right = {j for e in edits for j in e.get("right", [])}
    untouched_left = [i for i in range(len(left_paras)) if i not in edited_left]
    untouched_right = [j for j in range(len(right_paras)) if j not in edited_right]
    if len(untouched_left) != len(untouched_right):
        return None
    truth_log = set(zip(untouched_left, untouched_right))
    truth_log |= {(i, j) for e in edits for i in e["left"] for j in e.get("right", [])}
    truth = {(to_left[i], to_right[j]) for i, j in truth_log if i in to_left and j in to_right}
    predicted = {(i, j) for row in doc.get("rows") or [] for i in row.get("left") or [] for j in row.get("right") or []}
    hits = len(truth & predicted)
    return {
        "precision": hits / len(predicted) if predicted else 1.0,
        "recall": hits / len(truth) if truth else 1.0,
        "truth": len(truth),
    }


def recovery(doc: dict, left_paras: list[str], edits: list[dict], right_paras: list[str] | None = None) -> dict:
    theirs = paragraph_texts(doc, "left")
    rows = doc.get("rows")
    if theirs is None or not isinstance(rows, list):
        return {"error": "JSON has no left paragraph texts or no rows"}
    mapping = map_by_text(left_paras, theirs)
    rows_of: dict[int, list[dict]] = {}
    for row in rows:
        for li in row.get("left") or []:
            rows_of.setdefault(li, []).append(row)

    def n_right(row: dict) -> int:
        return len(row.get("right") or [])

    result = {}
    for kind in ("move", "merge", "split"):
        total = found = unmapped = 0
        for e in edits:
            if e["kind"] != kind:
                continue
            total += 1
            idx = [mapping.get(i) for i in e["left"]]
            if None in idx:
                unmapped += 1
                continue
            if kind == "move":
                ok = any(r.get("kind") == "moved" for r in rows_of.get(idx[0], []))
            elif kind == "merge":
                ok = any(idx[1] in (r.get("left") or []) and n_right(r) == 1 for r in rows_of.get(idx[0], []))
            else:
                ok = any(n_right(r) == 2 for r in rows_of.get(idx[0], []))
            found += ok
        result[kind] = {"total": total, "recovered": found, "unmapped": unmapped}
    result["mapped"] = f"{len(mapping)}/{len(left_paras)}"
    if right_paras is not None:
        result["links"] = link_scores(doc, left_paras, right_paras, edits)
    return result


def recovery_line(rec: dict) -> str:
    """One line of recovered moves, merges and splits (from `recovery`)."""
    if "error" in rec:
        return f"- ({rec['error']})"
    parts = []
    for kind in ("move", "merge", "split"):
        c = rec[kind]
        share = f"{100 * c['recovered'] / c['total']:.0f}%" if c["total"] else "-"
        extra = f", {c['unmapped']} unmapped" if c["unmapped"] else ""
        parts.append(f"{kind} {c['recovered']}/{c['total']} ({share}{extra})")
    links = rec.get("links")
    if links:
        parts.append(f"links P {links['precision']:.4f} R {links['recall']:.4f} (of {links['truth']})")
    return "   ".join(parts) + f"   [left paragraphs matched by text: {rec['mapped']}]"


def load_json_output(summary: dict) -> dict:
    """Parse a successful reader run's JSON into summary["doc"], or mark the run failed."""
    try:
        doc = json.loads(Path(summary["stdout_path"]).read_text(encoding="utf-8"))
        if not isinstance(doc, dict):
            raise ValueError("top level is not an object")
    except ValueError as exc:
        return {"ok": False, "error": f"output is not a JSON object ({exc})"}
    return {**summary, "doc": doc}


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------


def read_paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [p for p in re.split(r"\n[ \t]*\n", text.strip("\n")) if p.strip()]


def fmt_time(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def fmt_ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or b is None or b == 0 else f"{a / b:.2f}x"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=None, help="sizes to run (default: every size in benchmarks/data)")
    ap.add_argument("--reps", type=int, default=3, help="repetitions per command (default 3)")
    ap.add_argument("--timeout", type=float, default=1200, help="seconds allowed per run (default 1200)")
    ap.add_argument("--data", type=Path, default=DATA_DIR, help="data directory (default benchmarks/data)")
    ap.add_argument(
        "--reader",
        type=Path,
        default=Path(sys.executable).parent / "reader",
        help="the reader executable (default: `reader` next to this Python)",
    )
    ap.add_argument("--no-peers", action="store_true", help="skip git and difflib")
    args = ap.parse_args(argv)

    def size_key(s: str) -> float:
        try:
            return float(s)
        except ValueError:
            return float("inf")

    if args.sizes:
        sizes = [f"{float(s):g}" for s in args.sizes.split(",") if s.strip()]
    else:
        sizes = (
            sorted((d.name for d in args.data.iterdir() if (d / "edits.json").is_file()), key=size_key)
            if args.data.is_dir()
            else []
        )
    missing = [s for s in sizes if not (args.data / s / "edits.json").is_file()]
    if not sizes or missing:
        print(
            f"bench_diff: no test pairs for {', '.join(missing) or 'any size'} in {args.data};"
            f" run first:\n    python benchmarks/make_pairs.py" + (f" --sizes {args.sizes}" if args.sizes else ""),
            file=sys.stderr,
        )
        return 2

    reader = args.reader
    reader_note = None
    if not (reader.is_file() and os.access(reader, os.X_OK)):
        reader_note = (
            f"reader UNAVAILABLE: no executable at {reader} "
            f"(install the project into this venv: {Path(sys.executable).parent / 'pip'} install -e .)"
        )
        reader = None
    git = shutil.which("git")

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, {args.reps} repetitions, median wall time")
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="bench_diff.") as tmp:
        workdir = Path(tmp)
        floor = run_once(["true"], workdir, 60)
        print(
            f"peak RSS is the child's own (os.wait4); the forked wrapper alone shows"
            f" {floor['maxrss_kb'] / 1024:.1f} MB (running `true`)"
        )
        if reader_note:
            print(reader_note)
        for size in sizes:
            d = args.data / size
            left, right = d / "left.txt", d / "right.txt"
            log = json.loads((d / "edits.json").read_text(encoding="utf-8"))
            if log.get("reflow"):
                print(f"note: pairs of size {size} were made with --reflow")
            right_paras = read_paragraphs(right)
            res: dict = {
                "log": log,
                "left_paras": read_paragraphs(left),
                "right_paras": right_paras,
                "right_n": len(right_paras),
            }
            print(f"running size {size} MB ...", file=sys.stderr, flush=True)
            if reader is not None:
                r = run_reps(
                    reader_command(reader, left, right), args.reps, workdir, args.timeout, keep_output=d / "reader.json"
                )
                res["reader"] = load_json_output(r) if r["ok"] else r
            if not args.no_peers:
                for name, command in peer_commands(left, right).items():
                    res[name] = run_reps(command, args.reps, workdir, args.timeout)
            results[size] = res

    # ---- reader table
    print()
    print("reader diff --format json")
    head = f"{'size MB':>7} {'L paras':>7} {'R paras':>7} {'wall s':>8} {'RSS MB':>7} {'JSON MB':>8}  row kinds (stats)"
    print(head)
    print("-" * len(head))
    for size, res in results.items():
        r = res.get("reader")
        prefix = f"{size:>7} {len(res['left_paras']):7d} {res['right_n']:7d}"
        if r is None:
            print(f"{prefix} {'-':>8} {'-':>7} {'-':>8}  reader unavailable")
        elif not r["ok"]:
            print(f"{prefix} {'-':>8} {'-':>7} {'-':>8}  ERROR: {r['error']}")
        else:
            counts = kind_counts(r["doc"])
            kinds = " ".join(f"{k}={counts[k]}" for k in KINDS if k in counts) or "(no row kinds)"
            other = " ".join(f"{k}={v:g}" for k, v in counts.items() if k not in KINDS)
            if other:
                kinds += f" | {other}"
            print(f"{prefix} {r['wall']:8.3f} {r['rss_mb']:7.1f} {r['out_bytes'] / 1e6:8.2f}  {kinds}")
            ln, rn = paragraph_texts(r["doc"], "left"), paragraph_texts(r["doc"], "right")
            if ln is not None and rn is not None and (len(ln), len(rn)) != (len(res["left_paras"]), res["right_n"]):
                print(f"{'':>7} reader split the documents into {len(ln)} / {len(rn)} paragraphs")
    if reader_note:
        print(reader_note)

    # ---- peers
    if not args.no_peers:
        print()
        print("peers (same files, same wrapper); ratio = reader time / peer time")
        head = (
            f"{'size MB':>7} {'reader s':>9} {'git wd s':>9} {'RSS MB':>7} {'ratio':>7}"
            f" {'difflib s':>10} {'RSS MB':>7} {'ratio':>7}"
        )
        print(head)
        print("-" * len(head))
        for size, res in results.items():
            r = res.get("reader")
            rt = r["wall"] if r and r["ok"] else None
            cells = [f"{size:>7}", f"{fmt_time(rt):>9}"]
            for name, width in (("git", 9), ("difflib", 10)):
                p = res.get(name)
                if p is None:
                    cells += [f"{'n/a':>{width}}", f"{'-':>7}", f"{'-':>7}"]
                elif not p["ok"]:
                    cells += [f"{'ERR':>{width}}", f"{'-':>7}", f"{'-':>7}"]
                    print(f"  {name} failed on {size}: {p['error']}", file=sys.stderr)
                else:
                    cells += [f"{p['wall']:{width}.3f}", f"{p['rss_mb']:7.1f}", f"{fmt_ratio(rt, p['wall']):>7}"]
            print(" ".join(cells))
        if not git:
            print("git not found: git peer skipped")

    # ---- recovery of structural edits
    print()
    print("structural edits recovered by reader's JSON (edits.json vs rows)")
    for size, res in results.items():
        r = res.get("reader")
        if r is None or not r["ok"]:
            print(f"{size:>7}  - (reader {'unavailable' if r is None else 'failed'})")
            continue
        print(
            f"{size:>7}  "
            + recovery_line(recovery(r["doc"], res["left_paras"], res["log"]["edits"], res["right_paras"]))
        )

    failed = [s for s, res in results.items() if res.get("reader") and not res["reader"]["ok"]]
    if failed:
        print(f"\nreader diff FAILED on size(s): {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
