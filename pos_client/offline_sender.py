"""The queue's send function: one write through the online gateway, its typed errors → ``SendOutcome``.

The replayer (``offline_queue``) knows nothing of HTTP; this adapter turns the direct gateway's answers
into what it understands (delivered / refused / retry, with Retry-After and whether the request may
have reached the server). It also hands a live attempt the real result or the server's own refusal.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

from offline_queue.replayer import SendOutcome
from pos_client.api.client import GATEWAY_DOWN
from pos_client.api.errors import ProtocolError, Refused, Unauthorized, Unavailable
from pos_client.api.retry import current_deadline, single_attempt
from pos_client.domain import OperationResult
from pos_client.operations import WriteGateway, WriteOperation

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
        except Refused as exc:
            self._keep(op.operation_id, exc)
            return SendOutcome.refused(exc.code, _error_json(exc))
        except Unavailable as exc:
            self._keep(op.operation_id, exc)
            self._attempt.answered = exc.status is not None and exc.status not in GATEWAY_DOWN
            return SendOutcome.retry(
                str(exc) or type(exc).__name__, retry_after=exc.retry_after, reached_server=exc.maybe_applied
            )
        except Unauthorized as exc:
            self._keep(op.operation_id, exc)
            return SendOutcome.retry(f"unauthorized: {exc}", reached_server=False)
        except ProtocolError as exc:
            self._keep(op.operation_id, exc)
            return SendOutcome.retry(f"protocol error: {exc}")
        self._keep(op.operation_id, result)
        if self.on_result is not None:
            self.on_result(result)
        return SendOutcome.delivered(_result_json(result))

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
