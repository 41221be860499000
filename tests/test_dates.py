"""Event dates: explicit days, Russian forms, numeric day-first, relative days, fallbacks."""

from hypothesis import given, settings
from hypothesis import strategies as st

from db.extract.dates import find_event_date

PUB = "2023-05-06"  # a Saturday


def d(text: str, pub: str | None = PUB, title: str = "") -> str | None:
    return find_event_date(text, title, pub, "en")[0]


def test_explicit_days():
    assert d("On May 4, 2023, a meeting was held between the ministers.") == "2023-05-04"
    assert d("The ministers met in Ashgabat on 4 May 2023.") == "2023-05-04"
    assert (
        d("On Friday, June 10, 2022, the presidents signed a declaration.", "2022-06-11")
        == "2022-06-10"
    )
    assert d("4 мая 2023 года состоялась встреча министров.") == "2023-05-04"
    assert d("Министры провели переговоры 28 августа 2025 года в Москве.", None) == "2025-08-28"
    assert d("The ministers met on 12.04.2023 in Ashgabat.") == "2023-04-12"


def test_relative_days_go_backwards():
    assert d("On Tuesday, the ministers met in Ashgabat.") == "2023-05-02"
    assert d("Во вторник министры встретились в Ашхабаде.") == "2023-05-02"
    assert d("Yesterday the ministers held talks.") == "2023-05-05"
    assert d("Вчера министры провели переговоры.") == "2023-05-05"
    assert d("The presidents signed 15 documents on Saturday.") == "2023-05-06"


def test_day_without_year_takes_publication_year():
    assert d("The sides met on 9 June.", "2023-06-10") == "2023-06-09"
    assert d("The sides met on 30 December.", "2024-01-03") == "2023-12-30"


def test_background_and_future_dates_lose():
    text = "On May 4, 2023, the ministers met. The treaty was signed on 2 October 2017, its anniversary was marked."
    assert d(text) == "2023-05-04"
    text = "The summit will be held on May 20, 2023. The sides met on Friday."
    assert d(text) == "2023-05-05"


def test_multi_day_event_headline_day():
    text = "The minister was in Ashgabat on an official visit on June 24-25, 2025. On June 25, the ministers signed a programme."
    assert d(text, "2025-06-26", "Minister pays visit, ministries sign programme") == "2025-06-25"
    assert (
        d("The minister paid an official visit on June 24-25, 2025.", "2025-06-26") == "2025-06-24"
    )


def test_a_bare_year_or_month_is_not_a_day():
    assert d("The talks were held in 2017.") == PUB
    assert d("In May the sides met.") == PUB
    assert find_event_date("The talks were held in 2017.", "", None, "en") == (None, None)


def test_publication_fallback_is_flagged():
    date, ev = find_event_date("No day here.", "", PUB, "en")
    assert date == PUB and ev is not None and ev.cue == "published"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.just(PUB)))
def test_arbitrary_text_never_raises(text, pub):
    find_event_date(text, text[:20], pub, "en")


def test_month_abbreviations_after_september():
    """ "Oct.", "Nov." and "Dec." are months 10-12 ("sept" beside "sep" once shifted them)."""
    assert d("The talks were held on Oct. 12, 2023.", "2023-10-20") == "2023-10-12"
    assert d("The talks were held on Nov. 5, 2023.", "2023-11-20") == "2023-11-05"
    assert d("The talks were held on Dec. 1, 2023.", "2023-12-20") == "2023-12-01"


def test_wire_dateline_is_the_filing_day_not_the_event():
    text = "ANKARA, Oct. 13 (Trend) – The presidents held talks in Ankara on Thursday."
    assert d(text, "2023-10-13") == "2023-10-12"


def test_a_dateline_sentence_gives_way_to_the_day_the_text_names():
    text = (
        "ASHGABAT, Turkmenistan, December 17. The minister held talks in Herat on Saturday "
        "with his Afghan counterpart."
    )
    assert d(text, "2023-12-17") == "2023-12-16"
    ru = "АШХАБАД, 17 декабря. /ТАСС/. Министры провели переговоры в субботу."
    assert find_event_date(ru, "", "2023-12-17", "ru")[0] == "2023-12-16"
    # alone, the dateline's day is still the day (a plain text with no header)
    alone = "АШХАБАД, 17 декабря 2023. Президент Туркменистана принял посла."
    assert find_event_date(alone, "", None, "ru")[0] == "2023-12-17"
    # a weekday opening the sentence is no dateline
    assert d("On Tuesday, May 2, 2023, the ministers met in Ashgabat.") == "2023-05-02"


