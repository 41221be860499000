"""The timeline: events per year or month for the main list's query, by event type or
sphere, as a stacked bar chart; Enter on a period narrows the main list to it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker
from textual_plotext import PlotextPlot

from db.schema import EVENT_TYPES, SPHERES
from db.timeline import Timeline
from tui.text import line

BY = {"primary_type": "event type", "sphere": "sphere"}
TOP_SERIES = 8  # more colours than this do not read; the rest are summed as "other"


@dataclass
class TimelineLoaded(Message):
    timeline: Timeline | None
    error: str | None = None


def top_series(t: Timeline, top: int = TOP_SERIES) -> dict[str, list[int]]:
    """The largest series by total, the rest summed as "other"."""
    ranked = sorted(t.series, key=lambda k: (-sum(t.series[k]), k))
    out = {k: t.series[k] for k in ranked[:top]}
    rest = ranked[top:]
    if rest:
        out["other"] = [sum(t.series[k][i] for k in rest) for i in range(len(t.periods))]
    return out


class TimelineScreen(Screen):
    """When did contacts intensify? Counts per period for the current query."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("y", "period('year')", "By year"),
        Binding("m", "period('month')", "By month"),
        Binding("b", "toggle_by", "Event type / sphere"),
    ]

    def __init__(self, query: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.search_query = query
        self.period = "year"
        self.by = "primary_type"
        self.timeline: Timeline | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="tl-head")
        yield PlotextPlot(id="tl-chart")
        yield OptionList(id="tl-periods")
        yield Footer()

    def on_mount(self) -> None:
        periods = self.query_one("#tl-periods", OptionList)
        periods.border_title = "Periods (Enter filters the list)"
        periods.focus()
        self.reload()

    def reload(self) -> None:
        self._load(self.search_query, self.period, self.by)

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False)
    def _load(self, query: str, period: str, by: str) -> None:
        from db.timeline import timeline
        from tui.threads import release_connection

        worker = get_current_worker()
        store = self.app.store  # type: ignore[attr-defined]
        try:
            result, error = timeline(store, query, period=period, by=by), None
        except Exception as exc:
            result, error = None, f"Timeline failed: {exc}"
        finally:
            release_connection(store)
        if not worker.is_cancelled:
            self.post_message(TimelineLoaded(result, error))

    def on_timeline_loaded(self, message: TimelineLoaded) -> None:
        head = self.query_one("#tl-head", Static)
        t = self.timeline = message.timeline
        if t is None:
            head.update(line(message.error or "No timeline.", "bold"))
            return
        text = Text(f"Articles per {t.period} by {BY.get(t.by, t.by)}", style="bold")
        text.append("  for ", style="dim")
        text.append_text(line(self.search_query or "every article", "italic"))
        text.append(f"  · {sum(t.totals)} dated articles", style="dim")
        head.update(text)
        self._draw(t)
        periods = self.query_one("#tl-periods", OptionList)
        periods.clear_options()
        peak = max(t.totals, default=0) or 1
        periods.add_options(
            [
                Option(
                    Text(f"{p:<8} {n:>4}  ", style="bold").append("█" * round(20 * n / peak)),
                    id=p,
                )
                for p, n in zip(t.periods, t.totals, strict=False)
            ]
        )
        if t.periods:
            periods.highlighted = len(t.periods) - 1

    def _draw(self, t: Timeline) -> None:
        plot = self.query_one("#tl-chart", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        names = SPHERES if t.by == "sphere" else EVENT_TYPES
        if t.periods and t.series:
            series = top_series(t)
            periods = t.periods
            if t.period == "year":  # quiet years drawn as gaps, so a surge stands out
                periods = [str(y) for y in range(int(t.periods[0]), int(t.periods[-1]) + 1)]
                at = {p: i for i, p in enumerate(t.periods)}
                series = {
                    k: [v[at[p]] if p in at else 0 for p in periods] for k, v in series.items()
                }
            plt.stacked_bar(
                periods, list(series.values()), labels=[names.get(k, k) for k in series]
            )
            peak = max(t.totals, default=1)
            step = max(1, peak // 5)
            plt.yticks(list(range(0, peak + step, step)))
        plt.title(f"Articles per {t.period}")
        plot.refresh()

    def action_period(self, period: str) -> None:
        self.period = period
        self.reload()

    def action_toggle_by(self) -> None:
        self.by = "sphere" if self.by == "primary_type" else "primary_type"
        self.reload()

    @on(OptionList.OptionSelected, "#tl-periods")
    def _period_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.filter_main(period=event.option.id)  # type: ignore[attr-defined]
