"""The server's tables as SQLAlchemy metadata: one description for SQLite and PostgreSQL.

Conventions kept from the first (SQLite-only) schema, so an existing database opens unchanged:
times and dates are ISO 8601 text (``2026-11-25T10:15:00Z``, ``2026-11-25``), compared as text; flags
are integers 0/1; money is integer minor units. The Alembic migrations under
``loyalty_server/storage/migrations`` create and change these tables; this module is what the code
and the migrations' autogenerate compare against.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata = MetaData()


def _text(name: str, *args: Any, **kwargs: Any) -> Column[str]:
    return Column(name, Text, *args, **kwargs)


def _int(name: str, *args: Any, **kwargs: Any) -> Column[int]:
    return Column(name, Integer, *args, **kwargs)


loyalty_groups = Table(
    "loyalty_groups",
    metadata,
    _text("code", primary_key=True),
    _text("name", nullable=False),
)

merchants = Table(
    "merchants",
    metadata,
    _text("merchant_id", primary_key=True),
    _text("loyalty_group", ForeignKey("loyalty_groups.code"), nullable=False),
    _text("name", nullable=False),
    _int("store", nullable=False),
    _text("store_name", nullable=False),
    _text("store_address", nullable=False),
    _text("currency", nullable=False),
    _int("max_outstanding_minor", nullable=False),
    _int("max_queue_age_seconds", nullable=False),
    _int("override_hard_cap_minor", nullable=False),
    _int("daily_value_cap_minor"),
)

merchant_groups = Table(
    "merchant_groups",
    metadata,
    _text("code", primary_key=True),
    _text("loyalty_group", ForeignKey("loyalty_groups.code"), nullable=False),
    _text("name", nullable=False),
)

merchant_group_members = Table(
    "merchant_group_members",
    metadata,
    _text("group_code", ForeignKey("merchant_groups.code"), nullable=False),
    _text("merchant_id", ForeignKey("merchants.merchant_id"), nullable=False),
    PrimaryKeyConstraint("group_code", "merchant_id"),
)

terminals = Table(
    "terminals",
    metadata,
    _text("terminal_id", primary_key=True),
    _text("loyalty_group", ForeignKey("loyalty_groups.code"), nullable=False),
    _text("merchant_id", ForeignKey("merchants.merchant_id"), nullable=False),
    _int("pos", nullable=False),
    _text("token_hash", nullable=False, unique=True),
    _text("paired"),
    _text("revoked"),
)

series = Table(
    "series",
    metadata,
    _text("loyalty_group", ForeignKey("loyalty_groups.code"), nullable=False),
    _text("series_number", nullable=False),
    _text("kind", nullable=False),
    _text("description", nullable=False),
    _text("prefix", nullable=False),
    _int("length", nullable=False),
    _text("check_digit", nullable=False),
    _int("alphanumeric", nullable=False),
    _text("currency", nullable=False),
    _text("issue_mode", nullable=False),
    _text("amount_mode", nullable=False),
    _int("fixed_amount_minor"),
    _int("min_amount_minor"),
    _int("max_amount_minor"),
    _int("validity_days"),
    _text("issuer_group", nullable=False),
    _text("acceptor_group", nullable=False),
    _int("single_use"),
    _text("offline_policy", nullable=False),
    _text("offer"),
    _text("points_config"),
    _int("max_load_minor"),
    _int("max_balance_minor"),
    _int("approval_threshold_minor"),
    PrimaryKeyConstraint("loyalty_group", "series_number"),
)

customers = Table(
    "customers",
    metadata,
    _text("customer_id", primary_key=True),
    _text("loyalty_group", nullable=False),
    _text("first_name"),
    _text("last_name"),
    _text("phone"),
    _text("email"),
    _text("country"),
    _text("groups_json", nullable=False, server_default="[]"),
    _int("blocked", nullable=False, server_default="0"),
    _text("block_reason"),
    _text("created", nullable=False),
    _text("erased"),
    Index("customers_phone", "loyalty_group", "phone", unique=True),
    Index("customers_email", "loyalty_group", "email"),
)

customer_groups = Table(
    "customer_groups",
    metadata,
    _text("loyalty_group", ForeignKey("loyalty_groups.code"), nullable=False),
    _text("code", nullable=False),
    _text("name", nullable=False),
    # the merchants of this merchant group may read and change the group's customers
    _text("merchant_group", ForeignKey("merchant_groups.code"), nullable=False),
    PrimaryKeyConstraint("loyalty_group", "code"),
)

# Every consent answer ever given, append-only (a trigger refuses UPDATE and DELETE); a customer's
# current answer per type is the latest row.
consent_history = Table(
    "consent_history",
    metadata,
    _int("seq", primary_key=True, autoincrement=True),
    _text("customer_id", ForeignKey("customers.customer_id"), nullable=False),
    _text("type", nullable=False),
    _int("granted", nullable=False),
    _text("version", nullable=False),
    _text("time", nullable=False),
    _text("terminal_id"),
    _text("merchant_id"),
    _text("operation_id"),
    Index("consent_history_customer", "customer_id", "type", "seq"),
    sqlite_autoincrement=True,
)

instruments = Table(
    "instruments",
    metadata,
    _text("instrument_id", primary_key=True),
    _text("loyalty_group", nullable=False),
    _text("series_number", nullable=False),
    _text("number", nullable=False),
    _text("status", nullable=False),
    _text("status_before_block"),
    _text("block_reason"),
    _text("created", nullable=False),
    _text("start_date"),
    _text("expiry_date"),
    _text("customer_id", ForeignKey("customers.customer_id")),
    _int("original_minor", nullable=False, server_default="0"),
    _int("net_minor", nullable=False, server_default="0"),
    _int("points", nullable=False, server_default="0"),
    _int("uses_left"),
    UniqueConstraint("loyalty_group", "number"),
)

authorizations = Table(
    "authorizations",
    metadata,
    _text("auth_code", primary_key=True),
    _text("instrument_id", ForeignKey("instruments.instrument_id"), nullable=False),
    _text("terminal_id", nullable=False),
    _text("operation_id", nullable=False),
    _int("amount_minor"),
    _int("points"),
    _text("status", nullable=False),
    _text("created", nullable=False),
    _text("expires", nullable=False),
    Index("authorizations_instrument", "instrument_id", "status"),
)

transactions = Table(
    "transactions",
    metadata,
    _int("seq", primary_key=True, autoincrement=True),
    _text("instrument_id", ForeignKey("instruments.instrument_id"), nullable=False),
    _text("operation_id", nullable=False),
    _text("terminal_id", nullable=False),
    _text("merchant_id", nullable=False),
    _int("store", nullable=False),
    _int("pos", nullable=False),
    _text("type", nullable=False),
    _int("amount_minor"),
    _int("points"),
    _int("balance_after_minor"),
    _int("points_after"),
    _text("auth_code"),
    _text("reference"),
    _text("original_operation_id"),
    _text("reversed_by"),
    _text("created", nullable=False),
    _text("sale_id"),
    _text("approved_by"),
    Index("transactions_instrument", "instrument_id", "seq"),
    Index("transactions_operation", "operation_id"),
    Index("transactions_terminal", "terminal_id", "created"),
    Index("transactions_sale", "instrument_id", "sale_id"),
    sqlite_autoincrement=True,
)

sales = Table(
    "sales",
    metadata,
    _text("instrument_id", ForeignKey("instruments.instrument_id"), nullable=False),
    _text("sale_id", nullable=False),
    _text("type", nullable=False),
    _int("amount_minor", nullable=False),
    _int("reversible_minor", nullable=False),
    _text("voided_by"),
    PrimaryKeyConstraint("instrument_id", "sale_id"),
)

point_lots = Table(
    "point_lots",
    metadata,
    _int("lot_id", primary_key=True, autoincrement=True),
    _text("instrument_id", ForeignKey("instruments.instrument_id"), nullable=False),
    _text("operation_id", nullable=False),
    _int("earned", nullable=False),
    _int("remaining", nullable=False),
    _text("vests_on", nullable=False),
    _text("expires_on"),
    Index("point_lots_instrument", "instrument_id", "expires_on"),
    # a card's lots that still count (migration 0002): a spent-out lot is never read again, however
    # many years of earns a card has
    Index(
        "point_lots_live",
        "instrument_id",
        "expires_on",
        sqlite_where=text("remaining <> 0"),
        postgresql_where=text("remaining <> 0"),
    ),
    sqlite_autoincrement=True,
)

# The reward coupons an earn issued, so that a return of that sale can void the unused ones.
reward_coupons = Table(
    "reward_coupons",
    metadata,
    _text("coupon_id", ForeignKey("instruments.instrument_id"), primary_key=True),
    _text("card_id", ForeignKey("instruments.instrument_id"), nullable=False),
    _text("operation_id", nullable=False),
    _int("points", nullable=False),
    Index("reward_coupons_sale", "card_id", "operation_id"),
)

earn_lines = Table(
    "earn_lines",
    metadata,
    _text("instrument_id", ForeignKey("instruments.instrument_id"), nullable=False),
    _text("operation_id", nullable=False),
    _int("line_no", nullable=False),
    _text("product_code"),
    _int("quantity", nullable=False),
    _int("points", nullable=False),
    _int("returned_quantity", nullable=False, server_default="0"),
    _int("returned_points", nullable=False, server_default="0"),
    PrimaryKeyConstraint("instrument_id", "operation_id", "line_no"),
)

# The back office (loyalty_server/admin): the device tree above the merchants, admin accounts and
# sessions, pairing codes, and the audit of every admin change.
organisations = Table(
    "organisations",
    metadata,
    _text("loyalty_group", ForeignKey("loyalty_groups.code"), nullable=False),
    _text("code", nullable=False),
    _text("name", nullable=False),
    PrimaryKeyConstraint("loyalty_group", "code"),
)

sites = Table(
    "sites",
    metadata,
    _text("loyalty_group", ForeignKey("loyalty_groups.code"), nullable=False),
    _text("code", nullable=False),
    _text("organisation", nullable=False),
    _text("name", nullable=False),
    _text("address", nullable=False, server_default=""),
    PrimaryKeyConstraint("loyalty_group", "code"),
)

stores = Table(
    "stores",
    metadata,
    _text("loyalty_group", ForeignKey("loyalty_groups.code"), nullable=False),
    _int("store", nullable=False),
    _text("name", nullable=False),
    _text("address", nullable=False, server_default=""),
    _text("site"),
    PrimaryKeyConstraint("loyalty_group", "store"),
)

admin_users = Table(
    "admin_users",
    metadata,
    _int("user_id", primary_key=True, autoincrement=True),
    _text("name", nullable=False, unique=True),
    _text("role", nullable=False),
    # NULL: a superuser, who may work in every loyalty group
    _text("loyalty_group", ForeignKey("loyalty_groups.code")),
    _text("password_hash", nullable=False),
    _int("failed_logins", nullable=False, server_default="0"),
    _text("locked_until"),
    _text("created", nullable=False),
    CheckConstraint("role IN ('admin', 'support')", name="admin_users_role"),
    sqlite_autoincrement=True,
)

admin_sessions = Table(
    "admin_sessions",
    metadata,
    _text("token_hash", primary_key=True),
    _int("user_id", ForeignKey("admin_users.user_id"), nullable=False),
    _text("created", nullable=False),
    _text("expires", nullable=False),
)

pairing_codes = Table(
    "pairing_codes",
    metadata,
    _text("code_hash", primary_key=True),
    _text("terminal_id", ForeignKey("terminals.terminal_id"), nullable=False),
    _text("created", nullable=False),
    _text("expires", nullable=False),
    _text("used"),
    _text("created_by", nullable=False),
)

# Wrong pairing codes by client address, so that guessing is cut off (admin/services/pairing.py).
pairing_failures = Table(
    "pairing_failures",
    metadata,
    _int("seq", primary_key=True, autoincrement=True),
    _text("client", nullable=False),
    _text("time", nullable=False),
    Index("pairing_failures_client", "client", "time"),
    sqlite_autoincrement=True,
)

# Append-only (a trigger refuses UPDATE and DELETE).
admin_audit = Table(
    "admin_audit",
    metadata,
    _int("seq", primary_key=True, autoincrement=True),
    _text("time", nullable=False),
    _text("user_name", nullable=False),
    _text("loyalty_group"),
    _text("action", nullable=False),
    _text("target", nullable=False),
    _text("before_json"),
    _text("after_json"),
    sqlite_autoincrement=True,
)

idempotency = Table(
    "idempotency",
    metadata,
    _text("terminal_id", nullable=False),
    _text("key", nullable=False),
    _text("request_hash", nullable=False),
    _text("state", nullable=False),
    _int("status_code"),
    Column("body", LargeBinary),
    _text("created", nullable=False),
    PrimaryKeyConstraint("terminal_id", "key"),
)

# The last number handed out per kind of id (``instrument`` -> ``I-000123``); bumped in the writing
# transaction (``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``), so ids stay unique across workers.
id_counters = Table(
    "id_counters",
    metadata,
    _text("name", primary_key=True),
    _int("value", nullable=False),
)