def _with_teaser(title: str, teaser: str, body: str):
    """A header-layout article published 2025-01-28, its teaser ending with that date."""
    from db.models import ParsedArticle

    return ParsedArticle(
        title=title, teaser=teaser, body=body, published="2025-01-28", layout="header"
    )


def test_a_teaser_may_be_the_only_place_that_names_the_day():
    from db.extract import extract

    facts = extract(
        _with_teaser(
            "Turkmen and Japanese diplomats hold consultations in Tokyo",
            "Political consultations were held in Tokyo on 27 January... 28.01.2025",
            "The consultations took place in the Japanese capital. The sides met at the ministry.",
        )
    )
    assert facts.date == "2025-01-27"
    assert facts.date_source == "text"
    # the stamp a teaser ends with is the publication day, no event
    stamped = _with_teaser(
        "Consultations in Tokyo",
        "Turkmen and Japanese diplomats met in Tokyo... 28.01.2025",
        "The consultations took place in the Japanese capital.",
    )
    assert extract(stamped).date_source == "published"


def test_a_past_weekday_with_an_adjective_counts_back():
    ru = "Министр в минувший вторник провёл переговоры в Ашхабаде."
    assert find_event_date(ru, "", "2025-01-17", "ru")[0] == "2025-01-14"
    assert (
        find_event_date("Он в прошлую среду встретился с послом.", "", "2025-01-17", "ru")[0]
        == "2025-01-15"
    )
    assert d("The ministers met last Tuesday in Ashgabat.", "2025-01-17") == "2025-01-14"


def test_a_date_alone_in_its_sentence_is_a_dateline():
    text = "Москва. 17 января. INTERFAX - Министр в минувший вторник провёл переговоры."
    assert find_event_date(text, "", "2025-01-17", "ru")[0] == "2025-01-14"


def test_the_eve_alone_is_the_day_before_the_story_the_eve_of_something_is_not():
    text = "АШХАБАД, 29 марта. /ТАСС/. Заседание комиссии состоялось накануне в Ашхабаде."
    assert find_event_date(text, "", "2024-03-29", "ru")[0] == "2024-03-28"
    eve = "Министр прибыл в Ашхабад накануне визита президента."
    assert find_event_date(eve, "", "2024-03-29", "ru")[1].cue == "published"


def test_day_forms_with_an_ending_and_iso_days_in_the_text():
    assert find_event_date("17-го апреля 2024 года состоялись переговоры.", "", None, "ru")[0] == (
        "2024-04-17"
    )
    assert d("Ashgabat, 2024-05-14. Political consultations were held.", None) == "2024-05-14"


def test_of_two_days_in_one_sentence_the_story_is_about_the_recent_or_the_later():
    recent = (
        "Building on the consensus reached by the two presidents in Astana on June 17, Wang "
        "Yi held talks with Rashid Meredow in Beijing on Wednesday."
    )
    assert d(recent, "2025-07-10") == "2025-07-09"
    later = (
        "Almost two years after their last meeting on 2 June 2023, the leaders met on 3-4 "
        "April 2025 in Samarkand."
    )
    assert d(later, None) == "2025-04-03"


_DATE_PARTS = st.sampled_from(
    "4 24 31 45 May June Sept. Dec мая ИЮНЯ августе ᲀ 2023 1999 . , - – Friday Monday, "
    "of г. 10.06.2022 1.5.2023 3.1 года on the talks Ashgabat 2024-05-14 17-го".split()
    + [" ", "  "]
)


@given(st.lists(_DATE_PARTS, max_size=12).map(" ".join))
@settings(max_examples=400, deadline=None)
def test_the_patterns_skipped_for_a_missing_word_would_have_found_nothing(sentence):
    """Each date pattern is run only where the word it needs is present (a month name,
    Cyrillic, "d.m."): on any sentence, that finds exactly what running all of them does."""
    import re

    from db.extract import dates

    guarded = dates._sentence_matches.__wrapped__(sentence)
    always = re.compile("")
    real = dates._NEEDS
    dates._NEEDS = tuple((always, patterns) for _, patterns in real)
    try:
        assert dates._sentence_matches.__wrapped__(sentence) == guarded
    finally:
        dates._NEEDS = real
