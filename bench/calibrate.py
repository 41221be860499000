"""One figure for the speed of this machine's core, printed beside each bench's own.

The bars of the benches are absolute (articles a second, milliseconds a keystroke), but
the machines they run on differ by two or three times: `sum(range(10**6))`, best of
five, lets two runs on different machines be compared (a recent desktop core: 8-12 ms).
It measures the interpreter too: on one machine here, pyenv's default build of CPython
3.11 (no profile-guided or link-time optimisation, a shared library) took 19 ms where
Debian's CPython 3.11 took 9 (benches that spend their time in C slow less: import
1.0-1.5 times in runs here); `interpreter()` names the Python, to read the figures by.
"""

from __future__ import annotations

import platform
import sys
import timeit


def core_ms() -> float:
    """Milliseconds for sum(range(10**6)) on this core, best of five."""
    return min(timeit.repeat("sum(range(10**6))", number=1, repeat=5)) * 1000


def interpreter() -> str:
    """The Python running the bench: implementation, version and executable."""
    return f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})"
