"""Importers: each layout, each encoding, and the problems a user is told about."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from db.errors import ImportProblem
from db.importers import (
    LAYOUTS,
    MAX_FILE_BYTES,
    ImportReport,
    detect_layout,
    read_bytes,
    read_bytes_report,
    read_file,
    read_file_report,
)
from db.models import ParsedArticle

SAMPLE_DATA = Path(__file__).resolve().parent.parent / "sample_data"
SAMPLES = sorted(SAMPLE_DATA.iterdir())
HEADER_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(\S+)")


def one(data: bytes | str, name: str = "") -> ParsedArticle:
    if isinstance(data, str):
        data = data.encode("utf-8")
    articles = read_bytes(data, name)
    assert len(articles) == 1
    return articles[0]


# --- the real sample files ------------------------------------------------------------


def test_sample_data_is_there():
    assert len(SAMPLES) == 28


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name[:24] for p in SAMPLES])
def test_every_sample_file_reads_to_one_article(path):
    articles = read_file(path)
    assert len(articles) == 1
    article = articles[0]
    assert article.title and article.body
    assert article.title == article.title.strip() and "\n" not in article.title
    assert article.item_key == ""
    assert "\n\n" not in article.body and not article.body.startswith(article.title)


HEADER_SAMPLES = [p for p in SAMPLES if HEADER_LINE.match(p.read_text(encoding="utf-8"))]


def test_header_samples_found():
    assert len(HEADER_SAMPLES) >= 10
    assert any(p.name.startswith("ru-tm-2022-06-10") for p in HEADER_SAMPLES)


@pytest.mark.parametrize("path", HEADER_SAMPLES, ids=[p.name[:24] for p in HEADER_SAMPLES])
def test_header_sample_published_url_teaser_and_body_start(path):
    text = path.read_text(encoding="utf-8")
    date, url = HEADER_LINE.match(text).groups()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    # header, title, title again, teaser, then the first real paragraph
    assert lines[1] == lines[2]
    article = read_file(path)[0]
    assert article.layout == "header"
    assert article.published == date
    assert article.source_url == url
    assert article.title == lines[1]
    assert article.teaser == lines[3]
    assert re.search(r"\d{2}\.\d{2}\.\d{4}$", article.teaser)
    assert article.body.split("\n")[0] == lines[4]
    assert lines[1] not in article.body and article.teaser not in article.body


def test_russian_header_sample():
    article = read_file(SAMPLE_DATA / "d-01-meredov-lavrov-talks-moscow.txt")[0]
    assert article.title.startswith("Лавров и Мередов обсудили")
    assert article.body.startswith("28 августа 2025 года")
    assert article.source_url == "https://tass.ru/mezhdunarodnaya-panorama/24894285"


def test_plain_sample_keeps_every_paragraph():
    path = SAMPLE_DATA / "a-01-putin-visit-strategic-partnership-treaty.txt"
    lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    article = read_file(path)[0]
    assert article.layout == "plain"
    assert article.title == lines[0]
    assert article.body.split("\n") == lines[1:]
    assert article.published is None and article.teaser is None


def test_markdown_sample():
    article = read_file(SAMPLE_DATA / "d-06-yoon-state-visit-ashgabat.md")[0]
    assert article.layout == "markdown"
    assert article.title.startswith("Serdar Berdymukhamedov and Yoon Suk Yeol")
    assert article.published == "2024-06-11"
    assert article.body.startswith("On June 10, 2024")
    assert "Date:" not in article.body and "#" not in article.body


def test_html_sample():
    article = read_file(SAMPLE_DATA / "d-07-orban-official-visit-ashgabat.html")[0]
    assert article.layout == "html"
    assert article.title.startswith("Berdimuhamedow and Orbán hold talks")
    assert article.published == "2023-06-10"
    assert article.body.startswith("President of Turkmenistan Serdar Berdimuhamedow")
    assert len(article.body.split("\n")) == 5
    for noise in ("Home", "Politics", "gtag", "dataLayer", "All rights reserved"):
        assert noise not in article.body


# --- plain ----------------------------------------------------------------------------


def test_plain_title_and_body_whitespace():
    article = one("\n\n   Title   with  spaces \n\nFirst\tparagraph  here.\n\n\nSecond.\n")
    assert article.title == "Title with spaces"
    assert article.body == "First paragraph here.\nSecond."


def test_plain_title_only_has_empty_body():
    article = one("Just a title\n")
    assert (article.title, article.body) == ("Just a title", "")


def test_plain_text_opening_with_title_date_and_source_lines():
    article = one(
        "Title: Meredov receives the Belarusian minister\n"
        "Date: 13.11.2024\n"
        "Source: https://mfa.example/news/1\n"
        "\n"
        "On Tuesday the ministers held talks.\n"
    )
    assert article.title == "Meredov receives the Belarusian minister"
    assert article.published == "2024-11-13"
    assert article.source_url == "https://mfa.example/news/1"
    assert article.body == "On Tuesday the ministers held talks."
    assert article.layout == "plain"


def test_plain_text_with_a_russian_header_block_and_a_source_that_is_a_name():
    article = one(
        "Заголовок: Переговоры в Ашхабаде\n"
        "Дата: 15 мая 2024 года\n"
        "Источник: пресс-служба МИД\n"
        "Министры провели переговоры.\n"
    )
    assert article.title == "Переговоры в Ашхабаде"
    assert article.published == "2024-05-15"
    assert article.source_url is None
    assert article.body == "Министры провели переговоры."


def test_plain_text_with_a_date_line_only_keeps_its_first_line_as_title():
    article = one("Date: 2024-02-19\nTalks in Ashgabat\nThe sides met.\n")
    assert (article.title, article.published) == ("Talks in Ashgabat", "2024-02-19")
    assert article.body == "The sides met."


def test_plain_lines_that_only_look_like_keys_stay_text():
    article = one("Summary: the talks went well\nAshgabat: the sides met on Monday.\n")
    assert article.title == "Summary: the talks went well"
    assert article.body == "Ashgabat: the sides met on Monday."
    assert article.published is None
    prose = one("Ashgabat: talks held\nDate: the sides set one.\n")
    assert prose.title == "Ashgabat: talks held"
    assert prose.published is None


def test_a_weekday_is_counted_back_from_the_date_line_of_a_plain_text():
    from db.extract import extract

    article = one(
        "Title: Belarusian minister in Ashgabat\nDate: 13.11.2024\n\n"
        "Министр во вторник был принят в Ашхабаде Президентом Туркменистана.\n"
    )
    assert extract(article).date == "2024-11-12"  # 13.11.2024 was a Wednesday


def test_controls_and_bidi_overrides_removed_but_brackets_kept():
    text = "Ti\x1b[31mtle\u202e evil\x07\nBody [bold] text\u2066 here\x9b2J.\n"
    article = one(text)
    assert article.title == "Ti[31mtle evil"
    assert article.body == "Body [bold] text here2J."
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", article.body)


# --- encodings through read_file --------------------------------------------------------

RU_ARTICLE = "Туркменистан и Россия договорились\nГурбангулы Бердымухамедов прибыл в Москву с официальным визитом.\n"


@pytest.mark.parametrize(
    "encoding, prefix",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("cp1251", b""),
    ],
)
def test_russian_article_in_each_encoding(tmp_path, encoding, prefix):
    path = tmp_path / "ru.txt"
    path.write_bytes(prefix + RU_ARTICLE.replace("\n", "\r\n").encode(encoding))
    article = read_file(path)[0]
    assert article.title == "Туркменистан и Россия договорились"
    assert article.body == "Гурбангулы Бердымухамедов прибыл в Москву с официальным визитом."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_header_layout_in_utf16_without_bom(encoding):
    text = (SAMPLE_DATA / "a-02-berdimuhamedov-putin-new-year-call.txt").read_text(encoding="utf-8")
    article = one(text.encode(encoding))
    assert article.layout == "header" and article.published == "2017-12-26"


# --- header layout tolerance --------------------------------------------------------------


def test_header_without_repeat_or_teaser():
    text = "date 2020-01-05 https://example.com/a\n\nTitle here\nThe body starts now.\nMore.\n"
    article = one(text)
    assert article.layout == "header"
    assert (article.title, article.teaser) == ("Title here", None)
    assert article.body == "The body starts now.\nMore."


def test_header_teaser_without_repeat_and_english_date():
    text = (
        "   date 2017-12-26 http://example.com/x\n\nTitle\n"
        "A short teaser about the call... December 26, 2017\n\nBody one.\n"
    )
    article = one(text)
    assert article.teaser == "A short teaser about the call... December 26, 2017"
    assert article.body == "Body one."


def test_header_repeat_without_teaser():
    article = one(" date 2017-12-26 http://example.com/x\n\nTitle\n\nTitle\n\nBody one.\n")
    assert (article.title, article.teaser, article.body) == ("Title", None, "Body one.")


def test_header_invalid_date_gives_no_published():
    article = one(" date 2017-13-45 http://example.com/x\n\nTitle\n\nBody one.\n")
    assert article.layout == "header" and article.published is None


def test_header_with_nothing_after_it():
    with pytest.raises(ImportProblem, match="no recognisable title"):
        read_bytes(b" date 2017-12-26 http://example.com/x\n\n")


# --- markdown ---------------------------------------------------------------------------


def test_markdown_syntax_stripped():
    text = (
        "# The *Title* here\n\n**Date:** 26 December 2017\n\n"
        "A [link text](http://x.org) and **bold** and _em_ and `code`, "
        "but [bold] stays and snake_case_word too.\nsoft wrapped line.\n\n"
        "## A subheading\n\n- first item\n- second item\n\n> quoted words\n\n---\n\nEnd.\n"
    )
    article = one(text, "x.md")
    assert article.layout == "markdown"
    assert article.title == "The Title here"
    assert article.published == "2017-12-26"
    assert article.body.split("\n") == [
        "A link text and bold and em and code, but [bold] stays and snake_case_word too. "
        "soft wrapped line.",
        "A subheading",
        "first item",
        "second item",
        "quoted words",
        "End.",
    ]


def test_markdown_setext_title_and_code_fence():
    text = "Setext *title*\n==============\n\nDate: 2023-05-04\n\n```\ncode  line\n```\nAfter.\n"
    article = one(text, "a.md")
    assert (article.title, article.published) == ("Setext title", "2023-05-04")
    assert article.body == "code line\nAfter."


def test_markdown_front_matter():
    text = (
        '---\ntitle: "Front matter title"\ndate: 2024-06-11\nurl: https://example.com/a\n---\n\n'
        "Body text.\n"
    )
    article = one(text, "a.txt")
    assert (article.title, article.published, article.source_url, article.body) == (
        "Front matter title",
        "2024-06-11",
        "https://example.com/a",
        "Body text.",
    )


def test_markdown_source_line_that_is_not_a_url_stays_in_body():
    article = one("# T\n\nSource: TASS\n\nText.\n")
    assert article.body == "Source: TASS\nText." and article.source_url is None


# --- HTML ------------------------------------------------------------------------------

NOISY_HTML = """<!doctype html><html><head>
<title>Site | Page title that is long</title>
<meta property="article:published_time" content="2021-04-02T10:00:00+03:00">
<link rel="canonical" href="https://example.com/news/1">
<script>var a = "<p>not text</p>";</script><style>p { color: red }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li>Politics and a long menu item with many words</li></ul></nav>
<header><p>Site slogan</p></header>
<main><h1>Heading <b>of</b> the article</h1>
<div><p>First <i>paragraph</i> of text<br>with a break.
<p>Second paragraph <span>unclosed
<div class=x><p>Third paragraph</div></span>
<ul><li>A list item that is long enough to be article text</li><li>Short</li></ul>
<form><p>Subscribe now</p></form><aside><p>Related stories</p></aside>
<noscript><p>Enable JS</p></noscript>
</main><footer><p>Copyright</p></footer></body></html>"""


def test_html_drops_scripts_nav_and_survives_broken_nesting():
    article = one(NOISY_HTML, "page.html")
    assert article.title == "Heading of the article"
    assert article.published == "2021-04-02"
    assert article.source_url == "https://example.com/news/1"
    assert article.body.split("\n") == [
        "First paragraph of text with a break.",
        "Second paragraph unclosed",
        "Third paragraph",
        "A list item that is long enough to be article text",
    ]


def test_html_title_fallbacks():
    page = (
        "<html><head><title>Only the head title here</title></head><body><p>Text.</p></body></html>"
    )
    assert one(page).title == "Only the head title here"
    og = '<html><head><meta property="og:title" content="OG title"></head><body><p>T.</p></body></html>'
    assert one(og).title == "OG title"


def test_html_without_title():
    with pytest.raises(ImportProblem, match="no recognisable title"):
        read_bytes(b"<html><body><p>Only a paragraph.</p></body></html>")


def test_html_detected_without_extension_and_in_cp1251():
    page = "<html><head><meta charset='windows-1251'></head><body><h1>Заголовок статьи</h1><p>Текст статьи здесь.</p></body></html>"
    article = one(page.encode("cp1251"), "page.txt")
    assert (article.layout, article.title, article.body) == (
        "html",
        "Заголовок статьи",
        "Текст статьи здесь.",
    )


# --- JSON ------------------------------------------------------------------------------


def test_json_single_object():
    data = {
        "title": " T ",
        "text": "Para 1\n\nPara 2",
        "published": "December 26, 2017",
        "link": "https://e.com/1",
    }
    article = one(json.dumps(data))
    assert (article.title, article.body, article.published, article.source_url) == (
        "T",
        "Para 1\nPara 2",
        "2017-12-26",
        "https://e.com/1",
    )
    assert article.layout == "json" and article.item_key == ""


def test_json_list_keys_dates_and_html_content():
    items = [
        {"id": 7, "title": "A", "content": "<p>One</p><p>Two</p>", "date": "26.12.2017"},
        {"title": "B", "body": "b", "url": "https://e.com/b", "pubDate": "not a date"},
        {"title": "C", "description": "c", "published_at": 1514246400},
    ]
    articles = read_bytes(json.dumps({"articles": items}).encode(), "x.json")
    assert [a.item_key for a in articles] == ["7", "https://e.com/b", "3"]
    assert [a.published for a in articles] == ["2017-12-26", None, "2017-12-26"]
    assert articles[0].body == "One\nTwo"


@pytest.mark.parametrize("key", ["items", "data"])
def test_json_wrapped_lists(key):
    assert one(json.dumps({key: [{"title": "T", "body": "B"}]})).title == "T"


def test_json_skips_bad_items_and_reports_them():
    items = [{"title": "Good", "body": "Text"}, {"foo": 1}, 5, {"body": "no title"}]
    report = read_bytes_report(json.dumps(items).encode())
    assert [a.title for a in report.articles] == ["Good"]
    assert report.problems == [
        "item 2: no title or body",
        "item 3: not an article object but a number",
        "item 4: no title",
    ]


def test_json_with_no_usable_item_says_the_expected_shape():
    with pytest.raises(ImportProblem, match=r"expected an article object"):
        read_bytes(b'[{"foo": 1}, {"bar": 2}]')
    with pytest.raises(ImportProblem, match=r"keys: foo, bar"):
        read_bytes(b'{"foo": 1, "bar": 2}')
    with pytest.raises(ImportProblem, match=r"JSON holds a string"):
        read_bytes(b'"just a string"', "x.json")


def test_json_syntax_error_has_line_and_column():
    with pytest.raises(ImportProblem, match=r"JSON does not parse: .* at line 3, column \d+"):
        read_bytes(b'{\n  "title": "T",\n  "body": oops\n}')


def test_json_extension_with_prose_is_a_json_error():
    with pytest.raises(ImportProblem, match="JSON does not parse"):
        read_bytes(b"[Update] not json at all", "x.json")


def test_bracketed_prose_is_plain_text():
    article = one("[Update] Talks resumed\nBody.", "x.txt")
    assert article.layout == "plain" and article.title == "[Update] Talks resumed"


def test_jsonl_with_a_broken_line():
    lines = [
        json.dumps({"id": "a", "title": "One", "body": "1"}),
        "{broken",
        json.dumps({"id": "b", "title": "Two", "body": "2"}),
    ]
    report = read_bytes_report("\n".join(lines).encode(), "x.jsonl")
    assert [a.item_key for a in report.articles] == ["a", "b"]
    assert len(report.problems) == 1 and report.problems[0].startswith(
        "line 2: JSON does not parse"
    )


def test_json_duplicate_ids_kept_apart():
    items = [{"id": 1, "title": "A", "body": "a"}, {"id": 1, "title": "B", "body": "b"}]
    keys = [a.item_key for a in read_bytes(json.dumps(items).encode())]
    assert len(set(keys)) == 2


# --- feeds -----------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0"><channel><title>News</title><link>https://example.com/</link>
<item><title>First item</title><link>https://example.com/1</link><guid>g-1</guid>
<pubDate>Tue, 26 Dec 2017 10:00:00 +0300</pubDate>
<description>&lt;p&gt;First &lt;b&gt;body&lt;/b&gt;&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</description></item>
<item><link>https://example.com/broken</link></item>
<item><title>Третий</title><link>https://example.com/3</link>
<description>Текст третьего</description></item>
</channel></rss>"""


