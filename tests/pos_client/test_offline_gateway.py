"""The queued gateway with a hand-written fake of the online gateway: applied, refused, queued, not
sent, outcome unknown, order behind earlier operations, overrides and the audit, status."""

from __future__ import annotations

import datetime as dt
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import pytest

from offline_queue.replayer import Backoff
from offline_queue.store import Outbox, Reported, State
from pos_client.api.errors import Refused, Unavailable
from pos_client.domain import (
    Account,
    AmountMode,
    CheckDigit,
    Instrument,
    IssueMode,
    Kind,
    OfflineLimits,
    OfflinePolicy,
    OperationResult,
    OperationState,
    OpType,
    Series,
    Status,
)
from pos_client.offline import RETENTION_DAYS, OfflineRefused, PendingOperations, QueuedGateway
from pos_client.offline_cache import InstrumentCache
from pos_client.operations import Override, Waiting, WriteOperation, new_operation_id
from pos_client.security import AuditLog
from tests.offline_queue.helpers import FakeClock

CARD = "6033010000000017"
LIMITS = OfflineLimits(Decimal("500.00"), 86400, Decimal("1000.00"))
GIFT = Series(
    series_number="GC-PLN",
    kind=Kind.GIFTCARD,
    description="Gift card PLN",
    prefix="603301",
    length=16,
    check_digit=CheckDigit.LUHN,
    alphanumeric=False,
    currency="PLN",
    issue_mode=IssueMode.PREISSUED,
    amount_mode=AmountMode.MANUAL,
    fixed_amount=None,
    min_amount=Decimal("10.00"),
    max_amount=Decimal("1000.00"),
    validity_days=730,
    issuer_merchant_group="MG-PL",
    acceptor_merchant_group="MG-PL",
    issuable_here=True,
    acceptable_here=True,
    offline_policy=OfflinePolicy(frozenset({"load", "pay", "refund"}), Decimal("100.00"), None),
)
COUPONS = replace(GIFT, series_number="CP", kind=Kind.COUPON, offline_policy=OfflinePolicy())


def down() -> Unavailable:
    return Unavailable("connection refused", maybe_applied=False)


def timeout() -> Unavailable:
    return Unavailable("timeout", maybe_applied=True)


def instrument(available: str) -> Instrument:
    return Instrument(
        instrument_id="I-1",
        kind=Kind.GIFTCARD,
        number=CARD,
        series_number="GC-PLN",
        status=Status.ACTIVE,
        currency="PLN",
        account=Account(Decimal("100"), Decimal(available), Decimal("0"), Decimal("0"), Decimal(available)),
    )


@dataclass
class FakeDirect:
    """The online gateway: answers from a script (exceptions or results), else applies."""

    script: deque[Exception | None] = field(default_factory=deque)
    sent: list[str] = field(default_factory=list)
    balance: str = "80.00"

    def pending(self) -> Waiting:
        return Waiting()

    def submit(self, op: WriteOperation, *, override: Override | None = None) -> OperationResult:
        self.sent.append(op.operation_id)
        answer = self.script.popleft() if self.script else None
        if answer is not None:
            raise answer
        return OperationResult(
            op.operation_id,
            op.type,
            OperationState.APPLIED,
            instrument=instrument(self.balance),
            amount=op.amount,
        )


def pay(amount: str, card: str = CARD, op_type: OpType = OpType.PAY) -> WriteOperation:
    return WriteOperation(
        operation_id=new_operation_id(),
        type=op_type,
        path=f"/giftcards/{card}/_{op_type.value}",
        body={"amount": amount},
        instrument_key=card,
        kind=Kind.GIFTCARD,
        series_number="GC-PLN",
        amount=Decimal(amount),
    )


@pytest.fixture
def direct() -> FakeDirect:
    return FakeDirect()


@pytest.fixture
def audit(tmp_path: Path) -> Iterator[AuditLog]:
    log = AuditLog(tmp_path / "audit.db")
    yield log
    log.close()


