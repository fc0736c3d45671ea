"""The queued write gateway: store first, send now, and queue safely when the server is away.

Design (docs/ARCHITECTURE.md, "Offline"; ``pos_client.operations``):

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
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from offline_queue.replayer import TERMINAL_CHANGED_MESSAGE, Backoff, OutcomeKind, PassReport, Replayer
from offline_queue.store import (
    DuplicateOperationError,
    Entry,
    InvalidTransitionError,
    Outbox,
    Reported,
    State,
)
from pos_client.api import requests
from pos_client.api.errors import Refused, Unauthorized, Unavailable
from pos_client.api.retry import Deadline, current_deadline
from pos_client.card_cache import CardCache, provisional_view
from pos_client.declarations import declaration
from pos_client.domain import (
    Instrument,
    OfflineLimits,
    OperationResult,
    OperationState,
    OpType,
    Series,
    Status,
)
from pos_client.i18n import gettext as _
from pos_client.masking import mask_number
from pos_client.offline_cache import InstrumentCache
from pos_client.offline_policy import SPENDING, Candidate, Decision, Pending, Verdict, decide
from pos_client.offline_sender import GatewaySender
from pos_client.operations import (
    Override,
    PendingOperations,
    Waiting,
    WriteGateway,
    WriteOperation,
    new_operation_id,
)
from pos_client.personal_data import without_personal_data
from pos_client.reachability import Reachability
from pos_client.security import AuditLog

log = logging.getLogger(__name__)

RETENTION_DAYS = 30  # delivered operations are kept this long, for support and reprints
ALL = 2**62  # "no limit" for outbox listings
SETTLE_NAMESPACE = uuid.UUID("5b0c3c1e-6f1d-4e0a-9a55-2f2d7c1e0b11")  # commits of offline payments
RELEASE_NAMESPACE = uuid.UUID("0f3e7a52-9d41-4c86-b1f7-6a2c58d3e904")  # cancels of unconfirmed holds


class OfflineRefused(Unavailable):
    """The server cannot be reached and the offline policy does not let this operation wait.

    Attributes:
        decision: the policy's answer (``verdict`` OVERRIDABLE means a manager may allow it).
    """

    def __init__(self, message: str, decision: Decision | None, *, maybe_applied: bool) -> None:
        super().__init__(message, maybe_applied=maybe_applied)
        self.decision = decision

    @property
    def overridable(self) -> bool:
        return self.decision is not None and self.decision.verdict is Verdict.OVERRIDABLE


class PaymentNotConfirmed(OfflineRefused):
    """A payment hold the server did not confirm in time (its answer was lost, or the cashier stopped
    waiting): it is NOT paid. If the server made the hold after all, the terminal releases it by
    itself; meanwhile the payment is on the needs-attention list (``Outbox.mark_unknown``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, None, maybe_applied=True)


def _not_paid() -> str:
    return _(
        "the payment could not be confirmed with the server: it is NOT paid, take another payment "
        "method (if the card was charged, the terminal releases the amount by itself)"
    )


def _cashier_gone(deadline: Deadline | None) -> bool:
    """The cashier stopped waiting before the operation's outcome was decided (see
    :meth:`Deadline.settle <pos_client.api.retry.Deadline.settle>`); after this call a late cancel
    no longer counts."""
    return deadline is not None and not deadline.settle()


@dataclass(frozen=True)
class QueueStatus:
    """What the terminal shows at all times (docs/ARCHITECTURE.md, "Offline")."""

    online: bool | None  # None: not known yet (nothing sent since start)
    pending: int
    oldest_age_seconds: float | None
    needs_attention: int
    parked: int
    outstanding_value: Decimal
    held: int = 0  # pending but held behind an operation that needs attention
    taken_at: float = 0.0  # time.monotonic() when it was taken: a display keeps the newest

    @property
    def waiting(self) -> int:
        """Operations that wait for the server (not those held behind a refusal)."""
        return self.pending - self.held

    def to_json(self) -> dict[str, Any]:
        """The ``queue status --json`` object."""
        return {
            "online": self.online,
            "pending": self.pending,
            "oldestAgeSeconds": round(self.oldest_age_seconds)
            if self.oldest_age_seconds is not None
            else None,
            "needsAttention": self.needs_attention,
            "parked": self.parked,
            "held": self.held,
            "outstandingValue": str(self.outstanding_value),
        }


