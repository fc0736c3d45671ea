"""Batch delivery for replay: ``POST …/operations/_batch`` (docs/API.md "Batch delivery").

A terminal back online after an outage holds a backlog of queued operations, each with its own
idempotency key. One request per operation costs a round trip, the framework's work and two or three
commits each; a batch carries up to ``MAX_BATCH_ITEMS`` of them in one request.

Each item is applied exactly as its own request would be, because it *is* its own request: it runs
through this same application in-process (an ASGI call with the batch's ``Authorization`` and the
item's ``Idempotency-Key``, method, path and body), so routing, validation, the business rules and the
idempotency store are the single request's own, and a later single request with the item's key gets
the identical stored answer. Nothing here repeats a rule. Only what the batch already did is skipped:
the bearer token is checked once (the item inherits the batch's terminal) and the item does not count
again against the worker's requests in flight (loyalty_server.backpressure).

Chains: items of one chain (the same ``chain``, by default the same instrument path) are applied in
order; after one of them fails (any answer but a 2xx) the rest of its chain are not attempted and
answer ``424 NOT_ATTEMPTED``, so a terminal's per-instrument order holds as it does one by one.

Group commit: the items run in groups of ``GROUP_SIZE``, each group in one write transaction whose
savepoints are the items' own transactions (:class:`loyalty_server.db.Group`): one commit per group
instead of several per item, and a group's effects become visible together. A serialization failure
(PostgreSQL) runs the whole group again, nothing of it having been committed; a group that keeps
failing is applied item by item in transactions of their own.

Threads: a group transaction holds SQLite's write lock (or PostgreSQL row locks) while its items run,
and the items' work runs on worker threads. Were those the server's shared pool, requests waiting
for that lock could hold every thread the group needs: a deadlock until the busy timeout. So a batch
runs its items on an event loop, and worker threads, of its own, inside its request's thread.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from sqlalchemy.exc import DBAPIError
from starlette.types import ASGIApp, Message, Scope

from loyalty_server.context import SUBREQUEST, Terminal
from loyalty_server.db import Database, Group, retryable
from loyalty_server.deps import Subrequest
from loyalty_server.errors import error_body
from loyalty_server.idempotency import REPLAY_HEADER, json_bytes
from loyalty_server.requests import BATCH_PATH, BatchItem

log = logging.getLogger(__name__)

#: Items per group transaction: long enough to share commits, short enough that the lock a group
#: holds keeps other terminals waiting only briefly.
GROUP_SIZE = 50
NOT_ATTEMPTED = 424
_REPLAYED = REPLAY_HEADER.lower().encode("ascii")


@dataclass(frozen=True)
class ItemAnswer:
    """What an item's own request answered (or ``424`` when it was not attempted)."""

    key: str
    status: int
    body: bytes
    replayed: bool = False

    def json(self) -> dict[str, Any]:
        try:
            body = json.loads(self.body)
        except ValueError:
            body = error_body("INTERNAL", "The server failed; the operation was not applied.")
        return {"idempotencyKey": self.key, "status": self.status, "replayed": self.replayed, "body": body}


def not_attempted(item: BatchItem, failed_key: str) -> ItemAnswer:
    """``424 NOT_ATTEMPTED``: an earlier item of its chain failed; nothing of this one was done."""
    body = error_body(
        "NOT_ATTEMPTED",
        "Not attempted: an earlier operation of its chain in this batch was not applied; send it again "
        "after that one.",
        {"after": failed_key},
    )
    return ItemAnswer(item.idempotencyKey, NOT_ATTEMPTED, json_bytes(body))


class ItemCaller:
    """Runs one item as its own request through ``app``, below the batch's loyalty-group path."""

    def __init__(self, app: ASGIApp, scope: Scope, terminal: Terminal) -> None:
        self.app = app
        self.scope = scope
        self.terminal = terminal
        path: str = scope["path"]
        self.base = path[: len(path) - len(BATCH_PATH)]
        raw: bytes = scope.get("raw_path") or b""
        suffix = BATCH_PATH.encode("ascii")
        self.raw_base = raw[: len(raw) - len(suffix)] if raw.endswith(suffix) else quote(self.base).encode()
        headers = dict(scope["headers"])
        self.authorization = headers.get(b"authorization", b"")

    async def __call__(self, item: BatchItem, db: Database | Group) -> ItemAnswer:
        content = b"" if item.body is None else json_bytes(item.body)
        headers = [
            (b"authorization", self.authorization),
            (b"idempotency-key", item.idempotencyKey.encode("ascii")),
            (b"content-length", str(len(content)).encode("ascii")),
        ]
        if item.body is not None:
            headers.append((b"content-type", b"application/json"))
        parent = self.scope
        scope: Scope = {
            "type": "http",
            "asgi": parent.get("asgi", {"version": "3.0"}),
            "http_version": parent.get("http_version", "1.1"),
            "method": item.method,
            "scheme": parent.get("scheme", "http"),
            "server": parent.get("server"),
            "client": parent.get("client"),
            "root_path": parent.get("root_path", ""),
            "path": self.base + unquote(item.path),
            "raw_path": self.raw_base + item.path.encode("ascii"),
            "query_string": b"",
            "headers": headers,
            "state": dict(parent.get("state") or {}),
            SUBREQUEST: Subrequest(terminal=self.terminal, db=db),
        }
        received = False
        start: Message = {}
        chunks: list[bytes] = []

        async def receive() -> Message:
            nonlocal received
            if not received:
                received = True
                return {"type": "http.request", "body": content, "more_body": False}
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        try:
            await self.app(scope, receive, send)
        except Exception:  # the app answered 500 and logged it; its outer middleware re-raises
            if not start:
                log.exception("batch item %s failed before answering", item.idempotencyKey)
                failed = error_body("INTERNAL", "The server failed; the operation was not applied.")
                return ItemAnswer(item.idempotencyKey, 500, json_bytes(failed))
        replayed = any(k.lower() == _REPLAYED and v == b"true" for k, v in start.get("headers", ()))
        return ItemAnswer(item.idempotencyKey, int(start["status"]), b"".join(chunks), replayed)


async def _items(
    call: ItemCaller, db: Database | Group, items: list[BatchItem], failed: dict[str, str]
) -> list[ItemAnswer]:
    """``items`` in order; ``failed`` (chain → the key of its failed item) grows as chains fail."""
    answers = []
    group = db if isinstance(db, Group) else None
    for item in items:
        chain = item.chain_key
        if chain in failed:
            answers.append(not_attempted(item, failed[chain]))
            continue
        answer = await call(item, db)
        answers.append(answer)
        if group is not None and group.failure is not None:
            break  # the group runs again
        if not 200 <= answer.status < 300:
            failed[chain] = item.idempotencyKey
    return answers


async def _group(
    call: ItemCaller, db: Database, items: list[BatchItem], failed: dict[str, str]
) -> list[ItemAnswer]:
    """``items`` in one write transaction (each try from the same chain state), else one by one."""
    answers: list[ItemAnswer] = []
    chains: dict[str, str] = {}
    try:
        for attempt in db.attempts():
            with attempt as conn:
                group = Group(conn)
                chains = dict(failed)
                answers = await _items(call, group, items, chains)
                if group.failure is not None:
                    raise group.failure  # rolls the whole group back; the next try runs it again
    except DBAPIError as exc:
        if not retryable(exc):
            raise
        log.warning("a batch group kept failing (%s): its items run one by one", exc)
        return await _items(call, db, items, failed)
    failed.update(chains)
    return answers


async def _deliver(
    call: ItemCaller, db: Database, items: list[BatchItem], group_size: int
) -> list[ItemAnswer]:
    answers: list[ItemAnswer] = []
    failed: dict[str, str] = {}
    for start in range(0, len(items), group_size):
        answers += await _group(call, db, items[start : start + group_size], failed)
    return answers


def deliver(
    app: ASGIApp,
    scope: Scope,
    terminal: Terminal,
    db: Database,
    items: list[BatchItem],
    *,
    group_size: int | None = None,
) -> list[ItemAnswer]:
    """Apply ``items`` in order, each as its own request; their answers, in the same order.

    Runs an event loop of its own: call it from a worker thread (a sync route), never from a loop.
    """
    size = group_size or GROUP_SIZE
    return asyncio.run(_deliver(ItemCaller(app, scope, terminal), db, items, size))
