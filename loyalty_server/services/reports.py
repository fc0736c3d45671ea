"""History of an instrument and the day summary of a terminal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from loyalty_server.context import Ctx
from loyalty_server.errors import ApiError
from loyalty_server.money import format_minor, format_optional
from loyalty_server.services import points_config
from loyalty_server.services.instruments import find_by_id

MONEY_KINDS = ("giftcard", "storecredit")

#: What a void of a money instrument reverses, by the type of the operation it names.
_VOIDED_SALE = {"load": "load", "pay": "payment", "commit": "payment", "refund": "refund"}

#: The day's ledger rows of one terminal, each with its card kind and the operation it reverses (the
#: first row of ``original_operation_id`` on the same instrument, as ``find_operation`` finds it).
_DAY_ROWS = (
    "SELECT t.type, t.amount_minor, t.points, t.created, s.kind, "
    "o.type AS original_type, o.created AS original_created FROM transactions t "
    "JOIN instruments i ON i.instrument_id = t.instrument_id "
    "JOIN series s ON s.loyalty_group = i.loyalty_group AND s.series_number = i.series_number "
    "LEFT JOIN transactions o ON o.seq = (SELECT MIN(x.seq) FROM transactions x "
    "WHERE x.instrument_id = t.instrument_id AND x.operation_id = t.original_operation_id "
    "AND x.type NOT IN ('block', 'unblock')) "
    "WHERE t.terminal_id = :terminal_id AND t.created >= :start AND t.created < :end ORDER BY t.seq"
)


def history(ctx: Ctx, instrument_id: str) -> dict[str, Any]:
    """``GET /instruments/{instrumentId}/transactions``, newest first."""
    row = find_by_id(ctx, instrument_id)
    cur = str(row["currency"])
    txs = ctx.conn.execute(
        "SELECT * FROM transactions WHERE instrument_id = :instrument_id ORDER BY seq DESC LIMIT 1000",
        {"instrument_id": row["instrument_id"]},
    ).fetchall()
    left = {
        str(sale["sale_id"]): int(sale["reversible_minor"])
        for sale in ctx.conn.execute(
            "SELECT sale_id, reversible_minor FROM sales WHERE instrument_id = :instrument_id",
            {"instrument_id": row["instrument_id"]},
        )
    }
    # a loyalty money account keeps its money as points in minor units: its history shows money
    money_account = row["kind"] == "loyaltycard" and points_config.is_money_account(row)
    return {
        "transactions": [
            {
                "transactionId": f"TX-{t['seq']:06d}",
                "operationId": t["operation_id"],
                "type": t["type"],
                "amount": format_optional(t["points"] if money_account else t["amount_minor"], cur),
                "points": None if money_account else t["points"],
                "balanceAfter": format_optional(
                    t["points_after"] if money_account else t["balance_after_minor"], cur
                ),
                "pointsAfter": None if money_account else t["points_after"],
                "authCode": t["auth_code"],
                "created": t["created"],
                "merchantId": t["merchant_id"],
                "store": t["store"],
                "pos": t["pos"],
                "reference": t["reference"],
                "reversible": format_optional(left.get(str(t["sale_id"])), cur),
                "originalOperationId": t["original_operation_id"],
                "approvedBy": t["approved_by"],
            }
            for t in txs
        ]
    }


@dataclass
class _Line:
    """One line of the day: how many rows, their money (minor units) and points."""

    count: int = 0
    amount: int = 0
    points: int = 0


@dataclass
class _Net:
    """What operations did to the day's totals, net (minor units, points)."""

    count: int = 0
    amount_in: int = 0
    amount_out: int = 0
    earned: int = 0
    spent: int = 0
    returned: int = 0

    def add(self, other: _Net) -> None:
        self.count += other.count
        self.amount_in += other.amount_in
        self.amount_out += other.amount_out
        self.earned += other.earned
        self.spent += other.spent
        self.returned += other.returned


def _reverses(kind: str, tx_type: str, original_type: str | None) -> str | None:
    """What a reversal takes back (``load``, ``payment``, ``refund``, ``issue``, ``earn``, ``spend``,
    ``redeem``), or ``None`` for a row that reverses nothing."""
    if kind in MONEY_KINDS:
        if tx_type == "void":
            return _VOIDED_SALE.get(str(original_type))
        return {"refund": "payment", "unissue": "issue"}.get(tx_type)
    if kind == "loyaltycard":
        if tx_type == "return":
            return "earn" if original_type == "earn" else "spend"
        if tx_type == "void":  # a returned sale's unused reward coupon gave its points back
            return "spend"
    if kind == "coupon" and tx_type == "unredeem":
        return "redeem"
    return None


