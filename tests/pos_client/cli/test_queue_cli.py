"""``loyalty-pos queue status | list | flush | retry | park`` against the reference server.

The terminal talks to the module's server through the fault proxy, so a test can take "the server"
down (the proxy refuses connections) while the server itself keeps its ledger. Each test configures
its own terminal (own data directory, so its own outbox).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from tests.fixtures.server import RunningServer
from tests.offline_queue.fault_proxy import Fault, FaultProxy
from tests.pos_client.cli.conftest import Cli, approval, init_terminal

STATUS_KEYS = {"online", "pending", "oldestAgeSeconds", "needsAttention"}


@pytest.fixture
def proxy(server: RunningServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", server.port) as running:
        yield running


@pytest.fixture
def till(
    tmp_path: Path,
    server: RunningServer,
    proxy: FaultProxy,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Cli:
    """A till configured against the proxy; ``terminal`` once online so it knows its offline limits."""
    monkeypatch.delenv("LOYALTY_POS_MANAGER_PIN", raising=False)
    config = init_terminal(tmp_path / "till", replace(server, base_url=proxy.url))
    cli = Cli(config, capsys)
    cli.ok("terminal")
    return cli


def ledger_ids(server: RunningServer, kind_path: str, number: str) -> list[str]:
    """The operation ids in the instrument's ledger, read straight from the server."""
    headers = {"Authorization": f"Bearer {server.token(0)}"}
    with httpx.Client(base_url=server.group_url, headers=headers, timeout=10) as http:
        instrument_id = http.get(f"/{kind_path}/{number}").json()["instrumentId"]
        history = http.get(f"/instruments/{instrument_id}/transactions").json()
    return [tx["operationId"] for tx in history["transactions"]]


def test_status_and_flush_of_an_empty_queue(till: Cli) -> None:
    status = till.ok("queue", "status")
    assert set(status) >= STATUS_KEYS
    assert (status["online"], status["pending"], status["oldestAgeSeconds"], status["needsAttention"]) == (
        True,
        0,
        None,
        0,
    )
    flushed = till("queue", "flush")
    assert flushed.code == 0 and flushed.data["delivered"] == 0 and flushed.data["pending"] == 0
    assert till.ok("queue", "list") == {"operations": []}
    human = till("queue", "status", as_json=False)
    assert human.code == 0 and "online" in human.out and "0 pending" in human.out


def test_offline_operation_waits_in_the_queue_and_is_delivered_once(
    till: Cli, proxy: FaultProxy, server: RunningServer
) -> None:
    card = server.sample("loyaltycard_active", 1)
    proxy.down()
    earned = till("points", "earn", card, "--amount", "10.00")
    assert earned.code == 0 and earned.data["state"] == "queued"

    status = till.ok("queue", "status")
    assert (status["online"], status["pending"], status["needsAttention"]) == (False, 1, 0)
    assert isinstance(status["oldestAgeSeconds"], int) and status["oldestAgeSeconds"] >= 0
    human = till("queue", "status", as_json=False)
    assert "OFFLINE" in human.out and "1 pending" in human.out

    [row] = till.ok("queue", "list")["operations"]
    assert (row["operationId"], row["state"], row["told"]) == (
        earned.data["operationId"],
        "pending",
        "queued",
    )
    assert card not in str(row) and row["instrument"].endswith(card[-4:])  # masked

    still = till("queue", "flush", "--timeout", "0")
    assert still.code == 3 and still.data["waiting"] == 1 and "still wait" in still.err

    proxy.up()
    flushed = till("queue", "flush")
    assert flushed.code == 0 and flushed.data["delivered"] == 1
    status = till.ok("queue", "status")
    assert (status["online"], status["pending"], status["oldestAgeSeconds"]) == (True, 0, None)
    assert ledger_ids(server, "loyaltycards", card).count(earned.data["operationId"]) == 1


