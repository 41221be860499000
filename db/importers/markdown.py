"""Markdown articles: `# Title`, a `Date:` line (or YAML front matter), then the text.

The body is stored as plain paragraphs, one per line, so that search, highlighting and
the reader never show Markdown syntax. Brackets that are not links stay: they are data.
"""

from __future__ import annotations

import re

from db.errors import ImportProblem
from db.importers.plain import clean_line, clean_optional, iso_date, url_or_none
from db.models import ParsedArticle

_META = re.compile(
    r"^\s*(?:[*_]{1,2})?(date|published|source|url|link|teaser|summary)(?:[*_]{1,2})?\s*:"
    r"\s*(?:[*_]{1,2})?\s*(.*?)\s*$",
    re.I,
)
_META_KEYS = {
    "date": "date",
    "published": "date",
    "source": "url",
    "url": "url",
    "link": "url",
    "source_url": "url",
    "canonical": "url",
    "teaser": "teaser",
    "summary": "teaser",
    "description": "teaser",
    "title": "title",
}
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_FENCE = re.compile(r"^\s*(```|~~~)")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REFLINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_CODE = re.compile(r"`+([^`]*)`+")
_STRONG = re.compile(r"(?<!\w)(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_EM = re.compile(r"(?<![\w*_])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")


def looks_like_markdown(text: str) -> bool:
    """A heading or front matter at the top: enough to treat a file as Markdown."""
    for line in text.split("\n"):
        if line.strip():
            return line.strip() == "---" or bool(_ATX.match(line))
    return False


def parse(text: str) -> ParsedArticle:
    """A Markdown article."""
    lines = text.split("\n")
    meta, lines = _front_matter(lines)
    title = meta.pop("title", None)
    paragraphs = _paragraphs(lines)
    body: list[str] = []
    in_preamble = True
    for kind, content in paragraphs:
        if kind == "heading" and title is None:
            title = content
            continue
        m = _META.match(content) if in_preamble and kind == "text" else None
        if m and _is_meta(m.group(1), m.group(2), meta):
            meta[_META_KEYS[m.group(1).lower()]] = m.group(2)
            continue
        if title is None:
            title = content
            continue
        in_preamble = False
        body.append(content)
    title = clean_line(_inline(title or ""))
    if not title:
        raise ImportProblem("no recognisable title: no '# Title' line and no text")
    body = [line for line in (clean_line(_inline(p)) for p in body) if line]
    return ParsedArticle(
        title=title,
        body="\n".join(body),
        teaser=clean_optional(_inline(meta["teaser"])) if meta.get("teaser") else None,
        published=iso_date(_inline(meta.get("date") or "")),
        source_url=_url(meta.get("url")),
        layout="markdown",
    )


def _is_meta(key: str, value: str, meta: dict[str, str]) -> bool:
    """A `Key: value` line at the top is metadata, except a source that is not a URL."""
    kind = _META_KEYS[key.lower()]
    if kind in meta:
        return False
    return kind != "url" or _url(value) is not None


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """YAML front matter's simple `key: value` pairs (title, date, url...) and the rest."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() != "---":
        return {}, lines
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].strip() in ("---", "...")), None
    )
    if end is None:
        return {}, lines
    meta: dict[str, str] = {}
    for line in lines[start + 1 : end]:
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in _META_KEYS and _META_KEYS[key] not in meta:
            value = value.strip().strip("'\"").strip()
            if value:
                meta[_META_KEYS[key]] = value
    return meta, lines[end + 1 :]


def _paragraphs(lines: list[str]) -> list[tuple[str, str]]:
    """Blocks as (kind, text): soft-wrapped lines joined, headings and list items alone."""
    out: list[tuple[str, str]] = []
    current: list[str] = []
    fenced = False

    def flush() -> None:
        if current:
            out.append(("text", " ".join(s.strip() for s in current)))
            current.clear()

    for line in lines:
        if _FENCE.match(line):
            flush()
            fenced = not fenced
            continue
        if fenced:
            if line.strip():
                out.append(("code", line))
            continue
        if not line.strip() or _RULE.match(line) or _REFDEF.match(line):
            flush()
            continue
        if _SETEXT.match(line) and current and len(current) == 1:
            out.append(("heading", current.pop()))
            continue
        heading = _ATX.match(line)
        if heading:
            flush()
            out.append(("heading", heading.group(2)))
            continue
        line = _QUOTE.sub("", line)
        if _LIST.match(line):
            flush()
            current.append(_LIST.sub("", line, count=1))
            continue
        current.append(line)
    flush()
    return out


def _inline(text: str) -> str:
    """Inline Markdown to plain text: links to their text, emphasis and code marks off."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REFLINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    for _ in range(3):  # nested emphasis: ***x***, **_x_**
        text = _STRONG.sub(r"\2", text)
        text = _EM.sub(r"\2", text)
        text = _STRIKE.sub(r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>])", r"\1", text)
    return re.sub(r" {2,}$|\\$", "", text)


def _url(value: str | None) -> str | None:
    if not value:
        return None
    value = clean_line(_inline(value)).strip("<>")
    m = re.search(r"\((\S+://[^)\s]+)\)", value)  # [text](url)
    return url_or_none(m.group(1) if m else value)
