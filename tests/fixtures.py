"""Small documents written for the tests, each reproducing one kind of dirt found on real pages."""

from __future__ import annotations

ARTICLE = [
    (
        "The Communist Party of China and the Workers' Party of Korea agreed on Tuesday to deepen exchanges "
        "between their international departments, officials said after talks in Beijing."
    ),
    (
        "Liu Jianchao, head of the International Department of the CPC Central Committee, met the visiting "
        "delegation and briefed it on the party's experience in rural revitalisation."
    ),
    (
        "The delegation, led by a secretary of the party's central committee, also toured a poverty alleviation "
        "project in Guizhou province and a party school in Guiyang."
    ),
    (
        "Both sides said they would hold a thematic seminar on governance next year and exchange study groups "
        "of young cadres on a regular basis."
    ),
]
ARTICLE_TEXT = "\n\n".join(ARTICLE)
OTHER_ARTICLE = [
    (
        "Delegates of more than forty African parties gathered in Dar es Salaam for a three-day workshop on "
        "cadre training, hosted by Chama Cha Mapinduzi at its new leadership school."
    ),
    (
        "Speakers from the African National Congress and FRELIMO described how their parties recruit and "
        "train young members, and how party schools keep liberation history alive."
    ),
    (
        "Organisers said the next workshop would take place in Maputo and would focus on the role of women's "
        "leagues in the life of ruling parties."
    ),
]
THIRD_ARTICLE = [
    (
        "Since its founding a century ago the party has kept up international exchanges, first with the "
        "labour movements of Europe and later with the independence movements of Asia and Africa."
    ),
    (
        "Over the last decade its contacts widened to conservative, liberal and green parties in developed "
        "countries, which now send study groups to learn about its governance."
    ),
    (
        "Historians note that the network grew fastest after the party opened its annual dialogue with world "
        "political parties, which now draws hundreds of delegations every year."
    ),
]

SPAM_LINES = [
    "外阴炎用什么药膏| 五官指什么| 男大女6岁有什么说法| 怀孕要检查什么项目| 一天从早到晚叫什么日| 火是什么",
    "Nav Search",
    "西安市档案馆开展捡拾烟头垃圾主题实践活动",
    "将军是什么级别 下连是什么意思 火牛命五行缺什么 四面八方指什么生肖 紫微斗数是什么",
    "梦见找对象是什么意思hcv9jop6ns8r.cn 胎菊和金银花一起泡水有什么效果hcv7jop7ns4r.cn 卵圆孔未闭是什么病hcv8jop7ns1r.cn",
    "百度",
]


def spam_page() -> str:
    """The article drowned in search-query lists, spam domains, navigation and an unrelated headline."""
    return "\n\n".join(
        [SPAM_LINES[0], SPAM_LINES[1], SPAM_LINES[2], *ARTICLE, SPAM_LINES[3], SPAM_LINES[4], SPAM_LINES[5]]
    )


def clean_page() -> str:
    """The same article as its publisher shows it: title, dateline, an image file name."""
    return "\n\n".join(
        [
            "CPC and WPK deepen party exchanges",
            "2024-05-14 | Source: example news",
            ARTICLE[0],
            "photo_17_副本.png",
            *ARTICLE[1:],
        ]
    )


def doubled_page() -> str:
    """A scraper glued the article to itself: the second copy starts on the last line of the first."""
    lines = [
        "Party diplomacy in practiceEditor's note: a series on international exchanges.",
        *OTHER_ARTICLE,
        "Xinhua contributed to this story.",
    ]
    glued = [*lines[:-1], lines[-1] + lines[0], *lines[1:]]
    return "\n".join(glued)


FOOTER = [
    "China Focus",
    "Special Reports",
    "About Us",
    "Contact Us",
    "Advertise with Us",
    "Partners: China.org.cn | China Today | China Pictorial | People's Daily Online | Xinhua News Agency",
    "CGTN | China Tibet Online | China Radio International | Global Times | Qiushi",
    "Copyright Beijing Review All rights reserved 京ICP备08005356号 京公网安备110102005860",
]


def footer_page() -> str:
    return "\n\n".join(["A century of exchanges", *THIRD_ARTICLE, *FOOTER])


ZH_ARTICLE = (
    "2024年6月27日，中共中央对外联络部部长刘建超在北京会见越南共产党中央对外部代表团。"
    "双方就加强两党交流合作、深化治国理政经验互鉴等议题深入交换意见。"
)

HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>CPC delegation visits Laos | Example News</title>
<meta property="article:published_time" content="2024-03-05T08:00:00+08:00"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/china">China</a></nav>
<header><div class="menu"><ul><li>Politics</li><li>Business</li><li>Sports</li></ul></div></header>
<main><article><h1>CPC delegation visits Laos</h1>
<p>A delegation of the Communist Party of China arrived in Vientiane on Monday for talks with the
Lao People's Revolutionary Party on cadre training and party building.</p>
<p>The two parties signed a memorandum on cooperation between their central party schools, the
delegation leader told reporters after the meeting.</p>
</article></main>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Markets rally</a></li><li><a href="/b">Weather</a></li></ul></aside>
<footer><p>About Us | Contact Us | Privacy Policy</p><p>Copyright 2024 Example News. All rights reserved.</p></footer>
</body></html>"""
