"""``LoyaltyService`` against the real reference server on loopback: balances, holds, loads, refunds,
voids, refusals, roles and manager approvals recorded in the audit log.

The module runs its own demo server (``start_server`` of ``tests/fixtures/server.py``, like
``server`` but not shared with other modules, so no other test can block, activate or spend the
samples read here). Most tests work on cards they issue themselves (a live-printed gift card or a
store-credit note), so their starting balance is known; a sample a test uses up is used by no other.
"""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from pos_client.api.client import LoyaltyClient
from pos_client.api.errors import Refused, Unauthorized, Unavailable
from pos_client.catalogue import Catalogue, Reason
from pos_client.domain import Kind, OpType, Status
from pos_client.gateway import DirectGateway
from pos_client.money import MoneyError
from pos_client.operations import WriteOperation
from pos_client.security import (
    Approval,
    ApprovalRequired,
    AuditLog,
    BadPin,
    Forbidden,
    OperatorStore,
    Role,
)
from pos_client.service import EventType, IdentificationError, LoyaltyService, ServiceEvent, WrongKind
from tests.fixtures.server import RunningServer, start_server, stop_server


@dataclass
class Till:
    """A service for one signed-on operator, with what it writes to."""

    service: LoyaltyService
    audit: AuditLog
    operators: OperatorStore
    events: list[ServiceEvent]


def _pins(server: RunningServer) -> dict[str, str]:
    return {str(o["id"]): str(o["pin"]) for o in server.manifest["operators"]}


def _ids_by_role(server: RunningServer, role: str) -> list[str]:
    return [str(o["id"]) for o in server.manifest["operators"] if o["role"] == role]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """The reference server with demo data, for this module only."""
    running = start_server(tmp_path_factory.mktemp("service-server"))
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def seeded_operators(tmp_path_factory: pytest.TempPathFactory) -> Callable[[RunningServer], Path]:
    """An operator database seeded from a manifest, made once (scrypt is slow on purpose) and copied."""
    made: dict[str, Path] = {}

    def template(server: RunningServer) -> Path:
        key = json.dumps(server.manifest["operators"], sort_keys=True)
        if key not in made:
            path = tmp_path_factory.mktemp("operators") / "operators.db"
            store = OperatorStore(path)
            store.seed(server.manifest["operators"])
            store.close()
            made[key] = path
        return made[key]

    return template


@pytest.fixture
def open_till(
    tmp_path: Path, seeded_operators: Callable[[RunningServer], Path]
) -> Iterator[Callable[..., Till]]:
    """Make a till on a server for an operator role (signed on with the manifest's PIN)."""
    opened: list[tuple[LoyaltyClient, Till]] = []

    def make(server: RunningServer, role: str = "manager", terminal: int = 0) -> Till:
        data = tmp_path / f"till-{len(opened)}"
        data.mkdir()
        client = LoyaltyClient(server.base_url, server.loyalty_group, server.token(terminal))
        shutil.copy(seeded_operators(server), data / "operators.db")
        operators = OperatorStore(data / "operators.db")
        audit = AuditLog(data / "audit.db")
        operator_id = _ids_by_role(server, role)[0]
        first = operators.get(operator_id)
        assert first is not None
        service = LoyaltyService(
            client,
            Catalogue(data / "series.db"),
            DirectGateway(client),
            first,
            operators=operators,
            audit=audit,
        )
        service.sign_on(operator_id, _pins(server)[operator_id])
        till = Till(service, audit, operators, [])
        service.add_listener(till.events.append)
        opened.append((client, till))
        return till

    yield make
    for client, till in opened:
        client.close()
        till.audit.close()
        till.operators.close()


@pytest.fixture
def manager(server: RunningServer, open_till: Callable[..., Till]) -> Till:
    return open_till(server, "manager")


@pytest.fixture
def cashier(server: RunningServer, open_till: Callable[..., Till]) -> Till:
    return open_till(server, "cashier")


def new_gift_card(till: Till, amount: str = "100.00") -> str:
    """A live-printed gift card issued now: its own known balance, whatever other tests do."""
    result = till.service.issue("GC-LIVE", Decimal(amount))
    assert result.instrument is not None
    return result.instrument.number


