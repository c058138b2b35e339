"""/api/documents: stored documents with their provenance; one document with its facts highlighted."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from partynet.api.auth import viewer
from partynet.api.highlight import segments
from partynet.api.models import Document, DocumentPage
from partynet.api.state import page_json, services
from partynet.store.queries import PageRequest
from partynet.store.users import User

router = APIRouter(prefix="/api/documents", tags=["documents"])


@router.get("", response_model=DocumentPage)
async def list_documents(
    request: Request,
    _: Annotated[User, Depends(viewer)],
    status: str | None = None,
    lang: Annotated[str | None, Query(max_length=8)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> Any:
    page = services(request).queries.documents(PageRequest(limit, cursor), status=status, lang=lang)
    return page_json(page)


@router.get("/{document_id}", response_model=Document)
async def get_document(request: Request, document_id: str, _: Annotated[User, Depends(viewer)]) -> Any:
    found = services(request).queries.document(document_id)
    if found is None:
        raise HTTPException(404, f"no document {document_id}")
    return found | {"segments": segments(found["text"], found["evidence"], found["mentions"])}
