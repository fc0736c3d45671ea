"""Load test of the reference server at chain scale; prints ONE JSON line of figures per engine.

200 simulated terminals (each paired through the back office, so each has its own POS token) run
for ``--duration`` seconds against one server, each in a loop of: balance look-ups, pay → commit,
pay → cancel, earns and coupon redemptions. Adversarial parts: the first 20 terminals pay on one
and the same gift card (it runs dry: refusals, never an overdraft), every terminal redeems one hot
multi-use coupon, and now and then a terminal sends the same idempotency key twice at once (one
effect, the other answer a replay or ``409 IDEMPOTENCY_IN_PROGRESS``). A ``429`` is honoured as a
terminal does (wait ``Retry-After``, send again with the same key) and counted apart.

At the end the invariants are checked in the database itself: no money card with a negative
available balance, each card's net balance equal to the sum of its ledger, and at most one ledger
effect per (instrument, idempotency key, type). Then a backlog of 5,000 queued operations is
delivered by the terminal's own replayer (``offline_queue.Replayer`` over ``GatewaySender``), once
with single requests and once in batches (``POST …/operations/_batch``) when the server offers
them.

The server runs with ``--workers`` processes on PostgreSQL (default 3) and one on SQLite (single
writer). The load generator shares the machine's cores with the server, so it is kept cheap: the
terminals run in ``--clients`` forked processes (default 2), each terminal on its own HTTP/1.1
keep-alive connection of a minimal asyncio client (:class:`RawClient`: ~0.3-0.5 ms of CPU per
request, against ~5 ms for httpx's async client); ``cores_used`` and ``cpu_ms_per_op`` say what the
server's processes, the PostgreSQL backends and the load clients each took (from ``/proc``).

Figures per engine: ``ops_per_s`` (answered requests per second, 429s excluded), ``writes_per_s``,
``p50_ms`` / ``p99_ms`` (per answered request; a 429's wait is not in them), ``errors_5xx``,
``rate_limited`` (429s), ``violations``, ``cores_used``, ``cpu_ms_per_op``, ``replay_single_s`` and
``replay_batch_s``.

Run from the repository root: ``python -m bench.server_load [--engines sqlite] [--terminals 200]
[--duration 30] [--replay-n 5000] [--max-in-flight N] [--workers N] [--clients N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.fixtures.postgres import PostgresCluster, bin_dir
from tests.fixtures.server import RunningServer, start_server, stop_server

# WORKAROUND: httpcore's async pool asks ``import sniffio`` which async library runs, on every lock
# it sets up (several per request); sniffio is not installed, and a failed import is not cached, so
# each ask searched sys.path again: ~1 ms of the load generator's CPU per request (yappi). ``None``
# in sys.modules makes the import fail at once; httpcore then assumes asyncio, as it did anyway.
sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

HOT_CARD_TERMINALS = 20
CARD_AMOUNT = "200.00"
HOT_CARD_AMOUNT = "250.00"
LIVE_SERIES = "GC-LIVE"
ADMIN = "/api/v1/admin"


# -- set-up: terminals paired through the back office --------------------------------------------


def pair_terminals(server: RunningServer, count: int) -> list[str]:
    """``count`` new POS terminals (stores 1 and 2, POS 10 up), each paired: their bearer tokens."""
    admin = server.manifest["admin"]
    group = server.loyalty_group
    with httpx.Client(base_url=server.base_url, timeout=30) as client:
        r = client.post(f"{ADMIN}/session", json={"user": admin["user"], "password": admin["password"]})
        r.raise_for_status()
        client.headers["Authorization"] = f"Bearer {r.json()['token']}"
        tokens = []
        for i in range(count):
            store, pos = 1 + i % 2, 10 + i // 2
            base = f"{ADMIN}/loyaltyGroups/{group}/stores/{store}/pos"
            client.post(base, json={"pos": pos}).raise_for_status()
            r = client.post(f"{base}/{pos}/pairingCodes", json={})
            r.raise_for_status()
            paired = httpx.post(f"{server.base_url}/api/v1/pair", json={"code": r.json()["code"]}, timeout=30)
            paired.raise_for_status()
            tokens.append(str(paired.json()["token"]))
    return tokens


# -- the load -------------------------------------------------------------------------------------


@dataclass
class Tally:
    """What the terminals saw."""

    latencies: list[float] = field(default_factory=list)
    answered: int = 0
    writes: int = 0
    errors_5xx: int = 0
    rate_limited: int = 0
    refusals: Counter[str] = field(default_factory=Counter)
    transport_errors: int = 0
    duplicate_pairs: list[str] = field(default_factory=list)
    duplicate_answers: Counter[str] = field(default_factory=Counter)


class RawResponse:
    """What the terminals read of an answer (the part of ``httpx.Response`` they use)."""

    def __init__(self, status_code: int, headers: dict[str, str], content: bytes) -> None:
        self.status_code = status_code
        self.headers = httpx.Headers(headers)  # case-insensitive, as httpx's
        self.content = content

    def json(self) -> Any:
        return json.loads(self.content)

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise RuntimeError(f"HTTP {self.status_code}: {self.content[:200]!r}")


class RawClient:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams, for the load's terminals.

    httpx's async client cost ~5 ms of CPU per request in the load processes (cores_used of the
    first runs), as much as the server's work, on the same 2 cores; this one writes the request bytes
    and reads the status line, the headers and ``Content-Length`` bytes of body (the server always
    sends it), a fraction of that. Connections are kept and reused; a second request of one terminal
    in flight at once (the same key twice) opens a second connection.
    """

    def __init__(self, base_url: str) -> None:
        url = httpx.URL(base_url)
        self.host, self.port = str(url.host), int(url.port or 80)
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def _connection(
        self, *, fresh: bool = False
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, bool]:
        """A connection, and whether it was kept from an earlier request."""
        if self._idle and not fresh:
            return (*self._idle.pop(), True)
        try:
            reader, writer = await asyncio.open_connection(self.host, self.port)
        except OSError as exc:
            raise httpx.ConnectError(str(exc)) from exc
        return reader, writer, False

    async def request(
        self, method: str, url: str, json: Any = None, headers: dict[str, str] | None = None
    ) -> RawResponse:
        target = httpx.URL(url).raw_path.decode("ascii")
        body = b"" if json is None else _json_bytes(json)
        head = [
            f"{method} {target} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            f"Content-Length: {len(body)}",
        ]
        if json is not None:
            head.append("Content-Type: application/json")
        head += [f"{name}: {value}" for name, value in (headers or {}).items()]
        request = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
        reader, writer, kept = await self._connection()
        while True:
            try:
                writer.write(request)
                status_line, *lines = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
                break
            except (OSError, asyncio.IncompleteReadError) as exc:
                writer.close()
                # a kept connection the server closed while it was idle (uvicorn's keep-alive timeout)
                # answers nothing: the request never ran, so it goes once more on a new connection (a
                # POST carries its idempotency key: had it run, the second answer is the replay)
                if kept and isinstance(exc, asyncio.IncompleteReadError) and not exc.partial:
                    reader, writer, kept = await self._connection(fresh=True)
                    continue
                raise httpx.ReadError(repr(exc)) from exc
        answer = {}
        for line in lines:
            if line:
                name, _, value = line.partition(":")
                answer[name.strip().lower()] = value.strip()
        try:
            content = await reader.readexactly(int(answer.get("content-length", "0")))
        except (OSError, asyncio.IncompleteReadError) as exc:
            writer.close()
            raise httpx.ReadError(repr(exc)) from exc
        if answer.get("connection", "").lower() == "close":
            writer.close()
        else:
            self._idle.append((reader, writer))
        return RawResponse(int(status_line.split(" ", 2)[1]), answer, content)

    def close(self) -> None:
        for _, writer in self._idle:
            writer.close()
        self._idle.clear()


