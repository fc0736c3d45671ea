"""The customer-facing display: a second window, for a second screen turned towards the customer.

It shows what the customer should see and nothing else: the kind of card and its last four
characters (never the whole number), the balance or points, what was just paid and what remains,
the points just earned and how far the next reward is. It follows the till through three of its
signals (card on the counter, open hold, last operation) and clears itself when the till does.

:func:`customer_view` decides the words (plain, testable); :class:`CustomerDisplay` only shows them.
``[ui] customer_display``: ``auto`` (the default) opens it full screen on a second screen when
there is one, ``on`` always (a window of its own where there is one screen), ``off`` never.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pos_client.domain import Instrument, Kind, OperationResult, OperationState, OpType, Status


@dataclass(frozen=True)
class CustomerView:
    """What the customer sees: a title, one big line, a few smaller ones."""

    title: str = ""
    headline: str = ""
    lines: tuple[str, ...] = ()
    provisional: bool = False


def _kind_name(kind: Kind) -> str:
    return {
        Kind.GIFTCARD: QCoreApplication.translate("customer_display", "Gift card"),
        Kind.STORECREDIT: QCoreApplication.translate("customer_display", "Store credit"),
        Kind.COUPON: QCoreApplication.translate("customer_display", "Coupon"),
        Kind.LOYALTYCARD: QCoreApplication.translate("customer_display", "Loyalty card"),
    }[kind]


def customer_view(
    instrument: Instrument | None,
    last: OperationResult | None,
    money: Callable[[Decimal, str], str],
    held: Decimal | None = None,
) -> CustomerView:
    """The words for the customer about ``instrument`` after ``last`` (both may be None).

    Args:
        instrument: the card on the counter (the newest state the till has).
        last: the operation the till just ran on it, if any.
        money: formats an amount in a currency the way the till does.
        held: the amount of an open payment hold on it, if any.
    """
    if instrument is None:
        return CustomerView(headline=QCoreApplication.translate("customer_display", "Welcome"))
    title = f"{_kind_name(instrument.kind)} ••••{instrument.number[-4:]}"
    lines: list[str] = []
    provisional = last is not None and last.state is OperationState.QUEUED
    if instrument.status not in (Status.ACTIVE,):
        return CustomerView(
            title, QCoreApplication.translate("customer_display", "This card cannot be used"), (), provisional
        )
    if instrument.account is not None:
        headline = QCoreApplication.translate("customer_display", "Balance {amount}").format(
            amount=money(instrument.account.available, instrument.currency)
        )
        if held is not None:
            lines.append(
                QCoreApplication.translate("customer_display", "Being paid {amount}").format(
                    amount=money(held, instrument.currency)
                )
            )
        if last is not None and last.amount is not None:
            if last.type is OpType.COMMIT:
                lines.append(
                    QCoreApplication.translate("customer_display", "Paid {amount}").format(
                        amount=money(last.amount, instrument.currency)
                    )
                )
                lines.append(
                    QCoreApplication.translate("customer_display", "Remaining {amount}").format(
                        amount=money(instrument.account.available, instrument.currency)
                    )
                )
            elif last.type in (OpType.LOAD, OpType.ISSUE):
                lines.append(
                    QCoreApplication.translate("customer_display", "Added {amount}").format(
                        amount=money(last.amount, instrument.currency)
                    )
                )
            elif last.type in (OpType.REFUND, OpType.VOID):
                lines.append(
                    QCoreApplication.translate("customer_display", "Returned {amount}").format(
                        amount=money(last.amount, instrument.currency)
                    )
                )
        return CustomerView(title, headline, tuple(lines), provisional)
    if instrument.points is not None:
        headline = QCoreApplication.translate("customer_display", "{points} points").format(
            points=f"{instrument.points.balance:,}".replace(",", " ")
        )
        if last is not None and last.points:
            if last.type is OpType.EARN:
                lines.append(
                    QCoreApplication.translate("customer_display", "You earned {points} points").format(
                        points=last.points
                    )
                )
            elif last.type in (OpType.SPEND, OpType.COMMIT):
                lines.append(
                    QCoreApplication.translate("customer_display", "You spent {points} points").format(
                        points=last.points
                    )
                )
        reward = instrument.next_reward
        if reward is not None and reward.points_to_go > 0:
            lines.append(
                QCoreApplication.translate("customer_display", "{points} points to a {value} reward").format(
                    points=reward.points_to_go, value=money(reward.reward_value, instrument.currency)
                )
            )
        return CustomerView(title, headline, tuple(lines), provisional)
    if instrument.offer is not None:
        return CustomerView(title, instrument.offer.description, (), provisional)
    return CustomerView(title, "", (), provisional)


class CustomerDisplay(QWidget):
    """The window the customer looks at (see the module doc). Widgets only; words from
    :func:`customer_view`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerDisplay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the theme paints it (.qss)
        self.title = QLabel(self)
        self.title.setObjectName("customerTitle")
        self.headline = QLabel(self)
        self.headline.setObjectName("customerHeadline")
        self.headline.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setObjectName("customerDetails")
        self.details.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setObjectName("customerNote")
        self.note.setWordWrap(True)  # "Provisional: confirmed when the till is back online" was cut
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        for widget in (self.title, self.headline, self.details, self.note):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.view = CustomerView()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("customer_display", "Customer display"))
        if not self.view.title:  # "Welcome" (no till's card): said again in the new language
            self.show_view(customer_view(None, None, lambda amount, currency: f"{amount} {currency}"))

    def show_view(self, view: CustomerView) -> None:
        """Show ``view`` (not ``render``: that is QWidget's own, painting the widget on a device)."""
        self.view = view
        self.title.setText(view.title)
        self.headline.setText(view.headline)
        self.details.setText("\n".join(view.lines))
        self.note.setText(
            QCoreApplication.translate(
                "customer_display", "Provisional: confirmed when the till is back online"
            )
            if view.provisional
            else ""
        )
        self._fit()

    def _fit(self) -> None:
        """A window of its own grows to show every word of the view (a full screen has the room)."""
        layout = self.layout()
        if not self.isVisible() or self.isFullScreen() or layout is None or not layout.hasHeightForWidth():
            return  # (hidden: no layout work on the till's scan path for a display nobody sees)
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def texts(self) -> list[str]:
        """Everything the window shows, for tests and diagnostics."""
        return [label.text() for label in (self.title, self.headline, self.details, self.note)]

    def place(self, mode: str) -> bool:
        """Show the window as ``[ui] customer_display`` says; whether it is shown."""
        screens = QGuiApplication.screens()
        if mode == "off" or (mode == "auto" and len(screens) < 2):
            return False
        if len(screens) >= 2:
            geometry = screens[1].geometry()
            self.move(geometry.topLeft())
            self.resize(geometry.size())
            self.showFullScreen()
        else:
            # 800x600: a common customer display, and room for a headline of 64 px on one line
            self.resize(800, 600)
            self.show()
            self._fit()
        return True
