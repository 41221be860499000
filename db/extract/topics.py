"""Spheres of cooperation and event types, by rules over the cue lists in data/cues.toml.

No training data exists for this corpus, so the classifier is a dictionary coder: cues in
sentences that are about the event (a trigger word, not background), each label kept with
the sentence and the cue that decided it so that an analyst can see why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import tomllib

from db.models import Evidence

from .text import Caseless, CuePattern, CueSet, compile_cues, word_start_alternation

DATA = Path(__file__).parent / "data" / "cues.toml"

SPHERES = (
    "political-diplomatic",
    "trade-economic",
    "cultural-humanitarian",
    "security",
    "energy",
    "transport-transit",
    "inter-parliamentary",
    "multilateral",
    "digital-it",
    "health",
    "environment",
)
EVENT_TYPES = (
    "meeting",
    "consultations",
    "negotiations",
    "phone-call",
    "visit",
    "declaration",
    "agreement",
    "summit",
)


def _compile(patterns: list[str]) -> CuePattern | None:
    """One alternation; acronym cues ("UN", "IT", "CIS") stay case-sensitive."""
    return compile_cues(patterns)


@dataclass(frozen=True)
class _Cues:
    mask: dict[str, CuePattern | None]
    triggers: dict[str, CuePattern | None]
    strong: dict[str, CuePattern | None]
    background: dict[str, CuePattern | None]
    spheres: dict[str, dict[str, CuePattern | None]]  # slug -> en/ru/not
    types: dict[str, dict[str, CuePattern | None]]
    docs: dict[str, CuePattern | None]
    sphere_set: dict[str, CueSet]  # all sphere lists, searched in one pass
    type_set: dict[str, CueSet]  # all type lists, searched in one pass


def _langs(section: dict, extra: str | None = None) -> dict[str, CuePattern | None]:
    en, ru = section.get("en", []), section.get("ru", [])
    out = {"en": _compile(en), "ru": _compile(ru + en)}  # Russian text quotes Latin acronyms
    if extra is not None:
        out["not"] = _compile(section.get(extra, []))
    return out


@lru_cache(maxsize=1)
def cues() -> _Cues:
    """Load and compile data/cues.toml once."""
    with open(DATA, "rb") as fh:
        raw = tomllib.load(fh)
    d = raw["documents"]
    docs = {
        "agreement_en": _compile(d["agreement_en"]),
        "agreement_ru": _compile(d["agreement_ru"] + d["agreement_en"]),
        "declaration_en": _compile(d["declaration_en"]),
        "declaration_ru": _compile(d["declaration_ru"] + d["declaration_en"]),
        "adopt_en": _compile(d["adopt_en"]),
        "adopt_ru": _compile(d["adopt_ru"] + d["adopt_en"]),
    }
    return _Cues(
        mask=_langs(raw["mask"]),
        triggers=_langs(raw["triggers"]),
        strong=_langs(raw["strong"]),
        background=_langs(raw["background"]),
        spheres={k: _langs(raw["spheres"][k], "not") for k in SPHERES},
        types={k: _langs(raw["types"][k], "not") for k in EVENT_TYPES},
        docs=docs,
        sphere_set={
            "en": CueSet({k: raw["spheres"][k].get("en", []) for k in SPHERES}),
            "ru": CueSet(
                {
                    k: raw["spheres"][k].get("ru", []) + raw["spheres"][k].get("en", [])
                    for k in SPHERES
                }
            ),
        },
        type_set={
            "en": CueSet({k: raw["types"][k].get("en", []) for k in EVENT_TYPES}),
            "ru": CueSet(
                {
                    k: raw["types"][k].get("ru", []) + raw["types"][k].get("en", [])
                    for k in EVENT_TYPES
                }
            ),
        },
    )


def _lang(language: str) -> str:
    return "ru" if language == "ru" else "en"


def _blank(text: str, rx: CuePattern | None) -> str:
    """Replace matches with spaces, keeping positions."""
    if rx is None:
        return text
    return rx.sub(lambda m: " " * len(m.group(0)), text)


@lru_cache(maxsize=4096)
def _masked(sentence: str, lang: str) -> str:
    return _blank(sentence, cues().mask[lang])


def _search(rx: CuePattern | None, text: str) -> re.Match[str] | None:
    return rx.search(text) if rx is not None else None


_HARD_BACKGROUND = Caseless(
    word_start_alternation(
        [r"goes\s+back\s+to", r"go\s+back\s+to", r"dates\s+back", r"years\s+ago", "recalled"]
        + [r"in\s+the\s+past"],
        r"\b",
    )
    + "|"
    + word_start_alternation([r"восход\w*\s+к", r"напомнил\w*", r"в\s+прошлом"], r"(?!\w)")
)


def is_background(sentence: str, language: str) -> bool:
    """History, figures, other times or plans, with no strong trigger to save it."""
    c, lang = cues(), _lang(language)
    if _HARD_BACKGROUND.search(sentence):
        return True
    return bool(_search(c.background[lang], sentence)) and not _search(c.strong[lang], sentence)


def _about_event(sentence: str, lang: str) -> bool:
    c = cues()
    return bool(_search(c.triggers[lang], sentence)) and not is_background(sentence, lang)


def find_spheres(
    sentences: list[str] | tuple[str, ...], language: str
) -> tuple[list[str], list[Evidence]]:
    """Spheres the article says were discussed, agreed, signed or noted, with evidence."""
    lang = _lang(language)
    found: dict[str, Evidence] = {}
    for sent in sentences:
        for slug, cue in _sentence_spheres(_masked(sent, lang), lang):
            if slug not in found:
                found[slug] = Evidence("sphere", slug, cue, sent)
    spheres = [s for s in SPHERES if s in found]
    return spheres, [found[s] for s in spheres]


@lru_cache(maxsize=16384)
def _sentence_spheres(text: str, lang: str) -> tuple[tuple[str, str], ...]:
    """(sphere, cue) of each sphere one masked sentence counts for; cached because wire
    copy repeats whole sentences and the cue searches are most of the extraction time."""
    c = cues()
    first = c.sphere_set[lang].first(text)
    if not first or not _about_event(text, lang):
        return ()
    out: list[tuple[str, str]] = []
    for slug in SPHERES:
        if slug not in first:
            continue
        rx = c.spheres[slug]
        a, b = first[slug]
        if rx["not"] is not None and rx["not"].search(text):
            m = _search(rx[lang], _blank(text, rx["not"]))  # blank only when a cue is there
            if m is None:
                continue
            a, b = m.span()
        out.append((slug, text[a:b].strip()))  # as written, not lower-cased
    return tuple(out)


# --- event types -----------------------------------------------------------------------------

_CHUNK = re.compile(r"[,;:()]|\s[-–—]\s")
_SENT_BACKGROUND = Caseless(
    word_start_alternation(
        [
            "earlier",
            r"last\s+met",
            "ago",
            r"had\s+last",
            "previously",
            r"at\s+the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+(?:week|month|year)",
        ],
        r"\b",
    )
    + "|"
    + word_start_alternation(
        [
            r"напомнил\w*",
            "ранее",
            r"прошлом\s+году",
            r"в\s+начале\s+(?:этого\s+)?(?:месяца|года|недели)",
        ]
    )
)
_TYPE_BACKGROUND = Caseless(
    r"\b(?:will|would|could|shall|upcoming|forthcoming|scheduled|next|is\s+to|was\s+to|are\s+to|"
    r"due\s+to|plans?\s+to|planned|expects?|expected|hoped|hopes|anniversary|recalled|earlier|"
    r"last\s+(?:week|month|year)|prepar\w*\s+for|"
    r"(?:agreed|proposed|offered|decided)\s+(?:to\s+hold|on\s+holding|to\s+organi[sz]e)|"
    r"in\s+(?:19|20)\d\d|(?:of|from|dated|since)\s+(?:19|20)\d\d|invitation\s+to\s+(?:attend|visit|take\s+part)|"
    r"invited\s+(?:\w+\s+){0,4}to\s+(?:attend|visit|take\s+part|come|pay)|"
    # what a document provides for is no event of the article's
    r"provides?\s+for|envisag\w*|"
    r"in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d))\b"
    r"|(?<!\w)(?:будет|будут|предстоящ\w*|состоится|должен|должна|должны|планиру\w*|ожида\w*|следующ\w*|"
    r"в\s+(?:19|20)\d\d\s+год\w*|годовщин\w*|в\s+(?:январе|феврале|марте|апреле|мае|июне|июле|августе|"
    r"сентябре|октябре|ноябре|декабре)|пригласил\w*|договорил\w*\s+(?:о\s+проведении|провести)|приглашени\w*\s+(?:посетить|принять)|"
    r"предусматрива\w*|пройд[её]т|пройдут|запланирован\w*|напомни\w*|подготовк\w*\s+к|"
    r"условлен\w*|намерен\w*|"
    r"в\s+прошлом\s+(?:месяце|году))(?!\w)"
)
_SUBORDINATE = Caseless(
    word_start_alternation(
        [
            "during",
            r"within\s+the\s+framework\s+of",
            r"in\s+the\s+course\s+of",
            r"on\s+the\s+(?:sidelines|margins)\s+of",
        ],
        r"\b",
    )
    + r"|в\s+ходе|в\s+рамках|на\s+полях|в\s+кулуарах"
)
SUBORDINATE_REACH = 48  # characters: the marker governs the cue that follows it closely


def _chunk_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = 0
    for m in _CHUNK.finditer(text, 0, start):
        a = m.end()
    m = _CHUNK.search(text, end)
    return a, (m.start() if m else len(text))


def _cue_in_background(text: str, start: int, end: int, ev_month: int | None = None) -> bool:
    a, b = _chunk_bounds(text, start, end)
    window = text[a : min(b, end + 30)]
    if _TYPE_BACKGROUND.search(window):
        return True
    if ev_month is not None:
        for m in _MONTH_ONLY.finditer(text, 0, end + 30):
            if _month_number((m.group(1) or m.group(2)).lower()) != ev_month:
                return True  # "in May" in a June article: another event
    return False


def _type_hits(
    text: str, lang: str, title: bool, ev_month: int | None = None
) -> list[tuple[int, str, str]]:
    """(position, type, cue) of each type named in one sentence."""
    return list(_type_hits_cached(text, lang, title, ev_month))


@lru_cache(maxsize=16384)
def _type_hits_cached(
    text: str, lang: str, title: bool, ev_month: int | None
) -> tuple[tuple[int, str, str], ...]:
    """_type_hits, cached per sentence (the hits depend on nothing else)."""
    c = cues()
    present = c.type_set[lang].first(text)
    if not present and not _search(c.docs[f"adopt_{lang}"], text):
        return ()
    hits: list[tuple[int, str, str]] = []
    for slug in EVENT_TYPES:
        rx = c.types[slug]
        pat = rx[lang]
        if pat is None or slug not in present:
            continue
        t = _blank(text, rx["not"])
        for m in pat.finditer(t):
            if not title and _cue_in_background(t, m.start(), m.end(), ev_month):
                continue
            hits.append((m.start(), slug, t[m.start() : m.end()].strip()))
            break
    # Adopted documents count as signed ones.
    if not any(h[1] == "agreement" for h in hits):
        m = _search(c.docs[f"adopt_{lang}"], text)
        if m and not (not title and _cue_in_background(text, m.start(), m.end())):
            if _search(c.docs[f"agreement_{lang}"], text):
                hits.append((m.start(), "agreement", text[m.start() : m.end()].strip()))
            elif _search(c.docs[f"declaration_{lang}"], text):
                hits.append((m.start(), "declaration", text[m.start() : m.end()].strip()))
    # A declaration named without being signed, adopted or issued is a reference to an old one.
    if not title and any(h[1] == "declaration" for h in hits) and not _ISSUED.search(text):
        hits = [h for h in hits if h[1] != "declaration"]
    # Signing only a declaration, joint statement or communique is a declaration.
    agr = [h for h in hits if h[1] == "agreement"]
    if (
        agr
        and _search(c.docs[f"declaration_{lang}"], text)
        and not _search(c.docs[f"agreement_{lang}"], text)
    ):
        hits = [h for h in hits if h[1] != "agreement"]
        if not any(h[1] == "declaration" for h in hits):
            hits.append((agr[0][0], "declaration", agr[0][2]))
    hits.sort()
    return tuple(hits)


_ISSUED = Caseless(
    r"\b(?:sign\w*|adopt\w*|issu\w*|released|approv\w*|endorsed|made\s+public|published)\b"
    r"|(?<!\w)(?:подпис\w*|приня\w*|приним\w*|утверд\w*|одобр\w*|опубликова\w*|выпуст\w*)"
)
_MONTH_ONLY = Caseless(
    r"\b(?:in|since|until|by)\s+(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b(?!\s+\d)|(?<!\w)в\s+(январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|"
    r"октябре|ноябре|декабре)(?!\w)"
)
# an event dated to another month: "the first summit of this format, held in Berlin in
# September 2023", "the Declaration, which the two heads of state signed in June 2018"
# (not any month: "his first trip abroad since he took office in March 2021")
_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTH_YEAR = Caseless(
    r"\b(?:held|took\s+place|signed|adopted|hosted|convened|organi[sz]ed)\s+(?:[\w-]+\s+){0,4}?"
    r"in\s+(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+((?:19|20)\d\d)\b|(?<!\w)(?:состоял|состоявш|прош[её]л|прошл|прошедш|проходил|пров[её]л|"
    r"проходивш|подписал|подписан|принят|проведен|проведён)\w*\s+(?:[\w-]+\s+){0,4}?в\s+(январе|"
    r"феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)\s+((?:19|20)\d\d)"
    r"(?!\d)"
)
_MONTHS_EN = (
    "january february march april may june july august september october november december".split()
)
_MONTHS_RU = (
    "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре".split()
)


def _primary(hits: list[tuple[int, str, str]]) -> str | None:
    if not hits:
        return None
    kinds = {h[1] for h in hits}
    first = hits[0][1]
    if first == "agreement" and "declaration" in kinds:
        return "declaration"
    return first


def _other_day(sentence: str, event_date: str | None, published: str | None) -> bool:
    """True when the sentence dates something else: it names days, none near the event."""
    if not event_date:
        return False
    from .dates import sentence_days

    ev = date.fromisoformat(event_date)
    days = sentence_days(sentence, published, event_date)
    if not days:
        if not _YEAR.search(sentence):
            return False  # most sentences: the month pattern would try every position
        # "the first summit of this format, held in Berlin in September 2023"
        months = [
            (int(m.group(2) or m.group(4)), _month_number((m.group(1) or m.group(3)).lower()))
            for m in _MONTH_YEAR.finditer(sentence)
        ]
        return bool(months) and (ev.year, ev.month) not in months
    return all(abs((date.fromisoformat(d) - ev).days) > 3 for d in days)


def _month_number(word: str) -> int:
    return (_MONTHS_EN.index(word) if word in _MONTHS_EN else _MONTHS_RU.index(word)) + 1


def find_event_types(
    title: str,
    sentences: list[str] | tuple[str, ...],
    language: str,
    event_date: str | None = None,
    published: str | None = None,
) -> tuple[list[str], str | None, list[Evidence]]:
    """(event types, primary type, evidence): the title counts, then sentences that are
    not background; the primary type is the headline's, else the lead's."""
    lang = _lang(language)
    found: dict[str, Evidence] = {}
    title_hits = _type_hits(_masked(title or "", lang), lang, True)
    for _, slug, cue in title_hits:
        found.setdefault(slug, Evidence("event_type", slug, cue, title))
    primary = _primary(title_hits)
    lead_hits: list[tuple[int, str, str]] = []
    ev_month = int(event_date[5:7]) if event_date and len(event_date) >= 7 else None
    for i, sent in enumerate(sentences):
        text = _masked(sent, lang)
        hits = _type_hits(text, lang, False, ev_month)  # cheap first: most sentences have none
        if not hits or _SENT_BACKGROUND.search(text) or _other_day(sent, event_date, published):
            continue
        for _, slug, cue in hits:
            found.setdefault(slug, Evidence("event_type", slug, cue, sent))
        if primary is None and not lead_hits and i < 3 and hits:
            main = [h for h in hits if not _subordinate(text, h[0])] or hits
            lead_hits = main
    if primary is None:
        primary = _primary(lead_hits)
    if primary is None and found:
        primary = next(iter(found))
    types = [t for t in EVENT_TYPES if t in found]
    if primary in types:
        types.remove(primary)
        types.insert(0, primary)
    return types, primary, [found[t] for t in types]


def _subordinate(text: str, pos: int) -> bool:
    """A cue inside "during ..." / "в ходе ..." sets the scene; the main verb is elsewhere."""
    a, _ = _chunk_bounds(text, pos, pos)
    return bool(_SUBORDINATE.search(text[max(a, pos - SUBORDINATE_REACH) : pos]))
