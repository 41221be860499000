"""An official's record across spellings; merge and split persist through re-extraction."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from db.importing import reextract
from db.officials import get_record, list_officials, merge_officials, split_official
from db.store import Store


@pytest.fixture
def store(sample_store_path: Path, tmp_path: Path):
    """A private copy of the sample store: these tests change it."""
    path = tmp_path / "copy.db"
    shutil.copy(sample_store_path, path)
    s = Store(path)
    yield s
    s.close()


def test_record_of_an_official_with_several_spellings(sample_store: Store) -> None:
    r = get_record(sample_store, "berdimuhamedov-serdar")
    scripts = {script for _, script in r.spellings}
    assert {"latin", "cyrillic"} <= scripts
    assert any("Бердымухамедов" in s for s, _ in r.spellings)
    assert len(r.spellings) >= 3
    dates = [e.date for e in r.events if e.date]
    assert dates == sorted(dates) and len(r.events) >= 3
    assert any(role.role.startswith("President") for role in r.roles)
    assert all(role.first and role.last and role.first <= role.last for role in r.roles)
    assert any(e.counterparts for e in r.events)


def test_merge_survives_reextraction(store: Store) -> None:
    both = {
        e.article_id
        for oid in ("overchuk-alexey", "meredov-rashid")
        for e in get_record(store, oid).events
    }
    merge_officials(store, "overchuk-alexey", "meredov-rashid")
    merged = get_record(store, "meredov-rashid")
    assert len(merged.events) == len(both)  # one event per article
    assert {e.article_id for e in merged.events} == both
    reextract(store)
    assert "overchuk-alexey" not in {i for i, *_ in list_officials(store)}
    assert {e.article_id for e in get_record(store, "meredov-rashid").events} == both


def test_split_survives_reextraction(store: Store) -> None:
    r = get_record(store, "berdimuhamedov-serdar")
    cyrillic = [s for s, script in r.spellings if script == "cyrillic"]
    new_id = split_official(store, "berdimuhamedov-serdar", cyrillic, "Serdar Test Double")
    moved = {e.article_id for e in get_record(store, new_id).events}
    kept = {e.article_id for e in get_record(store, "berdimuhamedov-serdar").events}
    assert moved and kept
    reextract(store)
    assert {e.article_id for e in get_record(store, new_id).events} == moved
    after = get_record(store, "berdimuhamedov-serdar")
    assert not {s for s, _ in after.spellings} & set(cyrillic)
    assert {e.article_id for e in after.events} == kept


def test_a_merge_keeps_the_saved_terms_and_word_starts(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Merging officials changes no article's text: the index's saved terms and word
    starts stay usable under the store's new generation."""
    import db.prefix_bitmaps as pb
    from db.importing import refresh_caches
    from db.search import saved_terms

    monkeypatch.setattr(pb, "BROAD_MIN_ARTICLES", 1)  # 28 articles: save every start
    refresh_caches(store)
    terms = saved_terms(store.conn, store.generation())
    assert terms
    merge_officials(store, "overchuk-alexey", "meredov-rashid")
    now = store.generation()
    assert saved_terms(store.conn, now) == terms
    generations = {g for (g,) in store.conn.execute("select generation from prefix_bitmaps")}
    assert generations == {now}
