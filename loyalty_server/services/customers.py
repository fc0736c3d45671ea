"""Customers: search, create, edit, consents, cards, block."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from loyalty_server.context import Ctx
from loyalty_server.errors import ApiError
from loyalty_server.services.instruments import find_by_number


@dataclass(frozen=True)
class ConsentInput:
    type: str
    granted: bool
    version: str


def normalise_phone(phone: str) -> str:
    """Digits with the country code: ``+48 600-100-200`` → ``+48600100200``; 9 digits get +48."""
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("00"):
        digits = digits[2:]
    elif not phone.strip().startswith("+") and len(digits) == 9:
        digits = "48" + digits
    if not 6 <= len(digits) <= 15:
        raise ApiError(400, "INVALID_REQUEST", "This is not a phone number.", {"field": "phone"})
    return "+" + digits


def normalise_email(email: str) -> str:
    """Trimmed and lower case; must look like an address."""
    value = email.strip().lower()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ApiError(400, "INVALID_REQUEST", "This is not an e-mail address.", {"field": "email"})
    return value


def _find(ctx: Ctx, customer_id: str) -> sqlite3.Row:
    row: sqlite3.Row | None = ctx.conn.execute(
        "SELECT * FROM customers WHERE customer_id = ? AND loyalty_group = ?",
        (customer_id[:64], ctx.terminal.loyalty_group),
    ).fetchone()
    if row is None:
        raise ApiError(404, "UNKNOWN_CUSTOMER", "No such customer.", {})
    return row


def customer_json(ctx: Ctx, row: sqlite3.Row) -> dict[str, Any]:
    """The customer object of docs/API.md."""
    import json

    consents = ctx.conn.execute(
        "SELECT type, granted, version, time FROM consents WHERE customer_id = ? ORDER BY type",
        (row["customer_id"],),
    ).fetchall()
    cards = ctx.conn.execute(
        "SELECT number FROM instruments WHERE customer_id = ? ORDER BY number", (row["customer_id"],)
    ).fetchall()
    return {
        "customerId": row["customer_id"],
        "firstName": row["first_name"],
        "lastName": row["last_name"],
        "phone": row["phone"],
        "email": row["email"],
        "country": row["country"],
        "groups": json.loads(row["groups_json"]),
        "blocked": bool(row["blocked"]),
        "consents": [
            {"type": c["type"], "granted": bool(c["granted"]), "version": c["version"], "time": c["time"]}
            for c in consents
        ],
        "cards": [c["number"] for c in cards],
        "created": row["created"],
    }


def get(ctx: Ctx, customer_id: str) -> dict[str, Any]:
    """``GET /customers/{customerId}``."""
    return customer_json(ctx, _find(ctx, customer_id))


def search(ctx: Ctx, phone: str | None, email: str | None, card: str | None) -> dict[str, Any]:
    """Exact-match search by phone, e-mail or card number (one criterion is required)."""
    group = ctx.terminal.loyalty_group
    if phone:
        rows = ctx.conn.execute(
            "SELECT * FROM customers WHERE loyalty_group = ? AND phone = ?", (group, normalise_phone(phone))
        ).fetchall()
    elif email:
        rows = ctx.conn.execute(
            "SELECT * FROM customers WHERE loyalty_group = ? AND email = ?", (group, normalise_email(email))
        ).fetchall()
    elif card:
        rows = ctx.conn.execute(
            "SELECT c.* FROM customers c JOIN instruments i ON i.customer_id = c.customer_id "
            "WHERE c.loyalty_group = ? AND i.number = ?",
            (group, card.strip().upper()),
        ).fetchall()
    else:
        raise ApiError(400, "INVALID_REQUEST", "Search by phone, email or card.", {})
    return {"customers": [customer_json(ctx, r) for r in rows]}


def _set_consents(ctx: Ctx, customer_id: str, consents: Sequence[ConsentInput]) -> None:
    for c in consents:
        ctx.conn.execute(
            "INSERT INTO consents (customer_id, type, granted, version, time) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (customer_id, type) DO UPDATE SET granted = excluded.granted, "
            "version = excluded.version, time = excluded.time",
            (customer_id, c.type, int(c.granted), c.version, ctx.now_iso),
        )


def _link_card(ctx: Ctx, customer_id: str, card_number: str) -> None:
    row = find_by_number(ctx, card_number, "loyaltycard")
    if row["customer_id"] is not None and row["customer_id"] != customer_id:
        raise ApiError(409, "CUSTOMER_EXISTS", "This card belongs to another customer.", {})
    ctx.conn.execute(
        "UPDATE instruments SET customer_id = ? WHERE instrument_id = ?", (customer_id, row["instrument_id"])
    )


def _phone_taken(ctx: Ctx, phone: str, except_id: str | None = None) -> None:
    row = ctx.conn.execute(
        "SELECT customer_id FROM customers WHERE loyalty_group = ? AND phone = ?",
        (ctx.terminal.loyalty_group, phone),
    ).fetchone()
    if row is not None and row["customer_id"] != except_id:
        raise ApiError(
            409, "CUSTOMER_EXISTS", "A customer with this phone number exists.", {"customerId": row[0]}
        )


def create(
    ctx: Ctx,
    *,
    phone: str,
    first_name: str | None,
    last_name: str | None,
    email: str | None,
    country: str | None,
    consents: Sequence[ConsentInput],
    card_number: str | None,
) -> dict[str, Any]:
    """Enrol a customer (``CUSTOMER_EXISTS`` when the phone is taken)."""
    norm_phone = normalise_phone(phone)
    _phone_taken(ctx, norm_phone)
    count = ctx.conn.execute("SELECT COUNT(*) FROM customers").fetchone()[0]
    customer_id = f"C-{int(count) + 1:04d}"
    while ctx.conn.execute("SELECT 1 FROM customers WHERE customer_id = ?", (customer_id,)).fetchone():
        count += 1
        customer_id = f"C-{int(count) + 1:04d}"
    ctx.conn.execute(
        "INSERT INTO customers (customer_id, loyalty_group, first_name, last_name, phone, email, country, "
        "created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            customer_id,
            ctx.terminal.loyalty_group,
            first_name,
            last_name,
            norm_phone,
            None if email is None else normalise_email(email),
            None if country is None else country.upper(),
            ctx.now_iso,
        ),
    )
    _set_consents(ctx, customer_id, consents)
    if card_number is not None:
        _link_card(ctx, customer_id, card_number)
    return get(ctx, customer_id)


def edit(ctx: Ctx, customer_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Change the given fields only."""
    row = _find(ctx, customer_id)
    columns = {
        "firstName": "first_name",
        "lastName": "last_name",
        "email": "email",
        "country": "country",
        "phone": "phone",
    }
    for field, value in changes.items():
        if field == "phone" and value is not None:
            value = normalise_phone(value)
            _phone_taken(ctx, value, row["customer_id"])
        elif field == "email" and value is not None:
            value = normalise_email(value)
        elif field == "country" and value is not None:
            value = value.upper()
        if field == "phone" and value is None:
            raise ApiError(400, "INVALID_REQUEST", "A customer keeps a phone number.", {"field": "phone"})
        ctx.conn.execute(
            f"UPDATE customers SET {columns[field]} = ? WHERE customer_id = ?",
            (value, row["customer_id"]),
        )
    return get(ctx, customer_id)


def set_consent(ctx: Ctx, customer_id: str, consent: ConsentInput) -> dict[str, Any]:
    """Record one consent (latest answer per type wins)."""
    row = _find(ctx, customer_id)
    _set_consents(ctx, row["customer_id"], [consent])
    return get(ctx, customer_id)


def link_card(ctx: Ctx, customer_id: str, card_number: str) -> dict[str, Any]:
    """Link a loyalty card to the customer."""
    row = _find(ctx, customer_id)
    _link_card(ctx, row["customer_id"], card_number)
    return get(ctx, customer_id)


def block(ctx: Ctx, customer_id: str, reason: str) -> dict[str, Any]:
    """Block a customer."""
    row = _find(ctx, customer_id)
    ctx.conn.execute(
        "UPDATE customers SET blocked = 1, block_reason = ? WHERE customer_id = ?",
        (reason, row["customer_id"]),
    )
    return get(ctx, customer_id)
