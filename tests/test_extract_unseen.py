"""Generalisation: extract() over tests/data/unseen (articles the rules were not tuned on
when written: China, Turkey, Iran, Kazakhstan, Uzbekistan, Azerbaijan, the EU, Japan,
Pakistan, Germany, the UAE, Armenia, Belarus, the UN, South Korea, Afghanistan, Qatar,
Kyrgyzstan, Tajikistan, India, Georgia, Hungary, the US, the CIS, Oman; 31 in Russian; plain,
header, Markdown and HTML), with floors a little below what the rules reach. Officials
are scored in tests/test_officials_unseen.py. Also checks that the fast cue matching
finds what the plain case-insensitive alternation finds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.extract import extract
from db.extract.text import Caseless, compile_cues, split_sentences
from db.extract.topics import cues, find_event_types, find_spheres
from db.importers import read_file

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = ROOT / "tests" / "data" / "unseen"


def _f1(pairs: list[tuple[set[str], set[str]]]) -> float:
    tp = sum(len(g & p) for g, p in pairs)
    fp = sum(len(p - g) for g, p in pairs)
    fn = sum(len(g - p) for g, p in pairs)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _gold() -> dict[str, dict]:
    rows = (UNSEEN / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["file"]: r for r in map(json.loads, filter(str.strip, rows))}


def test_unseen_set_is_complete():
    gold = _gold()
    files = {p.name for p in UNSEEN.iterdir() if p.name != "labels.jsonl"}
    assert files == set(gold)
    assert len(files) >= 12
    assert sum(1 for g in gold.values() if re.search("[а-яё]", g["title"], re.I)) >= 5


def test_floors_on_unseen_set():
    gold = _gold()
    n = dates = primary = 0
    types, spheres, places = [], [], []
    for name, g in sorted(gold.items()):
        (article,) = read_file(UNSEEN / name)
        x = extract(article)
        n += 1
        dates += x.date == g["date"]
        primary += x.primary_type == g["primary_type"]
        types.append((set(g["event_types"]), set(x.event_types)))
        spheres.append((set(g["spheres"]), set(x.spheres)))
        places.append(({p.casefold() for p in g["places"]}, {p.casefold() for p in x.places}))
    assert dates / n >= 0.92
    assert primary / n >= 0.85
    assert _f1(types) >= 0.93
    assert _f1(spheres) >= 0.93
    assert _f1(places) >= 0.92


@pytest.mark.parametrize(
    ("sentence", "language", "sphere", "present"),
    [
        # organisations by their full names, in Russian too
        (
            "Стороны обсудили взаимодействие в рамках Организации тюркских государств.",
            "ru",
            "multilateral",
            True,
        ),
        (
            "The sides discussed cooperation within the Economic Cooperation Organization.",
            "en",
            "multilateral",
            True,
        ),
        # a pipeline named after a region is no "Central Asia +" format
        (
            "Стороны обсудили строительство газопровода «Центральная Азия – Китай».",
            "ru",
            "multilateral",
            False,
        ),
        (
            "The leaders discussed Line D of the Central Asia – China gas pipeline.",
            "en",
            "multilateral",
            False,
        ),
        # sanitary safety and office names are not security cooperation
        (
            "Стороны обсудили вопросы санитарно-эпидемиологической безопасности на границе.",
            "ru",
            "security",
            False,
        ),
        (
            "The High Representative for Foreign Affairs and Security Policy discussed trade.",
            "en",
            "security",
            False,
        ),
        # consultations between foreign ministries are political-diplomatic (taxonomy.md)
        (
            "Состоялись консультации между внешнеполитическими ведомствами, стороны обсудили повестку.",
            "ru",
            "political-diplomatic",
            True,
        ),
        # training specialists and human resources are cultural-humanitarian
        (
            "The agreement provides for the training of Turkmen specialists in Japan.",
            "en",
            "cultural-humanitarian",
            True,
        ),
        ("Министры обсудили развитие человеческих ресурсов.", "ru", "cultural-humanitarian", True),
    ],
)
def test_general_sphere_cues(sentence: str, language: str, sphere: str, present: bool):
    spheres, _ = find_spheres((sentence,), language)
    assert (sphere in spheres) is present


@pytest.mark.parametrize(
    ("title", "body", "language", "expected", "absent"),
    [
        (
            "President attends Consultative Meeting of Central Asian Heads of State",
            "The President took part in the Consultative Meeting of the Heads of State of Central Asia.",
            "en",
            "summit",
            "meeting",
        ),
        (
            "В Токио прошло заседание министров иностранных дел",
            "Состоялось заседание министров иностранных дел в формате «Центральная Азия + Япония».",
            "ru",
            "summit",
            None,
        ),
        (
            "Состоялся телефонный разговор министров",
            "Стороны договорились о проведении политических консультаций во второй половине года.",
            "ru",
            "phone-call",
            "consultations",
        ),
    ],
)
def test_general_type_rules(title: str, body: str, language: str, expected: str, absent):
    types, primary, _ = find_event_types(title, split_sentences(body), language)
    assert primary == expected
    if absent:
        assert absent not in types


def _sentences() -> list[str]:
    out: list[str] = []
    for folder in (UNSEEN, ROOT / "sample_data"):
        for p in sorted(folder.iterdir()):
            if p.name.endswith(".jsonl") or not p.is_file():
                continue
            for a in read_file(p):
                out += [a.title, *split_sentences(a.body)]
    return out


def test_fast_cue_matching_finds_what_the_plain_alternation_finds():
    """The factored, lower-cased cue patterns are a speed-up only: wherever the plain
    case-insensitive alternation of a cue list matches, they match at the same place."""
    c = cues()
    lists = [c.mask, c.triggers, c.strong, c.background, c.docs]
    lists += list(c.spheres.values()) + list(c.types.values())
    patterns = [p for d in lists for p in d.values() if p is not None]
    texts = _sentences() + [
        "İstanbul hosted the SUMMIT on ENERGY and TRADE; the UN and CIS noted it."
    ]
    for cp in patterns:
        for t in texts:
            a, b = cp.search(t), cp.exact.search(t)
            assert (a is None) == (b is None), (cp.exact.pattern[:80], t)
            if a is not None:
                assert a.start() == b.start(), (cp.exact.pattern[:80], t)


def test_compile_cues_keeps_acronyms_and_flags():
    cp = compile_cues(
        ["\\bUN\\b", "cooperat", "visit\\s+to\\s+(?-i:[A-Z])", "(?:state|national)\\s+univ"]
    )
    assert cp is not None
    assert cp.search("talks at the UN") and not cp.search("a fun run")
    assert cp.search("COOPERATION") and cp.search("a visit to Ankara")
    assert not cp.search("a visit to the region")
    assert cp.search("the National University")
    rx = Caseless(r"\b(?:met|talks)\b")
    assert rx.search("TALKS held") and rx.search("İzmir talks") and not rx.search("metal")


_CUE_PIECES = [
    "ministry of ",
    "Ministry of ",
    "MINISTRY OF ",
    "xministry of ",
    "Energy",
    "energy",
    " ",
    ".",
    "central asia",
    "Central Asia",
    "_central asia",
    "9central",
    "UN",
    "fUN",
    "Министерство",
    "министерство",
    "three-day",
    "3-day",
    "-day",
    " visit",
    " VISIT",
    "state",
    "5 companies",
    "CIS",
    "CSTO",
    "xCIS",
    "Japan",
    " - ",
    "-",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=8))
def test_compiled_cues_find_what_the_plain_alternation_finds(pieces):
    """The letter-first form of each cue group matches where the cue list as written does:
    at a word start only, in either case for case-insensitive cues."""
    text = "".join(pieces)
    for cues_list in (
        [
            "(?i:central)\\s+asia",
            "minist(?:er|ry)\\s+of\\s+(?-i:[A-Z])",
            "\\bUN\\b",
            "министерств",
            "(?:state|\\w+-day)\\s+visit",
            "\\d+\\s+companies",
        ],
        # acronyms: case-sensitive, letter-first whatever their number of letters
        ["\\bUN\\b", "\\bCIS\\b", "\\bCSTO\\b", "\\bSCO\\b", "\\bOSCE\\b", "\\bEAEU\\b"]
        + ["\\bBRICS\\b", "\\bECO\\b", "\\bICT\\b", "[A-Z]\\w+\\s*-\\s*(?i:central\\s+asia)"],
    ):
        cp = compile_cues(cues_list)
        assert cp is not None
        got, want = cp.search(text), cp.exact.search(text)
        assert (got and got.start()) == (want and want.start())
        assert [m.start() for m in cp.finditer(text)][:1] == [
            m.start() for m in cp.exact.finditer(text)
        ][:1]


def test_a_cue_opening_with_any_word_is_searched_only_where_its_literal_part_is():
    cp = compile_cues(["\\w+-day\\s+visit", "talks"])
    assert cp is not None and [n for n, _ in cp.guarded] == ["visit"]
    assert cp.search("a Three-day VISIT to Ankara").group(0) == "Three-day VISIT"
    assert cp.search("a three-day trip") is None
    # a capital, then any word: "Japan-Central Asia" is looked for where "central" is
    cp = compile_cues(["[A-Z]\\w+\\s*-\\s*(?i:central\\s+asia)", "\\bUN\\b"])
    assert cp is not None and [n for n, _ in cp.guarded] == ["central"]
    assert cp.search("the Japan - Central Asia dialogue").group(0) == "Japan - Central Asia"
    assert cp.search("the Japan dialogue") is None


def test_a_list_of_acronyms_opens_each_branch_with_its_capital():
    """Capitals are rare in running text: `re` skips to them, however many letters."""
    from db.extract.text import LETTER_FIRST_MAX, _factored

    acronyms = [f"{chr(ord('A') + i)}X\\b" for i in range(LETTER_FIRST_MAX + 4)]
    assert not _factored(acronyms).startswith("\\b")
    lower = [f"{chr(ord('a') + i)}x\\b" for i in range(LETTER_FIRST_MAX + 4)]
    assert _factored(lower).startswith("\\b")


def test_one_pass_sphere_search_finds_each_spheres_leftmost_cue():
    """The one-pass CueSet is a speed-up only: each sphere's leftmost cue is where its own
    list's search finds it, also when another sphere's cue overlaps it."""
    from db.extract.topics import EVENT_TYPES, SPHERES, _masked

    c = cues()
    texts = _sentences() + [
        "They discussed the Eurasian Economic Union and energy security.",
        "The ministerial meeting of the foreign ministers met at the summit.",
        "İstanbul hosted talks on trade and culture.",
    ]
    for t in texts:
        for lang in ("en", "ru"):
            m = _masked(t, lang)
            for cue_set, lists, labels in (
                (c.sphere_set[lang], c.spheres, SPHERES),
                (c.type_set[lang], c.types, EVENT_TYPES),
            ):
                got = {k: v[0] for k, v in cue_set.first(m).items()}
                want = {}
                for k in labels:
                    hit = lists[k][lang].search(m)
                    if hit is not None:
                        want[k] = hit.start()
                assert got == want, (lang, t)


# The word-start patterns as first written, one `\b(?:...)` each: the letter-first forms
# the finders use must match exactly where these do.
_AS_WRITTEN = {
    "places._FUTURE": r"\b(?:scheduled|will\s+be\s+held|to\s+be\s+held|upcoming|invitation\s+to\s+"
    r"attend)\b|(?<!\w)(?:состоится|пройд[её]т|предстоящ\w*)(?!\w)",
    "topics._SENT_BACKGROUND": r"\b(?:earlier|last\s+met|ago|had\s+last|previously)\b|(?<!\w)"
    r"(?:напомнил\w*|ранее|прошлом\s+году)",
    "topics._HARD_BACKGROUND": r"\b(?:goes\s+back\s+to|go\s+back\s+to|dates\s+back|years\s+ago|"
    r"recalled|in\s+the\s+past)\b|(?<!\w)(?:восход\w*\s+к|напомнил\w*|в\s+прошлом)(?!\w)",
    "topics._SUBORDINATE": r"\b(?:during|within\s+the\s+framework\s+of|in\s+the\s+course\s+of)\b"
    r"|в\s+ходе|в\s+рамках",
    "dates._ARRIVAL": r"\b(?:arrived|arrives|arrival)\b|(?<![а-яё])прибы\w*",
}
_WORD_PIECES = [
    "arrived",
    "Arrival",
    "xarrives",
    "will be held",
    "upcoming",
    "earlier",
    "ago",
    "previously",
    "go back to",
    "in the past",
    "during",
    "в ходе",
    "прибыл",
    "2прибыл",
    "ранее",
    "Состоится",
    "напомнил",
    " ",
    ".",
    "-",
    "_",
    "a",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORD_PIECES), max_size=8))
def test_letter_first_word_patterns_match_where_the_written_ones_do(pieces):
    import db.extract.dates
    import db.extract.places
    import db.extract.topics

    text = "".join(pieces)
    for name, written in _AS_WRITTEN.items():
        module, attr = name.split(".")
        rx = getattr(getattr(db.extract, module), attr)
        want = [m.span() for m in re.finditer(written, text, re.IGNORECASE)]
        assert [m.span() for m in rx.finditer(text)] == want, name


def test_a_word_start_alternation_needs_a_letter_first():
    from db.extract.text import word_start_alternation

    assert re.search(word_start_alternation(["met", r"talks?"], r"\b"), "they met")
    assert not re.search(word_start_alternation(["met"], r"\b"), "helmet")
    with pytest.raises(ValueError):
        word_start_alternation([r"\w+-day"])
