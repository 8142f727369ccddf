"""Booking files that finish: every row is booked or refused with its file line and a reason,
the summary always comes, a re-run books exactly what is missing, and a row of another file is
never taken for one already booked (SQLite and PostgreSQL)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from conftest import take_snapshot

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.services import stock
from carma_logistiek.services.booking_import import (
    BookingFileColumns,
    BookingFileUnreadable,
    import_bookings,
    read_booking_csv,
)
from carma_logistiek.services.stock.overview import stock_overview
from tests.support.actors import TESTER

HEADER = "kind;product;location;qty;lot;expiry;note"


def write(path: Path, *rows: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join((HEADER, *rows)) + "\r\n").encode(encoding))
    return path


def level(db, zone, product=None) -> int:  # type: ignore[no-untyped-def]
    rows = stock_overview(db, location_code=zone.cabinet, product_codes=[product or zone.gloves])
    return sum(row.quantity for row in rows)


def test_a_february_row_that_looks_like_a_january_one_is_booked(db, zone, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pickup = f"afhaling;{zone.gloves};{zone.cabinet};2;;;"
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.cabinet,
                          quantity=10, actor=TESTER)
    january = import_bookings(db, write(tmp_path / "januari.csv", pickup), actor=TESTER)
    february = import_bookings(db, write(tmp_path / "februari.csv", pickup), actor=TESTER)
    assert (january.written, february.written, february.replayed) == (1, 1, 0)
    assert level(db, zone) == 6


def test_bad_rows_are_refused_with_their_file_line_and_the_rest_is_booked(db, zone, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "levering.csv",
                 f"levering;{zone.gloves};{zone.cabinet};5;;;",            # line 2
                 f"levering;{zone.gloves};{zone.cabinet};²;;;",            # 3: superscript
                 f"levering;{zone.gloves};{zone.cabinet};--5;;;",          # 4
                 f"levering;{zone.gloves};{zone.cabinet};٣;;;",            # 5: Arabic-Indic 3
                 f"levering;{zone.gloves};{zone.cabinet};𝟑;;;",            # 6: mathematical 3
                 f"levering;{zone.drug_test};{zone.cabinet};1;{'L' * 41};31/12/2030;",  # 7
                 f"levering;{zone.gloves};{zone.cabinet};1;;;kapot\x00",   # 8: NUL
                 f"levering;{zone.gloves};{zone.cabinet};1;;;;te veel",    # 9: a value too many
                 f"levering;{zone.gloves};{zone.cabinet};2;;;")           # 10
    lines = []
    report = import_bookings(db, path, actor=TESTER, on_outcome=lines.append)
    assert [row.line for row in report.refused] == [3, 4, 5, 6, 7, 8, 9]
    assert all(row.text and row.text[0].isupper() for row in report.refused)
    assert "lotnummer is te lang" in report.refused[4].text
    assert (report.written, report.replayed, report.total) == (2, 0, 9)
    assert level(db, zone) == 7


def test_a_rerun_after_fixing_the_refused_rows_books_exactly_those(db, zone, tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = [f"levering;{zone.gloves};{zone.cabinet};{n};;;" for n in (1, 2, 3)]
    path = write(tmp_path / "w48.csv", good[0], f"levering;{zone.gloves};{zone.cabinet};x;;;",
                 good[1], good[2])
    first = import_bookings(db, path, actor=TESTER)
    assert (first.written, len(first.refused)) == (3, 1)
    write(path, good[0], f"levering;{zone.gloves};{zone.cabinet};4;;;", good[1], good[2])
    second = import_bookings(db, path, actor=TESTER)
    assert (second.written, second.replayed, len(second.refused)) == (1, 3, 0)
    assert level(db, zone) == 1 + 2 + 3 + 4


def test_a_fault_in_one_row_does_not_stop_the_others(db, zone, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = stock.record_delivery

    def flaky(db_, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs["quantity"] == 13:
            raise RuntimeError("disk said no")
        return real(db_, **kwargs)

    monkeypatch.setattr(stock, "record_delivery", flaky)
    path = write(tmp_path / "x.csv", *(f"levering;{zone.gloves};{zone.cabinet};{n};;;"
                                       for n in (1, 13, 2)))
    report = import_bookings(db, path, actor=TESTER)
    assert (report.written, [r.line for r in report.refused]) == (2, [3])
    assert "disk said no" not in report.refused[0].text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le"])
def test_files_from_excel_on_windows_are_read_in_their_encoding(tmp_path, encoding) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "excel.csv", "levering;HANDSCH-M;GENK-KAST1;5;;;geleverd door Dräger",
                 encoding=encoding)
    if encoding == "utf-16":
        assert path.read_bytes().startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    [(line, row)] = list(read_booking_csv(path))
    assert (line, row.qty, row.note) == (2, "5", "geleverd door Dräger")


def test_lines_are_the_lines_of_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lines.csv"
    path.write_text(f"{HEADER}\n\nlevering;A;B;1;;;\n\nlevering;A;B;2;;;\"twee\nregels\"\n"
                    "levering;A;B;3;;;\n", encoding="utf-8")
    assert [line for line, _row in read_booking_csv(path)] == [3, 6, 7]


def test_files_that_cannot_be_read_book_nothing_and_say_why(db, zone, tmp_path) -> None:  # type: ignore[no-untyped-def]
    one_column = tmp_path / "een-kolom.csv"
    one_column.write_text("product\nHANDSCH-M\n", encoding="utf-8")
    binary = tmp_path / "foto.csv"
    binary.write_bytes(bytes(range(128, 256)) * 4)
    before = take_snapshot(db)
    cases = {tmp_path / "bestaat-niet.csv": BookingFileUnreadable,
             tmp_path: BookingFileUnreadable,
             one_column: BookingFileColumns,
             binary: BookingFileUnreadable}
    for path, error in cases.items():
        with pytest.raises(error) as refused:
            import_bookings(db, path, actor=TESTER)
        assert isinstance(refused.value, DomainError)
        assert "Er werd niets ingelezen" in refused.value.message()
    assert take_snapshot(db) == before


def test_a_preview_shows_what_the_run_will_do_and_books_nothing(db, zone, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Each row of the preview sees the rows before it (the delivery on line 2 makes the
    pickup on line 3 possible; line 4 asks more than is left), exactly as the real run."""
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.cabinet,
                          quantity=2, actor=TESTER, key="al-eerder")
    path = tmp_path / "week.csv"
    path.write_text("kind;product;location;qty;key\n"
                    f"levering;{zone.gloves};{zone.cabinet};5;\n"
                    f"afhaling;{zone.gloves};{zone.cabinet};6;\n"
                    f"afhaling;{zone.gloves};{zone.cabinet};9;\n"
                    f"levering;{zone.gloves};{zone.cabinet};2;al-eerder\n"
                    f"levering;ONBEKEND;{zone.cabinet};1;\n", encoding="utf-8")
    before = take_snapshot(db)
    heard = []
    preview = import_bookings(db, path, actor=TESTER, preview=True, on_outcome=heard.append)
    assert take_snapshot(db) == before
    assert preview.preview and heard == list(preview.outcomes)
    summary = [(row.line, row.outcome.value) for row in preview.outcomes]
    assert summary == [(2, "written"), (3, "written"), (4, "refused"), (5, "replayed"),
                       (6, "refused")]
    assert "→ 7" in preview.outcomes[0].text and "→ 1" in preview.outcomes[1].text
    assert "Onvoldoende voorraad" in preview.outcomes[2].text
    real = import_bookings(db, path, actor=TESTER)
    assert [(r.line, r.outcome, r.text) for r in real.outcomes] == [
        (r.line, r.outcome, r.text) for r in preview.outcomes]
    assert level(db, zone) == 1
