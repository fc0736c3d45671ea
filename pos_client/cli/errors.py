"""The command line's one table from error code to words, and the exit code of each expected error.

The core says which failures are expected and gives each a stable code
(:func:`pos_client.errors.expected`); this module words each code for a person at the terminal, in
the terminal's language (gettext, :mod:`pos_client.i18n`), and picks the exit code (README, *Command
line*): refusals exit 1 with ``state: refused`` and ``error.code``; a server that cannot be reached
(and an operation that may not wait offline) exits 3; problems of configuration, token or input exit
2. The app has its own table for the same codes (``ui/errors.py``). Nothing here reads an error's
English text; a few words name the error's details (amounts, the offline limit's reason, the file and
key of a broken configuration).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from pos_client import money
from pos_client.cli.context import MANAGER_PIN_ENV, CliContext
from pos_client.cli.output import CliError, ExitCode, refused_json
from pos_client.errors import AMOUNT_CODES, ErrorCode, Expected, expected
from pos_client.i18n import N_
from pos_client.i18n import gettext as _
from pos_client.words import kind_name

#: Every code in words; ``{fields}`` come from the error's details (amounts in the till's currency),
#: ``{message}`` is the error's own text where that is the precise detail (a broken file and key).
WORDS: Mapping[ErrorCode, str] = {
    # -- the server's refusals --
    ErrorCode.UNKNOWN_INSTRUMENT: N_("the server does not know this card"),
    ErrorCode.UNKNOWN_SERIES: N_("the server does not know this card series"),
    ErrorCode.UNKNOWN_CUSTOMER: N_("the server does not know this customer"),
    ErrorCode.UNKNOWN_OPERATION: N_("the original operation was not found on this card"),
    ErrorCode.NOT_ACTIVE: N_("this card is not active"),
    ErrorCode.BLOCKED: N_("this card is blocked"),
    ErrorCode.EXPIRED: N_("this card has expired"),
    ErrorCode.INSUFFICIENT_FUNDS: N_("not enough money on the card"),
    ErrorCode.INSUFFICIENT_POINTS: N_("not enough points on the card"),
    ErrorCode.NOT_ACCEPTED_HERE: N_("this card is not accepted at this store"),
    ErrorCode.NOT_ISSUABLE_HERE: N_("this card cannot be sold or issued at this store"),
    ErrorCode.ALREADY_ISSUED: N_("this card has already been activated"),
    ErrorCode.HAS_TRANSACTIONS: N_("the card has been used since; this cannot be undone"),
    ErrorCode.AUTH_NOT_FOUND: N_("the payment hold was not found"),
    ErrorCode.AUTH_FINAL: N_("this payment hold was already committed or cancelled"),
    ErrorCode.AUTH_EXPIRED: N_("this payment hold has expired; take the payment again"),
    ErrorCode.COUPON_USED: N_("this coupon has already been used"),
    ErrorCode.CURRENCY_MISMATCH: N_("This card is in {cardCurrency}; this till takes {tillCurrency}."),
    ErrorCode.INVALID_AMOUNT: N_("this amount is not valid for the card"),
    ErrorCode.AMOUNT_OUT_OF_RANGE: N_("the amount is outside the limits of this card series"),
    ErrorCode.INVALID_POINTS: N_("this number of points is not valid"),
    ErrorCode.NOTHING_TO_RETURN: N_(
        "nothing is left to reverse of that operation (already refunded or voided, not a committed"
        " payment, or an activation: use `giftcard unissue`)"
    ),
    ErrorCode.ALREADY_REVERSED: N_("that operation has already been reversed"),
    ErrorCode.CUSTOMER_EXISTS: N_("a customer with this phone number already exists"),
    ErrorCode.FORBIDDEN: N_("this terminal may not do that"),
    ErrorCode.UNAUTHORIZED: N_(
        "the server does not accept this terminal's token (revoked, or not this server's): pair the till"
        " again with a new code from the back office (`loyalty-pos config pair --server URL --code CODE`),"
        " or run `loyalty-pos config init` with the right token file"
    ),
    ErrorCode.IDEMPOTENCY_MISMATCH: N_("this operation clashes with an earlier one; start again"),
    ErrorCode.ORIGINAL_OPERATION_REQUIRED: N_(
        "a refund must name the payment it gives back (--original OPERATION_ID); goods paid for"
        " otherwise are returned as store credit: `loyalty-pos storecredit issue`"
    ),
    ErrorCode.LOAD_LIMIT_EXCEEDED: N_("one load on this card may add at most {maxLoad}"),
    ErrorCode.BALANCE_LIMIT_EXCEEDED: N_(
        "this card may hold at most {maxBalance}; it holds {amountNet}, so at most {amountAllowed} more"
        " can be added"
    ),
    ErrorCode.APPROVAL_REQUIRED: N_(
        "an amount above {approvalThreshold} needs a manager's approval: give --manager ID with --pin"
        " or $LOYALTY_POS_MANAGER_PIN"
    ),
    ErrorCode.TERMINAL_DAILY_LIMIT: N_(
        "this till has reached its daily limit of money created by activations, loads and refunds"
        " ({dailyCap}); {amountLeft} is left today"
    ),
    ErrorCode.SAME_CARD: N_("the card to move to must be another card"),
    ErrorCode.CUSTOMER_MISMATCH: N_(
        "only two cards of one customer can be merged: link both cards to the customer first"
        " (`loyalty-pos customer link`)"
    ),
    ErrorCode.SERIES_MISMATCH: N_(
        "these cards are of different series (or their points are worth different amounts): nothing"
        " can move between them"
    ),
    ErrorCode.HOLD_OPEN: N_("a payment on this card is still on hold: commit or cancel it first"),
    ErrorCode.NOTHING_TO_TRANSFER: N_("this card holds no money to transfer"),
    ErrorCode.REFUSED: N_("the server refused the operation: {message}"),
    # -- the server away, or not understood --
    ErrorCode.UNAVAILABLE: N_("the server cannot be reached or did not answer ({message})"),
    ErrorCode.OFFLINE: N_("the server cannot be reached and this operation may not wait offline"),
    ErrorCode.OUTCOME_UNKNOWN: N_(
        "the server did not answer; the operation may have been applied. It is kept and will be "
        "checked when the server is back (do not repeat it; a manager will see the outcome)"
    ),
    ErrorCode.PROTOCOL_ERROR: N_("the server's answer does not match the contract: {message}"),
    # -- the operator --
    ErrorCode.BAD_PIN: N_("unknown operator or wrong PIN"),
    ErrorCode.LOCKED_OUT: N_("too many wrong PINs: this operator is locked out for a while"),
    ErrorCode.NOT_ALLOWED: N_("not allowed"),
    # -- the number --
    ErrorCode.EMPTY: N_("no number given"),
    ErrorCode.INVALID_CHARACTERS: N_("the number holds characters no card has"),
    ErrorCode.UNKNOWN_PREFIX: N_("no card series starts like this number"),
    ErrorCode.WRONG_LENGTH: N_("the number has the wrong length for its series"),
    ErrorCode.BAD_CHECK_DIGIT: N_("the check digit is wrong (mistyped or misread?)"),
    ErrorCode.WRONG_KIND: N_("this is a {actual}, not a {expected}"),
    # -- an amount given --
    ErrorCode.NO_AMOUNT: N_("no amount given: --amount 12.50"),
    ErrorCode.NEGATIVE: N_("the amount must not be negative"),
    ErrorCode.NOT_POSITIVE: N_("the amount must be more than zero"),
    ErrorCode.DECIMALS: N_("too many decimal places for this currency"),
    ErrorCode.TOO_LARGE: N_("the amount is too large"),
    ErrorCode.DIGIT_GROUPS: N_("digits after a thousands separator come in groups of three"),
    ErrorCode.AMBIGUOUS: N_("the amount can be read two ways: write the decimals with a point, e.g. 12.50"),
    ErrorCode.NOT_WHOLE_POINTS: N_("points are a whole number"),
    ErrorCode.NO_BASKET: N_("give the basket amount or its lines"),
    ErrorCode.OTHER_CURRENCY: N_("the amount is in another currency than the till's"),
    ErrorCode.UNSUPPORTED_CURRENCY: N_("this currency is not supported"),
    ErrorCode.NOT_AN_AMOUNT: N_("this is not an amount, e.g. --amount 12.50"),
    # -- devices and set-up --
    ErrorCode.PAPER_OUT: N_("the printer is out of paper"),
    ErrorCode.COVER_OPEN: N_("the printer cover is open"),
    ErrorCode.PRINTER_OFFLINE: N_("the printer cannot be reached: check that it is on and connected"),
    ErrorCode.PRINTER_SETTINGS: N_("the printer settings are wrong: check --printer and [printer]"),
    ErrorCode.PRINT_FAILED: N_("printing failed"),
    ErrorCode.SETUP: N_("the terminal is not set up: {message}"),
}

# Words that depend on more than the code.
HOLD_OF_ANOTHER_STORE = N_(
    "this payment hold was placed by another store; only that store can commit or cancel it"
)
ROLE_MAY_NOT = N_("your role may not do this")
NEEDS_A_MANAGER = N_("{action} needs a manager's approval: give --manager NAME with --pin or ${env}")
OFFLINE_BECAUSE = N_("the server cannot be reached and this operation may not wait offline: {reason}")
MANAGER_MAY_ALLOW = N_(" (a manager may allow it: --manager NAME --pin PIN)")
NOT_PAID = N_(
    "the payment could not be confirmed with the server: it is NOT paid, take another payment "
    "method (if the card was charged, the terminal releases the amount by itself)"
)
POINTS_AVAILABLE = N_("not enough points on the card: {points} available, worth {worth}")
EMPTY_CATALOGUE = N_("; the series list is empty: run `loyalty-pos series sync`")

#: Exit codes other than 1 (refused).
UNAVAILABLE_CODES = frozenset(
    {
        ErrorCode.UNAVAILABLE,
        ErrorCode.OFFLINE,
        ErrorCode.OUTCOME_UNKNOWN,
        ErrorCode.PROTOCOL_ERROR,
        ErrorCode.PAPER_OUT,
        ErrorCode.COVER_OPEN,
        ErrorCode.PRINTER_OFFLINE,
        ErrorCode.PRINT_FAILED,
    }
)
USAGE_CODES = frozenset({ErrorCode.UNAUTHORIZED, ErrorCode.SETUP, ErrorCode.PRINTER_SETTINGS, *AMOUNT_CODES})
#: Usage errors that are not refusals of an operation: no ``state: refused`` object.
PLAIN_CODES = frozenset({ErrorCode.SETUP, *AMOUNT_CODES})


def words(error: Expected, money_words: Callable[[Decimal], str] = str) -> str:
    """``error`` in the terminal's language.

    Args:
        error: the expected error.
        money_words: an amount of its details in words (the till's currency and locale).
    """
    details = error.details
    if error.code is ErrorCode.FORBIDDEN and "authCode" in details:
        return _(HOLD_OF_ANOTHER_STORE)
    if error.code is ErrorCode.FORBIDDEN and details.get("role"):
        return _(ROLE_MAY_NOT)
    if error.code is ErrorCode.APPROVAL_REQUIRED and "action" in details:  # the terminal's own rule
        return _(NEEDS_A_MANAGER).format(action=details["action"], env=MANAGER_PIN_ENV)
    if error.code is ErrorCode.OUTCOME_UNKNOWN and details.get("notPaid"):
        return _(NOT_PAID)
    if error.code is ErrorCode.OFFLINE:
        text = _(OFFLINE_BECAUSE).format(reason=details["reason"]) if details.get("reason") else None
        text = text or _(WORDS[error.code])
        return text + _(MANAGER_MAY_ALLOW) if details.get("overridable") else text
    if error.code is ErrorCode.WRONG_KIND:
        return _(WORDS[error.code]).format(
            actual=kind_name(details["actual"]), expected=kind_name(details["expected"])
        )
    if error.code is ErrorCode.INSUFFICIENT_POINTS and "balanceValue" in details:
        try:
            worth = money_words(Decimal(str(details["balanceValue"])))
        except (ArithmeticError, ValueError, money.MoneyError):
            worth = str(details["balanceValue"])
        return _(POINTS_AVAILABLE).format(points=details.get("balance", 0), worth=worth)
    return _fill(_(WORDS[error.code]), error, money_words)


def _fill(template: str, error: Expected, money_words: Callable[[Decimal], str]) -> str:
    """``template`` with the error's message and its details (amounts as money words)."""
    fields: dict[str, Any] = {"message": error.message}
    for key, value in error.details.items():
        try:
            fields[key] = money_words(Decimal(str(value)))
        except (ArithmeticError, ValueError, money.MoneyError):
            fields[key] = str(value)
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError):  # details without the amount the words name
        return error.message or template.split(":")[0]


def exit_code(code: ErrorCode) -> ExitCode:
    """The exit code of an expected error (README, *Command line*)."""
    if code in UNAVAILABLE_CODES:
        return ExitCode.UNAVAILABLE
    if code in USAGE_CODES:
        return ExitCode.USAGE
    return ExitCode.REFUSED


def expected_error(exc: BaseException, ctx: CliContext) -> CliError | None:
    """The message and exit code of an *expected* failure; None for a bug."""
    if isinstance(exc, CliError):
        return exc
    error = expected(exc)
    if error is None:
        return None
    text = words(error, ctx.money_words)
    if error.code is ErrorCode.UNKNOWN_PREFIX and ctx.catalogue_empty():
        text += _(EMPTY_CATALOGUE)
    if error.code in PLAIN_CODES:
        return CliError(text, exit_code(error.code))
    extra: dict[str, Any] = {}
    if error.code is ErrorCode.OFFLINE:
        extra["overridable"] = bool(error.details.get("overridable"))
    code = error.wire_code
    return CliError(
        f"{text} ({code})", exit_code(error.code), refused_json(code, text, ctx.last_operation_id(), **extra)
    )
