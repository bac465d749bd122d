#!/usr/bin/env python3
"""Build LEFT/RIGHT document pairs from real public-domain prose for the
`reader diff` benchmark.

Source text: the six completed novels of Jane Austen and Herman Melville's
"Moby Dick", as transcribed by Project Gutenberg and shipped as R data sets in
two Debian packages (only the data files are read; R itself is not needed):

    r-cran-janeaustenr   Sense and Sensibility, Pride and Prejudice,
                         Mansfield Park, Emma, Northanger Abbey, Persuasion
    r-cran-tokenizers    Moby Dick (data set `mobydick`)

The script looks for the packages' data files

  1. where the installed packages keep them (/usr/lib/R/site-library/...), or
  2. in benchmarks/data/.source/, as the two .deb files or already extracted.

If neither is there it runs `apt-get download` for the two .deb files into
benchmarks/data/.source/ (no root needed, nothing is installed; the
download is about 2.3 MB) unless --no-fetch is given, in which case it prints
the one-line command and stops.

Each LEFT document is a prefix of the cleaned source (prose paragraphs only,
hard-wrapped at about 70 columns as Gutenberg has them, separated by blank
lines) of about 0.1, 1 or 5 MB.  The RIGHT document is LEFT after seeded edits
to about 15% of its paragraphs: word substitutions/insertions/deletions,
paraphrase-like rewrites, paragraph deletions, insertions (of paragraphs from
elsewhere in the source), moves, merges and splits.  Every edit is logged in
edits.json with its kind and the LEFT paragraph indices involved (the index of
the blank-line-separated block in left.txt), plus the RIGHT indices that
resulted.

Standard library only.  Deterministic: same arguments, same bytes.

    python benchmarks/make_pairs.py [--sizes 0.1,1,5] [--seed 1]
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import hashlib
import io
import json
import lzma
import random
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import textwrap
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA_DIR = HERE / "data"
SOURCE_CACHE = DATA_DIR / ".source"

# (Debian package, R package name, data sets in the order they are used)
SOURCES = [
    (
        "r-cran-janeaustenr",
        "janeaustenr",
        [
            ("sensesensibility", "Jane Austen, Sense and Sensibility (1811)"),
            ("prideprejudice", "Jane Austen, Pride and Prejudice (1813)"),
            ("mansfieldpark", "Jane Austen, Mansfield Park (1814)"),
            ("emma", "Jane Austen, Emma (1815)"),
            ("northangerabbey", "Jane Austen, Northanger Abbey (1817)"),
            ("persuasion", "Jane Austen, Persuasion (1817)"),
        ],
    ),
    (
        "r-cran-tokenizers",
        "tokenizers",
        [("mobydick", "Herman Melville, Moby Dick; or The Whale (1851)")],
    ),
]
DEB_PACKAGES = [deb for deb, _, _ in SOURCES]
FETCH_COMMAND = "mkdir -p benchmarks/data/.source && cd benchmarks/data/.source && apt-get download " + " ".join(
    DEB_PACKAGES
)
INSTALL_COMMAND = "apt-get install --no-install-recommends " + " ".join(DEB_PACKAGES)
R_LIBRARY_DIRS = [
    Path("/usr/lib/R/site-library"),
    Path("/usr/local/lib/R/site-library"),
    Path("/usr/lib/R/library"),
    Path("/usr/local/lib/R/library"),
]

# sha256 of the cleaned source paragraphs ("\n\n".join(...)) as built from
# the Debian bookworm packages (r-cran-janeaustenr 1.0.0-1,
# r-cran-tokenizers 0.3.0-1).  A different value only triggers a warning:
# the pairs are still valid, just not byte-identical to earlier runs.
EXPECTED_SOURCE_SHA256 = "dedcc6d9b2c18824f8d9f6dea596fbd465830ff1b52835c1793a8b5ed9431191"

# Paragraphs at the very end of the source that no LEFT document uses, so that
# even the largest size has fresh paragraphs to insert.
RESERVED_TAIL = 300


def reserved_tail(paragraphs: int) -> int:
    """Paragraphs kept back for insertions: 300, or a tenth of a short source."""
    return min(RESERVED_TAIL, paragraphs // 10)


EDIT_SHARE = 0.15  # share of LEFT paragraphs touched by an edit
KIND_WEIGHTS = [  # kind -> share of the edits
    ("words", 0.30),
    ("rewrite", 0.14),
    ("delete", 0.10),
    ("insert", 0.10),
    ("move", 0.12),
    ("merge", 0.12),
    ("split", 0.12),
]


# --------------------------------------------------------------------------
# R serialization (XDR, version 2/3) -- just enough to read character vectors
# out of an R package's lazy-load data base (data/Rdata.rdx + Rdata.rdb).
# --------------------------------------------------------------------------


class RVector(list):
    """An R atomic vector or list, with its attributes (if any)."""

    attrs: dict | None = None


class _RReader:
    _PAIRLIST_TYPES = {2, 3, 5, 6, 17, 239, 240}  # LIST, CLO, PROM, LANG, DOT, ATTR*
    _SPECIAL = {254, 253, 252, 251, 250, 242, 241}  # NILVALUE, GLOBALENV, ...

    def __init__(self, data: bytes):
        self.b = data
        self.p = 0
        self.refs: list = []

    def int(self) -> int:
        (v,) = struct.unpack_from(">i", self.b, self.p)
        self.p += 4
        return v

    def raw(self, n: int) -> bytes:
        v = self.b[self.p : self.p + n]
        self.p += n
        return v

    def header(self) -> None:
        fmt = self.raw(2)
        if fmt != b"X\n":
            raise ValueError(f"unsupported R serialization format {fmt!r}")
        version = self.int()
        self.int()  # writer R version
        self.int()  # minimal reader R version
        if version == 3:
            self.raw(self.int())  # native encoding name
        elif version != 2:
            raise ValueError(f"unsupported R serialization version {version}")

    def length(self) -> int:
        n = self.int()
        if n == -1:
            hi, lo = self.int(), self.int()
            n = (hi << 32) + lo
        return n

    def item(self):
        flags = self.int()
        sxp = flags & 0xFF
        has_attr = flags & (1 << 9)
        has_tag = flags & (1 << 10)
        if sxp == 255:  # REFSXP
            idx = flags >> 8
            if idx == 0:
                idx = self.int()
            return self.refs[idx - 1]
        if sxp in self._SPECIAL:
            return None
        if sxp == 1:  # SYMSXP
            sym = ("symbol", self.item())
            self.refs.append(sym)
            return sym
        if sxp in self._PAIRLIST_TYPES:
            attr = self.item() if has_attr else None
            tag = self.item() if has_tag else None
            car = self.item()
            cdr = self.item()
            return ("pairlist", tag, car, cdr, attr)
        if sxp == 9:  # CHARSXP
            n = self.int()
            if n == -1:
                return None  # NA_character_
            data = self.raw(n)
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                return data.decode("latin-1")
        if sxp in (10, 13):  # LGLSXP, INTSXP
            n = self.length()
            value = RVector(struct.unpack_from(f">{n}i", self.b, self.p))
            self.p += 4 * n
        elif sxp == 14:  # REALSXP
            n = self.length()
            value = RVector(struct.unpack_from(f">{n}d", self.b, self.p))
            self.p += 8 * n
        elif sxp in (16, 19, 20):  # STRSXP, VECSXP, EXPRSXP
            n = self.length()
            value = RVector(self.item() for _ in range(n))
        else:
            raise ValueError(f"unsupported R object type {sxp} at byte {self.p}")
        if has_attr:
            value.attrs = pairlist_to_dict(self.item())
        return value


def pairlist_to_dict(pl) -> dict:
    out = {}
    while pl:
        _, tag, car, cdr, _ = pl
        out[tag[1] if tag else None] = car
        pl = cdr
    return out


def r_unserialize(data: bytes):
    reader = _RReader(data)
    reader.header()
    return reader.item()


def read_r_lazyload(data_dir: Path) -> dict:
    """Return {name: object} from an R package's data/Rdata.{rdx,rdb}."""
    index = r_unserialize(gzip.decompress((data_dir / "Rdata.rdx").read_bytes()))
    names = index.attrs["names"]
    variables = index[names.index("variables")]
    compressed = index[names.index("compressed")][0]
    rdb = (data_dir / "Rdata.rdb").read_bytes()
    out = {}
    for name, (offset, length) in zip(variables.attrs["names"], variables):
        blob = rdb[offset : offset + length]
        (size,) = struct.unpack(">i", blob[:4])
        if compressed == 1:
            data = zlib.decompress(blob[4:])
        elif compressed in (2, 3):
            kind, payload = blob[4:5], blob[5:]
            data = {
                b"Z": zlib.decompress,
                b"2": bz2.decompress,
                b"X": lzma.decompress,
                b"0": bytes,
            }[kind](payload)
        else:
            data = blob[4:]
        if len(data) != size:
            raise ValueError(f"{data_dir}: bad length for {name}")
        out[name] = r_unserialize(data)
    return out


