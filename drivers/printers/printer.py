"""The receipt printer driver: settings, status check, render and send.

Design: :class:`ReceiptPrinter` owns nothing long-lived — each job opens the connection, asks for the
status (``DLE EOT``) where the connection can answer, refuses with a typed error when the printer
cannot print (paper out, cover open, offline), sends the rendered bytes and closes. Callers keep the
operation and the rendered slip regardless (``pos_client.receipts.printing``), so a failed print is
only a reprint away. One instance per printer; call it from that printer's owner thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.printers.connection import Connection, connect, parse_url
from drivers.printers.document import Document
from drivers.printers.emulator import EmulatorPrinter
from drivers.printers.profile import PrinterProfile, ProfileError, load_profile
from drivers.printers.render import render
from drivers.printers.status import (
    QUERY_OFFLINE_CAUSE,
    QUERY_PAPER,
    QUERY_PRINTER,
    UNKNOWN_STATUS,
    PrinterConfigError,
    PrinterStatus,
    decode,
)


@dataclass(frozen=True)
class PrinterSettings:
    """Printer configuration (the ``[printer]`` section of the terminal configuration).

    Attributes:
        url: where the printer is (docs/ARCHITECTURE.md#cli), e.g. ``tcp://192.168.1.50:9100`` or
            ``emulator``.
        profile: python-escpos profile name (features, code-page table), e.g. ``TM-T88V``.
        paper_width_mm: 58 or 80; None takes the profile's.
        code_pages: code pages to use, most preferred first; empty means all the profile has.
        timeout: seconds to connect and to send.
        status_timeout: seconds to wait for a ``DLE EOT`` answer before treating status as unknown.
    """

    url: str = "emulator"
    profile: str = "default"
    paper_width_mm: int | None = None
    code_pages: tuple[str, ...] = ()
    timeout: float = 5.0
    status_timeout: float = 1.0

    def load_profile(self) -> PrinterProfile:
        """The resolved profile; raises :class:`PrinterConfigError` on a bad setting."""
        try:
            return load_profile(self.profile, self.paper_width_mm, self.code_pages)
        except ProfileError as exc:
            raise PrinterConfigError(str(exc)) from exc


class ReceiptPrinter:
    """Prints documents on one configured printer.

    Args:
        settings: the printer configuration.
        emulator: the in-process emulator serving the ``emulator`` URL (the app's preview, tests).
    """

    def __init__(self, settings: PrinterSettings, emulator: EmulatorPrinter | None = None) -> None:
        self.settings = settings
        self.url = parse_url(settings.url)
        self.profile = settings.load_profile()
        if self.url.scheme == "emulator" and emulator is None:
            emulator = EmulatorPrinter(load_profile(settings.profile, settings.paper_width_mm))
        self.emulator = emulator

    def render(self, document: Document) -> bytes:
        """The ESC/POS bytes for ``document`` on this printer."""
        return render(document, self.profile)

    def _connection(self) -> Connection:
        return connect(self.url, self.emulator, self.settings.timeout)

    def _query(self, connection: Connection) -> PrinterStatus:
        answers: list[int] = []
        for query in (QUERY_PRINTER, QUERY_OFFLINE_CAUSE, QUERY_PAPER):
            connection.write(query)
            answer = connection.read_status_byte(self.settings.status_timeout)
            if answer is None or answer & 0x93 != 0x12:
                return UNKNOWN_STATUS  # a printer that does not answer DLE EOT (or garbles it)
            answers.append(answer)
        return decode(*answers)

    def status(self) -> PrinterStatus:
        """Ask the printer how it is; ``state`` is UNKNOWN when the connection cannot tell.

        Raises:
            PrinterOffline: the printer cannot be reached.
        """
        connection = self._connection()
        connection.open()
        try:
            return self._query(connection) if connection.supports_status else UNKNOWN_STATUS
        finally:
            connection.close()

    def send(self, data: bytes) -> PrinterStatus:
        """Send rendered bytes after checking the printer can print them.

        Returns:
            The status seen before printing (e.g. PAPER_NEAR_END, worth a warning).

        Raises:
            PrinterOffline, PaperOut, CoverOpen, PrinterError: nothing was printed.
        """
        connection = self._connection()
        connection.open()
        try:
            status = self._query(connection) if connection.supports_status else UNKNOWN_STATUS
            status.raise_if_unusable()
            connection.write(data)
            return status
        finally:
            connection.close()

    def print_document(self, document: Document) -> PrinterStatus:
        """Render and send ``document`` (see :meth:`send`)."""
        return self.send(self.render(document))
