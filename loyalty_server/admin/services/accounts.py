"""Admin accounts and loyalty groups: who may create which.

An ``admin`` creates accounts in its own loyalty group; only a superuser (an account of no group)
creates superusers and loyalty groups. The first superuser is made on the command line
(``loyalty-pos server --admin-user NAME --admin-password-file F``, :func:`bootstrap`).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from loyalty_server.admin import audit
from loyalty_server.admin.auth import Action, Admin, AdminCtx, Role, authorize, create_account, forbidden
from loyalty_server.admin.services.common import conflict
from loyalty_server.context import iso
from loyalty_server.db import Conn


def add_account(
    ctx: AdminCtx, user: str, password: str, role: str, loyalty_group: str | None
) -> dict[str, Any]:
    """A new account in ``ctx.loyalty_group`` (a superuser's: ``loyalty_group`` ``None`` makes one)."""
    authorize(ctx, Action.ACCOUNTS)
    if loyalty_group is None and ctx.admin.loyalty_group is not None:
        raise forbidden("Only a superuser creates superusers.")
    group = None if loyalty_group is None else ctx.loyalty_group
    create_account(ctx.conn, user, password, Role(role), group, ctx.now)
    after = {"user": user, "role": role, "loyaltyGroup": group}
    audit.record(ctx, "account.add", f"user:{user}", None, after)
    return after


def add_loyalty_group(conn: Conn, admin: Admin, code: str, name: str, now: datetime) -> dict[str, Any]:
    """A new loyalty group (tenant); superusers only."""
    if admin.loyalty_group is not None:
        raise forbidden("Only a superuser creates loyalty groups.")
    if conn.execute("SELECT 1 FROM loyalty_groups WHERE code = :code", {"code": code}).fetchone():
        raise conflict("ALREADY_EXISTS", f"Loyalty group {code} exists.", loyaltyGroup=code)
    conn.execute(
        "INSERT INTO loyalty_groups (code, name) VALUES (:code, :name)", {"code": code, "name": name}
    )
    after = {"code": code, "name": name}
    audit.record(AdminCtx(conn, admin, code, now), "loyalty-group.add", f"loyalty-group:{code}", None, after)
    return after


def bootstrap(conn: Conn, user: str, password: str, now: datetime) -> bool:
    """Create a superuser from the command line, once: an existing account of that name is left as it
    is (its password is not changed by starting the server again); True when created."""
    if conn.execute("SELECT 1 FROM admin_users WHERE name = :name", {"name": user}).fetchone() is not None:
        return False
    create_account(conn, user, password, Role.ADMIN, None, now)
    conn.execute(
        "INSERT INTO admin_audit (time, user_name, action, target, after_json) VALUES (:time, :user_name, "
        ":action, :target, :after_json)",
        {
            "time": iso(now),
            "user_name": "(command line)",
            "action": "account.add",
            "target": f"user:{user}",
            "after_json": json.dumps({"role": "admin", "superuser": True, "user": user}, sort_keys=True),
        },
    )
    return True
