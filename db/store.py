"""Open or create a store: one SQLite file, WAL, a schema version, one connection per thread.

The TUI reads from worker threads while an import may write from another process, so
every thread gets its own connection (SQLite connections must not cross threads) and the
journal is in write-ahead mode.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from db import schema
from db.errors import StoreError

ENV_VAR = "DIPLOTUI_DB"
BUSY_TIMEOUT_MS = 10_000


def default_store_path() -> Path:
    """The store a user gets with no --db: $DIPLOTUI_DB, else the user's data folder."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("diplotui", appauthor=False)) / "diplotui.db"


def explain(path: Path | str, exc: sqlite3.Error) -> str:
    """What an SQLite error met while reading or writing the store at `path` means."""
    text = str(exc)
    low = text.lower()
    if "malformed" in low or "not a database" in low or "corrupt" in low:
        hint = "the store is damaged (corrupt): keep a copy of it before anything else"
    elif "readonly" in low or "read-only" in low:
        hint = "the store is read-only: it cannot be written"
    elif "full" in low or ("disk i/o" in low and _disk_full(Path(path))):
        hint = "the disk is full"
    elif "locked" in low or "busy" in low:
        hint = "another program is writing the store; try again when it is done"
    else:
        hint = "cannot read or write the store"
    return f"{path}: {hint} ({text})"


def _disk_full(path: Path) -> bool:
    """Whether the file system holding `path` has (almost) no room left: SQLite reports a
    full disk as a plain I/O error when growing its shared-memory file fails."""
    try:
        return shutil.disk_usage(path.parent).free < 512 * 1024
    except OSError:
        return False


IDLE_CONNECTIONS = 2  # released connections kept open for the next worker threads


