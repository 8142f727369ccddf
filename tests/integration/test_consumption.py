"""Consumption per period and per site, product or recipient, on SQLite and PostgreSQL: the
figures a zone reads in its annual report, exact to the unit and to the Brussels day."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import insert, select, update

from carma_logistiek.clock import ZONE_TZ
from carma_logistiek.db.models import Booking, StockMovement
from carma_logistiek.domain.consumption import PeriodRangeReversed, TooManyPeriods
from carma_logistiek.domain.errors import UnknownLocation, UnknownProduct
from carma_logistiek.services import stock as st
from carma_logistiek.services.consumption import UnknownGrouping, consumption
from carma_logistiek.services.results import Recipient
from tests.support.actors import TESTER
from tests.support.builder import Builder

JAN, APR = date(2025, 1, 1), date(2025, 4, 30)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A Brussels wall-clock moment, as an aware datetime."""
    return datetime.combine(day, time(hour, minute), ZONE_TZ)


def dated(db, result, when: datetime) -> None:  # type: ignore[no-untyped-def]
    """Move a booking's lines to ``when`` (the services book at "now")."""
    with db.write() as session:
        session.execute(update(StockMovement).where(StockMovement.booking_id == result.booking_id)
                        .values(occurred_at=when))


def pickup(db, product: str, location: str, quantity: int, when: datetime, *,  # type: ignore[no-untyped-def]
           recipient: Recipient | None = None, consume: bool = False):
    verb = st.record_consumption if consume else st.record_pickup
    result = verb(db, product_code=product, location_code=location, quantity=quantity,
                  recipient=recipient, actor=TESTER)
    dated(db, result, when)
    return result


@pytest.fixture
def history(db, zone):  # type: ignore[no-untyped-def]
    """Drug tests at Genk (storeroom and a cabinet under it) and Bree over a winter, with the
    moments that decide the month: 23:30 on 31 January in Brussels is still January, 00:30 on
    1 February is February (though it is still 31 January in UTC)."""
    b = Builder(db)
    b.delivery(zone.drug_test, zone.storeroom, 100, lot="L1", expiry=date(2030, 1, 1))
    b.delivery(zone.drug_test, zone.cabinet, 20, lot="L1", expiry=date(2030, 1, 1))
    b.delivery(zone.drug_test, zone.other_storeroom, 50, lot="L1", expiry=date(2030, 1, 1))
    b.delivery(zone.gloves, zone.storeroom, 40).staff_member("1234", "Luc", "Claes")
    pickup(db, zone.drug_test, zone.storeroom, 3, at(date(2025, 1, 15), 10))
    pickup(db, zone.drug_test, zone.cabinet, 2, at(date(2025, 1, 31), 23, 30))
    pickup(db, zone.drug_test, zone.other_storeroom, 4, at(date(2025, 2, 1), 0, 30))
    pickup(db, zone.drug_test, zone.other_storeroom, 5, at(date(2025, 3, 10), 9), consume=True)
    pickup(db, zone.gloves, zone.storeroom, 7, at(date(2025, 3, 11), 9),
           recipient=Recipient("staff", "1234"))
    pickup(db, zone.gloves, zone.storeroom, 1, at(date(2025, 3, 12), 9),
           recipient=Recipient("location", zone.other_site))
    moved = st.record_transfer(db, product_code=zone.drug_test, from_location=zone.storeroom,
                               to_location=zone.other_storeroom, quantity=10, actor=TESTER)
    dated(db, moved, at(date(2025, 2, 10), 9))
    pickup(db, zone.drug_test, zone.storeroom, 6, at(date(2024, 12, 31), 23, 59))
    return zone


def figures(result) -> dict[str, list[int]]:  # type: ignore[no-untyped-def]
    return {series.key: list(series.values) for series in result.series}


