"""May this operation wait in the offline queue? The offline policy as one pure decision.

Design (docs/ARCHITECTURE.md#offline): the server's series list says, per series, which operations may run
offline and the cap per operation; ``GET /terminal`` gives the terminal-wide limits (outstanding offline
value, maximum queue age, the hard cap of a manager's override). The decision also uses the last
known state of the instrument to refuse an obviously uncovered spend.

Limits come in two strengths:

- *soft* (a manager may override, up to ``override_hard_cap``): the series' cap per operation and the
  terminal's outstanding offline value;
- *hard* (no override): an operation not allowed offline at all, an unknown series, a queue older
  than the maximum age, a spend the last known balance does not cover, a card known to be unusable.

Everything here is plain data in, a :class:`Decision` out; no I/O, so every edge is unit-testable.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from pos_client.declarations import Declaration, Offline
from pos_client.domain import Kind, OfflineLimits, OpType, Series

# Operations that take value off an instrument: checked against the last known balance.
SPENDING = frozenset({OpType.PAY, OpType.REDEEM, OpType.SPEND})

USABLE_STATUSES = frozenset({"active"})


class Verdict(enum.StrEnum):
    ALLOW = "allow"  # may be queued
    OVERRIDABLE = "overridable"  # past a soft limit: a manager may allow it (within the hard cap)
    REFUSE = "refuse"  # past a hard limit


@dataclass(frozen=True)
class Decision:
    """The answer, with the reason in plain words for the cashier."""

    verdict: Verdict
    reason: str = ""
    limit: str = ""  # which limit: "operation", "series", "per_operation", "outstanding", ...
    cap: Decimal | None = None  # the limit's amount (money), when it has one
    points_cap: int | None = None  # the limit in points (a series' points per operation)
    room: Decimal | None = None  # what is left under the offline total ("outstanding")
    currency: str | None = None  # of ``cap`` and ``room`` (the series'); None: the till's

    @property
    def allowed(self) -> bool:
        return self.verdict is Verdict.ALLOW


@dataclass(frozen=True)
class KnownInstrument:
    """The last state seen of an instrument, enough to judge an offline spend."""

    status: str
    available: Decimal | None  # money available (money instruments)
    points: int | None  # points balance (loyalty cards)


@dataclass(frozen=True)
class Pending:
    """What already waits in the queue and matters for the decision."""

    outstanding_value: Decimal  # money of queued operations not yet confirmed (terminal-wide)
    oldest_age_seconds: float | None  # age of the oldest undelivered operation
    queued_spend: Decimal = Decimal("0")  # queued spends of money on this instrument
    queued_points_spend: int = 0  # queued spends of points on this instrument


@dataclass(frozen=True)
class Candidate:
    """The operation to decide on (the fields of a ``WriteOperation`` the policy needs).

    Its declaration gives its offline class (``pos_client.declarations.Offline``): a series'
    operation may wait when the series' ``offlinePolicy.operations`` names its ``policy_name``; a
    customer record may wait within the terminal-wide limits; the others never wait.
    """

    declaration: Declaration
    kind: Kind | None
    series_number: str | None
    amount: Decimal | None
    points: int | None

    @property
    def type(self) -> OpType:
        return self.declaration.op_type


def decide(
    op: Candidate,
    *,
    series: Series | None,
    limits: OfflineLimits | None,
    pending: Pending,
    known: KnownInstrument | None = None,
    override: bool = False,
) -> Decision:
    """Decide whether ``op`` may be queued while the server cannot be reached.

    Args:
        op: the operation.
        series: its series from the cached catalogue (None when it has none or it is unknown).
        limits: the terminal's offline limits (None when never fetched: nothing may be queued).
        pending: what the queue holds already.
        known: the instrument's last known state, if any.
        override: a manager approved going past a soft limit (still within the hard cap).
    """
    hard = _hard_limits(op, series, limits, pending, known)
    if hard is not None:
        return hard
    assert limits is not None  # checked by _hard_limits
    soft = _soft_limits(op, series, limits, pending)
    if soft is None:
        return Decision(Verdict.ALLOW)
    if not override:
        return soft
    amount = op.amount or Decimal("0")
    if amount > limits.override_hard_cap or pending.outstanding_value + amount > limits.override_hard_cap:
        return Decision(
            Verdict.REFUSE,
            f"even with a manager's approval the offline total may not exceed {limits.override_hard_cap}",
            "hard_cap",
        )
    return Decision(Verdict.ALLOW, f"allowed by a manager's override: {soft.reason}", soft.limit)


def _hard_limits(
    op: Candidate,
    series: Series | None,
    limits: OfflineLimits | None,
    pending: Pending,
    known: KnownInstrument | None,
) -> Decision | None:
    if limits is None:
        return _refuse("the terminal's offline limits are not known yet (connect it once)", "limits")
    decl = op.declaration
    if decl.offline is Offline.NEVER:
        return _refuse(f"'{op.type.value}' cannot be done offline", "operation")
    if decl.offline is Offline.SERIES:
        if series is None:
            return _refuse("the card's series is not in the local catalogue", "series")
        name = decl.policy_name
        if not series.offline_policy.allows(name):
            return _refuse(f"'{name}' is not allowed offline for {series.description}", "operation")
    if pending.oldest_age_seconds is not None and pending.oldest_age_seconds > limits.max_queue_age_seconds:
        hours = limits.max_queue_age_seconds / 3600
        return _refuse(
            f"operations have waited for the server longer than {hours:g} h; connect the terminal first",
            "queue_age",
        )
    if known is not None and op.type in SPENDING:
        if known.status not in USABLE_STATUSES:
            return _refuse(f"the card was {known.status} when last seen", "status")
        if op.amount is not None and known.available is not None:
            left = known.available - pending.queued_spend
            if op.amount > left:
                return _refuse(f"the last known balance covers only {max(left, Decimal('0'))}", "balance")
        if op.points is not None and known.points is not None:
            points_left = known.points - pending.queued_points_spend
            if op.points > points_left:
                return _refuse(f"the last known points balance is only {max(points_left, 0)}", "balance")
    return None


def _soft_limits(
    op: Candidate, series: Series | None, limits: OfflineLimits, pending: Pending
) -> Decision | None:
    if series is not None:
        policy = series.offline_policy
        cap = policy.max_amount_per_operation
        if cap is not None and op.amount is not None and op.amount > cap:
            return Decision(
                Verdict.OVERRIDABLE,
                f"offline the amount is limited to {cap}",
                "per_operation",
                cap=cap,
                currency=series.currency,
            )
        points_cap = policy.max_points_per_operation
        if points_cap is not None and op.points is not None and op.points > points_cap:
            return Decision(
                Verdict.OVERRIDABLE,
                f"offline the points are limited to {points_cap}",
                "per_operation",
                points_cap=points_cap,
            )
    if op.amount is not None and pending.outstanding_value + op.amount > limits.max_outstanding_value:
        room = max(limits.max_outstanding_value - pending.outstanding_value, Decimal("0"))
        return Decision(
            Verdict.OVERRIDABLE,
            f"the offline total is limited to {limits.max_outstanding_value} ({room} left)",
            "outstanding",
            cap=limits.max_outstanding_value,
            room=room,
            currency=series.currency if series is not None else None,
        )
    return None


def _refuse(reason: str, limit: str) -> Decision:
    return Decision(Verdict.REFUSE, reason, limit)
