"""Gift cards and store credit: issue, unissue, load, pay (hold), refund, void.

Refunds and voids reverse a *sale* (services/sales.py), never more than is left of it; activations
and loads obey the series' limits and the terminal's daily cap, a refund the maximum balance and the
cap (services/limits.py); money moves only in the store's currency
(:func:`loyalty_server.money.check_currency`).
"""

from __future__ import annotations

import random
import secrets
from datetime import timedelta
from typing import Any

from loyalty_server.context import Ctx
from loyalty_server.db import Conn, Row, next_id
from loyalty_server.errors import ApiError
from loyalty_server.money import check_currency, format_minor, parse_amount
from loyalty_server.numbers import new_number
from loyalty_server.services import limits, sales
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


def _issue_amount(ctx: Ctx, series: Row, raw: str | None, currency: str | None) -> int:
    cur = str(series["currency"])
    check_currency(currency, cur, ctx.terminal.currency)
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


def _require_creation_allowed(ctx: Ctx, series: Row, amount: int, approved_by: str | None) -> None:
    """The limits of an activation: the series' maximum balance and approval threshold, the daily cap."""
    limits.require_balance_limit(ctx, series, 0, amount)
    limits.require_approval(ctx, series, "issue", amount, approved_by)
    limits.require_daily_cap(ctx, amount)


def _activate(
    ctx: Ctx, row: Row, amount: int, approved_by: str | None, customer_id: str | None = None
) -> dict[str, Any]:
    validity = row["validity_days"]
    expiry = None if validity is None else (ctx.today + timedelta(days=int(validity))).isoformat()
    ctx.conn.execute(
        "UPDATE instruments SET status = 'active', original_minor = :original_minor, net_minor = "
        ":net_minor, start_date = :start_date, "
        "expiry_date = :expiry_date, customer_id = COALESCE(:customer_id, customer_id) WHERE instrument_id "
        "= :instrument_id",
        {
            "original_minor": amount,
            "net_minor": amount,
            "start_date": ctx.today.isoformat(),
            "expiry_date": expiry,
            "customer_id": customer_id,
            "instrument_id": row["instrument_id"],
        },
    )
    sale_id = sales.open_sale(ctx, str(row["instrument_id"]), "issue", amount)
    tx = append_ledger(ctx, row, "issue", amount_minor=amount, sale_id=sale_id, approved_by=approved_by)
    return operation_result(ctx, row, "issue", tx, amount_minor=amount, reversible_minor=amount)


