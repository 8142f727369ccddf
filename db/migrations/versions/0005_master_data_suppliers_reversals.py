"""master data: suppliers and what they sell, several GTINs, product photos, shelf life,
maximums; storno pointers on bookings and ledger lines

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 14:57:37.881258
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import carma_logistiek.db.models

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('suppliers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.Unicode(length=32), nullable=False),
    sa.Column('name', sa.Unicode(length=120), nullable=False),
    sa.Column('contact', sa.Unicode(length=120), nullable=False),
    sa.Column('email', sa.Unicode(length=254), nullable=False),
    sa.Column('phone', sa.Unicode(length=40), nullable=False),
    sa.Column('customer_number', sa.Unicode(length=40), nullable=False),
    sa.Column('lead_time_days', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Unicode(length=2000), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', carma_logistiek.db.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Unicode(length=64), nullable=False),
    sa.CheckConstraint('lead_time_days IS NULL OR lead_time_days >= 0', name=op.f('ck_suppliers_lead_time_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suppliers')),
    sa.UniqueConstraint('code', name=op.f('uq_suppliers_code'))
    )
    op.create_table('product_gtins',
    sa.Column('gtin', sa.Unicode(length=14), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_gtins_product_id_products')),
    sa.PrimaryKeyConstraint('gtin', name=op.f('pk_product_gtins'))
    )
    with op.batch_alter_table('product_gtins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_gtins_product_id'), ['product_id'], unique=False)

    op.create_table('product_photos',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('mime_type', sa.Unicode(length=40), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('updated_at', carma_logistiek.db.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Unicode(length=64), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_photos_product_id_products')),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_product_photos'))
    )
    op.create_table('product_suppliers',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.Unicode(length=64), nullable=False),
    sa.Column('pack_size', sa.Integer(), nullable=False),
    sa.Column('preferred', sa.Boolean(), nullable=False),
    sa.CheckConstraint('pack_size > 0', name=op.f('ck_product_suppliers_pack_size_positive')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_suppliers_product_id_products')),
    sa.ForeignKeyConstraint(['supplier_id'], ['suppliers.id'], name=op.f('fk_product_suppliers_supplier_id_suppliers')),
    sa.PrimaryKeyConstraint('product_id', 'supplier_id', name=op.f('pk_product_suppliers'))
    )
    with op.batch_alter_table('product_suppliers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_suppliers_supplier_id'), ['supplier_id'], unique=False)

    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reverses_booking_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True))
        # Unique where present; SQL Server counts NULLs as equal, hence its WHERE.
        batch_op.create_index('uq_bookings_reverses', ['reverses_booking_id'], unique=True,
                              mssql_where=sa.text('reverses_booking_id IS NOT NULL'))
        batch_op.create_foreign_key(batch_op.f('fk_bookings_reverses_booking_id_bookings'), 'bookings', ['reverses_booking_id'], ['id'])

    with op.batch_alter_table('product_minimums', schema=None) as batch_op:
        batch_op.add_column(sa.Column('maximum', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(op.f('ck_product_minimums_maximum_not_below_minimum'),
                                         'maximum IS NULL OR maximum >= minimum')

    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shelf_life_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('notes', sa.Unicode(length=2000), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('retired_at', carma_logistiek.db.models.UTCDateTime(), nullable=True))

    # Every GTIN a product had (one, in products.gtin) becomes its first product_gtins row.
    op.execute("INSERT INTO product_gtins (gtin, product_id) "
               "SELECT gtin, id FROM products WHERE gtin IS NOT NULL")

    with op.batch_alter_table('purchase_orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supplier_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_purchase_orders_supplier_id'), ['supplier_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_purchase_orders_supplier_id_suppliers'), 'suppliers', ['supplier_id'], ['id'])

    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reverses_movement_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True))
        batch_op.create_index('uq_stock_movements_reverses', ['reverses_movement_id'], unique=True,
                              mssql_where=sa.text('reverses_movement_id IS NOT NULL'))
        batch_op.create_foreign_key(batch_op.f('fk_stock_movements_reverses_movement_id_stock_movements'), 'stock_movements', ['reverses_movement_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_stock_movements_reverses_movement_id_stock_movements'), type_='foreignkey')
        batch_op.drop_index('uq_stock_movements_reverses')
        batch_op.drop_column('reverses_movement_id')

    with op.batch_alter_table('purchase_orders', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_purchase_orders_supplier_id_suppliers'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_purchase_orders_supplier_id'))
        batch_op.drop_column('supplier_id')

    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_column('retired_at')
        batch_op.drop_column('notes')
        batch_op.drop_column('shelf_life_days')

    with op.batch_alter_table('product_minimums', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_product_minimums_maximum_not_below_minimum'), type_='check')
        batch_op.drop_column('maximum')

    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_bookings_reverses_booking_id_bookings'), type_='foreignkey')
        batch_op.drop_index('uq_bookings_reverses')
        batch_op.drop_column('reverses_booking_id')

    with op.batch_alter_table('product_suppliers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_suppliers_supplier_id'))

    op.drop_table('product_suppliers')
    op.drop_table('product_photos')
    with op.batch_alter_table('product_gtins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_gtins_product_id'))

    op.drop_table('product_gtins')
    op.drop_table('suppliers')
