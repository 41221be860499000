"""The full-screen reader for one article; Escape goes back to the list."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from db.models import ArticleDetail
from tui.threads import releasing
from tui.widgets.article_view import ArticleView


@dataclass
class Loaded(Message):
    article: ArticleDetail | None
    error: str | None = None


class ReaderScreen(Screen):
    """One article, the whole width, with its facts and evidence."""

    BINDINGS = [
        Binding("escape,q,backspace", "app.pop_screen", "Back"),
    ]

    def __init__(self, article_id: int, terms: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.article_id = article_id
        self.terms = terms

    def compose(self) -> ComposeResult:
        yield ArticleView(id="full-reader")
        yield Footer()

    def on_mount(self) -> None:
        view = self.query_one(ArticleView)
        view.border_title = "Article"
        view.border_subtitle = "Esc back · e evidence · c copy text · y copy URL"
        view.focus()
        self._load()

    @work(thread=True, exclusive=True, group="reader", exit_on_error=False)
    @releasing
    def _load(self) -> None:
        from db.articles import get_article

        worker = get_current_worker()
        try:
            article, error = get_article(self.app.store, self.article_id), None  # type: ignore[attr-defined]
        except Exception as exc:
            article, error = None, str(exc)
        if not worker.is_cancelled:
            self.post_message(Loaded(article, error))

    def on_loaded(self, message: Loaded) -> None:
        self.query_one(ArticleView).show(message.article, self.terms)
        if message.error:
            self.notify(message.error, severity="error")
