"""Write one article and its extracted facts into the store, all or nothing.

The caller holds the transaction; this module writes inside a SAVEPOINT so that a
failure undoes this article alone while a large import keeps its batched commits.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache

from db.models import Extraction, ParsedArticle
from db.schema import BUMP_GENERATION, LINK_TABLES, generation_trigger
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


@lru_cache(maxsize=65536)
def script_of(text: str) -> str:
    if any("\u0400" <= ch <= "\u04ff" for ch in text):
        return "cyrillic"
    return "latin" if text.isascii() else "latin-ext"


def existing_hash(conn: sqlite3.Connection, file: str, item_key: str) -> tuple[int, str] | None:
    row = conn.execute(
        "select id, content_hash from articles where file = ? and item_key = ?", (file, item_key)
    ).fetchone()
    return (row[0], row[1]) if row else None


def resolve_overrides(
    conn: sqlite3.Connection,
    official_id: str,
    spellings: list[str],
    overrides: Overrides | None = None,
) -> str:
    """Apply the user's corrections: a split spelling goes to its own person, merges follow."""
    if overrides is not None:
        resolved = overrides.resolve(official_id, spellings)
        if resolved is not None:
            return resolved
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


@dataclass
class Overrides:
    """The user's merges and splits held in memory, so that an import does not query them
    twice per official. Load them after taking the write lock: nothing can change them
    until the transaction ends."""

    merges: dict[str, str]
    splits: dict[str, dict[str, str]]  # from_id -> spelling -> into_id

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Overrides:
        merges = dict(conn.execute("select from_id, into_id from official_merges"))
        splits: dict[str, dict[str, str]] = {}
        for spelling, from_id, into_id in conn.execute(
            "select spelling, from_id, into_id from official_splits"
        ):
            splits.setdefault(from_id, {})[spelling] = into_id
        return cls(merges, splits)

    def resolve(self, official_id: str, spellings: list[str]) -> str | None:
        """What resolve_overrides answers; None when splits of several spellings disagree
        (the query picks one of them, which only the query can tell)."""
        mine = self.splits.get(official_id)
        if mine and spellings:
            into = {mine[s] for s in spellings if s in mine}
            if len(into) > 1:
                return None
            if into:
                official_id = into.pop()
        seen = {official_id}
        while official_id is not None and official_id in self.merges:
            nxt = self.merges[official_id]
            if nxt in seen:
                break
            official_id = nxt
            seen.add(official_id)
        return official_id


class DeferredIndex:
    """Full-text index the articles a batch inserts in one statement, just before it commits.

    FTS5 writes its pending terms out at the end of every statement that changes the
    index, so the insert trigger (one statement per article) wrote a small segment per
    article and kept merging them: about half the cost of storing an article. While a
    batch inserts, the trigger is dropped inside the batch's transaction; `restore` indexes
    the new rows and creates the trigger again from its own SQL before the commit, so a
    rollback or a crash leaves the schema and the index as they were.
    """

    TRIGGER = "articles_ai"
    # The same for the generation: these bump it once per row inserted (four updates of
    # the meta row per article); a batch bumps it once, as readers see one commit.
    GENERATION_TRIGGERS = tuple(
        generation_trigger(t, "insert") for t in ("articles", "article_officials")
    )

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._sql: str | None = self._trigger_sql(self.TRIGGER)  # None: nothing to defer
        self._generation_sql = {
            name: sql
            for name in self.GENERATION_TRIGGERS
            if (sql := self._trigger_sql(name)) is not None
        }
        self._dropped = False
        self._generation_dropped = False
        self._pending: list[int] = []
        self._pending_set: set[int] = set()

    def _trigger_sql(self, name: str) -> str | None:
        row = self.conn.execute(
            "select sql from sqlite_master where type = 'trigger' and name = ?", (name,)
        ).fetchone()
        return row[0] if row else None

    def before_insert(self) -> None:
        """Call inside the transaction before inserting an article."""
        if self._sql and not self._dropped:
            self.conn.execute(f'drop trigger "{self.TRIGGER}"')
            self._dropped = True
        if self._generation_sql and not self._generation_dropped:
            for name in self._generation_sql:
                self.conn.execute(f'drop trigger "{name}"')
            self._generation_dropped = True

    def inserted(self, article_id: int) -> None:
        if self._dropped:
            self._pending.append(article_id)
            self._pending_set.add(article_id)

    def before_update(self, article_id: int) -> None:
        """The update trigger takes the old text out of the index: it must be in it."""
        if article_id in self._pending_set:
            self.flush()

    def flush(self) -> None:
        """Index the pending articles, in one statement."""
        if self._pending:
            self.conn.execute(
                'insert into "articles_fts" (rowid, "search_folded") select id, search_folded '
                "from articles where id in (select value from json_each(?))",
                (json.dumps(self._pending),),
            )
            self._pending.clear()
            self._pending_set.clear()

    def restore(self) -> None:
        """Call before the commit: index what is pending and put the trigger back."""
        self.flush()
        if self._dropped and self._sql:
            self.conn.execute(self._sql)
            self._dropped = False
        if self._generation_dropped:
            self.conn.execute(BUMP_GENERATION)
            for sql in self._generation_sql.values():
                self.conn.execute(sql)
            self._generation_dropped = False

    def rolled_back(self) -> None:
        """The transaction was rolled back: the triggers are back, nothing is pending."""
        self._dropped = False
        self._generation_dropped = False
        self._pending.clear()
        self._pending_set.clear()


