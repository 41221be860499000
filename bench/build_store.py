"""Build a large store for the speed benches, quickly.

A few thousand generated articles go through the real import (extraction included);
the store is then grown to the asked size by copying those rows in SQL with their dates
shifted, so a 100k-article store takes a minute rather than the ten an import would.
The copies share their text with the originals: say so beside any figure.

    python bench/build_store.py OUT.db [--articles 100000] [--base 2000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import write_corpus  # noqa: E402
from db.importing import import_paths, refresh_caches  # noqa: E402
from db.schema import LINK_TABLES  # noqa: E402
from db.store import Store  # noqa: E402

ARTICLE_COLUMNS = (
    "file, item_key, source_url, title, teaser, body, layout, language, published, "
    "event_date, date_source, year, month, primary_type, summary, documents, search_names, "
    "search_folded, content_hash, imported_at"
)


def build(path: Path, articles: int, base: int) -> float:
    started = time.perf_counter()
    base = min(base, articles)
    with tempfile.TemporaryDirectory() as tmp, Store(path) as store:
        folder = Path(tmp) / "corpus"
        write_corpus(folder, base)
        import_paths(store, [folder])
        conn = store.conn
        n = conn.execute("select max(id) from articles").fetchone()[0]
        copies = -(-articles // n)
        conn.execute("BEGIN")
        for k in range(1, copies):
            limit = min(n, articles - k * n)
            if limit <= 0:
                break
            shift = f"-{k * 37} days"
            conn.execute(
                f"insert into articles (id, {ARTICLE_COLUMNS}) select id + :off, "
                + ARTICLE_COLUMNS.replace("item_key", "'copy-' || :k").replace(
                    "event_date, date_source, year, month",
                    "date(event_date, :shift), "
                    "date_source, cast(strftime('%Y', date(event_date, :shift)) as integer), "
                    "strftime('%Y-%m', date(event_date, :shift))",
                )
                + " from articles where id <= :limit",
                {"off": k * n, "k": k, "shift": shift, "limit": limit},
            )
            conn.execute(
                "insert into article_officials select article_id + :off, official_id, role, "
                "as_written from article_officials where article_id <= :limit",
                {"off": k * n, "limit": limit},
            )
            for table, column in LINK_TABLES.items():
                conn.execute(
                    f"insert into {table} (article_id, {column}) select article_id + :off, "
                    f"{column} from {table} where article_id <= :limit",
                    {"off": k * n, "limit": limit},
                )
        conn.execute("COMMIT")
        refresh_caches(store)  # as an import does: the first screen's counts, saved
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ANALYZE")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--base", type=int, default=2_000)
    args = parser.parse_args()
    seconds = build(args.out, args.articles, args.base)
    print(f"build_s: {seconds:.1f}")


if __name__ == "__main__":
    main()
