"""Every endpoint of docs/API.md against one reference server per module, over real HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.loyalty_server.helpers import Api, error_code


def test_terminal_says_who_we_are(api: Api) -> None:
    t = api.ok("GET", "/terminal")
    assert t["terminalId"] == "T-001-01"
    assert t["merchant"]["merchantId"] == "M001"
    assert t["merchantGroups"] == ["MG-PL"]
    assert t["currency"] == "PLN"
    assert t["serverTime"].endswith("Z")
    assert t["offlineLimits"]["maxOutstandingValue"] == "500.00"


def test_series_list_with_etag(api: Api) -> None:
    r = api.get("/series")
    assert r.status_code == 200
    series = {s["seriesNumber"]: s for s in r.json()["series"]}
    assert {s["kind"] for s in series.values()} == {"giftcard", "storecredit", "coupon", "loyaltycard"}
    gc = series["GC-PLN"]
    assert (gc["prefix"], gc["length"], gc["checkDigit"], gc["minAmount"], gc["maxAmount"]) == (
        "603301",
        16,
        "luhn",
        "10.00",
        "1000.00",
    )
    assert series["GC-PARTNER"]["acceptableHere"] is False
    assert series["CP-SAVE"]["singleUse"] is True
    again = api.client.get("/series", headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304


def test_pay_then_commit_part_releases_the_rest(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_active", 1)
    hold = api.ok("POST", f"/giftcards/{card}/_pay", {"amount": "30.00", "reference": "R1"})
    assert hold["type"] == "pay" and hold["authCode"] and hold["authExpires"].endswith("Z")
    assert hold["instrument"]["account"]["amountAvailable"] == "70.00"
    done = api.ok("POST", f"/giftcards/{card}/authorizations/{hold['authCode']}/_commit", {"amount": "25.00"})
    assert done["type"] == "commit"
    assert done["instrument"]["account"] == {
        "amountOriginal": "100.00",
        "amountNet": "75.00",
        "amountAuthorized": "0.00",
        "amountFloor": "0.00",
        "amountAvailable": "75.00",
    }
    again = api.post(f"/giftcards/{card}/authorizations/{hold['authCode']}/_commit")
    assert (again.status_code, error_code(again)) == (409, "AUTH_FINAL")


def test_cancel_by_instrument_id_releases_the_hold(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_active", 2)
    hold = api.ok("POST", f"/giftcards/{card}/_pay", {"amount": "10.00"})
    iid = hold["instrument"]["instrumentId"]
    done = api.ok("POST", f"/instruments/{iid}/authorizations/{hold['authCode']}/_cancel")
    assert done["type"] == "cancel"
    assert done["instrument"]["account"]["amountAvailable"] == "100.00"


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        ("twelve", "INVALID_AMOUNT"),
        ("1.001", "INVALID_AMOUNT"),
        ("0", "INVALID_AMOUNT"),
        ("-5", "INVALID_AMOUNT"),
        ("1e3", "INVALID_AMOUNT"),
        ("NaN", "INVALID_AMOUNT"),
        ("100.01", "INSUFFICIENT_FUNDS"),
    ],
)
def test_bad_amounts_are_refused(server: RunningServer, api: Api, amount: str, code: str) -> None:
    r = api.post(f"/giftcards/{server.sample('giftcard_active', 3)}/_pay", {"amount": amount})
    assert error_code(r) == code
    assert r.status_code in (400, 409)


def test_malformed_json_and_unknown_fields_are_invalid_requests(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_active", 3)
    r = api.client.post(
        f"/giftcards/{card}/_pay",
        content=b"{not json",
        headers={"Idempotency-Key": "k-malformed", "Content-Type": "application/json"},
    )
    assert (r.status_code, error_code(r)) == (400, "INVALID_REQUEST")
    r = api.post(f"/giftcards/{card}/_pay", {"amount": "1.00", "tip": "5"})
    assert (r.status_code, error_code(r)) == (400, "INVALID_REQUEST")
    r = api.post(f"/giftcards/{card}/_pay", {"amount": "1.00", "currency": "EUR"})
    assert error_code(r) == "CURRENCY_MISMATCH"
    assert api.get("/nothing/here").status_code == 404


def test_states_refuse_with_stable_codes(server: RunningServer, api: Api) -> None:
    cases = [
        ("giftcard_blocked", "BLOCKED"),
        ("giftcard_expired", "EXPIRED"),
        ("giftcard_preissued", "NOT_ACTIVE"),
    ]
    for key, code in cases:
        r = api.post(f"/giftcards/{server.sample(key)}/_pay", {"amount": "1.00"})
        assert (r.status_code, error_code(r)) == (409, code), key
    assert api.ok("GET", f"/giftcards/{server.sample('giftcard_expired')}")["status"] == "expired"
    r = api.get("/giftcards/6033019999999999")
    assert (r.status_code, error_code(r)) == (404, "UNKNOWN_INSTRUMENT")
    r = api.get(f"/storecredits/{server.sample('giftcard_active')}")  # right number, wrong kind
    assert error_code(r) == "UNKNOWN_INSTRUMENT"


def test_activate_preissued_load_refund_void_and_unissue(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_preissued", 1)
    issued = api.ok("POST", f"/giftcards/{card}/_issue", {"amount": "50.00"})
    assert issued["instrument"]["status"] == "active"
    assert issued["instrument"]["expiryDate"] is not None
    again = api.post(f"/giftcards/{card}/_issue", {"amount": "50.00"})
    assert error_code(again) == "ALREADY_ISSUED"
    loaded = api.ok("POST", f"/giftcards/{card}/_load", {"amount": "20.00"})
    assert loaded["instrument"]["account"]["amountNet"] == "70.00"
    voided = api.ok("POST", f"/giftcards/{card}/_void", {"originalOperationId": loaded["operationId"]})
    assert voided["instrument"]["account"]["amountNet"] == "50.00"
    twice = api.post(f"/giftcards/{card}/_void", {"originalOperationId": loaded["operationId"]})
    assert error_code(twice) == "ALREADY_REVERSED"
    unissued = api.post(f"/giftcards/{card}/_unissue")
    assert error_code(unissued) == "HAS_TRANSACTIONS"
    fresh = server.sample("giftcard_preissued", 2)
    api.ok("POST", f"/giftcards/{fresh}/_issue", {"amount": "15.00"})
    undone = api.ok("POST", f"/giftcards/{fresh}/_unissue")
    assert undone["instrument"]["status"] == "preissued"


def test_amount_bounds_and_fixed_series(server: RunningServer, api: Api) -> None:
    low = api.post(f"/giftcards/{server.sample('giftcard_preissued', 3)}/_issue", {"amount": "9.99"})
    assert error_code(low) == "AMOUNT_OUT_OF_RANGE"
    fixed = server.manifest["samples"]["giftcard_preissued"][-1]  # a GC-50 card
    assert api.ok("POST", f"/giftcards/{fixed}/_issue")["amount"] == "50.00"


def test_refund_of_a_payment_never_exceeds_it(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_active", 4)
    hold = api.ok("POST", f"/giftcards/{card}/_pay", {"amount": "40.00"})
    api.ok("POST", f"/giftcards/{card}/authorizations/{hold['authCode']}/_commit")
    too_much = api.post(
        f"/giftcards/{card}/_refund", {"amount": "40.01", "originalOperationId": hold["operationId"]}
    )
    assert too_much.status_code == 409
    back = api.ok(
        "POST", f"/giftcards/{card}/_refund", {"amount": "40.00", "originalOperationId": hold["operationId"]}
    )
    assert back["instrument"]["account"]["amountNet"] == "100.00"


def test_live_printed_gift_card_and_store_credit_issue(api: Api) -> None:
    gc = api.ok("POST", "/giftCardSeries/GC-LIVE/giftcards/_issue", {"amount": "100.00"})
    number = gc["instrument"]["number"]
    assert number.startswith("603302") and len(number) == 16
    assert api.ok("GET", f"/giftcards/{number}")["account"]["amountAvailable"] == "100.00"
    sc = api.ok("POST", "/storeCreditSeries/SC-PLN/storecredits/_issue", {"amount": "12.34"})
    assert sc["instrument"]["kind"] == "storecredit" and "storeCreditId" in sc["instrument"]
    wrong = api.post("/storeCreditSeries/GC-LIVE/storecredits/_issue", {"amount": "1.00"})
    assert wrong.status_code in (400, 404, 409)


def test_block_and_unblock(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_active", 5)
    blocked = api.ok("POST", f"/giftcards/{card}/_block", {"reason": "stolen"})
    assert blocked["instrument"]["status"] == "blocked"
    assert blocked["instrument"]["blockReason"] == "stolen"
    assert error_code(api.post(f"/giftcards/{card}/_pay", {"amount": "1.00"})) == "BLOCKED"
    assert api.ok("POST", f"/giftcards/{card}/_unblock")["instrument"]["status"] == "active"
    assert error_code(api.post(f"/giftcards/{card}/_block", {"reason": "bored"})) == "INVALID_REQUEST"


def test_coupons(server: RunningServer, api: Api) -> None:
    code = server.sample("coupon_active", 1)
    c = api.ok("GET", f"/coupons/{code.lower()}")
    assert c["status"] == "active" and c["usesLeft"] == 1 and c["offer"]["discountType"] == "percent"
    used = api.ok("POST", f"/coupons/{code}/_redeem", {"reference": "R9"})
    assert used["instrument"]["status"] == "used"
    assert error_code(api.post(f"/coupons/{code}/_redeem")) == "COUPON_USED"
    back = api.ok("POST", f"/coupons/{code}/_unredeem", {"originalOperationId": used["operationId"]})
    assert back["instrument"]["status"] == "active"
    assert api.ok("GET", f"/coupons/{server.sample('coupon_used')}")["status"] == "used"
    multi = server.manifest["samples"]["coupon_active"][-1]
    for _ in range(3):
        assert api.ok("POST", f"/coupons/{multi}/_redeem")["instrument"]["usesLeft"] is None


def test_points_quote_earn_reward_spend_and_return(server: RunningServer, api: Api) -> None:
    card = server.sample("loyaltycard_active")  # Zofia, 180 points
    lc = api.ok("GET", f"/loyaltycards/{card}")
    assert lc["points"]["balance"] == 180 and lc["points"]["value"] == "18.00"
    assert lc["nextReward"]["pointsToGo"] == 70
    assert lc["customer"]["firstName"] == "Zofia"
    q = api.ok("POST", f"/loyaltycards/{card}/_quote", {"amount": "80.50", "discount": "0.50"})
    assert q["points"] == 80 and q["balanceAfter"] == 260
    assert api.ok("GET", f"/loyaltycards/{card}")["points"]["balance"] == 180  # a quote has no effect
    earned = api.ok("POST", f"/loyaltycards/{card}/_earn", {"amount": "80.50", "discount": "0.50"})
    assert earned["points"] == 80
    assert len(earned["rewards"]) == 1 and earned["rewards"][0]["offer"]["value"] == "25.00"
    assert earned["instrument"]["points"]["balance"] == 10
    ret = api.ok("POST", f"/loyaltycards/{card}/_return", {"originalOperationId": earned["operationId"]})
    assert ret["points"] == 80
    nothing = api.post(f"/loyaltycards/{card}/_return", {"originalOperationId": earned["operationId"]})
    assert error_code(nothing) == "NOTHING_TO_RETURN"
    other = server.sample("loyaltycard_active", 1)  # 40 points
    assert error_code(api.post(f"/loyaltycards/{other}/_redeem", {"points": 41})) == "INSUFFICIENT_POINTS"
    spent = api.ok("POST", f"/loyaltycards/{other}/_redeem", {"points": 15})
    assert spent["type"] == "spend" and spent["instrument"]["points"]["balance"] == 25
    hold = api.ok("POST", f"/loyaltycards/{other}/_pay", {"points": 5})
    api.ok("POST", f"/loyaltycards/{other}/authorizations/{hold['authCode']}/_commit")
    assert api.ok("GET", f"/loyaltycards/{other}")["points"]["balance"] == 20
    assert error_code(api.post(f"/loyaltycards/{other}/_redeem", {"points": 0})) == "INVALID_REQUEST"


def test_customers(server: RunningServer, api: Api) -> None:
    found = api.ok("GET", "/customers?phone=%2B48%20600%20100%20200")["customers"]
    assert [c["customerId"] for c in found] == ["C-0001"]
    by_card = api.ok("GET", f"/customers?card={server.sample('loyaltycard_active')}")["customers"]
    assert by_card[0]["customerId"] == "C-0001"
    new = api.ok(
        "POST",
        "/customers",
        {
            "phone": "+48 601 222 333",
            "firstName": "Łucja",
            "consents": [{"type": "marketing_email", "granted": True, "version": "2024-01"}],
        },
    )
    assert new["phone"] == "+48601222333" and new["consents"][0]["granted"] is True
    dup = api.post("/customers", {"phone": "+48601222333"})
    assert error_code(dup) == "CUSTOMER_EXISTS"
    cid = new["customerId"]
    edited = api.ok("POST", f"/customers/{cid}/_edit", {"email": "Lucja@Example.PL"})
    assert edited["email"] == "lucja@example.pl"
    withdrawn = api.ok(
        "POST",
        f"/customers/{cid}/consents",
        {"type": "marketing_email", "granted": False, "version": "2024-01"},
    )
    assert [c["granted"] for c in withdrawn["consents"] if c["type"] == "marketing_email"] == [False]
    card = server.manifest["samples"]["loyaltycard_preissued"][0]
    linked = api.ok("POST", f"/customers/{cid}/cards", {"cardNumber": card})
    assert card in linked["cards"]
    assert api.ok("POST", f"/customers/{cid}/_block", {"reason": "fraud"})["blocked"] is True
    assert error_code(api.get("/customers/C-9999")) == "UNKNOWN_CUSTOMER"


def test_history_and_day_report(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_active", 6)
    hold = api.ok("POST", f"/giftcards/{card}/_pay", {"amount": "7.00"})
    api.ok("POST", f"/giftcards/{card}/authorizations/{hold['authCode']}/_commit")
    iid = hold["instrument"]["instrumentId"]
    txs = api.ok("GET", f"/instruments/{iid}/transactions")["transactions"]
    assert [t["type"] for t in txs][:3] == ["commit", "pay", "issue"]  # newest first
    assert txs[0]["balanceAfter"] == "93.00" and txs[0]["pos"] == 1
    day = api.ok("GET", "/reports/day")
    assert day["terminalId"] == "T-001-01" and day["currency"] == "PLN"
    commits = [ln for ln in day["lines"] if (ln["kind"], ln["type"]) == ("giftcard", "commit")]
    assert commits and int(commits[0]["count"]) >= 1
    assert error_code(api.get("/reports/day", date="yesterday")) == "INVALID_REQUEST"


def test_expired_hold_cannot_be_committed(tmp_path: Path) -> None:
    s = start_server(tmp_path / "ttl", extra_args=["--auth-ttl", "0"])
    a = Api(s)
    try:
        card = s.sample("giftcard_active")
        hold = a.ok("POST", f"/giftcards/{card}/_pay", {"amount": "5.00"})
        assert a.ok("GET", f"/giftcards/{card}")["account"]["amountAuthorized"] == "0.00"
        r = a.post(f"/giftcards/{card}/authorizations/{hold['authCode']}/_commit")
        assert (r.status_code, error_code(r)) == (409, "AUTH_EXPIRED")
    finally:
        a.close()
        stop_server(s)


def test_restart_keeps_data_and_manifest(tmp_path: Path) -> None:
    s = start_server(tmp_path / "one")
    token = s.token()
    card = s.sample("giftcard_active")
    a = Api(s)
    a.ok("POST", f"/giftcards/{card}/_pay", {"amount": "3.00"})
    a.close()
    stop_server(s)
    s2 = start_server(tmp_path / "two", database=s.database)
    try:
        assert s2.token() == token
        b = Api(s2)
        assert b.ok("GET", f"/giftcards/{card}")["account"]["amountAuthorized"] == "3.00"
        b.close()
    finally:
        stop_server(s2)


def test_openapi_document_is_current() -> None:
    from loyalty_server.app import create_app
    from loyalty_server.context import Settings
    from loyalty_server.db import Database

    stored = json.loads(
        (Path(__file__).parents[2] / "resources" / "openapi.json").read_text(encoding="utf-8")
    )
    live = create_app(Database(Path(":memory:")), Settings()).openapi()
    assert stored == live, (
        "resources/openapi.json is stale: run "
        "`python -m loyalty_server --export-openapi resources/openapi.json`"
    )


def test_a_loyalty_card_is_blocked_and_unblocked(server: RunningServer, api: Api) -> None:
    card = server.sample("loyaltycard_active", 5)
    blocked = api.ok("POST", f"/loyaltycards/{card}/_block", {"reason": "lost"})
    assert (blocked["type"], blocked["instrument"]["status"]) == ("block", "blocked")
    assert error_code(api.post(f"/loyaltycards/{card}/_earn", {"amount": "10.00"})) == "BLOCKED"
    assert api.ok("POST", f"/loyaltycards/{card}/_unblock")["instrument"]["status"] == "active"
    outside = Api(server, index=int(server.manifest["outsideAcceptorTerminal"]))
    try:
        assert (
            error_code(outside.post(f"/loyaltycards/{card}/_block", {"reason": "lost"}))
            == "NOT_ACCEPTED_HERE"
        )
    finally:
        outside.close()