def issue_preissued(
    ctx: Ctx, number: str, kind: str, raw: str | None, currency: str | None, approved_by: str | None = None
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
    _require_creation_allowed(ctx, row, amount, approved_by)
    return _activate(ctx, row, amount, approved_by)


def issue_from_series(
    ctx: Ctx,
    series_number: str,
    kind: str,
    raw: str | None,
    currency: str | None,
    customer_id: str | None,
    approved_by: str | None = None,
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
    _require_creation_allowed(ctx, series, amount, approved_by)
    if customer_id is not None and (
        ctx.conn.execute(
            "SELECT 1 FROM customers WHERE customer_id = :customer_id AND loyalty_group = :loyalty_group",
            {"customer_id": customer_id, "loyalty_group": ctx.terminal.loyalty_group},
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
    return _activate(ctx, row, amount, approved_by, customer_id)


def insert_instrument(conn: Conn, series: Row, number: str, status: str, created: str) -> str:
    """Insert a new instrument row and return its id (``I-000123``, from the ``instrument`` counter)."""
    instrument_id = f"I-{next_id(conn, 'instrument'):06d}"
    conn.execute(
        "INSERT INTO instruments (instrument_id, loyalty_group, series_number, number, status, created) "
        "VALUES (:instrument_id, :loyalty_group, :series_number, :number, :status, :created)",
        {
            "instrument_id": instrument_id,
            "loyalty_group": series["loyalty_group"],
            "series_number": series["series_number"],
            "number": number,
            "status": status,
            "created": created,
        },
    )
    return instrument_id


def unissue(ctx: Ctx, number: str, kind: str) -> dict[str, Any]:
    """Undo an issue while no money moved besides it."""
    row = find_by_number(ctx, number, kind)
    require_issuer(ctx, row)
    require_usable(ctx, row)
    moved = ctx.conn.execute(
        "SELECT COUNT(*) FROM transactions WHERE instrument_id = :instrument_id AND type "
        "NOT IN ('issue', 'block', 'unblock')",
        {"instrument_id": row["instrument_id"]},
    ).fetchone()[0]
    if moved:
        raise ApiError(409, "HAS_TRANSACTIONS", "Money has moved on this card since it was issued.", {})
    amount = int(row["net_minor"])
    new_status = "preissued" if row["issue_mode"] == "preissued" else "closed"
    ctx.conn.execute(
        "UPDATE instruments SET status = :status, original_minor = 0, net_minor = 0, start_date = NULL, "
        "expiry_date = NULL WHERE instrument_id = :instrument_id",
        {"status": new_status, "instrument_id": row["instrument_id"]},
    )
    sales.close_all(ctx, str(row["instrument_id"]))
    tx = append_ledger(ctx, row, "unissue", amount_minor=amount)
    return operation_result(ctx, row, "unissue", tx, amount_minor=amount)


def load(
    ctx: Ctx, number: str, kind: str, raw: str, currency: str | None, approved_by: str | None = None
) -> dict[str, Any]:
    """Top up an active card, within the series' limits and the terminal's daily cap."""
    row = find_by_number(ctx, number, kind)
    require_acceptor(ctx, row)
    cur = str(row["currency"])
    amount = parse_amount(raw, cur)
    check_currency(currency, cur, ctx.terminal.currency)
    require_usable(ctx, row)
    limits.require_load_limits(ctx, row, amount)
    limits.require_approval(ctx, row, "load", amount, approved_by)
    limits.require_daily_cap(ctx, amount)
    ctx.conn.execute(
        "UPDATE instruments SET net_minor = net_minor + :amount WHERE instrument_id = :instrument_id",
        {"amount": amount, "instrument_id": row["instrument_id"]},
    )
    sale_id = sales.open_sale(ctx, str(row["instrument_id"]), "load", amount)
    tx = append_ledger(ctx, row, "load", amount_minor=amount, sale_id=sale_id, approved_by=approved_by)
    return operation_result(ctx, row, "load", tx, amount_minor=amount, reversible_minor=amount)


def pay(
    ctx: Ctx,
    number: str,
    kind: str,
    raw: str,
    currency: str | None,
    reference: str | None,
    approved_by: str | None = None,
) -> dict[str, Any]:
    """Hold ``amount`` on the card (committed or cancelled later; expires after the auth TTL)."""
    row = find_by_number(ctx, number, kind)
    require_acceptor(ctx, row)
    cur = str(row["currency"])
    amount = parse_amount(raw, cur)
    check_currency(currency, cur, ctx.terminal.currency)
    require_usable(ctx, row)
    held, _ = authorized(ctx, str(row["instrument_id"]))
    available = int(row["net_minor"]) - held
    if amount > available:
        raise ApiError(
            409,
            "INSUFFICIENT_FUNDS",
            f"Not enough money on the card: {format_minor(available, cur)} {cur} available, "
            f"{format_minor(amount, cur)} {cur} asked.",
            {"amountAvailable": format_minor(available, cur), "amountRequested": format_minor(amount, cur)},
        )
    code, expires = create_hold(ctx, row, amount_minor=amount, points=None)
    sale_id = sales.open_sale(ctx, str(row["instrument_id"]), "pay", amount)
    tx = append_ledger(
        ctx,
        row,
        "pay",
        amount_minor=amount,
        auth_code=code,
        reference=reference,
        sale_id=sale_id,
        approved_by=approved_by,
    )
    return operation_result(
        ctx, row, "pay", tx, amount_minor=amount, auth_code=code, auth_expires=expires, reversible_minor=0
    )


def _is_spent_note(ctx: Ctx, row: Row) -> bool:
    """A store credit closed because it was spent (money given back reopens it)."""
    return row["kind"] == "storecredit" and effective_status(row, ctx.today) == "closed"


def _require_usable_for_return(ctx: Ctx, row: Row) -> bool:
    """Like :func:`require_usable`, but a spent (closed) store credit may take money back.

    Returns:
        True when the note is closed and must be reopened once the return is applied.
    """
    if _is_spent_note(ctx, row):
        return True
    require_usable(ctx, row)
    return False


def _reopen(ctx: Ctx, row: Row) -> None:
    ctx.conn.execute(
        "UPDATE instruments SET status = 'active' WHERE instrument_id = :instrument_id",
        {"instrument_id": row["instrument_id"]},
    )


def _nothing_taken(ctx: Ctx, original: Row, doing: str) -> ApiError:
    """The refusal for a payment whose hold never took money."""
    hold = ctx.conn.execute(
        "SELECT status, expires FROM authorizations WHERE auth_code = :auth_code",
        {"auth_code": original["auth_code"]},
    ).fetchone()
    if hold is not None and hold["status"] == "pending" and str(hold["expires"]) > ctx.now_iso:
        return ApiError(
            409,
            "NOTHING_TO_RETURN",
            f"This payment has not been committed, so there is nothing to {doing}: "
            "cancel its authorisation instead.",
            {"authCode": original["auth_code"]},
        )
    return ApiError(
        409,
        "NOTHING_TO_RETURN",
        f"This payment took no money (its authorisation was cancelled or expired): nothing to {doing}.",
        {"authCode": original["auth_code"]},
    )


def refund(
    ctx: Ctx,
    number: str,
    kind: str,
    raw: str,
    currency: str | None,
    original_operation_id: str,
    approved_by: str | None = None,
) -> dict[str, Any]:
    """Money back onto the card for a payment of it; never more than is left of that sale to reverse.

    The original may be the payment's hold (``pay``) or its ``commit``: both draw on the one sale.
    """
    row = find_by_number(ctx, number, kind)
    require_acceptor(ctx, row)
    cur = str(row["currency"])
    amount = parse_amount(raw, cur)
    check_currency(currency, cur, ctx.terminal.currency)
    reopen = _require_usable_for_return(ctx, row)
    original = find_operation(ctx, row, original_operation_id)
    sale = sales.sale_of(ctx, original)
    if original["type"] not in ("pay", "commit") or sale is None or sale.type != "payment":
        raise ApiError(
            409,
            "NOTHING_TO_RETURN",
            "Only a payment made with this card can be refunded onto it; a load is undone with void, "
            "an activation with unissue.",
            {"type": original["type"]},
        )
    if sale.amount_minor == 0:
        raise _nothing_taken(ctx, original, "refund")
    left = sale.reversible_minor
    if left == 0:
        raise ApiError(
            409,
            "NOTHING_TO_RETURN",
            "Nothing is left to refund of this payment: it has already been refunded or voided in full.",
            {"saleAmount": format_minor(sale.amount_minor, cur), "reversible": format_minor(0, cur)},
        )
    if amount > left:
        raise ApiError(
            409,
            "AMOUNT_OUT_OF_RANGE",
            f"Only {format_minor(left, cur)} {cur} of this payment of {format_minor(sale.amount_minor, cur)} "
            f"{cur} is left to refund.",
            {
                "refundable": format_minor(left, cur),
                "saleAmount": format_minor(sale.amount_minor, cur),
                "amountRequested": format_minor(amount, cur),
            },
        )
    # A refund raises the balance like a load: the card may have been loaded since the payment.
    limits.require_balance_limit(ctx, row, int(row["net_minor"]), amount)
    limits.require_daily_cap(ctx, amount)
    if reopen:
        _reopen(ctx, row)
    ctx.conn.execute(
        "UPDATE instruments SET net_minor = net_minor + :amount WHERE instrument_id = :instrument_id",
        {"amount": amount, "instrument_id": row["instrument_id"]},
    )
    sales.draw(ctx, sale, amount)
    tx = append_ledger(
        ctx,
        row,
        "refund",
        amount_minor=amount,
        original_operation_id=original_operation_id,
        sale_id=sale.sale_id,
        approved_by=approved_by,
    )
    return operation_result(ctx, row, "refund", tx, amount_minor=amount, reversible_minor=left - amount)


_NOT_VOIDABLE = {
    "issue": "An activation cannot be voided; use unissue (possible while no other money has moved).",
    "unissue": "An unissue cannot be voided; activate the card again instead.",
    "cancel": "A cancelled authorisation cannot be voided: it moved no money.",
    "void": "A void cannot be voided.",
}


def _require_available(ctx: Ctx, row: Row, amount: int, what: str) -> None:
    """``INSUFFICIENT_FUNDS`` when taking ``amount`` back off the card would overdraw it."""
    cur = str(row["currency"])
    held, _ = authorized(ctx, str(row["instrument_id"]))
    available = int(row["net_minor"]) - held
    if available < amount:
        raise ApiError(
            409,
            "INSUFFICIENT_FUNDS",
            f"The money of this {what} has already been spent: {format_minor(available, cur)} {cur} "
            f"available, {format_minor(amount, cur)} {cur} needed to void it.",
            {"amountAvailable": format_minor(available, cur), "amountRequested": format_minor(amount, cur)},
        )


def void(
    ctx: Ctx, number: str, kind: str, original_operation_id: str, approved_by: str | None = None
) -> dict[str, Any]:
    """Reverse what is left of one earlier operation's sale; only the terminal that made it may.

    A void of a load takes the load back off the card; of a payment (its hold or its commit) it
    cancels an open hold and gives back what the payment took and was not refunded yet; of a refund
    it takes the refund back off the card (the payment may then be refunded again).
    """
    row = find_by_number(ctx, number, kind)
    require_acceptor(ctx, row)
    original = find_operation(ctx, row, original_operation_id)
    if original["terminal_id"] != ctx.terminal.terminal_id:
        raise ApiError(403, "FORBIDDEN", "Only the terminal that made an operation may void it.", {})
    kind_of = str(original["type"])
    sale = sales.sale_of(ctx, original)
    if kind_of not in ("load", "pay", "commit", "refund") or sale is None:
        message = _NOT_VOIDABLE.get(kind_of, f"This operation ({kind_of}) cannot be voided.")
        raise ApiError(409, "NOTHING_TO_RETURN", message, {"type": kind_of})
    reopen = False
    if kind_of == "refund":
        if original["reversed_by"] is not None:
            raise ApiError(409, "ALREADY_REVERSED", "This refund has already been voided.", {})
        amount = int(original["amount_minor"])
        _require_available(ctx, row, amount, "refund")
        sales.give_back(ctx, sale, amount)
        delta = -amount
        ctx.conn.execute(
            "UPDATE transactions SET reversed_by = :reversed_by WHERE instrument_id = :instrument_id AND "
            "operation_id = :operation_id",
            {
                "reversed_by": ctx.operation_id,
                "instrument_id": row["instrument_id"],
                "operation_id": original_operation_id,
            },
        )
    else:
        what = "load" if sale.type == "load" else "payment"
        if sale.voided_by is not None:
            raise ApiError(409, "ALREADY_REVERSED", f"This {what} has already been voided.", {})
        amount = sale.reversible_minor
        if sale.type == "load":
            _require_available(ctx, row, amount, "load")
            delta = -amount
        else:
            hold = sales.hold_of(ctx, sale)
            open_hold = hold is not None and hold["status"] == "pending"
            if amount == 0 and not open_hold:
                if sale.amount_minor == 0:
                    raise _nothing_taken(ctx, original, "void")
                raise ApiError(
                    409,
                    "NOTHING_TO_RETURN",
                    "This payment has already been refunded in full: nothing is left to void.",
                    {"saleAmount": format_minor(sale.amount_minor, str(row["currency"]))},
                )
            if open_hold and hold is not None:
                ctx.conn.execute(
                    "UPDATE authorizations SET status = 'cancelled' WHERE auth_code = :auth_code",
                    {"auth_code": hold["auth_code"]},
                )
            reopen = amount > 0 and _is_spent_note(ctx, row)
            delta = amount
        sales.draw(ctx, sale, amount)
        sales.mark_voided(ctx, sale)
    if reopen:
        _reopen(ctx, row)
    ctx.conn.execute(
        "UPDATE instruments SET net_minor = net_minor + :delta WHERE instrument_id = :instrument_id",
        {"delta": delta, "instrument_id": row["instrument_id"]},
    )
    tx = append_ledger(
        ctx,
        row,
        "void",
        amount_minor=amount,
        original_operation_id=original_operation_id,
        sale_id=sale.sale_id,
        approved_by=approved_by,
    )
    left = sales.reversible(ctx, str(row["instrument_id"]), sale.sale_id)
    return operation_result(ctx, reload(ctx, row), "void", tx, amount_minor=amount, reversible_minor=left)