@pytest.fixture
def gateway(tmp_path: Path, direct: FakeDirect, audit: AuditLog) -> Iterator[QueuedGateway]:
    box = Outbox(tmp_path / "outbox.db")
    cache = InstrumentCache(tmp_path / "instruments.db")
    gw = QueuedGateway(
        box,
        direct,
        series={"GC-PLN": GIFT, "CP": COUPONS}.get,
        limits=lambda: LIMITS,
        cache=cache,
        audit=audit,
        backoff=Backoff(base=0.01, cap=0.02),
    )
    yield gw
    gw.stop()
    box.close()
    cache.close()


def test_online_operation_is_applied_and_recorded(gateway: QueuedGateway, direct: FakeDirect) -> None:
    op = pay("10.00")
    result = gateway.submit(op)
    assert result.state is OperationState.APPLIED and result.instrument is not None
    entry = gateway.outbox.get(op.operation_id)
    assert entry is not None and (entry.state, entry.reported) == (State.DONE, Reported.APPLIED)
    assert entry.response is not None and op.operation_id in entry.response
    assert gateway.status().online is True


def test_refusal_is_raised_at_once_and_needs_no_attention(gateway: QueuedGateway, direct: FakeDirect) -> None:
    direct.script.append(Refused("BLOCKED", "the card is blocked"))
    op = pay("10.00")
    with pytest.raises(Refused) as caught:
        gateway.submit(op)
    assert caught.value.code == "BLOCKED"
    entry = gateway.outbox.get(op.operation_id)
    assert entry is not None and entry.state is State.REFUSED and not entry.attention
    assert gateway.status().needs_attention == 0


def test_server_down_queues_an_allowed_operation(gateway: QueuedGateway, direct: FakeDirect) -> None:
    direct.script.append(down())
    op = pay("10.00")
    result = gateway.submit(op)
    assert (result.state, result.provisional, result.operation_id) == (
        OperationState.QUEUED,
        True,
        op.operation_id,
    )
    status = gateway.status()
    assert (status.online, status.pending, status.outstanding_value) == (False, 1, Decimal("10.00"))
    assert gateway.flush().delivered == 1
    assert direct.sent == [op.operation_id, op.operation_id]  # the same key on the retry
    assert gateway.status().pending == 0


def test_server_down_refuses_an_operation_not_allowed_offline(
    gateway: QueuedGateway, direct: FakeDirect
) -> None:
    direct.script.append(down())
    op = pay("10.00", op_type=OpType.BLOCK)
    with pytest.raises(OfflineRefused) as caught:
        gateway.submit(op)
    assert not caught.value.maybe_applied and not caught.value.overridable
    assert isinstance(caught.value, Unavailable)
    entry = gateway.outbox.get(op.operation_id)
    assert entry is not None and entry.state is State.NOT_SENT  # kept, never sent
    assert gateway.flush().delivered == 0


def test_timeout_on_an_online_only_operation_is_kept_and_reconciled(
    gateway: QueuedGateway, direct: FakeDirect, audit: AuditLog
) -> None:
    direct.script.append(timeout())
    op = pay("10.00", op_type=OpType.BLOCK)
    with pytest.raises(OfflineRefused) as caught:
        gateway.submit(op)
    assert caught.value.maybe_applied
    entry = gateway.outbox.get(op.operation_id)
    assert entry is not None and (entry.state, entry.reported) == (State.PENDING, Reported.UNAVAILABLE)
    assert gateway.flush().delivered == 1  # the server had (or now has) it under the same key
    entry = gateway.outbox.get(op.operation_id)
    assert entry is not None and entry.state is State.DONE and entry.attention  # shown to a manager
    assert gateway.status().needs_attention == 1
    gateway.acknowledge(op.operation_id, operator_id="anna")  # dealt with: off the list, audited
    assert gateway.status().needs_attention == 0
    [record] = audit.entries()
    assert (record.action, record.operator_id, record.details["operationId"]) == (
        "queue_acknowledge",
        "anna",
        op.operation_id,
    )


