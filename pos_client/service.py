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
  block); a technician runs no sales. Sensitive operations are written to the audit log with the
  approving manager.
- Listeners (``add_listener``) hear :class:`ServiceEvent` for every operation: started, finished,
  failed. They run on the calling thread; the app marshals them to the GUI thread.

Errors raised: ``IdentificationError`` (number not usable here, with its ``Reason``), ``WrongKind``,
``pos_client.security.Forbidden`` / ``ApprovalRequired`` / ``BadPin`` / ``LockedOut``, and the API
client's ``Refused`` / ``Unavailable`` / ``Unauthorized`` / ``ProtocolError``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from pos_client.api.client import LoyaltyClient
from pos_client.catalogue import Catalogue, Identification, Reason
from pos_client.domain import (
    BasketLine,
    Customer,
    DayReport,
    Instrument,
    Kind,
    OperationResult,
    PointsQuote,
    Terminal,
    Transaction,
)
from pos_client.operations import WriteGateway
from pos_client.security import Approval, AuditLog, Operator, OperatorStore


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


@dataclass(frozen=True)
class SyncResult:
    """The outcome of a series sync: ``changed`` is False when the server answered 304."""

    changed: bool
    count: int


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
    ) -> None:
        raise NotImplementedError

    # -- observers and operators ----------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener`` with every :class:`ServiceEvent` (on the calling thread)."""
        raise NotImplementedError

    def remove_listener(self, listener: Listener) -> None:
        """Stop calling ``listener``."""
        raise NotImplementedError

    @property
    def operator(self) -> Operator:
        """The signed-on operator."""
        raise NotImplementedError

    def sign_on(self, operator_id: str, pin: str) -> Operator:
        """Check the PIN and make this operator the signed-on one.

        Raises:
            BadPin, LockedOut: from the operator store.
        """
        raise NotImplementedError

    # -- terminal and catalogue -----------------------------------------------------------------

    def terminal(self) -> Terminal:
        """Who this terminal is for the server (``GET /terminal``); also remembered for offline limits."""
        raise NotImplementedError

    def sync_series(self) -> SyncResult:
        """Refresh the local series catalogue from the server (ETag: unchanged → no download)."""
        raise NotImplementedError

    def identify(self, raw: str | bytes, *, issuing: bool = False) -> Identification:
        """Identify a scanned or typed number locally (never raises, never goes online)."""
        raise NotImplementedError

    # -- reads ----------------------------------------------------------------------------------

    def balance(self, number: str) -> Instrument:
        """The instrument behind ``number`` (any kind) with its balance, as the server has it now.

        Raises:
            IdentificationError: the number is not of a known series (or not accepted here).
        """
        raise NotImplementedError

    def history(self, number: str) -> tuple[Transaction, ...]:
        """The instrument's transactions, newest first."""
        raise NotImplementedError

    def day_report(self, date: dt.date | None = None) -> DayReport:
        """This terminal's totals for ``date`` (default: today, UTC)."""
        raise NotImplementedError

    # -- gift cards and store credit ------------------------------------------------------------

    def activate(
        self, number: str, amount: Decimal | None = None, *, kind: Kind | None = None
    ) -> OperationResult:
        """Activate a pre-issued card (``_issue`` on the number); ``amount`` None for a fixed series."""
        raise NotImplementedError

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
        raise NotImplementedError

    def load(self, number: str, amount: Decimal, *, kind: Kind | None = None) -> OperationResult:
        """Top up a gift card or store credit."""
        raise NotImplementedError

    def pay(
        self, number: str, amount: Decimal, *, reference: str | None = None, kind: Kind | None = None
    ) -> OperationResult:
        """Hold ``amount`` for a payment; the result has the ``auth_code`` to commit or cancel."""
        raise NotImplementedError

    def commit(
        self, number: str, auth_code: str, amount: Decimal | None = None, *, kind: Kind | None = None
    ) -> OperationResult:
        """Capture a hold (money or points); ``amount`` below the held amount releases the rest."""
        raise NotImplementedError

    def cancel(self, number: str, auth_code: str, *, kind: Kind | None = None) -> OperationResult:
        """Release a hold (money or points)."""
        raise NotImplementedError

    def refund(
        self,
        number: str,
        amount: Decimal,
        *,
        original: str | None = None,
        approval: Approval | None = None,
        kind: Kind | None = None,
    ) -> OperationResult:
        """Put money back on the card, optionally naming the original payment's operation id.
        Sensitive: a cashier needs a manager's approval."""
        raise NotImplementedError

    def void(
        self, number: str, original: str, *, approval: Approval | None = None, kind: Kind | None = None
    ) -> OperationResult:
        """Reverse one earlier operation of this terminal exactly. Sensitive."""
        raise NotImplementedError

    def unissue(
        self, number: str, *, approval: Approval | None = None, kind: Kind | None = None
    ) -> OperationResult:
        """Undo an issue while no money has moved besides it. Sensitive."""
        raise NotImplementedError

    def block(
        self, number: str, reason: str, *, approval: Approval | None = None, kind: Kind | None = None
    ) -> OperationResult:
        """Block any instrument (``reason``: lost, stolen, damaged, fraud_suspected, customer_request,
        other). Sensitive."""
        raise NotImplementedError

    def unblock(
        self, number: str, *, approval: Approval | None = None, kind: Kind | None = None
    ) -> OperationResult:
        """Unblock an instrument. Sensitive."""
        raise NotImplementedError

    # -- coupons --------------------------------------------------------------------------------

    def coupon_check(self, code: str) -> Instrument:
        """The coupon, its offer and uses left (no effect)."""
        raise NotImplementedError

    def coupon_redeem(self, code: str, *, reference: str | None = None) -> OperationResult:
        """Use the coupon once."""
        raise NotImplementedError

    def coupon_unredeem(
        self, code: str, original: str, *, approval: Approval | None = None
    ) -> OperationResult:
        """Give back the use made by operation ``original``. Sensitive."""
        raise NotImplementedError

    # -- points ---------------------------------------------------------------------------------

    def points_quote(
        self,
        card: str,
        *,
        amount: Decimal | None = None,
        lines: Sequence[BasketLine] = (),
        discount: Decimal | None = None,
        sales_mode: str | None = None,
    ) -> PointsQuote:
        """What a basket would earn (no effect)."""
        raise NotImplementedError

    def points_earn(
        self,
        card: str,
        *,
        amount: Decimal | None = None,
        lines: Sequence[BasketLine] = (),
        discount: Decimal | None = None,
        sales_mode: str | None = None,
        reference: str | None = None,
    ) -> OperationResult:
        """Earn points for a basket; ``rewards`` holds reward coupons crossed thresholds issued."""
        raise NotImplementedError

    def points_redeem(
        self, card: str, points: int, *, reference: str | None = None, hold: bool = False
    ) -> OperationResult:
        """Spend points at once (``_redeem``), or with ``hold`` place a hold (``_pay``) to commit or
        cancel later with :meth:`commit` / :meth:`cancel`."""
        raise NotImplementedError

    def points_return(
        self,
        card: str,
        original: str,
        *,
        amount: Decimal | None = None,
        lines: Sequence[BasketLine] = (),
    ) -> OperationResult:
        """Take back the points operation ``original`` earned (all, or for ``amount`` / ``lines``)."""
        raise NotImplementedError

    # -- customers ------------------------------------------------------------------------------

    def customer_find(
        self, *, phone: str | None = None, email: str | None = None, card: str | None = None
    ) -> tuple[Customer, ...]:
        """Customers matching exactly one of phone, e-mail or card number."""
        raise NotImplementedError

    def customer_get(self, customer_id: str) -> Customer:
        """One customer by id."""
        raise NotImplementedError

    def customer_create(
        self,
        phone: str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        email: str | None = None,
        country: str | None = None,
        card_number: str | None = None,
    ) -> OperationResult:
        """Enrol a customer (``result.customer``); ``CUSTOMER_EXISTS`` when the phone is taken."""
        raise NotImplementedError

    def customer_edit(
        self,
        customer_id: str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        email: str | None = None,
        country: str | None = None,
        phone: str | None = None,
    ) -> OperationResult:
        """Change the given fields (None = unchanged)."""
        raise NotImplementedError

    def customer_consent(
        self, customer_id: str, consent_type: str, granted: bool, version: str
    ) -> OperationResult:
        """Record a consent (``marketing_sms``, ``marketing_email``, ``profiling``, ``terms``)."""
        raise NotImplementedError

    def customer_link_card(self, customer_id: str, card_number: str) -> OperationResult:
        """Link a loyalty card to the customer."""
        raise NotImplementedError

    def customer_block(
        self, customer_id: str, reason: str, *, approval: Approval | None = None
    ) -> OperationResult:
        """Block a customer. Sensitive."""
        raise NotImplementedError
