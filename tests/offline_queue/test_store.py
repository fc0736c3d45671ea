"""The SQLite outbox: durability settings, states, ordering, attention, manager actions, retention."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from offline_queue.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    DuplicateOperationError,
    InvalidTransitionError,
    Outbox,
    OutboxCorruptError,
    OutboxError,
    Reported,
    Result,
    State,
    UnknownOperationError,
)
from tests.offline_queue.helpers import FakeClock, make_op


def put(box: Outbox, instrument: str = "A", amount: str | None = "5.00") -> int:
    op = make_op(instrument, amount)
    return box.enqueue(op.operation_id, op.to_json(), instrument_key=instrument, amount=op.amount)


def test_durability_settings_and_schema_version(outbox: Outbox) -> None:
    db = sqlite3.connect(outbox.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
    # synchronous is per connection: check the store's own connection
    assert outbox._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_enqueued_operation_survives_reopen(tmp_path: Path, clock: FakeClock) -> None:
    box = Outbox(tmp_path / "o.db", clock=clock)
    op = make_op("A", "12.34")
    seq = box.enqueue(op.operation_id, op.to_json(), instrument_key="A", amount=op.amount)
    box.close()
    again = Outbox(tmp_path / "o.db", clock=clock)
    entry = again.resolve(op.operation_id)
    assert (entry.seq, entry.state, entry.amount, entry.created_at) == (
        seq,
        State.PENDING,
        Decimal("12.34"),
        clock.now,
    )
    assert entry.payload == op.to_json()
    again.close()


def test_same_operation_cannot_be_enqueued_twice(outbox: Outbox) -> None:
    outbox.enqueue("k1", "{}")
    with pytest.raises(DuplicateOperationError):
        outbox.enqueue("k1", "{}")
    assert len(outbox.entries()) == 1


def test_damaged_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "o.db"
    path.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(OutboxCorruptError, match="damaged"):
        Outbox(path)
    assert path.exists()  # never deleted: it may hold undelivered operations


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "o.db"
    Outbox(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(OutboxError, match="newer version"):
        Outbox(path)


def test_only_the_head_of_each_instrument_is_due(outbox: Outbox) -> None:
    a1, a2, b1 = put(outbox, "A"), put(outbox, "A"), put(outbox, "B")
    k1, k2 = put(outbox, ""), put(outbox, "")  # no instrument: independent
    assert [e.seq for e in outbox.due()] == [a1, b1, k1, k2]
    outbox.claim([a1])
    assert [e.seq for e in outbox.due()] == [b1, k1, k2]  # a2 waits while a1 is in flight
    outbox.record([Result(a1, State.DONE, response="{}")])
    assert [e.seq for e in outbox.due()] == [a2, b1, k1, k2]


def test_backoff_time_is_respected_unless_ignored(outbox: Outbox, clock: FakeClock) -> None:
    a1 = put(outbox, "A")
    outbox.claim([a1])
    outbox.record([Result(a1, State.PENDING, error="timeout", next_attempt_at=clock.now + 30)])
    entry = outbox.resolve(f"#{a1}")
    assert (entry.state, entry.attempts, entry.last_error) == (State.PENDING, 1, "timeout")
    assert outbox.due() == []
    assert [e.seq for e in outbox.due(ignore_backoff=True)] == [a1]
    assert outbox.next_due_at() == clock.now + 30
    clock.advance(30)
    assert [e.seq for e in outbox.due()] == [a1]


def test_released_claim_does_not_count_an_attempt(outbox: Outbox) -> None:
    a1 = put(outbox, "A")
    outbox.claim([a1])
    outbox.record([Result(a1, State.PENDING, attempted=False)])
    entry = outbox.resolve(f"#{a1}")
    assert (entry.state, entry.attempts) == (State.PENDING, 0)


def test_claim_is_exclusive(outbox: Outbox) -> None:
    a1 = put(outbox, "A")
    assert len(outbox.claim([a1])) == 1
    assert outbox.claim([a1]) == []


def test_queued_operation_refused_needs_attention_and_blocks_only_its_instrument(outbox: Outbox) -> None:
    a1, a2, b1 = put(outbox, "A"), put(outbox, "A"), put(outbox, "B")
    for seq in (a1, a2, b1):
        outbox.set_reported(seq, Reported.QUEUED)
    outbox.claim([a1])
    outbox.record([Result(a1, State.REFUSED, response='{"error": {}}', error="BLOCKED")])
    entry = outbox.resolve(f"#{a1}")
    assert (entry.state, entry.attention, entry.last_error) == (State.REFUSED, True, "BLOCKED")
    assert [e.seq for e in outbox.due()] == [b1]  # a2 held behind the refusal
    assert outbox.summary().needs_attention == 1


def test_refusal_the_cashier_saw_does_not_block(outbox: Outbox) -> None:
    a1, a2 = put(outbox, "A"), put(outbox, "A")
    outbox.claim([a1])
    outbox.record([Result(a1, State.REFUSED, error="INSUFFICIENT_FUNDS")])
    outbox.set_reported(a1, Reported.REFUSED)
    assert outbox.resolve(f"#{a1}").attention is False
    assert [e.seq for e in outbox.due()] == [a2]


def test_applied_after_cashier_was_told_it_failed_needs_attention(outbox: Outbox) -> None:
    a1 = put(outbox, "A")
    outbox.set_reported(a1, Reported.UNAVAILABLE, note="outcome unknown")
    outbox.claim([a1])
    outbox.record([Result(a1, State.DONE, response="{}")])
    entry = outbox.resolve(f"#{a1}")
    assert entry.state is State.DONE and entry.attention
    assert entry.note is not None and "told it failed" in entry.note
    acknowledged = outbox.acknowledge(entry.operation_id, by="anna")
    assert outbox.summary().needs_attention == 0
    assert acknowledged.note is not None and "acknowledged by anna" in acknowledged.note
    with pytest.raises(InvalidTransitionError, match="needs no attention"):
        outbox.acknowledge(entry.operation_id)


def test_a_refusal_is_not_acknowledged_away(outbox: Outbox) -> None:
    a1 = put(outbox, "A")
    outbox.set_reported(a1, Reported.QUEUED)
    outbox.claim([a1])
    outbox.record([Result(a1, State.REFUSED, error="BLOCKED")])
    with pytest.raises(InvalidTransitionError, match="retry or park"):
        outbox.acknowledge(f"#{a1}")
    assert outbox.summary().needs_attention == 1


def test_reporting_after_a_background_refusal_still_flags_it(outbox: Outbox) -> None:
    a1 = put(outbox, "A")
    outbox.claim([a1])
    outbox.record([Result(a1, State.REFUSED, error="BLOCKED")])  # a background sender was quicker
    entry = outbox.set_reported(a1, Reported.QUEUED)
    assert entry.attention


def test_not_sent_is_kept_and_final(outbox: Outbox) -> None:
    a1 = put(outbox, "A")
    outbox.mark_not_sent(a1, "connection refused")
    entry = outbox.resolve(f"#{a1}")
    assert (entry.state, entry.reported, entry.note) == (
        State.NOT_SENT,
        Reported.UNAVAILABLE,
        "connection refused",
    )
    assert outbox.due(ignore_backoff=True) == []
    with pytest.raises(InvalidTransitionError):
        outbox.mark_not_sent(a1, "again")


def test_not_sent_refuses_an_operation_in_flight(outbox: Outbox) -> None:
    a1 = put(outbox, "A")
    outbox.claim([a1])
    with pytest.raises(InvalidTransitionError):
        outbox.mark_not_sent(a1, "too late: it may reach the server")


def test_park_unblocks_the_instrument_and_keeps_the_row(outbox: Outbox) -> None:
    a1, a2 = put(outbox, "A"), put(outbox, "A")
    outbox.set_reported(a1, Reported.QUEUED)
    outbox.claim([a1])
    outbox.record([Result(a1, State.REFUSED, error="BLOCKED")])
    op_id = outbox.resolve(f"#{a1}").operation_id
    parked = outbox.park(op_id[-8:], by="manager Anna")
    assert (parked.state, parked.attention) == (State.PARKED, False)
    assert parked.note is not None and "Anna" in parked.note
    assert [e.seq for e in outbox.due()] == [a2]
    assert outbox.summary().parked == 1


def test_retry_of_a_refused_operation_needs_a_fresh_key_and_keeps_the_old(outbox: Outbox) -> None:
    a1, _later = put(outbox, "A"), put(outbox, "A")
    outbox.set_reported(a1, Reported.QUEUED)
    outbox.claim([a1])
    outbox.record([Result(a1, State.REFUSED, error="BLOCKED")])
    old = outbox.resolve(f"#{a1}").operation_id
    with pytest.raises(InvalidTransitionError):
        outbox.retry(old)
    again = outbox.retry(old, new_operation_id="fresh-key", new_payload='{"x": 1}')
    assert (again.seq, again.state, again.operation_id, again.previous_keys) == (
        a1,
        State.PENDING,
        "fresh-key",
        (old,),
    )
    assert [e.seq for e in outbox.due()] == [a1]  # keeps its place ahead of a2
    assert outbox.get(old) is None
    assert outbox.resolve(old).seq == a1  # the old id still finds it


def test_retry_of_a_parked_pending_operation_keeps_its_key(outbox: Outbox) -> None:
    a1 = put(outbox, "A")
    op_id = outbox.resolve(f"#{a1}").operation_id
    outbox.park(op_id)
    again = outbox.retry(op_id)
    assert (again.operation_id, again.state) == (op_id, State.PENDING)


def test_park_refuses_delivered_operations(outbox: Outbox) -> None:
    a1 = put(outbox, "A")
    outbox.claim([a1])
    outbox.record([Result(a1, State.DONE)])
    with pytest.raises(InvalidTransitionError):
        outbox.park(outbox.resolve(f"#{a1}").operation_id)


def test_resolve_unknown_and_ambiguous(outbox: Outbox) -> None:
    outbox.enqueue("abcd-1", "{}")
    outbox.enqueue("abcd-2", "{}")
    with pytest.raises(UnknownOperationError, match="several"):
        outbox.resolve("abcd")
    with pytest.raises(UnknownOperationError, match="no operation"):
        outbox.resolve("zzzz")
    assert outbox.resolve("abcd-2").operation_id == "abcd-2"


def test_summary_counts_and_outstanding_value(outbox: Outbox, clock: FakeClock) -> None:
    assert outbox.summary().pending == 0 and outbox.summary().oldest_created_at is None
    first = put(outbox, "A", "10.00")
    clock.advance(60)
    second = put(outbox, "B", "2.50")
    put(outbox, "C", "99.00")  # not (yet) reported as queued: not provisional value
    outbox.set_reported(first, Reported.QUEUED)
    outbox.set_reported(second, Reported.QUEUED)
    s = outbox.summary()
    assert (s.pending, s.oldest_created_at, s.outstanding_value) == (3, clock.now - 60, Decimal("12.50"))
    outbox.claim([first])
    outbox.record([Result(first, State.DONE)])
    assert outbox.summary().outstanding_value == Decimal("2.50")


def test_recover_in_flight_after_a_crash(tmp_path: Path, clock: FakeClock) -> None:
    box = Outbox(tmp_path / "o.db", clock=clock)
    a1 = put(box, "A")
    box.claim([a1])
    # another process that died while sending, and one that is alive (pid 1 always exists)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    a2, a3 = put(box, "B"), put(box, "C")
    box.claim([a2, a3])
    box._db.execute("UPDATE outbox SET owner_pid = ? WHERE seq = ?", (int(dead.stdout), a2))
    box._db.execute("UPDATE outbox SET owner_pid = 1 WHERE seq = ?", (a3,))
    box.close()
    again = Outbox(tmp_path / "o.db", clock=clock)  # same pid as the "crashed" owner of a1
    states = {e.seq: e.state for e in again.entries()}
    assert states == {a1: State.PENDING, a2: State.PENDING, a3: State.SENDING}
    assert again.resolve(f"#{a1}").last_error == "interrupted while sending"
    again.close()


def test_retention_prunes_only_old_done_rows(outbox: Outbox, clock: FakeClock) -> None:
    done, refused, pending = put(outbox, "A"), put(outbox, "B"), put(outbox, "C")
    outbox.claim([done, refused])
    outbox.record([Result(done, State.DONE), Result(refused, State.REFUSED, error="X")])
    clock.advance(31 * 86400)
    recent = put(outbox, "D")
    outbox.claim([recent])
    outbox.record([Result(recent, State.DONE)])
    assert outbox.prune_done(30) == 1
    assert {e.seq for e in outbox.entries()} == {refused, pending, recent}


def test_entries_filters(outbox: Outbox) -> None:
    a1, b1 = put(outbox, "A"), put(outbox, "B")
    outbox.set_reported(a1, Reported.QUEUED)
    outbox.claim([a1])
    outbox.record([Result(a1, State.REFUSED, error="X")])
    assert [e.seq for e in outbox.entries([State.PENDING])] == [b1]
    assert [e.seq for e in outbox.entries(attention_only=True)] == [a1]


def test_batch_takes_chains_in_order_up_to_the_limit(outbox: Outbox) -> None:
    a = [put(outbox, "A") for _ in range(4)]
    b1 = put(outbox, "B")
    k1 = put(outbox, "")
    assert [e.seq for e in outbox.batch(10)] == [*a, b1, k1]
    assert [e.seq for e in outbox.batch(4)] == [a[0], a[1], b1, k1]  # heads first, then followers


def test_batch_chain_stops_before_an_operation_in_flight(outbox: Outbox) -> None:
    a1, a2, a3 = put(outbox, "A"), put(outbox, "A"), put(outbox, "A")
    outbox.claim([a1])
    outbox.record([Result(a1, State.PENDING, attempted=False)])
    outbox._db.execute("UPDATE outbox SET state = 'sending' WHERE seq = ?", (a3,))  # e.g. a live attempt
    assert [e.seq for e in outbox.batch(10)] == [a1, a2]


def test_summary_counts_operations_held_behind_a_refusal(outbox: Outbox) -> None:
    a1, a2, b1 = put(outbox, "A"), put(outbox, "A"), put(outbox, "B")
    outbox.set_reported(a1, Reported.QUEUED)
    outbox.claim([a1])
    outbox.record([Result(a1, State.REFUSED, error="BLOCKED")])
    s = outbox.summary()
    assert (s.pending, s.held, s.needs_attention) == (2, 1, 1)
    assert b1 > a2


def test_a_version_1_outbox_is_migrated_keeping_every_row(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    op = make_op("A")
    db.execute(
        "INSERT INTO outbox (operation_id, instrument_key, payload, amount, created_at, next_attempt_at) "
        "VALUES (?, 'A', ?, '5.00', 1.0, 1.0)",
        (op.operation_id, op.to_json()),
    )
    db.close()
    box = Outbox(path, clock=clock)
    [old] = box.entries()
    assert (old.operation_id, old.state, old.amount) == (op.operation_id, State.PENDING, Decimal("5.00"))
    assert put(box, "A") > old.seq
    sql = box._db.execute("SELECT sql FROM sqlite_master WHERE name = 'outbox'").fetchone()[0]
    assert (
        "AUTOINCREMENT" not in sql and box._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    )
    indexes = {r[0] for r in box._db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "outbox_state_due" not in indexes and "outbox_chain" in indexes  # version 3
    assert "state IN" not in sql and "state = 'not_sent'" in sql  # version 4: a comparison chain
    with pytest.raises(sqlite3.IntegrityError):  # which still refuses a state that does not exist
        box._db.execute("UPDATE outbox SET state = 'lost' WHERE seq = ?", (old.seq,))
    box.close()


def test_retention_keeps_the_newest_row_so_sequence_numbers_never_repeat(
    outbox: Outbox, clock: FakeClock
) -> None:
    first, last = put(outbox, "A"), put(outbox, "B")
    outbox.claim([first, last])
    outbox.record([Result(first, State.DONE), Result(last, State.DONE)])
    clock.advance(31 * 86400)
    assert outbox.prune_done(30) == 1
    assert put(outbox, "C") > last
