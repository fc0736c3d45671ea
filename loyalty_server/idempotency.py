"""Idempotent POSTs (docs/API.md "Idempotency").

The key is first recorded as *in progress* in its own committed transaction, so a concurrent retry
sees it and answers ``409 IDEMPOTENCY_IN_PROGRESS`` instead of doing the work twice. The work and the
stored response are then committed together: either both happen or neither. A refusal (an
:class:`~loyalty_server.errors.ApiError`) is stored in a second transaction after the work's rollback.
Anything else (a bug, a 5xx) forgets the key so the retry runs again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from fastapi import Response

from loyalty_server.context import Ctx, Settings, Terminal, utcnow
from loyalty_server.db import Database, Group
from loyalty_server.errors import ApiError

#: An Idempotency-Key: 1-100 printable ASCII characters (a UUID in practice).
KEY_PATTERN = r"^[\x21-\x7e]{1,100}$"
_KEY = re.compile(KEY_PATTERN)
REPLAY_HEADER = "Idempotent-Replayed"


def key_required() -> ApiError:
    """``400 IDEMPOTENCY_KEY_REQUIRED``: the refusal of a POST without a well-formed key."""
    return ApiError(
        400,
        "IDEMPOTENCY_KEY_REQUIRED",
        "Every POST needs an Idempotency-Key header (1-100 printable ASCII characters).",
        {},
    )


def check_key(key: str | None) -> str:
    """The key of a POST, or ``400 IDEMPOTENCY_KEY_REQUIRED``."""
    if key is None or not _KEY.match(key):
        raise key_required()
    return key


def request_hash(method: str, path: str, body: Any) -> str:
    """A digest of the request: method, path and canonical JSON body."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{method}\n{path}\n{canonical}".encode()).hexdigest()


def json_bytes(body: Any) -> bytes:
    """The bytes of a JSON response body (the same bytes are stored and replayed)."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _response(status: int, content: bytes, replayed: bool) -> Response:
    headers = {REPLAY_HEADER: "true"} if replayed else {}
    return Response(content=content, status_code=status, media_type="application/json", headers=headers)


def _in_progress(key: str) -> ApiError:
    return ApiError(
        409,
        "IDEMPOTENCY_IN_PROGRESS",
        "The first request with this Idempotency-Key is still running; retry later.",
        {"idempotencyKey": key},
    )


def run_idempotent(
    db: Database | Group,
    settings: Settings,
    terminal: Terminal,
    key: str,
    fingerprint: str,
    work: Callable[[Ctx], dict[str, Any]],
) -> Response:
    """Run ``work`` at most once per (terminal, key) and answer with its stored response."""
    lookup = (
        "SELECT request_hash, state, status_code, body FROM idempotency WHERE "
        "terminal_id = :terminal_id AND key = :key"
    )
    ids = {"terminal_id": terminal.terminal_id, "key": key}
    for attempt in db.attempts():
        with attempt as conn:
            # the key is claimed first (one statement for a new key); a key already there, or a
            # concurrent first try of it (PostgreSQL: this insert waits for that try's commit),
            # inserts nothing, and its row is read
            added = conn.execute(
                "INSERT INTO idempotency (terminal_id, key, request_hash, state, created) "
                "VALUES (:terminal_id, :key, :request_hash, 'in_progress', :created) "
                "ON CONFLICT (terminal_id, key) DO NOTHING",
                {**ids, "request_hash": fingerprint, "created": utcnow().isoformat()},
            ).rowcount
            row = None if added else conn.execute(lookup, ids).fetchone()
            if not added and row is None:  # that try failed and forgot the key meanwhile
                raise _in_progress(key)
    if row is not None:
        if row["request_hash"] != fingerprint:
            raise ApiError(
                422,
                "IDEMPOTENCY_MISMATCH",
                "This Idempotency-Key was already used for a different request.",
                {"idempotencyKey": key},
            )
        if row["state"] == "in_progress":
            raise _in_progress(key)
        return _response(int(row["status_code"]), bytes(row["body"]), replayed=True)

    def store(conn_: Any, status: int, content: bytes) -> None:
        conn_.execute(
            "UPDATE idempotency SET state = 'done', status_code = :status_code, body = :body "
            "WHERE terminal_id = :terminal_id AND key = :key",
            {"status_code": status, "body": content, "terminal_id": terminal.terminal_id, "key": key},
        )

    try:
        for attempt in db.attempts():
            with attempt as conn:
                ctx = Ctx(conn=conn, terminal=terminal, now=utcnow(), settings=settings, operation_id=key)
                content = json_bytes(work(ctx))
                store(conn, 200, content)
        return _response(200, content, replayed=False)
    except ApiError as refusal:
        content = json_bytes(refusal.body())
        for attempt in db.attempts():
            with attempt as conn:
                store(conn, refusal.status, content)
        return _response(refusal.status, content, replayed=False)
    except BaseException:
        for attempt in db.attempts():
            with attempt as conn:
                conn.execute(
                    "DELETE FROM idempotency WHERE terminal_id = :terminal_id AND key = :key AND state = "
                    "'in_progress'",
                    {"terminal_id": terminal.terminal_id, "key": key},
                )
        raise
