"""The main screen driven with Pilot: search as you type, facets, chips, keys, safe text."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from db.models import Extraction, ParsedArticle
from db.store import IDLE_CONNECTIONS
from tests.test_tui_store import build_sample_store, no_debounce, settle, write_articles  # noqa: F401  (no_debounce: autouse)
from tui.app import DiplotuiApp
from tui.screens.browse import PAGE, BrowseScreen
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.chips import HINT, ChipBar
from tui.widgets.facets import FACET_SIZE, SEP, FacetPanel
from tui.widgets.results import ResultsList, row_text
from tui.widgets.search_box import SearchBox

SIZE = (120, 36)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("tui") / "sample.db")


@pytest.fixture(scope="session")
def big_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """250 small articles: more than two pages of results."""
    from db.store import Store

    path = tmp_path_factory.mktemp("tui-big") / "big.db"
    store = Store(path)
    articles = [
        (
            f"bulk-{i:03}.txt",
            ParsedArticle(f"Bulletin number {i}", f"Routine bulletin {i} about cotton exports."),
            Extraction(date=f"2020-01-{1 + i % 28:02}", primary_type="meeting"),
        )
        for i in range(250)
    ]
    write_articles(store, articles)
    store.close()
    return path


def mentions(store_path: Path, article_id: int, folded: str) -> bool:
    """Whether an article's title, text or officials contain a word (folded, any script)."""
    from db.articles import get_article
    from db.store import Store
    from db.textfold import fold_text

    store = Store(store_path)
    try:
        a = get_article(store, article_id)
    finally:
        store.close()
    names = " ".join(n for o in a.officials for n in [o.name, *o.as_written])
    return any(w.startswith(folded) for w in fold_text(f"{a.title} {a.body} {names}").split())


def browse(pilot: Pilot) -> BrowseScreen:
    screen = pilot.app.screen
    assert isinstance(screen, BrowseScreen)
    return screen


def rows(pilot: Pilot) -> ResultsList:
    return pilot.app.screen.query_one("#results", ResultsList)


def text_of(widget: Static) -> str:
    return str(widget.visual)


async def type_query(pilot: Pilot, text: str, keys: bool = False) -> None:
    """Put a query in the box: key by key (keys=True) or pasted at once."""
    box = pilot.app.screen.query_one("#search", SearchBox)
    box.focus()
    if keys:
        box.value = ""
        await pilot.press(*list(text))
    else:
        box.value = text
    await settle(pilot)


async def test_launch_focuses_search_and_lists_newest_first(store_path: Path) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, SearchBox)
        results = rows(pilot)
        assert results.rows and results.total >= 5
        dates = [r.date for r in results.rows if r.date]
        assert dates == sorted(dates, reverse=True)
        count = text_of(app.screen.query_one("#count", Static))
        assert count.startswith(f"{results.total:,} of {results.total:,} articles")
        assert len(results.rows) == min(results.total, PAGE)


async def test_typing_filters_the_list(store_path: Path) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        everything = rows(pilot).total
        await type_query(pilot, "Meredov", keys=True)
        found = rows(pilot).rows
        assert found and len(found) < everything
        assert len(app.store._all) <= 1 + IDLE_CONNECTIONS  # workers handed theirs back
        assert all(mentions(store_path, r.id, "meredov") for r in found)
        assert any(any("Meredov" in name for name in r.officials) for r in found)
        count = text_of(app.screen.query_one("#count", Static))
        assert count == f"{len(found)} of {everything:,} articles"  # a small result: all shown


async def test_cyrillic_query_finds_latin_spellings(store_path: Path) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, "Мередов", keys=True)
        titles = [r.title for r in rows(pilot).rows]
        assert any("Meredov" in t for t in titles)


async def test_typo_finds_galuzin(store_path: Path) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, "Galuzn", keys=True)
        found = rows(pilot).rows
        assert found and all(mentions(store_path, r.id, "galuzin") for r in found)
        assert any(any("Galuzin" in n for n in r.officials) for r in found)


