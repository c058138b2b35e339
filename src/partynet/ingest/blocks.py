"""Block rules on the structure resiliparse keeps: which element a line of main text came from and
how much of it is link text. They remove what line rules cannot see: teaser and "read more" links,
short captions, prompts and widgets left outside the paragraphs of a paragraph-built article, and
headings left with no text under them (the titles of teaser lists and "related" boxes).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.DOTALL)
_BLOCK = re.compile(r"^\s*<(p|h[1-6]|li|pre|blockquote)\b")
LINK_DENSITY = 0.5  # more than half of the line is link text: a teaser, a "read more", a menu entry
PARAGRAPH_SHARE = 0.7  # from this share of the text in <p>, text outside blocks is page furniture
SHORT_OUTSIDE = 100


@dataclass(frozen=True, slots=True)
class Block:
    tag: str  # p, h2, li, ... or "" for text outside any block element
    text: str
    linked: int  # characters inside links


@dataclass(frozen=True, slots=True)
class BlockText:
    text: str
    removals: Counter[str]
    removed_chars: int


def parse_minimal_html(markup: str) -> list[Block | None]:
    """Lines of resiliparse's minimal-HTML output as blocks; None keeps a paragraph break."""
    blocks: list[Block | None] = []
    for line in markup.replace("<br>", "\n").split("\n"):
        text = _text(line)
        if not text:
            blocks.append(None)
            continue
        match = _BLOCK.match(line)
        linked = sum(len(_text(inner)) for inner in _LINK.findall(line)) if "<a" in line else 0
        blocks.append(Block(match.group(1) if match else "", text, linked))
    return blocks


def _text(markup: str) -> str:
    """The text of a line of markup (the cheap checks first: most lines have no tag or entity left)."""
    text = _TAG.sub("", markup) if "<" in markup else markup
    return (html.unescape(text) if "&" in text else text).strip()


def keep_main_blocks(blocks: list[Block | None]) -> BlockText:
    total = sum(len(b.text) for b in blocks if b)
    in_paragraphs = sum(len(b.text) for b in blocks if b and b.tag == "p")
    built_of_paragraphs = total > 0 and in_paragraphs >= PARAGRAPH_SHARE * total
    reasons = [_reason(b, built_of_paragraphs=built_of_paragraphs) if b else None for b in blocks]
    _mark_empty_headings(blocks, reasons)
    removals: Counter[str] = Counter()
    removed_chars = 0
    lines: list[str] = []
    for block, reason in zip(blocks, reasons, strict=True):
        if block is None:
            lines.append("")
        elif reason:
            removals[reason] += 1
            removed_chars += len(block.text)
        else:
            lines.append(block.text)
    return BlockText("\n".join(lines), removals, removed_chars)


def _mark_empty_headings(blocks: list[Block | None], reasons: list[str | None]) -> None:
    """A heading with no kept text under it introduces nothing: the title of a box whose links went,
    or one of a run of teaser headlines. Walked backwards, so a section heading whose subsections
    all went goes too."""
    # text_below[level - 1]: kept text between here and the end of a section of that level
    text_below = [False] * 6
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if block is None:
            continue
        level = _level(block)
        if level is None:
            if reasons[i] is None:
                text_below = [True] * 6
            continue
        if reasons[i] is None and not text_below[level - 1]:
            reasons[i] = "empty_heading"
        # a heading ends the sections of its own and lower levels; a kept one is text for higher ones
        kept = reasons[i] is None
        text_below = [depth < level - 1 and (below or kept) for depth, below in enumerate(text_below)]


def _level(block: Block) -> int | None:
    """1-6 for a heading, None for any other block."""
    return int(block.tag[1]) if len(block.tag) == 2 and block.tag[0] == "h" else None


def _reason(block: Block, *, built_of_paragraphs: bool) -> str | None:
    if block.linked > LINK_DENSITY * len(block.text):
        return "link_dense"
    if built_of_paragraphs and not block.tag and len(block.text) < SHORT_OUTSIDE:
        return "outside_paragraphs"
    return None
