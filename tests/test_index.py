"""The corpus index: families on a small generated corpus, incremental updates, interrupted
runs, the command line, and the same families on a local cluster and on a real scheduler with
two worker processes.

Most tests run on one in-process Dask cluster (threads, started once); one test starts a local
cluster of processes and one a real ``dask scheduler`` and two ``dask worker`` processes.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from reader import index as index_module
from reader.cli import main
from reader.index import (
    IndexUnusable,
    build_index,
    dask_client,
    default_index_path,
    families_json,
    pairs_of,
    read_families,
    scan_folder,
)

FAMILY_SIZES = (4, 3, 2, 3)
"""Seeded families of the test corpus (their members share story text)."""
LONE = 5
"""Stories alone (same topic words as the families, different text)."""


def _vocabulary(rng: random.Random) -> list[str]:
    letters = "bcdfghklmnprstvz"
    vowels = "aeiou"
    return sorted(
        {"".join(rng.choice(letters) + rng.choice(vowels) for _ in range(rng.randint(2, 4))) for _ in range(4000)}
    )


def _story(rng: random.Random, vocabulary: list[str], topic: list[str]) -> list[str]:
    paragraphs = []
    for _ in range(6):
        words = [rng.choice(vocabulary) for _ in range(45)]
        words[rng.randrange(45)] = rng.choice(topic)
        paragraphs.append(" ".join(words).capitalize() + ".")
    return paragraphs


def _edit(rng: random.Random, vocabulary: list[str], paragraphs: list[str], rate: float) -> list[str]:
    result = []
    for paragraph in paragraphs:
        words = paragraph.split()
        for _ in range(int(len(words) * rate)):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        result.append(" ".join(words))
    return result


def write_corpus(folder: Path, seed: int = 7) -> dict[str, int]:
    """Write the test corpus; return each file's story (the truth)."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    topic = rng.sample(vocabulary, 3)
    truth: dict[str, int] = {}
    folder.mkdir(parents=True, exist_ok=True)

    def write(name: str, story: int, title: str, body: list[str], day: int, cruft: bool) -> None:
        lines = [title, f"Published: March {day}, 2024", *body]
        if cruft:
            lines += ["Subscribe to our newsletter for the latest news", "Copyright 2024 The Herald"]
        (folder / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        truth[name] = story

    story = 0
    for size in FAMILY_SIZES:
        body = _story(rng, vocabulary, topic)
        title = f"{topic[0].title()} story {story} told"
        write(f"f{story}_0.txt", story, title, body, 3, False)
        for member in range(1, size):
            if member == 2:  # condensed: half the paragraphs, lightly edited
                variant = _edit(rng, vocabulary, body[:1] + body[2::2], 1 / 25)
            else:
                variant = _edit(rng, vocabulary, body, 1 / 10)
            write(f"f{story}_{member}.txt", story, title, variant, 3 + member, member % 2 == 1)
        story += 1
    for _ in range(LONE):
        write(
            f"lone{story}.txt",
            story,
            f"{topic[0].title()} other story {story}",
            _story(rng, vocabulary, topic),
            9,
            True,
        )
        story += 1
    return truth


def expected_pairs(truth: dict[str, int]) -> set[tuple[str, str]]:
    return {(a, b) for a in truth for b in truth if a < b and truth[a] == truth[b]}


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """One in-process Dask cluster (threads) for the module: the same code path, no start-up cost."""
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0") as cluster:
        with Client(cluster) as dask:
            yield dask


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    folder = tmp_path / "corpus"
    return folder, write_corpus(folder)


def test_families_match_the_seeded_stories(corpus, client, tmp_path):
    folder, truth = corpus
    index = tmp_path / "index.sqlite3"
    report = build_index(folder, index, lambda: client)
    assert (report.documents, report.added, report.unreadable) == (len(truth), len(truth), 0)
    families = read_families(index)
    assert pairs_of(families) == expected_pairs(truth)
    assert len(families.singletons) == LONE
    for family in families.families:
        assert family.original is not None and family.original in family.members
        assert family.original.name.endswith("_0.txt")  # the one the others derive from
        assert family.first_date == "2024-03-03" and family.last_date is not None
        assert {r["document"] for r in family.relations} == {d.name for d in family.members}
        assert all(r["neighbour"] in {d.name for d in family.members} for r in family.relations)
        assert all(
            r["kind"] in ("near-copy", "rewrite", "source", "independent", "unrelated") for r in family.relations
        )


def test_families_json_format(corpus, client, tmp_path):
    folder, truth = corpus
    index = tmp_path / "index.sqlite3"
    build_index(folder, index, lambda: client)
    payload = json.loads(families_json(read_families(index), "corpus"))
    assert payload["format"] == "reader.families/1"
    assert sorted(len(f["documents"]) for f in payload["families"]) == sorted(FAMILY_SIZES)
    for family in payload["families"]:
        assert family["original"] in family["documents"]
        assert all(path.startswith("corpus/") for path in family["documents"])
        assert {r["document"] for r in family["relations"]} == set(family["documents"])
    listed = [p for f in payload["families"] for p in f["documents"]] + payload["singletons"]
    assert sorted(listed) == sorted(f"corpus/{name}" for name in truth)


def test_the_folder_is_only_read(corpus, client, tmp_path):
    folder, _ = corpus
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    build_index(folder, tmp_path / "index.sqlite3", lambda: client)
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before


def test_an_index_inside_the_folder_is_not_a_document(corpus, client):
    folder, truth = corpus
    report = build_index(folder, folder / "index.sqlite3", lambda: client)
    assert report.documents == len(truth)
    assert build_index(folder, folder / "index.sqlite3", lambda: client).added == 0


def test_default_index_path_is_beside_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    path = default_index_path(tmp_path / "corpus")
    assert path is not None and path.parent == tmp_path / "cache" / "index" and path.name.startswith("corpus-")
    assert default_index_path(tmp_path / "other" / "corpus") != path  # named from the resolved path


def _rows(index: Path) -> dict[str, list]:
    """Everything the index holds, by document name (ids depend on the order batches finish)."""
    with sqlite3.connect(index) as db:
        names = dict(db.execute("SELECT id, name FROM documents"))
        tables = {
            "documents": sorted(
                db.execute(
                    "SELECT name, size, mtime_ns, sha256, title, byline, date, words, paragraphs, cruft, error, "
                    "shingles, signature, linked FROM documents"
                ).fetchall()
            ),
            "buckets": sorted((band, key, names[doc]) for band, key, doc in db.execute("SELECT * FROM buckets")),
            "links": sorted((*sorted((names[a], names[b])), c, j) for a, b, c, j in db.execute("SELECT * FROM links")),
            "dirty": db.execute("SELECT * FROM dirty").fetchall(),
        }
        assert db.execute("SELECT COUNT(*) FROM families WHERE relations IS NULL").fetchone()[0] == 0
    families = read_families(index)
    tables["families"] = sorted(
        (
            tuple(d.name for d in f.members),
            f.original.name if f.original else None,
            sorted(json.dumps(r, sort_keys=True) for r in f.relations),
            f.first_date,
            f.last_date,
            f.title,
        )
        for f in families.families
    )
    tables["singletons"] = [d.name for d in families.singletons]
    return tables


def test_a_second_run_reads_nothing_and_changes_nothing(corpus, client, tmp_path):
    folder, truth = corpus
    index = tmp_path / "index.sqlite3"
    build_index(folder, index, lambda: client)
    before = _rows(index)

    def no_client() -> Client:
        raise AssertionError("no work, so no cluster")

    report = build_index(folder, index, no_client)
    assert (report.added, report.changed, report.deleted, report.unchanged) == (0, 0, 0, len(truth))
    assert _rows(index) == before


def test_added_changed_and_deleted_files_touch_only_their_families(corpus, client, tmp_path):
    folder, truth = corpus
    index = tmp_path / "index.sqlite3"
    build_index(folder, index, lambda: client)
    relations_before = {f.id: f.relations for f in read_families(index).families}

    # added: a near-copy of story 3 and a new pair of stories
    extra = write_corpus(tmp_path / "extra", seed=99)
    (folder / "f3_copy.txt").write_text(
        (folder / "f3_0.txt").read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8"
    )
    for name in ("f0_0.txt", "f0_1.txt"):
        (folder / f"new_{name}").write_bytes((tmp_path / "extra" / name).read_bytes())
    report = build_index(folder, index, lambda: client)
    assert (report.added, report.changed, report.deleted) == (3, 0, 0)
    assert report.families_updated == 2  # story 3 grew; the new pair is a family
    truth.update({"f3_copy.txt": 3, "new_f0_0.txt": 100, "new_f0_1.txt": 100})
    assert extra  # (the rest of the second corpus stays outside)
    families = read_families(index)
    assert pairs_of(families) == expected_pairs(truth)
    untouched = {
        f.id: f.relations
        for f in families.families
        if not {d.name for d in f.members} & {"f3_copy.txt", "new_f0_0.txt"}
    }
    assert all(relations_before[family] == relations for family, relations in untouched.items())

    # changed: one member rewritten as another story leaves its family; a touched file changes nothing
    (folder / "f0_3.txt").write_bytes((folder / "lone4.txt").read_bytes().replace(b"other story", b"copied story"))
    os.utime(folder / "f1_0.txt", ns=(1, 1))
    report = build_index(folder, index, lambda: client)
    assert (report.added, report.changed, report.deleted) == (0, 1, 0)
    truth["f0_3.txt"] = truth["lone4.txt"]
    assert pairs_of(read_families(index)) == expected_pairs(truth)

    # deleted: a family of two loses a member, its other member is alone again
    (folder / "f2_1.txt").unlink()
    del truth["f2_1.txt"]
    report = build_index(folder, index, lambda: client)
    assert (report.added, report.changed, report.deleted) == (0, 0, 1)
    families = read_families(index)
    assert pairs_of(families) == expected_pairs(truth)
    assert "f2_0.txt" in {d.name for d in families.singletons}


def test_unreadable_files_are_listed_with_their_reason(corpus, client, tmp_path):
    folder, truth = corpus
    (folder / "binary.bin").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "sub").mkdir()
    index = tmp_path / "index.sqlite3"
    build_index(folder, index, lambda: client)
    families = read_families(index)
    assert [(d.name, d.error) for d in families.unreadable] == [
        ("binary.bin", "binary file (contains NUL bytes), not text")
    ]
    assert pairs_of(families) == expected_pairs(truth)
    (folder / "binary.bin").write_text("Now it is text, alone.\n", encoding="utf-8")
    build_index(folder, index, lambda: client)
    assert "binary.bin" in {d.name for d in read_families(index).singletons}


