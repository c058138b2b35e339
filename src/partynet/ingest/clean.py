"""RawDocument to Document: decode, take the main text of HTML, remove spam, boilerplate and repeats.

Every removal is counted by reason on the document; nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from partynet.domain import DatePrecision, Document, PartialDate, RawDocument, Removal, Status
from partynet.ingest import boilerplate
from partynet.ingest.budget import OverBudgetError, time_budget
from partynet.ingest.chars import INVISIBLE
from partynet.ingest.dateline import DATELINE_CHARS, date_from_url, find_dateline, parse_date, year_from_url
from partynet.ingest.decode import decode
from partynet.ingest.html import html_to_text

_ODD_SPACES = re.compile(r"[\t\u00a0\u3000\u2000-\u200a\u202f\u205f]")
_BLANK_LINES = re.compile(r"\n\s*\n")
# Sentence ends: after . ! ? followed by space and a capital, after 。！？, or glued ("story.Inter-party").
# Where a sentence ends: . ! ? (and a closing quote) before a space and a capital; . ! ? glued to the
# next sentence's capitalised word after a lowercase word ("story.Inter-party"); 。！？ anywhere.
_SENTENCE_END = re.compile(r"[.!?](?:[\"”’)]?(?=\s+[A-Z\"“(])|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]))|[。！？]")
_ABBREVIATION_END = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|"
    r"Gen|Gov|Sen|Rep|Prof|Jr|Sr|vs|etc|Co|Corp|Inc|Ltd))\.$"
)
_FULL_WIDTH_STOPS = frozenset("。！？")
MIN_REPEATED_SENTENCE = 40
MIN_REPEATED_CJK_SENTENCE = 15
MIN_REPEATED_LINE = 8
MAX_TITLE = 200
REDIRECT_STUB = 300  # characters: less than this on a page that sends its reader on is only the notice
MENU_ITEM = 28
SCRIPT_SAMPLE = 5000
MENU_RUN = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanOptions:
    max_document_bytes: int = 20_000_000
    time_budget_seconds: float = 30.0


@dataclass(frozen=True, slots=True)
class CleanedText:
    text: str
    removed: list[Removal]

    @property
    def removals(self) -> Counter[str]:
        return Counter(r.reason for r in self.removed)

    @property
    def removed_chars(self) -> int:
        return sum(len(r.text) for r in self.removed)


def document_id(raw: RawDocument) -> str:
    """Identity of an input: where it comes from and its exact content, so re-ingesting is a no-op."""
    digest = hashlib.sha256()
    digest.update(raw.source_key.encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(
        raw.data if raw.data is not None else (raw.text or raw.error or "").encode("utf-8", "replace")
    )
    return digest.hexdigest()[:32]


def clean(raw: RawDocument, options: CleanOptions) -> Document:
    """The cleaned document; one whose cleaning overruns the time budget is recorded as unreadable."""
    try:
        with time_budget(options.time_budget_seconds):
            return _clean(raw, options)
    except OverBudgetError as exc:
        doc = _document(raw)
        _unreadable(doc, f"cleaning {exc} (the per-document time budget)")
        return doc


def _document(raw: RawDocument) -> Document:
    return Document(
        id=document_id(raw),
        source=raw.source,
        source_key=raw.source_key,
        locator=raw.locator,
        source_format=raw.source_format,
        text="",
        external_id=raw.external_id,
        url=raw.url,
        title=raw.title,
        lang=raw.lang_hint,
    )


def _clean(raw: RawDocument, options: CleanOptions) -> Document:
    doc = _document(raw)
    text = _decoded_text(raw, doc, options)
    if text is None:
        return doc
    published = raw.published
    page_removals: Counter[str] = Counter()
    page_removed_chars = 0
    redirect = None
    if raw.is_html:
        page = html_to_text(text)
        text, doc.title, published = page.text, doc.title or page.title, published or page.published
        page_removals, page_removed_chars, redirect = page.removals, page.removed_chars, page.redirect
        doc.url = doc.url or page.url  # a saved page's address is the one it declares
    cleaned = clean_text(text, web_page=raw.is_html)
    doc.text, doc.removed_chars = cleaned.text, cleaned.removed_chars + page_removed_chars
    doc.removals = cleaned.removals + page_removals
    doc.published = parse_date(published) or _published_from_page(doc.url, doc.text, text)
    doc.title = _short(doc.title) or _title_from_text(doc.text)
    if redirect and len(doc.text) < REDIRECT_STUB:
        _redirect_stub(doc, redirect)
    elif not doc.text:
        doc.status = Status.SPAM if cleaned.removals else Status.EMPTY
        doc.status_reason = _removal_reason(cleaned.removals) if cleaned.removals else "no text"
    return doc


def _redirect_stub(doc: Document, url: str) -> None:
    """A page that sends its reader on at once says nothing of its own ("Redirecting to ...")."""
    doc.removals["redirect"] += 1
    doc.removed_chars += len(doc.text)
    doc.text, doc.status, doc.status_reason = "", Status.EMPTY, f"a redirect to {url}"


def _published_from_page(url: str | None, cleaned: str, original: str) -> PartialDate | None:
    """A day from the URL, else from the dateline, else the month a URL folder names, else the year
    its path names alone."""
    from_url = date_from_url(url)
    if from_url and from_url.precision is DatePrecision.DAY:
        return from_url
    return _dateline(cleaned, original) or from_url or year_from_url(url)


def _dateline(cleaned: str, original: str) -> PartialDate | None:
    """The dateline of the clean text, else of the original (cleaning may have dropped a byline line),
    where a date glued to another story's headline does not count."""
    found = find_dateline(cleaned)
    if found or cleaned[:DATELINE_CHARS] == original[:DATELINE_CHARS]:
        return found
    head = original[: DATELINE_CHARS * 2].splitlines()
    return find_dateline(
        "\n".join(line for line in head if not boilerplate.dated_teaser(line, boilerplate.NO_CONTEXT))
    )


