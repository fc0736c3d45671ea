"""Points rules, the threshold reward and coupon offers through the admin API, over real HTTP.

A rule set through the admin API changes what a till's earn gives (the POS API of the same server),
and every rule the points engine could misread is refused with its reason, unaudited and unstored.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.loyalty_server.admin.helpers import Admin
from tests.loyalty_server.helpers import Api

RULES: dict[str, Any] = {
    "pointValue": "0.10",
    "validityDays": 365,
    "rules": [
        {"rule": "per-product", "products": {"TEA-1": 7}},
        {"rule": "per-group", "groups": {"tea": {"points": 3, "unit": "10.00"}}},
        {"rule": "per-visit", "points": 5, "minAmount": "20.00", "salesModes": ["store"]},
        {"rule": "per-amount", "points": 2, "unit": "1.00", "excludeGroups": ["tobacco"]},
    ],
    "reward": {"threshold": 1000, "rewardValue": "25.00", "couponSeries": "CP-REWARD"},
    "pointsProducts": {"TEA-FREE": {"points": 40, "description": "A cup of tea"}},
}


@pytest.fixture(scope="module")
def server(server_engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    s = start_server(tmp_path_factory.mktemp("admin-points-rules"))
    yield s
    stop_server(s)


@pytest.fixture(scope="module")
def admin(server: RunningServer) -> Iterator[Admin]:
    a = Admin(server)
    yield a
    a.close()


def _earn(server: RunningServer, body: dict[str, Any]) -> dict[str, Any]:
    api = Api(server)
    try:
        return api.ok("POST", f"/loyaltycards/{server.sample('loyaltycard_active')}/_earn", body)
    finally:
        api.close()


BASKET = {
    "lines": [
        {"productCode": "TEA-1", "group": "tea", "quantity": 2, "unitPrice": "15.00"},
        {"productCode": "CIGS", "group": "tobacco", "quantity": 1, "unitPrice": "20.00"},
    ]
}


def test_rules_set_through_the_admin_api_change_what_a_till_earns(
    server: RunningServer, admin: Admin
) -> None:
    before = _earn(server, BASKET)["points"]  # the demo's rules: 1 point per 1.00 outside tobacco …
    shown = admin.ok("PUT", "/series/LC/points-rules", RULES)
    assert shown["rules"][3] == {
        "rule": "per-amount",
        "points": 2,
        "unit": "1.00",
        "excludeGroups": ["tobacco"],
    }
    assert admin.ok("GET", "/series/LC/points-rules") == shown
    after = _earn(server, BASKET)
    # 2 x TEA-1 at 7 = 14; tea 30.00 / 10.00 x 3 = 9; visit 5 (50.00 >= 20.00); 30.00 x 2 = 60
    assert after["points"] == 14 + 9 + 5 + 60 != before
    webshop = _earn(server, {**BASKET, "salesMode": "webshop"})
    assert webshop["points"] == 14 + 9 + 60  # the visit rule is for the store only
    card = Api(server).ok("GET", f"/loyaltycards/{server.sample('loyaltycard_active')}")
    assert card["pointsProducts"] == [
        {"productCode": "TEA-FREE", "description": "A cup of tea", "points": 40}
    ]
    assert card["nextReward"]["threshold"] == 1000


def test_a_points_rules_change_is_audited_before_and_after(admin: Admin) -> None:
    changed = {**RULES, "rules": [{"rule": "per-amount", "points": 3, "unit": "2.00"}]}
    admin.ok("PUT", "/series/LC/points-rules", changed)
    entry = admin.ok("GET", "/audit", action="series.points-rules")["entries"][0]
    assert entry["user"] == "admin" and entry["target"] == "series:LC"
    assert entry["before"]["rules"] != entry["after"]["rules"]
    assert entry["after"]["rules"] == [{"rule": "per-amount", "points": 3, "unit": "2.00"}]


@pytest.mark.parametrize(
    ("change", "status", "code", "field"),
    [
        (
            {"rules": [{"rule": "per-product", "products": {"TEA-1": -5}}]},
            400,
            "INVALID_POINTS_RULES",
            "rules[0].products.TEA-1",
        ),
        ({"rules": [{"rule": "per-visit", "points": 0}]}, 400, "INVALID_POINTS_RULES", "rules[0].points"),
        (
            {"rules": [{"rule": "per-group", "groups": {"hot drinks!": {"points": 1}}}]},
            400,
            "INVALID_POINTS_RULES",
            "rules[0].groups",
        ),
        (
            {"rules": [{"rule": "per-group", "groups": {"tea": {"points": 0}}}]},
            400,
            "INVALID_POINTS_RULES",
            "rules[0].groups.tea",
        ),
        (
            {"rules": [{"rule": "per-amount", "points": 1, "unit": "0.001"}]},
            400,
            "INVALID_AMOUNT",
            "rules[0].unit",
        ),
        (
            {"rules": [{"rule": "per-amount", "excludeGroups": ["a b"]}]},
            400,
            "INVALID_POINTS_RULES",
            "rules[0].excludeGroups[0]",
        ),
        (
            {"rules": [{"rule": "per-amount", "pointsOfSale": ["M999"]}]},
            400,
            "UNKNOWN_MERCHANT",
            "rules[0].pointsOfSale[0]",
        ),
        (
            {"rules": [{"rule": "per-amount", "pointsOfSale": ["M001/x"]}]},
            400,
            "INVALID_POINTS_RULES",
            "rules[0].pointsOfSale[0]",
        ),
        ({"pointValue": "-0.10"}, 400, "INVALID_AMOUNT", "pointValue"),
        ({"vestingDays": 400}, 400, "INVALID_POINTS_RULES", "vestingDays"),
        (
            {"reward": {"threshold": -1, "rewardValue": "25.00", "couponSeries": "CP-REWARD"}},
            400,
            "INVALID_POINTS_RULES",
            "reward.threshold",
        ),
        (
            {"reward": {"threshold": 250, "rewardValue": "25.00", "couponSeries": "GC-PLN"}},
            400,
            "UNKNOWN_SERIES",
            "reward.couponSeries",
        ),
        (
            {"reward": {"threshold": 250, "rewardValue": "30.00", "couponSeries": "CP-REWARD"}},
            400,
            "REWARD_MISMATCH",
            "reward.rewardValue",
        ),
        (
            {"pointsProducts": {"TEA-FREE": {"points": 0, "description": "Tea"}}},
            400,
            "INVALID_POINTS_RULES",
            "pointsProducts.TEA-FREE.points",
        ),
    ],
)
def test_points_rules_the_engine_could_misread_are_refused_with_the_reason(
    admin: Admin, change: dict[str, Any], status: int, code: str, field: str
) -> None:
    stored = admin.ok("GET", "/series/LC/points-rules")
    error = admin.refused("PUT", "/series/LC/points-rules", {**RULES, **change}, status, code)
    assert error["details"]["field"] == field and field.split("[")[0].split(".")[0] in error["message"]
    assert admin.ok("GET", "/series/LC/points-rules") == stored


def test_an_unknown_rule_or_field_is_refused_before_the_service(admin: Admin) -> None:
    admin.refused(
        "PUT",
        "/series/LC/points-rules",
        {**RULES, "rules": [{"rule": "per-moon", "points": 1}]},
        400,
        "INVALID_REQUEST",
    )
    admin.refused("PUT", "/series/LC/points-rules", {**RULES, "bonus": 1}, 400, "INVALID_REQUEST")


def test_points_rules_are_for_loyalty_series_and_offers_for_coupons(admin: Admin) -> None:
    admin.refused("PUT", "/series/GC-PLN/points-rules", RULES, 400, "WRONG_SERIES_KIND")
    admin.refused("GET", "/series/NOPE/points-rules", None, 404, "UNKNOWN_SERIES")
    offer = {"description": "10%", "discountType": "percent", "value": "10"}
    admin.refused("PUT", "/series/LC/coupon-offer", offer, 400, "WRONG_SERIES_KIND")


def test_a_coupon_offer_is_set_validated_and_reaches_the_till(server: RunningServer, admin: Admin) -> None:
    shown = admin.ok(
        "PUT",
        "/series/CP-SAVE/coupon-offer",
        {"description": "15% off the basket", "discountType": "percent", "value": "15", "singleUse": True},
    )
    assert shown == {
        "seriesNumber": "CP-SAVE",
        "currency": "PLN",
        "description": "15% off the basket",
        "discountType": "percent",
        "value": "15",
        "singleUse": True,
    }
    coupon = Api(server).ok("GET", f"/coupons/{server.sample('coupon_active')}")
    assert coupon["offer"]["value"] == "15" and coupon["offer"]["description"] == "15% off the basket"
    entry = admin.ok("GET", "/audit", action="series.coupon-offer")["entries"][0]
    assert entry["before"]["value"] == "10" and entry["after"]["value"] == "15"
    for bad, code in (
        ({"description": "x", "discountType": "percent", "value": "150"}, "INVALID_OFFER"),
        ({"description": "x", "discountType": "percent", "value": "0"}, "INVALID_OFFER"),
        ({"description": " ", "discountType": "amount", "value": "5.00"}, "INVALID_OFFER"),
        ({"description": "x", "discountType": "amount", "value": "5.001"}, "INVALID_AMOUNT"),
    ):
        admin.refused("PUT", "/series/CP-SAVE/coupon-offer", bad, 400, code)
    assert admin.ok("GET", "/series/CP-SAVE/coupon-offer")["value"] == "15"


def test_a_support_account_reads_but_may_not_change_points_rules(admin: Admin) -> None:
    support = admin.add_account("points-support", "support")
    try:
        assert support.ok("GET", "/series/LC/points-rules")["seriesNumber"] == "LC"
        support.refused("PUT", "/series/LC/points-rules", RULES, 403, "FORBIDDEN")
        support.refused(
            "PUT",
            "/series/CP-SAVE/coupon-offer",
            {"description": "x", "discountType": "amount", "value": "1.00"},
            403,
            "FORBIDDEN",
        )
    finally:
        support.close()


def test_the_rounding_of_an_amount_paid_with_points_is_set_through_the_admin_api(
    server: RunningServer, admin: Admin
) -> None:
    assert admin.ok("GET", "/series/LC/points-rules")["amountRounding"] in ("up", "down")
    shown = admin.ok("PUT", "/series/LC/points-rules", {**RULES, "amountRounding": "down"})
    assert shown["amountRounding"] == "down"
    api = Api(server)
    try:
        card = server.sample("loyaltycard_active", 0)
        paid = api.ok("POST", f"/loyaltycards/{card}/_redeem", {"amount": "1.25"})
        assert (paid["points"], paid["amount"]) == (12, "1.20")  # 0.10 a point, whole points only
    finally:
        api.close()
    admin.refused(
        "PUT", "/series/LC/points-rules", {**RULES, "amountRounding": "sideways"}, 400, "INVALID_REQUEST"
    )
    assert admin.ok("GET", "/series/LC/points-rules")["amountRounding"] == "down"


def test_a_money_account_is_set_through_the_admin_api_without_rewards_or_products(
    server: RunningServer, admin: Admin
) -> None:
    money = {
        "account": "money",
        "validityDays": 365,
        "rules": [{"rule": "per-amount", "points": 5, "unit": "1.00"}],
    }
    shown = admin.ok("PUT", "/series/LM/points-rules", money)
    assert (shown["account"], shown["pointValue"]) == ("money", "0.01")  # a unit is one grosz
    for extra, field in (
        ({"reward": RULES["reward"]}, "reward"),
        ({"pointsProducts": RULES["pointsProducts"]}, "pointsProducts"),
    ):
        error = admin.refused(
            "PUT", "/series/LM/points-rules", {**money, **extra}, 400, "INVALID_POINTS_RULES"
        )
        assert error["details"]["field"] == field
    api = Api(server)
    try:
        card = server.manifest["samples"]["loyaltymoney_active"][2]
        earned = api.ok("POST", f"/loyaltycards/{card}/_earn", {"amount": "20.00"})
        assert (earned["amount"], earned["points"]) == ("1.00", None)  # 5 % of 20.00
    finally:
        api.close()
