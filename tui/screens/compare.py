"""The compare view: 2 to 4 articles lined up fact by fact, in one scroll.

One VerticalScroll holds a Horizontal per fact (a label and one cell per article), so the
columns stay aligned row by row and scroll as one; below 100 columns the cells of a row
stack under their label, each tagged with its column number, so 80 columns still read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widget import MountError
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from db.compare import Comparison
from db.models import ArticleDetail
from db.schema import EVENT_TYPES, SPHERES
from tui.text import line, safe
from tui.threads import releasing

MAX_COLUMNS = 4
SHARED = "= "  # a sphere or person in every column
ONLY = "+ "  # a sphere only this column has
SOME = "· "  # in some columns, not all (three or four columns)
SHARED_STYLE = "bold green"
ONLY_STYLE = "bold magenta"


@dataclass
class Loaded(Message):
    comparison: Comparison | None
    error: str | None = None
    similar: bool = False


def sphere_text(spheres: list[str], shared: list[str], only: list[str]) -> Text:
    """Shared spheres first ("= "), then this column's own ("+ "), then the rest ("· ")."""
    lines: list[Text] = []
    for s in [s for s in spheres if s in shared]:
        lines.append(line(SHARED + SPHERES.get(s, s), SHARED_STYLE))
    for s in [s for s in spheres if s in only]:
        lines.append(line(ONLY + SPHERES.get(s, s), ONLY_STYLE))
    for s in [s for s in spheres if s not in shared and s not in only]:
        lines.append(line(SOME + SPHERES.get(s, s), "dim"))
    return Text("\n").join(lines) if lines else Text("—", style="dim")


def participants_text(a: ArticleDetail, shared: set[str]) -> Text:
    """One person a line: "= " marks a person present in every column."""
    if not a.officials:
        return Text("—", style="dim")
    lines: list[Text] = []
    for o in a.officials:
        entry = line(SHARED + o.name, SHARED_STYLE) if o.id in shared else line("  " + o.name)
        extra = ", ".join(p for p in (o.role, o.country) if p)
        if extra:
            entry.append("\n    ")
            entry.append_text(line(extra, "dim"))
        lines.append(entry)
    return Text("\n").join(lines)


def fact_rows(c: Comparison) -> list[tuple[str, list[Text]]]:
    """(label, one cell per article) for each row of the view."""
    shared = set(c.shared_officials)
    rows: list[tuple[str, list[Text]]] = []
    rows.append(("Article", [line(a.title, "bold") for a in c.articles]))
    when: list[Text] = []
    for a in c.articles:
        cell = line(a.event_date or "no date", "bold")
        cell.append("\n")
        cell.append_text(line(", ".join(a.places) or "place unknown", "italic"))
        when.append(cell)
    rows.append(("Date, place", when))
    kinds = []
    for a in c.articles:
        types = [a.primary_type] if a.primary_type else []
        types += [t for t in a.event_types if t != a.primary_type]
        kinds.append(line(", ".join(EVENT_TYPES.get(t, t) for t in types) or "—"))
    rows.append(("Event types", kinds))
    rows.append(("Participants", [participants_text(a, shared) for a in c.articles]))
    rows.append(
        ("Summary", [safe(a.summary) if a.summary else Text("—", "dim") for a in c.articles])
    )
    docs = [
        Text("\n").join(line("• " + d) for d in a.documents) if a.documents else Text("—", "dim")
        for a in c.articles
    ]
    rows.append(("Documents", docs))
    rows.append(
        (
            "Spheres",
            [
                sphere_text(a.spheres, c.shared_spheres, only)
                for a, only in zip(c.articles, c.only_spheres, strict=False)
            ],
        )
    )
    return rows


def legend() -> Text:
    text = Text("")
    text.append(SHARED + "in every column", SHARED_STYLE)
    text.append("   ")
    text.append(ONLY + "only in this column", ONLY_STYLE)
    text.append("   ")
    text.append(SOME + "in some", "dim")
    return text


class OpenCell(Static):
    """A column's title: a click opens its article in the reader."""

    def __init__(self, content: Text, article_id: int, **kwargs) -> None:
        super().__init__(content, **kwargs)
        self.article_id = article_id

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.app.open_article(self.article_id)  # type: ignore[attr-defined]


