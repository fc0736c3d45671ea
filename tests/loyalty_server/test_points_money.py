"""Points as money over real HTTP: every spend answers its money value, and a till pays an amount
with points (the server turns it into whole points as the series says, issue 19 item 3).

The demo series LC values a point at 0.10 and rounds an amount paid with points up.
"""

from __future__ import annotations

import uuid

from tests.fixtures.server import RunningServer
from tests.loyalty_server.helpers import Api, error_code


def test_a_spend_of_points_answers_what_they_are_worth(server: RunningServer, api: Api) -> None:
    card = server.sample("loyaltycard_active", 1)  # 40 points
    spent = api.ok("POST", f"/loyaltycards/{card}/_redeem", {"points": 15})
    assert (spent["points"], spent["amount"]) == (15, "1.50")
    hold = api.ok("POST", f"/loyaltycards/{card}/_pay", {"points": 5})
    assert hold["amount"] == "0.50"
    committed = api.ok("POST", f"/loyaltycards/{card}/authorizations/{hold['authCode']}/_commit")
    assert (committed["points"], committed["amount"]) == (5, "0.50")
    rich = server.sample("loyaltycard_active", 0)
    bought = api.ok("POST", f"/loyaltycards/{rich}/_redeem", {"productCode": "COFFEE-FREE"})
    assert (bought["points"], bought["amount"]) == (50, "5.00")
    api.ok("POST", f"/loyaltycards/{rich}/_return", {"originalOperationId": bought["operationId"]})


def test_an_amount_is_paid_with_the_points_that_cover_it(server: RunningServer, api: Api) -> None:
    card = server.sample("loyaltycard_active", 0)  # 180 points
    assert api.ok("GET", f"/loyaltycards/{card}")["points"]["balance"] == 180
    paid = api.ok("POST", f"/loyaltycards/{card}/_redeem", {"amount": "12.55", "reference": "S-1"})
    # 12.55 at 0.10 a point: 125.5 points, rounded up; the cashier takes 12.55 off, not 12.60
    assert (paid["type"], paid["points"], paid["amount"]) == ("spend", 126, "12.55")
    assert paid["instrument"]["points"]["balance"] == 180 - 126
    history = api.ok("GET", f"/instruments/{paid['instrument']['instrumentId']}/transactions")
    assert any(t["type"] == "spend" and t["amount"] == "12.55" for t in history["transactions"])
    back = api.ok("POST", f"/loyaltycards/{card}/_return", {"originalOperationId": paid["operationId"]})
    assert back["points"] == 126
    assert back["instrument"]["points"]["balance"] == 180


def test_an_amount_the_points_cannot_cover_is_refused_with_what_is_there(
    server: RunningServer, api: Api
) -> None:
    card = server.sample("loyaltycard_active", 2)
    balance = api.ok("GET", f"/loyaltycards/{card}")["points"]["balance"]
    worth = api.ok("GET", f"/loyaltycards/{card}")["points"]["value"]
    asked = f"{balance // 10 + 5}.00"  # more than the card's points are worth
    r = api.post(f"/loyaltycards/{card}/_redeem", {"amount": asked})
    assert error_code(r) == "INSUFFICIENT_POINTS"
    error = r.json()["error"]
    assert error["details"]["balance"] == balance and error["details"]["balanceValue"] == worth
    assert error["details"]["requestedAmount"] == asked
    assert f"{balance} available (worth {worth} PLN)" in error["message"]
    assert api.ok("GET", f"/loyaltycards/{card}")["points"]["balance"] == balance


def test_paying_an_amount_with_points_is_idempotent(server: RunningServer, api: Api) -> None:
    card = server.sample("loyaltycard_active", 0)
    before = api.ok("GET", f"/loyaltycards/{card}")["points"]["balance"]
    key = str(uuid.uuid4())
    first = api.post(f"/loyaltycards/{card}/_redeem", {"amount": "1.00"}, key=key)
    again = api.post(f"/loyaltycards/{card}/_redeem", {"amount": "1.00"}, key=key)
    assert first.status_code == again.status_code == 200 and first.json() == again.json()
    assert api.ok("GET", f"/loyaltycards/{card}")["points"]["balance"] == before - 10
    other = api.post(f"/loyaltycards/{card}/_redeem", {"amount": "2.00"}, key=key)
    assert error_code(other) == "IDEMPOTENCY_MISMATCH"


def test_an_amount_goes_alone(server: RunningServer, api: Api) -> None:
    card = server.sample("loyaltycard_active", 0)
    for body in ({"amount": "1.00", "points": 10}, {"amount": "1.00", "productCode": "COFFEE-FREE"}):
        assert error_code(api.post(f"/loyaltycards/{card}/_redeem", body)) == "INVALID_REQUEST"
    assert error_code(api.post(f"/loyaltycards/{card}/_redeem", {"amount": "0"})) in (
        "INVALID_AMOUNT",
        "INVALID_REQUEST",
    )
