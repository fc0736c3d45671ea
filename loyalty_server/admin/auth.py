"""Admin accounts: slow salted password hashes, bearer sessions with expiry, lock-out, roles.

An admin signs in with a name and password and gets a bearer token (random; only its SHA-256 is
stored, as for POS tokens) valid for :data:`SESSION_TTL` (``--admin-session-ttl``). After
:data:`MAX_FAILED_LOGINS` wrong passwords in a row the account is locked for :data:`LOCKOUT`.
POS tokens and admin tokens live in different tables, so neither opens the other's API.

Roles (issue 18): ``admin`` may do everything; ``support`` may read, block and unblock instruments and
look customers up (masked). An account belongs to one loyalty group, or to none: a superuser, who may
work in every group. :func:`authorize` is the single check each service function makes.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from loyalty_server.auth import MAX_TOKEN_LENGTH, hash_token
from loyalty_server.context import iso
from loyalty_server.db import Conn, Database, Row
from loyalty_server.errors import ApiError

SESSION_TTL = timedelta(hours=8)
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256

# scrypt: ~16 MiB and tens of milliseconds per check, on purpose (docs/ARCHITECTURE.md#security).
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


class Role(enum.StrEnum):
    ADMIN = "admin"
    SUPPORT = "support"


class Action(enum.StrEnum):
    """What a service function does, for :func:`authorize`."""

    READ = "read"  # look at the configuration, instruments, reports, the audit
    BLOCK = "block"  # block or unblock an instrument
    CUSTOMER_LOOKUP = "customer-lookup"  # a customer, masked
    CHANGE = "change"  # create or change configuration, issue batches, pair and revoke tills
    PERSONAL_DATA = "personal-data"  # export or erase one customer's data
    ACCOUNTS = "accounts"  # create admin accounts


ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.SUPPORT: frozenset({Action.READ, Action.BLOCK, Action.CUSTOMER_LOOKUP}),
}


@dataclass(frozen=True)
class Admin:
    """The signed-in admin account."""

    user_id: int
    name: str
    role: Role
    loyalty_group: str | None  # None: a superuser

    def json(self) -> dict[str, Any]:
        return {
            "user": self.name,
            "role": self.role.value,
            "loyaltyGroup": self.loyalty_group,
            "superuser": self.loyalty_group is None,
        }


@dataclass(frozen=True)
class AdminCtx:
    """One admin request: its connection (inside a transaction), the admin, the loyalty group it works
    in, and the clock."""

    conn: Conn
    admin: Admin
    loyalty_group: str
    now: datetime

    @property
    def now_iso(self) -> str:
        return iso(self.now)


def forbidden(message: str) -> ApiError:
    return ApiError(403, "FORBIDDEN", message, {})


def authorize(ctx: AdminCtx, action: Action) -> None:
    """``403 FORBIDDEN`` unless the admin's role allows ``action`` in ``ctx.loyalty_group``."""
    admin = ctx.admin
    if admin.loyalty_group is not None and admin.loyalty_group != ctx.loyalty_group:
        raise forbidden("This account works in another loyalty group.")
    if action not in ROLE_ACTIONS[admin.role]:
        raise ApiError(
            403,
            "FORBIDDEN",
            f"The {admin.role.value} role may not do this ({action.value}).",
            {"role": admin.role.value, "action": action.value},
        )


# -- passwords -------------------------------------------------------------------------------------


