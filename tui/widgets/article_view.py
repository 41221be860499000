"""The reader: title, date, source, the extracted facts with their evidence, and the text."""

from __future__ import annotations

from pathlib import PurePath

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from db.models import ArticleDetail
from db.schema import EVENT_TYPES, SPHERES
from tui.text import NAME_STYLE, highlight_spellings, highlight_terms, line, safe


def _field(label: str, value: Text | str) -> Text:
    text = Text(f"{label}: ", style="bold")
    text.append_text(value if isinstance(value, Text) else safe(value))
    return text


def header_text(a: ArticleDetail, terms: list[str]) -> Text:
    """Title, then date · type · source: the article's identity."""
    title = highlight_terms(line(a.title, "bold"), terms)
    meta = Text()
    meta.append(a.event_date or a.published or "no date", style="bold")
    if a.published and a.published != a.event_date:
        meta.append(f"  (published {a.published})", style="dim")
    if a.primary_type:
        meta.append("  ·  ")
        meta.append_text(line(EVENT_TYPES.get(a.primary_type, a.primary_type), "italic"))
    meta.append("\n")
    meta.append_text(line(a.source_url or "no source URL", "dim underline"))
    meta.append("\n")
    meta.append_text(line(PurePath(a.file).name, "dim"))
    return Text("\n").join([title, meta])


def facts_text(a: ArticleDetail) -> Text:
    """The extracted facts, one labelled line each (all values as data)."""
    lines: list[Text] = []
    if a.officials:
        lines.append(Text("Officials:", style="bold"))
        for o in a.officials:
            entry = Text("  • ")
            entry.append_text(line(o.name, NAME_STYLE))
            extra = [p for p in (o.role, o.country) if p]
            if extra:
                entry.append(" — ")
                entry.append_text(line(", ".join(extra)))
            if o.as_written:
                entry.append("  as written: ", style="dim")
                entry.append_text(line(", ".join(o.as_written), "dim italic"))
            lines.append(entry)
    if a.spheres:
        lines.append(_field("Spheres", line(", ".join(SPHERES.get(s, s) for s in a.spheres))))
    if a.event_types:
        lines.append(
            _field("Event types", line(", ".join(EVENT_TYPES.get(t, t) for t in a.event_types)))
        )
    if a.countries:
        lines.append(_field("Countries", line(", ".join(a.countries))))
    if a.places:
        lines.append(_field("Places", line(", ".join(a.places))))
    if a.documents:
        lines.append(Text("Documents:", style="bold"))
        lines.extend(Text("  • ").append_text(line(d)) for d in a.documents)
    if a.summary:
        lines.append(_field("Summary", safe(a.summary)))
    return Text("\n").join(lines) if lines else Text("No facts extracted.", style="dim")


def evidence_text(a: ArticleDetail) -> Text:
    """Each fact with the cue and sentence that decided it."""
    if not a.evidence:
        return Text("No evidence recorded.", style="dim")
    parts: list[Text] = []
    for ev in a.evidence:
        entry = Text()
        entry.append_text(line(f"{ev.kind}: {ev.value}", "bold"))
        entry.append("  cue ", style="dim")
        entry.append_text(line(ev.cue, "italic"))
        entry.append("\n  ")
        sentence = line(ev.sentence)
        highlight_spellings(sentence, [ev.cue], "reverse")
        entry.append_text(sentence)
        parts.append(entry)
    return Text("\n").join(parts)


def body_text(a: ArticleDetail, terms: list[str]) -> Text:
    """Teaser and body, officials' spellings and the query's matches highlighted."""
    text = safe(a.body)
    if a.teaser and a.teaser.strip() and a.teaser.strip() not in a.body:
        text = Text("\n\n").join([safe(a.teaser, "italic"), text])
    highlight_spellings(text, [s for o in a.officials for s in o.as_written])
    return highlight_terms(text, terms)


