"""The queue's send function: one write through the online gateway, its typed errors → ``SendOutcome``.

The replayer (``offline_queue``) knows nothing of HTTP; this adapter turns the direct gateway's answers
into what it understands (delivered / refused / retry, with Retry-After and whether the request may
have reached the server). It also hands a live attempt the real result or the server's own refusal.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence

from offline_queue.replayer import SendOutcome
from pos_client.api.client import GATEWAY_DOWN
from pos_client.api.errors import ApiError, Refused, Unauthorized, Unavailable
from pos_client.api.retry import current_deadline, single_attempt
from pos_client.domain import OperationResult
from pos_client.operations import BatchGateway, WriteGateway, WriteOperation

__all__ = ["GatewaySender"]


def _result_json(result: OperationResult) -> str:
    """A compact audit record of an applied operation (the outbox keeps it with the row)."""
    return json.dumps(
        {
            "operationId": result.operation_id,
            "transactionId": result.transaction_id,
            "type": result.type.value,
            "amount": str(result.amount) if result.amount is not None else None,
            "points": result.points,
            "authCode": result.auth_code,
            "created": result.created.isoformat() if result.created else None,
        },
        separators=(",", ":"),
    )


def _error_json(exc: Refused) -> str:
    return json.dumps({"error": {"code": exc.code, "message": str(exc)}}, ensure_ascii=False)


class GatewaySender:
    """The queue's send function over the online gateway: typed errors → ``SendOutcome``.

    The last answer per operation (result or exception) is kept briefly so that the live attempt
    can hand the cashier the real result or the server's own refusal.
    """

    def __init__(self, direct: WriteGateway) -> None:
        self._direct = direct
        self._wanted: set[str] = set()  # operations a live attempt waits on (only those are kept)
        self._answers: dict[str, OperationResult | Exception] = {}
        self._lock = threading.Lock()
        self._attempt = threading.local()  # this thread's attempt: did the server answer?
        self.on_result: Callable[[OperationResult], None] | None = None
        # Told whether the server answered each attempt (pos_client.reachability): a refusal, an
        # answer, a 401 or a 429 is an answer; a connection error, a timeout or a 502/503/504 is not.
        self.on_reach: Callable[[bool], None] | None = None

    def __call__(self, op: WriteOperation) -> SendOutcome:
        self._attempt.answered = True  # only Unavailable may say the server was not reached
        outcome = self._send(op)
        if self.on_reach is not None:
            self.on_reach(self._attempt.answered)
        return outcome

    def _send(self, op: WriteOperation) -> SendOutcome:
        try:
            if current_deadline() is None:
                # The replayer's pass: one try; its backoff, not an immediate retry, spaces the next.
                with single_attempt():
                    result = self._direct.submit(op)
            else:  # a cashier's live operation: retried within its deadline
                result = self._direct.submit(op)
        except ApiError as exc:
            return self._outcome(op, exc)
        return self._outcome(op, result)

    def send_batch(self, ops: Sequence[WriteOperation]) -> list[SendOutcome | None] | None:
        """The queue's batch send function: ``ops`` in one request per batch (the server's batch
        endpoint), an outcome each (None: not attempted); None when the server takes no batches."""
        if not isinstance(self._direct, BatchGateway):
            return None
        self._attempt.answered = True
        if current_deadline() is None:
            with single_attempt():
                answers = self._direct.submit_batch(ops)
        else:
            answers = self._direct.submit_batch(ops)
        if answers is None:
            return None
        outcomes = [None if a is None else self._outcome(op, a) for op, a in zip(ops, answers, strict=True)]
        if self.on_reach is not None:
            self.on_reach(self._attempt.answered)
        return outcomes

    def _outcome(self, op: WriteOperation, answer: OperationResult | ApiError) -> SendOutcome:
        """One attempt's answer (the result or the typed error) as the queue's outcome."""
        self._keep(op.operation_id, answer)
        if isinstance(answer, Refused):
            return SendOutcome.refused(answer.code, _error_json(answer))
        if isinstance(answer, Unavailable):
            self._attempt.answered = answer.status is not None and answer.status not in GATEWAY_DOWN
            return SendOutcome.retry(
                str(answer) or type(answer).__name__,
                retry_after=answer.retry_after,
                reached_server=answer.maybe_applied,
            )
        if isinstance(answer, Unauthorized):
            return SendOutcome.retry(f"unauthorized: {answer}", reached_server=False)
        if isinstance(answer, ApiError):  # ProtocolError: the answer does not match the contract
            return SendOutcome.retry(f"protocol error: {answer}")
        if self.on_result is not None:
            self.on_result(answer)
        return SendOutcome.delivered(_result_json(answer))

    def expect(self, operation_id: str) -> None:
        """Keep the next answer for this operation until :meth:`take` or :meth:`forget` (a replay
        of other operations keeps nothing, so a long-running replayer holds no memory)."""
        with self._lock:
            self._wanted.add(operation_id)

    def _keep(self, operation_id: str, answer: OperationResult | Exception) -> None:
        with self._lock:
            if operation_id in self._wanted:
                self._answers[operation_id] = answer

    def take(self, operation_id: str) -> OperationResult | Exception | None:
        """The last answer for this operation (and forget it)."""
        with self._lock:
            return self._answers.pop(operation_id, None)

    def forget(self, operation_id: str) -> None:
        """Stop keeping answers for this operation."""
        with self._lock:
            self._wanted.discard(operation_id)
            self._answers.pop(operation_id, None)
