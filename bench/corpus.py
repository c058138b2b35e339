"""Generate a benchmark corpus: news reports as text and as full HTML pages, English and Chinese.

Reports are varied the way a news stream is (many parties, people, places, sentence shapes and
lengths), so near duplicates are rare unless made on purpose: every 50th report is a repost of an
earlier one with a different first line. The HTML pages carry what real news pages carry around an
article (navigation, a cookie banner, related links, comments, a footer and a large inline script),
half of them as div soup with neutral class names. Everything comes from a seed, so runs compare.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import zipfile
from pathlib import Path

from fastwarc.warc import WarcRecord, WarcRecordType

PARTIES = [
    "Communist Party of Vietnam",
    "Cambodian People's Party",
    "African National Congress",
    "United Russia",
    "Workers' Party of Korea",
    "Lao People's Revolutionary Party",
    "Chama Cha Mapinduzi",
    "ZANU-PF",
    "Social Democratic Party of Germany",
    "Liberal Democratic Party",
    "Communist Party of Cuba",
    "FRELIMO",
    "MPLA",
    "SWAPO",
    "Nepal Communist Party",
    "People's Action Party",
    "Komeito",
    "Golkar",
    "Fatah",
    "Patriotic Party",
    "Socialist Party of Serbia",
    "Kuomintang",
    "Indian National Congress",
    "Fidesz",
]
PLACES = [
    "Beijing",
    "Hanoi",
    "Phnom Penh",
    "Pretoria",
    "Moscow",
    "Vientiane",
    "Dar es Salaam",
    "Harare",
    "Berlin",
    "Kathmandu",
    "Singapore",
    "Jakarta",
    "Havana",
    "Belgrade",
    "Luanda",
    "Windhoek",
    "Tokyo",
    "New Delhi",
]
TOPICS = [
    "party building",
    "poverty alleviation",
    "green development",
    "cadre training",
    "digital governance",
    "youth exchanges",
    "rural revitalisation",
    "think-tank cooperation",
    "women's leadership",
    "anti-corruption",
    "infrastructure",
    "public health",
    "vocational education",
    "media cooperation",
    "local governance",
]
TITLES = [
    "secretary general",
    "vice chairman",
    "head of the international department",
    "deputy minister",
    "member of the Political Bureau",
    "chairwoman",
    "director of the party school",
    "youth league leader",
]
SYLLABLES = [
    "an",
    "ba",
    "chi",
    "do",
    "el",
    "fa",
    "gu",
    "ha",
    "io",
    "ja",
    "ka",
    "li",
    "mo",
    "na",
    "ol",
    "pe",
    "qu",
    "ra",
    "si",
    "to",
    "ul",
    "vi",
    "wa",
    "xi",
    "yo",
    "zu",
]
SENTENCES = [
    "{person}, {title} of the {party}, {verb} a delegation in {place} on {day}.",
    "The two sides exchanged views on {topic} and agreed to strengthen {topic2}.",
    "According to a statement issued after the talks, {number} officials took part in the sessions.",
    "{person} said the {party} valued its long friendship and wished to learn from experience in {topic}.",
    "The visitors also toured a {topic} project outside {place} and met local party members.",
    "A seminar on {topic} is planned for next year, with study groups of young cadres from both sides.",
    "Observers in {place} described the visit as the {ordinal} of its kind since {year}.",
    "Earlier in the week the delegation held working talks with the {party} on {topic2}.",
]
VERBS = ["met", "received", "held talks with", "hosted", "welcomed", "briefed"]
ZH_PARTIES = [
    "越南共产党",
    "柬埔寨人民党",
    "南非非洲人国民大会",
    "统一俄罗斯党",
    "老挝人民革命党",
    "坦桑尼亚革命党",
    "古巴共产党",
    "朝鲜劳动党",
    "尼泊尔共产党",
    "新加坡人民行动党",
    "塞尔维亚社会党",
    "纳米比亚人组党",
]
ZH_PLACES = [
    "北京",
    "河内",
    "金边",
    "比勒陀利亚",
    "莫斯科",
    "万象",
    "哈瓦那",
    "加德满都",
    "上海",
    "昆明",
    "南宁",
]
ZH_TOPICS = [
    "治国理政",
    "减贫",
    "绿色发展",
    "干部培训",
    "党的建设",
    "青年交流",
    "乡村振兴",
    "数字经济",
    "反腐倡廉",
]
ZH_SENTENCES = [
    "{m}月{d}日，{person}在{place}会见由{party}中央政治局委员率领的代表团。",
    "双方就{topic}和{topic2}等议题深入交换意见。",
    "{person}表示，愿同{party}加强交流互鉴，推动两党关系不断向前发展。",
    "代表团一行还赴{place}考察{topic}项目，并同当地干部座谈。",
    "据悉，此次来访的代表团共有{number}人，这是双方今年第{ordinal}次高层交往。",
    "双方商定明年举办{topic}专题研讨会，并互派青年干部考察团。",
]
ZH_WORDS = [
    "经济",
    "贸易",
    "边境",
    "工厂",
    "学校",
    "铁路",
    "港口",
    "预算",
    "改革",
    "选举",
    "市场",
    "村庄",
    "山区",
    "节日",
    "医院",
    "项目",
    "条约",
    "出口",
    "能源",
    "水利",
    "气候",
    "科学",
    "文化",
    "历史",
    "博物馆",
    "桥梁",
    "公路",
    "农民",
    "工人",
    "学生",
    "教师",
    "工程师",
    "医生",
    "作家",
    "艺术家",
    "地区",
    "省份",
    "首都",
    "县城",
    "海岛",
    "海岸",
    "河谷",
    "粮食",
    "旅游",
    "体育",
    "卫生",
    "住房",
    "交通",
    "电力",
    "通信",
    "网络",
    "金融",
    "税收",
    "就业",
    "养老",
    "教育",
    "科研",
    "环保",
    "林业",
    "渔业",
]
ZH_PEOPLE = ["刘建超", "孙海燕", "陈洲", "马辉", "王东明", "李明", "张强", "赵磊", "周文", "吴涛"]


def _name(rnd: random.Random) -> str:
    return " ".join(
        "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 3))).title() for _ in range(2)
    )


WORDS = [
    "economy",
    "trade",
    "summit",
    "border",
    "river",
    "factory",
    "school",
    "harvest",
    "railway",
    "port",
    "budget",
    "reform",
    "election",
    "congress",
    "market",
    "village",
    "mountain",
    "festival",
    "hospital",
    "program",
    "council",
    "treaty",
    "export",
    "import",
    "energy",
    "water",
    "climate",
    "science",
    "culture",
    "history",
    "museum",
    "bridge",
    "highway",
    "farmer",
    "worker",
    "student",
    "teacher",
    "soldier",
    "veteran",
    "engineer",
    "doctor",
    "nurse",
    "writer",
    "artist",
    "region",
    "province",
    "capital",
    "district",
    "county",
    "city",
    "town",
    "island",
    "coast",
    "valley",
]


def _clause(rnd: random.Random, words: int) -> str:
    """Free text between the formulaic parts, as every real report has."""
    return " ".join(
        rnd.choice(WORDS) if rnd.random() < 0.6 else _name(rnd).split()[0].lower() for _ in range(words)
    )


def english_report(rnd: random.Random) -> tuple[str, str]:
    fill = {
        "party": rnd.choice(PARTIES),
        "place": rnd.choice(PLACES),
        "person": _name(rnd),
        "title": rnd.choice(TITLES),
        "verb": rnd.choice(VERBS),
        "day": rnd.choice(["Monday", "Friday", "May 3"]),
        "topic": rnd.choice(TOPICS),
        "topic2": rnd.choice(TOPICS),
        "number": rnd.randint(5, 300),
        "ordinal": rnd.choice(["first", "second", "largest"]),
        "year": rnd.randint(1990, 2023),
    }
    sentences = rnd.sample(SENTENCES, rnd.randint(4, len(SENTENCES)))
    filled = [
        s.format(**fill)[:-1] + f", with talk of {_clause(rnd, rnd.randint(8, 16))}." for s in sentences
    ]
    paragraphs = [" ".join(filled[i : i + 2]) for i in range(0, len(filled), 2)]
    return f"{fill['party']} and partners discuss {fill['topic']}", "\n\n".join(paragraphs)


def chinese_report(rnd: random.Random) -> tuple[str, str]:
    fill = {
        "party": rnd.choice(ZH_PARTIES),
        "place": rnd.choice(ZH_PLACES),
        "person": rnd.choice(ZH_PEOPLE),
        "topic": rnd.choice(ZH_TOPICS),
        "topic2": rnd.choice(ZH_TOPICS),
        "m": rnd.randint(1, 12),
        "d": rnd.randint(1, 28),
        "number": rnd.randint(5, 60),
        "ordinal": rnd.randint(2, 9),
    }
    sentences = [ZH_SENTENCES[0], *rnd.sample(ZH_SENTENCES[1:], rnd.randint(2, 5))]
    filled = [
        s.format(**fill)[:-1] + "，涉及" + "、".join(rnd.sample(ZH_WORDS, rnd.randint(3, 6))) + "。"
        for s in sentences
    ]
    paragraphs = ["".join(filled[i : i + 2]) for i in range(0, len(filled), 2)]
    return f"{fill['person']}会见{fill['party']}代表团", "\n\n".join(paragraphs)


def html_page(rnd: random.Random, title: str, body: str, *, soup: bool) -> str:
    def tag(name: str) -> str:
        return "div" if soup else name

    def cls(name: str) -> str:
        return f"c{rnd.randint(100, 999)}" if soup else name

    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    related = "".join(
        f'<li><a href="/r{i}">Related story number {i} about markets</a></li>' for i in range(8)
    )
    comments = "".join(
        f'<{tag("section")} class="{cls("comment")}"><b>reader{i}</b> I agree with this. '
        f"Great article!</{tag('section')}>"
        for i in range(4)
    )
    script = "<script>var tracking = '" + "x" * 20_000 + "';</script>"
    nav_items = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{script}</head><body>"
        f"<{tag('nav')} class='{cls('nav')}'><ul>{nav_items}</ul></{tag('nav')}>"
        f"<div class='{cls('cookie-banner')}'>We use cookies to improve your experience. Accept all cookies</div>"
        f"<{tag('main')}><{tag('article')} class='{cls('article')}'><h1>{title}</h1>{paragraphs}</{tag('article')}>"
        f"</{tag('main')}><{tag('aside')} class='{cls('related')}'><h3>Related</h3><ul>{related}</ul></{tag('aside')}>"
        f"<div class='{cls('comments')}'>{comments}</div>"
        f"<{tag('footer')} class='{cls('footer')}'><p>About Us | Contact Us | Privacy Policy</p>"
        f"<p>Copyright 2024 Example News. All rights reserved.</p></{tag('footer')}></body></html>"
    )


def generate(out: Path, count: int, seed: int = 1, *, pages: bool = True) -> dict[str, list[Path]]:
    """Write `count` text reports (one JSONL file) and, unless `pages` is false, `count` HTML pages;
    return the paths by kind."""
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "html").mkdir(exist_ok=True)
    rows: list[dict[str, str]] = []
    written = []
    for i in range(count):
        title, text = chinese_report(rnd) if i % 4 == 3 else english_report(rnd)
        if i % 50 == 49:  # a repost of an earlier report
            title, text = rows[i - 20]["title"], "Reposted from the wire\n\n" + rows[i - 20]["text"]
        rows.append({"id": f"t{i}", "title": title, "text": text})
        page = html_page(rnd, title, text, soup=i % 2 == 1)  # drawn either way: the same text for a seed
        if pages:
            path = out / "html" / f"p{i:06d}.html"
            path.write_text(page, encoding="utf-8")
            written.append(path)
    jsonl = out / "reports.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return {"text": [jsonl], "html": written}


# What a browser fetches beside a news page, with typical sizes: a crawl of a site is mostly these.
PAGE_ASSETS = (
    ("site.css", "text/css", 9_000),
    ("app.js", "application/javascript", 12_000),
    ("vendor.js", "text/javascript", 40_000),
    ("photo.jpg", "image/jpeg", 60_000),
    ("thumb.jpg", "image/jpeg", 8_000),
    ("logo.png", "image/png", 4_000),
    ("font.woff2", "font/woff2", 30_000),
)


def site_crawl(pages: list[Path], out: Path, seed: int = 1, *, arc: bool = False) -> Path:
    """A site crawl as a crawler stores it (one gzip member per record), in WARC or, with `arc`, in the
    ARC format before it: each page's response, then the style sheet, scripts, images and font a
    browser fetches with it, of typical sizes (code as text, the rest as random bytes)."""
    rnd = random.Random(seed)
    record = _arc_record if arc else _response
    with out.open("wb") as archive:
        if arc:
            archive.write(gzip.compress(_ARC_VERSION_BLOCK, compresslevel=1))
        for n, page in enumerate(pages):
            base = f"https://news.example/{n}"
            archive.write(record(f"{base}/", "text/html; charset=utf-8", page.read_bytes()))
            for name, media_type, size in PAGE_ASSETS:
                is_code = media_type.startswith("text/") or "javascript" in media_type
                body = _code(rnd, size) if is_code else rnd.randbytes(size)
                archive.write(record(f"{base}/{name}", media_type, body))
    return out


def json_export(jsonl: Path, out: Path) -> Path:
    """The reports of a JSON Lines file as one pretty-printed JSON array, as scrapers export them."""
    with jsonl.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    out.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
    return out


def wacz(warc: Path, out: Path) -> Path:
    """The WARC file packaged as Webrecorder's tools package a crawl: stored in a zip under archive/,
    beside the package's description."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
        package.write(warc, f"archive/{warc.name}")
        package.writestr("datapackage.json", json.dumps({"profile": "data-package", "wacz_version": "1.1.1"}))
    return out


