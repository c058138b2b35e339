"""Golden with/without checks: one case per kind of dirt, every article paragraph must survive."""

from __future__ import annotations

import pytest

from partynet.domain import DatePrecision, PartialDate, RawDocument, SourceFormat, Status
from partynet.ingest.clean import CleanOptions, clean, clean_text, split_sentences
from tests.fixtures import (
    ARTICLE,
    FOOTER,
    HTML_PAGE,
    OTHER_ARTICLE,
    SPAM_LINES,
    THIRD_ARTICLE,
    ZH_ARTICLE,
    clean_page,
    doubled_page,
    footer_page,
    spam_page,
)


def _raw(text: str, *, html: bool = False, **extra: str) -> RawDocument:
    fmt = SourceFormat.HTML if html else SourceFormat.TEXT
    return RawDocument("t", "t", "", fmt, is_html=html, data=text.encode(), **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "page", "article", "must_drop", "reasons"),
    [
        (
            "seo spam",
            spam_page(),
            ARTICLE,
            SPAM_LINES,
            {"keyword_list", "navigation", "off_language", "link_farm"},
        ),
        ("image names", clean_page(), ARTICLE, ["photo_17_副本.png"], {"image_file_name"}),
        ("site footer", footer_page(), THIRD_ARTICLE, FOOTER, {"footer", "copyright"}),
    ],
)
def test_dirt_is_removed_and_every_paragraph_kept(
    name: str, page: str, article: list[str], must_drop: list[str], reasons: set[str]
) -> None:
    cleaned = clean_text(page)
    for paragraph in article:
        assert paragraph in cleaned.text, f"{name}: lost an article paragraph"
    for dirt in must_drop:
        assert dirt not in cleaned.text, f"{name}: kept {dirt!r}"
    assert reasons <= set(cleaned.removals), f"{name}: removals {dict(cleaned.removals)}"
    assert sum(cleaned.removals.values()) == len(cleaned.removed)
    assert cleaned.removed_chars == sum(len(r.text) for r in cleaned.removed)


def test_text_repeated_inside_a_page_is_kept_once() -> None:
    cleaned = clean_text(doubled_page())
    for paragraph in OTHER_ARTICLE:
        assert cleaned.text.count(paragraph) == 1
    assert cleaned.text.count("Xinhua contributed to this story.") == 1
    assert cleaned.text.count("Editor's note") == 1
    assert cleaned.removals["repeated"] >= len(OTHER_ARTICLE)


def test_a_chinese_paragraph_said_twice_is_kept_once_without_added_spaces() -> None:
    said = "中共中央对外联络部部长在北京会见越南共产党代表团。双方就加强两党交流合作交换了意见。"
    cleaned = clean_text(f"{said}{said}\n\nThe end of it. It was warm.")
    assert cleaned.text.split("\n\n")[0] == said
    assert cleaned.removals["repeated"] == 2


def test_short_repeated_phrases_inside_sentences_are_not_removed() -> None:
    text = "The delegation met the party. The delegation met the party.\n\nIt was warm."
    assert clean_text(text).text.count("The delegation met the party.") == 2


def test_paragraphs_are_kept_as_blocks() -> None:
    assert clean_text("One line.\nSame block.\n\nNext block.").text == "One line.\nSame block.\n\nNext block."


def test_chinese_article_survives_and_chinese_menus_do_not() -> None:
    page = f"首页 登录 注册\n当前位置:首页 > 新闻中心 > 时政新闻\n{ZH_ARTICLE}\n责任编辑：王明\n版权所有 京ICP备12024993号-1"
    cleaned = clean_text(page)
    assert ZH_ARTICLE in cleaned.text
    assert "首页" not in cleaned.text
    assert "ICP" not in cleaned.text
    assert "责任编辑" not in cleaned.text


def test_chinese_names_inside_english_prose_are_not_off_language() -> None:
    line = "Li Zhanshu (栗战书) visited the party school and met its students, the report said on Friday."
    assert clean_text(line).text == line


def test_menu_runs_are_removed_but_a_headline_is_not() -> None:
    menu = "\n".join(
        f"• {city}" for city in ["An Giang", "Binh Duong", "Ca Mau", "Can Tho", "Da Nang", "Ha Noi"]
    )
    text = f"{menu}\n\n中越两党举行高级别会晤\n\n{ZH_ARTICLE}"
    cleaned = clean_text(text)
    assert "Binh Duong" not in cleaned.text
    assert "中越两党举行高级别会晤" in cleaned.text
    assert cleaned.removals["menu"] == 6


def test_a_caption_ending_in_a_credit_is_not_a_copyright_line() -> None:
    line = "«United Russia» signed a cooperation agreement with the «Northern League»© RIA Novosti."
    assert clean_text(line).text == line


