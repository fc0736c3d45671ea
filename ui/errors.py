"""Expected errors in plain, translated words: the one place the app turns an exception into a message.

*Expected* errors are the environment's or the customer's fault (the server is away, the card is
blocked, a wrong PIN, a mistyped amount): they are typed by the core and each type (each refusal code)
gets one sentence here. Anything else is a bug: :func:`describe_error` then says "something went
wrong" and the caller logs the traceback and shows the crash dialog (see :mod:`ui.tasks`,
:mod:`ui.crash`). Never ``repr(exc)`` to a cashier; the server's own text is not shown either (it is
in English and may change); it is logged.
"""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLocale

from drivers.printers.status import CoverOpen, PaperOut, PrinterConfigError, PrinterError, PrinterOffline
from drivers.scanners.settings import ScannerUrlError
from pos_client.api.errors import ProtocolError, Refused, Unauthorized, Unavailable
from pos_client.catalogue import Reason
from pos_client.config import ConfigError
from pos_client.domain import Kind
from pos_client.money import MoneyError, format_amount, format_money
from pos_client.offline import OfflineRefused, PaymentNotConfirmed
from pos_client.secrets import SecretError
from pos_client.security import ApprovalRequired, BadPin, Forbidden, LockedOut, SecurityError
from pos_client.service import IdentificationError, WrongKind

_CTX = "errors"

# Every type describe_error knows; anything else is a bug.
EXPECTED_ERRORS: tuple[type[BaseException], ...] = (
    Unavailable,
    Refused,
    Unauthorized,
    ProtocolError,
    MoneyError,
    SecurityError,
    IdentificationError,
    WrongKind,
    PrinterError,
    ConfigError,
    SecretError,
    ScannerUrlError,
)


def is_expected(exc: BaseException) -> bool:
    """True for errors the app expects and explains (not bugs)."""
    return isinstance(exc, EXPECTED_ERRORS)


def _refusals() -> dict[str, str]:
    # Built per call so the words follow the language chosen at run time. The literal
    # QCoreApplication.translate calls are what pyside6-lupdate extracts.
    return {
        "UNKNOWN_INSTRUMENT": QCoreApplication.translate("errors", "The server does not know this card."),
        "UNKNOWN_SERIES": QCoreApplication.translate("errors", "The server does not know this card series."),
        "UNKNOWN_CUSTOMER": QCoreApplication.translate("errors", "The server does not know this customer."),
        "UNKNOWN_OPERATION": QCoreApplication.translate("errors", "The original operation was not found."),
        "NOT_ACTIVE": QCoreApplication.translate("errors", "This card is not active yet."),
        "BLOCKED": QCoreApplication.translate("errors", "This card is blocked."),
        "EXPIRED": QCoreApplication.translate("errors", "This card has expired."),
        "INSUFFICIENT_FUNDS": QCoreApplication.translate("errors", "Not enough money on the card."),
        "INSUFFICIENT_POINTS": QCoreApplication.translate("errors", "Not enough points on the card."),
        "NOT_ACCEPTED_HERE": QCoreApplication.translate("errors", "This card cannot be used in this store."),
        "NOT_ISSUABLE_HERE": QCoreApplication.translate("errors", "This card cannot be sold in this store."),
        "ALREADY_ISSUED": QCoreApplication.translate("errors", "This card has already been activated."),
        "HAS_TRANSACTIONS": QCoreApplication.translate(
            "errors", "The card has been used since; this cannot be undone."
        ),
        "AUTH_NOT_FOUND": QCoreApplication.translate("errors", "The payment hold was not found."),
        "AUTH_FINAL": QCoreApplication.translate(
            "errors", "This payment hold was already completed or cancelled."
        ),
        "AUTH_EXPIRED": QCoreApplication.translate(
            "errors", "This payment hold has expired; take the payment again."
        ),
        "COUPON_USED": QCoreApplication.translate("errors", "This coupon has already been used."),
        "CURRENCY_MISMATCH": QCoreApplication.translate(
            "errors", "The amount is in another currency than the card."
        ),
        "INVALID_AMOUNT": QCoreApplication.translate("errors", "This amount is not valid for the card."),
        "AMOUNT_OUT_OF_RANGE": QCoreApplication.translate(
            "errors", "The amount is outside the limits of this card series."
        ),
        "INVALID_POINTS": QCoreApplication.translate("errors", "This number of points is not valid."),
        "NOTHING_TO_RETURN": QCoreApplication.translate("errors", "Nothing is left to return for that sale."),
        "ALREADY_REVERSED": QCoreApplication.translate("errors", "That operation was already reversed."),
        "CUSTOMER_EXISTS": QCoreApplication.translate(
            "errors", "A customer with this phone number already exists."
        ),
        "FORBIDDEN": QCoreApplication.translate("errors", "This terminal may not do that."),
        "UNAUTHORIZED": QCoreApplication.translate(
            "errors", "The server does not accept this terminal. Call a technician."
        ),
        "IDEMPOTENCY_MISMATCH": QCoreApplication.translate(
            "errors", "This operation clashes with an earlier one. Start again."
        ),
        # The money rules (issue 13): with amounts when the refusal gives them, see _money_rule_words.
        "ORIGINAL_OPERATION_REQUIRED": QCoreApplication.translate(
            "errors",
            "A refund must name the payment it gives back. Goods paid for otherwise are returned as"
            " store credit.",
        ),
        "LOAD_LIMIT_EXCEEDED": QCoreApplication.translate(
            "errors", "This is more than one load may add to a card of this series."
        ),
        "BALANCE_LIMIT_EXCEEDED": QCoreApplication.translate(
            "errors", "The card would hold more than its series allows."
        ),
        "APPROVAL_REQUIRED": QCoreApplication.translate("errors", "This amount needs a manager's approval."),
        "TERMINAL_DAILY_LIMIT": QCoreApplication.translate(
            "errors", "This till has reached its daily limit for activations, loads and refunds."
        ),
    }


