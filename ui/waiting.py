"""The deadline of the till's running operation, shown to the cashier and cancelled by them.

Every operation the till runs in the background gets its own deadline from the core
(:mod:`pos_client.api.retry`): a lost answer is tried again with the same key, a payment hold whose
answer was lost is checked with the server, each within seconds. :class:`OperationWait` wraps the
work before it goes to a worker thread so that it runs under a deadline this object knows:

- every retry and phase change is told on the GUI thread, and the till shows "No answer from the
  server yet, trying again… (4 s left)" or "Checking with the server… (12 s left)", counted down
  each second until the operation ends;
- :meth:`OperationWait.cancel` (the cashier's Stop waiting or Esc) cancels the core's deadline
  itself, so the worker stops trying at once and the core settles the operation as not done (a
  payment: NOT paid; a hold the server made after all is released by the terminal), not only the
  Qt task that waited for it.
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from pos_client.api import retry

T = TypeVar("T")
P = ParamSpec("P")

TICK_MS = 1000  # the count-down's step


class _Ticket:
    """One operation's link between the GUI thread (cancel) and its worker (the deadline).

    A cancel may come before the worker has made its deadline: it is then cancelled as it is made.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._deadline: retry.Deadline | None = None
        self._cancelled = False
        self._won = True  # what the cancel said (see Deadline.cancel)

    @property
    def deadline(self) -> retry.Deadline | None:
        with self._lock:
            return self._deadline

    def attach(self, deadline: retry.Deadline) -> None:  # worker thread
        with self._lock:
            self._deadline = deadline
            if self._cancelled:
                deadline.cancel()

    def cancel(self) -> bool:  # GUI thread
        with self._lock:
            if not self._cancelled:
                self._cancelled = True
                self._won = self._deadline.cancel() if self._deadline is not None else True
            return self._won


class OperationWait(QObject):
    """Shows and cancels the deadline of the one operation the till runs at a time.

    Args:
        policy: returns the retry policy operations run under (the client's, from the configuration).
        parent: Qt parent (the till's state object).

    Signals:
        changed(str): what to tell the cashier about the wait, already translated; "" when there is
            nothing to say (no retry yet, or the operation ended).
    """

    changed = Signal(str)
    _heard = Signal(object, object)  # ticket, RetryEvent: from the worker thread, queued

    def __init__(self, policy: Callable[[], retry.RetryPolicy | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._policy = policy
        self._ticket: _Ticket | None = None
        self._phase: retry.Phase | None = None  # of the current ticket's last event
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._heard.connect(self._on_event)

    @property
    def text(self) -> str:
        """What the till says about the wait now ("" when nothing)."""
        return self._words()

    def watch(self, fn: Callable[P, T]) -> Callable[P, T]:
        """``fn`` to run on a worker thread under a deadline this object shows and can cancel (the
        operation that starts now; a watched one before it is forgotten). Each call of the result
        (e.g. each round of a manager's approval) runs under a deadline of its own, cancelled by
        the same :meth:`cancel`."""
        self.end()
        ticket = _Ticket()
        self._ticket = ticket
        policy = self._policy()

        def run(*args: P.args, **kwargs: P.kwargs) -> T:  # worker thread
            with retry.operation(policy) as deadline:
                ticket.attach(deadline)
                deadline.listen(lambda event: self._tell(ticket, event))
                return fn(*args, **kwargs)

        return run

    def cancel(self) -> bool:
        """Cancel the running operation's deadline (the cashier stopped waiting).

        Returns:
            True when the operation ends as not done (also when nothing is watched); False when its
            outcome was already decided and is on its way (wait for it).
        """
        ticket, self._ticket = self._ticket, None
        self._stop()
        return ticket.cancel() if ticket is not None else True

    def end(self) -> None:
        """The watched operation ended (its result is in): nothing more to show."""
        self._ticket = None
        self._stop()

    # -- internals ------------------------------------------------------------------------------

    def _tell(self, ticket: _Ticket, event: retry.RetryEvent) -> None:  # worker thread
        # RuntimeError: the till was closed while its operation still ran: nobody to tell.
        with contextlib.suppress(RuntimeError):
            self._heard.emit(ticket, event)

    def _on_event(self, ticket: _Ticket, event: retry.RetryEvent) -> None:
        if ticket is not self._ticket:
            return  # an operation the cashier stopped waiting for, or one before the current
        self._phase = event.phase
        if not self._timer.isActive():
            self._timer.start()
        self._tick()

    def _tick(self) -> None:
        words = self._words()
        if not words:
            self._timer.stop()
        self.changed.emit(words)

    def _words(self) -> str:
        ticket = self._ticket
        deadline = ticket.deadline if ticket is not None else None
        if deadline is None or self._phase is None:
            return ""
        left = max(0, math.ceil(deadline.remaining()))
        if self._phase is retry.Phase.CHECKING:
            return QCoreApplication.translate(
                "waiting", "Checking with the server whether the payment went through… ({seconds} s left)"
            ).format(seconds=left)
        return QCoreApplication.translate(
            "waiting", "No answer from the server yet, trying again… ({seconds} s left)"
        ).format(seconds=left)

    def _stop(self) -> None:
        showing = self._phase is not None
        self._phase = None
        self._timer.stop()
        if showing:
            self.changed.emit("")
