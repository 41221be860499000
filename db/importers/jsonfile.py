"""JSON and JSON Lines exports: one article per object.

Exports come from many tools, so the usual field names are all accepted. An item that
cannot be an article is skipped and reported, so one bad row does not lose the rest.
"""

from __future__ import annotations

import json
import re

from db.errors import ImportProblem
from db.importers.plain import clean_body, clean_line, clean_optional, iso_date
from db.models import ParsedArticle

SHAPE = (
    'expected an article object ({"title": ..., "body": ...}), a list of them, '
    '{"articles": [...]}, or JSON Lines (one object per line)'
)
TITLE_KEYS = ("title", "headline", "name", "subject")
BODY_KEYS = ("body", "text", "content", "article", "full_text", "fulltext", "description")
TEASER_KEYS = ("teaser", "summary", "lead", "excerpt", "subtitle", "abstract")
DATE_KEYS = (
    "date",
    "published",
    "published_at",
    "publishedAt",
    "pubDate",
    "pubdate",
    "datePublished",
    "date_published",
    "publication_date",
    "created_at",
    "created",
    "time",
)
URL_KEYS = ("url", "link", "source_url", "sourceUrl", "canonical", "canonical_url", "href")
ID_KEYS = ("id", "guid", "uuid", "_id", "key")
LIST_KEYS = ("articles", "items", "data", "entries", "posts", "results", "records", "docs")
_TAG = re.compile(r"<(?:p|br|div|span|a|b|i|em|strong|h[1-6]|li|ul|ol|blockquote)\b[^>]*>", re.I)


def looks_like_json(text: str) -> bool:
    """Starts like a JSON object or array (not like "[Update] Title")."""
    head = text.lstrip()[:64]
    if head.startswith("{"):
        rest = head[1:].lstrip()
        return not rest or rest[0] in '"}'
    if head.startswith("["):
        rest = head[1:].lstrip()
        return not rest or rest[0] in '{["]-0123456789tfn'
    return False


def parse(text: str) -> tuple[list[ParsedArticle], list[str]]:
    """Articles and problems (one per skipped item) of a JSON or JSON Lines file."""
    items, single, problems = _items(text)
    articles: list[ParsedArticle] = []
    seen: set[str] = set()
    for number, item in enumerate(items, 1):
        article, problem = _article(item, number)
        if problem:
            problems.append(f"item {number}: {problem}")
            continue
        assert article is not None
        if single:
            article.item_key = ""
        elif article.item_key in seen:
            article.item_key = f"{article.item_key}#{number}"
        seen.add(article.item_key)
        articles.append(article)
    if not articles:
        detail = f" ({problems[0]})" if problems else " (no items)"
        raise ImportProblem(f"no usable article in the JSON{detail}; {SHAPE}")
    return articles, problems


def _items(text: str) -> tuple[list[object], bool, list[str]]:
    """The candidate article objects, whether the file is one object, and line problems."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            return _jsonl(text)
        raise ImportProblem(
            f"JSON does not parse: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise ImportProblem("JSON is nested too deeply to read") from None
    if isinstance(data, list):
        return data, False, []
    if isinstance(data, dict):
        for key in LIST_KEYS:
            if isinstance(data.get(key), list):
                return data[key], False, []
        if _first(data, TITLE_KEYS + BODY_KEYS) is not None:
            return [data], True, []
        keys = ", ".join(list(data)[:5]) or "none"
        raise ImportProblem(f"JSON object has no article fields (keys: {keys}); {SHAPE}")
    raise ImportProblem(f"JSON holds a {_kind(data)}; {SHAPE}")


def _jsonl(text: str) -> tuple[list[object], bool, list[str]]:
    items: list[object] = []
    problems: list[str] = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as exc:
            problems.append(f"line {lineno}: JSON does not parse: {exc.msg} at column {exc.colno}")
        except RecursionError:
            problems.append(f"line {lineno}: JSON is nested too deeply to read")
    return items, False, problems


def _article(item: object, number: int) -> tuple[ParsedArticle | None, str | None]:
    if not isinstance(item, dict):
        return None, f"not an article object but a {_kind(item)}"
    title = clean_line(_string(_first(item, TITLE_KEYS)))
    raw_body = _string(_first(item, BODY_KEYS))
    body = clean_body(_strip_html(raw_body))
    teaser = clean_optional(_strip_html(_string(_first(item, TEASER_KEYS))) or None)
    if not body and teaser:
        body, teaser = teaser, None
    if not title and not body:
        return None, "no title or body"
    if not title:
        return None, "no title"
    url = clean_line(_string(_first(item, URL_KEYS)))
    url = url if "://" in url or url.lower().startswith("www.") else ""
    ident = clean_line(_string(_first(item, ID_KEYS)))
    return (
        ParsedArticle(
            title=title,
            body=body,
            teaser=teaser,
            published=_date(_first(item, DATE_KEYS)),
            source_url=url or None,
            layout="json",
            item_key=ident or url or str(number),
        ),
        None,
    )


def _first(item: dict, keys: tuple[str, ...]) -> object:
    for key in keys:
        value = item.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _string(value: object) -> str:
    """Text of a field: strings as they are, lists joined by lines, {"rendered": ...} opened."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "\n".join(_string(v) for v in value[:10000])
    if isinstance(value, dict):
        for key in ("rendered", "text", "value", "content", "html", "en", "ru"):
            if key in value:
                return _string(value[key])
    return ""


def _strip_html(text: str) -> str:
    if not _TAG.search(text):
        return text
    from db.importers.html import html_to_text

    return html_to_text(text)


def _date(value: object) -> str | None:
    if isinstance(value, dict):
        value = _first(value, ("date", "$date", "value", "iso"))
    return iso_date(value)


def _kind(value: object) -> str:
    names = {list: "list", dict: "object", str: "string", bool: "true/false", type(None): "null"}
    return names.get(type(value), "number")