def _effect(kind: str, tx_type: str, reverses: str | None, amount: int, points: int) -> _Net:
    """What one ledger row does to the day's net totals.

    Money in is what was put on cards (activations and top-ups), money out what cards paid
    (committed payments); a refund gives a payment back, so it lowers money out. Holds, cancels,
    blocks and coupons move no money.
    """
    net = _Net(count=1)
    if kind in MONEY_KINDS:
        if tx_type in ("issue", "load"):
            net.amount_in = amount
        elif tx_type == "unissue" or (tx_type == "void" and reverses == "load"):
            net.amount_in = -amount
        elif tx_type == "commit":
            net.amount_out = amount
        elif tx_type == "refund" or (tx_type == "void" and reverses == "payment"):
            net.amount_out = -amount
        elif tx_type == "void" and reverses == "refund":
            net.amount_out = amount  # the refund is taken back: the payment stands again
    elif kind == "loyaltycard":
        if tx_type == "earn":
            net.earned = points
        elif tx_type in ("spend", "commit"):
            net.spent = points
        elif tx_type == "return" and reverses == "earn":
            net.earned, net.returned = -points, points
        elif tx_type == "return":
            net.spent, net.returned = -points, points
        elif tx_type == "void":
            net.spent = -points
    return net


def day(ctx: Ctx, day_param: str | None) -> dict[str, Any]:
    """``GET /reports/day``: this terminal's operations of one UTC day, net of their reversals.

    Lines count the ledger rows by card kind, type and what a reversal reverses (a void of a top-up
    is its own line, apart from a void of a payment). Totals and hours are *net*: every reversal
    recorded that day (void, refund, unissue, points return, a reward coupon's points given back)
    takes off what it reverses, so a load of 50.00 voided the same day adds nothing to money in. A
    reversal of an earlier day's operation counts on the day it was made (a cash-up never changes
    afterwards). In the hours a reversal of an operation of the same day is netted in the hour of
    that operation, so the hours add up to the totals and a voided sale leaves no bar.
    """
    try:
        which = ctx.today if day_param is None else date.fromisoformat(day_param)
    except ValueError:
        raise ApiError(400, "INVALID_REQUEST", "date must be YYYY-MM-DD.", {"field": "date"}) from None
    start = f"{which.isoformat()}T00:00:00Z"
    end = f"{(which + timedelta(days=1)).isoformat()}T00:00:00Z"
    cur = ctx.terminal.currency
    rows = ctx.conn.execute(
        _DAY_ROWS, {"terminal_id": ctx.terminal.terminal_id, "start": start, "end": end}
    ).fetchall()
    lines: dict[tuple[str, str, str | None], _Line] = {}
    totals = _Net()
    hours: dict[str, _Net] = {}
    for r in rows:
        kind, tx_type = str(r["kind"]), str(r["type"])
        reverses = _reverses(kind, tx_type, r["original_type"])
        line = lines.setdefault((kind, tx_type, reverses), _Line())
        line.count += 1
        line.amount += int(r["amount_minor"] or 0)
        line.points += int(r["points"] or 0)
        effect = _effect(kind, tx_type, reverses, int(r["amount_minor"] or 0), int(r["points"] or 0))
        totals.add(effect)
        original_created = r["original_created"]
        same_day = original_created is not None and start <= str(original_created) < end
        when = str(original_created if same_day else r["created"])
        hours.setdefault(f"{when[:13]}:00:00Z", _Net()).add(effect)
    return {
        "date": which.isoformat(),
        "terminalId": ctx.terminal.terminal_id,
        "currency": cur,
        "lines": [
            {
                "kind": kind,
                "type": tx_type,
                "reverses": reverses,
                "count": line.count,
                "amount": format_minor(line.amount, cur) if kind in MONEY_KINDS else None,
                "points": line.points if kind == "loyaltycard" else None,
            }
            for (kind, tx_type, reverses), line in sorted(lines.items(), key=lambda kv: _line_key(*kv[0]))
        ],
        "totals": {
            "count": len(rows),
            "amountIn": format_minor(totals.amount_in, cur),
            "amountOut": format_minor(totals.amount_out, cur),
            "pointsEarned": totals.earned,
            "pointsSpent": totals.spent,
            "pointsReturned": totals.returned,
        },
        "hours": [
            {
                "start": hour,
                "count": net.count,
                "amountIn": format_minor(net.amount_in, cur),
                "amountOut": format_minor(net.amount_out, cur),
                "pointsEarned": net.earned,
                "pointsSpent": net.spent,
            }
            for hour, net in sorted(hours.items())
        ],
    }


def _line_key(kind: str, tx_type: str, reverses: str | None) -> tuple[str, str, str]:
    return kind, tx_type, reverses or ""
