"""Merchants (one per store) and merchant groups, the issuer and acceptor groups of series."""

from __future__ import annotations

from typing import Any

from loyalty_server.admin import audit
from loyalty_server.admin.auth import Action, AdminCtx, authorize
from loyalty_server.admin.services.common import (
    conflict,
    invalid,
    merchant_group_row,
    merchant_of_store,
    not_found,
    store_row,
)
from loyalty_server.db import Row
from loyalty_server.money import CURRENCY_EXPONENTS, format_minor

# The offline limits a new merchant's tills get unless told otherwise (minor units; seconds).
DEFAULT_MAX_OUTSTANDING_MINOR = 50000
DEFAULT_MAX_QUEUE_AGE_SECONDS = 86400
DEFAULT_OVERRIDE_HARD_CAP_MINOR = 100000
DEFAULT_DAILY_VALUE_CAP_MINOR = 2000000


def require_currency(currency: str) -> None:
    """``400 UNKNOWN_CURRENCY`` for a currency the server has no minor-unit exponent for."""
    if currency not in CURRENCY_EXPONENTS:
        raise invalid(
            "UNKNOWN_CURRENCY",
            f"Unknown currency {currency}: use one of {', '.join(sorted(CURRENCY_EXPONENTS))}.",
            currency=currency,
        )


def _members(ctx: AdminCtx, merchant_id: str) -> list[str]:
    return [
        str(r[0])
        for r in ctx.conn.execute(
            "SELECT group_code FROM merchant_group_members WHERE merchant_id = :merchant_id ORDER BY "
            "group_code",
            {"merchant_id": merchant_id},
        )
    ]


def merchant_json(ctx: AdminCtx, row: Row) -> dict[str, Any]:
    cur = str(row["currency"])
    daily = row["daily_value_cap_minor"]
    return {
        "merchantId": row["merchant_id"],
        "name": row["name"],
        "store": row["store"],
        "currency": cur,
        "merchantGroups": _members(ctx, str(row["merchant_id"])),
        "offlineLimits": {
            "maxOutstanding": format_minor(int(row["max_outstanding_minor"]), cur),
            "maxQueueAgeSeconds": row["max_queue_age_seconds"],
            "overrideHardCap": format_minor(int(row["override_hard_cap_minor"]), cur),
            "dailyValueCap": None if daily is None else format_minor(int(daily), cur),
        },
    }


def _merchant(ctx: AdminCtx, merchant_id: str) -> Row:
    row: Row | None = ctx.conn.execute(
        "SELECT * FROM merchants WHERE loyalty_group = :loyalty_group AND merchant_id = :merchant_id",
        {"loyalty_group": ctx.loyalty_group, "merchant_id": merchant_id},
    ).fetchone()
    if row is None:
        raise not_found("UNKNOWN_MERCHANT", f"No merchant {merchant_id}.", merchantId=merchant_id)
    return row


def add_merchant(ctx: AdminCtx, store: int, name: str, currency: str) -> dict[str, Any]:
    """The store's merchant (``409`` when the store has one: one merchant per store)."""
    authorize(ctx, Action.CHANGE)
    require_currency(currency)
    s = store_row(ctx, store)
    existing = merchant_of_store(ctx, store)
    if existing is not None:
        raise conflict(
            "ALREADY_EXISTS",
            f"Store {store} already has a merchant ({existing['merchant_id']}): one merchant per store.",
            store=store,
            merchantId=existing["merchant_id"],
        )
    merchant_id = f"M{store:03d}"
    if ctx.conn.execute(
        "SELECT 1 FROM merchants WHERE merchant_id = :merchant_id", {"merchant_id": merchant_id}
    ).fetchone():
        merchant_id = f"M{store:03d}-{ctx.loyalty_group}"[:64]  # the same store number in another group
    ctx.conn.execute(
        "INSERT INTO merchants (merchant_id, loyalty_group, name, store, store_name, store_address, "
        "currency, "
        "max_outstanding_minor, max_queue_age_seconds, override_hard_cap_minor, daily_value_cap_minor) "
        "VALUES (:merchant_id, :loyalty_group, :name, :store, :store_name, :store_address, :currency, "
        ":max_outstanding_minor, :max_queue_age_seconds, :override_hard_cap_minor, :daily_value_cap_minor)",
        {
            "merchant_id": merchant_id,
            "loyalty_group": ctx.loyalty_group,
            "name": name,
            "store": store,
            "store_name": s["name"],
            "store_address": s["address"],
            "currency": currency,
            "max_outstanding_minor": DEFAULT_MAX_OUTSTANDING_MINOR,
            "max_queue_age_seconds": DEFAULT_MAX_QUEUE_AGE_SECONDS,
            "override_hard_cap_minor": DEFAULT_OVERRIDE_HARD_CAP_MINOR,
            "daily_value_cap_minor": DEFAULT_DAILY_VALUE_CAP_MINOR,
        },
    )
    after = merchant_json(ctx, _merchant(ctx, merchant_id))
    audit.record(ctx, "merchant.add", f"merchant:{merchant_id}", None, after)
    return after


