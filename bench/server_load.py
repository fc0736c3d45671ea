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

Figures per engine: ``ops_per_s`` (answered requests per second, 429s excluded), ``writes_per_s``,
``p50_ms`` / ``p99_ms`` (per answered request), ``errors_5xx``, ``rate_limited`` (429s),
``violations``, ``replay_single_s`` and ``replay_batch_s``.

Run from the repository root: ``python -m bench.server_load [--engines sqlite] [--terminals 200]
[--duration 30] [--replay-n 5000] [--max-in-flight N] [--workers N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.fixtures.postgres import PostgresCluster, bin_dir
from tests.fixtures.server import RunningServer, start_server, stop_server

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


class Terminal:
    """One simulated till: its token, its own gift card, and a loop of mixed operations."""

    def __init__(self, client: httpx.AsyncClient, server: RunningServer, token: str, tally: Tally) -> None:
        self.client = client
        self.base = server.group_url
        self.headers = {"Authorization": f"Bearer {token}"}
        self.tally = tally
        self.card = ""

    async def call(self, method: str, path: str, body: Any = None, key: str | None = None) -> httpx.Response:
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


async def run_load(
    server: RunningServer, tokens: list[str], duration: float
) -> tuple[Tally, float, list[str]]:
    """The terminals' loops for ``duration`` seconds: the tally, the seconds taken and the money cards."""
    tally = Tally()
    limits = httpx.Limits(max_connections=len(tokens) + 50, max_keepalive_connections=len(tokens) + 50)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        terminals = [Terminal(client, server, token, tally) for token in tokens]
        hot_card = await terminals[0].issue_card(HOT_CARD_AMOUNT)
        for t in terminals[HOT_CARD_TERMINALS:]:
            t.card = await t.issue_card(CARD_AMOUNT)
        hot_coupon = next(c for c in server.manifest["samples"]["coupon_active"] if c.startswith("MULTI"))
        loyalty_cards = list(server.manifest["samples"]["loyaltycard_active"])
        fresh = Tally()  # the set-up's own requests are not part of the figures
        for t in terminals:
            t.tally = fresh
        start = time.monotonic()
        await asyncio.gather(
            *(t.run(start + duration, hot_card, hot_coupon, loyalty_cards) for t in terminals)
        )
        elapsed = time.monotonic() - start
    return fresh, elapsed, [hot_card, *(t.card for t in terminals[HOT_CARD_TERMINALS:])]


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
    database = cluster.new_database() if engine == "postgresql" else str(folder / "server.db")
    server = start_server(folder / "server", database=database, extra_args=extra)
    try:
        tokens = pair_terminals(server, args.terminals)
        tally, elapsed, cards = asyncio.run(run_load(server, tokens, args.duration))
        violations = check_invariants(server, cards, tally.duplicate_pairs)
        single_s, single_n = replay_backlog(server, folder, args.replay_n, batch=False)
        batch_s, batch_n = replay_backlog(server, folder, args.replay_n, batch=True)
    finally:
        stop_server(server)
    latencies = sorted(tally.latencies)
    return {
        "terminals": len(tokens),
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
        "replay_n": args.replay_n,
        "replay_single_s": round(single_s, 2),
        "replay_single_delivered": single_n,
        "replay_batch_s": round(batch_s, 2),
        "replay_batch_delivered": batch_n,
        "replay_speedup": round(single_s / batch_s, 1) if batch_s else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engines", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    ap.add_argument("--terminals", type=int, default=200, help="simulated terminals (default 200)")
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of load per engine (default 30)")
    ap.add_argument("--replay-n", type=int, default=5000, help="operations in the replayed backlog")
    ap.add_argument("--max-in-flight", type=int, default=0, help="the server's --max-in-flight (its default)")
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
