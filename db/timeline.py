"""Events over time for the current query and filters: when did contacts intensify?"""

from __future__ import annotations

from dataclasses import dataclass, field

from db.filtering import clauses
from db.models import Filters
from db.search import prepare
from db.store import Store

SERIES = {
    "event_type": ("article_event_types", "event_type"),
    "primary_type": (None, "primary_type"),
    "sphere": ("article_spheres", "sphere"),
}


@dataclass
class Timeline:
    period: str  # year | month
    by: str  # event_type | primary_type | sphere
    periods: list[str] = field(default_factory=list)  # "2022" or "2022-06", in order
    series: dict[str, list[int]] = field(default_factory=dict)  # value -> count per period
    totals: list[int] = field(default_factory=list)  # articles per period


def timeline(
    store: Store,
    query: str = "",
    filters: Filters | None = None,
    period: str = "year",
    by: str = "primary_type",
) -> Timeline:
    """Counts per period (year or month) split by event type or sphere."""
    if period not in ("year", "month"):
        raise ValueError("period is 'year' or 'month'")
    conn = store.conn
    prepared = prepare(store, query, filters)
    out = Timeline(period, by)
    if prepared.impossible:
        return out
    where, args = clauses(prepared.filters)
    text = prepared.text
    if text is not None:
        where.insert(
            0, "articles.id in (select rowid from articles_fts where articles_fts match ?)"
        )
        args.insert(0, text.fts)
    col = "cast(articles.year as text)" if period == "year" else "articles.month"
    cond = " and ".join([f"{col} is not null", *where])
    totals = dict(
        conn.execute(
            f"select {col}, count(*) from articles where {cond} group by 1 order by 1", args
        ).fetchall()
    )
    out.periods = sorted(totals)
    out.totals = [totals[p] for p in out.periods]
    table, column = SERIES[by]
    if table is None:
        sql = f"select {col}, articles.{column}, count(*) from articles where {cond} group by 1, 2"
    else:
        sql = (
            f"select {col}, {table}.{column}, count(*) from {table} join articles "
            f"on articles.id = {table}.article_id where {cond} group by 1, 2"
        )
    index = {p: n for n, p in enumerate(out.periods)}
    for p, value, n in conn.execute(sql, args):
        if value is None:
            continue
        out.series.setdefault(value, [0] * len(out.periods))[index[p]] = n
    return out
