"""What command handlers share: output, configuration, the lazily built core, and the one mapping
of expected errors to messages and exit codes.

Construction is lazy so that commands that need none of it (``server``, ``--help``, ``printer
emulate``) stay fast: ``config()`` loads the file, ``core()`` builds the terminal core with
:func:`pos_client.assembly.build_core` (no network), ``service()`` and ``offline_gateway()`` are parts
of it.

Who runs CLI operations: a cashier, recorded as ``[cli] operator_id``. No configuration grants more
(the old ``[cli] operator_role`` is ignored with a warning). What needs a manager — sensitive
operations, the offline queue's retry/park/ack, reprinting a slip that carries a whole card number —
is signed by one: ``--manager ID`` with ``--pin PIN`` or ``$LOYALTY_POS_MANAGER_PIN`` (a PIN on the
command line is visible to other users of the machine; prefer the variable). The service checks the
PIN and the role (a wrong PIN or a lock-out is audited). The same approval lets an operation past a
soft offline limit (audited as an override).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from offline_queue import OutboxError
from pos_client import money
from pos_client.api.errors import ApiError, ProtocolError, Refused, Unauthorized, Unavailable
from pos_client.assembly import Core, build_core
from pos_client.catalogue import Reason
from pos_client.cli.output import ExitCode, Output, refused_json
from pos_client.config import Config, ConfigError, load
from pos_client.domain import DayReport, Instrument, Kind, OperationResult
from pos_client.i18n import N_, language_of, set_language
from pos_client.i18n import gettext as _
from pos_client.offline import OfflineRefused, QueuedGateway
from pos_client.secrets import SecretError
from pos_client.security import (
    Approval,
    ApprovalRequired,
    BadPin,
    Forbidden,
    LockedOut,
)
from pos_client.service import IdentificationError, LoyaltyService, WrongKind

MANAGER_PIN_ENV = "LOYALTY_POS_MANAGER_PIN"

# Why a number cannot be used, in the words a cashier understands.
REASON_TEXT = {
    Reason.EMPTY: N_("no number given"),
    Reason.INVALID_CHARACTERS: N_("the number holds characters no card has"),
    Reason.UNKNOWN_PREFIX: N_("no card series starts like this number"),
    Reason.WRONG_LENGTH: N_("the number has the wrong length for its series"),
    Reason.BAD_CHECK_DIGIT: N_("the check digit is wrong (mistyped or misread?)"),
    Reason.NOT_ACCEPTED_HERE: N_("this card is not accepted at this store"),
    Reason.NOT_ISSUABLE_HERE: N_("this card cannot be sold or issued at this store"),
}


# The money rules' refusals (the server's, or the terminal's own with the same codes), in plain words;
# ``{fields}`` come from the refusal's details (amounts in the till's currency). Other codes keep the
# message they came with.
REFUSAL_TEXT = {
    "ORIGINAL_OPERATION_REQUIRED": N_(
        "a refund must name the payment it gives back (--original OPERATION_ID); goods paid for"
        " otherwise are returned as store credit: `loyalty-pos storecredit issue`"
    ),
    "LOAD_LIMIT_EXCEEDED": N_("one load on this card may add at most {maxLoad}"),
    "BALANCE_LIMIT_EXCEEDED": N_(
        "this card may hold at most {maxBalance}; it holds {amountNet}, so at most {amountAllowed} more"
        " can be added"
    ),
    "APPROVAL_REQUIRED": N_(
        "an amount above {approvalThreshold} needs a manager's approval: give --manager ID with --pin"
        " or $LOYALTY_POS_MANAGER_PIN"
    ),
    "TERMINAL_DAILY_LIMIT": N_(
        "this till has reached its daily limit of money created by activations, loads and refunds"
        " ({dailyCap}); {amountLeft} is left today"
    ),
    "ALREADY_REVERSED": N_("that operation has already been reversed"),
    "NOTHING_TO_RETURN": N_(
        "nothing is left to reverse of that operation (already refunded or voided, not a committed"
        " payment, or an activation: use `giftcard unissue`)"
    ),
}
# 403 FORBIDDEN on a hold (its details name the authCode): another store placed it.
HOLD_OF_ANOTHER_STORE = N_(
    "this payment hold was placed by another store; only that store can commit or cancel it"
)


def refusal_text(exc: Refused, money_words: Callable[[Decimal], str]) -> str:
    """The plain words for a refusal of the money rules; the refusal's own message otherwise.

    Args:
        exc: the refusal.
        money_words: an amount of its details in words (the till's currency and locale).
    """
    if exc.code == "FORBIDDEN" and "authCode" in exc.details:
        return _(HOLD_OF_ANOTHER_STORE)
    template = REFUSAL_TEXT.get(exc.code)
    if template is None:
        return exc.message or exc.code
    fields: dict[str, str] = {}
    for key, value in exc.details.items():
        try:
            fields[key] = money_words(Decimal(str(value)))
        except (ArithmeticError, ValueError, money.MoneyError):
            fields[key] = str(value)
    try:
        return _(template).format(**fields)
    except (KeyError, IndexError, ValueError):  # details without an amount the words name
        return exc.message or _(template).split(":")[0]


class CliError(Exception):
    """An expected failure with a message for the user and an exit code (never a traceback).

    Args:
        message: plain words for the person at the terminal.
        exit_code: one of :class:`ExitCode`.
        data: with ``--json``, the object to print on stdout (e.g. ``{"state": "refused", ...}``).
    """

    def __init__(
        self, message: str, exit_code: ExitCode = ExitCode.USAGE, data: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.data = data


class CliContext:
    """Shared state of one CLI invocation."""

    def __init__(self, config_path: Path | None, out: Output) -> None:
        self.config_path = config_path
        self.out = out
        self._closers: list[Callable[[], None]] = []
        self._config: Config | None = None
        self._core: Core | None = None

    # -- lifetime ---------------------------------------------------------------------------------

    def on_close(self, closer: Callable[[], None]) -> None:
        """Register something to release when the command ends (clients, databases, devices)."""
        self._closers.append(closer)

    def close(self) -> None:
        """Release everything registered with :meth:`on_close`, newest first."""
        while self._closers:
            self._closers.pop()()

    def save_crash_report(self, text: str) -> Path:
        """Write a traceback where support can find it; returns the file's path."""
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        path = Path(tempfile.gettempdir()) / f"loyalty-pos-crash-{stamp}.txt"
        path.write_text(text, encoding="utf-8")
        return path

    # -- the core, lazily -------------------------------------------------------------------------

    def config(self) -> Config:
        """The terminal configuration (the file must exist).

        Raises:
            CliError: missing, broken or partial file (exit 2; the message names file and key).
        """
        if self._config is None:
            try:
                self._config = load(self.config_path)
            except ConfigError as exc:
                raise CliError(str(exc), ExitCode.USAGE) from exc
            for warning in self._config.ignored:  # removed options (e.g. [cli] operator_role)
                self.out.error(_("warning: {what}").format(what=warning))
            # The CLI speaks the terminal's language: that of [terminal] locale (pos_client.i18n).
            set_language(language_of(self._config.terminal.locale))
        return self._config

    def core(self) -> Core:
        """The terminal core built from the configuration (closed when the command ends)."""
        if self._core is None:
            config = self.config()
            try:
                self._core = build_core(config)
            except (ConfigError, SecretError, OutboxError) as exc:
                raise CliError(str(exc), ExitCode.USAGE) from exc
            self.on_close(self._core.close)
        return self._core

    def service(self) -> LoyaltyService:
        """The loyalty service, for the configured CLI operator."""
        return self.core().service

    def offline_gateway(self) -> QueuedGateway:
        """The queued write gateway over the terminal's outbox (``queue`` commands)."""
        return self.core().gateway

    @property
    def locale(self) -> str:
        return self.config().terminal.locale

    def catalogue_empty(self) -> bool:
        """True when the core is built and its series list is empty (never synced)."""
        return self._core is not None and not self._core.catalogue.all()

    def catalogue_ready(self) -> None:
        """Make sure the series list is on this terminal (fetched once if it never was).

        Raises:
            Unavailable: never synced and the server cannot be reached (exit 3).
        """
        core = self.core()
        if not core.catalogue.all():
            core.service.sync_series()

    # -- amounts ----------------------------------------------------------------------------------

    def currency_of(self, number: str | None = None, series_number: str | None = None) -> str:
        """The currency an amount for this number or series is typed in: the till's for money cards
        (and unknown numbers), the series' own for loyalty cards."""
        catalogue = self.core().catalogue
        series = catalogue.get(series_number) if series_number else None
        if series is None and number:
            series = catalogue.identify(number).series
        if series is None or series.kind in (Kind.GIFTCARD, Kind.STORECREDIT):
            # Money is typed in the till's currency; a card of another one is refused by the service.
            return self.core().service.till_currency(ask_server=False)
        return series.currency

    def amount(
        self,
        text: str | None,
        *,
        number: str | None = None,
        series_number: str | None = None,
        option: str = "--amount",
    ) -> Decimal | None:
        """Parse ``--amount`` as typed (``12.50``, ``12,50``, ``12,50 zł``) in the currency of
        :meth:`currency_of`.

        Raises:
            CliError: not an amount (exit 2).
        """
        if text is None:
            return None
        currency = self.currency_of(number, series_number)
        try:
            return money.parse_amount(text, currency, self.locale)
        except money.MoneyError as exc:
            raise CliError(f"{option}: {exc}", ExitCode.USAGE) from exc

    def money_words(self, amount: Decimal) -> str:
        """``amount`` in the till's currency, as the terminal's locale writes it (a plain decimal
        when the terminal is not configured)."""
        if self._core is None:
            return str(amount)
        currency = self._core.service.till_currency(ask_server=False)
        return money.format_money(amount, currency, self.locale)

    # -- operators --------------------------------------------------------------------------------

    def approval(self, args: argparse.Namespace) -> Approval | None:
        """The manager's approval given with ``--manager`` (PIN from ``--pin`` or the environment)."""
        manager = getattr(args, "manager", None)
        if not manager:
            return None
        pin = getattr(args, "pin", None) or os.environ.get(MANAGER_PIN_ENV)
        if not pin:
            raise CliError(
                _("--manager needs the manager's PIN: --pin PIN or ${env}").format(env=MANAGER_PIN_ENV),
                ExitCode.USAGE,
            )
        return Approval(manager, pin)

    @contextmanager
    def approved(self, args: argparse.Namespace) -> Iterator[Approval | None]:
        """The manager's approval of a write, if one was given, to hand to the service: it checks the
        PIN and the role (once; a wrong PIN is audited), names the manager, and lets the operation
        past a soft offline limit (the override is audited)."""
        yield self.approval(args)

    def prepared_amount(
        self, text: str | None, *, number: str | None = None, series_number: str | None = None
    ) -> Decimal | None:
        """``--amount`` checked before any network use, then the catalogue made ready, then the amount
        parsed in the till's currency (exit 2 for a malformed amount, 3 if offline). A money card of
        another currency than the till's is refused first (exit 1, ``CURRENCY_MISMATCH``)."""
        self.amount(text, number=number, series_number=series_number)
        self.catalogue_ready()
        self.service().ensure_currency(number=number, series_number=series_number)
        return self.amount(text, number=number, series_number=series_number)

    # -- results ----------------------------------------------------------------------------------

    def preflight(self, args: argparse.Namespace) -> None:
        """Checks made before a command does anything: ``--print`` needs a printer (configured, or
        ``--printer URL``), so that a usage error never comes after an operation already happened."""
        if getattr(args, "print", False) and not getattr(args, "printer", None):
            from pos_client.cli.commands.printer import printer_settings  # the printer commands import us

            printer_settings(args, self)

    def report(
        self,
        args: argparse.Namespace,
        subject: OperationResult | Instrument | DayReport,
        data: dict[str, Any],
        human: str,
        *,
        live_printed: bool = False,
    ) -> int:
        """Print a command's result, then its slips with ``--print`` / ``--printer URL``.

        A slip that cannot be printed never changes the exit code (the operation happened); the
        reason goes to stderr and the slip stays reprintable (``printer reprint``).
        """
        if getattr(args, "print", False) or getattr(args, "printer", None):
            data = {**data, "print": self._print(args, subject, live_printed)}
        self.out.result(data, human)
        return int(ExitCode.OK)

    def _print(
        self, args: argparse.Namespace, subject: OperationResult | Instrument | DayReport, live_printed: bool
    ) -> dict[str, Any]:
        # Imported here: the printer commands import this module.
        from pos_client.cli.commands.printer import print_slips
        from pos_client.receipts.choose import slips_for
        from pos_client.receipts.settings import SlipContext
        from pos_client.receipts.setup import slip_settings

        service = self.service()
        terminal = service.last_terminal
        if terminal is None:
            try:
                terminal = service.terminal()
            except ApiError:  # the header falls back to the configured store name
                terminal = None
        slip_ctx = SlipContext(slip_settings(self.config(), terminal), operator=service.operator.operator_id)
        documents = slips_for(subject, slip_ctx, live_printed=live_printed)
        if not documents:
            return {"state": "nothing", "slips": 0}
        try:
            return print_slips(args, self, documents)
        except CliError as exc:  # e.g. an unusable printer URL: the operation stands, the slip is not printed
            self.out.error(exc.message)
            return {"state": "failed", "message": exc.message, "slips": len(documents)}

    def last_operation_id(self) -> str | None:
        """The id of the write the service last handed over in this command, if any."""
        if self._core is None:
            return None
        last = self._core.last_operation()
        return last.operation_id if last else None


def expected_error(exc: BaseException, ctx: CliContext) -> CliError | None:
    """The message and exit code of an *expected* failure; None for a bug (exit codes: README.md,
    "Command line").

    Refusals (the server's or the terminal's own) exit 1 with ``state: refused`` and ``error.code``;
    a server that cannot be reached (and an operation that may not wait offline) exits 3; problems of
    configuration, token or input exit 2.
    """
    op_id = ctx.last_operation_id()

    def refused(code: str, message: str, exit_code: ExitCode = ExitCode.REFUSED, **extra: Any) -> CliError:
        return CliError(f"{message} ({code})", exit_code, refused_json(code, message, op_id, **extra))

    if isinstance(exc, CliError):
        return exc
    if isinstance(exc, Refused):
        return refused(exc.code, refusal_text(exc, ctx.money_words))
    if isinstance(exc, IdentificationError):
        text = _(REASON_TEXT.get(exc.reason, exc.reason.value))
        if exc.reason is Reason.UNKNOWN_PREFIX and ctx.catalogue_empty():
            text += _("; the series list is empty: run `loyalty-pos series sync`")
        return refused(exc.reason.value, text)
    if isinstance(exc, WrongKind):
        return refused("WRONG_KIND", _(str(exc)))
    if isinstance(exc, ApprovalRequired):
        return refused(
            "APPROVAL_REQUIRED",
            _("{what}: give --manager NAME with --pin or ${env}").format(what=exc, env=MANAGER_PIN_ENV),
        )
    if isinstance(exc, LockedOut):
        return refused("LOCKED_OUT", str(exc))
    if isinstance(exc, BadPin):
        return refused("BAD_PIN", str(exc))
    if isinstance(exc, Forbidden):
        return refused("FORBIDDEN", str(exc))
    if isinstance(exc, OfflineRefused):
        code = "OUTCOME_UNKNOWN" if exc.maybe_applied else "OFFLINE"
        extra: dict[str, Any] = {"overridable": exc.overridable}
        message = exc.message
        if exc.overridable:
            message += _(" (a manager may allow it: --manager NAME --pin PIN)")
        return refused(code, message, ExitCode.UNAVAILABLE, **extra)
    if isinstance(exc, Unavailable):
        return refused("UNAVAILABLE", exc.message, ExitCode.UNAVAILABLE)
    if isinstance(exc, Unauthorized):
        return refused(
            "UNAUTHORIZED",
            _(
                "the server does not accept this terminal's token;"
                " run `loyalty-pos config init` with the right token file"
            ),
            ExitCode.USAGE,
        )
    if isinstance(exc, ProtocolError):
        return refused(
            "PROTOCOL_ERROR",
            _("the server's answer does not match the contract: {what}").format(what=exc.message),
            ExitCode.UNAVAILABLE,
        )
    if isinstance(exc, money.MoneyError):
        return CliError(str(exc), ExitCode.USAGE)
    if isinstance(exc, ConfigError | SecretError | OutboxError):
        return CliError(str(exc), ExitCode.USAGE)
    return None
