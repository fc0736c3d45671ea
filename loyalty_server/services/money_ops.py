"""Gift cards and store credit: issue, unissue, load, pay (hold), refund, void."""

from __future__ import annotations

import random
import secrets
import sqlite3
from datetime import timedelta
from typing import Any

from loyalty_server.context import Ctx
from loyalty_server.errors import ApiError
from loyalty_server.money import check_currency, format_minor, parse_amount
from loyalty_server.numbers import new_number
from loyalty_server.services.authorizations import create_hold
from loyalty_server.services.catalogue import load_series, require_acceptor, require_issuer
from loyalty_server.services.instruments import (
    append_ledger,
    authorized,
    effective_status,
    find_by_number,
    find_operation,
    operation_result,
    reload,
    require_usable,
)


def _issue_amount(ctx: Ctx, series: sqlite3.Row, raw: str | None, currency: str | None) -> int:
    cur = str(series["currency"])
    check_currency(currency, cur)
    fixed = series["fixed_amount_minor"]
    if series["amount_mode"] == "fixed":
        if raw is None:
            return int(fixed)
        amount = parse_amount(raw, cur)
        if amount != fixed:
            raise ApiError(
                409,
                "AMOUNT_OUT_OF_RANGE",
                f"This series has a fixed amount of {format_minor(int(fixed), cur)}.",
                {"fixedAmount": format_minor(int(fixed), cur)},
            )
        return amount
    if raw is None:
        raise ApiError(400, "INVALID_AMOUNT", "An amount is required.", {})
    amount = parse_amount(raw, cur)
    lo, hi = series["min_amount_minor"], series["max_amount_minor"]
    if (lo is not None and amount < lo) or (hi is not None and amount > hi):
        raise ApiError(
            409,
            "AMOUNT_OUT_OF_RANGE",
            "The amount is outside what this series allows.",
            {
                "minAmount": None if lo is None else format_minor(int(lo), cur),
                "maxAmount": None if hi is None else format_minor(int(hi), cur),
            },
        )
    return amount


def _activate(ctx: Ctx, row: sqlite3.Row, amount: int, customer_id: str | None = None) -> dict[str, Any]:
    validity = row["validity_days"]
    expiry = None if validity is None else (ctx.today + timedelta(days=int(validity))).isoformat()
    ctx.conn.execute(
        "UPDATE instruments SET status = 'active', original_minor = ?, net_minor = ?, start_date = ?, "
        "expiry_date = ?, customer_id = COALESCE(?, customer_id) WHERE instrument_id = ?",
        (amount, amount, ctx.today.isoformat(), expiry, customer_id, row["instrument_id"]),
    )
    tx = append_ledger(ctx, row, "issue", amount_minor=amount)
    return operation_result(ctx, row, "issue", tx, amount_minor=amount)


def issue_preissued(
    ctx: Ctx, number: str, kind: str, raw: str | None, currency: str | None
) -> dict[str, Any]:
    """Activate a pre-issued card (``POST /giftcards/{number}/_issue``)."""
    row = find_by_number(ctx, number, kind)
    require_issuer(ctx, row)
    status = effective_status(row, ctx.today)
    if status in ("active", "expired", "closed") or (status == "blocked" and row["original_minor"]):
        raise ApiError(409, "ALREADY_ISSUED", "This card has already been issued.", {"status": status})
    if status == "blocked":
        require_usable(ctx, row)
    amount = _issue_amount(ctx, row, raw, currency)
    return _activate(ctx, row, amount)


def issue_from_series(
    ctx: Ctx, series_number: str, kind: str, raw: str | None, currency: str | None, customer_id: str | None
) -> dict[str, Any]:
    """Issue a new live-printed card or a store-credit note from a series."""
    series = load_series(ctx.conn, ctx.terminal.loyalty_group, series_number[:64])
    if series["kind"] != kind:
        raise ApiError(404, "UNKNOWN_SERIES", f"No {kind} series with this number.", {})
    require_issuer(ctx, series)
    if series["issue_mode"] != "live":
        raise ApiError(
            409, "NOT_ACTIVE", "Cards of this series are pre-issued: activate a card by its number.", {}
        )
    amount = _issue_amount(ctx, series, raw, currency)
    if customer_id is not None and (
        ctx.conn.execute(
            "SELECT 1 FROM customers WHERE customer_id = ? AND loyalty_group = ?",
            (customer_id, ctx.terminal.loyalty_group),
        ).fetchone()
        is None
    ):
        raise ApiError(404, "UNKNOWN_CUSTOMER", "No such customer.", {})
    number = new_number(
        ctx.conn,
        ctx.terminal.loyalty_group,
        str(series["prefix"]),
        int(series["length"]),
        str(series["check_digit"]),
        bool(series["alphanumeric"]),
        random.Random(secrets.randbits(64)),
    )
    instrument_id = insert_instrument(ctx.conn, series, number, "preissued", ctx.now_iso)
    row = find_by_number(ctx, number, kind)
    assert row["instrument_id"] == instrument_id
    return _activate(ctx, row, amount, customer_id)


