"""Customers: search, create, edit, consents, cards, block.

Who may see a customer: a customer belongs to customer groups (``customers.groups_json``); each
customer group names the merchant group whose merchants serve its customers (``customer_groups``).
A terminal reads and changes a customer only when its merchant is in the merchant group of one of
the customer's groups. For any other terminal the customer does not exist: ``404 UNKNOWN_CUSTOMER``,
exactly as for an unknown id, and searches leave the customer out, so nothing says the id, phone or
card is known. A terminal enrols customers into the customer groups its merchant serves.

Consents are an append-only history (``consent_history``): every answer is a new row with the
terminal and merchant that recorded it; the current answer per type is the latest row.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from loyalty_server.context import Ctx
from loyalty_server.db import Row
from loyalty_server.errors import ApiError
from loyalty_server.services.activation import activate_on_link
from loyalty_server.services.customer_access import served as _served
from loyalty_server.services.customer_access import served_groups
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


def _unknown() -> ApiError:
    return ApiError(404, "UNKNOWN_CUSTOMER", "No such customer.", {})


def _find(ctx: Ctx, customer_id: str) -> Row:
    """The customer, or ``UNKNOWN_CUSTOMER`` when there is none or this terminal may not see it."""
    row: Row | None = ctx.conn.execute(
        "SELECT * FROM customers WHERE customer_id = :customer_id AND loyalty_group = :loyalty_group",
        {"customer_id": customer_id[:64], "loyalty_group": ctx.terminal.loyalty_group},
    ).fetchone()
    if row is None or not _served(ctx, row):
        raise _unknown()
    return row


def _consent_json(c: Row) -> dict[str, Any]:
    return {
        "type": c["type"],
        "granted": bool(c["granted"]),
        "version": c["version"],
        "time": c["time"],
        "terminalId": c["terminal_id"],
        "merchantId": c["merchant_id"],
    }


def _current_consents(ctx: Ctx, customer_id: str) -> list[Row]:
    """The latest answer per consent type."""
    rows: list[Row] = ctx.conn.execute(
        "SELECT * FROM consent_history h WHERE customer_id = :customer_id AND seq = "
        "(SELECT MAX(seq) FROM consent_history WHERE customer_id = h.customer_id AND type = h.type) "
        "ORDER BY type",
        {"customer_id": customer_id},
    ).fetchall()
    return rows


def customer_json(ctx: Ctx, row: Row) -> dict[str, Any]:
    """The customer object of docs/API.md."""
    consents = _current_consents(ctx, row["customer_id"])
    cards = ctx.conn.execute(
        "SELECT number FROM instruments WHERE customer_id = :customer_id ORDER BY number",
        {"customer_id": row["customer_id"]},
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
        "consents": [_consent_json(c) for c in consents],
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
            "SELECT * FROM customers WHERE loyalty_group = :loyalty_group AND phone = :phone",
            {"loyalty_group": group, "phone": normalise_phone(phone)},
        ).fetchall()
    elif email:
        rows = ctx.conn.execute(
            "SELECT * FROM customers WHERE loyalty_group = :loyalty_group AND email = :email",
            {"loyalty_group": group, "email": normalise_email(email)},
        ).fetchall()
    elif card:
        rows = ctx.conn.execute(
            "SELECT c.* FROM customers c JOIN instruments i ON i.customer_id = c.customer_id "
            "WHERE c.loyalty_group = :loyalty_group AND i.number = :number",
            {"loyalty_group": group, "number": card.strip().upper()},
        ).fetchall()
    else:
        raise ApiError(400, "INVALID_REQUEST", "Search by phone, email or card.", {})
    return {"customers": [customer_json(ctx, r) for r in rows if _served(ctx, r)]}


def _record_consents(ctx: Ctx, customer_id: str, consents: Sequence[ConsentInput]) -> None:
    """Append each answer to the customer's consent history (nothing is ever overwritten)."""
    t = ctx.terminal
    for c in consents:
        ctx.conn.execute(
            "INSERT INTO consent_history (customer_id, type, granted, version, time, terminal_id, "
            "merchant_id, operation_id) VALUES (:customer_id, :type, :granted, :version, :time, "
            ":terminal_id, :merchant_id, :operation_id)",
            {
                "customer_id": customer_id,
                "type": c.type,
                "granted": int(c.granted),
                "version": c.version,
                "time": ctx.now_iso,
                "terminal_id": t.terminal_id,
                "merchant_id": t.merchant_id,
                "operation_id": ctx.operation_id or None,
            },
        )


