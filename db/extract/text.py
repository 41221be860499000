"""Sentence splitting and language detection for English and Russian news text.

Rules rather than a model: press releases are well punctuated, and the hard cases are
initials ("V.Hajiyev", "M. Galuzin"), abbreviations ("г.", "т.е.", "St.", "U.S.") and
datelines, which a small list handles.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CYR = re.compile(r"[А-Яа-яЁё]")
_LAT = re.compile(r"[A-Za-z]")

# Words after which a full stop does not end a sentence (lower case, without the dot).
_ABBREV = frozenset(
    """
    mr mrs ms dr prof st gen col lt sgt gov sen rep rev jr sr no nos vs etc inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec dept est approx fig al e.g i.e u.s u.k
    г гг т.е т.к т.д т.п др пр им ул д стр см с.г н.э тыс млн млрд руб долл проф акад
    ген им тел просп обл р-н р пос
    """.split()
)

# A candidate boundary: end punctuation, optional closing quote/bracket, whitespace.
_BOUNDARY = re.compile(r"([.!?…]+[\"»”')\]]*)(\s+|(?=[A-ZА-ЯЁ«\"“]))")
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")
_NEXT_START = re.compile(r"[\"«“(]?([A-ZА-ЯЁ0-9])")


def detect_language(text: str) -> str:
    """'ru' when Cyrillic letters make up at least 30% of the letters, else 'en'."""
    sample = text[:4000]
    cyr = len(_CYR.findall(sample))
    lat = len(_LAT.findall(sample))
    if cyr + lat == 0:
        return "en"
    return "ru" if cyr / (cyr + lat) >= 0.3 else "en"


def _is_abbrev(before: str, gap: str) -> bool:
    """True when the dot after `before` belongs to an abbreviation or an initial."""
    m = _WORD_BEFORE.search(before)
    if not m:
        return False
    word = m.group(1)
    low = word.lower().strip(".")
    if low in _ABBREV or low.rsplit(".", 1)[-1] in _ABBREV:
        return True
    last = word.rsplit(".", 1)[-1]
    # A single capital letter is an initial ("V." in "V. Hajiyev", "M.Galuzin").
    if len(last) == 1 and last.isalpha() and last.isupper():
        return True
    # "с.г.", "U.S." style dotted abbreviations.
    if re.fullmatch(r"(?:\w\.)+\w", word) and len(word) <= 6:
        return True
    return False


@lru_cache(maxsize=512)
def split_sentences(text: str) -> tuple[str, ...]:
    """Split text into sentences; paragraphs (blank or single newlines) always split."""
    out: list[str] = []
    for para in re.split(r"\n+", text):
        para = " ".join(para.split())
        if not para:
            continue
        start = 0
        for m in _BOUNDARY.finditer(para):
            end = m.end(1)
            nxt = para[m.end() :]
            if not nxt:
                continue
            if not _NEXT_START.match(nxt):
                continue
            if m.group(1).endswith(".") and _is_abbrev(para[start : m.start(1)], m.group(2)):
                continue
            # "10.06.2022" or "1.5" are not boundaries (no whitespace and a digit next).
            if not m.group(2) and nxt[:1].isdigit():
                continue
            sent = para[start:end].strip()
            if sent:
                out.append(sent)
            start = m.end()
        tail = para[start:].strip()
        if tail:
            out.append(tail)
    return tuple(out)