def _json_bytes(body: Any) -> bytes:
    return json.dumps(body, separators=(",", ":")).encode("utf-8")


class Terminal:
    """One simulated till: its token, its own gift card, and a loop of mixed operations."""

    def __init__(
        self, client: httpx.AsyncClient | RawClient, server: RunningServer, token: str, tally: Tally
    ) -> None:
        self.client = client
        self.base = server.group_url
        self.headers = {"Authorization": f"Bearer {token}"}
        self.tally = tally
        self.card = ""

    async def call(
        self, method: str, path: str, body: Any = None, key: str | None = None
    ) -> httpx.Response | RawResponse:
        """One request, sent again after ``Retry-After`` while the server answers ``429``."""
        headers = dict(self.headers)
        if method == "POST":
            headers["Idempotency-Key"] = key or str(uuid.uuid4())
        while True:
            start = time.perf_counter()
            try:
                r = await self.client.request(method, self.base + path, json=body, headers=headers)
            except httpx.TransportError:
                self.tally.transport_errors += 1
                await asyncio.sleep(0.5)
                continue
            if r.status_code == 429:
                self.tally.rate_limited += 1
                retry_after = float(r.headers.get("Retry-After", "1"))
                await asyncio.sleep(retry_after * random.uniform(0.5, 1.5))  # jitter: no thundering herd
                continue
            self.tally.latencies.append(time.perf_counter() - start)
            self.tally.answered += 1
            if method == "POST":
                self.tally.writes += 1
            if r.status_code >= 500:
                self.tally.errors_5xx += 1
            elif r.status_code >= 400:
                self.tally.refusals[r.json()["error"]["code"]] += 1
            return r

    async def issue_card(self, amount: str) -> str:
        r = await self.call("POST", f"/giftCardSeries/{LIVE_SERIES}/giftcards/_issue", {"amount": amount})
        r.raise_for_status()
        return str(r.json()["instrument"]["number"])

    async def pay(self, card: str, commit: bool) -> None:
        amount = random.choice(["0.50", "1.00", "2.50"])
        r = await self.call("POST", f"/giftcards/{card}/_pay", {"amount": amount, "reference": "bench"})
        if r.status_code != 200:
            return
        result = r.json()
        code, instrument = result["authCode"], result["instrument"]["instrumentId"]
        if commit:
            await self.call("POST", f"/giftcards/{card}/authorizations/{code}/_commit", {})
        else:
            await self.call("POST", f"/instruments/{instrument}/authorizations/{code}/_cancel", {})

    async def same_key_twice(self, loyalty_card: str) -> None:
        """The same earn sent twice at once with one key: one effect, the other a replay or a 409."""
        key = str(uuid.uuid4())
        body = {"amount": "3.00", "reference": "bench twice"}
        path = f"/loyaltycards/{loyalty_card}/_earn"
        answers = await asyncio.gather(self.call("POST", path, body, key), self.call("POST", path, body, key))
        self.tally.duplicate_pairs.append(key)
        for r in answers:
            replayed = r.headers.get("Idempotent-Replayed") == "true"
            self.tally.duplicate_answers[f"{r.status_code}{' replayed' if replayed else ''}"] += 1

    async def run(self, until: float, hot_card: str, hot_coupon: str, loyalty_cards: list[str]) -> None:
        pay_card = hot_card if self.card == "" else self.card
        while time.monotonic() < until:
            roll = random.random()
            if roll < 0.30:
                await self.call("GET", f"/giftcards/{pay_card}")
            elif roll < 0.50:
                await self.pay(pay_card, commit=True)
            elif roll < 0.60:
                await self.pay(pay_card, commit=False)
            elif roll < 0.85:
                card = random.choice(loyalty_cards)
                await self.call(
                    "POST", f"/loyaltycards/{card}/_earn", {"amount": "12.50", "reference": "bench"}
                )
            elif roll < 0.97:
                await self.call("POST", f"/coupons/{hot_coupon}/_redeem", {"reference": "bench"})
            else:
                await self.same_key_twice(random.choice(loyalty_cards))


