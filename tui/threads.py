"""Thread-worker hygiene: every Textual thread worker runs on a fresh thread, and the
Store opens one sqlite connection per thread, so a worker closes its own connection when
it ends (else every keystroke would leave an open file behind until the app quits)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from db.store import Store

P = ParamSpec("P")
R = TypeVar("R")


def release_connection(store: Store) -> None:
    """Close this thread's connection to the store, if it opened one."""
    store.close_thread()


def releasing(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorate a thread worker's body (under @work) to release its connection at the end."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        finally:
            owner = args[0]
            store = getattr(owner, "store", None) or getattr(owner.app, "store", None)  # type: ignore[attr-defined]
            if store is not None:
                release_connection(store)

    return wrapper
