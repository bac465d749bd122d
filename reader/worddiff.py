"""Word-level diffs of an aligned row: ops over words, punctuation and whitespace.

Ops rebuild both sides exactly: joining the texts of ``=`` and ``-`` ops gives the left text,
``=`` and ``+`` the right. With typography folding, tokens that differ only in quote style,
dash variant or whitespace run count as equal; such an op carries both texts,
``("=", left, right)``, so nothing is lost.

The diff runs on tokens with rapidfuzz (fast Indel opcodes), then diff-match-patch's
semantic cleanup merges confetti (``[-a-]{+b+} [-c-]{+d+}``) into phrase replacements.

A change here that can change any comparison's rows must bump
:data:`reader.compare.ENGINE_VERSION`, so that cached comparisons are recomputed.
"""

from __future__ import annotations

from collections.abc import Sequence

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Indel

from reader.text import WORD_RE, fold_typography, tokenize

Op = tuple[str, ...]
"""``("=", text)``, ``("-", text)``, ``("+", text)``, or ``("=", left, right)`` when folded."""

EQUAL, DELETE, INSERT = "=", "-", "+"

_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0


def _encode(keys: Sequence[str], table: dict[str, str]) -> str:
    chars = []
    for key in keys:
        char = table.get(key)
        if char is None:
            code = 0x100 + len(table)
            if code >= 0xD800:
                code += 0x800  # skip the surrogate block
            char = table[key] = chr(code)
        chars.append(char)
    return "".join(chars)


def _merge(ops: list[Op]) -> tuple[Op, ...]:
    merged: list[Op] = []
    for op in ops:
        if merged and merged[-1][0] == op[0] and len(op) == 2 and len(merged[-1]) == 2:
            merged[-1] = (op[0], merged[-1][1] + op[1])
        elif op[1] or (len(op) == 3 and op[2]):
            merged.append(op)
    # Deletions before insertions inside each run of changes reads best: [-old-]{+new+}.
    result: list[Op] = []
    run: list[Op] = []
    for op in merged + [("=", "")]:
        if op[0] == EQUAL:
            result.extend(sorted(run, key=lambda item: item[0] != DELETE))
            run = []
            if op[1] or len(op) == 3:
                result.append(op)
        else:
            run.append(op)
    return tuple(_join_runs(result))


def _join_runs(ops: list[Op]) -> list[Op]:
    joined: list[Op] = []
    for op in ops:
        if joined and joined[-1][0] == op[0] != EQUAL:
            joined[-1] = (op[0], joined[-1][1] + op[1])
        else:
            joined.append(op)
    return joined


def diff_words(left: str, right: str, *, fold: bool = False) -> tuple[Op, ...]:
    """Diff two texts by words; return ops that rebuild both exactly.

    >>> diff_words("Kerry met Wang on Monday.", "Kerry met Wang Yi on Tuesday.")
    (('=', 'Kerry met Wang '), ('+', 'Yi '), ('=', 'on '), ('-', 'Monday'), ('+', 'Tuesday'), ('=', '.'))
    >>> diff_words("“Hi”  there", '"Hi" there', fold=True)
    (('=', '“', '"'), ('=', 'Hi'), ('=', '”', '"'), ('=', '  ', ' '), ('=', 'there'))
    """
    if left == right:
        return ((EQUAL, left),) if left else ()
    left_tokens, right_tokens = tokenize(left), tokenize(right)
    if fold:
        left_keys = [fold_typography(token) for token in left_tokens]
        right_keys = [fold_typography(token) for token in right_tokens]
    else:
        left_keys, right_keys = left_tokens, right_tokens
    table: dict[str, str] = {}
    left_code, right_code = _encode(left_keys, table), _encode(right_keys, table)
    diffs: list[tuple[int, str]] = []
    for opcode in Indel.opcodes(left_code, right_code):
        i1, i2, j1, j2 = opcode.src_start, opcode.src_end, opcode.dest_start, opcode.dest_end
        if opcode.tag == "equal":
            diffs.append((0, left_code[i1:i2]))
        else:
            if i2 > i1:
                diffs.append((-1, left_code[i1:i2]))
            if j2 > j1:
                diffs.append((1, right_code[j1:j2]))
    _DMP.diff_cleanupSemantic(diffs)

    ops: list[Op] = []
    i = j = 0
    for operation, chunk in diffs:
        count = len(chunk)
        if operation == 0:
            for offset in range(count):
                a, b = left_tokens[i + offset], right_tokens[j + offset]
                ops.append((EQUAL, a) if a == b else (EQUAL, a, b))
            i += count
            j += count
        elif operation < 0:
            ops.append((DELETE, "".join(left_tokens[i : i + count])))
            i += count
        else:
            ops.append((INSERT, "".join(right_tokens[j : j + count])))
            j += count
    return _merge(ops)


def rebuild(ops: Sequence[Op], side: str) -> str:
    """Rebuild the ``"left"`` or ``"right"`` text from ops.

    >>> ops = diff_words("a b c", "a x c")
    >>> rebuild(ops, "left"), rebuild(ops, "right")
    ('a b c', 'a x c')
    """
    keep = DELETE if side == "left" else INSERT
    pieces = []
    for op in ops:
        if op[0] == EQUAL:
            pieces.append(op[2] if side == "right" and len(op) == 3 else op[1])
        elif op[0] == keep:
            pieces.append(op[1])
    return "".join(pieces)


def word_counts(ops: Sequence[Op]) -> tuple[int, int, int]:
    """Count words kept, dropped and added by ops: ``(equal, dropped, added)``."""
    equal = dropped = added = 0
    for op in ops:
        count = len(WORD_RE.findall(op[1]))
        if op[0] == EQUAL:
            equal += count
        elif op[0] == DELETE:
            dropped += count
        else:
            added += count
    return equal, dropped, added


def kept_words(left: str, right: str, *, fold: bool = False) -> tuple[int, int]:
    """Words the two texts share in order, and their total: ``(common, left + right)``.

    Measured on the raw word sequences (before the readability cleanup of the ops), so a
    lightly edited paragraph scores high.

    >>> kept_words("Kerry met Wang on Monday", "Kerry met Wang Yi on Tuesday")
    (4, 11)
    """
    if left == right:  # most rows of a long pair: every word is kept
        count = len(WORD_RE.findall(left))
        return count, 2 * count
    left_words = [w.lower() for w in WORD_RE.findall(left)]
    right_words = [w.lower() for w in WORD_RE.findall(right)]
    if fold:
        left_words = [fold_typography(w) for w in left_words]
        right_words = [fold_typography(w) for w in right_words]
    total = len(left_words) + len(right_words)
    distance = Indel.distance(left_words, right_words)
    return (total - distance) // 2, total
