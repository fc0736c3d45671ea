"""Signing off is refused in the service layer while operations wait for the server
(docs/ARCHITECTURE.md#offline)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pos_client.catalogue import Catalogue
from pos_client.domain import OperationResult
from pos_client.offline import PendingOperations, QueueStatus
from pos_client.operations import WriteOperation
from pos_client.security import AuditLog, Operator, Role
from pos_client.service import LoyaltyService


class FakeQueue:
    """A gateway with a queue of ``pending`` operations (only what the service asks here)."""

    def __init__(self, pending: int) -> None:
        self.pending = pending

    def submit(self, operation: WriteOperation) -> OperationResult:
        raise AssertionError("no write expected")

    def ensure_nothing_pending(self, action: str) -> None:
        if self.pending:
            status = QueueStatus(
                online=False,
                pending=self.pending,
                oldest_age_seconds=60.0,
                needs_attention=0,
                parked=0,
                outstanding_value=Decimal(0),
            )
            raise PendingOperations(status, action)


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
    svc, audit = service(tmp_path, FakeQueue(pending=2))
    with pytest.raises(PendingOperations) as refused:
        svc.sign_off()
    assert "cannot sign off: 2 operation(s) still wait" in str(refused.value)
    with pytest.raises(PendingOperations, match="cannot reset the terminal"):
        svc.ensure_nothing_pending("reset the terminal")
    assert not [e for e in audit.entries() if e.action == "sign_off"]


def test_sign_off_with_an_empty_queue_is_audited(tmp_path: Path) -> None:
    svc, audit = service(tmp_path, FakeQueue(pending=0))
    svc.sign_off()
    assert [e.operator_id for e in audit.entries() if e.action == "sign_off"] == ["anna"]
