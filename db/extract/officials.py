"""Find the officials named in an article, with role and country, resolved to one id each.

Rules, in both English and Russian: (a) names of the gazetteer in any spelling or case form,
(b) a role phrase next to a capitalised name ("Russian President Vladimir Putin",
"Rashid Meredov, Minister of Foreign Affairs of Turkmenistan", "министр иностранных дел
России Сергей Лавров"), (c) later surname-only mentions joined to a person already found.
No NER model is available offline, and press releases are written in these shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import itemgetter
from pathlib import Path

import tomllib

from db.extract.countries import (
    country_from_phrase,
    institution_words,
    is_country_word,
    place_words,
)
from db.extract.names import (
    DIGRAPH_INITIALS,
    SURNAME_PARTICLES,
    given_compatible,
    is_cyrillic,
    name_key,
    ru_nominative,
    split_name,
)
from db.models import Evidence, OfficialMention
from db.registry import Registry

DATA = Path(__file__).parent / "data" / "titles.toml"

# possessive quantifiers: the same tokens, without the backtracking bookkeeping
_TOKEN = re.compile(r"([^\W\d_]++(?:[-'’][^\W\d_]++)*+|\d++|[^\w\s])")
_CONNECTORS = frozenset({"of", "the", "for", "and", "on", "to", "at", "in"})
_RU_CONNECTORS = frozenset({"и", "по", "при"})
_PARTICLES = SURNAME_PARTICLES | {"ul"}
_FUNCTION = frozenset(
    """the a an on in at during after before according as by for with and of his her their
    its this that these those both two it he she they we but while when following meanwhile
    later also today yesterday here there speaking addressing under among if then since
    all each other some many most one our your my what which who whom where why how
    earlier however moreover furthermore besides thus therefore finally next now
    tomorrow last within upon despite although because whereas recently accordingly
    welcoming noting stressing opening closing answering asked said says
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr sir
    в во на по как это он она они также затем кроме сначала после при для с со и а но
    что об о от до из у к за над под между его ее её их этот эта эти тот та те""".split()
)
_QUOTES = frozenset({"«", '"', "“", "„", "'"})
_PLURAL_HEADS = frozenset(
    """presidents leaders chairmen heads ambassadors deputies premiers co-chairs secretaries
    envoys ministers officials""".split()
)
_RU_VERB = re.compile(r"(л|ла|ли|ло|лся|лась|лись|ет|ит|ют|ят|ут|ат|ть|ться|вшись|я|в)$")
_OF = frozenset({"of", "for", "to", "in", "at"})
_ROLE_JOIN = _OF | {"and", "и", "в", "во", "по"}
_SIDE = re.compile(
    r"\b([A-Z][a-z]+)(?:'s)? (?:side|delegation|counterpart|colleague|partner|guest|host)\b"
)
_SENT_END = re.compile(r"[.!?]\s|\n")
_RU_FEM_END = re.compile(r"(ова|ева|ина|ая)(й|ю|е|у)?$")


@dataclass(frozen=True)
class _Words:
    heads: frozenset[str]
    modifiers: frozenset[str]
    cues: frozenset[str]
    org: frozenset[str]
    honorifics: frozenset[str]
    kept: frozenset[str]
    namesake: frozenset[str]
    suffix_heads: frozenset[str]
    place_nouns: frozenset[str]
    body_heads: frozenset[str]
    ru_forms: dict[str, str]
    ru_vocab: tuple[str, ...]
    ru_modifiers: tuple[str, ...]
    ru_head_stems: tuple[str, ...]
    ru_lower_heads: frozenset[str]


def _ru_forms(lemma: str) -> list[str]:
    if lemma.endswith("ь"):
        s = lemma[:-1]
        return [lemma, s + "я", s + "ю", s + "ем", s + "е"]
    if lemma.endswith("а"):
        s = lemma[:-1]
        return [lemma, s + "ы", s + "е", s + "у", s + "ой"]
    if lemma.endswith("ий") or lemma.endswith("ый"):
        s = lemma[:-2]
        return [lemma, s + "его", s + "ему", s + "им", s + "ого", s + "ому", s + "ым"]
    return [lemma, lemma + "а", lemma + "у", lemma + "ом", lemma + "е"]


@lru_cache(maxsize=1)
def _words() -> _Words:
    with open(DATA, "rb") as fh:
        raw = tomllib.load(fh)
    en, ru = raw["en"], raw["ru"]
    forms: dict[str, str] = {}
    for lemma in ru["heads"]:
        for f in _ru_forms(lemma):
            forms.setdefault(f, lemma)
    forms.update(ru.get("irregular", {}))
    lower_heads = ru.get("lower_heads", {})
    forms.update(lower_heads)
    low = lambda xs: frozenset(x.lower() for x in xs)  # noqa: E731
    return _Words(
        heads=low(en["heads"]),
        modifiers=low(en["modifiers"]),
        cues=low(en["cues"]),
        org=low(en["org_words"]),
        honorifics=low(en["honorifics"]),
        kept=low(en["honorifics_kept"]),
        namesake=low(en["namesake"]),
        suffix_heads=low(en["country_suffix"]),
        place_nouns=low(en["place_nouns"]) | low(ru["place_nouns"]),
        body_heads=low(en["body_heads"]),
        ru_forms=forms,
        ru_vocab=tuple(ru["vocab"]),
        ru_modifiers=tuple(ru["modifiers"]),
        ru_head_stems=tuple(sorted({h[:-1] if len(h) > 5 else h for h in ru["heads"]})),
        ru_lower_heads=frozenset(lower_heads),
    )


# A token is a plain (text, start, end) tuple: an article has hundreds, built per call,
# and a tuple made by zip costs nothing more, where a named tuple was built again per token
# and read through a descriptor on every access.
_Tok = tuple[str, int, int]
_TEXT, _START, _END = 0, 1, 2


def _tokens(text: str) -> tuple[list[_Tok], list[str]]:
    """Tokens with offsets, and the gap after each but the last, built by C-level
    split/accumulate/map (no Python loop per token)."""
    parts = _TOKEN.split(text)  # gap, token, gap, token, ..., gap
    ends = list(accumulate(map(len, parts), initial=0))
    return list(zip(parts[1::2], ends[1:-1:2], ends[2::2], strict=True)), parts[2:-1:2]


@lru_cache(maxsize=65536)
def _is_cap(t: str) -> bool:
    """Capitalised but not all capitals ("Putin", "V", not "MFA"): str methods, it runs per token."""
    return t[:1].isupper() and (len(t) == 1 or not t.isupper())


def _strip_poss(t: str) -> str:
    if t.endswith(("'s", "’s")):
        return t[:-2]
    return t


@lru_cache(maxsize=65536)
def _word_class(t: str) -> str:
    """'head', 'mod', 'cue', 'org', 'place', 'hon', 'kept', 'func' or 'name' for one token."""
    w = _words()
    low = _strip_poss(t).lower()
    if low in w.kept:
        return "kept"
    if low in w.honorifics or low + "." in w.honorifics:
        return "hon"
    if is_cyrillic(t):
        if low in w.ru_lower_heads:
            if t[:1].islower():
                return "head"  # "раиса Татарстана", not the name Раиса nor Раиси
        # a head's stem and a case ending, not a longer word ("консулом", not "консультаций")
        elif low in w.ru_forms or any(
            low.startswith(s) and len(low) - len(s) <= 3 for s in w.ru_head_stems
        ):
            return "head"
        if low in _FUNCTION:
            return "func"
        if any(low.startswith(s) for s in w.ru_modifiers):
            return "mod"
        if is_country_word(low) or low in place_words():
            return "place"
        if any(low.startswith(s) and (len(s) > 3 or len(low) <= len(s) + 2) for s in w.ru_vocab):
            return "org"
        if low in institution_words():
            return "org"
        return "name"
    if low in w.heads:
        return "head"
    if low in w.modifiers:
        return "mod"
    if low in w.cues:
        return "cue"
    if low in _FUNCTION:
        return "func"
    if is_country_word(t) or is_country_word(low) or low in place_words():
        return "place"
    if low in w.org or low in institution_words():
        return "org"
    return "name"


@lru_cache(maxsize=65536)
def _name_like(t: str) -> bool:
    if not _is_cap(t) or len(t) < 2:
        return False
    if t.isupper():
        return False
    return _word_class(t) in ("name",)


def _ru_variants(t: str) -> list[str]:
    """A Cyrillic word and its stems without a case ending ("Рахмона" -> "Рахмон")."""
    out = [t]
    if is_cyrillic(t):
        low = t.lower()
        for e in ("ым", "ом", "ем", "ой", "ою", "а", "у", "е", "ы", "и", "ю", "я"):
            if low.endswith(e) and len(low) - len(e) >= 3:
                out.append(t[: -len(e)])
    return out


@dataclass
class _Mention:
    written: str
    given: str
    surname: str
    keys: list[str]
    pos: int
    role: str | None = None
    cue: bool = False
    full: bool = True
    known: list = field(default_factory=list)


@dataclass
class _Cluster:
    mentions: list[_Mention]
    keys: set[str]
    given: str

    @property
    def first(self) -> _Mention:
        return self.mentions[0]


def _gap_ok(text: str, a: _Tok, b: _Tok) -> bool:
    return _joins(text[a[_END] : b[_START]])


@lru_cache(maxsize=1024)
def _joins(gap: str) -> bool:
    """Whether two words with this between them may be one name: a space or two, no break."""
    return gap in ("", " ", "\u00a0") or (gap.isspace() and "\n" not in gap and len(gap) < 3)


def _spans(toks: list[_Tok], gaps: list[str]) -> list[tuple[int, int]]:
    """Runs of capitalised tokens (with initials "V." and particles "von der").

    Works on lists made by C-level maps (the words, and which are capitalised): the loop
    runs once per capitalised word, and most end at the next word."""
    spans: list[tuple[int, int]] = []
    words = list(map(itemgetter(_TEXT), toks))
    n = len(words)
    caps = list(map(_is_cap, words))
    last = -1
    for i in compress(count(), caps):
        if i <= last:
            continue
        j = i
        while j + 1 < n:
            if caps[j + 1] and _joins(gaps[j]) and words[j + 1][0].isalpha():
                j += 1
                continue
            # an initial: "V." followed by a capitalised word, or by another initial; not
            # a one-letter word after a full stop ("... Ван И. В ходе встречи")
            if (
                (len(words[j]) == 1 or words[j] in DIGRAPH_INITIALS)
                and j + 2 < n
                and words[j + 1] == "."
                and caps[j + 2]
                and (len(words[j + 2]) > 1 or (j + 3 < n and words[j + 3] == "."))
                and gaps[j] == ""
                and _joins(gaps[j + 1])
            ):
                j += 2
                continue
            if (
                j + 2 < n
                and caps[j + 2]
                and words[j + 1].lower() in _PARTICLES
                and _joins(gaps[j])
                and _joins(gaps[j + 1])
            ):
                j += 2
                continue
            if (  # two particles: "Ursula von der Leyen", "Rafael de la Cruz"
                j + 3 < n
                and caps[j + 3]
                and words[j + 1].lower() in _PARTICLES
                and words[j + 2].lower() in _PARTICLES
                and _joins(gaps[j])
                and _joins(gaps[j + 1])
                and _joins(gaps[j + 2])
            ):
                j += 3
                continue
            break
        spans.append((i, j))
        last = j
    return spans


def _name_runs(toks: list[_Tok], a: int, b: int) -> list[tuple[int, int]]:
    """Name parts inside a capitalised run: drop role, body and place words around them."""
    runs = []
    i = a
    while i <= b:
        t = toks[i][_TEXT]
        initial = (
            (len(t) == 1 and t.isupper() or t in DIGRAPH_INITIALS)
            and i + 1 <= b
            and toks[i + 1][_TEXT] == "."
        )
        if not (initial or _name_like(t) or _word_class(t) == "kept"):
            i += 1
            continue
        j = i
        while j + 1 <= b:
            nxt = toks[j + 1][_TEXT]
            if nxt == "." or (len(nxt) == 1 and nxt.isupper()):
                j += 1
                continue
            if _name_like(nxt) or nxt.lower() in _PARTICLES:
                j += 1
                continue
            break
        runs.append((i, j))
        i = j + 1
    return runs


@lru_cache(maxsize=65536)
def _allowed_role_word(w: str, cyr: bool) -> bool:
    """Whether a word may stand in a role phrase; cached: it depends on the word alone."""
    low = w.lower()
    if w in ("(", ")", "-", "«", "»", '"', "“", "”", "–"):
        return True
    if not w[0].isalpha():
        return False
    if len(w) > 1 and w.isupper():
        return True  # acronyms: "MFA", "МИД", "ПАО", "EU"
    if cyr:
        if low in _RU_CONNECTORS or _is_cap(w):
            return True
        if _word_class(w) in ("head", "mod", "org", "place"):
            return True
        # other genitive/dative complements ("по международным делам"), but never a verb
        return len(low) >= 4 and low not in _FUNCTION and not _RU_VERB.search(low)
    if low in _CONNECTORS or _is_cap(w):
        return low not in _FUNCTION or low in _CONNECTORS
    return _word_class(w) in ("head", "mod", "org", "cue", "place")


def _has_head(toks: list[_Tok]) -> tuple[bool, bool]:
    """(has a role head, has only a cue word)."""
    head = any(_word_class(t[_TEXT]) == "head" for t in toks)
    cue = any(_word_class(t[_TEXT]) == "cue" for t in toks)
    return head, cue and not head


def _in_body_name(toks: list[_Tok], j: int) -> bool:
    """Whether token j is a capitalised word of a body's name opened by "of"/"for"
    ("Minister of Roads and Urban Development"), not a person's name ("Putin and ...")."""
    k = j
    while k >= 0 and k > j - 2 and _is_cap(toks[k][_TEXT]):
        if _word_class(toks[k][_TEXT]) in ("head", "place"):
            return False  # "Prime Minister of Hungary Viktor Orbán and ..."
        k -= 1
    return k < j and k >= 0 and toks[k][_TEXT].lower() in ("of", "for", "по")


