"""Loyalty cards: activating a pre-issued card (by itself, or when it is linked to a customer).

A pre-issued loyalty card is printed in advance and handed out at the counter; until it is active it
can neither earn nor spend. Activation is what the gift card's ``_issue`` is for money cards, with no
amount: the card becomes active from today (with its series' validity) and the ledger records an
``issue`` with no money. Linking a pre-issued card to a customer (at enrolment or later) activates
it in the same transaction, so a new member earns on their first visit.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from loyalty_server.context import Ctx
from loyalty_server.db import Row
from loyalty_server.errors import ApiError
from loyalty_server.services.catalogue import issuable_here, require_issuer
from loyalty_server.services.instruments import (
    append_ledger,
    effective_status,
    find_by_number,
    operation_result,
    require_usable,
)


def activate_number(ctx: Ctx, number: str) -> dict[str, Any]:
    """``POST /loyaltycards/{number}/_activate``: the operation result (``ALREADY_ISSUED`` when the
    card is active already; ``BLOCKED`` / ``EXPIRED`` / ``NOT_ACTIVE`` for a card that cannot be)."""
    row = find_by_number(ctx, number, "loyaltycard")
    require_issuer(ctx, row)
    status = effective_status(row, ctx.today)
    if status == "active":
        raise ApiError(409, "ALREADY_ISSUED", "This card is active already.", {"status": status})
    if status != "preissued":
        require_usable(ctx, row)  # raises the precise refusal (blocked, expired, closed)
    _activate(ctx, row)
    tx = append_ledger(ctx, row, "issue")
    return operation_result(ctx, row, "issue", tx)


def activate_on_link(ctx: Ctx, row: Row) -> bool:
    """Activate ``row`` if it is a pre-issued loyalty card this store may issue (linking it to a
    customer); True when it was. A card this store may not issue stays as it is."""
    if row["kind"] != "loyaltycard" or effective_status(row, ctx.today) != "preissued":
        return False
    if not issuable_here(row, ctx.terminal):
        return False
    _activate(ctx, row)
    append_ledger(ctx, row, "issue", reference="linked to a customer")
    return True


def _activate(ctx: Ctx, row: Row) -> None:
    validity = row["validity_days"]
    expiry = None if validity is None else (ctx.today + timedelta(days=int(validity))).isoformat()
    ctx.conn.execute(
        "UPDATE instruments SET status = 'active', start_date = :start_date, expiry_date = :expiry_date "
        "WHERE instrument_id = :instrument_id",
        {"start_date": ctx.today.isoformat(), "expiry_date": expiry, "instrument_id": row["instrument_id"]},
    )
