"""Delivers the outbox to the server: in the background, on demand, and for one live operation.

Design, in a few lines:

- The send function is injected (``Callable[[Op], SendOutcome]``), so the queue does not know HTTP;
  the core adapts its API client to it. The queue does not know the operations either: it stores
  their JSON, and the injected ``decode`` makes an operation of it again (the core passes
  ``WriteOperation.from_json``); an operation is anything with ``to_json()`` and ``instrument_key``.
- Order: the store only hands out the head of each instrument's chain, so an operation is never sent
  while an earlier one of the same instrument is undelivered or refused (needs attention).
- A *delivered* or *refused* outcome is final. Anything else (timeout, connection dropped, 5xx, 429,
  409 in progress) is "outcome unknown": the operation stays pending under the same key and is tried
  again after a capped exponential backoff with full jitter, never earlier than ``Retry-After``.
- A batch holds the heads of instrument chains and the operations right behind them; its claim is
  one transaction, its results are recorded together (at the end, or every ``record_every`` seconds
  of sending, so a slow server cannot keep much progress unrecorded). A crash between a send and its
  record only causes a same-key re-send, which the server answers from its idempotency store: the
  effect stays exactly once.
- Batches: with an injected ``send_batch`` (the server's batch endpoint), a pass of at least
  ``batch_min`` operations sends them in one call, in order; each comes back delivered, refused, retry
  or not attempted (behind a failure of its instrument: it stays pending, no attempt counted), and the
  results are recorded as above. ``send_batch`` answering None (no batches there) means one by one.
- Terminal identity: every entry records the terminal registration it was made under (server,
  loyalty group, token; see ``pos_client.terminal_identity``). An entry made under another one is
  never sent: it is refused here, without contacting the server, and flagged for a manager
  (:data:`TERMINAL_CHANGED`), so a queued load cannot be delivered as another store.
- Personal data: the injected ``redact`` gives the operation without personal data; it replaces the
  stored one in the same transaction that records the delivery (or a refusal no manager has to see),
  whichever process delivers it (the app's replayer, ``queue flush``, a live attempt).
- Clock, random source and waiting are injectable, so tests need no sleeps.
"""

from __future__ import annotations

import enum
import json
import logging
import random as _random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from offline_queue.store import Entry, Outbox, Result, State

log = logging.getLogger(__name__)


class OutcomeKind(enum.StrEnum):
    """How one delivery attempt ended."""

    DELIVERED = "delivered"  # 2xx: applied (now or earlier under the same key)
    REFUSED = "refused"  # a definitive business refusal
    RETRY = "retry"  # outcome unknown or server unavailable: send again later, same key


@dataclass(frozen=True)
class SendOutcome:
    """What the injected send function reports for one attempt.

    Attributes:
        kind: delivered, refused or retry.
        response: the server's response body (JSON text), kept for the audit.
        error: a short description of the failure (code or exception), for status and logs.
        retry_after: seconds the server asked us to wait (``Retry-After``), if any.
        reached_server: False only when the request surely never left (e.g. connection refused);
            a timeout or a dropped connection may have been applied by the server.
    """

    kind: OutcomeKind
    response: str | None = None
    error: str | None = None
    retry_after: float | None = None
    reached_server: bool = True

    @classmethod
    def delivered(cls, response: str | None = None) -> SendOutcome:
        return cls(OutcomeKind.DELIVERED, response=response)

    @classmethod
    def refused(cls, error: str, response: str | None = None) -> SendOutcome:
        return cls(OutcomeKind.REFUSED, response=response, error=error)

    @classmethod
    def retry(
        cls, error: str, *, retry_after: float | None = None, reached_server: bool = True
    ) -> SendOutcome:
        return cls(OutcomeKind.RETRY, error=error, retry_after=retry_after, reached_server=reached_server)


class Queued(Protocol):
    """What the replayer needs of an operation: its stored form and the key that orders delivery."""

    @property
    def instrument_key(self) -> str: ...

    def to_json(self) -> str: ...


