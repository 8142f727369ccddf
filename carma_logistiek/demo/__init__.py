"""A year of realistic stock work for zone CARMA, for the demo database and for benchmarks.

``scale`` multiplies the product range and with it the movements: scale 1 is ~200 products and
~40,000 movements over 20 stock locations; scale 25 is the benchmark set (5,000 products,
~1,000,000 movements). Bulk history is inserted directly (the services would take minutes for
a million rows) and the stock levels are derived from it, so ``carma-logistiek check`` holds;
the orders, the kits and the few bookings of "today" go through the real services.

``catalogue`` holds the zone's sites, locations and products; ``stock`` the simulated year;
``kits`` the first-aid kits; ``actors`` who the demo's writes are booked by.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from carma_logistiek.clock import local_today
from carma_logistiek.db.uow import Database
from carma_logistiek.demo.accounts import create_demo_accounts
from carma_logistiek.demo.actors import DEMO_ACTOR
from carma_logistiek.demo.kits import create_demo_kits
from carma_logistiek.demo.people import create_demo_staff
from carma_logistiek.demo.stock import (
    History,
    assign_products,
    create_locations,
    create_orders,
    insert_products,
    simulate,
)
from carma_logistiek.demo.suppliers import insert_suppliers, link_orders_to_suppliers
from carma_logistiek.domain.access import Actor
from carma_logistiek.i18n import _

__all__ = ["DEMO_ACTOR", "DemoSummary", "Progress", "create_demo_data"]

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoSummary:
    locations: int
    products: int
    lots: int
    movements: int
    orders: int
    kits: int


def create_demo_data(db: Database, *, actor: Actor = DEMO_ACTOR, scale: int = 1,
                     seed: int = 2024, today: date | None = None,
                     progress: Progress | None = None) -> DemoSummary:
    """Fill an empty, migrated database with the CARMA demo data."""
    report = progress or (lambda _text: None)
    rng = random.Random(seed)
    today = today or local_today()
    report(_("Locaties aanmaken…"))
    locations = create_locations(db, actor)
    report(_("Producten aanmaken…"))
    products = insert_products(db, scale, actor, rng)
    insert_suppliers(db, actor, products, seed)
    create_demo_staff(db, actor, seed, today)
    pairs = assign_products(rng, locations, products, scale)
    report(_("Een jaar bewegingen simuleren…"))
    history = History(db, actor)
    for pair in pairs:
        simulate(pair, history, rng, today)
    history.finish(pairs)
    report(_("Bestellingen aanmaken…"))
    orders = create_orders(db, rng, actor, today)
    link_orders_to_suppliers(db)
    report(_("EHBO-kits en hercontroles aanmaken…"))
    kits = create_demo_kits(db, actor=actor, rng=rng, today=today)
    # Last: until the demo users exist the database is in set-up mode (everyone every role).
    create_demo_accounts(db)
    return DemoSummary(len(locations), len(products), history.lot_count, history.movement_count,
                       orders, kits)