async def test_facet_narrows_shows_chip_and_chip_removal_restores(store_path: Path) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = rows(pilot).total
        panel = app.screen.query_one("#facets", FacetPanel)
        panel.focus()
        panel.highlighted = panel.get_option_index(f"spheres{SEP}transport-transit")
        await pilot.press("enter")
        await settle(pilot)
        after = rows(pilot).total
        assert 0 < after < before
        assert "sphere:transport-transit" in app.screen.query_one("#search", SearchBox).value
        bar = app.screen.query_one("#chips", ChipBar)
        assert [value for _, value, _ in bar.chips] == ["transport-transit"]
        assert f"spheres{SEP}transport-transit" in panel.marked
        bar.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert rows(pilot).total == before
        assert not bar.chips


async def test_typed_filter_selects_facet_and_clear_all(store_path: Path) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = rows(pilot).total
        await type_query(pilot, "sphere:energy type:phone-call")
        assert 0 < rows(pilot).total < before
        panel = app.screen.query_one("#facets", FacetPanel)
        assert f"spheres{SEP}energy" in panel.marked
        assert len(app.screen.query_one("#chips", ChipBar).chips) == 2
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert rows(pilot).total == before
        assert app.screen.query_one("#search", SearchBox).value == ""


async def test_year_facet_and_date_range(store_path: Path) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, "date:2023")
        assert rows(pilot).rows and all((r.date or "").startswith("2023") for r in rows(pilot).rows)
        await type_query(pilot, "date:2022-06..2023-05")
        assert all("2022-06" <= (r.date or "") <= "2023-05-31" for r in rows(pilot).rows)


async def test_navigation_keys_reader_and_back(store_path: Path) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # search box -> results
        results = rows(pilot)
        assert app.focused is results
        await pilot.press("j", "j")
        assert results.highlighted == 2
        await pilot.press("k")
        assert results.highlighted == 1
        loaded = len(results.rows)
        await pilot.press("end")
        assert results.highlighted == loaded - 1
        await pilot.press("home")
        assert results.highlighted == 0
        await settle(pilot)
        side = app.screen.query_one("#reader", ArticleView)
        assert side.article is not None and side.article.id == results.rows[0].id
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == results.rows[0].id
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchBox)
        await pilot.press("down")
        assert isinstance(app.focused, ResultsList)


async def test_tab_switches_panes(store_path: Path) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        assert isinstance(app.focused, FacetPanel)
        await pilot.press("tab")
        assert isinstance(app.focused, ResultsList)
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ResultsList)


async def test_help_lists_every_binding_and_query_syntax(store_path: Path) -> None:
    from tui.screens.help import binding_sections

    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows(pilot).focus()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        from rich.console import Console

        console = Console(width=120, record=True)
        console.print(app.screen.query_one("#help-text", Static).content)
        shown = console.export_text()
        for _, bindings in binding_sections():
            for b in bindings:
                assert b.description, b
                assert b.description in shown
        for needle in ("official:lavrov", "date:2022-06..2023-05", '"strategic partnership"'):
            assert needle in shown
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)


def test_every_binding_has_a_description() -> None:
    from tui.screens.help import binding_sections

    for _, bindings in binding_sections():
        for b in bindings:
            assert b.description.strip(), b.key


