"""Online/offline and the offline queue, for the always-visible status bar.

The queued gateway is the one source of all of it (:meth:`QueuedGateway.status
<pos_client.offline.QueuedGateway.status>`): "online" is the newest outcome of any request, delivery
attempt or probe (``pos_client.reachability``), never reconciled here. The gateway reports a new
status after every change, from whichever thread made it (``on_queue_status``);
:class:`StatusMonitor` turns that into a signal on the GUI thread. A timer asks for a fresh status
every couple of seconds in the background: the oldest age grows by itself, and when nothing was heard
from the server for a few seconds the gateway probes it (``GET /terminal``, short timeout), so a
server that dies while the till is idle shows as Offline within seconds, not at the next payment.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from pos_client.offline import QueueStatus

if TYPE_CHECKING:
    from pos_client.offline import QueuedGateway
    from ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

REFRESH_MS = 2000  # the probe itself runs only when nothing was heard for PROBE_AFTER_SECONDS


class StatusMonitor(QObject):
    """Keeps the latest queue status and announces changes on the GUI thread.

    Args:
        tasks: where the background status queries (and probes) run, off the GUI thread.
        interval_ms: how often to refresh without a change.

    Signals:
        status_changed(object): the new :class:`QueueStatus`.
    """

    status_changed = Signal(object)
    _seen = Signal(object)  # from the gateway's thread, queued to the GUI thread

    def __init__(
        self, tasks: TaskRunner, interval_ms: int = REFRESH_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._gateway: QueuedGateway | None = None
        self._latest: QueueStatus | None = None
        self._query: Task[QueueStatus] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.refresh)
        self._seen.connect(self._update)

    @property
    def latest(self) -> QueueStatus | None:
        """The last status seen (None before the first)."""
        return self._latest

    def attach(self, gateway: QueuedGateway) -> None:
        """Watch ``gateway``: refresh now and then every interval."""
        self._gateway = gateway
        self._timer.start()
        self.refresh()

    def stop(self) -> None:
        """Stop refreshing."""
        self._timer.stop()

    def queue_status_seen(self, status: QueueStatus) -> None:
        """The gateway's ``on_status`` callback (any thread)."""
        self._seen.emit(status)

    def refresh(self) -> None:
        """Ask the gateway for its status in the background (one query at a time); it probes the
        server when nothing was heard from it for a few seconds."""
        gateway = self._gateway
        if gateway is None or (self._query is not None and not self._query.done):
            return
        self._query = self._tasks.run(
            lambda: gateway.status(probe=True), self._update, self._failed, description="queue status"
        )

    def _update(self, status: QueueStatus) -> None:
        latest = self._latest
        if latest is not None and status.taken_at < latest.taken_at:
            return  # a background query that started before the newest news: stale
        self._latest = status
        self.status_changed.emit(status)

    def _failed(self, exc: BaseException) -> None:
        log.warning("queue status unavailable: %s", type(exc).__name__)
