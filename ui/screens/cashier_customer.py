"""Customers at the till: find by phone (or the loyalty card on the counter), enrol, consents, link.

Phone first: the cashier types the phone number and presses Find; a match shows the customer with
their marketing consents, a miss opens the enrolment form with the phone already filled in. The
loyalty card on the counter, if any, is linked on enrolment or with one button. Every call runs in
the background; answers are shown in the dialog's own message line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyleOptionFrame,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain import Customer, OperationResult
from pos_client.masking import mask_phone, person_name
from ui.context import AppContext
from ui.errors import describe_error
from ui.restyle import set_style_property

T = TypeVar("T")
CONSENT_VERSION = "1"
CONSENTS = ("marketing_sms", "marketing_email")
MIN_WIDTH = 520  # px: the customer dialog's narrowest (its sizeHint)


def customer_line(customer: Customer, *, isolate: bool = False) -> str:
    """One line for a list: name (initials when ``isolate``: ``[ui] isolate_personal_data``) and
    phone (shown only by its last digits)."""
    name = person_name(customer.first_name, customer.last_name, isolate=isolate)
    name = name or QCoreApplication.translate("customer", "(no name)")
    phone = customer.phone or ""
    return f"{name} · {mask_phone(phone)}"


class PlaceholderField(QLineEdit):
    """A line edit never narrower than its placeholder: the phone field's hint says what to type
    ("Phone number (+48 600 100 200) or e-mail"), and was cut to "Phone number (+48 6…"."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        margins = self.textMargins()
        # QLineEdit's own 2 px each side, as in its sizeHint; the style adds frame and padding
        text = (
            self.fontMetrics().horizontalAdvance(self.placeholderText())
            + margins.left()
            + margins.right()
            + 4
        )
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        needed = self.style().sizeFromContents(
            QStyle.ContentsType.CT_LineEdit, option, QSize(text, hint.height()), self
        )
        return QSize(max(hint.width(), needed.width()), hint.height())


