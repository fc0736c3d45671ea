"""Online/offline and the offline queue, for the always-visible status bar.

The queued gateway reports its :class:`~pos_client.offline.QueueStatus` after every change, from
whichever thread made the change (``on_queue_status``); :class:`StatusMonitor` turns that into a
signal on the GUI thread. A timer also asks for a fresh status in the background (the oldest age
grows by itself, and "online" needs a probe when nothing was sent yet).
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from pos_client.api.errors import ApiError, Unavailable
from pos_client.offline import QueueStatus
from pos_client.service import EventType, ServiceEvent

if TYPE_CHECKING:
    from pos_client.offline import QueuedGateway
    from ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)


class StatusMonitor(QObject):
    """Keeps the latest queue status and announces changes on the GUI thread.

    Args:
        tasks: where the background status queries run.
        interval_ms: how often to refresh without a change.

    Signals:
        status_changed(object): the new :class:`QueueStatus`.
    """

    status_changed = Signal(object)
    _seen = Signal(object)  # from the gateway's thread, queued to the GUI thread
    _reached = Signal(bool)  # a service call reached the server (or could not), from its thread

    def __init__(self, tasks: TaskRunner, interval_ms: int = 5000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._gateway: QueuedGateway | None = None
        self._latest: QueueStatus | None = None
        self._query: Task[QueueStatus] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.refresh)
        self._seen.connect(self._fresh)
        self._reached.connect(self._reachable)
        self._reachable_now: bool | None = None

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

    def service_event(self, event: ServiceEvent) -> None:
        """A :class:`~pos_client.service.LoyaltyService` listener (any thread): every answer from the
        server says "online", every ``Unavailable`` says "offline", before the queue notices."""
        if event.type is EventType.FINISHED:
            self._reached.emit(True)
        elif event.type is EventType.FAILED and isinstance(event.error, ApiError):
            self._reached.emit(not isinstance(event.error, Unavailable))

    def _reachable(self, online: bool) -> None:
        self._reachable_now = online
        if self._latest is None:
            self.refresh()
        elif self._latest.online is not online:
            self._update(self._latest)

    def refresh(self) -> None:
        """Ask the gateway for its status in the background (one query at a time)."""
        gateway = self._gateway
        if gateway is None or (self._query is not None and not self._query.done):
            return
        self._query = self._tasks.run(
            lambda: gateway.status(probe=True), self._got, self._failed, description="queue status"
        )

    def _got(self, status: QueueStatus) -> None:
        self._update(status)

    def _fresh(self, status: QueueStatus) -> None:
        """A status the gateway reported after a delivery attempt: its "online" is the newest news."""
        if status.online is not None:
            self._reachable_now = status.online
        self._update(status)

    def _update(self, status: QueueStatus) -> None:
        if self._reachable_now is not None and status.online is not self._reachable_now:
            # The latest call is fresher than the queue's last delivery attempt.
            status = dataclasses.replace(status, online=self._reachable_now)
        self._latest = status
        self.status_changed.emit(status)

    def _failed(self, exc: BaseException) -> None:
        log.warning("queue status unavailable: %s", type(exc).__name__)
