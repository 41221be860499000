"""The day the headline event of an article happened.

Candidate spans come from our own regexes (month names in English and in every Russian
case, day-first numeric dates, weekdays, "yesterday"), never a date parser's search of the
whole text, which invents dates from words like "may". The regex groups already give day,
month and year, so a span is checked against the calendar alone (dateparser cost ~8 ms a
span and changed no result).
Candidates are ranked by where they stand (title, lead) and what surrounds them (an event
verb wins; anniversaries, future events and old background lose), and parsed in rank
order until one gives a real day that is not after the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from db.models import Evidence

from .text import Caseless, split_sentences, word_start_alternation

# --- month and weekday words -------------------------------------------------------------

_EN_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_EN_MONTH_ABBR = "jan feb mar apr may jun jul aug sep sept oct nov dec".split()
# Russian stems: genitive "мая", nominative "май", prepositional "мае", ...
_RU_MONTH_STEMS = "январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр".split()

_EN_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_RU_MONTH_RE = (
    r"(?:январ[яеь]|феврал[яеь]|март[аеу]?|апрел[яеь]|ма[яйе]|июн[яеь]|июл[яеь]|август[аеу]?"
    r"|сентябр[яеь]|октябр[яеь]|ноябр[яеь]|декабр[яеь])"
)
_EN_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_RU_WEEKDAYS = ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень")

_WD_EN = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?:\s*[-–—]\s*(?P<day2>[0-3]?\d))?"

# Each pattern names day, month, optional day2 (a range) and optional year.
_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "May 4, 2023", "Friday, June 10, 2022", "June 24-25, 2025", "August 28"
    re.compile(
        _WD_EN
        + r"(?P<month>"
        + _EN_MONTH_RE
        + r")\s+"
        + _DAY
        + _DAY2
        + r"(?:,?\s+"
        + _YEAR
        + r")?\b"
    ),
    # "4 May 2023", "9 June", "24-25 June 2025"
    re.compile(
        r"\b"
        + _WD_EN
        + _DAY
        + _DAY2
        + r"\s+(?:of\s+)?(?P<month>"
        + _EN_MONTH_RE
        + r")\b(?:,?\s+"
        + _YEAR
        + r")?"
    ),
    # "4 мая 2023 года", "24–25 июня", "1 ноября 2022 г."
    re.compile(
        r"(?<!\d)"
        + _DAY
        + r"(?:-?го)?"  # "17-го апреля"
        + _DAY2
        + r"\s+(?P<month>"
        + _RU_MONTH_RE
        + r")(?![а-яё])(?:\s+"
        + _YEAR
        + r"(?:\s*(?:года|год|г\.))?)?",
        re.IGNORECASE,
    ),
    # "10.06.2022" (day first)
    re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d])"),
    # "2024-05-14" (ISO)
    re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
)

# What each pattern cannot match without, searched first: most sentences with a digit
# name no month ("15 documents", "in 2023"), and these skip to their first letters where
# the patterns, opening with an optional weekday or a look-behind, try every position.
_EN_MONTH_WORD = re.compile(_EN_MONTH_RE)  # the English patterns are case-sensitive
# Cyrillic, and the letters that Cyrillic ones match under IGNORECASE ("ᲀ" for "в")
_CYRILLIC_OR_FOLD = re.compile(r"[\u0400-\u04ff\u1c80-\u1c88]")
_DOTTED_DIGITS = re.compile(r"\d\.[01]?\d\.")
_ISO_DIGITS = re.compile(r"\d-[01]\d-")
_NEEDS: tuple[tuple[re.Pattern[str], tuple[re.Pattern[str], ...]], ...] = (
    (_EN_MONTH_WORD, _PATTERNS[:2]),
    (_CYRILLIC_OR_FOLD, _PATTERNS[2:3]),
    (_DOTTED_DIGITS, _PATTERNS[3:4]),
    (_ISO_DIGITS, _PATTERNS[4:]),
)

_REL_EN = re.compile(
    r"\b(?:on\s+|last\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!,?\s+(?:"
    + _EN_MONTH_RE
    + r"|\d))|\b(?P<rel>yesterday|today)\b",
    re.IGNORECASE,
)
_REL_RU = re.compile(
    r"\b(?:во?\s+)(?:(?:минувш|прошл|прошедш)\w*\s+)?"  # "в минувший вторник"
    r"(?P<wd>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b"
    r"|(?<![а-яё])(?P<rel>вчера|сегодня|накануне)(?![а-яё])",
    re.IGNORECASE,
)

# --- context cues for ranking --------------------------------------------------------------

_EVENT_VERB = Caseless(
    r"\b(?:met|meet|meets|meeting|held|hold|holds|hosted|host|signed|sign|signs|talks|talked|"
    r"received|receives|visit|visited|took place|discuss\w*|conversation|call|summit|"
    r"consultations|negotiations|adopted|attended|opened|launched|arrived|chaired)\b|"
    r"(?<![а-яё])(?:провел\w*|провёл\w*|провели|состоял\w*|прошл\w*|прошел|прошёл|подписал\w*|"
    r"встретил\w*|встреч\w*|переговор\w*|принял\w*|обсудил\w*|прибыл\w*|визит\w*|"
    r"саммит\w*|консультаци\w*|разговор\w*)",
)
_ARRIVAL = Caseless(
    word_start_alternation(["arrived", "arrives", "arrival"], r"\b") + r"|п(?<![а-яё]п)рибы\w*"
)
_BACKGROUND = Caseless(
    r"\b(?:anniversary|will|would|upcoming|forthcoming|scheduled|due to|expected|planned|"
    r"plans? to|to be held|next|since|until|ago|earlier|previous|last met|founded|established|"
    r"in force|election|recalled|had been|from january)\b|"
    r"(?<![а-яё])(?:годовщин\w*|летия|будет|будут|предстоящ\w*|состоится|планиру\w*|"
    r"должен|должна|должны|ранее|прошлом|с тех пор|до\s+\d{4}|накануне)",
)
_WIRE_DATELINE = re.compile(r"\s*(?:\d{4}\s*)?\(\s*[\w.\- ]{2,30}\)\s*[-–—:]")
_DATELINE = re.compile(r"^[A-ZА-ЯЁ][\w\-. ]{1,30},\s*$")
# "ASHGABAT, Turkmenistan, December 17." / "АШХАБАД, 17 декабря. /ТАСС/.": a sentence that
# opens with a place and then a day gives the day the story was filed
_DATELINE_OPEN = re.compile(r"(?:[A-ZА-ЯЁ][\w\-.']*(?:\s+[A-ZА-ЯЁ][\w\-.']*){0,3}\s*,\s*){1,3}")
_NOT_A_PLACE = re.compile(
    r"\b(?:on|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|(?<![а-яё])(?:в|во|"
    r"понедельник|вторник|сред[ау]|четверг|пятниц[ау]|суббот[ау]|воскресенье)(?![а-яё])",
    re.I,
)


@dataclass
class _Cand:
    span: str
    day: int | None
    month: str | None
    year: int | None
    rel: str | None  # weekday index "0".."6", "yesterday", "today"
    day2: int | None
    sentence: str
    score: float
    order: int


def _int(s: str | None) -> int | None:
    return int(s) if s and s.isdigit() else None


def _month_index(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w.isdigit():
        n = int(w)
        return n if 1 <= n <= 12 else None
    if w in _EN_MONTHS:
        return _EN_MONTHS.index(w) + 1
    if w in _EN_MONTH_ABBR:
        # "sept" sits beside "sep" in the list: index by the first three letters
        return _EN_MONTHS.index(next(m for m in _EN_MONTHS if m.startswith(w[:3]))) + 1
    for i, stem in enumerate(_RU_MONTH_STEMS):
        if w.startswith(stem) and (stem != "ма" or w in ("мая", "май", "мае")):
            if stem == "март" or not w.startswith("март") or stem == "март":
                return i + 1
    return None


def _day(year: int, month: int | None, day: int) -> str | None:
    """ISO form of a calendar day, None when there is no such day. The month and day are
    already ours (regex groups and the month index), so the calendar check is all that a
    date parser would add; dateparser cost ~8 ms a span and changed no result."""
    if month is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _iso(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def _resolve(c: _Cand, pub: date | None, anchor: date | None = None) -> str | None:
    """The ISO day a candidate names, or None when it is not a day we can trust."""
    if c.rel is not None:
        if pub is None:
            return None
        if c.rel == "yesterday":
            return (pub - timedelta(days=1)).isoformat()
        if c.rel == "today":
            return pub.isoformat()
        back = (pub.weekday() - int(c.rel)) % 7  # the same weekday means the day itself
        return (pub - timedelta(days=back)).isoformat()
    if c.day is None or c.month is None:
        return None
    year = c.year
    if year is None and pub is None and anchor is not None:
        year = anchor.year  # no publication date: the year of the article's dated event
    if year is None:
        if pub is None:
            return None
        year = pub.year
        m = _month_index(c.month)
        if m is not None and (m, c.day) > (pub.month, pub.day):
            ahead = (m - pub.month) * 31 + c.day - pub.day
            if ahead <= 92:
                return None  # "scheduled for April 12" in an April 10 article: the future
            year -= 1  # "on 9 June" in a January article is last June
    return _day(year, _month_index(c.month), c.day)


_TITLE_VERBS = {
    "sign": Caseless(r"\bsign\w*|подпис\w*"),
    "talks": Caseless(r"\btalks\b|\bnegotiat\w*|переговор\w*"),
    "meet": Caseless(r"\bmeet\w*|\bmet\b|\breceiv\w*|встреч\w*|принял\w*"),
    "visit": Caseless(r"\bvisit\w*|визит\w*"),
    "summit": Caseless(r"\bsummit\w*|\bforum\b|саммит\w*|форум\w*"),
    "call": Caseless(r"\bphone\b|\btelephone\b|\bcall\b|телефон\w*"),
    "consult": Caseless(r"\bconsultations?\b|консультаци\w*"),
}


_Raw = tuple[int, int, str, "int | None", "str | None", "int | None", "str | None", "int | None"]
_DIGIT = re.compile(r"\d")
# "накануне" alone is the day before the story: "состоялось накануне в Ашхабаде"
_EVE_ALONE = re.compile(
    r"\s*(?:[,.;)]|$|(?:в|во|на|вечером|утром|дн[её]м|состоял\w*|прош\w*|пров[её]л\w*|"
    r"принял\w*|встрет\w*|подписал\w*|заявил\w*|сообщил\w*)(?![а-яё]))",
    re.IGNORECASE,
)
_REL_WORDS = ("day", "вчера", "сегодня", "накануне", "понедельник", "вторник", "среду", "четверг")
_REL_WORDS2 = ("пятницу", "субботу", "воскресенье")


@lru_cache(maxsize=16384)
def _sentence_matches(sent: str) -> tuple[_Raw, ...]:
    """(start, end, span, day, month, year, rel, day2) of each date a sentence names, in
    text order. Cached: a sentence's dates do not depend on the article around it."""
    taken: list[tuple[int, int]] = []
    found: list[_Raw] = []
    if _DIGIT.search(sent):
        for rx in (rx for needs, rxs in _NEEDS if needs.search(sent) for rx in rxs):
            for m in rx.finditer(sent):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                gd = m.groupdict()
                try:
                    day = int(gd["day"])
                except (TypeError, ValueError):
                    continue
                if not 1 <= day <= 31:
                    continue
                year = int(gd["year"]) if gd.get("year") else None
                found.append(
                    (
                        m.start(),
                        m.end(),
                        m.group(0),
                        day,
                        gd["month"],
                        year,
                        None,
                        _int(gd.get("day2")),
                    )
                )
    low = sent.lower()
    if any(w in low for w in _REL_WORDS) or any(w in low for w in _REL_WORDS2):
        for rx in (_REL_EN, _REL_RU):
            for m in rx.finditer(sent):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                wd, rel = m.group("wd"), m.group("rel")
                if wd:
                    w = wd.lower()
                    if w in _EN_WEEKDAYS:
                        key = str(_EN_WEEKDAYS.index(w))
                    else:
                        key = str(next(i for i, s in enumerate(_RU_WEEKDAYS) if w.startswith(s)))
                else:
                    r = rel.lower()
                    if r == "накануне" and not _EVE_ALONE.match(sent, m.end()):
                        continue  # "накануне визита": the eve of something, not a day
                    key = "yesterday" if r in ("yesterday", "вчера", "накануне") else "today"
                found.append((m.start(), m.end(), m.group(0), None, None, None, key, None))
    found.sort(key=lambda t: t[0])
    return tuple(found)


