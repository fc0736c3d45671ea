"""Loyalty cards: the points account, quote, earn (with threshold rewards), spend, hold, return."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from loyalty_server.context import Ctx
from loyalty_server.errors import ApiError
from loyalty_server.money import format_minor, parse_amount, to_decimal
from loyalty_server.services import earning
from loyalty_server.services.authorizations import create_hold
from loyalty_server.services.catalogue import require_acceptor
from loyalty_server.services.coupons import issue_coupon, reward_json
from loyalty_server.services.instruments import (
    append_ledger,
    authorized,
    customer_ref,
    effective_status,
    find_by_number,
    find_operation,
    operation_result,
    require_usable,
)

CLOSE_TO_REWARD_SHARE = Decimal("0.2")


@dataclass(frozen=True)
class LineInput:
    """A basket line as the request gives it (strings are parsed against the card's currency)."""

    product_code: str
    group: str | None
    quantity: int
    unit_price: str


@dataclass(frozen=True)
class BasketInput:
    """The basket part of a quote, earn or return request."""

    amount: str | None = None
    lines: Sequence[LineInput] | None = None
    discount: str | None = None
    sales_mode: str | None = None


def _config(row: sqlite3.Row) -> dict[str, Any]:
    cfg: dict[str, Any] = json.loads(row["points_config"] or "{}")
    return cfg


def _point_value_minor(row: sqlite3.Row) -> int:
    return parse_amount(str(_config(row).get("pointValue", "0.01")), str(row["currency"]))


def _next_reward(row: sqlite3.Row, balance: int) -> dict[str, Any] | None:
    reward = _config(row).get("reward")
    if not reward:
        return None
    threshold = int(reward["threshold"])
    to_go = max(threshold - balance, 0)
    return {
        "threshold": threshold,
        "pointsToGo": to_go,
        "rewardValue": reward["rewardValue"],
        "close": to_go <= threshold * CLOSE_TO_REWARD_SHARE,
    }


def _balance(ctx: Ctx, row: sqlite3.Row) -> int:
    _, held = authorized(ctx, str(row["instrument_id"]))
    return int(row["points"]) - held


def loyaltycard_json(ctx: Ctx, row: sqlite3.Row) -> dict[str, Any]:
    """A loyalty card as ``GET /loyaltycards/{number}`` answers; ``balance`` excludes held points."""
    cur = str(row["currency"])
    balance = _balance(ctx, row)
    value = _point_value_minor(row)
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
            "pending": 0,
            "expiringSoon": 0,
            "expiringDate": None,
            "pointValue": format_minor(value, cur),
            "value": format_minor(max(balance, 0) * value, cur),
        },
        "nextReward": _next_reward(row, balance),
        "customer": customer_ref(ctx, row["customer_id"]),
        "blockReason": row["block_reason"],
        "acceptableHere": row["acceptor_group"] in ctx.terminal.merchant_groups,
    }


def _basket(row: sqlite3.Row, basket: BasketInput) -> earning.Basket:
    cur = str(row["currency"])
    lines: list[earning.BasketLine] = []
    for line in basket.lines or ():
        if line.quantity <= 0:
            raise ApiError(400, "INVALID_REQUEST", "A line quantity must be positive.", {})
        price = to_decimal(parse_amount(line.unit_price, cur, allow_zero=True), cur)
        lines.append(earning.BasketLine(line.product_code, line.group, Decimal(line.quantity), price))
    if basket.amount is not None:
        subtotal = to_decimal(parse_amount(basket.amount, cur), cur)
    elif lines:
        subtotal = sum((ln.total for ln in lines), Decimal(0))
    else:
        raise ApiError(400, "INVALID_AMOUNT", "Give the basket amount or its lines.", {})
    discount = Decimal(0)
    if basket.discount is not None:
        discount = to_decimal(parse_amount(basket.discount, cur, allow_zero=True), cur)
    return earning.Basket(subtotal, discount, tuple(lines), basket.sales_mode)


def _quote(row: sqlite3.Row, basket: earning.Basket) -> earning.Quote:
    return earning.quote(earning.build_rules(_config(row).get("rules", [])), basket)


def quote(ctx: Ctx, number: str, basket_in: BasketInput) -> dict[str, Any]:
    """Preview the points a basket would earn (no effect)."""
    row = find_by_number(ctx, number, "loyaltycard")
    require_acceptor(ctx, row)
    q = _quote(row, _basket(row, basket_in))
    after = _balance(ctx, row) + q.points
    return {
        "points": q.points,
        "breakdown": [
            {"rule": r.rule, "description": r.description, "points": r.points} for r in q.breakdown
        ],
        "balanceAfter": after,
        "nextReward": _next_reward(row, after),
    }


def _grant_rewards(ctx: Ctx, row: sqlite3.Row) -> list[dict[str, Any]]:
    """Turn whole thresholds of points into reward coupons (each a ``spend`` in the ledger)."""
    reward = _config(row).get("reward")
    rewards: list[dict[str, Any]] = []
    if not reward:
        return rewards
    threshold = int(reward["threshold"])
    while True:
        fresh = find_by_number(ctx, str(row["number"]), "loyaltycard")
        if _balance(ctx, fresh) < threshold:
            return rewards
        coupon = issue_coupon(ctx, str(reward["couponSeries"]), fresh["customer_id"])
        ctx.conn.execute(
            "UPDATE instruments SET points = points - ? WHERE instrument_id = ?",
            (threshold, row["instrument_id"]),
        )
        append_ledger(ctx, row, "spend", points=threshold, reference=f"reward {coupon['number']}")
        rewards.append(reward_json(ctx, coupon))


