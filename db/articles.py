"""Read one article with every fact extracted from it, for the reader and the compare view."""

from __future__ import annotations

import json

from db.errors import QueryError
from db.models import ArticleDetail, Evidence, OfficialMention
from db.schema import LINK_TABLES
from db.store import Store


def get_article(store: Store, article_id: int) -> ArticleDetail:
    conn = store.conn
    row = conn.execute(
        "select id, file, title, body, teaser, source_url, published, event_date, primary_type, "
        "summary, documents from articles where id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise QueryError(f"no article with id {article_id}")
    detail = ArticleDetail(
        id=row[0],
        file=row[1],
        title=row[2],
        body=row[3],
        teaser=row[4],
        source_url=row[5],
        published=row[6],
        event_date=row[7],
        primary_type=row[8],
        summary=row[9] or "",
        documents=json.loads(row[10] or "[]"),
    )
    links = {}
    for table, column in LINK_TABLES.items():
        links[column] = [
            r[0]
            for r in conn.execute(
                f"select {column} from {table} where article_id = ? order by rowid", (article_id,)
            )
        ]
    detail.spheres = links["sphere"]
    detail.event_types = links["event_type"]
    detail.countries = links["country"]
    detail.places = links["place"]
    detail.officials = [
        OfficialMention(
            id=r[0], name=r[1], as_written=json.loads(r[2] or "[]"), role=r[3], country=r[4]
        )
        for r in conn.execute(
            "select o.id, o.name, ao.as_written, ao.role, o.country from article_officials ao "
            "join officials o on o.id = ao.official_id where ao.article_id = ? order by ao.rowid",
            (article_id,),
        )
    ]
    detail.evidence = [
        Evidence(*r)
        for r in conn.execute(
            "select kind, value, cue, sentence from evidence where article_id = ? order by rowid",
            (article_id,),
        )
    ]
    return detail


def find_article_ids(store: Store, ref: str) -> list[int]:
    """An article by id, or by its source file's name (base name or path)."""
    conn = store.conn
    if ref.isdigit():
        row = conn.execute("select id from articles where id = ?", (int(ref),)).fetchone()
        if row:
            return [row[0]]
    rows = conn.execute(
        "select id from articles where file = ? or file like ? escape '\\' order by id",
        (ref, "%/" + ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")),
    ).fetchall()
    return [r[0] for r in rows]
