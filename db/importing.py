"""Walk the paths a user gives, read each file, extract its facts and store them.

Each file is all or nothing: its articles are written inside one savepoint, and the batch
is committed every few files so that a large import stays fast. A file that fails is
reported with its path and what is wrong, and the import goes on.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from db.bulk import bulk_writing
from db.errors import ImportProblem, StoreError
from db.models import Extraction, ParsedArticle
from db.store import Store, explain
from db.writer import DeferredIndex, Overrides, content_hash, existing_hash, write_article

# Extensions tried when walking a folder; a file named on the command line is always tried.
ARTICLE_SUFFIXES = {
    "",
    ".txt",
    ".text",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".xhtml",
    ".json",
    ".jsonl",
    ".ndjson",
    ".xml",
    ".rss",
    ".atom",
    ".feed",
}
BATCH_FILES = 200
BATCH_SECONDS = 1.0
# Files read, extracted and written stage by stage (see import_paths): measured on 1,200
# generated articles, 15-25% faster than one file through all three stages in turn, and
# faster as groups grow (25 files: 6.1 ms an article, 50: 5.8, 200: 5.4). A group is
# about one commit's worth; progress is reported as files are read, a group ahead.
STAGE_FILES = 200
# Extraction reads an article's first characters only: it takes seconds per million, so one
# huge file (a log, a book) would otherwise look like a hang. All the text is stored.
MAX_EXTRACT_CHARS = 100_000
MAX_EXTRACT_TITLE = 2_000


@dataclass
class Failure:
    path: str
    reason: str


@dataclass
class ImportSummary:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # files in a folder that are not an article format (images, archives)
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)  # e.g. a bad item inside a feed
    files: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.failures)


ProgressFn = Callable[[int, int, str], None]


def collect_files(paths: Iterable[Path], summary: ImportSummary) -> list[Path]:
    """Expand folders recursively (no symlinked folders: no loops); report missing paths."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not os.path.lexists(path):
            summary.failures.append(Failure(str(path), "no such file or folder"))
        elif path.is_dir():
            files.extend(_walk(path, summary))
        else:
            files.append(path)
    return files


def _walk(folder: Path, summary: ImportSummary) -> Iterator[Path]:
    def on_error(exc: OSError) -> None:
        summary.failures.append(Failure(exc.filename or str(folder), _os_reason(exc)))

    for root, dirs, names in os.walk(folder, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if path.suffix.lower() in ARTICLE_SUFFIXES:
                yield path
            else:
                summary.skipped += 1


def _os_reason(exc: OSError) -> str:
    if exc.errno == 40:  # ELOOP
        return "symbolic link loop"
    return (exc.strerror or str(exc)).lower()


def load_registry(store: Store):
    """The store's officials and their spellings, so new names resolve to known people."""
    from db.registry import Registry

    registry = Registry.from_gazetteer()
    conn = store.conn
    spellings: dict[str, list[str]] = {}
    for official_id, spelling in conn.execute("select official_id, spelling from spellings"):
        spellings.setdefault(official_id, []).append(spelling)
    for official_id, name, country in conn.execute("select id, name, country from officials"):
        registry.add_known(official_id, name, country, spellings.get(official_id, [name]))
    return registry


@dataclass
class _FileWork:
    """One file on its way through the stages: read, then extracted, then written."""

    path: Path
    key: str  # the file's real path: what the store knows it by
    articles: list[ParsedArticle]
    facts: list[Extraction | None] = field(default_factory=list)  # None: stored unchanged
    found: list[tuple[int, str] | None] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)
    failed: bool = False  # reported: nothing of it is written