def test_later_operation_waits_behind_a_queued_one(gateway: QueuedGateway, direct: FakeDirect) -> None:
    direct.script.append(down())
    first = gateway.submit(pay("10.00", op_type=OpType.LOAD))
    second = gateway.submit(pay("5.00"))  # the server is back, but the load must go first
    assert first.state is OperationState.QUEUED and second.state is OperationState.APPLIED
    assert direct.sent[1:] == [first.operation_id, second.operation_id]


def test_over_the_cap_needs_an_override_which_is_audited(
    gateway: QueuedGateway, direct: FakeDirect, audit: AuditLog
) -> None:
    direct.script.extend([down(), down(), down()])
    with pytest.raises(OfflineRefused) as caught:
        gateway.submit(pay("100.01", op_type=OpType.LOAD))
    assert caught.value.overridable and "100.00" in str(caught.value)
    override = Override(approved_by="anna", operator_id="jan")
    result = gateway.submit(pay("100.01", op_type=OpType.LOAD), override=override)
    assert result.state is OperationState.QUEUED
    [entry] = audit.entries()
    assert (entry.action, entry.operator_id, entry.approved_by) == ("offline_override", "jan", "anna")
    assert entry.subject.endswith("0017") and CARD not in entry.subject
    assert entry.details["limit"] == "per_operation"
    with pytest.raises(OfflineRefused):  # the override was for that operation only
        gateway.submit(pay("100.01", op_type=OpType.LOAD))


def test_last_known_balance_refuses_an_uncovered_offline_spend(
    gateway: QueuedGateway, direct: FakeDirect
) -> None:
    direct.balance = "30.00"
    gateway.submit(pay("1.00", op_type=OpType.LOAD))  # seen online: 30.00 available
    direct.script.extend([down(), down()])
    assert gateway.submit(pay("20.00")).state is OperationState.QUEUED
    with pytest.raises(OfflineRefused, match=r"covers only 10\.00"):
        gateway.submit(pay("10.01"))


def test_queued_operation_later_refused_needs_attention(gateway: QueuedGateway, direct: FakeDirect) -> None:
    direct.script.extend([down(), Refused("BLOCKED", "blocked meanwhile")])
    op = pay("10.00")
    gateway.submit(op)
    report = gateway.flush()
    assert report.refused == 1
    status = gateway.status()
    assert (status.pending, status.needs_attention) == (0, 1)


def test_status_callback_is_told_of_changes(tmp_path: Path, direct: FakeDirect) -> None:
    seen = []
    box = Outbox(tmp_path / "o.db")
    gw = QueuedGateway(box, direct, series={"GC-PLN": GIFT}.get, limits=lambda: LIMITS, on_status=seen.append)
    direct.script.append(down())
    gw.submit(pay("10.00"))
    assert seen and seen[-1].pending == 1 and seen[-1].online is False
    box.close()


def test_retry_of_a_refused_operation_goes_out_under_a_fresh_key_and_is_audited(
    gateway: QueuedGateway, direct: FakeDirect, audit: AuditLog
) -> None:
    direct.script.extend([down(), Refused("BLOCKED", "blocked meanwhile")])
    op = pay("10.00")
    gateway.submit(op)
    later = gateway.submit(pay("5.00"))  # held behind the refusal once it comes
    gateway.flush()
    assert gateway.status().held == 1 and gateway.status().waiting == 0
    entry = gateway.retry(op.operation_id[-8:], operator_id="anna")
    assert entry.operation_id != op.operation_id and entry.previous_keys == (op.operation_id,)
    assert gateway.flush().delivered == 2  # the retried one, then the one held behind it
    assert direct.sent[-2:] == [entry.operation_id, later.operation_id]
    assert [e.action for e in audit.entries()] == ["queue_retry"]
    assert gateway.status().needs_attention == 0


def test_park_lets_the_card_move_on_and_is_audited(
    gateway: QueuedGateway, direct: FakeDirect, audit: AuditLog
) -> None:
    direct.script.extend([down(), Refused("BLOCKED", "blocked meanwhile")])
    op = pay("10.00")
    gateway.submit(op)
    later = gateway.submit(pay("5.00"))
    gateway.flush()
    parked = gateway.park(op.operation_id, operator_id="anna")
    assert parked.state is State.PARKED
    gateway.flush()
    assert gateway.outbox.get(later.operation_id).state is State.DONE  # type: ignore[union-attr]
    [entry] = audit.entries()
    assert (entry.action, entry.operator_id) == ("queue_park", "anna")


