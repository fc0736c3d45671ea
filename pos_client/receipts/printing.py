"""Printing a slip without ever losing it: store first, then send; report, never raise.

Design: the operation is already committed when a slip is printed (the caller prints *after* the
service returned). :class:`SlipPrinter` renders the slip, saves it in the last-slip store, then sends
it; a :class:`~drivers.printers.status.PrinterError` becomes a :class:`PrintOutcome` with a clear
sentence (paper out, cover open, offline) and the slip stays reprintable. A reprint is marked
"REPRINT" and re-rendered for the current printer.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from drivers.printers import document as d
from drivers.printers.printer import ReceiptPrinter
from drivers.printers.status import PrinterError, State
from pos_client.i18n import N_
from pos_client.i18n import gettext as _
from pos_client.receipts.last_slip import LastSlipStore

REPRINT_HINT = N_(
    "The slip is saved: reprint it with `loyalty-pos printer reprint` once the printer is ready."
)


class PrintState(enum.StrEnum):
    PRINTED = "printed"
    FAILED = "failed"
    NOTHING = "nothing"  # reprint asked, but no slip stored


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to a slip.

    Attributes:
        state: printed, failed or nothing (to reprint).
        message: one sentence for the person at the till.
        error: the typed printer error, when it failed (``PaperOut``, ``PrinterOffline``…).
        printer_state: the printer's state as seen before printing (e.g. PAPER_NEAR_END).
    """

    state: PrintState
    message: str
    error: PrinterError | None = None
    printer_state: State = State.UNKNOWN

    @property
    def printed(self) -> bool:
        return self.state is PrintState.PRINTED

    def as_json(self) -> dict[str, str]:
        """The ``print`` member of a command's JSON result."""
        data = {"state": self.state.value, "message": self.message, "printer": self.printer_state.value}
        if self.error is not None:
            data["error"] = type(self.error).__name__
        return data


class SlipPrinter:
    """Prints slips on one printer, keeping the last one for reprint."""

    def __init__(self, printer: ReceiptPrinter, store: LastSlipStore) -> None:
        self.printer = printer
        self.store = store

    def print(self, document: d.Document) -> PrintOutcome:
        """Render, store, send; never raises for a printer problem."""
        data = self.printer.render(document)
        self.store.save(document, data, self.printer.profile.name)
        return self._send(data)

    def reprint(self) -> PrintOutcome:
        """Print the last slip again, marked REPRINT."""
        stored = self.store.load()
        if stored is None:
            return PrintOutcome(PrintState.NOTHING, _("There is no slip to reprint."))
        marked = d.Document(
            stored.document.title,
            (d.Text(_("REPRINT"), d.Style(bold=True, align=d.Align.CENTER)), *stored.document.blocks),
        )
        return self._send(self.printer.render(marked))

    def _send(self, data: bytes) -> PrintOutcome:
        try:
            status = self.printer.send(data)
        except PrinterError as exc:
            return PrintOutcome(PrintState.FAILED, f"{exc.message} {_(REPRINT_HINT)}", error=exc)
        if status.state is State.PAPER_NEAR_END:
            message = _("Printed. The paper roll is nearly finished.")
        else:
            message = _("Printed.")
        return PrintOutcome(PrintState.PRINTED, message, printer_state=status.state)


def printed_at(now: dt.datetime | None = None) -> dt.datetime:
    """The time to print on a slip (UTC; slips show it in the store's zone)."""
    return now or dt.datetime.now(dt.UTC)