async def test_markup_and_escapes_in_articles_show_as_text(store_path: Path) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, "quokka")
        results = rows(pilot)
        assert results.rows and results.rows[0].title.startswith("Talks [bold red]")
        prompt = row_text(results.rows[0], results.terms).plain
        assert "[bold red]x[/]" in str(prompt) and "\x1b" not in str(prompt)
        assert "[@click=app.quit]quit[/]" in str(prompt)
        await settle(pilot)
        view = app.screen.query_one("#reader", ArticleView)
        body = view.text_of("body")
        assert "[bold red]x[/]" in body
        assert "␛[2J" in body and "\x1b" not in body and "\x07" not in body
        assert "\u202e" not in body and "\\u202e" in body
        header = view.text_of("header")
        assert "[@click=app.quit]" in header and "\x1b" not in header
        drawn = "".join(seg.text for y in range(view.size.height) for seg in view.render_line(y))
        assert "[bold red]" in drawn and "\x1b" not in drawn and "\x07" not in drawn
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.is_running


@pytest.mark.parametrize(
    "query", ['"unbalanced', "AND OR NOT (", "😀🇹🇲", "NEAR(a b", "*", 'official:"', "date:20x1"]
)
async def test_bad_queries_never_crash(store_path: Path, query: str) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, query)
        assert app.is_running
        count = text_of(app.screen.query_one("#count", Static))
        assert "articles" in count
        if not rows(pilot).rows:
            hint = "try fewer words" if app.screen.filters.is_empty() else "Ctrl+L clears"
            assert hint in count
        if query.startswith("date:"):
            status = app.screen.query_one("#status", Static)
            assert "bad date" in text_of(status)


async def test_paging_fetches_the_next_page_at_the_end(big_store_path: Path) -> None:
    app = DiplotuiApp(store_path=big_store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        results = rows(pilot)
        assert results.total == 250 and len(results.rows) == PAGE
        count = text_of(app.screen.query_one("#count", Static))
        assert count == f"250 of 250 articles  · {PAGE} shown"
        results.focus()
        await pilot.press("end")
        await settle(pilot)
        assert len(results.rows) == 2 * PAGE
        for _ in range(250 // PAGE + 1):
            await pilot.press("G")
            await settle(pilot)
        assert len(results.rows) == 250
        assert len({r.id for r in results.rows}) == 250
        count = text_of(app.screen.query_one("#count", Static))
        assert count == "250 of 250 articles"


async def test_commands_export_theme_copy(store_path: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, "Meredov")
        await app.run_action("export('csv')")
        await settle(pilot)
        files = list(tmp_path.glob("diplotui-export-*.csv"))
        assert len(files) == 1 and "Meredov" in files[0].read_text(encoding="utf-8")
        await app.run_action("export('md')")
        await settle(pilot)
        assert list(tmp_path.glob("diplotui-export-*.md"))
        dark = app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark != dark
        copied: list[str] = []
        monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
        await app.run_action("copy_url")
        assert copied and copied[0].startswith("http")
        await app.run_action("compare")


async def test_command_palette_lists_app_commands(store_path: Path) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"clear filt")
        await settle(pilot)
        from textual.command import CommandPalette

        assert isinstance(app.screen, CommandPalette)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)


