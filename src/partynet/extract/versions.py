"""Named extractor versions: every stored record says which one made it, so a re-run after a change
replaces exactly what the old version wrote (and never what an analyst edited)."""

from __future__ import annotations

# name -> what changed; the newest is last and is the one `partynet extract` runs
EXTRACTORS: dict[str, str] = {
    "rules-2026.11.1": "first rules: sentence triggers (en, zh), registry-linked participants, dates, claims",
    "rules-2026.11.2": "date ranges, announced and year dates; people named again; medals, visits abroad, "
    "pronoun subjects, named forums; mechanism mentions; claims with subject and as-of date",
    "rules-2026.12.1": "dates: a dated sentence beats the report's date, 'the same day', 今（4）日, messages "
    "not dated after their report, a dropped gathering dates the forum before it; a forum named as the "
    "next event is not the sentence's",
    "rules-2026.12.2": "dates: years from a party's anniversaries and congresses, 去年 and 今年 with a "
    "month, a gathering dated by its close starts on its first day, a paragraph about a gathering keeps its "
    "days; a party's last name word alone after its full name; a Chinese message's sender before its verb; "
    "talks that may happen are no meeting; a gathering takes its clause's date; 国共 names two parties",
    "rules-2026.12.3": "counterparts met separately (分别同, 'met respectively with') give one meeting each; "
    "a visit whose meeting a later sentence tells is a meeting; offices of a state named with their country "
    "are its government",
    "rules-2026.12.4": "an encyclopedia's references after a full stop end the sentence; forums' short names "
    "('IMCWP') found as written; a named forum hosted by a party is that gathering; a sentence dated in "
    "another year than the last gathering adds no participants to it; 'the two parties' (两党, 双方) who "
    "sign or issue are the two of the exchange before",
}
CURRENT = next(reversed(EXTRACTORS))