@dataclass(frozen=True)
class Tidied:
    """What :meth:`QueuedGateway.tidy_delivered` did."""

    blanked: int  # customer operations whose personal data was removed
    settled: int  # payments taken offline whose commit was queued


def _refused_before(entry: Entry) -> bool:
    """A parked operation that the server (or the terminal's identity check) had refused."""
    return entry.state is State.PARKED and entry.response is not None


def _refused_blanked(entry: Entry) -> tuple[str, str] | None:
    """For :meth:`Outbox.park`: a refused operation's ``(payload, key)`` without personal data."""
    if entry.state is not State.REFUSED:
        return None
    blank = without_personal_data(WriteOperation.from_json(entry.payload))
    return (blank.to_json(), blank.instrument_key) if blank is not None else None


class QueuedGateway:
    """A :class:`~pos_client.operations.WriteGateway` that never loses a write and queues safely.

    Args:
        outbox: the durable outbox.
        direct: the online gateway that really sends (one attempt, typed errors).
        series: looks a series up in the local catalogue by its number.
        limits: the terminal's offline limits (from the last ``GET /terminal``), None if unknown.
        cache: last known instrument states (updated from every result seen).
        audit: the local audit log, where every override is recorded with its approver.
        on_status: called with the new :class:`QueueStatus` after every change (also when the server
            becomes reachable or unreachable).
        probe: asks the server whether it is reachable (``GET /terminal`` with a short timeout), for a
            status when nothing was heard from the server for a few seconds.
        reachability: the one answer to "online?" (``pos_client.reachability``), fed by every
            request of the API client and every delivery attempt; default a new one.
        clock: wall-clock seconds.
        backoff: the replayer's retry policy.
        terminal: the identity of the terminal registration in force
            (``pos_client.terminal_identity``): recorded with every operation, and operations made
            under another are never sent ("" only where no registration exists, e.g. unit tests).
    """

    def __init__(
        self,
        outbox: Outbox,
        direct: WriteGateway,
        *,
        series: Callable[[str], Series | None],
        limits: Callable[[], OfflineLimits | None],
        cache: InstrumentCache | None = None,
        audit: AuditLog | None = None,
        on_status: Callable[[QueueStatus], None] | None = None,
        probe: Callable[[], bool] | None = None,
        clock: Callable[[], float] = time.time,
        backoff: Backoff | None = None,
        terminal: str = "",
        reachability: Reachability | None = None,
    ) -> None:
        self.outbox = outbox
        self.terminal = terminal
        self._series = series
        self._limits = limits
        self._cache = cache
        self._audit = audit
        self._on_status = on_status
        self._probe = probe
        self._clock = clock
        self.reachability = reachability or Reachability()
        self.reachability.listen(self._reach_changed)
        self.sender = GatewaySender(direct)
        self.sender.on_result = self._seen
        self.sender.on_reach = self.reachability.record
        self.replayer = Replayer(
            outbox,
            self.sender,
            backoff=backoff,
            clock=clock,
            on_change=self._changed,
            terminal=terminal or None,
            redact=without_personal_data,
        )
        self._upkeep: threading.Thread | None = None  # retention and tidying, started by start()

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
            if paying and _cashier_gone(current_deadline()):
                # Confirmed just after the cashier stopped waiting: not paid, as the till said.
                self._release_delivered(self.outbox.set_reported(seq, Reported.UNAVAILABLE))
                raise PaymentNotConfirmed(_not_paid())
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
        if paying and _cashier_gone(current_deadline()):
            # Never sent, and the cashier has walked away from it: it must not be queued as paid.
            self._not_sent_or_unknown(seq, why, maybe_applied=False)
            raise PaymentNotConfirmed(_not_paid())
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
            if attempt.entry.state is State.DONE and _cashier_gone(deadline):
                self._release_delivered(self.outbox.set_reported(seq, Reported.UNAVAILABLE))
                raise PaymentNotConfirmed(_not_paid())
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
        raise PaymentNotConfirmed(_not_paid())

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

    # -- status and delivery ----------------------------------------------------------------------

    def status(self, *, probe: bool = False) -> QueueStatus:
        """Online/offline, pending count, oldest age, needs attention: the one source of all four.

        "Online" is :attr:`reachability`: the newest outcome of any request or delivery attempt.

        Args:
            probe: when nothing was heard from the server for a few seconds (or ever), ask it now
                (``GET /terminal``, short timeout) instead of answering from an old outcome.
        """
        if probe and self._probe is not None and self.reachability.stale():
            self.reachability.record(self._probe())
        taken_at = time.monotonic()  # before reading: a status taken later has newer news
        online = self.reachability.online
        s = self.outbox.summary()
        return QueueStatus(
            online=online,
            pending=s.pending,
            oldest_age_seconds=self._clock() - s.oldest_created_at
            if s.oldest_created_at is not None
            else None,
            needs_attention=s.needs_attention,
            parked=s.parked,
            outstanding_value=s.outstanding_value,
            held=s.held,
            taken_at=taken_at,
        )

    def pending(self) -> Waiting:
        """What still waits for the server (the service refuses to sign off while anything does)."""
        status = self.status()
        return Waiting(status.pending, status.held)

    def ensure_nothing_pending(self, action: str = "sign off") -> None:
        """Refuse ``action`` (sign off, reset the terminal) while operations wait for the server.

        Raises:
            PendingOperations: with the status and a plain message naming ``action``.
        """
        status = self.status()
        if status.pending:
            raise PendingOperations(status, action)

    def retry(self, ref: str, *, operator_id: str = "", approved_by: str | None = None) -> Entry:
        """Put a refused or parked operation back in delivery (a manager's decision, audited).

        Who may decide is checked by the caller: :meth:`LoyaltyService.queue_retry
        <pos_client.service.LoyaltyService.queue_retry>` (the app and the CLI go through it), which
        passes the operator and the approving manager for the audit log.

        A refused one goes out under a fresh key (the server keeps its refusal under the old one;
        the old key stays in the record); a parked one that was never refused keeps its key.

        Raises:
            UnknownOperationError, InvalidTransitionError: from the outbox.
        """
        entry = self.outbox.resolve(ref)
        if self.terminal and entry.terminal != self.terminal:
            # It would only be refused again: it is never sent under this registration.
            raise InvalidTransitionError(f"operation {entry.operation_id} was {TERMINAL_CHANGED_MESSAGE}")
        if entry.state is State.REFUSED or (entry.state is State.PARKED and entry.response is not None):
            op = replace(WriteOperation.from_json(entry.payload), operation_id=new_operation_id())
            entry = self.outbox.retry(
                entry.operation_id, new_operation_id=op.operation_id, new_payload=op.to_json()
            )
        else:
            entry = self.outbox.retry(entry.operation_id)
        self._audit_action("queue_retry", entry, operator_id, approved_by)
        self._changed()
        self.replayer.wake()
        return entry

    def park(self, ref: str, *, operator_id: str = "", approved_by: str | None = None) -> Entry:
        """Take a pending or refused operation out of delivery (kept; audited); its card moves on.
        The caller checks who may decide (:meth:`LoyaltyService.queue_park`).

        Raises:
            UnknownOperationError, InvalidTransitionError: from the outbox.
        """
        # A refused one is resolved for good: its personal data goes in the same step (a pending one
        # stays whole: it may have reached the server and be put back under its key).
        entry = self.outbox.park(ref, by=approved_by or operator_id, redacted=_refused_blanked)
        self._audit_action("queue_park", entry, operator_id, approved_by)
        self._changed()
        self.replayer.wake()
        return entry

    def acknowledge(self, ref: str, *, operator_id: str = "", approved_by: str | None = None) -> Entry:
        """A manager has dealt with an operation applied after the cashier was told it failed
        (e.g. voided it, or told the customer): it leaves the needs-attention list (audited). The
        caller checks who may decide (:meth:`LoyaltyService.queue_acknowledge`).

        Raises:
            UnknownOperationError, InvalidTransitionError: from the outbox.
        """
        entry = self.outbox.acknowledge(ref, by=approved_by or operator_id)
        entry = self._blank(entry)  # delivered: blanked already, unless delivered by an older version
        self._audit_action("queue_acknowledge", entry, operator_id, approved_by)
        self._changed()
        return entry

    def _audit_action(self, action: str, entry: Entry, operator_id: str, approved_by: str | None) -> None:
        if self._audit is None:
            return
        self._audit.record(
            action,
            operator_id or "-",
            approved_by=approved_by,
            subject=mask_number(entry.instrument_key) if entry.instrument_key else "",
            details={"operationId": entry.operation_id, "previousIds": list(entry.previous_keys)},
        )

    def flush(self, timeout: float = 0.0) -> PassReport:
        """Deliver what can be delivered now (see ``Replayer.flush``)."""
        return self.replayer.flush(timeout)

    def start(self) -> None:
        """Deliver in the background (the app); the CLI flushes on demand instead.

        Beside delivery, on a thread of its own, the delivered operations are looked after once:
        those older than :data:`RETENTION_DAYS` are dropped (the server forgets idempotency keys after
        30 days too, and customer details must not stay on the terminal; nothing undelivered, refused
        or needing attention is ever dropped), then :meth:`tidy_delivered`. It reads every delivered
        operation (~0.2 s for 5,000, measured), which is no work for the caller's thread (the app's
        GUI thread). Delivery does not wait for it: it touches only delivered rows.
        """
        self.replayer.start()
        if self._upkeep is None:
            upkeep = threading.Thread(target=self._look_after_delivered, name="outbox-upkeep", daemon=True)
            self._upkeep = upkeep
            upkeep.start()

    def _look_after_delivered(self) -> None:
        try:
            dropped = self.outbox.prune_done(RETENTION_DAYS)
            if dropped:
                log.info("dropped %d delivered operation(s) older than %d days", dropped, RETENTION_DAYS)
            self.tidy_delivered()
        except Exception:  # upkeep must never stop delivery; the next start tries again
            log.warning("could not look after the delivered operations", exc_info=True)

    def tidy_delivered(self) -> Tidied:
        """One pass over the finished operations at start (see :meth:`start`).

        - Customer operations that will never be sent again keep no personal data (names, phones,
          e-mail addresses). Whoever delivers one blanks it as the delivery is recorded (the
          replayer's ``redact``), and a refused one is blanked when a manager resolves it; this pass
          catches what an older version, or a crash between two steps, left whole: delivered, not
          sent, parked after a refusal, or refused with nobody to resolve it.
        - A payment taken offline whose commit is not in the outbox yet (the terminal stopped right
          after delivering it) gets its commit (see :meth:`_settle`).
        """
        blanked = settled = 0
        finished = [State.DONE, State.NOT_SENT, State.PARKED, State.REFUSED]
        for entry in self.outbox.entries(finished, limit=ALL):  # retention keeps this bounded
            if not entry.redacted and self._blank(entry).redacted:
                blanked += 1
            elif entry.state is State.DONE and entry.reported is Reported.QUEUED and entry.response:
                op = WriteOperation.from_json(entry.payload)
                auth_code = json.loads(entry.response).get("authCode") if op.type is OpType.PAY else None
                if auth_code and self._settle(op, str(auth_code), entry.terminal):
                    settled += 1
        return Tidied(blanked, settled)

    def _blank(self, entry: Entry) -> Entry:
        """``entry`` stored without its personal data when it will never be sent again (delivered,
        not sent, parked after a refusal, refused with no manager to resolve it); else as it is."""
        final = entry.state in (State.DONE, State.NOT_SENT) or (
            entry.state is State.REFUSED and not entry.attention
        )
        if entry.redacted or not (final or _refused_before(entry)):
            return entry
        blank = without_personal_data(WriteOperation.from_json(entry.payload))
        if blank is None:
            return entry
        try:
            self.outbox.redact(entry.seq, blank.to_json(), blank.instrument_key)
        except InvalidTransitionError:  # put back in delivery meanwhile: it stays whole
            return entry
        return self.outbox.resolve(f"#{entry.seq}")

    def stop(self) -> None:
        """Stop delivery, once the upkeep started by :meth:`start` is done (the outbox may close)."""
        if self._upkeep is not None:
            self._upkeep.join()
            self._upkeep = None
        self.replayer.stop()

    def _seen(self, result: OperationResult) -> None:
        if self._cache is not None and result.instrument is not None:
            self._cache.remember(result.instrument)
        if result.type is OpType.PAY and result.auth_code:
            entry = self.outbox.get(result.operation_id)
            if entry is not None and entry.reported is Reported.QUEUED:
                self._settle(WriteOperation.from_json(entry.payload), result.auth_code, entry.terminal)
            elif entry is not None and entry.reported is Reported.UNAVAILABLE:
                self._release(WriteOperation.from_json(entry.payload), result.auth_code, entry.terminal)

    # -- payments taken offline -----------------------------------------------------------------
    #
    # Offline, the till cannot hold an amount and commit it when the sale ends: the cashier finishes
    # the sale on a provisional payment. When that payment reaches the server it becomes a hold, so
    # the terminal commits it at once with a follow-up operation. Its id is derived from the
    # payment's (uuid5), so it is made once however often this runs: on delivery, and again at start
    # for any payment delivered just before a crash.

    def _settle(self, pay: WriteOperation, auth_code: str, terminal: str) -> bool:
        """Queue the commit of a payment taken offline, under the terminal identity the payment was
        made under (``terminal``); False when it is already in the outbox."""
        queued = self._follow_up(
            pay,
            auth_code,
            terminal,
            OpType.COMMIT,
            SETTLE_NAMESPACE,
            f"commit of payment {pay.operation_id} taken offline",
        )
        if queued:
            log.info("payment %s taken offline is on the server; committing it", pay.operation_id)
        return queued

    def _follow_up(
        self,
        pay: WriteOperation,
        auth_code: str,
        terminal: str,
        op_type: OpType,
        namespace: uuid.UUID,
        note: str,
    ) -> bool:
        """Queue the commit or cancel of ``pay``'s hold (its id derived from the payment's, so it is made
        once however often this runs); False when it is already in the outbox."""
        decl = declaration("commit" if op_type is OpType.COMMIT else "cancel")
        request = requests.render(decl, kind=pay.kind, number=pay.instrument_key, auth_code=auth_code)
        follow = WriteOperation(
            operation_id=str(uuid.uuid5(namespace, pay.operation_id)),
            type=op_type,
            path=request.path,
            body=request.body,
            name=decl.name,
            instrument_key=pay.instrument_key,
            kind=pay.kind,
            series_number=pay.series_number,
        )
        try:
            seq = self.outbox.enqueue(
                follow.operation_id, follow.to_json(), instrument_key=follow.instrument_key, terminal=terminal
            )
        except DuplicateOperationError:
            return False
        self.outbox.set_reported(seq, Reported.QUEUED, note=note)
        self.replayer.wake()
        return True

    def _reach_changed(self, online: bool) -> None:
        """The server became reachable or unreachable: say so now; back online, deliver."""
        self._changed()
        if online:
            self.replayer.wake()

    # -- holds the cashier was told failed ---------------------------------------------------------
    #
    # A payment hold whose answer was lost and that the cashier was told is not paid (see
    # _check_hold) may still reach the server, now or on a later replay under its key. The customer
    # did not pay with it, so the terminal cancels the hold at once: the card's available balance
    # matches what the cashier said. The payment stays on the needs-attention list (applied after the
    # cashier was told it failed) with the release noted, for the manager to see.

    def _release_delivered(self, entry: Entry) -> None:
        auth_code = json.loads(entry.response).get("authCode") if entry.response else None
        if auth_code:
            self._release(WriteOperation.from_json(entry.payload), str(auth_code), entry.terminal)

    def _release(self, pay: WriteOperation, auth_code: str, terminal: str) -> bool:
        """Queue the cancel of a hold the cashier did not go on with; False when already queued."""
        queued = self._follow_up(
            pay,
            auth_code,
            terminal,
            OpType.CANCEL,
            RELEASE_NAMESPACE,
            f"releases the hold of payment {pay.operation_id} (not confirmed in time)",
        )
        if queued:
            log.info(
                "payment %s was not confirmed in time but reached the server; releasing its hold",
                pay.operation_id,
            )
        return queued

    def _changed(self) -> None:
        if self._on_status is not None:
            try:
                self._on_status(self.status())
            except Exception:  # a display callback must not break delivery
                log.exception("offline status callback failed")
