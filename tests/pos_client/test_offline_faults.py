"""Fault tests of the queued gateway against the real reference server, through a fault-injecting
proxy on loopback (``tests/offline_queue/fault_proxy.py``).

Each test runs the product path (``QueuedGateway`` → ``DirectGateway`` → ``LoyaltyClient``) against a
fresh server, injects one kind of fault, then checks three things: nothing is lost, nothing takes
effect twice (the server's own ledger, read directly, holds each operation id exactly once), and the
status says plainly what is going on.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from offline_queue.replayer import Backoff
from offline_queue.store import Outbox, Reported, State
from pos_client.api.client import LoyaltyClient
from pos_client.domain import Kind, OperationState, OpType, Series
from pos_client.gateway import DirectGateway
from pos_client.offline import SETTLE_NAMESPACE, OfflineRefused, QueuedGateway
from pos_client.operations import WriteOperation, new_operation_id
from tests.fixtures.server import RunningServer
from tests.offline_queue.fault_proxy import Fault, FaultProxy

KIND_PATH = {Kind.GIFTCARD: "giftcards", Kind.COUPON: "coupons", Kind.LOYALTYCARD: "loyaltycards"}


@dataclass
class Rig:
    """A fresh server, the proxy in front of it, the gateway talking through the proxy."""

    server: RunningServer
    proxy: FaultProxy
    gateway: QueuedGateway
    series: dict[str, Series]

    def ledger(self, kind: Kind, number: str) -> Counter[str]:
        """operationId → how many transactions of the instrument carry it (read from the server)."""
        headers = {"Authorization": f"Bearer {self.server.token(0)}"}
        with httpx.Client(base_url=self.server.group_url, headers=headers, timeout=10) as http:
            instrument = http.get(f"/{KIND_PATH[kind]}/{number}")
            instrument.raise_for_status()
            history = http.get(f"/instruments/{instrument.json()['instrumentId']}/transactions")
            history.raise_for_status()
        return Counter(tx["operationId"] for tx in history.json()["transactions"])

    def post_direct(self, path: str, body: dict[str, object]) -> httpx.Response:
        """A write straight to the server (a manager fixing things at the head office)."""
        headers = {"Authorization": f"Bearer {self.server.token(0)}", "Idempotency-Key": str(uuid.uuid4())}
        with httpx.Client(base_url=self.server.group_url, headers=headers, timeout=10) as http:
            return http.post(path, json=body)


def _rig(server: RunningServer, outbox: Outbox, proxy: FaultProxy, read_timeout: float) -> Rig:
    client = LoyaltyClient(proxy.url, server.loyalty_group, server.token(0), read_timeout=read_timeout)
    terminal = client.terminal()
    fetched, _etag = client.series()
    series = {s.series_number: s for s in fetched or ()}
    gateway = QueuedGateway(
        outbox,
        DirectGateway(client),
        series=series.get,
        limits=lambda: terminal.offline_limits,
        backoff=Backoff(base=0.05, cap=0.2),
    )
    return Rig(server, proxy, gateway, series)


@pytest.fixture
def rig(fresh_server: RunningServer, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Rig]:
    params = getattr(request, "param", {})
    with (
        FaultProxy(
            "127.0.0.1", fresh_server.port, retry_after=params.get("retry_after", 1), delay=2.0
        ) as proxy,
        Outbox(tmp_path / "outbox.db") as outbox,
    ):
        made = _rig(fresh_server, outbox, proxy, params.get("read_timeout", 5.0))
        yield made
        made.gateway.stop()


def earn(card: str, amount: str = "10.00") -> WriteOperation:
    return WriteOperation(
        operation_id=new_operation_id(),
        type=OpType.EARN,
        path=f"/loyaltycards/{card}/_earn",
        body={"amount": amount, "reference": "fault-test"},
        instrument_key=card,
        kind=Kind.LOYALTYCARD,
        series_number="LC",
    )


def money(op_type: OpType, card: str, amount: str) -> WriteOperation:
    body: dict[str, object] = {"amount": amount}
    if op_type is OpType.PAY:
        body["reference"] = "fault-test"
    return WriteOperation(
        operation_id=new_operation_id(),
        type=op_type,
        path=f"/giftcards/{card}/_{op_type.value}",
        body=body,
        instrument_key=card,
        kind=Kind.GIFTCARD,
        series_number="GC-PLN",
        amount=Decimal(amount),
    )


def redeem(code: str) -> WriteOperation:
    return WriteOperation(
        operation_id=new_operation_id(),
        type=OpType.REDEEM,
        path=f"/coupons/{code}/_redeem",
        body={"reference": "fault-test"},
        instrument_key=code,
        kind=Kind.COUPON,
        series_number="CP-SAVE",
    )


def test_server_down_queues_what_may_wait_and_delivers_it_once_when_back(rig: Rig) -> None:
    card, gift, coupon = (
        rig.server.sample("loyaltycard_active"),
        rig.server.sample("giftcard_active"),
        rig.server.sample("coupon_active"),
    )
    rig.proxy.down()
    points = rig.gateway.submit(earn(card))
    load = rig.gateway.submit(money(OpType.LOAD, gift, "20.00"))
    assert {points.state, load.state} == {OperationState.QUEUED} and points.provisional and load.provisional
    coupon_op = redeem(coupon)
    with pytest.raises(OfflineRefused) as caught:  # a single-use coupon never waits in the queue
        rig.gateway.submit(coupon_op)
    assert not caught.value.maybe_applied and "offline" in str(caught.value)
    status = rig.gateway.status().to_json()
    assert (status["online"], status["pending"], status["needsAttention"]) == (False, 2, 0)
    assert status["outstandingValue"] == "20.00"

    assert rig.gateway.flush().delivered == 0  # still down: nothing lost, nothing delivered
    rig.proxy.up()
    assert rig.gateway.flush(timeout=10).delivered == 2

    status = rig.gateway.status().to_json()
    assert (status["online"], status["pending"], status["needsAttention"]) == (True, 0, 0)
    assert rig.ledger(Kind.LOYALTYCARD, card)[points.operation_id] == 1
    assert rig.ledger(Kind.GIFTCARD, gift)[load.operation_id] == 1
    assert coupon_op.operation_id not in rig.ledger(Kind.COUPON, coupon)
    entry = rig.gateway.outbox.get(coupon_op.operation_id)
    assert entry is not None and entry.state is State.NOT_SENT  # kept for the audit, never sent


@pytest.mark.parametrize("rig", [{"retry_after": 1}], indirect=True)
def test_503_with_retry_after_is_honoured_and_retried_under_the_same_key(rig: Rig) -> None:
    card = rig.server.sample("loyaltycard_active")
    rig.proxy.inject(Fault.UNAVAILABLE)
    op = earn(card)
    assert rig.gateway.submit(op).state is OperationState.QUEUED
    assert rig.gateway.status().online is False

    rig.gateway.flush(timeout=0)  # an immediate flush does not send before the server's Retry-After
    assert len(rig.proxy.posts()) == 1
    entry = rig.gateway.outbox.get(op.operation_id)
    assert entry is not None and entry.state is State.PENDING and entry.not_before > entry.created_at

    assert rig.gateway.flush(timeout=10).delivered == 1
    assert [p.fault for p in rig.proxy.posts()] == [Fault.UNAVAILABLE, Fault.PASS]
    assert {p.idempotency_key for p in rig.proxy.posts()} == {op.operation_id}
    assert rig.ledger(Kind.LOYALTYCARD, card)[op.operation_id] == 1
    assert rig.gateway.status().to_json()["pending"] == 0


def test_response_dropped_after_the_server_applied_it_is_not_applied_twice(rig: Rig) -> None:
    gift = rig.server.sample("giftcard_active")
    rig.proxy.inject(Fault.DROP_RESPONSE)
    op = money(OpType.LOAD, gift, "15.00")
    result = rig.gateway.submit(op)  # may wait offline: queued, outcome unknown
    assert result.state is OperationState.QUEUED
    assert rig.ledger(Kind.GIFTCARD, gift)[op.operation_id] == 1  # the server did apply it

    assert rig.gateway.flush(timeout=10).delivered == 1  # answered from the idempotency store
    assert rig.ledger(Kind.GIFTCARD, gift)[op.operation_id] == 1
    entry = rig.gateway.outbox.get(op.operation_id)
    assert entry is not None and entry.state is State.DONE and not entry.attention
    assert len(rig.proxy.posts()) == 2


def test_dropped_response_of_an_online_only_operation_is_reconciled_for_a_manager(rig: Rig) -> None:
    coupon = rig.server.sample("coupon_active")
    rig.proxy.inject(Fault.DROP_RESPONSE)
    op = redeem(coupon)
    with pytest.raises(OfflineRefused) as caught:
        rig.gateway.submit(op)
    assert caught.value.maybe_applied and "may have been applied" in str(caught.value)
    entry = rig.gateway.outbox.get(op.operation_id)
    assert entry is not None and (entry.state, entry.reported) == (State.PENDING, Reported.UNAVAILABLE)

    assert rig.gateway.flush(timeout=10).delivered == 1
    entry = rig.gateway.outbox.get(op.operation_id)
    assert entry is not None and entry.state is State.DONE and entry.attention
    assert rig.gateway.status().to_json()["needsAttention"] == 1  # the cashier was told it failed
    assert rig.ledger(Kind.COUPON, coupon)[op.operation_id] == 1


@pytest.mark.parametrize("rig", [{"read_timeout": 0.5}], indirect=True)
def test_slow_answer_past_the_timeout_is_retried_under_the_same_key(rig: Rig) -> None:
    card = rig.server.sample("loyaltycard_active")
    rig.proxy.inject(Fault.SLOW)
    op = earn(card)
    assert rig.gateway.submit(op).state is OperationState.QUEUED

    assert rig.gateway.flush(timeout=10).delivered == 1
    assert {p.idempotency_key for p in rig.proxy.posts()} == {op.operation_id}
    assert rig.ledger(Kind.LOYALTYCARD, card)[op.operation_id] == 1
    status = rig.gateway.status().to_json()
    assert (status["online"], status["pending"]) == (True, 0)


def test_refusal_of_a_queued_operation_needs_attention_and_holds_only_its_card(rig: Rig) -> None:
    blocked, card = rig.server.sample("giftcard_blocked"), rig.server.sample("loyaltycard_active")
    rig.proxy.down()
    pay = rig.gateway.submit(money(OpType.PAY, blocked, "10.00"))
    load = rig.gateway.submit(money(OpType.LOAD, blocked, "10.00"))  # behind the payment
    points = rig.gateway.submit(earn(card))
    rig.proxy.up()

    report = rig.gateway.flush(timeout=10)
    assert (report.delivered, report.refused) == (1, 1)
    refused = rig.gateway.outbox.get(pay.operation_id)
    assert refused is not None and refused.state is State.REFUSED and refused.attention
    assert refused.last_error == "BLOCKED"
    held = rig.gateway.outbox.get(load.operation_id)
    assert held is not None and held.state is State.PENDING and held.attempts == 0  # never sent
    status = rig.gateway.status()
    assert (status.needs_attention, status.pending, status.held, status.waiting) == (1, 1, 1, 0)
    assert rig.ledger(Kind.LOYALTYCARD, card)[points.operation_id] == 1
    assert not {pay.operation_id, load.operation_id} & set(rig.ledger(Kind.GIFTCARD, blocked))

    # A manager unblocks the card and sends the payment again (fresh key); the load follows it.
    assert rig.post_direct(f"/giftcards/{blocked}/_unblock", {}).status_code == 200
    retried = rig.gateway.retry(pay.operation_id, operator_id="manager")
    # the payment, the load behind it, and the commit of the payment (taken offline: it is final)
    assert rig.gateway.flush(timeout=10).delivered == 3
    ledger = rig.ledger(Kind.GIFTCARD, blocked)
    assert ledger[retried.operation_id] == 1 and ledger[load.operation_id] == 1
    assert pay.operation_id not in ledger
    headers = {"Authorization": f"Bearer {rig.server.token(0)}"}
    account = httpx.get(f"{rig.server.group_url}/giftcards/{blocked}", headers=headers).json()["account"]
    assert (account["amountNet"], account["amountAuthorized"]) == ("50.00", "0.00")  # 50 - 10 + 10
    status = rig.gateway.status()
    assert (status.needs_attention, status.pending) == (0, 0)


def test_offline_caps_of_the_servers_series_at_their_edges(rig: Rig) -> None:
    cap = rig.series["GC-PLN"].offline_policy.max_amount_per_operation
    assert cap is not None
    gift = rig.server.sample("giftcard_active")
    rig.proxy.down()
    below = rig.gateway.submit(money(OpType.LOAD, gift, str(cap - Decimal("0.01"))))
    at = rig.gateway.submit(money(OpType.LOAD, gift, str(cap)))
    assert below.state is at.state is OperationState.QUEUED
    with pytest.raises(OfflineRefused) as caught:
        rig.gateway.submit(money(OpType.LOAD, gift, str(cap + Decimal("0.01"))))
    assert caught.value.overridable and str(cap) in str(caught.value)
    rig.proxy.up()
    assert rig.gateway.flush(timeout=10).delivered == 2
    ledger = rig.ledger(Kind.GIFTCARD, gift)
    assert ledger[below.operation_id] == ledger[at.operation_id] == 1


def test_a_payment_taken_offline_is_committed_once_it_reaches_the_server(rig: Rig) -> None:
    gift = rig.server.sample("giftcard_active", 1)  # 100.00
    rig.proxy.down()
    paid = rig.gateway.submit(money(OpType.PAY, gift, "30.00"))
    assert paid.state is OperationState.QUEUED and paid.provisional
    rig.proxy.up()
    rig.gateway.flush(timeout=10)  # the payment, then the commit it brings
    rig.gateway.flush(timeout=10)
    ledger = rig.ledger(Kind.GIFTCARD, gift)
    commit_id = str(uuid.uuid5(SETTLE_NAMESPACE, paid.operation_id))
    assert (ledger[paid.operation_id], ledger[commit_id]) == (1, 1)
    headers = {"Authorization": f"Bearer {rig.server.token(0)}"}
    card = httpx.get(f"{rig.server.group_url}/giftcards/{gift}", headers=headers).json()["account"]
    assert (card["amountNet"], card["amountAuthorized"], card["amountAvailable"]) == (
        "70.00",
        "0.00",
        "70.00",
    )
    # A restart finds nothing left to settle: the commit is made once, whatever happens.
    assert rig.gateway.tidy_delivered().settled == 0
    assert rig.gateway.status().pending == 0


def test_a_payment_delivered_just_before_a_crash_is_settled_at_start(rig: Rig) -> None:
    gift = rig.server.sample("giftcard_active", 2)
    rig.proxy.down()
    paid = rig.gateway.submit(money(OpType.PAY, gift, "5.00"))
    rig.proxy.up()
    rig.gateway.sender.on_result = None  # as if the process died right after the delivery
    rig.gateway.flush(timeout=10)
    headers = {"Authorization": f"Bearer {rig.server.token(0)}"}
    held = httpx.get(f"{rig.server.group_url}/giftcards/{gift}", headers=headers).json()["account"]
    assert held["amountAuthorized"] == "5.00"
    assert rig.gateway.tidy_delivered().settled == 1  # what start() does
    rig.gateway.flush(timeout=10)
    after = httpx.get(f"{rig.server.group_url}/giftcards/{gift}", headers=headers).json()["account"]
    assert (after["amountNet"], after["amountAuthorized"]) == ("95.00", "0.00")
    assert rig.gateway.tidy_delivered().settled == 0
    assert rig.ledger(Kind.GIFTCARD, gift)[paid.operation_id] == 1


def test_an_enrolment_made_offline_keeps_no_personal_data_once_delivered(rig: Rig) -> None:
    enrol = WriteOperation(
        operation_id=new_operation_id(),
        type=OpType.ENROL,
        path="/customers",
        body={"phone": "+48 602 333 444", "firstName": "Iga", "email": "iga@example.pl"},
        instrument_key="customer-phone:+48 602 333 444",
    )
    rig.proxy.down()
    assert rig.gateway.submit(enrol).state is OperationState.QUEUED
    assert rig.gateway.tidy_delivered().blanked == 0  # not delivered yet: kept whole
    rig.proxy.up()
    rig.gateway.flush(timeout=10)
    headers = {"Authorization": f"Bearer {rig.server.token(0)}"}
    found = httpx.get(f"{rig.server.group_url}/customers", params={"phone": "+48602333444"}, headers=headers)
    assert [c["firstName"] for c in found.json()["customers"]] == ["Iga"]  # the server has it
    # Blanked by the delivery itself (the flush), not only at the next start.
    entry = rig.gateway.outbox.get(enrol.operation_id)
    assert entry is not None and entry.state is State.DONE and entry.redacted
    assert "602" not in entry.payload and "Iga" not in entry.payload and "602" not in entry.instrument_key
    assert WriteOperation.from_json(entry.payload).type is OpType.ENROL
    assert rig.gateway.tidy_delivered().blanked == 0  # nothing left for the start's pass
