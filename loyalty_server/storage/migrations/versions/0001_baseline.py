"""Baseline: the schema of the first release, now described in loyalty_server/storage/schema.py.

An SQLite file made before Alembic (no ``alembic_version`` table) is brought to this shape by
:mod:`loyalty_server.storage.legacy` and stamped with this revision instead of running it.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The append-only tables and how their refusal names them.
APPEND_ONLY = {"consent_history": "consent history", "admin_audit": "the admin audit"}


def upgrade() -> None:
    _create_tables()
    create_append_only_triggers()


def downgrade() -> None:
    drop_append_only_triggers()
    _drop_tables()


def create_append_only_triggers() -> None:
    """UPDATE and DELETE refused on the append-only tables, on either engine."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION '% is append-only', TG_ARGV[0]; END $$"
        )
    for table, label in APPEND_ONLY.items():
        for action in ("update", "delete"):
            name = f"{table}_no_{action}"
            if op.get_bind().dialect.name == "postgresql":
                op.execute(
                    f"CREATE TRIGGER {name} BEFORE {action.upper()} ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION refuse_change('{label}')"
                )
            else:
                op.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {action.upper()} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{label} is append-only'); END"
                )


def drop_append_only_triggers() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in APPEND_ONLY:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}" + (f" ON {table}" if postgresql else ""))
    if postgresql:
        op.execute("DROP FUNCTION IF EXISTS refuse_change()")


