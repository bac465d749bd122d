#!/usr/bin/env python3
"""Every benchmark figure in one run and one table.

    python benchmarks/run_all.py [--kinds all] [--sizes 0.1,1,5] [--reps 3] [--timeout 1200] [--no-app]
                                 [--baseline OTHER_READER]

1. Makes the document pairs that are missing (make_pairs.py), for each kind of
   prose (novels, scripture, glossary, dictionary, news, and the repetitive pair:
   the 1 MB novels pair repeated ten times; a kind whose source is not installed
   is skipped with the reason), and finds dwdiff:
   on PATH, or unpacked from Debian's package into benchmarks/data/.peers/
   (`apt-get download dwdiff` and `dpkg -x`, no root, nothing installed).
2. For each size, on the same files and with the same fork-and-wait4 wrapper
   as bench_diff.py (median wall time of --reps runs, the child's peak RSS):
     reader cold   reader diff --format json --no-cache
     reader warm   the same with the cache (in a fresh folder), after one run
                   that fills it; its output must equal the cold output
     git           git diff --no-index --word-diff
     dwdiff        dwdiff (Debian's), if it runs
     difflib       Python's difflib, paragraphs then words
   plus whatever `app_figures` adds. With --baseline (another reader executable,
   e.g. the main checkout's), that reader runs cold too ("baseline cold"), and
   reader cold, baseline cold and dwdiff take turns run by run, so that a busy
   machine weighs on the three alike; the summary says whether the two readers'
   outputs are byte for byte the same.
3. Prints, for each kind, the table with reader-cold and reader-warm time
   ratios to every command, then how time and memory grow with size, then how
   many of the seeded moves, merges and splits (edits.json) reader recovered
   and the precision and recall of its paragraph links.

Standard library only (plus git, apt-get and dpkg for the peers).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench_diff import (
    DATA_DIR,
    describe_failure,
    load_json_output,
    peer_commands,
    read_paragraphs,
    reader_command,
    recovery,
    recovery_line,
    run_once,
    run_reps,
)

HERE = Path(__file__).resolve().parent
PEERS_DIR = DATA_DIR / ".peers"
DWDIFF_IN_PACKAGE = PEERS_DIR / "root" / "usr" / "bin" / "dwdiff"


@dataclass
class Pair:
    """One benchmark pair on disk."""

    kind: str
    size: str
    left: Path
    right: Path
    edits: Path

    @property
    def megabytes(self) -> float:
        """The left file's size in MB (10^6 bytes)."""
        return self.left.stat().st_size / 1e6


@dataclass
class Figure:
    """One command's figures on one pair: a `run_reps` summary under a display name."""

    name: str
    summary: dict


# --------------------------------------------------------------------------
# preparing
# --------------------------------------------------------------------------


def pair_dir(kind: str, size: str) -> Path:
    """Where make_pairs.py puts a pair: data/<size> for the novels, data/<kind>/<size> else."""
    return DATA_DIR / size if kind == "novels" else DATA_DIR / kind / size


def ensure_pairs(kinds: list[str], sizes: list[str]) -> list[Pair]:
    """The pairs of these kinds and sizes, made first by make_pairs.py where missing.

    A kind whose source is not installed, or a size its source cannot fill, is left out
    (make_pairs.py prints why).
    """
    wanted = [(kind, size) for kind in kinds for size in (["1x10"] if kind.startswith("repetitive") else sizes)]
    missing_kinds = sorted(
        {kind for kind, size in wanted if not (pair_dir(kind, size) / "edits.json").is_file()}, key=kinds.index
    )
    if missing_kinds:
        print(f"making pairs of {', '.join(missing_kinds)} ...", file=sys.stderr, flush=True)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_pairs.py"),
                "--kinds",
                ",".join(missing_kinds),
                "--sizes",
                ",".join(sizes),
            ],
            check=True,
            stdout=sys.stderr,
        )
    pairs = []
    for kind, size in wanted:
        folder = pair_dir(kind, size)
        if (folder / "edits.json").is_file():
            pairs.append(Pair(kind, size, folder / "left.txt", folder / "right.txt", folder / "edits.json"))
        else:
            print(f"{kind} {size} MB: no pair (see make_pairs.py's message)", file=sys.stderr)
    return pairs


