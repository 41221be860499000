"""What is shown is text: markup, terminal escapes and bidi overrides in article titles,
bodies, officials' names and file names never style the screen, run an action or reach
the terminal, in the CLI's output or in the TUI.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from db.models import OfficialMention
from db.store import Store
from tests.conftest import add_article
from tui.cli import main

CLEAR = "\x1b[2J"
OSC52 = "\x1b]52;c;cHduZWQ=\x07"  # "copy 'pwned' to the clipboard"
CSI_C1 = "\x9b31m"  # the one-byte CSI
BIDI = "\u202e"
ISOLATE = "\u2066"

TITLE = f"Talks [bold red]x[/] [@click=app.quit]quit[/] {CLEAR}{OSC52} {BIDI}evil"
BODY = f"Body [bold red]y[/] [@click=app.quit]q[/] {CLEAR} {CSI_C1} red {ISOLATE} bell\x07 end"
NAME = f"[@click=app.quit]Evil[/] {OSC52}Minister"
FILE = f"/in/[@click=app.quit]{CLEAR}{BIDI}file.txt"
EVIL = OfficialMention("evil-minister", NAME, [NAME], "Minister", "[bold red]Land")

# What must never reach a terminal raw: ESC, BEL, C1 controls, bidi overrides/isolates.
RAW = ["\x1b", "\x07", "\x9b", "\x9d", BIDI, ISOLATE]


def assert_no_raw(text: str) -> None:
    for ch in RAW:
        assert ch not in text, (repr(ch), text[:500])


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "h.db"
    with Store(path) as store:
        add_article(store, FILE, TITLE, BODY, officials=[EVIL], countries=["[bold red]Land"])
        add_article(store, "/in/plain.txt", "Plain talks", "Nothing odd here.", officials=[EVIL])
    return path


# -- the command line ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["search", "talks"],
        ["search", ""],
        ["search", "official:evil-minister"],
        ["search", f"official:{CLEAR}nobody"],
        ["search", f"{CLEAR}{BIDI}"],
        ["compare", "1", "2"],
        ["compare", "1", "2", "--format", "json"],
        ["export", "--format", "md", "-o", "{tmp}/out.md"],
    ],
)
def test_cli_output_has_no_raw_escapes(hostile_db, tmp_path, args):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(main, [*args, "--db", str(hostile_db)])
    assert result.exit_code == 0, result.output
    assert_no_raw(result.output)


def test_cli_search_shows_markup_as_text(hostile_db):
    result = CliRunner().invoke(main, ["search", "talks", "--db", str(hostile_db)])
    assert "Talks [bold red]x[/] [@click=app.quit]quit[/] \\x1b[2J" in result.stdout
    assert "[[@click=app.quit]Evil[/] \\x1b]52" in result.stdout


def test_cli_search_json_escapes_yet_keeps_the_data(hostile_db):
    result = CliRunner().invoke(main, ["search", "talks", "--json", "--db", str(hostile_db)])
    assert_no_raw(result.stdout)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    (row,) = [r for r in rows if r["title"] != "Plain talks"]
    assert row["title"] == TITLE  # the JSON still holds exactly what is stored
    assert row["officials"] == [NAME]


def test_cli_compare_json_keeps_the_data(hostile_db):
    result = CliRunner().invoke(
        main, ["compare", "1", "2", "--format", "json", "--db", str(hostile_db)]
    )
    data = json.loads(result.stdout)
    assert data["articles"][0]["title"] == TITLE


def test_export_to_a_file_keeps_the_data_exactly(hostile_db, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        main, ["export", "--format", "jsonl", "-o", str(out), "--db", str(hostile_db)]
    )
    assert result.exit_code == 0
    titles = [json.loads(line)["title"] for line in out.read_text("utf-8").splitlines()]
    assert TITLE in titles


@pytest.mark.parametrize("fmt", ["md", "csv", "jsonl"])
def test_export_to_a_terminal_shows_no_raw_escapes(hostile_db, fmt):
    """stdout a real terminal (a pty): what a person sees is escaped."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "export", "--format", fmt, "--db", str(hostile_db)],
        stdout=follower,
        stderr=subprocess.PIPE,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=60) == 0, proc.stderr.read()
    shown = b"".join(chunks).decode("utf-8")
    assert "[bold red]x[/]" in shown and "Plain talks" in shown
    assert_no_raw(shown)


