"""Points earning rules: a small interface so later rules (per product, per group, per visit,
vesting, expiry) plug in beside the per-amount rule without touching the callers.

A series' ``points_config`` JSON holds ``{"rules": [{"rule": "per-amount", ...}], "pointValue": "0.10",
"reward": {"threshold": 250, "rewardValue": "25.00", "couponSeries": "CP-REWARD"}}``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import Any, Protocol


@dataclass(frozen=True)
class BasketLine:
    """One line of a basket."""

    product_code: str
    group: str | None
    quantity: Decimal
    unit_price: Decimal

    @property
    def total(self) -> Decimal:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class Basket:
    """What a customer buys: a subtotal or lines, a discount, the sales mode."""

    subtotal: Decimal
    discount: Decimal = Decimal(0)
    lines: tuple[BasketLine, ...] = ()
    sales_mode: str | None = None

    @property
    def net(self) -> Decimal:
        """The subtotal after discounts (never below zero)."""
        return max(self.subtotal - self.discount, Decimal(0))


@dataclass(frozen=True)
class RuleResult:
    """The points one rule gives a basket, with a line for the breakdown."""

    rule: str
    description: str
    points: int


class EarningRule(Protocol):
    """A rule that gives points for a basket (0 points: not listed in the breakdown)."""

    @property
    def name(self) -> str: ...

    def evaluate(self, basket: Basket) -> RuleResult: ...


@dataclass(frozen=True)
class PerAmountRule:
    """``points`` points for each full ``unit`` of the subtotal after discounts."""

    points: int = 1
    unit: Decimal = Decimal("1.00")
    sales_modes: tuple[str, ...] = ()
    name: str = "per-amount"

    def evaluate(self, basket: Basket) -> RuleResult:
        if self.sales_modes and basket.sales_mode not in self.sales_modes:
            return RuleResult(self.name, self.describe(), 0)
        units = (basket.net / self.unit).to_integral_value(rounding=ROUND_FLOOR)
        return RuleResult(self.name, self.describe(), int(units) * self.points)

    def describe(self) -> str:
        noun = "point" if self.points == 1 else "points"
        return f"{self.points} {noun} per {self.unit}"


def _per_amount(spec: Mapping[str, Any]) -> EarningRule:
    return PerAmountRule(
        points=int(spec.get("points", 1)),
        unit=Decimal(str(spec.get("unit", "1.00"))),
        sales_modes=tuple(spec.get("salesModes", ())),
    )


#: Rule factories by the ``rule`` name used in a series' configuration.
RULE_FACTORIES: dict[str, Callable[[Mapping[str, Any]], EarningRule]] = {"per-amount": _per_amount}


@dataclass(frozen=True)
class Quote:
    """The points a basket earns and how."""

    points: int
    breakdown: list[RuleResult] = field(default_factory=list)


def build_rules(specs: Sequence[Mapping[str, Any]]) -> list[EarningRule]:
    """The rules of a series from its configuration (unknown rule names are skipped)."""
    rules = []
    for spec in specs:
        factory = RULE_FACTORIES.get(str(spec.get("rule")))
        if factory is not None:
            rules.append(factory(spec))
    return rules


def quote(rules: Sequence[EarningRule], basket: Basket) -> Quote:
    """Apply every rule to the basket."""
    results = [r.evaluate(basket) for r in rules]
    kept = [r for r in results if r.points]
    return Quote(points=sum(r.points for r in kept), breakdown=kept)
