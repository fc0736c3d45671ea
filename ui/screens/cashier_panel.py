"""The card panel of the till: what the card on the counter is and holds, at a glance.

Display only: it receives a :class:`~ui.screens.cashier_controller.Card` and the locale, and sets
labels. The number is always masked (docs/ARCHITECTURE.md#security).
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from pos_client.domain import AmountMode, Instrument, Status
from pos_client.masking import mask_number, person_name
from pos_client.money import format_money
from pos_client.points_value import money_of
from ui.errors import kind_name
from ui.restyle import set_style_property
from ui.screens.cashier_dialogs import block_reason_words
from ui.screens.cashier_state import Card, as_of_time

UNUSABLE = frozenset({Status.BLOCKED, Status.EXPIRED, Status.CLOSED, Status.USED})
UNAFFORDABLE_COLOR = "#8a909a"  # grey on the light and the dark theme alike


def status_words(status: Status) -> tuple[str, str]:
    """The translated state of a card and its look (``ok``, ``warn``, ``bad``)."""
    return {
        Status.ACTIVE: (QCoreApplication.translate("cashier", "Active"), "ok"),
        Status.PREISSUED: (QCoreApplication.translate("cashier", "Not activated yet"), "warn"),
        Status.BLOCKED: (QCoreApplication.translate("cashier", "Blocked"), "bad"),
        Status.EXPIRED: (QCoreApplication.translate("cashier", "Expired"), "bad"),
        Status.CLOSED: (QCoreApplication.translate("cashier", "Closed"), "bad"),
        Status.USED: (QCoreApplication.translate("cashier", "Used"), "bad"),
    }[status]


def date_text(day: dt.date, locale: str) -> str:
    """A date as the locale writes it (short form)."""
    return QLocale(locale).toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def points_text(points: int, locale: str) -> str:
    """A number of points with the locale's digit grouping."""
    return QLocale(locale).toString(points)


