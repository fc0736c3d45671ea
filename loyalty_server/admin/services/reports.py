"""Back-office reports: totals of a day or period per store and terminal, and the outstanding
liability of gift cards and store credit (what finance books).

Totals sum the ledger rows by what they are (``type``), in each card currency: a refund or a void is
its own line, so nothing is netted away that finance wants to see. Liability is the sum of the
balances (``amountNet``: held money still belongs to the card until it is committed) of every issued
card that is not closed, by series and currency, with the part on expired cards shown apart (still
owed until the programme's rules let it go).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from loyalty_server.admin.auth import Action, AdminCtx, authorize
from loyalty_server.admin.services.common import invalid
from loyalty_server.money import format_minor

MAX_PERIOD_DAYS = 366


def _day(raw: str | None, default: date, field: str) -> date:
    if raw is None:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise invalid("INVALID_REQUEST", f"{field}: a day as YYYY-MM-DD.", field=field) from exc


def totals(ctx: AdminCtx, day_from: str | None, day_to: str | None) -> dict[str, Any]:
    """Ledger totals from ``day_from`` to ``day_to`` (UTC days, both included; today by default)."""
    authorize(ctx, Action.READ)
    start = _day(day_from, ctx.now.date(), "from")
    end = _day(day_to, start, "to")
    if end < start or (end - start).days >= MAX_PERIOD_DAYS:
        raise invalid("INVALID_REQUEST", f"to: on or after from, at most {MAX_PERIOD_DAYS} days.", field="to")
    rows = ctx.conn.execute(
        "SELECT t.store, t.terminal_id, t.pos, t.type, s.kind, s.currency, COUNT(*) AS n, "
        "COALESCE(SUM(t.amount_minor), 0) AS amount, COALESCE(SUM(t.points), 0) AS points "
        "FROM transactions t JOIN instruments i ON i.instrument_id = t.instrument_id "
        "JOIN series s ON s.loyalty_group = i.loyalty_group AND s.series_number = i.series_number "
        "WHERE i.loyalty_group = :loyalty_group AND t.created >= :start AND t.created < :end "
        "GROUP BY t.store, t.terminal_id, t.pos, t.type, s.kind, s.currency "
        "ORDER BY t.store, t.terminal_id, s.kind, t.type, s.currency",
        {
            "loyalty_group": ctx.loyalty_group,
            "start": start.isoformat(),
            "end": (end + timedelta(days=1)).isoformat(),
        },
    ).fetchall()
    stores: dict[int, dict[str, Any]] = {}
    for r in rows:
        store = stores.setdefault(
            int(r["store"]), {"store": int(r["store"]), "terminals": {}, "lines": defaultdict(dict)}
        )
        terminal = store["terminals"].setdefault(
            r["terminal_id"], {"terminalId": r["terminal_id"], "pos": r["pos"], "lines": []}
        )
        line = {
            "kind": r["kind"],
            "type": r["type"],
            "currency": r["currency"],
            "count": r["n"],
            "amount": format_minor(int(r["amount"]), str(r["currency"])),
            "points": int(r["points"]),
        }
        terminal["lines"].append(line)
        key = (r["kind"], r["type"], r["currency"])
        agg = store["lines"][key]
        agg["count"] = agg.get("count", 0) + int(r["n"])
        agg["minor"] = agg.get("minor", 0) + int(r["amount"])
        agg["points"] = agg.get("points", 0) + int(r["points"])
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "stores": [
            {
                "store": s["store"],
                "lines": [
                    {
                        "kind": kind,
                        "type": tx_type,
                        "currency": cur,
                        "count": agg["count"],
                        "amount": format_minor(agg["minor"], cur),
                        "points": agg["points"],
                    }
                    for (kind, tx_type, cur), agg in s["lines"].items()
                ],
                "terminals": list(s["terminals"].values()),
            }
            for s in stores.values()
        ],
    }


def liability(ctx: AdminCtx) -> dict[str, Any]:
    """The outstanding balances of gift cards and store credit, by series and currency."""
    authorize(ctx, Action.READ)
    today = ctx.now.date().isoformat()
    rows = ctx.conn.execute(
        "SELECT s.series_number, s.kind, s.currency, COUNT(*) AS cards, "
        "COALESCE(SUM(i.net_minor), 0) AS outstanding, "
        "COALESCE(SUM(CASE WHEN i.expiry_date IS NOT NULL AND i.expiry_date < :expiry_date THEN "
        "i.net_minor END), 0) "
        "AS expired FROM instruments i JOIN series s "
        "ON s.loyalty_group = i.loyalty_group AND s.series_number = i.series_number "
        "WHERE i.loyalty_group = :loyalty_group AND s.kind IN ('giftcard', 'storecredit') "
        "AND i.status IN ('active', 'blocked') AND i.net_minor != 0 "
        "GROUP BY s.series_number, s.kind, s.currency ORDER BY s.currency, s.series_number",
        {"expiry_date": today, "loyalty_group": ctx.loyalty_group},
    ).fetchall()
    totals: dict[str, int] = defaultdict(int)
    series = []
    for r in rows:
        cur = str(r["currency"])
        totals[cur] += int(r["outstanding"])
        series.append(
            {
                "seriesNumber": r["series_number"],
                "kind": r["kind"],
                "currency": cur,
                "cards": r["cards"],
                "outstanding": format_minor(int(r["outstanding"]), cur),
                "onExpiredCards": format_minor(int(r["expired"]), cur),
            }
        )
    return {
        "asOf": ctx.now_iso,
        "series": series,
        "totals": [
            {"currency": cur, "outstanding": format_minor(v, cur)} for cur, v in sorted(totals.items())
        ],
    }