def available(till: Till, number: str) -> Decimal:
    account = till.service.balance(number).account
    assert account is not None
    return account.available


def manager_approval(server: RunningServer) -> Approval:
    manager_id = _ids_by_role(server, "manager")[0]
    return Approval(manager_id, _pins(server)[manager_id])


# -- balances -------------------------------------------------------------------------------------


def test_balance_of_each_kind(server: RunningServer, manager: Till) -> None:
    service = manager.service
    gift = service.balance(server.sample("giftcard_active"))
    assert (gift.kind, gift.status, gift.currency) == (Kind.GIFTCARD, Status.ACTIVE, "PLN")
    assert gift.account is not None and isinstance(gift.account.available, Decimal)
    assert gift.account.available == gift.account.net - gift.account.authorized

    credit = service.balance(server.sample("storecredit_active"))
    assert credit.kind is Kind.STORECREDIT
    assert credit.account is not None and credit.account.available > 0

    coupon = service.balance(server.sample("coupon_active", 3))
    assert coupon.kind is Kind.COUPON
    assert coupon.offer is not None and coupon.account is None

    card = service.balance(server.sample("loyaltycard_active"))
    assert card.kind is Kind.LOYALTYCARD
    assert card.points is not None and isinstance(card.points.balance, int)
    assert card.account is None


@pytest.mark.parametrize(
    ("sample", "status"),
    [
        ("giftcard_preissued", Status.PREISSUED),
        ("giftcard_blocked", Status.BLOCKED),
        ("giftcard_expired", Status.EXPIRED),
        ("coupon_used", Status.USED),
    ],
)
def test_balance_reports_the_state(server: RunningServer, manager: Till, sample: str, status: Status) -> None:
    assert manager.service.balance(server.sample(sample)).status is status


def test_a_card_not_accepted_here_may_be_looked_at_but_not_used(server: RunningServer, manager: Till) -> None:
    number = server.sample("not_accepted_here")
    assert manager.service.balance(number).acceptable_here is False
    with pytest.raises(IdentificationError) as info:
        manager.service.pay(number, Decimal("1.00"))
    assert info.value.reason is Reason.NOT_ACCEPTED_HERE


def test_a_scanned_number_is_normalised_before_the_lookup(server: RunningServer, manager: Till) -> None:
    number = server.sample("giftcard_active")
    assert manager.service.balance(f"]E0{number}\r\n").number == number


def test_unknown_number(manager: Till) -> None:
    with pytest.raises(IdentificationError) as info:
        manager.service.balance("4111111111111111")
    assert info.value.reason is Reason.UNKNOWN_PREFIX


def test_history_newest_first(manager: Till) -> None:
    number = new_gift_card(manager, "40.00")
    manager.service.load(number, Decimal("5.00"))
    history = manager.service.history(number)
    assert [t.type for t in history] == ["load", "issue"]
    assert history[0].balance_after == Decimal("45.00")


# -- gift-card money ------------------------------------------------------------------------------


def test_pay_then_commit(manager: Till) -> None:
    service = manager.service
    number = new_gift_card(manager, "100.00")
    hold = service.pay(number, Decimal("30.00"), reference="receipt 17")
    assert hold.type is OpType.PAY
    assert hold.auth_code
    assert hold.instrument is not None and hold.instrument.account is not None
    assert hold.instrument.account.authorized == Decimal("30.00")
    assert available(manager, number) == Decimal("70.00")
    done = service.commit(number, hold.auth_code, Decimal("25.00"))  # less than held: the rest is released
    assert done.type is OpType.COMMIT
    assert done.instrument is not None and done.instrument.account is not None
    assert done.instrument.account.net == Decimal("75.00")
    assert done.instrument.account.authorized == Decimal("0.00")
    assert available(manager, number) == Decimal("75.00")
    with pytest.raises(Refused) as again:
        service.commit(number, hold.auth_code)
    assert again.value.code == "AUTH_FINAL"


def test_pay_then_cancel(manager: Till) -> None:
    number = new_gift_card(manager, "50.00")
    hold = manager.service.pay(number, Decimal("20.00"))
    assert available(manager, number) == Decimal("30.00")
    assert hold.auth_code is not None
    cancelled = manager.service.cancel(number, hold.auth_code)
    assert cancelled.type is OpType.CANCEL
    assert available(manager, number) == Decimal("50.00")