def find_dwdiff() -> tuple[str | None, str]:
    """A dwdiff that runs, and a note saying which, or `None` and why not."""
    candidate = shutil.which("dwdiff")
    note = "dwdiff from PATH"
    if candidate is None:
        candidate, note = str(DWDIFF_IN_PACKAGE), "dwdiff from Debian's package, unpacked in benchmarks/data/.peers"
        if not DWDIFF_IN_PACKAGE.is_file():
            problem = _unpack_dwdiff()
            if problem:
                return None, f"dwdiff not run: {problem}"
    try:
        probe = subprocess.run([candidate, "--version"], capture_output=True, text=True, timeout=30)
    except OSError as error:
        return None, f"dwdiff not run: {candidate}: {error}"
    if probe.returncode != 0:
        missing = _missing_libraries(candidate)
        last_words = (probe.stderr.strip().splitlines() or [f"exit code {probe.returncode}"])[-1]
        reason = f"missing shared libraries: {', '.join(missing)}" if missing else last_words
        return None, f"dwdiff not run: {candidate} --version failed ({reason})"
    version = probe.stdout.splitlines()[0] if probe.stdout else "dwdiff"
    return candidate, f"{note}: {version}"


def _unpack_dwdiff() -> str | None:
    """Download Debian's dwdiff package and unpack it; return what went wrong, if anything."""
    PEERS_DIR.mkdir(parents=True, exist_ok=True)
    for tool in ("apt-get", "dpkg"):
        if shutil.which(tool) is None:
            return f"no {tool} to fetch Debian's package"
    packages = sorted(PEERS_DIR.glob("dwdiff_*.deb"))
    if not packages:
        download = subprocess.run(["apt-get", "download", "dwdiff"], cwd=PEERS_DIR, capture_output=True, text=True)
        packages = sorted(PEERS_DIR.glob("dwdiff_*.deb"))
        if not packages:
            detail = (download.stderr.strip().splitlines() or ["no .deb"])[-1]
            return f"apt-get download dwdiff failed ({detail}; run apt-get update first?)"
    unpack = subprocess.run(["dpkg", "-x", str(packages[-1]), str(PEERS_DIR / "root")], capture_output=True, text=True)
    if unpack.returncode != 0 or not DWDIFF_IN_PACKAGE.is_file():
        return f"dpkg -x {packages[-1].name} failed: {unpack.stderr.strip()}"
    return None


def _missing_libraries(executable: str) -> list[str]:
    if shutil.which("ldd") is None:
        return []
    listing = subprocess.run(["ldd", executable], capture_output=True, text=True).stdout
    return [line.split()[0] for line in listing.splitlines() if "not found" in line]


# --------------------------------------------------------------------------
# measuring
# --------------------------------------------------------------------------


def run_in_turns(
    commands: dict[str, list[str]], reps: int, workdir: Path, timeout: float, outputs: dict[str, Path]
) -> dict[str, dict]:
    """Each command ``reps`` times, taking turns (a, b, c, a, b, c, ...); summaries as ``run_reps`` gives.

    A command that fails is dropped from the later turns.
    """
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    failed: dict[str, dict] = {}
    for _ in range(reps):
        for name, command in commands.items():
            if name in failed:
                continue
            run = run_once(command, workdir, timeout, outputs.get(name))
            runs[name].append(run)
            if run["timed_out"] or run["rc"] not in (0, 1):
                failed[name] = {"ok": False, "runs": runs[name], "error": describe_failure(run, timeout)}
    summaries = {}
    for name, done in runs.items():
        if name in failed:
            summaries[name] = failed[name]
            continue
        summaries[name] = {
            "ok": True,
            "runs": done,
            "rc": done[-1]["rc"],
            "wall": statistics.median(r["wall"] for r in done),
            "walls": [r["wall"] for r in done],
            "cpu": statistics.median(r["user"] + r["sys"] for r in done),
            "rss_mb": max(r["maxrss_kb"] for r in done) / 1024,
            "out_bytes": done[-1]["out_bytes"],
            "stdout_path": done[-1]["stdout_path"],
        }
    return summaries