@pytest.mark.parametrize(("age", "allowed"), [(86399, True), (86400, True), (86401, False)])
def test_queue_age_limit_at_its_edges(tmp_path: Path, direct: FakeDirect, age: int, allowed: bool) -> None:
    clock = FakeClock(float(int(time.time())))  # whole seconds: datetimes keep microseconds only
    box = Outbox(tmp_path / "o.db", clock=clock)
    gw = QueuedGateway(box, direct, series={"GC-PLN": GIFT}.get, limits=lambda: LIMITS, clock=clock)
    direct.script.extend([down(), down()])
    first = replace(pay("1.00"), created=dt.datetime.fromtimestamp(clock.now, dt.UTC))
    assert gw.submit(first).state is OperationState.QUEUED
    clock.advance(age)  # the first operation has now waited ``age`` seconds (limit: 86400)
    later = replace(
        pay("1.00", card="6033010000000025"), created=dt.datetime.fromtimestamp(clock.now, dt.UTC)
    )
    if allowed:
        assert gw.submit(later).state is OperationState.QUEUED
    else:
        with pytest.raises(OfflineRefused, match="longer than 24 h") as caught:
            gw.submit(later)
        assert not caught.value.overridable  # connect the terminal: no manager can wave it through
    box.close()


@pytest.mark.parametrize(
    ("last", "verdict"), [("99.99", "queued"), ("100.00", "queued"), ("100.01", "override")]
)
def test_outstanding_value_limit_at_its_edges(
    gateway: QueuedGateway, direct: FakeDirect, last: str, verdict: str
) -> None:
    direct.script.extend(down() for _ in range(5))
    for _ in range(4):  # 400.00 waits already (each at the 100.00 per-operation cap); the total cap is 500.00
        assert gateway.submit(pay("100.00", op_type=OpType.LOAD)).state is OperationState.QUEUED
    if verdict == "queued":
        assert gateway.submit(pay(last, op_type=OpType.LOAD)).state is OperationState.QUEUED
        assert gateway.status().outstanding_value == Decimal("400.00") + Decimal(last)
    else:
        with pytest.raises(OfflineRefused) as caught:
            gateway.submit(pay(last, op_type=OpType.LOAD))
        assert caught.value.overridable


def test_sign_off_is_refused_while_operations_wait(gateway: QueuedGateway, direct: FakeDirect) -> None:
    gateway.ensure_nothing_pending()  # nothing waits: allowed
    direct.script.append(down())
    gateway.submit(pay("10.00"))
    with pytest.raises(PendingOperations, match="cannot reset the terminal: 1 operation") as caught:
        gateway.ensure_nothing_pending("reset the terminal")
    assert caught.value.status.pending == 1
    gateway.flush()
    gateway.ensure_nothing_pending()  # delivered: allowed again


def test_background_delivery_keeps_no_answers_in_memory(gateway: QueuedGateway, direct: FakeDirect) -> None:
    direct.script.append(down())
    op = gateway.submit(pay("10.00"))
    assert gateway.flush().delivered == 1
    assert gateway.sender.take(op.operation_id) is None  # only a live attempt keeps its answer


def test_start_drops_delivered_operations_past_retention(tmp_path: Path, direct: FakeDirect) -> None:
    now = [1_000_000.0]
    box = Outbox(tmp_path / "retained.db", clock=lambda: now[0])
    gw = QueuedGateway(box, direct, series={"GC-PLN": GIFT}.get, limits=lambda: LIMITS)
    old, recent = pay("1.00"), pay("2.00")
    gw.submit(old)
    now[0] += (RETENTION_DAYS + 1) * 86400
    gw.submit(recent)
    try:
        gw.start()
        gw.stop()  # waits for the upkeep start() runs beside delivery
        assert box.get(old.operation_id) is None
        assert box.get(recent.operation_id) is not None
    finally:
        gw.stop()
        box.close()
