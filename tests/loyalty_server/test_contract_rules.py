"""The reference server's promises, over real HTTP on loopback (issue 2 "Done when").

Concurrency: balances stay right when many terminals pay at once; idempotency: a replay returns the
first answer byte for byte, a reused key with another body is refused; authorisation by token and by
acceptor merchant group.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.fixtures.server import RunningServer
from tests.loyalty_server.helpers import Api, error_code


@pytest.fixture
def api(fresh_server: RunningServer) -> Iterator[Api]:
    a = Api(fresh_server)
    yield a
    a.close()


def test_fifty_concurrent_payments_of_one_on_ten_make_exactly_ten_holds(
    fresh_server: RunningServer, api: Api
) -> None:
    card = fresh_server.sample("giftcard_low_balance")
    assert api.ok("GET", f"/giftcards/{card}")["account"]["amountAvailable"] == "10.00"
    clients = [Api(fresh_server, index=i % 3) for i in range(50)]  # three terminals of the acceptor group

    def pay(c: Api) -> httpx.Response:
        return c.post(f"/giftcards/{card}/_pay", {"amount": "1.00"})

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(pay, clients))
    for c in clients:
        c.close()
    outcomes = Counter(r.status_code if r.status_code == 200 else error_code(r) for r in answers)
    assert outcomes == {200: 10, "INSUFFICIENT_FUNDS": 40}
    account = api.ok("GET", f"/giftcards/{card}")["account"]
    assert account == {
        "amountOriginal": "10.00",
        "amountNet": "10.00",
        "amountAuthorized": "10.00",
        "amountFloor": "0.00",
        "amountAvailable": "0.00",
    }
    assert len({r.json()["authCode"] for r in answers if r.status_code == 200}) == 10


def test_concurrent_redeems_of_a_single_use_coupon_use_it_once(fresh_server: RunningServer) -> None:
    code = fresh_server.sample("coupon_active")
    clients = [Api(fresh_server, index=i % 3) for i in range(20)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda c: c.post(f"/coupons/{code}/_redeem"), clients))
    for c in clients:
        c.close()
    assert Counter(r.status_code if r.status_code == 200 else error_code(r) for r in answers) == {
        200: 1,
        "COUPON_USED": 19,
    }


def test_a_replayed_post_returns_the_identical_first_response(fresh_server: RunningServer, api: Api) -> None:
    card = fresh_server.sample("giftcard_active")
    key = str(uuid.uuid4())
    first = api.post(f"/giftcards/{card}/_pay", {"amount": "2.50"}, key=key)
    again = api.post(f"/giftcards/{card}/_pay", {"amount": "2.50"}, key=key)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert first.json()["operationId"] == key
    # the effect happened once
    assert api.ok("GET", f"/giftcards/{card}")["account"]["amountAuthorized"] == "2.50"


def test_a_replayed_refusal_is_replayed_too(fresh_server: RunningServer, api: Api) -> None:
    card = fresh_server.sample("giftcard_blocked")
    key = str(uuid.uuid4())
    first = api.post(f"/giftcards/{card}/_pay", {"amount": "1.00"}, key=key)
    again = api.post(f"/giftcards/{card}/_pay", {"amount": "1.00"}, key=key)
    assert first.status_code == again.status_code == 409
    assert error_code(first) == "BLOCKED"
    assert again.content == first.content


def test_the_same_key_with_a_different_body_is_refused_with_422(
    fresh_server: RunningServer, api: Api
) -> None:
    card = fresh_server.sample("giftcard_active")
    key = str(uuid.uuid4())
    assert api.post(f"/giftcards/{card}/_pay", {"amount": "1.00"}, key=key).status_code == 200
    other = api.post(f"/giftcards/{card}/_pay", {"amount": "2.00"}, key=key)
    assert other.status_code == 422
    assert error_code(other) == "IDEMPOTENCY_MISMATCH"
    assert api.ok("GET", f"/giftcards/{card}")["account"]["amountAuthorized"] == "1.00"


def test_keys_are_scoped_per_terminal(fresh_server: RunningServer, api: Api) -> None:
    card = fresh_server.sample("giftcard_active")
    key = str(uuid.uuid4())
    other = Api(fresh_server, index=1)
    try:
        assert api.post(f"/giftcards/{card}/_pay", {"amount": "1.00"}, key=key).status_code == 200
        assert other.post(f"/giftcards/{card}/_pay", {"amount": "1.00"}, key=key).status_code == 200
    finally:
        other.close()
    assert api.ok("GET", f"/giftcards/{card}")["account"]["amountAuthorized"] == "2.00"


def test_a_post_without_an_idempotency_key_is_refused(fresh_server: RunningServer, api: Api) -> None:
    card = fresh_server.sample("giftcard_active")
    r = api.client.post(f"/giftcards/{card}/_pay", json={"amount": "1.00"})
    assert r.status_code == 400
    assert error_code(r) == "IDEMPOTENCY_KEY_REQUIRED"


def test_a_terminal_outside_the_acceptor_group_gets_not_accepted_here(fresh_server: RunningServer) -> None:
    outside = Api(fresh_server, index=int(fresh_server.manifest["outsideAcceptorTerminal"]))
    card = fresh_server.sample("giftcard_active")
    try:
        shown = outside.get(f"/giftcards/{card}")
        assert shown.status_code == 200  # a manager may look
        assert shown.json()["acceptableHere"] is False
        r = outside.post(f"/giftcards/{card}/_pay", {"amount": "1.00"})
        assert r.status_code == 403
        assert error_code(r) == "NOT_ACCEPTED_HERE"
    finally:
        outside.close()


def test_a_partner_card_is_not_accepted_at_the_demo_till(fresh_server: RunningServer, api: Api) -> None:
    r = api.post(f"/giftcards/{fresh_server.sample('not_accepted_here')}/_pay", {"amount": "1.00"})
    assert (r.status_code, error_code(r)) == (403, "NOT_ACCEPTED_HERE")


@pytest.mark.parametrize("header", [None, "Bearer nope", "Basic abc", "Bearer"])
def test_an_unknown_or_missing_token_gets_401(demo_server: RunningServer, header: str | None) -> None:
    headers = {} if header is None else {"Authorization": header}
    r = httpx.get(f"{demo_server.group_url}/terminal", headers=headers)
    assert r.status_code == 401
    assert error_code(r) == "UNAUTHORIZED"


def test_a_token_of_another_loyalty_group_path_gets_401(demo_server: RunningServer) -> None:
    url = f"{demo_server.base_url}/api/v1/pos/loyaltyGroups/other/terminal"
    r = httpx.get(url, headers={"Authorization": f"Bearer {demo_server.token()}"})
    assert r.status_code == 401
