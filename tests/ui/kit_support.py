"""Helpers of the EHBO-screen tests: a kit type over the small test database's products and
a few kits, one with an expired item (recipes of the one builder, tests/support/builder.py)."""

from __future__ import annotations

from datetime import date

from carma_logistiek.clock import local_today
from carma_logistiek.db.uow import Database
from carma_logistiek.services import kits
from tests.support.builder import Builder

TODAY = local_today()


def add_kit_type(db: Database) -> None:
    Builder(db).first_aid_kit_type()


def add_kit(db: Database, code: str = "KIT-001", *, location: str = "GNK",
            expiry: date | None = None, placed_on: date | None = None) -> kits.KitRow:
    """A kit at Genk whose saliva tests expired ten days ago (unless told otherwise)."""
    builder = Builder(db).first_aid_kit(
        code, location=location, expiry=expiry, placed_on=placed_on, today=TODAY)
    return builder.kits[code]


def kit_database(db: Database) -> None:
    Builder(db).first_aid_kit_type().first_aid_kit(today=TODAY)
