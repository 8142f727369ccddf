"""Two zones on one database (issue 11's Done-means test, SQLite and PostgreSQL).

PZ CARMA and PZ Voeren share a server. Voeren has its own locations, products, staff and kits
under the SAME codes as CARMA's, plus a product and a staff member of its own. A user of CARMA
sees, books and checks only CARMA's: the same code books CARMA's own product, a code only Voeren
has is unknown, and a Voeren label scanned at CARMA's counter is refused with a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from carma_logistiek.clock import local_today
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor
from carma_logistiek.domain.errors import (
    DomainError,
    ForeignZoneLabel,
    UnknownKit,
    UnknownLocation,
    UnknownProduct,
)
from carma_logistiek.domain.kits import LineOutcome
from carma_logistiek.domain.people import UnknownStaffMember
from carma_logistiek.services import kits, masterdata, orders, people, stock, zones
from carma_logistiek.services.consumption import consumption
from carma_logistiek.services.results import Recipient
from carma_logistiek.services.scans import resolve_scan
from carma_logistiek.services.stock.overview import (
    movement_history,
    product_detail,
    recent_bookings_attention,
    stock_overview,
)
from tests.support.builder import Builder, Zone

VOEREN = "VOEREN"
CARMA_USER = Actor.with_every_role("an.carma", zone="CARMA")
VOEREN_USER = Actor.with_every_role("bert.voeren", zone=VOEREN)
ONLY_IN_VOEREN = "ENKEL-VOEREN"
VOEREN_STAFF = "09999"
SAME_KEY = "the-same-idempotency-key"


@dataclass(frozen=True)
class TwoZones:
    z: Zone
    carma: Database  # read as CARMA's user
    voeren: Database  # read as Voeren's user


def _seed(builder: Builder, z: Zone, *, gloves: int, kit: str) -> None:
    builder.carma_zone(z)
    builder.delivery(z.gloves, z.storeroom, gloves)
    builder.kit_type("FAK", "First Aid Kit", items=[kits.TemplateItemInput(z.gloves, 2)])
    builder.kit(kit, "FAK", z.storeroom)


@pytest.fixture
def two(db: Database) -> TwoZones:
    z = Zone()
    zones.create_zone(db, code=VOEREN, name="PZ Voeren", actor=CARMA_USER)
    # Voeren first: a look-up that forgot the zone would find Voeren's rows for CARMA's codes.
    voeren = Builder(db, actor=VOEREN_USER)
    _seed(voeren, z, gloves=99, kit="K-SAME")
    _seed(Builder(db, actor=CARMA_USER), z, gloves=10, kit="K-SAME")
    voeren.kit("K-VOEREN", "FAK", z.storeroom)
    voeren.product(ONLY_IN_VOEREN, "Enkel in Voeren").delivery(ONLY_IN_VOEREN, z.storeroom, 7)
    voeren.staff_member(VOEREN_STAFF, "Bert", "Voerens")
    orders.create_order(db, supplier="Voerense leverancier", location_code=z.storeroom,
                        lines=[(z.gloves, 5)], actor=VOEREN_USER)
    return TwoZones(z, db.as_actor(CARMA_USER), db.as_actor(VOEREN_USER))


def _levels(db: Database) -> dict[tuple[str, str], int]:
    return {(row.product_code, row.location_code): row.quantity for row in stock_overview(db)
            if row.quantity}


def test_each_zone_sees_only_its_own_stock_products_and_locations(two: TwoZones) -> None:
    z = two.z
    assert _levels(two.carma) == {(z.gloves, z.storeroom): 10}
    assert _levels(two.voeren) == {(z.gloves, z.storeroom): 99,
                                   (ONLY_IN_VOEREN, z.storeroom): 7}
    carma_products = {p.code for p in masterdata.search_products(two.carma)}
    assert carma_products == {z.drug_test, z.mouthpiece, z.gloves}
    assert ONLY_IN_VOEREN in {p.code for p in masterdata.search_products(two.voeren)}
    carma_locations = [row.code for row in masterdata.list_locations(two.carma)]
    assert sorted(carma_locations) == sorted(set(carma_locations))  # each code once
    assert z.storeroom in carma_locations
    # The same GTIN is sold to both zones: a scan in CARMA finds CARMA's saliva test.
    scanned = resolve_scan(two.carma, z.drug_test_gtin)
    assert scanned.product is not None and scanned.product.code == z.drug_test
    assert product_detail(two.carma, z.gloves).total_quantity == 10


def test_each_zone_sees_only_its_own_orders_and_bookings(two: TwoZones) -> None:
    z = two.z
    assert orders.list_orders(two.carma) == []
    voeren_orders = orders.list_orders(two.voeren)
    assert len(voeren_orders) == 1
    with pytest.raises(DomainError):
        orders.get_order(two.carma, voeren_orders[0].number)
    # Each zone numbers its own orders: CARMA's first order gets the same number as Voeren's.
    mine = orders.create_order(two.carma, supplier="Medi-Market", location_code=z.storeroom,
                               lines=[(z.gloves, 1)], actor=CARMA_USER)
    assert mine.number == voeren_orders[0].number
    assert orders.get_order(two.voeren, mine.number).supplier == "Voerense leverancier"
    assert [line.quantity for line in movement_history(two.carma)] == [10]
    assert sorted(line.quantity for line in movement_history(two.voeren)) == [7, 99]
    assert recent_bookings_attention(two.carma).count == 1
    assert recent_bookings_attention(two.voeren).count == 2


def test_booking_with_the_other_zones_codes_books_ones_own(two: TwoZones) -> None:
    z = two.z
    stock.record_pickup(two.carma, product_code=z.gloves, location_code=z.storeroom,
                        quantity=3, actor=CARMA_USER)
    assert _levels(two.carma)[(z.gloves, z.storeroom)] == 7
    assert _levels(two.voeren)[(z.gloves, z.storeroom)] == 99
    with pytest.raises(UnknownProduct):
        stock.record_delivery(two.carma, product_code=ONLY_IN_VOEREN,
                              location_code=z.storeroom, quantity=1, actor=CARMA_USER)
    with pytest.raises(UnknownLocation):
        stock.record_delivery(two.carma, product_code=z.gloves, location_code="VOEREN-ONLY",
                              quantity=1, actor=CARMA_USER)


def test_a_whole_zones_consumption_counts_only_its_own_ledger(two: TwoZones) -> None:
    z = two.z
    for user, quantity in ((CARMA_USER, 3), (VOEREN_USER, 50)):
        stock.record_pickup(two.carma.as_actor(user), product_code=z.gloves,
                            location_code=z.storeroom, quantity=quantity, actor=user)
    today = local_today()
    for db, used in ((two.carma, 3), (two.voeren, 50)):
        for group_by in ("location", "product"):
            report = consumption(db, date_from=today, date_to=today, group_by=group_by)
            assert sum(series.total for series in report.series) == used, group_by


def test_the_same_idempotency_key_is_a_booking_in_each_zone(two: TwoZones) -> None:
    z = two.z
    for user in (CARMA_USER, VOEREN_USER):
        stock.record_delivery(two.carma.as_actor(user), product_code=z.gloves,
                              location_code=z.cabinet, quantity=1, key=SAME_KEY, actor=user)
    assert _levels(two.carma)[(z.gloves, z.cabinet)] == 1
    assert _levels(two.voeren)[(z.gloves, z.cabinet)] == 1


def test_a_label_of_the_other_zone_is_refused_with_a_sentence_and_nothing_is_booked(
        two: TwoZones) -> None:
    z = two.z
    label = f"CL1:{VOEREN}:P:{z.gloves}"
    with pytest.raises(ForeignZoneLabel) as refused:
        resolve_scan(two.carma, label)
    assert refused.value.message() == (
        "Dit etiket hoort bij zone VOEREN; u werkt in zone CARMA. Er werd niets geboekt; scan een etiket van de eigen zone.")
    # The same label typed where a code is asked (the CLI's --product): refused, not unknown.
    with pytest.raises(ForeignZoneLabel):
        stock.record_pickup(two.carma, product_code=label, location_code=z.storeroom,
                            quantity=1, actor=CARMA_USER)
    with pytest.raises(ForeignZoneLabel):
        stock.record_pickup(two.carma, product_code=z.gloves,
                            location_code=f"CL1:{VOEREN}:L:{z.storeroom}", quantity=1,
                            actor=CARMA_USER)
    assert _levels(two.carma)[(z.gloves, z.storeroom)] == 10
    assert _levels(two.voeren)[(z.gloves, z.storeroom)] == 99
    # One's own zone's label books as its code.
    stock.record_pickup(two.carma, product_code=f"CL1:CARMA:P:{z.gloves}",
                        location_code=z.storeroom, quantity=1, actor=CARMA_USER)
    assert _levels(two.carma)[(z.gloves, z.storeroom)] == 9
    assert resolve_scan(two.voeren, label).product is not None


def test_kits_lists_and_checks_of_the_other_zone_are_invisible(two: TwoZones) -> None:
    assert [kit.code for kit in kits.list_kits(two.carma)] == ["K-SAME"]
    assert {kit.code for kit in kits.list_kits(two.voeren)} == {"K-SAME", "K-VOEREN"}
    next_year = local_today() + timedelta(days=400)  # every kit is due by then
    assert [row.kit.code for row in kits.kit_plan(two.carma, today=next_year)] == ["K-SAME"]
    assert {row.kit.code for row in kits.kit_plan(two.voeren, today=next_year)} == {
        "K-SAME", "K-VOEREN"}
    with pytest.raises(UnknownKit):
        kits.kit_detail(two.carma, "K-VOEREN")
    with pytest.raises(UnknownKit):
        kits.record_check(two.carma, code="K-VOEREN", lines=[], actor=CARMA_USER)
    lines = [kits.CheckLineInput(c.item.id, LineOutcome.OK)
             for c in kits.kit_detail(two.voeren, "K-SAME").contents]
    kits.record_check(two.voeren, code="K-SAME", lines=lines, actor=VOEREN_USER)
    assert kits.kit_detail(two.voeren, "K-SAME").checks
    assert not kits.kit_detail(two.carma, "K-SAME").checks


def test_staff_of_the_other_zone_cannot_be_found(two: TwoZones) -> None:
    carma_numbers = {row.number for row in people.search_staff(two.carma)}
    assert carma_numbers == {"01001", "01209", "01234"}
    assert VOEREN_STAFF in {row.number for row in people.search_staff(two.voeren)}
    with pytest.raises(UnknownStaffMember):
        people.view_staff_member(two.carma, number=VOEREN_STAFF, actor=CARMA_USER)
    with pytest.raises(UnknownStaffMember):
        stock.record_pickup(two.carma, product_code=two.z.gloves,
                            location_code=two.z.storeroom, quantity=1,
                            recipient=Recipient("staff", VOEREN_STAFF), actor=CARMA_USER)
    assert people.view_staff_member(two.voeren, number=VOEREN_STAFF,
                                    actor=VOEREN_USER).number == VOEREN_STAFF