async def test_refresh_picks_up_new_imports(tmp_path: Path) -> None:
    from db.store import Store
    from tests.test_tui_store import ARTICLES, build_fixed_store

    path = build_fixed_store(tmp_path / "grow.db")
    app = DiplotuiApp(store_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = rows(pilot).total
        other = Store(path)  # another process importing, as far as the app can tell
        file, article, facts = ARTICLES[0]
        write_articles(
            other, [("late-" + file, ParsedArticle("A late article", article.body), facts)]
        )
        other.close()
        rows(pilot).focus()
        await pilot.press("j", "j")
        chosen = rows(pilot).current
        await pilot.press("f5")
        await settle(pilot)
        assert rows(pilot).total == before + 1
        assert rows(pilot).current == chosen  # the cursor stays on the same article


async def test_empty_store_says_how_to_import(tmp_path: Path) -> None:
    app = DiplotuiApp(store_path=tmp_path / "empty.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "No articles yet" in text_of(app.screen.query_one("#count", Static))
        await type_query(pilot, "meredov")
        assert app.is_running and rows(pilot).rows == []


def test_clean_makes_control_characters_visible() -> None:
    from tui.text import clean, line

    raw = "a\x1b[2Jb\x00c\x7fd\x9be\u202ef\u2066g\th\ni"
    out = clean(raw)
    assert out == "a␛[2Jb␀c␡d\\u009be\\u202ef\\u2066g\th\ni"
    assert "\n" not in line(raw).plain and "[2J" in line(raw).plain


def test_highlight_terms_across_scripts() -> None:
    from tui.text import MATCH_STYLE, highlight_terms, safe

    text = highlight_terms(safe("Встреча с Мередовым; Meredov met [bold]Lavrov[/]"), ["meredov*"])
    spans = [(text.plain[s.start : s.end], s.style) for s in text.spans]
    assert ("Мередовым", MATCH_STYLE) in spans and ("Meredov", MATCH_STYLE) in spans
    assert all(word != "Lavrov" for word, _ in spans)


async def test_facet_more_expands_values() -> None:
    from textual.app import App

    from db.models import Facet, FacetValue, Filters

    values = [FacetValue(f"v{i:02}", f"Value {i:02} [b]x[/b]", 50 - i) for i in range(40)]

    class Harness(App[None]):
        def compose(self):
            yield FacetPanel()

    app = Harness()
    async with app.run_test() as pilot:
        panel = app.query_one(FacetPanel)
        panel.show([Facet("countries", values, more=True)], Filters(countries=["v01"]))
        assert panel.option_count == 1 + FACET_SIZE + 1  # heading, values, more…
        assert f"countries{SEP}v01" in panel.marked
        more = panel.get_option(f"more{SEP}countries")
        assert not more.disabled
        panel.focus()
        panel.highlighted = panel.get_option_index(f"more{SEP}countries")
        await pilot.press("enter")
        await pilot.pause()
        assert panel.expanded == {"countries"}
        panel.show([Facet("countries", values, more=True)], Filters())
        assert panel.option_count == 1 + 40 + 1
        assert panel.get_option(f"more{SEP}countries").disabled


async def test_timed_out_facet_shows_ellipsis() -> None:
    from textual.app import App

    from db.models import Facet, Filters

    class Harness(App[None]):
        def compose(self):
            yield FacetPanel()

    app = Harness()
    async with app.run_test():
        panel = app.query_one(FacetPanel)
        panel.show([Facet("officials", [], timed_out=True)], Filters())
        assert [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)] == [
            "Officials",
            "  …",
        ]


async def test_mouse_click_shows_then_opens(store_path: Path) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        results = rows(pilot)
        results.focus()
        await pilot.press("j")
        assert results.highlighted == 1
        await pilot.click("#results", offset=(3, 0))
        await settle(pilot)
        assert results.highlighted == 0 and isinstance(app.screen, BrowseScreen)
        await pilot.click("#results", offset=(3, 0))
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)


def _has_extractor() -> bool:
    try:
        from db.extract import extract  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _has_extractor(), reason="the extractor has not landed yet")
