"""Benchmark of the offline outbox; prints ONE JSON line of measured figures and ratios.

1. Durable enqueue: ``Outbox.enqueue`` (one fsynced transaction per operation) against raw SQLite
   single-row commits (WAL + ``synchronous=FULL``) and persist-queue's ``SQLiteAckQueue``
   put + get + ack, on the same disk. Rounds alternate between the three to spread disk noise.
2. Replay: 5,000 queued operations delivered by the replayer to the reference server (started here
   as ``python -m loyalty_server --port 0 --seed demo --manifest …``) against a bare httpx loop
   posting the same kind of requests to the same server.

Targets (docs/ARCHITECTURE.md#performance, issue 4): enqueue ≥ 0.8× raw and ≥ 2× persist-queue; replay ≤ 1.2×
the loop. Run from the repository root: ``python -m bench.queue [--enqueue-n 3000] [--rounds 60] [--replay-n
5000] [--skip-replay]``. Replay goes through the product's own path (``LoyaltyClient`` → ``DirectGateway`` →
the queued gateway's ``GatewaySender`` → ``Replayer``), including parsing every answer.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from offline_queue.replayer import Replayer, SendFunction
from offline_queue.store import Outbox
from pos_client.api.client import LoyaltyClient
from pos_client.domain import Kind, OpType
from pos_client.gateway import DirectGateway
from pos_client.offline_sender import GatewaySender
from pos_client.operations import WriteOperation, new_operation_id
from tests.fixtures.server import RunningServer, start_server, stop_server


def _sample_op(instrument: str = "2900000000017") -> WriteOperation:
    return WriteOperation(
        operation_id=new_operation_id(),
        type=OpType.EARN,
        path=f"/loyaltycards/{instrument}/_earn",
        body={"amount": "12.50", "reference": "bench"},
        instrument_key=instrument,
        kind=Kind.LOYALTYCARD,
        series_number="LC",
        amount=None,
    )


# -- enqueue ------------------------------------------------------------------------------------


class _Raw:
    """Raw SQLite: one single-row INSERT per commit, WAL + ``synchronous=FULL`` (the disk's limit)."""

    def __init__(self, folder: Path, payload: str) -> None:
        self.payload = payload
        self.db = sqlite3.connect(folder / "raw.db", isolation_level=None)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = FULL")
        self.db.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, data TEXT NOT NULL)")

    def one(self) -> None:
        self.db.execute("INSERT INTO t (data) VALUES (?)", (self.payload,))  # autocommit: one commit

    def close(self) -> None:
        self.db.close()


class _Ours:
    """``Outbox.enqueue`` of a new operation, serialisation included (what the gateway does)."""

    def __init__(self, folder: Path, payload: str, n: int) -> None:
        self.box = Outbox(folder / "outbox.db")
        self.ops = iter([_sample_op() for _ in range(n)])  # made by the service before the enqueue

    def one(self) -> None:
        op = next(self.ops)
        self.box.enqueue(op.operation_id, op.to_json(), instrument_key=op.instrument_key, amount=op.amount)

    def close(self) -> None:
        self.box.close()


class _PersistQueue:
    """persist-queue's ``SQLiteAckQueue`` (its defaults, auto-commit): put + get + ack."""

    def __init__(self, folder: Path, payload: str) -> None:
        from persistqueue import SQLiteAckQueue

        self.payload = payload
        self.q = SQLiteAckQueue(str(folder / "pq"), auto_commit=True, multithreading=False)

    def one(self) -> None:
        self.q.put(self.payload)
        self.q.ack(self.q.get(block=False))

    def close(self) -> None:
        """persist-queue keeps its connection until the object goes (the folder is removed after)."""


