"""Instruments: lookup by number or id, their effective state, their JSON, and the ledger."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from loyalty_server.context import Ctx
from loyalty_server.db import Row
from loyalty_server.errors import ApiError
from loyalty_server.money import format_minor
from loyalty_server.services import customer_access, point_lots, points_config
from loyalty_server.services.catalogue import acceptable_here, require_acceptor

MAX_NUMBER_LENGTH = 64

_INSTRUMENT_SQL = """
SELECT i.*, s.kind, s.currency, s.single_use, s.offer, s.points_config, s.issuer_group,
       s.acceptor_group, s.series_number AS s_series_number, s.issue_mode, s.amount_mode,
       s.fixed_amount_minor, s.min_amount_minor, s.max_amount_minor, s.validity_days,
       s.prefix, s.length, s.check_digit, s.alphanumeric, s.offline_policy, s.description,
       s.max_load_minor, s.max_balance_minor, s.approval_threshold_minor
FROM instruments i JOIN series s
  ON s.loyalty_group = i.loyalty_group AND s.series_number = i.series_number
"""


def normalise_number(number: str, *, alphanumeric_upper: bool = True) -> str:
    """Trim a number from a path; codes compare upper case."""
    cleaned = number.strip()
    return cleaned.upper() if alphanumeric_upper else cleaned


def find_by_number(ctx: Ctx, number: str, kind: str) -> Row:
    """The instrument with ``number`` of ``kind``, or ``404 UNKNOWN_INSTRUMENT``.

    In a write on PostgreSQL its row is locked until the transaction ends (:meth:`Conn.for_update`):
    every rule a write checks on the card (its available balance, open holds, coupon uses, points
    lots, what is left of a sale to reverse) is read after the lock, so a concurrent write of the
    same card waits and then sees this one's effect. Every write reaches its instruments through
    this function or :func:`find_by_id`.
    """
    num = normalise_number(number)
    row: Row | None = None
    if 0 < len(num) <= MAX_NUMBER_LENGTH:
        row = ctx.conn.execute(
            _INSTRUMENT_SQL
            + " WHERE i.loyalty_group = :loyalty_group AND i.number = :number"
            + ctx.conn.for_update("i"),
            {"loyalty_group": ctx.terminal.loyalty_group, "number": num},
        ).fetchone()
    if row is None or row["kind"] != kind:
        raise ApiError(404, "UNKNOWN_INSTRUMENT", "No such card or coupon.", {"kind": kind})
    return row


def find_by_id(ctx: Ctx, instrument_id: str) -> Row:
    """The instrument with ``instrument_id``, or ``404 UNKNOWN_INSTRUMENT`` (locked in a write, as
    :func:`find_by_number`)."""
    row: Row | None = None
    if len(instrument_id) <= MAX_NUMBER_LENGTH:
        row = ctx.conn.execute(
            _INSTRUMENT_SQL
            + " WHERE i.loyalty_group = :loyalty_group AND i.instrument_id = :instrument_id"
            + ctx.conn.for_update("i"),
            {"loyalty_group": ctx.terminal.loyalty_group, "instrument_id": instrument_id},
        ).fetchone()
    if row is None:
        raise ApiError(404, "UNKNOWN_INSTRUMENT", "No such instrument.", {})
    return row


def reload(ctx: Ctx, row: Row) -> Row:
    """The same instrument read again (after a write)."""
    return find_by_id(ctx, str(row["instrument_id"]))


def effective_status(row: Row, today: date) -> str:
    """The stored status, except that an active instrument past its expiry date reports ``expired``."""
    status = str(row["status"])
    expiry = row["expiry_date"]
    if status == "active" and expiry is not None and date.fromisoformat(str(expiry)) < today:
        return "expired"
    return status


def require_usable(ctx: Ctx, row: Row) -> None:
    """Refuse a write on an instrument that is not active (``BLOCKED``, ``EXPIRED``, ``NOT_ACTIVE``...)."""
    status = effective_status(row, ctx.today)
    if status == "active":
        return
    if status == "blocked":
        raise ApiError(409, "BLOCKED", "This card is blocked.", {"reason": row["block_reason"]})
    if status == "expired":
        raise ApiError(409, "EXPIRED", "This card has expired.", {"expiryDate": row["expiry_date"]})
    if status == "used":
        raise ApiError(409, "COUPON_USED", "This coupon has already been used.", {})
    raise ApiError(409, "NOT_ACTIVE", "This card is not active.", {"status": status})


def authorized(ctx: Ctx, instrument_id: str) -> tuple[int, int]:
    """Money (minor units) and points held by live, uncommitted authorisations."""
    row = ctx.conn.execute(
        "SELECT COALESCE(SUM(amount_minor), 0), COALESCE(SUM(points), 0) FROM authorizations "
        "WHERE instrument_id = :instrument_id AND status = 'pending' AND expires > :expires",
        {"instrument_id": instrument_id, "expires": ctx.now_iso},
    ).fetchone()
    return int(row[0]), int(row[1])


def customer_ref(ctx: Ctx, customer_id: str | None) -> dict[str, Any] | None:
    """``{"customerId", "firstName", "lastName"}`` or ``None``."""
    if customer_id is None:
        return None
    c = ctx.conn.execute(
        "SELECT customer_id, first_name, last_name FROM customers WHERE customer_id = :customer_id",
        {"customer_id": customer_id},
    ).fetchone()
    if c is None:
        return None
    return {"customerId": c["customer_id"], "firstName": c["first_name"], "lastName": c["last_name"]}


def money_json(ctx: Ctx, row: Row) -> dict[str, Any]:
    """A gift card or store credit as ``GET /giftcards/{number}`` answers."""
    cur = str(row["currency"])
    held, _ = authorized(ctx, str(row["instrument_id"]))
    net = int(row["net_minor"])
    id_key = "giftCardId" if row["kind"] == "giftcard" else "storeCreditId"
    return {
        "instrumentId": row["instrument_id"],
        id_key: row["instrument_id"],
        "kind": row["kind"],
        "number": row["number"],
        "seriesNumber": row["series_number"],
        "status": effective_status(row, ctx.today),
        "created": row["created"],
        "startDate": row["start_date"],
        "expiryDate": row["expiry_date"],
        "currency": cur,
        "account": {
            "amountOriginal": format_minor(int(row["original_minor"]), cur),
            "amountNet": format_minor(net, cur),
            "amountAuthorized": format_minor(held, cur),
            "amountFloor": format_minor(0, cur),
            "amountAvailable": format_minor(net - held, cur),
        },
        "customer": customer_ref(ctx, row["customer_id"]),
        "blockReason": row["block_reason"],
        "acceptableHere": acceptable_here(row, ctx.terminal),
    }


def coupon_json(ctx: Ctx, row: Row) -> dict[str, Any]:
    """A coupon as ``GET /coupons/{code}`` answers."""
    offer = json.loads(row["offer"] or "{}")
    return {
        "instrumentId": row["instrument_id"],
        "kind": "coupon",
        "number": row["number"],
        "seriesNumber": row["series_number"],
        "status": effective_status(row, ctx.today),
        "singleUse": bool(row["single_use"]),
        "usesLeft": row["uses_left"],
        "currency": row["currency"],
        "offer": {
            "description": offer.get("description", ""),
            "discountType": offer.get("discountType", "amount"),
            "value": offer.get("value", "0"),
        },
        "startDate": row["start_date"],
        "expiryDate": row["expiry_date"],
        "customer": customer_ref(ctx, row["customer_id"]),
        "blockReason": row["block_reason"],
        "acceptableHere": acceptable_here(row, ctx.terminal),
    }


def loyaltycard_json(ctx: Ctx, row: Row) -> dict[str, Any]:
    """A loyalty card as ``GET /loyaltycards/{number}`` answers; ``balance`` excludes held points."""
    cur = str(row["currency"])
    cfg = points_config.config(row)
    lots = point_lots.summary(ctx, str(row["instrument_id"]), int(cfg.get("expiryWarningDays", 30)))
    _, held = authorized(ctx, str(row["instrument_id"]))
    balance = lots.available - held
    value = points_config.point_value_minor(row)
    return {
        "instrumentId": row["instrument_id"],
        "kind": "loyaltycard",
        "number": row["number"],
        "seriesNumber": row["series_number"],
        "status": effective_status(row, ctx.today),
        "currency": cur,
        "startDate": row["start_date"],
        "expiryDate": row["expiry_date"],
        "points": {
            "balance": balance,
            "pending": lots.pending,
            "expiringSoon": lots.expiring_soon,
            "expiringDate": lots.expiring_date,
            "pointValue": format_minor(value, cur),
            "value": format_minor(max(balance, 0) * value, cur),
        },
        "account": "money" if points_config.is_money_account(row) else "points",
        # a money account (seed 002): the same account in money; its points are minor units
        "money": {
            "balance": format_minor(balance, cur),
            "pending": format_minor(lots.pending, cur),
            "expiringSoon": format_minor(lots.expiring_soon, cur),
            "expiringDate": lots.expiring_date,
        }
        if points_config.is_money_account(row)
        else None,
        "nextReward": points_config.next_reward(row, balance),
        "pointsProducts": [
            {"productCode": code, "description": str(p.get("description", code)), "points": int(p["points"])}
            for code, p in sorted(points_config.points_products(row).items())
        ],
        # the card's owner only for a terminal that serves the customer (docs/API.md, Customers)
        "customer": customer_ref(ctx, row["customer_id"])
        if customer_access.visible(ctx, row["customer_id"])
        else None,
        "blockReason": row["block_reason"],
        "acceptableHere": row["acceptor_group"] in ctx.terminal.merchant_groups,
        "mergedInto": merged_into(ctx, row),
    }


def merged_into(ctx: Ctx, row: Row) -> str | None:
    """The number of the card a closed loyalty card was merged into (its ``merge_out`` row), or None."""
    if row["status"] != "closed":
        return None
    moved = ctx.conn.execute(
        "SELECT reference FROM transactions WHERE instrument_id = :instrument_id AND type = 'merge_out' "
        "ORDER BY seq DESC LIMIT 1",
        {"instrument_id": row["instrument_id"]},
    ).fetchone()
    return None if moved is None else str(moved["reference"])


def instrument_json(ctx: Ctx, row: Row) -> dict[str, Any]:
    """The JSON of any instrument kind, as its own GET answers."""
    kind = row["kind"]
    if kind == "coupon":
        return coupon_json(ctx, row)
    if kind == "loyaltycard":
        return loyaltycard_json(ctx, row)
    return money_json(ctx, row)


def append_ledger(
    ctx: Ctx,
    row: Row,
    tx_type: str,
    *,
    amount_minor: int | None = None,
    points: int | None = None,
    auth_code: str | None = None,
    reference: str | None = None,
    original_operation_id: str | None = None,
    sale_id: str | None = None,
    approved_by: str | None = None,
) -> str:
    """Append one ledger transaction for the instrument (after its balances were updated).

    Args:
        sale_id: the money sale the row belongs to (services/sales.py), if any.
        approved_by: the manager the terminal said approved the operation.
    """
    now = ctx.conn.execute(
        "SELECT net_minor, points, kind FROM instruments i JOIN series s "
        "ON s.loyalty_group = i.loyalty_group AND s.series_number = i.series_number "
        "WHERE instrument_id = :instrument_id",
        {"instrument_id": row["instrument_id"]},
    ).fetchone()
    is_points = now["kind"] == "loyaltycard"
    is_money = now["kind"] in ("giftcard", "storecredit")
    t = ctx.terminal
    cur = ctx.conn.execute(
        "INSERT INTO transactions (instrument_id, operation_id, terminal_id, merchant_id, store, pos, "
        "type, amount_minor, points, balance_after_minor, points_after, auth_code, reference, "
        "original_operation_id, created, sale_id, approved_by) "
        "VALUES (:instrument_id, :operation_id, :terminal_id, :merchant_id, :store, :pos, :type, "
        ":amount_minor, :points, :balance_after_minor, :points_after, :auth_code, :reference, "
        ":original_operation_id, :created, :sale_id, :approved_by) RETURNING seq",
        {
            "instrument_id": row["instrument_id"],
            "operation_id": ctx.operation_id,
            "terminal_id": t.terminal_id,
            "merchant_id": t.merchant_id,
            "store": t.store,
            "pos": t.pos,
            "type": tx_type,
            "amount_minor": amount_minor,
            "points": points,
            "balance_after_minor": now["net_minor"] if is_money else None,
            "points_after": now["points"] if is_points else None,
            "auth_code": auth_code,
            "reference": reference,
            "original_operation_id": original_operation_id,
            "created": ctx.now_iso,
            "sale_id": sale_id,
            "approved_by": approved_by,
        },
    )
    seq = cur.fetchone()
    assert seq is not None
    return f"TX-{seq[0]:06d}"


def operation_result(
    ctx: Ctx,
    row: Row,
    tx_type: str,
    transaction_id: str,
    *,
    amount_minor: int | None = None,
    points: int | None = None,
    auth_code: str | None = None,
    auth_expires: str | None = None,
    rewards: list[dict[str, Any]] | None = None,
    reversible_minor: int | None = None,
) -> dict[str, Any]:
    """The operation result every write answers (docs/API.md).

    Args:
        reversible_minor: what refunds and voids may still reverse of the operation's sale.
    """
    fresh = reload(ctx, row)
    cur = str(fresh["currency"])
    if fresh["kind"] == "loyaltycard" and points_config.is_money_account(fresh) and points is not None:
        # a money account moves money: its units (minor units) are the operation's amount
        amount_minor, points = points, None
    return {
        "operationId": ctx.operation_id,
        "transactionId": transaction_id,
        "type": tx_type,
        "amount": None if amount_minor is None else format_minor(amount_minor, cur),
        "points": points,
        "authCode": auth_code,
        "authExpires": auth_expires,
        "created": ctx.now_iso,
        "instrument": instrument_json(ctx, fresh),
        "rewards": rewards or [],
        "reversible": None if reversible_minor is None else format_minor(reversible_minor, cur),
    }


def find_operation(ctx: Ctx, row: Row, operation_id: str) -> Row:
    """The ledger transaction of ``operation_id`` on this instrument, or ``404 UNKNOWN_OPERATION``."""
    tx: Row | None = None
    if len(operation_id) <= 100:
        tx = ctx.conn.execute(
            "SELECT * FROM transactions WHERE instrument_id = :instrument_id AND operation_id = "
            ":operation_id "
            "AND type NOT IN ('block', 'unblock') ORDER BY seq LIMIT 1",
            {"instrument_id": row["instrument_id"], "operation_id": operation_id},
        ).fetchone()
    if tx is None:
        raise ApiError(
            404,
            "UNKNOWN_OPERATION",
            "No such operation on this card.",
            {"originalOperationId": operation_id[:100]},
        )
    return tx


def block(ctx: Ctx, row: Row, reason: str) -> dict[str, Any]:
    """Block an instrument (any kind) with a reason."""
    status = effective_status(row, ctx.today)
    if status == "blocked":
        raise ApiError(409, "BLOCKED", "This card is already blocked.", {"reason": row["block_reason"]})
    ctx.conn.execute(
        "UPDATE instruments SET status = 'blocked', status_before_block = :status_before_block, "
        "block_reason = :block_reason "
        "WHERE instrument_id = :instrument_id",
        {"status_before_block": row["status"], "block_reason": reason, "instrument_id": row["instrument_id"]},
    )
    tx = append_ledger(ctx, row, "block", reference=reason)
    return operation_result(ctx, row, "block", tx)


def unblock(ctx: Ctx, row: Row) -> dict[str, Any]:
    """Unblock an instrument: it returns to the state it had before the block."""
    if row["status"] != "blocked":
        raise ApiError(409, "NOT_ACTIVE", "This card is not blocked.", {"status": row["status"]})
    ctx.conn.execute(
        "UPDATE instruments SET status = COALESCE(status_before_block, 'active'), "
        "status_before_block = NULL, block_reason = NULL WHERE instrument_id = :instrument_id",
        {"instrument_id": row["instrument_id"]},
    )
    tx = append_ledger(ctx, row, "unblock")
    return operation_result(ctx, row, "unblock", tx)


def block_number(ctx: Ctx, number: str, kind: str, reason: str) -> dict[str, Any]:
    """``_block`` of any instrument kind: found by number, only where it is accepted."""
    row = find_by_number(ctx, number, kind)
    require_acceptor(ctx, row)
    return block(ctx, row, reason)


def unblock_number(ctx: Ctx, number: str, kind: str) -> dict[str, Any]:
    """``_unblock`` of any instrument kind."""
    row = find_by_number(ctx, number, kind)
    require_acceptor(ctx, row)
    return unblock(ctx, row)
