"""Bearer tokens: only their SHA-256 is stored; a token names one POS terminal."""

from __future__ import annotations

import hashlib

from loyalty_server.context import Terminal
from loyalty_server.db import Conn
from loyalty_server.errors import ApiError

MAX_TOKEN_LENGTH = 512


def hash_token(token: str) -> str:
    """The stored form of a token (tokens are long random strings, so a plain hash suffices)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def unauthorized(message: str = "A valid terminal token is required.") -> ApiError:
    """``401 UNAUTHORIZED``."""
    return ApiError(401, "UNAUTHORIZED", message, {})


def terminal_for(conn: Conn, authorization: str | None, loyalty_group: str) -> Terminal:
    """The terminal of an ``Authorization: Bearer`` header within ``loyalty_group``, or 401."""
    if not authorization or len(authorization) > MAX_TOKEN_LENGTH:
        raise unauthorized()
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise unauthorized()
    row = conn.execute(
        "SELECT t.terminal_id, t.loyalty_group, t.pos, m.merchant_id, m.name, m.store, m.store_name, "
        "m.store_address, m.currency FROM terminals t JOIN merchants m ON m.merchant_id = t.merchant_id "
        "WHERE t.token_hash = :token_hash",
        {"token_hash": hash_token(token)},
    ).fetchone()
    if row is None or row["loyalty_group"] != loyalty_group:
        raise unauthorized()
    groups = tuple(
        r[0]
        for r in conn.execute(
            "SELECT group_code FROM merchant_group_members WHERE merchant_id = :merchant_id ORDER BY "
            "group_code",
            {"merchant_id": row["merchant_id"]},
        )
    )
    return Terminal(
        terminal_id=row["terminal_id"],
        loyalty_group=row["loyalty_group"],
        merchant_id=row["merchant_id"],
        merchant_name=row["name"],
        store=row["store"],
        pos=row["pos"],
        store_name=row["store_name"],
        store_address=row["store_address"],
        currency=row["currency"],
        merchant_groups=groups,
    )
