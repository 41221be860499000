"""The main screen: query box, chips, filter panel, result list and reader side by side.

The query box is the one source of truth: filters picked in the panel are written back
into it with format_query, and every change re-runs search and facet counts in a thread
worker (exclusive per group, so a new key cancels the stale query).
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static
from textual.worker import get_current_worker

from db.models import ArticleDetail, Facet, Filters, SearchResult
from db.query import format_query, parse_query
from db.schema import EVENT_TYPES, SPHERES
from tui.text import line
from tui.threads import releasing
from tui.widgets.article_view import ArticleView
from tui.widgets.chips import ChipBar
from tui.widgets.facets import FacetPanel
from tui.widgets.results import ResultsList
from tui.widgets.search_box import SearchBox

PAGE = 20
FACET_SIZE = 30
FACET_MORE = 300  # values fetched once a facet's "more…" was opened
DEBOUNCE_S = 0.015  # 0 in tests: no timers
SLOW_SEARCH_S = 0.1
EARLY_LIST_S = 0.05  # a search slower than this shows its list before the counts
READER_DELAY_S = 0.08
SEARCHING_NOTE_S = 0.15  # a search still running after this says so on the count line
READER_TYPING_S = 0.3  # while the query is being typed, the reader waits for a pause


@dataclass
class Results(Message):
    """A finished search (posted from the worker thread)."""

    generation: int
    result: SearchResult
    facets: list[Facet] | None
    filters: Filters
    errors: list[str]
    with_list: bool = True  # False: only the counts of a list already shown


@dataclass
class MoreRows(Message):
    generation: int
    result: SearchResult


@dataclass
class ArticleLoaded(Message):
    article: ArticleDetail | None
    error: str | None = None


def chip_list(
    filters: Filters, labels: dict[tuple[str, str], str] | None = None
) -> list[tuple[str, str, str]]:
    """(field, value, label) for each active filter, in the query's order.

    `labels` are the facet panel's labels, so a picked official reads "Rashid Meredov
    (Turkmenistan)" rather than its id.
    """
    labels = labels or {}
    chips: list[tuple[str, str, str]] = []
    chips += [
        ("officials", v, labels.get(("officials", v), f"official: {v}")) for v in filters.officials
    ]
    chips += [("spheres", v, f"sphere: {SPHERES.get(v, v)}") for v in filters.spheres]
    chips += [("event_types", v, f"type: {EVENT_TYPES.get(v, v)}") for v in filters.event_types]
    chips += [("countries", v, f"country: {v}") for v in filters.countries]
    if filters.date_from or filters.date_to:
        if filters.date_from == filters.date_to:
            label = f"date: {filters.date_from}"
        else:
            label = f"date: {filters.date_from or '…'}..{filters.date_to or '…'}"
        chips.append(("date", "", label))
    return chips


class BrowseScreen(Screen):
    """Search, filter and read, all on one screen."""

    # Below 110 columns the side reader goes (Enter still opens the full reader).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("slash", "focus_search", "Search"),
        Binding("ctrl+l", "clear_filters", "Clear filters"),
        Binding("escape", "focus_results", "To results", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.generation = 0
        self.query_text = ""  # free words and phrases of the current query
        self.filters = Filters()
        self.result: SearchResult | None = None
        self._debounce: Timer | None = None
        self._reader_timer: Timer | None = None
        self._loading_more = False
        self._labels: dict[tuple[str, str], str] = {}
        self._searched: str | None = None  # the query text of the last search started
        self._shown_query: str | None = None  # the query text of the list on screen
        self._last_search_s = 0.0  # how long the last search took (for the debounce)
        self._searching = False  # a search is under way (the count line says so)
        self._status_note = ""  # the note under the query box
        self._searching_timer: Timer | None = None  # says "searching…" if it takes a while
        self._warmed = False  # the caches are built once the first screen is drawn

    def compose(self) -> ComposeResult:
        yield SearchBox(id="search")
        yield Static("", id="status")
        yield ChipBar(id="chips")
        with Horizontal(id="panes"):
            with Vertical(id="facets-pane"):  # the border: not redrawn with each count
                yield FacetPanel(id="facets")
            with Vertical(id="results-pane"):
                yield Static(Text("Searching…", style="dim"), id="count")
                yield ResultsList(id="results")
            yield ArticleView(id="reader")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#facets-pane").border_title = "Filters"
        self.query_one("#results-pane").border_title = "Articles"
        self.query_one("#reader").border_title = "Reader"
        self.query_one("#search", SearchBox).focus()

    @on(ResultsList.Sized)
    def _first_search(self) -> None:
        """Once the panes have their sizes (the lists cut their lines to them)."""
        if self.generation == 0 and not self._first_screen():
            self.run_search()

    def _first_screen(self) -> bool:
        """Fill the bare first screen at once from the counts the last import saved: the
        newest page and those counts take a few milliseconds on the UI thread, where a
        worker would compete with the first drawing for the interpreter (on 100k
        articles, that took longer than the search itself). An empty store has nothing
        to count. False when there is a query or the saved counts are stale: the worker
        runs."""
        from db.facets import stored_default_facets
        from db.search import match, page

        if self.query_value:
            return False
        store = self.app.store  # type: ignore[attr-defined]
        try:
            facets = stored_default_facets(store, FACET_SIZE)
            if facets is None and not store.is_empty():
                return False
            result = page(store, match(store, "", None), limit=PAGE, offset=0)
        except Exception:
            return False  # the worker will try, and say what is wrong
        self.generation += 1
        self._searched = ""
        self.on_results(Results(self.generation, result, facets or [], Filters(), []))
        return True

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    @releasing
    def _warm_up(self) -> None:
        """Build the facet bitmaps and the typo vocabulary while the user reads the first
        screen, so the first keystroke does not wait for them."""
        from db.facets import warm_up

        try:
            warm_up(self.app.store)  # type: ignore[attr-defined]
        except Exception:
            pass  # a cache: searches build what they need when it is missing
        self.app.gc_pacer.freeze_when_idle()  # type: ignore[attr-defined]

    # -- the query -----------------------------------------------------------------------

    @property
    def query_value(self) -> str:
        return self.query_one("#search", SearchBox).value

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        """Every keystroke: a short debounce, then a fresh search."""
        if event.value == self._searched:  # already run (a facet or chip rewrote the box)
            return
        if self._debounce is not None:
            self._debounce.stop()
        # A fast search runs at once; after a slow one (a common word on a large store)
        # the next waits a little, so that stale queries do not pile up on the CPU.
        delay = min(self._last_search_s * 0.5, 0.25) if self._last_search_s > SLOW_SEARCH_S else 0
        if DEBOUNCE_S > 0 and delay > 0:
            self._debounce = self.set_timer(delay, self.run_search)
        else:  # the next idle moment
            self.call_later(self.run_search)

    @on(Input.Submitted, "#search")
    def _query_submitted(self) -> None:
        self.action_focus_results()

    def run_search(self) -> None:
        """Parse the box and start the search worker (the previous one is cancelled)."""
        self._debounce = None
        self.app.gc_pacer.busy()  # type: ignore[attr-defined]
        self._searched = self.query_value
        parsed = parse_query(self.query_value)
        self.generation += 1
        self._loading_more = False
        expanded = bool(self.query_one("#facets", FacetPanel).expanded)
        self._searching = True
        if self.result is not None and SEARCHING_NOTE_S > 0:
            # "searching…" only for a search that takes a while: a fast one would make
            # the count line flicker (and cost a redraw in the middle of the keystroke).
            if self._searching_timer is not None:
                self._searching_timer.stop()
            self._searching_timer = self.set_timer(SEARCHING_NOTE_S, self._note_searching)
        elif self.result is not None:
            self._update_count()
        self._search_worker(
            self.generation, parsed.text, parsed.filters, list(parsed.errors), expanded
        )

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    @releasing
    def _search_worker(
        self,
        generation: int,
        text: str,
        filters: Filters,
        errors: list[str],
        expanded: bool = False,
    ) -> None:
        from db.facets import counts_for
        from db.search import match, page

        worker = get_current_worker()
        store = self.app.store  # type: ignore[attr-defined]
        started = time.perf_counter()
        found = None
        try:
            found = match(store, text, filters)
            result = page(store, found, limit=PAGE, offset=0)
        except Exception as exc:  # a bad query must never show a traceback
            result = SearchResult([], 0, 0, [], f"search failed: {exc}")
        self._last_search_s = time.perf_counter() - started
        if worker.is_cancelled:
            return
        # The list and the counts come from one match set. When the counts still need the
        # facet bitmaps built (the first seconds of a session) or the search was slow, the
        # list is shown first and the counts when they are ready; otherwise both in one go.
        early = found is None or self._last_search_s > EARLY_LIST_S
        if found is not None and found.index is None:
            bare = found.prepared.text is None and found.prepared.filters.is_empty()
            early = early or not bare  # the whole store's counts are saved: no bitmaps needed
        if early:
            self.post_message(Results(generation, result, None, filters, errors))
        try:
            size = FACET_MORE if expanded else FACET_SIZE
            facets = counts_for(store, found, size) if found is not None else []
        except Exception:
            facets = []
        if worker.is_cancelled:
            return
        self.post_message(Results(generation, result, facets, filters, errors, with_list=not early))

    def on_results(self, message: Results) -> None:
        if message.generation != self.generation:
            return
        self.app.gc_pacer.busy()  # type: ignore[attr-defined]  # painting is next
        self.filters = message.filters
        if message.with_list:
            self._searching = False
            self.result = message.result
            self._show_result(message.result, message.errors)
        if message.facets is not None:
            facets = message.facets or []
            for facet in facets:
                for fv in facet.values:
                    self._labels[(facet.name, fv.value)] = fv.label
            self.query_one("#facets", FacetPanel).show(facets, message.filters)
        self.query_one("#chips", ChipBar).show(chip_list(message.filters, self._labels))
        if not self._warmed and message.facets is not None:
            self._warmed = True  # after the first paint: the thread does not delay it
            self.call_after_refresh(self._warm_up)

    def _show_result(self, result: SearchResult, errors: list[str]) -> None:
        results = self.query_one("#results", ResultsList)
        same_query = self._shown_query == self._searched
        self._shown_query = self._searched
        results.show(result.rows, result.total, result.terms, keep_cursor=same_query)
        self._update_count()
        notes = list(errors)
        if result.message and result.message not in notes:
            notes = [result.message] if not notes else [*notes, result.message]
        status = self.query_one("#status", Static)
        note = "; ".join(dict.fromkeys(notes))
        if note != self._status_note:  # unchanged (mostly empty): no redraw, no layout
            self._status_note = note
            status.update(line(note, "italic") if note else "")
            status.set_class(bool(note), "error")
        if not result.rows:
            self._load_article(None)

    def _note_searching(self) -> None:
        if self._searching:
            self._update_count()

    def _update_count(self) -> None:
        """ "37 of 1,204 articles": matches of the store; how many are loaded if not all."""
        results = self.query_one("#results", ResultsList)
        store_total = self.result.store_total if self.result else 0
        if store_total == 0 and self.result is not None and not self.result.message:
            text = Text("No articles yet: import some with `diplotui import FOLDER`.", style="bold")
        else:
            text = Text(f"{results.total:,} of {store_total:,} articles", style="bold")
            if len(results.rows) < results.total:
                text.append(f"  · {len(results.rows):,} shown", style="dim")
            elif results.total == 0 and store_total:
                # short: the count line is one line of the list's width
                if self.filters.is_empty():
                    hint = "  · try fewer words"
                else:
                    hint = "  · Ctrl+L clears the filters"
                text.append(hint, style="dim")
        marked = len(results.marked)
        if marked:
            text.append(f"  · {marked} marked (C compare, M clear)", style="bold magenta")
        if self._searching:
            text.append("  · searching…", style="italic dim")
        self.query_one("#count", Static).update(text, layout=False)  # one line, always

    @on(ResultsList.MarksChanged)
    def _marks_changed(self) -> None:
        self._update_count()

    @property
    def marked(self) -> list[int]:
        """Article ids marked for comparison."""
        return list(self.query_one("#results", ResultsList).marked)

    def clear_marks(self) -> None:
        self.query_one("#results", ResultsList).action_clear_marks()

    def current_id(self) -> int | None:
        """The highlighted article's id."""
        row = self.query_one("#results", ResultsList).current
        return row.id if row else None

    def filter_to(
        self, official: str | None = None, period: str | None = None, replace: bool = False
    ) -> None:
        """Narrow the list from another screen: to one official (the whole query replaced
        by it), or to one period (the query's other filters kept)."""
        parsed = parse_query(self.query_value)
        filters = Filters() if replace else copy.deepcopy(parsed.filters)
        if official is not None:
            filters.officials = [official]
        if period is not None:
            filters.date_from = filters.date_to = period
        box = self.query_one("#search", SearchBox)
        box.value = format_query("" if replace else parsed.text, filters)
        box.cursor_position = len(box.value)
        if self._debounce is not None:
            self._debounce.stop()
        self.run_search()
        self.action_focus_results()

    # -- paging ----------------------------------------------------------------------------

    @on(ResultsList.NeedMore)
    def _need_more(self) -> None:
        if self._loading_more:
            return
        self._loading_more = True
        parsed = parse_query(self.query_value)
        offset = len(self.query_one("#results", ResultsList).rows)
        self._page_worker(self.generation, parsed.text, parsed.filters, offset)

    @work(thread=True, exclusive=True, group="page", exit_on_error=False)
    @releasing
    def _page_worker(self, generation: int, text: str, filters: Filters, offset: int) -> None:
        from db.search import search

        worker = get_current_worker()
        try:
            result = search(self.app.store, text, filters, limit=PAGE, offset=offset)  # type: ignore[attr-defined]
        except Exception as exc:
            result = SearchResult([], 0, 0, [], f"search failed: {exc}")
        if not worker.is_cancelled:
            self.post_message(MoreRows(generation, result))

    def on_more_rows(self, message: MoreRows) -> None:
        self._loading_more = False
        if message.generation != self.generation or not message.result.rows:
            return
        self.query_one("#results", ResultsList).append(message.result.rows)
        self._update_count()

    # -- the reader ------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#results")
    def _row_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.app.gc_pacer.busy()  # type: ignore[attr-defined]
        if self._reader_timer is not None:
            self._reader_timer.stop()
        if READER_DELAY_S > 0:
            # Typing moves the cursor to each new first row: drawing every one of those
            # articles would slow the keystrokes, so the reader waits for a pause.
            typing = isinstance(self.app.focused, SearchBox)
            delay = READER_TYPING_S if typing else READER_DELAY_S
            self._reader_timer = self.set_timer(delay, self._load_current)
        else:
            self.call_later(self._load_current)

    def _load_current(self) -> None:
        row = self.query_one("#results", ResultsList).current
        self._load_article(row.id if row else None)

    def _load_article(self, article_id: int | None) -> None:
        if article_id is None:
            self.query_one("#reader", ArticleView).show(None, [])
            return
        self._article_worker(article_id)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    @releasing
    def _article_worker(self, article_id: int) -> None:
        from db.articles import get_article

        worker = get_current_worker()
        try:
            article, error = get_article(self.app.store, article_id), None  # type: ignore[attr-defined]
        except Exception as exc:
            article, error = None, str(exc)
        if not worker.is_cancelled:
            self.post_message(ArticleLoaded(article, error))

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        terms = self.result.terms if self.result else []
        self.query_one("#reader", ArticleView).show(message.article, terms)
        if message.error:
            self.notify(message.error, severity="error")

    @on(OptionList.OptionSelected, "#results")
    def _row_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: the highlighted article in the full reader screen."""
        from tui.screens.reader import ReaderScreen

        event.stop()
        row = self.query_one("#results", ResultsList).current
        if row is not None:
            terms = self.result.terms if self.result else []
            self.app.push_screen(ReaderScreen(row.id, terms))

    # -- filters ---------------------------------------------------------------------------

    def _rewrite(self, filters: Filters) -> None:
        """Write the filters back into the query box (which re-runs the search)."""
        parsed = parse_query(self.query_value)
        box = self.query_one("#search", SearchBox)
        box.value = format_query(parsed.text, filters)
        box.cursor_position = len(box.value)
        if self._debounce is not None:
            self._debounce.stop()
        self.run_search()

    @on(FacetPanel.Toggled)
    def _facet_toggled(self, event: FacetPanel.Toggled) -> None:
        filters = copy.deepcopy(parse_query(self.query_value).filters)
        if event.name == "years":
            if filters.date_from == filters.date_to == event.value:
                filters.date_from = filters.date_to = None
            else:
                filters.date_from = filters.date_to = event.value
        else:
            chosen: list[str] = getattr(filters, event.name)
            from tui.widgets.facets import is_selected

            if is_selected(event.name, event.value, filters):
                kept = [
                    c
                    for c in chosen
                    if not is_selected(event.name, event.value, _only(event.name, c))
                ]
                setattr(filters, event.name, kept)
            else:
                chosen.append(event.value)
        self._rewrite(filters)

    @on(FacetPanel.ShowMore)
    def _facet_more(self) -> None:
        self.run_search()

    @on(ChipBar.Remove)
    def _chip_removed(self, event: ChipBar.Remove) -> None:
        filters = copy.deepcopy(parse_query(self.query_value).filters)
        if event.field == "date":
            filters.date_from = filters.date_to = None
        else:
            setattr(
                filters, event.field, [v for v in getattr(filters, event.field) if v != event.value]
            )
        self._rewrite(filters)
        if not chip_list(filters):
            self.query_one("#search", SearchBox).focus()

    def action_clear_filters(self) -> None:
        """Drop every filter, keep the free words."""
        self._rewrite(Filters())

    def action_focus_search(self) -> None:
        self.query_one("#search", SearchBox).focus()

    def action_focus_results(self) -> None:
        self.query_one("#results", ResultsList).focus()

    def action_refresh(self) -> None:
        """Re-run the query: picks up articles another process imported."""
        self.run_search()


def _only(name: str, value: str) -> Filters:
    filters = Filters()
    getattr(filters, name).append(value)
    return filters
