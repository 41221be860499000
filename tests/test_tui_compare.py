"""Compare, an official's record and the timeline, driven with Pilot on the sample store."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from db.store import Store
from tests.test_tui_store import build_sample_store, no_debounce, settle  # noqa: F401  (no_debounce: autouse)
from tui.app import DiplotuiApp
from tui.screens.browse import BrowseScreen
from tui.screens.compare import CompareScreen, OpenCell
from tui.screens.official import Ask, ChooseSpellings, OfficialPicker, OfficialScreen
from tui.screens.reader import ReaderScreen
from tui.screens.timeline import TimelineScreen
from tui.widgets.results import MARK, ResultsList
from tui.widgets.search_box import SearchBox

SIZE = (140, 40)
TREATY = "a-01-putin-visit-strategic-partnership-treaty.txt"
DECLARATION = "a-09-declaration-deepening-strategic-partnership.txt"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("cmp") / "sample.db")


@pytest.fixture(scope="module")
def ids(store_path: Path) -> dict[str, int]:
    store = Store(store_path)
    try:
        return {Path(f).name: i for i, f in store.conn.execute("select id, file from articles")}
    finally:
        store.close()


async def query(pilot: Pilot, text: str) -> ResultsList:
    """Put a query in the box, wait for the list, focus it."""
    pilot.app.screen.query_one("#search", SearchBox).value = text
    await settle(pilot)
    results = pilot.app.screen.query_one("#results", ResultsList)
    results.focus()
    await pilot.pause()
    return results


async def highlight(pilot: Pilot, results: ResultsList, article_id: int) -> None:
    results.highlighted = next(i for i, r in enumerate(results.rows) if r.id == article_id)
    await settle(pilot)


def prompt_of(results: ResultsList, article_id: int) -> str:
    index = next(i for i, r in enumerate(results.rows) if r.id == article_id)
    return str(results.get_option_at_index(index).prompt)


async def mark_pair(pilot: Pilot, ids: dict[str, int]) -> ResultsList:
    results = await query(pilot, '"strategic partnership"')
    for name in (TREATY, DECLARATION):
        await highlight(pilot, results, ids[name])
        await pilot.press("m")
    await settle(pilot)
    return results


async def test_marking_shows_and_clears(store_path: Path, ids: dict[str, int]) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        results = await mark_pair(pilot, ids)
        assert results.marked == [ids[TREATY], ids[DECLARATION]]
        assert prompt_of(results, ids[TREATY]).startswith(MARK)
        unmarked = next(r.id for r in results.rows if r.id not in results.marked)
        assert not prompt_of(results, unmarked).startswith(MARK)
        count = str(app.screen.query_one("#count", Static).visual)
        assert "2 marked" in count
        await pilot.press("space")  # toggles the highlighted (the declaration) off
        assert results.marked == [ids[TREATY]]
        await pilot.press("M")
        await settle(pilot)
        assert results.marked == []
        assert not prompt_of(results, ids[TREATY]).startswith(MARK)
        assert "marked" not in str(app.screen.query_one("#count", Static).visual)


async def test_compare_opens_on_marked_columns(store_path: Path, ids: dict[str, int]) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await mark_pair(pilot, ids)
        await pilot.press("C")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.comparison is not None
        assert [a.id for a in screen.comparison.articles] == [ids[TREATY], ids[DECLARATION]]
        titles = [c.article_id for c in screen.query(OpenCell)]
        assert titles == [ids[TREATY], ids[DECLARATION]]
        labels = [str(s.visual) for s in screen.query(".cmp-label").results(Static)]
        assert labels[:3] == ["Article", "Date, place", "Event types"]
        assert "Spheres" in labels and "Participants" in labels
        cells = [str(s.visual) for s in screen.query(".cmp-text").results(Static)]
        assert any("= Vladimir Putin" in c for c in cells)  # in both: marked as such
        await pilot.press("2")  # the second column in the reader
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article_id == ids[DECLARATION]


async def test_compare_with_none_marked_suggests_similar(
    store_path: Path, ids: dict[str, int]
) -> None:
    from db.compare import similar_articles

    store = Store(store_path)
    try:
        expected = [ids[TREATY], *similar_articles(store, ids[TREATY], limit=3)]
    finally:
        store.close()
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        results = await query(pilot, '"strategic partnership"')
        await highlight(pilot, results, ids[TREATY])
        await pilot.press("C")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.comparison is not None
        assert [a.id for a in screen.comparison.articles] == expected
        assert len(expected) >= 2
        assert "most similar" in str(screen.query_one("#cmp-head", Static).visual)


async def test_compare_needs_two_marks(store_path: Path, ids: dict[str, int]) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        results = await query(pilot, '"strategic partnership"')
        await highlight(pilot, results, ids[TREATY])
        await pilot.press("m", "C")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)


async def test_export_writes_markdown(
    store_path: Path, ids: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.compare import as_markdown, compare

    monkeypatch.chdir(tmp_path)
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await mark_pair(pilot, ids)
        await pilot.press("C")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        files = list(tmp_path.glob("compare-*.md"))
        assert len(files) == 1
        store = Store(store_path)
        try:
            expected = as_markdown(compare(store, [ids[TREATY], ids[DECLARATION]]))
        finally:
            store.close()
        assert files[0].read_text(encoding="utf-8") == expected
        assert app.clipboard == expected


async def test_record_from_reader_and_filter(store_path: Path, ids: dict[str, int]) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        results = await query(pilot, '"strategic partnership"')
        await highlight(pilot, results, ids[TREATY])
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("O")  # two people: a picker first
        await settle(pilot)
        assert isinstance(app.screen, OfficialPicker)
        picker = app.screen.query_one("#picker", OptionList)
        picker.highlighted = next(
            i
            for i in range(picker.option_count)
            if picker.get_option_at_index(i).id == "putin-vladimir"
        )
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OfficialScreen)
        assert screen.record is not None and screen.record.id == "putin-vladimir"
        table = screen.query_one("#rec-events", DataTable)
        assert table.row_count == len(screen.record.events) >= 2
        assert ids[TREATY] in {e.article_id for e in screen.record.events}
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert app.screen.query_value == "official:putin-vladimir"
        rows = app.screen.query_one("#results", ResultsList)
        assert rows.total == len(screen.record.events)


async def test_record_from_filter_panel(store_path: Path) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one("#facets", OptionList)
        panel.focus()
        panel.highlighted = next(
            i
            for i in range(panel.option_count)
            if (panel.get_option_at_index(i).id or "").startswith("officials\x1f")
        )
        wanted = (panel.highlighted_option.id or "").split("\x1f")[1]  # type: ignore[union-attr]
        await pilot.press("O")
        await settle(pilot)
        assert isinstance(app.screen, OfficialScreen)
        assert app.screen.official_id == wanted


async def test_timeline_opens_and_filters_to_a_period(store_path: Path) -> None:
    from db.timeline import timeline

    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await query(pilot, "lavrov")
        await pilot.press("T")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        store = Store(store_path)
        try:
            expected = timeline(store, "lavrov")
        finally:
            store.close()
        assert screen.timeline is not None
        assert screen.timeline.periods == expected.periods
        periods = screen.query_one("#tl-periods", OptionList)
        assert periods.option_count == len(expected.periods)
        periods.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        first = expected.periods[0]
        assert app.screen.query_value == f"lavrov date:{first}"
        assert app.screen.query_one("#results", ResultsList).total == expected.totals[0]
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert app.screen.timeline.period == "month"  # type: ignore[attr-defined]
        assert all(len(p) == 7 for p in app.screen.timeline.periods)  # type: ignore[attr-defined]


async def test_merge_and_split_from_the_record(tmp_path: Path) -> None:
    from db.officials import get_record
    from tests.test_tui_store import build_fixed_store

    path = build_fixed_store(tmp_path / "fixed.db")
    app = DiplotuiApp(store_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_official_record("meredov-rashid")
        await settle(pilot)
        await pilot.press("g")  # Wang Yi is (wrongly) the same person
        await settle(pilot)
        assert isinstance(app.screen, Ask)
        await pilot.press(*"wang-yi", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OfficialScreen) and screen.record is not None
        assert "Wang Yi" in {s for s, _ in screen.record.spellings}
        await pilot.press("s")  # and split him off again
        await settle(pilot)
        assert isinstance(app.screen, ChooseSpellings)
        spellings = [s for s, _ in screen.record.spellings]
        for _ in range(spellings.index("Wang Yi")):
            await pilot.press("down")
        await pilot.press("space", "enter")
        await settle(pilot)
        assert isinstance(app.screen, Ask)
        await pilot.press(*"Wang Yi", "enter")
        await settle(pilot)
        assert "Wang Yi" not in {s for s, _ in screen.record.spellings}
    store = Store(path)
    try:
        assert "Wang Yi" not in {s for s, _ in get_record(store, "meredov-rashid").spellings}
    finally:
        store.close()
