"""Countries named in an article, in English and Russian, and the country of a role phrase.

The gazetteer (data/countries.toml) holds names, adjectives, Russian word forms and
capitals, so that "of the Russian Federation", "Turkmen", "России" and
"российско-туркменский" all give the short English name stored in the facet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import tomllib

from db.extract.text import literal_alternation

DATA = Path(__file__).parent / "data" / "countries.toml"


@dataclass(frozen=True)
class Country:
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    ru: tuple[str, ...]
    capital: str
    cities: tuple[str, ...]
    institutions: tuple[str, ...]


@lru_cache(maxsize=1)
def _load() -> tuple[Country, ...]:
    with open(DATA, "rb") as fh:
        raw = tomllib.load(fh)["country"]
    return tuple(
        Country(
            name=c["name"],
            aliases=tuple(c.get("aliases", [])),
            adjectives=tuple(c.get("adjectives", [])),
            ru=tuple(c.get("ru", [])),
            capital=c.get("capital", ""),
            cities=tuple(c.get("cities", [])),
            institutions=tuple(c.get("institutions", [])),
        )
        for c in raw
    )


COUNTRIES: tuple[Country, ...] = _load()
COUNTRY_NAMES: frozenset[str] = frozenset(c.name for c in COUNTRIES)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], dict[str, str]]:
    """One alternation for English forms (case-sensitive) and one for Russian forms."""
    en: dict[str, str] = {}
    for c in COUNTRIES:
        for w in (c.name, *c.aliases, *c.adjectives):
            en.setdefault(w, c.name)
            if w.startswith("the "):
                en.setdefault(w[4:], c.name)
    en_rx = re.compile(r"(?:" + literal_alternation(list(en), r"[\w-]") + r")(?![\w])")
    ru_rx, ru_map = _ru_pattern()
    return en_rx, en, ru_rx, ru_map


def _ru_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """The Russian forms, one named group each, dispatched on their first letter.

    At a position the first form in gazetteer order that fits wins, as in one group per
    country tried in turn; forms of other first letters cannot fit there, so grouping
    by that letter keeps the winner and lets `re` try one group, not every country's."""
    by_first: dict[str, list[str]] = {}
    ru_map: dict[str, str] = {}
    for c in COUNTRIES:
        for form in c.ru:
            f = form.lower()
            g = f"c{len(ru_map)}"
            ru_map[g] = c.name
            by_first.setdefault(f[0], []).append(f"(?P<{g}>{f[1:]})")
    parts = [f"{re.escape(ch)}(?:{'|'.join(tails)})" for ch, tails in by_first.items()]
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])"), ru_map


@lru_cache(maxsize=1)
def _ru_caseless() -> re.Pattern[str]:
    """The Russian forms case-insensitively, for a text whose lower() changes its length."""
    return re.compile(_patterns()[2].pattern, re.IGNORECASE)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=1)
def _institutions() -> tuple[re.Pattern[str], dict[str, str]]:
    m: dict[str, str] = {}
    for c in COUNTRIES:
        for w in c.institutions:
            m.setdefault(w.lower(), c.name)
    rx = re.compile(r"(?<!\w)(?:" + _alt(list(m)) + r")(?!\w)", re.IGNORECASE)
    return rx, m


def _iter(text: str):
    """(country, start, matched) for every country word in `text`, in order."""
    en_rx, en, ru_rx, ru_map = _patterns()
    ru_rx_ci = _ru_caseless()
    hits = []
    for m in en_rx.finditer(text):
        w = m.group(0)
        if w == "US" and not text[m.end() : m.end() + 1].isspace():
            continue
        hits.append((en[w], m.start(), w))
    if _CYRILLIC.search(text):
        low = text.lower()
        # the forms are lower case: matched case-sensitively over a lower-cased copy,
        # `re` rejects most alternatives on one compare (three times faster)
        found = ru_rx.finditer(low) if len(low) == len(text) else ru_rx_ci.finditer(text)
        for m in found:
            g = m.lastgroup
            if g:
                hits.append((ru_map[g], m.start(), text[m.start() : m.end()]))
            # compound adjectives: "российско-туркменский" gives both countries
    hits.sort(key=lambda h: h[1])
    return hits


def country_mentions(
    text: str, title: str = "", hits: list[tuple[str, int, str]] | None = None
) -> list[tuple[str, int, int]]:
    """(country, count, first position) in order of first mention; title counts first.

    Positions in the title are negative (title length subtracted) so they sort before
    the body; the count lets a caller tell the parties from a country named in passing.
    `hits`: `_iter(text)`, when the caller has it already.
    """
    counts: dict[str, list[int]] = {}
    off = len(title) + 1
    for name, pos, _ in _iter(title):
        c = counts.setdefault(name, [0, pos - off])
        c[0] += 1
    for name, pos, _ in _iter(text) if hits is None else hits:
        c = counts.setdefault(name, [0, pos])
        c[0] += 1
    out = [(n, v[0], v[1]) for n, v in counts.items()]
    out.sort(key=lambda t: t[2])
    return out


