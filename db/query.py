"""The search syntax: free words, "exact phrases" and field:value filters.

    meredov "strategic partnership" official:lavrov sphere:energy type:phone-call
    country:china date:2023 date:2022-06..2023-05

The query box and the filter panel are two views of one state: parse_query turns text
into (free text, Filters) and format_query turns them back, so they stay in step.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date

from db.models import Filters
from db.schema import EVENT_TYPES, SPHERES

FIELDS = {
    "official": "officials",
    "person": "officials",
    "sphere": "spheres",
    "type": "event_types",
    "country": "countries",
    "date": "date",
}
_TOKEN = re.compile(
    r'(?P<field>[A-Za-z]+):(?P<value>"[^"]*"?|\S*)|"(?P<phrase>[^"]*)"?|(?P<word>\S+)'
)
_DATE = re.compile(r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")


@dataclass
class ParsedQuery:
    text: str  # the free words and "phrases", as typed
    words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    filters: Filters = field(default_factory=Filters)
    errors: list[str] = field(default_factory=list)

    @property
    def impossible(self) -> bool:
        """A filter value matched nothing it could mean: the answer is empty, not everything."""
        return bool(self.errors)


def parse_query(text: str, base: Filters | None = None) -> ParsedQuery:
    """Split a query into free text and filters; never raises, collects errors instead."""
    filters = copy.deepcopy(base) if base else Filters()
    words: list[str] = []
    phrases: list[str] = []
    free: list[str] = []
    errors: list[str] = []
    for m in _TOKEN.finditer(text or ""):
        fld, value = m.group("field"), m.group("value")
        if fld is not None and fld.lower() in FIELDS:
            value = value.strip('"').strip()
            if not value:
                continue
            _apply_field(filters, FIELDS[fld.lower()], value, errors)
        elif m.group("phrase") is not None:
            phrase = " ".join(m.group("phrase").split())
            if phrase:
                phrases.append(phrase)
                free.append(f'"{phrase}"')
        else:
            word = m.group(0)
            words.append(word)
            free.append(word)
    return ParsedQuery(" ".join(free), words, phrases, filters, errors)


def _apply_field(filters: Filters, name: str, value: str, errors: list[str]) -> None:
    if name == "date":
        date_from, date_to, error = parse_date_range(value)
        if error:
            errors.append(error)
        else:
            filters.date_from, filters.date_to = date_from, date_to
        return
    if name in _SLUGS:
        vocabulary, what = _SLUGS[name]
        slug = _resolve_slug(value, vocabulary)
        if slug is None:
            errors.append(f"unknown {what} '{value}' (one of: {', '.join(vocabulary)})")
            return
        value = slug
    values: list[str] = getattr(filters, name)
    if value not in values:
        values.append(value)


_SLUGS = {"spheres": (SPHERES, "sphere"), "event_types": (EVENT_TYPES, "event type")}


def _resolve_slug(value: str, vocabulary: dict[str, str]) -> str | None:
    """Accept a slug, its label, or an unambiguous prefix ("phone" -> "phone-call")."""
    v = value.lower().replace("_", "-").replace(" ", "-")
    if v in vocabulary:
        return v
    for slug, label in vocabulary.items():
        if label.lower().replace(" ", "-") == v:
            return slug
    matches = [
        s for s in vocabulary if s.startswith(v) or any(p.startswith(v) for p in s.split("-"))
    ]
    return matches[0] if len(matches) == 1 else None


def parse_date_range(value: str) -> tuple[str | None, str | None, str | None]:
    """ "2023", "2022-06..2023-05", "..2023", "2022.." -> (from, to, error)."""
    if ".." in value:
        start, _, end = value.partition("..")
    else:
        start = end = value
    start, end = start.strip(), end.strip()
    for part in (start, end):
        if part and (not _DATE.match(part) or not _real_date(part)):
            return None, None, f"bad date '{value}' (use 2023, 2023-05, 2023-05-04 or FROM..TO)"
    return _pad(start) or None, _pad(end) or None, None


def _real_date(part: str) -> bool:
    """2023-13 and 2023-02-30 are not dates."""
    pieces = [int(p) for p in part.split("-")]
    try:
        date(pieces[0], pieces[1] if len(pieces) > 1 else 1, pieces[2] if len(pieces) > 2 else 1)
    except ValueError:
        return False
    return True


def _pad(part: str) -> str:
    pieces = part.split("-") if part else []
    if len(pieces) > 1:
        pieces[1:] = [p.zfill(2) for p in pieces[1:]]
    return "-".join(pieces)


def format_query(text: str, filters: Filters) -> str:
    """The query text for free text plus filters (the inverse of parse_query)."""
    parts = [text.strip()] if text and text.strip() else []
    for prefix, values in (
        ("official", filters.officials),
        ("sphere", filters.spheres),
        ("type", filters.event_types),
        ("country", filters.countries),
    ):
        for v in values:
            parts.append(f'{prefix}:"{v}"' if " " in v else f"{prefix}:{v}")
    if filters.date_from or filters.date_to:
        if filters.date_from == filters.date_to:
            parts.append(f"date:{filters.date_from}")
        else:
            parts.append(f"date:{filters.date_from or ''}..{filters.date_to or ''}")
    return " ".join(parts)
