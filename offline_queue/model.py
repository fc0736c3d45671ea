"""The outbox's vocabulary: states, what the cashier was told, rows, results, counts and errors.

Plain data only (no SQL besides the column list a row is read with), shared by the schema, the
queries and the transitions of :mod:`offline_queue.store`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


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
    terminal: str = ""  # the terminal identity it was made under (never delivered under another)
    redacted: bool = False  # its personal data was removed: kept as a record, never sent again


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
    attention: bool = False  # a refusal a manager must see, whatever the cashier was told
    # The operation without its personal data, stored in place of ``payload`` as the outcome is
    # recorded (DONE; REFUSED when no manager has to look at it), with its ordering key.
    redacted_payload: str | None = None
    redacted_key: str | None = None


@dataclass(frozen=True)
class Summary:
    """Counts for the status line: what is waiting, since when, and what needs a manager."""

    pending: int  # pending + sending: not yet confirmed by the server
    oldest_created_at: float | None
    needs_attention: int
    parked: int
    outstanding_value: Decimal  # money of provisional (queued) operations not yet confirmed
    held: int = 0  # pending operations held behind a refusal that needs attention


COLUMNS = (
    "seq, operation_id, instrument_key, payload, amount, state, reported, attention, attempts, "
    "created_at, next_attempt_at, not_before, last_attempt_at, last_error, response, finished_at, note, "
    "previous_keys, terminal, redacted"
)

COLUMNS_O = ", ".join("o." + c.strip() for c in COLUMNS.split(","))
COLUMNS_E = ", ".join("e." + c.strip() for c in COLUMNS.split(","))

# Operations still to deliver, or refused ones a manager has not resolved, hold back later operations
# of the same instrument (docs/ARCHITECTURE.md#offline: in order; a refusal blocks only its own instrument).
# (Written so that the (instrument_key, state, seq) index serves it.)
BLOCKER = "(e.state IN ('pending', 'sending', 'refused') AND (e.state <> 'refused' OR e.attention = 1))"


def short_id(operation_id: str) -> str:
    """The few characters of an operation id that people read and type (``queue retry 3f9c01ab``):
    its end, the random part of a time-ordered (version 7) UUID, which :meth:`resolve` accepts."""
    return operation_id[-8:]


def row_to_entry(row: Any) -> Entry:
    (seq, op_id, key, payload, amount, state, reported, attention, attempts, created, nxt, not_before,
     last, err, resp, finished, note, prev, terminal, redacted) = row  # fmt: skip
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
        terminal=terminal,
        redacted=bool(redacted),
    )
