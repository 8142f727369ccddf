"""The window's and the CLI's import of CSV and XLSX files: reading workbooks as Excel saves
them, mapping columns by name, and the all-or-nothing import of master data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from carma_logistiek.cli import main
from carma_logistiek.db.models import ProductMinimum
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.errors import DatabaseUnavailable
from carma_logistiek.services import stock
from carma_logistiek.services.booking_import import BOOKINGS, import_bookings
from carma_logistiek.services.import_specs import (
    MINIMUMS,
    MinimumRequest,
    UnknownColumn,
    auto_mapping,
    import_kinds,
    run_import,
)
from carma_logistiek.services.imports import (
    ImportAborted,
    ImportFileColumns,
    ImportFileUnreadable,
    Outcome,
    RowWriter,
    import_rows,
    read_rows,
)
from carma_logistiek.services.masterdata import set_minimum
from carma_logistiek.services.results import MinimumRow
from tests.support.actors import TESTER
from tests.support.builder import Zone


def workbook(path: Path, rows: list[list[object]], *, title: str = "Blad1",
             before: list[list[object]] | None = None) -> Path:
    """A workbook as Excel saves it: one sheet, values typed as Excel types them."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in before or []:
        sheet.append(row)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def minimums(db: Database) -> dict[tuple[int, int], int]:
    with db.read() as session:
        return {(row.product_id, row.location_id): row.minimum
                for row in session.scalars(select(ProductMinimum))}


# --- reading ----------------------------------------------------------------------------------

def test_a_workbook_reads_as_people_see_it(tmp_path: Path) -> None:
    path = workbook(tmp_path / "minima.xlsx", [
        ["Artikelcode", "Locatie", "Minimum", "Sinds"],
        ["HANDSCH-M", "GENK-MAG", 12.0, datetime(2026, 3, 1)],
        [None, None, None, None],
        ["DT-SPK", "GENK-MAG", 2.5, date(2026, 3, 2)],
    ], before=[[None], []])  # the header is not on the first line: nothing above it counts
    table = read_rows(path)
    assert table.headers == ("Artikelcode", "Locatie", "Minimum", "Sinds")
    # Excel row numbers: a message about "regel 6" points at row 6 in Excel.
    assert [row.line for row in table.rows] == [4, 6]
    first, second = (row.values for row in table.rows)
    assert first == {"artikelcode": "HANDSCH-M", "locatie": "GENK-MAG", "minimum": "12",
                     "sinds": "2026-03-01"}
    assert second["minimum"] == "2.5" and second["sinds"] == "2026-03-02"


