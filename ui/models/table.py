"""A read-only table model over a list of plain values, and the formatting its columns share.

A concrete model lists its :class:`Column` objects (a translated header and how to show one row);
:class:`RowsModel` does the Qt side: row and column counts, display text, alignment, the row object
itself under :data:`ROW_ROLE`, and a model reset whenever new rows arrive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from pos_client.money import format_money

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # data(index, ROW_ROLE) is the row's domain object
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a sortable value (numbers and times, not their text)

_Index = QModelIndex | QPersistentModelIndex
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    """One column: its header and how a row shows in it.

    Attributes:
        header: the translated header text.
        text: the display text of a row.
        numeric: right-aligned (amounts, counts, points).
        tooltip: an optional longer text of a row (e.g. the whole server reason).
        sort_key: the value to sort by (default: the display text).
    """

    header: str
    text: Callable[[Any], str]
    numeric: bool = False
    tooltip: Callable[[Any], str] | None = None
    sort_key: Callable[[Any], Any] | None = None


class RowsModel(QAbstractTableModel):
    """A table of ``rows`` shown through ``columns()`` (see the module doc).

    Subclasses implement :meth:`columns`; it is called again on :meth:`retranslate`, so headers
    follow a language change.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._columns: list[Column] = self.columns()

    def columns(self) -> list[Column]:
        """The columns, with translated headers."""
        raise NotImplementedError

    def retranslate(self) -> None:
        """Rebuild headers (and texts) in the current language."""
        self.beginResetModel()
        self._columns = self.columns()
        self.endResetModel()

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show ``rows`` instead of the current ones."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        """The rows shown (a copy)."""
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        """The domain object of row ``row``."""
        return self._rows[row]

    def column_headers(self) -> list[str]:
        return [c.header for c in self._columns]

    def text(self, row: int, column: int) -> str:
        """The display text of one cell (tests and copying read this)."""
        return self._columns[column].text(self._rows[row])

    # -- QAbstractTableModel ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if column.numeric else _LEFT)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return column.sort_key(row) if column.sort_key else column.text(row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].header
        return None


# -- formatting shared by the models --------------------------------------------------------------


def money_text(amount: Decimal | None, currency: str, locale: str) -> str:
    """``12,50 zł`` for the locale; "" for no amount."""
    return "" if amount is None else format_money(amount, currency, locale)


def points_text(points: int | None) -> str:
    return "" if points is None else f"{points:,}".replace(",", "\u202f")


def time_text(moment: dt.datetime | None, locale: str) -> str:
    """A UTC time in this machine's zone, short date and time as the locale writes them."""
    if moment is None:
        return ""
    qt_time = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    return QLocale(locale).toString(qt_time, QLocale.FormatType.ShortFormat)


def age_text(seconds: float | None) -> str:
    """``45 s``, ``12 min``, ``3.5 h`` (as ``loyalty-pos queue status`` says it), translated."""
    t = QCoreApplication.translate
    if seconds is None:
        return "–"
    if seconds < 120:
        return t("models", "{n} s").format(n=int(seconds))
    if seconds < 7200:
        return t("models", "{n} min").format(n=int(seconds // 60))
    return t("models", "{n} h").format(n=f"{seconds / 3600:.1f}")
