"""The store's tables and indexes, in one place.

Multi-valued facts (officials, spheres, event types, countries, places) live in link
tables with covering indexes: counting a facet through them is ~50x faster than through
JSON columns on a 100k-article store.
"""

from __future__ import annotations

import sqlite_utils

# 2: the full-text index holds only the folded text, with prefix indexes
# 3: the list's columns of an article in one covering index (articles_heads)
SCHEMA_VERSION = 3

SPHERES: dict[str, str] = {
    "political-diplomatic": "Political-diplomatic",
    "trade-economic": "Trade-economic",
    "cultural-humanitarian": "Cultural-humanitarian",
    "security": "Security",
    "energy": "Energy",
    "transport-transit": "Transport-transit",
    "inter-parliamentary": "Inter-parliamentary",
    "multilateral": "Multilateral",
    "digital-it": "Digital & IT",
    "health": "Health",
    "environment": "Environment",
}

EVENT_TYPES: dict[str, str] = {
    "meeting": "Meeting",
    "consultations": "Consultations",
    "negotiations": "Negotiations",
    "phone-call": "Phone call",
    "visit": "Visit",
    "declaration": "Declaration",
    "agreement": "Agreement",
    "summit": "Summit",
}

HEADS_INDEX = "articles_heads"


def generation_trigger(table: str, event: str) -> str:
    """The name of the trigger that moves the generation on `event` ("insert") in `table`."""
    return f"{table}_{event}_generation"


# Every change to what facets count moves the store's generation (see `create`).
BUMP_GENERATION = "update meta set value = cast(value as integer) + 1 where key = 'generation'"

# Link tables: (table, value column). Each gets a primary key (article_id, value) and a
# covering index (value, article_id) so that a facet count is an index-only scan.
LINK_TABLES: dict[str, str] = {
    "article_spheres": "sphere",
    "article_event_types": "event_type",
    "article_countries": "country",
    "article_places": "place",
}


def create(db: sqlite_utils.Database) -> None:
    """Create every table and index of a new store (idempotent)."""
    db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db["articles"].create(
        {
            "id": int,
            "file": str,
            "item_key": str,
            "source_url": str,
            "title": str,
            "teaser": str,
            "body": str,
            "layout": str,
            "language": str,
            "published": str,
            "event_date": str,
            "date_source": str,
            "year": int,
            "month": str,
            "primary_type": str,
            "summary": str,
            "documents": str,  # JSON list of the documents signed or declared
            "search_names": str,  # every spelling of the article's officials, for search
            "search_folded": str,  # transliteration-folded text, for search across scripts
            "content_hash": str,
            "imported_at": str,
        },
        pk="id",
        not_null={"file", "title", "body", "content_hash"},
        if_not_exists=True,
    )
    db["spheres"].create({"slug": str, "label": str}, pk="slug", if_not_exists=True)
    db["event_types"].create({"slug": str, "label": str}, pk="slug", if_not_exists=True)
    db["officials"].create(
        {"id": str, "name": str, "country": str, "key": str},
        pk="id",
        if_not_exists=True,
    )
    db["spellings"].create(
        {"official_id": str, "spelling": str, "script": str, "key": str},
        pk=("official_id", "spelling"),
        foreign_keys=[("official_id", "officials", "id")],
        if_not_exists=True,
    )
    db["article_officials"].create(
        {"article_id": int, "official_id": str, "role": str, "as_written": str},
        pk=("article_id", "official_id"),
        foreign_keys=[("article_id", "articles", "id"), ("official_id", "officials", "id")],
        if_not_exists=True,
    )
    for table, column in LINK_TABLES.items():
        db[table].create(
            {"article_id": int, column: str},
            pk=("article_id", column),
            foreign_keys=[("article_id", "articles", "id")],
            if_not_exists=True,
        )
    db["evidence"].create(
        {"article_id": int, "kind": str, "value": str, "cue": str, "sentence": str},
        foreign_keys=[("article_id", "articles", "id")],
        if_not_exists=True,
    )
    # A user's corrections of identity (merge / split), kept apart from what extraction
    # writes so that they survive re-extraction.
    # The facet counts of the whole store (no query, no filter), kept with the generation
    # they were counted at, so that the first screen needs no counting.
    db["facet_cache"].create(
        {"key": str, "generation": int, "facets": str}, pk="key", if_not_exists=True
    )
    db["official_merges"].create(
        {"from_id": str, "into_id": str, "created_at": str}, pk="from_id", if_not_exists=True
    )
    db["official_splits"].create(
        {"spelling": str, "from_id": str, "into_id": str, "created_at": str},
        pk=("spelling", "from_id"),
        if_not_exists=True,
    )

    _index(db, "articles", ["file", "item_key"], unique=True)
    _index(db, "articles", ["event_date"])
    _index(db, "articles", ["year", "event_date"])
    _index(db, "articles", ["primary_type", "event_date"])
    _index(db, "articles", ["month"])
    # What a result row and its ranking read of an article, found without its row: the
    # row holds the body, and the columns after it sit in overflow pages (reading 200
    # candidates' titles and names: 2.2 -> 0.5 ms warm, far more cold).
    db["articles"].create_index(
        ["id", "title", "search_names", "event_date", "primary_type"],
        index_name=HEADS_INDEX,
        if_not_exists=True,
    )
    _index(db, "spellings", ["key"])
    _index(db, "article_officials", ["official_id", "article_id"])
    _index(db, "evidence", ["article_id"])
    for table, column in LINK_TABLES.items():
        _index(db, table, [column, "article_id"])

    db["spheres"].insert_all(
        [{"slug": s, "label": label} for s, label in SPHERES.items()], replace=True
    )
    db["event_types"].insert_all(
        [{"slug": s, "label": label} for s, label in EVENT_TYPES.items()], replace=True
    )
    _full_text_index(db)
    # Every change to what facets count bumps `generation`, so in-memory caches (the facet
    # bitmaps) know when another process or thread changed the store. Link rows of an
    # article are only written with its row, so triggers on `articles` (and on the links
    # to officials, which merges and splits move) are enough.
    db["meta"].insert({"key": "generation", "value": "0"}, ignore=True)
    for table in ("articles", "article_officials"):
        for event in ("insert", "delete", "update"):
            db.execute(
                f"create trigger if not exists {generation_trigger(table, event)} "
                f"after {event} on {table} "
                f"begin {BUMP_GENERATION}; end"
            )
    db["meta"].insert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, replace=True)
    db["meta"].insert({"key": "application", "value": "diplotui"}, replace=True)


