"""A backlog replayed in batches (``POST …/operations/_batch``) against the real reference server: the
product path (``QueuedGateway`` → ``DirectGateway`` → ``LoyaltyClient``), the server's own ledger read
back (each operation's effect exactly once), a refusal parked with its chain, a lost batch answer, and
one request per operation against a server that takes no batches."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from offline_queue.replayer import Backoff
from offline_queue.store import Outbox, State
from pos_client.api.client import LoyaltyClient
from pos_client.domain import Kind, OperationState, OpType
from pos_client.gateway import DirectGateway
from pos_client.offline import QueuedGateway
from pos_client.operations import WriteOperation, new_operation_id
from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.offline_queue.fault_proxy import Fault, FaultProxy

BATCH = "/operations/_batch"


def earn(card: str) -> WriteOperation:
    return WriteOperation(
        operation_id=new_operation_id(),
        type=OpType.EARN,
        path=f"/loyaltycards/{card}/_earn",
        body={"amount": "10.00", "reference": "batch-test"},
        instrument_key=card,
        kind=Kind.LOYALTYCARD,
        series_number="LC",
    )


def load(card: str, amount: str = "5.00") -> WriteOperation:
    return WriteOperation(
        operation_id=new_operation_id(),
        type=OpType.LOAD,
        path=f"/giftcards/{card}/_load",
        body={"amount": amount},
        instrument_key=card,
        kind=Kind.GIFTCARD,
        series_number="GC-PLN",
        amount=Decimal(amount),
    )


def gateway(outbox: Outbox, client: LoyaltyClient) -> QueuedGateway:
    terminal = client.terminal()
    fetched, _etag = client.series()
    series = {s.series_number: s for s in fetched or ()}
    return QueuedGateway(
        outbox,
        DirectGateway(client),
        series=series.get,
        limits=lambda: terminal.offline_limits,
        backoff=Backoff(base=0.05, cap=0.2),
    )


def ledger(server: RunningServer, keys: list[str]) -> Counter[str]:
    """operationId → how many earns or loads the ledger holds under it (read from the server's database;
    an earn that reaches a reward also spends points under its id, a row of another type)."""
    listed = ", ".join(f"'{key}'" for key in keys)  # UUIDs made here
    rows = server.sql(
        f"SELECT operation_id FROM transactions WHERE operation_id IN ({listed}) AND type IN ('earn', 'load')"
    )
    return Counter(str(r[0]) for r in rows)


def queue_backlog(gw: QueuedGateway, ops: list[WriteOperation]) -> None:
    """Submit ``ops`` while the server cannot be reached: each waits in the queue."""
    for op in ops:
        assert gw.submit(op).state is OperationState.QUEUED


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """One server for the module (each test's operations have their own keys; the ledger is read by
    them): a server start is most of such a test's time."""
    s = start_server(tmp_path_factory.mktemp("batch-replay-server"))
    yield s
    stop_server(s)


