from __future__ import annotations

import pytest
from sqlalchemy import select

from partynet.registry.link import Linker
from partynet.registry.model import Alias, AliasKind, Party
from partynet.store.registry_edits import RegistryEditError, RegistryEdits
from partynet.store.repository import Store
from partynet.store.schema import audit
from tests.registry.fixtures import small_registry


def test_added_parties_aliases_and_merges_come_back_and_are_audited(store_url: str) -> None:
    registry = small_registry()
    store = Store.open(store_url)
    edits = RegistryEdits(store)
    new = Party(id="pn:communist-party-of-britain-gbr", name="Communist Party of Britain", country="GBR")
    new.add_alias(Alias("Communist Party of Britain", AliasKind.NAME, "en", "analyst"))
    edits.add_party(new, "ana", "communistparty.org.uk")
    edits.add_alias(
        registry.by_id["pf:9"],
        Alias("Đảng Cộng sản Việt Nam", AliasKind.NAME, "vi", "ana"),
        "ana",
        "party website",
    )
    edits.merge(registry.by_id["pf:8"], registry.by_id["pf:12"], "ana", "same party")
    changes = edits.changes()
    with store.engine.connect() as connection:
        actions = [
            (r.actor, r.action, r.record_id) for r in connection.execute(select(audit).order_by(audit.c.id))
        ]
    store.close()
    assert actions == [("ana", "add", new.id), ("ana", "alias", "pf:9"), ("ana", "merge", "pf:8")]
    updated = registry.with_changes(changes)
    linker = Linker(updated)
    assert linker.resolve("Communist Party of Britain").party_id == new.id
    assert linker.resolve("Đảng Cộng sản Việt Nam").party_id == "pf:9"
    assert linker.resolve("Forza Italia").party_id == "pf:12"
    assert registry.get(new.id) is None  # the shipped registry itself is not changed


def test_edits_that_make_no_sense_are_refused_and_write_nothing(store_url: str) -> None:
    registry = small_registry()
    store = Store.open(store_url)
    edits = RegistryEdits(store)
    with pytest.raises(RegistryEditError, match="itself"):
        edits.merge(registry.by_id["pf:1"], registry.by_id["pf:1"], "ana")
    edits.add_alias(registry.by_id["pf:1"], Alias("ANC", AliasKind.ABBREVIATION), "ana")
    with pytest.raises(RegistryEditError, match="already has"):
        edits.add_alias(registry.by_id["pf:1"], Alias("ANC", AliasKind.ABBREVIATION), "ana")
    edits.merge(registry.by_id["pf:2"], registry.by_id["pf:1"], "ana")
    with pytest.raises(RegistryEditError, match="already merged"):
        edits.merge(registry.by_id["pf:1"], registry.by_id["pf:2"], "ana")
    with store.engine.connect() as connection:
        assert len(list(connection.execute(select(audit)))) == 2
    store.close()
