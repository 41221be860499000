"""Facet counts: each facet counted under the query and every active filter but its own.

That is how Datasette and most faceted search do it: a user can widen a facet (OR within
it) while the counts still answer "how many if I add this value". The counting itself is
done on in-memory bitmaps (db.facet_index), so it costs microseconds per value however
many articles match; only the text query's matches come from SQLite (FTS5).
"""

from __future__ import annotations

import json

from db.facet_index import FacetIndex, facet_index, mask_of
from db.filtering import FACET_TABLES, resolve_filters
from db.models import Facet, FacetValue, Filters
from db.query import parse_query
from db.schema import EVENT_TYPES, SPHERES
from db.search import build_text_query, vocabulary
from db.store import Store

FACET_NAMES = ("officials", "spheres", "event_types", "countries", "years")
DEFAULT_SAVED = 300  # values per facet saved for the first screen ("more…" included)


def facet_counts(
    store: Store, query: str, filters: Filters | None = None, size: int = 30
) -> list[Facet]:
    """Counts for every facet, for the query text and filters."""
    conn = store.conn
    parsed = parse_query(query, base=filters)
    if parsed.impossible:
        return [Facet(name, []) for name in FACET_NAMES]
    if not parsed.words and not parsed.phrases and parsed.filters.is_empty():
        cached = stored_default_facets(store, size)
        if cached is not None:
            return cached
    resolved = resolve_filters(conn, parsed.filters)
    if resolved.impossible or parsed.impossible:
        return [Facet(name, []) for name in FACET_NAMES]
    index = facet_index(store)
    hits = index.all
    if parsed.words or parsed.phrases:
        text = build_text_query(parsed, vocabulary(store), conn=conn)
        if text is not None:
            hits = hits_mask(conn, text.fts, index.size)
    facets = []
    for name in FACET_NAMES:
        mask = hits & index.filter_mask(resolved.filters, skip=name)
        values, more = index.count(name, mask, size)
        facets.append(
            Facet(name, [FacetValue(v, _label(store, index, name, v), n) for v, n in values], more)
        )
    return facets


def _label(store: Store, index: FacetIndex | None, name: str, value: str) -> str:
    if name == "spheres":
        return SPHERES.get(value, value)
    if name == "event_types":
        return EVENT_TYPES.get(value, value)
    if name == "officials":
        row = store.conn.execute(
            "select name, country from officials where id = ?", (value,)
        ).fetchone()
        if row:
            return f"{row[0]} ({row[1]})" if row[1] else row[0]
    return value


def hits_mask(conn, fts: str, size: int) -> int:
    """The bitmap of an FTS5 match (one string from SQLite: no Python row per hit)."""
    (ids,) = conn.execute(
        "select group_concat(rowid) from articles_fts where articles_fts match ?", (fts,)
    ).fetchone()
    return mask_of(map(int, ids.split(",")), size) if ids else 0


def stored_default_facets(store: Store, size: int) -> list[Facet] | None:
    """The whole store's counts as saved after the last change, if still current."""
    row = store.conn.execute(
        "select generation, facets from facet_cache where key = 'default'"
    ).fetchone()
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
    facets = []
    for name in FACET_NAMES:
        if name == "years":
            sql = "select cast(year as text), count(*) from articles where year is not null group by year order by year desc"
        else:
            table, column = FACET_TABLES[name]
            sql = f"select {column}, count(*) as n from {table} group by {column} order by n desc, {column}"
        rows = conn.execute(sql).fetchall()
        values = [
            {"value": str(v), "label": _label(store, None, name, str(v)), "count": n}
            for v, n in rows[:size]
        ]
        facets.append({"name": name, "values": values, "more": len(rows) > size})
    conn.execute(
        "insert or replace into facet_cache (key, generation, facets) values ('default', ?, ?)",
        (generation, json.dumps(facets, ensure_ascii=False)),
    )


def warm_up(store: Store) -> None:
    """Build the caches a first keystroke would otherwise wait for (call off the UI thread)."""
    facet_index(store)
    vocabulary(store).load_all(store.conn)
