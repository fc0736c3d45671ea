"""``LoyaltyService``: the one entry point for every loyalty operation (app, CLI, tests).

Design:

- Reads (balance, coupon check, history, customers, reports, quotes) go to the API client.
- Every write is described as a :class:`~pos_client.operations.WriteOperation` and handed to the
  injected :class:`~pos_client.operations.WriteGateway` (online: ``DirectGateway``; offline work:
  a queued gateway). The service never posts a write itself, so the offline path needs no change here.
- A number is first identified locally by the series catalogue (normalised, longest prefix, length,
  check digit, accepted/issuable here); the series decides the API path and the instrument kind.
- Roles are enforced here: a cashier needs a manager's :class:`~pos_client.security.Approval` for
  sensitive operations (block, unblock, store-credit issue, refund, void, unissue, unredeem, customer
  block) and for the offline queue's administration (``queue_retry``/``queue_park``/
  ``queue_acknowledge``, for the app and the CLI alike); a technician runs no sales. Sensitive
  operations are written to the audit log with the approving manager (wrong PINs and lock-outs are
  audited by the operator store).
- Currency: the till takes one currency (``GET /terminal``, remembered; the configuration's until the
  server has said). Every money write (issue, activate, load, pay, commit, refund) carries it as
  ``currency``, and a card of another currency is refused here, before any request, with
  :class:`CurrencyMismatch` (code ``CURRENCY_MISMATCH``, plain words); the server's own
  ``CURRENCY_MISMATCH`` answer gets the same words.
- Money rules the server enforces are checked here first, so that nothing the server will refuse is
  queued or sent: a refund names the payment it gives back (:class:`OriginalOperationRequired`); a
  load or an activation stays within its series' ``limits`` (:class:`LimitExceeded`), and one above
  the series' approval threshold needs a manager (``ApprovalRequired`` first, as for sensitive
  operations). Whoever a manager approved is told to the server as ``approvedBy`` (issue, activate,
  load, pay, refund, void on money cards), so the ledger names them too.
- Listeners (``add_listener``) hear :class:`ServiceEvent` for every operation: started, finished,
  failed. They run on the calling thread; the app marshals them to the GUI thread.

Errors raised: ``IdentificationError`` (number not usable here, with its ``Reason``), ``WrongKind``,
``pos_client.security.Forbidden`` / ``ApprovalRequired`` / ``BadPin`` / ``LockedOut``, and the API
client's ``Refused`` / ``Unavailable`` / ``Unauthorized`` / ``ProtocolError``.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from offline_queue.store import Entry
from pos_client import money
from pos_client.api import requests
from pos_client.api.client import LoyaltyClient
from pos_client.api.errors import ApiError, Refused
from pos_client.catalogue import Catalogue, Identification, Reason, SyncResult
from pos_client.declarations import MONEY, Declaration, Manager, Order, declaration
from pos_client.domain import (
    BasketLine,
    Consent,
    Customer,
    DayReport,
    Instrument,
    Kind,
    OperationResult,
    OperationState,
    OpType,
    PointsQuote,
    Series,
    SeriesLimits,
    Terminal,
    Transaction,
)
from pos_client.masking import mask_number
from pos_client.operations import (
    HoldsOpen,
    Override,
    PendingOperations,
    WriteGateway,
    WriteOperation,
    new_operation_id,
)
from pos_client.security import Approval, ApprovalRequired, AuditLog, Forbidden, Operator, OperatorStore, Role

log = logging.getLogger(__name__)
T = TypeVar("T")
_MONEY = (Kind.GIFTCARD, Kind.STORECREDIT)


class IdentificationError(Exception):
    """A number that cannot be used here; ``identification.reason`` says why.

    Args:
        identification: the catalogue's answer.
    """

    def __init__(self, identification: Identification) -> None:
        reason = identification.reason or Reason.UNKNOWN_PREFIX
        super().__init__(f"number not usable here: {reason.value}")
        self.identification = identification
        self.reason = reason


class WrongKind(Exception):  # noqa: N818
    """The number is of another kind than the operation expects (a coupon given to ``giftcard pay``).

    Args:
        expected: the kind the operation needs.
        actual: the kind of the number's series.
    """

    def __init__(self, expected: Kind, actual: Kind) -> None:
        super().__init__(f"this is a {actual.value}, not a {expected.value}")
        self.expected = expected
        self.actual = actual


CURRENCY_MISMATCH = "CURRENCY_MISMATCH"


def currency_mismatch_text(card_currency: str, till_currency: str) -> str:
    """The plain words for a card of another currency than the till's."""
    return f"This card is in {card_currency}; this till takes {till_currency}."