@pytest.fixture
def proxy(server: RunningServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", server.port) as p:
        yield p


def test_a_backlog_is_delivered_in_batches_each_effect_once_and_a_refusal_parks_its_chain(
    server: RunningServer, proxy: FaultProxy, tmp_path: Path
) -> None:
    s = server
    cards = [s.sample("loyaltycard_active", i) for i in range(3)]
    gift, blocked = s.sample("giftcard_active"), s.sample("giftcard_blocked")
    ops = [earn(cards[i % 3]) for i in range(9)] + [load(gift), load(gift)]
    refused, behind = load(blocked), load(blocked, "6.00")
    client = LoyaltyClient(proxy.url, s.loyalty_group, s.token(0))
    with Outbox(tmp_path / "outbox.db") as outbox:
        gw = gateway(outbox, client)
        proxy.down()
        queue_backlog(gw, [*ops[:5], refused, *ops[5:], behind])
        proxy.up()
        report = gw.flush(timeout=10)
        gw.stop()
        assert (report.delivered, report.refused) == (len(ops), 1)
        posts = [p.path for p in proxy.posts()]
        assert posts and all(p.endswith(BATCH) for p in posts), posts  # no operation went on its own
        assert ledger(s, [op.operation_id for op in [*ops, refused, behind]]) == Counter(
            {op.operation_id: 1 for op in ops}
        )
        assert all(outbox.get(op.operation_id).state is State.DONE for op in ops)  # type: ignore[union-attr]
        parked = outbox.get(refused.operation_id)
        assert parked is not None and parked.state is State.REFUSED and parked.attention
        assert parked.last_error == "BLOCKED"
        waiting = outbox.get(behind.operation_id)
        assert waiting is not None and waiting.state is State.PENDING and waiting.attempts == 0
        assert gw.status().to_json()["needsAttention"] == 1
    client.close()


def test_a_lost_batch_answer_is_sent_again_with_the_same_keys_and_applied_once(
    server: RunningServer, proxy: FaultProxy, tmp_path: Path
) -> None:
    s = server
    ops = [earn(s.sample("loyaltycard_active", i % 2)) for i in range(6)]
    client = LoyaltyClient(proxy.url, s.loyalty_group, s.token(0))
    with Outbox(tmp_path / "outbox.db") as outbox:
        gw = gateway(outbox, client)
        proxy.down()
        queue_backlog(gw, ops)
        before = [outbox.get(op.operation_id).attempts for op in ops]  # type: ignore[union-attr]
        proxy.up()
        proxy.inject(Fault.DROP_RESPONSE, match=lambda method, path: path.endswith(BATCH))
        assert gw.flush(timeout=10).delivered == len(ops)
        gw.stop()
        batches = [p for p in proxy.posts() if p.path.endswith(BATCH)]
        assert [p.fault for p in batches] == [Fault.DROP_RESPONSE, Fault.PASS]
        assert ledger(s, [op.operation_id for op in ops]) == Counter({op.operation_id: 1 for op in ops})
        entries = [outbox.get(op.operation_id) for op in ops]
        assert all(e is not None and e.state is State.DONE for e in entries)
        assert [e.attempts for e in entries] == [n + 2 for n in before]  # type: ignore[union-attr]
    client.close()


class OlderServer(httpx.BaseTransport):
    """The real server as an older one without batches: ``GET /terminal`` does not advertise them
    (``hide``), or advertises them and the batch path answers ``404`` (as an unknown path does).
    ``down`` refuses connections, as a server that is off."""

    def __init__(self, *, hide: bool) -> None:
        self.inner = httpx.HTTPTransport()
        self.hide = hide
        self.down = False
        self.posts: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        path = request.url.path
        if request.method == "POST":
            self.posts.append(path)
            if path.endswith(BATCH):
                error = {"error": {"code": "NOT_FOUND", "message": "Not Found", "details": {}}}
                return httpx.Response(404, json=error)
        response = self.inner.handle_request(request)
        if self.hide and request.method == "GET" and path.endswith("/terminal"):
            response.read()
            data = {k: v for k, v in json.loads(response.content).items() if k != "batch"}
            return httpx.Response(200, json=data)
        return response

    def close(self) -> None:
        self.inner.close()


@pytest.mark.parametrize("hide", [True, False], ids=["not advertised", "404"])
def test_against_a_server_without_batches_each_operation_goes_on_its_own(
    server: RunningServer, tmp_path: Path, hide: bool
) -> None:
    s = server
    ops = [earn(s.sample("loyaltycard_active", i % 2)) for i in range(4)] + [
        load(s.sample("giftcard_active"))
    ]
    older = OlderServer(hide=hide)
    client = LoyaltyClient(s.base_url, s.loyalty_group, s.token(0), transport=older)
    with Outbox(tmp_path / "outbox.db") as outbox:
        gw = gateway(outbox, client)
        older.down = True
        queue_backlog(gw, ops)
        older.down, older.posts = False, []
        assert gw.flush(timeout=10).delivered == len(ops)
        gw.stop()
        singles = [p for p in older.posts if not p.endswith(BATCH)]
        assert len(singles) == len(ops)
        assert len(older.posts) - len(singles) == (0 if hide else 1)  # a 404 is asked once, then not
        assert ledger(s, [op.operation_id for op in ops]) == Counter({op.operation_id: 1 for op in ops})
    client.close()
