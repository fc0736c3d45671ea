"""The queued write gateway: store first, send now, and queue safely when the server is away.

Design (docs/ARCHITECTURE.md#offline, ``pos_client.operations``):

1. ``submit`` stores the operation in the outbox (fsynced) *before* the first byte is sent.
2. It tries to deliver it at once, after any earlier operation of the same instrument (order).
3. Applied → ``applied``; refused → the refusal is raised (the cashier sees it at once).
4. The server could not be reached → the offline policy (``pos_client.offline_policy``) decides:
   allowed → ``queued`` (provisional; the replayer delivers it later under the same key);
   not allowed → ``Unavailable`` (exit 3). Then, if the request surely never left (connection
   refused, or held behind an earlier operation), the row is marked ``not_sent`` (kept, never sent);
   if the server *may* have applied it (timeout, dropped connection), it stays pending as "outcome
   unknown", on the needs-attention list while unknown, and is reconciled by replay under the same
   key: refused -> off the list; applied -> kept there for a manager.
5. A payment hold may not wait in the queue: one whose answer was lost is checked with the server under
   the same key for a bounded time; if it stays unknown, or the cashier stops waiting first, it is
   NOT paid (:class:`PaymentNotConfirmed`), and a hold the server made after all is released by the
   terminal.

The gateway wraps the online gateway (``DirectGateway``): its typed errors are turned into the
queue's ``SendOutcome``, so the queue never sees HTTP. It also keeps the last known state of each
instrument it sees, and reports the queue's status (online, pending, oldest, needs attention).

Its parts, one concern each: ``offline_base`` (state, status, what waits), ``offline_admin`` (a
manager's retry, park, acknowledge), ``offline_upkeep`` (background delivery, retention, settling
payments taken offline, releasing unconfirmed holds), ``offline_status`` (the status and refusals).
"""

from __future__ import annotations

import logging
from decimal import Decimal

from offline_queue.replayer import OutcomeKind
from offline_queue.store import (
    Entry,
    InvalidTransitionError,
    Reported,
    State,
)
from pos_client.api.errors import Refused, Unauthorized
from pos_client.api.retry import current_deadline
from pos_client.card_cache import CardCache, provisional_view
from pos_client.domain import (
    Instrument,
    OperationResult,
    OperationState,
    OpType,
    Status,
)
from pos_client.i18n import gettext as _
from pos_client.masking import mask_number
from pos_client.offline_admin import QueueAdministration
from pos_client.offline_policy import SPENDING, Candidate, Decision, Pending, decide
from pos_client.offline_status import (
    ALL,
    RELEASE_NAMESPACE,
    RETENTION_DAYS,
    SETTLE_NAMESPACE,
    OfflineRefused,
    PaymentNotConfirmed,
    QueueStatus,
    Tidied,
    cashier_gone,
    not_paid,
)
from pos_client.offline_upkeep import Upkeep
from pos_client.operations import (
    Override,
    PendingOperations,
    WriteOperation,
)

log = logging.getLogger("pos_client.offline")


__all__ = [
    "ALL",
    "RELEASE_NAMESPACE",
    "RETENTION_DAYS",
    "SETTLE_NAMESPACE",
    "OfflineRefused",
    "Override",
    "PaymentNotConfirmed",
    "PendingOperations",
    "QueueStatus",
    "QueuedGateway",
    "Tidied",
]


