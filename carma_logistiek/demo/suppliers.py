"""The demo's suppliers, who sells what (reference and pack size), and the orders' links.

Its own random generator, so adding suppliers changes nothing else the demo draws (the
movements, lots and orders stay the same for the same seed)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select, update

from carma_logistiek.db.models import ProductSupplier, PurchaseOrder, Supplier
from carma_logistiek.db.uow import Database
from carma_logistiek.demo.actors import user_of
from carma_logistiek.domain.access import Actor

# code, name (as the demo's orders name them), contact, e-mail, phone, customer number,
# lead time in days.
DEMO_SUPPLIERS = (
    ("MEDI", "Medi-Market Belgium", "An Peeters", "bestellingen@medi-market.example",
     "+32 11 22 33 44", "PZ-20417", 5),
    ("DRAGER", "Dräger Safety Belux", "Koen Janssens", "orders.belux@draeger.example",
     "+32 2 462 62 11", "BE-88123", 10),
    ("SECURI", "Securitas Supplies", "Sofie Claes", "sales@securitas-supplies.example",
     "+32 3 450 12 12", "C-5512", 14),
    ("LYRECO", "Lyreco Belgium", "Klantendienst", "klantendienst@lyreco.example",
     "+32 78 15 15 15", "4471029", 2),
    ("VANHOOF", "Vanhoof Verkeerstechniek", "Jan Vanhoof", "info@vanhoof-vt.example",
     "+32 89 35 00 00", "PZ-CARMA", 21),
    ("FORENSIC", "Forensic Supply Benelux", "Els Maes", "orders@forensic-supply.example",
     "+31 20 555 01 01", "B-2207", 12),
)

# Who sells a category, and the pack size an order is rounded up to.
CATEGORY_SUPPLIER = {
    "Alcoholtesten": ("DRAGER", (50, 100, 250)),
    "Drugtesten": ("DRAGER", (10, 20)),
    "EHBO": ("MEDI", (1, 5, 10, 12)),
    "Hygiëne": ("MEDI", (10, 50, 100)),
    "Forensisch": ("FORENSIC", (10, 25, 50)),
    "Kantoor": ("LYRECO", (1, 5, 10)),
    "Batterijen": ("LYRECO", (4, 10, 24)),
    "Verkeer en afzetting": ("VANHOOF", (1, 5, 10)),
    "Bewapening": ("SECURI", (1, 10, 50)),
    "Uitrusting": ("SECURI", (1, 2, 5)),
    "Voertuigen": ("VANHOOF", (1, 4, 6)),
}


def insert_suppliers(db: Database, actor: Actor, products: list[tuple[int, str, bool]],
                     seed: int) -> int:
    """Suppliers, and a preferred supplier (and for some a second one) per product."""
    rng = random.Random(seed * 7 + 1)
    created = datetime.now(UTC) - timedelta(days=400)
    with db.write() as session:
        session.execute(insert(Supplier), [
            {"code": code, "name": name, "contact": contact, "email": email, "phone": phone,
             "customer_number": customer, "lead_time_days": lead, "notes": "",
             "active": True, "created_at": created, "created_by": user_of(actor)}
            for code, name, contact, email, phone, customer, lead in DEMO_SUPPLIERS])
        ids = {code: id_ for code, id_ in session.execute(select(Supplier.code, Supplier.id))}
        links = []
        for product_id, category, _tracked in products:
            supplier, packs = CATEGORY_SUPPLIER.get(category, ("MEDI", (1,)))
            links.append({"product_id": product_id, "supplier_id": ids[supplier],
                          "reference": f"{supplier[:3]}-{product_id:05d}",
                          "pack_size": rng.choice(packs), "preferred": True})
            if supplier != "MEDI" and rng.random() < 0.1:
                links.append({"product_id": product_id, "supplier_id": ids["MEDI"],
                              "reference": f"MM-{product_id:05d}", "pack_size": 1,
                              "preferred": False})
        session.execute(insert(ProductSupplier), links)
    return len(ids)


def link_orders_to_suppliers(db: Database) -> None:
    """The demo's orders name their supplier; point them at its master-data row too."""
    with db.write() as session:
        for supplier_id, name in session.execute(select(Supplier.id, Supplier.name)).all():
            session.execute(update(PurchaseOrder).where(PurchaseOrder.supplier == name)
                            .values(supplier_id=supplier_id))