# Search reads one column: the folded copy of title, teaser, body and names (db.textfold),
# which is what makes a query match across scripts and spellings. Indexing the raw
# columns too doubled the index and the import's write for nothing. The prefix indexes
# answer a word being typed ("str*") from one entry instead of merging every word that
# starts so (measured on 100k articles: 21 -> 9 ms).
FTS_SQL = (
    'create virtual table "articles_fts" using fts5 ("search_folded", '
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3', content=\"articles\")"
)
FTS_TRIGGERS = {
    "articles_ai": 'after insert on "articles" begin insert into "articles_fts" '
    '(rowid, "search_folded") values (new.rowid, new."search_folded"); end',
    "articles_ad": 'after delete on "articles" begin insert into "articles_fts" '
    '("articles_fts", rowid, "search_folded") values (\'delete\', old.rowid, old."search_folded"); end',
    # Only a change of the searched text touches the index (re-extraction rewrites facts).
    "articles_au": 'after update of "search_folded" on "articles" begin insert into "articles_fts" '
    '("articles_fts", rowid, "search_folded") values (\'delete\', old.rowid, old."search_folded"); '
    'insert into "articles_fts" (rowid, "search_folded") values (new.rowid, new."search_folded"); end',
}


def _full_text_index(db: sqlite_utils.Database) -> None:
    """Create the index, or replace an older one (other columns) and rebuild it from the rows."""
    row = db.execute("select sql from sqlite_master where name = 'articles_fts'").fetchone()
    if row is not None and "prefix=" in row[0]:
        return
    if row is not None:
        for name in FTS_TRIGGERS:
            db.execute(f'drop trigger if exists "{name}"')
        db.execute('drop table "articles_fts"')
    db.execute(FTS_SQL)
    for name, body in FTS_TRIGGERS.items():
        db.execute(f'create trigger "{name}" {body}')
    if row is not None:
        db.execute("insert into articles_fts (articles_fts) values ('rebuild')")


def _index(db: sqlite_utils.Database, table: str, columns: list[str], unique: bool = False) -> None:
    db[table].create_index(columns, unique=unique, if_not_exists=True)
