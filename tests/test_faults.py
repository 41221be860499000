"""Faults: an import killed at any moment, the TUI reading while another process imports,
and store files that are foreign, corrupt, read-only or on a full disk.

The store is the user's work: after any of these it passes `PRAGMA integrity_check`,
every article it had is intact, each file is imported fully or not at all, and running
the import again completes it. No timing is asserted: kills at fixed points use a hook
installed by the driver below (the product has no test hooks), and the timed kills only
vary where the process dies.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from db.store import Store
from tests.conftest import add_article
from tui.cli import main

N_TEXT = 170  # plain-text articles in the import folder
N_JSON = 15  # JSON exports of three articles each
N_ARTICLES = N_TEXT + 3 * N_JSON
N_BEFORE = 20

# Runs the CLI in a child process; DIPLOTUI_TEST_* variables install a kill or a pause at
# an exact point of the import (counted in articles written).
DRIVER = r"""
import os, signal, sys, time
import db.importing as imp
import db.writer as writer

batch = os.environ.get("DIPLOTUI_TEST_BATCH")
if batch:
    imp.BATCH_FILES = int(batch)
    imp.BATCH_SECONDS = 3600.0
point = os.environ.get("DIPLOTUI_TEST_POINT", "")
if point:
    kind, n, *files = point.split(":", 2)
    n = int(n)
    seen = [0]

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    if kind == "in-facts":  # the n-th article's row is written, its facts are not
        real_facts = writer.write_facts

        def write_facts(*args, **kwargs):
            seen[0] += 1
            if seen[0] == n:
                die()
            return real_facts(*args, **kwargs)

        writer.write_facts = write_facts
    else:
        real_write = imp.write_article

        def write_article(*args, **kwargs):
            out = real_write(*args, **kwargs)
            seen[0] += 1
            if seen[0] == n:
                if kind == "after-article":
                    die()
                ready, go = files[0].split("|")
                open(ready, "w").close()  # a transaction is open: the TUI must still read
                while not os.path.exists(go):
                    time.sleep(0.01)
            return out

        imp.write_article = write_article
