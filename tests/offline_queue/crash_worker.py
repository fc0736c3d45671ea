"""The process the crash test kills: it enqueues operations and replays them, printing progress.

Run as ``python -m tests.offline_queue.crash_worker --db PATH --server URL --group G --token T
--tag TAG --cards N1,N2 [--count N] [--pause S] [--seed N] [--flush-only]``.

It opens the outbox (which recovers what a killed predecessor left in flight), starts the replayer in
a background thread, and enqueues points-earning operations one by one, spread over the cards. For
each it prints ``intent <id>`` before the enqueue and ``accepted <id>`` once the enqueue has returned
(committed and fsynced): the parent holds it to "every accepted operation reaches the ledger exactly
once". After ``--count`` operations it keeps replaying until it is killed. With ``--flush-only`` it
only delivers what is left, prints ``pending N`` and exits 0 when nothing is pending.

Delivery goes through the product's own path: ``LoyaltyClient`` → ``DirectGateway`` → the queued
gateway's ``GatewaySender`` (the HTTP error classification of docs/API.md) → ``Replayer``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from offline_queue.replayer import Backoff, Replayer
from offline_queue.store import Outbox
from pos_client.api.client import LoyaltyClient
from pos_client.domain import Kind, OpType
from pos_client.gateway import DirectGateway
from pos_client.offline_sender import GatewaySender
from pos_client.operations import WriteOperation, new_operation_id


def earn(card: str, tag: str) -> WriteOperation:
    """One points-earning operation on ``card``, tagged so the ledger can be filtered by run."""
    return WriteOperation(
        operation_id=new_operation_id(),
        type=OpType.EARN,
        path=f"/loyaltycards/{card}/_earn",
        body={"amount": "1.00", "reference": tag},
        instrument_key=card,
        kind=Kind.LOYALTYCARD,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--server", required=True)
    ap.add_argument("--group", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--tag", required=True)
    ap.add_argument("--cards", required=True)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--pause", type=float, default=0.0, help="up to this many seconds between enqueues")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--flush-only", action="store_true")
    args = ap.parse_args(argv)
    cards = args.cards.split(",")
    rng = random.Random(args.seed)
    client = LoyaltyClient(args.server, args.group, args.token, connect_timeout=2.0, read_timeout=5.0)
    box = Outbox(args.db)
    replayer = Replayer(
        box,
        GatewaySender(DirectGateway(client)),
        decode=WriteOperation.from_json,
        backoff=Backoff(base=0.05, cap=0.5),
    )
    print("ready", flush=True)
    if args.flush_only:
        replayer.flush(timeout=30.0)
        pending = box.summary().pending
        print(f"pending {pending}", flush=True)
        return 0 if pending == 0 else 3
    replayer.start(idle_poll=0.05)
    for i in range(args.count):
        op = earn(cards[i % len(cards)], args.tag)
        print(f"intent {op.operation_id}", flush=True)
        box.enqueue(op.operation_id, op.to_json(), instrument_key=op.instrument_key)
        print(f"accepted {op.operation_id}", flush=True)
        replayer.wake()
        time.sleep(rng.uniform(0, args.pause))  # enqueues interleave with sends: kills land in both
    while True:  # then only replay, until killed
        time.sleep(0.05)


if __name__ == "__main__":
    sys.exit(main())