def _code(rnd: random.Random, size: int) -> bytes:
    lines: list[str] = []
    while sum(map(len, lines)) < size:
        lines.append(
            f".c{rnd.randrange(10**6)} {{ margin: {rnd.randrange(40)}px; color: #{rnd.randrange(4096):03x} }}\n"
        )
    return "".join(lines).encode()


_ARC_FIELDS = b"1 0 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n"
_ARC_VERSION_BLOCK = b"filedesc://crawl.arc 0.0.0.0 20240101000000 text/plain %d\n%s\n" % (
    len(_ARC_FIELDS),
    _ARC_FIELDS,
)


def _arc_record(url: str, media_type: str, body: bytes) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {media_type}\r\n\r\n".encode() + body
    line = f"{url} 192.0.2.1 20240101000000 {media_type.partition(';')[0]} {len(http)}\n".encode()
    return gzip.compress(line + http + b"\n", compresslevel=1)


def _response(url: str, media_type: str, body: bytes) -> bytes:
    record = WarcRecord()
    record.init_headers(WarcRecordType.response)
    record.headers["WARC-Target-URI"] = url
    record.headers["Content-Type"] = "application/http; msgtype=response"
    record.set_bytes_content(f"HTTP/1.1 200 OK\r\nContent-Type: {media_type}\r\n\r\n".encode() + body)
    raw = io.BytesIO()
    record.write(raw)
    return gzip.compress(raw.getvalue(), compresslevel=1)
