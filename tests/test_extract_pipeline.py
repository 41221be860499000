"""End to end: extract() over sample_data against tests/data/labels.jsonl, with floors."""

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from db.extract import extract
from db.importers import read_file
from db.models import ParsedArticle

ROOT = Path(__file__).resolve().parent.parent


def _f1(pairs):
    tp = sum(len(g & p) for g, p in pairs)
    fp = sum(len(p - g) for g, p in pairs)
    fn = sum(len(g - p) for g, p in pairs)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def test_floors_on_sample_data():
    gold = {}
    for line in (ROOT / "tests" / "data" / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["file"]] = row
    dates = primary = 0
    types, spheres, places = [], [], []
    n = 0
    for path in sorted((ROOT / "sample_data").iterdir()):
        if path.name not in gold:
            continue
        g = gold[path.name]
        x = extract(read_file(path)[0])
        n += 1
        dates += x.date == g["date"]
        primary += x.primary_type == g["primary_type"]
        types.append((set(g["event_types"]), set(x.event_types)))
        spheres.append((set(g["spheres"]), set(x.spheres)))
        places.append((set(g["places"]), set(x.places)))
    assert n >= 25
    assert dates / n >= 0.95
    assert primary / n >= 0.9
    assert _f1(types) >= 0.93
    assert _f1(spheres) >= 0.93
    assert _f1(places) >= 0.9


def test_evidence_and_summary_present():
    a = ParsedArticle(
        title="Ministers hold talks in Ashgabat",
        body="On May 4, 2023, the ministers held talks in Ashgabat and discussed trade and energy.",
    )
    x = extract(a)
    assert x.date == "2023-05-04" and x.date_source == "text"
    assert x.primary_type == "negotiations" and x.places == ["Ashgabat"]
    assert {"trade-economic", "energy"} <= set(x.spheres)
    assert any(e.kind == "sphere" for e in x.evidence) and x.summary


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=200), st.text(max_size=400))
def test_arbitrary_text_never_raises(title, body):
    extract(ParsedArticle(title=title, body=body, published="2023-05-06"))


def test_extracting_many_at_once_gives_what_one_by_one_gives():
    """extract_many runs each finder over all the articles in turn: the facts, evidence and
    official ids are the same as extracting the articles one by one, in order."""
    from db.extract import extract_many
    from db.registry import Registry

    articles = [read_file(p)[0] for p in sorted((ROOT / "sample_data").iterdir())]
    one_reg, many_reg = Registry.from_gazetteer(), Registry.from_gazetteer()
    one_by_one = [extract(a, one_reg) for a in articles]
    at_once = extract_many(articles, many_reg)
    assert len(at_once) == len(articles) > 20
    assert at_once == one_by_one
    assert sorted(p[0] for p in many_reg.known()) == sorted(p[0] for p in one_reg.known())
