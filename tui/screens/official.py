"""An official's record: every spelling, roles over time, events in date order; and the
user's corrections of identity (merge two people extraction split, split one it joined).

Corrections go through db.officials, which stores them apart so re-extraction keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from db.officials import OfficialRecord
from db.schema import EVENT_TYPES, SPHERES
from tui.text import line
from tui.threads import releasing

Person = tuple[str, str, "str | None", "str | None"]  # id, name, role, country


def person_label(name: str, role: str | None, country: str | None) -> Text:
    text = line(name, "bold")
    extra = ", ".join(p for p in (role, country) if p)
    if extra:
        text.append("  ")
        text.append_text(line(extra, "dim"))
    return text


def _cut(value: str, width: int) -> str:
    """A table cell kept short, so the counterparts and spheres stay on screen."""
    return value if len(value) <= width else value[: width - 1] + "…"


class OfficialPicker(ModalScreen[str | None]):
    """Which official? (an article or a comparison names several)."""

    BINDINGS = [Binding("escape,q", "cancel", "Cancel")]

    def __init__(self, people: list[tuple[str, str, str | None, str | None]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.people = people

    def compose(self) -> ComposeResult:
        options = [Option(person_label(n, r, c), id=i) for i, n, r, c in self.people]
        picker = OptionList(*options, id="picker")
        picker.border_title = "Whose record? (Enter)"
        yield picker

    def on_mount(self) -> None:
        self.query_one("#picker").focus()

    @on(OptionList.OptionSelected, "#picker")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Ask(ModalScreen[str | None]):
    """One line of input (merge: the other official; split: the new name)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, placeholder: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Static(line(self.question, "bold"))
            yield Input(placeholder=self.placeholder, id="ask-input")

    def on_mount(self) -> None:
        self.query_one("#ask-input").focus()

    @on(Input.Submitted, "#ask-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChooseSpellings(ModalScreen[list[str] | None]):
    """The spellings that belong to the other person (space ticks, Enter goes on)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "done", "Continue", priority=True),
    ]

    def __init__(self, spellings: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.spellings = spellings

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Static(
                Text("Split: tick the spellings of the other person (Space), then Enter.", "bold")
            )
            yield SelectionList[str](*[(s, s) for s in self.spellings], id="split-spellings")

    def on_mount(self) -> None:
        self.query_one("#split-spellings").focus()

    def action_done(self) -> None:
        chosen = list(self.query_one("#split-spellings", SelectionList).selected)
        self.dismiss(chosen or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass
class RecordLoaded(Message):
    record: OfficialRecord | None
    error: str | None = None
    note: str | None = None


def record_text(r: OfficialRecord) -> Text:
    """Spellings by script, then each role with the dates it was seen."""
    text = line(r.name, "bold")
    text.append("  ")
    text.append_text(line(f"{r.country or 'country unknown'} · id {r.id}", "dim"))
    text.append(f"\n{len(r.events)} events\n\n", style="dim")
    text.append("Spellings\n", style="bold underline")
    for script in sorted({s for _, s in r.spellings}):
        text.append(f"  {script}: ", style="italic")
        text.append_text(line(", ".join(sp for sp, sc in r.spellings if sc == script)))
        text.append("\n")
    text.append("\nRoles over time\n", style="bold underline")
    if not r.roles:
        text.append("  none recorded\n", style="dim")
    for role in r.roles:
        span = role.first if role.first == role.last else f"{role.first}..{role.last}"
        text.append(f"  {span or 'undated':<23} ", style="bold")
        text.append_text(line(role.role))
        text.append(f"  ({role.articles})\n", style="dim")
    return text


class OfficialScreen(Screen):
    """One person's record, with the keys to filter the list to them and to correct them."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("f", "filter", "Filter list to them"),
        Binding("g", "merge", "Merge another into them"),
        Binding("s", "split", "Split off spellings"),
    ]

    def __init__(self, official_id: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.official_id = official_id
        self.record: OfficialRecord | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="rec-top"):
            yield Static(Text("Loading…", style="dim"), id="rec-info")
        table: DataTable = DataTable(id="rec-events", cursor_type="row", zebra_stripes=True)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#rec-top").border_title = "Official's record"
        events = self.query_one("#rec-events", DataTable)
        events.border_title = "Events (Enter opens the article)"
        events.add_columns("Date", "Type", "Title", "Role", "Counterparts", "Spheres")
        events.focus()
        self._load()

    @work(thread=True, exclusive=True, group="record", exit_on_error=False)
    @releasing
    def _load(self, note: str | None = None) -> None:
        from db.officials import get_record

        worker = get_current_worker()
        try:
            record, error = get_record(self.app.store, self.official_id), None  # type: ignore[attr-defined]
        except Exception as exc:
            record, error = None, str(exc)
        if not worker.is_cancelled:
            self.post_message(RecordLoaded(record, error, note))

    def on_record_loaded(self, message: RecordLoaded) -> None:
        if message.note:
            self.notify(message.note, title="Record")
        if message.record is None:
            self.query_one("#rec-info", Static).update(line(message.error or "Not found", "bold"))
            return
        r = self.record = message.record
        self.query_one("#rec-info", Static).update(record_text(r))
        table = self.query_one("#rec-events", DataTable)
        table.clear()
        for e in r.events:
            table.add_row(
                line(e.date or "no date"),
                line(EVENT_TYPES.get(e.primary_type or "", e.primary_type or "—")),
                line(_cut(e.title, 52)),
                line(_cut(e.role or "—", 28)),
                line(_cut(", ".join(e.counterparts) or "—", 44)),
                line(", ".join(SPHERES.get(s, s) for s in e.spheres) or "—"),
                key=str(e.article_id),
            )

    @on(DataTable.RowSelected, "#rec-events")
    def _open_event(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.app.open_article(int(event.row_key.value))  # type: ignore[attr-defined]

    def action_filter(self) -> None:
        """Back to the main list, showing only this official's articles."""
        self.app.filter_main(official=self.official_id)  # type: ignore[attr-defined]

    def action_merge(self) -> None:
        """Another official who is really this person: all their articles come here."""

        def answered(other: str | None) -> None:
            if other:
                self._merge(other)

        self.app.push_screen(
            Ask(
                f"Merge into {self.record.name if self.record else self.official_id}:", "id or name"
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="record-edit", exit_on_error=False)
    @releasing
    def _merge(self, other: str) -> None:
        from db.officials import list_officials, merge_officials

        store = self.app.store  # type: ignore[attr-defined]
        wanted = other.casefold()
        people = list_officials(store)
        match = [p for p in people if p[0] == other] or [
            p for p in people if p[1].casefold() == wanted or wanted in p[1].casefold()
        ]
        match = [p for p in match if p[0] != self.official_id]
        if len(match) != 1:
            found = ", ".join(p[0] for p in match[:5]) or "nobody"
            self.app.call_from_thread(
                self.notify, f"'{other}' matches {found}: give an id.", severity="warning"
            )
            return
        try:
            merge_officials(store, match[0][0], self.official_id)
        except Exception as exc:
            self.app.call_from_thread(self.notify, f"Merge failed: {exc}", severity="error")
            return
        self.app.call_from_thread(self._load, f"{match[0][1]} merged into this record.")

    def action_split(self) -> None:
        """Spellings that are someone else: their articles go to a new official."""
        if self.record is None or len(self.record.spellings) < 2:
            self.notify("Only one spelling: nothing to split.", severity="warning")
            return

        def chosen(spellings: list[str] | None) -> None:
            if not spellings:
                return

            def named(name: str | None) -> None:
                if name:
                    self._split(spellings, name)

            self.app.push_screen(
                Ask("Name of the other person:", "e.g. Serdar Berdimuhamedov"), named
            )

        self.app.push_screen(ChooseSpellings([s for s, _ in self.record.spellings]), chosen)

    @work(thread=True, exclusive=True, group="record-edit", exit_on_error=False)
    @releasing
    def _split(self, spellings: list[str], name: str) -> None:
        from db.officials import split_official

        try:
            new_id = split_official(self.app.store, self.official_id, spellings, name)  # type: ignore[attr-defined]
        except Exception as exc:
            self.app.call_from_thread(self.notify, f"Split failed: {exc}", severity="error")
            return
        self.app.call_from_thread(self._load, f"Split off as {name} ({new_id}).")