def measure_reader(
    reader: Path,
    pair: Pair,
    reps: int,
    workdir: Path,
    timeout: float,
    *,
    baseline: Path | None = None,
    dwdiff: str | None = None,
) -> list[Figure]:
    """reader cold (no cache) and warm (cache filled by one run first) on one pair; with a
    ``baseline`` reader, that one cold and dwdiff too, the three taking turns."""
    keep = pair.left.parent / "reader.json"
    if baseline is None:
        cold = run_reps(reader_command(reader, pair.left, pair.right), reps, workdir, timeout, keep_output=keep)
        figures = [Figure("reader cold", load_json_output(cold) if cold["ok"] else cold)]
    else:
        commands = {
            "reader cold": reader_command(reader, pair.left, pair.right),
            "baseline cold": reader_command(baseline, pair.left, pair.right),
        }
        if dwdiff:
            commands["dwdiff"] = peer_commands(pair.left, pair.right, dwdiff)["dwdiff"]
        outputs = {"reader cold": keep, "baseline cold": workdir / "baseline.json"}
        turns = run_in_turns(commands, reps, workdir, timeout, outputs)
        cold = turns["reader cold"]
        base = turns["baseline cold"]
        if base["ok"] and cold["ok"]:
            base["same_output"] = (workdir / "baseline.json").read_bytes() == keep.read_bytes()
        figures = [Figure("reader cold", load_json_output(cold) if cold["ok"] else cold), Figure("baseline cold", base)]
        if "dwdiff" in turns:
            figures.append(Figure("dwdiff", turns["dwdiff"]))
    warm_command = reader_command(reader, pair.left, pair.right, use_cache=True)
    filling = run_once(warm_command, workdir, timeout, keep_output=workdir / "filling.json")
    if filling["timed_out"] or filling["rc"] not in (0, 1):
        figures.append(Figure("reader warm", {"ok": False, "error": describe_failure(filling, timeout)}))
        return figures
    warm = run_reps(warm_command, reps, workdir, timeout, keep_output=workdir / "warm.json")
    if warm["ok"] and cold["ok"] and (workdir / "warm.json").read_bytes() != Path(cold["stdout_path"]).read_bytes():
        warm = {"ok": False, "error": "the cached output differs from the uncached output"}
    figures.append(Figure("reader warm", warm))
    return figures


def measure_peers(
    pair: Pair, dwdiff: str | None, reps: int, workdir: Path, timeout: float, *, skip: tuple[str, ...] = ()
) -> list[Figure]:
    """git word-diff, dwdiff and difflib on one pair (but those named in ``skip``)."""
    return [
        Figure(name, run_reps(command, reps, workdir, timeout))
        for name, command in peer_commands(pair.left, pair.right, dwdiff).items()
        if name not in skip
    ]


def app_figures(pair: Pair, reps: int, workdir: Path, timeout: float) -> list[Figure]:
    """The app's figures on one pair (first screen, key latency): the place to add them.

    Each `Figure` returned joins the table and the growth figures under its name, with its
    ratios to reader cold and warm. A summary needs `ok`, `wall` (seconds) and `rss_mb`, as
    `run_reps` gives; for a figure without memory, set `rss_mb` to `None`.
    """
    headless = [
        sys.executable,
        str(Path(__file__).parent / "bench_app.py"),
        "--headless",
        str(pair.left),
        str(pair.right),
    ]
    os.environ["READER_NO_CACHE"] = "1"
    try:
        cold = run_reps(headless, reps, workdir, timeout, ok_codes=(0,))
    finally:
        del os.environ["READER_NO_CACHE"]
    warm = run_reps(headless, reps, workdir, timeout, ok_codes=(0,))
    return [Figure("app 1st screen cold", cold), Figure("app 1st screen warm", warm)]


# --------------------------------------------------------------------------
# reporting
# --------------------------------------------------------------------------


