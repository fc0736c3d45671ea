"""The points rules engine: what a basket earns, rule by rule, and which line earned what.

A loyalty series' ``points_config`` JSON holds ``rules``, applied in this order, their points added:

1. ``per-product``: ``{"products": {"SKU": 5}}``: points per unit bought of each listed product.
2. ``per-group``: ``{"groups": {"coffee": {"points": 2, "unit": "1.00"}}}``: points per full ``unit``
   of the net amount spent in a product group (section); ``{"perItem": 1}`` gives points per item.
3. ``per-visit``: ``{"points": 10, "minAmount": "20.00"}``: once per basket whose net reaches the minimum.
4. ``per-amount``: ``{"points": 1, "unit": "1.00", "excludeGroups": [...]}``: points per full unit of
   the basket's net amount (the subtotal after discounts).

Every rule may carry ``salesModes`` (``["store", "webshop"]``) and ``pointsOfSale`` (``["M001"]`` a
merchant, ``["M001/2"]`` one POS of it); a rule not enabled where and how the sale happens gives nothing.

"Net" is the subtotal after discounts: a basket discount is spread over the lines in proportion to
their totals (largest remainder, in minor units), so each line has its own net. Each rule's points are
allocated to the lines that earned them (per-product: that line; per-group: the group's lines by net;
per-amount: all counted lines by net), except per-visit points, which belong to the visit. The
allocation is stored with the earn, so a return can take back exactly what the returned lines earned.
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
    """What a customer buys: lines (or one amount line), a basket discount, the sales mode."""

    subtotal: Decimal
    discount: Decimal = Decimal(0)
    lines: tuple[BasketLine, ...] = ()
    sales_mode: str | None = None
    minor_unit: Decimal = Decimal("0.01")

    @property
    def net(self) -> Decimal:
        """The subtotal after discounts (never below zero)."""
        return max(self.subtotal - self.discount, Decimal(0))

    @property
    def earning_lines(self) -> tuple[BasketLine, ...]:
        """The lines rules see: the given lines, or one line holding the whole amount."""
        if self.lines:
            return self.lines
        return (BasketLine("", None, Decimal(1), self.subtotal),)

    def line_nets(self) -> list[Decimal]:
        """Each earning line's share of the net, in proportion to its total (largest remainder)."""
        lines = self.earning_lines
        weights = [int((ln.total / self.minor_unit).to_integral_value(rounding=ROUND_FLOOR)) for ln in lines]
        net_minor = int((self.net / self.minor_unit).to_integral_value(rounding=ROUND_FLOOR))
        return [Decimal(m) * self.minor_unit for m in split(net_minor, weights)]


@dataclass(frozen=True)
class Where:
    """Where the sale happens: the terminal's merchant and POS number."""

    merchant_id: str = ""
    pos: int = 0


@dataclass(frozen=True)
class RuleResult:
    """The points one rule gives a basket: per earning line, plus points for the visit itself."""

    rule: str
    description: str
    per_line: tuple[int, ...]
    visit: int = 0

    @property
    def points(self) -> int:
        return sum(self.per_line) + self.visit


class EarningRule(Protocol):
    """A rule that gives points for a basket (0 points: not listed in the breakdown)."""

    @property
    def name(self) -> str: ...

    def evaluate(self, basket: Basket, nets: Sequence[Decimal], where: Where) -> RuleResult: ...


