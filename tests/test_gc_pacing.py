"""The collector runs between keystrokes, and the app gives it back as it found it."""

from __future__ import annotations

import gc
from pathlib import Path

from tests.test_tui_store import build_sample_store, no_debounce, settle  # noqa: F401
from tui.app import DiplotuiApp
from tui.gc_pacing import IDLE_S, YOUNG_CAP, GcPacer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def garbage(n: int) -> list:
    return [[i] for i in range(n)]  # tracked containers: they raise the young count


def test_collects_when_idle_not_while_busy() -> None:
    clock = Clock()
    pacer = GcPacer(clock)
    pacer.start()
    try:
        assert not gc.isenabled()
        keep = garbage(gc.get_threshold()[0] * 2)
        pacer.busy()
        assert pacer.tick() is None  # a keystroke is under way: wait
        clock.now += IDLE_S + 0.01
        assert pacer.tick() in (1, 2)  # a pause: collect
        assert gc.get_count()[0] < gc.get_threshold()[0]
        del keep
    finally:
        pacer.stop()
    assert gc.isenabled()


def test_collects_anyway_when_too_much_piles_up() -> None:
    clock = Clock()
    pacer = GcPacer(clock)
    pacer.start()
    try:
        keep = garbage(YOUNG_CAP + 10)
        pacer.busy()
        assert pacer.tick() == 1
        del keep
    finally:
        pacer.stop()


def test_freeze_waits_for_a_pause_and_stop_unfreezes() -> None:
    clock = Clock()
    pacer = GcPacer(clock)
    pacer.start()
    try:
        pacer.freeze_when_idle()
        pacer.busy()
        pacer.tick()
        assert not pacer.frozen
        clock.now += IDLE_S + 0.01
        assert pacer.tick() == 2
        assert pacer.frozen and gc.get_freeze_count() > 0
    finally:
        pacer.stop()
    assert gc.get_freeze_count() == 0 and gc.isenabled()


async def test_the_app_hands_collection_back_on_exit(tmp_path: Path) -> None:
    app = DiplotuiApp(store_path=build_sample_store(tmp_path / "s.db"))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert not gc.isenabled()  # the pacer collects between keystrokes
    assert gc.isenabled()
