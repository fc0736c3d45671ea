"""Who may do what from the CLI (issue 13, item 6), against the reference server.

- The CLI's operator is a cashier, whatever the configuration says: an old ``[cli] operator_role =
  "manager"`` (or a file with no ``[cli]`` at all) grants nothing, and says so on stderr.
- The offline queue's retry, park and acknowledge need a manager's PIN, in the CLI and in the core
  service the app uses.
- Every wrong PIN and every lock-out is written to the audit log.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from pos_client.assembly import AUDIT_DB
from pos_client.security import ApprovalRequired, AuditEntry, AuditLog, Operator, Role
from pos_client.service import LoyaltyService
from tests.fixtures.server import RunningServer
from tests.offline_queue.fault_proxy import FaultProxy
from tests.pos_client.cli.conftest import Cli, approval, init_terminal, manager


def audit_entries(config: Path) -> list[AuditEntry]:
    """The terminal's audit log, newest first (the data directory is ``data`` beside the file)."""
    log = AuditLog(config.parent / "data" / AUDIT_DB)
    try:
        return log.entries(500)
    finally:
        log.close()


def edit_config(config: Path, change: str) -> None:
    """Rewrite the file's ``[cli]`` table: ``"manager"`` puts back the old role option, ``"drop"``
    removes the table (the old default then meant a manager)."""
    text = config.read_text(encoding="utf-8")
    if change == "manager":
        text = text.replace("[cli]\n", '[cli]\noperator_role = "manager"\n', 1)
    else:
        text = re.sub(r"\[cli\]\n(?:#.*\n|[a-z_]+ = .*\n)*", "", text)
    assert ("[cli]" in text) is (change == "manager")
    config.write_text(text, encoding="utf-8")


