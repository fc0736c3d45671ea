"""Device scanners' callbacks (from their reader threads) as signals on the GUI thread.

A serial or HID scanner calls back from its own thread. Emitting a signal of a QObject that lives in
the GUI thread from another thread makes Qt queue the call to every receiver in the GUI thread, so
slots connected here always run on the GUI thread, in order.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from drivers.scanners.events import DiscardEvent, ScanEvent, StatusEvent


class ScannerBridge(QObject):
    """Pass :meth:`on_scan`, :meth:`on_status` and :meth:`on_discard` as a scanner's callbacks.

    Create it on the GUI thread, and stop the scanner before the bridge is deleted (the reader thread
    must not emit on a destroyed object).

    Signals:
        scanned(str): the normalised text of a scan.
        scan_received(object): the full :class:`~drivers.scanners.events.ScanEvent`.
        status_changed(object): a :class:`~drivers.scanners.events.StatusEvent`.
        discarded(object): a :class:`~drivers.scanners.events.DiscardEvent`.
    """

    scanned = Signal(str)
    scan_received = Signal(object)
    status_changed = Signal(object)
    discarded = Signal(object)

    def on_scan(self, event: ScanEvent) -> None:
        """Scanner callback (any thread)."""
        self.scan_received.emit(event)
        self.scanned.emit(event.text)

    def on_status(self, event: StatusEvent) -> None:
        """Scanner callback (any thread)."""
        self.status_changed.emit(event)

    def on_discard(self, event: DiscardEvent) -> None:
        """Scanner callback (any thread)."""
        self.discarded.emit(event)