def import_paths(
    store: Store,
    paths: Iterable[Path | str],
    progress: ProgressFn | None = None,
) -> ImportSummary:
    """Import files and folders into the store; never raises for a bad file.

    Files go through in groups (see STAGE_FILES): all of a group are read, then all are
    extracted, then all are written, so that each stage's code and data stay in the
    processor's caches across the group instead of being evicted three times per file.
    """
    started = time.perf_counter()
    summary = ImportSummary()
    files = collect_files([Path(p) for p in paths], summary)
    summary.files = len(files)
    conn = store.conn
    registry = load_registry(store)
    index = DeferredIndex(conn)
    with bulk_writing(conn):
        try:
            _import_groups(conn, files, registry, index, summary, progress)
        except sqlite3.DatabaseError as exc:
            _rollback(conn)
            index.rolled_back()
            raise StoreError(
                f"{explain(store.path, exc)}. The import stopped: the files stored before "
                "stay whole, the rest are not imported; run it again to finish."
            ) from exc
        except BaseException:
            _rollback(conn)
            index.rolled_back()
            raise
    if summary.imported or summary.updated:
        refresh_caches(store, changed=summary.imported + summary.updated)
    summary.seconds = time.perf_counter() - started
    return summary


def _import_groups(
    conn: sqlite3.Connection,
    files: list[Path],
    registry,
    index: DeferredIndex,
    summary: ImportSummary,
    progress: ProgressFn | None,
) -> None:
    """Read, extract and write the files group by group, committing every BATCH_FILES
    files or BATCH_SECONDS; the caller rolls back the open batch if this raises."""
    last_commit = time.monotonic()
    pending = 0
    overrides = _begin(conn)
    for group in _read_groups(files, summary, progress):
        _extract_group(conn, group, registry, summary)
        for work in group:
            if work.failed:
                continue
            status = _write_file(conn, work, index, overrides, summary)
            if status is None:
                continue
            if status == "updated":
                summary.updated += 1
            elif status == "imported":
                summary.imported += 1
            else:
                summary.unchanged += 1
            pending += 1
            if pending >= BATCH_FILES or time.monotonic() - last_commit > BATCH_SECONDS:
                _commit(conn, index)
                overrides = _begin(conn)
                pending = 0
                last_commit = time.monotonic()
    _commit(conn, index)


def _read_groups(
    files: list[Path], summary: ImportSummary, progress: ProgressFn | None
) -> Iterator[list[_FileWork]]:
    """The readable files, STAGE_FILES at a time. The caller stores a group before the
    next is read, so a file listed twice (a folder and a file in it) closes the group:
    its second reading must find the first one stored."""
    from db.importers import read_file_report

    real_dirs: dict[str, str] = {}
    group: list[_FileWork] = []
    keys: set[tuple[str, str]] = set()
    for n, path in enumerate(files, 1):
        if progress:
            progress(n, len(files), str(path))
        try:
            report = read_file_report(path)
            key = _real_path(path, real_dirs)
        except ImportProblem as exc:
            summary.failures.append(Failure(str(path), str(exc)))
            continue
        except OSError as exc:
            summary.failures.append(Failure(str(path), _os_reason(exc)))
            continue
        except Exception as exc:  # an importer bug must not stop a 10k-file import
            summary.failures.append(Failure(str(path), f"internal error: {exc!r}"))
            continue
        for problem in report.problems:
            summary.warnings.append(Failure(str(path), problem))
        _warn_long(path, report.articles, summary)
        mine = {(key, article.item_key) for article in report.articles}
        if group and (len(group) >= STAGE_FILES or not keys.isdisjoint(mine)):
            yield group
            group, keys = [], set()
        group.append(_FileWork(path, key, report.articles))
        keys |= mine
    if group:
        yield group


def _warn_long(path: Path, articles: list[ParsedArticle], summary: ImportSummary) -> None:
    for n_item, article in enumerate(articles, 1):
        size = len(article.title) + len(article.body)
        if size > MAX_EXTRACT_CHARS:
            item = f"item {n_item}: " if len(articles) > 1 else ""
            summary.warnings.append(
                Failure(
                    str(path),
                    f"{item}{size:,} characters of text: facts are taken from "
                    f"the first {MAX_EXTRACT_CHARS:,}; all of it is stored and "
                    "searchable",
                )
            )


