"""The store: schema, version, WAL, refusing what is not ours, all-or-nothing writes."""

from __future__ import annotations

import sqlite3

import pytest

from db.errors import StoreError
from db.importing import import_paths
from db.models import Extraction, OfficialMention, ParsedArticle
from db.schema import SCHEMA_VERSION
from db.store import IDLE_CONNECTIONS, Store, default_store_path
from db.textfold import fold_text
from db.writer import content_hash, write_article
from tests.conftest import add_article


def test_new_store_has_schema_wal_and_fts(tmp_path):
    with Store(tmp_path / "s.db") as store:
        tables = set(store.db.table_names())
        assert {
            "articles",
            "officials",
            "spellings",
            "article_officials",
            "article_spheres",
            "article_event_types",
            "article_countries",
            "article_places",
            "evidence",
            "spheres",
            "event_types",
            "meta",
            "articles_fts",
        } <= tables
        assert store.schema_version() == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        cols = {c.name for c in store.db["articles"].columns}
        assert {
            "file",
            "source_url",
            "title",
            "teaser",
            "body",
            "published",
            "event_date",
            "primary_type",
            "content_hash",
            "imported_at",
            "year",
        } <= cols


def test_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.conn.execute("update meta set value = '999' where key = 'schema_version'")
    with pytest.raises(StoreError, match="newer diplotui"):
        Store(path)


def test_foreign_sqlite_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("create table invoices (id integer)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a diplotui store"):
        Store(path)
    assert path.read_bytes() == before


def test_non_sqlite_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("my notes, not a database\n")
    with pytest.raises(StoreError, match="not an SQLite file"):
        Store(path)
    assert path.read_text() == "my notes, not a database\n"


def test_default_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DIPLOTUI_DB", str(tmp_path / "env.db"))
    assert default_store_path() == tmp_path / "env.db"
    monkeypatch.delenv("DIPLOTUI_DB")
    assert default_store_path().name == "diplotui.db"


def test_failed_write_leaves_nothing_half_written(tmp_path):
    with Store(tmp_path / "s.db") as store:
        add_article(store, "a.txt", "Kept", "This article stays.")
        conn = store.conn
        article = ParsedArticle(title="Broken", body="text")
        facts = Extraction(officials=[OfficialMention(id="x-y", name="X Y")], spheres=["energy"])
        facts.evidence = [object()]  # not an Evidence: the write fails half-way
        conn.execute("BEGIN")
        with pytest.raises(AttributeError):
            write_article(conn, "b.txt", article, facts, content_hash(article))
        conn.execute("COMMIT")
        assert [r[0] for r in conn.execute("select title from articles")] == ["Kept"]
        assert conn.execute("select count(*) from officials").fetchone()[0] == 0
        assert conn.execute("select count(*) from article_spheres").fetchone()[0] == 0
        assert store.integrity_ok()


def test_fts_index_follows_updates(tmp_path):
    with Store(tmp_path / "s.db") as store:
        aid = add_article(store, "a.txt", "Old title", "about gas")
        add_article(store, "a.txt", "New title", "about railways")
        conn = store.conn
        assert conn.execute("select count(*) from articles").fetchone()[0] == 1
        hits = conn.execute(
            "select rowid from articles_fts where articles_fts match ?", (fold_text("railways"),)
        ).fetchall()
        assert hits == [(aid,)]
        assert not conn.execute(
            "select rowid from articles_fts where articles_fts match ?", (fold_text("gas"),)
        ).fetchall()


def test_a_version_1_store_gets_the_folded_index_on_open(tmp_path):
    """Version 1 indexed the raw columns too; opening it rebuilds the index from the rows."""
    from db.schema import FTS_TRIGGERS
    from db.search import search

    path = tmp_path / "old.db"
    with Store(path) as store:
        add_article(store, "a.txt", "Gas talks", "Meredov met Lavrov about gas.")
        db = store.db
        for name in FTS_TRIGGERS:
            db.execute(f'drop trigger "{name}"')
        db.execute("drop table articles_fts")
        db["articles"].enable_fts(
            ["title", "body", "search_names", "search_folded"],
            fts_version="FTS5",
            create_triggers=True,
            tokenize="unicode61 remove_diacritics 2",
        )
        db.execute("update meta set value = '1' where key = 'schema_version'")
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        sql = store.conn.execute("select sql from sqlite_master where name = 'articles_fts'")
        assert '("search_folded"' in sql.fetchone()[0]
        assert [r.title for r in search(store, "Мередов").rows] == ["Gas talks"]
        assert store.integrity_ok()