class CurrencyMismatch(Refused):
    """The card's money is in another currency than the till takes (code ``CURRENCY_MISMATCH``).

    Raised by the terminal before any request (the series list says each series' currency), and in
    place of the server's ``CURRENCY_MISMATCH`` answer, with the same plain words.

    Args:
        card_currency: the card's (its series') currency.
        till_currency: the currency this till takes.
        status: the HTTP status when the server said it; None when the terminal did.
    """

    def __init__(self, card_currency: str, till_currency: str, *, status: int | None = None) -> None:
        super().__init__(
            CURRENCY_MISMATCH,
            currency_mismatch_text(card_currency, till_currency),
            {"cardCurrency": card_currency, "tillCurrency": till_currency},
            status,
        )
        self.card_currency = card_currency
        self.till_currency = till_currency


ORIGINAL_OPERATION_REQUIRED = "ORIGINAL_OPERATION_REQUIRED"
LOAD_LIMIT_EXCEEDED = "LOAD_LIMIT_EXCEEDED"
BALANCE_LIMIT_EXCEEDED = "BALANCE_LIMIT_EXCEEDED"


class OriginalOperationRequired(Refused):
    """A refund that names no payment (code ``ORIGINAL_OPERATION_REQUIRED``), refused by the terminal
    before anything is stored or sent: the server refuses it too, and the offline queue must never
    hold an operation that can only be refused. Goods paid otherwise are returned as store credit
    (``storecredit issue``)."""

    def __init__(self) -> None:
        super().__init__(
            ORIGINAL_OPERATION_REQUIRED,
            "A refund must name the payment it gives back. Goods paid otherwise are returned as "
            "store credit (issue store credit).",
            {},
            None,
        )


class LimitExceeded(Refused):
    """A load or an activation past its series' limits, refused by the terminal before any request
    (code ``LOAD_LIMIT_EXCEEDED`` or ``BALANCE_LIMIT_EXCEEDED``; ``details`` as the server's:
    ``maxLoad``, or ``maxBalance`` / ``amountNet`` / ``amountAllowed``, money as decimal strings).

    Args:
        code: which limit.
        message: the limit in plain words.
        details: the limit and the amounts.
    """

    def __init__(self, code: str, message: str, details: Mapping[str, Any]) -> None:
        super().__init__(code, message, details, None)


class QueueAdmin(Protocol):
    """The offline queue's manager actions (:class:`pos_client.offline.QueuedGateway` has them)."""

    def retry(self, ref: str, *, operator_id: str = "", approved_by: str | None = None) -> Entry: ...

    def park(self, ref: str, *, operator_id: str = "", approved_by: str | None = None) -> Entry: ...

    def acknowledge(self, ref: str, *, operator_id: str = "", approved_by: str | None = None) -> Entry: ...


class EventType(enum.StrEnum):
    """What a :class:`ServiceEvent` reports."""

    STARTED = "started"
    FINISHED = "finished"
    FAILED = "failed"


@dataclass(frozen=True)
class ServiceEvent:
    """One observable step of the service, for status bars and logs.

    Attributes:
        type: started, finished or failed.
        action: the operation, e.g. ``"giftcard.pay"``, ``"balance"``, ``"series.sync"``.
        subject: the masked number / customer id the action is about ("" when none).
        result: the operation result, for finished writes.
        error: the exception, for failures.
    """

    type: EventType
    action: str
    subject: str = ""
    result: OperationResult | None = None
    error: BaseException | None = None


Listener = Callable[[ServiceEvent], None]


BLOCK_REASONS = ("lost", "stolen", "damaged", "fraud_suspected", "customer_request", "other")


def _checked_amount(amount: Decimal, currency: str) -> Decimal:
    """``amount`` when it is positive and has no more decimals than ``currency``; else MoneyError."""
    if not amount.is_finite() or amount <= 0:
        raise money.MoneyError("the amount must be more than zero")
    if amount != money.quantize(amount, currency):
        raise money.MoneyError(f"{currency} has {money.exponent(currency)} decimal places")
    return amount


