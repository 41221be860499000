"""The articles of every two-letter word start, saved with the store after each import.

Every query starts with two letters ("st", "ga", "ме"), and on a large store those are
the costliest keystrokes: a two-letter prefix matches most articles, and reading them
from the index took 10-20 ms a keystroke on 100k articles (a third of a keystroke's
budget). There are a few hundred such prefixes, a bitmap each (12.5 KB at 100k
articles), so the broad ones (1% of the articles or more; a rare prefix is quick for
the index itself) are counted once at import time and read back at startup in
milliseconds; a word being typed that is two letters long is then a bitmap look-up.

The broad words are saved the same way, for the third letter on: "str", "stra",
"part" match tens of thousands of articles through many words, and the index hands
them over at about 0.25 microseconds a match (20-40 ms a keystroke on 100k articles).
A longer word start is then the OR of its broad words' bitmaps and one index query
for its rare words, which is quick. Saving them costs about as much as the prefixes.
"""

from __future__ import annotations

import sqlite3
import threading

from db.search import ensure_vocab_table, hits_mask, index_terms, saved_terms
from db.store import Store, all_or_nothing

PREFIX_LEN = 2
BROAD_MIN_ARTICLES = 50  # saved: prefixes of at least this many articles, and 1% of them

_lock = threading.Lock()
# path -> (generation, size, two-letter prefix bitmaps, broad word bitmaps)
_loaded: dict[str, tuple[int, int, LazyBitmaps, LazyBitmaps]] = {}


def _size(conn: sqlite3.Connection) -> int:
    return conn.execute("select coalesce(max(id), 0) + 1 from articles").fetchone()[0]


def save_prefix_bitmaps(store: Store) -> None:
    """Count every two-letter word start and every broad word of the index and save the
    bitmaps (replacing the previous generation's, in one transaction)."""
    conn = store.conn
    generation = store.generation()
    terms = saved_terms(conn, generation)
    if terms is None:
        terms = index_terms(conn)
    size = _size(conn)
    prefixes = sorted({t[:PREFIX_LEN] for t in terms if len(t) >= PREFIX_LEN and t.isalnum()})
    rows = []
    least = max(BROAD_MIN_ARTICLES, size // 100)
    for prefix in prefixes:
        bits = hits_mask(conn, f'search_folded : ("{prefix}"*)', size)
        if bits.bit_count() >= least:  # a rare prefix is quick for the index itself
            rows.append((prefix, generation, size, bits.to_bytes((size + 7) // 8, "little")))
    word_rows = []
    for word in broad_words(conn, least):
        bits = hits_mask(conn, f'search_folded : "{word}"', size)
        word_rows.append((word, generation, size, bits.to_bytes((size + 7) // 8, "little")))
    for table, key in (("prefix_bitmaps", "prefix"), ("word_bitmaps", "word")):
        conn.execute(
            f"create table if not exists {table} "
            f"({key} text primary key, generation integer, size integer, bits blob)"
        )
    with all_or_nothing(conn):
        conn.execute("delete from prefix_bitmaps")
        conn.executemany("insert into prefix_bitmaps values (?, ?, ?, ?)", rows)
        conn.execute("delete from word_bitmaps")
        conn.executemany("insert into word_bitmaps values (?, ?, ?, ?)", word_rows)


def broad_words(conn: sqlite3.Connection, least: int) -> list[str]:
    """The index's words found in at least `least` articles (quoted safely: letters and
    digits only, as the tokenizer makes them)."""
    ensure_vocab_table(conn)
    return [
        term
        for (term,) in conn.execute(
            "select term from temp.articles_fts_vocab where doc >= ?", (least,)
        )
        if term.isalnum()
    ]


def load_prefix_bitmaps(store: Store) -> None:
    """Read the saved bitmaps if they belong to the store's current generation (call off
    the UI thread; `prefix_bitmaps` and `word_bitmaps` then answer at once)."""
    generation = store.generation()
    with _lock:
        loaded = _loaded.get(str(store.path))
    if loaded is not None and loaded[0] == generation:
        return  # already read (another screen's warm-up): 24 MB on 100k articles
    found: list[LazyBitmaps] = []
    size = None
    for table in ("prefix_bitmaps", "word_bitmaps"):
        try:
            rows = store.conn.execute(
                f"select * from {table} where generation = ?", (generation,)
            ).fetchall()
        except sqlite3.DatabaseError:
            rows = []  # none saved yet (a store from before, or read-only): ask the index
        if rows and size is None:
            size = rows[0][2]
        found.append(LazyBitmaps({key: bits for key, _g, n, bits in rows if n == size}))
    if size is None:
        return
    with _lock:
        _loaded[str(store.path)] = (generation, size, found[0], found[1])


class LazyBitmaps(dict):
    """Saved bitmaps read as bytes and made ints on first use: a query needs a few of the
    thousands of broad words, and converting them all cost the warm-up 55 ms on 100k."""

    def __getitem__(self, key: str) -> int:
        bits = super().__getitem__(key)
        if isinstance(bits, bytes):
            bits = int.from_bytes(bits, "little")
            super().__setitem__(key, bits)
        return bits


def _current(store: Store, generation: int, size: int):
    with _lock:
        found = _loaded.get(str(store.path))
    if found is None or found[0] != generation or found[1] != size:
        return None
    return found


def prefix_bitmaps(store: Store, generation: int, size: int) -> dict[str, int] | None:
    """The loaded two-letter bitmaps, if of this generation and size; never reads the store."""
    found = _current(store, generation, size)
    return found[2] if found else None


def word_bitmaps(store: Store, generation: int, size: int) -> dict[str, int] | None:
    """The loaded broad words' bitmaps, if of this generation and size (None: none saved)."""
    found = _current(store, generation, size)
    return found[3] if found and found[3] else None
