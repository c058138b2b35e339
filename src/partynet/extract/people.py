"""People named with their titles, and the party each title belongs to:
"Liu Jianchao, head of the International Department of the CPC Central Committee",
"led by Solly Mapaila, general secretary of the SACP", "中联部部长刘建超".

Only the pattern "name, title" (English) and "title + name" (Chinese) are read; the title must name the
party (its span holds one of the sentence's linked mentions), so a person is never attached by guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from partynet.extract.model import Person
from partynet.gate import cues, may_match

_TITLE_WORDS = (
    "general secretary|secretary[- ]general|first secretary|secretary|president|vice[- ]president|"
    "chairman|chairwoman|chairperson|vice[- ]chairman|chair|head|deputy head|minister|vice[- ]minister|"
    "deputy minister|leader|deputy leader|member|spokesperson|director|deputy director"
)
_NAME = r"[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,3}"  # case matters here: a name is capitalised
# "Liu Jianchao, head of the International Department of the CPC Central Committee,"
_TITLE = rf"(?i:(?:the\s+)?(?:former\s+|acting\s+|honorary\s+)?(?:{_TITLE_WORDS})\b)"
_ENGLISH = re.compile(rf"(?P<name>{_NAME}),\s+(?P<title>{_TITLE}[^,;.()]{{0,120}})")
# what every match has, looked for first: it opens with a comma, which `re` finds fast, where the name
# the pattern opens with is tried at every capital letter
_TITLE_AFTER_COMMA = re.compile(rf",\s+{_TITLE}")
_ZH_TITLES = "副部长|部长助理|部长|副主席|主席|总书记|副总书记|书记|秘书长|委员长|领袖|议长|总统|总理|召集人"
# "中联部部长刘建超": after a clause mark or 由/的, a title, then a two- or three-character name
_CHINESE = re.compile(
    rf"(?:^|[由的、，,。与同和及])(?P<title>[\u4e00-\u9fff]{{2,20}}?(?:{_ZH_TITLES}))"
    rf"(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?=[在于同与会率出向表说、，,。的])"
)

_CHINESE_CUES = cues(_CHINESE)  # the titles: a sentence without one, Chinese or not, is not searched


@dataclass(frozen=True, slots=True)
class TitledPerson:
    person: Person
    title_start: int  # the title's span in the sentence, where the party it names must be mentioned
    title_end: int


def people_in(sentence: str) -> list[TitledPerson]:
    found: list[TitledPerson] = []
    for match in _ENGLISH.finditer(sentence) if _TITLE_AFTER_COMMA.search(sentence) else ():
        title = " ".join(match.group("title").split())
        name = match.group("name")
        if name.split(" ", 1)[0].lower() in _NOT_NAMES:
            continue
        found.append(TitledPerson(Person(name, title), match.start("title"), match.end("title")))
    if may_match(_CHINESE_CUES, sentence):
        found.extend(
            TitledPerson(Person(m.group("name"), m.group("title")), m.start("title"), m.end("title"))
            for m in _CHINESE.finditer(sentence)
        )
    return found


# capitalised words that start a clause, not a name ("Meanwhile, the head of ...")
_NOT_NAMES = frozenset(("the", "meanwhile", "however", "also", "during", "in", "on", "at", "and", "but"))
