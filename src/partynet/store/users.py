"""Users, their roles and their credentials. A token is shown once, when the user is added, and stored
only as its SHA-256 (tokens are 256 random bits: a fast hash is enough, and lets a request be checked
with one indexed lookup). Browser sessions are stored the same way, with the CSRF token of their forms.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from partynet.store.audit import record as record_audit
from partynet.store.repository import Store
from partynet.store.schema import sessions, users

SESSION_LIFETIME = timedelta(hours=12)


class Role(StrEnum):
    VIEWER = "viewer"  # reads
    ANALYST = "analyst"  # reviews and edits records
    ADMIN = "admin"  # manages users, registry merges and imports

    def allows(self, needed: Role) -> bool:
        order = (Role.VIEWER, Role.ANALYST, Role.ADMIN)
        return order.index(self) >= order.index(needed)


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class Session:
    user: User
    csrf: str
    expires_at: datetime


class UserError(ValueError):
    pass


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Users:
    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def add(self, name: str, role: Role, actor: str = "cli") -> str:
        """Add a user and return their token: the only time it is ever shown."""
        if not name.strip() or len(name) > 64:
            raise UserError("a user name is 1 to 64 characters")
        token = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    users.insert(),
                    {"name": name, "role": role.value, "token_hash": digest(token), "created_at": now,
                     "disabled": False},
                )  # fmt: skip
                record_audit(
                    connection, actor, "add", "users", name, None, {"name": name, "role": role.value}
                )
        except IntegrityError as exc:
            raise UserError(f"a user named {name!r} already exists") from exc
        return token

    def by_token(self, token: str) -> User | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(users.c.id, users.c.name, users.c.role).where(
                    users.c.token_hash == digest(token), users.c.disabled.is_(False)
                )
            ).first()
        return User(row.id, row.name, Role(row.role)) if row else None

    def list(self) -> list[User]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(users.c.id, users.c.name, users.c.role).order_by(users.c.id))
            return [User(r.id, r.name, Role(r.role)) for r in rows]

    def start_session(self, user: User) -> tuple[str, Session]:
        """A new browser session: the cookie's value (returned once) and what it stands for."""
        cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires = datetime.now(UTC) + SESSION_LIFETIME
        with self.engine.begin() as connection:
            connection.execute(delete(sessions).where(sessions.c.expires_at < datetime.now(UTC)))
            connection.execute(
                sessions.insert(),
                {"id_hash": digest(cookie), "user_id": user.id, "csrf": csrf, "expires_at": expires},
            )
        return cookie, Session(user, csrf, expires)

    def session(self, cookie: str) -> Session | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(users.c.id, users.c.name, users.c.role, sessions.c.csrf, sessions.c.expires_at)
                .join(users, users.c.id == sessions.c.user_id)
                .where(sessions.c.id_hash == digest(cookie), users.c.disabled.is_(False))
            ).first()
        if row is None:
            return None
        expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
        if expires < datetime.now(UTC):
            return None
        return Session(User(row.id, row.name, Role(row.role)), row.csrf, expires)

    def end_session(self, cookie: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(sessions).where(sessions.c.id_hash == digest(cookie)))