def test_rss_with_one_broken_item():
    report = read_bytes_report(RSS.encode("cp1251"), "feed.xml")
    assert report.layout == "feed"
    assert [(a.title, a.body, a.item_key) for a in report.articles] == [
        ("First item", "First body", "g-1"),
        ("Третий", "Текст третьего", "https://example.com/3"),
    ]
    assert report.articles[0].published == "2017-12-26"
    assert report.articles[0].source_url == "https://example.com/1"
    assert report.problems == ["item 2: no title or text"]


def test_rss_with_one_malformed_item_keeps_the_others():
    rss = b"""<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>N</title>
<item><title>One</title><description>Body one</description><dc:date>2020-01-02</dc:date></item>
<item><title>Two & broken <b>bold</title><description>Body two</item>
<item><title>Three</title><description>Body three</description></item>
</channel></rss>"""
    report = read_bytes_report(rss, "f.rss")
    assert [(a.title, a.body, a.published) for a in report.articles] == [
        ("One", "Body one", "2020-01-02"),
        ("Three", "Body three", None),
    ]
    assert report.problems == ["item 2: not well-formed XML (not well-formed (invalid token))"]


def test_feed_that_is_not_xml_at_all():
    with pytest.raises(ImportProblem, match="feed does not parse|feed has no items"):
        read_bytes(b"<rss><channel><title>x</titl", "f.xml")


