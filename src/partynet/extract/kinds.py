"""What kind of exchange a sentence reports, from the words that report it. Rules as data: each kind
has its English and Chinese triggers; the first kind in KINDS whose trigger a sentence holds wins, so
the more specific kinds (a phone call, a letter) come before the general ones (a meeting)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from partynet.extract.model import Kind
from partynet.gate import CueFilter, gated
from partynet.ingest.chars import ASCII_LETTER, HAN


@dataclass(frozen=True, slots=True)
class Trigger:
    kind: Kind
    english: re.Pattern[str]
    chinese: re.Pattern[str]


def _en(*phrases: str) -> re.Pattern[str]:
    """English triggers, written and searched in lower case: a third faster than ignoring case."""
    return gated(re.compile(rf"\b(?:{'|'.join(phrases)})"))


def _zh(*words: str) -> re.Pattern[str]:
    return re.compile("|".join(words))


# Words of gatherings, and the words that only say who was at one ("attended", 出席): kept apart so that
# a sentence of the second kind after a named gathering can be told to list its participants.
_GATHERING_EN = (
    "conference",
    "forum",
    "seminar",
    "workshop",
    "dialogue",
    "summit",
    "symposium",
    "congress of",
    "party congress",
    "general assembly",
    "international meeting",
    "high-level meeting",
    r"(?:council|committee|working group) meeting",
)
_ATTENDANCE_EN = (
    r"attend(?:ed|ing|s)?\b",
    "participated in",
    "took part in",
    r"participants\b",
    r"(?:leaders|delegates|delegations|representatives|parties) (?:[\w-]+ ){0,3}?gathered\b",
)
_GATHERING_ZH = (
    *"对话会 對話會 论坛 論壇 峰会 峰會 研讨会 研討會 大会(?!堂) 大會(?!堂)".split(),
    *"代表大会 代表大會 年会 年會 会议 會議".split(),
)
_ATTENDANCE_ZH = tuple("出席 参加 參加".split())
# Words that can only report a meeting; phrases that report one too but also name other events ("held
# its Council meeting", 座谈会); and words of hosting: "hosted by the MPLA" beside a gathering hosts it.
_MEETING_EN = (
    r"met\b",
    r"meets?\b",
    "meeting with",
    "held talks",
    "talks with",
    "hold talks",
    "received",
    "receives",
    "receiving",
    "courtesy call",
    "paid a call",
    "called on",
    "sat down with",
    "exchanged views",
)
_MEETING_PHRASES_EN = (
    r"(?:held|holds|hold|had) (?:a |an )?(?:\w+ ){0,2}(?:talks|session|meeting)\b",
    r"invited [^.;]{0,120}? for (?:tea|talks|dinner|lunch|breakfast|a banquet)\b",
    (
        r"welcomed (?:the |a |an )?(?:visiting )?(?:[\w-]+ ){0,4}"
        r"(?:delegation|leader|guests?|deputy|chairman|president|secretary)"
    ),
    r"reception (?:for|in honou?r of)",
    r"(?:hosted|gave|held) (?:a |an )?(?:\w+ )?(?:banquet|dinner|luncheon) (?:for|in honou?r of)",
)
_HOSTING_EN = ("hosted", "hosts")
_MEETING_ZH = tuple("会见 會見 会晤 會晤 会谈 會談 接见 接見 见面 見面 会面 會面 拜会 拜會".split())
_MEETING_PHRASES_ZH = tuple("座谈 座談 举行会谈 交流 茶叙 茶敘 宴请 宴請".split())

_MESSAGE_ZH = (
    *"贺电 賀電 贺信 賀信 致信 致函 复信 覆信 回信 唁电 唁電 慰问电 慰問電 贺函 致电".split(),
    *"复电 復電 回电 回電".split(),
)

KINDS: tuple[Trigger, ...] = (
    Trigger(
        Kind.CALL,
        _en(
            r"(?:tele)?phone (?:call|talks|conversation)",
            r"(?:talked|talks|spoke) (?:by|over the|on the) (?:tele)?phone",
            r"\b(?:over|on) the (?:tele)?phone\b",  # "discussed ... over the phone"
            r"video (?:call|talks?|conference|meeting|link)",
            r"virtual (?:meeting|talks?)",
            r"online (?:talks?|meeting)",
            r"held (?:talks|a meeting) (?:online|virtually|via video)",
            r"met virtually",
        ),
        _zh(
            *"通电话 通話 通话 视频会晤 視頻會晤 视频会见 視頻會見".split(),
            *"视频通话 视频会谈 视频交流 視頻交流 视频方式".split(),
            *"線上會談 线上会谈 云会见".split(),
        ),
    ),
    Trigger(
        Kind.MESSAGE,
        _en(
            r"congratulat\w*",
            # a video message is addressed to a gathering: its senders take part in it
            r"(?<!video )message",
            "letter",
            "greetings",
            r"condolence\w*",
            "cable",
            r"sent (?:a|his|her) (?:note|message)",
        ),
        _zh(*_MESSAGE_ZH),
    ),
    Trigger(
        Kind.AGREEMENT,
        # the signing, not the agreement: "implementing the MoU", "proposed to sign an agreement" and
        # "the agreement signed in 2017" report no signing of their own
        _en(
            r"(?:signed|inked) (?:[\w-]+ ){0,4}(?:agreements?|memorand(?:um|a)|mous?|documents?|deals?|"
            r"declarations?|accords?|plans?|protocols?|treaty|letters? of intent)\b",
            r"signing (?:of|ceremony)",
        ),
        _zh(*"签署 簽署 签订 簽訂 签约 簽約".split()),
    ),
    Trigger(
        Kind.BRIEFING,
        _en(
            r"(?:thematic )?briefing",
            r"training (?:course|program|session)",
            r"study (?:tour|session)",
            "lecture",
        ),
        _zh(*"宣介会 宣介會 通报会 通報會 宣讲 宣講 专题会 研修班 研讨班 培训班 考察团 宣介".split()),
    ),
    Trigger(
        Kind.CONFERENCE,
        _en(*_GATHERING_EN, *_ATTENDANCE_EN),
        _zh(*_GATHERING_ZH, *_ATTENDANCE_ZH),
    ),
    Trigger(
        Kind.MEETING,
        _en(*_MEETING_EN, *_MEETING_PHRASES_EN, *_HOSTING_EN),
        _zh(*_MEETING_ZH, *_MEETING_PHRASES_ZH),
    ),
    Trigger(
        Kind.VISIT,
        _en(r"visit\w*", r"arriv\w*", "delegation", "toured", r"paid a (?:working|official|friendly) visit"),
        _zh(*"访问 訪問 访华 訪華 来访 來訪 抵达 抵達 率团 率團 代表团 代表團 考察".split()),
    ),
    # honours and ceremonies between parties: a medal or an order conferred on a party's leader
    Trigger(
        Kind.OTHER,
        _en(
            r"(?:conferred|bestowed|awarded|presented) (?:the |an? )?[^.;]{0,60}?"
            r"(?:medal|order|decoration)\b",
            r"(?:conferred|bestowed) [^.;]{0,60}? on\b",
        ),
        _zh(*"授予 颁授 頒授 勋章 勳章".split()),
    ),
)


PAIR = 2


# Pattern 2i is the English trigger of KINDS[i], 2i + 1 its Chinese one. English triggers are searched
# on the sentence in lower case, Chinese ones as written; lower case leaves Han characters as they are,
# so one scan of the lowered sentence finds the cues of both.
_TRIGGER_CUES = CueFilter([p for t in KINDS for p in (t.english, t.chinese)])


def kinds_in(sentence: str) -> list[Kind]:
    """Every kind the sentence has a trigger of, in the order of KINDS. Only the triggers whose cues
    the sentence has are searched for, and of those only the ones of a script it has letters of."""
    lowered = sentence.lower()
    possible = _TRIGGER_CUES.possible(lowered)
    if not possible:
        return []  # most sentences report no exchange, and have no cue of any
    english = ASCII_LETTER.search(sentence) is not None
    chinese = not sentence.isascii() and HAN.search(sentence) is not None
    kinds = [
        t.kind
        for i, t in enumerate(KINDS)
        if (english and 2 * i in possible and t.english.search(lowered))
        or (chinese and 2 * i + 1 in possible and t.chinese.search(sentence))
    ]
    if (
        Kind.MESSAGE in kinds
        and not _names(_LETTER, sentence)
        and (_names(_CONVEYED, sentence) or (Kind.MEETING in kinds and _names(_MEETING_WORDS, sentence)))
    ):
        # greetings conveyed in person, or a "message" given when the two met, are said at a meeting
        kinds.remove(Kind.MESSAGE)
    if Kind.MEETING in kinds and _names(_MAYBE_MEETING, sentence):
        kinds.remove(Kind.MEETING)  # "届时可与汪洋会谈", "may meet": talks that may happen are none yet
    return kinds


def kind_of(sentence: str, counterparts: int = PAIR, kinds: list[Kind] | None = None) -> Kind | None:
    """The kind of exchange the sentence reports, or None when it reports no exchange. Two counterparts
    who meet at a forum or a seminar had a meeting; a gathering of more is the forum itself. `kinds`:
    the sentence's kinds_in, when the caller has them already."""
    kinds = kinds_in(sentence) if kinds is None else kinds
    if not kinds:
        return None
    if (
        Kind.MEETING in kinds
        and (counterparts <= PAIR + 1 or _names(_SEPARATELY, sentence))
        and kinds[0] in (Kind.CONFERENCE, Kind.BRIEFING)
        and not only_hosting(sentence)
    ):
        return Kind.MEETING
    return kinds[0]


