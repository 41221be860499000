"""Search and facets on a small store written by the test (no extraction involved)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.facets import facet_counts
from db.models import Filters, OfficialMention
from db.search import search
from db.store import Store
from tests.conftest import add_article

MEREDOV_LAT = OfficialMention(
    "meredov-rashid",
    "Rashid Meredov",
    ["Rashid Meredov", "Meredow"],
    "Minister of Foreign Affairs",
    "Turkmenistan",
)
MEREDOV_CYR = OfficialMention(
    "meredov-rashid",
    "Rashid Meredov",
    ["Рашид Мередов", "Мередовым"],
    "Министр иностранных дел",
    "Turkmenistan",
)
HAJIYEV_LAT = OfficialMention(
    "hajiyev-vepa", "Vepa Hajiyev", ["V.Hajiyev"], "Deputy Minister", "Turkmenistan"
)
HAJIYEV_CYR = OfficialMention(
    "hajiyev-vepa", "Vepa Hajiyev", ["Вепа Гаджиев"], "заместитель министра", "Turkmenistan"
)
LAVROV = OfficialMention(
    "lavrov-sergey", "Sergey Lavrov", ["Sergey Lavrov"], "Minister of Foreign Affairs", "Russia"
)
MAMEDOV = OfficialMention(
    "mamedov-ahmet", "Ahmet Mamedov", ["Ahmet Mamedov"], "Ambassador", "Turkmenistan"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "s.db"
    with Store(path) as s:
        add_article(
            s,
            "1.txt",
            "Meredov and Lavrov discuss strategic partnership",
            "Rashid Meredow met Sergey Lavrov in Moscow on energy and gas.",
            "2023-05-04",
            [MEREDOV_LAT, LAVROV],
            ["energy", "political-diplomatic"],
            ["meeting"],
            ["Turkmenistan", "Russia"],
        )
        add_article(
            s,
            "2.txt",
            "Министр встретился с коллегой",
            "Встреча с Рашидом Мередовым прошла в Ашхабаде.",
            "2022-03-01",
            [MEREDOV_CYR],
            ["political-diplomatic"],
            ["meeting"],
            ["Turkmenistan"],
        )
        add_article(
            s,
            "3.txt",
            "Вепа Гаджиев провёл консультации",
            "Вепа Гаджиев и Михаил Галузин обсудили региональную безопасность.",
            "2023-01-10",
            [HAJIYEV_CYR],
            ["security"],
            ["consultations"],
            ["Turkmenistan", "Russia"],
        )
        add_article(
            s,
            "4.txt",
            "Hajiyev and Galuzin hold consultations",
            "V.Hajiyev and M.Galuzin held consultations on regional security.",
            "2021-07-01",
            [HAJIYEV_LAT],
            ["security"],
            ["consultations"],
            ["Turkmenistan", "Russia"],
        )
        add_article(
            s,
            "5.txt",
            "Ambassador Mamedov presents credentials",
            "Ahmet Mamedov presented his credentials in Beijing.",
            "2020-02-02",
            [MAMEDOV],
            ["political-diplomatic"],
            ["meeting"],
            ["Turkmenistan", "China"],
        )
    return Store(path)


def titles(result) -> set[str]:
    return {r.title for r in result.rows}


def test_no_query_lists_newest_first(store):
    result = search(store, "")
    assert [r.date for r in result.rows] == sorted((r.date for r in result.rows), reverse=True)
    assert result.total == result.store_total == 5


def test_cyrillic_query_finds_latin_spellings_and_the_reverse(store):
    assert {r.id for r in search(store, "Мередов").rows} == {1, 2}
    assert {r.id for r in search(store, "Meredov").rows} == {1, 2}


def test_latin_transliteration_finds_cyrillic_and_other_spellings(store):
    assert {r.id for r in search(store, "Gadzhiev").rows} == {3, 4}
    assert {r.id for r in search(store, "Hadjiev").rows} == {3, 4}


def test_close_names_stay_apart(store):
    assert {r.id for r in search(store, "Mamedov").rows} == {5}
    assert 5 not in {r.id for r in search(store, "Meredov").rows}


def test_typos_are_tolerated(store):
    assert 4 in {r.id for r in search(store, "Galuzn").rows}
    assert search(store, "strategc partnrship").rows[0].id == 1


def test_prefix_while_typing(store):
    assert 1 in {r.id for r in search(store, "strat").rows}
    assert 1 in {r.id for r in search(store, "strategic pa").rows}  # two letters: a prefix


def test_a_one_letter_last_word_waits_for_the_next_letter(store):
    """ "strategic p" keeps the results of "strategic" rather than emptying the list."""
    before = search(store, "strategic")
    after = search(store, "strategic p")
    assert before.total > 0
    assert [r.id for r in after.rows] == [r.id for r in before.rows]
    assert search(store, "s").total == search(store, "").total  # a lone letter: everything
    assert search(store, "strategic p partnership").total <= before.total  # not last: a word


def test_exact_phrase(store):
    assert {r.id for r in search(store, '"regional security"').rows} == {4}
    assert search(store, '"security regional"').total == 0


def test_filters_combine_and_count(store):
    result = search(store, "", Filters(spheres=["security"], countries=["russia"]))
    assert {r.id for r in result.rows} == {3, 4}
    assert result.total == 2
    result = search(store, "official:meredov date:2023")
    assert {r.id for r in result.rows} == {1}


def test_official_filter_finds_every_spelling(store):
    assert {r.id for r in search(store, "official:Мередов").rows} == {1, 2}
    assert {r.id for r in search(store, "", Filters(officials=["hajiyev-vepa"])).rows} == {3, 4}


def test_unknown_filter_value_returns_nothing_with_a_message(store):
    result = search(store, "official:nobodyknown")
    assert result.total == 0 and "nobodyknown" in (result.message or "")
    result = search(store, "country:atlantis")
    assert result.total == 0 and "atlantis" in (result.message or "")


def test_facets_count_under_every_filter_but_their_own(store):
    facets = {f.name: f for f in facet_counts(store, "", Filters(spheres=["security"]))}
    spheres = {v.value: v.count for v in facets["spheres"].values}
    assert spheres["security"] == 2 and spheres["energy"] == 1  # own filter ignored
    countries = {v.value: v.count for v in facets["countries"].values}
    assert countries == {"Turkmenistan": 2, "Russia": 2}
    officials = {v.value: v.label for v in facets["officials"].values}
    assert officials == {"hajiyev-vepa": "Vepa Hajiyev (Turkmenistan)"}


def test_facet_counts_match_the_list(store):
    result = search(store, "consultations")
    facets = {f.name: f for f in facet_counts(store, "consultations")}
    assert sum(v.count for v in facets["years"].values) == result.total


@pytest.mark.parametrize(
    "query", ["", "consultations", "official:meredov", "sphere:security country:russia"]
)
def test_counting_by_numpy_pairs_equals_counting_by_bitmaps(store, monkeypatch, query):
    """A facet with many values is counted by a numpy bincount, a small one by bitmap ANDs:
    both give the same values, counts and order."""
    import db.facet_index as fi

    by_bitmaps = facet_counts(store, query, size=3)
    fi._cache.clear()
    monkeypatch.setattr(fi, "PAIRS_MIN_VALUES", 1)
    by_pairs = facet_counts(store, query, size=3)
    assert fi.facet_index(store).pairs  # the numpy path did run
    fi._cache.clear()
    assert [(f.name, f.more, [(v.value, v.count) for v in f.values]) for f in by_pairs] == [
        (f.name, f.more, [(v.value, v.count) for v in f.values]) for f in by_bitmaps
    ]
    assert any(f.values for f in by_pairs)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_no_query_breaks_search(store, text):
    result = search(store, text)
    assert result.total >= len(result.rows)


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "AND",
        "NEAR(",
        "'",
        ";--",
        "-",
        "^",
        "a" * 5000,
        "й",
        "и\u0306",
        "😀",
        'official:"',
        "date:",
        "sphere:*",
    ],
)
def test_hostile_queries_return_results_or_nothing(store, query):
    result = search(store, query)
    facets = facet_counts(store, query)
    assert result.total >= 0 and len(facets) == 5


@pytest.mark.parametrize(
    "query", ["strategic partnership", "meredov gas", '"regional security" galuzin', "lavrov zzqx"]
)
def test_word_bitmaps_give_the_whole_query_s_matches(store, query):
    """A word at a time (each word's bitmap kept for the next keystrokes) must match what
    one FTS5 pass over the whole expression finds."""
    from db.search import hits_mask, prepare, text_hits

    text = prepare(store, query).text
    size = store.conn.execute("select max(id) + 1 from articles").fetchone()[0]
    assert len(text.groups) >= 2
    whole = hits_mask(store.conn, text.fts, size)
    assert text_hits(store, text, size) == whole
    assert text_hits(store, text, size) == whole  # the second time from the kept bitmaps


@pytest.mark.parametrize("query", ["strategic partn", "consultations se", "gal", "regional secu"])
def test_a_typed_prefix_as_its_words_gives_the_prefix_query_s_matches(store, query):
    """With the vocabulary loaded, the word being typed is matched as the OR of the index
    words it starts (each kept): the same articles as FTS5's own prefix query."""
    import db.search as search_module
    from db.search import hits_mask, prepare, text_hits, vocabulary

    vocabulary(store).load_all(store.conn)
    search_module._group_cache.clear()
    text = prepare(store, query).text
    assert text.parts[-1] is not None and text.parts[-1][1]  # a prefix is being typed
    size = store.conn.execute("select max(id) + 1 from articles").fetchone()[0]
    whole = hits_mask(store.conn, text.fts, size)
    assert whole  # each of these finds something in the test store
    assert text_hits(store, text, size) == whole
    kept = {key[3] for key in search_module._group_cache}
    assert any(g.startswith('"') and g.endswith('"') and "*" not in g for g in kept)
    assert text_hits(store, text, size) == whole


def test_kept_word_bitmaps_follow_an_import(tmp_path):
    """A new article with the words is found right after it is stored (the kept word
    bitmaps belong to the store's generation)."""
    from db.search import match

    with Store(tmp_path / "s.db") as store:
        add_article(store, "a.txt", "Cotton fair", "Cotton exports.", "2024-01-01")
        add_article(store, "b.txt", "Caspian sturgeon talks", "Caspian sturgeon quotas.")
        assert match(store, "caspian sturgeon", build_index=True).total == 1
        # a.txt again, rewritten: same id, so only the store's generation tells the change
        add_article(store, "a.txt", "Caspian sturgeon fair", "Caspian sturgeon too.")
        assert store.article_count() == 2
        assert match(store, "caspian sturgeon", build_index=True).total == 2


def test_two_letters_keep_the_index_order_without_fuzzy_ranking(store, monkeypatch):
    """A fuzzy score of two letters says nothing: the page keeps the index's order, and
    three letters are ranked again."""
    import db.facet_index as fi
    import db.search as search_module

    fi.facet_index(store)  # the bitmap path, as in the app after its warm-up
    calls = []
    real = search_module.rank_ids
    monkeypatch.setattr(
        search_module,
        "rank_ids",
        lambda conn, ids, text: calls.append(ids) or real(conn, ids, text),
    )
    assert search(store, "co").total > 0
    assert calls == []
    assert search(store, "con").total > 0
    assert calls


def test_two_threads_asking_for_the_facet_index_build_it_once(store, monkeypatch):
    """The first keystroke's search arrives while the warm-up builds the index: it waits
    for that build rather than running a second one beside it."""
    import threading
    import time

    import db.facet_index as fi

    fi._cache.clear()
    builds = []
    real_init = fi.FacetIndex.__init__

    def slow_init(self, s):
        builds.append(threading.current_thread().name)
        time.sleep(0.2)
        real_init(self, s)

    monkeypatch.setattr(fi.FacetIndex, "__init__", slow_init)
    got = []
    threads = [threading.Thread(target=lambda: got.append(fi.facet_index(store))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(builds) == 1
    assert got[0] is got[1]
    fi._cache.clear()


def test_saved_facet_bitmaps_load_as_built_and_only_while_current(tmp_path, monkeypatch):
    """The bitmaps saved after a change load equal to a fresh build (the officials' numpy
    pairs too), and not once the store has changed again."""
    import db.facet_index as fi
    from db.importing import refresh_caches

    monkeypatch.setattr(fi, "PAIRS_MIN_VALUES", 1)  # every facet gets its pairs
    with Store(tmp_path / "f.db") as s:
        add_article(
            s,
            "a.txt",
            "Gas talks",
            "Gas.",
            "2023-05-04",
            [MEREDOV_LAT, LAVROV],
            ["energy"],
            ["meeting"],
            ["Turkmenistan", "Russia"],
        )
        add_article(
            s,
            "b.txt",
            "Security",
            "Security.",
            "2022-01-02",
            [HAJIYEV_LAT],
            ["security"],
            ["consultations"],
            ["Turkmenistan"],
        )
        refresh_caches(s)
        fi._cache.clear()
        loaded = fi.load_facet_index(s)
        built = fi.FacetIndex(s)
        assert loaded is not None and loaded.size == built.size
        assert (loaded.all, loaded.values, loaded.months) == (built.all, built.values, built.months)
        assert set(loaded.pairs) == set(built.pairs) == {*fi.FACET_TABLES, "years"}
        for name, pairs in built.pairs.items():
            assert loaded.pairs[name].names == pairs.names
            assert loaded.pairs[name].articles.tolist() == pairs.articles.tolist()
            assert loaded.pairs[name].values.tolist() == pairs.values.tolist()
        assert loaded.count("officials", loaded.all, 5) == built.count("officials", built.all, 5)
        assert "date_order" in vars(loaded)  # read with the bitmaps, not from the articles
        assert loaded.date_rank.tolist() == built.date_rank.tolist()
        assert loaded.newest(loaded.all, 2) == built.newest(built.all, 2) == [1, 2]
        add_article(s, "c.txt", "Cotton", "Cotton.", "2024-01-01")
        assert fi.load_facet_index(s) is None  # stale: built instead
        fi._cache.clear()
        assert fi.facet_index(s).total == 3
        fi._cache.clear()


def test_a_filtered_page_without_words_is_newest_first_as_the_store_orders(tmp_path):
    """Filters alone: the newest articles of the filtered set, in the store's own order
    (event date, newest first; the same date: the later id first; no date: last)."""
    from db.facet_index import facet_index
    from db.search import search

    with Store(tmp_path / "n.db") as store:
        dates = ["2023-05-01", None, "2024-01-02", "2023-05-01", "2022-12-31", "2024-01-02", None]
        for n, date in enumerate(dates):
            add_article(store, f"{n}.txt", f"Talks {n}", "Gas talks.", date, spheres=["energy"])
        add_article(store, "x.txt", "Other", "Cotton.", "2025-01-01", spheres=["trade-economic"])
        expected = [
            r[0]
            for r in store.conn.execute(
                "select a.id from articles a join article_spheres s on s.article_id = a.id "
                "where s.sphere = 'energy' order by a.event_date desc, a.id desc"
            )
        ]
        facet_index(store)  # the bitmaps path
        for limit in (1, 3, len(dates), 20):
            found = search(store, "sphere:energy", limit=limit)
            assert [r.id for r in found.rows] == expected[:limit]
        later = search(store, "sphere:energy", limit=3, offset=2)
        assert [r.id for r in later.rows] == expected[2:5]


def test_a_typo_in_every_word_still_ranks_a_title_with_both_words_first(sample_store):
    """A typo in every word ("strategc partnrship"): the bm25 order is corrected by how
    closely the title and names match the typed words, typos and all."""
    found = search(sample_store, "strategc partnrship", limit=5)
    assert found.rows
    title = found.rows[0].title.lower()
    assert "strategic" in title and "partnership" in title


def test_a_short_query_ranks_a_title_word_that_starts_so_first(tmp_path):
    """Three or four letters ("gas", "Мер") rank by whole-word starts in the title and
    names: a title saying it comes before articles that say it only in the body, however
    often, and a word merely containing the letters ("Vegas") does not count."""
    import db.facet_index as fi

    with Store(tmp_path / "s.db") as store:
        add_article(store, "a.txt", "Gas pipeline talks", "Exports.", "2020-01-01")
        for n in range(5):  # more of the word in the body: bm25 puts these first
            body = "Gas, gas and gas again: gas prices were discussed."
            add_article(store, f"n{n}.txt", f"Talks in Vegas {n}", body, "2024-01-01")
        fi.facet_index(store)  # the bitmap path, as in the app after its warm-up
        for query in ("gas", "gas p", "Гас"):
            found = search(store, query, limit=3)
            assert found.total == 6 if query != "gas p" else found.total >= 1
            assert found.rows[0].title == "Gas pipeline talks", query
