"""The import's stages: files are read, extracted and written a group at a time, each file
all or nothing, and what the store knows a file by does not depend on the grouping."""

from __future__ import annotations

import json
import os
from pathlib import Path

import db.bulk
import db.extract
import db.importing
from db.importing import import_paths
from db.store import Store
from db.textfold import fold_text


def _text(folder: Path, name: str, title: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"{title}\n{body}\n", "utf-8")
    return path


def _feed(folder: Path, name: str, titles: list[str]) -> Path:
    items = [
        {"title": t, "body": f"{t}: Rashid Meredov met Sergei Lavrov in Moscow.", "url": f"u/{t}"}
        for t in titles
    ]
    path = folder / name
    path.write_text(json.dumps(items), "utf-8")
    return path


def _titles(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("select title from articles order by title")]


def _hits(store: Store, word: str) -> int:
    return store.conn.execute(
        "select count(*) from articles_fts where articles_fts match ?", (fold_text(word),)
    ).fetchone()[0]


def _index_is_whole(store: Store) -> None:
    store.conn.execute(
        "insert into articles_fts (articles_fts, rank) values ('integrity-check', 1)"
    )


def test_a_file_whose_extraction_fails_is_not_stored_at_all(tmp_path, monkeypatch):
    """One bad item of an export fails the whole file (the items before it included);
    the files around it, extracted in the same group, are stored and indexed."""
    folder = tmp_path / "in"
    folder.mkdir()
    _text(folder, "a.txt", "Cotton talks", "Meredov met Lavrov about cotton.")
    _feed(folder, "b.json", ["Wheat talks", "Broken item", "Barley talks"])
    _text(folder, "c.txt", "Railway talks", "Meredov met Lavrov about railways.")
    real = db.extract.find_places

    def find_places(title, sentences, language, teaser=0):
        if title == "Broken item":
            raise ValueError("a rule failed")
        return real(title, sentences, language, teaser)

    monkeypatch.setattr(db.extract, "find_places", find_places)
    with Store(tmp_path / "s.db") as store:
        summary = import_paths(store, [folder])
        assert summary.imported == 2
        assert [Path(f.path).name for f in summary.failures] == ["b.json"]
        assert "a rule failed" in summary.failures[0].reason
        assert _titles(store) == ["Cotton talks", "Railway talks"]
        assert (_hits(store, "cotton"), _hits(store, "railways"), _hits(store, "wheat")) == (
            1,
            1,
            0,
        )
        _index_is_whole(store)


def test_a_file_whose_write_fails_is_rolled_back_whole_and_the_index_stays_whole(
    tmp_path, monkeypatch
):
    """A failure while writing the second item of an export undoes the first one too; the
    next files are still indexed once each: the index's own statements (its trigger set
    aside by the batch's first file, here the failing one) are not undone with it."""
    folder = tmp_path / "in"
    folder.mkdir()
    _feed(folder, "0.json", ["Wheat talks", "Broken item"])
    _text(folder, "a.txt", "Cotton talks", "Meredov met Lavrov about cotton.")
    _text(folder, "c.txt", "Railway talks", "Meredov met Lavrov about railways.")
    real = db.importing.write_article

    def write_article(conn, file, article, *args, **kwargs):
        if article.title == "Broken item":
            raise ValueError("cannot write")
        return real(conn, file, article, *args, **kwargs)

    monkeypatch.setattr(db.importing, "write_article", write_article)
    with Store(tmp_path / "s.db") as store:
        summary = import_paths(store, [folder])
        assert summary.imported == 2
        assert [Path(f.path).name for f in summary.failures] == ["0.json"]
        assert _titles(store) == ["Cotton talks", "Railway talks"]
        assert (_hits(store, "wheat"), _hits(store, "railways")) == (0, 1)
        _index_is_whole(store)
        monkeypatch.setattr(db.importing, "write_article", real)
        again = import_paths(store, [folder])  # the file fixed: it is stored this time
        assert (again.imported, again.unchanged) == (1, 2)
        assert _hits(store, "wheat") == 1
        _index_is_whole(store)