def find_countries(text: str, title: str = "") -> list[str]:
    """The states the article is about: named in the title or lead, or named repeatedly,
    or listed as the parties ("the leaders of Turkmenistan, Russia, Kazakhstan and ...").

    Conservative on purpose: a country met once deep in a list is left out.
    """
    # the lead: up to the end of the sentence that passes 200 characters, at most 400
    dot = text.find(". ", 200)
    lead_end = min(len(text), 400, dot if dot > 0 else 300)
    hits = _iter(text)  # one scan of the body for both
    parties = _party_lists(text, hits)
    out = []
    for name, count, first in country_mentions(text, title, hits):
        if name in ("European Union", "United Nations"):
            continue
        if first < 0 or count >= 2 or first < lead_end or name in parties:
            out.append(name)
    return out


_LIST_GAP = re.compile(r"\s*,\s*|\s*,?\s+(?:and|и)\s+")
_SENT_BREAK = re.compile(r"[.!?;\n]")


@lru_cache(maxsize=1)
def _participant_rx() -> re.Pattern[str]:
    with open(DATA, "rb") as fh:
        words = tomllib.load(fh).get("participants", [])
    en = [w for w in words if w.isascii()]
    ru = [w for w in words if not w.isascii()]
    return re.compile(
        r"\b(?:" + "|".join(en) + r")\b|(?<!\w)(?:" + "|".join(ru) + r")\w*", re.IGNORECASE
    )


def _party_lists(text: str, hits: list[tuple[str, int, str]]) -> set[str]:
    """Countries of a list of three or more, led in its sentence by a participant word.
    `hits`: `_iter(text)`."""
    out: set[str] = set()
    group: list[tuple[str, int, int]] = []

    def close() -> None:
        names = {g[0] for g in group}
        if len(names) >= 3:
            start = group[0][1]
            before = text[max(0, start - 120) : start]
            cut = max((m.end() for m in _SENT_BREAK.finditer(before)), default=0)
            if _participant_rx().search(before[cut:]):
                out.update(names)

    for name, start, written in hits:
        end = start + len(written)
        if group and _LIST_GAP.fullmatch(text[group[-1][2] : start]):
            group.append((name, start, end))
            continue
        close()
        group = [(name, start, end)]
    close()
    return out


_SENT_TO = re.compile(r"\bto\s+(?:the\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=16384)
def country_from_phrase(phrase: str | None) -> str | None:
    """The country a role phrase names ("of the Russian Federation", "Turkmen", "России").
    Cached: a function of the phrase alone, and the same roles recur in every article."""
    if not phrase:
        return None
    # "Ambassador of Turkmenistan to Russia": the state after "of"/possessive comes first;
    # the state an envoy is sent to is not theirs ("Ambassador to Turkmenistan")
    hits = [h for h in _iter(phrase) if not _SENT_TO.search(phrase, 0, h[1])]
    if hits:
        return hits[0][0]
    rx, m = _institutions()
    hit = rx.search(phrase)
    if hit:
        return m[hit.group(0).lower()]
    # "hakim of Dashoguz velayat", "Consul General in Kazan": a city of one state
    rx, m = _cities()
    hit = rx.search(phrase)
    if hit:
        return m[hit.group(0).lower()]
    return None


@lru_cache(maxsize=1)
def _cities() -> tuple[re.Pattern[str], dict[str, str]]:
    m: dict[str, str] = {}
    for c in COUNTRIES:
        for w in (c.capital, *c.cities):
            if w:
                m.setdefault(w.lower(), c.name)
    rx = re.compile(r"(?<!\w)(?:" + _alt(list(m)) + r")(?!\w)", re.IGNORECASE)
    return rx, m


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Lower-case country names, adjectives, capitals and cities: never a person's name."""
    words: set[str] = set()
    for c in COUNTRIES:
        for w in (c.name, *c.aliases, *c.adjectives, c.capital, *c.cities):
            for part in w.split():
                words.add(part.lower())
    words.discard("the")
    return frozenset(words)


@lru_cache(maxsize=1)
def institution_words() -> frozenset[str]:
    """Lower-case one-word bodies and regions of a state ("tatarstan", "татарстана",
    "knesset"): never a person's name. Not the words of longer names, which may be
    surnames ("White House")."""
    return frozenset(
        w.lower() for c in COUNTRIES for w in c.institutions if " " not in w and len(w) > 3
    )


def is_country_word(word: str) -> bool:
    """Whether one word is a country name/adjective (English or a Russian form)."""
    if not word:
        return False
    if word.lower() in place_words():
        return True
    return bool(_CYRILLIC.search(word)) and bool(_ru_caseless().fullmatch(word))
