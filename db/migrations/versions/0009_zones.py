"""zones: every root record belongs to one, codes are unique within it

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 18:10:00

The zone is on the root records only (a lot, a ledger line, a kit's contents are reached
through their zoned product, booking or kit). Existing rows are PZ CARMA's: the column's server
default. Codes, order numbers, idempotency keys and GTINs become unique per zone: two zones on
one server may use the same codes and sell the same EAN.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from alembic import context, op

import carma_logistiek.db.models

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> (old unique constraint, its columns, new unique constraint); "pk" for a primary key.
_PER_ZONE: dict[str, tuple[str, tuple[str, ...], str]] = {
    'locations': ('uq_locations_code', ('code',), 'uq_locations_zone_code'),
    'products': ('uq_products_code', ('code',), 'uq_products_zone_code'),
    'product_gtins': ('pk', ('gtin',), 'pk_product_gtins'),
    'suppliers': ('uq_suppliers_code', ('code',), 'uq_suppliers_zone_code'),
    'kit_types': ('uq_kit_types_code', ('code',), 'uq_kit_types_zone_code'),
    'kits': ('uq_kits_code', ('code',), 'uq_kits_zone_code'),
    'purchase_orders': ('uq_purchase_orders_number', ('number',), 'uq_purchase_orders_zone_number'),
    'bookings': ('uq_bookings_idempotency_key', ('idempotency_key',),
                 'uq_bookings_zone_idempotency_key'),
    'kit_checks': ('uq_kit_checks_idempotency_key', ('idempotency_key',),
                   'uq_kit_checks_zone_idempotency_key'),
    'sequences': ('pk', ('name',), 'pk_sequences'),
}
# The ledger's lines carry their booking's zone too, so a report over the ledger alone (the
# whole zone's consumption) is one zone's. No index: a zone is no way into the ledger.
_LEDGER = 'stock_movements'
# Tables of 0006-0008 that were made with their zone column (no foreign key: zones did not
# exist yet).
_ZONED_EARLIER = ('staff_members', 'audit_entries')


@contextmanager
def _batch(table: str) -> Iterator[Any]:
    """``batch_alter_table`` that keeps the table's triggers: SQLite rebuilds the table, and
    a rebuilt table has lost its triggers (the audit trail's append-only guard)."""
    triggers: list[str] = []
    bind = None if context.is_offline_mode() else op.get_bind()
    if bind is not None and bind.dialect.name == 'sqlite':
        triggers = [row[0] for row in bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,))]
    with op.batch_alter_table(table, schema=None) as batch_op:
        yield batch_op
    if bind is not None:
        for trigger in triggers:
            if not bind.exec_driver_sql(
                    "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND sql = ?",
                    (trigger,)).first():
                bind.exec_driver_sql(trigger)


def upgrade() -> None:
    op.create_table('zones',
    sa.Column('code', sa.Unicode(length=16), nullable=False),
    sa.Column('name', sa.Unicode(length=120), nullable=False),
    sa.Column('created_at', carma_logistiek.db.models.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_zones'))
    )
    op.execute("INSERT INTO zones (code, name, created_at) "
               "VALUES ('CARMA', 'PZ CARMA', CURRENT_TIMESTAMP)")

    for table, (old, columns, new) in _PER_ZONE.items():
        with _batch(table) as batch_op:
            batch_op.add_column(sa.Column('zone', sa.Unicode(length=16), nullable=False,
                                          server_default='CARMA'))
            batch_op.create_index(batch_op.f(f'ix_{table}_zone'), ['zone'], unique=False)
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_zone_zones'), 'zones',
                                        ['zone'], ['code'])
            if old == 'pk':
                batch_op.drop_constraint(new, type_='primary')
                batch_op.create_primary_key(new, ['zone', *columns])
            else:
                batch_op.drop_constraint(old, type_='unique')
                batch_op.create_unique_constraint(new, ['zone', *columns])
            if table == 'products':
                # The main barcode: unique per zone where present (SQL Server: see 0001).
                batch_op.drop_index('uq_products_gtin')
                batch_op.create_index('uq_products_gtin', ['zone', 'gtin'], unique=True,
                                      mssql_where=sa.text('gtin IS NOT NULL'))

    with _batch(_LEDGER) as batch_op:
        batch_op.add_column(sa.Column('zone', sa.Unicode(length=16), nullable=False,
                                      server_default='CARMA'))
        batch_op.create_foreign_key(batch_op.f(f'fk_{_LEDGER}_zone_zones'), 'zones',
                                    ['zone'], ['code'])

    for table in _ZONED_EARLIER:
        with _batch(table) as batch_op:
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_zone_zones'), 'zones',
                                        ['zone'], ['code'])


def downgrade() -> None:
    for table in reversed(_ZONED_EARLIER):
        with _batch(table) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_zone_zones'), type_='foreignkey')

    with _batch(_LEDGER) as batch_op:
        batch_op.drop_constraint(batch_op.f(f'fk_{_LEDGER}_zone_zones'), type_='foreignkey')
        batch_op.drop_column('zone', mssql_drop_default=True)

    for table, (old, columns, new) in reversed(_PER_ZONE.items()):
        # Back to one zone: with another zone's rows the old, global constraints refuse.
        with _batch(table) as batch_op:
            if table == 'products':
                batch_op.drop_index('uq_products_gtin')
                batch_op.create_index('uq_products_gtin', ['gtin'], unique=True,
                                      mssql_where=sa.text('gtin IS NOT NULL'))
            if old == 'pk':
                batch_op.drop_constraint(new, type_='primary')
                batch_op.create_primary_key(new, list(columns))
            else:
                batch_op.drop_constraint(new, type_='unique')
                batch_op.create_unique_constraint(old, list(columns))
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_zone_zones'), type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_{table}_zone'))
            batch_op.drop_column('zone', mssql_drop_default=True)

    op.drop_table('zones')
