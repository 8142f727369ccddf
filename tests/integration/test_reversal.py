"""Storno end to end on SQLite and PostgreSQL: a booking made by mistake is reversed by a
booking of its own, nothing deleted; the refusals change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from carma_logistiek.clock import local_today
from carma_logistiek.db.models import Booking, StockMovement
from carma_logistiek.domain import reversal as rules
from carma_logistiek.domain.orders import OrderStatus
from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.services import kits, orders
from carma_logistiek.services import stock as st
from carma_logistiek.services.stock.overview import (
    movement_history,
    product_detail,
    recent_bookings_attention,
    verify_stock_levels,
)
from carma_logistiek.services.stock.reversal import (
    booking_movements,
    booking_to_reverse,
    last_reversible_booking,
)
from tests.support.actors import TESTER, person

LATER = local_today() + timedelta(days=300)


def level(db, location: str, product: str) -> int:  # type: ignore[no-untyped-def]
    detail = product_detail(db, product, location_code=location)
    return sum(lot.quantity for lot in detail.lots if lot.location_code == location)


def gloves_in(db, zone, quantity: int = 20):  # type: ignore[no-untyped-def]
    return st.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                              quantity=quantity, actor=TESTER)


def reverse(db, booking_id: int, reason: str = "verkeerd product gescand", **kw):  # type: ignore[no-untyped-def]
    return st.reverse_booking(db, booking_id=booking_id, reason=reason, actor=TESTER, **kw)


def test_a_reversed_pickup_puts_the_stock_back_with_two_pointed_lines(db, zone) -> None:  # type: ignore[no-untyped-def]
    gloves_in(db, zone)
    pickup = st.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                              quantity=3, actor=TESTER)
    assert level(db, zone.storeroom, zone.gloves) == 17

    storno = reverse(db, pickup.booking_id)

    assert level(db, zone.storeroom, zone.gloves) == 20
    assert storno.kind is MovementKind.REVERSAL and not storno.replayed
    assert [(line.quantity, line.level_after) for line in storno.lines] == [(3, 20)]
    assert storno.changes.stock == {(zone.gloves, zone.storeroom)}
    with db.read() as session:
        booking = session.get_one(Booking, storno.booking_id)
        assert (booking.kind, booking.note, booking.reverses_booking_id) == (
            "reversal", "verkeerd product gescand", pickup.booking_id)
        original, line = session.execute(
            select(StockMovement.id, StockMovement.kind, StockMovement.quantity,
                   StockMovement.reverses_movement_id)
            .where(StockMovement.booking_id.in_([pickup.booking_id, storno.booking_id]))
            .order_by(StockMovement.id)).all()
    assert tuple(line[1:]) == ("pickup", 3, original[0])
    assert tuple(original[1:]) == ("pickup", -3, None)  # the original line is left as it was
    history = {row.booking_id: row for row in movement_history(
        db, product_code=zone.gloves, location_code=zone.storeroom)}
    assert history[pickup.booking_id].reversed_by == storno.booking_id
    assert history[storno.booking_id].reverses == pickup.booking_id
    assert history[storno.booking_id].note == "verkeerd product gescand"
    assert verify_stock_levels(db) == []
    newest = recent_bookings_attention(db).lines[0].text
    assert " · Storno · 3 x Wegwerphandschoenen M — Magazijn Genk" in newest


def test_a_booking_is_reversed_once_and_the_second_try_names_the_first(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    gloves_in(db, zone)
    pickup = st.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                              quantity=2, actor=TESTER)
    first = reverse(db, pickup.booking_id)
    before = snapshot(db)
    with pytest.raises(rules.AlreadyReversed) as refused:
        st.reverse_booking(db, booking_id=pickup.booking_id, reason="nog eens",
                           actor=person("an"))
    assert f"#{first.booking_id}" in str(refused.value)
    assert TESTER.user in str(refused.value)
    assert snapshot(db) == before


def test_a_storno_is_not_reversed_again(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    gloves_in(db, zone)
    pickup = st.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                              quantity=2, actor=TESTER)
    storno = reverse(db, pickup.booking_id)
    before = snapshot(db)
    with pytest.raises(rules.StornoNotReversible) as refused:
        reverse(db, storno.booking_id)
    assert "opnieuw" in str(refused.value)
    assert snapshot(db) == before


def test_a_reason_is_required_and_an_unknown_booking_is_named(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    delivery = gloves_in(db, zone)
    before = snapshot(db)
    with pytest.raises(rules.ReversalReasonRequired):
        reverse(db, delivery.booking_id, reason="   ")
    with pytest.raises(rules.UnknownBooking) as unknown:
        reverse(db, 99_999)
    assert "#99999" in str(unknown.value)
    assert snapshot(db) == before


def test_a_delivery_already_handed_out_cannot_be_reversed(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    delivery = gloves_in(db, zone, 5)
    st.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom, quantity=4,
                     actor=TESTER)
    before = snapshot(db)
    with pytest.raises(rules.ReversalWouldGoNegative) as refused:
        reverse(db, delivery.booking_id)
    message = str(refused.value)
    assert "er is nog 1 doos Wegwerphandschoenen M op Magazijn Genk" in message
    assert "neemt er 5 weg" in message
    assert snapshot(db) == before
    preview = booking_to_reverse(db, delivery.booking_id)
    assert isinstance(preview.refusal, rules.ReversalWouldGoNegative)
    assert [(line.storno_quantity, line.level_after) for line in preview.lines] == [(-5, -4)]


def test_a_delivery_on_an_order_line_gives_the_order_its_quantity_back(db, zone) -> None:  # type: ignore[no-untyped-def]
    order = orders.create_order(db, supplier="Medi-Market", location_code=zone.storeroom,
                                lines=[(zone.gloves, 10)], actor=TESTER)
    orders.mark_ordered(db, order.number, actor=TESTER)
    line_id = orders.get_order(db, order.number).lines[0].id
    received = orders.receive_order_line(db, order_line_id=line_id, quantity=10, actor=TESTER)
    assert orders.get_order(db, order.number).status is OrderStatus.DELIVERED

    storno = reverse(db, received.booking_id, "geleverd op de verkeerde bestelling")

    after = orders.get_order(db, order.number)
    assert after.status is OrderStatus.ORDERED
    assert after.lines[0].quantity_received == 0
    assert storno.changes.orders == {order.number}
    assert level(db, zone.storeroom, zone.gloves) == 0
    # The storno's line keeps the order line: the ledger per order line still adds up.
    rows = booking_movements(db, storno.booking_id)
    assert [(row.quantity, row.order_number) for row in rows] == [(-10, order.number)]


def test_a_partly_received_order_reopens_partly_delivered(db, zone) -> None:  # type: ignore[no-untyped-def]
    order = orders.create_order(db, supplier="Medi-Market", location_code=zone.storeroom,
                                lines=[(zone.gloves, 10)], actor=TESTER)
    orders.mark_ordered(db, order.number, actor=TESTER)
    line_id = orders.get_order(db, order.number).lines[0].id
    orders.receive_order_line(db, order_line_id=line_id, quantity=4, actor=TESTER)
    second = orders.receive_order_line(db, order_line_id=line_id, quantity=6, actor=TESTER)
    reverse(db, second.booking_id)
    after = orders.get_order(db, order.number)
    assert (after.status, after.lines[0].quantity_received) == (
        OrderStatus.PARTIALLY_DELIVERED, 4)


def test_a_transfer_is_reversed_on_both_sides_in_one_booking(db, zone) -> None:  # type: ignore[no-untyped-def]
    gloves_in(db, zone, 10)
    moved = st.record_transfer(db, product_code=zone.gloves, from_location=zone.storeroom,
                               to_location=zone.cabinet, quantity=4, actor=TESTER)
    storno = reverse(db, moved.booking_id)
    assert level(db, zone.storeroom, zone.gloves) == 10
    assert level(db, zone.cabinet, zone.gloves) == 0
    assert sorted((line.location_code, line.quantity) for line in storno.lines) == [
        (zone.cabinet, -4), (zone.storeroom, 4)]
    assert {row.kind for row in booking_movements(db, storno.booking_id)} == {
        MovementKind.TRANSFER_OUT, MovementKind.TRANSFER_IN}
    assert verify_stock_levels(db) == []


def test_a_count_goes_back_to_the_level_before_it(db, zone) -> None:  # type: ignore[no-untyped-def]
    gloves_in(db, zone, 12)
    counted = st.record_count(db, location_code=zone.storeroom,
                              lines=[st.CountLine(zone.gloves, 2)], actor=TESTER)
    assert level(db, zone.storeroom, zone.gloves) == 2
    reverse(db, counted.booking_id, "in de verkeerde kast geteld")
    assert level(db, zone.storeroom, zone.gloves) == 12


def test_a_kit_check_booking_is_corrected_on_the_kit_not_reversed(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    from carma_logistiek.domain.kits import LineOutcome

    gloves_in(db, zone)
    kits.create_kit_type(db, code="FAK", name="First Aid Kit", interval_months_building=12,
                         interval_months_vehicle=6, actor=TESTER,
                         items=[kits.TemplateItemInput(zone.gloves, 1)])
    kits.register_kit(db, code="K-1", kit_type_code="FAK", location_code=zone.storeroom,
                      actor=TESTER)
    lines = [kits.CheckLineInput(content.item.id, LineOutcome.MISSING, replace=1)
             for content in kits.kit_detail(db, "K-1").contents]
    check = kits.record_check(db, code="K-1", lines=lines, stock_location_code=zone.storeroom,
                              actor=TESTER)
    assert check.stock_booking is not None
    before = snapshot(db)
    with pytest.raises(rules.KitBookingNotReversible) as refused:
        reverse(db, check.stock_booking.booking_id)
    assert "K-1" in str(refused.value) and "hercontrole" in str(refused.value)
    assert snapshot(db) == before


def test_the_same_key_answers_the_first_storno(db, zone) -> None:  # type: ignore[no-untyped-def]
    gloves_in(db, zone)
    pickup = st.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                              quantity=5, actor=TESTER)
    first = reverse(db, pickup.booking_id, key="storno-1")
    again = reverse(db, pickup.booking_id, key="storno-1")
    assert again.replayed and again.booking_id == first.booking_id
    assert again.kind is MovementKind.REVERSAL
    assert again.lines == first.lines
    assert level(db, zone.storeroom, zone.gloves) == 20


def test_the_last_booking_offered_skips_stornos_and_reversed_ones(db, zone) -> None:  # type: ignore[no-untyped-def]
    delivery = gloves_in(db, zone)
    pickup = st.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                              quantity=5, actor=TESTER)
    assert last_reversible_booking(db, product_code=zone.gloves,
                                   location_code=zone.storeroom) == pickup.booking_id
    reverse(db, pickup.booking_id)
    assert last_reversible_booking(db, product_code=zone.gloves,
                                   location_code=zone.storeroom) == delivery.booking_id
    assert last_reversible_booking(db, product_code=zone.gloves,
                                   location_code=zone.cabinet) is None


def test_two_desks_reversing_the_same_booking_at_once_book_one_storno(db, zone) -> None:  # type: ignore[no-untyped-def]
    import threading

    gloves_in(db, zone)
    pickup = st.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                              quantity=5, actor=TESTER)
    outcomes: list[object] = []
    start = threading.Barrier(2)

    def desk(name: str) -> None:
        start.wait()
        try:
            outcomes.append(st.reverse_booking(db, booking_id=pickup.booking_id,
                                               reason=f"fout ({name})", actor=person(name)))
        except Exception as error:  # the refusal is what is checked
            outcomes.append(error)

    threads = [threading.Thread(target=desk, args=(name,)) for name in ("an", "jan")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(outcomes) == 2 and len(refused) == 1
    assert isinstance(refused[0], rules.AlreadyReversed)
    assert level(db, zone.storeroom, zone.gloves) == 20
    assert verify_stock_levels(db) == []
