"""A basket of scanned lines books in one transaction; a location count books the differences
and remembers when the location was counted."""

from __future__ import annotations

from datetime import date

import pytest

from carma_logistiek.domain.errors import InsufficientStock, UnknownProduct
from carma_logistiek.services import masterdata, stock
from carma_logistiek.services.results import Recipient
from carma_logistiek.services.stock.counting import compare_count, count_sheet
from carma_logistiek.services.stock.overview import verify_stock_levels
from tests.support.actors import person

TODAY = date(2026, 11, 22)


def _stock_up(db, zone) -> None:  # type: ignore[no-untyped-def]
    stock.record_delivery(db, product_code=zone.drug_test, location_code=zone.storeroom,
                          quantity=3, lot_number="A1", expiry=date(2027, 1, 31), actor=person("t"))
    stock.record_delivery(db, product_code=zone.drug_test, location_code=zone.storeroom,
                          quantity=10, lot_number="B2", expiry=date(2027, 6, 30), actor=person("t"))
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=5, actor=person("t"))


def test_basket_books_every_line_in_one_booking_with_fefo_over_merged_lines(db, zone) -> None:  # type: ignore[no-untyped-def]
    masterdata.create_location(db, code="VITO-01", name="Combi VITO-01", kind="vehicle",
                               parent_code=zone.site, actor=person("t"))
    _stock_up(db, zone)
    result = stock.record_pickup_basket(
        db, location_code=zone.storeroom, actor=person("t"), today=TODAY,
        recipient=Recipient("vehicle", "VITO-01"),
        lines=[stock.BasketLine(zone.drug_test, 2), stock.BasketLine(zone.gloves, 1),
               stock.BasketLine(zone.drug_test, 2)])
    taken = {(line.product_code, line.lot_number): line.quantity for line in result.lines}
    # 4 drug tests in total: the 3 of the lot that expires first, then 1 of the next.
    assert taken == {(zone.drug_test, "A1"): -3, (zone.drug_test, "B2"): -1,
                     (zone.gloves, ""): -1}
    assert len({line.lot_number for line in result.lines}) == 3
    assert verify_stock_levels(db) == []


def test_basket_with_one_bad_line_books_nothing(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    _stock_up(db, zone)
    before = snapshot(db)
    with pytest.raises(InsufficientStock):
        stock.record_pickup_basket(db, location_code=zone.storeroom, actor=person("t"), today=TODAY,
                                   lines=[stock.BasketLine(zone.gloves, 1),
                                          stock.BasketLine(zone.drug_test, 50)])
    with pytest.raises(UnknownProduct):
        stock.record_pickup_basket(db, location_code=zone.storeroom, actor=person("t"), today=TODAY,
                                   lines=[stock.BasketLine(zone.gloves, 1),
                                          stock.BasketLine("GEEN-PRODUCT", 1)])
    assert snapshot(db) == before


def test_complete_count_books_missing_and_unexpected_and_remembers_when(db, zone) -> None:  # type: ignore[no-untyped-def]
    _stock_up(db, zone)
    sheet = count_sheet(db, zone.storeroom)
    assert sheet.last_counted_at is None
    assert {(line.product_code, line.lot_number, line.expected) for line in sheet.expected} == {
        (zone.drug_test, "A1", 3), (zone.drug_test, "B2", 10), (zone.gloves, "", 5)}
    found = {(zone.drug_test, "B2"): 9, (zone.mouthpiece, "M9"): 4}
    differences = {(d.product_code, d.lot_number): d.state
                   for d in compare_count(sheet, found)}
    assert differences == {(zone.drug_test, "A1"): "missing", (zone.drug_test, "B2"): "short",
                           (zone.gloves, ""): "missing", (zone.mouthpiece, "M9"): "unexpected"}
    result = stock.record_count(
        db, location_code=zone.storeroom, actor=person("clerk"), complete=True,
        lines=[stock.CountLine(zone.drug_test, 9, "B2"),
               stock.CountLine(zone.mouthpiece, 4, "M9", date(2028, 1, 31))])
    booked = {(line.product_code, line.lot_number): line.quantity for line in result.lines}
    assert booked == {(zone.drug_test, "A1"): -3, (zone.drug_test, "B2"): -1,
                      (zone.gloves, ""): -5, (zone.mouthpiece, "M9"): 4}
    after = count_sheet(db, zone.storeroom)
    assert after.last_counted_by == "clerk" and after.last_counted_at is not None
    assert {(line.product_code, line.expected) for line in after.expected} == {
        (zone.drug_test, 9), (zone.mouthpiece, 4)}
    assert verify_stock_levels(db) == []


def test_a_count_without_differences_is_still_remembered(db, zone) -> None:  # type: ignore[no-untyped-def]
    _stock_up(db, zone)
    result = stock.record_count(db, location_code=zone.storeroom, actor=person("clerk"),
                                lines=[stock.CountLine(zone.gloves, 5)])
    assert result.lines == ()
    assert count_sheet(db, zone.storeroom).last_counted_by == "clerk"