def _real_path(path: Path, real_dirs: dict[str, str]) -> str:
    """What `str(path.resolve())` gives, with one look-up per folder instead of one per
    component of every path: a file that is not a link is its folder's real path and
    its own name."""
    if os.path.islink(path):
        return str(path.resolve())
    folder, name = os.path.split(os.path.abspath(path))
    real = real_dirs.get(folder)
    if real is None:
        real = real_dirs[folder] = os.path.realpath(folder)
    return os.path.join(real, name)


def _extract_group(
    conn: sqlite3.Connection, group: list[_FileWork], registry, summary: ImportSummary
) -> None:
    """The facts of the group's new and changed articles, in one `extract_many`. If it
    fails, each file is extracted on its own, so that the failing one is reported (and
    none of it written) and the others go on."""
    from db.extract import extract, extract_many

    todo: list[tuple[_FileWork, int]] = []
    for work in group:
        for i, article in enumerate(work.articles):
            digest = content_hash(article)
            found = existing_hash(conn, work.key, article.item_key)
            work.digests.append(digest)
            work.found.append(found)
            work.facts.append(None)  # stored unchanged, unless extracted below
            if found is None or found[1] != digest:
                todo.append((work, i))
    try:
        facts = extract_many([_capped(w.articles[i]) for w, i in todo], registry)
    except Exception:  # told apart file by file below
        facts = None
    if facts is not None:
        for (work, i), fact in zip(todo, facts, strict=True):
            work.facts[i] = fact
        return
    for work, i in todo:
        if work.failed:
            continue
        try:
            work.facts[i] = extract(_capped(work.articles[i]), registry)
        except Exception as exc:  # an extraction bug must not stop a 10k-file import
            summary.failures.append(Failure(str(work.path), f"internal error: {exc!r}"))
            work.failed = True


def _write_file(
    conn: sqlite3.Connection,
    work: _FileWork,
    index: DeferredIndex,
    overrides: Overrides,
    summary: ImportSummary,
) -> str | None:
    """Store the file's articles, all or none (a savepoint around them): 'imported',
    'updated' or 'unchanged', or None when it failed (reported)."""
    statuses: list[str] = []
    inserted: list[int] = []
    # the index's own statements go before the savepoint: undoing this file must not
    # undo them (the trigger dropped, earlier files' rows indexed)
    for facts, found in zip(work.facts, work.found, strict=True):
        if facts is not None:
            if found is None:
                index.before_insert()
            else:
                index.before_update(found[0])
    conn.execute("SAVEPOINT file")
    try:
        for article, facts, found, digest in zip(
            work.articles, work.facts, work.found, work.digests, strict=True
        ):
            if facts is None:
                statuses.append("unchanged")
            elif found is not None:
                write_article(conn, work.key, article, facts, digest, found[0], overrides=overrides)
                statuses.append("updated")
            else:
                article_id = write_article(
                    conn, work.key, article, facts, digest, overrides=overrides, is_new=True
                )
                inserted.append(article_id)
                statuses.append("imported")
    except sqlite3.DatabaseError:
        raise
    except Exception as exc:
        conn.execute("ROLLBACK TO SAVEPOINT file")
        conn.execute("RELEASE SAVEPOINT file")
        summary.failures.append(Failure(str(work.path), f"internal error: {exc!r}"))
        return None
    for article_id in inserted:
        index.inserted(article_id)
    conn.execute("RELEASE SAVEPOINT file")
    if "updated" in statuses:
        return "updated"
    return "imported" if "imported" in statuses else "unchanged"


QUICK_STORE = 20_000  # up to this many articles, every cache is saved after any change