def test_short_pages_never_gather_in_one_bucket_and_copies_link(corpus, client, tmp_path):
    folder, truth = corpus
    for number in range(30):  # the same few words on many short pages: too little to link
        (folder / f"short{number}.txt").write_text("Short note about the weather today.\n", encoding="utf-8")
    (folder / "copy.txt").write_bytes((folder / "lone6.txt").read_bytes())
    truth.update({f"short{number}.txt": 1000 + number for number in range(30)})
    truth["copy.txt"] = truth["lone6.txt"]
    index = tmp_path / "index.sqlite3"
    report = build_index(folder, index, lambda: client)
    with sqlite3.connect(index) as db:
        assert (
            db.execute(
                "SELECT COUNT(*) FROM buckets b JOIN documents d ON d.id = b.doc WHERE d.name LIKE 'short%'"
            ).fetchone()[0]
            == 0
        )
    assert report.candidates < 40
    assert pairs_of(read_families(index)) == expected_pairs(truth)


def test_a_crowded_bucket_pairs_its_members_with_a_few_hubs_and_the_family_holds(corpus, client, tmp_path, monkeypatch):
    folder, truth = corpus
    rng = random.Random(3)
    vocabulary = _vocabulary(rng)
    original = (folder / "f0_0.txt").read_text(encoding="utf-8").split("\n\n")
    copies = 60  # one story reprinted on many sites, each lightly edited
    for number in range(copies):
        edited = _edit(rng, vocabulary, original, 1 / 30)
        (folder / f"reprint{number:02}.txt").write_text("\n\n".join(edited), encoding="utf-8")
        truth[f"reprint{number:02}.txt"] = truth["f0_0.txt"]
    monkeypatch.setattr(index_module, "CROWDED_BUCKET", 20)
    monkeypatch.setattr(index_module, "BUCKET_HUBS", 3)
    report = build_index(folder, tmp_path / "index.sqlite3", lambda: client)
    family = len([name for name, story in truth.items() if story == truth["f0_0.txt"]])
    assert report.crowded_buckets > 0
    # all against all would be family² / 2 candidates for this family alone
    assert report.candidates < family * (family - 1) / 4, (report.candidates, family)
    members = {name for name, story in truth.items() if story == truth["f0_0.txt"]}
    grouped = [{d.name for d in f.members} for f in read_families(tmp_path / "index.sqlite3").families]
    assert any(members <= group for group in grouped)


