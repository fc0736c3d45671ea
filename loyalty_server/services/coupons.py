"""Coupons: redeem a use, put a use back, and issue reward coupons."""

from __future__ import annotations

import random
import secrets
from datetime import timedelta
from typing import Any

from loyalty_server.context import Ctx
from loyalty_server.db import Row
from loyalty_server.errors import ApiError
from loyalty_server.numbers import new_number
from loyalty_server.services.catalogue import load_series, require_acceptor
from loyalty_server.services.instruments import (
    append_ledger,
    coupon_json,
    find_by_number,
    find_operation,
    operation_result,
    require_usable,
)
from loyalty_server.services.money_ops import insert_instrument


def redeem(ctx: Ctx, code: str, reference: str | None) -> dict[str, Any]:
    """Use a coupon once (``COUPON_USED`` when no use is left)."""
    row = find_by_number(ctx, code, "coupon")
    require_acceptor(ctx, row)
    require_usable(ctx, row)
    uses = row["uses_left"]
    if uses is not None and int(uses) <= 0:
        raise ApiError(409, "COUPON_USED", "This coupon has already been used.", {})
    if uses is not None:
        left = int(uses) - 1
        ctx.conn.execute(
            "UPDATE instruments SET uses_left = :uses_left, status = :status WHERE instrument_id = "
            ":instrument_id",
            {
                "uses_left": left,
                "status": "used" if left == 0 else "active",
                "instrument_id": row["instrument_id"],
            },
        )
    tx = append_ledger(ctx, row, "redeem", reference=reference)
    return operation_result(ctx, row, "redeem", tx)


def unredeem(ctx: Ctx, code: str, original_operation_id: str) -> dict[str, Any]:
    """Put back the use an earlier redeem took."""
    row = find_by_number(ctx, code, "coupon")
    require_acceptor(ctx, row)
    original = find_operation(ctx, row, original_operation_id)
    if original["type"] != "redeem":
        raise ApiError(409, "NOTHING_TO_RETURN", "Only a redeem can be undone.", {"type": original["type"]})
    if original["reversed_by"] is not None:
        raise ApiError(409, "ALREADY_REVERSED", "This redeem has already been undone.", {})
    if row["status"] == "blocked":
        require_usable(ctx, row)
    if row["uses_left"] is not None:
        ctx.conn.execute(
            "UPDATE instruments SET uses_left = uses_left + 1, "
            "status = CASE WHEN status = 'used' THEN 'active' ELSE status END WHERE instrument_id = "
            ":instrument_id",
            {"instrument_id": row["instrument_id"]},
        )
    tx = append_ledger(ctx, row, "unredeem", original_operation_id=original_operation_id)
    ctx.conn.execute(
        "UPDATE transactions SET reversed_by = :reversed_by WHERE instrument_id = :instrument_id AND "
        "operation_id = :operation_id",
        {
            "reversed_by": ctx.operation_id,
            "instrument_id": row["instrument_id"],
            "operation_id": original_operation_id,
        },
    )
    return operation_result(ctx, row, "unredeem", tx)


def issue_coupon(
    ctx: Ctx, series_number: str, customer_id: str | None, rng: random.Random | None = None
) -> Row:
    """Create an active coupon of a series (reward coupons); returns its row."""
    series = load_series(ctx.conn, ctx.terminal.loyalty_group, series_number)
    number = new_number(
        ctx.conn,
        ctx.terminal.loyalty_group,
        str(series["prefix"]),
        int(series["length"]),
        str(series["check_digit"]),
        bool(series["alphanumeric"]),
        rng or random.Random(secrets.randbits(64)),
    )
    instrument_id = insert_instrument(ctx.conn, series, number, "active", ctx.now_iso)
    validity = series["validity_days"]
    expiry = None if validity is None else (ctx.today + timedelta(days=int(validity))).isoformat()
    ctx.conn.execute(
        "UPDATE instruments SET start_date = :start_date, expiry_date = :expiry_date, customer_id = "
        ":customer_id, uses_left = :uses_left "
        "WHERE instrument_id = :instrument_id",
        {
            "start_date": ctx.today.isoformat(),
            "expiry_date": expiry,
            "customer_id": customer_id,
            "uses_left": 1 if series["single_use"] else None,
            "instrument_id": instrument_id,
        },
    )
    return find_by_number(ctx, number, "coupon")


def reward_json(ctx: Ctx, row: Row) -> dict[str, Any]:
    """A reward coupon as ``GET /coupons`` answers."""
    return coupon_json(ctx, row)
