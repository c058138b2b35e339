"""The whole domain model as SQLAlchemy Core tables. Alembic migrations build exactly this."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("version", String(32), nullable=False),
    Column("arguments", JSON, nullable=False),
    Column("summary", JSON),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True),  # hash of the input's identity and bytes
    Column("external_id", String(200), index=True),
    Column("source", Text, nullable=False),  # path as given, for provenance
    Column("source_key", Text, nullable=False),  # stable identity of the input within its source
    Column("locator", String(64), nullable=False),  # line, record offset or feed entry inside the source
    Column("source_format", String(16), nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(10)),
    Column("published_precision", String(5)),
    Column("lang", String(8)),
    Column("encoding", String(32)),
    Column("status", String(16), nullable=False, index=True),
    Column("status_reason", Text),
    Column("duplicate_of", String(32), ForeignKey("documents.id"), index=True),
    Column("similarity", Float),
    Column("content_hash", String(64), index=True),
    Column("minhash", LargeBinary),
    Column("removals", JSON, nullable=False),
    Column("removed_chars", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("ingest_runs.id"), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # The order in which the store took each document's duplicate state, new or re-pointed: numbered
    # under the store's write lock, so that a run can read what other runs stored since it last looked.
    Column("seq", BigInteger, nullable=False, server_default="0", index=True),
)

parties = Table(
    "parties",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("name_zh", Text),
    Column("native_name", Text),
    Column("country", String(3), index=True),  # ISO 3166-1 alpha-3; null for international federations
    Column("type", String(16), nullable=False),  # party | party_body | non_party
    Column("parent_id", String(64), ForeignKey("parties.id")),  # a party body belongs to its party
    Column("founded", String(10)),
    Column("dissolved", String(10)),
    Column("external_ids", JSON, nullable=False),  # Party Facts, ParlGov, Wikidata, ...
    Column("merged_into", String(64), ForeignKey("parties.id")),
    Column("origin", String(64), nullable=False),  # registry build or the analyst who added it
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

aliases = Table(
    "aliases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("party_id", String(64), ForeignKey("parties.id"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("lang", String(8)),
    Column("kind", String(16), nullable=False),  # name | abbreviation | translation | former_name
    Column("valid_from", String(10)),
    Column("valid_to", String(10)),
    Column("source", String(64)),
    UniqueConstraint("party_id", "text", "lang", "kind"),
)

mechanisms = Table(
    "mechanisms",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("name_zh", Text),
    Column(
        "type", String(32), nullable=False
    ),  # high_level_meeting | regional_dialogue | think_tank_alliance | ...
    Column("organiser_id", String(64), ForeignKey("parties.id")),
    Column("notes", Text),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("surface", Text, nullable=False),
    Column("party_id", String(64), ForeignKey("parties.id"), index=True),  # null: unlinked, or a mechanism
    Column("mechanism_id", String(64), ForeignKey("mechanisms.id"), index=True),  # a named forum or platform
    Column("score", Float),
    Column("reason", Text),
    Column("linker_version", String(64), nullable=False),
)

exchanges = Table(
    "exchanges",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("date", String(10), index=True),  # reports of one event are looked for by their dates
    Column("date_precision", String(5)),
    Column("date_source", String(8)),  # text: the report states it | report: the report's own date
    Column("place", Text),
    Column("mechanism_id", String(64), ForeignKey("mechanisms.id")),
    Column("topics", JSON, nullable=False),
    Column("attendance", JSON),  # figures stated for a multilateral exchange
    Column("confidence", Float),
    Column("status", String(16), nullable=False, index=True),  # extracted | accepted | edited | rejected
    Column("origin", String(64), nullable=False),  # extractor version or user
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("exchange_id", String(64), ForeignKey("exchanges.id"), nullable=False, index=True),
    Column("party_id", String(64), ForeignKey("parties.id"), index=True),
    Column("mention_id", Integer, ForeignKey("mentions.id")),
    Column("surface", Text),
    Column("role", String(16), nullable=False),  # host | guest | delegation | attendee | sender | recipient
    Column("people", JSON, nullable=False),  # [{"name": ..., "title": ...}]
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("subject_id", String(64), ForeignKey("parties.id"), index=True),
    Column("parties", Integer),
    Column("countries", Integer),
    Column("qualifier", String(32)),
    Column("as_of", String(10)),
    Column("as_of_precision", String(5)),
    Column("confidence", Float),
    Column("status", String(16), nullable=False),
    Column("origin", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("exchange_id", String(64), ForeignKey("exchanges.id"), index=True),
    Column("claim_id", String(64), ForeignKey("claims.id"), index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("extractor_version", String(64), nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("table_name", String(32), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Column("note", Text),
    Index("ix_audit_record", "table_name", "record_id"),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),  # viewer | analyst | admin
    Column("token_hash", String(64), nullable=False, unique=True),  # sha256 of the token, never the token
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),  # sha256 of the cookie's value
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),  # the token each form of this session must send back
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