class Interrupt(KeyboardInterrupt):
    pass


@pytest.mark.parametrize("stage", ["reading", "linking", "families", "relations"])
def test_an_interrupted_run_loses_and_doubles_nothing(corpus, client, tmp_path, monkeypatch, stage):
    folder, truth = corpus
    monkeypatch.setattr(index_module, "SIGN_BATCH", 4)
    monkeypatch.setattr(index_module, "LINK_CHUNK", 5)
    monkeypatch.setattr(index_module, "DOCUMENTS_PER_RELATION_TASK", 3)
    monkeypatch.setattr(index_module, "FAMILY_FLUSH", 3)
    reference = tmp_path / "reference.sqlite3"
    build_index(folder, reference, lambda: client)
    index = tmp_path / "index.sqlite3"
    calls = []

    def interrupt(name: str, done: int, total: int) -> None:
        if name == stage and done > 0:
            calls.append(done)
            raise Interrupt

    with pytest.raises(Interrupt):
        build_index(folder, index, lambda: client, progress=interrupt)
    assert calls
    with sqlite3.connect(index) as db:
        kept = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert kept >= min(calls[0], len(truth))  # what was committed stays
    report = build_index(folder, index, lambda: client)
    assert report.added == len(truth) - kept
    assert report.documents == len(truth)
    assert _rows(index) == _rows(reference)


