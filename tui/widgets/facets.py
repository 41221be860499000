"""The filter panel: every facet's values with live counts; Enter/Space toggles one."""

from __future__ import annotations

from functools import lru_cache

from rich.text import Span, Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from db.models import Facet, FacetValue, Filters
from tui.text import clean
from tui.widgets.cut_options import CutOptionList

TITLES = {
    "officials": "Officials",
    "spheres": "Spheres",
    "event_types": "Event types",
    "countries": "Countries",
    "years": "Years",
}
FACET_SIZE = 15  # values shown per facet until its "more…" is opened
SEP = "\x1f"  # joins facet name and value in an option id (ids are never shown)


def is_selected(name: str, value: str, filters: Filters) -> bool:
    """Whether a facet value is one of the active filters (typed or picked)."""
    if name == "years":
        return bool(filters.date_from and filters.date_from == filters.date_to == value)
    chosen: list[str] = getattr(filters, name)
    if name == "officials":
        return any(c == value or c.lower() in value.lower() for c in chosen)
    if name == "countries":
        return any(c.lower() == value.lower() for c in chosen)
    return value in chosen


def value_prompt(fv: FacetValue, chosen: bool, width: int = 28) -> Text:
    """● label … count on one line: the label cut to fit, the count right-aligned."""
    return _value_prompt(fv.label, fv.count, chosen, width)


@lru_cache(maxsize=4096)
def _value_prompt(label: str, number: int, chosen: bool, width: int) -> Text:
    """value_prompt, remembered: from one keystroke to the next most values come back
    with the same count (the Text is shared: never changed in place)."""
    count = f"{number:,}"
    room = max(4, width - len(count) - 3)
    label = label if len(label) <= room else label[: room - 1] + "…"
    # one Text from its plain string and spans: a Text per piece cost twice as much
    shown = clean(f"{label:<{room}}", newlines=False)
    spans = [Span(2, 2 + len(shown), "bold")] if chosen and shown else []
    at = 2 + len(shown)
    spans.append(Span(at, at + 1 + len(count), "dim"))
    return Text(
        ("● " if chosen else "○ ") + shown + " " + count,
        style="bold" if chosen else "dim",
        no_wrap=True,
        spans=spans,
    )


class FacetPanel(CutOptionList):
    """Facet headings and values in one keyboard-friendly list."""

    HEIGHT_STEP = 8

    BINDINGS = [
        Binding("enter", "select", "Toggle filter"),
        Binding("space", "select", "Toggle filter", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("O", "official", "Official's record"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.expanded: set[str] = set()  # facets whose "more…" was opened
        self.marked: set[str] = set()  # option ids of the values that are active filters
        self._shape: tuple | None = None  # what the list shows: the same again is skipped
        self._last: tuple[list[Facet], Filters] | None = None  # shown last, for a resize

    class ShowMore(Message):
        """Fetch more values (the screen re-runs the counts with a larger size)."""

    class Toggled(Message):
        """A facet value was picked or unpicked."""

        def __init__(self, name: str, value: str) -> None:
            super().__init__()
            self.name = name
            self.value = value

    def on_resize(self) -> None:
        """Cut the values again for the new width (the panel narrows with the terminal)."""
        if self._last is not None:
            self.show(*self._last)

    def show(self, facets: list[Facet], filters: Filters) -> None:
        """Rebuild the list for new counts, keeping the cursor on the same value."""
        self._last = (facets, filters)
        width = max(16, self.scrollable_content_region.width or 28)
        shape = (_frozen(facets), _frozen_filters(filters), frozenset(self.expanded), width)
        if shape == self._shape:  # the same counts again (a keystroke that changed none)
            return
        self._shape = shape
        keep = None
        if self.highlighted is not None and self.highlighted < self.option_count:
            keep = self.get_option_at_index(self.highlighted).id
        options: list[Option] = []
        self.marked = set()
        for facet in facets:
            if not facet.values and not facet.timed_out:
                continue
            head = Text(TITLES.get(facet.name, facet.name), style="bold")
            options.append(Option(head, id=f"head{SEP}{facet.name}", disabled=True))
            values = facet.values
            more = facet.more
            if facet.name not in self.expanded and len(values) > FACET_SIZE:
                values, more = values[:FACET_SIZE], True
            for fv in values:
                option_id = f"{facet.name}{SEP}{fv.value}"
                chosen = is_selected(facet.name, fv.value, filters)
                if chosen:
                    self.marked.add(option_id)
                options.append(Option(value_prompt(fv, chosen, width), id=option_id))
            if facet.timed_out:
                options.append(
                    Option(Text("  …", style="dim"), id=f"to{SEP}{facet.name}", disabled=True)
                )
            elif more and facet.name not in self.expanded:
                options.append(Option(Text("  more…", style="italic"), id=f"more{SEP}{facet.name}"))
            elif more:
                options.append(
                    Option(Text("  …", style="dim"), id=f"more{SEP}{facet.name}", disabled=True)
                )
        index = None
        if keep is not None:
            index = next((i for i, o in enumerate(options) if o.id == keep), None)
        if index is None:
            index = next((i for i, o in enumerate(options) if not o.disabled), None)
        self.refill(options, index)  # not clear then add: no scrollbar flicker, one layout

    def action_official(self) -> None:
        """The highlighted official's record (other facets have none)."""
        option = self.highlighted_option
        name, _, value = ((option.id if option else "") or "").partition(SEP)
        if name == "officials" and value:
            self.app.action_official_record(value)  # type: ignore[attr-defined]
        else:
            self.notify("Highlight an official in the filter panel first.", severity="warning")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        name, _, value = (event.option.id or "").partition(SEP)
        if name in TITLES:
            self.post_message(self.Toggled(name, value))
        elif name == "more":
            self.expanded.add(value)
            self.post_message(self.ShowMore())


def _frozen(facets: list[Facet]) -> tuple:
    """What the list shows of the facets, as tuples: compared and kept at no copying cost
    (a deep copy of the facets took a few milliseconds of every keystroke)."""
    return tuple(
        (f.name, f.more, f.timed_out, tuple((v.value, v.label, v.count) for v in f.values))
        for f in facets
    )


def _frozen_filters(filters: Filters) -> tuple:
    return tuple(tuple(v) if isinstance(v, list) else v for v in vars(filters).values())
