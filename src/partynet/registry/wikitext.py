"""Plain values out of infobox wikitext: '{{ubl|CCP (common)|CPC (official)}}' -> ['CCP', 'CPC'].

Only what the registry needs: names, abbreviations, link targets and years. Anything not
understood is dropped rather than guessed.
"""

from __future__ import annotations

import re

_REF = re.compile(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>|\n", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]")
_EMPHASIS = re.compile(r"'{2,}")
_INNERMOST_TEMPLATE = re.compile(r"\{\{([^{}]*)\}\}")
# templates whose arguments are the value itself, one per item
_LIST_TEMPLATES = frozenset(
    ("ubl", "unbulleted list", "plainlist", "plain list", "hlist", "flatlist", "nowrap", "nobold", "small")
)
# templates whose last argument is text in a language: {{lang|zh-Hans|中国共产党}}
_TEXT_TEMPLATES = frozenset(("lang", "native name", "nastaliq", "transl", "transliteration", "rtl-lang"))
# templates whose first argument is the text: {{nihongo|Liberal Democratic Party|自由民主党|...}}
_FIRST_ARGUMENT_TEMPLATES = frozenset(("nihongo", "nihongo2", "nihongo3", "nihongo foot", "zh", "lang-zh"))
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_YEAR = re.compile(r"(?<!\d)(1[6-9]\d\d|20\d\d)(?!\d)")
_ITEM_SEPARATOR = "\x1f"
_CONTINUING_WORDS = frozenset(("of", "for", "and", "de", "du", "des", "del", "of the", "et", "y", "und", "i"))
# left behind by templates this module does not know: 'lang', 'zh-Hans-CN'
_LANGUAGE_TAG = re.compile(r"^(?:lang|[a-z]{2,3}(?:-[A-Za-z]{2,4}){0,2})$")


def values(wikitext: str) -> list[str]:
    """The items of an infobox value, markup removed, in order, without empty ones."""
    text = _REF.sub("", wikitext)
    for _ in range(5):  # templates nest; resolve innermost first
        text, count = _INNERMOST_TEMPLATE.subn(_template, text)
        if not count:
            break
    text = _LINK.sub(r"\1", text)
    text = _BREAK.sub(_ITEM_SEPARATOR, text)
    text = _EMPHASIS.sub("", _TAG.sub("", text))
    text = text.replace("{", "").replace("}", "")
    items = [" ".join(item.split()).strip(" ,;*•") for item in text.split(_ITEM_SEPARATOR)]
    return [item for item in _joined_continuations(items) if item and not _LANGUAGE_TAG.match(item)]


def _joined_continuations(items: list[str]) -> list[str]:
    """A line break inside a long name ('Progressive Alliance<br>of Socialists and Democrats'):
    a line that starts in lower case continues the one before."""
    joined: list[str] = []
    for item in items:
        if joined and item[:1].islower() and item.split(" ", 1)[0] in _CONTINUING_WORDS:
            joined[-1] = f"{joined[-1]} {item}"
        else:
            joined.append(item)
    return joined


def abbreviations(wikitext: str) -> list[str]:
    """Abbreviations of an infobox: 'PDSH or PD', 'UCD, UCeDé', 'SRSP (English)' -> each one."""
    found: list[str] = []
    for item in values(wikitext):
        for piece in re.split(r",|;| or | / |/(?=\S{2,})", _PARENTHESES.sub("", item)):
            part = piece.strip(" \"'«»")
            if 1 < len(part) <= 15 and (" " not in part or len(part) <= 8) and part not in found:
                found.append(part)
    return found


def first_year(wikitext: str) -> int | None:
    match = _YEAR.search(_REF.sub("", wikitext))
    return int(match.group(1)) if match else None


def wikidata_label(value: str) -> str:
    """'Socialist International (Q159454)' -> 'Socialist International'."""
    return re.sub(r"\s*\(Q\d+\)$", "", value).strip()


def _positional(parts: list[str]) -> list[str]:
    """Template arguments without the named ones ('italics=no', or 'italics', '=', 'no' once split)."""
    kept: list[str] = []
    skip = 0
    for i, part in enumerate(parts):
        if skip:
            skip -= 1
            continue
        if i + 1 < len(parts) and parts[i + 1] == "=":
            skip = 2
            continue
        if part and "=" not in part:
            kept.append(part)
    return kept


def _template(match: re.Match[str]) -> str:
    parts = [p.strip() for p in match.group(1).split("|")]
    name = parts[0].lower()
    arguments = _positional(parts[1:])
    if name in _LIST_TEMPLATES:
        return _ITEM_SEPARATOR.join(arguments)
    if name in _FIRST_ARGUMENT_TEMPLATES and arguments:
        return _ITEM_SEPARATOR.join(arguments[:2])
    if name.startswith("lang-") and arguments:
        return arguments[0]
    if name in _TEXT_TEMPLATES and arguments:
        return arguments[-1] if len(arguments) > 1 else arguments[0]
    return ""
