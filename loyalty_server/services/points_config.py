"""A loyalty series' points configuration (``series.points_config``), read.

``account`` (``points``, the default, or ``money``: see :func:`is_money_account`), ``rules`` (see
:mod:`earning`), ``pointValue`` (cash value of a point), ``amountRounding`` (how an
amount paid with points becomes whole points, see :func:`points_for_amount`), ``vestingDays``,
``validityDays``, ``expiryWarningDays``, ``reward`` (``threshold`` points → a coupon worth
``rewardValue``), ``pointsProducts`` (products bought with points). Plain functions of a series or
instrument row; used by the card's JSON (:mod:`instruments`) and by earning and spending (:mod:`points`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Literal

from loyalty_server.db import Row
from loyalty_server.money import parse_amount

CLOSE_TO_REWARD_SHARE = Decimal("0.2")


def config(row: Row) -> Mapping[str, Any]:
    """The series' points configuration (read-only; parsed once per distinct text, not per use)."""
    return parse_config(row["points_config"] or "{}")


@functools.lru_cache(maxsize=64)
def parse_config(text: str) -> Mapping[str, Any]:
    return MappingProxyType(json.loads(text))


#: What a loyalty series keeps on its cards: points, or an amount of money (seed 002's second style).
ACCOUNTS = ("points", "money")


def is_money_account(row: Row) -> bool:
    """Whether the card's series keeps money instead of points (``"account": "money"``).

    A money account runs on the points machinery in minor units of the currency: one unit is worth
    one minor unit (a grosz), so the earning rules' numbers are minor units (``per-amount`` 5 per
    1.00 credits 5 %), lots vest and expire as points do, and the card, its history and its
    operations answer money (``amount``) instead of points.
    """
    return config(row).get("account") == "money"


def point_value_minor(row: Row) -> int:
    if is_money_account(row):
        return 1
    return parse_amount(str(config(row).get("pointValue", "0.01")), str(row["currency"]))


#: How an amount paid with points turns into whole points: ``up`` takes the points that cover the
#: amount (the last point partly used: 12.55 at 0.10 a point costs 126 points), ``down`` takes the
#: points the amount holds whole and pays only what they are worth (12.55 → 125 points, 12.50 off).
#: Either way the customer never gets more money off than the points spent are worth.
AMOUNT_ROUNDINGS = ("up", "down")


def amount_rounding(row: Row) -> Literal["up", "down"]:
    return "down" if config(row).get("amountRounding") == "down" else "up"


def points_money_minor(row: Row, points: int) -> int:
    """What ``points`` of the card's series are worth, in minor units of its currency."""
    return abs(points) * point_value_minor(row)


def points_for_amount(row: Row, amount_minor: int) -> tuple[int, int]:
    """The whole points that pay ``amount_minor``, and the money they pay (minor units).

    Rounded as the series says (:data:`AMOUNT_ROUNDINGS`); ``(0, 0)`` when the amount is below one
    point with rounding ``down``.
    """
    value = point_value_minor(row)
    if value <= 0:
        return 0, 0
    if amount_rounding(row) == "down":
        points = amount_minor // value
        return points, points * value
    return -(-amount_minor // value), amount_minor


def validity(row: Row) -> int | None:
    v = config(row).get("validityDays")
    return None if v is None else int(v)


def next_reward(row: Row, balance: int) -> dict[str, Any] | None:
    reward = config(row).get("reward")
    if not reward:
        return None
    threshold = int(reward["threshold"])
    to_go = max(threshold - balance, 0)
    return {
        "threshold": threshold,
        "pointsToGo": to_go,
        "rewardValue": reward["rewardValue"],
        "close": to_go <= threshold * CLOSE_TO_REWARD_SHARE,
    }


def points_products(row: Row) -> dict[str, dict[str, Any]]:
    return {str(k): dict(v) for k, v in dict(config(row).get("pointsProducts", {})).items()}
