"""The `diplotui` command. Imports Textual only to launch the app, so that `--help`,
`import`, `search` and `export` start fast and work without a terminal UI."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import sys
import time
from pathlib import Path

import click

from db.errors import DiplotuiError

DB_HELP = "The store file (default: $DIPLOTUI_DB, else diplotui.db in your data folder)."


def _store_path(db: str | None) -> Path:
    from db.store import default_store_path

    return Path(db).expanduser() if db else default_store_path()


_opened: list[Path] = []  # the store the command opened, for messages about it


def _open(db: str | None, create: bool = True):
    from db.store import Store

    path = _store_path(db)
    _opened.append(path)
    return Store(path, create=create)


def _fail(exc: Exception) -> None:
    click.secho(f"Error: {_safe(str(exc))}", fg="red", err=True)
    sys.exit(1)


def _sqlite_message(exc: sqlite3.Error) -> str:
    """What an SQLite error found while reading or writing the store means to a user."""
    from db.store import explain

    return explain(_opened[-1] if _opened else "the store", exc)


class _Group(click.Group):
    def invoke(self, ctx: click.Context):  # one error handler for every command
        try:
            return super().invoke(ctx)
        except DiplotuiError as exc:
            _fail(exc)
        except sqlite3.Error as exc:  # a damaged, read-only or full store: a message
            _fail(Exception(_sqlite_message(exc)))


@click.group(
    cls=_Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option("--db", "db", metavar="FILE", help=DB_HELP)
@click.version_option(package_name="diplotui")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """Read a country's diplomacy from the news.

    With no command, opens the terminal app on the store (the bundled sample
    articles are imported into an empty store at first launch).
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is None:
        _launch(db)


def _launch(db: str | None) -> None:
    store = _open(db)
    try:
        if store.article_count() == 0:
            from db.sample import sample_data_dir

            sample = sample_data_dir()
            if sample is not None:
                from db.importing import import_paths

                click.echo(
                    f"First launch: importing the sample articles into {store.path} ...", err=True
                )
                import_paths(store, [sample])
    finally:
        store.close()
    from tui.app import DiplotuiApp

    DiplotuiApp(store_path=_store_path(db)).run()


def _db_option(f):
    return click.option("--db", "db", metavar="FILE", help=DB_HELP)(f)


def _db(ctx: click.Context, db: str | None) -> str | None:
    return db or (ctx.obj or {}).get("db")


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_db_option
@click.pass_context
def import_cmd(ctx: click.Context, paths: tuple[Path, ...], db: str | None) -> None:
    """Import article files and folders (recursively) into the store.

    Layouts are detected from the content: plain text, the header layout, Markdown,
    HTML, JSON/JSONL exports and RSS/Atom feeds, in UTF-8, UTF-16 or Windows-1251.
    Re-importing a file changes nothing; a changed file updates its article.
    Exits with status 1 when any file failed.
    """
    from db.importing import import_paths

    store = _open(_db(ctx, db))
    started = time.perf_counter()
    show = sys.stderr.isatty()

    def progress(done: int, total: int, path: str) -> None:
        if show and (done == total or done % 5 == 0):
            rate = done / max(time.perf_counter() - started, 1e-6)
            click.echo(f"\r  {done}/{total} files  {rate:,.0f} files/s  ", err=True, nl=False)

    try:
        summary = import_paths(store, list(paths), progress=progress)
    finally:
        store.close()
    if show:
        click.echo("", err=True)
    rate = summary.files / summary.seconds if summary.seconds else 0.0
    click.echo(
        f"{summary.imported} imported, {summary.updated} updated, {summary.unchanged} unchanged, "
        f"{summary.failed} failed"
        + (f", {summary.skipped} skipped (not article files)" if summary.skipped else "")
        + f" in {summary.seconds:.1f}s ({rate:,.0f} files/s) into {store.path}"
    )
    for w in summary.warnings:
        click.echo(f"warning: {_safe(w.path)}: {_safe(w.reason)}", err=True)
    for f in summary.failures:
        click.secho(f"failed: {_safe(f.path)}: {_safe(f.reason)}", fg="red", err=True)
    if summary.failures:
        sys.exit(1)


def _safe(text: str) -> str:
    """File names and messages shown as text: no terminal control characters."""
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in str(text))


def _safe_lines(text: str) -> str:
    """Text of several lines (Markdown, CSV) for a terminal: newlines kept, controls shown."""
    return "\n".join(_safe(part) for part in text.replace("\r\n", "\n").split("\n"))