def insert_instrument(
    conn: sqlite3.Connection, series: sqlite3.Row, number: str, status: str, created: str
) -> str:
    """Insert a new instrument row and return its id (``I-000123``)."""
    cur = conn.execute(
        "INSERT INTO instruments (instrument_id, loyalty_group, series_number, number, status, created) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        ("pending-" + number, series["loyalty_group"], series["series_number"], number, status, created),
    )
    instrument_id = f"I-{cur.lastrowid:06d}"
    conn.execute("UPDATE instruments SET instrument_id = ? WHERE rowid = ?", (instrument_id, cur.lastrowid))
    return instrument_id


def unissue(ctx: Ctx, number: str, kind: str) -> dict[str, Any]:
    """Undo an issue while no money moved besides it."""
    row = find_by_number(ctx, number, kind)
    require_issuer(ctx, row)
    require_usable(ctx, row)
    moved = ctx.conn.execute(
        "SELECT COUNT(*) FROM transactions WHERE instrument_id = ? AND type "
        "NOT IN ('issue', 'block', 'unblock')",
        (row["instrument_id"],),
    ).fetchone()[0]
    if moved:
        raise ApiError(409, "HAS_TRANSACTIONS", "Money has moved on this card since it was issued.", {})
    amount = int(row["net_minor"])
    new_status = "preissued" if row["issue_mode"] == "preissued" else "closed"
    ctx.conn.execute(
        "UPDATE instruments SET status = ?, original_minor = 0, net_minor = 0, start_date = NULL, "
        "expiry_date = NULL WHERE instrument_id = ?",
        (new_status, row["instrument_id"]),
    )
    tx = append_ledger(ctx, row, "unissue", amount_minor=amount)
    return operation_result(ctx, row, "unissue", tx, amount_minor=amount)


def load(ctx: Ctx, number: str, kind: str, raw: str, currency: str | None) -> dict[str, Any]:
    """Top up an active card."""
    row = find_by_number(ctx, number, kind)
    require_acceptor(ctx, row)
    cur = str(row["currency"])
    amount = parse_amount(raw, cur)
    check_currency(currency, cur)
    require_usable(ctx, row)
    ctx.conn.execute(
        "UPDATE instruments SET net_minor = net_minor + ? WHERE instrument_id = ?",
        (amount, row["instrument_id"]),
    )
    tx = append_ledger(ctx, row, "load", amount_minor=amount)
    return operation_result(ctx, row, "load", tx, amount_minor=amount)


def pay(
    ctx: Ctx, number: str, kind: str, raw: str, currency: str | None, reference: str | None
) -> dict[str, Any]:
    """Hold ``amount`` on the card (committed or cancelled later; expires after the auth TTL)."""
    row = find_by_number(ctx, number, kind)
    require_acceptor(ctx, row)
    cur = str(row["currency"])
    amount = parse_amount(raw, cur)
    check_currency(currency, cur)
    require_usable(ctx, row)
    held, _ = authorized(ctx, str(row["instrument_id"]))
    available = int(row["net_minor"]) - held
    if amount > available:
        raise ApiError(
            409,
            "INSUFFICIENT_FUNDS",
            "Not enough money on the card.",
            {"amountAvailable": format_minor(available, cur), "amountRequested": format_minor(amount, cur)},
        )
    code, expires = create_hold(ctx, row, amount_minor=amount, points=None)
    tx = append_ledger(ctx, row, "pay", amount_minor=amount, auth_code=code, reference=reference)
    return operation_result(ctx, row, "pay", tx, amount_minor=amount, auth_code=code, auth_expires=expires)


