"""Sentence splitting and language detection for English and Russian news text.

Rules rather than a model: press releases are well punctuated, and the hard cases are
initials ("V.Hajiyev", "M. Galuzin"), abbreviations ("г.", "т.е.", "St.", "U.S.") and
datelines, which a small list handles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

try:  # the parser `re` compiles with, to read a cue's literal part (see _needle)
    from re import _parser as _sre_parser  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parser  # type: ignore[no-redef]

_LITERAL = _sre_parser.LITERAL
_SUBPATTERN = _sre_parser.SUBPATTERN

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
# "[.!?…][.!?…]*", not "[.!?…]+": a class first gives `re` a set of characters to skip to
# (callgrind: 2.6 times fewer instructions over 200 articles)
_BOUNDARY = re.compile(r"([.!?…][.!?…]*[\"»”')\]]*)(\s+|(?=[A-ZА-ЯЁ«\"“]))")
_NEXT_START = re.compile(r"[\"«“(]?([A-ZА-ЯЁ0-9])")


# In cp1251 the letters [A-Za-z] and [А-Яа-яЁё] are exactly these bytes, and no other
# character encodes to them: deleting them counts the letters without a string per word.
_LAT_BYTES = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))
_CYR_BYTES = bytes(range(0xC0, 0x100)) + b"\xa8\xb8"


def detect_language(text: str) -> str:
    """'ru' when Cyrillic letters make up at least 30% of the letters, else 'en'."""
    sample = text[:4000].encode("cp1251", "ignore")  # other characters count for neither
    cyr = len(sample) - len(sample.translate(None, _CYR_BYTES))
    lat = len(sample) - len(sample.translate(None, _LAT_BYTES))
    if cyr + lat == 0:
        return "en"
    return "ru" if cyr / (cyr + lat) >= 0.3 else "en"


def _is_abbrev(before: str, gap: str) -> bool:
    """True when the dot after `before` belongs to an abbreviation or an initial."""
    i = len(before)  # the trailing run of [\w.-], found backwards: a `$` search is O(n)
    while i > 0 and (before[i - 1].isalnum() or before[i - 1] in "._-"):
        i -= 1
    word = before[i:]
    if not word:
        return False
    low = word.lower().strip(".")
    if low in _ABBREV or low.rsplit(".", 1)[-1] in _ABBREV:
        return True
    last = word.rsplit(".", 1)[-1]
    # A single capital letter is an initial ("V." in "V. Hajiyev", "M.Galuzin").
    if len(last) == 1 and last.isalpha() and last.isupper():
        return True
    # "с.г.", "U.S." style dotted abbreviations.
    return len(word) <= 6 and _DOTTED.fullmatch(word) is not None


_DOTTED = re.compile(r"(?:\w\.)+\w")


@lru_cache(maxsize=512)
def split_sentences(text: str) -> tuple[str, ...]:
    """Split text into sentences; paragraphs (blank or single newlines) always split."""
    out: list[str] = []
    for para in text.split("\n"):  # empty lines are skipped below; a regex costs more
        para = " ".join(para.split())
        if not para:
            continue
        start = 0
        for m in _BOUNDARY.finditer(para):
            end = m.end(1)
            nxt = para[m.end() : m.end() + 1]  # one character: slicing the rest is quadratic
            if not nxt:
                continue
            if not _NEXT_START.match(para, m.end()):
                continue
            if m.group(1).endswith(".") and _is_abbrev(para[start : m.start(1)], m.group(2)):
                continue
            # "10.06.2022" or "1.5" are not boundaries (no whitespace and a digit next).
            if not m.group(2) and nxt.isdigit():
                continue
            sent = para[start:end].strip()
            if sent:
                out.append(sent)
            start = m.end()
        tail = para[start:].strip()
        if tail:
            out.append(tail)
    return tuple(out)


# --- fast cue alternations ---------------------------------------------------------------
#
# A cue list compiled as one case-insensitive alternation whose every branch starts with a
# look-behind is slow in `re`: each branch runs at each character. Cues that are plain
# lower-case stems are instead matched case-sensitively against lower-cased text, grouped
# by their first letter, so that the engine rejects most branches on one character
# compare; with few first letters each branch opens with its letter (the word start tested
# after it), so that `re` skips the positions holding none of them (see LETTER_FIRST_MAX).
# Cues with capitals or `(?-i:` keep the original text.

_LOWER_SAFE = re.compile(r"(?:\\[bBsSwWdD]|[^A-ZА-ЯЁ\\]|\\[^A-Za-z])*")
_FIRST = re.compile(r"\w(?![?*+{|])")


def _plain(p: str) -> bool:
    """True when the cue means the same against lower-cased text, matched case-sensitively."""
    return "(?-i:" not in p and "(?i:" not in p and _LOWER_SAFE.fullmatch(p) is not None


_LEAD_GROUP = re.compile(r"(\\b)?\(\?:([^()\[\]]+)\)(?![?*+{])(.*)", re.S)
# `\w+` before a character that is never a word character: nothing to give back, so the
# possessive `\w++` matches the same and spares the engine the backtracking.
_GREEDY_WORD = re.compile(r"\\w\+(?=\\s(?![*?{])|-|')")


_LEAD_FLAG = re.compile(r"\(\?i:([^()]*)\)")
_ONE_CHAR = re.compile(r"(?:\\[dw]|\[[^\]\\]*\])(?![?*+{])")
_CAPITALS = re.compile(r"\[(?:[A-ZА-ЯЁ](?:-[A-ZА-ЯЁ])?)+\]")  # "[A-Z]", "[A-ZА-ЯЁ]"


def _expanded(patterns: list[str]) -> list[str]:
    """A cue that opens with a group of plain words, "(?:state|national)\\s+univ", as one cue
    per word, so that each can be dispatched on its first letter."""
    out: list[str] = []
    for p in patterns:
        m = _LEAD_GROUP.fullmatch(p)
        alts = m.group(2).split("|") if m else []
        if not m or any(not a or a.endswith("\\") for a in alts):
            out.append(_GREEDY_WORD.sub(r"\\w++", p))
            continue
        out += [_GREEDY_WORD.sub(r"\\w++", (m.group(1) or "") + a + m.group(3)) for a in alts]
    return out


# Up to this many lower-case first letters, an alternation opens each
# branch with its letter, so that `re` skips the positions holding none of them; with
# more, most positions hold one and a single leading `\b` rejects the mid-word ones
# faster. Measured with callgrind over 2,112 sentences: a 6-letter list costs half as
# many instructions letter-first, the 18- and 21-letter lists half as many again with `\b`.
LETTER_FIRST_MAX = 8


def _factored(patterns: list[str], ignore_case: bool = False) -> str:
    """An alternation grouped by first letter, so that the engine rejects a group on one
    compare; other cues (look-arounds) after the groups. With `ignore_case` the first
    letter is matched in either case and the rest `(?i:...)`. Few first letters: each
    branch opens with its letter and tests the word start after it (see
    LETTER_FIRST_MAX); else one `\b` opens the alternation. The cues come expanded (see
    `_expanded`): both callers have expanded them already."""
    by_first: dict[str, list[str]] = {}
    cased_first: list[tuple[str, str]] = []  # a case-sensitive cue opening "(?i:central"
    rest: list[str] = []
    blind = False  # a cue opening with a look-around: no set of first characters
    capital_classes = True  # every cue opening with a class opens with a capital's
    for p in patterns:
        body = p[2:] if p.startswith("\\b") else p
        lead = _LEAD_FLAG.match(body)
        if lead and ignore_case:  # "(?i:international)" inside a case-insensitive cue
            body = lead.group(1) + body[lead.end() :]
        elif lead and _FIRST.match(lead.group(1)):
            ch, inner = lead.group(1)[0], lead.group(1)[1:]
            cased_first.append((ch, f"(?i:{inner}){body[lead.end() :]}"))
            continue
        tok = _ONE_CHAR.match(body)
        if body.startswith("(?<"):
            rest.append(f"(?i:{body})" if ignore_case else body)
            blind = True
        elif _FIRST.match(body) and not body[0].isdigit() and body[0] != "_":
            by_first.setdefault(body[0].lower() if ignore_case else body[0], []).append(body[1:])
        elif tok:  # "\d..." or "[A-Z]...": the character first, then the look-behind
            t = tok.group(0)
            body = t + rf"(?<!\w{t})" + body[len(t) :]
            rest.append(f"(?i:{body})" if ignore_case else body)
            capital_classes = capital_classes and not ignore_case and bool(_CAPITALS.fullmatch(t))
        else:
            body = r"(?<!\w)" + body
            rest.append(f"(?i:{body})" if ignore_case else body)
            blind = True
    groups: list[tuple[list[str], str]] = []  # (the first letter's forms, the rest)
    for ch, tails in by_first.items():
        tail = f"(?:{'|'.join(tails)})" if len(tails) > 1 else tails[0]
        two_case = ignore_case and ch.upper() != ch
        groups.append(
            ([ch, ch.upper()] if two_case else [ch], f"(?i:{tail})" if ignore_case else tail)
        )
    groups += [([ch.lower(), ch.upper()], tail) for ch, tail in cased_first]
    # capitals are rare in running text: only the lower-case first letters count (a list
    # of acronyms, "UN", "CIS", "ОДКБ", skips nearly every position letter-first)
    letters = {f for forms, _ in groups for f in forms if not f.isupper()}
    if not blind and capital_classes and len(letters) <= LETTER_FIRST_MAX:
        # every branch opens with a literal letter or a class, so `re` gets their set as
        # a prefix
        return "|".join(
            [f"{re.escape(f)}(?<!\\w{re.escape(f)}){tail}" for forms, tail in groups for f in forms]
            + rest
        )
    plain = [_one_of(forms) + tail for forms, tail in groups[: len(by_first)]]
    opened = [
        f"{_one_of(forms)}(?<!\\w{_one_of(forms)}){tail}" for forms, tail in groups[len(by_first) :]
    ]
    parts = [r"\b(?:" + "|".join(plain) + ")"] if plain else []
    return "|".join(parts + opened + rest)


def _one_of(forms: list[str]) -> str:
    return re.escape(forms[0]) if len(forms) == 1 else f"[{''.join(forms)}]"


@lru_cache(maxsize=4096)
def lowered(text: str) -> str:
    """`text.lower()`, kept: a sentence is lower-cased by every cue list run over it
    (some twenty an article's sentence), and a look-up of the same string is cheaper."""
    return text.lower()


class CuePattern:
    """A cue alternation with the `search`/`finditer`/`sub` of a compiled pattern."""

    __slots__ = ("_exact", "_exact_src", "fast", "guarded", "slow")

    def __init__(
        self,
        fast: re.Pattern[str] | None,
        slow: re.Pattern[str] | None,
        exact: str,
        guarded: tuple[tuple[str, re.Pattern[str]], ...] = (),
    ):
        self.fast = fast  # plain cues, against lower-cased text
        self.slow = slow  # the rest, against the text as written
        # cues opening with a run of any word, each searched in the text as written
        # only when it holds their literal part (lower-cased), see _OPENS_WITH_RUN
        self.guarded = guarded
        self._exact_src = exact  # every cue in one pattern, for text lower() changes in length
        self._exact: re.Pattern[str] | None = None

    @property
    def exact(self) -> re.Pattern[str]:
        """Compiled on first use: almost no text needs it, and compiling costs."""
        if self._exact is None:
            self._exact = re.compile(self._exact_src)
        return self._exact

    def _texts(self, text: str) -> tuple[str, bool]:
        low = lowered(text)
        return low, len(low) == len(text)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The leftmost cue match (a match object of `text` or its lower-cased copy)."""
        low, ok = self._texts(text)
        if not ok:
            return self.exact.search(text, pos)
        a = self.fast.search(low, pos) if self.fast is not None else None
        b = self.slow.search(text, pos) if self.slow is not None else None
        if a is None or (b is not None and b.start() < a.start()):
            a = b
        for needle, rx in self.guarded:
            if needle in low:
                c = rx.search(text, pos)
                if c is not None and (a is None or c.start() < a.start()):
                    a = c
        return a

    def finditer(self, text: str) -> list[re.Match[str]]:
        """Every cue match, ordered by position."""
        low, ok = self._texts(text)
        if not ok:
            return list(self.exact.finditer(text))
        out: list[re.Match[str]] = []
        if self.fast is not None:
            out += self.fast.finditer(low)
        if self.slow is not None:
            out += self.slow.finditer(text)
        for needle, rx in self.guarded:
            if needle in low:
                out += rx.finditer(text)
        out.sort(key=lambda m: m.start())
        return out

    def sub(self, repl, text: str) -> str:
        """Replace every cue match; `repl` must keep lengths (blanking), as callers do."""
        low, ok = self._texts(text)
        if not ok:
            return self.exact.sub(repl, text)
        pieces: list[str] = []
        done = 0
        for m in self.finditer(text):
            a, b = m.span()
            a = max(a, done)
            if b <= a:
                continue
            piece = repl(_Span(text[a:b]))
            pieces += (text[done:a], piece if len(piece) == b - a else " " * (b - a))
            done = b
        if not pieces:
            return text
        pieces.append(text[done:])
        return "".join(pieces)


class _Span:
    """The part of a match object a blanking `repl` uses."""

    __slots__ = ("_s",)

    def __init__(self, s: str):
        self._s = s

    def group(self, _n: int = 0) -> str:
        return self._s


_CS_HINT = re.compile(r"\\b[A-ZА-ЯЁ]{2,}\\b|(?<!\(\?-i:)\[A-Z|(?<!\(\?-i:)\[А-Я")


def compile_cues(patterns: list[str]) -> CuePattern | None:
    """Compile a cue list; acronym cues ("UN", "IT", "CIS") stay case-sensitive."""
    if not patterns:
        return None
    exact_parts = []
    plain: list[str] = []
    cased: list[str] = []
    caseless: list[str] = []
    guarded: list[tuple[str, re.Pattern[str]]] = []
    for p in _expanded(patterns):  # "(?:state|\\w+-day)\\s+visit": one cue per word
        body = p if p.startswith(("\\b", "(?<")) else r"(?<!\w)" + p
        cs = bool(_CS_HINT.search(p))
        exact_parts.append(body if cs else f"(?i:{body})")
        needle = _needle(p) if _OPENS_WITH_RUN.match(p) else None
        if needle:
            guarded.append((needle, re.compile(exact_parts[-1])))
        elif cs:
            cased.append(p)
        elif _plain(p):
            plain.append(p)
        else:
            caseless.append(p)
    exact = "|".join(exact_parts)
    fast = re.compile(_factored(plain)) if plain else None
    slow_parts = [x for x in (_factored(cased), _factored(caseless, True)) if x]
    slow = re.compile("|".join(slow_parts)) if slow_parts else None
    return CuePattern(fast, slow, exact, tuple(guarded))


# A cue opening with a run of any word ("\w+-day\s+visit", "\d+\s+companies", "[A-Z]\w+
# -Central Asia") can start at every word, and in one alternation it makes `re` try every
# position for all the cues (or every capital for a case-sensitive list): such a cue is
# searched on its own, and only in text holding its longest literal part.
_OPENS_WITH_RUN = re.compile(
    r"(?:(?:\\[wdWDsS]|\[[^\]]*\])(?![?*+{]))?(?:\\[wdWDsS]|\[[^\]]*\])[+*]"
)


def _needle(cue: str) -> str | None:
    """The longest run of literal characters every match of `cue` holds, lower-cased
    (three characters at least), read from the parsed pattern; None if there is none."""
    try:
        items = list(_sre_parser.parse(cue))
    except re.error:
        return None
    if len(items) == 1 and items[0][0] is _SUBPATTERN:  # "(?i:...)" around it all
        items = list(items[0][1][-1])
    best = run = ""
    for op, arg in _flat(items):
        if op is _LITERAL:
            run += chr(arg)
            best = max(best, run, key=len)
        else:
            run = ""
    return best.lower() if len(best) >= 3 else None


def _flat(items: list) -> Iterator[tuple]:
    """Parsed items with each group's own items in its place ("(?i:central)" holds
    "central"): a group that is not repeated is part of every match."""
    for op, arg in items:
        if op is _SUBPATTERN:
            yield from _flat(list(arg[-1]))
        else:
            yield op, arg


_UPPER_ESCAPE = re.compile(r"\\[SWDBAZ]|\(\?-i:")


class Caseless:
    """A case-insensitive regex run as a case-sensitive one over lower-cased text, which
    lets `re` reject most alternatives on one character compare (several times faster).
    Matches are of the lower-cased copy; use their positions, not their text, for output.
    Text whose length lower() changes (a Turkish "İ") takes the ordinary slow pattern."""

    __slots__ = ("_ci", "low", "pattern")

    def __init__(self, pattern: str):
        body = pattern[4:] if pattern.startswith("(?i)") else pattern
        if _UPPER_ESCAPE.search(body):
            raise ValueError(f"not a caseless-safe pattern: {pattern[:60]}")
        self.pattern = body
        self.low = re.compile(body.lower())
        self._ci: re.Pattern[str] | None = None

    @property
    def ci(self) -> re.Pattern[str]:
        """The ordinary case-insensitive pattern, compiled on first use (rarely needed)."""
        if self._ci is None:
            self._ci = re.compile(self.pattern, re.IGNORECASE)
        return self._ci

    def search(self, text: str) -> re.Match[str] | None:
        low = lowered(text)
        return self.low.search(low) if len(low) == len(text) else self.ci.search(text)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        low = lowered(text)
        rx = self.low if len(low) == len(text) else self.ci
        end = len(text) if endpos is None else endpos
        return rx.finditer(low if rx is self.low else text, pos, end)


def word_start_alternation(branches: list[str], end: str = "") -> str:
    """Branches that each open with a literal letter, matched at a word start, each as
    `x(?<!\\wx)...{end}`: the same as `\\b(?:...){end}`, but every branch opening with
    its letter gives `re` the set of letters to skip to, instead of trying each position
    (for a few letters only: see LETTER_FIRST_MAX)."""
    out = []
    for b in branches:
        if not _FIRST.match(b) or b[0].isdigit() or b[0] == "_":
            raise ValueError(f"a branch must open with a literal letter: {b[:40]}")
        out.append(f"{b[0]}(?<!\\w{b[0]}){b[1:]}{end}")
    return "|".join(out)


def literal_alternation(forms: list[str], not_after: str = "") -> str:
    """Escaped literal forms as one alternation, nested by first character and longest
    form first, so that at each position the engine tries one branch group at most.

    `not_after` (a character class such as `[\\w-]`) is the look-behind the forms need,
    put after each first character: `(?<!C)(?:a..|b..)` as `a(?<!Ca)..|b(?<!Cb)..`
    matches the same, and a pattern whose branches all open with a literal lets `re`
    skip the positions holding none of those characters instead of trying each."""
    by_first: dict[str, list[str]] = {}
    for f in sorted(set(forms), key=len, reverse=True):
        by_first.setdefault(f[0], []).append(f[1:])
    parts = []
    for ch, tails in by_first.items():
        alts = [re.escape(t) for t in tails]
        if "" in tails:  # the one-character form itself, tried last
            alts = [a for a in alts if a] + [""]
        lead = re.escape(ch)
        if not_after:
            lead += f"(?<!{not_after}{lead})"
        parts.append(lead + (f"(?:{'|'.join(alts)})" if len(alts) > 1 else alts[0]))
    return "|".join(parts)


class CueSet:
    """Several labelled cue lists (the spheres) searched in one pass: every plain cue that
    starts with a letter goes into one alternation dispatched on that letter, ending in an
    empty named group that says whose cue it is. A pass reports non-overlapping matches,
    so a label's cue hidden inside another label's match is looked for at the word starts
    within the reported spans; the other cues are searched per label. The result is each
    label's leftmost match, as if each list had been searched on its own."""

    def __init__(self, lists: dict[str, list[str]]):
        self.labels = list(lists)
        by_first: dict[str, list[str]] = {}
        self._owner: dict[str, str] = {}
        self._own: dict[str, re.Pattern[str]] = {}  # a label's dispatched cues alone
        self._starts: dict[str, set[str]] = {}
        rest: dict[str, list[str]] = {}
        n = 0
        for label, patterns in lists.items():
            mine: list[str] = []
            for p in _expanded(patterns):
                body = p[2:] if p.startswith("\\b") else p
                if _plain(p) and _FIRST.match(body) and not body[0].isdigit() and body[0] != "_":
                    name = f"c{n}"
                    n += 1
                    self._owner[name] = label
                    by_first.setdefault(body[0], []).append(f"{body[1:]}(?P<{name}>)")
                    mine.append(body)
                else:
                    rest.setdefault(label, []).append(p)
            if mine:
                self._own[label] = re.compile(_factored(mine))
                self._starts[label] = {b[0] for b in mine}
        self._by_char: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for label, chars in self._starts.items():
            for ch in chars:
                self._by_char.setdefault(ch, []).append((label, self._own[label]))
        groups = [f"{ch}(?:{'|'.join(tails)})" for ch, tails in by_first.items()]
        self._scan = re.compile(r"\b(?:" + "|".join(groups) + ")") if groups else None
        self._rest = {k: compile_cues(v) for k, v in rest.items()}
        # every label's other cues at once: most texts have none, which one pass tells
        self._rest_any = compile_cues([p for v in rest.values() for p in v])
        self._whole = {k: compile_cues(v) for k, v in lists.items()}

    def first(self, text: str) -> dict[str, tuple[int, int]]:
        """(start, end) of each label's leftmost cue in `text`; labels without one absent."""
        low = lowered(text)
        if len(low) != len(text) or self._scan is None:
            out = {}
            for label, cp in self._whole.items():
                m = cp.search(text) if cp is not None else None
                if m is not None:
                    out[label] = m.span()
            return out
        found: dict[str, tuple[int, int]] = {}
        by_char = self._by_char
        for m in self._scan.finditer(low):
            p, q = m.span()
            label = self._owner[m.lastgroup or ""]
            if label not in found:
                found[label] = (p, q)
            for x in range(p, q):
                if x > p and (not low[x].isalnum() or low[x - 1].isalnum() or low[x - 1] == "_"):
                    continue  # hidden cues start at a word start, like every dispatched cue
                for other, rx in by_char.get(low[x], ()):
                    if other not in found:
                        hit = rx.match(low, x)
                        if hit is not None:
                            found[other] = hit.span()
        if self._rest_any is None or not self._rest_any.search(text):
            return found
        for label, cp in self._rest.items():
            if cp is None:
                continue
            m = cp.search(text)
            if m is not None and (label not in found or m.start() < found[label][0]):
                found[label] = m.span()
        return found
