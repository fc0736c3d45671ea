"""The offline queue's open operations (``QueueRow``) as a table."""

from __future__ import annotations

from PySide6.QtCore import QObject

from pos_client.queue_view import QueueRow
from ui.errors import refusal_words
from ui.models.labels import operation_name, queue_state_name
from ui.models.table import Column, RowsModel, money_text, points_text, time_text


class QueueModel(RowsModel):
    """Rows of the offline queue, oldest first; those needing attention are marked.

    Args:
        currency: the terminal's currency (queued amounts are in the series currency, which on one
            terminal is the terminal's).
        locale: money and date formatting.
    """

    def __init__(self, currency: str = "PLN", locale: str = "en_GB", parent: QObject | None = None) -> None:
        self.currency = currency
        self.locale = locale
        super().__init__(parent)

    def columns(self) -> list[Column]:
        def state(row: QueueRow) -> str:
            if row.applied_after_all:
                return self.tr("⚠ Applied after all")
            words = queue_state_name(row.state.value)
            return self.tr("⚠ {state}").format(state=words) if row.needs_attention else words

        def what(row: QueueRow) -> str:
            if row.amount is not None:
                return money_text(row.amount, self.currency, self.locale)
            return self.tr("{points} pts").format(points=points_text(row.points)) if row.points else ""

        def reason(row: QueueRow) -> str:
            words = refusal_words(row.code)  # the server's own text is English: by its code
            if words:
                return f"{words} ({row.code})"
            return f"{row.reason} ({row.code})" if row.code and row.code not in row.reason else row.reason

        return [
            Column(self.tr("State"), state),
            Column(
                self.tr("Made"), lambda r: time_text(r.created, self.locale), sort_key=lambda r: r.created
            ),
            Column(self.tr("Operation"), lambda r: operation_name(r.type)),
            Column(self.tr("Card"), lambda r: r.instrument or "–"),
            Column(self.tr("Amount"), what, numeric=True),
            Column(self.tr("Tries"), lambda r: str(r.attempts), numeric=True),
            Column(
                self.tr("Server's reason"),
                reason,
                tooltip=lambda r: "\n".join(filter(None, [reason(r), r.note])),
            ),
            Column(self.tr("Id"), lambda r: r.short_id, tooltip=lambda r: r.operation_id),
        ]

    def attention_rows(self) -> list[int]:
        """Indexes of the rows that need a manager."""
        return [i for i, row in enumerate(self.rows()) if row.needs_attention]