from tui.cli import main
sys.argv = ["diplotui", *sys.argv[1:]]
main()
"""

TOPICS = ["cotton", "railways", "gas supplies", "water", "education", "wheat", "customs"]


def text_article(i: int) -> str:
    topic = TOPICS[i % len(TOPICS)]
    return (
        f"Consultations number {i} on {topic} and pistachio trade\n"
        f"On {1 + i % 28} May 2023 Rashid Meredov met Sergei Lavrov in Moscow. The foreign "
        f"ministers of Turkmenistan and Russia discussed {topic}, energy and security. "
        f"Meredov said record {i} was signed.\n"
    )


def build_folder(root: Path) -> Path:
    folder = root / "incoming"
    (folder / "exports").mkdir(parents=True)
    for i in range(N_TEXT):
        (folder / f"article-{i:04}.txt").write_text(text_article(i), "utf-8")
    for j in range(N_JSON):
        items = [
            {
                "title": f"Export {j} item {k} on pistachio talks",
                "body": f"Wang Yi and Rashid Meredov met in Beijing on {1 + k} June 2023 "
                f"to discuss gas and trade, export {j}.",
                "url": f"https://example.org/{j}/{k}",
            }
            for k in range(3)
        ]
        (folder / "exports" / f"export-{j:03}.json").write_text(json.dumps(items), "utf-8")
    return folder


def facts_of(db: Path) -> dict[tuple[str, str], tuple]:
    """Each article and all its facts, keyed by (file, item key)."""
    conn = sqlite3.connect(db)
    try:

        def links(sql: str, aid: int) -> tuple:
            return tuple(sorted(tuple(r) for r in conn.execute(sql, (aid,))))

        out = {}
        for aid, file, key, title, body, digest, date, ptype in conn.execute(
            "select id, file, item_key, title, body, content_hash, event_date, primary_type "
            "from articles"
        ).fetchall():
            out[(file, key)] = (
                title,
                body,
                digest,
                date,
                ptype,
                links("select official_id, role from article_officials where article_id=?", aid),
                links("select sphere from article_spheres where article_id = ?", aid),
                links("select event_type from article_event_types where article_id = ?", aid),
                links("select country from article_countries where article_id = ?", aid),
                links("select place from article_places where article_id = ?", aid),
                links("select kind, value from evidence where article_id = ?", aid),
            )
        return out
    finally:
        conn.close()


def check_store(db: Path, before: dict, reference: dict) -> dict:
    """The store is sound, its old articles intact, each new file all there or absent."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("insert into articles_fts(articles_fts) values ('integrity-check')")
        ids = {r[0] for r in conn.execute("select id from articles")}
        assert {r[0] for r in conn.execute("select rowid from articles_fts")} == ids
        orphans = conn.execute(
            "select count(*) from spellings where official_id not in (select id from officials)"
        ).fetchone()[0]
        assert orphans == 0
    finally:
        conn.close()
    facts = facts_of(db)
    for key, value in before.items():
        assert facts.get(key) == value, key
    new = {k: v for k, v in facts.items() if k not in before}
    for key, value in new.items():
        assert reference[key] == value, key
    for file in {file for file, _ in new}:
        assert {k for k in new if k[0] == file} == {k for k in reference if k[0] == file}, file
    return new


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The import folder, the facts a clean import gives, and a store with older articles."""
    from db.importing import import_paths

    root = tmp_path_factory.mktemp("faults")
    folder = build_folder(root)
    with Store(root / "reference.db") as store:
        summary = import_paths(store, [folder])
        assert summary.failed == 0 and summary.imported == N_TEXT + N_JSON
    reference = facts_of(root / "reference.db")
    assert len(reference) == N_ARTICLES
    old = root / "old"
    old.mkdir()
    for i in range(N_BEFORE):
        (old / f"old-{i:02}.txt").write_text(
            f"Earlier talks {i} about saffron\nRashid Meredov met Wang Yi about saffron {i}.\n",
            "utf-8",
        )
    template = root / "template.db"
    with Store(template) as store:
        assert import_paths(store, [old]).imported == N_BEFORE
    assert not Path(f"{template}-wal").exists()
    return folder, reference, template, facts_of(template)


def store_copy(template: Path, tmp_path: Path) -> Path:
    db = tmp_path / "store.db"
    shutil.copyfile(template, db)
    return db


def driver(args: list[str], env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


KILL_POINTS = [
    ("first article, nothing committed", {"DIPLOTUI_TEST_POINT": "after-article:1"}),
    ("inside an article's facts", {"DIPLOTUI_TEST_POINT": "in-facts:37"}),
    (
        "mid-batch after three commits",
        {"DIPLOTUI_TEST_POINT": "after-article:170", "DIPLOTUI_TEST_BATCH": "50"},
    ),
    (
        "right after a batch commit",
        {"DIPLOTUI_TEST_POINT": "after-article:101", "DIPLOTUI_TEST_BATCH": "25"},
    ),
    (
        "inside facts, many small batches",
        {"DIPLOTUI_TEST_POINT": "in-facts:200", "DIPLOTUI_TEST_BATCH": "7"},
    ),
    ("after 0.2 s", {"KILL_AFTER": "0.2"}),
    ("after 0.5 s", {"KILL_AFTER": "0.5"}),
    ("after 1 s, small batches", {"KILL_AFTER": "1.0", "DIPLOTUI_TEST_BATCH": "3"}),
]


@pytest.mark.parametrize("env", [p[1] for p in KILL_POINTS], ids=[p[0] for p in KILL_POINTS])
def test_kill_minus_nine_leaves_a_sound_store_and_reimport_completes(corpus, tmp_path, env):
    folder, reference, template, before = corpus
    db = store_copy(template, tmp_path)
    env = dict(env)
    delay = float(env.pop("KILL_AFTER", "0"))
    proc = driver(["import", str(folder), "--db", str(db)], env)
    if delay:
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=120)
    if not delay:
        assert proc.returncode == -signal.SIGKILL, err
    check_store(db, before, reference)
    result = CliRunner().invoke(main, ["import", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output
    new = check_store(db, before, reference)
    assert new == reference
    with Store(db) as store:
        assert store.article_count() == N_BEFORE + N_ARTICLES


def test_killed_mid_facts_keeps_no_half_article(corpus, tmp_path):
    """The article whose facts were being written when the process died is not there."""
    folder, reference, template, before = corpus
    db = store_copy(template, tmp_path)
    proc = driver(
        ["import", str(folder), "--db", str(db)],
        {"DIPLOTUI_TEST_POINT": "in-facts:12", "DIPLOTUI_TEST_BATCH": "5"},
    )
    proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    new = check_store(db, before, reference)
    assert len(new) == 10  # two batches of five committed; the 11th and 12th rolled back


def test_two_imports_at_once_store_each_article_once(corpus, tmp_path):
    """The same import started twice at the same time: one waits for the other (or gives
    up with a message); nothing is stored twice and a later run completes."""
    folder, reference, template, before = corpus
    db = store_copy(template, tmp_path)
    procs = [driver(["import", str(folder), "--db", str(db)]) for _ in range(2)]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert "Traceback" not in err
        assert proc.returncode == 0 or (
            proc.returncode == 1 and "another program is writing the store" in err
        ), err
    check_store(db, before, reference)
    result = CliRunner().invoke(main, ["import", str(folder), "--db", str(db)])
    assert result.exit_code == 0 and "0 failed" in result.output
    assert check_store(db, before, reference) == reference  # each (file, item) once


# -- the TUI while another process imports ------------------------------------------------------


async def test_tui_stays_responsive_during_an_import_and_refresh_shows_it(corpus, tmp_path):
    import tui.screens.browse as browse_module
    from tui.app import DiplotuiApp
    from tui.widgets.results import ResultsList
    from tui.widgets.search_box import SearchBox

    folder, reference, template, before = corpus
    db = store_copy(template, tmp_path)
    ready, go = tmp_path / "ready", tmp_path / "go"
    browse_module.DEBOUNCE_S, saved_debounce = 0.0, browse_module.DEBOUNCE_S
    browse_module.READER_DELAY_S, saved_reader = 0.0, browse_module.READER_DELAY_S

    async def settle(pilot) -> None:
        for _ in range(3):
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    def count_label(app) -> str:
        return str(app.screen.query_one("#count").visual)

    proc = None
    try:
        app = DiplotuiApp(store_path=db)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert f"{N_BEFORE} of {N_BEFORE} articles" in count_label(app)
            proc = driver(  # the JSON exports: N_JSON files of three articles
                ["import", str(folder / "exports"), "--db", str(db)],
                {"DIPLOTUI_TEST_POINT": f"pause:25:{ready}|{go}", "DIPLOTUI_TEST_BATCH": "4"},
            )
            for _ in range(1200):  # the import is paused inside an open write transaction
                if ready.exists() or proc.poll() is not None:
                    break
                await asyncio.sleep(0.05)
            assert ready.exists(), proc.communicate()
            await pilot.click("#search")
            await pilot.press(*"saffron")
            await settle(pilot)
            assert app.screen.query_one("#search", SearchBox).value == "saffron"
            results = app.screen.query_one("#results", ResultsList)
            assert results.total == N_BEFORE
            assert all("saffron" in row.title for row in results.rows)
            assert proc.poll() is None  # still importing, still holding its transaction
            go.touch()
            for _ in range(2400):
                if proc.poll() is not None:
                    break
                await asyncio.sleep(0.05)
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
            await pilot.press("ctrl+u")  # clear the query
            await settle(pilot)
            await pilot.press("f5")
            await settle(pilot)
            total = N_BEFORE + 3 * N_JSON
            assert f"{total:,} of {total:,} articles" in count_label(app)
            app.screen.query_one("#search", SearchBox).value = "pistachio"
            await settle(pilot)
            assert app.screen.query_one("#results", ResultsList).total == 3 * N_JSON
            assert app.is_running
    finally:
        browse_module.DEBOUNCE_S, browse_module.READER_DELAY_S = saved_debounce, saved_reader
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert len(check_store(db, before, reference)) == 3 * N_JSON


# -- store files that are not what they should be ------------------------------------------------


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(*args: str) -> subprocess.CompletedProcess:
    """The real command in a child process: what a user's terminal would show."""
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, timeout=120
    )