def test_refused_operation_needs_attention_flush_exits_0_then_retry(
    till: Cli, proxy: FaultProxy, server: RunningServer
) -> None:
    blocked = server.sample("giftcard_blocked", 1)
    proxy.down()
    paid = till.ok("giftcard", "pay", blocked, "--amount", "10.00")
    loaded = till.ok("giftcard", "load", blocked, "--amount", "5.00")  # waits behind the payment
    assert paid["state"] == loaded["state"] == "queued"
    proxy.up()

    flushed = till("queue", "flush")
    assert flushed.code == 0, flushed.err  # only a refusal (and what waits behind it) is left
    assert (flushed.data["refused"], flushed.data["needsAttention"], flushed.data["held"]) == (1, 1, 1)
    assert flushed.data["waiting"] == 0
    rows = {r["operationId"]: r for r in till.ok("queue", "list")["operations"]}
    refused = rows[paid["operationId"]]
    assert (refused["state"], refused["needsAttention"], refused["lastError"]) == ("refused", True, "BLOCKED")
    assert rows[loaded["operationId"]]["state"] == "pending"

    # At the head office the card is unblocked; the manager sends the payment again (fresh key).
    headers = {"Authorization": f"Bearer {server.token(0)}", "Idempotency-Key": str(uuid.uuid4())}
    httpx.post(
        f"{server.group_url}/giftcards/{blocked}/_unblock", json={}, headers=headers
    ).raise_for_status()
    retried = till.ok("queue", "retry", paid["operationId"][-8:], *approval(server))
    assert retried["previousIds"] == [paid["operationId"]] and retried["operationId"] != paid["operationId"]
    assert till("queue", "flush").code == 0
    status = till.ok("queue", "status")
    assert (status["pending"], status["needsAttention"]) == (0, 0)
    ids = ledger_ids(server, "giftcards", blocked)
    assert ids.count(retried["operationId"]) == 1 and ids.count(loaded["operationId"]) == 1
    assert paid["operationId"] not in ids


def test_park_takes_an_operation_out_of_delivery_and_retry_puts_it_back(
    till: Cli, proxy: FaultProxy, server: RunningServer
) -> None:
    card = server.sample("loyaltycard_active", 2)
    proxy.down()
    earned = till.ok("points", "earn", card, "--amount", "3.00")
    parked = till.ok("queue", "park", earned["operationId"], *approval(server))
    assert parked["state"] == "parked"
    status = till.ok("queue", "status")
    assert (status["pending"], status["parked"]) == (0, 1)
    assert till("queue", "flush").code == 0  # nothing deliverable: parked operations are kept, not sent

    again = till.ok("queue", "retry", earned["operationId"], *approval(server))
    assert again["state"] == "pending" and again["operationId"] == earned["operationId"]  # never refused
    proxy.up()
    assert till("queue", "flush").code == 0
    assert ledger_ids(server, "loyaltycards", card).count(earned["operationId"]) == 1


def test_unknown_ids_and_impossible_changes_are_plain_errors(till: Cli, server: RunningServer) -> None:
    unknown = till("queue", "park", "deadbeef", *approval(server))
    assert unknown.code == 2 and "no operation" in unknown.err and "Traceback" not in unknown.err
    earned = till.ok("points", "earn", server.sample("loyaltycard_active", 3), "--amount", "1.00")
    assert earned["state"] == "applied"
    done = till("queue", "park", earned["operationId"], *approval(server))
    assert done.code == 1 and "only pending or refused" in done.err
    assert till("queue", "retry", earned["operationId"], *approval(server)).code == 1


def test_an_operation_applied_after_the_cashier_was_told_it_failed_is_acknowledged(
    till: Cli, proxy: FaultProxy, server: RunningServer
) -> None:
    code = server.sample("coupon_active", 4)
    till.ok("config", "set", "server.retry_seconds", "1")
    # The server redeems it; no answer ever arrives, however often the terminal asks within its deadline.
    proxy.inject(Fault.DROP_RESPONSE, count=1000)
    lost = till("coupon", "redeem", code)
    assert lost.code == 3 and "may have been applied" in lost.err
    proxy.clear()

    assert till("queue", "flush").code == 0  # same key: the server answers from its idempotency store
    status = till.ok("queue", "status")
    assert (status["pending"], status["needsAttention"]) == (0, 1)
    [row] = [r for r in till.ok("queue", "list")["operations"] if r["needsAttention"]]
    assert (row["state"], row["told"]) == ("done", "unavailable")
    assert ledger_ids(server, "coupons", code).count(row["operationId"]) == 1

    acked = till.ok("queue", "ack", row["operationId"][-8:], *approval(server))
    assert acked["needsAttention"] is False and "acknowledged by marek" in acked["note"]
    assert till.ok("queue", "status")["needsAttention"] == 0
    again = till("queue", "ack", row["operationId"], *approval(server))
    assert again.code == 1 and "needs no attention" in again.err
