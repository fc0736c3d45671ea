"""Who may see a customer: the customer groups this terminal's merchant serves.

A customer belongs to customer groups (``customers.groups_json``); each customer group names the
merchant group whose merchants serve its customers (``customer_groups``). Kept apart from
:mod:`customers` because every instrument's JSON asks it (a card shows its owner only to a terminal
that serves the owner), and :mod:`customers` itself builds on the instruments.
"""

from __future__ import annotations

import json

from loyalty_server.context import Ctx
from loyalty_server.db import Row


def served_groups(ctx: Ctx) -> list[str]:
    """The customer groups whose customers this terminal's merchant may read and change."""
    merchant_groups = ctx.terminal.merchant_groups
    if not merchant_groups:
        return []
    return [
        str(r[0])
        for r in ctx.conn.execute(
            "SELECT code FROM customer_groups WHERE loyalty_group = :loyalty_group "
            "AND merchant_group IN :merchant_groups ORDER BY code",
            {"loyalty_group": ctx.terminal.loyalty_group, "merchant_groups": list(merchant_groups)},
        )
    ]


def served(ctx: Ctx, row: Row) -> bool:
    """Whether this terminal may see the customer ``row`` (one of its groups is served here)."""
    return bool(set(json.loads(row["groups_json"])) & set(served_groups(ctx)))


def visible(ctx: Ctx, customer_id: str | None) -> bool:
    """Whether this terminal may see the customer (False for no customer or an unknown one)."""
    if customer_id is None:
        return False
    row = ctx.conn.execute(
        "SELECT groups_json FROM customers WHERE customer_id = :customer_id "
        "AND loyalty_group = :loyalty_group",
        {"customer_id": customer_id, "loyalty_group": ctx.terminal.loyalty_group},
    ).fetchone()
    return row is not None and served(ctx, row)