def hash_password(password: str, salt: bytes | None = None) -> str:
    """A storable ``scrypt$N$r$p$salt$hash`` string (a fresh random salt by default)."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    """Whether ``password`` gives ``stored`` (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


# A wrong password for an unknown name costs the same time as for a known one (no name probing).
_DUMMY_HASH = hash_password("not a password", b"\0" * 16)


def check_password_rules(password: str) -> None:
    """``400 WEAK_PASSWORD`` for a password too short or too long."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise ApiError(
            400,
            "WEAK_PASSWORD",
            f"A password has {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters.",
            {"minLength": MIN_PASSWORD_LENGTH},
        )


def create_account(
    conn: Conn, name: str, password: str, role: Role, loyalty_group: str | None, now: datetime
) -> int:
    """Insert an admin account (``409 ALREADY_EXISTS`` for a name in use); returns its id."""
    check_password_rules(password)
    if conn.execute("SELECT 1 FROM admin_users WHERE name = :name", {"name": name}).fetchone():
        raise ApiError(409, "ALREADY_EXISTS", "An admin account with this name exists.", {"user": name})
    if (
        loyalty_group is not None
        and not conn.execute(
            "SELECT 1 FROM loyalty_groups WHERE code = :code", {"code": loyalty_group}
        ).fetchone()
    ):
        raise ApiError(
            404, "UNKNOWN_LOYALTY_GROUP", "No such loyalty group.", {"loyaltyGroup": loyalty_group}
        )
    cur = conn.execute(
        "INSERT INTO admin_users (name, role, loyalty_group, password_hash, created) VALUES (:name, :role, "
        ":loyalty_group, :password_hash, :created) "
        "RETURNING user_id",
        {
            "name": name,
            "role": role.value,
            "loyalty_group": loyalty_group,
            "password_hash": hash_password(password),
            "created": iso(now),
        },
    ).fetchone()
    assert cur is not None
    return int(cur[0])


# -- sessions ------------------------------------------------------------------------------------


def _admin(row: Row) -> Admin:
    return Admin(int(row["user_id"]), str(row["name"]), Role(row["role"]), row["loyalty_group"])


def login(db: Database, name: str, password: str, now: datetime, ttl: timedelta) -> dict[str, Any]:
    """A new session for a right name and password.

    The password is checked outside any transaction (scrypt is slow on purpose); a wrong one is
    counted (``failed_logins + 1`` in SQL, so concurrent attempts all count) and committed before
    the refusal is raised.

    Raises:
        ApiError: ``401 INVALID_CREDENTIALS`` (the same for an unknown name and a wrong password),
            ``429 LOCKED_OUT`` while the account is locked (``details.lockedUntil``).
    """
    with db.read() as conn:
        row = conn.execute("SELECT * FROM admin_users WHERE name = :name", {"name": name}).fetchone()
    if row is None:
        password_matches(password, _DUMMY_HASH)
        raise ApiError(401, "INVALID_CREDENTIALS", "Wrong user name or password.", {})
    locked = _locked(row, now)
    if locked:
        raise locked
    if not password_matches(password, str(row["password_hash"])):
        for attempt in db.attempts():
            with attempt as conn:
                failed = conn.execute(
                    "UPDATE admin_users SET failed_logins = failed_logins + 1 WHERE user_id = :user_id "
                    "RETURNING failed_logins",
                    {"user_id": row["user_id"]},
                ).fetchone()[0]
                if failed >= MAX_FAILED_LOGINS:
                    conn.execute(
                        "UPDATE admin_users SET failed_logins = 0, locked_until = :locked_until WHERE "
                        "user_id "
                        "= :user_id",
                        {"locked_until": iso(now + LOCKOUT), "user_id": row["user_id"]},
                    )
                    _audit_raw(conn, now, name, row["loyalty_group"], "account.lock", f"user:{name}")
        raise ApiError(401, "INVALID_CREDENTIALS", "Wrong user name or password.", {})
    token = secrets.token_urlsafe(32)
    expires = iso(now + ttl)
    for attempt in db.attempts():
        with attempt as conn:
            again = conn.execute(
                "SELECT * FROM admin_users WHERE user_id = :user_id", {"user_id": row["user_id"]}
            ).fetchone()
            locked = _locked(again, now)  # locked by a concurrent guesser meanwhile
            if locked:
                raise locked
            conn.execute(
                "UPDATE admin_users SET failed_logins = 0, locked_until = NULL WHERE user_id = :user_id",
                {"user_id": row["user_id"]},
            )
            conn.execute("DELETE FROM admin_sessions WHERE expires <= :expires", {"expires": iso(now)})
            conn.execute(
                "INSERT INTO admin_sessions (token_hash, user_id, created, expires) VALUES (:token_hash, "
                ":user_id, :created, :expires)",
                {
                    "token_hash": hash_token(token),
                    "user_id": row["user_id"],
                    "created": iso(now),
                    "expires": expires,
                },
            )
    return {"token": token, "expiresAt": expires, **_admin(row).json()}


def _locked(row: Row, now: datetime) -> ApiError | None:
    until = row["locked_until"]
    if until and str(until) > iso(now):
        return ApiError(
            429,
            "LOCKED_OUT",
            "Too many wrong passwords: this account is locked for a while.",
            {"lockedUntil": until},
        )
    return None


def _audit_raw(conn: Conn, now: datetime, user: str, group: str | None, action: str, target: str) -> None:
    conn.execute(
        "INSERT INTO admin_audit (time, user_name, loyalty_group, action, target) VALUES (:time, "
        ":user_name, :loyalty_group, :action, :target)",
        {"time": iso(now), "user_name": user, "loyalty_group": group, "action": action, "target": target},
    )


def unauthorized() -> ApiError:
    return ApiError(401, "UNAUTHORIZED", "Sign in to the back office: a valid admin token is required.", {})


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer`` header, or ``401``."""
    if not authorization or len(authorization) > MAX_TOKEN_LENGTH:
        raise unauthorized()
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise unauthorized()
    return token


def admin_for(conn: Conn, token: str, now: datetime) -> Admin:
    """The admin of a live session token, or ``401`` (unknown, expired or signed out)."""
    row = conn.execute(
        "SELECT u.* FROM admin_sessions s JOIN admin_users u ON u.user_id = s.user_id "
        "WHERE s.token_hash = :token_hash AND s.expires > :expires",
        {"token_hash": hash_token(token), "expires": iso(now)},
    ).fetchone()
    if row is None:
        raise unauthorized()
    return _admin(row)


def logout(conn: Conn, token: str) -> None:
    """End the session of ``token``."""
    conn.execute(
        "DELETE FROM admin_sessions WHERE token_hash = :token_hash", {"token_hash": hash_token(token)}
    )
