"""Hand-written fakes for the outbox tests: a settable clock, a scripted send function, operations."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from offline_queue.replayer import SendOutcome
from pos_client.domain import Kind, OpType
from pos_client.operations import WriteOperation, new_operation_id


@dataclass
class FakeClock:
    """Wall-clock seconds that only move when told to."""

    now: float = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_op(
    instrument: str = "6033010000000017", amount: str | None = "5.00", **kw: object
) -> WriteOperation:
    """A gift-card load on ``instrument`` (the body names the amount, as the API client would)."""
    op_type = kw.pop("type", OpType.LOAD)
    return WriteOperation(
        operation_id=str(kw.pop("operation_id", new_operation_id())),
        type=op_type,  # type: ignore[arg-type]
        path=f"/giftcards/{instrument}/_load",
        body={"amount": amount} if amount is not None else {},
        instrument_key=instrument,
        kind=Kind.GIFTCARD,
        series_number="GC-PLN",
        amount=Decimal(amount) if amount is not None else None,
    )


@dataclass
class ScriptedSend:
    """A send function answering from a script per operation id, DELIVERED by default.

    ``script[operation_id]`` is a queue of outcomes used one per attempt; ``calls`` records every
    attempt in order, so tests can check ordering and same-key retries.
    """

    script: dict[str, deque[SendOutcome]] = field(default_factory=dict)
    calls: list[WriteOperation] = field(default_factory=list)
    default: Callable[[WriteOperation], SendOutcome] = lambda op: SendOutcome.delivered(
        f'{{"operationId": "{op.operation_id}"}}'
    )

    def plan(self, op: WriteOperation, *outcomes: SendOutcome) -> None:
        self.script.setdefault(op.operation_id, deque()).extend(outcomes)

    def __call__(self, op: WriteOperation) -> SendOutcome:
        self.calls.append(op)
        queue = self.script.get(op.operation_id)
        if queue:
            return queue.popleft()
        return self.default(op)

    @property
    def sent_ids(self) -> list[str]:
        return [op.operation_id for op in self.calls]
