"""Screenshots of the compare view (wide and 80 columns) and an official's record.

The fixed hand-made store (no extractor, no clock) keeps them deterministic. Update with
`pytest tests/test_tui_compare_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.test_tui_store import build_fixed_store, no_debounce, settle  # noqa: F401  (no_debounce: autouse)
from tui.app import DARK, DiplotuiApp
from tui.widgets.results import ResultsList
from tui.widgets.search_box import SearchBox


@pytest.fixture(scope="module")
def fixed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixed_store(tmp_path_factory.mktemp("snap-cmp") / "fixed.db")


def make_app(store: Path) -> DiplotuiApp:
    app = DiplotuiApp(store_path=store)
    app.theme = DARK
    return app


async def compare_two(pilot: Pilot) -> None:
    """Mark the Moscow meeting and the Wang Yi call (both with Meredov), then compare."""
    box = pilot.app.screen.query_one("#search", SearchBox)
    box.cursor_blink = False
    box.value = "meredov"
    await settle(pilot)
    results = pilot.app.screen.query_one("#results", ResultsList)
    results.focus()
    for n, row in enumerate(results.rows):
        if row.title.startswith(("Meredov and Lavrov", "Wang Yi")):
            results.highlighted = n
            await pilot.press("m")
    assert len(results.marked) == 2
    await pilot.press("C")
    await settle(pilot)


def test_compare_wide(snap_compare, fixed_store: Path) -> None:
    assert snap_compare(make_app(fixed_store), terminal_size=(140, 40), run_before=compare_two)


def test_compare_80_columns(snap_compare, fixed_store: Path) -> None:
    assert snap_compare(make_app(fixed_store), terminal_size=(80, 30), run_before=compare_two)


def test_official_record(snap_compare, fixed_store: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        pilot.app.screen.query_one("#search", SearchBox).cursor_blink = False
        await settle(pilot)
        pilot.app.action_official_record("meredov-rashid")  # type: ignore[attr-defined]
        await settle(pilot)

    assert snap_compare(make_app(fixed_store), terminal_size=(120, 36), run_before=run_before)
