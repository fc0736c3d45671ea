"""Crash test: a worker enqueuing and replaying against the real reference server is SIGKILLed at
random moments (at least 20 times); after a final flush, the server's ledger holds every operation the
worker reported as accepted exactly once, and nothing that the outbox does not hold."""

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
from typing import Any

import httpx
import pytest

from offline_queue.store import Outbox, State

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20


def _worker(db: Path, server: Any, tag: str, cards: list[str], *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.offline_queue.crash_worker",
            "--db",
            str(db),
            "--group-url",
            server.group_url,
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
        text=True,
        bufsize=1,
    )


def _wait_for_line(proc: subprocess.Popen[str], prefix: str, lines: list[str], timeout: float = 20.0) -> None:
    """Read the worker's stdout until a line starting with ``prefix`` (poll with a deadline)."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.1)
        if ready:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.strip())
            if line.startswith(prefix):
                return
    raise AssertionError(f"the worker did not print {prefix!r} in time")


def _ledger(server: Any, cards: list[str], tag: str) -> Counter[str]:
    """operationId → how many ledger transactions carry it, over the cards, for this run's tag."""
    counts: Counter[str] = Counter()
    headers = {"Authorization": f"Bearer {server.token(0)}"}
    with httpx.Client(headers=headers, timeout=10) as client:
        for card in cards:
            instrument_id = client.get(f"{server.group_url}/loyaltycards/{card}").json()["instrumentId"]
            history = client.get(f"{server.group_url}/instruments/{instrument_id}/transactions").json()
            for tx in history["transactions"]:
                if tx.get("reference") == tag:
                    counts[tx["operationId"]] += 1
    return counts


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_sigkill_at_random_moments_loses_nothing_and_applies_nothing_twice(
    fresh_server: Any, tmp_path: Path
) -> None:
    rng = random.Random(int(os.environ.get("CRASH_SEED", "4")))
    db = tmp_path / "outbox.db"
    tag = f"crash-{uuid.uuid4().hex[:8]}"
    cards = list(fresh_server.manifest["samples"]["loyaltycard_active"])[:3]
    intents: set[str] = set()
    accepted: set[str] = set()

    for _ in range(KILLS):
        proc = _worker(db, fresh_server, tag, cards)
        lines: list[str] = []
        try:
            _wait_for_line(proc, "ready", lines)
            time.sleep(rng.uniform(0.01, 0.4))  # the random moment of the kill
        finally:
            proc.send_signal(signal.SIGKILL)
            out, _ = proc.communicate(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        lines += out.splitlines()
        intents.update(line.split()[1] for line in lines if line.startswith("intent "))
        accepted.update(line.split()[1] for line in lines if line.startswith("accepted "))

    final = _worker(db, fresh_server, tag, cards, "--flush-only")
    out, _ = final.communicate(timeout=60)
    assert final.returncode == 0, out

    box = Outbox(db)
    stored = {e.operation_id: e for e in box.entries(limit=1_000_000)}
    box.close()
    ledger = _ledger(fresh_server, cards, tag)

    assert len(accepted) >= 20, "the worker should have accepted operations between kills"
    assert accepted <= set(stored), "an accepted operation is missing from the outbox"
    assert all(e.state is State.DONE for e in stored.values())
    assert set(stored) <= intents
    duplicates = {op: n for op, n in ledger.items() if n != 1}
    assert not duplicates, f"applied more than once: {duplicates}"
    assert accepted <= set(ledger), f"lost: {sorted(accepted - set(ledger))[:5]}"
    assert set(ledger) == set(stored), "the ledger holds operations the outbox never had (or vice versa)"
