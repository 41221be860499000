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

    def refresh(
        self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False
    ):
        """Repaint only: the box is as tall and wide as the screen makes it, whatever it
        holds. Input asks for a layout of the whole screen on every keystroke, and that
        redraws every list's scrollbar (about 10 ms a key on a full screen)."""
        return super().refresh(*regions, repaint=repaint, layout=False, recompose=recompose)

    def action_clear_query(self) -> None:
        """Empty the box (and so every typed filter) in one key."""
        self.value = ""
