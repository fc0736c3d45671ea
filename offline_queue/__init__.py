"""Qt-free store-and-forward outbox (docs/ARCHITECTURE.md#offline).

- :mod:`offline_queue.store`: the durable SQLite outbox (states, ordering, attention, retention),
  built from :mod:`~offline_queue.model`, :mod:`~offline_queue.schema`, :mod:`~offline_queue.queries`
  and :mod:`~offline_queue.transitions`;
- :mod:`offline_queue.replayer`: delivery through an injected send function, in order, with backoff.

The offline *policy* (what may wait in the queue) lives in the core, ``pos_client.offline``.
"""

from offline_queue.replayer import Backoff, OutcomeKind, PassReport, Replayer, SendFunction, SendOutcome
from offline_queue.store import Entry, Outbox, OutboxCorruptError, OutboxError, Reported, State, Summary

__all__ = [
    "Backoff",
    "Entry",
    "Outbox",
    "OutboxCorruptError",
    "OutboxError",
    "OutcomeKind",
    "PassReport",
    "Replayer",
    "Reported",
    "SendFunction",
    "SendOutcome",
    "State",
    "Summary",
]
