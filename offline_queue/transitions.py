"""Changing the outbox: enqueue, the delivery bookkeeping, what the cashier was told, a manager's
retry / park / acknowledge, recovery after a crash, and retention.

Every change is one ``BEGIN IMMEDIATE`` transaction guarded by the expected current state
(``... WHERE seq = ? AND state = ?``), so two senders (threads or processes) can never both move the
same row: the loser sees ``rowcount == 0``. Rows are never deleted except ``done`` rows by
:meth:`OutboxTransitions.prune_done`.

States: ``pending`` → ``sending`` → ``done`` | ``refused``; ``pending``/``refused`` → ``parked``
(a manager's decision); ``refused``/``parked`` → ``pending`` (a manager's retry); ``pending`` →
``not_sent`` (the cashier was told it failed and it surely never left).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable
from decimal import Decimal

from offline_queue.model import (
    COLUMNS,
    DuplicateOperationError,
    Entry,
    InvalidTransitionError,
    Reported,
    Result,
    State,
    row_to_entry,
)
from offline_queue.queries import OutboxQueries


def _pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (POSIX only; elsewhere assume it died)."""
    if os.name != "posix" or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutboxTransitions(OutboxQueries):
    """The write side of the outbox."""

    # -- hot path -----------------------------------------------------------------------------

    def enqueue(
        self,
        operation_id: str,
        payload: str,
        *,
        instrument_key: str = "",
        amount: Decimal | None = None,
        created_at: float | None = None,
        terminal: str = "",
    ) -> int:
        """Store one operation durably (committed and fsynced on return); returns its sequence number.

        ``terminal`` is the identity of the terminal registration it is made under (see
        ``Replayer``): it is never delivered under another.
        """
        now = self._clock()
        try:
            return self._insert(operation_id, payload, instrument_key, amount, created_at, now, terminal)
        except sqlite3.IntegrityError as exc:
            raise DuplicateOperationError(f"operation {operation_id} is already in the outbox") from exc

    def _insert(
        self,
        operation_id: str,
        payload: str,
        instrument_key: str,
        amount: Decimal | None,
        created_at: float | None,
        now: float,
        terminal: str,
    ) -> int:
        # One INSERT in autocommit mode is a transaction of its own, committed and fsynced
        # (synchronous=FULL) before execute() returns; the explicit BEGIN IMMEDIATE ... COMMIT of
        # _write() would add two statements (~25 µs of a ~380 µs enqueue, measured) for nothing: with
        # no read transaction open, SQLite takes the write lock under the busy timeout and cannot fail
        # with SQLITE_BUSY_SNAPSHOT. The lock keeps this connection's other transactions out.
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO outbox (operation_id, instrument_key, payload, amount, created_at, "
                "next_attempt_at, terminal) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    operation_id,
                    instrument_key,
                    payload,
                    str(amount) if amount is not None else None,
                    created_at if created_at is not None else now,
                    now,
                    terminal,
                ),
            )
            return int(cur.lastrowid or 0)

    def claim(self, seqs: Iterable[int]) -> list[Entry]:
        """Mark pending entries as ``sending`` by this process, counting an attempt; one statement.

        Returns the entries actually claimed, in the order asked (another sender may have taken
        some first).
        """
        wanted = list(seqs)
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        with self._write(durable=False) as db:  # bookkeeping: a lost claim is recovered at start
            rows = db.execute(
                "UPDATE outbox SET state = 'sending', attempts = attempts + 1, last_attempt_at = ?, "
                f"owner_pid = ? WHERE state = 'pending' AND seq IN ({marks}) RETURNING {COLUMNS}",
                (self._clock(), os.getpid(), *wanted),
            ).fetchall()
        order = {seq: i for i, seq in enumerate(wanted)}
        return sorted((row_to_entry(r) for r in rows), key=lambda e: order[e.seq])

    def record(self, results: Iterable[Result]) -> None:
        """Record delivery outcomes of claimed entries in one transaction.

        A DONE after the cashier was told "not done", or a REFUSED after the cashier was told
        "queued" (or with ``Result.attention``), is flagged for a manager's attention.

        A result's ``redacted_payload`` (the operation without its personal data) replaces the stored
        one in the same statement: always for a DONE; for a REFUSED only when no manager has to
        look at it (else when the manager resolves it, see :meth:`park` and :meth:`redact`).
        """
        now = self._clock()
        with self._write(durable=False) as db:  # bookkeeping: a lost result means a same-key re-send
            for r in results:
                if r.state is State.DONE:
                    db.execute(
                        "UPDATE outbox SET state = 'done', response = ?, last_error = NULL, finished_at = ?, "
                        "owner_pid = NULL, attention = CASE WHEN reported = 'unavailable' THEN 1 "
                        "ELSE attention END, note = CASE WHEN reported = 'unavailable' THEN "
                        "'applied by the server after the cashier was told it failed' ELSE note END, "
                        "payload = COALESCE(?, payload), instrument_key = COALESCE(?, instrument_key), "
                        "redacted = CASE WHEN ? IS NULL THEN redacted ELSE 1 END "
                        "WHERE seq = ? AND state = 'sending'",
                        (r.response, now, r.redacted_payload, r.redacted_key, r.redacted_payload, r.seq),
                    )
                elif r.state is State.REFUSED:
                    # A manager must see it (the cashier was told "queued", or the result says so):
                    # it stays whole until resolved; any other refusal is final, blanked at once.
                    kept = "(reported IS 'queued' OR :attention)"
                    blank = f"NOT {kept} AND :payload IS NOT NULL"
                    # An outcome that was unknown (mark_unknown) is known now: not applied, as the
                    # cashier was told; it leaves the needs-attention list by itself.
                    unknown = "(reported IS 'unavailable' AND attention = 1)"
                    db.execute(
                        "UPDATE outbox SET state = 'refused', response = COALESCE(:response, ''), "
                        "last_error = :error, finished_at = :now, owner_pid = NULL, "
                        f"note = CASE WHEN {unknown} AND NOT :attention THEN "
                        "'not applied: the server refused it, as the cashier was told' ELSE note END, "
                        f"attention = CASE WHEN {kept} THEN 1 WHEN {unknown} THEN 0 ELSE attention END, "
                        f"payload = CASE WHEN {blank} THEN :payload ELSE payload END, "
                        f"instrument_key = CASE WHEN {blank} THEN :key ELSE instrument_key END, "
                        f"redacted = CASE WHEN {blank} THEN 1 ELSE redacted END "
                        "WHERE seq = :seq AND state = 'sending'",
                        {
                            "response": r.response,
                            "error": r.error,
                            "now": now,
                            "attention": r.attention,
                            "payload": r.redacted_payload,
                            "key": r.redacted_key,
                            "seq": r.seq,
                        },
                    )
                elif r.state is State.PENDING and not r.attempted:
                    db.execute(
                        "UPDATE outbox SET state = 'pending', attempts = attempts - 1, owner_pid = NULL "
                        "WHERE seq = ? AND state = 'sending'",
                        (r.seq,),
                    )
                elif r.state is State.PENDING:
                    db.execute(
                        "UPDATE outbox SET state = 'pending', last_error = ?, next_attempt_at = ?, "
                        "not_before = ?, owner_pid = NULL WHERE seq = ? AND state = 'sending'",
                        (
                            r.error,
                            r.next_attempt_at if r.next_attempt_at is not None else now,
                            r.not_before or 0,
                            r.seq,
                        ),
                    )
                else:
                    raise InvalidTransitionError(f"cannot record a delivery result of state {r.state}")

    # -- the live attempt of the gateway -------------------------------------------------------

    def set_reported(self, seq: int, reported: Reported, note: str | None = None) -> Entry:
        """Remember what the cashier was told (and why), for later reconciliation.

        If delivery already ended meanwhile (a background sender was quicker) and the ending
        contradicts what the cashier was told, the entry is flagged for attention right here.
        """
        with self._write() as db:
            db.execute(
                "UPDATE outbox SET reported = ?, note = COALESCE(?, note), attention = CASE "
                "WHEN state = 'refused' AND ? = 'queued' THEN 1 "
                "WHEN state = 'done' AND ? = 'unavailable' THEN 1 ELSE attention END WHERE seq = ?",
                (reported.value, note, reported.value, reported.value, seq),
            )
        return self.resolve(f"#{seq}")

    def mark_unknown(self, seq: int, note: str) -> Entry:
        """The cashier was told an operation failed although the server may have applied it (its
        answer was lost and did not come in time): it is on the needs-attention list *while* its
        outcome is unknown, and stays in delivery under its key, so the server's answer reconciles it
        by itself: a refusal (not applied, as the cashier was told) takes it off the list; an
        application keeps it there, as applied after the cashier was told it failed (see
        :meth:`record`). If delivery already ended meanwhile, it is flagged only when it was applied.
        """
        with self._write() as db:
            db.execute(
                "UPDATE outbox SET reported = 'unavailable', note = ?, attention = CASE "
                "WHEN state IN ('pending', 'sending', 'done') THEN 1 ELSE attention END WHERE seq = ?",
                (note, seq),
            )
        return self.resolve(f"#{seq}")

    def mark_not_sent(self, seq: int, reason: str) -> None:
        """A pending operation that surely never reached the server and will not be sent (kept)."""
        with self._write() as db:
            cur = db.execute(
                "UPDATE outbox SET state = 'not_sent', reported = 'unavailable', finished_at = ?, "
                "note = ?, owner_pid = NULL, attention = 0 WHERE seq = ? AND state = 'pending'",
                (self._clock(), reason, seq),
            )
            if not cur.rowcount:
                raise InvalidTransitionError(f"operation #{seq} is no longer pending")

    # -- manager actions -----------------------------------------------------------------------

    def park(
        self, ref: str, *, by: str = "", redacted: Callable[[Entry], tuple[str, str] | None] | None = None
    ) -> Entry:
        """Take a pending or refused operation out of delivery; it stops blocking its instrument.

        Args:
            ref: the operation (see :meth:`resolve`).
            by: who decided (recorded in the note).
            redacted: given the entry, its ``(payload, instrument_key)`` without personal data, to
                store in the same transaction (None: keep it whole).
        """
        entry = self.resolve(ref)
        if entry.state not in (State.PENDING, State.REFUSED):
            raise InvalidTransitionError(
                f"operation {entry.operation_id} is {entry.state}; only pending or refused ones can be parked"
            )
        note = f"parked by {by}" if by else "parked"
        blank = redacted(entry) if redacted is not None else None
        payload, key = blank if blank is not None else (entry.payload, entry.instrument_key)
        with self._write() as db:
            cur = db.execute(
                "UPDATE outbox SET state = 'parked', attention = 0, finished_at = ?, "
                "note = CASE WHEN note IS NULL THEN ? ELSE note || '; ' || ? END, "
                "payload = ?, instrument_key = ?, redacted = MAX(redacted, ?) "
                "WHERE seq = ? AND state = ?",
                (self._clock(), note, note, payload, key, blank is not None, entry.seq, entry.state.value),
            )
            if not cur.rowcount:
                raise InvalidTransitionError(f"operation {entry.operation_id} changed state meanwhile")
        return self.resolve(entry.operation_id)

    def retry(
        self, ref: str, *, new_operation_id: str | None = None, new_payload: str | None = None
    ) -> Entry:
        """Put a refused or parked operation back in delivery, at its place in its instrument's order.

        The server keeps a refusal under its key, so re-sending a *refused* operation needs a fresh key
        (``new_operation_id`` and the matching ``new_payload``); the old key is kept in
        ``previous_keys``. A parked operation that was never refused keeps its key (it may already
        have been applied under it).
        """
        entry = self.resolve(ref)
        if entry.state not in (State.REFUSED, State.PARKED):
            raise InvalidTransitionError(
                f"operation {entry.operation_id} is {entry.state}; only refused or parked ones can be retried"
            )
        if entry.redacted:
            raise InvalidTransitionError(
                f"operation {entry.operation_id} no longer holds its details (personal data removed when "
                "it was resolved); it cannot be sent again: make it anew"
            )
        refused_before = entry.state is State.REFUSED or (
            entry.response is not None and entry.state is State.PARKED
        )
        op_id, payload, prev = entry.operation_id, entry.payload, entry.previous_keys
        if refused_before:
            if new_operation_id is None or new_payload is None:
                raise InvalidTransitionError("a refused operation needs a new key to be sent again")
            op_id, payload, prev = new_operation_id, new_payload, (*prev, entry.operation_id)
        with self._write() as db:
            cur = db.execute(
                "UPDATE outbox SET state = 'pending', operation_id = ?, payload = ?, previous_keys = ?, "
                "attention = 0, attempts = 0, next_attempt_at = ?, finished_at = NULL, response = NULL, "
                "last_error = NULL WHERE seq = ? AND state = ?",
                (op_id, payload, " ".join(prev), self._clock(), entry.seq, entry.state.value),
            )
            if not cur.rowcount:
                raise InvalidTransitionError(f"operation {entry.operation_id} changed state meanwhile")
        return self.resolve(op_id)

    def acknowledge(self, ref: str, *, by: str = "") -> Entry:
        """Clear the attention flag of a delivered operation once a manager has dealt with it.

        (A refused operation leaves the list by :meth:`retry` or :meth:`park`, not by this.)
        """
        entry = self.resolve(ref)
        if not entry.attention or entry.state is not State.DONE:
            raise InvalidTransitionError(
                f"operation {entry.operation_id} is {entry.state} and "
                + ("needs attention: retry or park it" if entry.attention else "needs no attention")
            )
        note = f"acknowledged by {by}" if by else "acknowledged"
        with self._write() as db:
            db.execute(
                "UPDATE outbox SET attention = 0, note = CASE WHEN note IS NULL THEN ? "
                "ELSE note || '; ' || ? END WHERE seq = ? AND state = 'done'",
                (note, note, entry.seq),
            )
        return self.resolve(entry.operation_id)

    # -- start-up, status, retention -----------------------------------------------------------

    def recover_in_flight(self) -> int:
        """Move ``sending`` rows whose sender process is gone back to ``pending``; returns how many."""
        with self._lock:
            rows = self._db.execute("SELECT seq, owner_pid FROM outbox WHERE state = 'sending'").fetchall()
        stale = [
            int(seq)
            for seq, pid in rows
            if pid is None or int(pid) == os.getpid() or not _pid_alive(int(pid))
        ]
        if not stale:
            return 0
        now = self._clock()
        with self._write() as db:
            for seq in stale:
                db.execute(
                    "UPDATE outbox SET state = 'pending', owner_pid = NULL, next_attempt_at = ?, "
                    "last_error = COALESCE(last_error, 'interrupted while sending') "
                    "WHERE seq = ? AND state = 'sending'",
                    (now, seq),
                )
        return len(stale)

    def redact(self, seq: int, payload: str, instrument_key: str) -> None:
        """Store the operation of a finished entry without its personal data (``payload`` and the
        ordering key): a delivered one, a parked one, or a refusal no manager has to look at. It is
        marked ``redacted`` and can never be sent again.

        Raises:
            InvalidTransitionError: the entry may still be sent (pending, sending, or a refusal that
                waits for a manager): its operation must stay whole.
        """
        with self._write() as db:
            cur = db.execute(
                "UPDATE outbox SET payload = ?, instrument_key = ?, redacted = 1 WHERE seq = ? AND "
                "(state IN ('done', 'parked', 'not_sent') OR (state = 'refused' AND attention = 0))",
                (payload, instrument_key, seq),
            )
            if cur.rowcount != 1:
                raise InvalidTransitionError(f"entry #{seq} may still be sent; its operation stays as it is")

    def adopt_terminal(self, terminal: str) -> int:
        """Give operations stored without a terminal identity (by a version before schema 5) the
        identity of the terminal opening the outbox now; returns how many.

        The configuration they were made under is the one in force when the program was upgraded,
        since a re-registration is refused while operations wait (``config init``).
        """
        with self._write() as db:
            return int(db.execute("UPDATE outbox SET terminal = ? WHERE terminal = ''", (terminal,)).rowcount)

    def prune_done(self, older_than_days: float) -> int:
        """Retention: delete ``done`` rows finished more than N days ago (never any other state).

        The newest row is always kept, so a sequence number is never handed out twice.
        """
        cutoff = self._clock() - older_than_days * 86400.0
        with self._write() as db:
            cur = db.execute(
                "DELETE FROM outbox WHERE state = 'done' AND attention = 0 AND finished_at < ? "
                "AND seq < (SELECT MAX(seq) FROM outbox)",
                (cutoff,),
            )
            return int(cur.rowcount)
