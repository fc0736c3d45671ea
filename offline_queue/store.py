"""The durable outbox: one SQLite file holding every write operation the terminal has made.

Design, in a few lines:

- An operation is inserted (state ``pending``) in a transaction of its own (one INSERT) and the
  commit is fsynced (WAL + ``synchronous=FULL``) *before* it is first sent, so a crash can never lose
  an operation the cashier was told about. Its idempotency key travels with it forever.
- States: ``pending`` → ``sending`` → ``done`` | ``refused``; a manager may ``park`` an operation
  (taken out of delivery, kept); ``not_sent`` is an operation the cashier was told failed and that
  surely never reached the server. Rows are never deleted except ``done`` rows by the retention job.
- ``attention`` marks what a manager must look at: a queued operation the server later refused, one
  whose cashier was told "not done" and that the server applied after all, or one whose outcome is
  still unknown (``mark_unknown``: a payment hold whose answer was lost; a refusal by the server
  takes it off the list by itself, an application keeps it there).
- Delivery bookkeeping (claim, result) may be batched and is committed without an fsync of its own
  (``synchronous=NORMAL`` for that transaction): losing it in a power cut only causes a harmless
  re-send under the same key, which the server answers from its idempotency store.
- One connection per store object, used under a lock (the single writer of this process); other
  processes are serialised by SQLite's write lock (``BEGIN IMMEDIATE`` + busy timeout).

The store is generic: it keeps an opaque ``payload`` (the serialised operation) plus the few fields it
needs to order and limit delivery (instrument key, amount). It knows nothing about HTTP.

Where things are:

- :mod:`offline_queue.model`: states, rows (:class:`Entry`), results, counts, errors;
- :mod:`offline_queue.schema`: the file, its migrations, durability settings, the write transaction;
- :mod:`offline_queue.queries`: what is due in per-instrument order, lookups, lists, status counts;
- :mod:`offline_queue.transitions`: every change of state;
- this module: :class:`Outbox`, the one object the rest of the program uses.
"""

from __future__ import annotations

import time
from pathlib import Path

from offline_queue.model import (
    DuplicateOperationError,
    Entry,
    InvalidTransitionError,
    OutboxCorruptError,
    OutboxError,
    Reported,
    Result,
    State,
    Summary,
    UnknownOperationError,
    short_id,
)
from offline_queue.schema import MIGRATIONS, SCHEMA_VERSION, Clock
from offline_queue.transitions import OutboxTransitions

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "DuplicateOperationError",
    "Entry",
    "InvalidTransitionError",
    "Outbox",
    "OutboxCorruptError",
    "OutboxError",
    "Reported",
    "Result",
    "State",
    "Summary",
    "UnknownOperationError",
    "short_id",
]


class Outbox(OutboxTransitions):
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
        super().__init__(path, clock=clock)
        if recover:
            self.recover_in_flight()
