"""The FastAPI application: routers under the loyalty-group base path and the error shape.

Every refusal leaves as ``{"error": {"code", "message", "details"}}`` (docs/API.md "Errors"):
``ApiError`` from the services, FastAPI's validation errors as ``400 INVALID_REQUEST``, unknown
paths as ``404 NOT_FOUND``, a bug as ``500 INTERNAL`` (logged with its traceback, never shown).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from loyalty_server.context import Settings
from loyalty_server.db import Database
from loyalty_server.deps import ServerState, json_response
from loyalty_server.errors import ApiError, error_body
from loyalty_server.routes import catalogue, coupons, customers, loyaltycards, money, reports

log = logging.getLogger(__name__)
BASE = "/api/v1/pos/loyaltyGroups/{loyaltyGroup}"
_HTTP_CODES = {401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}


def _validation_details(exc: RequestValidationError) -> dict[str, Any]:
    return {
        "fields": [
            {"location": ".".join(str(p) for p in err.get("loc", ())), "problem": str(err.get("msg", ""))}
            for err in exc.errors()[:20]
        ]
    }


def create_app(db: Database, settings: Settings, on_started: Callable[[], None] | None = None) -> FastAPI:
    """The server application over ``db``; ``on_started`` runs once the app is ready to serve."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if on_started is not None:
            on_started()
        yield

    app = FastAPI(
        title="Loyalty API (reference server)",
        version="1.0.0",
        description="The Centara-shaped Loyalty API of docs/API.md, as the reference server implements it.",
        lifespan=lifespan,
    )
    app.state.server = ServerState(db=db, settings=settings)
    for router in (
        catalogue.router,
        money.giftcards,
        money.storecredits,
        coupons.router,
        loyaltycards.router,
        customers.router,
        reports.router,
    ):
        app.include_router(router, prefix=BASE)

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> Response:
        return json_response(exc.body(), exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> Response:
        return json_response(
            error_body("INVALID_REQUEST", "The request does not match the API.", _validation_details(exc)),
            400,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> Response:
        code = _HTTP_CODES.get(exc.status_code, "INVALID_REQUEST")
        return json_response(
            error_body(code, str(exc.detail)), exc.status_code, getattr(exc, "headers", None)
        )

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return json_response(error_body("INTERNAL", "The server failed; the operation was not applied."), 500)

    return app
