"""Master data through the services, on SQLite and PostgreSQL: products (edit rules, GTINs,
retiring, photo, suppliers), suppliers, locations (rename, move a subtree, retire with a
transfer) and minimums. Every refusal is a sentence and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import take_snapshot
from sqlalchemy import func, select

from carma_logistiek.clock import local_today
from carma_logistiek.db.models import Booking, Location, StockMovement
from carma_logistiek.domain import errors
from carma_logistiek.domain import masterdata as rules
from carma_logistiek.scanning.images import NotAnImage
from carma_logistiek.services import kits, masterdata, orders, stock
from carma_logistiek.services.lookups import product_by_code
from carma_logistiek.services.masterdata import ProductValues, SupplierValues
from carma_logistiek.services.stock.overview import stock_overview, verify_stock_levels
from tests.support.actors import TESTER
from tests.support.frames import tiny_photo

LATER = local_today() + timedelta(days=400)
OTHER_GTIN = "4006381333931"


def values_of(details: masterdata.ProductDetails, **changes: object) -> ProductValues:
    base = dict(name=details.name, category=details.category, unit=details.unit,
                tracks_lots=details.tracks_lots, tracks_expiry=details.tracks_expiry,
                shelf_life_days=details.shelf_life_days, notes=details.notes,
                gtins=details.gtins)
    return ProductValues(**{**base, **changes})  # type: ignore[arg-type]


def update(db, code: str, **changes: object) -> masterdata.ProductDetails:  # type: ignore[no-untyped-def]
    details = masterdata.get_product_details(db, code)
    return masterdata.update_product(db, code=code, values=values_of(details, **changes),
                                     actor=TESTER)


def deliver(db, product: str, location: str, quantity: int, **kwargs):  # type: ignore[no-untyped-def]
    return stock.record_delivery(db, product_code=product, location_code=location,
                                 quantity=quantity, actor=TESTER, **kwargs)


# --- products -------------------------------------------------------------------------------

def test_an_edit_changes_the_product_but_never_its_code(db, zone) -> None:  # type: ignore[no-untyped-def]
    result = update(db, zone.gloves, name="Nitrilhandschoenen M", category="PBM",
                    shelf_life_days=730, notes="Poedervrij", unit="doos")
    assert result.code == zone.gloves
    assert (result.name, result.category, result.shelf_life_days, result.notes) == (
        "Nitrilhandschoenen M", "PBM", 730, "Poedervrij")
    assert result.changes.products == {zone.gloves}
    assert masterdata.get_product_details(db, zone.gloves) == result
    # The stock overview shows the new name.
    deliver(db, zone.gloves, zone.storeroom, 3)
    assert [r.product_name for r in stock_overview(db, search="Nitril")] == [
        "Nitrilhandschoenen M"]


def test_the_unit_changes_until_stock_moved_then_it_is_fixed(db, zone) -> None:  # type: ignore[no-untyped-def]
    assert update(db, zone.gloves, unit="paar").unit == "paar"
    assert not masterdata.get_product_details(db, zone.gloves).has_history
    deliver(db, zone.gloves, zone.storeroom, 10)
    assert masterdata.get_product_details(db, zone.gloves).has_history
    before = take_snapshot(db)
    with pytest.raises(rules.UnitLocked) as refused:
        update(db, zone.gloves, unit="doos")
    assert "maak een nieuw product" in refused.value.message().lower()
    assert masterdata.get_product_details(db, zone.gloves).unit == "paar"
    assert take_snapshot(db) == before


def test_lot_tracking_stays_on_while_numbered_lots_hold_stock(db, zone) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone.mouthpiece, zone.storeroom, 4, lot_number="M1", expiry=LATER)
    with pytest.raises(rules.LotTrackingInUse):
        update(db, zone.mouthpiece, tracks_lots=False, tracks_expiry=False)
    stock.record_pickup(db, product_code=zone.mouthpiece, location_code=zone.storeroom,
                        quantity=4, actor=TESTER)
    done = update(db, zone.mouthpiece, tracks_lots=False, tracks_expiry=False)
    assert (done.tracks_lots, done.tracks_expiry) == (False, False)


def test_expiry_implies_lots_and_shelf_life_is_bounded(db, zone) -> None:  # type: ignore[no-untyped-def]
    assert update(db, zone.gloves, tracks_expiry=True).tracks_lots
    for days in (0, 3651):
        with pytest.raises(rules.InvalidShelfLife):
            update(db, zone.gloves, shelf_life_days=days)
    with pytest.raises(errors.NameRequired):
        update(db, zone.gloves, name="  ")


def test_several_gtins_the_first_is_the_main_one_and_each_finds_the_product(db, zone) -> None:  # type: ignore[no-untyped-def]
    done = update(db, zone.gloves, gtins=(OTHER_GTIN, "0" + "5410000000019"))
    assert done.gtins == (OTHER_GTIN, "5410000000019")  # stored in the shortest form
    assert masterdata.get_product(db, zone.gloves).gtin == OTHER_GTIN
    with db.read() as session:
        assert product_by_code(session, "5410000000019").code == zone.gloves
    assert [r.code for r in masterdata.list_products(db, text="541000")] == [zone.gloves]
    # Dropping one unlinks it; the other becomes the main one.
    assert update(db, zone.gloves, gtins=("5410000000019",)).gtins == ("5410000000019",)
    with db.read() as session, pytest.raises(errors.UnknownProduct):
        product_by_code(session, OTHER_GTIN)


def test_a_gtin_must_be_valid_and_belong_to_one_product(db, zone) -> None:  # type: ignore[no-untyped-def]
    before = take_snapshot(db)
    with pytest.raises(errors.InvalidGtin):
        update(db, zone.gloves, gtins=("4006381333932",))
    with pytest.raises(errors.DuplicateCode) as refused:
        update(db, zone.gloves, gtins=(zone.drug_test_gtin,))
    assert zone.drug_test in refused.value.message()
    with pytest.raises(errors.DuplicateCode):
        masterdata.create_product(db, code="NIEUW", name="Nieuw", gtins=("0" + zone.drug_test_gtin,),
                                  actor=TESTER)
    assert masterdata.get_product_details(db, zone.gloves).gtins == ()
    assert take_snapshot(db) == before


def test_create_takes_shelf_life_notes_and_gtins(db, zone) -> None:  # type: ignore[no-untyped-def]
    row = masterdata.create_product(db, code="spt-2", name="Speekseltest 2",
                                    tracks_expiry=True, shelf_life_days=365, notes="Nieuw",
                                    gtins=(OTHER_GTIN,), actor=TESTER)
    assert (row.code, row.gtin, row.tracks_lots) == ("SPT-2", OTHER_GTIN, True)
    details = masterdata.get_product_details(db, "SPT-2")
    assert (details.shelf_life_days, details.notes, details.gtins) == (365, "Nieuw",
                                                                        (OTHER_GTIN,))
    assert "Drugtests" in masterdata.list_categories(db)
    assert {"doos", "stuk"} <= set(masterdata.list_units(db))


def test_a_retired_product_keeps_its_history_cannot_come_in_and_can_still_leave(db, zone) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone.gloves, zone.storeroom, 5)
    retired = masterdata.retire_product(db, code=zone.gloves, actor=TESTER)
    assert not retired.active and retired.has_history
    before = take_snapshot(db)
    with pytest.raises(rules.ProductRetired) as refused:
        deliver(db, zone.gloves, zone.storeroom, 1)
    assert "buiten gebruik" in refused.value.message()
    with pytest.raises(rules.ProductRetired):
        orders.create_order(db, supplier="Medi", location_code=zone.storeroom,
                            lines=[(zone.gloves, 5)], actor=TESTER)
    assert take_snapshot(db) == before
    # Its stock can still leave, and pickers no longer offer it.
    stock.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                        quantity=2, actor=TESTER)
    assert zone.gloves not in [p.code for p in masterdata.search_products(db)]
    assert zone.gloves not in [p.code for p in masterdata.list_products(db)]
    listed = masterdata.list_products(db, include_retired=True, text=zone.gloves)
    assert [(p.code, p.active) for p in listed] == [(zone.gloves, False)]
    masterdata.reactivate_product(db, code=zone.gloves, actor=TESTER)
    assert deliver(db, zone.gloves, zone.storeroom, 1).lines[0].level_after == 4


def test_an_order_keeps_a_line_of_a_product_retired_after_it_was_ordered(db, zone) -> None:  # type: ignore[no-untyped-def]
    order = orders.create_order(db, supplier="Medi", location_code=zone.storeroom,
                                lines=[(zone.gloves, 5)], actor=TESTER)
    masterdata.retire_product(db, code=zone.gloves, actor=TESTER)
    masterdata.retire_product(db, code=zone.mouthpiece, actor=TESTER)
    edited = orders.update_order(db, order.number, supplier="Medi",
                                 location_code=zone.storeroom, lines=[(zone.gloves, 6)],
                                 actor=TESTER)
    assert [line.quantity_ordered for line in edited.lines] == [6]
    with pytest.raises(rules.ProductRetired):
        orders.update_order(db, order.number, supplier="Medi", location_code=zone.storeroom,
                            lines=[(zone.gloves, 6), (zone.mouthpiece, 1)], actor=TESTER)


def test_a_photo_is_re_encoded_and_a_non_image_refused(db, zone) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotAnImage):
        masterdata.set_product_photo(db, code=zone.gloves, data=b"%PDF-1.4 geen foto",
                                     actor=TESTER)
    assert masterdata.product_photo(db, zone.gloves) is None
    done = masterdata.set_product_photo(db, code=zone.gloves, data=tiny_photo(200),
                                        actor=TESTER)
    assert done.has_photo
    mime, data = masterdata.product_photo(db, zone.gloves) or ("", b"")
    assert mime == "image/jpeg" and data.startswith(b"\xff\xd8")
    masterdata.set_product_photo(db, code=zone.gloves, data=tiny_photo(10), actor=TESTER)
    assert not masterdata.remove_product_photo(db, code=zone.gloves, actor=TESTER).has_photo
    assert masterdata.product_photo(db, zone.gloves) is None


# --- suppliers ------------------------------------------------------------------------------

def supplier(db, code: str, name: str, **values: object) -> masterdata.SupplierRow:  # type: ignore[no-untyped-def]
    return masterdata.create_supplier(db, code=code, values=SupplierValues(name, **values),  # type: ignore[arg-type]
                                      actor=TESTER)


def test_a_supplier_is_created_edited_retired_and_its_rules_hold(db, zone) -> None:  # type: ignore[no-untyped-def]
    row = supplier(db, "medi", "Medi-Market", email="bestel@medi.be", lead_time_days=5,
                   customer_number="PZ-1")
    assert (row.code, row.lead_time_days, row.active, row.product_count) == ("MEDI", 5, True, 0)
    assert row.changes.suppliers == {"MEDI"}
    with pytest.raises(errors.DuplicateCode):
        supplier(db, "MEDI", "Ander")
    for bad, error in ((dict(email="bestel-at-medi"), rules.InvalidEmail),
                       (dict(lead_time_days=366), rules.InvalidLeadTime),
                       (dict(name=""), errors.NameRequired)):
        with pytest.raises(error):
            values = SupplierValues(**{"name": "Medi", **bad})  # type: ignore[arg-type]
            masterdata.update_supplier(db, code="MEDI", values=values, actor=TESTER)
    assert masterdata.get_supplier(db, "medi") == row
    edited = masterdata.update_supplier(db, code="MEDI", values=SupplierValues(
        "Medi-Market Belgium", contact="An", phone="+32 11 22 33 44"), actor=TESTER)
    assert (edited.name, edited.contact, edited.email, edited.lead_time_days) == (
        "Medi-Market Belgium", "An", "", None)
    masterdata.retire_supplier(db, code="MEDI", actor=TESTER)
    assert masterdata.list_suppliers(db) == []
    assert [s.active for s in masterdata.list_suppliers(db, include_retired=True)] == [False]
    with pytest.raises(rules.SupplierRetired):
        masterdata.set_product_supplier(db, product_code=zone.gloves, supplier_code="MEDI",
                                        actor=TESTER)
    masterdata.reactivate_supplier(db, code="MEDI", actor=TESTER)
    with pytest.raises(rules.UnknownSupplier):
        masterdata.get_supplier(db, "NOPE")


def test_the_first_supplier_is_preferred_and_one_preferred_at_most(db, zone) -> None:  # type: ignore[no-untyped-def]
    supplier(db, "MEDI", "Medi-Market")
    supplier(db, "ZORG", "Zorgshop")
    first = masterdata.set_product_supplier(db, product_code=zone.gloves, supplier_code="MEDI",
                                            reference="HM-100", pack_size=10, actor=TESTER)
    assert [(s.supplier_code, s.preferred) for s in first.suppliers] == [("MEDI", True)]
    second = masterdata.set_product_supplier(db, product_code=zone.gloves,
                                             supplier_code="ZORG", pack_size=12, actor=TESTER)
    assert [(s.supplier_code, s.preferred) for s in second.suppliers] == [
        ("MEDI", True), ("ZORG", False)]
    swapped = masterdata.set_product_supplier(db, product_code=zone.gloves,
                                              supplier_code="ZORG", pack_size=12,
                                              preferred=True, actor=TESTER)
    assert [(s.supplier_code, s.preferred) for s in swapped.suppliers] == [
        ("ZORG", True), ("MEDI", False)]
    [listed] = masterdata.list_products(db, text=zone.gloves)
    assert listed.supplier == "Zorgshop"
    assert masterdata.get_supplier(db, "MEDI").product_count == 1
    with pytest.raises(rules.InvalidPackSize):
        masterdata.set_product_supplier(db, product_code=zone.gloves, supplier_code="MEDI",
                                        pack_size=0, actor=TESTER)
    left = masterdata.remove_product_supplier(db, product_code=zone.gloves,
                                              supplier_code="ZORG", actor=TESTER)
    assert [(s.supplier_code, s.preferred, s.reference) for s in left.suppliers] == [
        ("MEDI", True, "HM-100")]
    with pytest.raises(rules.UnknownProductSupplier):
        masterdata.remove_product_supplier(db, product_code=zone.gloves, supplier_code="ZORG",
                                           actor=TESTER)


# --- locations ------------------------------------------------------------------------------

def paths(db) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return {code: path for code, path in session.execute(
            select(Location.code, Location.path))}


def test_a_location_is_renamed_and_its_code_stays(db, zone) -> None:  # type: ignore[no-untyped-def]
    row = masterdata.rename_location(db, code=zone.cabinet, name="Kast 1 — testen",
                                     actor=TESTER)
    assert (row.code, row.name) == (zone.cabinet, "Kast 1 — testen")
    assert row.changes.locations == {zone.cabinet}
    with pytest.raises(errors.NameRequired):
        masterdata.rename_location(db, code=zone.cabinet, name=" ", actor=TESTER)


def test_a_move_carries_the_whole_subtree_and_its_stock_along(db, zone) -> None:  # type: ignore[no-untyped-def]
    masterdata.create_location(db, code="GENK-KAST1-P1", name="Plank 1", kind="shelf",
                               parent_code=zone.cabinet, actor=TESTER)
    deliver(db, zone.gloves, "GENK-KAST1-P1", 7)
    before = paths(db)
    moved = masterdata.move_location(db, code=zone.cabinet, parent_code=zone.other_storeroom,
                                     actor=TESTER)
    after = paths(db)
    assert moved.parent_code == zone.other_storeroom
    assert moved.changes.locations == {zone.cabinet, "GENK-KAST1-P1"}
    assert after[zone.cabinet] == f"{after[zone.other_storeroom]}{after[zone.cabinet].split('/')[-2]}/"
    assert after["GENK-KAST1-P1"].startswith(after[zone.cabinet])
    assert {code: p for code, p in after.items() if code not in moved.changes.locations} == {
        code: p for code, p in before.items() if code not in moved.changes.locations}
    # The Bree storeroom's stock now counts the shelf's 7 (the overview sums a subtree).
    bree = stock_overview(db, location_code=zone.other_storeroom)
    assert [(r.location_code, r.quantity) for r in bree] == [("GENK-KAST1-P1", 7)]
    listed = {row.code: row for row in masterdata.list_locations(db)}
    assert listed["GENK-KAST1-P1"].depth == listed[zone.cabinet].depth + 1


def test_a_move_under_itself_its_subtree_or_a_zone_under_anything_is_refused(db, zone) -> None:  # type: ignore[no-untyped-def]
    before = paths(db)
    cases = [(zone.site, zone.cabinet, rules.MoveIntoOwnSubtree),
             (zone.site, zone.site, rules.MoveIntoOwnSubtree),
             (zone.zone, zone.site, rules.ZoneStaysRoot),
             (zone.cabinet, None, rules.ParentRequired),
             (zone.cabinet, "NERGENS", errors.UnknownLocation)]
    for code, parent, error in cases:
        with pytest.raises(error):
            masterdata.move_location(db, code=code, parent_code=parent, actor=TESTER)
    assert paths(db) == before


def test_a_location_with_stock_retires_only_with_a_transfer_and_the_ledger_agrees(db, zone) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone.gloves, zone.cabinet, 6)
    deliver(db, zone.drug_test, zone.cabinet, 3, lot_number="L1", expiry=LATER)
    deliver(db, zone.drug_test, zone.cabinet2, 2, lot_number="L1", expiry=LATER)
    before = take_snapshot(db)
    with pytest.raises(rules.LocationHoldsStock) as refused:
        masterdata.retire_location(db, code=zone.cabinet, actor=TESTER)
    assert "9" in refused.value.message()
    for target, error in ((zone.cabinet, rules.TransferToSelf),
                          (zone.site, errors.NoStockLocation),
                          ("NERGENS", errors.UnknownLocation)):
        with pytest.raises(error):
            masterdata.retire_location(db, code=zone.cabinet, transfer_to=target, actor=TESTER)
    assert take_snapshot(db) == before
    with db.read() as session:
        bookings = session.execute(select(func.count()).select_from(Booking)).scalar_one()
    row = masterdata.retire_location(db, code=zone.cabinet, transfer_to=zone.cabinet2,
                                     actor=TESTER)
    assert not row.active
    assert {(zone.gloves, zone.cabinet2), (zone.drug_test, zone.cabinet)} <= row.changes.stock
    assert verify_stock_levels(db) == []
    levels = {(r.product_code, r.location_code): r.quantity for r in stock_overview(db)}
    assert levels[(zone.gloves, zone.cabinet2)] == 6
    assert levels[(zone.drug_test, zone.cabinet2)] == 5
    assert levels.get((zone.gloves, zone.cabinet), 0) == 0
    with db.read() as session:
        assert session.execute(select(func.count()).select_from(Booking)).scalar_one() == (
            bookings + 1)
        kinds = session.execute(select(StockMovement.kind, func.sum(StockMovement.quantity))
                                .join(Booking, Booking.id == StockMovement.booking_id)
                                .where(Booking.command == "masterdata.retire_location")
                                .group_by(StockMovement.kind)).all()
    assert dict(kinds) == {"transfer_out": -9, "transfer_in": 9}
    # Gone from the pickers, kept in history; it can come back.
    assert zone.cabinet not in [r.code for r in masterdata.list_locations(db)]
    assert [r.active for r in masterdata.list_locations(db, include_retired=True)
            if r.code == zone.cabinet] == [False]
    # Nothing can be booked at it any more (a typed code on the command line included).
    before = take_snapshot(db)
    with pytest.raises(rules.LocationRetired) as refused:
        deliver(db, zone.gloves, zone.cabinet, 1)
    assert "buiten gebruik" in refused.value.message()
    assert take_snapshot(db) == before
    assert masterdata.reactivate_location(db, code=zone.cabinet, actor=TESTER).active


def test_a_location_with_places_or_kits_under_it_does_not_retire(db, zone) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(rules.LocationHasChildren) as refused:
        masterdata.retire_location(db, code=zone.storeroom, actor=TESTER)
    assert "2" in refused.value.message()
    kits.create_kit_type(db, code="FAK", name="First Aid Kit", interval_months_building=12,
                         interval_months_vehicle=6, actor=TESTER,
                         items=[kits.TemplateItemInput(zone.gloves, 1)])
    kits.register_kit(db, code="K-1", kit_type_code="FAK", location_code=zone.cabinet2,
                      actor=TESTER)
    with pytest.raises(rules.LocationHasKits):
        masterdata.retire_location(db, code=zone.cabinet2, actor=TESTER)
    kits.retire_kit(db, code="K-1", reason="weg", actor=TESTER)
    masterdata.retire_location(db, code=zone.cabinet2, actor=TESTER)
    # A retired parent takes no new places and no moves under it, and a child cannot return
    # under it.
    with pytest.raises(rules.LocationRetired):
        masterdata.create_location(db, code="K2-P1", name="Plank", kind="shelf",
                                   parent_code=zone.cabinet2, actor=TESTER)
    with pytest.raises(rules.LocationRetired):
        masterdata.move_location(db, code=zone.cabinet, parent_code=zone.cabinet2,
                                 actor=TESTER)


# --- minimums -------------------------------------------------------------------------------

def test_a_minimum_with_a_maximum_and_the_list(db, zone) -> None:  # type: ignore[no-untyped-def]
    row = masterdata.set_minimum(db, product_code=zone.gloves, location_code=zone.storeroom,
                                 minimum=10, maximum=40, actor=TESTER)
    assert (row.minimum, row.maximum, row.location_name) == (10, 40, "Magazijn Genk")
    masterdata.set_minimum(db, product_code=zone.drug_test, location_code=zone.cabinet,
                           minimum=2, actor=TESTER)
    with pytest.raises(masterdata.MaximumBelowMinimum):
        masterdata.set_minimum(db, product_code=zone.gloves, location_code=zone.storeroom,
                               minimum=10, maximum=9, actor=TESTER)
    listed = [(m.product_code, m.location_code, m.minimum, m.maximum)
              for m in masterdata.list_minimums(db)]
    assert listed == [(zone.drug_test, zone.cabinet, 2, None),
                      (zone.gloves, zone.storeroom, 10, 40)]
    assert [m.minimum for m in masterdata.list_minimums(db, product_code=zone.gloves)] == [10]
    assert [m.maximum for m in masterdata.get_product_details(db, zone.gloves).minimums] == [40]
    masterdata.set_minimum(db, product_code=zone.gloves, location_code=zone.storeroom,
                           minimum=0, actor=TESTER)
    assert masterdata.list_minimums(db, location_code=zone.storeroom) == []


def test_a_text_too_long_for_its_column_is_refused_before_anything_is_written(db, zone) -> None:  # type: ignore[no-untyped-def]
    from carma_logistiek.domain.text import TextTooLong

    assert update(db, zone.gloves, name="N" * 160).name == "N" * 160
    for changes in (dict(name="N" * 161), dict(notes="n" * 2001), dict(category="c" * 65)):
        with pytest.raises(TextTooLong):
            update(db, zone.gloves, **changes)
    with pytest.raises(TextTooLong):
        supplier(db, "LANG", "L" * 121)
    with pytest.raises(TextTooLong):
        masterdata.rename_location(db, code=zone.cabinet, name="K" * 121, actor=TESTER)


def test_a_retired_product_says_since_when_as_people_write_dates(db, zone) -> None:  # type: ignore[no-untyped-def]
    masterdata.retire_product(db, code=zone.gloves, actor=TESTER)
    with pytest.raises(rules.ProductRetired) as refused:
        deliver(db, zone.gloves, zone.storeroom, 1)
    assert local_today().strftime("%d/%m/%Y") in refused.value.message()