def _ratio(numerator: float | None, denominator: float | None) -> str:
    if not numerator or not denominator:
        return "-"
    return f"{numerator / denominator:.2f}x"


def _wall(figures: list[Figure], name: str) -> float | None:
    for figure in figures:
        if figure.name == name and figure.summary["ok"]:
            return figure.summary["wall"]
    return None


def print_table(pairs: list[Pair], results: dict[tuple[str, str], list[Figure]]) -> None:
    head = f"{'size MB':>7}  {'command':<13} {'wall s':>8} {'cpu s':>7} {'RSS MB':>7} {'cold÷':>8} {'warm÷':>8}"
    print(head)
    print("-" * len(head))
    for pair in pairs:
        figures = results[pair.kind, pair.size]
        cold, warm = _wall(figures, "reader cold"), _wall(figures, "reader warm")
        for figure in figures:
            s = figure.summary
            if not s["ok"]:
                print(f"{pair.megabytes:7.3f}  {figure.name:<13} ERROR: {s['error']}")
                continue
            rss = "-" if s["rss_mb"] is None else f"{s['rss_mb']:.1f}"
            cpu = f"{s['cpu']:.3f}" if s.get("cpu") is not None else "-"
            print(
                f"{pair.megabytes:7.3f}  {figure.name:<13} {s['wall']:8.3f} {cpu:>7} {rss:>7} "
                f"{_ratio(cold, s['wall']):>8} {_ratio(warm, s['wall']):>8}"
            )


def _exponent(growth: float, size_growth: float) -> float:
    return math.log(growth) / math.log(size_growth)


def _shape(exponents: list[float]) -> str:
    worst = max(exponents)
    if worst > 1.15:
        return "super-linear"
    return "near-linear" if worst >= 0.85 else "sub-linear"


def print_growth(pairs: list[Pair], results: dict[tuple[str, str], list[Figure]]) -> None:
    """Time and memory ratios between consecutive sizes, with the exponent k of size^k."""
    if len(pairs) < 2:
        return
    steps = list(zip(pairs, pairs[1:]))
    print()
    print("growth between sizes: ratio (k, where ratio = (size ratio)^k; k near 1 is linear)")
    print("size ratios: " + ", ".join(f"{a.size}→{b.size} MB ×{b.megabytes / a.megabytes:.2f}" for a, b in steps))
    names = [figure.name for figure in results[pairs[0].kind, pairs[0].size]]
    for name in names:
        for measure, unit in (("wall", "time"), ("rss_mb", "RSS")):
            cells, exponents = [], []
            for a, b in steps:
                before = next((f.summary for f in results[a.kind, a.size] if f.name == name), None)
                after = next((f.summary for f in results[b.kind, b.size] if f.name == name), None)
                if not (before and after and before["ok"] and after["ok"] and before[measure] and after[measure]):
                    cells.append(f"{a.size}→{b.size}: -")
                    continue
                growth = after[measure] / before[measure]
                exponent = _exponent(growth, b.megabytes / a.megabytes)
                exponents.append(exponent)
                cells.append(f"{a.size}→{b.size}: ×{growth:.2f} (k {exponent:.2f})")
            shape = _shape(exponents) if exponents else ""
            print(f"  {name:<12} {unit:<4}  " + "   ".join(cells) + f"   {shape}")


def print_recovery(pairs: list[Pair], results: dict[tuple[str, str], list[Figure]]) -> None:
    print()
    print("seeded edits recovered by reader (edits.json against the JSON rows)")
    for pair in pairs:
        cold = next(f.summary for f in results[pair.kind, pair.size] if f.name == "reader cold")
        if not cold["ok"]:
            print(f"{pair.size:>7}  - (reader failed)")
            continue
        log = json.loads(pair.edits.read_text(encoding="utf-8"))
        rec = recovery(cold["doc"], read_paragraphs(pair.left), log["edits"], read_paragraphs(pair.right))
        print(f"{pair.size:>7}  {recovery_line(rec)}")