async def test_imported_file_with_markup_and_escapes(tmp_path: Path) -> None:
    """The same hostile text, through the real importer (file name included)."""
    from db.importing import import_paths
    from db.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    name = "evil-[bold]\x1b[31m.txt"
    (folder / name).write_text(
        "Meredov talks [bold red]x[/] \x1b[2J\n\nRashid Meredov said [@click=app.quit]quit[/] "
        "and \x1b]0;pwned\x07 in Ashgabat on 3 May 2023.\n",
        encoding="utf-8",
    )
    store = Store(tmp_path / "evil.db")
    import_paths(store, [folder])
    store.close()
    app = DiplotuiApp(store_path=tmp_path / "evil.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert rows(pilot).rows
        await pilot.press("escape", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        shown = " ".join(view.text_of(part) for part in ("header", "body"))
        assert "[bold red]x[/]" in shown and "[@click=app.quit]quit[/]" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        assert app.is_running


async def test_stale_results_are_ignored(store_path: Path) -> None:
    """A result posted by a superseded query never replaces the current list."""
    from db.models import ArticleRow, Filters, SearchResult
    from tui.screens.browse import Results

    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, "Meredov")
        screen = browse(pilot)
        shown = list(rows(pilot).rows)
        stale = SearchResult([ArticleRow(999_999, None, None, "stale")], 1, 1, [])
        screen.post_message(Results(screen.generation - 1, stale, None, Filters(), []))
        await settle(pilot)
        assert rows(pilot).rows == shown


@pytest.mark.parametrize("size", [(120, 36), (70, 30)])
async def test_rows_and_facet_values_fit_their_lists(
    store_path: Path, size: tuple[int, int]
) -> None:
    """The lists count each option's lines without wrapping it: every line must fit."""
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert_lists_fit(app, pilot)


def assert_lists_fit(app: DiplotuiApp, pilot: Pilot) -> None:
    """Every line of the result rows and facet values fits its list's width, and the
    lists count each option's lines right."""
    from rich.text import Text

    for widget in (rows(pilot), app.screen.query_one(FacetPanel)):
        width = widget.scrollable_content_region.width
        assert widget.option_count
        for index in range(widget.option_count):
            prompt = widget.get_option_at_index(index).prompt
            text = prompt if isinstance(prompt, Text) else Text(str(prompt))
            lines = text.split("\n")
            assert all(part.cell_len <= width for part in lines), (widget.id, text.plain)
            assert (
                widget._line_cache.heights[index]
                == len(lines) + widget.get_option_at_index(index)._divider
            )


async def test_lists_are_cut_again_when_the_terminal_narrows(store_path: Path) -> None:
    """Past the breakpoint the filter panel narrows: its values are cut again (their
    counts stay in sight), and so are the rows."""
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=(130, 36)) as pilot:
        await settle(pilot)
        assert_lists_fit(app, pilot)
        await pilot.resize_terminal(90, 36)
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        assert_lists_fit(app, pilot)
        await pilot.resize_terminal(130, 36)
        await settle(pilot)
        assert_lists_fit(app, pilot)


async def test_cut_rows_draw_as_textual_would(store_path: Path) -> None:
    """The lists draw rows from their segments: each cell's character, colours and
    attributes must equal what Textual's own OptionList drawing gives (all but the
    option's index in the style's meta: the mouse finds it from the line instead, as
    test_a_click_picks_the_option_on_its_line shows)."""
    from textual.geometry import Region
    from textual.widgets import OptionList

    def cells(strips) -> list[tuple]:
        return [
            (
                ch,
                s.style.color,
                s.style.bgcolor,
                s.style.bold,
                s.style.dim,
                s.style.italic,
            )
            for strip in strips
            for s in strip
            for ch in s.text
        ]

    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for widget in (rows(pilot), app.screen.query_one(FacetPanel)):
            for index, option in enumerate(widget.options[:8]):
                parts = ["option-list--option-highlighted"] if index == widget.highlighted else []
                style = widget.get_visual_style("option-list--option", *parts)
                widget._clear_caches()
                ours = cells(widget._get_option_render(option, style))
                widget._option_render_cache.clear()
                theirs = cells(OptionList._get_option_render(widget, option, style))
                assert ours == theirs, (widget.id, index)
            # whole lines (highlight, disabled headings, blank lines past the end) too
            crop = Region(0, 0, widget.outer_size.width, widget.outer_size.height)
            widget._styles_cache.clear()
            ours = cells(widget.render_lines(crop))
            widget._styles_cache.clear()
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(type(widget), "render_line", OptionList.render_line)
                theirs = cells(widget.render_lines(crop))
            assert ours == theirs, widget.id


