"""A card's history (``Transaction`` rows, newest first) as a table."""

from __future__ import annotations

from PySide6.QtCore import QObject

from pos_client.domain import Transaction
from pos_client.masking import shown_reference
from ui.models.labels import operation_name
from ui.models.table import Column, RowsModel, money_text, points_text, time_text


class HistoryModel(RowsModel):
    """Transactions of one instrument.

    Args:
        currency: the card's currency (amounts are in it).
        locale: money and date formatting (``pl_PL``, ``en_GB``).
    """

    def __init__(self, currency: str = "PLN", locale: str = "en_GB", parent: QObject | None = None) -> None:
        self.currency = currency
        self.locale = locale
        super().__init__(parent)

    def set_history(self, transactions: tuple[Transaction, ...], currency: str) -> None:
        """Show ``transactions`` of a card in ``currency``."""
        self.currency = currency
        self.set_rows(transactions)

    def columns(self) -> list[Column]:
        def where(t: Transaction) -> str:
            if t.store is None:
                return t.merchant_id or ""
            return self.tr("Store {store} / POS {pos}").format(store=t.store, pos=t.pos or "–")

        return [
            Column(
                self.tr("When"), lambda t: time_text(t.created, self.locale), sort_key=lambda t: t.created
            ),
            Column(self.tr("Operation"), lambda t: operation_name(t.type)),
            Column(
                self.tr("Amount"), lambda t: money_text(t.amount, self.currency, self.locale), numeric=True
            ),
            Column(
                self.tr("Balance after"),
                lambda t: money_text(t.balance_after, self.currency, self.locale),
                numeric=True,
            ),
            Column(self.tr("Points"), lambda t: points_text(t.points), numeric=True),
            Column(self.tr("Points after"), lambda t: points_text(t.points_after), numeric=True),
            Column(self.tr("Where"), where),
            Column(self.tr("Reference"), lambda t: shown_reference(t.type, t.reference) or ""),
        ]