def print_kind(kind: str, pairs: list[Pair], results: dict[tuple[str, str], list[Figure]]) -> None:
    """One kind's table, growth with size and recovery of the seeded edits."""
    print()
    print(f"=== {kind} " + "=" * (60 - len(kind)))
    print_table(pairs, results)
    print_growth(pairs, results)
    print_recovery(pairs, results)


def print_summary(kinds: list[str], pairs: list[Pair], results: dict[tuple[str, str], list[Figure]]) -> None:
    """One line per pair: reader cold and warm against dwdiff, and the link precision/recall."""
    print()
    print("=== summary: reader cold (warm) against dwdiff in the same run " + "=" * 8)
    print(
        f"{'kind':<11} {'size':>5} {'cold s':>7} {'cpu s':>6} {'RSS MB':>7} {'warm s':>7} {'dwdiff s':>8} "
        f"{'cpu s':>6} {'cold÷dw':>8} {'cpu÷dw':>7} {'precision':>9} {'recall':>7}"
        + (
            "  baseline s  cpu s  base÷dw  output"
            if any(f.name == "baseline cold" for fs in results.values() for f in fs)
            else ""
        )
    )
    for kind in kinds:
        for pair in (p for p in pairs if p.kind == kind):
            figures = results[pair.kind, pair.size]
            cold = next(f.summary for f in figures if f.name == "reader cold")
            warm, dwdiff = _wall(figures, "reader warm"), _wall(figures, "dwdiff")
            dwdiff_cpu = next((f.summary.get("cpu") for f in figures if f.name == "dwdiff" and f.summary["ok"]), None)
            if not cold["ok"]:
                print(f"{kind:<11} {pair.size:>5} reader failed")
                continue
            log = json.loads(pair.edits.read_text(encoding="utf-8"))
            rec = recovery(cold["doc"], read_paragraphs(pair.left), log["edits"], read_paragraphs(pair.right))
            links = rec.get("links", {})
            precision = f"{links['precision']:.3f}" if "precision" in links else "-"
            recall = f"{links['recall']:.3f}" if "recall" in links else "-"
            print(
                f"{kind:<11} {pair.size:>5} {cold['wall']:7.3f} {cold['cpu']:6.2f} {cold['rss_mb']:7.1f} "
                f"{'-' if warm is None else f'{warm:.3f}':>7} {'-' if dwdiff is None else f'{dwdiff:.3f}':>8} "
                f"{'-' if dwdiff_cpu is None else f'{dwdiff_cpu:.2f}':>6} "
                f"{_ratio(cold['wall'], dwdiff):>8} {_ratio(cold['cpu'], dwdiff_cpu):>7} {precision:>9} {recall:>7}"
                + _baseline_columns(figures, dwdiff)
            )


