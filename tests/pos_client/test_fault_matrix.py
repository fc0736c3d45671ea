"""A till on a bad link (issue 16): the product core against the real server through a faulty proxy.

The mix of a bad shop Wi-Fi on every request, reads and writes alike: 25 % of answers dropped after
the server applied the request, 15 % 503 with Retry-After, 10 % bodies that are not the contract, 5 %
stalls past the read timeout. Through it, the core built from a configuration (``build_core``, as the
CLI and the app build it) syncs its series on first contact, then runs 100 point earns and 30 gift-card
payments with their commits. Then the link heals and the queue is delivered, and the server's own
history is the judge:

- every earn ended applied or queued, never refused (the limits came with the first contact);
- every applied or queued operation is in the server's history exactly once, and nothing else is;
- no payment was confirmed to the cashier that the server did not apply; a hold the cashier was told
  failed but that reached the server is on the needs-attention list and released by the terminal, so
  the card's available balance is what the cashier was told.
"""

from __future__ import annotations

import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from pos_client.api.retry import RetryPolicy
from pos_client.assembly import build_core
from pos_client.config import load, write_raw
from pos_client.domain import OperationState
from pos_client.offline import OfflineRefused
from tests.fixtures.server import RunningServer
from tests.offline_queue.fault_proxy import Fault, FaultProxy

BAD_WIFI = {Fault.DROP_RESPONSE: 0.25, Fault.UNAVAILABLE: 0.15, Fault.GARBAGE: 0.10, Fault.SLOW: 0.05}
EARNS, PAYMENTS = 100, 30


def _history(
    server: RunningServer, kind_path: str, number: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The instrument and its transactions, straight from the server (no proxy)."""
    headers = {"Authorization": f"Bearer {server.token(0)}"}
    with httpx.Client(base_url=server.group_url, headers=headers, timeout=10) as http:
        instrument = http.get(f"/{kind_path}/{number}")
        instrument.raise_for_status()
        history = http.get(f"/instruments/{instrument.json()['instrumentId']}/transactions")
        history.raise_for_status()
    return instrument.json(), history.json()["transactions"]


@pytest.mark.timeout(150)
def test_a_bad_link_never_reaches_the_cashier_and_nothing_is_applied_twice(
    fresh_server: RunningServer, tmp_path: Path
) -> None:
    with FaultProxy("127.0.0.1", fresh_server.port, retry_after=0.2, delay=1.0) as proxy:
        path = tmp_path / "terminal.toml"
        write_raw(
            path,
            {
                "server": {
                    "url": proxy.url,
                    "loyalty_group": fresh_server.loyalty_group,
                    "connect_timeout": 0.5,
                    "read_timeout": 0.3,
                    "retry_seconds": 2.5,
                    "check_seconds": 3.0,
                },
                "data_dir": str(tmp_path / "data"),
            },
        )
        core = build_core(load(path), token=fresh_server.token(0))
        # Short pauses between tries keep the suite quick; the deadlines above are the configuration's.
        policy = RetryPolicy(deadline=2.5, first_delay=0.05, max_delay=0.25, confirm=3.0)
        core.client.retry_policy = core.recorder.retry_policy = policy
        service = core.service
        card = fresh_server.sample("loyaltycard_active")
        gift = fresh_server.sample("giftcard_active")
        gift_before, gift_earlier = _history(fresh_server, "giftcards", gift)
        _card, card_earlier = _history(fresh_server, "loyaltycards", card)
        try:
            proxy.mix(BAD_WIFI, seed=16)
            service.sync_series()  # the first contact, through the bad link: reads are retried too
            assert core.limits.get() is not None  # the offline limits came with it

            earned: list[str] = []
            for _ in range(EARNS):
                result = service.points_earn(card, amount=Decimal("10.00"))
                assert result.state in (OperationState.APPLIED, OperationState.QUEUED)
                earned.append(result.operation_id)

            confirmed: list[str] = []  # the cashier was told "paid"
            commits: list[str] = []
            unconfirmed: list[str] = []  # the cashier was told "not paid"
            for _ in range(PAYMENTS):
                try:
                    paid = service.pay(gift, Decimal("1.00"))
                except OfflineRefused as exc:
                    assert exc.maybe_applied and "NOT paid" in exc.message
                    last = core.recorder.last()
                    assert last is not None
                    unconfirmed.append(last.operation_id)
                    continue
                assert paid.state is OperationState.APPLIED and paid.auth_code  # never provisional
                confirmed.append(paid.operation_id)
                committed = service.commit(gift, paid.auth_code)
                assert committed.state in (OperationState.APPLIED, OperationState.QUEUED)
                commits.append(committed.operation_id)
        finally:
            proxy.clear()  # the link heals
        deadline = time.monotonic() + 30
        while core.gateway.status().pending and time.monotonic() < deadline:
            core.gateway.flush(timeout=5)
        assert core.gateway.status().pending == 0

        # Earns: each one exactly once in the server's history, nothing else there.
        # (An earn that crosses a reward threshold also books the reward under its id: one per type.)
        _card, card_history = _history(fresh_server, "loyaltycards", card)
        card_rows = Counter(
            (tx["operationId"], tx["type"]) for tx in card_history[: len(card_history) - len(card_earlier)]
        )
        assert {row: n for row, n in card_rows.items() if n != 1} == {}
        assert {op for op, _type in card_rows} == set(earned)

        # Payments: confirmed ones (and their commits) exactly once; an unconfirmed one only if the
        # terminal knows it (needs attention) and released the hold; nothing else.
        account, gift_history = _history(fresh_server, "giftcards", gift)
        gift_ops = Counter(tx["operationId"] for tx in gift_history[: len(gift_history) - len(gift_earlier)])
        assert {op: n for op, n in gift_ops.items() if n != 1} == {}
        attention = {e.operation_id for e in core.outbox.entries(attention_only=True)}
        late = [op for op in unconfirmed if op in gift_ops]
        assert set(late) <= attention
        released = {
            e.operation_id
            for e in core.outbox.entries()
            if e.note and any(op in e.note for op in late) and e.operation_id in gift_ops
        }
        assert len(released) == len(late)  # each late hold cancelled once by the terminal
        assert set(gift_ops) == set(confirmed) | set(commits) | set(late) | released
        # The card's available balance is what the cashier was told: only confirmed payments took money.
        spent = Decimal("1.00") * len(confirmed)
        before = Decimal(gift_before["account"]["amountAvailable"])
        assert Decimal(account["account"]["amountAvailable"]) == before - spent
        assert Decimal(account["account"]["amountAuthorized"]) == Decimal(
            gift_before["account"]["amountAuthorized"]
        )
        # The mix really happened, on reads and writes.
        faults = Counter(seen.fault for seen in proxy.seen)
        assert all(faults[fault] > 0 for fault in BAD_WIFI)
        assert any(s.method == "GET" and s.fault is not Fault.PASS for s in proxy.seen)
        core.close()
