from __future__ import annotations

from partynet.ingest.blocks import keep_main_blocks, parse_minimal_html

ARTICLE = (
    "<h1>Talks in Hanoi</h1>\n\n"
    "<p>The two parties held talks in Hanoi on Monday and agreed to exchange delegations of young cadres.</p>\n\n"
    "<p>Both sides also discussed cooperation between their party schools and think tanks next year.</p>\n\n"
)


def test_link_teasers_are_removed_and_counted() -> None:
    markup = ARTICLE + '<p>Read more: <a href="/x">Markets rally as the harvest comes in early</a></p>\n'
    kept = keep_main_blocks(parse_minimal_html(markup))
    assert "Markets rally" not in kept.text
    assert "held talks in Hanoi" in kept.text
    assert kept.removals == {"link_dense": 1}
    assert kept.removed_chars == len("Read more: Markets rally as the harvest comes in early")


def test_loose_short_lines_go_only_from_pages_built_of_paragraphs() -> None:
    prompt = "Share this story with friends"
    kept = keep_main_blocks(parse_minimal_html(ARTICLE + prompt + "\n"))
    assert prompt not in kept.text
    assert kept.removals == {"outside_paragraphs": 1}
    div_soup = "The two parties held talks in Hanoi on Monday.\n" + prompt + "\n"
    assert prompt in keep_main_blocks(parse_minimal_html(div_soup)).text


def test_entities_are_decoded_and_breaks_split_lines() -> None:
    blocks = parse_minimal_html("<p>Fish &amp; chips<br>second line</p>")
    assert [b.text for b in blocks if b] == ["Fish & chips", "second line"]


def test_headings_left_with_no_text_under_them_go() -> None:
    teasers = (
        "<h2>More from the region</h2>\n\n"
        '<p><a href="/a">Floods close the port of Da Nang for two days</a></p>\n\n'
        "<h3>Opinion</h3>\n\n<h3>Markets</h3>\n\n"
    )
    kept = keep_main_blocks(parse_minimal_html(ARTICLE + teasers))
    for heading in ("More from the region", "Opinion", "Markets"):
        assert heading not in kept.text
    assert kept.text.startswith("Talks in Hanoi")  # the article's own heading has text under it
    assert kept.removals == {"link_dense": 1, "empty_heading": 3}


def test_a_section_heading_stays_when_a_subsection_keeps_text() -> None:
    markup = (
        "<h2>Outcomes</h2>\n\n<h3>Cadre training</h3>\n\n"
        "<p>The parties will train two hundred cadres together over the next three years.</p>\n\n"
    )
    kept = keep_main_blocks(parse_minimal_html(markup))
    assert "Outcomes" in kept.text
    assert "Cadre training" in kept.text
