"""Can the server be reached right now? One answer, fed by every request's outcome.

Design: "online" used to be guessed in three places (the queue's last delivery attempt, a probe at
start, the app's own reading of service events), which disagreed: the status bar said Online for a
long while after the server died and again after a payment was queued offline. Now every HTTP request
the terminal makes reports whether the server answered (:class:`~pos_client.api.client.LoyaltyClient`'s
``on_reach``), so does every delivery attempt of the queue, and a light probe (``GET /terminal``
with a short timeout) asks when nothing was heard for a few seconds. :class:`Reachability` keeps the
newest of those answers; the queued gateway's status reads it, and nothing else decides "online".
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

PROBE_AFTER_SECONDS = 3.0  # ask the server when nothing was heard from it for this long
PROBE_CONNECT_TIMEOUT = 1.0  # the probe's own timeouts: short, it only asks "are you there?"
PROBE_READ_TIMEOUT = 2.0


class Reachability:
    """The newest answer to "does the server answer?" (thread-safe).

    Args:
        clock: monotonic seconds (injectable for tests).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._online: bool | None = None
        self._at: float | None = None
        self._listeners: list[Callable[[bool], None]] = []

    @property
    def online(self) -> bool | None:
        """True: the server answered last; False: it could not be reached; None: not asked yet."""
        return self._online

    def age(self) -> float | None:
        """Seconds since the last answer (None: never)."""
        at = self._at
        return None if at is None else self._clock() - at

    def stale(self, after: float = PROBE_AFTER_SECONDS) -> bool:
        """Nothing was heard for ``after`` seconds (or ever): time to probe."""
        age = self.age()
        return age is None or age >= after

    def listen(self, listener: Callable[[bool], None]) -> None:
        """Call ``listener(online)`` whenever the answer changes (on the thread that recorded it)."""
        self._listeners.append(listener)

    def record(self, online: bool) -> None:
        """One request's outcome: the server answered (``True``) or could not be reached."""
        with self._lock:
            changed = online is not self._online
            self._online, self._at = online, self._clock()
        if changed:
            log.info("server %s", "reachable" if online else "unreachable")
            for listener in list(self._listeners):
                try:
                    listener(online)
                except Exception:  # a display must not break a request
                    log.exception("reachability listener failed")
