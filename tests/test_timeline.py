"""db.timeline: the counts per period are the search's counts for the same query."""

from __future__ import annotations

from db.models import Filters
from db.search import search
from db.store import Store
from db.timeline import timeline


def test_counts_per_year_equal_search_totals(sample_store: Store) -> None:
    t = timeline(sample_store, "lavrov", period="year")
    assert t.periods and t.periods == sorted(t.periods)
    for period, total in zip(t.periods, t.totals, strict=True):
        assert search(sample_store, f"lavrov date:{period}", Filters(), limit=1).total == total
    dated = search(sample_store, "lavrov", Filters(), limit=1).total
    assert sum(t.totals) <= dated


def test_primary_type_series_add_up_to_the_totals(sample_store: Store) -> None:
    t = timeline(sample_store, "", period="month", by="primary_type")
    assert all(len(p) == 7 for p in t.periods)
    sums = [sum(s[i] for s in t.series.values()) for i in range(len(t.periods))]
    assert all(s <= total for s, total in zip(sums, t.totals, strict=True))
    assert sum(sums) > 0


def test_filters_narrow_the_timeline(sample_store: Store) -> None:
    every = timeline(sample_store, "", by="sphere")
    energy = timeline(sample_store, "sphere:energy", by="sphere")
    assert sum(energy.totals) < sum(every.totals)
    assert energy.series["energy"] == [
        every.series["energy"][every.periods.index(p)] for p in energy.periods
    ]
