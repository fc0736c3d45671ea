"""The replayer with a scripted send function: order, same-key retries, backoff, refusals, threads."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from offline_queue.replayer import Backoff, Replayer, SendOutcome
from offline_queue.store import Outbox, Reported, State
from pos_client.operations import WriteOperation
from tests.offline_queue.helpers import FakeClock, ScriptedSend, make_op


@pytest.fixture
def send() -> ScriptedSend:
    return ScriptedSend()


def replayer_for(outbox: Outbox, send: ScriptedSend, clock: FakeClock, rand: float = 0.5) -> Replayer:
    return Replayer(
        outbox,
        send,
        decode=WriteOperation.from_json,
        clock=clock,
        rand=lambda: rand,
        backoff=Backoff(base=1.0, cap=60.0),
    )


def put(box: Outbox, instrument: str = "A", amount: str | None = "5.00") -> WriteOperation:
    op = make_op(instrument, amount)
    box.enqueue(op.operation_id, op.to_json(), instrument_key=instrument, amount=op.amount)
    return op


def wait_until(predicate: object, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached before the deadline")
        time.sleep(0.01)


# -- backoff ------------------------------------------------------------------------------------


def test_backoff_is_capped_exponential_with_full_jitter() -> None:
    b = Backoff(base=1.0, cap=10.0)
    assert [b.delay(n, 0.999999) for n in (1, 2, 3, 4, 5, 9)] == pytest.approx([1, 2, 4, 8, 10, 10], rel=1e-3)
    assert b.delay(6, 0.0) == 0.0  # full jitter: anywhere from zero


def test_backoff_never_earlier_than_retry_after() -> None:
    b = Backoff(base=1.0, cap=10.0, max_retry_after=120.0)
    assert b.delay(1, 0.0, retry_after=30.0) == 30.0
    assert b.delay(1, 0.0, retry_after=10_000.0) == 120.0


# -- delivery -----------------------------------------------------------------------------------


def test_flush_delivers_everything_in_creation_order_per_instrument(
    outbox: Outbox, send: ScriptedSend, clock: FakeClock
) -> None:
    ops = [put(outbox, key) for key in ("A", "B", "A", "C", "A", "B")]
    report = replayer_for(outbox, send, clock).flush()
    assert report.delivered == 6
    assert [e.state for e in outbox.entries()] == [State.DONE] * 6
    for key in "ABC":
        expected = [op.operation_id for op in ops if op.instrument_key == key]
        assert [i for i in send.sent_ids if i in expected] == expected
    assert all(e.response and e.operation_id in e.response for e in outbox.entries())


def test_unknown_outcome_is_retried_with_the_same_key_and_holds_later_ones(
    outbox: Outbox, send: ScriptedSend, clock: FakeClock
) -> None:
    first, second = put(outbox, "A"), put(outbox, "A")
    send.plan(first, SendOutcome.retry("timeout"), SendOutcome.retry("HTTP 503"))
    r = replayer_for(outbox, send, clock)
    r.run_pass()
    assert send.sent_ids == [first.operation_id]  # the second is held behind the first
    entry = outbox.get(first.operation_id)
    assert entry is not None and (entry.state, entry.attempts, entry.last_error) == (
        State.PENDING,
        1,
        "timeout",
    )
    assert entry.next_attempt_at > clock.now
    assert r.run_pass().delivered == 0  # not due yet: nothing sent
    clock.advance(3600)
    r.run_pass()
    clock.advance(3600)
    r.run_pass()
    r.run_pass()
    assert send.sent_ids == [first.operation_id] * 3 + [second.operation_id]
    assert outbox.get(first.operation_id).attempts == 3  # type: ignore[union-attr]


def test_retry_after_is_honoured(outbox: Outbox, send: ScriptedSend, clock: FakeClock) -> None:
    op = put(outbox, "A")
    send.plan(op, SendOutcome.retry("HTTP 503", retry_after=42.0))
    r = replayer_for(outbox, send, clock, rand=0.0)
    r.run_pass()
    assert outbox.get(op.operation_id).next_attempt_at == clock.now + 42.0  # type: ignore[union-attr]
    assert r.paused_until == clock.now + 42.0
    clock.advance(41.9)
    assert r.flush(timeout=0).delivered == 0
    clock.advance(0.2)
    assert r.flush(timeout=0).delivered == 1
    assert send.sent_ids == [op.operation_id] * 2


def test_refusal_blocks_only_its_instrument(outbox: Outbox, send: ScriptedSend, clock: FakeClock) -> None:
    a1, a2, b1 = put(outbox, "A"), put(outbox, "A"), put(outbox, "B")
    for op in (a1, a2, b1):
        outbox.set_reported(outbox.get(op.operation_id).seq, Reported.QUEUED)  # type: ignore[union-attr]
    send.plan(a1, SendOutcome.refused("BLOCKED", '{"error": {"code": "BLOCKED"}}'))
    report = replayer_for(outbox, send, clock).flush()
    assert (report.delivered, report.refused) == (1, 1)
    states = {e.operation_id: (e.state, e.attention) for e in outbox.entries()}
    assert states[a1.operation_id] == (State.REFUSED, True)
    assert states[a2.operation_id] == (State.PENDING, False)
    assert states[b1.operation_id] == (State.DONE, False)
    assert a2.operation_id not in send.sent_ids
    assert outbox.summary().needs_attention == 1


def test_parking_the_refused_one_lets_the_instrument_move_on(
    outbox: Outbox, send: ScriptedSend, clock: FakeClock
) -> None:
    a1, a2 = put(outbox, "A"), put(outbox, "A")
    outbox.set_reported(outbox.get(a1.operation_id).seq, Reported.QUEUED)  # type: ignore[union-attr]
    send.plan(a1, SendOutcome.refused("BLOCKED"))
    r = replayer_for(outbox, send, clock)
    r.flush()
    outbox.park(a1.operation_id, by="manager")
    assert r.flush().delivered == 1
    assert outbox.get(a2.operation_id).state is State.DONE  # type: ignore[union-attr]
    assert outbox.get(a1.operation_id).state is State.PARKED  # type: ignore[union-attr]


def test_unreachable_server_stops_the_pass_without_charging_the_others(
    outbox: Outbox, send: ScriptedSend, clock: FakeClock
) -> None:
    ops = [put(outbox, k) for k in "ABC"]
    send.default = lambda op: SendOutcome.retry("connection refused", reached_server=False)
    report = replayer_for(outbox, send, clock).run_pass()
    assert report.unreachable and report.retried == 1
    assert len(send.calls) == 1
    attempts = [outbox.get(op.operation_id).attempts for op in ops]  # type: ignore[union-attr]
    assert attempts == [1, 0, 0]
    assert all(e.state is State.PENDING for e in outbox.entries())


def test_server_wide_pause_after_failures(outbox: Outbox, send: ScriptedSend, clock: FakeClock) -> None:
    put(outbox, "A")
    put(outbox, "B")
    send.default = lambda op: SendOutcome.retry("connection refused", reached_server=False)
    r = replayer_for(outbox, send, clock, rand=0.999)
    r.run_pass()
    assert len(send.calls) == 1
    assert r.paused_until > clock.now
    r.start(idle_poll=0.01)  # the background thread respects the pause: the server is not hammered
    r.stop()
    assert len(send.calls) == 1
    r.flush(timeout=0)  # an explicit flush probes once
    assert len(send.calls) == 2


def test_the_server_back_ends_the_backoff_at_once(
    outbox: Outbox, send: ScriptedSend, clock: FakeClock
) -> None:
    """Eight failed tries put the queue a minute away from its next try (two at the default cap); when
    the server answers again (the terminal heard it), everything waiting goes now, the clock unmoved."""
    ops = [put(outbox, k) for k in "AB"]
    send.default = lambda op: SendOutcome.retry("connection refused", reached_server=False)
    r = replayer_for(outbox, send, clock, rand=0.999)
    for _ in range(8):
        r.flush(timeout=0)
    assert r.paused_until > clock.now + 30 and outbox.summary().pending == 2
    send.default = lambda op: SendOutcome.delivered("{}")
    tries = len(send.calls)
    r.start(idle_poll=0.01)
    try:
        time.sleep(0.1)
        assert len(send.calls) == tries  # still paused: the server was not heard from
        r.server_back()
        wait_until(lambda: outbox.summary().pending == 0)
    finally:
        r.stop()
    assert send.sent_ids[tries:] == [op.operation_id for op in ops]


@pytest.mark.allow_log(r"^send function failed for operation ", logger="offline_queue.replayer")
def test_a_failing_send_function_loses_nothing(outbox: Outbox, send: ScriptedSend, clock: FakeClock) -> None:
    op = put(outbox, "A")

    def boom(_: WriteOperation) -> SendOutcome:
        raise RuntimeError("bug")

    r = Replayer(outbox, boom, decode=WriteOperation.from_json, clock=clock, rand=lambda: 0.0)
    r.run_pass()
    entry = outbox.get(op.operation_id)
    assert entry is not None and entry.state is State.PENDING and "internal error" in (entry.last_error or "")


# -- the live attempt ---------------------------------------------------------------------------


def test_deliver_now_sends_earlier_operations_of_the_instrument_first(
    outbox: Outbox, send: ScriptedSend, clock: FakeClock
) -> None:
    older, newer = put(outbox, "A"), put(outbox, "A")
    seq = outbox.get(newer.operation_id).seq  # type: ignore[union-attr]
    attempt = replayer_for(outbox, send, clock).deliver_now(seq)
    assert attempt.outcome is not None and attempt.entry.state is State.DONE
    assert send.sent_ids == [older.operation_id, newer.operation_id]


def test_deliver_now_reports_not_sent_when_held_behind_a_failure(
    outbox: Outbox, send: ScriptedSend, clock: FakeClock
) -> None:
    older, newer = put(outbox, "A"), put(outbox, "A")
    send.plan(older, SendOutcome.retry("connection refused", reached_server=False))
    seq = outbox.get(newer.operation_id).seq  # type: ignore[union-attr]
    attempt = replayer_for(outbox, send, clock).deliver_now(seq)
    assert attempt.outcome is None and "earlier operation" in attempt.reason
    assert send.sent_ids == [older.operation_id]


def test_deliver_now_reports_not_sent_when_held_behind_a_refusal(
    outbox: Outbox, send: ScriptedSend, clock: FakeClock
) -> None:
    older, newer = put(outbox, "A"), put(outbox, "A")
    outbox.set_reported(outbox.get(older.operation_id).seq, Reported.QUEUED)  # type: ignore[union-attr]
    send.plan(older, SendOutcome.refused("BLOCKED"))
    r = replayer_for(outbox, send, clock)
    r.flush()
    attempt = r.deliver_now(outbox.get(newer.operation_id).seq)  # type: ignore[union-attr]
    assert attempt.outcome is None and "attention" in attempt.reason


def test_deliver_now_without_instrument_sends_only_itself(
    outbox: Outbox, send: ScriptedSend, clock: FakeClock
) -> None:
    put(outbox, "")
    mine = put(outbox, "")
    attempt = replayer_for(outbox, send, clock).deliver_now(outbox.get(mine.operation_id).seq)  # type: ignore[union-attr]
    assert attempt.entry.state is State.DONE
    assert send.sent_ids == [mine.operation_id]


# -- background ---------------------------------------------------------------------------------


def test_background_thread_delivers_after_wake_and_stops(tmp_path: Path) -> None:
    box = Outbox(tmp_path / "o.db")
    send = ScriptedSend()
    changes: list[int] = []
    r = Replayer(
        box,
        send,
        decode=WriteOperation.from_json,
        backoff=Backoff(base=0.01, cap=0.05),
        on_change=lambda: changes.append(1),
    )
    r.start(idle_poll=30.0)
    try:
        first = put(box, "A")
        send.plan(first, SendOutcome.retry("HTTP 503"))
        put(box, "A")
        r.wake()
        wait_until(lambda: box.summary().pending == 0)
    finally:
        r.stop()
    assert send.sent_ids[:2] == [first.operation_id, first.operation_id]
    assert len(send.calls) == 3 and changes
    box.close()


def test_flush_with_a_timeout_waits_out_the_backoff(tmp_path: Path) -> None:
    box = Outbox(tmp_path / "o.db")
    send = ScriptedSend()
    op = put(box, "A")
    send.plan(op, SendOutcome.retry("HTTP 503", retry_after=0.05), SendOutcome.retry("timeout"))
    r = Replayer(box, send, decode=WriteOperation.from_json, backoff=Backoff(base=0.01, cap=0.02))
    report = r.flush(timeout=5.0)
    assert (report.delivered, report.retried) == (1, 2)
    assert box.summary().pending == 0
    box.close()


def test_a_long_chain_goes_out_in_batches_and_stops_at_a_refusal(
    outbox: Outbox, send: ScriptedSend, clock: FakeClock
) -> None:
    ops = [put(outbox, "A") for _ in range(7)] + [put(outbox, "B")]
    for op in ops:
        outbox.set_reported(outbox.get(op.operation_id).seq, Reported.QUEUED)  # type: ignore[union-attr]
    send.plan(ops[3], SendOutcome.refused("INSUFFICIENT_FUNDS"))
    r = replayer_for(outbox, send, clock)
    report = r.run_pass()
    assert (report.delivered, report.refused) == (4, 1)
    assert send.sent_ids == [op.operation_id for op in ops[:4]] + [ops[7].operation_id]
    states = [outbox.get(op.operation_id).state for op in ops]  # type: ignore[union-attr]
    assert states == [State.DONE] * 3 + [State.REFUSED] + [State.PENDING] * 3 + [State.DONE]
    assert [outbox.get(op.operation_id).attempts for op in ops[4:7]] == [0, 0, 0]  # type: ignore[union-attr]
