"""The durable outbox: one SQLite file holding every write operation the terminal has made.

Design, in a few lines:

- An operation is inserted (state ``pending``) in its own ``BEGIN IMMEDIATE`` transaction and the
  commit is fsynced (WAL + ``synchronous=FULL``) *before* it is first sent, so a crash can never lose
  an operation the cashier was told about. Its idempotency key travels with it forever.
- States: ``pending`` → ``sending`` → ``done`` | ``refused``; a manager may ``park`` an operation
  (taken out of delivery, kept); ``not_sent`` is an operation the cashier was told failed and that
  surely never reached the server. Rows are never deleted except ``done`` rows by the retention job.
- ``attention`` marks what a manager must look at: a queued operation the server later refused, or
  one whose cashier was told "not done" and that the server applied after all.
- Delivery bookkeeping (claim, result) may be batched: losing it in a crash only causes a harmless
  re-send under the same key, which the server answers from its idempotency store.
- One connection per store object, used under a lock (the single writer of this process); other
  processes are serialised by SQLite's write lock (``BEGIN IMMEDIATE`` + busy timeout).

The store is generic: it keeps an opaque ``payload`` (the serialised operation) plus the few fields it
needs to order and limit delivery (instrument key, amount). It knows nothing about HTTP.
"""

from __future__ import annotations

import enum
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

Clock = Callable[[], float]

SCHEMA_VERSION = 1

# Each entry migrates from version ``index`` to ``index + 1``; never edit a released entry, append.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE outbox (
        seq              INTEGER PRIMARY KEY AUTOINCREMENT,
        operation_id     TEXT    NOT NULL UNIQUE,
        instrument_key   TEXT    NOT NULL DEFAULT '',
        payload          TEXT    NOT NULL,
        amount           TEXT,
        state            TEXT    NOT NULL DEFAULT 'pending'
                         CHECK (state IN ('pending', 'sending', 'done', 'refused', 'parked', 'not_sent')),
        reported         TEXT,
        attention        INTEGER NOT NULL DEFAULT 0,
        attempts         INTEGER NOT NULL DEFAULT 0,
        created_at       REAL    NOT NULL,
        next_attempt_at  REAL    NOT NULL,
        not_before       REAL    NOT NULL DEFAULT 0,
        last_attempt_at  REAL,
        last_error       TEXT,
        response         TEXT,
        finished_at      REAL,
        owner_pid        INTEGER,
        note             TEXT,
        previous_keys    TEXT    NOT NULL DEFAULT ''
    );
    CREATE INDEX outbox_state_due ON outbox (state, next_attempt_at);
    CREATE INDEX outbox_chain ON outbox (instrument_key, state, seq);
    """,
)


class State(enum.StrEnum):
    """Where an operation is in its life."""

    PENDING = "pending"  # waiting to be sent (first time or retry)
    SENDING = "sending"  # claimed by a sender; recovered to pending if that process died
    DONE = "done"  # the server applied it (2xx)
    REFUSED = "refused"  # the server refused it for a business reason (final, kept)
    PARKED = "parked"  # a manager took it out of delivery (kept)
    NOT_SENT = "not_sent"  # the cashier was told it failed and it surely never reached the server


class Reported(enum.StrEnum):
    """What the terminal told the cashier about an operation (decides what needs attention)."""

    APPLIED = "applied"
    QUEUED = "queued"  # provisional: the cashier believes it will be applied
    REFUSED = "refused"
    UNAVAILABLE = "unavailable"  # the cashier believes it was not done


class OutboxError(Exception):
    """Base of the outbox's expected errors."""


class DuplicateOperationError(OutboxError):
    """An operation with this id is already in the outbox (an operation is enqueued once)."""


class OutboxCorruptError(OutboxError):
    """The outbox file failed its integrity check or is not an outbox at all."""


class UnknownOperationError(OutboxError):
    """No operation with that id (or id prefix) is in the outbox."""


class InvalidTransitionError(OutboxError):
    """The requested change does not apply to the operation's current state."""


