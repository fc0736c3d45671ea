"""Authorisations (holds): create, commit, cancel; shared by money instruments and points.

A hold is committed or cancelled only by the merchant whose terminal placed it (``403 FORBIDDEN``
otherwise): a store cannot capture or release another store's payment.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from loyalty_server.context import Ctx, iso
from loyalty_server.db import Row
from loyalty_server.errors import ApiError
from loyalty_server.money import format_minor
from loyalty_server.numbers import ALPHANUMERIC
from loyalty_server.services import point_lots, points_config, sales
from loyalty_server.services.catalogue import require_acceptor
from loyalty_server.services.instruments import (
    append_ledger,
    authorized,
    find_by_id,
    operation_result,
    require_usable,
)


def create_hold(ctx: Ctx, row: Row, *, amount_minor: int | None, points: int | None) -> tuple[str, str]:
    """Record a pending hold; returns its code and expiry time."""
    expires = iso(ctx.now + timedelta(seconds=ctx.settings.auth_ttl_seconds))
    while True:
        code = "A-" + "".join(secrets.choice(ALPHANUMERIC) for _ in range(8))
        # a code already taken inserts nothing (and leaves the transaction usable on PostgreSQL)
        added = ctx.conn.execute(
            "INSERT INTO authorizations (auth_code, instrument_id, terminal_id, operation_id, "
            "amount_minor, points, status, created, expires) VALUES (:auth_code, :instrument_id, "
            ":terminal_id, :operation_id, :amount_minor, :points, 'pending', :created, :expires) "
            "ON CONFLICT (auth_code) DO NOTHING",
            {
                "auth_code": code,
                "instrument_id": row["instrument_id"],
                "terminal_id": ctx.terminal.terminal_id,
                "operation_id": ctx.operation_id,
                "amount_minor": amount_minor,
                "points": points,
                "created": ctx.now_iso,
                "expires": expires,
            },
        ).rowcount
        if added:
            return code, expires


def find_hold(ctx: Ctx, row: Row, auth_code: str) -> Row:
    """The hold ``auth_code`` on this instrument, or ``404 AUTH_NOT_FOUND``."""
    hold: Row | None = None
    if len(auth_code) <= 64:
        hold = ctx.conn.execute(
            "SELECT * FROM authorizations WHERE auth_code = :auth_code AND instrument_id = :instrument_id",
            {"auth_code": auth_code, "instrument_id": row["instrument_id"]},
        ).fetchone()
    if hold is None:
        raise ApiError(404, "AUTH_NOT_FOUND", "No such authorisation on this card.", {})
    return hold


def _require_owner(ctx: Ctx, hold: Row) -> None:
    """``403 FORBIDDEN`` unless the hold was placed by a terminal of this terminal's merchant."""
    placed = ctx.conn.execute(
        "SELECT t.merchant_id, m.name FROM terminals t JOIN merchants m ON m.merchant_id = t.merchant_id "
        "WHERE t.terminal_id = :terminal_id",
        {"terminal_id": hold["terminal_id"]},
    ).fetchone()
    if placed is not None and placed["merchant_id"] == ctx.terminal.merchant_id:
        return
    where = "another store" if placed is None else f"another store ({placed['name']})"
    raise ApiError(
        403,
        "FORBIDDEN",
        f"This authorisation was placed by {where}; only that store can commit or cancel it.",
        {"authCode": hold["auth_code"]},
    )


def _close_if_spent(ctx: Ctx, row: Row) -> None:
    """A store credit spent to zero, with no other hold open on it, is closed (docs/API.md)."""
    if row["kind"] != "storecredit":
        return
    now = ctx.conn.execute(
        "SELECT net_minor FROM instruments WHERE instrument_id = :instrument_id",
        {"instrument_id": row["instrument_id"]},
    ).fetchone()
    held, _ = authorized(ctx, str(row["instrument_id"]))
    if int(now["net_minor"]) == 0 and held == 0:
        ctx.conn.execute(
            "UPDATE instruments SET status = 'closed' WHERE instrument_id = :instrument_id AND status = "
            "'active'",
            {"instrument_id": row["instrument_id"]},
        )


