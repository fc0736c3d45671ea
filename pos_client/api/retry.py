"""Immediate retries of one operation, bounded by a deadline the cashier can see and cancel.

A shared Wi-Fi or a cheap router loses an answer now and then; one blip must not reach the cashier.
Every call of the API client therefore runs under a :class:`Deadline`. A transient fault (the
connection dropped after sending, a timeout, a 5xx, a 429, ``409 IDEMPOTENCY_IN_PROGRESS``, or an
answer that is not the contract) is retried at once with the *same request* (for a write, the same
idempotency key, so the server applies it at most once), a few hundred milliseconds apart, jittered,
and after ``Retry-After`` when the server asks for a pause that fits the deadline. A connection that
cannot be made at all means the server is down: that goes to the offline path at once. Only when the
deadline passes (or the cashier cancels, or the server asks for a pause longer than what is left) does
the last fault reach the caller: then the write falls to the offline path (``pos_client.offline``).

Scope: a deadline is set for one cashier operation with :func:`operation`; within it every request of
that operation on this thread shares it (``contextvars``). A call made outside any operation gets a
deadline of its own. The background replayer sends each queued operation once per pass
(:func:`single_attempt`): its own backoff (``offline_queue.replayer.Backoff``) spaces the retries.

Seeing and cancelling: :class:`Deadline` tells its listeners about every retry and phase ("sending",
"checking with the server"), knows what is left, and :meth:`Deadline.cancel` (from any thread, e.g.
the GUI's Cancel button) ends the wait at once. A cancel and the server's answer may cross: the
operation calls :meth:`Deadline.settle` when its outcome is decided, and whichever of the two comes
first wins (a payment confirmed after the cashier stopped waiting is released, never reported paid).
"""

from __future__ import annotations

