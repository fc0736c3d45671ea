"""Every scan, from whichever scanner the terminal has, as one signal on the GUI thread.

- A serial or HID scanner (``[scanner] url``) is read by its driver's own thread; the
  :class:`~ui.scanner_bridge.ScannerBridge` brings its scans and state changes to the GUI thread.
- A keyboard-wedge scanner types into the app: the application-wide
  :class:`~ui.scanner_filter.ScannerKeyFilter` takes its bursts out of the key stream. The filter is
  installed for ``wedge`` and when no scanner is configured (most USB scanners ship as keyboards).

Screens connect to :attr:`Scanning.scanned` and never know which kind of scanner it was.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from drivers.scanners import scanner_from_url
from drivers.scanners.events import Scanner, ScannerState, StatusEvent
from drivers.scanners.settings import ScannerSettings, ScannerUrlError
from drivers.scanners.wedge import WedgeDetector, WedgeSettings
from pos_client.config import ScannerConfig
from ui.scanner_bridge import ScannerBridge
from ui.scanner_filter import ScannerKeyFilter, wedge_layout

log = logging.getLogger(__name__)

_TERMINATORS = {"auto": "AUTO", "\r": "CR", "\n": "LF", "\r\n": "CRLF", "\t": "TAB", "": "NONE"}
WEDGE = "wedge"


def device_settings(config: ScannerConfig) -> ScannerSettings:
    """The configured framing of a serial/HID scanner."""
    options = {"terminator": _TERMINATORS.get(config.terminator, "CR")}
    settings = ScannerSettings().with_options(options)
    return ScannerSettings(terminator=settings.terminator, prefix=config.prefix, suffix=config.suffix)


def wedge_settings(config: ScannerConfig) -> WedgeSettings:
    """The configured burst detection of a keyboard-wedge scanner."""
    return WedgeSettings(
        max_gap=config.wedge_max_gap_ms / 1000,
        prefix=config.prefix,
        suffix=config.suffix,
        layout=wedge_layout(config.wedge_layout),
    )


class Scanning(QObject):
    """The terminal's scanner(s), started and stopped with the app.

    Args:
        config: the ``[scanner]`` section.

    Signals:
        scanned(str): the normalised text of a scan.
        state_changed(str): the scanner's state: a :class:`ScannerState` value, ``"wedge"`` (keyboard
            scanner: no state to report) or ``"error"`` (the configured URL is wrong).
    """

    scanned = Signal(str)
    state_changed = Signal(str)

    def __init__(self, config: ScannerConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._config = config
        self._bridge = ScannerBridge(self)
        self._bridge.scanned.connect(self.scanned)
        self._bridge.status_changed.connect(self._on_status)
        self._filter: ScannerKeyFilter | None = None
        self._device: Scanner | None = None
        self._state = ScannerState.STOPPED.value

    @property
    def state(self) -> str:
        """The current state (see :attr:`state_changed`)."""
        return self._state

    @property
    def source(self) -> str:
        """The configured scanner URL (``wedge`` when none)."""
        return self._config.url or WEDGE

    def start(self) -> None:
        """Open the configured scanner (never raises: a bad URL is logged and shown as a state)."""
        url = self._config.url.strip()
        app = QApplication.instance()
        if (not url or url == WEDGE) and app is not None:
            self._filter = ScannerKeyFilter(WedgeDetector(wedge_settings(self._config)), parent=self)
            self._filter.scanned.connect(self.scanned)
            self._filter.install(app)
            self._set_state(WEDGE)
            return
        try:
            self._device = scanner_from_url(
                url,
                device_settings(self._config),
                on_scan=self._bridge.on_scan,
                on_status=self._bridge.on_status,
                on_discard=self._bridge.on_discard,
            )
        except ScannerUrlError as exc:
            log.error("scanner %s not usable: %s", url, exc)
            self._set_state("error")
            return
        self._device.start()

    @property
    def key_filter(self) -> ScannerKeyFilter | None:
        """The keyboard-wedge filter while it is installed (tests set its clock), else None."""
        return self._filter

    @property
    def running(self) -> bool:
        """True between :meth:`start` and :meth:`stop` (a device or the keyboard filter is open)."""
        return self._device is not None or self._filter is not None

    def stop(self) -> None:
        """Close the scanner (before the app's objects are deleted, or while a test holds its port)."""
        if not self.running:
            return
        if self._device is not None:
            self._device.stop()
            self._device = None
        if self._filter is not None:
            app = QApplication.instance()
            if app is not None:
                self._filter.uninstall(app)
            self._filter.deleteLater()  # a reconfigured scanner makes a new one
            self._filter = None
        self._set_state(ScannerState.STOPPED.value)

    def reconfigure(self, config: ScannerConfig) -> None:
        """Use ``config`` from now on: a running scanner is closed and opened again with it; a stopped
        one (e.g. paused for the technician's test) takes it at its next :meth:`start`."""
        was_running = self.running
        self.stop()
        self._config = config
        if was_running:
            self.start()

    def inject(self, text: str) -> None:
        """Announce ``text`` as if scanned (the demo's ``--scan``, tests)."""
        self.scanned.emit(text)

    def _on_status(self, event: StatusEvent) -> None:
        # A closed device's last reports arrive after stop(), maybe after another scanner started:
        # only the open device speaks for the state (stop() has already said "stopped").
        if self._device is None or event.source != self._device.source:
            return
        self._set_state(event.state.value)

    def _set_state(self, state: str) -> None:
        self._state = state
        self.state_changed.emit(state)
