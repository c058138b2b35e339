"""One JSON shape for every error the API returns: {"error": {"status", "code", "message", "detail"}}."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from partynet.store.queries import QueryError
from partynet.store.review import NotFoundError, ReviewError
from partynet.store.users import UserError

log = logging.getLogger(__name__)
CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    409: "conflict", 413: "too_large", 415: "unsupported_media_type", 422: "invalid",
    429: "too_many_requests", 500: "server_error",
}  # fmt: skip


def error_body(status: int, message: str, detail: Any = None) -> dict[str, Any]:
    return {
        "error": {"status": status, "code": CODES.get(status, "error"), "message": message, "detail": detail}
    }


def _response(
    status: int, message: str, detail: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(status, message, detail), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _response(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [{"where": list(e.get("loc", ())), "problem": e.get("msg", "")} for e in exc.errors()]
        return _response(422, "the request does not match the API", problems)

    @app.exception_handler(NotFoundError)
    async def missing(_: Request, exc: NotFoundError) -> JSONResponse:
        return _response(404, str(exc))

    @app.exception_handler(ReviewError)
    @app.exception_handler(QueryError)
    @app.exception_handler(UserError)
    async def refused(_: Request, exc: ValueError) -> JSONResponse:
        return _response(400, str(exc))

    @app.exception_handler(DataError)
    async def unstorable(_: Request, exc: DataError) -> JSONResponse:
        # a value the database cannot hold (a NUL in PostgreSQL text, a number out of range)
        log.info("refused a value the store cannot hold: %s", exc.orig)
        return _response(400, "the request holds a value the store cannot keep")

    @app.exception_handler(Exception)
    async def crashed(_: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error", exc_info=exc)
        return _response(500, "the server failed on this request; it has been logged")
