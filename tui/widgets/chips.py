"""The active filters as removable chips on one line, plus one key to clear them all.

The bar is one widget of one line that is always there: a filter change redraws that
line and nothing else. Chips as widgets of their own were mounted and removed on each
change, and the bar came and went with them: each a layout of the whole screen (70 ms
on a keystroke, here, before a repaint of every pane).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.text import line

HINT = "No filters: pick values in the Filters panel, or type sphere:energy, date:2023…"
CLOSE = " ✕"


class ChipBar(Widget):
    """Shows the filters; the focused chip is removed with Enter (or a click on it)."""

    BINDINGS = [
        Binding("enter", "remove", "Remove filter"),
        Binding("delete,backspace,x", "remove", "Remove filter", show=False),
        Binding("left,h", "move(-1)", "Previous filter", show=False),
        Binding("right,l", "move(1)", "Next filter", show=False),
    ]

    COMPONENT_CLASSES = {"chip", "chip--focused"}  # styled in app.tcss

    cursor: reactive[int] = reactive(0)

    class Remove(Message):
        """A chip was removed: its filter goes."""

        def __init__(self, field: str, value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.chips: list[tuple[str, str, str]] = []  # (field, value, label) per filter
        self.can_focus = False

    def show(self, chips: list[tuple[str, str, str]]) -> None:
        """chips: (field, value, label) for each active filter (the same again: nothing)."""
        if chips == self.chips:
            return
        self.chips = list(chips)
        self.can_focus = bool(chips)
        self.cursor = min(self.cursor, max(len(chips) - 1, 0))
        self.refresh()

    def render(self) -> Text:
        if not self.chips:
            return Text(HINT, style="dim", no_wrap=True, overflow="ellipsis")
        text = Text("Active: ", style="dim", no_wrap=True, overflow="ellipsis")
        for index, (_field, _value, label) in enumerate(self.chips):
            chosen = self.has_focus and index == self.cursor
            face = self.get_component_rich_style(
                "chip--focused" if chosen else "chip", partial=True
            )
            chip = line(f" {label}")
            chip.append(CLOSE + " ", style="bold")
            chip.stylize(face + Style(meta={"chip": index}))
            text.append_text(chip)
            text.append(" ")
        return text

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        """The previous or next chip; past either end, the previous or next pane."""
        target = self.cursor + step
        if 0 <= target < len(self.chips):
            self.cursor = target
        elif step < 0:
            self.app.action_focus_previous()
        else:
            self.app.action_focus_next()

    def action_remove(self) -> None:
        """Remove the chip under the cursor."""
        if 0 <= self.cursor < len(self.chips):
            field, value, _label = self.chips[self.cursor]
            self.post_message(self.Remove(field, value))

    def on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("chip")
        if index is not None:
            event.stop()
            self.cursor = index
            self.action_remove()
