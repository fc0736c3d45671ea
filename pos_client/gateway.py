"""The online write gateway: send each write now (retried within its deadline), and say how it ended.

``DirectGateway.submit`` posts a :class:`~pos_client.operations.WriteOperation` with its operation id
as the ``Idempotency-Key`` and parses the answer into an APPLIED
:class:`~pos_client.domain.OperationResult`. The client retries transient faults with the same key
within the operation's deadline (``pos_client.api.retry``); the last fault is raised unchanged. It
never queues (that is the queued gateway's job, wrapping this one).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from pos_client.api import parse
from pos_client.api.client import LoyaltyClient
from pos_client.api.errors import ApiError, ProtocolError, Refused
from pos_client.declarations import Answer
from pos_client.domain import BatchSupport, OperationResult
from pos_client.operations import Override, Waiting, WriteOperation

#: Seconds between looks at whether the server takes batches (``GET /terminal``): a server upgraded
#: (or downgraded) meanwhile is noticed within this time.
BATCH_RECHECK_SECONDS = 600.0


class DirectGateway:
    """A :class:`~pos_client.operations.WriteGateway` that sends at once, online only.

    Args:
        client: the API client.
        clock: monotonic seconds (when to ask again whether the server takes batches).
    """

    def __init__(self, client: LoyaltyClient, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self._clock = clock
        self._batch: BatchSupport | None = None
        self._batch_checked_at: float | None = None

    def pending(self) -> Waiting:
        """Nothing ever waits here: a direct gateway never queues."""
        return Waiting()

    def submit(self, operation: WriteOperation, *, override: Override | None = None) -> OperationResult:
        """Send ``operation`` (tried again with the same key on transient faults, within the deadline).
        ``override`` is for a gateway that queues; sending now needs none.

        Raises:
            Refused, Unavailable, Unauthorized, ProtocolError: from the client.
        """

        # An answer that does not parse is retried with the same key, like a lost one.
        return self.client.post_parsed(
            operation.path,
            operation.body,
            lambda data: _result(operation, data),
            idempotency_key=operation.operation_id,
        )

    def batch_support(self) -> BatchSupport | None:
        """Where the server takes batches (``GET /terminal``, asked again every
        :data:`BATCH_RECHECK_SECONDS`), or None: it takes none, or it cannot be asked now."""
        now = self._clock()
        if self._batch_checked_at is None or now - self._batch_checked_at >= BATCH_RECHECK_SECONDS:
            try:
                self._batch = self.client.terminal().batch
            except ApiError:
                return None  # unknown: one by one this time, ask again next time
            self._batch_checked_at = now
        return self._batch

    def submit_batch(
        self, operations: Sequence[WriteOperation]
    ) -> list[OperationResult | ApiError | None] | None:
        """Send ``operations`` in order through the server's batch endpoint (docs/API.md "Batch
        delivery"), in as many requests as its ``maxItems`` asks; each with its own key, as its own
        request would be sent.

        Returns:
            Per operation: its result, the typed error its own answer means (``Refused``,
            ``Unavailable`` when its outcome is unknown...), or None when it was not sent or not
            attempted (after an earlier operation of its instrument failed, or an earlier request of
            this call). None when the server takes no batches: nothing was sent.
        """
        support = self.batch_support()
        if support is None:
            return None
        answers: list[OperationResult | ApiError | None] = [None] * len(operations)
        broken: set[str] = set()  # chains stopped at an operation that was not applied
        for start in range(0, len(operations), support.max_items):
            chunk = [
                (start + i, op)
                for i, op in enumerate(operations[start : start + support.max_items])
                if _chain(op) not in broken
            ]
            items = [
                {
                    "idempotencyKey": op.operation_id,
                    "method": op.method,
                    "path": op.path,
                    "body": op.body,
                    "chain": _chain(op),
                }
                for _, op in chunk
            ]
            try:
                got = self.client.post_batch(support.path, items, idempotency_key=str(uuid.uuid4()))
            except Refused as exc:
                # No batch endpoint after all (404/405), or a batch it will not take (its limit changed):
                # ask again later; these go one by one now (or in the next pass, if some were sent).
                self._batch_checked_at = None
                if exc.status in (404, 405):
                    self._batch = None
                return None if start == 0 else answers
            except ApiError as exc:  # the outcome of every item is unknown: same keys next time
                for index, _ in chunk:
                    answers[index] = exc
                return answers
            for (index, op), answer in zip(chunk, got, strict=True):
                answers[index] = _parsed(op, answer)
                if not isinstance(answers[index], OperationResult):
                    broken.add(_chain(op))
        return answers


def _chain(operation: WriteOperation) -> str:
    """The batch chain of an operation: its instrument, or itself when it orders behind nothing."""
    return operation.instrument_key or "op:" + operation.operation_id


def _result(operation: WriteOperation, data: Any) -> OperationResult:
    """The server's answer to ``operation`` as its result (ProtocolError when it is not one)."""
    if operation.declaration.answer is Answer.CUSTOMER:
        return parse.customer_result(data, operation.operation_id, operation.type)
    return parse.operation_result(data, expected_id=operation.operation_id)


def _parsed(operation: WriteOperation, answer: Any | ApiError | None) -> OperationResult | ApiError | None:
    """A batch item's classified answer, its success parsed as its own request's would be."""
    if answer is None or isinstance(answer, ApiError):
        return answer
    try:
        return _result(operation, answer)
    except ProtocolError as exc:
        return exc
