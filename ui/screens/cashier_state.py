"""The till's state and how its operations run: the card on the counter, an open payment hold, one
operation at a time in the background, and what happens with its result.

:class:`TillState` is the base of :class:`~ui.screens.cashier_controller.CashierController` (the
operations themselves); it holds no widget.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from pos_client.api.errors import Refused
from pos_client.domain import (
    BasketLine,
    Instrument,
    Kind,
    OperationResult,
    OperationState,
    OpType,
    PointsQuote,
    Series,
    Status,
)
from pos_client.files import write_atomic
from pos_client.money import format_money
from pos_client.security import Approval
from pos_client.terminal_identity import OPEN_HOLD_FILE
from ui.errors import describe_error, not_paid_words
from ui.screens.cashier_approval import approval_subject
from ui.tasks import Task
from ui.waiting import OperationWait

if TYPE_CHECKING:
    from ui.context import AppContext

log = logging.getLogger(__name__)
T = TypeVar("T")


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


HOLD_FILE = OPEN_HOLD_FILE  # while it exists, the terminal may not be registered again (config init)


def save_hold(path: Path, hold: Hold | None) -> None:
    """Keep the open hold on disk (atomically), so a restart still offers Commit / Cancel."""
    try:
        if hold is None:
            path.unlink(missing_ok=True)
            return
        data = {
            "number": hold.number,
            "authCode": hold.auth_code,
            "amount": None if hold.amount is None else str(hold.amount),
            "points": hold.points,
            "currency": hold.currency,
            "kind": hold.kind.value,
            "provisional": hold.provisional,
        }
        write_atomic(path, json.dumps(data))
    except OSError as exc:  # the hold still works in this session; only a restart would forget it
        log.warning("cannot keep the open hold in %s: %s", path, exc.strerror)


def load_hold(path: Path) -> Hold | None:
    """The hold kept by :func:`save_hold`, if any (an unreadable file is logged and ignored)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Hold(
            number=str(data["number"]),
            auth_code=str(data["authCode"]),
            amount=None if data["amount"] is None else Decimal(data["amount"]),
            points=data["points"],
            currency=str(data["currency"]),
            kind=Kind(data["kind"]),
            provisional=bool(data["provisional"]),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, ArithmeticError):
        log.warning("ignoring an unreadable open hold in %s", path)
        return None


VOIDABLE = (OpType.ISSUE, OpType.LOAD, OpType.PAY, OpType.COMMIT, OpType.REFUND)


