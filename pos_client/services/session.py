"""Who is signed on, who approved what (role and PIN, checked once), the audit log and the events."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from pos_client.api.client import LoyaltyClient
from pos_client.catalogue import Catalogue
from pos_client.declarations import Declaration, Manager
from pos_client.domain import (
    OperationResult,
    Terminal,
)
from pos_client.operations import (
    HoldsOpen,
    PendingOperations,
    WriteGateway,
)
from pos_client.security import Approval, ApprovalRequired, AuditLog, Forbidden, Operator, OperatorStore, Role
from pos_client.services.errors import (
    EventType,
    Listener,
    QueueAdmin,
    ServiceEvent,
)

log = logging.getLogger("pos_client.service")
T = TypeVar("T")


class Session:
    """The signed-on operator, their approvals, the audit log and the service's listeners.

    Args:
        client: the API client (reads, and the terminal/series calls).
        catalogue: the local series catalogue (identification, offline).
        gateway: where every write goes (``DirectGateway`` online; a queued gateway for offline).
        operator: who is signed on.
        operators: the operator store, to verify a manager's approval PIN (and :meth:`sign_on`).
        audit: the local audit log of sensitive operations and overrides.
        clock: wall-clock ``datetime`` in UTC (injectable for tests).
        currency: the till's currency when the server has not said in this process: the one
            remembered from an earlier ``GET /terminal`` (None: never asked), see :meth:`till_currency`.
        default_currency: the configured currency, used until the server has said.
        queue: the offline queue's manager actions (``queue_retry`` ...); None: no queue.
    """

    def __init__(
        self,
        client: LoyaltyClient,
        catalogue: Catalogue,
        gateway: WriteGateway,
        operator: Operator,
        *,
        operators: OperatorStore | None = None,
        audit: AuditLog | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        currency: Callable[[], str | None] | None = None,
        default_currency: str = "PLN",
        queue: QueueAdmin | None = None,
    ) -> None:
        self.client = client
        self.catalogue = catalogue
        self.gateway = gateway
        self._operator = operator
        self._operators = operators
        self._audit = audit
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._listeners: list[Listener] = []
        self._terminal: Terminal | None = None
        self._remembered_currency = currency or (lambda: None)
        self._default_currency = default_currency.upper()
        self._queue = queue
        self._holds: dict[str, str] = {}  # open payment holds placed here: auth code -> masked number
        self._signed_on = True  # the operator given is signed on until sign_off

    # -- observers and operators ----------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener`` with every :class:`ServiceEvent` (on the calling thread)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        """Stop calling ``listener``."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, event: ServiceEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken status bar must not break a payment; keep the traceback
                log.exception("service listener failed on %s %s", event.type, event.action)

    @property
    def operator(self) -> Operator:
        """The signed-on operator (after :meth:`sign_off`: the last one)."""
        return self._operator

    @property
    def signed_on(self) -> Operator | None:
        """Who is signed on: the one place that holds it (None after :meth:`sign_off`, until the next
        :meth:`sign_on` or :meth:`take_over`)."""
        return self._operator if self._signed_on else None

    @property
    def last_terminal(self) -> Terminal | None:
        """The answer of the last :meth:`terminal` call (offline limits), None before the first."""
        return self._terminal

    def sign_on(self, operator_id: str, pin: str) -> Operator:
        """Check the PIN and make this operator the signed-on one.

        Raises:
            BadPin, LockedOut: from the operator store.
        """
        if self._operators is None:
            raise Forbidden("no operator list on this terminal")
        self._operator = self._operators.authenticate(operator_id, pin)
        self._signed_on = True
        self._record("sign_on", self._operator.operator_id, None, {})
        return self._operator

    def sign_off(self) -> None:
        """End the operator's session (audited).

        Raises:
            PendingOperations: while operations still wait for the server.
            HoldsOpen: while a payment hold placed here is neither committed nor cancelled.
        """
        self.ensure_nothing_pending("sign off")
        if self._holds:
            raise HoldsOpen(tuple(self._holds), "sign off")
        self._record("sign_off", self._operator.operator_id, None, {})
        self._signed_on = False

    def take_over(self, manager_id: str, pin: str) -> Operator:
        """A manager signs on over the signed-on operator, who cannot sign off while operations wait
        for the server (or a hold is open): the operator's session ends and the manager's begins,
        with the waiting work (to run the till or the offline queue). Audited as ``take_over`` with
        whom it was taken from; nothing waiting is touched.

        Raises:
            ApprovalRequired: the one signing on is not a manager.
            BadPin, LockedOut: from the operator store (a wrong PIN is audited there).
        """
        if self._operators is None:
            raise Forbidden("no operator list on this terminal")
        manager = self._operators.authenticate(manager_id, pin)
        if manager.role is not Role.MANAGER:
            raise ApprovalRequired(f"{manager.operator_id} is not a manager", "take_over")
        previous = self._operator.operator_id
        self._operator = manager
        self._signed_on = True
        self._record("take_over", previous, manager.operator_id, {"from": previous})
        return manager

    def ensure_nothing_pending(self, action: str) -> None:
        """Refuse ``action`` (sign off, reset the terminal) while operations wait for the server
        (the gateway says what waits: a direct gateway never has anything).

        Raises:
            PendingOperations: with a plain message naming ``action``.
        """
        waiting = self.gateway.pending()
        if waiting.pending:
            raise PendingOperations(waiting, action)

    @property
    def open_holds(self) -> tuple[str, ...]:
        """The auth codes of the payment holds placed here and not yet committed or cancelled."""
        return tuple(self._holds)

    def _authorise(
        self, decl: Declaration, action: str, approval: Approval | None, *, needs_manager: bool = False
    ) -> str | None:
        """The approving manager's id when ``decl`` needs a manager (always, or ``needs_manager``: an
        amount above the series' approval threshold): the operator's own if a manager. For any other
        operation a manager's ``approval`` given anyway (e.g. to pass an offline limit) is checked and
        named too; without one, None.

        Raises:
            Forbidden: a technician (diagnostics only: reads, terminal, series; no writes).
            ApprovalRequired: a cashier without a valid manager approval.
            BadPin, LockedOut: the approving manager's PIN is wrong.
        """
        if not self._signed_on:
            raise Forbidden(f"nobody is signed on to run {action}")
        if self._operator.role is Role.TECHNICIAN:
            raise Forbidden(f"a technician may not run {action}")
        if decl.manager is Manager.ALWAYS or needs_manager:
            return self.authorise_manager(action, approval)
        return None if approval is None else self.authorise_manager(action, approval)

    def authorise_manager(self, action: str, approval: Approval | None) -> str:
        """The id of the manager who allows ``action``: the signed-on operator when a manager, else
        the one whose PIN ``approval`` gives (checked here; a wrong PIN is audited by the store).

        The one check of "a manager decided this" for every front end (sensitive writes, the offline
        queue's administration, reprinting a slip with a whole card number).

        Raises:
            ApprovalRequired: no approval given, or the approver is not a manager.
            BadPin, LockedOut: the approving manager's PIN is wrong.
        """
        if self._operator.role is Role.MANAGER:
            return self._operator.operator_id
        if approval is None:
            raise ApprovalRequired(f"{action} needs a manager's approval", action)
        if self._operators is None:
            raise ApprovalRequired("no operator list on this terminal to check the approval", action)
        approver = self._operators.authenticate(approval.manager_id, approval.pin)
        if approver.role is not Role.MANAGER:
            raise ApprovalRequired(f"{approver.operator_id} is not a manager", action)
        return approver.operator_id

    def authorise_reprint(self, approval: Approval | None) -> str:
        """Let a manager allow reprinting a slip that carries a whole card number (a second copy of
        a gift card or store-credit note); audited as ``reprint_whole_number``. Returns the manager.

        Raises:
            ApprovalRequired, BadPin, LockedOut: as :meth:`authorise_manager`.
        """
        manager = self.authorise_manager("printer.reprint", approval)
        self._record("reprint_whole_number", "", manager, {})
        return manager

    def audit(self, action: str, subject: str, approved_by: str | None, details: dict[str, Any]) -> None:
        """Write one entry for the signed-on operator to the audit log (``subject`` already masked)."""
        self._record(action, subject, approved_by, details)

    def _record(self, action: str, subject: str, approved_by: str | None, details: dict[str, Any]) -> None:
        if self._audit is not None:
            self._audit.record(
                action, self._operator.operator_id, subject=subject, approved_by=approved_by, details=details
            )

    def _run(self, action: str, subject: str, call: Callable[[], T]) -> T:
        """Run one operation with started/finished/failed events."""
        self._emit(ServiceEvent(EventType.STARTED, action, subject))
        try:
            result = call()
        except BaseException as exc:
            self._emit(ServiceEvent(EventType.FAILED, action, subject, error=exc))
            raise
        as_result = result if isinstance(result, OperationResult) else None
        self._emit(ServiceEvent(EventType.FINISHED, action, subject, result=as_result))
        return result