EVIDENCE_SHUT = "▶ Evidence (e)"
EVIDENCE_OPEN = "▼ Evidence (e)"


class ArticleView(ScrollView, can_focus=True):
    """Shows one ArticleDetail as lines it wraps itself; scrolls when focused.

    One widget, not a column of Statics: a new article (every cursor move in the list)
    then changes the lines and the scroll range only, where Statics of new heights laid
    out the whole screen, twice (50-130 ms of the UI thread on a large store, while the
    next keystrokes waited)."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("e", "toggle_evidence", "Evidence"),
        Binding("c", "app.copy_text", "Copy text"),
        Binding("y", "app.copy_url", "Copy URL"),
        Binding("C", "app.compare", "Compare with similar"),
        Binding("O", "app.official", "Official's record"),
        Binding("T", "app.timeline", "Timeline"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: ArticleDetail | None = None
        self.terms: list[str] = []
        self.evidence_open = False
        self.parts: dict[str, Text] = {"header": Text("No article selected.", style="dim")}
        self._lines: list[Strip] = []
        self._evidence_line: int | None = None  # the "Evidence (e)" heading's line
        self._wrapped_style: Style | None = None  # the widget's colours in the lines

    def show(self, article: ArticleDetail | None, terms: list[str]) -> None:
        """Fill the reader from an ArticleDetail (None: empty state)."""
        self.article = article
        self.terms = list(terms)
        if article is None:
            self.parts = {"header": Text("No article selected.", style="dim")}
        else:
            self.parts = {
                "header": header_text(article, terms),
                "facts": facts_text(article),
                "evidence": evidence_text(article),
                "body": body_text(article, terms),
            }
        self._wrap()
        self.scroll_to(0, 0, animate=False)

    def text_of(self, part: str) -> str:
        """A part's plain text as shown ("header", "facts", "evidence", "body")."""
        found = self.parts.get(part)
        return found.plain if found is not None else ""

    def _wrap(self) -> None:
        """Wrap the parts to the width and set the scroll range (no layout: the widget's
        own size does not depend on what it shows)."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return  # not laid out yet: on_resize wraps
        console = self.app.console
        style = self._wrapped_style = self.rich_style
        lines: list[Strip] = []
        self._evidence_line = None
        for name, text in self.parts.items():
            if name == "evidence":
                self._evidence_line = len(lines)
                heading = Text(EVIDENCE_OPEN if self.evidence_open else EVIDENCE_SHUT)
                heading.stylize("bold")
                text = Text("\n").join([heading, text]) if self.evidence_open else heading
            for wrapped in text.wrap(console, width, overflow="fold"):
                wrapped.end = ""
                segments = list(wrapped.render(console))
                # the widget's colours under the text's own styles, as Textual's Log does
                lines.append(Strip(segments).apply_style(style).crop_extend(0, width, style))
            lines.append(Strip.blank(width, style))  # a blank line between the parts
        self._lines = lines
        size = Size(width, len(lines))
        if size != self.virtual_size:
            # as CutOptionList does: setting it outright lays out the whole screen
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
        self.refresh()

    def on_resize(self) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        number = self.scroll_offset.y + y
        style = self.rich_style
        if number >= len(self._lines):
            return Strip.blank(width, style)
        return self._lines[number].crop_extend(0, width, style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # the theme's colours are baked into the lines: wrap again when they change, not
        # on every focus or hover (a focus change restyles the border only)
        if self.is_mounted and self.rich_style != self._wrapped_style:
            self._wrap()

    def action_toggle_evidence(self) -> None:
        """Show or hide the sentences behind each fact."""
        if self.article is None:
            return
        self.evidence_open = not self.evidence_open
        self._wrap()

    def on_click(self, event: events.Click) -> None:
        """A click on the Evidence heading opens or shuts it."""
        offset = event.get_content_offset(self)
        if offset is None or self._evidence_line is None:
            return
        if self.scroll_offset.y + offset.y == self._evidence_line:
            self.action_toggle_evidence()
