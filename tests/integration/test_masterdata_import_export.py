"""Products, locations and suppliers leave as CSV or XLSX and come back in unchanged: an export
imported again changes nothing (every row "ongewijzigd"), an edited cell changes exactly that.
Locations may come in any order; a cycle or an unknown parent is refused per row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from carma_logistiek.db.models import Base, Location
from carma_logistiek.services import masterdata
from carma_logistiek.services.import_specs import run_import, spec_named
from carma_logistiek.services.imports import Outcome
from carma_logistiek.services.masterdata import SupplierValues, import_kinds
from tests.support.actors import TESTER

SUFFIXES = [".csv", ".xlsx"]


def everything(db) -> dict[str, list[tuple[Any, ...]]]:  # type: ignore[no-untyped-def]
    """Every row of the zone's data. Not the audit trail: an import that changes nothing is
    still an import someone did, and the trail says so (tests/integration/test_audit.py)."""
    with db.read() as session:
        return {table.name: sorted((tuple(row) for row in session.execute(select(table))),
                                   key=repr)
                for table in Base.metadata.sorted_tables
                if not table.name.startswith("audit_")}


@pytest.fixture
def stocked(db, zone):  # type: ignore[no-untyped-def]
    """The zone with what a real list has: suppliers (a phone that starts with '+'), a
    preferred supplier with reference and pack size, two GTINs, notes, a retired product and
    a retired location."""
    masterdata.create_supplier(db, code="MEDI", values=SupplierValues(
        "Medi-Market", contact="An Peeters", email="bestel@medi.example",
        phone="+32 11 22 33 44", customer_number="PZ-1", lead_time_days=5,
        notes="-- enkel per mail"), actor=TESTER)
    masterdata.create_supplier(db, code="ZORG", values=SupplierValues("Zorgshop"), actor=TESTER)
    masterdata.set_product_supplier(db, product_code=zone.gloves, supplier_code="MEDI",
                                    reference="HM-100", pack_size=10, actor=TESTER)
    masterdata.set_product_supplier(db, product_code=zone.gloves, supplier_code="ZORG",
                                    reference="Z-9", actor=TESTER)
    details = masterdata.get_product_details(db, zone.gloves)
    masterdata.update_product(db, code=zone.gloves, values=masterdata.ProductValues(
        details.name, details.category, details.unit, shelf_life_days=730,
        notes="=niet openen\nmet twee regels", gtins=("4006381333931", "5410000000019")),
        actor=TESTER)
    masterdata.create_product(db, code="OUD", name="Oud model", actor=TESTER)
    masterdata.retire_product(db, code="OUD", actor=TESTER)
    masterdata.create_location(db, code="WEG", name="Oude kast", kind="cabinet",
                               parent_code=zone.storeroom, actor=TESTER)
    masterdata.retire_location(db, code="WEG", actor=TESTER)
    return zone


EXPORTS = {"products": masterdata.export_products, "locations": masterdata.export_locations,
           "suppliers": masterdata.export_suppliers}


def export(db, kind: str, path: Path) -> Path:  # type: ignore[no-untyped-def]
    return masterdata.write_export(EXPORTS[kind](db), path)


def import_file(db, kind: str, path: Path, **options: Any):  # type: ignore[no-untyped-def]
    return run_import(db, spec_named(kind), path, preview=options.pop("preview", False),
                      actor=TESTER, **options)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_an_export_imported_again_changes_nothing(db, stocked, tmp_path, suffix) -> None:  # type: ignore[no-untyped-def]
    before = everything(db)
    for kind in ("suppliers", "locations", "products"):
        path = export(db, kind, tmp_path / f"{kind}{suffix}")
        report = import_file(db, kind, path)
        assert report.total == len(EXPORTS[kind](db).rows) > 0
        assert [row.text for row in report.outcomes if row.outcome is not Outcome.UNCHANGED
                ] == [], kind
        assert report.unchanged == report.total and not report.changes
    assert everything(db) == before


def _edit_csv(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8-sig")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8-sig")


def _edit_xlsx(path: Path, old: str, new: str) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path)
    cells = [cell for row in book.active.iter_rows() for cell in row if cell.value == old]
    assert len(cells) == 1, old
    cells[0].value = new
    book.save(path)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_an_edited_cell_changes_exactly_that(db, stocked, tmp_path, suffix) -> None:  # type: ignore[no-untyped-def]
    edit = _edit_csv if suffix == ".csv" else _edit_xlsx
    path = export(db, "products", tmp_path / f"producten{suffix}")
    edit(path, "Speekseltest drugs", "Speekseltest drugs (5 stuks)")
    before = everything(db)
    report = import_file(db, "products", path)
    changed = [row for row in report.outcomes if row.outcome is Outcome.WRITTEN]
    assert len(changed) == 1 and report.unchanged == report.total - 1
    assert "DT-SPK" in changed[0].text and "naam" in changed[0].text
    assert report.changes.products == {"DT-SPK"}
    after = everything(db)
    assert {k: v for k, v in after.items() if k != "products"} == {
        k: v for k, v in before.items() if k != "products"}
    assert masterdata.get_product(db, "DT-SPK").name == "Speekseltest drugs (5 stuks)"
    # The supplier's reference, in the same sheet:
    path = export(db, "products", tmp_path / f"opnieuw{suffix}")
    edit(path, "HM-100", "HM-200")
    report = import_file(db, "products", path)
    assert report.written == 1
    [preferred] = [s for s in masterdata.get_product_details(db, stocked.gloves).suppliers
                   if s.preferred]
    assert (preferred.supplier_code, preferred.reference, preferred.pack_size) == (
        "MEDI", "HM-200", 10)


def _write_csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_children_may_come_before_their_parents(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _write_csv(tmp_path / "locaties.csv", [
        "Code;Naam;Soort;Hoort onder",
        "GNK-MAG-K1;Kast 1;kast;GNK-MAG",
        "GNK-MAG;Magazijn Genk;magazijn;GNK",
        "CARMA;Politiezone CARMA;zone;",
        "GNK;Genk;site;CARMA",
        "VITO-01;Vito 01;voertuig;GNK",
    ])
    report = import_file(db, "locations", path)
    assert (report.written, report.total, report.refused) == (5, 5, ())
    rows = {row.code: row for row in masterdata.list_locations(db)}
    assert rows["GNK-MAG-K1"].parent_code == "GNK-MAG" and rows["GNK-MAG-K1"].depth == 3
    with db.read() as session:
        by_code = {loc.code: loc for loc in session.scalars(select(Location))}
        assert by_code["GNK-MAG-K1"].path.startswith(by_code["GNK-MAG"].path)
        assert by_code["GNK-MAG"].path.startswith(by_code["CARMA"].path)


def test_a_cycle_or_an_unknown_parent_refuses_those_rows_only(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _write_csv(tmp_path / "locaties.csv", [
        "Code;Naam;Soort;Hoort onder",
        "CARMA;Politiezone CARMA;zone;",
        "A;Kast A;kast;B",
        "B;Kast B;kast;A",
        "C;Kast C;kast;NERGENS",
        "D;Magazijn D;magazijn;CARMA",
        "E;Kast E;schuif;D",
    ])
    before = everything(db)
    report = import_file(db, "locations", path)
    assert report.abandoned and everything(db) == before  # refused rows: nothing kept
    refused = {row.line: row.text for row in report.refused}
    assert set(refused) == {3, 4, 5, 7}
    assert "kring" in refused[3]
    assert "A > B > A" in refused[3] or "B > A > B" in refused[3]
    assert "NERGENS" in refused[5]
    assert "schuif" in refused[7]
    kept = import_file(db, "locations", path, skip_refused=True)
    assert kept.written == 2
    assert {row.code for row in masterdata.list_locations(db)} == {"CARMA", "D"}


def test_a_product_list_creates_products_with_their_supplier_row_by_row(db, zone, tmp_path) -> None:  # type: ignore[no-untyped-def]
    masterdata.create_supplier(db, code="DRAGER", values=SupplierValues("Dräger"),
                               actor=TESTER)
    path = _write_csv(tmp_path / "producten.csv", [
        "Artikelcode;Omschrijving;Eenheid;Vervaldatum;EAN;Leverancier;Referentie;Verpakking",
        "ALC-TUBE;Mondstuk Dräger;stuk;ja;4006381333931;DRAGER;68 10 000;250",
        "SPT-9;Speekseltest;doos;nee;4006381333932;DRAGER;;",
        "SPT-10;Speekseltest 10;doos;misschien;;;;",
        "SPT-11;Speekseltest 11;doos;;;ONBEKEND;;",
    ])
    preview = import_file(db, "products", path, preview=True)
    assert preview.preview and [row.line for row in preview.refused] == [3, 4, 5]
    assert masterdata.list_products(db, text="ALC-TUBE") == []
    report = import_file(db, "products", path, skip_refused=True)
    assert report.written == 1
    details = masterdata.get_product_details(db, "ALC-TUBE")
    assert (details.tracks_expiry, details.tracks_lots, details.gtins) == (
        True, True, ("4006381333931",))
    assert [(s.supplier_code, s.reference, s.pack_size, s.preferred)
            for s in details.suppliers] == [("DRAGER", "68 10 000", 250, True)]
    reasons = " ".join(row.text for row in report.refused)
    assert "4006381333932" in reasons and "misschien" in reasons and "ONBEKEND" in reasons
    assert masterdata.list_products(db, text="SPT-1") == []


def test_a_missing_column_keeps_what_is_stored(db, zone, tmp_path) -> None:  # type: ignore[no-untyped-def]
    masterdata.set_minimum(db, product_code=zone.gloves, location_code=zone.storeroom,
                           minimum=3, actor=TESTER)
    before = masterdata.get_product_details(db, zone.drug_test)
    path = _write_csv(tmp_path / "namen.csv", ["Code;Naam", f"{zone.drug_test};Speekseltest"])
    report = import_file(db, "products", path)
    assert report.written == 1
    after = masterdata.get_product_details(db, zone.drug_test)
    assert after.name == "Speekseltest"
    assert (after.gtins, after.tracks_expiry, after.unit, after.category) == (
        before.gtins, before.tracks_expiry, before.unit, before.category)


def test_suppliers_are_upserted_by_code(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _write_csv(tmp_path / "leveranciers.csv", [
        "Code;Naam;E-mail;Levertijd (dagen);Actief",
        "MEDI;Medi-Market;bestel@medi.example;5;ja",
        "LYR;Lyreco;geen-mail;2;ja",
        "OUD;Oude firma;;;nee",
    ])
    report = import_file(db, "suppliers", path, skip_refused=True)
    assert report.written == 2 and [row.line for row in report.refused] == [3]
    assert [s.code for s in masterdata.list_suppliers(db)] == ["MEDI"]
    assert not masterdata.get_supplier(db, "OUD").active
    again = import_file(db, "suppliers", path, skip_refused=True)
    assert again.unchanged == 2


def test_the_kinds_are_offered_with_the_others() -> None:
    kinds = [spec.kind for spec in
             __import__("carma_logistiek.services.import_specs",
                        fromlist=["import_kinds"]).import_kinds()]
    assert {"products", "locations", "suppliers", "minimums"} <= set(kinds)
    assert import_kinds.PRODUCTS.kind == "products"