class TillState(QObject):
    """The till's state and the running of its operations (see the module doc).

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
    earn_previewed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.card: Card | None = None
        self.hold: Hold | None = load_hold(self._hold_file())  # a hold left open when the app stopped
        self.recent: list[OperationResult] = []  # this session's operations on the current card
        self._task: Task[Any] | None = None
        self._busy = False
        self._writing = False
        self._preview_seq = 0
        # The running operation's deadline (retries, "checking with the server"): counted down in
        # the message area, and cancelled in the core by Stop waiting / Esc (see cancel_wait).
        self.waiting = OperationWait(lambda: ctx.core.client.retry_policy, self)
        self.waiting.changed.connect(self._waiting_changed)

    # -- state --------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """An operation is running."""
        return self._busy

    @property
    def writing(self) -> bool:
        """The running operation changes something (not a look-up)."""
        return self._writing

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
        save_hold(self._hold_file(), hold)
        self.hold_changed.emit(hold)

    def _hold_file(self) -> Path:
        return self.ctx.config.data_path / HOLD_FILE

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
        fn: Callable[[], T],
        on_success: Callable[[T], None],
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
        self._task = self.ctx.tasks.run(
            self.waiting.watch(fn), self._success(on_success), self._failure, description=description
        )
        self._set_busy(True, writing)

    def _start_approved(
        self,
        fn: Callable[[Approval | None], T],
        on_success: Callable[[T], None],
        *,
        description: str,
        what: str = "",
        number: str | None = None,
    ) -> None:
        """Run a write that may need a manager; ``what`` (the amount, points or reason, in words)
        goes with the operation and the masked card (``number``, default the card on the counter)
        into the approval dialog, so the manager sees what they approve."""
        if self._busy:
            self.failed.emit(
                QCoreApplication.translate(
                    "cashier", "Wait for the current operation to finish, or cancel it."
                )
            )
            return
        subject = approval_subject(description, number or self.number, what)
        self._task = self.ctx.approvals.run(  # every approval round runs under the watched deadline
            self.waiting.watch(fn),
            self._success(on_success),
            self._failure,
            description=description,
            subject=subject,
        )
        self._set_busy(True, True)

    def _unless_repeated(
        self, op_type: OpType, amount: Decimal | None, points: int | None, go: Callable[[], None]
    ) -> None:
        """Run ``go``; but when the same operation (type, amount, points) on this card was saved
        offline moments ago, ask first: offline nothing on the server stops a second tap from
        queuing a second payment."""
        now = dt.datetime.now(dt.UTC)
        for earlier in reversed(self.recent):
            if earlier.state is not OperationState.QUEUED or earlier.created is None:
                continue
            seconds = int((now - earlier.created).total_seconds())
            same = earlier.type is op_type and (earlier.amount, earlier.points) == (amount, points)
            if same and seconds <= DUPLICATE_SECONDS:
                what = self.money(amount) if amount is not None else str(points)
                question = QCoreApplication.translate(
                    "cashier",
                    "The same operation ({what}) on this card was saved offline {seconds} s ago and "
                    "waits to be sent. Do it again?",
                ).format(what=what, seconds=max(seconds, 0))
                self.ctx.approvals.confirm(question, go, self._not_repeated)
                return
        go()

    def _not_repeated(self) -> None:
        self.failed.emit(QCoreApplication.translate("cashier", "Not repeated: nothing was saved again."))

    def _success(self, then: Callable[[T], None]) -> Callable[[T], None]:
        def done(result: T) -> None:
            self.waiting.end()
            self._set_busy(False)
            self._task = None
            then(result)

        return done

    def _failure(self, exc: BaseException) -> None:
        self.waiting.end()
        self._set_busy(False)
        self._task = None
        self.failed.emit(describe_error(exc))

    def _waiting_changed(self, text: str) -> None:
        if text:  # "" when the wait ends: the operation's own message follows
            self.ctx.messages.info(text)

    def cancel_wait(self) -> None:
        """Stop waiting for the running operation: its deadline is cancelled in the core (no more
        retries; a payment hold ends NOT paid, and one the server made after all is released by the
        terminal), and its result is ignored."""
        if not self.can_stop_waiting or self._task is None:
            return
        writing = self._writing
        paying = self._task.description == "pay"
        if not self.waiting.cancel() and paying:
            return  # too late: the server's answer is decided and on its way; it is shown as it comes
        self._task.cancel()
        self._task = None
        self._set_busy(False)
        if paying:
            self.failed.emit(not_paid_words())
        elif writing:
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
        """Identify a scanned or typed number and show the card (a new scan replaces a running look-up).

        The card on the counter goes first, whatever the look-up's outcome: after a number with a
        wrong check digit, a garbled scan or a look-up that cannot reach the server, no earlier
        card stays live with its actions (Pay must never hold money on the previous customer's
        card). Only while a write runs is a scan refused, and the card that write is for stays.
        """
        if not raw.strip():
            self.failed.emit(QCoreApplication.translate("cashier", "Scan a card or type its number."))
            return
        if self._busy and self._writing:
            self.failed.emit(
                QCoreApplication.translate(
                    "cashier", "Wait for the current operation to finish, or cancel it."
                )
            )
            return
        if self._busy:
            self.cancel_wait_silently()
        self._read(raw)
        self._set_card(None)  # after the look-up started: the screen sees a card being looked up

    def _read(self, raw: str) -> None:
        """Read the card behind ``raw`` from the server and show it."""
        service = self.ctx.service

        def work() -> Card:
            instrument = service.balance(raw)
            return Card(instrument, service.catalogue.get(instrument.series_number))

        self._start(work, self._looked_up, description="look up", writing=False)

    def cancel_wait_silently(self) -> None:
        self.waiting.cancel()  # the worker stops retrying too
        if self._task is not None:
            self._task.cancel()
        self._task = None
        self._set_busy(False)

    def _looked_up(self, card: Card) -> None:
        self._set_card(card)
        instrument = card.instrument
        if instrument.as_of is not None and instrument.status is Status.ACTIVE:
            self.ctx.messages.warning(
                QCoreApplication.translate(
                    "cashier",
                    "The server cannot be reached: this is the card as last seen, at {time}. "
                    "What you do now is saved and sent later (provisional).",
                ).format(time=as_of_time(instrument.as_of))
            )
        elif not instrument.acceptable_here:
            self.failed.emit(describe_error_code("NOT_ACCEPTED_HERE"))
        elif instrument.status is Status.BLOCKED:
            self.failed.emit(describe_error_code("BLOCKED"))
        elif instrument.status is Status.EXPIRED:
            self.failed.emit(describe_error_code("EXPIRED"))
        elif instrument.kind is Kind.COUPON and (
            instrument.status is Status.USED or instrument.uses_left == 0
        ):
            self.failed.emit(describe_error_code("COUPON_USED"))  # red, never a neutral "Card found."
        else:
            reward = instrument.next_reward
            if reward is not None and reward.close and reward.points_to_go > 0:
                self.ctx.messages.info(
                    QCoreApplication.translate(
                        "cashier", "Only {points} points to a {value} reward: tell the customer."
                    ).format(
                        points=reward.points_to_go, value=self.money(reward.reward_value, instrument.currency)
                    )
                )
            else:
                self.ctx.messages.info(QCoreApplication.translate("cashier", "Card found."))

    # -- points preview -------------------------------------------------------------------------------

    def preview_earn(self, amount: Decimal | None, lines: Sequence[BasketLine] = ()) -> None:
        """What ``amount`` would earn on the loyalty card, shown before the cashier confirms (no effect).

        Answers come as :attr:`earn_previewed` (text; "" when there is nothing to show). A newer request
        makes older answers stale: they are dropped.
        """
        self._preview_seq += 1
        seq = self._preview_seq
        card, service = self.card, self.ctx.service
        nothing = not lines and (amount is None or amount <= 0)
        if nothing or card is None or card.instrument.kind is not Kind.LOYALTYCARD:
            self.earn_previewed.emit("")
            return
        number = card.instrument.number

        def shown(quote: PointsQuote) -> None:
            if seq != self._preview_seq:
                return
            text = QCoreApplication.translate(
                "cashier", "Earns {points} points; balance after: {after}."
            ).format(points=quote.points, after=quote.balance_after)
            if quote.next_reward is not None and quote.next_reward.points_to_go == 0:
                text += " " + QCoreApplication.translate("cashier", "A reward coupon will print.")
            self.earn_previewed.emit(text)

        def failed(_exc: BaseException) -> None:
            if seq == self._preview_seq:
                self.earn_previewed.emit("")

        self.ctx.tasks.run(
            lambda: service.points_quote(number, amount=None if lines else amount, lines=tuple(lines)),
            shown,
            failed,
            description="points preview",
        )

    def refresh(self) -> None:
        """Read the current card again (it stays on screen meanwhile)."""
        if self.number:
            if self._busy and not self._writing:
                self.cancel_wait_silently()
            self._read(self.number)

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

    def _no_card(self) -> None:
        self.failed.emit(QCoreApplication.translate("cashier", "Scan a card first."))


def as_of_time(moment: dt.datetime) -> str:
    """When a last known state was seen, as the till's clock shows it (``14:05``; the date too when
    it was not today)."""
    local = moment.astimezone()
    if local.date() == dt.datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


DUPLICATE_SECONDS = 120  # the same operation on the same card again this soon is asked about


def describe_error_code(code: str) -> str:
    """Words for a refusal code (the same as the server's refusal would get)."""
    return describe_error(Refused(code, ""))