def _candidates(title: str, sentences: tuple[str, ...], language: str) -> list[_Cand]:
    out: list[_Cand] = []
    title_keys: list[str] | None = None
    order = 0
    units = [(title, -1)] + [(s, i) for i, s in enumerate(sentences)]
    for sent, idx in units:
        for start, end, span, day, month, year, rel, day2 in _sentence_matches(sent):
            if title_keys is None:
                title_keys = [k for k, rx in _TITLE_VERBS.items() if rx.search(title)]
            c = _Cand(span, day, month, year, rel, day2, sent, 0.0, order)
            c.score = _score(c, sent, idx, start, end, title_keys)
            order += 1
            out.append(c)
    return out


_OPENS_ON = re.compile(r"(?:^|\b)(?:on|в|во)\s*$", re.I)
_HELD = re.compile(r"\b(?:held|met|signed)\b|провел|подписал", re.I)
_ENDS_IN = re.compile(r"\b(?:in|by|of|до|к)\s*$", re.I)


def _score(c: _Cand, sent: str, idx: int, start: int, end: int, title_keys: list[str]) -> float:
    score = 0.0
    if idx < 0:
        score += 5
    elif idx == 0:
        score += 4
    elif idx == 1:
        score += 2
    elif idx == 2:
        score += 1
    before = sent[max(0, start - 40) : start]
    if start < 4 or start < 25 and _OPENS_ON.search(sent[:start]):
        score += 2  # "On May 4, 2023, ..." / "10 мая 2023 года ..." opens the sentence
    if _EVENT_VERB.search(sent):
        score += 2
    hits = sum(1 for k in title_keys if _TITLE_VERBS[k].search(sent))
    score += min(hits, 2) * 1.5
    if _ARRIVAL.search(sent) and not _HELD.search(sent):
        score -= 2
    # the words around the date, not the date itself ("накануне" is a date and a cue)
    window = sent[max(0, start - 60) : start] + " " + sent[end : end + 40]
    if _BACKGROUND.search(window):
        score -= 5
    if c.day is None and _ENDS_IN.search(before):
        score -= 2
    if c.year is not None:
        score += 0.5
    if c.rel is not None:
        score -= 1
    if idx < 0 and _DATELINE.match(sent[:start]):
        score -= 3
    elif idx >= 0 and (
        (_DATELINE_OPEN.fullmatch(sent, 0, start) and not _NOT_A_PLACE.search(sent, 0, start))
        or (not sent[:start].strip() and not sent[end:].strip(" ."))  # "Москва. 17 января."
    ):
        score -= 3  # a dateline: the event is the day a later sentence names, if it names one
    if start < 40 and c.rel is None and _WIRE_DATELINE.match(sent, end):
        score -= 8  # "ANKARA, Oct. 13 (Trend) –": the day the wire filed the story
    return score


