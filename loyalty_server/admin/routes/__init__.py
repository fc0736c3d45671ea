"""The admin API's JSON routes (``/api/v1/admin/…``) and the till's pairing route (``/api/v1/pair``).

They are served by the one application but kept out of the POS contract document
(``resources/openapi.json``, the terminal's Centara-shaped contract that tools and the terminal's tests
check): they have their own audience and credentials. :func:`admin_openapi` is their own document
(served at ``/api/v1/admin/openapi.json``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Response

from loyalty_server.admin.routes import config, devices, operations, pairing, points_rules, session
from loyalty_server.deps import json_response

ADMIN_PREFIX = "/api/v1/admin"
GROUP_PREFIX = ADMIN_PREFIX + "/loyaltyGroups/{loyaltyGroup}"

#: (path prefix, router) of every admin route.
#: The admin API's own document, served beside the routes it describes (here, as it needs them all).
schema_router = APIRouter()

ROUTERS: tuple[tuple[str, APIRouter], ...] = (
    (ADMIN_PREFIX, session.router),
    (ADMIN_PREFIX, schema_router),
    (GROUP_PREFIX, devices.router),
    (GROUP_PREFIX, config.router),
    (GROUP_PREFIX, points_rules.router),
    (GROUP_PREFIX, operations.router),
    ("/api/v1", pairing.router),
)


def include(app: FastAPI, *, in_schema: bool) -> None:
    for prefix, router in ROUTERS:
        app.include_router(router, prefix=prefix, include_in_schema=in_schema)


def admin_openapi() -> dict[str, Any]:
    """The OpenAPI document of the admin and pairing routes."""
    doc_app = FastAPI(
        title="Loyalty back office API (reference server)",
        version="1.0.0",
        description="Admin accounts, device tree, pairing, series, batches, customers, reports, audit "
        "(docs/API.md, Back office).",
    )
    include(doc_app, in_schema=True)
    return doc_app.openapi()


@schema_router.get("/openapi.json", include_in_schema=False)
def admin_schema() -> Response:
    return json_response(admin_openapi())
