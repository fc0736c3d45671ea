"""Expected errors in plain, translated words: the app's one table from error code to sentence.

*Expected* errors are the environment's or the customer's fault (the server is away, the card is
blocked, a wrong PIN, a mistyped amount): the core gives each a stable code
(:func:`pos_client.errors.expected`) and each code gets one sentence here (:func:`_words`; a few codes
name amounts or a limit from their details). Nothing here reads an error's English text. Anything
else is a bug: :func:`describe_error` then says "something went wrong" and the caller logs the
traceback and shows the crash dialog (see :mod:`ui.tasks`, :mod:`ui.crash`). Never ``repr(exc)`` to a
cashier; the server's own text is not shown either (it is in English and may change); it is logged.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from pos_client.domain import Kind
from pos_client.errors import ErrorCode, Expected, expected
from pos_client.money import format_amount, format_money

_CTX = "errors"


def is_expected(exc: BaseException) -> bool:
    """True for errors the app expects and explains (not bugs)."""
    return expected(exc) is not None


def _words() -> dict[ErrorCode, str]:
    """The one sentence of every code, in the current language (built per call: the words follow the
    language chosen at run time; the literal translate calls are what pyside6-lupdate extracts)."""
    return {
        ErrorCode.UNKNOWN_INSTRUMENT: QCoreApplication.translate(
            "errors", "The server does not know this card."
        ),
        ErrorCode.UNKNOWN_SERIES: QCoreApplication.translate(
            "errors", "The server does not know this card series."
        ),
        ErrorCode.UNKNOWN_CUSTOMER: QCoreApplication.translate(
            "errors", "The server does not know this customer."
        ),
        ErrorCode.UNKNOWN_OPERATION: QCoreApplication.translate(
            "errors", "The original operation was not found."
        ),
        ErrorCode.NOT_ACTIVE: QCoreApplication.translate("errors", "This card is not active yet."),
        ErrorCode.BLOCKED: QCoreApplication.translate("errors", "This card is blocked."),
        ErrorCode.EXPIRED: QCoreApplication.translate("errors", "This card has expired."),
        ErrorCode.INSUFFICIENT_FUNDS: QCoreApplication.translate("errors", "Not enough money on the card."),
        ErrorCode.INSUFFICIENT_POINTS: QCoreApplication.translate("errors", "Not enough points on the card."),
        ErrorCode.NOT_ACCEPTED_HERE: QCoreApplication.translate(
            "errors", "This card cannot be used in this store."
        ),
        ErrorCode.NOT_ISSUABLE_HERE: QCoreApplication.translate(
            "errors", "This card cannot be sold in this store."
        ),
        ErrorCode.ALREADY_ISSUED: QCoreApplication.translate(
            "errors", "This card has already been activated."
        ),
        ErrorCode.HAS_TRANSACTIONS: QCoreApplication.translate(
            "errors", "The card has been used since; this cannot be undone."
        ),
        ErrorCode.AUTH_NOT_FOUND: QCoreApplication.translate("errors", "The payment hold was not found."),
        ErrorCode.AUTH_FINAL: QCoreApplication.translate(
            "errors", "This payment hold was already completed or cancelled."
        ),
        ErrorCode.AUTH_EXPIRED: QCoreApplication.translate(
            "errors", "This payment hold has expired; take the payment again."
        ),
        ErrorCode.COUPON_USED: QCoreApplication.translate("errors", "This coupon has already been used."),
        ErrorCode.CURRENCY_MISMATCH: QCoreApplication.translate(
            "errors", "The amount is in another currency than the card."
        ),
        ErrorCode.INVALID_AMOUNT: QCoreApplication.translate(
            "errors", "This amount is not valid for the card."
        ),
        ErrorCode.AMOUNT_OUT_OF_RANGE: QCoreApplication.translate(
            "errors", "The amount is outside the limits of this card series."
        ),
        ErrorCode.INVALID_POINTS: QCoreApplication.translate("errors", "This number of points is not valid."),
        ErrorCode.NOTHING_TO_RETURN: QCoreApplication.translate(
            "errors", "Nothing is left to return for that sale."
        ),
        ErrorCode.ALREADY_REVERSED: QCoreApplication.translate(
            "errors", "That operation was already reversed."
        ),
        ErrorCode.CUSTOMER_EXISTS: QCoreApplication.translate(
            "errors", "A customer with this phone number already exists."
        ),
        ErrorCode.FORBIDDEN: QCoreApplication.translate("errors", "This terminal may not do that."),
        ErrorCode.UNAUTHORIZED: QCoreApplication.translate(
            "errors", "The server does not accept this terminal. Call a technician."
        ),
        ErrorCode.IDEMPOTENCY_MISMATCH: QCoreApplication.translate(
            "errors", "This operation clashes with an earlier one. Start again."
        ),
        # the money rules: with the amounts their details give, see _with_details
        ErrorCode.ORIGINAL_OPERATION_REQUIRED: QCoreApplication.translate(
            "errors",
            "A refund must name the payment it gives back. Goods paid for otherwise are returned as"
            " store credit.",
        ),
        ErrorCode.LOAD_LIMIT_EXCEEDED: QCoreApplication.translate(
            "errors", "This is more than one load may add to a card of this series."
        ),
        ErrorCode.BALANCE_LIMIT_EXCEEDED: QCoreApplication.translate(
            "errors", "The card would hold more than its series allows."
        ),
        ErrorCode.APPROVAL_REQUIRED: QCoreApplication.translate(
            "errors", "This amount needs a manager's approval."
        ),
        ErrorCode.TERMINAL_DAILY_LIMIT: QCoreApplication.translate(
            "errors", "This till has reached its daily limit for activations, loads and refunds."
        ),
        ErrorCode.SAME_CARD: QCoreApplication.translate(
            "errors", "That is the same card: scan the other card."
        ),
        ErrorCode.CUSTOMER_MISMATCH: QCoreApplication.translate(
            "errors", "Only two cards of one customer can be merged. Link both cards to the customer first."
        ),
        ErrorCode.SERIES_MISMATCH: QCoreApplication.translate(
            "errors", "These cards are of different series: nothing can move between them."
        ),
        ErrorCode.HOLD_OPEN: QCoreApplication.translate(
            "errors", "A payment on this card is still on hold. Commit or cancel it first."
        ),
        ErrorCode.NOTHING_TO_TRANSFER: QCoreApplication.translate(
            "errors", "This card holds no money to transfer."
        ),
        ErrorCode.REFUSED: QCoreApplication.translate("errors", "The server refused the operation."),
        # the server away, or not understood
        ErrorCode.UNAVAILABLE: QCoreApplication.translate(
            "errors", "The server cannot be reached. Check the network or try again."
        ),
        ErrorCode.OFFLINE: QCoreApplication.translate(
            "errors", "The server cannot be reached and this operation cannot wait. Try again later."
        ),
        ErrorCode.OUTCOME_UNKNOWN: QCoreApplication.translate(  # kept and checked with the server
            "errors",
            "The server did not answer; the operation may have gone through. Do not repeat it: "
            "it is checked when the server is back, and a manager sees the outcome.",
        ),
        ErrorCode.PROTOCOL_ERROR: QCoreApplication.translate(
            "errors", "The server gave an answer the terminal does not understand. Call a technician."
        ),
        # the operator
        ErrorCode.BAD_PIN: QCoreApplication.translate("errors", "Wrong operator or PIN."),
        ErrorCode.LOCKED_OUT: QCoreApplication.translate(
            "errors", "Too many wrong PINs. This operator is locked out for a while."
        ),
        ErrorCode.NOT_ALLOWED: QCoreApplication.translate("errors", "Not allowed."),
        # the number
        ErrorCode.EMPTY: QCoreApplication.translate("errors", "No number was given."),
        ErrorCode.INVALID_CHARACTERS: QCoreApplication.translate(
            "errors", "The number has characters a card number cannot have."
        ),
        ErrorCode.UNKNOWN_PREFIX: QCoreApplication.translate("errors", "This is not one of our cards."),
        ErrorCode.WRONG_LENGTH: QCoreApplication.translate(
            "errors", "The number is too short or too long. Scan or type it again."
        ),
        ErrorCode.BAD_CHECK_DIGIT: QCoreApplication.translate(
            "errors", "The number is mistyped (check digit). Scan or type it again."
        ),
        ErrorCode.WRONG_KIND: QCoreApplication.translate("errors", "This is a {actual}, not a {expected}."),
        # an amount typed
        ErrorCode.NO_AMOUNT: QCoreApplication.translate("errors", "Type an amount."),
        ErrorCode.NEGATIVE: QCoreApplication.translate("errors", "The amount cannot be negative."),
        ErrorCode.NOT_POSITIVE: QCoreApplication.translate("errors", "The amount must be more than zero."),
        ErrorCode.DECIMALS: QCoreApplication.translate(
            "errors", "Too many decimal places for this currency."
        ),
        ErrorCode.TOO_LARGE: QCoreApplication.translate("errors", "The amount is too large."),
        ErrorCode.DIGIT_GROUPS: QCoreApplication.translate(
            "errors", "Digits after a thousands separator come in groups of three."
        ),
        ErrorCode.AMBIGUOUS: QCoreApplication.translate(
            "errors", "The amount can be read two ways: type the decimals with a comma."
        ),
        ErrorCode.NOT_WHOLE_POINTS: QCoreApplication.translate("errors", "Points are a whole number."),
        ErrorCode.NO_BASKET: QCoreApplication.translate("errors", "Type the amount of the sale."),
        ErrorCode.OTHER_CURRENCY: QCoreApplication.translate("errors", "The amount is in another currency."),
        ErrorCode.UNSUPPORTED_CURRENCY: QCoreApplication.translate(
            "errors", "The amount is in another currency."
        ),
        ErrorCode.NOT_AN_AMOUNT: QCoreApplication.translate("errors", "This is not an amount."),
        # devices and set-up
        ErrorCode.PAPER_OUT: QCoreApplication.translate("errors", "The printer is out of paper."),
        ErrorCode.COVER_OPEN: QCoreApplication.translate("errors", "The printer cover is open."),
        ErrorCode.PRINTER_OFFLINE: QCoreApplication.translate(
            "errors", "The printer cannot be reached. Check that it is on and connected."
        ),
        ErrorCode.PRINTER_SETTINGS: QCoreApplication.translate(
            "errors", "The printer settings are wrong. Call a technician."
        ),
        ErrorCode.PRINT_FAILED: QCoreApplication.translate("errors", "Printing failed."),
        ErrorCode.SETUP: QCoreApplication.translate(
            "errors", "The terminal's settings are wrong. Call a technician."
        ),
    }


def _with_details(error: Expected, words: Mapping[ErrorCode, str]) -> str | None:
    """The sentence of a code whose words depend on its details (None: the table's own)."""
    code, details = error.code, error.details
    if code is ErrorCode.FORBIDDEN and "authCode" in details:
        return QCoreApplication.translate(
            "errors",
            "This payment hold was placed by another store; only that store can finish or cancel it.",
        )
    if code is ErrorCode.FORBIDDEN and details.get("role"):
        return QCoreApplication.translate("errors", "Your role may not do this.")
    if code is ErrorCode.APPROVAL_REQUIRED and "action" in details:  # the terminal's own rule
        return QCoreApplication.translate("errors", "This needs a manager's approval.")
    if code is ErrorCode.WRONG_KIND:
        return words[code].format(
            actual=kind_name(details["actual"]), expected=kind_name(details["expected"])
        )
    if code is ErrorCode.OUTCOME_UNKNOWN and details.get("notPaid"):
        return not_paid_words()
    if code is ErrorCode.OFFLINE and details.get("overridable"):
        return _offline_limit_words(details) or QCoreApplication.translate(
            "errors",
            "The server cannot be reached and this is over the offline limit. A manager may allow it.",
        )
    if code is ErrorCode.UNAVAILABLE and details.get("status") == 429:
        return QCoreApplication.translate("errors", "The server is busy. Try again in a moment.")
    if code is ErrorCode.UNAVAILABLE and details.get("maybeApplied"):
        return QCoreApplication.translate(
            "errors",
            "The server did not answer in time. The operation may have gone through; check the balance.",
        )
    return _money_rule_words(code, details)


def _money_rule_words(code: ErrorCode, details: Mapping[str, Any]) -> str | None:
    """The money rules' refusals with the amounts their details give (None: no such details)."""

    def amount(key: str) -> str | None:
        try:
            return format_amount(Decimal(str(details[key])), "", QLocale().name())
        except (KeyError, ArithmeticError, ValueError):
            return None

    if code is ErrorCode.LOAD_LIMIT_EXCEEDED and (most := amount("maxLoad")):
        return QCoreApplication.translate("errors", "One load on this card may add at most {amount}.").format(
            amount=most
        )
    if (
        code is ErrorCode.BALANCE_LIMIT_EXCEEDED
        and (most := amount("maxBalance"))
        and (room := amount("amountAllowed"))
    ):
        return QCoreApplication.translate(
            "errors", "This card may hold at most {most}; at most {room} more can be added."
        ).format(most=most, room=room)
    if code is ErrorCode.INSUFFICIENT_POINTS and (worth := amount("balanceValue")):
        return QCoreApplication.translate(
            "errors", "Not enough points on the card: {points} available, worth {worth}."
        ).format(points=details.get("balance", 0), worth=worth)
    if code is ErrorCode.TERMINAL_DAILY_LIMIT and (left := amount("amountLeft")):
        return QCoreApplication.translate(
            "errors",
            "This till has reached its daily limit for activations, loads and refunds; {left} is left today.",
        ).format(left=left)
    return None


def _offline_limit_words(details: Mapping[str, Any]) -> str:
    """Which soft offline limit was passed, with its amount, and that a manager may allow it ("" when
    the decision names no limit). Money in the app's current locale."""
    locale = QLocale().name()  # follows the app's language (ui.i18n sets the default)
    currency = details.get("currency")
    cap, points_cap, room = details.get("cap"), details.get("pointsCap"), details.get("room")

    def amount(value: Decimal) -> str:
        return format_money(value, currency or "", locale) if currency else str(value)

    if details.get("limit") == "per_operation" and cap is not None:
        return QCoreApplication.translate(
            "errors",
            "Offline, this card series allows at most {cap} per operation. A manager may allow more.",
        ).format(cap=amount(cap))
    if details.get("limit") == "per_operation" and points_cap is not None:
        return QCoreApplication.translate(
            "errors",
            "Offline, this card series allows at most {points} points per operation. "
            "A manager may allow more.",
        ).format(points=points_cap)
    if details.get("limit") == "outstanding" and cap is not None:
        return QCoreApplication.translate(
            "errors",
            "Offline, this till may keep at most {cap} waiting for the server ({room} left). "
            "A manager may allow more.",
        ).format(cap=amount(cap), room=amount(room or Decimal(0)))
    return ""


def kind_name(kind: Kind) -> str:
    """The translated name of an instrument kind ("gift card")."""
    return {
        Kind.GIFTCARD: QCoreApplication.translate("errors", "gift card"),
        Kind.STORECREDIT: QCoreApplication.translate("errors", "store credit"),
        Kind.COUPON: QCoreApplication.translate("errors", "coupon"),
        Kind.LOYALTYCARD: QCoreApplication.translate("errors", "loyalty card"),
    }[kind]


def refusal_words(code: str | None) -> str | None:
    """The sentence for a refusal ``code`` (in the current language); None for a code this terminal
    does not know (show the server's own text then, or a general sentence)."""
    try:
        return _words()[ErrorCode(code or "")]
    except ValueError:
        return None


def not_paid_words() -> str:
    """The one message for a payment hold the server did not confirm (its answer was lost, or the
    cashier stopped waiting): the sale must not go on as paid."""
    return QCoreApplication.translate(
        "errors",
        "The payment was not confirmed by the server: it is NOT paid. Take another payment method. "
        "If the card was charged, the terminal gives the amount back by itself.",
    )


def words_for(error: Expected) -> str:
    """The one plain, translated sentence for an expected error."""
    words = _words()
    return _with_details(error, words) or words[error.code]


def describe_error(exc: BaseException) -> str:
    """One plain, translated sentence for ``exc``; "something went wrong" for a bug."""
    error = expected(exc)
    if error is None:
        return QCoreApplication.translate(
            "errors", "Something went wrong. The details were saved for a technician."
        )
    return words_for(error)
