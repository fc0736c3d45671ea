"""Device management: organisations → sites → stores → POS, pairing codes and revocation.

A POS (a ``terminals`` row) added here has no token yet: its ``token_hash`` is a placeholder no
SHA-256 can equal (``unpaired:…``), so nothing signs in as it until it is paired
(:mod:`loyalty_server.admin.services.pairing`). Revoking replaces the hash the same way
(``revoked:…``): the old token gets ``401`` on its very next request.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta
from typing import Any

from loyalty_server.admin import audit
from loyalty_server.admin.auth import Action, AdminCtx, authorize
from loyalty_server.admin.services.common import conflict, merchant_of_store, not_found, store_row
from loyalty_server.context import iso
from loyalty_server.db import Row

#: The letters of a pairing code: no 0/O, 1/I/L, so that it is typed right from a screen or a phone call.
PAIRING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PAIRING_CODE_LENGTH = 8
PAIRING_TTL = timedelta(minutes=15)


def add_organisation(ctx: AdminCtx, code: str, name: str) -> dict[str, Any]:
    authorize(ctx, Action.CHANGE)
    if ctx.conn.execute(
        "SELECT 1 FROM organisations WHERE loyalty_group = :loyalty_group AND code = :code",
        {"loyalty_group": ctx.loyalty_group, "code": code},
    ).fetchone():
        raise conflict("ALREADY_EXISTS", f"Organisation {code} exists.", organisation=code)
    ctx.conn.execute(
        "INSERT INTO organisations (loyalty_group, code, name) VALUES (:loyalty_group, :code, :name)",
        {"loyalty_group": ctx.loyalty_group, "code": code, "name": name},
    )
    after = {"code": code, "name": name}
    audit.record(ctx, "organisation.add", f"organisation:{code}", None, after)
    return after


def add_site(ctx: AdminCtx, code: str, organisation: str, name: str, address: str) -> dict[str, Any]:
    authorize(ctx, Action.CHANGE)
    if not ctx.conn.execute(
        "SELECT 1 FROM organisations WHERE loyalty_group = :loyalty_group AND code = :code",
        {"loyalty_group": ctx.loyalty_group, "code": organisation},
    ).fetchone():
        raise not_found("UNKNOWN_ORGANISATION", f"No organisation {organisation}.", organisation=organisation)
    if ctx.conn.execute(
        "SELECT 1 FROM sites WHERE loyalty_group = :loyalty_group AND code = :code",
        {"loyalty_group": ctx.loyalty_group, "code": code},
    ).fetchone():
        raise conflict("ALREADY_EXISTS", f"Site {code} exists.", site=code)
    ctx.conn.execute(
        "INSERT INTO sites (loyalty_group, code, organisation, name, address) VALUES (:loyalty_group, "
        ":code, :organisation, :name, :address)",
        {
            "loyalty_group": ctx.loyalty_group,
            "code": code,
            "organisation": organisation,
            "name": name,
            "address": address,
        },
    )
    after = {"code": code, "organisation": organisation, "name": name, "address": address}
    audit.record(ctx, "site.add", f"site:{code}", None, after)
    return after


def _store_json(ctx: AdminCtx, row: Row) -> dict[str, Any]:
    merchant = merchant_of_store(ctx, int(row["store"]))
    terminals = ctx.conn.execute(
        "SELECT * FROM terminals WHERE loyalty_group = :loyalty_group AND merchant_id = :merchant_id ORDER "
        "BY pos",
        {
            "loyalty_group": ctx.loyalty_group,
            "merchant_id": None if merchant is None else merchant["merchant_id"],
        },
    ).fetchall()
    return {
        "store": row["store"],
        "name": row["name"],
        "address": row["address"],
        "site": row["site"],
        "merchantId": None if merchant is None else merchant["merchant_id"],
        "pos": [pos_json(t, int(row["store"])) for t in terminals],
    }


def add_store(ctx: AdminCtx, store: int, name: str, address: str, site: str | None) -> dict[str, Any]:
    authorize(ctx, Action.CHANGE)
    if (
        site is not None
        and not ctx.conn.execute(
            "SELECT 1 FROM sites WHERE loyalty_group = :loyalty_group AND code = :code",
            {"loyalty_group": ctx.loyalty_group, "code": site},
        ).fetchone()
    ):
        raise not_found("UNKNOWN_SITE", f"No site {site}.", site=site)
    if ctx.conn.execute(
        "SELECT 1 FROM stores WHERE loyalty_group = :loyalty_group AND store = :store",
        {"loyalty_group": ctx.loyalty_group, "store": store},
    ).fetchone():
        raise conflict("ALREADY_EXISTS", f"Store {store} exists.", store=store)
    ctx.conn.execute(
        "INSERT INTO stores (loyalty_group, store, name, address, site) VALUES (:loyalty_group, :store, "
        ":name, :address, :site)",
        {"loyalty_group": ctx.loyalty_group, "store": store, "name": name, "address": address, "site": site},
    )
    after = _store_json(ctx, store_row(ctx, store))
    audit.record(ctx, "store.add", f"store:{store}", None, after)
    return after


def list_stores(ctx: AdminCtx) -> dict[str, Any]:
    authorize(ctx, Action.READ)
    rows = ctx.conn.execute(
        "SELECT * FROM stores WHERE loyalty_group = :loyalty_group ORDER BY store",
        {"loyalty_group": ctx.loyalty_group},
    ).fetchall()
    return {"stores": [_store_json(ctx, r) for r in rows]}


def pos_state(row: Row) -> str:
    """``unpaired``, ``paired`` or ``revoked``."""
    if row["revoked"]:
        return "revoked"
    return "unpaired" if str(row["token_hash"]).startswith("unpaired:") else "paired"


def pos_json(row: Row, store: int) -> dict[str, Any]:
    return {
        "terminalId": row["terminal_id"],
        "store": store,
        "pos": row["pos"],
        "merchantId": row["merchant_id"],
        "state": pos_state(row),
        "paired": row["paired"],
        "revoked": row["revoked"],
    }


def _terminal(ctx: AdminCtx, store: int, pos: int) -> Row:
    store_row(ctx, store)
    merchant = merchant_of_store(ctx, store)
    row: Row | None = (
        None
        if merchant is None
        else ctx.conn.execute(
            "SELECT * FROM terminals WHERE merchant_id = :merchant_id AND pos = :pos",
            {"merchant_id": merchant["merchant_id"], "pos": pos},
        ).fetchone()
    )
    if row is None:
        raise not_found("UNKNOWN_POS", f"Store {store} has no POS {pos}.", store=store, pos=pos)
    return row


def add_pos(ctx: AdminCtx, store: int, pos: int) -> dict[str, Any]:
    """A new POS of a store's merchant, not paired yet."""
    authorize(ctx, Action.CHANGE)
    store_row(ctx, store)
    merchant = merchant_of_store(ctx, store)
    if merchant is None:
        raise conflict(
            "STORE_HAS_NO_MERCHANT",
            f"Store {store} has no merchant yet: add its merchant first (a POS works for a merchant).",
            store=store,
        )
    if ctx.conn.execute(
        "SELECT 1 FROM terminals WHERE merchant_id = :merchant_id AND pos = :pos",
        {"merchant_id": merchant["merchant_id"], "pos": pos},
    ).fetchone():
        raise conflict("ALREADY_EXISTS", f"Store {store} already has POS {pos}.", store=store, pos=pos)
    terminal_id = f"T-{store:03d}-{pos:02d}"
    if ctx.conn.execute(
        "SELECT 1 FROM terminals WHERE terminal_id = :terminal_id", {"terminal_id": terminal_id}
    ).fetchone():
        terminal_id = f"{terminal_id}-{uuid.uuid4().hex[:6]}"  # the same store number in another group
    ctx.conn.execute(
        "INSERT INTO terminals (terminal_id, loyalty_group, merchant_id, pos, token_hash) "
        "VALUES (:terminal_id, :loyalty_group, :merchant_id, :pos, :token_hash)",
        {
            "terminal_id": terminal_id,
            "loyalty_group": ctx.loyalty_group,
            "merchant_id": merchant["merchant_id"],
            "pos": pos,
            "token_hash": f"unpaired:{uuid.uuid4()}",
        },
    )
    after = pos_json(_terminal(ctx, store, pos), store)
    audit.record(ctx, "pos.add", f"pos:{store}/{pos}", None, after)
    return after


