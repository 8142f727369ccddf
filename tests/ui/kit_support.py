"""Helpers of the EHBO-screen tests: a kit type over the small test database's products and
a few kits, one with an expired item."""

from __future__ import annotations

from datetime import date, timedelta

from support.actors import TESTER

from carma_logistiek.clock import local_today
from carma_logistiek.db.uow import Database
from carma_logistiek.services import kits
from carma_logistiek.services.kits import TemplateItemInput

ACTOR = TESTER
TODAY = local_today()


def add_kit_type(db: Database) -> None:
    kits.create_kit_type(
        db, code="FAK", name="First Aid Kit", interval_months_building=12,
        interval_months_vehicle=6, actor=ACTOR,
        items=[TemplateItemInput("SPT", 2, expires=True, replace_before_days=30, critical=True),
               TemplateItemInput("MOND", 1)])


def add_kit(db: Database, code: str = "KIT-001", *, location: str = "GNK",
            expiry: date | None = None, placed_on: date | None = None) -> kits.KitRow:
    """A kit at Genk whose saliva tests expired ten days ago (unless told otherwise)."""
    return kits.register_kit(
        db, code=code, kit_type_code="FAK", location_code=location, actor=ACTOR,
        floor="gelijkvloers", spot="onthaal", need="publiek onthaal", responsible="An Peeters",
        placed_on=placed_on or TODAY - timedelta(days=200),
        content_expiry={"SPT": expiry or TODAY - timedelta(days=10)})


def kit_database(db: Database) -> None:
    add_kit_type(db)
    add_kit(db)