def test_groups_change_nothing_but_the_order_of_work(tmp_path, monkeypatch):
    """Groups of one file and groups of many store the same articles and facts."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(7):
        _text(folder, f"{i}.txt", f"Talks {i}", f"On {i + 1} May 2023 Meredov met Lavrov.")

    def stored(stage_files: int) -> list[tuple]:
        monkeypatch.setattr(db.importing, "STAGE_FILES", stage_files)
        with Store(tmp_path / f"s{stage_files}.db") as store:
            import_paths(store, [folder])
            return store.conn.execute(
                "select a.title, a.event_date, group_concat(o.official_id) from articles a "
                "join article_officials o on o.article_id = a.id group by a.id order by a.title"
            ).fetchall()

    one = stored(1)
    assert len(one) == 7
    assert stored(3) == one
    assert stored(50) == one


def test_a_file_is_known_by_its_real_path(tmp_path):
    """Through a linked folder, a relative path or a link to it, a file is one file."""
    folder = tmp_path / "in"
    folder.mkdir()
    target = _text(folder, "a.txt", "Cotton talks", "Meredov met Lavrov about cotton.")
    (tmp_path / "via").symlink_to(folder, target_is_directory=True)
    (tmp_path / "link.txt").symlink_to(target)
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        with Store(tmp_path / "s.db") as store:
            first = import_paths(store, [Path("in") / "a.txt"])
            again = import_paths(store, [tmp_path / "via" / "a.txt", Path("link.txt"), folder])
            files = [r[0] for r in store.conn.execute("select file from articles")]
    finally:
        os.chdir(old)
    assert first.imported == 1
    assert (again.imported, again.unchanged) == (0, 3)
    assert files == [str(target.resolve())]


def test_the_import_puts_the_checkpoint_setting_back(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _text(folder, "a.txt", "Cotton talks", "Meredov met Lavrov about cotton.")
    with Store(tmp_path / "s.db") as store:
        before = store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        import_paths(store, [folder])
        assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == before


def test_the_import_collects_less_often_and_puts_the_collector_back(tmp_path, monkeypatch):
    import gc

    import db.importing as importing

    folder = tmp_path / "in"
    folder.mkdir()
    _text(folder, "a.txt", "Cotton talks", "Meredov met Lavrov about cotton.")
    seen: list[int] = []
    real_extract = importing._extract_group

    def spy(*args, **kwargs):
        seen.append(gc.get_threshold()[0])
        return real_extract(*args, **kwargs)

    monkeypatch.setattr(importing, "_extract_group", spy)
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, before[1], before[2])
        with Store(tmp_path / "s.db") as store:
            import_paths(store, [folder])
        assert seen == [db.bulk.IMPORT_GC_YOUNG]
        assert gc.get_threshold()[0] == 700
    finally:
        gc.set_threshold(*before)


def _triggers(store: Store) -> set[str]:
    return {
        r[0] for r in store.conn.execute("select name from sqlite_master where type = 'trigger'")
    }


def test_a_batch_moves_the_generation_once_and_leaves_every_trigger_in_place(tmp_path):
    """The per-row generation triggers are set aside while a batch inserts: the batch
    bumps the generation itself, and the triggers are back for every other writer."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        _text(folder, f"{i}.txt", f"Talks {i}", f"Meredov met Lavrov in Ashgabat, round {i}.")
    with Store(tmp_path / "s.db") as store:
        triggers = _triggers(store)
        assert {"articles_insert_generation", "article_officials_insert_generation"} <= triggers
        before = store.generation()
        assert import_paths(store, [folder]).imported == 3
        assert _triggers(store) == triggers
        after = store.generation()
        assert after > before
        with store.conn:  # any other writer still moves it, row by row
            store.conn.execute(
                "insert into articles (file, title, body, content_hash) values ('x', 'x', 'x', 'x')"
            )
        assert store.generation() > after