def test_load(manager: Till) -> None:
    number = new_gift_card(manager, "20.00")
    result = manager.service.load(number, Decimal("12.50"))
    assert result.type is OpType.LOAD
    assert result.amount == Decimal("12.50")
    assert available(manager, number) == Decimal("32.50")


def test_refund_of_a_payment(manager: Till) -> None:
    service = manager.service
    number = new_gift_card(manager, "100.00")
    hold = service.pay(number, Decimal("40.00"))
    assert hold.auth_code is not None
    service.commit(number, hold.auth_code)
    assert available(manager, number) == Decimal("60.00")
    service.refund(number, Decimal("15.00"), original=hold.operation_id)
    assert available(manager, number) == Decimal("75.00")
    with pytest.raises(Refused):  # never more than the original payment
        service.refund(number, Decimal("30.00"), original=hold.operation_id)
    assert available(manager, number) == Decimal("75.00")


def test_void_reverses_a_load_exactly_once(manager: Till) -> None:
    number = new_gift_card(manager, "20.00")
    load = manager.service.load(number, Decimal("30.00"))
    voided = manager.service.void(number, load.operation_id)
    assert voided.type is OpType.VOID
    assert available(manager, number) == Decimal("20.00")
    with pytest.raises(Refused) as again:
        manager.service.void(number, load.operation_id)
    assert again.value.code == "ALREADY_REVERSED"


def test_activate_a_preissued_card(server: RunningServer, manager: Till) -> None:
    number = server.sample("giftcard_preissued", 7)
    assert manager.service.balance(number).status is Status.PREISSUED
    with pytest.raises(WrongKind):
        manager.service.load(number, Decimal("5.00"), kind=Kind.STORECREDIT)  # not a store-credit number
    result = manager.service.activate(number, Decimal("60.00"))
    assert result.type is OpType.ISSUE
    after = manager.service.balance(number)
    assert after.status is Status.ACTIVE
    assert after.account is not None and after.account.available == Decimal("60.00")


def test_issue_store_credit(manager: Till) -> None:
    result = manager.service.issue("SC-PLN", Decimal("25.00"))
    assert result.instrument is not None
    note = manager.service.balance(result.instrument.number)
    assert note.kind is Kind.STORECREDIT
    assert note.account is not None and note.account.available == Decimal("25.00")


# -- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "code"),
    [("giftcard_blocked", "BLOCKED"), ("giftcard_expired", "EXPIRED")],
)
def test_refused_payments(server: RunningServer, manager: Till, sample: str, code: str) -> None:
    with pytest.raises(Refused) as info:
        manager.service.pay(server.sample(sample), Decimal("1.00"))
    assert info.value.code == code
    assert info.value.message  # the server's words for the cashier


def test_insufficient_funds(manager: Till) -> None:
    number = new_gift_card(manager, "20.00")
    with pytest.raises(Refused) as info:
        manager.service.pay(number, Decimal("20.01"))
    assert info.value.code == "INSUFFICIENT_FUNDS"
    assert available(manager, number) == Decimal("20.00")


def test_wrong_kind_and_bad_amounts_are_refused_before_sending(server: RunningServer, manager: Till) -> None:
    with pytest.raises(WrongKind):
        manager.service.pay(server.sample("coupon_active", 3), Decimal("1.00"))
    number = new_gift_card(manager, "20.00")
    for amount in (Decimal("0"), Decimal("-1"), Decimal("1.005"), Decimal("NaN")):
        with pytest.raises(MoneyError):
            manager.service.pay(number, amount)
    assert len(manager.service.history(number)) == 1  # only the issue reached the server


def test_a_used_coupon(server: RunningServer, open_till: Callable[..., Till]) -> None:
    till = open_till(server, "cashier")
    code = server.sample("coupon_active", 0)  # used up here; no other test of this module uses it
    redeemed = till.service.coupon_redeem(code, reference="receipt 1")
    assert redeemed.type is OpType.REDEEM
    assert till.service.coupon_check(code).status is Status.USED
    with pytest.raises(Refused) as info:
        till.service.coupon_redeem(code)
    assert info.value.code == "COUPON_USED"
    with pytest.raises(Refused) as used:
        till.service.coupon_redeem(server.sample("coupon_used"))
    assert used.value.code == "COUPON_USED"


