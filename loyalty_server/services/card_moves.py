"""Moving what a card holds onto another card (issue 19): merging two loyalty cards of one customer and
transferring a gift card's or store credit's balance off a lost or damaged card.

Both run in the caller's one transaction (the idempotent write of docs/API.md), both need a manager's
approval (``approvedBy``, kept on both cards' ledger rows) and both leave a row on each card naming the
other card, so each history reads on its own:

- merge: ``merge_out`` on the source (closed, ``mergedInto`` the target), ``merge_in`` on the target;
  every live points lot (vested, pending, a debt) moves with its vesting and expiry dates.
- transfer: ``transfer_out`` on the source (blocked with the reason given), ``transfer_in`` on the
  target; the whole available balance moves, within the target series' ``maxBalance``.
"""

from __future__ import annotations

from typing import Any

from loyalty_server.context import Ctx
from loyalty_server.db import Row
from loyalty_server.errors import ApiError
from loyalty_server.money import check_currency, format_minor
from loyalty_server.services import limits, point_lots, points_config, sales
from loyalty_server.services.catalogue import require_acceptor
from loyalty_server.services.instruments import (
    append_ledger,
    effective_status,
    find_by_number,
    instrument_json,
    operation_result,
    reload,
    require_usable,
)

_LIVE_LOTS = (
    "SELECT lot_id, operation_id, remaining, vests_on, expires_on FROM point_lots WHERE instrument_id = :i "
    "AND remaining <> 0 AND (expires_on IS NULL OR expires_on > :today) ORDER BY lot_id"
)


def _same_card(row: Row) -> ApiError:
    return ApiError(
        409, "SAME_CARD", "The card to move to must be another card.", {"targetNumber": row["number"]}
    )


def _require_no_open_hold(ctx: Ctx, row: Row) -> None:
    """``409 HOLD_OPEN`` while an uncommitted, unexpired authorisation is open on the card."""
    open_holds = int(
        ctx.conn.execute(
            "SELECT COUNT(*) FROM authorizations WHERE instrument_id = :instrument_id "
            "AND status = 'pending' AND expires > :now",
            {"instrument_id": row["instrument_id"], "now": ctx.now_iso},
        ).fetchone()[0]
    )
    if open_holds:
        raise ApiError(
            409,
            "HOLD_OPEN",
            "A payment on this card is still open: commit or cancel it first.",
            {"openAuthorizations": open_holds},
        )


def _set_points(ctx: Ctx, instrument_id: str) -> None:
    """``instruments.points`` mirrors the available balance (as :mod:`point_lots` keeps it)."""
    ctx.conn.execute(
        "UPDATE instruments SET points = :points WHERE instrument_id = :instrument_id",
        {"points": point_lots.summary(ctx, instrument_id).available, "instrument_id": instrument_id},
    )


def _move_lots(ctx: Ctx, source_id: str, target_id: str) -> int:
    """Move every live lot of the source to the target, dates kept; the points moved (net of debts)."""
    lots = ctx.conn.execute(_LIVE_LOTS, {"i": source_id, "today": ctx.today.isoformat()}).fetchall()
    moved = 0
    for lot in lots:
        remaining = int(lot["remaining"])
        ctx.conn.execute(
            "INSERT INTO point_lots (instrument_id, operation_id, earned, remaining, vests_on, expires_on) "
            "VALUES (:instrument_id, :operation_id, :earned, :remaining, :vests_on, :expires_on)",
            {
                "instrument_id": target_id,
                # the sale's own id stays on its lot: a later return of that sale (redirected to this
                # card, docs/API.md) takes its points from it first, as it would have on the source
                "operation_id": lot["operation_id"],
                "earned": max(remaining, 0),
                "remaining": remaining,
                "vests_on": lot["vests_on"],
                "expires_on": lot["expires_on"],
            },
        )
        ctx.conn.execute(
            "UPDATE point_lots SET remaining = 0 WHERE lot_id = :lot_id", {"lot_id": lot["lot_id"]}
        )
        moved += remaining
    _set_points(ctx, source_id)
    _set_points(ctx, target_id)
    return moved


