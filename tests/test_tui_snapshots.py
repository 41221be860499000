"""Screenshots of the main screen, a filtered search, the reader and help, dark and light.

A fixed hand-made store (no extractor, no clock) and a fixed terminal size keep them
deterministic. Update with `pytest tests/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.test_tui_store import build_fixed_store, no_debounce, settle  # noqa: F401  (no_debounce: autouse)
from tui.app import DARK, LIGHT, DiplotuiApp
from tui.widgets.search_box import SearchBox

SIZE = (120, 36)


@pytest.fixture(scope="module")
def fixed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixed_store(tmp_path_factory.mktemp("snap") / "fixed.db")


def make_app(store: Path, theme: str) -> DiplotuiApp:
    app = DiplotuiApp(store_path=store)
    app.theme = theme
    return app


async def _start(pilot: Pilot, query: str = "") -> None:
    box = pilot.app.screen.query_one("#search", SearchBox)
    box.cursor_blink = False
    if query:
        box.value = query
    await settle(pilot)


@pytest.mark.parametrize("theme", [DARK, LIGHT])
def test_main_screen(snap_compare, fixed_store: Path, theme: str) -> None:
    assert snap_compare(make_app(fixed_store, theme), terminal_size=SIZE, run_before=_start)


@pytest.mark.parametrize("theme", [DARK, LIGHT])
def test_filtered_search(snap_compare, fixed_store: Path, theme: str) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _start(pilot, "meredov sphere:energy")

    assert snap_compare(make_app(fixed_store, theme), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("theme", [DARK, LIGHT])
def test_reader(snap_compare, fixed_store: Path, theme: str) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _start(pilot, "lavrov")
        await pilot.press("escape", "enter")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)

    assert snap_compare(make_app(fixed_store, theme), terminal_size=SIZE, run_before=run_before)


def test_hostile_text(snap_compare, fixed_store: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _start(pilot, "quokka")

    assert snap_compare(make_app(fixed_store, DARK), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, fixed_store: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _start(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(make_app(fixed_store, DARK), terminal_size=SIZE, run_before=run_before)


def test_narrow_terminal(snap_compare, fixed_store: Path) -> None:
    """80 columns: filters and list only; the reader opens full screen."""
    assert snap_compare(make_app(fixed_store, DARK), terminal_size=(80, 24), run_before=_start)
