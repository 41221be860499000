"""db/ never imports Textual, and the CLI's fast paths stay free of it (as Harlequin tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    ).stdout
    return set(out.split())


def test_db_never_imports_textual():
    modules = _modules_after(
        "import db.store, db.search, db.facets, db.importing, db.articles, db.export, db.query"
    )
    assert not any(m == "textual" or m.startswith("textual.") for m in modules)


def test_cli_help_does_not_import_textual():
    modules = _modules_after("import tui.cli")
    assert "textual" not in modules


def test_no_source_file_in_db_mentions_textual_imports():
    offenders = [
        p
        for p in (REPO / "db").rglob("*.py")
        if any(
            line.strip().startswith(("import textual", "from textual"))
            for line in p.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []


def test_tui_writes_no_sql():
    import re

    sql = re.compile(r"\b(select|insert|update|delete)\b.*\b(from|into|set|where)\b", re.I)
    offenders = [
        str(p)
        for p in (REPO / "tui").rglob("*.py")
        if any(
            sql.search(line) and ('"' in line or "'" in line)
            for line in p.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []
