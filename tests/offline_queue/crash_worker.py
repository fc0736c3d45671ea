"""The process the crash test kills: it enqueues operations and replays them, printing progress.

Run as ``python -m tests.offline_queue.crash_worker --db PATH --group-url URL --token T --tag TAG
--cards N1,N2 [--count N] [--flush-only]``.

It opens the outbox (recovering what a killed predecessor left in flight), starts the replayer in a
background thread, and enqueues points-earning operations one by one, spread over the cards. For each
it prints ``intent <id>`` before the enqueue and ``accepted <id>`` once the enqueue has returned
(committed and fsynced): the parent holds it to "every accepted operation reaches the ledger exactly
once". With ``--flush-only`` it only delivers what is left and exits 0 when nothing is pending.

The send function is a plain httpx POST classified as docs/API.md says (2xx delivered; 4xx with an
error body refused; anything else, or no answer, retried under the same key).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import httpx

from offline_queue.replayer import Backoff, Replayer, SendOutcome
from offline_queue.store import Outbox
from pos_client.domain import Kind, OpType
from pos_client.operations import WriteOperation, new_operation_id


def http_sender(client: httpx.Client, group_url: str) -> object:
    def send(op: WriteOperation) -> SendOutcome:
        try:
            r = client.post(group_url + op.path, json=op.body, headers={"Idempotency-Key": op.operation_id})
        except httpx.ConnectError as exc:
            return SendOutcome.retry(f"connect: {exc}", reached_server=False)
        except httpx.HTTPError as exc:
            return SendOutcome.retry(f"{type(exc).__name__}: {exc}")
        if 200 <= r.status_code < 300:
            return SendOutcome.delivered(r.text)
        retry_after = r.headers.get("Retry-After")
        if r.status_code >= 500 or r.status_code == 429 or (r.status_code == 409 and "IN_PROGRESS" in r.text):
            return SendOutcome.retry(f"HTTP {r.status_code}", retry_after=float(retry_after or 0) or None)
        return SendOutcome.refused(f"HTTP {r.status_code}", r.text)

    return send


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--group-url", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--tag", required=True)
    ap.add_argument("--cards", required=True)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--flush-only", action="store_true")
    args = ap.parse_args(argv)
    cards = args.cards.split(",")
    client = httpx.Client(headers={"Authorization": f"Bearer {args.token}"}, timeout=5.0)
    box = Outbox(args.db)
    replayer = Replayer(box, http_sender(client, args.group_url), backoff=Backoff(base=0.05, cap=0.5))  # type: ignore[arg-type]
    print("ready", flush=True)
    if args.flush_only:
        replayer.flush(timeout=30.0)
        pending = box.summary().pending
        print(f"pending {pending}", flush=True)
        return 0 if pending == 0 else 3
    replayer.start(idle_poll=0.05)
    for i in range(args.count):
        card = cards[i % len(cards)]
        op = WriteOperation(
            operation_id=new_operation_id(),
            type=OpType.EARN,
            path=f"/loyaltycards/{card}/_earn",
            body={"amount": "1.00", "reference": args.tag},
            instrument_key=card,
            kind=Kind.LOYALTYCARD,
            series_number=None,
        )
        print(f"intent {op.operation_id}", flush=True)
        box.enqueue(op.operation_id, op.to_json(), instrument_key=card)
        print(f"accepted {op.operation_id}", flush=True)
        replayer.wake()
        if i % 7 == 0:
            time.sleep(0.002)  # let the replayer catch up now and then: kills land mid-send too
    replayer.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