# --------------------------------------------------------------------------
# Finding / fetching the Debian packages
# --------------------------------------------------------------------------


def _deb_members(deb: Path) -> dict[str, bytes]:
    """The members of a .deb (an `ar` archive)."""
    blob = deb.read_bytes()
    if not blob.startswith(b"!<arch>\n"):
        raise ValueError(f"{deb} is not a Debian package")
    pos, members = 8, {}
    while pos + 60 <= len(blob):
        header = blob[pos : pos + 60]
        name = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        members[name] = blob[pos + 60 : pos + 60 + size]
        pos += 60 + size + (size & 1)
    return members


def extract_r_data(deb: Path, rpkg: str, dest: Path) -> Path:
    """Extract <rpkg>/data/Rdata.{rdx,rdb,rds} from a .deb into dest/<rpkg>/data."""
    members = _deb_members(deb)
    data_name = next((m for m in members if m.startswith("data.tar")), None)
    if data_name is None:
        raise ValueError(f"{deb}: no data.tar member")
    payload = members[data_name]
    if data_name.endswith(".zst"):  # not in the standard library: use dpkg-deb
        payload = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], check=True, capture_output=True).stdout
    out_dir = dest / rpkg / "data"
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = {f"/{rpkg}/data/Rdata.{ext}": f"Rdata.{ext}" for ext in ("rdx", "rdb", "rds")}
    found = 0
    with tarfile.open(fileobj=io.BytesIO(payload), mode="r:*") as tar:
        for member in tar:
            for suffix, fname in wanted.items():
                if member.isfile() and member.name.endswith(suffix):
                    (out_dir / fname).write_bytes(tar.extractfile(member).read())
                    found += 1
    if found < 2:
        raise ValueError(f"{deb}: R data files for {rpkg} not found")
    return out_dir


