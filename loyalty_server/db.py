"""The SQLite schema and connections.

One connection per worker thread (FastAPI runs sync endpoints in a thread pool). Every write runs in
``BEGIN IMMEDIATE``, which takes SQLite's single write lock up front: two payments on one card are
serialised, so a card can never be overdrawn and a single-use coupon never used twice.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS loyalty_groups (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS merchants (
    merchant_id TEXT PRIMARY KEY,
    loyalty_group TEXT NOT NULL REFERENCES loyalty_groups(code),
    name TEXT NOT NULL,
    store INTEGER NOT NULL,
    store_name TEXT NOT NULL,
    store_address TEXT NOT NULL,
    currency TEXT NOT NULL,
    max_outstanding_minor INTEGER NOT NULL,
    max_queue_age_seconds INTEGER NOT NULL,
    override_hard_cap_minor INTEGER NOT NULL,
    daily_value_cap_minor INTEGER
);
CREATE TABLE IF NOT EXISTS merchant_groups (
    code TEXT PRIMARY KEY,
    loyalty_group TEXT NOT NULL REFERENCES loyalty_groups(code),
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS merchant_group_members (
    group_code TEXT NOT NULL REFERENCES merchant_groups(code),
    merchant_id TEXT NOT NULL REFERENCES merchants(merchant_id),
    PRIMARY KEY (group_code, merchant_id)
);
CREATE TABLE IF NOT EXISTS terminals (
    terminal_id TEXT PRIMARY KEY,
    loyalty_group TEXT NOT NULL REFERENCES loyalty_groups(code),
    merchant_id TEXT NOT NULL REFERENCES merchants(merchant_id),
    pos INTEGER NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    paired TEXT,
    revoked TEXT
);
CREATE TABLE IF NOT EXISTS series (
    loyalty_group TEXT NOT NULL REFERENCES loyalty_groups(code),
    series_number TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    prefix TEXT NOT NULL,
    length INTEGER NOT NULL,
    check_digit TEXT NOT NULL,
    alphanumeric INTEGER NOT NULL,
    currency TEXT NOT NULL,
    issue_mode TEXT NOT NULL,
    amount_mode TEXT NOT NULL,
    fixed_amount_minor INTEGER,
    min_amount_minor INTEGER,
    max_amount_minor INTEGER,
    validity_days INTEGER,
    issuer_group TEXT NOT NULL,
    acceptor_group TEXT NOT NULL,
    single_use INTEGER,
    offline_policy TEXT NOT NULL,
    offer TEXT,
    points_config TEXT,
    max_load_minor INTEGER,
    max_balance_minor INTEGER,
    approval_threshold_minor INTEGER,
    PRIMARY KEY (loyalty_group, series_number)
);
CREATE TABLE IF NOT EXISTS customers (
    customer_id TEXT PRIMARY KEY,
    loyalty_group TEXT NOT NULL,
    first_name TEXT,
    last_name TEXT,
    phone TEXT,
    email TEXT,
    country TEXT,
    groups_json TEXT NOT NULL DEFAULT '[]',
    blocked INTEGER NOT NULL DEFAULT 0,
    block_reason TEXT,
    created TEXT NOT NULL,
    erased TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS customers_phone ON customers(loyalty_group, phone);
CREATE INDEX IF NOT EXISTS customers_email ON customers(loyalty_group, email);
CREATE TABLE IF NOT EXISTS customer_groups (
    loyalty_group TEXT NOT NULL REFERENCES loyalty_groups(code),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    -- the merchants of this merchant group may read and change the group's customers
    merchant_group TEXT NOT NULL REFERENCES merchant_groups(code),
    PRIMARY KEY (loyalty_group, code)
);
-- Every consent answer ever given, append-only; a customer's current answer per type is the latest row.
CREATE TABLE IF NOT EXISTS consent_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id TEXT NOT NULL REFERENCES customers(customer_id),
    type TEXT NOT NULL,
    granted INTEGER NOT NULL,
    version TEXT NOT NULL,
    time TEXT NOT NULL,
    terminal_id TEXT,
    merchant_id TEXT,
    operation_id TEXT
);
CREATE INDEX IF NOT EXISTS consent_history_customer ON consent_history(customer_id, type, seq);
CREATE TRIGGER IF NOT EXISTS consent_history_no_update BEFORE UPDATE ON consent_history
BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS consent_history_no_delete BEFORE DELETE ON consent_history
BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;
CREATE TABLE IF NOT EXISTS instruments (
    instrument_id TEXT PRIMARY KEY,
    loyalty_group TEXT NOT NULL,
    series_number TEXT NOT NULL,
    number TEXT NOT NULL,
    status TEXT NOT NULL,
    status_before_block TEXT,
    block_reason TEXT,
    created TEXT NOT NULL,
    start_date TEXT,
    expiry_date TEXT,
    customer_id TEXT REFERENCES customers(customer_id),
    original_minor INTEGER NOT NULL DEFAULT 0,
    net_minor INTEGER NOT NULL DEFAULT 0,
    points INTEGER NOT NULL DEFAULT 0,
    uses_left INTEGER,
    UNIQUE (loyalty_group, number)
);
CREATE TABLE IF NOT EXISTS authorizations (
    auth_code TEXT PRIMARY KEY,
    instrument_id TEXT NOT NULL REFERENCES instruments(instrument_id),
    terminal_id TEXT NOT NULL,
    operation_id TEXT NOT NULL,
    amount_minor INTEGER,
    points INTEGER,
    status TEXT NOT NULL,
    created TEXT NOT NULL,
    expires TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS authorizations_instrument ON authorizations(instrument_id, status);
CREATE TABLE IF NOT EXISTS transactions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    instrument_id TEXT NOT NULL REFERENCES instruments(instrument_id),
    operation_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    store INTEGER NOT NULL,
    pos INTEGER NOT NULL,
    type TEXT NOT NULL,
    amount_minor INTEGER,
    points INTEGER,
    balance_after_minor INTEGER,
    points_after INTEGER,
    auth_code TEXT,
    reference TEXT,
    original_operation_id TEXT,
    reversed_by TEXT,
    created TEXT NOT NULL,
    sale_id TEXT,
    approved_by TEXT
);
CREATE INDEX IF NOT EXISTS transactions_instrument ON transactions(instrument_id, seq);
CREATE INDEX IF NOT EXISTS transactions_operation ON transactions(operation_id);
CREATE INDEX IF NOT EXISTS transactions_terminal ON transactions(terminal_id, created);
CREATE INDEX IF NOT EXISTS transactions_sale ON transactions(instrument_id, sale_id);
CREATE TABLE IF NOT EXISTS sales (
    instrument_id TEXT NOT NULL REFERENCES instruments(instrument_id),
    sale_id TEXT NOT NULL,
    type TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    reversible_minor INTEGER NOT NULL,
    voided_by TEXT,
    PRIMARY KEY (instrument_id, sale_id)
);
CREATE TABLE IF NOT EXISTS point_lots (
    lot_id INTEGER PRIMARY KEY AUTOINCREMENT,
    instrument_id TEXT NOT NULL REFERENCES instruments(instrument_id),
    operation_id TEXT NOT NULL,
    earned INTEGER NOT NULL,
    remaining INTEGER NOT NULL,
    vests_on TEXT NOT NULL,
    expires_on TEXT
);
CREATE INDEX IF NOT EXISTS point_lots_instrument ON point_lots(instrument_id, expires_on);
-- The reward coupons an earn issued, so that a return of that sale can void the unused ones.
CREATE TABLE IF NOT EXISTS reward_coupons (
    coupon_id TEXT PRIMARY KEY REFERENCES instruments(instrument_id),
    card_id TEXT NOT NULL REFERENCES instruments(instrument_id),
    operation_id TEXT NOT NULL,
    points INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS reward_coupons_sale ON reward_coupons(card_id, operation_id);
CREATE TABLE IF NOT EXISTS earn_lines (
    instrument_id TEXT NOT NULL REFERENCES instruments(instrument_id),
    operation_id TEXT NOT NULL,
    line_no INTEGER NOT NULL,
    product_code TEXT,
    quantity INTEGER NOT NULL,
    points INTEGER NOT NULL,
    returned_quantity INTEGER NOT NULL DEFAULT 0,
    returned_points INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (instrument_id, operation_id, line_no)
);
-- The back office (loyalty_server/admin): the device tree above the merchants, admin accounts and
-- sessions, pairing codes, and the audit of every admin change.
CREATE TABLE IF NOT EXISTS organisations (
    loyalty_group TEXT NOT NULL REFERENCES loyalty_groups(code),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (loyalty_group, code)
);
CREATE TABLE IF NOT EXISTS sites (
    loyalty_group TEXT NOT NULL REFERENCES loyalty_groups(code),
    code TEXT NOT NULL,
    organisation TEXT NOT NULL,
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (loyalty_group, code)
);
CREATE TABLE IF NOT EXISTS stores (
    loyalty_group TEXT NOT NULL REFERENCES loyalty_groups(code),
    store INTEGER NOT NULL,
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    site TEXT,
    PRIMARY KEY (loyalty_group, store)
);
CREATE TABLE IF NOT EXISTS admin_users (
    user_id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'support')),
    -- NULL: a superuser, who may work in every loyalty group
    loyalty_group TEXT REFERENCES loyalty_groups(code),
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS admin_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES admin_users(user_id),
    created TEXT NOT NULL,
    expires TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pairing_codes (
    code_hash TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL REFERENCES terminals(terminal_id),
    created TEXT NOT NULL,
    expires TEXT NOT NULL,
    used TEXT,
    created_by TEXT NOT NULL
);
-- Wrong pairing codes by client address, so that guessing is cut off (admin/services/pairing.py).
CREATE TABLE IF NOT EXISTS pairing_failures (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    client TEXT NOT NULL,
    time TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pairing_failures_client ON pairing_failures(client, time);
CREATE TABLE IF NOT EXISTS admin_audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    user_name TEXT NOT NULL,
    loyalty_group TEXT,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE TRIGGER IF NOT EXISTS admin_audit_no_update BEFORE UPDATE ON admin_audit
BEGIN SELECT RAISE(ABORT, 'the admin audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS admin_audit_no_delete BEFORE DELETE ON admin_audit
BEGIN SELECT RAISE(ABORT, 'the admin audit is append-only'); END;
CREATE TABLE IF NOT EXISTS idempotency (
    terminal_id TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    status_code INTEGER,
    body BLOB,
    created TEXT NOT NULL,
    PRIMARY KEY (terminal_id, key)
);
"""