class LoyaltyService:
    """Every loyalty operation of the terminal, for one signed-on operator.

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

    def _write(
        self,
        decl: Declaration,
        kind: Kind | None,
        subject: str,
        build: Callable[[str | None], WriteOperation],
        approval: Approval | None = None,
        *,
        needs_manager: bool = False,
    ) -> OperationResult:
        """Authorise (role and PIN, once), build the operation (naming the approving manager to the
        server when ``decl`` says so), submit it through the gateway with the manager's offline
        override when an approval was given, audit when a manager approved."""
        action = decl.event(kind)

        def call() -> OperationResult:
            approved_by = self._authorise(decl, action, approval, needs_manager=needs_manager)
            operation = build(approved_by if decl.approved_by and kind in MONEY else None)
            override = (
                Override(approved_by, self._operator.operator_id)
                if approval is not None and approved_by is not None
                else None
            )
            try:
                result = self._submit(operation, override)
            except Exception as exc:
                if approved_by is not None:
                    outcome = f"refused:{exc.code}" if isinstance(exc, Refused) else type(exc).__name__
                    self._record(
                        action,
                        subject,
                        approved_by,
                        {"operationId": operation.operation_id, "outcome": outcome},
                    )
                raise
            if approved_by is not None:
                self._record(
                    action,
                    subject,
                    approved_by,
                    {"operationId": operation.operation_id, "outcome": result.state.value},
                )
            return result

        return self._run(action, subject, call)

    def _submit(self, operation: WriteOperation, override: Override | None) -> OperationResult:
        """``gateway.submit``, with the server's CURRENCY_MISMATCH put in the till's plain words."""
        try:
            return self.gateway.submit(operation, override=override)
        except CurrencyMismatch:
            raise
        except Refused as exc:
            if exc.code != CURRENCY_MISMATCH:
                raise
            details = exc.details
            card = str(details.get("cardCurrency") or details.get("expected") or "another currency")
            till = str(
                details.get("storeCurrency")
                or operation.body.get("currency")
                or self.till_currency(ask_server=False)
            )
            raise CurrencyMismatch(card, till, status=exc.status) from exc

    # -- currency -------------------------------------------------------------------------------

    def till_currency(self, *, ask_server: bool = True) -> str:
        """The currency this till takes: what the server said (``GET /terminal``) in this process,
        else what it said before (remembered), else, with ``ask_server``, asked now; when the server
        cannot be reached, the configured currency."""
        if self._terminal is not None:
            return self._terminal.currency.upper()
        remembered = self._remembered_currency()
        if remembered:
            return remembered.upper()
        if ask_server:
            try:
                return self.terminal().currency.upper()
            except ApiError:
                log.info("the server did not say the till's currency; using the configured one")
        return self._default_currency

    def check_currency(self, series: Series) -> str:
        """The till's currency, when ``series`` (a money series) is in it.

        Raises:
            CurrencyMismatch: the series is in another currency (refused before any request).
        """
        till = self.till_currency()
        if series.kind in _MONEY and series.currency.upper() != till:
            raise CurrencyMismatch(series.currency.upper(), till)
        return till

    def ensure_currency(self, *, number: str | None = None, series_number: str | None = None) -> None:
        """Refuse a money card (or series) of another currency than the till's, before anything else
        (the CLI calls this before it parses an amount). Unknown numbers pass: the operation itself
        says what is wrong with them."""
        series = self.catalogue.get(series_number) if series_number else None
        if series is None and number:
            series = self.catalogue.identify(number).series
        if series is not None and series.kind in _MONEY:
            self.check_currency(series)

    # -- identification -------------------------------------------------------------------------

    def _identify(
        self, number: str, *, issuing: bool = False, allow_not_here: bool = False
    ) -> Identification:
        """Identify locally, syncing the catalogue once when the number is of no known series.

        Raises:
            IdentificationError: not usable here.
        """
        found = self.catalogue.identify(number, issuing=issuing)
        if found.reason is Reason.UNKNOWN_PREFIX or (found.series is None and not self.catalogue.all()):
            try:
                self.catalogue.sync(self.client)
            except ApiError:
                log.info("series sync before identification failed; using the cached catalogue")
            else:
                found = self.catalogue.identify(number, issuing=issuing)
        if found.series is None or (found.reason is not None and not allow_not_here):
            raise IdentificationError(found)
        return found

    def _series_of(
        self, number: str, kinds: Collection[Kind], expect: Kind | None, issuing: bool = False
    ) -> Series:
        series = self._identify(number, issuing=issuing).series
        assert series is not None  # _identify raises otherwise
        if expect is not None and series.kind is not expect:
            raise WrongKind(expect, series.kind)
        if series.kind not in kinds:
            raise WrongKind(next(k for k in Kind if k in kinds), series.kind)
        return series

    def _operation(
        self,
        decl: Declaration,
        request: requests.Request,
        *,
        key: str,
        series: Series | None,
        amount: Decimal | None = None,
        points: int | None = None,
    ) -> WriteOperation:
        return WriteOperation(
            operation_id=new_operation_id(),
            type=decl.op_type,
            path=request.path,
            body=request.body,
            instrument_key=key,
            kind=series.kind if series else None,
            series_number=series.series_number if series else None,
            amount=amount,
            points=points,
            created=self._clock(),
            name=decl.name,
        )

    def write(
        self,
        name: str,
        number: str,
        values: dict[str, Any],
        *,
        approval: Approval | None = None,
        amount: Decimal | None = None,
        points: int | None = None,
    ) -> OperationResult:
        """Run the declared operation ``name`` (``pos_client.declarations``) on the card ``number``:
        ``values`` by the declaration's body field names; ``amount`` / ``points``: what it moves.
        The named methods (:meth:`pay`, :meth:`refund`, ...) check their own arguments first.

        Raises:
            KeyError: no such operation, or a value it has no field for.
            as the named methods.
        """
        return self._instrument_write(name, number, values, approval=approval, amount=amount, points=points)

    def _instrument_write(
        self,
        name: str,
        number: str,
        values: dict[str, Any],
        *,
        expect: Kind | None = None,
        approval: Approval | None = None,
        amount: Decimal | None = None,
        points: int | None = None,
        issuing: bool = False,
        auth_code: str = "",
    ) -> OperationResult:
        """Run the declared operation ``name`` on the instrument ``number`` (identified locally)."""
        decl = declaration(name)
        series = self._series_of(number, decl.kinds, expect, issuing)
        normalised = self.catalogue.normalise(number)[0]
        return self._declared_write(
            decl,
            series,
            values,
            number=normalised,
            approval=approval,
            amount=amount,
            points=points,
            auth_code=auth_code,
        )

    def _declared_write(
        self,
        decl: Declaration,
        series: Series,
        values: dict[str, Any],
        *,
        number: str = "",
        approval: Approval | None = None,
        amount: Decimal | None = None,
        points: int | None = None,
        auth_code: str = "",
        instrument_id: str = "",
    ) -> OperationResult:
        """Check the money rules the declaration names (currency, amount, series limits), then
        authorise, render the request from the declaration and submit it."""
        values = dict(values)
        if series.kind in MONEY and decl.currency:
            values["currency"] = self.check_currency(series)
        if amount is not None:
            values["amount"] = _checked_amount(amount, series.currency)
        needs_manager = False
        if series.kind in MONEY and decl.series_limits:
            over = self._check_limits(series, decl.op_type, amount, number or None)
            needs_manager = over and decl.manager is Manager.ABOVE_THRESHOLD
        key = number if decl.order is Order.INSTRUMENT else ""

        def build(approved_by: str | None) -> WriteOperation:
            request = requests.render(
                decl,
                kind=series.kind,
                currency=series.currency,
                number=number,
                series=series.series_number,
                auth_code=auth_code,
                instrument_id=instrument_id,
                values={**values, "approved_by": approved_by} if approved_by else values,
            )
            return self._operation(decl, request, key=key, series=series, amount=amount, points=points)

        subject = mask_number(number) if number else series.series_number
        try:
            result = self._write(decl, series.kind, subject, build, approval, needs_manager=needs_manager)
        except Refused:
            if decl.op_type in (OpType.COMMIT, OpType.CANCEL):  # the server says it is not open
                self._holds.pop(auth_code, None)
            raise
        self._follow_holds(decl, result, subject, auth_code)
        return result

    def _follow_holds(self, decl: Declaration, result: OperationResult, subject: str, auth_code: str) -> None:
        """Keep the open payment holds placed here (sign-off is refused while one is open)."""
        if decl.op_type is OpType.PAY and result.auth_code and result.state is OperationState.APPLIED:
            self._holds[result.auth_code] = subject
        elif decl.op_type in (OpType.COMMIT, OpType.CANCEL) and auth_code:
            self._holds.pop(auth_code, None)

    # -- series limits ----------------------------------------------------------------------------

    def _check_limits(
        self, series: Series, op_type: OpType, amount: Decimal | None, number: str | None
    ) -> bool:
        """Refuse a load or an activation past ``series``' limits, before anything is stored or sent;
        True when its amount needs a manager (above the approval threshold).

        The balance limit of a load is checked against the card's balance read now; when the server
        cannot be reached the check is left to it (the load may then wait in the offline queue).

        Raises:
            LimitExceeded: over the series' maximum load, or past its maximum balance.
        """
        limits = series.limits or SeriesLimits()
        value = amount if amount is not None else series.fixed_amount
        if value is None:
            return False
        cur = series.currency
        if op_type is OpType.LOAD and limits.max_load is not None and value > limits.max_load:
            raise LimitExceeded(
                LOAD_LIMIT_EXCEEDED,
                f"One load on this card may add at most {limits.max_load} {cur}.",
                {"maxLoad": str(limits.max_load), "amountRequested": str(value)},
            )
        if limits.max_balance is not None:
            net = Decimal(0)
            if op_type is OpType.LOAD and number is not None and value <= limits.max_balance:
                net = self._known_net(series.kind, number)
            if net + value > limits.max_balance:
                room = max(Decimal(0), limits.max_balance - net)
                raise LimitExceeded(
                    BALANCE_LIMIT_EXCEEDED,
                    f"This card may hold at most {limits.max_balance} {cur}; it holds {net} {cur}, so "
                    f"at most {room} {cur} more can be added.",
                    {
                        "maxBalance": str(limits.max_balance),
                        "amountNet": str(net),
                        "amountAllowed": str(room),
                    },
                )
        return limits.approval_threshold is not None and value > limits.approval_threshold

    def _known_net(self, kind: Kind, number: str) -> Decimal:
        """The card's balance as the server has it now; 0 when it cannot be read (the server checks)."""
        try:
            account = self.client.instrument(kind, number).account
        except ApiError:
            log.info("balance before a load not readable; the server checks the balance limit")
            return Decimal(0)
        return account.net if account is not None else Decimal(0)

    # -- terminal and catalogue -----------------------------------------------------------------

    def terminal(self) -> Terminal:
        """Who this terminal is for the server (``GET /terminal``); also remembered for offline limits."""

        def call() -> Terminal:
            self._terminal = self.client.terminal()
            return self._terminal

        return self._run("terminal", "", call)

    def sync_series(self) -> SyncResult:
        """Refresh the local series catalogue from the server (ETag: unchanged → no download)."""
        return self._run("series.sync", "", lambda: self.catalogue.sync(self.client))

    def identify(self, raw: str | bytes, *, issuing: bool = False) -> Identification:
        """Identify a scanned or typed number locally (never raises, never goes online)."""
        return self.catalogue.identify(raw, issuing=issuing)

    # -- reads ----------------------------------------------------------------------------------

    def balance(self, number: str) -> Instrument:
        """The instrument behind ``number`` (any kind) with its balance, as the server has it now.

        A number of a series not accepted here is still looked up (a manager may look); its
        ``acceptable_here`` is False.

        Raises:
            IdentificationError: the number is not of a known series.
        """

        def call() -> Instrument:
            found = self._identify(number, allow_not_here=True)
            assert found.series is not None
            return self.client.instrument(found.series.kind, found.number)

        return self._run("balance", mask_number(self.catalogue.normalise(number)[0]), call)

    def history(self, number: str) -> tuple[Transaction, ...]:
        """The instrument's transactions, newest first."""
        instrument = self.balance(number)
        return self._run(
            "history",
            mask_number(instrument.number),
            lambda: self.client.transactions(instrument.instrument_id),
        )

    def day_report(self, date: dt.date | None = None) -> DayReport:
        """This terminal's totals for ``date`` (default: today, UTC)."""
        day = date or self._clock().astimezone(dt.UTC).date()
        return self._run("report.day", "", lambda: self.client.day_report(day))

    # -- gift cards and store credit ------------------------------------------------------------

    def activate(
        self,
        number: str,
        amount: Decimal | None = None,
        *,
        kind: Kind | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Activate a pre-issued card (``_issue`` on the number); ``amount`` None for a fixed series.
        Above the series' approval threshold a cashier needs a manager's ``approval``.

        Raises:
            LimitExceeded: past the series' maximum balance (nothing sent).
            ApprovalRequired: above the approval threshold without a manager.
        """
        return self._instrument_write(
            "activate", number, {}, expect=kind, amount=amount, issuing=True, approval=approval
        )

    def issue(
        self,
        series_number: str,
        amount: Decimal | None = None,
        *,
        customer_id: str | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Issue a new live-printed gift card or a store-credit note from a series (the result's
        instrument holds the new number). Store credit needs a manager (or a manager's approval)."""
        series = self.catalogue.get(series_number)
        if series is None:
            try:
                self.catalogue.sync(self.client)
            except ApiError:
                log.info("series sync before issue failed; using the cached catalogue")
            series = self.catalogue.get(series_number)
        if series is None:
            raise IdentificationError(Identification("", None, Reason.UNKNOWN_PREFIX))
        if series.kind not in _MONEY:
            raise WrongKind(Kind.GIFTCARD, series.kind)
        if not series.issuable_here:
            raise IdentificationError(Identification("", series, Reason.NOT_ISSUABLE_HERE))
        decl = declaration(f"{series.kind.value}.issue")
        values: dict[str, Any] = {}
        if customer_id and series.kind is Kind.STORECREDIT:
            values["customer_id"] = customer_id
        return self._declared_write(decl, series, values, amount=amount, approval=approval)

    def load(
        self, number: str, amount: Decimal, *, kind: Kind | None = None, approval: Approval | None = None
    ) -> OperationResult:
        """Top up a gift card or store credit, within its series' limits; above the series' approval
        threshold a cashier needs a manager's ``approval``.

        Raises:
            LimitExceeded: over the maximum load, or past the maximum balance (nothing sent).
            ApprovalRequired: above the approval threshold without a manager.
        """
        return self._instrument_write("load", number, {}, expect=kind, amount=amount, approval=approval)

    def pay(
        self,
        number: str,
        amount: Decimal,
        *,
        reference: str | None = None,
        kind: Kind | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Hold ``amount`` for a payment; the result has the ``auth_code`` to commit or cancel. A
        manager's ``approval`` given (e.g. past an offline limit) is named to the server."""
        return self._instrument_write(
            "pay", number, {"reference": reference or None}, expect=kind, amount=amount, approval=approval
        )

    def commit(
        self,
        number: str,
        auth_code: str,
        amount: Decimal | None = None,
        *,
        kind: Kind | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Capture a hold (money or points); ``amount`` below the held amount releases the rest."""
        return self._instrument_write(
            "commit", number, {}, expect=kind, amount=amount, auth_code=auth_code, approval=approval
        )

    def cancel(
        self, number: str, auth_code: str, *, kind: Kind | None = None, approval: Approval | None = None
    ) -> OperationResult:
        """Release a hold (money or points)."""
        decl = declaration("cancel")
        series = self._series_of(number, decl.kinds, kind)
        normalised = self.catalogue.normalise(number)[0]
        instrument_id = ""
        if series.kind is Kind.LOYALTYCARD:
            # Points holds are cancelled at the generic path, which needs the instrument id.
            decl = declaration("hold.cancel")
            instrument_id = self.client.instrument(Kind.LOYALTYCARD, normalised).instrument_id
        return self._declared_write(
            decl,
            series,
            {},
            number=normalised,
            auth_code=auth_code,
            instrument_id=instrument_id,
            approval=approval,
        )

    def refund(
        self,
        number: str,
        amount: Decimal,
        *,
        original: str | None = None,
        approval: Approval | None = None,
        kind: Kind | None = None,
    ) -> OperationResult:
        """Put money back on the card for a payment made with it: ``original`` is that payment's
        operation id (its ``pay`` or its ``commit``); at most what is left of it (the server keeps
        that, ``reversible`` in the history). Sensitive: a cashier needs a manager's approval.

        Raises:
            OriginalOperationRequired: no payment named (nothing stored or sent; goods paid
                otherwise are returned as store credit, :meth:`issue`).
        """
        if not original or not original.strip():
            raise OriginalOperationRequired()
        return self._instrument_write(
            "refund", number, {"original": original.strip()}, expect=kind, approval=approval, amount=amount
        )

    def void(
        self, number: str, original: str, *, approval: Approval | None = None, kind: Kind | None = None
    ) -> OperationResult:
        """Reverse what is left of one earlier load, payment or refund of this terminal. Sensitive."""
        return self._instrument_write("void", number, {"original": original}, expect=kind, approval=approval)

    def unissue(
        self, number: str, *, approval: Approval | None = None, kind: Kind | None = None
    ) -> OperationResult:
        """Undo an issue while no money has moved besides it. Sensitive."""
        return self._instrument_write("unissue", number, {}, expect=kind, approval=approval)

    def block(
        self, number: str, reason: str, *, approval: Approval | None = None, kind: Kind | None = None
    ) -> OperationResult:
        """Block any instrument (``reason``: lost, stolen, damaged, fraud_suspected, customer_request,
        other). Sensitive."""
        if reason not in BLOCK_REASONS:
            raise ValueError(f"block reason must be one of {', '.join(BLOCK_REASONS)}")
        return self._instrument_write("block", number, {"reason": reason}, expect=kind, approval=approval)

    def unblock(
        self, number: str, *, approval: Approval | None = None, kind: Kind | None = None
    ) -> OperationResult:
        """Unblock an instrument. Sensitive."""
        return self._instrument_write("unblock", number, {}, expect=kind, approval=approval)

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

    # -- coupons --------------------------------------------------------------------------------

    def coupon_check(self, code: str) -> Instrument:
        """The coupon, its offer and uses left (no effect)."""

        def call() -> Instrument:
            found = self._identify(code, allow_not_here=True)
            assert found.series is not None
            if found.series.kind is not Kind.COUPON:
                raise WrongKind(Kind.COUPON, found.series.kind)
            return self.client.instrument(Kind.COUPON, found.number)

        return self._run("coupon.check", mask_number(self.catalogue.normalise(code)[0]), call)

    def coupon_redeem(
        self, code: str, *, reference: str | None = None, approval: Approval | None = None
    ) -> OperationResult:
        """Use the coupon once."""
        return self._instrument_write(
            "coupon.redeem", code, {"reference": reference or None}, approval=approval
        )

    def coupon_unredeem(
        self, code: str, original: str, *, approval: Approval | None = None
    ) -> OperationResult:
        """Give back the use made by operation ``original``. Sensitive."""
        return self._instrument_write("coupon.unredeem", code, {"original": original}, approval=approval)

    # -- points ---------------------------------------------------------------------------------

    def _basket(
        self,
        series: Series,
        amount: Decimal | None,
        lines: Sequence[BasketLine],
        discount: Decimal | None,
        sales_mode: str | None,
    ) -> dict[str, Any]:
        """A basket's values (the fields of ``points.earn``), checked."""
        values: dict[str, Any] = {}
        if amount is not None:
            values["amount"] = _checked_amount(amount, series.currency)
        if lines:
            values["lines"] = tuple(lines)
        if discount is not None:
            values["discount"] = _checked_amount(discount, series.currency)
        if sales_mode:
            values["sales_mode"] = sales_mode
        if not values.get("amount") and not lines:
            raise money.MoneyError("give the basket amount or its lines")
        return values

    def points_activate(self, card: str, *, approval: Approval | None = None) -> OperationResult:
        """Activate a pre-issued loyalty card (``_activate``), so it can earn; linking it to a
        customer does it too. ``ALREADY_ISSUED`` when it is active."""
        return self._instrument_write("points.activate", card, {}, issuing=True, approval=approval)

    def points_quote(
        self,
        card: str,
        *,
        amount: Decimal | None = None,
        lines: Sequence[BasketLine] = (),
        discount: Decimal | None = None,
        sales_mode: str | None = None,
    ) -> PointsQuote:
        """What a basket would earn (no effect): the basket of ``points.earn``, previewed."""

        def call() -> PointsQuote:
            decl = declaration("points.earn")
            series = self._series_of(card, decl.kinds, None)
            values = self._basket(series, amount, lines, discount, sales_mode)
            body = requests.render(decl, kind=series.kind, currency=series.currency, values=values).body
            return self.client.quote(self.catalogue.normalise(card)[0], body)

        return self._run("points.quote", mask_number(self.catalogue.normalise(card)[0]), call)

    def points_earn(
        self,
        card: str,
        *,
        amount: Decimal | None = None,
        lines: Sequence[BasketLine] = (),
        discount: Decimal | None = None,
        sales_mode: str | None = None,
        reference: str | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Earn points for a basket; ``rewards`` holds reward coupons crossed thresholds issued."""
        series = self._series_of(card, declaration("points.earn").kinds, None)
        values = self._basket(series, amount, lines, discount, sales_mode)
        values["reference"] = reference or None
        return self._instrument_write("points.earn", card, values, approval=approval)

    def points_redeem(
        self,
        card: str,
        points: int,
        *,
        reference: str | None = None,
        hold: bool = False,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Spend points at once (``_redeem``), or with ``hold`` place a hold (``_pay``) to commit or
        cancel later with :meth:`commit` / :meth:`cancel`."""
        if isinstance(points, bool) or points <= 0:
            raise money.MoneyError("points must be more than zero")
        values: dict[str, Any] = {"points": points, "reference": reference or None}
        name = "points.pay" if hold else "points.redeem"
        return self._instrument_write(name, card, values, points=points, approval=approval)

    def points_buy(
        self,
        card: str,
        product_code: str,
        quantity: int = 1,
        *,
        reference: str | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Buy ``quantity`` of a product priced in points (one of the card's ``points_products``)."""
        if isinstance(quantity, bool) or quantity <= 0:
            raise money.MoneyError("the quantity must be more than zero")
        values: dict[str, Any] = {
            "product_code": product_code,
            "quantity": quantity,
            "reference": reference or None,
        }
        return self._instrument_write("points.redeem", card, values, approval=approval)

    def points_return(
        self,
        card: str,
        original: str,
        *,
        amount: Decimal | None = None,
        lines: Sequence[BasketLine] = (),
        approval: Approval | None = None,
    ) -> OperationResult:
        """Take back the points operation ``original`` earned (all, or for ``amount`` / ``lines``)."""
        values: dict[str, Any] = {"original": original, "lines": tuple(lines) or None}
        return self._instrument_write("points.return", card, values, amount=amount, approval=approval)

    # -- customers ------------------------------------------------------------------------------

    def customer_find(
        self, *, phone: str | None = None, email: str | None = None, card: str | None = None
    ) -> tuple[Customer, ...]:
        """Customers matching exactly one of phone, e-mail or card number."""
        given = [v for v in (phone, email, card) if v]
        if len(given) != 1:
            raise ValueError("search by exactly one of phone, e-mail or card")
        number = self.catalogue.normalise(card)[0] if card else None
        return self._run(
            "customer.find", "", lambda: self.client.find_customers(phone=phone, email=email, card=number)
        )

    def customer_get(self, customer_id: str) -> Customer:
        """One customer by id."""
        return self._run("customer.get", customer_id, lambda: self.client.customer(customer_id))

    def customer_consent_history(self, customer_id: str) -> tuple[Consent, ...]:
        """Every consent answer of a customer, oldest first, with the terminal that recorded it."""
        return self._run("customer.consents", customer_id, lambda: self.client.consent_history(customer_id))

    def _customer_write(
        self,
        name: str,
        customer_id: str | None,
        values: dict[str, Any],
        approval: Approval | None = None,
    ) -> OperationResult:
        """Run the declared customer operation ``name`` (ordered per customer; an enrolment per phone)."""
        decl = declaration(name)
        key = f"customer:{customer_id}" if customer_id else f"customer-phone:{values.get('phone', '')}"
        if decl.order is not Order.CUSTOMER:
            key = ""

        def build(_approved_by: str | None) -> WriteOperation:
            request = requests.render(decl, customer_id=customer_id or "", values=values)
            return self._operation(decl, request, key=key, series=None)

        return self._write(decl, None, customer_id or "", build, approval)

    def customer_create(
        self,
        phone: str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        email: str | None = None,
        country: str | None = None,
        card_number: str | None = None,
        consents: Sequence[tuple[str, bool, str]] = (),
        approval: Approval | None = None,
    ) -> OperationResult:
        """Enrol a customer (``result.customer``); ``CUSTOMER_EXISTS`` when the phone is taken.

        ``consents``: ``(type, granted, version)`` answers recorded with the enrolment itself (one
        operation: an enrolment queued offline keeps them too).
        """
        values = _fields(
            phone=phone,
            first_name=first_name,
            last_name=last_name,
            email=email,
            country=country,
            card_number=self.catalogue.normalise(card_number)[0] if card_number else None,
        )
        if consents:
            values["consents"] = tuple(consents)
        return self._customer_write("customer.create", None, values, approval)

    def customer_edit(
        self,
        customer_id: str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        email: str | None = None,
        country: str | None = None,
        phone: str | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Change the given fields (None = unchanged)."""
        values = _fields(
            first_name=first_name, last_name=last_name, email=email, country=country, phone=phone
        )
        if not values:
            raise ValueError("nothing to change")
        return self._customer_write("customer.edit", customer_id, values, approval)

    def customer_consent(
        self,
        customer_id: str,
        consent_type: str,
        granted: bool,
        version: str,
        *,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Record a consent (``marketing_sms``, ``marketing_email``, ``profiling``, ``terms``)."""
        values = {"type": consent_type, "granted": granted, "version": version}
        return self._customer_write("customer.consent", customer_id, values, approval)

    def customer_link_card(
        self, customer_id: str, card_number: str, *, approval: Approval | None = None
    ) -> OperationResult:
        """Link a loyalty card to the customer."""
        self._series_of(card_number, (Kind.LOYALTYCARD,), None)  # a loyalty card of a known series
        values = {"card_number": self.catalogue.normalise(card_number)[0]}
        return self._customer_write("customer.link", customer_id, values, approval)

    def customer_block(
        self, customer_id: str, reason: str, *, approval: Approval | None = None
    ) -> OperationResult:
        """Block a customer. Sensitive."""
        return self._customer_write("customer.block", customer_id, {"reason": reason}, approval)


def _fields(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != ""}
