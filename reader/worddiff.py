"""Word-level diffs of an aligned row: ops over words, punctuation and whitespace.

Ops rebuild both sides exactly: joining the texts of ``=`` and ``-`` ops gives the left text,
``=`` and ``+`` the right. With typography folding, tokens that differ only in quote style,
dash variant or whitespace run count as equal; such an op carries both texts,
``("=", left, right)``, so nothing is lost.

The diff runs on tokens with rapidfuzz (fast Indel opcodes), then diff-match-patch's
semantic cleanup merges confetti (``[-a-]{+b+} [-c-]{+d+}``) into phrase replacements.
Rapidfuzz's opcodes keep a bit matrix of ``len(left) * len(right) / 8`` bytes, so long texts
(a 1 MB paragraph: 13 GB) are first diffed by chunks of words whose boundaries depend on the
words themselves (they realign after an edit), then the chunks that differ word by word.

A change here that can change any comparison's rows must bump
:data:`reader.compare.ENGINE_VERSION`, so that cached comparisons are recomputed.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Hashable, Sequence

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Indel

from reader.text import WORD_RE, count_words, fold_typography, tokenize

Op = tuple[str, ...]
"""``("=", text)``, ``("-", text)``, ``("+", text)``, or ``("=", left, right)`` when folded."""

EQUAL, DELETE, INSERT = "=", "-", "+"

_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0

DIRECT_LIMIT = 25_000_000
"""Largest ``len(left) * len(right)`` (in tokens) diffed directly: a 3 MB bit matrix."""

EXACT_KEPT_LIMIT = 1_000_000_000
"""Largest ``len(left) * len(right)`` (in words) whose common words are counted exactly (0.2 s)."""

CLEANUP_WINDOW = 2_000
"""Diffs cleaned up together: the cleanup is quadratic in their number (a pathological 1 MB pair has 100,000)."""

Opcode = tuple[str, int, int, int, int]
"""``(tag, i1, i2, j1, j2)`` as rapidfuzz gives them: ``equal``, ``replace``, ``delete``, ``insert``."""


_FIRST_CODE = 0x100
"""The code of the first key (:func:`_encode`): past Latin-1, so no key is a control character."""

_CODES_BEFORE_SURROGATES = 0xD800 - _FIRST_CODE
"""How many keys get consecutive codes before the surrogate block, which codes skip."""


def _encode(keys: Sequence[Hashable], table: dict[Hashable, str]) -> str:
    """One character per key, the same for equal keys: new keys get the next code in the order
    they first appear (the Python loop runs over distinct keys only).

    The codes matter beyond equality: the semantic cleanup (:func:`_cleanup`) reads them as
    characters, so a key's code is always ``0x100`` plus the number of keys coded before it
    (past the surrogate block).
    """
    new = [key for key in dict.fromkeys(keys) if key not in table] if table else list(dict.fromkeys(keys))
    start = len(table)
    if start + len(new) <= _CODES_BEFORE_SURROGATES:  # all codes at once, in C
        table.update(zip(new, map(chr, range(_FIRST_CODE + start, _FIRST_CODE + start + len(new)))))
    else:
        for key in new:
            code = _FIRST_CODE + len(table)
            if code >= 0xD800:
                code += 0x800  # skip the surrogate block
            table[key] = chr(code)
    return "".join(map(table.__getitem__, keys))


def _chunks(keys: Sequence[str], size: int) -> list[tuple[int, int]]:
    """Cut ``keys`` into ``(start, end)`` runs, ending where the hash of the last three words is 0 mod ``size``."""
    spans, start, recent = [], 0, ("", "", "")
    for index, key in enumerate(keys):
        if not key[:1].isalnum():
            continue
        recent = (recent[1], recent[2], key)
        if zlib.crc32("\x00".join(recent).encode("utf-8", "surrogatepass")) % size == 0:
            spans.append((start, index + 1))
            start = index + 1
    if start < len(keys):
        spans.append((start, len(keys)))
    return spans


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix of two strings (a binary search of C comparisons)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the longest common suffix of two strings, at most ``limit``."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle :] == b[len(b) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low


def _opcodes(
    a: Sequence[str], b: Sequence[str], offset_a: int = 0, offset_b: int = 0, codes: tuple[str, str] | None = None
) -> list[Opcode]:
    """Opcodes turning token keys ``a`` into ``b``, in memory and time bounded by ``DIRECT_LIMIT``.

    Equal runs always hold equal keys. Beyond the limit, the keys are diffed as chunks and
    only differing chunks token by token (or piece by piece when no chunk is in common).
    ``codes`` are ``a`` and ``b`` already encoded with one table (:func:`_encode`), if at hand
    (else they are encoded here): the diff depends only on which keys are equal.
    """
    if codes is None:
        table: dict[Hashable, str] = {}
        codes = (_encode(a, table), _encode(b, table))
    prefix = _common_prefix(*codes)
    suffix = _common_suffix(*codes, min(len(a), len(b)) - prefix)
    result: list[Opcode] = []
    if prefix:
        result.append(("equal", offset_a, offset_a + prefix, offset_b, offset_b + prefix))
    middle_a, middle_b = a[prefix : len(a) - suffix], b[prefix : len(b) - suffix]
    start_a, start_b = offset_a + prefix, offset_b + prefix
    if len(middle_a) * len(middle_b) <= DIRECT_LIMIT:
        codes_a, codes_b = codes[0][prefix : len(a) - suffix], codes[1][prefix : len(b) - suffix]
        for op in Indel.opcodes(codes_a, codes_b):
            result.append(
                (op.tag, start_a + op.src_start, start_a + op.src_end, start_b + op.dest_start, start_b + op.dest_end)
            )
    else:
        result.extend(_chunked_opcodes(middle_a, middle_b, start_a, start_b))
    if suffix:
        end_a, end_b = offset_a + len(a), offset_b + len(b)
        result.append(("equal", end_a - suffix, end_a, end_b - suffix, end_b))
    return [op for op in result if op[1] < op[2] or op[3] < op[4]]


def _chunked_opcodes(a: Sequence[str], b: Sequence[str], offset_a: int, offset_b: int) -> list[Opcode]:
    """Opcodes of long key lists: chunks first, then the differing chunks key by key."""
    size = 8
    while True:  # chunk sizes grow until the chunk-level diff is small enough
        spans_a, spans_b = _chunks(a, size), _chunks(b, size)
        if len(spans_a) * len(spans_b) <= DIRECT_LIMIT:
            break
        size *= 4
    chunks_a = [tuple(a[s:e]) for s, e in spans_a]
    chunks_b = [tuple(b[s:e]) for s, e in spans_b]
    table: dict[Hashable, str] = {}
    chunk_ops = [
        (op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
        for op in Indel.opcodes(_encode(chunks_a, table), _encode(chunks_b, table))
    ]
    if all(tag != "equal" for tag, *_ in chunk_ops):
        return _positional_opcodes(a, b, offset_a, offset_b)
    result: list[Opcode] = []
    changed = [0, 0, 0, 0]  # the key ranges of a run of differing chunks: a1, a2, b1, b2

    def flush() -> None:
        a1, a2, b1, b2 = changed
        if a1 < a2 or b1 < b2:
            result.extend(_opcodes(a[a1:a2], b[b1:b2], offset_a + a1, offset_b + b1))

    for tag, i1, i2, j1, j2 in chunk_ops:
        a1, a2 = _key_range(spans_a, i1, i2, len(a))
        b1, b2 = _key_range(spans_b, j1, j2, len(b))
        if tag == "equal":
            flush()
            result.append(("equal", offset_a + a1, offset_a + a2, offset_b + b1, offset_b + b2))
            changed = [a2, a2, b2, b2]
        else:  # Indel gives a deletion and an insertion of one change as two ops: join them
            changed = [min(changed[0], a1), max(changed[1], a2), min(changed[2], b1), max(changed[3], b2)]
    flush()
    return result


def _key_range(spans: list[tuple[int, int]], first: int, last: int, length: int) -> tuple[int, int]:
    """The key range covered by chunks ``first`` to ``last`` (exclusive); empty ones at their place."""
    start = spans[first][0] if first < len(spans) else length
    return start, spans[last - 1][1] if last > first else start


def _positional_opcodes(a: Sequence[str], b: Sequence[str], offset_a: int, offset_b: int) -> list[Opcode]:
    """Opcodes of long key lists with no chunk in common: piece by piece, at the same relative places.

    Edits too dense for chunks to match (a word changed all through a long text) keep their
    word diff this way; unrelated texts get a valid, if arbitrary, one. Each pair of pieces is
    within ``DIRECT_LIMIT``.
    """
    pieces = max(2, math.ceil(math.sqrt(len(a) * len(b) / DIRECT_LIMIT)))
    result: list[Opcode] = []
    for piece in range(pieces):
        a1, a2 = len(a) * piece // pieces, len(a) * (piece + 1) // pieces
        b1, b2 = len(b) * piece // pieces, len(b) * (piece + 1) // pieces
        result.extend(_opcodes(a[a1:a2], b[b1:b2], offset_a + a1, offset_b + b1))
    return result


def _cleanup(diffs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """diff-match-patch's semantic cleanup, kept linear on long diffs.

    The cleanup is quadratic in the number of diffs; beyond ``CLEANUP_WINDOW`` of them a
    linear pass of its rule comes first, then the cleanup runs window by window.
    """
    if len(diffs) <= CLEANUP_WINDOW:
        _DMP.diff_cleanupSemantic(diffs)
        return diffs
    diffs = _absorb_short_equalities(diffs)
    cleaned: list[tuple[int, str]] = []
    for start in range(0, len(diffs), CLEANUP_WINDOW):
        window = diffs[start : start + CLEANUP_WINDOW]
        _DMP.diff_cleanupSemantic(window)
        cleaned.extend(window)
    return cleaned


class _Block:
    """An equality (``equal`` set) or an edit (deleted and inserted pieces, with their lengths)."""

    def __init__(self, equal: str | None = None) -> None:
        self.equal = equal
        self.pieces: tuple[list[str], list[str]] = ([], [])
        self.lengths = [0, 0]

    def add(self, side: int, text: str) -> None:
        """Append ``text`` to the deleted (0) or inserted (1) side."""
        self.pieces[side].append(text)
        self.lengths[side] += len(text)


def _absorb_short_equalities(diffs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """One forward pass of the semantic rule, in linear time.

    An equality no longer than the edits on each side of it joins them (as deleted and as
    inserted text), so confetti becomes blocks.
    """
    blocks: list[_Block] = []
    for operation, text in diffs:
        if operation == 0:
            blocks.append(_Block(text))
            continue
        if not blocks or blocks[-1].equal is not None:
            blocks.append(_Block())
        blocks[-1].add(0 if operation < 0 else 1, text)
        if len(blocks) >= 3 and blocks[-2].equal is not None and blocks[-3].equal is None:
            before, after, equal = blocks[-3], blocks[-1], blocks[-2].equal
            if len(equal) <= max(before.lengths) and len(equal) <= max(after.lengths):
                for side in (0, 1):
                    before.add(side, equal)
                    for piece in after.pieces[side]:
                        before.add(side, piece)
                del blocks[-2:]
    result: list[tuple[int, str]] = []
    for block in blocks:
        if block.equal is not None:
            result.append((0, block.equal))
        else:
            for side, operation in ((0, -1), (1, 1)):
                if block.lengths[side]:
                    result.append((operation, "".join(block.pieces[side])))
    return result


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


def _middle_opcodes(left_middle: list[str], right_middle: list[str]) -> list[Opcode] | None:
    """The opcodes of two texts' middles (between :func:`_shared_ends`), which shifted past
    the shared head are those of the whole texts; ``None`` when they may not be.

    Opcodes depend only on which tokens are equal, so the middles' own codes do. The whole
    texts' common prefix is the head and the middles' common prefix, unless one middle is a
    prefix of the other (then it may run on into the tail): ``None``. Their common suffix is
    the tail and the middles' common suffix (:func:`_opcodes` bounds it by the prefix).
    """
    table: dict[Hashable, str] = {}
    codes = _encode(left_middle, table), _encode(right_middle, table)
    if _common_prefix(*codes) == min(len(left_middle), len(right_middle)):
        return None
    return _opcodes(left_middle, right_middle, codes=codes)


def _whole_opcodes(middle: list[Opcode], head: int, tail: int, lengths: tuple[int, int]) -> list[Opcode]:
    """The whole texts' opcodes from their middles' (:func:`_middle_opcodes`), between a shared
    head of ``head`` tokens and tail of ``tail`` tokens (middles of ``lengths`` tokens)."""
    result: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    for tag, i1, i2, j1, j2 in middle:
        if tag == "equal" and result and result[-1][0] == "equal":
            result[-1] = ("equal", 0, head + i2, 0, head + j2)  # the middles' common prefix
        else:
            result.append((tag, head + i1, head + i2, head + j1, head + j2))
    if tail:
        end_a, end_b = head + lengths[0], head + lengths[1]
        if result[-1][0] == "equal":  # the middles' common suffix
            result[-1] = ("equal", result[-1][1], end_a + tail, result[-1][3], end_b + tail)
        else:
            result.append(("equal", end_a, end_a + tail, end_b, end_b + tail))
    return result


def _one_edit(
    left: str, right: str, ends: tuple[int, int], middles: tuple[list[str], list[str]], opcodes: list[Opcode]
) -> tuple[Op, ...] | None:
    """:func:`diff_words` (without folding) of two texts that differ in one place, from their
    middles' tokens and opcodes (``ends``: :func:`_shared_ends`; :func:`_middle_opcodes`);
    ``None`` for other texts.

    Most edited rows change one word or phrase. Their token diff is one run of edits between
    two equalities, and diff-match-patch's semantic cleanup leaves such a diff as it is
    unless a deletion comes right before an insertion (its overlap rule) or a lone edit can
    slide (its last token is the last of the equality before it, or its first token the
    first of the equality after). Every other diff takes the general path, which codes and
    cleans up all the tokens.
    """
    left_middle, right_middle = middles
    edits = [index for index, op in enumerate(opcodes) if op[0] != "equal"]
    if not edits or edits[-1] - edits[0] + 1 != len(edits):
        return None  # an equality between edits
    pieces: list[Op] = []
    for _, i1, i2, j1, j2 in opcodes[edits[0] : edits[-1] + 1]:
        if i2 > i1:
            pieces.append((DELETE, "".join(left_middle[i1:i2])))
        if j2 > j1:
            if pieces and pieces[-1][0] == DELETE:
                return None  # a deletion right before an insertion: the overlap rule may apply
            pieces.append((INSERT, "".join(right_middle[j1:j2])))
    start, end = ends
    block, after_block = opcodes[edits[0]][1], opcodes[edits[-1]][2]
    before = left[:start] + "".join(left_middle[:block])  # the equality before the edits
    after = "".join(left_middle[after_block:]) + left[len(left) - end :]  # and after them
    if len(pieces) == 1 and before and after:  # a lone edit between equalities: can it slide?
        _, i1, i2, j1, j2 = opcodes[edits[0]]
        edit = left_middle[i1:i2] if pieces[0][0] == DELETE else right_middle[j1:j2]
        if block:
            last_before = left_middle[block - 1]
        else:  # the shared start ends in a run of non-spaces: its last token is the run's
            last_before = tokenize(left[:start].rsplit(None, 1)[-1])[-1]
        if after_block < len(left_middle):
            first_after = left_middle[after_block]
        else:  # the shared end starts with a run of spaces: one token
            tail = left[len(left) - end :]
            first_after = tail[: len(tail) - len(tail.lstrip())]
        if edit[-1] == last_before or edit[0] == first_after:
            return None
    return _merge([(EQUAL, before), *pieces, (EQUAL, after)])


def diff_words(left: str, right: str, *, fold: bool = False) -> tuple[Op, ...]:
    """Diff two texts by words; return ops that rebuild both exactly.

    >>> diff_words("Kerry met Wang on Monday.", "Kerry met Wang Yi on Tuesday.")
    (('=', 'Kerry met Wang '), ('+', 'Yi '), ('=', 'on '), ('-', 'Monday'), ('+', 'Tuesday'), ('=', '.'))
    >>> diff_words("“Hi”  there", '"Hi" there', fold=True)
    (('=', '“', '"'), ('=', 'Hi'), ('=', '”', '"'), ('=', '  ', ' '), ('=', 'there'))
    """
    if left == right:
        return ((EQUAL, left),) if left else ()
    # The two texts' shared start and end are tokenized and coded once: the same tokens
    # and codes, in the same order, as tokenizing and coding each whole text.
    start, end = _shared_ends(left, right)
    left_middle, right_middle = tokenize(left[start : len(left) - end]), tokenize(right[start : len(right) - end])
    # One place changed in a long text: its middles are short, and worth diffing apart first.
    one_place = not fold and 4 * (len(left) + len(right) - 2 * (start + end)) <= len(left) + len(right)
    middle_opcodes = _middle_opcodes(left_middle, right_middle) if one_place else None
    if middle_opcodes is not None:
        edited = _one_edit(left, right, (start, end), (left_middle, right_middle), middle_opcodes)
        if edited is not None:
            return edited
    head, tail = tokenize(left[:start]), tokenize(left[len(left) - end :])
    left_tokens = head + left_middle + tail
    right_tokens = head + right_middle + tail
    if fold:
        left_keys = [fold_typography(token) for token in left_tokens]
        right_middle_keys = [fold_typography(token) for token in right_middle]
        right_keys = left_keys[: len(head)] + right_middle_keys + left_keys[len(left_keys) - len(tail) :]
    else:
        left_keys, right_keys, right_middle_keys = left_tokens, right_tokens, right_middle
    table: dict[Hashable, str] = {}
    left_code = _encode(left_keys, table)
    # Every key of the head and tail is in the table once the left side is coded, so the
    # right side's new keys come from its middle, in the order _encode(right_keys) meets them.
    right_code = left_code[: len(head)] + _encode(right_middle_keys, table) + left_code[len(left_code) - len(tail) :]
    diffs: list[tuple[int, str]] = []
    if middle_opcodes is None:
        opcodes = _opcodes(left_keys, right_keys, codes=(left_code, right_code))
    else:
        opcodes = _whole_opcodes(middle_opcodes, len(head), len(tail), (len(left_middle), len(right_middle)))
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            diffs.append((0, left_code[i1:i2]))
        else:
            if i2 > i1:
                diffs.append((-1, left_code[i1:i2]))
            if j2 > j1:
                diffs.append((1, right_code[j1:j2]))
    diffs = _cleanup(diffs)

    ops: list[Op] = []
    i = j = 0
    for operation, chunk in diffs:
        count = len(chunk)
        if operation == 0:
            if not fold:  # equal keys are equal tokens: one op for the run (what _merge would make of it)
                ops.append((EQUAL, "".join(left_tokens[i : i + count])))
            else:
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
        count = count_words(op[1])
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
    lightly edited paragraph scores high. Exact up to ``EXACT_KEPT_LIMIT``; beyond it (texts
    of some 30,000 words each) the words kept by the chunked diff, a close lower bound.

    >>> kept_words("Kerry met Wang on Monday", "Kerry met Wang Yi on Tuesday")
    (4, 11)
    """
    if left == right:  # most rows of a long pair: every word is kept
        count = count_words(left)
        return count, 2 * count
    # Words the two texts share at their start and end are kept (a longest common subsequence
    # of two sequences holds their common prefix and suffix): only the middles are compared.
    start, end = _shared_ends(left, right)
    shared = count_words(left[:start]) + count_words(left[len(left) - end :])
    left_words, right_words = _lower_words(left[start : len(left) - end]), _lower_words(right[start : len(right) - end])
    if (len(left_words) + shared) * (len(right_words) + shared) > EXACT_KEPT_LIMIT:
        left_words, right_words, shared = _lower_words(left), _lower_words(right), 0
    if fold:
        left_words = [fold_typography(w) for w in left_words]
        right_words = [fold_typography(w) for w in right_words]
    total = len(left_words) + len(right_words) + 2 * shared
    if len(left_words) * len(right_words) > EXACT_KEPT_LIMIT:
        return sum(i2 - i1 for tag, i1, i2, _, _ in _opcodes(left_words, right_words) if tag == "equal"), total
    table: dict[Hashable, str] = {}  # one character per word: far faster than lists of str
    distance = Indel.distance(_encode(left_words, table), _encode(right_words, table))
    return (total - distance) // 2, total


