"""What loyalty points are worth in money: the one place that turns points into an amount.

A loyalty card's account states the value of one point (``PointsAccount.point_value``, from the
server). When a customer spends points, the cashier takes that value off the sale, so the till's
banner and the points slip both say it; neither does the arithmetic itself.

A loyalty *money* account (``PointsAccount.money``, seed 002) keeps minor units as its points: the
same functions give its balance and its moves in money (:func:`is_money_account`, :func:`money_of`).
"""

from __future__ import annotations

from decimal import Decimal

from pos_client.domain import Instrument
from pos_client.money import quantize


def points_worth(points: int, card: Instrument) -> Decimal | None:
    """What ``points`` of ``card`` are worth in its currency (None: the card states no point value).

    Args:
        points: a number of points (its sign is ignored: the worth of the points moved).
        card: the loyalty card (its ``points`` account carries the value of one point).
    """
    if card.points is None:
        return None
    return quantize(Decimal(abs(points)) * card.points.point_value, card.currency)


def is_money_account(card: Instrument | None) -> bool:
    """Whether ``card`` is a loyalty card whose series keeps money instead of points."""
    return card is not None and card.points is not None and card.points.money


def money_of(units: int, card: Instrument) -> Decimal:
    """``units`` of a money account (minor units, signed) as an amount of its currency."""
    point_value = card.points.point_value if card.points is not None else Decimal("0.01")
    return quantize(Decimal(units) * point_value, card.currency)
