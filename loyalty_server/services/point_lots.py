"""Points as lots: each earn is a lot that vests after a period and expires after another.

- A lot is *pending* until ``vests_on`` and counts nothing after ``expires_on`` (NULL: never expires).
- The available balance is the sum of vested, unexpired lots (a negative *debt* lot included: a return
  that takes back points already spent leaves the card owing them; later earns pay it off).
- Spending takes from the lots that expire first, so customers never lose points they could have used.
- ``instruments.points`` mirrors the available balance after every change (the ledger's ``pointsAfter``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from loyalty_server.context import Ctx
from loyalty_server.db import Row
from loyalty_server.errors import ApiError

EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True)
class Summary:
    """A card's points by state (held points are not subtracted here)."""

    available: int
    pending: int
    expiring_soon: int
    expiring_date: str | None


_LIVE = "(expires_on IS NULL OR expires_on > :today)"
# A lot that is spent out (``remaining = 0``) counts for nothing. The queries of a card's lots say
# ``remaining <> 0`` in these words, so that both engines read them through the partial index
# ``point_lots_live`` (SQLite uses a partial index only for a query naming its condition): a card's
# thousandth earn costs what its first did (before, every earn read all of the card's lots, several
# times).


def summary(ctx: Ctx, instrument_id: str, warn_days: int = EXPIRY_WARNING_DAYS) -> Summary:
    """Available, pending and soon-expiring points of a card today."""
    today = ctx.today.isoformat()
    soon = (ctx.today + timedelta(days=warn_days)).isoformat()
    row = ctx.conn.execute(
        "SELECT "
        "COALESCE(SUM(CASE WHEN vests_on <= :today THEN remaining END), 0) AS available, "
        "COALESCE(SUM(CASE WHEN vests_on > :today THEN remaining END), 0) AS pending, "
        "COALESCE(SUM(CASE WHEN vests_on <= :today AND remaining > 0 AND expires_on <= :soon "
        "THEN remaining END), 0) AS soon, "
        "MIN(CASE WHEN vests_on <= :today AND remaining > 0 AND expires_on <= :soon "
        "THEN expires_on END) AS first "
        f"FROM point_lots WHERE instrument_id = :i AND remaining <> 0 AND {_LIVE}",
        {"today": today, "soon": soon, "i": instrument_id},
    ).fetchone()
    return Summary(int(row["available"]), int(row["pending"]), int(row["soon"]), row["first"])


def _insufficient(available: int, points: int) -> ApiError:
    return ApiError(
        409,
        "INSUFFICIENT_POINTS",
        f"Not enough points on the card: {max(available, 0)} available, {points} asked.",
        {"balance": available, "requested": points},
    )


def _refresh(ctx: Ctx, instrument_id: str) -> None:
    ctx.conn.execute(
        "UPDATE instruments SET points = :points WHERE instrument_id = :instrument_id",
        {"points": summary(ctx, instrument_id).available, "instrument_id": instrument_id},
    )


def add(
    ctx: Ctx,
    instrument_id: str,
    points: int,
    *,
    vesting_days: int = 0,
    validity_days: int | None = None,
    earned_on: date | None = None,
    operation_id: str | None = None,
) -> None:
    """A new lot of ``points`` for ``operation_id`` (default: the current operation)."""
    if points <= 0:
        return
    start = earned_on or ctx.today
    vests = start + timedelta(days=vesting_days)
    expires = None if validity_days is None else (vests + timedelta(days=validity_days)).isoformat()
    ctx.conn.execute(
        "INSERT INTO point_lots (instrument_id, operation_id, earned, remaining, vests_on, expires_on) "
        "VALUES (:instrument_id, :operation_id, :earned, :remaining, :vests_on, :expires_on)",
        {
            "instrument_id": instrument_id,
            "operation_id": operation_id or ctx.operation_id,
            "earned": points,
            "remaining": points,
            "vests_on": vests.isoformat(),
            "expires_on": expires,
        },
    )
    _refresh(ctx, instrument_id)


def take(
    ctx: Ctx, instrument_id: str, points: int, *, prefer_operation: str | None = None, debt: bool = False
) -> None:
    """Take ``points`` from a card's lots (the preferred operation's lot first, then earliest expiry).

    Args:
        prefer_operation: take from this earn's own lot first (a return of that earn), vested or not.
        debt: when the lots hold too little, record the rest as a debt instead of refusing.

    Raises:
        ApiError: ``INSUFFICIENT_POINTS`` when the lots hold too little and ``debt`` is False.
    """
    if points <= 0:
        return
    today = ctx.today.isoformat()
    args = {"i": instrument_id, "today": today, "op": prefer_operation}
    base = (
        "SELECT lot_id, remaining FROM point_lots WHERE instrument_id = :i AND remaining <> 0 "
        f"AND remaining > 0 AND {_LIVE} "
    )
    lots: list[Row] = []
    if prefer_operation is not None:
        lots += ctx.conn.execute(base + "AND operation_id = :op ORDER BY lot_id", args).fetchall()
    lots += ctx.conn.execute(
        base + "AND vests_on <= :today ORDER BY expires_on IS NULL, expires_on, lot_id", args
    ).fetchall()
    if debt:  # a return may also take what has not vested yet
        lots += ctx.conn.execute(base + "AND vests_on > :today ORDER BY vests_on, lot_id", args).fetchall()
    owed = points
    seen: set[int] = set()
    available = summary(ctx, instrument_id).available
    if not debt and available < points:
        raise _insufficient(available, points)
    for lot in lots:
        if owed == 0:
            break
        if lot["lot_id"] in seen:
            continue
        seen.add(lot["lot_id"])
        got = min(owed, int(lot["remaining"]))
        ctx.conn.execute(
            "UPDATE point_lots SET remaining = remaining - :got WHERE lot_id = :lot_id",
            {"got": got, "lot_id": lot["lot_id"]},
        )
        owed -= got
    if owed and not debt:  # only debt lots stood in the way: the balance check above said enough
        raise _insufficient(points - owed, points)
    if owed:
        ctx.conn.execute(
            "INSERT INTO point_lots (instrument_id, operation_id, earned, remaining, vests_on, expires_on) "
            "VALUES (:instrument_id, :operation_id, 0, :remaining, :vests_on, NULL)",
            {
                "instrument_id": instrument_id,
                "operation_id": ctx.operation_id,
                "remaining": -owed,
                "vests_on": today,
            },
        )
    _refresh(ctx, instrument_id)