def run(*args: str) -> subprocess.CompletedProcess:
    """The command in this process (faster); an exception other than exit is a traceback."""
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: traceback") from result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def commands(db: Path, folder: Path) -> list[list[str]]:
    return [
        ["import", str(folder), "--db", str(db)],
        ["search", "cotton", "--db", str(db)],
        ["search", "", "--db", str(db), "--json"],
        ["export", "--db", str(db)],
        ["reextract", "--db", str(db)],
        ["compare", "1", "2", "--db", str(db)],
    ]


def small_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "few"
    folder.mkdir(exist_ok=True)
    for i in range(3):
        (folder / f"f{i}.txt").write_text(text_article(i), "utf-8")
    return folder


def test_a_foreign_sqlite_database_is_refused_and_untouched(tmp_path):
    db = tmp_path / "accounts.db"
    conn = sqlite3.connect(db)
    conn.execute("create table users (id integer primary key, name text)")
    conn.execute("insert into users (name) values ('alice')")
    conn.commit()
    conn.close()
    before = digest(db)
    folder = small_folder(tmp_path)
    listing = sorted(os.listdir(tmp_path))
    for args in commands(db, folder):
        result = run(*args)
        assert result.returncode == 1, (args, result.stdout)
        assert "not a diplotui store" in result.stderr and "users" in result.stderr
        assert "Traceback" not in result.stderr
    assert digest(db) == before
    assert sorted(os.listdir(tmp_path)) == listing  # no -wal or -shm left beside it


