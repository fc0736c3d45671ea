"""Points over time and returns, on the server's service layer over a real SQLite file.

The clock is the request context's ``now``, so vesting and expiry are tested at their boundaries
without waiting. HTTP-level behaviour of the same endpoints is in test_operations.py.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from loyalty_server.auth import terminal_for
from loyalty_server.context import Ctx, Settings
from loyalty_server.db import Database
from loyalty_server.errors import ApiError
from loyalty_server.seed import seed_demo
from loyalty_server.services import points
from loyalty_server.services.points import BasketInput, LineInput
from tests.fixtures.server import new_database

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


@dataclass
class World:
    db: Database
    manifest: dict[str, Any]
    now: datetime = NOW

    def call(self, fn: Any, *args: Any, at: datetime | None = None) -> Any:
        with self.db.write() as conn:
            terminal = terminal_for(conn, f"Bearer {self.manifest['terminals'][0]['token']}", "demo")
            ctx = Ctx(conn, terminal, at or self.now, Settings(), operation_id=str(uuid.uuid4()))
            return fn(ctx, *args)

    def card(self, i: int = 0) -> str:
        return str(self.manifest["samples"]["loyaltycard_active"][i])

    def account(self, number: str, at: datetime | None = None) -> dict[str, Any]:
        from loyalty_server.services.instruments import find_by_number, loyaltycard_json

        card: dict[str, Any] = self.call(
            lambda c: loyaltycard_json(c, find_by_number(c, number, "loyaltycard")), at=at
        )
        return card

    def configure(self, **changes: Any) -> None:
        with self.db.write() as conn:
            cfg = json.loads(
                conn.execute("SELECT points_config FROM series WHERE series_number = 'LC'").fetchone()[0]
            )
            cfg.update(changes)
            conn.execute(
                "UPDATE series SET points_config = :cfg WHERE series_number = 'LC'", {"cfg": json.dumps(cfg)}
            )


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    db = Database(new_database(tmp_path))
    yield World(db, seed_demo(db, now=NOW))
    db.dispose()


def lines(*items: tuple[str, str | None, int, str]) -> BasketInput:
    return BasketInput(lines=[LineInput(c, g, q, p) for c, g, q, p in items])


def days(n: int) -> datetime:
    return NOW + timedelta(days=n)


def test_seeded_card_shows_pending_and_soon_expiring_points(world: World) -> None:
    p = world.account(world.card())["points"]
    assert (p["balance"], p["pending"], p["expiringSoon"]) == (180, 20, 150)
    assert p["expiringDate"] == (NOW.date() + timedelta(days=15)).isoformat()


def test_points_expire_on_their_expiry_date_not_before(world: World) -> None:
    card = world.card()
    assert (
        world.account(card, at=days(14))["points"]["balance"] == 180 + 20
    )  # the pending lot vested on day 12
    assert world.account(card, at=days(15))["points"]["balance"] == 30 + 20  # 150 expired today


def test_pending_points_vest_after_the_vesting_period(world: World) -> None:
    world.configure(vestingDays=14)
    card = world.card(2)  # 0 points
    world.call(points.earn, card, BasketInput(amount="40.00"), None)
    p = world.account(card)["points"]
    assert (p["balance"], p["pending"]) == (0, 40)
    assert world.account(card, at=days(13))["points"]["balance"] == 0
    assert world.account(card, at=days(14))["points"]["balance"] == 40
    with pytest.raises(ApiError) as refused:
        world.call(points.redeem, card, 1, None)
    assert refused.value.code == "INSUFFICIENT_POINTS"


def test_spending_uses_the_points_that_expire_first(world: World) -> None:
    card = world.card()
    world.call(points.redeem, card, 100, None)
    p = world.account(card)["points"]
    assert (p["balance"], p["expiringSoon"]) == (80, 50)


@pytest.mark.parametrize(("start", "earned", "rewards"), [(40, 199, 0), (40, 200, 1), (40, 460, 2)])
def test_reward_coupons_at_the_threshold(world: World, start: int, earned: int, rewards: int) -> None:
    card = world.card(1)  # 40 points
    result = world.call(points.earn, card, BasketInput(amount=f"{earned}.00"), None)
    got = result["rewards"]
    assert len(got) == rewards
    assert all(c["offer"]["value"] == "25.00" and c["status"] == "active" for c in got)
    expected_balance = start + earned + (10 if earned >= 100 else 0) - 250 * rewards
    assert result["instrument"]["points"]["balance"] == expected_balance


def test_return_line_by_line_never_more_than_earned(world: World) -> None:
    card = world.card(2)
    sale = world.call(
        points.earn,
        card,
        lines(("COFFEE-BEANS-1KG", "coffee", 2, "45.00"), ("BREAD", "bakery", 1, "15.00")),
        None,
    )
    # beans: 2*20 per product + 90 group + 90 amount = 220; bread: 15; visit (105.00 >= 100): 10
    assert sale["points"] == 245
    op = sale["operationId"]
    first = world.call(points.return_points, card, op, lines(("COFFEE-BEANS-1KG", "coffee", 1, "45.00")))
    assert first["points"] == 110
    bread = world.call(points.return_points, card, op, lines(("BREAD", "bakery", 1, "15.00")))
    assert bread["points"] == 15
    last = world.call(points.return_points, card, op, lines(("COFFEE-BEANS-1KG", "coffee", 1, "45.00")))
    assert last["points"] == 110 + 10  # the visit's points go with the last line
    with pytest.raises(ApiError) as nothing:
        world.call(points.return_points, card, op, lines(("BREAD", "bakery", 1, "15.00")))
    assert nothing.value.code == "NOTHING_TO_RETURN"
    assert world.account(card)["points"]["balance"] == 0


def test_returning_more_than_was_bought_is_refused(world: World) -> None:
    card = world.card(2)
    sale = world.call(points.earn, card, lines(("MUG-LOGO", None, 1, "30.00")), None)
    with pytest.raises(ApiError) as refused:
        world.call(points.return_points, card, sale["operationId"], lines(("MUG-LOGO", None, 2, "30.00")))
    assert refused.value.code == "NOTHING_TO_RETURN"


def test_return_by_amount_is_proportional(world: World) -> None:
    card = world.card(2)
    sale = world.call(points.earn, card, BasketInput(amount="80.00"), None)
    assert sale["points"] == 80
    part = world.call(points.return_points, card, sale["operationId"], BasketInput(amount="20.00"))
    assert part["points"] == 20
    rest = world.call(points.return_points, card, sale["operationId"], BasketInput())
    assert rest["points"] == 60


def test_returning_points_already_spent_leaves_a_debt_that_later_earning_pays(world: World) -> None:
    card = world.card(2)
    sale = world.call(points.earn, card, BasketInput(amount="50.00"), None)
    world.call(points.redeem, card, 50, None)
    world.call(points.return_points, card, sale["operationId"], BasketInput())
    assert world.account(card)["points"]["balance"] == -50
    world.call(points.earn, card, BasketInput(amount="70.00"), None)
    assert world.account(card)["points"]["balance"] == 20
    with pytest.raises(ApiError):
        world.call(points.redeem, card, 21, None)


def test_a_sale_paid_with_points_returned_gives_the_points_back(world: World) -> None:
    from loyalty_server.services import authorizations
    from loyalty_server.services.instruments import find_by_number

    card = world.card(1)  # 40
    hold = world.call(points.pay, card, 30, None)
    assert world.account(card)["points"]["balance"] == 10
    world.call(
        lambda c: authorizations.commit_hold(
            c, find_by_number(c, card, "loyaltycard"), hold["authCode"], amount_minor=None, points=None
        )
    )
    assert world.account(card)["points"]["balance"] == 10
    back = world.call(points.return_points, card, hold["operationId"], BasketInput())
    assert back["points"] == 30
    assert world.account(card)["points"]["balance"] == 40


def test_products_bought_with_points(world: World) -> None:
    from loyalty_server.services.instruments import find_by_number

    card = world.card()
    products = world.account(card)["pointsProducts"]
    assert {"productCode": "COFFEE-FREE", "description": "A cup of coffee", "points": 50} in products
    price = world.call(
        lambda c: points.product_points(find_by_number(c, card, "loyaltycard"), "COFFEE-FREE", 2)
    )
    assert price == 100
    with pytest.raises(ApiError) as unknown:
        world.call(lambda c: points.product_points(find_by_number(c, card, "loyaltycard"), "CAVIAR", 1))
    assert unknown.value.code == "UNKNOWN_PRODUCT"


def test_quote_has_no_effect_and_shows_the_breakdown(world: World) -> None:
    card = world.card()
    q = world.call(points.quote, card, lines(("COFFEE-BEANS-1KG", "coffee", 1, "45.00")))
    assert [b["rule"] for b in q["breakdown"]] == ["per-product", "per-group", "per-amount"]
    assert q["points"] == 20 + 45 + 45 and q["balanceAfter"] == 180 + 110
    assert world.account(card)["points"]["balance"] == 180
    assert date.fromisoformat(world.account(card)["points"]["expiringDate"]) > NOW.date()


@pytest.mark.parametrize(
    ("rounding", "amount", "spent", "paid"),
    [
        ("up", "12.55", 126, "12.55"),  # the points that cover the amount; the last one partly used
        ("up", "12.50", 125, "12.50"),
        ("down", "12.55", 125, "12.50"),  # the whole points the amount holds; the customer pays the rest
        ("down", "12.50", 125, "12.50"),
    ],
)
def test_an_amount_paid_with_points_is_rounded_as_the_series_says(
    world: World, rounding: str, amount: str, spent: int, paid: str
) -> None:
    world.configure(amountRounding=rounding)  # a point is worth 0.10
    result = world.call(lambda c, *a: points.redeem(c, *a, amount=amount), world.card(), None, None)
    assert (result["points"], result["amount"]) == (spent, paid)
    assert world.account(world.card())["points"]["balance"] == 180 - spent


def test_an_amount_below_one_point_rounded_down_is_refused(world: World) -> None:
    world.configure(amountRounding="down")
    with pytest.raises(ApiError) as refused:
        world.call(lambda c, *a: points.redeem(c, *a, amount="0.05"), world.card(), None, None)
    assert refused.value.code == "INVALID_AMOUNT" and "0.10" in refused.value.message