def hash_code(code: str) -> str:
    """The stored form of a pairing code (normalised: upper case, no dashes or spaces)."""
    return hashlib.sha256(normalise_code(code).encode("ascii", "replace")).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch not in "- ")


def pairing_code(ctx: AdminCtx, store: int, pos: int, ttl: timedelta = PAIRING_TTL) -> dict[str, Any]:
    """A one-time code that pairs a till as this POS; earlier unused codes of the POS stop working.

    The code is returned once and stored only as a hash. A revoked POS can be paired again.
    """
    authorize(ctx, Action.CHANGE)
    row = _terminal(ctx, store, pos)
    terminal_id = str(row["terminal_id"])
    raw = "".join(secrets.choice(PAIRING_ALPHABET) for _ in range(PAIRING_CODE_LENGTH))
    code = f"{raw[:4]}-{raw[4:]}"
    expires = iso(ctx.now + ttl)
    ctx.conn.execute(
        "UPDATE pairing_codes SET used = :used WHERE terminal_id = :terminal_id AND used IS NULL",
        {"used": "superseded", "terminal_id": terminal_id},
    )
    ctx.conn.execute(
        "INSERT INTO pairing_codes (code_hash, terminal_id, created, expires, created_by) "
        "VALUES (:code_hash, :terminal_id, :created, :expires, :created_by)",
        {
            "code_hash": hash_code(code),
            "terminal_id": terminal_id,
            "created": ctx.now_iso,
            "expires": expires,
            "created_by": ctx.admin.name,
        },
    )
    audit.record(
        ctx, "pos.pair-code", f"pos:{store}/{pos}", None, {"terminalId": terminal_id, "expiresAt": expires}
    )
    return {"code": code, "expiresAt": expires, "terminalId": terminal_id, "store": store, "pos": pos}


def revoke_pos(ctx: AdminCtx, store: int, pos: int) -> dict[str, Any]:
    """Revoke the POS's token (``401`` from its next request) and its unused pairing codes."""
    authorize(ctx, Action.CHANGE)
    row = _terminal(ctx, store, pos)
    before = pos_json(row, store)
    ctx.conn.execute(
        "UPDATE terminals SET token_hash = :token_hash, revoked = :revoked WHERE terminal_id = :terminal_id",
        {"token_hash": f"revoked:{uuid.uuid4()}", "revoked": ctx.now_iso, "terminal_id": row["terminal_id"]},
    )
    ctx.conn.execute(
        "UPDATE pairing_codes SET used = 'revoked' WHERE terminal_id = :terminal_id AND used IS NULL",
        {"terminal_id": row["terminal_id"]},
    )
    after = pos_json(_terminal(ctx, store, pos), store)
    audit.record(ctx, "pos.revoke", f"pos:{store}/{pos}", before, after)
    return after
