"""the staff register (personeel) and their dated states

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 18:10:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import carma_logistiek.db.models

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The zone column has no foreign key yet: 0009 creates the zones table and adds it.
    op.create_table('staff_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('zone', sa.Unicode(length=16), nullable=False, server_default='CARMA'),
    sa.Column('number', sa.Unicode(length=16), nullable=False),
    sa.Column('first_name', sa.Unicode(length=80), nullable=False),
    sa.Column('last_name', sa.Unicode(length=80), nullable=False),
    sa.Column('grade', sa.Unicode(length=40), nullable=False),
    sa.Column('kind', sa.Unicode(length=12), nullable=False),
    sa.Column('team', sa.Unicode(length=80), nullable=False),
    sa.Column('email', sa.Unicode(length=254), nullable=False),
    sa.Column('created_at', carma_logistiek.db.models.UTCDateTime(), nullable=False),
    sa.Column('updated_at', carma_logistiek.db.models.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_members')),
    sa.UniqueConstraint('zone', 'number', name='uq_staff_members_zone_number')
    )
    with op.batch_alter_table('staff_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_members_zone'), ['zone'], unique=False)

    op.create_table('staff_states',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Unicode(length=24), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Unicode(length=500), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_members.id'], name=op.f('fk_staff_states_staff_id_staff_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_states'))
    )
    with op.batch_alter_table('staff_states', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_states_staff_id'), ['staff_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('staff_states', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_states_staff_id'))

    op.drop_table('staff_states')
    with op.batch_alter_table('staff_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_members_zone'))

    op.drop_table('staff_members')