async def test_removing_the_first_of_two_chips_keeps_the_right_one(store_path: Path) -> None:
    """The chips are one line: the cursor picks a chip, Enter removes that filter only,
    and the line says how to filter once none is left."""
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one("#chips", ChipBar)
        assert not bar.can_focus and HINT in str(bar.render())
        await type_query(pilot, "sphere:energy type:phone-call")
        assert [value for _, value, _ in bar.chips] == ["energy", "phone-call"]
        bar.focus()
        await pilot.press("right", "left")
        assert bar.cursor == 0
        await pilot.press("enter")
        await settle(pilot)
        assert [(field, value) for field, value, _ in bar.chips] == [("event_types", "phone-call")]
        shown = str(bar.render())
        assert "phone" in shown.lower() and "energy" not in shown.lower()
        assert app.screen.query_one("#search", SearchBox).value.strip() == "type:phone-call"
        await pilot.press("enter")
        await settle(pilot)
        assert not bar.chips and HINT in str(bar.render())
        assert isinstance(app.focused, SearchBox)  # the bar has nothing left to focus


async def test_clicking_a_chip_removes_its_filter(store_path: Path) -> None:
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_query(pilot, "sphere:energy type:phone-call")
        bar = app.screen.query_one("#chips", ChipBar)
        region = bar.region
        second = next(
            x
            for x in range(region.x, region.right)
            if app.screen.get_style_at(x, region.y).meta.get("chip") == 1
        )
        await pilot.click(offset=(second, region.y))
        await settle(pilot)
        assert [value for _, value, _ in bar.chips] == ["energy"]
        assert "phone-call" not in app.screen.query_one("#search", SearchBox).value


async def test_refilled_list_keeps_its_scrollbar_in_step() -> None:
    """A refill moves the scrollbar without laying out the screen: the bar still comes
    and goes with the content, and its thumb follows the new height."""
    from textual.app import App, ComposeResult

    from tui.widgets.cut_options import CutOptionList

    class ListApp(App):
        CSS = "CutOptionList { height: 10; width: 30; }"

        def compose(self) -> ComposeResult:
            yield CutOptionList()

    def refill(widget: CutOptionList, n: int) -> None:
        widget.clear_options()
        widget.add_options([f"value {i}" for i in range(n)])

    app = ListApp()
    async with app.run_test(size=(40, 20)) as pilot:
        widget = app.query_one(CutOptionList)
        for n, shown in [(3, False), (50, True), (30, True), (2, False), (40, True)]:
            refill(widget, n)
            await pilot.pause()
            assert widget.virtual_size.height == n
            assert widget.show_vertical_scrollbar is shown, n
            if shown:
                assert widget.vertical_scrollbar.window_virtual_size == n
        widget.scroll_end(animate=False)
        await pilot.pause()
        refill(widget, 12)
        await pilot.pause()
        assert widget.scroll_y <= 12 - widget.scrollable_content_region.height


