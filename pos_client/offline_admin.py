"""The offline queue's manager actions: retry, park, acknowledge (audited; the service checks who)."""

from __future__ import annotations

import logging
from dataclasses import replace

from offline_queue.replayer import TERMINAL_CHANGED_MESSAGE
from offline_queue.store import (
    Entry,
    InvalidTransitionError,
    State,
)
from pos_client.masking import mask_number
from pos_client.offline_base import QueueBase
from pos_client.offline_status import (
    refused_blanked,
)
from pos_client.operations import (
    WriteOperation,
    new_operation_id,
)

log = logging.getLogger("pos_client.offline")


class QueueAdministration(QueueBase):
    """Retry, park and acknowledge queued operations."""

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
        entry = self.outbox.park(ref, by=approved_by or operator_id, redacted=refused_blanked)
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
