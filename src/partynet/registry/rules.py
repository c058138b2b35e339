"""The linker's rules, written as data: each a named function over a candidate party, the alias that
matched and what the text says around it, returning its evidence (a score, a reason a reviewer can
read, and the alias or span it relied on) or None when it has nothing to say."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from partynet.ingest.chars import HAN
from partynet.registry.model import Alias, AliasKind, Party
from partynet.registry.registry import Registry

# a party the project curated (Chinese names, party diplomacy partners) is the likelier namesake
PARTNER_BONUS = 0.1
OWN_NAME_BONUS = 0.1  # the alias is the party's canonical name, abbreviation or Chinese name
ACTIVE_BONUS = 0.15  # a party still active is the likelier of namesakes (a reborn Forza Italia)
PROMINENCE_WEIGHT = 0.2  # what a majority party gains over a namesake that never won a vote
# an office named without its party, in a text on another country: enough to outweigh any prominence
TITLE_ELSEWHERE = -1.0
TIME_SLACK = 1  # years: a party founded or dissolved around the document's year is still a candidate
_KIND_SCORE = {
    AliasKind.NAME: 0.6,
    AliasKind.TRANSLATION: 0.6,
    AliasKind.SHORT_FORM: 0.55,
    AliasKind.FORMER_NAME: 0.55,
    AliasKind.TRANSLITERATION: 0.5,
    AliasKind.ABBREVIATION: 0.35,
    AliasKind.PERSON: 0.6,
    AliasKind.TITLE: 0.6,
}


@dataclass(frozen=True, slots=True)
class Evidence:
    rule: str
    score: float
    reason: str
    used: str  # the alias or span the rule relied on


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules may know about a mention's document."""

    text: str
    year: int | None = None
    country_hint: str | None = None  # a country the caller knows the mention belongs to
    sentence_countries: frozenset[str] = frozenset()
    document_countries: frozenset[str] = frozenset()
    possessive_country: str | None = None  # "Kenya's ruling party": the country right before the name
    defined_as: str | None = None  # the full name an abbreviation was defined with in this text


Rule = Callable[[Party, Alias, Context, Registry], Evidence | None]


def exact_alias(party: Party, alias: Alias, _: Context, __: Registry) -> Evidence | None:
    """The name matched an alias; the party's own name or abbreviation counts more than a variant
    a dataset once used, and the project's curated forms more than either."""
    score = _KIND_SCORE[alias.kind]
    own = alias.text in (party.name, party.abbreviation, party.name_zh)
    if own:
        score += OWN_NAME_BONUS
    if alias.source == "extension":
        score += 0.05
    if (
        not own
        and alias.kind is AliasKind.NAME
        and " " not in alias.text.strip()
        and not HAN.search(alias.text)
    ):
        score -= 0.2  # a one-word name a dataset once used ('Heritage') is weak without context
    return Evidence(
        "exact_alias", round(score, 3), f"{alias.kind.value} '{alias.text}' ({alias.source})", alias.text
    )


def defined_abbreviation(party: Party, _: Alias, context: Context, registry: Registry) -> Evidence | None:
    """'the Jubilee Party (JP)': JP, and a name built on it ('JP Youth League'), mean the party whose name
    was given with it."""
    if context.defined_as is None:
        return None
    if registry.folder.key(context.defined_as) in registry.alias_keys(party.id):
        return Evidence(
            "defined_abbreviation", 0.5, f"defined in the text as '{context.defined_as}'", context.defined_as
        )
    return Evidence(
        "defined_abbreviation", -0.3, f"the text defines it as '{context.defined_as}'", context.defined_as
    )


def _two_letters(_: Party, alias: Alias) -> bool:
    return alias.kind is AliasKind.ABBREVIATION and len(alias.text.strip()) <= 2


def short_abbreviation(party: Party, alias: Alias, context: Context, __: Registry) -> Evidence | None:
    """Two letters ('PT', 'VN', 'CP') name a party only where the text defines them or the country is
    given with them; otherwise they are as likely a country code or a scrap of another word."""
    if not _two_letters(party, alias):
        return None
    if context.defined_as or context.country_hint or context.possessive_country:
        return None
    return Evidence(
        "short_abbreviation",
        -0.5,
        f"'{alias.text}' is two letters and the text does not define it",
        alias.text,
    )


_HOME_COUNTRIES = frozenset(("CHN", "TWN"))  # what Chinese text takes for granted: 中联部, 国民党


def _chinese_short_form(party: Party, alias: Alias) -> bool:
    short = alias.kind is AliasKind.SHORT_FORM or len(alias.text) <= 3
    return (
        short
        and party.country not in _HOME_COUNTRIES
        and party.country is not None
        and bool(HAN.search(alias.text))
    )