def _committed_for(ctx: Ctx, original: sqlite3.Row) -> int:
    """Money actually taken by an original pay/commit operation."""
    if original["type"] == "commit":
        return int(original["amount_minor"])
    if original["type"] == "pay":
        got = ctx.conn.execute(
            "SELECT COALESCE(SUM(amount_minor), 0) FROM transactions WHERE type = 'commit' AND auth_code = ?",
            (original["auth_code"],),
        ).fetchone()[0]
        return int(got)
    raise ApiError(409, "NOTHING_TO_RETURN", "Only a payment can be refunded.", {"type": original["type"]})


def refund(
    ctx: Ctx, number: str, kind: str, raw: str, currency: str | None, original_operation_id: str | None
) -> dict[str, Any]:
    """Money back onto the card; never more than the named original payment took."""
    row = find_by_number(ctx, number, kind)
    require_acceptor(ctx, row)
    cur = str(row["currency"])
    amount = parse_amount(raw, cur)
    check_currency(currency, cur)
    require_usable(ctx, row)
    if original_operation_id is not None:
        original = find_operation(ctx, row, original_operation_id)
        taken = _committed_for(ctx, original)
        refunded = ctx.conn.execute(
            "SELECT COALESCE(SUM(amount_minor), 0) FROM transactions WHERE instrument_id = ? "
            "AND type = 'refund' AND original_operation_id = ?",
            (row["instrument_id"], original_operation_id),
        ).fetchone()[0]
        left = taken - int(refunded)
        if left <= 0:
            raise ApiError(409, "NOTHING_TO_RETURN", "This payment has been refunded in full.", {})
        if amount > left:
            raise ApiError(
                409,
                "AMOUNT_OUT_OF_RANGE",
                "Cannot refund more than the original payment.",
                {"refundable": format_minor(left, cur)},
            )
    ctx.conn.execute(
        "UPDATE instruments SET net_minor = net_minor + ? WHERE instrument_id = ?",
        (amount, row["instrument_id"]),
    )
    tx = append_ledger(ctx, row, "refund", amount_minor=amount, original_operation_id=original_operation_id)
    return operation_result(ctx, row, "refund", tx, amount_minor=amount)


def void(ctx: Ctx, number: str, kind: str, original_operation_id: str) -> dict[str, Any]:
    """Reverse one earlier operation of this terminal exactly."""
    row = find_by_number(ctx, number, kind)
    require_acceptor(ctx, row)
    original = find_operation(ctx, row, original_operation_id)
    if original["terminal_id"] != ctx.terminal.terminal_id:
        raise ApiError(403, "FORBIDDEN", "Only the terminal that made an operation may void it.", {})
    if original["reversed_by"] is not None:
        raise ApiError(409, "ALREADY_REVERSED", "This operation has already been voided.", {})
    kind_of = original["type"]
    amount = int(original["amount_minor"] or 0)
    delta = 0
    if kind_of in ("load", "refund"):
        held, _ = authorized(ctx, str(row["instrument_id"]))
        if int(row["net_minor"]) - held < amount:
            raise ApiError(409, "INSUFFICIENT_FUNDS", "The money has already been spent.", {})
        delta = -amount
    elif kind_of == "commit":
        delta = amount
    elif kind_of == "pay":
        hold = ctx.conn.execute(
            "SELECT status FROM authorizations WHERE auth_code = ?", (original["auth_code"],)
        ).fetchone()
        if hold is not None and hold["status"] == "pending":
            ctx.conn.execute(
                "UPDATE authorizations SET status = 'cancelled' WHERE auth_code = ?", (original["auth_code"],)
            )
        amount = _committed_for(ctx, original)
        delta = amount
    else:
        raise ApiError(409, "NOTHING_TO_RETURN", f"A {kind_of} cannot be voided.", {"type": kind_of})
    ctx.conn.execute(
        "UPDATE instruments SET net_minor = net_minor + ? WHERE instrument_id = ?",
        (delta, row["instrument_id"]),
    )
    tx = append_ledger(ctx, row, "void", amount_minor=amount, original_operation_id=original_operation_id)
    ctx.conn.execute(
        "UPDATE transactions SET reversed_by = ? WHERE instrument_id = ? AND operation_id = ?",
        (ctx.operation_id, row["instrument_id"], original_operation_id),
    )
    return operation_result(ctx, reload(ctx, row), "void", tx, amount_minor=amount)
