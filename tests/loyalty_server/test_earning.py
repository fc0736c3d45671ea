"""The points rules engine at its edges: each rule type, scopes, combinations, allocation to lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loyalty_server.services.earning import Basket, BasketLine, Where, build_rules, quote, split

D = Decimal
HERE = Where("M001", 1)


def basket(*lines: tuple[str, str | None, int, str], discount: str = "0", mode: str | None = None) -> Basket:
    bl = tuple(BasketLine(code, group, D(qty), D(price)) for code, group, qty, price in lines)
    return Basket(sum((ln.total for ln in bl), D(0)), D(discount), bl, mode)


def amount(value: str, discount: str = "0", mode: str | None = None) -> Basket:
    return Basket(D(value), D(discount), (), mode)


@pytest.mark.parametrize(("value", "points"), [("0.99", 0), ("1.00", 1), ("9.99", 9), ("10.00", 10)])
def test_per_amount_counts_full_units_only(value: str, points: int) -> None:
    assert (
        quote(build_rules([{"rule": "per-amount", "points": 1, "unit": "1.00"}]), amount(value)).points
        == points
    )


def test_per_amount_earns_on_the_subtotal_after_discounts() -> None:
    rules = build_rules([{"rule": "per-amount", "points": 2, "unit": "5.00"}])
    assert quote(rules, amount("20.00")).points == 8
    assert quote(rules, amount("20.00", discount="0.01")).points == 6  # 19.99 holds three full 5.00
    assert quote(rules, amount("20.00", discount="20.00")).points == 0


def test_per_product_gives_points_per_unit() -> None:
    rules = build_rules([{"rule": "per-product", "products": {"BEANS": 20}}])
    q = quote(rules, basket(("BEANS", "coffee", 3, "45.00"), ("MILK", "dairy", 1, "4.00")))
    assert q.points == 60
    assert q.per_line == (60, 0)


def test_per_group_on_the_net_spent_in_the_group_and_per_item() -> None:
    rules = build_rules(
        [{"rule": "per-group", "groups": {"coffee": {"points": 1, "unit": "1.00"}, "cakes": {"perItem": 3}}}]
    )
    b = basket(
        ("ESPRESSO", "coffee", 2, "4.50"), ("LATTE", "coffee", 1, "6.00"), ("TART", "cakes", 2, "9.00")
    )
    q = quote(rules, b)
    assert q.points == 15 + 6  # 15.00 spent on coffee; two cakes
    assert q.per_line == (9, 6, 6)


def test_a_basket_discount_is_spread_over_the_lines_before_group_points() -> None:
    rules = build_rules([{"rule": "per-group", "groups": {"coffee": {"points": 1, "unit": "1.00"}}}])
    b = basket(("BEANS", "coffee", 1, "50.00"), ("BREAD", "bakery", 1, "50.00"), discount="10.00")
    assert quote(rules, b).points == 45  # half the discount falls on the coffee line


@pytest.mark.parametrize(("value", "points"), [("99.99", 0), ("100.00", 10), ("250.00", 10)])
def test_per_visit_needs_the_minimum_once(value: str, points: int) -> None:
    rules = build_rules([{"rule": "per-visit", "points": 10, "minAmount": "100.00"}])
    q = quote(rules, amount(value))
    assert (q.points, q.visit) == (points, points)


def test_scopes_by_sales_mode_and_point_of_sale() -> None:
    specs = [
        {"rule": "per-visit", "points": 20, "salesModes": ["webshop"]},
        {"rule": "per-amount", "points": 1, "unit": "1.00", "pointsOfSale": ["M001/2", "M002"]},
    ]
    rules = build_rules(specs)
    assert quote(rules, amount("10.00"), HERE).points == 0  # store sale at M001 till 1
    assert quote(rules, amount("10.00", mode="webshop"), HERE).points == 20
    assert quote(rules, amount("10.00"), Where("M001", 2)).points == 10
    assert quote(rules, amount("10.00"), Where("M002", 7)).points == 10


def test_rules_combine_in_the_documented_order_and_add_up() -> None:
    specs: list[dict[str, Any]] = [  # given out of order on purpose
        {"rule": "per-amount", "points": 1, "unit": "1.00", "excludeGroups": ["tobacco"]},
        {"rule": "per-visit", "points": 10, "minAmount": "100.00"},
        {"rule": "per-product", "products": {"BEANS": 20}},
        {"rule": "per-group", "groups": {"coffee": {"points": 1, "unit": "1.00"}}},
        {"rule": "no-such-rule"},
    ]
    rules = build_rules(specs)
    assert [r.name for r in rules] == ["per-product", "per-group", "per-visit", "per-amount"]
    b = basket(("BEANS", "coffee", 2, "45.00"), ("CIGS", "tobacco", 1, "20.00"))
    q = quote(rules, b)
    assert [(r.rule, r.points) for r in q.breakdown] == [
        ("per-product", 40),
        ("per-group", 90),
        ("per-visit", 10),
        ("per-amount", 90),
    ]
    assert q.points == 230
    assert q.per_line == (220, 0) and q.visit == 10


def test_split_is_exact_and_proportional() -> None:
    assert split(10, [1, 1, 1]) == [4, 3, 3]
    assert split(0, [5, 5]) == [0, 0]
    assert split(3, [0, 0]) == [2, 1]
    assert split(7, []) == []


@given(st.integers(0, 10_000), st.lists(st.integers(0, 100_000), min_size=1, max_size=20))
def test_split_always_adds_up(total: int, weights: list[int]) -> None:
    shares = split(total, weights)
    assert sum(shares) == total and all(s >= 0 for s in shares)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C"]),
            st.sampled_from([None, "coffee", "tobacco"]),
            st.integers(1, 5),
            st.integers(0, 10_000),
        ),
        min_size=1,
        max_size=8,
    ),
    st.integers(0, 100),
)
def test_line_points_always_add_up_to_the_total(
    lines: list[tuple[str, str | None, int, int]], pct: int
) -> None:
    specs: list[dict[str, Any]] = [
        {"rule": "per-product", "products": {"A": 3}},
        {"rule": "per-group", "groups": {"coffee": {"points": 1, "unit": "1.00", "perItem": 1}}},
        {"rule": "per-visit", "points": 5},
        {"rule": "per-amount", "points": 1, "unit": "1.00", "excludeGroups": ["tobacco"]},
    ]
    bl = tuple(BasketLine(c, g, D(q), D(p) / 100) for c, g, q, p in lines)
    sub = sum((ln.total for ln in bl), D(0))
    b = Basket(sub, (sub * pct / 100).quantize(D("0.01")), bl)
    q = quote(build_rules(specs), b)
    assert sum(q.per_line) + q.visit == q.points
    assert all(p >= 0 for p in q.per_line)
