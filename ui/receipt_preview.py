"""The on-screen slip: the PNG the ESC/POS emulator rendered for the last slip, with Reprint and zoom.

The panel beside the till is narrower than a slip (an 80 mm slip renders 576 px wide), so the slip is
first shown fitted to the panel's width; a cashier who cannot read it enlarges it: a click (tap) on
the slip toggles between fitted and actual size, the + / − buttons and Ctrl+= / Ctrl+- step the
zoom, Ctrl+0 fits it again. Signing off clears it (:meth:`ReceiptPreview.clear`): the next operator
never sees the last one's slip (a manager's day summary).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

PREFERRED_WIDTH = 330  # an 80 mm slip stays legible; the main window may give less on small screens
ZOOM_STEPS = (0.75, 1.0, 1.25, 1.5, 2.0)  # of the slip's own pixels (203 dpi); below them: fitted


class ReceiptPreview(QWidget):
    """Shows the last slip; its button asks for a reprint.

    Signals:
        reprint_requested(): the Reprint button was pressed.
    """

    reprint_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        layout.addWidget(self.title)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image = QLabel(self.scroll_area)
        self.image.setObjectName("slipImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image.setWordWrap(True)  # "No slip printed yet." in a narrow panel that never scrolls sideways
        self.image.installEventFilter(self)  # a click on the slip: actual size / fitted
        self.scroll_area.setWidget(self.image)
        layout.addWidget(self.scroll_area, 1)
        buttons = QHBoxLayout()
        self.zoom_out_button = QPushButton("−", self)
        self.zoom_out_button.setObjectName("zoomOutButton")
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button = QPushButton("+", self)
        self.zoom_in_button.setObjectName("zoomInButton")
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.reprint = QPushButton(self)
        self.reprint.setObjectName("reprintButton")
        self.reprint.clicked.connect(self.reprint_requested)
        buttons.addWidget(self.zoom_out_button)
        buttons.addWidget(self.zoom_in_button)
        buttons.addWidget(self.reprint, 1)
        layout.addLayout(buttons)
        for keys, slot in (
            (("Ctrl+=", "Ctrl++"), self.zoom_in),
            (("Ctrl+-",), self.zoom_out),
            (("Ctrl+0",), self.fit),
        ):
            for key in keys:
                QShortcut(QKeySequence(key), self, slot)  # window-wide: the till keeps its focus
        self._has_slip = False
        self._pixmap: QPixmap | None = None
        self._scale: float | None = None  # None: fitted to the panel's width
        self._enable_zoom()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("receipt_preview", "Last slip"))
        self.reprint.setText(QCoreApplication.translate("receipt_preview", "Reprint (F9)"))
        self.zoom_in_button.setToolTip(
            QCoreApplication.translate("receipt_preview", "Enlarge the slip (Ctrl+=)")
        )
        self.zoom_out_button.setToolTip(
            QCoreApplication.translate("receipt_preview", "Make the slip smaller (Ctrl+-)")
        )
        self.image.setToolTip(
            QCoreApplication.translate(
                "receipt_preview", "Click the slip to see it at full size, again to fit it."
            )
            if self._has_slip
            else ""
        )
        if not self._has_slip:
            self.image.setText(QCoreApplication.translate("receipt_preview", "No slip printed yet."))

    @property
    def has_slip(self) -> bool:
        """True once a slip is shown."""
        return self._has_slip

    @property
    def scale(self) -> float:
        """How large the slip is shown: 1.0 is its own pixels (below 1 when fitted to the panel)."""
        if self._pixmap is None or self._pixmap.width() == 0:
            return 1.0
        return self._scale if self._scale is not None else self._fit_scale()

    def show_png(self, png: bytes) -> None:
        """Show a rendered slip, fitted to the panel's width (or at the zoom the cashier chose)."""
        pixmap = QPixmap()
        if not pixmap.loadFromData(png, "PNG"):
            return
        self._has_slip = True
        self._pixmap = pixmap
        self._enable_zoom()
        self.retranslate()
        self._render()

    def clear(self) -> None:
        """Show no slip (an operator signed off: the next one must not see it) and fit the next one."""
        self._has_slip = False
        self._pixmap = None
        self._scale = None
        self.image.clear()
        self._enable_zoom()
        self.retranslate()

    def zoom_in(self) -> None:
        """The next larger zoom step."""
        if self._pixmap is None:
            return
        now = self.scale
        self._scale = next((s for s in ZOOM_STEPS if s > now + 0.01), ZOOM_STEPS[-1])
        self._render()

    def zoom_out(self) -> None:
        """The next smaller zoom step; below the fitted size, fitted."""
        if self._pixmap is None:
            return
        now, fit = self.scale, self._fit_scale()
        smaller = [s for s in ZOOM_STEPS if s < now - 0.01 and s > fit + 0.01]
        self._scale = smaller[-1] if smaller else None
        self._render()

    def fit(self) -> None:
        """Back to the slip fitted to the panel's width."""
        self._scale = None
        self._render()

    def toggle_zoom(self) -> None:
        """Fitted ↔ actual size (a click on the slip)."""
        if self._pixmap is None:
            return
        self._scale = 1.0 if self._scale is None and self._fit_scale() < 1.0 else None
        self._render()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.image
            and event.type() == QEvent.Type.MouseButtonRelease
            and self._pixmap is not None
        ):
            self.toggle_zoom()
            return True
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        return QSize(PREFERRED_WIDTH, super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render()

    def _enable_zoom(self) -> None:
        for button in (self.zoom_in_button, self.zoom_out_button):
            button.setEnabled(self._pixmap is not None)

    def _fit_scale(self) -> float:
        assert self._pixmap is not None
        width = max(160, self.scroll_area.viewport().width() - 16)
        return min(1.0, width / max(1, self._pixmap.width()))

    def _render(self) -> None:
        if self._pixmap is None:
            return
        width = round(self._pixmap.width() * self.scale)
        pixmap = self._pixmap
        if width != pixmap.width():
            pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(pixmap)
