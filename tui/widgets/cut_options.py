"""An OptionList whose prompts are cut to its width beforehand, so heights are counted.

Textual's OptionList learns each option's height by wrapping its prompt, every option
every time the list is refilled: on a keystroke that is most of the time spent drawing
a page of results and the facet panel. The result rows and facet values are already
cut to the list's width, so an option is exactly as tall as its prompt has lines; the
wrapping is left for the few options on screen, when they are drawn.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def line_count(prompt: object) -> int:
    """Lines of a prompt made of whole lines (a Text or a str)."""
    plain = prompt.plain if isinstance(prompt, Text) else str(prompt)
    return plain.count("\n") + 1


class CutOptionList(OptionList):
    """OptionList for prompts that never wrap (each line already fits the width)."""

    def _update_lines(self) -> None:
        cache = getattr(self, "_line_cache", None)
        if cache is None or not hasattr(cache, "index_to_line"):
            super()._update_lines()  # another Textual's internals: its own way
            return
        if not self.scrollable_content_region:
            return
        lines = cache.lines
        next_index = lines[-1][0] + 1 if lines else 0
        options: list[Option] = self.options  # type: ignore[assignment]
        for index in range(next_index, len(options)):
            option = options[index]
            cache.index_to_line[index] = len(lines)
            count = line_count(option.prompt) + option._divider
            cache.heights[index] = count
            lines.extend((index, n) for n in range(count))
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        last_divider = bool(options) and options[-1]._divider
        virtual_size = Size(width, len(lines) - (1 if last_divider else 0))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)
