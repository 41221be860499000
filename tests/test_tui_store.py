"""Stores for the TUI tests (no tests here): hand-written articles with fixed facts, so
the snapshots do not move when the extractor changes, and the real sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.models import Evidence, Extraction, OfficialMention, ParsedArticle
from db.store import Store

SAMPLE_DATA = Path(__file__).resolve().parent.parent / "sample_data"

MEREDOV = OfficialMention(
    "meredov-rashid",
    "Rashid Meredov",
    ["Rashid Meredov", "Meredov"],
    "Foreign Minister",
    "Turkmenistan",
)
LAVROV = OfficialMention(
    "lavrov-sergei", "Sergei Lavrov", ["Sergei Lavrov", "Lavrov"], "Foreign Minister", "Russia"
)
GALUZIN = OfficialMention(
    "galuzin-mikhail", "Mikhail Galuzin", ["Михаил Галузин"], "Deputy Foreign Minister", "Russia"
)
WANG = OfficialMention("wang-yi", "Wang Yi", ["Wang Yi"], "Foreign Minister", "China")

HOSTILE_TITLE = "Talks [bold red]x[/] and [@click=app.quit]quit[/] \x1b[2J\u202eevil"
HOSTILE_BODY = (
    "The minister said [bold red]x[/] twice to a quokka.\n\nA clear-screen \x1b[2J and an OSC "
    "\x1b]0;pwned\x07 title, a bell \x07 and a bidi \u202eoverride."
)

ARTICLES: list[tuple[str, ParsedArticle, Extraction]] = [
    (
        "m-01-meredov-lavrov-moscow.txt",
        ParsedArticle(
            "Meredov and Lavrov discuss Caspian cooperation in Moscow",
            "Rashid Meredov met Sergei Lavrov in Moscow. Lavrov praised the strategic partnership "
            "and the sides discussed gas supplies and Caspian security.",
            published="2023-04-12",
            source_url="https://example.org/m-01",
        ),
        Extraction(
            date="2023-04-11",
            primary_type="meeting",
            event_types=["meeting", "negotiations"],
            spheres=["political-diplomatic", "energy"],
            officials=[MEREDOV, LAVROV],
            countries=["Russia"],
            places=["Moscow"],
            summary="Foreign ministers met in Moscow.",
            evidence=[
                Evidence(
                    "event_type", "meeting", "met", "Rashid Meredov met Sergei Lavrov in Moscow."
                )
            ],
        ),
    ),
    (
        "m-02-galuzin-ashgabat.txt",
        ParsedArticle(
            "Михаил Галузин провёл консультации в Ашхабаде",
            "Заместитель министра Михаил Галузин провёл консультации с Мередовым в Ашхабаде.",
            published="2022-10-03",
            source_url="https://example.org/m-02",
        ),
        Extraction(
            date="2022-10-03",
            primary_type="consultations",
            event_types=["consultations"],
            spheres=["political-diplomatic"],
            officials=[
                GALUZIN,
                OfficialMention(
                    "meredov-rashid",
                    "Rashid Meredov",
                    ["Мередовым"],
                    "Foreign Minister",
                    "Turkmenistan",
                ),
            ],
            countries=["Russia"],
            places=["Ashgabat"],
            language="ru",
        ),
    ),
    (
        "m-03-wang-yi-call.txt",
        ParsedArticle(
            "Wang Yi and Meredov hold a phone call on energy",
            "Chinese Foreign Minister Wang Yi spoke by phone with Rashid Meredov about gas pipelines.",
            published="2023-08-20",
            source_url="https://example.org/m-03",
        ),
        Extraction(
            date="2023-08-20",
            primary_type="phone-call",
            event_types=["phone-call"],
            spheres=["energy"],
            officials=[WANG, MEREDOV],
            countries=["China"],
        ),
    ),
    (
        "m-04-transport-forum.txt",
        ParsedArticle(
            "Transport forum opens in Turkmenbashi",
            "A transport and transit forum opened in Turkmenbashi with delegations from the region.",
            published="2021-06-01",
        ),
        Extraction(
            date="2021-06-01",
            primary_type="summit",
            event_types=["summit"],
            spheres=["transport-transit"],
            countries=["Kazakhstan"],
            places=["Turkmenbashi"],
        ),
    ),
    (
        "m-05-hostile-[bold]\x1b[31m.txt",
        ParsedArticle(
            HOSTILE_TITLE,
            HOSTILE_BODY,
            published="2020-01-15",
            source_url="https://example.org/[red]x",
        ),
        Extraction(
            date="2020-01-15", primary_type="meeting", event_types=["meeting"], countries=["Russia"]
        ),
    ),
]


def write_articles(store: Store, articles=ARTICLES) -> None:
    """Write hand-made articles with their facts (bypassing the extractor)."""
    from db.writer import content_hash, write_article

    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    for file, article, facts in articles:
        write_article(conn, file, article, facts, content_hash(article))
    conn.execute("COMMIT")


def build_fixed_store(path: Path) -> Path:
    store = Store(path)
    try:
        write_articles(store)
    finally:
        store.close()
    return path


def build_sample_store(path: Path) -> Path:
    """The real sample corpus through the importer, plus the hand-made articles."""
    store = Store(path)
    try:
        try:
            from db.extract import extract  # noqa: F401
            from db.importing import import_paths

            import_paths(store, [SAMPLE_DATA])
        except ImportError:  # extractor not there yet
            pass
        write_articles(store)
    finally:
        store.close()
    return path


@pytest.fixture(autouse=True)
def no_debounce(monkeypatch: pytest.MonkeyPatch) -> None:
    """Timers of zero: the tests wait for workers, not for the clock (autouse in the
    modules that import it)."""
    import tui.screens.browse as browse_module

    monkeypatch.setattr(browse_module, "DEBOUNCE_S", 0.0)
    monkeypatch.setattr(browse_module, "READER_DELAY_S", 0.0)
    monkeypatch.setattr(browse_module, "SEARCHING_NOTE_S", 0.0)


async def settle(pilot) -> None:
    """Let the (zero) debounce timers fire and every worker finish, twice over."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
