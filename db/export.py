"""Write the articles matching a query, with their extracted facts, as CSV, JSONL or Markdown."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import TextIO

from db.articles import get_article
from db.models import ArticleDetail, Filters
from db.search import search
from db.store import Store

FORMATS = ("csv", "jsonl", "md")
PAGE = 500


def matching_articles(
    store: Store, query: str = "", filters: Filters | None = None
) -> Iterator[ArticleDetail]:
    """Every article for the query and filters, in the list's order, a page at a time."""
    offset = 0
    while True:
        result = search(store, query, filters, limit=PAGE, offset=offset)
        for row in result.rows:
            yield get_article(store, row.id)
        offset += PAGE
        if not result.rows or offset >= result.total:
            return


def as_record(a: ArticleDetail) -> dict:
    return {
        "id": a.id,
        "file": a.file,
        "title": a.title,
        "date": a.event_date,
        "published": a.published,
        "source_url": a.source_url,
        "primary_type": a.primary_type,
        "event_types": a.event_types,
        "spheres": a.spheres,
        "officials": [
            {
                "id": o.id,
                "name": o.name,
                "role": o.role,
                "country": o.country,
                "as_written": o.as_written,
            }
            for o in a.officials
        ],
        "countries": a.countries,
        "places": a.places,
        "summary": a.summary,
        "documents": a.documents,
    }


def write_export(articles: Iterator[ArticleDetail], fmt: str, out: TextIO) -> int:
    """Write in one of FORMATS; returns how many articles were written."""
    n = 0
    if fmt == "jsonl":
        for a in articles:
            out.write(json.dumps(as_record(a), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(
            [
                "id",
                "date",
                "primary_type",
                "title",
                "event_types",
                "spheres",
                "officials",
                "countries",
                "places",
                "source_url",
                "file",
            ]
        )
        for a in articles:
            writer.writerow(
                [
                    a.id,
                    a.event_date or "",
                    a.primary_type or "",
                    a.title,
                    "; ".join(a.event_types),
                    "; ".join(a.spheres),
                    "; ".join(
                        f"{o.name} ({o.role or '?'}, {o.country or '?'})" for o in a.officials
                    ),
                    "; ".join(a.countries),
                    "; ".join(a.places),
                    a.source_url or "",
                    a.file,
                ]
            )
            n += 1
    elif fmt == "md":
        for a in articles:
            out.write(markdown_article(a))
            n += 1
    else:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    return n


def markdown_article(a: ArticleDetail) -> str:
    lines = [f"## {a.title}", ""]
    lines.append(f"- **Date:** {a.event_date or 'unknown'}")
    if a.primary_type:
        lines.append(f"- **Event:** {a.primary_type} ({', '.join(a.event_types)})")
    if a.officials:
        people = "; ".join(
            f"{o.name}, {o.role or 'role unknown'} ({o.country or '?'})" for o in a.officials
        )
        lines.append(f"- **Officials:** {people}")
    if a.spheres:
        lines.append(f"- **Spheres:** {', '.join(a.spheres)}")
    if a.places:
        lines.append(f"- **Places:** {', '.join(a.places)}")
    if a.documents:
        lines.append(f"- **Documents:** {'; '.join(a.documents)}")
    if a.source_url:
        lines.append(f"- **Source:** {a.source_url}")
    if a.summary:
        lines += ["", a.summary]
    return "\n".join(lines) + "\n\n"
