"""An idempotency key names ONE request (SQLite and PostgreSQL).

The same key with the same request answers the earlier result, with the levels as they were
right after it; the same key with another request is refused and books nothing; a long key is
hashed, never cut; the kit check's stock pickup goes through the same ledger engine.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import take_snapshot
from sqlalchemy import select, update

from carma_logistiek.clock import local_today
from carma_logistiek.db.models import Booking, KitCheck, StockMovement
from carma_logistiek.domain.errors import DatabaseUnavailable, IdempotencyConflict
from carma_logistiek.domain.kits import LineOutcome
from carma_logistiek.services import kits, stock
from carma_logistiek.services.command import KEY_LENGTH, request_fingerprint, request_key
from carma_logistiek.services.kits import check as kit_check
from carma_logistiek.services.results import Recipient
from carma_logistiek.services.stock import ledger
from carma_logistiek.services.stock.overview import verify_stock_levels
from tests.support.actors import TESTER, person

LATER = local_today() + timedelta(days=400)


def pickup(db, zone, **overrides):  # type: ignore[no-untyped-def]
    request = dict(product_code=zone.gloves, location_code=zone.storeroom, quantity=2,
                   actor=TESTER, key="pickup-1")
    return stock.record_pickup(db, **{**request, **overrides})


def test_same_key_same_request_answers_the_first_booking_with_its_levels(db, zone) -> None:  # type: ignore[no-untyped-def]
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=10, actor=TESTER)
    first = pickup(db, zone)
    assert first.lines[0].level_after == 8 and not first.replayed
    # Someone else books in between: a replay still answers what the first attempt answered.
    pickup(db, zone, key="pickup-2", quantity=3)
    again = pickup(db, zone)
    assert again.replayed and again.booking_id == first.booking_id and again.key == first.key
    assert again.lines == first.lines
    assert again.lines[0].level_after == 8
    assert not again.changes  # a replay wrote nothing
    assert stock.pickup_lots(db, product_code=zone.gloves, location_code=zone.storeroom)[0] \
        .quantity == 5


@pytest.mark.parametrize("other", [
    {"quantity": 3},
    {"recipient": Recipient("staff", "01234")},
    {"location_code": "GENK-KAST1"},
])
def test_same_key_another_request_is_refused_and_books_nothing(db, zone, other) -> None:  # type: ignore[no-untyped-def]
    for location in (zone.storeroom, zone.cabinet):
        stock.record_delivery(db, product_code=zone.gloves, location_code=location,
                              quantity=10, actor=TESTER)
    pickup(db, zone)
    before = take_snapshot(db)
    with pytest.raises(IdempotencyConflict) as refused:
        pickup(db, zone, **other)
    assert "pickup-1" in str(refused.value) and "niets geboekt" in str(refused.value)
    assert refused.value.code == "IdempotencyConflict" and refused.value.field == "key"
    assert take_snapshot(db) == before


def test_a_key_used_by_one_verb_is_refused_to_another(db, zone) -> None:  # type: ignore[no-untyped-def]
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=4, actor=TESTER, key="k-1")
    before = take_snapshot(db)
    with pytest.raises(IdempotencyConflict):
        stock.record_consumption(db, product_code=zone.gloves, location_code=zone.storeroom,
                                 quantity=4, actor=TESTER, key="k-1")
    assert take_snapshot(db) == before


def test_another_person_retrying_the_same_request_gets_the_first_booking(db, zone) -> None:  # type: ignore[no-untyped-def]
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=4, actor=TESTER)
    first = pickup(db, zone, actor=person("an"))
    again = pickup(db, zone, actor=person("bert"))
    assert again.replayed and again.booking_id == first.booking_id


def test_a_request_with_its_defaults_spelled_out_is_the_same_request(db, zone) -> None:  # type: ignore[no-untyped-def]
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=4, actor=TESTER)
    first = pickup(db, zone)
    again = pickup(db, zone, note="", lot_number=None)
    assert again.replayed and again.booking_id == first.booking_id


def test_long_keys_are_hashed_not_cut(db, zone) -> None:  # type: ignore[no-untyped-def]
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=10, actor=TESTER)
    common = "C:/Users/clerk/Documents/boekingen/" + "x" * 80
    one = pickup(db, zone, key=common + "-rij-1", quantity=1)
    two = pickup(db, zone, key=common + "-rij-2", quantity=1)
    assert one.booking_id != two.booking_id and not two.replayed
    assert one.key == request_key(common + "-rij-1") and len(one.key) <= KEY_LENGTH
    assert one.key.startswith("sha256:")
    again = pickup(db, zone, key=common + "-rij-1", quantity=1)
    assert again.replayed and again.booking_id == one.booking_id
    with db.read() as session:
        keys = set(session.execute(select(Booking.idempotency_key)).scalars())
    assert {one.key, two.key} <= keys
    # A key that fits is stored as given (without surrounding spaces).
    assert request_key("  csv-abc-1 ") == "csv-abc-1" and request_key("x" * 80) == "x" * 80


def test_bookings_from_before_fingerprints_replay_as_they_did(db, zone) -> None:  # type: ignore[no-untyped-def]
    """Rows booked before migration 0004 have no fingerprint and no level_after: the same key
    replays them as before, with the level after the booking taken from the ledger."""
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=10, actor=TESTER)
    first = pickup(db, zone)
    pickup(db, zone, key="later", quantity=1)
    with db.write() as session:
        session.execute(update(Booking).values(request_hash=None, command=None))
        session.execute(update(StockMovement).values(level_after=None))
    again = pickup(db, zone)
    assert again.replayed and again.booking_id == first.booking_id
    assert again.lines[0].level_after == 8


def test_fingerprint_is_the_command_and_its_canonical_arguments() -> None:
    one = request_fingerprint("stock.record_pickup", (), {"quantity": 1, "product_code": "A",
                                                          "actor": TESTER, "key": "k"})
    same = request_fingerprint("stock.record_pickup", (), {"product_code": "A", "quantity": 1,
                                                           "actor": person("x"), "key": "j"})
    assert one == same and len(one) == 64
    assert one != request_fingerprint("stock.record_consumption", (),
                                      {"quantity": 1, "product_code": "A"})
    assert one != request_fingerprint("stock.record_pickup", (),
                                      {"quantity": 2, "product_code": "A"})
    lines = [stock.BasketLine("A", 1)]
    assert request_fingerprint("c", (), {"lines": lines}) != request_fingerprint(
        "c", (), {"lines": [stock.BasketLine("A", 2)]})
    assert request_fingerprint("c", (), {"photo": (b"one", "image/png")}) != \
        request_fingerprint("c", (), {"photo": (b"two", "image/png")})
    assert request_fingerprint("c", (), {"day": date(2026, 1, 1)}) != request_fingerprint(
        "c", (), {"day": date(2026, 1, 2)})


# --- the kit check books on the stock ledger -------------------------------------------------


@pytest.fixture
def kit(db, zone):  # type: ignore[no-untyped-def]
    kits.create_kit_type(db, code="FAK", name="First Aid Kit", interval_months_building=12,
                         interval_months_vehicle=6, actor=TESTER, items=[
                             kits.TemplateItemInput(zone.mouthpiece, 2, expires=True),
                             kits.TemplateItemInput(zone.gloves, 1)])
    stock.record_delivery(db, product_code=zone.mouthpiece, location_code=zone.storeroom,
                          quantity=1, lot_number="M1", expiry=LATER, actor=TESTER)
    stock.record_delivery(db, product_code=zone.mouthpiece, location_code=zone.storeroom,
                          quantity=5, lot_number="M2", expiry=LATER + timedelta(days=30),
                          actor=TESTER)
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=3, actor=TESTER)
    kits.register_kit(db, code="K-1", kit_type_code="FAK", location_code=zone.storeroom,
                      actor=TESTER, placed_on=date(2026, 1, 10))
    return zone


def check_lines(db):  # type: ignore[no-untyped-def]
    return [kits.CheckLineInput(content.item.id, LineOutcome.MISSING, replace=content.item.quantity)
            for content in kits.kit_detail(db, "K-1").contents]


def test_kit_check_takes_replacements_through_the_ledger_in_lock_order(db, kit, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    locked: list[list[tuple[int, int]]] = []
    real = ledger.lock_levels

    def spy(session, lines):  # type: ignore[no-untyped-def]
        locked.append([(line.location.id, line.lot.id) for line in lines])
        real(session, lines)

    monkeypatch.setattr(ledger, "lock_levels", spy)
    check = kits.record_check(db, code="K-1", actor=TESTER, lines=check_lines(db),
                              stock_location_code=kit.storeroom, key="check-1")
    booking = check.stock_booking
    assert booking is not None and check.booking_id == booking.booking_id
    # Two mouthpieces over two lots (M1 runs out) and one box of gloves: one pickup, three
    # lines, all locked in one go before any level moved.
    assert sorted((line.product_code, line.lot_number, line.quantity) for line in booking.lines) \
        == sorted([(kit.gloves, "", -1), (kit.mouthpiece, "M1", -1), (kit.mouthpiece, "M2", -1)])
    assert len(locked) == 1 and len(locked[0]) == 3
    assert check.changes.kits == {"K-1"}
    assert check.changes.stock == {(kit.gloves, kit.storeroom), (kit.mouthpiece, kit.storeroom)}
    with db.read() as session:
        assert session.execute(select(Booking.command).where(
            Booking.id == booking.booking_id)).scalar_one() == "kits.record_check"
    assert verify_stock_levels(db) == []


def test_kit_check_replays_with_its_pickup_and_refuses_another_request(db, kit) -> None:  # type: ignore[no-untyped-def]
    lines = check_lines(db)
    first = kits.record_check(db, code="K-1", actor=TESTER, lines=lines,
                              stock_location_code=kit.storeroom, key="check-1")
    again = kits.record_check(db, code="K-1", actor=TESTER, lines=lines,
                              stock_location_code=kit.storeroom, key="check-1")
    assert again.replayed and again.id == first.id
    assert again.stock_booking is not None and first.stock_booking is not None
    assert again.stock_booking.lines == first.stock_booking.lines
    before = take_snapshot(db)
    with pytest.raises(IdempotencyConflict):
        kits.record_check(db, code="K-1", actor=TESTER, lines=lines, note="anders",
                          stock_location_code=kit.storeroom, key="check-1")
    # The check's key is taken on the stock side too: a pickup under it is another request.
    with pytest.raises(IdempotencyConflict):
        stock.record_pickup(db, product_code=kit.gloves, location_code=kit.storeroom,
                            quantity=1, actor=TESTER, key="check-1")
    assert take_snapshot(db) == before


def test_a_check_under_a_key_a_pickup_used_is_refused(db, kit) -> None:  # type: ignore[no-untyped-def]
    stock.record_pickup(db, product_code=kit.gloves, location_code=kit.storeroom, quantity=1,
                        actor=TESTER, key="shared")
    before = take_snapshot(db)
    with pytest.raises(IdempotencyConflict):
        kits.record_check(db, code="K-1", actor=TESTER, lines=check_lines(db),
                          stock_location_code=kit.storeroom, key="shared")
    assert take_snapshot(db) == before
    with db.read() as session:
        assert session.execute(select(KitCheck.id)).first() is None


def test_kit_check_that_lost_a_deadlock_is_run_again_once(db, kit, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import psycopg
    from sqlalchemy.exc import OperationalError

    real = kits.record_check._run_once
    calls = []

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            error = DatabaseUnavailable(detail="deadlock detected")
            raise error from OperationalError("UPDATE", {}, psycopg.errors.DeadlockDetected("x"))
        return real(*args, **kwargs)

    monkeypatch.setattr(kits.record_check, "_run_once", flaky)
    check = kits.record_check(db, code="K-1", actor=TESTER, lines=check_lines(db),
                              stock_location_code=kit.storeroom)
    assert len(calls) == 2 and not check.replayed
    assert check.stock_booking is not None and len(check.stock_booking.lines) == 3
    assert verify_stock_levels(db) == []


def test_kit_check_and_its_pickup_are_one_transaction(db, kit, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A failure after the replacements were booked leaves neither the check nor the pickup."""
    before = take_snapshot(db)

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("after the stock booking")

    monkeypatch.setattr(kit_check, "next_due", broken)
    with pytest.raises(RuntimeError):
        kits.record_check(db, code="K-1", actor=TESTER, lines=check_lines(db),
                          stock_location_code=kit.storeroom)
    assert take_snapshot(db) == before
    with db.read() as session:
        assert session.execute(select(KitCheck.id)).first() is None
