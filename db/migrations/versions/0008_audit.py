"""the append-only audit trail

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 18:10:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import carma_logistiek.db.models
from carma_logistiek.db import append_only

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LedgerId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    # The zone column has no foreign key yet: 0009 creates the zones table and adds it (and
    # must re-create the triggers below when it rebuilds audit_entries on SQLite).
    op.create_table('audit_entries',
    sa.Column('id', LedgerId, autoincrement=True, nullable=False),
    sa.Column('zone', sa.Unicode(length=16), nullable=False, server_default='CARMA'),
    sa.Column('at', carma_logistiek.db.models.UTCDateTime(), nullable=False),
    sa.Column('actor', sa.Unicode(length=64), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.Unicode(length=64), nullable=False),
    sa.Column('kind', sa.Unicode(length=12), nullable=False),
    sa.Column('request', sa.Unicode(), nullable=False),
    sa.Column('outcome', sa.Unicode(length=40), nullable=False),
    sa.Column('summary', sa.Unicode(length=500), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_zone'), ['zone'], unique=False)

    op.create_table('audit_records',
    sa.Column('id', LedgerId, autoincrement=True, nullable=False),
    sa.Column('entry_id', LedgerId, nullable=False),
    sa.Column('record_kind', sa.Unicode(length=40), nullable=False),
    sa.Column('record_key', sa.Unicode(length=200), nullable=False),
    sa.Column('before', sa.Unicode(), nullable=True),
    sa.Column('after', sa.Unicode(), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['audit_entries.id'], name=op.f('fk_audit_records_entry_id_audit_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_records'))
    )
    with op.batch_alter_table('audit_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_records_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index('ix_audit_records_record', ['record_kind', 'record_key'], unique=False)

    append_only.create_triggers(op)


def downgrade() -> None:
    append_only.drop_triggers(op)
    append_only.drop_function(op)
    with op.batch_alter_table('audit_records', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_records_record')
        batch_op.drop_index(batch_op.f('ix_audit_records_entry_id'))

    op.drop_table('audit_records')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_zone'))
        batch_op.drop_index(batch_op.f('ix_audit_entries_at'))

    op.drop_table('audit_entries')
