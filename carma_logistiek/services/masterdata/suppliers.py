"""Suppliers: who the zone buys from, our customer number there and their lead time."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from carma_logistiek.db.models import Product, ProductSupplier, Supplier
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import DuplicateCode
from carma_logistiek.domain.masterdata import clean_email, clean_lead_time, clean_name
from carma_logistiek.domain.text import natural_key
from carma_logistiek.services.command import Tx, read, write
from carma_logistiek.services.lookups import require_valid_code
from carma_logistiek.services.masterdata.products import supplier_by_code
from carma_logistiek.services.masterdata.rows import SupplierRow, SupplierValues


def _apply(supplier: Supplier, values: SupplierValues) -> None:
    supplier.name = clean_name(values.name)
    supplier.contact = values.contact.strip()
    supplier.email = clean_email(values.email)
    supplier.phone = values.phone.strip()
    supplier.customer_number = values.customer_number.strip()
    supplier.lead_time_days = clean_lead_time(values.lead_time_days)
    supplier.notes = values.notes.strip()


@write(Permission.MASTERDATA_EDIT)
def create_supplier(tx: Tx, /, *, code: str, values: SupplierValues,
                    actor: Actor) -> SupplierRow:
    code = require_valid_code(code)
    supplier = Supplier(code=code, created_by=actor.user, active=True)
    _apply(supplier, values)
    session = tx.session
    session.add(supplier)
    try:
        session.flush()
    except IntegrityError as error:
        raise DuplicateCode(code=code) from error
    return _changed(session, supplier)


@write(Permission.MASTERDATA_EDIT)
def update_supplier(tx: Tx, /, *, code: str, values: SupplierValues,
                    actor: Actor) -> SupplierRow:
    session = tx.session
    supplier = supplier_by_code(session, code)
    _apply(supplier, values)
    return _changed(session, supplier)


@write(Permission.MASTERDATA_EDIT)
def retire_supplier(tx: Tx, /, *, code: str, actor: Actor) -> SupplierRow:
    """Out of use: kept on the orders and products that name it; no new link to it."""
    session = tx.session
    supplier = supplier_by_code(session, code)
    supplier.active = False
    return _changed(session, supplier)


@write(Permission.MASTERDATA_EDIT)
def reactivate_supplier(tx: Tx, /, *, code: str, actor: Actor) -> SupplierRow:
    session = tx.session
    supplier = supplier_by_code(session, code)
    supplier.active = True
    return _changed(session, supplier)


def _changed(session: Session, supplier: Supplier) -> SupplierRow:
    session.flush()
    # The products it sells show its name in their lists.
    products = frozenset(session.scalars(
        select(Product.code).join(ProductSupplier, ProductSupplier.product_id == Product.id)
        .where(ProductSupplier.supplier_id == supplier.id)))
    row = _row(supplier, len(products))
    return replace(row, changes=Changes(suppliers=frozenset({supplier.code}),
                                        products=products))


def _row(supplier: Supplier, product_count: int) -> SupplierRow:
    return SupplierRow(supplier.code, supplier.name, supplier.contact or "",
                       supplier.email or "", supplier.phone or "",
                       supplier.customer_number or "", supplier.lead_time_days,
                       supplier.notes or "", bool(supplier.active), product_count)


@read(Permission.STOCK_READ)
def list_suppliers(db: Database, *, include_retired: bool = False) -> list[SupplierRow]:
    """Suppliers by name as people read it, each with how many products it sells."""
    counts = (select(ProductSupplier.supplier_id, func.count().label("n"))
              .group_by(ProductSupplier.supplier_id).subquery())
    query = (select(Supplier, func.coalesce(counts.c.n, 0))
             .outerjoin(counts, counts.c.supplier_id == Supplier.id))
    if not include_retired:
        query = query.where(Supplier.active.is_(True))
    with db.read() as session:
        rows = [_row(supplier, int(count)) for supplier, count in session.execute(query)]
    return sorted(rows, key=lambda r: (natural_key(r.name), r.code))


@read(Permission.STOCK_READ)
def get_supplier(db: Database, code: str) -> SupplierRow:
    with db.read() as session:
        supplier = supplier_by_code(session, code)
        count = session.execute(select(func.count()).select_from(ProductSupplier)
                                .where(ProductSupplier.supplier_id == supplier.id)).scalar_one()
        return _row(supplier, int(count))
