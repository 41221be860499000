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
        super().__init__(self.face(label), classes="chip", compact=True)
        self.field = field
        self.value = value

    @staticmethod
    def face(label: str) -> Text:
        text = line(label)
        text.append(" ✕", style="bold")
        return text

    def change(self, field: str, value: str, label: str) -> None:
        """Show another filter in this chip (cheaper than a new widget)."""
        self.field, self.value = field, value
        self.label = self.face(label)


class ChipBar(HorizontalGroup):
    """Shows the filters; posts Remove when a chip is pressed."""

    class Remove(Message):
        def __init__(self, field: str, value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

    _shown: list[tuple[str, str, str]] | None = None

    def compose(self):
        yield Static(Text("Active:", style="dim"), classes="chip-label")

    def show(self, chips: list[tuple[str, str, str]]) -> None:
        """chips: (field, value, label) for each active filter (the same again: nothing).

        The chips already mounted are relabelled, and only the difference is mounted or
        removed: a filter change on a large store must not wait for a dozen new widgets."""
        if chips == self._shown:
            return
        self._shown = list(chips)
        self.display = bool(chips)
        mounted = list(self.query_children(Chip))
        for chip, (field, value, label) in zip(mounted, chips, strict=False):
            if (chip.field, chip.value, str(chip.label)) != (field, value, str(Chip.face(label))):
                chip.change(field, value, label)
        if len(mounted) > len(chips):
            self.remove_children(mounted[len(chips) :])
        elif len(chips) > len(mounted):
            self.mount_all(Chip(f, v, lbl) for f, v, lbl in chips[len(mounted) :])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if isinstance(event.button, Chip):
            self.post_message(self.Remove(event.button.field, event.button.value))