def test_cli_import_names_hostile_files_as_text(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = folder / f"good {CLEAR}{BIDI}[bold red]name.txt"
    good.write_text(f"Imported {CLEAR} title [bold red]z[/]\nA body {OSC52} here.\n", "utf-8")
    bad = folder / f"bad {OSC52}{ISOLATE}[@click=app.quit].txt"
    bad.write_bytes(b"")
    feed = folder / f"feed{CLEAR}.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        "<item><title>Fine item</title><description>Fine.</description></item>"
        f"<item><title>Bad {CLEAR}<b></title></item></channel></rss>",
        "utf-8",
    )
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["import", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert_no_raw(result.output)
    assert "failed: " in result.output and "[@click=app.quit].txt: empty file" in result.output
    assert "\\x1b]52" in result.output  # the file name is shown, escaped
    assert "warning: " in result.output and "feed\\x1b[2J.xml" in result.output
    listed = CliRunner().invoke(main, ["search", "", "--db", str(db)])
    assert_no_raw(listed.output)
    assert "Imported" in listed.output


def test_error_messages_escape_the_store_path(tmp_path):
    bogus = tmp_path / f"store{CLEAR}{BIDI}.db"
    bogus.write_text("not a database")
    result = CliRunner().invoke(main, ["search", "x", "--db", str(bogus)])
    assert result.exit_code == 1
    assert "not an SQLite file" in result.output
    assert_no_raw(result.output)


# -- the TUI ---------------------------------------------------------------------------------


def screen_lines(app) -> list[str]:
    """The whole screen as the terminal would get it: one string per row."""
    return ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]


def click_actions(app) -> list[str]:
    """Any @click action attached to what is on screen (markup that became a link)."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for seg in strip:
            meta = seg.style.meta if seg.style else {}
            if meta and "@click" in meta:
                found.append(f"{seg.text!r}: {meta['@click']}")
    return found


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def no_debounce(monkeypatch):
    import tui.screens.browse as browse_module

    monkeypatch.setattr(browse_module, "DEBOUNCE_S", 0.0)
    monkeypatch.setattr(browse_module, "READER_DELAY_S", 0.0)


def where(lines: list[str], needle: str) -> list[tuple[int, int]]:
    return [(row.find(needle), y) for y, row in enumerate(lines) if needle in row]


async def test_tui_shows_hostile_text_as_text_and_links_do_nothing(hostile_db, no_debounce):
    from tui.app import DiplotuiApp
    from tui.screens.reader import ReaderScreen

    app = DiplotuiApp(store_path=hostile_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press(*"bell")  # only in the hostile article's body
        await settle(pilot)
        lines = screen_lines(app)
        shown = "\n".join(lines)
        assert_no_raw(shown)
        assert "[bold red]x[/]" in shown  # titles: in the list and the reader
        assert "[bold red]y[/]" in shown  # the body
        assert "[@click=app.quit]Evil[/]" in shown  # an official's name
        assert "[bold red]Land" in shown  # a country
        assert "file.txt" in shown and "␛[2J" in shown  # the file name, ESC made visible
        assert "\\u202e" in shown
        assert click_actions(app) == []
        spots = where(lines, "[@click=app.quit]")
        assert len(spots) >= 3
        for x, y in spots:  # click each would-be link: nothing quits
            await pilot.click(offset=(x + 3, y))
            await pilot.pause()
            assert app.is_running and app.return_code is None
        await settle(pilot)
        await pilot.press("escape")
        await pilot.click("#results")
        await pilot.press("home", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        full = "\n".join(screen_lines(app))
        assert_no_raw(full)
        assert "[bold red]y[/]" in full and "[@click=app.quit]q[/]" in full
        assert click_actions(app) == []
        for x, y in where(screen_lines(app), "[@click=app.quit]"):
            await pilot.click(offset=(x + 3, y))
            await pilot.pause()
            assert app.is_running
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and app.return_code is None


def test_every_unsafe_character_is_unprintable():
    """clean_line skips its search on printable text: no unsafe character may be printable."""
    from db.importers.plain import _UNSAFE, clean_line

    unsafe = [chr(c) for c in range(0x110000) if _UNSAFE.match(chr(c))]
    assert unsafe and not any(ch.isprintable() for ch in unsafe)
    assert clean_line("a\u202eb\x1bc\x85d") == "abcd"