_NON_SPACE_THEN_SPACE_RE = re.compile(r"\S\s")


def _shared_ends(left: str, right: str) -> tuple[int, int]:
    """How many characters the two texts share at their start and at their end, each cut
    where a non-space meets a space (the two shares never overlap).

    Neither a token (:func:`reader.text.tokenize`) nor a word crosses such a cut, so the
    tokens of a text are those of its start, middle and end, each tokenized alone.

    >>> _shared_ends("Kerry met Wang on Monday.", "Kerry met Wang Yi on Monday.")
    (14, 8)
    """
    common = _common_prefix(left, right)
    start = max(left.rfind(" ", 1, common), 0)
    if start and left[start - 1].isspace():
        start = len(left[:start].rstrip())  # the start of the run of spaces
    shared = _common_suffix(left, right, min(len(left), len(right)) - start)
    match = _NON_SPACE_THEN_SPACE_RE.search(left, len(left) - shared)
    return start, (len(left) - match.start() - 1 if match else 0)


def _lower_words(text: str) -> list[str]:
    """The words of a text, lower-cased (ASCII text is lower-cased whole: the same words, in C)."""
    if text.isascii():
        return WORD_RE.findall(text.lower())
    return [word.lower() for word in WORD_RE.findall(text)]


def kept_share(left: str, right: str, *, fold: bool = False) -> float:
    """Share of the two texts' words kept in order, ``2 * common / total`` (1.0 without words).

    Identical texts keep every word, so most rows of a long pair are not counted at all.

    >>> kept_share("Kerry met Wang on Monday", "Kerry met Wang Yi on Tuesday")
    0.7272727272727273
    """
    if left == right:
        return 1.0
    common, total = kept_words(left, right, fold=fold)
    return 2 * common / total if total else 1.0