async def set_up_cards(server: RunningServer, tokens: list[str]) -> list[str]:
    """The money cards of the load: the hot card (first), then one card per other terminal."""
    tally = Tally()
    async with httpx.AsyncClient(timeout=60) as client:
        terminals = [Terminal(client, server, token, tally) for token in tokens]
        hot_card = await terminals[0].issue_card(HOT_CARD_AMOUNT)
        own = [await t.issue_card(CARD_AMOUNT) for t in terminals[HOT_CARD_TERMINALS:]]
    return [hot_card, *own]


#: What the client processes need, set before they are forked (a RunningServer holds a Popen, which
#: does not pickle): the server, its hot card, and each process's terminals (token, own card or "").
_LOAD: dict[str, Any] = {}


async def _loops(index: int, duration: float) -> Tally:
    """Client process ``index``'s terminals in their loops for ``duration`` seconds."""
    server: RunningServer = _LOAD["server"]
    share: list[tuple[str, str]] = _LOAD["shares"][index]
    tally = Tally()
    # HTTP/1.1 keep-alive: each terminal its own connection (RawClient), made once
    clients = [RawClient(server.base_url) for _ in share]
    terminals = []
    for (token, card), client in zip(share, clients, strict=True):
        t = Terminal(client, server, token, tally)
        t.card = card
        terminals.append(t)
    hot_coupon = next(c for c in server.manifest["samples"]["coupon_active"] if c.startswith("MULTI"))
    loyalty_cards = list(server.manifest["samples"]["loyaltycard_active"])
    until = time.monotonic() + duration
    try:
        await asyncio.gather(*(t.run(until, _LOAD["hot_card"], hot_coupon, loyalty_cards) for t in terminals))
    finally:
        for client in clients:
            client.close()
    return tally


