"""The linker runs a context rule only for the aliases the rule can speak of: a rule left out must have
had nothing to say, whatever the text."""

from __future__ import annotations

from itertools import product

from partynet.registry.model import Alias, AliasKind
from partynet.registry.rules import CONTEXT_RULES, SPEAKS_OF, Context, context_rules_for
from tests.registry.fixtures import party, small_registry

_ALIASES = [
    Alias(text, kind, lang, "partyfacts")
    for (text, lang), kind in product(
        [
            ("PT", None),
            ("ANC", None),
            ("工党", "zh"),
            ("南非非洲人国民大会", "zh"),
            ("Party Secretary", "en"),
        ],
        AliasKind,
    )
]
_PARTIES = [
    party("pf:9", "Workers Party", "BRA"),
    party("pf:8", "Chinese Party", "CHN"),
    party("pf:7", "X", None),
]
_CONTEXTS = [
    Context(text="", year=year, country_hint=hint, possessive_country=possessive, defined_as=defined,
            sentence_countries=frozenset(named), document_countries=frozenset(named))
    for year, hint, possessive, defined, named in product(
        (None, 2020), (None, "BRA", "ZAF"), (None, "BRA"), (None, "Partido dos Trabalhadores"), ((), ("BRA",))
    )
]  # fmt: skip


def test_a_rule_left_out_for_an_alias_says_nothing_of_it_in_any_context() -> None:
    registry = small_registry()
    skipped = 0
    for each_party, alias in product(_PARTIES, _ALIASES):
        kept = context_rules_for(each_party, alias)
        for name, rule in CONTEXT_RULES:
            if rule in kept:
                continue
            skipped += 1
            assert all(rule(each_party, alias, c, registry) is None for c in _CONTEXTS), (name, alias)
    assert skipped, "some rule is left out for some alias"


def test_the_rules_kept_are_in_their_order_and_every_general_rule_is_kept() -> None:
    alias = Alias("Workers Party", AliasKind.NAME, "en", "partyfacts")
    kept = context_rules_for(_PARTIES[0], alias)
    order = [rule for _, rule in CONTEXT_RULES]
    assert list(kept) == sorted(kept, key=order.index)
    assert {name for name, rule in CONTEXT_RULES if rule in kept} == {
        name for name, _ in CONTEXT_RULES if name not in SPEAKS_OF
    }
