"""The result list: one page of rows at a time, the next page fetched at the end."""

from __future__ import annotations

import copy
import functools
import textwrap

from rich.text import Span, Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets.option_list import Option

from db.models import ArticleRow
from db.schema import EVENT_TYPES
from tui.text import (
    MATCH_STYLE,
    clean,
    highlight_terms,
    line,
    matcher,
    word_spans,
)
from tui.widgets.cut_options import CutOptionList

TITLE_WIDTH = 200
MARK = "● "  # a marked row: a symbol, so it reads without colour too


def row_text(row: ArticleRow, terms: list[str]) -> Text:
    """Title and officials of a row as safe text, the matched words highlighted."""
    text = line(row.title[:TITLE_WIDTH], "bold")
    if row.officials:
        text.append("\n")
        text.append_text(line(", ".join(row.officials[:4]), "dim"))
    return highlight_terms(text, terms)


LEFT = 26  # "2025-08-28  Consultations " before the title


def _fit(value: str, width: int) -> str:
    return value if len(value) <= width else value[: max(width - 1, 0)] + "…"


def row_prompt(row: ArticleRow, terms: list[str], width: int = 80, mark: str = "") -> Text:
    """Two lines cut to the list's width: date, type and title; officials under the title.

    Plain Text lines with a fixed left column render several times faster than a table
    per row, which is what keeps a keystroke's redraw of a page short. `mark` opens the
    first line (the mark column), and the next lines keep their column under the title.
    The matched words of the title and the officials are highlighted.
    """
    base, words = _row_base(
        row.date, row.primary_type, row.title, tuple(row.officials[:4]), width, mark
    )
    matches = matcher(tuple(terms))
    hits = [(start, end) for start, end, folded in words if matches(folded)] if matches else []
    if not hits:
        return base  # shared with the cache: never changed in place
    text = copy.copy(base)  # not Text.copy, which cleans the whole string of controls again
    text._text = [base.plain]
    text._spans = [*base.spans, *(Span(start, end, MATCH_STYLE) for start, end in hits)]
    return text


@functools.lru_cache(maxsize=4096)
def _row_base(
    date: str | None,
    primary_type: str | None,
    title: str,
    officials: tuple[str, ...],
    width: int,
    mark: str,
) -> tuple[Text, tuple[tuple[int, int, str], ...]]:
    """A row's text without highlights, and the words that may be highlighted (start,
    end, folded): the next keystrokes show mostly the same rows with other terms."""
    room = max(width - LEFT - len(mark), 10)
    kind = EVENT_TYPES.get(primary_type or "", primary_type or "")
    # The plain string and its spans are put together first and made one Text: a Text
    # per piece, appended, cost twice as much on the rows a keystroke brings in.
    parts: list[str] = []
    spans: list[Span] = []
    words: list[tuple[int, int, str]] = []
    at = 0

    def add(piece: str, style: str, searchable: bool = False) -> None:
        nonlocal at
        if searchable:
            words.extend((at + a, at + b, folded) for a, b, folded in word_spans(piece))
        parts.append(piece)
        if style and piece:
            spans.append(Span(at, at + len(piece), style))
        at += len(piece)

    if mark:
        add(mark, "bold magenta")
    add(f"{(date or 'no date'):<11} ", "dim")
    add(clean(f"{kind[:13]:<14}", newlines=False), "italic")
    title_lines = textwrap.wrap(
        clean(title[:TITLE_WIDTH], newlines=False), room, max_lines=2, placeholder=" …"
    ) or [""]
    add(title_lines[0], "bold", searchable=True)
    indent = "\n" + " " * (LEFT + len(mark))
    for more in title_lines[1:]:
        add(indent, "")
        add(more, "bold", searchable=True)
    add(indent, "")
    people = ", ".join(officials) if officials else "—"
    add(clean(_fit(people, room), newlines=False), "dim", searchable=True)
    return Text("".join(parts), spans=spans), tuple(words)


