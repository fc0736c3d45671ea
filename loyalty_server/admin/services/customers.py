"""Customers in the back office: look-up (masked unless asked and allowed), export of one
customer's data, and erasure on request.

Erasure removes the personal fields (names, phone, e-mail, country) and marks the customer erased;
the ledger stays (it is the money's record) and so does the consent history, which holds answers,
versions and times but no personal data. Cards keep the customer's id, which names no one once the
personal fields are gone.
"""

from __future__ import annotations

import json
from typing import Any

from loyalty_server.admin import audit
from loyalty_server.admin.auth import Action, AdminCtx, authorize
from loyalty_server.admin.services.common import conflict, invalid, not_found
from loyalty_server.admin.services.instruments import back_office_ctx
from loyalty_server.db import Row
from loyalty_server.services import reports as pos_reports
from loyalty_server.services.customers import normalise_email, normalise_phone
from loyalty_server.services.instruments import instrument_json

PERSONAL_FIELDS = ("first_name", "last_name", "phone", "email", "country")


def _mask_text(value: str | None, keep: int = 1) -> str | None:
    if not value:
        return value
    return value[:keep] + "*" * max(len(value) - keep, 1)


def _mask_phone(phone: str | None) -> str | None:
    if not phone:
        return phone
    return phone[:3] + "*" * max(len(phone) - 6, 1) + phone[-3:]


def _mask_email(email: str | None) -> str | None:
    if not email or "@" not in email:
        return _mask_text(email)
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def _customer(ctx: AdminCtx, customer_id: str) -> Row:
    row: Row | None = ctx.conn.execute(
        "SELECT * FROM customers WHERE loyalty_group = :loyalty_group AND customer_id = :customer_id",
        {"loyalty_group": ctx.loyalty_group, "customer_id": customer_id},
    ).fetchone()
    if row is None:
        raise not_found("UNKNOWN_CUSTOMER", "No such customer.", customerId=customer_id[:64])
    return row


def _consents(ctx: AdminCtx, customer_id: str) -> list[dict[str, Any]]:
    return [
        {
            "type": c["type"],
            "granted": bool(c["granted"]),
            "version": c["version"],
            "time": c["time"],
            "terminalId": c["terminal_id"],
            "merchantId": c["merchant_id"],
        }
        for c in ctx.conn.execute(
            "SELECT * FROM consent_history WHERE customer_id = :customer_id ORDER BY seq",
            {"customer_id": customer_id},
        )
    ]


def _cards(ctx: AdminCtx, customer_id: str) -> list[Row]:
    rows: list[Row] = ctx.conn.execute(
        "SELECT number, instrument_id FROM instruments WHERE loyalty_group = :loyalty_group AND "
        "customer_id = :customer_id "
        "ORDER BY number",
        {"loyalty_group": ctx.loyalty_group, "customer_id": customer_id},
    ).fetchall()
    return rows


def customer_json(ctx: AdminCtx, row: Row, *, masked: bool) -> dict[str, Any]:
    cards = [str(c["number"]) for c in _cards(ctx, str(row["customer_id"]))]
    return {
        "customerId": row["customer_id"],
        "firstName": _mask_text(row["first_name"]) if masked else row["first_name"],
        "lastName": _mask_text(row["last_name"]) if masked else row["last_name"],
        "phone": _mask_phone(row["phone"]) if masked else row["phone"],
        "email": _mask_email(row["email"]) if masked else row["email"],
        "country": row["country"],
        "groups": json.loads(row["groups_json"]),
        "blocked": bool(row["blocked"]),
        "erased": row["erased"],
        "created": row["created"],
        "cards": ["*" * max(len(n) - 4, 0) + n[-4:] for n in cards] if masked else cards,
        "masked": masked,
    }


