"""``POST /api/v1/pair``: a till exchanges a one-time pairing code for its POS token.

No credentials: the code is the credential. It is single use, expires (``PAIRING_TTL``), and is
stored only as a hash. Guessing is cut off per client address: after :data:`MAX_FAILURES` wrong codes
within :data:`FAILURE_WINDOW` every attempt from that address gets ``429`` until the window passes
(with 31**8 possible codes, that makes guessing hopeless). Pairing gives the POS a fresh token and
revokes the one it had: a till that is replaced, or was revoked, is paired again with a new code.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from loyalty_server.admin.services.devices import (
    PAIRING_ALPHABET,
    PAIRING_CODE_LENGTH,
    hash_code,
    normalise_code,
)
from loyalty_server.auth import hash_token
from loyalty_server.context import iso
from loyalty_server.db import Conn, Database
from loyalty_server.errors import ApiError

MAX_FAILURES = 10
FAILURE_WINDOW = timedelta(minutes=10)


def _too_many(conn: Conn, client: str, now: datetime) -> ApiError | None:
    since = iso(now - FAILURE_WINDOW)
    failures = conn.execute(
        "SELECT COUNT(*) FROM pairing_failures WHERE client = :client AND time > :time",
        {"client": client, "time": since},
    ).fetchone()[0]
    if failures >= MAX_FAILURES:
        return ApiError(
            429,
            "TOO_MANY_ATTEMPTS",
            "Too many wrong pairing codes from this address: wait a few minutes, then type the code again.",
            {"retryAfterSeconds": int(FAILURE_WINDOW.total_seconds())},
        )
    return None


def _refusal(conn: Conn, code: str, now: datetime) -> ApiError | None:
    """Why ``code`` cannot pair, or ``None`` when it can."""
    plain = normalise_code(code)
    if len(plain) != PAIRING_CODE_LENGTH or any(ch not in PAIRING_ALPHABET for ch in plain):
        return ApiError(401, "PAIRING_CODE_INVALID", "This is not a valid pairing code.", {})
    row = conn.execute(
        "SELECT * FROM pairing_codes WHERE code_hash = :code_hash", {"code_hash": hash_code(plain)}
    ).fetchone()
    if row is None:
        return ApiError(401, "PAIRING_CODE_INVALID", "This is not a valid pairing code.", {})
    if row["used"] is not None:
        return ApiError(
            410, "PAIRING_CODE_USED", "This pairing code has been used (or replaced): ask for a new one.", {}
        )
    if str(row["expires"]) <= iso(now):
        return ApiError(410, "PAIRING_CODE_EXPIRED", "This pairing code has expired: ask for a new one.", {})
    return None


def exchange(db: Database, code: str, client: str, now: datetime, base_url: str) -> dict[str, Any]:
    """Pair the till: its new POS token, the server's base URL and its loyalty group.

    Raises:
        ApiError: ``429 TOO_MANY_ATTEMPTS``, ``401 PAIRING_CODE_INVALID``, ``410 PAIRING_CODE_USED`` or
            ``PAIRING_CODE_EXPIRED``. A wrong code is counted (and committed) before it is refused.
    """
    token = secrets.token_urlsafe(32)
    for attempt in db.attempts():
        with attempt as conn:
            refusal = _too_many(conn, client, now) or _refusal(conn, code, now)
            if refusal is not None:
                if refusal.code != "TOO_MANY_ATTEMPTS":
                    conn.execute(
                        "INSERT INTO pairing_failures (client, time) VALUES (:client, :time)",
                        {"client": client, "time": iso(now)},
                    )
                    conn.execute(
                        "DELETE FROM pairing_failures WHERE time <= :time",
                        {"time": iso(now - FAILURE_WINDOW)},
                    )
            else:
                # guarded: of two tills sending one code at once, only one takes it (PostgreSQL runs
                # writes at READ COMMITTED; the other's update waits, then finds the code used)
                pairing = conn.execute(
                    "UPDATE pairing_codes SET used = :used WHERE code_hash = :code_hash AND used IS NULL "
                    "RETURNING *",
                    {"used": iso(now), "code_hash": hash_code(code)},
                ).fetchone()
                if pairing is None:
                    refusal = ApiError(
                        410,
                        "PAIRING_CODE_USED",
                        "This pairing code has been used (or replaced): ask for a new one.",
                        {},
                    )
                    continue
                terminal = conn.execute(
                    "SELECT t.*, m.store FROM terminals t JOIN merchants m ON m.merchant_id = t.merchant_id "
                    "WHERE t.terminal_id = :terminal_id",
                    {"terminal_id": pairing["terminal_id"]},
                ).fetchone()
                conn.execute(
                    "UPDATE terminals SET token_hash = :token_hash, paired = :paired, revoked = NULL WHERE "
                    "terminal_id = :terminal_id",
                    {
                        "token_hash": hash_token(token),
                        "paired": iso(now),
                        "terminal_id": terminal["terminal_id"],
                    },
                )
                after = {"terminalId": terminal["terminal_id"], "paired": iso(now), "client": client}
                conn.execute(
                    "INSERT INTO admin_audit (time, user_name, loyalty_group, action, target, after_json) "
                    "VALUES (:time, :user_name, :loyalty_group, 'pos.pair', :target, :after_json)",
                    {
                        "time": iso(now),
                        "user_name": f"pairing code of {pairing['created_by']}",
                        "loyalty_group": terminal["loyalty_group"],
                        "target": f"pos:{terminal['store']}/{terminal['pos']}",
                        "after_json": json.dumps(after, sort_keys=True),
                    },
                )
    if refusal is not None:
        raise refusal
    return {
        "token": token,
        "baseUrl": base_url,
        "loyaltyGroup": terminal["loyalty_group"],
        "terminalId": terminal["terminal_id"],
        "merchantId": terminal["merchant_id"],
        "store": terminal["store"],
        "pos": terminal["pos"],
    }
