"""Run extraction over a labelled corpus and score it with the shared scorer.

Usage: python -m bench.extraction [CORPUS_DIR]   (default ../shared/corpus)
Prints the scorer's figures and articles/second (extraction only, after warm-up; the
per-sentence caches are cleared before each round, so repeats do not flatter the figure).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else SHARED / "corpus"
    labels = corpus / "labels.jsonl"
    scorer = SHARED / "tools" / "score_extraction.py"
    if not corpus.is_dir() or not labels.is_file():
        print(f"no labelled corpus at {corpus} (../shared is absent); nothing to benchmark")
        return 0
    from db.extract import clear_caches, extract
    from db.importers import read_file

    files = sorted(p for p in corpus.iterdir() if p.is_file() and p.name != "labels.jsonl")
    articles = [(p.name, a) for p in files for a in read_file(p)]
    for _, a in articles:  # warm-up: imports, data files, caches
        extract(a)
    t0 = time.perf_counter()
    rounds = 5
    rows = []
    for r in range(rounds):
        clear_caches()
        for name, a in articles:
            x = extract(a)
            if r == 0:
                rows.append(x.as_label(name, a.title))
    elapsed = time.perf_counter() - t0
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        pred = fh.name
    if scorer.is_file():
        out = subprocess.run(
            [sys.executable, str(scorer), str(labels), pred], capture_output=True, text=True
        )
        print(out.stdout.rstrip() or out.stderr.rstrip())
    else:
        print(f"scorer not found at {scorer}; predictions in {pred}")
    n = len(articles) * rounds
    print(
        f"articles: {len(articles)}  extraction: {n / elapsed:.0f} articles/s ({1000 * elapsed / n:.2f} ms/article)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
