"""One way to put test data into a database: a small fluent builder over the real services.

Every row a test starts from is one the app itself could have written (same validation, same
ledger), and every call books as the one test actor below. The seeded datasets the fixtures use
are recipes on the same builder, so a new feature adds a verb here instead of a fifth seed
function::

    b = Builder(db).location("CARMA", "Politiezone CARMA", "zone")
    b.location("GNK", "Genk", "site", parent="CARMA").product("SPT", "Speekseltest")
    b.delivery("SPT", "GNK", 10, lot="L1", expiry=date(2030, 1, 1))
    kit = b.kit_type("FAK", "First Aid Kit", items=[...]).kit("KIT-001", "FAK", "GNK").kits["KIT-001"]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from carma_logistiek.clock import local_today
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor
from carma_logistiek.services import kits, masterdata, people, stock
from tests.support.actors import TESTER

# The one actor every seeded row is booked by. The services take an Actor (request context)
# once the command path lands: this is the one line that switches, e.g. to
# ``Actor.with_every_role("tester")`` from carma_logistiek.domain.access.
ACTOR: Actor = TESTER


class Builder:
    """Seeds ``db`` step by step; every verb returns the builder, so calls chain. What a verb
    creates that a test may need later (a kit row, a booking) is kept by code or in order."""

    def __init__(self, db: Database, *, actor: Actor = ACTOR) -> None:
        self.db = db
        self.actor = actor
        self.kits: dict[str, kits.KitRow] = {}
        self.bookings: list[Any] = []

    # --- master data ----------------------------------------------------------------------

    def location(self, code: str, name: str, kind: str, *, parent: str | None = None) -> Builder:
        masterdata.create_location(
            self.db, code=code, name=name, kind=kind, parent_code=parent, actor=self.actor
        )
        return self

    def locations(self, *rows: tuple[str, str, str, str | None]) -> Builder:
        """Several ``(code, name, kind, parent)`` at once, parents first."""
        for code, name, kind, parent in rows:
            self.location(code, name, kind, parent=parent)
        return self

    def product(
        self,
        code: str,
        name: str,
        *,
        category: str = "",
        unit: str = "stuk",
        lots: bool = False,
        expiry: bool = False,
        gtin: str | None = None,
    ) -> Builder:
        """A product; ``expiry`` implies lots (the service enforces it)."""
        masterdata.create_product(
            self.db,
            code=code,
            name=name,
            category=category,
            unit=unit,
            tracks_lots=lots,
            tracks_expiry=expiry,
            gtin=gtin,
            actor=self.actor,
        )
        return self

    def minimum(self, product: str, location: str, minimum: int) -> Builder:
        masterdata.set_minimum(
            self.db, product_code=product, location_code=location, minimum=minimum,
            actor=self.actor,
        )
        return self

    # --- stock ----------------------------------------------------------------------------

    def delivery(
        self,
        product: str,
        location: str,
        quantity: int,
        *,
        lot: str | None = None,
        expiry: date | None = None,
    ) -> Builder:
        """Stock arrives through the ledger, exactly as a delivery at the counter."""
        self.bookings.append(
            stock.record_delivery(
                self.db,
                product_code=product,
                location_code=location,
                quantity=quantity,
                lot_number=lot,
                expiry=expiry,
                actor=self.actor,
            )
        )
        return self

    # --- first-aid kits -------------------------------------------------------------------

    def kit_type(
        self,
        code: str,
        name: str,
        *,
        items: Sequence[kits.TemplateItemInput],
        building_months: int = 12,
        vehicle_months: int = 6,
    ) -> Builder:
        kits.create_kit_type(
            self.db,
            code=code,
            name=name,
            interval_months_building=building_months,
            interval_months_vehicle=vehicle_months,
            items=items,
            actor=self.actor,
        )
        return self

    def kit(
        self,
        code: str,
        kit_type: str,
        location: str,
        *,
        placed_on: date | None = None,
        content_expiry: dict[str, date] | None = None,
        **details: Any,
    ) -> Builder:
        """A registered kit; ``details`` are the register's free fields (floor, spot, need,
        responsible, interval_months). The row is kept in ``self.kits[code]``."""
        self.kits[code] = kits.register_kit(
            self.db,
            code=code,
            kit_type_code=kit_type,
            location_code=location,
            placed_on=placed_on,
            content_expiry=content_expiry,
            actor=self.actor,
            **details,
        )
        return self

    def staff_member(
        self,
        number: str,
        first_name: str = "Jan",
        last_name: str = "Peeters",
        *,
        state: str = "in_dienst",
        since: date | None = None,
        **details: str,
    ) -> Builder:
        """A staff member of the register (``details``: grade, kind, team, email), in
        ``state`` from ``since`` (today)."""
        people.add_staff_member(
            self.db,
            number=number,
            values=people.StaffValues(first_name, last_name, **details),
            state=state,
            starts_on=since,
            actor=self.actor,
        )
        return self

    # --- recipes: the datasets the fixtures start from --------------------------------------

    def carma_zone(self, zone: Zone | None = None) -> Builder:
        """Zone CARMA > sites Genk and Bree > storerooms/cabinets, and three products
        (``Zone`` names the codes). No stock."""
        z = zone or Zone()
        self.locations(
            (z.zone, "Politiezone CARMA", "zone", None),
            (z.site, "Genk hoofdcommissariaat", "site", z.zone),
            (z.storeroom, "Magazijn Genk", "storeroom", z.site),
            (z.cabinet, "Kast 1", "cabinet", z.storeroom),
            (z.cabinet2, "Kast 2", "cabinet", z.storeroom),
            (z.other_site, "Basis Bree", "site", z.zone),
            (z.other_storeroom, "Magazijn Bree", "storeroom", z.other_site),
        )
        self.product(
            z.drug_test,
            "Speekseltest drugs",
            category="Drugtests",
            lots=True,
            expiry=True,
            gtin=z.drug_test_gtin,
        )
        self.product(z.mouthpiece, "Mondstuk alcoholtest", category="Alcoholtests", expiry=True)
        self.product(z.gloves, "Wegwerphandschoenen M", category="Beschermmiddelen", unit="doos")
        return self.recipients_staff()

    def recipients_staff(self) -> Builder:
        """The staff members the tests book pickups for (staff:01001, 01209, 01234)."""
        return (self.staff_member("01001", "An", "Peeters", team="Interventie")
                .staff_member("01209", "Jan", "Janssens", grade="inspecteur")
                .staff_member("01234", "Els", "Maes", kind="calog", team="Logistiek"))

    def small_zone(self, today: date | None = None) -> Builder:
        """The UI tests' database: zone CARMA with storerooms in Genk and Bree, a saliva test
        with an expired and a good lot at Genk, mouthpieces without lots at Genk, and plasters
        at Bree under their minimum."""
        today = today or local_today()
        self.locations(
            ("CARMA", "Politiezone CARMA", "zone", None),
            ("GNK", "Genk", "site", "CARMA"),
            ("GNK-MAG", "Magazijn Genk", "storeroom", "GNK"),
            ("BRE", "Bree", "site", "CARMA"),
            ("BRE-MAG", "Magazijn Bree", "storeroom", "BRE"),
        )
        self.product("SPT", "Speekseltest", category="Drugtesten", expiry=True,
                     gtin="5410000000019")
        self.product("MOND", "Mondstuk alcoholtest", category="Alcoholtesten")
        self.product("PLS", "Pleisters", category="EHBO", unit="doos")
        self.delivery("SPT", "GNK-MAG", 10, lot="L-OLD", expiry=today - timedelta(days=30))
        self.delivery("SPT", "GNK-MAG", 10, lot="L-NEW", expiry=today + timedelta(days=365))
        self.delivery("MOND", "GNK-MAG", 50)
        self.delivery("PLS", "BRE-MAG", 5)
        return self.minimum("PLS", "BRE-MAG", 10).recipients_staff()

    def first_aid_kit_type(self) -> Builder:
        """Kit type FAK over the small zone's products: two saliva tests (critical, expiring,
        replaced 30 days ahead) and a mouthpiece; yearly in a building, half-yearly in a car."""
        return self.kit_type(
            "FAK",
            "First Aid Kit",
            building_months=12,
            vehicle_months=6,
            items=[
                kits.TemplateItemInput(
                    "SPT", 2, expires=True, replace_before_days=30, critical=True
                ),
                kits.TemplateItemInput("MOND", 1),
            ],
        )

    def first_aid_kit(
        self,
        code: str = "KIT-001",
        *,
        location: str = "GNK",
        expiry: date | None = None,
        placed_on: date | None = None,
        today: date | None = None,
    ) -> Builder:
        """A FAK kit at the Genk reception, placed 200 days ago, whose saliva tests expired
        ten days ago (unless told otherwise)."""
        today = today or local_today()
        return self.kit(
            code,
            "FAK",
            location,
            floor="gelijkvloers",
            spot="onthaal",
            need="publiek onthaal",
            responsible="An Peeters",
            placed_on=placed_on or today - timedelta(days=200),
            content_expiry={"SPT": expiry or today - timedelta(days=10)},
        )


@dataclass(frozen=True)
class Zone:
    """Codes of the seeded CARMA zone (``Builder.carma_zone``), so tests read like the
    clerk's work."""

    zone: str = "CARMA"
    site: str = "GENK"
    storeroom: str = "GENK-MAG"
    cabinet: str = "GENK-KAST1"
    cabinet2: str = "GENK-KAST2"
    other_site: str = "BREE"
    other_storeroom: str = "BREE-MAG"
    drug_test: str = "DT-SPK"  # lot + expiry tracked, with a GTIN
    drug_test_gtin: str = "5412345678908"
    mouthpiece: str = "ALC-MOND"  # lot + expiry tracked, no GTIN
    gloves: str = "HANDSCH-M"  # untracked
    actor: Actor = ACTOR
