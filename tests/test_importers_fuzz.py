"""Property tests: no input makes an importer fail with anything but ImportProblem."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from db.errors import ImportProblem
from db.importers import read_bytes
from db.models import ParsedArticle

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NAMES = st.sampled_from(["", "a.txt", "a.md", "a.html", "a.json", "a.jsonl", "a.xml"])


def check(data: bytes, name: str) -> None:
    try:
        articles = read_bytes(data, name)
    except ImportProblem as exc:
        assert str(exc)
        return
    assert articles and all(isinstance(a, ParsedArticle) for a in articles)
    for article in articles:
        assert article.title and article.title == article.title.strip()
        assert not UNSAFE.search(article.title + article.body + (article.teaser or ""))
        assert article.published is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.published)


@SETTINGS
@given(st.binary(max_size=2000), NAMES)
@example(b"\x89PNG\r\n\x1a\n", "")
@example(b"[" * 5000, "a.json")
@example(b"<" * 3000, "a.html")
@example(b"\xef\xbb\xbf", "")
@example(b"\xff\xfe\x00", "")
def test_arbitrary_bytes(data, name):
    check(data, name)


@SETTINGS
@given(st.text(max_size=1500), NAMES)
@example('<?xml version="1.0"?><rss><channel><item><title>x', "")
@example('{"articles": [{"title": {"rendered": [1, null, true]}, "body": 5}]}', "")
@example("# \n\n---\ntitle: x\n", "a.md")
def test_arbitrary_text(text, name):
    for encoding in ("utf-8", "utf-16"):
        check(text.encode(encoding, errors="replace"), name)


def _markup_pieces() -> st.SearchStrategy[str]:
    tags = ["<p>", "</p>", "<div>", "<article>", "<h1>", "</h1>", "<li>", "<script>", "<nav>"]
    words = st.text(alphabet="abc Жё<>&;\"'#*[]()\n", max_size=12)
    return st.lists(st.one_of(st.sampled_from(tags), words), max_size=40).map("".join)


@SETTINGS
@given(_markup_pieces())
def test_arbitrary_markup(html):
    check(("<html><body>" + html).encode(), "a.html")


def _feed_items() -> st.SearchStrategy[str]:
    text = st.text(alphabet="ab Жё<>&;/", max_size=10)
    item = st.tuples(text, text, st.sampled_from(["", "<guid>g</guid>", "<pubDate>x</pubDate>"]))
    return st.lists(
        item.map(
            lambda t: f"<item><title>{t[0]}</title><description>{t[1]}</description>{t[2]}</item>"
        ),
        max_size=5,
    ).map("".join)


@SETTINGS
@given(_feed_items(), st.booleans())
def test_arbitrary_feed_items(items, atom):
    if atom:
        items = items.replace("<item>", "<entry>").replace("</item>", "</entry>")
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom">{items}</feed>'
    else:
        doc = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'
    check(doc.encode(), "a.xml")


def _json_values() -> st.SearchStrategy[object]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20))
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(["title", "body", "text", "date", "url", "id", "articles", "x"]),
                inner,
                max_size=5,
            )
        ),
        max_leaves=20,
    )


@SETTINGS
@given(_json_values())
def test_arbitrary_json(value):
    check(json.dumps(value).encode(), "a.json")


LINE = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Cf"), blacklist_characters="\ufffd"
    ),
    min_size=1,
    max_size=60,
).map(lambda s: " ".join(s.split()))


def _plain_title(s: str) -> bool:
    """A title that no other layout claims (a header line, Markdown, JSON or markup)."""
    return bool(s) and not s.startswith(("#", "<", "{", "[", "-", "date", "Date", "DATE", "---"))


@SETTINGS
@given(
    LINE.filter(_plain_title),
    st.lists(LINE.filter(bool), min_size=1, max_size=6),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
)
def test_plain_round_trip(title, body_lines, encoding):
    text = title + "\n" + "\n\n".join(body_lines) + "\n"
    article = read_bytes(text.encode(encoding), "a.txt")[0]
    assert article.layout == "plain"
    assert article.title == title
    assert article.body == "\n".join(body_lines)


# UTF-16 without a BOM is recognised by its byte pattern, which needs Latin or Cyrillic text.
WORDS = st.text(alphabet="abcxyzABC0123 .,«»—АБВабвгдеёжзЖЯяїі", min_size=1, max_size=40).map(
    lambda s: " ".join(s.split())
)


@SETTINGS
@given(
    WORDS.filter(_plain_title),
    st.lists(WORDS.filter(bool), min_size=1, max_size=4),
    st.sampled_from(["utf-16-le", "utf-16-be"]),
)
def test_plain_round_trip_utf16_without_bom(title, body_lines, encoding):
    text = title + "\n" + "\n".join(body_lines) + "\n"
    article = read_bytes(text.encode(encoding), "a.txt")[0]
    assert (article.title, article.body) == (title, "\n".join(body_lines))


RU_WORDS = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяМТР .,«»—0", min_size=1, max_size=40)


@SETTINGS
@given(RU_WORDS.map(str.strip).filter(_plain_title), RU_WORDS.map(str.strip).filter(bool))
def test_plain_round_trip_cp1251(title, body):
    text = f"{title}\n{body}\n"
    lower = sum(ch.islower() for ch in text)
    # as in real Russian text: mostly lower case, more letters than quotes and dashes
    # (a few letters alone are ambiguous between Cyrillic code pages: real articles are long)
    assume(lower >= 8 and lower >= sum(ch.isupper() for ch in text))
    assume(lower >= sum(ch in "«»—" for ch in text))
    assume(not text.startswith(("юя", "яю")))  # the bytes of a UTF-16 byte order mark
    article = read_bytes(text.encode("cp1251"), "a.txt")[0]
    assert (article.title, article.body) == (" ".join(title.split()), " ".join(body.split()))


_TEASER_PARTS = st.sampled_from(
    "26 12 2017 26.12.2017 1/5/23 December Dec. 26, декабря 2017 г. года ( ) . the talks "
    "held Ashgabat — in on".split()
)


@given(st.lists(_TEASER_PARTS, max_size=30).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_the_tail_search_finds_the_date_a_line_ends_with(line):
    """Searching only a line's tail finds what a search of the whole line finds."""
    from db.importers.header import TEASER_DATE, trailing_date

    whole, tail = TEASER_DATE.search(line), trailing_date(line)
    assert (whole and whole.span()) == (tail and tail.span())
