"""Loyalty cards: the points account, quote, earn (with threshold rewards), spend, hold, return.

The series' ``points_config``: ``rules`` (see :mod:`earning`), ``pointValue`` (cash value of a point),
``vestingDays`` (earned points stay pending that long), ``validityDays`` (vested points expire after),
``expiryWarningDays``, ``reward`` (``threshold`` points → a coupon of ``couponSeries`` worth
``rewardValue``), ``pointsProducts`` (products bought with points: ``{"CODE": {"points", "description"}}``).

Returns (``_return``) reverse by the original operation: an earn gives back what the returned lines
earned (the per-line allocation stored at earn time; per-visit points go when the last line does), by
amount in proportion, or everything left; never more than was earned. A spend (or a committed points
payment) returned gives its points back.

Returns and rewards: when the card's points cannot cover what a return of an earn takes back (the
points already became a reward coupon of that sale), the sale's *unused* reward coupons are voided
(closed), newest first, each giving back the points it cost, until the points cover the return; so
the points are never taken twice and a returned sale leaves no reward behind. A coupon already used
cannot be voided: the return then leaves the balance negative (a debt lot), the card shows it, and
spending is refused (``INSUFFICIENT_POINTS``) until later earning pays it off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from loyalty_server.context import Ctx
from loyalty_server.db import Row
from loyalty_server.errors import ApiError
from loyalty_server.money import exponent, format_minor, parse_amount, to_decimal
from loyalty_server.services import earning, point_lots, points_config
from loyalty_server.services.authorizations import create_hold
from loyalty_server.services.catalogue import require_acceptor
from loyalty_server.services.coupons import issue_coupon, reward_json
from loyalty_server.services.instruments import (
    append_ledger,
    authorized,
    find_by_number,
    find_operation,
    merged_into,
    operation_result,
    require_usable,
)
from loyalty_server.services.points_config import config as _config
from loyalty_server.services.points_config import next_reward as _next_reward
from loyalty_server.services.points_config import points_products as _points_products
from loyalty_server.services.points_config import validity as _validity

VISIT_LINE = -1
#: The most points one sale earns: a larger basket would turn into thousands of reward coupons in one
#: write transaction (the database stays locked meanwhile); it is refused instead.
MAX_EARN_POINTS = 100_000


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


def _balance(ctx: Ctx, row: Row) -> int:
    """Points the card may spend now: vested, unexpired, not held."""
    _, held = authorized(ctx, str(row["instrument_id"]))
    return point_lots.summary(ctx, str(row["instrument_id"])).available - held


def _basket(row: Row, basket: BasketInput) -> earning.Basket:
    cur = str(row["currency"])
    lines: list[earning.BasketLine] = []
    for line in basket.lines or ():
        if line.quantity <= 0:
            raise ApiError(400, "INVALID_REQUEST", "A line quantity must be positive.", {})
        price = to_decimal(parse_amount(line.unit_price, cur, allow_zero=True), cur)
        lines.append(earning.BasketLine(line.product_code, line.group, Decimal(line.quantity), price))
    if lines:
        subtotal = sum((ln.total for ln in lines), Decimal(0))
    elif basket.amount is not None:
        subtotal = to_decimal(parse_amount(basket.amount, cur), cur)
    else:
        raise ApiError(400, "INVALID_AMOUNT", "Give the basket amount or its lines.", {})
    discount = Decimal(0)
    if basket.discount is not None:
        discount = to_decimal(parse_amount(basket.discount, cur, allow_zero=True), cur)
    if discount > subtotal:
        raise ApiError(400, "INVALID_AMOUNT", "The discount is larger than the basket.", {})
    minor_unit = Decimal(1).scaleb(-exponent(cur))
    return earning.Basket(subtotal, discount, tuple(lines), basket.sales_mode, minor_unit)


def _quote(ctx: Ctx, row: Row, basket: earning.Basket) -> earning.Quote:
    rules = earning.build_rules(_config(row).get("rules", []))
    return earning.quote(rules, basket, earning.Where(ctx.terminal.merchant_id, ctx.terminal.pos))


def quote(ctx: Ctx, number: str, basket_in: BasketInput) -> dict[str, Any]:
    """Preview the points a basket would earn (no effect)."""
    row = find_by_number(ctx, number, "loyaltycard")
    require_acceptor(ctx, row)
    q = _quote(ctx, row, _basket(row, basket_in))
    vesting = int(_config(row).get("vestingDays", 0))
    after = _balance(ctx, row) + (q.points if vesting == 0 else 0)
    return {
        "points": q.points,
        "breakdown": [
            {"rule": r.rule, "description": r.description, "points": r.points} for r in q.breakdown
        ],
        "balanceAfter": after,
        "nextReward": _next_reward(row, after),
    }


def _grant_rewards(ctx: Ctx, row: Row) -> list[dict[str, Any]]:
    """Turn whole thresholds of available points into reward coupons (each a ``spend`` in the ledger)."""
    reward = _config(row).get("reward")
    rewards: list[dict[str, Any]] = []
    if not reward:
        return rewards
    threshold = int(reward["threshold"])
    while _balance(ctx, row) >= threshold:
        coupon = issue_coupon(ctx, str(reward["couponSeries"]), row["customer_id"])
        ctx.conn.execute(
            "INSERT INTO reward_coupons (coupon_id, card_id, operation_id, points) VALUES (:coupon_id, "
            ":card_id, :operation_id, :points)",
            {
                "coupon_id": coupon["instrument_id"],
                "card_id": row["instrument_id"],
                "operation_id": ctx.operation_id,
                "points": threshold,
            },
        )
        point_lots.take(ctx, str(row["instrument_id"]), threshold)
        append_ledger(ctx, row, "spend", points=threshold, reference=f"reward {coupon['number']}")
        rewards.append(reward_json(ctx, coupon))
    return rewards


def earn(ctx: Ctx, number: str, basket_in: BasketInput, reference: str | None) -> dict[str, Any]:
    """Add the points a basket earns (pending until they vest); thresholds crossed become reward coupons."""
    row = find_by_number(ctx, number, "loyaltycard")
    require_acceptor(ctx, row)
    require_usable(ctx, row)
    basket = _basket(row, basket_in)
    q = _quote(ctx, row, basket)
    if q.points > MAX_EARN_POINTS:
        raise ApiError(
            409,
            "AMOUNT_OUT_OF_RANGE",
            f"This sale would earn {q.points} points; one sale earns at most {MAX_EARN_POINTS}.",
            {"points": q.points, "maxPoints": MAX_EARN_POINTS},
        )
    cur = str(row["currency"])
    net_minor = parse_amount(str(basket.net), cur, allow_zero=True)
    iid = str(row["instrument_id"])
    point_lots.add(
        ctx, iid, q.points, vesting_days=int(_config(row).get("vestingDays", 0)), validity_days=_validity(row)
    )
    for i, (line, pts) in enumerate(zip(basket.earning_lines, q.per_line, strict=True)):
        ctx.conn.execute(
            "INSERT INTO earn_lines (instrument_id, operation_id, line_no, product_code, quantity, points) "
            "VALUES (:instrument_id, :operation_id, :line_no, :product_code, :quantity, :points)",
            {
                "instrument_id": iid,
                "operation_id": ctx.operation_id,
                "line_no": i,
                "product_code": line.product_code,
                "quantity": int(line.quantity),
                "points": pts,
            },
        )
    ctx.conn.execute(
        "INSERT INTO earn_lines (instrument_id, operation_id, line_no, product_code, quantity, points) "
        "VALUES (:instrument_id, :operation_id, :line_no, NULL, 1, :points)",
        {"instrument_id": iid, "operation_id": ctx.operation_id, "line_no": VISIT_LINE, "points": q.visit},
    )
    tx = append_ledger(ctx, row, "earn", amount_minor=net_minor, points=q.points, reference=reference)
    rewards = _grant_rewards(ctx, row)
    return operation_result(ctx, row, "earn", tx, amount_minor=net_minor, points=q.points, rewards=rewards)


def _require_points(ctx: Ctx, row: Row, points: int, amount_minor: int | None = None) -> None:
    """Refuse (``INSUFFICIENT_POINTS``) a spend of ``points`` the card cannot cover; the message and
    details say what is available and what it is worth (``amount_minor``: the amount asked, if any)."""
    balance = _balance(ctx, row)
    cur = str(row["currency"])
    worth = format_minor(points_config.points_money_minor(row, max(balance, 0)), cur)
    if points_config.is_money_account(row) and points > balance:
        # a money account is spent like store credit: refused as a money card is
        raise ApiError(
            409,
            "INSUFFICIENT_FUNDS",
            f"Not enough money on the loyalty account: {worth} {cur} available, "
            f"{format_minor(points, cur)} {cur} asked.",
            {"available": worth, "requested": format_minor(points, cur)},
        )
    details: dict[str, Any] = {"balance": balance, "balanceValue": worth, "requested": points}
    if amount_minor is not None:
        details["requestedAmount"] = format_minor(amount_minor, cur)
    if balance < 0:
        raise ApiError(
            409,
            "INSUFFICIENT_POINTS",
            f"The card owes {-balance} points (a returned sale's reward was already used); "
            "it cannot spend points until later purchases pay them back.",
            details,
        )
    if points > balance:
        asked = f"{points} asked"
        if amount_minor is not None:
            asked = f"{points} needed for {format_minor(amount_minor, cur)} {cur}"
        raise ApiError(
            409,
            "INSUFFICIENT_POINTS",
            f"Not enough points on the card: {balance} available (worth {worth} {cur}), {asked}.",
            details,
        )


def _require_points_account(row: Row) -> None:
    """A money account is spent by amount (``_redeem {amount}``), never by points or holds of points."""
    if points_config.is_money_account(row):
        raise ApiError(
            400,
            "INVALID_REQUEST",
            "This loyalty card keeps money, not points: pay an amount with it (_redeem {amount}).",
            {"account": "money"},
        )


def product_points(row: Row, product_code: str, quantity: int) -> int:
    """The points price of ``quantity`` of a product bought with points (``UNKNOWN_PRODUCT`` otherwise)."""
    product = _points_products(row).get(product_code)
    if product is None:
        raise ApiError(404, "UNKNOWN_PRODUCT", "This product cannot be bought with points.", {})
    return int(product["points"]) * quantity


def pay(ctx: Ctx, number: str, points: int, reference: str | None) -> dict[str, Any]:
    """Hold points for a sale paid with points; ``amount`` answers what they are worth."""
    row = find_by_number(ctx, number, "loyaltycard")
    require_acceptor(ctx, row)
    _require_points_account(row)
    require_usable(ctx, row)
    _require_points(ctx, row, points)
    code, expires = create_hold(ctx, row, amount_minor=None, points=points)
    worth = points_config.points_money_minor(row, points)
    tx = append_ledger(
        ctx, row, "pay", amount_minor=worth, points=points, auth_code=code, reference=reference
    )
    return operation_result(
        ctx, row, "pay", tx, amount_minor=worth, points=points, auth_code=code, auth_expires=expires
    )


def redeem(
    ctx: Ctx, number: str, points: int | None, reference: str | None, *, amount: str | None = None
) -> dict[str, Any]:
    """Spend points at once: ``points`` of them, or the points that pay ``amount`` (the server
    rounds to whole points as the series says, :func:`points_config.points_for_amount`).

    The answer's ``amount`` is the money the cashier takes off the sale: the points' value, or the
    amount asked (never more than the points spent are worth).
    """
    row = find_by_number(ctx, number, "loyaltycard")
    require_acceptor(ctx, row)
    require_usable(ctx, row)
    asked: int | None = None
    if amount is not None:
        asked = parse_amount(amount, str(row["currency"]))
        points, worth = points_config.points_for_amount(row, asked)
        if points <= 0:
            raise ApiError(
                400,
                "INVALID_AMOUNT",
                f"{amount} is less than one point is worth "
                f"({format_minor(points_config.point_value_minor(row), str(row['currency']))}).",
                {"pointValue": format_minor(points_config.point_value_minor(row), str(row["currency"]))},
            )
    elif points is None:
        raise ApiError(400, "INVALID_REQUEST", "Give the points or the amount to pay with points.", {})
    else:
        _require_points_account(row)
        worth = points_config.points_money_minor(row, points)
    _require_points(ctx, row, points, asked)
    point_lots.take(ctx, str(row["instrument_id"]), points)
    tx = append_ledger(ctx, row, "spend", amount_minor=worth, points=points, reference=reference)
    return operation_result(ctx, row, "spend", tx, amount_minor=worth, points=points)


def _original_points(ctx: Ctx, original: Row) -> tuple[int, int]:
    """Points an original operation moved, and the sign a return applies (-1 take back, +1 give back)."""
    kind = original["type"]
    if kind == "earn":
        return int(original["points"] or 0), -1
    if kind in ("spend", "commit"):
        return int(original["points"] or 0), 1
    if kind == "pay":
        got = ctx.conn.execute(
            "SELECT COALESCE(SUM(points), 0) FROM transactions WHERE type = 'commit' AND auth_code = "
            ":auth_code",
            {"auth_code": original["auth_code"]},
        ).fetchone()[0]
        return int(got), 1
    raise ApiError(409, "NOTHING_TO_RETURN", f"A {kind} cannot be returned.", {"type": kind})


def _return_lines(ctx: Ctx, iid: str, original_id: str, lines: Sequence[LineInput]) -> int:
    """Points the returned lines earned in the original sale (kept per line); visit points go last."""
    stored = ctx.conn.execute(
        "SELECT * FROM earn_lines WHERE instrument_id = :instrument_id AND operation_id = :operation_id "
        "ORDER BY line_no",
        {"instrument_id": iid, "operation_id": original_id},
    ).fetchall()
    if not stored:
        raise ApiError(
            409, "NOTHING_TO_RETURN", "This sale was not earned line by line; return by amount.", {}
        )
    left = {int(r["line_no"]): [int(r["returned_quantity"]), int(r["returned_points"])] for r in stored}
    back = 0
    for line in lines:
        need = line.quantity
        for r in stored:
            n = int(r["line_no"])
            if n == VISIT_LINE or r["product_code"] != line.product_code or need == 0:
                continue
            qty, pts = int(r["quantity"]), int(r["points"])
            done_q, done_p = left[n]
            q = min(need, qty - done_q)
            if q <= 0:
                continue
            now_p = pts * (done_q + q) // qty  # cumulative share: a full return gives back exactly all
            back += now_p - done_p
            left[n] = [done_q + q, now_p]
            need -= q
        if need > 0:
            raise ApiError(
                409,
                "NOTHING_TO_RETURN",
                f"More of {line.product_code} is returned than the sale holds.",
                {"productCode": line.product_code},
            )
    products = [r for r in stored if int(r["line_no"]) != VISIT_LINE]
    if all(left[int(r["line_no"])][0] >= int(r["quantity"]) for r in products):
        visit = next((r for r in stored if int(r["line_no"]) == VISIT_LINE), None)
        if visit is not None and left[VISIT_LINE][1] < int(visit["points"]):
            back += int(visit["points"]) - left[VISIT_LINE][1]
            left[VISIT_LINE] = [1, int(visit["points"])]
    for n, (q, p) in left.items():
        ctx.conn.execute(
            "UPDATE earn_lines SET returned_quantity = :returned_quantity, returned_points = "
            ":returned_points "
            "WHERE instrument_id = :instrument_id AND operation_id = :operation_id AND line_no = :line_no",
            {
                "returned_quantity": q,
                "returned_points": p,
                "instrument_id": iid,
                "operation_id": original_id,
                "line_no": n,
            },
        )
    return back


def _void_rewards(
    ctx: Ctx, row: Row, original_operation_id: str, taking: int, *, sale_card_id: str | None = None
) -> None:
    """Void the sale's unused reward coupons (newest first) while the card's points cannot cover ``taking``.

    ``sale_card_id``: the card the sale was made on, when the return is applied to the card it was
    merged into (its coupons are the sale card's; the points come back on ``row``).

    What a return can take from is every live lot with points left (pending ones too, as
    :func:`point_lots.take` with ``debt`` does); each voided coupon gives back the points it cost, on
    the card's ledger as a ``void`` of the original sale, and is closed with a ``void`` on its own.
    """
    iid = str(row["instrument_id"])
    cover = int(
        ctx.conn.execute(
            "SELECT COALESCE(SUM(remaining), 0) FROM point_lots WHERE instrument_id = :instrument_id AND "
            "remaining > 0 "
            "AND (expires_on IS NULL OR expires_on > :expires_on)",
            {"instrument_id": iid, "expires_on": ctx.today.isoformat()},
        ).fetchone()[0]
    )
    if cover >= taking:
        return
    unused = ctx.conn.execute(
        "SELECT r.points, c.* FROM reward_coupons r JOIN instruments c ON c.instrument_id = r.coupon_id "
        "WHERE r.card_id = :card_id AND r.operation_id = :operation_id AND c.status NOT IN ('used', "
        "'closed') "
        "AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.instrument_id = c.instrument_id "
        "AND t.type = 'redeem' AND t.reversed_by IS NULL) ORDER BY c.created DESC, c.instrument_id DESC"
        # locked: a concurrent redeem of one of these coupons waits, or this one skips a coupon it used
        + ctx.conn.for_update("c"),
        {"card_id": sale_card_id or iid, "operation_id": original_operation_id},
    ).fetchall()
    for coupon in unused:
        if cover >= taking:
            break
        points = int(coupon["points"])
        ctx.conn.execute(
            "UPDATE instruments SET status = 'closed', uses_left = 0 WHERE instrument_id = :instrument_id",
            {"instrument_id": coupon["instrument_id"]},
        )
        append_ledger(
            ctx,
            coupon,
            "void",
            reference=f"sale {original_operation_id} returned",
            original_operation_id=None,
        )
        # tagged with the sale, so the return's take uses these points first, not the card's older ones
        point_lots.add(ctx, iid, points, validity_days=_validity(row), operation_id=original_operation_id)
        append_ledger(
            ctx,
            row,
            "void",
            points=points,
            reference=f"reward {coupon['number']} voided",
            original_operation_id=original_operation_id,
        )
        cover += points


def _merge_chain(ctx: Ctx, row: Row) -> list[Row]:
    """``row`` and the cards its points went to by merges, in order (one card when never merged)."""
    chain = [row]
    while (into := merged_into(ctx, chain[-1])) is not None and len(chain) < 64:
        chain.append(find_by_number(ctx, into, "loyaltycard"))
    return chain


def return_points(
    ctx: Ctx, number: str, original_operation_id: str, basket_in: BasketInput
) -> dict[str, Any]:
    """Reverse the points of an original sale: what it earned goes, what it spent comes back.

    A card closed by a merge keeps its sales: a return naming one of them is applied to the card its
    points went to (the end of the merge chain), where its points are now (docs/API.md).
    """
    sale_card = find_by_number(ctx, number, "loyaltycard")
    require_acceptor(ctx, sale_card)
    if sale_card["status"] == "blocked":
        require_usable(ctx, sale_card)
    chain = _merge_chain(ctx, sale_card)
    row = chain[-1]  # the card the return changes
    if row is not sale_card:
        require_acceptor(ctx, row)
        if row["status"] == "blocked":
            require_usable(ctx, row)
    original = find_operation(ctx, sale_card, original_operation_id)
    moved, sign = _original_points(ctx, original)
    # returns of the sale made before a merge are on the cards before it in the chain
    ids = {f"i{n}": c["instrument_id"] for n, c in enumerate(chain)}
    returned = ctx.conn.execute(
        "SELECT COALESCE(SUM(points), 0) FROM transactions WHERE type = 'return' "
        f"AND instrument_id IN ({', '.join(':' + k for k in ids)}) "
        "AND original_operation_id = :original_operation_id",
        {**ids, "original_operation_id": original_operation_id},
    ).fetchone()[0]
    left = moved - int(returned)
    if left <= 0:
        raise ApiError(409, "NOTHING_TO_RETURN", "Everything of this sale has been returned.", {})
    iid = str(row["instrument_id"])
    back = left
    if basket_in.lines and sign < 0:
        back = min(
            left, _return_lines(ctx, str(sale_card["instrument_id"]), original_operation_id, basket_in.lines)
        )
    elif basket_in.amount is not None:
        amount = parse_amount(basket_in.amount, str(row["currency"]))
        base = int(original["amount_minor"] or 0)
        if sign < 0 and base > 0:
            if amount > base:
                raise ApiError(409, "NOTHING_TO_RETURN", "The amount is more than the original sale.", {})
            share = (Decimal(moved) * amount / base).to_integral_value(rounding=ROUND_FLOOR)
            back = min(left, int(share))
    if sign < 0:
        _void_rewards(ctx, row, original_operation_id, back, sale_card_id=str(sale_card["instrument_id"]))
        point_lots.take(ctx, iid, back, prefer_operation=original_operation_id, debt=True)
    else:
        point_lots.add(ctx, iid, back, validity_days=_validity(row))
    tx = append_ledger(ctx, row, "return", points=back, original_operation_id=original_operation_id)
    return operation_result(ctx, row, "return", tx, points=back)
