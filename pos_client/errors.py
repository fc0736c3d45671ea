"""Expected errors and their stable codes: the one place that says which failures are expected, and
what each one is called, for every front end.

An *expected* error is the environment's or the customer's doing (the server is away, the card is
blocked, a wrong PIN, a mistyped amount); anything else is a bug. :func:`expected` turns an exception
into an :class:`Expected` (its :class:`ErrorCode` and the details its words may name) by its type and
its typed fields, never by its text; None means a bug. Each front end maps the code to words in its
own language, in one table each: the app in ``ui/errors.py`` (Qt Linguist), the command line in
``pos_client/cli/errors.py`` (gettext). Tests iterate :class:`ErrorCode` and check both tables cover it.

The codes are the server's (docs/API.md, *Errors*) where the server says it, and the terminal's own
otherwise; the command line prints them as ``error.code`` in ``--json``, so a code's value never
changes. A code the server adds later and this terminal does not know yet is :attr:`ErrorCode.REFUSED`
(its own code stays in ``details["code"]``).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from drivers.printers.status import CoverOpen, PaperOut, PrinterConfigError, PrinterError, PrinterOffline
from drivers.scanners.settings import ScannerUrlError
from offline_queue import OutboxError
from pos_client.api.errors import ProtocolError, Refused, Unauthorized, Unavailable
from pos_client.config import ConfigError
from pos_client.money import MoneyError
from pos_client.offline import OfflineRefused, PaymentNotConfirmed
from pos_client.secrets import SecretError
from pos_client.security import ApprovalRequired, BadPin, Forbidden, LockedOut, SecurityError
from pos_client.service import IdentificationError, SameCard, WrongKind


class ErrorCode(enum.StrEnum):
    """Every expected error's stable code."""

    # -- the server's refusals (docs/API.md); the terminal raises some of them itself first --------
    UNKNOWN_INSTRUMENT = "UNKNOWN_INSTRUMENT"
    UNKNOWN_SERIES = "UNKNOWN_SERIES"
    UNKNOWN_CUSTOMER = "UNKNOWN_CUSTOMER"
    UNKNOWN_OPERATION = "UNKNOWN_OPERATION"
    NOT_ACTIVE = "NOT_ACTIVE"
    BLOCKED = "BLOCKED"
    EXPIRED = "EXPIRED"
    INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS"
    INSUFFICIENT_POINTS = "INSUFFICIENT_POINTS"
    NOT_ACCEPTED_HERE = "NOT_ACCEPTED_HERE"  # also the series catalogue's answer to a scan
    NOT_ISSUABLE_HERE = "NOT_ISSUABLE_HERE"  # also the series catalogue's answer to a scan
    ALREADY_ISSUED = "ALREADY_ISSUED"
    HAS_TRANSACTIONS = "HAS_TRANSACTIONS"
    AUTH_NOT_FOUND = "AUTH_NOT_FOUND"
    AUTH_FINAL = "AUTH_FINAL"
    AUTH_EXPIRED = "AUTH_EXPIRED"
    COUPON_USED = "COUPON_USED"
    CURRENCY_MISMATCH = "CURRENCY_MISMATCH"
    INVALID_AMOUNT = "INVALID_AMOUNT"
    AMOUNT_OUT_OF_RANGE = "AMOUNT_OUT_OF_RANGE"
    INVALID_POINTS = "INVALID_POINTS"
    NOTHING_TO_RETURN = "NOTHING_TO_RETURN"
    ALREADY_REVERSED = "ALREADY_REVERSED"
    CUSTOMER_EXISTS = "CUSTOMER_EXISTS"
    FORBIDDEN = "FORBIDDEN"  # the server's; also the operator's role (details["role"])
    UNAUTHORIZED = "UNAUTHORIZED"
    IDEMPOTENCY_MISMATCH = "IDEMPOTENCY_MISMATCH"
    ORIGINAL_OPERATION_REQUIRED = "ORIGINAL_OPERATION_REQUIRED"
    LOAD_LIMIT_EXCEEDED = "LOAD_LIMIT_EXCEEDED"
    BALANCE_LIMIT_EXCEEDED = "BALANCE_LIMIT_EXCEEDED"
    APPROVAL_REQUIRED = "APPROVAL_REQUIRED"  # the server's money rule; also the terminal's own
    TERMINAL_DAILY_LIMIT = "TERMINAL_DAILY_LIMIT"
    # merging loyalty cards and moving a balance (docs/API.md, *Merging and transferring cards*)
    SAME_CARD = "SAME_CARD"  # the terminal's own check too, before anything is sent
    CUSTOMER_MISMATCH = "CUSTOMER_MISMATCH"
    SERIES_MISMATCH = "SERIES_MISMATCH"
    HOLD_OPEN = "HOLD_OPEN"
    NOTHING_TO_TRANSFER = "NOTHING_TO_TRANSFER"
    REFUSED = "REFUSED"  # a refusal whose code this terminal does not know (details["code"])
    # -- the server could not be reached or understood ---------------------------------------------
    UNAVAILABLE = "UNAVAILABLE"  # details: status (429: busy), maybeApplied
    OFFLINE = "OFFLINE"  # unreachable, and the operation may not wait; details: the limit, overridable
    OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN"  # no answer and it may have been applied; details: notPaid
    PROTOCOL_ERROR = "PROTOCOL_ERROR"
    # -- the operator --------------------------------------------------------------------------------
    BAD_PIN = "BAD_PIN"
    LOCKED_OUT = "LOCKED_OUT"
    NOT_ALLOWED = "NOT_ALLOWED"  # any other security refusal
    # -- the number scanned or typed (the series catalogue's reasons) -------------------------------
    EMPTY = "EMPTY"
    INVALID_CHARACTERS = "INVALID_CHARACTERS"
    UNKNOWN_PREFIX = "UNKNOWN_PREFIX"
    WRONG_LENGTH = "WRONG_LENGTH"
    BAD_CHECK_DIGIT = "BAD_CHECK_DIGIT"
    WRONG_KIND = "WRONG_KIND"  # details: actual, expected (kinds)
    # -- an amount typed (pos_client.money) ------------------------------------------------------------
    NO_AMOUNT = "NO_AMOUNT"
    NEGATIVE = "NEGATIVE"
    NOT_POSITIVE = "NOT_POSITIVE"
    DECIMALS = "DECIMALS"
    TOO_LARGE = "TOO_LARGE"
    DIGIT_GROUPS = "DIGIT_GROUPS"
    AMBIGUOUS = "AMBIGUOUS"
    NOT_WHOLE_POINTS = "NOT_WHOLE_POINTS"
    NO_BASKET = "NO_BASKET"
    OTHER_CURRENCY = "OTHER_CURRENCY"
    UNSUPPORTED_CURRENCY = "UNSUPPORTED_CURRENCY"
    NOT_AN_AMOUNT = "NOT_AN_AMOUNT"
    # -- devices and set-up ---------------------------------------------------------------------------
    PAPER_OUT = "PAPER_OUT"
    COVER_OPEN = "COVER_OPEN"
    PRINTER_OFFLINE = "PRINTER_OFFLINE"
    PRINTER_SETTINGS = "PRINTER_SETTINGS"
    PRINT_FAILED = "PRINT_FAILED"
    SETUP = "SETUP"  # configuration, POS token, scanner URL, outbox file: the message names what


