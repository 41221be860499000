"""Fold text so that one word matches across scripts and transliterations.

"Гаджиев", "Gadzhiev", "Hajiyev" and "Hadjiev" all fold to "hajiev"; "Мередовым" and
"Meredow" to "meredov". The search index keeps a folded copy of each article and the
query is folded the same way, so a Cyrillic query finds Latin text and the reverse.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_WORD = re.compile(r"\w+", re.UNICODE)
# Russian case endings of surnames (-ов/-ев/-ин + case), stripped before transliterating.
_RU_ENDING = re.compile(r"(ов|ев|ёв|ин|ын)(а|у|ым|ом|е|ой|ых|ыми)$")
_RULES = [
    (re.compile(r"dzh|dj|zh"), "j"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"w"), "v"),
    (re.compile(r"y"), "i"),
]
_DOUBLE = re.compile(r"(.)\1+")
_NON_LETTER = re.compile(r"[^a-z0-9]")


def sub_group1(rx: re.Pattern[str], s: str) -> str:
    r"""`rx.sub(r"\1", s)`, searched first: most words hold no match, and a `sub` with a
    group reference costs five searches even then (its template is prepared per call)."""
    return rx.sub(r"\1", s) if rx.search(s) else s


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """The folded form of one word: ASCII, lower case, transliteration variants merged."""
    # Letters and digits only (NFC first, so that a combining accent joins its letter):
    # an emoji or a symbol must not transliterate into words (anyascii: 😀 -> "grinning").
    w = "".join(ch for ch in unicodedata.normalize("NFC", word.lower()) if ch.isalnum())
    if any("\u0400" <= ch <= "\u04ff" for ch in w):
        w = sub_group1(_RU_ENDING, w)
    w = anyascii(w).lower()
    for pattern, repl in _RULES:
        w = pattern.sub(repl, w)
    w = sub_group1(_DOUBLE, w)
    return _NON_LETTER.sub("", w)


def fold_text(text: str) -> str:
    """Fold every word of a text; the result is space-separated folded words."""
    return " ".join(filter(None, map(fold_word, _WORD.findall(text))))  # no Python loop


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def gh_variant(folded: str) -> str | None:
    """The g/h twin of a folded word: Russian Г stands for Turkic H (Гаджиев = Hajiyev).

    Not folded into the index (it would make "gas" match "has"); search applies it only
    where the twin is a known official's name.
    """
    if folded.startswith("g"):
        return "h" + folded[1:]
    if folded.startswith("h"):
        return "g" + folded[1:]
    return None
