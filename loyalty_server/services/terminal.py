"""``GET /terminal``: who the calling terminal is."""

from __future__ import annotations

from typing import Any

from loyalty_server.context import Ctx
from loyalty_server.money import format_minor
from loyalty_server.requests import BATCH_PATH, MAX_BATCH_ITEMS


def terminal_info(ctx: Ctx) -> dict[str, Any]:
    """The terminal, its merchant and store, merchant groups, currency, server time, offline limits,
    and where it may deliver a batch."""
    t = ctx.terminal
    m = ctx.conn.execute(
        "SELECT * FROM merchants WHERE merchant_id = :merchant_id", {"merchant_id": t.merchant_id}
    ).fetchone()
    return {
        "loyaltyGroup": t.loyalty_group,
        "terminalId": t.terminal_id,
        "merchant": {"merchantId": t.merchant_id, "name": t.merchant_name},
        "store": t.store,
        "pos": t.pos,
        "storeName": t.store_name,
        "storeAddress": t.store_address,
        "merchantGroups": list(t.merchant_groups),
        "currency": t.currency,
        "serverTime": ctx.now_iso,
        "offlineLimits": {
            "maxOutstandingValue": format_minor(int(m["max_outstanding_minor"]), t.currency),
            "maxQueueAgeSeconds": int(m["max_queue_age_seconds"]),
            "overrideHardCap": format_minor(int(m["override_hard_cap_minor"]), t.currency),
        },
        # where queued operations may be delivered many at once (docs/API.md "Batch delivery")
        "batch": {"path": BATCH_PATH, "maxItems": MAX_BATCH_ITEMS},
    }