def _accept(c: _Cand, pub: date | None, anchor: date | None = None) -> str | None:
    if c.score < -2 or (c.year is None and c.score < 0):
        return None
    got = _resolve(c, pub, anchor)
    if got is None:
        return None
    if pub is not None and got > (pub + timedelta(days=1)).isoformat():
        return None  # an event after publication is a plan, not this article's event
    if pub is not None and got < (pub - timedelta(days=400)).isoformat() and c.score < 4:
        return None  # long before publication and not in the lead: background
    return got


def _same_sentence_rival(
    best: tuple[_Cand, str], cands: list[_Cand], pub: date | None
) -> tuple[_Cand, str]:
    """Of two days one sentence names, the one the story is about: "Building on the
    consensus reached on June 17, Wang held talks with Meredow on Wednesday" (a week
    or more before publication against the days just before it), and on a tie the later
    ("after their last meeting on 2 June 2023, the leaders met on 3-4 April 2025")."""
    c, got = best
    day = date.fromisoformat(got)
    for o in cands:
        if o is c or o.sentence != c.sentence or o.score < c.score - 1.5:
            continue
        og = _accept(o, pub)
        if og is None:
            continue
        other = date.fromisoformat(og)
        if pub is not None and (pub - day).days > 7 and 0 <= (pub - other).days <= 3:
            return o, og
        if o.score == c.score and other > day:
            c, got, day = o, og, other
    return c, got