def test_points_earn_and_quote(server: RunningServer, cashier: Till) -> None:
    card = server.sample("loyaltycard_active", 5)
    service = cashier.service
    before = service.balance(card).points
    assert before is not None
    quote = service.points_quote(card, amount=Decimal("50.00"))
    assert quote.points > 0
    unchanged = service.balance(card).points
    assert unchanged is not None and unchanged.balance == before.balance  # a quote has no effect
    earned = service.points_earn(card, amount=Decimal("50.00"))
    assert earned.points == quote.points
    after = service.balance(card).points
    assert after is not None
    assert after.balance + after.pending == before.balance + before.pending + quote.points


def test_a_token_the_server_does_not_know(server: RunningServer, manager: Till) -> None:
    stranger = LoyaltyClient(server.base_url, server.loyalty_group, "not-a-token")
    with pytest.raises(Unauthorized):
        LoyaltyService(
            stranger, manager.service.catalogue, DirectGateway(stranger), manager.service.operator
        ).terminal()
    stranger.close()


def test_a_resent_write_is_applied_once(manager: Till) -> None:
    """The direct gateway sends the operation id as the idempotency key: a resend is the same operation."""
    number = new_gift_card(manager, "20.00")
    operation = WriteOperation(
        operation_id="b8c5c1c2-1111-4222-8333-444455556666",
        type=OpType.LOAD,
        path=f"/giftcards/{number}/_load",
        body={"amount": "5.00"},
        instrument_key=number,
        kind=Kind.GIFTCARD,
    )
    first = manager.service.gateway.submit(operation)
    second = manager.service.gateway.submit(operation)
    assert first.transaction_id == second.transaction_id
    assert available(manager, number) == Decimal("25.00")


# -- roles and approvals --------------------------------------------------------------------------


def test_a_cashier_cannot_block_without_a_manager(server: RunningServer, cashier: Till) -> None:
    number = new_gift_card(cashier)
    with pytest.raises(ApprovalRequired) as info:
        cashier.service.block(number, "lost")
    assert info.value.action == "giftcard.block"
    assert cashier.service.balance(number).status is Status.ACTIVE  # nothing was sent
    assert not [e for e in cashier.audit.entries() if e.action == "giftcard.block"]


def test_a_cashier_cannot_approve_for_another_cashier(server: RunningServer, cashier: Till) -> None:
    number = new_gift_card(cashier)
    other = _ids_by_role(server, "cashier")[1]
    with pytest.raises(ApprovalRequired, match="not a manager"):
        cashier.service.block(number, "lost", approval=Approval(other, _pins(server)[other]))
    assert cashier.service.balance(number).status is Status.ACTIVE


def test_a_wrong_manager_pin_is_no_approval(server: RunningServer, cashier: Till) -> None:
    number = new_gift_card(cashier)
    approval = manager_approval(server)
    with pytest.raises(BadPin):
        cashier.service.block(number, "lost", approval=Approval(approval.manager_id, approval.pin + "9"))
    assert cashier.service.balance(number).status is Status.ACTIVE


def test_a_cashier_blocks_with_a_managers_approval_recorded_in_the_audit_log(
    server: RunningServer, cashier: Till
) -> None:
    number = new_gift_card(cashier)
    approval = manager_approval(server)
    result = cashier.service.block(number, "stolen", approval=approval)
    assert result.type is OpType.BLOCK
    assert cashier.service.balance(number).status is Status.BLOCKED
    entry = next(e for e in cashier.audit.entries() if e.action == "giftcard.block")
    assert entry.operator_id == cashier.service.operator.operator_id
    assert cashier.service.operator.role is Role.CASHIER
    assert entry.approved_by == approval.manager_id
    assert entry.details["operationId"] == result.operation_id
    assert entry.details["outcome"] == "applied"
    assert number not in entry.subject and entry.subject.endswith(number[-4:])  # masked


