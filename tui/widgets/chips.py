"""The active filters as removable chips, plus one key to clear them all."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.message import Message
from textual.widgets import Button, Static

from tui.text import line


class Chip(Button):
    """One active filter; pressing it (Enter, Delete or a click) removes it."""

    BINDINGS = [
        Binding("enter", "press", "Remove filter"),
        Binding("delete,backspace,x", "press", "Remove filter", show=False),
        Binding("left,h", "app.focus_previous", "Previous", show=False),
        Binding("right,l", "app.focus_next", "Next", show=False),
    ]

    def __init__(self, field: str, value: str, label: str) -> None:
        text = line(label)
        text.append(" ✕", style="bold")
        super().__init__(text, classes="chip", compact=True)
        self.field = field
        self.value = value


class ChipBar(HorizontalGroup):
    """Shows the filters; posts Remove when a chip is pressed."""

    class Remove(Message):
        def __init__(self, field: str, value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

    _shown: list[tuple[str, str, str]] | None = None

    def show(self, chips: list[tuple[str, str, str]]) -> None:
        """chips: (field, value, label) for each active filter (the same again: nothing)."""
        if chips == self._shown:
            return
        self._shown = list(chips)
        self.remove_children()
        if not chips:
            self.display = False
            return
        self.display = True
        widgets = [Static(Text("Active:", style="dim"), classes="chip-label")]
        widgets += [Chip(f, v, lbl) for f, v, lbl in chips]
        self.mount_all(widgets)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if isinstance(event.button, Chip):
            self.post_message(self.Remove(event.button.field, event.button.value))