def _client_process(index: int, duration: float) -> tuple[Tally, float]:
    """Client process ``index``: its tally and the CPU seconds it used (the load generator's cost)."""
    before = os.times()
    tally = asyncio.run(_loops(index, duration))
    after = os.times()
    return tally, (after.user - before.user) + (after.system - before.system)


def run_load(
    server: RunningServer, tokens: list[str], cards: list[str], duration: float, clients: int
) -> tuple[Tally, float, float]:
    """The terminals' loops for ``duration`` seconds, spread over ``clients`` processes (so the load
    generator is not one busy core): the merged tally, the seconds taken, the clients' CPU seconds."""
    own = {HOT_CARD_TERMINALS + i: card for i, card in enumerate(cards[1:])}
    pairs = [(token, own.get(i, "")) for i, token in enumerate(tokens)]
    _LOAD.update(server=server, hot_card=cards[0], shares=[pairs[i::clients] for i in range(clients)])
    context = multiprocessing.get_context("fork")
    start = time.monotonic()
    with ProcessPoolExecutor(max_workers=clients, mp_context=context) as pool:
        results = list(pool.map(_client_process, range(clients), [duration] * clients))
    elapsed = time.monotonic() - start
    merged = Tally()
    for tally, _ in results:
        merged.latencies += tally.latencies
        merged.answered += tally.answered
        merged.writes += tally.writes
        merged.errors_5xx += tally.errors_5xx
        merged.rate_limited += tally.rate_limited
        merged.refusals.update(tally.refusals)
        merged.transport_errors += tally.transport_errors
        merged.duplicate_pairs += tally.duplicate_pairs
        merged.duplicate_answers.update(tally.duplicate_answers)
    return merged, elapsed, sum(cpu for _, cpu in results)


# -- CPU of the server and of PostgreSQL (Linux /proc) ---------------------------------------------


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds each process of ``pids`` used so far (gone ones are left out)."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return used


def _cpu_since(before: dict[int, float], now: dict[int, float]) -> float:
    """CPU seconds used between two readings (a process started meanwhile counts whole)."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in now.items())


def _processes(session: int | None = None, parent: int | None = None) -> list[int]:
    """Pids of one session (the server and its workers) or of one parent's children (PostgreSQL's)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if (session is not None and int(fields[3]) == session) or (
            parent is not None and int(fields[1]) == parent
        ):
            found.append(int(entry.name))
    return found


