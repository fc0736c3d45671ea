"""What command handlers share: output, configuration and the lazily built core (expected errors in
words and exit codes: :mod:`pos_client.cli.errors`).

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from offline_queue import OutboxError
from pos_client import money
from pos_client.api.errors import ApiError
from pos_client.assembly import Core, build_core
from pos_client.cli.output import CliError, ExitCode, Output
from pos_client.cli.slips import print_slips, printer_settings
from pos_client.config import Config, ConfigError, load
from pos_client.domain import DayReport, Instrument, Kind, OperationResult
from pos_client.i18n import gettext as _
from pos_client.i18n import language_of, set_language
from pos_client.offline import QueuedGateway
from pos_client.secrets import SecretError
from pos_client.security import (
    Approval,
)
from pos_client.service import LoyaltyService

MANAGER_PIN_ENV = "LOYALTY_POS_MANAGER_PIN"


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
            printer_settings(args, self.config_path)

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
            return print_slips(args, self.config_path, self.out, documents)
        except CliError as exc:  # e.g. an unusable printer URL: the operation stands, the slip is not printed
            self.out.error(exc.message)
            return {"state": "failed", "message": exc.message, "slips": len(documents)}

    def last_operation_id(self) -> str | None:
        """The id of the write the service last handed over in this command, if any."""
        if self._core is None:
            return None
        last = self._core.last_operation()
        return last.operation_id if last else None
