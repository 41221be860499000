"""The two-letter word starts saved with the store: the same matches as the index's own
prefix query, and never used once the store has changed."""

from __future__ import annotations

import pytest

import db.search as search_module
from db.importing import refresh_caches
from db.prefix_bitmaps import load_prefix_bitmaps, prefix_bitmaps
from db.search import hits_mask, prepare, text_hits
from db.store import Store
from tests.conftest import add_article
from tests.test_search import HAJIYEV_CYR, HAJIYEV_LAT, LAVROV, MEREDOV_CYR


@pytest.fixture()
def store(tmp_path, monkeypatch):
    import db.prefix_bitmaps as pb

    monkeypatch.setattr(pb, "BROAD_MIN_ARTICLES", 1)  # a three-article store: save them all
    with Store(tmp_path / "p.db") as s:
        add_article(
            s,
            "1.txt",
            "Gas talks",
            "Meredov and Lavrov discussed gas.",
            "2023-01-02",
            [MEREDOV_CYR, LAVROV],
        )
        add_article(
            s,
            "2.txt",
            "Consultations",
            "Вепа Гаджиев провёл консультации.",
            "2023-02-03",
            [HAJIYEV_CYR],
        )
        add_article(
            s, "3.txt", "Galuzin in Ashgabat", "V.Hajiyev met Galuzin.", "2024-01-01", [HAJIYEV_LAT]
        )
        refresh_caches(s)
        yield s


def cached_store(path, bodies: list[tuple[str, str]]) -> Store:
    """A store of these (title, body) articles with its caches saved and loaded, as the
    app's warm-up leaves them."""
    store = Store(path)
    for n, (title, body) in enumerate(bodies, 1):
        add_article(store, f"{n}.txt", title, body, f"2023-01-{n:02}")
    refresh_caches(store)
    load_prefix_bitmaps(store)
    search_module.vocabulary(store).load_all(store.conn, store.generation())
    return store


def size_of(store: Store) -> int:
    return store.conn.execute("select max(id) + 1 from articles").fetchone()[0]


@pytest.mark.parametrize("query", ["ga", "Га", "me", "gas ha", "lavrov co", "zq"])
def test_a_two_letter_start_from_the_saved_bitmaps_matches_the_index(store, query):
    search_module._group_cache.clear()
    load_prefix_bitmaps(store)
    size = size_of(store)
    saved = prefix_bitmaps(store, store.generation(), size)
    assert saved and "ga" in saved and "me" in saved
    text = prepare(store, query).text
    assert text.parts[-1][1] and len(text.parts[-1][1]) == 2
    assert text_hits(store, text, size) == hits_mask(store.conn, text.fts, size)


def test_a_two_letter_start_finds_the_articles(store):
    load_prefix_bitmaps(store)
    size = size_of(store)
    search_module._group_cache.clear()
    hits = text_hits(store, prepare(store, "ga").text, size)
    assert {i for i in range(size) if hits >> i & 1} == {1, 2, 3}  # gas; гаджиев; galuzin


def test_saved_bitmaps_are_not_used_after_the_store_changed(store):
    load_prefix_bitmaps(store)
    generation = store.generation()
    add_article(store, "4.txt", "Gazprom", "Gazprom delegation.", "2024-02-02")
    assert store.generation() != generation
    size = size_of(store)
    assert prefix_bitmaps(store, store.generation(), size) is None
    search_module._group_cache.clear()
    hits = text_hits(store, prepare(store, "ga").text, size)
    assert hits >> 4 & 1  # the new article, from the index itself
    load_prefix_bitmaps(store)  # stale rows: nothing loaded for the new generation
    assert prefix_bitmaps(store, store.generation(), size) is None


def test_only_broad_prefixes_are_saved_and_the_rest_ask_the_index(tmp_path, monkeypatch):
    import db.prefix_bitmaps as pb

    monkeypatch.setattr(pb, "BROAD_MIN_ARTICLES", 2)
    bodies = [("Gas", "Gas talks."), ("Galuzin", "Galuzin arrived."), ("Meredov", "Meredov spoke.")]
    with cached_store(tmp_path / "b.db", bodies) as s:
        size = size_of(s)
        saved = prefix_bitmaps(s, s.generation(), size)
        assert "ga" in saved and "me" not in saved  # two articles; one
        search_module._group_cache.clear()
        hits = text_hits(s, prepare(s, "me").text, size)
        assert hits == hits_mask(s.conn, prepare(s, "me").text.fts, size) == 1 << 3


@pytest.mark.parametrize("query", ["gal", "gas", "lavrov mer", "consul", "гадж", "meredov gas"])
def test_longer_starts_and_words_from_the_broad_words_match_the_index(store, query, monkeypatch):
    """From the third letter on, a word start is the OR of its broad words' saved bitmaps
    and one index query for its rare words: the same matches as the index's own query."""
    from db.prefix_bitmaps import word_bitmaps

    search_module._group_cache.clear()
    load_prefix_bitmaps(store)
    search_module.vocabulary(store).load_all(store.conn, store.generation())
    size = size_of(store)
    broad = word_bitmaps(store, store.generation(), size)
    assert broad and "gas" in broad and "galuzin" in broad
    text = prepare(store, query).text
    asked: list[str] = []
    real = search_module.hits_mask
    monkeypatch.setattr(
        search_module, "hits_mask", lambda conn, fts, n: asked.append(fts) or real(conn, fts, n)
    )
    assert text_hits(store, text, size) == real(store.conn, text.fts, size)
    assert not asked  # every word of this little store is broad: nothing asked of the index


def test_rare_words_of_a_start_are_asked_of_the_index(tmp_path, monkeypatch):
    import db.prefix_bitmaps as pb

    monkeypatch.setattr(pb, "BROAD_MIN_ARTICLES", 2)
    bodies = [
        ("Gas", "Gas talks with Galuzin."),
        ("Galuzin", "Galuzin arrived for gas talks."),
        ("Galkynysh", "The Galkynysh field."),
    ]
    with cached_store(tmp_path / "w.db", bodies) as s:
        size = size_of(s)
        broad = pb.word_bitmaps(s, s.generation(), size)
        assert "galuzin" in broad and "galkynysh" not in broad
        search_module._group_cache.clear()
        text = prepare(s, "gal").text
        assert text_hits(s, text, size) == hits_mask(s.conn, text.fts, size) == 0b1110
