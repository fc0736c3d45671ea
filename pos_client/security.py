"""Operators, PINs, roles and the local audit log (docs/ARCHITECTURE.md#security).

- PINs are stored as salted ``hashlib.scrypt`` hashes (slow on purpose), compared in constant time.
- After ``max_failures`` wrong PINs in a row an operator is locked out for ``lockout_seconds``.
- Roles are enforced by :class:`pos_client.service.LoyaltyService` (not only by hiding buttons): a
  cashier needs a manager's :class:`Approval` for sensitive operations; technicians run no sales.
- The :class:`AuditLog` is append-only (SQLite triggers refuse UPDATE and DELETE) and records every
  sensitive operation and override with who ran it and which manager approved it.
- Every wrong PIN and every lock-out is audited by the :class:`OperatorStore` itself (``pin_failed``,
  ``locked_out``, ``pin_while_locked_out``), so each way in (sign-on, a manager's approval in the
  app or the CLI, an offline override) is covered by the one place that checks PINs.
- Every PIN checked is handed to :func:`pos_client.masking.remember_secret`: the log masks its value.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pos_client.masking import remember_secret

# scrypt cost: ~16 MiB and a few tens of milliseconds per check; a PIN has little entropy, so slow it is.
OPERATORS_DB = "operators.db"  # the operator store, in the data directory
_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1
_SALT_BYTES = 16


class Role(enum.StrEnum):
    """What an operator may do."""

    CASHIER = "cashier"
    MANAGER = "manager"
    TECHNICIAN = "technician"


@dataclass(frozen=True)
class Operator:
    """A person who signs on at the terminal."""

    operator_id: str
    name: str
    role: Role


@dataclass(frozen=True)
class Approval:
    """A manager's consent to one sensitive operation: the manager's id and PIN, checked by the service."""

    manager_id: str
    pin: str


class SecurityError(Exception):
    """Base of the expected security failures (shown to the operator, never a traceback)."""


class BadPin(SecurityError):  # noqa: N818 - plain words for the operator
    """Unknown operator or wrong PIN (deliberately the same error for both)."""


class LockedOut(SecurityError):  # noqa: N818 - plain words for the operator
    """Too many wrong PINs; the operator must wait.

    Args:
        message: what to show.
        until: epoch seconds when the lock ends.
    """

    def __init__(self, message: str, until: float) -> None:
        super().__init__(message)
        self.until = until


class Forbidden(SecurityError):  # noqa: N818 - plain words for the operator
    """The signed-on operator's role may never run this operation (e.g. a technician selling)."""