class CompareScreen(Screen):
    """Marked articles side by side (or one article and the most similar ones)."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("1", "open(1)", "Open 1"),
        Binding("2", "open(2)", "Open 2"),
        Binding("3", "open(3)", "Open 3", show=False),
        Binding("4", "open(4)", "Open 4", show=False),
        Binding("e", "export", "Export Markdown"),
        Binding("o", "official", "Participant's record"),
        Binding("j", "scroll(1)", "Scroll down", show=False),
        Binding("k", "scroll(-1)", "Scroll up", show=False),
    ]

    def __init__(self, article_ids: list[int], similar: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article_ids = list(article_ids)[:MAX_COLUMNS]
        self.similar = similar
        self.comparison: Comparison | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Comparing…", style="dim"), id="cmp-head")
        yield VerticalScroll(id="cmp-body")
        yield Footer()

    def on_mount(self) -> None:
        body = self.query_one("#cmp-body", VerticalScroll)
        body.border_title = "Compare"
        body.focus()
        self._load(self.article_ids, self.similar)

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    @releasing
    def _load(self, article_ids: list[int], similar: bool) -> None:
        from db.compare import compare, comparison_of, similar_articles

        worker = get_current_worker()
        try:
            store = self.app.store  # type: ignore[attr-defined]
            ids = list(article_ids)
            if similar:  # the article first, then the most similar
                ids += similar_articles(store, ids[0], limit=MAX_COLUMNS - 1)
            comparison = compare(store, ids) if len(ids) > 1 else None
            if comparison is not None and not similar:  # marked: oldest first, reads as history
                ordered = sorted(comparison.articles, key=lambda a: (a.event_date or "9999", a.id))
                comparison = comparison_of(ordered)
            error = None if comparison else "No similar meeting or declaration in the store."
        except Exception as exc:
            comparison, error = None, f"Compare failed: {exc}"
        if not worker.is_cancelled:
            self.post_message(Loaded(comparison, error, similar))

    async def on_loaded(self, message: Loaded) -> None:
        head = self.query_one("#cmp-head", Static)
        if message.comparison is None:
            head.update(line(message.error or "Nothing to compare.", "bold"))
            return
        c = self.comparison = message.comparison
        title = Text(
            "Column 1 and the most similar  "
            if message.similar
            else f"{len(c.articles)} articles  ",
            style="bold",
        )
        title.append_text(legend())
        head.update(title)
        body = self.query_one("#cmp-body", VerticalScroll)
        body.border_subtitle = "1-4 open · e export · o participant · Esc back"
        await body.remove_children()
        widgets = []
        for label, cells in fact_rows(c):
            row = Horizontal(classes="cmp-row")
            parts: list[Static | Horizontal] = [
                Static(Text(label, style="bold"), classes="cmp-label")
            ]
            for n, (article, cell) in enumerate(zip(c.articles, cells, strict=False), start=1):
                tag = Text(f"{n} ", style="bold reverse" if label == "Article" else "bold")
                tagged = tag + cell if label == "Article" else cell
                if label == "Article":
                    parts.append(OpenCell(tagged, article.id, classes="cmp-cell cmp-title"))
                else:  # the column number shows only when stacked (narrow)
                    parts.append(
                        Horizontal(
                            Static(Text(f"{n}", style="bold reverse"), classes="cmp-tag"),
                            Static(tagged, classes="cmp-text"),
                            classes="cmp-cell",
                        )
                    )
            widgets.append((row, parts))
        try:
            for row, _ in widgets:
                await body.mount(row)
            for row, parts in widgets:
                await row.mount_all(parts)
        except MountError:  # the screen closed (or the app quit) while it loaded
            return

    def action_open(self, column: int) -> None:
        """Column N's article in the full reader."""
        if self.comparison and 0 < column <= len(self.comparison.articles):
            self.app.open_article(self.comparison.articles[column - 1].id)  # type: ignore[attr-defined]

    def action_scroll(self, lines: int) -> None:
        self.query_one("#cmp-body").scroll_relative(y=lines, animate=False)

    def action_official(self) -> None:
        """A participant of any column: their record."""
        if self.comparison is None:
            return
        people = [
            (o.id, o.name, o.role, o.country) for a in self.comparison.articles for o in a.officials
        ]
        if not people:
            self.notify("No participants in these articles.", severity="warning")
            return
        self.app.pick_official(people)  # type: ignore[attr-defined]

    def action_export(self) -> None:
        """The comparison as Markdown: a file in the working dir, and the clipboard."""
        from db.compare import as_markdown

        if self.comparison is None:
            return
        text = as_markdown(self.comparison)
        path = Path.cwd() / f"compare-{datetime.now().strftime('%Y%m%d-%H%M%S')}.md"
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            self.notify(f"Export failed: {exc}", severity="error")
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"Written to {path.name} and copied.", title="Export", timeout=4)
        self.last_export = path