def _listed_body_words(left: _Tok | None, right: _Tok | None) -> bool:
    """A comma between two words of a body's name: "Minister of Investment, Industry and
    Trade", "министр промышленности, торговли и инвестиций"."""
    return (
        left is not None
        and right is not None
        and _word_class(left[_TEXT]) == "org"
        and _word_class(right[_TEXT]) == "org"
    )


def _plural_head(low: str) -> bool:
    if low in _PLURAL_HEADS:
        return True
    return is_cyrillic(low) and low.endswith(("ы", "и")) and low not in _words().ru_forms


def _ends_role(t: _Tok) -> bool:
    return _word_class(t[_TEXT]) in ("head", "org", "place", "mod") or t[_TEXT] == ")"


def _pre_role(text: str, toks: list[_Tok], i: int, k: int) -> tuple[str | None, bool]:
    """The role phrase ending right before token i, and whether a cue word stands there.

    `k` is the last token of the name: "the Minister of X, Name, said" is an appositive,
    but in "with the President of X, Name said" the role is someone else's.
    """
    cyr = is_cyrillic(toks[i][_TEXT])
    j = i - 1
    picked: list[_Tok] = []
    while j >= 0 and len(picked) < 24:
        t = toks[j]
        if "\n" in text[t[_END] : (picked[-1][_START] if picked else toks[i][_START])]:
            break
        if t[_TEXT] == ",":
            right = picked[-1] if picked else None
            left = toks[j - 1] if j > 0 else None
            listed = _listed_body_words(left, right)
            if right is None:
                closed = k + 1 >= len(toks) or toks[k + 1][_TEXT] in (",", ".", ";", ")")
                if left is None or not (
                    _word_class(left[_TEXT]) == "head" or (closed and _ends_role(left))
                ):
                    break
            elif not listed and (
                left is None or not _ends_role(left) or _word_class(left[_TEXT]) == "place"
            ):
                break
            if (
                not listed
                and right is not None
                and _word_class(right[_TEXT]) not in ("head", "mod")
            ):
                break
            picked.append(t)
            j -= 1
            continue
        if (
            t[_TEXT].lower() in ("в", "во", "in")
            and picked
            and (
                _word_class(picked[-1][_TEXT]) == "place"
                or (_is_cap(picked[-1][_TEXT]) and j > 0 and _ends_role(toks[j - 1]))
            )
        ):
            # "Посол Туркменистана в Москве", "Ambassador of Turkmenistan in Moscow"
            picked.append(t)
            j -= 1
            continue
        if not _allowed_role_word(t[_TEXT], cyr):
            break
        if t[_TEXT].lower() in ("and", "и") and picked:
            right = picked[-1]
            left = toks[j - 1] if j > 0 else None
            if right[_START] == toks[i][_START] or left is None:
                break
            if not (_ends_role(left) or _in_body_name(toks, j - 1)):
                break
        picked.append(t)
        j -= 1
    picked.reverse()
    # a role never ends with a connector ("CEO of Hyundai"): then the name is a body's name
    if picked and picked[-1][_TEXT].lower() in _CONNECTORS | _RU_CONNECTORS:
        return None, False
    # "President Putin and Foreign Minister X" stops at "and" (its left word is a name),
    # so a capitalised word left in the window is part of a body's name ("Dragon Oil CEO");
    # a dash or a parenthesis opening the window belongs to a dateline ("(Reuters) - ")
    for k in range(len(picked) - 1, -1, -1):
        if picked[k][_TEXT] in ("-", "–", "—"):
            picked = picked[k + 1 :]
            break
    if picked and picked[0][_TEXT] == "(":
        close = next((k for k, t in enumerate(picked) if t[_TEXT] == ")"), None)
        if close is not None and not _has_head(picked[:close])[0]:
            picked = picked[close + 1 :]
    if cyr:
        # Russian roles open with the head or a modifier: "приняли участие председатель ..."
        first = next(
            (k for k, t in enumerate(picked) if _word_class(t[_TEXT]) in ("head", "mod")), None
        )
        picked = picked[first:] if first is not None else []
    while picked and (
        picked[0][_TEXT].lower() in _CONNECTORS
        or picked[0][_TEXT].lower() in _RU_CONNECTORS
        or picked[0][_TEXT] in (",", ")", "-", "»", "–")
        or _word_class(picked[0][_TEXT]) == "func"
    ):
        picked = picked[1:]
    while picked and picked[-1][_TEXT] in (",", "(", "-", "«", "–"):
        picked = picked[:-1]
    if not picked:
        return None, False
    head, cue = _has_head(picked)
    if not head:
        return None, cue
    heads = [t[_TEXT].lower() for t in picked if _word_class(t[_TEXT]) == "head"]
    if all(_plural_head(h) for h in heads):
        return None, True  # "Presidents X and Y": officials, but the role is not one person's
    return _role_text(text, picked, cyr), False