import contextvars
import enum
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from pos_client.api.errors import ApiError, ProtocolError, Unavailable

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How long one operation may try, and how its tries are spaced (seconds).

    Attributes:
        deadline: how long one operation keeps trying before it falls to the offline path.
        first_delay: the pause before the second try; it doubles per try up to ``max_delay``.
        max_delay: the longest pause between two tries (a Retry-After may ask for more).
        jitter: each pause is drawn in ``[delay * (1 - jitter), delay * (1 + jitter)]``, so terminals
            that failed together do not retry together.
        confirm: for an operation that may not wait (a payment hold whose answer was lost), how much
            longer the terminal keeps asking with the same key ("checking with the server").
    """

    deadline: float = 6.0
    first_delay: float = 0.2
    max_delay: float = 1.0
    jitter: float = 0.5
    confirm: float = 15.0

    def pause(self, tries: int, rand: float, retry_after: float | None = None) -> float:
        """The pause after ``tries`` failed tries; ``rand`` is uniform in [0, 1)."""
        base = min(self.max_delay, self.first_delay * 2.0 ** max(0, tries - 1))
        wait = base * (1.0 - self.jitter + 2.0 * self.jitter * rand)
        if retry_after is not None and retry_after > 0:
            # The server's pause is a minimum; a little jitter above it keeps terminals apart.
            wait = max(wait, retry_after * (1.0 + self.jitter * rand / 2.0))
        return wait


class Phase(enum.StrEnum):
    """What an operation is doing, for the cashier."""

    SENDING = "sending"
    CHECKING = "checking"  # the answer was lost: asking the server again, same key, for the outcome


@dataclass(frozen=True)
class RetryEvent:
    """One event of an operation's deadline, for a display ("trying again… 4 s left").

    Attributes:
        phase: sending or checking with the server.
        tries: failed tries so far.
        wait: seconds until the next try (0 for a phase change).
        remaining: seconds left before the deadline.
        reason: the last fault, in plain words.
    """

    phase: Phase
    tries: int
    wait: float
    remaining: float
    reason: str


class Deadline:
    """The time budget of one operation; thread-safe, cancellable from any thread.

    Args:
        seconds: the budget from now.
        policy: the spacing of tries.
        clock: monotonic seconds.
        rand: uniform [0, 1) source for jitter.
    """

    def __init__(
        self,
        seconds: float,
        policy: RetryPolicy | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.policy = policy or RetryPolicy()
        self._clock = clock
        self._rand = rand
        self._expires = clock() + max(0.0, seconds)
        self._cancelled = threading.Event()
        self._settled = False  # the outcome was decided (settle): a cancel comes too late for it
        self._lock = threading.Lock()
        self._listeners: list[Callable[[RetryEvent], None]] = []
        self.phase = Phase.SENDING
        self.tries = 0

    # -- what the cashier sees ------------------------------------------------------------------

    def remaining(self) -> float:
        """Seconds left (0 when expired or cancelled)."""
        if self._cancelled.is_set():
            return 0.0
        return max(0.0, self._expires - self._clock())

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> bool:
        """End the operation's waiting now (the cashier pressed Cancel): the next fault is final.

        Returns:
            True when the cancel came before the operation's outcome was decided (:meth:`settle`):
            the operation ends as not done (a payment: not paid). False when it came too late: the
            outcome is on its way and the caller should wait for it.
        """
        with self._lock:
            self._cancelled.set()
            return not self._settled

    def settle(self) -> bool:
        """The operation's outcome is decided now (e.g. the server confirmed a payment hold): from
        here on a :meth:`cancel` no longer changes what the cashier is told.

        Returns:
            False when the cashier cancelled first: the caller must undo what the server did (the
            terminal releases such a hold) instead of reporting it as done.
        """
        with self._lock:
            if self._cancelled.is_set():
                return False
            self._settled = True
            return True

    def listen(self, listener: Callable[[RetryEvent], None]) -> None:
        """Call ``listener`` with every retry and phase change (from the operation's thread)."""
        self._listeners.append(listener)

    def checking(self, seconds: float) -> None:
        """Enter "checking with the server": ``seconds`` more to learn an operation's outcome."""
        self._expires = max(self._expires, self._clock() + seconds)
        self.phase = Phase.CHECKING
        self._tell(RetryEvent(self.phase, self.tries, 0.0, self.remaining(), "checking with the server"))

    # -- what the client does -------------------------------------------------------------------

    def next_pause(self, fault: ApiError) -> float | None:
        """The pause before trying again after ``fault``, or None when there is no time for it."""
        self.tries += 1
        retry_after = fault.retry_after if isinstance(fault, Unavailable) else None
        wait = self.policy.pause(self.tries, self._rand(), retry_after)
        left = self.remaining()
        if wait >= left:
            return None
        self._tell(RetryEvent(self.phase, self.tries, wait, left, fault.message))
        return wait

    def sleep(self, seconds: float) -> bool:
        """Wait ``seconds``; False when the cashier cancelled meanwhile."""
        return not self._cancelled.wait(seconds)

    def _tell(self, event: RetryEvent) -> None:
        for listener in list(self._listeners):
            listener(event)


_current: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar("loyalty_deadline", default=None)


def current_deadline() -> Deadline | None:
    """The deadline of the operation running on this thread, if any."""
    return _current.get()


@contextmanager
def operation(
    policy: RetryPolicy | None = None, seconds: float | None = None, *, deadline: Deadline | None = None
) -> Iterator[Deadline]:
    """Run one operation under a deadline (reused when an operation is already running: the outer
    one is what the cashier sees). Yields the deadline, to show it or cancel it; ``deadline`` runs
    it under one made by the caller (a test's clock)."""
    outer = _current.get()
    if outer is not None:
        yield outer
        return
    if deadline is None:
        policy = policy or RetryPolicy()
        deadline = Deadline(policy.deadline if seconds is None else seconds, policy)
    token = _current.set(deadline)
    try:
        yield deadline
    finally:
        _current.reset(token)


@contextmanager
def single_attempt() -> Iterator[None]:
    """Every request in this block is tried once (the replayer: its backoff spaces the retries)."""
    token = _current.set(Deadline(0.0))
    try:
        yield
    finally:
        _current.reset(token)


def transient(fault: ApiError) -> bool:
    """A fault worth trying again at once with the same request: the request got to the server (or
    may have) but its answer was lost, late, refused for load or unreadable. A connection that could
    not be made at all means the server is down: that goes to the offline path at once."""
    if isinstance(fault, Unavailable):
        return fault.maybe_applied or fault.status is not None
    return isinstance(fault, ProtocolError)


def run(call: Callable[[], T], deadline: Deadline) -> T:
    """``call()`` again and again while it fails transiently and ``deadline`` leaves time.

    Raises:
        ApiError: the last fault, once the deadline, a Retry-After past it or a cancel ends trying;
            any fault that is not transient at once.
    """
    while True:
        try:
            return call()
        except ApiError as fault:
            if not transient(fault):
                raise
            wait = deadline.next_pause(fault)
            if wait is None or not deadline.sleep(wait):
                raise


__all__ = [
    "Deadline",
    "Phase",
    "RetryEvent",
    "RetryPolicy",
    "current_deadline",
    "operation",
    "run",
    "single_attempt",
    "transient",
]
