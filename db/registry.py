"""One person, many spellings: the in-memory registry of officials used at import time.

The store seeds it from its tables (`add_known`), extraction resolves every written name
to one id (`resolve`), and persons met for the first time join it so that later articles
of the same run resolve to them; `known()` hands them back to the store to persist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import tomllib
from rapidfuzz import fuzz, process

from db.extract.names import (
    canonical_id,
    given_compatible,
    name_key,
    split_name,
)

DATA = Path(__file__).parent / "extract" / "data" / "officials.toml"
FUZZY_THRESHOLD = 90


@dataclass
class Term:
    """An office held between two dates (either may be open)."""

    title: str
    start: str | None = None
    end: str | None = None
    title_ru: str | None = None

    def active(self, date: str | None) -> bool:
        if not date:
            return self.end is None
        d = date[:10]
        return (self.start is None or self.start[: len(d)] <= d) and (
            self.end is None or d < self.end[: len(d)] or d[:7] == self.end[:7]
        )


@dataclass
class Person:
    id: str
    name: str
    country: str | None
    given: str = ""
    surname: str = ""
    spellings: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    surname_alone: bool = True
    surname_first: bool = False
    keys: set[str] = field(default_factory=set)
    givens: list[str] = field(default_factory=list)

    def given_ok(self, given: str | None) -> bool:
        """Whether a written given name or initial fits any spelling of this person's."""
        if not given:
            return True
        return any(given_compatible(given, g) for g in self.givens or [self.given])

    def role_at(self, date: str | None, language: str = "en") -> str | None:
        """The office(s) held on `date`, joined, as the gazetteer words them.

        For a Russian article the Russian wording is used where the gazetteer has it.
        """
        terms = [t for t in self.terms if t.active(date)]
        if not terms and date is None and self.terms:
            terms = [self.terms[-1]]
        ru = language.startswith("ru")
        titles = [(t.title_ru if ru and t.title_ru else t.title) for t in terms]
        seen: list[str] = []
        for t in titles:
            if t not in seen:
                seen.append(t)
        return ", ".join(seen) or None


# Offices as concepts, so that "Президент" in a Russian article matches "President of ...".
_ROLE_CONCEPTS = (
    (
        "prime-minister",
        (
            "prime minister",
            "premier",
            "премьер",
            "председатель правительства",
            "chairman of the cabinet",
            "head of government",
        ),
    ),
    ("president", ("president", "президент")),
    (
        "speaker",
        (
            "speaker",
            "спикер",
            "mejlis",
            "duma",
            "federation council",
            "меджлис",
            "думы",
            "совета федерации",
        ),
    ),
    ("halk", ("halk maslahaty", "халк маслахаты")),
    ("leader", ("national leader", "лидер")),
    (
        "foreign-minister",
        (
            "foreign minister",
            "minister of foreign affairs",
            "министр иностранных дел",
            "external affairs",
        ),
    ),
    ("deputy", ("deputy", "заместител", "vice")),
    ("minister", ("minister", "министр")),
    ("chairman", ("chairman", "chairperson", "председател")),
    ("ambassador", ("ambassador", "посол", "посла")),
)


def _role_heads(role: str) -> set[str]:
    """The offices a role phrase names, language-neutral."""
    low = role.lower()
    out: set[str] = set()
    for concept, cues in _ROLE_CONCEPTS:
        for cue in cues:
            if cue in low:
                out.add(concept)
                low = low.replace(cue, " ")
                break
    return out