def _baseline_columns(figures: list[Figure], dwdiff: float | None) -> str:
    """The baseline reader's cold wall and CPU time, its ratio to dwdiff, and whether its output is the same."""
    base = next((f.summary for f in figures if f.name == "baseline cold"), None)
    if base is None:
        return ""
    if not base["ok"]:
        return "  baseline failed"
    output = {True: "same", False: "DIFFERS"}.get(base.get("same_output"), "-")
    return f"  {base['wall']:10.3f} {base['cpu']:6.2f} {_ratio(base['wall'], dwdiff):>8}  {output}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--kinds",
        default="all",
        help="kinds of prose, comma-separated: novels, scripture, glossary, dictionary, news, "
        "repetitive, repetitive-scripture (default all)",
    )
    parser.add_argument("--sizes", default="0.1,1,5", help="pair sizes in MB (default 0.1,1,5)")
    parser.add_argument("--reps", type=int, default=3, help="runs per command; the median counts (default 3)")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds allowed per run (default 1200)")
    parser.add_argument(
        "--no-app", action="store_true", help="leave out the app's figures (headless first screen, overview, tmux)"
    )
    parser.add_argument(
        "--reader",
        type=Path,
        default=Path(sys.executable).parent / "reader",
        help="the reader executable (default: `reader` next to this Python)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="another reader executable (say the main checkout's) timed cold in turns with this one and dwdiff",
    )
    args = parser.parse_args(argv)
    if args.baseline is not None and not (args.baseline.is_file() and os.access(args.baseline, os.X_OK)):
        print(f"run_all: no reader at {args.baseline} (--baseline)", file=sys.stderr)
        return 2
    if not (args.reader.is_file() and os.access(args.reader, os.X_OK)):
        print(
            f"run_all: no reader at {args.reader}; install the project into this venv "
            f"({Path(sys.executable).parent / 'pip'} install -e .)",
            file=sys.stderr,
        )
        return 2
    all_kinds = ["novels", "scripture", "glossary", "dictionary", "news", "repetitive", "repetitive-scripture"]
    kinds = all_kinds if args.kinds == "all" else [k.strip() for k in args.kinds.split(",") if k.strip()]
    if any(kind not in all_kinds for kind in kinds):
        parser.error(f"--kinds: choose from {', '.join(all_kinds)}")

    try:
        pairs = ensure_pairs(kinds, [f"{float(size):g}" for size in args.sizes.split(",") if size.strip()])
    except subprocess.CalledProcessError:
        print("run_all: make_pairs.py could not make the pairs (its message is above)", file=sys.stderr)
        return 2
    dwdiff, dwdiff_note = find_dwdiff()
    results: dict[tuple[str, str], list[Figure]] = {}
    with tempfile.TemporaryDirectory(prefix="run_all.") as tmp:
        workdir = Path(tmp)
        os.environ["READER_CACHE_DIR"] = str(workdir / "cache")  # a fresh cache, not the user's
        floor = run_once(["true"], workdir, 60)
        for pair in pairs:
            print(f"running {pair.kind} {pair.size} MB ...", file=sys.stderr, flush=True)
            with_app = not args.no_app and not pair.kind.startswith("repetitive")
            results[pair.kind, pair.size] = (
                measure_reader(
                    args.reader, pair, args.reps, workdir, args.timeout, baseline=args.baseline, dwdiff=dwdiff
                )
                + measure_peers(
                    pair, dwdiff, args.reps, workdir, args.timeout, skip=("dwdiff",) if args.baseline else ()
                )
                + (app_figures(pair, args.reps, workdir, args.timeout) if with_app else [])
            )

    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, {args.reps} runs each; "
        f"the wrapper alone shows {floor['maxrss_kb'] / 1024:.1f} MB RSS; {dwdiff_note}"
    )
    print("size MB = left file size; wall = median; RSS = peak of the command's process tree;")
    print("cold = --no-cache (aligns every run); warm = the cache filled by one run first;")
    print("cold÷ / warm÷ = reader's time without / with the cache divided by this command's;")
    print("cpu = user + system time (median): on a loaded machine wall time also counts the wait for a core")
    for kind in kinds:
        kind_pairs = [pair for pair in pairs if pair.kind == kind]
        if kind_pairs:
            print_kind(kind, kind_pairs, results)
    print_summary(kinds, pairs, results)
    novels = [pair for pair in pairs if pair.kind == "novels"]
    if not args.no_app and novels:
        print("\nThe corpus overview (benchmarks/bench_overview.py):", flush=True)
        subprocess.run([sys.executable, str(HERE / "bench_overview.py")], cwd=HERE.parent, check=False)
        harness = HERE.parent.parent / "shared" / "tools" / "tui.py"
        if shutil.which("tmux") and harness.is_file():
            print("\nIn a real terminal (tmux, benchmarks/bench_app.py):", flush=True)
            subprocess.run(
                [
                    sys.executable,
                    str(Path(__file__).parent / "bench_app.py"),
                    "--sizes",
                    ",".join(pair.size for pair in novels if pair.size != "0.1"),
                    "--runs",
                    "3",
                ],
                cwd=HERE.parent,
                check=False,
            )
        else:
            print("\n(terminal figures skipped: benchmarks/bench_app.py needs tmux and ../shared/tools/tui.py)")
    failed = [
        f"{figure.name} on {kind} {size} MB"
        for (kind, size), figures in results.items()
        for figure in figures
        if figure.name.startswith("reader") and not figure.summary["ok"]
    ]
    if failed:
        print(f"\nFAILED: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