@pytest.mark.parametrize("saved", [True, False])
async def test_first_screen_from_the_saved_counts_or_from_the_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, saved: bool
) -> None:
    """With the counts the last import saved, the bare first screen is filled before it
    is first drawn (no worker); with stale ones, the worker fills it."""
    from db.importing import refresh_caches
    from db.store import Store

    store = Store(tmp_path / "s.db")
    write_articles(store)
    if saved:
        refresh_caches(store)
    store.close()
    workers: list[str] = []
    real = BrowseScreen._search_worker
    monkeypatch.setattr(
        BrowseScreen,
        "_search_worker",
        lambda self, *a, **k: workers.append(a[1]) or real(self, *a, **k),
    )
    app = DiplotuiApp(store_path=tmp_path / "s.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert bool(workers) is not saved  # the worker ran only for stale counts
        assert_lists_fit(app, pilot)  # cut to the panes' widths, not to a guess
        assert rows(pilot).rows and rows(pilot).total == len(rows(pilot).rows)
        panel = app.screen.query_one("#facets", FacetPanel)
        assert any(o.id.startswith("spheres") for o in panel.options if o.id)


async def test_lists_repaint_every_line_that_changed(store_path: Path, monkeypatch) -> None:
    """A refill repaints only the lines it changed: after each keystroke, what the lists
    keep drawn must equal a redraw of every line from scratch."""
    from textual.geometry import Region

    from tui.widgets.cut_options import CutOptionList

    repaints: list[tuple[str, int]] = []  # (list, lines repainted; -1: all of them)
    original = CutOptionList._set_dirty

    def set_dirty(self, *regions):
        repaints.append((self.id, sum(r.height for r in regions) if regions else -1))
        return original(self, *regions)

    monkeypatch.setattr(CutOptionList, "_set_dirty", set_dirty)

    def drawn(widget) -> list[list[tuple]]:
        crop = Region(0, 0, widget.outer_size.width, widget.outer_size.height)
        return [[(s.text, s.style) for s in strip] for strip in widget.render_lines(crop)]

    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lists = [rows(pilot), app.screen.query_one(FacetPanel)]
        box = app.screen.query_one("#search", SearchBox)
        steps = [*"Meredov", "backspace", "backspace", "space", "g", "a", "s"]
        repaints.clear()
        for key in steps:
            box.focus()
            await pilot.press(key)
            await settle(pilot)
            for widget in lists:
                kept = drawn(widget)
                widget._styles_cache.clear()
                assert kept == drawn(widget), (key, widget.id)
        typed = list(repaints)
        rows(pilot).focus()
        await pilot.press("down", "down")
        await type_query(pilot, "gas")
        for widget in lists:
            kept = drawn(widget)
            widget._styles_cache.clear()
            assert kept == drawn(widget), widget.id
        # while typing, lines were repainted one by one, not every line each time
        assert any(n > 0 for _, n in typed), typed
        assert sum(n == -1 for _, n in typed) < len(steps), typed


def test_row_prompt_highlights_title_and_officials_not_the_type_column() -> None:
    from db.models import ArticleRow
    from tui.text import MATCH_STYLE
    from tui.widgets.results import row_prompt

    row = ArticleRow(7, "2024-03-01", "consultations", "Consultations on gas", ["Rashid Meredov"])
    for _ in range(2):  # the second from the cached row, with the same highlights
        text = row_prompt(row, ["consul*", "meredov"], width=80)
        marked = [s for s in text.spans if s.style == MATCH_STYLE]
        assert [text.plain[s.start : s.end] for s in marked] == ["Consultations", "Meredov"]
        assert marked[0].start == text.plain.index("Consultations on")  # the title's
    plain = row_prompt(row, [], width=80)
    assert not [s for s in plain.spans if s.style == MATCH_STYLE]


async def test_filter_panel_height_moves_in_steps_so_its_scrollbar_stays() -> None:
    """The filter panel's scrolled height is counted in steps of lines: a few values more
    or fewer keep the scrollbar as it was (not redrawn), and every value stays reachable."""
    from textual.app import App, ComposeResult

    from db.models import Facet, FacetValue, Filters

    class PanelApp(App):
        CSS = "FacetPanel { height: 10; width: 30; }"

        def compose(self) -> ComposeResult:
            yield FacetPanel()

    def facets(n: int) -> list[Facet]:
        return [Facet("spheres", [FacetValue(f"v{i}", f"Value {i}", 100 - i) for i in range(n)])]

    app = PanelApp()
    async with app.run_test(size=(40, 20)) as pilot:
        panel = app.query_one(FacetPanel)
        heights = []
        for n in (9, 10, 11, 5):  # fewer than FACET_SIZE: no "more…" line
            panel.show(facets(n), Filters())
            await pilot.pause()
            lines = n + 1  # the heading
            assert (
                panel.virtual_size.height
                >= lines
                > panel.virtual_size.height - FacetPanel.HEIGHT_STEP
            )
            heights.append(panel.virtual_size.height)
        assert heights[0] == heights[1] == heights[2] > heights[3]
        panel.show(facets(11), Filters())
        panel.focus()
        await pilot.press("end")
        await pilot.pause()
        assert panel.highlighted_option is not None and panel.highlighted_option.id.endswith("v10")
        assert panel.scroll_offset.y + panel.size.height >= 12  # the last value is in view


async def test_reader_shows_an_article_without_laying_out_the_screen(store_path: Path) -> None:
    """Moving through the list shows each article in the reader: its lines and scroll
    range change, the screen is not laid out again; 'e' opens the evidence."""
    from textual.screen import Screen

    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one("#reader", ArticleView)
        results = rows(pilot)
        results.focus()
        await settle(pilot)  # the footer shows the list's keys: laid out once
        layouts = 0
        original = Screen._refresh_layout

        def counted(self, *args, **kwargs):
            nonlocal layouts
            layouts += 1
            return original(self, *args, **kwargs)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Screen, "_refresh_layout", counted)
            for _ in range(3):
                await pilot.press("j")
                await settle(pilot)
                assert view.article is not None and view.article.id == results.current.id
        assert layouts == 0
        title = results.current.title
        assert title.split()[0] in "".join(seg.text for seg in view.render_line(0))
        assert view.virtual_size.height > view.size.height  # a long article: it scrolls
        view.focus()
        lines = view.virtual_size.height
        await pilot.press("e")
        await pilot.pause()
        assert view.evidence_open and view.virtual_size.height > lines
        await pilot.press("end")
        await pilot.pause()
        assert view.scroll_offset.y == view.max_scroll_y > 0
        heading = view._evidence_line
        assert heading is not None
        view.scroll_to(0, heading, animate=False)  # the heading on the reader's top line
        await pilot.pause()
        assert view.scroll_offset.y == heading
        region = view.content_region
        await pilot.click(offset=(region.x + 2, region.y))
        await pilot.pause()
        assert not view.evidence_open and view.virtual_size.height == lines  # shut again


