"""Crash test: a worker enqueuing and replaying against the real reference server is SIGKILLed at
random moments (at least 20 times); after a final flush, the server's ledger holds every operation the
worker reported as accepted exactly once, and nothing else.

The moment of each kill is random (seeded by ``CRASH_SEED`` for a reproducible run): a kill lands
while the worker enqueues (between ``intent`` and ``accepted``), while it sends, or between a send and
the record of its result. The ledger is read over the API (``GET /instruments/{id}/transactions``).
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx
import pytest

from offline_queue.store import Outbox, State
from tests.fixtures.server import RunningServer

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20
PER_RUN = 12  # operations each worker enqueues before it only replays


def _worker(
    db: Path, server: RunningServer, tag: str, cards: list[str], *extra: str
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.offline_queue.crash_worker",
            "--db",
            str(db),
            "--server",
            server.base_url,
            "--group",
            server.loyalty_group,
            "--token",
            server.token(0),
            "--tag",
            tag,
            "--cards",
            ",".join(cards),
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        bufsize=0,
    )


class _Output:
    """Every line the worker wrote, read straight from the pipe's file descriptor.

    (No buffered reader: bytes a buffered reader had taken but not yet handed out would be lost to a
    later ``communicate``.)
    """

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        self.fd = proc.stdout.fileno()
        self.lines: list[str] = []
        self._partial = b""

    def _read(self, timeout: float) -> bool:
        """Read what is there (waiting up to ``timeout``); False at end of output."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        data = os.read(self.fd, 65536)
        if not data:
            return False
        *complete, self._partial = (self._partial + data).split(b"\n")
        self.lines += [line.decode() for line in complete]
        return True

    def wait_for(self, prefix: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(line.startswith(prefix) for line in self.lines):
                return
            if not self._read(0.1):
                break
        raise AssertionError(f"the worker did not print {prefix!r} in time")

    def drain(self) -> list[str]:
        """Everything, once the worker has ended (a line cut by the kill is dropped)."""
        while self._read(1.0):
            pass
        return self.lines


def _ledger(server: RunningServer, cards: list[str], tag: str) -> Counter[str]:
    """operationId → how many earn transactions carry it, over the cards, for this run's tag."""
    counts: Counter[str] = Counter()
    headers = {"Authorization": f"Bearer {server.token(0)}"}
    with httpx.Client(headers=headers, timeout=10) as client:
        for card in cards:
            card_json = client.get(f"{server.group_url}/loyaltycards/{card}")
            card_json.raise_for_status()
            instrument_id = card_json.json()["instrumentId"]
            history = client.get(f"{server.group_url}/instruments/{instrument_id}/transactions")
            history.raise_for_status()
            for tx in history.json()["transactions"]:
                if tx.get("reference") == tag and tx.get("type") == "earn":
                    counts[tx["operationId"]] += 1
    return counts


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_sigkill_at_random_moments_loses_nothing_and_applies_nothing_twice(
    fresh_server: RunningServer, tmp_path: Path
) -> None:
    seed = int(os.environ.get("CRASH_SEED", "4"))
    rng = random.Random(seed)
    db = tmp_path / "outbox.db"
    tag = f"crash-{uuid.uuid4().hex[:8]}"
    cards = [str(n) for n in fresh_server.manifest["samples"]["loyaltycard_active"][:3]]
    intents: set[str] = set()
    accepted: set[str] = set()
    kills = 0

    for run in range(KILLS):
        args = ("--count", str(PER_RUN), "--pause", "0.03", "--seed", str(seed * 1000 + run))
        proc = _worker(db, fresh_server, tag, cards, *args)
        output = _Output(proc)
        try:
            output.wait_for("ready")
            time.sleep(rng.uniform(0.0, 0.5))  # the random moment of the kill
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        kills += proc.returncode == -signal.SIGKILL
        lines = output.drain()
        intents.update(line.split()[1] for line in lines if line.startswith("intent "))
        accepted.update(line.split()[1] for line in lines if line.startswith("accepted "))
        assert proc.stdout is not None
        proc.stdout.close()

    final = _worker(db, fresh_server, tag, cards, "--flush-only")
    out, _ = final.communicate(timeout=60)
    assert final.returncode == 0, out

    with Outbox(db) as box:
        stored = {e.operation_id: e for e in box.entries(limit=1_000_000)}
    ledger = _ledger(fresh_server, cards, tag)

    assert kills == KILLS, "every worker must have been killed while running"
    assert len(accepted) >= KILLS, "the workers should have accepted operations between kills"
    assert accepted <= set(stored), "an accepted operation is missing from the outbox"
    assert set(stored) <= intents, "the outbox holds an operation nobody made"
    assert {e.state for e in stored.values()} == {State.DONE}, "the final flush left work undelivered"
    duplicates = {op: n for op, n in ledger.items() if n != 1}
    assert not duplicates, f"applied more than once: {duplicates}"
    assert accepted <= set(ledger), f"lost: {sorted(accepted - set(ledger))[:5]}"
    assert set(ledger) == set(stored), "the ledger holds operations the outbox never had (or vice versa)"
