"""Lead-based extractive summaries and the names of documents signed or declared.

Press releases put the event in the first sentences (Lead-3 beats trained summarisers on
news), so the summary is the lead, skipping datelines and agency boilerplate, plus the
first later sentence that says what was signed or declared.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import Caseless

_BOILER = Caseless(
    r"^(?:[A-ZА-ЯЁ][\w .-]{1,30},\s*\d{1,2}\s+\w+\s*(?:\d{4})?\s*\(\w+\)\s*[:–—-]?\s*$)|"
    r"^(?:photo|фото|source|источник|read\s+more|читайте\s+также|subscribe|all\s+rights|©)"
)
# each branch opens with its letter and tests the word start after it: `re` then skips
# the positions holding none of those letters (a look-behind first is tried everywhere)
_SIGNED = Caseless(
    r"s(?<!\ws)ign(?:ed|ing)\b|a(?<!\wa)dopted\b|i(?<!\wi)ssued\b|c(?<!\wc)oncluded\b"
    r"|п(?<!\wп)(?:одписа|ринят)\w*|з(?<!\wз)аключ\w*"
)


@lru_cache(maxsize=16384)
def says_signed(sentence: str) -> bool:
    """Whether a sentence says something was signed, adopted or issued. Cached: the
    summary and the list of documents ask it of the same sentences."""
    return _SIGNED.search(sentence) is not None


_DOC_HEAD = (
    r"(?:Joint\s+Statement|Joint\s+Declaration|Declaration|Communiqu[ée]|Treaty|Agreement|Memorandum\s+of\s+Understanding|"
    r"Memorandum|Programme|Program|Roadmap|Road\s+Map|Protocol|Plan\s+of\s+Action|Action\s+Plan|Joint\s+Action\s+Plan|"
    r"Inter-Ministerial\s+Cooperation\s+Program|Convention|Charter|Plan)"
)
_EN_DOC = re.compile(
    r"\b(?:(?:[A-Z][\w-]*\s+){0,4})?(?i:"
    + _DOC_HEAD
    + ")"
    + r"(?:\s+(?:of|on|for|between|about|in|to)\s+(?:the\s+)?[\w\-–,' ]{3,90}?)?"
    r"(?=[.;:]|,\s|\s+(?:was|were|is|and\s+(?:a|an|the)|signed|adopted|at\s|by\s|that|which|when|while|during|after|as\s|with\s+the\s+participation)|\s*$)"
)
_RU_DOC = re.compile(
    r"(?<!\w)(?:Декларац\w+|Совместн\w+\s+заявлени\w+|Коммюнике|Договор(?!ил)\w*|Соглашени\w+|Меморандум\w*|"
    r"Программ\w+|Дорожн\w+\s+карт\w+|Протокол\w*|План\w*)"
    # of what, in the genitive: "Программа сотрудничества", "План консультаций"
    r"(?:\s+(?!(?:подписан|был|принят|заключ|утвержд)\w*)[а-яё-]{2,}"
    r"(?:а|я|ий|ей|ов|ых|их|ого|его|ой|ии|ия)(?![а-яё])){0,2}"
    r"(?:\s+(?:об?|о|по|между|на|в\s+области)\s+[\w\-–« »]{3,90}?)?(?=[.;:,]|\s+(?:и|был\w*|подписан\w*|между\s+Туркменистаном)\b|$)",
    re.IGNORECASE,
)
_GENERIC = re.compile(
    r"(?i)^(?:the\s+|a\s+|an\s+)?(?:joint\s+)?(?:document|documents|agreement|agreements|memorandum|memoranda|"
    r"declaration|treaty|programme|program|roadmap|communiqu[ée])$|^(?:соглашени\w*|документ\w*|меморандум\w*)$"
)


def summarize(title: str, sentences: list[str] | tuple[str, ...], language: str = "en") -> str:
    """Two or three sentences that carry the event: the lead, then a signing sentence."""
    picked: list[str] = []
    for s in sentences:
        if _BOILER.search(s) or len(s) < 25:
            continue
        if s.strip() == (title or "").strip():
            continue
        picked.append(s)
        if len(picked) == 2:
            break
    for s in sentences:
        if s not in picked and says_signed(s) and not _BOILER.search(s):
            picked.append(s)
            break
    text = " ".join(picked[:3])
    return text if len(text) <= 900 else text[:897].rsplit(" ", 1)[0] + "…"


def find_documents(sentences: list[str] | tuple[str, ...], language: str = "en") -> list[str]:
    """Names of documents signed, adopted or issued, as written in the article."""
    out: list[str] = []
    seen: set[str] = set()
    rx = _RU_DOC if language == "ru" else _EN_DOC
    for s in sentences:
        if not says_signed(s):
            continue
        for m in rx.finditer(s):
            name = m.group(0).strip(" ,;:-–")
            name = re.sub(r"(?i)^(?:the|a|an|new|final|bilateral|joint)\s+", "", name).strip()
            name = re.sub(r"(?i)^(?:signed|adopted|concluded|issued)\s+(?:a|an|the)\s+", "", name)
            if len(name) < 6 or _GENERIC.match(name) or not re.search(r"\s", name):
                continue
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return out[:12]