def locate_r_data(deb_pkg: str, rpkg: str, fetch: bool) -> Path:
    candidates = [d / rpkg / "data" for d in R_LIBRARY_DIRS]
    candidates.append(SOURCE_CACHE / rpkg / "data")
    for cand in candidates:
        if (cand / "Rdata.rdx").is_file() and (cand / "Rdata.rdb").is_file():
            return cand
    debs = sorted(SOURCE_CACHE.glob(f"{deb_pkg}_*.deb"))
    if not debs and fetch and shutil.which("apt-get"):
        SOURCE_CACHE.mkdir(parents=True, exist_ok=True)
        print(f"fetching source text: apt-get download {' '.join(DEB_PACKAGES)}", file=sys.stderr)
        proc = subprocess.run(
            ["apt-get", "download", *DEB_PACKAGES],
            cwd=SOURCE_CACHE,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            print(proc.stderr.strip(), file=sys.stderr)
        debs = sorted(SOURCE_CACHE.glob(f"{deb_pkg}_*.deb"))
    if not debs:
        raise SystemExit(
            f"make_pairs: the source text (Debian package {deb_pkg}) was not found.\n"
            f"Get it with this command, run from the repository root:\n\n"
            f"    {FETCH_COMMAND}\n\n"
            f"(or install the packages: {INSTALL_COMMAND}; if apt-get cannot find\n"
            f"them, run `apt-get update` first)"
        )
    return extract_r_data(debs[-1], rpkg, SOURCE_CACHE)


# --------------------------------------------------------------------------
# Cleaning the source into prose paragraphs
# --------------------------------------------------------------------------

_HEADING = re.compile(r"^(CHAPTER|Chapter|VOLUME|Volume|BOOK|ETYMOLOGY|EXTRACTS|Epilogue)\b")
_ENDS_LIKE_PROSE = re.compile(r"[.!?][\"'_)\]]*$")


def _strip_gutenberg(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    start = re.search(r"^\*\*\* ?START OF.*$", text, re.M)
    if start:
        text = text[start.end() :]
    end = re.search(r"^(\*\*\* ?END OF|End of (the )?Project Gutenberg)", text, re.M)
    if end:
        text = text[: end.start()]
    return text


def is_prose(par: str) -> bool:
    lines = par.split("\n")
    if any(line[:1].isspace() for line in lines):  # verse, tables, letters' headers
        return False
    if _HEADING.match(par):
        return False
    letters = [c for c in par if c.isalpha()]
    if not letters or sum(c.islower() for c in letters) < 0.5 * len(letters):
        return False
    if len(par.split()) < 3:
        return False
    return bool(_ENDS_LIKE_PROSE.search(par))


def split_paragraphs(text: str) -> list[str]:
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]


def load_source(fetch: bool) -> tuple[list[str], list[dict]]:
    paragraphs: list[str] = []
    parts: list[dict] = []
    for deb_pkg, rpkg, datasets in SOURCES:
        objects = read_r_lazyload(locate_r_data(deb_pkg, rpkg, fetch))
        for name, title in datasets:
            obj = objects[name]
            text = "\n".join(x or "" for x in obj)  # janeaustenr: one line per element
            kept = [p for p in split_paragraphs(_strip_gutenberg(text)) if is_prose(p)]
            parts.append(
                {
                    "title": title,
                    "debian_package": deb_pkg,
                    "r_dataset": f"{rpkg}::{name}",
                    "first_paragraph": len(paragraphs),
                    "paragraphs": len(kept),
                }
            )
            paragraphs.extend(kept)
    return paragraphs, parts


# --------------------------------------------------------------------------
# Edits
# --------------------------------------------------------------------------

SYNONYMS = {
    "said": "replied",
    "replied": "answered",
    "great": "considerable",
    "little": "small",
    "small": "slight",
    "good": "excellent",
    "very": "exceedingly",
    "much": "greatly",
    "think": "believe",
    "thought": "supposed",
    "know": "understand",
    "knew": "understood",
    "happy": "content",
    "happiness": "contentment",
    "house": "home",
    "feelings": "sentiments",
    "feeling": "sentiment",
    "young": "youthful",
    "soon": "shortly",
    "immediately": "directly",
    "perhaps": "possibly",
    "certainly": "surely",
    "quite": "entirely",
    "often": "frequently",
    "began": "started",
    "come": "arrive",
    "came": "arrived",
    "went": "proceeded",
    "look": "glance",
    "looked": "glanced",
    "saw": "observed",
    "see": "observe",
    "seemed": "appeared",
    "wish": "desire",
    "wished": "desired",
    "hope": "expectation",
    "friend": "companion",
    "friends": "companions",
    "room": "apartment",
    "answer": "reply",
    "believe": "suppose",
    "pleasure": "delight",
    "handsome": "fine",
    "pretty": "charming",
    "kind": "obliging",
    "speak": "talk",
    "spoke": "talked",
    "attention": "regard",
    "manner": "way",
    "manners": "ways",
    "whole": "entire",
    "however": "nevertheless",
    "indeed": "truly",
    "sister": "sibling",
    "mother": "parent",
    "father": "parent",
    "ship": "vessel",
    "sea": "ocean",
    "whale": "leviathan",
    "man": "fellow",
    "men": "fellows",
    "large": "big",
    "long": "lengthy",
    "old": "aged",
    "dear": "beloved",
    "walk": "stroll",
    "evening": "night",
    "morning": "forenoon",
    "afraid": "fearful",
    "sure": "certain",
    "world": "society",
    "place": "spot",
    "mind": "thoughts",
    "told": "informed",
    "tell": "inform",
    "felt": "sensed",
    "strong": "powerful",
    "heard": "learnt",
    "received": "got",
    "letter": "note",
    "wanted": "needed",
    "time": "while",
    "day": "date",
    "made": "rendered",
    "make": "render",
    "give": "offer",
    "gave": "offered",
    "take": "accept",
    "took": "accepted",
    "found": "discovered",
    "find": "discover",
    "heart": "soul",
    "eyes": "looks",
    "life": "existence",
    "family": "household",
    "subject": "topic",
    "opinion": "view",
    "moment": "instant",
    "every": "each",
    "thing": "matter",
    "things": "matters",
    "return": "come back",
    "returned": "came back",
    "obliged": "compelled",
    "consider": "regard",
    "considered": "regarded",
    "object": "aim",
    "agreeable": "pleasant",
    "anxious": "uneasy",
    "surprise": "astonishment",
    "own": "particular",
    "without": "lacking",
    "almost": "nearly",
    "enough": "sufficiently",
}
FILLERS = [
    "very",
    "quite",
    "rather",
    "certainly",
    "perhaps",
    "indeed",
    "still",
    "really",
    "entirely",
    "almost",
    "always",
    "truly",
    "surely",
    "already",
    "even",
    "now",
]
ABBREVIATIONS = {"Mr", "Mrs", "Dr", "St", "Messrs", "Col", "Capt", "Gen", "Lieut", "Rev", "Esq", "viz", "i.e", "e.g"}
_WORD_CORE = re.compile(r"^([^A-Za-z]*)([A-Za-z]+(?:'[a-z]+)?)([^A-Za-z]*)$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'_)]*(?=\s+[\"'(_]*[A-Z])")


def sentence_boundaries(text: str) -> list[int]:
    """Offsets just after the closing punctuation of each non-final sentence."""
    out = []
    for m in _SENTENCE_END.finditer(text):
        head = text[: m.start()]
        word = re.search(r"([A-Za-z.]+)[.!?]$", head)
        if word and (word.group(1) in ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        out.append(m.end())
    return out


def sentence_count(text: str) -> int:
    return len(sentence_boundaries(text)) + 1


def _match_case(new: str, old: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _pick_word(positions: list[int], words: list[str], rng: random.Random) -> int:
    """Prefer words that have a synonym, so that most edits still read well."""
    with_syn = [i for i in positions if _WORD_CORE.match(words[i]).group(2).lower() in SYNONYMS]
    if with_syn and rng.random() < 0.8:
        return rng.choice(with_syn)
    return rng.choice(positions)


def _replacement(core: str, vocab: list[str], rng: random.Random) -> str:
    low = core.lower()
    new = SYNONYMS.get(low)
    if new is None:
        new = rng.choice(vocab)
        while new == low:
            new = rng.choice(vocab)
    return _match_case(new, core)


def edit_words(text: str, rng: random.Random, vocab: list[str]) -> tuple[str, list[dict]]:
    """1-3 word substitutions/insertions/deletions on distinct words, line breaks kept."""
    tokens = re.split(r"(\s+)", text)  # even positions: words, odd: whitespace
    word_pos = [i for i in range(0, len(tokens), 2) if tokens[i]]
    plan: dict[int, str] = {}  # token index -> operation
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(["substitute", "substitute", "insert", "delete"])
        if op == "substitute":
            choices = [
                i for i in word_pos if i not in plan and (m := _WORD_CORE.match(tokens[i])) and len(m.group(2)) >= 3
            ]
        elif op == "insert":
            choices = [i for i in word_pos[1:] if i not in plan]
        else:
            choices = [i for i in word_pos[1:-1] if i not in plan and re.fullmatch(r"[a-z]+", tokens[i])]
        if choices:
            plan[_pick_word(choices, tokens, rng) if op == "substitute" else rng.choice(choices)] = op
    ops = []
    for i in sorted(plan):  # decide the new words in text order
        if plan[i] == "substitute":
            pre, core, post = _WORD_CORE.match(tokens[i]).groups()
            new = _replacement(core, vocab, rng)
            ops.append({"op": "substitute", "old": core, "new": new, "_i": i, "_tok": pre + new + post})
        elif plan[i] == "insert":
            word = rng.choice(FILLERS)
            ops.append({"op": "insert", "new": word, "before": tokens[i], "_i": i, "_tok": word + " " + tokens[i]})
        else:
            ops.append({"op": "delete", "old": tokens[i], "_i": i})
    for o in reversed(ops):  # apply from the end so that indices stay valid
        i = o.pop("_i")
        if o["op"] == "delete":
            # drop the word and one neighbouring whitespace token, keeping newlines
            if "\n" in tokens[i - 1] and i + 1 < len(tokens):
                del tokens[i : i + 2]
            else:
                del tokens[i - 1 : i + 1]
        else:
            tokens[i] = o.pop("_tok")
    new_text = "".join(tokens)
    if new_text == text or not ops:  # make sure something changed
        words = text.split(" ")
        k = rng.randrange(len(words))
        word = rng.choice(FILLERS)
        words.insert(k, word)
        ops.append({"op": "insert", "new": word, "before": words[k + 1] if k + 1 < len(words) else ""})
        new_text = " ".join(words)
    return new_text, ops


def _flat(text: str) -> str:
    return " ".join(text.split())


def _fill(text: str) -> str:
    return textwrap.fill(_flat(text), width=70, break_long_words=False, break_on_hyphens=False)


def rewrite(text: str, rng: random.Random, vocab: list[str]) -> tuple[str, dict]:
    """Paraphrase-like rewrite: reorder clauses, replace several words, re-wrap."""
    flat = _flat(text)
    cuts = [0, *sentence_boundaries(flat), len(flat)]
    sentences = [flat[a:b].strip() for a, b in zip(cuts, cuts[1:]) if flat[a:b].strip()]
    shuffled = 0
    picks = rng.sample(range(len(sentences)), k=min(len(sentences), rng.randint(1, 3)))
    for si in picks:
        s = sentences[si]
        m = re.match(r"^(.*?)([.!?][\"'_)]*)$", s)
        body, end = (m.group(1), m.group(2)) if m else (s, "")
        clauses = [c for c in re.split(r"(?:,|;) ", body) if c]
        if len(clauses) >= 2:
            order = list(range(len(clauses)))
            while order == sorted(order):
                rng.shuffle(order)
            first = clauses[0]
            if first[:1].isupper() and not re.match(r"(I|Mr|Mrs|Miss|[A-Z][a-z]+ [A-Z])\b", first):
                clauses[0] = first[:1].lower() + first[1:]
            new_clauses = [clauses[k] for k in order]
            new_clauses[0] = new_clauses[0][:1].upper() + new_clauses[0][1:]
            sentences[si] = ", ".join(new_clauses) + end
            shuffled += 1
    words = " ".join(sentences).split(" ")
    n_repl = rng.randint(2, 5) + (2 if not shuffled else 0)
    n_repl = max(2, min(n_repl, len(words) // 6))
    candidates = [i for i, w in enumerate(words) if (m := _WORD_CORE.match(w)) and len(m.group(2)) >= 4]
    replaced = []
    for _ in range(min(n_repl, len(candidates))):
        i = _pick_word(candidates, words, rng)
        candidates.remove(i)
        pre, core, post = _WORD_CORE.match(words[i]).groups()
        new = _replacement(core, vocab, rng)
        replaced.append({"old": core, "new": new})
        words[i] = pre + new + post
    out = _fill(" ".join(words))
    return out, {"clauses_reordered_in": shuffled, "words_replaced": replaced}


def split_paragraph(text: str, rng: random.Random) -> tuple[str, str]:
    bounds = sentence_boundaries(text)
    target = len(text) / 2
    bounds.sort(key=lambda b: (abs(b - target), b))
    cut = bounds[0] if rng.random() < 0.7 or len(bounds) == 1 else rng.choice(bounds)
    return text[:cut].rstrip(), text[cut:].lstrip()


def make_pair(
    source: list[str], target_bytes: int, seed: int, reflow: bool = False
) -> tuple[list[str], list[str], list[dict]]:
    """LEFT = a prefix of `source` of about target_bytes; RIGHT = LEFT edited.

    Merges and splits are done as in a text editor that does not re-wrap:
    a merge deletes the blank line between the two paragraphs, a split puts a
    blank line after a sentence (so the second part may start with a short
    line).  With reflow=True both results are re-wrapped at 70 columns.
    """
    rng = random.Random(seed)
    usable = len(source) - reserved_tail(len(source))
    left: list[str] = []
    size = 0
    while len(left) < usable and size < target_bytes:
        left.append(source[len(left)])
        size += len(left[-1].encode()) + 2
    pool_ids = list(range(len(left), len(source)))
    n = len(left)
    vocab = sorted({w for p in left[: min(n, 400)] for w in re.findall(r"\b[a-z]{4,}\b", p)} - set(SYNONYMS))

    n_edits = round(EDIT_SHARE * n)
    counts = {kind: max(1, round(w * n_edits)) for kind, w in KIND_WEIGHTS}
    counts["insert"] = min(counts["insert"], len(pool_ids))

    taken: set[int] = set()  # left paragraphs that are edited or next to an edit
    slots: dict[int, dict] = {}  # slot k = before left paragraph k (k == n: at the end)
    op: dict[int, dict] = {}  # left index -> edit touching it

    def free(*idx: int) -> bool:
        return all(0 <= i < n and i not in taken for i in idx)

    def claim(*idx: int) -> None:
        for i in idx:
            taken.update((i - 1, i, i + 1))

    def shuffled(cond) -> list[int]:
        ids = [i for i in range(n) if cond(i)]
        rng.shuffle(ids)
        return ids

    edits: list[dict] = []
    # merges: two adjacent paragraphs
    for i in shuffled(lambda i: i + 1 < n):
        if counts["merge"] == sum(e["kind"] == "merge" for e in edits):
            break
        if free(i, i + 1):
            claim(i, i + 1)
            e = {"kind": "merge", "left": [i, i + 1]}
            edits.append(e)
            op[i] = op[i + 1] = e
    # splits: paragraphs of at least two sentences
    for i in shuffled(lambda i: sentence_count(left[i]) >= 2):
        if counts["split"] == sum(e["kind"] == "split" for e in edits):
            break
        if free(i):
            claim(i)
            a, b = split_paragraph(left[i], rng)
            if reflow:
                a, b = _fill(a), _fill(b)
            e = {"kind": "split", "left": [i], "_parts": [a, b]}
            edits.append(e)
            op[i] = e
    # moves: reasonably long paragraphs with unique text, moved far away
    text_count: dict[str, int] = {}
    for p in left:
        text_count[p] = text_count.get(p, 0) + 1
    far = max(2, n // 4)
    for i in shuffled(lambda i: len(left[i].split()) >= 12 and text_count[left[i]] == 1):
        if counts["move"] == sum(e["kind"] == "move" for e in edits):
            break
        if not free(i):
            continue
        dests = [
            k
            for k in range(n + 1)
            if abs(k - i) >= far and k not in slots and free(*[j for j in (k - 1, k) if 0 <= j < n])
        ]
        if not dests:
            continue
        k = rng.choice(dests)
        claim(i)
        claim(*[j for j in (k - 1, k) if 0 <= j < n])
        e = {"kind": "move", "left": [i], "to_before_left": k}
        edits.append(e)
        op[i] = e
        slots[k] = e
    # paraphrase-like rewrites
    for i in shuffled(lambda i: len(left[i].split()) >= 25):
        if counts["rewrite"] == sum(e["kind"] == "rewrite" for e in edits):
            break
        if free(i):
            claim(i)
            new, detail = rewrite(left[i], rng, vocab)
            e = {"kind": "rewrite", "left": [i], "detail": detail, "_text": new}
            edits.append(e)
            op[i] = e
    # word-level edits
    for i in shuffled(lambda i: len(left[i].split()) >= 5):
        if counts["words"] == sum(e["kind"] == "words" for e in edits):
            break
        if free(i):
            claim(i)
            new, ops = edit_words(left[i], rng, vocab)
            e = {"kind": "words", "left": [i], "ops": ops, "_text": new}
            edits.append(e)
            op[i] = e
    # paragraph deletions
    for i in shuffled(lambda i: True):
        if counts["delete"] == sum(e["kind"] == "delete" for e in edits):
            break
        if free(i):
            claim(i)
            e = {"kind": "delete", "left": [i]}
            edits.append(e)
            op[i] = e
    # insertions of paragraphs from elsewhere in the source
    pool = rng.sample(pool_ids, k=counts["insert"])
    for k in shuffled(lambda k: True) + [n]:
        if not pool:
            break
        around = [j for j in (k - 1, k) if 0 <= j < n]
        if k in slots or not free(*around):
            continue
        claim(*around)
        src = pool.pop()
        e = {"kind": "insert", "left": [], "before_left": k, "source_paragraph": src}
        edits.append(e)
        slots[k] = e

    # build RIGHT
    right: list[str] = []

    def emit_slot(k: int) -> None:
        e = slots.get(k)
        if e is None:
            return
        e["right"] = [len(right)]
        right.append(left[e["left"][0]] if e["kind"] == "move" else source[e["source_paragraph"]])

    for i in range(n):
        emit_slot(i)
        e = op.get(i)
        if e is None:
            right.append(left[i])
        elif e["kind"] in ("words", "rewrite"):
            e["right"] = [len(right)]
            right.append(e.pop("_text"))
        elif e["kind"] == "split":
            e["right"] = [len(right), len(right) + 1]
            right.extend(e.pop("_parts"))
        elif e["kind"] == "merge":
            if i == e["left"][0]:
                e["right"] = [len(right)]
                joined = left[i] + "\n" + left[i + 1]
                right.append(_fill(joined) if reflow else joined)
        elif e["kind"] == "delete":
            e["right"] = []
        # move: emitted at its slot
    emit_slot(n)

    edits.sort(key=lambda e: (e["left"][0] if e["left"] else e["before_left"] - 0.5, e["kind"]))
    return left, right, edits


# --------------------------------------------------------------------------
# Other kinds of prose: scripture, a glossary, a dictionary, news
# --------------------------------------------------------------------------


class SourceMissing(Exception):
    """A kind's source text is not on this machine; the message says how to get it."""


BIBLE_PROGRAM = "bible"  # Debian package bible-kjv (its text is in bible-kjv-text)
JARGON_FILE = Path("/usr/share/doc/jargon-text/jargon.txt.gz")  # Debian package jargon-text
GCIDE_FILE = Path("/usr/share/dictd/gcide.dict.dz")  # Debian package dict-gcide
REALPAGES = Path(__import__("os").environ.get("READER_REALPAGES") or HERE.parent.parent / "shared" / "realpages")
_VERSE = re.compile(r"^\s+\d+ ")


def _dedent_blocks(text: str) -> list[str]:
    """Blank-line-separated blocks with each line's leading and trailing blanks removed."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    return [block.strip("\n") for block in re.split(r"\n\s*\n", "\n".join(lines)) if block.strip()]


def load_scripture() -> tuple[list[str], str]:
    """The King James Bible, one verse a paragraph (verse numbers dropped), wrapped at 70 columns.

    Verses are short and the vocabulary is small and repetitive ("And he said unto them").
    """
    program = shutil.which(BIBLE_PROGRAM)
    if program is None:
        raise SourceMissing("the King James Bible is not installed: apt-get install bible-kjv bible-kjv-text")
    listing = subprocess.run(
        [program, "-l", "100000", "gen1:1-rev22:21"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "100000"},
    )
    verses = [_VERSE.sub("", line) for line in listing.stdout.splitlines() if _VERSE.match(line)]
    if len(verses) < 30_000:
        raise SourceMissing(f"`bible` printed {len(verses)} verses, not the whole Bible ({listing.stderr.strip()})")
    return [textwrap.fill(verse.strip(), 70) for verse in verses], "King James Bible (Debian bible-kjv-text)"


def load_glossary() -> tuple[list[str], str]:
    """The Jargon File: many short entries (a headword line, then a paragraph or a few)."""
    if not JARGON_FILE.is_file():
        raise SourceMissing("the Jargon File is not installed: apt-get install jargon-text")
    text = gzip.decompress(JARGON_FILE.read_bytes()).decode("utf-8", "replace")
    start = text.find("\n   :(TM): ")  # the first entry, after the table of contents
    blocks = _dedent_blocks(text[start:] if start > 0 else text)
    return [block for block in blocks if len(block.split()) >= 2], "The Jargon File 4.4.8 (Debian jargon-text)"


def load_dictionary() -> tuple[list[str], str]:
    """Webster's 1913 via GCIDE: entries of a few short lines each (sense numbers, citations)."""
    if not GCIDE_FILE.is_file():
        raise SourceMissing("the GCIDE dictionary is not installed: apt-get install dict-gcide")
    text = gzip.decompress(GCIDE_FILE.read_bytes()).decode("utf-8", "replace")
    start = text.find("\nA \\A\\")  # the first headword, after the licence preamble
    # 6 MB is enough for every size up to 5 MB; the whole dictionary is 40 MB.
    blocks = _dedent_blocks(text[max(start, 0) : max(start, 0) + 6_500_000])
    # One entry (or sense) a paragraph, its source tags dropped and its lines re-wrapped: the
    # entries' own short lines ("(Law)", "[1913 Webster]") would be separate paragraphs to
    # reader, and the edit log could not be scored against blank-line blocks.
    entries = [" ".join(line for line in block.split("\n") if not line.startswith("[")) for block in blocks]
    return [
        textwrap.fill(entry, 70) for entry in entries if len(entry.split()) >= 3
    ], "GCIDE, Webster's 1913 (Debian dict-gcide)"


def load_news() -> tuple[list[str], str]:
    """News articles: the article bodies of the real pages beside the checkout (read in place).

    About 0.2 MB: enough for the 0.1 MB pair only. The pairs are written under the
    git-ignored benchmarks/data and are never part of the repository.
    """
    truth = REALPAGES / "html-truth" / "ALL.json"
    if not truth.is_file():
        raise SourceMissing(f"the real pages are not here ({REALPAGES}); set READER_REALPAGES")
    articles = json.loads(truth.read_text(encoding="utf-8"))
    paragraphs: list[str] = []
    for name in sorted(articles):
        body = articles[name].get("articleBody") or ""
        paragraphs.extend(p.strip() for p in re.split(r"\n\s*\n|\n", body) if len(p.split()) >= 3)
    return [textwrap.fill(p, 70) for p in paragraphs], "news article bodies (shared/realpages/html-truth)"


PROSE_KINDS = {
    "scripture": load_scripture,
    "glossary": load_glossary,
    "dictionary": load_dictionary,
    "news": load_news,
}
"""Kinds of prose besides the novels, each with its loader; their pairs go to data/<kind>/<size>."""
ALL_KINDS = ("novels", *PROSE_KINDS, "repetitive", "repetitive-scripture")
INSTALL_KINDS = "apt-get install bible-kjv bible-kjv-text jargon-text dict-gcide"

REPEAT_COPIES = 10
"""The repetitive pair: the novels' 1 MB pair, each side repeated this many times."""


def make_repetitive(
    out: Path, copies: int = REPEAT_COPIES, base: Path = DATA_DIR / "1", kind: str = "repetitive"
) -> str:
    """data/<kind>/1x10: a 1 MB pair (the novels' by default) with each side repeated ``copies`` times.

    The edit log is the 1 MB log shifted to every copy, so the alignment can be scored.
    """
    log = json.loads((base / "edits.json").read_text(encoding="utf-8"))
    left = split_paragraphs((base / "left.txt").read_text(encoding="utf-8"))
    right = split_paragraphs((base / "right.txt").read_text(encoding="utf-8"))
    edits = []
    for copy in range(copies):
        for edit in log["edits"]:
            shifted = dict(edit)
            shifted["left"] = [i + copy * len(left) for i in edit["left"]]
            shifted["right"] = [j + copy * len(right) for j in edit.get("right", [])]
            for key in ("before_left", "to_before_left"):
                if key in edit:
                    shifted[key] = edit[key] + copy * len(left)
            edits.append(shifted)
    label = f"1x{copies}"
    target = out / kind / label
    target.mkdir(parents=True, exist_ok=True)
    lbytes = write_text(target / "left.txt", left * copies)
    rbytes = write_text(target / "right.txt", right * copies)
    record = {
        "size": label,
        "source": {"description": f"{base} repeated {copies} times"},
        "paragraph_index": log["paragraph_index"],
        "left": {"paragraphs": len(left) * copies, "bytes": len(lbytes), "sha256": hashlib.sha256(lbytes).hexdigest()},
        "right": {
            "paragraphs": len(right) * copies,
            "bytes": len(rbytes),
            "sha256": hashlib.sha256(rbytes).hexdigest(),
        },
        "counts": {kind: count * copies for kind, count in log["counts"].items()},
        "edits": edits,
    }
    (target / "edits.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return f"{kind} {label}: {len(lbytes) / 1e6:.3f} MB a side, {len(left) * copies} paragraphs"


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------


def write_text(path: Path, paragraphs: list[str]) -> bytes:
    data = ("\n\n".join(paragraphs) + "\n").encode("utf-8")
    path.write_bytes(data)
    return data


def size_label(value: str) -> str:
    number = float(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"bad size {value!r}")
    return f"{number:g}"


def write_pair(source: list[str], description: dict, label: str, out: Path, seed_base: int, reflow: bool) -> str:
    """Make one pair of ``label`` MB from ``source`` into ``out``; return its summary line."""
    target = int(float(label) * 1_000_000)
    seed = seed_base * 1_000_003 + target
    left, right, edits = make_pair(source, target, seed, reflow=reflow)
    out.mkdir(parents=True, exist_ok=True)
    lbytes = write_text(out / "left.txt", left)
    rbytes = write_text(out / "right.txt", right)
    counts: dict[str, int] = {}
    for e in edits:
        counts[e["kind"]] = counts.get(e["kind"], 0) + 1
    log = {
        "size": label,
        "target_bytes": target,
        "seed": seed,
        "reflow": reflow,
        "source": description,
        "paragraph_index": "position among blank-line-separated blocks of left.txt / right.txt (0-based)",
        "left": {"paragraphs": len(left), "bytes": len(lbytes), "sha256": hashlib.sha256(lbytes).hexdigest()},
        "right": {"paragraphs": len(right), "bytes": len(rbytes), "sha256": hashlib.sha256(rbytes).hexdigest()},
        "counts": dict(sorted(counts.items())),
        "edits": edits,
    }
    (out / "edits.json").write_text(json.dumps(log, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    note = "" if len(lbytes) >= 0.95 * target else f"  (source exhausted: {len(lbytes) / 1e6:.2f} MB)"
    return (
        f"{label:>5} {len(lbytes) / 1e6:8.3f} {len(rbytes) / 1e6:8.3f} {len(left):8d} {len(right):8d}  "
        + " ".join(f"{k}={v}" for k, v in sorted(counts.items()))
        + note
    )


def source_megabytes(source: list[str]) -> float:
    """MB of the source a LEFT document can use (the tail kept for insertions left out)."""
    usable = source[: len(source) - reserved_tail(len(source))]
    return sum(len(p.encode()) + 2 for p in usable) / 1e6


def make_novels(sizes: list[str], out: Path, seed: int, reflow: bool, fetch: bool) -> None:
    """The novels' pairs, in ``out/<size>`` (where the benchmarks have always had them)."""
    source, parts = load_source(fetch=fetch)
    source_sha = hashlib.sha256("\n\n".join(source).encode()).hexdigest()
    if source_sha != EXPECTED_SOURCE_SHA256:
        print(
            f"note: source text checksum {source_sha[:16]}... differs from the one these\n"
            f"      benchmarks were made with ({EXPECTED_SOURCE_SHA256[:16]}...): different package version?",
            file=sys.stderr,
        )
    total = sum(len(p.encode()) + 2 for p in source)
    print(
        f"novels: {len(source)} prose paragraphs, {total / 1e6:.2f} MB "
        f"({', '.join(p['title'].split(', ')[1] for p in parts)})"
    )
    print(f"{'size':>5} {'left MB':>8} {'right MB':>8} {'L paras':>8} {'R paras':>8}  edits")
    description = {
        "description": "Project Gutenberg texts (public domain) from the R data sets of "
        "Debian packages " + ", ".join(DEB_PACKAGES),
        "parts": parts,
        "sha256": source_sha,
    }
    for label in sizes:
        print(write_pair(source, description, label, out / label, seed, reflow))


def make_kind(kind: str, sizes: list[str], out: Path, seed: int, reflow: bool) -> bool:
    """One other kind's pairs in ``out/<kind>/<size>``; sizes its source cannot fill are skipped.

    Returns False (after printing why) when the kind's source is not on this machine.
    """
    try:
        source, title = PROSE_KINDS[kind]()
    except SourceMissing as missing:
        print(f"{kind}: skipped: {missing}")
        return False
    sha = hashlib.sha256("\n\n".join(source).encode()).hexdigest()
    available = source_megabytes(source)
    print(f"{kind}: {title}: {len(source)} paragraphs, {available:.2f} MB usable")
    description = {"description": title, "sha256": sha}
    for label in sizes:
        if float(label) > available / 0.8:  # a pair of 80% of its size still shows the growth
            print(f"{label:>5} skipped: the source has {available:.2f} MB")
            continue
        print(write_pair(source, description, label, out / kind / label, seed, reflow))
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="0.1,1,5", help="LEFT sizes in MB (10^6 bytes), comma-separated")
    ap.add_argument(
        "--kinds",
        default="novels",
        help=f"kinds of prose, comma-separated, from {','.join(ALL_KINDS)} or 'all' (default novels)",
    )
    ap.add_argument("--seed", type=int, default=1, help="base seed (default 1)")
    ap.add_argument("--out", type=Path, default=DATA_DIR, help="output directory (default benchmarks/data)")
    ap.add_argument(
        "--reflow",
        action="store_true",
        help="re-wrap merged and split paragraphs at 70 columns (default: leave lines as they are)",
    )
    ap.add_argument("--no-fetch", action="store_true", help="do not run `apt-get download` if the source is missing")
    args = ap.parse_args(argv)
    try:
        sizes = [size_label(s) for s in args.sizes.split(",") if s.strip()]
    except (ValueError, argparse.ArgumentTypeError) as exc:
        ap.error(str(exc))
    kinds = list(ALL_KINDS) if args.kinds == "all" else [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = [kind for kind in kinds if kind not in ALL_KINDS]
    if unknown:
        ap.error(f"unknown kind {unknown[0]!r} (known: {', '.join(ALL_KINDS)})")

    if "novels" in kinds or ("repetitive" in kinds and not (args.out / "1" / "edits.json").is_file()):
        make_novels(sizes if "novels" in kinds else ["1"], args.out, args.seed, args.reflow, not args.no_fetch)
    for kind in kinds:
        if kind in PROSE_KINDS:
            make_kind(kind, sizes, args.out, args.seed, args.reflow)
    if "repetitive" in kinds:
        print(make_repetitive(args.out, base=args.out / "1"))
    if "repetitive-scripture" in kinds:
        if (
            not (args.out / "scripture" / "1" / "edits.json").is_file()
            and make_kind("scripture", ["1"], args.out, args.seed, args.reflow) is False
        ):
            print("repetitive-scripture: skipped: no 1 MB scripture pair")
        else:
            print(make_repetitive(args.out, base=args.out / "scripture" / "1", kind="repetitive-scripture"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