def _post_role(text: str, toks: list[_Tok], k: int) -> tuple[str | None, str | None]:
    """The appositive role after a name (", Chairman of the Mejlis,") or an "of X" tail."""
    n = len(toks)
    if k + 1 >= n:
        return None, None
    cyr = is_cyrillic(toks[k][_TEXT])
    nxt = toks[k + 1]
    if nxt[_TEXT] == "," and k + 2 < n:
        j = k + 2
        if toks[j][_TEXT].lower() in ("a", "an") and j + 1 < n:
            j += 1  # "Hisayuki Fujii, a member of the House of Representatives"
        first = toks[j]
        if (
            _word_class(first[_TEXT]) not in ("head", "mod", "place")
            and first[_TEXT].lower() != "the"
        ):
            return None, None
        picked: list[_Tok] = []
        while j < n and len(picked) < 24:
            t = toks[j]
            if "\n" in text[toks[j - 1][_END] : t[_START]]:
                break
            if t[_TEXT] == "," and j + 1 < n and _word_class(toks[j + 1][_TEXT]) in ("head", "mod"):
                if _ends_role(toks[j - 1]):
                    picked.append(t)
                    j += 1
                    continue
            if not _allowed_role_word(t[_TEXT], cyr):
                break
            if _name_like(t[_TEXT]) and not _body_word_in_role(toks, j):
                # the phrase is the role of the next person ("..., President of X Vladimir Putin")
                return None, None
            picked.append(t)
            j += 1
        while picked and (
            picked[-1][_TEXT].lower() in _CONNECTORS | _RU_CONNECTORS or picked[-1][_TEXT] in ",(-"
        ):
            picked = picked[:-1]
        while picked and picked[0][_TEXT].lower() == "the":
            picked = picked[1:]
        if picked and _has_head(picked)[0]:
            heads = [t[_TEXT].lower() for t in picked if _word_class(t[_TEXT]) == "head"]
            if all(_plural_head(h) for h in heads):
                return None, None  # "Following the Meeting, the heads of state adopted"
            return _role_text(text, picked, cyr), None
        return None, None
    if nxt[_TEXT].lower() == "of" and not cyr and k + 2 < n and _is_cap(toks[k + 2][_TEXT]):
        j = k + 1
        picked = []
        while j < n and len(picked) < 12:
            t = toks[j]
            if (
                not (_allowed_role_word(t[_TEXT], False))
                or _name_like(_strip_poss(t[_TEXT]))
                and not (t[_TEXT].endswith("'s") or t[_TEXT].endswith("’s"))
            ):
                break
            picked.append(t)
            j += 1
        while picked and picked[-1][_TEXT].lower() in _CONNECTORS:
            picked = picked[:-1]
        if len(picked) > 1:
            return None, text[picked[0][_START] : picked[-1][_END]]
    return None, None


