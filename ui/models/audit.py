"""Audit-log entries (offline overrides and queue decisions) as a table."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject

from pos_client.security import AuditEntry
from ui.models.labels import audit_action_name, operation_name
from ui.models.table import Column, RowsModel, money_text, time_text


class AuditModel(RowsModel):
    """Audit entries, newest first.

    Args:
        locale: date formatting.
    """

    def __init__(self, locale: str = "en_GB", currency: str = "PLN", parent: QObject | None = None) -> None:
        self.locale = locale
        self.currency = currency
        super().__init__(parent)

    def detail(self, entry: AuditEntry) -> str:
        """The entry's details in one line: operation, amount or points, the limit and its reason."""
        d: dict[str, Any] = dict(entry.details)
        parts = []
        if d.get("type"):
            parts.append(operation_name(str(d["type"])))
        if d.get("amount"):
            try:
                parts.append(money_text(Decimal(str(d["amount"])), self.currency, self.locale))
            except ArithmeticError:  # not an amount after all: show it as recorded
                parts.append(str(d["amount"]))
        if d.get("points"):
            parts.append(self.tr("{points} pts").format(points=d["points"]))
        if d.get("reason"):
            parts.append(str(d["reason"]))
        return " · ".join(parts)

    def columns(self) -> list[Column]:
        return [
            Column(self.tr("When"), lambda e: time_text(e.time, self.locale), sort_key=lambda e: e.time),
            Column(self.tr("What"), lambda e: audit_action_name(e.action)),
            Column(self.tr("Operator"), lambda e: e.operator_id),
            Column(self.tr("Approved by"), lambda e: e.approved_by or "–"),
            Column(self.tr("Card"), lambda e: e.subject or "–"),
            Column(
                self.tr("Details"), self.detail, tooltip=lambda e: str(dict(e.details).get("operationId", ""))
            ),
        ]
