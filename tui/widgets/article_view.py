"""The reader: title, date, source, the extracted facts with their evidence, and the text."""

from __future__ import annotations

from pathlib import PurePath

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Collapsible, Static

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


class ArticleView(VerticalScroll):
    """Shows one ArticleDetail; scrolls with the keyboard when focused."""

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
        self.can_focus = True

    def compose(self) -> ComposeResult:
        yield Static(Text("No article selected.", style="dim"), id="art-header")
        yield Static("", id="art-facts")
        with Collapsible(title="Evidence (e)", collapsed=True, id="art-evidence"):
            yield Static("", id="art-evidence-text")
        yield Static("", id="art-body")

    def show(self, article: ArticleDetail | None, terms: list[str]) -> None:
        """Fill the reader from an ArticleDetail (None: empty state)."""
        self.article = article
        header = self.query_one("#art-header", Static)
        if article is None:
            header.update(Text("No article selected.", style="dim"))
            for wid in ("#art-facts", "#art-evidence-text", "#art-body"):
                self.query_one(wid, Static).update("")
            self.query_one("#art-evidence").display = False
            return
        self.query_one("#art-evidence").display = True
        header.update(header_text(article, terms))
        self.query_one("#art-facts", Static).update(facts_text(article))
        self.query_one("#art-evidence-text", Static).update(evidence_text(article))
        self.query_one("#art-body", Static).update(body_text(article, terms))
        self.scroll_home(animate=False)

    def action_toggle_evidence(self) -> None:
        """Show or hide the sentences behind each fact."""
        box = self.query_one("#art-evidence", Collapsible)
        box.collapsed = not box.collapsed
