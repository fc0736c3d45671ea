"""Each write operation is declared once (``pos_client.declarations``), and everything that needs to know
about an operation reads its declaration: the request rendering, the service's authorisation, the offline
policy, the outbox's ordering, the CLI's help. A throw-away operation declared here, in a test module,
is picked up by all of them without any other edit; what a new till button needs beyond that is the
list of files the README's architecture section names (checked below)."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from pos_client.api import requests
from pos_client.cli.commands.money import manager_note
from pos_client.declarations import (
    Declaration,
    Field,
    Manager,
    Offline,
    Order,
    Shape,
    declaration,
    declarations,
    declared,
    for_stored,
    needing_manager,
)
from pos_client.domain import Kind, OfflineLimits, OfflinePolicy, OperationResult, OpType
from pos_client.offline_policy import Candidate, Pending, Verdict, decide
from pos_client.operations import Override, WriteOperation
from pos_client.security import Approval, ApprovalRequired, BadPin, OperatorStore, Role
from pos_client.service import LoyaltyService
from tests.pos_client.test_currency import RecordingGateway
from tests.pos_client.test_money_rules import (
    CARD,
    GIFT,
    MANAGER,
    cashier,
    gateway,
    make_service,
    manager,
    operators,
)

__all__ = ["cashier", "gateway", "manager", "operators"]  # fixtures shared with the money rules

ROOT = Path(__file__).resolve().parents[2]
LIMITS = OfflineLimits(Decimal("500.00"), 86400, Decimal("1000.00"))
NOTHING = Pending(outstanding_value=Decimal("0"), oldest_age_seconds=None)

STAMP = Declaration(
    "test.stamp",
    OpType.REDEEM,
    frozenset({Kind.GIFTCARD, Kind.STORECREDIT}),
    "/{kind}/{number}/_stamp",
    (Field("stamps", "stampCount"), Field("amount", "amount", Shape.MONEY)),
    manager=Manager.ALWAYS,
    offline=Offline.SERIES,
    policy_name="stamp",
)


def test_names_are_unique_and_every_path_renders() -> None:
    names = [d.name for d in declarations()]
    assert len(names) == len(set(names))
    for d in declarations():
        kind = next(iter(d.kinds), None)
        if kind is None:
            path = requests.render(d, customer_id="C 1").path
        else:
            path = requests.render(
                d, kind=kind, number="6033 01", series="GC-PLN", auth_code="A/1", instrument_id="I-1"
            ).path
        assert path.startswith("/") and "{" not in path and "//" not in path, (d.name, path)
        assert " " not in path and "A/1" not in path  # placeholders are escaped as one segment


def test_the_request_is_rendered_from_the_declaration() -> None:
    request = requests.render(
        declaration("refund"),
        kind=Kind.STORECREDIT,
        currency="PLN",
        number="7011",
        values={"original": "op-1", "amount": Decimal("5"), "currency": "PLN", "approved_by": None},
    )
    assert request.path == "/storecredits/7011/_refund"
    assert request.body == {"originalOperationId": "op-1", "amount": "5.00", "currency": "PLN"}
    issue = requests.render(declaration("storecredit.issue"), kind=Kind.STORECREDIT, series="SC-PLN")
    assert issue.path == "/storeCreditSeries/SC-PLN/storecredits/_issue"
    with pytest.raises(KeyError, match="no body field"):
        requests.render(declaration("pay"), kind=Kind.GIFTCARD, values={"points": 3})


def test_sensitivity_is_declared_not_spelled() -> None:
    assert needing_manager() == {
        "storecredit.issue",
        "refund",
        "void",
        "unissue",
        "block",
        "unblock",
        "coupon.unredeem",
        "customer.block",
        "points.merge",
        "transfer",
    }
    assert declaration("giftcard.issue").manager is Manager.ABOVE_THRESHOLD
    assert declaration("customer.block").offline is Offline.NEVER
    # two cards change at once: a merge or a transfer never waits in the outbox
    assert declaration("points.merge").offline is declaration("transfer").offline is Offline.NEVER
    assert declaration("giftcard.issue").order is Order.NONE


def test_an_operation_stored_before_names_were_stored_finds_its_declaration() -> None:
    old = WriteOperation("id", OpType.ENROL, "/customers", {}, "customer-phone:1")
    assert old.name == "" and old.declaration.name == "customer.create"
    assert for_stored("", OpType.PAY, Kind.GIFTCARD).name == "pay"
    assert for_stored("", OpType.PAY, Kind.LOYALTYCARD).name == "points.pay"


def test_a_throw_away_declaration_is_picked_up_without_other_edits(
    cashier: LoyaltyService, gateway: RecordingGateway
) -> None:
    with declared(STAMP):
        # The service authorises from the declaration: a cashier needs a manager.
        with pytest.raises(ApprovalRequired):
            cashier.write("test.stamp", CARD, {"stamps": 2})
        assert gateway.sent == []
        result = cashier.write("test.stamp", CARD, {"stamps": 2}, amount=Decimal("3"), approval=MANAGER)
        [sent] = gateway.sent
        assert result.operation_id == sent.operation_id
        # The request is rendered from it, and the outbox's ordering key comes from it.
        assert sent.path == f"/giftcards/{CARD}/_stamp" and sent.instrument_key == CARD
        assert sent.body == {"stampCount": 2, "amount": "3.00"}
        stored = WriteOperation.from_json(sent.to_json())
        assert stored.declaration is STAMP

        # The offline policy reads its class and policy name from it.
        candidate = Candidate(STAMP, Kind.GIFTCARD, GIFT.series_number, Decimal("3"), None)
        assert decide(candidate, series=GIFT, limits=LIMITS, pending=NOTHING).verdict is Verdict.REFUSE
        stamping = replace(GIFT, offline_policy=OfflinePolicy(frozenset({"stamp"})))
        assert decide(candidate, series=stamping, limits=LIMITS, pending=NOTHING).allowed

        # The CLI's help says a manager decides, from the declaration.
        assert manager_note("test.stamp") == " (manager)"
        assert "test.stamp" in needing_manager()
    assert "test.stamp" not in needing_manager()


def test_the_readme_names_the_files_a_new_operation_touches() -> None:
    """The till's buttons and the CLI's commands are written per operation (each has its own words,
    keys and dialogs); the README says exactly which files a new operation changes."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Adding a write operation", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^- `([^`]+)`", section, flags=re.MULTILINE)
    assert listed == [
        "pos_client/declarations.py",
        "loyalty_server/routes/",
        "pos_client/services/",
        "pos_client/cli/commands/",
        "ui/screens/cashier_actions.py",
        "ui/screens/cashier_controller.py",
        "tests/",
    ]
    for path in listed:
        assert (ROOT / path).exists(), path


class OverrideRecorder(RecordingGateway):
    """Records the offline override handed over with each write."""

    def __init__(self) -> None:
        super().__init__()
        self.overrides: list[Override | None] = []

    def submit(self, operation: WriteOperation, *, override: Override | None = None) -> OperationResult:
        self.overrides.append(override)
        return super().submit(operation, override=override)


def test_an_approval_reaches_the_gateway_as_that_operations_override(
    tmp_path: Path, operators: OperatorStore
) -> None:
    recorder = OverrideRecorder()
    till = make_service(tmp_path, recorder, operators, Role.CASHIER)
    till.pay(CARD, Decimal("5.00"))
    till.pay(CARD, Decimal("5.00"), approval=MANAGER)
    assert recorder.overrides == [None, Override(approved_by="marek", operator_id="anna")]
    assert "approvedBy" not in recorder.sent[0].body and recorder.sent[1].body["approvedBy"] == "marek"
    with pytest.raises(BadPin):  # checked once, in the core: nothing reaches the gateway
        till.pay(CARD, Decimal("5.00"), approval=Approval("marek", "0000"))
    assert len(recorder.sent) == 2
