"""The day summary nets reversals (issue 14, point 9): a void or refund of the day takes off what it
reverses, in the totals and in the hours; the void shows as its own line. Real server over HTTP."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.fixtures.server import RunningServer
from tests.loyalty_server.helpers import Api


def _totals(api: Api) -> dict[str, Any]:
    totals: dict[str, Any] = api.ok("GET", "/reports/day")["totals"]
    return totals


def _line(report: dict[str, Any], kind: str, tx_type: str, reverses: str | None) -> dict[str, Any]:
    found = [
        ln for ln in report["lines"] if (ln["kind"], ln["type"], ln["reverses"]) == (kind, tx_type, reverses)
    ]
    assert len(found) == 1, report["lines"]
    return found[0]


def test_a_top_up_voided_the_same_day_adds_no_money_in(fresh_server: RunningServer) -> None:
    api = Api(fresh_server)
    try:
        card = fresh_server.sample("giftcard_active")
        before = _totals(api)
        load = api.ok("POST", f"/giftcards/{card}/_load", {"amount": "50.00"})
        assert Decimal(_totals(api)["amountIn"]) == Decimal(before["amountIn"]) + 50
        api.ok("POST", f"/giftcards/{card}/_void", {"originalOperationId": load["operationId"]})

        report = api.ok("GET", "/reports/day")
        assert report["totals"]["amountIn"] == before["amountIn"]  # net: the void took the load back
        assert report["totals"]["count"] == before["count"] + 2  # both operations are still counted
        voided = _line(report, "giftcard", "void", "load")
        assert (voided["count"], voided["amount"], voided["points"]) == (1, "50.00", None)
        assert _line(report, "giftcard", "load", None)["amount"] == "50.00"
        hour = next(h for h in report["hours"] if h["start"][:13] == load["created"][:13])
        assert sum(Decimal(h["amountIn"]) for h in report["hours"]) == Decimal(report["totals"]["amountIn"])
        assert hour["count"] >= 2
    finally:
        api.close()


def test_refunds_and_voids_of_payments_net_money_out(fresh_server: RunningServer) -> None:
    api = Api(fresh_server)
    try:
        card = fresh_server.sample("giftcard_active")
        before = Decimal(_totals(api)["amountOut"])
        hold = api.ok("POST", f"/giftcards/{card}/_pay", {"amount": "20.00"})
        api.ok("POST", f"/giftcards/{card}/authorizations/{hold['authCode']}/_commit")
        refund = api.ok(
            "POST",
            f"/giftcards/{card}/_refund",
            {"amount": "5.00", "originalOperationId": hold["operationId"]},
        )
        assert Decimal(_totals(api)["amountOut"]) == before + 15  # a refund gives part of a payment back
        api.ok("POST", f"/giftcards/{card}/_void", {"originalOperationId": refund["operationId"]})
        assert Decimal(_totals(api)["amountOut"]) == before + 20  # the refund is taken back again
        api.ok("POST", f"/giftcards/{card}/_void", {"originalOperationId": hold["operationId"]})
        report = api.ok("GET", "/reports/day")
        assert Decimal(report["totals"]["amountOut"]) == before  # the whole payment voided
        assert _line(report, "giftcard", "void", "payment")["amount"] == "20.00"
        assert _line(report, "giftcard", "void", "refund")["amount"] == "5.00"
        assert _line(report, "giftcard", "refund", "payment")["amount"] == "5.00"
    finally:
        api.close()


def test_a_voided_reward_gives_its_points_spend_back(fresh_server: RunningServer) -> None:
    api = Api(fresh_server)
    try:
        card = fresh_server.sample("loyaltycard_active")  # 180 points: 80 more make a 250-point reward
        before = _totals(api)
        earned = api.ok("POST", f"/loyaltycards/{card}/_earn", {"amount": "80.50", "discount": "0.50"})
        assert len(earned["rewards"]) == 1
        mid = _totals(api)
        assert (mid["pointsEarned"], mid["pointsSpent"]) == (
            before["pointsEarned"] + 80,
            before["pointsSpent"] + 250,
        )
        api.ok("POST", f"/loyaltycards/{card}/_return", {"originalOperationId": earned["operationId"]})

        report = api.ok("GET", "/reports/day")
        totals = report["totals"]
        assert totals["pointsSpent"] == before["pointsSpent"]  # the unused reward coupon was voided
        assert totals["pointsEarned"] == before["pointsEarned"]  # the return took the 80 points back
        assert totals["pointsReturned"] == before["pointsReturned"] + 80
        given_back = _line(report, "loyaltycard", "void", "spend")
        assert (given_back["points"], given_back["amount"]) == (250, None)
        assert _line(report, "loyaltycard", "return", "earn")["points"] == 80
        assert sum(h["pointsSpent"] for h in report["hours"]) == totals["pointsSpent"]
    finally:
        api.close()
