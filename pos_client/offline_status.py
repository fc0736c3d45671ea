"""What the queued gateway reports: its status, its refusals, and the rules of keeping rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from offline_queue.store import (
    Entry,
    State,
)
from pos_client.api.errors import Unavailable
from pos_client.api.retry import Deadline
from pos_client.i18n import gettext as _
from pos_client.offline_policy import Decision, Verdict
from pos_client.operations import (
    WriteOperation,
)
from pos_client.personal_data import without_personal_data

RETENTION_DAYS = 30  # delivered operations are kept this long, for support and reprints
ALL = 2**62  # "no limit" for outbox listings
SETTLE_NAMESPACE = uuid.UUID("5b0c3c1e-6f1d-4e0a-9a55-2f2d7c1e0b11")  # commits of offline payments
RELEASE_NAMESPACE = uuid.UUID("0f3e7a52-9d41-4c86-b1f7-6a2c58d3e904")  # cancels of unconfirmed holds


class OfflineRefused(Unavailable):
    """The server cannot be reached and the offline policy does not let this operation wait.

    Attributes:
        decision: the policy's answer (``verdict`` OVERRIDABLE means a manager may allow it).
    """

    def __init__(self, message: str, decision: Decision | None, *, maybe_applied: bool) -> None:
        super().__init__(message, maybe_applied=maybe_applied)
        self.decision = decision

    @property
    def overridable(self) -> bool:
        return self.decision is not None and self.decision.verdict is Verdict.OVERRIDABLE


class PaymentNotConfirmed(OfflineRefused):
    """A payment hold the server did not confirm in time (its answer was lost, or the cashier stopped
    waiting): it is NOT paid. If the server made the hold after all, the terminal releases it by
    itself; meanwhile the payment is on the needs-attention list (``Outbox.mark_unknown``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, None, maybe_applied=True)


def not_paid() -> str:
    return _(
        "the payment could not be confirmed with the server: it is NOT paid, take another payment "
        "method (if the card was charged, the terminal releases the amount by itself)"
    )


def cashier_gone(deadline: Deadline | None) -> bool:
    """The cashier stopped waiting before the operation's outcome was decided (see
    :meth:`Deadline.settle <pos_client.api.retry.Deadline.settle>`); after this call a late cancel
    no longer counts."""
    return deadline is not None and not deadline.settle()


@dataclass(frozen=True)
class QueueStatus:
    """What the terminal shows at all times (docs/ARCHITECTURE.md#offline)."""

    online: bool | None  # None: not known yet (nothing sent since start)
    pending: int
    oldest_age_seconds: float | None
    needs_attention: int
    parked: int
    outstanding_value: Decimal
    held: int = 0  # pending but held behind an operation that needs attention
    taken_at: float = 0.0  # time.monotonic() when it was taken: a display keeps the newest

    @property
    def waiting(self) -> int:
        """Operations that wait for the server (not those held behind a refusal)."""
        return self.pending - self.held

    def to_json(self) -> dict[str, Any]:
        """The ``queue status --json`` object."""
        return {
            "online": self.online,
            "pending": self.pending,
            "oldestAgeSeconds": round(self.oldest_age_seconds)
            if self.oldest_age_seconds is not None
            else None,
            "needsAttention": self.needs_attention,
            "parked": self.parked,
            "held": self.held,
            "outstandingValue": str(self.outstanding_value),
        }


@dataclass(frozen=True)
class Tidied:
    """What :meth:`QueuedGateway.tidy_delivered` did."""

    blanked: int  # customer operations whose personal data was removed
    settled: int  # payments taken offline whose commit was queued


def refused_before(entry: Entry) -> bool:
    """A parked operation that the server (or the terminal's identity check) had refused."""
    return entry.state is State.PARKED and entry.response is not None


def refused_blanked(entry: Entry) -> tuple[str, str] | None:
    """For :meth:`Outbox.park`: a refused operation's ``(payload, key)`` without personal data."""
    if entry.state is not State.REFUSED:
        return None
    blank = without_personal_data(WriteOperation.from_json(entry.payload))
    return (blank.to_json(), blank.instrument_key) if blank is not None else None
