"""Purchase orders from request to delivery (or cancellation) and the derived stock overview."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from carma_logistiek.domain import errors
from carma_logistiek.domain.orders import OrderStatus
from carma_logistiek.domain.stock import StockStatus
from carma_logistiek.services import masterdata as md
from carma_logistiek.services import orders as po
from carma_logistiek.services import stock as st
from carma_logistiek.services.stock.overview import (
    product_detail,
    stock_overview,
    sum_ledger,
    verify_stock_levels,
)
from tests.support.actors import TESTER, person

TODAY = date(2026, 3, 15)
ACTOR = TESTER


def new_order(db, zone, lines=None, **kw):  # type: ignore[no-untyped-def]
    return po.create_order(
        db,
        supplier="Dräger Safety Belgium",
        location_code=zone.storeroom,
        lines=lines or [(zone.drug_test, 10), (zone.gloves, 4)],
        actor=ACTOR,
        order_date=TODAY,
        **kw,
    )


def line_id(order, product_code: str) -> int:  # type: ignore[no-untyped-def]
    return next(line.id for line in order.lines if line.product_code == product_code)


# --- the life cycle ----------------------------------------------------------------------


def test_order_flow_to_delivered(db, zone) -> None:  # type: ignore[no-untyped-def]
    order = new_order(db, zone, note="jaarbestelling")
    assert order.status is OrderStatus.REQUESTED
    assert order.number == "B2026-0001" and order.created_by == ACTOR.user
    assert [
        (line.product_code, line.quantity_ordered, line.outstanding) for line in order.lines
    ] == [(zone.drug_test, 10, 10), (zone.gloves, 4, 4)]
    assert new_order(db, zone).number == "B2026-0002"

    ordered = po.mark_ordered(db, order.number, actor=person("aankoper"))
    assert ordered.status is OrderStatus.ORDERED and ordered.ordered_at is not None
    with pytest.raises(errors.OrderNotEditable):
        po.mark_ordered(db, order.number, actor=ACTOR)

    dt_line = line_id(ordered, zone.drug_test)
    result = po.receive_order_line(
        db,
        order_line_id=dt_line,
        quantity=6,
        actor=ACTOR,
        lot_number="L1",
        expiry=TODAY + timedelta(days=300),
    )
    assert result.lines[0].location_code == zone.storeroom
    partial = po.get_order(db, order.number)
    assert partial.status is OrderStatus.PARTIALLY_DELIVERED
    assert partial.quantity_received == 6
    assert product_detail(db, zone.drug_test).movements[0].order_number == order.number

    po.receive_order_line(db, order_line_id=dt_line, quantity=4, actor=ACTOR, lot_number="L1")
    assert po.get_order(db, order.number).status is OrderStatus.PARTIALLY_DELIVERED
    po.receive_order_line(
        db,
        order_line_id=line_id(ordered, zone.gloves),
        quantity=4,
        actor=ACTOR,
        location_code=zone.cabinet,
    )
    done = po.get_order(db, order.number)
    assert done.status is OrderStatus.DELIVERED
    assert sum_ledger(db, location_code=zone.cabinet) == {zone.gloves: 4}
    # the storeroom's subtree holds the cabinet
    assert sum_ledger(db, location_code=zone.storeroom) == {zone.drug_test: 10, zone.gloves: 4}
    assert verify_stock_levels(db) == []
    with pytest.raises(errors.OrderNotEditable):
        po.update_order(
            db,
            order.number,
            supplier="x",
            location_code=zone.storeroom,
            lines=[(zone.gloves, 1)],
            actor=ACTOR,
        )
    with pytest.raises(errors.OrderNotEditable):
        po.cancel_order(db, order.number, reason="te laat", actor=ACTOR)


def test_cancel_and_cancelled_orders_change_nothing(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    order = po.mark_ordered(db, new_order(db, zone).number, actor=ACTOR)
    with pytest.raises(errors.ReasonRequired):
        po.cancel_order(db, order.number, reason="  ", actor=ACTOR)
    cancelled = po.cancel_order(db, order.number, reason="leverancier failliet", actor=person("chef"))
    assert cancelled.status is OrderStatus.CANCELLED
    assert cancelled.cancel_reason == "leverancier failliet"
    before = snapshot(db)
    with pytest.raises(errors.OrderNotEditable) as info:
        po.update_order(
            db,
            order.number,
            supplier="Ander",
            location_code=zone.storeroom,
            lines=[(zone.gloves, 1)],
            actor=ACTOR,
        )
    assert "geannuleerd" in str(info.value)
    with pytest.raises(errors.OrderNotEditable):
        po.receive_order_line(
            db, order_line_id=line_id(order, zone.gloves), quantity=1, actor=ACTOR
        )
    with pytest.raises(errors.OrderNotEditable):
        po.cancel_order(db, order.number, reason="nogmaals", actor=ACTOR)
    with pytest.raises(errors.OrderNotEditable):
        po.mark_ordered(db, order.number, actor=ACTOR)
    assert snapshot(db) == before


def test_partially_delivered_order_can_be_cancelled_and_keeps_what_came(db, zone) -> None:  # type: ignore[no-untyped-def]
    order = po.mark_ordered(db, new_order(db, zone).number, actor=ACTOR)
    po.receive_order_line(db, order_line_id=line_id(order, zone.gloves), quantity=2, actor=ACTOR)
    po.cancel_order(db, order.number, reason="rest niet meer nodig", actor=ACTOR)
    assert sum_ledger(db, location_code=zone.storeroom) == {zone.gloves: 2}
    assert po.get_order(db, order.number).quantity_received == 2


def test_update_order(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    order = new_order(db, zone)
    po.receive_order_line(db, order_line_id=line_id(order, zone.gloves), quantity=3, actor=ACTOR)
    updated = po.update_order(
        db,
        order.number,
        supplier="Medi-Market",
        location_code=zone.cabinet,
        lines=[(zone.gloves, 5), (zone.mouthpiece, 100)],
        actor=ACTOR,
        note="aangepast",
    )
    assert updated.supplier == "Medi-Market" and updated.location_code == zone.cabinet
    assert {
        (line.product_code, line.quantity_ordered, line.quantity_received) for line in updated.lines
    } == {(zone.gloves, 5, 3), (zone.mouthpiece, 100, 0)}
    before = snapshot(db)
    with pytest.raises(errors.InvalidQuantity):  # below what was already received
        po.update_order(
            db,
            order.number,
            supplier="x",
            location_code=zone.storeroom,
            lines=[(zone.gloves, 2)],
            actor=ACTOR,
        )
    with pytest.raises(errors.OrderNotEditable):  # dropping a line that was received from
        po.update_order(
            db,
            order.number,
            supplier="x",
            location_code=zone.storeroom,
            lines=[(zone.mouthpiece, 1)],
            actor=ACTOR,
        )
    with pytest.raises(errors.UnknownProduct):
        po.update_order(
            db,
            order.number,
            supplier="x",
            location_code=zone.storeroom,
            lines=[(zone.gloves, 5), ("NOPE", 1)],
            actor=ACTOR,
        )
    assert snapshot(db) == before


def test_order_refusals(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(db)
    with pytest.raises(errors.OrderEmpty):
        po.create_order(db, supplier="x", location_code=zone.storeroom, lines=[], actor=ACTOR)
    with pytest.raises(errors.SupplierRequired):
        po.create_order(
            db, supplier=" ", location_code=zone.storeroom, lines=[(zone.gloves, 1)], actor=ACTOR
        )
    with pytest.raises(errors.InvalidQuantity):
        new_order(db, zone, lines=[(zone.gloves, 0)])
    with pytest.raises(errors.UnknownProduct):
        new_order(db, zone, lines=[(zone.gloves, 1), ("NOPE", 2)])
    with pytest.raises(errors.NoStockLocation):
        po.create_order(
            db, supplier="x", location_code=zone.site, lines=[(zone.gloves, 1)], actor=ACTOR
        )
    with pytest.raises(errors.UnknownOrder):
        po.get_order(db, "B1999-0001")
    with pytest.raises(errors.UnknownOrderLine):
        po.receive_order_line(db, order_line_id=424242, quantity=1, actor=ACTOR)
    assert snapshot(db) == before
    # a failed create does not burn an order number
    assert new_order(db, zone).number == "B2026-0001"


def test_delivery_on_a_line_of_another_product(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    order = new_order(db, zone)
    before = snapshot(db)
    with pytest.raises(errors.OrderLineMismatch):
        st.record_delivery(
            db,
            product_code=zone.mouthpiece,
            location_code=zone.storeroom,
            quantity=1,
            actor=ACTOR,
            lot_number="X",
            expiry=TODAY,
            order_line_id=line_id(order, zone.gloves),
        )
    assert snapshot(db) == before


def test_order_lines_with_the_same_product_merge(db, zone) -> None:  # type: ignore[no-untyped-def]
    order = new_order(db, zone, lines=[(zone.gloves, 2), (zone.gloves.lower(), 3)])
    assert [(line.product_code, line.quantity_ordered) for line in order.lines] == [
        (zone.gloves, 5)
    ]


def test_list_orders_filters(db, zone) -> None:  # type: ignore[no-untyped-def]
    first = new_order(db, zone)
    second = po.mark_ordered(db, new_order(db, zone).number, actor=ACTOR)
    po.create_order(
        db,
        supplier="Medi-Market",
        location_code=zone.other_storeroom,
        lines=[(zone.gloves, 1)],
        actor=ACTOR,
        order_date=TODAY,
    )
    assert {o.number for o in po.list_orders(db)} == {first.number, second.number, "B2026-0003"}
    assert [o.number for o in po.list_orders(db, statuses=frozenset({OrderStatus.ORDERED}))] == [
        second.number
    ]
    assert [o.supplier for o in po.list_orders(db, search="medi")] == ["Medi-Market"]
    assert po.count_open_orders(db) == 1


# --- the overview and its derived statuses --------------------------------------------------


def overview(db, **kw) -> dict[tuple[str, str], object]:  # type: ignore[no-untyped-def]
    return {
        (row.location_code, row.product_code): row for row in stock_overview(db, today=TODAY, **kw)
    }


def test_overview_statuses(db, zone) -> None:  # type: ignore[no-untyped-def]
    loc = zone.storeroom
    md.set_minimum(db, product_code=zone.gloves, location_code=loc, minimum=10, actor=ACTOR)  # 4 < 10
    md.set_minimum(db, product_code=zone.mouthpiece, location_code=loc, minimum=5, actor=ACTOR)  # 0 stock
    md.set_minimum(db, product_code=zone.drug_test, location_code=zone.cabinet, minimum=1, actor=ACTOR)
    st.record_delivery(db, product_code=zone.gloves, location_code=loc, quantity=4, actor=ACTOR)
    st.record_delivery(
        db,
        product_code=zone.drug_test,
        location_code=loc,
        quantity=5,
        lot_number="SOON",
        expiry=TODAY + timedelta(days=20),
        actor=ACTOR,
    )
    st.record_delivery(
        db,
        product_code=zone.drug_test,
        location_code=zone.cabinet,
        quantity=5,
        lot_number="LATER",
        expiry=TODAY + timedelta(days=300),
        actor=ACTOR,
    )
    st.record_delivery(
        db,
        product_code=zone.drug_test,
        location_code=zone.cabinet2,
        quantity=1,
        lot_number="OLD",
        expiry=TODAY - timedelta(days=1),
        actor=ACTOR,
    )

    rows = overview(db)
    status = {key: row.status for key, row in rows.items()}
    assert status == {
        (loc, zone.gloves): StockStatus.RUNNING_LOW,
        (loc, zone.mouthpiece): StockStatus.OUT_OF_STOCK,  # via the minimum, without any stock
        (loc, zone.drug_test): StockStatus.EXPIRING_SOON,
        (zone.cabinet, zone.drug_test): StockStatus.IN_STOCK,
        (zone.cabinet2, zone.drug_test): StockStatus.EXPIRED,
    }
    assert rows[(loc, zone.gloves)].minimum == 10 and rows[(loc, zone.gloves)].quantity == 4
    assert rows[(loc, zone.drug_test)].earliest_expiry == TODAY + timedelta(days=20)
    # a horizon shorter than 20 days makes it plain "op voorraad"
    assert overview(db, horizon_days=10)[(loc, zone.drug_test)].status is StockStatus.IN_STOCK

    # an order that is only requested changes nothing; once ordered, shortages become "besteld"
    order = new_order(db, zone, lines=[(zone.gloves, 20), (zone.mouthpiece, 50)])
    assert overview(db)[(loc, zone.gloves)].status is StockStatus.RUNNING_LOW
    po.mark_ordered(db, order.number, actor=ACTOR)
    rows = overview(db)
    assert rows[(loc, zone.gloves)].status is StockStatus.ORDERED
    assert rows[(loc, zone.gloves)].on_order == 20
    assert rows[(loc, zone.mouthpiece)].status is StockStatus.ORDERED
    # receiving the gloves in full: no longer on order, and above the minimum
    po.receive_order_line(db, order_line_id=line_id(order, zone.gloves), quantity=20, actor=ACTOR)
    rows = overview(db)
    assert rows[(loc, zone.gloves)].status is StockStatus.IN_STOCK
    assert rows[(loc, zone.gloves)].on_order == 0
    assert rows[(loc, zone.mouthpiece)].status is StockStatus.ORDERED  # order still open
    po.cancel_order(db, order.number, reason="niet meer nodig", actor=ACTOR)
    assert overview(db)[(loc, zone.mouthpiece)].status is StockStatus.OUT_OF_STOCK


def test_overview_scope_search_and_filter(db, zone) -> None:  # type: ignore[no-untyped-def]
    st.record_delivery(
        db, product_code=zone.gloves, location_code=zone.cabinet, quantity=3, actor=ACTOR
    )
    st.record_delivery(
        db, product_code=zone.gloves, location_code=zone.other_storeroom, quantity=2, actor=ACTOR
    )
    st.record_delivery(
        db,
        product_code=zone.mouthpiece,
        location_code=zone.storeroom,
        quantity=9,
        lot_number="M",
        expiry=TODAY + timedelta(days=400),
        actor=ACTOR,
    )
    everything = stock_overview(db, today=TODAY)
    assert len(everything) == 3
    genk = {
        (r.location_code, r.product_code)
        for r in stock_overview(db, location_code=zone.site, today=TODAY)
    }
    assert genk == {(zone.cabinet, zone.gloves), (zone.storeroom, zone.mouthpiece)}
    assert [
        r.location_code for r in stock_overview(db, location_code=zone.cabinet, today=TODAY)
    ] == [zone.cabinet]
    assert {r.product_code for r in stock_overview(db, search="alcohol", today=TODAY)} == {
        zone.mouthpiece
    }
    assert {r.location_code for r in stock_overview(db, search="handsch", today=TODAY)} == {
        zone.cabinet,
        zone.other_storeroom,
    }
    in_stock = stock_overview(db, statuses=frozenset({StockStatus.IN_STOCK}), today=TODAY)
    assert len(in_stock) == 3
    assert stock_overview(db, statuses=frozenset({StockStatus.EXPIRED}), today=TODAY) == []
    with pytest.raises(errors.UnknownLocation):
        stock_overview(db, location_code="NOWHERE")


def test_overview_after_stock_runs_out(db, zone) -> None:  # type: ignore[no-untyped-def]
    st.record_delivery(
        db, product_code=zone.gloves, location_code=zone.storeroom, quantity=2, actor=ACTOR
    )
    st.record_pickup(
        db, product_code=zone.gloves, location_code=zone.storeroom, quantity=2, actor=ACTOR
    )
    [row] = stock_overview(db, today=TODAY)
    assert row.quantity == 0 and row.status is StockStatus.OUT_OF_STOCK


def test_minimum_validation(db, zone) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(errors.InvalidQuantity):
        md.set_minimum(db, product_code=zone.gloves, location_code=zone.storeroom, minimum=-1, actor=ACTOR)
    with pytest.raises(errors.NoStockLocation):
        md.set_minimum(db, product_code=zone.gloves, location_code=zone.site, minimum=1, actor=ACTOR)
    md.set_minimum(db, product_code=zone.gloves, location_code=zone.storeroom, minimum=3, actor=ACTOR)
    md.set_minimum(db, product_code=zone.gloves, location_code=zone.storeroom, minimum=0, actor=ACTOR)
    assert stock_overview(db, today=TODAY) == []


def test_receivable_lines_are_the_open_lines_of_the_product_oldest_first(db, zone) -> None:  # type: ignore[no-untyped-def]
    from carma_logistiek.services import orders as order_service

    first = order_service.create_order(db, supplier="A", location_code=zone.storeroom,
                                       lines=[(zone.gloves, 10), (zone.drug_test, 5)], actor=person("t"))
    second = order_service.create_order(db, supplier="B", location_code=zone.storeroom,
                                        lines=[(zone.gloves, 4)], actor=person("t"))
    done = order_service.create_order(db, supplier="C", location_code=zone.storeroom,
                                      lines=[(zone.gloves, 2)], actor=person("t"))
    order_service.cancel_order(db, done.number, reason="dubbel", actor=person("t"))
    found = order_service.receivable_order_lines(db, product_code=zone.gloves.lower())
    assert [(order.number, line.quantity_ordered) for order, line in found] == [
        (first.number, 10), (second.number, 4)]
    assert order_service.receivable_order_lines(db, product_code="ONBEKEND") == []
