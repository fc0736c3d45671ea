"""Signing off is refused in the service layer while operations wait for the server or a payment hold
is open (docs/ARCHITECTURE.md#offline): with a fake gateway, and through ``build_core`` against the
real server (the assembled program, whose gateway is the recorder in front of the queue)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from pos_client.api.retry import RetryPolicy
from pos_client.assembly import Core, build_core
from pos_client.catalogue import Catalogue
from pos_client.config import load, write_raw
from pos_client.domain import OperationResult, OperationState
from pos_client.offline import PendingOperations
from pos_client.operations import HoldsOpen, Override, Waiting, WriteOperation
from pos_client.security import AuditLog, Forbidden, Operator, Role
from pos_client.service import LoyaltyService
from tests.fixtures.server import RunningServer
from tests.offline_queue.fault_proxy import Fault, FaultProxy


class FakeQueue:
    """A gateway with a queue of ``waiting`` operations (only what the service asks here)."""

    def __init__(self, waiting: int) -> None:
        self.waiting = waiting

    def submit(self, operation: WriteOperation, *, override: Override | None = None) -> OperationResult:
        raise AssertionError("no write expected")

    def pending(self) -> Waiting:
        return Waiting(self.waiting)


def service(tmp_path: Path, gateway: object) -> tuple[LoyaltyService, AuditLog]:
    audit = AuditLog(tmp_path / "audit.db")
    svc = LoyaltyService(
        client=None,  # type: ignore[arg-type]
        catalogue=Catalogue(tmp_path / "series.db"),
        gateway=gateway,  # type: ignore[arg-type]
        operator=Operator("anna", "Anna", Role.CASHIER),
        audit=audit,
    )
    return svc, audit


def test_sign_off_is_refused_while_operations_wait(tmp_path: Path) -> None:
    svc, audit = service(tmp_path, FakeQueue(waiting=2))
    with pytest.raises(PendingOperations) as refused:
        svc.sign_off()
    assert "cannot sign off: 2 operation(s) still wait" in str(refused.value)
    with pytest.raises(PendingOperations, match="cannot reset the terminal"):
        svc.ensure_nothing_pending("reset the terminal")
    assert not [e for e in audit.entries() if e.action == "sign_off"]


def test_sign_off_with_an_empty_queue_is_audited(tmp_path: Path) -> None:
    svc, audit = service(tmp_path, FakeQueue(waiting=0))
    svc.sign_off()
    assert [e.operator_id for e in audit.entries() if e.action == "sign_off"] == ["anna"]


def test_the_service_holds_who_is_signed_on_and_sign_off_clears_it(tmp_path: Path) -> None:
    svc, _audit = service(tmp_path, FakeQueue(waiting=0))
    assert svc.signed_on is not None and svc.signed_on.operator_id == "anna"
    svc.sign_off()
    assert svc.signed_on is None
    with pytest.raises(Forbidden, match="nobody is signed on"):
        svc.customer_create("+48500600700")


# -- the assembled program ------------------------------------------------------------------------

POLICY = RetryPolicy(deadline=0.6, first_delay=0.05, max_delay=0.15, confirm=0.6)


@pytest.fixture
def proxy(fresh_server: RunningServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", fresh_server.port, retry_after=0.05) as running:
        yield running


@pytest.fixture
def core(fresh_server: RunningServer, proxy: FaultProxy, tmp_path: Path) -> Iterator[Core]:
    path = tmp_path / "terminal.toml"
    server = {"url": proxy.url, "loyalty_group": fresh_server.loyalty_group}
    server |= {"connect_timeout": 0.5, "read_timeout": 0.5, "retry_seconds": 0.6, "check_seconds": 0.6}
    write_raw(path, {"server": server, "data_dir": str(tmp_path / "data")})
    built = build_core(load(path), token=fresh_server.token(0))
    built.client.retry_policy = built.recorder.retry_policy = POLICY
    built.service.terminal()  # the offline limits: a customer's enrolment may then wait
    built.service.sync_series()
    yield built
    built.close()


def test_the_assembled_core_refuses_sign_off_while_an_operation_waits(proxy: FaultProxy, core: Core) -> None:
    proxy.inject(Fault.UNAVAILABLE, count=500, match=lambda method, path: path.endswith("/customers"))
    queued = core.service.customer_create("+48500600700", first_name="Ewa")
    assert queued.state is OperationState.QUEUED
    with pytest.raises(PendingOperations, match="cannot sign off: 1 operation"):
        core.service.sign_off()
    assert not [e for e in core.audit.entries() if e.action == "sign_off"]

    proxy.clear()
    core.gateway.flush(timeout=10)
    assert core.gateway.status().pending == 0
    core.service.sign_off()
    assert [e.action for e in core.audit.entries() if e.action == "sign_off"] == ["sign_off"]


def test_the_assembled_core_refuses_sign_off_while_a_payment_hold_is_open(
    fresh_server: RunningServer, core: Core
) -> None:
    gift = fresh_server.sample("giftcard_active")
    hold = core.service.pay(gift, Decimal("1.00"))
    assert hold.state is OperationState.APPLIED and hold.auth_code
    with pytest.raises(HoldsOpen, match="1 payment hold"):
        core.service.sign_off()
    assert core.service.open_holds == (hold.auth_code,)

    core.service.commit(gift, hold.auth_code)
    assert core.service.open_holds == ()
    core.service.sign_off()  # nothing waits, no hold open