def _body_word_in_role(toks: list[_Tok], j: int) -> bool:
    """Whether the capitalised word at `j` of a role is a word of a body's name ("Minister
    of Mines and Petroleum", "Centre for Preventive Diplomacy"), not a person's given
    name: a connector or a body, place or role word follows it, not a name."""
    if j + 1 >= len(toks):
        return False
    nxt = toks[j + 1][_TEXT]
    if nxt.lower() in _CONNECTORS | _RU_CONNECTORS:
        return True
    return _word_class(nxt) in ("org", "place", "head", "mod")


def _role_text(text: str, picked: list[_Tok], cyr: bool) -> str:
    role = text[picked[0][_START] : picked[-1][_END]]
    role = " ".join(role.split())
    if cyr:
        return _ru_nominative_role(role)
    return role


def _ru_nominative_role(role: str) -> str:
    """Put the head nouns of a Russian role in the nominative: "министром" -> "министр"."""
    w = _words()
    parts = re.split(r"(\s+|,)", role)
    out: list[str] = []
    at_head = True
    for p in parts:
        if not p or p.isspace():
            out.append(p)
            continue
        if p == ",":
            out.append(p)
            at_head = True
            continue
        low = p.lower()
        if low == "и":
            out.append(p)
            at_head = True
            continue
        if at_head:
            lemma = w.ru_forms.get(low)
            if lemma is None and any(low.startswith(m) for m in w.ru_modifiers):
                lemma = re.sub(r"(ого|ому|ым|ом)$", "ый", low)
                lemma = re.sub(r"(его|ему|им|ем)$", "ий", lemma)
                out.append(p[0] + lemma[1:] if p[0].isupper() else lemma)
                continue
            if lemma is not None:
                out.append(p[0] + lemma[1:] if p[0].isupper() else lemma)
                at_head = False
                continue
            at_head = False
        out.append(p)
    return "".join(out)


