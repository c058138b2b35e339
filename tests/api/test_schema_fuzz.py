"""schemathesis against the published OpenAPI schema: generated requests to every operation, as an
admin (so that they reach the handlers, not only the role checks) and anonymously; none may end in a
server error. Bounded per operation so the suite stays fast."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from partynet.api.app import create_app
from partynet.settings import Settings
from partynet.store.users import Role, Users
from tests.analysis.test_network_figures import scenario

# the schema is read when the tests are collected: the store it serves is built then, and removed after
_WORKDIR = Path(tempfile.mkdtemp(prefix="partynet-fuzz-"))
_URL = f"sqlite:///{_WORKDIR / 'fuzz.db'}"
_store = scenario().write(_URL)
_TOKEN = Users(_store).add("fuzzer", Role.ADMIN)
_store.close()
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(db_url=_URL)))


@pytest.fixture(scope="module", autouse=True)
def _remove_store() -> Iterator[None]:
    yield
    shutil.rmtree(_WORKDIR, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_ends_in_a_server_error(case: schemathesis.Case) -> None:
    for headers in ({"Authorization": f"Bearer {_TOKEN}"}, {}):
        response = case.call(headers=headers)
        assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])
