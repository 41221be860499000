"""Filters as SQL: one clause per facet, so that a facet can be counted under all but its own.

Every clause is `articles.id in (...)` over a link table with a covering index, which
keeps each clause an index-only lookup on a large store.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from db.models import Filters
from db.textfold import fold_word

FACET_TABLES = {
    "officials": ("article_officials", "official_id"),
    "spheres": ("article_spheres", "sphere"),
    "event_types": ("article_event_types", "event_type"),
    "countries": ("article_countries", "country"),
}


@dataclass
class Resolved:
    """Filters turned into what the store holds (ids, exact country names), plus messages."""

    filters: Filters
    messages: list[str] = field(default_factory=list)
    impossible: bool = False  # a filter value matched nothing: the answer is empty


def resolve_filters(conn: sqlite3.Connection, filters: Filters) -> Resolved:
    """Map typed values ("lavrov", "china") to the store's values ("lavrov-sergey", "China")."""
    out = Filters(
        spheres=list(filters.spheres),
        event_types=list(filters.event_types),
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    resolved = Resolved(out)
    for value in filters.officials:
        ids = match_officials(conn, value)
        if not ids:
            resolved.messages.append(f"no official in the store matches '{value}'")
            resolved.impossible = True
        out.officials.extend(i for i in ids if i not in out.officials)
    if filters.countries:
        known = [r[0] for r in conn.execute("select distinct country from article_countries")]
        by_lower = {c.lower(): c for c in known}
        for value in filters.countries:
            country = by_lower.get(value.lower())
            if country is None:
                best = process.extractOne(value, known, scorer=fuzz.WRatio, score_cutoff=88)
                country = best[0] if best else None
            if country is None:
                resolved.messages.append(f"no country in the store matches '{value}'")
                resolved.impossible = True
            elif country not in out.countries:
                out.countries.append(country)
    return resolved


def match_officials(conn: sqlite3.Connection, value: str) -> list[str]:
    """The officials a typed value means: an id, or any spelling in any script, typo-tolerant."""
    row = conn.execute("select id from officials where id = ?", (value,)).fetchone()
    if row:
        return [row[0]]
    words = [fold_word(w) for w in value.replace(".", " ").replace("-", " ").split()]
    words = [w for w in words if w]
    if not words:
        return []
    spellings = conn.execute("select official_id, key from spellings").fetchall()
    found: dict[str, float] = {}
    for official_id, key in spellings:
        parts = (key or "").split()
        score = min(
            max(
                (fuzz.ratio(w, p) if len(w) > 3 else (100 if p.startswith(w) else 0)) for p in parts
            )
            if parts
            else 0
            for w in words
        )
        if score >= 85:
            found[official_id] = max(found.get(official_id, 0), score)
    return sorted(found, key=lambda i: -found[i])


def clauses(
    filters: Filters, skip: str | None = None, id_column: str = "articles.id"
) -> tuple[list[str], list[object]]:
    """SQL conditions on an article id column for all facets but `skip`."""
    sql: list[str] = []
    args: list[object] = []
    for name, (table, column) in FACET_TABLES.items():
        values = getattr(filters, name)
        if name == skip or not values:
            continue
        marks = ", ".join("?" for _ in values)
        sql.append(f"{id_column} in (select article_id from {table} where {column} in ({marks}))")
        args.extend(values)
    if skip != "years" and (filters.date_from or filters.date_to):
        dates: list[str] = []
        if filters.date_from:
            dates.append("event_date >= ?")
            args.append(filters.date_from)
        if filters.date_to:
            dates.append("event_date <= ?")
            args.append(filters.date_to + "~")  # "2023-05~" is above every day of May
        if id_column == "articles.id":
            sql.append(" and ".join(f"articles.{d}" for d in dates))
        else:
            sql.append(f"{id_column} in (select id from articles where {' and '.join(dates)})")
    return sql, args
