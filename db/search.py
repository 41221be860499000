"""Search as you type: FTS5 narrows, rapidfuzz ranks a few hundred candidates.

Every word is folded (db.textfold) so that it matches across scripts and spellings, then
widened to the index's words within a small edit distance (typos) and, for names, to
the g/h twin (Гаджиев = Hajiyev). The widened words go to FTS5 as quoted strings: what a
user types never reaches FTS5 as syntax.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from db.facet_index import FacetIndex, cached_facet_index, facet_index, ids_of, mask_of, parse_ids
from db.filtering import clauses, resolve_filters
from db.models import ArticleRow, Filters, SearchResult
from db.query import ParsedQuery, parse_query
from db.schema import HEADS_INDEX
from db.store import Store
from db.textfold import fold_text, fold_word, gh_variant

RANK_CANDIDATES = 200  # candidates re-ranked with rapidfuzz
# Above this many hits, rank the newest candidates only: bm25 costs about 2 microseconds a
# hit (warm; several times that in the app while it paints), 4 ms at 2,000 and 9 at 5,000.
COMMON_QUERY = 2_000
RANK_MIN_CHARS = 3  # shorter free text keeps the index's order (newest, or bm25)
FUZZY_MIN_CHARS = 5  # shorter free text ranks by whole-word starts, not a fuzzy score
MAX_WORDS = 12
TYPO_MIN_LEN = 4
PREFIX_MIN_LEN = 2  # the index keeps 2- and 3-letter prefixes (db/schema.py)
FRAGMENT_MAX_LEN = 1  # a last word this short is still being typed: it waits for more


@dataclass
class TextQuery:
    """The FTS5 expression and the folded terms to highlight."""

    fts: str
    terms: list[str]  # folded whole words; a trailing "*" marks a prefix
    folded: str  # the folded free text, for rapidfuzz
    groups: list[str] = field(default_factory=list)  # the AND-ed parts of `fts`, one a word
    # per group: a word's exact forms and its prefix (the word being typed), None for a phrase
    parts: list[tuple[tuple[str, ...], str | None] | None] = field(default_factory=list)


class Vocabulary:
    """The index's words and the officials' name words, for typos and g/h twins.

    Reading the whole vocabulary of a 100k-article index takes seconds (fts5vocab counts
    every term's documents), so it is loaded in the background (`load_all`, called by the
    app's warm-up); until then, look-ups ask the index for one word or one first letter.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        ensure_vocab_table(conn)
        self.buckets: dict[str, list[str]] = {}
        self.known: dict[str, bool] = {}
        self.sorted_terms: list[str] | None = None  # every term, once load_all ran
        self.names: set[str] = set()
        for (key,) in conn.execute("select key from spellings"):
            self.names.update((key or "").split())
        self._lock = threading.Lock()

    def load_all(self, conn: sqlite3.Connection, generation: int | None = None) -> None:
        """Every term: the list saved by the last import when it is current, else the
        index's own vocabulary (a second on 100k articles, where the saved list is read
        in milliseconds)."""
        if self.sorted_terms is not None:
            return  # loaded already (the vocabulary is kept per store generation)
        terms = saved_terms(conn, generation) if generation is not None else None
        if terms is None:
            terms = index_terms(conn)
        buckets: dict[str, list[str]] = {}
        for t in terms:
            if t.isascii() and t.isalpha():
                buckets.setdefault(t[0], []).append(t)
        with self._lock:
            self.buckets = buckets
            self.sorted_terms = terms  # fts5vocab gives terms in order

    def has(self, conn: sqlite3.Connection, word: str) -> bool:
        terms = self.sorted_terms
        if terms is not None:
            i = bisect.bisect_left(terms, word)
            return i < len(terms) and terms[i] == word
        found = self.known.get(word)
        if found is None:
            ensure_vocab_table(conn)
            found = bool(
                conn.execute(
                    "select 1 from temp.articles_fts_vocab where term = ?", (word,)
                ).fetchone()
            )
            self.known[word] = found
        return found

    def has_prefix(self, conn: sqlite3.Connection, word: str) -> bool:
        """Some indexed word starts with `word` (the user may be mid-word)."""
        terms = self.sorted_terms
        if terms is not None:
            i = bisect.bisect_left(terms, word)
            return i < len(terms) and terms[i].startswith(word)
        ensure_vocab_table(conn)
        return bool(
            conn.execute(
                "select 1 from temp.articles_fts_vocab where term >= ? and term < ? limit 1",
                (word, word + "\uffff"),
            ).fetchone()
        )

    def with_prefix(self, prefix: str, limit: int) -> list[str] | None:
        """The index's terms starting with `prefix`, or None when there are more than
        `limit` or the vocabulary is not loaded yet."""
        terms = self.sorted_terms
        if terms is None:
            return None
        i = bisect.bisect_left(terms, prefix)
        j = bisect.bisect_left(terms, prefix + "\uffff", i, min(len(terms), i + limit + 1))
        return None if j - i > limit else terms[i:j]

    def near(self, conn: sqlite3.Connection, word: str) -> list[str]:
        """Index words within a typo of `word` (same first letter, similar length)."""
        bucket = self.buckets.get(word[0])
        if bucket is None:
            ensure_vocab_table(conn)
            first = word[0]
            rows = conn.execute(
                "select term from temp.articles_fts_vocab where term >= ? and term < ?",
                (first, chr(ord(first) + 1)),
            )
            bucket = [t for (t,) in rows if t.isascii() and t.isalpha()]
            with self._lock:
                self.buckets[first] = bucket
        near = [t for t in bucket if abs(len(t) - len(word)) <= 2]
        hits = process.extract(word, near, scorer=fuzz.ratio, score_cutoff=80, limit=6)
        return [h[0] for h in hits]


_vocab_lock = threading.Lock()
_vocab_cache: dict[str, tuple[int, Vocabulary]] = {}


def vocabulary(store: Store) -> Vocabulary:
    """Cached per store generation: rebuilt after an import."""
    generation = store.generation()
    key = str(store.path)
    with _vocab_lock:
        cached = _vocab_cache.get(key)
        if cached is not None and cached[0] == generation:
            return cached[1]
    vocab = Vocabulary(store.conn)
    with _vocab_lock:
        _vocab_cache[key] = (generation, vocab)
    return vocab


def index_terms(conn: sqlite3.Connection) -> list[str]:
    """Every term of the FTS index, in order (fts5vocab reads every term's documents)."""
    ensure_vocab_table(conn)
    return [t for (t,) in conn.execute("select term from temp.articles_fts_vocab")]


def saved_terms(conn: sqlite3.Connection, generation: int) -> list[str] | None:
    """The terms saved for this store generation, or None when missing or stale."""
    try:
        row = conn.execute(
            "select generation, facets from facet_cache where key = 'vocabulary'"
        ).fetchone()
    except sqlite3.DatabaseError:
        return None
    if row is None or row[0] != generation:
        return None
    terms = json.loads(row[1])
    return terms if isinstance(terms, list) else None


def save_terms(store: Store) -> None:
    """Save the index's terms for the store's current generation (after an import)."""
    store.conn.execute(
        "insert or replace into facet_cache (key, generation, facets) values ('vocabulary', ?, ?)",
        (store.generation(), json.dumps(index_terms(store.conn), ensure_ascii=False)),
    )


def ensure_vocab_table(conn: sqlite3.Connection) -> None:
    """fts5vocab over the index, in the connection's temp schema (nothing written to the store)."""
    conn.execute(
        "create virtual table if not exists temp.articles_fts_vocab "
        "using fts5vocab(main, 'articles_fts', 'row')"
    )


def build_text_query(
    parsed: ParsedQuery,
    vocab: Vocabulary,
    typing: bool = True,
    conn: sqlite3.Connection | None = None,
) -> TextQuery | None:
    """Turn free words and phrases into a safe FTS5 expression; None when there is no text."""
    groups: list[str] = []
    parts: list[tuple[tuple[str, ...], str | None] | None] = []
    terms: list[str] = []
    words = [fold_word(w) for w in parsed.words[:MAX_WORDS]]
    words = [w for w in words if w]
    if typing and words and len(words[-1]) <= FRAGMENT_MAX_LEN:
        # "gas p": the "p" is the start of a word, and as a word of its own it would
        # empty the list; the words before it keep their results until it grows.
        words.pop()
    for n, word in enumerate(words):
        is_last = typing and n == len(words) - 1
        options = {word}
        twin = gh_variant(word)
        if twin and twin in vocab.names:
            options.add(twin)
        typo = conn is not None and len(word) >= TYPO_MIN_LEN and not vocab.has(conn, word)
        if typo and is_last and vocab.has_prefix(conn, word):
            typo = False  # mid-word: the prefix finds it
        if typo:
            options.update(vocab.near(conn, word))
        quoted = [f'"{o}"' for o in sorted(options)]
        prefix = word if is_last and len(word) >= PREFIX_MIN_LEN else None
        if prefix:
            quoted.append(f'"{word}"*')
            terms.append(word + "*")
        terms.extend(sorted(options))
        groups.append("(" + " OR ".join(quoted) + ")")
        parts.append((tuple(sorted(options)), prefix))
    for phrase in parsed.phrases:
        folded = fold_text(phrase)
        if folded:
            groups.append(f'"{folded}"')
            parts.append(None)
            terms.extend(folded.split())
    if not groups:
        return None
    return TextQuery(
        fts="search_folded : (" + " AND ".join(groups) + ")",
        terms=list(dict.fromkeys(terms)),
        folded=" ".join([*words, *(fold_text(p) for p in parsed.phrases)]),
        groups=groups,
        parts=parts,
    )


@dataclass
class Prepared:
    """A query made ready for the store: what search, facets and the timeline all start from."""

    parsed: ParsedQuery
    filters: Filters  # as the store holds them (official ids, exact country names)
    messages: list[str]
    impossible: bool  # a value matched nothing: the answer is empty
    text: TextQuery | None


def prepare(store: Store, query: str, filters: Filters | None = None) -> Prepared:
    """Parse the query, resolve its filter values and build the FTS5 expression."""
    conn = store.conn
    parsed = parse_query(query, base=filters)
    resolved = resolve_filters(conn, parsed.filters)
    impossible = parsed.impossible or resolved.impossible
    text = None
    if not impossible and (parsed.words or parsed.phrases):
        text = build_text_query(parsed, vocabulary(store), conn=conn)
    messages = [*parsed.errors, *resolved.messages]
    return Prepared(parsed, resolved.filters, messages, impossible, text)


@dataclass
class Matches:
    """One query's match set, found once and shared by the list and the facet counts.

    With the facet bitmaps built (db.facet_index), the text query costs one FTS5 pass
    (its rowids as one string, parsed by numpy) and every filter, count and "newest
    first" is a bit operation; without them (the first seconds of a session), SQL.
    """

    prepared: Prepared
    index: FacetIndex | None
    hits: int | None = None  # the text query's matches (bitmap); None: no text query
    allowed: int | None = None  # hits under every filter (bitmap)

    @property
    def total(self) -> int:
        return 0 if self.allowed is None else self.allowed.bit_count()


def match(
    store: Store, query: str, filters: Filters | None = None, build_index: bool = False
) -> Matches:
    """Prepare the query and find its matches (as bitmaps when the facet index is built;
    `build_index` builds it first, as the counts need it anyway)."""
    prepared = prepare(store, query, filters)
    index = facet_index(store) if build_index else cached_facet_index(store)
    found = Matches(prepared, index)
    if index is None or prepared.impossible:
        return found
    found.hits = text_hits(store, prepared.text, index.size) if prepared.text else None
    allowed = index.all if found.hits is None else found.hits
    if not prepared.filters.is_empty():
        allowed &= index.filter_mask(prepared.filters)
    found.allowed = allowed
    return found


def hits_mask(conn: sqlite3.Connection, fts: str, size: int) -> int:
    """The bitmap of an FTS5 match (one string from SQLite: no Python row per hit)."""
    (ids,) = conn.execute(
        "select group_concat(rowid) from articles_fts where articles_fts match ?", (fts,)
    ).fetchone()
    return mask_of(parse_ids(ids), size)


GROUP_CACHE = 256  # word bitmaps kept for the next keystrokes (12.5 KB each at 100k)
PREFIX_TERMS_MAX = 16  # a typed prefix with at most this many words: OR their bitmaps
_group_lock = threading.Lock()
_group_cache: OrderedDict[tuple[str, int, int, str], int] = OrderedDict()


def text_hits(store: Store, text: TextQuery, size: int) -> int:
    """The text query's matches, a word at a time: each word's bitmap is one FTS5 pass,
    kept for the next keystrokes (typing "strategic partne" reuses the bitmap of
    "strategic", as fzf reuses its last candidates), and the bitmaps are AND-ed.

    The word being typed is a prefix. Two letters long, its bitmap was saved with the
    store (db.prefix_bitmaps). Longer, when the index has only a few words that start
    with it, its bitmap is the OR of theirs, each kept, so that typing "strate",
    "strateg", "strategi" reads the index once for "strategic" and "strategy" instead
    of a prefix query per keystroke (20-35 ms each for a common word on 100k articles).
    """
    from db.prefix_bitmaps import PREFIX_LEN, prefix_bitmaps, word_bitmaps

    if not text.groups:
        return hits_mask(store.conn, text.fts, size)
    generation = store.generation()  # an import changes every answer
    base = (str(store.path), generation, size)
    vocab = vocabulary(store)
    saved = prefix_bitmaps(store, generation, size)  # two-letter word starts, if loaded
    broad = word_bitmaps(store, generation, size)  # the broad words, if loaded
    # per group: the bitmaps OR-ed, each an FTS5 group (found once, then kept) or in hand
    plans: list[list[str | int]] = []
    for n, group in enumerate(text.groups):
        part = text.parts[n] if n < len(text.parts) else None
        prefix = part[1] if part is not None else None
        if part is not None and prefix and len(prefix) == PREFIX_LEN and saved and prefix in saved:
            # "ga": the saved bitmap holds the word itself too; a g/h twin is looked up
            # as a word of its own
            others = [f'"{o}"' for o in part[0] if o != prefix]
            plans.append([saved[prefix], *others])
            continue
        if part is not None and broad is not None:
            plan = _plan_with_broad_words(part[0], prefix, vocab, broad)
            if plan is not None:
                plans.append(plan)
                continue
        expanded = vocab.with_prefix(prefix, PREFIX_TERMS_MAX) if prefix else None
        if part is None or expanded is None:
            plans.append([group])
        else:
            plans.append([f'"{t}"' for t in dict.fromkeys([*part[0], *expanded])])
    groups = [g for plan in plans for g in plan if isinstance(g, str)]
    with _group_lock:
        known = {g: _group_cache[(*base, g)] for g in groups if (*base, g) in _group_cache}
        for g in known:
            _group_cache.move_to_end((*base, g))

    def in_hand(plan: list[str | int]) -> bool:
        return all(isinstance(g, int) or g in known for g in plan)

    mask = -1  # every bit set: the neutral element of AND
    # groups whose bitmaps are all in hand first: their AND may already be empty
    for plan in sorted(plans, key=lambda p: not in_hand(p)):
        if not mask:
            break
        either = 0
        for group in plan:
            if isinstance(group, int):
                either |= group
                continue
            bits = known.get(group)
            if bits is None:
                bits = known[group] = hits_mask(store.conn, f"search_folded : {group}", size)
                with _group_lock:
                    _group_cache[(*base, group)] = bits
                    while len(_group_cache) > GROUP_CACHE:
                        _group_cache.popitem(last=False)
            either |= bits
        mask &= either
    return mask


RARE_WORDS_MAX = 200  # a word start's rare words asked of the index in one query


def _holds(terms: list[str], word: str) -> bool:
    i = bisect.bisect_left(terms, word)
    return i < len(terms) and terms[i] == word


def _plan_with_broad_words(
    words: tuple[str, ...], prefix: str | None, vocab: Vocabulary, broad: dict[str, int]
) -> list[str | int] | None:
    """A group's words (and the words its prefix starts) as the saved bitmaps of the
    broad ones plus one index query for the rest; None when the word start has too many
    words (or the vocabulary is not loaded yet)."""
    indexed = vocab.sorted_terms
    if indexed is None:
        return None
    terms = list(words)
    if prefix:
        started = vocab.with_prefix(prefix, len(broad) + RARE_WORDS_MAX)
        if started is None:
            return None
        terms += started
    terms = list(dict.fromkeys(terms))
    # a word the index does not hold ("gal" itself, a typo) matches nothing: not asked
    rare = [t for t in terms if t not in broad and _holds(indexed, t)]
    if len(rare) > RARE_WORDS_MAX:
        return None
    plan: list[str | int] = [broad[t] for t in terms if t in broad]
    if rare:
        plan.append("(" + " OR ".join(f'"{t}"' for t in rare) + ")")
    return plan


def search(
    store: Store,
    query: str,
    filters: Filters | None = None,
    limit: int = 100,
    offset: int = 0,
) -> SearchResult:
    """One page of results for the query text and filters, best match (or newest) first."""
    return page(store, match(store, query, filters), limit, offset)


def page(store: Store, found: Matches, limit: int = 100, offset: int = 0) -> SearchResult:
    """One page of a match set."""
    conn = store.conn
    prepared, index = found.prepared, found.index
    if index is not None:
        store_total = index.total
    else:
        store_total = conn.execute("select count(*) from articles").fetchone()[0]
    message = "; ".join(prepared.messages) or None
    if prepared.impossible:
        return SearchResult([], 0, store_total, [], message)
    if index is None or found.allowed is None:
        return _page_sql(conn, prepared, limit, offset, store_total, message)
    text, total = prepared.text, found.total
    if text is None:
        if prepared.filters.is_empty():
            ids = _newest(conn, limit, offset)
        else:
            ids = index.newest(found.allowed, offset + limit)[offset:]
        return SearchResult(rows(conn, ids), total, store_total, [], message)
    kept = ids_of(found.allowed)[::-1]  # newest import first
    if total > COMMON_QUERY:  # bm25 over tens of thousands: the newest candidates instead
        candidates = [int(i) for i in kept[: max(RANK_CANDIDATES, offset + limit)]]
    elif prepared.filters.is_empty():
        candidates = _best_by_bm25(conn, text.fts, None, offset + limit)
    else:
        candidates = _best_by_bm25(conn, text.fts, kept, offset + limit)
    if len(text.folded.replace(" ", "")) < RANK_MIN_CHARS:
        ranked = candidates  # "ga": a fuzzy score of two letters says nothing
    else:
        ranked = rank_ids(conn, candidates, text)
    ids = ranked[offset : offset + limit]
    if offset + limit > len(ranked) and len(ranked) < total:  # past the re-ranked head
        seen = set(ranked)
        rest = (int(i) for i in kept if int(i) not in seen)
        ids = (ranked + list(itertools.islice(rest, offset + limit - len(ranked))))[offset:]
    return SearchResult(rows(conn, ids), total, store_total, text.terms, message)


def _newest(conn: sqlite3.Connection, limit: int, offset: int) -> list[int]:
    return [
        r[0]
        for r in conn.execute(
            "select id from articles order by event_date desc, id desc limit ? offset ?",
            (limit, offset),
        )
    ]


def _best_by_bm25(conn: sqlite3.Connection, fts: str, within, need: int) -> list[int]:
    """The best candidates by bm25 (among `within` ids when filters narrowed the hits)."""
    n = max(RANK_CANDIDATES, need)
    if within is None:
        sql, args = "", [fts, n]
    else:
        sql, args = (
            " and rowid in (select value from json_each(?))",
            [fts, json.dumps(within.tolist()), n],
        )
    return [
        r[0]
        for r in conn.execute(
            f"select rowid from articles_fts where articles_fts match ?{sql} order by rank limit ?",
            args,
        )
    ]


def _page_sql(
    conn: sqlite3.Connection,
    prepared: Prepared,
    limit: int,
    offset: int,
    store_total: int,
    message: str | None,
) -> SearchResult:
    """A page straight from SQL, before the bitmaps are built."""
    chosen, text = prepared.filters, prepared.text
    if text is None:
        where, args = clauses(chosen)
        sql_where = " and ".join(where) or "1"
        if where:
            sql = f"select count(*) from articles where {sql_where}"
            total = conn.execute(sql, args).fetchone()[0]
        else:  # the first screen: every article, counted once already
            total = store_total
        ids = [
            r[0]
            for r in conn.execute(
                f"select id from articles where {sql_where} "
                "order by event_date desc, id desc limit ? offset ?",
                [*args, limit, offset],
            )
        ]
        return SearchResult(rows(conn, ids), total, store_total, [], message)
    where, args = clauses(chosen, id_column="rowid")
    cond = " and ".join(["articles_fts match ?", *where])
    cond_args = [text.fts, *args]
    total = conn.execute(f"select count(*) from articles_fts where {cond}", cond_args).fetchone()[0]
    ranked = rank(conn, cond, cond_args, text, total, need=offset + limit)
    ids = ranked[offset : offset + limit]
    if offset + limit > len(ranked) and len(ranked) < total:
        # Past the re-ranked head: continue in the index's order.
        order = "rowid desc" if total > COMMON_QUERY else "rank"
        extra = conn.execute(
            f"select rowid from articles_fts where {cond} order by {order} limit ? offset ?",
            [*cond_args, offset + limit - len(ranked), len(ranked)],
        ).fetchall()
        ids = (ranked + [r[0] for r in extra])[offset : offset + limit]
    return SearchResult(rows(conn, ids), total, store_total, text.terms, message)


@functools.lru_cache(maxsize=8192)
def _folded_head(title: str, names: str) -> str:
    """A candidate's folded title and names (the next keystroke ranks mostly the same ones)."""
    return fold_text(f"{title} {names}")


def rank_ids(conn: sqlite3.Connection, ids: list[int], text: TextQuery) -> list[int]:
    """Re-rank candidates (best first already) on their title and names: rapidfuzz for
    five letters or more, whole-word starts for fewer."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    heads = {
        aid: _folded_head(title, names or "")
        for aid, title, names in conn.execute(
            f"select id, title, search_names from {_by_id(conn)} where id in ({marks})", ids
        )
    }
    if len(text.folded.replace(" ", "")) < FUZZY_MIN_CHARS:
        # "gas", "Мер", "stra": a typo in three or four letters is no signal, and the
        # fuzzy score of a short word against a long title cost 15-20 us a candidate (the
        # slowest keystrokes are these): a title or name word that starts so is the signal
        words = [" " + w for w in text.folded.split()]

        def score(head: str) -> float:
            spaced = " " + head
            return 100 * sum(w in spaced for w in words) / len(words)
    else:

        def score(head: str) -> float:
            # WRatio weighs the typed words against the title's best-matching part: with
            # a typo in every word ("strategc partnrship") token_set_ratio scored a title
            # holding both words below one holding neither (4 us a candidate more)
            return fuzz.WRatio(text.folded, head)

    scored = []
    for pos, aid in enumerate(ids):
        fuzzy = score(heads.get(aid, "")) if text.folded else 0
        scored.append((fuzzy * 0.6 + 40 * (1 - pos / len(ids)), aid))
    scored.sort(key=lambda s: -s[0])
    return [aid for _, aid in scored]


def rank(
    conn: sqlite3.Connection, cond: str, args: list, text: TextQuery, total: int, need: int
) -> list[int]:
    """FTS5 picks the candidates (bm25; the newest for a very common query, where bm25
    over tens of thousands of rows would cost a keystroke 100+ ms), rapidfuzz re-ranks
    them on title and names, so that a typo'd title match still comes first."""
    n = max(RANK_CANDIDATES, need)
    order = "rowid desc" if total > COMMON_QUERY else "rank"
    ids = [
        r[0]
        for r in conn.execute(
            f"select rowid from articles_fts where {cond} order by {order} limit ?", [*args, n]
        )
    ]
    return rank_ids(conn, ids, text)


def _by_id(conn: sqlite3.Connection) -> str:
    """Articles read by id through the covering index when the store has it (SQLite would
    take the rows themselves); a store opened read-only from before has not."""
    has = conn.execute(
        "select 1 from sqlite_master where type = 'index' and name = ?", (HEADS_INDEX,)
    ).fetchone()
    return f"articles indexed by {HEADS_INDEX}" if has else "articles"


def rows(conn: sqlite3.Connection, ids: list[int]) -> list[ArticleRow]:
    """The list lines for these ids, in this order."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    found = {
        r[0]: r
        for r in conn.execute(
            f"select id, event_date, primary_type, title from {_by_id(conn)} where id in ({marks})",
            ids,
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
