"""The day summary's lines (``DayReportLine``) as a table, named in words by :mod:`pos_client.day_words`
(in the core's language, which the app keeps equal to its own)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from pos_client.day_words import day_line_name, day_line_order
from pos_client.domain import DayReport, DayReportLine
from ui.models.table import Column, RowsModel, money_text, points_text


class DayReportModel(RowsModel):
    """One row per (kind, operation type) of a day report.

    Args:
        locale: money formatting.
    """

    def __init__(self, locale: str = "en_GB", parent: QObject | None = None) -> None:
        self.locale = locale
        self.currency = "PLN"
        super().__init__(parent)

    def set_report(self, report: DayReport) -> None:
        """Show the lines of ``report``."""
        self.currency = report.currency
        self.set_rows(sorted(report.lines, key=day_line_order))

    def columns(self) -> list[Column]:
        def amount(line: DayReportLine) -> str:
            if line.kind == "loyaltycard" and not line.amount:
                return ""  # points lines carry no money
            return money_text(line.amount, self.currency, self.locale)

        def points(line: DayReportLine) -> str:
            return "" if line.kind != "loyaltycard" and not line.points else points_text(line.points)

        return [  # "Gift card top-ups voided": the same words as the slip and the CLI
            Column(self.tr("Operation"), day_line_name),
            Column(self.tr("Count"), lambda line: str(line.count), numeric=True),
            Column(self.tr("Amount"), amount, numeric=True),
            Column(self.tr("Points"), points, numeric=True),
        ]
