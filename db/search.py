"""Search as you type: FTS5 narrows, rapidfuzz ranks a few hundred candidates.

Every word is folded (db.textfold) so that it matches across scripts and spellings, then
widened to the index's words within a small edit distance (typos) and, for names, to
the g/h twin (Гаджиев = Hajiyev). The widened words go to FTS5 as quoted strings: what a
user types never reaches FTS5 as syntax.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from db.filtering import clauses, resolve_filters
from db.models import ArticleRow, Filters, SearchResult
from db.query import ParsedQuery, parse_query
from db.store import Store
from db.textfold import fold_text, fold_word, gh_variant

RANK_CANDIDATES = 400  # candidates re-ranked with rapidfuzz
COMMON_QUERY = 5_000  # above this many hits, rank the newest candidates only
MAX_WORDS = 12
TYPO_MIN_LEN = 4


@dataclass
class TextQuery:
    """The FTS5 expression and the folded terms to highlight."""

    fts: str
    terms: list[str]  # folded whole words; a trailing "*" marks a prefix
    folded: str  # the folded free text, for rapidfuzz


class Vocabulary:
    """The index's folded words, bucketed by first letter, and the officials' name words."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.buckets: dict[str, list[str]] = {}
        for (term,) in conn.execute("select term from articles_fts_vocab"):
            if term.isascii() and term.isalpha():
                self.buckets.setdefault(term[0], []).append(term)
        self.terms = {t for b in self.buckets.values() for t in b}
        self.names: set[str] = set()
        for (key,) in conn.execute("select key from spellings"):
            self.names.update((key or "").split())

    def near(self, word: str) -> list[str]:
        """Index words within a typo of `word` (same first letter, similar length)."""
        bucket = [t for t in self.buckets.get(word[0], []) if abs(len(t) - len(word)) <= 2]
        hits = process.extract(word, bucket, scorer=fuzz.ratio, score_cutoff=80, limit=6)
        return [h[0] for h in hits]


_vocab_lock = threading.Lock()
_vocab_cache: dict[tuple[str, int, int], Vocabulary] = {}


def vocabulary(store: Store) -> Vocabulary:
    """Cached per store state (article count and last id): rebuilt after an import."""
    conn = store.conn
    count, last = conn.execute("select count(*), coalesce(max(id), 0) from articles").fetchone()
    key = (str(store.path), count, last)
    with _vocab_lock:
        vocab = _vocab_cache.get(key)
        if vocab is None:
            ensure_vocab_table(conn)
            vocab = Vocabulary(conn)
            _vocab_cache.clear()
            _vocab_cache[key] = vocab
        return vocab


def ensure_vocab_table(conn: sqlite3.Connection) -> None:
    """fts5vocab over the index, in the connection's temp schema (nothing written to the store)."""
    conn.execute(
        "create virtual table if not exists temp.articles_fts_vocab "
        "using fts5vocab(main, 'articles_fts', 'row')"
    )


def build_text_query(
    parsed: ParsedQuery, vocab: Vocabulary, typing: bool = True
) -> TextQuery | None:
    """Turn free words and phrases into a safe FTS5 expression; None when there is no text."""
    groups: list[str] = []
    terms: list[str] = []
    words = [fold_word(w) for w in parsed.words[:MAX_WORDS]]
    words = [w for w in words if w]
    for n, word in enumerate(words):
        is_last = typing and n == len(words) - 1
        options = {word}
        twin = gh_variant(word)
        if twin and twin in vocab.names:
            options.add(twin)
        if len(word) >= TYPO_MIN_LEN and word not in vocab.terms:
            options.update(vocab.near(word))
        parts = [f'"{o}"' for o in sorted(options)]
        if is_last and len(word) >= 2:
            parts.append(f'"{word}"*')
            terms.append(word + "*")
        terms.extend(sorted(options))
        groups.append("(" + " OR ".join(parts) + ")")
    for phrase in parsed.phrases:
        folded = fold_text(phrase)
        if folded:
            groups.append(f'"{folded}"')
            terms.extend(folded.split())
    if not groups:
        return None
    return TextQuery(
        fts="search_folded : (" + " AND ".join(groups) + ")",
        terms=list(dict.fromkeys(terms)),
        folded=" ".join([*words, *(fold_text(p) for p in parsed.phrases)]),
    )


