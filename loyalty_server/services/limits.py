"""Limits the server enforces on value-creating operations, whatever the terminal checked.

Per series (``GET /series`` publishes them as ``limits``): the most one load may add
(``max_load_minor``), the most a card may hold (``max_balance_minor``: after an activation, a load or a
refund, since a card may have been loaded after the payment it is refunded), and the amount above which
an activation or a load needs a manager's approval named in the request (``approval_threshold_minor``
→ ``approvedBy``, kept in the ledger). Per terminal and day: the money its issues, loads and refunds
created (``merchants.daily_value_cap_minor``, set per merchant), which bounds what a stolen token
can do. ``NULL`` means no limit.
"""

from __future__ import annotations

from datetime import timedelta

from loyalty_server.context import Ctx
from loyalty_server.db import Row
from loyalty_server.errors import ApiError
from loyalty_server.money import format_minor

#: Ledger types that create money on an instrument (counted by the per-terminal daily cap).
VALUE_CREATING = ("issue", "load", "refund")

_WHAT = {"issue": "An activation", "load": "A load", "refund": "A refund"}


def require_load_limits(ctx: Ctx, row: Row, amount_minor: int) -> None:
    """``LOAD_LIMIT_EXCEEDED`` / ``BALANCE_LIMIT_EXCEEDED`` for a load of ``amount_minor`` on ``row``."""
    cur = str(row["currency"])
    cap = row["max_load_minor"]
    if cap is not None and amount_minor > int(cap):
        raise ApiError(
            409,
            "LOAD_LIMIT_EXCEEDED",
            f"One load on this card may add at most {format_minor(int(cap), cur)} {cur}.",
            {"maxLoad": format_minor(int(cap), cur), "amountRequested": format_minor(amount_minor, cur)},
        )
    require_balance_limit(ctx, row, int(row["net_minor"]), amount_minor)


def require_balance_limit(ctx: Ctx, row: Row, net_minor: int, amount_minor: int) -> None:
    """``BALANCE_LIMIT_EXCEEDED`` when ``net_minor + amount_minor`` passes the series' maximum balance."""
    cur = str(row["currency"])
    cap = row["max_balance_minor"]
    if cap is None or net_minor + amount_minor <= int(cap):
        return
    room = max(0, int(cap) - net_minor)
    raise ApiError(
        409,
        "BALANCE_LIMIT_EXCEEDED",
        f"This card may hold at most {format_minor(int(cap), cur)} {cur}; it holds "
        f"{format_minor(net_minor, cur)}, so at most {format_minor(room, cur)} more can be added.",
        {
            "maxBalance": format_minor(int(cap), cur),
            "amountNet": format_minor(net_minor, cur),
            "amountAllowed": format_minor(room, cur),
        },
    )


def require_approval(ctx: Ctx, series: Row, tx_type: str, amount_minor: int, approved_by: str | None) -> None:
    """``APPROVAL_REQUIRED`` when ``amount_minor`` is above the series' threshold and no manager is named."""
    threshold = series["approval_threshold_minor"]
    if threshold is None or amount_minor <= int(threshold) or approved_by:
        return
    cur = str(series["currency"])
    raise ApiError(
        409,
        "APPROVAL_REQUIRED",
        f"{_WHAT.get(tx_type, 'This operation')} above {format_minor(int(threshold), cur)} {cur} needs a "
        "manager's approval: send the approving manager in approvedBy.",
        {
            "approvalThreshold": format_minor(int(threshold), cur),
            "amountRequested": format_minor(amount_minor, cur),
        },
    )


def require_daily_cap(ctx: Ctx, amount_minor: int) -> None:
    """``TERMINAL_DAILY_LIMIT`` when this terminal would create more money today than its merchant allows.

    Counts the issues, loads and refunds the terminal made this UTC day (gross: a voided load still
    counts, so load-and-void cannot be used to probe the cap).
    """
    t = ctx.terminal
    cap_row = ctx.conn.execute(
        "SELECT daily_value_cap_minor FROM merchants WHERE merchant_id = :merchant_id",
        {"merchant_id": t.merchant_id},
    ).fetchone()
    if cap_row is None or cap_row[0] is None:
        return
    cap = int(cap_row[0])
    # the terminal's row is locked (PostgreSQL): two of its writes cannot both pass the cap on one sum
    ctx.conn.execute(
        "SELECT terminal_id FROM terminals WHERE terminal_id = :terminal_id"
        + ctx.conn.for_update("terminals"),
        {"terminal_id": t.terminal_id},
    )
    start = f"{ctx.today.isoformat()}T00:00:00Z"
    end = f"{(ctx.today + timedelta(days=1)).isoformat()}T00:00:00Z"
    done = int(
        ctx.conn.execute(
            "SELECT COALESCE(SUM(amount_minor), 0) FROM transactions WHERE terminal_id = :terminal_id "
            "AND created >= :start AND created < :end AND type IN :types",
            {"terminal_id": t.terminal_id, "start": start, "end": end, "types": list(VALUE_CREATING)},
        ).fetchone()[0]
    )
    if done + amount_minor <= cap:
        return
    cur = t.currency
    left = max(0, cap - done)
    raise ApiError(
        409,
        "TERMINAL_DAILY_LIMIT",
        f"This till may create at most {format_minor(cap, cur)} {cur} a day in activations, loads and "
        f"refunds; {format_minor(left, cur)} {cur} is left today.",
        {
            "dailyCap": format_minor(cap, cur),
            "usedToday": format_minor(done, cur),
            "amountLeft": format_minor(left, cur),
            "amountRequested": format_minor(amount_minor, cur),
        },
    )