def test_a_cashier_cannot_issue_store_credit_without_a_manager(server: RunningServer, cashier: Till) -> None:
    with pytest.raises(ApprovalRequired) as info:
        cashier.service.issue("SC-PLN", Decimal("25.00"))
    assert info.value.action == "storecredit.issue"
    approval = manager_approval(server)
    result = cashier.service.issue("SC-PLN", Decimal("25.00"), approval=approval)
    assert result.instrument is not None and result.instrument.kind is Kind.STORECREDIT
    entry = next(e for e in cashier.audit.entries() if e.action == "storecredit.issue")
    assert (entry.approved_by, entry.details["operationId"]) == (approval.manager_id, result.operation_id)


def test_a_cashier_may_sell_gift_cards_and_take_payments_alone(cashier: Till) -> None:
    number = new_gift_card(cashier, "30.00")
    hold = cashier.service.pay(number, Decimal("5.00"))
    assert hold.auth_code is not None
    cashier.service.commit(number, hold.auth_code)
    assert available(cashier, number) == Decimal("25.00")
    assert not [e for e in cashier.audit.entries() if e.action != "sign_on"]  # nothing sensitive


def test_a_cashier_refund_needs_approval(server: RunningServer, cashier: Till) -> None:
    number = new_gift_card(cashier, "30.00")
    hold = cashier.service.pay(number, Decimal("10.00"))
    assert hold.auth_code is not None
    cashier.service.commit(number, hold.auth_code)
    with pytest.raises(ApprovalRequired):
        cashier.service.refund(number, Decimal("5.00"), original=hold.operation_id)
    cashier.service.refund(
        number, Decimal("5.00"), original=hold.operation_id, approval=manager_approval(server)
    )
    assert available(cashier, number) == Decimal("25.00")


def test_a_managers_own_sensitive_operation_is_audited(manager: Till) -> None:
    number = new_gift_card(manager)
    manager.service.block(number, "damaged")
    entry = next(e for e in manager.audit.entries() if e.action == "giftcard.block")
    assert entry.operator_id == entry.approved_by == manager.service.operator.operator_id


def test_a_refused_sensitive_operation_is_audited_with_its_code(manager: Till) -> None:
    number = new_gift_card(manager)
    with pytest.raises(Refused):
        manager.service.unblock(number)  # not blocked
    entry = next(e for e in manager.audit.entries() if e.action == "giftcard.unblock")
    assert entry.details["outcome"] == "refused:NOT_ACTIVE"


def test_a_technician_runs_no_sales(server: RunningServer, open_till: Callable[..., Till]) -> None:
    technician = open_till(server, "technician")
    number = server.sample("giftcard_active")
    assert technician.service.balance(number).kind is Kind.GIFTCARD  # diagnostics may read
    with pytest.raises(Forbidden):
        technician.service.pay(number, Decimal("1.00"))
    with pytest.raises(Forbidden):
        technician.service.block(number, "lost", approval=manager_approval(server))


def test_sign_on_is_audited_and_a_wrong_pin_refused(server: RunningServer, cashier: Till) -> None:
    cashier_id = cashier.service.operator.operator_id
    assert any(e.action == "sign_on" and e.operator_id == cashier_id for e in cashier.audit.entries())
    with pytest.raises(BadPin):
        cashier.service.sign_on(cashier_id, "not-the-pin")
    assert cashier.service.operator.operator_id == cashier_id  # still the one signed on


# -- events ---------------------------------------------------------------------------------------


def test_listeners_hear_started_finished_and_failed(server: RunningServer, manager: Till) -> None:
    number = new_gift_card(manager, "20.00")
    manager.events.clear()
    result = manager.service.load(number, Decimal("1.00"))
    assert [(e.type, e.action) for e in manager.events] == [
        (EventType.STARTED, "giftcard.load"),
        (EventType.FINISHED, "giftcard.load"),
    ]
    assert manager.events[1].result == result
    assert all(number not in e.subject for e in manager.events)  # masked
    manager.events.clear()
    with pytest.raises(Refused):
        manager.service.pay(server.sample("giftcard_blocked"), Decimal("1.00"))
    assert [e.type for e in manager.events] == [EventType.STARTED, EventType.FAILED]
    assert isinstance(manager.events[1].error, Refused)