class Registry:
    """Persons by id, with an index from surname key to persons."""

    def __init__(self) -> None:
        self._persons: dict[str, Person] = {}
        self._by_key: dict[str, list[Person]] = {}
        # fuzzy blocks (see `_blocks`), so that a fuzzy look-up scores a few keys, not
        # every key of a registry grown to thousands of persons
        self._blocks: dict[str, list[str]] = {}
        # candidates() by (given, surname): the same names recur in every article; any
        # change to a person's keys or given names clears it
        self._memo: dict[tuple[str | None, str], list[Person]] = {}
        # _fuzzy's matching keys by key: they change only when a new key enters the key's
        # pool, which it does through a shared block, so a new key forgets those alone
        self._near: dict[str, list[str]] = {}
        self._near_blocks: dict[str, set[str]] = {}  # block -> remembered keys holding it

    # --- building -------------------------------------------------------------------------

    def add_known(
        self,
        official_id: str,
        name: str,
        country: str | None,
        spellings: list[str] | tuple[str, ...] = (),
        given: str | None = None,
        *,
        surname: str | None = None,
        terms: list[Term] | None = None,
        surname_alone: bool = True,
        surname_first: bool = False,
    ) -> Person:
        """Add (or extend) a person; the store calls this for every official it holds."""
        p = self._persons.get(official_id)
        if p is None:
            parsed = split_name(name)
            p = Person(
                id=official_id,
                name=name,
                country=country,
                given=given if given is not None else parsed.given,
                surname=surname or parsed.surname,
                surname_alone=surname_alone,
                surname_first=surname_first or parsed.surname_first,
            )
            self._persons[official_id] = p
            self._index(p, p.surname)
        elif country and not p.country:
            p.country = country
        if terms:
            p.terms.extend(terms)
        for s in [name, *spellings]:
            self._add_spelling(p, s, trusted=True)
        return p

    def _index(self, p: Person, surname: str) -> None:
        self._memo.clear()
        for part in (surname, surname.replace(" ", ""), surname.split()[-1] if surname else ""):
            k = name_key(part)
            if k and k not in p.keys:
                p.keys.add(k)
                if k not in self._by_key:
                    self._by_key[k] = []
                    if len(k) >= 5:
                        for b in _blocks(k):
                            self._blocks.setdefault(b, []).append(k)
                        self._forget_near(k)
                self._by_key[k].append(p)

    def _add_spelling(self, p: Person, written: str, trusted: bool = False) -> None:
        """Record a spelling; index its surname if its given name fits the person's, or if
        it is `trusted` (the gazetteer's or the store's own, such as "Си Цзиньпин" for Xi
        Jinping, whose order a Latin split does not see)."""
        if written and written not in p.spellings:
            self._memo.clear()
            p.spellings.append(written)
            parsed = split_name(written)
            if not parsed.surname:
                return
            fits = not p.given or not parsed.given or given_compatible(parsed.given, p.given)
            if fits or trusted:
                self._index(p, parsed.surname)
            if p.given and p.given not in p.givens:
                p.givens.append(p.given)
            if parsed.given and len(parsed.given) > 1 and parsed.given not in p.givens:
                p.givens.append(parsed.given)

    @classmethod
    def from_gazetteer(cls, path: Path | None = None) -> Registry:
        """A registry preloaded with the curated officials of `data/officials.toml`."""
        reg = cls()
        for entry in _load_gazetteer(str(path or DATA)):
            reg.add_known(
                entry["id"],
                entry["name"],
                entry.get("country"),
                entry.get("aliases", []),
                entry.get("given"),
                surname=entry.get("surname"),
                terms=[
                    Term(r["title"], r.get("from"), r.get("to"), r.get("ru"))
                    for r in entry.get("roles", [])
                ],
                surname_alone=entry.get("surname_alone", True),
                surname_first=entry.get("order") == "surname-first",
            )
        return reg

    # --- reading --------------------------------------------------------------------------

    def known(self) -> list[tuple[str, str, str | None, list[str]]]:
        """Every person as (id, display name, country, spellings), for the store to persist."""
        return [(p.id, p.name, p.country, list(p.spellings)) for p in self._persons.values()]

    def get(self, official_id: str) -> Person | None:
        return self._persons.get(official_id)

    def by_surname_key(self, key: str) -> list[Person]:
        """Persons one of whose surname spellings has this key (exact)."""
        return self._by_key.get(key, [])

    def _forget_near(self, new_key: str) -> None:
        """A new key can join only the pools of the keys it shares a block with: only
        their memos are out of date (a look-up per block, however large the registry)."""
        for b in _blocks(new_key):
            for k in self._near_blocks.pop(b, ()):
                self._near.pop(k, None)

    def _near_keys(self, key: str) -> list[str]:
        """Keys within FUZZY_THRESHOLD of `key`, looked for only in its blocks.

        A ratio of 90 allows one edit in a short name key and two in a long one; the blocks
        (see `_blocks`) find all of the first and nearly all of the second.
        """
        hit = self._near.get(key)
        if hit is not None:
            return hit
        pool: dict[str, None] = {}
        for b in _blocks(key):
            for k in self._blocks.get(b, ()):
                pool[k] = None
        matches = (
            process.extract(
                key, list(pool), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=5
            )
            if pool
            else []
        )
        hit = self._near[key] = [m[0] for m in matches]
        for b in _blocks(key):
            self._near_blocks.setdefault(b, set()).add(key)
        return hit

    def _fuzzy(self, key: str) -> list[Person]:
        """Persons with a surname key within FUZZY_THRESHOLD of `key` (see `_near_keys`)."""
        if len(key) < 5:
            return []
        hit = self._near_keys(key)
        out: list[Person] = []
        seen: set[str] = set()  # one Person per id: by id, not by comparing every field
        for k in hit:
            for p in self._by_key[k]:
                if p.id not in seen:
                    seen.add(p.id)
                    out.append(p)
        return out

    def candidates(
        self, given: str | None, surname: str, country: str | None = None
    ) -> list[Person]:
        """Persons this name may denote: exact key, else fuzzy key with given/country agreement."""
        if country is None:
            memo = self._memo.get((given, surname))
            if memo is None:
                memo = self._memo[(given, surname)] = self._candidates(given, surname, None)
            return list(memo)
        return self._candidates(given, surname, country)

    def _candidates(self, given: str | None, surname: str, country: str | None) -> list[Person]:
        key = name_key(surname)
        if not key:
            return []
        exact = [p for p in self.by_surname_key(key) if p.given_ok(given)]
        if exact:
            return exact
        out = []
        for p in self._fuzzy(key):
            if given and p.given and p.given_ok(given):
                out.append(p)
            elif not given and country and p.country == country:
                out.append(p)
        return out

    def resolve(
        self,
        written: str,
        given: str | None,
        surname: str,
        country: str | None = None,
        role: str | None = None,
        date: str | None = None,
    ) -> tuple[str, str]:
        """(official_id, display name) for a written name; an unknown person joins the registry."""
        cands = self.candidates(given, surname, country)
        if len(cands) > 1 and country:
            same = [p for p in cands if p.country in (None, country)]
            cands = same or cands
        if len(cands) > 1:
            cands = _by_role_and_date(cands, role, date) or cands
        if cands:
            p = cands[0]
            self._add_spelling(p, written)
            if country and not p.country:
                p.country = country
            return p.id, p.name
        display = f"{surname} {given}" if _surname_first(written, surname) else None
        display = display or (f"{given} {surname}" if given else surname)
        new_id = canonical_id(surname, given)
        base, n = new_id, 2
        while new_id in self._persons:
            new_id = f"{base}-{n}"
            n += 1
        self.add_known(new_id, display.strip(), country, [written], given or "", surname=surname)
        return new_id, display.strip()


