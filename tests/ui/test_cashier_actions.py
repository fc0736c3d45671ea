"""Which till actions a card offers, by kind, state, role and what was done (no widgets)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_client import declarations
from pos_client.domain import (
    Account,
    Instrument,
    Kind,
    OperationResult,
    OperationState,
    OpType,
    PointsAccount,
    Status,
)
from pos_client.security import Role
from ui.screens.cashier_actions import OPERATIONS, Action, available_actions, declared_for
from ui.screens.cashier_state import Card, Hold


def card(kind: Kind, status: Status = Status.ACTIVE, *, points: int = 0, here: bool = True) -> Card:
    account = (
        Account(Decimal(100), Decimal(100), Decimal(0), Decimal(0), Decimal(100)) if kind.is_money else None
    )
    pts = (
        PointsAccount(points, 0, 0, None, Decimal("0.1"), Decimal(points) / 10)
        if kind is Kind.LOYALTYCARD
        else None
    )
    return Card(
        Instrument("i", kind, "6033", "S", status, "PLN", account=account, points=pts, acceptable_here=here),
        None,
    )


def result(op: OpType) -> OperationResult:
    return OperationResult("op", op, OperationState.APPLIED)


HOLD = Hold("6033", "A1", Decimal(5), None, "PLN", Kind.GIFTCARD, False)


def test_an_active_gift_card_offers_money_actions() -> None:
    assert available_actions(card(Kind.GIFTCARD), None, Role.CASHIER) == {
        Action.LOAD,
        Action.PAY,
        Action.REFUND,
        Action.BALANCE,
        Action.BLOCK,
        Action.TRANSFER,  # its balance to another card (a manager decides)
    }


def test_a_preissued_card_is_sold_first() -> None:
    assert Action.ACTIVATE in available_actions(card(Kind.GIFTCARD, Status.PREISSUED), None, Role.CASHIER)
    assert Action.PAY not in available_actions(card(Kind.GIFTCARD, Status.PREISSUED), None, Role.CASHIER)


def test_an_open_hold_offers_commit_and_cancel_but_no_second_payment() -> None:
    actions = available_actions(card(Kind.GIFTCARD), HOLD, Role.CASHIER)
    assert {Action.COMMIT, Action.CANCEL_HOLD} <= actions and Action.PAY not in actions


def test_blocked_or_foreign_cards_offer_no_payment() -> None:
    assert available_actions(card(Kind.GIFTCARD, Status.BLOCKED), None, Role.CASHIER) == {
        Action.BALANCE,
        Action.UNBLOCK,  # a manager decides; the server has _unblock for every kind but coupons
        Action.TRANSFER,  # a card blocked as lost may still give its balance to its replacement
    }
    assert Action.PAY not in available_actions(card(Kind.GIFTCARD, here=False), None, Role.CASHIER)


def test_void_only_after_an_operation_on_the_card() -> None:
    assert Action.VOID not in available_actions(card(Kind.GIFTCARD), None, Role.CASHIER)
    assert Action.VOID in available_actions(card(Kind.GIFTCARD), None, Role.CASHIER, [result(OpType.LOAD)])


def test_loyalty_cards_earn_and_spend_what_they_have() -> None:
    empty = available_actions(card(Kind.LOYALTYCARD), None, Role.CASHIER)
    assert Action.EARN in empty and Action.SPEND not in empty and Action.LOAD not in empty
    rich = available_actions(card(Kind.LOYALTYCARD, points=50), None, Role.CASHIER, [result(OpType.EARN)])
    assert {Action.SPEND, Action.SPEND_ALL, Action.RETURN} <= rich


def test_coupons_are_redeemed() -> None:
    assert Action.REDEEM in available_actions(card(Kind.COUPON), None, Role.CASHIER)
    assert Action.REDEEM not in available_actions(card(Kind.COUPON, Status.USED), None, Role.CASHIER)


def test_coupons_offer_no_block_and_no_balance_slip() -> None:
    """The server has no coupon block (a 404) and a coupon's state shows when it is scanned."""
    for status in (Status.ACTIVE, Status.USED, Status.BLOCKED):
        offered = available_actions(card(Kind.COUPON, status), None, Role.MANAGER)
        assert not offered & {Action.BLOCK, Action.UNBLOCK, Action.BALANCE}, status


def test_only_a_blocked_card_offers_unblock() -> None:
    for kind in (Kind.GIFTCARD, Kind.STORECREDIT, Kind.LOYALTYCARD):
        assert Action.UNBLOCK in available_actions(card(kind, Status.BLOCKED), None, Role.CASHIER)
        assert Action.UNBLOCK not in available_actions(card(kind), None, Role.CASHIER)
        assert Action.BLOCK not in available_actions(card(kind, Status.BLOCKED), None, Role.CASHIER)


def test_a_technician_gets_no_till_actions() -> None:
    assert available_actions(card(Kind.GIFTCARD), None, Role.TECHNICIAN) == frozenset()


def test_every_write_action_runs_a_declared_operation() -> None:
    for action, names in OPERATIONS.items():
        assert names and all(declarations.declaration(n) for n in names), action
    for kind in Kind:
        offered = available_actions(card(kind), None, Role.CASHIER)
        offered |= available_actions(card(kind, Status.PREISSUED), None, Role.CASHIER)
        assert all(declared_for(a, kind) for a in offered), kind


def test_the_action_list_reads_which_kinds_an_operation_exists_for(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Action.LOAD in available_actions(card(Kind.STORECREDIT), None, Role.CASHIER)
    gift_only = declarations.Declaration(
        "load", declarations.declaration("load").op_type, frozenset({Kind.GIFTCARD}), "/{kind}/{number}/_load"
    )
    monkeypatch.setitem(declarations._REGISTRY, "load", gift_only)
    assert Action.LOAD not in available_actions(card(Kind.STORECREDIT), None, Role.CASHIER)
    assert Action.LOAD in available_actions(card(Kind.GIFTCARD), None, Role.CASHIER)


def test_a_balance_moves_and_cards_merge_only_with_no_payment_open() -> None:
    """A merge or a transfer is refused while a hold is open on the card (HOLD_OPEN): not offered."""
    loyalty = card(Kind.LOYALTYCARD)
    assert Action.MERGE in available_actions(loyalty, None, Role.CASHIER)
    assert Action.TRANSFER not in available_actions(loyalty, None, Role.CASHIER)
    assert Action.TRANSFER not in available_actions(card(Kind.GIFTCARD), HOLD, Role.CASHIER)
    points_hold = Hold("2900", "A2", None, 5, "PLN", Kind.LOYALTYCARD, False)
    assert Action.MERGE not in available_actions(loyalty, points_hold, Role.CASHIER)
    assert Action.TRANSFER not in available_actions(card(Kind.GIFTCARD, here=False), None, Role.CASHIER)
