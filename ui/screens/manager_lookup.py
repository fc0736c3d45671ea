"""Manager: look a card up (scan or type) and see its balance, state and whole history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_client.domain import Instrument
from pos_client.masking import person_name
from ui.models.history import HistoryModel
from ui.models.labels import instrument_state_name, kind_name
from ui.models.table import money_text, points_text
from ui.screens import Screen
from ui.screens.manager_controller import CardLookup, ManagerController
from ui.screens.manager_widgets import (
    BusyRunner,
    message_label,
    section_title,
    stop_waiting_button,
    table_view,
    touch_button,
    touch_field,
)

if TYPE_CHECKING:
    from ui.context import AppContext


class BalanceLookupScreen(Screen):
    """Balance look-up with the card's history."""

    title = str(QT_TRANSLATE_NOOP("screens", "Card look-up"))
    order = 200

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.controller = ManagerController(ctx.service, ctx.gateway, ctx.core.audit)
        self.lookup: CardLookup | None = None

        self.heading = section_title(self)
        self.number = touch_field(QLineEdit(self))
        self.number.setObjectName("cardNumberField")
        self.number.setClearButtonEnabled(True)
        self.number.returnPressed.connect(self.look_up)
        self.look_up_button = touch_button("", self, primary=True, name="lookUpButton")
        self.look_up_button.clicked.connect(self.look_up)
        self.message = message_label(self)

        self.card = QFrame(self)
        self.card.setObjectName("cardPanel")
        self.card_form = QFormLayout(self.card)
        self.card_values: dict[str, QLabel] = {}
        self.card_labels: dict[str, QLabel] = {}
        for key in ("number", "kind", "state", "balance", "detail", "expiry", "customer"):
            label, value = QLabel(self.card), QLabel(self.card)
            value.setObjectName(f"card_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.card_labels[key], self.card_values[key] = label, value
            self.card_form.addRow(label, value)
        self.card.setVisible(False)

        self.history_title = section_title(self)
        self.history = HistoryModel(locale=ctx.locale, parent=self)
        self.table = table_view(self, stretch_column=7)
        self.table.setObjectName("historyTable")
        self.table.setModel(self.history)
        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")

        row = QHBoxLayout()
        row.addWidget(self.number, 1)
        row.addWidget(self.look_up_button)
        self.stop_waiting = stop_waiting_button(self)
        row.addWidget(self.stop_waiting)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.card)
        layout.addWidget(self.history_title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)

        self.runner = BusyRunner(
            ctx.tasks, [self.look_up_button, self.number], self.message, self, stop=self.stop_waiting
        )
        QShortcut(QKeySequence("Ctrl+L"), self, self.number.setFocus)
        ctx.scanning.scanned.connect(self._scanned)
        self.retranslate()

    # -- intent -----------------------------------------------------------------------------------

    def look_up(self) -> None:
        """Look the typed or scanned number up (in the background)."""
        number = self.number.text().strip()
        if not number:
            self.number.setFocus()
            return
        self.runner.run(
            lambda: self.controller.look_up(number),
            self._show,
            working=self.tr("Looking the card up…"),
            on_failure=lambda _exc: self._clear(),
            description="manager look-up",
        )

    def _scanned(self, text: str) -> None:
        if self.isVisible() and not self.runner.busy:
            self.number.setText(text)
            self.look_up()

    # -- display ----------------------------------------------------------------------------------

    def _show(self, lookup: CardLookup) -> None:
        self.lookup = lookup
        card = lookup.instrument
        values = self.card_values
        values["number"].setText(lookup.masked_number)
        values["kind"].setText(f"{kind_name(card.kind.value)} · {card.series_number}")
        state = instrument_state_name(card.status.value)
        if card.block_reason:
            state = self.tr("{state} ({reason})").format(state=state, reason=card.block_reason)
        if not card.acceptable_here:
            state = self.tr("{state} — not accepted in this store").format(state=state)
        values["state"].setText(state)
        balance, detail = self._balance_texts(card)
        values["balance"].setText(balance)
        values["detail"].setText(detail)
        values["expiry"].setText(card.expiry_date.isoformat() if card.expiry_date else self.tr("none"))
        customer = card.customer
        isolate = self.ctx.config.ui.isolate_personal_data
        names = person_name(customer.first_name, customer.last_name, isolate=isolate) if customer else ""
        values["customer"].setText(names or (customer.customer_id if customer else self.tr("none")))
        self.card.setVisible(True)
        self.history.set_history(lookup.history, card.currency)
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not lookup.history)
        # The whole number leaves the screen once it has been used; the panel shows it masked.
        self.number.clear()

    def _balance_texts(self, card: Instrument) -> tuple[str, str]:
        locale, currency = self.ctx.locale, card.currency
        if card.account is not None:
            account = card.account
            detail = self.tr("net {net}, held by open payments {held}").format(
                net=money_text(account.net, currency, locale),
                held=money_text(account.authorized, currency, locale),
            )
            return self.tr("{available} available").format(
                available=money_text(account.available, currency, locale)
            ), detail
        if card.points is not None:
            points = card.points
            detail = self.tr("worth {value}; pending {pending}; expiring soon {expiring}").format(
                value=money_text(points.value, currency, locale),
                pending=points_text(points.pending),
                expiring=points_text(points.expiring_soon),
            )
            return self.tr("{points} points").format(points=points_text(points.balance)), detail
        if card.offer is not None:
            offer = card.offer
            if offer.discount_type == "percent":
                value = self.tr("{value} % off").format(value=offer.value.normalize())
            else:
                value = self.tr("{value} off").format(value=money_text(offer.value, currency, locale))
            if card.uses_left is not None:
                value = self.tr("{value}; uses left: {n}").format(value=value, n=card.uses_left)
            return offer.description, value
        return "", ""

    def _clear(self) -> None:
        self.lookup = None
        self.card.setVisible(False)
        self.history.set_rows(())
        self.empty.setVisible(False)

    # -- Screen -----------------------------------------------------------------------------------

    def activated(self) -> None:
        self.number.setFocus()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Card look-up"))
        self.number.setPlaceholderText(self.tr("Scan or type a card number"))
        self.look_up_button.setText(self.tr("Look up"))
        self.stop_waiting.setText(self.tr("Stop waiting"))
        self.history_title.setText(self.tr("History"))
        self.empty.setText(self.tr("No operations on this card yet."))
        for key, text in (
            ("number", self.tr("Card")),
            ("kind", self.tr("Kind and series")),
            ("state", self.tr("State")),
            ("balance", self.tr("Balance")),
            ("detail", self.tr("Details")),
            ("expiry", self.tr("Expires")),
            ("customer", self.tr("Customer")),
        ):
            self.card_labels[key].setText(text)
        self.history.locale = self.ctx.locale  # money and dates follow the language
        self.history.retranslate()
        if self.lookup is not None:
            self._show(self.lookup)


SCREENS = [BalanceLookupScreen]
