"""The printer a command prints on, and printing the slips of an operation (``--print``,
``--printer URL``, ``--profile``, ``--paper-width``, ``--code-pages``).

Printer settings come from the ``[printer]`` configuration, overridden by the command line. A print
failure never fails the operation that was printed: the slip is kept for ``printer reprint`` and the
reason goes to stderr. Below :mod:`pos_client.cli.context` (which prints a command's slips through
this module) and the ``printer`` commands.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from drivers.printers.document import Document
from drivers.printers.printer import PrinterSettings, ReceiptPrinter
from drivers.printers.status import PrinterError
from pos_client.cli.output import CliError, ExitCode, Output
from pos_client.config import Config, ConfigError, load
from pos_client.receipts import setup
from pos_client.receipts.last_slip import LastSlipStore
from pos_client.receipts.printing import PrintOutcome, PrintState, SlipPrinter


def terminal_config(config_path: Path | None) -> Config:
    """The terminal configuration (defaults when there is no file yet: printing needs no server).

    Raises:
        CliError: the file is broken (usage error, the message names the key).
    """
    try:
        return load(config_path, must_exist=False)
    except ConfigError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from exc


def printer_settings(args: argparse.Namespace, config_path: Path | None) -> PrinterSettings:
    """The configured printer, overridden by the command line options.

    Raises:
        CliError: no printer configured and none given.
    """
    base = setup.printer_settings(terminal_config(config_path), getattr(args, "printer", None))
    if base is None:
        raise CliError(
            "no printer configured: pass --printer URL (e.g. tcp://192.168.1.50:9100) or set printer.url",
            ExitCode.USAGE,
        )
    url = base.url
    pages = getattr(args, "code_pages", None)
    return PrinterSettings(
        url=url,
        profile=getattr(args, "profile", None) or base.profile,
        paper_width_mm=getattr(args, "paper_width", None) or base.paper_width_mm,
        code_pages=tuple(p.strip().upper() for p in pages.split(",") if p.strip())
        if pages
        else base.code_pages,
        timeout=base.timeout,
        status_timeout=base.status_timeout,
    )


def receipt_printer(args: argparse.Namespace, config_path: Path | None) -> ReceiptPrinter:
    """A driver for the printer the command should use (usage error on a bad URL/profile)."""
    settings = printer_settings(args, config_path)
    try:
        return ReceiptPrinter(settings)
    except PrinterError as exc:
        raise CliError(exc.message, ExitCode.USAGE) from exc


def slip_printer(args: argparse.Namespace, config_path: Path | None) -> SlipPrinter:
    """A :class:`SlipPrinter` on the chosen printer, keeping the last slip in the data directory."""
    store = LastSlipStore(setup.last_slip_dir(terminal_config(config_path)))
    return SlipPrinter(receipt_printer(args, config_path), store)


def print_slips(
    args: argparse.Namespace, config_path: Path | None, out: Output, documents: Sequence[Document]
) -> dict[str, Any]:
    """Print ``documents`` after an operation; failures are reported on stderr, never raised.

    Returns:
        The ``print`` member for the command's JSON result.
    """
    printer = slip_printer(args, config_path)
    outcomes: list[PrintOutcome] = []
    for document in documents:
        outcome = printer.print(document)
        outcomes.append(outcome)
        if not outcome.printed:
            out.error(outcome.message)
            break  # the next slip would fail the same way; the failed one is the reprintable one
    worst = next((o for o in outcomes if not o.printed), outcomes[-1] if outcomes else None)
    result: dict[str, Any] = dict(worst.as_json()) if worst else {"state": PrintState.NOTHING.value}
    result["slips"] = len(documents)
    return result
