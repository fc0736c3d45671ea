"""The replayer's batch path with a scripted batch send function: a backlog goes in one request, in
order; chains stop at their first failure; unknown outcomes keep their keys; no batches → one by one."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from offline_queue.replayer import Backoff, OutcomeKind, Replayer, SendOutcome
from offline_queue.store import Outbox, Reported, State
from pos_client.operations import WriteOperation
from tests.offline_queue.helpers import FakeClock, ScriptedSend, make_op


@dataclass
class ScriptedBatch:
    """A batch send function that answers like the server: per operation from a script (delivered by
    default), and after an operation of an instrument is not delivered, that instrument's later ones
    in the same batch are not attempted (None). ``supported=False``: a server without batches."""

    script: dict[str, deque[SendOutcome]] = field(default_factory=dict)
    calls: list[list[str]] = field(default_factory=list)
    supported: bool = True
    whole: deque[SendOutcome] = field(default_factory=deque)  # outcomes of whole batches (lost answers)

    def plan(self, op: WriteOperation, *outcomes: SendOutcome) -> None:
        self.script.setdefault(op.operation_id, deque()).extend(outcomes)

    def __call__(self, ops: Sequence[WriteOperation]) -> list[SendOutcome | None] | None:
        if not self.supported:
            return None
        self.calls.append([op.operation_id for op in ops])
        if self.whole:
            outcome = self.whole.popleft()
            return [outcome for _ in ops]
        broken: set[str] = set()
        out: list[SendOutcome | None] = []
        for op in ops:
            if op.instrument_key in broken:
                out.append(None)
                continue
            queue = self.script.get(op.operation_id)
            outcome = queue.popleft() if queue else SendOutcome.delivered("{}")
            if outcome.kind is not OutcomeKind.DELIVERED:
                broken.add(op.instrument_key)
            out.append(outcome)
        return out


def replayer(
    outbox: Outbox, send: ScriptedSend, batch: ScriptedBatch, clock: FakeClock, **kw: object
) -> Replayer:
    return Replayer(
        outbox,
        send,
        decode=WriteOperation.from_json,
        clock=clock,
        backoff=Backoff(base=1.0, cap=60.0),
        send_batch=batch,
        **{"rand": lambda: 0.5, **kw},  # type: ignore[arg-type]
    )


def put(box: Outbox, instrument: str, terminal: str = "") -> WriteOperation:
    """A queued operation (the cashier was told so: a refusal of it needs a manager)."""
    op = make_op(instrument)
    seq = box.enqueue(
        op.operation_id, op.to_json(), instrument_key=instrument, amount=op.amount, terminal=terminal
    )
    box.set_reported(seq, Reported.QUEUED)
    return op


def states(box: Outbox, ops: list[WriteOperation]) -> list[State]:
    return [box.resolve(op.operation_id).state for op in ops]


def test_a_backlog_goes_in_one_batch_in_creation_order(outbox: Outbox, clock: FakeClock) -> None:
    ops = [put(outbox, key) for key in ("A", "B", "A", "C", "A", "B")]
    send, batch = ScriptedSend(), ScriptedBatch()
    report = replayer(outbox, send, batch, clock).flush()
    assert report.delivered == 6
    assert batch.calls == [[op.operation_id for op in ops]]
    assert send.calls == []
    assert states(outbox, ops) == [State.DONE] * 6


def test_a_couple_of_operations_go_one_by_one(outbox: Outbox, clock: FakeClock) -> None:
    ops = [put(outbox, "A"), put(outbox, "B")]
    send, batch = ScriptedSend(), ScriptedBatch()
    assert replayer(outbox, send, batch, clock).flush().delivered == 2
    assert batch.calls == [] and send.sent_ids == [op.operation_id for op in ops]


def test_a_server_without_batches_gets_one_request_per_operation(outbox: Outbox, clock: FakeClock) -> None:
    ops = [put(outbox, key) for key in ("A", "A", "B", "C")]
    send, batch = ScriptedSend(), ScriptedBatch(supported=False)
    assert replayer(outbox, send, batch, clock).flush().delivered == 4
    assert send.sent_ids == [op.operation_id for op in ops]
    assert states(outbox, ops) == [State.DONE] * 4


def test_a_refusal_parks_its_chain_and_the_others_go_on(outbox: Outbox, clock: FakeClock) -> None:
    a1, a2, b1, a3 = put(outbox, "A"), put(outbox, "A"), put(outbox, "B"), put(outbox, "A")
    send, batch = ScriptedSend(), ScriptedBatch()
    batch.plan(a1, SendOutcome.refused("BLOCKED", '{"error": {"code": "BLOCKED"}}'))
    report = replayer(outbox, send, batch, clock).flush()
    assert (report.delivered, report.refused) == (1, 1)
    assert states(outbox, [a1, a2, b1, a3]) == [State.REFUSED, State.PENDING, State.DONE, State.PENDING]
    refused = outbox.resolve(a1.operation_id)
    assert refused.attention and refused.last_error == "BLOCKED"
    # Not attempted: no attempt counted, and never sent while the refusal waits for a manager.
    assert outbox.resolve(a2.operation_id).attempts == 0
    assert replayer(outbox, send, batch, clock).flush().delivered == 0
    assert len(batch.calls) == 1 and send.calls == []


def test_a_lost_batch_answer_keeps_every_key_and_the_next_pass_sends_them_again_as_one_batch(
    outbox: Outbox, clock: FakeClock
) -> None:
    ops = [put(outbox, key) for key in ("A", "B", "C", "A")]
    send, batch = ScriptedSend(), ScriptedBatch()
    batch.whole.append(SendOutcome.retry("connection dropped", reached_server=True))
    draws = itertools.cycle([0.9, 0.1, 0.5])  # backoff jitter: a different draw each time
    r = replayer(outbox, send, batch, clock, rand=lambda: next(draws))
    first = r.run_pass(ignore_backoff=True)
    assert (first.delivered, first.retried, first.unreachable) == (0, 4, False)
    assert states(outbox, ops) == [State.PENDING] * 4
    assert [outbox.resolve(op.operation_id).attempts for op in ops] == [1, 1, 1, 1]
    assert r.paused_until > clock()  # one lost request: one step of the server-wide backoff
    due = {outbox.resolve(op.operation_id).next_attempt_at for op in ops}
    assert len(due) == 1  # one backoff for all it carried: they come due together, not one by one
    clock.advance(due.pop() - clock())
    assert r.run_pass().delivered == 4
    assert batch.calls[0] == batch.calls[1] == [op.operation_id for op in ops]  # the same keys again
    assert not send.calls  # none went on its own
    assert states(outbox, ops) == [State.DONE] * 4


def test_an_operation_of_another_registration_is_refused_unsent_and_blocks_its_chain(
    outbox: Outbox, clock: FakeClock
) -> None:
    foreign = put(outbox, "A", terminal="old")
    behind, *others = (
        put(outbox, "A", terminal="now"),
        put(outbox, "B", terminal="now"),
        put(outbox, "C", terminal="now"),
        put(outbox, "D", terminal="now"),
    )
    send, batch = ScriptedSend(), ScriptedBatch()
    report = replayer(outbox, send, batch, clock, terminal="now").flush()
    assert (report.delivered, report.refused) == (3, 1)
    assert batch.calls == [[op.operation_id for op in others]]
    assert states(outbox, [foreign, behind]) == [State.REFUSED, State.PENDING]
