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
from collections.abc import Callable
from dataclasses import dataclass

from drivers.printers import document as d
from drivers.printers.printer import ReceiptPrinter
from drivers.printers.status import PrinterError, State
from pos_client.i18n import N_
from pos_client.i18n import gettext as _
from pos_client.receipts.last_slip import LastSlipStore
from pos_client.security import Approval, ApprovalRequired

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


def carries_whole_number(document: d.Document) -> bool:
    """True when the slip *is* an instrument: it holds a barcode or QR code. Slips print one only
    with the whole number of the instrument they are (a live-printed gift card, a store-credit note,
    a reward coupon); every other slip shows numbers masked (docs/ARCHITECTURE.md#security)."""
    return any(isinstance(block, d.Barcode | d.QrCode) for block in document.blocks)


# ``authorise(approval)``: the id of the manager who allows a reprint of a slip with a whole number
# (``LoyaltyService.authorise_reprint``); raises ApprovalRequired / BadPin / LockedOut otherwise.
Authorise = Callable[[Approval | None], str]


class SlipPrinter:
    """Prints slips on one printer, keeping the last one for reprint.

    Args:
        printer: the receipt printer.
        store: where the last slip is kept.
        authorise: decides who may reprint a slip that carries a whole card number (a second copy of
            a gift card or a store-credit note is a second bearer instrument): a manager, checked by
            the service. None: such a slip is never reprinted.
    """

    def __init__(
        self, printer: ReceiptPrinter, store: LastSlipStore, authorise: Authorise | None = None
    ) -> None:
        self.printer = printer
        self.store = store
        self.authorise = authorise

    def print(self, document: d.Document) -> PrintOutcome:
        """Render, store, send; never raises for a printer problem."""
        data = self.printer.render(document)
        self.store.save(document, data, self.printer.profile.name)
        return self._send(data)

    def reprint(self, approval: Approval | None = None) -> PrintOutcome:
        """Print the last slip again, marked REPRINT. A slip with a whole card number needs a
        manager (the signed-on one, or ``approval``), checked before anything is sent.

        Raises:
            ApprovalRequired, BadPin, LockedOut: a slip with a whole number, and no manager allows it.
        """
        stored = self.store.load()
        if stored is None:
            return PrintOutcome(PrintState.NOTHING, _("There is no slip to reprint."))
        if carries_whole_number(stored.document):
            if self.authorise is None:
                raise ApprovalRequired(
                    "this slip carries a whole card number: only a manager may reprint it", "printer.reprint"
                )
            self.authorise(approval)
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
