"""Terminal identity (issue 13, item 7): an operation queued as one terminal is never delivered as
another, and the terminal may not be registered again while work waits.

Unit tests drive the store and the replayer with a scripted send function; the CLI tests run the
product against the real reference server through a loopback proxy that can stop listening.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from offline_queue.replayer import TERMINAL_CHANGED, Replayer
from offline_queue.schema import MIGRATIONS
from offline_queue.store import InvalidTransitionError, Outbox, Reported, State
from pos_client.assembly import build_core
from pos_client.config import load
from pos_client.operations import WriteOperation
from pos_client.secrets import load_token, store_token
from pos_client.terminal_identity import OPEN_HOLD_FILE, terminal_identity
from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.offline_queue.fault_proxy import FaultProxy
from tests.offline_queue.helpers import FakeClock, ScriptedSend, make_op
from tests.pos_client.cli.conftest import Cli
from tests.pos_client.test_data_protection import init_at

HERE = terminal_identity("https://loyalty.example/", "demo", "token-of-till-1")
THERE = terminal_identity("https://loyalty.example", "demo", "token-of-till-2")


def test_the_identity_is_a_fingerprint_of_server_group_and_token() -> None:
    assert terminal_identity("HTTPS://Loyalty.Example", " demo", "token-of-till-1\n") == HERE
    assert len({HERE, THERE, terminal_identity("https://other.example", "demo", "token-of-till-1")}) == 3
    assert terminal_identity("https://loyalty.example", "other", "token-of-till-1") != HERE
    assert "token-of-till" not in HERE


def test_an_operation_made_under_another_registration_is_never_sent(tmp_path: Path) -> None:
    clock, send = FakeClock(), ScriptedSend()
    with Outbox(tmp_path / "outbox.db", clock=clock) as box:
        theirs, later, other_card = make_op("A"), make_op("A"), make_op("B")
        for op, terminal in ((theirs, THERE), (later, HERE), (other_card, HERE)):
            seq = box.enqueue(
                op.operation_id, op.to_json(), instrument_key=op.instrument_key, terminal=terminal
            )
            box.set_reported(seq, Reported.QUEUED)
        report = Replayer(box, send, decode=WriteOperation.from_json, clock=clock, terminal=HERE).flush()
        assert send.sent_ids == [other_card.operation_id]  # nothing of card A left the terminal
        assert (report.delivered, report.refused) == (1, 1)
        refused = box.get(theirs.operation_id)
        assert refused is not None and refused.state is State.REFUSED and refused.attention
        assert refused.last_error == TERMINAL_CHANGED
        assert "another terminal registration" in json.loads(refused.response or "")["error"]["message"]
        held = box.get(later.operation_id)
        assert held is not None and held.state is State.PENDING  # behind it, in order, as always
        assert box.summary().needs_attention == 1


def test_an_outbox_of_version_4_gets_the_identity_of_the_terminal_that_opens_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(";".join(MIGRATIONS[:4]) + ";PRAGMA user_version = 4;")
    op = make_op("A")
    db.execute(
        "INSERT INTO outbox (operation_id, instrument_key, payload, amount, created_at, next_attempt_at) "
        "VALUES (?, 'A', ?, '5.00', 1.0, 1.0)",
        (op.operation_id, op.to_json()),
    )
    db.close()
    clock, send = FakeClock(), ScriptedSend()
    with Outbox(path, clock=clock) as box:
        [old] = box.entries()
        assert (old.operation_id, old.terminal, old.redacted) == (op.operation_id, "", False)
        assert box.adopt_terminal(HERE) == 1 and box.adopt_terminal(THERE) == 0  # once
        Replayer(box, send, decode=WriteOperation.from_json, clock=clock, terminal=HERE).flush()
        assert send.sent_ids == [op.operation_id]


def test_a_redacted_operation_cannot_be_put_back_in_delivery(tmp_path: Path) -> None:
    clock = FakeClock()
    with Outbox(tmp_path / "outbox.db", clock=clock) as box:
        op = make_op("A")
        seq = box.enqueue(op.operation_id, op.to_json(), instrument_key="A")
        box.park(op.operation_id, redacted=lambda e: ("{}", "A"))
        with pytest.raises(InvalidTransitionError, match="no longer holds its details"):
            box.retry(op.operation_id)
        assert box.resolve(f"#{seq}").redacted


# -- the CLI against the real server ---------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    running = start_server(tmp_path_factory.mktemp("identity-server"))
    yield running
    stop_server(running)


@pytest.fixture
def proxy(server: RunningServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", server.port) as running:
        yield running


@pytest.fixture
def till(tmp_path: Path, proxy: FaultProxy, server: RunningServer, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(init_at(tmp_path / "till", proxy.url, server), capsys)


def _card(server: RunningServer, number: str, token_index: int = 0) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {server.token(token_index)}"}
    answer = httpx.get(f"{server.group_url}/giftcards/{number}", headers=headers, timeout=10)
    answer.raise_for_status()
    return dict(answer.json()["account"])


def _queue_a_payment(till: Cli, proxy: FaultProxy, card: str) -> str:
    assert till("balance", card).code == 0  # known to the terminal, for the offline decision
    proxy.down()
    paid = till("giftcard", "pay", card, "--amount", "5.00")
    assert paid.code == 0 and paid.data["state"] == "queued", paid.err
    return str(paid.data["operationId"])


def _reinit(till: Cli, url: str, server: RunningServer, token_index: int, folder: Path) -> tuple[int, str]:
    token = folder / f"token-{token_index}.txt"
    token.write_text(server.token(token_index), encoding="utf-8")
    data = str(load(till.config).data_path)
    args = ["config", "init", "--server", url, "--loyalty-group", server.loyalty_group]
    result = till(*args, "--token-file", str(token), "--data-dir", data)
    return result.code, result.err


def test_re_registration_is_refused_while_an_operation_waits(
    till: Cli, proxy: FaultProxy, server: RunningServer, tmp_path: Path
) -> None:
    _queue_a_payment(till, proxy, server.sample("giftcard_active", 0))
    before = load_token(till.config)
    code, err = _reinit(till, proxy.url, server, 1, tmp_path)
    assert code == 1
    assert "1 operation(s) wait to be sent" in err and "loyalty-pos queue flush" in err
    assert load_token(till.config) == before  # nothing changed
    assert till("config", "set", "server.url", server.base_url).code == 1  # nor by another door
    assert load(till.config).server.url == proxy.url
    # The same registration again (e.g. to add operators) is fine; once delivered, any is.
    assert _reinit(till, proxy.url, server, 0, tmp_path)[0] == 0
    proxy.up()
    assert till("queue", "flush").code == 0
    assert _reinit(till, proxy.url, server, 1, tmp_path)[0] == 0


def test_re_registration_is_refused_while_a_payment_hold_is_open(
    till: Cli, proxy: FaultProxy, server: RunningServer, tmp_path: Path
) -> None:
    hold = load(till.config).data_path / OPEN_HOLD_FILE
    hold.write_text("{}", encoding="utf-8")
    code, err = _reinit(till, proxy.url, server, 1, tmp_path)
    assert code == 1 and "a payment hold is open" in err
    hold.unlink()
    assert _reinit(till, proxy.url, server, 1, tmp_path)[0] == 0


def test_a_queued_payment_is_never_delivered_as_another_store(
    till: Cli, proxy: FaultProxy, server: RunningServer
) -> None:
    card = server.sample("giftcard_active", 1)
    before = _card(server, card)
    operation = _queue_a_payment(till, proxy, card)
    # The token changes behind the CLI's back (an older version, a hand-edited keyring or file).
    store_token(till.config, server.token(1))
    proxy.up()
    flushed = till("queue", "flush")
    assert flushed.code == 0 and flushed.data["refused"] == 1 and flushed.data["delivered"] == 0
    assert _card(server, card) == before  # no hold was placed, by either store
    [row] = [r for r in till.ok("queue", "list")["operations"] if r["operationId"] == operation]
    assert row["state"] == "refused" and row["needsAttention"] is True
    assert row["lastError"] == TERMINAL_CHANGED and "another terminal registration" in row["reason"]
    # Back under the registration it was made under, a manager can send it again.
    store_token(till.config, server.token(0))
    core = build_core(load(till.config))
    try:
        core.gateway.retry(operation, operator_id="kierownik")
        core.gateway.flush(timeout=10)
    finally:
        core.close()
    after = _card(server, card)  # paid, then committed (a payment taken offline is settled)
    assert Decimal(after["amountAvailable"]) == Decimal(before["amountAvailable"]) - Decimal("5.00")
