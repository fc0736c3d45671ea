"""SQLite files made before the schema moved to Alembic: brought to the baseline, then stamped.

Such a file has the server's tables but no ``alembic_version``. What the first release did at every
start is done here once, inside the migration's transaction:

- columns added after the first release (:data:`ADDED_COLUMNS`) are added;
- tables that did not exist yet are created (from the schema, with their indexes and triggers);
- ``consents`` (one row per customer and type) becomes ``consent_history``: each old row is copied as
  one answer with no terminal (it was recorded before the terminal was kept), then dropped;
- every merchant's store gets a ``stores`` row (the back office's device tree);
- ``reward_coupons`` is filled from the ledger when it is new on a database that has transactions:
  an earn's reward is its ``spend`` transaction with the reference ``reward <coupon number>``;
- the instrument id counter starts after the highest ``I-000123`` already given.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from loyalty_server.storage.schema import metadata

#: Columns added after the first release: (table, column, declaration).
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

_TRIGGERS = {"consent_history": "consent history", "admin_audit": "the admin audit"}


def is_legacy(conn: Connection, tables: set[str]) -> bool:
    """An SQLite database with the server's tables and no Alembic version."""
    return conn.dialect.name == "sqlite" and "instruments" in tables and "alembic_version" not in tables


def bring_to_baseline(conn: Connection, tables: set[str]) -> None:
    """Make a pre-Alembic SQLite database match revision 0001 (the caller stamps it)."""
    for table, column, declaration in ADDED_COLUMNS:
        have = {str(r[1]) for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
        if have and column not in have:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
    metadata.create_all(conn, checkfirst=True)
    for table, label in _TRIGGERS.items():
        for action in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{label} is append-only'); END"
            )
    conn.execute(
        text(
            "INSERT INTO stores (loyalty_group, store, name, address) "
            "SELECT loyalty_group, store, store_name, store_address FROM merchants WHERE true "
            "ON CONFLICT DO NOTHING"
        )
    )
    if "consents" in tables:
        conn.execute(
            text(
                "INSERT INTO consent_history (customer_id, type, granted, version, time) "
                "SELECT customer_id, type, granted, version, time FROM consents "
                "ORDER BY time, customer_id, type"
            )
        )
        conn.exec_driver_sql("DROP TABLE consents")
    if "reward_coupons" not in tables and "transactions" in tables:
        conn.execute(
            text(
                "INSERT INTO reward_coupons (coupon_id, card_id, operation_id, points) "
                "SELECT c.instrument_id, t.instrument_id, t.operation_id, t.points FROM transactions t "
                "JOIN instruments card ON card.instrument_id = t.instrument_id "
                "JOIN instruments c ON c.loyalty_group = card.loyalty_group "
                "AND c.number = substr(t.reference, 8) "
                "WHERE t.type = 'spend' AND t.reference LIKE 'reward %' "
                "ON CONFLICT DO NOTHING"
            )
        )
    conn.execute(
        text(
            "INSERT INTO id_counters (name, value) "
            "SELECT 'instrument', COALESCE(MAX(rowid), 0) FROM instruments WHERE true "
            "ON CONFLICT DO NOTHING"
        )
    )