@pytest.mark.parametrize(
    "content",
    [b"just some notes\n", b"\x89PNG\r\n\x1a\n" + bytes(200), bytes(4096), b'{"a": 1}'],
    ids=["text", "png", "zeros", "json"],
)
def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path, content):
    db = tmp_path / "notes.db"
    db.write_bytes(content)
    result = CliRunner().invoke(main, ["import", str(small_folder(tmp_path)), "--db", str(db)])
    assert result.exit_code == 1
    assert "not an SQLite file" in result.output and "Traceback" not in result.output
    assert db.read_bytes() == content


def test_a_folder_as_the_store_is_a_message(tmp_path):
    result = CliRunner().invoke(main, ["search", "x", "--db", str(tmp_path)])
    assert result.exit_code == 1 and "is a folder" in result.output


def big_store(path: Path) -> Path:
    with Store(path) as store:
        for i in range(300):
            add_article(
                store,
                f"/x/{i}.txt",
                f"Title {i} about cotton",
                f"Cotton and wheat talks, record {i}. " * 20,
                date=f"2023-05-{1 + i % 28:02}",
                spheres=["energy"],
            )
    assert not Path(f"{path}-wal").exists()
    return path


@pytest.mark.parametrize("where", ["middle", "header-page", "tail"])
def test_a_corrupt_store_gives_messages_and_is_not_overwritten(tmp_path, where):
    db = big_store(tmp_path / "store.db")
    size = db.stat().st_size
    pages = size // 4096
    garbage = bytes(range(256)) * 16
    start = {"middle": pages // 3, "header-page": 0, "tail": pages - 6}[where]
    offsets = [start * 4096 + 100 if start == 0 else (start + k) * 4096 for k in range(6)]
    with open(db, "r+b") as fh:
        for offset in offsets:
            fh.seek(offset)
            fh.write(garbage[: 4096 - (offset % 4096)])
    folder = small_folder(tmp_path)
    failed = 0
    for args in commands(db, folder):
        result = run(*args)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        if result.returncode != 0:
            failed += 1
            assert result.returncode == 1
            assert "corrupt" in result.stderr and str(db) in result.stderr, result.stderr
    assert failed >= 2  # the damage is found, not read as data
    with open(db, "rb") as fh:  # the damaged pages are still there for a recovery tool
        for offset in offsets:
            fh.seek(offset)
            assert fh.read(64) == garbage[:64]


@pytest.fixture
def immutable(tmp_path):
    """chattr +i: not even root can write the file (ext4 and most Linux file systems)."""
    marked: list[Path] = []

    def mark(path: Path) -> None:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"chattr +i does not work here: {done.stderr.decode().strip()}")
        marked.append(path)

    yield mark
    for path in marked:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def test_a_read_only_store_is_searched_and_an_import_refused(tmp_path, corpus, immutable):
    folder, reference, template, before = corpus
    db = store_copy(template, tmp_path)
    original = digest(db)
    immutable(db)
    found = cli("search", "saffron", "--db", str(db), "--json")
    assert found.returncode == 0, found.stderr
    assert len(found.stdout.splitlines()) == N_BEFORE
    result = cli("import", str(small_folder(tmp_path)), "--db", str(db))
    assert result.returncode == 1
    assert "read-only" in result.stderr and str(db) in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(db) == original


