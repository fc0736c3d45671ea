"""``LoyaltyService``: the one entry point for every loyalty operation (app, CLI, tests).

Design:

- Reads (balance, coupon check, history, customers, reports, quotes) go to the API client.
- Every write is declared once (``pos_client.declarations``), described as a
  :class:`~pos_client.operations.WriteOperation` whose path and body are rendered from its declaration
  (``pos_client.api.requests``), and handed to the injected
  :class:`~pos_client.operations.WriteGateway` (online: ``DirectGateway``; offline work: a queued
  gateway). The service never posts a write itself, so the offline path needs no change here.
- A number is first identified locally by the series catalogue (normalised, longest prefix, length,
  check digit, accepted/issuable here); the series decides the API path and the instrument kind.
- Roles are enforced here, once, for every front end: every write takes an optional manager's
  :class:`~pos_client.security.Approval`; a cashier needs one for the operations whose declaration
  says a manager decides (``Manager.ALWAYS``, or above the series' approval threshold) and for the
  offline queue's administration (``queue_retry``/``queue_park``/``queue_acknowledge``); a technician
  runs no sales. The PIN and role are checked here (wrong PINs and lock-outs are audited by the
  operator store), the approved operation is audited with its manager, and the approval is handed to
  the gateway as the offline override of that operation. Sign-off is refused while anything waits for
  the server or a payment hold placed here is open; the service holds who is signed on.
- The parts live in ``pos_client/services/``: session (operator, approvals, audit, events), pipeline
  (the write path, reads), money, coupons, points, card moves (merge, transfer), customers, queue
  administration.
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

from pos_client.services.card_moves import CardMoves
from pos_client.services.coupons import CouponOperations
from pos_client.services.customers import CustomerOperations
from pos_client.services.errors import (
    BALANCE_LIMIT_EXCEEDED,
    BLOCK_REASONS,
    CURRENCY_MISMATCH,
    LOAD_LIMIT_EXCEEDED,
    ORIGINAL_OPERATION_REQUIRED,
    CurrencyMismatch,
    EventType,
    IdentificationError,
    LimitExceeded,
    Listener,
    OriginalOperationRequired,
    QueueAdmin,
    SameCard,
    ServiceEvent,
    WrongKind,
    currency_mismatch_text,
)
from pos_client.services.money_ops import MoneyOperations
from pos_client.services.points import PointsOperations
from pos_client.services.queue_admin import QueueAdministration

__all__ = [
    "BALANCE_LIMIT_EXCEEDED",
    "BLOCK_REASONS",
    "CURRENCY_MISMATCH",
    "LOAD_LIMIT_EXCEEDED",
    "ORIGINAL_OPERATION_REQUIRED",
    "CurrencyMismatch",
    "EventType",
    "IdentificationError",
    "LimitExceeded",
    "Listener",
    "LoyaltyService",
    "OriginalOperationRequired",
    "QueueAdmin",
    "SameCard",
    "ServiceEvent",
    "WrongKind",
    "currency_mismatch_text",
]


class LoyaltyService(
    MoneyOperations,
    CouponOperations,
    PointsOperations,
    CardMoves,
    CustomerOperations,
    QueueAdministration,
):
    """Every loyalty operation of the terminal, for one signed-on operator.

    Args: as :class:`~pos_client.services.session.Session`, which keeps them.
    """
