"""The queued gateway's state: the outbox, its replayer and sender, its status (one source)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from offline_queue.replayer import Backoff, Replayer
from offline_queue.store import (
    Entry,
    InvalidTransitionError,
    Outbox,
    State,
)
from pos_client.domain import (
    OfflineLimits,
    OperationResult,
    Series,
)
from pos_client.offline_cache import InstrumentCache
from pos_client.offline_sender import GatewaySender
from pos_client.offline_status import (
    QueueStatus,
    refused_before,
)
from pos_client.operations import (
    PendingOperations,
    Waiting,
    WriteGateway,
    WriteOperation,
)
from pos_client.personal_data import without_personal_data
from pos_client.reachability import Reachability
from pos_client.security import AuditLog

log = logging.getLogger("pos_client.offline")


class QueueBase:
    """The queued gateway's state and status (:class:`pos_client.offline.QueuedGateway` is the whole).

    Args:
        outbox: the durable outbox.
        direct: the online gateway that really sends (one attempt, typed errors).
        series: looks a series up in the local catalogue by its number.
        limits: the terminal's offline limits (from the last ``GET /terminal``), None if unknown.
        cache: last known instrument states (updated from every result seen).
        audit: the local audit log, where every override is recorded with its approver.
        on_status: called with the new :class:`QueueStatus` after every change (also when the server
            becomes reachable or unreachable).
        probe: asks the server whether it is reachable (``GET /terminal`` with a short timeout), for a
            status when nothing was heard from the server for a few seconds.
        reachability: the one answer to "online?" (``pos_client.reachability``), fed by every
            request of the API client and every delivery attempt; default a new one.
        clock: wall-clock seconds.
        backoff: the replayer's retry policy.
        terminal: the identity of the terminal registration in force
            (``pos_client.terminal_identity``): recorded with every operation, and operations made
            under another are never sent ("" only where no registration exists, e.g. unit tests).
    """

    def __init__(
        self,
        outbox: Outbox,
        direct: WriteGateway,
        *,
        series: Callable[[str], Series | None],
        limits: Callable[[], OfflineLimits | None],
        cache: InstrumentCache | None = None,
        audit: AuditLog | None = None,
        on_status: Callable[[QueueStatus], None] | None = None,
        probe: Callable[[], bool] | None = None,
        clock: Callable[[], float] = time.time,
        backoff: Backoff | None = None,
        terminal: str = "",
        reachability: Reachability | None = None,
    ) -> None:
        self.outbox = outbox
        self.terminal = terminal
        self._series = series
        self._limits = limits
        self._cache = cache
        self._audit = audit
        self._on_status = on_status
        self._probe = probe
        self._clock = clock
        self.reachability = reachability or Reachability()
        self.reachability.listen(self._reach_changed)
        self.sender = GatewaySender(direct)
        self.sender.on_result = self._seen
        self.sender.on_reach = self.reachability.record
        self.replayer = Replayer(
            outbox,
            self.sender,
            decode=WriteOperation.from_json,
            backoff=backoff,
            clock=clock,
            on_change=self._changed,
            terminal=terminal or None,
            redact=without_personal_data,
            send_batch=self.sender.send_batch,  # a backlog goes in batches when the server takes them
        )
        self._upkeep: threading.Thread | None = None  # retention and tidying, started by start()

    # -- status and delivery ----------------------------------------------------------------------

    def status(self, *, probe: bool = False) -> QueueStatus:
        """Online/offline, pending count, oldest age, needs attention: the one source of all four.

        "Online" is :attr:`reachability`: the newest outcome of any request or delivery attempt.

        Args:
            probe: when nothing was heard from the server for a few seconds (or ever), ask it now
                (``GET /terminal``, short timeout) instead of answering from an old outcome.
        """
        if probe and self._probe is not None and self.reachability.stale():
            self.reachability.record(self._probe())
        taken_at = time.monotonic()  # before reading: a status taken later has newer news
        online = self.reachability.online
        s = self.outbox.summary()
        return QueueStatus(
            online=online,
            pending=s.pending,
            oldest_age_seconds=self._clock() - s.oldest_created_at
            if s.oldest_created_at is not None
            else None,
            needs_attention=s.needs_attention,
            parked=s.parked,
            outstanding_value=s.outstanding_value,
            held=s.held,
            taken_at=taken_at,
        )

    def pending(self) -> Waiting:
        """What still waits for the server (the service refuses to sign off while anything does)."""
        status = self.status()
        return Waiting(status.pending, status.held)

    def ensure_nothing_pending(self, action: str = "sign off") -> None:
        """Refuse ``action`` (sign off, reset the terminal) while operations wait for the server.

        Raises:
            PendingOperations: with the status and a plain message naming ``action``.
        """
        status = self.status()
        if status.pending:
            raise PendingOperations(status, action)

    def _blank(self, entry: Entry) -> Entry:
        """``entry`` stored without its personal data when it will never be sent again (delivered,
        not sent, parked after a refusal, refused with no manager to resolve it); else as it is."""
        final = entry.state in (State.DONE, State.NOT_SENT) or (
            entry.state is State.REFUSED and not entry.attention
        )
        if entry.redacted or not (final or refused_before(entry)):
            return entry
        blank = without_personal_data(WriteOperation.from_json(entry.payload))
        if blank is None:
            return entry
        try:
            self.outbox.redact(entry.seq, blank.to_json(), blank.instrument_key)
        except InvalidTransitionError:  # put back in delivery meanwhile: it stays whole
            return entry
        return self.outbox.resolve(f"#{entry.seq}")

    def _seen(self, result: OperationResult) -> None:
        """A result seen from the server (delivery or now): remember the card's state."""
        if self._cache is not None and result.instrument is not None:
            self._cache.remember(result.instrument)

    def _reach_changed(self, online: bool) -> None:
        """The server became reachable or unreachable: say so now; back online, deliver."""
        self._changed()
        if online:
            self.replayer.server_back()

    def _changed(self) -> None:
        if self._on_status is not None:
            try:
                self._on_status(self.status())
            except Exception:  # a display callback must not break delivery
                log.exception("offline status callback failed")
