"""The scanner set-up's live view: what arrived (``ScanRow``), newest first, masked by default."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject

from drivers.scanners import DiscardEvent, ScanEvent
from pos_client.masking import mask_number
from ui.models.table import Column, RowsModel, time_text


def masked_hex(raw: bytes, text: str, *, whole: bool = False) -> str:
    """``raw`` as hex pairs, the bytes of the card number masked except its last 4 characters.

    Everything around the number (AIM identifier, programmed prefix and suffix, control bytes) stays
    readable: that is what a technician sets the scanner up from.
    """
    pairs = [f"{byte:02x}" for byte in raw]
    if whole or not text:
        return " ".join(pairs)
    shown = len(text) - mask_number(text).count("*")
    start = raw.find(text.encode("latin-1", errors="replace"))
    if start >= 0:
        for i in range(start, start + len(text) - shown):
            pairs[i] = "••"
    else:  # the text was changed by normalisation; hide every printable byte but the last few
        printable = [i for i, byte in enumerate(raw) if 0x20 <= byte < 0x7F]
        for i in printable[: max(0, len(printable) - shown)]:
            pairs[i] = "••"
    return " ".join(pairs)


@dataclass(frozen=True)
class ScanRow:
    """One line of the scanner's live view."""

    time: dt.datetime
    kind: str  # "scan" | "discard"
    raw: bytes
    text: str  # the normalised scan ("" for discarded input)
    symbology: str | None
    detail: str  # the discard reason, or a note (unreadable bytes skipped)
    source: str

    def shown_text(self, whole: bool) -> str:
        return self.text if whole else mask_number(self.text)

    def shown_hex(self, whole: bool) -> str:
        return masked_hex(self.raw, self.text, whole=whole)


def scan_row(event: ScanEvent | DiscardEvent, now: dt.datetime | None = None) -> ScanRow:
    """A scanner event as a :class:`ScanRow`."""
    when = now or dt.datetime.now(dt.UTC)
    if isinstance(event, ScanEvent):
        detail = f"{len(event.invalid)} unreadable bytes skipped" if event.invalid else ""
        return ScanRow(when, "scan", event.raw, event.text, event.symbology, detail, event.source)
    return ScanRow(when, "discard", event.raw, "", None, event.reason.value, event.source)


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
