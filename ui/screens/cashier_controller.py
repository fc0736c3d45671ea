"""What the till does, without widgets: the card on the counter, an open payment hold, the operations.

The cashier screen forwards every intent here (one line per slot); each operation runs in the
background through :class:`~ui.tasks.TaskRunner` or, when it may need a manager,
:class:`~ui.approval.Approvals`. Results come back as signals with plain, translated words; slips go
to :class:`~ui.printing.Printing`. Money arithmetic stays in the core: amounts arrive here already
parsed (``Decimal``) and the server's answers are shown as they are.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from pos_client.api.errors import Refused
from pos_client.domain import Instrument, Kind, OperationResult, OperationState, OpType, Series, Status
from pos_client.money import format_money
from pos_client.security import Approval
from ui.errors import describe_error
from ui.tasks import Task

if TYPE_CHECKING:
    from ui.context import AppContext

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("cashier", text)


@dataclass(frozen=True)
class Card:
    """The instrument on the counter and its series (None when the catalogue does not know it)."""

    instrument: Instrument
    series: Series | None


@dataclass(frozen=True)
class Hold:
    """An open payment hold, to commit when the sale is finished or to cancel."""

    number: str
    auth_code: str
    amount: Decimal | None
    points: int | None
    currency: str
    kind: Kind
    provisional: bool


VOIDABLE = (OpType.ISSUE, OpType.LOAD, OpType.PAY, OpType.COMMIT, OpType.REFUND)


class CashierController(QObject):
    """The till's state and operations (see the module doc).

    Signals:
        card_changed(object): the :class:`Card` on the counter, or None.
        hold_changed(object): the open :class:`Hold`, or None.
        succeeded(str): an operation went through (words for the cashier).
        saved_offline(str): it was saved to be sent later (provisional).
        failed(str): it did not (words for the cashier).
        busy_changed(bool): an operation is running (one at a time).
    """

    card_changed = Signal(object)
    hold_changed = Signal(object)
    succeeded = Signal(str)
    saved_offline = Signal(str)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.card: Card | None = None
        self.hold: Hold | None = None
        self.recent: list[OperationResult] = []  # this session's operations on the current card
        self._task: Task[Any] | None = None
        self._busy = False
        self._writing = False

    # -- state --------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """An operation is running."""
        return self._busy

    @property
    def can_stop_waiting(self) -> bool:
        """A background call runs that the cashier may stop waiting for (not a manager's dialog)."""
        return self._busy and self._task is not None and not self._task.done

    @property
    def number(self) -> str | None:
        """The whole number of the card on the counter (never shown; operations need it)."""
        return self.card.instrument.number if self.card else None

    def money(self, amount: Decimal | None, currency: str | None = None) -> str:
        """``amount`` in the card's currency, as the current locale writes it."""
        if amount is None:
            return ""
        cur = currency or (self.card.instrument.currency if self.card else self.ctx.config.terminal.currency)
        return format_money(amount, cur, self.ctx.locale)

    def last_operation(self, types: tuple[OpType, ...]) -> OperationResult | None:
        """The newest operation of these types on the current card in this session."""
        return next((r for r in reversed(self.recent) if r.type in types), None)

    def clear(self) -> None:
        """Take the card off the counter (the open hold stays until committed or cancelled)."""
        self.cancel_wait()
        self._set_card(None)

    def _set_card(self, card: Card | None) -> None:
        if card is None or self.card is None or card.instrument.number != self.card.instrument.number:
            self.recent = []
        self.card = card
        self.card_changed.emit(card)

    def _set_hold(self, hold: Hold | None) -> None:
        self.hold = hold
        self.hold_changed.emit(hold)

    def _set_busy(self, busy: bool, writing: bool = False) -> None:
        self._busy = busy
        self._writing = writing and busy
        self.busy_changed.emit(busy)

    def busy_reason(self) -> str | None:
        """Why signing off now would leave something unfinished."""
        if self.hold is not None:
            return QCoreApplication.translate("cashier", "A payment is on hold: commit or cancel it first.")
        if self._busy:
            return QCoreApplication.translate("cashier", "An operation is still running.")
        return None

    # -- running --------------------------------------------------------------------------------------

    def _start(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        *,
        description: str,
        writing: bool = True,
    ) -> None:
        if self._busy:
            self.failed.emit(
                QCoreApplication.translate(
                    "cashier", "Wait for the current operation to finish, or cancel it."
                )
            )
            return
        self._task = self.ctx.tasks.run(fn, self._success(on_success), self._failure, description=description)
        self._set_busy(True, writing)

    def _start_approved(
        self, fn: Callable[[Approval | None], Any], on_success: Callable[[Any], None], *, description: str
    ) -> None:
        if self._busy:
            self.failed.emit(
                QCoreApplication.translate(
                    "cashier", "Wait for the current operation to finish, or cancel it."
                )
            )
            return
        self._task = self.ctx.approvals.run(
            fn, self._success(on_success), self._failure, description=description
        )
        self._set_busy(True, True)

    def _success(self, then: Callable[[Any], None]) -> Callable[[Any], None]:
        def done(result: Any) -> None:
            self._set_busy(False)
            self._task = None
            then(result)

        return done

    def _failure(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._task = None
        self.failed.emit(describe_error(exc))

    def cancel_wait(self) -> None:
        """Stop waiting for the running operation (its result is ignored)."""
        if not self.can_stop_waiting or self._task is None:
            return
        writing = self._writing
        self._task.cancel()
        self._task = None
        self._set_busy(False)
        if writing:
            self.failed.emit(
                QCoreApplication.translate(
                    "cashier",
                    "Stopped waiting. It may still go through: check the balance before repeating it.",
                )
            )
        else:
            self.failed.emit(QCoreApplication.translate("cashier", "Stopped waiting."))

    # -- look-up ------------------------------------------------------------------------------------

    def lookup(self, raw: str) -> None:
        """Identify a scanned or typed number and show the card (a new scan replaces a running look-up)."""
        if not raw.strip():
            self.failed.emit(QCoreApplication.translate("cashier", "Scan a card or type its number."))
            return
        if self._busy and not self._writing:
            self.cancel_wait_silently()
        service = self.ctx.service

        def work() -> Card:
            instrument = service.balance(raw)
            return Card(instrument, service.catalogue.get(instrument.series_number))

        self._start(work, self._looked_up, description="look up", writing=False)

    def cancel_wait_silently(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._task = None
        self._set_busy(False)

    def _looked_up(self, card: Card) -> None:
        self._set_card(card)
        instrument = card.instrument
        if not instrument.acceptable_here:
            self.failed.emit(describe_error_code("NOT_ACCEPTED_HERE"))
        elif instrument.status is Status.BLOCKED:
            self.failed.emit(describe_error_code("BLOCKED"))
        elif instrument.status is Status.EXPIRED:
            self.failed.emit(describe_error_code("EXPIRED"))
        else:
            self.ctx.messages.info(QCoreApplication.translate("cashier", "Card found."))

    def refresh(self) -> None:
        """Read the current card again."""
        if self.number:
            self.lookup(self.number)

    # -- results ----------------------------------------------------------------------------------------

    def _applied(
        self, result: OperationResult, words: str, *, print_slip: bool = True, live: bool = False
    ) -> None:
        """Common end of a write: remember it, update the card, print, tell the cashier."""
        self.recent.append(result)
        card = self.card
        if (
            result.instrument is not None
            and card is not None
            and result.instrument.number == card.instrument.number
        ):
            self._set_card(Card(result.instrument, card.series))
        if print_slip:
            self.ctx.printing.print_for(result, live_printed=live)
        if result.state is OperationState.QUEUED:
            words += " " + QCoreApplication.translate(
                "cashier", "The server cannot be reached: it is saved and will be sent later (provisional)."
            )
            self.saved_offline.emit(words)
            return
        self.succeeded.emit(words)

    # -- gift cards and store credit ------------------------------------------------------------------

    def activate(self, amount: Decimal | None) -> None:
        """Sell a pre-issued card: activate it with ``amount`` (None for a fixed-amount series)."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        self._start_approved(
            lambda _approval: service.activate(number, amount),
            lambda r: self._applied(
                r,
                QCoreApplication.translate("cashier", "Card activated with {amount}.").format(
                    amount=self.money(r.amount)
                ),
            ),
            description="activate",
        )

    def sell_new(self, series_number: str, amount: Decimal | None) -> None:
        """Issue a new live-printed gift card (the slip is the card)."""
        service = self.ctx.service
        self._start_approved(
            lambda _approval: service.issue(series_number, amount),
            lambda r: self._issued(
                r, QCoreApplication.translate("cashier", "New gift card issued with {amount}.")
            ),
            description="issue gift card",
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
        self._start_approved(
            lambda _approval: service.load(number, amount),
            lambda r: self._applied(
                r,
                QCoreApplication.translate("cashier", "{amount} loaded on the card.").format(
                    amount=self.money(r.amount)
                ),
            ),
            description="load",
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
        self._start_approved(lambda _approval: service.pay(number, amount), self._held, description="pay")

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
            lambda _approval: service.commit(hold.number, hold.auth_code),
            self._committed,
            description="commit",
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
            lambda _approval: service.cancel(hold.number, hold.auth_code),
            self._cancelled,
            description="cancel hold",
        )

    def _cancelled(self, result: OperationResult) -> None:
        self._set_hold(None)
        self._applied(
            result,
            QCoreApplication.translate("cashier", "The payment was cancelled; nothing was taken."),
            print_slip=False,
        )

    def refund(self, amount: Decimal) -> None:
        """Put money back on the card (needs a manager's approval for a cashier)."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        original = self.last_operation((OpType.COMMIT, OpType.PAY))
        original_id = original.operation_id if original else None
        self._start_approved(
            lambda approval: service.refund(number, amount, original=original_id, approval=approval),
            lambda r: self._applied(
                r,
                QCoreApplication.translate("cashier", "{amount} refunded to the card.").format(
                    amount=self.money(r.amount)
                ),
            ),
            description="refund",
        )

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
        )

    # -- coupons ------------------------------------------------------------------------------------------

    def redeem_coupon(self) -> None:
        """Use the coupon on the counter once."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        self._start_approved(
            lambda _approval: service.coupon_redeem(number),
            lambda r: self._applied(
                r, QCoreApplication.translate("cashier", "Coupon redeemed: give the discount.")
            ),
            description="redeem coupon",
        )

    # -- points -------------------------------------------------------------------------------------------

    def earn(self, amount: Decimal) -> None:
        """Earn points for a sale of ``amount``."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        self._start_approved(
            lambda _approval: service.points_earn(number, amount=amount),
            self._earned,
            description="earn points",
        )

    def _earned(self, result: OperationResult) -> None:
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
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        self._start_approved(
            lambda _approval: service.points_redeem(number, points),
            lambda r: self._applied(
                r,
                QCoreApplication.translate("cashier", "{points} points spent.").format(
                    points=r.points or points
                ),
            ),
            description="spend points",
        )

    def spend_all(self) -> None:
        """Spend every point on the card."""
        card = self.card
        if card is None or card.instrument.points is None or card.instrument.points.balance <= 0:
            self.failed.emit(QCoreApplication.translate("cashier", "There are no points to spend."))
            return
        self.spend(card.instrument.points.balance)

    def return_points(self, amount: Decimal | None) -> None:
        """Take back the points of the last sale on this card (all, or for the returned ``amount``)."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        original = self.last_operation((OpType.EARN,))
        if original is None:
            self.failed.emit(
                QCoreApplication.translate("cashier", "No sale of this card in this session to return.")
            )
            return
        self._start_approved(
            lambda _approval: service.points_return(number, original.operation_id, amount=amount),
            lambda r: self._applied(
                r,
                QCoreApplication.translate("cashier", "{points} points taken back.").format(
                    points=abs(r.points or 0)
                ),
            ),
            description="return points",
        )

    def _no_card(self) -> None:
        self.failed.emit(QCoreApplication.translate("cashier", "Scan a card first."))


def describe_error_code(code: str) -> str:
    """Words for a refusal code (the same as the server's refusal would get)."""
    return describe_error(Refused(code, ""))
