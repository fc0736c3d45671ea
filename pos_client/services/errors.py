"""What the service raises and reports: its typed refusals, its events, and the amount check."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from offline_queue.store import Entry
from pos_client import money
from pos_client.api.errors import Refused
from pos_client.catalogue import Identification, Reason
from pos_client.domain import (
    Kind,
    OperationResult,
)


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


class SameCard(Exception):  # noqa: N818
    """A merge or a balance transfer names the card it starts from as the card to move to (the
    server's ``SAME_CARD``, said before anything is sent)."""

    def __init__(self) -> None:
        super().__init__("the card to move to must be another card")


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


def checked_amount(amount: Decimal, currency: str) -> Decimal:
    """``amount`` when it is positive and has no more decimals than ``currency``; else MoneyError."""
    if not amount.is_finite() or amount <= 0:
        raise money.MoneyError("the amount must be more than zero", "NOT_POSITIVE")
    if amount != money.quantize(amount, currency):
        raise money.MoneyError(f"{currency} has {money.exponent(currency)} decimal places", "DECIMALS")
    return amount