@dataclass(frozen=True)
class Entry:
    """One row of the outbox."""

    seq: int
    operation_id: str
    instrument_key: str
    payload: str
    amount: Decimal | None
    state: State
    reported: Reported | None
    attention: bool
    attempts: int
    created_at: float
    next_attempt_at: float
    not_before: float  # the server's Retry-After: not even a manual flush sends earlier
    last_attempt_at: float | None
    last_error: str | None
    response: str | None
    finished_at: float | None
    note: str | None
    previous_keys: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    """The outcome of one delivery attempt, to record on a claimed entry.

    ``state`` is DONE, REFUSED or PENDING (retry at ``next_attempt_at``).
    """

    seq: int
    state: State
    response: str | None = None
    error: str | None = None
    next_attempt_at: float | None = None
    not_before: float | None = None  # from the server's Retry-After
    attempted: bool = True  # False: claimed but released unsent (the attempt is not counted)


@dataclass(frozen=True)
class Summary:
    """Counts for the status line: what is waiting, since when, and what needs a manager."""

    pending: int  # pending + sending: not yet confirmed by the server
    oldest_created_at: float | None
    needs_attention: int
    parked: int
    outstanding_value: Decimal  # money of provisional (queued) operations not yet confirmed
    held: int = 0  # pending operations held behind a refusal that needs attention


_COLUMNS = (
    "seq, operation_id, instrument_key, payload, amount, state, reported, attention, attempts, "
    "created_at, next_attempt_at, not_before, last_attempt_at, last_error, response, finished_at, note, "
    "previous_keys"
)

_COLUMNS_O = ", ".join("o." + c.strip() for c in _COLUMNS.split(","))
_COLUMNS_E = ", ".join("e." + c.strip() for c in _COLUMNS.split(","))

# Operations still to deliver, or refused ones a manager has not resolved, hold back later operations
# of the same instrument (DESIGN.md §5: in order; a refusal blocks only its own instrument).
# (Written so that the (instrument_key, state, seq) index serves it.)
_BLOCKER = "(e.state IN ('pending', 'sending', 'refused') AND (e.state <> 'refused' OR e.attention = 1))"


def _entry(row: Any) -> Entry:
    (seq, op_id, key, payload, amount, state, reported, attention, attempts, created, nxt, not_before,
     last, err, resp, finished, note, prev) = row  # fmt: skip
    return Entry(
        seq=seq,
        operation_id=op_id,
        instrument_key=key,
        payload=payload,
        amount=Decimal(amount) if amount is not None else None,
        state=State(state),
        reported=Reported(reported) if reported is not None else None,
        attention=bool(attention),
        attempts=attempts,
        created_at=created,
        next_attempt_at=nxt,
        not_before=not_before,
        last_attempt_at=last,
        last_error=err,
        response=resp,
        finished_at=finished,
        note=note,
        previous_keys=tuple(k for k in prev.split(" ") if k),
    )


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


