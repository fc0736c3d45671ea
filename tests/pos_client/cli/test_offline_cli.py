"""Operations while the server is away: queued within the offline policy (exit 0, ``state: queued``),
refused past it (exit 3), a manager's override of a soft limit, and delivery once the server is back."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from pos_client.assembly import build_core
from pos_client.cli.main import main
from pos_client.config import load
from pos_client.security import AuditLog
from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.pos_client.cli.conftest import Cli, approval, init_terminal


@dataclass
class Offline:
    server: RunningServer  # stopped; its manifest and database stay
    folder: Path
    config: Path
    card: str
    cap: Decimal
    other_card: str  # looked up too; only the delivery test touches it
    other_before: Decimal


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory, server: RunningServer) -> Offline:
    """A till synced once (series, offline limits, the card's balance), then the server stops."""
    folder = tmp_path_factory.mktemp("offline-till")
    config = init_terminal(folder, server)
    card, other = server.sample("giftcard_active", 0), server.sample("giftcard_active", 1)
    for number in (card, other):  # remembered for offline decisions
        assert main(["--config", str(config), "balance", number]) == 0
    stop_server(server)
    core = build_core(load(config))
    try:
        series = core.catalogue.get("GC-PLN")
        assert series is not None and series.offline_policy.max_amount_per_operation is not None
        cap = series.offline_policy.max_amount_per_operation
        known = core.cache.known(other)
        assert known is not None and known.available is not None
        other_before = known.available
    finally:
        core.close()
    return Offline(server, folder, config, card, cap, other, other_before)


@pytest.fixture
def till(offline: Offline, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(offline.config, capsys)


def test_a_payment_within_the_policy_is_queued(till: Cli, offline: Offline) -> None:
    waiting = till.ok("queue", "status")["pending"]
    queued = till("giftcard", "pay", offline.card, "--amount", "5.00")
    assert queued.code == 0, queued.err
    assert queued.data["state"] == "queued" and queued.data["provisional"] is True
    assert queued.data["operationId"]
    human = till("giftcard", "pay", offline.card, "--amount", "1.00", as_json=False)
    assert human.code == 0 and "QUEUED" in human.out and "provisional" in human.out
    status = till.ok("queue", "status")
    assert status["online"] is False and status["pending"] == waiting + 2


def test_an_online_only_operation_is_refused_with_exit_3(till: Cli, offline: Offline) -> None:
    redeemed = till("coupon", "redeem", offline.server.sample("coupon_active", 0))
    assert redeemed.code == 3
    assert redeemed.data["state"] == "refused" and redeemed.data["error"]["code"] == "OFFLINE"
    assert "offline" in redeemed.err
    never_seen = till("balance", offline.server.sample("giftcard_active", 2))
    assert never_seen.code == 3 and never_seen.data["error"]["code"] == "UNAVAILABLE"


def test_a_card_seen_before_is_looked_up_as_last_known(till: Cli, offline: Offline) -> None:
    looked_up = till("balance", offline.card)
    assert looked_up.code == 0, looked_up.err
    assert looked_up.data["lastKnownAsOf"] and looked_up.data["number"].endswith(offline.card[-4:])
    human = till("balance", offline.card, as_json=False)
    assert "Last known state, as of" in human.out


def test_past_the_per_operation_cap_a_manager_may_override(
    till: Cli, offline: Offline, server: RunningServer
) -> None:
    amount = str(offline.cap + Decimal("1.00"))
    refused = till("giftcard", "load", offline.card, "--amount", amount)
    assert refused.code == 3
    assert refused.data["overridable"] is True and "--manager" in refused.err
    allowed = till("giftcard", "load", offline.card, "--amount", amount, *approval(server))
    assert allowed.code == 0, allowed.err
    assert allowed.data["state"] == "queued"
    audit = AuditLog(offline.folder / "data" / "audit.db")
    try:
        overrides = [e for e in audit.entries() if e.action == "offline_override"]
    finally:
        audit.close()
    assert overrides and overrides[0].approved_by == approval(server)[1]
    assert overrides[0].details["operationId"] == allowed.data["operationId"]


def test_a_terminal_never_synced_cannot_identify_offline(
    offline: Offline, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(init_terminal(tmp_path, offline.server, sync=False), capsys)
    redeemed = cli("coupon", "redeem", offline.server.sample("coupon_active", 1))
    assert redeemed.code == 3 and redeemed.data["error"]["code"] == "UNAVAILABLE"
    identified = cli("identify", offline.server.sample("giftcard_active", 0), as_json=False)
    assert identified.code == 1 and "series sync" in identified.err


def test_queued_operations_are_delivered_when_the_server_is_back(
    till: Cli, offline: Offline, tmp_path: Path
) -> None:
    queued = till.ok("giftcard", "pay", offline.other_card, "--amount", "3.00")
    assert queued["state"] == "queued"
    pending = till.ok("queue", "status")["pending"]
    waiting = till.ok("queue", "list")["operations"]
    pays = sum(1 for op in waiting if op["type"] == "pay" and op["state"] == "pending")
    back = start_server(tmp_path / "back", port=offline.server.port, db_path=offline.server.db_path)
    try:
        flushed = till.ok("queue", "flush", "--timeout", "30")
        # the payment and its commit: a payment taken offline is final once it reaches the server
        assert pays >= 1 and flushed["pending"] == 0 and flushed["delivered"] == pending + pays
        after = Decimal(till.ok("balance", offline.other_card)["available"])
        assert after == offline.other_before - Decimal("3.00")  # applied exactly once
        history = till.ok("history", offline.other_card)["transactions"]
        assert [t["operationId"] for t in history].count(queued["operationId"]) == 1
        assert [t["type"] for t in history][:2] == ["commit", "pay"]
    finally:
        stop_server(back)
