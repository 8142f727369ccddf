"""Use cases composed of several reads run in one transaction, and what moved out of cli.py
(the booking import, the scan description) behaves as the command line showed it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import Zone
from PIL import Image
from sqlalchemy import event, func, select

from carma_logistiek.clock import local_today
from carma_logistiek.db.models import Booking
from carma_logistiek.db.uow import Database
from carma_logistiek.documents.specs import NothingToPrint
from carma_logistiek.domain.errors import InvalidDate, InvalidQuantity
from carma_logistiek.services import kit_views, kits, masterdata, stock
from carma_logistiek.services.booking_import import (
    BookingRow,
    UnknownKind,
    book_row,
    import_bookings,
    parse_date,
    read_booking_csv,
)
from carma_logistiek.services.composition import CompositionWrote, one_transaction
from carma_logistiek.services.documents import label_sheet, stock_report_content
from carma_logistiek.services.scan_description import describe_scan
from carma_logistiek.services.stock.overview import stock_overview
from tests.support.frames import tiny_photo


@contextmanager
def connections_used(db: Database) -> Iterator[list[int]]:
    """How many connections the block took from the pool: one per transaction."""
    taken: list[int] = []

    def on_checkout(*_args: object) -> None:
        taken.append(1)

    event.listen(db.engine, "checkout", on_checkout)
    try:
        yield taken
    finally:
        event.remove(db.engine, "checkout", on_checkout)


@pytest.fixture
def lots(db, zone: Zone) -> Zone:  # type: ignore[no-untyped-def]
    """Five lots of two products in Genk: a lot sheet reads each product's detail."""
    for number in range(3):
        stock.record_delivery(db, product_code=zone.drug_test, location_code=zone.cabinet,
                              quantity=5, lot_number=f"D{number}", actor=zone.actor,
                              expiry=local_today() + timedelta(days=100 + number))
    for number in range(2):
        stock.record_delivery(db, product_code=zone.mouthpiece, location_code=zone.storeroom,
                              quantity=5, lot_number=f"M{number}", actor=zone.actor,
                              expiry=local_today() + timedelta(days=300 + number))
    return zone


def test_a_lot_sheet_reads_in_one_transaction(db, lots: Zone) -> None:  # type: ignore[no-untyped-def]
    with connections_used(db) as taken:
        specs = label_sheet(db, kind="lot", location_code=lots.site)
    # By product name (Mondstuk before Speekseltest), then expiry.
    assert [spec.detail.split("lot ")[-1] for spec in specs] == ["M0", "M1", "D0", "D1", "D2"]
    assert len(taken) == 1


def test_product_and_location_sheets_read_in_one_transaction(db, lots: Zone) -> None:  # type: ignore[no-untyped-def]
    with connections_used(db) as taken:
        products = label_sheet(db, kind="product",
                               product_codes=[lots.gloves, lots.drug_test, lots.mouthpiece])
    assert [spec.code for spec in products] == [lots.gloves, lots.drug_test, lots.mouthpiece]
    assert len(taken) == 1
    with connections_used(db) as taken:
        places = label_sheet(db, kind="location", location_code=lots.storeroom)
    assert [spec.code for spec in places] == [lots.storeroom, lots.cabinet, lots.cabinet2]
    assert len(taken) == 1


def test_an_empty_sheet_says_why_in_dutch(db, zone: Zone) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NothingToPrint) as refused:
        label_sheet(db, kind="lot", location_code=zone.other_storeroom)
    assert "geen loten met voorraad" in refused.value.message()


def test_the_stock_report_reads_in_one_transaction(db, lots: Zone) -> None:  # type: ignore[no-untyped-def]
    with connections_used(db) as taken:
        content = stock_report_content(db, location_code=lots.site.lower(), only="all")
    assert len(taken) == 1
    assert {row.product_code for row in content.rows} == {lots.drug_test, lots.mouthpiece}
    assert content.filters_text.startswith(
        f"locatie Genk hoofdcommissariaat ({lots.site}) en alles eronder")