def _link_card(ctx: Ctx, customer_id: str, card_number: str) -> None:
    row = find_by_number(ctx, card_number, "loyaltycard")
    if row["customer_id"] is not None and row["customer_id"] != customer_id:
        raise ApiError(409, "CUSTOMER_EXISTS", "This card belongs to another customer.", {})
    ctx.conn.execute(
        "UPDATE instruments SET customer_id = :customer_id WHERE instrument_id = :instrument_id",
        {"customer_id": customer_id, "instrument_id": row["instrument_id"]},
    )
    activate_on_link(ctx, row)  # a pre-issued card handed to a new member earns from the first visit


def _phone_taken(ctx: Ctx, phone: str, except_id: str | None = None) -> None:
    """``CUSTOMER_EXISTS`` when another customer has the phone (its id only if this terminal may see it).

    A phone number is unique in the loyalty group, so the refusal itself cannot be hidden; the
    customer behind it is not named to a terminal that does not serve them.
    """
    row = ctx.conn.execute(
        "SELECT * FROM customers WHERE loyalty_group = :loyalty_group AND phone = :phone",
        {"loyalty_group": ctx.terminal.loyalty_group, "phone": phone},
    ).fetchone()
    if row is None or row["customer_id"] == except_id:
        return
    if _served(ctx, row):
        raise ApiError(
            409,
            "CUSTOMER_EXISTS",
            "A customer with this phone number exists.",
            {"customerId": row["customer_id"]},
        )
    raise ApiError(
        409, "CUSTOMER_EXISTS", "This phone number belongs to a customer this store does not serve.", {}
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
    """Enrol a customer into the customer groups this terminal's merchant serves.

    ``CUSTOMER_EXISTS`` when the phone is taken; ``FORBIDDEN`` when the merchant serves no group.
    """
    groups = served_groups(ctx)
    if not groups:
        raise ApiError(
            403,
            "FORBIDDEN",
            "This store cannot enrol customers: its merchant serves no customer group.",
            {"merchantId": ctx.terminal.merchant_id},
        )
    norm_phone = normalise_phone(phone)
    _phone_taken(ctx, norm_phone)
    count = ctx.conn.execute("SELECT COUNT(*) FROM customers").fetchone()[0]
    customer_id = f"C-{int(count) + 1:04d}"
    while ctx.conn.execute(
        "SELECT 1 FROM customers WHERE customer_id = :customer_id", {"customer_id": customer_id}
    ).fetchone():
        count += 1
        customer_id = f"C-{int(count) + 1:04d}"
    ctx.conn.execute(
        "INSERT INTO customers (customer_id, loyalty_group, first_name, last_name, phone, email, country, "
        "groups_json, created) VALUES (:customer_id, :loyalty_group, :first_name, :last_name, :phone, "
        ":email, :country, :groups_json, :created)",
        {
            "customer_id": customer_id,
            "loyalty_group": ctx.terminal.loyalty_group,
            "first_name": first_name,
            "last_name": last_name,
            "phone": norm_phone,
            "email": None if email is None else normalise_email(email),
            "country": None if country is None else country.upper(),
            "groups_json": json.dumps(groups),
            "created": ctx.now_iso,
        },
    )
    _record_consents(ctx, customer_id, consents)
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
            f"UPDATE customers SET {columns[field]} = :value WHERE customer_id = :customer_id",
            {"value": value, "customer_id": row["customer_id"]},
        )
    return get(ctx, customer_id)


def set_consent(ctx: Ctx, customer_id: str, consent: ConsentInput) -> dict[str, Any]:
    """Record one consent answer (appended; the latest answer per type is the current one)."""
    row = _find(ctx, customer_id)
    _record_consents(ctx, row["customer_id"], [consent])
    return get(ctx, customer_id)


def consents(ctx: Ctx, customer_id: str) -> dict[str, Any]:
    """``GET /customers/{customerId}/consents``: the current answers and every answer, oldest first."""
    row = _find(ctx, customer_id)
    history = ctx.conn.execute(
        "SELECT * FROM consent_history WHERE customer_id = :customer_id ORDER BY seq",
        {"customer_id": row["customer_id"]},
    ).fetchall()
    return {
        "customerId": row["customer_id"],
        "consents": [_consent_json(c) for c in _current_consents(ctx, row["customer_id"])],
        "history": [_consent_json(c) for c in history],
    }


def link_card(ctx: Ctx, customer_id: str, card_number: str) -> dict[str, Any]:
    """Link a loyalty card to the customer."""
    row = _find(ctx, customer_id)
    _link_card(ctx, row["customer_id"], card_number)
    return get(ctx, customer_id)


def block(ctx: Ctx, customer_id: str, reason: str) -> dict[str, Any]:
    """Block a customer."""
    row = _find(ctx, customer_id)
    ctx.conn.execute(
        "UPDATE customers SET blocked = 1, block_reason = :block_reason WHERE customer_id = :customer_id",
        {"block_reason": reason, "customer_id": row["customer_id"]},
    )
    return get(ctx, customer_id)
