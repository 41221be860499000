"""Safe text building: article text is data, never markup, styles or terminal escapes.

Everything shown from the store goes through `clean` and is wrapped in a rich `Text`
built from the plain string; styles are added as spans afterwards. Nothing here
f-strings user text into markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rich.text import Text

from db.textfold import fold_word

# C0 (but \t \n), DEL, C1, bidi embeddings/overrides and isolates, plus a few invisible
# format characters that can reorder or hide what a reader sees.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r"\w+", re.UNICODE)

MATCH_STYLE = "bold reverse"
NAME_STYLE = "bold underline"


def _visible(match: re.Match[str]) -> str:
    """A control character made visible: C0 as its Unicode control picture, others as \\uXXXX."""
    ch = match.group(0)
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\u{code:04x}"


def clean(value: object, newlines: bool = True) -> str:
    """Plain, printable text: control characters shown, never sent to the terminal."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(_visible, text)
    if not newlines:
        text = " ".join(text.replace("\t", " ").split("\n"))
    return text


def safe(value: object, style: str = "", newlines: bool = True) -> Text:
    """A rich Text of plain user data (brackets stay brackets)."""
    return Text(clean(value, newlines), style=style)


def line(value: object, style: str = "") -> Text:
    """One-line safe text (titles, names, file names in lists)."""
    return safe(value, style, newlines=False)


def join(parts: Iterable[Text | str], sep: str = " ") -> Text:
    """Join Text pieces; plain str pieces are treated as data too."""
    return Text(sep).join(p if isinstance(p, Text) else safe(p) for p in parts)


class TermMatcher:
    """Whether a folded word is one of the terms ("gas") or starts one ("pipel*"); made
    once for many words: the whole terms in a set, the prefixes in one tuple."""

    __slots__ = ("exact", "prefixes")

    def __init__(self, terms: list[str]):
        self.exact = frozenset(t for t in terms if not t.endswith("*"))
        self.prefixes = tuple(t[:-1] for t in terms if t.endswith("*"))

    def __call__(self, folded: str) -> bool:
        return folded in self.exact or (bool(self.prefixes) and folded.startswith(self.prefixes))

    def __bool__(self) -> bool:
        return bool(self.exact or self.prefixes)


@lru_cache(maxsize=64)
def matcher(terms: tuple[str, ...]) -> TermMatcher:
    """The matcher of a result's terms (SearchResult.terms), shared by its rows."""
    return TermMatcher(wanted_terms(terms))


def wanted_terms(terms: Iterable[str]) -> list[str]:
    """The search terms as single folded words (a phrase gives each of its words)."""
    return [piece for term in terms for piece in term.split() if piece.strip("*")]


def word_spans(plain: str) -> list[tuple[int, int, str]]:
    """Each word of a text: start, end and its folded form (what terms are matched to)."""
    spans = []
    for m in _WORD.finditer(plain):
        folded = fold_word(m.group(0))
        if folded:
            spans.append((m.start(), m.end(), folded))
    return spans


def highlight_terms(text: Text, terms: Iterable[str], style: str = MATCH_STYLE) -> Text:
    """Stylize every word whose folded form matches a search term (SearchResult.terms).

    Terms are folded (Мередов -> meredov), so words are folded the same way to find them
    in Latin or Cyrillic text; a trailing "*" is a prefix.
    """
    matches = matcher(tuple(terms))
    if not matches:
        return text
    for start, end, folded in word_spans(text.plain):
        if matches(folded):
            text.stylize(style, start, end)
    return text


def highlight_spellings(text: Text, spellings: Iterable[str], style: str = NAME_STYLE) -> Text:
    """Stylize each literal occurrence of the given spellings (OfficialMention.as_written)."""
    for spelling in {s for s in spellings if s and s.strip()}:
        pattern = re.compile(re.escape(clean(spelling, newlines=False)), re.IGNORECASE)
        for m in pattern.finditer(text.plain):
            text.stylize(style, m.start(), m.end())
    return text


def thousands(n: int) -> str:
    return f"{n:,}"
