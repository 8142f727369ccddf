"""Every stock verb end to end on SQLite and PostgreSQL, and every refusal changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from conftest import Zone
from sqlalchemy import select, text

from carma_logistiek.db.models import Booking, StockMovement
from carma_logistiek.domain import errors
from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.services import masterdata as md
from carma_logistiek.services import stock as st
from carma_logistiek.services.results import Recipient
from carma_logistiek.services.stock.overview import (
    movement_history,
    product_detail,
    stock_overview,
    verify_stock_levels,
)
from tests.support.actors import TESTER, person

TODAY = date(2026, 3, 15)
SOON = TODAY + timedelta(days=30)
LATER = TODAY + timedelta(days=200)
PAST = TODAY - timedelta(days=10)
ACTOR = TESTER


def deliver(
    db,
    zone,
    product: str,
    qty: int,
    *,
    location: str | None = None,  # type: ignore[no-untyped-def]
    lot: str | None = None,
    expiry: date | None = None,
    **kw,
):
    return st.record_delivery(
        db,
        product_code=product,
        location_code=location or zone.storeroom,
        quantity=qty,
        actor=ACTOR,
        lot_number=lot,
        expiry=expiry,
        **kw,
    )


def level(db, location: str, product: str) -> int:  # type: ignore[no-untyped-def]
    detail = product_detail(db, product, location_code=location, today=TODAY)
    return sum(lot.quantity for lot in detail.lots if lot.location_code == location)


def lot_levels(db, location: str, product: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    detail = product_detail(db, product, location_code=location, today=TODAY)
    return {lot.lot_number: lot.quantity for lot in detail.lots if lot.location_code == location}


def movements(db) -> list[StockMovement]:  # type: ignore[no-untyped-def]
    with db.read() as session:
        rows = list(session.scalars(select(StockMovement).order_by(StockMovement.id)))
        session.expunge_all()
        return rows


# --- locations and products --------------------------------------------------------------


def test_location_tree_and_products(db, zone) -> None:  # type: ignore[no-untyped-def]
    rows = md.list_locations(db)
    by_code = {row.code: row for row in rows}
    assert rows[0].code == zone.zone
    assert by_code[zone.cabinet].parent_code == zone.storeroom
    assert by_code[zone.cabinet].depth == 3
    assert not by_code[zone.zone].holds_stock and not by_code[zone.site].holds_stock
    assert by_code[zone.storeroom].holds_stock
    product = md.get_product(db, zone.drug_test_gtin)  # by GTIN, as a scanner would
    assert product.code == zone.drug_test and product.tracks_lots and product.tracks_expiry
    assert md.get_product(db, "dt-spk").code == zone.drug_test  # codes are case-insensitive
    assert [p.code for p in md.search_products(db, "handsch")] == [zone.gloves]
    with pytest.raises(errors.DuplicateCode):
        md.create_product(db, code=zone.gloves, name="Dubbel", actor=ACTOR)
    with pytest.raises(errors.DuplicateCode):
        md.create_location(
            db,
            code=zone.storeroom,
            name="Dubbel",
            kind="storeroom",
            parent_code=zone.site,
            actor=ACTOR,
        )
    with pytest.raises(errors.InvalidCode):
        md.create_product(db, code="met spatie", name="x", actor=ACTOR)
    with pytest.raises(errors.UnknownProduct):
        md.get_product(db, "BESTAATNIET")


def test_products_without_gtin_may_coexist(db, zone) -> None:  # type: ignore[no-untyped-def]
    md.create_product(db, code="P1", name="Een", actor=ACTOR)
    md.create_product(db, code="P2", name="Twee", actor=ACTOR, gtin="  ")
    with pytest.raises(errors.DuplicateCode):
        md.create_product(db, code="P3", name="Drie", actor=ACTOR, gtin=zone.drug_test_gtin)


# --- delivery ----------------------------------------------------------------------------


def test_delivery_untracked(db, zone) -> None:  # type: ignore[no-untyped-def]
    result = deliver(db, zone, zone.gloves, 12, note="levering Medi-Market")
    assert not result.replayed
    assert result.kind is MovementKind.DELIVERY
    [line] = result.lines
    assert (line.quantity, line.level_after, line.lot_number) == (12, 12, "")
    assert level(db, zone.storeroom, zone.gloves) == 12
    [movement] = movements(db)
    assert movement.kind == "delivery" and movement.quantity == 12
    assert movement.recorded_by == ACTOR.user and movement.note == "levering Medi-Market"
    with db.read() as session:
        booking = session.scalars(select(Booking)).one()
        assert booking.booked_by == ACTOR.user and booking.idempotency_key == result.key
    assert verify_stock_levels(db) == []


def test_delivery_with_lot_and_expiry_then_same_lot_again(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.drug_test, 20, lot="L1", expiry=SOON)
    again = deliver(db, zone, zone.drug_test, 5, lot="L1")  # known lot: expiry may be left out
    assert again.lines[0].level_after == 25 and again.lines[0].expiry == SOON
    before = snapshot(db)
    with pytest.raises(errors.ExpiryMismatch) as info:
        deliver(db, zone, zone.drug_test, 5, lot="L1", expiry=LATER)
    assert info.value.field == "expiry"
    assert snapshot(db) == before


def test_delivery_by_gtin(db, zone) -> None:  # type: ignore[no-untyped-def]
    result = deliver(db, zone, zone.drug_test_gtin, 3, lot="G1", expiry=LATER)
    assert result.lines[0].product_code == zone.drug_test


def test_delivery_to_a_vehicle(db, zone) -> None:  # type: ignore[no-untyped-def]
    md.create_location(
        db, code="VITO-01", name="Combi VITO-01", kind="vehicle", parent_code=zone.site, actor=ACTOR
    )
    deliver(db, zone, zone.gloves, 2, location="VITO-01")
    assert level(db, "VITO-01", zone.gloves) == 2


# --- pickup and consumption ----------------------------------------------------------------


def test_pickup_untracked_records_recipient(db, zone) -> None:  # type: ignore[no-untyped-def]
    md.create_location(
        db, code="VITO-01", name="Combi VITO-01", kind="vehicle", parent_code=zone.site, actor=ACTOR
    )
    deliver(db, zone, zone.gloves, 10)
    result = st.record_pickup(
        db,
        product_code=zone.gloves,
        location_code=zone.storeroom,
        quantity=3,
        actor=person("clerk"),
        recipient=Recipient.parse("vehicle:VITO-01"),
        today=TODAY,
    )
    assert result.lines[0].quantity == -3 and result.lines[0].level_after == 7
    movement = movements(db)[-1]
    assert movement.kind == "pickup" and movement.recorded_by == "clerk"
    assert (movement.recipient_kind, movement.recipient_code) == ("vehicle", "VITO-01")
    history = movement_history(db, product_code=zone.gloves)
    assert history[0].recipient == "vehicle:VITO-01"
    assert history[0].kind is MovementKind.PICKUP


def test_fefo_split_over_two_lots(db, zone) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.drug_test, 10, lot="LATE", expiry=LATER)
    deliver(db, zone, zone.drug_test, 3, lot="EARLY", expiry=SOON)
    lots = st.pickup_lots(
        db, product_code=zone.drug_test, location_code=zone.storeroom, today=TODAY
    )
    assert [(lot.lot_number, lot.suggested) for lot in lots] == [("EARLY", True), ("LATE", False)]
    result = st.record_pickup(
        db,
        product_code=zone.drug_test,
        location_code=zone.storeroom,
        quantity=5,
        actor=ACTOR,
        today=TODAY,
    )
    assert [(line.lot_number, line.quantity) for line in result.lines] == [
        ("EARLY", -3),
        ("LATE", -2),
    ]
    assert lot_levels(db, zone.storeroom, zone.drug_test) == {"LATE": 8}
    pickups = [m for m in movements(db) if m.kind == "pickup"]
    assert len(pickups) == 2 and {m.booking_id for m in pickups} == {result.booking_id}


def test_fefo_skips_expired_lots(db, zone) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.drug_test, 4, lot="OLD", expiry=PAST)
    deliver(db, zone, zone.drug_test, 4, lot="NEW", expiry=LATER)
    lots = st.pickup_lots(
        db, product_code=zone.drug_test, location_code=zone.storeroom, today=TODAY
    )
    assert [(lot.lot_number, lot.expired, lot.suggested) for lot in lots] == [
        ("OLD", True, False),
        ("NEW", False, True),
    ]
    st.record_pickup(
        db,
        product_code=zone.drug_test,
        location_code=zone.storeroom,
        quantity=2,
        actor=ACTOR,
        today=TODAY,
    )
    assert lot_levels(db, zone.storeroom, zone.drug_test) == {"OLD": 4, "NEW": 2}
    with pytest.raises(errors.InsufficientStock):  # the expired 4 do not count
        st.record_pickup(
            db,
            product_code=zone.drug_test,
            location_code=zone.storeroom,
            quantity=3,
            actor=ACTOR,
            today=TODAY,
        )


def test_expiry_day_itself_can_be_picked_up(db, zone) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.drug_test, 1, lot="TODAY", expiry=TODAY)
    st.record_pickup(
        db,
        product_code=zone.drug_test,
        location_code=zone.storeroom,
        quantity=1,
        actor=ACTOR,
        today=TODAY,
    )


def test_expired_lot_needs_a_reason_which_is_recorded(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.drug_test, 5, lot="OLD", expiry=PAST)
    before = snapshot(db)
    with pytest.raises(errors.ExpiredLot) as info:
        st.record_pickup(
            db,
            product_code=zone.drug_test,
            location_code=zone.storeroom,
            quantity=1,
            actor=ACTOR,
            lot_number="OLD",
            today=TODAY,
        )
    assert "vervallen" in str(info.value) and info.value.field == "lot"
    with pytest.raises(errors.ExpiredLot):  # FEFO with only expired stock
        st.record_pickup(
            db,
            product_code=zone.drug_test,
            location_code=zone.storeroom,
            quantity=1,
            actor=ACTOR,
            today=TODAY,
        )
    with pytest.raises(errors.ExpiredLot):  # a blank reason is no reason
        st.record_pickup(
            db,
            product_code=zone.drug_test,
            location_code=zone.storeroom,
            quantity=1,
            actor=ACTOR,
            lot_number="OLD",
            override_reason="  ",
            today=TODAY,
        )
    assert snapshot(db) == before
    st.record_pickup(
        db,
        product_code=zone.drug_test,
        location_code=zone.storeroom,
        quantity=1,
        actor=ACTOR,
        lot_number="OLD",
        override_reason="oefening, niet voor gebruik",
        today=TODAY,
    )
    movement = movements(db)[-1]
    assert movement.override_reason == "oefening, niet voor gebruik"
    assert movement.quantity == -1
    assert product_detail(db, zone.drug_test, today=TODAY).movements[0].override_reason == (
        "oefening, niet voor gebruik"
    )


def test_reason_is_not_recorded_on_fresh_lots(db, zone) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.drug_test, 5, lot="NEW", expiry=LATER)
    st.record_pickup(
        db,
        product_code=zone.drug_test,
        location_code=zone.storeroom,
        quantity=1,
        actor=ACTOR,
        lot_number="NEW",
        override_reason="voor de zekerheid",
        today=TODAY,
    )
    assert movements(db)[-1].override_reason is None


def test_consumption(db, zone) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.mouthpiece, 50, lot="M1", expiry=LATER)
    result = st.record_consumption(
        db,
        product_code=zone.mouthpiece,
        location_code=zone.storeroom,
        quantity=20,
        actor=ACTOR,
        note="alcoholcontrole",
        today=TODAY,
    )
    assert result.kind is MovementKind.CONSUMPTION
    assert movements(db)[-1].kind == "consumption"
    assert level(db, zone.storeroom, zone.mouthpiece) == 30


# --- transfer ----------------------------------------------------------------------------


def test_transfer_moves_stock_in_one_booking(db, zone) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.drug_test, 6, lot="A", expiry=SOON)
    deliver(db, zone, zone.drug_test, 6, lot="B", expiry=LATER)
    result = st.record_transfer(
        db,
        product_code=zone.drug_test,
        from_location=zone.storeroom,
        to_location=zone.cabinet,
        quantity=8,
        actor=ACTOR,
        today=TODAY,
    )
    assert [(line.location_code, line.lot_number, line.quantity) for line in result.lines] == [
        (zone.storeroom, "A", -6),
        (zone.cabinet, "A", 6),
        (zone.storeroom, "B", -2),
        (zone.cabinet, "B", 2),
    ]
    assert lot_levels(db, zone.cabinet, zone.drug_test) == {"A": 6, "B": 2}
    assert lot_levels(db, zone.storeroom, zone.drug_test) == {"B": 4}
    kinds = [m.kind for m in movements(db)[-4:]]
    assert kinds == ["transfer_out", "transfer_in", "transfer_out", "transfer_in"]
    assert movements(db)[-1].recipient_code == zone.storeroom
    # the site sees the whole subtree; the total did not change
    assert product_detail(db, zone.drug_test, location_code=zone.site).total_quantity == 12
    assert verify_stock_levels(db) == []


def test_transfer_of_an_explicit_expired_lot_to_quarantine(db, zone) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.drug_test, 2, lot="OLD", expiry=PAST)
    st.record_transfer(
        db,
        product_code=zone.drug_test,
        from_location=zone.storeroom,
        to_location=zone.cabinet2,
        quantity=2,
        lot_number="OLD",
        actor=ACTOR,
        today=TODAY,
    )
    assert lot_levels(db, zone.cabinet2, zone.drug_test) == {"OLD": 2}


# --- count and write-off -------------------------------------------------------------------


def test_count_books_the_differences(db, zone) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.gloves, 10)
    deliver(db, zone, zone.drug_test, 5, lot="A", expiry=LATER)
    result = st.record_count(
        db,
        location_code=zone.storeroom,
        actor=ACTOR,
        lines=[
            st.CountLine(zone.gloves, 8),
            st.CountLine(zone.drug_test, 5, lot_number="A"),  # matches: no line
            st.CountLine(zone.drug_test, 3, lot_number="NEW", expiry=SOON),  # found a new lot
        ],
    )
    assert sorted((line.product_code, line.lot_number, line.quantity) for line in result.lines) == [
        (zone.drug_test, "NEW", 3),
        (zone.gloves, "", -2),
    ]
    assert level(db, zone.storeroom, zone.gloves) == 8
    assert any("geteld" in m.note for m in movements(db) if m.kind == "count_correction")
    matching = st.record_count(
        db, location_code=zone.cabinet, actor=ACTOR, lines=[st.CountLine(zone.gloves, 0)]
    )
    assert matching.lines == ()  # still a booking: the cabinet was counted, by whom, when
    with db.read() as session:
        assert session.get(Booking, matching.booking_id).kind == "count_correction"
    assert verify_stock_levels(db) == []


def test_count_to_zero_and_invalid_counts(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.drug_test, 5, lot="A", expiry=LATER)
    st.record_count(
        db,
        location_code=zone.storeroom,
        actor=ACTOR,
        lines=[st.CountLine(zone.drug_test, 0, lot_number="A")],
    )
    assert level(db, zone.storeroom, zone.drug_test) == 0
    before = snapshot(db)
    with pytest.raises(errors.InvalidCount):
        st.record_count(
            db,
            location_code=zone.storeroom,
            actor=ACTOR,
            lines=[st.CountLine(zone.gloves, 4), st.CountLine(zone.gloves, -1)],
        )
    with pytest.raises(errors.LotRequired):
        st.record_count(
            db,
            location_code=zone.storeroom,
            actor=ACTOR,
            lines=[st.CountLine(zone.gloves, 4), st.CountLine(zone.drug_test, 2)],
        )
    with pytest.raises(errors.ExpiryRequired):
        st.record_count(
            db,
            location_code=zone.storeroom,
            actor=ACTOR,
            lines=[
                st.CountLine(zone.gloves, 4),
                st.CountLine(zone.drug_test, 2, lot_number="NOEXP"),
            ],
        )
    assert snapshot(db) == before


def test_write_off_expired(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.drug_test, 4, lot="OLD1", expiry=PAST)
    deliver(db, zone, zone.drug_test, 2, lot="OLD2", expiry=PAST - timedelta(days=5))
    deliver(db, zone, zone.drug_test, 7, lot="NEW", expiry=LATER)
    before = snapshot(db)
    with pytest.raises(errors.NotExpired):
        st.write_off_expired(
            db,
            product_code=zone.drug_test,
            location_code=zone.storeroom,
            lot_number="NEW",
            actor=ACTOR,
            today=TODAY,
        )
    assert snapshot(db) == before
    partial = st.write_off_expired(
        db,
        product_code=zone.drug_test,
        location_code=zone.storeroom,
        lot_number="OLD1",
        quantity=1,
        actor=ACTOR,
        today=TODAY,
    )
    assert partial.lines[0].quantity == -1
    result = st.write_off_expired(
        db, product_code=zone.drug_test, location_code=zone.storeroom, actor=ACTOR, today=TODAY
    )
    assert [(line.lot_number, line.quantity) for line in result.lines] == [
        ("OLD2", -2),
        ("OLD1", -3),
    ]
    assert lot_levels(db, zone.storeroom, zone.drug_test) == {"NEW": 7}
    before = snapshot(db)
    with pytest.raises(errors.NothingExpired):
        st.write_off_expired(
            db, product_code=zone.drug_test, location_code=zone.storeroom, actor=ACTOR, today=TODAY
        )
    assert snapshot(db) == before


# --- refusals change nothing -----------------------------------------------------------------


def _refusals(z) -> list[tuple[str, type[errors.DomainError], Callable]]:  # type: ignore[no-untyped-def]
    loc = z.storeroom

    def pickup(**kw):  # type: ignore[no-untyped-def]
        args = {
            "product_code": z.gloves,
            "location_code": loc,
            "quantity": 1,
            "actor": ACTOR,
            "today": TODAY,
            **kw,
        }
        return lambda db: st.record_pickup(db, **args)

    def delivery(**kw):  # type: ignore[no-untyped-def]
        args = {"product_code": z.gloves, "location_code": loc, "quantity": 1, "actor": ACTOR, **kw}
        return lambda db: st.record_delivery(db, **args)

    def transfer(**kw):  # type: ignore[no-untyped-def]
        args = {
            "product_code": z.gloves,
            "from_location": loc,
            "to_location": z.cabinet,
            "quantity": 1,
            "actor": ACTOR,
            "today": TODAY,
            **kw,
        }
        return lambda db: st.record_transfer(db, **args)

    return [
        ("zero delivery", errors.InvalidQuantity, delivery(quantity=0)),
        ("negative delivery", errors.InvalidQuantity, delivery(quantity=-5)),
        ("fractional delivery", errors.InvalidQuantity, delivery(quantity=1.5)),
        ("bool quantity", errors.InvalidQuantity, delivery(quantity=True)),
        ("barcode scanned as quantity", errors.QuantityTooLarge, delivery(quantity=5412345678908)),
        (
            "barcode as count",
            errors.QuantityTooLarge,
            lambda db: st.record_count(
                db, location_code=loc, actor=ACTOR, lines=[st.CountLine(z.gloves, 2**40)]
            ),
        ),
        ("zero pickup", errors.InvalidQuantity, pickup(quantity=0)),
        ("negative pickup", errors.InvalidQuantity, pickup(quantity=-1)),
        ("negative transfer", errors.InvalidQuantity, transfer(quantity=-1)),
        ("more than in stock", errors.InsufficientStock, pickup(quantity=11)),
        (
            "more than in stock, lot",
            errors.InsufficientStock,
            pickup(product_code=z.drug_test, lot_number="DT-A", quantity=6),
        ),
        (
            "more than in stock, fefo",
            errors.InsufficientStock,
            pickup(product_code=z.drug_test, quantity=9),
        ),
        (
            "consumption more than in stock",
            errors.InsufficientStock,
            lambda db: st.record_consumption(
                db, product_code=z.gloves, location_code=loc, quantity=99, actor=ACTOR, today=TODAY
            ),
        ),
        ("nothing at this location", errors.InsufficientStock, pickup(location_code=z.cabinet2)),
        ("transfer more than in stock", errors.InsufficientStock, transfer(quantity=11)),
        ("unknown product pickup", errors.UnknownProduct, pickup(product_code="NOPE")),
        ("unknown product delivery", errors.UnknownProduct, delivery(product_code="NOPE")),
        ("unknown gtin", errors.UnknownProduct, delivery(product_code="0000000000000")),
        ("unknown location pickup", errors.UnknownLocation, pickup(location_code="NOWHERE")),
        ("unknown location delivery", errors.UnknownLocation, delivery(location_code="NOWHERE")),
        ("unknown transfer target", errors.UnknownLocation, transfer(to_location="NOWHERE")),
        ("unknown lot", errors.UnknownLot, pickup(product_code=z.drug_test, lot_number="ZZZ")),
        (
            "lot of another product",
            errors.LotOfOtherProduct,
            pickup(product_code=z.drug_test, lot_number="MP-1"),
        ),
        (
            "lot of another product, transfer",
            errors.LotOfOtherProduct,
            transfer(product_code=z.drug_test, lot_number="MP-1"),
        ),
        (
            "delivery without lot",
            errors.LotRequired,
            delivery(product_code=z.drug_test, expiry=LATER),
        ),
        (
            "delivery without expiry",
            errors.ExpiryRequired,
            delivery(product_code=z.drug_test, lot_number="NEW-LOT"),
        ),
        ("transfer to the same location", errors.SameLocation, transfer(to_location=loc)),
        (
            "transfer to the same location, other case",
            errors.SameLocation,
            transfer(to_location=loc.lower()),
        ),
        (
            "expired lot without reason",
            errors.ExpiredLot,
            pickup(product_code=z.drug_test, lot_number="DT-OLD"),
        ),
        ("delivery to the zone", errors.NoStockLocation, delivery(location_code=z.zone)),
        ("delivery to a site", errors.NoStockLocation, delivery(location_code=z.site)),
        ("pickup from a site", errors.NoStockLocation, pickup(location_code=z.site)),
        ("transfer to a site", errors.NoStockLocation, transfer(to_location=z.other_site)),
        (
            "write-off at the zone",
            errors.NoStockLocation,
            lambda db: st.write_off_expired(
                db, product_code=z.drug_test, location_code=z.zone, actor=ACTOR, today=TODAY
            ),
        ),
        ("unknown order line", errors.UnknownOrderLine, delivery(order_line_id=999_999)),
    ]


REFUSAL_NAMES = [name for name, _, _ in _refusals(Zone())]


@pytest.mark.parametrize("case", REFUSAL_NAMES)
def test_refusal_changes_nothing(db, zone, snapshot, case: str) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.gloves, 10)
    deliver(db, zone, zone.drug_test, 5, lot="DT-A", expiry=LATER)
    deliver(db, zone, zone.drug_test, 3, lot="DT-OLD", expiry=PAST)
    deliver(db, zone, zone.mouthpiece, 5, lot="MP-1", expiry=LATER)
    _, error_class, action = next(r for r in _refusals(zone) if r[0] == case)
    before = snapshot(db)
    with pytest.raises(error_class) as info:
        action(db)
    message = str(info.value)
    assert info.value.code == error_class.__name__
    assert message and "{" not in message
    assert snapshot(db) == before
    assert verify_stock_levels(db) == []


# --- idempotency -------------------------------------------------------------------------


def test_same_key_books_once(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    first = deliver(db, zone, zone.gloves, 10, key="lev-2026-001")
    after_first = snapshot(db)
    second = deliver(db, zone, zone.gloves, 10, key="lev-2026-001")
    assert second.replayed and not first.replayed
    assert second.booking_id == first.booking_id
    assert [(line.product_code, line.quantity) for line in second.lines] == [(zone.gloves, 10)]
    assert snapshot(db) == after_first
    pickup = st.record_pickup(
        db,
        product_code=zone.gloves,
        location_code=zone.storeroom,
        quantity=4,
        actor=ACTOR,
        key="afh-1",
        today=TODAY,
    )
    replay = st.record_pickup(
        db,
        product_code=zone.gloves,
        location_code=zone.storeroom,
        quantity=4,
        actor=ACTOR,
        key="afh-1",
        today=TODAY,
    )
    assert replay.replayed and replay.booking_id == pickup.booking_id
    assert level(db, zone.storeroom, zone.gloves) == 6
    with db.read() as session:
        assert session.execute(text("SELECT COUNT(*) FROM bookings")).scalar_one() == 2


def test_a_refused_key_can_be_used_again(db, zone) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(errors.InsufficientStock):
        st.record_pickup(
            db,
            product_code=zone.gloves,
            location_code=zone.storeroom,
            quantity=1,
            actor=ACTOR,
            key="retry-me",
            today=TODAY,
        )
    deliver(db, zone, zone.gloves, 1)
    result = st.record_pickup(
        db,
        product_code=zone.gloves,
        location_code=zone.storeroom,
        quantity=1,
        actor=ACTOR,
        key="retry-me",
        today=TODAY,
    )
    assert not result.replayed


def test_transfer_replay(db, zone) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.gloves, 5)
    kwargs = {
        "product_code": zone.gloves,
        "from_location": zone.storeroom,
        "to_location": zone.cabinet,
        "quantity": 2,
        "actor": ACTOR,
        "key": "ovb-1",
    }
    st.record_transfer(db, **kwargs)
    replay = st.record_transfer(db, **kwargs)
    assert replay.replayed and len(replay.lines) == 2
    assert level(db, zone.cabinet, zone.gloves) == 2


# --- the ledger and the levels agree -------------------------------------------------------


def test_verify_detects_tampering(db, zone) -> None:  # type: ignore[no-untyped-def]
    deliver(db, zone, zone.gloves, 10)
    deliver(db, zone, zone.drug_test, 6, lot="A", expiry=LATER)
    st.record_pickup(
        db,
        product_code=zone.gloves,
        location_code=zone.storeroom,
        quantity=3,
        actor=ACTOR,
        today=TODAY,
    )
    st.record_transfer(
        db,
        product_code=zone.drug_test,
        from_location=zone.storeroom,
        to_location=zone.cabinet,
        quantity=2,
        actor=ACTOR,
        today=TODAY,
    )
    st.record_count(
        db,
        location_code=zone.cabinet,
        actor=ACTOR,
        lines=[st.CountLine(zone.drug_test, 1, lot_number="A")],
    )
    assert verify_stock_levels(db) == []
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE stock_levels SET quantity = quantity + 5 WHERE lot_id = "
                "(SELECT id FROM lots WHERE lot_number = '')"
            )
        )
    [mismatch] = verify_stock_levels(db)
    assert (mismatch.location_code, mismatch.product_code, mismatch.level, mismatch.ledger) == (
        zone.storeroom,
        zone.gloves,
        12,
        7,
    )
    with db.engine.begin() as conn:  # a level row that vanished is found too
        conn.execute(text("DELETE FROM stock_levels WHERE quantity = 1"))
    mismatches = verify_stock_levels(db)
    assert {(m.location_code, m.level, m.ledger) for m in mismatches} == {
        (zone.storeroom, 12, 7),
        (zone.cabinet, 0, 1),
    }


def test_tree_puts_storerooms_first_vehicles_last_and_numbers_in_order(db, zone) -> None:  # type: ignore[no-untyped-def]
    for code, name, kind in (("V-10", "Voertuig 10", "vehicle"), ("V-2", "voertuig 2", "vehicle"),
                             ("A-CAR", "Anonieme wagen", "vehicle"),
                             ("Z-MAG", "Zijmagazijn", "storeroom")):
        md.create_location(db, code=code, name=name, kind=kind, parent_code=zone.site,
                           actor=ACTOR)
    children = [row for row in md.list_locations(db) if row.parent_code == zone.site]
    kinds = [row.kind for row in children]
    assert kinds == sorted(kinds, key=lambda k: md.SIBLING_ORDER.get(k, 5))
    assert kinds[0] == "storeroom" and kinds[-1] == "vehicle"
    vehicles = [row.name for row in children if row.kind == "vehicle"]
    assert vehicles == ["Anonieme wagen", "voertuig 2", "Voertuig 10"]


def test_overview_reads_numbers_as_numbers_and_counts_expired_apart(db, zone) -> None:  # type: ignore[no-untyped-def]
    for code, name in (("V-10", "Voertuig 10"), ("V-2", "voertuig 2")):
        md.create_location(db, code=code, name=name, kind="vehicle", parent_code=zone.site,
                           actor=ACTOR)
        deliver(db, zone, zone.gloves, 3, location=code)
    deliver(db, zone, zone.drug_test, 4, lot="OLD", expiry=PAST)
    deliver(db, zone, zone.drug_test, 6, lot="NEW", expiry=LATER)
    rows = stock_overview(db, location_code=zone.site, today=TODAY)
    places = [r.location_code for r in rows if r.location_code in ("V-10", "V-2")]
    assert places == ["V-2", "V-10"]
    saliva = next(r for r in rows if r.product_code == zone.drug_test
                  and r.location_code == zone.storeroom)
    assert (saliva.quantity, saliva.expired, saliva.usable) == (10, 4, 6)
    # On its expiry date a lot is still usable.
    on_the_day = stock_overview(db, location_code=zone.storeroom, today=PAST)
    assert next(r for r in on_the_day if r.product_code == zone.drug_test).expired == 0
