"""The query box: free words, "phrases" and field:value filters, searched as you type."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

PLACEHOLDER = 'Search: words, "a phrase", official:lavrov sphere:energy type:visit date:2023 …'


class SearchBox(Input):
    """An Input whose every change re-runs the search (the screen listens to Changed)."""

    BINDINGS = [
        Binding("down", "screen.focus_results", "To results", show=False),
        Binding("ctrl+u", "clear_query", "Clear query"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder=PLACEHOLDER, select_on_focus=False, **kwargs)

    def action_clear_query(self) -> None:
        """Empty the box (and so every typed filter) in one key."""
        self.value = ""
