"""``POST /operations/_batch`` over real HTTP, on both engines: each item is its own request (same rules,
same stored answer), chains stop at their first failure (424), limits and malformed batches refused."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fixtures.server import RunningServer
from tests.loyalty_server.helpers import Api, error_code

BATCH = "/operations/_batch"


def item(
    path: str, body: dict[str, Any] | None = None, *, key: str | None = None, **extra: Any
) -> dict[str, Any]:
    out: dict[str, Any] = {"idempotencyKey": key or str(uuid.uuid4()), "method": "POST", "path": path}
    if body is not None:
        out["body"] = body
    return {**out, **extra}


def send(api: Api, items: list[dict[str, Any]], *, key: str | None = None) -> list[dict[str, Any]]:
    r = api.client.post(BATCH, json={"items": items}, headers={"Idempotency-Key": key or str(uuid.uuid4())})
    assert r.status_code == 200, r.text
    answers: list[dict[str, Any]] = r.json()["items"]
    assert [a["idempotencyKey"] for a in answers] == [i["idempotencyKey"] for i in items]
    return answers


def single(api: Api, it: dict[str, Any]) -> httpx.Response:
    return api.client.post(
        it["path"], json=it.get("body", {}), headers={"Idempotency-Key": it["idempotencyKey"]}
    )


def new_card(api: Api, amount: str = "100.00") -> str:
    return str(
        api.ok("POST", "/giftCardSeries/GC-LIVE/giftcards/_issue", {"amount": amount})["instrument"]["number"]
    )


def available(api: Api, card: str) -> str:
    return str(api.ok("GET", f"/giftcards/{card}")["account"]["amountAvailable"])


def test_terminal_advertises_the_batch_endpoint(api: Api) -> None:
    batch = api.ok("GET", "/terminal")["batch"]
    assert batch["path"] == BATCH
    assert 100 <= batch["maxItems"] <= 1000


def test_each_item_is_applied_as_its_own_request_and_a_later_single_retry_replays_it(
    server: RunningServer, api: Api
) -> None:
    card, other, third = new_card(api), new_card(api), new_card(api)
    loyalty = server.sample("loyaltycard_active")
    items = [
        item(f"/giftcards/{card}/_pay", {"amount": "30.00", "reference": "b1"}),
        item(f"/giftcards/{card}/_pay", {"amount": "20.00", "reference": "b2"}),
        item(f"/loyaltycards/{loyalty}/_earn", {"amount": "12.50", "reference": "b3"}),
        item(f"/giftcards/{other}/_pay", {"amount": "100.01"}),  # refused as its single request is
        item(f"/giftcards/{server.sample('giftcard_blocked')}/_pay", {"amount": "1.00"}),
        item(f"/giftcards/{third}/_load", {"amount": "-1"}),  # a body its route refuses
        item("/nothing/here", {}),
    ]
    answers = send(api, items)
    assert [a["status"] for a in answers[:3]] == [200, 200, 200]
    assert (
        answers[0]["body"]["type"] == "pay"
        and answers[0]["body"]["operationId"] == items[0]["idempotencyKey"]
    )
    assert answers[1]["body"]["instrument"]["account"]["amountAvailable"] == "50.00"
    assert answers[2]["body"]["type"] == "earn"
    assert (answers[3]["status"], answers[3]["body"]["error"]["code"]) == (409, "INSUFFICIENT_FUNDS")
    assert (answers[4]["status"], answers[4]["body"]["error"]["code"]) == (409, "BLOCKED")
    assert (answers[6]["status"], answers[6]["body"]["error"]["code"]) == (404, "NOT_FOUND")
    assert not any(a["replayed"] for a in answers)
    assert available(api, card) == "50.00" and available(api, other) == "100.00"
    # Each applied or refused item's answer is stored under its key, as its single request's would be.
    for it, answer in zip(items[:5], answers[:5], strict=True):
        again = single(api, it)
        assert again.status_code == answer["status"]
        assert again.headers.get("Idempotent-Replayed") == "true"
        assert again.json() == answer["body"]
    # A shape refusal comes before any effect, batch or not: the single request says the same.
    bad = single(api, items[5])
    assert (bad.status_code, error_code(bad)) == (answers[5]["status"], answers[5]["body"]["error"]["code"])
    assert error_code(bad) == "INVALID_AMOUNT"
    assert available(api, card) == "50.00"  # nothing applied twice


def test_an_item_whose_key_is_stored_answers_its_stored_answer(api: Api) -> None:
    card = new_card(api)
    first = item(f"/giftcards/{card}/_pay", {"amount": "10.00"})
    stored = single(api, first)
    assert stored.status_code == 200
    mismatch = item(f"/giftcards/{card}/_pay", {"amount": "11.00"}, key=first["idempotencyKey"])
    answers = send(api, [first])
    assert (answers[0]["status"], answers[0]["replayed"], answers[0]["body"]) == (200, True, stored.json())
    answers = send(api, [mismatch])
    assert (answers[0]["status"], answers[0]["body"]["error"]["code"]) == (422, "IDEMPOTENCY_MISMATCH")
    # The same batch sent twice (its answer lost): every item answers from the store, nothing twice.
    items = [item(f"/giftcards/{card}/_pay", {"amount": "5.00"}) for _ in range(3)]
    once = send(api, items)
    twice = send(api, items)
    assert [a["body"] for a in twice] == [a["body"] for a in once]
    assert all(a["replayed"] for a in twice) and not any(a["replayed"] for a in once)
    assert available(api, card) == "75.00"


def test_after_a_failure_the_rest_of_its_chain_is_not_attempted(api: Api) -> None:
    card, other = new_card(api), new_card(api)
    hold = api.ok("POST", f"/giftcards/{card}/_pay", {"amount": "10.00"})
    iid, code = hold["instrument"]["instrumentId"], hold["authCode"]
    items = [
        item(f"/giftcards/{card}/_pay", {"amount": "500.00"}),  # refused: INSUFFICIENT_FUNDS
        item(f"/giftcards/{card}/_pay", {"amount": "1.00"}),  # same instrument path: not attempted
        item(f"/instruments/{iid}/authorizations/{code}/_cancel", {}, chain=card),  # another path, same chain
        item(f"/giftcards/{other}/_pay", {"amount": "1.00"}),  # another chain goes on
    ]
    items[0]["chain"] = items[1]["chain"] = card
    answers = send(api, items)
    assert [a["status"] for a in answers] == [409, 424, 424, 200]
    for answer in answers[1:3]:
        assert answer["body"]["error"]["code"] == "NOT_ATTEMPTED"
        assert answer["body"]["error"]["details"] == {"after": items[0]["idempotencyKey"]}
    assert available(api, card) == "90.00"  # the hold is still there: the cancel was not attempted
    # Not attempted means nothing stored: the item sent again later is applied normally.
    again = single(api, items[2])
    assert again.status_code == 200 and "Idempotent-Replayed" not in again.headers
    assert available(api, card) == "100.00"
    # Without a chain the instrument is the chain: the first two segments of the path.
    answers = send(
        api,
        [
            item(f"/giftcards/{other}/_pay", {"amount": "500.00"}),
            item(f"/giftcards/{other}/_load", {"amount": "1.00"}),
        ],
    )
    assert [a["status"] for a in answers] == [409, 424]


def test_items_of_many_groups_keep_their_order(server: RunningServer, api: Api) -> None:
    card = new_card(api, "200.00")
    items = [item(f"/giftcards/{card}/_pay", {"amount": "1.00", "reference": f"n{i}"}) for i in range(120)]
    answers = send(api, items)
    assert [a["status"] for a in answers] == [200] * 120
    left = [a["body"]["instrument"]["account"]["amountAvailable"] for a in answers]
    assert left == [f"{200 - i - 1}.00" for i in range(120)]
    rows = server.sql(
        "SELECT COUNT(*) FROM transactions t JOIN instruments i ON i.instrument_id = t.instrument_id "
        "WHERE i.number = :n AND t.type = 'pay'",
        {"n": card},
    )
    assert rows[0][0] == 120


@pytest.mark.parametrize(
    ("items", "why"),
    [
        ([], "empty"),
        ([{"method": "POST", "path": "/giftcards/1/_pay"}], "no key"),
        ([item("/giftcards/1/_pay", method="GET")], "a read"),
        ([item("/giftcards/1/_pay?x=1")], "a query"),
        ([item("giftcards/1/_pay")], "not below the group"),
        ([item("/giftcards/../terminal")], "dot segments"),
        ([item(BATCH, {"items": []})], "a batch in a batch"),
        ([item("/giftcards/1/_pay", key="same"), item("/giftcards/2/_pay", key="same")], "repeated key"),
        ([item("/giftcards/1/_pay", unknown=1)], "unknown field"),
        ([item("/giftcards/1/_pay", body=None) | {"body": None}], "null body"),
    ],
)
def test_malformed_batches_are_refused_whole(api: Api, items: list[dict[str, Any]], why: str) -> None:
    r = api.client.post(BATCH, json={"items": items}, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert (r.status_code, error_code(r)) == (400, "INVALID_REQUEST"), why


def test_limits_and_the_batch_s_own_key_and_token(server: RunningServer, api: Api) -> None:
    limit = api.ok("GET", "/terminal")["batch"]["maxItems"]
    card = new_card(api)
    too_many = [item(f"/giftcards/{card}/_pay", {"amount": "0.01"}) for _ in range(limit + 1)]
    r = api.client.post(BATCH, json={"items": too_many}, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert (r.status_code, error_code(r)) == (413, "BATCH_TOO_LARGE")
    assert r.json()["error"]["details"] == {"maxItems": limit, "items": limit + 1}
    assert available(api, card) == "100.00"
    r = api.client.post(BATCH, json={"items": [item(f"/giftcards/{card}/_pay", {"amount": "1.00"})]})
    assert (r.status_code, error_code(r)) == (400, "IDEMPOTENCY_KEY_REQUIRED")
    r = httpx.post(
        server.group_url + BATCH,
        json={"items": [item(f"/giftcards/{card}/_pay", {"amount": "1.00"})]},
        headers={"Idempotency-Key": str(uuid.uuid4()), "Authorization": "Bearer nope"},
    )
    assert (r.status_code, error_code(r)) == (401, "UNAUTHORIZED")
    assert available(api, card) == "100.00"


def test_past_the_batches_in_flight_a_batch_waits_at_the_terminal_429(tmp_path: Path) -> None:
    """Batches applied at once are capped per worker: another is refused with 429 + Retry-After
    (nothing applied), as any request past the limit, rather than queue on the database's lock."""
    from loyalty_server.app import BASE, create_app
    from loyalty_server.context import Settings
    from loyalty_server.db import Database
    from loyalty_server.seed import seed_demo

    db = Database(tmp_path / "server.db")
    manifest = seed_demo(db)
    app = create_app(db, Settings(max_batches_in_flight=1))
    base = BASE.replace("{loyaltyGroup}", manifest["loyaltyGroup"])
    card = manifest["samples"]["loyaltycard_active"][0]
    headers = {"Authorization": f"Bearer {manifest['terminals'][0]['token']}"}
    items = [item(f"/loyaltycards/{card}/_earn", {"amount": "10.00"})]

    async def post(key: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://till") as client:
            return await client.post(
                base + BATCH, json={"items": items}, headers={**headers, "Idempotency-Key": key}
            )

    app.state.batch_slots.acquire()  # another batch is being applied
    r = asyncio.run(post("b1"))
    assert (r.status_code, error_code(r), r.headers["Retry-After"]) == (429, "RATE_LIMITED", "1")
    app.state.batch_slots.release()  # it is done
    r = asyncio.run(post("b2"))
    assert r.status_code == 200 and r.json()["items"][0]["status"] == 200
    r = asyncio.run(post("b3"))
    assert r.json()["items"][0]["replayed"] is True  # applied once, by the second batch
    db.dispose()


@pytest.mark.parametrize(
    ("path", "taken"),
    [
        ("/giftcards/../terminal", False),
        ("/giftcards/./1/_pay", False),
        ("/giftcards/1/_pay/..", False),
        ("/giftcards/1/_pay/.", False),
        ("/giftcards/.../_pay", True),
        ("/giftcards/.1/_pay", True),
        ("/giftcards/..1./_pay", True),
    ],
)
def test_the_published_item_path_pattern_refuses_the_dot_segments_the_server_refuses(
    path: str, taken: bool
) -> None:
    """A schema-valid item is never refused for its path's form (schemathesis once generated a
    ``/./`` segment the pattern allowed and the server refused)."""
    import json
    import re

    schema = json.loads((Path(__file__).parents[2] / "resources" / "openapi.json").read_text())
    pattern = schema["components"]["schemas"]["BatchItem"]["properties"]["path"]["pattern"]
    assert bool(re.fullmatch(pattern, path)) is taken
    from loyalty_server.requests import BatchItem

    try:
        BatchItem(idempotencyKey=str(uuid.uuid4()), method="POST", path=path)
    except ValueError:
        assert not taken
    else:
        assert taken
