"""The header layout of the scraped news archive.

    " date 2017-12-26 http://example.com/a.html"
    ""
    "Title"
    "Title"                      (the title repeated)
    "Short teaser... 26.12.2017" (a teaser that ends with a date)
    "Body ..."

The repeated title and the teaser are not article text: keeping them in the body would
double the title's words in search and put a second date in front of the extractor.
"""

from __future__ import annotations

import re

from db.importers.plain import clean_line, clean_lines, iso_date, title_and_body, url_or_none
from db.models import ParsedArticle

HEADER = re.compile(r"^\s*date\s*[:=]?\s+(\d{4}-\d{1,2}-\d{1,2})(?:\s+(\S+))?\s*$", re.I)

_MONTHS_EN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MONTHS_RU = r"(?:январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
# A teaser ends with its date: "... 26.12.2017", "December 26, 2017", "26 December 2017",
# "26 декабря 2017 г." or an ISO date.
TEASER_DATE = re.compile(
    r"(?:\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})"
    rf"|{_MONTHS_EN}\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTHS_EN},?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTHS_RU}\s+\d{{4}}(?:\s*г(?:ода|\.)?)?"
    r"|\d{4}-\d{2}-\d{2})"
    r"\s*[.)\]]?$",
    re.I,
)
TEASER_MAX_CHARS = 400
TAIL_CHARS = 64  # the longest date form ("26 сентября 2017 года.") with room to spare


def is_header(line: str) -> bool:
    """Whether `line` is the header's " date YYYY-MM-DD URL" line."""
    return bool(HEADER.match(line))


def parse(text: str) -> ParsedArticle:
    """An article in the header layout; tolerant of a missing repeat or teaser."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    m = HEADER.match(lines[first]) if lines else None
    published = source_url = None
    if m:
        published = iso_date(m.group(1))
        source_url = url_or_none(m.group(2))
        lines = lines[first + 1 :]
    title, rest = title_and_body(clean_lines("\n".join(lines)))
    if rest and _same(rest[0], title):
        rest = rest[1:]
    teaser = None
    if rest and len(rest) > 1 and is_teaser(rest[0]):
        teaser, rest = rest[0], rest[1:]
    return ParsedArticle(
        title=title,
        body="\n".join(rest),
        teaser=teaser,
        published=published,
        source_url=source_url,
        layout="header",
    )


def is_teaser(line: str) -> bool:
    """A short line that ends with a date."""
    return len(line) <= TEASER_MAX_CHARS and trailing_date(line) is not None


def trailing_date(line: str) -> re.Match[str] | None:
    """The date a line ends with. Only the tail is searched: a date is at most 40-odd
    characters, and a search from the line's start tries the pattern at every position."""
    return TEASER_DATE.search(line, max(0, len(line) - TAIL_CHARS))


def _same(a: str, b: str) -> bool:
    return clean_line(a).casefold() == clean_line(b).casefold()
