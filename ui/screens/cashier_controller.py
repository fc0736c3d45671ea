"""What the till does, without widgets: every operation on the card on the counter.

The cashier screen forwards every intent here (one line per slot); each operation runs in the
background through :class:`~ui.approval.Approvals` (which asks a manager when the service or the
offline policy needs one), or a plain task for reads. Results come back as signals with plain,
translated words (:class:`~ui.screens.cashier_state.TillState`); slips go to
:class:`~ui.printing.Printing`. Money arithmetic stays in the core: amounts arrive here already
parsed (``Decimal``) and the server's answers are shown as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Signal

from pos_client.domain import BasketLine, Kind, OperationResult, OperationState, OpType, Transaction
from pos_client.points_returns import SaleToReturn, sales_to_return
from pos_client.points_value import is_money_account, points_worth
from ui.screens.cashier_approval import held_words, points_words
from ui.screens.cashier_dialogs import block_reason_words
from ui.screens.cashier_moves import CardMoveOperations
from ui.screens.cashier_state import VOIDABLE, Card, Hold

__all__ = ["VOIDABLE", "Card", "CashierController", "Hold"]


class CashierController(CardMoveOperations):
    """The till's operations (see the module doc); state and signals come from :class:`TillState`,
    merges and balance transfers from :class:`~ui.screens.cashier_moves.CardMoveOperations`.

    Signals:
        sales_found(object): the card's earlier points sales (``list[SaleToReturn]``), to pick one
            to return.
        payments_found(object, object): the card's payments that can still be refunded
            (``list[Transaction]``, each with what is left of it in ``reversible``) and the amount to
            refund (``Decimal``), to pick the one the refund gives back.
    """

    sales_found = Signal(object)
    payments_found = Signal(object, object)

    # -- gift cards and store credit ------------------------------------------------------------------

    def activate(self, amount: Decimal | None) -> None:
        """Sell a pre-issued card: activate it with ``amount`` (None for a fixed-amount series); a
        pre-issued loyalty card is activated with no amount."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        if self.card is not None and self.card.instrument.kind is Kind.LOYALTYCARD:
            self._start_approved(
                lambda approval: service.points_activate(number, approval=approval),
                lambda r: self._applied(
                    r,
                    QCoreApplication.translate("cashier", "Card activated: it earns points from now on."),
                    print_slip=False,
                ),
                description="activate loyalty card",
            )
            return
        self._start_approved(
            lambda approval: service.activate(number, amount, approval=approval),
            lambda r: self._applied(
                r,
                QCoreApplication.translate("cashier", "Card activated with {amount}.").format(
                    amount=self.money(r.amount)
                ),
            ),
            description="activate",
            what=self.money(amount),
        )

    def sell_new(self, series_number: str, amount: Decimal | None) -> None:
        """Issue a new live-printed gift card (the slip is the card)."""
        service = self.ctx.service
        self._start_approved(
            lambda approval: service.issue(series_number, amount, approval=approval),
            lambda r: self._issued(
                r, QCoreApplication.translate("cashier", "New gift card issued with {amount}.")
            ),
            description="issue gift card",
            what=self.money(amount),
        )

    def issue_store_credit(self, series_number: str, amount: Decimal) -> None:
        """Issue a store-credit note (a manager, or a cashier with a manager's approval)."""
        service = self.ctx.service
        self._start_approved(
            lambda approval: service.issue(series_number, amount, approval=approval),
            lambda r: self._issued(
                r, QCoreApplication.translate("cashier", "Store credit issued for {amount}.")
            ),
            description="issue store credit",
            what=self.money(amount),
        )

    def _issued(self, result: OperationResult, words: str) -> None:
        if result.instrument is not None:
            series = self.ctx.service.catalogue.get(result.instrument.series_number)
            self._set_card(Card(result.instrument, series))
        currency = result.instrument.currency if result.instrument else None
        self._applied(result, words.format(amount=self.money(result.amount, currency)), live=True)

    def load(self, amount: Decimal) -> None:
        """Top up the card."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        self._unless_repeated(
            OpType.LOAD,
            amount,
            None,
            lambda: self._start_approved(
                lambda approval: service.load(number, amount, approval=approval),
                lambda r: self._applied(
                    r,
                    QCoreApplication.translate("cashier", "{amount} loaded on the card.").format(
                        amount=self.money(r.amount)
                    ),
                ),
                description="load",
                what=self.money(amount),
            ),
        )

    def pay(self, amount: Decimal) -> None:
        """Hold ``amount`` on the card; commit when the sale is finished, or cancel."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        if self.hold is not None:
            self.failed.emit(
                QCoreApplication.translate(
                    "cashier", "A payment is already on hold: commit or cancel it first."
                )
            )
            return
        self._unless_repeated(
            OpType.PAY,
            amount,
            None,
            lambda: self._start_approved(
                lambda approval: service.pay(number, amount, approval=approval),
                self._held,
                description="pay",
                what=self.money(amount),
            ),
        )

    def _held(self, result: OperationResult) -> None:
        assert self.card is not None
        instrument = result.instrument or self.card.instrument
        if result.state is OperationState.QUEUED:
            # Offline there is no hold to commit: the payment waits in the outbox and is sent as it is.
            words = QCoreApplication.translate("cashier", "Payment of {amount} taken offline.").format(
                amount=self.money(result.amount, instrument.currency)
            )
            self._applied(result, words)
            return
        self.recent.append(result)
        if result.instrument is not None:
            self._set_card(Card(result.instrument, self.card.series))
        if not result.auth_code:
            self.failed.emit(
                QCoreApplication.translate(
                    "cashier", "The server gave no hold for this payment. Check the balance."
                )
            )
            return
        self._set_hold(
            Hold(
                number=instrument.number,
                auth_code=result.auth_code,
                amount=result.amount,
                points=result.points,
                currency=instrument.currency,
                kind=instrument.kind,
                provisional=result.provisional,
            )
        )
        amount = self.money(result.amount, instrument.currency) if result.amount is not None else ""
        if result.points is not None and result.amount is None:
            amount = QCoreApplication.translate("cashier", "{points} points").format(points=result.points)
        self.succeeded.emit(
            QCoreApplication.translate(
                "cashier", "{amount} on hold. Finish the sale with Commit, or Cancel."
            ).format(amount=amount)
        )

    def commit(self) -> None:
        """Capture the open hold: the sale is finished."""
        hold, service = self.hold, self.ctx.service
        if hold is None:
            self.failed.emit(QCoreApplication.translate("cashier", "No payment is on hold."))
            return
        self._start_approved(
            lambda approval: service.commit(hold.number, hold.auth_code, approval=approval),
            self._committed,
            description="commit",
            what=held_words(hold, self.money),
            number=hold.number,
        )

    def _committed(self, result: OperationResult) -> None:
        hold = self.hold
        self._set_hold(None)
        shown = result.amount if result.amount is not None else hold.amount if hold else None
        currency = hold.currency if hold else None
        if hold is not None and hold.kind is Kind.LOYALTYCARD and hold.points is not None:
            words = QCoreApplication.translate("cashier", "{points} points paid.").format(points=hold.points)
        else:
            words = QCoreApplication.translate("cashier", "Payment of {amount} done.").format(
                amount=self.money(shown, currency)
            )
        self._applied(result, words)

    def cancel_hold(self) -> None:
        """Release the open hold: the customer does not pay with the card after all."""
        hold, service = self.hold, self.ctx.service
        if hold is None:
            self.failed.emit(QCoreApplication.translate("cashier", "No payment is on hold."))
            return
        self._start_approved(
            lambda approval: service.cancel(hold.number, hold.auth_code, approval=approval),
            self._cancelled,
            description="cancel hold",
            what=held_words(hold, self.money),
            number=hold.number,
        )

    def _cancelled(self, result: OperationResult) -> None:
        self._set_hold(None)
        self._applied(
            result,
            QCoreApplication.translate("cashier", "The payment was cancelled; nothing was taken."),
            print_slip=False,
        )

    def find_payments(self, amount: Decimal) -> None:
        """Read the card's payments that can still be refunded, newest first (a refund gives back
        one of them, never more than is left of it); answered by :attr:`payments_found`."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()

        def work() -> list[Transaction]:
            return [
                t
                for t in service.history(number)
                if t.type == OpType.COMMIT.value and t.operation_id and (t.reversible or 0) > 0
            ]

        self._start(
            work,
            lambda found: self._payments_found(found, amount),
            description="find payments",
            writing=False,
        )

    def _payments_found(self, payments: list[Transaction], amount: Decimal) -> None:
        if not payments:
            self.failed.emit(
                QCoreApplication.translate(
                    "cashier",
                    "This card has no payment left to refund. Goods paid for otherwise are returned as"
                    " store credit (Issue store credit).",
                )
            )
            return
        self.payments_found.emit(payments, amount)

    def refund(self, amount: Decimal, original: str) -> None:
        """Give ``amount`` back on the card for the payment ``original`` (its operation id, picked
        from :attr:`payments_found`); a cashier needs a manager's approval."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        self._start_approved(
            lambda approval: service.refund(number, amount, original=original, approval=approval),
            self._refunded,
            description="refund",
            what=self.money(amount),
        )

    def _refunded(self, result: OperationResult) -> None:
        words = QCoreApplication.translate("cashier", "{amount} refunded to the card.").format(
            amount=self.money(result.amount)
        )
        if result.reversible is not None:
            words += " " + QCoreApplication.translate(
                "cashier", "{amount} of that payment is left to refund."
            ).format(amount=self.money(result.reversible))
        self._applied(result, words)

    def void_last(self) -> None:
        """Reverse the last operation made on this card in this session (manager's approval)."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        original = self.last_operation(VOIDABLE)
        if original is None:
            self.failed.emit(
                QCoreApplication.translate("cashier", "Nothing done on this card in this session to void.")
            )
            return
        self._start_approved(
            lambda approval: service.void(number, original.operation_id, approval=approval),
            lambda r: self._voided(r, original),
            description="void",
            what=self.money(original.amount) or points_words(original.points),
        )

    def _voided(self, result: OperationResult, original: OperationResult) -> None:
        if self.hold is not None and original.auth_code == self.hold.auth_code:
            self._set_hold(None)
        self.recent = [r for r in self.recent if r is not original]
        self._applied(result, QCoreApplication.translate("cashier", "The last operation was voided."))

    def print_balance(self) -> None:
        """Read the card again and print its balance slip."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()

        def work() -> Card:
            instrument = service.balance(number)
            return Card(instrument, service.catalogue.get(instrument.series_number))

        self._start(work, self._balance_printed, description="print balance", writing=False)

    def _balance_printed(self, card: Card) -> None:
        self._set_card(card)
        self.ctx.printing.print_for(card.instrument)
        self.succeeded.emit(QCoreApplication.translate("cashier", "Balance slip printed."))

    def block(self, reason: str) -> None:
        """Block the card (a manager, or a cashier with a manager's approval)."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        self._start_approved(
            lambda approval: service.block(number, reason, approval=approval),
            lambda r: self._applied(
                r, QCoreApplication.translate("cashier", "The card is blocked."), print_slip=False
            ),
            description="block",
            what=block_reason_words(reason),
        )

    def unblock(self) -> None:
        """Unblock the card: a manager decides (a cashier asks for the approval)."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        self._start_approved(
            lambda approval: service.unblock(number, approval=approval),
            lambda r: self._applied(
                r, QCoreApplication.translate("cashier", "The card is unblocked."), print_slip=False
            ),
            description="unblock",
        )

    # -- coupons ------------------------------------------------------------------------------------------

    def redeem_coupon(self) -> None:
        """Use the coupon on the counter once."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        self._start_approved(
            lambda approval: service.coupon_redeem(number, approval=approval),
            lambda r: self._applied(
                r, QCoreApplication.translate("cashier", "Coupon redeemed: give the discount.")
            ),
            description="redeem coupon",
        )

    # -- points -------------------------------------------------------------------------------------------

    def earn(self, amount: Decimal | None, lines: Sequence[BasketLine] = ()) -> None:
        """Earn points for a sale of ``amount``, or on its basket ``lines``."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        self._start_approved(
            lambda approval: service.points_earn(
                number, amount=None if lines else amount, lines=tuple(lines), approval=approval
            ),
            self._earned,
            description="earn points",
            what=self.money(amount),
        )

    def _earned(self, result: OperationResult) -> None:
        if result.points is None and result.state is OperationState.QUEUED:  # offline: not "0 points"
            words = QCoreApplication.translate("cashier", "Points for this sale are counted by the server.")
        elif is_money_account(result.instrument) and result.amount is not None:  # seed 002's money account
            words = QCoreApplication.translate("cashier", "{amount} credited to the loyalty balance.").format(
                amount=self.money(result.amount, result.instrument.currency if result.instrument else None)
            )
        else:
            words = QCoreApplication.translate("cashier", "{points} points earned.").format(
                points=result.points or 0
            )
        if result.rewards:
            words += " " + QCoreApplication.translate(
                "cashier", "Reward coupon printed: give it to the customer."
            )
        self._applied(result, words)

    def spend(self, points: int) -> None:
        """Spend ``points`` now."""
        number = self.number
        if number is None:
            return self._no_card()
        self._unless_repeated(OpType.SPEND, None, points, lambda: self._spend(number, points))

    def _spend(self, number: str, points: int) -> None:
        service = self.ctx.service
        self._start_approved(
            lambda approval: service.points_redeem(number, points, approval=approval),
            lambda r: self._spent(r, points),
            description="spend points",
            what=points_words(points),
        )

    def _spent(self, result: OperationResult, points: int) -> None:
        spent = result.points or points
        card = result.instrument or (self.card.instrument if self.card else None)
        if is_money_account(card) and result.amount is not None:
            self._applied(
                result,
                QCoreApplication.translate(
                    "cashier", "{amount} paid from the loyalty balance: deduct it from the bill."
                ).format(amount=self.money(result.amount, card.currency if card else None)),
            )
            return
        # the server's word (``amount``), else (queued offline) the points at the card's point value
        worth = result.amount
        if worth is None and card is not None:
            worth = points_worth(spent, card)
        if worth is None:
            words = QCoreApplication.translate("cashier", "{points} points spent.").format(points=spent)
        else:  # the cashier takes the points' value off the sale: say how much
            words = QCoreApplication.translate(
                "cashier", "{points} points spent: deduct {amount} from the bill."
            ).format(points=spent, amount=self.money(worth, card.currency if card else None))
        self._applied(result, words)

    def pay_with_points(self, amount: Decimal) -> None:
        """Pay ``amount`` of the sale with the points worth it: the server works out the points
        (rounded as the card's series says) and refuses when the card's points are not enough."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        self._start_approved(
            lambda approval: service.points_pay_amount(number, amount, approval=approval),
            lambda r: self._spent(r, r.points or 0),
            description="pay with points",
            what=self.money(amount),
        )

    def buy_product(self, product_code: str) -> None:
        """Buy one of the card's products priced in points (``product_code``, one of its
        ``points_products``): the server takes its price in points; the slip prints."""
        card, service = self.card, self.ctx.service
        if card is None:
            return self._no_card()
        number = card.instrument.number
        product = next((p for p in card.instrument.points_products if p.product_code == product_code), None)
        if product is None:
            self.failed.emit(
                QCoreApplication.translate("cashier", "This card cannot buy that product with points.")
            )
            return
        self._start_approved(
            lambda approval: service.points_buy(number, product.product_code, approval=approval),
            lambda r: self._applied(
                r,
                QCoreApplication.translate("cashier", "{product} bought for {points} points.").format(
                    product=product.description, points=r.points or product.points
                ),
            ),
            description="buy with points",
            what=f"{product.description}, {points_words(product.points)}",
        )

    def spend_all(self) -> None:
        """Spend every point on the card."""
        card = self.card
        if card is None or card.instrument.points is None or card.instrument.points.balance <= 0:
            self.failed.emit(QCoreApplication.translate("cashier", "There are no points to spend."))
            return
        self.spend(card.instrument.points.balance)

    def find_sales(self) -> None:
        """Read the card's earlier sales (points earned): the returnable ones newest first, then those
        already returned (shown, not offered); answered by :attr:`sales_found`."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()

        def work() -> list[SaleToReturn]:
            return sales_to_return(service.history(number))

        self._start(work, self._sales_found, description="find sales", writing=False)

    def _sales_found(self, sales: list[SaleToReturn]) -> None:
        if not any(sale.returnable for sale in sales):
            self.failed.emit(
                QCoreApplication.translate("cashier", "This card earned no points that could be returned.")
            )
            return
        self.sales_found.emit(sales)

    def return_points(self, original: str, amount: Decimal | None) -> None:
        """Take back the points sale ``original`` earned (all of them, or for the returned ``amount``)."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        self._start_approved(
            lambda approval: service.points_return(number, original, amount=amount, approval=approval),
            lambda r: self._applied(
                r,
                QCoreApplication.translate("cashier", "{points} points taken back.").format(
                    points=abs(r.points or 0)
                ),
            ),
            description="return points",
            what=self.money(amount),
        )
