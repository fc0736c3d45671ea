"""Expected errors carry stable codes (pos_client.errors), and the command line words every code from
its one table, in English and in Polish (the app's table: tests/ui/test_error_codes.py)."""

from __future__ import annotations

from typing import Any

import pytest

from drivers.printers.status import PaperOut, PrinterError
from offline_queue import OutboxError
from pos_client.api.errors import ProtocolError, Refused, Unauthorized, Unavailable
from pos_client.catalogue import Identification, Reason
from pos_client.cli.errors import WORDS, exit_code, words
from pos_client.cli.output import ExitCode
from pos_client.config import ConfigError
from pos_client.domain import Kind
from pos_client.errors import ErrorCode, Expected, expected
from pos_client.i18n import use_language
from pos_client.money import MoneyError
from pos_client.offline import OfflineRefused, PaymentNotConfirmed
from pos_client.offline_policy import Decision, Verdict
from pos_client.security import ApprovalRequired, BadPin, Forbidden, LockedOut
from pos_client.service import CurrencyMismatch, IdentificationError, WrongKind


def sample(code: ErrorCode) -> Expected:
    """An expected error of ``code`` with the details its words may name."""
    details: dict[str, Any] = {
        ErrorCode.WRONG_KIND: {"actual": Kind.COUPON, "expected": Kind.GIFTCARD},
        ErrorCode.CURRENCY_MISMATCH: {"cardCurrency": "EUR", "tillCurrency": "PLN"},
        ErrorCode.LOAD_LIMIT_EXCEEDED: {"maxLoad": "500.00"},
        ErrorCode.BALANCE_LIMIT_EXCEEDED: {
            "maxBalance": "1000.00",
            "amountNet": "900",
            "amountAllowed": "100",
        },
        ErrorCode.APPROVAL_REQUIRED: {"approvalThreshold": "200.00"},
        ErrorCode.TERMINAL_DAILY_LIMIT: {"dailyCap": "5000.00", "amountLeft": "0.00"},
    }.get(code, {})
    return Expected(code, details, "t.toml: server.url: bad" if code is ErrorCode.SETUP else "")


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (Refused("BLOCKED", "This card is blocked."), ErrorCode.BLOCKED),
        (CurrencyMismatch("EUR", "PLN"), ErrorCode.CURRENCY_MISMATCH),
        (Unavailable("timed out", maybe_applied=True), ErrorCode.UNAVAILABLE),
        (
            OfflineRefused("offline: no", Decision(Verdict.REFUSE, "no"), maybe_applied=False),
            ErrorCode.OFFLINE,
        ),
        (OfflineRefused("no answer", None, maybe_applied=True), ErrorCode.OUTCOME_UNKNOWN),
        (PaymentNotConfirmed("not paid"), ErrorCode.OUTCOME_UNKNOWN),
        (Unauthorized("401"), ErrorCode.UNAUTHORIZED),
        (ProtocolError("account: missing"), ErrorCode.PROTOCOL_ERROR),
        (MoneyError("'x' is not an amount", "NOT_AN_AMOUNT"), ErrorCode.NOT_AN_AMOUNT),
        (BadPin("x"), ErrorCode.BAD_PIN),
        (LockedOut("x", 0.0), ErrorCode.LOCKED_OUT),
        (ApprovalRequired("x", "giftcard.block"), ErrorCode.APPROVAL_REQUIRED),
        (Forbidden("x"), ErrorCode.FORBIDDEN),
        (IdentificationError(Identification("1", None, Reason.BAD_CHECK_DIGIT)), ErrorCode.BAD_CHECK_DIGIT),
        (WrongKind(Kind.GIFTCARD, Kind.COUPON), ErrorCode.WRONG_KIND),
        (PaperOut("paper"), ErrorCode.PAPER_OUT),
        (PrinterError("x"), ErrorCode.PRINT_FAILED),
        (ConfigError("t.toml: server.url: bad"), ErrorCode.SETUP),
        (OutboxError("newer schema"), ErrorCode.SETUP),
    ],
)
def test_each_expected_error_has_its_code_by_its_type(exc: BaseException, code: ErrorCode) -> None:
    error = expected(exc)
    assert error is not None and error.code is code


def test_the_english_text_of_an_error_plays_no_part_in_its_code() -> None:
    # The same words as a decimals error, but the code says "not an amount": the code wins.
    error = expected(MoneyError("PLN has 2 decimal places; '1.234' has more", "NOT_AN_AMOUNT"))
    assert error is not None and error.code is ErrorCode.NOT_AN_AMOUNT


def test_a_refusal_code_the_terminal_does_not_know_keeps_its_own_code_on_the_wire() -> None:
    error = expected(Refused("SOMETHING_NEW", "The server's words."))
    assert error is not None and error.code is ErrorCode.REFUSED and error.wire_code == "SOMETHING_NEW"


def test_a_bug_has_no_code() -> None:
    assert expected(KeyError("number")) is None


@pytest.mark.parametrize("code", list(ErrorCode))
def test_the_command_line_words_every_code_in_english_and_polish(code: ErrorCode) -> None:
    assert code in WORDS
    english = words(sample(code))
    with use_language("pl"):
        polish = words(sample(code))
    assert english and "{" not in english and code.value not in english
    assert polish != english, f"{code}: no Polish words"


def test_money_rules_name_their_amounts_in_the_command_line() -> None:
    error = Expected(ErrorCode.LOAD_LIMIT_EXCEEDED, {"maxLoad": "500.00"})
    assert (
        words(error, lambda amount: f"{amount:.2f} zł") == "one load on this card may add at most 500.00 zł"
    )


def test_exit_codes_by_code_follow_the_readme() -> None:
    assert exit_code(ErrorCode.BLOCKED) is ExitCode.REFUSED
    assert exit_code(ErrorCode.OFFLINE) is exit_code(ErrorCode.OUTCOME_UNKNOWN) is ExitCode.UNAVAILABLE
    assert exit_code(ErrorCode.UNAUTHORIZED) is exit_code(ErrorCode.DECIMALS) is ExitCode.USAGE


def test_a_money_rule_without_its_amounts_keeps_the_servers_words() -> None:
    error = Expected(ErrorCode.LOAD_LIMIT_EXCEEDED, {}, "This load is more than the series allows.")
    assert words(error) == "This load is more than the series allows."
