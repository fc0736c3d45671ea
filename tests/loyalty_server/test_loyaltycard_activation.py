"""Activating a pre-issued loyalty card: ``_activate``, and by linking it to a customer (at enrolment
or later), over real HTTP against the reference server."""

from __future__ import annotations

import uuid

from tests.fixtures.server import RunningServer
from tests.loyalty_server.helpers import Api, error_code


def _phone() -> str:
    return "+48" + str(500_000_000 + uuid.uuid4().int % 100_000_000)


def _earn(api: Api, card: str) -> int:
    r = api.post(f"/loyaltycards/{card}/_earn", {"amount": "50.00"})
    assert r.status_code == 200, r.text
    return int(r.json()["points"])


def test_activate_makes_a_preissued_card_earn_once_and_only_once(server: RunningServer, api: Api) -> None:
    card = server.sample("loyaltycard_preissued", 0)
    assert api.ok("GET", f"/loyaltycards/{card}")["status"] == "preissued"
    assert error_code(api.post(f"/loyaltycards/{card}/_earn", {"amount": "50.00"})) == "NOT_ACTIVE"

    key = str(uuid.uuid4())
    first = api.post(f"/loyaltycards/{card}/_activate", key=key)
    assert first.status_code == 200, first.text
    result = first.json()
    assert result["type"] == "issue" and result["amount"] is None
    assert result["instrument"]["status"] == "active"
    assert result["instrument"]["startDate"] is not None
    assert api.post(f"/loyaltycards/{card}/_activate", key=key).json() == result  # a retry: same answer

    assert error_code(api.post(f"/loyaltycards/{card}/_activate")) == "ALREADY_ISSUED"
    assert _earn(api, card) > 0
    history = api.ok("GET", f"/instruments/{result['instrument']['instrumentId']}/transactions")
    assert [t["type"] for t in history["transactions"]].count("issue") == 1


def test_activate_refuses_what_cannot_be_activated(server: RunningServer, api: Api) -> None:
    assert error_code(api.post("/loyaltycards/2900000000000/_activate")) == "UNKNOWN_INSTRUMENT"
    gift = server.sample("giftcard_preissued", 0)
    assert (
        error_code(api.post(f"/loyaltycards/{gift}/_activate")) == "UNKNOWN_INSTRUMENT"
    )  # not a loyalty card
    card = server.sample("loyaltycard_preissued", 1)
    api.ok("POST", f"/loyaltycards/{card}/_block", {"reason": "lost"})
    assert error_code(api.post(f"/loyaltycards/{card}/_activate")) == "BLOCKED"


def test_enrolling_with_a_preissued_card_activates_it(server: RunningServer, api: Api) -> None:
    card = server.sample("loyaltycard_preissued", 2)
    customer = api.ok(
        "POST",
        "/customers",
        {
            "phone": _phone(),
            "firstName": "Ewa",
            "cardNumber": card,
            "consents": [{"type": "marketing_sms", "granted": True, "version": "1"}],
        },
    )
    assert customer["cards"] == [card]
    assert [(c["type"], c["granted"]) for c in customer["consents"]] == [("marketing_sms", True)]
    shown = api.ok("GET", f"/loyaltycards/{card}")
    assert shown["status"] == "active"
    assert shown["customer"]["customerId"] == customer["customerId"]
    assert _earn(api, card) > 0  # the first visit earns


def test_linking_a_preissued_card_later_activates_it(server: RunningServer, api: Api) -> None:
    card = server.sample("loyaltycard_preissued", 3)
    customer = api.ok("POST", "/customers", {"phone": _phone()})
    api.ok("POST", f"/customers/{customer['customerId']}/cards", {"cardNumber": card})
    assert api.ok("GET", f"/loyaltycards/{card}")["status"] == "active"
