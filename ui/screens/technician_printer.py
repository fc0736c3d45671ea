"""Technician: printer set-up — URL, profile, paper width; status (``DLE EOT``), test page with an
on-screen preview of what was sent, and saving the settings to the configuration."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from drivers.printers.emulator import EmulatorPrinter
from drivers.printers.emulator_render import RenderedReceipt
from drivers.printers.status import PrinterStatus, State
from pos_client.config import Config
from ui.screens import Screen
from ui.screens.manager_widgets import (
    BusyRunner,
    bind_key,
    form_grid,
    message_label,
    section_title,
    set_level,
    touch_button,
    touch_field,
)
from ui.screens.technician_devices import (
    PAPER_WIDTHS,
    PrinterForm,
    print_test_page,
    printer_profiles,
    printer_status,
    save_options,
)

if TYPE_CHECKING:
    from ui.context import AppContext


class PrinterSetupScreen(Screen):
    """Printer set-up, status and test page.

    Signals:
        preview_ready(bytes): the PNG of the test page as the emulator rendered it (any thread →
            GUI thread).
    """

    title = str(QT_TRANSLATE_NOOP("screens", "Printer"))
    order = 310
    preview_ready = Signal(bytes)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.last_status: PrinterStatus | None = None
        self._emulators: dict[tuple[str, int], EmulatorPrinter] = {}
        self._emulator_lock = threading.Lock()
        form = PrinterForm.from_config(ctx.config)

        self.heading = section_title(self)
        self.url = touch_field(QLineEdit(form.url, self))
        self.url.setObjectName("printerUrl")
        self.profile = touch_field(QComboBox(self))
        self.profile.setObjectName("printerProfile")
        self.profile.addItems(printer_profiles())
        self.profile.setCurrentText(form.profile)
        self.paper = touch_field(QComboBox(self))
        self.paper.setObjectName("paperWidth")
        for width in PAPER_WIDTHS:
            self.paper.addItem(f"{width} mm", width)
        self.paper.setCurrentIndex(max(0, self.paper.findData(form.paper_width_mm)))

        self.status_button = touch_button("", self, name="printerStatusButton")
        self.test_button = touch_button("", self, primary=True, name="testPageButton")
        self.save_button = touch_button("", self, name="savePrinterButton")
        self.status_button.clicked.connect(self.check_status)
        self.test_button.clicked.connect(self.print_test_page)
        self.save_button.clicked.connect(self.save)
        self.state = QLabel(self)
        self.state.setObjectName("printerState")
        self.message = message_label(self)
        self.preview = QLabel(self)
        self.preview.setObjectName("slipImage")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview_scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # a slip is tall
        scroll.setWidget(self.preview)
        self.preview_ready.connect(self._show_preview)
        self.preview_png: bytes | None = None

        self.labels = [QLabel(self) for _ in range(3)]
        form_layout = form_grid(
            [(self.labels[0], self.url), (self.labels[1], self.profile), (self.labels[2], self.paper)]
        )
        # Two rows: three buttons in a row do not fit beside the test page on a 1024x768 panel.
        buttons = QGridLayout()
        buttons.addWidget(self.test_button, 0, 0, 1, 2)
        buttons.addWidget(self.status_button, 1, 0)
        buttons.addWidget(self.save_button, 1, 1)
        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addLayout(form_layout)
        left.addLayout(buttons)
        left.addWidget(self.state)
        left.addWidget(self.message)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(scroll, 2)

        bind_key(self.status_button, "F5")
        bind_key(self.test_button, "Ctrl+T")
        bind_key(self.save_button, "Ctrl+S")
        self.runner = BusyRunner(
            ctx.tasks, [self.status_button, self.test_button, self.save_button], self.message, self
        )
        self.retranslate()

    # -- the form ---------------------------------------------------------------------------------

    def form_values(self) -> PrinterForm:
        width = self.paper.currentData()
        return PrinterForm(
            url=self.url.text().strip(),
            profile=self.profile.currentText(),
            paper_width_mm=width if isinstance(width, int) else 80,
        )

    def _emulator(self, form: PrinterForm) -> EmulatorPrinter:
        """The on-screen printer for the ``emulator`` URL (one per profile and width)."""
        key = (form.profile, form.paper_width_mm)
        with self._emulator_lock:
            emulator = self._emulators.get(key)
            if emulator is None:
                profile = form.settings(self.ctx.config).load_profile()
                emulator = EmulatorPrinter(profile, on_receipt=self._rendered)
                self._emulators[key] = emulator
            return emulator

    def _rendered(self, receipt: RenderedReceipt) -> None:  # any thread
        self.preview_ready.emit(receipt.png_bytes)

    # -- intent -----------------------------------------------------------------------------------

    def check_status(self) -> None:
        """Ask the printer for its status (in the background)."""
        form = self.form_values()
        settings = form.settings(self.ctx.config)
        self.runner.run(
            lambda: printer_status(settings, self._emulator(form)),
            self._show_status,
            working=self.tr("Asking the printer…"),
            on_failure=lambda _exc: self._show_state(State.OFFLINE.value),
            description="printer status",
        )

    def print_test_page(self) -> None:
        """Print the test page (in the background); the preview shows what the printer was sent."""
        form = self.form_values()
        settings = form.settings(self.ctx.config)

        def work() -> PrinterStatus:
            emulator = self._emulator(form)  # the printer itself for ``emulator``, else the preview
            return print_test_page(settings, emulator, preview=emulator)

        self.runner.run(
            work,
            self._printed,
            working=self.tr("Printing the test page…"),
            on_failure=lambda _exc: self._show_state(State.ERROR.value),
            description="printer test page",
        )

    def save(self) -> None:
        """Write the fields to the terminal configuration (validated as ``config set`` does)."""
        options = self.form_values().config_options()
        path = self.ctx.config.path
        self.runner.run(
            lambda: save_options(path, options),
            self._saved,
            working=self.tr("Saving…"),
            description="save printer settings",
        )

    # -- display ----------------------------------------------------------------------------------

    def _show_status(self, status: PrinterStatus) -> None:
        self.last_status = status
        self._show_state(status.state.value)

    def _printed(self, status: PrinterStatus) -> None:
        self._show_status(status)
        set_level(self.message, "success", self.tr("Test page sent. Every sample line must read correctly."))

    def _saved(self, config: Config) -> None:
        self.ctx.apply_device_settings(config)
        set_level(self.message, "success", self.tr("Saved. Slips go to this printer now."))

    def _show_state(self, state: str) -> None:
        words = {
            State.ONLINE.value: self.tr("Ready."),
            State.PAPER_NEAR_END.value: self.tr("Ready; the paper roll is nearly finished."),
            State.PAPER_OUT.value: self.tr("Out of paper."),
            State.COVER_OPEN.value: self.tr("The cover is open."),
            State.ERROR.value: self.tr("The printer reports an error."),
            State.OFFLINE.value: self.tr("Offline or not reachable."),
            State.UNKNOWN.value: self.tr("Connected; this connection cannot report the printer's status."),
        }.get(state, state)
        level = "success" if state in (State.ONLINE.value, State.UNKNOWN.value) else "warning"
        set_level(self.state, level, self.tr("Printer: {state}").format(state=words))

    def _show_preview(self, png: bytes) -> None:
        self.preview_png = png
        self._fit_preview()

    def _fit_preview(self) -> None:
        """The slip at the preview's width (a slip is read top to bottom: only height scrolls)."""
        if self.preview_png is None:
            return
        pixmap = QPixmap()
        pixmap.loadFromData(self.preview_png, "PNG")
        padding = self.preview.width() - self.preview.contentsRect().width()  # the theme's padding
        width = max(200, self.preview_scroll.viewport().width() - padding - 2)
        if pixmap.width() > width:
            pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_preview()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:  # a theme with another padding
            self._fit_preview()

    # -- Screen -----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Printer set-up"))
        for label, text in zip(
            self.labels, (self.tr("Printer URL"), self.tr("Profile"), self.tr("Paper width")), strict=True
        ):
            label.setText(text)
        self.url.setPlaceholderText(self.tr("tcp://192.168.1.50:9100, usb://VID:PID, serial://…, emulator"))
        self.status_button.setText(self.tr("Check status"))
        self.test_button.setText(self.tr("Print test page"))
        self.save_button.setText(self.tr("Save settings"))
        if self.preview_png is None:
            self.preview.setText(self.tr("The test page shows here."))
        if self.last_status is None:
            self.state.setText(self.tr("Printer: not checked yet."))


SCREENS = [PrinterSetupScreen]
