"""Speed of the app on a large store: startup, keystrokes, memory, against a naive baseline.

    python bench/run.py [--articles 100000] [--store FILE]

Builds a store of N articles (bench/build_store.py: a few thousand imported generated
articles, copied in SQL with shifted dates; the copies share text) unless --store names
one, then drives the real app with Pilot and prints `name: value` lines:

- startup_s_empty / startup_s_full: launch to a usable screen (list and counts shown), each
  launch after a collection of the last one's garbage, as in a new process;
- keystroke_p50_ms / keystroke_p95_ms: a key press to the list AND the facet counts
  painted on screen (the refresh after they were set; or the moment they were set, when
  they changed nothing on screen and no refresh follows), over typical queries typed key
  by key (a typo'd name, a Cyrillic name, two words, filter changes). Typing starts
  once the app is idle after startup, with a person's pause (0.12 s) before each key;
- naive_keystroke_p95_ms: rapidfuzz over every article's text with no index, per
  keystroke, measured in the same run (the query function alone, so it flatters naive);
- keystroke_set_p50_ms / keystroke_set_p95_ms: the same keys, to the moment the list and
  the counts are set in their widgets (before the paint): the search's share;
- rss_mb: peak resident memory of this process while it ran the app (the launches and the
  typing), before the naive baseline loads every article's text; rss_mb_with_naive after;
- core_ms: this core's speed (bench/calibrate.py), to compare runs on other machines.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import tui  # noqa: E402,F401  (before Textual, as `diplotui` does: it sets the frame rate)
from bench.calibrate import core_ms, interpreter  # noqa: E402

QUERIES = ["Galuzn", "Мередов", "strategic partnership", "gas pipeline"]
STARTS = 8  # launches of each store, alternated; the fastest of each is kept (this machine
# varies by 0.13-0.26 s between launches of the same store, so four of each left the ratio
# to chance)
FILTER_QUERIES = ["sphere:energy", "type:visit", "country:china date:2020..2023"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


async def drive(
    store_path: Path, typing: bool, show_keys: bool = False
) -> tuple[float, list[float], list[float]]:
    """Start the app; if typing, type the queries.

    Returns (startup_s, keystroke_ms to the paint, keystroke_ms to the widgets set)."""
    from textual.screen import Screen
    from textual.widgets import Input

    import tui.screens.browse as browse
    from tui.app import DiplotuiApp

    settled: dict[str, float] = {}
    original = browse.BrowseScreen.on_results

    pending: dict[str, int] = {}
    # Waiting on an event, not polling: a poll every millisecond takes the GIL from the
    # search thread each time and would slow what it measures.
    painted = asyncio.Event()
    original_refresh = Screen._compositor_refresh

    def on_results(self, message):  # the list and the counts are set: wait for the paint
        original(self, message)
        if message.generation == self.generation and message.facets is not None:
            settled["set"] = time.perf_counter()
            pending["generation"] = message.generation
            self.call_after_refresh(nothing_to_paint, self)

    def nothing_to_paint(screen) -> None:
        """The counts changed nothing on screen (the list was painted before them): the
        screen is up to date now, and no paint would come to say so."""
        if "generation" not in pending:
            return  # painted
        if screen._dirty_widgets or screen._layout_required or screen._repaint_required:
            return
        if any(w._repaint_required for w in screen.walk_children()):
            return
        settled["t"] = time.perf_counter()
        settled["generation"] = pending.pop("generation")
        painted.set()

    def compositor_refresh(self) -> None:  # the screen's next update after them: painted
        original_refresh(self)
        if "generation" in pending:
            settled["t"] = time.perf_counter()
            settled["generation"] = pending.pop("generation")
            painted.set()

    browse.BrowseScreen.on_results = on_results
    Screen._compositor_refresh = compositor_refresh
    try:
        started = time.perf_counter()
        app = DiplotuiApp(store_path=store_path)
        async with app.run_test(size=(140, 40)) as pilot:
            while "t" not in settled:
                await painted.wait()
                painted.clear()
            startup = settled["t"] - started
            times: list[float] = []
            set_times: list[float] = []  # to the widgets holding them, before the paint
            labels: list[str] = []
            if typing:
                # a person starts typing once the screen is there: after startup's last
                # messages (the footer's keys are composed just after the first paint)
                await pilot.pause()
                screen = app.screen
                box = screen.query_one("#search", Input)

                async def wait_settled(generation_before: int) -> float:
                    while not (
                        settled.get("generation", 0) > generation_before
                        and screen._searched == box.value
                        and settled["generation"] == screen.generation
                    ):
                        await painted.wait()
                        painted.clear()
                    return settled["t"]

                for query in QUERIES:
                    box.value = ""
                    await wait_settled(screen.generation - 1)
                    await asyncio.sleep(0.12)  # the same pace before a query's first key
                    for ch in query:
                        before = screen.generation
                        t0 = time.perf_counter()
                        await pilot.press(ch if ch != " " else "space")
                        t1 = await wait_settled(before)
                        times.append((t1 - t0) * 1000)
                        set_times.append((settled["set"] - t0) * 1000)
                        labels.append(box.value)
                        await asyncio.sleep(0.12)  # a person's pace between keys
                box.value = ""
                await wait_settled(screen.generation - 1)
                for query in FILTER_QUERIES:  # a filter change: the panel rewrites the box
                    before = screen.generation
                    t0 = time.perf_counter()
                    box.value = query
                    t1 = await wait_settled(before)
                    times.append((t1 - t0) * 1000)
                    set_times.append((settled["set"] - t0) * 1000)
                    labels.append(query)
                    await asyncio.sleep(0.12)
        if show_keys:
            for label, ms, set_ms in zip(labels, times, set_times, strict=True):
                print(f"  {ms:7.1f} ms (set {set_ms:5.1f})  {label}")
        return startup, times, set_times
    finally:
        browse.BrowseScreen.on_results = original
        Screen._compositor_refresh = original_refresh


def naive_keystrokes(store_path: Path) -> list[float]:
    """rapidfuzz over every article's title and body, no index: the baseline."""
    from rapidfuzz import fuzz, process

    from db.store import Store

    with Store(store_path) as store:
        texts = [r[0] for r in store.conn.execute("select title || ' ' || body from articles")]
    times = []
    for query in QUERIES:
        for n in range(1, len(query) + 1, 2):  # every other prefix: the baseline is slow
            t0 = time.perf_counter()
            process.extract(query[:n], texts, scorer=fuzz.partial_ratio, limit=100)
            times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--store", type=Path, default=None, help="use this store, do not build one")
    parser.add_argument("--keys", action="store_true", help="print each keystroke's time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.db"
        from db.store import Store

        Store(empty).close()
        store = args.store
        if store is None:
            from bench.build_store import build

            store = Path(tmp) / "full.db"
            build_s = build(store, args.articles, base=min(2000, args.articles))
            print(f"build_s: {build_s:.1f}")
        with Store(store) as s:
            print(f"articles: {s.article_count()}")
        empties, fulls = [], []
        for _ in range(STARTS):  # alternated: a drift of the machine's speed hits both
            # each launch from a heap without the last one's garbage, as in a new process
            gc.collect()
            empties.append(asyncio.run(drive(empty, typing=False))[0])
            gc.collect()
            fulls.append(asyncio.run(drive(store, typing=False))[0])
        gc.collect()
        startup_empty, startup_full = min(empties), min(fulls)
        _, keys, keys_set = asyncio.run(drive(store, typing=True, show_keys=args.keys))
        app_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before naive's texts
        naive = naive_keystrokes(store)
        print(f"startup_s_empty: {startup_empty:.3f}")
        print(f"startup_s_full: {startup_full:.3f}")
        print(f"startup_ratio: {startup_full / startup_empty:.2f}")
        print(f"keystrokes: {len(keys)}")
        print(f"keystroke_p50_ms: {statistics.median(keys):.1f}")
        print(f"keystroke_p95_ms: {percentile(keys, 95):.1f}")
        print(f"keystroke_max_ms: {max(keys):.1f}")
        print(f"keystroke_set_p50_ms: {statistics.median(keys_set):.1f}")
        print(f"keystroke_set_p95_ms: {percentile(keys_set, 95):.1f}")
        print(f"naive_keystroke_p50_ms: {statistics.median(naive):.1f}")
        print(f"naive_keystroke_p95_ms: {percentile(naive, 95):.1f}")
        print(f"rss_mb: {app_rss:.0f}")
        print(f"rss_mb_with_naive: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
        print(f"core_ms: {core_ms():.1f}  (sum(range(10**6)); a recent desktop core: 8-12)")
        print(f"python: {interpreter()}")


if __name__ == "__main__":
    main()
