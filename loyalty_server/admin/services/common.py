"""What the back-office services share: refusals with reasons and row look-ups."""

from __future__ import annotations

from typing import Any

from loyalty_server.admin.auth import AdminCtx
from loyalty_server.db import Row
from loyalty_server.errors import ApiError


def invalid(code: str, message: str, **details: Any) -> ApiError:
    """``400`` with a stable code and the reason in words."""
    return ApiError(400, code, message, details)


def conflict(code: str, message: str, **details: Any) -> ApiError:
    """``409``: the change contradicts what is stored."""
    return ApiError(409, code, message, details)


def not_found(code: str, message: str, **details: Any) -> ApiError:
    return ApiError(404, code, message, details)


def store_row(ctx: AdminCtx, store: int) -> Row:
    """The store of this loyalty group, or ``404 UNKNOWN_STORE``."""
    row: Row | None = ctx.conn.execute(
        "SELECT * FROM stores WHERE loyalty_group = :loyalty_group AND store = :store",
        {"loyalty_group": ctx.loyalty_group, "store": store},
    ).fetchone()
    if row is None:
        raise not_found("UNKNOWN_STORE", f"No store {store} in this loyalty group.", store=store)
    return row


def merchant_of_store(ctx: AdminCtx, store: int) -> Row | None:
    """The merchant of a store (one per store), if it has one."""
    row: Row | None = ctx.conn.execute(
        "SELECT * FROM merchants WHERE loyalty_group = :loyalty_group AND store = :store",
        {"loyalty_group": ctx.loyalty_group, "store": store},
    ).fetchone()
    return row


def merchant_group_row(ctx: AdminCtx, code: str) -> Row:
    """The merchant group of this loyalty group, or ``404 UNKNOWN_MERCHANT_GROUP``."""
    row: Row | None = ctx.conn.execute(
        "SELECT * FROM merchant_groups WHERE loyalty_group = :loyalty_group AND code = :code",
        {"loyalty_group": ctx.loyalty_group, "code": code},
    ).fetchone()
    if row is None:
        raise not_found(
            "UNKNOWN_MERCHANT_GROUP", f"No merchant group {code} in this loyalty group.", merchantGroup=code
        )
    return row