@pytest.fixture
def mount_tmpfs(tmp_path):
    mounted: list[Path] = []

    def mount(name: str, size: str) -> Path:
        point = tmp_path / name
        point.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()})")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_store_on_read_only_media_gives_a_message(tmp_path, corpus, mount_tmpfs):
    folder, reference, template, before = corpus
    media = mount_tmpfs("media", "4m")
    db = store_copy(template, media)
    original = digest(db)
    done = subprocess.run(["mount", "-o", "remount,ro", str(media)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot remount the tmpfs read-only")
    for args in (
        ["search", "saffron", "--db", str(db)],
        ["import", str(small_folder(tmp_path)), "--db", str(db)],
    ):
        result = cli(*args)
        assert "Traceback" not in result.stderr
        if result.returncode != 0:
            assert "read-only" in result.stderr and str(db) in result.stderr, result.stderr
    assert cli(*args).returncode == 1  # the import cannot write
    assert digest(db) == original


def test_a_full_disk_stops_the_import_cleanly_and_reimport_completes(tmp_path, corpus, mount_tmpfs):
    folder, reference, template, before = corpus
    disk = mount_tmpfs("disk", "16m")
    db = store_copy(template, disk)
    filler = disk / "filler"
    with open(filler, "wb") as fh:  # leave a little room: some batches commit, then it is full
        free = shutil.disk_usage(disk).free - 96 * 1024
        fh.write(b"\x00" * max(free, 0))
    result = CliRunner().invoke(main, ["import", str(folder), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "full" in result.output and str(db) in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, sqlite3.Error)
    check_store(db, before, reference)
    filler.unlink()
    again = CliRunner().invoke(main, ["import", str(folder), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert check_store(db, before, reference) == reference


def test_a_new_store_on_a_full_disk_is_a_message_and_works_once_there_is_room(
    tmp_path, mount_tmpfs
):
    """The disk fills up while the new store's tables are made, at every step: a message,
    and once there is room the same command works (no half-made store is refused)."""
    disk = mount_tmpfs("tiny", "1m")
    folder = small_folder(tmp_path)
    db = disk / "new.db"
    for room_kb in range(8, 140, 8):
        with open(disk / "filler", "wb") as fh:
            fh.write(b"\x00" * max(shutil.disk_usage(disk).free - room_kb * 1024, 0))
        result = CliRunner().invoke(main, ["import", str(folder), "--db", str(db)])
        assert result.exit_code == 1, (room_kb, result.output)
        assert "the disk is full" in result.output and str(db) in result.output
        (disk / "filler").unlink()
        later = CliRunner().invoke(main, ["import", str(folder), "--db", str(db)])
        assert later.exit_code == 0, (room_kb, later.output)
        assert "3 imported" in later.output
        for leftover in disk.glob("new.db*"):
            leftover.unlink()