def _money_rule_words(exc: Refused) -> str | None:
    """The money rules' refusals with the amounts their details give (None: no such details)."""
    details = exc.details

    def amount(key: str) -> str | None:
        try:
            return format_amount(Decimal(str(details[key])), "", QLocale().name())
        except (KeyError, ArithmeticError, ValueError):
            return None

    if exc.code == "FORBIDDEN" and "authCode" in details:
        return QCoreApplication.translate(
            "errors",
            "This payment hold was placed by another store; only that store can finish or cancel it.",
        )
    if exc.code == "LOAD_LIMIT_EXCEEDED" and (most := amount("maxLoad")):
        return QCoreApplication.translate("errors", "One load on this card may add at most {amount}.").format(
            amount=most
        )
    if (
        exc.code == "BALANCE_LIMIT_EXCEEDED"
        and (most := amount("maxBalance"))
        and (room := amount("amountAllowed"))
    ):
        return QCoreApplication.translate(
            "errors", "This card may hold at most {most}; at most {room} more can be added."
        ).format(most=most, room=room)
    if exc.code == "TERMINAL_DAILY_LIMIT" and (left := amount("amountLeft")):
        return QCoreApplication.translate(
            "errors",
            "This till has reached its daily limit for activations, loads and refunds; {left} is left today.",
        ).format(left=left)
    return None


def _identification(reason: Reason) -> str:
    return {
        Reason.EMPTY: QCoreApplication.translate("errors", "No number was given."),
        Reason.INVALID_CHARACTERS: QCoreApplication.translate(
            "errors", "The number has characters a card number cannot have."
        ),
        Reason.UNKNOWN_PREFIX: QCoreApplication.translate("errors", "This is not one of our cards."),
        Reason.WRONG_LENGTH: QCoreApplication.translate(
            "errors", "The number is too short or too long. Scan or type it again."
        ),
        Reason.BAD_CHECK_DIGIT: QCoreApplication.translate(
            "errors", "The number is mistyped (check digit). Scan or type it again."
        ),
        Reason.NOT_ACCEPTED_HERE: QCoreApplication.translate(
            "errors", "This card cannot be used in this store."
        ),
        Reason.NOT_ISSUABLE_HERE: QCoreApplication.translate(
            "errors", "This card cannot be sold in this store."
        ),
    }.get(reason, QCoreApplication.translate("errors", "This number cannot be used here."))