@lru_cache(maxsize=16384)
def _normalise_role(role: str) -> str:
    """ "Russian President" -> "President of Russia"; "Turkmenistan's Foreign Minister" too.
    Cached: a function of the phrase alone, and the same roles recur in every article."""
    toks = role.split()
    lead = []
    while toks and toks[0].lower() in ("former", "acting", "then", "outgoing", "interim"):
        lead.append(toks.pop(0))
    if len(toks) >= 2 and is_country_word(_strip_poss(toks[0])) and _word_class(toks[0]) == "place":
        country = country_from_phrase(toks[0])
        rest = " ".join(toks[1:])
        classes = [_word_class(t) for t in toks[1:]]
        lead_ok = classes[0] in ("head", "mod") or (
            "head" in classes and all(c in ("head", "mod", "org") for c in classes)
        )  # "Turkish Energy Minister" -> "Energy Minister of Turkey"
        if country and not country_from_phrase(rest) and lead_ok:
            return " ".join([*lead, rest, "of", country])
    return role


def _its_role(text: str, role: str, name_start: int) -> str:
    """ "a delegation of the China National Petroleum Corporation led by its Vice President
    X": the role is the body's, so the body is named in the role."""
    start = text.rfind(role.split()[0], max(0, name_start - len(role) - 12), name_start)
    if start < 4 or text[start - 4 : start].lower() != "its ":
        return role
    sent = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    best = None
    for m in _body_rx().finditer(text, sent, start):
        best = m
    return f"{role} of {best.group(0)}" if best else role