class CardPanel(QFrame):
    """Kind, series, masked number, state, balance or points, expiry, customer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardPanel")
        self.isolate_personal_data = False  # names as initials only (``[ui] isolate_personal_data``)
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        self.kind = QLabel(self)
        self.kind.setObjectName("cardKind")
        self.series = QLabel(self)
        self.series.setObjectName("cardSeries")
        self.number = QLabel(self)
        self.number.setObjectName("cardNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.state = QLabel(self)
        self.state.setObjectName("cardState")
        self.balance = QLabel(self)
        self.balance.setObjectName("cardBalance")
        self.detail = QLabel(self)
        self.detail.setObjectName("cardDetail")
        self.detail.setWordWrap(True)
        # The products the card can buy with points (rich text: those it cannot afford are grey).
        self.products = QLabel(self)
        self.products.setObjectName("cardProducts")
        self.products.setTextFormat(Qt.TextFormat.RichText)
        self.products.setWordWrap(True)
        self.expiry = QLabel(self)
        self.expiry.setObjectName("cardExpiry")
        self.customer = QLabel(self)
        self.customer.setObjectName("cardCustomer")
        for label in (self.kind, self.series, self.balance, self.expiry, self.customer):
            label.setWordWrap(True)  # long texts wrap; they never widen the till
        for label in (self.kind, self.series, self.number, self.state, self.balance, self.detail):
            layout.addWidget(label)
        layout.addWidget(self.products)
        layout.addWidget(self.expiry)
        layout.addWidget(self.customer)
        layout.addStretch(1)
        self._card: Card | None = None
        self._locale = "en_GB"
        self.show_card(None, self._locale)

    def show_card(self, card: Card | None, locale: str) -> None:
        """Show ``card`` (None: the empty till)."""
        self._card, self._locale = card, locale
        if card is None:
            self.kind.setText(QCoreApplication.translate("cashier", "No card"))
            self.series.setText(
                QCoreApplication.translate("cashier", "Scan a card or type its number above.")
            )
            self.series.show()
            for label in (
                self.number,
                self.state,
                self.balance,
                self.detail,
                self.products,
                self.expiry,
                self.customer,
            ):
                label.clear()
                label.hide()
            return
        if self.number.isHidden():  # the till was empty (the labels are shown and hidden together)
            for label in (self.number, self.state, self.balance, self.expiry, self.customer):
                label.show()
        instrument = card.instrument
        self.kind.setText(kind_name(instrument.kind).capitalize())
        description = card.series.description if card.series else instrument.series_number
        self.series.setText(description)
        self.number.setText(mask_number(instrument.number))
        words, look = status_words(instrument.status)
        if not instrument.acceptable_here:
            words, look = QCoreApplication.translate("cashier", "Not accepted in this store"), "bad"
        self.state.setText(words)
        set_style_property(self.state, "state", look)  # only on a change (~0.1 ms a scan)
        balance = self._balance(instrument)
        usable = instrument.acceptable_here and instrument.status not in UNUSABLE
        # A card that cannot be used shows what it holds in grey, its state first: never in the big
        # blue of money the customer can spend.
        self.balance.setText(
            balance
            if usable or not balance
            else QCoreApplication.translate("cashier", "{state}: {balance} (cannot be used)").format(
                state=words, balance=balance
            )
        )
        set_style_property(self.balance, "usable", "true" if usable else "false")
        # A coupon's offer is its series' description: say it once.
        self.series.setVisible(
            balance != description and description.strip().lower() != kind_name(instrument.kind).lower()
        )
        detail = "\n".join(
            filter(None, (self._last_known(instrument), self._detail(instrument), self._sale_hint(card)))
        )
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        products = self._products(instrument) if usable else ""
        self.products.setText(products)
        self.products.setVisible(bool(products))
        self.expiry.setText(
            QCoreApplication.translate("cashier", "Valid until {date}").format(
                date=date_text(instrument.expiry_date, locale)
            )
            if instrument.expiry_date
            else QCoreApplication.translate("cashier", "No expiry date")
        )
        customer = instrument.customer
        if customer is not None:
            name = (
                person_name(customer.first_name, customer.last_name, isolate=self.isolate_personal_data)
                or customer.customer_id
            )
            self.customer.setText(QCoreApplication.translate("cashier", "Customer: {name}").format(name=name))
        else:
            self.customer.setText(QCoreApplication.translate("cashier", "No customer linked"))

    def _last_known(self, instrument: Instrument) -> str:
        """The mark of a card the server could not show: when it was last seen (what waits in the
        offline queue on it is counted in the balance shown)."""
        if instrument.as_of is None:
            return ""
        return QCoreApplication.translate("cashier", "Offline: last known, as of {time}").format(
            time=as_of_time(instrument.as_of)
        )

    def _money(self, amount: Decimal, currency: str) -> str:
        return format_money(amount, currency, self._locale)

    def _balance(self, instrument: Instrument) -> str:
        if instrument.account is not None:
            return QCoreApplication.translate("cashier", "Available {amount}").format(
                amount=self._money(instrument.account.available, instrument.currency)
            )
        if instrument.points is not None and instrument.points.money:  # a loyalty money account
            return QCoreApplication.translate("cashier", "Available {amount}").format(
                amount=self._money(instrument.points.value, instrument.currency)
            )
        if instrument.points is not None:
            return QCoreApplication.translate("cashier", "{points} points").format(
                points=points_text(instrument.points.balance, self._locale)
            )
        if instrument.offer is not None:
            return instrument.offer.description
        return ""

    def _sale_hint(self, card: Card) -> str:
        """For a card still to be sold: the amount it is sold for, or the amounts it may be sold for."""
        series = card.series
        if card.instrument.status is not Status.PREISSUED or series is None:
            return ""
        if series.amount_mode is AmountMode.FIXED and series.fixed_amount is not None:
            return QCoreApplication.translate("cashier", "Sold for a fixed {amount}").format(
                amount=self._money(series.fixed_amount, series.currency)
            )
        if series.min_amount is not None and series.max_amount is not None:
            return QCoreApplication.translate("cashier", "Sold for {low} to {high}").format(
                low=self._money(series.min_amount, series.currency),
                high=self._money(series.max_amount, series.currency),
            )
        return ""

    def _products(self, instrument: Instrument) -> str:
        """The card's products priced in points, one a line (rich text); grey: not enough points."""
        if not instrument.points_products:
            return ""
        balance = instrument.points.balance if instrument.points is not None else 0
        lines = [html.escape(QCoreApplication.translate("cashier", "Buy with points:"))]
        for product in instrument.points_products:
            line = html.escape(
                QCoreApplication.translate("cashier", "{product} · {points} points").format(
                    product=product.description, points=points_text(product.points, self._locale)
                )
            )
            if product.points > balance:
                line = f'<span style="color:{UNAFFORDABLE_COLOR}">{line}</span>'
            lines.append(line)
        return "<br>".join(lines)

    def _detail(self, instrument: Instrument) -> str:
        lines: list[str] = []
        account = instrument.account
        if account is not None and account.authorized > 0:
            lines.append(
                QCoreApplication.translate("cashier", "Balance {net}, on hold {held}").format(
                    net=self._money(account.net, instrument.currency),
                    held=self._money(account.authorized, instrument.currency),
                )
            )
        points = instrument.points
        if points is not None and points.money:  # a loyalty money account: everything in money
            if points.pending:
                lines.append(
                    QCoreApplication.translate("cashier", "{amount} pending").format(
                        amount=self._money(money_of(points.pending, instrument), instrument.currency)
                    )
                )
            if points.expiring_soon and points.expiring_date:
                lines.append(
                    QCoreApplication.translate("cashier", "{amount} expires on {date}").format(
                        amount=self._money(money_of(points.expiring_soon, instrument), instrument.currency),
                        date=date_text(points.expiring_date, self._locale),
                    )
                )
        elif points is not None:
            lines.append(
                QCoreApplication.translate("cashier", "Worth {amount}").format(
                    amount=self._money(points.value, instrument.currency)
                )
            )
            if points.pending:
                lines.append(
                    QCoreApplication.translate("cashier", "{points} points pending").format(
                        points=points_text(points.pending, self._locale)
                    )
                )
            if points.expiring_soon and points.expiring_date:
                lines.append(
                    QCoreApplication.translate("cashier", "{points} points expire on {date}").format(
                        points=points_text(points.expiring_soon, self._locale),
                        date=date_text(points.expiring_date, self._locale),
                    )
                )
        reward = instrument.next_reward
        if reward is not None:
            lines.append(
                QCoreApplication.translate("cashier", "{points} points to a {value} reward").format(
                    points=points_text(reward.points_to_go, self._locale),
                    value=self._money(reward.reward_value, instrument.currency),
                )
            )
        if instrument.uses_left is not None:
            lines.append(
                QCoreApplication.translate("cashier", "Uses left: {n}").format(n=instrument.uses_left)
            )
        if instrument.block_reason:
            lines.append(
                QCoreApplication.translate("cashier", "Blocked: {reason}").format(
                    reason=block_reason_words(instrument.block_reason)  # "Lost", never the code "lost"
                )
            )
        return "\n".join(lines)
