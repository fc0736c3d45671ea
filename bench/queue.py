"""Benchmark of the offline outbox; prints ONE JSON line of measured figures and ratios.

1. Durable enqueue: ``Outbox.enqueue`` (one fsynced transaction per operation) against raw SQLite
   single-row commits (WAL + ``synchronous=FULL``) and persist-queue's ``SQLiteAckQueue``
   put + get + ack, on the same disk. Rounds alternate between the three to spread disk noise.
2. Replay: 5,000 queued operations delivered by the replayer to the reference server (started here
   as ``python -m loyalty_server --port 0 --seed demo --manifest …``) against a bare httpx loop
   posting the same kind of requests to the same server.

Targets (DESIGN.md §7, issue 4): enqueue ≥ 0.8× raw and ≥ 2× persist-queue; replay ≤ 1.2× the loop.
Run: ``.venv/bin/python bench/queue.py [--enqueue-n 600] [--replay-n 5000] [--skip-replay]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from offline_queue.replayer import Replayer, SendFunction  # noqa: E402
from offline_queue.store import Outbox  # noqa: E402
from pos_client.domain import Kind, OpType  # noqa: E402
from pos_client.operations import WriteOperation, new_operation_id  # noqa: E402


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


def _rate(n: int, run: Callable[[], None]) -> float:
    start = time.perf_counter()
    for _ in range(n):
        run()
    return n / (time.perf_counter() - start)


def bench_raw(folder: Path, n: int, payload: str) -> float:
    db = sqlite3.connect(folder / "raw.db", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, data TEXT NOT NULL)")
    try:
        return _rate(n, lambda: db.execute("INSERT INTO t (data) VALUES (?)", (payload,)) and None)
    finally:
        db.close()


def bench_outbox(folder: Path, n: int) -> float:
    box = Outbox(folder / "outbox.db")
    ops = [_sample_op() for _ in range(n)]
    it = iter(ops)

    def one() -> None:
        op = next(it)
        box.enqueue(op.operation_id, op.to_json(), instrument_key=op.instrument_key, amount=op.amount)

    try:
        return _rate(n, one)
    finally:
        box.close()


def bench_persist_queue(folder: Path, n: int, payload: str) -> float:
    from persistqueue import SQLiteAckQueue

    q = SQLiteAckQueue(str(folder / "pq"), auto_commit=True, multithreading=False)

    def one() -> None:
        q.put(payload)
        item = q.get(block=False)
        q.ack(item)

    return _rate(n, one)


def bench_enqueue(n: int, rounds: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="bench-queue-", dir=os.environ.get("BENCH_DIR")))
    payload = _sample_op().to_json()
    raw: list[float] = []
    ours: list[float] = []
    pq: list[float] = []
    try:
        for _ in range(rounds):
            raw.append(bench_raw(folder, n, payload))
            ours.append(bench_outbox(folder, n))
            pq.append(bench_persist_queue(folder, n, payload))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    r, o, p = statistics.median(raw), statistics.median(ours), statistics.median(pq)
    return {
        "enqueuePerSec": round(o, 1),
        "rawCommitsPerSec": round(r, 1),
        "persistQueuePerSec": round(p, 1),
        "enqueueVsRaw": round(o / r, 3),
        "enqueueVsPersistQueue": round(o / p, 3),
    }


# -- replay -------------------------------------------------------------------------------------


class Server:
    """The reference server in a subprocess, on a free port, with the demo manifest."""

    def __init__(self, folder: Path) -> None:
        self.manifest_path = folder / "manifest.json"
        self.log = open(folder / "server.log", "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "loyalty_server",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--db",
                str(folder / "server.db"),
                "--seed",
                "demo",
                "--manifest",
                str(self.manifest_path),
            ],
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        self.manifest: dict[str, Any] = {}
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited early; see {folder / 'server.log'}")
            try:
                self.manifest = json.loads(self.manifest_path.read_text())
                with httpx.Client(timeout=1) as c:
                    c.get(self.manifest["baseUrl"])
                break
            except (OSError, ValueError, KeyError, httpx.HTTPError):
                time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start in time")
        self.group_url = (
            f"{self.manifest['baseUrl'].rstrip('/')}/api/v1/pos/loyaltyGroups/{self.manifest['loyaltyGroup']}"
        )
        self.token = str(self.manifest["terminals"][0]["token"])

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


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


def bare_loop(server: Server, ops: list[WriteOperation]) -> float:
    """Seconds for a bare httpx loop posting ``ops`` one by one (keep-alive client)."""
    headers = {"Authorization": f"Bearer {server.token}"}
    with httpx.Client(headers=headers, timeout=30) as client:
        start = time.perf_counter()
        for op in ops:
            r = client.post(server.group_url + op.path, json=op.body, headers={"Idempotency-Key": op.operation_id})
            r.raise_for_status()
        return time.perf_counter() - start


def replay(server: Server, folder: Path, ops: list[WriteOperation]) -> tuple[float, int]:
    """Seconds for the replayer to deliver ``ops`` from a durable outbox, and how many it delivered."""
    box = Outbox(folder / "replay.db")
    for op in ops:
        box.enqueue(op.operation_id, op.to_json(), instrument_key=op.instrument_key, amount=op.amount)
    send, close = _product_sender(server)
    try:
        replayer = Replayer(box, send, batch_size=100)
        start = time.perf_counter()
        report = replayer.flush(timeout=60)
        elapsed = time.perf_counter() - start
    finally:
        close()
        box.close()
    return elapsed, report.delivered


def bench_replay(n: int) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="bench-replay-", dir=os.environ.get("BENCH_DIR")))
    server = Server(folder)
    try:
        cards = list(server.manifest["samples"]["loyaltycard_active"])
        bare_loop(server, _earn_ops(cards, 50, "warm-up"))  # warm both sides up
        half = n // 2
        bare_first = bare_loop(server, _earn_ops(cards, half, "bare"))
        replay_s, delivered = replay(server, folder, _earn_ops(cards, n, "replay"))
        bare_second = bare_loop(server, _earn_ops(cards, n - half, "bare"))
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    bare = bare_first + bare_second
    return {
        "replayOps": n,
        "replayDelivered": delivered,
        "replaySeconds": round(replay_s, 3),
        "bareLoopSeconds": round(bare, 3),
        "replayVsBareLoop": round(replay_s / bare, 3),
        "replayTargetMet": bool(delivered == n and replay_s <= 1.2 * bare),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--enqueue-n", type=int, default=600, help="operations per enqueue round")
    ap.add_argument("--rounds", type=int, default=3, help="alternating enqueue rounds")
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
