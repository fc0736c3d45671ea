"""What loyalty points are worth in money: the one place that turns points into an amount.

A loyalty card's account states the value of one point (``PointsAccount.point_value``, from the
server). When a customer spends points, the cashier takes that value off the sale, so the till's
banner and the points slip both say it; neither does the arithmetic itself.
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