async def test_a_click_picks_the_option_on_its_line(store_path: Path) -> None:
    """The lists' lines carry no option index: a click (and the hover) finds the option
    from the line under the mouse, scrolled or not, and a heading is not clickable."""
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(FacetPanel)
        lines = panel._line_cache.lines
        assert panel.options[lines[0][0]].disabled  # "Officials", a heading
        await pilot.click("#facets", offset=(2, 0))
        await settle(pilot)
        assert not app.screen.query_one("#chips", ChipBar).chips
        value = panel.options[lines[1][0]]
        name, _, picked = str(value.id).partition(SEP)
        await pilot.click("#facets", offset=(2, 1))
        await settle(pilot)
        assert [(n, v) for n, v, _ in app.screen.query_one("#chips", ChipBar).chips] == [
            (name, picked)
        ]
        await pilot.hover("#facets", offset=(2, 2))
        assert panel._mouse_hovering_over == panel._line_cache.lines[2][0]

        await type_query(pilot, "")
        results = rows(pilot)
        results.focus()
        await pilot.press("end")
        await settle(pilot)
        top = results.scroll_offset.y
        assert top > 0
        below = results._line_cache.lines[top + 2][0]
        await pilot.click("#results", offset=(3, 2))
        await settle(pilot)
        assert results.highlighted == below


async def test_collection_is_off_while_the_screen_is_built(store_path: Path, monkeypatch) -> None:
    """The pacer takes over garbage collection before the app and its screen are composed
    (startup allocates the most), and gives it back when the app ends."""
    import gc

    seen: list[bool] = []

    def compose(self):
        seen.append(gc.isenabled())
        yield from ()

    monkeypatch.setattr(DiplotuiApp, "compose", compose, raising=False)
    assert gc.isenabled()
    app = DiplotuiApp(store_path=store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert seen == [False]
    assert gc.isenabled()