@pytest.mark.allow_log(r"^service listener failed on ", logger="pos_client")
def test_a_broken_listener_does_not_break_an_operation(manager: Till) -> None:
    def broken(event: ServiceEvent) -> None:
        raise RuntimeError("status bar bug")

    manager.service.add_listener(broken)
    number = new_gift_card(manager, "20.00")
    assert manager.service.load(number, Decimal("1.00")).type is OpType.LOAD
    manager.service.remove_listener(broken)


# -- points, customers, coupons -------------------------------------------------------------------


def test_points_hold_then_commit_or_cancel(server: RunningServer, cashier: Till) -> None:
    card = server.sample("loyaltycard_active", 0)  # the sample with points; no other test spends them
    service = cashier.service

    def balance() -> int:
        points = service.balance(card).points
        assert points is not None
        return points.balance

    start = balance()
    hold = service.points_redeem(card, 10, hold=True)
    assert (hold.type, hold.points) == (OpType.PAY, 10)
    assert hold.auth_code is not None
    service.commit(card, hold.auth_code)
    assert balance() == start - 10
    second = service.points_redeem(card, 10, hold=True)
    assert second.auth_code is not None
    assert service.cancel(card, second.auth_code).type is OpType.CANCEL
    assert balance() == start - 10
    with pytest.raises(Refused) as info:
        service.points_redeem(card, 10**6)
    assert info.value.code == "INSUFFICIENT_POINTS"


def test_customers_and_a_block_that_needs_a_manager(server: RunningServer, cashier: Till) -> None:
    service = cashier.service
    created = service.customer_create("+48600777001", first_name="Jan", last_name="Próbny")
    assert created.type is OpType.ENROL
    assert created.customer is not None
    customer_id = created.customer.customer_id
    (found,) = service.customer_find(phone="+48600777001")
    assert found.customer_id == customer_id
    edited = service.customer_edit(customer_id, email="jan@example.pl")
    assert edited.customer is not None and edited.customer.email == "jan@example.pl"
    with pytest.raises(ApprovalRequired) as info:
        service.customer_block(customer_id, "fraud_suspected")
    assert info.value.action == "customer.block"
    assert not service.customer_get(customer_id).blocked
    approval = manager_approval(server)
    service.customer_block(customer_id, "fraud_suspected", approval=approval)
    assert service.customer_get(customer_id).blocked
    entry = next(e for e in cashier.audit.entries() if e.action == "customer.block")
    assert (entry.subject, entry.approved_by) == (customer_id, approval.manager_id)


def test_a_coupon_use_is_given_back_only_with_a_managers_approval(
    server: RunningServer, cashier: Till
) -> None:
    code = server.sample("coupon_active", 5)  # no other test of this module uses it
    redeemed = cashier.service.coupon_redeem(code)
    assert cashier.service.coupon_check(code).status is Status.USED
    with pytest.raises(ApprovalRequired):
        cashier.service.coupon_unredeem(code, redeemed.operation_id)
    cashier.service.coupon_unredeem(code, redeemed.operation_id, approval=manager_approval(server))
    assert cashier.service.coupon_check(code).status is Status.ACTIVE
    assert any(e.action == "coupon.unredeem" for e in cashier.audit.entries())


# -- the server away ------------------------------------------------------------------------------


def test_without_the_server_identification_still_works_and_calls_are_unavailable(
    server: RunningServer, manager: Till, tmp_path: Path
) -> None:
    cache = tmp_path / "series.db"
    Catalogue(cache).sync(manager.service.client)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    client = LoyaltyClient(f"http://127.0.0.1:{dead_port}", server.loyalty_group, server.token(0))
    offline = LoyaltyService(client, Catalogue(cache), DirectGateway(client), manager.service.operator)
    number = server.sample("giftcard_active")
    found = offline.identify(f"]E0{number}\r\n".encode())
    assert found.ok
    assert found.series is not None and found.series.kind is Kind.GIFTCARD
    with pytest.raises(Unavailable):
        offline.balance(number)
    with pytest.raises(Unavailable) as info:
        offline.pay(number, Decimal("1.00"))
    assert info.value.maybe_applied is False  # never reached a server: safe to queue or retry
    client.close()