#: The codes of a mistyped amount (the command line: a usage error, not a refusal).
AMOUNT_CODES = frozenset(
    {
        ErrorCode.NO_AMOUNT,
        ErrorCode.NEGATIVE,
        ErrorCode.NOT_POSITIVE,
        ErrorCode.DECIMALS,
        ErrorCode.TOO_LARGE,
        ErrorCode.DIGIT_GROUPS,
        ErrorCode.AMBIGUOUS,
        ErrorCode.NOT_WHOLE_POINTS,
        ErrorCode.NO_BASKET,
        ErrorCode.OTHER_CURRENCY,
        ErrorCode.UNSUPPORTED_CURRENCY,
        ErrorCode.NOT_AN_AMOUNT,
    }
)


@dataclass(frozen=True)
class Expected:
    """An expected error, as the front ends word it.

    Attributes:
        code: its stable code.
        details: what the words may name (the server's ``details``, the offline limit, the kinds...).
        message: the raising code's own words (English): for the log, and for :attr:`ErrorCode.SETUP`
            and an unknown refusal, whose message names the file, key or reason precisely.
    """

    code: ErrorCode
    details: Mapping[str, Any] = field(default_factory=dict)
    message: str = ""

    @property
    def wire_code(self) -> str:
        """The code the command line prints: the server's own for a refusal this terminal does not
        know, else :attr:`code`."""
        return str(self.details.get("code", self.code)) if self.code is ErrorCode.REFUSED else self.code


