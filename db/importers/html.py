"""Saved web pages: the article's heading, date, canonical URL and paragraphs.

Parsed with selectolax (a real HTML parser, so broken nesting is repaired, not
guessed at). Menus, scripts, footers and forms are dropped before reading paragraphs,
so the body is the article and not the site around it.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from db.errors import ImportProblem
from db.importers.plain import clean_line, clean_lines, iso_date
from db.models import ParsedArticle

NOISE = (
    "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, "
    "button, select, object, embed"
)
_DATE_META = (
    'meta[property="article:published_time"]',
    'meta[property="og:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    '[itemprop="datePublished"]',
    'meta[name="date"]',
    'meta[name="dc.date"]',
    'meta[name="DC.date"]',
    'meta[name="dcterms.date"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[property="og:updated_time"]',
)
_MIN_LI_WORDS = 6  # a list item shorter than this is a menu or tag, not article text


def looks_like_html(text: str) -> bool:
    """An HTML document or fragment: a doctype, <html>, <body> or article markup at the top."""
    head = text.lstrip()[:4096].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return head.startswith("<") and any(
        tag in head for tag in ("<body", "<head", "<p>", "<p ", "<article", "<h1", "<div", "<title")
    )


def tree_of(text: str) -> LexborHTMLParser:
    return LexborHTMLParser(text)


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed item's or JSON export's content), one block a line."""
    tree = tree_of(fragment)
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    blocks = _blocks(root)
    if blocks:
        return "\n".join(blocks)
    return "\n".join(clean_lines(_text(root)))


def parse(text: str) -> ParsedArticle:
    """An article from a saved web page."""
    tree = tree_of(text)
    container = _container(tree)
    title_node = _title_node(tree, container)
    title = clean_line(_text(title_node)) if title_node is not None else ""
    if not title:
        title = _title_from_head(tree)
    if not title:
        raise ImportProblem("no recognisable title: no <h1>, <title> or og:title in the page")
    published = _published(tree, container)
    source_url = _source_url(tree)
    if title_node is not None:
        title_node.decompose()
    for node in tree.css(NOISE):
        node.decompose()
    container = _container(tree)
    body = _blocks(container) if container is not None else []
    if not body and container is not None:
        body = clean_lines(_text(container))
    return ParsedArticle(
        title=title,
        body="\n".join(body),
        published=published,
        source_url=source_url,
        layout="html",
    )


def _text(node: LexborNode) -> str:
    for br in node.css("br"):
        br.replace_with("\n")
    return node.text(deep=True, separator="") or ""


def _container(tree: LexborHTMLParser) -> LexborNode | None:
    """The article element with the most text, else <main>, else the body."""
    articles = tree.css("article")
    if articles:
        return max(articles, key=lambda n: len(n.text(deep=True) or ""))
    for selector in ("main", '[role="main"]'):
        node = tree.css_first(selector)
        if node is not None:
            return node
    return tree.body or tree.root


def _title_node(tree: LexborHTMLParser, container: LexborNode | None) -> LexborNode | None:
    if container is not None:
        node = container.css_first("h1")
        if node is not None and clean_line(_text(node)):
            return node
    for node in tree.css("h1"):
        if clean_line(_text(node)):
            return node
    return None


def _title_from_head(tree: LexborHTMLParser) -> str:
    node = tree.css_first("title")
    if node is not None:
        title = clean_line(node.text() or "")
        if title:
            first = title.split(" | ")[0].strip()
            return first if len(first) >= 15 else title
    for selector in ('meta[property="og:title"]', 'meta[name="twitter:title"]'):
        title = clean_line(_attr(tree.css_first(selector), "content"))
        if title:
            return title
    return ""


def _attr(node: LexborNode | None, name: str) -> str:
    if node is None:
        return ""
    return node.attributes.get(name) or ""


def _published(tree: LexborHTMLParser, container: LexborNode | None) -> str | None:
    times = (container.css("time") if container is not None else []) + tree.css("time")
    for node in times:
        date = iso_date(_attr(node, "datetime")) or iso_date(clean_line(node.text() or ""))
        if date:
            return date
    for selector in _DATE_META:
        for node in tree.css(selector):
            date = iso_date(_attr(node, "content") or _attr(node, "datetime"))
            if date:
                return date
    return None


def _source_url(tree: LexborHTMLParser) -> str | None:
    for node in tree.css("link"):
        rel = (_attr(node, "rel") or "").lower().split()
        href = clean_line(_attr(node, "href"))
        if "canonical" in rel and "://" in href:
            return href
    url = clean_line(_attr(tree.css_first('meta[property="og:url"]'), "content"))
    return url if "://" in url else None


def _has_inner_block(node: LexborNode) -> bool:
    """Whether a list item holds paragraphs or a nested list (css() matches the node itself)."""
    return any(inner.mem_id != node.mem_id for inner in node.css("p, li"))


_NOT_BODY = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "time",
    "a",
    "button",
    "label",
    "figcaption",
    "title",
    "select",
    "option",
    "table",
    "caption",
    "dt",
    "summary",
}
_MIN_LOOSE_WORDS = 3


def _in_non_body(node: LexborNode) -> bool:
    """Inside a heading, a date, a link, a caption...: not article text."""
    parent = node.parent
    while parent is not None:
        if parent.tag in _NOT_BODY:
            return True
        parent = parent.parent
    return False


def _blocks(root: LexborNode) -> list[str]:
    """Paragraph and list-item texts in document order, each once, plus sentences left
    loose in a container (broken nesting often strands the end of a paragraph there)."""
    out: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag == "p" or (node.tag == "li" and not _has_inner_block(node)):
            text = clean_line(_text(node))
            if text and (node.tag == "p" or len(text.split()) >= _MIN_LI_WORDS):
                out.append(text)
            continue
        if node.tag == "-text":
            text = clean_line(node.text_content or "")
            if len(text.split()) >= _MIN_LOOSE_WORDS and not _in_non_body(node):
                out.append(text)
            continue
        children = [child for child in node.iter(include_text=True)]
        stack.extend(reversed(children))
    return out