@lru_cache(maxsize=1)
def _body_rx() -> re.Pattern[str]:
    heads = "|".join(re.escape(h.capitalize()) for h in _words().body_heads)
    return re.compile(r"(?:the )?(?:[A-Z][\w&'-]*\s+){0,6}(?:" + heads + r")\b")


def _namesake(text: str, toks: list[_Tok], a: int, b: int) -> bool:
    """A place or thing named after a person: "named after Magtymguly", "имени Махтумкули"."""
    before = text[max(0, toks[a][_START] - 20) : toks[a][_START]].lower()
    if "named after" in before or "named for" in before or "имени" in before:
        return True
    # "Heydar Aliyev International Airport", "Magtymguly Pyragy State University"
    k = b
    while k + 1 < len(toks) and k < b + 4:
        nxt = toks[k + 1]
        if not (_gap_ok(text, toks[k], nxt) and _is_cap(nxt[_TEXT])):
            break
        if nxt[_TEXT].lower() in _words().namesake:
            return True
        k += 1
    return False


def _side_country(text: str, pos: int) -> str | None:
    """ "... headed the Turkmen side", "his Russian counterpart, ...": the nearest such phrase
    in the sentence gives the country of an official whose role names none."""
    sent_start = _sentence_start_at(text, pos)
    m_end = _SENT_END.search(text, pos)
    sent_end = m_end.start() if m_end else len(text)
    # a phrase in the name's own clause wins: "The Turkish side was led by X, the Turkmen
    # side by Y" gives X the Turkish side although the Turkmen one is nearer
    left = max(text.rfind(",", sent_start, pos), text.rfind(";", sent_start, pos))
    right = min(
        (k for k in (text.find(",", pos, sent_end), text.find(";", pos, sent_end)) if k >= 0),
        default=sent_end,
    )
    best: tuple[int, int, str] | None = None
    for m in _SIDE.finditer(text, sent_start, sent_end):
        country = country_from_phrase(m.group(1))
        if country:
            dist = abs(m.start() - pos) if m.start() > pos else abs(pos - m.end())
            outside = 0 if left < m.start() and m.end() <= right else 1
            if best is None or (outside, dist) < best[:2]:
                best = (outside, dist, country)
    return best[2] if best else None


def _same_office(a: str, b: str) -> bool:
    from db.registry import _role_heads

    return bool(_role_heads(a) & _role_heads(b))


_CYR_CHAR = re.compile(r"[\u0400-\u04ff]")
_LAT_CHAR = re.compile(r"[A-Za-z]")


def _mostly_cyrillic(text: str) -> bool:
    return len(_CYR_CHAR.findall(text)) > len(_LAT_CHAR.findall(text))