def test_the_kit_screens_read_in_one_transaction(db, zone: Zone) -> None:  # type: ignore[no-untyped-def]
    masterdata.create_location(db, code="VITO-01", name="Mercedes Vito 1", kind="vehicle",
                               parent_code=zone.site, actor=zone.actor)
    kits.create_kit_type(db, code="FAK", name="First Aid Kit", interval_months_building=12,
                         interval_months_vehicle=6, actor=zone.actor,
                         items=[kits.TemplateItemInput(zone.gloves, 1)])
    kits.register_kit(db, code="K-1", kit_type_code="FAK", location_code="VITO-01",
                      actor=zone.actor, responsible="An Peeters", placed_on=date(2026, 1, 10))
    photos = tuple(kits.add_kit_photo(db, code="K-1", data=tiny_photo(100 * n), mime_type="image/png",
                                      actor=zone.actor).photo_id for n in range(3))
    with connections_used(db) as taken:
        sheet = kit_views.load_check(db, text="CL1:CARMA:K:K-1")
    assert sheet.detail.kit.code == "K-1" and [i.product_code for i in sheet.items] == [
        zone.gloves]
    assert len(taken) == 1
    with connections_used(db) as taken:
        loaded = kit_views.load_photos(db, photo_ids=photos)
    assert [photo_id for photo_id, _mime, _data in loaded] == list(photos)
    shades = [Image.open(io.BytesIO(data)).convert("L").getpixel((0, 0)) for _i, _m, data in loaded]
    assert [round(shade / 100) for shade in shades] == [0, 1, 2]  # each photo its own pixels
    assert len(taken) == 1
    with connections_used(db) as taken:
        types, names = kit_views.register_data(db)
    assert [t.code for t in types] == ["FAK"] and names == ["An Peeters"]
    assert len(taken) == 1
    with pytest.raises(kit_views.NotAKitLabel):
        kit_views.load_check(db, text=f"CL1:CARMA:L:{zone.cabinet}")


def test_a_composition_cannot_write(db, zone: Zone) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CompositionWrote), one_transaction(db) as tx:
        stock.record_delivery(tx, product_code=zone.gloves, location_code=zone.cabinet,
                              quantity=1, actor=zone.actor)
    with db.read() as session:
        assert session.execute(select(func.count()).select_from(Booking)).scalar_one() == 0


# --- the booking import ---------------------------------------------------------------------


def test_rows_are_refused_in_dutch_before_anything_is_booked(db, zone: Zone) -> None:  # type: ignore[no-untyped-def]
    row = BookingRow("verkoop", zone.gloves, zone.cabinet, "1")
    with pytest.raises(UnknownKind) as unknown:
        book_row(db, row, actor=zone.actor)
    assert "Onbekende soort boeking 'verkoop'" in unknown.value.message()
    with pytest.raises(InvalidQuantity):
        book_row(db, BookingRow("levering", zone.gloves, zone.cabinet, "twee"), actor=zone.actor)
    with pytest.raises(InvalidDate):
        book_row(db, BookingRow("levering", zone.drug_test, zone.cabinet, "2", lot="A",
                                expiry="31.12.2027"), actor=zone.actor)
    with db.read() as session:
        assert session.execute(select(func.count()).select_from(Booking)).scalar_one() == 0


def test_dates_as_machines_and_people_write_them() -> None:
    assert parse_date("2027-06-30") == parse_date("30/06/2027") == parse_date(" 30-06-2027 ") \
        == date(2027, 6, 30)


def test_a_csv_saved_by_excel_on_windows(db, zone: Zone, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Belgian Excel: semicolons, a BOM, CRLF line ends, Dutch kinds and dates.
    path = tmp_path / "import.csv"
    path.write_bytes("\ufeffKind;Product;Location;Qty;Lot;Expiry;For\r\n"
                     f"levering;{zone.drug_test};{zone.cabinet};10;A1;31/12/2027;\r\n"
                     f"afhaling;{zone.drug_test};{zone.cabinet};3;A1;;staff:01001\r\n"
                     f"afhaling;{zone.drug_test};{zone.cabinet};3;A1;;staff:01001\r\n"
                     f"verkoop;{zone.drug_test};{zone.cabinet};1;A1;;\r\n".encode())
    keys = [row.key for _line, row in read_booking_csv(path)]
    assert len(set(keys)) == 4  # two identical rows are two bookings
    rejected = []
    report = import_bookings(db, path, actor=zone.actor, on_outcome=rejected.append)
    assert (report.written, report.replayed, report.total) == (3, 0, 4)
    assert [row.line for row in report.refused] == [5] and [r for r in rejected if r.outcome.value == 'refused'] == list(report.refused)
    again = import_bookings(db, path, actor=zone.actor)
    assert (again.written, again.replayed, len(again.refused)) == (0, 3, 1)
    rows = stock_overview(db, location_code=zone.cabinet, product_codes=[zone.drug_test])
    assert [row.quantity for row in rows] == [10 - 3 - 3]  # each row once, after both runs


# --- the scan description -------------------------------------------------------------------


def test_describe_scan_with_and_without_the_database(db, zone: Zone) -> None:  # type: ignore[no-untyped-def]
    assert describe_scan(f"CL1:CARMA:L:{zone.cabinet}") == {
        "kind": "location", "zone": "CARMA", "code": zone.cabinet}
    with connections_used(db) as taken:
        resolved = describe_scan(zone.drug_test_gtin, db)
    assert len(taken) == 1
    assert resolved["kind"] == "manufacturer" and resolved["resolved_kind"] == "product"
    assert resolved["product"] == {"code": zone.drug_test, "name": "Speekseltest drugs"}
    assert describe_scan("hallo")["kind"] is None