def bench_enqueue(n: int, rounds: int) -> dict[str, float]:
    """Operations per second of each contender on the same disk.

    The disk is shared with other work, so its speed drifts; the contenders therefore take turns in
    small blocks (``rounds`` blocks of ``n / rounds`` operations each, the order rotating), and each
    rate is its total operations over its total time.
    """
    folder = Path(tempfile.mkdtemp(prefix="bench-queue-", dir=os.environ.get("BENCH_DIR")))
    payload = _sample_op().to_json()
    contenders: dict[str, Any] = {}
    spent = {"raw": 0.0, "ours": 0.0, "pq": 0.0}
    block = max(1, n // rounds)
    try:
        contenders = {
            "raw": _Raw(folder, payload),
            "ours": _Ours(folder, payload, block * rounds),
            "pq": _PersistQueue(folder, payload),
        }
        names = list(contenders)
        for turn in range(rounds):
            for name in names[turn % 3 :] + names[: turn % 3]:
                one = contenders[name].one
                start = time.perf_counter()
                for _ in range(block):
                    one()
                spent[name] += time.perf_counter() - start
    finally:
        for contender in contenders.values():
            contender.close()
        shutil.rmtree(folder, ignore_errors=True)
    done = block * rounds
    rate = {k: done / seconds for k, seconds in spent.items()}
    r, o, p = rate["raw"], rate["ours"], rate["pq"]
    return {
        "enqueueOps": done,
        "enqueuePerSec": round(o, 1),
        "rawCommitsPerSec": round(r, 1),
        "persistQueuePerSec": round(p, 1),
        "enqueueVsRaw": round(o / r, 3),
        "enqueueVsPersistQueue": round(o / p, 3),
    }


# -- replay -------------------------------------------------------------------------------------


def _earn_ops(cards: list[str], n: int, tag: str) -> list[WriteOperation]:
    return [
        WriteOperation(
            operation_id=new_operation_id(),
            type=OpType.EARN,
            path=f"/loyaltycards/{cards[i % len(cards)]}/_earn",
            body={"amount": "12.50", "reference": tag},
            instrument_key=cards[i % len(cards)],
            kind=Kind.LOYALTYCARD,
            series_number="LC",
        )
        for i in range(n)
    ]


def bare_loop(server: RunningServer, ops: list[WriteOperation]) -> float:
    """Seconds for a bare httpx loop posting ``ops`` one by one (keep-alive client)."""
    headers = {"Authorization": f"Bearer {server.token(0)}"}
    with httpx.Client(headers=headers, timeout=30) as client:
        start = time.perf_counter()
        for op in ops:
            r = client.post(
                server.group_url + op.path, json=op.body, headers={"Idempotency-Key": op.operation_id}
            )
            r.raise_for_status()
        return time.perf_counter() - start


def _product_sender(server: RunningServer) -> tuple[SendFunction[WriteOperation], Callable[[], None]]:
    """The terminal's own send function (client → direct gateway → gateway sender), and its closer."""
    client = LoyaltyClient(server.base_url, server.loyalty_group, server.token(0), read_timeout=30.0)
    return GatewaySender(DirectGateway(client)), client.close


def replay(server: RunningServer, folder: Path, ops: list[WriteOperation]) -> tuple[float, int]:
    """Seconds for the replayer to deliver ``ops`` from a durable outbox, and how many it delivered."""
    box = Outbox(folder / "replay.db")
    for op in ops:
        box.enqueue(op.operation_id, op.to_json(), instrument_key=op.instrument_key, amount=op.amount)
    send, close = _product_sender(server)
    try:
        replayer = Replayer(box, send, decode=WriteOperation.from_json, batch_size=100)
        start = time.perf_counter()
        report = replayer.flush(timeout=60)
        elapsed = time.perf_counter() - start
    finally:
        close()
        box.close()
    return elapsed, report.delivered


def bench_replay(n: int) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="bench-replay-", dir=os.environ.get("BENCH_DIR")))
    server = start_server(folder / "server")
    try:
        cards = list(server.manifest["samples"]["loyaltycard_active"])
        bare_loop(server, _earn_ops(cards, 50, "warm-up"))  # warm both sides up
        half = n // 2
        bare_first = bare_loop(server, _earn_ops(cards, half, "bare"))
        replay_s, delivered = replay(server, folder, _earn_ops(cards, n, "replay"))
        bare_second = bare_loop(server, _earn_ops(cards, n - half, "bare"))
    finally:
        stop_server(server)
        shutil.rmtree(folder, ignore_errors=True)
    bare = bare_first + bare_second
    return {
        "replayOps": n,
        "replayDelivered": delivered,
        "replaySeconds": round(replay_s, 3),
        "bareLoopSeconds": round(bare, 3),
        "bareLoopMsPerRequest": round(bare / n * 1000, 2),
        "replayVsBareLoop": round(replay_s / bare, 3),
        "replayTargetMet": bool(delivered == n and replay_s <= 1.2 * bare),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--enqueue-n", type=int, default=3000, help="enqueues per contender")
    ap.add_argument("--rounds", type=int, default=60, help="alternating blocks per contender")
    ap.add_argument("--replay-n", type=int, default=5000, help="operations to replay")
    ap.add_argument("--skip-replay", action="store_true", help="only the enqueue figures")
    args = ap.parse_args(argv)
    figures: dict[str, object] = {"bench": "queue"}
    figures.update(bench_enqueue(args.enqueue_n, args.rounds))
    figures["enqueueTargetsMet"] = bool(
        figures["enqueueVsRaw"] >= 0.8 and figures["enqueueVsPersistQueue"] >= 2.0  # type: ignore[operator]
    )
    if not args.skip_replay:
        figures.update(bench_replay(args.replay_n))
    print(json.dumps(figures, default=lambda v: str(v) if isinstance(v, Decimal) else v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
