"""The comparison cache: hits equal fresh results, misses on any change, damage is survived."""

from __future__ import annotations

import dataclasses
import itertools
import json
import sqlite3
import threading
import types
import zlib
from pathlib import Path

import pytest
from hypothesis import given

import reader.compare
from reader import cache
from reader.align import Options
from reader.cache import ComparisonCache, cache_key, cached_compare, decode_rows, encode_rows
from reader.cli import main
from reader.compare import compare
from reader.corpus import Document, document_from_text

from .conftest import SEEDS
from .test_properties import document_pairs, props


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("READER_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def align_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the aligner's calls (one entry per call)."""
    calls: list[int] = []
    real_align = reader.compare.align

    def counting_align(*args, **kwargs):
        calls.append(1)
        return real_align(*args, **kwargs)

    monkeypatch.setattr(reader.compare, "align", counting_align)
    return calls


def _database(folder: Path) -> Path:
    return folder / cache.DATABASE_NAME


def _edited(document: Document) -> Document:
    """The document with one character of its last paragraph changed."""
    last = document.paragraphs[-1]
    paragraphs = (*document.paragraphs[:-1], dataclasses.replace(last, text=last.text[:-1] + "#"))
    return dataclasses.replace(document, paragraphs=paragraphs)


def test_a_hit_equals_a_fresh_comparison_and_does_not_align(seed_docs, cache_folder, monkeypatch):
    left, right = seed_docs["000"], seed_docs["002"]
    first = cached_compare(left, right)
    assert _database(cache_folder).is_file()

    def no_align(*args, **kwargs):
        raise AssertionError("a cache hit must not align")

    monkeypatch.setattr(reader.compare, "align", no_align)
    again = cached_compare(left, right)
    assert again == first
    monkeypatch.undo()
    assert again == compare(left, right)


def test_every_seed_pair_round_trips_through_an_entry(seed_docs):
    for (_, left), (_, right) in itertools.permutations(sorted(seed_docs.items()), 2):
        for fold in (False, True):
            rows = compare(left, right, fold_typography=fold).rows
            assert decode_rows(encode_rows(rows), left, right) == rows


@props(100)
@given(document_pairs())
def test_any_comparison_round_trips_through_an_entry(pair):
    left, right = (document_from_text(text) for text in pair)
    for fold in (False, True):
        rows = compare(left, right, fold_typography=fold).rows
        assert decode_rows(encode_rows(rows), left, right) == rows


@pytest.mark.parametrize("change", ["fold", "options", "engine", "text", "boilerplate", "title", "sides"])
def test_anything_the_rows_depend_on_changes_the_key(seed_docs, monkeypatch, change):
    left, right = seed_docs["000"], seed_docs["001"]
    base = cache_key(left, right, fold_typography=False, options=Options())
    fold, options = False, Options()
    if change == "fold":
        fold = True
    elif change == "options":
        options = Options(link=0.11)
    elif change == "engine":
        monkeypatch.setattr(cache, "ENGINE_VERSION", reader.compare.ENGINE_VERSION + 1)
    elif change == "text":
        right = _edited(right)
    elif change == "boilerplate":
        first = right.paragraphs[0]
        tagged = (dataclasses.replace(first, boilerplate="test"), *right.paragraphs[1:])
        right = dataclasses.replace(right, paragraphs=tagged)
    elif change == "title":
        right = dataclasses.replace(right, title="Another headline")
    else:
        left, right = right, left
    assert cache_key(left, right, fold_typography=fold, options=options) != base


def test_a_change_of_text_or_settings_misses(seed_docs, cache_folder, align_calls):
    left, right = seed_docs["003"], seed_docs["004"]
    cached_compare(left, right)
    cached_compare(left, right)
    assert len(align_calls) == 1
    folded = cached_compare(left, right, fold_typography=True)
    assert len(align_calls) == 2
    cached_compare(left, right, options=Options(move=0.4))
    assert len(align_calls) == 3
    edited = _edited(right)
    assert cached_compare(left, edited) == compare(left, edited)
    assert len(align_calls) == 5  # the miss, then the fresh comparison
    assert folded == compare(left, right, fold_typography=True)


def test_no_cache_neither_reads_nor_writes(seed_docs, cache_folder, monkeypatch):
    left, right = seed_docs["000"], seed_docs["001"]
    assert cached_compare(left, right, use_cache=False) == compare(left, right)
    monkeypatch.setenv("READER_NO_CACHE", "1")
    cached_compare(left, right)
    assert not cache_folder.exists()


def test_cli_no_cache_leaves_no_database(cache_folder, capsys):
    files = [str(SEEDS / name) for name in sorted(p.name for p in SEEDS.glob("*.txt"))[:2]]
    assert main(["diff", *files, "--format", "json", "--no-cache"]) == 1
    assert not cache_folder.exists()
    uncached = capsys.readouterr().out
    assert main(["diff", *files, "--format", "json"]) == 1
    assert _database(cache_folder).is_file()
    assert main(["diff", *files, "--format", "json"]) == 1
    assert capsys.readouterr().out == uncached * 2


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_damaged_database_is_rebuilt(seed_docs, cache_folder, align_calls, damage):
    left, right = seed_docs["000"], seed_docs["001"]
    expected = cached_compare(left, right)
    database = _database(cache_folder)
    _checkpoint(database)
    data = database.read_bytes()
    if damage == "garbage":
        database.write_bytes(b"this is not a database " * 500)
    elif damage == "truncated":
        database.write_bytes(data[: len(data) // 2])
    else:
        database.write_bytes(b"")
    assert cached_compare(left, right) == expected
    assert cached_compare(left, right) == expected
    assert len(align_calls) == 2  # the first call after the damage recomputes; the next hits


def _checkpoint(database: Path) -> None:
    """Move the write-ahead log into the database file, so that damaging the file counts."""
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def _rewrite_entry(database: Path, change) -> None:
    with sqlite3.connect(database) as db:
        key, payload = db.execute("SELECT key, payload FROM entries").fetchone()
        db.execute("UPDATE entries SET payload = ? WHERE key = ?", (change(payload), key))
    db.close()


def _tamper_rows(change):
    def rewrite(payload: bytes) -> bytes:
        entry = json.loads(zlib.decompress(payload))
        change(entry["rows"])
        return zlib.compress(json.dumps(entry).encode())

    return rewrite


def _repeat_index(rows):
    rows[1][1] = rows[0][1]


def _drop_row(rows):
    del rows[-1]


def _lengthen_op(rows):
    rows[0][6][0][1] += 1


def _bad_kind(rows):
    rows[0][0] = "unknown"


def _shift_equal(rows):
    """Move text from one equal op to the next: the lengths still add up, the texts differ."""
    for row in rows:
        equals = [op for op in row[6] if op[0] == "=" and len(op) == 2]
        if row[0] in ("changed", "reworded", "moved") and len(equals) >= 2:
            equals[0][1] += 1
            equals[1][1] -= 1
            return
    raise AssertionError("no row with two equal ops")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda payload: b"not zlib",
        lambda payload: zlib.compress(b"{not json"),
        lambda payload: zlib.compress(b'{"rows": []}'),
        lambda payload: payload[:-3],
        _tamper_rows(_repeat_index),
        _tamper_rows(_drop_row),
        _tamper_rows(_lengthen_op),
        _tamper_rows(_bad_kind),
        _tamper_rows(_shift_equal),
    ],
    ids=[
        "not-zlib",
        "not-json",
        "not-rows",
        "cut",
        "repeated-index",
        "missing-row",
        "long-op",
        "bad-kind",
        "shifted-equal",
    ],
)
def test_a_tampered_entry_misses_and_is_replaced(seed_docs, cache_folder, align_calls, tamper):
    left, right = seed_docs["000"], seed_docs["001"]
    expected = cached_compare(left, right)
    _rewrite_entry(_database(cache_folder), tamper)
    assert cached_compare(left, right) == expected
    assert cached_compare(left, right) == expected
    assert len(align_calls) == 2


def _tamper_links(change):
    def rewrite(payload: bytes) -> bytes:
        entry = json.loads(zlib.decompress(payload))
        change(entry["links"])
        return zlib.compress(json.dumps(entry).encode())

    return rewrite


def _link_far_out(links):
    links[0][6] = 10**6


def _link_bad_kind(links):
    links[0][2] = "teleported"


def _link_bad_paragraph(links):
    links[0][0] = -1


def test_links_are_cached_and_restored(seed_docs, cache_folder, align_calls):
    left, right = seed_docs["001"], seed_docs["002"]
    expected = compare(left, right)
    assert expected.links, "this seed pair has a sentence across rows"
    assert cached_compare(left, right).links == expected.links
    assert cached_compare(left, right).links == expected.links
    assert len(align_calls) == 2  # compare's own, then the cache's first; the second hits


@pytest.mark.parametrize(
    "tamper", [_link_far_out, _link_bad_kind, _link_bad_paragraph, lambda links: links.append([0])]
)
def test_a_tampered_link_misses_and_is_replaced(seed_docs, cache_folder, align_calls, tamper):
    left, right = seed_docs["001"], seed_docs["002"]
    expected = cached_compare(left, right)
    _rewrite_entry(_database(cache_folder), _tamper_links(tamper))
    assert cached_compare(left, right) == expected
    assert cached_compare(left, right) == expected
    assert len(align_calls) == 2


def test_another_schema_version_is_reset(seed_docs, cache_folder, align_calls):
    left, right = seed_docs["000"], seed_docs["001"]
    cached_compare(left, right)
    with sqlite3.connect(_database(cache_folder)) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    cached_compare(left, right)
    cached_compare(left, right)
    assert len(align_calls) == 2


def test_an_unusable_folder_just_turns_the_cache_off(seed_docs, tmp_path, monkeypatch, align_calls):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("READER_CACHE_DIR", str(blocker / "cache"))
    left, right = seed_docs["000"], seed_docs["001"]
    assert cached_compare(left, right) == compare(left, right)
    assert cached_compare(left, right) == compare(left, right)
    assert len(align_calls) == 4


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("READER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "reader"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "reader"
    monkeypatch.setattr(cache.os.path, "expanduser", lambda path: path)  # no home at all
    assert cache.cache_dir() is None


def test_the_size_bound_evicts_the_least_recently_used(seed_docs, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "time", types.SimpleNamespace(time=itertools.count(1).__next__))
    pairs = [("000", "001"), ("000", "002"), ("001", "002")]
    comparisons = [compare(seed_docs[a], seed_docs[b]) for a, b in pairs]
    keys = [cache_key(c.left, c.right, fold_typography=False, options=Options()) for c in comparisons]
    sizes = [len(encode_rows(c.rows)) for c in comparisons]
    store = ComparisonCache(tmp_path / "bounded.sqlite3", max_bytes=sizes[0] + max(sizes[1], sizes[2]))

    def present() -> list[bool]:
        return [store.get(k, c.left, c.right, fold_typography=False) is not None for k, c in zip(keys, comparisons)]

    store.put(keys[0], comparisons[0])
    store.put(keys[1], comparisons[1])
    assert store.get(keys[0], comparisons[0].left, comparisons[0].right, fold_typography=False) == comparisons[0]
    store.put(keys[2], comparisons[2])
    assert present() == [True, False, True]


def test_concurrent_users_of_one_cache_all_get_the_right_answer(seed_docs, cache_folder):
    left, right = seed_docs["000"], seed_docs["002"]
    expected = compare(left, right)
    results: list[object] = []

    def work() -> None:
        for _ in range(3):
            results.append(cached_compare(left, right) == expected)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 12
