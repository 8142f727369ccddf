"""The order list (bestellijst): its figures, and the purchase orders it turns into."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from carma_logistiek.db.models import PurchaseOrder, Supplier
from carma_logistiek.domain import errors
from carma_logistiek.domain.orders import OrderStatus
from carma_logistiek.domain.reordering import (
    InvalidConsumptionDays,
    LineWithoutSupplier,
    NothingChosen,
    SupplierRetired,
    UnknownSupplier,
)
from carma_logistiek.services import orders as po
from carma_logistiek.services import reordering as ro
from carma_logistiek.services import stock as st
from tests.support.actors import TESTER
from tests.support.builder import Builder, Zone
from tests.support.suppliers import add_supplier, link_supplier, minimum_and_maximum

LOT_EXPIRY = date(2031, 1, 1)


def seed_order_list(db, zone: Zone) -> None:  # type: ignore[no-untyped-def]
    """Two suppliers; drug tests short at both storerooms (Bree with a maximum), mouthpieces
    short at Genk with some already ordered, gloves short at Genk, gloves at Bree exactly
    covered by a request, and plasters short at Bree without any supplier."""
    b = Builder(db).product("PLS", "Pleisters", unit="doos")
    add_supplier(db, "DRAGER", "Dräger Safety Belgium", lead_time_days=7)
    add_supplier(db, "MEDI", "Medi-Market")  # no lead time: 14 days
    link_supplier(db, zone.drug_test, "DRAGER", pack_size=10, reference="DW-6S")
    link_supplier(db, zone.mouthpiece, "DRAGER", pack_size=25)
    link_supplier(db, zone.gloves, "MEDI", pack_size=6, reference="HM-100")
    link_supplier(db, zone.gloves, "DRAGER", pack_size=50, preferred=False)
    b.delivery(zone.drug_test, zone.storeroom, 30, lot="L1", expiry=LOT_EXPIRY)
    b.delivery(zone.drug_test, zone.other_storeroom, 4, lot="L1", expiry=LOT_EXPIRY)
    b.delivery(zone.mouthpiece, zone.storeroom, 20, lot="M1", expiry=LOT_EXPIRY)
    b.delivery(zone.gloves, zone.storeroom, 3)
    for quantity in (10, 8):
        st.record_pickup(db, product_code=zone.drug_test, location_code=zone.storeroom,
                         quantity=quantity, actor=TESTER)
    st.record_consumption(db, product_code=zone.mouthpiece, location_code=zone.storeroom,
                          quantity=5, actor=TESTER)
    b.minimum(zone.drug_test, zone.storeroom, 20)
    minimum_and_maximum(db, zone.drug_test, zone.other_storeroom, 10, 30)
    b.minimum(zone.mouthpiece, zone.storeroom, 50).minimum(zone.gloves, zone.storeroom, 10)
    b.minimum(zone.gloves, zone.other_storeroom, 5).minimum("PLS", zone.other_storeroom, 5)
    ordered = po.create_order(db, supplier="Dräger", location_code=zone.storeroom,
                              lines=[(zone.mouthpiece, 20)], actor=TESTER)
    po.mark_ordered(db, ordered.number, actor=TESTER)
    po.create_order(db, supplier="Medi-Market", location_code=zone.other_storeroom,
                    lines=[(zone.gloves, 5)], actor=TESTER)


def figures(order_list: ro.OrderList) -> list[tuple[object, ...]]:
    return [(line.supplier_code, line.product_code, line.location_code, line.on_hand,
             line.on_order, line.minimum, line.maximum, line.consumed, line.target,
             line.suggested) for line in order_list.lines]


def choices(order_list: ro.OrderList, **quantities: int) -> tuple[ro.OrderListChoice, ...]:
    return tuple(ro.OrderListChoice(line.product_code, line.location_code, line.supplier_code,
                                    quantities.get(line.product_code, line.suggested))
                 for line in order_list.lines if line.supplier_code is not None)


def test_the_list_shows_what_is_short_with_its_suggestion(db, zone) -> None:  # type: ignore[no-untyped-def]
    seed_order_list(db, zone)
    listed = ro.order_list(db)
    assert figures(listed) == [
        # Bree: up to its maximum 30 from 4 = 26, in packs of 10.
        ("DRAGER", zone.drug_test, zone.other_storeroom, 4, 0, 10, 30, 0, 30, 30),
        # 15 + 20 ordered < 50; 5 used in 90 days x (7 + 30) = 2.06 -> 3; 53 - 35 = 18 -> 25.
        ("DRAGER", zone.mouthpiece, zone.storeroom, 15, 20, 50, None, 5, 53, 25),
        # 18 used: 18 x 37 / 90 = 7.4 -> 8; target 28; 28 - 12 = 16 -> 2 packs of 10.
        ("DRAGER", zone.drug_test, zone.storeroom, 12, 0, 20, None, 18, 28, 20),
        # Medi-Market has no lead time: 14 days; nothing used; 10 - 3 = 7 -> 2 packs of 6.
        ("MEDI", zone.gloves, zone.storeroom, 3, 0, 10, None, 0, 10, 12),
        # No supplier: last, in whole units.
        (None, "PLS", zone.other_storeroom, 0, 0, 5, None, 0, 5, 5),
    ]
    # Gloves at Bree: 0 on hand + 5 requested is exactly the minimum, so not listed.
    line = listed.lines[2]
    assert (line.supplier_name, line.reference, line.pack_size, line.lead_time_days) == (
        "Dräger Safety Belgium", "DW-6S", 10, 7)
    assert line.reason.startswith("onder minimum 20: 12 in voorraad, 0 besteld; "
                                  "verbruik 18 in 90 dagen")
    assert listed.supplier_codes() == ["DRAGER", "MEDI", None]


def test_the_filters_and_the_window(db, zone) -> None:  # type: ignore[no-untyped-def]
    seed_order_list(db, zone)
    assert {line.product_code for line in ro.order_list(db, supplier_code="medi").lines} == {
        zone.gloves}
    assert {(line.product_code, line.location_code)
            for line in ro.order_list(db, location_code=zone.other_site).lines} == {
        (zone.drug_test, zone.other_storeroom), ("PLS", zone.other_storeroom)}
    # 18 used in the last 30 days instead of 90: 18 x 37 / 30 = 22.2 -> 23; 43 - 12 -> 40.
    genk = {line.product_code: line for line in ro.order_list(
        db, location_code=zone.storeroom, days=30).lines}
    assert (genk[zone.drug_test].target, genk[zone.drug_test].suggested) == (43, 40)
    with pytest.raises(UnknownSupplier):
        ro.order_list(db, supplier_code="NOPE")
    with pytest.raises(errors.UnknownLocation):
        ro.order_list(db, location_code="NOPE")
    with pytest.raises(InvalidConsumptionDays):
        ro.order_list(db, days=0)


def test_the_list_turns_into_orders_per_supplier_and_location_once(db, zone) -> None:  # type: ignore[no-untyped-def]
    seed_order_list(db, zone)
    before = ro.order_list(db)
    chosen = choices(before, **{zone.mouthpiece: 5})  # fewer mouthpieces than suggested
    made = ro.create_orders_from_list(db, lines=chosen, actor=TESTER, key="lijst-1")

    assert not made.replayed and len(made.orders) == 3
    by_place = {(order.supplier, order.location_code): order for order in made.orders}
    assert set(by_place) == {("Dräger Safety Belgium", zone.other_storeroom),
                             ("Dräger Safety Belgium", zone.storeroom),
                             ("Medi-Market", zone.storeroom)}
    genk = by_place[("Dräger Safety Belgium", zone.storeroom)]
    assert genk.status is OrderStatus.REQUESTED and genk.created_by == TESTER.user
    assert sorted((line.product_code, line.quantity_ordered) for line in genk.lines) == [
        (zone.mouthpiece, 5), (zone.drug_test, 20)]
    assert [(line.product_code, line.quantity_ordered)
            for line in by_place[("Medi-Market", zone.storeroom)].lines] == [(zone.gloves, 12)]
    assert made.changes.orders == frozenset(made.numbers)
    assert (zone.drug_test, zone.other_storeroom) in made.changes.stock
    with db.read() as session:
        linked = dict(session.execute(
            select(PurchaseOrder.number, Supplier.code)
            .join(Supplier, Supplier.id == PurchaseOrder.supplier_id)
            .where(PurchaseOrder.number.in_(made.numbers))).all())
        count = session.execute(select(func.count()).select_from(PurchaseOrder)).scalar_one()
    assert linked == {number: "MEDI" if order.supplier == "Medi-Market" else "DRAGER"
                      for number, order in zip(made.numbers, made.orders, strict=True)}

    again = ro.create_orders_from_list(db, lines=chosen, actor=TESTER, key="lijst-1")
    assert again.replayed and again.numbers == made.numbers
    with db.read() as session:
        assert session.execute(select(func.count()).select_from(PurchaseOrder)).scalar_one() \
            == count
    with pytest.raises(errors.IdempotencyConflict):
        ro.create_orders_from_list(db, lines=chosen[:1], actor=TESTER, key="lijst-1")

    after = {line.key: line for line in ro.order_list(db).lines}
    # What was ordered in full is no longer suggested; the mouthpieces show what is on order.
    assert set(after) == {(zone.mouthpiece, zone.storeroom), ("PLS", zone.other_storeroom)}
    mouthpieces = after[(zone.mouthpiece, zone.storeroom)]
    assert (mouthpieces.on_order, mouthpieces.suggested) == (25, 25)  # 53 - 40 = 13 -> 25


def test_a_bad_choice_creates_nothing(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    seed_order_list(db, zone)
    listed = ro.order_list(db)
    before = snapshot(db)
    without = ro.OrderListChoice("PLS", zone.other_storeroom, None, 5)
    for lines, error in [
        ((), NothingChosen),
        ((*choices(listed), without), LineWithoutSupplier),
        ((ro.OrderListChoice(zone.gloves, zone.storeroom, "NOPE", 6),), UnknownSupplier),
        ((ro.OrderListChoice(zone.gloves, zone.storeroom, "MEDI", 0),), errors.InvalidQuantity),
        ((ro.OrderListChoice(zone.gloves, zone.site, "MEDI", 6),), errors.NoStockLocation),
    ]:
        with pytest.raises(error):
            ro.create_orders_from_list(db, lines=lines, actor=TESTER)
    assert snapshot(db) == before
    add_supplier(db, "OUD", "Oude leverancier", active=False)
    with pytest.raises(SupplierRetired):
        ro.create_orders_from_list(db, lines=(ro.OrderListChoice(
            zone.gloves, zone.storeroom, "OUD", 6),), actor=TESTER)
    assert "geen leverancier" in LineWithoutSupplier(product="PLS", location="BREE").message()


def test_a_reversed_pickup_is_no_consumption(db, zone) -> None:  # type: ignore[no-untyped-def]
    seed_order_list(db, zone)

    def drug_tests_at_genk() -> tuple[int, int, int]:
        line = next(line for line in ro.order_list(db).lines
                    if line.key == (zone.drug_test, zone.storeroom))
        return line.on_hand, line.consumed, line.suggested

    assert drug_tests_at_genk() == (12, 18, 20)
    mistake = st.record_pickup(db, product_code=zone.drug_test, location_code=zone.storeroom,
                               quantity=6, actor=TESTER)
    assert drug_tests_at_genk() == (6, 24, 30)  # 24 x 37 / 90 -> 10; 30 - 6 = 24 -> 30
    st.reverse_booking(db, booking_id=mistake.booking_id, reason="verkeerd product",
                       actor=TESTER)
    assert drug_tests_at_genk() == (12, 18, 20)