def test_html_page_gives_main_text_title_and_date() -> None:
    doc = clean(_raw(HTML_PAGE, html=True), CleanOptions())
    assert doc.status is Status.KEPT
    assert "arrived in Vientiane on Monday" in doc.text
    assert "signed a memorandum" in doc.text
    for dirt in ("Privacy Policy", "Markets rally", "All rights reserved", "Business"):
        assert dirt not in doc.text
    assert doc.title == "CPC delegation visits Laos | Example News"
    assert doc.published is not None
    assert doc.published.value == "2024-03-05"


def test_text_document_takes_its_dateline_and_title() -> None:
    doc = clean(_raw(clean_page()), CleanOptions())
    assert doc.title == "CPC and WPK deepen party exchanges"
    assert doc.published is not None
    assert doc.published.value == "2024-05-14"


def test_a_redirect_page_is_empty_with_where_it_leads_but_a_self_reloading_article_is_kept() -> None:
    refresh = (
        '<html><head><meta http-equiv="Refresh" content="{}"><title>T</title></head><body>{}</body></html>'
    )
    stub = refresh.format("0; URL='https://example.org/new'", "<p>Redirecting to the new page...</p>")
    doc = clean(_raw(stub, html=True), CleanOptions())
    assert (doc.status, doc.status_reason, doc.text) == (
        Status.EMPTY,
        "a redirect to https://example.org/new",
        "",
    )
    assert doc.removals["redirect"] == 1
    reloading = refresh.format("300", "<p>Live: the two parties are holding talks.</p>")  # every 5 minutes
    assert clean(_raw(reloading, html=True), CleanOptions()).status is Status.KEPT
    moved = refresh.format("0; url=/new", HTML_PAGE.split("<body>", 1)[1].split("</body>")[0])
    assert clean(_raw(moved, html=True), CleanOptions()).status is Status.KEPT  # an article of its own


def test_a_saved_page_takes_the_address_it_declares_and_its_date_from_it() -> None:
    body = "<body><article><p>The two parties held talks.</p></article></body></html>"
    canonical = '<html><head><link href="https://example.org/2021/06/27/talks.html" rel="canonical">'
    og = '<html><head><meta property="og:url" content="https://example.org/news/2019/talks">'
    relative = '<html><head><link rel="canonical" href="/2021/06/27/talks.html">'
    minified = "<html><head><link rel=alternate href=https://e.org/canonical><link rel=canonical href=https://e.org/a>"
    saved = {name: clean(_raw(head + "</head>" + body, html=True), CleanOptions()) for name, head in
             (("canonical", canonical), ("og", og), ("relative", relative), ("minified", minified))}  # fmt: skip
    assert (saved["canonical"].url, saved["canonical"].published) == (
        "https://example.org/2021/06/27/talks.html",
        PartialDate("2021-06-27", DatePrecision.DAY),
    )
    assert (saved["og"].url, saved["og"].published) == (
        "https://example.org/news/2019/talks",
        PartialDate("2019", DatePrecision.YEAR),
    )
    assert (saved["relative"].url, saved["relative"].published) == (None, None)  # no address of its own
    assert saved["minified"].url == "https://e.org/a"  # unquoted, and only the canonical link
    crawled = _raw(canonical + "</head>" + body, html=True, url="https://mirror.example/x")
    assert clean(crawled, CleanOptions()).url == "https://mirror.example/x"  # where it was fetched wins


def test_page_of_nothing_but_spam_is_spam_with_reason() -> None:
    # an unrelated headline alone is indistinguishable from an article in a Chinese page: leave it out
    doc = clean(_raw("\n".join(line for line in SPAM_LINES if "档案馆" not in line)), CleanOptions())
    assert doc.status is Status.SPAM
    assert doc.text == ""
    assert "keyword_list" in (doc.status_reason or "")


def test_binary_is_unreadable_with_reason() -> None:
    doc = clean(
        _raw("x").__class__("t", "t", "", SourceFormat.TEXT, is_html=False, data=bytes(range(256)) * 20),
        CleanOptions(),
    )
    assert doc.status is Status.UNREADABLE
    assert doc.status_reason


def test_oversized_document_is_unreadable() -> None:
    doc = clean(_raw("a" * 1000), CleanOptions(max_document_bytes=100))
    assert doc.status is Status.UNREADABLE
    assert "limit" in (doc.status_reason or "")


def test_document_id_depends_on_source_and_content() -> None:
    a = clean(_raw("Same text."), CleanOptions())
    b = clean(
        RawDocument("t2", "other", "", SourceFormat.TEXT, is_html=False, data=b"Same text."), CleanOptions()
    )
    again = clean(_raw("Same text."), CleanOptions())
    assert a.id == again.id
    assert a.id != b.id