@pytest.fixture
def cashier_cli(tmp_path: Path, server: RunningServer, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(init_terminal(tmp_path / "till", server), capsys)


@pytest.mark.parametrize("change", ["manager", "drop"])
def test_no_configuration_grants_manager_rights(cashier_cli: Cli, server: RunningServer, change: str) -> None:
    edit_config(cashier_cli.config, change)
    card = server.sample("giftcard_active", 2 if change == "manager" else 3)
    assert cashier_cli.ok("terminal")["operator"] == {"id": "cli", "role": "cashier"}

    blocked = cashier_cli("giftcard", "block", card, "--reason", "lost")
    assert blocked.code == 1, blocked.err
    assert blocked.data["error"]["code"] == "APPROVAL_REQUIRED"
    if change == "manager":  # the old option is named, ignored, and the way out is given
        assert "cli.operator_role" in blocked.err and "--manager" in blocked.err
    assert cashier_cli.ok("balance", card)["status"] == "active"

    # A manager's PIN is what makes it a manager's decision.
    done = cashier_cli("giftcard", "block", card, "--reason", "lost", *approval(server))
    assert done.code == 0, done.err
    entry = next(e for e in audit_entries(cashier_cli.config) if e.action == "giftcard.block")
    assert (entry.operator_id, entry.approved_by) == ("cli", manager(server)[0])


def test_config_set_refuses_the_removed_role_option(cashier_cli: Cli) -> None:
    result = cashier_cli("config", "set", "cli.operator_role", "manager")
    assert result.code == 2 and "no configuration grants a role" in result.err
    assert "operator_role" not in cashier_cli.config.read_text(encoding="utf-8")


# -- the offline queue ------------------------------------------------------------------------------


@pytest.fixture
def proxy(server: RunningServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", server.port) as running:
        yield running


@pytest.fixture
def till(tmp_path: Path, server: RunningServer, proxy: FaultProxy, capsys: pytest.CaptureFixture[str]) -> Cli:
    """A till behind the proxy that has seen the server once (it knows its offline limits)."""
    cli = Cli(init_terminal(tmp_path / "till", replace(server, base_url=proxy.url)), capsys)
    cli.ok("terminal")
    return cli


def test_queue_park_retry_and_ack_need_a_manager(till: Cli, proxy: FaultProxy, server: RunningServer) -> None:
    proxy.down()
    earned = till.ok("points", "earn", server.sample("loyaltycard_active", 4), "--amount", "2.00")
    assert earned["state"] == "queued"
    ref = earned["operationId"][-8:]

    for action in ("park", "retry", "ack"):
        refused = till("queue", action, ref)
        assert refused.code == 1, (action, refused.err)
        assert refused.data["error"]["code"] == "APPROVAL_REQUIRED"
    assert till.ok("queue", "status")["pending"] == 1  # nothing changed

    wrong = till("queue", "park", ref, "--manager", manager(server)[0], "--pin", "0000")
    assert wrong.code == 1 and wrong.data["error"]["code"] == "BAD_PIN"
    assert till.ok("queue", "status")["pending"] == 1

    parked = till.ok("queue", "park", ref, *approval(server))
    assert parked["state"] == "parked"
    back = till.ok("queue", "retry", ref, *approval(server))
    assert back["state"] == "pending"
    decisions = [e for e in audit_entries(till.config) if e.action in ("queue_park", "queue_retry")]
    assert [(e.action, e.operator_id, e.approved_by) for e in decisions] == [
        ("queue_retry", "cli", manager(server)[0]),
        ("queue_park", "cli", manager(server)[0]),
    ]


def test_the_core_refuses_queue_decisions_of_a_cashier(tmp_path: Path) -> None:
    """The app's manager screen goes through the same service methods: a cashier signed on there
    (or any other caller) is refused before the queue is touched."""

    class Queue:
        def __init__(self) -> None:
            self.calls: list[tuple[str, str, str | None]] = []

        def retry(self, ref: str, *, operator_id: str = "", approved_by: str | None = None) -> None:
            self.calls.append(("retry", operator_id, approved_by))

        park = acknowledge = retry

    queue = Queue()
    cashier = LoyaltyService(
        None,  # type: ignore[arg-type]  # never reached: no request is made
        None,  # type: ignore[arg-type]
        None,  # type: ignore[arg-type]
        Operator("anna", "Anna", Role.CASHIER),
        queue=queue,  # type: ignore[arg-type]
    )
    for decide in (cashier.queue_retry, cashier.queue_park, cashier.queue_acknowledge):
        with pytest.raises(ApprovalRequired):
            decide("abcd1234")
    assert queue.calls == []
    boss = LoyaltyService(
        None,  # type: ignore[arg-type]
        None,  # type: ignore[arg-type]
        None,  # type: ignore[arg-type]
        Operator("marek", "Marek", Role.MANAGER),
        queue=queue,  # type: ignore[arg-type]
    )
    boss.queue_park("abcd1234")
    assert queue.calls == [("retry", "marek", "marek")]


# -- wrong PINs and lock-outs -----------------------------------------------------------------------


def test_every_wrong_pin_and_the_lockout_are_audited(cashier_cli: Cli, server: RunningServer) -> None:
    who, _pin = manager(server)
    card = server.sample("giftcard_active", 4)
    codes = [
        cashier_cli("giftcard", "block", card, "--manager", who, "--pin", "0000").data["error"]["code"]
        for _ in range(6)
    ]
    assert codes == ["BAD_PIN"] * 4 + ["LOCKED_OUT"] * 2
    refused = [e for e in reversed(audit_entries(cashier_cli.config)) if e.operator_id == who]
    assert [e.action for e in refused] == ["pin_failed"] * 5 + ["locked_out", "pin_while_locked_out"]
    assert [e.details.get("failures") for e in refused[:5]] == [1, 2, 3, 4, 5]
    assert all("0000" not in str(e.details) for e in refused)  # never the PIN itself
    assert cashier_cli.ok("balance", card)["status"] == "active"

    unknown = cashier_cli("giftcard", "block", card, "--manager", "nobody", "--pin", "1234")
    assert unknown.data["error"]["code"] == "BAD_PIN"
    latest = audit_entries(cashier_cli.config)[0]
    assert (latest.action, latest.operator_id, latest.details) == (
        "pin_failed",
        "nobody",
        {"knownOperator": False},
    )
