"""What the manager screens do, without Qt: card look-up, the offline queue, overrides, day totals.

Each method is one call into the core (``LoyaltyService``, the queued gateway, the audit log) and
returns plain, frozen values that the screens' Qt models show. Methods that touch the network or a
database are meant to run through the app's ``TaskRunner``, never on the GUI thread; the controller
itself keeps no Qt objects and no state beyond its collaborators, so it is tested directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from offline_queue.store import State
from pos_client.domain import DayReport, Instrument, Transaction
from pos_client.masking import mask_number
from pos_client.offline import QueuedGateway, QueueStatus
from pos_client.queue_view import QueueRow, queue_row
from pos_client.security import AuditEntry, AuditLog
from pos_client.service import LoyaltyService

# The queue rows a manager sees: what still matters (delivered rows only when flagged for attention).
OPEN_STATES = (State.PENDING, State.SENDING, State.REFUSED, State.PARKED)
# Audit actions shown on the overrides screen: the offline overrides themselves, and what managers
# decided about queued operations.
OVERRIDE_ACTIONS = ("offline_override",)
QUEUE_DECISIONS = ("queue_retry", "queue_park", "queue_acknowledge")


class QueueUnavailableError(Exception):
    """This terminal runs without an offline queue (nothing to show or change)."""


@dataclass(frozen=True)
class CardLookup:
    """A card and its history, as the balance look-up shows them."""

    instrument: Instrument
    history: tuple[Transaction, ...]

    @property
    def masked_number(self) -> str:
        return mask_number(self.instrument.number)


@dataclass(frozen=True)
class QueueSnapshot:
    """The queue's status line and its open rows, read together."""

    status: QueueStatus
    rows: tuple[QueueRow, ...]


def override_entries(entries: Sequence[AuditEntry], *, decisions: bool = True) -> list[AuditEntry]:
    """The audit entries the overrides screen lists: offline overrides, plus (with ``decisions``) the
    managers' retry and park decisions on queued operations; newest first, as the audit gives them."""
    wanted = OVERRIDE_ACTIONS + (QUEUE_DECISIONS if decisions else ())
    return [entry for entry in entries if entry.action in wanted]


class ManagerController:
    """The manager screens' operations.

    Args:
        service: the loyalty service of the signed-on operator.
        gateway: the queued write gateway (None when the terminal runs without a queue).
        audit: the local audit log (None when there is none).

    The queue's retry, park and acknowledge go through the service, which lets only a manager decide
    (the signed-on one, on the manager screen) and records who did in the audit log.
    """

    def __init__(
        self,
        service: LoyaltyService,
        gateway: QueuedGateway | None = None,
        audit: AuditLog | None = None,
    ) -> None:
        self.service = service
        self.gateway = gateway
        self.audit = audit

    # -- balance look-up ------------------------------------------------------------------------

    def look_up(self, number: str) -> CardLookup:
        """The card behind ``number`` with its balance and its history (newest first).

        Raises:
            IdentificationError: not a number of a known series.
            Refused, Unavailable, Unauthorized, ProtocolError: from the API client.
        """
        instrument = self.service.balance(number)
        # The service's ``history(number)`` looks the card up again; we already hold its id.
        history = self.service.client.transactions(instrument.instrument_id)
        return CardLookup(instrument, history)

    # -- the offline queue ----------------------------------------------------------------------

    def _queue(self) -> QueuedGateway:
        if self.gateway is None:
            raise QueueUnavailableError("this terminal has no offline queue")
        return self.gateway

    def queue_snapshot(self, limit: int = 500) -> QueueSnapshot:
        """The queue's status and its open rows (plus delivered ones still flagged for attention)."""
        gateway = self._queue()
        outbox = gateway.outbox
        open_rows = outbox.entries(OPEN_STATES, limit=limit)
        flagged = [e for e in outbox.entries(attention_only=True, limit=limit) if e.state not in OPEN_STATES]
        entries = sorted(open_rows + flagged, key=lambda e: e.seq)
        return QueueSnapshot(gateway.status(), tuple(queue_row(e) for e in entries))

    def retry(self, operation_id: str) -> QueueSnapshot:
        """Send a refused or parked operation again (audited) and try it at once.

        Raises:
            UnknownOperationError, InvalidTransitionError: from the outbox.
        """
        gateway = self._queue()
        self.service.queue_retry(operation_id)  # the service checks a manager decides (audited)
        gateway.flush(timeout=0.0)  # one attempt now; it stays queued if the server is away
        return self.queue_snapshot()

    def park(self, operation_id: str) -> QueueSnapshot:
        """Take an operation out of delivery (kept, audited); its card's later operations move on.

        Raises:
            UnknownOperationError, InvalidTransitionError: from the outbox.
        """
        self._queue()
        self.service.queue_park(operation_id)  # the service checks a manager decides (audited)
        return self.queue_snapshot()

    def acknowledge(self, operation_id: str) -> QueueSnapshot:
        """Mark an operation applied after all as dealt with (audited); it leaves the list.

        Raises:
            UnknownOperationError, InvalidTransitionError: from the outbox.
        """
        self._queue()
        self.service.queue_acknowledge(operation_id)  # the service checks a manager decides (audited)
        return self.queue_snapshot()

    def send_now(self) -> QueueSnapshot:
        """Deliver what can be delivered now (one pass, no waiting)."""
        self._queue().flush(timeout=0.0)
        return self.queue_snapshot()

    # -- overrides ------------------------------------------------------------------------------

    def overrides(self, *, decisions: bool = True, limit: int = 500) -> list[AuditEntry]:
        """Offline overrides (and queue decisions) from the audit log, newest first."""
        if self.audit is None:
            return []
        return override_entries(self.audit.entries(limit), decisions=decisions)

    # -- the day summary ------------------------------------------------------------------------

    def day_report(self, date: dt.date | None = None) -> DayReport:
        """This terminal's totals for ``date`` (default today, UTC)."""
        return self.service.day_report(date)


__all__ = [
    "CardLookup",
    "ManagerController",
    "QueueSnapshot",
    "QueueUnavailableError",
    "override_entries",
]
