"""Limits that keep one client from hurting the server: request bodies no larger than a setting (an
import's own, larger limit on /api/imports), and a cap on failed logins and unknown tokens per client
address (token guessing), answered with 429 until the window has passed.

The failure counter lives in each server process: with `--workers N` a client gets N times the cap,
which still makes guessing a 256-bit token hopeless."""

from __future__ import annotations

import json
import time
from collections import defaultdict, deque

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from partynet.api.errors import error_body

WINDOW_SECONDS = 60.0
IMPORTS = "/api/imports"


class FailureLimiter:
    """Failed authentications per client address in a sliding window."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def check(self, client: str) -> None:
        """Refuse (429) a client that failed too often in the last minute."""
        recent = self._recent(client)
        if len(recent) >= self.per_minute:
            wait = int(WINDOW_SECONDS - (time.monotonic() - recent[0])) + 1
            message = "too many failed logins from this address"
            raise HTTPException(429, message, headers={"Retry-After": str(wait)})

    def failed(self, client: str) -> None:
        self._recent(client).append(time.monotonic())

    def _recent(self, client: str) -> deque[float]:
        recent = self._failures[client]
        while recent and time.monotonic() - recent[0] > WINDOW_SECONDS:
            recent.popleft()
        return recent


class BodyLimit:
    """Refuse request bodies over the limit with 413, by their Content-Length or, when they come in
    chunks, as soon as the bytes received pass it: an oversized body is never held in memory whole."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_import_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_import_bytes = max_import_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope.get("path", "") or b"%00" in scope.get("query_string", b"").lower():
            # no value of the API holds a NUL, and PostgreSQL text cannot: refused before any route
            await _refuse(send, 400, "a request may not hold a NUL character")
            return
        limit = self.max_import_bytes if scope.get("path") == IMPORTS else self.max_bytes
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(send, 413, f"the request body is over {limit} bytes")
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, f"the request body is over {limit} bytes")
            return message

        await self.app(scope, counted, send)


async def _refuse(send: Send, status: int, message: str) -> None:
    payload = json.dumps(error_body(status, message)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