class ResultsList(CutOptionList):
    """The matching articles; tells the screen when the cursor nears the end of the page."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
        Binding("enter", "select", "Open"),
        Binding("o", "select", "Open", show=False),
        Binding("c", "app.copy_text", "Copy text"),
        Binding("y", "app.copy_url", "Copy URL"),
        Binding("m,space", "toggle_mark", "Mark"),
        Binding("M", "clear_marks", "Clear marks"),
        Binding("C", "app.compare", "Compare"),
        Binding("O", "app.official", "Official's record"),
        Binding("T", "app.timeline", "Timeline"),
    ]

    class NeedMore(Message):
        """The cursor reached the last loaded row and more rows match."""

    class Sized(Message):
        """The list has its size for the first time: rows can be cut to it."""

    class MarksChanged(Message):
        """Marks were added or cleared (the count line shows how many)."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[ArticleRow] = []
        self.total = 0
        self.terms: list[str] = []
        self.marked: list[int] = []  # article ids marked for comparison, in marking order

    def show(
        self, rows: list[ArticleRow], total: int, terms: list[str], keep_cursor: bool = False
    ) -> None:
        """Replace the list with the first page of a new result (the cursor stays on the
        same article when it is still there, e.g. after a refresh)."""
        keep = self.current.id if keep_cursor and self.current is not None else None
        self.rows = list(rows)
        self.total = total
        self.terms = list(terms)
        width = self._row_width()
        # One refill, not clear then add: the list's height never passes through zero,
        # so the scrollbar does not come and go (each a layout of the screen).
        self.refill(
            [Option(self._prompt(r, width), id=str(r.id)) for r in rows],
            next((i for i, r in enumerate(rows) if r.id == keep), 0) if rows else None,
        )

    def append(self, rows: list[ArticleRow]) -> None:
        """Add the next page under the loaded rows, keeping the cursor where it is."""
        known = {r.id for r in self.rows}
        fresh = [r for r in rows if r.id not in known]
        self.rows.extend(fresh)
        width = self._row_width()
        self.add_options([Option(self._prompt(r, width), id=str(r.id)) for r in fresh])

    def _prompt(self, row: ArticleRow, width: int) -> Text:
        """A row with its mark column: "●" when marked for comparison, else blank."""
        mark = MARK if row.id in self.marked else "  "
        return row_prompt(row, self.terms, max(width, 20 + len(mark)), mark)

    def _redraw(self, article_id: int) -> None:
        for index, row in enumerate(self.rows):
            if row.id == article_id:
                self.replace_option_prompt_at_index(index, self._prompt(row, self._row_width()))

    def action_toggle_mark(self) -> None:
        """Mark or unmark the highlighted article for the compare view."""
        row = self.current
        if row is None:
            return
        if row.id in self.marked:
            self.marked.remove(row.id)
        else:
            self.marked.append(row.id)
        self._redraw(row.id)
        self.post_message(self.MarksChanged(len(self.marked)))

    def action_clear_marks(self) -> None:
        """Forget every mark."""
        was = list(self.marked)
        self.marked.clear()
        for article_id in was:
            self._redraw(article_id)
        self.post_message(self.MarksChanged(0))

    def _row_width(self) -> int:
        """The width a row may use (before the first layout: a terminal's usual width)."""
        return self.scrollable_content_region.width if self.size.width else 80

    def on_resize(self) -> None:
        """Cut the rows again for the new width (the first size: say so)."""
        if not getattr(self, "_sized", False):
            self._sized = True
            self.post_message(self.Sized())
        if self.rows:
            self.show(self.rows, self.total, self.terms, keep_cursor=True)

    @property
    def current(self) -> ArticleRow | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.rows)):
            return None
        return self.rows[self.highlighted]

    async def _on_click(self, event: events.Click) -> None:
        """A click shows the article beside the list; a click on the shown one opens it."""
        event.prevent_default()  # not OptionList's click, which selects at once
        clicked = self.option_at(event)
        if clicked is None or self._options[clicked].disabled:
            return
        if clicked == self.highlighted:
            self.action_select()
        else:
            self.highlighted = clicked

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if (
            highlighted is not None
            and highlighted >= len(self.rows) - 1
            and len(self.rows) < self.total
        ):
            self.post_message(self.NeedMore())
