"""The query syntax: free words, phrases and field:value filters, in step with the panel."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from db.models import Filters
from db.query import format_query, parse_query


def test_every_field_parses():
    q = parse_query(
        'meredov "strategic partnership" official:lavrov sphere:energy type:phone '
        "country:china date:2022-06..2023-05"
    )
    assert q.words == ["meredov"]
    assert q.phrases == ["strategic partnership"]
    assert q.filters.officials == ["lavrov"]
    assert q.filters.spheres == ["energy"]
    assert q.filters.event_types == ["phone-call"]
    assert q.filters.countries == ["china"]
    assert (q.filters.date_from, q.filters.date_to) == ("2022-06", "2023-05")
    assert q.errors == []


def test_single_year_and_open_ranges():
    assert parse_query("date:2023").filters.date_from == "2023"
    assert parse_query("date:2023").filters.date_to == "2023"
    q = parse_query("date:..2021-3")
    assert (q.filters.date_from, q.filters.date_to) == (None, "2021-03")


def test_bad_values_are_reported_not_raised():
    q = parse_query("sphere:nonsense date:yesterday type:")
    assert any("unknown sphere 'nonsense'" in e for e in q.errors)
    assert any("bad date 'yesterday'" in e for e in q.errors)
    assert q.filters.is_empty()


def test_format_is_the_inverse_of_parse():
    filters = Filters(
        officials=["meredov-rashid"],
        spheres=["energy"],
        countries=["Russia"],
        date_from="2022",
        date_to="2023",
    )
    text = format_query("gas pipeline", filters)
    back = parse_query(text)
    assert back.text == "gas pipeline"
    assert back.filters == filters


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses_without_exception(text):
    q = parse_query(text)
    assert isinstance(q.errors, list)
    # what format_query writes parses to the same filters
    assert parse_query(format_query("", q.filters)).filters == q.filters
