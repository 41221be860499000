"""Import with extraction of a generated corpus, beside a plain sqlite-utils insert.

    python bench/import_speed.py [--articles 10000]

Prints `name: value` lines: articles per second through `import` (read, detect, extract,
store with FTS), the same texts through a bare sqlite-utils insert in the same run, and
the store's size per article.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlite_utils  # noqa: E402

from bench.calibrate import core_ms, interpreter  # noqa: E402
from bench.generate import write_corpus  # noqa: E402
from db.importing import import_paths  # noqa: E402
from db.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        paths = write_corpus(folder, args.articles)
        texts = [p.read_text(encoding="utf-8") for p in paths]

        plain = sqlite_utils.Database(Path(tmp) / "plain.db")
        started = time.perf_counter()
        plain["articles"].insert_all(
            ({"file": p.name, "body": t} for p, t in zip(paths, texts, strict=True)),
            batch_size=1000,
        )
        plain_s = time.perf_counter() - started

        store_path = Path(tmp) / "bench.db"
        with Store(store_path) as store:
            started = time.perf_counter()
            summary = import_paths(store, [folder])
            import_s = time.perf_counter() - started
            count = store.article_count()
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = store_path.stat().st_size
        print(f"articles: {count}")
        print(f"failed: {summary.failed}")
        print(f"import_articles_per_s: {count / import_s:.0f}")
        print(f"import_s: {import_s:.1f}")
        print(f"plain_insert_articles_per_s: {len(texts) / plain_s:.0f}")
        print(f"store_bytes_per_article: {size / max(count, 1):.0f}")
        print(f"core_ms: {core_ms():.1f}  (sum(range(10**6)); a recent desktop core: 8-12)")
        print(f"python: {interpreter()}")


if __name__ == "__main__":
    main()
