"""Line rules that recognise spam and boilerplate in text, whatever format it came from.

Each rule is a named function over one line and its document context that returns True when
the line is boilerplate of its kind; RULES lists them in the order they are tried, so the
reason a line was removed is the name of the first rule that matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from partynet.ingest.chars import HAN, HAN_RANGES

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
_SENTENCE_END_CHARS = frozenset('.!?。！？…"”’)）:：;；')
_CJK_PUNCT = re.compile(r"[，。！？；：、“”「」（）《》]")
_SEPARATORS = re.compile(r"\s*[|｜¦•·»>]\s*")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_DOMAIN = re.compile(
    r"(?<![@a-z0-9.-])[a-z0-9][a-z0-9-]{1,62}(?:\.[a-z0-9-]{1,62})*\.(?:com|cn|net|org|info|top|xyz|cc|tv|io|co|me|vip|"
    r"shop|site|online|club|biz|ru|de|uk|jp|hk|tw|in|us|html?)\b",
    re.IGNORECASE,
)
_TLD = re.compile(
    r"[a-z0-9]\.(?:com|cn|net|org|info|top|xyz|cc|tv|io|co|me|vip|shop|site|online|club|biz|ru|de|uk|"
    r"jp|hk|tw|in|us|html?)\b",
    re.IGNORECASE,
)
# a separator, or a Han character (Chinese query lists are separated by spaces): one scan for both
_LIST_HINT = re.compile(f"[|｜¦•·»>{HAN_RANGES}]")
_SEPARATOR_HINT = re.compile(r"[|｜¦•·»>]")
_IMAGE_NAME = re.compile(r"^\S{1,120}\.(?:png|jpe?g|gif|webp|bmp|svg|tiff?)$", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|copyright\b|all rights reserved|版权所有|版權所有|保留所有权利|"
    r"icp备|icp證|icp证|公网安备|网安备|互联网新闻信息服务许可证|违法和不良信息举报|tous droits réservés|"
    r"alle rechte vorbehalten|todos los derechos reservados",
    re.IGNORECASE,
)

# Words that make up menus, toolbars and sharing widgets. A line built only of them is navigation.
NAV_WORDS = frozenset(
    (
        "home homepage nav navigation menu search close open skip to content main go back top next "
        "previous prev more login log in out sign up register subscribe subscription account my profile "
        "share print email e-mail facebook twitter x linkedin whatsapp wechat weibo telegram youtube "
        "instagram tiktok rss feed contact us about advertise advertising with privacy policy terms of "
        "use service cookies cookie settings sitemap site map help faq jobs careers newsletter archive "
        "archives latest news breaking most read popular trending video videos photo photos gallery "
        "podcast podcasts live tv radio opinion sections topics tags english 中文 简体 繁體 繁体 language "
        "edition the and a en zh de fr es "
        "百度 首页 搜索 登录 注册 返回 顶部 返回顶部 导航 菜单 分享 打印 关闭 更多 "
        "下一页 上一页 收藏 手机版 客户端 网站地图 联系我们 关于我们 广告服务 "
        "招聘信息 法律声明 隐私政策 设为首页 加入收藏 微信 微博 扫一扫 "
        "startseite suche anmelden abmelden "
        "teilen drucken kontakt impressum datenschutz mehr accueil recherche connexion partager imprimer "
        "contact plus inicio buscar compartir imprimir contacto más "
    ).split()
)
# Phrases that open a promotion, a teaser list or a widget rather than article text.
BOILERPLATE_OPENERS = (
    "read more",
    "read also",
    "see also",
    "related",
    "you may also like",
    "you might also like",
    "recommended",
    "more from",
    "more on this",
    "more stories",
    "most read",
    "most popular",
    "trending",
    "follow us",
    "share this",
    "share on",
    "click here",
    "sign up for",
    "subscribe to",
    "advertisement",
    "sponsored",
    "posted by",
    "posted in",
    "filed under",
    "tags:",
    "tagged",
    "categories:",
    "category:",
    "comments",
    "leave a comment",
    "leave a reply",
    "previous post",
    "next post",
    "older post",
    "newer post",
    "photo:",
    "image:",
    "credit:",
    "source: getty",
    "editor:",
    "责任编辑",
    "编辑：",
    "编辑:",
    "来源：",
    "相关新闻",
    "相关阅读",
    "热门推荐",
    "推荐阅读",
    "延伸阅读",
    "点击查看",
    "扫码",
    "关注我们",
    "分享到",
    "上一篇",
    "下一篇",
    "您需要登录",
    "mehr zum thema",
    "weitere informationen",
    "lesen sie auch",
    "auch interessant",
    "das könnte sie auch",
    "das könnte dich",
    "neueste artikel",
    "weitere artikel",
    "top themen",
    "à découvrir",
    "vos réactions",
    "à lire aussi",
    "lire aussi",
    "voir aussi",
    "le puede interesar",
    "lea también",
    "te puede interesar",
)
# Words of calls to action and page widgets: a short line that holds one is a prompt, not reporting.
# Photo captions are not here on purpose: in news they often state the exchange itself.
CALLS_TO_ACTION = tuple(
    (
        "newsletter|subscribe|sign up|log in|cookie|advertisement|sponsored|read more|share this|share on|"
        "follow us|follow me|leave a comment|comments (|abonnieren|anmelden|registrieren|einloggen|"
        "kommentieren|werbung|anzeige|weiterlesen|teilen|folgen sie|lire la suite|s'abonner|publicité|"
        "partager|leer más|suscríbete|publicidad|compartir|síguenos|分享到|关注我们|点击进入|扫码|阅读全文|"
        "發表評論|发表评论"
    ).split("|")
)
SHORT_LINE = 80
PROMPT_LINE = 100
# Reading-time badges of article headers ("5 min read", "Lesezeit: 3 Minuten", "阅读时间 4 分钟").
_READING_WORDS = ("read", "lesezeit", "lesedauer", "lecture", "lectura", "阅读", "閱讀")
_MINUTES = re.compile(r"\d+\s*(?:min|分钟|分鐘)", re.IGNORECASE)
READING_TIME_LINE = 40
_TRAILING_DATE = re.compile(r"(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
TEASER_HEADLINE = 12  # characters of headline before the date


@dataclass(frozen=True, slots=True)
class LineContext:
    """What a rule may know beyond the line: the document's dominant script."""

    latin_document: bool