def earn(ctx: Ctx, number: str, basket_in: BasketInput, reference: str | None) -> dict[str, Any]:
    """Add the points a basket earns; thresholds crossed become reward coupons."""
    row = find_by_number(ctx, number, "loyaltycard")
    require_acceptor(ctx, row)
    require_usable(ctx, row)
    basket = _basket(row, basket_in)
    q = _quote(row, basket)
    cur = str(row["currency"])
    net_minor = parse_amount(f"{basket.net:.{2 if cur != 'JPY' else 0}f}", cur, allow_zero=True)
    ctx.conn.execute(
        "UPDATE instruments SET points = points + ? WHERE instrument_id = ?", (q.points, row["instrument_id"])
    )
    tx = append_ledger(ctx, row, "earn", amount_minor=net_minor, points=q.points, reference=reference)
    rewards = _grant_rewards(ctx, row)
    return operation_result(ctx, row, "earn", tx, amount_minor=net_minor, points=q.points, rewards=rewards)


def _require_points(ctx: Ctx, row: sqlite3.Row, points: int) -> None:
    balance = _balance(ctx, row)
    if points > balance:
        raise ApiError(
            409,
            "INSUFFICIENT_POINTS",
            "Not enough points on the card.",
            {"balance": balance, "requested": points},
        )


def pay(ctx: Ctx, number: str, points: int, reference: str | None) -> dict[str, Any]:
    """Hold points for a sale paid with points."""
    row = find_by_number(ctx, number, "loyaltycard")
    require_acceptor(ctx, row)
    require_usable(ctx, row)
    _require_points(ctx, row, points)
    code, expires = create_hold(ctx, row, amount_minor=None, points=points)
    tx = append_ledger(ctx, row, "pay", points=points, auth_code=code, reference=reference)
    return operation_result(ctx, row, "pay", tx, points=points, auth_code=code, auth_expires=expires)


def redeem(ctx: Ctx, number: str, points: int, reference: str | None) -> dict[str, Any]:
    """Spend points at once."""
    row = find_by_number(ctx, number, "loyaltycard")
    require_acceptor(ctx, row)
    require_usable(ctx, row)
    _require_points(ctx, row, points)
    ctx.conn.execute(
        "UPDATE instruments SET points = points - ? WHERE instrument_id = ?", (points, row["instrument_id"])
    )
    tx = append_ledger(ctx, row, "spend", points=points, reference=reference)
    return operation_result(ctx, row, "spend", tx, points=points)


def _original_points(ctx: Ctx, original: sqlite3.Row) -> tuple[int, int]:
    """Points an original operation moved, and the sign a return applies (-1 take back, +1 give back)."""
    kind = original["type"]
    if kind == "earn":
        return int(original["points"] or 0), -1
    if kind in ("spend", "commit"):
        return int(original["points"] or 0), 1
    if kind == "pay":
        got = ctx.conn.execute(
            "SELECT COALESCE(SUM(points), 0) FROM transactions WHERE type = 'commit' AND auth_code = ?",
            (original["auth_code"],),
        ).fetchone()[0]
        return int(got), 1
    raise ApiError(409, "NOTHING_TO_RETURN", f"A {kind} cannot be returned.", {"type": kind})


def return_points(
    ctx: Ctx, number: str, original_operation_id: str, basket_in: BasketInput
) -> dict[str, Any]:
    """Reverse the points of an original sale: what it earned goes, what it spent comes back."""
    row = find_by_number(ctx, number, "loyaltycard")
    require_acceptor(ctx, row)
    if row["status"] == "blocked":
        require_usable(ctx, row)
    original = find_operation(ctx, row, original_operation_id)
    moved, sign = _original_points(ctx, original)
    returned = ctx.conn.execute(
        "SELECT COALESCE(SUM(points), 0) FROM transactions WHERE instrument_id = ? AND type = 'return' "
        "AND original_operation_id = ?",
        (row["instrument_id"], original_operation_id),
    ).fetchone()[0]
    left = moved - int(returned)
    if left <= 0:
        raise ApiError(409, "NOTHING_TO_RETURN", "Everything of this sale has been returned.", {})
    back = left
    cur = str(row["currency"])
    if basket_in.lines and sign < 0:
        back = min(left, _quote(row, _basket(row, basket_in)).points)
    elif basket_in.amount is not None:
        amount = parse_amount(basket_in.amount, cur)
        base = int(original["amount_minor"] or 0)
        if sign < 0 and base > 0:
            share = (Decimal(moved) * amount / base).to_integral_value(rounding=ROUND_FLOOR)
            back = min(left, int(share))
    back = max(back, 0)  # returned lines that earned nothing take nothing back
    ctx.conn.execute(
        "UPDATE instruments SET points = points + ? WHERE instrument_id = ?",
        (sign * back, row["instrument_id"]),
    )
    tx = append_ledger(ctx, row, "return", points=back, original_operation_id=original_operation_id)
    return operation_result(ctx, row, "return", tx, points=back)