def refresh_caches(store: Store, changed: int | None = None) -> None:
    """Save the whole store's facet counts and bitmaps, the index's terms and its
    two-letter word starts, so that the next start needs no counting, no half-second
    build of the bitmaps, no second-long read of the index's vocabulary, and the first
    letters of a query no broad prefix query.

    The terms and word starts take seconds on a large store: after a change of fewer
    than 1% of its articles (`changed`: a few files imported, officials merged) they are
    left stale, and the app reads the index instead, as it did before they were saved.
    """
    from db.facet_index import save_facet_index
    from db.facets import save_default_facets
    from db.prefix_bitmaps import save_prefix_bitmaps
    from db.search import save_terms

    try:
        save_default_facets(store)
        save_facet_index(store)
        if changed == 0:
            return  # no article's text changed: the caller carried them over
        if changed is not None and _has_table(store, "word_bitmaps"):
            total = store.article_count()
            if total > QUICK_STORE and changed * 100 < total:
                return
        save_terms(store)  # all of them, at least once (a store from before they existed)
        save_prefix_bitmaps(store)
    except sqlite3.DatabaseError:
        pass  # a cache: the app counts afresh when it is missing


def _has_table(store: Store, name: str) -> bool:
    found = store.conn.execute(
        "select 1 from sqlite_master where type = 'table' and name = ?", (name,)
    ).fetchone()
    return found is not None


def carry_text_caches(store: Store, before: int) -> None:
    """After a change that leaves every article's text alone (officials merged or split),
    the saved terms and word starts still hold: they are restamped with the store's new
    generation, if they belonged to the one before."""
    conn = store.conn
    now = store.generation()
    try:
        conn.execute(
            "update facet_cache set generation = ? where key = 'vocabulary' and generation = ?",
            (now, before),
        )
        conn.execute("update prefix_bitmaps set generation = ? where generation = ?", (now, before))
        conn.execute("update word_bitmaps set generation = ? where generation = ?", (now, before))
    except sqlite3.DatabaseError:
        pass  # none saved (an older store): the app reads the index


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the open batch; a failing rollback (disk full) must not hide the first error."""
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def _begin(conn: sqlite3.Connection) -> Overrides:
    """Open a batch's transaction; the merges and splits cannot change until it ends."""
    conn.execute("BEGIN IMMEDIATE")
    return Overrides.load(conn)


def _commit(conn: sqlite3.Connection, index: DeferredIndex) -> None:
    index.restore()
    conn.execute("COMMIT")


def _capped(article: ParsedArticle) -> ParsedArticle:
    """The part of a very long article that extraction reads (see MAX_EXTRACT_CHARS)."""
    if len(article.title) + len(article.body) <= MAX_EXTRACT_CHARS:
        return article
    return replace(
        article, title=article.title[:MAX_EXTRACT_TITLE], body=article.body[:MAX_EXTRACT_CHARS]
    )


def reextract(store: Store, progress: ProgressFn | None = None) -> int:
    """Run extraction again over every stored article (after the rules changed).

    Reads the stored text, not the files; the user's merges and splits are re-applied.
    """
    from db.extract import extract

    conn = store.conn
    registry = load_registry(store)
    rows = conn.execute(
        "select id, file, content_hash, title, body, teaser, published, source_url, layout, "
        "item_key from articles order by id"
    ).fetchall()
    with bulk_writing(conn):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for n, (aid, file, digest, *stored) in enumerate(rows, 1):
                article = _stored_article(*stored)
                if progress:
                    progress(n, len(rows), article.title)
                write_article(conn, file, article, extract(_capped(article), registry), digest, aid)
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
    refresh_caches(store)
    return len(rows)


def _stored_article(
    title: str,
    body: str,
    teaser: str | None,
    published: str | None,
    url: str | None,
    layout: str | None,
    key: str | None,
) -> ParsedArticle:
    """An article as stored (the columns reextract reads, in their order)."""
    return ParsedArticle(
        title=title,
        body=body,
        teaser=teaser,
        published=published,
        source_url=url,
        layout=layout or "plain",
        item_key=key or "",
    )
