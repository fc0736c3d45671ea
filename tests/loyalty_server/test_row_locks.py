"""Races on one card, on both engines (issue 17): PostgreSQL runs writes at READ COMMITTED, so each
rule below holds only because the write locks the card's row before it reads what it checks (or
guards its update); SQLite serialises writers with ``BEGIN IMMEDIATE``.

Each test fires the racing requests from threads at once, over HTTP on loopback, and checks that
exactly the allowed outcomes happened and that the card's account adds up.
"""

from __future__ import annotations

import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.fixtures.server import RunningServer
from tests.loyalty_server.helpers import Api, error_code


def _outcome(r: httpx.Response) -> int | str:
    return r.status_code if r.status_code == 200 else error_code(r)


def test_commit_and_cancel_of_one_hold_at_once_close_it_once(server: RunningServer) -> None:
    card = server.sample("giftcard_active", 1)  # 100.00
    clients = [Api(server, index=0) for _ in range(2)]
    try:
        holds = []
        for _ in range(6):
            held = clients[0].ok("POST", f"/giftcards/{card}/_pay", {"amount": "5.00"})
            holds.append((held["authCode"], held["instrument"]["instrumentId"]))
        committed = 0
        with ThreadPoolExecutor(max_workers=2) as pool:
            for code, instrument in holds:
                commit = pool.submit(clients[0].post, f"/giftcards/{card}/authorizations/{code}/_commit", {})
                cancel = pool.submit(
                    clients[1].post, f"/instruments/{instrument}/authorizations/{code}/_cancel", {}
                )
                pair = Counter([_outcome(commit.result()), _outcome(cancel.result())])
                assert pair == {200: 1, "AUTH_FINAL": 1}, pair
                committed += commit.result().status_code == 200
        account = clients[0].ok("GET", f"/giftcards/{card}")["account"]
    finally:
        for c in clients:
            c.close()
    assert account["amountAuthorized"] == "0.00"
    assert account["amountNet"] == f"{100 - 5 * committed}.00"


def test_concurrent_refunds_of_one_payment_give_back_at_most_what_it_took(
    server: RunningServer,
) -> None:
    card = server.sample("giftcard_active", 2)  # 100.00
    api = Api(server)
    pay_key = str(uuid.uuid4())
    r = api.post(f"/giftcards/{card}/_pay", {"amount": "10.00"}, key=pay_key)
    assert r.status_code == 200, r.text
    api.ok("POST", f"/giftcards/{card}/authorizations/{r.json()['authCode']}/_commit", {})
    clients = [Api(server, index=i % 3) for i in range(12)]
    body = {"amount": "3.00", "originalOperationId": pay_key}
    try:
        with ThreadPoolExecutor(max_workers=12) as pool:
            answers = list(pool.map(lambda c: c.post(f"/giftcards/{card}/_refund", body), clients))
        account = api.ok("GET", f"/giftcards/{card}")["account"]
    finally:
        for c in (api, *clients):
            c.close()
    outcomes = Counter(_outcome(r) for r in answers)
    assert outcomes[200] == 3, outcomes  # 3 x 3.00 of 10.00; the 1.00 left is too little for another
    assert set(outcomes) == {200, "AMOUNT_OUT_OF_RANGE"}, outcomes
    assert account["amountNet"] == "99.00"  # 100.00 - 10.00 + 3 x 3.00


def test_one_key_sent_many_times_at_once_has_one_effect(server: RunningServer) -> None:
    card = server.sample("giftcard_active", 3)  # 100.00
    key = str(uuid.uuid4())
    clients = [Api(server) for _ in range(8)]
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(
                pool.map(lambda c: c.post(f"/giftcards/{card}/_pay", {"amount": "7.00"}, key=key), clients)
            )
        account = clients[0].ok("GET", f"/giftcards/{card}")["account"]
    finally:
        for c in clients:
            c.close()
    firsts = [r for r in answers if r.status_code == 200 and r.headers.get("Idempotent-Replayed") != "true"]
    assert len(firsts) == 1
    assert {_outcome(r) for r in answers} <= {200, "IDEMPOTENCY_IN_PROGRESS"}
    assert {r.json()["authCode"] for r in answers if r.status_code == 200} == {firsts[0].json()["authCode"]}
    assert account["amountAuthorized"] == "7.00"