def search(
    store: Store,
    query: str,
    filters: Filters | None = None,
    limit: int = 100,
    offset: int = 0,
) -> SearchResult:
    """One page of results for the query text and filters, best match (or newest) first."""
    conn = store.conn
    parsed = parse_query(query, base=filters)
    store_total = conn.execute("select count(*) from articles").fetchone()[0]
    resolved = resolve_filters(conn, parsed.filters)
    messages = [*parsed.errors, *resolved.messages]
    message = "; ".join(messages) or None
    if resolved.impossible:
        return SearchResult([], 0, store_total, [], message)
    where, args = clauses(resolved.filters)
    text = build_text_query(parsed, vocabulary(store)) if parsed.words or parsed.phrases else None
    if text is None:
        sql_where = " and ".join(where) or "1"
        total = conn.execute(f"select count(*) from articles where {sql_where}", args).fetchone()[0]
        ids = [
            r[0]
            for r in conn.execute(
                f"select id from articles where {sql_where} "
                "order by event_date is null, event_date desc, id desc limit ? offset ?",
                [*args, limit, offset],
            )
        ]
        return SearchResult(rows(conn, ids), total, store_total, [], message)

    match_where = " and ".join(["articles_fts match ?", *where])
    match_args = [text.fts, *args]
    base = (
        f"from articles_fts join articles on articles.id = articles_fts.rowid where {match_where}"
    )
    total = conn.execute(f"select count(*) {base}", match_args).fetchone()[0]
    ranked = rank(conn, base, match_args, text, total, need=offset + limit)
    page = ranked[offset : offset + limit]
    if offset + limit > len(ranked) and offset + limit <= total:
        # Past the re-ranked head: continue in index order.
        extra = conn.execute(
            f"select articles.id {base} order by articles_fts.rank limit ? offset ?",
            [*match_args, offset + limit - len(ranked), len(ranked)],
        ).fetchall()
        page = (ranked + [r[0] for r in extra])[offset : offset + limit]
    result_rows = rows(conn, page)
    return SearchResult(result_rows, total, store_total, text.terms, message)


def rank(
    conn: sqlite3.Connection, base: str, args: list, text: TextQuery, total: int, need: int
) -> list[int]:
    """FTS5's bm25 picks the candidates (newest first for a very common query), rapidfuzz
    re-ranks them on title and names, so that a typo'd title match still comes first."""
    n = max(RANK_CANDIDATES, need)
    order = "articles.event_date desc" if total > COMMON_QUERY else "articles_fts.rank"
    candidates = conn.execute(
        f"select articles.id, articles.title, articles.search_names {base} order by {order} limit ?",
        [*args, n],
    ).fetchall()
    scored = []
    for pos, (aid, title, names) in enumerate(candidates):
        head = fold_text(f"{title} {names or ''}")
        fuzzy = fuzz.token_set_ratio(text.folded, head) if text.folded else 0
        scored.append((fuzzy * 0.6 + 40 * (1 - pos / max(len(candidates), 1)), aid))
    scored.sort(key=lambda s: -s[0])
    return [aid for _, aid in scored]


def rows(conn: sqlite3.Connection, ids: list[int]) -> list[ArticleRow]:
    """The list lines for these ids, in this order."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    found = {
        r[0]: r
        for r in conn.execute(
            f"select id, event_date, primary_type, title from articles where id in ({marks})", ids
        )
    }
    names: dict[int, list[str]] = {}
    for aid, name in conn.execute(
        f"select ao.article_id, o.name from article_officials ao join officials o "
        f"on o.id = ao.official_id where ao.article_id in ({marks}) order by ao.rowid",
        ids,
    ):
        names.setdefault(aid, []).append(name)
    return [
        ArticleRow(i, found[i][1], found[i][2], found[i][3], names.get(i, []))
        for i in ids
        if i in found
    ]