def test_a_sheet_named_like_the_kind_is_chosen_over_the_first(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.append(["Lijst van de zone, versie 3"])
    named = book.create_sheet("Minimumvoorraden")
    named.append(["product", "locatie", "minimum"])
    named.append(["HANDSCH-M", "GENK-MAG", 4])
    book.save(tmp_path / "zone.xlsx")
    from carma_logistiek.services.import_specs import read_for_import

    table = read_for_import(MINIMUMS, tmp_path / "zone.xlsx")
    assert [row.values["minimum"] for row in table.rows] == ["4"]


@pytest.mark.parametrize(("name", "content", "words"), [
    ("oud.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "oud Excel-bestand (.xls)"),
    ("geheim.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "wachtwoord"),
    ("kapot.xlsx", b"PK\x03\x04" + b"\x14\x00" * 40, "beschadigd"),
])
def test_a_workbook_that_cannot_be_read_says_what_to_do(tmp_path: Path, name: str,
                                                        content: bytes, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileUnreadable) as refused:
        read_rows(path)
    assert words in refused.value.message()
    assert "Er werd niets ingelezen" in refused.value.message()


def test_a_truncated_workbook_is_damaged_not_a_traceback(tmp_path: Path) -> None:
    whole = workbook(tmp_path / "heel.xlsx", [["product", "locatie", "minimum"], ["A", "B", 1]])
    cut = tmp_path / "half.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(ImportFileUnreadable, match="beschadigd"):
        read_rows(cut)


# --- mapping ----------------------------------------------------------------------------------

def test_columns_are_found_by_their_other_names_in_any_case_or_accent() -> None:
    assert auto_mapping(MINIMUMS, ["Artikel-Code", " LOCATIE ", "Bestelpunt"]) == {
        "product": "Artikel-Code", "location": " LOCATIE ", "minimum": "Bestelpunt"}
    assert auto_mapping(MINIMUMS, ["Item", "Emplacement", "Seuil"])["location"] == "Emplacement"
    mapped = auto_mapping(BOOKINGS, ["Soort", "Product", "Locatie", "Hoeveelheid", "Vervaldatum"])
    assert mapped["qty"] == "Hoeveelheid" and mapped["expiry"] == "Vervaldatum"
    assert mapped["lot"] is None


def test_a_chosen_column_the_file_lacks_is_a_sentence_and_nothing_is_written(
        db: Database, zone: Zone, tmp_path: Path) -> None:
    path = workbook(tmp_path / "minima.xlsx", [["Code", "Plaats", "Min"],
                                               [zone.gloves, zone.storeroom, 5]])
    with pytest.raises(UnknownColumn) as refused:
        run_import(db, MINIMUMS, path, {"minimum": "Minimum"}, preview=False, actor=TESTER)
    assert refused.value.message().startswith(
        "Het bestand minima.xlsx heeft geen kolom 'Minimum' (voor Minimum). De kolommen zijn: "
        "Code, Plaats, Min.")
    path = workbook(tmp_path / "zonder.xlsx", [["Code", "Plaats"], [zone.gloves, zone.storeroom]])
    with pytest.raises(ImportFileColumns, match="heeft geen kolom Minimum"):
        run_import(db, MINIMUMS, path, preview=False, actor=TESTER)
    assert minimums(db) == {}


# --- minimums: one bad row shown, the file fixed and read again, imported ----------------------

def test_minimums_bad_row_previewed_refused_then_fixed_and_imported(
        db: Database, zone: Zone, tmp_path: Path) -> None:
    rows: list[list[object]] = [["Product", "Locatie", "Minimum"],
                                [zone.gloves, zone.storeroom, 12.0],
                                [zone.drug_test, zone.storeroom, "twaalf"],
                                [zone.mouthpiece, zone.cabinet, 3]]
    path = workbook(tmp_path / "minima.xlsx", rows)
    preview = run_import(db, MINIMUMS, path, preview=True, actor=TESTER)
    assert [(r.line, r.outcome) for r in preview.outcomes] == [
        (2, Outcome.WRITTEN), (3, Outcome.REFUSED), (4, Outcome.WRITTEN)]
    assert preview.refused[0].text == ("Kolom Minimum: 'twaalf' is geen geldige waarde; geef "
                                       "een geheel getal, 0 of meer.")
    assert minimums(db) == {}
    # Confirmed without choosing to skip the bad row: all or nothing, so nothing.
    kept = run_import(db, MINIMUMS, path, preview=False, actor=TESTER)
    assert kept.abandoned and not kept.kept and not kept.changes
    assert minimums(db) == {}
    rows[2][2] = 7
    workbook(path, rows)
    done = run_import(db, MINIMUMS, path, preview=False, actor=TESTER)
    assert done.kept and done.written == 3 and not done.refused
    assert sorted(minimums(db).values()) == [3, 7, 12]
    assert done.changes.products == {zone.gloves, zone.drug_test, zone.mouthpiece}
    # "minimum 0" clears.
    workbook(path, [["Product", "Locatie", "Minimum"], [zone.gloves, zone.storeroom, 0]])
    cleared = run_import(db, MINIMUMS, path, preview=False, actor=TESTER)
    assert "gewist" in cleared.outcomes[0].text
    assert sorted(minimums(db).values()) == [3, 7]


def test_skip_refused_keeps_the_good_rows_and_reports_the_bad(
        db: Database, zone: Zone, tmp_path: Path) -> None:
    path = tmp_path / "minima.csv"
    path.write_text(f"product;locatie;minimum\n{zone.gloves};{zone.storeroom};4\n"
                    f"ONBEKEND;{zone.storeroom};4\n", encoding="cp1252")
    report = run_import(db, MINIMUMS, path, preview=False, actor=TESTER, skip_refused=True)
    assert report.kept and report.written == 1
    assert "ONBEKEND" in report.refused[0].text and report.refused[0].line == 3
    assert list(minimums(db).values()) == [4]


# --- atomic: a fault in row 3 of 5 leaves nothing written (SQLite and PostgreSQL) ------------

@dataclass
class FaultOnThirdRow:
    """set_minimum for each row, but the database goes away (or a bug strikes) at the third."""

    fault: Exception
    calls: int = 0

    def apply(self, target: Database, request: MinimumRequest) -> MinimumRow:
        self.calls += 1
        if self.calls == 3:
            raise self.fault
        return set_minimum(target, product_code=request.product_code,
                           location_code=request.location_code, minimum=request.minimum,
                           actor=TESTER)


@pytest.mark.parametrize("fault", [DatabaseUnavailable(detail="verbinding verbroken"),
                                   RuntimeError("a bug")], ids=["database gone", "bug"])
def test_a_fault_in_row_three_of_five_leaves_nothing_written(
        db: Database, zone: Zone, fault: Exception) -> None:
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=1, actor=TESTER)
    rows = [(line, MinimumRequest(code, zone.storeroom, line))
            for line, code in zip(range(2, 7), [zone.gloves, zone.drug_test, zone.mouthpiece,
                                                zone.gloves, zone.drug_test], strict=True)]
    fake = FaultOnThirdRow(fault)
    writer = RowWriter(apply=fake.apply, replayed=lambda _r: False, describe=str)
    with pytest.raises(ImportAborted) as aborted:
        import_rows(db, rows, writer, atomic=True, actor=TESTER, source="minima.xlsx")
    assert "regel 4" in aborted.value.message() and "niets ingelezen" in aborted.value.message()
    assert minimums(db) == {}
    # The same rows without the fault: all five land, in one go.
    report = import_rows(db, rows, MINIMUMS.writer(TESTER), atomic=True, actor=TESTER)
    assert report.written == 5 and len(minimums(db)) == 3


# --- booking files through the spec: the same keys as ``book --from`` -------------------------

def test_a_booking_workbook_books_once_whether_window_or_cli(
        db: Database, zone: Zone, tmp_path: Path) -> None:
    header = ["kind", "product", "location", "qty", "lot", "expiry"]
    body = [["levering", zone.gloves, zone.storeroom, 5, None, None],
            ["levering", zone.drug_test, zone.storeroom, 2, "L7", date(2030, 1, 31)],
            ["afhaling", zone.gloves, zone.storeroom, 999, None, None]]
    path = workbook(tmp_path / "boekingen.xlsx", [header, *body])
    report = run_import(db, BOOKINGS, path, preview=False, actor=TESTER)
    assert [r.outcome for r in report.outcomes] == [Outcome.WRITTEN, Outcome.WRITTEN,
                                                    Outcome.REFUSED]
    assert (zone.drug_test, zone.storeroom) in report.changes.stock
    again = import_bookings(db, path, actor=TESTER)  # book --from on the same file
    assert [r.outcome for r in again.outcomes] == [Outcome.REPLAYED, Outcome.REPLAYED,
                                                   Outcome.REFUSED]


def test_bookings_come_first_and_minimums_are_offered() -> None:
    kinds = [spec.kind for spec in import_kinds()]
    assert kinds[0] == "bookings" and "minimums" in kinds


# --- the command line -------------------------------------------------------------------------

def test_cli_import_previews_maps_and_refuses_until_fixed(
        db: Database, zone: Zone, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = workbook(tmp_path / "minima.xlsx", [["Code", "Waar", "Min."],
                                               [zone.gloves, zone.storeroom, 6],
                                               [zone.gloves, "NERGENS", 6]])
    base = ["import", "minimums", str(path), "--db", db.url, "--map", "location=Waar"]
    assert main([*base, "--preview"]) == 1
    out = capsys.readouterr()
    assert "Regel 2: goed:" in out.out and "Regel 3: zou geweigerd worden:" in out.err
    assert main(base) == 1
    assert "Er werd niets ingelezen: 1 regel geweigerd" in capsys.readouterr().out
    assert minimums(db) == {}
    assert main([*base, "--skip-refused"]) == 1
    assert "1 ingelezen" in capsys.readouterr().out
    assert list(minimums(db).values()) == [6]
    assert main([*base, "--map", "minimum"]) == 2
    assert "geef veld=Kolom" in capsys.readouterr().err
