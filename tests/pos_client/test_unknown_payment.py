"""A payment hold whose outcome is unknown (issue 16, item 2), against the real server through the
fault proxy: it is never reported paid, it is on the needs-attention list while unknown, and the
server's answer reconciles it by itself (refused: off the list; applied: the terminal releases the
hold, so the card's available balance is what the cashier was told). A cashier who stops waiting
(the deadline cancelled) gets the same guarantee, even when the server's confirmation crosses the
cancel."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from pos_client.api import retry
from pos_client.api.retry import Deadline, RetryPolicy
from pos_client.assembly import Core, build_core
from pos_client.config import load, write_raw
from pos_client.offline import PaymentNotConfirmed
from tests.fixtures.server import RunningServer
from tests.offline_queue.fault_proxy import Fault, FaultProxy

POLICY = RetryPolicy(deadline=0.6, first_delay=0.05, max_delay=0.15, confirm=0.6)


def is_pay(method: str, path: str) -> bool:
    return method == "POST" and path.endswith("/_pay")


@pytest.fixture
def proxy(fresh_server: RunningServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", fresh_server.port, retry_after=0.05, delay=1.0) as running:
        yield running


@pytest.fixture
def core(fresh_server: RunningServer, proxy: FaultProxy, tmp_path: Path) -> Iterator[Core]:
    path = tmp_path / "terminal.toml"
    server = {"url": proxy.url, "loyalty_group": fresh_server.loyalty_group}
    server |= {"connect_timeout": 0.5, "read_timeout": 0.5, "retry_seconds": 0.6, "check_seconds": 0.6}
    write_raw(path, {"server": server, "data_dir": str(tmp_path / "data")})
    built = build_core(load(path), token=fresh_server.token(0))
    built.client.retry_policy = built.recorder.retry_policy = POLICY
    built.service.sync_series()
    yield built
    built.close()


def account(server: RunningServer, number: str) -> dict[str, Any]:
    """The gift card's account, straight from the server (no proxy)."""
    headers = {"Authorization": f"Bearer {server.token(0)}"}
    with httpx.Client(base_url=server.group_url, headers=headers, timeout=10) as http:
        answer = http.get(f"/giftcards/{number}")
        answer.raise_for_status()
        return dict(answer.json()["account"])


def deliver_all(core: Core) -> None:
    deadline = time.monotonic() + 20
    while core.gateway.status().pending and time.monotonic() < deadline:
        core.gateway.flush(timeout=2)
    assert core.gateway.status().pending == 0


def test_an_unknown_payment_needs_attention_until_the_server_answers_and_its_hold_is_released(
    fresh_server: RunningServer, proxy: FaultProxy, core: Core
) -> None:
    gift = fresh_server.sample("giftcard_active")
    before = account(fresh_server, gift)
    proxy.inject(Fault.DROP_RESPONSE, count=200, match=is_pay)  # the server applies, nobody hears

    with pytest.raises(PaymentNotConfirmed) as refused:
        core.service.pay(gift, Decimal("1.00"))
    assert "NOT paid" in refused.value.message and refused.value.maybe_applied
    assert len(proxy.posts(Fault.DROP_RESPONSE)) >= 2  # tried again with its key, then checked

    status = core.gateway.status()
    assert status.needs_attention == 1  # while its outcome is unknown
    unknown = core.outbox.unknown_outcomes()
    assert len(unknown) == 1 and unknown[0].note and "not confirmed" in unknown[0].note
    pay_id = unknown[0].operation_id
    assert {s.idempotency_key for s in proxy.posts(Fault.DROP_RESPONSE)} == {pay_id}

    proxy.clear()  # the link heals: replay under the same key learns the outcome by itself
    deliver_all(core)
    assert core.outbox.unknown_outcomes() == []
    flagged = core.outbox.entries(attention_only=True)
    assert [e.operation_id for e in flagged] == [pay_id]  # applied after the cashier was told it failed
    after = account(fresh_server, gift)
    assert after["amountAvailable"] == before["amountAvailable"]  # the terminal released the hold
    assert after["amountAuthorized"] == before["amountAuthorized"]


def test_an_unknown_payment_the_server_then_refuses_leaves_the_list_by_itself(
    fresh_server: RunningServer, proxy: FaultProxy, core: Core
) -> None:
    gift = fresh_server.sample("giftcard_active", 1)
    before = account(fresh_server, gift)
    proxy.inject(Fault.UNAVAILABLE, count=200, match=is_pay)  # 503s: the server never saw it

    with pytest.raises(PaymentNotConfirmed):
        core.service.pay(gift, Decimal("1.00"))
    assert core.gateway.status().needs_attention == 1

    # Meanwhile the card is blocked at another till: the payment's replay is refused.
    headers = {"Authorization": f"Bearer {fresh_server.token(0)}", "Idempotency-Key": str(uuid.uuid4())}
    with httpx.Client(base_url=fresh_server.group_url, headers=headers, timeout=10) as http:
        http.post(f"/giftcards/{gift}/_block", json={"reason": "lost"}).raise_for_status()
    proxy.clear()
    deliver_all(core)

    assert core.gateway.status().needs_attention == 0  # not applied, as the cashier was told
    assert core.outbox.unknown_outcomes() == []
    assert account(fresh_server, gift)["amountAvailable"] == before["amountAvailable"]


def test_a_cashier_who_stopped_waiting_is_never_charged_even_when_the_answer_crosses_the_cancel(
    fresh_server: RunningServer, proxy: FaultProxy, core: Core
) -> None:
    gift = fresh_server.sample("giftcard_active", 2)
    before = account(fresh_server, gift)
    with retry.operation(POLICY) as deadline:
        # The cancel reaches the deadline before the server's confirmation reaches the terminal.
        assert deadline.cancel() is True
        with pytest.raises(PaymentNotConfirmed):
            core.service.pay(gift, Decimal("1.00"))
    assert [s.fault for s in proxy.posts()] == [Fault.PASS]  # the server did make the hold
    deliver_all(core)  # the terminal's release of it
    after = account(fresh_server, gift)
    assert after["amountAvailable"] == before["amountAvailable"]
    assert after["amountAuthorized"] == before["amountAuthorized"]
    pay = core.recorder.last()
    assert pay is not None
    assert [e.operation_id for e in core.outbox.entries(attention_only=True)] == [pay.operation_id]


def test_a_payment_the_server_is_down_for_is_not_queued_once_the_cashier_stopped_waiting(
    fresh_server: RunningServer, proxy: FaultProxy, core: Core
) -> None:
    gift = fresh_server.sample("giftcard_active", 3)
    proxy.down()  # connections refused: a payment would be taken offline within the limits
    with retry.operation(POLICY) as deadline:
        deadline.cancel()
        with pytest.raises(PaymentNotConfirmed):
            core.service.pay(gift, Decimal("1.00"))
    assert core.gateway.status().pending == 0  # not queued: the cashier was told it is not paid


def test_a_cancel_after_the_outcome_is_settled_says_so() -> None:
    settled = Deadline(5.0)
    assert settled.settle() is True
    assert settled.cancel() is False  # too late: the answer is on its way
    assert settled.cancelled  # and no more waiting anyway
    first = Deadline(5.0)
    results: list[bool] = []
    canceller = threading.Thread(target=lambda: results.append(first.cancel()))
    canceller.start()
    canceller.join()
    assert results == [True] and first.settle() is False