def _code(value: str | None, fallback: ErrorCode) -> ErrorCode:
    try:
        return ErrorCode(value or "")
    except ValueError:
        return fallback


def expected(exc: BaseException) -> Expected | None:
    """``exc`` as an expected error (by type and typed fields); None when it is a bug."""
    message = str(exc)
    if isinstance(exc, OfflineRefused):  # before Unavailable, its base
        if exc.maybe_applied:
            not_paid = isinstance(exc, PaymentNotConfirmed)
            return Expected(ErrorCode.OUTCOME_UNKNOWN, {"notPaid": not_paid}, message)
        decision = exc.decision
        details: dict[str, Any] = {"overridable": exc.overridable}
        if decision is not None:
            details.update(
                reason=decision.reason,
                limit=decision.limit,
                cap=decision.cap,
                pointsCap=decision.points_cap,
                room=decision.room,
                currency=decision.currency,
            )
        return Expected(ErrorCode.OFFLINE, details, message)
    if isinstance(exc, Unavailable):
        return Expected(
            ErrorCode.UNAVAILABLE, {"status": exc.status, "maybeApplied": exc.maybe_applied}, message
        )
    if isinstance(exc, Refused):
        code = _code(exc.code, ErrorCode.REFUSED)
        details = dict(exc.details)
        if code is ErrorCode.REFUSED:
            details["code"] = exc.code
        return Expected(code, details, message)
    if isinstance(exc, Unauthorized):
        return Expected(ErrorCode.UNAUTHORIZED, {}, message)
    if isinstance(exc, ProtocolError):
        return Expected(ErrorCode.PROTOCOL_ERROR, {}, message)
    if isinstance(exc, MoneyError):
        return Expected(_code(exc.code, ErrorCode.NOT_AN_AMOUNT), {}, message)
    if isinstance(exc, SecurityError):
        return _security(exc, message)
    if isinstance(exc, IdentificationError):
        return Expected(ErrorCode(exc.reason.value), {}, message)
    if isinstance(exc, SameCard):
        return Expected(ErrorCode.SAME_CARD, {}, message)
    if isinstance(exc, WrongKind):
        return Expected(ErrorCode.WRONG_KIND, {"actual": exc.actual, "expected": exc.expected}, message)
    if isinstance(exc, PrinterError):
        return Expected(_printer_code(exc), {}, message)
    if isinstance(exc, ConfigError | SecretError | ScannerUrlError | OutboxError):
        return Expected(ErrorCode.SETUP, {}, message)
    return None


def _security(exc: SecurityError, message: str) -> Expected:
    if isinstance(exc, LockedOut):
        return Expected(ErrorCode.LOCKED_OUT, {"until": exc.until}, message)
    if isinstance(exc, BadPin):
        return Expected(ErrorCode.BAD_PIN, {}, message)
    if isinstance(exc, ApprovalRequired):
        return Expected(ErrorCode.APPROVAL_REQUIRED, {"action": exc.action}, message)
    if isinstance(exc, Forbidden):
        return Expected(ErrorCode.FORBIDDEN, {"role": True}, message)
    return Expected(ErrorCode.NOT_ALLOWED, {}, message)


def _printer_code(exc: PrinterError) -> ErrorCode:
    if isinstance(exc, PaperOut):
        return ErrorCode.PAPER_OUT
    if isinstance(exc, CoverOpen):
        return ErrorCode.COVER_OPEN
    if isinstance(exc, PrinterOffline):
        return ErrorCode.PRINTER_OFFLINE
    if isinstance(exc, PrinterConfigError):
        return ErrorCode.PRINTER_SETTINGS
    return ErrorCode.PRINT_FAILED
