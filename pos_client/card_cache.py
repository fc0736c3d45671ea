"""The last known state of each card, as the card panel showed it, for look-ups while offline.

Design: :class:`CardCache` is the terminal's :class:`~pos_client.offline_cache.InstrumentCache` (the
few fields the offline policy judges a spend by) plus one more table in the same private file
(``instruments.db``, 0600 like every file of the data directory): the whole card as the server last
showed it, one row per number, overwritten at every sighting. When the server cannot be reached, a
look-up answers from it (:meth:`CardCache.last_known`), marked with ``as_of`` (when it was seen), and
:func:`provisional_view` puts what already waits in the offline queue on top, so the cashier sees the
balance the customer will have, not the one before their offline payment.

Personal data: nothing beyond what the card panel shows. The customer's id and names are kept (the
panel shows "Customer: Zofia Wiśniewska"); with ``isolate_personal_data`` only the initials are stored,
as the panel shows them. No phone, e-mail or consents (an instrument carries none). Logs mask numbers.
It is a cache: a failure is logged and never stops an operation.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from pos_client.domain import (
    Account,
    CustomerRef,
    Instrument,
    Kind,
    NextReward,
    Offer,
    OpType,
    PointsAccount,
    PointsProduct,
    Status,
)
from pos_client.masking import mask_number
from pos_client.offline_cache import INSERT_INSTRUMENT, InstrumentCache
from pos_client.operations import WriteOperation
from pos_client.personal_data import isolated_instrument

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS card (
    number    TEXT PRIMARY KEY,
    snapshot  TEXT NOT NULL,
    seen_at   REAL NOT NULL
)
"""


class CardCache(InstrumentCache):
    """Last seen cards (see the module doc). Thread-safe (one connection under a lock).

    Args:
        path: the SQLite file (``instruments.db`` in the data directory).
        isolate: keep customers' names as initials only (``[ui] isolate_personal_data``).
        clock: wall-clock seconds.
    """

    def __init__(
        self, path: Path | str, *, isolate: bool = False, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(path, clock=clock)
        self._isolate = isolate
        with self._lock:
            self._db.execute(_SCHEMA)

    def remember(self, instrument: Instrument) -> None:
        """Store what the server just showed (a last-known view itself is never stored again)."""
        if instrument.as_of is not None:
            return
        shown = isolated_instrument(instrument) if self._isolate else instrument
        try:
            snapshot = json.dumps(_to_json(shown), separators=(",", ":"), ensure_ascii=False)
            row = self._row(instrument)
            with self._lock:
                # Both tables in one transaction: one commit a sighting, on the look-up's path.
                self._db.execute("BEGIN")
                try:
                    self._db.execute(INSERT_INSTRUMENT, row)
                    self._db.execute(
                        "INSERT OR REPLACE INTO card (number, snapshot, seen_at) VALUES (?, ?, ?)",
                        (instrument.number, snapshot, row[-1]),
                    )
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
        except (sqlite3.Error, TypeError, ValueError):
            log.warning("could not cache card %s", mask_number(instrument.number), exc_info=True)

    def last_known(self, number: str) -> Instrument | None:
        """The card ``number`` as last seen online, with ``as_of`` set; None when never seen here."""
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT snapshot, seen_at FROM card WHERE number = ?", (number,)
                ).fetchone()
        except sqlite3.Error:
            log.warning("could not read the cached card %s", mask_number(number), exc_info=True)
            return None
        if row is None:
            return None
        try:
            instrument = _from_json(json.loads(row[0]))
        except (ValueError, KeyError, TypeError, ArithmeticError):
            log.warning("ignoring an unreadable cached card %s", mask_number(number))
            return None
        return replace(instrument, as_of=dt.datetime.fromtimestamp(float(row[1]), dt.UTC))


def provisional_view(instrument: Instrument, queued: Iterable[WriteOperation]) -> Instrument:
    """``instrument`` with the effect of the ``queued`` operations on it (oldest first) put on top.

    What the customer will have once the queue is delivered, as far as the terminal can tell: money
    paid or loaded moves the balance; points spent move the points (points *earned* are counted by the
    server's rules, unknown offline: the balance stays). An activation makes the card active.
    """
    for op in queued:
        instrument = _apply(instrument, op)
    return instrument


