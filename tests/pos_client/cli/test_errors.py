"""The one mapping of expected failures to messages, JSON and exit codes (docs/ARCHITECTURE.md#cli), including
those the reference server cannot easily be made to produce; and a bug still gets a crash report."""

from __future__ import annotations

import argparse
import importlib
import io
from pathlib import Path

import pytest

from pos_client.api.errors import ProtocolError, Refused, Unauthorized, Unavailable
from pos_client.catalogue import Identification, Reason
from pos_client.cli.context import CliContext
from pos_client.cli.errors import expected_error
from pos_client.cli.output import CliError, ExitCode, Output
from pos_client.config import ConfigError
from pos_client.domain import Kind
from pos_client.money import MoneyError
from pos_client.offline import OfflineRefused
from pos_client.offline_policy import Decision, Verdict
from pos_client.secrets import SecretError
from pos_client.security import ApprovalRequired, BadPin, Forbidden, LockedOut
from pos_client.service import IdentificationError, WrongKind

cli_main = importlib.import_module("pos_client.cli.main")  # the package re-exports main(): get the module


def _ctx() -> CliContext:
    return CliContext(None, Output(as_json=True, stdout=io.StringIO(), stderr=io.StringIO()))


@pytest.mark.parametrize(
    ("exc", "exit_code", "code"),
    [
        (Refused("INSUFFICIENT_FUNDS", "Not enough money."), ExitCode.REFUSED, "INSUFFICIENT_FUNDS"),
        (
            IdentificationError(Identification("1", None, Reason.BAD_CHECK_DIGIT)),
            ExitCode.REFUSED,
            "BAD_CHECK_DIGIT",
        ),
        (WrongKind(Kind.COUPON, Kind.GIFTCARD), ExitCode.REFUSED, "WRONG_KIND"),
        (
            ApprovalRequired("giftcard.block needs a manager", "giftcard.block"),
            ExitCode.REFUSED,
            "APPROVAL_REQUIRED",
        ),
        (BadPin("unknown operator or wrong PIN"), ExitCode.REFUSED, "BAD_PIN"),
        (LockedOut("locked out for 300 s", 0.0), ExitCode.REFUSED, "LOCKED_OUT"),
        (Forbidden("a technician may not run pay"), ExitCode.REFUSED, "FORBIDDEN"),
        (Unavailable("cannot connect", maybe_applied=False), ExitCode.UNAVAILABLE, "UNAVAILABLE"),
        (
            OfflineRefused("offline: not allowed", Decision(Verdict.REFUSE, "no"), maybe_applied=False),
            ExitCode.UNAVAILABLE,
            "OFFLINE",
        ),
        (
            OfflineRefused("the server did not answer", None, maybe_applied=True),
            ExitCode.UNAVAILABLE,
            "OUTCOME_UNKNOWN",
        ),
        (ProtocolError("account: missing"), ExitCode.UNAVAILABLE, "PROTOCOL_ERROR"),
        (Unauthorized("401"), ExitCode.USAGE, "UNAUTHORIZED"),
    ],
)
def test_operation_failures_are_refusals_with_a_code(exc: Exception, exit_code: ExitCode, code: str) -> None:
    error = expected_error(exc, _ctx())
    assert error is not None
    assert error.exit_code is exit_code
    assert error.data is not None
    assert error.data["state"] == "refused" and error.data["error"]["code"] == code
    assert error.data["error"]["message"] and code in error.message


def test_an_overridable_offline_refusal_says_a_manager_may_allow_it() -> None:
    exc = OfflineRefused(
        "offline: the amount is limited to 100.00", Decision(Verdict.OVERRIDABLE, "x"), maybe_applied=False
    )
    error = expected_error(exc, _ctx())
    assert error is not None and error.data is not None
    assert error.data["overridable"] is True and "--manager" in error.message


@pytest.mark.parametrize("exc", [ConfigError("t.toml: server.url: bad"), SecretError("no POS token")])
def test_configuration_problems_are_usage_errors_naming_the_file_and_key(exc: Exception) -> None:
    error = expected_error(exc, _ctx())
    assert error is not None and error.exit_code is ExitCode.USAGE and str(exc) in error.message


def test_a_mistyped_amount_is_a_usage_error_in_the_words_of_its_code() -> None:
    error = expected_error(MoneyError("'x' is not an amount", "NOT_AN_AMOUNT"), _ctx())
    assert error is not None and error.exit_code is ExitCode.USAGE and error.data is None
    assert error.message == "this is not an amount, e.g. --amount 12.50"


def test_a_bug_is_not_an_expected_error() -> None:
    assert expected_error(KeyError("oops"), _ctx()) is None
    assert expected_error(CliError("x", ExitCode.REFUSED), _ctx()) is not None


def test_a_bug_in_a_command_gives_a_crash_report_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def broken(args: argparse.Namespace, ctx: CliContext) -> int:
        raise KeyError("a bug")

    saved: list[str] = []

    def save(self: CliContext, text: str) -> Path:
        saved.append(text)
        return tmp_path / "crash.txt"

    monkeypatch.setattr(CliContext, "save_crash_report", save)
    monkeypatch.setattr("pos_client.cli.commands.terminal.run", broken)  # bound when the parser is built
    assert cli_main.main(["terminal"]) == 70
    err = capsys.readouterr().err
    assert "something went wrong" in err and "crash.txt" in err and "Traceback" not in err
    assert "KeyError" in saved[0]


def test_usage_errors_and_help_return_instead_of_exiting(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main.main(["giftcard", "pay"]) == 2
    assert cli_main.main(["--help"]) == 0
    assert cli_main.main([]) == 2
