"""Suppliers, what they sell and order-up-to levels, through the master-data services (the
same validation and command path as the Stamgegevens screen)."""

from __future__ import annotations

from carma_logistiek.db.uow import Database
from carma_logistiek.services import masterdata
from tests.support.actors import TESTER


def add_supplier(db: Database, code: str, name: str, *, lead_time_days: int | None = None,
                 active: bool = True) -> None:
    masterdata.create_supplier(db, code=code, actor=TESTER, values=masterdata.SupplierValues(
        name, lead_time_days=lead_time_days))
    if not active:
        masterdata.retire_supplier(db, code=code, actor=TESTER)


def link_supplier(db: Database, product: str, supplier: str, *, pack_size: int = 1,
                  reference: str = "", preferred: bool = True) -> None:
    masterdata.set_product_supplier(db, product_code=product, supplier_code=supplier,
                                    pack_size=pack_size, reference=reference,
                                    preferred=preferred, actor=TESTER)


def minimum_and_maximum(db: Database, product: str, location: str, minimum: int,
                        maximum: int | None) -> None:
    masterdata.set_minimum(db, product_code=product, location_code=location, minimum=minimum,
                           maximum=maximum, actor=TESTER)
