"""A block of `Key: value` lines at the top of a plain-text article.

Saved pages, notes and mail often open with "Title: ...", "Date: ...", "Source: ..."
(or "Заголовок:", "Дата:", "Источник:") before the text. Read as prose, the title would
keep its "Title:" and the date would be a line of the body, not the publication date
that relative days ("on Tuesday", "во вторник") are counted back from.
"""

from __future__ import annotations

import re

# key (lower case) -> the field it fills
KEYS = {
    "title": "title",
    "headline": "title",
    "subject": "title",
    "заголовок": "title",
    "date": "date",
    "published": "date",
    "дата": "date",
    "source": "source",
    "url": "source",
    "link": "source",
    "источник": "source",
    "ссылка": "source",
    "teaser": "teaser",
    "summary": "teaser",
    "description": "teaser",
    "lead": "teaser",
    "анонс": "teaser",
    "author": "author",
    "автор": "author",
}
_LINE = re.compile(r"^\s*([^\W\d_]+)\s*:\s*(\S.*?)\s*$")


def leading_metadata(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """The fields of the `Key: value` lines the text opens with, and the lines after.

    A block counts only if it names a title or a date, so that a text whose first line
    merely reads "Source: ..." or "Summary: ..." keeps it; a key given twice ends it."""
    meta: dict[str, str] = {}
    n = 0
    for line in lines:
        m = _LINE.match(line)
        if m is None:
            break
        field = KEYS.get(m.group(1).lower())
        if field is None or field in meta:
            break
        meta[field] = m.group(2)
        n += 1
    if "title" not in meta and "date" not in meta:
        return {}, lines
    return meta, lines[n:]
