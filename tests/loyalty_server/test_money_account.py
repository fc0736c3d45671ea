"""A loyalty series that keeps money instead of points (seed 002's second style), over real HTTP.

The demo series LM credits 5 % of the basket (1 grosz per full 0.20) and 2.00 for a visit from
100.00; its cards show, earn, spend and return money. Its first sample holds 45.60.
"""

from __future__ import annotations

from tests.fixtures.server import RunningServer
from tests.loyalty_server.helpers import Api, error_code


def _card(server: RunningServer, i: int = 0) -> str:
    return str(server.manifest["samples"]["loyaltymoney_active"][i])


def test_a_money_account_shows_its_balance_in_money(server: RunningServer, api: Api) -> None:
    card = api.ok("GET", f"/loyaltycards/{_card(server)}")
    assert card["account"] == "money" and card["seriesNumber"] == "LM"
    assert card["money"]["balance"] == "45.60" and card["money"]["pending"] == "0.00"
    assert card["points"]["value"] == "45.60" and card["pointsProducts"] == []
    points_card = api.ok("GET", f"/loyaltycards/{server.sample('loyaltycard_active')}")
    assert points_card["account"] == "points" and points_card["money"] is None


def test_earning_credits_money_by_the_same_rules(server: RunningServer, api: Api) -> None:
    number = _card(server, 1)  # empty
    quote = api.ok("POST", f"/loyaltycards/{number}/_quote", {"amount": "100.00"})
    assert quote["points"] == 200 + 500  # in grosze: 2.00 for the visit + 5 % of 100.00
    earned = api.ok("POST", f"/loyaltycards/{number}/_earn", {"amount": "100.00"})
    assert (earned["amount"], earned["points"]) == ("7.00", None)
    assert earned["instrument"]["money"]["balance"] == "7.00"
    back = api.ok("POST", f"/loyaltycards/{number}/_return", {"originalOperationId": earned["operationId"]})
    assert (back["amount"], back["instrument"]["money"]["balance"]) == ("7.00", "0.00")


def test_a_money_account_is_spent_by_amount_and_never_overdrawn(server: RunningServer, api: Api) -> None:
    number = _card(server, 0)
    paid = api.ok("POST", f"/loyaltycards/{number}/_redeem", {"amount": "12.34", "reference": "S-1"})
    assert (paid["type"], paid["amount"], paid["points"]) == ("spend", "12.34", None)
    assert paid["instrument"]["money"]["balance"] == "33.26"
    too_much = api.post(f"/loyaltycards/{number}/_redeem", {"amount": "33.27"})
    assert error_code(too_much) == "INSUFFICIENT_FUNDS"
    assert "33.26 PLN available" in too_much.json()["error"]["message"]
    for path, body in (("_redeem", {"points": 10}), ("_pay", {"points": 10})):
        assert error_code(api.post(f"/loyaltycards/{number}/{path}", body)) == "INVALID_REQUEST"
    history = api.ok("GET", f"/instruments/{paid['instrument']['instrumentId']}/transactions")
    spend = next(t for t in history["transactions"] if t["operationId"] == paid["operationId"])
    assert (spend["amount"], spend["points"], spend["balanceAfter"]) == ("12.34", None, "33.26")
    back = api.ok("POST", f"/loyaltycards/{number}/_return", {"originalOperationId": paid["operationId"]})
    assert back["instrument"]["money"]["balance"] == "45.60"
