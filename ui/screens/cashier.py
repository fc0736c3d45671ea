"""The till: scan or type a card, see it, run what it allows.

Thin widget: every slot forwards to :class:`~ui.screens.cashier_controller.CashierController` (the
state and operations) after reading the amount field; which buttons show is decided by
:func:`~ui.screens.cashier_actions.available_actions`. Results are announced through the app's
message service (green / red banner, beep on failure) and slips through the printing service.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain import AmountMode, IssueMode, Kind, Series, Transaction
from pos_client.masking import mask_number
from pos_client.money import MoneyError, parse_amount, parse_points
from pos_client.points_returns import SaleToReturn
from pos_client.points_value import is_money_account
from pos_client.security import Role
from ui.context import AppContext
from ui.errors import describe_error
from ui.keypad import Keypad
from ui.screens import Screen
from ui.screens.cashier_actions import Action, available_actions
from ui.screens.cashier_basket import BasketDialog
from ui.screens.cashier_controller import CashierController
from ui.screens.cashier_customer import CustomerDialog
from ui.screens.cashier_dialogs import BlockDialog, IssueDialog, ProductDialog, RefundDialog, ReturnDialog
from ui.screens.cashier_moves import CardMoveDialog, is_merge
from ui.screens.cashier_panel import CardPanel, points_text
from ui.screens.cashier_state import Hold

# (action, label, key): labels are translated at run time; the same key serves different card kinds
# (it presses the visible, enabled button that shows it: see CashierScreen._key_pressed).
ACTIONS: tuple[tuple[Action, str, str], ...] = (
    (Action.ACTIVATE, str(QT_TRANSLATE_NOOP("cashier", "Sell / activate")), "F2"),
    (Action.LOAD, str(QT_TRANSLATE_NOOP("cashier", "Load")), "F3"),
    (Action.PAY, str(QT_TRANSLATE_NOOP("cashier", "Pay")), "F4"),
    (Action.REFUND, str(QT_TRANSLATE_NOOP("cashier", "Refund")), "F6"),
    (Action.EARN, str(QT_TRANSLATE_NOOP("cashier", "Earn points")), "F3"),
    (Action.SPEND, str(QT_TRANSLATE_NOOP("cashier", "Spend points")), "F4"),
    (Action.SPEND_ALL, str(QT_TRANSLATE_NOOP("cashier", "Spend all points")), "F5"),
    (Action.RETURN, str(QT_TRANSLATE_NOOP("cashier", "Return points")), "F6"),
    (Action.REDEEM, str(QT_TRANSLATE_NOOP("cashier", "Redeem coupon")), "F4"),
    (Action.BALANCE, str(QT_TRANSLATE_NOOP("cashier", "Print balance")), "F8"),
    (Action.VOID, str(QT_TRANSLATE_NOOP("cashier", "Void last")), "Ctrl+Z"),
    (Action.BLOCK, str(QT_TRANSLATE_NOOP("cashier", "Block card")), "Ctrl+B"),
    (Action.UNBLOCK, str(QT_TRANSLATE_NOOP("cashier", "Unblock card")), "Ctrl+U"),
)
# A loyalty card that keeps money instead of points (seed 002) earns and returns money: its two
# buttons say so (same keys).
MONEY_ACCOUNT_LABELS: dict[Action, str] = {
    Action.EARN: str(QT_TRANSLATE_NOOP("cashier", "Add to balance")),
    Action.RETURN: str(QT_TRANSLATE_NOOP("cashier", "Return a sale")),
}
# Under the keypad, beside the products the card panel lists (a fourth row of the actions grid would
# push the till past a 1024x768 panel).
CARD_ACTIONS: tuple[tuple[Action, str, str], ...] = (
    (Action.BUY_PRODUCT, str(QT_TRANSLATE_NOOP("cashier", "Buy with points")), "Ctrl+P"),
    (Action.PAY_POINTS, str(QT_TRANSLATE_NOOP("cashier", "Pay with points")), "Ctrl+M"),
    (Action.PAY_ACCOUNT, str(QT_TRANSLATE_NOOP("cashier", "Pay from loyalty balance")), "Ctrl+M"),
)
# Beside the card's number, above its panel: what the card holds moves to another card (one of them
# shows, by the card's kind).
MOVE_ACTIONS: tuple[tuple[Action, str, str], ...] = (
    # the button says it short (the panel's column is narrow); its dialog says "Merge into another card…"
    (Action.MERGE, str(QT_TRANSLATE_NOOP("cashier", "Merge cards…")), "Ctrl+G"),
    (Action.TRANSFER, str(QT_TRANSLATE_NOOP("cashier", "Transfer balance…")), "Ctrl+G"),
)
HOLD_ACTIONS: tuple[tuple[Action, str, str], ...] = (
    (Action.COMMIT, str(QT_TRANSLATE_NOOP("cashier", "Commit")), "F10"),
    (Action.CANCEL_HOLD, str(QT_TRANSLATE_NOOP("cashier", "Cancel payment")), "F11"),
)


PREVIEW_DELAY_MS = 250  # typing pause before the points preview is asked
# How long an operation runs before the till looks busy (actions greyed, "Stop waiting" shown). A
# look-up usually answers within ~10 ms: greying ~17 buttons and showing the button (a relayout of
# the top row) and undoing both cost ~1 ms of the GUI thread per scan (measured), racing the
# look-up's worker for the GIL, and would only flicker. The controller refuses a second operation
# meanwhile anyway; writes still grey the actions at once (see _busy_changed).
BUSY_LOOK_DELAY_MS = 300
# While the next card is looked up, the previous one stays on screen, its actions disabled, for at
# most this long: a look-up answered sooner replaces it in one repaint, with no relayout of the
# window (clearing the panel and its buttons, then filling them again, relaid and repainted the
# whole window twice a scan: bench.ui's scan-to-screen overhead went from 2.5 to 9 ms). A slower
# look-up, or one that fails, clears the panel as before.
STALE_CARD_MS = 150
# Below this width (px) the till is on a small panel (1024x768: ~750-780 px beside the slip preview;
# 1280x900: ~1000 px) and the themes use smaller big fonts there (``compact`` property, .qss): at
# full size the card panel got ~200 px, its points, value and next reward cut off.
COMPACT_BELOW = 900
# There the card panel asks for this much (the slip preview beside the till gives way): at its own
# minimum, the width of the masked number, its points, value, next reward and products need ~540 px of
# height, and the column has ~500.
COMPACT_CARD_WIDTH = 240


def _label(text: str, shortcut: str) -> str:
    return f"{QCoreApplication.translate('cashier', text)}\n{shortcut}"


def _portable(key: str) -> str:
    """One spelling per key sequence ("Esc" and "Escape" are one key)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)


