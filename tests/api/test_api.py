"""The REST API on a hand-built store: roles on every route, pagination, review decisions with their
audit entries and their undoing, one error shape, browser sessions with CSRF protection."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from partynet.api.app import create_app
from partynet.api.highlight import segments
from partynet.settings import Settings
from partynet.store.repository import Store
from partynet.store.users import Role, Users
from tests.analysis.test_network_figures import scenario

PLACEHOLDER = re.compile(r"\{[^}]+\}")


@pytest.fixture
def api(store_url: str) -> Iterator[tuple[TestClient, dict[str, str]]]:
    store = scenario().write(store_url)
    users = Users(store)
    tokens = {role.value: users.add(role.value, role) for role in Role}
    store.close()
    # https: the session cookies are Secure, as a browser would keep them
    with TestClient(create_app(Settings(db_url=store_url)), base_url="https://testserver") as client:
        yield client, tokens


def as_(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def routes(client: TestClient, methods: set[str]) -> list[tuple[str, str]]:
    """Every route of the published schema with one of these methods, placeholders filled in."""
    schema = client.app.openapi()  # type: ignore[attr-defined]
    return [
        (method.upper(), PLACEHOLDER.sub("e1", path).replace("/audit/e1", "/audit/1"))
        for path, operations in schema["paths"].items()
        for method in operations
        if method.upper() in methods
    ]


def test_every_write_route_refuses_anonymous_users_and_viewers(
    api: tuple[TestClient, dict[str, str]],
) -> None:
    client, tokens = api
    writes = routes(client, {"POST", "PATCH", "PUT", "DELETE"})
    assert len(writes) >= 8  # accept, reject, edit, merge, revert, alias, party merge, add user
    for method, path in writes:
        anonymous = client.request(method, path, json={})
        assert anonymous.status_code == 401, (method, path)
        assert anonymous.json()["error"]["code"] == "unauthorized"
        viewer = client.request(method, path, json={}, headers=as_(tokens["viewer"]))
        assert viewer.status_code == 403, (method, path)


def test_admin_routes_refuse_analysts(api: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = api
    assert (
        client.post(
            "/api/users", json={"name": "x", "role": "viewer"}, headers=as_(tokens["analyst"])
        ).status_code
        == 403
    )
    assert (
        client.post("/api/parties/A/merge", json={"into": "B"}, headers=as_(tokens["analyst"])).status_code
        == 403
    )
    created = client.post("/api/users", json={"name": "ana", "role": "analyst"}, headers=as_(tokens["admin"]))
    assert created.status_code == 201
    assert client.get("/api/me", headers=as_(created.json()["token"])).json()["role"] == "analyst"


def test_reads_need_a_user_and_viewers_may_read(api: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = api
    for _, path in routes(client, {"GET"}):
        if path.startswith("/api/session"):
            continue
        assert client.get(path).status_code == 401, path
        answer = client.get(
            path, headers=as_(tokens["viewer"]), params={"q": "Party"} if "search" in path else {}
        )
        if path == "/api/users":  # who may use the system is for admins to see
            assert answer.status_code == 403
            continue
        assert answer.status_code in (200, 404), (path, answer.text)
        assert answer.status_code == 200 or answer.json()["error"]["code"] == "not_found"


def test_cursor_pagination_visits_every_exchange_once_in_order(
    api: tuple[TestClient, dict[str, str]],
) -> None:
    client, tokens = api
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3, "sort": "-date"} | ({"cursor": cursor} if cursor else {})
        page = client.get("/api/exchanges", params=params, headers=as_(tokens["viewer"])).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len({e["id"] for e in seen}) == 9
    dates = [e["date"] or "" for e in seen]
    assert dates == sorted(dates, reverse=True)
    only_a = client.get(
        "/api/exchanges", params={"party": "A", "from": 2020}, headers=as_(tokens["viewer"])
    ).json()
    assert {e["id"] for e in only_a["items"]} == {"e3", "e4", "e7"}
    bad = client.get("/api/exchanges", params={"cursor": "not-a-cursor"}, headers=as_(tokens["viewer"]))
    assert bad.status_code == 400
    assert bad.json()["error"]["message"].startswith("the cursor")


def test_review_decisions_are_audited_and_reversible(api: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = api
    analyst = as_(tokens["analyst"])
    accepted = client.post("/api/exchanges/e1/accept", json={"note": "checked"}, headers=analyst).json()
    assert accepted["status"] == "accepted"
    edited = client.patch(
        "/api/exchanges/e1",
        json={"kind": "visit", "date": "2019-03-02", "participants": [{"party_id": "A", "role": "host"},
              {"party_id": "C", "role": "guest"}]},
        headers=analyst,
    ).json()  # fmt: skip
    assert (edited["kind"], edited["date"], edited["date_precision"], edited["status"]) == (
        "visit", "2019-03-02", "day", "edited",
    )  # fmt: skip
    assert [p["party_id"] for p in edited["participants"]] == ["A", "C"]
    log = client.get("/api/exchanges/e1/history", headers=as_(tokens["viewer"])).json()
    assert [entry["action"] for entry in log] == ["edit", "accept"]
    assert log[0]["actor"] == "analyst"
    assert log[0]["before"]["kind"] == "meeting"
    restored = client.post(f"/api/audit/{log[0]['id']}/revert", headers=analyst).json()
    assert (restored["kind"], restored["date"], restored["status"]) == ("meeting", "2019-03-01", "accepted")
    assert [p["party_id"] for p in restored["participants"]] == ["A", "B"]
    bad = client.patch("/api/exchanges/e1", json={"kind": "party"}, headers=analyst)
    assert bad.status_code == 400
    assert "kind must be one of" in bad.json()["error"]["message"]
    assert client.patch("/api/exchanges/e1", json={"date": "2019-13-01"}, headers=analyst).status_code == 400
    assert client.post("/api/exchanges/nope/accept", json={}, headers=analyst).status_code == 404


def test_merge_moves_evidence_and_can_be_undone(api: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = api
    analyst = as_(tokens["analyst"])
    merged = client.post("/api/exchanges/e8/merge", json={"into": "e9"}, headers=analyst).json()
    assert merged["id"] == "e9"
    assert len(merged["evidence"]) == 2
    assert client.get("/api/exchanges/e8", headers=analyst).json()["status"] == "merged"
    entry = client.get("/api/exchanges/e8/history", headers=analyst).json()[0]
    client.post(f"/api/audit/{entry['id']}/revert", headers=analyst)
    assert len(client.get("/api/exchanges/e9", headers=analyst).json()["evidence"]) == 1
    assert client.get("/api/exchanges/e8", headers=analyst).json()["status"] == "extracted"


def test_errors_share_one_shape(api: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = api
    viewer = as_(tokens["viewer"])
    for response in (
        client.get("/api/exchanges/nope", headers=viewer),
        client.get("/api/exchanges", params={"limit": 0}, headers=viewer),
        client.patch(
            "/api/exchanges/e1",
            content=b"{not json",
            headers=as_(tokens["analyst"]) | {"Content-Type": "application/json"},
        ),
        client.get("/api/nothing-here", headers=viewer),
        client.get("/api/exchanges", headers={"Authorization": "Bearer wrong"}),
    ):
        body = response.json()
        assert set(body) == {"error"}, body
        assert set(body["error"]) == {"status", "code", "message", "detail"}
        assert body["error"]["status"] == response.status_code >= 400


def test_browser_session_writes_need_the_csrf_token(api: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = api
    page = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    assert (
        client.post(
            "/login", data={"token": tokens["analyst"], "csrf_token": "forged"}, follow_redirects=False
        ).status_code
        == 403
    )
    login = client.post(
        "/login", data={"token": tokens["analyst"], "csrf_token": csrf}, follow_redirects=False
    )
    assert login.status_code == 303
    cookie = login.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "Secure" in cookie
    assert "SameSite=strict" in cookie
    session = client.get("/api/session").json()
    assert session["user"] == {"name": "analyst", "role": "analyst"}
    assert client.post("/api/exchanges/e1/accept", json={}).status_code == 403, "no CSRF token: refused"
    ok = client.post("/api/exchanges/e1/accept", json={}, headers={"X-CSRF-Token": session["csrf"]})
    assert ok.status_code == 200
    assert client.get("/api/exchanges/e1").json()["status"] == "accepted", "reads need no token"


def test_openapi_and_its_docs_page_are_served_without_a_cdn(store_url: str) -> None:
    Store.open(store_url).close()
    with TestClient(create_app(Settings(db_url=store_url))) as client:
        schema = client.get("/openapi.json").json()
        assert "/api/exchanges/{exchange_id}/accept" in schema["paths"]
        docs = client.get("/docs")
        assert docs.status_code == 200
        assert "cdn" not in docs.text.lower(), "the API's docs page ships its assets"


def test_document_text_is_cut_into_segments_at_its_facts() -> None:
    text = "Xi met <b>Lula</b> in Beijing. Other news."
    evidence = [{"start": 0, "end": 30, "exchange_id": "e1", "claim_id": None}]
    mentions = [{"start": 0, "end": 2, "party_id": "pf:1"}, {"start": 10, "end": 14, "party_id": None}]
    pieces = segments(text, evidence, mentions)
    assert "".join(p["text"] for p in pieces) == text, "nothing lost, nothing added"
    assert [(p["text"], p["kind"]) for p in pieces] == [
        ("Xi", "mention"), (" met <b>", "evidence"), ("Lula", "mention"), ("</b> in Beijing.", "evidence"),
        (" Other news.", "plain"),
    ]  # fmt: skip
    assert pieces[0]["party_id"] == "pf:1"
    assert pieces[1]["exchange_id"] == "e1"
    assert segments(text, [{"start": 5, "end": 999}], []) == [
        {"text": text, "kind": "plain", "exchange_id": None, "claim_id": None, "party_id": None}
    ], "a span outside the text is ignored"


def test_document_route_returns_provenance_and_segments(api: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = api
    doc = client.get("/api/documents/doc1", headers=as_(tokens["viewer"])).json()
    assert (doc["url"], doc["text"]) == ("https://example.org/report", "A report.")
    assert "".join(p["text"] for p in doc["segments"]) == "A report."
    listed = client.get("/api/documents", headers=as_(tokens["viewer"])).json()
    assert [d["id"] for d in listed["items"]] == ["doc1"]
    assert "text" not in listed["items"][0], "lists carry no full texts"


def test_split_moves_some_evidence_to_a_new_exchange_and_can_be_undone(
    api: tuple[TestClient, dict[str, str]],
) -> None:
    client, tokens = api
    analyst = as_(tokens["analyst"])
    client.post("/api/exchanges/e8/merge", json={"into": "e9"}, headers=analyst)
    spans = client.get("/api/exchanges/e9", headers=analyst).json()["evidence"]
    assert len(spans) == 2
    moved = next(s for s in spans if s["text"] == "e8 happened")
    created = client.post("/api/exchanges/e9/split", json={"evidence": [moved["id"]]}, headers=analyst)
    assert created.status_code == 201
    new = created.json()
    assert [s["text"] for s in new["evidence"]] == ["e8 happened"]
    assert [p["party_id"] for p in new["participants"]] == ["B", "H"]
    assert [s["text"] for s in client.get("/api/exchanges/e9", headers=analyst).json()["evidence"]] == [
        "e9 happened"
    ]
    refused = client.post(
        "/api/exchanges/e9/split", json={"evidence": [spans[0]["id"], 999]}, headers=analyst
    )
    assert refused.status_code == 400
    entry = client.get("/api/exchanges/e9/history", headers=analyst).json()[0]
    assert entry["action"] == "split"
    client.post(f"/api/audit/{entry['id']}/revert", headers=analyst)
    assert len(client.get("/api/exchanges/e9", headers=analyst).json()["evidence"]) == 2
    assert client.get(f"/api/exchanges/{new['id']}", headers=analyst).status_code == 404


def test_party_aliases_and_merges_are_audited_and_reversible(api: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = api
    analyst, admin = as_(tokens["analyst"]), as_(tokens["admin"])
    added = client.post(
        "/api/parties/pf:1219/aliases", json={"text": "Congress of the People X"}, headers=analyst
    )
    assert added.status_code == 201, added.text
    found = client.get("/api/search", params={"q": "Congress of the People X"}, headers=analyst).json()
    assert found["parties"][0]["id"] == "pf:1219", "the running server links the new alias at once"
    merged = client.post("/api/parties/pf:1219/merge", json={"into": "pf:5124"}, headers=admin)
    assert merged.json()["merged_into"] == "pf:5124"
    log = client.get("/api/audit", headers=analyst).json()
    merge_entry = next(e for e in log if e["action"] == "merge" and e["table_name"] == "parties")
    alias_entry = next(e for e in log if e["action"] == "alias")
    assert client.post(f"/api/audit/{merge_entry['id']}/revert", headers=analyst).status_code == 403
    undone = client.post(f"/api/audit/{merge_entry['id']}/revert", headers=admin)
    assert undone.status_code == 200
    assert undone.json()["merged_into"] is None
    assert client.post(f"/api/audit/{alias_entry['id']}/revert", headers=analyst).status_code == 200
    after = client.get("/api/search", params={"q": "Congress of the People X"}, headers=analyst).json()
    assert not after["parties"] or after["parties"][0]["reason"] != found["parties"][0]["reason"]


def test_admins_import_report_files(api: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = api
    report = (
        "BEIJING, June 27 -- Liu Jianchao, head of the International Department of the CPC Central "
        "Committee, met a delegation of the African National Congress in Beijing on Thursday.\n"
    )
    files = [("files", ("../../etc/report.txt", report.encode(), "text/plain"))]
    assert client.post("/api/imports", files=files, headers=as_(tokens["analyst"])).status_code == 403
    done = client.post("/api/imports", files=files, headers=as_(tokens["admin"]))
    assert done.status_code == 201, done.text
    body = done.json()
    assert (body["files"], body["ingest"]["kept"], body["extracted"]["documents"]) == (1, 1, 1)
    stored = client.get("/api/documents", headers=as_(tokens["admin"])).json()["items"]
    uploaded = [d for d in stored if d["source"].endswith(".txt") and "upload-" in d["source"]]
    assert len(uploaded) == 1, "stored under a name of the server's own, not the client's path"
    again = client.post("/api/imports", files=files, headers=as_(tokens["admin"])).json()
    assert again["ingest"]["kept"] == 0, "the same report twice is stored once"


def test_an_imported_zip_gives_its_reports(api: tuple[TestClient, dict[str, str]]) -> None:
    from tests.ingest.test_zipped import zipped

    client, tokens = api
    reports = {
        "a.txt": "The Communist Party of Vietnam received a delegation of the Lao People's Revolutionary Party.",
        "b.html": "<p>The Workers' Party of Belgium sent a letter of congratulations to the Party of Labour.</p>",
    }
    files = [("files", ("reports.zip", zipped(reports), "application/zip"))]
    done = client.post("/api/imports", files=files, headers=as_(tokens["admin"]))
    assert done.status_code == 201, done.text
    assert (done.json()["files"], done.json()["ingest"]["kept"]) == (1, 2)


def test_an_import_larger_than_the_store_accepts_is_refused_whole(store_url: str) -> None:
    store = scenario().write(store_url)
    token = Users(store).add("boss", Role.ADMIN)
    store.close()
    small = Settings(db_url=store_url, max_document_bytes=1000)
    with TestClient(create_app(small), base_url="https://testserver") as client:
        files = [("files", ("big.txt", b"x" * 5000, "text/plain"))]
        refused = client.post("/api/imports", files=files, headers=as_(token))
        assert refused.status_code == 413
        assert refused.json()["error"]["code"] == "too_large"
        assert len(client.get("/api/documents", headers=as_(token)).json()["items"]) == 1, "nothing stored"