def _require_open(ctx: Ctx, hold: Row, *, for_commit: bool) -> None:
    if hold["status"] != "pending":
        raise ApiError(409, "AUTH_FINAL", f"This authorisation is already {hold['status']}.", {})
    if str(hold["expires"]) <= ctx.now_iso and for_commit:
        raise ApiError(409, "AUTH_EXPIRED", "This authorisation has expired.", {"expired": hold["expires"]})


def _finish(ctx: Ctx, hold: Row, status: str) -> None:
    """Close a pending hold as ``status``; ``AUTH_FINAL`` if a concurrent write closed it first.

    The guarded update is a second line behind the card's row lock (:func:`find_by_number`): a hold
    is committed or cancelled once, whatever path reached it.
    """
    closed = ctx.conn.execute(
        "UPDATE authorizations SET status = :status WHERE auth_code = :auth_code AND status = 'pending'",
        {"status": status, "auth_code": hold["auth_code"]},
    ).rowcount
    if closed != 1:
        raise ApiError(409, "AUTH_FINAL", "This authorisation has already been committed or cancelled.", {})


def commit_hold(
    ctx: Ctx, row: Row, auth_code: str, *, amount_minor: int | None, points: int | None
) -> dict[str, Any]:
    """Capture (part of) a hold: the balance goes down by the captured amount, the rest is released."""
    require_acceptor(ctx, row)
    hold = find_hold(ctx, row, auth_code)
    _require_owner(ctx, hold)
    _require_open(ctx, hold, for_commit=True)
    if row["status"] == "blocked":
        require_usable(ctx, row)
    is_points = hold["points"] is not None
    held = int(hold["points"] if is_points else hold["amount_minor"])
    wanted = points if is_points else amount_minor
    if wanted is None:
        wanted = held
    if wanted > held:
        raise ApiError(
            409,
            "AMOUNT_OUT_OF_RANGE",
            f"Cannot commit more than was authorised ({_held_text(hold, row)}).",
            {"authorised": held},
        )
    _finish(ctx, hold, "committed")
    if is_points:
        point_lots.take(ctx, str(row["instrument_id"]), wanted)
    else:
        ctx.conn.execute(
            "UPDATE instruments SET net_minor = net_minor - :wanted WHERE instrument_id = :instrument_id",
            {"wanted": wanted, "instrument_id": row["instrument_id"]},
        )
    if is_points:
        worth = points_config.points_money_minor(row, wanted)
        tx = append_ledger(ctx, row, "commit", amount_minor=worth, points=wanted, auth_code=auth_code)
        return operation_result(
            ctx, row, "commit", tx, amount_minor=worth, points=wanted, auth_code=auth_code
        )
    sale_id = sales.sale_key(str(hold["terminal_id"]), str(hold["operation_id"]))
    sales.capture(ctx, str(row["instrument_id"]), sale_id, wanted)
    tx = append_ledger(ctx, row, "commit", amount_minor=wanted, auth_code=auth_code, sale_id=sale_id)
    _close_if_spent(ctx, row)
    left = sales.reversible(ctx, str(row["instrument_id"]), sale_id)
    return operation_result(
        ctx, row, "commit", tx, amount_minor=wanted, auth_code=auth_code, reversible_minor=left
    )


def _held_text(hold: Row, row: Row) -> str:
    if hold["points"] is not None:
        return f"{int(hold['points'])} points"
    cur = str(row["currency"])
    return f"{format_minor(int(hold['amount_minor']), cur)} {cur}"


def cancel_hold(ctx: Ctx, row: Row, auth_code: str) -> dict[str, Any]:
    """Release a hold (an expired hold may still be cancelled: it is then final)."""
    require_acceptor(ctx, row)
    hold = find_hold(ctx, row, auth_code)
    _require_owner(ctx, hold)
    _require_open(ctx, hold, for_commit=False)
    _finish(ctx, hold, "cancelled")
    amount = hold["amount_minor"]
    pts = hold["points"]
    tx = append_ledger(ctx, row, "cancel", amount_minor=amount, points=pts, auth_code=auth_code)
    return operation_result(ctx, row, "cancel", tx, amount_minor=amount, points=pts, auth_code=auth_code)


def cancel_by_instrument_id(ctx: Ctx, instrument_id: str, auth_code: str) -> dict[str, Any]:
    """``POST /instruments/{instrumentId}/authorizations/{authCode}/_cancel``."""
    return cancel_hold(ctx, find_by_id(ctx, instrument_id), auth_code)