def test_sentence_split_keeps_abbreviations_and_splits_glued_sentences() -> None:
    assert split_sentences("Liu met U.S. Secretary Blinken. Then he left.") == [
        "Liu met U.S. Secretary Blinken.",
        "Then he left.",
    ]
    assert split_sentences("Xinhua contributed to this story.Inter-party diplomacy helps.") == [
        "Xinhua contributed to this story.",
        "Inter-party diplomacy helps.",
    ]
    assert split_sentences("双方举行会谈。双方签署协议。") == ["双方举行会谈。", "双方签署协议。"]


def test_teaser_headlines_after_a_web_article_are_removed_but_a_cut_excerpt_keeps_its_end() -> None:
    teasers = ["Markets close higher on Friday", "Weather: rain expected", "Ten things to do this weekend"]
    page = "\n\n".join([*ARTICLE, *teasers])
    as_page = clean_text(page, web_page=True)
    assert all(t not in as_page.text for t in teasers)
    assert as_page.removals["footer"] == len(teasers)
    excerpt = "\n\n".join(
        [*ARTICLE, "Song said the two parties would deepen their exchanges on governance and"]
    )
    assert clean_text(excerpt).text == excerpt


def test_calls_to_action_go_but_captions_and_glued_headlines_stay() -> None:
    prompt = "Get our daily newsletter in your inbox"
    caption = "Xi Jinping meets Hun Sen in Beijing on Dec. 3 (Photo: Xinhua)"
    glued = "160多国政党代表云聚中共与世界政党领导人峰会分享到:"
    cleaned = clean_text("\n\n".join([ARTICLE[0], prompt, caption, ARTICLE[1]]))
    assert prompt not in cleaned.text
    assert caption in cleaned.text
    assert cleaned.removals["call_to_action"] == 1
    assert glued in clean_text(f"{glued}\n\n{ZH_ARTICLE}").text


def test_reading_time_badges_go_but_sentences_about_minutes_stay() -> None:
    badges = ["5 min read", "Lesezeit: 3 Minuten", "阅读时间 4 分钟"]
    sentence = "The talks ran 40 minutes over schedule, the delegation said."
    assert_rule_removes("reading_time", badges, keeping=sentence)


def test_author_boxes_and_related_boxes_inside_an_article_are_skipped() -> None:
    page = (
        "<html><body><article><h1>Party delegation visits Vientiane</h1>"
        f"<p>{ARTICLE[0]}</p><p>{ARTICLE[1]}</p>"
        '<div class="author-box"><p>Jane Roe covers Southeast Asian politics for the paper.</p></div>'
        '<section id="related-stories"><p>Rice prices climb for a third straight week.</p></section>'
        "</article></body></html>"
    )
    doc = clean(_raw(page, html=True), CleanOptions())
    assert ARTICLE[1] in doc.text
    assert "Jane Roe" not in doc.text
    assert "Rice prices" not in doc.text


def test_teaser_box_headings_of_european_sites_go_but_sentences_opening_alike_stay() -> None:
    headings = [
        "Das könnte dich auch interessieren",
        "Neueste Artikel",
        "Top Themen der Redaktion",
        "À découvrir",
    ]
    sentence = "Top themes of the talks were poverty alleviation and green development, the two parties said."
    assert_rule_removes("boilerplate_phrase", headings, keeping=sentence)


def assert_rule_removes(rule: str, lines: list[str], *, keeping: str) -> None:
    """Lines between an article's paragraphs go, each counted under `rule`; the look-alike `keeping`
    stays."""
    cleaned = clean_text("\n\n".join([ARTICLE[0], *lines, keeping, ARTICLE[1]]))
    for line in lines:
        assert line not in cleaned.text
    assert keeping in cleaned.text
    assert cleaned.removals[rule] == len(lines)


def test_other_stories_with_their_dates_go_and_do_not_date_the_page() -> None:
    teasers = ["侵华日军新罪证“档案图”展出2024-09-18", "某市举办第三届文化节活动开幕2024-09-17"]
    login = "您需要登录后才可以评论, 登录| 注册"
    own_date = "发布时间：2023-05-04"
    after = "双方表示，愿继续加强两党交流，推动两国关系不断向前发展，造福两国人民。"
    cleaned = clean_text("\n\n".join([ZH_ARTICLE, login, *teasers, after]))
    for dirt in (*teasers, login):
        assert dirt not in cleaned.text
    assert after in cleaned.text
    assert cleaned.removals["dated_teaser"] == len(teasers)
    assert own_date in clean_text(f"{own_date}\n\n{ZH_ARTICLE}").text  # the page's own date line stays
    english = "Party congress opens in Hanoi 2024-09-18 10:00"  # a headline and its time stand apart
    assert english in clean_text(f"{english}\n\n{ARTICLE[0]}").text
    undated = clean(_raw("\n".join([ZH_ARTICLE[13:80], login, *teasers, after])), CleanOptions())
    assert undated.published is None  # a date glued to another story's headline is not the page's