class Outbox:
    """The SQLite outbox. Thread-safe; one connection guarded by a lock.

    Args:
        path: the database file (created with its folder when missing).
        clock: wall-clock seconds (persisted times must survive restarts); injectable for tests.
        recover: move ``sending`` rows of dead processes back to ``pending`` at open.

    Raises:
        OutboxCorruptError: the file fails ``PRAGMA quick_check`` or is not a database.
        OutboxError: the file was written by a newer schema version.
    """

    def __init__(self, path: Path | str, *, clock: Clock = time.time, recover: bool = True) -> None:
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.RLock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30.0)
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise OutboxCorruptError(
                f"the offline outbox {self.path} is damaged ({exc}); keep the file for support and "
                "do not delete it: it may hold operations not yet delivered"
            ) from exc
        except BaseException:
            self._db.close()
            raise
        if recover:
            self.recover_in_flight()

    # -- set-up -------------------------------------------------------------------------------

    def _open(self) -> None:
        db = self._db
        db.execute("PRAGMA busy_timeout = 30000")
        check = [str(r[0]) for r in db.execute("PRAGMA quick_check").fetchall()]
        if check != ["ok"]:
            raise sqlite3.DatabaseError("integrity check failed: " + "; ".join(check[:5]))
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode is None or str(mode[0]).lower() != "wal":
            raise OutboxError(f"the outbox {self.path} cannot use write-ahead logging (got {mode})")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    def _migrate(self) -> None:
        with self._write() as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise OutboxError(
                    f"the outbox {self.path} was written by a newer version (schema {version}); "
                    "update this program"
                )
            for step in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[step].split(";"):
                    if statement.strip():
                        db.execute(statement)
            if version != SCHEMA_VERSION:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: ``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on error)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- hot path -----------------------------------------------------------------------------

    def enqueue(
        self,
        operation_id: str,
        payload: str,
        *,
        instrument_key: str = "",
        amount: Decimal | None = None,
        created_at: float | None = None,
    ) -> int:
        """Store one operation durably (committed and fsynced on return); returns its sequence number."""
        now = self._clock()
        try:
            return self._insert(operation_id, payload, instrument_key, amount, created_at, now)
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
    ) -> int:
        with self._write() as db:
            cur = db.execute(
                "INSERT INTO outbox (operation_id, instrument_key, payload, amount, created_at, "
                "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    operation_id,
                    instrument_key,
                    payload,
                    str(amount) if amount is not None else None,
                    created_at if created_at is not None else now,
                    now,
                ),
            )
            return int(cur.lastrowid or 0)

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
            f"SELECT {_COLUMNS_O} FROM outbox o "
            f"WHERE {' AND '.join(where)} AND (o.instrument_key = '' OR NOT EXISTS ("
            f"SELECT 1 FROM outbox e WHERE e.instrument_key = o.instrument_key AND e.seq < o.seq "
            f"AND {_BLOCKER})) ORDER BY o.seq LIMIT ?"
        )
        params.append(limit)
        with self._lock:
            return [_entry(r) for r in self._db.execute(sql, params).fetchall()]

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
                    f"SELECT {_COLUMNS} FROM outbox WHERE instrument_key = ? AND state = 'pending' "
                    "AND seq > ? AND seq < ? ORDER BY seq LIMIT ?",
                    (head.instrument_key, head.seq, stop if stop is not None else 2**62, room),
                ).fetchall()
                for row in rows:
                    follower = _entry(row)
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
                f"SELECT {_COLUMNS_E} FROM outbox e WHERE e.instrument_key = ? AND e.seq < ? "
                f"AND {_BLOCKER} ORDER BY e.seq DESC",
                (instrument_key, seq),
            ).fetchall()
        return [_entry(r) for r in rows]

    def next_due_at(self) -> float | None:
        """The earliest time any pending entry becomes due (blocked ones included), or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending'"
            ).fetchone()
        return float(row[0]) if row and row[0] is not None else None

    def claim(self, seqs: Iterable[int]) -> list[Entry]:
        """Mark pending entries as ``sending`` by this process, counting an attempt; one transaction.

        Returns the entries actually claimed (another sender may have taken some first).
        """
        now = self._clock()
        wanted = list(seqs)
        claimed: list[Entry] = []
        with self._write() as db:
            for seq in wanted:
                cur = db.execute(
                    "UPDATE outbox SET state = 'sending', attempts = attempts + 1, last_attempt_at = ?, "
                    "owner_pid = ? WHERE seq = ? AND state = 'pending'",
                    (now, os.getpid(), seq),
                )
                if cur.rowcount:
                    row = db.execute(f"SELECT {_COLUMNS} FROM outbox WHERE seq = ?", (seq,)).fetchone()
                    claimed.append(_entry(row))
        return claimed

    def record(self, results: Iterable[Result]) -> None:
        """Record delivery outcomes of claimed entries in one transaction.

        A DONE after the cashier was told "not done", or a REFUSED after the cashier was told
        "queued", is flagged for a manager's attention.
        """
        now = self._clock()
        with self._write() as db:
            for r in results:
                if r.state is State.DONE:
                    db.execute(
                        "UPDATE outbox SET state = 'done', response = ?, last_error = NULL, finished_at = ?, "
                        "owner_pid = NULL, attention = CASE WHEN reported = 'unavailable' THEN 1 "
                        "ELSE attention END, note = CASE WHEN reported = 'unavailable' THEN "
                        "'applied by the server after the cashier was told it failed' ELSE note END "
                        "WHERE seq = ? AND state = 'sending'",
                        (r.response, now, r.seq),
                    )
                elif r.state is State.REFUSED:
                    db.execute(
                        "UPDATE outbox SET state = 'refused', response = COALESCE(?, ''), last_error = ?, "
                        "finished_at = ?, "
                        "owner_pid = NULL, attention = CASE WHEN reported = 'queued' THEN 1 "
                        "ELSE attention END WHERE seq = ? AND state = 'sending'",
                        (r.response, r.error, now, r.seq),
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

    def mark_not_sent(self, seq: int, reason: str) -> None:
        """A pending operation that surely never reached the server and will not be sent (kept)."""
        with self._write() as db:
            cur = db.execute(
                "UPDATE outbox SET state = 'not_sent', reported = 'unavailable', finished_at = ?, "
                "note = ?, owner_pid = NULL WHERE seq = ? AND state = 'pending'",
                (self._clock(), reason, seq),
            )
            if not cur.rowcount:
                raise InvalidTransitionError(f"operation #{seq} is no longer pending")

    # -- manager actions -----------------------------------------------------------------------

    def resolve(self, ref: str) -> Entry:
        """Find one entry by operation id, a unique prefix of it, or ``#seq``."""
        with self._lock:
            if ref.startswith("#") and ref[1:].isdigit():
                rows = self._db.execute(f"SELECT {_COLUMNS} FROM outbox WHERE seq = ?", (int(ref[1:]),))
            else:
                rows = self._db.execute(
                    f"SELECT {_COLUMNS} FROM outbox WHERE operation_id = ? OR "
                    "(length(?) >= 4 AND substr(operation_id, 1, length(?)) = ?) LIMIT 2",
                    (ref, ref, ref, ref),
                )
            found = [_entry(r) for r in rows.fetchall()]
            if not found and len(ref) >= 8:  # an id that was replaced by a retry
                rows = self._db.execute(
                    f"SELECT {_COLUMNS} FROM outbox WHERE instr(previous_keys, ?) > 0 LIMIT 2", (ref,)
                )
                found = [_entry(r) for r in rows.fetchall()]
        exact = [e for e in found if e.operation_id == ref or ref in e.previous_keys]
        if exact:
            return exact[0]
        if len(found) != 1:
            raise UnknownOperationError(
                f"no operation {ref!r} in the outbox" if not found else f"{ref!r} matches several operations"
            )
        return found[0]

    def park(self, ref: str, *, by: str = "") -> Entry:
        """Take a pending or refused operation out of delivery; it stops blocking its instrument."""
        entry = self.resolve(ref)
        if entry.state not in (State.PENDING, State.REFUSED):
            raise InvalidTransitionError(
                f"operation {entry.operation_id} is {entry.state}; only pending or refused ones can be parked"
            )
        note = f"parked by {by}" if by else "parked"
        with self._write() as db:
            cur = db.execute(
                "UPDATE outbox SET state = 'parked', attention = 0, finished_at = ?, "
                "note = CASE WHEN note IS NULL THEN ? ELSE note || '; ' || ? END "
                "WHERE seq = ? AND state IN ('pending', 'refused')",
                (self._clock(), note, note, entry.seq),
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

    def acknowledge(self, ref: str) -> Entry:
        """Clear the attention flag of a delivered operation once a manager has seen it."""
        entry = self.resolve(ref)
        with self._write() as db:
            db.execute("UPDATE outbox SET attention = 0 WHERE seq = ? AND state != 'refused'", (entry.seq,))
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
        sql = f"SELECT {_COLUMNS} FROM outbox"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY seq LIMIT ?"
        params.append(limit)
        with self._lock:
            return [_entry(r) for r in self._db.execute(sql, params).fetchall()]

    def get(self, operation_id: str) -> Entry | None:
        """The entry with exactly this operation id, if any."""
        with self._lock:
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM outbox WHERE operation_id = ?", (operation_id,)
            ).fetchone()
        return _entry(row) if row else None

    def prune_done(self, older_than_days: float) -> int:
        """Retention: delete ``done`` rows finished more than N days ago (never any other state)."""
        cutoff = self._clock() - older_than_days * 86400.0
        with self._write() as db:
            cur = db.execute(
                "DELETE FROM outbox WHERE state = 'done' AND attention = 0 AND finished_at < ?", (cutoff,)
            )
            return int(cur.rowcount)