def short_form_context(party: Party, alias: Alias, context: Context, registry: Registry) -> Evidence | None:
    """A clipped Chinese form ('行动党', '工党') names a party only where its country is in the text."""
    if not _chinese_short_form(party, alias) or party.country is None:
        return None
    country = registry.country_of.get(party.country)
    named = country is not None and any(
        n and n in alias.text for n in (country.name_zh, country.name_zh_hant)
    )
    known = context.country_hint == party.country or party.country in context.document_countries
    if named or known:
        return None
    return Evidence(
        "short_form_context", -0.4, "a short form, and the text names no country of it", alias.text
    )


def _title(_: Party, alias: Alias) -> bool:
    return alias.kind is AliasKind.TITLE


def title_context(party: Party, alias: Alias, context: Context, _: Registry) -> Evidence | None:
    """An office written without the party's name ('Party General Secretary') is the party's only in a
    report on its country: elsewhere it is any party's office."""
    if not _title(party, alias):
        return None
    if context.country_hint == party.country or party.country in context.document_countries:
        return None
    return Evidence(
        "title_context",
        TITLE_ELSEWHERE,
        "an office named without its party, and the text names no country of it",
        alias.text,
    )


def country_context(party: Party, _: Alias, context: Context, registry: Registry) -> Evidence | None:
    """The party's country is named with the mention: in a possessive, the sentence or the document."""
    if party.country is None:
        return None
    name = registry.country_of[party.country].name if party.country in registry.country_of else party.country
    if context.country_hint:
        same = context.country_hint == party.country
        return Evidence(
            "country_context", 0.3 if same else -0.3, f"country given: {context.country_hint}", name
        )
    if context.possessive_country == party.country:
        return Evidence("country_context", 0.5, f"'{name}'s' before the name", name)
    if party.country in context.sentence_countries:
        return Evidence("country_context", 0.25, f"{name} named in the sentence", name)
    if party.country in context.document_countries:
        return Evidence("country_context", 0.15, f"{name} named in the document", name)
    return None


def time_validity(party: Party, alias: Alias, context: Context, _: Registry) -> Evidence | None:
    """A party cannot act before it was founded or after it was dissolved; an old name is a weaker clue."""
    year = context.year
    if year is None:
        return None
    if party.founded and year < party.founded - TIME_SLACK:
        return Evidence("time_validity", -1.0, f"founded {party.founded}, after {year}", str(party.founded))
    if party.dissolved and year > party.dissolved + TIME_SLACK:
        return Evidence(
            "time_validity", -1.0, f"dissolved {party.dissolved}, before {year}", str(party.dissolved)
        )
    if alias.valid_to and year > alias.valid_to + TIME_SLACK:
        return Evidence("time_validity", -0.1, f"name used until {alias.valid_to}", alias.text)
    return Evidence("time_validity", 0.05, f"active in {year}", str(year))


def prominence(party: Party, _: Alias, __: Context, ___: Registry) -> Evidence | None:
    """Between namesakes, the party that won more votes, and one still active, is the likelier one; a
    branch filed under a historical or sub-national unit (Zanzibar, South Vietnam) the less likely."""
    share = min(party.vote_share or 0.0, 50.0) / 50.0
    score = PROMINENCE_WEIGHT * share + (ACTIVE_BONUS if party.dissolved is None else 0.0)
    if any(note.startswith("Party Facts country unit") for note in party.notes):
        score -= 0.1
    if "extension" in party.source_ids:
        score += PARTNER_BONUS
    return (
        Evidence("prominence", round(score, 3), f"best vote share {party.vote_share or 0:g}%", "")
        if score
        else None
    )


# Rules that judge the alias and the party whatever the text: computed once per alias and cached.
ALIAS_RULES: tuple[tuple[str, Rule], ...] = (("exact_alias", exact_alias), ("prominence", prominence))
# Rules that read the mention's context.
CONTEXT_RULES: tuple[tuple[str, Rule], ...] = (
    ("defined_abbreviation", defined_abbreviation),
    ("short_abbreviation", short_abbreviation),
    ("short_form_context", short_form_context),
    ("title_context", title_context),
    ("country_context", country_context),
    ("time_validity", time_validity),
)
RULES = ALIAS_RULES[:1] + CONTEXT_RULES + ALIAS_RULES[1:]  # in the order their reasons are written
# Context rules that speak only of some aliases, and which: a rule is not run for an alias it never
# speaks of (the linker asks once per alias; scoring runs for every candidate of every mention).
SPEAKS_OF: dict[str, Callable[[Party, Alias], bool]] = {
    "short_abbreviation": _two_letters,
    "short_form_context": _chinese_short_form,
    "title_context": _title,
}


def context_rules_for(party: Party, alias: Alias) -> tuple[Rule, ...]:
    """The context rules that may speak of this alias of this party, in their order."""
    return tuple(
        rule for name, rule in CONTEXT_RULES if name not in SPEAKS_OF or SPEAKS_OF[name](party, alias)
    )
