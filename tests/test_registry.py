"""The registry: one person, many spellings; never merge different people."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.extract.names import split_name
from db.registry import Registry


@pytest.fixture()
def reg() -> Registry:
    return Registry.from_gazetteer()


def _resolve(reg: Registry, written: str, **kw) -> str:
    p = split_name(written)
    return reg.resolve(
        written, p.given or None, p.surname, kw.get("country"), kw.get("role"), kw.get("date")
    )[0]


@pytest.mark.parametrize(
    "written",
    ["V.Hajiyev", "V. Hajiyev", "Vepa Hadjiev", "Вепа Гаджиев", "Vepa Gadzhiev", "Wepa Hajiýew"],
)
def test_hajiyev_spellings(reg, written):
    assert _resolve(reg, written) == "hajiyev-vepa"


def test_declined_russian_forms(reg):
    assert reg.resolve("Гаджиевым", None, "Гаджиевым", None, None, None)[0] == "hajiyev-vepa"
    assert reg.resolve("Лаврова", None, "Лаврова", None, None, None)[0] == "lavrov-sergey"
    assert _resolve(reg, "Рашидом Мередовым") == "meredov-rashid"
    assert _resolve(reg, "Rashid Meredow") == "meredov-rashid"
    assert _resolve(reg, "Rasit Meredov") == "meredov-rashid"


def test_berdimuhamedovs_told_apart_by_given_name(reg):
    for w in [
        "Serdar Berdimuhamedov",
        "Serdar Berdymukhamedov",
        "Сердар Бердымухамедов",
        "Serdar Berdimuhamedow",
        "S. Berdimuhamedov",
    ]:
        assert _resolve(reg, w) == "berdimuhamedov-serdar", w
    for w in [
        "Gurbanguly Berdimuhamedov",
        "Gurbanguly Berdimukhamedov",
        "Гурбангулы Бердымухамедов",
        "G. Berdymukhamedov",
    ]:
        assert _resolve(reg, w) == "berdimuhamedov-gurbanguly", w


def test_berdimuhamedovs_told_apart_by_role_and_date(reg):
    pres = "President of Turkmenistan"
    assert reg.resolve("Berdimuhamedov", None, "Berdimuhamedov", None, pres, "2019-05-01")[0] == (
        "berdimuhamedov-gurbanguly"
    )
    assert reg.resolve("Berdimuhamedov", None, "Berdimuhamedov", None, pres, "2023-05-01")[0] == (
        "berdimuhamedov-serdar"
    )
    hm = "Chairman of the Halk Maslahaty"
    assert reg.resolve("Berdimuhamedov", None, "Berdimuhamedov", None, hm, "2024-01-10")[0] == (
        "berdimuhamedov-gurbanguly"
    )
    former = "former President of Turkmenistan"
    assert reg.resolve("Berdimuhamedov", None, "Berdimuhamedov", None, former, "2022-10-14")[0] == (
        "berdimuhamedov-gurbanguly"
    )


def test_similar_surnames_never_merge():
    reg = Registry()
    a = reg.resolve("Rashid Meredov", "Rashid", "Meredov", "Turkmenistan", None, None)[0]
    b = reg.resolve("Rashid Mamedov", "Rashid", "Mamedov", "Turkmenistan", None, None)[0]
    c = reg.resolve("Rashid Muradov", "Rashid", "Muradov", "Turkmenistan", None, None)[0]
    assert len({a, b, c}) == 3


def test_unknown_person_joins_and_is_found_again():
    reg = Registry.from_gazetteer()
    pid, name = reg.resolve(
        "Batmunkh Battsetseg",
        "Batmunkh",
        "Battsetseg",
        "Mongolia",
        "Foreign Minister of Mongolia",
        "2024-01-01",
    )
    assert pid == "battsetseg-batmunkh" and name == "Batmunkh Battsetseg"
    assert reg.resolve("B. Battsetseg", "B", "Battsetseg", None, None, None)[0] == pid
    assert reg.resolve("Батмунх Батцэцэг", "Батмунх", "Батцэцэг", None, None, None)[0] == pid
    ids = {k[0] for k in reg.known()}
    assert pid in ids
    person = next(k for k in reg.known() if k[0] == pid)
    assert person[2] == "Mongolia" and "B. Battsetseg" in person[3]


def test_same_surname_other_given_is_a_new_person(reg):
    other = _resolve(reg, "Akylbek Japarov", country="Kyrgyzstan")
    assert other != "japarov-sadyr" and other == "japarov-akylbek"
    assert _resolve(reg, "Sadyr Zhaparov") == "japarov-sadyr"


def test_fuzzy_needs_given_or_country():
    reg = Registry()
    reg.add_known("kulubaev-zheenbek", "Zheenbek Kulubaev", "Kyrgyzstan", [], "Zheenbek")
    assert reg.resolve("Jeenbek Kulubayev", "Jeenbek", "Kulubayev", None, None, None)[0] == (
        "kulubaev-zheenbek"
    )
    # a near key with a different given name is another person
    assert reg.resolve("Ivan Kulubaev", "Ivan", "Kulubaev", None, None, None)[0] != (
        "kulubaev-zheenbek"
    )


def test_add_known_seeds_from_store():
    reg = Registry()
    reg.add_known("lavrov-sergey", "Sergey Lavrov", "Russia", ["Sergei Lavrov", "Сергей Лавров"])
    assert reg.resolve("Лавровым", None, "Лавровым", None, None, None) == (
        "lavrov-sergey",
        "Sergey Lavrov",
    )
    assert reg.known()[0][0] == "lavrov-sergey"


def test_gazetteer_loads():
    reg = Registry.from_gazetteer()
    ids = {k[0] for k in reg.known()}
    assert {"putin-vladimir", "meredov-rashid", "yoon-suk-yeol", "orban-viktor"} <= ids
    assert _resolve(reg, "Yoon Suk Yeol") == "yoon-suk-yeol"
    assert _resolve(reg, "Viktor Orban") == "orban-viktor"
    assert _resolve(reg, "Péter Szijjártó") == "szijjarto-peter"


def test_russian_bare_title_matches_the_office(reg):
    rid = reg.resolve("Бердымухамедов", None, "Бердымухамедов", None, "Президент", "2024-01-01")
    assert rid[0] == "berdimuhamedov-serdar"
    rid = reg.resolve("Бердымухамедов", None, "Бердымухамедов", None, "Президент", "2019-01-01")
    assert rid[0] == "berdimuhamedov-gurbanguly"


def test_fuzzy_lookup_scores_only_its_blocks(reg, monkeypatch):
    """A grown registry (thousands of persons) must not make each look-up scan every key."""
    import random

    import db.registry as registry_mod

    rng = random.Random(3)
    syll = ["ka", "ri", "mo", "ta", "le", "na", "sa", "go", "ber", "dan", "mur", "al", "zel"]
    for _ in range(3000):
        sur = (rng.choice(syll) + rng.choice(syll) + rng.choice(syll)).capitalize() + "ov"
        reg.resolve(f"Timur {sur}", "Timur", sur, None, None, None)
    scored: list[int] = []
    real = registry_mod.process.extract

    def counting(query, choices, **kw):
        scored.append(len(choices))
        return real(query, choices, **kw)

    monkeypatch.setattr(registry_mod.process, "extract", counting)
    # one edit away from the gazetteer spelling still resolves, by the blocks alone
    assert _resolve(reg, "Rashid Meredovv") == "meredov-rashid"
    assert _resolve(reg, "Gurbanguly Berdimuhamidov") == "berdimuhamedov-gurbanguly"
    assert _resolve(reg, "Rashid Meredv") == "meredov-rashid"
    assert scored and max(scored) < 300


def test_gazetteer_alias_in_another_order_is_indexed(reg):
    """ "Си Цзиньпин" splits as given "Си": a curated alias is indexed all the same."""
    assert _resolve(reg, "Си Цзиньпином") == "xi-jinping"


_NAMES = [
    "Vepa Hajiyev",
    "V. Hadjiev",
    "Вепа Гаджиев",
    "Rashid Meredov",
    "R. Meredow",
    "Мередов",
    "Ruslan Mamedov",
    "Muradov",
    "Serdar Muradov",
    "Sergey Lavrov",
    "Лавров",
    "Lavrova",
    "Anna Hajieva",
    "Hajiev",
    "Ivan Meredov",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.booleans(),
            st.sampled_from(_NAMES),
            st.sampled_from(["", "Vepa", "R.", "Rustam", "Ruslan"]),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_remembered_candidates_stay_what_a_fresh_look_up_gives(steps):
    """The registry remembers candidates() and forgets only what a new key or given name can
    change: after any mix of look-ups and new people, it answers as if it remembered nothing."""
    reg = Registry.from_gazetteer()
    for add, written, other_given in steps:
        parsed = split_name(written)
        if add:  # a new person, or a new spelling of a known one, as resolve() records them
            _resolve(reg, written)
            continue
        for g in (parsed.given or None, other_given or None):
            got = [p.id for p in reg.candidates(g, parsed.surname)]
            assert got == [p.id for p in reg._candidates(g, parsed.surname, None)]


def test_a_new_near_spelling_is_found_by_a_name_looked_up_before():
    """A name looked up before anyone near it was known finds the newcomer afterwards:
    one letter apart, the fuzzy look-up's pool holds them both."""
    reg = Registry()
    assert reg.candidates("Rustam", "Abdulazisov") == []
    reg.add_known("abdulazizov-rustam", "Rustam Abdulazizov", None)
    assert [p.id for p in reg.candidates("Rustam", "Abdulazisov")] == ["abdulazizov-rustam"]


