"""An official's record, and the user's corrections of identity (merge, split).

Corrections are stored apart from what extraction writes (official_merges,
official_splits) and re-applied by the writer, so they survive `diplotui reextract`.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone

from db.errors import QueryError
from db.importing import carry_text_caches, refresh_caches
from db.store import Store
from db.writer import official_key, script_of


@dataclass
class RoleSpan:
    role: str
    first: str | None
    last: str | None
    articles: int


@dataclass
class OfficialEvent:
    article_id: int
    date: str | None
    primary_type: str | None
    title: str
    role: str | None
    counterparts: list[str] = field(default_factory=list)  # "Name (Country)"
    spheres: list[str] = field(default_factory=list)


@dataclass
class OfficialRecord:
    id: str
    name: str
    country: str | None
    spellings: list[tuple[str, str]]  # (spelling, script)
    roles: list[RoleSpan]
    events: list[OfficialEvent]


def list_officials(store: Store) -> list[tuple[str, str, str | None, int]]:
    """(id, name, country, article count) of every official, most mentioned first."""
    return store.conn.execute(
        "select o.id, o.name, o.country, count(ao.article_id) as n from officials o "
        "left join article_officials ao on ao.official_id = o.id group by o.id "
        "order by n desc, o.name"
    ).fetchall()


def get_record(store: Store, official_id: str) -> OfficialRecord:
    conn = store.conn
    row = conn.execute(
        "select id, name, country from officials where id = ?", (official_id,)
    ).fetchone()
    if row is None:
        raise QueryError(f"no official with id '{official_id}'")
    spellings = conn.execute(
        "select spelling, script from spellings where official_id = ? order by script, spelling",
        (official_id,),
    ).fetchall()
    events: list[OfficialEvent] = []
    for aid, date, ptype, title, role in conn.execute(
        "select a.id, a.event_date, a.primary_type, a.title, ao.role from article_officials ao "
        "join articles a on a.id = ao.article_id where ao.official_id = ? "
        "order by a.event_date is null, a.event_date, a.id",
        (official_id,),
    ):
        counterparts = [
            f"{n} ({c})" if c else n
            for n, c in conn.execute(
                "select o.name, o.country from article_officials ao join officials o "
                "on o.id = ao.official_id where ao.article_id = ? and o.id != ? order by ao.rowid",
                (aid, official_id),
            )
        ]
        spheres = [
            r[0]
            for r in conn.execute(
                "select sphere from article_spheres where article_id = ? order by rowid", (aid,)
            )
        ]
        events.append(OfficialEvent(aid, date, ptype, title, role, counterparts, spheres))
    roles: dict[str, RoleSpan] = {}
    for e in events:
        if not e.role:
            continue
        span = roles.setdefault(e.role, RoleSpan(e.role, e.date, e.date, 0))
        span.articles += 1
        if e.date and (span.first is None or e.date < span.first):
            span.first = e.date
        if e.date and (span.last is None or e.date > span.last):
            span.last = e.date
    ordered_roles = sorted(roles.values(), key=lambda r: (r.first or "9999", r.role))
    return OfficialRecord(row[0], row[1], row[2], spellings, ordered_roles, events)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def merge_officials(store: Store, from_id: str, into_id: str) -> None:
    """One person extraction split in two: move every link and spelling of `from_id`."""
    if from_id == into_id:
        raise QueryError("cannot merge an official with themself")
    conn = store.conn
    for oid in (from_id, into_id):
        if not conn.execute("select 1 from officials where id = ?", (oid,)).fetchone():
            raise QueryError(f"no official with id '{oid}'")
    before = store.generation()
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "insert or replace into official_merges (from_id, into_id, created_at) values (?, ?, ?)",
            (from_id, into_id, _now()),
        )
        # A split of a spelling away from into_id made earlier is undone by this merge.
        conn.execute(
            "delete from official_splits where into_id = ? and from_id = ?", (from_id, into_id)
        )
        _move_links(conn, from_id, into_id, None)
        conn.execute(
            "insert or ignore into spellings (official_id, spelling, script, key) "
            "select ?, spelling, script, key from spellings where official_id = ?",
            (into_id, from_id),
        )
        conn.execute("delete from spellings where official_id = ?", (from_id,))
        conn.execute("delete from officials where id = ?", (from_id,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    carry_text_caches(store, before)  # the articles' text and its index are unchanged
    refresh_caches(store, changed=0)


def split_official(store: Store, official_id: str, spellings: list[str], new_name: str) -> str:
    """Two people extraction joined: the articles that write them as `spellings` go to a
    new official named `new_name`; returns the new id."""
    conn = store.conn
    row = conn.execute("select country from officials where id = ?", (official_id,)).fetchone()
    if row is None:
        raise QueryError(f"no official with id '{official_id}'")
    known = {
        r[0]
        for r in conn.execute(
            "select spelling from spellings where official_id = ?", (official_id,)
        )
    }
    unknown = [s for s in spellings if s not in known]
    if unknown or not spellings:
        raise QueryError(f"'{official_id}' is never written as {', '.join(unknown) or '(nothing)'}")
    if set(spellings) >= known:
        raise QueryError("a split must leave at least one spelling with the original official")
    new_id = _new_id(conn, new_name)
    before = store.generation()
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "insert into officials (id, name, country, key) values (?, ?, ?, ?)",
            (new_id, new_name, row[0], official_key(new_name)),
        )
        for spelling in spellings:
            conn.execute(
                "insert or replace into official_splits (spelling, from_id, into_id, created_at) "
                "values (?, ?, ?, ?)",
                (spelling, official_id, new_id, _now()),
            )
            conn.execute(
                "update spellings set official_id = ? where official_id = ? and spelling = ?",
                (new_id, official_id, spelling),
            )
        conn.execute(
            "insert or ignore into spellings (official_id, spelling, script, key) values (?, ?, ?, ?)",
            (new_id, new_name, script_of(new_name), official_key(new_name)),
        )
        _move_links(conn, official_id, new_id, set(spellings))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    carry_text_caches(store, before)  # the articles' text and its index are unchanged
    refresh_caches(store, changed=0)
    return new_id


def _move_links(
    conn: sqlite3.Connection, from_id: str, into_id: str, spellings: set[str] | None
) -> None:
    """Move article links (all, or those written with one of `spellings`)."""
    for aid, as_written in conn.execute(
        "select article_id, as_written from article_officials where official_id = ?", (from_id,)
    ).fetchall():
        written = set(json.loads(as_written or "[]"))
        if spellings is not None and not (written & spellings):
            continue
        exists = conn.execute(
            "select 1 from article_officials where article_id = ? and official_id = ?",
            (aid, into_id),
        ).fetchone()
        if exists:
            conn.execute(
                "delete from article_officials where article_id = ? and official_id = ?",
                (aid, from_id),
            )
        else:
            conn.execute(
                "update article_officials set official_id = ? where article_id = ? and official_id = ?",
                (into_id, aid, from_id),
            )


def _new_id(conn: sqlite3.Connection, name: str) -> str:
    from anyascii import anyascii

    parts = [p for p in anyascii(name).lower().replace(".", " ").split() if p.isalnum()]
    base = "-".join(parts[-1:] + parts[:-1]) or "official"
    candidate, n = base, 2
    while conn.execute("select 1 from officials where id = ?", (candidate,)).fetchone():
        candidate, n = f"{base}-{n}", n + 1
    return candidate