def test_an_index_of_another_folder_is_refused(corpus, client, tmp_path):
    folder, _ = corpus
    index = tmp_path / "index.sqlite3"
    build_index(folder, index, lambda: client)
    with pytest.raises(IndexUnusable, match="another folder"):
        build_index(tmp_path / "extra" if (tmp_path / "extra").is_dir() else tmp_path, index, lambda: client)


def test_scan_skips_hidden_files_and_subfolders(tmp_path):
    (tmp_path / ".hidden").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("a")
    assert list(scan_folder(tmp_path)) == ["a.txt"]
    with pytest.raises(IndexUnusable, match="no such folder"):
        scan_folder(tmp_path / "missing")


# Command line ------------------------------------------------------------------------------


@pytest.fixture
def in_process_cluster(client, monkeypatch):
    """Make the CLI run on the module's in-process cluster instead of starting processes."""

    @contextmanager
    def reuse(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
        yield client

    monkeypatch.setattr(index_module, "dask_client", reuse)


def test_cli_index_then_families_json(corpus, in_process_cluster, tmp_path, capsys):
    folder, truth = corpus
    index = tmp_path / "i.sqlite3"
    assert main(["index", str(folder), "--index", str(index)]) == 0
    out, err = capsys.readouterr()
    assert f"{len(truth)} documents ({len(truth)} added" in out
    assert "reading files: 0 of" in err and f"reading files: {len(truth)} of {len(truth)}" in err
    output = tmp_path / "families.json"
    assert main(["families", str(folder), "--index", str(index), "--format", "json", "-o", str(output)]) == 0
    payload = json.loads(output.read_text(encoding="utf-8"))
    assert payload["format"] == "reader.families/1" and len(payload["families"]) == len(FAMILY_SIZES)
    assert main(["families", str(folder), "--index", str(index), "--format", "json", "-o", str(output)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["families", str(folder), "--index", str(index)]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"{len(FAMILY_SIZES)} families ({sum(FAMILY_SIZES)} documents), {LONE} documents alone")
    assert "2024-03-03..2024-03-0" in text and "f0_0.txt" in text


def test_cli_no_cache_starts_afresh(corpus, in_process_cluster, tmp_path, capsys):
    folder, truth = corpus
    index = tmp_path / "i.sqlite3"
    main(["index", str(folder), "--index", str(index)])
    assert main(["index", str(folder), "--index", str(index), "--no-cache"]) == 0
    assert f"({len(truth)} added" in capsys.readouterr().out


def test_cli_errors_are_one_line(tmp_path, capsys):
    assert main(["index", str(tmp_path / "missing")]) == 2
    assert main(["families", str(tmp_path / "missing")]) == 2
    assert main(["index", str(tmp_path), "--workers", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 3 and "not a folder" in err and "--workers must be at least 1" in err


def test_cli_overview_of_a_large_folder_reads_the_index(corpus, in_process_cluster, monkeypatch, capsys):
    folder, _ = corpus
    monkeypatch.setattr(index_module, "LARGE_FOLDER", 5)
    assert main(["overview", str(folder), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["format"] == "reader.families/1"
    assert "instead of all pairs" in err


# Real clusters -----------------------------------------------------------------------------


def test_local_cluster_of_processes_gives_the_same_families(corpus, client, tmp_path):
    folder, truth = corpus
    build_index(folder, tmp_path / "threads.sqlite3", lambda: client)
    with dask_client(workers=2) as processes:
        assert len(processes.scheduler_info()["workers"]) == 2
        build_index(folder, tmp_path / "processes.sqlite3", lambda: processes)
    assert _rows(tmp_path / "processes.sqlite3") == _rows(tmp_path / "threads.sqlite3")


@contextmanager
def scheduler_and_two_workers(tmp_path: Path) -> Iterator[str]:
    """A ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1, stopped at the end."""
    scheduler_file = tmp_path / "scheduler.json"
    python = [sys.executable, "-m"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    processes = [
        subprocess.Popen(
            [
                *python,
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(scheduler_file),
            ],
            **quiet,
        )
    ]
    try:
        for _ in range(2):  # each waits for the scheduler file, then connects
            processes.append(
                subprocess.Popen(
                    [
                        *python,
                        "distributed.cli.dask_worker",
                        "--scheduler-file",
                        str(scheduler_file),
                        "--nworkers",
                        "1",
                        "--nthreads",
                        "1",
                        "--no-nanny",
                        "--no-dashboard",
                        "--host",
                        "127.0.0.1",
                    ],
                    **quiet,
                )
            )
        with Client(scheduler_file=str(scheduler_file), timeout=60) as probe:
            probe.wait_for_workers(2, timeout=60)
            yield probe.scheduler.address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_a_real_scheduler_and_two_workers_give_the_same_families(corpus, client, tmp_path, capsys):
    folder, truth = corpus
    build_index(folder, tmp_path / "local.sqlite3", lambda: client)
    with scheduler_and_two_workers(tmp_path) as address:
        assert main(["index", str(folder), "--scheduler", address, "--index", str(tmp_path / "remote.sqlite3")]) == 0
    assert f"{len(truth)} documents" in capsys.readouterr().out
    assert _rows(tmp_path / "remote.sqlite3") == _rows(tmp_path / "local.sqlite3")


# The app -----------------------------------------------------------------------------------


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_app_lists_an_indexed_folder_by_family(corpus, client, tmp_path, monkeypatch):
    from reader.app import ReaderApp
    from reader.ui.families_screen import FamiliesScreen, FamilyTable
    from reader.ui.library import LibraryScreen
    from reader.ui.overview_screen import OverviewScreen

    folder, truth = corpus
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    build_index(folder, default_index_path(folder), lambda: client)
    app = ReaderApp(str(folder))
    app.theme = "textual-dark"
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        assert isinstance(app.screen, FamiliesScreen)
        table = app.screen.query_one(FamilyTable)
        assert table.total == len(FAMILY_SIZES) + LONE
        lines = [table.render_line(y).text for y in range(table.total)]
        assert [int(line.split()[0]) for line in lines[: len(FAMILY_SIZES)]] == sorted(FAMILY_SIZES, reverse=True)
        assert lines[0].split()[2] == "f0_0.txt"  # the largest family, by its likely original
        assert all(line.lstrip().startswith("·") for line in lines[len(FAMILY_SIZES) :])
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert sorted(os.path.basename(d.path) for d in app.screen.corpus.documents) == [
            f"f0_{i}.txt" for i in range(4)
        ]
        await pilot.press("escape")
        await _settle(pilot)
        assert isinstance(app.screen, FamiliesScreen)
        await pilot.press("down", "v")
        await _settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert len(app.screen.documents) == sorted(FAMILY_SIZES, reverse=True)[1]


def test_the_listing_pages_through_families_then_lone_documents(corpus, client, tmp_path):
    from reader.index import Listing

    folder, truth = corpus
    index = tmp_path / "index.sqlite3"
    build_index(folder, index, lambda: client)
    listing = Listing(index)
    rows = listing.page(0, 100)
    assert listing.count() == len(rows) == len(FAMILY_SIZES) + LONE
    assert listing.page(2, 3) == rows[2:5]
    assert sorted(listing.members(rows[0].family)) == [f"f0_{i}.txt" for i in range(4)]
    assert [r.family is None for r in rows] == [False] * len(FAMILY_SIZES) + [True] * LONE


def test_the_index_lives_in_the_cache_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    path = index_module.default_index_path(tmp_path / "corpus")
    assert path is not None and path.is_relative_to(tmp_path)