def write_article(
    conn: sqlite3.Connection,
    file: str,
    article: ParsedArticle,
    facts: Extraction,
    digest: str,
    article_id: int | None = None,
    *,
    overrides: Overrides | None = None,
    is_new: bool = False,
) -> int:
    """Insert or replace one article and all its facts inside a savepoint; return its id.

    `is_new`: the caller has just found no such article (no second look-up);
    `overrides`: the merges and splits already read (see Overrides).
    """
    conn.execute("SAVEPOINT article")
    try:
        article_id = _write(conn, file, article, facts, digest, article_id, overrides, is_new)
    except BaseException:
        conn.execute("ROLLBACK TO SAVEPOINT article")
        conn.execute("RELEASE SAVEPOINT article")
        raise
    conn.execute("RELEASE SAVEPOINT article")
    return article_id


_COLUMNS = (
    "file item_key source_url title teaser body layout language published event_date "
    "date_source year month primary_type summary documents search_names search_folded "
    "content_hash imported_at"
).split()
_INSERT_ARTICLE = (
    f"insert into articles ({', '.join(_COLUMNS)}) values ({', '.join('?' for _ in _COLUMNS)})"
)
_UPDATE_ARTICLE = f"update articles set {', '.join(f'{c} = ?' for c in _COLUMNS)} where id = ?"


def _write(
    conn: sqlite3.Connection,
    file: str,
    article: ParsedArticle,
    facts: Extraction,
    digest: str,
    article_id: int | None,
    overrides: Overrides | None = None,
    is_new: bool = False,
) -> int:
    date = facts.date
    names: list[str] = []
    for o in facts.officials:
        names.extend(o.as_written)
        names.append(o.name)
    folded = fold_text(" ".join([article.title, article.teaser or "", article.body, *names]))
    row = (  # in the order of _COLUMNS
        file,
        article.item_key,
        article.source_url,
        article.title,
        article.teaser,
        article.body,
        article.layout,
        facts.language,
        article.published,
        date,
        facts.date_source,
        int(date[:4]) if date else None,
        date[:7] if date else None,
        facts.primary_type,
        facts.summary,
        json.dumps(facts.documents, ensure_ascii=False),
        " ".join(dict.fromkeys(names)),
        folded,
        digest,
        datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )
    if article_id is None and not is_new:
        found = existing_hash(conn, file, article.item_key)
        article_id = found[0] if found else None
    if article_id is not None:
        clear_facts(conn, article_id)
        conn.execute(_UPDATE_ARTICLE, (*row, article_id))
    else:
        article_id = int(conn.execute(_INSERT_ARTICLE, row).lastrowid)
    write_facts(conn, article_id, facts, overrides)
    return article_id


def clear_facts(conn: sqlite3.Connection, article_id: int) -> None:
    conn.execute("delete from article_officials where article_id = ?", (article_id,))
    conn.execute("delete from evidence where article_id = ?", (article_id,))
    for table in LINK_TABLES:
        conn.execute(f"delete from {table} where article_id = ?", (article_id,))


_UPSERT_OFFICIAL = (
    "insert into officials (id, name, country, key) values (?, ?, ?, ?) "
    "on conflict(id) do update set country = coalesce(officials.country, excluded.country)"
)
_INSERT_SPELLING = (
    "insert or ignore into spellings (official_id, spelling, script, key) values (?, ?, ?, ?)"
)
_INSERT_ARTICLE_OFFICIAL = (
    "insert into article_officials (article_id, official_id, role, as_written) "
    "values (?, ?, ?, ?) on conflict do nothing"
)
_INSERT_LINK = {
    table: f"insert or ignore into {table} (article_id, {column}) values (?, ?)"
    for table, column in LINK_TABLES.items()
}
_INSERT_EVIDENCE = (
    "insert into evidence (article_id, kind, value, cue, sentence) values (?, ?, ?, ?, ?)"
)


def write_facts(
    conn: sqlite3.Connection,
    article_id: int,
    facts: Extraction,
    overrides: Overrides | None = None,
) -> None:
    """The link rows of one article: officials (with their spellings), spheres, types...

    Rows are built first and each table is written by one executemany: the rows of a
    table go in the same order as one statement per row would write them.
    """
    officials: list[tuple] = []
    spellings: list[tuple] = []
    links: list[tuple] = []
    for o in facts.officials:
        official_id = resolve_overrides(conn, o.id, o.as_written, overrides)
        officials.append((official_id, o.name, o.country, official_key(o.name)))
        spellings += [
            (official_id, spelling, script_of(spelling), official_key(spelling))
            for spelling in dict.fromkeys([*o.as_written, o.name])
        ]
        links.append(
            (article_id, official_id, o.role, json.dumps(o.as_written, ensure_ascii=False))
        )
    evidence = [(article_id, e.kind, e.value, e.cue, e.sentence) for e in facts.evidence]
    link_values = {
        "article_spheres": facts.spheres,
        "article_event_types": facts.event_types,
        "article_countries": facts.countries,
        "article_places": facts.places,
    }
    batches = [
        (_UPSERT_OFFICIAL, officials),
        (_INSERT_SPELLING, spellings),
        (_INSERT_ARTICLE_OFFICIAL, links),
        *(
            (_INSERT_LINK[table], [(article_id, v) for v in dict.fromkeys(values) if v])
            for table, values in link_values.items()
        ),
        (_INSERT_EVIDENCE, evidence),
    ]
    for sql, rows in batches:
        if rows:
            conn.executemany(sql, rows)


@lru_cache(maxsize=65536)
def official_key(name: str) -> str:
    """A folded key of a name's words, for matching a query to officials across scripts."""
    return " ".join(f for f in (fold_word(w) for w in name.replace(".", " ").split()) if f)