class QueuedGateway(Upkeep, QueueAdministration):
    """A :class:`~pos_client.operations.WriteGateway` that never loses a write and queues safely.

    Args: as :class:`~pos_client.offline_base.QueueBase`, which keeps them.
    """

    # -- WriteGateway ---------------------------------------------------------------------------

    def submit(self, operation: WriteOperation, *, override: Override | None = None) -> OperationResult:
        """Store, try to send now, else queue within the offline policy (see the module doc).

        Args:
            operation: the write.
            override: a manager's approval to go past a soft offline limit (never past the hard
                cap); the service checked the manager's PIN and passes it with the operation.

        Raises:
            Refused: the server refused it (at once: the cashier sees it).
            OfflineRefused: the server cannot be reached and the operation may not wait.
            Unauthorized, ProtocolError: as the online gateway raises them.
        """
        self.sender.expect(operation.operation_id)  # before the enqueue: the background may send it
        try:
            seq = self.outbox.enqueue(
                operation.operation_id,
                operation.to_json(),
                instrument_key=operation.instrument_key,
                amount=operation.amount,
                created_at=operation.created.timestamp(),
                terminal=self.terminal,
            )
            return self._deliver_or_queue(seq, operation, override)
        finally:
            self.sender.forget(operation.operation_id)
            self._changed()

    def _deliver_or_queue(self, seq: int, op: WriteOperation, override: Override | None) -> OperationResult:
        attempt = self.replayer.deliver_now(seq)
        answer = self.sender.take(op.operation_id)  # also when the background sender was quicker
        entry = attempt.entry
        paying = op.type is OpType.PAY
        if entry.state is State.DONE:
            if paying and cashier_gone(current_deadline()):
                # Confirmed just after the cashier stopped waiting: not paid, as the till said.
                self._release_delivered(self.outbox.set_reported(seq, Reported.UNAVAILABLE))
                raise PaymentNotConfirmed(not_paid())
            self.outbox.set_reported(seq, Reported.APPLIED)
            if isinstance(answer, OperationResult):
                return answer
            return OperationResult(op.operation_id, op.type, OperationState.APPLIED, amount=op.amount)
        if entry.state is State.REFUSED:
            self.outbox.set_reported(seq, Reported.REFUSED)
            if isinstance(answer, Refused):
                raise answer
            raise Refused(entry.last_error or "REFUSED", "the server refused the operation")
        if isinstance(answer, Unauthorized):
            self._not_sent_or_unknown(seq, "unauthorized", maybe_applied=False)
            raise answer
        outcome = attempt.outcome
        maybe_applied = outcome is not None and outcome.kind is OutcomeKind.RETRY and outcome.reached_server
        why = (
            attempt.reason or (outcome.error if outcome is not None else "") or "the server cannot be reached"
        )
        if maybe_applied and paying:
            return self._check_hold(seq, op, why)
        if paying and cashier_gone(current_deadline()):
            # Never sent, and the cashier has walked away from it: it must not be queued as paid.
            self._not_sent_or_unknown(seq, why, maybe_applied=False)
            raise PaymentNotConfirmed(not_paid())
        decision = self._decide(op, override is not None)
        if decision.allowed:
            entry = self.outbox.set_reported(seq, Reported.QUEUED, note=decision.reason or None)
            if override is not None and decision.limit:
                self._record_override(op, override, decision)
            self.replayer.wake()
            return self._queued_result(op, entry)
        self._not_sent_or_unknown(seq, why, maybe_applied=maybe_applied)
        if maybe_applied:
            message = _(
                "the server did not answer; the operation may have been applied. It is kept and will be "
                "checked when the server is back (do not repeat it; a manager will see the outcome)"
            )
        else:
            message = f"offline: {decision.reason}" if decision.reason else f"offline: {why}"
        raise OfflineRefused(message, decision, maybe_applied=maybe_applied)

    def _check_hold(self, seq: int, op: WriteOperation, why: str) -> OperationResult:
        """A payment hold whose answer was lost may not wait in the queue: the sale must not go on as
        paid without the server's word. Keep asking with the same key for a bounded time ("checking
        with the server", :meth:`Deadline.checking <pos_client.api.retry.Deadline.checking>`); if it
        stays unknown, the cashier is told it is not paid, and the hold, if the server made it, is
        released by the terminal when the answer comes (:meth:`_release`)."""
        deadline = current_deadline()
        if deadline is not None and not deadline.cancelled:
            deadline.checking(deadline.policy.confirm)
            self.sender.expect(op.operation_id)
            attempt = self.replayer.deliver_now(seq)
            answer = self.sender.take(op.operation_id)
            if attempt.entry.state is State.DONE and cashier_gone(deadline):
                self._release_delivered(self.outbox.set_reported(seq, Reported.UNAVAILABLE))
                raise PaymentNotConfirmed(not_paid())
            if attempt.entry.state is State.DONE:
                self.outbox.set_reported(seq, Reported.APPLIED)
                if isinstance(answer, OperationResult):
                    return answer
                return OperationResult(op.operation_id, op.type, OperationState.APPLIED, amount=op.amount)
            if attempt.entry.state is State.REFUSED:
                self.outbox.set_reported(seq, Reported.REFUSED)
                if isinstance(answer, Refused):
                    raise answer
                raise Refused(attempt.entry.last_error or "REFUSED", "the server refused the operation")
        # On the needs-attention list while its outcome is unknown; the server's answer (delivery
        # goes on under the same key) reconciles it: refused -> off the list; applied -> released.
        entry = self.outbox.mark_unknown(
            seq, f"payment not confirmed ({why}); if the server made the hold, the terminal releases it"
        )
        if entry.state is State.DONE:  # delivered meanwhile by another sender: release it now
            self._release_delivered(entry)
        self.replayer.wake()
        raise PaymentNotConfirmed(not_paid())

    def _not_sent_or_unknown(self, seq: int, why: str, *, maybe_applied: bool) -> None:
        """The cashier is told it failed: surely unsent → ``not_sent``; else keep it to reconcile."""
        if not maybe_applied:
            try:
                self.outbox.mark_not_sent(seq, f"not sent: {why}")
                self._blank(self.outbox.resolve(f"#{seq}"))  # it will never be sent
                return
            except InvalidTransitionError:  # it left pending meanwhile: then it may have been sent
                log.info("operation #%s was picked up while being refused; keeping it to reconcile", seq)
        # The cashier was told "may have been applied, a manager will see the outcome": on the
        # needs-attention list until the server's answer (replay under the same key) settles it.
        self.outbox.mark_unknown(seq, f"outcome unknown ({why}); reconciled by replay under the same key")
        self.replayer.wake()

    def _queued_result(self, op: WriteOperation, entry: Entry) -> OperationResult:
        if entry.state is State.DONE:  # delivered meanwhile by the background replayer
            return OperationResult(
                op.operation_id, op.type, OperationState.APPLIED, amount=op.amount, points=op.points
            )
        return OperationResult(
            operation_id=op.operation_id,
            type=op.type,
            state=OperationState.QUEUED,
            instrument=self._provisional_instrument(op),
            amount=op.amount,
            points=op.points,
            created=op.created,
            provisional=True,
        )

    def _provisional_instrument(self, op: WriteOperation) -> Instrument | None:
        """The card of a queued operation as it will be once the queue is delivered, for its
        PROVISIONAL slip and the till's card panel: the last known state with everything queued on it
        (this operation too); a card never seen here is named by its number, kind and series only."""
        if op.kind is None or not op.instrument_key or op.instrument_key.startswith("customer:"):
            return None
        known = self.last_known(op.instrument_key)
        if known is not None:
            return known
        series = self._series(op.series_number) if op.series_number else None
        return Instrument(
            instrument_id="",
            kind=op.kind,
            number=op.instrument_key,
            series_number=op.series_number or "",
            status=Status.ACTIVE,
            currency=series.currency if series is not None else str(op.body.get("currency") or ""),
        )

    def last_known(self, number: str) -> Instrument | None:
        """The card ``number`` as last seen online (``as_of`` set), with the operations still queued
        on it applied (``pos_client.card_cache.provisional_view``); None when never seen here."""
        if not isinstance(self._cache, CardCache):
            return None
        seen = self._cache.last_known(number)
        if seen is None:
            return None
        queued = [
            WriteOperation.from_json(e.payload)
            for e in self.outbox.entries([State.PENDING, State.SENDING], instrument_key=number, limit=ALL)
            if e.reported is Reported.QUEUED
        ]
        return provisional_view(seen, queued)

    # -- policy ---------------------------------------------------------------------------------

    def _decide(self, op: WriteOperation, override: bool) -> Decision:
        summary = self.outbox.summary()
        queued_spend = Decimal("0")
        queued_points = 0
        if op.instrument_key and op.type in SPENDING:
            for e in self.outbox.entries([State.PENDING, State.SENDING], instrument_key=op.instrument_key):
                if e.operation_id == op.operation_id or e.reported is not Reported.QUEUED:
                    continue
                other = WriteOperation.from_json(e.payload)
                if other.type in SPENDING:
                    queued_spend += other.amount or Decimal("0")
                    queued_points += other.points or 0
        oldest = summary.oldest_created_at
        pending = Pending(
            outstanding_value=summary.outstanding_value,
            oldest_age_seconds=self._clock() - oldest if oldest is not None else None,
            queued_spend=queued_spend,
            queued_points_spend=queued_points,
        )
        known = self._cache.known(op.instrument_key) if self._cache and op.instrument_key else None
        candidate = Candidate(op.declaration, op.kind, op.series_number, op.amount, op.points)
        series = self._series(op.series_number) if op.series_number else None
        return decide(
            candidate,
            series=series,
            limits=self._limits(),
            pending=pending,
            known=known,
            override=override,
        )

    def _record_override(self, op: WriteOperation, override: Override, decision: Decision) -> None:
        if self._audit is None:
            log.warning("offline override without an audit log (operation %s)", op.operation_id)
            return
        self._audit.record(
            "offline_override",
            override.operator_id,
            subject=mask_number(op.instrument_key) if op.instrument_key else "",
            approved_by=override.approved_by,
            details={
                "operationId": op.operation_id,
                "type": op.type.value,
                "amount": str(op.amount) if op.amount is not None else None,
                "points": op.points,
                "limit": decision.limit,
                "reason": decision.reason,
            },
        )
