"""Abuse of the API: token and login guessing is cut off with 429, oversized bodies are refused with
413 before they are held in memory, wrong content types and injected SQL or paths change nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from partynet.api.app import create_app
from partynet.settings import Settings
from partynet.store.repository import Store
from partynet.store.schema import exchanges
from partynet.store.users import Role, Users
from tests.analysis.test_network_figures import scenario


@pytest.fixture
def api(store_url: str) -> Iterator[tuple[TestClient, str, str]]:
    store = scenario().write(store_url)
    token = Users(store).add("ana", Role.ANALYST)
    store.close()
    settings = Settings(db_url=store_url, auth_failures_per_minute=5, max_request_bytes=10_000)
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        yield client, token, store_url


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_guessing_tokens_is_cut_off(api: tuple[TestClient, str, str]) -> None:
    client, token, _ = api
    for guess in range(5):
        assert client.get("/api/me", headers=bearer(f"guess-{guess}")).status_code == 401
    refused = client.get("/api/me", headers=bearer("guess-6"))
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert client.get("/api/me", headers=bearer(token)).status_code == 429, "even a right token, for a while"


def test_guessing_at_the_login_form_is_cut_off(api: tuple[TestClient, str, str]) -> None:
    client, token, _ = api
    for _ in range(5):
        page = client.get("/login")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        failed = client.post("/login", data={"token": "wrong", "csrf_token": csrf}, follow_redirects=False)
        assert failed.status_code == 303
        assert "error" in failed.headers["location"]
    page = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    assert client.post("/login", data={"token": token, "csrf_token": csrf}).status_code == 429


def test_oversized_bodies_are_refused_whole(api: tuple[TestClient, str, str]) -> None:
    client, token, _ = api
    big = {"note": "x" * 20_000}
    refused = client.post("/api/exchanges/e1/accept", json=big, headers=bearer(token))
    assert refused.status_code == 413
    assert refused.json()["error"]["code"] == "too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it comes
        yield b'{"note": "'
        for _ in range(50):
            yield b"y" * 1000
        yield b'"}'

    streamed = client.post(
        "/api/exchanges/e1/accept",
        content=chunks(),
        headers=bearer(token) | {"Content-Type": "application/json"},
    )
    assert streamed.status_code == 413
    assert client.get("/api/exchanges/e1", headers=bearer(token)).json()["status"] == "extracted"


def test_wrong_content_types_are_refused(api: tuple[TestClient, str, str]) -> None:
    client, token, _ = api
    answer = client.post(
        "/api/exchanges/e1/accept", content=b"note=hi", headers=bearer(token) | {"Content-Type": "text/plain"}
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "invalid"


@pytest.mark.parametrize(
    "path",
    [
        "/api/exchanges?party=' OR '1'='1",
        "/api/exchanges?kind=meeting'; DROP TABLE exchanges; --",
        "/api/parties?q=%' OR '1'='1",
        "/api/exchanges/e1' OR '1'='1",
        "/api/search?q=') UNION SELECT token_hash FROM users --",
        "/api/documents/..%2F..%2F..%2Fetc%2Fpasswd",
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    ],
)
def test_injected_sql_and_paths_find_nothing_and_change_nothing(
    api: tuple[TestClient, str, str], path: str
) -> None:
    client, token, url = api
    answer = client.get(path, headers=bearer(token))
    assert answer.status_code in (200, 404), answer.text
    assert "root:" not in answer.text
    assert "token_hash" not in answer.text
    if answer.status_code == 200 and "items" in answer.json():
        assert answer.json()["items"] == []
    store = Store.open(url)
    with store.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(exchanges)) == 9
    store.close()