_MEETING_WORDS = (_en(*_MEETING_EN), _zh(*_MEETING_ZH))
# Greetings passed on by a visitor ("conveyed warm greetings from X to Y", 转达…的问候)
_CONVEYED = (
    _en(r"(?:conveyed|conveys|conveying|relayed|passed on) (?:[\w’'-]+ ){0,4}(?:greetings|regards|wishes)"),
    _zh("转达", "轉達"),
)
# words of a message that can only be written and sent
_LETTER = (
    _en("letter", "cable", "telegram", "congratulatory message", r"message of (?:congratulation|condolence)"),
    _zh(*_MESSAGE_ZH),
)
# "met respectively with A, B and C", "分别同A、B交流": one meeting with each, however many they are
_SEPARATELY = (
    _en(
        r"(?:met|talks|talked|meetings) (?:respectively|separately)\b"
        r"|(?:respectively|separately) (?:met|held talks|talked)\b"
    ),
    _zh("分[别別][同与與和会會]"),
)
_HOSTING = (_en(*_HOSTING_EN), _zh("主办", "主辦", "承办", "承辦"))
# a meeting said to be possible only
_MAYBE_MEETING = (
    _en(r"\b(?:may|might|could|possibly)\s+(?:also\s+)?(?:meet|hold talks)\b"),
    _zh("(?:可|可能|或将|或將|有望)(?:与|與|同|和)[^，。,；;]{0,20}?(?:会谈|會談|会见|會見|会晤|會晤)"),
)
_ATTENDANCE = (_en(*_ATTENDANCE_EN), _zh(*_ATTENDANCE_ZH))
_GATHERING = (_en(*_GATHERING_EN), _zh(*_GATHERING_ZH))