def _decoded_text(raw: RawDocument, doc: Document, options: CleanOptions) -> str | None:
    """The document's text, or None with the document marked unreadable and the reason recorded."""
    if raw.error:
        return _unreadable(doc, raw.error)
    if raw.text is not None:
        doc.encoding = "utf-8"
        if len(raw.text) > options.max_document_bytes:
            return _unreadable(doc, f"document of {len(raw.text)} characters is over the limit")
        return raw.text
    data = raw.data or b""
    if len(data) > options.max_document_bytes:
        return _unreadable(doc, f"document of {len(data)} bytes is over the limit")
    decoded = decode(data, raw.charset_hint)
    doc.encoding = decoded.encoding
    if decoded.text is None:
        return _unreadable(doc, decoded.error or "undecodable")
    return decoded.text


def _unreadable(doc: Document, reason: str) -> str | None:
    doc.status, doc.status_reason = Status.UNREADABLE, reason
    return None


def _removal_reason(removals: Counter[str]) -> str:
    return "all text removed as " + ", ".join(f"{k} ({v})" for k, v in removals.most_common())


def clean_text(text: str, *, web_page: bool = False) -> CleanedText:
    """Remove boilerplate, spam and repeated text; keep paragraphs (blank-line separated).
    `web_page`: the text is the main text of an HTML page, whose end is the page's, not a cut."""
    text = normalise_layout(text)
    blocks = [
        [line.strip() for line in block.split("\n") if line.strip()] for block in _BLANK_LINES.split(text)
    ]
    lines = [(b, line) for b, block in enumerate(blocks) for line in block]
    reasons: list[str | None] = [boilerplate.classify(line, boilerplate.NO_CONTEXT) for _, line in lines]
    # the document's script is judged on what survived the first rules: spam lists must not decide it
    surviving = "\n".join(line for (_, line), reason in zip(lines, reasons, strict=True) if reason is None)
    cjk, latin = boilerplate.script_shares(surviving[:SCRIPT_SAMPLE])
    context = boilerplate.LineContext(latin_document=latin > 3 * cjk)
    reasons = [
        reason or boilerplate.classify_in_context(line, context)
        for (_, line), reason in zip(lines, reasons, strict=True)
    ]
    _mark_menus(lines, reasons)
    _mark_footer(lines, reasons, web_page=web_page)
    removed: list[Removal] = []
    kept: dict[int, list[str]] = {}
    seen_lines: set[str] = set()
    # None: no line starts with text found elsewhere, so sentences need no check (the common, fast case)
    seen_sentences: set[str] | None = set() if _may_repeat(text, lines) else None
    for (block, original), rule in zip(lines, reasons, strict=True):
        if rule:
            removed.append(Removal(rule, original))
            continue
        line, dropped = _without_repeats(original, seen_lines, seen_sentences)
        removed.extend(Removal("repeated", text) for text in dropped)
        if line:
            kept.setdefault(block, []).append(line)
    cleaned = "\n\n".join("\n".join(block_lines) for block_lines in kept.values())
    return CleanedText(cleaned, removed)