Op = TypeVar("Op", bound=Queued)

SendFunction = Callable[[Op], SendOutcome]
#: Many operations in one request, in order: an outcome each (None: not attempted, still pending), or
#: None when the server takes no batches (they are then sent one by one).
BatchSendFunction = Callable[[Sequence[Op]], Sequence[SendOutcome | None] | None]
Redactor = Callable[[Op], Op | None]  # None: nothing personal in it
Decoder = Callable[[str], Op]  # an entry's payload (JSON text) as the operation it stores

TERMINAL_CHANGED = "TERMINAL_CHANGED"
TERMINAL_CHANGED_MESSAGE = (
    "made under another terminal registration (server, loyalty group or token changed since); it is "
    "never sent under this one: restore the registration it was made under (loyalty-pos config init "
    "with that server, group and token) and send it, or a manager parks it"
)


@dataclass(frozen=True)
class Backoff:
    """Capped exponential backoff with full jitter (seconds).

    The n-th failed attempt waits ``uniform(0, min(cap, base * 2**(n-1)))``, but never less than the
    server's ``Retry-After`` (itself capped at ``max_retry_after``). The Retry-After is jittered too,
    upwards by up to ``retry_after_jitter`` of itself: an overloaded server tells every terminal the
    same number, and terminals that all waited exactly that long would come back in lock-step.
    """

    base: float = 1.0
    cap: float = 300.0
    max_retry_after: float = 3600.0
    retry_after_jitter: float = 0.5

    def delay(self, attempts: int, rand: float, retry_after: float | None = None) -> float:
        """The wait after ``attempts`` failed attempts; ``rand`` is uniform in [0, 1)."""
        ceiling = min(self.cap, self.base * 2.0 ** max(0, attempts - 1))
        wait = rand * ceiling
        if retry_after is not None and retry_after > 0:
            asked = min(retry_after, self.max_retry_after)
            wait = max(wait, asked * (1.0 + self.retry_after_jitter * rand))
        return wait


@dataclass(frozen=True)
class PassReport:
    """What one delivery pass (or a flush) did."""

    delivered: int = 0
    refused: int = 0
    retried: int = 0
    unreachable: bool = False  # stopped early: the server could not be reached

    def __add__(self, other: PassReport) -> PassReport:
        return PassReport(
            self.delivered + other.delivered,
            self.refused + other.refused,
            self.retried + other.retried,
            other.unreachable,
        )


@dataclass(frozen=True)
class LiveAttempt:
    """The outcome of trying to deliver one new operation right away (the gateway's attempt).

    ``outcome`` is None when the operation itself was not sent (held behind an earlier operation of
    its instrument that could not be delivered); then it surely did not reach the server.
    """

    entry: Entry
    outcome: SendOutcome | None
    reason: str = ""


def _refusal_json(message: str) -> str:
    return json.dumps({"error": {"code": TERMINAL_CHANGED, "message": message}})


