"""The app's own commands for the command palette (Ctrl+P)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS: list[tuple[str, str, str]] = [
    ("Clear filters", "clear_filters", "Drop every filter, keep the words"),
    ("Switch theme (dark/light)", "toggle_theme", "Dark and light are both readable"),
    (
        "Open the compare view",
        "compare",
        "The marked articles side by side (none marked: the article and similar ones)",
    ),
    ("Clear compare marks", "clear_marks", "Unmark every article marked for comparison"),
    ("Open the timeline", "timeline", "Events per year or month for the current query"),
    ("Official's record", "official", "Spellings, roles and events of an official on screen"),
    ("Export results as Markdown", "export('md')", "Write the current results to a .md file"),
    ("Export results as CSV", "export('csv')", "Write the current results to a .csv file"),
    ("Copy article text", "copy_text", "The highlighted article's text to the clipboard"),
    ("Copy source URL", "copy_url", "The highlighted article's URL to the clipboard"),
    ("Refresh results", "refresh", "Re-run the query (picks up new imports)"),
    ("Help: keys and query syntax", "help", "Every binding and the search syntax"),
]


class DiplotuiCommands(Provider):
    """Runs app actions by name; fuzzy-matched like the rest of the palette."""

    async def discover(self) -> Hits:
        for name, action, help_text in COMMANDS:
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, action), help=help_text
                )

    async def _run(self, action: str) -> None:
        await self.app.run_action(action)
