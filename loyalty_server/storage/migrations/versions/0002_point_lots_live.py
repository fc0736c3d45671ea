"""An index of the point lots that still count (``remaining <> 0``), per card.

Every earn, spend and balance read sums a card's lots; without it each read went through all of the
card's lots ever earned, spent-out ones included, so a card got slower with every visit.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "point_lots_live",
        "point_lots",
        ["instrument_id", "expires_on"],
        sqlite_where=sa.text("remaining <> 0"),
        postgresql_where=sa.text("remaining <> 0"),
        # an SQLite file from before the migrations gets the whole current schema, this index with it
        # (loyalty_server.storage.legacy), and is then stamped at the baseline
        if_not_exists=True,
    )


def downgrade() -> None:
    op.drop_index("point_lots_live", table_name="point_lots", if_exists=True)
