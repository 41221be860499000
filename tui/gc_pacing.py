"""Garbage collection between keystrokes rather than in the middle of one.

Drawing a screen in Textual allocates many short-lived objects, so CPython's collector
runs often while a keystroke's results are painted; measured on a 100k-article store,
its full collections took 100-190 ms each and made the slowest keystrokes. The app
turns automatic collection off while it runs and collects when the user pauses (no
key, no search for IDLE_S), with a cap so that memory stays bounded during long bursts
of activity. What startup built (the caches of the store) is frozen once, so later
full collections do not walk it again.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

IDLE_S = 0.3  # a pause this long is a good moment to collect
TICK_S = 0.25  # how often the pacer looks
FULL_EVERY = 20  # every Nth idle collection is a full one
YOUNG_CAP = 200_000  # this many new objects are collected even without a pause


class GcPacer:
    """Run the collector when the app is idle (call `busy()` on every keystroke)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_busy = clock()
        self._collections = 0
        self._was_enabled = gc.isenabled()
        self.active = False
        self.frozen = False
        self._freeze_pending = False

    def start(self) -> None:
        """Take over from the automatic collector."""
        self._was_enabled = gc.isenabled()
        gc.disable()
        self.active = True

    def stop(self) -> None:
        """Give collection back to CPython, as it was (and unfreeze what was frozen)."""
        if not self.active:
            return
        self.active = False
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
        if self._was_enabled:
            gc.enable()

    def freeze_when_idle(self) -> None:
        """Startup is over (any thread may say so): at the next pause, what exists then
        lives as long as the app, so it is frozen and later collections skip it."""
        self._freeze_pending = True

    def busy(self) -> None:
        self._last_busy = self._clock()

    def tick(self) -> int | None:
        """Collect if the app is idle (or too much piled up); the generation collected."""
        if not self.active:
            return None
        young = gc.get_count()[0]
        idle = self._clock() - self._last_busy >= IDLE_S
        if idle and self._freeze_pending and not self.frozen:
            gc.collect()  # no garbage left behind in the frozen generation
            gc.freeze()
            self.frozen = True
            self._freeze_pending = False
            return 2
        if young < gc.get_threshold()[0] or (not idle and young < YOUNG_CAP):
            return None
        self._collections += 1
        generation = 2 if idle and self._collections % FULL_EVERY == 0 else 1
        gc.collect(generation)
        return generation