def test_drug_tests_per_month_per_site(db, history) -> None:  # type: ignore[no-untyped-def]
    result = consumption(db, product_codes=[history.drug_test], location_code=history.zone,
                         date_from=JAN, date_to=APR, period="month", group_by="location")
    assert [b.label for b in result.buckets] == ["jan 2025", "feb 2025", "mrt 2025", "apr 2025"]
    # The transfer to Bree is not consumption; 31 Dec 23:59 is before the range.
    assert figures(result) == {history.site: [5, 0, 0, 0], history.other_site: [0, 4, 5, 0]}
    assert result.totals == (5, 4, 5, 0)
    assert result.total == 14
    assert [row.total for row in result.rows] == [5, 4, 5, 0]
    assert result.series[0].name == "Basis Bree"  # the biggest first
    assert "Speekseltest drugs" in result.filters_text


def test_a_site_rolls_up_to_its_rooms_and_cabinets(db, history) -> None:  # type: ignore[no-untyped-def]
    result = consumption(db, product_codes=[history.drug_test], location_code=history.site,
                         date_from=JAN, date_to=APR, period="month")
    assert figures(result) == {history.storeroom: [5, 0, 0, 0]}
    inside = consumption(db, product_codes=[history.drug_test], location_code=history.storeroom,
                         date_from=JAN, date_to=APR, period="year")
    # The storeroom's own shelf stands apart from the cabinet inside it.
    assert {s.name: s.values for s in inside.series} == {
        "Magazijn Genk zelf": (3,), "Kast 1": (2,)}


def test_top_consumers_of_a_site(db, history) -> None:  # type: ignore[no-untyped-def]
    result = consumption(db, location_code=history.site, date_from=JAN, date_to=APR,
                         period="year", group_by="product")
    assert [(s.key, s.total) for s in result.series] == [(history.gloves, 8),
                                                         (history.drug_test, 5)]
    top_one = consumption(db, location_code=history.zone, date_from=JAN, date_to=APR,
                          period="year", group_by="product", top=1)
    assert [(s.name, s.total) for s in top_one.series] == [("Speekseltest drugs", 14),
                                                           ("overige (1)", 8)]


def test_by_recipient_names_places_and_staff(db, history) -> None:  # type: ignore[no-untyped-def]
    result = consumption(db, product_codes=[history.gloves], date_from=JAN, date_to=APR,
                         period="month", group_by="recipient")
    assert {s.name: s.total for s in result.series} == {"personeelslid 1234": 7,
                                                        "Basis Bree": 1}


def test_weeks_follow_iso_and_empty_weeks_are_zero(db, history) -> None:  # type: ignore[no-untyped-def]
    result = consumption(db, product_codes=[history.drug_test], date_from=date(2025, 1, 27),
                         date_to=date(2025, 2, 9), period="week")
    assert [b.label for b in result.buckets] == ["week 5 2025", "week 6 2025"]
    assert result.totals == (6, 0)  # Friday 31/01 late and Saturday 01/02 just after midnight


def test_a_reversed_pickup_nets_to_zero_in_its_own_month(db, history) -> None:  # type: ignore[no-untyped-def]
    booked = pickup(db, history.drug_test, history.storeroom, 6, at(date(2025, 3, 20), 10))
    with db.write() as session:  # a storno as the reversal service writes it, a month later
        line = session.execute(select(StockMovement).where(
            StockMovement.booking_id == booked.booking_id)).scalar_one()
        booking_id = session.execute(insert(Booking).values(
            idempotency_key="storno-1", kind="pickup", booked_by="tester")
            .returning(Booking.id)).scalar_one()
        session.execute(insert(StockMovement).values(
            booking_id=booking_id, kind=line.kind, product_id=line.product_id,
            lot_id=line.lot_id, location_id=line.location_id, quantity=-line.quantity,
            occurred_at=at(date(2025, 4, 2), 9), recorded_by="tester",
            reverses_movement_id=line.id))
    result = consumption(db, product_codes=[history.drug_test], location_code=history.zone,
                         date_from=JAN, date_to=APR, period="month")
    assert result.totals == (5, 4, 5, 0)
    april_only = consumption(db, product_codes=[history.drug_test], date_from=date(2025, 4, 1),
                             date_to=APR, period="month")
    assert april_only.totals == (0,) and april_only.series == ()


