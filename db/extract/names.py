"""Person-name keys and splitting, for English and Russian news text.

One official is spelt many ways ("V.Hajiyev", "Vepa Hadjiev", "Вепа Гаджиев", "Гаджиевым");
phonetic codes split those and merge different people (Meredov/Muradov), so the match
key here keeps vowels and folds only the known transliteration variants (notes §2.3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from db.textfold import sub_group1

_CYR = re.compile(r"[\u0400-\u04ff]")
_LAT = re.compile(r"[A-Za-z\u00c0-\u024f]")

# Russian surname case endings: -ов/-ев/-ин + а|у|ым|ом|е, and feminine -ова/-ева/-ина + ой|у|е.
_RU_FEM = re.compile(r"(ов|ев|ёв|ин|ын)(ой|ою|у|е)$")
_RU_MASC = re.compile(r"(ов|ев|ёв|ин|ын)(а|у|ым|ом|е)$")
_LAT_FEM = re.compile(r"(ov|ev|in|ow|ew)a$")
_NONLETTER = re.compile(r"[^a-z]")
_DOUBLE = re.compile(r"(.)\1+")
_PATRONYMIC = re.compile(
    r"(ovich|evich|ovna|evna|ich|ewiç|ewic|yewic|ович|евич|овна|евна|ичем|овичем|евичем)$",
    re.IGNORECASE,
)

# Family names written first (East Asian order): "Yoon Suk Yeol", "Xi Jinping".
EAST_ASIAN_SURNAMES = frozenset(
    """yoon yun kim lee park moon choi cho han jung chung kang shin oh ryu hwang ahn song
    xi li wang zhang liu chen yang zhao huang zhou wu hu wen qin ding ma sun zhu guo
    he gao lin luo zheng liang xie tang xu deng feng cao peng qian wei jiang shen zeng
    su pan du dai xia zhong tian ren fan fang yao tan liao zou xiong hao kong cui mao qiu
    gu hou shao meng duan lei yin bai yu lu fu
    ван ли чжан лю чэнь чень чжао хуан чжоу ху вэнь цинь дин ма сунь чжу го хэ гао линь ло
    чжэн лян се тан сюй дэн фэн цао пэн цянь вэй цзян шэнь цзэн су пань ду дай ся чжун
    тянь жэнь фань яо тань ляо цзоу сюн хао кун цуй мао цю гу хоу шао мэн дуань лэй инь бай
    юй лу фу си юн ким пак мун чхве цой чо хан чон кан син рю хван ан сон""".split()
    # not "ян", "у", "о": a Slavic given name (Jan) and Russian prepositions
)


def script_of(text: str) -> str:
    """'cyrillic', 'latin', 'mixed' or 'none': decides which case rules apply."""
    cyr = bool(_CYR.search(text))
    lat = bool(_LAT.search(text))
    if cyr and lat:
        return "mixed"
    if cyr:
        return "cyrillic"
    if lat:
        return "latin"
    return "none"


@lru_cache(maxsize=65536)
def is_cyrillic(text: str) -> bool:
    return bool(_CYR.search(text))


@lru_cache(maxsize=65536)
def name_key(surname: str) -> str:
    """Match key of one name part: same for all spellings and Russian case forms of it."""
    s = surname.strip().lower().replace("’", "").replace("'", "")
    if _CYR.search(s):
        s = s.replace("ё", "йо")
        s = sub_group1(_RU_FEM, s) if len(s) > 5 else s
        s = sub_group1(_RU_MASC, s) if len(s) > 4 else s
    s = anyascii(s).lower()
    if len(s) > 5:
        s = sub_group1(_LAT_FEM, s)
    s = s.replace("dzh", "j").replace("dj", "j").replace("zh", "j").replace("kh", "h")
    s = s.replace("x", "ks").replace("y", "i").replace("w", "v")
    s = _NONLETTER.sub("", s)
    if s.startswith("g"):
        s = "h" + s[1:]
    s = sub_group1(_DOUBLE, s)
    # a "y" between vowels is a transliteration choice: Mirziyoyev = Мирзиёев, Tokayev = Токаев
    return _VIV.sub("", s)


_VIV = re.compile(r"(?<=[aeou])i(?=[aeiou])")


@lru_cache(maxsize=65536)
def given_compatible(a: str | None, b: str | None) -> bool:
    """Whether two given names (or initials) may be the same person's: V. ~ Vepa ~ Вепа.

    The first names are compared; where either side writes several full given names,
    any of one side's may be the other's ("Muhammad Shehbaz" ~ "Shehbaz"; "Saeed
    Mohammed" ~ "Mohammed"). Initials are compared first-to-first only: a second
    initial is often a patronymic ("A. V." is not Vladimir)."""
    if not a or not b:
        return True
    ta, tb = a.split(), b.split()
    if _one_given_compatible(ta[0], tb[0]):
        return True
    full_a, full_b = _full_given_names(ta), _full_given_names(tb)
    if len(full_a) < 2 and len(full_b) < 2:
        return False
    return any(_one_given_compatible(x, y) for x in full_a for y in full_b)


def _full_given_names(tokens: list[str]) -> list[str]:
    """The written-out given names: not initials, not "bin" or "al"."""
    return [t for t in tokens if len(t.rstrip(".")) > 1 and t.lower() not in SURNAME_PARTICLES]


def _one_given_compatible(a: str, b: str) -> bool:
    ka = name_key(_given_stem(a.split("-")[0]))
    kb = name_key(_given_stem(b.split("-")[0]))
    if not ka or not kb:
        return True
    if len(ka) == 1 or len(kb) == 1 or len(a.rstrip(".")) == 1 or len(b.rstrip(".")) == 1:
        return ka[0] == kb[0]
    ka, kb = ka.replace("sh", "s").replace("ch", "c"), kb.replace("sh", "s").replace("ch", "c")
    n = min(len(ka), len(kb), 4)
    if ka[:n] == kb[:n]:
        return True
    from rapidfuzz import fuzz

    return fuzz.ratio(ka, kb) >= 80


_RU_GIVEN_END = re.compile(r"(ой|ем|ом|ью|ы|а|у|е|ю|я|и|й)$")


def _given_stem(given: str) -> str:
    """A Russian given name without its case ending ("Вепы", "Вепой" -> "Веп")."""
    if len(given) > 3 and _CYR.search(given):
        return _RU_GIVEN_END.sub("", given)
    return given


@dataclass(frozen=True)
class ParsedName:
    """A written name cut into parts; `given` may be an initial ("V") or empty."""

    written: str
    given: str
    surname: str
    surname_first: bool = False

    @property
    def initial(self) -> str:
        return self.given[:1].upper() if self.given else ""

    @property
    def has_given(self) -> bool:
        return bool(self.given)


# initials of one letter, and the two-letter ones of names opening with one sound:
# "Дж.Байрамов" (Джейхун), "Sh.Mirziyoyev" (Shavkat)
DIGRAPH_INITIALS = frozenset({"Дж", "Sh", "Ch", "Zh", "Kh"})
_INITIAL = re.compile(r"^([A-ZА-ЯЁ]|Дж|Sh|Ch|Zh|Kh)\.\s*(?=\S)")
_TOKEN = re.compile(r"[^\s.]+\.?|\.")


SURNAME_PARTICLES = frozenset(
    {"von", "van", "de", "der", "den", "la", "del", "da", "di", "dos", "al", "bin", "ibn"}
    | {"фон", "ван", "дер", "де", "ди", "аль", "эль", "бин", "ибн"}
)
# "son of": part of the given names ("Thani bin Ahmed Al Zeyoudi" is a Zeyoudi)
_PATRONYMIC_PARTICLES = frozenset({"bin", "ibn", "бин", "ибн"})


@lru_cache(maxsize=65536)
def split_name(written: str, drop: frozenset[str] = frozenset()) -> ParsedName:
    """Cut "V.Hajiyev", "Vepa Hadjiev", "Yoon Suk Yeol", "Ram Nath Kovind" into given/surname.

    `drop` holds lower-case words (honorifics like "mullah") left out of both parts.
    """
    text = " ".join(written.replace("\u00a0", " ").split())
    initials: list[str] = []
    while True:
        m = _INITIAL.match(text)
        if not m:
            break
        initials.append(m.group(1))
        text = text[m.end() :]
    parts = [p.strip(".,") for p in text.split(" ") if p.strip(".,")]
    parts = [p for p in parts if p.lower().strip(".") not in drop]
    parts = [p for i, p in enumerate(parts) if i == 0 or not _PATRONYMIC.search(p)]
    parts = [p[:-2] if p.endswith(("'s", "’s")) else p for p in parts]
    if not parts:
        return ParsedName(written, " ".join(initials), "")
    if initials:
        return ParsedName(written, " ".join(initials), " ".join(parts))
    if len(parts) == 1:
        return ParsedName(written, "", parts[0])
    if parts[0].lower() in EAST_ASIAN_SURNAMES and parts[-1].lower() not in EAST_ASIAN_SURNAMES:
        return ParsedName(written, " ".join(parts[1:]), parts[0], surname_first=True)
    # particles that belong to the surname: "Ursula von der Leyen"; "Von der Leyen" alone
    if parts[0].lower() in SURNAME_PARTICLES:
        return ParsedName(written, "", " ".join(parts))
    starts = [i for i, p in enumerate(parts[1:], 1) if p.lower() in SURNAME_PARTICLES]
    family = [i for i in starts if parts[i].lower() not in _PATRONYMIC_PARTICLES]
    if family:
        i = family[-1]
        while i - 1 in family:  # the run's first particle: "von der Leyen"
            i -= 1
        return ParsedName(written, " ".join(parts[:i]), " ".join(parts[i:]))
    if starts:
        i = starts[0]
        return ParsedName(written, " ".join(parts[:i]), " ".join(parts[i:]))
    return ParsedName(written, " ".join(parts[:-1]), parts[-1])


def slug(text: str) -> str:
    """ASCII lower-case slug with hyphens: "Kassym-Jomart" -> "kassym-jomart"."""
    s = anyascii(text.replace("ь", "").replace("ъ", "")).lower()
    s = re.sub(r"['’`ʼ]", "", s)
    s = re.sub(r"[^a-z0-9]+", "-", s)
    return s.strip("-")


def canonical_id(surname: str, given: str | None = None) -> str:
    """The stored id, surname-given in ASCII lower case ("hajiyev-vepa")."""
    sur = slug(surname)
    giv = slug(given or "")
    return f"{sur}-{giv}" if giv else sur


# --- Russian case normalisation for names not in the gazetteer ----------------------------

_RU_SUR_CASES = [
    (re.compile(r"(ов|ев|ёв|ин|ын)(ым|ом)$"), "ins"),
    (re.compile(r"(ов|ев|ёв|ин|ын)(у)$"), "dat"),
    (re.compile(r"(ов|ев|ёв|ин|ын)(а)$"), "gen"),
    (re.compile(r"(ова|ева|ина|ына)$"), "nom"),
    (re.compile(r"(ов|ев|ин|ын)(ой)$"), "fins"),
]


# A surname that is not Slavic ("Байрактар", "Фидан", "Оверчук") declines as a noun does,
# and so does the given name beside it: when both carry the same case ending, that is the
# case ("Альпарсланом Байрактаром", "Хакана Фидана", "Омеру Болату"). One word's ending
# alone proves nothing: "Ислом" and "Анна" are nominatives.
_NOUN_CASES = (("ins", ("ом", "ем")), ("dat", ("у", "ю")), ("gen", ("а", "я")))


def _noun_case(last: str, surname: str) -> str | None:
    """The case a non-Slavic name's last given word and surname agree on, if they do."""
    last = last.lower()
    sur = surname.lower()
    for case, endings in _NOUN_CASES:
        g_end = next((e for e in endings if last.endswith(e)), None)
        s_end = next((e for e in endings if sur.endswith(e)), None)
        if g_end and s_end and len(last) - len(g_end) >= 3 and len(sur) - len(s_end) >= 3:
            return case
    return None


def _noun_nominative(word: str, case: str) -> str:
    """A consonant-stem noun's nominative: "Байрактаром" -> "Байрактар", "Сергеем" ->
    "Сергей", "Фидана" -> "Фидан", "Болату" -> "Болат"."""
    low = word.lower()
    for end in dict(_NOUN_CASES)[case]:
        if low.endswith(end):
            stem = word[: -len(end)]
            if end in ("ем", "ю", "я") and stem[-1:].lower() in "аеёиоуыэюя":
                return stem + "й"  # "Сергеем", "Николаю": a stem in -й
            return stem
    return word


def ru_nominative(given: str, surname: str) -> tuple[str, str]:
    """Best guess at the nominative of a Russian-inflected name ("Михаилом Галузиным")."""
    case = "nom"
    sur = surname
    for rx, c in _RU_SUR_CASES:
        m = rx.search(surname)
        if m:
            case = c
            if c in ("ins", "dat", "gen"):
                sur = surname[: m.start()] + m.group(1)
            elif c == "fins":
                sur = surname[: m.start()] + m.group(1) + "а"
            break
    else:
        words = given.split()
        if words and surname.lower() in EAST_ASIAN_SURNAMES and words[-1].lower().endswith("ом"):
            # "Ли Чжэ Мёном", "Си Цзиньпином": the case is on the last given syllable, and
            # no Chinese or Korean syllable ends in -ом in Cyrillic
            if len(words[-1]) >= 4:
                words[-1] = words[-1][:-2]
            return " ".join(words), surname
        noun = _noun_case(words[-1], surname) if words and _CYR.search(surname) else None
        if noun is not None:
            words[-1] = _noun_nominative(words[-1], noun)
            return " ".join(words), _noun_nominative(surname, noun)
    out = []
    for g in given.split():
        low = g.lower()
        if case == "ins":
            if low.endswith("ем"):
                g = g[:-2] + "й"
            elif low.endswith("ом"):
                g = g[:-2]
        elif case == "fins" and low.endswith("ой"):
            g = g[:-2] + "а"
        elif case == "dat":
            if low.endswith("ю"):
                g = g[:-1] + "й"
            elif low.endswith("у"):
                g = g[:-1]
        elif case == "gen":
            if low.endswith("я"):
                g = g[:-1] + "й"
            elif low.endswith("а"):
                g = g[:-1]
        out.append(g)
    return " ".join(out), sur