#: Columns added after the first release: (table, column, declaration). A database made before them
#: gets them at start-up (``ALTER TABLE ... ADD COLUMN``), so an existing demo or training file keeps working.
ADDED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("merchants", "daily_value_cap_minor", "INTEGER"),
    ("series", "max_load_minor", "INTEGER"),
    ("series", "max_balance_minor", "INTEGER"),
    ("series", "approval_threshold_minor", "INTEGER"),
    ("transactions", "sale_id", "TEXT"),
    ("transactions", "approved_by", "TEXT"),
    ("customers", "erased", "TEXT"),
    ("terminals", "paired", "TEXT"),
    ("terminals", "revoked", "TEXT"),
)


def add_missing_columns(conn: sqlite3.Connection) -> None:
    """Add the :data:`ADDED_COLUMNS` an older database lacks (a table not made yet is left to the schema)."""
    for table, column, declaration in ADDED_COLUMNS:
        have = {str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")}
        if have and column not in have:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")


def _upgrade(conn: sqlite3.Connection, existing: set[str]) -> None:
    """Bring data made by an earlier version to the current tables, once, in one transaction.

    - ``consents`` (one row per customer and type) becomes ``consent_history``: each old row is
      copied as one answer with no terminal (it was recorded before the terminal was kept), then the
      old table is dropped (checked inside the transaction, so two servers starting together copy once).
    - every merchant's store gets a ``stores`` row (the back office's device tree), every start.
    - ``reward_coupons`` is filled from the ledger when it is new on a database that has transactions:
      an earn's reward is its ``spend`` transaction with the reference ``reward <coupon number>``.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Stores were only columns of their merchant before the back office: each becomes a store row.
        conn.execute(
            "INSERT OR IGNORE INTO stores (loyalty_group, store, name, address) "
            "SELECT loyalty_group, store, store_name, store_address FROM merchants"
        )
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'consents'").fetchone():
            conn.execute(
                "INSERT INTO consent_history (customer_id, type, granted, version, time) "
                "SELECT customer_id, type, granted, version, time FROM consents "
                "ORDER BY time, customer_id, type"
            )
            conn.execute("DROP TABLE consents")
        if "reward_coupons" not in existing and "transactions" in existing:
            conn.execute(
                "INSERT OR IGNORE INTO reward_coupons (coupon_id, card_id, operation_id, points) "
                "SELECT c.instrument_id, t.instrument_id, t.operation_id, t.points FROM transactions t "
                "JOIN instruments card ON card.instrument_id = t.instrument_id "
                "JOIN instruments c ON c.loyalty_group = card.loyalty_group "
                "AND c.number = substr(t.reference, 8) "
                "WHERE t.type = 'spend' AND t.reference LIKE 'reward %'"
            )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class Database:
    """The server's SQLite database: schema set-up and one connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        conn = self._open()
        add_missing_columns(conn)  # before the schema: its indexes may name the new columns
        existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        conn.executescript(SCHEMA)
        _upgrade(conn, existing)
        # A request that was running when the server stopped never finished: let its retry run again.
        conn.execute("DELETE FROM idempotency WHERE state = 'in_progress'")
        conn.close()

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        return conn

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._open()
            self._local.conn = conn
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``): committed on success, rolled back on any error."""
        conn = self.connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent read snapshot (``BEGIN DEFERRED``)."""
        conn = self.connection()
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")
