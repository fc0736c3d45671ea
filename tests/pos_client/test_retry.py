"""Immediate retries within a deadline (issue 16, items 1 and 5), at the client's transport seam."""

from __future__ import annotations

import itertools
import random
import threading
import time
from pathlib import Path

import httpx
import pytest

from offline_queue.replayer import Backoff, Replayer, SendFunction, SendOutcome
from offline_queue.store import Outbox
from pos_client.api import retry
from pos_client.api.client import LoyaltyClient
from pos_client.api.errors import ProtocolError, Refused, Unavailable
from pos_client.domain import OpType
from pos_client.operations import WriteOperation

FAST = retry.RetryPolicy(deadline=2.0, first_delay=0.01, max_delay=0.02)
OK = {"terminalId": "T"}


def client(handler: httpx.MockTransport, policy: retry.RetryPolicy = FAST) -> LoyaltyClient:
    return LoyaltyClient("http://loyalty.test", "demo", "t", transport=handler, retry_policy=policy)


def answers(*responses: httpx.Response | Exception) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    seen: list[httpx.Request] = []
    queue = list(responses)

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return httpx.MockTransport(handle), seen


def test_a_write_is_retried_with_the_same_key_until_it_gets_an_answer() -> None:
    transport, seen = answers(
        httpx.ReadTimeout("lost"),
        httpx.Response(503, headers={"Retry-After": "0.01"}),
        httpx.Response(200, content=b"<html>portal</html>", headers={"Content-Type": "text/html"}),
        httpx.Response(409, json={"error": {"code": "IDEMPOTENCY_IN_PROGRESS", "message": "wait"}}),
        httpx.Response(200, json=OK),
    )
    assert client(transport).post_json("/x/_earn", {"a": 1}, idempotency_key="K-1") == OK
    assert [r.headers["Idempotency-Key"] for r in seen] == ["K-1"] * 5


def test_a_read_is_retried_and_an_answer_of_the_wrong_shape_counts_as_lost() -> None:
    transport, seen = answers(httpx.Response(200, json={"unexpected": True}), httpx.Response(200, json=[]))
    with pytest.raises(ProtocolError):  # never the right shape: the last fault, after the deadline
        client(transport, retry.RetryPolicy(deadline=0.2, first_delay=0.01)).get_parsed(
            "/x", lambda data: data if isinstance(data, dict) and "ok" in data else _raise()
        )
    transport, seen = answers(httpx.Response(200, json={"unexpected": True}), httpx.Response(200, json=[1]))
    assert client(transport).get_parsed("/x", lambda data: data if isinstance(data, list) else _raise()) == [
        1
    ]
    assert len(seen) == 2


def _raise() -> list[int]:
    raise ProtocolError("not the contract")


def test_a_business_refusal_is_not_retried() -> None:
    transport, seen = answers(
        httpx.Response(422, json={"error": {"code": "INSUFFICIENT_FUNDS", "message": "no"}})
    )
    with pytest.raises(Refused):
        client(transport).post_json("/x/_pay", {}, idempotency_key="K")
    assert len(seen) == 1


class ClockedDeadline(retry.Deadline):
    """A deadline on a clock that only its own pauses move: what it decides does not depend on how
    busy the machine is."""

    def __init__(self, seconds: float, policy: retry.RetryPolicy) -> None:
        self.now = 0.0
        super().__init__(seconds, policy, clock=lambda: self.now, rand=lambda: 0.5)

    def sleep(self, seconds: float) -> bool:
        self.now += seconds
        return True


def test_the_deadline_ends_the_retries_and_a_retry_after_past_it_ends_them_at_once() -> None:
    transport, seen = answers(httpx.ReadTimeout("stalled"))
    deadline = ClockedDeadline(0.3, retry.RetryPolicy(deadline=0.3, first_delay=0.05, max_delay=0.1))
    events: list[retry.RetryEvent] = []
    deadline.listen(events.append)
    with pytest.raises(Unavailable), retry.operation(deadline=deadline):
        client(transport).get_json("/t")
    # pauses 0.05, 0.1, 0.1 (jitter at its middle): 0.25 s used, the next 0.1 no longer fits
    assert [round(e.wait, 3) for e in events] == [0.05, 0.1, 0.1]
    assert len(seen) == 4 and round(deadline.now, 3) == 0.25
    assert all(e.wait < e.remaining for e in events)  # never a pause past the deadline

    transport, seen = answers(httpx.Response(429, headers={"Retry-After": "30"}))
    deadline = ClockedDeadline(6.0, retry.RetryPolicy())
    with pytest.raises(Unavailable), retry.operation(deadline=deadline):
        client(transport).get_json("/t")
    assert len(seen) == 1 and deadline.now == 0.0  # a Retry-After past the deadline: no wait at all


