"""Points and coupon slips say what happened (issue 14, point 11): spent points print with a minus
and the money they are worth, a coupon redemption is titled as one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_client.domain import OpType
from pos_client.points_value import points_worth
from pos_client.receipts.choose import slips_for
from tests.pos_client.receipts import samples


def _text(op: OpType, points: int) -> str:
    (slip,) = slips_for(samples.result(op, samples.loyalty_card(), points=points), samples.EN_CTX)
    return slip.plain_text()


@pytest.mark.parametrize("op", [OpType.SPEND, OpType.COMMIT])
def test_spent_points_print_with_a_minus_and_their_money_value(op: OpType) -> None:
    text = _text(op, 100)
    assert "Points spent: -100" in text
    assert "+100" not in text
    assert "Discount for points: €10.00" in text  # 100 points at 0.10 a point: the cashier deducts it


def test_earned_points_keep_their_plus_and_no_discount() -> None:
    text = _text(OpType.EARN, 42)
    assert "Points earned: +42" in text and "Discount for points" not in text


def test_the_discount_is_in_the_slip_language() -> None:
    result = samples.result(OpType.SPEND, samples.loyalty_card(), points=100)
    (slip,) = slips_for(result, samples.CTX)  # a Polish shop
    text = slip.plain_text()
    assert "Punkty wydane: -100" in text and "Rabat za punkty: 10,00 €" in text


def test_points_worth_is_exact_money() -> None:
    card = samples.loyalty_card()
    assert points_worth(100, card) == Decimal("10.00")
    assert points_worth(-7, card) == Decimal("0.70")
    assert points_worth(3, samples.money_card()) is None


@pytest.mark.parametrize(
    ("op", "title"), [(OpType.REDEEM, "Coupon redeemed"), (OpType.UNREDEEM, "Redemption undone")]
)
def test_a_coupon_redemption_slip_is_titled_as_one(op: OpType, title: str) -> None:
    (slip,) = slips_for(samples.result(op, samples.coupon()), samples.EN_CTX)
    assert slip.title == title
    assert "Balance" not in slip.plain_text()
    assert "Nagroda za punkty" in slip.plain_text()  # the offer given


def test_an_amount_paid_with_points_prints_the_servers_amount_not_the_points_value() -> None:
    # 126 points paid 12.55 (rounded up to whole points): the cashier deducts 12.55, not 12.60
    result = samples.result(OpType.SPEND, samples.loyalty_card(), points=126, amount="12.55")
    (slip,) = slips_for(result, samples.EN_CTX)
    text = slip.plain_text()
    assert "Points spent: -126" in text and "Discount for points: €12.55" in text
    assert "12.60" not in text


def test_a_loyalty_money_account_slip_prints_money_not_points() -> None:
    from dataclasses import replace

    card = samples.loyalty_card()
    assert card.points is not None
    wallet = replace(
        card, points=replace(card.points, money=True, balance=4560, value=Decimal("45.60"), pending=0)
    )
    (slip,) = slips_for(samples.result(OpType.SPEND, wallet, amount="12.34"), samples.EN_CTX)
    text = slip.plain_text()
    assert "Paid from the account: -€12.34" in text and "Loyalty balance: €45.60" in text
    assert "points" not in text.lower()
