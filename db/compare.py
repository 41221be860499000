"""Compare meetings and declarations: what every article shares and what only one has.

The analyst's question is rarely one article ("what changed between the 2017 treaty and
the 2022 declaration?"), so a comparison lines the articles up fact by fact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from db.articles import get_article
from db.models import ArticleDetail
from db.schema import SPHERES
from db.store import Store

MEETING_LIKE = ("meeting", "consultations", "negotiations", "phone-call", "visit", "summit")
DECLARATION_LIKE = ("declaration", "agreement")


@dataclass
class Comparison:
    articles: list[ArticleDetail]
    shared_spheres: list[str] = field(default_factory=list)
    only_spheres: list[list[str]] = field(default_factory=list)  # per article, in order
    shared_officials: list[str] = field(default_factory=list)  # official ids in every article


def compare(store: Store, article_ids: list[int]) -> Comparison:
    """Line up 2 to 4 articles (more are accepted; the screen shows four at a time)."""
    articles = [get_article(store, i) for i in article_ids]
    return comparison_of(articles)


def comparison_of(articles: list[ArticleDetail]) -> Comparison:
    sphere_sets = [set(a.spheres) for a in articles]
    shared = set.intersection(*sphere_sets) if sphere_sets else set()
    only = []
    for n, spheres in enumerate(sphere_sets):
        others = set().union(*(s for m, s in enumerate(sphere_sets) if m != n))
        only.append([s for s in _ordered(spheres) if s not in others])
    people = [{o.id for o in a.officials} for a in articles]
    shared_people = set.intersection(*people) if people and len(people) > 1 else set()
    return Comparison(
        articles=articles,
        shared_spheres=_ordered(shared),
        only_spheres=only,
        shared_officials=sorted(shared_people),
    )


def _ordered(spheres: set[str]) -> list[str]:
    """The taxonomy's order, so that columns read the same way."""
    return [s for s in SPHERES if s in spheres] + sorted(s for s in spheres if s not in SPHERES)


def similar_articles(store: Store, article_id: int, limit: int = 3) -> list[int]:
    """Meetings or declarations most like this one: shared officials weigh most, then
    overlapping spheres, then the same kind of event."""
    conn = store.conn
    base = get_article(store, article_id)
    kinds = DECLARATION_LIKE if base.primary_type in DECLARATION_LIKE else MEETING_LIKE
    scores: dict[int, float] = {}
    ids = [o.id for o in base.officials]
    if ids:
        marks = ", ".join("?" for _ in ids)
        for aid, n in conn.execute(
            f"select article_id, count(*) from article_officials where official_id in ({marks}) "
            f"and article_id != ? group by article_id",
            [*ids, article_id],
        ):
            scores[aid] = scores.get(aid, 0) + 3 * n
    if base.spheres:
        marks = ", ".join("?" for _ in base.spheres)
        for aid, n in conn.execute(
            f"select article_id, count(*) from article_spheres where sphere in ({marks}) "
            f"and article_id != ? group by article_id",
            [*base.spheres, article_id],
        ):
            scores[aid] = scores.get(aid, 0) + n
    if not scores:
        return []
    marks = ", ".join("?" for _ in scores)
    for aid, ptype in conn.execute(
        f"select id, primary_type from articles where id in ({marks})", list(scores)
    ):
        if ptype in kinds:
            scores[aid] += 2
        elif ptype not in MEETING_LIKE + DECLARATION_LIKE:
            scores[aid] -= 5
    ranked = sorted(scores, key=lambda a: (-scores[a], a))
    return ranked[:limit]


def as_json(c: Comparison) -> dict:
    """The comparison for scripts: `articles` and `spheres` {shared, only}."""
    shared_people = set(c.shared_officials)
    return {
        "articles": [
            {
                "id": a.id,
                "file": a.file,
                "title": a.title,
                "date": a.event_date,
                "places": a.places,
                "primary_type": a.primary_type,
                "event_types": a.event_types,
                "spheres": a.spheres,
                "participants": [
                    {
                        "id": o.id,
                        "name": o.name,
                        "role": o.role,
                        "country": o.country,
                        "in_all": o.id in shared_people,
                    }
                    for o in a.officials
                ],
                "summary": a.summary,
                "documents": a.documents,
            }
            for a in c.articles
        ],
        "spheres": {"shared": c.shared_spheres, "only": c.only_spheres},
        "shared_officials": c.shared_officials,
    }


def as_markdown(c: Comparison) -> str:
    """The comparison as a Markdown report: one column per article, row by row."""

    def cell(text: str) -> str:
        return " ".join(text.replace("|", "\\|").split()) or "—"

    shared_people = set(c.shared_officials)
    header = "| | " + " | ".join(cell(a.title) for a in c.articles) + " |"
    rule = "|---|" + "---|" * len(c.articles)
    rows = [
        ("Date", [a.event_date or "unknown" for a in c.articles]),
        ("Places", [", ".join(a.places) for a in c.articles]),
        ("Event types", [", ".join(a.event_types) for a in c.articles]),
        (
            "Participants",
            [
                "; ".join(
                    ("= " if o.id in shared_people else "")
                    + f"{o.name}, {o.role or 'role unknown'} ({o.country or '?'})"
                    for o in a.officials
                )
                for a in c.articles
            ],
        ),
        ("Summary", [a.summary for a in c.articles]),
        ("Documents", ["; ".join(a.documents) for a in c.articles]),
        (
            "Spheres only here",
            ["+ " + ", ".join(only) if only else "" for only in c.only_spheres],
        ),
    ]
    lines = ["# Comparison", "", header, rule]
    lines += [f"| {name} | " + " | ".join(cell(v) for v in values) + " |" for name, values in rows]
    lines += [
        "",
        f"**Spheres shared by all:** {', '.join(c.shared_spheres) or 'none'}",
        "",
        "`=` marks a participant present in every article; `+` the spheres only that article has.",
        "",
    ]
    return "\n".join(lines)


def dumps(c: Comparison) -> str:
    return json.dumps(as_json(c), ensure_ascii=False, indent=2)