def _sentence_start_at(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts: the end of the last _SENT_END match that
    ends by `pos` (a line break, or ".", "!" or "?" before a space), found backwards with
    `rfind` instead of matching every break from the text's start."""
    start = text.rfind("\n", 0, pos) + 1
    if pos - 1 <= start:
        return start
    for stop in ".!?":
        k = text.rfind(stop, start, pos - 1)
        while k >= 0 and not text[k + 1].isspace():
            k = text.rfind(stop, start, k)
        if k >= 0:
            start = k + 2
    return start


def _sentence(text: str, pos: int) -> str:
    start = _sentence_start_at(text, pos)
    m = _SENT_END.search(text, pos)
    end = m.start() + 1 if m else len(text)
    return text[start:end].strip()


def _mention_keys(surname: str) -> list[str]:
    keys = []
    for v in _ru_variants(surname):
        k = name_key(v)
        if k and k not in keys:
            keys.append(k)
    return keys


def _analyse(
    text: str, toks: list[_Tok], ra: int, rb: int, registry: Registry, offset: int
) -> tuple[str, _Mention | None]:
    """Classify one run of name words: 'found', 'loose', 'single' or 'skip'."""
    kept = _word_class(toks[ra][_TEXT]) == "kept"
    na = ra + 1 if kept else ra
    while na <= rb and _word_class(toks[na][_TEXT]) == "kept":
        na += 1
    if na > rb:
        return "skip", None
    written = _strip_poss(text[toks[ra][_START] : toks[rb][_END]])
    parsed = split_name(written, drop=_words().kept)
    if not parsed.surname or len(parsed.surname) < 2 or _namesake(text, toks, ra, rb):
        return "skip", None
    if ra > 0 and toks[ra - 1][_TEXT] in _QUOTES and toks[ra - 1][_END] == toks[ra][_START]:
        return "skip", None  # «Газпром», "Turkmengaz": a body's name in quotes
    if rb + 1 < len(toks) and toks[rb + 1][_TEXT].lower() in _words().place_nouns:
        return "skip", None  # "Астраханской области", "Khorezm region": a place
    if (
        ra == rb
        and rb + 1 < len(toks)
        and _is_cap(toks[rb + 1][_TEXT])
        and _gap_ok(text, toks[rb], toks[rb + 1])
        and _word_class(toks[rb + 1][_TEXT]) == "org"
    ):
        return "skip", None  # "State Migration Service": one word of a body's name
    role, cue = _pre_role(text, toks, ra, rb)
    if role and not is_cyrillic(role):
        role = _its_role(text, role, toks[ra][_START])
    post, tail = _post_role(text, toks, rb)
    if role and tail:
        role = f"{role} {tail}"
    if post and (not role or len(post) > len(role)):
        role = post
    sur_tokens = parsed.surname.split()
    keys = _mention_keys(parsed.surname) if len(sur_tokens) > 1 else []
    for v in _ru_variants(sur_tokens[-1]):
        k = name_key(v)
        if k and k not in keys:
            keys.append(k)
    pos = toks[ra][_START] + offset
    if len(sur_tokens) > 1 and not parsed.has_given:  # "Von der Leyen" alone
        last = _Mention(written, "", parsed.surname, keys, pos, full=False)
    else:
        last = _Mention(
            toks[rb][_TEXT], "", toks[rb][_TEXT], keys, toks[rb][_START] + offset, full=False
        )
    if not parsed.has_given and not role and not cue:
        return "single", last  # most runs: one capitalised word; no registry look-up here
    known: list = []
    for v in _ru_variants(parsed.surname):
        known = registry.candidates(parsed.given or None, v)
        if known:
            break
    if parsed.given and not known and not role and not cue:
        # maybe a person already found in this article, written in full again; else the
        # last word may still be a surname after a capitalised common word
        m = _Mention(written, parsed.given, parsed.surname, keys, pos, full=True)
        m.known = [last]
        m.cue = _sentence_start(text, toks, ra)
        return "loose", m
    if not parsed.has_given and not known and not role:
        return "skip", None
    if role:
        role = _normalise_role(role)
    return "found", _Mention(
        written, parsed.given, parsed.surname, keys, pos, role, cue, True, known
    )


def _sentence_start(text: str, toks: list[_Tok], i: int) -> bool:
    if i == 0:
        return True
    prev = toks[i - 1]
    return (
        prev[_TEXT] in (".", "!", "?", ":", '"', "«", "“", "—", "–")
        or "\n" in text[prev[_END] : toks[i][_START]]
    )


def _scan(
    text: str, registry: Registry, offset: int
) -> tuple[list[_Mention], list[_Mention], list[_Mention]]:
    """Full mentions (given+surname, or role + name), single words, and unconfirmed names."""
    toks, gaps = _tokens(text)
    found: list[_Mention] = []
    singles: list[_Mention] = []
    loose: list[_Mention] = []
    for a, b in _spans(toks, gaps):
        for ra, rb in _name_runs(toks, a, b):
            kind, m = _analyse(text, toks, ra, rb, registry, offset)
            if (
                kind in ("loose", "single")
                and rb > ra
                and _sentence_start(text, toks, ra)
                and toks[ra][_TEXT].lower() not in _PARTICLES  # "Von der Leyen said"
            ):
                # "Meanwhile Serdar Berdimuhamedov": drop a capitalised sentence opener
                kind2, m2 = _analyse(text, toks, ra + 1, rb, registry, offset)
                if kind2 == "found":
                    kind, m = kind2, m2
            elif (
                kind != "found"
                and rb - ra >= 2
                and ra > 0
                and toks[ra - 1][_TEXT].lower() in _ROLE_JOIN
            ):
                # "President of Tatarstan Rustam Minnikhanov", "Minister of Trade and
                # Integration Arman X", "консулом в Астрахани Мерданом Y": the first word
                # ends the role
                kind2, m2 = _analyse(text, toks, ra + 1, rb, registry, offset)
                if kind2 == "found" and m2 is not None and m2.role:
                    kind, m = kind2, m2
            if m is None:
                continue
            {"found": found, "loose": loose, "single": singles}[kind].append(m)
    return found, singles, loose


def find_officials(
    text: str,
    title: str,
    language: str,
    event_date: str | None,
    registry: Registry,
) -> tuple[list[OfficialMention], list[Evidence]]:
    """Officials named in the body (and title), each resolved to one registry id."""
    body_found, body_singles, body_loose = _scan(text, registry, 0)
    title_off = len(text) + 1
    title_found, title_singles, title_loose = _scan(title or "", registry, title_off)
    body_keys = {k for m in [*body_found, *body_singles, *body_loose] for k in m.keys}
    # a headline in Title Case ("Turkmen President Receives Credentials") names no new person
    title_found = [m for m in title_found if m.known or body_keys & set(m.keys)]
    clusters: list[_Cluster] = []
    for m in [*body_found, *title_found]:
        target = None
        for c in clusters:
            if c.keys & set(m.keys) and given_compatible(m.given or None, c.given or None):
                target = c
                break
        if target is None:
            clusters.append(_Cluster([m], set(m.keys), m.given))
        else:
            target.mentions.append(m)
            target.keys.update(m.keys)
            if len(m.given) > len(target.given) and not is_cyrillic(m.given):
                target.given = m.given
            elif not target.given:
                target.given = m.given
    singles = [*body_singles, *title_singles]
    for m in [*body_loose, *title_loose]:
        for c in clusters:
            if c.keys & set(m.keys) and given_compatible(m.given or None, c.given or None):
                c.mentions.append(m)
                if len(m.given) > len(c.given):
                    c.given = m.given
                break
        else:
            if m.cue:  # the first word opened a sentence: the rest may be a surname alone
                singles.append(m.known[0])
    singles.sort(key=lambda m: m.pos)
    # (c) surname-only mentions: join to a person of the article, else a gazetteer person
    extra: dict[int, list[tuple[str, int]]] = {}
    for single in singles:
        word, pos = _strip_poss(single.written), single.pos
        keys = _mention_keys(word)
        hit = None
        for ci, c in enumerate(clusters):
            if c.keys & set(keys):
                hit = ci
                break
        if hit is None:
            cands = []
            for k in keys:
                cands = [p for p in registry.by_surname_key(k) if p.surname_alone and p.terms]
                if cands:
                    break
            if not cands or not _name_like(word):
                continue
            m = _Mention(word, "", word, keys, pos, full=False, known=cands)
            clusters.append(_Cluster([m], set(keys), ""))
            continue
        extra.setdefault(hit, []).append((word, pos))
    officials: list[OfficialMention] = []
    evidence: list[Evidence] = []
    order = sorted(
        range(len(clusters)),
        key=lambda ci: min(
            [m.pos for m in clusters[ci].mentions] + [p for _, p in extra.get(ci, [])]
        ),
    )
    by_id: dict[str, OfficialMention] = {}
    for ci in order:
        c = clusters[ci]
        first_full = next((m for m in c.mentions if m.full), c.first)
        roles = [m.role for m in c.mentions if m.role]
        role = max(roles, key=len) if roles else None
        country = country_from_phrase(role) if role else None
        given = c.given or None
        surname = first_full.surname
        written = first_full.written
        if is_cyrillic(surname):
            known = first_full.known
            if known:
                surname = _ru_variants(surname)[0]
                for v in _ru_variants(first_full.surname):
                    if registry.candidates(given, v):
                        surname = v
                        break
            else:
                # the article's own shorter form ("Посол Демирок" beside "Ахмета Демирока")
                # is the nominative; else guess it from the Slavic endings
                forms = {m.surname for m in c.mentions} | {w for w, _ in extra.get(ci, [])}
                base = min(
                    (f for f in forms if surname.startswith(f) and 0 < len(surname) - len(f) <= 2),
                    key=len,
                    default=None,
                )
                g, s = ru_nominative(given or "", surname)
                if s == surname and base and not _RU_FEM_END.search(surname):
                    ending = surname[len(base) :]
                    surname = base
                    if given and given.endswith(ending) and len(given) > len(ending) + 2:
                        given = given[: -len(ending)]
                else:
                    given, surname = g or None, s
        if not first_full.full and first_full.known:
            cands = first_full.known
            if len(cands) > 1:
                from db.registry import _by_role_and_date

                cands = _by_role_and_date(cands, role, event_date) or cands
            pid, display = cands[0].id, cands[0].name
            registry.add_known(pid, display, cands[0].country, [written])
        else:
            pid, display = registry.resolve(written, given, surname, country, role, event_date)
        person = registry.get(pid)
        if not country and (person is None or not person.country):
            country = _side_country(
                text if first_full.pos < title_off else title,
                first_full.pos if first_full.pos < title_off else first_full.pos - title_off,
            )
            if country and person is not None:
                person.country = country
        if person is not None:
            if not country:
                country = person.country
            if not role:
                ru = language.startswith("ru") or _mostly_cyrillic(text[:400])
                role = person.role_at(event_date, "ru" if ru else "en")
        if role and person is not None and is_cyrillic(role) and len(role.split()) == 1:
            # a bare "Президент": the gazetteer's Russian wording of that office, if it has it
            for t in person.terms:
                if t.title_ru and t.active(event_date) and _same_office(role, t.title_ru):
                    role = t.title_ru
                    break
        if role and country and not is_cyrillic(role) and not country_from_phrase(role):
            last = role.split()[-1].lower()
            if last in _words().suffix_heads:
                role = f"{role} of {country}"
        spellings = []
        positions = [(m.pos, m.written) for m in c.mentions] + [
            (p, w) for w, p in extra.get(ci, [])
        ]
        for _, w in sorted(positions):
            if w not in spellings:
                spellings.append(w)
            if person is not None and w not in person.spellings:
                person.spellings.append(w)
        if pid in by_id:
            prev = by_id[pid]
            prev.as_written.extend(s for s in spellings if s not in prev.as_written)
            continue
        om = OfficialMention(id=pid, name=display, as_written=spellings, role=role, country=country)
        by_id[pid] = om
        officials.append(om)
        src = text if first_full.pos < title_off else title
        pos = first_full.pos if first_full.pos < title_off else first_full.pos - title_off
        evidence.append(
            Evidence(
                kind="official",
                value=pid,
                cue=first_full.role or ("gazetteer" if first_full.known else "name"),
                sentence=_sentence(src, pos),
            )
        )
    return officials, evidence
