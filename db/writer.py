"""Write one article and its extracted facts into the store, all or nothing.

The caller holds the transaction; this module writes inside a SAVEPOINT so that a
failure undoes this article alone while a large import keeps its batched commits.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime, timezone

from db.models import Extraction, ParsedArticle
from db.schema import LINK_TABLES
from db.textfold import fold_text, fold_word


def content_hash(article: ParsedArticle) -> str:
    """What decides "unchanged" on re-import: the article's own content, not the file's mtime."""
    h = hashlib.sha256()
    for part in (
        article.title,
        article.teaser or "",
        article.body,
        article.published or "",
        article.source_url or "",
    ):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def script_of(text: str) -> str:
    if any("\u0400" <= ch <= "\u04ff" for ch in text):
        return "cyrillic"
    return "latin" if text.isascii() else "latin-ext"


def existing_hash(conn: sqlite3.Connection, file: str, item_key: str) -> tuple[int, str] | None:
    row = conn.execute(
        "select id, content_hash from articles where file = ? and item_key = ?", (file, item_key)
    ).fetchone()
    return (row[0], row[1]) if row else None


def resolve_overrides(conn: sqlite3.Connection, official_id: str, spellings: list[str]) -> str:
    """Apply the user's corrections: a split spelling goes to its own person, merges follow."""
    if spellings:
        marks = ", ".join("?" for _ in spellings)
        row = conn.execute(
            f"select into_id from official_splits where from_id = ? and spelling in ({marks}) "
            "limit 1",
            (official_id, *spellings),
        ).fetchone()
        if row:
            official_id = row[0]
    seen = {official_id}
    while True:
        row = conn.execute(
            "select into_id from official_merges where from_id = ?", (official_id,)
        ).fetchone()
        if not row or row[0] in seen:
            return official_id
        official_id = row[0]
        seen.add(official_id)


def write_article(
    conn: sqlite3.Connection,
    file: str,
    article: ParsedArticle,
    facts: Extraction,
    digest: str,
    article_id: int | None = None,
) -> int:
    """Insert or replace one article and all its facts inside a savepoint; return its id."""
    conn.execute("SAVEPOINT article")
    try:
        article_id = _write(conn, file, article, facts, digest, article_id)
    except BaseException:
        conn.execute("ROLLBACK TO SAVEPOINT article")
        conn.execute("RELEASE SAVEPOINT article")
        raise
    conn.execute("RELEASE SAVEPOINT article")
    return article_id


def _write(
    conn: sqlite3.Connection,
    file: str,
    article: ParsedArticle,
    facts: Extraction,
    digest: str,
    article_id: int | None,
) -> int:
    date = facts.date
    names: list[str] = []
    for o in facts.officials:
        names.extend(o.as_written)
        names.append(o.name)
    folded = fold_text(" ".join([article.title, article.teaser or "", article.body, *names]))
    row = {
        "file": file,
        "item_key": article.item_key,
        "source_url": article.source_url,
        "title": article.title,
        "teaser": article.teaser,
        "body": article.body,
        "layout": article.layout,
        "language": facts.language,
        "published": article.published,
        "event_date": date,
        "date_source": facts.date_source,
        "year": int(date[:4]) if date else None,
        "month": date[:7] if date else None,
        "primary_type": facts.primary_type,
        "summary": facts.summary,
        "documents": json.dumps(facts.documents, ensure_ascii=False),
        "search_names": " ".join(dict.fromkeys(names)),
        "search_folded": folded,
        "content_hash": digest,
        "imported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    if article_id is None:
        found = existing_hash(conn, file, article.item_key)
        article_id = found[0] if found else None
    if article_id is not None:
        clear_facts(conn, article_id)
        sets = ", ".join(f"{k} = :{k}" for k in row)
        conn.execute(f"update articles set {sets} where id = :id", {**row, "id": article_id})
    else:
        cols = ", ".join(row)
        params = ", ".join(f":{k}" for k in row)
        cur = conn.execute(f"insert into articles ({cols}) values ({params})", row)
        article_id = int(cur.lastrowid)
    write_facts(conn, article_id, facts)
    return article_id


def clear_facts(conn: sqlite3.Connection, article_id: int) -> None:
    conn.execute("delete from article_officials where article_id = ?", (article_id,))
    conn.execute("delete from evidence where article_id = ?", (article_id,))
    for table in LINK_TABLES:
        conn.execute(f"delete from {table} where article_id = ?", (article_id,))


def write_facts(conn: sqlite3.Connection, article_id: int, facts: Extraction) -> None:
    """The link rows of one article: officials (with their spellings), spheres, types..."""
    for o in facts.officials:
        official_id = resolve_overrides(conn, o.id, o.as_written)
        conn.execute(
            "insert into officials (id, name, country, key) values (?, ?, ?, ?) "
            "on conflict(id) do update set country = coalesce(officials.country, excluded.country)",
            (official_id, o.name, o.country, official_key(o.name)),
        )
        conn.executemany(
            "insert or ignore into spellings (official_id, spelling, script, key) "
            "values (?, ?, ?, ?)",
            [
                (official_id, spelling, script_of(spelling), official_key(spelling))
                for spelling in dict.fromkeys([*o.as_written, o.name])
            ],
        )
        conn.execute(
            "insert into article_officials (article_id, official_id, role, as_written) "
            "values (?, ?, ?, ?) on conflict do nothing",
            (article_id, official_id, o.role, json.dumps(o.as_written, ensure_ascii=False)),
        )
    link_values = {
        "article_spheres": facts.spheres,
        "article_event_types": facts.event_types,
        "article_countries": facts.countries,
        "article_places": facts.places,
    }
    for table, values in link_values.items():
        column = LINK_TABLES[table]
        conn.executemany(
            f"insert or ignore into {table} (article_id, {column}) values (?, ?)",
            [(article_id, v) for v in dict.fromkeys(values) if v],
        )
    conn.executemany(
        "insert into evidence (article_id, kind, value, cue, sentence) values (?, ?, ?, ?, ?)",
        [(article_id, e.kind, e.value, e.cue, e.sentence) for e in facts.evidence],
    )


def official_key(name: str) -> str:
    """A folded key of a name's words, for matching a query to officials across scripts."""
    return " ".join(f for f in (fold_word(w) for w in name.replace(".", " ").split()) if f)