def _create_tables() -> None:
    op.create_table(
        "admin_audit",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("time", sa.Text(), nullable=False),
        sa.Column("user_name", sa.Text(), nullable=False),
        sa.Column("loyalty_group", sa.Text(), nullable=True),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("before_json", sa.Text(), nullable=True),
        sa.Column("after_json", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("seq"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "customers",
        sa.Column("customer_id", sa.Text(), nullable=False),
        sa.Column("loyalty_group", sa.Text(), nullable=False),
        sa.Column("first_name", sa.Text(), nullable=True),
        sa.Column("last_name", sa.Text(), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("groups_json", sa.Text(), server_default="[]", nullable=False),
        sa.Column("blocked", sa.Integer(), server_default="0", nullable=False),
        sa.Column("block_reason", sa.Text(), nullable=True),
        sa.Column("created", sa.Text(), nullable=False),
        sa.Column("erased", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("customer_id"),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index("customers_email", ["loyalty_group", "email"], unique=False)
        batch_op.create_index("customers_phone", ["loyalty_group", "phone"], unique=True)

    op.create_table(
        "id_counters",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "idempotency",
        sa.Column("terminal_id", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("request_hash", sa.Text(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=True),
        sa.Column("created", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("terminal_id", "key"),
    )
    op.create_table(
        "loyalty_groups",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "pairing_failures",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("client", sa.Text(), nullable=False),
        sa.Column("time", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("pairing_failures", schema=None) as batch_op:
        batch_op.create_index("pairing_failures_client", ["client", "time"], unique=False)

    op.create_table(
        "admin_users",
        sa.Column("user_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("loyalty_group", sa.Text(), nullable=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", sa.Text(), nullable=True),
        sa.Column("created", sa.Text(), nullable=False),
        sa.CheckConstraint("role IN ('admin', 'support')", name="admin_users_role"),
        sa.ForeignKeyConstraint(
            ["loyalty_group"],
            ["loyalty_groups.code"],
        ),
        sa.PrimaryKeyConstraint("user_id"),
        sa.UniqueConstraint("name"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "consent_history",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("customer_id", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("granted", sa.Integer(), nullable=False),
        sa.Column("version", sa.Text(), nullable=False),
        sa.Column("time", sa.Text(), nullable=False),
        sa.Column("terminal_id", sa.Text(), nullable=True),
        sa.Column("merchant_id", sa.Text(), nullable=True),
        sa.Column("operation_id", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.customer_id"],
        ),
        sa.PrimaryKeyConstraint("seq"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("consent_history", schema=None) as batch_op:
        batch_op.create_index("consent_history_customer", ["customer_id", "type", "seq"], unique=False)

    op.create_table(
        "instruments",
        sa.Column("instrument_id", sa.Text(), nullable=False),
        sa.Column("loyalty_group", sa.Text(), nullable=False),
        sa.Column("series_number", sa.Text(), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("status_before_block", sa.Text(), nullable=True),
        sa.Column("block_reason", sa.Text(), nullable=True),
        sa.Column("created", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Text(), nullable=True),
        sa.Column("expiry_date", sa.Text(), nullable=True),
        sa.Column("customer_id", sa.Text(), nullable=True),
        sa.Column("original_minor", sa.Integer(), server_default="0", nullable=False),
        sa.Column("net_minor", sa.Integer(), server_default="0", nullable=False),
        sa.Column("points", sa.Integer(), server_default="0", nullable=False),
        sa.Column("uses_left", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.customer_id"],
        ),
        sa.PrimaryKeyConstraint("instrument_id"),
        sa.UniqueConstraint("loyalty_group", "number"),
    )
    op.create_table(
        "merchant_groups",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("loyalty_group", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["loyalty_group"],
            ["loyalty_groups.code"],
        ),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "merchants",
        sa.Column("merchant_id", sa.Text(), nullable=False),
        sa.Column("loyalty_group", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("store", sa.Integer(), nullable=False),
        sa.Column("store_name", sa.Text(), nullable=False),
        sa.Column("store_address", sa.Text(), nullable=False),
        sa.Column("currency", sa.Text(), nullable=False),
        sa.Column("max_outstanding_minor", sa.Integer(), nullable=False),
        sa.Column("max_queue_age_seconds", sa.Integer(), nullable=False),
        sa.Column("override_hard_cap_minor", sa.Integer(), nullable=False),
        sa.Column("daily_value_cap_minor", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["loyalty_group"],
            ["loyalty_groups.code"],
        ),
        sa.PrimaryKeyConstraint("merchant_id"),
    )
    op.create_table(
        "organisations",
        sa.Column("loyalty_group", sa.Text(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["loyalty_group"],
            ["loyalty_groups.code"],
        ),
        sa.PrimaryKeyConstraint("loyalty_group", "code"),
    )
    op.create_table(
        "series",
        sa.Column("loyalty_group", sa.Text(), nullable=False),
        sa.Column("series_number", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("prefix", sa.Text(), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("check_digit", sa.Text(), nullable=False),
        sa.Column("alphanumeric", sa.Integer(), nullable=False),
        sa.Column("currency", sa.Text(), nullable=False),
        sa.Column("issue_mode", sa.Text(), nullable=False),
        sa.Column("amount_mode", sa.Text(), nullable=False),
        sa.Column("fixed_amount_minor", sa.Integer(), nullable=True),
        sa.Column("min_amount_minor", sa.Integer(), nullable=True),
        sa.Column("max_amount_minor", sa.Integer(), nullable=True),
        sa.Column("validity_days", sa.Integer(), nullable=True),
        sa.Column("issuer_group", sa.Text(), nullable=False),
        sa.Column("acceptor_group", sa.Text(), nullable=False),
        sa.Column("single_use", sa.Integer(), nullable=True),
        sa.Column("offline_policy", sa.Text(), nullable=False),
        sa.Column("offer", sa.Text(), nullable=True),
        sa.Column("points_config", sa.Text(), nullable=True),
        sa.Column("max_load_minor", sa.Integer(), nullable=True),
        sa.Column("max_balance_minor", sa.Integer(), nullable=True),
        sa.Column("approval_threshold_minor", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["loyalty_group"],
            ["loyalty_groups.code"],
        ),
        sa.PrimaryKeyConstraint("loyalty_group", "series_number"),
    )
    op.create_table(
        "sites",
        sa.Column("loyalty_group", sa.Text(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["loyalty_group"],
            ["loyalty_groups.code"],
        ),
        sa.PrimaryKeyConstraint("loyalty_group", "code"),
    )
    op.create_table(
        "stores",
        sa.Column("loyalty_group", sa.Text(), nullable=False),
        sa.Column("store", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), server_default="", nullable=False),
        sa.Column("site", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["loyalty_group"],
            ["loyalty_groups.code"],
        ),
        sa.PrimaryKeyConstraint("loyalty_group", "store"),
    )
    op.create_table(
        "admin_sessions",
        sa.Column("token_hash", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created", sa.Text(), nullable=False),
        sa.Column("expires", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["admin_users.user_id"],
        ),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_table(
        "authorizations",
        sa.Column("auth_code", sa.Text(), nullable=False),
        sa.Column("instrument_id", sa.Text(), nullable=False),
        sa.Column("terminal_id", sa.Text(), nullable=False),
        sa.Column("operation_id", sa.Text(), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=True),
        sa.Column("points", sa.Integer(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("created", sa.Text(), nullable=False),
        sa.Column("expires", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["instruments.instrument_id"],
        ),
        sa.PrimaryKeyConstraint("auth_code"),
    )
    with op.batch_alter_table("authorizations", schema=None) as batch_op:
        batch_op.create_index("authorizations_instrument", ["instrument_id", "status"], unique=False)

    op.create_table(
        "customer_groups",
        sa.Column("loyalty_group", sa.Text(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("merchant_group", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["loyalty_group"],
            ["loyalty_groups.code"],
        ),
        sa.ForeignKeyConstraint(
            ["merchant_group"],
            ["merchant_groups.code"],
        ),
        sa.PrimaryKeyConstraint("loyalty_group", "code"),
    )
    op.create_table(
        "earn_lines",
        sa.Column("instrument_id", sa.Text(), nullable=False),
        sa.Column("operation_id", sa.Text(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_code", sa.Text(), nullable=True),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("returned_quantity", sa.Integer(), server_default="0", nullable=False),
        sa.Column("returned_points", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["instruments.instrument_id"],
        ),
        sa.PrimaryKeyConstraint("instrument_id", "operation_id", "line_no"),
    )
    op.create_table(
        "merchant_group_members",
        sa.Column("group_code", sa.Text(), nullable=False),
        sa.Column("merchant_id", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_code"],
            ["merchant_groups.code"],
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.merchant_id"],
        ),
        sa.PrimaryKeyConstraint("group_code", "merchant_id"),
    )
    op.create_table(
        "point_lots",
        sa.Column("lot_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("instrument_id", sa.Text(), nullable=False),
        sa.Column("operation_id", sa.Text(), nullable=False),
        sa.Column("earned", sa.Integer(), nullable=False),
        sa.Column("remaining", sa.Integer(), nullable=False),
        sa.Column("vests_on", sa.Text(), nullable=False),
        sa.Column("expires_on", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["instruments.instrument_id"],
        ),
        sa.PrimaryKeyConstraint("lot_id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("point_lots", schema=None) as batch_op:
        batch_op.create_index("point_lots_instrument", ["instrument_id", "expires_on"], unique=False)

    op.create_table(
        "reward_coupons",
        sa.Column("coupon_id", sa.Text(), nullable=False),
        sa.Column("card_id", sa.Text(), nullable=False),
        sa.Column("operation_id", sa.Text(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["card_id"],
            ["instruments.instrument_id"],
        ),
        sa.ForeignKeyConstraint(
            ["coupon_id"],
            ["instruments.instrument_id"],
        ),
        sa.PrimaryKeyConstraint("coupon_id"),
    )
    with op.batch_alter_table("reward_coupons", schema=None) as batch_op:
        batch_op.create_index("reward_coupons_sale", ["card_id", "operation_id"], unique=False)

    op.create_table(
        "sales",
        sa.Column("instrument_id", sa.Text(), nullable=False),
        sa.Column("sale_id", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("reversible_minor", sa.Integer(), nullable=False),
        sa.Column("voided_by", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["instruments.instrument_id"],
        ),
        sa.PrimaryKeyConstraint("instrument_id", "sale_id"),
    )
    op.create_table(
        "terminals",
        sa.Column("terminal_id", sa.Text(), nullable=False),
        sa.Column("loyalty_group", sa.Text(), nullable=False),
        sa.Column("merchant_id", sa.Text(), nullable=False),
        sa.Column("pos", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.Text(), nullable=False),
        sa.Column("paired", sa.Text(), nullable=True),
        sa.Column("revoked", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["loyalty_group"],
            ["loyalty_groups.code"],
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.merchant_id"],
        ),
        sa.PrimaryKeyConstraint("terminal_id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "transactions",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("instrument_id", sa.Text(), nullable=False),
        sa.Column("operation_id", sa.Text(), nullable=False),
        sa.Column("terminal_id", sa.Text(), nullable=False),
        sa.Column("merchant_id", sa.Text(), nullable=False),
        sa.Column("store", sa.Integer(), nullable=False),
        sa.Column("pos", sa.Integer(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=True),
        sa.Column("points", sa.Integer(), nullable=True),
        sa.Column("balance_after_minor", sa.Integer(), nullable=True),
        sa.Column("points_after", sa.Integer(), nullable=True),
        sa.Column("auth_code", sa.Text(), nullable=True),
        sa.Column("reference", sa.Text(), nullable=True),
        sa.Column("original_operation_id", sa.Text(), nullable=True),
        sa.Column("reversed_by", sa.Text(), nullable=True),
        sa.Column("created", sa.Text(), nullable=False),
        sa.Column("sale_id", sa.Text(), nullable=True),
        sa.Column("approved_by", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["instruments.instrument_id"],
        ),
        sa.PrimaryKeyConstraint("seq"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.create_index("transactions_instrument", ["instrument_id", "seq"], unique=False)
        batch_op.create_index("transactions_operation", ["operation_id"], unique=False)
        batch_op.create_index("transactions_sale", ["instrument_id", "sale_id"], unique=False)
        batch_op.create_index("transactions_terminal", ["terminal_id", "created"], unique=False)

    op.create_table(
        "pairing_codes",
        sa.Column("code_hash", sa.Text(), nullable=False),
        sa.Column("terminal_id", sa.Text(), nullable=False),
        sa.Column("created", sa.Text(), nullable=False),
        sa.Column("expires", sa.Text(), nullable=False),
        sa.Column("used", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["terminal_id"],
            ["terminals.terminal_id"],
        ),
        sa.PrimaryKeyConstraint("code_hash"),
    )


def _drop_tables() -> None:
    op.drop_table("pairing_codes")
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.drop_index("transactions_terminal")
        batch_op.drop_index("transactions_sale")
        batch_op.drop_index("transactions_operation")
        batch_op.drop_index("transactions_instrument")

    op.drop_table("transactions")
    op.drop_table("terminals")
    op.drop_table("sales")
    with op.batch_alter_table("reward_coupons", schema=None) as batch_op:
        batch_op.drop_index("reward_coupons_sale")

    op.drop_table("reward_coupons")
    with op.batch_alter_table("point_lots", schema=None) as batch_op:
        batch_op.drop_index("point_lots_instrument")

    op.drop_table("point_lots")
    op.drop_table("merchant_group_members")
    op.drop_table("earn_lines")
    op.drop_table("customer_groups")
    with op.batch_alter_table("authorizations", schema=None) as batch_op:
        batch_op.drop_index("authorizations_instrument")

    op.drop_table("authorizations")
    op.drop_table("admin_sessions")
    op.drop_table("stores")
    op.drop_table("sites")
    op.drop_table("series")
    op.drop_table("organisations")
    op.drop_table("merchants")
    op.drop_table("merchant_groups")
    op.drop_table("instruments")
    with op.batch_alter_table("consent_history", schema=None) as batch_op:
        batch_op.drop_index("consent_history_customer")

    op.drop_table("consent_history")
    op.drop_table("admin_users")
    with op.batch_alter_table("pairing_failures", schema=None) as batch_op:
        batch_op.drop_index("pairing_failures_client")

    op.drop_table("pairing_failures")
    op.drop_table("loyalty_groups")
    op.drop_table("idempotency")
    op.drop_table("id_counters")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index("customers_phone")
        batch_op.drop_index("customers_email")

    op.drop_table("customers")
    op.drop_table("admin_audit")
