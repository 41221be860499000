"""Facet counts: each facet counted under the query and every active filter but its own.

That is how Datasette and most faceted search do it: a user can widen a facet (OR within
it) while the counts still answer "how many if I add this value". Each count query runs
under a time cap (a progress handler) and shows the top values plus "more".
"""

from __future__ import annotations

import sqlite3
import time

from db.filtering import FACET_TABLES, clauses, resolve_filters
from db.models import Facet, FacetValue, Filters
from db.query import parse_query
from db.schema import EVENT_TYPES, SPHERES
from db.search import build_text_query, vocabulary
from db.store import Store

FACET_TIME_LIMIT_S = 0.2
FACET_NAMES = ("officials", "spheres", "event_types", "countries", "years")


def facet_counts(
    store: Store, query: str, filters: Filters | None = None, size: int = 30
) -> list[Facet]:
    """Counts for every facet, for the query text and filters."""
    conn = store.conn
    parsed = parse_query(query, base=filters)
    resolved = resolve_filters(conn, parsed.filters)
    text = build_text_query(parsed, vocabulary(store)) if parsed.words or parsed.phrases else None
    facets = []
    for name in FACET_NAMES:
        if resolved.impossible:
            facets.append(Facet(name, []))
            continue
        facets.append(_one_facet(conn, name, resolved.filters, text.fts if text else None, size))
    return facets


def _one_facet(
    conn: sqlite3.Connection, name: str, filters: Filters, fts: str | None, size: int
) -> Facet:
    where, args = clauses(filters, skip=name)
    if fts is not None:
        where.insert(
            0, "articles.id in (select rowid from articles_fts where articles_fts match ?)"
        )
        args.insert(0, fts)
    cond = " and ".join(where) or "1"
    if name == "years":
        sql = (
            f"select year, count(*) from articles where year is not null and {cond} "
            f"group by year order by year desc limit ?"
        )
    else:
        table, column = FACET_TABLES[name]
        sql = (
            f"select {table}.{column}, count(*) as n from {table} "
            f"join articles on articles.id = {table}.article_id where {cond} "
            f"group by {table}.{column} order by n desc, {table}.{column} limit ?"
        )
    deadline = time.monotonic() + FACET_TIME_LIMIT_S
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 1000)
    try:
        found = conn.execute(sql, [*args, size + 1]).fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc).lower():
            return Facet(name, [], timed_out=True)
        raise
    finally:
        conn.set_progress_handler(None, 0)
    more = len(found) > size
    found = found[:size]
    return Facet(name, [FacetValue(str(v), _label(conn, name, v), n) for v, n in found], more)


def _label(conn: sqlite3.Connection, name: str, value: object) -> str:
    if name == "spheres":
        return SPHERES.get(str(value), str(value))
    if name == "event_types":
        return EVENT_TYPES.get(str(value), str(value))
    if name == "officials":
        row = conn.execute("select name, country from officials where id = ?", (value,)).fetchone()
        if row:
            return f"{row[0]} ({row[1]})" if row[1] else row[0]
    return str(value)