def _headline_day(
    best: tuple[_Cand, str], cands: list[_Cand], pub: date | None
) -> tuple[_Cand, str]:
    """For a multi-day event (a range, or an arrival) the day of the headline action
    when another sentence dates it within the event, else the first day."""
    c, got = best
    is_range = c.day2 is not None and c.day is not None and c.day2 > c.day
    arrival = bool(_ARRIVAL.search(c.sentence))
    if not (is_range or arrival):
        return best
    first = date.fromisoformat(got)
    last = first + timedelta(days=(c.day2 - c.day) if is_range else 3)
    pick: tuple[_Cand, str] | None = None
    for o in cands:
        if o is c or o.score < 2 or _ARRIVAL.search(o.sentence):
            continue
        if not _EVENT_VERB.search(o.sentence):
            continue
        og = _accept(o, pub, first)
        if og is None or not (first < date.fromisoformat(og) <= last):
            continue
        if pick is None or o.score > pick[0].score:
            pick = (o, og)
    return pick or best


def find_event_date(
    text: str, title: str, published: str | None, language: str = "en", lead: str = ""
) -> tuple[str | None, Evidence | None]:
    """(ISO day, evidence) of the headline event; the publication date when the text
    names no day; (None, None) when neither exists. `lead`: a teaser, read before the
    text (it may be the only place that names the day)."""
    pub = _iso(published)
    sentences = split_sentences(text or "")
    if lead:
        sentences = split_sentences(lead) + sentences
    cands = _candidates(title or "", sentences, language)
    cands.sort(key=lambda c: (-c.score, c.order))
    best: tuple[_Cand, str] | None = None
    for c in cands:
        got = _accept(c, pub)
        if got is not None:
            best = (c, got)
            break
    if best is not None:
        best = _same_sentence_rival(best, cands, pub)
        c, got = _headline_day(best, cands, pub)
        return got, Evidence("date", got, c.span, c.sentence)
    if pub is not None:
        return pub.isoformat(), Evidence("date", pub.isoformat(), "published", "")
    return None, None


def date_source(evidence: Evidence | None) -> str:
    """'text', 'published' or 'none' for Extraction.date_source."""
    if evidence is None:
        return "none"
    return "published" if evidence.cue == "published" else "text"


def sentence_days(sentence: str, published: str | None, anchor: str | None = None) -> list[str]:
    """ISO days a sentence names (month-name and numeric dates only), for telling apart
    this article's event from others the text mentions."""
    return list(_sentence_days(sentence, published, anchor))


@lru_cache(maxsize=16384)
def _sentence_days(sentence: str, published: str | None, anchor: str | None) -> tuple[str, ...]:
    pub, anc = _iso(published), _iso(anchor)
    out = []
    for _s, _e, span, day, month, year, rel, day2 in _sentence_matches(sentence):
        if rel is not None:
            continue
        c = _Cand(span, day, month, year, rel, day2, sentence, 0.0, 0)
        got = _resolve(c, pub, anc)
        if got is None and c.year is None and anc is not None:
            got = _resolve(c, None, anc)
        if got:
            out.append(got)
    return tuple(out)
