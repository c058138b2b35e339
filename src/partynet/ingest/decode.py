"""Bytes to text: detect the encoding from the bytes themselves, refuse binary input with a reason."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from resiliparse.parse.encoding import detect_encoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CODEC_NAME = re.compile(r"[A-Za-z0-9_.:\-]{1,40}")
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""")
# C0 controls other than tab, newline, carriage return and form feed: text never holds many of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_SNIFF = 65_536
MAX_CONTROL_SHARE = 0.01
MAX_REPLACEMENT_SHARE = 0.02
_DETECT = "detect"
_CHECK = 16_384  # characters checked for binary content: binary shows in its first pages


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str | None
    encoding: str | None
    error: str | None = None


def decode(data: bytes, hint: str | None = None) -> Decoded:
    """Decode bytes whose encoding is unknown: BOM, UTF-16 shape, strict UTF-8, declared, detected."""
    if not data:
        return Decoded("", "utf-8")
    if hint is not None and not _CODEC_NAME.fullmatch(hint):
        hint = None  # a header's charset is the sender's word: one that names no codec is ignored
    for candidate in _candidates(data, hint):
        encoding = _widen(detect_encoding(data[:_SNIFF]) or "cp1252") if candidate == _DETECT else candidate
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError, ValueError):
            continue
        return _checked(text, encoding, data if encoding == "utf-8" else None)
    detected = detect_encoding(data[:_SNIFF]) or "cp1252"
    text = data.decode(detected, errors="replace")
    return _checked(text, detected)


def _candidates(data: bytes, hint: str | None) -> list[str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return [encoding]
    utf16 = _utf16_without_bom(data)
    if utf16:
        return [utf16]
    candidates = ["utf-8"]
    declared = hint or _declared(data[:4096])
    if declared and _normal(declared) not in {"utf-8", "utf8"}:
        candidates.append(_widen(declared))
    if not _is_binary_shape(data):
        candidates.append(_DETECT)  # detected only if the ones before fail: detection costs a pass
    return candidates


def _declared(head: bytes) -> str | None:
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _normal(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):  # ValueError: a name with a NUL in it
        return name.lower()


def _widen(name: str) -> str:
    """Decode with the superset a page most likely means: GBK and GB2312 are GB18030, Latin-1 is cp1252."""
    normal = _normal(name)
    return {
        "gbk": "gb18030",
        "gb2312": "gb18030",
        "latin-1": "cp1252",
        "iso8859-1": "cp1252",
        "big5": "big5hkscs",
    }.get(normal, normal)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text with no BOM shows zero bytes at every other position."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _is_binary_shape(data: bytes) -> bool:
    sample = data[:_SNIFF]
    return sample.count(0) > max(1, len(sample) // 1000)


def _checked(text: str, encoding: str, utf8: bytes | None = None) -> Decoded:
    """The text, or why it is not text. `utf8`: the bytes it was decoded from as UTF-8, whose control
    characters are its control bytes (no multi-byte sequence holds a byte below 0x80): counted there
    by bytes.translate, which runs at memory speed, where a regex over the text steps through it."""
    if not text:
        return Decoded(text, encoding)
    sample = text[:_CHECK]
    controls, checked = _controls(sample, utf8)
    if controls > max(2, checked * MAX_CONTROL_SHARE):
        return Decoded(
            None, encoding, f"binary content: {controls} control characters in the first {checked}"
        )
    replaced = sample.count("\ufffd")
    if replaced > max(2, len(sample) * MAX_REPLACEMENT_SHARE):
        return Decoded(None, encoding, f"undecodable: {replaced} invalid byte sequences as {encoding}")
    return Decoded(text.replace("\x00", "") if "\x00" in text else text, encoding)


def _controls(sample: str, utf8: bytes | None) -> tuple[int, int]:
    """Control characters at the start of the text, and how many characters were looked at."""
    if utf8 is None:
        return (len(_CONTROL.findall(sample)) if _CONTROL.search(sample) else 0), len(sample)
    raw = utf8[:_CHECK]
    return len(raw) - len(raw.translate(None, _CONTROL_BYTES)), len(raw)
