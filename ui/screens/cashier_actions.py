"""Which till actions the card on the counter allows: a pure decision, tested without widgets.

The service enforces roles and the server enforces states; this only decides which buttons are worth
showing (a blocked card offers no Pay button but Unblock, a loyalty card no Load button, a coupon
neither Block nor Print balance: the server has no coupon block), so the cashier sees the few actions
that can work. Which kinds of card an action's operation exists for is read from the operation's
declaration (``pos_client.declarations``): an action is never offered for a card its operation is
not declared for.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from pos_client.declarations import declaration
from pos_client.domain import Kind, OperationResult, Status
from pos_client.points_value import is_money_account
from pos_client.security import Role
from ui.screens.cashier_state import VOIDABLE, Card, Hold


class Action(enum.StrEnum):
    """Every till action (also the object name suffix of its button)."""

    ACTIVATE = "activate"
    LOAD = "load"
    PAY = "pay"
    REFUND = "refund"
    VOID = "void"
    BALANCE = "balance"
    BLOCK = "block"
    UNBLOCK = "unblock"  # a manager decides (a cashier asks for the approval)
    REDEEM = "redeem"
    EARN = "earn"  # on the typed amount; with no amount, on the basket's lines
    SPEND = "spend"
    SPEND_ALL = "spend_all"
    BUY_PRODUCT = "buy_product"  # one of the card's products priced in points, picked by a tap
    PAY_POINTS = "pay_points"  # the typed amount of the sale paid with the points worth it
    PAY_ACCOUNT = "pay_account"  # the typed amount paid from a loyalty money account (seed 002)
    RETURN = "return"
    MERGE = "merge"  # a loyalty card's points onto the customer's other card (a manager decides)
    TRANSFER = "transfer"  # a lost or damaged money card's balance onto another card (a manager decides)
    COMMIT = "commit"
    CANCEL_HOLD = "cancel_hold"


# The declared write operations each till action runs (any one that applies to the card's kind).
OPERATIONS: dict[Action, tuple[str, ...]] = {
    Action.ACTIVATE: ("activate", "points.activate"),
    Action.LOAD: ("load",),
    Action.PAY: ("pay",),
    Action.REFUND: ("refund",),
    Action.VOID: ("void",),
    Action.BLOCK: ("block",),
    Action.UNBLOCK: ("unblock",),
    Action.REDEEM: ("coupon.redeem",),
    Action.EARN: ("points.earn",),
    Action.SPEND: ("points.redeem",),
    Action.SPEND_ALL: ("points.redeem",),
    Action.BUY_PRODUCT: ("points.redeem",),
    Action.PAY_POINTS: ("points.redeem",),
    Action.PAY_ACCOUNT: ("points.redeem",),
    Action.RETURN: ("points.return",),
    Action.MERGE: ("points.merge",),
    Action.TRANSFER: ("transfer",),
    Action.COMMIT: ("commit",),
    Action.CANCEL_HOLD: ("cancel", "hold.cancel"),
}


def declared_for(action: Action, kind: Kind) -> bool:
    """Whether ``action``'s operation is declared for cards of ``kind`` (a read, e.g. Print balance,
    needs no declaration)."""
    names = OPERATIONS.get(action)
    return names is None or any(kind in declaration(name).kinds for name in names)


def available_actions(
    card: Card | None, hold: Hold | None, role: Role, recent: Sequence[OperationResult] = ()
) -> frozenset[Action]:
    """The actions worth offering now."""
    found: set[Action] = set()
    if hold is not None:
        found |= {Action.COMMIT, Action.CANCEL_HOLD}
    if card is None or role is Role.TECHNICIAN:
        return frozenset(found)
    instrument = card.instrument
    status = instrument.status
    usable = instrument.acceptable_here and status is Status.ACTIVE
    if instrument.kind is not Kind.COUPON:  # a coupon is checked by scanning it, never blocked
        found.add(Action.BALANCE)
        found.add(Action.UNBLOCK if status is Status.BLOCKED else Action.BLOCK)
    if instrument.kind.is_money:
        if status is Status.PREISSUED and (card.series is None or card.series.issuable_here):
            found.add(Action.ACTIVATE)
        if usable:
            found |= {Action.LOAD, Action.REFUND}
            if hold is None:
                found.add(Action.PAY)
        if any(r.type in VOIDABLE for r in recent):
            found.add(Action.VOID)
        # a lost card is often blocked already: its balance may still move to the new card
        money_left = instrument.account is None or instrument.account.net > 0
        if (
            hold is None
            and instrument.acceptable_here
            and status in (Status.ACTIVE, Status.BLOCKED)
            and money_left
        ):
            found.add(Action.TRANSFER)
    elif instrument.kind is Kind.COUPON:
        if usable and (instrument.uses_left is None or instrument.uses_left > 0):
            found.add(Action.REDEEM)
    elif instrument.kind is Kind.LOYALTYCARD and status is Status.PREISSUED:
        if card.series is None or card.series.issuable_here:
            found.add(Action.ACTIVATE)  # no amount: it can earn from now on
    elif instrument.kind is Kind.LOYALTYCARD and usable and is_money_account(instrument):
        found |= {Action.EARN, Action.RETURN}  # it earns money by the same rules, spent by amount
        if instrument.points is not None and instrument.points.balance > 0:
            found.add(Action.PAY_ACCOUNT)
    elif instrument.kind is Kind.LOYALTYCARD and usable:
        found.add(Action.EARN)
        if instrument.points is not None and instrument.points.balance > 0:
            found |= {Action.SPEND, Action.SPEND_ALL, Action.PAY_POINTS}
        if instrument.points_products:  # the picker greys what the card cannot afford
            found.add(Action.BUY_PRODUCT)
        found.add(Action.RETURN)  # a sale of any day: picked from the card's history
        if hold is None:  # an open points payment is refused as HOLD_OPEN
            found.add(Action.MERGE)
    offered = {
        a for a in found if a in (Action.COMMIT, Action.CANCEL_HOLD) or declared_for(a, instrument.kind)
    }
    return frozenset(offered)
