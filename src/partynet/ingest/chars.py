"""Character classes every text stage shares, defined once."""

from __future__ import annotations

import re

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs: extension A, unified, compatibility
HAN = re.compile(f"[{HAN_RANGES}]")
ASCII_LETTER = re.compile("[A-Za-z]")
# Zero-width characters, the word joiner, the BOM and the soft hyphen: invisible, and noise in any comparison.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
