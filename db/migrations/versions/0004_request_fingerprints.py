"""request fingerprints: an idempotency key names one request; levels after each line

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 08:30:00.000000
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: rows written before this revision have no fingerprint (they replay as before)
    # and no level_after (the ledger up to the line gives it).
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('request_hash', sa.Unicode(length=64), nullable=True))
        batch_op.add_column(sa.Column('command', sa.Unicode(length=64), nullable=True))
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('level_after', sa.Integer(), nullable=True))
    with op.batch_alter_table('kit_checks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('request_hash', sa.Unicode(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('kit_checks', schema=None) as batch_op:
        batch_op.drop_column('request_hash')
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.drop_column('level_after')
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_column('command')
        batch_op.drop_column('request_hash')
