"""Shared fixtures: stores built from the sample articles shipped in the repo."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

from db.models import Extraction, OfficialMention, ParsedArticle
from db.store import Store
from db.writer import content_hash, write_article

# In CI the property tests draw the same examples every run (a failure there is
# reproducible here); locally they explore new ones each run.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DATA = REPO / "sample_data"
LABELS = Path(__file__).resolve().parent / "data" / "labels.jsonl"


def load_labels() -> dict[str, dict]:
    return {
        (row := json.loads(line))["file"]: row
        for line in LABELS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


@pytest.fixture(scope="session")
def sample_store_path(tmp_path_factory) -> Path:
    """A store with every sample article imported (built once per test session)."""
    from db.importing import import_paths

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    with Store(path) as store:
        summary = import_paths(store, [SAMPLE_DATA])
        assert summary.failed == 0, summary.failures
    return path


@pytest.fixture
def sample_store(sample_store_path):
    store = Store(sample_store_path)
    yield store
    store.close()


def add_article(
    store: Store,
    file: str,
    title: str,
    body: str,
    date: str | None = None,
    officials: list[OfficialMention] | None = None,
    spheres: list[str] | None = None,
    event_types: list[str] | None = None,
    countries: list[str] | None = None,
) -> int:
    """Write one article with given facts (no extraction): for tests of the read side."""
    article = ParsedArticle(title=title, body=body)
    types = event_types or ["meeting"]
    facts = Extraction(
        date=date,
        officials=officials or [],
        spheres=spheres or [],
        event_types=types,
        primary_type=types[0],
        countries=countries or [],
    )
    conn = store.conn
    conn.execute("BEGIN")
    aid = write_article(conn, file, article, facts, content_hash(article))
    conn.execute("COMMIT")
    return aid
