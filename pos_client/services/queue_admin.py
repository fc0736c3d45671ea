"""The offline queue's administration: a manager's decisions, for the app and the CLI alike."""

from __future__ import annotations

from offline_queue.store import Entry
from pos_client.security import Approval, Forbidden, Role
from pos_client.services.errors import (
    QueueAdmin,
)
from pos_client.services.session import Session


class QueueAdministration(Session):
    """The offline queue's administration: a manager's decisions, for the app and the CLI alike."""

    # -- the offline queue's administration (a manager's decisions) ----------------------------

    def _queue_admin(self, action: str, approval: Approval | None) -> tuple[QueueAdmin, str]:
        if self._operator.role is Role.TECHNICIAN and approval is None:
            raise Forbidden(f"a technician may not run {action}")
        manager = self.authorise_manager(action, approval)
        if self._queue is None:
            raise Forbidden("this terminal has no offline queue")
        return self._queue, manager

    def queue_retry(self, ref: str, *, approval: Approval | None = None) -> Entry:
        """Send a refused or parked operation again (a manager's decision; audited by the queue).

        Raises:
            ApprovalRequired, BadPin, LockedOut: not a manager's decision.
            UnknownOperationError, InvalidTransitionError: from the outbox.
        """
        queue, manager = self._queue_admin("queue.retry", approval)
        return queue.retry(ref, operator_id=self._operator.operator_id, approved_by=manager)

    def queue_park(self, ref: str, *, approval: Approval | None = None) -> Entry:
        """Take an operation out of delivery (kept; a manager's decision, audited by the queue).

        Raises:
            ApprovalRequired, BadPin, LockedOut: not a manager's decision.
            UnknownOperationError, InvalidTransitionError: from the outbox.
        """
        queue, manager = self._queue_admin("queue.park", approval)
        return queue.park(ref, operator_id=self._operator.operator_id, approved_by=manager)

    def queue_acknowledge(self, ref: str, *, approval: Approval | None = None) -> Entry:
        """Mark an operation applied after all as dealt with (a manager's decision, audited).

        Raises:
            ApprovalRequired, BadPin, LockedOut: not a manager's decision.
            UnknownOperationError, InvalidTransitionError: from the outbox.
        """
        queue, manager = self._queue_admin("queue.acknowledge", approval)
        return queue.acknowledge(ref, operator_id=self._operator.operator_id, approved_by=manager)
