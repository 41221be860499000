"""Officials in articles written for this test, none of them tuned on: guards generality.

tests/data/unseen_officials holds short English and Russian articles (ministry releases,
wire stories) with partners and officials outside the gazetteer, respellings, case forms,
initials, East Asian name order and people who are not officials; labels.jsonl was
written before the extractor was run on them. The floors sit a little below what the
extractor reaches, so a change that loses generality fails here.
"""

from __future__ import annotations

import json
import unicodedata
from itertools import combinations
from pathlib import Path

import pytest

from db.extract import extract
from db.importers import read_file_report
from db.registry import Registry

DATA = Path(__file__).parent / "data"


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(text.replace(".", ". ").split())


def _role_ok(gold: str, pred: str | None) -> bool:
    g = set(_norm(gold).replace(".", "").split())
    p = set(_norm(pred or "").replace(".", "").split())
    return bool(g and p) and len(g & p) / len(g) >= 0.6


def _f1(tp: int, fp: int, fn: int) -> float:
    if tp == 0:
        return 1.0 if fp == fn == 0 else 0.0
    p, r = tp / (tp + fp), tp / (tp + fn)
    return 2 * p * r / (p + r)


@pytest.fixture(scope="module", params=["unseen_officials", "unseen"])
def scores(request: pytest.FixtureRequest) -> dict[str, float]:
    """The measures over one folder of articles (tests/data/unseen: whole articles,
    labelled in full, with their officials too)."""
    folder = DATA / request.param
    labels = [json.loads(x) for x in (folder / "labels.jsonl").read_text("utf-8").splitlines() if x]
    reg = Registry.from_gazetteer()  # one registry: identity is scored across the files
    tp = fp = fn = roles = countries_ok = n_gold = 0
    ctp = cfp = cfn = 0
    pairs: list[tuple[str, str]] = []
    for gold in labels:
        (article,) = read_file_report(folder / gold["file"]).articles
        facts = extract(article, reg)
        pred = list(facts.officials)
        n_gold += len(gold["officials"])
        for g in gold["officials"]:
            names = {_norm(s) for s in g["as_written"]}
            hit = next((p for p in pred if names & {_norm(s) for s in p.as_written}), None)
            if hit is None:
                fn += 1
                pairs.append((g["id"], f"<missed {gold['file']}>"))
                continue
            pred.remove(hit)
            tp += 1
            pairs.append((g["id"], hit.id))
            roles += _role_ok(g["role"], hit.role)
            countries_ok += _norm(g["country"]) == _norm(hit.country or "")
        fp += len(pred)
        gc, pc = set(gold["countries"]), set(facts.countries)
        ctp, cfp, cfn = ctp + len(gc & pc), cfp + len(pc - gc), cfn + len(gc - pc)
    same = [(a[0] == b[0], a[1] == b[1]) for a, b in combinations(pairs, 2)]
    itp = sum(1 for g, p in same if g and p)
    ifp = sum(1 for g, p in same if p and not g)
    ifn = sum(1 for g, p in same if g and not p)
    return {
        "officials_f1": _f1(tp, fp, fn),
        "identity_f1": _f1(itp, ifp, ifn),
        "role_accuracy": roles / n_gold,
        "country_accuracy": countries_ok / n_gold,
        "countries_f1": _f1(ctp, cfp, cfn),
    }


# Whole articles (tests/data/unseen) name more officials only in passing or in a plural
# role shared by a list ("министры иностранных дел Р.Мередов, Дж.Байрамов и М.Чавушоглу"),
# which the extractor does not hand out to each name: their roles sit lower (0.92).
ROLE_FLOOR = {"unseen_officials": 0.95, "unseen": 0.9}


@pytest.mark.parametrize(
    ("measure", "floor"),
    [
        ("officials_f1", 0.97),
        ("identity_f1", 0.97),
        ("role_accuracy", None),
        ("country_accuracy", 0.9),
        ("countries_f1", 0.95),
    ],
)
def test_unseen_officials_floor(
    scores: dict[str, float], measure: str, floor: float | None, request: pytest.FixtureRequest
) -> None:
    if floor is None:
        floor = ROLE_FLOOR[request.node.callspec.params["scores"]]
    assert scores[measure] >= floor, scores