class Replayer(Generic[Op]):
    """Delivers pending outbox entries through ``send``.

    Args:
        outbox: the store.
        send: the injected send function.
        decode: an entry's payload as the operation ``send`` takes.
        backoff: the retry policy.
        clock: wall-clock seconds (the store's clock).
        rand: a uniform [0, 1) source for jitter.
        batch_size: how many instrument heads one pass claims at once.
        record_every: seconds of sending after which the results so far are recorded, even in the
            middle of a batch.
        on_change: called (from the delivering thread) after results are recorded, e.g. to refresh
            a status display.
        terminal: the identity of the terminal registration in force; entries made under another
            are refused unsent (None: not checked, for tools that replay a file of their own).
        redact: the operation without its personal data (None when it has none), stored in its
            place once it is delivered.
        send_batch: sends many operations in one request (the server's batch endpoint); a pass
            with at least ``batch_min`` operations to send uses it, if given.
        batch_min: the fewest operations a pass sends as one batch (fewer go one by one).
    """

    def __init__(
        self,
        outbox: Outbox,
        send: SendFunction[Op],
        *,
        decode: Decoder[Op],
        backoff: Backoff | None = None,
        clock: Callable[[], float] = time.time,
        rand: Callable[[], float] = _random.random,
        batch_size: int = 50,
        record_every: float = 0.25,
        on_change: Callable[[], None] | None = None,
        terminal: str | None = None,
        redact: Redactor[Op] | None = None,
        send_batch: BatchSendFunction[Op] | None = None,
        batch_min: int = 3,
    ) -> None:
        self.outbox = outbox
        self.terminal = terminal
        self._redact = redact
        self._send = send
        self._send_batch = send_batch
        self.batch_min = batch_min
        self._decode = decode
        self.backoff = backoff or Backoff()
        self._clock = clock
        self._rand = rand
        self.batch_size = batch_size
        self.record_every = record_every
        self._on_change = on_change
        self._recorded = threading.Condition()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._catch_up = threading.Event()  # the server is back: the next pass ignores backoff
        self._thread: threading.Thread | None = None
        self.last_outcome: SendOutcome | None = None  # the latest attempt's outcome, for "online?"
        # Server-wide backoff: consecutive attempts that did not end, and the pause they impose.
        self._failures = 0
        self._pause_until = 0.0
        self._server_not_before = 0.0  # the server's own Retry-After: honoured even by flush

    # -- one attempt ----------------------------------------------------------------------------

    def _foreign(self, entry: Entry) -> tuple[Result, SendOutcome] | None:
        """The refusal, unsent, of an entry made under another terminal registration (else None)."""
        if self.terminal is None or entry.terminal == self.terminal:
            return None
        outcome = SendOutcome.refused(TERMINAL_CHANGED, _refusal_json(TERMINAL_CHANGED_MESSAGE))
        log.warning("operation %s: made under another terminal registration, unsent", entry.operation_id)
        return Result(entry.seq, State.REFUSED, outcome.response, TERMINAL_CHANGED, attention=True), outcome

    def _attempt(self, entry: Entry) -> tuple[Result, SendOutcome]:
        foreign = self._foreign(entry)
        if foreign is not None:
            return foreign
        op: Op | None = None
        try:
            op = self._decode(entry.payload)
            outcome = self._send(op)
        except Exception as exc:  # a bug in send must not lose the operation: retry it later
            log.exception("send function failed for operation %s", entry.operation_id)
            outcome = SendOutcome.retry(f"internal error: {type(exc).__name__}")
        self._note(outcome)
        return self._settle(entry, op, outcome), outcome

    def _note(self, outcome: SendOutcome) -> None:
        """The server-wide view after an attempt: consecutive failures, and the pause they impose."""
        self.last_outcome = outcome
        if outcome.kind is OutcomeKind.RETRY:
            self._failures += 1
            now = self._clock()
            pause = self.backoff.delay(self._failures, self._rand(), outcome.retry_after)
            self._pause_until = now + pause
            if outcome.retry_after:
                self._server_not_before = now + min(outcome.retry_after, self.backoff.max_retry_after)
        else:
            self._failures = 0
            self._pause_until = 0.0

    def _settle(
        self,
        entry: Entry,
        op: Op | None,
        outcome: SendOutcome,
        *,
        attempts: int | None = None,
        jitter: float | None = None,
    ) -> Result:
        """What to record of ``entry`` after an attempt that ended with ``outcome``. Its backoff is
        worked out from ``attempts`` and ``jitter`` when they are shared with others, else from its
        own attempts and a draw of its own."""
        if outcome.kind is not OutcomeKind.RETRY:
            assert op is not None  # a send that did not run is a retry
            payload, key = self._redacted(op)
            state = State.DONE if outcome.kind is OutcomeKind.DELIVERED else State.REFUSED
            return Result(
                entry.seq,
                state,
                outcome.response,
                outcome.error if state is State.REFUSED else None,
                redacted_payload=payload,
                redacted_key=key,
            )
        now = self._clock()
        wait = self.backoff.delay(
            entry.attempts if attempts is None else attempts,
            self._rand() if jitter is None else jitter,
            outcome.retry_after,
        )
        not_before = (
            now + min(outcome.retry_after, self.backoff.max_retry_after) if outcome.retry_after else None
        )
        return Result(
            entry.seq, State.PENDING, error=outcome.error, next_attempt_at=now + wait, not_before=not_before
        )

    def _redacted(self, op: Op) -> tuple[str | None, str | None]:
        """``op`` without its personal data: ``(payload, instrument_key)``, or Nones if it has none."""
        blank = self._redact(op) if self._redact is not None else None
        if blank is None:
            return None, None
        return blank.to_json(), blank.instrument_key

    def _record(self, results: list[Result]) -> None:
        if not results:
            return
        self.outbox.record(results)
        with self._recorded:
            self._recorded.notify_all()
        if self._on_change is not None:
            self._on_change()

    # -- passes ---------------------------------------------------------------------------------

    def run_pass(self, *, ignore_backoff: bool = False, tried: set[int] | None = None) -> PassReport:
        """Claim one batch, send it in order, record the results in one transaction.

        A chain (operations of one instrument) is given up at its first operation that is not
        delivered: the rest of it is released unsent. An attempt that did not end (retry) stops the
        whole pass, so a server that is down or overloaded costs one attempt, not one per operation.

        Args:
            ignore_backoff: send entries even before their next attempt time...
            tried: ...except those already in this set (filled with what this pass attempts).
        """
        now = self._clock()
        batch = self.outbox.batch(self.batch_size, ignore_backoff=ignore_backoff)
        if tried is not None:
            batch = [e for e in batch if e.seq not in tried or e.next_attempt_at <= now]
        if not batch:
            return PassReport()
        claimed = self.outbox.claim(e.seq for e in batch)
        if self._send_batch is not None and len(claimed) >= self.batch_min and not self._stop.is_set():
            delivered_in_batch = self._batch_pass(claimed, tried)
            if delivered_in_batch is not None:
                return delivered_in_batch
        results: list[Result] = []
        broken: set[str] = set()  # instruments whose chain stopped in this pass
        delivered = refused = retried = 0
        unreachable = stopped = False
        sent_any = False
        last_record = time.monotonic()
        for entry in claimed:
            key = entry.instrument_key
            if stopped or (key and key in broken) or (self._stop.is_set() and sent_any):
                results.append(Result(entry.seq, State.PENDING, attempted=False))
                continue
            if tried is not None:
                tried.add(entry.seq)
            result, outcome = self._attempt(entry)
            sent_any = True
            results.append(result)
            if time.monotonic() - last_record >= self.record_every:
                # a slow server must not keep a whole batch's progress unrecorded (a crash would
                # have to send it all again)
                self._record(results)
                results, last_record = [], time.monotonic()
            if outcome.kind is OutcomeKind.DELIVERED:
                delivered += 1
                continue
            if key:
                broken.add(key)
            if outcome.kind is OutcomeKind.REFUSED:
                refused += 1
            else:
                retried += 1
                unreachable = not outcome.reached_server
                stopped = True
        self._record(results)
        return PassReport(delivered, refused, retried, unreachable)

    def _batch_pass(self, claimed: list[Entry], tried: set[int] | None) -> PassReport | None:
        """Send ``claimed`` in one call of ``send_batch``, in order; record what each item did.

        Per instrument the order holds as one by one: a chain stops at its first operation that is not
        delivered (the server answers the rest "not attempted"; they stay pending, unsent). None when
        the server takes no batches (or too few operations are left to send): nothing was sent or
        recorded, and the caller sends them one by one.
        """
        assert self._send_batch is not None
        results: list[Result] = []
        sending: list[tuple[Entry, Op]] = []
        broken: set[str] = set()
        refused = retried = 0
        for entry in claimed:
            key = entry.instrument_key
            if key and key in broken:
                results.append(Result(entry.seq, State.PENDING, attempted=False))
                continue
            foreign = self._foreign(entry)
            if foreign is None:
                try:
                    sending.append((entry, self._decode(entry.payload)))
                    continue
                except Exception as exc:  # a bug in decode must not lose the operation: retry it later
                    log.exception("decoding operation %s failed", entry.operation_id)
                    outcome = SendOutcome.retry(f"internal error: {type(exc).__name__}")
                    results.append(self._settle(entry, None, outcome))
                    retried += 1
            else:
                results.append(foreign[0])
                refused += 1
            if key:
                broken.add(key)
        if len(sending) < self.batch_min:
            return None
        try:
            answered = self._send_batch([op for _, op in sending])
        except Exception as exc:  # a bug in send must not lose the operations: retry them later
            log.exception("batch send function failed")
            answered = [SendOutcome.retry(f"internal error: {type(exc).__name__}")] * len(sending)
        if answered is None:
            return None
        outcomes = list(answered)
        if len(outcomes) != len(sending):
            log.error("batch send function answered %d of %d operations", len(outcomes), len(sending))
            outcomes = [SendOutcome.retry("internal error: incomplete batch answer")] * len(sending)
        delivered = 0
        unreachable = False
        noted: SendOutcome | None = None
        # One request, one backoff: operations that failed together come due together and go out as
        # one batch again (each with its own, they came due one by one and went singly).
        attempts, jitter = max(entry.attempts for entry, _ in sending), self._rand()
        for (entry, op), answer in zip(sending, outcomes, strict=True):
            if answer is None:  # not attempted: an earlier operation of its chain was not delivered
                results.append(Result(entry.seq, State.PENDING, attempted=False))
                continue
            outcome = answer
            if tried is not None:
                tried.add(entry.seq)
            results.append(self._settle(entry, op, outcome, attempts=attempts, jitter=jitter))
            if outcome.kind is OutcomeKind.DELIVERED:
                delivered += 1
            elif outcome.kind is OutcomeKind.REFUSED:
                refused += 1
            else:
                retried += 1
                unreachable = unreachable or not outcome.reached_server
            if noted is None or (outcome.kind is OutcomeKind.RETRY and noted.kind is not OutcomeKind.RETRY):
                noted = outcome
        if noted is not None:
            self._note(noted)  # one request: one step of the server-wide backoff
        self._record(results)
        return PassReport(delivered, refused, retried, unreachable)

    def flush(self, timeout: float = 0.0) -> PassReport:
        """Deliver now: every deliverable operation at least once, ignoring backoff; then, until
        ``timeout`` seconds have passed, keep retrying as backoff and ``Retry-After`` allow.

        Returns when nothing deliverable is left (all done, refused, or held behind a refusal), when
        the time is up, or when the replayer is stopped.
        """
        deadline = time.monotonic() + timeout
        report = PassReport()
        tried: set[int] = set()
        first = True  # an explicit flush is a probe: its first pass ignores our own pause...
        while not self._stop.is_set():
            now = self._clock()
            paused = self._server_not_before > now or (
                not first and self._pause_until > now
            )  # ...not the server's
            first = False
            step = PassReport() if paused else self.run_pass(ignore_backoff=True, tried=tried)
            report = report + step
            if step.delivered or step.refused:
                continue  # progress: the heads behind them may be free now
            if not self.outbox.due(1, any_time=True):
                break  # nothing deliverable is left
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            wait = min(remaining, self._seconds_to_next_try())
            if wait > 0 and self._stop.wait(min(wait, 1.0)):
                break
        return report

    def _seconds_to_next_try(self) -> float:
        """How long until anything may be tried: the server-wide pause, or the next entry due."""
        now = self._clock()
        pause = max(self._pause_until, self._server_not_before)
        if pause > now:
            return pause - now
        next_due = self.outbox.next_due_at()
        return 0.0 if next_due is None else max(0.0, next_due - now)

    @property
    def paused_until(self) -> float:
        """Wall-clock time before which the replayer will not contact the server again (0: none)."""
        return self._pause_until

    # -- the live attempt of a new operation -----------------------------------------------------

    def deliver_now(self, seq: int, *, wait_in_flight: float = 10.0) -> LiveAttempt:
        """Try to deliver the operation ``seq`` right away, after the earlier ones of its instrument.

        Earlier pending operations of the same instrument are sent first (ignoring their backoff);
        when one of them is being sent by another thread or process, waits for it up to
        ``wait_in_flight`` seconds. Used by the gateway for the cashier's live attempt.
        """
        deadline = time.monotonic() + wait_in_flight
        entry = self._entry(seq)
        while True:
            if entry.state is not State.PENDING:
                return LiveAttempt(entry, None, f"the operation is {entry.state}")
            heads = self.outbox.due(
                1,
                instrument_key=entry.instrument_key,
                seq=seq if entry.instrument_key == "" else None,
                ignore_backoff=True,
            )
            if not heads:
                states = {b.state for b in self.outbox.earlier_blockers(entry.instrument_key, entry.seq)}
                if State.REFUSED in states or not states:
                    why = "an earlier operation on this card needs a manager's attention"
                    return LiveAttempt(entry, None, why)
                if State.SENDING not in states:  # held back by the server's Retry-After
                    return LiveAttempt(entry, None, "an earlier operation on this card waits to be retried")
                with self._recorded:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return LiveAttempt(
                            entry, None, "an earlier operation on this card is still being sent"
                        )
                    self._recorded.wait(min(remaining, 0.25))
                entry = self._entry(seq)
                continue
            head = heads[0]
            claimed = self.outbox.claim([head.seq])
            if not claimed:
                entry = self._entry(seq)
                continue  # another sender took it; look again
            result, outcome = self._attempt(claimed[0])
            self._record([result])
            if head.seq == seq:
                return LiveAttempt(self._entry(seq), outcome)
            if outcome.kind is OutcomeKind.RETRY:
                return LiveAttempt(
                    self._entry(seq), None, f"an earlier operation on this card: {outcome.error}"
                )
            entry = self._entry(seq)

    def _entry(self, seq: int) -> Entry:
        return self.outbox.resolve(f"#{seq}")

    # -- background thread ----------------------------------------------------------------------

    def start(self, idle_poll: float = 5.0) -> None:
        """Deliver in a background thread until :meth:`stop`; idempotent."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, args=(idle_poll,), name="outbox-replayer", daemon=True
        )
        self._thread.start()

    def wake(self) -> None:
        """Look at the outbox now (e.g. after an enqueue)."""
        self._wake.set()

    def server_back(self) -> None:
        """The server answers again (another request or the probe heard it): deliver now.

        What waits was held back because the server could not be reached, and that reason is gone:
        the server-wide pause ends and the next pass of the background thread sends each waiting
        operation whatever its own next attempt time (never before the server's ``Retry-After``).
        Found under Xvfb: after an outage the till said Online while its queue waited two more
        minutes, the backoff of its eight failed tries.
        """
        self._failures = 0
        self._pause_until = 0.0
        self._catch_up.set()
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the background thread and any flush in progress (waits for the attempt in
        progress up to ``timeout``). The replayer can be flushed or started again afterwards."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._stop.clear()

    def _run(self, idle_poll: float) -> None:
        while not self._stop.is_set():
            step = PassReport()
            try:
                if self._pause_until <= self._clock():
                    catch_up = self._catch_up.is_set()
                    self._catch_up.clear()
                    step = self.run_pass(ignore_backoff=catch_up)
            except Exception:  # keep the thread alive; the store keeps the work
                log.exception("offline replayer pass failed")
            if step.delivered or step.refused:
                continue
            if self.outbox.next_due_at() is None:
                wait = idle_poll
            else:
                wait = min(idle_poll, max(0.05, self._seconds_to_next_try()))
            self._wake.wait(wait)
            self._wake.clear()
