"""db.compare on the sample corpus: shared and distinct spheres, similar articles, export."""

from __future__ import annotations

from pathlib import Path

from db.articles import get_article
from db.compare import (
    DECLARATION_LIKE,
    MEETING_LIKE,
    as_markdown,
    compare,
    comparison_of,
    similar_articles,
)
from db.models import ArticleDetail, OfficialMention
from db.store import Store

TREATY = "a-01-putin-visit-strategic-partnership-treaty.txt"
DECLARATION = "a-09-declaration-deepening-strategic-partnership.txt"


def article_id(store: Store, name: str) -> int:
    for i, f in store.conn.execute("select id, file from articles"):
        if Path(f).name == name:
            return i
    raise AssertionError(name)


def test_shared_and_only_spheres_of_treaty_and_declaration(sample_store: Store) -> None:
    a, b = article_id(sample_store, TREATY), article_id(sample_store, DECLARATION)
    c = compare(sample_store, [a, b])
    first, second = get_article(sample_store, a), get_article(sample_store, b)
    assert set(c.shared_spheres) == set(first.spheres) & set(second.spheres)
    assert set(c.only_spheres[0]) == set(first.spheres) - set(second.spheres)
    assert set(c.only_spheres[1]) == set(second.spheres) - set(first.spheres)
    assert "political-diplomatic" in c.shared_spheres  # both are Kremlin-level politics
    assert c.only_spheres[0] and c.only_spheres[1]  # and each has spheres of its own
    assert "putin-vladimir" in c.shared_officials  # Putin signs both
    assert not set(c.shared_spheres) & set(c.only_spheres[0] + c.only_spheres[1])


def test_similar_articles_are_meetings_or_declarations_sharing_officials(
    sample_store: Store,
) -> None:
    base = get_article(sample_store, article_id(sample_store, TREATY))
    similar = similar_articles(sample_store, base.id, limit=3)
    assert 1 <= len(similar) <= 3 and base.id not in similar
    people = {o.id for o in base.officials}
    top = get_article(sample_store, similar[0])
    assert people & {o.id for o in top.officials}
    for aid in similar:
        assert get_article(sample_store, aid).primary_type in MEETING_LIKE + DECLARATION_LIKE


def _article(
    i: int, title: str, spheres: list[str], people: list[OfficialMention]
) -> ArticleDetail:
    return ArticleDetail(
        id=i,
        file=f"x-{i}.txt",
        title=title,
        body="",
        event_date=f"202{i}-01-0{i}",
        primary_type="meeting",
        event_types=["meeting"],
        spheres=spheres,
        officials=people,
        places=["Ashgabat"],
        summary=f"Summary {i} | piped.",
        documents=[f"Doc {i}"] if i == 1 else [],
    )


def test_markdown_export_is_the_expected_text() -> None:
    meredov = OfficialMention(
        "meredov-rashid", "Rashid Meredov", [], "Foreign Minister", "Turkmenistan"
    )
    lavrov = OfficialMention("lavrov-sergei", "Sergei Lavrov", [], None, "Russia")
    c = comparison_of(
        [
            _article(1, "Talks one", ["energy", "political-diplomatic"], [meredov, lavrov]),
            _article(2, "Talks two", ["energy", "transport-transit"], [meredov]),
        ]
    )
    assert as_markdown(c) == "\n".join(
        [
            "# Comparison",
            "",
            "| | Talks one | Talks two |",
            "|---|---|---|",
            "| Date | 2021-01-01 | 2022-01-02 |",
            "| Places | Ashgabat | Ashgabat |",
            "| Event types | meeting | meeting |",
            "| Participants | = Rashid Meredov, Foreign Minister (Turkmenistan); Sergei Lavrov, "
            "role unknown (Russia) | = Rashid Meredov, Foreign Minister (Turkmenistan) |",
            "| Summary | Summary 1 \\| piped. | Summary 2 \\| piped. |",
            "| Documents | Doc 1 | — |",
            "| Spheres only here | + political-diplomatic | + transport-transit |",
            "",
            "**Spheres shared by all:** energy",
            "",
            "`=` marks a participant present in every article; `+` the spheres only that "
            "article has.",
            "",
        ]
    )
