"""The result list: one page of rows at a time, the next page fetched at the end."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from db.models import ArticleRow
from db.schema import EVENT_TYPES
from tui.text import highlight_terms, line

TITLE_WIDTH = 200


def row_text(row: ArticleRow, terms: list[str]) -> Text:
    """Title and officials of a row as safe text, the matched words highlighted."""
    text = line(row.title[:TITLE_WIDTH], "bold")
    if row.officials:
        text.append("\n")
        text.append_text(line(", ".join(row.officials[:4]), "dim"))
    return highlight_terms(text, terms)


def row_prompt(row: ArticleRow, terms: list[str]) -> Table:
    """date over type | title over officials: columns keep wrapped titles aligned."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=13, no_wrap=True, overflow="ellipsis")
    grid.add_column(ratio=1)
    kind = EVENT_TYPES.get(row.primary_type or "", row.primary_type or "")
    left = Text(row.date or "no date", style="dim")
    left.append("\n")
    left.append_text(line(kind, "italic"))
    grid.add_row(left, row_text(row, terms))
    return grid


class ResultsList(OptionList):
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
    ]

    class NeedMore(Message):
        """The cursor reached the last loaded row and more rows match."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[ArticleRow] = []
        self.total = 0
        self.terms: list[str] = []

    def show(
        self, rows: list[ArticleRow], total: int, terms: list[str], keep_cursor: bool = False
    ) -> None:
        """Replace the list with the first page of a new result (the cursor stays on the
        same article when it is still there, e.g. after a refresh)."""
        keep = self.current.id if keep_cursor and self.current is not None else None
        self.rows = list(rows)
        self.total = total
        self.terms = list(terms)
        self.clear_options()
        self.add_options([Option(row_prompt(r, terms), id=str(r.id)) for r in rows])
        if rows:
            self.highlighted = next((i for i, r in enumerate(rows) if r.id == keep), 0)

    def append(self, rows: list[ArticleRow]) -> None:
        """Add the next page under the loaded rows, keeping the cursor where it is."""
        known = {r.id for r in self.rows}
        fresh = [r for r in rows if r.id not in known]
        self.rows.extend(fresh)
        self.add_options([Option(row_prompt(r, self.terms), id=str(r.id)) for r in fresh])

    @property
    def current(self) -> ArticleRow | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.rows)):
            return None
        return self.rows[self.highlighted]

    async def _on_click(self, event: events.Click) -> None:
        """A click shows the article beside the list; a click on the shown one opens it."""
        event.prevent_default()  # not OptionList's click, which selects at once
        clicked: int | None = event.style.meta.get("option")
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