def _apply(instrument: Instrument, op: WriteOperation) -> Instrument:
    account, points = instrument.account, instrument.points
    if account is not None and op.amount is not None:
        sign = {OpType.PAY: -1, OpType.LOAD: 1, OpType.REFUND: 1}.get(op.type)
        if op.type is OpType.ISSUE:
            account = Account(op.amount, op.amount, Decimal(0), account.floor, op.amount)
            return replace(instrument, account=account, status=Status.ACTIVE)
        if sign is not None:
            moved = op.amount * sign
            account = replace(account, net=account.net + moved, available=account.available + moved)
            return replace(instrument, account=account)
    if points is not None and op.type is OpType.SPEND and op.points is not None:
        balance = points.balance - op.points
        return replace(
            instrument, points=replace(points, balance=balance, value=balance * points.point_value)
        )
    if op.type is OpType.ISSUE and instrument.status is Status.PREISSUED:
        return replace(instrument, status=Status.ACTIVE)
    return instrument


# -- storage form (plain JSON; money as decimal strings) ------------------------------------------


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _unday(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


def _to_json(i: Instrument) -> dict[str, Any]:
    a, p, r, o, c = i.account, i.points, i.next_reward, i.offer, i.customer
    return {
        "instrumentId": i.instrument_id,
        "kind": i.kind.value,
        "number": i.number,
        "seriesNumber": i.series_number,
        "status": i.status.value,
        "currency": i.currency,
        "startDate": _day(i.start_date),
        "expiryDate": _day(i.expiry_date),
        "created": i.created.isoformat() if i.created else None,
        "account": None
        if a is None
        else [_dec(a.original), _dec(a.net), _dec(a.authorized), _dec(a.floor), _dec(a.available)],
        "points": None
        if p is None
        else [
            p.balance,
            p.pending,
            p.expiring_soon,
            _day(p.expiring_date),
            _dec(p.point_value),
            _dec(p.value),
        ],
        "nextReward": None if r is None else [r.threshold, r.points_to_go, _dec(r.reward_value), r.close],
        "offer": None if o is None else [o.description, o.discount_type, _dec(o.value)],
        "singleUse": i.single_use,
        "usesLeft": i.uses_left,
        "customer": None if c is None else [c.customer_id, c.first_name, c.last_name],
        "blockReason": i.block_reason,
        "acceptableHere": i.acceptable_here,
        "pointsProducts": [[x.product_code, x.description, x.points] for x in i.points_products],
    }


def _from_json(d: dict[str, Any]) -> Instrument:
    a, p, r, o, c = d["account"], d["points"], d["nextReward"], d["offer"], d["customer"]
    return Instrument(
        instrument_id=str(d["instrumentId"]),
        kind=Kind(d["kind"]),
        number=str(d["number"]),
        series_number=str(d["seriesNumber"]),
        status=Status(d["status"]),
        currency=str(d["currency"]),
        start_date=_unday(d["startDate"]),
        expiry_date=_unday(d["expiryDate"]),
        created=dt.datetime.fromisoformat(d["created"]) if d["created"] else None,
        account=None if a is None else Account(*(Decimal(str(x)) for x in a)),
        points=None
        if p is None
        else PointsAccount(int(p[0]), int(p[1]), int(p[2]), _unday(p[3]), Decimal(p[4]), Decimal(p[5])),
        next_reward=None if r is None else NextReward(int(r[0]), int(r[1]), Decimal(r[2]), bool(r[3])),
        offer=None if o is None else Offer(str(o[0]), str(o[1]), Decimal(o[2])),
        single_use=d["singleUse"],
        uses_left=d["usesLeft"],
        customer=None if c is None else CustomerRef(str(c[0]), c[1], c[2]),
        block_reason=d["blockReason"],
        acceptable_here=bool(d["acceptableHere"]),
        points_products=tuple(PointsProduct(str(x[0]), str(x[1]), int(x[2])) for x in d["pointsProducts"]),
    )
