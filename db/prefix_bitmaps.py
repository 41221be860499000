"""The articles of every two-letter word start, saved with the store after each import.

Every query starts with two letters ("st", "ga", "ме"), and on a large store those are
the costliest keystrokes: a two-letter prefix matches most articles, and reading them
from the index took 10-20 ms a keystroke on 100k articles (a third of a keystroke's
budget). There are a few hundred such prefixes, a bitmap each (12.5 KB at 100k
articles), so the broad ones (1% of the articles or more; a rare prefix is quick for
the index itself) are counted once at import time and read back at startup in
milliseconds; a word being typed that is two letters long is then a bitmap look-up.
"""

from __future__ import annotations

import sqlite3
import threading

from db.search import hits_mask, index_terms, saved_terms
from db.store import Store, all_or_nothing

PREFIX_LEN = 2
BROAD_MIN_ARTICLES = 50  # saved: prefixes of at least this many articles, and 1% of them

_lock = threading.Lock()
_loaded: dict[str, tuple[int, int, dict[str, int]]] = {}  # path -> (generation, size, bitmaps)


def _size(conn: sqlite3.Connection) -> int:
    return conn.execute("select coalesce(max(id), 0) + 1 from articles").fetchone()[0]


def save_prefix_bitmaps(store: Store) -> None:
    """Count every two-letter word start of the index and save the bitmaps (replacing
    the previous generation's, in one transaction)."""
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
    conn.execute(
        "create table if not exists prefix_bitmaps "
        "(prefix text primary key, generation integer, size integer, bits blob)"
    )
    with all_or_nothing(conn):
        conn.execute("delete from prefix_bitmaps")
        conn.executemany("insert into prefix_bitmaps values (?, ?, ?, ?)", rows)


def load_prefix_bitmaps(store: Store) -> None:
    """Read the saved bitmaps if they belong to the store's current generation (call off
    the UI thread; `prefix_bitmaps` then answers at once)."""
    generation = store.generation()
    try:
        rows = store.conn.execute(
            "select prefix, size, bits from prefix_bitmaps where generation = ?", (generation,)
        ).fetchall()
    except sqlite3.DatabaseError:
        return  # none saved yet (a store from before, or read-only): prefixes ask the index
    if not rows:
        return
    size = rows[0][1]
    bitmaps = {
        prefix: int.from_bytes(bits, "little")
        for prefix, row_size, bits in rows
        if row_size == size
    }
    with _lock:
        _loaded[str(store.path)] = (generation, size, bitmaps)


def prefix_bitmaps(store: Store, generation: int, size: int) -> dict[str, int] | None:
    """The loaded bitmaps, if they are of this generation and size; never reads the store."""
    with _lock:
        found = _loaded.get(str(store.path))
    if found is None or found[0] != generation or found[1] != size:
        return None
    return found[2]
