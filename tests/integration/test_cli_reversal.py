"""``carma-logistiek book --reverse BOOKING --reason TEXT``: the storno from the command line,
its preview, and the sentences (and exit codes) of what it refuses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from carma_logistiek.cli import main
from carma_logistiek.db.migrate import upgrade_to_head
from carma_logistiek.db.uow import Database
from carma_logistiek.services import stock
from carma_logistiek.services.stock.overview import verify_stock_levels
from tests.support.actors import TESTER
from tests.support.builder import Builder, Zone


@pytest.fixture
def zone_db(sqlite_url: str) -> Iterator[tuple[str, Database, Zone]]:
    db = Database(sqlite_url)
    upgrade_to_head(sqlite_url, db.engine)
    zone = Zone()
    Builder(db).carma_zone(zone)
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=10, actor=TESTER)
    try:
        yield sqlite_url, db, zone
    finally:
        db.dispose()


def level(db: Database, zone: Zone) -> int:
    from carma_logistiek.services.stock.overview import stock_overview

    rows = stock_overview(db, location_code=zone.storeroom, product_codes=[zone.gloves])
    return sum(row.quantity for row in rows if row.location_code == zone.storeroom)


def pickup(db: Database, zone: Zone, quantity: int = 3) -> int:
    return stock.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                               quantity=quantity, actor=TESTER).booking_id


def test_reverse_a_pickup_by_its_number_as_shown(zone_db, capsys) -> None:  # type: ignore[no-untyped-def]
    url, db, zone = zone_db
    booking = pickup(db, zone)
    assert main(["book", "--reverse", f"#{booking}", "--reason", "verkeerde doos",
                 "--db", url]) == 0
    out = capsys.readouterr().out
    assert f"Teruggedraaid: boeking #{booking}, storno #" in out
    assert f"Storno: +3 doos {zone.gloves} @ {zone.storeroom} → 10" in out
    assert level(db, zone) == 10
    assert verify_stock_levels(db) == []


def test_a_second_reversal_is_refused_with_exit_1(zone_db, capsys) -> None:  # type: ignore[no-untyped-def]
    url, db, zone = zone_db
    booking = pickup(db, zone)
    assert main(["book", "--reverse", str(booking), "--reason", "fout", "--db", url]) == 0
    capsys.readouterr()
    assert main(["book", "--reverse", str(booking), "--reason", "fout", "--db", url]) == 1
    assert "werd al teruggedraaid" in capsys.readouterr().err
    assert level(db, zone) == 10


def test_without_a_reason_or_with_a_wrong_number_it_is_a_sentence_and_exit_2(zone_db, capsys) -> None:  # type: ignore[no-untyped-def]
    url, db, zone = zone_db
    booking = pickup(db, zone)
    assert main(["book", "--reverse", str(booking), "--db", url]) == 2
    assert "--reason" in capsys.readouterr().err
    assert main(["book", "--reverse", "twaalf", "--reason", "fout", "--db", url]) == 2
    assert "geen boekingsnummer" in capsys.readouterr().err
    assert level(db, zone) == 7


def test_the_preview_shows_what_it_would_book_and_books_nothing(zone_db, capsys) -> None:  # type: ignore[no-untyped-def]
    url, db, zone = zone_db
    delivery = stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                                     quantity=5, actor=TESTER).booking_id
    assert main(["book", "--reverse", str(delivery), "--preview", "--db", url]) == 0
    out = capsys.readouterr().out
    assert f"Zou terugdraaien: -5 doos {zone.gloves} @ {zone.storeroom} → 10" in out
    assert "er werd niets geboekt" in out
    pickup(db, zone, 12)
    assert main(["book", "--reverse", str(delivery), "--preview", "--db", url]) == 1
    assert "negatief" in capsys.readouterr().err
    assert main(["book", "--reverse", str(delivery), "--reason", "dubbel", "--db", url]) == 1
    assert "de storno neemt er 5 weg" in capsys.readouterr().err
    assert level(db, zone) == 3


def test_an_unknown_booking_is_refused_with_exit_1(zone_db, capsys) -> None:  # type: ignore[no-untyped-def]
    url, _db, _zone = zone_db
    assert main(["book", "--reverse", "99999", "--reason", "x", "--db", url]) == 1
    assert "Boeking #99999 bestaat niet" in capsys.readouterr().err
