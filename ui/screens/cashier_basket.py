"""The basket of a loyalty sale: lines by product code (and group) with quantity and price.

Points rules on the server can depend on products and groups (sections), not only on the amount, so
the till can earn on the lines of the sale. While the cashier adds lines the dialog asks for a preview
(:attr:`BasketDialog.changed`, answered with :meth:`BasketDialog.show_preview`); *Earn* hands the lines
over (:attr:`BasketDialog.chosen`). Opened with ``open()``, never a nested event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain import BasketLine
from pos_client.money import MoneyError, parse_amount
from ui.errors import describe_error


class BasketDialog(QDialog):
    """Lines of the sale for earning points, with a live preview.

    Args:
        currency: the card's currency (prices are parsed in it).
        locale: for typed prices ("4,50" in Polish).
        money: formats an amount in the card's currency.

    Signals:
        changed(list): the lines changed (the screen asks for a preview of them).
        chosen(list): earn on these lines.
    """

    changed = Signal(list)
    chosen = Signal(list)

    def __init__(
        self,
        currency: str,
        locale: str,
        money: Callable[[Decimal | None], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("basketDialog")
        self.setWindowTitle(QCoreApplication.translate("cashier", "Basket"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._currency, self._locale, self._money = currency, locale, money
        self.lines: list[BasketLine] = []
        layout = QVBoxLayout(self)
        title = QLabel(QCoreApplication.translate("cashier", "Lines of the sale"), self)
        title.setObjectName("dialogTitle")
        layout.addWidget(title)

        form = QGridLayout()
        self.product = QLineEdit(self)
        self.product.setPlaceholderText(QCoreApplication.translate("cashier", "Product code"))
        self.group = QLineEdit(self)
        self.group.setPlaceholderText(QCoreApplication.translate("cashier", "Group (optional)"))
        self.quantity = QSpinBox(self)
        self.quantity.setRange(1, 999)
        self.price = QLineEdit(self)
        self.price.setPlaceholderText(QCoreApplication.translate("cashier", "Unit price"))
        self.add = QPushButton(QCoreApplication.translate("cashier", "Add line"), self)
        self.add.clicked.connect(self._add)
        self.price.returnPressed.connect(self._add)
        for column, widget in enumerate((self.product, self.group, self.quantity, self.price, self.add)):
            form.addWidget(widget, 0, column)
        layout.addLayout(form)

        self.list = QListWidget(self)
        self.list.setObjectName("basketLines")
        layout.addWidget(self.list)
        self.remove = QPushButton(QCoreApplication.translate("cashier", "Remove line"), self)
        self.remove.clicked.connect(self._remove)
        layout.addWidget(self.remove)
        self.message = QLabel(self)
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.preview = QLabel(self)
        self.preview.setObjectName("earnPreview")
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)

        row = QHBoxLayout()
        cancel = QPushButton(QCoreApplication.translate("cashier", "Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.ok = QPushButton(QCoreApplication.translate("cashier", "Earn points"), self)
        self.ok.setProperty("role", "primary")
        self.ok.setEnabled(False)
        self.ok.clicked.connect(self._ok)
        row.addWidget(cancel)
        row.addWidget(self.ok)
        layout.addLayout(row)
        self.product.setFocus()

    def add_line(self, product: str, group: str, quantity: int, price: str) -> bool:
        """Add one line as typed (also what the *Add line* button does); False with a message if wrong."""
        code = product.strip().upper()
        if not code:
            self.message.setText(QCoreApplication.translate("cashier", "Type the product code."))
            return False
        try:
            unit_price = parse_amount(price, self._currency, self._locale)
        except MoneyError as exc:
            self.message.setText(describe_error(exc))
            return False
        line = BasketLine(
            product_code=code, group=group.strip() or None, quantity=quantity, unit_price=unit_price
        )
        self.lines.append(line)
        self.list.addItem(
            QCoreApplication.translate("cashier", "{quantity} × {product} {group} at {price}").format(
                quantity=quantity,
                product=code,
                group=f"({line.group})" if line.group else "",
                price=self._money(unit_price),
            )
        )
        self.message.clear()
        self._changed()
        return True

    def show_preview(self, text: str) -> None:
        """The screen's answer to :attr:`changed`."""
        self.preview.setText(text)

    def _add(self) -> None:
        if self.add_line(self.product.text(), self.group.text(), self.quantity.value(), self.price.text()):
            self.product.clear()
            self.price.clear()
            self.quantity.setValue(1)
            self.product.setFocus()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.lines):
            self.list.takeItem(row)
            del self.lines[row]
            self._changed()

    def _changed(self) -> None:
        self.ok.setEnabled(bool(self.lines))
        self.preview.clear()
        self.changed.emit(list(self.lines))

    def _ok(self) -> None:
        if self.lines:
            self.chosen.emit(list(self.lines))
            self.accept()