def postmaster_pid(cluster: Any) -> int | None:
    """The pid of the throw-away cluster's postmaster (first line of ``postmaster.pid``)."""
    try:
        return int((Path(cluster.data) / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, AttributeError, IndexError):
        return None


# -- invariants -----------------------------------------------------------------------------------


def check_invariants(server: RunningServer, cards: list[str], duplicate_keys: list[str]) -> dict[str, int]:
    """Violations of the money rules, read from the server's database itself (either engine)."""
    found = {"negative_available": 0, "balance_not_ledger": 0, "double_effect": 0, "lost_duplicate": 0}
    with httpx.Client(
        base_url=server.group_url, headers={"Authorization": f"Bearer {server.token(0)}"}, timeout=30
    ) as client:
        for card in cards:
            account = client.get(f"/giftcards/{card}").json()["account"]
            if account["amountAvailable"].startswith("-"):
                found["negative_available"] += 1
    numbers = ", ".join(f"'{c}'" for c in cards)  # card numbers are digits (made by the server)
    rows = server.sql(
        "SELECT i.instrument_id, i.net_minor, "
        "COALESCE(SUM(CASE WHEN t.type IN ('issue', 'load') THEN t.amount_minor "
        "WHEN t.type = 'commit' THEN -t.amount_minor ELSE 0 END), 0) "
        f"FROM instruments i LEFT JOIN transactions t ON t.instrument_id = i.instrument_id "
        f"WHERE i.number IN ({numbers}) GROUP BY i.instrument_id, i.net_minor"
    )
    found["balance_not_ledger"] = sum(1 for _, net, ledger in rows if int(net) != int(ledger))
    found["double_effect"] = len(
        server.sql(
            "SELECT instrument_id, operation_id, type FROM transactions "
            "GROUP BY instrument_id, operation_id, type HAVING COUNT(*) > 1"
        )
    )
    earned = Counter(
        str(r[0]) for r in server.sql("SELECT operation_id FROM transactions WHERE reference = 'bench twice'")
    )
    found["lost_duplicate"] = sum(1 for key in duplicate_keys if earned[key] != 1)
    found["total"] = sum(found.values())
    return found


# -- replay of a backlog --------------------------------------------------------------------------


def replay_backlog(server: RunningServer, folder: Path, n: int, batch: bool) -> tuple[float, int]:
    """Seconds for the terminal's replayer to deliver ``n`` queued earns, and how many it delivered."""
    from offline_queue.replayer import Replayer
    from offline_queue.store import Outbox
    from pos_client.api.client import LoyaltyClient
    from pos_client.domain import Kind, OpType
    from pos_client.gateway import DirectGateway
    from pos_client.offline_sender import GatewaySender
    from pos_client.operations import WriteOperation, new_operation_id

    cards = list(server.manifest["samples"]["loyaltycard_active"])
    box = Outbox(folder / f"replay-{'batch' if batch else 'single'}.db")
    for i in range(n):
        card = cards[i % len(cards)]
        op = WriteOperation(
            operation_id=new_operation_id(),
            type=OpType.EARN,
            path=f"/loyaltycards/{card}/_earn",
            body={"amount": "12.50", "reference": "backlog"},
            instrument_key=card,
            kind=Kind.LOYALTYCARD,
            series_number="LC",
        )
        box.enqueue(op.operation_id, op.to_json(), instrument_key=op.instrument_key, amount=op.amount)
    client = LoyaltyClient(server.base_url, server.loyalty_group, server.token(0), read_timeout=60.0)
    try:
        send = GatewaySender(DirectGateway(client))
        replayer = Replayer(
            box,
            send,
            decode=WriteOperation.from_json,
            batch_size=100,
            send_batch=send.send_batch if batch else None,
        )
        start = time.perf_counter()
        report = replayer.flush(timeout=600)
        elapsed = time.perf_counter() - start
    finally:
        client.close()
        box.close()
    return elapsed, report.delivered


# -- engines --------------------------------------------------------------------------------------


def bench_engine(engine: str, folder: Path, args: argparse.Namespace, cluster: Any) -> dict[str, Any]:
    extra = ["--max-in-flight", str(args.max_in_flight)] if args.max_in_flight else []
    workers = args.workers if engine == "postgresql" else 1  # SQLite is single-writer: one worker
    if workers > 1:
        extra += ["--workers", str(workers)]
    database = cluster.new_database() if engine == "postgresql" else str(folder / "server.db")
    server = start_server(folder / "server", database=database, extra_args=extra)
    try:
        tokens = pair_terminals(server, args.terminals)
        cards = asyncio.run(set_up_cards(server, tokens))
        master = postmaster_pid(cluster) if engine == "postgresql" else None

        def readings() -> tuple[dict[int, float], dict[int, float]]:
            backends = _processes(parent=master) if master else []  # pooled connections come and go
            return _cpu_seconds(_processes(session=server.process.pid)), _cpu_seconds(backends)

        server_before, pg_before = readings()
        tally, elapsed, client_cpu = run_load(server, tokens, cards, args.duration, args.clients)
        server_after, pg_after = readings()
        server_cpu, pg_cpu = _cpu_since(server_before, server_after), _cpu_since(pg_before, pg_after)
        violations = check_invariants(server, cards, tally.duplicate_pairs)
        (single_s, single_n), (batch_s, batch_n) = (0.0, 0), (0.0, 0)
        replay_doubles = 0
        if args.replay_n:
            single_s, single_n = replay_backlog(server, folder, args.replay_n, batch=False)
            batch_s, batch_n = replay_backlog(server, folder, args.replay_n, batch=True)
            # each queued earn applied once, whichever way it was delivered
            replay_doubles = len(
                server.sql(
                    "SELECT instrument_id, operation_id, type FROM transactions WHERE reference = 'backlog' "
                    "GROUP BY instrument_id, operation_id, type HAVING COUNT(*) > 1"
                )
            )
    finally:
        stop_server(server)
    latencies = sorted(tally.latencies)
    return {
        "terminals": len(tokens),
        "workers": workers,
        "seconds": round(elapsed, 1),
        "ops_per_s": round(tally.answered / elapsed, 1),
        "writes_per_s": round(tally.writes / elapsed, 1),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 1),
        "errors_5xx": tally.errors_5xx,
        "rate_limited": tally.rate_limited,
        "transport_errors": tally.transport_errors,
        "refusals": dict(tally.refusals.most_common()),
        "same_key_twice": dict(tally.duplicate_answers),
        "violations": violations["total"],
        "violation_kinds": {k: v for k, v in violations.items() if k != "total"},
        # where the 2 cores went during the load: CPU seconds per wall second (1.0 = one core busy)
        "cores_used": {
            "server": round(server_cpu / elapsed, 2),
            "postgresql": round(pg_cpu / elapsed, 2),
            "load_clients": round(client_cpu / elapsed, 2),
        },
        # and per answered request: what one request costs, whatever else ran on the machine
        "cpu_ms_per_op": {
            "server": round(server_cpu * 1000 / max(tally.answered, 1), 2),
            "postgresql": round(pg_cpu * 1000 / max(tally.answered, 1), 2),
            "load_clients": round(client_cpu * 1000 / max(tally.answered, 1), 2),
        },
        "replay_n": args.replay_n,
        "replay_single_s": round(single_s, 2),
        "replay_single_delivered": single_n,
        "replay_batch_s": round(batch_s, 2),
        "replay_batch_delivered": batch_n,
        "replay_speedup": round(single_s / batch_s, 1) if batch_s else None,
        "replay_double_effects": replay_doubles,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engines", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    ap.add_argument("--terminals", type=int, default=200, help="simulated terminals (default 200)")
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of load per engine (default 30)")
    ap.add_argument(
        "--replay-n", type=int, default=5000, help="operations in the replayed backlog (0: no replay)"
    )
    ap.add_argument("--max-in-flight", type=int, default=0, help="the server's --max-in-flight (its default)")
    ap.add_argument("--workers", type=int, default=3, help="server workers on PostgreSQL (default 3)")
    ap.add_argument("--clients", type=int, default=2, help="load-generator processes (default 2)")
    args = ap.parse_args(argv)
    if args.terminals < HOT_CARD_TERMINALS + 1:
        ap.error(f"--terminals must be more than {HOT_CARD_TERMINALS}")
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(engines) - {"sqlite", "postgresql"}
    if unknown:
        ap.error(f"unknown engine(s): {', '.join(sorted(unknown))} (sqlite, postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="bench-server-load-", dir=os.environ.get("BENCH_DIR")))
    figures: dict[str, Any] = {"bench": "server_load"}
    cluster = None
    try:
        if "postgresql" in engines:
            programs = bin_dir()
            if programs is None:
                engines.remove("postgresql")
                figures["postgresql"] = {
                    "skipped": "no PostgreSQL server programs (Debian package postgresql)"
                }
            else:
                cluster = PostgresCluster(programs)
                figures["postgresql_note"] = "throw-away cluster of tests/fixtures/postgres.py (fsync=off)"
        for engine in engines:
            (folder / engine).mkdir(parents=True)
            try:
                figures[engine] = bench_engine(engine, folder / engine, args, cluster)
            except RuntimeError as exc:  # the server did not start on this engine: say why, go on
                figures[engine] = {"skipped": " ".join(str(exc).split())[:400]}
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