def normalise_layout(text: str) -> str:
    """NFC, no invisible characters, newlines as \\n, every run of spaces one space."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ODD_SPACES.search(text):
        text = _ODD_SPACES.sub(" ", text)
    while "  " in text:  # str.replace runs in C: far faster than a regex over every single space
        text = text.replace("  ", " ")
    return text


def _mark_menus(lines: list[tuple[int, str]], reasons: list[str | None]) -> None:
    """Runs of many very short list lines (menus, region pickers, tag clouds) are navigation."""
    run_start = 0
    for i in range(len(lines) + 1):
        short = (
            i < len(lines) and _width(lines[i][1]) <= MENU_ITEM and boilerplate.is_footer_like(lines[i][1])
        )
        if short:
            continue
        if i - run_start >= MENU_RUN:
            for j in range(run_start, i):
                reasons[j] = reasons[j] or "menu"
        run_start = i + 1


def _width(line: str) -> int:
    """Display width: a Han character says about as much as three Latin letters."""
    return len(line) + 2 * boilerplate.script_shares(line)[0]


def _mark_footer(lines: list[tuple[int, str]], reasons: list[str | None], *, web_page: bool) -> None:
    """The run of short, unpunctuated lines after the last sentence: menus, partner lists, teaser
    headlines, share prompts. Plain text may end in a cut-off sentence (excerpts, truncated feeds), so
    there the run counts only when it holds a line that a rule already called boilerplate."""
    start = len(lines)
    while start > 0 and (reasons[start - 1] is not None or boilerplate.is_footer_like(lines[start - 1][1])):
        start -= 1
    tail = range(start, len(lines))
    if start == 0 or not tail:
        return
    if not web_page and (len(tail) < 2 or all(reasons[i] is None for i in tail)):
        return
    for i in tail:
        reasons[i] = reasons[i] if reasons[i] in ("copyright", "link_farm") else "footer"


def _may_repeat(text: str, lines: list[tuple[int, str]]) -> bool:
    """Whether some line's opening words occur twice in the text: the mark of a page whose text was
    doubled or of a caption repeated in the body. Checked with substring counts, which run in C."""
    probes = {line[:MIN_REPEATED_SENTENCE] for _, line in lines if len(line) >= MIN_REPEATED_SENTENCE}
    probes |= {
        line[:MIN_REPEATED_CJK_SENTENCE]
        for _, line in lines
        if len(line) >= MIN_REPEATED_CJK_SENTENCE
        and boilerplate.script_shares(line[:MIN_REPEATED_CJK_SENTENCE])[0]
    }
    return any(text.count(probe) > 1 for probe in probes)


def _without_repeats(
    line: str, seen_lines: set[str], seen_sentences: set[str] | None
) -> tuple[str, list[str]]:
    """Drop a line, or the sentences of it, that the document already said (pages doubled by scrapers):
    what is left of the line ("" if nothing) and what was dropped."""
    key = " ".join(line.split()).casefold()
    if key in seen_lines and len(key) >= MIN_REPEATED_LINE:
        return "", [line]
    seen_lines.add(key)
    if seen_sentences is None:
        return line, []
    sentences = split_sentences(line)
    kept: list[str] = []
    dropped: list[str] = []
    for sentence in sentences:
        skey = " ".join(sentence.split()).casefold()
        long_enough = len(skey) >= MIN_REPEATED_SENTENCE or (
            len(skey) >= MIN_REPEATED_CJK_SENTENCE
            and boilerplate.script_shares(skey)[0] >= MIN_REPEATED_CJK_SENTENCE
        )
        if long_enough and skey in seen_sentences:
            dropped.append(sentence)
            continue
        seen_sentences.add(skey)
        kept.append(sentence)
    if not kept:
        return "", [line]
    if not dropped:
        return line, []
    reduced = _joined(kept)
    seen_lines.add(" ".join(reduced.split()).casefold())
    return reduced, dropped


def _joined(sentences: list[str]) -> str:
    """Sentences back into one line: Chinese ones end in full-width stops and take no space after."""
    line = sentences[0]
    for sentence in sentences[1:]:
        line += sentence if line[-1] in _FULL_WIDTH_STOPS else f" {sentence}"
    return line


def split_sentences(line: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(line):
        parts.append(line[start : match.end()].strip())
        start = match.end()
    parts.append(line[start:].strip())
    parts = [p for p in parts if p]
    merged: list[str] = []
    for part in parts:
        if merged and _ABBREVIATION_END.search(merged[-1][-7:]):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


def _short(title: str | None) -> str | None:
    if not title:
        return None
    title = " ".join(title.split())
    return title[:MAX_TITLE] if title else None


def _title_from_text(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    return first if 0 < len(first) <= MAX_TITLE else None
