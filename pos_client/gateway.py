"""The online write gateway: send each write now (retried within its deadline), and say how it ended.

``DirectGateway.submit`` posts a :class:`~pos_client.operations.WriteOperation` with its operation id
as the ``Idempotency-Key`` and parses the answer into an APPLIED
:class:`~pos_client.domain.OperationResult`. The client retries transient faults with the same key
within the operation's deadline (``pos_client.api.retry``); the last fault is raised unchanged. It
never queues (that is the queued gateway's job, wrapping this one).
"""

from __future__ import annotations

from typing import Any

from pos_client.api import parse
from pos_client.api.client import LoyaltyClient
from pos_client.declarations import Answer
from pos_client.domain import OperationResult
from pos_client.operations import Override, Waiting, WriteOperation


class DirectGateway:
    """A :class:`~pos_client.operations.WriteGateway` that sends at once, online only.

    Args:
        client: the API client.
    """

    def __init__(self, client: LoyaltyClient) -> None:
        self.client = client

    def pending(self) -> Waiting:
        """Nothing ever waits here: a direct gateway never queues."""
        return Waiting()

    def submit(self, operation: WriteOperation, *, override: Override | None = None) -> OperationResult:
        """Send ``operation`` (tried again with the same key on transient faults, within the deadline).
        ``override`` is for a gateway that queues; sending now needs none.

        Raises:
            Refused, Unavailable, Unauthorized, ProtocolError: from the client.
        """

        answer = operation.declaration.answer

        def parse_answer(data: Any) -> OperationResult:
            if answer is Answer.CUSTOMER:
                return parse.customer_result(data, operation.operation_id, operation.type)
            return parse.operation_result(data, expected_id=operation.operation_id)

        # An answer that does not parse is retried with the same key, like a lost one.
        return self.client.post_parsed(
            operation.path, operation.body, parse_answer, idempotency_key=operation.operation_id
        )
