"""Merging two loyalty cards of one customer and transferring a gift card's or store credit's balance to
another card (issue 19), over real HTTP against the reference server."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from tests.fixtures.server import RunningServer
from tests.loyalty_server.helpers import Api, error_code

MANAGER = "marek"
_phones = itertools.count(600_100_100)


def _history(api: Api, card: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = api.ok("GET", f"/instruments/{card['instrumentId']}/transactions")[
        "transactions"
    ]
    return rows


def _customer_with_two_cards(server: RunningServer, api: Api, index: int) -> tuple[str, str]:
    """A new customer owning two fresh loyalty cards (pre-issued cards, activated by the link)."""
    first, second = (
        server.sample("loyaltycard_preissued", index),
        server.sample("loyaltycard_preissued", index + 1),
    )
    customer = api.ok("POST", "/customers", {"phone": f"+48 {next(_phones)}", "cardNumber": first})
    api.ok("POST", f"/customers/{customer['customerId']}/cards", {"cardNumber": second})
    return first, second


def _merge(api: Api, source: str, target: str, *, key: str | None = None, **extra: Any) -> Any:
    body = {"targetNumber": target, "approvedBy": MANAGER, **extra}
    return api.post(f"/loyaltycards/{source}/_merge", body, key=key)


# --- merging loyalty cards -------------------------------------------------------------------------


def test_a_merge_moves_points_and_lots_with_their_dates_and_closes_the_source(
    server: RunningServer, api: Api
) -> None:
    source = server.sample("loyaltycard_active", 0)  # C-0001: 180 available (150 expire soon), 20 pending
    target = server.sample("loyaltycard_active", 3)  # nobody's, 0 points
    api.ok("POST", "/customers/C-0001/cards", {"cardNumber": target})
    before = api.ok("GET", f"/loyaltycards/{source}")
    assert before["points"]["balance"] == 180 and before["points"]["pending"] == 20

    key = str(uuid.uuid4())
    r = _merge(api, source, target, key=key)
    assert r.status_code == 200, r.text
    result = r.json()
    assert (result["type"], result["points"]) == ("merge_in", 200)
    moved = result["instrument"]
    assert moved["number"] == target
    # the same points in the same states: vested, pending, expiring soon on the same first date
    assert moved["points"] == {**before["points"]}
    assert moved["mergedInto"] is None
    closed = api.ok("GET", f"/loyaltycards/{source}")
    assert result["source"] == closed
    assert (closed["status"], closed["mergedInto"]) == ("closed", target)
    assert closed["points"]["balance"] == 0 and closed["points"]["pending"] == 0

    # both histories read on their own: each names the other card and the approving manager
    out = _history(api, closed)[0]
    into = _history(api, moved)[0]
    assert (out["type"], out["points"], out["pointsAfter"], out["reference"]) == ("merge_out", 200, 0, target)
    assert (into["type"], into["points"], into["reference"]) == ("merge_in", 200, source)
    assert out["approvedBy"] == into["approvedBy"] == MANAGER
    assert out["operationId"] == into["operationId"] == key

    # the same key again: the stored answer, applied once
    again = _merge(api, source, target, key=key)
    assert again.status_code == 200 and again.headers.get("Idempotent-Replayed") == "true"
    assert again.content == r.content
    assert api.ok("GET", f"/loyaltycards/{target}")["points"]["balance"] == 180
    assert len([t for t in _history(api, moved) if t["type"] == "merge_in"]) == 1

    # the closed card earns and spends nothing; a second merge of it is refused
    assert error_code(api.post(f"/loyaltycards/{source}/_earn", {"amount": "10.00"})) == "NOT_ACTIVE"
    assert error_code(_merge(api, source, target)) == "NOT_ACTIVE"
    # the target's points spend as any others, those that expire first first
    spent = api.ok("POST", f"/loyaltycards/{target}/_redeem", {"points": 150})
    assert spent["instrument"]["points"]["expiringSoon"] == 0


def test_a_merge_moves_what_the_cards_earned(server: RunningServer, api: Api) -> None:
    source, target = _customer_with_two_cards(server, api, 0)
    earned = api.ok("POST", f"/loyaltycards/{source}/_earn", {"amount": "42.00"})["points"]
    api.ok("POST", f"/loyaltycards/{target}/_earn", {"amount": "10.00"})
    before = [api.ok("GET", f"/loyaltycards/{n}")["points"] for n in (source, target)]
    result = _merge(api, source, target).json()
    assert result["points"] == earned
    after = result["instrument"]["points"]
    assert after["balance"] == before[0]["balance"] + before[1]["balance"]
    assert after["pending"] == before[0]["pending"] + before[1]["pending"]


def test_merge_refusals(server: RunningServer, api: Api) -> None:
    source, target = _customer_with_two_cards(server, api, 2)
    other_customer = server.sample("loyaltycard_active", 1)  # C-0002
    r = _merge(api, source, other_customer)
    assert (r.status_code, error_code(r)) == (409, "CUSTOMER_MISMATCH")
    unowned = server.sample("loyaltycard_active", 4)
    assert error_code(_merge(api, unowned, server.sample("loyaltycard_active", 5))) == "CUSTOMER_MISMATCH"
    r = _merge(api, source, server.sample("giftcard_active", 7))
    assert (r.status_code, error_code(r)) == (404, "UNKNOWN_INSTRUMENT")
    r = api.post(
        f"/giftcards/{server.sample('giftcard_active', 7)}/_merge",
        {"targetNumber": target, "approvedBy": "m"},
    )
    assert r.status_code == 404
    r = _merge(api, source, source)
    assert (r.status_code, error_code(r)) == (409, "SAME_CARD")
    r = api.post(f"/loyaltycards/{source}/_merge", {"targetNumber": target})
    assert (r.status_code, error_code(r)) == (400, "INVALID_REQUEST")
    assert "approvedBy" in r.text
    api.ok("POST", f"/loyaltycards/{target}/_block", {"reason": "lost"})
    r = _merge(api, source, target)
    assert (r.status_code, error_code(r)) == (409, "BLOCKED")
    api.ok("POST", f"/loyaltycards/{target}/_unblock")
    api.ok("POST", f"/loyaltycards/{source}/_earn", {"amount": "30.00"})  # the demo series vests at once
    hold = api.ok("POST", f"/loyaltycards/{source}/_pay", {"points": 1})
    r = _merge(api, source, target)
    assert (r.status_code, error_code(r)) == (409, "HOLD_OPEN")
    api.ok("POST", f"/loyaltycards/{source}/authorizations/{hold['authCode']}/_cancel")
    # nothing of the refusals moved anything; the merge still runs
    assert api.ok("GET", f"/loyaltycards/{source}")["status"] == "active"
    assert _merge(api, source, target).status_code == 200


def test_a_return_of_a_sale_of_a_merged_card_is_applied_to_the_card_it_went_to(
    server: RunningServer, api: Api
) -> None:
    source, target = server.sample("loyaltycard_active", 6), server.sample("loyaltycard_active", 7)
    customer = api.ok("POST", "/customers", {"phone": f"+48 {next(_phones)}", "cardNumber": source})
    api.ok("POST", f"/customers/{customer['customerId']}/cards", {"cardNumber": target})
    sale = api.ok("POST", f"/loyaltycards/{source}/_earn", {"amount": "40.00"})
    assert sale["points"] == 40
    api.ok("POST", f"/loyaltycards/{target}/_earn", {"amount": "10.00"})
    # a quarter of the basket comes back before the merge, on the card it was sold on
    before = api.ok(
        "POST",
        f"/loyaltycards/{source}/_return",
        {"originalOperationId": sale["operationId"], "amount": "10.00"},
    )
    assert before["points"] == 10 and before["instrument"]["points"]["balance"] == 30
    assert _merge(api, source, target).json()["points"] == 30

    # the rest comes back after it: named on the merged (closed) card, taken from the card it went to
    after = api.ok("POST", f"/loyaltycards/{source}/_return", {"originalOperationId": sale["operationId"]})
    assert (after["type"], after["points"]) == ("return", 30)
    assert after["instrument"]["number"] == target
    assert after["instrument"]["points"]["balance"] == 10  # 30 + 10 merged, 30 of them returned
    closed = api.ok("GET", f"/loyaltycards/{source}")
    assert (closed["status"], closed["points"]["balance"]) == ("closed", 0)  # no debt left on it
    row = _history(api, after["instrument"])[0]
    assert (row["type"], row["points"], row["originalOperationId"]) == ("return", 30, sale["operationId"])
    # never more than the sale earned, across the merge
    again = api.post(f"/loyaltycards/{source}/_return", {"originalOperationId": sale["operationId"]})
    assert (again.status_code, error_code(again)) == (409, "NOTHING_TO_RETURN")


# --- transferring a gift card's or store credit's balance ------------------------------------------


def _transfer(
    api: Api, source: str, target: str, *, kind: str = "giftcards", key: str | None = None, **extra: Any
) -> Any:
    body = {"targetNumber": target, "reason": "damaged", "approvedBy": MANAGER, **extra}
    return api.post(f"/{kind}/{source}/_transfer", body, key=key)


def test_a_transfer_moves_the_balance_and_blocks_the_source(server: RunningServer, api: Api) -> None:
    source, target = server.sample("giftcard_active", 0), server.sample("giftcard_active", 1)  # 100.00 each
    key = str(uuid.uuid4())
    r = _transfer(api, source, target, key=key)
    assert r.status_code == 200, r.text
    result = r.json()
    assert (result["type"], result["amount"]) == ("transfer_in", "100.00")
    assert result["instrument"]["account"]["amountNet"] == "200.00"
    old = api.ok("GET", f"/giftcards/{source}")
    assert result["source"] == old
    assert (old["status"], old["blockReason"], old["account"]["amountNet"]) == ("blocked", "damaged", "0.00")
    out = [t for t in _history(api, old) if t["type"] == "transfer_out"]
    into = [t for t in _history(api, result["instrument"]) if t["type"] == "transfer_in"]
    assert [(t["amount"], t["balanceAfter"], t["reference"], t["approvedBy"]) for t in out] == [
        ("100.00", "0.00", target, MANAGER)
    ]
    assert [(t["amount"], t["balanceAfter"], t["reference"], t["approvedBy"]) for t in into] == [
        ("100.00", "200.00", source, MANAGER)
    ]

    again = _transfer(api, source, target, key=key)
    assert again.status_code == 200 and again.headers.get("Idempotent-Replayed") == "true"
    assert again.content == r.content
    assert api.ok("GET", f"/giftcards/{target}")["account"]["amountNet"] == "200.00"
    # the blocked card pays nothing; its old top-up can no longer be voided onto it
    assert error_code(api.post(f"/giftcards/{source}/_pay", {"amount": "1.00"})) == "BLOCKED"


def test_a_card_blocked_as_lost_gives_its_balance_to_a_new_card(server: RunningServer, api: Api) -> None:
    lost, new = server.sample("giftcard_blocked", 0), server.sample("giftcard_active", 2)  # 50.00, 100.00
    result = _transfer(api, lost, new, reason="lost").json()
    assert result["instrument"]["account"]["amountNet"] == "150.00"
    assert result["source"]["status"] == "blocked" and result["source"]["account"]["amountNet"] == "0.00"
    assert error_code(_transfer(api, lost, new, reason="lost")) == "NOTHING_TO_TRANSFER"


def test_a_store_credit_balance_moves_too(server: RunningServer, api: Api) -> None:
    source, target = server.sample("storecredit_active", 0), server.sample("storecredit_active", 1)
    result = _transfer(api, source, target, kind="storecredits").json()
    assert (result["amount"], result["instrument"]["account"]["amountNet"]) == ("50.00", "100.00")
    assert result["source"]["kind"] == "storecredit" and result["source"]["status"] == "blocked"


def test_transfer_refusals(server: RunningServer, api: Api) -> None:
    source, target = server.sample("giftcard_active", 3), server.sample("giftcard_active", 4)
    hold = api.ok("POST", f"/giftcards/{source}/_pay", {"amount": "10.00"})
    r = _transfer(api, source, target)
    assert (r.status_code, error_code(r)) == (409, "HOLD_OPEN")
    api.ok("POST", f"/giftcards/{source}/authorizations/{hold['authCode']}/_cancel")

    r = _transfer(api, source, server.sample("giftcard_foreign_currency", 0))  # GC-EUR
    assert (r.status_code, error_code(r)) == (409, "SERIES_MISMATCH")
    r = _transfer(api, source, server.sample("giftcard_preissued", 0))  # not activated yet
    assert (r.status_code, error_code(r)) == (409, "NOT_ACTIVE")
    r = _transfer(api, source, server.sample("storecredit_active", 2))
    assert (r.status_code, error_code(r)) == (404, "UNKNOWN_INSTRUMENT")
    r = _transfer(api, source, source)
    assert (r.status_code, error_code(r)) == (409, "SAME_CARD")
    r = api.post(f"/giftcards/{source}/_transfer", {"targetNumber": target, "reason": "lost"})
    assert (r.status_code, error_code(r)) == (400, "INVALID_REQUEST") and "approvedBy" in r.text
    r = api.post(f"/giftcards/{source}/_transfer", {"targetNumber": target, "approvedBy": MANAGER})
    assert (r.status_code, error_code(r)) == (400, "INVALID_REQUEST")

    # GC-PLN may hold 2000.00: a target at 1950.00 cannot take 100.00 more
    api.ok("POST", f"/giftcards/{target}/_load", {"amount": "1000.00", "approvedBy": MANAGER})
    api.ok("POST", f"/giftcards/{target}/_load", {"amount": "850.00", "approvedBy": MANAGER})
    r = _transfer(api, source, target)
    assert (r.status_code, error_code(r)) == (409, "BALANCE_LIMIT_EXCEEDED")
    assert r.json()["error"]["details"]["amountAllowed"] == "50.00"
    # nothing moved by any refusal
    assert api.ok("GET", f"/giftcards/{source}")["account"]["amountNet"] == "100.00"
    assert api.ok("GET", f"/giftcards/{source}")["status"] == "active"
    assert api.ok("GET", f"/giftcards/{target}")["account"]["amountNet"] == "1950.00"