def test_a_version_2_store_gets_the_covering_index_on_open(tmp_path):
    """Version 3 reads a row's list columns from an index: opening an older store adds
    it; a read-only old store (not migrated) still lists its articles from the rows."""
    from db.schema import HEADS_INDEX
    from db.search import search

    path = tmp_path / "v2.db"
    with Store(path) as store:
        add_article(store, "a.txt", "Gas talks", "Meredov met Lavrov about gas.", "2023-01-02")
        store.conn.execute(f"drop index {HEADS_INDEX}")
        store.conn.execute("update meta set value = '2' where key = 'schema_version'")
    with Store(path, readonly=True) as store:
        assert [r.title for r in search(store, "gas").rows] == ["Gas talks"]
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 3
        names = {r[0] for r in store.conn.execute("select name from sqlite_master")}
        assert HEADS_INDEX in names
        plan = store.conn.execute(
            f"explain query plan select id, title from articles indexed by {HEADS_INDEX} "
            "where id in (1, 2)"
        ).fetchall()
        assert any("COVERING INDEX" in str(row) for row in plan)
        assert [r.title for r in search(store, "gas").rows] == ["Gas talks"]


def test_saved_terms_serve_the_vocabulary_until_the_store_changes(tmp_path):
    """The index's terms are saved after a change, so a start reads them at once; a later
    change makes them stale and the vocabulary reads the index again."""
    from db.importing import refresh_caches
    from db.search import Vocabulary, index_terms, saved_terms
    from tests.conftest import add_article

    store = Store(tmp_path / "t.db")
    add_article(store, "a.txt", "Gas talks", "Turkmenistan and China discussed gas supplies.")
    refresh_caches(store)
    generation = store.generation()
    assert saved_terms(store.conn, generation) == index_terms(store.conn)
    assert "china" in saved_terms(store.conn, generation)
    add_article(store, "b.txt", "Cotton", "Exports of cotton grew.")
    assert store.generation() != generation
    assert saved_terms(store.conn, store.generation()) is None  # stale: not used
    vocab = Vocabulary(store.conn)
    vocab.load_all(store.conn, store.generation())
    assert "exports" in vocab.sorted_terms and "china" in vocab.sorted_terms
    store.close()


def test_a_small_change_to_a_large_store_leaves_the_slow_caches_stale(tmp_path, monkeypatch):
    """The terms and word starts take seconds on a large store: after a change of under
    1% of its articles they are left stale (the app then reads the index), after a
    larger one they are saved again."""
    import db.importing as importing
    from db.search import saved_terms
    from tests.conftest import add_article

    monkeypatch.setattr(importing, "QUICK_STORE", 10)  # "large" from ten articles on
    store = Store(tmp_path / "t.db")
    for i in range(200):
        add_article(store, f"{i}.txt", f"Talks {i}", f"Round {i} of talks on cotton.")
    importing.refresh_caches(store)
    assert saved_terms(store.conn, store.generation())
    add_article(store, "new.txt", "Caspian", "Caspian sturgeon quotas.")
    importing.refresh_caches(store, changed=1)  # 1 of 201: under 1%
    assert saved_terms(store.conn, store.generation()) is None
    importing.refresh_caches(store, changed=3)  # over 1%
    assert "caspian" in saved_terms(store.conn, store.generation())
    # a store from before the word bitmaps: they are made at its next import, however small
    store.conn.execute("drop table word_bitmaps")
    add_article(store, "more.txt", "Cotton", "Cotton again.")
    importing.refresh_caches(store, changed=1)
    assert saved_terms(store.conn, store.generation())
    assert store.conn.execute("select count(*) from word_bitmaps").fetchone()[0] > 0
    store.close()


