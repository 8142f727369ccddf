"""The same text is accepted or refused the same way on SQLite and PostgreSQL, before anything
is written: SQLite would store a 41-character lot number in a 40-character column, PostgreSQL
would fail in the middle of the transaction with a driver error."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import take_snapshot

from carma_logistiek.db.models import (
    Booking,
    Kit,
    KitPhoto,
    KitType,
    Location,
    Lot,
    Product,
    PurchaseOrder,
    StockMovement,
)
from carma_logistiek.db.models.common import CODE_LENGTH
from carma_logistiek.domain.access import Actor
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.domain.text import (
    CODE,
    USER_NAME,
    ControlCharacters,
    TextTooLong,
    UserNameTooLong,
    limit_of,
)
from carma_logistiek.services import masterdata, stock
from carma_logistiek.services.results import Recipient
from tests.support.actors import TESTER

EXPIRY = date(2031, 1, 31)


def delivery(db, zone, **overrides):  # type: ignore[no-untyped-def]
    request = dict(product_code=zone.drug_test, location_code=zone.storeroom, quantity=5,
                   lot_number="L-1", expiry=EXPIRY, actor=TESTER)
    return stock.record_delivery(db, **{**request, **overrides})


# (what is wrong, the request's changes, the error it must get)
BAD_INPUTS = [
    ("lot number of 41 characters", dict(lot_number="L" * 41), TextTooLong),
    ("note of 501 characters", dict(note="x" * 501), TextTooLong),
    ("NUL byte in the note", dict(note="goed\x00kapot"), ControlCharacters),
    ("escape sequence in the lot", dict(lot_number="L-\x1b[2J"), ControlCharacters),
    ("user name of 65 characters", dict(actor=Actor.with_every_role("u" * 65)), UserNameTooLong),
]


@pytest.mark.parametrize(("what", "changes", "error"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_text_that_does_not_fit_is_refused_with_a_sentence_and_writes_nothing(
        db, zone, what, changes, error) -> None:  # type: ignore[no-untyped-def]
    before = take_snapshot(db)
    with pytest.raises(error) as refused:
        delivery(db, zone, **changes)
    assert isinstance(refused.value, DomainError)
    # The window puts the sentence next to the field the value was typed in.
    assert refused.value.field in ("lot", "note", None), refused.value.field
    sentence = refused.value.message()
    assert sentence[0].isupper() and sentence.endswith("."), sentence
    assert take_snapshot(db) == before


def test_text_at_its_limit_is_stored_whole_on_every_backend(db, zone) -> None:  # type: ignore[no-untyped-def]
    result = delivery(db, zone, lot_number="L" * 40, note="n" * 500,
                      actor=Actor.with_every_role("u" * 64))
    assert result.lines[0].lot_number == "L" * 40


def test_a_pickup_reason_and_a_recipient_are_checked_inside_their_values(db, zone) -> None:  # type: ignore[no-untyped-def]
    delivery(db, zone)
    before = take_snapshot(db)
    with pytest.raises(TextTooLong):
        stock.record_pickup(db, product_code=zone.drug_test, location_code=zone.storeroom,
                            quantity=1, recipient=Recipient("staff", "9" * 65), actor=TESTER)
    with pytest.raises(ControlCharacters) as refused:
        stock.record_pickup(db, product_code=zone.drug_test, location_code=zone.storeroom,
                            quantity=1, override_reason="ok\x00", actor=TESTER)
    assert refused.value.field == "reason"
    assert take_snapshot(db) == before


def test_a_line_break_in_a_note_is_text_not_a_control_character(db, zone) -> None:  # type: ignore[no-untyped-def]
    assert delivery(db, zone, note="twee\nregels\tmet tab").lines


def test_masterdata_names_keep_their_own_column_lengths(db, zone) -> None:  # type: ignore[no-untyped-def]
    masterdata.create_location(db, code="LANG", name="N" * 120, kind="storeroom",
                               parent_code=zone.site, actor=TESTER)
    with pytest.raises(TextTooLong):
        masterdata.create_location(db, code="LANGER", name="N" * 121, kind="storeroom",
                                   parent_code=zone.site, actor=TESTER)


def _length(column) -> int:  # type: ignore[no-untyped-def]
    return column.property.columns[0].type.length


def test_the_limits_are_the_column_lengths() -> None:
    assert CODE == CODE_LENGTH
    assert USER_NAME == _length(Booking.booked_by) == _length(StockMovement.recorded_by)
    pairs = {
        ("stock.record_delivery", "lot_number", ""): Lot.lot_number,
        ("stock.record_delivery", "note", ""): Booking.note,
        ("stock.record_pickup", "override_reason", ""): StockMovement.override_reason,
        ("stock.record_pickup", "kind", "Recipient"): StockMovement.recipient_kind,
        ("stock.record_pickup", "code", "Recipient"): StockMovement.recipient_code,
        ("masterdata.create_product", "gtin", ""): Product.gtin,
        ("masterdata.create_product", "name", ""): Product.name,
        ("masterdata.create_product", "category", ""): Product.category,
        ("masterdata.create_product", "unit", ""): Product.unit,
        ("masterdata.create_location", "name", ""): Location.name,
        ("masterdata.create_location", "kind", ""): Location.kind,
        ("kits.create_kit_type", "name", ""): KitType.name,
        ("kits.register_kit", "floor", ""): Kit.floor,
        ("kits.register_kit", "spot", ""): Kit.spot,
        ("kits.register_kit", "need", ""): Kit.need,
        ("kits.register_kit", "responsible", ""): Kit.responsible,
        ("kits.assign_checks", "person", ""): Kit.assigned_to,
        ("kits.add_kit_photo", "caption", ""): KitPhoto.caption,
        ("kits.add_kit_photo", "mime_type", ""): KitPhoto.mime_type,
        ("orders.create_order", "supplier", ""): PurchaseOrder.supplier,
        ("orders.create_order", "note", ""): PurchaseOrder.note,
    }
    for (command, name, owner), column in pairs.items():
        assert limit_of(command, name, owner) == _length(column), (command, name)


@pytest.mark.parametrize("expiry", [date(1, 1, 1), date(9999, 12, 31), date(1999, 12, 31)])
def test_an_expiry_that_cannot_be_right_is_refused(db, zone, expiry) -> None:  # type: ignore[no-untyped-def]
    from carma_logistiek.domain.stock import ImplausibleExpiry

    before = take_snapshot(db)
    with pytest.raises(ImplausibleExpiry) as refused:
        delivery(db, zone, lot_number="NEW", expiry=expiry)
    assert "kan niet kloppen" in refused.value.message()
    assert take_snapshot(db) == before