def list_merchants(ctx: AdminCtx) -> dict[str, Any]:
    authorize(ctx, Action.READ)
    rows = ctx.conn.execute(
        "SELECT * FROM merchants WHERE loyalty_group = :loyalty_group ORDER BY store",
        {"loyalty_group": ctx.loyalty_group},
    ).fetchall()
    return {"merchants": [merchant_json(ctx, r) for r in rows]}


def _group_json(ctx: AdminCtx, row: Row) -> dict[str, Any]:
    members = [
        str(r[0])
        for r in ctx.conn.execute(
            "SELECT merchant_id FROM merchant_group_members WHERE group_code = :group_code ORDER BY "
            "merchant_id",
            {"group_code": row["code"]},
        )
    ]
    return {"code": row["code"], "name": row["name"], "merchants": members}


def add_merchant_group(ctx: AdminCtx, code: str, name: str) -> dict[str, Any]:
    authorize(ctx, Action.CHANGE)
    if ctx.conn.execute("SELECT 1 FROM merchant_groups WHERE code = :code", {"code": code}).fetchone():
        raise conflict("ALREADY_EXISTS", f"Merchant group {code} exists.", merchantGroup=code)
    ctx.conn.execute(
        "INSERT INTO merchant_groups (code, loyalty_group, name) VALUES (:code, :loyalty_group, :name)",
        {"code": code, "loyalty_group": ctx.loyalty_group, "name": name},
    )
    after = _group_json(ctx, merchant_group_row(ctx, code))
    audit.record(ctx, "merchant-group.add", f"merchant-group:{code}", None, after)
    return after


def join_merchant_group(ctx: AdminCtx, code: str, merchant_id: str) -> dict[str, Any]:
    """Put a merchant in a merchant group (its tills then issue and accept the group's series)."""
    authorize(ctx, Action.CHANGE)
    before = _group_json(ctx, merchant_group_row(ctx, code))
    _merchant(ctx, merchant_id)
    if merchant_id in before["merchants"]:
        raise conflict("ALREADY_MEMBER", f"{merchant_id} is already in {code}.", merchantGroup=code)
    ctx.conn.execute(
        "INSERT INTO merchant_group_members (group_code, merchant_id) VALUES (:group_code, :merchant_id)",
        {"group_code": code, "merchant_id": merchant_id},
    )
    after = _group_json(ctx, merchant_group_row(ctx, code))
    audit.record(ctx, "merchant-group.join", f"merchant-group:{code}", before, after)
    return after


def leave_merchant_group(ctx: AdminCtx, code: str, merchant_id: str) -> dict[str, Any]:
    authorize(ctx, Action.CHANGE)
    before = _group_json(ctx, merchant_group_row(ctx, code))
    if merchant_id not in before["merchants"]:
        raise not_found("NOT_A_MEMBER", f"{merchant_id} is not in {code}.", merchantGroup=code)
    ctx.conn.execute(
        "DELETE FROM merchant_group_members WHERE group_code = :group_code AND merchant_id = :merchant_id",
        {"group_code": code, "merchant_id": merchant_id},
    )
    after = _group_json(ctx, merchant_group_row(ctx, code))
    audit.record(ctx, "merchant-group.leave", f"merchant-group:{code}", before, after)
    return after


def list_merchant_groups(ctx: AdminCtx) -> dict[str, Any]:
    authorize(ctx, Action.READ)
    rows = ctx.conn.execute(
        "SELECT * FROM merchant_groups WHERE loyalty_group = :loyalty_group ORDER BY code",
        {"loyalty_group": ctx.loyalty_group},
    ).fetchall()
    return {"merchantGroups": [_group_json(ctx, r) for r in rows]}