def kind_name(kind: Kind) -> str:
    """The translated name of an instrument kind ("gift card")."""
    return {
        Kind.GIFTCARD: QCoreApplication.translate("errors", "gift card"),
        Kind.STORECREDIT: QCoreApplication.translate("errors", "store credit"),
        Kind.COUPON: QCoreApplication.translate("errors", "coupon"),
        Kind.LOYALTYCARD: QCoreApplication.translate("errors", "loyalty card"),
    }[kind]


def _money_words() -> dict[str, str]:
    # By MoneyError.code (pos_client.money); built per call, like _refusals().
    return {
        "NO_AMOUNT": QCoreApplication.translate("errors", "Type an amount."),
        "NEGATIVE": QCoreApplication.translate("errors", "The amount cannot be negative."),
        "NOT_POSITIVE": QCoreApplication.translate("errors", "The amount must be more than zero."),
        "DECIMALS": QCoreApplication.translate("errors", "Too many decimal places for this currency."),
        "TOO_LARGE": QCoreApplication.translate("errors", "The amount is too large."),
        "DIGIT_GROUPS": QCoreApplication.translate(
            "errors", "Digits after a thousands separator come in groups of three."
        ),
        "AMBIGUOUS": QCoreApplication.translate(
            "errors", "The amount can be read two ways: type the decimals with a comma."
        ),
        "NOT_WHOLE_POINTS": QCoreApplication.translate("errors", "Points are a whole number."),
        "NO_BASKET": QCoreApplication.translate("errors", "Type the amount of the sale."),
        "OTHER_CURRENCY": QCoreApplication.translate("errors", "The amount is in another currency."),
        "UNSUPPORTED_CURRENCY": QCoreApplication.translate("errors", "The amount is in another currency."),
        "NOT_AN_AMOUNT": QCoreApplication.translate("errors", "This is not an amount."),
    }


# English fallbacks for a MoneyError raised without a code: its message, matched to a code.
_MONEY_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^no amount given", "NO_AMOUNT"),
    (r"must not be negative", "NEGATIVE"),
    (r"must be more than zero", "NOT_POSITIVE"),
    (r"decimal places", "DECIMALS"),
    (r"too large an amount", "TOO_LARGE"),
    (r"digit groups", "DIGIT_GROUPS"),
    (r"whole number of points", "NOT_WHOLE_POINTS"),
    (r"basket amount or its lines", "NO_BASKET"),
    (r"is in .*, not", "OTHER_CURRENCY"),
    (r"is not an amount", "NOT_AN_AMOUNT"),
)


def _money(exc: MoneyError) -> str:
    code = getattr(exc, "code", None)
    if code is None:
        text = str(exc)
        code = next((c for pattern, c in _MONEY_PATTERNS if re.search(pattern, text)), None)
    return _money_words().get(code or "", QCoreApplication.translate("errors", "This amount cannot be used."))


def refusal_words(code: str | None) -> str | None:
    """The sentence for a server's refusal ``code`` (in the current language); None for a code this
    terminal does not know (show the server's own text then, or a general sentence)."""
    return _refusals().get(code or "")


def offline_limit_words(exc: OfflineRefused) -> str:
    """Which soft offline limit ``exc`` went past, with its amount, and that a manager may allow it
    ("" when the decision names no limit). Money in the app's current locale."""
    decision = exc.decision
    if decision is None:
        return ""
    locale = QLocale().name()  # follows the app's language (ui.i18n sets the default)

    def amount(value: Decimal) -> str:
        return format_money(value, decision.currency or "", locale) if decision.currency else str(value)

    if decision.limit == "per_operation" and decision.cap is not None:
        return QCoreApplication.translate(
            "errors",
            "Offline, this card series allows at most {cap} per operation. A manager may allow more.",
        ).format(cap=amount(decision.cap))
    if decision.limit == "per_operation" and decision.points_cap is not None:
        return QCoreApplication.translate(
            "errors",
            "Offline, this card series allows at most {points} points per operation. "
            "A manager may allow more.",
        ).format(points=decision.points_cap)
    if decision.limit == "outstanding" and decision.cap is not None:
        return QCoreApplication.translate(
            "errors",
            "Offline, this till may keep at most {cap} waiting for the server ({room} left). "
            "A manager may allow more.",
        ).format(cap=amount(decision.cap), room=amount(decision.room or Decimal(0)))
    return ""