class ApprovalRequired(SecurityError):  # noqa: N818 - plain words for the operator
    """This operation needs a manager's approval (none given, or the approver is not a manager).

    Args:
        message: what to show.
        action: the operation that needs approval, e.g. ``"giftcard.block"``.
    """

    def __init__(self, message: str, action: str) -> None:
        super().__init__(message)
        self.action = action


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """A storable ``scrypt$N$r$p$salt$hash`` string for ``pin`` (a fresh random salt by default)."""
    import hashlib  # here: OpenSSL's hashlib costs ~8 ms, paid at the first PIN check, not at start

    salt = salt if salt is not None else os.urandom(_SALT_BYTES)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches ``stored`` (from :func:`hash_pin`); False for a malformed hash."""
    import hashlib  # see hash_pin
    import hmac

    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            pin.encode("utf-8"), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p)
        )
    except (ValueError, TypeError, OverflowError, MemoryError):  # a malformed or tampered hash
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


class OperatorStore:
    """Operators and their PIN hashes in SQLite, with lockout after repeated failures.

    Args:
        path: the database file (in the data directory).
        max_failures: wrong PINs in a row before a lockout.
        lockout_seconds: how long a lockout lasts.
        clock: epoch seconds (injectable for tests).
        audit: where wrong PINs and lock-outs are recorded (None: nowhere, e.g. ``config init``
            seeding operators, which checks no PIN).
    """

    def __init__(
        self,
        path: Path,
        *,
        max_failures: int = 5,
        lockout_seconds: float = 300.0,
        clock: Callable[[], float] = time.time,
        audit: AuditLog | None = None,
    ) -> None:
        self._conn = _connect(path)
        self._audit = audit
        self._lock = threading.Lock()
        self._max_failures = max_failures
        self._lockout_seconds = lockout_seconds
        self._clock = clock
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS operators (operator_id TEXT PRIMARY KEY, name TEXT NOT NULL,"
            " role TEXT NOT NULL, pin_hash TEXT NOT NULL, failures INTEGER NOT NULL DEFAULT 0,"
            " locked_until REAL NOT NULL DEFAULT 0)"
        )

    def close(self) -> None:
        """Close the database."""
        self._conn.close()

    def add(self, operator: Operator, pin: str) -> None:
        """Create or replace an operator with a new PIN."""
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO operators (operator_id, name, role, pin_hash) VALUES (?, ?, ?, ?)",
                (operator.operator_id, operator.name, operator.role.value, hash_pin(pin)),
            )

    def seed(self, operators: Iterable[Mapping[str, str]]) -> int:
        """Add operators from dicts with ``id`` (or ``name``), ``name``, ``role``, ``pin``; returns the count.

        Existing operators are left alone, so seeding twice keeps changed PINs.
        """
        count = 0
        for entry in operators:
            operator_id = str(entry.get("id") or entry["name"])
            if self.get(operator_id) is None:
                self.add(Operator(operator_id, str(entry["name"]), Role(entry["role"])), str(entry["pin"]))
                count += 1
        return count

    def get(self, operator_id: str) -> Operator | None:
        """The operator with this id, if any."""
        row = self._conn.execute(
            "SELECT operator_id, name, role FROM operators WHERE operator_id = ?", (operator_id,)
        ).fetchone()
        return Operator(row[0], row[1], Role(row[2])) if row else None

    def all(self) -> list[Operator]:
        """Every operator, by id."""
        rows = self._conn.execute("SELECT operator_id, name, role FROM operators ORDER BY operator_id")
        return [Operator(r[0], r[1], Role(r[2])) for r in rows]

    def authenticate(self, operator_id: str, pin: str) -> Operator:
        """The operator, when the PIN is right.

        Every refusal is written to the audit log (when the store has one): ``pin_failed`` (unknown
        operator or wrong PIN, with the failures so far), ``locked_out`` (this failure started a
        lock-out) and ``pin_while_locked_out`` (a PIN typed during a lock-out; not even checked).

        Raises:
            LockedOut: too many failures recently (the PIN is not even checked).
            BadPin: unknown operator or wrong PIN; counts towards the lockout.
        """
        remember_secret(pin)
        with self._lock:
            row = self._conn.execute(
                "SELECT name, role, pin_hash, failures, locked_until FROM operators WHERE operator_id = ?",
                (operator_id,),
            ).fetchone()
            now = self._clock()
            if row is None:
                verify_pin(pin, hash_pin("", b"\0" * _SALT_BYTES))  # same cost: do not reveal who exists
                self._refused("pin_failed", operator_id, {"knownOperator": False})
                raise BadPin("unknown operator or wrong PIN")
            name, role, pin_hash, failures, locked_until = row
            if locked_until > now:
                self._refused("pin_while_locked_out", operator_id, {"lockedUntil": locked_until})
                raise LockedOut(f"operator locked out for {int(locked_until - now) + 1} s", locked_until)
            if not verify_pin(pin, pin_hash):
                failures += 1
                until = now + self._lockout_seconds if failures >= self._max_failures else 0.0
                self._conn.execute(
                    "UPDATE operators SET failures = ?, locked_until = ? WHERE operator_id = ?",
                    (0 if until else failures, until, operator_id),
                )
                self._refused("pin_failed", operator_id, {"knownOperator": True, "failures": failures})
                if until:
                    self._refused("locked_out", operator_id, {"failures": failures, "lockedUntil": until})
                    raise LockedOut("too many wrong PINs: operator locked out", until)
                raise BadPin("unknown operator or wrong PIN")
            self._conn.execute(
                "UPDATE operators SET failures = 0, locked_until = 0 WHERE operator_id = ?", (operator_id,)
            )
            return Operator(operator_id, name, Role(role))

    def _refused(self, action: str, operator_id: str, details: dict[str, Any]) -> None:
        """Audit a refused PIN (never the PIN itself; the id as typed, cut short)."""
        if self._audit is not None:
            self._audit.record(action, operator_id[:64] or "-", subject=operator_id[:64], details=details)


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    seq: int
    time: dt.datetime
    action: str
    operator_id: str
    approved_by: str | None
    subject: str
    details: Mapping[str, Any]


class AuditLog:
    """Append-only record of sensitive operations and overrides (SQLite; UPDATE/DELETE refused).

    Args:
        path: the database file (in the data directory).
        clock: epoch seconds (injectable for tests).
    """

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self._conn = _connect(path)
        self._lock = threading.Lock()
        self._clock = clock
        self._conn.executescript(
            "CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, time REAL NOT NULL,"
            " action TEXT NOT NULL, operator_id TEXT NOT NULL, approved_by TEXT, subject TEXT NOT NULL,"
            " details TEXT NOT NULL);"
            "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit"
            " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
            "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit"
            " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
        )

    def close(self) -> None:
        """Close the database."""
        self._conn.close()

    def record(
        self,
        action: str,
        operator_id: str,
        *,
        subject: str = "",
        approved_by: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        """Append one entry; ``subject`` must already be masked (a card's last 4 characters at most)."""
        import json  # here, not at the top: this module is on the app's first window's path

        with self._lock:
            self._conn.execute(
                "INSERT INTO audit (time, action, operator_id, approved_by, subject, details)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    self._clock(),
                    action,
                    operator_id,
                    approved_by,
                    subject,
                    json.dumps(dict(details or {}), default=str, ensure_ascii=False),
                ),
            )

    def entries(self, limit: int = 100) -> list[AuditEntry]:
        """The newest entries first."""
        import json

        rows = self._conn.execute(
            "SELECT seq, time, action, operator_id, approved_by, subject, details FROM audit"
            " ORDER BY seq DESC LIMIT ?",
            (limit,),
        )
        return [
            AuditEntry(
                seq=r[0],
                time=dt.datetime.fromtimestamp(r[1], dt.UTC),
                action=r[2],
                operator_id=r[3],
                approved_by=r[4],
                subject=r[5],
                details=json.loads(r[6]),
            )
            for r in rows
        ]
