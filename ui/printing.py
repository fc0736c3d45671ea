"""Slips from the app: to the printer and to the on-screen preview, on the printer's own thread.

- One owner thread per device (Electrum's rule): every print job runs on a private one-thread pool,
  so two slips never interleave and the GUI thread never waits for the printer.
- Every slip is also rendered by the ESC/POS emulator, and its PNG is announced with
  :attr:`Printing.preview_ready` (the cashier sees what was printed, or what would have been). With the
  ``emulator`` printer URL (the demo) the emulator *is* the printer; with no printer configured the
  slips go to the preview only.
- A printer problem never loses a slip: :class:`~pos_client.receipts.printing.SlipPrinter` stores it
  first (reprint last), and the outcome is reported in words.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

from drivers.printers.document import Document
from drivers.printers.emulator import EmulatorPrinter
from drivers.printers.emulator_render import RenderedReceipt
from drivers.printers.printer import PrinterSettings, ReceiptPrinter
from drivers.printers.status import CoverOpen, PaperOut, PrinterError, PrinterOffline, State
from pos_client.config import Config
from pos_client.domain import DayReport, Instrument, OperationResult
from pos_client.receipts.choose import slips_for
from pos_client.receipts.last_slip import LastSlipStore
from pos_client.receipts.printing import Authorise, PrintOutcome, PrintState, SlipPrinter
from pos_client.receipts.settings import SlipContext
from pos_client.receipts.setup import last_slip_dir, printer_settings
from pos_client.security import SecurityError
from ui.errors import describe_error
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

NO_PRINTER = "none"  # state when slips go to the preview only


class Printing(QObject):
    """The terminal's receipt printer and slip preview.

    Args:
        config: the terminal configuration (``[printer]``, data directory).
        slip_context: the current slip surroundings (store, operator, time, locale).
        crash_handler: for bugs on the printer thread (default: ``sys.excepthook``).
        authorise: who may reprint a slip that carries a whole card number (the service's
            ``authorise_reprint``: a signed-on manager); None: such a slip is never reprinted.

    Signals:
        preview_ready(bytes): the PNG of a slip just rendered.
        printed(object): the :class:`PrintOutcome` of each slip (or reprint).
        outcome_described(bool, str): printed or not, in plain translated words.
        state_changed(str): the printer's state: a :class:`State` value, ``"printing"`` or ``"none"``.
    """

    preview_ready = Signal(bytes)
    printed = Signal(object)
    outcome_described = Signal(bool, str)
    state_changed = Signal(str)

    def __init__(
        self,
        config: Config,
        slip_context: Callable[[], SlipContext],
        crash_handler: Callable[[BaseException], None] | None = None,
        parent: QObject | None = None,
        authorise: Authorise | None = None,
    ) -> None:
        super().__init__(parent)
        self._authorise = authorise
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)  # the printer's owner thread
        self._tasks = TaskRunner(pool, crash_handler, self)
        self._slip_context = slip_context
        self._configured, self._settings, self._emulated, self._last_slips = _setup(config)
        # The devices are made on the printer's thread when first needed: loading the printer profile
        # (python-escpos' printer database) takes about a second, which must not delay the window.
        self._devices: tuple[EmulatorPrinter, ReceiptPrinter, SlipPrinter] | None = None
        self._devices_lock = threading.Lock()
        self._state = _first_state(self._configured)
        self._last_png: bytes | None = None
        self.preview_ready.connect(self._remember)

    def _made(self) -> tuple[EmulatorPrinter, ReceiptPrinter, SlipPrinter]:
        """The preview emulator, the printer and the slip printer (made once, on first use)."""
        with self._devices_lock:
            if self._devices is None:
                preview = EmulatorPrinter(self._settings.load_profile(), on_receipt=self._rendered)
                printer = ReceiptPrinter(self._settings, emulator=preview if self._emulated else None)
                slips = SlipPrinter(printer, LastSlipStore(self._last_slips), self._authorise)
                self._devices = (preview, printer, slips)
            return self._devices

    @property
    def _preview(self) -> EmulatorPrinter:
        return self._made()[0]

    @property
    def _printer(self) -> ReceiptPrinter:
        return self._made()[1]

    @property
    def _slips(self) -> SlipPrinter:
        return self._made()[2]

    @property
    def state(self) -> str:
        """The printer's last known state (see :attr:`state_changed`)."""
        return self._state

    @property
    def last_preview(self) -> bytes | None:
        """The PNG of the last slip rendered in this session."""
        return self._last_png

    @property
    def busy(self) -> bool:
        """True while a print job runs."""
        return self._tasks.active_count > 0

    def check(self) -> None:
        """Ask the printer for its status in the background (start-up, technician)."""
        if not self._configured or self._emulated:
            self._set_state(State.ONLINE.value if self._emulated else NO_PRINTER)
            self._tasks.run(self._made, lambda _devices: None, description="printer set-up")  # warm up
            return
        self._tasks.run(
            lambda: self._printer.status().state.value,
            self._set_state,
            lambda exc: self._set_state(State.OFFLINE.value),
            description="printer status",
        )

    def print_for(
        self, subject: OperationResult | Instrument | DayReport, *, live_printed: bool = False
    ) -> None:
        """Print the slips for an operation's result, a balance or a day report (none: nothing)."""
        documents = slips_for(subject, self._slip_context(), live_printed)
        self.print_slips(documents)

    def print_slips(self, documents: list[Document]) -> None:
        """Print ``documents`` in order, each also shown in the preview."""
        if not documents:
            return
        self._set_state("printing")
        self._tasks.run(
            lambda: [self._print_one(doc) for doc in documents],
            self._done,
            self._failed,
            description="print slips",
        )

    def reprint(self) -> None:
        """Print the last slip again (marked REPRINT)."""
        self._set_state("printing")
        self._tasks.run(
            self._reprint, lambda outcome: self._done([outcome]), self._reprint_failed, description="reprint"
        )

    def reconfigure(self, config: Config) -> None:
        """Print with ``config``'s ``[printer]`` from now on (the technician saved new settings).

        The switch is a job on the printer's thread: a slip being printed finishes on the old printer,
        the next one goes to the new. The devices are made again on first use; the state is reset as at
        start-up and the new printer is asked for its status.
        """
        setup = _setup(config)

        def switch() -> None:  # printer thread
            with self._devices_lock:
                # Nothing to close: a ReceiptPrinter opens and closes its connection for each job.
                self._configured, self._settings, self._emulated, self._last_slips = setup
                self._devices = None

        def switched(_result: None) -> None:
            self._set_state(_first_state(self._configured))
            self.check()

        self._tasks.run(switch, switched, description="printer settings")

    def wait(self, msecs: int = -1) -> bool:
        """Block until the print jobs have ended (shutdown, tests)."""
        return self._tasks.wait(msecs)

    def shutdown(self) -> None:
        """Let running jobs end; refuse new ones."""
        self._tasks.shutdown()

    # -- printer thread -----------------------------------------------------------------------------

    def _print_one(self, document: Document) -> PrintOutcome:
        if not self._configured:
            data = self._printer.render(document)
            self._slips.store.save(document, data, self._printer.profile.name)
            self._show(data)
            return PrintOutcome(PrintState.PRINTED, "", printer_state=State.UNKNOWN)
        outcome = self._slips.print(document)
        if not self._emulated:
            self._show(self._printer.render(document))
        return outcome

    def _reprint(self) -> PrintOutcome:
        if not self._configured:
            stored = self._slips.store.load()
            if stored is None:
                return PrintOutcome(PrintState.NOTHING, "")
            self._show(self._printer.render(stored.document))
            return PrintOutcome(PrintState.PRINTED, "", printer_state=State.UNKNOWN)
        outcome = self._slips.reprint()
        if not self._emulated and outcome.printed:
            stored = self._slips.store.load()
            if stored is not None:
                self._show(self._printer.render(stored.document))
        return outcome

    def _show(self, data: bytes) -> None:
        self._preview.write(data)
        self._preview.flush()

    def _rendered(self, receipt: RenderedReceipt) -> None:  # printer thread
        self.preview_ready.emit(receipt.png_bytes)

    # -- GUI thread ---------------------------------------------------------------------------------

    def _done(self, outcomes: list[PrintOutcome]) -> None:
        for outcome in outcomes:
            self.printed.emit(outcome)
        failed = next((o for o in outcomes if not o.printed), None)
        if failed is None:
            last = outcomes[-1] if outcomes else None
            state = last.printer_state.value if last and self._configured else NO_PRINTER
            self._set_state(State.ONLINE.value if state == State.UNKNOWN.value and self._emulated else state)
            if last is not None and last.printer_state is State.PAPER_NEAR_END:
                self.outcome_described.emit(
                    True,
                    QCoreApplication.translate("printing", "Printed. The paper roll is nearly finished."),
                )
            return
        if failed.state is PrintState.NOTHING:
            self._set_state(State.ONLINE.value if self._configured else NO_PRINTER)
            self.outcome_described.emit(
                False, QCoreApplication.translate("printing", "There is no slip to reprint.")
            )
            return
        self._report_error(failed.error)

    def _reprint_failed(self, exc: BaseException) -> None:
        if isinstance(exc, SecurityError):  # a slip that is a card: only a manager may reprint it
            self._set_state(State.ONLINE.value if self._configured else NO_PRINTER)
            self.outcome_described.emit(
                False,
                QCoreApplication.translate(
                    "printing", "This slip carries the whole card number: only a manager may reprint it."
                ),
            )
            return
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        self._report_error(exc if isinstance(exc, PrinterError) else None, exc)

    def _report_error(self, error: PrinterError | None, other: BaseException | None = None) -> None:
        self._set_state(State.ERROR.value if error is None else _state_of(error))
        words = describe_error(error or other or PrinterError(""))
        self.outcome_described.emit(
            False,
            QCoreApplication.translate(
                "printing", "{problem} The slip is saved: press Reprint when the printer is ready."
            ).format(problem=words),
        )

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _remember(self, png: bytes) -> None:
        self._last_png = png


def _setup(config: Config) -> tuple[bool, PrinterSettings, bool, Path]:
    """Configured or not, the printer's settings (the emulator when none), emulated or not, and the
    last-slip directory."""
    settings = printer_settings(config)
    used = settings or PrinterSettings(url="emulator", paper_width_mm=config.printer.paper_width_mm)
    return settings is not None, used, used.url == "emulator", last_slip_dir(config)


def _first_state(configured: bool) -> str:
    """The state before the printer has been asked."""
    return State.UNKNOWN.value if configured else NO_PRINTER


def _state_of(error: PrinterError) -> str:
    if isinstance(error, PaperOut):
        return State.PAPER_OUT.value
    if isinstance(error, CoverOpen):
        return State.COVER_OPEN.value
    if isinstance(error, PrinterOffline):
        return State.OFFLINE.value
    return State.ERROR.value