def not_paid_words() -> str:
    """The one message for a payment hold the server did not confirm (its answer was lost, or the
    cashier stopped waiting): the sale must not go on as paid."""
    return QCoreApplication.translate(
        "errors",
        "The payment was not confirmed by the server: it is NOT paid. Take another payment method. "
        "If the card was charged, the terminal gives the amount back by itself.",
    )


def describe_error(exc: BaseException) -> str:
    """One plain, translated sentence for ``exc``; "something went wrong" for a bug."""
    if isinstance(exc, PaymentNotConfirmed):
        return not_paid_words()
    if isinstance(exc, OfflineRefused):
        if exc.overridable:
            return offline_limit_words(exc) or QCoreApplication.translate(
                "errors",
                "The server cannot be reached and this is over the offline limit. A manager may allow it.",
            )
        if exc.maybe_applied:  # kept and checked with the server: a second try could do it twice
            return QCoreApplication.translate(
                "errors",
                "The server did not answer; the operation may have gone through. Do not repeat it: "
                "it is checked when the server is back, and a manager sees the outcome.",
            )
        return QCoreApplication.translate(
            "errors", "The server cannot be reached and this operation cannot wait. Try again later."
        )
    if isinstance(exc, Unavailable):
        if exc.status == 429:
            return QCoreApplication.translate("errors", "The server is busy. Try again in a moment.")
        if exc.maybe_applied:
            return QCoreApplication.translate(
                "errors",
                "The server did not answer in time. The operation may have gone through; check the balance.",
            )
        return QCoreApplication.translate(
            "errors", "The server cannot be reached. Check the network or try again."
        )
    if isinstance(exc, Refused):
        return (
            _money_rule_words(exc)
            or refusal_words(exc.code)
            or QCoreApplication.translate("errors", "The server refused the operation.")
        )
    if isinstance(exc, Unauthorized):
        return QCoreApplication.translate(
            "errors", "The server does not accept this terminal. Call a technician."
        )
    if isinstance(exc, ProtocolError):
        return QCoreApplication.translate(
            "errors", "The server gave an answer the terminal does not understand. Call a technician."
        )
    if isinstance(exc, MoneyError):
        return _money(exc)
    if isinstance(exc, LockedOut):
        return QCoreApplication.translate(
            "errors", "Too many wrong PINs. This operator is locked out for a while."
        )
    if isinstance(exc, BadPin):
        return QCoreApplication.translate("errors", "Wrong operator or PIN.")
    if isinstance(exc, ApprovalRequired):
        return QCoreApplication.translate("errors", "This needs a manager's approval.")
    if isinstance(exc, Forbidden):
        return QCoreApplication.translate("errors", "Your role may not do this.")
    if isinstance(exc, SecurityError):
        return QCoreApplication.translate("errors", "Not allowed.")
    if isinstance(exc, IdentificationError):
        return _identification(exc.reason)
    if isinstance(exc, WrongKind):
        return QCoreApplication.translate("errors", "This is a {actual}, not a {expected}.").format(
            actual=kind_name(exc.actual), expected=kind_name(exc.expected)
        )
    if isinstance(exc, PaperOut):
        return QCoreApplication.translate("errors", "The printer is out of paper.")
    if isinstance(exc, CoverOpen):
        return QCoreApplication.translate("errors", "The printer cover is open.")
    if isinstance(exc, PrinterOffline):
        return QCoreApplication.translate(
            "errors", "The printer cannot be reached. Check that it is on and connected."
        )
    if isinstance(exc, PrinterConfigError):
        return QCoreApplication.translate("errors", "The printer settings are wrong. Call a technician.")
    if isinstance(exc, PrinterError):
        return QCoreApplication.translate("errors", "Printing failed.")
    if isinstance(exc, ConfigError | SecretError | ScannerUrlError):
        return QCoreApplication.translate("errors", "The terminal's settings are wrong. Call a technician.")
    return QCoreApplication.translate(
        "errors", "Something went wrong. The details were saved for a technician."
    )
