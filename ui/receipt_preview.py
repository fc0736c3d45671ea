"""The on-screen slip: the PNG the ESC/POS emulator rendered for the last slip, with Reprint."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

PREFERRED_WIDTH = 330  # an 80 mm slip stays legible; the main window may give less on small screens


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
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image = QLabel(self.scroll_area)
        self.image.setObjectName("slipImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll_area.setWidget(self.image)
        layout.addWidget(self.scroll_area, 1)
        self.reprint = QPushButton(self)
        self.reprint.setObjectName("reprintButton")
        self.reprint.clicked.connect(self.reprint_requested)
        layout.addWidget(self.reprint)
        self._has_slip = False
        self._pixmap: QPixmap | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("receipt_preview", "Last slip"))
        self.reprint.setText(QCoreApplication.translate("receipt_preview", "Reprint (F9)"))
        if not self._has_slip:
            self.image.setText(QCoreApplication.translate("receipt_preview", "No slip printed yet."))

    @property
    def has_slip(self) -> bool:
        """True once a slip is shown."""
        return self._has_slip

    def show_png(self, png: bytes) -> None:
        """Show a rendered slip, scaled to the panel's width at most."""
        pixmap = QPixmap()
        if not pixmap.loadFromData(png, "PNG"):
            return
        self._has_slip = True
        self._pixmap = pixmap
        self._render()

    def sizeHint(self) -> QSize:
        return QSize(PREFERRED_WIDTH, super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render()

    def _render(self) -> None:
        if self._pixmap is None:
            return
        width = max(160, self.scroll_area.viewport().width() - 16)
        pixmap = self._pixmap
        if pixmap.width() > width:
            pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(pixmap)