def test_the_cashier_can_cancel_the_wait() -> None:
    transport, _seen = answers(httpx.Response(503, headers={"Retry-After": "30"}))
    events: list[retry.RetryEvent] = []
    with retry.operation(retry.RetryPolicy(deadline=60.0)) as deadline:
        deadline.listen(events.append)
        threading.Timer(0.2, deadline.cancel).start()
        started = time.monotonic()
        with pytest.raises(Unavailable):
            client(transport).get_json("/t")
    assert time.monotonic() - started < 20  # the 30 s pause was cut short by the cancel
    assert events and events[0].wait >= 30.0 and events[0].remaining > 50  # what a display shows


def test_a_server_that_is_down_goes_offline_at_once() -> None:
    transport, seen = answers(httpx.ConnectError("connection refused"))
    with pytest.raises(Unavailable):
        client(transport).get_json("/t")
    assert len(seen) == 1


def test_a_single_attempt_block_tries_once() -> None:
    transport, seen = answers(httpx.Response(503))
    with retry.single_attempt(), pytest.raises(Unavailable):
        client(transport).get_json("/t")
    assert len(seen) == 1


def test_pauses_are_jittered_and_honour_retry_after() -> None:
    policy = retry.RetryPolicy()
    pauses = {round(policy.pause(1, random.Random(seed).random()), 6) for seed in range(50)}
    assert len(pauses) > 40 and min(pauses) >= 0.1 and max(pauses) <= 0.3
    assert all(policy.pause(1, r / 10, retry_after=0.5) >= 0.5 for r in range(10))


# -- the replayer under an overloaded server (item 5) ---------------------------------------------


def _replayer(tmp_path: Path, name: str, send: SendFunction, seed: int) -> tuple[Replayer, Outbox]:
    box = Outbox(tmp_path / f"{name}.db")
    op = WriteOperation(
        operation_id=f"{name}-op", type=OpType.EARN, path="/loyaltycards/1/_earn", body={}, instrument_key="1"
    )
    box.enqueue(op.operation_id, op.to_json(), instrument_key="1")
    return Replayer(
        box,
        send,
        decode=WriteOperation.from_json,
        rand=random.Random(seed).random,
        backoff=Backoff(base=1.0, cap=60.0),
    ), box


def test_terminals_told_the_same_retry_after_do_not_come_back_in_lock_step(tmp_path: Path) -> None:
    busy = SendOutcome.retry("server busy (429)", retry_after=10.0)
    comebacks = []
    for terminal in range(20):
        replayer, box = _replayer(tmp_path, f"t{terminal}", lambda _op: busy, seed=terminal)
        replayer.run_pass()
        comebacks.append(replayer.paused_until - time.time())
        box.close()
    assert min(comebacks) >= 9.5  # the server's pause is honoured by every terminal...
    assert max(comebacks) - min(comebacks) > 2.0  # ...and they spread out after it
    assert len({round(c, 2) for c in comebacks}) >= 18


def test_a_burst_of_429_slows_the_replay_down(tmp_path: Path) -> None:
    calls: list[float] = []

    def send(_op: WriteOperation) -> SendOutcome:
        calls.append(time.monotonic())
        return SendOutcome.retry("server busy (429)", retry_after=0.3)

    replayer, box = _replayer(tmp_path, "busy", send, seed=1)
    replayer.flush(timeout=1.2)
    box.close()
    assert 1 <= len(calls) <= 4  # no tight loop: at most one try per Retry-After
    assert all(b - a >= 0.29 for a, b in itertools.pairwise(calls))
