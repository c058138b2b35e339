"""Write the seed inputs of the readers' fuzz corpus (fuzz/corpus/readers): one small input of each
kind of dirt the web serves, in each route of fuzz/readers.py (the first byte picks the route).

    python fuzz/seeds.py fuzz/corpus/readers
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import json
import lzma
import quopri
import sys
import zipfile
from pathlib import Path

from fastwarc.stream_io import Lz4Writer

# fuzz/readers.py: None, then SourceFormat in order (new formats are added last: saved inputs keep their route)
FILE, TEXT, HTML, JSONL, FEED, WARC, ARC, ZIP, MHTML, JSON = range(10)

ARTICLE = (
    "The Communist Party of Vietnam and the Cambodian People's Party held talks in Hanoi on Tuesday.\n\n"
    "Both sides agreed to deepen exchanges between their youth wings.\n"
)
ZH = "中共中央对外联络部部长6月26日在北京会见越南共产党代表团。双方就加强两党交流合作交换意见。\n"


def warc_record(
    uri: str,
    payload: bytes,
    kind: str = "response",
    content_type: str = "text/html",
    headers: str = "200 OK\r\n",
) -> bytes:
    """A WARC record; `headers`: the HTTP status and any header lines after Content-Type."""
    status, _, more = headers.partition("\r\n")
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{more}\r\n".encode() + payload
    body = http if kind == "response" else payload
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-06-27T08:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{hashlib.md5(uri.encode()).hexdigest()}>\r\n"
        f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    return head + body + b"\r\n\r\n"


def page(body: str, charset: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>Party talks</title></head><body>'
        f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article>{body}</article>"
        "<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"
    )


def seeds() -> dict[str, bytes]:
    html = page("".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")))
    records = [
        warc_record("http://example.org/a", html.encode()),
        warc_record(
            "http://example.org/b", page(ZH, "gbk").encode("gbk"), content_type="text/html; charset=gbk"
        ),
        warc_record("http://example.org/c", b"\x89PNG\r\n\x1a\n\0\0", content_type="image/png"),
        warc_record("http://example.org/r", b"GET / HTTP/1.1\r\n\r\n", kind="request"),
    ]
    warc = b"".join(records)
    # as crawlers store what came over the wire: chunked, compressed, redirects
    zipped = gzip.compress(html.encode())
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(zipped), zipped)
    wire = [
        warc_record(
            "http://example.org/z",
            chunked,
            headers="200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
        ),
        warc_record("http://example.org/d", zipped[:40], headers="200 OK\r\nContent-Encoding: deflate\r\n"),
        warc_record("http://example.org/m", b"<p>Moved</p>", headers="301 Moved Permanently\r\n"),
    ]
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>'
        f"<item><title>Talks</title><link>http://example.org/1</link><pubDate>Thu, 27 Jun 2024 08:00:00 +0800"
        f"</pubDate><description><![CDATA[{html}]]></description></item></channel></rss>"
    )
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        f"<entry><title>会见</title><updated>2024-06-27T00:00:00Z</updated><content>{ZH}</content></entry></feed>"
    )
    headlines = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>List</title><item><title>CPV &amp; CPC '
        "&lt;b&gt;leaders&lt;/b&gt; meet</title><link>http://example.org/h</link></item><item></item></channel></rss>"
    )
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><rss><channel><item><title>&lol3;</title></item></channel></rss>'
    )
    # a site crawl: pages and feeds among the files that are not documents
    crawl = b"".join(
        [
            warc_record("http://example.org/s.css", b"p { margin: 0 }", content_type="text/css"),
            warc_record("http://example.org/robots.txt", b"User-agent: *\n", content_type="text/plain"),
            warc_record("http://example.org/feed", rss.encode(), content_type="application/rss+xml"),
            warc_record("http://example.org/x", html.encode(), content_type="application/xml"),
            warc_record("http://[example.org/", html.encode(), content_type="application/octet-stream"),
        ]
    )
    jsonl = "\n".join(
        [
            json.dumps({"id": "a", "url": "http://example.org/a", "date": "2024-06-27", "text": ARTICLE}),
            json.dumps({"id": "b", "html": html, "lang": "en"}, ensure_ascii=False),
            json.dumps({"id": "c", "text": ZH}, ensure_ascii=False),
            '{"id": "d", "text": ',
            "[1, 2, 3]",
            json.dumps({"id": 5, "text": None, "date": 20240627}),
        ]
    )
    rows = [json.loads(line) for line in jsonl.split("\n")[:3]]
    json_export = json.dumps([*rows, 7, {"title": "no text"}], indent=1, ensure_ascii=False)
    spam = (
        ARTICLE + "\n" + " ".join(f"best {w} cheap online" for w in "watch bag shoe loan".split()) + "\n" * 3
    )
    nested = "<div>" * 400 + "<p>" + ARTICLE + "</p>" + "</div>" * 400
    # an ARC file (version 1): its version block, then a page, a gzipped page, an image, a DNS lookup
    arc = _arc(
        [
            (
                "http://example.org/a",
                "text/html",
                b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + html.encode(),
            ),
            (
                "http://example.org/z",
                "text/html",
                b"HTTP/1.0 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + zipped,
            ),
            (
                "http://example.org/c.png",
                "image/png",
                b"HTTP/1.0 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
            ),
            ("dns:example.org", "text/dns", b"20080101000000\nexample.org. 300 IN A 192.0.2.1\n"),
        ]
    )
    # a zip is read as a directory is: members of every kind, and an image it only counts
    bundle = _zipped(
        {"a.html": html, "b.txt": ARTICLE, "c.jsonl": jsonl, "d.warc": warc, "e.png": b"\x89PNG"}
    )
    return {
        "file-html": bytes([FILE]) + html.encode(),
        "file-gzip-text": bytes([FILE]) + gzip.compress(ARTICLE.encode()),
        "file-gzip-bomb": bytes([FILE]) + gzip.compress(b"\0" * 300_000),
        "file-gzip-truncated": bytes([FILE]) + gzip.compress(ARTICLE.encode() * 20)[:60],
        "file-warc-gz": bytes([FILE]) + b"".join(gzip.compress(r) for r in records),
        "file-warc-gz-truncated": bytes([FILE]) + b"".join(gzip.compress(r) for r in records)[:300],
        "file-utf16": bytes([FILE]) + ARTICLE.encode("utf-16"),
        "file-gb18030": bytes([FILE]) + ZH.encode("gb18030"),
        "file-big5": bytes([FILE]) + "中國國民黨代表團訪問北京。兩黨舉行會談。".encode("big5"),
        "file-cp1252": bytes([FILE]) + "Partido Socialista Obrero Español – diálogo".encode("cp1252"),
        "file-binary": bytes([FILE]) + bytes(range(256)) * 4,
        "file-jsonl": bytes([FILE]) + jsonl.encode(),
        "file-rss": bytes([FILE]) + rss.encode(),
        "text-spam": bytes([TEXT]) + spam.encode(),
        "text-zero-bytes": bytes([TEXT]) + ARTICLE.encode().replace(b" ", b"\0"),
        "text-doubled": bytes([TEXT]) + (ARTICLE * 3).encode(),
        "text-invalid-utf8": bytes([TEXT]) + ARTICLE.encode()[:50] + b"\xff\xfe\xc3\x28" + ZH.encode()[:20],
        "html-nested": bytes([HTML]) + nested.encode(),
        "html-broken": bytes([HTML]) + b"<html><body><p>Talks<div><table><tr><td>Hanoi<script>var a='</p>",
        "html-gbk": bytes([HTML]) + page(ZH, "gbk").encode("gbk"),
        "html-comments": bytes([HTML]) + b"<!-- <p>hidden</p> --><p>" + ARTICLE.encode() + b"<![CDATA[x]]>",
        "jsonl-mixed": bytes([JSONL]) + jsonl.encode(),
        "file-jsonl-gz-separators": bytes([FILE])
        + gzip.compress((jsonl + "\n" + json.dumps({"text": "a\u2028b\x85c"}, ensure_ascii=False)).encode()),
        "file-jsonl-utf16": bytes([FILE]) + jsonl.encode("utf-16"),
        "file-jsonl-xz": bytes([FILE]) + lzma.compress(jsonl.encode()),
        "file-warc-bz2": bytes([FILE]) + bz2.compress(warc),
        "file-html-bz2-truncated": bytes([FILE]) + bz2.compress(html.encode() * 50)[:200],
        "feed-rss": bytes([FEED]) + rss.encode(),
        "feed-atom": bytes([FEED]) + atom.encode(),
        "feed-entities": bytes([FEED]) + laughs.encode(),
        "feed-headlines": bytes([FEED]) + headlines.encode(),
        "feed-malformed": bytes([FEED]) + rss.encode()[: len(rss) // 2],
        "warc-plain": bytes([WARC]) + warc,
        "warc-truncated": bytes([WARC]) + warc[:700],
        "warc-wire-encodings": bytes([WARC]) + b"".join(wire),
        "warc-bad-length": bytes([WARC]) + warc.replace(b"Content-Length: ", b"Content-Length: 9", 1),
        "warc-crawl": bytes([WARC]) + crawl,
        "warc-short-length": bytes([WARC]) + _shortened(records[0], 3) + b"".join(records[1:]),
        "file-warc-gz-whole": bytes([FILE]) + gzip.compress(warc, mtime=0),
        "file-warc-lz4-whole": bytes([FILE]) + _lz4(warc),
        "file-warc-lz4-truncated": bytes([FILE]) + b"".join(_lz4(r) for r in records)[:500],
        "file-jsonl-lz4": bytes([FILE]) + _lz4(jsonl.encode()),
        "file-arc": bytes([FILE]) + b"filedesc://crawl.arc 0.0.0.0 20080101000000 text/plain 0\n\n",
        "arc-crawl": bytes([ARC]) + b"".join(arc),
        "file-arc-gz-per-record": bytes([FILE]) + b"".join(gzip.compress(block, mtime=0) for block in arc),
        "file-zip": bytes([FILE]) + bundle,
        "mhtml-saved-page": bytes([MHTML]) + _saved_page(html),
        "file-mhtml-gbk": bytes([FILE]) + _saved_page(page(ZH, "gbk"), "gbk"),
        "zip-wacz": bytes([ZIP])
        + _zipped({"datapackage.json": "{}", "archive/a.warc.gz": gzip.compress(crawl)}),
        "zip-nested-stored": bytes([ZIP]) + _zipped({"inner.zip": bundle, "b.xml": rss}, zipfile.ZIP_STORED),
        "file-json-article": bytes([FILE]) + json.dumps(json.loads(jsonl.split("\n")[0]), indent=2).encode(),
        "file-json-export-gz": bytes([FILE]) + gzip.compress(json_export.encode(), mtime=0),
        "json-api-response": bytes([JSON]) + json.dumps({"status": "ok", "articles": rows}).encode(),
        "json-export-cut": bytes([JSON]) + json_export.encode()[:-30],
        "json-data": bytes([JSON]) + b'{"name": "partynet", "pages": [{"url": "http://example.org/a"}]}',
    }


def _saved_page(html: str, charset: str = "utf-8") -> bytes:
    """A page as a browser saves it whole (MHTML): quoted-printable, beside an image."""
    quoted = quopri.encodestring(html.encode(charset)).replace(b"\n", b"\r\n")
    return (
        b'From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/html; charset=%s\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        b"Content-Location: http://example.org/a\r\n\r\n%s\r\n"
        b"--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n"
    ) % (charset.encode(), quoted)


def _shortened(record: bytes, by: int) -> bytes:
    """A WARC record whose Content-Length says it is `by` bytes shorter than it is."""
    head, _, rest = record.partition(b"Content-Length: ")
    length, _, tail = rest.partition(b"\r\n")
    return head + b"Content-Length: %d\r\n" % (int(length) - by) + tail


def _arc(records: list[tuple[str, str, bytes]]) -> list[bytes]:
    version = b"1 0 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n"
    blocks = [b"filedesc://crawl.arc 0.0.0.0 20080101000000 text/plain %d\n%s\n" % (len(version), version)]
    for url, content_type, body in records:
        blocks.append(f"{url} 192.0.2.1 20080101000000 {content_type} {len(body)}\n".encode() + body + b"\n")
    return blocks


def _zipped(members: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, compress_type=compression)
    return out.getvalue()


def _lz4(data: bytes) -> bytes:
    out = io.BytesIO()
    writer = Lz4Writer(out, fsspec_args=False)
    writer.write(data)
    writer.close()
    return out.getvalue()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "fuzz/corpus/readers")
    out.mkdir(parents=True, exist_ok=True)
    for name, data in seeds().items():
        (out / f"seed-{name}").write_bytes(data)
    print(f"{len(seeds())} seeds in {out}")


if __name__ == "__main__":
    main()
