"""The help screen: every binding of every pane (read from the classes) and the query syntax."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

QUERY_SYNTAX = [
    ("meredov lavrov", "free words (any script: Мередов finds Meredov; small typos are forgiven)"),
    ("meredov ga", "the last word as a prefix while you type (a lone letter waits for the next)"),
    ('"strategic partnership"', "an exact phrase"),
    ("official:lavrov", "an official (id or any spelling)"),
    ("sphere:energy", "a sphere: " + ", ".join(["energy", "security", "trade-economic", "…"])),
    ("type:phone-call", "an event type: meeting, visit, phone-call, agreement, summit, …"),
    ("country:china", "a partner country"),
    ("date:2023", "a year, month (2023-05) or day"),
    ("date:2022-06..2023-05", "a date range (either end may be left open)"),
]


KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "tab": "Tab",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "backspace": "Backspace",
    "delete": "Delete",
}


def _key(key: str) -> str:
    """A key as a person writes it: "ctrl+r" -> "Ctrl+R", "question_mark" -> "?"."""
    *mods, base = key.strip().split("+")
    if base in KEY_NAMES:
        base = KEY_NAMES[base]
    elif base.startswith("f") and base[1:].isdigit():
        base = base.upper()
    elif mods and len(base) == 1:
        base = base.upper()
    return "+".join([m.capitalize() for m in mods] + [base])


def _keys(key: str) -> str:
    return ", ".join(_key(k) for k in key.split(","))


def binding_sections() -> list[tuple[str, list[Binding]]]:
    """Every pane and its bindings, taken from the classes so the help never goes stale."""
    from tui.app import DiplotuiApp
    from tui.screens.browse import BrowseScreen
    from tui.screens.compare import CompareScreen
    from tui.screens.official import OfficialScreen
    from tui.screens.reader import ReaderScreen
    from tui.screens.timeline import TimelineScreen
    from tui.widgets.article_view import ArticleView
    from tui.widgets.chips import ChipBar
    from tui.widgets.facets import FacetPanel
    from tui.widgets.results import ResultsList
    from tui.widgets.search_box import SearchBox

    def own(cls: type) -> list[Binding]:
        return [b if isinstance(b, Binding) else Binding(*b) for b in cls.BINDINGS]

    return [
        (
            "Everywhere",
            own(DiplotuiApp)
            + own(BrowseScreen)
            + [
                Binding("tab,shift+tab", "", "Next / previous pane"),
                Binding(
                    "ctrl+p", "", "Command palette: clear filters, theme, compare, export, copy"
                ),
            ],
        ),
        ("Search box", own(SearchBox)),
        (
            "Result list",
            own(ResultsList)
            + [
                Binding("up,down", "", "Previous / next article"),
                Binding("pageup,pagedown", "", "Page up / down"),
                Binding("home,end", "", "First / last article"),
            ],
        ),
        ("Filter panel", own(FacetPanel)),
        ("Filter chips", own(ChipBar)),
        ("Reader", own(ArticleView) + [Binding("up,down,pageup,pagedown", "", "Scroll")]),
        ("Full reader", own(ReaderScreen)),
        ("Compare view", own(CompareScreen)),
        ("Official's record", own(OfficialScreen) + [Binding("enter", "", "Open the event")]),
        ("Timeline", own(TimelineScreen) + [Binding("enter", "", "Filter the list to a period")]),
        ("Help", own(HelpScreen)),
    ]


def help_text() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for title, bindings in binding_sections():
        table.add_row(Text(title, style="bold underline"), "")
        for b in bindings:
            table.add_row(Text(_keys(b.key)), Text(b.description))
        table.add_row("", "")
    table.add_row(Text("Query syntax", style="bold underline"), "")
    for example, meaning in QUERY_SYNTAX:
        table.add_row(Text(example), Text(meaning))
    table.add_row("", "")
    table.add_row(
        Text("Mouse", style="bold underline"),
        Text("click rows, filters and chips; scroll with the wheel"),
    )
    return table


class HelpScreen(ModalScreen[None]):
    """Bindings and query syntax; any of Escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "app.pop_screen", "Close help"),
        Binding("j", "scroll(1)", "Scroll down", show=False),
        Binding("k", "scroll(-1)", "Scroll up", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "diplotui help"
            yield Static(help_text(), id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_scroll(self, lines: int) -> None:
        """Vim keys for the help text."""
        self.query_one("#help-body").scroll_relative(y=lines, animate=False)
