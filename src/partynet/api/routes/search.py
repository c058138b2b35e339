"""/api/search: parties (the whole registry, English and Chinese names, abbreviations) and documents."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from partynet.api.auth import viewer
from partynet.api.models import SearchResult
from partynet.api.state import services
from partynet.store.users import User

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=SearchResult)
async def search_all(
    request: Request,
    _: Annotated[User, Depends(viewer)],
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Any:
    found = services(request)
    return {"parties": found.search_parties(q, limit), "documents": found.queries.search_documents(q, limit)}
