"""MHTML: a web page saved whole by a browser ("Webpage, Single File" in Chrome and Edge, `.mhtml`).

The file is a MIME message (RFC 2557): the page's HTML, quoted-printable or base64, then its style
sheets, images and frames as further parts. The document is the first HTML part, decoded, with the
address it was saved from; the other parts are what the page showed around it. The date in the
message's header is when the page was saved, not when it was published, and is not read.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from email.message import Message

from partynet.domain import RawDocument, SourceFormat
from partynet.ingest.html import web_address


def mhtml_records(data: bytes, source: str, key: str) -> Iterator[RawDocument]:
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    page = next((part for part in message.walk() if part.get_content_type() == "text/html"), None)
    body = page.get_payload(decode=True) if page is not None else None
    if page is None or not isinstance(body, bytes) or not body.strip():
        reason = "MHTML file without an HTML part" if page is None else "MHTML file with an empty HTML part"
        yield RawDocument.unreadable(source, key, "", SourceFormat.MHTML, reason)
        return
    url = _address(page) or _address(message, "Snapshot-Content-Location")
    yield RawDocument(
        source,
        key,
        "",
        SourceFormat.MHTML,
        is_html=True,
        data=body,
        url=url,
        charset_hint=page.get_content_charset(),
    )


def _address(part: Message, header: str = "Content-Location") -> str | None:
    value = part.get(header)
    return web_address(str(value).strip()) if value else None
