"""Reading the outbox: what is due (in per-instrument order), lookups, lists and the status counts.

Ordering rule (docs/ARCHITECTURE.md#offline): an operation is deliverable only when no earlier operation of
the same instrument is still undelivered or refused-and-unresolved (:data:`~offline_queue.model.BLOCKER`);
so the store only ever hands out the head of each instrument's chain (and, for a batch, the pending
operations right behind it, which the sender sends in order and gives up at the first failure).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from offline_queue.model import (
    BLOCKER,
    COLUMNS,
    COLUMNS_E,
    COLUMNS_O,
    Entry,
    State,
    Summary,
    UnknownOperationError,
    row_to_entry,
)
from offline_queue.schema import Database


class OutboxQueries(Database):
    """The read side of the outbox (no method here changes a row)."""

    # -- delivery order -------------------------------------------------------------------------

    def due(
        self,
        limit: int = 100,
        *,
        instrument_key: str | None = None,
        seq: int | None = None,
        ignore_backoff: bool = False,
        any_time: bool = False,
    ) -> list[Entry]:
        """Pending entries that may be sent now: due, and first undelivered of their instrument.

        At most one entry per instrument key is returned (the head of its chain), so a batch can be
        sent without breaking per-instrument order. Ordered by sequence (creation order).

        Args:
            limit: at most this many.
            instrument_key: only this instrument's chain.
            seq: only this entry (if it is a deliverable head).
            ignore_backoff: include entries whose next attempt time has not come yet (but never
                before the server's ``Retry-After``).
            any_time: include entries whatever their times (to ask "is anything left to send?").
        """
        where = ["o.state = 'pending'"]
        params: list[object] = []
        if not any_time:
            where.append("o.not_before <= ?" if ignore_backoff else "o.next_attempt_at <= ?")
            params.append(self._clock())
        if instrument_key is not None:
            where.append("o.instrument_key = ?")
            params.append(instrument_key)
        if seq is not None:
            where.append("o.seq = ?")
            params.append(seq)
        sql = (
            f"SELECT {COLUMNS_O} FROM outbox o "
            f"WHERE {' AND '.join(where)} AND (o.instrument_key = '' OR NOT EXISTS ("
            f"SELECT 1 FROM outbox e WHERE e.instrument_key = o.instrument_key AND e.seq < o.seq "
            f"AND {BLOCKER})) ORDER BY o.seq LIMIT ?"
        )
        params.append(limit)
        with self._lock:
            return [row_to_entry(r) for r in self._db.execute(sql, params).fetchall()]

    def batch(self, limit: int = 50, *, ignore_backoff: bool = False) -> list[Entry]:
        """A delivery batch in sequence order: the deliverable heads of instrument chains, each
        followed by the pending operations right behind it on the same instrument.

        The sender must send a chain in order and give up the rest of a chain at the first
        operation that is not delivered (see ``Replayer.run_pass``). Followers let a long backlog on
        one card go out in batches too, not one transaction pair per operation.
        """
        heads = self.due(limit, ignore_backoff=ignore_backoff)
        room = limit - len(heads)
        chosen = list(heads)
        now = self._clock()
        with self._lock:
            for head in heads:
                if room <= 0:
                    break
                if not head.instrument_key:
                    continue
                stop = self._db.execute(
                    "SELECT MIN(seq) FROM outbox WHERE instrument_key = ? "
                    "AND state IN ('sending', 'refused') AND seq > ?",
                    (head.instrument_key, head.seq),
                ).fetchone()[0]
                rows = self._db.execute(
                    f"SELECT {COLUMNS} FROM outbox WHERE instrument_key = ? AND state = 'pending' "
                    "AND seq > ? AND seq < ? ORDER BY seq LIMIT ?",
                    (head.instrument_key, head.seq, stop if stop is not None else 2**62, room),
                ).fetchall()
                for row in rows:
                    follower = row_to_entry(row)
                    if (follower.not_before if ignore_backoff else follower.next_attempt_at) > now:
                        break
                    chosen.append(follower)
                    room -= 1
        chosen.sort(key=lambda e: e.seq)
        return chosen

    def earlier_blockers(self, instrument_key: str, seq: int) -> list[Entry]:
        """Earlier entries of the same instrument that hold ``seq`` back (newest first)."""
        if not instrument_key:
            return []
        with self._lock:
            rows = self._db.execute(
                f"SELECT {COLUMNS_E} FROM outbox e WHERE e.instrument_key = ? AND e.seq < ? "
                f"AND {BLOCKER} ORDER BY e.seq DESC",
                (instrument_key, seq),
            ).fetchall()
        return [row_to_entry(r) for r in rows]

    def next_due_at(self) -> float | None:
        """The earliest time any pending entry becomes due (blocked ones included), or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending'"
            ).fetchone()
        return float(row[0]) if row and row[0] is not None else None

    # -- lookups and lists ----------------------------------------------------------------------

    def resolve(self, ref: str) -> Entry:
        """Find one entry by operation id, a unique prefix or suffix of it (at least 4 characters), or
        ``#seq``. People see the suffix (:func:`~offline_queue.model.short_id`): the start of a
        time-ordered id is its clock, the same for every operation of a minute."""
        with self._lock:
            if ref.startswith("#") and ref[1:].isdigit():
                rows = self._db.execute(f"SELECT {COLUMNS} FROM outbox WHERE seq = ?", (int(ref[1:]),))
            else:
                rows = self._db.execute(
                    f"SELECT {COLUMNS} FROM outbox WHERE operation_id = ? OR (length(?) >= 4 AND "
                    "(substr(operation_id, 1, length(?)) = ? OR substr(operation_id, -length(?)) = ?)) "
                    "LIMIT 2",
                    (ref, ref, ref, ref, ref, ref),
                )
            found = [row_to_entry(r) for r in rows.fetchall()]
            if not found and len(ref) >= 8:  # an id that was replaced by a retry
                rows = self._db.execute(
                    f"SELECT {COLUMNS} FROM outbox WHERE instr(previous_keys, ?) > 0 LIMIT 2", (ref,)
                )
                found = [row_to_entry(r) for r in rows.fetchall()]
        exact = [e for e in found if e.operation_id == ref or ref in e.previous_keys]
        if exact:
            return exact[0]
        if len(found) != 1:
            raise UnknownOperationError(
                f"no operation {ref!r} in the outbox" if not found else f"{ref!r} matches several operations"
            )
        return found[0]

    def get(self, operation_id: str) -> Entry | None:
        """The entry with exactly this operation id, if any."""
        with self._lock:
            row = self._db.execute(
                f"SELECT {COLUMNS} FROM outbox WHERE operation_id = ?", (operation_id,)
            ).fetchone()
        return row_to_entry(row) if row else None

    def entries(
        self,
        states: Iterable[State] | None = None,
        *,
        attention_only: bool = False,
        instrument_key: str | None = None,
        limit: int = 1000,
    ) -> list[Entry]:
        """Entries in sequence order, optionally filtered by state, attention or instrument."""
        where: list[str] = []
        params: list[object] = []
        if states is not None:
            chosen = [s.value for s in states]
            where.append(f"state IN ({', '.join('?' for _ in chosen)})")
            params.extend(chosen)
        if attention_only:
            where.append("attention = 1")
        if instrument_key is not None:
            where.append("instrument_key = ?")
            params.append(instrument_key)
        sql = f"SELECT {COLUMNS} FROM outbox"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY seq LIMIT ?"
        params.append(limit)
        with self._lock:
            return [row_to_entry(r) for r in self._db.execute(sql, params).fetchall()]

    def unknown_outcomes(self, limit: int = 1000) -> list[Entry]:
        """Operations whose outcome is still unknown (:meth:`~offline_queue.transitions.
        OutboxTransitions.mark_unknown`): the cashier was told they failed, the server may have
        applied them, and they wait for its answer on the needs-attention list. Oldest first."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {COLUMNS} FROM outbox WHERE state IN ('pending', 'sending') AND attention = 1 "
                "AND reported = 'unavailable' ORDER BY seq LIMIT ?",
                (limit,),
            ).fetchall()
        return [row_to_entry(r) for r in rows]

    def summary(self) -> Summary:
        """Pending count, oldest pending, needs-attention count, outstanding provisional value."""
        with self._lock:
            pending, oldest = self._db.execute(
                "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE state IN ('pending', 'sending')"
            ).fetchone()
            attention, parked = self._db.execute(
                "SELECT COALESCE(SUM(attention), 0), COALESCE(SUM(state = 'parked'), 0) FROM outbox"
            ).fetchone()
            held = self._db.execute(
                "SELECT COUNT(*) FROM outbox o WHERE o.state IN ('pending', 'sending') "
                "AND o.instrument_key <> '' AND EXISTS (SELECT 1 FROM outbox e WHERE "
                "e.instrument_key = o.instrument_key AND e.state = 'refused' AND e.attention = 1 "
                "AND e.seq < o.seq)"
            ).fetchone()[0]
            amounts = self._db.execute(
                "SELECT amount FROM outbox WHERE state IN ('pending', 'sending') AND reported = 'queued' "
                "AND amount IS NOT NULL"
            ).fetchall()
        return Summary(
            pending=int(pending),
            oldest_created_at=float(oldest) if oldest is not None else None,
            needs_attention=int(attention),
            parked=int(parked),
            outstanding_value=sum((Decimal(str(a[0])) for a in amounts), Decimal("0")),
            held=int(held),
        )
