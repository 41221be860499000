"""One figure for the speed of this machine's core, printed beside each bench's own.

The bars of the benches are absolute (articles a second, milliseconds a keystroke), but
the machines they run on differ by two or three times: `sum(range(10**6))`, best of
five, lets two runs on different machines be compared (a recent desktop core: 8-12 ms).
"""

from __future__ import annotations

import timeit


def core_ms() -> float:
    """Milliseconds for sum(range(10**6)) on this core, best of five."""
    return min(timeit.repeat("sum(range(10**6))", number=1, repeat=5)) * 1000
