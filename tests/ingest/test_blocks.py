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
