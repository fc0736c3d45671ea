"""The admin audit: who changed what, when, and the record before and after (append-only table)."""

from __future__ import annotations

import json
from typing import Any

from loyalty_server.admin.auth import Action, AdminCtx, authorize


def record(
    ctx: AdminCtx,
    action: str,
    target: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Append one audit row in the change's own transaction (so a change is never unaudited)."""
    ctx.conn.execute(
        "INSERT INTO admin_audit (time, user_name, loyalty_group, action, target, before_json, after_json) "
        "VALUES (:time, :user_name, :loyalty_group, :action, :target, :before_json, :after_json)",
        {
            "time": ctx.now_iso,
            "user_name": ctx.admin.name,
            "loyalty_group": ctx.loyalty_group,
            "action": action,
            "target": target,
            "before_json": None if before is None else json.dumps(before, ensure_ascii=False, sort_keys=True),
            "after_json": None if after is None else json.dumps(after, ensure_ascii=False, sort_keys=True),
        },
    )


def entries(ctx: AdminCtx, limit: int = 100, action: str | None = None) -> dict[str, Any]:
    """The latest audit rows of the loyalty group, newest first."""
    authorize(ctx, Action.READ)
    sql = "SELECT * FROM admin_audit WHERE loyalty_group = :loyalty_group"
    if action:
        sql += " AND action = :action"
    rows = ctx.conn.execute(
        sql + " ORDER BY seq DESC LIMIT :limit",
        {"loyalty_group": ctx.loyalty_group, "action": action, "limit": limit},
    ).fetchall()
    return {
        "entries": [
            {
                "seq": r["seq"],
                "time": r["time"],
                "user": r["user_name"],
                "action": r["action"],
                "target": r["target"],
                "before": None if r["before_json"] is None else json.loads(r["before_json"]),
                "after": None if r["after_json"] is None else json.loads(r["after_json"]),
            }
            for r in rows
        ]
    }
