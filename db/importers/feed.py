"""RSS and Atom feeds saved to disk: one article per item.

feedparser is only ever handed the document's bytes in a stream, never a string: given
a string that looks like a URL or a file name it would fetch or open it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.sax

from db.errors import ImportProblem
from db.importers.html import html_to_text
from db.importers.plain import clean_body, clean_line, clean_optional
from db.models import ParsedArticle

_FEED_ROOT = re.compile(r"<(?:[\w-]+:)?(rss|feed|RDF)\b", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_PROLOG = re.compile(r"^\s*(?:<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>|\s)*", re.S | re.I)


def looks_like_feed(text: str) -> bool:
    """An XML document whose root element is <rss>, <feed> or <rdf:RDF>."""
    head = text[:8192]
    prolog = _PROLOG.match(head)
    rest = head[prolog.end() :] if prolog else head
    return bool(_FEED_ROOT.match(rest))


def parse(text: str) -> tuple[list[ParsedArticle], list[str]]:
    """Articles and problems (one per skipped item) of a feed."""
    parsed = _feedparse(text)
    entries: list[tuple[dict | None, str | None]] = [(e, None) for e in parsed.get("entries") or []]
    problems: list[str] = []
    error = _xml_error(parsed)
    if error:
        # One broken item must not cost the others: read each item on its own.
        entries = _item_by_item(text) or entries
        if not entries:
            raise ImportProblem(f"feed does not parse: {error}")
        if all(problem is None for _, problem in entries):
            problems.append(f"feed XML is not well-formed ({error}); items read leniently")
    if not entries:
        raise ImportProblem("feed has no items")
    articles: list[ParsedArticle] = []
    seen: set[str] = set()
    for number, (entry, problem) in enumerate(entries, 1):
        article = None
        if entry is not None:
            article, problem = _article(entry, number)
        if article is None:
            problems.append(f"item {number}: {problem}")
            continue
        if article.item_key in seen:
            article.item_key = f"{article.item_key}#{number}"
        seen.add(article.item_key)
        articles.append(article)
    if not articles:
        raise ImportProblem(f"no usable item in the feed ({problems[-1]})")
    return articles, problems


def _feedparse(text: str) -> dict:
    """feedparser's reading of `text`, from a byte stream (never a URL or a file name)."""
    import feedparser

    data = _XML_DECL.sub('<?xml version="1.0" encoding="utf-8"?>', text, count=1)
    try:
        return feedparser.parse(
            io.BytesIO(data.encode("utf-8", errors="replace")),
            response_headers={"content-type": "application/xml; charset=utf-8"},
            resolve_relative_uris=False,
            sanitize_html=True,
        )
    except Exception as exc:  # feedparser's own bugs on hostile input: report, do not crash
        raise ImportProblem(f"feed does not parse: {clean_line(str(exc))[:200]}") from None


def _xml_error(parsed: dict) -> str | None:
    """Why the XML is not well-formed, or None (other 'bozo' notes are harmless)."""
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(exc, xml.sax.SAXException):
        reason = re.sub(r"^<unknown>:\d+:\d+:\s*", "", clean_line(str(exc)))
        return reason[:200] or "not well-formed"
    return None


_ROOT_TAG = re.compile(r"<(?:[\w-]+:)?(?:rss|feed|RDF)\b[^>]*>", re.I)
_ITEM = re.compile(r"<((?:[\w-]+:)?(?:item|entry))\b.*?</\1\s*>", re.S | re.I)


def _item_by_item(text: str) -> list[tuple[dict | None, str | None]]:
    """Each item parsed alone inside the feed's own root element; a broken one reported."""
    root = _ROOT_TAG.search(text)
    if root is None:
        return []
    name = root.group(0)[1:].split()[0].rstrip(">")
    channel = ("<channel>", "</channel>") if name.lower().endswith("rss") else ("", "")
    out: list[tuple[dict | None, str | None]] = []
    for match in _ITEM.finditer(text, root.end()):
        doc = f"{root.group(0)}{channel[0]}{match.group(0)}{channel[1]}</{name}>"
        parsed = _feedparse(doc)
        entries = parsed.get("entries") or []
        error = _xml_error(parsed)
        if error or len(entries) != 1:
            out.append((None, f"not well-formed XML ({error or 'no item'})"))
        else:
            out.append((entries[0], None))
    return out


def _article(entry: dict, number: int) -> tuple[ParsedArticle | None, str | None]:
    title = clean_line(html_to_text(entry.get("title") or ""))
    contents = [c.get("value") or "" for c in entry.get("content") or [] if isinstance(c, dict)]
    content = max(contents, key=len) if contents else ""
    summary = entry.get("summary") or ""
    body = clean_body(html_to_text(content or summary))
    teaser = None
    if content and summary:
        teaser = clean_optional(html_to_text(summary))
        if teaser and (teaser == body or body.startswith(teaser)):
            teaser = None
    if not title and not body:
        return None, "no title or text"
    if not title:
        return None, "no title"
    link = clean_line(entry.get("link") or "")
    link = link if "://" in link else ""
    key = clean_line(entry.get("id") or "") or link or str(number)
    return (
        ParsedArticle(
            title=title,
            body=body,
            teaser=teaser,
            published=_date(entry),
            source_url=link or None,
            layout="feed",
            item_key=key,
        ),
        None,
    )


def _date(entry: dict) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, key)  # plain lookup: FeedParserDict's aliases warn
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
            except (ValueError, AttributeError, TypeError):
                continue
    return None
