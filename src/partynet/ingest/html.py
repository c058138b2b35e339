"""HTML to main text, title and declared publication date, with resiliparse.

resiliparse was chosen by measurement (`bench/ingest.py --html-eval`): several times faster than
trafilatura; what its main-content heuristics leave is removed by the block rules (blocks.py) and by
the line rules every text goes through (boilerplate.py, clean.py).
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from dataclasses import dataclass, field

from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

from partynet.ingest.blocks import keep_main_blocks, parse_minimal_html

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "published_time",
    "og:release_date",
)
# Class or id fragments of page widgets that main-content heuristics keep inside an article: author
# boxes, bylines, related-content and newsletter boxes, disclaimers, overlays. Each was kept because it
# removed must-drop text on the labelled pages of `bench/ingest.py --html-eval` without losing
# must-keep text; broader fragments ("share", "social", "widget", "teaser", "sidebar") cost more than
# they gained and are left out.
WIDGET_MARKERS = (
    "author",
    "bio",
    "breadcrumb",
    "byline",
    "copyright",
    "disclaimer",
    "entry-meta",
    "footer",
    "modal",
    "newsletter",
    "notice",
    "overlay",
    "related",
    "subscribe",
)
_SKIPPED = ",".join(["footer", *(f'[class*="{m}"],[id*="{m}"]' for m in WIDGET_MARKERS)])
SHORT_MAIN_TEXT = 300
MAIN_TEXT_SHARE = 0.1
_FULL_PAGE = re.compile(r"<(?:body|html|article|main)\b", re.IGNORECASE)
# Searched in the markup: walking every body element through the DOM wrappers costs more than the extraction.
_HEAD_TAG = re.compile(r"<(?:meta|link)\b[^>]*>", re.IGNORECASE)
# quoted or not: minified pages write <link rel=canonical href=...> and <meta property=og:url ...>
_ATTRIBUTE = re.compile(r"""([a-zA-Z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_REFRESH = re.compile(r"""\s*(\d{1,6}(?:\.\d*)?)\s*[;,]\s*(?:url\s*=\s*)?["']?([^"'\s]+)""", re.IGNORECASE)
MAX_REDIRECT_DELAY = 5  # seconds
# Literal prefixes keep these fast on large pages; case variants of the tag are rare enough to ignore.
_TIME_TAG = re.compile(r"""<time\b[^>]*?\bdatetime\s*=\s*["']([^"']+)""")
_DATE_PUBLISHED = re.compile(r"""itemprop=["']datePublished["'][^>]*?\b(?:content|datetime)=["']([^"']+)""")


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    title: str | None
    published: str | None
    removals: Counter[str] = field(default_factory=Counter)
    removed_chars: int = 0
    redirect: str | None = None  # where a meta refresh sends the reader at once
    url: str | None = None  # the page's own address, as it declares it (canonical link, og:url)


def html_to_text(html: str) -> HtmlText:
    """Main text of a page; for a fragment (a feed item, a JSONL field) all of its text."""
    tree = HTMLTree.parse(html)
    metas = _meta_values(html[: _head_end(html)])
    title, published, redirect = _title(tree, metas), _published(metas, html), _redirect(metas.get("refresh"))
    url = _own_address(metas)
    if not _FULL_PAGE.search(html[:200_000]):
        text = _plain(_extract(tree, main_content=False))
        return HtmlText(text=text, title=title, published=published, redirect=redirect, url=url)
    kept = keep_main_blocks(parse_minimal_html(_extract(tree, main_content=True)))
    if len(kept.text) < SHORT_MAIN_TEXT:
        # main-content heuristics sometimes keep almost nothing of a page (a list, a form, a short
        # note): when the whole page has ten times more text, its block-ruled text is the better guess
        whole = keep_main_blocks(parse_minimal_html(_extract(tree, main_content=False)))
        if len(kept.text) < MAIN_TEXT_SHARE * len(whole.text) or not kept.text.strip():
            kept = whole
    return HtmlText(
        text=kept.text,
        title=title,
        published=published,
        removals=kept.removals,
        removed_chars=kept.removed_chars,
        redirect=redirect,
        url=url,
    )


def _extract(tree: HTMLTree, *, main_content: bool) -> str:
    """Main text with its block elements and links marked, for the block rules."""
    return extract_plain_text(
        tree,
        preserve_formatting="minimal_html",
        main_content=main_content,
        links=True,
        alt_texts=False,
        comments=False,
        skip_elements=[_SKIPPED],
    )


def _plain(markup: str) -> str:
    """A fragment keeps all its text: no block rules, the markup simply dropped."""
    return "\n".join(block.text if block else "" for block in parse_minimal_html(markup))


def _head_end(html: str) -> int:
    end = html.find("</head>")
    if end < 0:
        end = html.find("</HEAD>")
    return end if end >= 0 else min(len(html), 20_000)


def _title(tree: HTMLTree, metas: dict[str, str]) -> str | None:
    og = metas.get("og:title")
    if og:
        return og
    title = (tree.title or "").strip()
    return title or None


def _published(metas: dict[str, str], html: str) -> str | None:
    for name in _DATE_META:
        if metas.get(name):
            return metas[name]
    match = ("datePublished" in html and _DATE_PUBLISHED.search(html)) or (
        "<time" in html and _TIME_TAG.search(html)
    )
    return match.group(1).strip() if match else None


def _own_address(metas: dict[str, str]) -> str | None:
    """The address a page gives itself: its canonical link, else its og:url."""
    found = web_address(metas.get("canonical")) or web_address(metas.get("og:url"))
    return html_lib.unescape(found) if found else None


def web_address(value: str | None) -> str | None:
    """`value` if it is an absolute web address; not a relative path, nor an id ("urn:uuid:...")."""
    return value if value and value.lower().startswith(("http://", "https://")) else None


def _redirect(refresh: str | None) -> str | None:
    """The address of a meta refresh that sends the reader on at once ("0; url=https://..."); a page
    that reloads itself every few minutes names none."""
    match = _REFRESH.match(refresh or "")
    return match.group(2) if match and float(match.group(1)) <= MAX_REDIRECT_DELAY else None


def _meta_values(head: str) -> dict[str, str]:
    """name/property/itemprop/http-equiv -> content of the <meta> tags, and "canonical" -> the address of
    the canonical <link>, read from the markup of <head>."""
    values: dict[str, str] = {}
    for tag in _HEAD_TAG.findall(head):
        is_link = tag[1] in "lL"
        if is_link and "canonical" not in tag.lower():
            continue  # stylesheets, icons, feeds: many on a page, none of them wanted
        attributes = {k.lower(): v1 or v2 or v3 for k, v1, v2, v3 in _ATTRIBUTE.findall(tag)}
        if is_link:
            rel = (attributes.get("rel") or "").lower().split()
            name, content = ("canonical" if "canonical" in rel else ""), attributes.get("href") or ""
        else:
            name = (
                attributes.get("property")
                or attributes.get("name")
                or attributes.get("itemprop")
                or attributes.get("http-equiv")
                or ""
            ).lower()
            content = attributes.get("content") or ""
        if name and content.strip():
            values.setdefault(name, content.strip())
    return values
