"""Facet counts: each facet counted under the query and every active filter but its own.

That is how Datasette and most faceted search do it: a user can widen a facet (OR within
it) while the counts still answer "how many if I add this value". The counting itself is
done on in-memory bitmaps (db.facet_index), so it costs microseconds per value however
many articles match; only the text query's matches come from SQLite (FTS5).
"""

from __future__ import annotations

import json
import sqlite3

from db.facet_index import facet_index
from db.filtering import FACET_TABLES
from db.models import Facet, FacetValue, Filters
from db.schema import EVENT_TYPES, SPHERES
from db.search import Matches, match, text_hits, vocabulary
from db.store import Store

FACET_NAMES = ("officials", "spheres", "event_types", "countries", "years")
DEFAULT_SAVED = 300  # values per facet saved for the first screen ("more…" included)


def facet_counts(
    store: Store, query: str, filters: Filters | None = None, size: int = 30
) -> list[Facet]:
    """Counts for every facet, for the query text and filters."""
    return counts_for(store, match(store, query, filters, build_index=True), size)


def counts_for(store: Store, found: Matches, size: int = 30) -> list[Facet]:
    """Counts for every facet of a match set (the one the list was drawn from)."""
    prepared = found.prepared
    if prepared.impossible:
        return [Facet(name, []) for name in FACET_NAMES]
    if prepared.text is None and prepared.filters.is_empty():
        cached = stored_default_facets(store, size)
        if cached is not None:
            return cached
    index, hits = found.index, found.hits
    if index is None:  # found before the bitmaps were built: build them, match again
        index = facet_index(store)
        hits = text_hits(store, prepared.text, index.size) if prepared.text else None
    if hits is None:
        hits = index.all
    counted = []
    for name in FACET_NAMES:
        mask = hits & index.filter_mask(prepared.filters, skip=name)
        counted.append((name, *index.count(name, mask, size)))
    return _facets(store, counted)


def _facets(store: Store, counted: list[tuple[str, list[tuple[str, int]], bool]]) -> list[Facet]:
    """Facets with their labels (the officials' names in one query)."""
    ids = [v for name, values, _ in counted if name == "officials" for v, _ in values]
    names = _official_labels(store, ids)
    return [
        Facet(name, [FacetValue(v, _label(names, name, v), n) for v, n in values], more)
        for name, values, more in counted
    ]


def _official_labels(store: Store, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return {
        oid: f"{name} ({country})" if country else name
        for oid, name, country in store.conn.execute(
            f"select id, name, country from officials where id in ({marks})", ids
        )
    }


def _label(officials: dict[str, str], name: str, value: str) -> str:
    if name == "spheres":
        return SPHERES.get(value, value)
    if name == "event_types":
        return EVENT_TYPES.get(value, value)
    if name == "officials":
        return officials.get(value, value)
    return value


def stored_default_facets(store: Store, size: int) -> list[Facet] | None:
    """The whole store's counts as saved after the last change, if still current."""
    try:
        row = store.conn.execute(
            "select generation, facets from facet_cache where key = 'default'"
        ).fetchone()
    except sqlite3.DatabaseError:
        return None  # the cache table was dropped: counted afresh, saved at the next import
    if row is None or row[0] != store.generation():
        return None
    facets = [
        Facet(f["name"], [FacetValue(**v) for v in f["values"]], f["more"])
        for f in json.loads(row[1])
    ]
    if any(len(f.values) < size and f.more for f in facets):
        return None  # saved with fewer values than asked for
    for f in facets:
        if len(f.values) > size:
            f.values, f.more = f.values[:size], True
    return facets


def save_default_facets(store: Store, size: int = DEFAULT_SAVED) -> None:
    """Count the whole store (SQL over covering indexes) and save it for the next start."""
    conn = store.conn
    generation = store.generation()
    counted = []
    for name in FACET_NAMES:
        if name == "years":
            sql = (
                "select cast(year as text), count(*) from articles where year is not null "
                "group by year order by year desc"
            )
        else:
            table, column = FACET_TABLES[name]
            sql = (
                f"select {column}, count(*) as n from {table} group by {column} "
                f"order by n desc, {column}"
            )
        rows = conn.execute(sql).fetchall()
        counted.append((name, [(str(v), n) for v, n in rows[:size]], len(rows) > size))
    facets = [
        {"name": f.name, "values": [vars(v) for v in f.values], "more": f.more}
        for f in _facets(store, counted)
    ]
    conn.execute(  # as the schema makes it: a user may have dropped it (README)
        "create table if not exists facet_cache (key text primary key, generation integer, "
        "facets text)"
    )
    conn.execute(
        "insert or replace into facet_cache (key, generation, facets) values ('default', ?, ?)",
        (generation, json.dumps(facets, ensure_ascii=False)),
    )


def warm_up(store: Store) -> None:
    """Build the caches a first keystroke would otherwise wait for (call off the UI thread)."""
    from db.prefix_bitmaps import load_prefix_bitmaps

    facet_index(store).date_rank  # noqa: B018  (the list's order, for filtered pages)
    vocabulary(store).load_all(store.conn, store.generation())
    load_prefix_bitmaps(store)