class CustomerDialog(QDialog):
    """Find / enrol a customer (see the module doc).

    Args:
        ctx: the app context.
        loyalty_number: the loyalty card on the counter (whole number; never shown), or None.

    Signals:
        changed(): a customer was enrolled or a card linked (the till reads the card again).
    """

    changed = Signal()

    def __init__(self, ctx: AppContext, loyalty_number: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerDialog")
        self.setWindowTitle(QCoreApplication.translate("customer", "Customer"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ctx = ctx
        self._card = loyalty_number
        self._customer: Customer | None = None
        self._busy = False
        layout = QVBoxLayout(self)
        title = QLabel(QCoreApplication.translate("customer", "Find or enrol a customer"), self)
        title.setObjectName("dialogTitle")
        layout.addWidget(title)
        row = QHBoxLayout()
        self.phone = PlaceholderField(self)
        self.phone.setObjectName("customerPhone")
        self.phone.setPlaceholderText(
            QCoreApplication.translate("customer", "Phone number (+48 600 100 200) or e-mail")
        )
        self.phone.returnPressed.connect(self.find_by_phone)
        row.addWidget(self.phone, 1)
        self.find_button = QPushButton(QCoreApplication.translate("customer", "Find"), self)
        self.find_button.setProperty("role", "primary")
        self.find_button.clicked.connect(self.find_by_phone)
        row.addWidget(self.find_button)
        if loyalty_number:
            self.by_card_button = QPushButton(
                QCoreApplication.translate("customer", "Owner of this card"), self
            )
            self.by_card_button.clicked.connect(self.find_by_card)
            row.addWidget(self.by_card_button)
        layout.addLayout(row)
        self.results = QListWidget(self)
        self.results.setObjectName("customerResults")
        self.results.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.results)

        form = QFormLayout()
        self.first_name = QLineEdit(self)
        self.last_name = QLineEdit(self)
        self.email = QLineEdit(self)
        form.addRow(QCoreApplication.translate("customer", "First name"), self.first_name)
        form.addRow(QCoreApplication.translate("customer", "Last name"), self.last_name)
        form.addRow(QCoreApplication.translate("customer", "E-mail"), self.email)
        self.country = QLineEdit(self)
        self.country.setMaxLength(2)
        self.country.setPlaceholderText("PL")
        form.addRow(QCoreApplication.translate("customer", "Country"), self.country)
        layout.addLayout(form)
        self.consent_sms = QCheckBox(
            QCoreApplication.translate("customer", "Agrees to marketing by SMS"), self
        )
        self.consent_email = QCheckBox(
            QCoreApplication.translate("customer", "Agrees to marketing by e-mail"), self
        )
        layout.addWidget(self.consent_sms)
        layout.addWidget(self.consent_email)

        self.message = QLabel(self)
        self.message.setObjectName("customerMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.close_button = QPushButton(QCoreApplication.translate("customer", "Close"), self)
        self.close_button.clicked.connect(self.accept)
        self.enrol_button = QPushButton(QCoreApplication.translate("customer", "Enrol"), self)
        self.enrol_button.setObjectName("enrolButton")
        self.enrol_button.clicked.connect(self.enrol)
        self.consents_button = QPushButton(QCoreApplication.translate("customer", "Save consents"), self)
        self.consents_button.clicked.connect(self.save_consents)
        self.link_button = QPushButton(
            QCoreApplication.translate("customer", "Link the card on the counter"), self
        )
        self.link_button.clicked.connect(self.link_card)
        self.details_button = QPushButton(QCoreApplication.translate("customer", "Save details"), self)
        self.details_button.clicked.connect(self.save_details)
        for button in (
            self.close_button,
            self.enrol_button,
            self.details_button,
            self.consents_button,
            self.link_button,
        ):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._show_customer(None)
        self.phone.setFocus()

    def sizeHint(self) -> QSize:
        """At least 520 px wide, and wider when its buttons need it. Not ``setMinimumWidth(520)``: an
        explicit minimum stops the layout from widening the dialog when Save details, Save consents and
        Link the card on the counter appear, and their texts were cut."""
        hint = super().sizeHint()
        return QSize(max(MIN_WIDTH, hint.width()), hint.height())

    # -- background calls ---------------------------------------------------------------------------------

    def _run(self, fn: Callable[[], T], then: Callable[[T], None], description: str) -> None:
        if self._busy:
            return
        self._busy = True
        self._say("info", QCoreApplication.translate("customer", "Working…"))

        def done(result: T) -> None:
            self._busy = False
            then(result)

        def failed(exc: BaseException) -> None:
            self._busy = False
            self._say("error", describe_error(exc))

        self.ctx.tasks.run(fn, done, failed, description=description)

    def _say(self, level: str, text: str) -> None:
        self.message.setText(text)
        set_style_property(self.message, "level", level)

    # -- intents ------------------------------------------------------------------------------------------

    def find_by_phone(self) -> None:
        """Look the typed phone number (or e-mail address) up."""
        typed = self.phone.text().strip()
        if not typed:
            self._say("error", QCoreApplication.translate("customer", "Type the customer's phone number."))
            return
        service = self.ctx.service
        if "@" in typed:
            self._run(lambda: service.customer_find(email=typed), self._found, "customer find by e-mail")
        else:
            self._run(lambda: service.customer_find(phone=typed), self._found, "customer find")

    def save_details(self) -> None:
        """Save the edited name and e-mail of the selected customer."""
        customer, service = self._customer, self.ctx.service
        if customer is None:
            return
        first, last, email = (
            self.first_name.text().strip(),
            self.last_name.text().strip(),
            self.email.text().strip(),
        )
        country = self.country.text().strip().upper()
        changes = {
            "first_name": first if first != (customer.first_name or "") else None,
            "last_name": last if last != (customer.last_name or "") else None,
            "email": email if email != (customer.email or "") else None,
            "country": country if country != (customer.country or "") else None,
        }
        if not any(v for v in changes.values()):
            self._say("info", QCoreApplication.translate("customer", "Nothing changed."))
            return

        def work() -> OperationResult:
            return service.customer_edit(
                customer.customer_id,
                first_name=changes["first_name"],
                last_name=changes["last_name"],
                email=changes["email"],
                country=changes["country"],
            )

        self._run(work, self._details_saved, "customer edit")

    def _details_saved(self, result: OperationResult) -> None:
        if result.customer is not None:
            self._found((result.customer,))
        self._say("success", QCoreApplication.translate("customer", "Details saved."))
        self.changed.emit()

    def find_by_card(self) -> None:
        """Find the owner of the loyalty card on the counter."""
        card, service = self._card, self.ctx.service
        if card:
            self._run(lambda: service.customer_find(card=card), self._found, "customer find by card")

    def _found(self, customers: tuple[Customer, ...]) -> None:
        self.results.clear()
        for customer in customers:
            item = QListWidgetItem(customer_line(customer, isolate=self.ctx.config.ui.isolate_personal_data))
            item.setData(Qt.ItemDataRole.UserRole, customer)
            self.results.addItem(item)
        if customers:
            self.results.setCurrentRow(0)
            self._say(
                "success",
                QCoreApplication.translate("customer", "{n} customer(s) found.").format(n=len(customers)),
            )
        else:
            self._show_customer(None)
            self._say(
                "info",
                QCoreApplication.translate(
                    "customer", "No customer with this number: fill in the form and press Enrol."
                ),
            )
            self.first_name.setFocus()

    def _selected(self) -> None:
        items = self.results.selectedItems()
        self._show_customer(items[0].data(Qt.ItemDataRole.UserRole) if items else None)

    def _show_customer(self, customer: Customer | None) -> None:
        self._customer = customer
        granted = {c.type: c.granted for c in customer.consents} if customer else {}
        self.consent_sms.setChecked(granted.get("marketing_sms", False))
        self.consent_email.setChecked(granted.get("marketing_email", False))
        if customer is not None:
            self.first_name.setText(customer.first_name or "")
            self.last_name.setText(customer.last_name or "")
            self.email.setText(customer.email or "")
            self.country.setText(customer.country or "")
        self.enrol_button.setVisible(customer is None)
        self.consents_button.setVisible(customer is not None)
        self.details_button.setVisible(customer is not None)
        self.link_button.setVisible(customer is not None and bool(self._card))

    def enrol(self) -> None:
        """Create the customer from the form (phone first), with the card on the counter and consents."""
        phone = self.phone.text().strip()
        if not phone:
            self._say("error", QCoreApplication.translate("customer", "Type the customer's phone number."))
            return
        service, card = self.ctx.service, self._card
        first, last, email = self.first_name.text(), self.last_name.text(), self.email.text()
        country = self.country.text().strip().upper() or None
        consents = self._consents()

        def work() -> OperationResult:
            # The consents go with the enrolment (one operation, kept if it is queued offline), so
            # the server's answer shows them as they were ticked.
            return service.customer_create(
                phone,
                first_name=first,
                last_name=last,
                email=email or None,
                country=country,
                card_number=card,
                consents=[(kind, granted, CONSENT_VERSION) for kind, granted in consents],
            )

        self._run(work, self._enrolled, "customer enrol")

    def _enrolled(self, result: OperationResult) -> None:
        if result.customer is None:
            self._say(
                "warning",
                QCoreApplication.translate(
                    "customer", "Enrolment saved; it will be sent when the server is back."
                ),
            )
        else:
            self._found((result.customer,))
            self._say("success", QCoreApplication.translate("customer", "Customer enrolled."))
        self.changed.emit()

    def _consents(self) -> list[tuple[str, bool]]:
        return [
            ("marketing_sms", self.consent_sms.isChecked()),
            ("marketing_email", self.consent_email.isChecked()),
        ]

    def save_consents(self) -> None:
        """Record the consents whose tick changed (an answer nobody changed is not given again)."""
        customer, service = self._customer, self.ctx.service
        if customer is None:
            return
        granted = {c.type: c.granted for c in customer.consents}
        changed = [(kind, now) for kind, now in self._consents() if granted.get(kind, False) != now]
        if not changed:
            self._say("info", QCoreApplication.translate("customer", "Nothing changed."))
            return

        def work() -> Customer | None:
            result: OperationResult | None = None
            for kind, now in changed:
                result = service.customer_consent(customer.customer_id, kind, now, CONSENT_VERSION)
            return result.customer if result is not None else None

        self._run(work, self._consents_saved, "customer consents")

    def _consents_saved(self, customer: Customer | None) -> None:
        if customer is not None:  # the server's answer (None: queued offline; the ticks stay)
            self._found((customer,))
        self._say("success", QCoreApplication.translate("customer", "Consents saved."))

    def link_card(self) -> None:
        """Link the loyalty card on the counter to the selected customer."""
        customer, card, service = self._customer, self._card, self.ctx.service
        if customer is None or not card:
            return
        self._run(
            lambda: service.customer_link_card(customer.customer_id, card), self._linked, "customer link card"
        )

    def _linked(self, _: OperationResult) -> None:
        self._say("success", QCoreApplication.translate("customer", "Card linked to the customer."))
        self.changed.emit()