def test_atom_feed():
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><id>urn:f</id>
<entry><title>Atom entry</title><id>urn:e1</id><link href="https://example.com/e1"/>
<updated>2022-06-10T08:00:00Z</updated><summary>Short summary</summary>
<content type="html">&lt;p&gt;Para one&lt;/p&gt;&lt;p&gt;Para two&lt;/p&gt;</content></entry></feed>"""
    article = one(atom, "feed.atom")
    assert (article.title, article.body, article.teaser) == (
        "Atom entry",
        "Para one\nPara two",
        "Short summary",
    )
    assert (article.published, article.item_key, article.layout) == ("2022-06-10", "urn:e1", "feed")


def test_feed_without_items():
    with pytest.raises(ImportProblem, match="no items"):
        read_bytes(
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
        )


def test_url_text_is_never_fetched():
    article = one("https://example.com/feed.xml\nbody", "feed.xml")
    assert article.layout == "plain"


# --- detection -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name, layout",
    [
        ('{"title": "t", "body": "b"}', "a.txt", "json"),
        ("[]", "a.txt", "json"),
        ("<!DOCTYPE html><p>x", "a.txt", "html"),
        ("<div><p>x</p></div>", "", "html"),
        ('<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0"></rss>', "a.html", "feed"),
        (" date 2020-01-01 http://x\n\nT", "a.md", "header"),
        ("# Title\n\nText", "a.txt", "markdown"),
        ("Title\n\nText", "a.md", "markdown"),
        ("Title\n\nText", "a.txt", "plain"),
        ("#hashtag title\nText", "", "plain"),
        ("Date night in Ashgabat\nText", "", "plain"),
        ("Hello", "a.json", "plain"),
    ],
)
def test_detect_layout(text, name, layout):
    assert detect_layout(text, name) == layout
    assert layout in LAYOUTS


# --- problems with the file itself -------------------------------------------------------


def test_empty_and_blank_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\r\n")
    with pytest.raises(ImportProblem, match="^empty file$"):
        read_file(tmp_path / "empty.txt")
    with pytest.raises(ImportProblem, match="empty file"):
        read_file(tmp_path / "blank.txt")


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(ImportProblem, match=r"^binary file \(PNG image\), not text$"):
        read_file(path)


def test_directory_and_missing_file(tmp_path):
    with pytest.raises(ImportProblem, match="directory"):
        read_file(tmp_path)
    with pytest.raises(ImportProblem, match="not found"):
        read_file(tmp_path / "nope.txt")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Title\nBody")
    path.chmod(0)
    try:
        with pytest.raises(ImportProblem, match="permission denied"):
            read_file(path)
    finally:
        path.chmod(0o644)


def test_permission_error_becomes_import_problem(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Title\nBody")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ImportProblem, match="^permission denied"):
        read_file(path)


def test_file_over_the_limit_is_checked_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("read a file over the limit"))
    with pytest.raises(
        ImportProblem, match=r"^file is 50\.0 MB, over the 32 MB limit for one file$"
    ):
        read_file(path)
    assert MAX_FILE_BYTES == 32 * 1024 * 1024


def _stat_as_if_smaller(monkeypatch, size: int) -> None:
    """Path.stat reports `size` bytes: the file grew between the look and the read."""
    real_stat = Path.stat

    def stat(self, *args, **kwargs):
        info = real_stat(self, *args, **kwargs)
        return os.stat_result((*info[:6], size, *info[7:]))

    monkeypatch.setattr(Path, "stat", stat)


def test_a_file_that_grew_after_its_size_was_read_is_read_whole(tmp_path, monkeypatch):
    path = tmp_path / "growing.txt"
    body = "The sides discussed cooperation in the energy sector. " * 40
    path.write_text(f"Growing file\n{body}", encoding="utf-8")
    _stat_as_if_smaller(monkeypatch, 10)
    (article,) = read_file(path)
    assert article.title == "Growing file"
    assert article.body == body.strip()


def test_a_file_that_grew_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    import db.importers as importers

    path = tmp_path / "growing.txt"
    path.write_text("Title\n" + "x" * 5000, encoding="utf-8")
    monkeypatch.setattr(importers, "MAX_FILE_BYTES", 4096)
    _stat_as_if_smaller(monkeypatch, 100)
    with pytest.raises(ImportProblem, match=r"^file is 0\.0 MB, over the 0 MB limit"):
        read_file(path)


def test_read_file_report_shape(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\nBody", encoding="utf-8")
    report = read_file_report(path)
    assert isinstance(report, ImportReport)
    assert report.problems == [] and report.articles == read_file(path)