def test_the_cache_tables_are_safe_to_delete(tmp_path):
    """The README says so: without them the app counts afresh, and the next import
    saves them again."""
    from db.facets import facet_counts, stored_default_facets
    from db.importing import refresh_caches
    from tests.conftest import add_article

    store = Store(tmp_path / "t.db")
    add_article(store, "a.txt", "Gas talks", "Gas.", "2023-01-01", spheres=["energy"])
    refresh_caches(store)
    for table in (
        "facet_cache",
        "facet_bitmaps",
        "facet_pairs",
        "date_order",
        "prefix_bitmaps",
        "word_bitmaps",
    ):
        store.conn.execute(f"drop table if exists {table}")
    assert stored_default_facets(store, 30) is None
    spheres = {f.name: f for f in facet_counts(store, "")}["spheres"]
    assert [(v.value, v.count) for v in spheres.values] == [("energy", 1)]
    refresh_caches(store)
    assert stored_default_facets(store, 30) is not None
    store.close()


def test_a_failed_cache_batch_is_rolled_back_and_leaves_no_transaction_open(tmp_path):
    from db.store import all_or_nothing

    store = Store(tmp_path / "t.db")
    conn = store.conn
    conn.execute("create table if not exists prefix_bitmaps (prefix text primary key)")
    with pytest.raises(sqlite3.IntegrityError):
        with all_or_nothing(conn):
            conn.execute("insert into prefix_bitmaps values ('ga')")
            conn.execute("insert into prefix_bitmaps values ('ga')")
    assert not conn.in_transaction
    assert conn.execute("select count(*) from prefix_bitmaps").fetchone()[0] == 0
    store.close()


def test_a_finished_thread_hands_its_connection_to_the_next(tmp_path) -> None:
    """Worker threads come and go (one per keystroke): the next one gets a released
    connection, warm, with no transaction left open; a few are kept, and close() ends them."""
    import threading

    store = Store(tmp_path / "pool.db")
    seen: list[sqlite3.Connection] = []

    def worker(begin: bool = False) -> None:
        conn = store.conn
        seen.append(conn)
        if begin:
            conn.execute("BEGIN")
            conn.execute("insert into meta (key, value) values ('left', 'open')")
        store.close_thread()

    for begin in (True, False):
        t = threading.Thread(target=worker, args=(begin,))
        t.start()
        t.join()
    assert seen[0] is seen[1]
    assert not seen[1].in_transaction
    assert store.conn.execute("select count(*) from meta where key = 'left'").fetchone()[0] == 0

    together = threading.Barrier(IDLE_CONNECTIONS + 2)

    def at_once() -> None:
        seen.append(store.conn)
        together.wait()  # every thread holds its own connection at the same time
        store.close_thread()

    threads = [threading.Thread(target=at_once) for _ in range(IDLE_CONNECTIONS + 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store._idle) == IDLE_CONNECTIONS
    idle = list(store._idle)
    store.close()
    for conn in idle:
        with pytest.raises(sqlite3.ProgrammingError):
            conn.execute("select 1")


def test_import_indexes_a_batch_and_puts_the_trigger_back(tmp_path):
    """The import indexes new articles per batch (its insert trigger is dropped meanwhile):
    afterwards every article is found, one updated within its batch is indexed once (a
    file changed while the import ran), and the triggers are as they were."""
    folder = tmp_path / "in"
    folder.mkdir()
    changing = folder / "a.txt"
    changing.write_text("Railway talks\nMeredov met Lavrov about railways.\n", "utf-8")
    (folder / "b.txt").write_text("Gas talks\nMeredov met Lavrov about gas.\n", "utf-8")

    def progress(n: int, total: int, path: str) -> None:
        if n == 3:  # a.txt is read again, changed
            changing.write_text("Cotton talks\nMeredov met Lavrov about cotton.\n", "utf-8")

    with Store(tmp_path / "s.db") as store:
        conn = store.conn
        triggers = "select name, sql from sqlite_master where type = 'trigger' order by name"
        before = conn.execute(triggers).fetchall()
        summary = import_paths(store, [folder, changing], progress=progress)
        assert (summary.imported, summary.updated) == (2, 1)
        assert conn.execute(triggers).fetchall() == before

        def hits(word: str) -> int:
            return conn.execute(
                "select count(*) from articles_fts where articles_fts match ?", (fold_text(word),)
            ).fetchone()[0]

        assert (hits("gas"), hits("cotton"), hits("railways")) == (1, 1, 0)
        conn.execute("insert into articles_fts (articles_fts, rank) values ('integrity-check', 1)")
        add_article(store, "c.txt", "Later", "about wheat")  # the trigger indexes it again
        assert hits("wheat") == 1
