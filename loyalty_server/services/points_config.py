"""A loyalty series' points configuration (``series.points_config``), read.

``rules`` (see :mod:`earning`), ``pointValue`` (cash value of a point), ``vestingDays``,
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
from typing import Any

from loyalty_server.db import Row
from loyalty_server.money import parse_amount

CLOSE_TO_REWARD_SHARE = Decimal("0.2")


def config(row: Row) -> Mapping[str, Any]:
    """The series' points configuration (read-only; parsed once per distinct text, not per use)."""
    return parse_config(row["points_config"] or "{}")


@functools.lru_cache(maxsize=64)
def parse_config(text: str) -> Mapping[str, Any]:
    return MappingProxyType(json.loads(text))


def point_value_minor(row: Row) -> int:
    return parse_amount(str(config(row).get("pointValue", "0.01")), str(row["currency"]))


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