def test_a_new_given_name_of_a_known_person_is_found_by_a_name_looked_up_before():
    reg = Registry()
    reg.add_known("abdulazizov-rustam", "Rustam Abdulazizov", None)
    assert reg.candidates("Ruslan", "Abdulazizov") == []
    reg.add_known("abdulazizov-rustam", "Rustam Abdulazizov", None, ["Ruslan Abdulazizov"])
    assert [p.id for p in reg.candidates("Ruslan", "Abdulazizov")] == ["abdulazizov-rustam"]


def test_a_new_close_key_is_found_after_a_fuzzy_miss_was_remembered():
    """The fuzzy matches of a key are kept between look-ups; a person who joins with a
    key one letter away must still be found ("Orazmuradov" / "Orazmyradov")."""
    reg = Registry()
    reg.add_known("meredov-rashid", "Rashid Meredov", "Turkmenistan")
    assert reg.candidates("Xan", "Orazmuradov") == []
    reg.add_known("orazmyradov-xan", "Xan Orazmyradov", "Turkmenistan")
    assert [p.id for p in reg.candidates("Xan", "Orazmuradov")] == ["orazmyradov-xan"]
    # a far key leaves the remembered matches as they were
    reg.add_known("lavrov-sergey", "Sergey Lavrov", "Russia")
    assert [p.id for p in reg.candidates("Xan", "Orazmuradov")] == ["orazmyradov-xan"]
