"""The FastAPI application: routers under the loyalty-group base path and the error shape.

Every refusal leaves as ``{"error": {"code", "message", "details"}}`` (docs/API.md "Errors"):
``ApiError`` from the services, FastAPI's validation errors as ``400 INVALID_REQUEST`` (``400
IDEMPOTENCY_KEY_REQUIRED`` for a missing or malformed key, ``400 INVALID_AMOUNT`` when only money
fields are wrong), unknown paths as ``404 NOT_FOUND``, a method the path does not serve as ``405`` with
``Allow`` naming every method it does (``OPTIONS`` answers ``204`` with that ``Allow``), a bug as
``500 INTERNAL`` (logged with its traceback, never shown).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute, APIRouter
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from loyalty_server.admin import routes as admin_routes
from loyalty_server.admin import web as admin_web
from loyalty_server.backpressure import Backpressure
from loyalty_server.context import Settings
from loyalty_server.db import Database
from loyalty_server.deps import ServerState, json_response
from loyalty_server.errors import ApiError, error_body
from loyalty_server.idempotency import key_required
from loyalty_server.requests import MONEY_FIELDS
from loyalty_server.routes import (
    batch,
    card_moves,
    catalogue,
    coupons,
    customers,
    loyaltycards,
    money,
    reports,
)

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


def _refusal(exc: RequestValidationError) -> Response:
    """``400``: a missing or malformed Idempotency-Key first, then money in the wrong form, else the rest."""
    errors = exc.errors()
    if any(tuple(err.get("loc", ())) == ("header", "Idempotency-Key") for err in errors):
        refusal = key_required()
        return json_response(refusal.body(), refusal.status)
    body_errors = [err for err in errors if tuple(err.get("loc", ()))[:1] == ("body",)]
    money = bool(body_errors) and all(
        len(err.get("loc", ())) > 1 and err["loc"][-1] in MONEY_FIELDS for err in body_errors
    )
    code, message = (
        ("INVALID_AMOUNT", 'Amounts are positive decimal strings such as "25.00".')
        if money
        else (
            "INVALID_REQUEST",
            "The request does not match the API.",
        )
    )
    return json_response(error_body(code, message, _validation_details(exc)), 400)


def _method_table(
    routers: Iterable[tuple[str, APIRouter]],
) -> list[tuple[re.Pattern[str], frozenset[str]]]:
    """Each route's full path (as a regex) and its methods, for the ``Allow`` of a 405."""
    table = []
    for prefix, router in routers:
        for route in router.routes:
            if isinstance(route, APIRoute):
                regex, _, _ = compile_path(prefix + route.path)
                table.append((regex, frozenset(route.methods or ())))
    return table


def _allowed_methods(table: list[tuple[re.Pattern[str], frozenset[str]]], path: str) -> list[str]:
    """Every method some route serves at ``path``."""
    return sorted(set().union(*(methods for regex, methods in table if regex.match(path))))


async def _no_nul_in_url(request: Request) -> None:
    """``400 INVALID_REQUEST`` for a NUL character in the path or query (requests.nul_fields: why)."""
    query = [f"query {k}" for k, v in request.query_params.multi_items() if "\x00" in k + v]
    where = (["path"] if "\x00" in request.scope.get("path", "") else []) + query
    if where:
        raise ApiError(
            400,
            "INVALID_REQUEST",
            "Text may not contain the NUL character (U+0000).",
            {"fields": [{"location": w, "problem": "NUL character"} for w in where]},
        )


def create_app(db: Database, settings: Settings, on_started: Callable[[], None] | None = None) -> FastAPI:
    """The server application over ``db``; ``on_started`` runs once the app is ready to serve."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if on_started is not None:
            on_started()
        yield

    app = FastAPI(
        dependencies=[Depends(_no_nul_in_url)],
        title="Loyalty API (reference server)",
        version="1.0.0",
        description="The Centara-shaped Loyalty API of docs/API.md, as the reference server implements it.",
        lifespan=lifespan,
    )
    app.state.server = ServerState(db=db, settings=settings)
    # batches applied at once by this worker (routes.batch: a group transaction holds the write lock)
    app.state.batch_slots = threading.BoundedSemaphore(settings.max_batches_in_flight)
    app.add_middleware(Backpressure, max_in_flight=settings.max_in_flight)
    routers = (
        catalogue.router,
        money.giftcards,
        money.storecredits,
        coupons.router,
        loyaltycards.router,
        card_moves.router,
        customers.router,
        reports.router,
        batch.router,
    )
    for router in routers:
        app.include_router(router, prefix=BASE)
    # The back office and pairing: served here, documented apart (admin.routes.admin_openapi).
    admin_routes.include(app, in_schema=False)
    admin_web.include(app)  # the web back office at /admin (pages over the same services)
    methods = _method_table([*((BASE, r) for r in routers), *admin_routes.ROUTERS])

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> Response:
        return json_response(exc.body(), exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> Response:
        return _refusal(exc)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            allowed = _allowed_methods(methods, request.url.path)
            headers["Allow"] = ", ".join([*allowed, "OPTIONS"])
            if request.method == "OPTIONS":
                return Response(status_code=204, headers=headers)
        code = _HTTP_CODES.get(exc.status_code, "INVALID_REQUEST")
        return json_response(error_body(code, str(exc.detail)), exc.status_code, headers or None)

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return json_response(error_body("INTERNAL", "The server failed; the operation was not applied."), 500)

    return app
