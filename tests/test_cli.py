"""The `diplotui` command: import, search, export, extract, compare, reextract, help."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from tests.conftest import SAMPLE_DATA
from tui.cli import main


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path, runner):
    path = tmp_path / "cli.db"
    result = runner.invoke(main, ["import", str(SAMPLE_DATA), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_help_explains_every_command(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("import", "search", "export", "extract", "compare", "reextract"):
        assert command in result.output
    for command in ("import", "search", "export", "extract", "compare"):
        sub = runner.invoke(main, [command, "--help"])
        assert sub.exit_code == 0 and "--db" in sub.output


def test_import_summary_and_idempotent_reimport(runner, db):
    result = runner.invoke(main, ["import", str(SAMPLE_DATA), "--db", str(db)])
    assert result.exit_code == 0
    assert "0 imported, 0 updated, 28 unchanged, 0 failed" in result.output


def test_changed_file_updates_its_article(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("First title\nMeredov met Lavrov in Moscow.\n", encoding="utf-8")
    path = str(tmp_path / "u.db")
    assert "1 imported" in runner.invoke(main, ["import", str(folder), "--db", path]).output
    (folder / "a.txt").write_text(
        "Second title\nMeredov met Lavrov in Ashgabat.\n", encoding="utf-8"
    )
    out = runner.invoke(main, ["import", str(folder), "--db", path]).output
    assert "0 imported, 1 updated, 0 unchanged" in out
    found = runner.invoke(main, ["search", "Ashgabat", "--db", path, "--json"]).output
    assert json.loads(found.splitlines()[0])["title"] == "Second title"


def test_failing_file_is_reported_and_the_others_stored(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "A good title\nThe ministers met in Ashgabat.\n", encoding="utf-8"
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.json").write_text('{"title": "x", ', encoding="utf-8")
    path = str(tmp_path / "f.db")
    result = runner.invoke(
        main, ["import", str(folder), str(tmp_path / "missing.txt"), "--db", path]
    )
    assert result.exit_code == 1
    assert "1 imported" in result.output
    for name in ("empty.txt", "broken.json", "missing.txt"):
        assert name in result.output
    listed = runner.invoke(main, ["search", "", "--db", path, "--json"]).output.splitlines()
    assert [json.loads(line)["title"] for line in listed] == ["A good title"]


def test_search_json_and_table(runner, db):
    out = runner.invoke(
        main, ["search", "Мередов", "--db", str(db), "--json", "--limit", "50"]
    ).output
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all({"id", "date", "title", "officials"} <= set(r) for r in rows)
    table = runner.invoke(main, ["search", "official:lavrov", "--db", str(db)]).output
    assert "matching" in table


def test_export_formats(runner, db):
    out = runner.invoke(
        main, ["export", "--db", str(db), "--format", "csv", "--sphere", "energy"]
    ).output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all("energy" in r["spheres"] for r in rows)
    out = runner.invoke(main, ["export", "--db", str(db), "--format", "jsonl"]).output
    assert len(out.splitlines()) == 28
    out = runner.invoke(
        main, ["export", "--db", str(db), "--format", "md", "-q", "official:lavrov"]
    ).output
    assert out.startswith("## ") and "Lavrov" in out


def test_extract_prints_labels_format(runner):
    path = SAMPLE_DATA / "tm-ru-2023-05-04-hajiyev-galuzin.txt"
    out = runner.invoke(main, ["extract", str(path)]).output
    label = json.loads(out.splitlines()[0])
    assert label["file"] == path.name
    assert set(label) >= {
        "title",
        "date",
        "primary_type",
        "event_types",
        "spheres",
        "officials",
        "countries",
        "places",
    }


def test_compare_json(runner, db):
    out = runner.invoke(
        main,
        [
            "compare",
            "a-01-putin-visit-strategic-partnership-treaty.txt",
            "a-09-declaration-deepening-strategic-partnership.txt",
            "--db",
            str(db),
            "--format",
            "json",
        ],
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert len(data["articles"]) == 2
    assert set(data["spheres"]) == {"shared", "only"}
    assert len(data["spheres"]["only"]) == 2
    bad = runner.invoke(main, ["compare", "nosuch.txt", "1", "--db", str(db)])
    assert bad.exit_code != 0 and "nosuch.txt" in bad.output


def test_reextract_keeps_the_articles(runner, db):
    result = runner.invoke(main, ["reextract", "--db", str(db)])
    assert result.exit_code == 0 and "28 articles re-extracted" in result.output


def test_store_errors_are_messages_not_tracebacks(runner, tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not a database")
    result = runner.invoke(main, ["search", "x", "--db", str(bogus)])
    assert result.exit_code == 1
    assert "not an SQLite file" in result.output and "Traceback" not in result.output
    assert bogus.read_text() == "not a database"