def ends_sentence(text: str) -> bool:
    """Whether the text ends like a sentence (a last-character test: a regex anchored at $ scans it all)."""
    return text[-1:] in _SENTENCE_END_CHARS


def script_shares(text: str) -> tuple[int, int]:
    """(Han characters, Latin letters) in the text. Without Han, every character counts as Latin:
    callers only compare the two, and counting letters one by one is the slow part of cleaning."""
    if not HAN.search(text):
        return 0, len(text)
    return len(HAN.findall(text)), len(_LATIN.findall(text))


def image_file_name(line: str, _: LineContext) -> bool:
    return bool(_IMAGE_NAME.match(line))


def link_farm(line: str, _: LineContext) -> bool:
    """Lines carrying several bare domain names: spam link farms and query lists with their hosts."""
    if not _TLD.search(line):
        return False
    domains = _DOMAIN.findall(line)
    return len(domains) >= 3 or (
        len(domains) >= 1 and len(line) < 60 and not ends_sentence(line) and len(domains[0]) > len(line) / 3
    )


def keyword_list(line: str, _: LineContext) -> bool:
    """Runs of short search queries or tags: many segments, no sentences."""
    hint = _LIST_HINT.search(line)
    if hint is None or (HAN.match(hint.group()) and " " not in line and not _SEPARATOR_HINT.search(line)):
        return False
    segments = [s for s in _SEPARATORS.split(line) if s.strip()]
    if len(segments) < 4:
        cjk, latin = script_shares(line)
        cjk_segments = line.split() if cjk > latin else []
        if len(cjk_segments) < 4 or _CJK_PUNCT.search(line):
            return False
        segments = cjk_segments
    mean = sum(len(s) for s in segments) / len(segments)
    has_sentences = sum(1 for s in segments if ends_sentence(s.strip())) > len(segments) / 3
    return mean < 40 and not has_sentences and not _CJK_PUNCT.search(line.replace("、", ""))


_COPYRIGHT_HINTS = (
    "©",
    "(c)",
    "copyright",
    "rights reserved",
    "版权",
    "版權",
    "保留所有",
    "icp",
    "网安备",
    "许可证",
    "举报",
    "droits réservés",
    "rechte vorbehalten",
    "derechos reservados",
)


