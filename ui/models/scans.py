"""The scanner set-up's live view: what arrived (``ScanRow``), newest first, masked by default."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject

from ui.models.table import Column, RowsModel, time_text
from ui.screens.technician_devices import ScanRow

MAX_ROWS = 200


class ScanModel(RowsModel):
    """Scans and discarded input as they arrive.

    Args:
        locale: time formatting.
    """

    def __init__(self, locale: str = "en_GB", parent: QObject | None = None) -> None:
        self.locale = locale
        self.whole = False  # show whole numbers (a technician's explicit choice)
        super().__init__(parent)

    def add(self, row: ScanRow) -> None:
        """Put ``row`` on top (the oldest drop off after ``MAX_ROWS``)."""
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, row)
        self.endInsertRows()
        if len(self._rows) > MAX_ROWS:
            self.beginRemoveRows(QModelIndex(), MAX_ROWS, len(self._rows) - 1)
            del self._rows[MAX_ROWS:]
            self.endRemoveRows()

    def show_whole(self, whole: bool) -> None:
        """Show whole numbers and bytes, or mask all but the last 4 characters."""
        self.beginResetModel()
        self.whole = whole
        self.endResetModel()

    def columns(self) -> list[Column]:
        def what(row: ScanRow) -> str:
            if row.kind == "scan":
                return self.tr("Scan")
            return self.tr("Discarded ({reason})").format(reason=row.detail)

        return [
            Column(self.tr("When"), lambda r: time_text(r.time, self.locale)),
            Column(self.tr("What"), what),
            Column(self.tr("Normalised"), lambda r: r.shown_text(self.whole)),
            Column(self.tr("Symbology"), lambda r: f"]{r.symbology}" if r.symbology else ""),
            Column(self.tr("Raw bytes (hex)"), lambda r: r.shown_hex(self.whole), tooltip=lambda r: r.detail),
        ]