def _blocks(key: str) -> list[str]:
    """Blocking keys for fuzzy look-up: the key with any one letter deleted (two keys one
    insertion, deletion or substitution apart share one), and for long keys, whose ratio
    of 90 allows two edits, also the first and the last four letters."""
    out = [key] + [key[:i] + key[i + 1 :] for i in range(len(key))]
    if len(key) >= 10:
        out += ["<" + key[:4], key[-4:] + ">"]
    return out


def _surname_first(written: str, surname: str) -> bool:
    w = written.strip().split()
    return len(w) > 1 and w[0].strip(".") == surname.split()[0]


def _seniority(title: str) -> int:
    """A bare surname in the news most likely means the head of state or government."""
    low = title.lower()
    if low.startswith(("president", "prime minister", "king", "президент")):
        return 2
    return 0


def _by_role_and_date(cands: list[Person], role: str | None, date: str | None) -> list[Person]:
    """Tell apart namesakes by the office and the date: "President of Turkmenistan" in 2023."""
    former = bool(role and ("former" in role.lower() or "бывш" in role.lower()))
    heads = _role_heads(role) if role else set()
    scored: list[tuple[int, int, Person]] = []
    for i, p in enumerate(cands):
        score = 0
        for t in p.terms:
            title_ok = not heads or bool(heads & _role_heads(f"{t.title} {t.title_ru or ''}"))
            if not title_ok:
                continue
            if former:
                if date and t.end and t.end <= date[:10]:
                    score = max(score, 3)
            elif t.active(date):
                score = max(score, 3 if heads else 2 + _seniority(t.title))
            else:
                score = max(score, 1 if heads else 0)
        scored.append((score, -i, p))
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    if scored and scored[0][0] > 0:
        return [s[2] for s in scored]
    return []


@lru_cache(maxsize=4)
def _load_gazetteer(path: str) -> list[dict]:
    with open(path, "rb") as fh:
        return tomllib.load(fh).get("person", [])
