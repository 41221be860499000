"""Places: where the event took place, not places merely mentioned."""

from db.extract.places import find_places
from db.extract.text import split_sentences


def places(title: str, text: str) -> list[str]:
    return find_places(title, split_sentences(text))


def test_city_of_the_event():
    assert places("Ministers hold talks in Ashgabat", "They met.") == ["Ashgabat"]
    assert places("", "On December 7, 2022, Moscow hosted the meeting.") == ["Moscow"]
    assert places("Президенты подписали в Душанбе декларацию", "Встреча прошла.") == ["Dushanbe"]
    assert places("", "Президент прибыл в Москву с официальным визитом.") == ["Moscow"]


def test_mentions_and_metonymy_do_not_count():
    assert places("Ashgabat thanks Russia for support", "The ministers talked by phone.") == []
    assert places("", "They talked. Ties with St. Petersburg and Kazan are good. Links grow.") == []


def test_landmark_venue_only_for_the_event():
    assert places("", "The presidents met in Moscow on June 10. In the Kremlin they talked.") == [
        "Moscow",
        "Kremlin",
    ]
    assert "Kremlin" not in places(
        "", "The leaders met in Ashgabat. The Kremlin's website posted it."
    )


def test_a_dateline_opening_the_body_gives_the_place():
    for body, city in [
        ("Ашхабад, 8 октября 2026 года. Президент принял министра.", "Ashgabat"),
        ("BRUSSELS, June 19 (Reuters) - The EU and Turkmenistan held a dialogue.", "Brussels"),
        ("ANKARA, Nov. 5, 2026 — The presidents held talks.", "Ankara"),
    ]:
        assert places("", body) == [city], body
    # a city opening an ordinary sentence is not a dateline
    assert places("", "Moscow, 5 companies signed contracts there. Talks went on.") == []
    assert places("", "Talks went on. Baku, 5 May 2026. The sides met.") == []


def test_a_dateline_after_a_teaser_and_the_lead_after_a_dateline():
    teaser = "Сопредседатели комиссии обсудили энергетику."
    body = (
        "АШХАБАД, 29 марта. /ТАСС/. Заседание межправительственной комиссии состоялось "
        "накануне в Ашхабаде."
    )
    sentences = (teaser, *split_sentences(body))
    assert find_places("Комиссия обсудила транзит", sentences, "ru", teaser=1) == ["Ashgabat"]
    assert places("", "Ashgabat, 2024-05-14. Political consultations were held.") == ["Ashgabat"]


def test_in_the_city_of():
    ru = "14 декабря в городе Туркменбаши состоялся первый трёхсторонний саммит."
    assert find_places("", split_sentences(ru), "ru") == ["Turkmenbashi"]
    assert places("", "The summit took place in the city of Turkmenbashi.") == ["Turkmenbashi"]
