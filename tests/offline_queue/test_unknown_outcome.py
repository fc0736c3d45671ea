"""An operation whose outcome is unknown (issue 16): on the needs-attention list while unknown, and
reconciled by the server's answer alone (refused: off the list; applied: kept there for a manager)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from offline_queue.store import Outbox, Reported, Result, State
from tests.offline_queue.helpers import FakeClock, make_op


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    box = Outbox(tmp_path / "outbox.db", clock=FakeClock())
    yield box
    box.close()


def put(box: Outbox, instrument: str = "A") -> int:
    op = make_op(instrument, "1.00")
    return box.enqueue(op.operation_id, op.to_json(), instrument_key=instrument, amount=op.amount)


def answer(box: Outbox, seq: int, state: State, response: str = "{}") -> None:
    box.claim([seq])
    box.record([Result(seq, state, response=response, error=None if state is State.DONE else "BLOCKED")])


def test_an_unknown_outcome_needs_attention_while_it_is_unknown(outbox: Outbox) -> None:
    seq = put(outbox)
    assert outbox.summary().needs_attention == 0
    entry = outbox.mark_unknown(seq, "payment not confirmed (timeout)")
    assert entry.attention and entry.reported is Reported.UNAVAILABLE and entry.state is State.PENDING
    assert outbox.summary().needs_attention == 1
    assert [e.seq for e in outbox.unknown_outcomes()] == [seq]
    assert [e.seq for e in outbox.entries(attention_only=True)] == [seq]
    # Still in delivery under its key: the server's answer is how it is reconciled.
    assert [e.seq for e in outbox.due()] == [seq]
    # A retry that fails again keeps it on the list.
    outbox.claim([seq])
    outbox.record([Result(seq, State.PENDING, error="timeout")])
    assert outbox.summary().needs_attention == 1


def test_refused_by_the_server_it_leaves_the_list_by_itself_and_blocks_nothing(outbox: Outbox) -> None:
    seq = put(outbox)
    later = put(outbox)  # the next operation on the same card
    outbox.mark_unknown(seq, "payment not confirmed (timeout)")
    answer(outbox, seq, State.REFUSED, response='{"error": {"code": "BLOCKED"}}')
    entry = outbox.resolve(f"#{seq}")
    assert entry.state is State.REFUSED and not entry.attention
    assert entry.note and "not applied" in entry.note
    assert outbox.summary().needs_attention == 0
    assert outbox.unknown_outcomes() == []
    assert [e.seq for e in outbox.due()] == [later]  # the card moves on


def test_applied_by_the_server_it_stays_for_a_manager(outbox: Outbox) -> None:
    seq = put(outbox)
    outbox.mark_unknown(seq, "payment not confirmed (timeout)")
    answer(outbox, seq, State.DONE, response='{"authCode": "A1"}')
    entry = outbox.resolve(f"#{seq}")
    assert entry.state is State.DONE and entry.attention  # applied after the cashier was told it failed
    assert outbox.unknown_outcomes() == []
    assert outbox.summary().needs_attention == 1
    assert outbox.acknowledge(f"#{seq}", by="maria").attention is False


def test_marked_after_delivery_ended_it_is_flagged_only_when_applied(outbox: Outbox) -> None:
    applied, refused = put(outbox, "A"), put(outbox, "B")
    answer(outbox, applied, State.DONE)
    answer(outbox, refused, State.REFUSED)
    assert outbox.mark_unknown(applied, "late").attention
    assert not outbox.mark_unknown(refused, "late").attention
    assert outbox.summary().needs_attention == 1


def test_a_manager_can_park_an_unknown_one_and_not_sent_is_never_flagged(outbox: Outbox) -> None:
    parked, unsent = put(outbox, "A"), put(outbox, "B")
    outbox.mark_unknown(parked, "payment not confirmed (timeout)")
    assert outbox.park(f"#{parked}", by="maria").attention is False
    outbox.mark_not_sent(unsent, "not sent: connection refused")
    assert outbox.resolve(f"#{unsent}").attention is False
    assert outbox.summary().needs_attention == 0
