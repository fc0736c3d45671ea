"""Small dialogs of the till: the reason to block a card, and a new card or note from a series.

They collect input only; the cashier screen hands it to the controller. Opened with ``open()``
(never a nested event loop), so tests and the rest of the app keep running while they are up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain import AmountMode, PointsProduct, Series, Transaction
from pos_client.money import MoneyError, format_money, parse_amount
from pos_client.points_returns import SaleToReturn
from pos_client.service import BLOCK_REASONS
from ui.errors import describe_error
from ui.keypad import Keypad

ROW_HEIGHT = 48  # px: rows of a list picked by touch
PRODUCT_ROW_HEIGHT = 64  # px: a product bought with points is one tap on a big button


def block_reason_words(reason: str) -> str:
    """The translated block reason."""
    return {
        "lost": QCoreApplication.translate("cashier", "Lost"),
        "stolen": QCoreApplication.translate("cashier", "Stolen"),
        "damaged": QCoreApplication.translate("cashier", "Damaged"),
        "fraud_suspected": QCoreApplication.translate("cashier", "Fraud suspected"),
        "customer_request": QCoreApplication.translate("cashier", "The customer asked"),
        "other": QCoreApplication.translate("cashier", "Other"),
    }.get(reason, reason)


def _buttons(dialog: QDialog, ok_text: str) -> tuple[QHBoxLayout, QPushButton]:
    row = QHBoxLayout()
    cancel = QPushButton(QCoreApplication.translate("cashier", "Cancel"), dialog)
    cancel.clicked.connect(dialog.reject)
    ok = QPushButton(ok_text, dialog)
    ok.setProperty("role", "primary")
    ok.setDefault(True)
    row.addWidget(cancel)
    row.addWidget(ok)
    return row, ok


class BlockDialog(QDialog):
    """Why the card is blocked.

    Signals:
        chosen(str): the reason code (``lost``, ``stolen``...).
    """

    chosen = Signal(str)

    def __init__(self, masked_number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blockDialog")
        self.setWindowTitle(QCoreApplication.translate("cashier", "Block card"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        title = QLabel(
            QCoreApplication.translate("cashier", "Block card {number}?").format(number=masked_number), self
        )
        title.setObjectName("dialogTitle")
        layout.addWidget(title)
        layout.addWidget(QLabel(QCoreApplication.translate("cashier", "Reason"), self))
        self.reason = QComboBox(self)
        for code in BLOCK_REASONS:
            self.reason.addItem(block_reason_words(code), code)
        layout.addWidget(self.reason)
        row, self.ok = _buttons(self, QCoreApplication.translate("cashier", "Block"))
        self.ok.setProperty("role", "danger")
        self.ok.clicked.connect(self._ok)
        layout.addLayout(row)

    def _ok(self) -> None:
        code = str(self.reason.currentData())
        self.accept()
        self.chosen.emit(code)


class IssueDialog(QDialog):
    """A new live-printed gift card or store-credit note: the series and the amount.

    Args:
        series: the series this terminal may issue from (of one kind).
        title: the dialog's title.
        locale: for amounts.

    Signals:
        chosen(str, object): series number and amount (``Decimal``, or None for a fixed series).
    """

    chosen = Signal(str, object)

    def __init__(self, series: list[Series], title: str, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issueDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._series = {s.series_number: s for s in series}
        self._locale = locale
        layout = QVBoxLayout(self)
        heading = QLabel(title, self)
        heading.setObjectName("dialogTitle")
        layout.addWidget(heading)
        self.series = QComboBox(self)
        for s in series:
            self.series.addItem(s.description, s.series_number)
        self.series.currentIndexChanged.connect(self._series_changed)
        layout.addWidget(self.series)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        layout.addWidget(self.hint)
        self.amount = QLineEdit(self)
        self.amount.setObjectName("issueAmount")
        self.amount.setPlaceholderText(QCoreApplication.translate("cashier", "Amount"))
        self.amount.returnPressed.connect(self._ok)
        layout.addWidget(self.amount)
        self.error = QLabel(self)
        self.error.setProperty("level", "error")
        self.error.hide()
        layout.addWidget(self.error)
        self.keypad = Keypad(self.amount, locale=locale, parent=self)
        self.keypad.entered.connect(self._ok)
        layout.addWidget(self.keypad)
        row, self.ok = _buttons(self, QCoreApplication.translate("cashier", "Issue"))
        self.ok.clicked.connect(self._ok)
        layout.addLayout(row)
        self._series_changed()
        # The digits a cashier types next are the amount (Enter issues); a fixed series: Enter issues.
        (self.amount if self.amount.isEnabled() else self.ok).setFocus()

    def _current(self) -> Series | None:
        return self._series.get(str(self.series.currentData()))

    def _series_changed(self) -> None:
        series = self._current()
        if series is None:
            return
        fixed = series.amount_mode is AmountMode.FIXED and series.fixed_amount is not None
        self.amount.setEnabled(not fixed)
        if fixed and series.fixed_amount is not None:
            self.hint.setText(
                QCoreApplication.translate("cashier", "Fixed amount: {amount}").format(
                    amount=format_money(series.fixed_amount, series.currency, self._locale)
                )
            )
        elif series.min_amount is not None and series.max_amount is not None:
            self.hint.setText(
                QCoreApplication.translate("cashier", "From {low} to {high}").format(
                    low=format_money(series.min_amount, series.currency, self._locale),
                    high=format_money(series.max_amount, series.currency, self._locale),
                )
            )
        else:
            self.hint.clear()

    def _ok(self) -> None:
        series = self._current()
        if series is None:
            return
        amount: Decimal | None = None
        if self.amount.isEnabled():
            try:
                amount = parse_amount(self.amount.text(), series.currency, self._locale)
            except MoneyError as exc:
                self.error.setText(describe_error(exc))
                self.error.show()
                return
        self.accept()
        self.chosen.emit(series.series_number, amount)


class ReturnDialog(QDialog):
    """Which sale the customer brings goods back from: the card's sales that earned points.

    The returnable sales come first, newest first, and the first of them is chosen; a sale already
    returned in full is listed after them, marked and not selectable. Rows are touch-sized.

    Args:
        sales: the card's points sales (:func:`~pos_client.points_returns.sales_to_return`).
        locale: for dates.
        amount: the returned amount typed on the till (None: the whole sale).
        money: formats an amount in the card's currency.

    Signals:
        chosen(str): the operation id of the sale.
    """

    chosen = Signal(str)

    def __init__(
        self,
        sales: list[SaleToReturn],
        locale: str,
        amount: Decimal | None,
        money: Callable[[Decimal | None], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("returnDialog")
        self.setWindowTitle(QCoreApplication.translate("cashier", "Return points"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        title = QLabel(QCoreApplication.translate("cashier", "Which sale are the goods from?"), self)
        title.setObjectName("dialogTitle")
        layout.addWidget(title)
        scope = (
            QCoreApplication.translate("cashier", "Points are taken back for {amount} of it.").format(
                amount=money(amount)
            )
            if amount is not None
            else QCoreApplication.translate("cashier", "Every point the sale earned is taken back.")
        )
        hint = QLabel(scope, self)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.sales = QListWidget(self)
        self.sales.setObjectName("salesList")
        qlocale = QLocale(locale)
        for entry in sales:
            sale = entry.sale
            moment = QDateTime.fromSecsSinceEpoch(int(sale.created.timestamp()))  # the till's local time
            when = qlocale.toString(moment, QLocale.FormatType.ShortFormat)
            text = QCoreApplication.translate("cashier", "{when} · {points} points").format(
                when=when, points=sale.points or 0
            )
            if sale.reference:
                text += f" · {sale.reference}"
            if not entry.returnable:
                text += " · " + QCoreApplication.translate("cashier", "already returned")
            elif entry.points_left < (sale.points or 0):
                text += " · " + QCoreApplication.translate("cashier", "{points} points left").format(
                    points=entry.points_left
                )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, sale.operation_id)
            item.setSizeHint(QSize(0, ROW_HEIGHT))  # a finger's height, not a mouse pointer's
            if not entry.returnable:
                item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable))
            self.sales.addItem(item)
        first = next((i for i, entry in enumerate(sales) if entry.returnable), -1)
        self.sales.setCurrentRow(first)
        self.sales.itemDoubleClicked.connect(lambda _: self._ok())
        layout.addWidget(self.sales)
        row, self.ok = _buttons(self, QCoreApplication.translate("cashier", "Return"))
        self.ok.clicked.connect(self._ok)
        layout.addLayout(row)

    def _ok(self) -> None:
        item = self.sales.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        original = str(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
        self.chosen.emit(original)


class RefundDialog(QDialog):
    """Which payment a refund gives back: the card's payments with something left to refund.

    A refund never gives back more than is left of its payment (the server keeps that amount; the
    history shows it), so a payment with less left than the amount typed cannot be chosen.

    Args:
        payments: the card's refundable payments (commits), newest first.
        locale: for dates.
        amount: the amount to refund, typed on the till.
        money: formats an amount in the card's currency.

    Signals:
        chosen(str): the operation id of the payment.
    """

    chosen = Signal(str)

    def __init__(
        self,
        payments: list[Transaction],
        locale: str,
        amount: Decimal,
        money: Callable[[Decimal | None], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("refundDialog")
        self.setWindowTitle(QCoreApplication.translate("cashier", "Refund"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        title = QLabel(QCoreApplication.translate("cashier", "Which payment is refunded?"), self)
        title.setObjectName("dialogTitle")
        layout.addWidget(title)
        hint = QLabel(
            QCoreApplication.translate(
                "cashier", "{amount} goes back to the card, at most what is left of the payment."
            ).format(amount=money(amount)),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.payments = QListWidget(self)
        self.payments.setObjectName("paymentsList")
        qlocale = QLocale(locale)
        first_usable = -1
        for row, payment in enumerate(payments):
            moment = QDateTime.fromSecsSinceEpoch(int(payment.created.timestamp()))  # the till's local time
            text = QCoreApplication.translate(
                "cashier", "{when} · paid {paid} · {left} left to refund"
            ).format(
                when=qlocale.toString(moment, QLocale.FormatType.ShortFormat),
                paid=money(payment.amount),
                left=money(payment.reversible),
            )
            if payment.reference:
                text += f" · {payment.reference}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, payment.operation_id)
            if (payment.reversible or Decimal(0)) < amount:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsSelectable)
            elif first_usable < 0:
                first_usable = row
            self.payments.addItem(item)
        self.payments.setCurrentRow(first_usable)
        self.payments.itemDoubleClicked.connect(lambda _: self._ok())
        layout.addWidget(self.payments)
        self.error = QLabel(self)
        self.error.setProperty("level", "error")
        self.error.setWordWrap(True)
        self.error.setVisible(first_usable < 0)
        self.error.setText(
            QCoreApplication.translate(
                "cashier", "No payment of this card has {amount} left to refund."
            ).format(amount=money(amount))
        )
        layout.addWidget(self.error)
        row_layout, self.ok = _buttons(self, QCoreApplication.translate("cashier", "Refund"))
        self.ok.setEnabled(first_usable >= 0)
        self.ok.clicked.connect(self._ok)
        layout.addLayout(row_layout)

    def _ok(self) -> None:
        item = self.payments.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        original = str(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
        self.chosen.emit(original)


class ProductDialog(QDialog):
    """What the customer buys with points: one big button per product of the card, with its price in
    points; a product the card cannot afford is shown greyed and cannot be tapped. A tap buys it.

    Args:
        products: the card's products priced in points (``Instrument.points_products``).
        balance: the card's points now.
        points_text: writes a number of points as the locale does.

    Signals:
        chosen(str): the product code.
    """

    chosen = Signal(str)

    def __init__(
        self,
        products: Sequence[PointsProduct],
        balance: int,
        points_text: Callable[[int], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("productDialog")
        self.setWindowTitle(QCoreApplication.translate("cashier", "Buy with points"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        title = QLabel(QCoreApplication.translate("cashier", "Which product does the customer take?"), self)
        title.setObjectName("dialogTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        hint = QLabel(
            QCoreApplication.translate("cashier", "The card has {points} points.").format(
                points=points_text(balance)
            ),
            self,
        )
        hint.setObjectName("hint")
        layout.addWidget(hint)
        # Many products scroll inside the dialog: it never grows past a 1024x768 panel.
        scroll = QScrollArea(self)
        scroll.setObjectName("productScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget(scroll)
        rows = QVBoxLayout(inner)
        rows.setContentsMargins(0, 0, 0, 0)
        self.product_buttons: dict[str, QPushButton] = {}
        for product in products:
            affordable = product.points <= balance
            text = QCoreApplication.translate("cashier", "{product} · {points} points").format(
                product=product.description, points=points_text(product.points)
            )
            if not affordable:
                text += " · " + QCoreApplication.translate("cashier", "not enough points")
            button = QPushButton(text, inner)
            button.setObjectName(f"product_{product.product_code}")
            button.setProperty("role", "action")
            button.setMinimumHeight(PRODUCT_ROW_HEIGHT)
            button.setEnabled(affordable)
            button.clicked.connect(lambda _=False, code=product.product_code: self._chosen(code))
            rows.addWidget(button)
            self.product_buttons[product.product_code] = button
        rows.addStretch(1)
        scroll.setWidget(inner)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Up to five products show whole; more scroll (the dialog stays within a 1024x768 panel).
        shown = max(1, min(len(products), 5))
        scroll.setMinimumHeight(shown * (PRODUCT_ROW_HEIGHT + rows.spacing()))
        scroll.setMinimumWidth(min(max(inner.sizeHint().width(), 440), 880))
        layout.addWidget(scroll, 1)
        cancel = QPushButton(QCoreApplication.translate("cashier", "Cancel"), self)
        cancel.setMinimumHeight(ROW_HEIGHT)
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)
        self.adjustSize()

    def _chosen(self, code: str) -> None:
        self.accept()
        self.chosen.emit(code)
