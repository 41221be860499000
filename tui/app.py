"""The diplotui Textual app: one store, the browse screen, global keys and commands."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from db.models import ArticleDetail
from db.store import Store
from tui.commands import DiplotuiCommands
from tui.gc_pacing import TICK_S, GcPacer

if TYPE_CHECKING:
    from tui.screens.browse import BrowseScreen
from tui.threads import releasing

DARK = "textual-dark"
LIGHT = "textual-light"


class DiplotuiApp(App[None]):
    """Read diplomacy news: search, filter, read, export."""

    TITLE = "diplotui"
    CSS_PATH = Path(__file__).parent / "styles" / "app.tcss"
    COMMANDS = App.COMMANDS | {DiplotuiCommands}
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help"),
        Binding("f5,ctrl+r", "refresh", "Refresh"),
        Binding("ctrl+t", "toggle_theme", "Theme"),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def __init__(self, store_path: Path, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store_path = Path(store_path)
        self.store = Store(self.store_path)  # connections open lazily, per worker thread
        self.gc_pacer = GcPacer()  # collects garbage between keystrokes

    def get_default_screen(self) -> Screen:
        from tui.screens.browse import BrowseScreen

        return BrowseScreen()

    def on_load(self) -> None:
        """Before the screen is composed and styled: startup allocates more than any
        keystroke, and a full collection in the middle of it took 50-80 ms."""
        self.gc_pacer.start()

    def on_mount(self) -> None:
        self.set_interval(TICK_S, self.gc_pacer.tick)

    def on_unmount(self) -> None:
        self.gc_pacer.stop()
        self.store.close()

    # -- helpers ---------------------------------------------------------------------------

    def _browse(self) -> BrowseScreen | None:
        from tui.screens.browse import BrowseScreen

        for screen in self.screen_stack:
            if isinstance(screen, BrowseScreen):
                return screen
        return None

    def current_article(self) -> ArticleDetail | None:
        """The article on screen: the full reader's, else the side reader's."""
        from tui.widgets.article_view import ArticleView

        for view in self.screen.query(ArticleView):
            if view.article is not None:
                return view.article
        return None

    # -- actions ---------------------------------------------------------------------------

    def action_help(self) -> None:
        """Keys and query syntax in a modal."""
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_refresh(self) -> None:
        browse = self._browse()
        if browse is not None:
            browse.action_refresh()
            self.notify("Results refreshed", timeout=1.5)

    def action_clear_filters(self) -> None:
        browse = self._browse()
        if browse is not None:
            browse.action_clear_filters()

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK or self.current_theme.dark else DARK

    def action_compare(self) -> None:
        """2 to 4 marked articles side by side; with none marked, the article on screen
        against the most similar meetings or declarations of the store."""
        from tui.screens.compare import MAX_COLUMNS, CompareScreen

        browse = self._browse()
        marked = browse.marked if browse is not None else []
        if len(marked) == 1:
            self.notify("Mark one more article (m) to compare, or M to clear.", title="Compare")
            return
        if len(marked) > MAX_COLUMNS:
            self.notify(
                f"{len(marked)} marked: compare shows 2 to {MAX_COLUMNS}. M clears the marks.",
                title="Compare",
                severity="warning",
            )
            return
        if marked:
            self.push_screen(CompareScreen(marked))
            return
        article = self.current_article()
        article_id = article.id if article else (browse.current_id() if browse else None)
        if article_id is None:
            self.notify("No article to compare.", severity="warning")
            return
        self.push_screen(CompareScreen([article_id], similar=True))

    def action_clear_marks(self) -> None:
        browse = self._browse()
        if browse is not None:
            browse.clear_marks()

    def action_official(self) -> None:
        """The record of an official of the article on screen (a picker when several)."""
        article = self.current_article()
        if article is None or not article.officials:
            self.notify("No official in this article.", severity="warning")
            return
        self.pick_official([(o.id, o.name, o.role, o.country) for o in article.officials])

    def pick_official(self, people: list[tuple[str, str, str | None, str | None]]) -> None:
        """One person: their record at once; several: a picker first."""
        from tui.screens.official import OfficialPicker

        people = list({p[0]: p for p in people}.values())
        if len(people) == 1:
            self.action_official_record(people[0][0])
            return

        def chosen(official_id: str | None) -> None:
            if official_id:
                self.action_official_record(official_id)

        self.push_screen(OfficialPicker(people), chosen)

    def action_official_record(self, official_id: str) -> None:
        from tui.screens.official import OfficialScreen

        self.push_screen(OfficialScreen(official_id))

    def action_timeline(self) -> None:
        """Events over time for the main list's query and filters."""
        from tui.screens.timeline import TimelineScreen

        browse = self._browse()
        self.push_screen(TimelineScreen(browse.query_value if browse else ""))

    def open_article(self, article_id: int) -> None:
        """An article in the full reader, from any screen."""
        from tui.screens.reader import ReaderScreen

        self.push_screen(ReaderScreen(article_id, []))

    def filter_main(self, official: str | None = None, period: str | None = None) -> None:
        """Back to the main list, narrowed to an official or a period."""
        browse = self._browse()
        if browse is None:
            return
        while self.screen is not browse and len(self.screen_stack) > 1:
            self.pop_screen()
        browse.filter_to(official=official, period=period, replace=official is not None)

    def action_copy_text(self) -> None:
        article = self.current_article()
        if article is None:
            self.notify("No article to copy.", severity="warning")
            return
        self.copy_to_clipboard(f"{article.title}\n\n{article.body}")
        self.notify("Article text copied.", timeout=2)

    def action_copy_url(self) -> None:
        article = self.current_article()
        if article is None or not article.source_url:
            self.notify("This article has no source URL.", severity="warning")
            return
        self.copy_to_clipboard(article.source_url)
        self.notify("Source URL copied.", timeout=2)

    def action_export(self, fmt: str = "md") -> None:
        """Write every current result (not only the loaded page) to a file in the working dir."""
        browse = self._browse()
        if browse is None:
            return
        self._export(browse.query_value, fmt)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    @releasing
    def _export(self, query: str, fmt: str) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = Path.cwd() / f"diplotui-export-{stamp}.{fmt}"
        try:
            n = _write_export(self.store, query, fmt, path)
        except Exception as exc:
            self.call_from_thread(self.notify, f"Export failed: {exc}", severity="error")
            return
        self.call_from_thread(self.notify, f"{n} articles written to {path}", title="Export")


def _write_export(store: Store, query: str, fmt: str, path: Path) -> int:
    """Every article the query matches, with its facts, in `fmt` (db.export does it)."""
    from db.export import matching_articles, write_export

    with open(path, "w", encoding="utf-8", newline="") as out:
        return write_export(matching_articles(store, query), fmt, out)