def merge_loyaltycards(ctx: Ctx, number: str, target_number: str, approved_by: str) -> dict[str, Any]:
    """``POST /loyaltycards/{number}/_merge``: the card's points move to the target; the card closes."""
    source = find_by_number(ctx, number, "loyaltycard")
    target = find_by_number(ctx, target_number, "loyaltycard")
    if source["instrument_id"] == target["instrument_id"]:
        raise _same_card(target)
    for row in (source, target):
        require_acceptor(ctx, row)
        require_usable(ctx, row)
    if source["customer_id"] is None or source["customer_id"] != target["customer_id"]:
        raise ApiError(
            409,
            "CUSTOMER_MISMATCH",
            "Only two cards of one customer can be merged: link both cards to the customer first.",
            {"sourceHasCustomer": source["customer_id"] is not None},
        )
    if source["currency"] != target["currency"] or points_config.point_value_minor(
        source
    ) != points_config.point_value_minor(target):
        raise ApiError(
            409,
            "SERIES_MISMATCH",
            "These cards' points are worth different amounts: they cannot be merged.",
            {"sourceSeries": source["series_number"], "targetSeries": target["series_number"]},
        )
    _require_no_open_hold(ctx, source)
    moved = _move_lots(ctx, str(source["instrument_id"]), str(target["instrument_id"]))
    ctx.conn.execute(
        "UPDATE instruments SET status = 'closed' WHERE instrument_id = :instrument_id",
        {"instrument_id": source["instrument_id"]},
    )
    append_ledger(
        ctx, source, "merge_out", points=moved, reference=str(target["number"]), approved_by=approved_by
    )
    tx = append_ledger(
        ctx, target, "merge_in", points=moved, reference=str(source["number"]), approved_by=approved_by
    )
    result = operation_result(ctx, target, "merge_in", tx, points=moved)
    result["source"] = instrument_json(ctx, reload(ctx, source))
    return result


def transfer_balance(
    ctx: Ctx, number: str, kind: str, target_number: str, reason: str, approved_by: str
) -> dict[str, Any]:
    """``POST /giftcards/{number}/_transfer``: the available balance moves; the card is blocked."""
    source = find_by_number(ctx, number, kind)
    target = find_by_number(ctx, target_number, kind)
    if source["instrument_id"] == target["instrument_id"]:
        raise _same_card(target)
    for row in (source, target):
        require_acceptor(ctx, row)
    # a card already blocked as lost may give its balance away: that is what the transfer is for
    if effective_status(source, ctx.today) != "blocked":
        require_usable(ctx, source)
    require_usable(ctx, target)
    if source["series_number"] != target["series_number"] or source["currency"] != target["currency"]:
        raise ApiError(
            409,
            "SERIES_MISMATCH",
            "A balance moves only to a card of the same series and currency.",
            {
                "sourceSeries": source["series_number"],
                "targetSeries": target["series_number"],
                "sourceCurrency": source["currency"],
                "targetCurrency": target["currency"],
            },
        )
    cur = str(source["currency"])
    check_currency(None, cur, ctx.terminal.currency)
    _require_no_open_hold(ctx, source)
    amount = int(source["net_minor"])
    if amount <= 0:
        raise ApiError(
            409,
            "NOTHING_TO_TRANSFER",
            "This card holds no money to transfer.",
            {"amountAvailable": format_minor(max(amount, 0), cur)},
        )
    limits.require_balance_limit(ctx, target, int(target["net_minor"]), amount)
    ctx.conn.execute(
        "UPDATE instruments SET net_minor = net_minor - :amount, status = 'blocked', "
        "status_before_block = CASE WHEN status = 'blocked' THEN status_before_block ELSE status END, "
        "block_reason = :reason WHERE instrument_id = :instrument_id",
        {"amount": amount, "reason": reason, "instrument_id": source["instrument_id"]},
    )
    ctx.conn.execute(
        "UPDATE instruments SET net_minor = net_minor + :amount WHERE instrument_id = :instrument_id",
        {"amount": amount, "instrument_id": target["instrument_id"]},
    )
    # the money left the card: nothing of its earlier sales can be refunded or voided onto it any more
    sales.close_all(ctx, str(source["instrument_id"]))
    append_ledger(
        ctx,
        source,
        "transfer_out",
        amount_minor=amount,
        reference=str(target["number"]),
        approved_by=approved_by,
    )
    append_ledger(ctx, source, "block", reference=reason, approved_by=approved_by)
    tx = append_ledger(
        ctx,
        target,
        "transfer_in",
        amount_minor=amount,
        reference=str(source["number"]),
        approved_by=approved_by,
    )
    result = operation_result(ctx, target, "transfer_in", tx, amount_minor=amount)
    result["source"] = instrument_json(ctx, reload(ctx, source))
    return result
