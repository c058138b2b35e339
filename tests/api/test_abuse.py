"""Abuse of the API: token and login guessing is cut off with 429, oversized bodies are refused with
413 before they are held in memory, wrong content types and injected SQL or paths change nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

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


INJECTIONS = (
    "' OR '1'='1",
    "1; DROP TABLE exchanges; --",
    "') UNION SELECT token_hash, name FROM users --",
    "../../../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "\x00",
    "<script>alert(1)</script>",
)
COUNTED = ("documents", "exchanges", "participants", "parties", "aliases", "claims", "audit", "users")


def counts(url: str) -> dict[str, int]:
    from partynet.store import schema

    store = Store.open(url)
    with store.engine.connect() as connection:
        found = {
            name: connection.scalar(select(func.count()).select_from(getattr(schema, name))) or 0
            for name in COUNTED
        }
    store.close()
    return found


def operations(client: TestClient) -> list[tuple[str, str, list[dict[str, str]]]]:
    schema = client.get("/openapi.json").json()
    return [
        (method.upper(), path, operation.get("parameters", []))
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    ]


def test_every_parameter_of_every_operation_resists_injection(api: tuple[TestClient, str, str]) -> None:
    """Each SQL, path or markup payload in each path and query parameter of the published schema, as
    an admin (who may do most): never a server error, never a secret, never a change."""
    client, _, url = api
    store = Store.open(url)
    admin = Users(store).add("root", Role.ADMIN)
    store.close()
    before = counts(url)
    tried = 0
    for method, path, parameters in operations(client):
        for parameter in parameters:
            for payload in INJECTIONS:
                target, query = path, {}
                for other in parameters:
                    if other["in"] == "path":
                        value = payload if other is parameter else "e1"
                        target = target.replace("{" + other["name"] + "}", quote(value, safe=""))
                if parameter["in"] == "query":
                    query[parameter["name"]] = payload
                answer = client.request(method, target, params=query, json={}, headers=bearer(admin))
                tried += 1
                assert answer.status_code < 500, (method, target, query, answer.text)
                assert "root:" not in answer.text
                assert "token_hash" not in answer.text or "UNION" in answer.text  # echoed, never run
    assert tried > 300
    after = counts(url)
    assert after == before


def test_malformed_json_is_refused_and_changes_nothing(api: tuple[TestClient, str, str]) -> None:
    client, token, url = api
    before = counts(url)
    for body in ('{"note": ', "[1, 2", '{"note": "\\ud800"}x', "\x00\x01"):
        answer = client.post(
            "/api/exchanges/e1/accept",
            content=body.encode("utf-8", "surrogatepass"),
            headers=bearer(token) | {"Content-Type": "application/json"},
        )
        assert answer.status_code in (400, 422), body
        assert set(answer.json()["error"]) == {"status", "code", "message", "detail"}
    assert counts(url) == before


MARKUP = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'


def test_markup_in_party_names_aliases_and_notes_is_shown_as_text(api: tuple[TestClient, str, str]) -> None:
    """Stored XSS: markup entered as a party's name, an alias and an analyst's note comes back escaped
    on every page that shows it, under a policy that would not run an inline script anyway."""
    from sqlalchemy import update

    from partynet.store.schema import parties

    client, token, url = api
    store = Store.open(url)
    with store.engine.begin() as connection:
        connection.execute(update(parties).where(parties.c.id == "B").values(name=MARKUP))
    store.close()
    added = client.post(
        "/api/parties/A/aliases", json={"text": MARKUP, "kind": "name", "note": MARKUP}, headers=bearer(token)
    )
    assert added.status_code == 201, added.text
    assert (
        client.post("/api/exchanges/e1/accept", json={"note": MARKUP}, headers=bearer(token)).status_code
        == 200
    )
    login = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', login.text)
    assert csrf is not None
    client.post("/login", data={"token": token, "csrf_token": csrf.group(1)}, follow_redirects=False)
    for page in ("/parties/B", "/parties/A", "/audit", "/review?status=accepted", "/search?q=script", "/"):
        html = client.get(page)
        assert html.status_code == 200, page
        assert "Log in</button>" not in html.text, page  # the page itself, not the login form
        assert "<script>window.__xss" not in html.text, page
        assert "onerror=" not in html.text.replace("onerror=&#34;", "").replace("onerror=&quot;", ""), page
        assert "script-src 'self'" in html.headers["content-security-policy"]
    shown = client.get("/parties/B").text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in shown
    audit = client.get("/audit").text
    assert "&lt;img src=x" in audit


def test_a_nul_inside_a_json_string_is_kept_or_refused_whole(api: tuple[TestClient, str, str]) -> None:
    """Well-formed JSON may carry U+0000, which SQLite stores and PostgreSQL text cannot hold: the
    review is then kept with its note as sent, or refused with a 400 and nothing written."""
    client, token, url = api
    before = counts(url)
    note = "checked\u0000twice"
    answer = client.post("/api/exchanges/e1/accept", json={"note": note}, headers=bearer(token))
    assert answer.status_code in (200, 400), answer.text
    if answer.status_code == 400:
        assert set(answer.json()["error"]) == {"status", "code", "message", "detail"}
        assert counts(url) == before
        return
    assert answer.json()["status"] == "accepted"
    log = client.get("/api/exchanges/e1/history", headers=bearer(token)).json()
    assert log[0]["action"] == "accept"
    assert log[0]["note"] == note
