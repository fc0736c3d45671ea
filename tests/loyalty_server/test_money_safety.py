"""The server's money rules (issue 13), over real HTTP against the reference server.

Reversals draw on the sale, not on the named operation; a refund names a payment of that card; the
series' limits, the manager's approval and the till's daily cap are enforced by the server; money
moves only in the store's currency; a hold is committed or cancelled only by the store that placed it.
"""

from __future__ import annotations

from typing import Any

from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.loyalty_server.helpers import Api, error_code

# Terminals of the demo manifest: T-001-01 and T-001-02 (store M001), T-002-01 (store M002, same group).
TILL, SAME_STORE_TILL, OTHER_STORE_TILL = 0, 1, 2


def _error(r: Any) -> dict[str, Any]:
    error: dict[str, Any] = r.json()["error"]
    return error


def _paid(api: Api, card: str, amount: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A payment of ``amount`` held and committed: (the pay result, the commit result)."""
    hold = api.ok("POST", f"/giftcards/{card}/_pay", {"amount": amount})
    commit = api.ok("POST", f"/giftcards/{card}/authorizations/{hold['authCode']}/_commit")
    return hold, commit


def _net(api: Api, card: str) -> str:
    return str(api.ok("GET", f"/giftcards/{card}")["account"]["amountNet"])


def _refund(api: Api, card: str, amount: str, original: str | None) -> Any:
    body: dict[str, Any] = {"amount": amount}
    if original is not None:
        body["originalOperationId"] = original
    return api.post(f"/giftcards/{card}/_refund", body)


# 1. Reversals against the sale ------------------------------------------------------------------


def test_a_payment_is_refunded_at_most_once_however_its_operations_are_named(
    server: RunningServer, api: Api
) -> None:
    card = server.sample("giftcard_active", 0)  # 100.00
    hold, commit = _paid(api, card, "20.00")
    assert commit["reversible"] == "20.00"
    first = api.ok(
        "POST", f"/giftcards/{card}/_refund", {"amount": "5", "originalOperationId": commit["operationId"]}
    )
    assert first["reversible"] == "15.00"
    second = _refund(api, card, "15.00", hold["operationId"])  # the hold names the same sale
    assert second.status_code == 200 and second.json()["reversible"] == "0.00"
    for amount, original in (("5.00", commit["operationId"]), ("15.00", hold["operationId"])):
        again = _refund(api, card, amount, original)
        assert (again.status_code, error_code(again)) == (409, "NOTHING_TO_RETURN")
        assert "refunded or voided in full" in _error(again)["message"]
    unnamed = _refund(api, card, "15.00", None)
    assert (unnamed.status_code, error_code(unnamed)) == (400, "ORIGINAL_OPERATION_REQUIRED")
    assert "store credit" in _error(unnamed)["message"]
    assert _net(api, card) == "100.00"  # the 20.00 came back once, not 55.00


def test_a_refund_beyond_what_is_left_says_how_much_is_left(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_active", 1)
    hold, commit = _paid(api, card, "20.00")
    api.ok(
        "POST", f"/giftcards/{card}/_refund", {"amount": "12.50", "originalOperationId": hold["operationId"]}
    )
    r = _refund(api, card, "7.51", commit["operationId"])
    assert (r.status_code, error_code(r)) == (409, "AMOUNT_OUT_OF_RANGE")
    assert _error(r)["details"]["refundable"] == "7.50" and "7.50" in _error(r)["message"]


def test_void_and_refund_of_one_payment_give_it_back_once_in_either_order(
    server: RunningServer, api: Api
) -> None:
    card = server.sample("giftcard_active", 2)  # 100.00
    _, commit = _paid(api, card, "10.00")
    assert (
        api.ok("POST", f"/giftcards/{card}/_void", {"originalOperationId": commit["operationId"]})["amount"]
        == "10.00"
    )
    late = _refund(api, card, "10.00", commit["operationId"])
    assert error_code(late) == "NOTHING_TO_RETURN"
    assert _net(api, card) == "100.00"  # not 110.00

    hold, commit = _paid(api, card, "10.00")
    api.ok(
        "POST",
        f"/giftcards/{card}/_refund",
        {"amount": "10.00", "originalOperationId": commit["operationId"]},
    )
    for original in (commit["operationId"], hold["operationId"]):
        void = api.post(f"/giftcards/{card}/_void", {"originalOperationId": original})
        assert (void.status_code, error_code(void)) == (409, "NOTHING_TO_RETURN")
    assert _net(api, card) == "100.00"


def test_a_void_after_a_partial_refund_reverses_only_the_rest(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_active", 3)  # 100.00
    hold, commit = _paid(api, card, "10.00")
    api.ok(
        "POST", f"/giftcards/{card}/_refund", {"amount": "4.00", "originalOperationId": commit["operationId"]}
    )
    void = api.ok("POST", f"/giftcards/{card}/_void", {"originalOperationId": hold["operationId"]})
    assert (void["amount"], void["reversible"]) == ("6.00", "0.00")
    assert void["instrument"]["account"]["amountNet"] == "100.00"
    for original in (hold["operationId"], commit["operationId"]):
        twice = api.post(f"/giftcards/{card}/_void", {"originalOperationId": original})
        assert (twice.status_code, error_code(twice)) == (409, "ALREADY_REVERSED")


def test_a_voided_refund_may_be_refunded_again_but_never_more(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_active", 4)  # 100.00
    _, commit = _paid(api, card, "20.00")
    refund = api.ok(
        "POST",
        f"/giftcards/{card}/_refund",
        {"amount": "20.00", "originalOperationId": commit["operationId"]},
    )
    undone = api.ok("POST", f"/giftcards/{card}/_void", {"originalOperationId": refund["operationId"]})
    assert (undone["instrument"]["account"]["amountNet"], undone["reversible"]) == ("80.00", "20.00")
    api.ok(
        "POST",
        f"/giftcards/{card}/_refund",
        {"amount": "20.00", "originalOperationId": commit["operationId"]},
    )
    assert error_code(_refund(api, card, "0.01", commit["operationId"])) == "NOTHING_TO_RETURN"
    assert _net(api, card) == "100.00"


def test_history_shows_what_is_left_to_reverse(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_active", 5)
    hold, _ = _paid(api, card, "30.00")
    api.ok(
        "POST", f"/giftcards/{card}/_refund", {"amount": "10.00", "originalOperationId": hold["operationId"]}
    )
    txs = api.ok("GET", f"/instruments/{hold['instrument']['instrumentId']}/transactions")["transactions"]
    rows = {t["type"]: t for t in txs[:3]}
    assert (
        rows["refund"]["reversible"] == rows["commit"]["reversible"] == rows["pay"]["reversible"] == "20.00"
    )
    assert txs[-1]["type"] == "issue" and txs[-1]["reversible"] == "100.00"


def test_only_a_payment_of_that_card_can_be_refunded(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_active", 6)
    load = api.ok("POST", f"/giftcards/{card}/_load", {"amount": "10.00"})
    r = _refund(api, card, "5.00", load["operationId"])
    assert (r.status_code, error_code(r)) == (409, "NOTHING_TO_RETURN")
    assert "void" in _error(r)["message"]
    _, elsewhere = _paid(api, server.sample("giftcard_active", 7), "5.00")
    r = _refund(api, card, "5.00", elsewhere["operationId"])  # a payment of another card
    assert (r.status_code, error_code(r)) == (404, "UNKNOWN_OPERATION")
    open_hold = api.ok("POST", f"/giftcards/{card}/_pay", {"amount": "5.00"})
    r = _refund(api, card, "5.00", open_hold["operationId"])
    assert error_code(r) == "NOTHING_TO_RETURN" and "cancel" in _error(r)["message"]


def test_an_activation_is_undone_by_unissue_not_void(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_preissued", 0)
    issued = api.ok("POST", f"/giftcards/{card}/_issue", {"amount": "40.00"})
    assert issued["reversible"] == "40.00"
    r = api.post(f"/giftcards/{card}/_void", {"originalOperationId": issued["operationId"]})
    assert (r.status_code, error_code(r)) == (409, "NOTHING_TO_RETURN")
    assert _error(r)["message"].startswith("An activation cannot be voided; use unissue")


# 2./3. Limits and approval ----------------------------------------------------------------------


def test_series_publish_their_limits(api: Api) -> None:
    series = {s["seriesNumber"]: s for s in api.ok("GET", "/series")["series"]}
    assert series["GC-PLN"]["limits"] == {
        "maxLoad": "1000.00",
        "maxBalance": "2000.00",
        "approvalThreshold": "500.00",
    }
    assert series["SC-PLN"]["limits"]["approvalThreshold"] == "1000.00"
    assert series["LC"]["limits"] is None


def test_loads_are_capped_and_large_ones_need_a_manager(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_low_balance", 0)  # 10.00
    huge = api.post(f"/giftcards/{card}/_load", {"amount": "999999999.00"})
    assert (huge.status_code, error_code(huge)) == (409, "LOAD_LIMIT_EXCEEDED")
    assert _error(huge)["details"]["maxLoad"] == "1000.00"
    unapproved = api.post(f"/giftcards/{card}/_load", {"amount": "600.00"})
    assert (unapproved.status_code, error_code(unapproved)) == (409, "APPROVAL_REQUIRED")
    assert "500.00" in _error(unapproved)["message"]
    approved = api.ok("POST", f"/giftcards/{card}/_load", {"amount": "1000.00", "approvedBy": "marek"})
    assert approved["instrument"]["account"]["amountNet"] == "1010.00"
    api.ok("POST", f"/giftcards/{card}/_load", {"amount": "500.00"})  # at the threshold: no approval
    over = api.post(f"/giftcards/{card}/_load", {"amount": "490.01"})
    assert (over.status_code, error_code(over)) == (409, "BALANCE_LIMIT_EXCEEDED")
    assert _error(over)["details"] == {
        "maxBalance": "2000.00",
        "amountNet": "1510.00",
        "amountAllowed": "490.00",
    }
    history = api.ok("GET", f"/instruments/{approved['instrument']['instrumentId']}/transactions")
    assert [t["approvedBy"] for t in history["transactions"][:2]] == [None, "marek"]
    assert _net(api, card) == "1510.00"


def test_an_activation_above_the_threshold_needs_a_manager(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_preissued", 1)
    r = api.post(f"/giftcards/{card}/_issue", {"amount": "600.00"})
    assert (r.status_code, error_code(r)) == (409, "APPROVAL_REQUIRED")
    ok = api.ok("POST", f"/giftcards/{card}/_issue", {"amount": "600.00", "approvedBy": "marek"})
    assert ok["instrument"]["status"] == "active"
    live = api.post("/storeCreditSeries/SC-PLN/storecredits/_issue", {"amount": "1500.00"})
    assert error_code(live) == "APPROVAL_REQUIRED"


def test_a_till_creates_at_most_its_daily_cap(tmp_path: Any) -> None:
    s = start_server(tmp_path / "cap")
    a = Api(s, 1)  # T-001-02: no seeded operations
    try:
        # the merchant's setting, as a back office would set it
        s.sql("UPDATE merchants SET daily_value_cap_minor = 15000 WHERE merchant_id = 'M001'")
        card = s.sample("giftcard_active", 0)
        a.ok("POST", f"/giftcards/{card}/_load", {"amount": "100.00"})
        _, commit = _paid(a, card, "30.00")
        a.ok(
            "POST",
            f"/giftcards/{card}/_refund",
            {"amount": "30.00", "originalOperationId": commit["operationId"]},
        )
        r = a.post(f"/giftcards/{card}/_load", {"amount": "20.01"})
        assert (r.status_code, error_code(r)) == (409, "TERMINAL_DAILY_LIMIT")
        assert _error(r)["details"]["amountLeft"] == "20.00" and "150.00" in _error(r)["message"]
        issue = a.post(f"/giftcards/{s.sample('giftcard_preissued', 0)}/_issue", {"amount": "25.00"})
        assert error_code(issue) == "TERMINAL_DAILY_LIMIT"
        a.ok("POST", f"/giftcards/{card}/_load", {"amount": "20.00"})
        full = a.post(f"/giftcards/{card}/_load", {"amount": "0.01"})
        # Per till: T-001-01's own seeded activations (over 1,000.00 today) do not count here.
        assert _error(full)["details"]["usedToday"] == "150.00"
    finally:
        a.close()
        stop_server(s)


def test_no_activation_or_refund_lifts_a_card_past_its_maximum_balance(tmp_path: Any) -> None:
    s = start_server(tmp_path / "balance")
    a = Api(s, 1)
    try:
        # a lower maximum balance, as a back office would set it
        s.sql("UPDATE series SET max_balance_minor = 10000 WHERE series_number IN ('GC-PLN', 'GC-LIVE')")
        preissued = a.post(f"/giftcards/{s.sample('giftcard_preissued', 0)}/_issue", {"amount": "100.01"})
        assert (preissued.status_code, error_code(preissued)) == (409, "BALANCE_LIMIT_EXCEEDED")
        assert _error(preissued)["details"]["amountAllowed"] == "100.00"
        live = a.post("/giftCardSeries/GC-LIVE/giftcards/_issue", {"amount": "100.01"})
        assert (live.status_code, error_code(live)) == (409, "BALANCE_LIMIT_EXCEEDED")
        card = s.sample("giftcard_active", 0)  # 100.00, the most it may hold now
        _, commit = _paid(a, card, "30.00")
        a.ok("POST", f"/giftcards/{card}/_load", {"amount": "20.00"})  # 90.00
        body = {"amount": "10.01", "originalOperationId": commit["operationId"]}
        over = a.post(f"/giftcards/{card}/_refund", body)
        assert (over.status_code, error_code(over)) == (409, "BALANCE_LIMIT_EXCEEDED")
        assert _error(over)["details"] == {
            "maxBalance": "100.00",
            "amountNet": "90.00",
            "amountAllowed": "10.00",
        }
        assert _net(a, card) == "90.00"
        back = a.ok("POST", f"/giftcards/{card}/_refund", {**body, "amount": "10.00"})
        assert (back["reversible"], back["instrument"]["account"]["amountNet"]) == ("20.00", "100.00")
    finally:
        a.close()
        stop_server(s)


def test_a_blocked_or_expired_card_takes_no_load(server: RunningServer, api: Api) -> None:
    for key, code in (("giftcard_blocked", "BLOCKED"), ("giftcard_expired", "EXPIRED")):
        r = api.post(f"/giftcards/{server.sample(key, 1)}/_load", {"amount": "1.00"})
        assert (r.status_code, error_code(r)) == (409, code), key


def test_a_commit_takes_at_most_the_hold_and_a_refund_at_most_the_commit(api: Api) -> None:
    issued = api.ok("POST", "/giftCardSeries/GC-LIVE/giftcards/_issue", {"amount": "100.00"})
    card = issued["instrument"]["number"]
    hold = api.ok("POST", f"/giftcards/{card}/_pay", {"amount": "30.00"})
    path = f"/giftcards/{card}/authorizations/{hold['authCode']}/_commit"
    above = api.post(path, {"amount": "30.01"})
    assert (above.status_code, error_code(above)) == (409, "AMOUNT_OUT_OF_RANGE")
    assert "30.00 PLN" in _error(above)["message"]
    part = api.ok("POST", path, {"amount": "12.00"})
    assert (part["reversible"], part["instrument"]["account"]["amountNet"]) == ("12.00", "88.00")
    whole_hold = _refund(api, card, "30.00", hold["operationId"])  # the hold named, not its commit
    assert (whole_hold.status_code, error_code(whole_hold)) == (409, "AMOUNT_OUT_OF_RANGE")
    assert _error(whole_hold)["details"]["refundable"] == "12.00"
    assert _refund(api, card, "12.00", hold["operationId"]).status_code == 200
    assert _net(api, card) == "100.00"


# 4. Currency -----------------------------------------------------------------------------------


def test_a_card_of_another_currency_moves_no_money_here(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_foreign_currency")
    looked = api.ok("GET", f"/giftcards/{card}")
    assert (looked["currency"], looked["account"]["amountNet"], looked["acceptableHere"]) == (
        "EUR",
        "50.00",
        True,
    )
    for body in (
        {"amount": "10.00"},
        {"amount": "10.00", "currency": "EUR"},
        {"amount": "10.00", "currency": "PLN"},
    ):
        for op in ("_pay", "_load"):
            r = api.post(f"/giftcards/{card}/{op}", body)
            assert (r.status_code, error_code(r)) == (400, "CURRENCY_MISMATCH"), (op, body)
            assert "EUR" in _error(r)["message"]
    bare = api.post(f"/giftcards/{card}/_pay", {"amount": "10.00"})
    assert "PLN" in _error(bare)["message"] and _error(bare)["details"]["storeCurrency"] == "PLN"
    assert api.ok("GET", f"/giftcards/{card}")["account"]["amountNet"] == "50.00"
    pln_card = server.sample("giftcard_active", 7)
    wrong = api.post(f"/giftcards/{pln_card}/_pay", {"amount": "1.00", "currency": "EUR"})
    assert error_code(wrong) == "CURRENCY_MISMATCH"
    assert "PLN" in _error(wrong)["message"] and "EUR" in _error(wrong)["message"]


# 5. Who may commit or cancel a hold -------------------------------------------------------------


def test_only_the_store_that_placed_a_hold_commits_or_cancels_it(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_active", 7)
    hold = api.ok("POST", f"/giftcards/{card}/_pay", {"amount": "8.00"})
    other = Api(server, OTHER_STORE_TILL)
    same_store = Api(server, SAME_STORE_TILL)
    try:
        for path in ("_commit", "_cancel"):
            r = other.post(f"/giftcards/{card}/authorizations/{hold['authCode']}/{path}")
            assert (r.status_code, error_code(r)) == (403, "FORBIDDEN")
            assert "another store" in _error(r)["message"]
        by_id = other.post(
            f"/instruments/{hold['instrument']['instrumentId']}/authorizations/{hold['authCode']}/_cancel"
        )
        assert error_code(by_id) == "FORBIDDEN"
        committed = same_store.ok("POST", f"/giftcards/{card}/authorizations/{hold['authCode']}/_commit")
        assert committed["amount"] == "8.00"
    finally:
        other.close()
        same_store.close()


# 6. Texts and closing ----------------------------------------------------------------------------


def test_insufficient_funds_says_what_is_available(server: RunningServer, api: Api) -> None:
    card = server.sample("giftcard_low_balance", 1)  # 10.00
    r = api.post(f"/giftcards/{card}/_pay", {"amount": "10.01"})
    assert error_code(r) == "INSUFFICIENT_FUNDS"
    assert "10.00 PLN available" in _error(r)["message"]
    assert _error(r)["details"]["amountAvailable"] == "10.00"


def test_insufficient_points_says_what_is_available(server: RunningServer, api: Api) -> None:
    card = server.sample("loyaltycard_active", 1)  # 40 points
    for path, body in (
        ("_pay", {"points": 41}),
        ("_redeem", {"points": 41}),
        ("_redeem", {"productCode": "COFFEE-FREE"}),  # 50 points a cup
    ):
        r = api.post(f"/loyaltycards/{card}/{path}", body)
        assert error_code(r) == "INSUFFICIENT_POINTS"
        assert "40 available" in _error(r)["message"], path


def test_a_spent_store_credit_closes_and_a_refund_reopens_it(api: Api) -> None:
    issued = api.ok("POST", "/storeCreditSeries/SC-PLN/storecredits/_issue", {"amount": "30.00"})
    note = issued["instrument"]["number"]
    hold = api.ok("POST", f"/storecredits/{note}/_pay", {"amount": "30.00"})
    commit = api.ok("POST", f"/storecredits/{note}/authorizations/{hold['authCode']}/_commit")
    assert commit["instrument"]["status"] == "closed"
    assert error_code(api.post(f"/storecredits/{note}/_pay", {"amount": "1.00"})) == "NOT_ACTIVE"
    back = api.ok(
        "POST",
        f"/storecredits/{note}/_refund",
        {"amount": "10.00", "originalOperationId": hold["operationId"]},
    )
    assert (back["instrument"]["status"], back["instrument"]["account"]["amountNet"]) == ("active", "10.00")
    part = api.ok("POST", "/storeCreditSeries/SC-PLN/storecredits/_issue", {"amount": "30.00"})["instrument"][
        "number"
    ]
    partial = api.ok("POST", f"/storecredits/{part}/_pay", {"amount": "10.00"})
    kept = api.ok("POST", f"/storecredits/{part}/authorizations/{partial['authCode']}/_commit")
    assert kept["instrument"]["status"] == "active"