class Store:
    """A diplotui store on disk. Cheap to create; connections open lazily, per thread."""

    def __init__(self, path: Path | str, *, create: bool = True, readonly: bool = False) -> None:
        self.path = Path(path).expanduser()
        self.readonly = readonly
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._owners: dict[sqlite3.Connection, int | None] = {}  # connection -> its thread
        self._idle: list[sqlite3.Connection] = []  # finished threads' connections, kept warm
        self._lock = threading.Lock()
        self._check_or_create(create)

    # -- opening -----------------------------------------------------------------------

    def _check_or_create(self, create: bool) -> None:
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a store file")
        exists = self.path.exists() and self.path.stat().st_size > 0
        if not exists:
            if not create or self.readonly:
                raise StoreError(f"{self.path}: no store here (import some articles first)")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create its folder: {exc.strerror}") from exc
        if exists:
            self._check_header()
            self._check_existing()
            return
        if self.readonly:
            raise StoreError(f"{self.path}: the store is empty")
        self._create(was_empty=self.path.exists())

    def _create(self, was_empty: bool) -> None:
        """A new store; if the disk fills up half way, remove what was written, so that the
        half-made file is not refused as "not a diplotui store" once there is room again."""
        try:
            self._write_schema(self.db)
        except StoreError:
            self.close()
            if _disk_full(self.path):
                for suffix in ("-wal", "-shm", "-journal"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                if was_empty:
                    os.truncate(self.path, 0)
                else:
                    self.path.unlink(missing_ok=True)
            raise

    def _check_existing(self) -> None:
        """Look before touching: a read-only peek, so a foreign file is never changed."""
        try:
            peek = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc
        try:
            tables = {r[0] for r in peek.execute("select name from sqlite_master")}
            version = 0
            if "meta" in tables:
                row = peek.execute("select value from meta where key = 'schema_version'").fetchone()
                version = int(row[0]) if row and str(row[0]).isdigit() else 0
        except sqlite3.DatabaseError as exc:
            if "unable to open" in str(exc) and self._read_only_place():
                raise StoreError(self._read_only_message()) from exc
            raise StoreError(f"{self.path}: not a diplotui store, or corrupt ({exc})") from exc
        finally:
            peek.close()
        if not tables:
            if self.readonly:
                raise StoreError(f"{self.path}: the store is empty")
            self._write_schema(self.db)
            return
        if "meta" not in tables or "articles" not in tables:
            listed = ", ".join(sorted(t for t in tables if not t.startswith("sqlite_"))[:5])
            raise StoreError(
                f"{self.path}: an SQLite database, but not a diplotui store "
                f"(it has tables {listed}); refusing to touch it"
            )
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer diplotui (store schema {version}, this version "
                f"reads up to {schema.SCHEMA_VERSION}); upgrade diplotui to open it"
            )
        if version < schema.SCHEMA_VERSION and not self.readonly:
            self._write_schema(self.db)

    def _read_only_place(self) -> bool:
        return not os.access(self.path.parent, os.W_OK) or not os.access(self.path, os.W_OK)

    def _read_only_message(self) -> str:
        return (
            f"{self.path}: the store is read-only (the file or its folder cannot be written, "
            "and SQLite writes its -wal and -shm files beside it); copy it to a writable "
            "folder to use it"
        )

    def _check_header(self) -> None:
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read the store: {exc.strerror}") from exc
        if head != b"SQLite format 3\x00":
            raise StoreError(f"{self.path}: not an SQLite file, so not a diplotui store")

    def _write_schema(self, db: sqlite_utils.Database) -> None:
        try:
            with db.conn:
                schema.create(db)
        except sqlite3.OperationalError as exc:
            raise StoreError(explain(self.path, exc)) from exc

    def _connect(self) -> sqlite3.Connection:
        try:
            if self.readonly:
                uri = f"file:{self.path}?mode=ro"
                conn = sqlite3.connect(
                    uri, uri=True, check_same_thread=False, timeout=10, isolation_level=None
                )
            else:
                conn = sqlite3.connect(
                    str(self.path), check_same_thread=False, timeout=10, isolation_level=None
                )
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            if not self.readonly:
                mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                if mode.lower() != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            if self._read_only_place():
                raise StoreError(self._read_only_message()) from exc
            raise StoreError(explain(self.path, exc)) from exc
        with self._lock:
            self._all.append(conn)
            self._owners[conn] = threading.get_ident()
        return conn

    # -- connections -------------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection: one a finished thread handed back, else a new one."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            with self._lock:
                conn = self._idle.pop() if self._idle else None
                if conn is not None:
                    self._owners[conn] = threading.get_ident()
            if conn is None:
                conn = self._connect()
            self._local.conn = conn
        return conn

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection, wrapped by sqlite-utils."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite_utils.Database(self.conn)
            self._local.db = db
        return db

    def close_thread(self) -> None:
        """Release the calling thread's connection (a finished worker thread's).

        Up to IDLE_CONNECTIONS are kept for the next threads, the most recent first: a
        Textual thread worker runs on a new thread each keystroke, and a new connection
        starts with an empty page cache (a filtered page took 77 ms instead of 8)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            return
        self._local.conn = None
        self._local.db = None
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            keep = True
        except sqlite3.Error:
            keep = False
        with self._lock:
            if keep and len(self._idle) < IDLE_CONNECTIONS and conn in self._owners:
                self._owners[conn] = None
                self._idle.append(conn)
                return
            if conn in self._all:
                self._all.remove(conn)
            self._owners.pop(conn, None)
        try:
            conn.close()
        except sqlite3.Error:
            pass

    def generation(self) -> int:
        """Bumped by every change to articles and their facts (triggers): a cache key."""
        row = self.conn.execute("select value from meta where key = 'generation'").fetchone()
        return int(row[0]) if row and str(row[0]).lstrip("-").isdigit() else 0

    def close(self) -> None:
        """Close the connections no thread is using any more.

        A connection another thread may still be inside (a worker finishing a query when
        the app quits) is left to that thread and to garbage collection: closing it under
        a running statement would crash the process, not raise.
        """
        me = getattr(self._local, "conn", None)
        with self._lock:
            threads = {t.ident for t in threading.enumerate()}
            keep = []
            for conn, owner in self._owners.items():
                if conn is me or owner not in threads:
                    try:
                        conn.close()
                    except sqlite3.Error:
                        pass
                else:
                    keep.append(conn)
            self._all[:] = keep
            self._owners = {c: o for c, o in self._owners.items() if c in keep}
            self._idle.clear()
        self._local = threading.local()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- facts about the store -----------------------------------------------------------

    def schema_version(self) -> int:
        try:
            row = self.conn.execute(
                "select value from meta where key = 'schema_version'"
            ).fetchone()
        except sqlite3.DatabaseError:
            return 0
        try:
            return int(row[0]) if row else 0
        except ValueError:
            return 0

    def article_count(self) -> int:
        return self.conn.execute("select count(*) from articles").fetchone()[0]

    def is_empty(self) -> bool:
        """No article yet (one row read, where counting reads them all)."""
        return self.conn.execute("select 1 from articles limit 1").fetchone() is None

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@contextmanager
def all_or_nothing(conn: sqlite3.Connection) -> Iterator[None]:
    """One transaction for a batch of writes (or the caller's own, if one is open): a
    failure rolls the batch back instead of leaving a transaction open on the connection."""
    if conn.in_transaction:
        yield
        return
    conn.execute("begin")
    try:
        yield
    except BaseException:
        conn.execute("rollback")
        raise
    conn.execute("commit")