def split(total: int, weights: Sequence[int]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder; equal shares when all are 0)."""
    if not weights:
        return []
    if total <= 0:
        return [0] * len(weights)
    if sum(weights) <= 0:
        weights = [1] * len(weights)
    whole = sum(weights)
    shares = [total * w // whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _units(amount: Decimal, unit: Decimal) -> int:
    if unit <= 0:
        return 0
    return int((amount / unit).to_integral_value(rounding=ROUND_FLOOR))


def _minor(amount: Decimal, basket: Basket) -> int:
    return int((amount / basket.minor_unit).to_integral_value(rounding=ROUND_FLOOR))


@dataclass(frozen=True)
class Scope:
    """Where and how a rule is enabled; empty lists mean everywhere."""

    sales_modes: tuple[str, ...] = ()
    points_of_sale: tuple[str, ...] = ()

    def allows(self, basket: Basket, where: Where) -> bool:
        if self.sales_modes and (basket.sales_mode or "store") not in self.sales_modes:
            return False
        if self.points_of_sale:
            here = {where.merchant_id, f"{where.merchant_id}/{where.pos}"}
            return bool(here & set(self.points_of_sale))
        return True

    @classmethod
    def of(cls, spec: Mapping[str, Any]) -> Scope:
        return cls(tuple(spec.get("salesModes", ())), tuple(spec.get("pointsOfSale", ())))


def _nothing(name: str, describe: str, basket: Basket) -> RuleResult:
    return RuleResult(name, describe, tuple(0 for _ in basket.earning_lines))


@dataclass(frozen=True)
class PerProductRule:
    """Fixed points per unit of listed products."""

    products: Mapping[str, int]
    scope: Scope = Scope()
    name: str = "per-product"

    def describe(self) -> str:
        return "points for chosen products"

    def evaluate(self, basket: Basket, nets: Sequence[Decimal], where: Where) -> RuleResult:
        if not self.scope.allows(basket, where):
            return _nothing(self.name, self.describe(), basket)
        per_line = tuple(
            int(self.products.get(ln.product_code, 0)) * int(ln.quantity) for ln in basket.earning_lines
        )
        return RuleResult(self.name, self.describe(), per_line)


@dataclass(frozen=True)
class GroupRate:
    points: int = 0
    unit: Decimal = Decimal("1.00")
    per_item: int = 0


@dataclass(frozen=True)
class PerGroupRule:
    """Points per amount spent (or per item) in product groups (sections)."""

    groups: Mapping[str, GroupRate]
    scope: Scope = Scope()
    name: str = "per-group"

    def describe(self) -> str:
        return "points for chosen sections"

    def evaluate(self, basket: Basket, nets: Sequence[Decimal], where: Where) -> RuleResult:
        lines = basket.earning_lines
        per_line = [0] * len(lines)
        if self.scope.allows(basket, where):
            for group, rate in self.groups.items():
                idx = [i for i, ln in enumerate(lines) if ln.group == group]
                if not idx:
                    continue
                spent = sum((nets[i] for i in idx), Decimal(0))
                by_amount = _units(spent, rate.unit) * rate.points if rate.points else 0
                for i, share in zip(
                    idx, split(by_amount, [_minor(nets[i], basket) for i in idx]), strict=True
                ):
                    per_line[i] += share
                for i in idx:
                    per_line[i] += rate.per_item * int(lines[i].quantity)
        return RuleResult(self.name, self.describe(), tuple(per_line))


@dataclass(frozen=True)
class PerVisitRule:
    """Flat points once per basket whose net reaches ``min_amount``."""

    points: int
    min_amount: Decimal = Decimal(0)
    scope: Scope = Scope()
    name: str = "per-visit"

    def describe(self) -> str:
        return f"{self.points} points per visit"

    def evaluate(self, basket: Basket, nets: Sequence[Decimal], where: Where) -> RuleResult:
        result = _nothing(self.name, self.describe(), basket)
        if self.scope.allows(basket, where) and basket.net > 0 and basket.net >= self.min_amount:
            return RuleResult(self.name, self.describe(), result.per_line, visit=self.points)
        return result


@dataclass(frozen=True)
class PerAmountRule:
    """``points`` points for each full ``unit`` of the net amount (lines of excluded groups don't count)."""

    points: int = 1
    unit: Decimal = Decimal("1.00")
    exclude_groups: tuple[str, ...] = ()
    scope: Scope = Scope()
    name: str = "per-amount"

    def describe(self) -> str:
        noun = "point" if self.points == 1 else "points"
        return f"{self.points} {noun} per {self.unit}"

    def evaluate(self, basket: Basket, nets: Sequence[Decimal], where: Where) -> RuleResult:
        if not self.scope.allows(basket, where):
            return _nothing(self.name, self.describe(), basket)
        counted = [
            (_minor(n, basket) if ln.group not in self.exclude_groups else 0)
            for ln, n in zip(basket.earning_lines, nets, strict=True)
        ]
        total = _units(Decimal(sum(counted)) * basket.minor_unit, self.unit) * self.points
        return RuleResult(self.name, self.describe(), tuple(split(total, counted)))


def _per_product(spec: Mapping[str, Any]) -> EarningRule:
    return PerProductRule({str(k): int(v) for k, v in dict(spec.get("products", {})).items()}, Scope.of(spec))


def _per_group(spec: Mapping[str, Any]) -> EarningRule:
    groups = {
        str(g): GroupRate(
            int(r.get("points", 0)), Decimal(str(r.get("unit", "1.00"))), int(r.get("perItem", 0))
        )
        for g, r in dict(spec.get("groups", {})).items()
    }
    return PerGroupRule(groups, Scope.of(spec))


def _per_visit(spec: Mapping[str, Any]) -> EarningRule:
    return PerVisitRule(int(spec.get("points", 0)), Decimal(str(spec.get("minAmount", "0"))), Scope.of(spec))


def _per_amount(spec: Mapping[str, Any]) -> EarningRule:
    return PerAmountRule(
        points=int(spec.get("points", 1)),
        unit=Decimal(str(spec.get("unit", "1.00"))),
        exclude_groups=tuple(spec.get("excludeGroups", ())),
        scope=Scope.of(spec),
    )


#: Rule factories by the ``rule`` name used in a series' configuration, in the order they apply.
RULE_FACTORIES: dict[str, Callable[[Mapping[str, Any]], EarningRule]] = {
    "per-product": _per_product,
    "per-group": _per_group,
    "per-visit": _per_visit,
    "per-amount": _per_amount,
}
RULE_ORDER = tuple(RULE_FACTORIES)


@dataclass(frozen=True)
class Quote:
    """The points a basket earns, how (breakdown by rule), and which line earned what."""

    points: int
    breakdown: list[RuleResult] = field(default_factory=list)
    per_line: tuple[int, ...] = ()
    visit: int = 0


def build_rules(specs: Sequence[Mapping[str, Any]]) -> list[EarningRule]:
    """The rules of a series from its configuration, in the documented order (unknown names skipped)."""
    rules = [
        (RULE_ORDER.index(str(s.get("rule"))), i, s)
        for i, s in enumerate(specs)
        if s.get("rule") in RULE_ORDER
    ]
    return [RULE_FACTORIES[str(s["rule"])](s) for _, _, s in sorted(rules, key=lambda r: (r[0], r[1]))]


def quote(rules: Sequence[EarningRule], basket: Basket, where: Where | None = None) -> Quote:
    """Apply every rule to the basket and add up the points."""
    here = where or Where()
    nets = basket.line_nets()
    results = [r.evaluate(basket, nets, here) for r in rules]
    kept = [r for r in results if r.points]
    per_line = tuple(sum(r.per_line[i] for r in results) for i in range(len(basket.earning_lines)))
    visit = sum(r.visit for r in results)
    return Quote(points=sum(per_line) + visit, breakdown=kept, per_line=per_line, visit=visit)