def separately_at(sentence: str) -> int | None:
    """Where the sentence says its subject met each counterpart on their own ("met separately with",
    分别同), or None."""
    return _first(_SEPARATELY, sentence)


def _names(patterns: tuple[re.Pattern[str], re.Pattern[str]], sentence: str) -> bool:
    english, chinese = patterns
    return english.search(sentence.lower()) is not None or chinese.search(sentence) is not None


def only_hosting(sentence: str) -> bool:
    """Whether the sentence's meeting trigger is only a word of hosting."""
    return _names(_HOSTING, sentence) and not _names(_MEETING_WORDS, sentence)


def gathering_word(sentence: str) -> int | None:
    """Where the sentence first names a gathering ("forum", 论坛), or None."""
    return _first(_GATHERING, sentence)


def _first(patterns: tuple[re.Pattern[str], re.Pattern[str]], sentence: str) -> int | None:
    """Where the first match of the English or the Chinese pattern starts, or None."""
    english, chinese = patterns
    found = [m.start() for m in (english.search(sentence.lower()), chinese.search(sentence)) if m]
    return min(found) if found else None


def attendance_only(sentence: str) -> bool:
    """Whether the sentence says who attended without naming a gathering of its own."""
    return _names(_ATTENDANCE, sentence) and not _names(_GATHERING, sentence)
