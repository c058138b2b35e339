"""Response and request bodies of the API (pydantic): what /docs publishes."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field


class Error(BaseModel):
    status: int
    code: str
    message: str
    detail: Any = None


class ErrorBody(BaseModel):
    error: Error


class Evidence(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: int  # what a split names
    document_id: str
    start: int
    end: int
    text: str
    extractor_version: str
    title: str | None = None
    url: str | None = None


class Participant(BaseModel):
    model_config = ConfigDict(extra="ignore")
    party_id: str | None
    name: str | None = None
    country: str | None = None
    type: str | None = None
    surface: str | None = None
    role: str
    people: list[dict[str, Any]] = []


class Exchange(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    kind: str
    date: str | None
    date_precision: str | None
    date_source: str | None = None
    place: str | None
    mechanism_id: str | None
    topics: list[str] = []
    confidence: float | None
    status: str
    origin: str
    participants: list[Participant]
    evidence: list[Evidence]


class Party(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    name: str
    name_zh: str | None = None
    native_name: str | None = None
    country: str | None = None
    type: str
    parent_id: str | None = None
    merged_into: str | None = None


class Claim(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    subject_id: str | None
    parties: int | None
    countries: int | None
    qualifier: str | None
    as_of: str | None
    status: str
    evidence: list[Evidence]


class Mechanism(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    name: str
    name_zh: str | None = None
    type: str
    organiser_id: str | None = None


class DocumentSummary(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    external_id: str | None
    source: str
    url: str | None
    title: str | None
    published: str | None
    lang: str | None
    status: str
    duplicate_of: str | None


class Segment(BaseModel):
    """A piece of a document's text: plain, or the evidence of a record, or a party's mention. A client
    shows each as text: a document's markup is never markup here."""

    text: str
    kind: str  # plain | evidence | mention
    exchange_id: str | None = None
    claim_id: str | None = None
    party_id: str | None = None


class Document(DocumentSummary):
    text: str
    segments: list[Segment]


class ExchangePage(BaseModel):
    items: list[Exchange]
    next_cursor: str | None


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    next_cursor: str | None


class PartyPage(BaseModel):
    items: list[Party]
    next_cursor: str | None


class ClaimPage(BaseModel):
    items: list[Claim]
    next_cursor: str | None


class MechanismPage(BaseModel):
    items: list[Mechanism]
    next_cursor: str | None


class Decision(BaseModel):
    note: str | None = Field(default=None, max_length=2000)


class ParticipantIn(BaseModel):
    party_id: str | None = Field(default=None, max_length=64)
    role: str = Field(max_length=16)
    surface: str | None = Field(default=None, max_length=300)
    people: list[dict[str, str]] = []


class ExchangeEditIn(BaseModel):
    kind: str | None = Field(default=None, max_length=16)
    date: str | None = Field(default=None, max_length=10)
    place: str | None = Field(default=None, max_length=300)
    participants: list[ParticipantIn] | None = Field(default=None, max_length=1000)
    note: str | None = Field(default=None, max_length=2000)


class MergeIn(BaseModel):
    into: str = Field(max_length=64)
    note: str | None = Field(default=None, max_length=2000)


MAX_ID = 2**63 - 1  # the largest row id a database holds


class SplitIn(BaseModel):
    # the evidence ids that report the other event
    evidence: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(min_length=1, max_length=1000)
    note: str | None = Field(default=None, max_length=2000)


class AuditEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: int
    at: Any
    actor: str
    action: str
    table_name: str
    record_id: str
    before: Any = None
    after: Any = None
    note: str | None = None


class UserIn(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    role: str


class UserOut(BaseModel):
    id: int
    name: str
    role: str


class NewUser(UserOut):
    token: str  # shown once


class SearchResult(BaseModel):
    parties: list[dict[str, Any]]
    documents: list[dict[str, Any]]
