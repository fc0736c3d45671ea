"""An outbox entry as people see it: the manager's queue screen, ``loyalty-pos queue list``, the
diagnostics bundle. One description, so the till, the CLI and support read the same thing: the card
masked, the money and points it moves, and the server's own reason for a refusal.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from offline_queue.store import Entry, State, short_id
from pos_client.masking import mask_number
from pos_client.operations import WriteOperation

__all__ = ["QueueRow", "queue_row"]


@dataclass(frozen=True)
class QueueRow:
    """One operation of the offline queue, ready to show (instrument number masked).

    Attributes:
        operation_id: the operation's id (its idempotency key); retry/park take it.
        state: where it is in the queue.
        needs_attention: a manager must look at it.
        type: what it does (``pay``, ``load``…).
        instrument: the masked card number ("" when none, e.g. an issue from a series).
        amount: the money it moves, if any (series currency).
        points: the points it moves, if any.
        attempts: delivery attempts so far.
        created: when the cashier made it (UTC).
        reason: the server's reason for a refusal, or why it still waits (plain text from the core).
        code: the server's error code of a refusal, if any.
        note: what the terminal recorded about it (queued under a limit, parked by whom…).
    """

    operation_id: str
    state: State
    needs_attention: bool
    type: str
    instrument: str
    amount: Decimal | None
    points: int | None
    attempts: int
    created: dt.datetime
    reason: str
    code: str | None
    note: str

    @property
    def short_id(self) -> str:
        """What people read and type for this operation (``queue retry``, the manager's list)."""
        return short_id(self.operation_id)

    @property
    def can_retry(self) -> bool:
        return self.state in (State.REFUSED, State.PARKED)

    @property
    def can_park(self) -> bool:
        return self.state in (State.PENDING, State.REFUSED)

    @property
    def applied_after_all(self) -> bool:
        """The cashier was told it failed, yet the server applied it: a manager must deal with it
        and then acknowledge it (the only rows that can be acknowledged)."""
        return self.state is State.DONE and self.needs_attention


def _server_error(entry: Entry) -> tuple[str | None, str | None]:
    """``(code, message)`` of the refusal the server sent for ``entry``, if it sent one."""
    if not entry.response:
        return None, None
    try:
        error = json.loads(entry.response).get("error")
    except (ValueError, AttributeError):
        return None, None
    if not isinstance(error, dict):
        return None, None
    code, message = error.get("code"), error.get("message")
    return (str(code) if code else None), (str(message) if message else None)


def queue_row(entry: Entry) -> QueueRow:
    """An outbox entry as a :class:`QueueRow`."""
    op = WriteOperation.from_json(entry.payload)
    code, message = _server_error(entry)
    if entry.state is State.REFUSED or code:
        reason = message or code or entry.last_error or ""
    elif entry.state in (State.PENDING, State.SENDING):
        reason = entry.last_error or ""
    else:
        reason = entry.last_error if entry.attention and entry.last_error else ""
    return QueueRow(
        operation_id=entry.operation_id,
        state=entry.state,
        needs_attention=entry.attention,
        type=op.type.value,
        instrument=mask_number(entry.instrument_key) if entry.instrument_key else "",
        amount=op.amount,
        points=op.points,
        attempts=entry.attempts,
        created=dt.datetime.fromtimestamp(entry.created_at, dt.UTC),
        reason=reason,
        code=code or (entry.last_error if entry.state is State.REFUSED else None),
        note=entry.note or "",
    )
