"""Technician: scanner set-up — device URL, terminator, prefix and suffix, with a live view of what
arrives (raw bytes in hex and the normalised scan), and saving the settings to the configuration."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from drivers.scanners import (
    DiscardEvent,
    ScanEvent,
    Scanner,
    ScannerUrlError,
    SerialPortInfo,
    StatusEvent,
    Terminator,
    list_serial_ports,
)
from drivers.scanners.events import ScannerState
from pos_client.config import Config
from ui.errors import describe_error
from ui.models.scans import ScanModel, scan_row
from ui.scanner_bridge import ScannerBridge
from ui.screens import Screen
from ui.screens.manager_widgets import (
    BusyRunner,
    bind_key,
    form_grid,
    message_label,
    section_title,
    set_level,
    table_view,
    touch_button,
    touch_field,
)
from ui.screens.technician_devices import ScannerForm, open_scanner, save_options

if TYPE_CHECKING:
    from ui.context import AppContext

WEDGE_URLS = ("", "wedge")


class ScannerSetupScreen(Screen):
    """Scanner set-up with a live view."""

    title = str(QT_TRANSLATE_NOOP("screens", "Scanner"))
    order = 300

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._scanner: Scanner | None = None
        self._listening_wedge = False
        self._paused_app_scanner = False
        self._stopping = False
        self._state = ScannerState.STOPPED.value
        self.bridge = ScannerBridge(self)
        self.bridge.scan_received.connect(self._scan)
        self.bridge.discarded.connect(self._scan)
        self.bridge.status_changed.connect(self._status)

        form = ScannerForm.from_config(ctx.config)
        self.heading = section_title(self)
        self.url = touch_field(QLineEdit(form.url, self))
        self.url.setObjectName("scannerUrl")
        self.ports = touch_field(QComboBox(self))
        self.ports.setObjectName("scannerPorts")
        self.ports.activated.connect(self._port_chosen)
        self.find_button = touch_button("", self, name="findPortsButton")
        self.find_button.clicked.connect(self.find_ports)
        self.terminator = touch_field(QComboBox(self))
        self.terminator.setObjectName("scannerTerminator")
        for terminator in Terminator:
            self.terminator.addItem("", terminator)  # named in retranslate()
        self.terminator.setCurrentIndex(list(Terminator).index(form.terminator))
        self.prefix = touch_field(QLineEdit(form.prefix, self))
        self.prefix.setObjectName("scannerPrefix")
        self.suffix = touch_field(QLineEdit(form.suffix, self))
        self.suffix.setObjectName("scannerSuffix")

        self.listen_button = touch_button("", self, primary=True, name="listenButton")
        self.stop_button = touch_button("", self, name="stopListeningButton")
        self.save_button = touch_button("", self, name="saveScannerButton")
        self.clear_button = touch_button("", self, name="clearScansButton")
        self.listen_button.clicked.connect(self.listen)
        self.stop_button.clicked.connect(self.stop_listening)
        self.save_button.clicked.connect(self.save)
        self.whole = touch_field(QCheckBox(self))
        self.whole.setObjectName("showWholeScans")
        self.state = QLabel(self)
        self.state.setObjectName("scannerState")
        self.message = message_label(self)
        self.model = ScanModel(ctx.locale, self)
        self.whole.toggled.connect(self.model.show_whole)
        self.clear_button.clicked.connect(lambda: self.model.set_rows(()))
        self.table = table_view(self, stretch_column=4)
        self.table.setObjectName("scanTable")
        self.table.setModel(self.model)
        # Rows arrive one by one; fit the short columns to them (the hex column takes the rest).
        self.model.rowsInserted.connect(self._fit_columns)

        url_row = QHBoxLayout()
        url_row.addWidget(self.url, 2)
        url_row.addWidget(self.ports, 1)
        url_row.addWidget(self.find_button)
        self.labels = [QLabel(self) for _ in range(4)]
        framing = QHBoxLayout()
        framing.addWidget(self.terminator, 1)
        framing.addWidget(self.labels[2])
        framing.addWidget(self.prefix, 1)
        framing.addWidget(self.labels[3])
        framing.addWidget(self.suffix, 1)
        self.form = form_grid([(self.labels[0], url_row), (self.labels[1], framing)])
        buttons = QHBoxLayout()
        for button in (self.listen_button, self.stop_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # The scans' own row: all five did not fit one row on a 1024x768 panel in Polish.
        view = QHBoxLayout()
        view.addStretch(1)
        view.addWidget(self.whole)
        view.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addLayout(view)
        layout.addWidget(self.state)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

        bind_key(self.listen_button, "F5")
        bind_key(self.stop_button, "Esc")
        bind_key(self.save_button, "Ctrl+S")
        self.runner = BusyRunner(ctx.tasks, [self.find_button, self.save_button], self.message, self)
        self.retranslate()
        self._update_buttons()

    # -- the form ---------------------------------------------------------------------------------

    def form_values(self) -> ScannerForm:
        """What the fields say."""
        terminator = self.terminator.currentData()
        return ScannerForm(
            url=self.url.text().strip(),
            terminator=terminator if isinstance(terminator, Terminator) else Terminator.CR,
            prefix=self.prefix.text(),
            suffix=self.suffix.text(),
        )

    def find_ports(self) -> None:
        """List the serial ports of this machine (in the background)."""
        self.runner.run(list_serial_ports, self._ports_found, working=self.tr("Looking for ports…"))

    def _ports_found(self, ports: list[SerialPortInfo]) -> None:
        self.ports.clear()
        for port in ports:
            self.ports.addItem(f"{port.device} {port.description}".strip(), port.url)
        if not ports:
            set_level(
                self.message, "info", self.tr("No serial ports found. Pseudo-terminals are never listed.")
            )

    def _port_chosen(self, index: int) -> None:
        url = self.ports.itemData(index)
        if isinstance(url, str):
            self.url.setText(url)

    # -- listening --------------------------------------------------------------------------------

    @property
    def listening(self) -> bool:
        return self._scanner is not None or self._listening_wedge

    def listen(self) -> None:
        """Show what the scanner sends, with the settings in the fields (replacing a running test)."""
        if self.listening or self._stopping:
            # The port must be closed before it is opened again: stop first, then start.
            self._stop(then=self.listen)
            return
        form = self.form_values()
        if form.url.lower() in WEDGE_URLS:
            # A keyboard scanner types into the app: its scans come through the app's key filter.
            self.ctx.scanning.scanned.connect(self._wedge_scan)
            self._listening_wedge = True
            self._show_state("wedge")
            self._update_buttons()
            return
        if self.ctx.scanning.source == form.url:
            # The app's scanner holds this port; let the test have it until listening stops.
            self.ctx.scanning.stop()
            self._paused_app_scanner = True
        try:
            scanner = open_scanner(form, self.bridge.on_scan, self.bridge.on_status, self.bridge.on_discard)
        except ScannerUrlError as exc:
            self._resume_app_scanner()
            set_level(self.message, "error", describe_error(exc))
            return
        self._scanner = scanner
        set_level(self.message, "info", "")
        scanner.start()
        self._update_buttons()

    def stop_listening(self) -> None:
        """Stop the test scanner (its reader thread is joined in the background)."""
        self._stop()

    def _stop(self, then: Callable[[], None] | None = None) -> None:
        scanner = self._scanner
        self._disconnect_wedge()
        self._scanner = None

        def stopped(_result: object = None) -> None:
            self._stopping = False
            self._resume_app_scanner()
            self._show_state(ScannerState.STOPPED.value)
            self._update_buttons()
            if then is not None:
                then()

        if scanner is None:
            stopped()
            return
        self._stopping = True
        self._update_buttons()
        self.ctx.tasks.run(scanner.stop, stopped, stopped, description="stop test scanner")

    def _resume_app_scanner(self) -> None:
        if self._paused_app_scanner:
            self._paused_app_scanner = False
            self.ctx.scanning.start()

    def _disconnect_wedge(self) -> None:
        if self._listening_wedge:
            self.ctx.scanning.scanned.disconnect(self._wedge_scan)
            self._listening_wedge = False

    def _scan(self, event: ScanEvent | DiscardEvent) -> None:
        self.model.add(scan_row(event))

    def _wedge_scan(self, text: str) -> None:
        # The key filter hands over the normalised text only; its keys are the "raw" bytes.
        self.model.add(scan_row(ScanEvent(text, text.encode("utf-8"), None, b"", 0.0, "wedge")))

    def _fit_columns(self) -> None:
        for column in range(self.model.columnCount() - 1):
            self.table.resizeColumnToContents(column)

    def _status(self, event: StatusEvent) -> None:
        self._show_state(event.state.value, event.detail)

    def _show_state(self, state: str, detail: str = "") -> None:
        self._state = state
        words = {
            ScannerState.STOPPED.value: self.tr("Not listening."),
            ScannerState.CONNECTING.value: self.tr("Opening the scanner…"),
            ScannerState.CONNECTED.value: self.tr("Connected: scan a barcode."),
            ScannerState.DISCONNECTED.value: self.tr("The scanner went away."),
            ScannerState.RECONNECTING.value: self.tr("Waiting for the scanner to come back…"),
            "wedge": self.tr("Keyboard scanner: scan a barcode; the app's keyboard filter reads it."),
        }.get(state, state)
        level = "success" if state in ("connected", "wedge") else "warning"
        set_level(self.state, level, f"{words} ({detail})" if detail else words)

    # -- saving -----------------------------------------------------------------------------------

    def save(self) -> None:
        """Write the fields to the terminal configuration (validated as ``config set`` does)."""
        options = self.form_values().config_options()
        path = self.ctx.config.path
        self.runner.run(
            lambda: save_options(path, options),
            self._saved,
            working=self.tr("Saving…"),
            description="save scanner settings",
        )

    def _saved(self, config: Config) -> None:
        if (self._scanner is not None or self._stopping) and self.ctx.scanning.running:
            # The test holds a port, maybe the one just saved: the till's scanner waits for it to end.
            self.ctx.scanning.stop()
            self._paused_app_scanner = True
        self.ctx.apply_device_settings(config)
        set_level(self.message, "success", self.tr("Saved. The till uses these scanner settings now."))

    def _update_buttons(self) -> None:
        self.stop_button.setEnabled(self.listening)
        self.listen_button.setEnabled(not self._stopping)

    # -- Screen -----------------------------------------------------------------------------------

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the screen ends the test, so the till's own scanner gets its port back.
        if self.listening:
            self._stop()
        super().hideEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Scanner set-up"))
        for label, text in zip(
            self.labels,
            (self.tr("Device URL"), self.tr("Terminator"), self.tr("Prefix"), self.tr("Suffix")),
            strict=True,
        ):
            label.setText(text)
        self.url.setPlaceholderText(self.tr("serial:///dev/ttyUSB0?baudrate=9600, wedge, hid://VID:PID"))
        self.find_button.setText(self.tr("Find ports"))
        self.listen_button.setText(self.tr("Listen"))
        self.stop_button.setText(self.tr("Stop"))
        self.save_button.setText(self.tr("Save settings"))
        self.clear_button.setText(self.tr("Clear"))
        self.ports.setPlaceholderText(self.tr("Ports found"))
        names = {
            Terminator.AUTO: self.tr("Automatic: CR, LF, CR LF or Tab"),
            Terminator.CR: self.tr("CR (Enter)"),
            Terminator.LF: self.tr("LF (line feed)"),
            Terminator.CRLF: self.tr("CR LF"),
            Terminator.TAB: self.tr("Tab"),
            Terminator.NONE: self.tr("None: a pause ends the scan"),
        }
        for index in range(self.terminator.count()):
            self.terminator.setItemText(index, names[self.terminator.itemData(index)])
        self.whole.setText(self.tr("Show whole numbers"))
        self.model.locale = self.ctx.locale  # money and dates follow the language
        self.model.retranslate()
        self._show_state(self._state)


SCREENS = [ScannerSetupScreen]