# What JSON leaves raw but a terminal acts on: DEL and C1 controls (CSI, OSC as one byte),
# bidi embeddings, overrides and isolates, line separators.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _safe_json(text: str) -> str:
    """JSON text with those characters written as \\uXXXX escapes (the same data)."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


@main.command(context_settings={"ignore_unknown_options": True})  # `search -saffron` is a query
@click.argument("query", nargs=-1)
@_db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--limit", default=20, show_default=True, help="How many results to print.")
@click.pass_context
def search(
    ctx: click.Context, query: tuple[str, ...], db: str | None, as_json: bool, limit: int
) -> None:
    """Search the store as the app does (same syntax: words, "phrases", official:,
    sphere:, type:, country:, date:2023 or date:2022-06..2023-05)."""
    from db.search import search as run_search

    store = _open(_db(ctx, db), create=False)
    try:
        result = run_search(store, " ".join(query), limit=limit)
    finally:
        store.close()
    if result.message:
        click.echo(f"note: {result.message}", err=True)
    if as_json:
        for row in result.rows:
            click.echo(
                _safe_json(
                    json.dumps(
                        {
                            "id": row.id,
                            "date": row.date,
                            "primary_type": row.primary_type,
                            "title": row.title,
                            "officials": row.officials,
                        },
                        ensure_ascii=False,
                    )
                )
            )
        return
    click.echo(
        f"{len(result.rows)} shown of {result.total:,} matching ({result.store_total:,} articles)"
    )
    for row in result.rows:
        people = ", ".join(row.officials[:3])
        click.echo(
            f"{row.id:>6}  {row.date or '----------'}  {(row.primary_type or ''):<13} "
            f"{_safe(row.title)[:70]}" + (f"  [{_safe(people)}]" if people else "")
        )


@main.command()
@_db_option
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "jsonl", "md"]), default="jsonl", show_default=True
)
@click.option("--query", "-q", default="", help="Search text and filters, as in the app.")
@click.option("--official", multiple=True, help="An official (id or any spelling).")
@click.option("--sphere", multiple=True, help="A sphere slug (energy, security, ...).")
@click.option(
    "--type", "event_type", multiple=True, help="An event type slug (meeting, visit, ...)."
)
@click.option("--country", multiple=True, help="A country (Russia, China, ...).")
@click.option("--date", "date_range", default=None, help="2023, 2023-05 or FROM..TO.")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to a file, not stdout.",
)
@click.pass_context
def export(ctx, db, fmt, query, official, sphere, event_type, country, date_range, output) -> None:
    """Export the matching articles with their extracted facts."""
    from db.export import matching_articles, write_export
    from db.models import Filters
    from db.query import format_query, parse_date_range

    filters = Filters(
        officials=list(official),
        spheres=list(sphere),
        event_types=list(event_type),
        countries=list(country),
    )
    if date_range:
        start, end, error = parse_date_range(date_range)
        if error:
            raise click.BadParameter(error, param_hint="--date")
        filters.date_from, filters.date_to = start, end
    full_query = format_query(query, filters)
    store = _open(_db(ctx, db), create=False)
    try:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                n = write_export(matching_articles(store, full_query), fmt, out)
            click.echo(f"{n} articles written to {output}", err=True)
        elif sys.stdout.isatty():  # read by a person: article text must not drive the terminal
            buffer = io.StringIO()
            write_export(matching_articles(store, full_query), fmt, buffer)
            click.echo(_safe_lines(buffer.getvalue()), nl=False)
        else:  # a pipe or a file: the data exactly
            write_export(matching_articles(store, full_query), fmt, sys.stdout)
    finally:
        store.close()


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option(
    "--db",
    "db",
    metavar="FILE",
    default=None,
    help="Resolve officials against this store's registry (read only).",
)
def extract(paths: tuple[Path, ...], fmt: str, db: str | None) -> None:
    """Print the extracted facts of article files, one JSON object per article, in the
    labels format (file, title, date, primary_type, event_types, spheres, officials,
    countries, places). Nothing is stored."""
    from db.extract import extract as run_extract
    from db.importers import read_file_report
    from db.importing import Failure, ImportSummary, collect_files, load_registry

    if db:
        store = _open(db, create=False)
        registry = load_registry(store)
        store.close()
    else:
        from db.registry import Registry

        registry = Registry.from_gazetteer()
    summary = ImportSummary()
    for path in collect_files(list(paths), summary):
        try:
            report = read_file_report(path)
        except DiplotuiError as exc:
            summary.failures.append(Failure(str(path), str(exc)))
            continue
        except OSError as exc:
            summary.failures.append(Failure(str(path), exc.strerror or str(exc)))
            continue
        for article in report.articles:
            facts = run_extract(article, registry)
            label = facts.as_label(path.name, article.title)
            click.echo(_safe_json(json.dumps(label, ensure_ascii=False)))
    for f in summary.failures:
        click.secho(f"failed: {_safe(f.path)}: {_safe(f.reason)}", fg="red", err=True)
    if summary.failures:
        sys.exit(1)


@main.command()
@_db_option
@click.pass_context
def reextract(ctx: click.Context, db: str | None) -> None:
    """Run extraction again over every stored article (after the rules or gazetteers
    changed), without re-reading the files. Your merges and splits of officials stay."""
    from db.importing import reextract as run

    store = _open(_db(ctx, db), create=False)
    try:
        started = time.perf_counter()
        n = run(store)
    finally:
        store.close()
    click.echo(f"{n} articles re-extracted in {time.perf_counter() - started:.1f}s")


@main.command()
@click.argument("refs", nargs=-1, required=True)
@_db_option
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.pass_context
def compare(ctx: click.Context, refs: tuple[str, ...], db: str | None, fmt: str) -> None:
    """Compare articles side by side: participants, summaries, documents, and the spheres
    shared by all or found in one only. A REF is an article id or its file's name."""
    from db.articles import find_article_ids
    from db.compare import as_markdown, dumps
    from db.compare import compare as run_compare

    if len(refs) < 2:
        raise click.UsageError("give at least two articles to compare")
    store = _open(_db(ctx, db), create=False)
    try:
        ids: list[int] = []
        for ref in refs:
            found = find_article_ids(store, ref)
            if not found:
                raise click.BadParameter(
                    f"no article with id or file name '{ref}'", param_hint="REF"
                )
            if len(found) > 1:
                click.echo(
                    f"note: '{ref}' names {len(found)} articles; comparing the first", err=True
                )
            ids.append(found[0])
        result = run_compare(store, ids)
    finally:
        store.close()
    click.echo(_safe_json(dumps(result)) if fmt == "json" else _safe_lines(as_markdown(result)))


if __name__ == "__main__":
    main()