def test_expired_write_offs_as_a_second_measure(db, zone) -> None:  # type: ignore[no-untyped-def]
    Builder(db).delivery(zone.drug_test, zone.storeroom, 9, lot="OLD", expiry=date(2025, 2, 1))
    done = st.write_off_expired(db, product_code=zone.drug_test, location_code=zone.storeroom,
                                actor=TESTER, today=date(2025, 3, 1))
    dated(db, done, at(date(2025, 3, 1), 8))
    result = consumption(db, product_codes=[zone.drug_test], date_from=JAN, date_to=APR,
                         include_written_off=True)
    assert result.written_off == (0, 0, 9, 0)
    assert result.total == 0  # a write-off is not consumption
    assert consumption(db, date_from=JAN, date_to=APR).written_off is None


def test_bad_requests_are_sentences(db, zone) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownProduct):
        consumption(db, product_codes=["NOPE"], date_from=JAN, date_to=APR)
    with pytest.raises(UnknownLocation):
        consumption(db, location_code="NOWHERE", date_from=JAN, date_to=APR)
    with pytest.raises(PeriodRangeReversed, match="vóór de begindatum"):
        consumption(db, date_from=APR, date_to=JAN)
    with pytest.raises(TooManyPeriods):
        consumption(db, date_from=date(2000, 1, 1), date_to=APR, period="week")
    with pytest.raises(UnknownGrouping):
        consumption(db, date_from=JAN, date_to=APR, group_by="colour")


# --- the command line -------------------------------------------------------------------------


def cli(db, *words: str) -> int:  # type: ignore[no-untyped-def]
    from carma_logistiek.cli import main

    return main(["report", "consumption", "--db", db.url, *words])


def test_cli_writes_a_pdf_and_an_xlsx_that_read_back(db, history, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    import openpyxl

    common = ("--product", history.drug_test, "--location", history.zone,
              "--from", "2025-01-01", "--to", "2025-04-30", "--period", "month")
    assert cli(db, *common, "--out", str(tmp_path / "verbruik.pdf")) == 0
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF back")
    text = subprocess.run(["pdftotext", str(tmp_path / "verbruik.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Verbruiksrapport" in text and "Basis Bree" in text and "feb 2025" in text
    assert cli(db, *common, "--written-off", "--out", str(tmp_path / "verbruik.xlsx")) == 0
    book = openpyxl.load_workbook(tmp_path / "verbruik.xlsx")
    sheet = book.active
    rows = [row for row in sheet.iter_rows(min_row=6, values_only=True)]
    assert rows[0] == ("Periode", "Basis Bree", "Genk hoofdcommissariaat", "Totaal",
                       "Afgeboekt (vervallen)")
    assert rows[1:6] == [("jan 2025", 0, 5, 5, 0), ("feb 2025", 4, 0, 4, 0),
                         ("mrt 2025", 5, 0, 5, 0), ("apr 2025", 0, 0, 0, 0),
                         ("Totaal", 9, 5, 14, 0)]
    assert len(sheet._charts) == 1  # a native Excel chart over the table


def test_cli_without_out_prints_the_table(db, history, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli(db, "--product", history.drug_test, "--from", "2025-01-01", "--to",
               "2025-03-31", "--format", "csv") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "period,label,BREE,GENK,total"
    assert lines[2] == "2025-02,feb 2025,4,0,4"


def test_cli_bad_input_is_a_sentence_and_writes_nothing(db, zone, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "rapporten"
    out = folder / "verbruik.pdf"
    with pytest.raises(SystemExit) as stopped:
        cli(db, "--from", "31/02/2025", "--to", "2025-04-30", "--out", str(out))
    assert stopped.value.code == 2
    assert "is geen datum: schrijf JJJJ-MM-DD" in capsys.readouterr().err
    assert cli(db, "--product", "NOPE", "--from", "2025-01-01", "--to", "2025-04-30",
               "--out", str(out)) == 1
    assert "Onbekend product: 'NOPE'" in capsys.readouterr().err
    assert cli(db, "--from", "2025-01-01", "--to", "2025-04-30", "--out",
               str(folder / "verbruik.docx")) == 2
    assert ".pdf- of een .xlsx-bestand" in capsys.readouterr().err
    assert not folder.exists()