def copyright_line(line: str, _: LineContext) -> bool:
    """Copyright and licence lines; a caption that merely ends in a photo credit is not one."""
    if len(line) >= 300:
        return False
    lower = line.lower()
    match = _COPYRIGHT.search(line) if any(hint in lower for hint in _COPYRIGHT_HINTS) else None
    return match is not None and match.start() < 60


def bare_url(line: str, _: LineContext) -> bool:
    return bool(_URL_LINE.match(line))


def navigation(line: str, _: LineContext) -> bool:
    """A line made only of menu words ('Nav Search', 'Skip to content', '首页 登录')."""
    if len(line) > SHORT_LINE:
        return False
    words = re.findall(r"[\w'-]+", line.lower())
    if not words:
        return not HAN.search(line) and not any(ch.isdigit() for ch in line)
    return all(w in NAV_WORDS for w in words)


def boilerplate_phrase(line: str, _: LineContext) -> bool:
    if len(line) > SHORT_LINE:
        return False
    lower = line.lower().lstrip("»>•·-–—*# ")
    return lower.startswith(BOILERPLATE_OPENERS)


def call_to_action(line: str, _: LineContext) -> bool:
    """A short prompt ("Subscribe to our newsletter", "分享到"). Chinese pages often glue the prompt to a
    headline, so a line with more Han text than the prompt is kept whole."""
    if len(line) >= PROMPT_LINE:
        return False
    lower = line.lower()
    word = next((w for w in CALLS_TO_ACTION if w in lower), None)
    return word is not None and script_shares(line)[0] <= len(word) + 2


def dated_teaser(line: str, _: LineContext) -> bool:
    """A Chinese headline with its date glued on, an item of a list of other stories
    ("侵华日军新罪证展出2024-09-18"); a date line of the page's own ("发布时间 2024-09-18") is kept."""
    if len(line) > SHORT_LINE:
        return False
    date = _TRAILING_DATE.search(line)
    if date is None:
        return False
    headline = line[: date.start()]
    last = headline[-1:]
    # glued to the date: a page's own headline and time stand apart ("Party congress opens 2024-09-18")
    return (
        len(headline) >= TEASER_HEADLINE and last != "" and (HAN.match(last) is not None or last in "”」》")
    )


def reading_time(line: str, _: LineContext) -> bool:
    if len(line) > READING_TIME_LINE:
        return False
    lower = line.lower()
    return any(word in lower for word in _READING_WORDS) and _MINUTES.search(lower) is not None


def off_language(line: str, context: LineContext) -> bool:
    """A Chinese line inside an English page: an injected headline or spam, not the article."""
    if not context.latin_document or not HAN.search(line) or _KANA_HANGUL.search(line):
        return False
    cjk, latin = script_shares(line)
    return cjk > 4 and cjk > 2 * latin


Rule = Callable[[str, LineContext], bool]
# Rules that judge a line on its own.
RULES: tuple[tuple[str, Rule], ...] = (
    ("image_file_name", image_file_name),
    ("copyright", copyright_line),
    ("bare_url", bare_url),
    ("link_farm", link_farm),
    ("keyword_list", keyword_list),
    ("navigation", navigation),
    ("boilerplate_phrase", boilerplate_phrase),
    ("call_to_action", call_to_action),
    ("reading_time", reading_time),
    ("dated_teaser", dated_teaser),
)
# Rules that need to know the document, judged after the first ones have removed the obvious dirt.
CONTEXT_RULES: tuple[tuple[str, Rule], ...] = (("off_language", off_language),)
NO_CONTEXT = LineContext(latin_document=False)


def classify(line: str, context: LineContext = NO_CONTEXT) -> str | None:
    """The name of the first line rule the line matches, or None for article text."""
    for name, rule in RULES:
        if rule(line, context):
            return name
    return None


def classify_in_context(line: str, context: LineContext) -> str | None:
    for name, rule in CONTEXT_RULES:
        if rule(line, context):
            return name
    return None


def is_footer_like(line: str) -> bool:
    """Short lines without sentence punctuation: menus, partner lists, section names."""
    return len(line) <= SHORT_LINE and not ends_sentence(line) and not _CJK_PUNCT.search(line)
