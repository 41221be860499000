"""Plain text: the title on the first non-empty line, the body after it.

Also the text hygiene every layout shares (whitespace, control characters, dates), so
that an article reads the same whichever layout it came in.
"""

from __future__ import annotations

import datetime as dt
import re

from db.errors import ImportProblem
from db.importers.metadata import leading_metadata
from db.models import ParsedArticle

# C0/C1 controls (tab is turned into a space by the whitespace collapse) and the bidi
# overrides that could reorder or hide what a terminal shows.
_UNSAFE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_line(text: str) -> str:
    """One line: unsafe characters removed, runs of whitespace made one space, stripped."""
    text = text.replace("\n", " ")
    if not text.isprintable():  # every unsafe character is unprintable: most lines skip this
        text = _UNSAFE.sub("", text)
    return " ".join(text.split())


def clean_lines(text: str) -> list[str]:
    """The non-empty lines of `text`, each cleaned."""
    return [line for line in (clean_line(raw) for raw in text.split("\n")) if line]


def clean_body(text: str) -> str:
    """A body: one paragraph per line, no blank lines."""
    return "\n".join(clean_lines(text))


def clean_optional(text: str | None) -> str | None:
    """A teaser or similar: cleaned, None when nothing is left."""
    if text is None:
        return None
    cleaned = clean_line(text)
    return cleaned or None


_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_DOTTED = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_RU_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_RU_DATE = re.compile(r"^\s*(\d{1,2})\s+([а-яё]+)\s+(\d{4})(?:\s*г(?:ода|\.)?)?\s*$", re.I)
_SENTINELS = (dt.datetime(1900, 1, 1), dt.datetime(1904, 2, 2))


def iso_date(value: object) -> str | None:
    """A date as YYYY-MM-DD, or None when `value` is not a full, valid date."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _epoch_date(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 80:
        return None
    for pattern, order in ((_ISO, (1, 2, 3)), (_DOTTED, (3, 2, 1))):
        m = pattern.match(text)
        if m:
            return _valid(*(int(m.group(i)) for i in order))
    m = _RU_DATE.match(text)
    if m:
        month = _ru_month(m.group(2))
        return _valid(int(m.group(3)), month, int(m.group(1))) if month else None
    return _dateutil_date(text)


def _ru_month(word: str) -> int | None:
    word = word.lower()
    for stem, month in sorted(_RU_MONTHS.items(), key=lambda kv: -len(kv[0])):
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май")):
            return month
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _epoch_date(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    if not 0 < seconds < 1e10:
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date().isoformat()


def _dateutil_date(text: str) -> str | None:
    """dateutil's reading, only when it did not have to invent the year, month or day."""
    from dateutil import parser

    results = []
    for default in _SENTINELS:
        try:
            results.append(parser.parse(text, default=default, dayfirst=True).date())
        except (ValueError, OverflowError, TypeError, parser.ParserError):
            return None
    if results[0] != results[1]:
        return None
    return results[0].isoformat()


def url_or_none(value: str | None) -> str | None:
    """The value as a source URL (in angle brackets or not), or None if it is not one."""
    if not value:
        return None
    value = clean_line(value).strip("<>")
    return value if "://" in value or value.lower().startswith("www.") else None


def title_and_body(lines: list[str]) -> tuple[str, list[str]]:
    """The first line as the title and the rest as the body; ImportProblem if no title."""
    if not lines:
        raise ImportProblem("no recognisable title: the file holds no text")
    return lines[0], lines[1:]


def parse(text: str) -> ParsedArticle:
    """A plain-text article: the first line is the title, unless a block of `Title:`,
    `Date:`, `Source:` lines opens the text (db.importers.metadata)."""
    meta, lines = leading_metadata(clean_lines(text))
    if meta.get("title"):
        title, body = meta["title"], lines
    else:
        title, body = title_and_body(lines)
    return ParsedArticle(
        title=title,
        body="\n".join(body),
        teaser=meta.get("teaser"),
        published=iso_date(meta.get("date")),
        source_url=url_or_none(meta.get("source")),
        layout="plain",
    )
