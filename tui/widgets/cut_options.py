"""An OptionList whose prompts are cut to its width beforehand, so heights are counted.

Textual's OptionList learns each option's height by wrapping its prompt, every option
every time the list is refilled: on a keystroke that is most of the time spent drawing
a page of results and the facet panel. The result rows and facet values are already
cut to the list's width, so an option is exactly as tall as its prompt has lines; the
wrapping is left for the few options on screen, when they are drawn.

Refilling one does not lay out the screen again either: the lists have a fixed size
whatever they hold, so a new content height only moves the scrollbar.

A refill repaints only the lines it changed (`refill`): from one keystroke to the next,
many visible lines show the same (the same top results, the same facet values), and each
line redrawn costs Textual's whole per-line pipeline.

Drawing is cut the same way: a prompt that is a rich Text of whole lines becomes strips
straight from its segments (under the option's style), instead of going through
Textual's Content, whose wrapping and re-styling took most of a list's drawing time
(about 0.3 ms a line, 15 ms for a screen of results on every keystroke).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

STRIP_CACHE = 1024  # lines' strips kept per list: a few screens of them


def line_count(prompt: object) -> int:
    """Lines of a prompt made of whole lines (a Text or a str)."""
    plain = prompt.plain if isinstance(prompt, Text) else str(prompt)
    return plain.count("\n") + 1


def _content_key(prompt: object) -> object:
    """What a prompt draws, comparable: equal keys draw the same cells."""
    if isinstance(prompt, Text):
        return (prompt.plain, tuple(prompt.spans), prompt.style, prompt.justify, prompt.end)
    if isinstance(prompt, str):
        return prompt
    return object()  # anything else: never assumed unchanged


class CutOptionList(OptionList):
    """OptionList for prompts that never wrap (each line already fits the width)."""

    _quiet = False  # inside a refill: its own repaints are worked out line by line
    # The scrolled height is counted in steps of this many lines: a list whose length
    # changes a little with every keystroke (the filter panel) then keeps its scrollbar,
    # which is redrawn line by line whenever it changes (2-3 ms a keystroke). The cost:
    # up to STEP-1 blank lines past the end.
    HEIGHT_STEP = 1

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ):
        if self._quiet and not layout and not recompose:
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def refill(self, options: list[Option], highlighted: int | None) -> None:
        """Replace every option and the cursor, repainting only the visible lines whose
        content, option or highlight changed (OptionList repaints all of them)."""
        before = self._visible_lines()
        scroll = self.scroll_offset
        self._quiet = True
        try:
            self.set_options(options)
            self.highlighted = highlighted
        finally:
            self._quiet = False
        after = self._visible_lines()
        if before is None or after is None or self.scroll_offset != scroll:
            self.refresh()
            return
        width = self.size.width
        y = 0
        while y < len(after):
            if before[y] == after[y]:
                y += 1
                continue
            start = y
            while y < len(after) and before[y] != after[y]:
                y += 1
            self.refresh(Region(0, start, width, y - start))

    def _visible_lines(self) -> list[tuple] | None:
        """What each visible line shows: option index, line of the option, the prompt's
        content and its state (highlighted, hovered, disabled). None before a size."""
        size = self.size
        if not self.is_mounted or not size.width or not size.height:
            return None
        if self.__dict__.get("_refill_size", size) != size:
            self._refill_size = size
            return None  # resized: Textual repaints it all anyway
        self._refill_size = size
        lines = self._lines
        options = self.options
        top = self.scroll_offset.y
        highlighted, hovered = self.highlighted, self._mouse_hovering_over
        shown: list[tuple] = []
        for n in range(top, top + size.height):
            if n >= len(lines):
                shown.append(())
                continue
            index, offset = lines[n]
            option = options[index]
            state = (option.disabled, index == highlighted, index == hovered)
            shown.append((index, offset, _content_key(option.prompt), state))
        return shown

    def _update_lines(self) -> None:
        cache = getattr(self, "_line_cache", None)
        if cache is None or not hasattr(cache, "index_to_line"):
            super()._update_lines()  # another Textual's internals: its own way
            return
        lines = cache.lines
        options: list[Option] = self.options  # type: ignore[assignment]
        # Textual asks for this before drawing each line: when nothing changed since the
        # last time (the usual case), say so at once
        state = (len(options), len(lines), self.size, self.show_vertical_scrollbar)
        if state == self.__dict__.get("_lines_state"):
            return
        if not self.scrollable_content_region:
            return
        next_index = lines[-1][0] + 1 if lines else 0
        for index in range(next_index, len(options)):
            option = options[index]
            cache.index_to_line[index] = len(lines)
            count = line_count(option.prompt) + option._divider
            cache.heights[index] = count
            lines.extend((index, n) for n in range(count))
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        last_divider = bool(options) and options[-1]._divider
        height = len(lines) - (1 if last_divider else 0)
        step = self.HEIGHT_STEP
        virtual_size = Size(width, -(-height // step) * step if height > 0 else 0)
        if virtual_size != self.virtual_size:
            # Setting `virtual_size` asks for a layout of the whole screen (40 ms on a
            # keystroke, here), but the list's own size does not depend on its content:
            # only its scrollbar does, and `_scroll_update` still asks for a layout when
            # the scrollbar appears or goes.
            self.set_reactive(OptionList.virtual_size, virtual_size)
            self._scroll_update(virtual_size)
            self.refresh()
        self._lines_state = (len(options), len(lines), self.size, self.show_vertical_scrollbar)
        self.__dict__.pop("_cut_width", None)  # the width options are drawn at, from now

    def render_line(self, y: int) -> Strip:
        """OptionList's line, without bringing the line table up to date again: that was
        done once for the whole render (OptionList.render_lines), not once a line."""
        lines = getattr(self._line_cache, "lines", None)
        if lines is None:
            return super().render_line(y)
        line_number = self.scroll_offset.y + y
        if not 0 <= line_number < len(lines):
            return super().render_line(y)  # a blank line past the options
        option_index, line_offset = lines[line_number]
        option = self._options[option_index]
        if option.disabled:
            style = self.get_visual_style("option-list--option", "option-list--option-disabled")
        elif self.highlighted == option_index:
            style = self.get_visual_style("option-list--option", "option-list--option-highlighted")
        elif self._mouse_hovering_over == option_index:
            style = self.get_visual_style("option-list--option", "option-list--option-hover")
        else:
            style = self.get_visual_style("option-list--option")
        strips = self._get_option_render(option, style)
        if line_offset >= len(strips):
            return super().render_line(y)
        return strips[line_offset]

    def notify_style_update(self) -> None:
        self.__dict__.pop("_option_padding", None)
        self._strips.clear()
        super().notify_style_update()

    def _clear_caches(self) -> None:
        self._strips.clear()
        super()._clear_caches()

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        prompt = option.prompt
        padding = self.__dict__.get("_option_padding")
        if padding is None:  # looked up once per style change, not once a line
            padding = self._option_padding = self.get_component_styles(
                "option-list--option"
            ).padding
        if not isinstance(prompt, Text) or padding or option._divider:
            return super()._get_option_render(option, style)
        width = self.__dict__.get("_cut_width")
        if width is None:  # once per change of size or scrollbar, not once a line
            width = self.scrollable_content_region.width - self._get_left_gutter_width()
            self._cut_width = width
        # Keyed by what the line shows, not by the option: a refill makes new options,
        # but the same value, count or row often comes back (moved, or unchanged).
        cache_key = (_content_key(prompt), style, width)
        strips = self._strips.get(cache_key)
        if strips is None:
            app = self.app
            theme = app.ansi_theme
            own = prompt.style
            pad_style = style.rich_style
            strips = []
            # The whole prompt rendered once and cut at its newlines (dividing the Text
            # into lines first cost twice as much); each line made one Strip with the
            # option's padding, as crop_extend would give in two Strips. No meta: the
            # mouse finds its option from the line it is on (`option_at`), so a line's
            # strips do not depend on the option's index and can be reused.
            for part in Segment.split_lines(prompt.render(app.console)):
                segments = [
                    Segment(seg.text, self._segment_style(style, own, seg.style, theme))
                    for seg in part
                ]
                length = Segment.get_line_length(segments)
                if length > width:
                    strips.append(Strip(segments, length).crop(0, width))
                    continue
                if length < width:
                    segments.append(Segment(" " * (width - length), pad_style))
                strips.append(Strip(segments, width))
            self._strips[cache_key] = strips
        return strips

    @property
    def _strips(self) -> LRUCache:
        cache = self.__dict__.get("_strip_cache")
        if cache is None:
            cache = self._strip_cache = LRUCache(STRIP_CACHE)
        return cache

    def option_at(self, event: events.MouseEvent) -> int | None:
        """The index of the option under the mouse (None off the options)."""
        meta = event.style.meta.get("option")
        if meta is not None:
            return meta  # a line drawn by OptionList's own path
        offset = event.get_content_offset(self)
        lines = getattr(self._line_cache, "lines", None)
        if offset is None or lines is None:
            return None
        n = offset.y + self.scroll_offset.y
        return lines[n][0] if 0 <= n < len(lines) else None

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()  # OptionList's own reads the meta the lines no longer carry
        clicked = self.option_at(event)
        if clicked is not None and not self._options[clicked].disabled:
            self.highlighted = clicked
            self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        event.prevent_default()
        self._mouse_hovering_over = self.option_at(event)

    def _segment_style(
        self, base: Style, own: str | RichStyle, span: RichStyle | None, theme
    ) -> RichStyle:
        """The option's style, under the prompt's own, under a span's: combined as
        Textual's Content does (a style string parsed as Textual parses it, a span's
        colours through the app's ANSI theme), and remembered."""
        key = (base, own, span, id(theme))
        cache = self.__dict__.setdefault("_segment_styles", {})
        combined = cache.get(key)
        if combined is None:
            style = base
            if own:
                style += (
                    Style.parse(own) if isinstance(own, str) else Style.from_rich_style(own, theme)
                )
            if span is not None:
                style += Style.from_rich_style(span, theme)
            combined = cache[key] = style.rich_style
        return combined