class _TillKeysFirst(QObject):
    """Event filter of the till's fields: the till's keys are not theirs to take.

    A line edit claims some keys for itself before any shortcut sees them (Ctrl+Z is its Undo), so
    with the cursor in the amount field "Void last (Ctrl+Z)" would never run.
    """

    def __init__(self, keys: frozenset[str], parent: QObject) -> None:
        super().__init__(parent)
        self._keys = keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            typed = QKeySequence(event.keyCombination()).toString(QKeySequence.SequenceFormat.PortableText)
            if typed in self._keys:
                event.ignore()  # not the field's: the shortcut gets it
                return True
        return False


class CashierScreen(Screen):
    """The till screen (see the module doc)."""

    title = str(QT_TRANSLATE_NOOP("screens", "Till"))
    roles = frozenset({Role.CASHIER, Role.MANAGER})
    order = 0

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("cashierScreen")
        self.setProperty("compact", "false")  # see resizeEvent
        self.controller = CashierController(ctx, self)
        self.buttons: dict[Action, QPushButton] = {}
        # The till's keys, each with the buttons it may press (see _key_pressed). Not the buttons' own
        # shortcuts: QAbstractButton.setText() drops those, and every relabelling (a language switch)
        # would silently take the keys away.
        self._keyed: dict[str, list[QPushButton]] = {}
        self._shown_number: str | None = None  # the card whose amount the amount field holds
        self._typed_number = ""  # the whole number last typed by hand (the field shows it masked)
        self._laid_out: list[Action] | None = None  # the actions in the grid now
        self._offered: tuple[frozenset[Action], Role, bool] | None = None  # what the buttons show now
        self._money_account = False  # the card on the counter keeps money (MONEY_ACCOUNT_LABELS)
        self._actions_enabled = True
        self._busy_look_timer = QTimer(self)
        self._busy_look_timer.setSingleShot(True)
        self._busy_look_timer.setInterval(BUSY_LOOK_DELAY_MS)
        self._busy_look_timer.timeout.connect(self._look_busy)
        self.move_dialog: CardMoveDialog | None = None  # open: a scan is the card to move to
        self._stale = False  # the panel still shows the previous card while the next is looked up
        self._stale_timer = QTimer(self)
        self._stale_timer.setSingleShot(True)
        self._stale_timer.timeout.connect(self._drop_stale_card)
        self._build()
        c = self.controller
        c.card_changed.connect(self._card_changed)
        c.hold_changed.connect(self._hold_changed)
        c.succeeded.connect(ctx.messages.success)
        c.succeeded.connect(lambda _: self.amount.clear())  # never the same amount twice by mistake
        c.saved_offline.connect(ctx.messages.warning)
        c.failed.connect(ctx.messages.error)
        c.busy_changed.connect(self._busy_changed)
        c.sales_found.connect(self._pick_sale)
        c.payments_found.connect(self._pick_payment)
        ctx.scanning.scanned.connect(self._scanned)
        ctx.i18n.language_changed.connect(self._language_changed)
        self.retranslate()
        self._refresh_actions()

    # -- building -------------------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        top = QHBoxLayout()
        self.number = QLineEdit(self)
        self.number.setObjectName("numberField")
        self.number.returnPressed.connect(self.look_up)
        top.addWidget(self.number, 1)
        self.look_up_button = self._button("lookUp", self.look_up, "")  # Enter in the number field
        self.look_up_button.setProperty("role", "primary")
        top.addWidget(self.look_up_button)
        self.clear_button = self._button("clear", self.clear, "Escape")
        top.addWidget(self.clear_button)
        self.cancel_wait_button = self._button("cancelWait", self.controller.cancel_wait, "")
        self.cancel_wait_button.setProperty("role", "danger")
        self.cancel_wait_button.hide()
        top.addWidget(self.cancel_wait_button)
        # In the card's row: the columns below are full at 768 px (a button there grew the window).
        for action, _, key in MOVE_ACTIONS:
            button = self._action_button(action, key)
            button.setMinimumHeight(56)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            top.addWidget(button)
        root.addLayout(top)

        body = QHBoxLayout()
        left = QVBoxLayout()
        self.panel = CardPanel(self)
        self.panel.isolate_personal_data = self.ctx.config.ui.isolate_personal_data
        left.addWidget(self.panel, 1)
        self.hold_box = QFrame(self)
        self.hold_box.setObjectName("holdBox")
        # The open hold goes under the card and the keypad, across both (in the card's column it
        # squeezed the balance out of sight and cut its buttons on a 1024x768 panel).
        hold_layout = QVBoxLayout(self.hold_box)
        self.hold_text = QLabel(self.hold_box)
        self.hold_text.setObjectName("holdText")
        self.hold_text.setWordWrap(True)
        hold_layout.addWidget(self.hold_text)
        hold_buttons = QHBoxLayout()
        for action, _, key in HOLD_ACTIONS:
            button = self._action_button(action, key)
            hold_buttons.addWidget(button)
        self.buttons[Action.COMMIT].setProperty("role", "primary")
        hold_layout.addLayout(hold_buttons)
        self.hold_box.hide()
        counter = QHBoxLayout()
        counter.addLayout(left, 3)

        middle = QVBoxLayout()
        self.amount_label = QLabel(self)
        self.amount_label.setObjectName("sectionTitle")
        middle.addWidget(self.amount_label)
        self.amount = QLineEdit(self)
        self.amount.setObjectName("amountField")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        middle.addWidget(self.amount)
        # Loyalty cards: what the typed amount would earn, asked while the cashier types (debounced).
        self.earn_preview = QLabel(self)
        self.earn_preview.setObjectName("earnPreview")
        self.earn_preview.setWordWrap(True)
        self.earn_preview.hide()
        middle.addWidget(self.earn_preview)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._preview_earn)
        self.amount.textChanged.connect(lambda _text: self._preview_timer.start())
        self.controller.earn_previewed.connect(self._show_earn_preview)
        self.keypad = Keypad(self.amount, locale=self.ctx.locale, parent=self)
        self.keypad.setMaximumHeight(330)
        self.keypad.entered.connect(self.default_action)
        self.amount.returnPressed.connect(self.default_action)
        middle.addWidget(self.keypad)
        for action, _, key in CARD_ACTIONS:
            middle.addWidget(self._action_button(action, key))
        middle.addStretch(1)
        counter.addLayout(middle, 2)
        counter_and_hold = QVBoxLayout()
        counter_and_hold.addLayout(counter, 1)
        counter_and_hold.addWidget(self.hold_box)
        body.addLayout(counter_and_hold, 5)

        right = QVBoxLayout()
        self.actions_title = QLabel(self)
        self.actions_title.setObjectName("sectionTitle")
        right.addWidget(self.actions_title)
        self.grid = QGridLayout()
        self.grid.setSpacing(8)
        for action, _, key in ACTIONS:
            self._action_button(action, key)
        right.addLayout(self.grid)
        right.addStretch(1)
        self.sell_new_button = self._button("sellNew", self.sell_new, "Ctrl+N")
        self.store_credit_button = self._button("storeCredit", self.issue_store_credit, "Ctrl+I")
        self.customer_button = self._button("customer", self.open_customer, "F7")
        for button in (self.sell_new_button, self.store_credit_button, self.customer_button):
            right.addWidget(button)
        body.addLayout(right, 3)
        root.addLayout(body, 1)
        QShortcut(QKeySequence("Ctrl+L"), self, self._type_number)
        for key in self._keyed:
            QShortcut(QKeySequence(key), self, lambda key=key: self._key_pressed(key))
        self._fields_keep_keys = _TillKeysFirst(frozenset(self._keyed) | {_portable("Ctrl+L")}, self)
        for field in (self.number, self.amount):
            field.installEventFilter(self._fields_keep_keys)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._set_compact(self.width() < COMPACT_BELOW)

    def _set_compact(self, compact: bool) -> None:
        """The themes' smaller fonts on a small panel: the till and everything in it styled anew (only
        when the size class changes, which a window of a given size does once)."""
        value = "true" if compact else "false"
        if self.property("compact") == value:
            return
        self.setProperty("compact", value)
        self.panel.setMinimumWidth(COMPACT_CARD_WIDTH if compact else 0)
        style = self.style()
        for widget in (self, *self.findChildren(QWidget)):  # the rules select on this ancestor
            style.unpolish(widget)
            style.polish(widget)

    def _button(self, name: str, slot: Callable[[], None], shortcut: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(f"{name}Button")
        button.setMinimumHeight(56)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(slot)
        if shortcut:
            self._keyed.setdefault(_portable(shortcut), []).append(button)
        return button

    def _action_button(self, action: Action, shortcut: str) -> QPushButton:
        button = self._button(f"action_{action.value}", lambda: self.trigger(action), shortcut)
        button.setProperty("role", "action")
        button.setMinimumHeight(64)
        self.buttons[action] = button
        return button

    def retranslate(self) -> None:
        self.keypad.retranslate()
        self.number.setPlaceholderText(
            QCoreApplication.translate("cashier", "Scan a card or type its number")
        )
        self.look_up_button.setText(QCoreApplication.translate("cashier", "Look up"))
        self.clear_button.setText(QCoreApplication.translate("cashier", "Clear (Esc)"))
        self.cancel_wait_button.setText(QCoreApplication.translate("cashier", "Stop waiting"))
        self.amount_label.setText(QCoreApplication.translate("cashier", "Amount or points"))
        self.amount.setPlaceholderText("0")
        self.actions_title.setText(QCoreApplication.translate("cashier", "Actions"))
        self._label_actions((*ACTIONS, *CARD_ACTIONS, *MOVE_ACTIONS, *HOLD_ACTIONS))
        self.sell_new_button.setText(_label(str(QT_TRANSLATE_NOOP("cashier", "New gift card")), "Ctrl+N"))
        self.store_credit_button.setText(
            _label(str(QT_TRANSLATE_NOOP("cashier", "Issue store credit")), "Ctrl+I")
        )
        self.customer_button.setText(_label(str(QT_TRANSLATE_NOOP("cashier", "Customer")), "F7"))
        self._hold_changed(self.controller.hold)

    def _label_actions(self, actions: Iterable[tuple[Action, str, str]]) -> None:
        """The buttons of ``actions`` (action, untranslated text, key) say it for the card on the
        counter: a money account's earn and return speak of money (MONEY_ACCOUNT_LABELS)."""
        for action, text, key in actions:
            shown = MONEY_ACCOUNT_LABELS.get(action, text) if self._money_account else text
            self.buttons[action].setText(_label(shown, key))

    def _key_pressed(self, key: str) -> None:
        """A till key: press the button that shows it now (one per card kind; none: nothing happens)."""
        for button in self._keyed.get(key, ()):
            if button.isVisible() and button.isEnabled():
                button.click()
                return

    def _type_number(self) -> None:
        """Ctrl+L: the number field, for a number typed by hand (its text selected, to type over)."""
        self.number.setFocus()
        self.number.selectAll()

    def _language_changed(self) -> None:
        self.keypad.set_locale(self.ctx.locale)  # the decimal key follows the locale
        self.panel.show_card(self.controller.card, self.ctx.locale)

    def busy_reason(self) -> str | None:
        return self.controller.busy_reason()

    def activated(self) -> None:
        self.number.setFocus()

    # -- reading the fields --------------------------------------------------------------------------

    def _currency(self) -> str:
        card = self.controller.card
        return card.instrument.currency if card else self.ctx.config.terminal.currency

    def _amount(self) -> Decimal | None:
        """The typed amount, or None after telling the cashier what is wrong."""
        try:
            return parse_amount(self.amount.text(), self._currency(), self.ctx.locale)
        except MoneyError as exc:
            self._field_error(describe_error(exc))
            return None

    def _optional_amount(self) -> tuple[bool, Decimal | None]:
        if not self.amount.text().strip():
            return True, None
        amount = self._amount()
        return amount is not None, amount

    def _points(self) -> int | None:
        try:
            return parse_points(self.amount.text())
        except MoneyError as exc:
            self._field_error(describe_error(exc))
            return None

    def _field_error(self, text: str) -> None:
        self.ctx.messages.error(text)
        self.amount.setFocus()
        self.amount.selectAll()

    # -- intents ------------------------------------------------------------------------------------------

    def _scanned(self, text: str) -> None:
        if not self.isVisible():
            return  # another screen is in front; it handles scans itself
        move = self.move_dialog
        if move is not None and move.isVisible():
            move.set_target(text)  # the card to move to, not the next customer's card
            return
        self.number.setText(mask_number(text))
        self.controller.lookup(text)  # takes the previous card off the counter first

    def look_up(self) -> None:
        """Look the typed number up."""
        text = self.number.text().strip()
        if "*" in text and self.controller.number:
            self.controller.refresh()  # the masked number of the card on the counter
            return
        if "*" in text and self._typed_number and mask_number(self._typed_number) == text:
            text = self._typed_number  # Enter again on a number that was not found: look it up again
        self.controller.lookup(text)  # takes the previous card off the counter first
        if text:  # found or not, the whole number does not stay on screen
            self._typed_number = text
            self.number.setText(mask_number(text))

    def clear(self) -> None:
        """Take the card off the counter and empty the fields."""
        self.controller.clear()
        self.number.clear()
        self.amount.clear()
        self.number.setFocus()

    def trigger(self, action: Action) -> None:
        """Run ``action`` with what is typed."""
        if self._stale:
            return  # the card shown is the previous customer's: its look-up replacement is on its way
        c = self.controller
        if action is Action.ACTIVATE:
            series = c.card.series if c.card else None
            if c.card is not None and c.card.instrument.kind is Kind.LOYALTYCARD:
                c.activate(None)  # a loyalty card is activated without an amount
            elif (
                series is not None
                and series.fixed_amount is not None
                and series.amount_mode is AmountMode.FIXED
            ):
                c.activate(None)
            elif (amount := self._amount()) is not None:
                c.activate(amount)
        elif action is Action.EARN and not self.amount.text().strip():
            self._open_basket()  # no amount typed: earn on the lines of the sale
        elif action is Action.REFUND:
            amount = self._amount()
            if amount is not None:
                c.find_payments(amount)  # then the cashier picks the payment (see _pick_payment)
        elif action in (Action.PAY_POINTS, Action.PAY_ACCOUNT):
            amount = self._amount()  # the part of the sale the customer pays with points
            if amount is not None:
                c.pay_with_points(amount)
        elif action in (Action.LOAD, Action.PAY, Action.EARN):
            amount = self._amount()
            if amount is not None:
                {Action.LOAD: c.load, Action.PAY: c.pay, Action.EARN: c.earn}[action](amount)
        elif action is Action.SPEND:
            points = self._points()
            if points is not None:
                c.spend(points)
        elif action is Action.RETURN:
            c.find_sales()  # then the cashier picks the sale (see _pick_sale)
        elif action is Action.BLOCK:
            self._ask_block()
        elif action is Action.BUY_PRODUCT:
            self._pick_product()
        elif action in (Action.MERGE, Action.TRANSFER):
            self._ask_move()
        else:
            {
                Action.SPEND_ALL: c.spend_all,
                Action.REDEEM: c.redeem_coupon,
                Action.BALANCE: c.print_balance,
                Action.VOID: c.void_last,
                Action.UNBLOCK: c.unblock,
                Action.COMMIT: c.commit,
                Action.CANCEL_HOLD: c.cancel_hold,
            }[action]()

    def default_action(self) -> None:
        """Enter in the amount field: the card's usual action (pay, earn, redeem, activate)."""
        c = self.controller
        allowed = available_actions(c.card, c.hold, self.ctx.role, c.recent)
        for action in (Action.PAY, Action.EARN, Action.REDEEM, Action.ACTIVATE):
            if action in allowed:
                self.trigger(action)
                return

    def _open_basket(self) -> None:
        """The lines of a loyalty sale, with a live points preview; Earn earns on them."""
        c = self.controller
        self.basket_dialog = BasketDialog(self._currency(), self.ctx.locale, c.money, self)
        self.basket_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog = self.basket_dialog
        dialog.changed.connect(lambda lines: c.preview_earn(None, lines))
        c.earn_previewed.connect(dialog.show_preview)
        dialog.finished.connect(lambda _result: c.earn_previewed.disconnect(dialog.show_preview))
        dialog.chosen.connect(lambda lines: c.earn(None, lines))
        dialog.open()

    def _pick_payment(self, payments: list[Transaction], amount: Decimal) -> None:
        """A refund gives back one payment of the card: the cashier sees what is left of each."""
        self.refund_dialog = RefundDialog(payments, self.ctx.locale, amount, self.controller.money, self)
        self.refund_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.refund_dialog.chosen.connect(lambda original: self.controller.refund(amount, original))
        self.refund_dialog.open()

    def _pick_sale(self, sales: list[SaleToReturn]) -> None:
        ok, amount = self._optional_amount()
        if not ok:
            return
        self.return_dialog = ReturnDialog(sales, self.ctx.locale, amount, self.controller.money, self)
        self.return_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.return_dialog.chosen.connect(lambda original: self.controller.return_points(original, amount))
        self.return_dialog.open()

    def _pick_product(self) -> None:
        """The card's products priced in points, one big button each; a tap buys it."""
        card = self.controller.card
        if card is None or not card.instrument.points_products:
            return
        points = card.instrument.points
        self.product_dialog = ProductDialog(
            card.instrument.points_products,
            points.balance if points is not None else 0,
            lambda n: points_text(n, self.ctx.locale),
            self,
        )
        self.product_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.product_dialog.chosen.connect(self.controller.buy_product)
        self.product_dialog.open()

    def _ask_move(self) -> None:
        """The other card of a merge (loyalty card) or a balance transfer (money card), then the
        manager's approval (the controller asks for it)."""
        card = self.controller.card
        if card is None:
            return
        merge = is_merge(card.instrument.kind)
        dialog = CardMoveDialog(mask_number(card.instrument.number), merge, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if merge:
            dialog.chosen.connect(lambda target, _reason: self.controller.merge_into(target))
        else:
            dialog.chosen.connect(self.controller.transfer_to)
        dialog.finished.connect(self._move_dialog_closed)
        self.move_dialog = dialog
        dialog.open()

    def _move_dialog_closed(self, _result: int = 0) -> None:
        self.move_dialog = None

    def _ask_block(self) -> None:
        number = self.controller.number
        if number is None:
            return
        self.block_dialog = BlockDialog(mask_number(number), self)
        self.block_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.block_dialog.chosen.connect(self.controller.block)
        self.block_dialog.open()

    def _issuable(self, kind: Kind) -> list[Series]:
        return [
            s
            for s in self.ctx.service.catalogue.all()
            if s.kind is kind
            and s.issuable_here
            and (kind is Kind.STORECREDIT or s.issue_mode is IssueMode.LIVE)
        ]

    def sell_new(self) -> None:
        """Issue a new live-printed gift card."""
        series = self._issuable(Kind.GIFTCARD)
        if not series:
            self.ctx.messages.error(
                QCoreApplication.translate(
                    "cashier", "This store sells no printed gift cards. Scan a pre-issued card."
                )
            )
            return
        self.issue_dialog = IssueDialog(
            series, QCoreApplication.translate("cashier", "New gift card"), self.ctx.locale, self
        )
        self.issue_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.issue_dialog.chosen.connect(self.controller.sell_new)
        self.issue_dialog.open()

    def issue_store_credit(self) -> None:
        """Issue a store-credit note (a manager approves)."""
        series = self._issuable(Kind.STORECREDIT)
        if not series:
            self.ctx.messages.error(
                QCoreApplication.translate("cashier", "This store issues no store credit.")
            )
            return
        self.issue_dialog = IssueDialog(
            series, QCoreApplication.translate("cashier", "Issue store credit"), self.ctx.locale, self
        )
        self.issue_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.issue_dialog.chosen.connect(self.controller.issue_store_credit)
        self.issue_dialog.open()

    def open_customer(self) -> None:
        """Find or enrol the customer (linking the loyalty card on the counter)."""
        card = self.controller.card
        loyalty = card.instrument.number if card and card.instrument.kind is Kind.LOYALTYCARD else None
        self.customer_dialog = CustomerDialog(self.ctx, loyalty, self)
        self.customer_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.customer_dialog.changed.connect(self.controller.refresh)
        self.customer_dialog.open()

    # -- showing --------------------------------------------------------------------------------------------

    def _preview_earn(self) -> None:
        # The controller decides whether there is anything to preview (a loyalty card, an amount);
        # asking it every time also drops an answer still on its way for an older amount.
        try:
            amount = parse_amount(self.amount.text(), self._currency(), self.ctx.locale)
        except MoneyError:
            amount = None
        self.controller.preview_earn(amount)

    def _show_earn_preview(self, text: str) -> None:
        self.earn_preview.setText(text)
        self.earn_preview.setVisible(bool(text))

    def _card_changed(self) -> None:
        c = self.controller
        card = c.card
        if card is None and c.busy and not c.writing and self._shown_number is not None:
            # A new scan is being looked up: nothing can be done on the card still shown (trigger).
            self.amount.clear()  # never carried to the next customer
            self._stale = True
            self._stale_timer.start(STALE_CARD_MS)
            return
        if self._stale:
            self._stale = False
            self._stale_timer.stop()
        self._show_card()

    def _show_card(self) -> None:
        card = self.controller.card
        number = card.instrument.number if card is not None else None
        new_card = number != self._shown_number
        self._shown_number = number
        if new_card:
            # An amount typed for one customer never waits for the next one (Enter would run it).
            self.amount.clear()
            self.earn_preview.hide()
        self._preview_timer.start()  # the preview belongs to the card on screen
        self.panel.show_card(card, self.ctx.locale)
        if card is not None:
            masked = mask_number(card.instrument.number)
            if masked != self.number.text():  # usually already there (set when it was scanned)
                self.number.setText(masked)
            if new_card and self.isVisible():
                # Keyboard flow: the digits typed next are the amount (Ctrl+L: the number field).
                self.amount.setFocus()
        self._refresh_actions()

    def _drop_stale_card(self) -> None:
        """The look-up is slow or has failed: the panel leaves the previous card."""
        if self._stale:
            self._stale = False
            self._show_card()

    def _hold_changed(self, hold: Hold | None) -> None:
        self.hold_box.setVisible(hold is not None)
        if hold is not None:
            if hold.amount is not None:
                what = self.controller.money(hold.amount, hold.currency)
            else:
                what = QCoreApplication.translate("cashier", "{points} points").format(
                    points=hold.points or 0
                )
            text = QCoreApplication.translate(
                "cashier", "On hold on card {number}: {what}. Commit when the sale is finished."
            ).format(number=mask_number(hold.number), what=what)
            if hold.provisional:
                text += " " + QCoreApplication.translate("cashier", "(provisional: the server is away)")
            self.hold_text.setText(text)
        self._refresh_actions()

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            if self.controller.writing:
                # At once: a second tap on Pay is then ignored rather than refused with a beep.
                self._enable_actions(False)
            self._busy_look_timer.start()
            return
        self._busy_look_timer.stop()
        if self._stale:
            # The look-up ended: its card follows at once (success), else the panel is cleared on
            # the next turn of the event loop; the previous card's actions are never enabled again.
            self._stale_timer.start(0)
            return
        self._enable_actions(True)
        if not self.cancel_wait_button.isHidden():
            self.cancel_wait_button.hide()
        self._refresh_actions()  # e.g. Void once there is something to void

    def _look_busy(self) -> None:
        """The operation is taking a while: grey the actions and offer to stop waiting."""
        c = self.controller
        if not c.busy:
            return
        self._enable_actions(False)
        if c.can_stop_waiting:
            self.cancel_wait_button.show()

    def _enable_actions(self, enabled: bool) -> None:
        if enabled == self._actions_enabled:
            return
        self._actions_enabled = enabled
        for button in (
            *self.buttons.values(),
            self.look_up_button,
            self.sell_new_button,
            self.store_credit_button,
        ):
            button.setEnabled(enabled)

    def _refresh_actions(self) -> None:
        c = self.controller
        allowed = available_actions(c.card, c.hold, self.ctx.role, c.recent)
        # This runs twice per scan and the offer rarely changes (the next card is often of the same
        # kind and state): nothing is touched unless it does.
        money_account = c.card is not None and is_money_account(c.card.instrument)
        offered = (allowed, self.ctx.role, money_account)
        if offered == self._offered:
            return
        self._offered = offered
        if money_account != self._money_account:
            self._money_account = money_account
            self._label_actions(a for a in ACTIONS if a[0] in MONEY_ACCOUNT_LABELS)
        for action, button in self.buttons.items():
            button.setVisible(action in allowed)
        # Visible actions fill the grid from the top, two per row, in the order of ACTIONS.
        shown = [a for a, _, _ in ACTIONS if a in allowed]
        if shown != self._laid_out:
            for action, _, _ in ACTIONS:
                self.grid.removeWidget(self.buttons[action])
            for i, action in enumerate(shown):
                self.grid.addWidget(self.buttons[action], i // 2, i % 2)
            self._laid_out = shown
        manager_or_cashier = self.ctx.role in (Role.CASHIER, Role.MANAGER)
        self.sell_new_button.setVisible(manager_or_cashier)
        self.store_credit_button.setVisible(manager_or_cashier)


SCREENS = [CashierScreen]
