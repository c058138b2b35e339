from __future__ import annotations

import base64
import quopri
from pathlib import Path

import pytest

from partynet.domain import SourceFormat, Status
from partynet.ingest.clean import CleanOptions, clean
from partynet.ingest.formats import sniff
from partynet.ingest.readers import Input, ReadOptions, discover, read_file
from tests.conftest import write
from tests.fixtures import HTML_PAGE

MIME_HEAD = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
BOUNDARY = "----MultipartBoundary--Zq8jxR1Z4b0sd1qPsT5LU2xGiEhlIv0QKKvsdtkTHo----"


def saved_page(html: str, url: str = "https://news.example/laos", *, charset: str = "") -> bytes:
    """A page as Chrome saves it ("Webpage, Single File"): MIME headers, the page quoted-printable,
    then a style sheet, an image and a frame of its own."""
    declared = f"; charset={charset}" if charset else ""
    page = quopri.encodestring(html.encode(charset or "utf-8")).decode("ascii").replace("\n", "\r\n")
    image = base64.b64encode(b"PNG").decode()
    parts = [
        (f"text/html{declared}", "quoted-printable", url, page),
        ("text/css", "quoted-printable", "https://news.example/site.css", "body { margin: 0; }"),
        ("image/png", "base64", "https://news.example/logo.png", image),
        ("text/html", "quoted-printable", "https://ads.example/frame", "<p>Advertisement</p>"),
    ]
    head = (
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {url}\r\n"
        "Subject: =?utf-8?Q?CPC_delegation_visits_Laos?=\r\n"
        "Date: Tue, 5 Mar 2024 09:12:40 +0800\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{BOUNDARY}"\r\n\r\n\r\n'
    )
    body = "".join(
        f"--{BOUNDARY}\r\nContent-Type: {kind}\r\nContent-Transfer-Encoding: {encoding}\r\n"
        f"Content-Location: {location}\r\n\r\n{content}\r\n"
        for kind, encoding, location, content in parts
    )
    return (head + body + f"--{BOUNDARY}--\r\n").encode("ascii")


def test_a_saved_page_is_read_as_its_page_with_the_address_it_was_saved_from(tmp_path: Path) -> None:
    data = saved_page(HTML_PAGE)
    assert sniff(data) is SourceFormat.MHTML
    write(tmp_path / "in" / "laos.mhtml", data)
    (item,) = discover([tmp_path / "in"]).inputs
    (raw,) = read_file(item, ReadOptions())
    assert (raw.source_format, raw.is_html, raw.url, raw.error) == (
        SourceFormat.MHTML, True, "https://news.example/laos", None,
    )  # fmt: skip
    # quoted-printable undone, soft line breaks joined (line ends are CRLF in a MIME message)
    assert raw.data is not None
    assert raw.data.replace(b"\r\n", b"\n") == HTML_PAGE.encode()
    doc = clean(raw, CleanOptions())
    assert doc.status is Status.KEPT
    assert doc.title is not None
    assert "Laos" in doc.title
    assert "Advertisement" not in doc.text  # a frame of the page is not the page


@pytest.mark.parametrize("charset", ["gbk", ""])
def test_a_saved_chinese_page_keeps_its_characters(tmp_path: Path, charset: str) -> None:
    html = (
        '<html><head><meta charset="gbk"><title>中越两党会谈</title></head><body><article>'
        + (
            "<p>中共中央对外联络部部长6月26日在北京会见越南共产党代表团。双方就加强两党交流合作交换意见。</p>"
            * 3
        )
        + "</article></body></html>"
    )
    # declared in the part's header, or saved as UTF-8 and declared in the page
    data = saved_page(html, charset=charset) if charset else saved_page(html.replace("gbk", "utf-8"))
    (raw,) = read_file(Input(write(tmp_path / "page.mht", data), "page.mht"), ReadOptions())
    doc = clean(raw, CleanOptions())
    assert "越南共产党代表团" in doc.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (MIME_HEAD + b"Content-Type: image/png\r\n\r\nPNG\r\n--b--\r\n", "MHTML file without an HTML part"),
        (MIME_HEAD + b"Content-Type: text/html\r\n\r\n\r\n--b--\r\n", "MHTML file with an empty HTML part"),
    ],
)
def test_a_saved_page_without_its_page_is_unreadable_with_the_reason(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    (raw,) = read_file(Input(write(tmp_path / "x.mhtml", data), "x.mhtml"), ReadOptions())
    assert raw.error == reason


def test_a_page_that_quotes_mime_headers_in_its_text_is_still_a_page() -> None:
    text = b"<html><body><p>MIME-Version: 1.0 and multipart/related are e-mail terms.</p></body></html>"
    assert sniff(text) is SourceFormat.HTML
