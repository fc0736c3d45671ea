"""History of an instrument and the day summary of a terminal."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from loyalty_server.context import Ctx
from loyalty_server.errors import ApiError
from loyalty_server.money import format_minor, format_optional
from loyalty_server.services.instruments import find_by_id

#: Ledger types that put money onto instruments / take it off.
MONEY_IN = ("issue", "load", "refund")
MONEY_OUT = ("commit", "unissue")


def history(ctx: Ctx, instrument_id: str) -> dict[str, Any]:
    """``GET /instruments/{instrumentId}/transactions``, newest first."""
    row = find_by_id(ctx, instrument_id)
    cur = str(row["currency"])
    txs = ctx.conn.execute(
        "SELECT * FROM transactions WHERE instrument_id = ? ORDER BY seq DESC LIMIT 1000",
        (row["instrument_id"],),
    ).fetchall()
    left = {
        str(sale["sale_id"]): int(sale["reversible_minor"])
        for sale in ctx.conn.execute(
            "SELECT sale_id, reversible_minor FROM sales WHERE instrument_id = ?", (row["instrument_id"],)
        )
    }
    return {
        "transactions": [
            {
                "transactionId": f"TX-{t['seq']:06d}",
                "operationId": t["operation_id"],
                "type": t["type"],
                "amount": format_optional(t["amount_minor"], cur),
                "points": t["points"],
                "balanceAfter": format_optional(t["balance_after_minor"], cur),
                "pointsAfter": t["points_after"],
                "authCode": t["auth_code"],
                "created": t["created"],
                "merchantId": t["merchant_id"],
                "store": t["store"],
                "pos": t["pos"],
                "reference": t["reference"],
                "reversible": format_optional(left.get(str(t["sale_id"])), cur),
                "approvedBy": t["approved_by"],
            }
            for t in txs
        ]
    }


def day(ctx: Ctx, day_param: str | None) -> dict[str, Any]:
    """``GET /reports/day``: this terminal's operations of one UTC day, by kind and type."""
    try:
        which = ctx.today if day_param is None else date.fromisoformat(day_param)
    except ValueError:
        raise ApiError(400, "INVALID_REQUEST", "date must be YYYY-MM-DD.", {"field": "date"}) from None
    start = f"{which.isoformat()}T00:00:00Z"
    end = f"{(which + timedelta(days=1)).isoformat()}T00:00:00Z"
    cur = ctx.terminal.currency
    rows = ctx.conn.execute(
        "SELECT s.kind, t.type, COUNT(*) AS n, COALESCE(SUM(t.amount_minor), 0) AS amount, "
        "COALESCE(SUM(t.points), 0) AS points FROM transactions t "
        "JOIN instruments i ON i.instrument_id = t.instrument_id "
        "JOIN series s ON s.loyalty_group = i.loyalty_group AND s.series_number = i.series_number "
        "WHERE t.terminal_id = ? AND t.created >= ? AND t.created < ? GROUP BY s.kind, t.type "
        "ORDER BY s.kind, t.type",
        (ctx.terminal.terminal_id, start, end),
    ).fetchall()
    lines = []
    count = amount_in = amount_out = earned = spent = 0
    for r in rows:
        is_money = r["kind"] in ("giftcard", "storecredit")
        amount = int(r["amount"]) if is_money else 0
        lines.append(
            {
                "kind": r["kind"],
                "type": r["type"],
                "count": int(r["n"]),
                "amount": format_minor(amount, cur),
                "points": int(r["points"]),
            }
        )
        count += int(r["n"])
        if is_money and r["type"] in MONEY_IN:
            amount_in += amount
        if is_money and r["type"] in MONEY_OUT:
            amount_out += amount
        if r["kind"] == "loyaltycard" and r["type"] == "earn":
            earned += int(r["points"])
        if r["kind"] == "loyaltycard" and r["type"] in ("spend", "commit"):
            spent += int(r["points"])
    return {
        "date": which.isoformat(),
        "terminalId": ctx.terminal.terminal_id,
        "currency": cur,
        "lines": lines,
        "totals": {
            "count": count,
            "amountIn": format_minor(amount_in, cur),
            "amountOut": format_minor(amount_out, cur),
            "pointsEarned": earned,
            "pointsSpent": spent,
        },
    }
