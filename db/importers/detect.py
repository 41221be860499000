"""Which layout a file is in, read from its content.

The extension only breaks ties: exports are often saved as .txt, and a .json that does
not start like JSON is reported as broken JSON rather than imported as prose.
"""

from __future__ import annotations

from pathlib import PurePath

from db.importers.feed import looks_like_feed
from db.importers.header import is_header
from db.importers.html import looks_like_html
from db.importers.jsonfile import looks_like_json
from db.importers.markdown import looks_like_markdown

JSON_EXTENSIONS = {".json", ".jsonl", ".ndjson"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
FEED_EXTENSIONS = {".xml", ".rss", ".atom", ".rdf"}
MARKDOWN_EXTENSIONS = {".md", ".markdown", ".mdown", ".mkd"}


def detect_layout(text: str, name: str = "") -> str:
    """One of plain, header, markdown, html, json, feed."""
    ext = PurePath(name).suffix.lower() if name else ""
    stripped = text.lstrip()
    if looks_like_json(stripped) or (ext in JSON_EXTENSIONS and _json_start(stripped)):
        return "json"
    if stripped.startswith("<"):
        if looks_like_feed(stripped):
            return "feed"
        if looks_like_html(stripped) or ext in HTML_EXTENSIONS:
            return "html"
    first = next((line for line in text.split("\n") if line.strip()), "")
    if is_header(first):
        return "header"
    if looks_like_markdown(text):
        return "markdown"
    if ext in MARKDOWN_EXTENSIONS:
        return "markdown"
    return "plain"


def _json_start(text: str) -> bool:
    """Starts like any JSON value: enough when the extension also says JSON."""
    return text[:1] in '{["-0123456789' or text.startswith(("true", "false", "null"))
