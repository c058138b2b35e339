"""HTML to main text, title and declared publication date, with resiliparse.

resiliparse was chosen by measurement (bench/html_eval.py): an order of magnitude faster than
trafilatura; the boilerplate it leaves is removed by the line rules every text goes through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
    "publication_date", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
    "parsely-pub-date", "article.published", "published_time", "og:release_date",
)
_FULL_PAGE = re.compile(r"<(?:body|html|article|main)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    title: str | None
    published: str | None


def html_to_text(html: str) -> HtmlText:
    """Main text of a page; for a fragment (a feed item, a JSONL field) all of its text."""
    tree = HTMLTree.parse(html)
    full_page = bool(_FULL_PAGE.search(html[:200_000]))
    options = {"preserve_formatting": True, "alt_texts": False, "comments": False}
    text = extract_plain_text(tree, main_content=full_page, **options) if full_page else ""
    if not text.strip():
        # main-content heuristics drop everything on some small pages: keep all visible text instead
        text = extract_plain_text(tree, main_content=False, **options)
    return HtmlText(text=text, title=_title(tree), published=_published(tree))


def _title(tree: HTMLTree) -> str | None:
    if tree.head is not None:
        for meta in tree.head.query_selector_all('meta[property="og:title"]'):
            content = (meta.getattr("content") or "").strip()
            if content:
                return content
    title = (tree.title or "").strip()
    return title or None


def _published(tree: HTMLTree) -> str | None:
    head = tree.head
    if head is not None:
        for meta in head.query_selector_all("meta"):
            name = (meta.getattr("property") or meta.getattr("name") or meta.getattr("itemprop") or "").lower()
            if name in _DATE_META:
                content = (meta.getattr("content") or "").strip()
                if content:
                    return content
    body = tree.body
    if body is not None:
        for node in body.query_selector_all('time[datetime], [itemprop="datePublished"]'):
            value = node.getattr("datetime") or node.getattr("content")
            if value:
                return value.strip()
    return None