def look_up(
    ctx: AdminCtx,
    *,
    customer_id: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    card: str | None = None,
    reveal: bool = False,
) -> dict[str, Any]:
    """Customers by id, phone, e-mail or card number; masked unless ``reveal`` (admins only, audited)."""
    authorize(ctx, Action.PERSONAL_DATA if reveal else Action.CUSTOMER_LOOKUP)
    if customer_id:
        rows = [_customer(ctx, customer_id)]
    elif phone:
        rows = ctx.conn.execute(
            "SELECT * FROM customers WHERE loyalty_group = :loyalty_group AND phone = :phone",
            {"loyalty_group": ctx.loyalty_group, "phone": normalise_phone(phone)},
        ).fetchall()
    elif email:
        rows = ctx.conn.execute(
            "SELECT * FROM customers WHERE loyalty_group = :loyalty_group AND email = :email",
            {"loyalty_group": ctx.loyalty_group, "email": normalise_email(email)},
        ).fetchall()
    elif card:
        rows = ctx.conn.execute(
            "SELECT c.* FROM customers c JOIN instruments i ON i.customer_id = c.customer_id "
            "WHERE i.loyalty_group = :loyalty_group AND i.number = :number",
            {"loyalty_group": ctx.loyalty_group, "number": card.strip().upper()},
        ).fetchall()
    else:
        raise invalid("INVALID_REQUEST", "Look a customer up by id, phone, email or card.")
    if reveal:
        for r in rows:
            audit.record(ctx, "customer.reveal", f"customer:{r['customer_id']}", None, None)
    return {"customers": [customer_json(ctx, r, masked=not reveal) for r in rows]}


def export(ctx: AdminCtx, customer_id: str) -> dict[str, Any]:
    """Everything kept about one customer (a data-subject access request), as one JSON document."""
    authorize(ctx, Action.PERSONAL_DATA)
    row = _customer(ctx, customer_id)
    pos = back_office_ctx(ctx)
    cards = []
    for c in _cards(ctx, customer_id):
        found = pos.conn.execute(
            "SELECT i.*, s.kind, s.currency, s.single_use, s.offer, s.points_config, s.issuer_group, "
            "s.acceptor_group, s.validity_days, s.description FROM instruments i JOIN series s "
            "ON s.loyalty_group = i.loyalty_group AND s.series_number = i.series_number "
            "WHERE i.instrument_id = :instrument_id",
            {"instrument_id": c["instrument_id"]},
        ).fetchone()
        card = instrument_json(pos, found)
        card.pop("acceptableHere", None)
        card["transactions"] = pos_reports.history(pos, str(c["instrument_id"]))["transactions"]
        cards.append(card)
    audit.record(ctx, "customer.export", f"customer:{customer_id}", None, None)
    return {
        "exported": ctx.now_iso,
        "loyaltyGroup": ctx.loyalty_group,
        "customer": customer_json(ctx, row, masked=False),
        "consentHistory": _consents(ctx, customer_id),
        "cards": cards,
    }


def erase(ctx: AdminCtx, customer_id: str) -> dict[str, Any]:
    """Remove the customer's personal fields (the ledger and consent history stay)."""
    authorize(ctx, Action.PERSONAL_DATA)
    row = _customer(ctx, customer_id)
    if row["erased"]:
        raise conflict(
            "ALREADY_ERASED", "This customer's personal data was erased already.", erased=row["erased"]
        )
    ctx.conn.execute(
        f"UPDATE customers SET {', '.join(f'{f} = NULL' for f in PERSONAL_FIELDS)}, erased = :erased "
        "WHERE customer_id = :customer_id",
        {"erased": ctx.now_iso, "customer_id": customer_id},
    )
    # The audit names which fields went, never their values (that would keep what was erased).
    audit.record(
        ctx,
        "customer.erase",
        f"customer:{customer_id}",
        {"fields": [f for f in PERSONAL_FIELDS if row[f] is not None]},
        {"erased": ctx.now_iso},
    )
    return customer_json(ctx, _customer(ctx, customer_id), masked=False)
