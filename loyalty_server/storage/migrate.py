"""Bring a database to the current schema at server start (Alembic ``upgrade head``).

One transaction holds the whole step: on PostgreSQL an advisory lock makes a second server starting at
the same moment wait and then find nothing to do; on SQLite the transaction is ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect, text

from loyalty_server.storage import legacy

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE = "0001"
#: The advisory lock key of the migration step (any constant; "loyalty" in ASCII).
_LOCK_KEY = 0x6C6F79616C7479


def alembic_config() -> Config:
    """Alembic's configuration, without an ini file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine) -> None:
    """Migrate the database of ``engine`` to the newest revision (a pre-Alembic SQLite file is stamped)."""
    with engine.connect().execution_options(loyalty_write=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        tables = set(inspect(conn).get_table_names())
        config = alembic_config()
        config.attributes["connection"] = conn
        if legacy.is_legacy(conn, tables):
            legacy.bring_to_baseline(conn, tables)
            command.stamp(config, BASELINE)
        command.upgrade(config, "head")
