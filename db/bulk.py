"""Connection and interpreter settings for writing many articles in one go.

An import (and a re-extraction) runs with each of them raised for its duration, and
puts back what the connection and the interpreter had, so that the app that started it
works as before.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

# A batch's commit copies its pages to the store file once the log holds this many
# (SQLite's default: 1000 pages, about two batches). An import lets the log grow
# further, so that index pages written by several batches are copied once, and
# copies the rest when it ends.
IMPORT_WAL_PAGES = 16_384
# The page cache an import works with (KiB; SQLite's default is 2,000): the index pages a
# batch writes are read again by the next, and with the default they were read back
# from the file (10,000 generated articles: 4.4-5.1 -> 3.3-3.6 s of system time).
IMPORT_CACHE_KIB = 65_536
# An import allocates millions of short-lived objects (tokens, matches, rows) and keeps
# few: with the collector's young generation this large, it runs some 70 times less
# often, and its full collections, which walk every object alive, almost never.
IMPORT_GC_YOUNG = 50_000
# Where SQLite keeps its temporary files (PRAGMA temp_store; 2 = memory). Every file is
# written inside a savepoint, and a savepoint keeps the first version of each page it
# changes in a statement journal, which spills to a temporary file past 64 KB: about
# 35 pages an article, written and dropped again. In memory, on 3,000 generated
# articles: 70 system calls an article fewer, 1.1 -> 0.55 s of system time.
IMPORT_TEMP_STORE = 2


@contextmanager
def bulk_writing(conn: sqlite3.Connection) -> Iterator[None]:
    """Run the block with the settings above, and give the previous ones back after.

    Call it outside a transaction: the temporary storage cannot change inside one."""
    thresholds = _fewer_collections()
    autocheckpoint = _defer_checkpoints(conn)
    cache = _larger_cache(conn)
    temp_store = _memory_journals(conn)
    try:
        yield
    finally:
        _restore_collections(thresholds)
        _restore_checkpoints(conn, autocheckpoint)
        _restore_cache(conn, cache)
        _restore_temp_store(conn, temp_store)


def _fewer_collections() -> tuple[int, int, int] | None:
    """Raise the collector's young threshold to IMPORT_GC_YOUNG; the thresholds to put
    back, or None when they were as high already."""
    before = gc.get_threshold()
    if before[0] >= IMPORT_GC_YOUNG:
        return None
    gc.set_threshold(IMPORT_GC_YOUNG, before[1], before[2])
    return before


def _restore_collections(before: tuple[int, int, int] | None) -> None:
    """Put the thresholds back, unless another import (a thread) changed them meanwhile."""
    if before is not None and gc.get_threshold()[0] == IMPORT_GC_YOUNG:
        gc.set_threshold(*before)


def _defer_checkpoints(conn: sqlite3.Connection) -> int:
    """Let the write-ahead log grow to IMPORT_WAL_PAGES; the setting it had, to restore."""
    before = int(conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
    if 0 < before < IMPORT_WAL_PAGES:
        conn.execute(f"PRAGMA wal_autocheckpoint = {IMPORT_WAL_PAGES}")
    return before


def _restore_checkpoints(conn: sqlite3.Connection, before: int) -> None:
    """Put the setting back and copy the log into the store file, without waiting for
    readers (a TUI open on the store): what they hold is copied by a later checkpoint."""
    try:
        conn.execute(f"PRAGMA wal_autocheckpoint = {before}")
        if not conn.in_transaction:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except sqlite3.DatabaseError:
        pass  # the store is usable as it is; the next commit checkpoints


def _larger_cache(conn: sqlite3.Connection) -> int:
    """Raise the page cache to IMPORT_CACHE_KIB; the setting it had, to restore."""
    before = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    if before > 0:  # in pages
        kib = before * int(conn.execute("PRAGMA page_size").fetchone()[0]) // 1024
    else:
        kib = -before
    if kib < IMPORT_CACHE_KIB:
        conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    return before


def _restore_cache(conn: sqlite3.Connection, before: int) -> None:
    """Give the memory back: the app's connection needs no more than it had."""
    try:
        conn.execute(f"PRAGMA cache_size = {before}")
    except sqlite3.DatabaseError:
        pass  # a setting: the connection works as it is


def _memory_journals(conn: sqlite3.Connection) -> int | None:
    """Keep temporary files in memory; the setting to restore, or None if unchanged.

    Changing it drops the connection's temporary tables (the search vocabulary's view,
    made again on its next use), and SQLite refuses while a statement reads one: the
    import then goes on with files, as before."""
    before = int(conn.execute("PRAGMA temp_store").fetchone()[0])
    if before == IMPORT_TEMP_STORE:
        return None
    try:
        conn.execute(f"PRAGMA temp_store = {IMPORT_TEMP_STORE}")
    except sqlite3.DatabaseError:
        return None
    return before


def _restore_temp_store(conn: sqlite3.Connection, before: int | None) -> None:
    if before is None:
        return
    try:
        conn.execute(f"PRAGMA temp_store = {before}")
    except sqlite3.DatabaseError:
        pass  # a setting: temporary files stay in memory on this connection
