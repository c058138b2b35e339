"""The dashboard: server-rendered pages (Jinja2, autoescaped) with small scripts shipped in the package.
Each page names its JSON twin, the API route that returns the same data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from partynet.analysis import charts
from partynet.analysis.coverage import coverage
from partynet.analysis.relations import most_active, relations, relations_of
from partynet.api.auth import SESSION_COOKIE
from partynet.api.highlight import segments
from partynet.api.state import services
from partynet.store.queries import PageRequest
from partynet.store.review import KINDS
from partynet.store.users import Role, Session

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
REVIEW_PAGE = 50
SEARCH_HITS = 20


class LoginRequiredError(Exception):
    """A page asked for without a session: the browser is sent to the login page."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


async def page_session(request: Request) -> Session:
    cookie = request.cookies.get(SESSION_COOKIE)
    session = services(request).users.session(cookie) if cookie else None
    if session is None:
        raise LoginRequiredError(request.url.path)
    return session


Viewer = Annotated[Session, Depends(page_session)]
Text = Annotated[str, Query(max_length=200)]


def login_redirect(_: Request, exc: Exception) -> Response:
    path = exc.path if isinstance(exc, LoginRequiredError) else "/"
    return RedirectResponse(f"/login?next={path}", status_code=303)


def _page(request: Request, template: str, session: Session, twin: str, **context: Any) -> HTMLResponse:
    user = session.user
    context |= {"user": user, "csrf": session.csrf, "twin": twin, "analyst": user.role.allows(Role.ANALYST)}
    return templates.TemplateResponse(request, template, context)


@router.get("/", response_class=HTMLResponse)
async def overview(request: Request, session: Viewer) -> HTMLResponse:
    data, rule = services(request).network()
    focal = most_active(data)
    cov = coverage(data, focal, relations(data, rule)) if focal else None
    return _page(
        request, "overview.html", session, "/api/coverage",
        cov=cov,
        chart=charts.coverage_chart(cov.years) if cov and cov.years else "",
        counts=services(request).store.document_counts(),
        exchanges=len(data.exchanges),
        parties=len({p for e in data.exchanges for p in e.party_ids}),
    )  # fmt: skip


@router.get("/graph", response_class=HTMLResponse)
async def graph_page(request: Request, session: Viewer) -> HTMLResponse:
    data, _ = services(request).network()
    countries = data.countries.values()
    regions = sorted(
        {c.region for c in countries if c.region} | {c.continent for c in countries if c.continent}
    )
    years = sorted({e.year for e in data.exchanges if e.year})
    return _page(request, "graph.html", session, "/api/network", regions=regions, kinds=KINDS, years=years)


@router.get("/map", response_class=HTMLResponse)
async def map_page(request: Request, session: Viewer) -> HTMLResponse:
    data, rule = services(request).network()
    linked = {p for r in relations(data, rule).values() for p in (r.a, r.b)}
    per_country = Counter(c for p in linked if (c := data.country_of(p)))  # parties of each country
    rows = [
        (data.countries[c].name if c in data.countries else c, c, n) for c, n in per_country.most_common()
    ]
    world = charts.world_map(dict(per_country), title="Parties in the network, by country")
    return _page(request, "map.html", session, "/api/network", world=world, countries=rows)


@router.get("/parties/{party_id}", response_class=HTMLResponse)
async def party_page(request: Request, party_id: str, session: Viewer) -> HTMLResponse:
    data, rule = services(request).network()
    entry = services(request).registry.get(party_id)
    if entry is None and party_id not in data.parties:
        raise HTTPException(404, f"no party {party_id}")
    mine = sorted(
        (e for e in data.exchanges if party_id in e.party_ids), key=lambda e: e.date or "", reverse=True
    )
    return _page(
        request, "party.html", session, f"/api/exchanges?party={party_id}",
        party_id=party_id,
        name=entry.name if entry else data.name_of(party_id),
        entry=entry,
        exchanges=mine,
        partners=relations_of(relations(data, rule), party_id),
        data=data,
    )  # fmt: skip


@router.get("/documents/{document_id}", response_class=HTMLResponse)
async def document_page(request: Request, document_id: str, session: Viewer) -> HTMLResponse:
    found = services(request).queries.document(document_id)
    if found is None:
        raise HTTPException(404, f"no document {document_id}")
    pieces = segments(found["text"], found["evidence"], found["mentions"])
    return _page(request, "document.html", session, f"/api/documents/{document_id}", doc=found, pieces=pieces)


@router.get("/review", response_class=HTMLResponse)
async def review_page(
    request: Request, session: Viewer, status: Text = "extracted", cursor: Text | None = None
) -> HTMLResponse:
    page = services(request).queries.exchanges(PageRequest(REVIEW_PAGE, cursor, "-date"), status=status)
    twin = f"/api/exchanges?status={status}"
    return _page(request, "review.html", session, twin, page=page, status=status, kinds=KINDS)


@router.get("/audit", response_class=HTMLResponse)
async def audit_page(request: Request, session: Viewer) -> HTMLResponse:
    entries = services(request).review.history(limit=200)
    return _page(request, "audit.html", session, "/api/audit", entries=entries)


@router.get("/search", response_class=HTMLResponse)
async def search_page(request: Request, session: Viewer, q: Text = "") -> HTMLResponse:
    found = services(request)
    asked = q.strip()
    parties = found.search_parties(asked, SEARCH_HITS) if asked else []
    docs = found.queries.search_documents(asked, SEARCH_HITS) if asked else []
    return _page(request, "search.html", session, f"/api/search?q={asked}", q=q, parties=parties, docs=docs)
