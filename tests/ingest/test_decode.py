from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partynet.ingest.decode import _controls, decode

ZH = "中共中央对外联络部部长刘建超会见越南共产党代表团，双方就加强党际交流合作交换意见。"
ZH_TRADITIONAL = "中國共產黨中央對外聯絡部部長會見越南共產黨代表團，雙方就加強黨際交流合作交換意見。"
EN_ACCENTS = (
    "Café talks in São Paulo: the “party” delegation met Señor García and the Zürich section — déjà vu."
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (ZH, "utf-8"),
        (ZH, "gb18030"),
        (ZH, "gbk"),
        (ZH_TRADITIONAL, "big5"),
        (EN_ACCENTS, "cp1252"),
    ],
)
def test_detects_encoding_from_bytes(text: str, encoding: str) -> None:
    decoded = decode(text.encode(encoding))
    assert decoded.error is None
    assert decoded.text == text


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_utf16_with_bom(bom: bytes) -> None:
    codec = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    decoded = decode(bom + ZH.encode(codec))
    assert decoded.text == ZH


def test_utf16_without_bom_is_recognised_by_its_zero_bytes() -> None:
    text = "The party congress opened in Hanoi on Monday. " * 5
    assert decode(text.encode("utf-16-le")).text == text
    assert decode(text.encode("utf-16-be")).text == text


def test_declared_charset_is_tried_before_detection() -> None:
    html = f'<html><head><meta charset="gbk"></head><body><p>{ZH}</p></body></html>'
    decoded = decode(html.encode("gbk"))
    assert decoded.text is not None
    assert ZH in decoded.text


def test_binary_input_is_refused_with_a_reason() -> None:
    png_like = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    decoded = decode(png_like)
    assert decoded.text is None
    assert decoded.error is not None
    assert "binary" in decoded.error or "undecodable" in decoded.error


def test_empty_input_is_empty_text() -> None:
    assert decode(b"").text == ""


@given(st.binary(max_size=3000))
def test_decode_never_raises(data: bytes) -> None:
    decoded = decode(data)
    assert (decoded.text is None) == (decoded.error is not None)


@given(st.text(max_size=500))
def test_utf8_text_round_trips(text: str) -> None:
    decoded = decode(text.encode("utf-8"))
    if decoded.text is not None:
        assert decoded.text == text.replace("\x00", "")


def test_a_charset_that_names_no_codec_is_ignored() -> None:
    """Found by fuzzing: a WARC header's charset with a NUL in it made codecs.lookup raise ValueError."""
    for hint in ("utf\x00-8", "x" * 200, "gbk; DROP", ""):
        decoded = decode(b"Talks in Hanoi", hint)
        assert decoded.text == "Talks in Hanoi"


@given(st.text(max_size=2000))
def test_control_characters_counted_on_utf8_bytes_are_those_of_the_text(text: str) -> None:
    """The UTF-8 path counts control bytes instead of searching the text: the two must agree."""
    data = text.encode("utf-8")[:16_384]
    sample = data.decode("utf-8", errors="ignore")
    assert _controls(sample, None)[0] == _controls("", data)[0]


def test_utf8_text_with_many_control_characters_is_binary_and_a_few_are_kept() -> None:
    noisy = ("header\x01\x02\x03\x04\x05 " * 400).encode("utf-8")
    decoded = decode(noisy)
    assert decoded.text is None
    assert decoded.error is not None
    assert "control characters" in decoded.error
    assert decode(f"{ZH}\x07 bell and a form feed\x0c".encode()).text is not None
