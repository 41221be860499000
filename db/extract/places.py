"""Where the headline event took place: cities from a gazetteer (data/places.toml) that
the title or lead puts the event in ("in Ashgabat", "в Москве", "Moscow hosted"), plus a
landmark venue only where the event itself is placed there ("in the Kremlin").

Places merely mentioned ("links with St. Petersburg", "the Kremlin's website") and host
ministries are left out: only locative phrases in the title and lead count.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import tomllib

from .text import Caseless, literal_alternation, word_start_alternation

DATA = Path(__file__).parent / "data" / "places.toml"


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[Caseless, dict[str, tuple[str, str]]]:
    """One alternation of every form -> (canonical name, kind)."""
    with open(DATA, "rb") as fh:
        raw = tomllib.load(fh)["place"]
    forms: dict[str, tuple[str, str]] = {}
    for p in raw:
        for f in list(p.get("en", [])) + list(p.get("ru", [])):
            forms[f.casefold()] = (p["name"], p.get("kind", "city"))
    alt = literal_alternation([f for p in raw for f in p.get("en", []) + p.get("ru", [])])
    return Caseless(rf"(?<![\w-])(?:{alt})(?![\w-])"), forms


# A locative phrase right before the name, or a hosting verb right after it.
_BEFORE = re.compile(
    r"(?i)(?:\b(?:in|at|to|inside)\s+(?:the\s+)?(?:capital\s+)?(?:of\s+)?|\bhosted\s+by\s+|"
    r"(?<!\w)(?:в|во|на)\s+(?:городе\s+|г\.\s*)?|(?<!\w)(?:прибыл\w*|прилетел\w*)\s+в\s+|"
    r"\bin\s+the\s+(?:city|town|port)\s+of\s+)$"
)
_AFTER = re.compile(
    r"(?i)^(?:,\s*(?:the\s+)?[\w -]{0,30}?capital,)?\s*(?:hosted|was\s+the\s+venue|played\s+host|welcomed\s+the)\b"
    r"|^\s*\((?:\w+)\)\s*[-–—]"  # dateline "MOSCOW (Sputnik) -"
    r"|^,\s*\d{1,2}\s+\w+\s+(?:19|20)\d\d\s*\("  # dateline "Astana, 18 October 2022 (TDI)"
)
# A dateline opening the body: "Ашхабад, 8 октября 2026 года.", "BRUSSELS, June 19
# (Reuters) -", "ANKARA, Nov. 5, 2026 —": the city, a day and month, maybe a year and an
# agency, then a dash, a colon, a full stop or nothing.
_DATELINE = re.compile(
    r"(?i)^,\s*(?:\d{1,2}\s+\w+\.?|\w+\.?\s+\d{1,2}|(?:19|20)\d\d-\d\d-\d\d)(?:,?\s+(?:19|20)\d\d)?"
    r"(?:\s*(?:года|г\.))?\s*(?:\([^)]{1,30}\)\s*)?(?:[-–—:.]|$)"
)
DATELINE_ONLY_CHARS = 60
_NOT_BEFORE = re.compile(
    r"(?i)\b(?:from|with|between|and)\s+(?:the\s+)?$|(?<!city\s)(?<!town\s)(?<!port\s)"
    r"(?<!capital\s)\bof\s+(?:the\s+)?$|(?<!\w)(?:из|с|между|и)\s+$"
)


_FUTURE = Caseless(
    word_start_alternation(
        [
            "scheduled",
            r"will\s+be\s+held",
            r"to\s+be\s+held",
            "upcoming",
            r"invitation\s+to\s+attend",
        ],
        r"\b",
    )
    + "|"
    + word_start_alternation(["состоится", "пройд[её]т", r"предстоящ\w*"], r"(?!\w)")
)


def find_places(
    title: str, sentences: list[str] | tuple[str, ...], language: str = "en", teaser: int = 0
) -> list[str]:
    """Cities where the event took place (title and the first two sentences), then a
    landmark venue of the headline event. `teaser`: how many of `sentences` are a
    teaser before the body (the body's first sentence may be a dateline)."""
    rx, forms = _gazetteer()
    cities: list[str] = []
    venues: list[str] = []
    lead_end = 2  # the title and the first two sentences, not counting a dateline
    for i, text in enumerate([title or ""] + list(sentences[:4])):
        if i > lead_end + 1:
            break
        if _FUTURE.search(text):
            continue
        for m in rx.finditer(text):
            before = text[max(0, m.start() - 40) : m.start()]
            after = text[m.end() : m.end() + 60]
            found = text[m.start() : m.end()]
            if not found[:1].isupper():
                continue
            name, kind = forms.get(found.casefold(), (None, ""))
            if name is None:
                continue
            if _NOT_BEFORE.search(before):
                continue
            located = bool(_BEFORE.search(before)) or bool(_AFTER.search(after))
            if not located and i == 1 + teaser and not text[: m.start()].strip():
                located = bool(_DATELINE.match(after))
                if located and len(text) < DATELINE_ONLY_CHARS:
                    lead_end = i + 2  # "АШХАБАД, 29 марта. /ТАСС/." alone: the lead follows
            if kind == "venue":
                # "the Kremlin's website" is not a venue; "in the Kremlin" is.
                if located and not after.startswith("'") and name not in venues:
                    venues.append(name)
                continue
            if located and i <= lead_end and name not in cities:
                cities.append(name)
    return cities + venues