def test_a_failed_batch_leaves_every_trigger_in_place(tmp_path, monkeypatch):
    """A store error mid-batch rolls the batch back, the dropped triggers with it."""
    import sqlite3

    folder = tmp_path / "in"
    folder.mkdir()
    _text(folder, "a.txt", "Cotton talks", "Meredov met Lavrov about cotton.")

    def write_article(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(db.importing, "write_article", write_article)
    with Store(tmp_path / "s.db") as store:
        triggers = _triggers(store)
        generation = store.generation()
        try:
            import_paths(store, [folder])
        except Exception:
            pass
        assert _triggers(store) == triggers
        assert store.generation() == generation
        assert _titles(store) == []


def _one_article_and_a_pragma_spy(tmp_path, monkeypatch, pragma: str) -> tuple[Path, list]:
    """A folder with one article, and the list that gets the connection's `pragma` as
    the import's extraction stage sees it."""
    folder = tmp_path / "in"
    folder.mkdir()
    _text(folder, "a.txt", "Cotton talks", "Meredov met Lavrov about cotton.")
    seen: list = []
    real = db.importing._extract_group

    def extract_group(conn, *args, **kwargs):
        seen.append(conn.execute(f"PRAGMA {pragma}").fetchone()[0])
        return real(conn, *args, **kwargs)

    monkeypatch.setattr(db.importing, "_extract_group", extract_group)
    return folder, seen


def test_an_import_gives_back_the_page_cache_it_raised(tmp_path, monkeypatch):
    """The import works with a larger page cache and puts the connection's own back."""
    folder, seen = _one_article_and_a_pragma_spy(tmp_path, monkeypatch, "cache_size")
    with Store(tmp_path / "s.db") as store:
        store.conn.execute("PRAGMA cache_size = -1000")
        assert import_paths(store, [folder]).imported == 1
        assert seen == [-db.bulk.IMPORT_CACHE_KIB]
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -1000


def test_an_import_keeps_its_savepoint_journals_in_memory_and_gives_the_setting_back(
    tmp_path, monkeypatch
):
    """Each file's savepoint journal would spill to a temporary file: the import keeps
    them in memory, and the connection's own setting is back after, as is its search
    vocabulary view (dropped by the change, made again on use)."""
    from db.search import ensure_vocab_table

    folder, seen = _one_article_and_a_pragma_spy(tmp_path, monkeypatch, "temp_store")
    with Store(tmp_path / "s.db") as store:
        store.conn.execute("PRAGMA temp_store = 1")  # files
        ensure_vocab_table(store.conn)
        assert import_paths(store, [folder]).imported == 1
        assert seen == [db.bulk.IMPORT_TEMP_STORE]
        assert store.conn.execute("PRAGMA temp_store").fetchone()[0] == 1
        ensure_vocab_table(store.conn)
        terms = {t for (t,) in store.conn.execute("select term from temp.articles_fts_vocab")}
        assert "lavrov" in terms


def test_a_failing_file_is_undone_with_its_journal_in_memory(tmp_path, monkeypatch):
    """The savepoint of a file that fails half-way still undoes its rows; the files
    before and after it are stored."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, title in (("a.txt", "Cotton talks"), ("b.txt", "Gas talks"), ("c.txt", "Rail talks")):
        _text(folder, name, title, f"Meredov met Lavrov. {title} went well.")
    real = db.importing.write_article

    def write_article(conn, file, article, *args, **kwargs):
        article_id = real(conn, file, article, *args, **kwargs)
        if article.title == "Gas talks":
            raise ValueError("a bug after the article's rows were written")
        return article_id

    monkeypatch.setattr(db.importing, "write_article", write_article)
    with Store(tmp_path / "s.db") as store:
        summary = import_paths(store, [folder])
        assert summary.imported == 2
        assert [f.path.endswith("b.txt") for f in summary.failures] == [True]
        assert _titles(store) == ["Cotton talks", "Rail talks"]
        orphans = store.conn.execute(
            "select count(*) from article_officials where article_id not in "
            "(select id from articles)"
        ).fetchone()[0]
        assert orphans == 0


def test_reextract_runs_with_the_bulk_settings_and_gives_them_back(tmp_path, monkeypatch):
    import db.extract as extract_module

    folder = tmp_path / "in"
    folder.mkdir()
    _text(folder, "a.txt", "Cotton talks", "Meredov met Lavrov about cotton.")
    with Store(tmp_path / "s.db") as store:
        import_paths(store, [folder])
        store.conn.execute("PRAGMA temp_store = 1")
        store.conn.execute("PRAGMA cache_size = -1000")
        seen = []
        real = extract_module.extract

        def extract(article, registry=None):
            seen.append(
                (
                    store.conn.execute("PRAGMA temp_store").fetchone()[0],
                    store.conn.execute("PRAGMA cache_size").fetchone()[0],
                )
            )
            return real(article, registry)

        monkeypatch.setattr(extract_module, "extract", extract)
        assert db.importing.reextract(store) == 1
        assert seen == [(db.bulk.IMPORT_TEMP_STORE, -db.bulk.IMPORT_CACHE_KIB)]
        assert store.conn.execute("PRAGMA temp_store").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -1000
        assert _titles(store) == ["Cotton talks"]
